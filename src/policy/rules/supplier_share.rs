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
    for op in &rc.scan.operators {
        for d in op.domains.iter().filter(|d| on.applies_to(&d.domain)) {
            for s in d.suppliers.iter().filter(|s| s.share > limit) {
                let subject = Subject {
                    domain: rc.domain(&d.domain),
                    supplier: rc.supplier(&s.supplier),
                    ..rc.operator(op)
                };
                let evidence = text(format!(
                    "{} holds {} of the {} of {}, above {}",
                    s.supplier,
                    pct(s.share),
                    d.domain,
                    op.id,
                    pct(limit)
                ));
                out.push(subject, s.share, limit, evidence);
            }
        }
    }
}
