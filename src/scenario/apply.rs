//! Applying one step: the step edits the rows of the state, then they are validated again.
//!
//! A step works on the rows of the current state ([`Rows`]) and on the rows it adds, then
//! the whole goes through the same validation as on load ([`validate_state`]). A step that
//! breaks a rule of the format is refused with every error, each located where its row is
//! and naming the step; the state is then left as it was (nothing is half-applied).

use std::collections::HashSet;

use crate::analysis::LockinGroups;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::Inventory;

use super::effect::StepEffect;
use super::file::Scenario;
use super::rows::Rows;
use super::state::validate_state;
use super::step::StepCx;

/// A one-line form of a diagnostic, to compare warnings across states.
pub(crate) fn warning_line(d: &Diagnostic) -> String {
    format!("{}: {}", d.code, d.message)
}

/// Applies step `index` (0-based) of a scenario to a state. `lockin` is the lock-in groups
/// of that state; `known` the warnings it already has.
///
/// # Errors
/// Every error of the step, located and naming the step.
pub fn apply_step(
    scenario: &Scenario,
    index: usize,
    inv: &Inventory,
    lockin: &LockinGroups,
    known: &HashSet<String>,
) -> Result<(Inventory, StepEffect), Vec<Diagnostic>> {
    let cx = StepCx::new(scenario, index, inv, lockin);
    let mut rows = Rows::from_inventory(inv);
    let mut effect = StepEffect::default();
    let new = scenario.steps[index]
        .action
        .apply(&cx, &mut rows, &mut effect)?;
    let (next, diags) = validate_state(&rows, new.as_ref().map(|n| (&cx, n)));
    let mut errors = Vec::new();
    for d in diags {
        if d.is_error() {
            errors.push(d.in_step(cx.step_ref()));
        } else {
            let line = warning_line(&d);
            if !known.contains(&line) {
                effect.warnings.push(line);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let next = next.ok_or_else(|| {
        vec![cx.err(
            Code::BadStep,
            "",
            "the step leaves an invalid inventory".to_owned(),
        )]
    })?;
    effect.changed_assets.sort();
    effect.warnings.sort();
    effect.warnings.dedup();
    Ok((next, effect))
}
