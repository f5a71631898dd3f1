//! `national-high-risk` (SM03, SM06): high-risk suppliers' national share of a domain above
//! the limit.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct};
use crate::model::SupplierIx;
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
    let judged = rc.country_domains().filter(|x| on.applies_to(&x.2));
    for (country, d, domain) in judged.filter(|x| x.1.high_risk_share > limit) {
        let hr: Vec<(SupplierIx, f64)> = d
            .suppliers
            .iter()
            .filter(|s| s.share > 0.0 && rc.cx.is_high_risk(s.supplier))
            .map(|s| (s.supplier, s.share))
            .collect();
        let evidence = Evidence {
            text: format!(
                "high-risk suppliers hold {} of the national {domain} of {}",
                pct(d.high_risk_share),
                country.country
            ),
            suppliers: Some(hr),
            ..Evidence::default()
        };
        let subject = Subject {
            domain: Some(domain),
            ..rc.country(country)
        };
        out.push(subject, d.high_risk_share, limit, evidence);
    }
}
