//! The validated rows assembled into an [`Inventory`]: every table sorted by id (links by
//! `from`), function and domain names interned in sorted order.

use rayon::prelude::*;

use crate::inventory::Site;
use crate::model::{Asset, DomainIx, FunctionIx, Inventory, Link, Operator, Supplier};

use super::assets::Assets;
use super::validator::RowRef;

/// Builds the inventory from tables that have no error. Returns it with the site of each
/// of its assets and links, in its order, for the warnings.
pub(super) fn assemble(
    suppliers: Vec<Supplier>,
    operators: Vec<Operator>,
    assets: Assets,
    mut links: Vec<(RowRef, Link)>,
) -> (Inventory, Vec<Site>, Vec<RowRef>) {
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
    let mut slots: Vec<Option<Asset>> = rows.into_iter().map(|(_, a)| a).collect();
    let sorted_sites: Vec<Site> = order.iter().map(|&pre| asset_sites[pre as usize]).collect();
    let assets: Vec<Asset> = order
        .iter()
        .map(|&pre| {
            let mut a = slots[pre as usize].take().expect("asset without errors");
            a.function = FunctionIx(fn_map[a.function.index()]);
            a.domain = DomainIx(dom_map[a.domain.index()]);
            a
        })
        .collect();
    links.par_sort_unstable_by(|a, b| {
        (
            a.1.from,
            a.1.kind,
            &a.1.targets,
            a.1.need,
            a.1.open,
            &a.1.interface,
        )
            .cmp(&(
                b.1.from,
                b.1.kind,
                &b.1.targets,
                b.1.need,
                b.1.open,
                &b.1.interface,
            ))
    });
    let inventory = Inventory {
        suppliers,
        operators,
        assets,
        links: Vec::new(),
        domains: dom_names.into_iter().map(|(n, _)| n.into()).collect(),
        functions: fn_names.into_iter().map(|(n, _)| n.into()).collect(),
    };
    let link_sites: Vec<RowRef> = links.iter().map(|l| l.0).collect();
    let mut inventory = inventory;
    // Collected in place: the vector's memory is reused, not copied.
    inventory.links = links.into_iter().map(|l| l.1).collect();
    (inventory, sorted_sites, link_sites)
}
