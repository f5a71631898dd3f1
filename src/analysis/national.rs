//! Section 5, national vendor balance (R4 nation-wide, SM06): subscriber-weighted shares,
//! HHI and systemic suppliers per country and for all operators together.

use std::collections::BTreeMap;

use crate::model::{DomainIx, OperatorIx, SupplierIx};

use super::concentration::{Band, desc_then_id, fsum, sort_shares};
use super::config::Context;
use super::critical::{Critical, NationalCritical, national_critical};
use super::figures::OperatorFigures;

/// A supplier's national share of a domain.
#[derive(Clone, Debug, PartialEq)]
pub struct NationalShare {
    /// The supplier.
    pub supplier: SupplierIx,
    /// Weighted share, 0 to 1.
    pub share: f64,
    /// Number of operators in which it has a positive share.
    pub operators: usize,
}

/// One operator's part of a supplier's national share of a domain: the operator's weight
/// times the supplier's share of the operator's domain, over the total weight of the
/// operators with the domain. The parts into one supplier add up to its national share.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NationalPart {
    /// The operator.
    pub operator: OperatorIx,
    /// The supplier.
    pub supplier: SupplierIx,
    /// The part, 0 to 1.
    pub part: f64,
}

/// A domain's national balance.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryDomain {
    /// The domain.
    pub domain: DomainIx,
    /// National HHI.
    pub hhi: f64,
    /// Its band.
    pub band: Band,
    /// Sum of national shares of high-risk suppliers.
    pub high_risk_share: f64,
    /// Number of operators with the domain.
    pub operators: usize,
    /// Share descending, then id.
    pub suppliers: Vec<NationalShare>,
    /// Every positive share's parts, by operator then supplier.
    pub parts: Vec<NationalPart>,
}

impl CountryDomain {
    /// Operator `o`'s part of supplier `s`'s national share; `None` when `o` has no
    /// positive share of `s` here (or the operators with the domain weigh nothing).
    pub fn part(&self, o: OperatorIx, s: SupplierIx) -> Option<f64> {
        self.parts
            .binary_search_by_key(&(o, s), |p| (p.operator, p.supplier))
            .ok()
            .map(|i| self.parts[i].part)
    }
}

/// How operators were weighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NationalScope {
    /// By `subscribers`.
    Subscribers,
    /// Equally (some operator had no `subscribers`, or they sum to 0).
    Equal,
}

/// The national figures of one country, or of the scope `all`; suppliers, operators and
/// assets by index (the report names them).
#[derive(Clone, Debug, PartialEq)]
pub struct CountryFigures {
    /// ISO code, or `all`.
    pub country: String,
    /// The operators, in id order.
    pub operators: Vec<OperatorIx>,
    /// How they were weighted.
    pub weighting: NationalScope,
    /// By domain name.
    pub domains: Vec<CountryDomain>,
    /// Each supplier's national outage (weighted over the operators with a defined outage):
    /// outage descending, then id.
    pub outage: Vec<(SupplierIx, f64)>,
    /// Critical assets (section 8): national impact descending, then asset id.
    pub critical: Vec<NationalCritical>,
    /// Each operator's share of the national weight, in the order of `operators`.
    pub weights: Vec<(OperatorIx, f64)>,
}

impl CountryFigures {
    /// The national outage when supplier `s` fails: 0 when no operator's radio depends on
    /// it.
    pub fn outage_of(&self, s: SupplierIx) -> f64 {
        self.outage.iter().find(|x| x.0 == s).map_or(0.0, |x| x.1)
    }
}

/// Per domain: total operator weight, operators, and per supplier (weighted share sum,
/// operators with a positive share).
type DomainAcc = (f64, usize, BTreeMap<SupplierIx, (f64, usize)>);

