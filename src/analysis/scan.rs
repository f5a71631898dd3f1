//! Every analysis for every operator, country and the scope `all`.

use rayon::prelude::*;

use crate::graph::SupplyGraph;
use crate::model::{Country, OperatorIx};

use super::concentration::concentration;
use super::config::{Config, Context};
use super::critical::{complete_impacts, critical};
use super::exposure::{ExposurePaths, exposure};
use super::failure::failure;
use super::figures::OperatorFigures;
use super::lockin::LockinGroups;
use super::national::{CountryFigures, national};

/// Which operators a scan covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every operator, every country and the scope `all`.
    Inventory,
    /// One operator, without national figures.
    Operator(OperatorIx),
    /// The operators of one country and its national figures; `None` is the scope `all`
    /// (every operator, and only the national figures of `all`).
    Country(Option<Country>),
    /// The operators of these countries and each one's national figures, without `all`
    /// (`--country`); a country without operators adds nothing.
    Countries(Vec<Country>),
}

/// Everything a scan computes.
pub struct ScanResult {
    /// The operators assessed, sorted: every operator unless the scan had a narrower
    /// [`Scope`]. Parallel to `operators`.
    pub assessed: Vec<OperatorIx>,
    /// By operator id.
    pub operators: Vec<OperatorFigures>,
    /// By country code, then `all`.
    pub countries: Vec<CountryFigures>,
    /// Warnings of the analyses (national weighting fallbacks).
    pub warnings: Vec<String>,
    /// Every lock-in group.
    pub lockin: LockinGroups,
    /// The control paths behind the exposure figures, over the whole graph.
    pub paths: ExposurePaths,
}

impl ScanResult {
    /// The figures of operator `o`, if the scan covered it.
    pub fn operator(&self, o: OperatorIx) -> Option<&OperatorFigures> {
        self.assessed
            .binary_search(&o)
            .ok()
            .map(|i| &self.operators[i])
    }

    /// The national figures of a country code, or of `all`, if the scan covered it.
    pub fn country(&self, code: &str) -> Option<&CountryFigures> {
        self.countries.iter().find(|c| c.country == code)
    }
}

/// Runs every analysis. Operators run in parallel on the current rayon pool; the result
/// is the same for any number of threads. Builds the [`Context`]; [`scan_in`] takes one
/// already built (as [`crate::assess::assess`] does).
pub fn scan(graph: &SupplyGraph, config: &Config) -> ScanResult {
    scan_in(&Context::new(graph, config))
}

/// Runs every analysis in a context built once by the caller.
pub fn scan_in(cx: &Context<'_>) -> ScanResult {
    scan_scope(cx, Scope::Inventory)
}

/// Runs the analyses a scope needs, in a context built once by the caller: the figures of
/// its operators and its national figures. Every figure is the one a whole scan gives.
pub fn scan_scope(cx: &Context<'_>, scope: Scope) -> ScanResult {
    let graph = cx.graph;
    let all: Vec<OperatorIx> = (0..graph.inventory().operators.len() as u32)
        .map(OperatorIx)
        .collect();
    let by_country = graph.operators_by_country();
    // The operators to assess, and the national scopes (name, operators) to sum up.
    let (assessed, nationals): (Vec<OperatorIx>, Vec<(String, Vec<OperatorIx>)>) = match scope {
        Scope::Inventory => {
            let mut n: Vec<(String, Vec<OperatorIx>)> = by_country
                .into_iter()
                .map(|(c, ops)| (c.as_str().to_owned(), ops))
                .collect();
            if !all.is_empty() {
                n.push(("all".to_owned(), all.clone()));
            }
            (all, n)
        }
        Scope::Operator(o) => (vec![o], Vec::new()),
        Scope::Country(Some(c)) => {
            let ops = by_country.get(&c).cloned().unwrap_or_default();
            let n = if ops.is_empty() {
                Vec::new()
            } else {
                vec![(c.as_str().to_owned(), ops.clone())]
            };
            (ops, n)
        }
        Scope::Countries(codes) => {
            let mut n: Vec<(String, Vec<OperatorIx>)> = Vec::new();
            for c in codes {
                if let Some(ops) = by_country.get(&c).filter(|o| !o.is_empty()) {
                    n.push((c.as_str().to_owned(), ops.clone()));
                }
            }
            n.sort_by(|a, b| a.0.cmp(&b.0));
            n.dedup_by(|a, b| a.0 == b.0);
            let mut ops: Vec<OperatorIx> = n.iter().flat_map(|(_, o)| o.iter().copied()).collect();
            ops.sort_unstable();
            (ops, n)
        }
        Scope::Country(None) => {
            let n = if all.is_empty() {
                Vec::new()
            } else {
                vec![("all".to_owned(), all.clone())]
            };
            (all, n)
        }
    };
    let (lockin, paths) = rayon::join(|| LockinGroups::new(graph), || ExposurePaths::new(cx));
    let mut operators: Vec<OperatorFigures> = assessed
        .par_iter()
        .map(|&o| operator_figures(cx, &lockin, &paths, o))
        .collect();
    // National figures need the impact of an asset critical for one operator on the others.
    complete_impacts(
        cx,
        assessed
            .iter()
            .copied()
            .zip(operators.iter_mut().map(|f| &mut f.critical)),
    );
    let mut result = ScanResult {
        assessed,
        operators,
        countries: Vec::new(),
        warnings: Vec::new(),
        lockin,
        paths,
    };
    for (name, ops) in nationals {
        let figures: Vec<&OperatorFigures> = ops
            .iter()
            .map(|&o| {
                result
                    .operator(o)
                    .expect("a national scope's operators are assessed")
            })
            .collect();
        let (f, w) = national(cx, &name, &ops, &figures);
        result.countries.push(f);
        result.warnings.extend(w);
    }
    result
}

fn operator_figures(
    cx: &Context<'_>,
    lockin: &LockinGroups,
    paths: &ExposurePaths,
    o: OperatorIx,
) -> OperatorFigures {
    OperatorFigures {
        operator: o,
        domains: concentration(cx, o),
        outage: failure(cx, o),
        lockin: lockin.figures(cx, o),
        exposure: exposure(cx, paths, o),
        critical: critical(cx, o, cx.critical_min_impact),
    }
}
