//! Parsing sources into raw rows: JSON through serde, CSV through the csv crate.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::diagnostics::{Code, Diagnostic, Location};

use super::raw::{RawFile, RawLink, Table, Targets};
use super::source::{LineIndex, Source, SourceKind};

/// The raw rows of one source, with what is needed to locate them.
#[derive(Debug)]
pub struct ParsedFile<'a> {
    /// Index of the source in the list the loader read.
    pub source: usize,
    /// The rows.
    pub raw: RawFile<'a>,
    /// For CSV: the header and the line of each row.
    pub csv: Option<CsvMeta>,
    /// Rows that failed to parse (replaced by empty rows, not validated further).
    pub broken: HashSet<(Table, usize)>,
    /// Whether `format` had the wrong type (already reported).
    pub format_broken: bool,
}

/// What locates a CSV row and cell.
#[derive(Debug)]
pub struct CsvMeta {
    /// The table the file holds.
    pub table: Table,
    /// Column names, as in the header.
    pub headers: Vec<String>,
    /// 1-based line of each data row.
    pub lines: Vec<u64>,
}

/// Parses one source. A fatal problem (malformed syntax) gives `None`; problems within
/// rows give diagnostics and leave the rest of the rows usable.
pub fn parse_source<'a>(
    index: usize,
    source: &'a Source,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedFile<'a>> {
    match source.kind {
        SourceKind::Json => parse_json(index, source, diags),
        SourceKind::Csv(table) => parse_csv(index, source, table, diags),
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

/// Says serde's Rust type names in the user's words.
fn plain_types(message: &str) -> String {
    message
        .replace("expected f64", "expected a number")
        .replace("expected u64", "expected a non-negative integer")
        .replace("expected a borrowed string", "expected a string")
}

fn classify(message: &str) -> Code {
    if message.starts_with("unknown field") {
        Code::UnknownKey
    } else if message.starts_with("missing field") {
        Code::MissingField
    } else if message.starts_with("duplicate field") {
        Code::DuplicateKey
    } else {
        Code::WrongType
    }
}

/// A serde_json error as a diagnostic code and a message in the user's words (its position
/// removed: locations are printed apart). Shared by every JSON reader of the crate.
pub(crate) fn serde_message(e: &serde_json::Error) -> (Code, String) {
    let message = bare_message(e);
    let code = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => Code::JsonSyntax,
        serde_json::error::Category::Io => Code::Io,
        serde_json::error::Category::Data => classify(&message),
    };
    (code, plain_types(&message))
}

/// Strips serde_json's " at line L column C" suffix: the location is printed apart.
fn bare_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(p) => s[..p].to_owned(),
        None => s,
    }
}

