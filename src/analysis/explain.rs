//! `explain`: everything the analyses say about one asset, as data.

use std::sync::Arc;

use crate::graph::SupplyGraph;
use crate::model::{AssetIx, LinkIx, SupplierIx};

use super::config::Context;
use super::control_path::ControlPath;
use super::exposure::ExposurePaths;
use super::failure::{FailureScratch, Subgraph};
use super::lockin::{LockinGroup, LockinGroups};

/// What the analyses say about one asset, by index: `explain` names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The asset.
    pub asset: AssetIx,
    /// Whether its supplier is high-risk.
    pub supplier_high_risk: bool,
    /// Whether it is a key asset under the policy.
    pub key: bool,
    /// What it depends on: its links, in link order.
    pub depends_on: Vec<LinkIx>,
    /// What depends on it: each link to it with its `from` asset, in link order.
    pub dependents: Vec<(LinkIx, AssetIx)>,
    /// The shortest control path to a high-risk supplier, if any.
    pub exposure: Option<ControlPath>,
    /// The shortest control path to a managed service operated from outside the allowed
    /// countries, if any.
    pub offshore: Option<ControlPath>,
    /// Its lock-in group.
    pub lockin_group: Option<Arc<LockinGroup>>,
    /// Suppliers whose failure alone takes it down, in id order.
    pub failing_suppliers: Vec<SupplierIx>,
    /// Suppliers it depends on along failure-propagating links (its own included), in id
    /// order.
    pub upstream_suppliers: Vec<SupplierIx>,
}

/// Explains one asset.
pub fn explain(
    cx: &Context<'_>,
    paths: &ExposurePaths,
    lockin: &LockinGroups,
    a: AssetIx,
) -> Explanation {
    let g: &SupplyGraph = cx.graph;
    let mut dependents: Vec<(LinkIx, AssetIx)> =
        g.dependents(a).map(|d| (d.link, d.asset)).collect();
    dependents.sort_unstable();
    dependents.dedup();
    let sub = Subgraph::reachable(g, &[a]);
    let mut scratch = FailureScratch::default();
    let upstream: Vec<SupplierIx> = sub.suppliers().collect();
    let mut failing = Vec::new();
    for &s in &upstream {
        sub.fail(&[s], &mut scratch);
        // The asset is the subgraph's root: local index 0.
        if scratch.is_down(0) {
            failing.push(s);
        }
    }
    Explanation {
        asset: a,
        supplier_high_risk: cx.is_high_risk(g.inventory().asset(a).supplier),
        key: cx.is_key(a),
        depends_on: g.links_from(a).collect(),
        dependents,
        exposure: paths.high_risk.path(g, a),
        offshore: paths.offshore.path(g, a),
        lockin_group: lockin.group_arc(a),
        failing_suppliers: failing,
        upstream_suppliers: upstream,
    }
}
