//! The layout of every JSON document vendorgraph prints: indented, except that an object
//! or an array that holds no object, no array and no string of more than [`SHORT`]
//! characters is written on one line.
//!
//! `{"supplier": "s-a", "share": 1.0}` and a path `["a1", "a2", "a3"]` take one line each
//! instead of one line per item, which halves a large report and keeps it readable;
//! sentences (warnings, evidence) keep a line each. The layout is streamed: only the items
//! of the innermost open container are held, until it closes (one line) or an object, an
//! array or a long string shows up in it (then it is indented as usual).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

/// Writes `value` as JSON in the layout of this module, ending with a newline.
///
/// # Errors
/// When `w` fails, or `value` cannot be serialised as JSON.
pub fn write_layout<T: Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *w, LeafFormatter::default());
    value.serialize(&mut ser)?;
    w.write_all(b"\n")
}

/// [`write_layout`] into a string.
///
/// # Errors
/// When `value` cannot be serialised as JSON.
pub fn to_layout_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_layout(&mut out, value).map_err(serde_json::Error::io)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

const INDENT: &[u8] = b"  ";

/// Strings of at most this many bytes (escaped) may share a line.
pub const SHORT: usize = 40;

/// A `serde_json` formatter for the layout. While the innermost open container holds only
/// numbers, booleans, null and short strings it is "pending": its items go to `buf` (each
/// item's start in `items`) and it is written on one line when it closes. An object or an
/// array that starts in it, or a long string, makes it indented: its opening and its items
/// so far are written out, and the rest goes straight to the writer.
#[derive(Default)]
struct LeafFormatter {
    // One entry per open container: whether it is an object.
    open: Vec<bool>,
    // Whether the innermost open container is still pending.
    pending: bool,
    buf: Vec<u8>,
    items: Vec<usize>,
    // Where in `buf` the string being written starts.
    string_start: usize,
}

// Routes one write of a scalar part to the pending buffer, or to the writer.
macro_rules! route {
    ($self:ident, $w:ident, $call:ident $(, $arg:expr)*) => {
        if $self.pending {
            CompactFormatter.$call(&mut $self.buf $(, $arg)*)
        } else {
            CompactFormatter.$call($w $(, $arg)*)
        }
    };
}

macro_rules! scalar {
    ($($name:ident: $t:ty),* $(,)?) => {
        $(fn $name<W: ?Sized + Write>(&mut self, w: &mut W, v: $t) -> io::Result<()> {
            route!(self, w, $name, v)
        })*
    };
}

impl LeafFormatter {
    fn open_bracket(&self) -> &'static [u8] {
        if self.open.last() == Some(&true) {
            b"{"
        } else {
            b"["
        }
    }

    fn close_bracket(&self) -> &'static [u8] {
        if self.open.last() == Some(&true) {
            b"}"
        } else {
            b"]"
        }
    }

    fn newline<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(INDENT)?;
        }
        Ok(())
    }

    /// A container starts: the pending one around it (if any) becomes indented.
    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, object: bool) -> io::Result<()> {
        self.indent_pending(w)?;
        self.open.push(object);
        self.pending = true;
        self.buf.clear();
        self.items.clear();
        Ok(())
    }

    /// The pending container (if any) is to be indented: its opening and its items so far
    /// are written out, the last one perhaps incomplete.
    fn indent_pending<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if !self.pending {
            return Ok(());
        }
        w.write_all(self.open_bracket())?;
        let depth = self.open.len();
        for (i, &start) in self.items.iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            Self::newline(w, depth)?;
            let end = self.items.get(i + 1).copied().unwrap_or(self.buf.len());
            w.write_all(&self.buf[start..end])?;
        }
        self.pending = false;
        self.buf.clear();
        self.items.clear();
        Ok(())
    }

    /// A container ends: on one line if it was pending, else its bracket on its own line.
    fn end<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.pending {
            w.write_all(self.open_bracket())?;
            for (i, &start) in self.items.iter().enumerate() {
                if i > 0 {
                    w.write_all(b", ")?;
                }
                let end = self.items.get(i + 1).copied().unwrap_or(self.buf.len());
                w.write_all(&self.buf[start..end])?;
            }
            self.buf.clear();
            self.items.clear();
        } else {
            Self::newline(w, self.open.len() - 1)?;
        }
        w.write_all(self.close_bracket())?;
        self.open.pop();
        self.pending = false;
        Ok(())
    }

    /// An item of the innermost container starts.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if self.pending {
            self.items.push(self.buf.len());
            Ok(())
        } else {
            if !first {
                w.write_all(b",")?;
            }
            Self::newline(w, self.open.len())
        }
    }
}

impl Formatter for LeafFormatter {
    scalar! {
        write_bool: bool, write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64,
        write_i128: i128, write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64,
        write_u128: u128, write_f32: f32, write_f64: f64, write_number_str: &str,
        write_string_fragment: &str, write_char_escape: CharEscape, write_raw_fragment: &str,
    }

    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        route!(self, w, write_null)
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.string_start = self.buf.len();
        route!(self, w, begin_string)
    }

    fn end_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        route!(self, w, end_string)?;
        // The quotes count: a string of more than `SHORT` bytes between them is long.
        if self.pending && self.buf.len() - self.string_start > SHORT + 2 {
            self.indent_pending(w)?;
        }
        Ok(())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, false)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, true)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.pending {
            self.buf.write_all(b": ")
        } else {
            w.write_all(b": ")
        }
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn layout(v: &serde_json::Value) -> String {
        to_layout_string(v).unwrap()
    }

    #[test]
    fn lists_of_scalars_take_one_line() {
        let v = json!({
            "format": "x",
            "empty": [],
            "none": {},
            "path": ["a1", "a2"],
            "entries": [
                {"supplier": "s-a", "share": 1.0, "x": null},
                {"nested": {"k": [1, 2]}, "after": true}
            ],
            "text": "tab\there \"quoted\" \u{1b}"
        });
        // serde_json's map sorts its keys.
        let expected = r#"{
  "empty": [],
  "entries": [
    {"share": 1.0, "supplier": "s-a", "x": null},
    {
      "after": true,
      "nested": {
        "k": [1, 2]
      }
    }
  ],
  "format": "x",
  "none": {},
  "path": ["a1", "a2"],
  "text": "tab\there \"quoted\" \u001b"
}
"#;
        assert_eq!(layout(&v), expected);
    }

    #[test]
    fn a_nested_list_first_indents_its_parent() {
        let v = json!([[1], [], {"a": [{"b": 2}]}]);
        let expected = "[\n  [1],\n  [],\n  {\n    \"a\": [\n      {\"b\": 2}\n    ]\n  }\n]\n";
        assert_eq!(layout(&v), expected);
        assert_eq!(layout(&json!(3)), "3\n");
        assert_eq!(layout(&json!([])), "[]\n");
    }

    #[test]
    fn a_long_string_keeps_a_line() {
        let long = "x".repeat(SHORT + 1);
        let short = "y".repeat(SHORT);
        let v = json!({"w": [short, long], "e": {"text": long}});
        let expected = format!(
            "{{\n  \"e\": {{\n    \"text\": \"{long}\"\n  }},\n  \"w\": [\n    \"{short}\",\n    \"{long}\"\n  ]\n}}\n"
        );
        assert_eq!(layout(&v), expected);
    }

    #[test]
    fn the_layout_reads_back_as_the_same_value() {
        let v = json!({"a": [1.5, "x", {"b": [null, false, -3]}], "c": {"d": "e\n"}});
        let back: serde_json::Value = serde_json::from_str(&layout(&v)).unwrap();
        assert_eq!(back, v);
    }
}
