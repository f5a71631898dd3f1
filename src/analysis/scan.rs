//! Every analysis for every operator, country and the scope `all`.

use rayon::prelude::*;
use serde::Serialize;

use crate::graph::SupplyGraph;
use crate::model::OperatorIx;

use super::concentration::{DomainFigures, concentration};
use super::config::{Config, Context};
use super::exposure::{Exposure, ExposurePaths, exposure};
use super::failure::{Outage, failure};
use super::lockin::{LockinFigures, LockinGroups};
use super::national::{CountryFigures, national};

/// The figures of one operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperatorFigures {
    /// Operator id.
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Country code.
    pub country: String,
    /// Subscribers, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribers: Option<u64>,
    /// Concentration per domain, by domain name.
    pub domains: Vec<DomainFigures>,
    /// Supplier failure.
    pub outage: Outage,
    /// Lock-in.
    pub lockin: LockinFigures,
    /// High-risk exposure and offshore operation.
    pub exposure: Exposure,
}

/// Everything a scan computes.
pub struct ScanResult {
    /// By operator id.
    pub operators: Vec<OperatorFigures>,
    /// By country code, then `all`.
    pub countries: Vec<CountryFigures>,
    /// Warnings of the analyses (national weighting fallbacks).
    pub warnings: Vec<String>,
    /// Every lock-in group.
    pub lockin: LockinGroups,
}

/// Runs every analysis. Operators run in parallel on the current rayon pool; the result
/// is the same for any number of threads. Builds the [`Context`]; [`scan_in`] takes one
/// already built (as [`crate::assess::assess`] does).
pub fn scan(graph: &SupplyGraph, config: &Config) -> ScanResult {
    scan_in(&Context::new(graph, config))
}

/// Runs every analysis in a context built once by the caller.
pub fn scan_in(cx: &Context<'_>) -> ScanResult {
    let graph = cx.graph;
    let inv = graph.inventory();
    let (lockin, paths) = rayon::join(|| LockinGroups::new(graph), || ExposurePaths::new(cx));
    let operators: Vec<OperatorFigures> = (0..inv.operators.len() as u32)
        .into_par_iter()
        .map(|i| operator_figures(cx, &lockin, &paths, OperatorIx(i)))
        .collect();
    let mut countries = Vec::new();
    let mut warnings = Vec::new();
    for (country, ops) in graph.operators_by_country() {
        let (f, w) = national(cx, country.as_str(), &ops, &operators);
        countries.push(f);
        warnings.extend(w);
    }
    if !inv.operators.is_empty() {
        let all: Vec<OperatorIx> = (0..inv.operators.len() as u32).map(OperatorIx).collect();
        let (f, w) = national(cx, "all", &all, &operators);
        countries.push(f);
        warnings.extend(w);
    }
    ScanResult {
        operators,
        countries,
        warnings,
        lockin,
    }
}

fn operator_figures(
    cx: &Context<'_>,
    lockin: &LockinGroups,
    paths: &ExposurePaths,
    o: OperatorIx,
) -> OperatorFigures {
    let op = cx.graph.inventory().operator(o);
    OperatorFigures {
        id: op.id.to_string(),
        name: op.name.as_deref().map(str::to_owned),
        country: op.country.to_string(),
        subscribers: op.subscribers,
        domains: concentration(cx, o),
        outage: failure(cx, o),
        lockin: lockin.figures(cx.graph, o),
        exposure: exposure(cx, paths, o),
    }
}
