//! The change between two reports: the one delta computation that `plan` and `diff` share.
//!
//! The two sides of a figure are paired by id ([`pair_by`]); a number's change is after
//! minus before, undefined when either side is ([`change`]); two numbers closer than
//! [`SAME`] are the same figure ([`differs`]); ids and findings present on one side only are
//! found by [`minus`] and [`match_by`]. The plan's typed [`Delta`] (below) and the diff's
//! list of changes (`diff.rs`) are built from these; renderers read the result and subtract
//! nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::policy::Severity;

use super::country::{CountryEntry, NationalOutage};
use super::finding::FindingEntry;
use super::operator::{DomainEntry, OperatorEntry, OutageEntry, Share, SupplierOutage};
use super::plan::{Figures, FindingSummary, RuleCount};

/// Two numbers closer than this are the same figure (cli.md).
pub const SAME: f64 = 1e-12;

/// After minus before; `None` when either side is undefined.
pub fn change(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    Some(after? - before?)
}

/// Whether a figure differs between two sides: defined on one side only, or defined on
/// both and further apart than [`SAME`].
pub fn differs(before: Option<f64>, after: Option<f64>) -> bool {
    match (before, after) {
        (Some(x), Some(y)) => (y - x).abs() > SAME,
        (None, None) => false,
        _ => true,
    }
}

/// The items of two lists paired by their key: every key of either side once, in key
/// order, with the item of each side that has it.
pub fn pair_by<'a, T, K: Ord + ?Sized + 'a>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&'a T) -> &'a K,
) -> Vec<(&'a K, Option<&'a T>, Option<&'a T>)> {
    let mut pairs: BTreeMap<&'a K, (Option<&'a T>, Option<&'a T>)> = BTreeMap::new();
    for x in before {
        pairs.entry(key(x)).or_default().0.get_or_insert(x);
    }
    for x in after {
        pairs.entry(key(x)).or_default().1.get_or_insert(x);
    }
    pairs.into_iter().map(|(k, (b, a))| (k, b, a)).collect()
}

/// The ids of `x` that `y` does not hold, sorted.
pub fn minus(x: &BTreeSet<String>, y: &BTreeSet<String>) -> Vec<String> {
    x.difference(y).cloned().collect()
}

/// The items of two lists matched by a key (a finding's rule and subject).
#[derive(Clone, Debug, PartialEq)]
pub struct Matched<'a, T> {
    /// Of the after side, with a key the before side lacks, in the after side's order.
    pub new: Vec<&'a T>,
    /// Of the before side, with a key the after side lacks, in the before side's order.
    pub resolved: Vec<&'a T>,
    /// Of the after side, with a key the before side holds too, in its order.
    pub kept: Vec<&'a T>,
}

/// Matches the items of two lists by `key`.
pub fn match_by<'a, T, K: Ord>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Matched<'a, T> {
    let kb: BTreeSet<K> = before.iter().map(&key).collect();
    let ka: BTreeSet<K> = after.iter().map(&key).collect();
    let (kept, new) = after.iter().partition(|x| kb.contains(&key(x)));
    Matched {
        new,
        resolved: before.iter().filter(|x| !ka.contains(&key(x))).collect(),
        kept,
    }
}

/// A supplier's share of a domain: 0 for a supplier the domain does not name.
pub fn share_of(d: &DomainEntry, supplier: &str) -> f64 {
    d.suppliers
        .iter()
        .find(|x| x.supplier == supplier)
        .map_or(0.0, |x| x.share)
}

/// A supplier's national outage: 0 for a supplier relevant to none of the operators.
pub fn national_outage_of(c: &CountryEntry, supplier: &str) -> f64 {
    c.outage
        .iter()
        .find(|x| x.supplier == supplier)
        .map_or(0.0, |x| x.outage)
}

/// A supplier's (outage, outage_4g, outage_5g) for an operator: a supplier that is not
/// relevant has outage 0, and 0 per generation when the operator has units of it.
pub fn outage_or_zero(o: &OutageEntry, supplier: &str) -> (f64, Option<f64>, Option<f64>) {
    match o.suppliers.iter().find(|s| s.supplier == supplier) {
        Some(x) => (x.outage, x.outage_4g, x.outage_5g),
        None => (
            0.0,
            (o.units_weight_4g > 0.0).then_some(0.0),
            (o.units_weight_5g > 0.0).then_some(0.0),
        ),
    }
}

