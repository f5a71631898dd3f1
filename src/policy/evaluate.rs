//! Turning figures into findings, then applying exemptions.

use serde::Serialize;

use crate::analysis::{Context, ScanResult};

use super::date::Date;
use super::rules::{Policy, Rule, Severity};

/// Why a finding holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// One sentence for people.
    pub text: String,
    /// A control path, from the asset to the high-risk or offshore asset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Vec<String>>,
    /// The kind of the path's first step (`direct` when empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// A lock-in group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The suppliers concerned, with their shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppliers: Option<Vec<(String, f64)>>,
}

/// A rule that a figure breaks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Rule code.
    pub rule: &'static str,
    /// Toolbox measures the rule serves.
    pub measure: &'static str,
    /// `deny` or `warn`.
    pub severity: Severity,
    /// Subject: operator id.
    pub operator: Option<String>,
    /// Subject: country code (or `all`).
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
    pub evidence: Evidence,
}

/// A finding that an exemption silences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exempted {
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
    /// The exemption's reason.
    pub reason: String,
    /// Its expiry.
    pub expires: Option<String>,
}

/// Findings, exempted findings and the policy's warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// Deny first, then by rule, then subject.
    pub findings: Vec<Finding>,
    /// Silenced by an exemption, same order.
    pub exempted: Vec<Exempted>,
    /// Expired or unused exemptions.
    pub warnings: Vec<String>,
}

impl Evaluation {
    /// Whether a `deny` finding remains.
    pub fn has_deny(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Deny)
    }
}

struct Builder<'p> {
    policy: &'p Policy,
    out: Vec<Finding>,
}

