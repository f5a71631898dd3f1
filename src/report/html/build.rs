//! A typed HTML builder: tag and attribute names are `&'static str` written by this
//! module's callers, and every piece of data goes through [`escape`], so no inventory text
//! can become markup.

use std::fmt::Write as _;

use crate::sanitize::escape_controls;

/// Text for an HTML text node or a quoted attribute value: `&`, `<`, `>`, `"` and `'`
/// as character references, and control characters shown escaped (`\u{1b}`).
pub(super) fn escape(s: &str) -> String {
    let shown = escape_controls(s);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An HTML document being written.
#[derive(Default)]
pub(super) struct Html {
    out: String,
}

impl Html {
    /// Opens an element; attribute values are escaped.
    pub(super) fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", escape(v));
        }
        self.out.push('>');
    }

    /// Closes an element.
    pub(super) fn close(&mut self, tag: &'static str) {
        let _ = write!(self.out, "</{tag}>");
    }

    /// A text node, escaped.
    pub(super) fn text(&mut self, s: &str) {
        self.out.push_str(&escape(s));
    }

    /// An element holding only text.
    pub(super) fn el(&mut self, tag: &'static str, attrs: &[(&'static str, &str)], text: &str) {
        self.open(tag, attrs);
        self.text(text);
        self.close(tag);
    }

    /// Markup fixed in the program (never data): a style sheet, a line break.
    pub(super) fn fixed(&mut self, markup: &'static str) {
        self.out.push_str(markup);
    }

    /// An SVG drawing made by [`Svg`](super::svg::Svg) or a sanitised Graphviz SVG, both of
    /// which escaped their data.
    pub(super) fn svg(&mut self, svg: &super::svg::SvgMarkup) {
        self.out.push_str(svg.as_str());
    }

    /// A table row of text cells (`th` or `td`).
    pub(super) fn row(&mut self, cell: &'static str, cells: &[String]) {
        self.open("tr", &[]);
        for c in cells {
            self.el(cell, &[], c);
        }
        self.close("tr");
    }

    /// A table: a header row, then rows of text cells; `class` on the table.
    pub(super) fn table(&mut self, class: &str, head: &[&str], rows: &[Vec<String>]) {
        self.open("table", &[("class", class)]);
        self.open("thead", &[]);
        let head: Vec<String> = head.iter().map(|h| (*h).to_owned()).collect();
        self.row("th", &head);
        self.close("thead");
        self.open("tbody", &[]);
        for r in rows {
            self.row("td", r);
        }
        self.close("tbody");
        self.close("table");
    }

    /// The document.
    pub(super) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_never_becomes_markup() {
        let mut h = Html::default();
        h.open("p", &[("title", "\"><script>x</script>")]);
        h.text("<b>&amp; 'q'</b>\u{1b}");
        h.close("p");
        assert_eq!(
            h.finish(),
            "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;b&gt;&amp;amp; &#39;q&#39;&lt;/b&gt;\\u{1b}</p>"
        );
    }
}
