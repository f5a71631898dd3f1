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
    for (country, d, domain) in rc.country_domains().filter(|x| on.applies_to(&x.2)) {
        for s in d.suppliers.iter().filter(|s| s.share > limit) {
            let supplier = rc.supplier_at(s.supplier);
            let evidence = text(format!(
                "{supplier} holds {} of the national {domain} of {}, above {}",
                pct(s.share),
                country.country,
                pct(limit)
            ));
            let subject = Subject {
                domain: Some(domain.clone()),
                supplier: Some(supplier),
                ..rc.country(country)
            };
            out.push(subject, s.share, limit, evidence);
        }
    }
}
