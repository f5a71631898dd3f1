//! [`SupplyGraph`]: the inventory and its petgraph graph, immutable once built.

use std::collections::BTreeMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, IndexType, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{AssetIx, Country, Inventory, LinkIx, OperatorIx};
use crate::vocab::LinkKind;

/// Index type of the graph: `u32` suffices for 4 billion assets and keeps edges small.
/// A separate type keeps these indices from mixing with any other graph's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct NodeIx(u32);

// SAFETY: `new` and `index` round-trip faithfully for every index below `max`, which is
// what petgraph's `IndexType` requires.
#[expect(unsafe_code, reason = "petgraph's IndexType is an unsafe trait")]
unsafe impl IndexType for NodeIx {
    fn new(x: usize) -> Self {
        NodeIx(x as u32)
    }
    fn index(&self) -> usize {
        self.0 as usize
    }
    fn max() -> Self {
        NodeIx(u32::MAX)
    }
}

/// One edge: the `from` of a link to one of its targets.
#[derive(Clone, Copy, Debug)]
struct EdgeData {
    link: LinkIx,
    kind: LinkKind,
}

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
/// The graph is never modified after [`SupplyGraph::new`]; what-if scenarios build a new one.
pub struct SupplyGraph {
    inventory: Inventory,
    graph: DiGraph<AssetIx, EdgeData, NodeIx>,
    // Asset lists per operator, each sorted by asset id.
    operator_assets: Vec<Vec<AssetIx>>,
    // Links by `from`: the links of asset a are links[from_start[a]..from_start[a + 1]]
    // (links are sorted by `from`).
    from_start: Vec<u32>,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SupplyGraph>();
};

impl SupplyGraph {
    /// Builds the graph. Linear in assets plus link targets.
    pub fn new(inventory: Inventory) -> Self {
        let n = inventory.assets.len();
        let edges: usize = inventory.links.iter().map(|l| l.target_count()).sum();
        let mut graph = DiGraph::with_capacity(n, edges);
        for i in 0..n {
            graph.add_node(AssetIx(i as u32));
        }
        let mut from_start = vec![0u32; n + 1];
        for (li, link) in inventory.links.iter().enumerate() {
            from_start[link.from.index() + 1] += 1;
            for &t in inventory.targets(link) {
                graph.add_edge(
                    node(link.from),
                    node(t),
                    EdgeData {
                        link: LinkIx(li as u32),
                        kind: link.kind,
                    },
                );
            }
        }
        for i in 0..n {
            from_start[i + 1] += from_start[i];
        }
        let mut operator_assets = vec![Vec::new(); inventory.operators.len()];
        for (i, a) in inventory.assets.iter().enumerate() {
            operator_assets[a.operator.index()].push(AssetIx(i as u32));
        }
        let g = SupplyGraph {
            inventory,
            graph,
            operator_assets,
            from_start,
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
        self.graph.node_count()
    }

    /// Number of edges (link targets).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The assets of an operator, sorted by id.
    pub fn operator_assets(&self, o: OperatorIx) -> &[AssetIx] {
        &self.operator_assets[o.index()]
    }

    /// The links whose `from` is `a`, in inventory order.
    pub fn links_from(&self, a: AssetIx) -> impl ExactSizeIterator<Item = LinkIx> + '_ {
        (self.from_start[a.index()]..self.from_start[a.index() + 1]).map(LinkIx)
    }

    /// What `a` depends on: one entry per (link, target).
    pub fn dependencies(&self, a: AssetIx) -> impl Iterator<Item = Dependency> + '_ {
        self.graph
            .edges_directed(node(a), Direction::Outgoing)
            .map(|e| Dependency {
                link: e.weight().link,
                kind: e.weight().kind,
                asset: asset(e.target()),
            })
    }

    /// What depends on `a`: one entry per (link, dependent asset).
    pub fn dependents(&self, a: AssetIx) -> impl Iterator<Item = Dependency> + '_ {
        self.graph
            .edges_directed(node(a), Direction::Incoming)
            .map(|e| Dependency {
                link: e.weight().link,
                kind: e.weight().kind,
                asset: asset(e.source()),
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
        if self.graph.node_count() != inv.assets.len() {
            return Err("node count differs from asset count".into());
        }
        let targets: usize = inv.links.iter().map(|l| l.target_count()).sum();
        if self.graph.edge_count() != targets {
            return Err("edge count differs from link target count".into());
        }
        for (i, e) in self.graph.edge_references().enumerate() {
            let link = inv.link(e.weight().link);
            if asset(e.source()) != link.from || !inv.targets(link).contains(&asset(e.target())) {
                return Err(format!("edge {i} does not match its link"));
            }
        }
        for w in inv.assets.windows(2) {
            if w[0].id >= w[1].id {
                return Err(format!("assets not sorted at \"{}\"", w[1].id));
            }
        }
        for (i, a) in inv.assets.iter().enumerate() {
            if self
                .links_from(AssetIx(i as u32))
                .any(|l| inv.link(l).from.index() != i)
            {
                return Err(format!("links of \"{}\" are misplaced", a.id));
            }
        }
        let _ = EdgeIndex::<NodeIx>::new(0);
        Ok(())
    }
}

fn node(a: AssetIx) -> NodeIndex<NodeIx> {
    NodeIndex::new(a.index())
}

fn asset(n: NodeIndex<NodeIx>) -> AssetIx {
    AssetIx(n.index() as u32)
}
