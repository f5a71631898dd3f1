//! `systemic-supplier` (SM06): a supplier's national outage (subscriber-weighted) above the
//! limit.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct, text};
use crate::policy::finding::Subject;

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "systemic-supplier",
    measure: "SM06",
    title: "national outage of one supplier (systemic supplier)",
    severity: Severity::Warn,
    limit: Some(0.3),
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    for country in rc.countries() {
        for s in country.outage.iter().filter(|s| s.outage > limit) {
            let subject = Subject {
                supplier: rc.supplier(&s.supplier),
                ..rc.country(country)
            };
            let evidence = text(format!(
                "a failure of {} takes down {} of the service of {} (subscriber-weighted), above {}",
                s.supplier,
                pct(s.outage),
                country.country,
                pct(limit)
            ));
            out.push(subject, s.outage, limit, evidence);
        }
    }
}
