//! What `validate` prints: counts of what was loaded, and the diagnostics.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::Inventory;

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
    for a in &inv.assets {
        countries
            .entry(inv.operator(a.operator).country.as_str())
            .or_default()
            .assets += 1;
        let (d, seen) = &mut domains[a.domain.index()];
        d.assets += 1;
        d.weight += a.weight;
        if !seen[a.supplier.index()] {
            seen[a.supplier.index()] = true;
            d.suppliers += 1;
        }
    }
    for l in &inv.links {
        let op = inv.asset(l.from).operator;
        countries
            .entry(inv.operator(op).country.as_str())
            .or_default()
            .links += 1;
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

impl InventorySummary {
    /// Renders the summary as aligned text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "loaded {}, {}, {}, {}",
            plural(self.suppliers, "supplier")
                + &format!(" ({} high-risk)", self.high_risk_suppliers),
            plural(self.operators, "operator"),
            plural(self.assets, "asset"),
            plural(self.links, "link")
        );
        let mut t = crate::report::table::new_table(&["country", "operators", "assets", "links"]);
        for c in &self.countries {
            t.add_row(vec![
                c.country.clone(),
                c.operators.to_string(),
                c.assets.to_string(),
                c.links.to_string(),
            ]);
        }
        let _ = writeln!(out, "{t}");
        let mut t = crate::report::table::new_table(&["domain", "assets", "weight", "suppliers"]);
        for d in &self.domains {
            t.add_row(vec![
                d.domain.clone(),
                d.assets.to_string(),
                crate::report::table::num(d.weight),
                d.suppliers.to_string(),
            ]);
        }
        let _ = writeln!(out, "{t}");
        out
    }
}

/// Renders diagnostics one after another, with a closing count.
pub fn render_diagnostics(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let _ = writeln!(out, "{d}");
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        let _ = writeln!(
            out,
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
    out
}

/// "1 operator", "2 operators".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
