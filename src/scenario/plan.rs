//! Running a scenario: the baseline, then each step, each state scanned and judged again.

use std::collections::HashSet;

use serde::Serialize;

use crate::analysis;
use crate::diagnostics::{self, Diagnostic};
use crate::graph::SupplyGraph;
use crate::model::Inventory;
use crate::policy::{Date, Policy};

use super::apply::{apply_step, warning_line};
use super::effect::StepEffect;
use super::figures::{Delta, Figures};
use super::file::Scenario;
use super::rows::Rows;
use super::state::validate_state;
use super::view::{Compared, PlanSummary, ScopeRows, StepView, baseline_rows};

/// The format tag of a plan's JSON document.
pub const PLAN_FORMAT: &str = "vendorgraph-plan/1";

/// A scenario's result: the baseline's figures, then each step's, with their changes.
#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    /// Always [`PLAN_FORMAT`].
    pub format: &'static str,
    /// The scenario's name.
    pub scenario: String,
    /// Its description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The figures before any step.
    pub baseline: Figures,
    /// After each step, in order.
    pub steps: Vec<StepReport>,
    /// How the plan ends: the deny findings left, the figures that got worse.
    pub summary: PlanSummary,
    /// The baseline's headline rows, for people (the table and Markdown renderers).
    #[serde(skip)]
    pub baseline_rows: Vec<ScopeRows>,
    /// The inventory after the last step.
    #[serde(skip)]
    pub inventory: Inventory,
}

/// One step's result.
#[derive(Clone, Debug, Serialize)]
pub struct StepReport {
    /// 1-based (the baseline is step 0).
    pub step: usize,
    /// The step's key in the scenario file (one of [`super::STEPS`]).
    pub kind: &'static str,
    /// The author's description, else the summary.
    pub description: String,
    /// What the step did, in words.
    pub summary: String,
    /// What it did.
    #[serde(flatten)]
    pub effect: StepEffect,
    /// Every figure after the step.
    pub figures: Figures,
    /// Their change from the baseline.
    pub delta: Delta,
    /// Their change from the step before (from the baseline for step 1).
    pub step_delta: Delta,
    /// The rows of both changes, for people (the table and Markdown renderers).
    #[serde(skip)]
    pub view: StepView,
}

impl Plan {
    /// The figures after the last step.
    pub fn last(&self) -> &Figures {
        self.steps.last().map_or(&self.baseline, |s| &s.figures)
    }

    /// The inventory after the last step, as a `vendorgraph/1` JSON document written by
    /// the one writer of the format (`export`).
    pub fn emit_inventory(&self) -> String {
        crate::export::to_json(&self.inventory)
    }
}

/// Scans a state (within `scope`) and applies the policy.
fn assess(
    graph: &SupplyGraph,
    policy: &Policy,
    today: Date,
    scope: &analysis::Scope,
) -> (Figures, analysis::ScanResult) {
    let a = crate::assess::assess_scope(graph, policy, today, Vec::new(), scope.clone());
    (Figures::new(&a.scan, &a.eval), a.scan)
}

/// Runs a scenario on an inventory: every figure of the baseline and after each step.
/// `today` is the date exemptions are judged against.
///
/// # Errors
/// The errors of the first step that cannot be applied, located in the scenario file and
/// naming the step; no state after it is computed.
pub fn run_plan(
    inventory: Inventory,
    scenario: &Scenario,
    policy: &Policy,
    today: Date,
) -> Result<Plan, Vec<Diagnostic>> {
    run_plan_in(
        inventory,
        scenario,
        policy,
        today,
        &analysis::Scope::Inventory,
    )
}

/// [`run_plan`] with the figures of one scope only (`plan --country`): the steps apply to
/// the whole inventory, every state is assessed within `scope`.
///
/// # Errors
/// As [`run_plan`].
pub fn run_plan_in(
    inventory: Inventory,
    scenario: &Scenario,
    policy: &Policy,
    today: Date,
    scope: &analysis::Scope,
) -> Result<Plan, Vec<Diagnostic>> {
    // The baseline goes through the same round trip as every step, so that its warnings
    // compare with theirs and its inventory is the one `--emit` would write.
    let (baseline_inv, diags) = validate_state(&Rows::from_inventory(&inventory), None);
    let mut known: HashSet<String> = diags.iter().map(warning_line).collect();
    let baseline_inv = baseline_inv.unwrap_or(inventory);
    let mut graph = SupplyGraph::new(baseline_inv);
    let (baseline, mut scan) = assess(&graph, policy, today, scope);
    let mut steps = Vec::with_capacity(scenario.steps.len());
    for (i, step) in scenario.steps.iter().enumerate() {
        let (next, effect) = apply_step(scenario, i, graph.inventory(), &scan.lockin, &known)
            .map_err(|mut errors| {
                diagnostics::sort(&mut errors);
                errors
            })?;
        known.extend(effect.warnings.iter().cloned());
        let summary = step.action.summary(&effect);
        graph = SupplyGraph::new(next);
        let (figures, next_scan) = assess(&graph, policy, today, scope);
        scan = next_scan;
        let previous = steps.last().map_or(&baseline, |s: &StepReport| &s.figures);
        let delta = Delta::between(&baseline, &figures);
        let step_delta = Delta::between(previous, &figures);
        let view = StepView::new(&Compared {
            baseline: &baseline,
            previous,
            after: &figures,
            delta: &delta,
            step_delta: &step_delta,
        });
        steps.push(StepReport {
            step: i + 1,
            kind: step.kind,
            description: step.description.clone().unwrap_or_else(|| summary.clone()),
            summary,
            delta,
            step_delta,
            view,
            effect,
            figures,
        });
    }
    let last = steps.last().map_or(&baseline, |s| &s.figures);
    let summary = PlanSummary::new(last, steps.last().map(|s| &s.view));
    Ok(Plan {
        format: PLAN_FORMAT,
        scenario: scenario.name.clone(),
        description: scenario.description.clone(),
        baseline_rows: baseline_rows(&baseline),
        baseline,
        steps,
        summary,
        inventory: graph.into_inventory(),
    })
}
