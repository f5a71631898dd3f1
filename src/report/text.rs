//! `--format table`: what a regulator scans in a terminal.

use std::fmt::Write as _;

use super::critical_text::critical_table;
use super::fmt::{domain_cells, esc, esc_join, hhi, num, opt_pct, path_text, pct, severity_loud};
use super::model::{ExplainReport, FindingEntry, OperatorEntry, ScanReport, path_is_cut};
use super::ranking_text::rankings_table;
use super::table::new_table;

/// How many exposed assets, findings and groups a table lists before summarising the rest.
const LIST_LIMIT: usize = 10;

/// Up to this many findings (and few operators), every finding is listed; beyond, a count
/// per rule and the first few.
const FINDINGS_LIMIT: usize = 100;

/// Up to this many operators, each gets its detailed section; beyond, one row each (the
/// other formats have every detail).
const DETAIL_LIMIT: usize = 5;

/// One row per operator: the figures a regulator compares across a country or the EU.
fn overview(out: &mut String, r: &ScanReport) {
    let _ = writeln!(
        out,
        "\n== Operators (one row each; --format markdown, json or csv for every detail)"
    );
    let mut t = new_table(&[
        "operator",
        "country",
        "RAN HHI",
        "RAN high-risk",
        "core high-risk",
        "worst single outage",
        "lock-in",
        "exposure",
        "deny",
        "warn",
    ]);
    for (op, tally) in r.doc.operators.iter().zip(&r.summary.per_operator) {
        let ran = op.domain("ran");
        t.add_row(vec![
            esc(&op.id).into_owned(),
            esc(&op.country).into_owned(),
            ran.map_or_else(|| "-".to_owned(), |d| hhi(d.hhi)),
            ran.map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share)),
            op.domain("core")
                .map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share)),
            op.outage.worst_single.as_ref().map_or_else(
                || "-".to_owned(),
                |w| format!("{} {}", esc(&w.supplier), pct(w.outage)),
            ),
            opt_pct(op.lockin.index),
            opt_pct(op.exposure.index),
            tally.deny.to_string(),
            tally.warn.to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}");
}

/// Renders a scan as terminal tables: per operator, per country, then the findings and
/// every warning (loading, the analyses and the policy).
pub fn scan_table(r: &ScanReport) -> String {
    let mut out = String::new();
    let doc = &r.doc;
    let _ = writeln!(
        out,
        "vendorgraph scan: {} operator(s) in {} country(ies); {} finding(s), {} deny",
        doc.operators.len(),
        r.summary.countries.len(),
        doc.findings.len(),
        r.summary.findings.deny
    );
    let detailed = doc.operators.len() <= DETAIL_LIMIT;
    if detailed {
        for op in &doc.operators {
            operator(&mut out, op);
        }
    } else {
        overview(&mut out, r);
    }
    rankings_table(&mut out, r);
    countries(&mut out, r);
    critical_table(&mut out, r);
    findings(
        &mut out,
        r,
        detailed && doc.findings.len() <= FINDINGS_LIMIT,
    );
    if !doc.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings ({})", doc.warnings.len());
        for w in doc.warnings.iter().take(LIST_LIMIT) {
            let _ = writeln!(out, "  - {}", esc(w));
        }
        more(&mut out, doc.warnings.len());
    }
    out
}

fn operator(out: &mut String, op: &OperatorEntry) {
    let subs = op
        .subscribers
        .map_or_else(String::new, |s| format!(", {s} subscribers"));
    let name = op
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!(" {}", esc(n)));
    let _ = writeln!(
        out,
        "\n== Operator {}{name} ({}{subs})",
        esc(&op.id),
        esc(&op.country)
    );
    let mut t = new_table(&[
        "domain",
        "weight",
        "HHI",
        "equiv.",
        "band",
        "top supplier",
        "high-risk",
    ]);
    for d in &op.domains {
        t.add_row(domain_cells(d, |s| esc(s).into_owned()));
    }
    let _ = writeln!(out, "Concentration (R4)\n{t}");
    outage(out, op);
    let l = &op.lockin;
    let _ = writeln!(
        out,
        "Lock-in: index {}, {} group(s)",
        opt_pct(l.index),
        l.groups.len()
    );
    for g in l.groups.iter().take(LIST_LIMIT) {
        let _ = writeln!(
            out,
            "  - {}: {} assets, weight {}, suppliers {}, domains {}",
            esc(&g.id),
            g.assets,
            num(g.weight),
            esc_join(&g.suppliers, ", "),
            esc_join(&g.domains, ", ")
        );
    }
    more(out, l.groups.len());
    exposure(out, op);
}

