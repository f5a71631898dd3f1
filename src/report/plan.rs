//! A plan for people: terminal tables (`--format table`) and a Markdown document.
//!
//! Both show, per step, what changed in the inventory, the forced co-replacements, then
//! each figure beside the baseline with its change. A figure row is shown when it changed,
//! and always for the headline figures (HHI per domain, worst single and pair outage,
//! lock-in and exposure), so that a step that changes nothing for an operator says so.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::sanitize::escape_controls as safe;
use crate::scenario::{
    AssetChange, ChangeKind, CountrySummary, DomainSummary, Figures, FindingKey, OperatorSummary,
    Plan, StepEffect, StepReport,
};

use super::fmt::{md, num, pct, severity};
use super::table::new_table;

/// How many changed assets a step lists before summarising the rest.
const LIST_LIMIT: usize = 12;

/// Two values closer than this are the same figure.
const EPS: f64 = 1e-12;

/// One figure before and after.
struct Row {
    label: String,
    before: String,
    after: String,
    change: String,
    changed: bool,
    headline: bool,
}

fn pp(d: f64) -> String {
    if d.abs() < EPS {
        "0".to_owned()
    } else {
        format!("{:+.1} pp", d * 100.0)
    }
}

fn signed(d: f64) -> String {
    if d.abs() < 0.5 {
        "0".to_owned()
    } else {
        format!("{d:+.0}")
    }
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or_else(|| "-".to_owned(), f)
}

fn share_row(label: String, b: Option<f64>, a: Option<f64>, headline: bool) -> Row {
    let change = match (b, a) {
        (Some(b), Some(a)) => pp(a - b),
        (None, None) => String::new(),
        _ => "n/a".to_owned(),
    };
    let changed = match (b, a) {
        (Some(b), Some(a)) => (a - b).abs() >= EPS,
        (None, None) => false,
        _ => true,
    };
    Row {
        label,
        before: opt(b, pct),
        after: opt(a, pct),
        change,
        changed,
        headline,
    }
}

/// The rows comparing an operator's figures; `None` on a side where it does not exist.
fn operator_rows(b: Option<&OperatorSummary>, a: Option<&OperatorSummary>) -> Vec<Row> {
    let mut rows = Vec::new();
    domain_rows(&mut rows, b, a);
    outage_rows(&mut rows, b, a);
    lockin_exposure_rows(&mut rows, b, a);
    rows
}

/// Per domain: HHI, top supplier, high-risk share and every supplier's share.
fn domain_rows(rows: &mut Vec<Row>, b: Option<&OperatorSummary>, a: Option<&OperatorSummary>) {
    let domains: BTreeSet<&str> = b
        .iter()
        .chain(a.iter())
        .flat_map(|o| o.domains.iter().map(|d| d.domain.as_str()))
        .collect();
    for d in domains {
        let (db, da) = (b.and_then(|o| o.domain(d)), a.and_then(|o| o.domain(d)));
        let hhi = |x: Option<&DomainSummary>| {
            x.map_or_else(
                || "-".to_owned(),
                |x| format!("{:.0} ({})", x.hhi, x.band.as_str()),
            )
        };
        let (hb, ha) = (db.map(|x| x.hhi), da.map(|x| x.hhi));
        rows.push(Row {
            label: format!("{d}: HHI"),
            before: hhi(db),
            after: hhi(da),
            change: match (hb, ha) {
                (Some(x), Some(y)) => signed(y - x),
                _ => "n/a".to_owned(),
            },
            changed: match (hb, ha) {
                (Some(x), Some(y)) => (y - x).abs() >= EPS,
                _ => true,
            },
            headline: true,
        });
        let top = |x: Option<&DomainSummary>| {
            x.map_or_else(
                || "-".to_owned(),
                |x| format!("{} {}", x.top.supplier, pct(x.top.share)),
            )
        };
        let (tb, ta) = (top(db), top(da));
        rows.push(Row {
            label: format!("{d}: top supplier"),
            changed: tb != ta,
            before: tb,
            after: ta,
            change: String::new(),
            headline: false,
        });
        let (rb, ra) = (db.map(|x| x.high_risk_share), da.map(|x| x.high_risk_share));
        let hr_shown = rb.unwrap_or(0.0) > 0.0 || ra.unwrap_or(0.0) > 0.0;
        rows.push(share_row(format!("{d}: high-risk share"), rb, ra, hr_shown));
        per_supplier_rows(rows, db.map(domain_shares), da.map(domain_shares), |s| {
            format!("{d}: share of {s}")
        });
    }
}

