//! SCENARIOS: what-if plans (analyses.md §7). A scenario file lists steps (the table
//! [`STEPS`], one file per step in `step/`); each step edits the inventory,
//! which is validated again as on load and assessed again. What a plan shows of each state,
//! and its change from the baseline, is the report model's (`report::model::PlanReport`).

mod apply;
mod effect;
mod file;
mod plan;
mod rows;
mod state;
mod step;

pub use apply::apply_step;
pub use effect::{AssetChange, ChangeKind, ForcedGroup, LinkCounts, StepEffect};
pub use file::{Scenario, ScenarioStep};
pub use plan::{PlanRun, StepRun, run_plan, run_plan_in};
pub use rows::{AssetRow, LinkRow, OperatorRow, Rows, SupplierRow};
pub use state::{BEFORE, validate_state};
pub use step::{Applied, NewRows, STEPS, Selector, Step, StepCx, StepDef, Values, kind_list};