fn parse_json<'a>(
    index: usize,
    source: &'a Source,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedFile<'a>> {
    let text = source.text.as_str();
    let first = text
        .bytes()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if text.as_bytes().get(first) != Some(&b'{') {
        let (line, column) = super::source::line_col(text.as_bytes(), first);
        diags.push(Diagnostic::new(
            Code::WrongType,
            "an inventory file holds one JSON object ({\"format\": \"vendorgraph/1\", ...})"
                .to_owned(),
            loc(source, line, column, None),
        ));
        return None;
    }
    // Fast path: plain serde_json, no path tracking. Only when it fails is the text
    // parsed again with paths (and row by row) to locate every problem.
    let mut de = serde_json::Deserializer::from_str(text);
    match RawFile::deserialize(&mut de) {
        Ok(raw) => {
            if let Err(e) = de.end() {
                diags.push(Diagnostic::new(
                    Code::JsonSyntax,
                    format!("failed to parse JSON: {}", bare_message(&e)),
                    loc(source, e.line() as u64, e.column() as u64, None),
                ));
                return None;
            }
            return Some(ParsedFile {
                source: index,
                raw,
                csv: None,
                broken: HashSet::new(),
                format_broken: false,
            });
        }
        Err(e) if e.is_syntax() || e.is_eof() => {
            diags.push(Diagnostic::new(
                Code::JsonSyntax,
                format!("failed to parse JSON: {}", bare_message(&e)),
                loc(source, e.line() as u64, e.column() as u64, None),
            ));
            return None;
        }
        Err(_) => {}
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let err = match serde_path_to_error::deserialize::<_, RawFile<'a>>(&mut de) {
        Err(e) => e,
        // Cannot happen (the same text failed above); accepting it is the safe answer.
        Ok(raw) => {
            return Some(ParsedFile {
                source: index,
                raw,
                csv: None,
                broken: HashSet::new(),
                format_broken: false,
            });
        }
    };
    let inner = err.inner();
    if inner.is_syntax() || inner.is_eof() {
        diags.push(Diagnostic::new(
            Code::JsonSyntax,
            format!("failed to parse JSON: {}", bare_message(inner)),
            loc(source, inner.line() as u64, inner.column() as u64, None),
        ));
        return None;
    }
    // A row has the wrong shape: parse row by row to report every such row.
    match parse_json_rows(index, source, diags) {
        Some(parsed) => Some(parsed),
        None => {
            let message = bare_message(inner);
            let path = err.path().to_string();
            diags.push(Diagnostic::new(
                classify(&message),
                message,
                loc(
                    source,
                    inner.line() as u64,
                    inner.column() as u64,
                    (path != ".").then_some(path),
                ),
            ));
            None
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LooseFile<'a> {
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
    #[serde(borrow, default)]
    suppliers: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    operators: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    assets: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    links: Vec<&'a RawValue>,
}

fn parse_json_rows<'a>(
    index: usize,
    source: &'a Source,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedFile<'a>> {
    let text = source.text.as_str();
    let loose: LooseFile<'a> = serde_json::from_str(text).ok()?;
    let lines = LineIndex::new(text);
    let mut broken = HashSet::new();
    let mut format_broken = false;
    let mut raw = RawFile::default();
    let mut report = |table: Option<Table>,
                      i: usize,
                      row: &'a RawValue,
                      e: serde_path_to_error::Error<serde_json::Error>| {
        let offset = row.get().as_ptr() as usize - text.as_ptr() as usize;
        let (l0, c0) = lines.line_col(offset);
        let inner = e.inner();
        let (l, c) = (inner.line() as u64, inner.column() as u64);
        let (line, column) = if l <= 1 {
            (l0, c0 + c.saturating_sub(1))
        } else {
            (l0 + l - 1, c)
        };
        let inner_path = e.path().to_string();
        let path = match table {
            Some(t) if inner_path == "." => format!("{}[{i}]", t.name()),
            Some(t) => format!("{}[{i}].{inner_path}", t.name()),
            None => "format".to_owned(),
        };
        let message = plain_types(&bare_message(inner));
        diags.push(Diagnostic::new(
            classify(&message),
            message,
            loc(source, line, column, Some(path)),
        ));
    };
    if let Some(f) = loose.format {
        match row_de::<Option<Cow<'a, str>>>(f) {
            Ok(v) => raw.format = v,
            Err(e) => {
                format_broken = true;
                report(None, 0, f, e);
            }
        }
    }
    macro_rules! rows {
        ($field:ident, $table:expr) => {
            for (i, row) in loose.$field.iter().enumerate() {
                match row_de(row) {
                    Ok(v) => raw.$field.push(v),
                    Err(e) => {
                        report(Some($table), i, row, e);
                        broken.insert(($table, i));
                        // Keep the row's id, so that references to it are not reported
                        // as dangling: the row's own error is the one to fix.
                        let mut kept = Default::default();
                        set_id(&mut kept, row_id(row));
                        raw.$field.push(kept);
                    }
                }
            }
        };
    }
    rows!(suppliers, Table::Suppliers);
    rows!(operators, Table::Operators);
    rows!(assets, Table::Assets);
    rows!(links, Table::Links);
    Some(ParsedFile {
        source: index,
        raw,
        csv: None,
        broken,
        format_broken,
    })
}

/// A row's `id`, read leniently from a row that failed to parse.
fn row_id<'a>(row: &'a RawValue) -> Option<Cow<'a, str>> {
    #[derive(Deserialize)]
    struct IdOnly<'a> {
        #[serde(borrow, default)]
        id: Option<Cow<'a, str>>,
    }
    serde_json::from_str::<IdOnly<'a>>(row.get())
        .ok()
        .and_then(|r| r.id)
}

