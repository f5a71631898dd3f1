//! The JSON report of `scan` (`vendorgraph-report/1`, cli.md).

use serde::Serialize;

use crate::analysis::{CountryFigures, OperatorFigures};
use crate::policy::{Exempted, Finding};

/// The report's format tag.
pub const REPORT_FORMAT: &str = "vendorgraph-report/1";

/// The whole JSON report. Lists are sorted as cli.md fixes them.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// Always [`REPORT_FORMAT`].
    pub format: &'static str,
    /// By operator id.
    pub operators: &'a [OperatorFigures],
    /// By country code, then `all`.
    pub countries: &'a [CountryFigures],
    /// Deny first, then by rule, then subject.
    pub findings: &'a [Finding],
    /// Findings silenced by an exemption of the policy.
    pub exempted: &'a [Exempted],
    /// Warnings of loading, the analyses and the policy.
    pub warnings: &'a [String],
}

/// Renders the report as pretty JSON, ending with a newline.
///
/// # Errors
/// Never in practice: every figure is a finite number or `null`.
pub fn to_json(report: &JsonReport<'_>) -> serde_json::Result<String> {
    let mut s = serde_json::to_string_pretty(report)?;
    s.push('\n');
    Ok(s)
}
