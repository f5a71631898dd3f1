//! `single-point-of-failure` (TM11): one asset whose failure alone takes down more than the
//! limit of an operator's service units (analyses.md section 8).

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct, text};
use crate::policy::finding::Subject;

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "single-point-of-failure",
    measure: "TM11",
    title: "single point of failure: one asset's impact on an operator",
    severity: Severity::Warn,
    limit: Some(0.25),
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    for op in &rc.scan.operators {
        for a in op.critical.assets.iter().filter(|a| a.impact.all > limit) {
            let of = rc.inv().asset(a.asset);
            let (asset, supplier) = (rc.asset_at(a.asset), rc.supplier_at(of.supplier));
            let evidence = text(format!(
                "a failure of {asset} ({supplier}) alone takes down {} of the service units of {}, above {}",
                pct(a.impact.all),
                rc.operator_id(op),
                pct(limit)
            ));
            let subject = Subject {
                domain: Some(rc.domain_at(of.domain)),
                supplier: Some(supplier),
                asset: Some(asset),
                ..rc.operator(op)
            };
            out.push(subject, a.impact.all, limit, evidence);
        }
    }
}
