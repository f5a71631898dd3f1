//! `--format table`: what a regulator scans in a terminal.

use std::fmt::Write as _;

use crate::analysis::{Explanation, OperatorFigures, ScanResult};
use crate::policy::{Evaluation, Rule, Severity};

use super::table::{new_table, num, opt_pct, pct};

/// How many exposed assets, findings and groups a table lists before summarising the rest.
const LIST_LIMIT: usize = 10;

/// Up to this many findings (and few operators), every finding is listed; beyond, a count
/// per rule and the first few.
const FINDINGS_LIMIT: usize = 100;

/// Up to this many operators, each gets its detailed section; beyond, one row each (the
/// other formats have every detail).
const DETAIL_LIMIT: usize = 5;

/// One row per operator: the figures a regulator compares across a country or the EU.
fn overview(out: &mut String, scan: &ScanResult, eval: &Evaluation) {
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
    for op in &scan.operators {
        let d = |name: &str| op.domains.iter().find(|d| d.domain == name);
        let count = |sev: Severity| {
            eval.findings
                .iter()
                .filter(|f| {
                    f.severity == sev && f.subject.operator.as_deref() == Some(op.id.as_str())
                })
                .count()
        };
        t.add_row(vec![
            op.id.clone(),
            op.country.clone(),
            d("ran").map_or_else(|| "-".to_owned(), |d| format!("{:.0}", d.hhi)),
            d("ran").map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share)),
            d("core").map_or_else(|| "-".to_owned(), |d| pct(d.high_risk_share)),
            op.outage.worst_single.as_ref().map_or_else(
                || "-".to_owned(),
                |w| format!("{} {}", w.supplier, pct(w.outage)),
            ),
            opt_pct(op.lockin.index),
            opt_pct(op.exposure.index),
            count(Severity::Deny).to_string(),
            count(Severity::Warn).to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}");
}

/// Renders a scan as terminal tables: per operator, per country, then the findings.
/// `warnings` holds every warning: loading, the analyses and the policy.
pub fn scan_table(scan: &ScanResult, eval: &Evaluation, warnings: &[String]) -> String {
    let mut out = String::new();
    let n_countries = scan.countries.iter().filter(|c| c.country != "all").count();
    let _ = writeln!(
        out,
        "vendorgraph scan: {} operator(s) in {} country(ies); {} finding(s), {} deny",
        scan.operators.len(),
        n_countries,
        eval.findings.len(),
        eval.findings
            .iter()
            .filter(|f| f.severity == Severity::Deny)
            .count()
    );
    if scan.operators.len() <= DETAIL_LIMIT {
        for op in &scan.operators {
            operator(&mut out, op);
        }
    } else {
        overview(&mut out, scan, eval);
    }
    countries(&mut out, scan);
    findings(
        &mut out,
        eval,
        scan.operators.len() <= DETAIL_LIMIT && eval.findings.len() <= FINDINGS_LIMIT,
    );
    if !warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings ({})", warnings.len());
        for w in warnings.iter().take(LIST_LIMIT) {
            let _ = writeln!(out, "  - {w}");
        }
        more(&mut out, warnings.len());
    }
    out
}

