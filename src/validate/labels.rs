//! Labels: the optional texts of few distinct values that links and assets carry
//! (interfaces, regions), numbered once, in sorted order, for the inventory's label table,
//! instead of a boxed string per link or asset.

use crate::inventory::{Rows, Sym};
use crate::model::Label;

use super::assets::Assets;
use super::links::CheckedLinks;

/// Renumbers every label of `assets` and `links`, each still the symbol of its text
/// ([`super::validator::sym_label`]), as its rank among the texts used: gives the texts,
/// sorted. The numbers do not depend on the file order or the thread count.
pub(super) fn intern(rows: &Rows, assets: &mut Assets, links: &mut CheckedLinks) -> Vec<Box<str>> {
    let mut each = |f: &mut dyn FnMut(&mut Label)| {
        let regions = assets.rows.iter_mut().filter_map(|(_, a)| a.as_mut());
        let regions = regions.map(|a| &mut a.region);
        let links = links.rows.iter_mut().flatten().flatten();
        let interfaces = links.map(|l| &mut l.interface);
        for l in regions.chain(interfaces) {
            if *l != Label::NONE {
                f(l);
            }
        }
    };
    // Each symbol used, numbered from 1 in order of appearance (a table indexed by symbol).
    let mut number = vec![u32::MAX; rows.strings.len()];
    let mut texts: Vec<(&str, u32)> = Vec::new();
    each(&mut |l| {
        let sym = l.0 as usize - 1;
        if number[sym] == u32::MAX {
            number[sym] = texts.len() as u32;
            texts.push((rows.str(Sym::from_index(sym)), number[sym]));
        }
        l.0 = number[sym] + 1;
    });
    texts.sort_unstable();
    let mut rank = vec![0u32; texts.len()];
    for (r, &(_, n)) in texts.iter().enumerate() {
        rank[n as usize] = r as u32 + 1;
    }
    each(&mut |l| l.0 = rank[l.0 as usize - 1]);
    texts.into_iter().map(|(t, _)| Box::from(t)).collect()
}
