//! BUILD: the supply-chain dependency graph, built once from a validated inventory.

mod supply;

pub use supply::{Dependency, SupplyGraph};
