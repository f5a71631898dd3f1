//! `supplier-share` (SM05): one supplier's share of an operator's domain above the limit.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct, text};
use crate::policy::finding::Subject;

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "supplier-share",
    measure: "SM05",
    title: "one supplier's share of an operator's domain",
    severity: Severity::Warn,
    limit: Some(0.8),
    domains: Domains::Only(&["ran", "core", "transport", "nmo"]),
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    for (op, d, domain) in rc.operator_domains().filter(|x| on.applies_to(&x.2)) {
        for &(s, share) in d.suppliers.iter().filter(|s| s.1 > limit) {
            let supplier = rc.supplier_at(s);
            let evidence = text(format!(
                "{supplier} holds {} of the {domain} of {}, above {}",
                pct(share),
                rc.operator_id(op),
                pct(limit)
            ));
            let subject = Subject {
                domain: Some(domain.clone()),
                supplier: Some(supplier),
                ..rc.operator(op)
            };
            out.push(subject, share, limit, evidence);
        }
    }
}
