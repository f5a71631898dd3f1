//! ANALYSE: the figures of `analyses.md`, per operator, per country and for all operators.
//!
//! Every analysis is a pure function of a [`SupplyGraph`](crate::graph::SupplyGraph) and a
//! [`Config`]: no printing, no I/O, no shared mutable state, so operators run in parallel
//! and the results do not depend on the thread count.

mod concentration;
mod config;
mod control_path;
mod critical;
mod down_set;
mod explain;
mod exposure;
mod failure;
mod figures;
mod lockin;
mod national;
mod scan;
mod unit_share;
mod worst_pair;

pub use concentration::{Band, DomainFigures, concentration};
pub use config::{Config, Context};
pub use control_path::ControlPath;
pub use critical::{
    AssetImpact, Critical, CriticalAsset, DEFAULT_CRITICAL_MIN_IMPACT, NationalCritical,
    asset_impacts, complete_impacts, critical, critical_all, national_critical,
};
pub use down_set::DownSet;
pub use explain::{Explanation, explain};
pub use exposure::{
    ControlPaths, ExposedAsset, Exposure, ExposureDomain, ExposurePaths, PATH_LIMIT, exposure,
};
pub use failure::{FailureScratch, Outage, Subgraph, down_set, failure};
pub use figures::OperatorFigures;
pub use lockin::{LockinFigures, LockinGroup, LockinGroups};
pub use national::{
    CountryDomain, CountryFigures, NationalPart, NationalScope, NationalShare, national,
};
pub use scan::{ScanResult, Scope, scan, scan_in, scan_scope};
pub use unit_share::UnitShare;
