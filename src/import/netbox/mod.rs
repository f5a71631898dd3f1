//! The NetBox importer.

use super::map::ImportMap;
use super::rows::Imported;

/// Imports NetBox exports.
pub fn import(_files: &[(String, String)], _map: &ImportMap) -> Imported {
    Imported::default()
}
