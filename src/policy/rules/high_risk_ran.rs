//! `high-risk-ran` (SM03): high-risk suppliers' share of an operator's whole RAN above the
//! limit. One finding per operator, with the high-risk suppliers and their shares.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct};
use crate::model::SupplierIx;
use crate::policy::finding::{Evidence, Subject};

/// The rule's definition.
pub static RULE: RuleDef = RuleDef {
    code: "high-risk-ran",
    measure: "SM03",
    title: "high-risk suppliers in the RAN beyond the cap",
    severity: Severity::Warn,
    limit: Some(0.0),
    domains: Domains::NotApplicable,
    check,
};

fn check(rc: &RuleCx<'_, '_>, on: &On<'_>, out: &mut Sink<'_>) {
    let limit = on.limit;
    let ran = rc.operator_domains().filter(|x| &*x.2 == crate::vocab::RAN);
    for (op, d, domain) in ran.filter(|x| x.1.high_risk_share > limit) {
        let hr: Vec<(SupplierIx, f64)> = d
            .by_supplier
            .iter()
            .filter(|(s, v)| rc.cx.is_high_risk(*s) && *v > 0.0)
            .copied()
            .collect();
        let names: Vec<&str> = hr.iter().map(|x| &*rc.inv().supplier(x.0).id).collect();
        let evidence = Evidence {
            text: format!(
                "high-risk suppliers ({}) hold {} of the RAN of {}, above {}",
                names.join(", "),
                pct(d.high_risk_share),
                rc.operator_id(op),
                pct(limit)
            ),
            suppliers: Some(hr),
            ..Evidence::default()
        };
        let subject = Subject {
            domain: Some(domain),
            ..rc.operator(op)
        };
        out.push(subject, d.high_risk_share, limit, evidence);
    }
}
