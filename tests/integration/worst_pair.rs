//! Tests: the worst pair (analyses.md §2) against a brute force over every pair.
//!
//! The search prunes pairs by bounds (see `src/analysis/worst_pair.rs`); these random
//! inventories are built to make suppliers interact (k-of-n links, pools, chains, shared
//! dependents, weights whose sums carry rounding noise, many ties), and the pair found must
//! be exactly the one the definition gives: the largest outage, ties (figures rounded to
//! 1e-12) to the lexicographically smallest pair.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{Value, json};

use vendorgraph::graph::SupplyGraph;
use vendorgraph::model::{AssetIx, SupplierIx};

use crate::properties::reference_down;
use crate::support;

const FUNCTIONS: [&str; 6] = ["gnb", "enb", "ru", "router", "amf", "server"];
const WEIGHTS: [f64; 6] = [1.0, 1.0, 2.0, 0.1, 0.2, 0.3];
const KINDS: [&str; 4] = ["runs_on", "connects_to", "anchored_by", "managed_by"];

/// (function, supplier, weight, operator) per asset; (from, targets, kind, need) per link.
type Spec = (
    usize,
    Vec<(usize, usize, usize, usize)>,
    Vec<(usize, Vec<usize>, usize, usize)>,
);

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..=14, 2usize..=40).prop_flat_map(|(n_sups, n_assets)| {
        let asset = (0..FUNCTIONS.len(), 0..n_sups, 0..WEIGHTS.len(), 0..2usize);
        let link = (
            0..n_assets,
            prop::collection::vec(0..n_assets, 1..=6),
            0..KINDS.len(),
            1usize..=6,
        );
        (
            Just(n_sups),
            prop::collection::vec(asset, n_assets),
            prop::collection::vec(link, 0..=50),
        )
    })
}

fn inventory(spec: &Spec) -> String {
    let (n_sups, assets, links) = spec;
    let suppliers: Vec<Value> = (0..*n_sups)
        .map(|i| json!({"id": format!("s{i:02}"), "country": "SE"}))
        .collect();
    let assets_json: Vec<Value> = assets
        .iter()
        .enumerate()
        .map(|(i, &(f, s, w, o))| {
            json!({"id": format!("a{i:02}"), "operator": format!("op{o}"), "function": FUNCTIONS[f],
                   "supplier": format!("s{s:02}"), "weight": WEIGHTS[w]})
        })
        .collect();
    let links_json: Vec<Value> = links
        .iter()
        .filter_map(|(from, to, kind, need)| {
            let to: BTreeSet<usize> = to.iter().copied().filter(|t| t != from).collect();
            (!to.is_empty()).then(|| {
                let ids: Vec<String> = to.iter().map(|t| format!("a{t:02}")).collect();
                json!({"from": format!("a{from:02}"), "to": ids, "kind": KINDS[*kind],
                       "need": (*need).min(to.len())})
            })
        })
        .collect();
    json!({
        "format": "vendorgraph/1",
        "suppliers": suppliers,
        "operators": [{"id": "op0", "country": "DE"}, {"id": "op1", "country": "FR"}],
        "assets": assets_json,
        "links": links_json,
    })
    .to_string()
}

/// The figures' tie rule (analyses.md, "Ties between figures").
fn tie_key(v: f64) -> i64 {
    (v * 1e12).round() as i64
}

/// The worst pair of every operator by trying every pair: ids and outage.
fn brute_force(g: &SupplyGraph, op: &str, relevant: &[&str]) -> Option<([String; 2], f64)> {
    let inv = g.inventory();
    let o = inv.operator_ix(op).expect("operator");
    let units: Vec<AssetIx> = g
        .operator_assets(o)
        .iter()
        .copied()
        .filter(|&a| inv.asset(a).radio)
        .collect();
    let total: f64 = units.iter().map(|&a| inv.asset(a).weight).sum();
    let mut best: Option<([String; 2], f64)> = None;
    for (i, a) in relevant.iter().enumerate() {
        for b in &relevant[i + 1..] {
            let failed: BTreeSet<SupplierIx> = [a, b]
                .iter()
                .map(|s| inv.supplier_ix(s).expect("supplier"))
                .collect();
            let down = reference_down(g, &failed);
            let w: f64 = units
                .iter()
                .filter(|u| down.contains(&u.index()))
                .map(|&u| inv.asset(u).weight)
                .sum();
            let v = w / total;
            if best.as_ref().is_none_or(|b| tie_key(v) > tie_key(b.1)) {
                best = Some(([a.to_string(), b.to_string()], v));
            }
        }
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn worst_pair_is_the_brute_force_one(spec in spec()) {
        let g = support::graph_of(&inventory(&spec));
        let r = support::scan(&g);
        for o in &r.operators {
            let relevant: Vec<&str> = {
                let mut v: Vec<&str> = o.outage.suppliers.iter().map(|s| s.supplier.as_str()).collect();
                v.sort_unstable();
                v
            };
            let expected = if o.outage.units_weight > 0.0 { brute_force(&g, &o.id, &relevant) } else { None };
            let found = o.outage.worst_pair.as_ref().map(|p| (p.suppliers.clone(), p.outage));
            match (found, expected) {
                (None, None) => {}
                (Some((ids, v)), Some((want, w))) => {
                    prop_assert_eq!(&ids, &want, "operator {}: {} vs {}", o.id, v, w);
                    prop_assert!((v - w).abs() <= 1e-9, "operator {}: {} vs {}", o.id, v, w);
                }
                (found, expected) => prop_assert!(false, "operator {}: {:?} vs {:?}", o.id, found, expected),
            }
        }
    }
}

/// Many suppliers, one k-of-n link that any two of them tip (need = targets - 1), and a
/// gNB supplier that takes everything down alone: every pair with it, and every pair of
/// targets, has outage 1; the smallest pair wins.
#[test]
fn worst_pair_among_many_tied_pairs_is_the_smallest() {
    let n = 300;
    let mut suppliers = vec![json!({"id": "z-gnb", "country": "SE"})];
    let mut assets =
        vec![json!({"id": "g", "operator": "op0", "function": "gnb", "supplier": "z-gnb"})];
    let mut targets = Vec::new();
    for i in 0..n {
        suppliers.push(json!({"id": format!("t{i:03}"), "country": "SE"}));
        assets.push(
            json!({"id": format!("r{i:03}"), "operator": "op0", "function": "router",
                           "supplier": format!("t{i:03}")}),
        );
        targets.push(format!("r{i:03}"));
    }
    let text = json!({
        "format": "vendorgraph/1",
        "suppliers": suppliers,
        "operators": [{"id": "op0", "country": "DE"}],
        "assets": assets,
        "links": [{"from": "g", "to": targets, "kind": "connects_to", "need": n - 1}],
    })
    .to_string();
    let r = support::scan(&support::graph_of(&text));
    let p = r.operators[0].outage.worst_pair.as_ref().expect("a pair");
    assert_eq!(p.suppliers, ["t000", "t001"]);
    assert_eq!(p.outage, 1.0);
}
