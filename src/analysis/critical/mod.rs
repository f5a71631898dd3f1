//! Section 8, critical assets (single points of failure; R4, TM11): which single asset
//! takes the most of an operator's service down, and which assets are shared by several
//! operators of a country.

mod asset;
mod batch;
mod forest;
mod national;
mod operator;
mod order;
mod reach;
mod units;

pub use asset::{AssetImpact, asset_impacts};
pub use national::{NationalCritical, complete_impacts, critical_all, national_critical};
pub use operator::{Critical, CriticalAsset, DEFAULT_CRITICAL_MIN_IMPACT, critical};
