//! Escaping inventory text for DOT: every label and tooltip goes through here.

use graphviz_rust::dot_structures::Id;

/// Labels longer than this many characters are cut, ending with an ellipsis.
pub const MAX_LABEL_CHARS: usize = 48;

/// Escapes one line of text as a quoted DOT string that Graphviz shows literally.
///
/// The text is cut to [`MAX_LABEL_CHARS`] characters (ending with `…`); control
/// characters, newlines included, become spaces; `\` and `"` are escaped for DOT;
/// `{`, `}`, `|`, `<` and `>` are escaped so that a record shape could not read them
/// as fields or ports; and `&` is written `&amp;` because Graphviz decodes HTML
/// entities in labels. Graphviz's own escapes (`\n`, `\N`, `\G`, …) therefore never
/// come from the data.
pub fn escape_label(text: &str) -> String {
    quoted_raw(&escape_line(text, MAX_LABEL_CHARS))
}

/// Escapes one line of label text, cut to `max` characters, without the quotes.
pub(super) fn escape_line(text: &str, max: usize) -> String {
    let count = text.chars().count();
    let cut: Box<dyn Iterator<Item = char>> = if count > max {
        Box::new(
            text.chars()
                .take(max.saturating_sub(1))
                .chain(std::iter::once('…')),
        )
    } else {
        Box::new(text.chars())
    };
    let mut out = String::with_capacity(text.len().min(max.saturating_mul(4)) + 8);
    for c in cut {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '{' | '}' | '|' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Wraps already escaped text in quotes.
pub(super) fn quoted_raw(escaped: &str) -> String {
    format!("\"{escaped}\"")
}

/// A quoted DOT string for a value we write ourselves (colours, styles, numbers) or an
/// id: escaped all the same, but never cut.
pub(super) fn quoted(value: &str) -> Id {
    Id::Escaped(quoted_raw(&escape_line(value, usize::MAX)))
}

/// A multi-line label: each line escaped and cut on its own, joined by Graphviz's `\n`
/// (centred) or `\l` (left-justified).
#[derive(Default)]
pub(super) struct Label {
    lines: Vec<String>,
    left: bool,
}

impl Label {
    pub(super) fn new() -> Self {
        Label::default()
    }

    pub(super) fn left() -> Self {
        Label {
            lines: Vec::new(),
            left: true,
        }
    }

    pub(super) fn line(mut self, text: impl AsRef<str>) -> Self {
        self.lines.push(escape_line(text.as_ref(), MAX_LABEL_CHARS));
        self
    }

    pub(super) fn push(&mut self, text: impl AsRef<str>) {
        self.lines.push(escape_line(text.as_ref(), MAX_LABEL_CHARS));
    }

    /// A line that may be longer than a node label (titles), cut at `max`.
    pub(super) fn push_long(&mut self, text: impl AsRef<str>, max: usize) {
        self.lines.push(escape_line(text.as_ref(), max));
    }

    pub(super) fn id(&self) -> Id {
        if self.left {
            let mut s = self.lines.join("\\l");
            s.push_str("\\l");
            Id::Escaped(quoted_raw(&s))
        } else {
            Id::Escaped(quoted_raw(&self.lines.join("\\n")))
        }
    }
}

/// Escapes a tooltip (one line, cut at 400 characters).
///
/// Graphviz expands its escapes in tooltips twice (2.43 turns `\\N` into the node's
/// name), so no escaping of a backslash survives: a backslash shows as `⧵` (U+29F5,
/// reverse solidus operator) instead. Tooltips read no record or HTML syntax, so `{`,
/// `|` and `<` stay as they are; `"` and `&` are escaped as in labels.
pub(super) fn escape_tooltip(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let count = text.chars().count();
    let max = 400;
    for (i, c) in text.chars().enumerate() {
        if count > max && i == max - 1 {
            out.push('…');
            break;
        }
        match c {
            '\\' => out.push('⧵'),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphviz_rust::dot_structures::Graph;

    /// Undoes our escaping (for checking round trips): what Graphviz shows.
    fn shown(quoted: &str) -> String {
        let inner = &quoted[1..quoted.len() - 1];
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.push(chars.next().expect("no lone trailing backslash"));
            } else {
                out.push(c);
            }
        }
        out.replace("&amp;", "&")
    }

    /// Whether every quote inside is escaped and the string ends where it should.
    fn well_formed(q: &str) -> bool {
        if !(q.starts_with('"') && q.ends_with('"') && q.len() >= 2) {
            return false;
        }
        let inner = &q[1..q.len() - 1];
        let mut escaped = false;
        for c in inner.chars() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c.is_control() {
                return false;
            }
        }
        !escaped
    }

    #[test]
    fn plain_text_is_only_quoted() {
        assert_eq!(escape_label("dn-enb-b1"), "\"dn-enb-b1\"");
        assert_eq!(escape_label("Île-de-France"), "\"Île-de-France\"");
        assert_eq!(escape_label(""), "\"\"");
    }

    #[test]
    fn hostile_names_are_escaped() {
        let cases = [
            ("say \"hi\"", r#""say \"hi\"""#),
            ("back\\slash", r#""back\\slash""#),
            ("ends with \\", r#""ends with \\""#),
            ("\\N \\G \\n \\l", r#""\\N \\G \\n \\l""#),
            ("two\nlines\r\tand tab", "\"two lines  and tab\""),
            ("<b>bold</b>", r#""\<b\>bold\</b\>""#),
            ("{a|b} <port>", r#""\{a\|b\} \<port\>""#),
            ("AT&T &amp; &lt;", "\"AT&amp;T &amp;amp; &amp;lt;\""),
            ("nul\u{0}del\u{7f}", "\"nul del \""),
            ("\"; node [shape=star", r#""\"; node [shape=star""#),
        ];
        for (input, expected) in cases {
            let got = escape_label(input);
            assert_eq!(got, expected, "for {input:?}");
            assert!(well_formed(&got), "{got}");
        }
    }

    #[test]
    fn tooltips_never_hold_a_backslash() {
        assert_eq!(
            escape_tooltip("a \\N \"q\" {x|y} <z> &lt;\n"),
            "a ⧵N \\\"q\\\" {x|y} <z> &amp;lt; "
        );
        let long = escape_tooltip(&"z".repeat(1000));
        assert_eq!(long.chars().count(), 400);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        let long = "x".repeat(500);
        let got = escape_label(&long);
        assert_eq!(got.chars().count(), MAX_LABEL_CHARS + 2);
        assert!(got.ends_with("…\""));
        // Exactly at the limit: nothing is cut.
        let edge = "y".repeat(MAX_LABEL_CHARS);
        assert_eq!(escape_label(&edge), format!("\"{edge}\""));
        // Cutting counts characters, not bytes, and never splits one.
        let wide = "é".repeat(100);
        let got = escape_label(&wide);
        assert_eq!(got.chars().count(), MAX_LABEL_CHARS + 2);
        // A cut never leaves a lone backslash before the closing quote.
        let slashes = "\\".repeat(200);
        assert!(well_formed(&escape_label(&slashes)));
    }

    #[test]
    fn escaped_text_round_trips_through_the_dot_parser() {
        let hostile = [
            "say \"hi\" \\ {x|y} <z> & \\N",
            "\\",
            "\"",
            "a\nb",
            "}] ; digraph evil { a -> b",
        ];
        for h in hostile {
            let label = escape_label(h);
            let text = format!("digraph t {{ a [label={label}] }}");
            let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let Graph::DiGraph { stmts, .. } = parsed else {
                panic!("not a digraph")
            };
            assert_eq!(stmts.len(), 1, "{text}");
            let expected: String = h
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            assert_eq!(shown(&label), expected);
        }
    }
}
