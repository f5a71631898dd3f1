//! `scan --format html`: one self-contained document for people, to read on screen or
//! print to PDF. Inline CSS and SVG only: no script, font, image or style is fetched.
//!
//! The first page gives the scope, the date, the inputs with their SHA-256, the policy, the
//! numbers that matter and the most serious findings ([`cover`]); then the rankings, the
//! charts ([`charts`], drawn by the small SVG writer of [`svg`]), one section per country
//! and per operator ([`sections`]) with the operator's diagram. Every piece of data goes
//! through the escaping builder of [`build`]. Like every renderer, it reads the report
//! model only; the diagrams come from the caller (Graphviz's SVG of the operator views of
//! the same assessment), or the reason there are none.

mod build;
mod charts;
mod cover;
mod diff;
mod sections;
mod svg;

pub use diff::diff_html;
pub use svg::SvgMarkup;

use super::model::ScanReport;
use build::Html;

/// An operator's diagram for the report: Graphviz's SVG made fit to inline, or why there
/// is none (Graphviz missing or failing), said in the page instead.
pub struct OperatorDiagram {
    /// Operator id.
    pub operator: String,
    /// The drawing, or the reason there is none.
    pub svg: Result<SvgMarkup, String>,
}

impl OperatorDiagram {
    /// The diagram of operator `operator` from Graphviz's SVG output, as diagram `k` of
    /// the document (ids are prefixed so that they stay unique).
    pub fn from_graphviz(operator: &str, svg: &str, k: usize) -> Self {
        OperatorDiagram {
            operator: operator.to_owned(),
            svg: svg::inline_graphviz(svg, k)
                .ok_or_else(|| "Graphviz gave no SVG drawing for this operator.".to_owned()),
        }
    }

    /// No diagram for operator `operator`, for the reason given.
    pub fn missing(operator: &str, why: &str) -> Self {
        OperatorDiagram {
            operator: operator.to_owned(),
            svg: Err(why.to_owned()),
        }
    }
}

/// The anchor of the `i`-th operator's section (numbers, not data ids, make the anchors).
fn operator_anchor(i: usize) -> String {
    format!("operator-{}", i + 1)
}

/// The style sheet: screen at 1366 px and print.
const STYLE: &str = include_str!("style.css");

/// The document's head (its title, the style sheet and `extra` rules), then `<main>` opens.
fn head(h: &mut Html, title: &str, extra: &'static str) {
    h.fixed("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    h.fixed("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.el("title", &[], title);
    h.fixed("<style>");
    h.fixed(STYLE);
    h.fixed(extra);
    h.fixed("</style></head><body><main>");
}

/// Renders the report as one HTML document.
pub fn html(r: &ScanReport, diagrams: &[OperatorDiagram]) -> String {
    let mut h = Html::default();
    head(&mut h, "5G supply-chain dependency report", "");
    cover::cover(&mut h, r);
    h.fixed("<nav class=\"toc\"><h2>Contents</h2><ol><li><a href=\"#rankings\">Rankings</a></li><li><a href=\"#charts\">Charts</a></li><li><a href=\"#countries\">Countries</a></li><li><a href=\"#operators\">Operators</a></li><li><a href=\"#reading\">How to read the figures</a></li></ol></nav>");
    cover::rankings(&mut h, r);
    charts::charts(&mut h, r);
    sections::countries(&mut h, r);
    sections::operators(&mut h, r, diagrams);
    if !r.doc.warnings.is_empty() {
        h.open("section", &[("id", "warnings")]);
        h.el("h2", &[], "Warnings");
        h.open("ul", &[]);
        for w in &r.doc.warnings {
            h.el("li", &[], w);
        }
        h.close("ul");
        h.close("section");
    }
    h.fixed(READING);
    h.fixed("</main></body></html>\n");
    h.finish()
}

/// How to read the figures (fixed text).
const READING: &str = "<section id=\"reading\"><h2>How to read the figures</h2><ul>\
<li><b>HHI</b>: sum of squared percentage shares of a domain's weight (0 to 10000); below 1000 low, 1000 to 2000 moderate, above 2000 high concentration (EU horizontal merger guidelines, 2004). Equivalent suppliers = 10000 / HHI.</li>\
<li><b>Outage</b>: the share of an operator's radio service units (weighted by cells) that go down when a supplier fails, following runs_on, anchored_by and connects_to dependencies, with redundancy (a pool is down only when fewer than the needed members are up).</li>\
<li><b>Lock-in index</b>: the weight share of an operator's assets tied by closed interfaces into groups that can only be replaced together.</li>\
<li><b>Exposure</b>: the weight share of key assets (core, NMO and sensitive assets by default) that a high-risk supplier supplies or controls through runs_on, managed_by or operated_by.</li>\
<li><b>Critical asset</b>: one asset whose failure alone takes down at least the policy's share of an operator's service.</li>\
<li><b>National figures</b> weigh operators by subscribers (or equally when some operator gives none).</li>\
</ul></section>";
