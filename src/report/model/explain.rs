//! The report of `explain`: one asset, what it depends on, what depends on it, why it is
//! exposed, its lock-in group.

use serde::Serialize;

use crate::analysis::{AssetImpact, Explanation, LinkView, PathView};
use crate::assess::AssetAssessment;

use super::operator::GroupEntry;

/// What `explain` prints about an asset; `--format json` is its serde.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExplainReport {
    /// Asset id.
    pub asset: String,
    /// Operator id.
    pub operator: String,
    /// Function.
    pub function: String,
    /// Domain.
    pub domain: String,
    /// Supplier id.
    pub supplier: String,
    /// Whether its supplier is high-risk.
    pub supplier_high_risk: bool,
    /// Weight.
    pub weight: f64,
    /// Whether it is a key asset under the policy.
    pub key: bool,
    /// Whether it is a radio service unit.
    pub radio: bool,
    /// What it depends on, one entry per link.
    pub depends_on: Vec<LinkEntry>,
    /// What depends on it, one entry per link.
    pub dependents: Vec<LinkEntry>,
    /// The shortest control path to a high-risk supplier (the whole path).
    pub exposure: Option<PathEntry>,
    /// The shortest control path to a managed service operated from outside the allowed
    /// countries (the whole path).
    pub offshore: Option<PathEntry>,
    /// Its lock-in group, with every operator.
    pub lockin_group: Option<GroupEntry>,
    /// Suppliers whose failure alone takes it down, by id.
    pub failing_suppliers: Vec<String>,
    /// Suppliers it depends on along failure-propagating links (itself included), by id.
    pub upstream_suppliers: Vec<String>,
    /// Its impact on every operator whose units reach it (analyses.md §8), by operator id,
    /// with the first ids of the units it takes down.
    pub impacts: Vec<AssetImpact>,
}

/// One link seen from the asset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkEntry {
    /// Link kind.
    pub kind: String,
    /// The other assets: the targets (dependencies) or the `from` (dependents).
    pub assets: Vec<String>,
    /// How many targets must be up.
    pub need: u32,
    /// Interface label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interface: Option<String>,
    /// Whether the interface is open.
    pub open: bool,
    /// Whether failure propagates along it.
    pub propagates_failure: bool,
    /// Whether control propagates along it.
    pub propagates_control: bool,
}

/// A control path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathEntry {
    /// `direct` or the first link's kind.
    pub kind: String,
    /// Asset ids, from the asset to the end.
    pub path: Vec<String>,
    /// The supplier at the end.
    pub supplier: String,
}

impl ExplainReport {
    /// The report of one asset's assessment.
    pub fn new(a: &AssetAssessment<'_>) -> Self {
        let e: &Explanation = &a.explanation;
        ExplainReport {
            asset: e.asset.clone(),
            operator: e.operator.clone(),
            function: e.function.clone(),
            domain: e.domain.clone(),
            supplier: e.supplier.clone(),
            supplier_high_risk: e.supplier_high_risk,
            weight: e.weight,
            key: e.key,
            radio: e.radio,
            depends_on: e.depends_on.iter().map(LinkEntry::new).collect(),
            dependents: e.dependents.iter().map(LinkEntry::new).collect(),
            exposure: e.exposure.as_ref().map(PathEntry::new),
            offshore: e.offshore.as_ref().map(PathEntry::new),
            lockin_group: e.lockin_group.as_ref().map(GroupEntry::new),
            failing_suppliers: e.failing_suppliers.clone(),
            upstream_suppliers: e.upstream_suppliers.clone(),
            impacts: a.impacts.clone(),
        }
    }
}

impl LinkEntry {
    fn new(l: &LinkView) -> Self {
        LinkEntry {
            kind: l.kind.clone(),
            assets: l.assets.clone(),
            need: l.need,
            interface: l.interface.clone(),
            open: l.open,
            propagates_failure: l.propagates_failure,
            propagates_control: l.propagates_control,
        }
    }

    /// Whether the link has alternatives (k of n with n > 1).
    pub fn has_alternatives(&self) -> bool {
        self.assets.len() > 1
    }
}

impl PathEntry {
    fn new(p: &PathView) -> Self {
        PathEntry {
            kind: p.kind.clone(),
            path: p.path.clone(),
            supplier: p.supplier.clone(),
        }
    }
}
