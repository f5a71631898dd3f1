//! The policy's findings as the report prints them, and their tallies.

use serde::Serialize;

use crate::model::{AssetIx, Inventory, SupplierIx};
use crate::policy::{Evidence, Exempted, Finding, Severity};

/// A rule that a figure breaks (docs/policy.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingEntry {
    /// Rule code.
    pub rule: String,
    /// Toolbox measures the rule serves.
    pub measure: String,
    /// `deny` or `warn`.
    pub severity: Severity,
    /// Subject: operator id.
    pub operator: Option<String>,
    /// Subject: country code.
    pub country: Option<String>,
    /// Subject: domain.
    pub domain: Option<String>,
    /// Subject: supplier id.
    pub supplier: Option<String>,
    /// Subject: asset id.
    pub asset: Option<String>,
    /// The figure.
    pub value: f64,
    /// The limit it breaks.
    pub limit: f64,
    /// Why.
    pub evidence: EvidenceEntry,
}

/// Why a finding holds, named.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EvidenceEntry {
    /// One sentence for people.
    pub text: String,
    /// A control path, from the asset to the high-risk or offshore asset, by asset id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<String>>,
    /// The kind of the path's first step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A lock-in group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The suppliers concerned, by id, with their shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppliers: Option<Vec<(String, f64)>>,
}

/// A finding that an exemption of the policy silences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExemptedEntry {
    /// The finding.
    #[serde(flatten)]
    pub finding: FindingEntry,
    /// The exemption's reason.
    pub reason: String,
    /// Its expiry date.
    pub expires: Option<String>,
}

/// How many findings one rule gave at one severity.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleTally {
    /// Severity.
    pub severity: Severity,
    /// Rule code.
    pub rule: String,
    /// Toolbox measures.
    pub measure: String,
    /// The rule's one-line title.
    pub title: &'static str,
    /// Number of findings.
    pub findings: usize,
}

/// Deny and warn findings of one subject.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeverityTally {
    /// `deny` findings.
    pub deny: usize,
    /// `warn` findings.
    pub warn: usize,
}

impl EvidenceEntry {
    fn new(e: &Evidence, inv: &Inventory) -> Self {
        let id = |a: AssetIx| inv.asset(a).id.to_string();
        EvidenceEntry {
            text: e.text.clone(),
            path: e.path.as_ref().map(|p| p.iter().map(|&a| id(a)).collect()),
            kind: e.kind.map(str::to_owned),
            group: e.group.map(id),
            suppliers: e.suppliers.as_ref().map(|v| {
                let named =
                    |&(s, share): &(SupplierIx, f64)| (inv.supplier(s).id.to_string(), share);
                v.iter().map(named).collect()
            }),
        }
    }
}

impl FindingEntry {
    pub(super) fn new(f: &Finding, inv: &Inventory) -> Self {
        let [operator, country, domain, supplier, asset] =
            f.subject.fields().map(|x| x.map(str::to_owned));
        FindingEntry {
            rule: f.rule.code().to_owned(),
            measure: f.measure().to_owned(),
            severity: f.severity,
            operator,
            country,
            domain,
            supplier,
            asset,
            value: f.value,
            limit: f.limit,
            evidence: EvidenceEntry::new(&f.evidence, inv),
        }
    }

    /// The parts of the subject that are set: operator, country, domain, supplier, asset.
    pub fn subject(&self) -> Vec<&str> {
        [
            &self.operator,
            &self.country,
            &self.domain,
            &self.supplier,
            &self.asset,
        ]
        .into_iter()
        .filter_map(|x| x.as_deref())
        .collect()
    }
}

impl ExemptedEntry {
    pub(super) fn new(e: &Exempted, inv: &Inventory) -> Self {
        ExemptedEntry {
            finding: FindingEntry::new(&e.finding, inv),
            reason: e.reason.clone(),
            expires: e.expires.clone(),
        }
    }
}

impl SeverityTally {
    /// Counts one finding.
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Deny => self.deny += 1,
            Severity::Warn => self.warn += 1,
        }
    }
}

/// Findings per (severity, rule), in the order of the findings (deny first, then by rule).
pub(super) fn by_rule(findings: &[FindingEntry]) -> Vec<RuleTally> {
    let mut out: Vec<RuleTally> = Vec::new();
    for f in findings {
        match out
            .iter_mut()
            .find(|r| r.severity == f.severity && r.rule == f.rule)
        {
            Some(r) => r.findings += 1,
            None => out.push(RuleTally {
                severity: f.severity,
                rule: f.rule.clone(),
                measure: f.measure.clone(),
                title: crate::policy::Rule::parse(&f.rule).map_or("", |r| r.title()),
                findings: 1,
            }),
        }
    }
    out
}

/// Deny and warn findings of every finding, and per operator (in `operators` order).
pub(super) fn tallies(
    findings: &[FindingEntry],
    operators: &[String],
) -> (SeverityTally, Vec<SeverityTally>) {
    let mut all = SeverityTally::default();
    let mut per_op = vec![SeverityTally::default(); operators.len()];
    for f in findings {
        all.add(f.severity);
        if let Some(o) = &f.operator
            && let Ok(i) = operators.binary_search(o)
        {
            per_op[i].add(f.severity);
        }
    }
    (all, per_op)
}
