//! Section 2, supplier failure (R4): down sets with k-of-n links, outage per operator.
//!
//! A failure scenario is one linear pass over the part of the graph that an operator's
//! service units reach: a counter of targets still up per link, and a work list of assets
//! that went down. An asset goes down when a failure-propagating link from it has fewer
//! than `need` targets up; assets are only ever added, so the pass finds the least
//! fixpoint (a dependency cycle with nothing failed in it stays up).

use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::graph::SupplyGraph;
use crate::model::{AssetIx, LinkIx, OperatorIx, SupplierIx};
use crate::vocab::Generation;
use fixedbitset::FixedBitSet;
use rayon::prelude::*;

use super::concentration::desc_then_id;
use super::config::Context;
use super::down_set::DownSet;
use super::unit_share::UnitShare;
use super::worst_pair::worst_pair;

/// The supplier-failure figures of one operator; suppliers by index (the report names them).
#[derive(Clone, Debug, PartialEq)]
pub struct Outage {
    /// Total weight of the operator's service units (radio assets).
    pub units_weight: f64,
    /// 4G unit weight.
    pub units_weight_4g: f64,
    /// 5G unit weight.
    pub units_weight_5g: f64,
    /// Every relevant supplier and the outage of its failure: outage descending, then id.
    /// Empty when units weigh nothing. The first is the worst single supplier.
    pub suppliers: Vec<(SupplierIx, UnitShare)>,
    /// The largest pair outage: the two suppliers in id order and their joint outage (ties:
    /// the lexicographically smallest pair).
    pub worst_pair: Option<([SupplierIx; 2], f64)>,
    /// Outage by supplier index, in index order, for national figures.
    pub by_supplier: Vec<(SupplierIx, f64)>,
}

impl Outage {
    /// The largest single outage (ties: smallest id).
    pub fn worst_single(&self) -> Option<(SupplierIx, f64)> {
        self.suppliers.first().map(|&(s, o)| (s, o.all))
    }

    /// The outage when supplier `s` fails: `None` when the units weigh nothing, 0 when no
    /// unit depends on `s`.
    pub fn of_supplier(&self, s: SupplierIx) -> Option<f64> {
        (self.units_weight > 0.0).then(|| {
            self.by_supplier
                .binary_search_by_key(&s, |e| e.0)
                .map_or(0.0, |i| self.by_supplier[i].1)
        })
    }
}

/// The failure-propagating subgraph reachable from a set of roots, in local indices.
pub struct Subgraph {
    // Tells the subgraphs apart, so that a scratch set up for one is reset for another.
    serial: u64,
    assets: Vec<AssetIx>,
    local: HashMap<AssetIx, u32>,
    // Per local link: its `LinkIx`, its `from` (local), `need`, and number of targets.
    link_ix: Vec<LinkIx>,
    link_from: Vec<u32>,
    link_need: Vec<u32>,
    link_targets: Vec<u32>,
    // Reverse index: links having local asset t as a target are
    // rev_links[rev_start[t]..rev_start[t + 1]].
    rev_start: Vec<u32>,
    rev_links: Vec<u32>,
    // Local assets of each supplier, sorted by supplier.
    by_supplier: Vec<(SupplierIx, Vec<u32>)>,
}

/// Reusable buffers of one failure scenario (one per thread).
///
/// A scenario undoes only what the previous one on the same subgraph changed, so its cost
/// follows the size of its down set, not the size of the subgraph.
#[derive(Default)]
pub struct FailureScratch {
    // The `serial` of the subgraph the buffers hold a scenario of; 0 before the first.
    serial: u64,
    down: FixedBitSet,
    // Per local link: how many of its targets are up.
    up: Vec<u32>,
    stack: Vec<u32>,
    // The assets the last scenario put down, in that order.
    downed: Vec<u32>,
    // The links whose `up` the last scenario lowered, each once.
    lowered: Vec<u32>,
    // Down units, sorted, while an outage is summed.
    units: Vec<u32>,
}

// Serial numbers of subgraphs, from 1.
static NEXT_SERIAL: AtomicU64 = AtomicU64::new(1);

