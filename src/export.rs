//! EXPORT: the one writer of the `vendorgraph/1` inventory format, as JSON (a whole
//! [`Inventory`], or streamed row by row) and as CSV tables (one file per table).
//!
//! Every JSON inventory the crate writes (`generate`, `plan --emit`, the states of a
//! scenario) goes through [`JsonWriter`]. The layout is compact, one row per line, and is
//! the same for every writer:
//!
//! ```text
//! {"format":"vendorgraph/1",
//! "suppliers":[
//! {"id":"ericsson","name":"Ericsson","country":"SE","risk":"low"},
//! {"id":"nokia","name":"Nokia","country":"FI","risk":"low"}
//! ],
//! "links":[
//! {"from":"a-gnb-1","to":["a-amf-1","a-amf-2"],"kind":"connects_to","interface":"N2"}
//! ]}
//! ```
//!
//! A row writes its fields in the order of [`Table::columns`] (the same order is the CSV
//! header) and leaves out every field that is absent or equal to the format's default, so
//! that loading the output again gives the same inventory. Strings are escaped as JSON
//! requires and otherwise kept exact; numbers are written in their shortest form that reads
//! back to the same value (`3`, not `3.0`). The output is a pure function of the rows.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::model::{Asset, AssetIx, Inventory, Link, Operator, Provenance, Supplier};
use crate::vocab::{self, Generation, LinkKind, Risk};

/// The `format` of every JSON inventory (re-exported from the vocabulary).
pub use crate::vocab::INVENTORY_FORMAT;

/// The four tables of an inventory, in the order they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// `suppliers`.
    Suppliers,
    /// `operators`.
    Operators,
    /// `assets`.
    Assets,
    /// `links`.
    Links,
}

impl Table {
    /// Every table, in the order of a document.
    pub const ALL: [Table; 4] = [
        Table::Suppliers,
        Table::Operators,
        Table::Assets,
        Table::Links,
    ];

    /// The table's key in JSON and the stem of its CSV file name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Suppliers => "suppliers",
            Table::Operators => "operators",
            Table::Assets => "assets",
            Table::Links => "links",
        }
    }

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

/// A row of one of the four tables.
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

// ---------------------------------------------------------------------------------------
// Rows of a validated inventory.

/// The supplier rows of an inventory, in its order (by id).
pub fn supplier_rows(inv: &Inventory) -> impl Iterator<Item = SupplierRow<'_>> {
    inv.suppliers.iter().map(|s| supplier_row(inv, s))
}

/// The row of a supplier of `inv`.
pub fn supplier_row<'a>(inv: &'a Inventory, s: &'a Supplier) -> SupplierRow<'a> {
    SupplierRow {
        id: &s.id,
        name: s.name.as_deref(),
        country: s.country.as_str(),
        risk: s.risk,
        group: s.group.map(|g| &*inv.supplier(g).id),
        source: s.provenance.source.as_deref(),
        notes: s.provenance.notes.as_deref(),
    }
}

/// The row of an operator.
pub fn operator_row(o: &Operator) -> OperatorRow<'_> {
    OperatorRow {
        id: &o.id,
        name: o.name.as_deref(),
        country: o.country.as_str(),
        subscribers: o.subscribers,
        source: o.provenance.source.as_deref(),
        notes: o.provenance.notes.as_deref(),
    }
}

/// The row of an asset of `inv`: the domain and the generation are left out when the
/// function implies them.
pub fn asset_row<'a>(inv: &'a Inventory, a: &'a Asset) -> AssetRow<'a> {
    let function = inv.function_name(a.function);
    let domain = inv.domain_name(a.domain);
    let info = vocab::function_info(function);
    let text = a.text.as_deref();
    let prov = text.map(|t| &t.provenance);
    AssetRow {
        id: &a.id,
        operator: &inv.operator(a.operator).id,
        function,
        supplier: &inv.supplier(a.supplier).id,
        domain: (info.map(|i| i.domain) != Some(domain)).then_some(domain),
        weight: Some(a.weight),
        generation: a
            .generation
            .filter(|g| info.and_then(|i| i.generation) != Some(*g)),
        sensitive: a.sensitive,
        name: text.and_then(|t| t.name.as_deref()),
        location: a.location.as_ref().map(|c| c.as_str()),
        site: text.and_then(|t| t.site.as_deref()),
        region: a.region.as_deref(),
        source: prov.and_then(|p| p.source.as_deref()),
        notes: prov.and_then(|p| p.notes.as_deref()),
    }
}

