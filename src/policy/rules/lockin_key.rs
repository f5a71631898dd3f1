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
    let inv = rc.inv();
    for op in &rc.scan.operators {
        for (g, &has_key) in op.lockin.groups.iter().zip(&op.lockin.holds_key) {
            if !has_key || g.domains.len() <= 1 {
                continue;
            }
            let id = rc.asset_at(g.first());
            let suppliers: Vec<&str> = g.suppliers.iter().map(|&s| &*inv.supplier(s).id).collect();
            let domains: Vec<&str> = g.domains.iter().map(|&d| inv.domain_name(d)).collect();
            let evidence = Evidence {
                text: format!(
                    "lock-in group {id} ({} assets, suppliers {}) ties key assets across domains {}: replacing one supplier means replacing the whole group",
                    g.members.len(),
                    suppliers.join(", "),
                    domains.join(", ")
                ),
                group: Some(g.first()),
                ..Evidence::default()
            };
            let subject = Subject {
                asset: Some(id),
                ..rc.operator(op)
            };
            out.push(subject, g.domains.len() as f64, 1.0, evidence);
        }
    }
}
