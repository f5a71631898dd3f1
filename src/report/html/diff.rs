//! `diff --format html`: what changed between two inventories, as one self-contained
//! document in the style of the scan report (the same style sheet, builder and escaping).
//!
//! A first page with the two sides (counts, date, policy, the inputs with their SHA-256), the
//! headline changes (deny findings new and resolved, the figures that moved most), then
//! what was added or removed, the findings new, resolved and kept, and one table per
//! country and operator with each changed figure before, after and its change. It reads the
//! diff model only.

use crate::report::diff_text::{SIDE_COLUMNS, change, side_cells, value};
use crate::report::fmt::severity;
use crate::report::model::{Change, ChangeScope, DiffReport, FindingEntry, IdChanges, Unit};

use super::build::Html;
use super::cover::{finding_line, input_list};

/// How many findings of each kind the first page lists.
const HEADLINE_FINDINGS: usize = 10;
/// How many moved figures the first page lists.
const HEADLINE_MOVES: usize = 12;
/// Ids of one kind listed before the rest are folded away.
const IDS_SHOWN: usize = 40;

/// What the diff report adds to the scan report's style sheet.
const DIFF_STYLE: &str = include_str!("diff.css");

/// Renders a diff as one HTML document.
pub fn diff_html(r: &DiffReport) -> String {
    let mut h = Html::default();
    super::head(
        &mut h,
        "5G supply-chain dependency: what changed",
        DIFF_STYLE,
    );
    cover(&mut h, r);
    h.fixed("<nav class=\"toc\"><h2>Contents</h2><ol><li><a href=\"#added\">Added and removed</a></li><li><a href=\"#findings\">Findings</a></li><li><a href=\"#figures\">Changed figures</a></li>");
    h.fixed("<li><a href=\"#reading\">How to read the figures</a></li></ol></nav>");
    added_removed(&mut h, r);
    findings(&mut h, r);
    figures(&mut h, r);
    warnings(&mut h, r);
    h.fixed(READING);
    h.fixed("</main></body></html>\n");
    h.finish()
}

/// The first page: the two sides, the verdict, the headline changes, the inputs.
fn cover(h: &mut Html, r: &DiffReport) {
    let s = &r.summary;
    let f = &r.doc.findings;
    h.open("section", &[("class", "cover")]);
    h.el("h1", &[], "5G supply-chain dependency: what changed");
    h.open("dl", &[("class", "facts")]);
    h.el("dt", &[], "Date");
    h.el("dd", &[], s.after.date.as_deref().unwrap_or("not given"));
    h.el("dt", &[], "Policy");
    h.el(
        "dd",
        &[],
        s.after
            .policy
            .as_deref()
            .unwrap_or("the default policy (EU 5G Toolbox), on both sides"),
    );
    h.close("dl");
    sides(h, r);
    if r.regressed() {
        h.el(
            "p",
            &[("class", "banner regressed")],
            &format!(
                "Regression: the after side has {} deny finding(s) the before side did not.",
                s.new_deny
            ),
        );
    } else {
        h.el(
            "p",
            &[("class", "banner ok")],
            "No new deny finding: the after side did not regress.",
        );
    }
    let cards: [(usize, &str, &str); 6] = [
        (
            s.new_deny,
            "new deny findings",
            if s.new_deny > 0 { "card deny" } else { "card" },
        ),
        (s.resolved_deny, "resolved deny findings", "card"),
        (f.new.len(), "new findings", "card"),
        (f.resolved.len(), "resolved findings", "card"),
        (f.kept.len(), "findings kept", "card"),
        (r.doc.changes.len(), "figures changed", "card"),
    ];
    h.open("div", &[("class", "cards")]);
    for (big, small, class) in cards {
        h.open("div", &[("class", class)]);
        h.el("div", &[("class", "big")], &big.to_string());
        h.el("div", &[("class", "small")], small);
        h.close("div");
    }
    h.close("div");
    headline_findings(h, "New findings", &f.new, "#findings-new");
    headline_findings(h, "Resolved findings", &f.resolved, "#findings-resolved");
    moved_most(h, r);
    h.el("h2", &[], "Inputs");
    h.open("div", &[("class", "two-sides")]);
    for (side, inputs) in [("Before", &s.before.inputs), ("After", &s.after.inputs)] {
        h.open("div", &[]);
        h.el("h3", &[], side);
        input_list(h, inputs);
        h.close("div");
    }
    h.close("div");
    h.close("section");
}

/// The two sides, one row each.
fn sides(h: &mut Html, r: &DiffReport) {
    let rows = [
        side_cells("before", &r.summary.before, r.doc.before.operators.len()),
        side_cells("after", &r.summary.after, r.doc.after.operators.len()),
    ];
    h.table("figures sides", &SIDE_COLUMNS, &rows);
}

