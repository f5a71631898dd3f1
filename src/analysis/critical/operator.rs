//! Section 8 per operator: the critical assets and their impact.

use crate::model::{AssetIx, OperatorIx};

use super::super::concentration::desc_then_id;
use super::super::config::Context;
use super::super::unit_share::UnitShare;
use super::batch::{Batch, upper_bounds};
use super::forest::subtree_figures;
use super::order::Components;
use super::reach::Reach;
use super::units::{Sums, Units};

/// The default of the policy's `critical_min_impact`: one per cent of an operator's service.
pub const DEFAULT_CRITICAL_MIN_IMPACT: f64 = 0.01;

/// One critical asset of an operator; the report names it (its supplier, domain and own
/// operator are the inventory's).
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalAsset {
    /// The asset.
    pub asset: AssetIx,
    /// The share of the operator's unit weight that its failure takes down.
    pub impact: UnitShare,
    /// Number of the operator's units its failure takes down (itself included).
    pub units: usize,
}

/// The critical assets of one operator.
#[derive(Clone, PartialEq)]
pub struct Critical {
    /// theta: the smallest impact listed.
    pub threshold: f64,
    /// Impact descending, then asset id. Empty when the units weigh nothing.
    pub assets: Vec<CriticalAsset>,
    /// Total weight of the operator's units (its outage is defined when positive).
    pub units_weight: f64,
    /// Every asset the units reach, by asset: its impact, or `None` when it is known to be
    /// below the threshold without having been computed (see [`complete_impacts`]).
    pub impacts: Vec<(AssetIx, Option<f64>)>,
}

/// Prints the figures, not the working table of impacts: a whole scan completes that table
/// for national figures further than a scan of one operator does, with the same figures.
impl std::fmt::Debug for Critical {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Critical")
            .field("threshold", &self.threshold)
            .field("assets", &self.assets)
            .field("units_weight", &self.units_weight)
            .finish_non_exhaustive()
    }
}

/// One operator's reach, prepared for exact down sets of any of its assets.
pub(super) struct Prepared {
    pub reach: Reach,
    pub comps: Components,
    pub units: Units,
}

impl Prepared {
    /// Prepares operator `o`.
    pub fn new(cx: &Context<'_>, o: OperatorIx) -> Prepared {
        let roots = cx.units(o);
        let reach = Reach::new(cx.graph, &roots);
        let comps = Components::new(&reach);
        let units = Units::new(cx.graph, &roots);
        Prepared {
            reach,
            comps,
            units,
        }
    }

    /// The exact sums of the down sets of local nodes `seeds`, 64 at a time, in the order
    /// of the seeds given.
    pub fn exact(&self, seeds: &[u32]) -> Vec<Sums> {
        let mut batch = Batch::new(&self.reach);
        let mut out = Vec::with_capacity(seeds.len());
        for chunk in seeds.chunks(64) {
            out.extend(batch.run(&self.reach, &self.comps, &self.units, chunk));
        }
        out
    }

    /// The figures of a down set, relative to the operator's totals.
    pub fn ratios(&self, s: &Sums) -> UnitShare {
        let t = &self.units.total;
        UnitShare::of([s.w, s.w4, s.w5], [t.w, t.w4, t.w5])
    }
}

/// The critical assets of operator `o` at threshold `theta` (`analyses.md` section 8).
///
/// Assets whose down set is a subtree of single dependencies are summed in one pass;
/// the others run in batches of 64, except those whose impact is bounded below `theta`.
/// National figures need the impact of such an asset when it is critical for another
/// operator: [`complete_impacts`] fills those in.
pub fn critical(cx: &Context<'_>, o: OperatorIx, theta: f64) -> Critical {
    let p = Prepared::new(cx, o);
    let total = p.units.total.w;
    let mut out = Critical {
        threshold: theta,
        assets: Vec::new(),
        units_weight: total,
        impacts: Vec::new(),
    };
    if total <= 0.0 {
        return out;
    }
    let mut figures = subtree_figures(&p.reach, &p.comps, &p.units);
    let bound = upper_bounds(&p.reach, &p.comps, &p.units);
    // Seeds in component order, so that a batch holds neighbours whose down sets overlap.
    let seeds: Vec<u32> = p
        .comps
        .topological()
        .into_iter()
        .filter(|&v| figures[v as usize].is_none() && !below(bound[v as usize], theta, total))
        .collect();
    for (&v, s) in seeds.iter().zip(p.exact(&seeds)) {
        figures[v as usize] = Some(s);
    }
    for (v, f) in figures.iter().enumerate() {
        let a = p.reach.assets[v];
        out.impacts.push((a, f.map(|s| s.w / total)));
        let Some(s) = f else { continue };
        let impact = p.ratios(s);
        let others = s.units - u32::from(p.units.is_unit(v as u32));
        if impact.all >= theta && others > 0 {
            out.assets.push(CriticalAsset {
                asset: a,
                impact,
                units: s.units as usize,
            });
        }
    }
    out.impacts.sort_unstable_by_key(|e| e.0);
    out.assets
        .sort_by(|a, b| desc_then_id(a.impact.all, &a.asset, b.impact.all, &b.asset));
    out
}

/// Whether an upper bound of a down set's unit weight puts its impact surely below theta
/// (with a margin for rounding, so that an impact equal to theta is always computed).
fn below(bound: f64, theta: f64, total: f64) -> bool {
    bound * (1.0 + 1e-9) < theta * total
}