/// The worst single and pair outages, and every supplier's outage (overall, 4G, 5G).
fn outage_rows(rows: &mut Vec<Row>, b: Option<&OperatorSummary>, a: Option<&OperatorSummary>) {
    let worst = |o: Option<&OperatorSummary>| {
        o.and_then(|o| o.outage.worst_single.as_ref())
            .map(|w| (format!("{} {}", w.supplier, pct(w.outage)), w.outage))
    };
    let pair = |o: Option<&OperatorSummary>| {
        o.and_then(|o| o.outage.worst_pair.as_ref()).map(|w| {
            (
                format!("{}+{} {}", w.suppliers[0], w.suppliers[1], pct(w.outage)),
                w.outage,
            )
        })
    };
    for (label, (x, y)) in [
        ("worst single outage", (worst(b), worst(a))),
        ("worst pair outage", (pair(b), pair(a))),
    ] {
        rows.push(Row {
            label: label.to_owned(),
            changed: x.as_ref().map(|v| &v.0) != y.as_ref().map(|v| &v.0),
            change: match (&x, &y) {
                (Some(x), Some(y)) => pp(y.1 - x.1),
                (None, None) => String::new(),
                _ => "n/a".to_owned(),
            },
            before: x.map_or_else(|| "-".to_owned(), |v| v.0),
            after: y.map_or_else(|| "-".to_owned(), |v| v.0),
            headline: true,
        });
    }
    let sups: BTreeSet<&str> = b
        .iter()
        .chain(a.iter())
        .flat_map(|o| o.outage.suppliers.iter().map(|s| s.supplier.as_str()))
        .collect();
    for s in sups {
        let get = |o: Option<&OperatorSummary>| {
            o.map(|o| match o.supplier_outage(s) {
                Some(x) => (Some(x.outage), x.outage_4g, x.outage_5g),
                None => (
                    Some(0.0),
                    (o.outage.units_weight_4g > 0.0).then_some(0.0),
                    (o.outage.units_weight_5g > 0.0).then_some(0.0),
                ),
            })
            .unwrap_or((None, None, None))
        };
        let (x, y) = (get(b), get(a));
        rows.push(share_row(format!("outage if {s} fails"), x.0, y.0, false));
        rows.push(share_row(
            format!("  4G outage if {s} fails"),
            x.1,
            y.1,
            false,
        ));
        rows.push(share_row(
            format!("  5G outage if {s} fails"),
            x.2,
            y.2,
            false,
        ));
    }
}

/// The lock-in index and groups, the exposure index and the exposed key assets.
fn lockin_exposure_rows(
    rows: &mut Vec<Row>,
    b: Option<&OperatorSummary>,
    a: Option<&OperatorSummary>,
) {
    rows.push(share_row(
        "lock-in index".to_owned(),
        b.and_then(|o| o.lockin.index),
        a.and_then(|o| o.lockin.index),
        true,
    ));
    let groups = |o: Option<&OperatorSummary>| {
        o.map_or_else(
            || "-".to_owned(),
            |o| {
                if o.lockin.groups.is_empty() {
                    "0".to_owned()
                } else {
                    format!("{} ({})", o.lockin.groups.len(), o.lockin.groups.join(", "))
                }
            },
        )
    };
    let n = |o: Option<&OperatorSummary>, f: fn(&OperatorSummary) -> usize| o.map_or(0, f);
    let (gb, ga) = (groups(b), groups(a));
    rows.push(Row {
        label: "lock-in groups".to_owned(),
        changed: gb != ga,
        change: signed(
            n(a, |o| o.lockin.groups.len()) as f64 - n(b, |o| o.lockin.groups.len()) as f64,
        ),
        before: gb,
        after: ga,
        headline: true,
    });
    rows.push(share_row(
        "exposure index".to_owned(),
        b.and_then(|o| o.exposure.index),
        a.and_then(|o| o.exposure.index),
        true,
    ));
    let (eb, ea) = (
        n(b, |o| o.exposure.exposed.len()),
        n(a, |o| o.exposure.exposed.len()),
    );
    let same_exposed = b.map(|o| &o.exposure.exposed) == a.map(|o| &o.exposure.exposed);
    rows.push(Row {
        label: "exposed key assets".to_owned(),
        before: eb.to_string(),
        after: ea.to_string(),
        change: signed(ea as f64 - eb as f64),
        changed: !same_exposed,
        headline: true,
    });
}

