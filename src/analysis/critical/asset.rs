//! Section 8 seen from one asset (`explain`): its impact on every operator whose units
//! reach it, and the units its failure takes down.

use std::collections::BTreeSet;

use crate::model::{AssetIx, OperatorIx};

use super::super::config::Context;
use super::super::unit_share::UnitShare;
use super::operator::Prepared;
use super::reach::Reach;

/// How many ids of the units an asset takes down are listed (the count gives the rest).
pub const DOWN_LIST_LIMIT: usize = 32;

/// The impact of one asset on one operator whose units reach it (`analyses.md` section 8).
#[derive(Clone, Debug, PartialEq)]
pub struct AssetImpact {
    /// The operator.
    pub operator: OperatorIx,
    /// impact(o,a): the share of the operator's unit weight its failure takes down.
    pub impact: UnitShare,
    /// units(o,a): the number of the operator's units its failure takes down.
    pub units: usize,
    /// Whether it is critical for the operator (impact at least the threshold and a unit
    /// other than itself down).
    pub critical: bool,
    /// The first [`DOWN_LIST_LIMIT`] units it takes down, in id order.
    pub down: Vec<AssetIx>,
}

/// The impact of asset `a` on every operator whose units reach it along failure-propagating
/// links and weigh something, by operator id. The figures are those of [`super::critical`].
pub fn asset_impacts(cx: &Context<'_>, a: AssetIx) -> Vec<AssetImpact> {
    reaching_operators(cx, a)
        .into_iter()
        .filter_map(|o| {
            let p = Prepared::new(cx, o);
            if p.units.total.w <= 0.0 {
                return None;
            }
            let v = p.reach.local[&a];
            let s = p.exact(&[v])[0];
            let impact = p.ratios(&s);
            let others = s.units - u32::from(p.units.is_unit(v));
            let mut down: Vec<AssetIx> = down_units(&p.reach, p.units.total.units, v)
                .into_iter()
                .map(|u| p.reach.assets[u as usize])
                .collect();
            down.sort_unstable();
            down.truncate(DOWN_LIST_LIMIT);
            Some(AssetImpact {
                operator: o,
                impact,
                units: s.units as usize,
                critical: impact.all >= cx.critical_min_impact && others > 0,
                down,
            })
        })
        .collect()
}

/// The operators with a service unit that depends on `a` along failure-propagating links.
fn reaching_operators(cx: &Context<'_>, a: AssetIx) -> BTreeSet<OperatorIx> {
    let g = cx.graph;
    let inv = g.inventory();
    let mut seen = BTreeSet::from([a]);
    let mut stack = vec![a];
    let mut ops = BTreeSet::new();
    while let Some(v) = stack.pop() {
        let asset = inv.asset(v);
        if asset.radio {
            ops.insert(asset.operator);
        }
        for d in g.dependents(v) {
            if d.kind.propagates_failure() && seen.insert(d.asset) {
                stack.push(d.asset);
            }
        }
    }
    ops
}

/// The units (local nodes below `n_units`) in the least down set of local node `seed`:
/// a link fails once `link_m` of its targets are down, and its `from` with it.
fn down_units(r: &Reach, n_units: u32, seed: u32) -> Vec<u32> {
    let mut down = vec![false; r.len()];
    let mut failed = vec![0u32; r.link_m.len()];
    down[seed as usize] = true;
    let mut stack = vec![seed];
    let mut units = Vec::new();
    while let Some(v) = stack.pop() {
        if v < n_units {
            units.push(v);
        }
        for &l in r.links_into(v) {
            let li = l as usize;
            failed[li] += 1;
            let f = r.link_from[li];
            if failed[li] == r.link_m[li] && !down[f as usize] {
                down[f as usize] = true;
                stack.push(f);
            }
        }
    }
    units
}
