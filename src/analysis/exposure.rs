//! Section 4, high-risk exposure (R5): control paths from key assets to high-risk suppliers,
//! and offshore operation of key assets through managed services.
//!
//! Both are one multi-source breadth-first search backwards along control edges from the
//! assets that matter (high-risk assets; offshore managed services), not one search per
//! key asset: linear in the graph.

use crate::graph::SupplyGraph;
use crate::model::{AssetIx, DomainIx, OperatorIx};
use crate::vocab::LinkKind;

use super::config::Context;
use super::control_path::ControlPath;

/// At most this many assets of a control path are kept in an operator's figures: a longer
/// path keeps its first `PATH_LIMIT - 1` assets and its end (cli.md, "Bounded lists").
pub const PATH_LIMIT: usize = 32;

/// Shortest control paths from every asset to a set of target assets, as a BFS tree: each
/// asset knows its next step on its evidence path and the target the path ends at, so a
/// path is never stored per asset and its length and end cost nothing to read.
pub struct ControlPaths {
    // Distance in control steps to the nearest target, u32::MAX when none is reachable.
    dist: Vec<u32>,
    // The next asset on the evidence path and the kind of the link to it (targets and
    // unreachable assets: u32::MAX and None).
    next: Vec<(u32, Option<LinkKind>)>,
    // The target the evidence path ends at, u32::MAX when none is reachable.
    end: Vec<u32>,
}

impl ControlPaths {
    /// Multi-source BFS backwards along control edges from `targets`, then each reached
    /// asset's next step: linear in the graph.
    pub fn to_targets(graph: &SupplyGraph, targets: impl Iterator<Item = AssetIx>) -> Self {
        let n = graph.asset_count();
        let mut dist = vec![u32::MAX; n];
        let mut order: Vec<AssetIx> = Vec::new();
        for t in targets {
            if dist[t.index()] == u32::MAX {
                dist[t.index()] = 0;
                order.push(t);
            }
        }
        let mut head = 0;
        while head < order.len() {
            let v = order[head];
            head += 1;
            let d = dist[v.index()] + 1;
            for dep in graph.dependents(v) {
                if dep.kind.propagates_control() && dist[dep.asset.index()] == u32::MAX {
                    dist[dep.asset.index()] = d;
                    order.push(dep.asset);
                }
            }
        }
        let mut next = vec![(u32::MAX, None); n];
        let mut end = vec![u32::MAX; n];
        // In BFS order, an asset's next step (one step nearer) is settled before it.
        for &v in &order {
            if dist[v.index()] == 0 {
                end[v.index()] = v.0;
                continue;
            }
            let (step, kind) = Self::step(graph, &dist, v);
            next[v.index()] = (step.0, Some(kind));
            end[v.index()] = end[step.index()];
        }
        ControlPaths { dist, next, end }
    }

