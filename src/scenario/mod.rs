//! SCENARIOS: what-if plans (analyses.md §7). A scenario file lists steps (the table
//! [`STEPS`]: `set_supplier`, `add`, `remove`, `migrate_sa`); each step edits the inventory,
//! which is validated again as on load, scanned and judged again, and compared with the
//! baseline.

mod apply;
mod effect;
mod figures;
mod file;
mod plan;
mod rows;
mod state;
mod step;
mod view;

pub use apply::apply_step;
pub use effect::{AssetChange, ChangeKind, ForcedGroup, LinkCounts, StepEffect};
pub use figures::{
    CountryDelta, CountryDomainDelta, CountryDomainSummary, CountrySummary, Delta, DomainDelta,
    DomainSummary, ExposureDelta, ExposureSummary, Figures, FindingKey, FindingSummary,
    FindingsDelta, LockinDelta, LockinSummary, OperatorDelta, OperatorSummary, OutageDelta,
    OutageSummary, RuleCount,
};
pub use file::{Scenario, ScenarioStep};
pub use plan::{PLAN_FORMAT, Plan, StepReport, run_plan, run_plan_in};
pub use rows::{AssetRow, LinkRow, OperatorRow, Rows, SupplierRow};
pub use state::{BEFORE, validate_state};
pub use step::{
    Add, MigrateSa, NewRows, Remove, STEPS, Selector, SetSupplier, Step, StepCx, StepDef, Values,
    kind_list,
};
pub use view::{
    Change, Compared, FigureRow, PlanSummary, ScopeRows, StepView, Unit, Value, Worse,
    baseline_rows,
};
