//! RENDER: the report model, and its renderers as text, JSON, Markdown, CSV and DOT.
//!
//! [`model`] builds the one report of an assessment; every renderer reads it and computes
//! no figure. [`fmt`] holds the one definition of each number, share and severity format.

mod critical_text;
mod csv_out;
mod diff_markdown;
mod diff_text;
pub mod dot;
pub mod fmt;
pub mod html;
mod json;
mod json_layout;
mod markdown;
pub mod model;
mod plan;
mod ranking_text;
mod summary;
pub mod table;
pub mod term;
mod text;

pub use csv_out::{CsvTable, csv_tables};
pub use diff_markdown::diff_markdown;
pub use diff_text::diff_table;
pub use fmt::{md, safe_cell};
pub use html::{OperatorDiagram, diff_html, html};
pub use json::{diff_json, explain_json, to_json, write_json};
pub use markdown::markdown;
pub use model::{DiffReport, ExplainReport, REPORT_FORMAT, ScanReport, ValidateReport};
pub use plan::{plan_markdown, plan_table};
pub use summary::{render_diagnostics, validate_json, validate_text};
pub use text::{explain_text, scan_table};
