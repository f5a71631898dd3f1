//! RENDER: the figures and diagnostics as text, JSON, Markdown, CSV and DOT.

mod csv_out;
pub mod dot;
mod json;
mod markdown;
mod summary;
pub mod table;
mod text;

pub use csv_out::{safe_cell, write_csv_dir};
pub use json::{JsonReport, REPORT_FORMAT, to_json};
pub use markdown::{markdown, md};
pub use summary::{InventorySummary, render_diagnostics, summarize};
pub use text::{explain_text, scan_table};
