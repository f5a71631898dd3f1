//! The rankings of the terminal report: operators worst first, suppliers by national
//! outage and by the operators they hold above the share limit (read from the model's
//! `rankings`, in its order).

use std::fmt::Write as _;

use super::fmt::{esc, opt_pct, pct};
use super::model::ScanReport;
use super::table::new_table;

/// How many operators and suppliers each ranking shows (`--format markdown` or `json` has
/// them all).
const TOP: usize = 10;

/// Writes the three rankings, each as a table of its first [`TOP`] entries.
pub(super) fn rankings_table(out: &mut String, r: &ScanReport) {
    let rk = &r.doc.rankings;
    if rk.operators.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n== Operators, worst first (deny findings, then high-risk exposure of key assets, then worst single-supplier outage)"
    );
    let mut t = new_table(&[
        "#",
        "operator",
        "country",
        "deny",
        "warn",
        "key assets exposed",
        "worst supplier outage",
    ]);
    for (i, o) in rk.operators.iter().take(TOP).enumerate() {
        t.add_row(vec![
            (i + 1).to_string(),
            esc(&o.operator).into_owned(),
            esc(&o.country).into_owned(),
            o.deny.to_string(),
            o.warn.to_string(),
            opt_pct(o.exposure),
            o.worst_single.as_ref().map_or_else(
                || "-".to_owned(),
                |w| format!("{} {}", esc(&w.supplier), pct(w.outage)),
            ),
        ]);
    }
    let _ = writeln!(out, "{t}");
    more(out, rk.operators.len(), "operator(s)");
    if !rk.suppliers_by_outage.is_empty() {
        let _ = writeln!(
            out,
            "\n== Suppliers by national outage (largest country first)"
        );
        let mut t = new_table(&["#", "supplier", "largest national outage", "all operators"]);
        for (i, s) in rk.suppliers_by_outage.iter().take(TOP).enumerate() {
            t.add_row(vec![
                (i + 1).to_string(),
                esc(&s.supplier).into_owned(),
                s.national_outage.as_ref().map_or_else(
                    || "-".to_owned(),
                    |n| format!("{} {}", pct(n.outage), esc(&n.country)),
                ),
                opt_pct(s.outage_all),
            ]);
        }
        let _ = writeln!(out, "{t}");
        more(out, rk.suppliers_by_outage.len(), "supplier(s)");
    }
    if rk.suppliers_by_share.is_empty() {
        let _ = writeln!(
            out,
            "\nNo supplier is above the supplier-share limit in any operator."
        );
        return;
    }
    let _ = writeln!(
        out,
        "\n== Suppliers by operators in which they hold a domain above the supplier-share limit"
    );
    let mut t = new_table(&["#", "supplier", "operators above the limit"]);
    for (i, s) in rk.suppliers_by_share.iter().take(TOP).enumerate() {
        t.add_row(vec![
            (i + 1).to_string(),
            esc(&s.supplier).into_owned(),
            s.operators_above_share_limit.to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}");
    more(out, rk.suppliers_by_share.len(), "supplier(s)");
}

fn more(out: &mut String, len: usize, what: &str) {
    if len > TOP {
        let _ = writeln!(
            out,
            "  ... and {} more {what} (--format markdown or json lists them all)",
            len - TOP
        );
    }
}