/// Sets the id of a raw row (links have none).
trait SetId<'a> {
    fn set_id(&mut self, id: Option<Cow<'a, str>>);
}

fn set_id<'a, T: SetId<'a>>(row: &mut T, id: Option<Cow<'a, str>>) {
    row.set_id(id);
}

macro_rules! set_id_impl {
    ($($t:ident),*) => {$(
        impl<'a> SetId<'a> for super::raw::$t<'a> {
            fn set_id(&mut self, id: Option<Cow<'a, str>>) {
                self.id = id;
            }
        }
    )*};
}
set_id_impl!(RawSupplier, RawOperator, RawAsset);

impl<'a> SetId<'a> for RawLink<'a> {
    fn set_id(&mut self, _: Option<Cow<'a, str>>) {}
}

fn row_de<'a, T: Deserialize<'a>>(
    row: &'a RawValue,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    let mut de = serde_json::Deserializer::from_str(row.get());
    serde_path_to_error::deserialize(&mut de)
}

/// The fields each CSV table may have, in the spec's order.
fn csv_fields(table: Table) -> &'static [&'static str] {
    match table {
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
            "location",
            "site",
            "region",
            "name",
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

fn parse_csv<'a>(
    index: usize,
    source: &'a Source,
    table: Table,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedFile<'a>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(source.text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_owned()).collect(),
        Err(e) => {
            diags.push(csv_error(source, &e));
            return None;
        }
    };
    let allowed = csv_fields(table);
    let mut columns = Vec::with_capacity(headers.len());
    let mut header_ok = true;
    let mut seen = HashSet::new();
    for (i, h) in headers.iter().enumerate() {
        let col = allowed.iter().position(|f| f == h);
        if h.is_empty() {
            // Spreadsheets often end the header with a separator: an unnamed column is
            // ignored (its cells must then be empty or are ignored too).
        } else if col.is_none() {
            header_ok = false;
            diags.push(Diagnostic::new(
                Code::UnknownKey,
                format!(
                    "unknown column \"{h}\" in {}.csv, expected one of {}",
                    table.name(),
                    allowed.join(", ")
                ),
                loc(source, 1, i as u64 + 1, Some(h.clone())),
            ));
        } else if !seen.insert(h.as_str()) {
            header_ok = false;
            diags.push(Diagnostic::new(
                Code::DuplicateKey,
                format!("column \"{h}\" appears twice in the header"),
                loc(source, 1, i as u64 + 1, Some(h.clone())),
            ));
        }
        columns.push(col.map(|c| allowed[c]));
    }
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
        // Lines from byte offsets: the csv crate's own line count is off with CRLF.
        let line = record.position().map_or(0, |p| {
            line_index.line_col(record_start(&source.text, p.byte())).0
        });
        lines.push(line);
        let mut cells = CsvRow {
            source,
            line,
            headers: &headers,
            diags,
            ok: true,
        };
        let get = |name: &str| -> Option<(usize, String)> {
            columns.iter().position(|c| *c == Some(name)).and_then(|i| {
                let v = record.get(i)?.trim();
                (!v.is_empty()).then(|| (i, v.to_owned()))
            })
        };
        match table {
            Table::Suppliers => raw.suppliers.push(super::raw::RawSupplier {
                id: get("id").map(|v| Cow::Owned(v.1)),
                name: get("name").map(|v| Cow::Owned(v.1)),
                country: get("country").map(|v| Cow::Owned(v.1)),
                risk: get("risk").map(|v| Cow::Owned(v.1)),
                group: get("group").map(|v| Cow::Owned(v.1)),
                source: get("source").map(|v| Cow::Owned(v.1)),
                notes: get("notes").map(|v| Cow::Owned(v.1)),
            }),
            Table::Operators => raw.operators.push(super::raw::RawOperator {
                id: get("id").map(|v| Cow::Owned(v.1)),
                name: get("name").map(|v| Cow::Owned(v.1)),
                country: get("country").map(|v| Cow::Owned(v.1)),
                subscribers: get("subscribers").and_then(|v| cells.count(v, "subscribers")),
                source: get("source").map(|v| Cow::Owned(v.1)),
                notes: get("notes").map(|v| Cow::Owned(v.1)),
            }),
            Table::Assets => raw.assets.push(super::raw::RawAsset {
                id: get("id").map(|v| Cow::Owned(v.1)),
                operator: get("operator").map(|v| Cow::Owned(v.1)),
                function: get("function").map(|v| Cow::Owned(v.1)),
                supplier: get("supplier").map(|v| Cow::Owned(v.1)),
                domain: get("domain").map(|v| Cow::Owned(v.1)),
                weight: get("weight").and_then(|v| cells.number(v, "weight")),
                generation: get("generation").map(|v| Cow::Owned(v.1)),
                sensitive: get("sensitive").and_then(|v| cells.boolean(v, "sensitive")),
                location: get("location").map(|v| Cow::Owned(v.1)),
                site: get("site").map(|v| Cow::Owned(v.1)),
                region: get("region").map(|v| Cow::Owned(v.1)),
                name: get("name").map(|v| Cow::Owned(v.1)),
                source: get("source").map(|v| Cow::Owned(v.1)),
                notes: get("notes").map(|v| Cow::Owned(v.1)),
            }),
            Table::Links => raw.links.push(RawLink {
                from: get("from").map(|v| Cow::Owned(v.1)),
                to: get("to").map(|v| {
                    Targets(
                        v.1.split('|')
                            .map(|t| Cow::Owned(t.trim().to_owned()))
                            .collect(),
                    )
                }),
                kind: get("kind").map(|v| Cow::Owned(v.1)),
                need: get("need").and_then(|v| cells.count(v, "need")),
                interface: get("interface").map(|v| Cow::Owned(v.1)),
                open: get("open").and_then(|v| cells.boolean(v, "open")),
                source: get("source").map(|v| Cow::Owned(v.1)),
                notes: get("notes").map(|v| Cow::Owned(v.1)),
            }),
        }
        if !cells.ok {
            broken.insert((table, row));
        }
        row += 1;
    }
    if !header_ok {
        return None;
    }
    Some(ParsedFile {
        source: index,
        raw,
        csv: Some(CsvMeta {
            table,
            headers,
            lines,
        }),
        broken,
        format_broken: false,
    })
}

/// Typed reading of one CSV row's cells, recording a diagnostic per bad cell.
struct CsvRow<'s, 'd> {
    source: &'s Source,
    line: u64,
    headers: &'s [String],
    diags: &'d mut Vec<Diagnostic>,
    ok: bool,
}

impl CsvRow<'_, '_> {
    fn bad(&mut self, col: usize, message: String) {
        self.ok = false;
        self.diags.push(Diagnostic::new(
            Code::WrongType,
            message,
            loc(
                self.source,
                self.line,
                col as u64 + 1,
                Some(self.headers[col].clone()),
            ),
        ));
    }

    fn boolean(&mut self, (col, v): (usize, String), field: &str) -> Option<bool> {
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

    fn number(&mut self, (col, v): (usize, String), field: &str) -> Option<f64> {
        match v.parse::<f64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.bad(col, format!("invalid {field} \"{v}\", expected a number"));
                None
            }
        }
    }

    fn count(&mut self, (col, v): (usize, String), field: &str) -> Option<u64> {
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