/// The change of every figure of a plan's state from another: after minus before. A
/// figure undefined on either side (a domain without weight, a `null` index) gives `null`;
/// a supplier absent on one side counts with share 0 and outage 0 there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Delta {
    /// By operator id (operators of either state).
    pub operators: Vec<OperatorDelta>,
    /// By country code, then `all`.
    pub countries: Vec<CountryDelta>,
    /// Findings.
    pub findings: FindingsDelta,
}

/// The change of one operator's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperatorDelta {
    /// Operator id.
    pub id: String,
    /// Per domain of either state, by name.
    pub domains: Vec<DomainDelta>,
    /// Supplier failure.
    pub outage: OutageDelta,
    /// Lock-in.
    pub lockin: LockinDelta,
    /// Exposure.
    pub exposure: ExposureDelta,
}

/// The change of one domain's concentration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainDelta {
    /// Domain name.
    pub domain: String,
    /// Change of the HHI.
    pub hhi: Option<f64>,
    /// Change of the high-risk share.
    pub high_risk_share: Option<f64>,
    /// Change of each supplier's share (in `share`), suppliers of either state, by id.
    pub suppliers: Vec<Share>,
}

/// The change of the supplier-failure figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutageDelta {
    /// Change of the worst single outage.
    pub worst_single: Option<f64>,
    /// Change of the worst pair outage.
    pub worst_pair: Option<f64>,
    /// Change per supplier of either state, by id.
    pub suppliers: Vec<SupplierOutage>,
}

/// The change of the lock-in figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LockinDelta {
    /// Change of the index.
    pub index: Option<f64>,
    /// Change of the number of groups.
    pub groups: i64,
    /// Groups that are gone.
    pub removed: Vec<String>,
    /// Groups that are new.
    pub added: Vec<String>,
}

/// The change of the exposure figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureDelta {
    /// Change of the index.
    pub index: Option<f64>,
    /// Change of the number of exposed key assets.
    pub exposed: i64,
}

/// The change of a country's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryDelta {
    /// Country code, or `all`.
    pub country: String,
    /// Per domain of either state.
    pub domains: Vec<CountryDomainDelta>,
    /// Change of the national outage per supplier of either state, by id.
    pub outage: Vec<NationalOutage>,
}

/// The change of a domain's national figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryDomainDelta {
    /// Domain name.
    pub domain: String,
    /// Change of the national HHI.
    pub hhi: Option<f64>,
    /// Change of the national high-risk share.
    pub high_risk_share: Option<f64>,
}

/// What a finding is about: its rule, severity and subject (not its value).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FindingKey {
    /// Severity.
    pub severity: Severity,
    /// Rule.
    pub rule: String,
    /// Subject: operator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Subject: country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Subject: domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Subject: supplier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// Subject: asset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// The evidence's sentence (of the state where the finding holds).
    pub text: String,
}

/// The change of the findings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingsDelta {
    /// Change of the total.
    pub total: i64,
    /// Change of the `deny` count.
    pub deny: i64,
    /// Change of the `warn` count.
    pub warn: i64,
    /// Change per rule and severity (non-zero only).
    pub by_rule: Vec<RuleCount>,
    /// Findings of this state that the state compared against does not have (same
    /// severity, rule and subject).
    pub added: Vec<FindingKey>,
    /// Findings of the state compared against that this state no longer has.
    pub resolved: Vec<FindingKey>,
}

/// A finding's subject, the key that matches it across two states: with its severity
/// for the plan, without it for `diff`.
pub fn subject_of(f: &FindingEntry) -> (&str, [Option<&str>; 5]) {
    (
        &f.rule,
        [
            f.operator.as_deref(),
            f.country.as_deref(),
            f.domain.as_deref(),
            f.supplier.as_deref(),
            f.asset.as_deref(),
        ],
    )
}

