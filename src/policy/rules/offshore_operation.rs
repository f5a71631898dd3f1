//! `offshore-operation` (SM04): a key asset with a control path to a managed service
//! operated from outside the allowed countries.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink};
use crate::policy::finding::{Evidence, Subject};

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
            let (asset, service) = (rc.asset_at(e.asset), rc.asset_at(e.end()));
            let evidence = Evidence {
                text: format!(
                    "key asset {asset} is operated by managed service {service} from {}, outside the allowed countries",
                    inv.asset_location(e.end())
                ),
                path: Some(e.path.clone()),
                ..Evidence::default()
            };
            let subject = Subject {
                domain: Some(rc.domain_at(inv.asset(e.asset).domain)),
                supplier: Some(rc.supplier_at(inv.asset(e.end()).supplier)),
                asset: Some(asset),
                ..rc.operator(op)
            };
            out.push(subject, 1.0, on.limit, evidence);
        }
    }
}
