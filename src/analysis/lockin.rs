//! Section 3, lock-in: groups of assets joined by closed interfaces.

use std::collections::BTreeSet;

use petgraph::unionfind::UnionFind;
use serde::Serialize;

use crate::graph::SupplyGraph;
use crate::model::{AssetIx, OperatorIx};

/// One lock-in group: a connected component (ignoring direction) of closed pairs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LockinGroup {
    /// The smallest asset id of the group.
    pub id: String,
    /// Number of assets.
    pub assets: usize,
    /// Their total weight.
    pub weight: f64,
    /// Their suppliers, sorted.
    pub suppliers: Vec<String>,
    /// Their domains, sorted.
    pub domains: Vec<String>,
    /// Their operators, sorted.
    pub operators: Vec<String>,
    /// The member assets, sorted by id: the forced co-replacement set.
    #[serde(skip)]
    pub members: Vec<AssetIx>,
}

/// Every lock-in group of a graph.
pub struct LockinGroups {
    /// Sorted by id.
    pub groups: Vec<LockinGroup>,
    // For each asset, its group's position in `groups`, or u32::MAX.
    group_of: Vec<u32>,
}

/// The lock-in figures of one operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LockinFigures {
    /// Weight of the operator's assets in some group over the weight of all its assets.
    pub index: Option<f64>,
    /// The groups holding one of its assets: weight descending, then id.
    pub groups: Vec<LockinGroup>,
}

impl LockinGroups {
    /// Finds every group: one union-find pass over the closed pairs.
    pub fn new(graph: &SupplyGraph) -> Self {
        let inv = graph.inventory();
        let n = inv.assets.len();
        let mut uf: UnionFind<u32> = UnionFind::new(n);
        let mut paired = vec![false; n];
        for link in inv.links.iter().filter(|l| !l.open) {
            for &t in link.targets.iter() {
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
                    suppliers.insert(&*inv.supplier(asset.supplier).id);
                    domains.insert(inv.domain_name(asset.domain));
                    operators.insert(&*inv.operator(asset.operator).id);
                    weight += asset.weight;
                }
                LockinGroup {
                    id: inv.asset(m[0]).id.to_string(),
                    assets: m.len(),
                    weight,
                    suppliers: suppliers.into_iter().map(str::to_owned).collect(),
                    domains: domains.into_iter().map(str::to_owned).collect(),
                    operators: operators.into_iter().map(str::to_owned).collect(),
                    members: m,
                }
            })
            .collect();
        LockinGroups { groups, group_of }
    }

    /// The group of an asset.
    pub fn group_of(&self, a: AssetIx) -> Option<&LockinGroup> {
        let g = self.group_of[a.index()];
        (g != u32::MAX).then(|| &self.groups[g as usize])
    }

    /// The lock-in figures of an operator.
    pub fn figures(&self, graph: &SupplyGraph, o: OperatorIx) -> LockinFigures {
        let inv = graph.inventory();
        let mut total = 0.0;
        let mut locked = 0.0;
        let mut ids: Vec<u32> = Vec::new();
        for &a in graph.operator_assets(o) {
            let w = inv.asset(a).weight;
            total += w;
            let g = self.group_of[a.index()];
            if g != u32::MAX {
                locked += w;
                ids.push(g);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let mut groups: Vec<LockinGroup> = ids
            .into_iter()
            .map(|g| self.groups[g as usize].clone())
            .collect();
        groups.sort_by(|a, b| super::concentration::desc_then_id(a.weight, &a.id, b.weight, &b.id));
        LockinFigures {
            index: (total > 0.0).then(|| locked / total),
            groups,
        }
    }
}
