//! TEMPLATE: the questionnaire a regulator sends to operators, as a workbook or as CSV
//! files: the four tables with their headers, an example row each, and every column
//! explained in plain words (`columns.rs`, whose closed vocabularies come from `vocab.rs`).
//! A filled-in template loads as it is.

mod columns;
mod csv;
mod example;
mod xlsx;

pub use columns::{Column, Values, columns, link_kind_meaning, table_purpose};
pub use csv::{README_CSV, template_csv};
pub use example::{EXAMPLE_NOTE, EXAMPLE_PREFIX, example_row};
pub use xlsx::{README_SHEET, template_xlsx};
