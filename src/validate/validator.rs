//! The validation pass: its state, its entry point, and the order of the tables.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::diagnostics::{self, Code, Diagnostic};
use crate::inventory::{ParsedFile, Site, Source, Table};
use crate::model::{Inventory, Provenance};

use super::locate::{Pending, resolve};

/// Validates parsed files and builds the inventory.
///
/// Returns the inventory when there is no error, and every diagnostic (errors and
/// warnings), sorted. Runs in time linear in the number of rows (hash maps for ids, one
/// sort per table).
pub fn validate(
    sources: &[Source],
    files: &[ParsedFile<'_>],
) -> (Option<Inventory>, Vec<Diagnostic>) {
    let names = files
        .iter()
        .map(|f| sources[f.source].name.clone())
        .collect();
    let mut v = Validator {
        p: Vec::new(),
        names,
    };
    let inventory = v.build(files);
    let mut diags = resolve(v.p, files, sources);
    diags.extend(files.iter().flat_map(|f| f.notes.iter().cloned()));
    diagnostics::sort(&mut diags);
    let ok = !diags.iter().any(Diagnostic::is_error);
    (inventory.filter(|_| ok), diags)
}

/// A row of a file, in 8 bytes (a `Site` without field), for tables of millions of rows.
#[derive(Clone, Copy)]
pub(super) struct RowRef {
    pub(super) file: u32,
    pub(super) index: u32,
}

impl RowRef {
    pub(super) fn site(self, table: Table) -> Site {
        Site {
            file: self.file,
            table,
            index: self.index,
            field: None,
            elem: None,
        }
    }
}

/// The problems found so far, waiting for their locations.
pub(super) struct Validator {
    pub(super) p: Vec<Pending>,
    // File name of each parsed file, for messages that point at another row.
    pub(super) names: Vec<String>,
}

/// Ids of rows that failed to parse or have a bad id: references to them are not dangling
/// (the row's own error is the one to fix).
pub(super) type Broken<'f> = FxHashMap<(Table, &'f str), Site>;

impl Validator {
    pub(super) fn err(&mut self, site: Site, code: Code, message: String) {
        self.p.push(Pending {
            site,
            code,
            message,
        });
    }

    /// A row whose id was defined before. A row repeated identically in another file (a
    /// supplier registry that each operator's file repeats) merges with the first: nothing
    /// is reported. Any other repeat is a `duplicate-id` that names both places.
    pub(super) fn repeated<T: PartialEq>(
        &mut self,
        (what, id): (&str, &str),
        (site, row): (Site, &T),
        (first, first_row): (Site, &T),
    ) {
        if first.file != site.file && row == first_row {
            return;
        }
        let differs = if first.file != site.file {
            ", with different values"
        } else {
            ""
        };
        let msg = format!(
            "duplicate {what} id \"{id}\" (first defined at {}){differs}",
            describe(&self.names, first)
        );
        self.err(site.at("id"), Code::DuplicateId, msg);
    }

    /// Whether an error has been found (then no inventory is assembled).
    fn has_errors(&self) -> bool {
        self.p
            .iter()
            .any(|p| p.code.severity() == diagnostics::Severity::Error)
    }

    fn build(&mut self, files: &[ParsedFile<'_>]) -> Option<Inventory> {
        let mut broken = broken_ids(files);
        let suppliers = self.suppliers(files, &broken);
        let operators = self.operators(files, &broken);
        let assets = self.assets(files, &mut broken, &suppliers, &operators);
        let links = self.links(files, &assets, &broken);
        // Rows that did not parse were reported while reading; rows that refer to them
        // were dropped without a second error, so there is nothing to assemble.
        let file_errors = files
            .iter()
            .any(|f| !f.broken.is_empty() || f.notes.iter().any(Diagnostic::is_error));
        if self.has_errors() || file_errors {
            return None;
        }
        let (inventory, asset_sites, link_sites) =
            super::assemble::assemble(suppliers.rows, operators.rows, assets, links);
        self.warnings(&inventory, &asset_sites, &link_sites, &operators.sites);
        Some(inventory)
    }
}

fn broken_ids<'f>(files: &'f [ParsedFile<'_>]) -> Broken<'f> {
    let mut broken = Broken::default();
    for (fi, f) in files.iter().enumerate() {
        for &(table, i) in &f.broken {
            let id = match table {
                Table::Suppliers => f.raw.suppliers[i].id.as_deref(),
                Table::Operators => f.raw.operators[i].id.as_deref(),
                Table::Assets => f.raw.assets[i].id.as_deref(),
                Table::Links => None,
            };
            if let Some(id) = id {
                let site = Site {
                    file: fi as u32,
                    table,
                    index: i as u32,
                    field: None,
                    elem: None,
                };
                broken.insert((table, id), site);
            }
        }
    }
    broken
}

/// Rows of one table from every file, with their sites, skipping rows that did not parse.
pub(super) fn rows<'f, 'a: 'f, T: 'f>(
    files: &'f [ParsedFile<'a>],
    table: Table,
    get: impl Fn(&'f ParsedFile<'a>) -> &'f [T],
) -> impl Iterator<Item = (Site, &'f T)> {
    files.iter().enumerate().flat_map(move |(fi, f)| {
        get(f)
            .iter()
            .enumerate()
            .filter(move |(i, _)| f.broken.is_empty() || !f.broken.contains(&(table, *i)))
            .map(move |(i, r)| {
                (
                    Site {
                        file: fi as u32,
                        table,
                        index: i as u32,
                        field: None,
                        elem: None,
                    },
                    r,
                )
            })
    })
}

pub(super) fn text(v: &Option<Cow<'_, str>>) -> Option<Box<str>> {
    v.as_deref().map(Box::from)
}

pub(super) fn provenance(
    source: &Option<Cow<'_, str>>,
    notes: &Option<Cow<'_, str>>,
) -> Provenance {
    Provenance {
        source: text(source),
        notes: text(notes),
    }
}

/// Names another row in a message: `assets[3] in FILE`.
pub(super) fn describe(names: &[String], site: Site) -> String {
    format!(
        "{}[{}] in {}",
        site.table.name(),
        site.index,
        names[site.file as usize]
    )
}
