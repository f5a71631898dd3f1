//! The rule table: one file per rule, registered once in [`RULES`].
//!
//! A rule is a [`RuleDef`]: its code, the toolbox measure it serves, its defaults, the
//! settings it takes and its `check`, a function of the scan's figures that pushes findings.
//! Adding a rule is one new file here and one line in [`RULES`]; the policy file, the
//! evaluator, the error messages and the help texts all read this table.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::Serialize;

use crate::analysis::{
    Context, CountryDomain, CountryFigures, DomainFigures, OperatorFigures, ScanResult,
};
use crate::model::{AssetIx, Country, DomainIx, Inventory, SupplierIx};

use super::finding::{Evidence, Finding, Id, Subject};

pub mod high_risk_key_asset;
pub mod high_risk_ran;
pub mod lockin_key;
pub mod national_high_risk;
pub mod national_share;
pub mod offshore_operation;
pub mod shared_critical_asset;
pub mod single_point_of_failure;
pub mod single_supplier;
pub mod supplier_outage;
pub mod supplier_share;
pub mod systemic_supplier;

/// Every rule, in documentation order: the one list a new rule is added to.
pub static RULES: &[&RuleDef] = &[
    &high_risk_key_asset::RULE,
    &high_risk_ran::RULE,
    &offshore_operation::RULE,
    &supplier_share::RULE,
    &single_supplier::RULE,
    &supplier_outage::RULE,
    &lockin_key::RULE,
    &national_share::RULE,
    &national_high_risk::RULE,
    &systemic_supplier::RULE,
    &single_point_of_failure::RULE,
    &shared_critical_asset::RULE,
];

/// National rules judge a country only when the input holds at least this many of its
/// operators.
pub const NATIONAL_MIN_OPERATORS: usize = 2;

/// What a finding weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: `scan` exits with status 1.
    Deny,
    /// Should be looked at.
    Warn,
}

/// Which domains a rule can be limited to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Domains {
    /// The rule takes no `domains` setting.
    NotApplicable,
    /// The rule takes `domains`; by default it applies to every domain.
    Every,
    /// The rule takes `domains`; by default it applies to these.
    Only(&'static [&'static str]),
}

/// A rule's fixed description, its defaults and its check.
pub struct RuleDef {
    /// Kebab-case code, the key of `[rules.CODE]` in a policy file.
    pub code: &'static str,
    /// The EU toolbox measures it serves (`SM03`, `SM03, SM06`).
    pub measure: &'static str,
    /// One line for people.
    pub title: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Default limit; `None` for a rule that takes no limit.
    pub limit: Option<f64>,
    /// The domains it applies to by default, or that it takes none.
    pub domains: Domains,
    /// Pushes a finding for every figure that breaks the rule.
    pub check: fn(&RuleCx<'_, '_>, &On<'_>, &mut Sink<'_>),
}

