//! IMPORT: inventories from operators' systems. `nrm/` reads 3GPP Network Resource Model
//! exports (Bulk CM XML, NRM JSON), `netbox/` NetBox exports (REST results, dumpdata); both
//! turn what they read into owned rows (`rows.rs`) through an import map (`map.rs`), count
//! what they imported and skipped, and write a `vendorgraph/1` inventory through the one
//! writer (`export`), validated as `validate` loads it.

pub mod map;
pub mod netbox;
pub mod nrm;
mod rows;
mod summary;

pub use map::{ImportMap, OperatorSpec, SupplierSpec};
pub use rows::{Asset, Counts, Imported, Link, Tally, to_id, validate_json};
pub use summary::summary_text;
