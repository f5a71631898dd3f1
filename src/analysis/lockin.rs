//! Section 3, lock-in: groups of assets joined by closed interfaces.

use std::collections::BTreeSet;
use std::sync::Arc;

use petgraph::unionfind::UnionFind;

use crate::graph::SupplyGraph;
use crate::model::{AssetIx, DomainIx, OperatorIx, SupplierIx};

use super::config::Context;

/// One lock-in group: a connected component (ignoring direction) of closed pairs; by index
/// (the report names it).
#[derive(Clone, Debug, PartialEq)]
pub struct LockinGroup {
    /// The member assets, sorted by id: the forced co-replacement set. The first one (the
    /// smallest id) names the group.
    pub members: Vec<AssetIx>,
    /// Their total weight.
    pub weight: f64,
    /// Their suppliers, sorted.
    pub suppliers: Vec<SupplierIx>,
    /// Their domains, sorted.
    pub domains: Vec<DomainIx>,
    /// Their operators, sorted.
    pub operators: Vec<OperatorIx>,
}

impl LockinGroup {
    /// The asset that names the group: its smallest id.
    pub fn first(&self) -> AssetIx {
        self.members[0]
    }
}

/// Every lock-in group of a graph.
pub struct LockinGroups {
    /// Sorted by id. Shared (not copied) with every operator's [`LockinFigures`].
    pub groups: Vec<Arc<LockinGroup>>,
    // For each asset, its group's position in `groups`, or u32::MAX.
    group_of: Vec<u32>,
}

/// The lock-in figures of one operator.
#[derive(Clone, Debug, PartialEq)]
pub struct LockinFigures {
    /// Weight of the operator's assets in some group over the weight of all its assets.
    pub index: Option<f64>,
    /// The groups holding one of its assets: weight descending, then id. Each is shared
    /// with [`LockinGroups`], not copied, so the figures stay linear in the graph.
    pub groups: Vec<Arc<LockinGroup>>,
    /// Whether the group at the same position of `groups` holds a key asset of this
    /// operator.
    pub holds_key: Vec<bool>,
}

impl LockinGroups {
    /// Finds every group: one union-find pass over the closed pairs.
    pub fn new(graph: &SupplyGraph) -> Self {
        let inv = graph.inventory();
        let n = inv.assets.len();
        let mut uf: UnionFind<u32> = UnionFind::new(n);
        let mut paired = vec![false; n];
        for link in inv.links.iter().filter(|l| !l.open) {
            for &t in inv.targets(link).iter() {
                uf.union(link.from.0, t.0);
                paired[link.from.index()] = true;
                paired[t.index()] = true;
            }
        }
        // Assets are visited in id order, so a group's first member is its smallest id.
        let mut group_of = vec![u32::MAX; n];
        let mut root_group: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        let mut members: Vec<Vec<AssetIx>> = Vec::new();
        for a in 0..n {
            if !paired[a] {
                continue;
            }
            let root = uf.find(a as u32);
            let gi = *root_group.entry(root).or_insert_with(|| {
                members.push(Vec::new());
                (members.len() - 1) as u32
            });
            group_of[a] = gi;
            members[gi as usize].push(AssetIx(a as u32));
        }
        let groups = members
            .into_iter()
            .map(|m| {
                let mut suppliers = BTreeSet::new();
                let mut domains = BTreeSet::new();
                let mut operators = BTreeSet::new();
                let mut weight = 0.0;
                for &a in &m {
                    let asset = inv.asset(a);
                    suppliers.insert(asset.supplier);
                    domains.insert(asset.domain);
                    operators.insert(asset.operator);
                    weight += asset.weight;
                }
                Arc::new(LockinGroup {
                    members: m,
                    weight,
                    suppliers: suppliers.into_iter().collect(),
                    domains: domains.into_iter().collect(),
                    operators: operators.into_iter().collect(),
                })
            })
            .collect();
        LockinGroups { groups, group_of }
    }

    /// The group of an asset.
    pub fn group_of(&self, a: AssetIx) -> Option<&LockinGroup> {
        let g = self.group_of[a.index()];
        (g != u32::MAX).then(|| &*self.groups[g as usize])
    }

    /// The group of an asset, shared.
    pub fn group_arc(&self, a: AssetIx) -> Option<Arc<LockinGroup>> {
        let g = self.group_of[a.index()];
        (g != u32::MAX).then(|| Arc::clone(&self.groups[g as usize]))
    }

    /// The lock-in figures of an operator: one pass over its assets, linear.
    pub fn figures(&self, cx: &Context<'_>, o: OperatorIx) -> LockinFigures {
        let graph = cx.graph;
        let inv = graph.inventory();
        let mut total = 0.0;
        let mut locked = 0.0;
        // (group, whether this operator's asset in it is key).
        let mut ids: Vec<(u32, bool)> = Vec::new();
        for &a in graph.operator_assets(o) {
            let w = inv.asset(a).weight;
            total += w;
            let g = self.group_of[a.index()];
            if g != u32::MAX {
                locked += w;
                ids.push((g, cx.is_key(a)));
            }
        }
        ids.sort_unstable();
        let mut groups: Vec<(Arc<LockinGroup>, bool)> = Vec::new();
        for chunk in ids.chunk_by(|a, b| a.0 == b.0) {
            let key = chunk.iter().any(|x| x.1);
            groups.push((Arc::clone(&self.groups[chunk[0].0 as usize]), key));
        }
        groups.sort_by(|a, b| {
            super::concentration::desc_then_id(a.0.weight, &a.0.first(), b.0.weight, &b.0.first())
        });
        let (groups, holds_key) = groups.into_iter().unzip();
        LockinFigures {
            index: (total > 0.0).then(|| locked / total),
            groups,
            holds_key,
        }
    }
}
