//! The policy file (TOML): rules with their limits and severities, designations, exemptions.
//!
//! Reading is two passes over the text, each collecting every problem as a [`Diagnostic`]:
//! the spanned TOML tree is checked for unknown keys, then serde reads the policy's shape and
//! each setting is checked against the rule table. The ids that the policy names are kept
//! with their locations, for [`check_ids`](super::check_ids) once the inventory is loaded.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::analysis::Config;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::sanitize::escape_controls;
use crate::vocab;

use super::check::{did_you_mean, hint};
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
    /// The domains it applies to, for rules that take them; `None` for every domain.
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

/// The kind of inventory entry a policy names by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// A supplier (`high_risk_suppliers`, an exemption's `supplier`).
    Supplier,
    /// An operator (an exemption's `operator`).
    Operator,
    /// An asset (an exemption's `asset`, a lock-in group's id included).
    Asset,
}

/// An inventory id that a policy names, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct IdRef {
    /// What it names.
    pub kind: IdKind,
    /// The id as written.
    pub id: String,
    /// Where it is written (file, line, column, TOML path).
    pub location: Location,
}

/// A policy: the analyses' configuration, the rules and the exemptions.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Where it came from (`default` or the file).
    pub origin: String,
    /// What the analyses are told.
    pub config: Config,
    /// Every rule of the table, in its order.
    pub rules: Vec<RuleSettings>,
    /// Exemptions, in file order.
    pub exemptions: Vec<Exemption>,
    /// Every supplier, operator and asset id the file names, in file order.
    pub ids: Vec<IdRef>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            origin: "default".into(),
            config: Config::default(),
            rules: Rule::all().map(RuleSettings::default_of).collect(),
            exemptions: Vec::new(),
            ids: Vec::new(),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "high_risk_suppliers",
    "key_domains",
    "allowed_countries",
    "critical_min_impact",
    "rules",
    "exemptions",
];
const RULE_KEYS: &[&str] = &["severity", "limit", "domains"];
const EXEMPTION_KEYS: &[&str] = &[
    "rule", "operator", "country", "domain", "supplier", "asset", "reason", "expires",
];

// The serde mirror of the file. Unknown keys are not refused here: the first pass reports
// every one of them, located, instead of serde's first.
#[derive(Deserialize)]
struct RawPolicy {
    #[serde(default)]
    high_risk_suppliers: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    key_domains: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    allowed_countries: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    critical_min_impact: Option<Spanned<f64>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<RawRule>>,
    #[serde(default)]
    exemptions: Vec<Spanned<RawExemption>>,
}

#[derive(Deserialize)]
struct RawRule {
    #[serde(default)]
    severity: Option<Spanned<String>>,
    #[serde(default)]
    limit: Option<Spanned<f64>>,
    #[serde(default)]
    domains: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize)]
struct RawExemption {
    rule: Spanned<String>,
    #[serde(default)]
    operator: Option<Spanned<String>>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    supplier: Option<Spanned<String>>,
    #[serde(default)]
    asset: Option<Spanned<String>>,
    reason: String,
    #[serde(default)]
    expires: Option<Spanned<toml::Value>>,
}

impl Policy {
    /// Reads a policy from TOML text. Settings not given keep their defaults.
    ///
    /// # Errors
    /// Every problem found, each a located [`Diagnostic`].
    pub fn from_toml(file: &str, text: &str) -> Result<Policy, Vec<Diagnostic>> {
        match Policy::parse(file, text) {
            (Some(policy), diags) if diags.is_empty() => Ok(policy),
            (_, diags) => Err(diags),
        }
    }

    /// Reads a policy from TOML text with every problem found, sorted by location. The
    /// policy is returned whenever the file has the policy's shape, even with problems (a
    /// wrong setting keeps its default), so that the ids it names can still be checked.
    pub fn parse(file: &str, text: &str) -> (Option<Policy>, Vec<Diagnostic>) {
        let mut r = Reader {
            file,
            text,
            diags: Vec::new(),
        };
        let policy = r.read();
        crate::diagnostics::sort(&mut r.diags);
        (policy, r.diags)
    }

    /// The settings of a rule.
    ///
    /// # Panics
    /// Never: a policy holds settings for every rule of the table.
    pub fn rule(&self, rule: Rule) -> &RuleSettings {
        self.rules
            .iter()
            .find(|r| r.rule == rule)
            .expect("every rule has settings")
    }
}

