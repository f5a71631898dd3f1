//! What an operator view draws: the operator's assets and links, the targets of those links
//! that belong to other operators, and the exposure path asked for.

use std::collections::{BTreeSet, HashSet};

use crate::analysis::ControlPath;
use crate::graph::SupplyGraph;
use crate::model::{AssetIx, LinkIx, OperatorIx};

/// The assets and links an operator view draws.
pub(super) struct Selection {
    /// The exposure path drawn, from the asset asked about; empty when none was asked or
    /// the asset is not exposed.
    pub path: Vec<AssetIx>,
    /// The steps of the path: (dependent, what it depends on).
    pub steps: HashSet<(AssetIx, AssetIx)>,
    /// Assets on the path, drawn in the path's colour.
    pub on_path: HashSet<AssetIx>,
    /// Assets never collapsed: the path's, and the asset asked about even when it has none.
    pub pinned: HashSet<AssetIx>,
    /// Every link drawn: those of the operator's assets, and the steps of the path that
    /// start at another operator's asset.
    pub links: Vec<LinkIx>,
    /// Every asset drawn: the operator's (by id), then the others (by id).
    pub drawn: Vec<AssetIx>,
}

/// Selects what the view of operator `o` draws, with the exposure path of `asked` (the
/// asset and its path, `None` when not exposed).
pub(super) fn select(
    g: &SupplyGraph,
    o: OperatorIx,
    asked: Option<(AssetIx, Option<&ControlPath>)>,
) -> Selection {
    let inv = g.inventory();
    let own = g.operator_assets(o);
    let path: Vec<AssetIx> = asked
        .and_then(|(_, p)| p)
        .map(|p| p.assets().to_vec())
        .unwrap_or_default();
    let steps: HashSet<(AssetIx, AssetIx)> = path.windows(2).map(|w| (w[0], w[1])).collect();
    let on_path: HashSet<AssetIx> = path.iter().copied().collect();
    let pinned: HashSet<AssetIx> = on_path
        .iter()
        .copied()
        .chain(asked.map(|(a, _)| a))
        .collect();

    let mut links: Vec<LinkIx> = Vec::new();
    for &a in own {
        links.extend(g.links_from(a));
    }
    for w in path.windows(2) {
        if inv.asset(w[0]).operator != o {
            links.extend(g.links_from(w[0]).filter(|&l| {
                let link = inv.link(l);
                link.kind.propagates_control() && inv.targets(link).contains(&w[1])
            }));
        }
    }

    let mut outside: BTreeSet<AssetIx> = BTreeSet::new();
    for &l in &links {
        for &t in inv.targets(inv.link(l)) {
            if inv.asset(t).operator != o {
                outside.insert(t);
            }
        }
    }
    for &a in &pinned {
        if inv.asset(a).operator != o {
            outside.insert(a);
        }
    }
    let drawn: Vec<AssetIx> = own.iter().copied().chain(outside.iter().copied()).collect();
    Selection {
        path,
        steps,
        on_path,
        pinned,
        links,
        drawn,
    }
}
