//! Reading input files and mapping JSON paths back to lines and columns.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Location};

use super::raw::Table;

/// What a source file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A JSON inventory document.
    Json,
    /// A CSV file holding one table.
    Csv(Table),
}

/// One input file, read whole and checked to be UTF-8 (a leading BOM removed).
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it (or as found in a directory), `-` for standard input.
    pub name: String,
    /// JSON or CSV.
    pub kind: SourceKind,
    /// The file's text.
    pub text: String,
}

/// Finds and reads every input file: files as given, directories' `*.json` files and
/// table CSV files in file-name order, `-` as standard input.
///
/// Returns the sources read and a diagnostic for every input that could not be read.
pub fn read_inputs(inputs: &[PathBuf]) -> (Vec<Source>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diags = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            // Standard input can be read once; naming it twice means once.
            if !seen.insert(PathBuf::from("-")) {
                continue;
            }
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => push_source(
                    "-".into(),
                    SourceKind::Json,
                    bytes,
                    &mut sources,
                    &mut diags,
                ),
                Err(e) => diags.push(io_error("-", &e)),
            }
            continue;
        }
        let display = input.display().to_string();
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                diags.push(io_error(&display, &e));
                continue;
            }
        };
        if meta.is_dir() {
            match list_dir(input) {
                Ok(files) if files.is_empty() => diags.push(Diagnostic::new(
                    Code::EmptyInput,
                    "directory holds no *.json file and no suppliers.csv, operators.csv, assets.csv or links.csv",
                    Some(Location { file: display, ..Location::default() }),
                )),
                Ok(files) => {
                    for (path, kind) in files {
                        read_file(&path, kind, &mut seen, &mut sources, &mut diags);
                    }
                }
                Err(e) => diags.push(io_error(&display, &e)),
            }
        } else {
            match kind_of(input) {
                Some(kind) => read_file(input, kind, &mut seen, &mut sources, &mut diags),
                None => diags.push(Diagnostic::new(
                    Code::Io,
                    "failed to tell the table of a CSV file: name it suppliers.csv, operators.csv, assets.csv or links.csv",
                    Some(Location { file: display, ..Location::default() }),
                )),
            }
        }
    }
    (sources, diags)
}

fn kind_of(path: &Path) -> Option<SourceKind> {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return Some(SourceKind::Json);
    }
    let stem = path.file_stem()?.to_str()?;
    Table::ALL
        .into_iter()
        .find(|t| t.name() == stem)
        .map(SourceKind::Csv)
}

fn list_dir(dir: &Path) -> std::io::Result<Vec<(PathBuf, SourceKind)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if !entry.file_type()?.is_file() && !path.is_file() {
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let lower = name.to_ascii_lowercase();
        let kind = if lower.ends_with(".json") {
            SourceKind::Json
        } else if let Some(t) = Table::ALL
            .into_iter()
            .find(|t| lower.strip_suffix(".csv") == Some(t.name()))
        {
            SourceKind::Csv(t)
        } else {
            continue;
        };
        files.push((path, kind));
    }
    files.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    Ok(files)
}

fn read_file(
    path: &Path,
    kind: SourceKind,
    seen: &mut std::collections::HashSet<PathBuf>,
    sources: &mut Vec<Source>,
    diags: &mut Vec<Diagnostic>,
) {
    // The same file named twice (or a file and its directory) is read once.
    if let Ok(canonical) = path.canonicalize()
        && !seen.insert(canonical)
    {
        return;
    }
    let display = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => push_source(display, kind, bytes, sources, diags),
        Err(e) => diags.push(io_error(&display, &e)),
    }
}

fn push_source(
    name: String,
    kind: SourceKind,
    mut bytes: Vec<u8>,
    sources: &mut Vec<Source>,
    diags: &mut Vec<Diagnostic>,
) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        diags.push(Diagnostic::new(
            Code::EmptyInput,
            "file is empty",
            Some(Location {
                file: name,
                ..Location::default()
            }),
        ));
        return;
    }
    match String::from_utf8(bytes) {
        Ok(text) => sources.push(Source { name, kind, text }),
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let (line, column) = line_col(bytes, at);
            diags.push(Diagnostic::new(
                Code::InvalidUtf8,
                format!(
                    "failed to read text: byte 0x{:02X} at offset {at} is not valid UTF-8 (save the file as UTF-8)",
                    bytes[at]
                ),
                Some(Location { file: name, line: Some(line), column: Some(column), path: None }),
            ));
        }
    }
}

fn io_error(file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::Io,
        format!("failed to read input: {e}"),
        Some(Location {
            file: file.to_owned(),
            ..Location::default()
        }),
    )
}

/// The 1-based line and column (in bytes) of a byte offset.
pub fn line_col(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, (offset - line_start) as u64 + 1)
}

/// Line starts of a text, for many offset look-ups in O(log n) each.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    /// Indexes a text.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self(starts)
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u64, u64) {
        let line = self.0.partition_point(|&s| s <= offset);
        (line as u64, (offset - self.0[line - 1]) as u64 + 1)
    }
}

/// A place in a JSON inventory to find: a row, or one field of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JsonQuery<'q> {
    /// The table.
    pub table: Table,
    /// The row's index in the table.
    pub index: usize,
    /// The field, or `None` for the row itself.
    pub field: Option<&'q str>,
}

