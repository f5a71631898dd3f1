//! VALIDATE: raw rows from every file become one [`Inventory`](crate::model::Inventory),
//! with every problem found.

mod check;
mod locate;

pub use check::validate;
