//! The report of `validate`: what was loaded, counted once, and every diagnostic.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::load::Loaded;
use crate::model::Inventory;

/// What `validate --format json` prints. The document's keys come out sorted at every level
/// (the renderer writes it through a `serde_json::Value`), as they always have.
#[derive(Clone, Debug, Serialize)]
pub struct ValidateReport<'a> {
    /// Whether the inventory is valid (no error).
    pub valid: bool,
    /// The files read, in order.
    pub files: &'a [String],
    /// What the inventory holds, when it is valid.
    pub summary: Option<InventorySummary>,
    /// The errors, sorted.
    pub errors: Vec<&'a Diagnostic>,
    /// The warnings, sorted.
    pub warnings: Vec<&'a Diagnostic>,
    /// Total size of the files read, in bytes (not in the JSON document).
    #[serde(skip)]
    pub bytes: u64,
}

impl<'a> ValidateReport<'a> {
    /// The report of a load.
    pub fn new(loaded: &'a Loaded) -> Self {
        ValidateReport {
            valid: loaded.inventory.is_some(),
            files: &loaded.files,
            summary: loaded.inventory.as_ref().map(summarize),
            errors: loaded.errors().collect(),
            warnings: loaded.warnings().collect(),
            bytes: loaded.bytes,
        }
    }
}

/// Counts of a loaded inventory, per country and per domain.
#[derive(Clone, Debug, Default, Serialize)]
pub struct InventorySummary {
    /// Number of suppliers.
    pub suppliers: usize,
    /// Number of operators.
    pub operators: usize,
    /// Number of assets.
    pub assets: usize,
    /// Number of links.
    pub links: usize,
    /// Number of high-risk suppliers (own mark or group).
    pub high_risk_suppliers: usize,
    /// Per operator country, sorted by code.
    pub countries: Vec<CountryCount>,
    /// Per domain, sorted by name.
    pub domains: Vec<DomainCount>,
}

/// Counts of one country.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CountryCount {
    /// ISO code.
    pub country: String,
    /// Operators of that country.
    pub operators: usize,
    /// Their assets.
    pub assets: usize,
    /// Links whose `from` is one of their assets.
    pub links: usize,
}

/// Counts of one domain.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DomainCount {
    /// Domain name.
    pub domain: String,
    /// Assets in it.
    pub assets: usize,
    /// Their total weight.
    pub weight: f64,
    /// Distinct suppliers.
    pub suppliers: usize,
}

/// Counts what an inventory holds.
pub fn summarize(inv: &Inventory) -> InventorySummary {
    let mut countries: BTreeMap<&str, CountryCount> = BTreeMap::new();
    for o in &inv.operators {
        countries.entry(o.country.as_str()).or_default().operators += 1;
    }
    let mut domains: Vec<(DomainCount, Vec<bool>)> = inv
        .domains
        .iter()
        .map(|d| {
            (
                DomainCount {
                    domain: d.to_string(),
                    ..DomainCount::default()
                },
                vec![false; inv.suppliers.len()],
            )
        })
        .collect();
    // Assets and links counted per operator, then summed per country: a map lookup per
    // operator, not per row.
    let mut per_operator = vec![(0, 0); inv.operators.len()];
    for a in &inv.assets {
        per_operator[a.operator.index()].0 += 1;
        let (d, seen) = &mut domains[a.domain.index()];
        d.assets += 1;
        d.weight += a.weight;
        if !seen[a.supplier.index()] {
            seen[a.supplier.index()] = true;
            d.suppliers += 1;
        }
    }
    for l in &inv.links {
        per_operator[inv.asset(l.from).operator.index()].1 += 1;
    }
    for (o, (assets, links)) in inv.operators.iter().zip(per_operator) {
        let c = countries.entry(o.country.as_str()).or_default();
        c.assets += assets;
        c.links += links;
    }
    InventorySummary {
        suppliers: inv.suppliers.len(),
        operators: inv.operators.len(),
        assets: inv.assets.len(),
        links: inv.links.len(),
        high_risk_suppliers: (0..inv.suppliers.len())
            .filter(|&i| inv.chain_is_high_risk(crate::model::SupplierIx(i as u32)))
            .count(),
        countries: countries
            .into_iter()
            .map(|(c, mut n)| {
                n.country = c.to_owned();
                n
            })
            .collect(),
        domains: domains.into_iter().map(|(d, _)| d).collect(),
    }
}
