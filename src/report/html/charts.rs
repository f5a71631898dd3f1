//! The charts of the HTML report: national supplier shares per domain (stacked bars), HHI
//! per operator and domain (a heat table), high-risk share per country, and the worst
//! supplier outages. Each draws figures of the report model as they are.

use crate::analysis::Band;
use std::collections::{BTreeMap, BTreeSet};

use crate::report::dot::{SharedLook, shared_looks, supplier_colour};
use crate::report::fmt::{hhi, pct};
use crate::report::model::{CountryEntry, ScanReport};

use super::build::Html;
use super::svg::{Anchor, Svg};

/// Chart width in user units (CSS px at full width).
const WIDTH: f64 = 1200.0;
/// Left column of row labels.
const LABEL: f64 = 70.0;
/// Height of one bar row.
const ROW: f64 = 18.0;
/// How many suppliers the outage chart shows.
const TOP_OUTAGES: usize = 15;
/// Colour of high-risk shares.
const HIGH_RISK: &str = "#d7191c";

/// Every chart, each with its heading.
pub(super) fn charts(h: &mut Html, r: &ScanReport) {
    h.open("section", &[("id", "charts")]);
    h.el("h2", &[], "Charts");
    national_shares(h, r);
    hhi_heat(h, r);
    high_risk(h, r);
    outages(h, r);
    h.close("section");
}

/// The domains of the scope `all` (every domain some operator has), in report order.
fn all_domains(r: &ScanReport) -> Vec<&str> {
    r.doc
        .countries
        .iter()
        .find(|c| c.is_all())
        .map(|c| c.domains.iter().map(|d| d.domain.as_str()).collect())
        .unwrap_or_default()
}

/// The countries, then `all` last, as the report lists them.
fn scopes(r: &ScanReport) -> &[CountryEntry] {
    &r.doc.countries
}

fn national_shares(h: &mut Html, r: &ScanReport) {
    h.el("h3", &[], "National supplier shares per domain");
    h.el(
        "p",
        &[("class", "note")],
        "Each bar is a country's domain, split by supplier (national share, operators weighted by subscribers or equally). A supplier has the same colour in every chart and diagram (one that shares its colour with an earlier one of the chart, by id, has a dashed or dotted border and a mark after its id); hover a segment for its name and share.",
    );
    let bar = WIDTH - LABEL - 110.0;
    for domain in all_domains(r) {
        let rows: Vec<(&CountryEntry, &crate::report::model::CountryDomain)> = scopes(r)
            .iter()
            .filter_map(|c| c.domain(domain).map(|d| (c, d)))
            .collect();
        // The chart's suppliers in id order, each with what sets it apart when an earlier
        // one has its colour.
        let legend: BTreeSet<&str> = rows
            .iter()
            .flat_map(|(_, d)| d.suppliers.iter().map(|s| s.supplier.as_str()))
            .collect();
        let looks: BTreeMap<&str, Option<SharedLook>> = legend
            .iter()
            .copied()
            .zip(shared_looks(legend.iter().copied()))
            .collect();
        let height = ROW * rows.len() as f64 + 24.0;
        let mut svg = Svg::new(
            WIDTH,
            height,
            &format!("national supplier shares of {domain}"),
        );
        svg.text(LABEL + bar + 8.0, 12.0, Anchor::Start, "axis", "HHI");
        for (i, (c, d)) in rows.iter().enumerate() {
            let y = 18.0 + ROW * i as f64;
            svg.text(LABEL - 6.0, y + 12.0, Anchor::End, "label", &c.country);
            let mut x = LABEL;
            for s in &d.suppliers {
                let w = s.share * bar;
                let look = looks.get(s.supplier.as_str()).copied().flatten();
                let name = look.map_or_else(|| s.supplier.clone(), |l| l.marked(&s.supplier));
                let tip = format!("{} · {} {}: {}", c.country, domain, name, pct(s.share));
                let colour = supplier_colour(&s.supplier);
                match look {
                    Some(l) => svg.rect_bordered([x, y, w, ROW - 3.0], colour, &tip, l.border),
                    None => svg.rect(x, y, w, ROW - 3.0, colour, &tip),
                }
                // Only where the name fits (10 px text: about 6 px a character).
                if w > 6.0 * name.chars().count() as f64 + 6.0 {
                    svg.text(x + 3.0, y + 11.5, Anchor::Start, "in-bar", &name);
                }
                x += w;
            }
            svg.text(
                LABEL + bar + 8.0,
                y + 12.0,
                Anchor::Start,
                "label",
                &format!("{} {}", hhi(d.hhi), d.band.as_str()),
            );
        }
        h.el("h4", &[], domain);
        h.svg(&svg.finish());
        swatches(h, &looks);
    }
}

/// A legend of supplier colours, in id order; a supplier that shares its colour with an
/// earlier one has its border style and mark.
fn swatches(h: &mut Html, suppliers: &BTreeMap<&str, Option<SharedLook>>) {
    h.open("p", &[("class", "legend")]);
    for (s, look) in suppliers {
        h.open("span", &[("class", "swatch")]);
        let mut style = format!("background:{}", supplier_colour(s));
        if let Some(l) = look {
            style.push_str(&format!(";border:1px {} #404040", l.border));
        }
        h.open("span", &[("class", "chip"), ("style", &style)]);
        h.close("span");
        h.text(&look.map_or_else(|| (*s).to_owned(), |l| l.marked(s)));
        h.close("span");
    }
    h.close("p");
}

/// The class of a concentration band's heat cell.
fn band_class(b: Band) -> &'static str {
    match b {
        Band::Low => "heat-low",
        Band::Moderate => "heat-moderate",
        Band::High => "heat-high",
    }
}

