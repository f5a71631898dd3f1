//! LOAD: reading inventory files into raw rows, one [`Importer`] per input format.

mod compact;
mod csv;
mod csv_compact;
mod fields;
mod importer;
mod json;
mod json_compact;
mod json_walk;
mod raw;
mod source;
mod xlsx;

pub use compact::{
    CAsset, CLink, COperator, CShare, CSupplier, CompactFile, Interner, LinkRows, Need, Rows, Sym,
    TargetRange,
};
pub use fields::{Field, FieldValues};
pub use importer::{Claim, IMPORTERS, Importer, JSON, ParsedFile, RowLocator, Site, importer_for};
pub(crate) use json::serde_message;
pub use json::{FORMAT, JsonLocator};
pub use json_walk::{JsonQuery, locate_json, locate_key, locate_path};
pub use raw::Table;
pub(crate) use raw::{RawAsset, RawFile, RawLink, RawOperator, RawShare, RawSupplier, Targets};
pub use source::{Input, LineIndex, Source, line_col, list_inputs, read_inputs};
pub use xlsx::column_letters;

/// Parses one source with its importer.
pub fn parse_source<'a>(
    index: usize,
    source: &'a Source,
    diags: &mut Vec<crate::diagnostics::Diagnostic>,
) -> Option<ParsedFile<'a>> {
    source.importer.parse(index, source, diags)
}

/// Parses one source into compact rows with its importer, its strings interned in
/// `strings`.
pub fn compact_source(
    index: usize,
    source: &Source,
    strings: &mut Interner,
    diags: &mut Vec<crate::diagnostics::Diagnostic>,
) -> Option<CompactFile> {
    source.importer.compact(index, source, strings, diags)
}
