//! vendorgraph maps the supply chain of 5G mobile networks and measures how dependent they
//! are on their suppliers (EU coordinated risk assessment, risks R4 and R5; EU Toolbox on
//! 5G cybersecurity).
//!
//! The pipeline, one stage per module:
//!
//! 1. [`inventory`] reads JSON and CSV files into raw rows ([`load::load`] drives it);
//! 2. [`validate`] checks every rule of the inventory format and builds an
//!    [`model::Inventory`], collecting every [`diagnostics::Diagnostic`];
//! 3. [`graph::SupplyGraph`] builds the dependency graph once, immutable afterwards;
//! 4. the analyses compute the figures of every operator, in parallel;
//! 5. the reports render them.
//!
//! ```
//! let loaded = vendorgraph::load::load(&["fixtures/small".into()]);
//! let inventory = loaded.inventory.expect("the bundled fixture is valid");
//! let graph = vendorgraph::graph::SupplyGraph::new(inventory);
//! assert!(graph.asset_count() > 0);
//! ```

pub mod analysis;
pub mod assess;
pub mod diagnostics;
pub mod export;
pub mod generate;
pub mod graph;
pub mod import;
pub mod inventory;
pub mod load;
pub mod model;
pub mod output;
pub mod policy;
pub mod report;
pub mod sanitize;
pub mod scenario;
pub mod schema;
pub mod template;
pub mod timing;
pub mod validate;
pub mod vocab;

/// The README's code examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
