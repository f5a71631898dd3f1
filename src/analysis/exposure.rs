//! Section 4, high-risk exposure (R5): control paths from key assets to high-risk suppliers,
//! and offshore operation of key assets through managed services.
//!
//! Both are one multi-source breadth-first search backwards along control edges from the
//! assets that matter (high-risk assets; offshore managed services), not one search per
//! key asset: linear in the graph.

use serde::Serialize;

use crate::graph::SupplyGraph;
use crate::model::{AssetIx, OperatorIx};
use crate::vocab::LinkKind;

use super::config::Context;
use super::control_path::ControlPath;

/// Shortest control paths from every asset to a set of target assets.
pub struct ControlPaths {
    // Distance in control steps to the nearest target, u32::MAX when none is reachable.
    dist: Vec<u32>,
}

impl ControlPaths {
    /// Multi-source BFS backwards along control edges from `targets`.
    pub fn to_targets(graph: &SupplyGraph, targets: impl Iterator<Item = AssetIx>) -> Self {
        let mut dist = vec![u32::MAX; graph.asset_count()];
        let mut queue = std::collections::VecDeque::new();
        for t in targets {
            if dist[t.index()] == u32::MAX {
                dist[t.index()] = 0;
                queue.push_back(t);
            }
        }
        while let Some(v) = queue.pop_front() {
            let d = dist[v.index()] + 1;
            for dep in graph.dependents(v) {
                if dep.kind.propagates_control() && dist[dep.asset.index()] == u32::MAX {
                    dist[dep.asset.index()] = d;
                    queue.push_back(dep.asset);
                }
            }
        }
        ControlPaths { dist }
    }

    /// Whether a target is reachable from `a` along control edges.
    pub fn reaches(&self, a: AssetIx) -> bool {
        self.dist[a.index()] != u32::MAX
    }

    /// The evidence path from `a`: among the shortest paths, the one whose asset ids are
    /// lexicographically smallest; with the kind of its first step (when it has one).
    /// When several control links join the first two assets, the kind is the first of
    /// `managed_by`, `operated_by`, `runs_on` (alphabetical) among them.
    pub fn path(&self, graph: &SupplyGraph, a: AssetIx) -> Option<ControlPath> {
        if !self.reaches(a) {
            return None;
        }
        let mut path = vec![a];
        let mut first_kind = None;
        let mut v = a;
        while self.dist[v.index()] > 0 {
            let want = self.dist[v.index()] - 1;
            let mut best: Option<(AssetIx, LinkKind)> = None;
            for dep in graph.dependencies(v) {
                if !dep.kind.propagates_control() || self.dist[dep.asset.index()] != want {
                    continue;
                }
                best = match best {
                    None => Some((dep.asset, dep.kind)),
                    Some((b, k))
                        if dep.asset < b || (dep.asset == b && dep.kind.as_str() < k.as_str()) =>
                    {
                        Some((dep.asset, dep.kind))
                    }
                    keep => keep,
                };
            }
            let (next, kind) = best.expect("a shortest path continues");
            if path.len() == 1 {
                first_kind = Some(kind);
            }
            path.push(next);
            v = next;
        }
        Some(ControlPath::new(path, first_kind))
    }
}

/// An exposed key asset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposedAsset {
    /// Asset id.
    pub asset: String,
    /// `direct` (its own supplier is high-risk) or the kind of the path's first link.
    pub kind: String,
    /// Asset ids from the key asset to the high-risk one.
    pub path: Vec<String>,
    /// The high-risk supplier at the end of the path.
    pub supplier: String,
    /// The asset's domain.
    pub domain: String,
    /// The asset's weight.
    pub weight: f64,
}

/// A key asset operated from outside the allowed countries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OffshoreAsset {
    /// Asset id.
    pub asset: String,
    /// The managed service at the end of the path.
    pub managed_service: String,
    /// Where that service is operated from.
    pub location: String,
    /// Its supplier.
    pub supplier: String,
    /// Asset ids from the key asset to the managed service.
    pub path: Vec<String>,
}

