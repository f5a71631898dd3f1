//! The validated rows assembled into an [`Inventory`]: every table sorted by id (links by
//! `from`), function and domain names interned in sorted order.

use rayon::prelude::*;

use crate::model::{Asset, AssetIx, DomainIx, FunctionIx, Inventory, Link};

use super::assets::Assets;
use super::links::CheckedLinks;
use super::validator::{AssetRow, Checked, RowRef};

/// Builds the inventory from tables that have no error. Returns it with the site of each
/// of its assets and links, in its order, for the warnings.
pub(super) fn assemble(c: Checked) -> (Inventory, Vec<AssetRow>, Vec<RowRef>) {
    let Checked {
        suppliers,
        operators,
        assets,
        links,
        labels,
        ..
    } = c;
    let Assets {
        rows,
        sites: asset_sites,
        order,
        functions,
        domains,
        ..
    } = assets;
    // Everything resolved: assemble in sorted order.
    let mut fn_names: Vec<(String, u32)> = functions.into_iter().collect();
    fn_names.sort();
    let mut fn_map = vec![0u32; fn_names.len()];
    for (i, (_, old)) in fn_names.iter().enumerate() {
        fn_map[*old as usize] = i as u32;
    }
    let mut dom_names: Vec<(String, u32)> = domains.into_iter().collect();
    dom_names.sort();
    let mut dom_map = vec![0u32; dom_names.len()];
    for (i, (_, old)) in dom_names.iter().enumerate() {
        dom_map[*old as usize] = i as u32;
    }
    // Moved into the closure, so that the rows, their sites in file order and `order` are
    // freed before the links are assembled.
    let assets = crate::timing::phase("validate: assemble assets", move || {
        let mut slots: Vec<Option<Asset>> = rows.into_iter().map(|(_, a)| a).collect();
        let sorted_sites: Vec<AssetRow> =
            order.iter().map(|&pre| asset_sites[pre as usize]).collect();
        let assets: Vec<Asset> = order
            .iter()
            .map(|&pre| {
                let mut a = slots[pre as usize].take().expect("asset without errors");
                a.function = FunctionIx(fn_map[a.function.index()]);
                a.domain = DomainIx(dom_map[a.domain.index()]);
                a
            })
            .collect();
        drop(slots);
        (assets, sorted_sites)
    });
    let (assets, sorted_sites) = assets;
    let (links, targets, link_sites) = crate::timing::phase("validate: assemble links", || {
        sorted_links(assets.len(), links)
    });
    let inventory = Inventory {
        suppliers,
        operators,
        assets,
        links,
        domains: dom_names.into_iter().map(|(n, _)| n.into()).collect(),
        functions: fn_names.into_iter().map(|(n, _)| n.into()).collect(),
        targets,
        labels,
    };
    (inventory, sorted_sites, link_sites)
}

/// The links sorted by `from`, then kind, targets, need, openness and interface (labels
/// are numbered in the order of their texts), then row, with one target array in their
/// order and the row of each. Built from the links of each file, in parallel.
fn sorted_links(n_assets: usize, c: CheckedLinks) -> (Vec<Link>, Vec<AssetIx>, Vec<RowRef>) {
    let rows = c.row_refs();
    // Placed by `from` (a counting sort, in file order), then each asset's few links
    // sorted by the rest of the key.
    let mut start = vec![0u32; n_assets + 1];
    for r in &rows {
        start[c.link(*r).from.index() + 1] += 1;
    }
    for i in 0..n_assets {
        start[i + 1] += start[i];
    }
    let mut order = vec![RowRef { file: 0, index: 0 }; rows.len()];
    for r in rows {
        let at = &mut start[c.link(r).from.index()];
        order[*at as usize] = r;
        *at += 1;
    }
    drop(start);
    let key = |r: &RowRef| {
        let l = c.link(*r);
        let t = c.targets(r.file, l);
        (l.kind, t, l.need, l.open, l.interface, r.file, r.index)
    };
    order
        .par_chunk_by_mut(|a, b| c.link(*a).from == c.link(*b).from)
        .for_each(|links| links.sort_unstable_by(|a, b| key(a).cmp(&key(b))));
    // Each link's place in the one target array; then the links and their targets are
    // copied in parallel, in order. The checked rows are freed at the end: at this point
    // both fit under the peak of the checks (docs/BENCHMARKS.md, "Fifth pass").
    let mut starts = Vec::with_capacity(order.len());
    let mut total = 0u32;
    for r in &order {
        starts.push(total);
        total += c.link(*r).targets.len;
    }
    let links: Vec<Link> = order
        .par_iter()
        .zip(&starts)
        .map(|(r, &start)| {
            let mut l = c.link(*r).clone();
            l.targets.start = start;
            l
        })
        .collect();
    drop(starts);
    let targets: Vec<AssetIx> = order
        .par_iter()
        .flat_map_iter(|r| c.targets(r.file, c.link(*r)).iter().copied())
        .collect();
    drop(c);
    (links, targets, order)
}