/// The row of a link of `inv`: `open` is left out when it is the kind's default.
pub fn link_row<'a>(inv: &'a Inventory, l: &'a Link) -> LinkRow<'a> {
    let Provenance { source, notes } = &l.provenance;
    LinkRow {
        from: &inv.asset(l.from).id,
        to: Targets::Assets(inv, &l.targets),
        kind: l.kind,
        need: Some(l.need),
        interface: l.interface.as_deref(),
        open: (l.open != l.kind.open_by_default()).then_some(l.open),
        source: source.as_deref(),
        notes: notes.as_deref(),
    }
}

// ---------------------------------------------------------------------------------------
// JSON.

/// Writes a `vendorgraph/1` JSON document as a stream: the header, then each table's rows,
/// then the end. Memory does not grow with the number of rows.
///
/// ```
/// use vendorgraph::export::{JsonWriter, SupplierRow, Table};
/// let mut w = JsonWriter::new(Vec::new())?;
/// w.begin(Table::Suppliers)?;
/// w.row(&SupplierRow { id: "nokia", country: "FI", ..Default::default() })?;
/// w.end()?;
/// let text = String::from_utf8(w.finish()?).unwrap();
/// assert_eq!(text, "{\"format\":\"vendorgraph/1\",\n\"suppliers\":[\n{\"id\":\"nokia\",\"country\":\"FI\"}\n]}\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct JsonWriter<W: Write> {
    w: W,
    /// The table being written, if any.
    open: Option<Table>,
    /// Rows written into the open table.
    count: u64,
}

impl<W: Write> JsonWriter<W> {
    /// Starts a document: writes `{"format":"vendorgraph/1"`.
    ///
    /// # Errors
    /// An I/O error of `w`.
    pub fn new(mut w: W) -> io::Result<Self> {
        write!(w, "{{\"format\":\"{INVENTORY_FORMAT}\"")?;
        Ok(JsonWriter {
            w,
            open: None,
            count: 0,
        })
    }

    /// Opens a table. Tables are written in the order of [`Table::ALL`], each at most once.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn begin(&mut self, table: Table) -> io::Result<()> {
        debug_assert!(self.open.is_none(), "a table is still open");
        self.open = Some(table);
        self.count = 0;
        write!(self.w, ",\n\"{}\":[", table.name())
    }

    /// Writes one row into the open table.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn row<R: Row>(&mut self, row: &R) -> io::Result<()> {
        debug_assert_eq!(self.open, Some(R::TABLE), "row of another table");
        self.count += 1;
        self.w
            .write_all(if self.count == 1 { b"\n{" } else { b",\n{" })?;
        let mut first = true;
        for (i, key) in R::TABLE.columns().iter().enumerate() {
            let cell = row.cell(i);
            if matches!(cell, Cell::Absent) {
                continue;
            }
            self.w.write_all(if first { b"\"" } else { b",\"" })?;
            first = false;
            self.w.write_all(key.as_bytes())?;
            self.w.write_all(b"\":")?;
            write_json_cell(&mut self.w, cell)?;
        }
        self.w.write_all(b"}")
    }

    /// Closes the open table; returns its number of rows.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn end(&mut self) -> io::Result<u64> {
        debug_assert!(self.open.is_some(), "no table is open");
        self.open = None;
        self.w.write_all(b"\n]")?;
        Ok(self.count)
    }

    /// Ends the document (`}` and a newline) and gives the writer back.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn finish(mut self) -> io::Result<W> {
        debug_assert!(self.open.is_none(), "a table is still open");
        self.w.write_all(b"}\n")?;
        Ok(self.w)
    }
}