impl Subgraph {
    /// The subgraph reachable from `roots` along failure-propagating links.
    pub fn reachable(graph: &SupplyGraph, roots: &[AssetIx]) -> Subgraph {
        let inv = graph.inventory();
        let mut local: HashMap<AssetIx, u32> =
            HashMap::with_capacity_and_hasher(roots.len() * 2, Default::default());
        let mut assets: Vec<AssetIx> = Vec::new();
        for &r in roots {
            if let std::collections::hash_map::Entry::Vacant(e) = local.entry(r) {
                e.insert(assets.len() as u32);
                assets.push(r);
            }
        }
        let mut i = 0;
        while i < assets.len() {
            let a = assets[i];
            for l in graph.links_from(a) {
                let link = inv.link(l);
                if !link.kind.propagates_failure() {
                    continue;
                }
                for &t in inv.targets(link) {
                    if let std::collections::hash_map::Entry::Vacant(e) = local.entry(t) {
                        e.insert(assets.len() as u32);
                        assets.push(t);
                    }
                }
            }
            i += 1;
        }
        Self::over(graph, assets, local)
    }

    /// The whole graph.
    pub fn whole(graph: &SupplyGraph) -> Subgraph {
        let assets: Vec<AssetIx> = (0..graph.asset_count() as u32).map(AssetIx).collect();
        let local = assets.iter().map(|&a| (a, a.0)).collect();
        Self::over(graph, assets, local)
    }

    fn over(graph: &SupplyGraph, assets: Vec<AssetIx>, local: HashMap<AssetIx, u32>) -> Subgraph {
        let inv = graph.inventory();
        let n = assets.len();
        let mut link_ix = Vec::new();
        let mut link_from = Vec::new();
        let mut link_need = Vec::new();
        let mut link_targets = Vec::new();
        let mut rev_count = vec![0u32; n + 1];
        for (li, &a) in assets.iter().enumerate() {
            for l in graph.links_from(a) {
                let link = inv.link(l);
                if !link.kind.propagates_failure() {
                    continue;
                }
                link_ix.push(l);
                link_from.push(li as u32);
                link_need.push(link.need);
                link_targets.push(link.target_count() as u32);
                for t in inv.targets(link).iter() {
                    rev_count[local[t] as usize + 1] += 1;
                }
            }
        }
        for i in 0..n {
            rev_count[i + 1] += rev_count[i];
        }
        let rev_start = rev_count.clone();
        let mut fill = rev_count;
        let mut rev_links = vec![0u32; *rev_start.last().unwrap_or(&0) as usize];
        let mut next_link = 0u32;
        for &a in &assets {
            for l in graph.links_from(a) {
                let link = inv.link(l);
                if !link.kind.propagates_failure() {
                    continue;
                }
                for t in inv.targets(link).iter() {
                    let slot = &mut fill[local[t] as usize];
                    rev_links[*slot as usize] = next_link;
                    *slot += 1;
                }
                next_link += 1;
            }
        }
        let mut by_supplier: HashMap<SupplierIx, Vec<u32>> = HashMap::default();
        for (li, &a) in assets.iter().enumerate() {
            by_supplier
                .entry(inv.asset(a).supplier)
                .or_default()
                .push(li as u32);
        }
        let mut by_supplier: Vec<(SupplierIx, Vec<u32>)> = by_supplier.into_iter().collect();
        by_supplier.sort_unstable_by_key(|e| e.0);
        Subgraph {
            serial: NEXT_SERIAL.fetch_add(1, Ordering::Relaxed),
            assets,
            local,
            link_ix,
            link_from,
            link_need,
            link_targets,
            rev_start,
            rev_links,
            by_supplier,
        }
    }

