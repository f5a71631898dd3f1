//! The figures a plan shows for each state, and their change from the baseline.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::{
    Band, NationalOutage, PairOutage, ScanResult, SingleOutage, SupplierOutage, SupplierShare,
};
use crate::policy::{Evaluation, Finding, Severity};

/// Every figure of one state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// By operator id.
    pub operators: Vec<OperatorSummary>,
    /// By country code, then `all`.
    pub countries: Vec<CountrySummary>,
    /// The policy's findings.
    pub findings: FindingSummary,
}

/// The figures of one operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperatorSummary {
    /// Operator id.
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Country code.
    pub country: String,
    /// Concentration per domain, by domain name.
    pub domains: Vec<DomainSummary>,
    /// Supplier failure.
    pub outage: OutageSummary,
    /// Lock-in.
    pub lockin: LockinSummary,
    /// High-risk exposure.
    pub exposure: ExposureSummary,
}

/// The concentration of one domain of an operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainSummary {
    /// Domain name.
    pub domain: String,
    /// Total weight.
    pub weight: f64,
    /// HHI, 0 to 10000.
    pub hhi: f64,
    /// Band of the HHI.
    pub band: Band,
    /// Share of high-risk suppliers.
    pub high_risk_share: f64,
    /// The largest share.
    pub top: SupplierShare,
    /// Every supplier: share descending, then id.
    pub suppliers: Vec<SupplierShare>,
}

/// The supplier-failure figures of an operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutageSummary {
    /// Weight of the service units.
    pub units_weight: f64,
    /// Weight of the 4G units.
    pub units_weight_4g: f64,
    /// Weight of the 5G units.
    pub units_weight_5g: f64,
    /// Every relevant supplier: outage descending, then id.
    pub suppliers: Vec<SupplierOutage>,
    /// The worst single supplier.
    pub worst_single: Option<SingleOutage>,
    /// The worst pair.
    pub worst_pair: Option<PairOutage>,
}

/// The lock-in figures of an operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LockinSummary {
    /// Lock-in index.
    pub index: Option<f64>,
    /// Ids of its lock-in groups: weight descending, then id.
    pub groups: Vec<String>,
}

/// The exposure figures of an operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureSummary {
    /// Exposure index.
    pub index: Option<f64>,
    /// Weight of its key assets.
    pub key_weight: f64,
    /// Exposed key assets, by id.
    pub exposed: Vec<String>,
    /// Key assets operated from outside the allowed countries, by id.
    pub offshore: Vec<String>,
}

/// National figures of one country (or `all`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountrySummary {
    /// Country code, or `all`.
    pub country: String,
    /// Per domain, by name.
    pub domains: Vec<CountryDomainSummary>,
    /// National outage per supplier: descending, then id.
    pub outage: Vec<NationalOutage>,
}

/// The national figures of one domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryDomainSummary {
    /// Domain name.
    pub domain: String,
    /// National HHI.
    pub hhi: f64,
    /// Band of the HHI.
    pub band: Band,
    /// National high-risk share.
    pub high_risk_share: f64,
}

/// The findings of a state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingSummary {
    /// How many.
    pub total: usize,
    /// How many at `deny`.
    pub deny: usize,
    /// How many at `warn`.
    pub warn: usize,
    /// Counts by rule and severity, by rule then severity.
    pub by_rule: Vec<RuleCount>,
    /// Every finding, in the report's order (deny first, then rule, then subject).
    pub list: Vec<Finding>,
}

/// The number of findings of one rule at one severity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RuleCount {
    /// Rule code.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// How many (a change, in a delta).
    pub count: i64,
}