fn outage(out: &mut String, op: &OperatorEntry) {
    let o = &op.outage;
    let _ = writeln!(
        out,
        "Supplier failure (R4): service units weigh {}",
        num(o.units_weight)
    );
    if o.suppliers.is_empty() {
        let _ = writeln!(out, "  no radio units: outage undefined");
        return;
    }
    let mut t = new_table(&["failing supplier", "outage", "4G", "5G"]);
    for s in &o.suppliers {
        t.add_row(vec![
            esc(&s.supplier).into_owned(),
            pct(s.outage),
            opt_pct(s.outage_4g),
            opt_pct(s.outage_5g),
        ]);
    }
    let _ = writeln!(out, "{t}");
    if let Some(w) = &o.worst_single {
        let _ = write!(
            out,
            "  worst single: {} {}",
            esc(&w.supplier),
            pct(w.outage)
        );
    }
    match &o.worst_pair {
        Some(p) => {
            let _ = writeln!(
                out,
                "; worst pair: {} + {} {}",
                esc(&p.suppliers[0]),
                esc(&p.suppliers[1]),
                pct(p.outage)
            );
        }
        None => {
            let _ = writeln!(out);
        }
    }
}

fn exposure(out: &mut String, op: &OperatorEntry) {
    let e = &op.exposure;
    let per_domain: Vec<String> = e
        .domains
        .iter()
        .map(|d| format!("{} {}", esc(&d.domain), pct(d.index)))
        .collect();
    let _ = writeln!(
        out,
        "High-risk exposure (R5): index {} of key weight {} ({}); {} exposed key asset(s)",
        opt_pct(e.index),
        num(e.key_weight),
        per_domain.join(", "),
        e.exposed.len()
    );
    for x in e.exposed.iter().take(LIST_LIMIT) {
        let _ = writeln!(
            out,
            "  - {} [{}] {}",
            esc(&x.asset),
            x.kind,
            path_text(&x.path, " -> ", path_is_cut(&x.path, x.path_length), |s| {
                esc(s).into_owned()
            })
        );
    }
    more(out, e.exposed.len());
    if !e.offshore.is_empty() {
        let _ = writeln!(out, "Offshore operation: {} key asset(s)", e.offshore.len());
        for x in e.offshore.iter().take(LIST_LIMIT) {
            let _ = writeln!(
                out,
                "  - {} operated from {} via {}",
                esc(&x.asset),
                esc(&x.location),
                path_text(&x.path, " -> ", path_is_cut(&x.path, x.path_length), |s| {
                    esc(s).into_owned()
                })
            );
        }
        more(out, e.offshore.len());
    }
}

fn more(out: &mut String, n: usize) {
    if n > LIST_LIMIT {
        let _ = writeln!(
            out,
            "  ... and {} more (see --format json or csv)",
            n - LIST_LIMIT
        );
    }
}

fn countries(out: &mut String, r: &ScanReport) {
    let countries = &r.doc.countries;
    if countries.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n== National vendor balance (R4, SM06)");
    let mut t = new_table(&[
        "country",
        "domain",
        "HHI",
        "band",
        "top supplier",
        "high-risk",
        "operators",
    ]);
    for c in countries {
        for d in &c.domains {
            let top = d.suppliers.first().map_or_else(String::new, |s| {
                format!("{} {}", esc(&s.supplier), pct(s.share))
            });
            t.add_row(vec![
                esc(&c.country).into_owned(),
                esc(&d.domain).into_owned(),
                hhi(d.hhi),
                d.band.as_str().to_owned(),
                top,
                pct(d.high_risk_share),
                d.operators.to_string(),
            ]);
        }
    }
    let _ = writeln!(out, "{t}");
    let mut t = new_table(&[
        "country",
        "weighting",
        "most systemic supplier",
        "national outage",
    ]);
    for c in countries {
        let (s, v) = c.outage.first().map_or_else(
            || ("-".to_owned(), "-".to_owned()),
            |s| (esc(&s.supplier).into_owned(), pct(s.outage)),
        );
        t.add_row(vec![
            esc(&c.country).into_owned(),
            c.weighting.as_str().to_owned(),
            s,
            v,
        ]);
    }
    let _ = writeln!(out, "{t}");
}

/// One finding on one line: severity, rule, measures and the evidence's sentence.
pub(super) fn finding_line(out: &mut String, f: &FindingEntry) {
    let _ = writeln!(
        out,
        "  {} {} [{}] {}",
        severity_loud(f.severity),
        f.rule,
        f.measure,
        esc(&f.evidence.text)
    );
}

