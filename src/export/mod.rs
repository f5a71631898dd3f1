//! EXPORT: the one writer of the `vendorgraph/1` inventory format, as JSON (a whole
//! [`Inventory`], or streamed row by row), as CSV tables (one file per table) and as a
//! workbook (one sheet per table).
//!
//! Every JSON inventory the crate writes (`generate`, `plan --emit`, the states of a
//! scenario) goes through [`JsonWriter`]. The layout is compact, one row per line, and is
//! the same for every writer:
//!
//! ```text
//! {"format":"vendorgraph/1",
//! "suppliers":[
//! {"id":"ericsson","name":"Ericsson","country":"SE","risk":"low"},
//! {"id":"nokia","name":"Nokia","country":"FI","risk":"low"}
//! ],
//! "links":[
//! {"from":"a-gnb-1","to":["a-amf-1","a-amf-2"],"kind":"connects_to","interface":"N2"}
//! ]}
//! ```
//!
//! A row writes its fields in the order of [`Table::columns`] (the same order is the CSV
//! header) and leaves out every field that is absent or equal to the format's default, so
//! that loading the output again gives the same inventory. Strings are escaped as JSON
//! requires and otherwise kept exact; numbers are written in their shortest form that reads
//! back to the same value (`3`, not `3.0`). The output is a pure function of the rows.

mod csv_tables;
mod json;
mod model_rows;
mod row;
mod xlsx;

pub use csv_tables::{CsvWriter, csv_tables, write_csv, write_csv_dir};
pub use json::{JsonWriter, to_json, write_json};
pub use model_rows::{
    RowSink, asset_row, link_row, operator_row, share_row, supplier_row, supplier_rows, write_rows,
};
pub use row::{AssetRow, Cell, LinkRow, OperatorRow, Row, ShareRow, SupplierRow, Table, Targets};
pub use xlsx::{TableSheet, XlsxWriter, to_xlsx, write_xlsx};

/// The `format` of every JSON inventory (re-exported from the vocabulary).
pub use crate::vocab::INVENTORY_FORMAT;
