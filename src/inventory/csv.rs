//! The CSV importer: one table per file, named after it (`assets.csv`), cells typed by hand
//! so that every bad cell is reported and located.

use std::borrow::Cow;
use std::collections::HashSet;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Code, Diagnostic, Location};

use super::compact::{CompactFile, Interner};
use super::csv_compact::compact_csv;
use super::importer::{Claim, Importer, ParsedFile, RowLocator, Site};
use super::raw::{RawFile, RawLink, RawRow, Table, Targets};
use super::source::{LineIndex, Source};

/// Reads `suppliers.csv`, `operators.csv`, `assets.csv`, `links.csv` and `shares.csv`.
pub struct Csv;

impl Importer for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn claims(&self, lower_name: &str, listed: bool) -> Claim {
        match lower_name.strip_suffix(".csv") {
            Some(stem) if table_of(stem).is_some() => Claim::Yes,
            Some(_) if !listed => Claim::Refuse(
                "failed to tell the table of a CSV file: name it suppliers.csv, operators.csv, assets.csv, links.csv or shares.csv",
            ),
            _ => Claim::No,
        }
    }

    fn parse<'a>(
        &self,
        index: usize,
        source: &'a Source,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<ParsedFile<'a>> {
        let table = table_of_source(source)?;
        let (raw, meta, broken) = parse_csv(source, table, diags)?;
        Some(ParsedFile {
            source: index,
            raw,
            locator: Box::new(meta),
            broken,
            notes: Vec::new(),
        })
    }

    /// Interns while it reads ([`compact_csv`]); a file with any problem is parsed again on
    /// the raw path, which reports it.
    fn compact(
        &self,
        index: usize,
        source: &Source,
        strings: &mut Interner,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<CompactFile> {
        table_of_source(source)
            .and_then(|t| compact_csv(index, source, t, strings))
            .or_else(|| self.compact_raw(index, source, strings, diags))
    }
}

/// The table of a CSV file, named after it (`assets.csv`, in any case).
pub(super) fn table_of_source(source: &Source) -> Option<Table> {
    let stem = std::path::Path::new(&source.name)
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_ascii_lowercase);
    stem.as_deref().and_then(table_of)
}

fn table_of(stem: &str) -> Option<Table> {
    Table::ALL.into_iter().find(|t| t.name() == stem)
}

/// What locates a CSV row and cell: the header and the line of each row.
struct CsvMeta {
    /// Column names, as in the header.
    headers: Vec<String>,
    /// 1-based line of each data row.
    lines: Vec<u64>,
}

impl RowLocator for CsvMeta {
    fn locate(&self, source: &Source, sites: &[Site]) -> Vec<Location> {
        sites
            .iter()
            .map(|site| Location {
                file: source.name.clone(),
                line: self.lines.get(site.index as usize).copied(),
                column: site
                    .field
                    .and_then(|f| self.headers.iter().position(|h| h.eq_ignore_ascii_case(f)))
                    .map(|c| c as u64 + 1),
                path: site.field.map(|f| match site.elem {
                    Some(e) => format!("{f}[{e}]"),
                    None => f.to_owned(),
                }),
            })
            .collect()
    }
}

fn loc(source: &Source, line: u64, column: u64, path: Option<String>) -> Option<Location> {
    Some(Location {
        file: source.name.clone(),
        line: Some(line),
        column: Some(column),
        path,
    })
}

/// A parsed CSV file: rows, where they are, and rows with a bad cell.
type Parsed<'a> = (RawFile<'a>, CsvMeta, HashSet<(Table, usize)>);

