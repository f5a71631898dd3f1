//! Turning row-level sites into file, line, column and path.

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::inventory::{ParsedFile, Site, Source};

/// A diagnostic waiting for its location.
pub struct Pending {
    /// Where.
    pub site: Site,
    /// What.
    pub code: Code,
    /// The message.
    pub message: String,
}

/// Resolves pending diagnostics: each file that has any is located once, by its own
/// importer's locator.
pub fn resolve(
    pending: Vec<Pending>,
    files: &[ParsedFile<'_>],
    sources: &[Source],
) -> Vec<Diagnostic> {
    let mut by_file: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, p) in pending.iter().enumerate() {
        by_file.entry(p.site.file).or_default().push(i);
    }
    let mut locations: Vec<Option<Location>> = vec![None; pending.len()];
    for (file, idxs) in by_file {
        let parsed = &files[file as usize];
        let sites: Vec<Site> = idxs.iter().map(|&i| pending[i].site).collect();
        let found = parsed.locator.locate(&sources[parsed.source], &sites);
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
