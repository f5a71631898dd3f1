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
        for &(s, outage) in country.outage.iter().filter(|s| s.1 > limit) {
            let supplier = rc.supplier_at(s);
            let evidence = text(format!(
                "a failure of {supplier} takes down {} of the service of {} (subscriber-weighted), above {}",
                pct(outage),
                country.country,
                pct(limit)
            ));
            let subject = Subject {
                supplier: Some(supplier),
                ..rc.country(country)
            };
            out.push(subject, outage, limit, evidence);
        }
    }
}