/// Finds the line and column of each query in one pass over a valid JSON text: the start
/// of the field's value, or of the row when the field is absent or not asked for.
/// Top-level keys (`format`) are found with `Table`-less queries through [`locate_key`].
pub fn locate_json(text: &str, queries: &[JsonQuery<'_>]) -> Vec<Option<(u64, u64)>> {
    // Per row: the fields asked for, each with the query's position.
    type Wanted<'q> = HashMap<(Table, usize), Vec<(Option<&'q str>, usize)>>;
    let mut wanted: Wanted<'_> = HashMap::new();
    for (qi, q) in queries.iter().enumerate() {
        wanted
            .entry((q.table, q.index))
            .or_default()
            .push((q.field, qi));
    }
    let mut out = vec![None; queries.len()];
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    let lines = LineIndex::new(text);
    s.ws();
    if !s.eat(b'{') {
        return out;
    }
    loop {
        s.ws();
        let Some(key) = s.string() else { break };
        s.ws();
        s.eat(b':');
        s.ws();
        let table = Table::ALL.into_iter().find(|t| t.name() == key);
        match table {
            Some(t) if s.peek() == Some(b'[') => {
                s.i += 1;
                let mut index = 0;
                loop {
                    s.ws();
                    if s.eat(b']') || s.peek().is_none() {
                        break;
                    }
                    let row_start = s.i;
                    match wanted.get(&(t, index)) {
                        Some(fields) if s.peek() == Some(b'{') => {
                            let row_pos = lines.line_col(row_start);
                            for (_, qi) in fields {
                                out[*qi] = Some(row_pos);
                            }
                            s.i += 1;
                            loop {
                                s.ws();
                                let Some(field) = s.string() else { break };
                                s.ws();
                                s.eat(b':');
                                s.ws();
                                let value_pos = lines.line_col(s.i);
                                for (f, qi) in fields {
                                    if *f == Some(field) {
                                        out[*qi] = Some(value_pos);
                                    }
                                }
                                s.skip_value();
                                s.ws();
                                if !s.eat(b',') {
                                    break;
                                }
                            }
                            s.ws();
                            s.eat(b'}');
                        }
                        _ => s.skip_value(),
                    }
                    index += 1;
                    s.ws();
                    s.eat(b',');
                }
            }
            _ => s.skip_value(),
        }
        s.ws();
        if !s.eat(b',') {
            break;
        }
    }
    out
}

/// The line and column of a top-level key's value, or of the document's start.
pub fn locate_key(text: &str, key: &str) -> (u64, u64) {
    let lines = LineIndex::new(text);
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    s.ws();
    let start = lines.line_col(s.i);
    if !s.eat(b'{') {
        return start;
    }
    loop {
        s.ws();
        let Some(k) = s.string() else { break };
        s.ws();
        s.eat(b':');
        s.ws();
        if k == key {
            return lines.line_col(s.i);
        }
        s.skip_value();
        s.ws();
        if !s.eat(b',') {
            break;
        }
    }
    start
}

/// A minimal structural JSON scanner over text already known to parse.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Reads a string token; returns its raw content (escapes left as written, which is
    /// enough to compare with field names, which have none).
    fn string(&mut self) -> Option<&'a str> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.i;
        while let Some(c) = self.peek() {
            match c {
                b'\\' => self.i += 2,
                b'"' => {
                    let s = std::str::from_utf8(&self.b[start..self.i]).ok();
                    self.i += 1;
                    return s;
                }
                _ => self.i += 1,
            }
        }
        None
    }

    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'"' => {
                    self.string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return;
                    }
                }
                b',' if depth == 0 => return,
                _ => {}
            }
            self.i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"format\": \"vendorgraph/1\",\n  \"suppliers\": [{\"id\": \"x\", \"n\": [1, {\"a\": \"]\"}]}],\n  \"assets\": [\n    {\"id\": \"a\"},\n    {\n      \"id\": \"b\",\n      \"supplier\": \"s\\\"q\"\n    }\n  ]\n}\n";

    #[test]
    fn locates_rows_and_fields() {
        let q = [
            JsonQuery {
                table: Table::Assets,
                index: 1,
                field: Some("supplier"),
            },
            JsonQuery {
                table: Table::Assets,
                index: 1,
                field: None,
            },
            JsonQuery {
                table: Table::Assets,
                index: 0,
                field: Some("weight"),
            },
            JsonQuery {
                table: Table::Suppliers,
                index: 0,
                field: Some("id"),
            },
            JsonQuery {
                table: Table::Links,
                index: 0,
                field: None,
            },
        ];
        let r = locate_json(DOC, &q);
        assert_eq!(r[0], Some((8, 19)));
        assert_eq!(r[1], Some((6, 5)));
        assert_eq!(r[2], Some((5, 5)));
        assert_eq!(r[3], Some((3, 24)));
        assert_eq!(r[4], None);
        assert_eq!(locate_key(DOC, "format"), (2, 13));
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\ncd\n\nef";
        let idx = LineIndex::new(text);
        for off in 0..text.len() {
            assert_eq!(idx.line_col(off), line_col(text.as_bytes(), off));
        }
    }
}