/// A domain's supplier shares by supplier id.
fn domain_shares(d: &DomainSummary) -> BTreeMap<&str, f64> {
    d.suppliers
        .iter()
        .map(|s| (s.supplier.as_str(), s.share))
        .collect()
}

/// A country's national outages by supplier id.
fn national_outages(c: &CountrySummary) -> BTreeMap<&str, f64> {
    c.outage
        .iter()
        .map(|s| (s.supplier.as_str(), s.outage))
        .collect()
}

/// One row per supplier named on either side, sorted by id: its value, 0 on a side that
/// exists but does not name it, `None` on a side that does not exist. One map per side, so
/// linear in the suppliers however many a domain has.
fn per_supplier_rows(
    rows: &mut Vec<Row>,
    before: Option<BTreeMap<&str, f64>>,
    after: Option<BTreeMap<&str, f64>>,
    label: impl Fn(&str) -> String,
) {
    let names: BTreeSet<&str> = before
        .iter()
        .chain(after.iter())
        .flat_map(|m| m.keys().copied())
        .collect();
    let value = |m: &Option<BTreeMap<&str, f64>>, s: &str| {
        m.as_ref().map(|m| m.get(s).copied().unwrap_or(0.0))
    };
    for s in names {
        rows.push(share_row(
            label(s),
            value(&before, s),
            value(&after, s),
            false,
        ));
    }
}

/// The rows comparing a country's national figures.
fn country_rows(b: Option<&CountrySummary>, a: Option<&CountrySummary>) -> Vec<Row> {
    let mut rows = Vec::new();
    let domains: BTreeSet<&str> = b
        .iter()
        .chain(a.iter())
        .flat_map(|c| c.domains.iter().map(|d| d.domain.as_str()))
        .collect();
    for d in domains {
        let (db, da) = (
            b.and_then(|c| c.domains.iter().find(|x| x.domain == d)),
            a.and_then(|c| c.domains.iter().find(|x| x.domain == d)),
        );
        let (hb, ha) = (db.map(|x| x.hhi), da.map(|x| x.hhi));
        rows.push(Row {
            label: format!("{d}: national HHI"),
            before: db.map_or_else(
                || "-".to_owned(),
                |x| format!("{:.0} ({})", x.hhi, x.band.as_str()),
            ),
            after: da.map_or_else(
                || "-".to_owned(),
                |x| format!("{:.0} ({})", x.hhi, x.band.as_str()),
            ),
            change: match (hb, ha) {
                (Some(x), Some(y)) => signed(y - x),
                _ => "n/a".to_owned(),
            },
            changed: match (hb, ha) {
                (Some(x), Some(y)) => (y - x).abs() >= EPS,
                _ => true,
            },
            headline: true,
        });
        let (rb, ra) = (db.map(|x| x.high_risk_share), da.map(|x| x.high_risk_share));
        let shown = rb.unwrap_or(0.0) > 0.0 || ra.unwrap_or(0.0) > 0.0;
        rows.push(share_row(
            format!("{d}: national high-risk share"),
            rb,
            ra,
            shown,
        ));
    }
    per_supplier_rows(
        &mut rows,
        b.map(national_outages),
        a.map(national_outages),
        |s| format!("national outage if {s} fails"),
    );
    rows
}

