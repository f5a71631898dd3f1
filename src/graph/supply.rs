//! [`SupplyGraph`]: the inventory and its dependency graph, immutable once built.

use std::collections::BTreeMap;

use crate::model::{AssetIx, Country, Inventory, LinkIx, OperatorIx};
use crate::vocab::LinkKind;

/// One dependency as seen from one asset: the link, its kind and the asset at the other end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dependency {
    /// The link the edge belongs to (a link with alternatives has one edge per target).
    pub link: LinkIx,
    /// The link's kind.
    pub kind: LinkKind,
    /// The asset at the other end: the target for dependencies, the `from` for dependents.
    pub asset: AssetIx,
}

/// The validated inventory with its dependency graph.
///
/// Nodes are assets (node `i` is asset `i`); each link gives one edge from its `from` to
/// each of its targets, labelled with the link, so that a k-of-n link stays one group.
/// The edges are the inventory's own: a node's dependencies are its links' targets (links
/// are sorted by `from`, each with a range of the one target array), and its dependents
/// are read from a reverse index of 4 bytes an edge (compressed rows: the links into each
/// asset). At EU scale that is 18 MB where an adjacency-list graph with edge weights took
/// 108 MB (docs/BENCHMARKS.md, "Fifth pass").
///
/// The graph is never modified after [`SupplyGraph::new`]; what-if scenarios build a new one.
pub struct SupplyGraph {
    inventory: Inventory,
    // Asset lists per operator, each sorted by asset id.
    operator_assets: Vec<Vec<AssetIx>>,
    // Links by `from`: the links of asset a are links[from_start[a]..from_start[a + 1]]
    // (links are sorted by `from`).
    from_start: Vec<u32>,
    // Links into each asset: those with target a are into[into_start[a]..into_start[a + 1]],
    // latest link first.
    into_start: Vec<u32>,
    into: Vec<LinkIx>,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SupplyGraph>();
};

impl SupplyGraph {
    /// Builds the graph. Linear in assets plus link targets.
    pub fn new(inventory: Inventory) -> Self {
        let n = inventory.assets.len();
        let mut from_start = vec![0u32; n + 1];
        let mut into_start = vec![0u32; n + 1];
        for link in &inventory.links {
            from_start[link.from.index() + 1] += 1;
            for &t in inventory.targets(link) {
                into_start[t.index() + 1] += 1;
            }
        }
        for i in 0..n {
            from_start[i + 1] += from_start[i];
            into_start[i + 1] += into_start[i];
        }
        // Filled from the last link back, so that each asset's dependents come latest link
        // first: the order the analyses have always walked them in.
        let mut into = vec![LinkIx(0); inventory.targets.len()];
        let mut next = into_start.clone();
        for (li, link) in inventory.links.iter().enumerate().rev() {
            for &t in inventory.targets(link) {
                let at = &mut next[t.index()];
                into[*at as usize] = LinkIx(li as u32);
                *at += 1;
            }
        }
        drop(next);
        let mut operator_assets = vec![Vec::new(); inventory.operators.len()];
        for (i, a) in inventory.assets.iter().enumerate() {
            operator_assets[a.operator.index()].push(AssetIx(i as u32));
        }
        let g = SupplyGraph {
            inventory,
            operator_assets,
            from_start,
            into_start,
            into,
        };
        debug_assert!(g.verify().is_ok());
        g
    }

    /// The inventory the graph was built from.
    pub fn inventory(&self) -> &Inventory {
        &self.inventory
    }

    /// Takes the inventory back (for scenarios that edit it and build a new graph).
    pub fn into_inventory(self) -> Inventory {
        self.inventory
    }

    /// Number of assets.
    pub fn asset_count(&self) -> usize {
        self.inventory.assets.len()
    }

    /// Number of edges (link targets).
    pub fn edge_count(&self) -> usize {
        self.inventory.targets.len()
    }

    /// The assets of an operator, sorted by id.
    pub fn operator_assets(&self, o: OperatorIx) -> &[AssetIx] {
        &self.operator_assets[o.index()]
    }

    /// The links whose `from` is `a`, in inventory order.
    pub fn links_from(
        &self,
        a: AssetIx,
    ) -> impl DoubleEndedIterator<Item = LinkIx> + ExactSizeIterator + '_ {
        (self.from_start[a.index()]..self.from_start[a.index() + 1]).map(LinkIx)
    }

    /// What `a` depends on: one entry per (link, target), latest link and target first.
    pub fn dependencies(&self, a: AssetIx) -> impl Iterator<Item = Dependency> + '_ {
        let inv = &self.inventory;
        self.links_from(a).rev().flat_map(move |l| {
            let link = inv.link(l);
            inv.targets(link).iter().rev().map(move |&t| Dependency {
                link: l,
                kind: link.kind,
                asset: t,
            })
        })
    }

    /// What depends on `a`: one entry per (link, dependent asset), latest link first.
    pub fn dependents(&self, a: AssetIx) -> impl Iterator<Item = Dependency> + '_ {
        let range = self.into_start[a.index()] as usize..self.into_start[a.index() + 1] as usize;
        self.into[range].iter().map(|&l| {
            let link = self.inventory.link(l);
            Dependency {
                link: l,
                kind: link.kind,
                asset: link.from,
            }
        })
    }

    /// Operators grouped by country, both sorted.
    pub fn operators_by_country(&self) -> BTreeMap<Country, Vec<OperatorIx>> {
        let mut map: BTreeMap<Country, Vec<OperatorIx>> = BTreeMap::new();
        for (i, o) in self.inventory.operators.iter().enumerate() {
            map.entry(o.country).or_default().push(OperatorIx(i as u32));
        }
        map
    }

    /// Checks the graph's invariants; tests call it, and debug builds after every build.
    ///
    /// # Errors
    /// A description of the first broken invariant.
    pub fn verify(&self) -> Result<(), String> {
        let inv = &self.inventory;
        if self.into.len() != inv.targets.len() {
            return Err("edge count differs from link target count".into());
        }
        for (i, a) in inv.assets.iter().enumerate() {
            let ix = AssetIx(i as u32);
            if self.links_from(ix).any(|l| inv.link(l).from != ix) {
                return Err(format!("links of \"{}\" are misplaced", a.id));
            }
            let mut last = None;
            for d in self.dependents(ix) {
                if !inv.targets(inv.link(d.link)).contains(&ix) || last.is_some_and(|l| l <= d.link)
                {
                    return Err(format!("dependents of \"{}\" are wrong", a.id));
                }
                last = Some(d.link);
            }
        }
        for w in inv.assets.windows(2) {
            if w[0].id >= w[1].id {
                return Err(format!("assets not sorted at \"{}\"", w[1].id));
            }
        }
        Ok(())
    }
}