/// National figures for a set of operators (sorted by id), from their figures (`figures[i]`
/// are those of `ops[i]`).
///
/// Returns the figures and, when weights fall back to equal, a warning.
pub fn national(
    cx: &Context<'_>,
    name: &str,
    ops: &[OperatorIx],
    figures: &[&OperatorFigures],
) -> (CountryFigures, Vec<String>) {
    debug_assert_eq!(ops.len(), figures.len());
    let inv = cx.graph.inventory();
    let subs: Vec<Option<u64>> = ops.iter().map(|&o| inv.operator(o).subscribers).collect();
    let total_subs: u64 = subs.iter().map(|s| s.unwrap_or(0)).sum();
    let by_subscribers = subs.iter().all(Option::is_some) && total_subs > 0;
    let weight = |i: usize| {
        if by_subscribers {
            subs[i].unwrap_or(0) as f64
        } else {
            1.0
        }
    };
    let warning = (!by_subscribers).then(|| weighting_warning(name, &subs));
    // Only a single operator, or an inventory without subscribers, says nothing useful here.
    let warning = warning.filter(|_| subs.iter().any(Option::is_some) || ops.len() > 1);

    // Domain -> supplier -> (weighted share sum, operators with positive share); and the
    // domain's total operator weight.
    let mut domains: BTreeMap<DomainIx, DomainAcc> = BTreeMap::new();
    let mut outage: BTreeMap<SupplierIx, f64> = BTreeMap::new();
    let mut outage_weight = 0.0;
    for (i, f) in figures.iter().enumerate() {
        let w = weight(i);
        for d in &f.domains {
            let e = domains.entry(d.domain).or_default();
            e.0 += w;
            e.1 += 1;
            for &(s, share) in &d.by_supplier {
                let c = e.2.entry(s).or_default();
                c.0 += w * share;
                if share > 0.0 {
                    c.1 += 1;
                }
            }
        }
        if f.outage.units_weight > 0.0 {
            outage_weight += w;
            for &(s, v) in &f.outage.by_supplier {
                *outage.entry(s).or_default() += w * v;
            }
        }
    }
    let total_weight = fsum((0..ops.len()).map(weight));
    let weights = ops
        .iter()
        .enumerate()
        .map(|(i, &o)| (o, weight(i) / total_weight))
        .collect();
    let domains = domains
        .into_iter()
        .map(|(d, (total, n_ops, sups))| {
            let parts = national_parts(ops, figures, &weight, d, total);
            country_domain(cx, d, (total, n_ops, sups), parts)
        })
        .collect();
    // When the operators with a defined outage weigh nothing (all with 0 subscribers),
    // the national outage is undefined: the list is empty and a warning says why.
    let mut outage: Vec<(SupplierIx, f64)> = if outage_weight > 0.0 {
        let national = |(s, v): (SupplierIx, f64)| (s, v / outage_weight);
        outage.into_iter().map(national).collect()
    } else {
        Vec::new()
    };
    sort_shares(&mut outage);
    let critical_figures: Vec<&Critical> = figures.iter().map(|f| &f.critical).collect();
    let operator_weights: Vec<f64> = (0..ops.len()).map(weight).collect();
    let critical = national_critical(
        ops,
        &operator_weights,
        &critical_figures,
        cx.critical_min_impact,
    );
    let result = CountryFigures {
        country: name.to_owned(),
        operators: ops.to_vec(),
        weighting: if by_subscribers {
            NationalScope::Subscribers
        } else {
            NationalScope::Equal
        },
        domains,
        outage,
        critical,
        weights,
    };
    let mut warnings: Vec<String> = warning.into_iter().collect();
    if outage_weight == 0.0 && figures.iter().any(|f| f.outage.units_weight > 0.0) {
        warnings.push(format!(
            "{name}: the operators with radio units have 0 subscribers, so the national outage is undefined"
        ));
    }
    (result, warnings)
}

/// Why national figures weigh operators equally (missing or zero subscribers).
fn weighting_warning(name: &str, subs: &[Option<u64>]) -> String {
    let missing = subs.iter().filter(|s| s.is_none()).count();
    if missing == subs.len() {
        format!(
            "{name}: no operator gives subscribers; national figures weigh the {} operators equally",
            subs.len()
        )
    } else if missing > 0 {
        format!(
            "{name}: {missing} of {} operators give no subscribers; national figures weigh every operator equally",
            subs.len()
        )
    } else {
        format!("{name}: subscribers sum to 0; national figures weigh every operator equally")
    }
}

/// The national figures of one domain from its accumulated shares.
fn country_domain(
    cx: &Context<'_>,
    d: DomainIx,
    (total, n_ops, sups): DomainAcc,
    parts: Vec<NationalPart>,
) -> CountryDomain {
    let shares: Vec<(SupplierIx, f64, usize)> = sups
        .into_iter()
        .map(|(s, (sum, n))| (s, if total > 0.0 { sum / total } else { 0.0 }, n))
        .collect();
    let hhi: f64 = fsum(shares.iter().map(|(_, v, _)| (100.0 * v) * (100.0 * v)));
    let high_risk_share = fsum(
        shares
            .iter()
            .filter(|(s, _, _)| cx.high_risk[s.index()])
            .map(|(_, v, _)| *v),
    );
    let mut suppliers: Vec<NationalShare> = shares
        .iter()
        .map(|&(supplier, share, operators)| NationalShare {
            supplier,
            share,
            operators,
        })
        .collect();
    suppliers.sort_by(|a, b| desc_then_id(a.share, &a.supplier, b.share, &b.supplier));
    CountryDomain {
        domain: d,
        hhi,
        band: Band::of(hhi),
        high_risk_share,
        operators: n_ops,
        suppliers,
        parts,
    }
}

/// The parts of every positive share of domain `d`, whose operators weigh `total`.
fn national_parts(
    ops: &[OperatorIx],
    figures: &[&OperatorFigures],
    weight: &dyn Fn(usize) -> f64,
    d: DomainIx,
    total: f64,
) -> Vec<NationalPart> {
    let mut parts = Vec::new();
    if total <= 0.0 {
        return parts;
    }
    for (i, f) in figures.iter().enumerate() {
        let Some(df) = f.domains.iter().find(|x| x.domain == d) else {
            continue;
        };
        for &(s, share) in df.by_supplier.iter().filter(|x| x.1 > 0.0) {
            parts.push(NationalPart {
                operator: ops[i],
                supplier: s,
                part: weight(i) * share / total,
            });
        }
    }
    parts
}
