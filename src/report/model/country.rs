//! A country's entry of the report (and the scope `all`): national vendor balance.

use serde::Serialize;

use crate::analysis::{self, Band, CountryFigures, NationalScope};
use crate::model::{Inventory, SupplierIx};

use super::band;
use super::critical::NationalCriticalEntry;

/// The national figures of one country, or of the scope `all` (analyses.md section 5).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryEntry {
    /// ISO code, or `all`.
    pub country: String,
    /// The operators, by id.
    pub operators: Vec<String>,
    /// How they were weighted.
    pub weighting: Weighting,
    /// By domain name.
    pub domains: Vec<CountryDomain>,
    /// Outage descending, then id.
    pub outage: Vec<NationalOutage>,
    /// Critical assets (section 8): national impact descending, then asset id.
    pub critical: Vec<NationalCriticalEntry>,
}

/// How the operators of a country were weighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weighting {
    /// By `subscribers`.
    Subscribers,
    /// Equally (some operator gave no `subscribers`, or they sum to 0).
    Equal,
}

/// A domain's national balance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryDomain {
    /// Domain name.
    pub domain: String,
    /// National HHI.
    pub hhi: f64,
    /// Its band.
    #[serde(serialize_with = "band")]
    pub band: Band,
    /// Sum of national shares of high-risk suppliers.
    pub high_risk_share: f64,
    /// Number of operators with the domain.
    pub operators: usize,
    /// Share descending, then id.
    pub suppliers: Vec<NationalShare>,
}

/// A supplier's national share of a domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NationalShare {
    /// Supplier id.
    pub supplier: String,
    /// Weighted share, 0 to 1.
    pub share: f64,
    /// Number of operators in which it has a positive share.
    pub operators: usize,
}

/// A supplier's national outage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NationalOutage {
    /// Supplier id.
    pub supplier: String,
    /// Weighted outage over the operators with a defined outage.
    pub outage: f64,
}

impl Weighting {
    /// The name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Weighting::Subscribers => "subscribers",
            Weighting::Equal => "equal",
        }
    }
}

impl CountryDomain {
    fn new(d: &analysis::CountryDomain, inv: &Inventory) -> Self {
        let share = |s: &analysis::NationalShare| NationalShare {
            supplier: inv.supplier(s.supplier).id.to_string(),
            share: s.share,
            operators: s.operators,
        };
        CountryDomain {
            domain: inv.domain_name(d.domain).to_owned(),
            hhi: d.hhi,
            band: d.band,
            high_risk_share: d.high_risk_share,
            operators: d.operators,
            suppliers: d.suppliers.iter().map(share).collect(),
        }
    }
}

impl CountryEntry {
    /// The entry of one country's figures.
    pub(super) fn new(c: &CountryFigures, inv: &Inventory) -> Self {
        let id = |s: SupplierIx| inv.supplier(s).id.to_string();
        CountryEntry {
            country: c.country.clone(),
            operators: c
                .operators
                .iter()
                .map(|&o| inv.operator(o).id.to_string())
                .collect(),
            weighting: match c.weighting {
                NationalScope::Subscribers => Weighting::Subscribers,
                NationalScope::Equal => Weighting::Equal,
            },
            domains: c
                .domains
                .iter()
                .map(|d| CountryDomain::new(d, inv))
                .collect(),
            outage: c
                .outage
                .iter()
                .map(|&(s, outage)| NationalOutage {
                    supplier: id(s),
                    outage,
                })
                .collect(),
            critical: c
                .critical
                .iter()
                .map(|n| NationalCriticalEntry::new(n, inv))
                .collect(),
        }
    }

    /// Whether this is the scope of every operator rather than a country.
    pub fn is_all(&self) -> bool {
        self.country == "all"
    }

    /// The figures of a domain, by name.
    pub fn domain(&self, name: &str) -> Option<&CountryDomain> {
        self.domains.iter().find(|d| d.domain == name)
    }
}
