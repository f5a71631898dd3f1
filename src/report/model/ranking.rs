//! Rankings: which operators and suppliers come first, and which findings are the most
//! serious. Orders only: every figure is read from the report's entries, none is computed.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::policy::Severity;

use super::country::CountryEntry;
use super::finding::{ExemptedEntry, FindingEntry, SeverityTally};
use super::operator::{OperatorEntry, SingleOutage};

/// The rule whose limit `suppliers_by_share` counts (docs/policy.md).
const SHARE_RULE: &str = "supplier-share";

/// The rankings of a report (`rankings` in `vendorgraph-report/1`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Rankings {
    /// Every operator, worst first: more deny findings, then higher high-risk exposure of
    /// key assets, then a larger worst single-supplier outage, then id.
    pub operators: Vec<OperatorRank>,
    /// Every supplier with a national outage, worst first: largest national outage over
    /// the countries, then outage in the scope `all`, then id.
    pub suppliers_by_outage: Vec<SupplierRank>,
    /// The suppliers above the `supplier-share` limit in at least one operator: more such
    /// operators first, then as `suppliers_by_outage`.
    pub suppliers_by_share: Vec<SupplierRank>,
}

/// An operator's place in the ranking, with the figures that put it there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperatorRank {
    /// Operator id.
    pub operator: String,
    /// Its country.
    pub country: String,
    /// Its `deny` findings.
    pub deny: usize,
    /// Its `warn` findings.
    pub warn: usize,
    /// High-risk exposure index of its key assets (`exposure.index`), or `null`.
    pub exposure: Option<f64>,
    /// Its worst single-supplier outage (`outage.worst_single`), or `null`.
    pub worst_single: Option<SingleOutage>,
}

/// A supplier's place in the supplier rankings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SupplierRank {
    /// Supplier id.
    pub supplier: String,
    /// Its largest national outage and the country (`countries[].outage`), or `null`.
    pub national_outage: Option<CountryOutage>,
    /// Its outage in the scope `all`, or `null`.
    pub outage_all: Option<f64>,
    /// Operators in which its share of a domain is above the `supplier-share` limit: the
    /// distinct operators of its `supplier-share` findings, exempted ones included.
    pub operators_above_share_limit: usize,
}

/// A national outage and its country.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryOutage {
    /// Country code.
    pub country: String,
    /// The supplier's national outage there.
    pub outage: f64,
}

impl Rankings {
    /// Ranks the operators (with their tallies, in `operators` order) and the suppliers.
    pub(super) fn new(
        operators: &[OperatorEntry],
        per_operator: &[SeverityTally],
        countries: &[CountryEntry],
        findings: &[FindingEntry],
        exempted: &[ExemptedEntry],
    ) -> Self {
        let mut ops: Vec<OperatorRank> = operators
            .iter()
            .zip(per_operator)
            .map(|(o, t)| OperatorRank {
                operator: o.id.clone(),
                country: o.country.clone(),
                deny: t.deny,
                warn: t.warn,
                exposure: o.exposure.index,
                worst_single: o.outage.worst_single.clone(),
            })
            .collect();
        ops.sort_by(|a, b| {
            b.deny
                .cmp(&a.deny)
                .then_with(|| desc(a.exposure, b.exposure))
                .then_with(|| {
                    desc(
                        a.worst_single.as_ref().map(|w| w.outage),
                        b.worst_single.as_ref().map(|w| w.outage),
                    )
                })
                .then_with(|| a.operator.cmp(&b.operator))
        });
        let suppliers = supplier_ranks(countries, findings, exempted);
        let by_outage = |a: &SupplierRank, b: &SupplierRank| {
            desc(
                a.national_outage.as_ref().map(|n| n.outage),
                b.national_outage.as_ref().map(|n| n.outage),
            )
            .then_with(|| desc(a.outage_all, b.outage_all))
            .then_with(|| a.supplier.cmp(&b.supplier))
        };
        let mut by_share: Vec<SupplierRank> = suppliers
            .iter()
            .filter(|s| s.operators_above_share_limit > 0)
            .cloned()
            .collect();
        by_share.sort_by(|a, b| {
            b.operators_above_share_limit
                .cmp(&a.operators_above_share_limit)
                .then_with(|| by_outage(a, b))
        });
        let mut suppliers_by_outage: Vec<SupplierRank> = suppliers
            .into_iter()
            .filter(|s| s.national_outage.is_some() || s.outage_all.is_some())
            .collect();
        suppliers_by_outage.sort_by(by_outage);
        Rankings {
            operators: ops,
            suppliers_by_outage,
            suppliers_by_share: by_share,
        }
    }