/// The first findings of a list (deny first, as the report orders them) on the first page.
fn headline_findings(h: &mut Html, title: &str, list: &[FindingEntry], all: &str) {
    h.el("h2", &[], &format!("{title} ({})", list.len()));
    if list.is_empty() {
        h.el("p", &[], "None.");
        return;
    }
    h.open("ol", &[("class", "serious")]);
    for f in list.iter().take(HEADLINE_FINDINGS) {
        h.open("li", &[]);
        finding_line(h, f);
        h.close("li");
    }
    h.close("ol");
    if list.len() > HEADLINE_FINDINGS {
        h.open("p", &[("class", "note")]);
        h.text(&format!("{} more: ", list.len() - HEADLINE_FINDINGS));
        h.el("a", &[("href", all)], "the whole list");
        h.text(".");
        h.close("p");
    }
}

/// The shares, outages and indices that moved most, in percentage points (largest first,
/// then in the report's order); figures defined on one side only are left to the tables.
fn moved_most(h: &mut Html, r: &DiffReport) {
    let mut moved: Vec<(&Change, f64)> = r
        .doc
        .changes
        .iter()
        .filter(|c| c.unit == Unit::Fraction)
        .filter_map(|c| c.change.map(|x| (c, x)))
        .collect();
    moved.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    h.el("h2", &[], "The figures that moved most");
    if moved.is_empty() {
        h.el("p", &[], "No share, outage or index changed on both sides.");
        return;
    }
    h.el(
        "p",
        &[("class", "note")],
        "Shares, outages and indices defined on both sides, by the size of their change in percentage points.",
    );
    let rows: Vec<Vec<String>> = moved
        .iter()
        .take(HEADLINE_MOVES)
        .map(|(c, _)| {
            let mut row = vec![format!("{} {}", scope_word(c.scope), c.id)];
            row.extend(cells(c));
            row
        })
        .collect();
    change_table(h, &["where", "figure", "before", "after", "change"], &rows);
}

/// A table whose last three columns are numbers.
fn change_table(h: &mut Html, head: &[&str], rows: &[Vec<String>]) {
    h.open("table", &[("class", "figures changes")]);
    h.open("thead", &[]);
    let head: Vec<String> = head.iter().map(|x| (*x).to_owned()).collect();
    h.row("th", &head);
    h.close("thead");
    h.open("tbody", &[]);
    for row in rows {
        h.open("tr", &[]);
        let numbers = row.len().saturating_sub(3);
        for (i, cell) in row.iter().enumerate() {
            if i < numbers {
                h.el("td", &[], cell);
            } else {
                h.el("td", &[("class", "num")], cell);
            }
        }
        h.close("tr");
    }
    h.close("tbody");
    h.close("table");
}

/// A change's figure, before, after and change, as the other diff formats write them.
fn cells(c: &Change) -> Vec<String> {
    vec![
        c.figure.clone(),
        value(c.unit, c.before),
        value(c.unit, c.after),
        change(c),
    ]
}

fn scope_word(scope: ChangeScope) -> &'static str {
    match scope {
        ChangeScope::Country => "country",
        ChangeScope::Operator => "operator",
    }
}

/// Operators, suppliers and assets present on one side only.
fn added_removed(h: &mut Html, r: &DiffReport) {
    h.open("section", &[("id", "added")]);
    h.el("h2", &[], "Added and removed");
    ids(h, "Added", &r.doc.added);
    ids(h, "Removed", &r.doc.removed);
    h.close("section");
}

fn ids(h: &mut Html, what: &str, ids: &IdChanges) {
    h.el("h3", &[], what);
    h.open("ul", &[("class", "ids")]);
    for (kind, list) in ids.kinds() {
        h.open("li", &[]);
        h.el("b", &[], &format!("{kind} ({})", list.len()));
        if list.is_empty() {
            h.text(": none");
        } else if list.len() <= IDS_SHOWN {
            h.text(&format!(": {}", list.join(", ")));
        } else {
            h.text(&format!(": {}", list[..IDS_SHOWN].join(", ")));
            h.open("details", &[]);
            h.el(
                "summary",
                &[],
                &format!("and {} more", list.len() - IDS_SHOWN),
            );
            h.text(&list[IDS_SHOWN..].join(", "));
            h.close("details");
        }
        h.close("li");
    }
    h.close("ul");
}

/// The findings new, resolved (both in full) and kept (folded: usually the longest list).
fn findings(h: &mut Html, r: &DiffReport) {
    let f = &r.doc.findings;
    h.open("section", &[("id", "findings")]);
    h.el("h2", &[], "Findings");
    h.el(
        "p",
        &[("class", "note")],
        "Matched by rule and subject (operator, country, domain, supplier, asset): new on the after side only, resolved on the before side only (as it was), kept on both (as it is after).",
    );
    h.open("div", &[("id", "findings-new")]);
    h.el("h3", &[], &format!("New ({})", f.new.len()));
    finding_table(h, &f.new);
    h.close("div");
    h.open("div", &[("id", "findings-resolved")]);
    h.el("h3", &[], &format!("Resolved ({})", f.resolved.len()));
    finding_table(h, &f.resolved);
    h.close("div");
    h.el("h3", &[], &format!("Kept ({})", f.kept.len()));
    if f.kept.is_empty() {
        h.el("p", &[], "None.");
    } else {
        h.open("details", &[]);
        h.el(
            "summary",
            &[],
            &format!("Show the {} findings on both sides", f.kept.len()),
        );
        finding_table(h, &f.kept);
        h.close("details");
    }
    h.close("section");
}

