//! What `validate` prints: counts of what was loaded, and the diagnostics.

use std::fmt::Write as _;

use crate::diagnostics::Diagnostic;

use super::fmt::{esc, num};
use super::model::ValidateReport;
use super::table::new_table;

/// Renders the report of `validate` as JSON (keys sorted, as the format has always had
/// them), ending with a newline.
///
/// # Errors
/// Never in practice: every count is a number.
pub fn validate_json(report: &ValidateReport<'_>) -> serde_json::Result<String> {
    let value = serde_json::to_value(report)?;
    let mut s = serde_json::to_string_pretty(&value)?;
    s.push('\n');
    Ok(s)
}

/// Renders the counts of a valid inventory as aligned text; empty when it is invalid.
pub fn validate_text(report: &ValidateReport<'_>) -> String {
    let Some(s) = &report.summary else {
        return String::new();
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "loaded {}, {}, {}, {}",
        plural(s.suppliers, "supplier") + &format!(" ({} high-risk)", s.high_risk_suppliers),
        plural(s.operators, "operator"),
        plural(s.assets, "asset"),
        plural(s.links, "link")
    );
    let mut t = new_table(&["country", "operators", "assets", "links"]);
    for c in &s.countries {
        t.add_row(vec![
            esc(&c.country).into_owned(),
            c.operators.to_string(),
            c.assets.to_string(),
            c.links.to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let mut t = new_table(&["domain", "assets", "weight", "suppliers"]);
    for d in &s.domains {
        t.add_row(vec![
            esc(&d.domain).into_owned(),
            d.assets.to_string(),
            num(d.weight),
            d.suppliers.to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}");
    out
}

/// Renders diagnostics one after another, with a closing count.
pub fn render_diagnostics(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(out, "{d}");
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        let _ = writeln!(
            out,
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
    out
}

/// "1 operator", "2 operators".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
