//! POLICY: the rules that turn figures into findings tied to EU toolbox measures, the
//! authority's high-risk designations and its exemptions.
//!
//! `file.rs` reads a policy file into a [`Policy`] (every problem a located `Diagnostic`);
//! `check.rs` checks the ids it names against the inventory; `rules/` is the rule table, one
//! file per rule; `evaluate.rs` runs every rule of the table and applies the exemptions;
//! `finding.rs` holds what it returns.

mod check;
mod date;
mod evaluate;
mod file;
mod finding;
pub mod rules;

pub use check::{check_ids, did_you_mean};
pub use date::Date;
pub use evaluate::evaluate;
pub use file::{Exemption, IdKind, IdRef, Policy, RuleSettings};
pub use finding::{Evaluation, Evidence, Exempted, Finding, Id, Subject};
pub use rules::{Rule, RuleDef, Severity};
