//! A plan for people: terminal tables (`--format table`) and a Markdown document.
//!
//! Both show, per step, what changed in the inventory, the forced co-replacements, then
//! each figure beside the baseline (and, from step 2, beside the step before) with its
//! changes, and close with the plan's summary. The rows, their values and changes are the
//! plan's report model ([`PlanReport`](super::model::PlanReport): its deltas, rows and
//! summary), computed once with the plan: this module only formats them.

use std::fmt::Write as _;

use crate::sanitize::escape_controls as safe;
use crate::scenario::{AssetChange, ChangeKind, StepEffect};

use super::model::{
    FigureRow, FigureUnit, Figures, FindingKey, FindingsDelta, PlanReport as Plan, RowChange,
    ScopeRows, StepReport, Value,
};

use super::fmt::{hhi, md, num, pct, pp_change, severity, whole_change};
use super::markdown::{header as md_header, row as md_row};
use super::table::new_table;

/// How many changed assets a step lists before summarising the rest.
const LIST_LIMIT: usize = 12;

/// A value of a row as text.
fn value(v: &Value) -> String {
    match v {
        Value::Absent => "-".to_owned(),
        Value::Share(x) => pct(*x),
        Value::Hhi(x, band) => format!("{} ({})", hhi(*x), band.as_str()),
        Value::Count(n) => n.to_string(),
        Value::Lead(s, x) => format!("{s} {}", pct(*x)),
        Value::Groups(g) if g.is_empty() => "0".to_owned(),
        Value::Groups(g) => format!("{} ({})", g.len(), g.join(", ")),
    }
}

/// A change of a row as text.
fn change(c: RowChange) -> String {
    match c {
        RowChange::Blank => String::new(),
        RowChange::NotApplicable => "n/a".to_owned(),
        RowChange::Points(d) => pp_change(d),
        RowChange::Units(d) => whole_change(d),
    }
}

/// The header of a step's figure table: from step 2 the state before the step and the
/// step's own change stand beside the baseline's.
fn step_header(first: &str, step: usize) -> Vec<String> {
    let after = format!("after step {step}");
    if step == 1 {
        vec![
            first.to_owned(),
            "baseline".to_owned(),
            after,
            "change".to_owned(),
        ]
    } else {
        vec![
            first.to_owned(),
            "baseline".to_owned(),
            format!("after step {}", step - 1),
            after,
            format!("change from step {}", step - 1),
            "change from baseline".to_owned(),
        ]
    }
}

/// The cells of a row of a step's table, in the order of [`step_header`].
fn step_cells(r: &FigureRow, step: usize) -> Vec<String> {
    if step == 1 {
        vec![
            r.label.clone(),
            value(&r.baseline),
            value(&r.after),
            change(r.change),
        ]
    } else {
        vec![
            r.label.clone(),
            value(&r.baseline),
            value(&r.previous),
            value(&r.after),
            change(r.step_change),
            change(r.change),
        ]
    }
}

