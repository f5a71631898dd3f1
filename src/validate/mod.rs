//! VALIDATE: raw rows from every file become one [`Inventory`](crate::model::Inventory),
//! with every problem found.
//!
//! One file per table, in the order the tables are checked (each reads the ids of the ones
//! before it): `suppliers.rs`, `operators.rs`, `assets.rs`, `shares.rs` (share rows, each
//! one more asset), `links.rs`; `assemble.rs` builds the sorted inventory, `warnings.rs`
//! looks at the whole, `fields.rs` holds the checks of fields shared by tables, and
//! `locate.rs` turns sites into locations at the end; `labels.rs` numbers the texts of few
//! values (interfaces, regions) that the inventory keeps once.

mod assemble;
mod assets;
mod fields;
mod labels;
mod links;
mod locate;
mod operators;
mod shares;
mod suppliers;
mod validator;
mod warnings;

pub use validator::validate;
