//! The critical assets (analyses.md section 8) as people read them: the `--format table`
//! section (each operator's largest few) and the `--format markdown` section (every one,
//! then each country's national list).

use std::fmt::Write as _;

use super::fmt::{esc, md, opt_pct, pct};
use super::markdown::{header, row};
use super::model::{CountryEntry, OperatorEntry, ScanReport};
use super::table::new_table;

/// How many critical assets of an operator the table lists before counting the rest.
const TOP: usize = 5;

/// The threshold every operator shares, if they share one (the policy sets one).
fn common_threshold(ops: &[OperatorEntry]) -> Option<f64> {
    let first = ops.first()?.critical.threshold;
    ops.iter()
        .all(|o| o.critical.threshold.to_bits() == first.to_bits())
        .then_some(first)
}

fn threshold_note(ops: &[OperatorEntry]) -> String {
    common_threshold(ops).map_or_else(String::new, |t| format!(", impact >= {}", pct(t)))
}

/// `--format table`: one table, each operator's `TOP` largest critical assets, then how
/// many more each has.
pub(super) fn critical_table(out: &mut String, r: &ScanReport) {
    let ops = &r.doc.operators;
    if ops.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n== Critical assets (single points of failure{})",
        threshold_note(ops)
    );
    if ops.iter().all(|o| o.critical.assets.is_empty()) {
        let _ = writeln!(out, "  none");
        return;
    }
    let mut t = new_table(&["operator", "asset", "supplier", "domain", "impact", "units"]);
    let mut notes = Vec::new();
    for op in ops {
        let assets = &op.critical.assets;
        for a in assets.iter().take(TOP) {
            let owner = if a.operator == op.id {
                String::new()
            } else {
                format!(" (of {})", esc(&a.operator))
            };
            t.add_row(vec![
                esc(&op.id).into_owned(),
                format!("{}{owner}", esc(&a.asset)),
                esc(&a.supplier).into_owned(),
                esc(&a.domain).into_owned(),
                pct(a.impact),
                a.units.to_string(),
            ]);
        }
        if assets.len() > TOP {
            notes.push(format!(
                "  {}: {} more critical asset(s)",
                esc(&op.id),
                assets.len() - TOP
            ));
        }
    }
    let _ = writeln!(out, "{t}");
    for n in &notes {
        let _ = writeln!(out, "{n}");
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "  (every one in --format markdown, json or csv)");
    }
}

/// `--format markdown`: every critical asset of each operator, then each country's national
/// list with the operators each asset reaches.
pub(super) fn critical_markdown(out: &mut String, r: &ScanReport) {
    let ops = &r.doc.operators;
    if ops.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Critical assets\n");
    let _ = writeln!(
        out,
        "Single points of failure: assets whose failure alone takes down a share of an \
         operator's service units of at least the policy's threshold{}.\n",
        common_threshold(ops).map_or_else(String::new, |t| format!(" ({})", pct(t)))
    );
    for op in ops {
        operator_md(out, op);
    }
    for c in &r.doc.countries {
        national_md(out, c);
    }
}

fn operator_md(out: &mut String, op: &OperatorEntry) {
    let _ = writeln!(
        out,
        "### Critical assets of {} ({})\n",
        md(&op.id),
        md(&op.country)
    );
    if op.critical.assets.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    header(
        out,
        &[
            "asset", "supplier", "domain", "operator", "impact", "4G", "5G", "units",
        ],
    );
    for a in &op.critical.assets {
        row(
            out,
            &[
                md(&a.asset),
                md(&a.supplier),
                md(&a.domain),
                md(&a.operator),
                pct(a.impact),
                opt_pct(a.impact_4g),
                opt_pct(a.impact_5g),
                a.units.to_string(),
            ],
        );
    }
    let _ = writeln!(out);
}

fn national_md(out: &mut String, c: &CountryEntry) {
    let title = if c.is_all() {
        "All operators together".to_owned()
    } else {
        md(&c.country)
    };
    let _ = writeln!(out, "### National critical assets: {title}\n");
    if c.critical.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    header(
        out,
        &[
            "asset",
            "supplier",
            "operator",
            "national impact",
            "operators reached",
        ],
    );
    for n in &c.critical {
        let shared = if n.operators >= 2 { " (shared)" } else { "" };
        row(
            out,
            &[
                md(&n.asset),
                md(&n.supplier),
                md(&n.operator),
                pct(n.impact),
                format!("{}{shared}", n.operators),
            ],
        );
    }
    let _ = writeln!(out);
}
