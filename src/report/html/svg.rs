//! A small SVG writer for the report's charts (rectangles, lines, text; every text and
//! attribute value escaped), and the sanitising of Graphviz's SVG for inline use.

use std::fmt::Write as _;

use super::build::escape;

/// SVG markup ready to inline in the document: made here, so its data is escaped.
pub struct SvgMarkup(String);

impl SvgMarkup {
    pub(super) fn as_str(&self) -> &str {
        &self.0
    }
}

/// Horizontal text alignment.
#[derive(Clone, Copy)]
pub(super) enum Anchor {
    Start,
    End,
}

/// An SVG drawing of a given size, in user units (1 unit = 1 CSS px at full width).
pub(super) struct Svg {
    out: String,
}

impl Svg {
    /// A drawing `width` by `height`, described for screen readers by `title`.
    pub(super) fn new(width: f64, height: f64, title: &str) -> Self {
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" role=\"img\"><title>{}</title>",
            n(width),
            n(height),
            n(width),
            escape(title)
        );
        Svg { out }
    }

    /// A filled rectangle with a tooltip.
    pub(super) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tip: &str) {
        self.rect_stroked(
            [x, y, w, h],
            fill,
            tip,
            "stroke=\"#ffffff\" stroke-width=\"0.5\"",
        );
    }

    /// A filled rectangle with a dark `dashed` or `dotted` border (a supplier that shares
    /// its colour with another of the chart) and a tooltip.
    pub(super) fn rect_bordered(
        &mut self,
        [x, y, w, h]: [f64; 4],
        fill: &str,
        tip: &str,
        border: &str,
    ) {
        let dash = if border == "dotted" { "1.5 1.5" } else { "4 2" };
        let stroke = format!("stroke=\"#404040\" stroke-width=\"1\" stroke-dasharray=\"{dash}\"");
        self.rect_stroked([x, y, w, h], fill, tip, &stroke);
    }

    fn rect_stroked(&mut self, [x, y, w, h]: [f64; 4], fill: &str, tip: &str, stroke: &str) {
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" {stroke}><title>{}</title></rect>",
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h),
            escape(fill),
            escape(tip)
        );
    }

    /// A thin line.
    pub(super) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, colour: &str) {
        let _ = write!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            escape(colour)
        );
    }

    /// A line of text at (`x`, `y`) (the baseline).
    pub(super) fn text(&mut self, x: f64, y: f64, anchor: Anchor, class: &str, text: &str) {
        let anchor = match anchor {
            Anchor::Start => "start",
            Anchor::End => "end",
        };
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"{}\">{}</text>",
            n(x),
            n(y),
            escape(class),
            escape(text)
        );
    }

    /// The finished drawing.
    pub(super) fn finish(mut self) -> SvgMarkup {
        self.out.push_str("</svg>");
        SvgMarkup(self.out)
    }
}

/// A coordinate with at most two decimals, without trailing zeros.
fn n(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Graphviz's SVG, made fit to inline as diagram number `k` of the document: the XML
/// prolog, doctype and comments removed, the `svg` element's size and namespace
/// declarations replaced by a class (the HTML parser puts inline SVG in its namespace, and
/// the document names no outside address), and every `id` prefixed so that ids stay
/// unique across diagrams. Graphviz escapes its text as XML, which HTML reads alike.
///
/// `None` when the text holds no `<svg` element.
pub(crate) fn inline_graphviz(svg: &str, k: usize) -> Option<SvgMarkup> {
    let start = svg.find("<svg")?;
    let body = &svg[start..];
    // The opening tag: keep its viewBox only.
    let end_tag = body.find('>')?;
    let tag = &body[..end_tag];
    let view_box = attribute(tag, "viewBox");
    let mut out = String::with_capacity(body.len());
    out.push_str("<svg class=\"diagram\"");
    if let Some(v) = view_box {
        let _ = write!(out, " viewBox=\"{v}\"");
    }
    out.push('>');
    let mut rest = &body[end_tag + 1..];
    // Comments hold the DOT names (data, though escaped); drop them.
    while let Some(c) = rest.find("<!--") {
        out.push_str(&prefix_ids(&rest[..c], k));
        match rest[c..].find("-->") {
            Some(e) => rest = &rest[c + e + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(&prefix_ids(rest, k));
    Some(SvgMarkup(out))
}

/// The value of attribute `name` in an opening tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// Every ` id="` made ` id="dK-`: text and attribute values are escaped, so the pattern
/// only ever starts an attribute.
fn prefix_ids(text: &str, k: usize) -> String {
    text.replace(" id=\"", &format!(" id=\"d{k}-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphviz_svg_loses_its_prolog_size_and_namespaces() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- Title: x -->\n<svg width=\"62pt\" height=\"44pt\" viewBox=\"0.00 0.00 62.00 44.00\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<g id=\"graph0\" class=\"graph\">\n<!-- a&#45;&gt;b -->\n<title>a &lt;b&gt;</title>\n</g>\n</svg>\n";
        let out = inline_graphviz(svg, 3).expect("an svg");
        assert_eq!(
            out.as_str(),
            "<svg class=\"diagram\" viewBox=\"0.00 0.00 62.00 44.00\">\n<g id=\"d3-graph0\" class=\"graph\">\n\n<title>a &lt;b&gt;</title>\n</g>\n</svg>\n"
        );
        assert!(inline_graphviz("no drawing", 0).is_none());
    }

    #[test]
    fn chart_text_is_escaped() {
        let mut s = Svg::new(10.0, 10.0, "a <b>");
        s.text(1.0, 2.5, Anchor::End, "label", "\"x\" & <y>");
        let out = s.finish();
        assert!(
            out.as_str()
                .contains(">&quot;x&quot; &amp; &lt;y&gt;</text>")
        );
        assert!(out.as_str().contains("<title>a &lt;b&gt;</title>"));
    }
}
