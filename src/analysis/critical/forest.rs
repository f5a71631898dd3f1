//! The shortcut that keeps chains and trees linear: a spanning forest of single
//! dependencies, and the assets whose down set is exactly their subtree in it.
//!
//! Each asset `z` picks as parent one target `p(z)` of a link of `z` that fails as soon as
//! one target fails (every target needed), in a later component, so that the parents form
//! a forest. If `y` fails, its whole subtree fails (each member through its parent). When,
//! moreover, every link into the subtree comes from inside it, the failure spreads no
//! further: the down set of `y` is its subtree, and its figures are subtree sums. Whether
//! that holds is read off an Euler tour: the subtree of `y` is the interval
//! `tin(y)..tin(y) + size(y)`, and the smallest and largest `tin` of the `from` of a link into
//! the subtree must lie in it. Linear in nodes and links.

use super::order::Components;
use super::reach::Reach;
use super::units::{Sums, Units};

const NONE: u32 = u32::MAX;

/// For every node, its exact figures when its down set is its subtree, else `None`.
pub(super) fn subtree_figures(r: &Reach, c: &Components, units: &Units) -> Vec<Option<Sums>> {
    let n = r.len();
    let parent = parents(r, c);
    // Children lists, by parent.
    let mut child_start = vec![0u32; n + 1];
    for &p in &parent {
        if p != NONE {
            child_start[p as usize + 1] += 1;
        }
    }
    for i in 0..n {
        child_start[i + 1] += child_start[i];
    }
    let mut fill = child_start.clone();
    let mut children = vec![0u32; child_start[n] as usize];
    for (v, &p) in parent.iter().enumerate() {
        if p != NONE {
            children[fill[p as usize] as usize] = v as u32;
            fill[p as usize] += 1;
        }
    }
    // Preorder numbering.
    let mut tin = vec![0u32; n];
    let mut preorder: Vec<u32> = Vec::with_capacity(n);
    let mut stack: Vec<u32> = Vec::new();
    for root in (0..n as u32).filter(|&v| parent[v as usize] == NONE) {
        stack.push(root);
        while let Some(v) = stack.pop() {
            tin[v as usize] = preorder.len() as u32;
            preorder.push(v);
            let kids =
                &children[child_start[v as usize] as usize..child_start[v as usize + 1] as usize];
            stack.extend(kids.iter().rev());
        }
    }
    // Per node: subtree size, sums, and the range of `tin` of the froms of links into it.
    let mut size = vec![1u32; n];
    let mut sums: Vec<Sums> = (0..n as u32).map(|v| units.own(v)).collect();
    let mut lo = vec![NONE; n];
    let mut hi = vec![0u32; n]; // largest tin + 1; 0 when no link comes in
    for v in 0..n as u32 {
        for &l in r.links_into(v) {
            let f = tin[r.link_from[l as usize] as usize];
            lo[v as usize] = lo[v as usize].min(f);
            hi[v as usize] = hi[v as usize].max(f + 1);
        }
    }
    for &v in preorder.iter().rev() {
        let (v, p) = (v as usize, parent[v as usize]);
        if p != NONE {
            let p = p as usize;
            size[p] += size[v];
            let s = sums[v];
            sums[p].add(&s);
            lo[p] = lo[p].min(lo[v]);
            hi[p] = hi[p].max(hi[v]);
        }
    }
    (0..n)
        .map(|v| (lo[v] >= tin[v] && hi[v] <= tin[v] + size[v]).then_some(sums[v]))
        .collect()
}

/// Each node's parent: among the targets of its links that need every target, in another
/// component, the one with the fewest links into it (the most private), then the smallest.
fn parents(r: &Reach, c: &Components) -> Vec<u32> {
    (0..r.len() as u32)
        .map(|v| {
            let mut best = (NONE, NONE);
            for l in r.links(v) {
                if r.link_m[l] != 1 {
                    continue;
                }
                for &t in r.targets(l) {
                    if c.comp[t as usize] == c.comp[v as usize] {
                        continue;
                    }
                    best = best.min((r.links_into(t).len() as u32, t));
                }
            }
            best.1
        })
        .collect()
}