fn parse_csv<'a>(
    source: &'a Source,
    table: Table,
    diags: &mut Vec<Diagnostic>,
) -> Option<Parsed<'a>> {
    let delimiter = delimiter_of(&source.text);
    let mut reader = reader_of(&source.text, delimiter, true);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => {
            diags.push(csv_error(source, &e));
            return None;
        }
    };
    if !headers.iter().any(|h| table.field(h).is_some()) {
        diags.push(missing_header(source, table, &headers));
        return None;
    }
    let place = format!("{}.csv", table.name());
    let header_at = |i: usize| loc(source, 1, i as u64 + 1, Some(headers[i].clone()));
    let (column_of, header_ok) = header_columns(table, &headers, &place, &header_at, diags);
    let mut raw = RawFile::default();
    let mut lines = Vec::new();
    let mut broken = HashSet::new();
    let mut record = csv::StringRecord::new();
    let line_index = LineIndex::new(&source.text);
    let mut row = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                diags.push(csv_error(source, &e));
                return None;
            }
        }
        // Blank rows and rows of only separators (spreadsheets add them) hold no data.
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // Lines from byte offsets: the csv crate's own line count is off with CRLF.
        let line = record.position().map_or(0, |p| {
            line_index.line_col(record_start(&source.text, p.byte())).0
        });
        if record.len() != headers.len() {
            diags.push(row_length_error(source, line, record.len(), headers.len()));
            return None;
        }
        lines.push(line);
        let cell_at = |col: usize| loc(source, line, col as u64 + 1, Some(headers[col].clone()));
        let mut cells = CsvRow {
            locate: &cell_at,
            diags,
            ok: true,
            decimal_comma: delimiter == b';',
        };
        let get = |name: &str| -> Option<(usize, Cow<'static, str>)> {
            let i = *column_of.get(name)?;
            let v = record.get(i)?.trim();
            (!v.is_empty()).then(|| (i, Cow::Owned(v.to_owned())))
        };
        push_row(&mut raw, table, get, &mut cells);
        if !cells.ok {
            broken.insert((table, row));
        }
        row += 1;
    }
    if !header_ok {
        return None;
    }
    Some((raw, CsvMeta { headers, lines }, broken))
}

/// Builds one row of `table` from its cells and appends it to `raw`: `get` gives the
/// trimmed, non-empty text of a field's cell with its column, `cells` types the cells and
/// reports the bad ones. Shared by the CSV and the workbook importers.
pub(super) fn push_row<'c>(
    raw: &mut RawFile<'c>,
    table: Table,
    get: impl Fn(&str) -> Option<(usize, Cow<'c, str>)>,
    cells: &mut CsvRow<'_, '_>,
) {
    raw_row(table, get, cells).push(raw);
}

/// Builds one row of `table` from its cells, as [`push_row`] does: the CSV fast path
/// (`csv_compact.rs`) compacts it at once, with cells borrowed from the record.
pub(super) fn raw_row<'c>(
    table: Table,
    get: impl Fn(&str) -> Option<(usize, Cow<'c, str>)>,
    cells: &mut CsvRow<'_, '_>,
) -> RawRow<'c> {
    match table {
        Table::Suppliers => RawRow::Supplier(super::raw::RawSupplier {
            id: get("id").map(|v| v.1),
            name: get("name").map(|v| v.1),
            country: get("country").map(|v| v.1),
            risk: get("risk").map(|v| v.1),
            group: get("group").map(|v| v.1),
            source: get("source").map(|v| v.1),
            notes: get("notes").map(|v| v.1),
        }),
        Table::Operators => RawRow::Operator(super::raw::RawOperator {
            id: get("id").map(|v| v.1),
            name: get("name").map(|v| v.1),
            country: get("country").map(|v| v.1),
            subscribers: get("subscribers").and_then(|v| cells.count(v, "subscribers")),
            source: get("source").map(|v| v.1),
            notes: get("notes").map(|v| v.1),
        }),
        Table::Assets => RawRow::Asset(super::raw::RawAsset {
            id: get("id").map(|v| v.1),
            operator: get("operator").map(|v| v.1),
            function: get("function").map(|v| v.1),
            supplier: get("supplier").map(|v| v.1),
            domain: get("domain").map(|v| v.1),
            weight: get("weight").and_then(|v| cells.number(v, "weight")),
            generation: get("generation").map(|v| v.1),
            sensitive: get("sensitive").and_then(|v| cells.boolean(v, "sensitive")),
            location: get("location").map(|v| v.1),
            site: get("site").map(|v| v.1),
            region: get("region").map(|v| v.1),
            name: get("name").map(|v| v.1),
            source: get("source").map(|v| v.1),
            notes: get("notes").map(|v| v.1),
        }),
        Table::Links => RawRow::Link(RawLink {
            from: get("from").map(|v| v.1),
            to: get("to").map(|v| Targets(split_targets(v.1))),
            kind: get("kind").map(|v| v.1),
            need: get("need").and_then(|v| cells.count(v, "need")),
            interface: get("interface").map(|v| v.1),
            open: get("open").and_then(|v| cells.boolean(v, "open")),
            source: get("source").map(|v| v.1),
            notes: get("notes").map(|v| v.1),
        }),
        Table::Shares => RawRow::Share(super::raw::RawShare {
            operator: get("operator").map(|v| v.1),
            domain: get("domain").map(|v| v.1),
            supplier: get("supplier").map(|v| v.1),
            share: get("share").and_then(|v| cells.number(v, "share")),
            weight: get("weight").and_then(|v| cells.number(v, "weight")),
            generation: get("generation").map(|v| v.1),
            sensitive: get("sensitive").and_then(|v| cells.boolean(v, "sensitive")),
            source: get("source").map(|v| v.1),
            notes: get("notes").map(|v| v.1),
        }),
    }
}