impl Figures {
    /// Summarises a scan and its evaluation.
    pub fn new(scan: &ScanResult, eval: &Evaluation) -> Figures {
        let operators = scan
            .operators
            .iter()
            .map(|o| OperatorSummary {
                id: o.id.clone(),
                name: o.name.clone(),
                country: o.country.clone(),
                domains: o
                    .domains
                    .iter()
                    .map(|d| DomainSummary {
                        domain: d.domain.clone(),
                        weight: d.weight,
                        hhi: d.hhi,
                        band: d.band,
                        high_risk_share: d.high_risk_share,
                        top: d.top.clone(),
                        suppliers: d.suppliers.clone(),
                    })
                    .collect(),
                outage: OutageSummary {
                    units_weight: o.outage.units_weight,
                    units_weight_4g: o.outage.units_weight_4g,
                    units_weight_5g: o.outage.units_weight_5g,
                    suppliers: o.outage.suppliers.clone(),
                    worst_single: o.outage.worst_single.clone(),
                    worst_pair: o.outage.worst_pair.clone(),
                },
                lockin: LockinSummary {
                    index: o.lockin.index,
                    groups: o.lockin.groups.iter().map(|g| g.id.clone()).collect(),
                },
                exposure: ExposureSummary {
                    index: o.exposure.index,
                    key_weight: o.exposure.key_weight,
                    exposed: o.exposure.exposed.iter().map(|e| e.asset.clone()).collect(),
                    offshore: o
                        .exposure
                        .offshore
                        .iter()
                        .map(|e| e.asset.clone())
                        .collect(),
                },
            })
            .collect();
        let countries = scan
            .countries
            .iter()
            .map(|c| CountrySummary {
                country: c.country.clone(),
                domains: c
                    .domains
                    .iter()
                    .map(|d| CountryDomainSummary {
                        domain: d.domain.clone(),
                        hhi: d.hhi,
                        band: d.band,
                        high_risk_share: d.high_risk_share,
                    })
                    .collect(),
                outage: c.outage.clone(),
            })
            .collect();
        let mut by_rule: BTreeMap<(&str, Severity), i64> = BTreeMap::new();
        for f in &eval.findings {
            *by_rule.entry((f.rule.code(), f.severity)).or_insert(0) += 1;
        }
        let deny = eval
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Deny)
            .count();
        Figures {
            operators,
            countries,
            findings: FindingSummary {
                total: eval.findings.len(),
                deny,
                warn: eval.findings.len() - deny,
                by_rule: by_rule
                    .into_iter()
                    .map(|((rule, severity), count)| RuleCount {
                        rule: rule.to_owned(),
                        severity,
                        count,
                    })
                    .collect(),
                list: eval.findings.clone(),
            },
        }
    }

    /// The operator with this id.
    pub fn operator(&self, id: &str) -> Option<&OperatorSummary> {
        self.operators.iter().find(|o| o.id == id)
    }

    /// The country (or `all`) with this code.
    pub fn country(&self, code: &str) -> Option<&CountrySummary> {
        self.countries.iter().find(|c| c.country == code)
    }
}

impl DomainSummary {
    /// A supplier's share of the domain: 0 for a supplier it does not name.
    pub fn share_of(&self, supplier: &str) -> f64 {
        self.suppliers
            .iter()
            .find(|x| x.supplier == supplier)
            .map_or(0.0, |x| x.share)
    }
}

impl CountrySummary {
    /// A supplier's national outage: 0 for a supplier relevant to none of its operators.
    pub fn outage_of(&self, supplier: &str) -> f64 {
        self.outage
            .iter()
            .find(|x| x.supplier == supplier)
            .map_or(0.0, |x| x.outage)
    }
}

impl OperatorSummary {
    /// The figures of a domain.
    pub fn domain(&self, name: &str) -> Option<&DomainSummary> {
        self.domains.iter().find(|d| d.domain == name)
    }

    /// The outage figures of a supplier (`None` when it is not relevant).
    pub fn supplier_outage(&self, id: &str) -> Option<&SupplierOutage> {
        self.outage.suppliers.iter().find(|s| s.supplier == id)
    }

    /// A supplier's (outage, outage_4g, outage_5g): a supplier that is not relevant has
    /// outage 0, and 0 per generation when the operator has units of it.
    pub fn outage_or_zero(&self, id: &str) -> (f64, Option<f64>, Option<f64>) {
        match self.supplier_outage(id) {
            Some(x) => (x.outage, x.outage_4g, x.outage_5g),
            None => (
                0.0,
                (self.outage.units_weight_4g > 0.0).then_some(0.0),
                (self.outage.units_weight_5g > 0.0).then_some(0.0),
            ),
        }
    }
}

