//! The report model: what every renderer reads, built once from an assessment.
//!
//! [`ScanReport::new`] turns the ids of an [`Assessment`](crate::assess::Assessment) into
//! names once, keeps every list in its documented order and counts what the human formats
//! add (findings per rule, per operator). `vendorgraph-report/1` is the serde of
//! [`ReportDoc`]; renderers read these types only and never reach the analyses.

mod country;
mod critical;
mod delta;
mod diff;
mod explain;
mod finding;
mod operator;
mod plan;
mod plan_rows;
mod ranking;
mod scan;
mod validate;

pub use country::{CountryDomain, CountryEntry, NationalOutage, NationalShare, Weighting};
pub use critical::{AssetImpactEntry, CriticalAssetEntry, CriticalEntry, NationalCriticalEntry};
pub use delta::{
    CountryDelta, CountryDomainDelta, Delta, DomainDelta, ExposureDelta, FindingKey, FindingsDelta,
    LockinDelta, Matched, OperatorDelta, OutageDelta, SAME, change, differs, match_by, minus,
    outage_or_zero, pair_by,
};
pub use diff::{
    Change, ChangeScope, DIFF_FORMAT, DiffDoc, DiffReport, DiffSummary, FindingChanges, IdChanges,
    InventoryIds, Presence, ScopeTally, Unit,
};
pub use explain::{ExplainReport, LinkEntry, PathEntry};
pub use finding::{EvidenceEntry, ExemptedEntry, FindingEntry, RuleTally, SeverityTally};
pub use operator::{
    DomainEntry, ExposedEntry, ExposureDomain, ExposureEntry, GroupEntry, GroupShare, LockinEntry,
    OffshoreEntry, OperatorEntry, OutageEntry, PairOutage, Share, SingleOutage, SupplierOutage,
    path_is_cut,
};
pub use plan::{Figures, FindingSummary, PLAN_FORMAT, PlanReport, RuleCount, StepReport};
pub use plan_rows::{
    Compared, FigureRow, FigureUnit, PlanSummary, RowChange, ScopeRows, StepView, Value, Worse,
};
pub use ranking::{CountryOutage, OperatorRank, Rankings, SupplierRank};
pub use scan::{InputFile, REPORT_FORMAT, ReportDoc, ScanReport, Summary, named};
pub use validate::{CountryCount, DomainCount, InventorySummary, ValidateReport, summarize};

/// Serialises a concentration band by its name.
fn band<S: serde::Serializer>(b: &crate::analysis::Band, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(b.as_str())
}
