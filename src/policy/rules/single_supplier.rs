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
    for op in &rc.scan.operators {
        for d in op.domains.iter().filter(|d| on.applies_to(&d.domain)) {
            if d.suppliers.iter().filter(|s| s.share > 0.0).count() != 1 {
                continue;
            }
            let subject = Subject {
                domain: rc.domain(&d.domain),
                supplier: rc.supplier(&d.top.supplier),
                ..rc.operator(op)
            };
            let evidence = text(format!(
                "the {} of {} has a single supplier, {}",
                d.domain, op.id, d.top.supplier
            ));
            out.push(subject, 1.0, 1.0, evidence);
        }
    }
}