/// The heat cell's classes: the band, and two darker shades of `high` (at 8000 and at
/// 10000, a single supplier), so that the table still tells high from extreme.
fn heat_class(b: Band, hhi: f64) -> &'static str {
    match band_class(b) {
        "heat-high" if hhi >= 9999.5 => "heat-high h10",
        "heat-high" if hhi >= 8000.0 => "heat-high h8",
        c => c,
    }
}

fn hhi_heat(h: &mut Html, r: &ScanReport) {
    h.el("h3", &[], "HHI per operator and domain");
    h.el(
        "p",
        &[("class", "note")],
        "Herfindahl-Hirschman index of each operator's domain: green below 1000 (low), amber 1000 to 2000 (moderate), red above 2000 (high), darker from 8000 and darkest at 10000 (a single supplier); blank where the operator has no such domain. Operators in ranking order, worst first.",
    );
    let domains = all_domains(r);
    h.open("table", &[("class", "heat")]);
    h.open("thead", &[]);
    h.open("tr", &[]);
    h.el("th", &[], "operator");
    for d in &domains {
        h.el("th", &[], d);
    }
    h.close("tr");
    h.close("thead");
    h.open("tbody", &[]);
    for rank in &r.doc.rankings.operators {
        let Some(op) = r.doc.operators.iter().find(|o| o.id == rank.operator) else {
            continue;
        };
        h.open("tr", &[]);
        h.el("th", &[], &op.id);
        for d in &domains {
            match op.domain(d) {
                Some(f) => h.el("td", &[("class", heat_class(f.band, f.hhi))], &hhi(f.hhi)),
                None => h.el("td", &[], ""),
            }
        }
        h.close("tr");
    }
    h.close("tbody");
    h.close("table");
}

fn high_risk(h: &mut Html, r: &ScanReport) {
    h.el("h3", &[], "High-risk share per country");
    h.el(
        "p",
        &[("class", "note")],
        "The national share of each domain held by high-risk suppliers (0 to 100%).",
    );
    let domains = all_domains(r);
    if domains.is_empty() {
        return;
    }
    let col = (WIDTH - LABEL) / domains.len() as f64;
    let bar = col - 60.0;
    let rows = scopes(r);
    let height = ROW * rows.len() as f64 + 24.0;
    let mut svg = Svg::new(WIDTH, height, "high-risk share per country and domain");
    for (j, d) in domains.iter().enumerate() {
        let x = LABEL + col * j as f64;
        svg.text(x, 12.0, Anchor::Start, "axis", d);
    }
    for (i, c) in rows.iter().enumerate() {
        let y = 18.0 + ROW * i as f64;
        svg.text(LABEL - 6.0, y + 12.0, Anchor::End, "label", &c.country);
        for (j, d) in domains.iter().enumerate() {
            let x = LABEL + col * j as f64;
            svg.line(x, y + ROW - 2.0, x + bar, y + ROW - 2.0, "#cccccc");
            let Some(f) = c.domain(d) else {
                svg.text(x, y + 12.0, Anchor::Start, "faint", "-");
                continue;
            };
            svg.rect(
                x,
                y + 2.0,
                f.high_risk_share * bar,
                ROW - 5.0,
                HIGH_RISK,
                &format!("{} {}: {} high-risk", c.country, d, pct(f.high_risk_share)),
            );
            svg.text(
                x + f.high_risk_share * bar + 4.0,
                y + 12.0,
                Anchor::Start,
                "label",
                &pct(f.high_risk_share),
            );
        }
    }
    h.svg(&svg.finish());
}

fn outages(h: &mut Html, r: &ScanReport) {
    let ranked = &r.doc.rankings.suppliers_by_outage;
    h.el("h3", &[], "Worst supplier outages");
    h.el(
        "p",
        &[("class", "note")],
        "The share of a country's service that one supplier's failure takes down, in the country where it is largest (dark bar), and over every operator together (light bar).",
    );
    if ranked.is_empty() {
        h.el("p", &[], "No supplier outage is defined.");
        return;
    }
    let label = 110.0;
    let bar = WIDTH - label - 140.0;
    let shown: Vec<_> = ranked.iter().take(TOP_OUTAGES).collect();
    let height = 2.0 * ROW * shown.len() as f64 + 10.0;
    let mut svg = Svg::new(WIDTH, height, "worst supplier outages");
    for (i, s) in shown.iter().enumerate() {
        let y = 4.0 + 2.0 * ROW * i as f64;
        svg.text(label - 6.0, y + 12.0, Anchor::End, "label", &s.supplier);
        let colour = supplier_colour(&s.supplier);
        if let Some(n) = &s.national_outage {
            let text = format!("{} in {}", pct(n.outage), n.country);
            svg.rect(
                label,
                y,
                n.outage * bar,
                ROW - 4.0,
                "#404040",
                &format!("{}: {text}", s.supplier),
            );
            svg.text(
                label + n.outage * bar + 6.0,
                y + 11.0,
                Anchor::Start,
                "label",
                &text,
            );
        }
        if let Some(all) = s.outage_all {
            let text = format!("{} of all operators", pct(all));
            svg.rect(
                label,
                y + ROW - 3.0,
                all * bar,
                ROW / 2.0,
                colour,
                &format!("{}: {text}", s.supplier),
            );
            svg.text(
                label + all * bar + 6.0,
                y + ROW + 6.0,
                Anchor::Start,
                "faint",
                &text,
            );
        }
    }
    h.svg(&svg.finish());
}