impl FindingKey {
    fn of(f: &FindingEntry) -> FindingKey {
        FindingKey {
            severity: f.severity,
            rule: f.rule.clone(),
            operator: f.operator.clone(),
            country: f.country.clone(),
            domain: f.domain.clone(),
            supplier: f.supplier.clone(),
            asset: f.asset.clone(),
            text: f.evidence.text.clone(),
        }
    }
}

/// A list of one side, empty when the side is absent.
fn items<'a, T, U>(side: Option<&'a T>, list: impl Fn(&'a T) -> &'a Vec<U>) -> &'a [U] {
    side.map_or(&[], |x| list(x))
}

fn count(after: usize, before: usize) -> i64 {
    after as i64 - before as i64
}

impl Delta {
    /// The change of an operator's figures.
    pub fn operator(&self, id: &str) -> Option<&OperatorDelta> {
        self.operators
            .binary_search_by(|o| o.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.operators[i])
    }

    /// The change of a country's (or `all`'s) figures.
    pub fn country(&self, code: &str) -> Option<&CountryDelta> {
        self.countries.iter().find(|c| c.country == code)
    }

    /// The change from `before` to `after`.
    pub fn between(before: &Figures, after: &Figures) -> Delta {
        let operators = pair_by(&before.operators, &after.operators, |o| o.id.as_str())
            .into_iter()
            .map(|(id, b, a)| operator_delta(id, b, a))
            .collect();
        let mut countries = pair_by(&before.countries, &after.countries, |c| c.country.as_str());
        // Countries by code, then `all`.
        countries.sort_by_key(|(code, _, _)| *code == "all");
        let countries = countries
            .into_iter()
            .map(|(code, b, a)| country_delta(code, b, a))
            .collect();
        Delta {
            operators,
            countries,
            findings: findings_delta(&before.findings, &after.findings),
        }
    }
}

fn operator_delta(
    id: &str,
    before: Option<&OperatorEntry>,
    after: Option<&OperatorEntry>,
) -> OperatorDelta {
    let side = |o| items(o, |o: &OperatorEntry| &o.domains);
    let domains = pair_by(side(before), side(after), |d| d.domain.as_str())
        .into_iter()
        .map(|(name, b, a)| {
            let share = |d: Option<&DomainEntry>, s: &str| d.map_or(0.0, |d| share_of(d, s));
            let sups = |d| items(d, |d: &DomainEntry| &d.suppliers);
            DomainDelta {
                domain: name.to_owned(),
                hhi: change(b.map(|d| d.hhi), a.map(|d| d.hhi)),
                high_risk_share: change(b.map(|d| d.high_risk_share), a.map(|d| d.high_risk_share)),
                suppliers: pair_by(sups(b), sups(a), |s| s.supplier.as_str())
                    .into_iter()
                    .map(|(s, _, _)| Share {
                        supplier: s.to_owned(),
                        share: share(a, s) - share(b, s),
                    })
                    .collect(),
            }
        })
        .collect();
    let outages = |o| items(o, |o: &OperatorEntry| &o.outage.suppliers);
    let outage_of = |o: Option<&OperatorEntry>, s: &str| {
        o.map_or((0.0, None, None), |o| outage_or_zero(&o.outage, s))
    };
    let worst = |o: Option<&OperatorEntry>, pair: bool| {
        o.and_then(|o| match pair {
            false => o.outage.worst_single.as_ref().map(|w| w.outage),
            true => o.outage.worst_pair.as_ref().map(|w| w.outage),
        })
    };
    let outage = OutageDelta {
        worst_single: change(worst(before, false), worst(after, false)),
        worst_pair: change(worst(before, true), worst(after, true)),
        suppliers: pair_by(outages(before), outages(after), |s| s.supplier.as_str())
            .into_iter()
            .map(|(s, _, _)| {
                let (a, a4, a5) = outage_of(after, s);
                let (b, b4, b5) = outage_of(before, s);
                SupplierOutage {
                    supplier: s.to_owned(),
                    outage: a - b,
                    outage_4g: change(b4, a4),
                    outage_5g: change(b5, a5),
                }
            })
            .collect(),
    };
    let groups = |o: Option<&OperatorEntry>| -> BTreeSet<String> {
        o.map(|o| o.lockin.groups.iter().map(|g| g.id.clone()).collect())
            .unwrap_or_default()
    };
    let (gb, ga) = (groups(before), groups(after));
    OperatorDelta {
        id: id.to_owned(),
        domains,
        outage,
        lockin: LockinDelta {
            index: change(
                before.and_then(|o| o.lockin.index),
                after.and_then(|o| o.lockin.index),
            ),
            groups: count(ga.len(), gb.len()),
            removed: minus(&gb, &ga),
            added: minus(&ga, &gb),
        },
        exposure: ExposureDelta {
            index: change(
                before.and_then(|o| o.exposure.index),
                after.and_then(|o| o.exposure.index),
            ),
            exposed: count(
                after.map_or(0, |o| o.exposure.exposed.len()),
                before.map_or(0, |o| o.exposure.exposed.len()),
            ),
        },
    }
}