/// Writes a whole inventory as one JSON document. Empty tables are left out.
///
/// # Errors
/// An I/O error of `w`.
pub fn write_json(inv: &Inventory, w: impl Write) -> io::Result<()> {
    let mut out = JsonWriter::new(w)?;
    if !inv.suppliers.is_empty() {
        out.begin(Table::Suppliers)?;
        for r in supplier_rows(inv) {
            out.row(&r)?;
        }
        out.end()?;
    }
    if !inv.operators.is_empty() {
        out.begin(Table::Operators)?;
        for o in &inv.operators {
            out.row(&operator_row(o))?;
        }
        out.end()?;
    }
    if !inv.assets.is_empty() {
        out.begin(Table::Assets)?;
        for a in &inv.assets {
            out.row(&asset_row(inv, a))?;
        }
        out.end()?;
    }
    if !inv.links.is_empty() {
        out.begin(Table::Links)?;
        for l in &inv.links {
            out.row(&link_row(inv, l))?;
        }
        out.end()?;
    }
    out.finish()?.flush()
}

/// A whole inventory as one JSON document.
pub fn to_json(inv: &Inventory) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_json(inv, &mut out);
    // The writer writes only UTF-8: JSON punctuation, numbers and escaped `&str`s.
    String::from_utf8(out).unwrap_or_default()
}

fn write_json_cell(w: &mut impl Write, cell: Cell<'_>) -> io::Result<()> {
    match cell {
        Cell::Absent => w.write_all(b"null"),
        Cell::Str(s) => write_json_str(w, s),
        Cell::UInt(n) => write!(w, "{n}"),
        // `Display` of an f64 is the shortest form that reads back to the same value.
        Cell::Num(x) if x.is_finite() => write!(w, "{x}"),
        Cell::Num(_) => w.write_all(b"null"),
        Cell::Bool(b) => w.write_all(if b { b"true" } else { b"false" }),
        Cell::Targets(t) if t.len() == 1 => write_json_str(w, t.get(0)),
        Cell::Targets(t) => {
            w.write_all(b"[")?;
            for i in 0..t.len() {
                if i > 0 {
                    w.write_all(b",")?;
                }
                write_json_str(w, t.get(i))?;
            }
            w.write_all(b"]")
        }
    }
}

/// Writes `s` as a JSON string, escaping as serde_json does (`"`, `\` and control
/// characters), and keeping every other character as it is.
fn write_json_str(w: &mut impl Write, s: &str) -> io::Result<()> {
    w.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        w.write_all(&bytes[start..i])?;
        if short.is_empty() {
            write!(w, "\\u{b:04x}")?;
        } else {
            w.write_all(short)?;
        }
        start = i + 1;
    }
    w.write_all(&bytes[start..])?;
    w.write_all(b"\"")
}

// ---------------------------------------------------------------------------------------
// CSV.

/// Writes one table as CSV, row by row: a header of every column of [`Table::columns`],
/// then one record per row, an empty cell for an absent field, link targets separated by
/// `|`, CRLF line ends. Cells are kept exact (quoted when they hold a comma, a quote or a
/// line break); the loader trims spaces at the ends of cells and reads an empty cell as
/// absent, so only such values do not round-trip.
pub struct CsvWriter<W: Write> {
    table: Table,
    w: csv::Writer<W>,
    record: Vec<String>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a table: writes its header.
    ///
    /// # Errors
    /// An I/O error of `w`.
    pub fn new(table: Table, w: W) -> io::Result<Self> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        w.write_record(table.columns()).map_err(io::Error::other)?;
        Ok(CsvWriter {
            table,
            w,
            record: Vec::new(),
        })
    }

    /// Writes one row.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn row<R: Row>(&mut self, row: &R) -> io::Result<()> {
        debug_assert_eq!(self.table, R::TABLE, "row of another table");
        self.record.clear();
        for i in 0..R::TABLE.columns().len() {
            self.record.push(csv_cell(row.cell(i)));
        }
        self.w.write_record(&self.record).map_err(io::Error::other)
    }

    /// Flushes the table and gives the writer back.
    ///
    /// # Errors
    /// An I/O error of the writer.
    pub fn finish(self) -> io::Result<W> {
        self.w
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
}

fn csv_cell(cell: Cell<'_>) -> String {
    match cell {
        Cell::Absent => String::new(),
        Cell::Str(s) => s.to_owned(),
        Cell::UInt(n) => n.to_string(),
        Cell::Num(x) if x.is_finite() => x.to_string(),
        Cell::Num(_) => String::new(),
        Cell::Bool(b) => b.to_string(),
        Cell::Targets(t) => (0..t.len()).map(|i| t.get(i)).collect::<Vec<_>>().join("|"),
    }
}

