//! The first page of the HTML report (scope, date, inputs, policy, the numbers that
//! matter, the most serious findings) and the rankings.

use crate::report::fmt::{opt_pct, pct, severity};
use crate::report::model::{FindingEntry, InputFile, ScanReport};

use super::build::Html;
use super::operator_anchor;

/// How many findings the first page lists.
const SERIOUS: usize = 10;
/// How many suppliers the ranking by outage lists.
const TOP_SUPPLIERS: usize = 15;

/// The first page.
pub(super) fn cover(h: &mut Html, r: &ScanReport) {
    let s = &r.summary;
    h.open("section", &[("class", "cover")]);
    h.el("h1", &[], "5G supply-chain dependency report");
    h.open("p", &[("class", "lead")]);
    h.text(&format!(
        "{} operator(s) in {} countr{} ({}), {} assets from {} suppliers.",
        r.doc.operators.len(),
        s.countries.len(),
        if s.countries.len() == 1 { "y" } else { "ies" },
        s.countries.join(", "),
        s.assets,
        s.suppliers
    ));
    h.close("p");
    h.open("dl", &[("class", "facts")]);
    h.el("dt", &[], "Date");
    h.el("dd", &[], s.date.as_deref().unwrap_or("not given"));
    h.el("dt", &[], "Policy");
    h.el(
        "dd",
        &[],
        s.policy
            .as_deref()
            .unwrap_or("the default policy (EU 5G Toolbox)"),
    );
    h.close("dl");
    numbers(h, r);
    serious(h, r);
    inputs(h, r);
    h.close("section");
}

/// The few numbers that matter, as cards.
fn numbers(h: &mut Html, r: &ScanReport) {
    let s = &r.summary;
    let mut cards: Vec<(String, String, &str)> = vec![
        (
            s.findings.deny.to_string(),
            "deny findings".into(),
            "card deny",
        ),
        (s.findings.warn.to_string(), "warn findings".into(), "card"),
    ];
    if !r.doc.exempted.is_empty() {
        cards.push((r.doc.exempted.len().to_string(), "exempted".into(), "card"));
    }
    if let Some(o) = r.doc.rankings.operators.first() {
        cards.push((
            o.operator.clone(),
            format!(
                "worst operator: {} deny, key assets {} exposed",
                o.deny,
                opt_pct(o.exposure)
            ),
            "card",
        ));
    }
    if let Some(sup) = r.doc.rankings.suppliers_by_outage.first()
        && let Some(n) = &sup.national_outage
    {
        cards.push((
            sup.supplier.clone(),
            format!(
                "most systemic supplier: its failure takes down {} of {}",
                pct(n.outage),
                n.country
            ),
            "card",
        ));
    }
    h.open("div", &[("class", "cards")]);
    for (big, small, class) in &cards {
        h.open("div", &[("class", class)]);
        h.el("div", &[("class", "big")], big);
        h.el("div", &[("class", "small")], small);
        h.close("div");
    }
    h.close("div");
}

fn inputs(h: &mut Html, r: &ScanReport) {
    h.el("h2", &[], "Inputs");
    input_list(h, &r.summary.inputs);
}

/// The input files, each with the SHA-256 of its bytes, or a note that none were recorded.
pub(super) fn input_list(h: &mut Html, inputs: &[InputFile]) {
    if inputs.is_empty() {
        h.el("p", &[], "The input files were not recorded.");
        return;
    }
    h.el(
        "p",
        &[("class", "note")],
        &format!(
            "{} file(s), each with the SHA-256 of its bytes.",
            inputs.len()
        ),
    );
    h.open("ul", &[("class", "inputs")]);
    for i in inputs {
        h.open("li", &[]);
        h.el("span", &[("class", "file")], &i.name);
        h.text(" ");
        h.el(
            "code",
            &[],
            i.sha256.as_deref().unwrap_or("(standard input: not kept)"),
        );
        h.close("li");
    }
    h.close("ul");
}

