//! `explain`: everything the analyses say about one asset, as data.

use crate::graph::SupplyGraph;
use crate::model::AssetIx;

use super::config::Context;
use super::control_path::ControlPath;
use super::exposure::ExposurePaths;
use super::failure::{FailureScratch, Subgraph};
use super::lockin::{LockinGroup, LockinGroups};

/// One link seen from the asset.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkView {
    /// Link kind.
    pub kind: String,
    /// The other assets: the targets (dependencies) or the `from` (dependents).
    pub assets: Vec<String>,
    /// How many targets must be up.
    pub need: u32,
    /// Interface label.
    pub interface: Option<String>,
    /// Whether the interface is open.
    pub open: bool,
    /// Whether failure propagates along it.
    pub propagates_failure: bool,
    /// Whether control propagates along it.
    pub propagates_control: bool,
}

/// A control path to a high-risk asset or an offshore managed service.
#[derive(Clone, Debug, PartialEq)]
pub struct PathView {
    /// `direct` or the first link's kind.
    pub kind: String,
    /// Asset ids, from the asset to the end.
    pub path: Vec<String>,
    /// The supplier at the end.
    pub supplier: String,
}

/// What `explain` reports on an asset.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
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
    pub depends_on: Vec<LinkView>,
    /// What depends on it, one entry per link.
    pub dependents: Vec<LinkView>,
    /// The shortest control path to a high-risk supplier, if any.
    pub exposure: Option<PathView>,
    /// The shortest control path to a managed service operated from outside the allowed
    /// countries, if any.
    pub offshore: Option<PathView>,
    /// Its lock-in group.
    pub lockin_group: Option<LockinGroup>,
    /// Suppliers whose failure alone takes it down, by id.
    pub failing_suppliers: Vec<String>,
    /// Suppliers it depends on along failure-propagating links (itself included), by id.
    pub upstream_suppliers: Vec<String>,
}

/// Explains one asset.
pub fn explain(
    cx: &Context<'_>,
    paths: &ExposurePaths,
    lockin: &LockinGroups,
    a: AssetIx,
) -> Explanation {
    let g: &SupplyGraph = cx.graph;
    let inv = g.inventory();
    let asset = inv.asset(a);
    let id = |x: AssetIx| inv.asset(x).id.to_string();
    let view = |l: crate::model::LinkIx, assets: Vec<String>| {
        let link = inv.link(l);
        LinkView {
            kind: link.kind.as_str().to_owned(),
            assets,
            need: link.need,
            interface: link.interface.as_deref().map(str::to_owned),
            open: link.open,
            propagates_failure: link.kind.propagates_failure(),
            propagates_control: link.kind.propagates_control(),
        }
    };
    let depends_on = g
        .links_from(a)
        .map(|l| view(l, inv.link(l).targets.iter().map(|&t| id(t)).collect()))
        .collect();
    let mut incoming: Vec<(crate::model::LinkIx, AssetIx)> =
        g.dependents(a).map(|d| (d.link, d.asset)).collect();
    incoming.sort_unstable();
    incoming.dedup();
    let dependents = incoming
        .into_iter()
        .map(|(l, from)| view(l, vec![id(from)]))
        .collect();
    let path_view = |p: Option<ControlPath>| {
        p.map(|path| PathView {
            kind: path.kind_name().to_owned(),
            supplier: inv.supplier(inv.asset(path.end()).supplier).id.to_string(),
            path: path.assets().iter().map(|&x| id(x)).collect(),
        })
    };
    let sub = Subgraph::reachable(g, &[a]);
    let mut scratch = FailureScratch::default();
    let mut failing = Vec::new();
    let mut upstream = Vec::new();
    for s in sub.suppliers().collect::<Vec<_>>() {
        upstream.push(cx.supplier_id(s).to_owned());
        sub.fail(&[s], &mut scratch);
        if scratch.is_down(0) {
            failing.push(cx.supplier_id(s).to_owned());
        }
    }
    Explanation {
        asset: asset.id.to_string(),
        operator: inv.operator(asset.operator).id.to_string(),
        function: inv.function_name(asset.function).to_owned(),
        domain: inv.domain_name(asset.domain).to_owned(),
        supplier: cx.supplier_id(asset.supplier).to_owned(),
        supplier_high_risk: cx.high_risk[asset.supplier.index()],
        weight: asset.weight,
        key: cx.key[a.index()],
        radio: asset.radio,
        depends_on,
        dependents,
        exposure: path_view(paths.high_risk.path(g, a)),
        offshore: path_view(paths.offshore.path(g, a)),
        lockin_group: lockin.group_of(a).cloned(),
        failing_suppliers: failing,
        upstream_suppliers: upstream,
    }
}
