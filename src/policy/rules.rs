//! The policy file (TOML): rules with their limits and severities, designations, exemptions.

use std::fmt;

use serde::Deserialize;
use toml::Spanned;

use crate::analysis::Config;
use crate::vocab;

use super::date::Date;

/// What a finding weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: `scan` exits with status 1.
    Deny,
    /// Should be looked at.
    Warn,
}

/// One rule of the policy. The names are the kebab-case codes of `docs/policy.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A key asset with a high-risk supplier, directly or along a control path (SM03).
    HighRiskKeyAsset,
    /// High-risk suppliers' share of an operator's RAN above the limit (SM03).
    HighRiskRan,
    /// A key asset operated from outside the allowed countries (SM04).
    OffshoreOperation,
    /// One supplier's share of an operator's domain above the limit (SM05).
    SupplierShare,
    /// An operator's domain with a single supplier (SM05).
    SingleSupplier,
    /// One supplier's failure takes down more than the limit of an operator's service (SM05).
    SupplierOutage,
    /// A lock-in group holding a key asset and more than one domain (SM05).
    LockinKey,
    /// One supplier's national share of a domain above the limit (SM06).
    NationalShare,
    /// High-risk suppliers' national share of a domain above the limit (SM03, SM06).
    NationalHighRisk,
    /// One supplier's national outage above the limit: a systemic supplier (SM06).
    SystemicSupplier,
}

/// A rule's fixed description and its defaults.
pub struct RuleInfo {
    /// Code.
    pub code: &'static str,
    /// Toolbox measures.
    pub measure: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Default limit, for rules that have one.
    pub limit: Option<f64>,
    /// Default domains, for rules that have them.
    pub domains: Option<&'static [&'static str]>,
    /// One line for people.
    pub title: &'static str,
}

impl Rule {
    /// Every rule, in documentation order.
    pub const ALL: [Rule; 10] = [
        Rule::HighRiskKeyAsset,
        Rule::HighRiskRan,
        Rule::OffshoreOperation,
        Rule::SupplierShare,
        Rule::SingleSupplier,
        Rule::SupplierOutage,
        Rule::LockinKey,
        Rule::NationalShare,
        Rule::NationalHighRisk,
        Rule::SystemicSupplier,
    ];

    /// The rule's description and defaults.
    pub fn info(self) -> RuleInfo {
        use Severity::{Deny, Warn};
        let (code, measure, severity, limit, domains, title): (
            _,
            _,
            _,
            _,
            Option<&'static [&'static str]>,
            _,
        ) = match self {
            Rule::HighRiskKeyAsset => (
                "high-risk-key-asset",
                "SM03",
                Deny,
                None,
                None,
                "high-risk supplier in a key asset (direct or via a control path)",
            ),
            Rule::HighRiskRan => (
                "high-risk-ran",
                "SM03",
                Warn,
                Some(0.0),
                None,
                "high-risk suppliers in the RAN beyond the cap",
            ),
            Rule::OffshoreOperation => (
                "offshore-operation",
                "SM04",
                Deny,
                None,
                None,
                "key asset operated from outside the allowed countries",
            ),
            Rule::SupplierShare => (
                "supplier-share",
                "SM05",
                Warn,
                Some(0.8),
                Some(&["ran", "core", "transport", "nmo"]),
                "one supplier's share of an operator's domain",
            ),
            Rule::SingleSupplier => (
                "single-supplier",
                "SM05",
                Warn,
                None,
                Some(&["ran"]),
                "operator's domain with a single supplier",
            ),
            Rule::SupplierOutage => (
                "supplier-outage",
                "SM05",
                Warn,
                Some(0.5),
                None,
                "outage of one supplier for an operator",
            ),
            Rule::LockinKey => (
                "lockin-key",
                "SM05",
                Warn,
                None,
                None,
                "lock-in group holding key assets across domains",
            ),
            Rule::NationalShare => (
                "national-share",
                "SM06",
                Warn,
                Some(0.6),
                None,
                "national share of one supplier in a domain",
            ),
            Rule::NationalHighRisk => (
                "national-high-risk",
                "SM03, SM06",
                Deny,
                Some(0.0),
                Some(&["core", "nmo"]),
                "national high-risk share of a domain",
            ),
            Rule::SystemicSupplier => (
                "systemic-supplier",
                "SM06",
                Warn,
                Some(0.3),
                None,
                "national outage of one supplier (systemic supplier)",
            ),
        };
        RuleInfo {
            code,
            measure,
            severity,
            limit,
            domains,
            title,
        }
    }

    /// The rule's code.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// Finds a rule by code.
    pub fn parse(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A rule's settings in force.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSettings {
    /// The rule.
    pub rule: Rule,
    /// `None` when the rule is off.
    pub severity: Option<Severity>,
    /// The limit, for rules that have one.
    pub limit: Option<f64>,
    /// The domains it applies to, for rules that have them.
    pub domains: Option<Vec<String>>,
}

