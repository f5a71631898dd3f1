//! The one assessment pipeline: every analysis, then the policy, on one graph.
//!
//! `scan`, `plan`, `diagram` and `diff` call [`assess`] (or [`assess_scope`]); `explain` calls
//! [`assess_asset`], the cheap part of the same pipeline that one asset needs. No command
//! assembles the pipeline by hand, and the analyses' [`Context`] is built once per assessment.

use crate::analysis::{
    self, AssetImpact, Context, ControlPath, DownSet, Explanation, ExposurePaths, LockinGroups,
    ScanResult, Scope,
};
use crate::graph::SupplyGraph;
use crate::model::{AssetIx, SupplierIx};
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
    /// The policy file, or `None` for the built-in default policy.
    pub policy_origin: Option<String>,
}

/// What the analyses say about one asset under one policy.
pub struct AssetAssessment<'g> {
    /// The per-graph facts the analyses read.
    pub cx: Context<'g>,
    /// The asset's explanation.
    pub explanation: Explanation,
    /// Its impact on every operator whose units reach it (analyses.md §8), by operator id.
    pub impacts: Vec<AssetImpact>,
}

impl AssetAssessment<'_> {
    /// The graph assessed.
    pub fn graph(&self) -> &SupplyGraph {
        self.cx.graph
    }
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

    /// What fails when the suppliers `failed` fail, over the whole graph (analyses.md §2).
    pub fn down_set(&self, failed: &[SupplierIx]) -> DownSet {
        analysis::down_set(self.cx.graph, failed)
    }

    /// Why asset `a` is exposed: its shortest control path to a high-risk supplier
    /// (analyses.md §4), or `None` when it is not exposed.
    pub fn exposure_path(&self, a: AssetIx) -> Option<ControlPath> {
        self.scan.paths.high_risk.path(self.cx.graph, a)
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
    assess_scope(graph, policy, today, load_warnings, Scope::Inventory)
}

/// Assesses only what a scope needs (one operator, one country), as [`assess`] does the
/// whole inventory: the figures it gives are those of the whole assessment.
pub fn assess_scope<'g>(
    graph: &'g SupplyGraph,
    policy: &Policy,
    today: Date,
    load_warnings: Vec<String>,
    scope: Scope,
) -> Assessment<'g> {
    let cx = Context::new(graph, &policy.config);
    let scan = analysis::scan_scope(&cx, scope);
    let eval = policy::evaluate(policy, &cx, &scan, today);
    let mut warnings = load_warnings;
    warnings.extend(scan.warnings.iter().cloned());
    warnings.extend(eval.warnings.iter().cloned());
    Assessment {
        cx,
        scan,
        eval,
        warnings,
        policy_origin: (policy.origin != "default").then(|| policy.origin.clone()),
    }
}

/// Assesses one asset: the context, the control paths and the lock-in groups (each built
/// once, linear in the graph), then the asset's explanation and its impact on the operators
/// whose units reach it (one reach per such operator, not a whole scan).
pub fn assess_asset<'g>(
    graph: &'g SupplyGraph,
    policy: &Policy,
    a: AssetIx,
) -> AssetAssessment<'g> {
    let cx = Context::new(graph, &policy.config);
    let paths = ExposurePaths::new(&cx);
    let lockin = LockinGroups::new(graph);
    let explanation = analysis::explain(&cx, &paths, &lockin, a);
    let impacts = analysis::asset_impacts(&cx, a);
    AssetAssessment {
        cx,
        explanation,
        impacts,
    }
}
