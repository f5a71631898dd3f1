//! LOAD: reading inventory files into raw rows, one [`Importer`] per input format.

mod csv;
mod importer;
mod json;
mod json_walk;
mod raw;
mod source;

pub use importer::{Claim, IMPORTERS, Importer, JSON, ParsedFile, RowLocator, Site, importer_for};
pub(crate) use json::serde_message;
pub use json::{FORMAT, JsonLocator};
pub use json_walk::{JsonQuery, locate_json, locate_key, locate_path};
pub use raw::Table;
pub(crate) use raw::{RawAsset, RawFile, RawLink, RawOperator, RawSupplier, Targets};
pub use source::{LineIndex, Source, line_col, read_inputs};

/// Parses one source with its importer.
pub fn parse_source<'a>(
    index: usize,
    source: &'a Source,
    diags: &mut Vec<crate::diagnostics::Diagnostic>,
) -> Option<ParsedFile<'a>> {
    source.importer.parse(index, source, diags)
}