fn serious(h: &mut Html, r: &ScanReport) {
    h.el("h2", &[], "The most serious findings");
    let findings = &r.doc.findings;
    if findings.is_empty() {
        h.el("p", &[], "No finding: every figure is within the policy.");
        return;
    }
    h.open("ol", &[("class", "serious")]);
    for f in r
        .summary
        .most_serious
        .iter()
        .take(SERIOUS)
        .map(|&i| &findings[i])
    {
        h.open("li", &[]);
        finding_line(h, f);
        h.close("li");
    }
    h.close("ol");
    if findings.len() > SERIOUS {
        h.el(
            "p",
            &[("class", "note")],
            &format!(
                "{} more findings in the country and operator sections.",
                findings.len() - SERIOUS
            ),
        );
    }
}

/// A finding on one line: severity, rule, measure, evidence.
pub(super) fn finding_line(h: &mut Html, f: &FindingEntry) {
    h.el(
        "span",
        &[("class", severity(f.severity))],
        severity(f.severity),
    );
    h.text(" ");
    h.el("code", &[], &f.rule);
    h.text(&format!(" ({}): {}", f.measure, f.evidence.text));
}

/// The rankings of operators and suppliers.
pub(super) fn rankings(h: &mut Html, r: &ScanReport) {
    let rk = &r.doc.rankings;
    h.open("section", &[("id", "rankings")]);
    h.el("h2", &[], "Rankings");
    h.el(
        "p",
        &[("class", "note")],
        "Operators worst first: more deny findings, then a higher high-risk exposure of key assets, then a larger worst single-supplier outage.",
    );
    h.open("table", &[("class", "ranking")]);
    h.fixed("<thead><tr><th>#</th><th>operator</th><th>country</th><th>deny</th><th>warn</th><th>key assets exposed</th><th>worst supplier outage</th></tr></thead><tbody>");
    for (i, o) in rk.operators.iter().enumerate() {
        h.open("tr", &[]);
        h.el("td", &[], &(i + 1).to_string());
        h.open("td", &[]);
        let place = r.doc.operators.iter().position(|x| x.id == o.operator);
        match place {
            Some(p) => h.el(
                "a",
                &[("href", &format!("#{}", operator_anchor(p)))],
                &o.operator,
            ),
            None => h.text(&o.operator),
        }
        h.close("td");
        h.el("td", &[], &o.country);
        h.el(
            "td",
            &[("class", if o.deny > 0 { "deny num" } else { "num" })],
            &o.deny.to_string(),
        );
        h.el("td", &[("class", "num")], &o.warn.to_string());
        h.el("td", &[("class", "num")], &opt_pct(o.exposure));
        h.el(
            "td",
            &[],
            &o.worst_single.as_ref().map_or_else(
                || "-".to_owned(),
                |w| format!("{} ({})", pct(w.outage), w.supplier),
            ),
        );
        h.close("tr");
    }
    h.fixed("</tbody>");
    h.close("table");
    let rows: Vec<Vec<String>> = rk
        .suppliers_by_outage
        .iter()
        .take(TOP_SUPPLIERS)
        .enumerate()
        .map(|(i, s)| {
            vec![
                (i + 1).to_string(),
                s.supplier.clone(),
                s.national_outage.as_ref().map_or_else(
                    || "-".to_owned(),
                    |n| format!("{} ({})", pct(n.outage), n.country),
                ),
                opt_pct(s.outage_all),
                s.operators_above_share_limit.to_string(),
            ]
        })
        .collect();
    h.el("h3", &[], "Suppliers by national outage");
    h.table(
        "ranking",
        &[
            "#",
            "supplier",
            "largest national outage",
            "all operators",
            "operators above the share limit",
        ],
        &rows,
    );
    h.el("h3", &[], "Suppliers by operators above the share limit");
    if rk.suppliers_by_share.is_empty() {
        h.el(
            "p",
            &[],
            "No supplier is above the supplier-share limit in any operator.",
        );
    } else {
        let rows: Vec<Vec<String>> = rk
            .suppliers_by_share
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    (i + 1).to_string(),
                    s.supplier.clone(),
                    s.operators_above_share_limit.to_string(),
                ]
            })
            .collect();
        h.table(
            "ranking",
            &["#", "supplier", "operators above the supplier-share limit"],
            &rows,
        );
    }
    h.close("section");
}