/// One rule of the policy: a handle on its entry in [`RULES`]. Compared, ordered and printed
/// by its code.
#[derive(Clone, Copy)]
pub struct Rule(&'static RuleDef);

impl Rule {
    /// The handle of a rule definition.
    pub const fn of(def: &'static RuleDef) -> Rule {
        Rule(def)
    }

    /// Every rule, in documentation order.
    pub fn all() -> impl Iterator<Item = Rule> {
        RULES.iter().map(|d| Rule(d))
    }

    /// Finds a rule by code.
    pub fn parse(code: &str) -> Option<Rule> {
        Rule::all().find(|r| r.code() == code)
    }

    /// The rule's definition.
    pub fn def(self) -> &'static RuleDef {
        self.0
    }

    /// The rule's code.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// The toolbox measures it serves.
    pub fn measure(self) -> &'static str {
        self.0.measure
    }

    /// One line for people.
    pub fn title(self) -> &'static str {
        self.0.title
    }

    /// The codes of every rule, for messages: `a, b, c`.
    pub fn codes() -> String {
        RULES.iter().map(|d| d.code).collect::<Vec<_>>().join(", ")
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Rule {}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rule {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl Hash for Rule {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// What a rule's check reads: the per-graph facts and the scan's figures.
pub struct RuleCx<'a, 'g> {
    /// The per-graph facts (high-risk suppliers, key assets).
    pub cx: &'a Context<'g>,
    /// The figures of every operator and country.
    pub scan: &'a ScanResult,
}

impl RuleCx<'_, '_> {
    /// The inventory.
    pub fn inv(&self) -> &Inventory {
        self.cx.graph.inventory()
    }

    /// The countries judged by national rules: every country of which the input holds at
    /// least [`NATIONAL_MIN_OPERATORS`] operators, not the scope `all`. A country with one
    /// operator is that operator: its national figures are still computed and printed, but
    /// judging them again would repeat the operator's own findings.
    pub fn countries(&self) -> impl Iterator<Item = &CountryFigures> {
        let inv = self.inv();
        self.scan.countries.iter().filter(move |c| {
            c.country != "all"
                && inv
                    .operators
                    .iter()
                    .filter(|o| o.country.as_str() == c.country)
                    .take(NATIONAL_MIN_OPERATORS)
                    .count()
                    >= NATIONAL_MIN_OPERATORS
        })
    }

    /// Every operator's domains, each with its name: (operator, domain figures, domain).
    pub fn operator_domains(
        &self,
    ) -> impl Iterator<Item = (&OperatorFigures, &DomainFigures, Id<DomainIx>)> {
        let ops = self.scan.operators.iter();
        ops.flat_map(move |op| {
            op.domains
                .iter()
                .map(move |d| (op, d, self.domain_at(d.domain)))
        })
    }

    /// The domains of every country judged by national rules (see [`RuleCx::countries`]),
    /// each with its name: (country, domain figures, domain).
    pub fn country_domains(
        &self,
    ) -> impl Iterator<Item = (&CountryFigures, &CountryDomain, Id<DomainIx>)> {
        let countries = self.countries();
        countries.flat_map(move |c| {
            c.domains
                .iter()
                .map(move |d| (c, d, self.domain_at(d.domain)))
        })
    }

    /// The subject of an operator's finding: the operator and its country.
    pub fn operator(&self, op: &OperatorFigures) -> Subject {
        let o = self.inv().operator(op.operator);
        Subject {
            operator: Some(Id::new(op.operator, &o.id)),
            country: Some(o.country),
            ..Subject::default()
        }
    }

    /// The id of an operator.
    pub fn operator_id(&self, op: &OperatorFigures) -> &str {
        &self.inv().operator(op.operator).id
    }

    /// The subject of a country's finding.
    pub fn country(&self, c: &CountryFigures) -> Subject {
        Subject {
            country: Some(Country::new(&c.country)),
            ..Subject::default()
        }
    }

    /// A domain of the inventory, by name.
    pub fn domain(&self, name: &str) -> Option<Id<DomainIx>> {
        let inv = self.inv();
        let ix = inv.domain_ix(name);
        debug_assert!(ix.is_some(), "unknown domain {name}");
        ix.map(|d| Id::new(d, inv.domain_name(d)))
    }

    /// A supplier of the inventory, by id.
    pub fn supplier(&self, id: &str) -> Option<Id<SupplierIx>> {
        let ix = self.inv().supplier_ix(id);
        debug_assert!(ix.is_some(), "unknown supplier {id}");
        ix.map(|s| self.supplier_at(s))
    }

    /// A supplier of the inventory, by index.
    pub fn supplier_at(&self, s: SupplierIx) -> Id<SupplierIx> {
        Id::new(s, &self.inv().supplier(s).id)
    }

    /// An asset of the inventory, by index.
    pub fn asset_at(&self, a: AssetIx) -> Id<AssetIx> {
        Id::new(a, &self.inv().asset(a).id)
    }

    /// A domain of the inventory, by index.
    pub fn domain_at(&self, d: DomainIx) -> Id<DomainIx> {
        Id::new(d, self.inv().domain_name(d))
    }

    /// An asset of the inventory, by id.
    pub fn asset(&self, id: &str) -> Option<Id<AssetIx>> {
        let inv = self.inv();
        let ix = inv.asset_ix(id);
        debug_assert!(ix.is_some(), "unknown asset {id}");
        ix.map(|a| Id::new(a, &inv.asset(a).id))
    }
}

/// A rule's settings in force, as its check sees them.
pub struct On<'p> {
    /// The limit (0 for a rule that takes none).
    pub limit: f64,
    /// The domains it is limited to; `None` for every domain.
    pub domains: Option<&'p [String]>,
}

impl On<'_> {
    /// Whether the rule applies to a domain.
    pub fn applies_to(&self, domain: &str) -> bool {
        self.domains.is_none_or(|d| d.iter().any(|x| x == domain))
    }
}

/// Where a check puts its findings, with its rule and severity already filled in.
pub struct Sink<'a> {
    pub(super) rule: Rule,
    pub(super) severity: Severity,
    pub(super) out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    /// Records a finding.
    pub fn push(&mut self, subject: Subject, value: f64, limit: f64, evidence: Evidence) {
        self.out.push(Finding {
            rule: self.rule,
            severity: self.severity,
            subject,
            value,
            limit,
            evidence,
        });
    }
}

/// A share as a percentage with one decimal, as the evidence sentences print it.
pub fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// The evidence of a finding that has only its sentence.
pub fn text(text: String) -> Evidence {
    Evidence {
        text,
        ..Evidence::default()
    }
}
