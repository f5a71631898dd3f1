//! POLICY: the rules that turn figures into findings tied to EU toolbox measures, the
//! authority's high-risk designations and its exemptions.

mod date;
mod evaluate;
mod rules;

pub use date::Date;
pub use evaluate::{Evaluation, Evidence, Exempted, Finding, evaluate};
pub use rules::{Exemption, Policy, PolicyError, Rule, RuleSettings, Severity};
