//! The report of `explain`: one asset, what it depends on, what depends on it, why it is
//! exposed, its lock-in group.

use serde::Serialize;

use crate::analysis::{ControlPath, Explanation};
use crate::assess::AssetAssessment;
use crate::model::{AssetIx, Inventory, LinkIx, SupplierIx};

use super::critical::AssetImpactEntry;
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
    pub impacts: Vec<AssetImpactEntry>,
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
        let inv = a.graph().inventory();
        let asset = inv.asset(e.asset);
        let id = |x: AssetIx| inv.asset(x).id.to_string();
        let suppliers =
            |v: &[SupplierIx]| v.iter().map(|&s| inv.supplier(s).id.to_string()).collect();
        ExplainReport {
            asset: asset.id.to_string(),
            operator: inv.operator(asset.operator).id.to_string(),
            function: inv.function_name(asset.function).to_owned(),
            domain: inv.domain_name(asset.domain).to_owned(),
            supplier: inv.supplier(asset.supplier).id.to_string(),
            supplier_high_risk: e.supplier_high_risk,
            weight: asset.weight,
            key: e.key,
            radio: asset.radio,
            depends_on: e
                .depends_on
                .iter()
                .map(|&l| {
                    let targets = inv.targets(inv.link(l)).iter().map(|&t| id(t)).collect();
                    LinkEntry::new(inv, l, targets)
                })
                .collect(),
            dependents: e
                .dependents
                .iter()
                .map(|&(l, from)| LinkEntry::new(inv, l, vec![id(from)]))
                .collect(),
            exposure: e.exposure.as_ref().map(|p| PathEntry::new(p, inv)),
            offshore: e.offshore.as_ref().map(|p| PathEntry::new(p, inv)),
            lockin_group: e.lockin_group.as_ref().map(|g| GroupEntry::new(g, inv)),
            failing_suppliers: suppliers(&e.failing_suppliers),
            upstream_suppliers: suppliers(&e.upstream_suppliers),
            impacts: a
                .impacts
                .iter()
                .map(|i| AssetImpactEntry::new(i, inv))
                .collect(),
        }
    }
}

impl LinkEntry {
    /// Link `l` seen from the asset, with the ids of the other assets.
    fn new(inv: &Inventory, l: LinkIx, assets: Vec<String>) -> Self {
        let link = inv.link(l);
        LinkEntry {
            kind: link.kind.as_str().to_owned(),
            assets,
            need: link.need,
            interface: inv.interface(link).map(str::to_owned),
            open: link.open,
            propagates_failure: link.kind.propagates_failure(),
            propagates_control: link.kind.propagates_control(),
        }
    }

    /// Whether the link has alternatives (k of n with n > 1).
    pub fn has_alternatives(&self) -> bool {
        self.assets.len() > 1
    }
}

impl PathEntry {
    /// A whole control path, named.
    fn new(p: &ControlPath, inv: &Inventory) -> Self {
        PathEntry {
            kind: p.kind_name().to_owned(),
            path: p
                .assets()
                .iter()
                .map(|&a| inv.asset(a).id.to_string())
                .collect(),
            supplier: inv.supplier(inv.asset(p.end()).supplier).id.to_string(),
        }
    }
}
