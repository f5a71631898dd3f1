//! Findings: a rule that a figure breaks, with its typed subject and its evidence.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::model::{AssetIx, Country, DomainIx, OperatorIx, SupplierIx};

use super::rules::{Rule, Severity};

/// An inventory entry named by a finding: its index, and its id for output.
///
/// Compared and ordered by the id (ids are unique in their table, so this agrees with the
/// index); printed as the id.
#[derive(Clone)]
pub struct Id<I> {
    /// The position in its inventory table.
    pub ix: I,
    /// The id (or, for a domain, the name) as the inventory writes it.
    pub id: Box<str>,
}

impl<I> Id<I> {
    /// An entry with its id.
    pub fn new(ix: I, id: &str) -> Self {
        Id { ix, id: id.into() }
    }
}

impl<I> std::ops::Deref for Id<I> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.id
    }
}

impl<I> PartialEq for Id<I> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<I> Eq for Id<I> {}

impl<I> PartialOrd for Id<I> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<I> Ord for Id<I> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.id.cmp(&other.id)
    }
}

impl<I> Hash for Id<I> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl<I> fmt::Debug for Id<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.id, f)
    }
}

impl<I> fmt::Display for Id<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

/// What a finding is about: those of operator, country, domain, supplier and asset that
/// apply. Ordered field by field in that order, as findings are sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subject {
    /// The operator.
    pub operator: Option<Id<OperatorIx>>,
    /// The country (of the operator, or of a national finding).
    pub country: Option<Country>,
    /// The domain.
    pub domain: Option<Id<DomainIx>>,
    /// The supplier.
    pub supplier: Option<Id<SupplierIx>>,
    /// The asset (for `lockin-key`, the group's id: its smallest asset id).
    pub asset: Option<Id<AssetIx>>,
}

impl Subject {
    /// The five fields as text, in order: operator, country, domain, supplier, asset.
    pub fn fields(&self) -> [Option<&str>; 5] {
        [
            self.operator.as_deref(),
            self.country.as_ref().map(Country::as_str),
            self.domain.as_deref(),
            self.supplier.as_deref(),
            self.asset.as_deref(),
        ]
    }
}

/// Why a finding holds: its sentence, and what it points at by index (the report names
/// it, as it names the analyses' results).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// One sentence for people.
    pub text: String,
    /// A control path, from the asset to the high-risk or offshore asset.
    pub path: Option<Vec<AssetIx>>,
    /// The kind of the path's first step (`direct` when it has one asset).
    pub kind: Option<&'static str>,
    /// A lock-in group, by its first (smallest) asset.
    pub group: Option<AssetIx>,
    /// The suppliers concerned, with their shares.
    pub suppliers: Option<Vec<(SupplierIx, f64)>>,
}

/// A rule that a figure breaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule (its code and measure are printed).
    pub rule: Rule,
    /// `deny` or `warn`.
    pub severity: Severity,
    /// What it is about.
    pub subject: Subject,
    /// The figure.
    pub value: f64,
    /// The limit it breaks.
    pub limit: f64,
    /// Why.
    pub evidence: Evidence,
}

impl Finding {
    /// The toolbox measures its rule serves.
    pub fn measure(&self) -> &'static str {
        self.rule.measure()
    }

    /// The order of a report: deny first, then by rule code, then by subject.
    pub fn sort_key(&self) -> (Severity, Rule, &Subject) {
        (self.severity, self.rule, &self.subject)
    }
}

/// A finding that an exemption silences.
#[derive(Clone, Debug, PartialEq)]
pub struct Exempted {
    /// The finding.
    pub finding: Finding,
    /// The exemption's reason.
    pub reason: String,
    /// Its expiry.
    pub expires: Option<String>,
}

/// Findings, exempted findings and the policy's warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Deny first, then by rule, then subject.
    pub findings: Vec<Finding>,
    /// Silenced by an exemption, same order.
    pub exempted: Vec<Exempted>,
    /// Expired or unused exemptions.
    pub warnings: Vec<String>,
}

impl Evaluation {
    /// Whether a `deny` finding remains.
    pub fn has_deny(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Deny)
    }
}