    /// The place (0 = worst) of every ranked operator, by id: one look-up per finding, not
    /// a search of the ranking (5,000 operators sharing a lock-in group have as many
    /// findings).
    fn operator_places(&self) -> HashMap<&str, usize> {
        self.operators
            .iter()
            .enumerate()
            .map(|(place, o)| (o.operator.as_str(), place))
            .collect()
    }
}

/// Every supplier named by a national outage or a `supplier-share` finding, by id.
fn supplier_ranks(
    countries: &[CountryEntry],
    findings: &[FindingEntry],
    exempted: &[ExemptedEntry],
) -> Vec<SupplierRank> {
    // By id, so that thousands of suppliers are not inserted one by one into a sorted list.
    let mut out: BTreeMap<&str, SupplierRank> = BTreeMap::new();
    fn entry<'m, 'a>(
        out: &'m mut BTreeMap<&'a str, SupplierRank>,
        id: &'a str,
    ) -> &'m mut SupplierRank {
        out.entry(id).or_insert_with(|| SupplierRank {
            supplier: id.to_owned(),
            national_outage: None,
            outage_all: None,
            operators_above_share_limit: 0,
        })
    }
    for c in countries {
        for o in &c.outage {
            let s = entry(&mut out, &o.supplier);
            if c.is_all() {
                s.outage_all = Some(o.outage);
            } else if s
                .national_outage
                .as_ref()
                .is_none_or(|n| o.outage > n.outage)
            {
                // Countries come by code: the first of equal outages is kept.
                s.national_outage = Some(CountryOutage {
                    country: c.country.clone(),
                    outage: o.outage,
                });
            }
        }
    }
    // (supplier, operator) pairs above the share limit, counted once each.
    let mut pairs: Vec<(&str, &str)> = findings
        .iter()
        .chain(exempted.iter().map(|e| &e.finding))
        .filter(|f| f.rule == SHARE_RULE)
        .filter_map(|f| Some((f.supplier.as_deref()?, f.operator.as_deref()?)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    for (supplier, _) in pairs {
        entry(&mut out, supplier).operators_above_share_limit += 1;
    }
    out.into_values().collect()
}

/// Descending order of optional figures, `None` last.
fn desc(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The findings, most serious first, as indices into `findings`: `deny` before `warn`;
/// national findings (a country, no operator) before an operator's; then by how far the
/// value passes the limit (value - limit, larger first); then the operator's place in the
/// ranking (worst first); then the report's order.
pub(super) fn most_serious(findings: &[FindingEntry], rankings: &Rankings) -> Vec<usize> {
    let national = |f: &FindingEntry| f.operator.is_none();
    let places = rankings.operator_places();
    let place = |f: &FindingEntry| {
        f.operator
            .as_deref()
            .map_or(0, |o| places.get(o).copied().unwrap_or(usize::MAX))
    };
    let keys: Vec<(Severity, bool, f64, usize)> = findings
        .iter()
        .map(|f| (f.severity, !national(f), f.value - f.limit, place(f)))
        .collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&keys[i], &keys[j]);
        a.0.cmp(&b.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| b.2.total_cmp(&a.2))
            .then_with(|| a.3.cmp(&b.3))
            .then_with(|| i.cmp(&j))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::country::{NationalOutage, Weighting};

    fn finding(rule: &str, sev: Severity, op: Option<&str>, sup: &str, value: f64) -> FindingEntry {
        FindingEntry {
            rule: rule.into(),
            measure: "SM05".into(),
            severity: sev,
            operator: op.map(Into::into),
            country: Some("DE".into()),
            domain: Some("ran".into()),
            supplier: Some(sup.into()),
            asset: None,
            value,
            limit: 0.5,
            evidence: crate::report::model::EvidenceEntry::default(),
        }
    }

    fn country(code: &str, outage: &[(&str, f64)]) -> CountryEntry {
        CountryEntry {
            country: code.into(),
            operators: vec![],
            weighting: Weighting::Equal,
            domains: vec![],
            outage: outage
                .iter()
                .map(|&(s, o)| NationalOutage {
                    supplier: s.into(),
                    outage: o,
                })
                .collect(),
            critical: vec![],
        }
    }

    #[test]
    fn suppliers_rank_by_their_worst_national_outage_and_count_operators_once() {
        let countries = [
            country("AT", &[("a", 0.2), ("b", 0.1)]),
            country("DE", &[("b", 0.4), ("a", 0.3)]),
            country("all", &[("b", 0.25), ("a", 0.25)]),
        ];
        let findings = [
            finding(SHARE_RULE, Severity::Warn, Some("o1"), "a", 0.9),
            finding(SHARE_RULE, Severity::Warn, Some("o1"), "a", 0.95),
            finding(SHARE_RULE, Severity::Warn, Some("o2"), "a", 0.85),
            finding(SHARE_RULE, Severity::Warn, Some("o1"), "c", 0.85),
        ];
        let r = Rankings::new(&[], &[], &countries, &findings, &[]);
        let ids: Vec<&str> = r
            .suppliers_by_outage
            .iter()
            .map(|s| s.supplier.as_str())
            .collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(
            r.suppliers_by_outage[0].national_outage,
            Some(CountryOutage {
                country: "DE".into(),
                outage: 0.4
            })
        );
        let share: Vec<(&str, usize)> = r
            .suppliers_by_share
            .iter()
            .map(|s| (s.supplier.as_str(), s.operators_above_share_limit))
            .collect();
        // a: o1 twice (two domains) and o2; c: o1, and no outage, so after a.
        assert_eq!(share, [("a", 2), ("c", 1)]);
    }

    fn operator(id: &str, exposure: Option<f64>, worst: Option<f64>) -> OperatorEntry {
        use crate::report::model::critical::CriticalEntry;
        use crate::report::model::operator::{ExposureEntry, LockinEntry, OutageEntry};
        OperatorEntry {
            id: id.into(),
            name: None,
            country: "DE".into(),
            subscribers: None,
            domains: vec![],
            outage: OutageEntry {
                units_weight: 1.0,
                units_weight_4g: 0.0,
                units_weight_5g: 0.0,
                suppliers: vec![],
                worst_single: worst.map(|outage| SingleOutage {
                    supplier: "s".into(),
                    outage,
                }),
                worst_pair: None,
            },
            lockin: LockinEntry {
                index: None,
                groups: vec![],
            },
            exposure: ExposureEntry {
                index: exposure,
                key_weight: 1.0,
                domains: vec![],
                exposed: vec![],
                offshore: vec![],
            },
            critical: CriticalEntry {
                threshold: 0.01,
                assets: vec![],
            },
        }
    }

    #[test]
    fn operators_rank_by_deny_then_exposure_then_worst_outage_then_id() {
        let ops = [
            operator("a", Some(0.9), Some(1.0)),
            operator("b", Some(0.1), Some(0.2)),
            operator("c", None, Some(0.3)),
            operator("d", Some(0.1), Some(0.5)),
            operator("e", Some(0.1), Some(0.5)),
        ];
        let t = |deny| SeverityTally { deny, warn: 0 };
        let tallies = [t(0), t(2), t(2), t(2), t(2)];
        let r = Rankings::new(&ops, &tallies, &[], &[], &[]);
        let ids: Vec<&str> = r.operators.iter().map(|o| o.operator.as_str()).collect();
        // b, d, e tie on deny and exposure: d and e have the larger outage (then by id);
        // c has no exposure index and comes last of those with two deny; a has none.
        assert_eq!(ids, ["d", "e", "b", "c", "a"]);
    }

    #[test]
    fn deny_and_national_findings_come_first_then_the_larger_excess() {
        let findings = [
            finding("x", Severity::Warn, Some("o1"), "a", 0.9),
            finding("y", Severity::Deny, Some("o1"), "a", 0.6),
            finding("z", Severity::Warn, None, "a", 0.55),
            finding("y", Severity::Deny, Some("o2"), "a", 0.7),
            finding("y", Severity::Deny, None, "a", 0.51),
        ];
        let r = Rankings::default();
        assert_eq!(most_serious(&findings, &r), [4, 3, 1, 2, 0]);
    }
}
