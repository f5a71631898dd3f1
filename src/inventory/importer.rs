//! The input seam: an [`Importer`] turns one source into raw rows plus a [`RowLocator`] that
//! places them, so that validation never asks which format a row came from.
//!
//! Adding a format (an XLSX workbook, a share table, a 3GPP NRM or NetBox export) is one
//! file that implements [`Importer`] and one line in [`IMPORTERS`].

use std::collections::HashSet;
use std::fmt;

use crate::diagnostics::{Diagnostic, Location};

use super::compact::{CompactFile, Interner};
use super::raw::{RawFile, Table};
use super::source::Source;

/// Whether an importer reads a file, decided from its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// The importer reads it.
    Yes,
    /// Not this importer's file.
    No,
    /// This importer's kind of file, but it cannot be read (the message says why).
    Refuse(&'static str),
}

/// One input format.
pub trait Importer: Sync {
    /// The format's short name (`json`, `csv`), for messages and debugging.
    fn name(&self) -> &'static str;

    /// Whether this importer reads a file with this name (lower-cased). `listed` is true for
    /// a file found in a directory (only the format's own files are taken), false for a file
    /// the user named.
    fn claims(&self, lower_name: &str, listed: bool) -> Claim;

    /// Whether it reads bytes ([`Source::bytes`], a workbook) rather than UTF-8 text.
    fn binary(&self) -> bool {
        false
    }

    /// Parses one source into raw rows. A fatal problem (malformed syntax) gives `None`;
    /// problems within rows give diagnostics and leave the other rows usable.
    fn parse<'a>(
        &self,
        index: usize,
        source: &'a Source,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<ParsedFile<'a>>;

    /// Parses one source straight into compact rows, its strings interned in `strings`:
    /// what the loader keeps of a file. The default is [`Importer::compact_raw`]; an
    /// importer may intern while it parses instead, provided that it gives the same rows,
    /// notes and diagnostics.
    fn compact(
        &self,
        index: usize,
        source: &Source,
        strings: &mut Interner,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<CompactFile> {
        self.compact_raw(index, source, strings, diags)
    }

    /// Compact rows by way of raw rows: parses them with [`Importer::parse`] and compacts
    /// them (the default [`Importer::compact`], and a fast path's fallback).
    fn compact_raw(
        &self,
        index: usize,
        source: &Source,
        strings: &mut Interner,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<CompactFile> {
        let parsed = self.parse(index, source, diags)?;
        Some(CompactFile::new(&parsed, strings))
    }
}

impl fmt::Debug for dyn Importer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every importer, asked in this order: the first that claims a file reads it (JSON last: it
/// reads any file named on the command line).
pub static IMPORTERS: &[&dyn Importer] =
    &[&super::csv::Csv, &super::xlsx::Xlsx, &super::json::Json];

/// The importer of standard input and of in-memory documents.
pub static JSON: &dyn Importer = &super::json::Json;

/// The importer for a file name, or why none reads it (`None` when none claims it).
pub fn importer_for(
    lower_name: &str,
    listed: bool,
) -> Option<Result<&'static dyn Importer, &'static str>> {
    IMPORTERS
        .iter()
        .find_map(|i| match i.claims(lower_name, listed) {
            Claim::Yes => Some(Ok(*i)),
            Claim::No => None,
            Claim::Refuse(why) => Some(Err(why)),
        })
}

/// A place in the raw input: a row, a field of it, or an element of a list field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// Index into the parsed files.
    pub file: u32,
    /// The table.
    pub table: Table,
    /// The row within its file's table.
    pub index: u32,
    /// The field, if the problem is in one.
    pub field: Option<&'static str>,
    /// The element of a list field (`to[1]`).
    pub elem: Option<u32>,
}

impl Site {
    /// The same row, another field.
    pub fn at(self, field: &'static str) -> Site {
        Site {
            field: Some(field),
            elem: None,
            ..self
        }
    }

    /// An element of a list field.
    pub fn elem(self, field: &'static str, elem: usize) -> Site {
        Site {
            field: Some(field),
            elem: Some(elem as u32),
            ..self
        }
    }
}

/// Turns sites of one file into locations. Called only when the file has something to
/// report, with the file's text, so that locating costs nothing on valid input.
pub trait RowLocator: Send + Sync {
    /// The location of each site, in order.
    fn locate(&self, source: &Source, sites: &[Site]) -> Vec<Location>;
}

/// The raw rows of one source, with what is needed to locate them.
pub struct ParsedFile<'a> {
    /// Index of the source in the list the loader read.
    pub source: usize,
    /// The rows.
    pub raw: RawFile<'a>,
    /// Places the rows' sites in the source.
    pub locator: Box<dyn RowLocator + 'a>,
    /// Rows that failed to parse (replaced by rows holding only their id, not validated
    /// further).
    pub broken: HashSet<(Table, usize)>,
    /// Problems of the file as a whole that leave every row usable (a wrong `format`),
    /// reported together with validation's.
    pub notes: Vec<Diagnostic>,
}

impl fmt::Debug for ParsedFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedFile")
            .field("source", &self.source)
            .field("raw", &self.raw)
            .field("broken", &self.broken)
            .field("notes", &self.notes)
            .finish_non_exhaustive()
    }
}