/// An exemption: a rule and subject the authority excuses, with a reason and an expiry.
#[derive(Clone, Debug, PartialEq)]
pub struct Exemption {
    /// The rule.
    pub rule: Rule,
    /// Subject fields; each one given must match the finding.
    pub operator: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Domain.
    pub domain: Option<String>,
    /// Supplier.
    pub supplier: Option<String>,
    /// Asset.
    pub asset: Option<String>,
    /// Why.
    pub reason: String,
    /// The last day it applies; none = no end.
    pub expires: Option<Date>,
    /// Line of the exemption in the policy file, for warnings.
    pub line: Option<u64>,
}

/// A policy: the analyses' configuration, the rules and the exemptions.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Where it came from (`default` or the file).
    pub origin: String,
    /// What the analyses are told.
    pub config: Config,
    /// Every rule, in documentation order.
    pub rules: Vec<RuleSettings>,
    /// Exemptions, in file order.
    pub exemptions: Vec<Exemption>,
}

/// A problem in a policy file, located.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("error[policy]: {message}\n  --> {file}:{line}:{column}")]
pub struct PolicyError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: u64,
    /// What is wrong.
    pub message: String,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            origin: "default".into(),
            config: Config::default(),
            rules: Rule::ALL
                .into_iter()
                .map(|rule| {
                    let info = rule.info();
                    RuleSettings {
                        rule,
                        severity: Some(info.severity),
                        limit: info.limit,
                        domains: info
                            .domains
                            .map(|d| d.iter().map(|s| (*s).to_owned()).collect()),
                    }
                })
                .collect(),
            exemptions: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    high_risk_suppliers: Option<Vec<String>>,
    #[serde(default)]
    key_domains: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    allowed_countries: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    rules: Option<RawRules>,
    #[serde(default)]
    exemptions: Vec<Spanned<RawExemption>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(rename = "high-risk-key-asset", default)]
    high_risk_key_asset: Option<Spanned<RawRule>>,
    #[serde(rename = "high-risk-ran", default)]
    high_risk_ran: Option<Spanned<RawRule>>,
    #[serde(rename = "offshore-operation", default)]
    offshore_operation: Option<Spanned<RawRule>>,
    #[serde(rename = "supplier-share", default)]
    supplier_share: Option<Spanned<RawRule>>,
    #[serde(rename = "single-supplier", default)]
    single_supplier: Option<Spanned<RawRule>>,
    #[serde(rename = "supplier-outage", default)]
    supplier_outage: Option<Spanned<RawRule>>,
    #[serde(rename = "lockin-key", default)]
    lockin_key: Option<Spanned<RawRule>>,
    #[serde(rename = "national-share", default)]
    national_share: Option<Spanned<RawRule>>,
    #[serde(rename = "national-high-risk", default)]
    national_high_risk: Option<Spanned<RawRule>>,
    #[serde(rename = "systemic-supplier", default)]
    systemic_supplier: Option<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    severity: Option<Spanned<String>>,
    #[serde(default)]
    limit: Option<Spanned<f64>>,
    #[serde(default)]
    domains: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExemption {
    rule: Spanned<String>,
    #[serde(default)]
    operator: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    supplier: Option<String>,
    #[serde(default)]
    asset: Option<String>,
    reason: String,
    #[serde(default)]
    expires: Option<Spanned<toml::Value>>,
}

