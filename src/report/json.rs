//! `--format json`: the documents for programs, the serde of the report model.

use serde::Serialize;

use super::model::{DiffReport, ExplainReport, ScanReport};

/// Renders `scan`'s `vendorgraph-report/1` document as pretty JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn to_json(report: &ScanReport) -> serde_json::Result<String> {
    pretty(&report.doc)
}

/// Renders `explain`'s document as pretty JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn explain_json(report: &ExplainReport) -> serde_json::Result<String> {
    pretty(report)
}

/// Renders `diff`'s `vendorgraph-diff/1` document as pretty JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn diff_json(report: &DiffReport) -> serde_json::Result<String> {
    pretty(&report.doc)
}

fn pretty<T: Serialize>(doc: &T) -> serde_json::Result<String> {
    let mut s = serde_json::to_string_pretty(doc)?;
    s.push('\n');
    Ok(s)
}
