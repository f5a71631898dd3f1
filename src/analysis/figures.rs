//! The figures of one operator: what the per-operator analyses return together. Its own
//! file so that the scan driver and the national figures both read it without importing
//! each other.

use crate::model::OperatorIx;

use super::concentration::DomainFigures;
use super::critical::Critical;
use super::exposure::Exposure;
use super::failure::Outage;
use super::lockin::LockinFigures;

/// The figures of one operator, by index: the report names them.
#[derive(Clone, Debug, PartialEq)]
pub struct OperatorFigures {
    /// The operator.
    pub operator: OperatorIx,
    /// Concentration per domain, by domain name.
    pub domains: Vec<DomainFigures>,
    /// Supplier failure.
    pub outage: Outage,
    /// Lock-in.
    pub lockin: LockinFigures,
    /// High-risk exposure and offshore operation.
    pub exposure: Exposure,
    /// Critical assets (section 8).
    pub critical: Critical,
}
