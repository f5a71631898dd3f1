//! The validation pass: its state, its entry point, and the order of the tables.

use rustc_hash::FxHashMap;

use crate::diagnostics::{self, Code, Diagnostic, Location};
use crate::inventory::{CompactFile, LinkRows, Rows, Site, Sym, Table};
use crate::model::{Inventory, Label, Operator, Provenance, Supplier};
use crate::timing::phase;

use super::assets::Assets;
use super::links::CheckedLinks;
use super::operators::Operators;
use super::suppliers::Suppliers;

use super::locate::{Pending, resolve};

/// Validates the compact rows of every file and builds the inventory.
///
/// `names` is the name of each file of `rows`, for messages that point at another row;
/// `locate` turns the sites of one file (its index in `rows.files`) into locations, and is
/// called only for the files that have a problem, in parallel.
///
/// Returns the inventory when there is no error, and every diagnostic (errors and
/// warnings), sorted. Runs in time linear in the number of rows (ids are interned: tables
/// indexed by symbol, one sort per table).
pub fn validate(
    mut rows: Rows,
    names: &[String],
    locate: &(dyn Fn(usize, &[Site]) -> Vec<Location> + Sync),
) -> (Option<Inventory>, Vec<Diagnostic>) {
    // The link rows are most of the rows: each file's are freed as soon as they are checked.
    let link_rows = rows.take_links();
    let mut v = Validator {
        p: Vec::new(),
        names,
        rows: &rows,
    };
    let nodes = phase("validate: check nodes", || v.check_nodes());
    let p = v.p;
    // The compact asset rows are checked: freed before the links are.
    rows.drop_assets();
    let mut v = Validator {
        p,
        names,
        rows: &rows,
    };
    let checked = phase("validate: check links", || v.check_links(link_rows, nodes));
    let mut p = v.p;
    let notes: Vec<Diagnostic> = rows
        .files
        .iter()
        .flat_map(|f| f.notes.iter().cloned())
        .collect();
    // The compact rows are not needed any more: freed before the inventory is assembled.
    drop(rows);
    let inventory = checked.map(|c| {
        let no_rows = Rows::default();
        let mut w = Validator {
            p: std::mem::take(&mut p),
            names,
            rows: &no_rows,
        };
        let inventory = phase("validate: assemble", || w.assemble(c));
        p = w.p;
        inventory
    });
    let mut diags = resolve(p, locate);
    diags.extend(notes);
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

/// An asset's row in 8 bytes (a million assets' sites weigh 8 MB, not 40): its file and its
/// index in the assets table, or in the shares table for the asset of a share row (the top
/// bit of `index`; no file holds 2^31 rows).
#[derive(Clone, Copy)]
pub(super) struct AssetRow {
    file: u32,
    index: u32,
}

impl AssetRow {
    const SHARE: u32 = 1 << 31;

    /// The row of a row's site (an assets or shares row).
    pub(super) fn of(site: Site) -> AssetRow {
        debug_assert!(site.field.is_none() && site.index < Self::SHARE);
        let share = if site.table == Table::Shares {
            Self::SHARE
        } else {
            0
        };
        AssetRow {
            file: site.file,
            index: site.index | share,
        }
    }

    /// The site of the row.
    pub(super) fn site(self) -> Site {
        let (table, index) = if self.index & Self::SHARE == 0 {
            (Table::Assets, self.index)
        } else {
            (Table::Shares, self.index & !Self::SHARE)
        };
        RowRef {
            file: self.file,
            index,
        }
        .site(table)
    }
}

/// The problems found so far, waiting for their locations, and the rows they are about.
pub(super) struct Validator<'r> {
    pub(super) p: Vec<Pending>,
    // File name of each parsed file, for messages that point at another row.
    pub(super) names: &'r [String],
    pub(super) rows: &'r Rows,
}

/// Ids of rows that failed to parse or have a bad id: references to them are not dangling
/// (the row's own error is the one to fix).
pub(super) type Broken = FxHashMap<(Table, Sym), Site>;