/// The change of every figure from the baseline: after minus before. A figure undefined
/// on either side (a domain without weight, a `null` index) gives `null`; a supplier
/// absent on one side counts with share 0 and outage 0 there.
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
    /// Change of each supplier's share, suppliers of either state, by id.
    pub suppliers: Vec<SupplierShare>,
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

impl FindingKey {
    fn of(f: &Finding) -> FindingKey {
        FindingKey {
            severity: f.severity,
            rule: f.rule.code().to_owned(),
            operator: f.subject.operator.as_deref().map(str::to_owned),
            country: f.subject.country.map(|c| c.as_str().to_owned()),
            domain: f.subject.domain.as_deref().map(str::to_owned),
            supplier: f.subject.supplier.as_deref().map(str::to_owned),
            asset: f.subject.asset.as_deref().map(str::to_owned),
            text: f.evidence.text.clone(),
        }
    }

    fn subject(&self) -> (Severity, &str, [&Option<String>; 5]) {
        (
            self.severity,
            &self.rule,
            [
                &self.operator,
                &self.country,
                &self.domain,
                &self.supplier,
                &self.asset,
            ],
        )
    }
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
    /// Findings of this state that the baseline does not have (same rule and subject).
    pub added: Vec<FindingKey>,
    /// Findings of the baseline that this state no longer has.
    pub resolved: Vec<FindingKey>,
}

