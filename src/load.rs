//! The front of the pipeline: inputs to a validated inventory and its graph.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};
use crate::inventory::{ParsedFile, Source, parse_source, read_inputs};
use crate::model::Inventory;
use crate::validate::validate;

/// What loading produced: the inventory when it is valid, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The inventory, when there is no error.
    pub inventory: Option<Inventory>,
    /// Every error and warning, sorted (errors first, then by location).
    pub diagnostics: Vec<Diagnostic>,
    /// The files that were read, in order.
    pub files: Vec<String>,
    /// Their total size in bytes.
    pub bytes: u64,
}

impl Loaded {
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}

/// Reads, parses and validates inputs (files, directories, `-` for standard input) into one
/// inventory. Every problem of every file is collected; syntax errors stop a file only.
pub fn load(inputs: &[PathBuf]) -> Loaded {
    let (sources, mut diags) = read_inputs(inputs);
    let files: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let bytes = sources.iter().map(|s| s.text.len() as u64).sum();
    let mut parsed = Vec::with_capacity(sources.len());
    let mut fatal = !diags.is_empty();
    // Files parse independently: in parallel, collected in file order.
    let results: Vec<_> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let mut d = Vec::new();
            let p = parse_source(i, s, &mut d);
            (p, d)
        })
        .collect();
    for (p, d) in results {
        diags.extend(d);
        match p {
            Some(p) => parsed.push(p),
            None => fatal = true,
        }
    }
    let (inventory, diags) = validate_parsed(&sources, &parsed, diags, fatal);
    // Millions of raw rows are freed here: file by file, in parallel, not on one thread
    // after the inventory is returned.
    parsed.into_par_iter().for_each(drop);
    drop(sources);
    Loaded {
        inventory,
        diagnostics: diags,
        files,
        bytes,
    }
}

/// Validates parsed inputs into one inventory, as [`load`] does after parsing: the entry
/// point for inputs that are not files (the states of a scenario, built in memory, each
/// with a [`RowLocator`](crate::inventory::RowLocator) that names it).
///
/// `diags` holds the problems found so far (parsing); `fatal` says that an input could not
/// be parsed at all. Returns the inventory when there is no error, and every diagnostic,
/// sorted (errors first, then by location).
pub fn validate_parsed(
    sources: &[Source],
    parsed: &[ParsedFile<'_>],
    mut diags: Vec<Diagnostic>,
    fatal: bool,
) -> (Option<Inventory>, Vec<Diagnostic>) {
    let inventory = if fatal {
        // A file that could not be parsed at all may hold ids that others refer to:
        // checking references now would report false errors. Report what we have.
        None
    } else {
        let parse_errors = diags.iter().any(Diagnostic::is_error);
        let (inv, more) = validate(sources, parsed);
        // Warnings about an inventory with unparsed rows would point at consequences of
        // those rows, not at the data: report only errors then.
        diags.extend(more.into_iter().filter(|d| !parse_errors || d.is_error()));
        inv
    };
    diagnostics::sort(&mut diags);
    let inventory = inventory.filter(|_| !diags.iter().any(Diagnostic::is_error));
    (inventory, diags)
}