fn change_line(c: &AssetChange) -> String {
    match c.change {
        ChangeKind::Supplier => format!(
            "{} ({}): supplier {} → {}",
            c.asset,
            c.operator,
            c.from.as_deref().unwrap_or("?"),
            c.to.as_deref().unwrap_or("?")
        ),
        ChangeKind::Added => format!(
            "{} ({}): added, supplier {}",
            c.asset,
            c.operator,
            c.to.as_deref().unwrap_or("?")
        ),
        ChangeKind::Removed => format!(
            "{} ({}): removed (was {})",
            c.asset,
            c.operator,
            c.from.as_deref().unwrap_or("?")
        ),
        ChangeKind::Relinked => format!(
            "{} ({}): {} → {}",
            c.asset,
            c.operator,
            c.from.as_deref().unwrap_or("?"),
            c.to.as_deref().unwrap_or("?")
        ),
    }
}

/// A finding in one line, shown safe.
fn finding_line(k: &FindingKey) -> String {
    safe(&format!(
        "[{}] {}: {}",
        severity(k.severity),
        k.rule,
        k.text
    ))
    .into_owned()
}

/// What a step did, as lines (without the figures).
fn effect_lines(e: &StepEffect) -> Vec<String> {
    let mut out = Vec::new();
    if !e.changed_assets.is_empty() {
        out.push(format!("Changed assets ({}):", e.changed_assets.len()));
        for c in e.changed_assets.iter().take(LIST_LIMIT) {
            out.push(format!("  - {}", change_line(c)));
        }
        if e.changed_assets.len() > LIST_LIMIT {
            out.push(format!(
                "  - ... and {} more (all of them in --format json)",
                e.changed_assets.len() - LIST_LIMIT
            ));
        }
    }
    let l = e.links;
    if l.added + l.removed + l.changed > 0 {
        out.push(format!(
            "Links: {} added, {} removed, {} with fewer targets",
            l.added, l.removed, l.changed
        ));
    }
    if !e.forced_co_replacements.is_empty() {
        out.push("Forced co-replacements (lock-in groups before the step):".to_owned());
        for g in &e.forced_co_replacements {
            out.push(format!(
                "  - group {}: changing {} forces {} more asset(s) ({} weight; {}; {}){}: {}",
                g.group,
                g.changed.join(", "),
                g.assets.len(),
                num(g.weight),
                g.suppliers.join(", "),
                g.domains.join(", "),
                if g.followed {
                    ", replaced too (follow_lockin)"
                } else {
                    ", NOT replaced (set follow_lockin to replace them)"
                },
                g.assets.join(", ")
            ));
        }
    }
    for n in &e.notes {
        out.push(format!("Note: {n}"));
    }
    for w in &e.warnings {
        out.push(format!("Warning: {w}"));
    }
    out.into_iter().map(|l| safe(&l).into_owned()).collect()
}

/// Which operators and countries a step changed, with their rows.
struct Comparison {
    operators: Vec<(String, Vec<Row>)>,
    countries: Vec<(String, Vec<Row>)>,
    unchanged_operators: Vec<String>,
    unchanged_countries: Vec<String>,
}

fn compare(before: &Figures, after: &Figures) -> Comparison {
    let mut c = Comparison {
        operators: Vec::new(),
        countries: Vec::new(),
        unchanged_operators: Vec::new(),
        unchanged_countries: Vec::new(),
    };
    let ids: BTreeSet<&str> = before
        .operators
        .iter()
        .chain(&after.operators)
        .map(|o| o.id.as_str())
        .collect();
    for id in ids {
        let rows = operator_rows(before.operator(id), after.operator(id));
        if rows.iter().any(|r| r.changed) {
            let rows = rows
                .into_iter()
                .filter(|r| r.changed || r.headline)
                .collect();
            c.operators.push((id.to_owned(), rows));
        } else {
            c.unchanged_operators.push(id.to_owned());
        }
    }
    let mut codes: Vec<&str> = before
        .countries
        .iter()
        .chain(&after.countries)
        .map(|x| x.country.as_str())
        .collect();
    codes.dedup();
    let mut seen = BTreeSet::new();
    for code in codes {
        if !seen.insert(code) {
            continue;
        }
        let rows = country_rows(before.country(code), after.country(code));
        if rows.iter().any(|r| r.changed) {
            c.countries.push((
                code.to_owned(),
                rows.into_iter().filter(|r| r.changed).collect(),
            ));
        } else {
            c.unchanged_countries.push(code.to_owned());
        }
    }
    c
}

