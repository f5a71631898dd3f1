//! Section 8 nationally: the impact of an asset on the operators of a country (or of
//! every operator, the scope `all`), weighted as in section 5.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::model::{AssetIx, OperatorIx};

use super::super::concentration::desc_then_id;
use super::super::config::Context;
use super::operator::{Critical, Prepared, critical};

/// An asset critical for an operator of a country, with its national impact.
#[derive(Clone, Debug, PartialEq)]
pub struct NationalCritical {
    /// The asset.
    pub asset: AssetIx,
    /// national_impact: the operator-weighted mean of its impact.
    pub impact: f64,
    /// Number of operators of the scope on which its impact is positive; two or more
    /// means shared infrastructure.
    pub operators: usize,
}

/// The critical assets of every operator (by `OperatorIx`), completed for national figures.
pub fn critical_all(cx: &Context<'_>, theta: f64) -> Vec<Critical> {
    let n = cx.graph.inventory().operators.len() as u32;
    let mut all: Vec<Critical> = (0..n)
        .into_par_iter()
        .map(|o| critical(cx, OperatorIx(o), theta))
        .collect();
    complete_impacts(
        cx,
        all.iter_mut()
            .enumerate()
            .map(|(o, c)| (OperatorIx(o as u32), c)),
    );
    all
}

/// Computes the impact, left out below the threshold, of every asset that is critical for
/// some operator on every other operator whose units reach it. After this, the impacts
/// that national figures read are all exact.
pub fn complete_impacts<'a>(
    cx: &Context<'_>,
    figures: impl IntoIterator<Item = (OperatorIx, &'a mut Critical)>,
) {
    let mut figures: Vec<(OperatorIx, &'a mut Critical)> = figures.into_iter().collect();
    let critical: BTreeSet<AssetIx> = figures
        .iter()
        .flat_map(|(_, f)| f.assets.iter().map(|a| a.asset))
        .collect();
    figures.par_iter_mut().for_each(|(o, f)| {
        let missing: Vec<usize> = f
            .impacts
            .iter()
            .enumerate()
            .filter(|(_, (a, v))| v.is_none() && critical.contains(a))
            .map(|(i, _)| i)
            .collect();
        if missing.is_empty() {
            return;
        }
        let p = Prepared::new(cx, *o);
        let seeds: Vec<u32> = missing
            .iter()
            .map(|&i| p.reach.local[&f.impacts[i].0])
            .collect();
        for (&i, s) in missing.iter().zip(p.exact(&seeds)) {
            f.impacts[i].1 = Some(s.w / f.units_weight);
        }
    });
}

/// The national critical assets of the operators `ops` (sorted by id), weighted by
/// `weights` (w_o of section 5, in the same order), from their figures (completed by
/// [`complete_impacts`]); impact descending, then asset id. Empty when the operators with
/// units weigh nothing.
pub fn national_critical(
    ops: &[OperatorIx],
    weights: &[f64],
    figures: &[&Critical],
    theta: f64,
) -> Vec<NationalCritical> {
    let defined: Vec<usize> = (0..ops.len())
        .filter(|&i| figures[i].units_weight > 0.0)
        .collect();
    let total: f64 = defined.iter().fold(0.0, |s, &i| s + weights[i]);
    if total <= 0.0 {
        return Vec::new();
    }
    let candidates: BTreeSet<AssetIx> = defined
        .iter()
        .flat_map(|&i| figures[i].assets.iter().map(|a| a.asset))
        .collect();
    // Asset -> (weighted impact sum, operators with a positive impact), in operator order.
    let mut acc: BTreeMap<AssetIx, (f64, usize)> = BTreeMap::new();
    for &i in &defined {
        for &(a, v) in &figures[i].impacts {
            if !candidates.contains(&a) {
                continue;
            }
            debug_assert!(v.is_some(), "complete_impacts runs before national figures");
            let v = v.unwrap_or(0.0);
            let e = acc.entry(a).or_insert((0.0, 0));
            e.0 += weights[i] * v;
            e.1 += usize::from(v > 0.0);
        }
    }
    let mut out: Vec<NationalCritical> = acc
        .into_iter()
        .map(|(a, (sum, operators))| (a, sum / total, operators))
        .filter(|&(_, impact, _)| impact >= theta)
        .map(|(asset, impact, operators)| NationalCritical {
            asset,
            impact,
            operators,
        })
        .collect();
    out.sort_by(|a, b| desc_then_id(a.impact, &a.asset, b.impact, &b.asset));
    out
}
