//! `lockin-key` (SM05): a lock-in group holds a key asset of the operator and spans more
//! than one domain.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink};
use crate::policy::finding::{Evidence, Subject};

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "lockin-key",
    measure: "SM05",
    title: "lock-in group holding key assets across domains",
    severity: Severity::Warn,
    limit: None,
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, _on: &On<'_>, out: &mut Sink<'_>) {
    for op in &rc.scan.operators {
        let subject = rc.operator(op);
        if subject.operator.is_none() {
            continue;
        }
        for (g, &has_key) in op.lockin.groups.iter().zip(&op.lockin.holds_key) {
            if !has_key || g.domains.len() <= 1 {
                continue;
            }
            let evidence = Evidence {
                text: format!(
                    "lock-in group {} ({} assets, suppliers {}) ties key assets across domains {}: replacing one supplier means replacing the whole group",
                    g.id,
                    g.assets,
                    g.suppliers.join(", "),
                    g.domains.join(", ")
                ),
                group: Some(g.id.clone()),
                ..Evidence::default()
            };
            let subject = Subject {
                asset: rc.asset(&g.id),
                ..subject.clone()
            };
            out.push(subject, g.domains.len() as f64, 1.0, evidence);
        }
    }
}