impl<'r> Validator<'r> {
    /// The string of a symbol.
    #[inline]
    pub(super) fn s(&self, s: Sym) -> &'r str {
        self.rows.str(s)
    }

    /// The string of an optional symbol.
    #[inline]
    pub(super) fn opt(&self, s: Option<Sym>) -> Option<&'r str> {
        s.map(|s| self.rows.str(s))
    }

    /// A text field as the inventory keeps it.
    pub(super) fn text(&self, v: Option<Sym>) -> Option<Box<str>> {
        self.opt(v).map(Box::from)
    }

    pub(super) fn provenance(&self, source: Option<Sym>, notes: Option<Sym>) -> Provenance {
        Provenance {
            source: self.text(source),
            notes: self.text(notes),
        }
    }

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
            describe(self.names, first)
        );
        self.err(site.at("id"), Code::DuplicateId, msg);
    }

    /// Whether an error has been found (then no inventory is assembled).
    fn has_errors(&self) -> bool {
        self.p
            .iter()
            .any(|p| p.code.severity() == diagnostics::Severity::Error)
    }

    /// Checks the suppliers, operators, assets and shares.
    fn check_nodes(&mut self) -> Nodes {
        let files = &self.rows.files[..];
        let mut broken = broken_ids(files);
        let suppliers = self.suppliers(&broken);
        let operators = self.operators(&broken);
        let mut assets = phase("validate: assets", || {
            self.assets(&mut broken, &suppliers, &operators)
        });
        self.shares(&mut assets, &suppliers, &operators);
        phase("validate: rank assets", || assets.rank(self.rows));
        Nodes {
            broken,
            suppliers,
            operators,
            assets,
        }
    }

    /// Checks the links against the checked nodes; gives what to assemble when there is no
    /// error.
    fn check_links(&mut self, link_rows: Vec<LinkRows>, nodes: Nodes) -> Option<Checked> {
        let Nodes {
            broken,
            suppliers,
            operators,
            mut assets,
        } = nodes;
        let files = &self.rows.files[..];
        let mut links = phase("validate: links", || {
            self.links(link_rows, &assets, &broken)
        });
        // Rows that did not parse were reported while reading; rows that refer to them
        // were dropped without a second error, so there is nothing to assemble.
        let file_errors = files
            .iter()
            .any(|f| !f.broken.is_empty() || f.notes.iter().any(Diagnostic::is_error));
        if self.has_errors() || file_errors {
            return None;
        }
        let labels = phase("validate: labels", || {
            super::labels::intern(self.rows, &mut assets, &mut links)
        });
        Some(Checked {
            suppliers: suppliers.rows,
            operators: operators.rows,
            operator_sites: operators.sites,
            assets,
            links,
            labels,
        })
    }

    /// Assembles the checked tables into the inventory, then looks at it as a whole.
    fn assemble(&mut self, mut c: Checked) -> Inventory {
        let operator_sites = std::mem::take(&mut c.operator_sites);
        let (inventory, asset_sites, link_sites) =
            phase("validate: assemble tables", || super::assemble::assemble(c));
        phase("validate: warnings", || {
            self.warnings(&inventory, &asset_sites, &link_sites, &operator_sites)
        });
        inventory
    }
}

/// The checked tables other than the links, and the ids of broken rows.
struct Nodes {
    broken: Broken,
    suppliers: Suppliers,
    operators: Operators,
    assets: Assets,
}

/// The checked tables of an inventory without error, to assemble.
pub(super) struct Checked {
    pub(super) suppliers: Vec<Supplier>,
    pub(super) operators: Vec<Operator>,
    pub(super) operator_sites: Vec<Site>,
    pub(super) assets: Assets,
    pub(super) links: CheckedLinks,
    /// The texts of the links' and assets' labels, sorted.
    pub(super) labels: Vec<Box<str>>,
}

/// A text field of few distinct values, as its symbol, until [`super::labels::intern`]
/// numbers the labels.
pub(super) fn sym_label(s: Option<Sym>) -> Label {
    s.map_or(Label::NONE, |s| Label(s.index() as u32 + 1))
}

fn broken_ids(files: &[CompactFile]) -> Broken {
    let mut broken = Broken::default();
    for (fi, f) in files.iter().enumerate() {
        for &(table, i) in &f.broken {
            let id = match table {
                Table::Suppliers => f.suppliers[i].id,
                Table::Operators => f.operators[i].id,
                Table::Assets => f.assets[i].id,
                Table::Links | Table::Shares => None,
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
pub(super) fn rows<'f, T: 'f>(
    files: &'f [CompactFile],
    table: Table,
    get: impl Fn(&'f CompactFile) -> &'f [T],
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

/// Names another row in a message: `assets[3] in FILE`.
pub(super) fn describe(names: &[String], site: Site) -> String {
    format!(
        "{}[{}] in {}",
        site.table.name(),
        site.index,
        names[site.file as usize]
    )
}
