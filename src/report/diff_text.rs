//! `diff --format table`: what changed between two inventories, for a terminal.

use std::fmt::Write as _;

use super::fmt::{esc, esc_join, hhi, num, pct, signed_num, signed_pp};
use super::model::{Change, DiffReport, FindingEntry, IdChanges, Summary, Unit};
use super::table::new_table;
use super::text::finding_line;

/// How many ids of one kind, and findings of one list, the table shows before counting the
/// rest (`--format json` or `markdown` has them all).
const LIST_LIMIT: usize = 20;

/// Renders a diff as terminal tables: the two sides, what was added or removed, the
/// findings new and resolved, then every changed figure, one table per operator or country.
pub fn diff_table(r: &DiffReport) -> String {
    let mut out = String::new();
    let s = &r.summary;
    let _ = writeln!(out, "vendorgraph diff");
    side(&mut out, "before", &s.before, r.doc.before.operators.len());
    side(&mut out, "after ", &s.after, r.doc.after.operators.len());
    let f = &r.doc.findings;
    let _ = writeln!(
        out,
        "findings: {} new ({} deny), {} resolved ({} deny), {} kept",
        f.new.len(),
        s.new_deny,
        f.resolved.len(),
        s.resolved_deny,
        f.kept.len()
    );
    let _ = writeln!(
        out,
        "{}",
        if r.regressed() {
            "REGRESSION: the after side has deny findings the before side did not"
        } else {
            "no new deny finding"
        }
    );
    ids(&mut out, "Added", &r.doc.added);
    ids(&mut out, "Removed", &r.doc.removed);
    finding_list(&mut out, "New findings", &f.new);
    finding_list(&mut out, "Resolved findings", &f.resolved);
    let _ = writeln!(
        out,
        "\n== Changed figures: {} in {} operator(s) and countries",
        r.doc.changes.len(),
        s.scopes.len()
    );
    if s.scopes.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for scope in &s.scopes {
        let _ = writeln!(
            out,
            "\n== {} {}{}: {} change(s)",
            scope.scope.title(),
            esc(&scope.id),
            scope.presence.note(),
            scope.changes
        );
        let mut t = new_table(&["figure", "before", "after", "change"]);
        for c in &r.doc.changes[scope.first..scope.first + scope.changes] {
            t.add_row(vec![
                esc(&c.figure).into_owned(),
                value(c.unit, c.before),
                value(c.unit, c.after),
                change(c),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    out
}

/// A figure for people: a fraction as a percentage, an HHI in whole points (as the scan
/// report shows it), `-` when undefined or absent.
pub(super) fn value(unit: Unit, x: Option<f64>) -> String {
    match (unit, x) {
        (_, None) => "-".to_owned(),
        (Unit::Fraction, Some(x)) => pct(x),
        (Unit::Hhi, Some(x)) => hhi(x),
        (Unit::Number, Some(x)) => num(x),
    }
}

/// A change for people: percentage points for a fraction, whole points for an HHI (a
/// change of less than half a point as it is), `-` when undefined.
pub(super) fn change(c: &Change) -> String {
    match (c.unit, c.change) {
        (_, None) => "-".to_owned(),
        (Unit::Fraction, Some(x)) => signed_pp(x),
        (Unit::Hhi, Some(x)) if x.abs() >= 0.5 => format!("{x:+.0}"),
        (Unit::Hhi | Unit::Number, Some(x)) => signed_num(x),
    }
}

/// The columns of a side's row in the Markdown and HTML diffs.
pub(super) const SIDE_COLUMNS: [&str; 7] = [
    "",
    "operators",
    "countries",
    "assets",
    "suppliers",
    "findings",
    "deny",
];

/// A side's row in the Markdown and HTML diffs, under [`SIDE_COLUMNS`].
pub(super) fn side_cells(name: &str, s: &Summary, operators: usize) -> Vec<String> {
    vec![
        name.to_owned(),
        operators.to_string(),
        s.countries.len().to_string(),
        s.assets.to_string(),
        s.suppliers.to_string(),
        (s.findings.deny + s.findings.warn).to_string(),
        s.findings.deny.to_string(),
    ]
}

fn side(out: &mut String, name: &str, s: &Summary, operators: usize) {
    let _ = writeln!(
        out,
        "{name}: {operators} operator(s) in {} country(ies), {} assets, {} suppliers; {} finding(s), {} deny",
        s.countries.len(),
        s.assets,
        s.suppliers,
        s.findings.deny + s.findings.warn,
        s.findings.deny
    );
}

fn ids(out: &mut String, what: &str, ids: &IdChanges) {
    for (kind, list) in ids.kinds() {
        if list.is_empty() {
            continue;
        }
        let shown = &list[..list.len().min(LIST_LIMIT)];
        let more = if list.len() > shown.len() {
            format!(", and {} more", list.len() - shown.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{what} {kind} ({}): {}{more}",
            list.len(),
            esc_join(shown, ", ")
        );
    }
}

fn finding_list(out: &mut String, title: &str, list: &[FindingEntry]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n== {title} ({})", list.len());
    for f in list.iter().take(LIST_LIMIT) {
        finding_line(out, f);
    }
    if list.len() > LIST_LIMIT {
        let _ = writeln!(
            out,
            "  ... and {} more (--format json or markdown lists them all)",
            list.len() - LIST_LIMIT
        );
    }
}
