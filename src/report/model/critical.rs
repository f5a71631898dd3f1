//! The critical assets of an operator and of a country (analyses.md section 8), as the
//! report prints them.

use serde::Serialize;

use crate::analysis::{Critical, NationalCritical};

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

impl CriticalEntry {
    pub(super) fn new(c: &Critical) -> Self {
        CriticalEntry {
            threshold: c.threshold,
            assets: c
                .assets
                .iter()
                .map(|a| CriticalAssetEntry {
                    asset: a.asset.clone(),
                    supplier: a.supplier.clone(),
                    domain: a.domain.clone(),
                    operator: a.operator.clone(),
                    impact: a.impact,
                    impact_4g: a.impact_4g,
                    impact_5g: a.impact_5g,
                    units: a.units,
                })
                .collect(),
        }
    }
}

impl NationalCriticalEntry {
    pub(super) fn new(n: &NationalCritical) -> Self {
        NationalCriticalEntry {
            asset: n.asset.clone(),
            supplier: n.supplier.clone(),
            operator: n.operator.clone(),
            impact: n.impact,
            operators: n.operators,
        }
    }
}