fn findings(out: &mut String, r: &ScanReport, all: bool) {
    let findings = &r.doc.findings;
    let _ = writeln!(out, "\n== Findings ({})", findings.len());
    if findings.is_empty() {
        let _ = writeln!(out, "  none");
    }
    if !all && !findings.is_empty() {
        let mut t = new_table(&["severity", "rule", "measure", "findings"]);
        for rule in &r.summary.by_rule {
            t.add_row(vec![
                severity_loud(rule.severity).to_owned(),
                rule.rule.clone(),
                rule.measure.clone(),
                rule.findings.to_string(),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    let shown = if all { findings.len() } else { LIST_LIMIT };
    for f in findings.iter().take(shown) {
        finding_line(out, f);
    }
    if !all {
        more(out, findings.len());
    }
    if !r.doc.exempted.is_empty() {
        let _ = writeln!(
            out,
            "  ({} finding(s) exempted by the policy)",
            r.doc.exempted.len()
        );
    }
}

/// Renders an explanation for people.
pub fn explain_text(e: &ExplainReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "asset {} ({}, {}) of operator {}, supplied by {}{}; weight {}{}{}",
        esc(&e.asset),
        esc(&e.function),
        esc(&e.domain),
        esc(&e.operator),
        esc(&e.supplier),
        if e.supplier_high_risk {
            " (HIGH-RISK)"
        } else {
            ""
        },
        num(e.weight),
        if e.key { "; key asset" } else { "" },
        if e.radio { "; service unit" } else { "" },
    );
    let _ = writeln!(out, "\ndepends on:");
    if e.depends_on.is_empty() {
        let _ = writeln!(out, "  nothing");
    }
    for l in &e.depends_on {
        let alts = if l.has_alternatives() {
            format!(" ({} of {})", l.need, l.assets.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} {}{alts}{}{}",
            l.kind,
            esc_join(&l.assets, " | "),
            l.interface
                .as_deref()
                .map_or_else(String::new, |i| format!(" over {}", esc(i))),
            if l.open { "" } else { " [closed]" }
        );
    }
    let _ = writeln!(out, "\ndepended on by:");
    if e.dependents.is_empty() {
        let _ = writeln!(out, "  nothing");
    }
    for l in &e.dependents {
        let _ = writeln!(
            out,
            "  {} <- {}{}",
            l.kind,
            esc_join(&l.assets, ", "),
            if l.open { "" } else { " [closed]" }
        );
    }
    let _ = writeln!(out);
    explain_paths(&mut out, e);
    explain_impacts(&mut out, e);
    out
}

/// Section 8 from the asset: what its failure takes down of each operator it reaches.
fn explain_impacts(out: &mut String, e: &ExplainReport) {
    if e.impacts.is_empty() {
        let _ = writeln!(out, "its failure takes down no operator's service");
        return;
    }
    let _ = writeln!(out, "its failure takes down:");
    for i in &e.impacts {
        let _ = writeln!(
            out,
            "  operator {}: {} of service (4G {}, 5G {}), {} unit{}{}",
            esc(&i.operator),
            pct(i.impact),
            opt_pct(i.impact_4g),
            opt_pct(i.impact_5g),
            i.units,
            if i.units == 1 { "" } else { "s" },
            if i.critical { "; CRITICAL" } else { "" }
        );
        if i.down.is_empty() {
            continue;
        }
        let more = i.units.saturating_sub(i.down.len());
        let _ = writeln!(
            out,
            "    {}{}",
            esc_join(&i.down, ", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
}

fn explain_paths(out: &mut String, e: &ExplainReport) {
    match &e.exposure {
        Some(p) => {
            let _ = writeln!(
                out,
                "exposed to high-risk supplier {} ({}): {}",
                esc(&p.supplier),
                p.kind,
                esc_join(&p.path, " -> ")
            );
        }
        None => {
            let _ = writeln!(out, "not exposed: no control path to a high-risk supplier");
        }
    }
    if let Some(p) = &e.offshore {
        let _ = writeln!(
            out,
            "operated from outside the allowed countries by {} : {}",
            esc(&p.supplier),
            esc_join(&p.path, " -> ")
        );
    }
    match &e.lockin_group {
        Some(g) => {
            let _ = writeln!(
                out,
                "lock-in group {}: {} assets (weight {}), suppliers {}, domains {}, operators {}",
                esc(&g.id),
                g.assets,
                num(g.weight),
                esc_join(&g.suppliers, ", "),
                esc_join(&g.domains, ", "),
                esc_join(&g.operators, ", ")
            );
        }
        None => {
            let _ = writeln!(out, "in no lock-in group");
        }
    }
    let _ = writeln!(
        out,
        "goes down when one of these suppliers fails: {}",
        if e.failing_suppliers.is_empty() {
            "none".to_owned()
        } else {
            esc_join(&e.failing_suppliers, ", ")
        }
    );
    let _ = writeln!(
        out,
        "depends (for service) on suppliers: {}",
        esc_join(&e.upstream_suppliers, ", ")
    );
}
