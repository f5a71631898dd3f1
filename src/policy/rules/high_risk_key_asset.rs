//! `high-risk-key-asset` (SM03): a key asset exposed to a high-risk supplier, directly or
//! along a control path. One finding per exposed key asset, with the path as evidence.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink};
use crate::policy::finding::{Evidence, Subject};

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "high-risk-key-asset",
    measure: "SM03",
    title: "high-risk supplier in a key asset (direct or via a control path)",
    severity: Severity::Deny,
    limit: None,
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, _on: &On<'_>, out: &mut Sink<'_>) {
    for op in &rc.scan.operators {
        for e in &op.exposure.exposed {
            let path: Vec<String> = e
                .path
                .iter()
                .map(|&a| rc.inv().asset(a).id.to_string())
                .collect();
            let text = if e.kind == "direct" {
                format!(
                    "key asset {} ({}) is supplied by high-risk supplier {}",
                    e.asset, e.domain, e.supplier
                )
            } else {
                format!(
                    "key asset {} ({}) is under the control of high-risk supplier {} via {}",
                    e.asset,
                    e.domain,
                    e.supplier,
                    path.join(" -> ")
                )
            };
            let subject = Subject {
                domain: rc.domain(&e.domain),
                supplier: rc.supplier(&e.supplier),
                asset: rc.asset(&e.asset),
                ..rc.operator(op)
            };
            let evidence = Evidence {
                text,
                path: Some(path),
                kind: Some(e.kind.clone()),
                ..Evidence::default()
            };
            out.push(subject, 1.0, 0.0, evidence);
        }
    }
}
