//! `diff --format markdown`: what changed between two inventories, as a document to hand on.

use std::fmt::Write as _;

use super::diff_text::{SIDE_COLUMNS, change, side_cells, value};
use super::fmt::{md, md_join, severity_md};
use super::markdown::{header, row};
use super::model::{DiffReport, FindingEntry, IdChanges, Summary};

/// Renders a diff as Markdown: the two sides, what was added or removed, the findings new,
/// resolved and kept, then every changed figure per operator and country.
pub fn diff_markdown(r: &DiffReport) -> String {
    let mut out = String::new();
    let s = &r.summary;
    let f = &r.doc.findings;
    let _ = writeln!(out, "# 5G supply-chain dependency: what changed\n");
    header(&mut out, &SIDE_COLUMNS);
    side(&mut out, "before", &s.before, r.doc.before.operators.len());
    side(&mut out, "after", &s.after, r.doc.after.operators.len());
    let _ = writeln!(
        out,
        "\nFindings: {} new ({} deny), {} resolved ({} deny), {} kept. {}\n",
        f.new.len(),
        s.new_deny,
        f.resolved.len(),
        s.resolved_deny,
        f.kept.len(),
        if r.regressed() {
            "**Regression: the after side has deny findings the before side did not.**"
        } else {
            "No new deny finding."
        }
    );
    let _ = writeln!(out, "## Added and removed\n");
    ids(&mut out, "Added", &r.doc.added);
    ids(&mut out, "Removed", &r.doc.removed);
    let _ = writeln!(out, "## Findings\n");
    findings(&mut out, "New", &f.new);
    findings(&mut out, "Resolved", &f.resolved);
    findings(&mut out, "Kept", &f.kept);
    let _ = writeln!(
        out,
        "## Changed figures\n\n{} figure(s) in {} operator(s) and countries. A figure absent or \
         undefined on one side shows `-`, and so does its change.\n",
        r.doc.changes.len(),
        s.scopes.len()
    );
    for scope in &s.scopes {
        let _ = writeln!(
            out,
            "### {} {}{}\n",
            scope.scope.title(),
            md(&scope.id),
            scope.presence.note()
        );
        header(&mut out, &["figure", "before", "after", "change"]);
        for c in &r.doc.changes[scope.first..scope.first + scope.changes] {
            row(
                &mut out,
                &[
                    md(&c.figure),
                    value(c.unit, c.before),
                    value(c.unit, c.after),
                    change(c),
                ],
            );
        }
        let _ = writeln!(out);
    }
    out
}

fn side(out: &mut String, name: &str, s: &Summary, operators: usize) {
    row(out, &side_cells(name, s, operators));
}

fn ids(out: &mut String, what: &str, ids: &IdChanges) {
    for (kind, list) in ids.kinds() {
        if list.is_empty() {
            let _ = writeln!(out, "- {what} {kind}: none");
        } else {
            let _ = writeln!(
                out,
                "- {what} {kind} ({}): {}",
                list.len(),
                md_join(list, ", ")
            );
        }
    }
    let _ = writeln!(out);
}

fn findings(out: &mut String, title: &str, list: &[FindingEntry]) {
    let _ = writeln!(out, "### {title} ({})\n", list.len());
    if list.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    header(out, &["severity", "rule", "measure", "subject", "evidence"]);
    for f in list {
        row(
            out,
            &[
                severity_md(f.severity).to_owned(),
                f.rule.clone(),
                f.measure.clone(),
                md_join(&f.subject(), " / "),
                md(&f.evidence.text),
            ],
        );
    }
    let _ = writeln!(out);
}