impl Policy {
    /// Reads a policy from TOML text. Settings not given keep their defaults.
    ///
    /// # Errors
    /// Every problem found, located by line and column.
    pub fn from_toml(file: &str, text: &str) -> Result<Policy, Vec<PolicyError>> {
        let at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = crate::inventory::line_col(text.as_bytes(), span.start);
            PolicyError {
                file: file.to_owned(),
                line,
                column,
                message,
            }
        };
        let raw: RawPolicy = toml::from_str(text).map_err(|e| {
            vec![at(
                e.span().unwrap_or(0..0),
                e.message().trim_end().replace('\n', "; "),
            )]
        })?;
        let mut errors = Vec::new();
        let mut policy = Policy {
            origin: file.to_owned(),
            ..Policy::default()
        };
        if let Some(list) = raw.high_risk_suppliers {
            policy.config.high_risk = Some(list);
        }
        if let Some(k) = raw.key_domains {
            let span = k.span();
            let list = k.into_inner();
            if let Some(bad) = list.iter().find(|d| !vocab::is_valid_id(d)) {
                errors.push(at(span, format!("invalid domain \"{bad}\" in key_domains")));
            }
            policy.config.key_domains = list;
        }
        if let Some(c) = raw.allowed_countries {
            let mut list = Vec::new();
            for code in c {
                if !vocab::is_iso_country(code.get_ref()) {
                    errors.push(at(
                        code.span(),
                        format!(
                            "\"{}\" in allowed_countries is not an ISO 3166-1 alpha-2 code",
                            code.get_ref()
                        ),
                    ));
                }
                list.push(code.into_inner());
            }
            policy.config.allowed_countries = list;
        }
        let rules = raw.rules.unwrap_or_default();
        let given = [
            rules.high_risk_key_asset,
            rules.high_risk_ran,
            rules.offshore_operation,
            rules.supplier_share,
            rules.single_supplier,
            rules.supplier_outage,
            rules.lockin_key,
            rules.national_share,
            rules.national_high_risk,
            rules.systemic_supplier,
        ];
        for (settings, raw_rule) in policy.rules.iter_mut().zip(given) {
            let Some(raw_rule) = raw_rule else { continue };
            let info = settings.rule.info();
            let raw_rule = raw_rule.into_inner();
            if let Some(sev) = raw_rule.severity {
                settings.severity = match sev.get_ref().as_str() {
                    "deny" => Some(Severity::Deny),
                    "warn" => Some(Severity::Warn),
                    "off" => None,
                    other => {
                        errors.push(at(sev.span(), format!("unknown severity \"{other}\" for rule {}, expected deny, warn or off", info.code)));
                        settings.severity
                    }
                };
            }
            if let Some(limit) = raw_rule.limit {
                let v = *limit.get_ref();
                if info.limit.is_none() {
                    errors.push(at(
                        limit.span(),
                        format!("rule {} takes no limit", info.code),
                    ));
                } else if !(0.0..=1.0).contains(&v) {
                    errors.push(at(
                        limit.span(),
                        format!(
                            "limit {v} of rule {} is out of range: it is a share, from 0 to 1",
                            info.code
                        ),
                    ));
                } else {
                    settings.limit = Some(v);
                }
            }
            if let Some(domains) = raw_rule.domains {
                let span = domains.span();
                let list = domains.into_inner();
                if !matches!(
                    settings.rule,
                    Rule::SupplierShare
                        | Rule::SingleSupplier
                        | Rule::NationalShare
                        | Rule::NationalHighRisk
                ) {
                    errors.push(at(span, format!("rule {} takes no domains", info.code)));
                } else if let Some(bad) = list.iter().find(|d| !vocab::is_valid_id(d)) {
                    errors.push(at(
                        span,
                        format!("invalid domain \"{bad}\" for rule {}", info.code),
                    ));
                } else {
                    settings.domains = Some(list);
                }
            }
        }
        for e in raw.exemptions {
            let span = e.span();
            let line = crate::inventory::line_col(text.as_bytes(), span.start).0;
            let e = e.into_inner();
            let Some(rule) = Rule::parse(e.rule.get_ref()) else {
                let known: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
                errors.push(at(
                    e.rule.span(),
                    format!(
                        "exemption for unknown rule \"{}\", expected one of {}",
                        e.rule.get_ref(),
                        known.join(", ")
                    ),
                ));
                continue;
            };
            let expires = match e.expires {
                None => None,
                Some(v) => {
                    let vspan = v.span();
                    let parsed = match v.get_ref() {
                        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                            .date
                            .and_then(|d| Date::new(i32::from(d.year), d.month, d.day)),
                        toml::Value::String(s) => Date::parse(s),
                        _ => None,
                    };
                    if parsed.is_none() {
                        errors.push(at(
                            vspan,
                            "malformed expiry date, expected YYYY-MM-DD (for example 2026-12-31)"
                                .to_owned(),
                        ));
                    }
                    parsed
                }
            };
            if e.operator.is_none()
                && e.country.is_none()
                && e.domain.is_none()
                && e.supplier.is_none()
                && e.asset.is_none()
            {
                errors.push(at(span.clone(), format!("exemption for {} names no subject: give operator, country, domain, supplier or asset", rule.code())));
            }
            policy.exemptions.push(Exemption {
                rule,
                operator: e.operator,
                country: e.country,
                domain: e.domain,
                supplier: e.supplier,
                asset: e.asset,
                reason: e.reason,
                expires,
                line: Some(line),
            });
        }
        if errors.is_empty() {
            Ok(policy)
        } else {
            Err(errors)
        }
    }

    /// The settings of a rule.
    pub fn rule(&self, rule: Rule) -> &RuleSettings {
        &self.rules[Rule::ALL
            .iter()
            .position(|r| *r == rule)
            .expect("every rule has settings")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_mirrors_the_spec_table() {
        let p = Policy::default();
        assert_eq!(p.rule(Rule::SupplierShare).limit, Some(0.8));
        assert_eq!(p.rule(Rule::SupplierOutage).limit, Some(0.5));
        assert_eq!(p.rule(Rule::NationalShare).limit, Some(0.6));
        assert_eq!(p.rule(Rule::SystemicSupplier).limit, Some(0.3));
        assert_eq!(
            p.rule(Rule::HighRiskKeyAsset).severity,
            Some(Severity::Deny)
        );
        assert_eq!(
            p.rule(Rule::OffshoreOperation).severity,
            Some(Severity::Deny)
        );
        assert_eq!(
            p.rule(Rule::NationalHighRisk).severity,
            Some(Severity::Deny)
        );
        assert_eq!(p.config.key_domains, vec!["core", "nmo"]);
        assert_eq!(p.config.allowed_countries.len(), 30);
    }

    #[test]
    fn reads_rules_and_exemptions() {
        let text = r#"
high_risk_suppliers = ["huawei"]
[rules.high-risk-ran]
limit = 0.35
[rules.single-supplier]
severity = "off"
[[exemptions]]
rule = "high-risk-key-asset"
operator = "op"
reason = "transition"
expires = 2026-12-31
"#;
        let p = Policy::from_toml("p.toml", text).unwrap();
        assert_eq!(p.rule(Rule::HighRiskRan).limit, Some(0.35));
        assert_eq!(p.rule(Rule::SingleSupplier).severity, None);
        assert_eq!(p.exemptions[0].expires, Date::parse("2026-12-31"));
        assert_eq!(p.exemptions[0].line, Some(7));
    }

    #[test]
    fn locates_every_problem() {
        let text = "[rules.supplier-share]\nlimit = 1.5\n[rules.no-such-rule]\n";
        let e = Policy::from_toml("p.toml", text).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 3);
        let text = "[rules.supplier-share]\nlimit = 1.5\n[[exemptions]]\nrule = \"nope\"\nreason = \"x\"\n[[exemptions]]\nrule = \"lockin-key\"\nasset = \"a\"\nreason = \"x\"\nexpires = \"2026-02-30\"\n";
        let e = Policy::from_toml("p.toml", text).unwrap_err();
        let lines: Vec<u64> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 4, 10], "{e:?}");
    }
}
