//! The front of the pipeline: inputs to a validated inventory and its graph.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic, Location};
use crate::inventory::{
    CompactFile, Input, Interner, ParsedFile, Rows, Site, Source, compact_source, list_inputs,
    parse_source,
};
use crate::model::Inventory;
use crate::timing;
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
///
/// Streaming: each file, in parallel, is read, parsed by its importer and compacted (strings
/// interned), then its text and raw rows are dropped; only the compact rows of every file
/// are alive together. A file is read again at the end only when it has a problem to locate.
pub fn load(inputs: &[PathBuf]) -> Loaded {
    let (inputs, mut diags) = list_inputs(inputs);
    let mut fatal = !diags.is_empty();
    let streamed: Vec<Streamed> = timing::phase("read and parse", || {
        inputs
            .par_iter()
            .enumerate()
            .map_init(Vec::new, |buf, (i, input)| stream(i, input, buf))
            .collect()
    });
    let mut rows = Rows::default();
    let mut names = Vec::new();
    let mut files = Vec::new();
    let mut bytes = 0;
    let mut parsed = Vec::with_capacity(streamed.len());
    timing::phase("merge the files' strings", || {
        for s in streamed {
            diags.extend(s.diags);
            let Some(bytes_read) = s.bytes else {
                fatal = true;
                continue;
            };
            bytes += bytes_read;
            files.push(inputs[s.input].name().to_owned());
            match s.rows {
                Some(file) => {
                    parsed.push(file);
                    names.push(inputs[s.input].name().to_owned());
                }
                None => fatal = true,
            }
        }
        rows.extend(parsed);
    });
    let input_of: Vec<usize> = rows.files.iter().map(|f| f.source).collect();
    let locate = |fi: usize, sites: &[Site]| locate_again(&inputs[input_of[fi]], sites);
    let (inventory, diags) = timing::phase("validate", || {
        validate_rows(rows, &names, &locate, diags, fatal)
    });
    Loaded {
        inventory,
        diagnostics: diags,
        files,
        bytes,
    }
}

/// What one input gave: its size when it was read, its compact rows when it was parsed.
struct Streamed {
    input: usize,
    bytes: Option<u64>,
    rows: Option<(CompactFile, Interner)>,
    diags: Vec<Diagnostic>,
}

/// Reads, parses and compacts one input; its raw rows are dropped on return, and the
/// memory of its text goes back to `buf` for the next input.
fn stream(input: usize, from: &Input, buf: &mut Vec<u8>) -> Streamed {
    let mut diags = Vec::new();
    let source = match from.read_into(std::mem::take(buf)) {
        Ok(s) => s,
        Err(d) => {
            return Streamed {
                input,
                bytes: None,
                rows: None,
                diags: vec![d],
            };
        }
    };
    let mut local = Interner::default();
    let rows = compact_source(input, &source, &mut local, &mut diags).map(|file| (file, local));
    let bytes = (source.text.len() + source.bytes.len()) as u64;
    *buf = source.into_buffer();
    Streamed {
        input,
        bytes: Some(bytes),
        rows,
        diags,
    }
}

/// Locates sites of an input by reading and parsing it again, with its importer's locator.
fn locate_again(input: &Input, sites: &[Site]) -> Vec<Location> {
    let located = input.read().ok().and_then(|source| {
        let mut ignored = Vec::new();
        let parsed = parse_source(0, &source, &mut ignored)?;
        Some(parsed.locator.locate(&source, sites))
    });
    // The file changed or vanished since it was read: name it, without a line.
    located.unwrap_or_else(|| {
        let at = Location {
            file: input.name().to_owned(),
            ..Location::default()
        };
        vec![at; sites.len()]
    })
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
    diags: Vec<Diagnostic>,
    fatal: bool,
) -> (Option<Inventory>, Vec<Diagnostic>) {
    let mut rows = Rows::default();
    for p in parsed {
        let file = CompactFile::new(p, &mut rows.strings);
        rows.files.push(file);
    }
    let names: Vec<String> = parsed
        .iter()
        .map(|p| sources[p.source].name.clone())
        .collect();
    let locate = |fi: usize, sites: &[Site]| {
        let p = &parsed[fi];
        p.locator.locate(&sources[p.source], sites)
    };
    validate_rows(rows, &names, &locate, diags, fatal)
}

/// Validates compact rows, as [`load`] and [`validate_parsed`] do.
fn validate_rows(
    rows: Rows,
    names: &[String],
    locate: &(dyn Fn(usize, &[Site]) -> Vec<Location> + Sync),
    mut diags: Vec<Diagnostic>,
    fatal: bool,
) -> (Option<Inventory>, Vec<Diagnostic>) {
    let inventory = if fatal {
        // A file that could not be parsed at all may hold ids that others refer to:
        // checking references now would report false errors. Report what we have.
        None
    } else {
        let parse_errors = diags.iter().any(Diagnostic::is_error);
        let (inv, more) = validate(rows, names, locate);
        // Warnings about an inventory with unparsed rows would point at consequences of
        // those rows, not at the data: report only errors then.
        diags.extend(more.into_iter().filter(|d| !parse_errors || d.is_error()));
        inv
    };
    diagnostics::sort(&mut diags);
    let inventory = inventory.filter(|_| !diags.iter().any(Diagnostic::is_error));
    (inventory, diags)
}
