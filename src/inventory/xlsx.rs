//! The workbook importer: an Excel (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) or OpenDocument
//! (`.ods`) workbook whose sheets are named after the tables, read with calamine, each
//! sheet like the CSV file of its table (same columns, same row building: `csv::push_row`).
//!
//! Cells are read as a person who filled the sheet would expect (docs/inventory-format.md,
//! "Workbooks"): a number in a text column is its displayed integer or decimal text (`1`,
//! `2.5`), a date is its ISO date (`2026-05-01`), a formula is its cached value, a merged
//! range holds its value in its top-left cell only, hidden rows and sheets are data, empty
//! rows are skipped. Every problem is located by file, sheet and cell: the location's line
//! and column are the cell's row and column, its path the cell reference (`assets!C12`).

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Cursor;

use calamine::{Data, Range, Reader, Sheets};
use rustc_hash::FxHashMap;

use crate::diagnostics::{Code, Diagnostic, Location};

use super::csv::{CsvRow, header_columns, push_row};
use super::importer::{Claim, Importer, ParsedFile, RowLocator, Site};
use super::raw::{RawFile, Table};
use super::source::Source;

/// Reads workbooks: `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods`.
pub struct Xlsx;

/// The extensions of the workbooks read.
const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

impl Importer for Xlsx {
    fn name(&self) -> &'static str {
        "xlsx"
    }

    fn claims(&self, lower_name: &str, listed: bool) -> Claim {
        let workbook = lower_name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext));
        // Excel's lock file (`~$book.xlsx`) beside an open workbook is not a workbook.
        if workbook && !(listed && lower_name.starts_with("~$")) {
            Claim::Yes
        } else {
            Claim::No
        }
    }

    fn binary(&self) -> bool {
        true
    }

    fn parse<'a>(
        &self,
        index: usize,
        source: &'a Source,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<ParsedFile<'a>> {
        let mut book = match open(source) {
            Ok(book) => book,
            Err(why) => {
                diags.push(Diagnostic::new(
                    Code::BadWorkbook,
                    why,
                    file_location(source),
                ));
                return None;
            }
        };
        let sheets = table_sheets(source, &book.sheet_names(), diags)?;
        let mut raw = RawFile::default();
        let mut meta = XlsxMeta::default();
        let mut broken = HashSet::new();
        let mut ok = true;
        for (table, name) in sheets {
            match book.worksheet_range(&name) {
                Ok(range) => {
                    let sheet = SheetReader {
                        source,
                        table,
                        name: &name,
                    };
                    match sheet.read(&range, &mut raw, &mut broken, diags) {
                        Some(m) => {
                            meta.sheets.insert(table, m);
                        }
                        None => ok = false,
                    }
                }
                Err(e) => {
                    ok = false;
                    diags.push(Diagnostic::new(
                        Code::BadWorkbook,
                        format!("failed to read sheet \"{name}\": {e}"),
                        file_location(source),
                    ));
                }
            }
        }
        ok.then(|| ParsedFile {
            source: index,
            raw,
            locator: Box::new(meta),
            broken,
            notes: Vec::new(),
        })
    }
}

/// Opens the workbook by its extension, or says why it cannot be read.
fn open(source: &Source) -> Result<Sheets<Cursor<&[u8]>>, String> {
    let ext = source
        .name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let cursor = Cursor::new(source.bytes.as_slice());
    let opened: Result<Sheets<_>, calamine::Error> = match ext.as_str() {
        "xls" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xls)
            .map_err(Into::into),
        "xlsb" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xlsb)
            .map_err(Into::into),
        "ods" => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Ods)
            .map_err(Into::into),
        _ => calamine::open_workbook_from_rs(cursor)
            .map(Sheets::Xlsx)
            .map_err(Into::into),
    };
    opened.map_err(|e| {
        let password = matches!(
            &e,
            calamine::Error::Xlsx(calamine::XlsxError::Password)
                | calamine::Error::Xls(calamine::XlsError::Password)
                | calamine::Error::Xlsb(calamine::XlsbError::Password)
                | calamine::Error::Ods(calamine::OdsError::Password)
        );
        if password {
            "failed to open the workbook: it is password-protected (encrypted); save a copy without a password".to_owned()
        } else {
            format!(
                "failed to open the workbook: the file is corrupt or not a .{ext} workbook ({e})"
            )
        }
    })
}