/// Reads one policy file, collecting diagnostics.
struct Reader<'t> {
    file: &'t str,
    text: &'t str,
    diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn location(&self, span: Range<usize>, path: Option<String>) -> Location {
        let (line, column) = crate::inventory::line_col(self.text.as_bytes(), span.start);
        Location {
            file: self.file.to_owned(),
            line: Some(line),
            column: Some(column),
            path,
        }
    }

    fn push(&mut self, code: Code, span: Range<usize>, path: impl Into<String>, message: String) {
        let path = Some(path.into()).filter(|p: &String| !p.is_empty());
        let location = self.location(span, path);
        self.diags
            .push(Diagnostic::new(code, message, Some(location)));
    }

    fn read(&mut self) -> Option<Policy> {
        let doc = match DeTable::parse(self.text) {
            Ok(doc) => doc,
            Err(e) => {
                let message = e.message().trim_end().replace('\n', "; ");
                self.push(Code::PolicySyntax, e.span().unwrap_or(0..0), "", message);
                return None;
            }
        };
        self.unknown_keys(doc.get_ref());
        let shaped = toml::de::Deserializer::parse(self.text)
            .map_err(|e| (String::new(), e))
            .and_then(|de| {
                serde_path_to_error::deserialize(de)
                    .map_err(|e| (e.path().to_string(), e.into_inner()))
            });
        let raw: RawPolicy = match shaped {
            Ok(raw) => raw,
            Err((path, e)) => {
                let message = e.message().trim_end().replace('\n', "; ");
                let path = toml_path(&path);
                self.push(
                    Code::PolicyWrongType,
                    e.span().unwrap_or(0..0),
                    path,
                    message,
                );
                return None;
            }
        };
        let mut policy = Policy {
            origin: self.file.to_owned(),
            ..Policy::default()
        };
        self.lists(&raw, &mut policy);
        for (code, rule) in raw.rules {
            self.rule(code, rule.into_inner(), &mut policy);
        }
        for (i, e) in raw.exemptions.into_iter().enumerate() {
            self.exemption(i, e, &mut policy);
        }
        Some(policy)
    }

    /// Reports every key that the format does not define, with the closest known key.
    fn unknown_keys(&mut self, doc: &DeTable<'_>) {
        self.keys(doc, TOP_KEYS, "");
        if let Some(DeValue::Table(rules)) = doc.get("rules").map(Spanned::get_ref) {
            for (code, rule) in rules {
                if let DeValue::Table(t) = rule.get_ref() {
                    self.keys(t, RULE_KEYS, &format!("rules.{}.", code.get_ref()));
                }
            }
        }
        if let Some(DeValue::Array(list)) = doc.get("exemptions").map(Spanned::get_ref) {
            for (i, e) in list.iter().enumerate() {
                if let DeValue::Table(t) = e.get_ref() {
                    self.keys(t, EXEMPTION_KEYS, &format!("exemptions[{i}]."));
                }
            }
        }
    }

    fn keys(&mut self, table: &DeTable<'_>, known: &[&str], prefix: &str) {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let message = format!(
                "unknown key \"{}\", expected one of {}{}",
                escape_controls(name),
                known.join(", "),
                hint(did_you_mean(name, known))
            );
            let path = format!("{prefix}{}", escape_controls(name));
            self.push(Code::UnknownPolicyKey, key.span(), path, message);
        }
    }

    fn lists(&mut self, raw: &RawPolicy, policy: &mut Policy) {
        if let Some(list) = &raw.high_risk_suppliers {
            for (i, id) in list.iter().enumerate() {
                let path = format!("high_risk_suppliers[{i}]");
                self.id(IdKind::Supplier, id, path, policy);
            }
            policy.config.high_risk = Some(list.iter().map(|s| s.get_ref().clone()).collect());
        }
        if let Some(k) = &raw.key_domains {
            self.domains(k, "key_domains", "in key_domains");
            policy.config.key_domains = k.iter().map(|s| s.get_ref().clone()).collect();
        }
        if let Some(c) = &raw.allowed_countries {
            for (i, code) in c.iter().enumerate() {
                if !vocab::is_iso_country(code.get_ref()) {
                    let message = format!(
                        "\"{}\" in allowed_countries is not an ISO 3166-1 alpha-2 code",
                        escape_controls(code.get_ref())
                    );
                    let path = format!("allowed_countries[{i}]");
                    self.push(Code::BadAllowedCountry, code.span(), path, message);
                }
            }
            policy.config.allowed_countries = c.iter().map(|s| s.get_ref().clone()).collect();
        }
        if let Some(t) = &raw.critical_min_impact {
            let v = *t.get_ref();
            if !(0.0..=1.0).contains(&v) {
                let message =
                    format!("critical_min_impact {v} is out of range: it is a share, from 0 to 1");
                self.push(Code::BadLimit, t.span(), "critical_min_impact", message);
            }
            policy.config.critical_min_impact = v;
        }
    }

    /// Records an id the policy names, for the check against the inventory.
    fn id(&self, kind: IdKind, id: &Spanned<String>, path: String, policy: &mut Policy) {
        policy.ids.push(IdRef {
            kind,
            id: id.get_ref().clone(),
            location: self.location(id.span(), Some(path)),
        });
    }

    fn rule(&mut self, code: Spanned<String>, raw: RawRule, policy: &mut Policy) {
        let name = code.get_ref();
        let Some(settings) = policy.rules.iter_mut().find(|r| r.rule.code() == name) else {
            let message = unknown_rule(name);
            self.push(
                Code::UnknownRule,
                code.span(),
                format!("rules.{}", escape_controls(name)),
                message,
            );
            return;
        };
        let def = settings.rule.def();
        let at = |key: &str| format!("rules.{}.{key}", def.code);
        if let Some(sev) = raw.severity {
            settings.severity = match sev.get_ref().as_str() {
                "deny" => Some(Severity::Deny),
                "warn" => Some(Severity::Warn),
                "off" => None,
                other => {
                    let message = format!(
                        "unknown severity \"{}\" for rule {}, expected deny, warn or off",
                        escape_controls(other),
                        def.code
                    );
                    self.push(Code::BadSeverity, sev.span(), at("severity"), message);
                    settings.severity
                }
            };
        }
        if let Some(limit) = raw.limit {
            let v = *limit.get_ref();
            if def.limit.is_none() {
                let message = format!("rule {} takes no limit", def.code);
                self.push(Code::SettingNotTaken, limit.span(), at("limit"), message);
            } else if !(0.0..=1.0).contains(&v) {
                let message = format!(
                    "limit {v} of rule {} is out of range: it is a share, from 0 to 1",
                    def.code
                );
                self.push(Code::BadLimit, limit.span(), at("limit"), message);
            } else {
                settings.limit = Some(v);
            }
        }
        if let Some(domains) = raw.domains {
            let span = domains.span();
            let list = domains.into_inner();
            if def.domains == Domains::NotApplicable {
                let message = format!("rule {} takes no domains", def.code);
                self.push(Code::SettingNotTaken, span, at("domains"), message);
            } else if self.domains(&list, &at("domains"), &format!("for rule {}", def.code)) {
                settings.domains = Some(list.into_iter().map(Spanned::into_inner).collect());
            }
        }
    }

    /// Reports every domain of a list that is not a valid id; whether all are.
    fn domains(&mut self, list: &[Spanned<String>], path: &str, of: &str) -> bool {
        let mut valid = true;
        for (i, d) in list.iter().enumerate() {
            if !vocab::is_valid_id(d.get_ref()) {
                let message = format!("invalid domain \"{}\" {of}", escape_controls(d.get_ref()));
                self.push(Code::BadDomain, d.span(), format!("{path}[{i}]"), message);
                valid = false;
            }
        }
        valid
    }

    fn exemption(&mut self, i: usize, e: Spanned<RawExemption>, policy: &mut Policy) {
        let span = e.span();
        let line = self.location(span.clone(), None).line;
        let e = e.into_inner();
        let at = |key: &str| format!("exemptions[{i}].{key}");
        for (kind, id, key) in [
            (IdKind::Operator, &e.operator, "operator"),
            (IdKind::Supplier, &e.supplier, "supplier"),
            (IdKind::Asset, &e.asset, "asset"),
        ] {
            if let Some(id) = id {
                self.id(kind, id, at(key), policy);
            }
        }
        let expires = e.expires.as_ref().and_then(|v| {
            let parsed = match v.get_ref() {
                toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
                    .date
                    .and_then(|d| Date::new(i32::from(d.year), d.month, d.day)),
                toml::Value::String(s) => Date::parse(s),
                _ => None,
            };
            if parsed.is_none() {
                let message = "malformed expiry date, expected YYYY-MM-DD (for example 2026-12-31)"
                    .to_owned();
                self.push(Code::BadExpiry, v.span(), at("expires"), message);
            }
            parsed
        });
        let Some(rule) = Rule::parse(e.rule.get_ref()) else {
            let message = format!("exemption for {}", unknown_rule(e.rule.get_ref()));
            self.push(Code::UnknownRule, e.rule.span(), at("rule"), message);
            return;
        };
        if e.operator.is_none()
            && e.country.is_none()
            && e.domain.is_none()
            && e.supplier.is_none()
            && e.asset.is_none()
        {
            let message = format!(
                "exemption for {rule} names no subject: give operator, country, domain, supplier or asset"
            );
            self.push(
                Code::ExemptionWithoutSubject,
                span,
                format!("exemptions[{i}]"),
                message,
            );
        }
        let text = |s: Option<Spanned<String>>| s.map(Spanned::into_inner);
        policy.exemptions.push(Exemption {
            rule,
            operator: text(e.operator),
            country: e.country,
            domain: e.domain,
            supplier: text(e.supplier),
            asset: text(e.asset),
            reason: e.reason,
            expires,
            line,
        });
    }
}

