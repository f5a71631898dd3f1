//! Section 1, concentration (R4): shares, HHI and bands per operator and domain.

use crate::model::{DomainIx, OperatorIx, SupplierIx};

use super::config::Context;

/// Concentration band after the EU horizontal merger guidelines (2004).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    /// HHI below 1000.
    Low,
    /// HHI from 1000 to 2000.
    Moderate,
    /// HHI above 2000.
    High,
}

impl Band {
    /// The band of an HHI.
    pub fn of(hhi: f64) -> Band {
        if hhi < 1000.0 {
            Band::Low
        } else if hhi <= 2000.0 {
            Band::Moderate
        } else {
            Band::High
        }
    }

    /// The name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Moderate => "moderate",
            Band::High => "high",
        }
    }
}

/// The concentration of one operator's domain; suppliers by index (the report names them).
#[derive(Clone, Debug, PartialEq)]
pub struct DomainFigures {
    /// The domain.
    pub domain: DomainIx,
    /// W(o,d): total weight, > 0.
    pub weight: f64,
    /// Herfindahl-Hirschman index, 0 to 10000.
    pub hhi: f64,
    /// 10000 / HHI.
    pub equivalent_suppliers: f64,
    /// Band of the HHI.
    pub band: Band,
    /// Sum of the shares of high-risk suppliers.
    pub high_risk_share: f64,
    /// Every supplier with an asset in the domain and its share from 0 to 1: share
    /// descending, then id. The first holds the largest share (ties: smallest id).
    pub suppliers: Vec<(SupplierIx, f64)>,
    /// The same by group root: share descending, then id.
    pub groups: Vec<(SupplierIx, f64)>,
    /// The suppliers' shares in index order (id order), for national figures.
    pub by_supplier: Vec<(SupplierIx, f64)>,
}

impl DomainFigures {
    /// The largest share (ties: smallest id).
    pub fn top(&self) -> (SupplierIx, f64) {
        self.suppliers[0]
    }
}

/// Concentration of every domain of operator `o` with positive weight, sorted by domain.
pub fn concentration(cx: &Context<'_>, o: OperatorIx) -> Vec<DomainFigures> {
    let g = cx.graph;
    let inv = g.inventory();
    // (domain, supplier) -> weight; small per operator, so a sorted vector does.
    let mut cells: Vec<(DomainIx, SupplierIx, f64)> = Vec::new();
    {
        let mut map: std::collections::HashMap<(DomainIx, SupplierIx), f64> =
            std::collections::HashMap::new();
        for &a in g.operator_assets(o) {
            let asset = inv.asset(a);
            *map.entry((asset.domain, asset.supplier)).or_insert(0.0) += asset.weight;
        }
        cells.extend(map.into_iter().map(|((d, s), w)| (d, s, w)));
    }
    // Domains sort by name because DomainIx follows sorted names; suppliers likewise by id.
    cells.sort_unstable_by_key(|c| (c.0, c.1));
    let mut out = Vec::new();
    for chunk in cells.chunk_by(|a, b| a.0 == b.0) {
        // Sum in supplier-id order: the same order whatever the input order.
        let total: f64 = fsum(chunk.iter().map(|c| c.2));
        if total <= 0.0 {
            continue;
        }
        out.push(domain_figures(
            cx,
            chunk[0].0,
            total,
            chunk.iter().map(|c| (c.1, c.2 / total)),
        ));
    }
    out
}

/// Builds the figures of one domain from its suppliers' shares (in supplier-id order).
pub(crate) fn domain_figures(
    cx: &Context<'_>,
    domain: DomainIx,
    weight: f64,
    shares: impl Iterator<Item = (SupplierIx, f64)>,
) -> DomainFigures {
    let shares: Vec<(SupplierIx, f64)> = shares.collect();
    let hhi: f64 = fsum(shares.iter().map(|(_, s)| (100.0 * s) * (100.0 * s)));
    let high_risk_share: f64 = fsum(
        shares
            .iter()
            .filter(|(s, _)| cx.high_risk[s.index()])
            .map(|(_, v)| *v),
    );
    let mut suppliers = shares.clone();
    sort_shares(&mut suppliers);
    // Group roots in first-seen order, each summed in the order of `shares` (as before);
    // the map keeps this linear when a domain has thousands of suppliers.
    let mut groups: Vec<(SupplierIx, f64)> = Vec::new();
    let mut slot: rustc_hash::FxHashMap<SupplierIx, usize> = rustc_hash::FxHashMap::default();
    for (s, v) in &shares {
        let r = cx.root[s.index()];
        match slot.get(&r) {
            Some(&i) => groups[i].1 += v,
            None => {
                slot.insert(r, groups.len());
                groups.push((r, *v));
            }
        }
    }
    sort_shares(&mut groups);
    DomainFigures {
        domain,
        weight,
        hhi,
        equivalent_suppliers: 10000.0 / hhi,
        band: Band::of(hhi),
        high_risk_share,
        suppliers,
        groups,
        by_supplier: shares,
    }
}

/// Sums in iteration order from +0.0 (`Iterator::sum` of floats starts from -0.0, which
/// would print an empty sum as `-0.0`).
pub(crate) fn fsum(it: impl Iterator<Item = f64>) -> f64 {
    it.fold(0.0, |a, b| a + b)
}

/// The key under which figures compare for ordering and ties: the value rounded to 1e-12.
///
/// Figures computed from decimal weights differ from their exact value by a few units in
/// the last place (0.1 + 0.2 is not 0.3), so two suppliers that hold the same share on
/// paper could otherwise be ordered by rounding noise instead of by id. Rounding to a grid
/// keeps the order a total order.
pub fn tie_key(v: f64) -> i64 {
    (v * 1e12).round() as i64
}

/// Orders figures descending (by [`tie_key`]), then ids ascending (an index of a table sorted
/// by id orders as its id).
pub(crate) fn desc_then_id<I: Ord + ?Sized>(
    va: f64,
    ia: &I,
    vb: f64,
    ib: &I,
) -> std::cmp::Ordering {
    tie_key(vb).cmp(&tie_key(va)).then_with(|| ia.cmp(ib))
}

/// Sorts (supplier, share) pairs by share descending, then id ascending.
pub(crate) fn sort_shares(v: &mut [(SupplierIx, f64)]) {
    v.sort_by(|a, b| desc_then_id(a.1, &a.0, b.1, &b.0));
}
