//! The rows of the five tables, and the order of their fields.

use crate::model::{AssetIx, Inventory};
use crate::vocab::{Generation, LinkKind, Risk};

pub use crate::inventory::Table;

/// What the writer adds to the one [`Table`] of the format: the order it writes fields in.
impl Table {
    /// The field names, in the order they are written (JSON keys and CSV header).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Suppliers => &["id", "name", "country", "risk", "group", "source", "notes"],
            Table::Operators => &["id", "name", "country", "subscribers", "source", "notes"],
            Table::Assets => &[
                "id",
                "operator",
                "function",
                "supplier",
                "domain",
                "weight",
                "generation",
                "sensitive",
                "name",
                "location",
                "site",
                "region",
                "source",
                "notes",
            ],
            Table::Links => &[
                "from",
                "to",
                "kind",
                "need",
                "interface",
                "open",
                "source",
                "notes",
            ],
            Table::Shares => &[
                "operator",
                "domain",
                "supplier",
                "share",
                "weight",
                "generation",
                "sensitive",
                "source",
                "notes",
            ],
        }
    }

    /// The CSV file name of the table: `suppliers.csv`.
    pub fn csv_file_name(self) -> String {
        format!("{}.csv", self.name())
    }
}

/// One value of a row, as [`Row::cell`] gives it.
#[derive(Clone, Copy, Debug)]
pub enum Cell<'a> {
    /// Absent, or the format's default: not written (an empty CSV cell).
    Absent,
    /// A string.
    Str(&'a str),
    /// A non-negative integer.
    UInt(u64),
    /// A finite number.
    Num(f64),
    /// A boolean.
    Bool(bool),
    /// The targets of a link: one id is written as a string, several as a list (in CSV,
    /// separated by `|`).
    Targets(Targets<'a>),
}

/// The targets of a link, borrowed from wherever the caller holds them.
#[derive(Clone, Copy, Debug)]
pub enum Targets<'a> {
    /// Ids as string slices.
    Strs(&'a [&'a str]),
    /// Ids as owned strings.
    Strings(&'a [String]),
    /// Assets of an inventory.
    Assets(&'a Inventory, &'a [AssetIx]),
}

impl<'a> Targets<'a> {
    /// The number of targets.
    pub fn len(&self) -> usize {
        match self {
            Targets::Strs(t) => t.len(),
            Targets::Strings(t) => t.len(),
            Targets::Assets(_, t) => t.len(),
        }
    }

    /// Whether there is no target.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of target `i`.
    ///
    /// # Panics
    /// When `i >= self.len()`.
    pub fn get(&self, i: usize) -> &'a str {
        match *self {
            Targets::Strs(t) => t[i],
            Targets::Strings(t) => &t[i],
            Targets::Assets(inv, t) => &inv.asset(t[i]).id,
        }
    }
}

/// A row of one of the five tables.
pub trait Row {
    /// The table the row belongs to.
    const TABLE: Table;

    /// The value of column `i` of [`Table::columns`].
    fn cell(&self, i: usize) -> Cell<'_>;
}

/// A supplier row.
#[derive(Clone, Copy, Debug, Default)]
pub struct SupplierRow<'a> {
    /// Id.
    pub id: &'a str,
    /// Display name.
    pub name: Option<&'a str>,
    /// Headquarters (ISO 3166-1 alpha-2).
    pub country: &'a str,
    /// Risk; `Unassessed`, the default, is not written.
    pub risk: Risk,
    /// Corporate parent.
    pub group: Option<&'a str>,
    /// Provenance.
    pub source: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
}

/// An operator row.
#[derive(Clone, Copy, Debug, Default)]
pub struct OperatorRow<'a> {
    /// Id.
    pub id: &'a str,
    /// Display name.
    pub name: Option<&'a str>,
    /// The member state whose network this is.
    pub country: &'a str,
    /// Subscribers.
    pub subscribers: Option<u64>,
    /// Provenance.
    pub source: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
}

/// An asset row. The caller leaves out what the function implies (`domain`, `generation`);
/// a weight of 1 and `sensitive: false` are never written.
#[derive(Clone, Copy, Debug, Default)]
pub struct AssetRow<'a> {
    /// Id.
    pub id: &'a str,
    /// Operator id.
    pub operator: &'a str,
    /// Function.
    pub function: &'a str,
    /// Supplier id.
    pub supplier: &'a str,
    /// Domain, when the function does not imply it.
    pub domain: Option<&'a str>,
    /// Weight; `None` is the default, 1.
    pub weight: Option<f64>,
    /// Generation, when the function does not imply it.
    pub generation: Option<Generation>,
    /// Sensitive (written only when true).
    pub sensitive: bool,
    /// Display name.
    pub name: Option<&'a str>,
    /// Where it is operated from.
    pub location: Option<&'a str>,
    /// Site.
    pub site: Option<&'a str>,
    /// Region.
    pub region: Option<&'a str>,
    /// Provenance.
    pub source: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
}