    /// The suppliers of the subgraph's assets, by index.
    pub fn suppliers(&self) -> impl Iterator<Item = SupplierIx> + '_ {
        self.by_supplier.iter().map(|e| e.0)
    }

    /// The local index of an asset, if it is in the subgraph.
    pub fn local(&self, a: AssetIx) -> Option<u32> {
        self.local.get(&a).copied()
    }

    /// The assets of the subgraph, by local index.
    pub fn assets(&self) -> &[AssetIx] {
        &self.assets
    }

    /// Runs the scenario "every supplier in `failed` fails"; the down set is left in
    /// `scratch` (see [`FailureScratch::is_down`]).
    pub fn fail(&self, failed: &[SupplierIx], scratch: &mut FailureScratch) {
        self.reset(scratch);
        for s in failed {
            if let Ok(i) = self.by_supplier.binary_search_by_key(s, |e| e.0) {
                for &a in &self.by_supplier[i].1 {
                    if !scratch.down.put(a as usize) {
                        scratch.downed.push(a);
                        scratch.stack.push(a);
                    }
                }
            }
        }
        while let Some(t) = scratch.stack.pop() {
            for &l in self.dependents(t) {
                let l = l as usize;
                if scratch.up[l] == self.link_targets[l] {
                    scratch.lowered.push(l as u32);
                }
                scratch.up[l] -= 1;
                if self.link_fails(scratch, l) {
                    let f = self.link_from[l];
                    if !scratch.down.put(f as usize) {
                        scratch.downed.push(f);
                        scratch.stack.push(f);
                    }
                }
            }
        }
    }

    /// Undoes the last scenario in `scratch`: every asset up, every link's targets up.
    fn reset(&self, scratch: &mut FailureScratch) {
        if scratch.serial == self.serial {
            for &a in &scratch.downed {
                scratch.down.set(a as usize, false);
            }
            for &l in &scratch.lowered {
                scratch.up[l as usize] = self.link_targets[l as usize];
            }
        } else {
            scratch.serial = self.serial;
            scratch.down.clear();
            scratch.down.grow(self.assets.len());
            scratch.up.clear();
            scratch.up.extend_from_slice(&self.link_targets);
        }
        scratch.downed.clear();
        scratch.lowered.clear();
        scratch.stack.clear();
    }

    /// The local links that have local asset `t` among their targets.
    pub(super) fn dependents(&self, t: u32) -> &[u32] {
        let (s, e) = (
            self.rev_start[t as usize] as usize,
            self.rev_start[t as usize + 1] as usize,
        );
        &self.rev_links[s..e]
    }

    /// The `from` of a local link.
    pub(super) fn link_from(&self, l: u32) -> u32 {
        self.link_from[l as usize]
    }

    /// How many of a local link's targets may be down before it fails: targets - need.
    pub(super) fn link_slack(&self, l: u32) -> u32 {
        self.link_targets[l as usize].saturating_sub(self.link_need[l as usize])
    }

    /// The number of a local link's targets.
    pub(super) fn link_targets(&self, l: u32) -> u32 {
        self.link_targets[l as usize]
    }

    /// The number of local links.
    pub(super) fn link_count(&self) -> usize {
        self.link_from.len()
    }
}

impl Subgraph {
    /// The k-of-n rule: a link fails when fewer than `need` of its targets are up.
    fn link_fails(&self, scratch: &FailureScratch, l: usize) -> bool {
        scratch.up[l] < self.link_need[l]
    }

    /// The links that failed in the last scenario run in `scratch`.
    fn failed_links<'a>(
        &'a self,
        scratch: &'a FailureScratch,
    ) -> impl Iterator<Item = LinkIx> + 'a {
        (0..self.link_ix.len())
            .filter(|&l| self.link_fails(scratch, l))
            .map(|l| self.link_ix[l])
    }
}

impl FailureScratch {
    /// Whether the asset at a local index is down after the last scenario.
    pub fn is_down(&self, local: u32) -> bool {
        self.down.contains(local as usize)
    }

    /// The assets (local indices) the last scenario put down.
    pub(super) fn downed(&self) -> &[u32] {
        &self.downed
    }

    /// The links the last scenario lowered (some of their targets went down), each once.
    pub(super) fn lowered(&self) -> &[u32] {
        &self.lowered
    }

    /// How many targets of a local link are up after the last scenario.
    pub(super) fn up(&self, l: u32) -> u32 {
        self.up[l as usize]
    }
}

/// The down set of a failed supplier set over the whole graph.
pub fn down_set(graph: &SupplyGraph, failed: &[SupplierIx]) -> DownSet {
    let sub = Subgraph::whole(graph);
    let mut scratch = FailureScratch::default();
    sub.fail(failed, &mut scratch);
    let mut links = FixedBitSet::with_capacity(graph.inventory().links.len());
    links.extend(sub.failed_links(&scratch).map(LinkIx::index));
    // Over the whole graph, local indices are asset indices.
    DownSet::new(failed, scratch.down, links)
}