    /// The next step of `v` on its evidence path: among the dependencies one step nearer,
    /// the smallest asset id; of several control links to it, the first kind of
    /// `managed_by`, `operated_by`, `runs_on` (alphabetical).
    fn step(graph: &SupplyGraph, dist: &[u32], v: AssetIx) -> (AssetIx, LinkKind) {
        let want = dist[v.index()] - 1;
        let mut best: Option<(AssetIx, LinkKind)> = None;
        for dep in graph.dependencies(v) {
            if !dep.kind.propagates_control() || dist[dep.asset.index()] != want {
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
        best.expect("a shortest path continues")
    }

    /// Whether a target is reachable from `a` along control edges.
    pub fn reaches(&self, a: AssetIx) -> bool {
        self.dist[a.index()] != u32::MAX
    }

    /// The number of steps of the evidence path from `a` (k of analyses.md section 4).
    pub fn steps(&self, a: AssetIx) -> Option<usize> {
        self.reaches(a).then(|| self.dist[a.index()] as usize)
    }

    /// The target the evidence path from `a` ends at.
    pub fn end(&self, a: AssetIx) -> Option<AssetIx> {
        self.reaches(a).then(|| AssetIx(self.end[a.index()]))
    }

    /// The evidence path from `a`, whole: among the shortest paths, the one whose asset ids
    /// are lexicographically smallest (each step takes the smallest next id, which gives
    /// the lexicographically smallest path); with the kind of its first step.
    pub fn path(&self, _graph: &SupplyGraph, a: AssetIx) -> Option<ControlPath> {
        let (assets, kind) = self.walk(a, usize::MAX)?;
        Some(ControlPath::new(assets, kind))
    }

    /// The evidence path from `a` bounded to [`PATH_LIMIT`] assets: the whole path when it
    /// is that short, else its first `PATH_LIMIT - 1` assets and its end. With the kind of
    /// its first step.
    pub fn bounded_path(&self, a: AssetIx) -> Option<(Vec<AssetIx>, Option<LinkKind>)> {
        let (mut assets, kind) = self.walk(a, PATH_LIMIT - 1)?;
        let end = AssetIx(self.end[a.index()]);
        if assets.last() != Some(&end) {
            assets.push(end);
        }
        Some((assets, kind))
    }

    /// The first `max` assets of the path from `a` (all of it when shorter).
    fn walk(&self, a: AssetIx, max: usize) -> Option<(Vec<AssetIx>, Option<LinkKind>)> {
        if !self.reaches(a) {
            return None;
        }
        let len = (self.dist[a.index()] as usize + 1).min(max);
        let mut assets = Vec::with_capacity(len);
        let mut v = a;
        assets.push(v);
        while assets.len() < len {
            v = AssetIx(self.next[v.index()].0);
            assets.push(v);
        }
        Some((assets, self.next[a.index()].1))
    }
}

/// An exposed key asset, or one operated from outside the allowed countries: the asset and
/// its evidence path, by index (the report names them; the path's end is the high-risk
/// asset or the offshore managed service).
#[derive(Clone, Debug, PartialEq)]
pub struct ExposedAsset {
    /// The key asset.
    pub asset: AssetIx,
    /// The kind of the path's first link; `None` for a path of one asset (`direct`: its own
    /// supplier is high-risk).
    pub kind: Option<LinkKind>,
    /// The assets from the key asset to the path's end, bounded to [`PATH_LIMIT`] (the
    /// first ones and the end).
    pub path: Vec<AssetIx>,
    /// The number of steps of the whole path.
    pub path_length: usize,
}

impl ExposedAsset {
    /// The asset at the end of the path.
    pub fn end(&self) -> AssetIx {
        *self.path.last().expect("a path has its start")
    }

    /// `direct` or the kind of the path's first link, as printed.
    pub fn kind_name(&self) -> &'static str {
        self.kind.map_or(ControlPath::DIRECT, LinkKind::as_str)
    }
}

/// The exposure index of one domain.
#[derive(Clone, Debug, PartialEq)]
pub struct ExposureDomain {
    /// The domain.
    pub domain: DomainIx,
    /// Exposed key weight over key weight in the domain.
    pub index: f64,
    /// Key weight in the domain.
    pub key_weight: f64,
}

/// The exposure figures of one operator.
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    /// Exposed key weight over key weight; `None` when key assets weigh nothing.
    pub index: Option<f64>,
    /// Total weight of the key assets.
    pub key_weight: f64,
    /// Per domain with positive key weight, by domain name.
    pub domains: Vec<ExposureDomain>,
    /// Every exposed key asset, by asset id.
    pub exposed: Vec<ExposedAsset>,
    /// Every key asset operated from outside the allowed countries, by asset id; the path
    /// ends at the managed service.
    pub offshore: Vec<ExposedAsset>,
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
        if let Some((path, kind)) = paths.high_risk.bounded_path(a) {
            exposed_weight += asset.weight;
            d.1 += asset.weight;
            exposed.push(ExposedAsset {
                asset: a,
                kind,
                path,
                path_length: paths.high_risk.steps(a).unwrap_or(0),
            });
        }
        if let Some((path, kind)) = paths.offshore.bounded_path(a) {
            offshore.push(ExposedAsset {
                asset: a,
                kind,
                path,
                path_length: paths.offshore.steps(a).unwrap_or(0),
            });
        }
    }
    let domains = per_domain
        .iter()
        .enumerate()
        .filter(|(_, d)| d.2 && d.0 > 0.0)
        .map(|(i, d)| ExposureDomain {
            domain: DomainIx(i as u32),
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
