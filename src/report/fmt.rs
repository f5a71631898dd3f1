//! How figures and data text look in the human formats: one definition of each.
//!
//! Every human renderer (tables, Markdown, CSV) formats numbers, shares and severities here
//! and passes data text (names, ids, reasons, evidence) through [`esc`] or [`md`], so that no
//! control character from the data reaches a terminal or a document.

use std::borrow::Cow;

use crate::policy::Severity;
use crate::sanitize::escape_controls;

use super::model::{CountryDomain, DomainEntry};

/// Data text for a terminal or a CSV cell: control characters shown escaped.
pub fn esc(s: &str) -> Cow<'_, str> {
    escape_controls(s)
}

/// Data texts joined by `sep`, each escaped.
pub fn esc_join<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let parts: Vec<Cow<'_, str>> = items.iter().map(|s| esc(s.as_ref())).collect();
    parts.join(sep)
}

/// A path of data ids joined by `sep`, each escaped by `each`; when `cut`, the last id
/// follows an ellipsis (the path was bounded and its middle left out).
pub fn path_text<F: Fn(&str) -> String>(path: &[String], sep: &str, cut: bool, each: F) -> String {
    let mut parts: Vec<String> = path.iter().map(|s| each(s)).collect();
    if cut && parts.len() > 1 {
        let last = parts.len() - 1;
        parts.insert(last, "...".to_owned());
    }
    parts.join(sep)
}

/// A number for people: integers without decimals, others with up to 3.
pub fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// An HHI for people: no decimals.
pub fn hhi(x: f64) -> String {
    format!("{x:.0}")
}

/// Equivalent suppliers for people: two decimals.
pub fn equiv(x: f64) -> String {
    format!("{x:.2}")
}

/// A share as a percentage with one decimal ("50.0%").
pub fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A change of a share in percentage points, signed ("+12.5 pp", "-3.0 pp").
pub fn signed_pp(x: f64) -> String {
    format!("{:+.2} pp", x * 100.0)
}

/// A change of a number, signed ("+300", "-0.25").
pub fn signed_num(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

/// A change of a share in percentage points with one decimal, `0` when there is none
/// ("+12.5 pp"; the plan's tables).
pub fn pp_change(x: f64) -> String {
    if x.abs() < super::model::SAME {
        "0".to_owned()
    } else {
        format!("{:+.1} pp", x * 100.0)
    }
}

/// A change of an HHI or a count, signed and whole, `0` below a half ("+300"; the plan's
/// tables).
pub fn whole_change(x: f64) -> String {
    if x.abs() < 0.5 {
        "0".to_owned()
    } else {
        format!("{x:+.0}")
    }
}

/// An optional share as a percentage, `-` when undefined.
pub fn opt_pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), pct)
}

/// A severity as a word: `deny` or `warn` (CSV, JSON-like places).
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Deny => "deny",
        Severity::Warn => "warn",
    }
}

/// A severity that stands out in a terminal line: `DENY` or `warn`.
pub fn severity_loud(s: Severity) -> &'static str {
    match s {
        Severity::Deny => "DENY",
        Severity::Warn => "warn",
    }
}

/// A severity for a Markdown table cell: `**deny**` or `warn`.
pub fn severity_md(s: Severity) -> &'static str {
    match s {
        Severity::Deny => "**deny**",
        Severity::Warn => "warn",
    }
}

/// A severity for a Markdown list item: `**DENY**` or `**warn**`.
pub fn severity_md_loud(s: Severity) -> &'static str {
    match s {
        Severity::Deny => "**DENY**",
        Severity::Warn => "**warn**",
    }
}

/// Escapes data text for Markdown: control characters shown escaped, then pipes, HTML and
/// emphasis characters escaped.
pub fn md(s: &str) -> String {
    let s = escape_controls(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Data texts joined by `sep`, each escaped for Markdown.
pub fn md_join<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let parts: Vec<String> = items.iter().map(|s| md(s.as_ref())).collect();
    parts.join(sep)
}

/// A text cell that a spreadsheet would not run as a formula, control characters shown
/// escaped: cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading
/// apostrophe (OWASP's advice).
pub fn safe_cell(s: &str) -> String {
    let s = escape_controls(s);
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}"),
        _ => s.into_owned(),
    }
}

/// The row of an operator's domain in its concentration table (terminal, Markdown, HTML):
/// data text through the renderer's escaping `text`.
pub fn domain_cells(d: &DomainEntry, text: impl Fn(&str) -> String) -> Vec<String> {
    vec![
        text(&d.domain),
        num(d.weight),
        hhi(d.hhi),
        equiv(d.equivalent_suppliers),
        d.band.as_str().to_owned(),
        format!("{} {}", text(&d.top.supplier), pct(d.top.share)),
        pct(d.high_risk_share),
    ]
}

/// The row of a domain in a country's national balance table (Markdown, HTML): data text
/// through the renderer's escaping `text`.
pub fn country_domain_cells(d: &CountryDomain, text: impl Fn(&str) -> String) -> Vec<String> {
    let sups: Vec<String> = d
        .suppliers
        .iter()
        .map(|s| format!("{} {} ({})", text(&s.supplier), pct(s.share), s.operators))
        .collect();
    vec![
        text(&d.domain),
        hhi(d.hhi),
        d.band.as_str().to_owned(),
        pct(d.high_risk_share),
        d.operators.to_string(),
        sups.join(", "),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(safe_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(safe_cell("+1"), "'+1");
        assert_eq!(safe_cell("-x"), "'-x");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("ericsson"), "ericsson");
    }

    #[test]
    fn hostile_text_is_shown_escaped_everywhere() {
        let evil = "op\u{1b}]0;pwned\u{7}|x";
        assert_eq!(esc(evil), "op\\u{1b}]0;pwned\\u{7}|x");
        assert_eq!(md(evil), "op\\\\u{1b}\\]0;pwned\\\\u{7}\\|x");
        assert_eq!(safe_cell(evil), "op\\u{1b}]0;pwned\\u{7}|x");
        assert_eq!(safe_cell("\t=1"), "\\u{9}=1");
    }

    #[test]
    fn numbers_and_shares() {
        assert_eq!(num(4.0), "4");
        assert_eq!(num(0.125), "0.125");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(pct(0.5), "50.0%");
        assert_eq!(opt_pct(None), "-");
        assert_eq!(hhi(6250.4), "6250");
        assert_eq!(equiv(1.0), "1.00");
    }
}
