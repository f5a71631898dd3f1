//! The steps a scenario can take, as a table: one file per step, one registry.
//!
//! A step is a [`StepDef`] (its key in the scenario file and how to read its body) whose
//! body implements [`Step`] (how it edits the rows of a state and what it says it did).
//! [`STEPS`] is the one list: the parser, the error messages, the `--scenario` help text and
//! the test that checks docs/scenarios.md all read it. Adding a step is one new file here
//! (its `DEF` and its [`Step`]), its `mod` line and one line in [`STEPS`].

mod add;
mod backhaul;
mod migrate_sa;
mod remove;
mod select;
mod set_supplier;

use std::fmt;

use serde::de::DeserializeOwned;

use crate::analysis::LockinGroups;
use crate::model::Inventory;

use super::effect::StepEffect;
use crate::diagnostics::{Code, Diagnostic, StepRef};

use super::file::Scenario;
use super::rows::Rows;

pub use select::{Selector, Values};

/// Every step, in the order the documentation gives them.
pub const STEPS: &[StepDef] = &[set_supplier::DEF, add::DEF, remove::DEF, migrate_sa::DEF];

/// A step's body read from the scenario file, or the error serde found in it (its path
/// and position relative to the body).
pub type Parsed = Result<Box<dyn Step>, serde_path_to_error::Error<serde_json::Error>>;

/// The rows a step adds to the state.
#[derive(Clone, Debug)]
pub enum NewRows {
    /// Rows written in the scenario file: the step's body, as its JSON text (an object with
    /// the tables of an inventory). Their problems are located there.
    Written(String),
    /// Rows the step generates.
    Generated(Rows),
}

/// What [`Step::apply`] gives: the rows the step adds (validated with the state), or every
/// reason it cannot be applied.
pub type Applied = Result<Option<NewRows>, Vec<Diagnostic>>;

/// One kind of step: its key in the scenario file and how to read its body.
#[derive(Clone, Copy, Debug)]
pub struct StepDef {
    /// The key in the scenario file (`set_supplier`).
    pub kind: &'static str,
    /// Reads the key's value from its JSON text.
    pub parse: fn(&str) -> Parsed,
}

/// A step of a scenario, read from the file: how it edits a state and what it says it did.
pub trait Step: fmt::Debug + Send + Sync {
    /// Edits the rows of the state before the step (`cx.inventory()`) and records what it
    /// did. Returns the rows it adds, to be validated with the state.
    ///
    /// # Errors
    /// Every reason the step cannot be applied, located in the scenario file.
    fn apply(&self, cx: &StepCx<'_>, rows: &mut Rows, effect: &mut StepEffect) -> Applied;

    /// What the step did, in words, for the output.
    fn summary(&self, effect: &StepEffect) -> String;
}

impl StepDef {
    /// The registry entry of a step: its key and its body's reader.
    pub const fn new(kind: &'static str, parse: fn(&str) -> Parsed) -> Self {
        StepDef { kind, parse }
    }
}

/// The step with this key, if there is one.
pub fn find(kind: &str) -> Option<&'static StepDef> {
    STEPS.iter().find(|d| d.kind == kind)
}

/// The keys of [`STEPS`], in order, separated by commas.
pub fn kind_list() -> String {
    STEPS.iter().map(|d| d.kind).collect::<Vec<_>>().join(", ")
}

/// Reads a step body that deserializes on its own.
fn parse_as<T: DeserializeOwned + Step + 'static>(text: &str) -> Parsed {
    let mut de = serde_json::Deserializer::from_str(text);
    let step: T = serde_path_to_error::deserialize(&mut de)?;
    Ok(Box::new(step))
}

/// Where a step stands: its scenario, its number, the state before it and that state's
/// lock-in groups. Errors of the step are made here, located in the scenario file.
pub struct StepCx<'s> {
    scenario: &'s Scenario,
    number: usize,
    kind: &'static str,
    inv: &'s Inventory,
    lockin: &'s LockinGroups,
}

impl<'s> StepCx<'s> {
    /// The context of step `index` (0-based) of a scenario, on a state.
    pub fn new(
        scenario: &'s Scenario,
        index: usize,
        inv: &'s Inventory,
        lockin: &'s LockinGroups,
    ) -> Self {
        StepCx {
            scenario,
            number: index + 1,
            kind: scenario.steps[index].kind,
            inv,
            lockin,
        }
    }

    /// The state before the step.
    pub fn inventory(&self) -> &'s Inventory {
        self.inv
    }

    /// The lock-in groups of the state before the step.
    pub fn lockin(&self) -> &'s LockinGroups {
        self.lockin
    }

    /// The scenario's name.
    pub fn scenario_name(&self) -> &str {
        &self.scenario.name
    }

    /// The step's number, from 1.
    pub fn number(&self) -> usize {
        self.number
    }

    /// The step, for its diagnostics.
    pub fn step_ref(&self) -> StepRef {
        StepRef {
            number: self.number,
            kind: self.kind,
        }
    }

    /// The scenario file, as named.
    pub fn scenario_file(&self) -> &str {
        self.scenario.file()
    }

    /// The JSON path of the step's body (`steps[1].set_supplier`).
    pub fn body_path(&self) -> String {
        format!("steps[{}].{}", self.number - 1, self.kind)
    }

    /// The line and column of a path under the step's body in the scenario file.
    pub fn position(&self, sub: &str) -> (u64, u64) {
        self.scenario.position(&self.path(sub))
    }

    fn path(&self, sub: &str) -> String {
        if sub.is_empty() {
            self.body_path()
        } else {
            format!("{}.{sub}", self.body_path())
        }
    }

    /// An error of the step at a path under its body (`supplier`, `select.ids[1]`; empty
    /// for the body itself).
    pub fn err(&self, code: Code, sub: &str, message: String) -> Diagnostic {
        self.scenario
            .error(code, Some(self.step_ref()), &self.path(sub), message)
    }
}

/// An error when a supplier the step names does not exist.
fn supplier_exists(cx: &StepCx<'_>, id: &str, field: &str) -> Result<(), Vec<Diagnostic>> {
    if cx.inventory().supplier_ix(id).is_some() {
        return Ok(());
    }
    Err(vec![cx.err(
        Code::UnknownReference,
        field,
        format!("no supplier \"{id}\" in the inventory (an add step can add it first)"),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_registered_once_and_documented() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scenarios.md"))
                .expect("docs/scenarios.md");
        let mut seen = std::collections::HashSet::new();
        for d in STEPS {
            assert!(seen.insert(d.kind), "{} registered twice", d.kind);
            assert!(
                docs.contains(&format!("\n### `{}`\n", d.kind)),
                "docs/scenarios.md has no section for {}",
                d.kind
            );
        }
        let sections = docs
            .lines()
            .filter(|l| l.starts_with("### `") && l.ends_with('`') && l.matches('`').count() == 2)
            .count();
        assert_eq!(
            sections,
            STEPS.len(),
            "docs/scenarios.md documents other steps"
        );
        let flat = docs.split_whitespace().collect::<Vec<_>>().join(" ");
        let quoted: Vec<String> = STEPS.iter().map(|d| format!("`{}`", d.kind)).collect();
        let (last, rest) = quoted.split_last().expect("steps");
        let listed = format!("{} or {last}", rest.join(", "));
        assert!(
            flat.contains(&listed),
            "docs/scenarios.md does not list the steps as {listed}"
        );
    }
}
