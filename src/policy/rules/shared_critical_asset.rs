//! `shared-critical-asset` (SM06, TM11): an asset critical for two or more operators of a
//! country whose national impact is above the limit: one failure reaches several networks
//! at once (analyses.md section 8).

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct, text};
use crate::policy::finding::Subject;

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "shared-critical-asset",
    measure: "SM06, TM11",
    title: "shared critical asset: national impact of an asset critical for two or more operators",
    severity: Severity::Warn,
    limit: Some(0.05),
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    for country in rc.countries() {
        let ops: Vec<_> = rc
            .scan
            .operators
            .iter()
            .filter(|o| o.country == country.country)
            .collect();
        for a in country.critical.iter().filter(|a| a.impact > limit) {
            let critical_for = ops
                .iter()
                .filter(|o| o.critical.assets.iter().any(|x| x.asset == a.asset))
                .count();
            if critical_for < 2 {
                continue;
            }
            let subject = Subject {
                supplier: rc.supplier(&a.supplier),
                asset: rc.asset(&a.asset),
                ..rc.country(country)
            };
            let evidence = text(format!(
                "{} ({}) is critical for {} operators of {}; its failure takes down {} of the country's service (subscriber-weighted), above {}",
                a.asset,
                a.supplier,
                critical_for,
                country.country,
                pct(a.impact),
                pct(limit)
            ));
            out.push(subject, a.impact, limit, evidence);
        }
    }
}
