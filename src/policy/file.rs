//! The policy file (TOML): rules with their limits and severities, designations, exemptions.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::analysis::Config;
use crate::vocab;

use super::date::Date;
use super::rules::{Domains, Rule, Severity};

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

impl RuleSettings {
    /// A rule's default settings.
    pub fn default_of(rule: Rule) -> Self {
        let def = rule.def();
        RuleSettings {
            rule,
            severity: Some(def.severity),
            limit: def.limit,
            domains: match def.domains {
                Domains::Only(d) => Some(d.iter().map(|s| (*s).to_owned()).collect()),
                Domains::NotApplicable | Domains::Every => None,
            },
        }
    }
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
            rules: Rule::all().map(RuleSettings::default_of).collect(),
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
    rules: BTreeMap<Spanned<String>, Spanned<RawRule>>,
    #[serde(default)]
    exemptions: Vec<Spanned<RawExemption>>,
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
        for (code, raw_rule) in raw.rules {
            let Some(settings) = policy
                .rules
                .iter_mut()
                .find(|r| r.rule.code() == code.get_ref())
            else {
                errors.push(at(
                    code.span(),
                    format!(
                        "unknown rule \"{}\", expected one of {}",
                        code.get_ref(),
                        Rule::codes()
                    ),
                ));
                continue;
            };
            let def = settings.rule.def();
            let raw_rule = raw_rule.into_inner();
            if let Some(sev) = raw_rule.severity {
                settings.severity = match sev.get_ref().as_str() {
                    "deny" => Some(Severity::Deny),
                    "warn" => Some(Severity::Warn),
                    "off" => None,
                    other => {
                        errors.push(at(sev.span(), format!("unknown severity \"{other}\" for rule {}, expected deny, warn or off", def.code)));
                        settings.severity
                    }
                };
            }
            if let Some(limit) = raw_rule.limit {
                let v = *limit.get_ref();
                if def.limit.is_none() {
                    errors.push(at(
                        limit.span(),
                        format!("rule {} takes no limit", def.code),
                    ));
                } else if !(0.0..=1.0).contains(&v) {
                    errors.push(at(
                        limit.span(),
                        format!(
                            "limit {v} of rule {} is out of range: it is a share, from 0 to 1",
                            def.code
                        ),
                    ));
                } else {
                    settings.limit = Some(v);
                }
            }
            if let Some(domains) = raw_rule.domains {
                let span = domains.span();
                let list = domains.into_inner();
                if def.domains == Domains::NotApplicable {
                    errors.push(at(span, format!("rule {} takes no domains", def.code)));
                } else if let Some(bad) = list.iter().find(|d| !vocab::is_valid_id(d)) {
                    errors.push(at(
                        span,
                        format!("invalid domain \"{bad}\" for rule {}", def.code),
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
                errors.push(at(
                    e.rule.span(),
                    format!(
                        "exemption for unknown rule \"{}\", expected one of {}",
                        e.rule.get_ref(),
                        Rule::codes()
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
        errors.sort_by_key(|e| (e.line, e.column));
        if errors.is_empty() {
            Ok(policy)
        } else {
            Err(errors)
        }
    }

    /// The settings of a rule.
    ///
    /// # Panics
    /// Never: a policy holds settings for every rule of the registry.
    pub fn rule(&self, rule: Rule) -> &RuleSettings {
        self.rules
            .iter()
            .find(|r| r.rule == rule)
            .expect("every rule has settings")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(code: &str) -> Rule {
        Rule::parse(code).expect("a rule of the registry")
    }

    #[test]
    fn default_policy_mirrors_the_spec_table() {
        let p = Policy::default();
        assert_eq!(p.rule(r("supplier-share")).limit, Some(0.8));
        assert_eq!(p.rule(r("supplier-outage")).limit, Some(0.5));
        assert_eq!(p.rule(r("national-share")).limit, Some(0.6));
        assert_eq!(p.rule(r("systemic-supplier")).limit, Some(0.3));
        assert_eq!(
            p.rule(r("high-risk-key-asset")).severity,
            Some(Severity::Deny)
        );
        assert_eq!(
            p.rule(r("offshore-operation")).severity,
            Some(Severity::Deny)
        );
        assert_eq!(
            p.rule(r("national-high-risk")).severity,
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
        assert_eq!(p.rule(r("high-risk-ran")).limit, Some(0.35));
        assert_eq!(p.rule(r("single-supplier")).severity, None);
        assert_eq!(p.exemptions[0].expires, Date::parse("2026-12-31"));
        assert_eq!(p.exemptions[0].line, Some(7));
    }

    #[test]
    fn locates_every_problem() {
        let text = "[rules.supplier-share]\nlimit = 1.5\n[rules.no-such-rule]\n";
        let e = Policy::from_toml("p.toml", text).unwrap_err();
        let lines: Vec<u64> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3], "{e:?}");
        let text = "[rules.supplier-share]\nlimit = 1.5\n[[exemptions]]\nrule = \"nope\"\nreason = \"x\"\n[[exemptions]]\nrule = \"lockin-key\"\nasset = \"a\"\nreason = \"x\"\nexpires = \"2026-02-30\"\n";
        let e = Policy::from_toml("p.toml", text).unwrap_err();
        let lines: Vec<u64> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 4, 10], "{e:?}");
    }
}