fn findings_counts(f: &Figures) -> String {
    format!(
        "{} ({} deny, {} warn)",
        f.findings.total, f.findings.deny, f.findings.warn
    )
}

/// The operator's id, name and country, shown safe.
fn operator_title(f: &Figures, id: &str) -> String {
    safe(&match f.operator(id) {
        Some(o) => match &o.name {
            Some(n) => format!("{id} {n} ({})", o.country),
            None => format!("{id} ({})", o.country),
        },
        None => id.to_owned(),
    })
    .into_owned()
}

/// Renders a plan as terminal tables.
pub fn plan_table(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "vendorgraph plan: scenario \"{}\", {} step(s)",
        safe(&plan.scenario),
        plan.steps.len()
    );
    if let Some(d) = &plan.description {
        let _ = writeln!(out, "{}", safe(d));
    }
    let _ = writeln!(out, "\n=== Baseline (step 0)");
    for o in &plan.baseline.operators {
        let mut t = new_table(&["figure", "baseline"]);
        for r in operator_rows(Some(o), Some(o))
            .into_iter()
            .filter(|r| r.headline)
        {
            t.add_row(vec![safe(&r.label), safe(&r.before)]);
        }
        let _ = writeln!(out, "\n{}\n{t}", operator_title(&plan.baseline, &o.id));
    }
    let _ = writeln!(out, "\nFindings: {}", findings_counts(&plan.baseline));
    for r in &plan.baseline.findings.by_rule {
        let _ = writeln!(out, "  - {} {}: {}", severity(r.severity), r.rule, r.count);
    }
    for s in &plan.steps {
        step_table(&mut out, plan, s);
    }
    out
}

fn step_table(out: &mut String, plan: &Plan, s: &StepReport) {
    let _ = writeln!(
        out,
        "\n=== Step {} ({}): {}",
        s.step,
        s.kind,
        safe(&s.description)
    );
    if s.description != s.summary {
        let _ = writeln!(out, "{}", safe(&s.summary));
    }
    for l in effect_lines(&s.effect) {
        let _ = writeln!(out, "{l}");
    }
    let c = compare(&plan.baseline, &s.figures);
    let after = format!("after step {}", s.step);
    for (id, rows) in &c.operators {
        let mut t = new_table(&["figure", "baseline", &after, "change"]);
        for r in rows {
            t.add_row([&r.label, &r.before, &r.after, &r.change].map(|c| safe(c)));
        }
        let _ = writeln!(out, "\n{}\n{t}", operator_title(&s.figures, id));
    }
    if !c.unchanged_operators.is_empty() {
        let _ = writeln!(
            out,
            "\nUnchanged from the baseline: {}",
            c.unchanged_operators.join(", ")
        );
    }
    for (code, rows) in &c.countries {
        let mut t = new_table(&["national figure", "baseline", &after, "change"]);
        for r in rows {
            t.add_row([&r.label, &r.before, &r.after, &r.change].map(|c| safe(c)));
        }
        let _ = writeln!(out, "\nCountry {code}\n{t}");
    }
    let d = &s.delta.findings;
    let _ = writeln!(
        out,
        "\nFindings: {} → {} (change {:+})",
        findings_counts(&plan.baseline),
        findings_counts(&s.figures),
        d.total
    );
    for k in &d.resolved {
        let _ = writeln!(out, "  resolved: {}", finding_line(k));
    }
    for k in &d.added {
        let _ = writeln!(out, "  new:      {}", finding_line(k));
    }
}

