//! The one assessment pipeline: every analysis, then the policy, on one graph.
//!
//! `scan`, `plan`, `explain`, `diagram` and `diff` all call [`assess`]; no command assembles
//! the pipeline by hand, and the analyses' [`Context`] is built once per assessment.

use crate::analysis::{self, Context, ScanResult};
use crate::graph::SupplyGraph;
use crate::policy::{self, Date, Evaluation, Policy};

/// Everything known about one inventory under one policy on one date.
pub struct Assessment<'g> {
    /// The per-graph facts every analysis reads (high-risk, key, group roots).
    pub cx: Context<'g>,
    /// The figures of every operator, country and `all`.
    pub scan: ScanResult,
    /// The policy's findings, exemptions applied.
    pub eval: Evaluation,
    /// Every warning, in order: the loader's (given), the analyses', the policy's.
    pub warnings: Vec<String>,
}

impl Assessment<'_> {
    /// The graph assessed.
    pub fn graph(&self) -> &SupplyGraph {
        self.cx.graph
    }

    /// Whether a `deny` finding remains.
    pub fn has_deny(&self) -> bool {
        self.eval.has_deny()
    }
}

/// Assesses a graph: builds the context once, runs every analysis on the current rayon pool,
/// applies the policy with `today` as the date exemptions are judged against, and gathers
/// every warning after `load_warnings`.
pub fn assess<'g>(
    graph: &'g SupplyGraph,
    policy: &Policy,
    today: Date,
    load_warnings: Vec<String>,
) -> Assessment<'g> {
    let cx = Context::new(graph, &policy.config);
    let scan = analysis::scan_in(&cx);
    let eval = policy::evaluate(policy, &cx, &scan, today);
    let mut warnings = load_warnings;
    warnings.extend(scan.warnings.iter().cloned());
    warnings.extend(eval.warnings.iter().cloned());
    Assessment {
        cx,
        scan,
        eval,
        warnings,
    }
}
