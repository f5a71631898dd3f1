//! RENDER: the figures and diagnostics as text, JSON, Markdown, CSV and DOT.

mod summary;
pub mod table;

pub use summary::{InventorySummary, render_diagnostics, summarize};
