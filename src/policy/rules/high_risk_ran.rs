//! `high-risk-ran` (SM03): high-risk suppliers' share of an operator's whole RAN above the
//! limit. One finding per operator, with the high-risk suppliers and their shares.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink, pct};
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
    for op in &rc.scan.operators {
        for d in op.domains.iter().filter(|d| d.domain == "ran") {
            if d.high_risk_share <= limit {
                continue;
            }
            let hr: Vec<(String, f64)> = d
                .supplier_ixs
                .iter()
                .filter(|(s, v)| rc.cx.high_risk[s.index()] && *v > 0.0)
                .map(|(s, v)| (rc.cx.supplier_id(*s).to_owned(), *v))
                .collect();
            let names: Vec<&str> = hr.iter().map(|x| x.0.as_str()).collect();
            let subject = Subject {
                domain: rc.domain(&d.domain),
                ..rc.operator(op)
            };
            let evidence = Evidence {
                text: format!(
                    "high-risk suppliers ({}) hold {} of the RAN of {}, above {}",
                    names.join(", "),
                    pct(d.high_risk_share),
                    op.id,
                    pct(limit)
                ),
                suppliers: Some(hr),
                ..Evidence::default()
            };
            out.push(subject, d.high_risk_share, limit, evidence);
        }
    }
}
