//! The JSON form: a document streamed row by row, or a whole inventory.

use std::io::{self, Write};

use crate::model::Inventory;

use super::INVENTORY_FORMAT;
use super::model_rows::{asset_row, link_row, operator_row, supplier_rows};
use super::row::{Cell, Row, Table};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{AssetRow, LinkRow, Targets};
    use crate::vocab::LinkKind;

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
}