/// The exposure index of one domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureDomain {
    /// Domain name.
    pub domain: String,
    /// Exposed key weight over key weight in the domain.
    pub index: f64,
    /// Key weight in the domain.
    pub key_weight: f64,
}

/// The exposure figures of one operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exposure {
    /// Exposed key weight over key weight; `None` when key assets weigh nothing.
    pub index: Option<f64>,
    /// Total weight of the key assets.
    pub key_weight: f64,
    /// Per domain with positive key weight, by domain name.
    pub domains: Vec<ExposureDomain>,
    /// Every exposed key asset, by asset id.
    pub exposed: Vec<ExposedAsset>,
    /// Every key asset operated from outside the allowed countries, by asset id.
    pub offshore: Vec<OffshoreAsset>,
}

/// Control paths to high-risk assets and to offshore managed services, computed once.
pub struct ExposurePaths {
    /// To assets with a high-risk supplier.
    pub high_risk: ControlPaths,
    /// To managed services operated from outside the allowed countries.
    pub offshore: ControlPaths,
}

impl ExposurePaths {
    /// Two multi-source searches over the whole graph.
    pub fn new(cx: &Context<'_>) -> Self {
        let g = cx.graph;
        let inv = g.inventory();
        let all = || (0..inv.assets.len() as u32).map(AssetIx);
        let high_risk = ControlPaths::to_targets(
            g,
            all().filter(|&a| cx.high_risk[inv.asset(a).supplier.index()]),
        );
        let offshore = ControlPaths::to_targets(
            g,
            all().filter(|&a| {
                inv.function_name(inv.asset(a).function) == "managed-service"
                    && !cx.is_allowed(inv.asset_location(a))
            }),
        );
        ExposurePaths {
            high_risk,
            offshore,
        }
    }
}

/// The exposure figures of operator `o`.
pub fn exposure(cx: &Context<'_>, paths: &ExposurePaths, o: OperatorIx) -> Exposure {
    let g = cx.graph;
    let inv = g.inventory();
    let ids = |p: &[AssetIx]| {
        p.iter()
            .map(|&a| inv.asset(a).id.to_string())
            .collect::<Vec<_>>()
    };
    let mut key_weight = 0.0;
    let mut exposed_weight = 0.0;
    // Per domain: (key weight, exposed weight), indexed by DomainIx.
    let mut per_domain = vec![(0.0f64, 0.0f64, false); inv.domains.len()];
    let mut exposed = Vec::new();
    let mut offshore = Vec::new();
    for &a in g.operator_assets(o) {
        if !cx.key[a.index()] {
            continue;
        }
        let asset = inv.asset(a);
        key_weight += asset.weight;
        let d = &mut per_domain[asset.domain.index()];
        d.0 += asset.weight;
        d.2 = true;
        if let Some(path) = paths.high_risk.path(g, a) {
            exposed_weight += asset.weight;
            d.1 += asset.weight;
            let end = path.end();
            exposed.push(ExposedAsset {
                asset: asset.id.to_string(),
                kind: path.kind_name().to_owned(),
                supplier: inv.supplier(inv.asset(end).supplier).id.to_string(),
                domain: inv.domain_name(asset.domain).to_owned(),
                weight: asset.weight,
                path: ids(path.assets()),
            });
        }
        if let Some(path) = paths.offshore.path(g, a) {
            let end = path.end();
            offshore.push(OffshoreAsset {
                asset: asset.id.to_string(),
                managed_service: inv.asset(end).id.to_string(),
                location: inv.asset_location(end).to_string(),
                supplier: inv.supplier(inv.asset(end).supplier).id.to_string(),
                path: ids(path.assets()),
            });
        }
    }
    let domains = per_domain
        .iter()
        .enumerate()
        .filter(|(_, d)| d.2 && d.0 > 0.0)
        .map(|(i, d)| ExposureDomain {
            domain: inv.domains[i].to_string(),
            index: d.1 / d.0,
            key_weight: d.0,
        })
        .collect();
    Exposure {
        index: (key_weight > 0.0).then(|| exposed_weight / key_weight),
        key_weight,
        domains,
        exposed,
        offshore,
    }
}
