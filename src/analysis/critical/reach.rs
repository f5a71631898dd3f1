//! The part of the graph that an operator's service units reach along failure-propagating
//! links, in local indices, with each link's targets and the links into each asset.

use rustc_hash::FxHashMap;

use crate::graph::SupplyGraph;
use crate::model::AssetIx;

/// C(o) of `analyses.md` section 8 as a compact graph: local node `v` is `assets[v]`; the
/// first `units` nodes are the operator's service units, in the order given.
pub(super) struct Reach {
    /// Local index -> asset.
    pub assets: Vec<AssetIx>,
    /// Asset -> local index.
    pub local: FxHashMap<AssetIx, u32>,
    /// The links of node `v` are `out_start[v]..out_start[v + 1]` (links are numbered in
    /// the order of their `from`, so the targets of all links of `v` are contiguous too).
    pub out_start: Vec<u32>,
    /// Per link: how many of its targets must be down for it to fail (targets - need + 1).
    pub link_m: Vec<u32>,
    /// Per link: its `from`.
    pub link_from: Vec<u32>,
    /// Per link: its targets are `tgt[tgt_start[l]..tgt_start[l + 1]]`.
    pub tgt_start: Vec<u32>,
    /// Link targets, local.
    pub tgt: Vec<u32>,
    /// The links having node `t` as a target are `in_links[in_start[t]..in_start[t + 1]]`.
    pub in_start: Vec<u32>,
    /// Links by target.
    pub in_links: Vec<u32>,
}

impl Reach {
    /// Everything `units` reach along failure-propagating links, the units included.
    pub fn new(graph: &SupplyGraph, units: &[AssetIx]) -> Reach {
        let inv = graph.inventory();
        let mut local: FxHashMap<AssetIx, u32> = FxHashMap::default();
        let mut assets: Vec<AssetIx> = Vec::with_capacity(units.len());
        for &u in units {
            local.entry(u).or_insert_with(|| {
                assets.push(u);
                assets.len() as u32 - 1
            });
        }
        let mut out_start = vec![0u32];
        let (mut link_m, mut link_from) = (Vec::new(), Vec::new());
        let (mut tgt_start, mut tgt) = (vec![0u32], Vec::new());
        let mut v = 0;
        while v < assets.len() {
            for l in graph.links_from(assets[v]) {
                let link = inv.link(l);
                if !link.kind.propagates_failure() {
                    continue;
                }
                for &t in inv.targets(link).iter() {
                    let next = assets.len() as u32;
                    let t_local = *local.entry(t).or_insert_with(|| {
                        assets.push(t);
                        next
                    });
                    tgt.push(t_local);
                }
                tgt_start.push(tgt.len() as u32);
                link_m.push(link.target_count() as u32 - link.need + 1);
                link_from.push(v as u32);
            }
            out_start.push(link_m.len() as u32);
            v += 1;
        }
        let mut in_start = vec![0u32; assets.len() + 1];
        for &t in &tgt {
            in_start[t as usize + 1] += 1;
        }
        for i in 0..assets.len() {
            in_start[i + 1] += in_start[i];
        }
        let mut fill = in_start.clone();
        let mut in_links = vec![0u32; tgt.len()];
        for l in 0..link_m.len() {
            for &t in &tgt[tgt_start[l] as usize..tgt_start[l + 1] as usize] {
                in_links[fill[t as usize] as usize] = l as u32;
                fill[t as usize] += 1;
            }
        }
        Reach {
            assets,
            local,
            out_start,
            link_m,
            link_from,
            tgt_start,
            tgt,
            in_start,
            in_links,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.assets.len()
    }

    /// The links of node `v`.
    pub fn links(&self, v: u32) -> std::ops::Range<usize> {
        self.out_start[v as usize] as usize..self.out_start[v as usize + 1] as usize
    }

    /// The targets of link `l`.
    pub fn targets(&self, l: usize) -> &[u32] {
        &self.tgt[self.tgt_start[l] as usize..self.tgt_start[l + 1] as usize]
    }

    /// Every target of every link of node `v` (with repeats when two links share one).
    pub fn successors(&self, v: u32) -> &[u32] {
        let r = self.links(v);
        &self.tgt[self.tgt_start[r.start] as usize..self.tgt_start[r.end] as usize]
    }

    /// The links having node `t` as a target.
    pub fn links_into(&self, t: u32) -> &[u32] {
        &self.in_links[self.in_start[t as usize] as usize..self.in_start[t as usize + 1] as usize]
    }
}