/// The service units of an operator: (local index, weight, generation). The units are the
/// subgraph's roots, so unit `i` is local asset `i`.
pub(super) struct Units {
    units: Vec<(u32, f64, Option<Generation>)>,
    total: f64,
    total_4g: f64,
    total_5g: f64,
}

impl Units {
    /// The outage of the last scenario in `scratch`: all units, 4G, 5G.
    ///
    /// The weights are summed in unit order whichever way the down units are found, so a
    /// figure has the same bits however it was reached.
    pub(super) fn outage(&self, scratch: &mut FailureScratch) -> UnitShare {
        let n = self.units.len();
        let (mut all, mut g4, mut g5) = (0.0, 0.0, 0.0);
        let mut add = |&(_, w, g): &(u32, f64, Option<Generation>)| {
            all += w;
            match g {
                Some(Generation::G4) => g4 += w,
                Some(Generation::G5) => g5 += w,
                None => {}
            }
        };
        if scratch.downed.len() >= n / 8 {
            for u in &self.units {
                if scratch.is_down(u.0) {
                    add(u);
                }
            }
        } else {
            scratch.units.clear();
            let down_units = scratch.downed.iter().filter(|&&l| (l as usize) < n);
            scratch.units.extend(down_units);
            scratch.units.sort_unstable();
            for &l in &scratch.units {
                add(&self.units[l as usize]);
            }
        }
        UnitShare::of([all, g4, g5], [self.total, self.total_4g, self.total_5g])
    }

    /// The number of units.
    pub(super) fn len(&self) -> usize {
        self.units.len()
    }

    /// The weight of unit `i` (local asset `i`).
    pub(super) fn weight(&self, i: u32) -> f64 {
        self.units[i as usize].1
    }

    /// The total weight of the units.
    pub(super) fn total(&self) -> f64 {
        self.total
    }
}

/// The supplier-failure figures of operator `o`.
pub fn failure(cx: &Context<'_>, o: OperatorIx) -> Outage {
    let g = cx.graph;
    let inv = g.inventory();
    let roots = cx.units(o);
    let sub = Subgraph::reachable(g, &roots);
    let mut units = Units {
        units: Vec::with_capacity(roots.len()),
        total: 0.0,
        total_4g: 0.0,
        total_5g: 0.0,
    };
    for (i, &a) in roots.iter().enumerate() {
        let asset = inv.asset(a);
        debug_assert_eq!(sub.local[&a] as usize, i, "units are the subgraph's roots");
        units
            .units
            .push((sub.local[&a], asset.weight, asset.generation));
        units.total += asset.weight;
        match asset.generation {
            Some(Generation::G4) => units.total_4g += asset.weight,
            Some(Generation::G5) => units.total_5g += asset.weight,
            None => {}
        }
    }
    let mut out = Outage {
        units_weight: units.total,
        units_weight_4g: units.total_4g,
        units_weight_5g: units.total_5g,
        suppliers: Vec::new(),
        worst_pair: None,
        by_supplier: Vec::new(),
    };
    if units.total <= 0.0 {
        return out;
    }
    // Relevant suppliers in id order (SupplierIx follows id order).
    let relevant: Vec<SupplierIx> = sub.suppliers().collect();
    let singles: Vec<UnitShare> = relevant
        .par_iter()
        .map_init(FailureScratch::default, |scratch, &s| {
            sub.fail(&[s], scratch);
            units.outage(scratch)
        })
        .collect();
    out.by_supplier = relevant
        .iter()
        .copied()
        .zip(singles.iter().map(|x| x.all))
        .collect();
    out.suppliers = relevant
        .iter()
        .copied()
        .zip(singles.iter().copied())
        .collect();
    out.suppliers
        .sort_by(|a, b| desc_then_id(a.1.all, &a.0, b.1.all, &b.0));
    let single_outages: Vec<f64> = singles.iter().map(|x| x.all).collect();
    out.worst_pair = worst_pair(&sub, &units, &relevant, &single_outages)
        .map(|p| ([relevant[p.i], relevant[p.j]], p.outage));
    out
}
