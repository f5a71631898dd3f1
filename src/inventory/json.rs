//! The JSON importer: a `vendorgraph/1` document through serde, every row located.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::sanitize::escape_controls;

use super::compact::{CompactFile, Interner};
use super::importer::{Claim, Importer, ParsedFile, RowLocator, Site};
use super::json_compact::compact_json;
use super::json_walk::{JsonQuery, locate_json, locate_key};
use super::raw::{RawFile, RawLink, Table};
use super::source::{LineIndex, Source};

/// The format every JSON file must declare.
pub const FORMAT: &str = crate::vocab::INVENTORY_FORMAT;

/// Reads `vendorgraph/1` JSON documents: `*.json` in a directory, and any file named by the
/// user that no other importer claims (it is asked last).
pub struct Json;

impl Importer for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn claims(&self, lower_name: &str, listed: bool) -> Claim {
        if !listed || lower_name.ends_with(".json") {
            Claim::Yes
        } else {
            Claim::No
        }
    }

    fn parse<'a>(
        &self,
        index: usize,
        source: &'a Source,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<ParsedFile<'a>> {
        let (raw, broken, format_broken) = parse_json(source, diags)?;
        let notes = check_format(raw.format.as_deref(), format_broken, source);
        Some(ParsedFile {
            source: index,
            raw,
            locator: Box::new(JsonLocator),
            broken,
            notes,
        })
    }

    /// Interns while it parses ([`compact_json`]); a file with any problem is parsed again
    /// on the raw path, which reports it.
    fn compact(
        &self,
        index: usize,
        source: &Source,
        strings: &mut Interner,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<CompactFile> {
        if let Some((mut file, format)) = compact_json(index, source, strings) {
            file.notes = check_format(format.as_deref(), false, source);
            return Some(file);
        }
        self.compact_raw(index, source, strings, diags)
    }
}

/// Locates sites by their JSON path (`assets[3].supplier`), in one structural pass. On a
/// source without text (rows built in memory) it gives the file and the path alone.
pub struct JsonLocator;

impl RowLocator for JsonLocator {
    fn locate(&self, source: &Source, sites: &[Site]) -> Vec<Location> {
        let queries: Vec<JsonQuery<'_>> = sites
            .iter()
            .map(|s| JsonQuery {
                table: s.table,
                index: s.index as usize,
                field: s.field,
            })
            .collect();
        let found = locate_json(&source.text, &queries);
        sites
            .iter()
            .zip(found)
            .map(|(s, pos)| {
                let mut path = format!("{}[{}]", s.table.name(), s.index);
                if let Some(f) = s.field {
                    path.push('.');
                    path.push_str(f);
                }
                if let Some(e) = s.elem {
                    path.push_str(&format!("[{e}]"));
                }
                Location {
                    file: source.name.clone(),
                    line: pos.map(|p| p.0),
                    column: pos.map(|p| p.1),
                    path: Some(path),
                }
            })
            .collect()
    }
}

/// The file's `format` declaration: present and `vendorgraph/1`.
fn check_format(format: Option<&str>, format_broken: bool, source: &Source) -> Vec<Diagnostic> {
    match format {
        None if format_broken => vec![],
        None => vec![Diagnostic::new(
            Code::MissingFormat,
            format!(
                "missing \"format\": every JSON inventory starts with \"format\": \"{FORMAT}\""
            ),
            loc(source, 1, 1, None),
        )],
        Some(FORMAT) => vec![],
        Some(other) => {
            let (line, column) = locate_key(&source.text, "format");
            vec![Diagnostic::new(
                Code::UnknownFormat,
                format!(
                    "unknown format \"{}\", expected \"{FORMAT}\"",
                    escape_controls(other)
                ),
                loc(source, line, column, Some("format".into())),
            )]
        }
    }
}

/// What a parsed JSON file gives: rows, rows that failed, and whether `format` failed.
type Parsed<'a> = (RawFile<'a>, HashSet<(Table, usize)>, bool);

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

fn parse_json<'a>(source: &'a Source, diags: &mut Vec<Diagnostic>) -> Option<Parsed<'a>> {
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
            return Some((raw, HashSet::new(), false));
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
            return Some((raw, HashSet::new(), false));
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
    match parse_json_rows(source, diags) {
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
    #[serde(rename = "$schema", borrow, default)]
    _schema: Option<&'a RawValue>,
    #[serde(borrow, default)]
    suppliers: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    operators: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    assets: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    links: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    shares: Vec<&'a RawValue>,
}

fn parse_json_rows<'a>(source: &'a Source, diags: &mut Vec<Diagnostic>) -> Option<Parsed<'a>> {
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
    rows!(shares, Table::Shares);
    Some((raw, broken, format_broken))
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

/// Sets the id of a raw row (links and shares have none).
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

impl<'a> SetId<'a> for super::raw::RawShare<'a> {
    fn set_id(&mut self, _: Option<Cow<'a, str>>) {}
}

fn row_de<'a, T: Deserialize<'a>>(
    row: &'a RawValue,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    let mut de = serde_json::Deserializer::from_str(row.get());
    serde_path_to_error::deserialize(&mut de)
}