impl Builder<'_> {
    /// The rule's severity and limit, when it is on.
    fn on(&self, rule: Rule) -> Option<(Severity, f64)> {
        let s = self.policy.rule(rule);
        s.severity.map(|sev| (sev, s.limit.unwrap_or(0.0)))
    }

    fn applies_to(&self, rule: Rule, domain: &str) -> bool {
        self.policy
            .rule(rule)
            .domains
            .as_ref()
            .is_none_or(|d| d.iter().any(|x| x == domain))
    }

    fn push(
        &mut self,
        rule: Rule,
        severity: Severity,
        subject: [Option<&str>; 5],
        value: f64,
        limit: f64,
        evidence: Evidence,
    ) {
        let [operator, country, domain, supplier, asset] = subject.map(|s| s.map(str::to_owned));
        self.out.push(Finding {
            rule: rule.code(),
            measure: rule.info().measure,
            severity,
            operator,
            country,
            domain,
            supplier,
            asset,
            value,
            limit,
            evidence,
        });
    }
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Applies a policy to scan results: every finding, then the exemptions in force on `today`.
pub fn evaluate(policy: &Policy, cx: &Context<'_>, scan: &ScanResult, today: Date) -> Evaluation {
    let mut b = Builder {
        policy,
        out: Vec::new(),
    };
    let inv = cx.graph.inventory();
    for op in &scan.operators {
        let (o, c) = (Some(op.id.as_str()), Some(op.country.as_str()));
        if let Some((sev, _)) = b.on(Rule::HighRiskKeyAsset) {
            for e in &op.exposure.exposed {
                let text = if e.kind == "direct" {
                    format!(
                        "key asset {} ({}) is supplied by high-risk supplier {}",
                        e.asset, e.domain, e.supplier
                    )
                } else {
                    format!(
                        "key asset {} ({}) is under the control of high-risk supplier {} via {}",
                        e.asset,
                        e.domain,
                        e.supplier,
                        e.path.join(" -> ")
                    )
                };
                b.push(
                    Rule::HighRiskKeyAsset,
                    sev,
                    [o, c, Some(&e.domain), Some(&e.supplier), Some(&e.asset)],
                    1.0,
                    0.0,
                    Evidence {
                        text,
                        path: Some(e.path.clone()),
                        kind: Some(e.kind.clone()),
                        ..Evidence::default()
                    },
                );
            }
        }
        if let Some((sev, limit)) = b.on(Rule::OffshoreOperation) {
            for e in &op.exposure.offshore {
                let domain = inv
                    .asset_ix(&e.asset)
                    .map(|a| inv.domain_name(inv.asset(a).domain).to_owned());
                b.push(Rule::OffshoreOperation, sev, [o, c, domain.as_deref(), Some(&e.supplier), Some(&e.asset)], 1.0, limit, Evidence {
                    text: format!("key asset {} is operated by managed service {} from {}, outside the allowed countries", e.asset, e.managed_service, e.location),
                    path: Some(e.path.clone()),
                    ..Evidence::default()
                });
            }
        }
        for d in &op.domains {
            let dom = Some(d.domain.as_str());
            if d.domain == "ran"
                && let Some((sev, limit)) = b.on(Rule::HighRiskRan)
                && d.high_risk_share > limit
            {
                let hr: Vec<(String, f64)> = d
                    .supplier_ixs
                    .iter()
                    .filter(|(s, v)| cx.high_risk[s.index()] && *v > 0.0)
                    .map(|(s, v)| (cx.supplier_id(*s).to_owned(), *v))
                    .collect();
                let names: Vec<&str> = hr.iter().map(|x| x.0.as_str()).collect();
                b.push(
                    Rule::HighRiskRan,
                    sev,
                    [o, c, dom, None, None],
                    d.high_risk_share,
                    limit,
                    Evidence {
                        text: format!(
                            "high-risk suppliers ({}) hold {} of the RAN of {}, above {}",
                            names.join(", "),
                            pct(d.high_risk_share),
                            op.id,
                            pct(limit)
                        ),
                        suppliers: Some(hr),
                        ..Evidence::default()
                    },
                );
            }
            if let Some((sev, limit)) = b.on(Rule::SupplierShare)
                && b.applies_to(Rule::SupplierShare, &d.domain)
            {
                for s in d.suppliers.iter().filter(|s| s.share > limit) {
                    b.push(
                        Rule::SupplierShare,
                        sev,
                        [o, c, dom, Some(&s.supplier), None],
                        s.share,
                        limit,
                        Evidence {
                            text: format!(
                                "{} holds {} of the {} of {}, above {}",
                                s.supplier,
                                pct(s.share),
                                d.domain,
                                op.id,
                                pct(limit)
                            ),
                            ..Evidence::default()
                        },
                    );
                }
            }
            if let Some((sev, _)) = b.on(Rule::SingleSupplier)
                && b.applies_to(Rule::SingleSupplier, &d.domain)
            {
                let positive = d.suppliers.iter().filter(|s| s.share > 0.0).count();
                if positive == 1 {
                    b.push(
                        Rule::SingleSupplier,
                        sev,
                        [o, c, dom, Some(&d.top.supplier), None],
                        1.0,
                        1.0,
                        Evidence {
                            text: format!(
                                "the {} of {} has a single supplier, {}",
                                d.domain, op.id, d.top.supplier
                            ),
                            ..Evidence::default()
                        },
                    );
                }
            }
        }
        if let Some((sev, limit)) = b.on(Rule::SupplierOutage) {
            for s in op.outage.suppliers.iter().filter(|s| s.outage > limit) {
                b.push(
                    Rule::SupplierOutage,
                    sev,
                    [o, c, None, Some(&s.supplier), None],
                    s.outage,
                    limit,
                    Evidence {
                        text: format!(
                            "a failure of {} takes down {} of the service units of {}, above {}",
                            s.supplier,
                            pct(s.outage),
                            op.id,
                            pct(limit)
                        ),
                        ..Evidence::default()
                    },
                );
            }
        }
        if let Some((sev, _)) = b.on(Rule::LockinKey)
            && let Some(this) = inv.operator_ix(&op.id)
        {
            for g in &op.lockin.groups {
                let has_key = g
                    .members
                    .iter()
                    .any(|a| cx.key[a.index()] && inv.asset(*a).operator == this);
                if has_key && g.domains.len() > 1 {
                    b.push(Rule::LockinKey, sev, [o, c, None, None, Some(&g.id)], g.domains.len() as f64, 1.0, Evidence {
                        text: format!(
                            "lock-in group {} ({} assets, suppliers {}) ties key assets across domains {}: replacing one supplier means replacing the whole group",
                            g.id, g.assets, g.suppliers.join(", "), g.domains.join(", ")
                        ),
                        group: Some(g.id.clone()),
                        ..Evidence::default()
                    });
                }
            }
        }
    }
    for country in scan.countries.iter().filter(|c| c.country != "all") {
        let c = Some(country.country.as_str());
        for d in &country.domains {
            let dom = Some(d.domain.as_str());
            if let Some((sev, limit)) = b.on(Rule::NationalShare)
                && b.applies_to(Rule::NationalShare, &d.domain)
            {
                for s in d.suppliers.iter().filter(|s| s.share > limit) {
                    b.push(
                        Rule::NationalShare,
                        sev,
                        [None, c, dom, Some(&s.supplier), None],
                        s.share,
                        limit,
                        Evidence {
                            text: format!(
                                "{} holds {} of the national {} of {}, above {}",
                                s.supplier,
                                pct(s.share),
                                d.domain,
                                country.country,
                                pct(limit)
                            ),
                            ..Evidence::default()
                        },
                    );
                }
            }
            if let Some((sev, limit)) = b.on(Rule::NationalHighRisk)
                && b.applies_to(Rule::NationalHighRisk, &d.domain)
                && d.high_risk_share > limit
            {
                let hr: Vec<(String, f64)> = d
                    .suppliers
                    .iter()
                    .filter(|s| {
                        s.share > 0.0
                            && inv
                                .supplier_ix(&s.supplier)
                                .is_some_and(|x| cx.high_risk[x.index()])
                    })
                    .map(|s| (s.supplier.clone(), s.share))
                    .collect();
                b.push(
                    Rule::NationalHighRisk,
                    sev,
                    [None, c, dom, None, None],
                    d.high_risk_share,
                    limit,
                    Evidence {
                        text: format!(
                            "high-risk suppliers hold {} of the national {} of {}",
                            pct(d.high_risk_share),
                            d.domain,
                            country.country
                        ),
                        suppliers: Some(hr),
                        ..Evidence::default()
                    },
                );
            }
        }
        if let Some((sev, limit)) = b.on(Rule::SystemicSupplier) {
            for s in country.outage.iter().filter(|s| s.outage > limit) {
                b.push(Rule::SystemicSupplier, sev, [None, c, None, Some(&s.supplier), None], s.outage, limit, Evidence {
                    text: format!("a failure of {} takes down {} of the service of {} (subscriber-weighted), above {}", s.supplier, pct(s.outage), country.country, pct(limit)),
                    ..Evidence::default()
                });
            }
        }
    }
    let mut findings = b.out;
    sort_findings(&mut findings);
    apply_exemptions(policy, findings, today)
}