fn md_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        header.iter().map(|_| " --- |").collect::<String>()
    );
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// Renders a plan as a Markdown document.
pub fn plan_markdown(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Scenario: {}\n", md(&plan.scenario));
    if let Some(d) = &plan.description {
        let _ = writeln!(out, "{}\n", md(d));
    }
    let _ = writeln!(out, "Steps:\n");
    for s in &plan.steps {
        let _ = writeln!(out, "{}. `{}`: {}", s.step, s.kind, md(&s.description));
    }
    let last = plan.last();
    let _ = writeln!(
        out,
        "\nFindings: {} in the baseline, {} after the last step.\n",
        findings_counts(&plan.baseline),
        findings_counts(last)
    );
    let _ = writeln!(out, "## Baseline\n");
    for o in &plan.baseline.operators {
        let _ = writeln!(out, "### {}\n", md(&operator_title(&plan.baseline, &o.id)));
        let rows: Vec<Vec<String>> = operator_rows(Some(o), Some(o))
            .into_iter()
            .filter(|r| r.headline)
            .map(|r| vec![r.label, r.before])
            .collect();
        md_table(&mut out, &["figure", "baseline"], &rows);
    }
    if !plan.baseline.findings.by_rule.is_empty() {
        let rows: Vec<Vec<String>> = plan
            .baseline
            .findings
            .by_rule
            .iter()
            .map(|r| {
                vec![
                    r.rule.clone(),
                    severity(r.severity).to_owned(),
                    r.count.to_string(),
                ]
            })
            .collect();
        let _ = writeln!(out, "### Findings\n");
        md_table(&mut out, &["rule", "severity", "count"], &rows);
    }
    for s in &plan.steps {
        step_markdown(&mut out, plan, s);
    }
    out
}

/// One step's section of the Markdown plan: what it did, every changed figure, findings.
fn step_markdown(out: &mut String, plan: &Plan, s: &crate::scenario::StepReport) {
    let _ = writeln!(
        out,
        "## Step {}: `{}`\n\n{}\n",
        s.step,
        s.kind,
        md(&s.description)
    );
    if s.description != s.summary {
        let _ = writeln!(out, "{}\n", md(&s.summary));
    }
    for l in effect_lines(&s.effect) {
        match l.strip_prefix("  - ") {
            Some(item) => {
                let _ = writeln!(out, "  - {}", md(item));
            }
            None => {
                let _ = writeln!(out, "\n{}\n", md(&l));
            }
        }
    }
    let c = compare(&plan.baseline, &s.figures);
    let after = format!("after step {}", s.step);
    for (id, rows) in &c.operators {
        let _ = writeln!(out, "\n### {}\n", md(&operator_title(&s.figures, id)));
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.label.trim().to_owned(),
                    r.before.clone(),
                    r.after.clone(),
                    r.change.clone(),
                ]
            })
            .collect();
        md_table(out, &["figure", "baseline", &after, "change"], &rows);
    }
    if !c.unchanged_operators.is_empty() {
        let _ = writeln!(
            out,
            "Unchanged from the baseline: {}.\n",
            md(&c.unchanged_operators.join(", "))
        );
    }
    for (code, rows) in &c.countries {
        let _ = writeln!(out, "### Country {}\n", md(code));
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.label.clone(),
                    r.before.clone(),
                    r.after.clone(),
                    r.change.clone(),
                ]
            })
            .collect();
        md_table(
            out,
            &["national figure", "baseline", &after, "change"],
            &rows,
        );
    }
    let d = &s.delta.findings;
    let _ = writeln!(
        out,
        "### Findings\n\n{} in the baseline, {} after this step (change {:+}).\n",
        findings_counts(&plan.baseline),
        findings_counts(&s.figures),
        d.total
    );
    for k in &d.resolved {
        let _ = writeln!(out, "- resolved: {}", md(&finding_line(k)));
    }
    for k in &d.added {
        let _ = writeln!(out, "- new: {}", md(&finding_line(k)));
    }
    if !d.resolved.is_empty() || !d.added.is_empty() {
        out.push('\n');
    }
}
