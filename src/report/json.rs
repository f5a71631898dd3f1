//! `--format json`: the documents for programs, the serde of the report model.

use std::io::Write;

use serde::Serialize;

use super::model::{DiffReport, ExplainReport, ScanReport};

/// Renders `scan`'s `vendorgraph-report/1` document as pretty JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn to_json(report: &ScanReport) -> serde_json::Result<String> {
    pretty(&report.doc)
}

/// Writes `scan`'s `vendorgraph-report/1` document as pretty JSON, ending with a newline,
/// to `w` as it is serialised (the bytes of [`to_json`], never held whole in memory).
///
/// # Errors
/// When `w` fails.
pub fn write_json(report: &ScanReport, w: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &report.doc)?;
    w.write_all(b"\n")
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
