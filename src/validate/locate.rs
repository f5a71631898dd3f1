//! Turning row-level sites into file, line, column and path.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::inventory::Site;

/// A diagnostic waiting for its location.
pub struct Pending {
    /// Where.
    pub site: Site,
    /// What.
    pub code: Code,
    /// The message.
    pub message: String,
}

/// Resolves pending diagnostics: each file that has any is located once, by `locate`
/// (which reads that file again), the files in parallel.
pub fn resolve(
    pending: Vec<Pending>,
    locate: &(dyn Fn(usize, &[Site]) -> Vec<Location> + Sync),
) -> Vec<Diagnostic> {
    let mut by_file: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, p) in pending.iter().enumerate() {
        by_file.entry(p.site.file).or_default().push(i);
    }
    let by_file: Vec<(u32, Vec<usize>)> = by_file.into_iter().collect();
    let found: Vec<Vec<Location>> = by_file
        .par_iter()
        .map(|(file, idxs)| {
            let sites: Vec<Site> = idxs.iter().map(|&i| pending[i].site).collect();
            locate(*file as usize, &sites)
        })
        .collect();
    let mut locations: Vec<Option<Location>> = vec![None; pending.len()];
    for ((_, idxs), found) in by_file.iter().zip(found) {
        for (&i, l) in idxs.iter().zip(found) {
            locations[i] = Some(l);
        }
    }
    pending
        .into_iter()
        .zip(locations)
        .map(|(p, l)| Diagnostic::new(p.code, p.message, l))
        .collect()
}