/// The TOML path of a shape error, without serde's wrappers for spanned values; none when
/// it runs through a map key that serde could not name (`rules.?`).
fn toml_path(path: &str) -> String {
    if path == "." || path.split('.').any(|p| p == "?") {
        return String::new();
    }
    path.split('.')
        .filter(|p| !p.starts_with("$__serde_spanned"))
        .collect::<Vec<_>>()
        .join(".")
}

/// "unknown rule "x", expected one of ... (did you mean `y`?)": the list from the table.
fn unknown_rule(name: &str) -> String {
    format!(
        "unknown rule \"{}\", expected one of {}{}",
        escape_controls(name),
        Rule::codes(),
        hint(did_you_mean(
            name,
            &Rule::all().map(Rule::code).collect::<Vec<_>>()
        ))
    )
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

    fn problems(text: &str) -> Vec<(&'static str, u64, u64)> {
        Policy::from_toml("p.toml", text)
            .unwrap_err()
            .iter()
            .map(|d| {
                let l = d.location.as_ref().expect("located");
                (d.code.as_str(), l.line.unwrap_or(0), l.column.unwrap_or(0))
            })
            .collect()
    }

    #[test]
    fn locates_every_problem() {
        let text = "[rules.supplier-share]\nlimit = 1.5\n[rules.no-such-rule]\n";
        assert_eq!(
            problems(text),
            [("bad-limit", 2, 9), ("unknown-rule", 3, 8)]
        );
        let text = "[rules.supplier-share]\nlimit = 1.5\n[[exemptions]]\nrule = \"nope\"\nreason = \"x\"\n[[exemptions]]\nrule = \"lockin-key\"\nasset = \"a\"\nreason = \"x\"\nexpires = \"2026-02-30\"\n";
        assert_eq!(
            problems(text),
            [
                ("bad-limit", 2, 9),
                ("unknown-rule", 4, 8),
                ("bad-expiry", 10, 11)
            ]
        );
    }

    #[test]
    fn unknown_keys_and_rules_get_a_hint() {
        let text = "hig_risk_suppliers = []\n[rules.suplier-share]\nlimt = 0.5\n";
        let e = Policy::from_toml("p.toml", text).unwrap_err();
        let messages: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages[0].ends_with("(did you mean `high_risk_suppliers`?)"),
            "{messages:?}"
        );
        assert!(
            messages[1].ends_with("(did you mean `supplier-share`?)"),
            "{messages:?}"
        );
        assert!(messages[1].contains(&Rule::codes()), "{messages:?}");
        assert!(
            messages[2].ends_with("(did you mean `limit`?)"),
            "{messages:?}"
        );
    }

    #[test]
    fn keeps_the_ids_it_names_with_their_place() {
        let text = "high_risk_suppliers = [\"Huawei\"]\n[[exemptions]]\nrule = \"lockin-key\"\noperator = \"op\"\nasset = \"g\"\nreason = \"r\"\n";
        let p = Policy::from_toml("p.toml", text).unwrap();
        let ids: Vec<(IdKind, &str, u64, u64, Option<&str>)> = p
            .ids
            .iter()
            .map(|r| {
                let l = &r.location;
                (
                    r.kind,
                    r.id.as_str(),
                    l.line.unwrap(),
                    l.column.unwrap(),
                    l.path.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            ids,
            [
                (
                    IdKind::Supplier,
                    "Huawei",
                    1,
                    24,
                    Some("high_risk_suppliers[0]")
                ),
                (
                    IdKind::Operator,
                    "op",
                    4,
                    12,
                    Some("exemptions[0].operator")
                ),
                (IdKind::Asset, "g", 5, 9, Some("exemptions[0].asset")),
            ]
        );
    }
}