/// The sheets named after a table (case and surrounding spaces ignored), in table order;
/// other sheets (explanations, pivots) are ignored. `None` when none is, or when two sheets
/// name the same table.
fn table_sheets(
    source: &Source,
    names: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(Table, String)>> {
    let mut found: Vec<(Table, String)> = Vec::new();
    let mut ok = true;
    for name in names {
        let lower = name.trim().to_ascii_lowercase();
        let Some(table) = Table::ALL.into_iter().find(|t| t.name() == lower) else {
            continue;
        };
        if let Some((_, first)) = found.iter().find(|(t, _)| *t == table) {
            ok = false;
            diags.push(Diagnostic::new(
                Code::DuplicateKey,
                format!(
                    "sheets \"{first}\" and \"{name}\" both hold the {} table: keep one",
                    table.name()
                ),
                file_location(source),
            ));
        } else {
            found.push((table, name.clone()));
        }
    }
    if found.is_empty() {
        let expected: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
        diags.push(Diagnostic::new(
            Code::EmptyInput,
            format!(
                "workbook has no sheet named after a table (expected one or more of {}; found {})",
                expected.join(", "),
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            file_location(source),
        ));
        return None;
    }
    found.sort_by_key(|(t, _)| *t);
    ok.then_some(found)
}

/// Reads one sheet into the rows of its table.
struct SheetReader<'s> {
    source: &'s Source,
    table: Table,
    /// The sheet's name, as written in the workbook.
    name: &'s str,
}

impl SheetReader<'_> {
    /// Reads the rows; `None` when the header is missing or unsound (the rows' own problems
    /// are reported too).
    fn read(
        &self,
        range: &Range<Data>,
        raw: &mut RawFile<'_>,
        broken: &mut HashSet<(Table, usize)>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<SheetMeta> {
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut rows = range
            .rows()
            .enumerate()
            .map(|(i, r)| (row0 + i as u32, r))
            .filter(|(_, r)| r.iter().any(|c| text_of(c).is_some_and(|t| !t.is_empty())));
        let Some((header_row, header)) = rows.next() else {
            // An empty sheet is an empty table.
            return Some(SheetMeta::new(self.name, col0, Vec::new()));
        };
        let headers: Vec<String> = header
            .iter()
            .map(|c| text_of(c).unwrap_or_default())
            .collect();
        if !headers.iter().any(|h| self.table.field(h).is_some()) {
            diags.push(self.missing_header(header_row, col0));
            return None;
        }
        let place = format!("sheet \"{}\"", self.name);
        let header_at = |i: usize| self.cell_location(header_row, col0 + i as u32);
        let (column_of, header_ok) =
            header_columns(self.table, &headers, &place, &header_at, diags);
        let mut meta = SheetMeta::new(self.name, col0, headers);
        let first = raw_len(raw, self.table);
        for (row, cells) in rows {
            let index = first + meta.rows.len();
            meta.rows.push(row);
            if !self.read_row(row, col0, cells, &column_of, raw, diags) {
                broken.insert((self.table, index));
            }
        }
        header_ok.then_some(meta)
    }

    /// Reads one data row into `raw`; false when a cell was bad.
    fn read_row(
        &self,
        row: u32,
        col0: u32,
        cells: &[Data],
        column_of: &FxHashMap<&'static str, usize>,
        raw: &mut RawFile<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        let at = |col: usize| self.cell_location(row, col0 + col as u32);
        let mut ok = true;
        // A cell showing an error (`#REF!`, `#N/A`) holds no value to read.
        for &i in column_of.values() {
            if let Some(Data::Error(e)) = cells.get(i) {
                ok = false;
                diags.push(Diagnostic::new(
                    Code::WrongType,
                    format!("cell shows the error {e}, expected a value"),
                    at(i),
                ));
            }
        }
        let get = |name: &str| {
            let i = *column_of.get(name)?;
            let v = text_of(cells.get(i)?)?;
            (!v.is_empty()).then_some((i, Cow::Owned(v)))
        };
        let mut typed = CsvRow {
            locate: &at,
            diags,
            ok: true,
            decimal_comma: false,
        };
        push_row(raw, self.table, get, &mut typed);
        ok && typed.ok
    }

    fn missing_header(&self, row: u32, col0: u32) -> Diagnostic {
        Diagnostic::new(
            Code::MissingHeader,
            format!(
                "sheet \"{}\" has no header row: its first row holds none of the columns {} (write the column names in the first row)",
                self.name,
                self.table.field_names().collect::<Vec<_>>().join(", ")
            ),
            self.cell_location(row, col0),
        )
    }

    fn cell_location(&self, row: u32, col: u32) -> Option<Location> {
        Some(cell_location(&self.source.name, self.name, row, Some(col)))
    }
}

/// The location of a cell (or, without a column, of a row) of a sheet; `row` and `col` are
/// 0-based.
fn cell_location(file: &str, sheet: &str, row: u32, col: Option<u32>) -> Location {
    let sheet = quoted_sheet(sheet);
    let r = row + 1;
    Location {
        file: file.to_owned(),
        line: Some(u64::from(r)),
        column: col.map(|c| u64::from(c) + 1),
        path: Some(match col {
            Some(c) => format!("{sheet}!{}{r}", column_letters(c)),
            None => format!("{sheet}!{r}:{r}"),
        }),
    }
}

/// A sheet name as a cell reference writes it: quoted when it is not one plain word.
fn quoted_sheet(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// The letters of a 0-based column: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// The text of a cell as the loader reads it, trimmed; `None` for an empty cell or an error.
fn text_of(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty | Data::Error(_) => None,
        Data::String(s) => Some(s.trim().to_owned()),
        Data::Int(i) => Some(i.to_string()),
        // Rust writes the shortest text that reads back to the same number: `1`, `2.5`.
        Data::Float(f) => Some(f.to_string()),
        Data::Bool(b) => Some(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => Some(iso_date(d)),
        Data::DateTime(d) => Some(d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.trim().to_owned()),
    }
}

/// A date cell as ISO 8601: the date alone when it has no time of day.
fn iso_date(d: &calamine::ExcelDateTime) -> String {
    let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
    if (h, mi, s, ms) == (0, 0, 0, 0) {
        format!("{y:04}-{mo:02}-{day:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
    }
}

fn raw_len(raw: &RawFile<'_>, table: Table) -> usize {
    match table {
        Table::Suppliers => raw.suppliers.len(),
        Table::Operators => raw.operators.len(),
        Table::Assets => raw.assets.len(),
        Table::Links => raw.links.len(),
        Table::Shares => raw.shares.len(),
    }
}

fn file_location(source: &Source) -> Option<Location> {
    Some(Location {
        file: source.name.clone(),
        ..Location::default()
    })
}

/// What locates the rows of a workbook: per table, its sheet, header and rows.
#[derive(Default)]
struct XlsxMeta {
    sheets: FxHashMap<Table, SheetMeta>,
}

/// Where a table's rows are in its sheet.
struct SheetMeta {
    name: String,
    /// The 0-based column of the first header cell.
    col0: u32,
    /// The header's column names.
    headers: Vec<String>,
    /// The 0-based row of each data row.
    rows: Vec<u32>,
}

impl SheetMeta {
    fn new(name: &str, col0: u32, headers: Vec<String>) -> Self {
        SheetMeta {
            name: name.to_owned(),
            col0,
            headers,
            rows: Vec::new(),
        }
    }
}

impl RowLocator for XlsxMeta {
    fn locate(&self, source: &Source, sites: &[Site]) -> Vec<Location> {
        sites
            .iter()
            .map(|site| {
                let Some(sheet) = self.sheets.get(&site.table) else {
                    return Location {
                        file: source.name.clone(),
                        ..Location::default()
                    };
                };
                let row = sheet.rows.get(site.index as usize).copied().unwrap_or(0);
                let col = site
                    .field
                    .and_then(|f| sheet.headers.iter().position(|h| h.eq_ignore_ascii_case(f)))
                    .map(|c| sheet.col0 + c as u32);
                cell_location(&source.name, &sheet.name, row, col)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let got: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            got,
            ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"].map(String::from)
        );
    }

    #[test]
    fn cells_read_as_the_sheet_shows_them() {
        assert_eq!(text_of(&Data::Float(1.0)).as_deref(), Some("1"));
        assert_eq!(text_of(&Data::Float(2.5)).as_deref(), Some("2.5"));
        assert_eq!(text_of(&Data::Int(7)).as_deref(), Some("7"));
        assert_eq!(text_of(&Data::Bool(true)).as_deref(), Some("true"));
        assert_eq!(text_of(&Data::String(" a ".into())).as_deref(), Some("a"));
        let date =
            calamine::ExcelDateTime::new(45778.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(
            text_of(&Data::DateTime(date)).as_deref(),
            Some("2025-05-01")
        );
        assert_eq!(text_of(&Data::Empty), None);
    }

    #[test]
    fn a_cell_is_located_by_sheet_and_reference() {
        let l = cell_location("b.xlsx", "assets", 11, Some(2));
        assert_eq!(l.to_string(), "b.xlsx:12:3 at assets!C12");
        let l = cell_location("b.xlsx", "my assets", 11, None);
        assert_eq!(l.path.as_deref(), Some("'my assets'!12:12"));
    }
}
