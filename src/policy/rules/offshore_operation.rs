//! `offshore-operation` (SM04): a key asset with a control path to a managed service
//! operated from outside the allowed countries.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink};
use crate::policy::finding::{Evidence, Id, Subject};

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "offshore-operation",
    measure: "SM04",
    title: "key asset operated from outside the allowed countries",
    severity: Severity::Deny,
    limit: None,
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let inv = rc.inv();
    for op in &rc.scan.operators {
        for e in &op.exposure.offshore {
            let asset = rc.asset(&e.asset);
            let domain = asset.as_ref().map(|a| {
                let d = inv.asset(a.ix).domain;
                Id::new(d, inv.domain_name(d))
            });
            let subject = Subject {
                domain,
                supplier: rc.supplier(&e.supplier),
                asset,
                ..rc.operator(op)
            };
            let evidence = Evidence {
                text: format!(
                    "key asset {} is operated by managed service {} from {}, outside the allowed countries",
                    e.asset, e.managed_service, e.location
                ),
                path: Some(
                    e.path
                        .iter()
                        .map(|&a| inv.asset(a).id.to_string())
                        .collect(),
                ),
                ..Evidence::default()
            };
            out.push(subject, 1.0, on.limit, evidence);
        }
    }
}
