//! `shared-critical-asset` (SM06, TM11): an asset critical for two or more operators of a
//! country whose national impact is above the limit: one failure reaches several networks
//! at once (analyses.md section 8).

use std::collections::HashMap;

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct, text};
use crate::model::AssetIx;
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
        // Asset id -> the number of the country's operators it is critical for (one pass,
        // not a search per asset: an operator may hold thousands of critical assets).
        let mut critical_for: HashMap<AssetIx, usize> = HashMap::new();
        for o in rc.scan.operators.iter() {
            if rc.inv().operator(o.operator).country.as_str() == country.country {
                for x in &o.critical.assets {
                    *critical_for.entry(x.asset).or_default() += 1;
                }
            }
        }
        for a in country.critical.iter().filter(|a| a.impact > limit) {
            let critical_for = critical_for.get(&a.asset).copied().unwrap_or(0);
            if critical_for < 2 {
                continue;
            }
            let asset = rc.asset_at(a.asset);
            let supplier = rc.supplier_at(rc.inv().asset(a.asset).supplier);
            let evidence = text(format!(
                "{asset} ({supplier}) is critical for {} operators of {}; its failure takes down {} of the country's service (subscriber-weighted), above {}",
                critical_for,
                country.country,
                pct(a.impact),
                pct(limit)
            ));
            let subject = Subject {
                supplier: Some(supplier),
                asset: Some(asset),
                ..rc.country(country)
            };
            out.push(subject, a.impact, limit, evidence);
        }
    }
}
