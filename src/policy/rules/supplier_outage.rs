//! `supplier-outage` (SM05, TM11): one supplier's failure takes down more than the limit of
//! an operator's service units.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct, text};
use crate::policy::finding::Subject;

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "supplier-outage",
    measure: "SM05",
    title: "outage of one supplier for an operator",
    severity: Severity::Warn,
    limit: Some(0.5),
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    for op in &rc.scan.operators {
        for &(s, outage) in op.outage.suppliers.iter().filter(|s| s.1.all > limit) {
            let subject = Subject {
                supplier: Some(rc.supplier_at(s)),
                ..rc.operator(op)
            };
            let evidence = text(format!(
                "a failure of {} takes down {} of the service units of {}, above {}",
                rc.inv().supplier(s).id,
                pct(outage.all),
                rc.operator_id(op),
                pct(limit)
            ));
            out.push(subject, outage.all, limit, evidence);
        }
    }
}