fn finding_table(h: &mut Html, list: &[FindingEntry]) {
    if list.is_empty() {
        h.el("p", &[], "None.");
        return;
    }
    h.open("table", &[("class", "figures findings")]);
    h.fixed("<thead><tr><th>severity</th><th>rule</th><th>measure</th><th>subject</th><th>evidence</th></tr></thead><tbody>");
    for f in list {
        h.open("tr", &[]);
        h.open("td", &[]);
        h.el(
            "span",
            &[("class", severity(f.severity))],
            severity(f.severity),
        );
        h.close("td");
        h.open("td", &[]);
        h.el("code", &[], &f.rule);
        h.close("td");
        h.el("td", &[], &f.measure);
        h.el("td", &[], &f.subject().join(" / "));
        h.el("td", &[], &f.evidence.text);
        h.close("tr");
    }
    h.fixed("</tbody>");
    h.close("table");
}

/// Every changed figure: one table per country (then `all`), then per operator.
fn figures(h: &mut Html, r: &DiffReport) {
    let s = &r.summary;
    h.open("section", &[("id", "figures")]);
    h.el("h2", &[], "Changed figures");
    h.el(
        "p",
        &[("class", "note")],
        &format!(
            "{} figure(s) in {} operator(s) and countries. A figure absent or undefined on one side shows -, and so does its change; shares, outages and indices are percentages, their changes percentage points.",
            r.doc.changes.len(),
            s.scopes.len()
        ),
    );
    if s.scopes.is_empty() {
        h.el("p", &[], "No figure changed.");
    }
    if !s.scopes.is_empty() {
        h.open("p", &[("class", "scopes")]);
        for (k, scope) in s.scopes.iter().enumerate() {
            if k > 0 {
                h.text(" · ");
            }
            h.el(
                "a",
                &[("href", &format!("#scope-{}", k + 1))],
                &format!(
                    "{} {}{}",
                    scope_word(scope.scope),
                    scope.id,
                    scope.presence.note()
                ),
            );
        }
        h.close("p");
    }
    for (k, scope) in s.scopes.iter().enumerate() {
        let class = match scope.scope {
            ChangeScope::Country => "country",
            ChangeScope::Operator => "operator",
        };
        h.open(
            "article",
            &[("class", class), ("id", &format!("scope-{}", k + 1))],
        );
        let title = if scope.scope == ChangeScope::Country && scope.id == "all" {
            "All operators together".to_owned()
        } else {
            format!("{} {}", scope.scope.title(), scope.id)
        };
        h.el(
            "h3",
            &[],
            &format!(
                "{title}{}: {} change(s)",
                scope.presence.note(),
                scope.changes
            ),
        );
        let rows: Vec<Vec<String>> = r.doc.changes[scope.first..scope.first + scope.changes]
            .iter()
            .map(cells)
            .collect();
        change_table(h, &["figure", "before", "after", "change"], &rows);
        h.close("article");
    }
    h.close("section");
}

/// The warnings of each side (loading, analyses, policy), folded when long.
fn warnings(h: &mut Html, r: &DiffReport) {
    let sides = [
        ("Before", &r.doc.before.warnings),
        ("After", &r.doc.after.warnings),
    ];
    if sides.iter().all(|(_, w)| w.is_empty()) {
        return;
    }
    h.open("section", &[("id", "warnings")]);
    h.el("h2", &[], "Warnings");
    for (side, list) in sides {
        h.el("h3", &[], &format!("{side} ({})", list.len()));
        let folded = list.len() > IDS_SHOWN;
        if folded {
            h.open("details", &[]);
            h.el("summary", &[], &format!("Show the {} warnings", list.len()));
        }
        h.open("ul", &[]);
        for w in list.iter() {
            h.el("li", &[], w);
        }
        h.close("ul");
        if folded {
            h.close("details");
        }
    }
    h.close("section");
}

/// How to read the figures (fixed text).
const READING: &str = "<section id=\"reading\"><h2>How to read the figures</h2><ul>\
<li><b>Places</b>: a figure is named by its place in the operator's or country's entry of the scan report: <code>domains[ran].hhi</code> is the HHI of the RAN domain, <code>outage.suppliers[huawei].outage</code> the share of service units that go down when that supplier fails, <code>exposure.index</code> the high-risk exposure of key assets.</li>\
<li><b>Change</b>: after minus before; percentage points (pp) for shares, outages and indices. A supplier that holds no share on one side, or an operator present on one side only, has no value there.</li>\
<li><b>HHI</b>: sum of squared percentage shares of a domain's weight (0 to 10000); below 1000 low, 1000 to 2000 moderate, above 2000 high concentration.</li>\
<li><b>Regression</b>: a deny finding on the after side that the before side did not have; <code>vendorgraph diff</code> then exits with status 1.</li>\
</ul></section>";
