//! POLICY: the rules that turn figures into findings tied to EU toolbox measures, the
//! authority's high-risk designations and its exemptions.
//!
//! `file.rs` reads a policy file, `rules/` holds the rule table (one file per rule),
//! `evaluate.rs` runs every rule of the table and applies the exemptions, `finding.rs`
//! holds what it returns.

mod date;
mod evaluate;
mod file;
mod finding;
pub mod rules;

pub use date::Date;
pub use evaluate::evaluate;
pub use file::{Exemption, Policy, PolicyError, RuleSettings};
pub use finding::{Evaluation, Evidence, Exempted, Finding, Id, Subject};
pub use rules::{Rule, RuleDef, Severity};
