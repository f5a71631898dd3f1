//! One section per country and per operator: figures, findings with their evidence path,
//! and the operator's diagram.

use crate::report::fmt::{country_domain_cells, domain_cells, num, opt_pct, path_text, pct};
use crate::report::model::{CountryEntry, FindingEntry, OperatorEntry, ScanReport};

use super::build::Html;
use super::cover::finding_line;
use super::{OperatorDiagram, operator_anchor};
use crate::report::markdown::{COUNTRY_DOMAIN_COLUMNS, OPERATOR_DOMAIN_COLUMNS};

/// The countries' sections, then `all`.
pub(super) fn countries(h: &mut Html, r: &ScanReport) {
    h.open("section", &[("id", "countries")]);
    h.el("h2", &[], "Countries");
    for c in &r.doc.countries {
        country(h, r, c);
    }
    h.close("section");
}

fn country(h: &mut Html, r: &ScanReport, c: &CountryEntry) {
    h.open("article", &[("class", "country")]);
    h.el(
        "h3",
        &[],
        &if c.is_all() {
            "All operators together".to_owned()
        } else {
            c.country.clone()
        },
    );
    h.el(
        "p",
        &[],
        &format!(
            "Operators: {} (weighted by {}).",
            c.operators.join(", "),
            c.weighting.as_str()
        ),
    );
    let rows: Vec<Vec<String>> = c
        .domains
        .iter()
        .map(|d| country_domain_cells(d, str::to_owned))
        .collect();
    h.table("figures", &COUNTRY_DOMAIN_COLUMNS, &rows);
    if !c.outage.is_empty() {
        let top: Vec<String> = c
            .outage
            .iter()
            .take(5)
            .map(|s| format!("{} {}", s.supplier, pct(s.outage)))
            .collect();
        h.el(
            "p",
            &[],
            &format!(
                "National outage if one supplier fails (largest first): {}.",
                top.join(", ")
            ),
        );
    }
    if !c.critical.is_empty() {
        let rows: Vec<Vec<String>> = c
            .critical
            .iter()
            .map(|a| {
                vec![
                    a.asset.clone(),
                    a.supplier.clone(),
                    a.operator.clone(),
                    pct(a.impact),
                    a.operators.to_string(),
                ]
            })
            .collect();
        h.el(
            "h4",
            &[],
            &format!(
                "Critical assets ({}, largest national impact first)",
                rows.len()
            ),
        );
        h.table(
            "figures",
            &[
                "asset",
                "supplier",
                "operator",
                "national impact",
                "operators reached",
            ],
            &rows,
        );
    }
    let national: Vec<&FindingEntry> = r
        .doc
        .findings
        .iter()
        .filter(|f| f.operator.is_none() && f.country.as_deref() == Some(c.country.as_str()))
        .collect();
    findings(h, &national);
    h.close("article");
}

/// The operators' sections, in report order.
pub(super) fn operators(h: &mut Html, r: &ScanReport, diagrams: &[OperatorDiagram]) {
    h.open("section", &[("id", "operators")]);
    h.el("h2", &[], "Operators");
    for (i, op) in r.doc.operators.iter().enumerate() {
        let diagram = diagrams.iter().find(|d| d.operator == op.id);
        operator(h, r, i, op, diagram);
    }
    h.close("section");
}

