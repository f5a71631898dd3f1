//! `high-risk-key-asset` (SM03): a key asset exposed to a high-risk supplier, directly or
//! along a control path. One finding per exposed key asset, with the path as evidence.

use super::{Domains, On, RuleCx, RuleDef, Severity, Sink};
use crate::model::AssetIx;
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

/// A path in a finding's sentence: whole when it has at most [`TEXT_PATH`] assets, else its
/// first two, `...` and its end, with its number of steps (the evidence's `path` holds more).
const TEXT_PATH: usize = 6;

fn path_text(path: &[String], steps: usize) -> String {
    match path {
        [a, b, .., end] if steps >= TEXT_PATH => {
            format!("{a} -> {b} -> ... -> {end} ({steps} steps)")
        }
        _ => path.join(" -> "),
    }
}

fn check(rc: &RuleCx<'_, '_>, _on: &On<'_>, out: &mut Sink<'_>) {
    let inv = rc.inv();
    let ids =
        |p: &[AssetIx]| -> Vec<String> { p.iter().map(|&a| inv.asset(a).id.to_string()).collect() };
    for op in &rc.scan.operators {
        for e in &op.exposure.exposed {
            let (asset, domain) = (
                rc.asset_at(e.asset),
                rc.domain_at(inv.asset(e.asset).domain),
            );
            let supplier = rc.supplier_at(inv.asset(e.end()).supplier);
            let text = match e.kind {
                None => format!(
                    "key asset {asset} ({domain}) is supplied by high-risk supplier {supplier}"
                ),
                Some(_) => format!(
                    "key asset {asset} ({domain}) is under the control of high-risk supplier {supplier} via {}",
                    path_text(&ids(&e.path), e.path_length)
                ),
            };
            let subject = Subject {
                domain: Some(domain),
                supplier: Some(supplier),
                asset: Some(asset),
                ..rc.operator(op)
            };
            let evidence = Evidence {
                text,
                path: Some(e.path.clone()),
                kind: Some(e.kind_name()),
                ..Evidence::default()
            };
            out.push(subject, 1.0, 0.0, evidence);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::path_text;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("a{i}")).collect()
    }

    #[test]
    fn a_short_path_is_spelled_out_and_a_long_one_abbreviated() {
        assert_eq!(path_text(&ids(2), 1), "a0 -> a1");
        assert_eq!(path_text(&ids(6), 5), "a0 -> a1 -> a2 -> a3 -> a4 -> a5");
        assert_eq!(path_text(&ids(7), 6), "a0 -> a1 -> ... -> a6 (6 steps)");
        // A bounded path: its first ids and its end, the steps of the whole path.
        assert_eq!(
            path_text(&ids(32), 6912),
            "a0 -> a1 -> ... -> a31 (6912 steps)"
        );
    }
}
