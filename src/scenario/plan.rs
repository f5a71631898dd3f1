//! Running a scenario: the baseline, then each step, each state assessed again.

use std::collections::HashSet;

use crate::analysis::{self, LockinGroups};
use crate::assess::Assessment;
use crate::diagnostics::{self, Diagnostic};
use crate::graph::SupplyGraph;
use crate::model::Inventory;
use crate::policy::{Date, Policy};

use super::apply::{apply_step, warning_line};
use super::effect::StepEffect;
use super::file::Scenario;
use super::rows::Rows;
use super::state::validate_state;

/// The states a scenario ran through: the baseline, then each step with what it did.
/// `T` is what the caller keeps of each state's assessment (`plan` keeps the report
/// model's figures, `report::model::Figures::of`).
#[derive(Clone, Debug)]
pub struct PlanRun<T> {
    /// The scenario's name.
    pub scenario: String,
    /// Its description.
    pub description: Option<String>,
    /// The state before any step.
    pub baseline: T,
    /// After each step, in order.
    pub steps: Vec<StepRun<T>>,
    /// The inventory after the last step.
    pub inventory: Inventory,
}

/// One step of a run.
#[derive(Clone, Debug)]
pub struct StepRun<T> {
    /// 1-based (the baseline is step 0).
    pub step: usize,
    /// The step's key in the scenario file (one of [`super::STEPS`]).
    pub kind: &'static str,
    /// The author's description, else the summary.
    pub description: String,
    /// What the step did, in words.
    pub summary: String,
    /// What it did.
    pub effect: StepEffect,
    /// The state after the step.
    pub state: T,
}

/// Assesses a state (within `scope`): what the caller keeps of it, and its lock-in groups
/// (the next step's forced co-replacements).
fn assess<T>(
    graph: &SupplyGraph,
    policy: &Policy,
    today: Date,
    scope: &analysis::Scope,
    keep: &impl Fn(&Assessment<'_>) -> T,
) -> (T, LockinGroups) {
    let a = crate::assess::assess_scope(graph, policy, today, Vec::new(), scope.clone());
    (keep(&a), a.scan.lockin)
}

/// Runs a scenario on an inventory: assesses the baseline and the state after each step,
/// keeping of each what `keep` returns. `today` is the date exemptions are judged against.
///
/// # Errors
/// The errors of the first step that cannot be applied, located in the scenario file and
/// naming the step; no state after it is computed.
pub fn run_plan<T>(
    inventory: Inventory,
    scenario: &Scenario,
    policy: &Policy,
    today: Date,
    keep: impl Fn(&Assessment<'_>) -> T,
) -> Result<PlanRun<T>, Vec<Diagnostic>> {
    let scope = analysis::Scope::Inventory;
    run_plan_in(inventory, scenario, policy, today, &scope, keep)
}

/// [`run_plan`] with every state assessed within one scope only (`plan --country`): the
/// steps apply to the whole inventory.
///
/// # Errors
/// As [`run_plan`].
pub fn run_plan_in<T>(
    inventory: Inventory,
    scenario: &Scenario,
    policy: &Policy,
    today: Date,
    scope: &analysis::Scope,
    keep: impl Fn(&Assessment<'_>) -> T,
) -> Result<PlanRun<T>, Vec<Diagnostic>> {
    // The baseline goes through the same round trip as every step, so that its warnings
    // compare with theirs and its inventory is the one `--emit` would write.
    let (baseline_inv, diags) = validate_state(&Rows::from_inventory(&inventory), None);
    let mut known: HashSet<String> = diags.iter().map(warning_line).collect();
    let baseline_inv = baseline_inv.unwrap_or(inventory);
    let mut graph = SupplyGraph::new(baseline_inv);
    let (baseline, mut lockin) = assess(&graph, policy, today, scope, &keep);
    let mut steps = Vec::with_capacity(scenario.steps.len());
    for (i, step) in scenario.steps.iter().enumerate() {
        let (next, effect) =
            apply_step(scenario, i, graph.inventory(), &lockin, &known).map_err(|mut errors| {
                diagnostics::sort(&mut errors);
                errors
            })?;
        known.extend(effect.warnings.iter().cloned());
        let summary = step.action.summary(&effect);
        graph = SupplyGraph::new(next);
        let (state, next_lockin) = assess(&graph, policy, today, scope, &keep);
        lockin = next_lockin;
        steps.push(StepRun {
            step: i + 1,
            kind: step.kind,
            description: step.description.clone().unwrap_or_else(|| summary.clone()),
            summary,
            effect,
            state,
        });
    }
    Ok(PlanRun {
        scenario: scenario.name.clone(),
        description: scenario.description.clone(),
        baseline,
        steps,
        inventory: graph.into_inventory(),
    })
}