fn subject_key(f: &Finding) -> (Severity, &str, [&Option<String>; 5]) {
    (
        f.severity,
        f.rule,
        [&f.operator, &f.country, &f.domain, &f.supplier, &f.asset],
    )
}

fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| subject_key(a).cmp(&subject_key(b)));
}

fn apply_exemptions(policy: &Policy, findings: Vec<Finding>, today: Date) -> Evaluation {
    let mut used = vec![false; policy.exemptions.len()];
    let live: Vec<bool> = policy
        .exemptions
        .iter()
        .map(|e| e.expires.is_none_or(|d| d >= today))
        .collect();
    let mut eval = Evaluation::default();
    for f in findings {
        let hit = policy.exemptions.iter().enumerate().find(|(i, e)| {
            live[*i]
                && e.rule.code() == f.rule
                && [
                    (&e.operator, &f.operator),
                    (&e.country, &f.country),
                    (&e.domain, &f.domain),
                    (&e.supplier, &f.supplier),
                    (&e.asset, &f.asset),
                ]
                .iter()
                .all(|(want, have)| want.is_none() || want == have)
        });
        match hit {
            Some((i, e)) => {
                used[i] = true;
                eval.exempted.push(Exempted {
                    finding: f,
                    reason: e.reason.clone(),
                    expires: e.expires.map(|d| d.to_string()),
                });
            }
            None => eval.findings.push(f),
        }
    }
    for (i, e) in policy.exemptions.iter().enumerate() {
        let at = e
            .line
            .map_or_else(String::new, |l| format!(" ({}:{l})", policy.origin));
        if !live[i] {
            eval.warnings.push(format!(
                "exemption for {} ({}){at} expired on {}: its findings are reported again",
                e.rule.code(),
                e.reason,
                e.expires.map(|d| d.to_string()).unwrap_or_default()
            ));
        } else if !used[i] {
            eval.warnings.push(format!(
                "exemption for {} ({}){at} matched no finding",
                e.rule.code(),
                e.reason
            ));
        }
    }
    eval
}
