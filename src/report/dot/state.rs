//! The state of each drawn node and edge of an operator view: members, what is down (read
//! from the [`DownSet`]), the path, lock-in bands; and the links folded into edges and
//! "need k of n" group nodes.

use std::collections::{HashMap, HashSet};

use crate::analysis::{DownSet, LockinGroup, LockinGroups};
use crate::model::{AssetIx, Inventory, LinkIx};
use crate::vocab::LinkKind;

use super::collapse::{Buckets, Key};
use super::select::Selection;

/// One end of a drawn edge: a node, or the group node of a link with alternatives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum End {
    Node(Key),
    Group(u32),
}

/// Per drawn node: its members, how many are down, how many are the failed supplier's.
#[derive(Default, Clone, Copy)]
pub(super) struct NodeState {
    pub members: usize,
    pub down: usize,
    pub failed: usize,
    pub weight: f64,
    pub path: bool,
    pub locked: usize,
    /// The band of the first (heaviest) lock-in group among the members.
    pub band: Option<usize>,
}

/// What makes links with alternatives one group node: kind, need, open, interface, the
/// drawn targets (sorted), the number of targets, on the path. Not the `from`: links from
/// several assets to the same alternatives (a pool) share one node.
type GroupKey = (LinkKind, u32, bool, Option<Box<str>>, Vec<Key>, usize, bool);

/// The group node of one or more links to the same alternatives.
pub(super) struct Group {
    pub kind: LinkKind,
    /// The drawn targets, sorted.
    pub target_keys: Vec<Key>,
    pub need: u32,
    pub targets: usize,
    pub open: bool,
    pub interface: Option<Box<str>>,
    pub links: usize,
    /// Whether one of its links fails (the down set's k-of-n verdict).
    pub down: bool,
    pub path: bool,
}

/// What makes links one drawn edge.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) struct EdgeKey {
    pub from: End,
    pub to: End,
    pub kind: LinkKind,
    pub open: bool,
    pub interface: Option<Box<str>>,
    pub path: bool,
}

/// A drawn edge: the links it stands for.
pub(super) struct EdgeData {
    pub key: EdgeKey,
    pub links: usize,
    pub down: bool,
}

/// The lock-in groups of the drawn assets, heaviest first (then by id); a group's
/// position is its band.
pub(super) fn drawn_groups<'l>(
    lockin: &'l LockinGroups,
    drawn: &[AssetIx],
) -> Vec<&'l LockinGroup> {
    let mut groups: Vec<&LockinGroup> = Vec::new();
    let mut seen: HashSet<AssetIx> = HashSet::new();
    for &a in drawn {
        if let Some(gr) = lockin.group_of(a)
            && seen.insert(gr.first())
        {
            groups.push(gr);
        }
    }
    groups.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.first().cmp(&b.first()))
    });
    groups
}

/// The state of every drawn node.
pub(super) fn node_states(
    inv: &Inventory,
    sel: &Selection,
    buckets: &Buckets<'_>,
    lockin: &LockinGroups,
    bands: &[&LockinGroup],
    down: Option<&DownSet>,
) -> HashMap<Key, NodeState> {
    let band_index: HashMap<AssetIx, usize> = bands
        .iter()
        .enumerate()
        .map(|(i, gr)| (gr.first(), i))
        .collect();
    let mut state: HashMap<Key, NodeState> = HashMap::with_capacity(sel.drawn.len());
    for &a in &sel.drawn {
        let s = state.entry(buckets.key(a)).or_default();
        let x = inv.asset(a);
        s.members += 1;
        s.weight += x.weight;
        s.down += usize::from(down.is_some_and(|d| d.contains(a)));
        s.failed += usize::from(down.is_some_and(|d| d.is_failed(x.supplier)));
        s.path |= sel.on_path.contains(&a);
        if let Some(gr) = lockin.group_of(a) {
            s.locked += 1;
            let b = band_index[&gr.first()];
            s.band = Some(s.band.map_or(b, |x| x.min(b)));
        }
    }
    state
}

/// The drawn links: group nodes for alternatives, and edges deduplicated (parallel edges
/// of collapsed nodes become one edge with a count).
#[derive(Default)]
pub(super) struct Wiring {
    pub groups: Vec<Group>,
    group_index: HashMap<GroupKey, u32>,
    pub edges: Vec<EdgeData>,
    edge_index: HashMap<EdgeKey, usize>,
}

impl Wiring {
    /// Folds every selected link into edges and group nodes.
    pub(super) fn new(
        inv: &Inventory,
        sel: &Selection,
        buckets: &Buckets<'_>,
        down: Option<&DownSet>,
    ) -> Self {
        let mut w = Wiring::default();
        let is_down = |a: AssetIx| down.is_some_and(|d| d.contains(a));
        for &l in &sel.links {
            let link = inv.link(l);
            let from = buckets.key(link.from);
            let step =
                |t: AssetIx| link.kind.propagates_control() && sel.steps.contains(&(link.from, t));
            let edge = |from: End, to: End, interface: Option<Box<str>>, path: bool| EdgeKey {
                from,
                to,
                kind: link.kind,
                open: link.open,
                interface,
                path,
            };
            if link.target_count() == 1 {
                let t = inv.targets(link)[0];
                let fails = link.kind.propagates_failure() && is_down(link.from) && is_down(t);
                let key = edge(
                    End::Node(from),
                    End::Node(buckets.key(t)),
                    inv.interface(link).map(Box::from),
                    step(t),
                );
                w.add_edge(key, fails);
                continue;
            }
            let on_path = inv.targets(link).iter().any(|&t| step(t));
            let link_down = down.is_some_and(|d| d.link_fails(l));
            let gi = w.group(inv, l, buckets, on_path, link_down);
            let into = edge(
                End::Node(from),
                End::Group(gi),
                inv.interface(link).map(Box::from),
                on_path,
            );
            w.add_edge(into, link_down && is_down(link.from));
            for &t in inv.targets(link).iter() {
                let out = edge(End::Group(gi), End::Node(buckets.key(t)), None, step(t));
                w.add_edge(out, link_down && is_down(t));
            }
        }
        w
    }

    /// The group node of link `l` (with alternatives), made on first use.
    fn group(
        &mut self,
        inv: &Inventory,
        l: LinkIx,
        buckets: &Buckets<'_>,
        on_path: bool,
        link_down: bool,
    ) -> u32 {
        let link = inv.link(l);
        let mut target_keys: Vec<Key> = inv.targets(link).iter().map(|&t| buckets.key(t)).collect();
        target_keys.sort_unstable();
        target_keys.dedup();
        let gkey = (
            link.kind,
            link.need,
            link.open,
            inv.interface(link).map(Box::from),
            target_keys.clone(),
            link.target_count(),
            on_path,
        );
        let groups = &mut self.groups;
        let gi = *self.group_index.entry(gkey).or_insert_with(|| {
            groups.push(Group {
                kind: link.kind,
                target_keys,
                need: link.need,
                targets: link.target_count(),
                open: link.open,
                interface: inv.interface(link).map(Box::from),
                links: 0,
                down: false,
                path: on_path,
            });
            (groups.len() - 1) as u32
        });
        let group = &mut self.groups[gi as usize];
        group.links += 1;
        group.down |= link_down;
        gi
    }

    fn add_edge(&mut self, key: EdgeKey, down: bool) {
        let edges = &mut self.edges;
        let i = *self.edge_index.entry(key.clone()).or_insert_with(|| {
            edges.push(EdgeData {
                key,
                links: 0,
                down: false,
            });
            edges.len() - 1
        });
        self.edges[i].links += 1;
        self.edges[i].down |= down;
    }
}
