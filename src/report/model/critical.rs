//! The critical assets of an operator and of a country (analyses.md section 8), as the
//! report prints them.

use serde::Serialize;

use crate::analysis::{AssetImpact, Critical, NationalCritical};
use crate::model::Inventory;

/// An operator's critical assets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriticalEntry {
    /// theta: the smallest impact listed (the policy's `critical_min_impact`).
    pub threshold: f64,
    /// Impact descending, then asset id.
    pub assets: Vec<CriticalAssetEntry>,
}

/// One critical asset of an operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriticalAssetEntry {
    /// Asset id.
    pub asset: String,
    /// Its supplier.
    pub supplier: String,
    /// Its domain.
    pub domain: String,
    /// Its own operator (another one's for shared infrastructure).
    pub operator: String,
    /// Share of the operator's unit weight that its failure takes down.
    pub impact: f64,
    /// The same over 4G units; `null` when they weigh nothing.
    pub impact_4g: Option<f64>,
    /// The same over 5G units; `null` when they weigh nothing.
    pub impact_5g: Option<f64>,
    /// Number of the operator's units it takes down.
    pub units: usize,
}

/// An asset critical for an operator of a country, with its national impact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NationalCriticalEntry {
    /// Asset id.
    pub asset: String,
    /// Its supplier.
    pub supplier: String,
    /// Its own operator.
    pub operator: String,
    /// Operator-weighted impact.
    pub impact: f64,
    /// Number of operators of the scope it reaches (2 or more: shared infrastructure).
    pub operators: usize,
}

/// The impact of one asset on one operator whose units reach it (`explain`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssetImpactEntry {
    /// Operator id.
    pub operator: String,
    /// impact(o,a): share of the operator's unit weight its failure takes down.
    pub impact: f64,
    /// The same over 4G units; `null` when they weigh nothing.
    pub impact_4g: Option<f64>,
    /// The same over 5G units; `null` when they weigh nothing.
    pub impact_5g: Option<f64>,
    /// units(o,a): the number of the operator's units its failure takes down.
    pub units: usize,
    /// Whether it is critical for the operator.
    pub critical: bool,
    /// The ids of the first units it takes down, in id order.
    pub down: Vec<String>,
}

impl CriticalEntry {
    /// The entry of an operator's critical assets, named.
    pub fn new(c: &Critical, inv: &Inventory) -> Self {
        CriticalEntry {
            threshold: c.threshold,
            assets: c
                .assets
                .iter()
                .map(|a| {
                    let asset = inv.asset(a.asset);
                    CriticalAssetEntry {
                        asset: asset.id.to_string(),
                        supplier: inv.supplier(asset.supplier).id.to_string(),
                        domain: inv.domain_name(asset.domain).to_owned(),
                        operator: inv.operator(asset.operator).id.to_string(),
                        impact: a.impact.all,
                        impact_4g: a.impact.g4,
                        impact_5g: a.impact.g5,
                        units: a.units,
                    }
                })
                .collect(),
        }
    }
}

impl NationalCriticalEntry {
    /// The entry of a national critical asset, named.
    pub fn new(n: &NationalCritical, inv: &Inventory) -> Self {
        let asset = inv.asset(n.asset);
        NationalCriticalEntry {
            asset: asset.id.to_string(),
            supplier: inv.supplier(asset.supplier).id.to_string(),
            operator: inv.operator(asset.operator).id.to_string(),
            impact: n.impact,
            operators: n.operators,
        }
    }
}

impl AssetImpactEntry {
    pub(super) fn new(i: &AssetImpact, inv: &Inventory) -> Self {
        AssetImpactEntry {
            operator: inv.operator(i.operator).id.to_string(),
            impact: i.impact.all,
            impact_4g: i.impact.g4,
            impact_5g: i.impact.g5,
            units: i.units,
            critical: i.critical,
            down: i
                .down
                .iter()
                .map(|&a| inv.asset(a).id.to_string())
                .collect(),
        }
    }
}