fn change_line(c: &AssetChange) -> String {
    let from = c.from.as_deref().unwrap_or("?");
    let to = c.to.as_deref().unwrap_or("?");
    let what = match c.change {
        ChangeKind::Supplier => format!("supplier {from} → {to}"),
        ChangeKind::Added => format!("added, supplier {to}"),
        ChangeKind::Removed => format!("removed (was {from})"),
        ChangeKind::Relinked => format!("{from} → {to}"),
    };
    format!("{} ({}): {what}", c.asset, c.operator)
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

/// The step's own summary, when its description is the author's.
fn own_summary(s: &StepReport) -> Option<&str> {
    (s.description != s.summary).then_some(s.summary.as_str())
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

/// The line of operators a step changed nothing for.
fn unchanged_line(ids: &[String], step: usize) -> String {
    let since = if step == 1 {
        "Unchanged from the baseline".to_owned()
    } else {
        format!("Unchanged from the baseline and from step {}", step - 1)
    };
    format!("{since}: {}", ids.join(", "))
}

/// The findings of a step: counts against the baseline (and from step 2 against the step
/// before), then the findings this step resolved and added.
fn findings_lines<'s>(plan: &Plan, s: &'s StepReport) -> (Vec<String>, &'s FindingsDelta) {
    let mut lines = vec![format!(
        "{} → {} (change {:+})",
        findings_counts(&plan.baseline),
        findings_counts(&s.figures),
        s.delta.findings.total
    )];
    if s.step > 1 {
        lines.push(format!(
            "since step {}: {} → {} (change {:+})",
            s.step - 1,
            findings_counts(plan.before_step(s.step)),
            findings_counts(&s.figures),
            s.step_delta.findings.total
        ));
    }
    (lines, &s.step_delta.findings)
}

/// The closing summary as lines: the deny findings left by rule, the figures that got
/// worse since the baseline.
fn summary_lines(plan: &Plan) -> (String, Vec<String>, String, Vec<String>) {
    let s = &plan.summary;
    let total = plan.last().findings.deny;
    let deny_head = format!(
        "Deny findings left after step {}: {total}",
        plan.steps.len()
    );
    let deny = s
        .deny_left
        .iter()
        .map(|r| format!("{}: {}", r.rule, r.count))
        .collect();
    let worse_head = if s.worse.is_empty() {
        "No figure got worse since the baseline.".to_owned()
    } else {
        format!(
            "Figures that got worse since the baseline ({}):",
            s.worse.len()
        )
    };
    let worse = s
        .worse
        .iter()
        .map(|w| {
            let (b, a, c) = match w.unit {
                FigureUnit::Share => (pct(w.before), pct(w.after), pp_change(w.change)),
                FigureUnit::Hhi => (
                    num(w.before.round()),
                    num(w.after.round()),
                    whole_change(w.change),
                ),
                FigureUnit::Count => (num(w.before), num(w.after), whole_change(w.change)),
            };
            let scope = if w.scope == "country" {
                format!("country {}", w.id)
            } else {
                w.id.clone()
            };
            safe(&format!("{scope}: {} {b} → {a} ({c})", w.figure)).into_owned()
        })
        .collect();
    (deny_head, deny, worse_head, worse)
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
    for o in &plan.baseline_rows {
        let mut t = new_table(&["figure", "baseline"]);
        for r in &o.rows {
            t.add_row(vec![safe(&r.label), safe(&value(&r.baseline))]);
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
    let (deny_head, deny, worse_head, worse) = summary_lines(plan);
    let _ = writeln!(out, "\n=== Summary\n{deny_head}");
    for l in deny {
        let _ = writeln!(out, "  - {l}");
    }
    let _ = writeln!(out, "{worse_head}");
    for l in worse {
        let _ = writeln!(out, "  - {l}");
    }
    out
}

/// One scope's table of a step.
fn scope_table(first: &str, rows: &ScopeRows, step: usize) -> String {
    let header = step_header(first, step);
    let mut t = new_table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for r in &rows.rows {
        t.add_row(
            step_cells(r, step)
                .iter()
                .map(|c| safe(c))
                .collect::<Vec<_>>(),
        );
    }
    t.to_string()
}

fn step_table(out: &mut String, plan: &Plan, s: &StepReport) {
    let _ = writeln!(
        out,
        "\n=== Step {} ({}): {}",
        s.step,
        s.kind,
        safe(&s.description)
    );
    let intro = own_summary(s).map(|l| safe(l).into_owned());
    for l in intro.into_iter().chain(effect_lines(&s.effect)) {
        let _ = writeln!(out, "{l}");
    }
    let v = &s.view;
    for o in &v.operators {
        let t = scope_table("figure", o, s.step);
        let _ = writeln!(out, "\n{}\n{t}", operator_title(&s.figures, &o.id));
    }
    if !v.unchanged_operators.is_empty() {
        let _ = writeln!(out, "\n{}", unchanged_line(&v.unchanged_operators, s.step));
    }
    for c in &v.countries {
        let t = scope_table("national figure", c, s.step);
        let _ = writeln!(out, "\nCountry {}\n{t}", safe(&c.id));
    }
    let (lines, d) = findings_lines(plan, s);
    let _ = writeln!(out, "\nFindings: {}", lines.join("\n"));
    for k in &d.resolved {
        let _ = writeln!(out, "  resolved: {}", finding_line(k));
    }
    for k in &d.added {
        let _ = writeln!(out, "  new:      {}", finding_line(k));
    }
}

fn md_table(out: &mut String, header: &[String], rows: impl Iterator<Item = Vec<String>>) {
    md_header(out, &header.iter().map(String::as_str).collect::<Vec<_>>());
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| md(c)).collect();
        md_row(out, &cells);
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
    let _ = writeln!(
        out,
        "\nFindings: {} in the baseline, {} after the last step.\n",
        findings_counts(&plan.baseline),
        findings_counts(plan.last())
    );
    let _ = writeln!(out, "## Baseline\n");
    for o in &plan.baseline_rows {
        let _ = writeln!(out, "### {}\n", md(&operator_title(&plan.baseline, &o.id)));
        let rows = o
            .rows
            .iter()
            .map(|r| vec![r.label.clone(), value(&r.baseline)]);
        md_table(
            &mut out,
            &["figure".to_owned(), "baseline".to_owned()],
            rows,
        );
    }
    if !plan.baseline.findings.by_rule.is_empty() {
        let rows = plan.baseline.findings.by_rule.iter().map(|r| {
            vec![
                r.rule.clone(),
                severity(r.severity).to_owned(),
                r.count.to_string(),
            ]
        });
        let _ = writeln!(out, "### Findings\n");
        let header = ["rule", "severity", "count"].map(str::to_owned);
        md_table(&mut out, &header, rows);
    }
    for s in &plan.steps {
        step_markdown(&mut out, plan, s);
    }
    let (deny_head, deny, worse_head, worse) = summary_lines(plan);
    let _ = writeln!(out, "## Summary\n\n{}.\n", md(&deny_head));
    for l in &deny {
        let _ = writeln!(out, "- {}", md(l));
    }
    if !deny.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", md(&worse_head));
    for l in &worse {
        let _ = writeln!(out, "- {}", md(l));
    }
    if !worse.is_empty() {
        out.push('\n');
    }
    out
}

/// One step's section of the Markdown plan: what it did, every changed figure, findings.
fn step_markdown(out: &mut String, plan: &Plan, s: &StepReport) {
    let _ = writeln!(
        out,
        "## Step {}: `{}`\n\n{}\n",
        s.step,
        s.kind,
        md(&s.description)
    );
    if let Some(l) = own_summary(s) {
        let _ = writeln!(out, "{}\n", md(l));
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
    let v = &s.view;
    for o in &v.operators {
        let _ = writeln!(out, "\n### {}\n", md(&operator_title(&s.figures, &o.id)));
        let rows = o.rows.iter().map(|r| {
            let mut c = step_cells(r, s.step);
            c[0] = c[0].trim().to_owned();
            c
        });
        md_table(out, &step_header("figure", s.step), rows);
    }
    if !v.unchanged_operators.is_empty() {
        let _ = writeln!(
            out,
            "{}.\n",
            md(&unchanged_line(&v.unchanged_operators, s.step))
        );
    }
    for c in &v.countries {
        let _ = writeln!(out, "### Country {}\n", md(&c.id));
        let rows = c.rows.iter().map(|r| step_cells(r, s.step));
        md_table(out, &step_header("national figure", s.step), rows);
    }
    let (lines, d) = findings_lines(plan, s);
    let mut text = format!(
        "{} in the baseline, {} after this step (change {:+})",
        findings_counts(&plan.baseline),
        findings_counts(&s.figures),
        s.delta.findings.total
    );
    if s.step > 1 {
        let _ = write!(text, "; {}", lines[1]);
    }
    let _ = writeln!(out, "### Findings\n\n{text}.\n");
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