fn operator(out: &mut String, op: &OperatorFigures) {
    let subs = op
        .subscribers
        .map_or_else(String::new, |s| format!(", {s} subscribers"));
    let name = op
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!(" {n}"));
    let _ = writeln!(out, "\n== Operator {}{name} ({}{subs})", op.id, op.country);
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
        t.add_row(vec![
            d.domain.clone(),
            num(d.weight),
            format!("{:.0}", d.hhi),
            format!("{:.2}", d.equivalent_suppliers),
            d.band.as_str().to_owned(),
            format!("{} {}", d.top.supplier, pct(d.top.share)),
            pct(d.high_risk_share),
        ]);
    }
    let _ = writeln!(out, "Concentration (R4)\n{t}");
    let o = &op.outage;
    let _ = writeln!(
        out,
        "Supplier failure (R4): service units weigh {}",
        num(o.units_weight)
    );
    if o.suppliers.is_empty() {
        let _ = writeln!(out, "  no radio units: outage undefined");
    } else {
        let mut t = new_table(&["failing supplier", "outage", "4G", "5G"]);
        for s in &o.suppliers {
            t.add_row(vec![
                s.supplier.clone(),
                pct(s.outage),
                opt_pct(s.outage_4g),
                opt_pct(s.outage_5g),
            ]);
        }
        let _ = writeln!(out, "{t}");
        if let Some(w) = &o.worst_single {
            let _ = write!(out, "  worst single: {} {}", w.supplier, pct(w.outage));
        }
        match &o.worst_pair {
            Some(p) => {
                let _ = writeln!(
                    out,
                    "; worst pair: {} + {} {}",
                    p.suppliers[0],
                    p.suppliers[1],
                    pct(p.outage)
                );
            }
            None => {
                let _ = writeln!(out);
            }
        }
    }
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
            g.id,
            g.assets,
            num(g.weight),
            g.suppliers.join(", "),
            g.domains.join(", ")
        );
    }
    more(out, l.groups.len());
    let e = &op.exposure;
    let per_domain: Vec<String> = e
        .domains
        .iter()
        .map(|d| format!("{} {}", d.domain, pct(d.index)))
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
        let _ = writeln!(out, "  - {} [{}] {}", x.asset, x.kind, x.path.join(" -> "));
    }
    more(out, e.exposed.len());
    if !e.offshore.is_empty() {
        let _ = writeln!(out, "Offshore operation: {} key asset(s)", e.offshore.len());
        for x in e.offshore.iter().take(LIST_LIMIT) {
            let _ = writeln!(
                out,
                "  - {} operated from {} via {}",
                x.asset,
                x.location,
                x.path.join(" -> ")
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

fn countries(out: &mut String, scan: &ScanResult) {
    if scan.countries.is_empty() {
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
    for c in &scan.countries {
        for d in &c.domains {
            let top = d
                .suppliers
                .first()
                .map_or_else(String::new, |s| format!("{} {}", s.supplier, pct(s.share)));
            t.add_row(vec![
                c.country.clone(),
                d.domain.clone(),
                format!("{:.0}", d.hhi),
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
    for c in &scan.countries {
        let (s, v) = c.outage.first().map_or_else(
            || ("-".to_owned(), "-".to_owned()),
            |s| (s.supplier.clone(), pct(s.outage)),
        );
        t.add_row(vec![
            c.country.clone(),
            format!("{:?}", c.weighting).to_lowercase(),
            s,
            v,
        ]);
    }
    let _ = writeln!(out, "{t}");
}

fn findings(out: &mut String, eval: &Evaluation, all: bool) {
    let _ = writeln!(out, "\n== Findings ({})", eval.findings.len());
    if eval.findings.is_empty() {
        let _ = writeln!(out, "  none");
    }
    if !all && !eval.findings.is_empty() {
        let mut t = new_table(&["severity", "rule", "measure", "findings"]);
        let mut by_rule: Vec<(Severity, Rule, &str, usize)> = Vec::new();
        for f in &eval.findings {
            match by_rule
                .iter_mut()
                .find(|r| r.0 == f.severity && r.1 == f.rule)
            {
                Some(r) => r.3 += 1,
                None => by_rule.push((f.severity, f.rule, f.measure(), 1)),
            }
        }
        for (sev, rule, measure, n) in by_rule {
            let sev = if sev == Severity::Deny {
                "DENY"
            } else {
                "warn"
            };
            t.add_row(vec![
                sev.to_owned(),
                rule.to_string(),
                measure.to_owned(),
                n.to_string(),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    let shown = if all { eval.findings.len() } else { LIST_LIMIT };
    for f in eval.findings.iter().take(shown) {
        let sev = match f.severity {
            Severity::Deny => "DENY",
            Severity::Warn => "warn",
        };
        let _ = writeln!(
            out,
            "  {sev} {} [{}] {}",
            f.rule,
            f.measure(),
            f.evidence.text
        );
    }
    if !all {
        more(out, eval.findings.len());
    }
    if !eval.exempted.is_empty() {
        let _ = writeln!(
            out,
            "  ({} finding(s) exempted by the policy)",
            eval.exempted.len()
        );
    }
}

/// Renders an explanation for people.
pub fn explain_text(e: &Explanation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "asset {} ({}, {}) of operator {}, supplied by {}{}; weight {}{}{}",
        e.asset,
        e.function,
        e.domain,
        e.operator,
        e.supplier,
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
        let alts = if l.assets.len() > 1 {
            format!(" ({} of {})", l.need, l.assets.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} {}{alts}{}{}",
            l.kind,
            l.assets.join(" | "),
            l.interface
                .as_deref()
                .map_or_else(String::new, |i| format!(" over {i}")),
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
            l.assets.join(", "),
            if l.open { "" } else { " [closed]" }
        );
    }
    let _ = writeln!(out);
    match &e.exposure {
        Some(p) => {
            let _ = writeln!(
                out,
                "exposed to high-risk supplier {} ({}): {}",
                p.supplier,
                p.kind,
                p.path.join(" -> ")
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
            p.supplier,
            p.path.join(" -> ")
        );
    }
    match &e.lockin_group {
        Some(g) => {
            let _ = writeln!(
                out,
                "lock-in group {}: {} assets (weight {}), suppliers {}, domains {}, operators {}",
                g.id,
                g.assets,
                num(g.weight),
                g.suppliers.join(", "),
                g.domains.join(", "),
                g.operators.join(", ")
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
            e.failing_suppliers.join(", ")
        }
    );
    let _ = writeln!(
        out,
        "depends (for service) on suppliers: {}",
        e.upstream_suppliers.join(", ")
    );
    out
}
