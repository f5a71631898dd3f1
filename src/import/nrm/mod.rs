//! The 3GPP NRM importer: Bulk CM XML and NRM JSON exports to inventory rows.

mod interfaces;
mod json;
mod links;
mod mapping;
mod operators;
mod tree;
mod xml;

pub use interfaces::{INTERFACES, Interface, Rule};
pub use mapping::{Kind, kind, map_trees};
pub use operators::country_of_mcc;
pub use tree::{Mo, MoTree, Place};

use super::map::ImportMap;
use super::rows::Imported;

/// Reads one export: Bulk CM XML when the name ends in `.xml` or the text starts with `<`,
/// NRM JSON otherwise. A malformed file gives its located error.
///
/// # Errors
/// The file's `xml-syntax`, `json-syntax` or `import-shape` diagnostic.
pub fn read(name: &str, text: &str) -> Result<MoTree, crate::diagnostics::Diagnostic> {
    let xml = name.to_ascii_lowercase().ends_with(".xml") || text.trim_start().starts_with('<');
    if xml {
        xml::read(name, text)
    } else {
        json::read(name, text)
    }
}

/// Imports NRM exports (name, text): every file is read, and every malformed one reported,
/// before the objects of the others are mapped.
pub fn import(files: &[(String, String)], map: &ImportMap) -> Imported {
    let mut trees = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        match read(name, text) {
            Ok(t) => trees.push(t),
            Err(d) => errors.push(d),
        }
    }
    let mut imp = map_trees(&trees, map);
    imp.diagnostics.extend(errors);
    imp
}