fn operator(
    h: &mut Html,
    r: &ScanReport,
    i: usize,
    op: &OperatorEntry,
    diagram: Option<&OperatorDiagram>,
) {
    h.open(
        "article",
        &[("class", "operator"), ("id", &operator_anchor(i))],
    );
    let name = op
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!(" — {n}"));
    h.el("h3", &[], &format!("{}{name} ({})", op.id, op.country));
    if let Some(place) = r
        .doc
        .rankings
        .operators
        .iter()
        .position(|o| o.operator == op.id)
    {
        let t = &r.summary.per_operator[i];
        h.el(
            "p",
            &[("class", "note")],
            &format!(
                "Rank {} of {} · {} deny, {} warn findings · key assets exposed: {}",
                place + 1,
                r.doc.rankings.operators.len(),
                t.deny,
                t.warn,
                opt_pct(op.exposure.index)
            ),
        );
    }
    let rows: Vec<Vec<String>> = op
        .domains
        .iter()
        .map(|d| domain_cells(d, str::to_owned))
        .collect();
    h.table("figures", &OPERATOR_DOMAIN_COLUMNS, &rows);
    outage(h, op);
    exposure_and_critical(h, op);
    let own: Vec<&FindingEntry> = r
        .doc
        .findings
        .iter()
        .filter(|f| f.operator.as_deref() == Some(op.id.as_str()))
        .collect();
    findings(h, &own);
    h.el("h4", &[], "Diagram");
    match diagram.map(|d| &d.svg) {
        Some(Ok(svg)) => {
            h.open("div", &[("class", "diagram-box")]);
            h.svg(svg);
            h.close("div");
        }
        Some(Err(why)) => h.el("p", &[("class", "missing")], why),
        None => h.el(
            "p",
            &[("class", "missing")],
            "No diagram was drawn for this report.",
        ),
    }
    h.close("article");
}

fn outage(h: &mut Html, op: &OperatorEntry) {
    let o = &op.outage;
    if o.suppliers.is_empty() {
        h.el(
            "p",
            &[],
            "Supplier failure: the operator has no weighted radio unit, so outage is undefined.",
        );
        return;
    }
    let rows: Vec<Vec<String>> = o
        .suppliers
        .iter()
        .map(|s| {
            vec![
                s.supplier.clone(),
                pct(s.outage),
                opt_pct(s.outage_4g),
                opt_pct(s.outage_5g),
            ]
        })
        .collect();
    h.el(
        "h4",
        &[],
        &format!(
            "Supplier failure (share of service units down; units weigh {})",
            num(o.units_weight)
        ),
    );
    h.table(
        "figures",
        &["failing supplier", "outage", "4G", "5G"],
        &rows,
    );
    if let Some(p) = &o.worst_pair {
        h.el(
            "p",
            &[],
            &format!(
                "Worst pair: {} and {} together take down {}.",
                p.suppliers[0],
                p.suppliers[1],
                pct(p.outage)
            ),
        );
    }
}

fn exposure_and_critical(h: &mut Html, op: &OperatorEntry) {
    h.el(
        "p",
        &[],
        &format!(
            "Lock-in index {} ({} group(s)). High-risk exposure of key assets: {} of key weight {}.",
            opt_pct(op.lockin.index),
            op.lockin.groups.len(),
            opt_pct(op.exposure.index),
            num(op.exposure.key_weight)
        ),
    );
    if !op.critical.assets.is_empty() {
        let rows: Vec<Vec<String>> = op
            .critical
            .assets
            .iter()
            .map(|a| {
                vec![
                    a.asset.clone(),
                    a.supplier.clone(),
                    a.domain.clone(),
                    if a.operator == op.id {
                        String::new()
                    } else {
                        a.operator.clone()
                    },
                    pct(a.impact),
                    opt_pct(a.impact_4g),
                    opt_pct(a.impact_5g),
                    a.units.to_string(),
                ]
            })
            .collect();
        h.el(
            "h4",
            &[],
            &format!(
                "Critical assets (impact at least {})",
                pct(op.critical.threshold)
            ),
        );
        h.table(
            "figures",
            &[
                "asset",
                "supplier",
                "domain",
                "of operator",
                "impact",
                "4G",
                "5G",
                "units",
            ],
            &rows,
        );
    }
}

/// Findings with their evidence and path.
fn findings(h: &mut Html, list: &[&FindingEntry]) {
    if list.is_empty() {
        return;
    }
    h.el("h4", &[], &format!("Findings ({})", list.len()));
    h.open("ul", &[("class", "findings")]);
    for f in list {
        h.open("li", &[]);
        finding_line(h, f);
        if let Some(path) = &f.evidence.path {
            h.open("div", &[("class", "path")]);
            h.text(&format!(
                "path{}: {}",
                f.evidence
                    .kind
                    .as_deref()
                    .map_or_else(String::new, |k| format!(" ({k})")),
                path_text(path, " → ", false, str::to_owned)
            ));
            h.close("div");
        }
        h.close("li");
    }
    h.close("ul");
}
