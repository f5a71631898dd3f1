//! The JSON form: a document streamed row by row, or a whole inventory.

use std::io::{self, Write};
use std::sync::OnceLock;

use crate::model::Inventory;

use super::INVENTORY_FORMAT;
use super::model_rows::{asset_row, link_row, operator_row, share_row, supplier_rows};
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
    /// The row being written: a row goes to `w` in one write.
    buf: Vec<u8>,
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
            buf: Vec::with_capacity(256),
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
        let buf = &mut self.buf;
        buf.clear();
        buf.extend_from_slice(if self.count == 1 { b"\n{" } else { b",\n{" });
        let mut first = true;
        for (i, key) in key_prefixes(R::TABLE).iter().enumerate() {
            let cell = row.cell(i);
            if matches!(cell, Cell::Absent) {
                continue;
            }
            // `,"key":`, without its comma for the first field.
            buf.extend_from_slice(&key.as_bytes()[usize::from(first)..]);
            first = false;
            write_json_cell(buf, cell)?;
        }
        buf.push(b'}');
        self.w.write_all(buf)
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

/// The `,"key":` of every column of a table, made once.
fn key_prefixes(table: Table) -> &'static [String] {
    static KEYS: OnceLock<[Vec<String>; Table::ALL.len()]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        Table::ALL.map(|t| t.columns().iter().map(|k| format!(",\"{k}\":")).collect())
    });
    &keys[table as usize]
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
    if inv.assets.iter().any(|a| !a.share) {
        out.begin(Table::Assets)?;
        for a in inv.assets.iter().filter(|a| !a.share) {
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
    if inv.assets.iter().any(|a| a.share) {
        out.begin(Table::Shares)?;
        for a in inv.assets.iter().filter(|a| a.share) {
            out.row(&share_row(inv, a))?;
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
        Cell::UInt(n) => write_u64(w, n),
        // A whole number is written as an integer, as `Display` writes it, without the
        // cost of formatting a float (the generator writes a million weights).
        Cell::Num(x) if (0.0..1e15).contains(&x) && x.fract() == 0.0 && x.is_sign_positive() => {
            write_u64(w, x as u64)
        }
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

/// Writes `n` in decimal.
fn write_u64(w: &mut impl Write, mut n: u64) -> io::Result<()> {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.write_all(&digits[at..])
}

/// Writes `s` as a JSON string, escaping as serde_json does (`"`, `\` and control
/// characters), and keeping every other character as it is.
fn write_json_str(w: &mut impl Write, s: &str) -> io::Result<()> {
    let bytes = s.as_bytes();
    // Most strings need no escape: one pass to check, one copy.
    if !needs_escape(bytes) {
        w.write_all(b"\"")?;
        w.write_all(bytes)?;
        return w.write_all(b"\"");
    }
    w.write_all(b"\"")?;
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

/// Whether any byte is one that a JSON string escapes: `"`, `\\` or a control character.
/// Eight bytes at a time (the classic "has a byte less than / equal to" bit tricks), since
/// the generator writes millions of ids.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let flagged = |word: [u8; 8]| {
        let x = u64::from_ne_bytes(word);
        x.wrapping_sub(ONES * 0x20) & !x & HIGHS != 0
            || has_zero(x ^ (ONES * u64::from(b'"')))
            || has_zero(x ^ (ONES * u64::from(b'\\')))
    };
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        if flagged(word) {
            return true;
        }
    }
    // The tail, padded with a byte that needs no escape.
    let tail = chunks.remainder();
    let mut word = [b'a'; 8];
    word[..tail.len()].copy_from_slice(tail);
    flagged(word)
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
    fn the_word_at_a_time_check_agrees_with_the_byte_check() {
        for b in 0..=255u8 {
            for len in 1..20 {
                for pos in 0..len {
                    let mut v = vec![b'a'; len];
                    v[pos] = b;
                    let naive = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(needs_escape(&v), naive, "byte {b:#x} at {pos} of {len}");
                }
            }
        }
        assert!(!needs_escape("Île-de-France, Şiauliai: 東京".as_bytes()));
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
    fn integers_are_written_as_display_writes_them() {
        let mut out = Vec::new();
        for n in [
            0,
            1,
            9,
            10,
            42,
            1000,
            18_000_000,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            out.clear();
            write_json_cell(&mut out, Cell::UInt(n)).unwrap();
            assert_eq!(String::from_utf8(out.clone()).unwrap(), n.to_string());
        }
        for x in [0.0, -0.0, 3.0, 1e14, 1e15, 1e16, 1e300] {
            out.clear();
            write_json_cell(&mut out, Cell::Num(x)).unwrap();
            assert_eq!(String::from_utf8(out.clone()).unwrap(), x.to_string());
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
