//! `national-high-risk` (SM03, SM06): high-risk suppliers' national share of a domain above
//! the limit.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct};
use crate::policy::finding::{Evidence, Subject};

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "national-high-risk",
    measure: "SM03, SM06",
    title: "national high-risk share of a domain",
    severity: Severity::Deny,
    limit: Some(0.0),
    domains: Domains::Only(&["core", "nmo"]),
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    for country in rc.countries() {
        for d in country.domains.iter().filter(|d| on.applies_to(&d.domain)) {
            if d.high_risk_share <= limit {
                continue;
            }
            let hr: Vec<(String, f64)> = d
                .suppliers
                .iter()
                .filter(|s| {
                    s.share > 0.0
                        && rc
                            .supplier(&s.supplier)
                            .is_some_and(|x| rc.cx.high_risk[x.ix.index()])
                })
                .map(|s| (s.supplier.clone(), s.share))
                .collect();
            let subject = Subject {
                domain: rc.domain(&d.domain),
                ..rc.country(country)
            };
            let evidence = Evidence {
                text: format!(
                    "high-risk suppliers hold {} of the national {} of {}",
                    pct(d.high_risk_share),
                    d.domain,
                    country.country
                ),
                suppliers: Some(hr),
                ..Evidence::default()
            };
            out.push(subject, d.high_risk_share, limit, evidence);
        }
    }
}
