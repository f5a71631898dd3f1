//! Applying one step: the step edits the rows of the state, then they are validated again.
//!
//! A step works on the rows of the current state ([`Rows`]) and on the rows it adds, then
//! the whole goes through the same validation as on load. A step that breaks a rule of the
//! format is refused with every error located in the scenario file; the state is then left
//! as it was (nothing is half-applied).

use std::collections::HashSet;

use crate::analysis::LockinGroups;
use crate::diagnostics::Diagnostic;
use crate::model::Inventory;

use super::effect::StepEffect;
use super::file::{Scenario, ScenarioError};
use super::rows::{Origin, Rows, validate_rows};
use super::step::{NewRows, StepCx};

/// A one-line form of a diagnostic, to compare warnings across states.
pub(crate) fn warning_line(d: &Diagnostic) -> String {
    format!("{}: {}", d.code, d.message)
}

/// Applies step `index` (0-based) of a scenario to a state. `lockin` is the lock-in groups
/// of that state; `known` the warnings it already has.
///
/// # Errors
/// Every error of the step, located in the scenario file and naming the step.
pub fn apply_step(
    scenario: &Scenario,
    index: usize,
    inv: &Inventory,
    lockin: &LockinGroups,
    known: &HashSet<String>,
) -> Result<(Inventory, StepEffect), Vec<ScenarioError>> {
    let step = &scenario.steps[index];
    let cx = StepCx::new(scenario, index, inv, lockin);
    let mut rows = Rows::from_inventory(inv);
    let mut effect = StepEffect::default();
    let extra = step.action.apply(&cx, &mut rows, &mut effect)?;
    let written = matches!(extra, Some(NewRows::Written(_)));
    let extra = extra.map(|e| match e {
        NewRows::Written(t) | NewRows::Generated(t) => t,
    });
    let (next, diags) = validate_rows(&rows, extra);
    let mut errors = Vec::new();
    for (origin, d) in diags {
        let message = d
            .message
            .replace(" (first defined at ", " (already in the inventory, at ");
        let message = match message.find(" (already in the inventory, at ") {
            Some(i) if message.ends_with(" in the inventory before this step)") => {
                format!("{} (already in the inventory)", &message[..i])
            }
            _ => message,
        };
        let inner = d.location.as_ref().and_then(|l| l.path.clone());
        let (sub, message) = match (origin, inner) {
            (Origin::Extra, Some(p)) if written => (p, message),
            (Origin::Extra, Some(p)) => (
                String::new(),
                format!("{message} (in the rows the step generates, at {p})"),
            ),
            _ => (String::new(), message),
        };
        if d.is_error() {
            errors.push(cx.err(d.code.as_str(), &sub, message));
        } else {
            let line = format!("{}: {message}", d.code);
            if !known.contains(&line) && !known.contains(&warning_line(&d)) {
                effect.warnings.push(line);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let next = next.ok_or_else(|| {
        vec![cx.err(
            "bad-step",
            "",
            "the step leaves an invalid inventory".to_owned(),
        )]
    })?;
    effect.changed_assets.sort();
    effect.warnings.sort();
    effect.warnings.dedup();
    Ok((next, effect))
}