/// Writes one table of an inventory as CSV (a header even when the table is empty).
///
/// # Errors
/// An I/O error of `w`.
pub fn write_csv(inv: &Inventory, table: Table, w: impl Write) -> io::Result<()> {
    let mut out = CsvWriter::new(table, w)?;
    match table {
        Table::Suppliers => supplier_rows(inv).try_for_each(|r| out.row(&r))?,
        Table::Operators => inv
            .operators
            .iter()
            .try_for_each(|o| out.row(&operator_row(o)))?,
        Table::Assets => inv
            .assets
            .iter()
            .try_for_each(|a| out.row(&asset_row(inv, a)))?,
        Table::Links => inv
            .links
            .iter()
            .try_for_each(|l| out.row(&link_row(inv, l)))?,
    }
    out.finish()?.flush()
}

/// Writes an inventory as the four CSV files `suppliers.csv`, `operators.csv`,
/// `assets.csv` and `links.csv` in `dir` (which must exist), replacing files of those
/// names. A directory input loads them back.
///
/// # Errors
/// An I/O error, with the file it concerns.
pub fn write_csv_dir(inv: &Inventory, dir: &Path) -> io::Result<()> {
    for table in Table::ALL {
        let path = dir.join(table.csv_file_name());
        let with_path = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        let file = File::create(&path).map_err(with_path)?;
        write_csv(inv, table, BufWriter::new(file)).map_err(with_path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_str(s: &str) -> String {
        let mut out = Vec::new();
        write_json_str(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        for s in [
            "plain",
            "Île-de-France",
            "quote \" and backslash \\",
            "line\nbreak\r\ttab",
            "esc \u{1b}[31m bel \u{7} osc \u{1b}]0;x\u{7} nul \u{0} \u{8}\u{c}",
            "",
        ] {
            assert_eq!(json_str(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_are_written_in_their_shortest_form() {
        let mut out = Vec::new();
        for x in [3.0, 0.5, 1e-7, 123456789.25, 0.1 + 0.2] {
            out.clear();
            write_json_cell(&mut out, Cell::Num(x)).unwrap();
            let text = String::from_utf8(out.clone()).unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), x);
            assert!(!text.ends_with(".0"), "{text}");
        }
    }

    #[test]
    fn defaults_are_left_out_and_targets_written_one_or_many() {
        let mut w = JsonWriter::new(Vec::new()).unwrap();
        w.begin(Table::Assets).unwrap();
        w.row(&AssetRow {
            id: "a",
            operator: "op",
            function: "gnb",
            supplier: "s",
            weight: Some(1.0),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(w.end().unwrap(), 1);
        w.begin(Table::Links).unwrap();
        for (to, need) in [(&["b"][..], Some(1)), (&["b", "c"][..], Some(2))] {
            w.row(&LinkRow {
                from: "a",
                to: Targets::Strs(to),
                kind: LinkKind::ConnectsTo,
                need,
                interface: None,
                open: Some(false),
                source: None,
                notes: Some("x,y"),
            })
            .unwrap();
        }
        w.end().unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "{\"format\":\"vendorgraph/1\",\n\"assets\":[\n\
             {\"id\":\"a\",\"operator\":\"op\",\"function\":\"gnb\",\"supplier\":\"s\"}\n],\n\"links\":[\n\
             {\"from\":\"a\",\"to\":\"b\",\"kind\":\"connects_to\",\"open\":false,\"notes\":\"x,y\"},\n\
             {\"from\":\"a\",\"to\":[\"b\",\"c\"],\"kind\":\"connects_to\",\"need\":2,\"open\":false,\"notes\":\"x,y\"}\n]}\n"
        );
    }

    #[test]
    fn csv_has_every_column_and_quotes_what_needs_it() {
        let mut w = CsvWriter::new(Table::Links, Vec::new()).unwrap();
        w.row(&LinkRow {
            from: "a",
            to: Targets::Strs(&["b", "c"]),
            kind: LinkKind::ManagedBy,
            need: None,
            interface: Some("Itf-N"),
            open: Some(true),
            source: None,
            notes: Some("say \"hi\", twice"),
        })
        .unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "from,to,kind,need,interface,open,source,notes\r\n\
             a,b|c,managed_by,,Itf-N,true,,\"say \"\"hi\"\", twice\"\r\n"
        );
    }
}
