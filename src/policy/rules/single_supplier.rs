//! `single-supplier` (SM05): exactly one supplier has a positive share of an operator's
//! domain.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, text};
use crate::policy::finding::Subject;

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "single-supplier",
    measure: "SM05",
    title: "operator's domain with a single supplier",
    severity: Severity::Warn,
    limit: None,
    domains: Domains::Only(&["ran"]),
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    for (op, d, domain) in rc.operator_domains().filter(|x| on.applies_to(&x.2)) {
        if d.suppliers.iter().filter(|s| s.1 > 0.0).count() != 1 {
            continue;
        }
        let supplier = rc.supplier_at(d.top().0);
        let evidence = text(format!(
            "the {domain} of {} has a single supplier, {supplier}",
            rc.operator_id(op)
        ));
        let subject = Subject {
            domain: Some(domain),
            supplier: Some(supplier),
            ..rc.operator(op)
        };
        out.push(subject, 1.0, 1.0, evidence);
    }
}
