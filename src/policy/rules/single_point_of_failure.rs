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
        for a in op.critical.assets.iter().filter(|a| a.impact > limit) {
            let subject = Subject {
                domain: rc.domain(&a.domain),
                supplier: rc.supplier(&a.supplier),
                asset: rc.asset(&a.asset),
                ..rc.operator(op)
            };
            let evidence = text(format!(
                "a failure of {} ({}) alone takes down {} of the service units of {}, above {}",
                a.asset,
                a.supplier,
                pct(a.impact),
                op.id,
                pct(limit)
            ));
            out.push(subject, a.impact, limit, evidence);
        }
    }
}
