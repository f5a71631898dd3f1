//! `national-share` (SM06): a supplier's national share of a domain above the limit
//! (countries only, not the scope `all`).

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct, text};
use crate::policy::finding::Subject;

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "national-share",
    measure: "SM06",
    title: "national share of one supplier in a domain",
    severity: Severity::Warn,
    limit: Some(0.6),
    domains: Domains::Every,
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    for country in rc.countries() {
        for d in country.domains.iter().filter(|d| on.applies_to(&d.domain)) {
            for s in d.suppliers.iter().filter(|s| s.share > limit) {
                let subject = Subject {
                    domain: rc.domain(&d.domain),
                    supplier: rc.supplier(&s.supplier),
                    ..rc.country(country)
                };
                let evidence = text(format!(
                    "{} holds {} of the national {} of {}, above {}",
                    s.supplier,
                    pct(s.share),
                    d.domain,
                    country.country,
                    pct(limit)
                ));
                out.push(subject, s.share, limit, evidence);
            }
        }
    }
}