/// The targets of a `to` cell, separated by `|`: borrowed from a borrowed cell.
fn split_targets(cell: Cow<'_, str>) -> Vec<Cow<'_, str>> {
    match cell {
        Cow::Borrowed(c) => c.split('|').map(|t| Cow::Borrowed(t.trim())).collect(),
        Cow::Owned(c) => c
            .split('|')
            .map(|t| Cow::Owned(t.trim().to_owned()))
            .collect(),
    }
}

/// Checks the header: every column a field of the table, none twice (an unnamed column is
/// ignored). `place` names the file or sheet in messages, `at` locates a header cell.
/// Returns the column of each field and whether the header is sound.
pub(super) fn header_columns(
    table: Table,
    headers: &[String],
    place: &str,
    at: &dyn Fn(usize) -> Option<Location>,
    diags: &mut Vec<Diagnostic>,
) -> (FxHashMap<&'static str, usize>, bool) {
    let allowed: Vec<&str> = table.field_names().collect();
    let mut columns = Vec::with_capacity(headers.len());
    let mut header_ok = true;
    let mut seen = HashSet::new();
    for (i, h) in headers.iter().enumerate() {
        // Headers match in any case (`Risk`, `RISK`): spreadsheets capitalise them.
        let col = table.field(h).map(|f| f.name);
        if h.is_empty() {
            // Spreadsheets often end the header with a separator: an unnamed column is
            // ignored (its cells must then be empty or are ignored too).
        } else if col.is_none() {
            header_ok = false;
            diags.push(Diagnostic::new(
                Code::UnknownKey,
                format!(
                    "unknown column \"{h}\" in {place}, expected one of {}",
                    allowed.join(", ")
                ),
                at(i),
            ));
        } else if !seen.insert(col) {
            header_ok = false;
            diags.push(Diagnostic::new(
                Code::DuplicateKey,
                format!("column \"{h}\" appears twice in the header"),
                at(i),
            ));
        }
        columns.push(col);
    }
    // The column of each field, found once: a hash look-up per cell, not a search of the
    // header per cell (docs/BENCHMARKS.md).
    let column_of: FxHashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .rev() // The first of two columns of one name wins, as the header error says.
        .filter_map(|(i, c)| c.map(|name| (name, i)))
        .collect();
    (column_of, header_ok)
}

/// A file whose first row names none of the table's columns: most likely a first row of
/// data, without a header (reported once, not as one unknown column per cell).
fn missing_header(source: &Source, table: Table, headers: &[String]) -> Diagnostic {
    let first: Vec<&str> = headers.iter().take(3).map(String::as_str).collect();
    Diagnostic::new(
        Code::MissingHeader,
        format!(
            "{}.csv has no header row: its first row ({}{}) holds none of the columns {} (write the column names in the first row)",
            table.name(),
            first.join(", "),
            if headers.len() > 3 { ", ..." } else { "" },
            table.field_names().collect::<Vec<_>>().join(", ")
        ),
        loc(source, 1, 1, None),
    )
}

fn row_length_error(source: &Source, line: u64, len: usize, expected: usize) -> Diagnostic {
    Diagnostic::new(
        Code::CsvSyntax,
        format!("failed to parse CSV: row has {len} cells but the header has {expected}"),
        Some(Location {
            file: source.name.clone(),
            line: Some(line),
            column: None,
            path: None,
        }),
    )
}

/// Typed reading of one row's cells, recording a diagnostic per bad cell (CSV and
/// workbook rows alike).
pub(super) struct CsvRow<'s, 'd> {
    /// The location of the cell of a column.
    pub(super) locate: &'s dyn Fn(usize) -> Option<Location>,
    pub(super) diags: &'d mut Vec<Diagnostic>,
    /// False once a cell was bad.
    pub(super) ok: bool,
    /// Whether `1,5` reads as 1.5 (files separated by `;`).
    pub(super) decimal_comma: bool,
}

impl CsvRow<'_, '_> {
    fn bad(&mut self, col: usize, message: String) {
        self.ok = false;
        self.diags.push(Diagnostic::new(
            Code::WrongType,
            message,
            (self.locate)(col),
        ));
    }

    fn boolean(&mut self, (col, v): (usize, Cow<'_, str>), field: &str) -> Option<bool> {
        if v.eq_ignore_ascii_case("true") {
            Some(true)
        } else if v.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            self.bad(
                col,
                format!("invalid {field} \"{v}\", expected true or false"),
            );
            None
        }
    }

    fn number(&mut self, (col, v): (usize, Cow<'_, str>), field: &str) -> Option<f64> {
        // A spreadsheet that separates cells with `;` writes decimals with a comma.
        let parsed = v.parse::<f64>().or_else(|e| match self.decimal_comma {
            true if v.matches(',').count() == 1 && !v.contains('.') => {
                v.replace(',', ".").parse::<f64>()
            }
            _ => Err(e),
        });
        match parsed {
            Ok(n) => Some(n),
            Err(_) => {
                self.bad(col, format!("invalid {field} \"{v}\", expected a number"));
                None
            }
        }
    }

    fn count(&mut self, (col, v): (usize, Cow<'_, str>), field: &str) -> Option<u64> {
        match v.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.bad(
                    col,
                    format!("invalid {field} \"{v}\", expected a non-negative integer"),
                );
                None
            }
        }
    }
}

/// A reader of the text. Flexible: a row of only separators, which spreadsheets add below
/// the data, may be shorter than the header; other rows are checked for their length.
pub(super) fn reader_of(text: &str, delimiter: u8, headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(headers)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The cell separator: `;` when the header has more of them than commas (a spreadsheet set
/// to a language whose decimal separator is the comma writes `;`), else `,`.
pub(super) fn delimiter_of(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c: char| header.chars().filter(|&x| x == c).count();
    if count(';') > count(',') { b';' } else { b',' }
}

/// The csv crate places a record after a CRLF at the LF: skip line ends to the record.
fn record_start(text: &str, byte: u64) -> usize {
    let b = text.as_bytes();
    let mut i = byte as usize;
    while i < b.len() && matches!(b[i], b'\r' | b'\n') {
        i += 1;
    }
    i
}

fn csv_error(source: &Source, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(1, |p| {
        super::source::line_col(source.text.as_bytes(), record_start(&source.text, p.byte())).0
    });
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("failed to parse CSV: row has {len} cells but the header has {expected_len}"),
        _ => format!("failed to parse CSV: {e}"),
    };
    Diagnostic::new(
        Code::CsvSyntax,
        message,
        Some(Location {
            file: source.name.clone(),
            line: Some(line),
            column: None,
            path: None,
        }),
    )
}
