//! LOAD: reading JSON and CSV inventory files into raw rows.

mod parse;
mod raw;
mod source;

pub(crate) use parse::serde_message;
pub use parse::{CsvMeta, ParsedFile, parse_source};
pub use raw::Table;
pub(crate) use raw::{RawAsset, RawLink, RawOperator, RawSupplier};
pub use source::{
    JsonQuery, LineIndex, Source, SourceKind, line_col, locate_json, locate_key, read_inputs,
};