fn diff(after: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(after? - before?)
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
        let ids: BTreeSet<&str> = before
            .operators
            .iter()
            .chain(&after.operators)
            .map(|o| o.id.as_str())
            .collect();
        let operators = ids
            .into_iter()
            .map(|id| operator_delta(id, before.operator(id), after.operator(id)))
            .collect();
        let mut codes: Vec<&str> = before
            .countries
            .iter()
            .chain(&after.countries)
            .map(|c| c.country.as_str())
            .filter(|c| *c != "all")
            .collect();
        codes.sort_unstable();
        codes.dedup();
        if before.country("all").is_some() || after.country("all").is_some() {
            codes.push("all");
        }
        let countries = codes
            .into_iter()
            .map(|c| country_delta(c, before.country(c), after.country(c)))
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
    before: Option<&OperatorSummary>,
    after: Option<&OperatorSummary>,
) -> OperatorDelta {
    let domains: BTreeSet<&str> = before
        .iter()
        .chain(after.iter())
        .flat_map(|o| o.domains.iter().map(|d| d.domain.as_str()))
        .collect();
    let domains = domains
        .into_iter()
        .map(|name| {
            let b = before.and_then(|o| o.domain(name));
            let a = after.and_then(|o| o.domain(name));
            let share = |d: Option<&DomainSummary>, s: &str| d.map_or(0.0, |d| d.share_of(s));
            let sups: BTreeSet<&str> = b
                .iter()
                .chain(a.iter())
                .flat_map(|d| d.suppliers.iter().map(|s| s.supplier.as_str()))
                .collect();
            DomainDelta {
                domain: name.to_owned(),
                hhi: diff(a.map(|d| d.hhi), b.map(|d| d.hhi)),
                high_risk_share: diff(a.map(|d| d.high_risk_share), b.map(|d| d.high_risk_share)),
                suppliers: sups
                    .into_iter()
                    .map(|s| SupplierShare {
                        supplier: s.to_owned(),
                        share: share(a, s) - share(b, s),
                    })
                    .collect(),
            }
        })
        .collect();
    let sups: BTreeSet<&str> = before
        .iter()
        .chain(after.iter())
        .flat_map(|o| o.outage.suppliers.iter().map(|s| s.supplier.as_str()))
        .collect();
    let outage_of =
        |o: Option<&OperatorSummary>, s: &str| o.map_or((0.0, None, None), |o| o.outage_or_zero(s));
    let outage = OutageDelta {
        worst_single: diff(
            after.and_then(|o| o.outage.worst_single.as_ref().map(|w| w.outage)),
            before.and_then(|o| o.outage.worst_single.as_ref().map(|w| w.outage)),
        ),
        worst_pair: diff(
            after.and_then(|o| o.outage.worst_pair.as_ref().map(|w| w.outage)),
            before.and_then(|o| o.outage.worst_pair.as_ref().map(|w| w.outage)),
        ),
        suppliers: sups
            .into_iter()
            .map(|s| {
                let (a, a4, a5) = outage_of(after, s);
                let (b, b4, b5) = outage_of(before, s);
                SupplierOutage {
                    supplier: s.to_owned(),
                    outage: a - b,
                    outage_4g: diff(a4, b4),
                    outage_5g: diff(a5, b5),
                }
            })
            .collect(),
    };
    let groups = |o: Option<&OperatorSummary>| -> BTreeSet<String> {
        o.map(|o| o.lockin.groups.iter().cloned().collect())
            .unwrap_or_default()
    };
    let (gb, ga) = (groups(before), groups(after));
    OperatorDelta {
        id: id.to_owned(),
        domains,
        outage,
        lockin: LockinDelta {
            index: diff(
                after.and_then(|o| o.lockin.index),
                before.and_then(|o| o.lockin.index),
            ),
            groups: count(ga.len(), gb.len()),
            removed: gb.difference(&ga).cloned().collect(),
            added: ga.difference(&gb).cloned().collect(),
        },
        exposure: ExposureDelta {
            index: diff(
                after.and_then(|o| o.exposure.index),
                before.and_then(|o| o.exposure.index),
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
    before: Option<&CountrySummary>,
    after: Option<&CountrySummary>,
) -> CountryDelta {
    let domains: BTreeSet<&str> = before
        .iter()
        .chain(after.iter())
        .flat_map(|c| c.domains.iter().map(|d| d.domain.as_str()))
        .collect();
    let dom = |c: Option<&CountrySummary>, d: &str| {
        c.and_then(|c| c.domains.iter().find(|x| x.domain == d))
            .cloned()
    };
    let sups: BTreeSet<&str> = before
        .iter()
        .chain(after.iter())
        .flat_map(|c| c.outage.iter().map(|s| s.supplier.as_str()))
        .collect();
    let out = |c: Option<&CountrySummary>, s: &str| c.map_or(0.0, |c| c.outage_of(s));
    CountryDelta {
        country: code.to_owned(),
        domains: domains
            .into_iter()
            .map(|d| {
                let (b, a) = (dom(before, d), dom(after, d));
                CountryDomainDelta {
                    domain: d.to_owned(),
                    hhi: diff(a.as_ref().map(|x| x.hhi), b.as_ref().map(|x| x.hhi)),
                    high_risk_share: diff(
                        a.as_ref().map(|x| x.high_risk_share),
                        b.as_ref().map(|x| x.high_risk_share),
                    ),
                }
            })
            .collect(),
        outage: sups
            .into_iter()
            .map(|s| NationalOutage {
                supplier: s.to_owned(),
                outage: out(after, s) - out(before, s),
            })
            .collect(),
    }
}

fn findings_delta(before: &FindingSummary, after: &FindingSummary) -> FindingsDelta {
    let keys =
        |s: &FindingSummary| -> Vec<FindingKey> { s.list.iter().map(FindingKey::of).collect() };
    let (kb, ka) = (keys(before), keys(after));
    let subjects = |k: &[FindingKey]| -> BTreeSet<(Severity, String, [Option<String>; 5])> {
        k.iter()
            .map(|k| {
                let (s, r, subj) = k.subject();
                (s, r.to_owned(), subj.map(Clone::clone))
            })
            .collect()
    };
    let (sb, sa) = (subjects(&kb), subjects(&ka));
    let own = |k: &FindingKey| {
        let (s, r, subj) = k.subject();
        (s, r.to_owned(), subj.map(Clone::clone))
    };
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
        added: ka
            .iter()
            .filter(|k| !sb.contains(&own(k)))
            .cloned()
            .collect(),
        resolved: kb
            .iter()
            .filter(|k| !sa.contains(&own(k)))
            .cloned()
            .collect(),
    }
}