fn country_delta(
    code: &str,
    before: Option<&CountryEntry>,
    after: Option<&CountryEntry>,
) -> CountryDelta {
    let domains = |c| items(c, |c: &CountryEntry| &c.domains);
    let outages = |c| items(c, |c: &CountryEntry| &c.outage);
    let out = |c: Option<&CountryEntry>, s: &str| c.map_or(0.0, |c| national_outage_of(c, s));
    CountryDelta {
        country: code.to_owned(),
        domains: pair_by(domains(before), domains(after), |d| d.domain.as_str())
            .into_iter()
            .map(|(d, b, a)| CountryDomainDelta {
                domain: d.to_owned(),
                hhi: change(b.map(|x| x.hhi), a.map(|x| x.hhi)),
                high_risk_share: change(b.map(|x| x.high_risk_share), a.map(|x| x.high_risk_share)),
            })
            .collect(),
        outage: pair_by(outages(before), outages(after), |s| s.supplier.as_str())
            .into_iter()
            .map(|(s, _, _)| NationalOutage {
                supplier: s.to_owned(),
                outage: out(after, s) - out(before, s),
            })
            .collect(),
    }
}

fn findings_delta(before: &FindingSummary, after: &FindingSummary) -> FindingsDelta {
    let m = match_by(&before.list, &after.list, |f| (f.severity, subject_of(f)));
    let mut counts: BTreeMap<(String, Severity), i64> = BTreeMap::new();
    for r in &after.by_rule {
        *counts.entry((r.rule.clone(), r.severity)).or_insert(0) += r.count;
    }
    for r in &before.by_rule {
        *counts.entry((r.rule.clone(), r.severity)).or_insert(0) -= r.count;
    }
    FindingsDelta {
        total: count(after.total, before.total),
        deny: count(after.deny, before.deny),
        warn: count(after.warn, before.warn),
        by_rule: counts
            .into_iter()
            .filter(|(_, c)| *c != 0)
            .map(|((rule, severity), count)| RuleCount {
                rule,
                severity,
                count,
            })
            .collect(),
        added: m.new.into_iter().map(FindingKey::of).collect(),
        resolved: m.resolved.into_iter().map(FindingKey::of).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_take_every_key_of_either_side_in_order() {
        let b = [("b", 1), ("a", 2)];
        let a = [("c", 3), ("b", 4)];
        let p: Vec<_> = pair_by(&b, &a, |x| x.0)
            .into_iter()
            .map(|(k, b, a)| (k, b.map(|x| x.1), a.map(|x| x.1)))
            .collect();
        assert_eq!(
            p,
            [
                ("a", Some(2), None),
                ("b", Some(1), Some(4)),
                ("c", None, Some(3))
            ]
        );
    }

    #[test]
    fn changes_are_undefined_when_a_side_is() {
        assert_eq!(change(Some(1.0), Some(3.0)), Some(2.0));
        assert_eq!(change(None, Some(3.0)), None);
        assert!(differs(None, Some(0.0)));
        assert!(!differs(Some(0.5), Some(0.5 + SAME / 2.0)));
    }

    #[test]
    fn matching_keeps_each_side_in_its_order() {
        let b = [1, 2, 3];
        let a = [4, 3, 1];
        let m = match_by(&b, &a, |x| *x);
        assert_eq!(m.new, [&4]);
        assert_eq!(m.resolved, [&2]);
        assert_eq!(m.kept, [&3, &1]);
    }
}
