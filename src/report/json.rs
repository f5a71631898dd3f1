//! `--format json`: the documents for programs, the serde of the report model, in the
//! layout of [`json_layout`](super::json_layout).

use std::io::Write;

use super::json_layout::{to_layout_string, write_layout};
use super::model::{DiffReport, ExplainReport, ScanReport};

/// Renders `scan`'s `vendorgraph-report/1` document as indented JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn to_json(report: &ScanReport) -> serde_json::Result<String> {
    to_layout_string(&report.doc)
}

/// Writes `scan`'s `vendorgraph-report/1` document as indented JSON, ending with a newline,
/// to `w` as it is serialised (the bytes of [`to_json`], never held whole in memory).
///
/// # Errors
/// When `w` fails.
pub fn write_json(report: &ScanReport, w: &mut dyn Write) -> std::io::Result<()> {
    write_layout(w, &report.doc)
}

/// Renders `explain`'s document as indented JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn explain_json(report: &ExplainReport) -> serde_json::Result<String> {
    to_layout_string(report)
}

/// Renders `diff`'s `vendorgraph-diff/1` document as indented JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn diff_json(report: &DiffReport) -> serde_json::Result<String> {
    to_layout_string(&report.doc)
}