/// A link row.
#[derive(Clone, Copy, Debug)]
pub struct LinkRow<'a> {
    /// The dependent asset.
    pub from: &'a str,
    /// What it depends on: one id, or alternatives.
    pub to: Targets<'a>,
    /// Kind.
    pub kind: LinkKind,
    /// How many targets must be up; `None` is the default, 1.
    pub need: Option<u32>,
    /// Interface label.
    pub interface: Option<&'a str>,
    /// Openness, when it is not the kind's default.
    pub open: Option<bool>,
    /// Provenance.
    pub source: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
}

impl<'a> LinkRow<'a> {
    /// A link with the defaults: `need` 1, the kind's `open`, no label, no provenance.
    pub fn new(from: &'a str, to: Targets<'a>, kind: LinkKind) -> Self {
        LinkRow {
            from,
            to,
            kind,
            need: None,
            interface: None,
            open: None,
            source: None,
            notes: None,
        }
    }
}

/// A share row, written with its `weight` (a share is a weight whose sum is at most 1, so
/// the two load as the same asset).
#[derive(Clone, Copy, Debug, Default)]
pub struct ShareRow<'a> {
    /// Operator id.
    pub operator: &'a str,
    /// Domain.
    pub domain: &'a str,
    /// Supplier id.
    pub supplier: &'a str,
    /// Its part of the operator's domain, from 0 to 1 (instead of `weight`).
    pub share: Option<f64>,
    /// Its size (instead of `share`).
    pub weight: Option<f64>,
    /// Generation.
    pub generation: Option<Generation>,
    /// Sensitive (written only when true).
    pub sensitive: bool,
    /// Provenance.
    pub source: Option<&'a str>,
    /// Notes.
    pub notes: Option<&'a str>,
}

fn opt(v: Option<&str>) -> Cell<'_> {
    v.map_or(Cell::Absent, Cell::Str)
}

impl Row for SupplierRow<'_> {
    const TABLE: Table = Table::Suppliers;

    fn cell(&self, i: usize) -> Cell<'_> {
        match i {
            0 => Cell::Str(self.id),
            1 => opt(self.name),
            2 => Cell::Str(self.country),
            3 if self.risk != Risk::Unassessed => Cell::Str(self.risk.as_str()),
            4 => opt(self.group),
            5 => opt(self.source),
            6 => opt(self.notes),
            _ => Cell::Absent,
        }
    }
}

impl Row for OperatorRow<'_> {
    const TABLE: Table = Table::Operators;

    fn cell(&self, i: usize) -> Cell<'_> {
        match i {
            0 => Cell::Str(self.id),
            1 => opt(self.name),
            2 => Cell::Str(self.country),
            3 => self.subscribers.map_or(Cell::Absent, Cell::UInt),
            4 => opt(self.source),
            5 => opt(self.notes),
            _ => Cell::Absent,
        }
    }
}

impl Row for AssetRow<'_> {
    const TABLE: Table = Table::Assets;

    fn cell(&self, i: usize) -> Cell<'_> {
        match i {
            0 => Cell::Str(self.id),
            1 => Cell::Str(self.operator),
            2 => Cell::Str(self.function),
            3 => Cell::Str(self.supplier),
            4 => opt(self.domain),
            5 => match self.weight {
                Some(w) if w != 1.0 => Cell::Num(w),
                _ => Cell::Absent,
            },
            6 => self
                .generation
                .map_or(Cell::Absent, |g| Cell::Str(g.as_str())),
            7 if self.sensitive => Cell::Bool(true),
            8 => opt(self.name),
            9 => opt(self.location),
            10 => opt(self.site),
            11 => opt(self.region),
            12 => opt(self.source),
            13 => opt(self.notes),
            _ => Cell::Absent,
        }
    }
}

impl Row for LinkRow<'_> {
    const TABLE: Table = Table::Links;

    fn cell(&self, i: usize) -> Cell<'_> {
        match i {
            0 => Cell::Str(self.from),
            1 => Cell::Targets(self.to),
            2 => Cell::Str(self.kind.as_str()),
            3 => match self.need {
                Some(n) if n != 1 => Cell::UInt(u64::from(n)),
                _ => Cell::Absent,
            },
            4 => opt(self.interface),
            5 => self.open.map_or(Cell::Absent, Cell::Bool),
            6 => opt(self.source),
            7 => opt(self.notes),
            _ => Cell::Absent,
        }
    }
}

impl Row for ShareRow<'_> {
    const TABLE: Table = Table::Shares;

    fn cell(&self, i: usize) -> Cell<'_> {
        match i {
            0 => Cell::Str(self.operator),
            1 => Cell::Str(self.domain),
            2 => Cell::Str(self.supplier),
            3 => self.share.map_or(Cell::Absent, Cell::Num),
            4 => self.weight.map_or(Cell::Absent, Cell::Num),
            5 => self
                .generation
                .map_or(Cell::Absent, |g| Cell::Str(g.as_str())),
            6 if self.sensitive => Cell::Bool(true),
            7 => opt(self.source),
            8 => opt(self.notes),
            _ => Cell::Absent,
        }
    }
}
