//! The structural JSON walker: maps rows and fields of a valid inventory document back to
//! lines and columns, in one pass, only when there is something to locate.

use std::collections::HashMap;

use super::raw::Table;
use super::source::LineIndex;

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

/// The line and column of the value at a JSON path (`steps[1].add.assets[0].supplier`), or
/// of the deepest part of the path that exists (the nearest parent, as for a missing key).
/// Used for files other than inventories (scenarios), whose paths have any shape.
pub fn locate_path(text: &str, path: &str) -> (u64, u64) {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    s.ws();
    let mut found = s.i;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() && !s.enter_key(key) {
            break;
        }
        found = s.i;
        while let Some(end) = rest.find(']') {
            if !rest[1..end].parse().is_ok_and(|n| s.enter_index(n)) {
                return LineIndex::new(text).line_col(found);
            }
            found = s.i;
            rest = &rest[end + 1..];
        }
    }
    LineIndex::new(text).line_col(found)
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

    /// At an object: moves to the value of `key`; false when there is none.
    fn enter_key(&mut self, key: &str) -> bool {
        if !self.eat(b'{') {
            return false;
        }
        loop {
            self.ws();
            let Some(k) = self.string() else { return false };
            self.ws();
            self.eat(b':');
            self.ws();
            if k == key {
                return true;
            }
            self.skip_value();
            self.ws();
            if !self.eat(b',') {
                return false;
            }
        }
    }

    /// At an array: moves to its element `n`; false when there is none.
    fn enter_index(&mut self, n: usize) -> bool {
        if !self.eat(b'[') {
            return false;
        }
        for _ in 0..n {
            self.ws();
            if matches!(self.peek(), None | Some(b']')) {
                return false;
            }
            self.skip_value();
            self.ws();
            self.eat(b',');
        }
        self.ws();
        !matches!(self.peek(), None | Some(b']'))
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
    fn locates_any_path() {
        let text = "{\n  \"name\": \"t\",\n  \"steps\": [\n    {\"remove\": {\"select\": {\"ids\": \"a\"}}},\n    {\"add\": {\"assets\": [\n      {\"id\": \"x\", \"operator\": \"o\"},\n      {\"id\": \"y\", \"supplier\": \"s\\\"q\"}\n    ]}}\n  ]\n}";
        assert_eq!(
            locate_path(text, "steps[1].add.assets[1].supplier"),
            (7, 31)
        );
        assert_eq!(locate_path(text, "steps[0].remove.select.ids"), (4, 35));
        // A missing key or element: the deepest part that exists.
        assert_eq!(locate_path(text, "steps[1].add.links[0]"), (5, 13));
        assert_eq!(locate_path(text, "steps[5]"), (3, 12));
        assert_eq!(locate_path(text, ""), (1, 1));
    }

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
}
