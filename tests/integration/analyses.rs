//! Tests: analyses.
//!
//! Every expected figure below is computed by hand from `/work/shared/spec/analyses.md`; the
//! arithmetic is written next to each assertion. Tiny inline inventories cover the edge
//! cases (ties, zero weights, cycles, k-of-n links, cross-operator links, ...); the second
//! half checks the bundled `fixtures/small` and the default policy on it.

use vendorgraph::analysis::{self, Context, FailureScratch, Subgraph, down_set};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::model::{AssetIx, SupplierIx};
use vendorgraph::policy::{Date, Policy, evaluate};
use vendorgraph::report::model::{
    CountryDomain, CountryEntry, DomainEntry as DomainFigures, OperatorEntry as OperatorFigures,
    SupplierOutage, Weighting,
};

use crate::support::{self, Named as ScanResult, close};

// The later sections, one file each in `analyses/`.
mod exposure;
mod national;
mod small;
mod small_policy;
mod ties;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// A `vendorgraph/1` inventory from the rows of its four tables (JSON objects, comma
/// separated).
fn inv(suppliers: &str, operators: &str, assets: &str, links: &str) -> String {
    format!(
        r#"{{"format": "vendorgraph/1",
  "suppliers": [{suppliers}],
  "operators": [{operators}],
  "assets": [{assets}],
  "links": [{links}]}}"#
    )
}

/// Low-risk suppliers, one per id.
fn low(ids: &[&str]) -> String {
    ids.iter()
        .map(|id| format!(r#"{{"id": "{id}", "country": "SE", "risk": "low"}}"#))
        .collect::<Vec<_>>()
        .join(",\n")
}

fn op<'r>(r: &'r ScanResult, id: &str) -> &'r OperatorFigures {
    r.operators
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no operator {id}"))
}

fn dom<'o>(o: &'o OperatorFigures, d: &str) -> &'o DomainFigures {
    o.domains
        .iter()
        .find(|x| x.domain == d)
        .unwrap_or_else(|| panic!("operator {} has no domain {d}", o.id))
}

fn domain_names(o: &OperatorFigures) -> Vec<&str> {
    o.domains.iter().map(|d| d.domain.as_str()).collect()
}

/// The supplier list of a domain as (id, share), in report order.
fn shares(d: &DomainFigures) -> Vec<(&str, f64)> {
    d.suppliers
        .iter()
        .map(|s| (s.supplier.as_str(), s.share))
        .collect()
}

fn groups(d: &DomainFigures) -> Vec<(&str, f64)> {
    d.groups
        .iter()
        .map(|s| (s.group.as_str(), s.share))
        .collect()
}

/// Asserts a list of (id, figure) equals the expected one: same ids in the same order,
/// figures to 1e-9.
#[track_caller]
fn assert_list(actual: &[(&str, f64)], expected: &[(&str, f64)]) {
    let ids: Vec<&str> = actual.iter().map(|x| x.0).collect();
    let want: Vec<&str> = expected.iter().map(|x| x.0).collect();
    assert_eq!(ids, want, "ids (in order) differ: {actual:?}");
    for (a, e) in actual.iter().zip(expected) {
        assert!(
            (a.1 - e.1).abs() < 1e-9,
            "{}: expected {}, got {} (whole list {actual:?})",
            a.0,
            e.1,
            a.1
        );
    }
}

fn outage_of<'o>(o: &'o OperatorFigures, s: &str) -> &'o SupplierOutage {
    o.outage
        .suppliers
        .iter()
        .find(|x| x.supplier == s)
        .unwrap_or_else(|| panic!("{s} is not a relevant supplier of {}", o.id))
}

fn outages(o: &OperatorFigures) -> Vec<(&str, f64)> {
    o.outage
        .suppliers
        .iter()
        .map(|s| (s.supplier.as_str(), s.outage))
        .collect()
}

#[track_caller]
fn close_opt(actual: Option<f64>, expected: Option<f64>) {
    match (actual, expected) {
        (None, None) => {}
        (Some(a), Some(e)) => close(a, e),
        _ => panic!("expected {expected:?}, got {actual:?}"),
    }
}

#[track_caller]
fn worst_single(o: &OperatorFigures, supplier: &str, outage: f64) {
    let w = o.outage.worst_single.as_ref().expect("a worst single");
    assert_eq!(w.supplier, supplier);
    close(w.outage, outage);
}

#[track_caller]
fn worst_pair(o: &OperatorFigures, pair: [&str; 2], outage: f64) {
    let w = o.outage.worst_pair.as_ref().expect("a worst pair");
    assert_eq!([w.suppliers[0].as_str(), w.suppliers[1].as_str()], pair);
    close(w.outage, outage);
}

fn sup(g: &SupplyGraph, id: &str) -> SupplierIx {
    g.inventory().supplier_ix(id).expect("supplier")
}

fn asset(g: &SupplyGraph, id: &str) -> AssetIx {
    g.inventory().asset_ix(id).expect("asset")
}

/// The ids of the assets down after the suppliers `failed` fail (over the whole graph).
fn down_ids(g: &SupplyGraph, failed: &[&str]) -> Vec<String> {
    let failed: Vec<SupplierIx> = failed.iter().map(|s| sup(g, s)).collect();
    let d = down_set(g, &failed);
    g.inventory()
        .assets
        .iter()
        .enumerate()
        .filter(|(i, _)| d.contains(AssetIx(*i as u32)))
        .map(|(_, a)| a.id.to_string())
        .collect()
}

/// (group id, assets, weight) in report order.
fn lockin_groups(o: &OperatorFigures) -> Vec<(&str, usize, f64)> {
    o.lockin
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.assets, g.weight))
        .collect()
}

/// (asset, kind, path) of every exposed asset, in report order.
fn exposed(o: &OperatorFigures) -> Vec<(String, String, Vec<String>)> {
    o.exposure
        .exposed
        .iter()
        .map(|e| (e.asset.clone(), e.kind.clone(), e.path.clone()))
        .collect()
}

fn ex(asset: &str, kind: &str, path: &[&str]) -> (String, String, Vec<String>) {
    (
        asset.to_owned(),
        kind.to_owned(),
        path.iter().map(|s| (*s).to_owned()).collect(),
    )
}

fn country<'r>(r: &'r ScanResult, c: &str) -> &'r CountryEntry {
    r.countries
        .iter()
        .find(|x| x.country == c)
        .unwrap_or_else(|| panic!("no country {c}"))
}

fn national_shares<'c>(c: &'c CountryEntry, d: &str) -> &'c CountryDomain {
    c.domains
        .iter()
        .find(|x| x.domain == d)
        .unwrap_or_else(|| panic!("{} has no domain {d}", c.country))
}

fn nat_list(d: &CountryDomain) -> Vec<(&str, f64)> {
    d.suppliers
        .iter()
        .map(|s| (s.supplier.as_str(), s.share))
        .collect()
}

fn nat_operators(d: &CountryDomain) -> Vec<(&str, usize)> {
    d.suppliers
        .iter()
        .map(|s| (s.supplier.as_str(), s.operators))
        .collect()
}

fn nat_outage(c: &CountryEntry) -> Vec<(&str, f64)> {
    c.outage
        .iter()
        .map(|s| (s.supplier.as_str(), s.outage))
        .collect()
}

// ---------------------------------------------------------------------------------------
// 1. Concentration
// ---------------------------------------------------------------------------------------

/// Ties, zero weights, group chains to a high-risk root, a domain of weight 0.
fn concentration_inventory() -> String {
    inv(
        &format!(
            "{},\n{}",
            low(&["a", "b", "c"]),
            r#"{"id": "hr", "country": "CN", "risk": "high"},
               {"id": "sub", "country": "CN", "risk": "low", "group": "hr"},
               {"id": "x", "country": "CN", "group": "sub"}"#
        ),
        r#"{"id": "o1", "country": "DE"}"#,
        r#"
        {"id": "g1", "operator": "o1", "function": "gnb", "supplier": "b", "weight": 2},
        {"id": "g2", "operator": "o1", "function": "gnb", "supplier": "a", "weight": 2},
        {"id": "g3", "operator": "o1", "function": "gnb", "supplier": "sub", "weight": 1},
        {"id": "g4", "operator": "o1", "function": "gnb", "supplier": "x", "weight": 1},
        {"id": "g5", "operator": "o1", "function": "gnb", "supplier": "c", "weight": 0},
        {"id": "m1", "operator": "o1", "function": "amf", "supplier": "a", "weight": 0},
        {"id": "m2", "operator": "o1", "function": "smf", "supplier": "hr", "weight": 0},
        {"id": "r1", "operator": "o1", "function": "router", "supplier": "c", "weight": 1.5}
        "#,
        r#"
        {"from": "g1", "to": "r1", "kind": "connects_to"},
        {"from": "g2", "to": "r1", "kind": "connects_to"},
        {"from": "g3", "to": "r1", "kind": "connects_to"},
        {"from": "g4", "to": "r1", "kind": "connects_to"},
        {"from": "g5", "to": "r1", "kind": "connects_to"},
        {"from": "m1", "to": "m2", "kind": "connects_to"}
        "#,
    )
}

#[test]
fn concentration_shares_hhi_ties_zero_weights_and_groups() {
    let g = support::graph_of(&concentration_inventory());
    let r = support::scan(&g);
    let o = op(&r, "o1");

    // core: W = w(m1) + w(m2) = 0 + 0 = 0, so the domain is left out. ran and transport
    // remain, by domain name.
    assert_eq!(domain_names(o), ["ran", "transport"]);

    let ran = dom(o, "ran");
    // W(ran) = 2 + 2 + 1 + 1 + 0 = 6
    close(ran.weight, 6.0);
    // a = 2/6 = 1/3, b = 2/6 = 1/3, sub = 1/6, x = 1/6, c = 0/6 = 0 (listed: it has g5).
    // Order: share descending, then id: a, b (tie at 1/3), sub, x (tie at 1/6), c.
    assert_list(
        &shares(ran),
        &[
            ("a", 1.0 / 3.0),
            ("b", 1.0 / 3.0),
            ("sub", 1.0 / 6.0),
            ("x", 1.0 / 6.0),
            ("c", 0.0),
        ],
    );
    // hhi = (100/3)^2 * 2 + (100/6)^2 * 2 + 0 = 2222.22.. + 555.55.. = 25000/9 = 2777.77..
    close(ran.hhi, 25000.0 / 9.0);
    // equivalent = 10000 / (25000/9) = 3.6
    close(ran.equivalent_suppliers, 3.6);
    // 2777.8 > 2000: high
    assert_eq!(ran.band.as_str(), "high");
    // top: a and b tie at 1/3; the smallest id wins: a.
    assert_eq!(ran.top.supplier, "a");
    close(ran.top.share, 1.0 / 3.0);
    // high-risk: sub (group hr, high) and x (group chain x -> sub -> hr): 1/6 + 1/6 = 1/3;
    // a, b, c are low.
    close(ran.high_risk_share, 1.0 / 3.0);
    // groups by root: a -> a, b -> b, c -> c, sub -> hr, x -> sub -> hr:
    // a 1/3, b 1/3, hr 1/6 + 1/6 = 1/3, c 0. Order: the three 1/3 by id (a, b, hr), c.
    assert_list(
        &groups(ran),
        &[
            ("a", 1.0 / 3.0),
            ("b", 1.0 / 3.0),
            ("hr", 1.0 / 3.0),
            ("c", 0.0),
        ],
    );

    let tr = dom(o, "transport");
    // one router of weight 1.5 from c: share 1.5/1.5 = 1, hhi 100^2 = 10000, equivalent 1.
    close(tr.weight, 1.5);
    assert_list(&shares(tr), &[("c", 1.0)]);
    close(tr.hhi, 10000.0);
    close(tr.equivalent_suppliers, 1.0);
    assert_eq!(tr.band.as_str(), "high");
    assert_eq!(tr.top.supplier, "c");
    close(tr.high_risk_share, 0.0);
}

#[test]
fn concentration_band_boundaries() {
    // Domains named through `domain` (any name may be used): d10 with 10 suppliers of equal
    // weight, d5 with 5, d11 with 11, d4 with 4.
    let ids: Vec<String> = (0..11).map(|i| format!("s{i:02}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut assets = Vec::new();
    for (domain, n) in [("d10", 10), ("d5", 5), ("d11", 11), ("d4", 4)] {
        for s in ids.iter().take(n) {
            assets.push(format!(
                r#"{{"id": "{domain}-{s}", "operator": "o", "function": "box", "domain": "{domain}", "supplier": "{s}"}}"#
            ));
        }
    }
    let g = support::graph_of(&inv(
        &low(&id_refs),
        r#"{"id": "o", "country": "DE"}"#,
        &assets.join(",\n"),
        "",
    ));
    let r = support::scan(&g);
    let o = op(&r, "o");
    // d10: 10 shares of 1/10: hhi = 10 * (100/10)^2 = 10 * 100 = 1000 exactly: moderate
    // ("from 1000 to 2000").
    close(dom(o, "d10").hhi, 1000.0);
    assert_eq!(dom(o, "d10").band.as_str(), "moderate");
    close(dom(o, "d10").equivalent_suppliers, 10.0);
    // d5: 5 * (100/5)^2 = 5 * 400 = 2000 exactly: still moderate.
    close(dom(o, "d5").hhi, 2000.0);
    assert_eq!(dom(o, "d5").band.as_str(), "moderate");
    // d11: 11 * (100/11)^2 = 10000/11 = 909.09..: low.
    close(dom(o, "d11").hhi, 10000.0 / 11.0);
    assert_eq!(dom(o, "d11").band.as_str(), "low");
    // d4: 4 * 25^2 = 2500: high.
    close(dom(o, "d4").hhi, 2500.0);
    assert_eq!(dom(o, "d4").band.as_str(), "high");
    // ties everywhere: the top is the smallest id, s00.
    for d in ["d10", "d5", "d11", "d4"] {
        assert_eq!(dom(o, d).top.supplier, "s00");
    }
}

// ---------------------------------------------------------------------------------------
// 2. Supplier failure
// ---------------------------------------------------------------------------------------

#[test]
fn failure_k_of_n_and_pair_ties() {
    // u (gnb, zr, weight 4) connects_to [n1 (s1), n2 (s2), n3 (s3)] with need 2.
    let g = support::graph_of(&inv(
        &low(&["s1", "s2", "s3", "zr"]),
        r#"{"id": "o", "country": "DE"}"#,
        r#"
        {"id": "u", "operator": "o", "function": "gnb", "supplier": "zr", "weight": 4},
        {"id": "n1", "operator": "o", "function": "nrf", "supplier": "s1"},
        {"id": "n2", "operator": "o", "function": "nrf", "supplier": "s2"},
        {"id": "n3", "operator": "o", "function": "nrf", "supplier": "s3"}
        "#,
        r#"{"from": "u", "to": ["n1", "n2", "n3"], "need": 2, "kind": "connects_to"}"#,
    ));
    let r = support::scan(&g);
    let o = op(&r, "o");
    close(o.outage.units_weight, 4.0);
    // one NRF down leaves 2 of 3 up (>= need 2): u stays up, outage 0.
    // zr: u itself is down: 4/4 = 1.
    // Order: outage descending, then id: zr 1, s1 0, s2 0, s3 0.
    assert_list(
        &outages(o),
        &[("zr", 1.0), ("s1", 0.0), ("s2", 0.0), ("s3", 0.0)],
    );
    // u is a gNB: 5G; there is no 4G unit, so outage_4g is null.
    close_opt(outage_of(o, "s1").outage_5g, Some(0.0));
    close_opt(outage_of(o, "s1").outage_4g, None);
    close_opt(outage_of(o, "zr").outage_5g, Some(1.0));
    worst_single(o, "zr", 1.0);
    // pairs: any two NRF suppliers leave 1 of 3 up (< 2): outage 1; any pair with zr: 1.
    // Every pair has outage 1: the lexicographically smallest pair is (s1, s2).
    worst_pair(o, ["s1", "s2"], 1.0);

    // The down sets directly: one NRF supplier takes down only its NRF; two take down u.
    assert_eq!(down_ids(&g, &["s2"]), ["n2"]);
    assert_eq!(down_ids(&g, &["s2", "s3"]), ["n2", "n3", "u"]);
}

#[test]
fn failure_alternatives_are_down_only_when_all_are_down() {
    // u (gnb, r, 2) connects_to [a1 (p), a2 (q)]: an AMF pool; u2 (gnb, r, 2) runs_on c (q).
    let g = support::graph_of(&inv(
        &low(&["p", "q", "r"]),
        r#"{"id": "o", "country": "DE"}"#,
        r#"
        {"id": "u", "operator": "o", "function": "gnb", "supplier": "r", "weight": 2},
        {"id": "u2", "operator": "o", "function": "gnb", "supplier": "r", "weight": 2},
        {"id": "a1", "operator": "o", "function": "amf", "supplier": "p"},
        {"id": "a2", "operator": "o", "function": "amf", "supplier": "q"},
        {"id": "c", "operator": "o", "function": "server", "supplier": "q"}
        "#,
        r#"
        {"from": "u", "to": ["a1", "a2"], "kind": "connects_to"},
        {"from": "u2", "to": "c", "kind": "runs_on"}
        "#,
    ));
    let r = support::scan(&g);
    let o = op(&r, "o");
    // p: a1 down, a2 up: u up. outage 0/4 = 0.
    // q: a2 down but a1 up: u up; c down: u2 down. outage 2/4 = 0.5.
    // r: both units: 1.
    assert_list(&outages(o), &[("r", 1.0), ("q", 0.5), ("p", 0.0)]);
    // pairs: (p, q): a1, a2 down: u down; c down: u2 down: 1. (p, r) = 1, (q, r) = 1.
    // All 1: smallest pair (p, q).
    worst_pair(o, ["p", "q"], 1.0);
    assert_eq!(down_ids(&g, &["p"]), ["a1"]);
    assert_eq!(down_ids(&g, &["p", "q"]), ["a1", "a2", "c", "u", "u2"]);
}

#[test]
fn failure_cycles_least_fixpoint() {
    // u1 -> c1 <-> c2 -> f1, all connects_to; u2 -> c3.
    let g = support::graph_of(&inv(
        &low(&["f", "r", "s", "t"]),
        r#"{"id": "o", "country": "DE"}"#,
        r#"
        {"id": "u1", "operator": "o", "function": "gnb", "supplier": "r"},
        {"id": "u2", "operator": "o", "function": "gnb", "supplier": "r"},
        {"id": "c1", "operator": "o", "function": "amf", "supplier": "s"},
        {"id": "c2", "operator": "o", "function": "smf", "supplier": "s"},
        {"id": "c3", "operator": "o", "function": "upf", "supplier": "t"},
        {"id": "f1", "operator": "o", "function": "udm", "supplier": "f"}
        "#,
        r#"
        {"from": "u1", "to": "c1", "kind": "connects_to"},
        {"from": "c1", "to": "c2", "kind": "connects_to"},
        {"from": "c2", "to": "c1", "kind": "connects_to"},
        {"from": "c2", "to": "f1", "kind": "connects_to"},
        {"from": "u2", "to": "c3", "kind": "connects_to"}
        "#,
    ));
    // t fails: c3 down, u2 down. The cycle c1 <-> c2 has nothing failed in it: it stays up
    // (the least set), and so does u1.
    assert_eq!(down_ids(&g, &["t"]), ["c3", "u2"]);
    // f fails: f1 down -> c2 (depends on f1) down -> c1 (depends on c2) down -> u1 down.
    assert_eq!(down_ids(&g, &["f"]), ["c1", "c2", "f1", "u1"]);

    let r = support::scan(&g);
    let o = op(&r, "o");
    // units u1, u2 of weight 1: total 2.
    // f: u1 down: 1/2. r: 2/2. s: c1, c2 down -> u1: 1/2. t: u2: 1/2.
    assert_list(
        &outages(o),
        &[("r", 1.0), ("f", 0.5), ("s", 0.5), ("t", 0.5)],
    );
    // worst single: r. worst pair: (f, r) = 1 is the first pair with outage 1 in
    // lexicographic order ((f, s) = 0.5, but (f, r) < (f, s) anyway; (f, t) = 1 too).
    worst_single(o, "r", 1.0);
    worst_pair(o, ["f", "r"], 1.0);

    // The same through a Subgraph reachable from u1 only.
    let sub = Subgraph::reachable(&g, &[asset(&g, "u1")]);
    let mut scratch = FailureScratch::default();
    sub.fail(&[sup(&g, "t")], &mut scratch);
    for id in ["u1", "c1", "c2", "f1"] {
        let l = sub.local(asset(&g, id)).expect("reachable from u1");
        assert!(!scratch.is_down(l), "{id} must stay up when t fails");
    }
    assert!(
        sub.local(asset(&g, "c3")).is_none(),
        "c3 is not reachable from u1"
    );
    sub.fail(&[sup(&g, "f")], &mut scratch);
    for id in ["u1", "c1", "c2", "f1"] {
        let l = sub.local(asset(&g, id)).expect("reachable from u1");
        assert!(scratch.is_down(l), "{id} must be down when f fails");
    }
}

#[test]
fn failure_repeated_targets_count_once() {
    // u connects_to ["x", "x", "y"] with need 2: distinct targets {x, y}, so 2 of 2 needed.
    let text = inv(
        &low(&["p", "q", "r"]),
        r#"{"id": "o", "country": "DE"}"#,
        r#"
        {"id": "u", "operator": "o", "function": "gnb", "supplier": "r"},
        {"id": "x", "operator": "o", "function": "amf", "supplier": "p"},
        {"id": "y", "operator": "o", "function": "amf", "supplier": "q"}
        "#,
        r#"{"from": "u", "to": ["x", "x", "y"], "need": 2, "kind": "connects_to"}"#,
    );
    // A repeated target is accepted (need 2 <= 2 distinct targets); at most a warning.
    let loaded = support::load_json(&text);
    assert_eq!(loaded.errors().count(), 0, "{:?}", loaded.diagnostics);
    let g = support::graph_of(&text);
    // q fails: y down; distinct targets up: {x} = 1 < 2: u down. (Counting x twice would
    // leave 2 "up" and keep u up.)
    assert_eq!(down_ids(&g, &["q"]), ["u", "y"]);
    // p fails: x down; up: {y} = 1 < 2: u down.
    assert_eq!(down_ids(&g, &["p"]), ["u", "x"]);
    let r = support::scan(&g);
    // all three suppliers take down the only unit: outage 1 each, by id.
    assert_list(&outages(op(&r, "o")), &[("p", 1.0), ("q", 1.0), ("r", 1.0)]);
}

#[test]
fn failure_without_units_and_generations() {
    let g = support::graph_of(&inv(
        &low(&["a", "b", "c", "k"]),
        r#"{"id": "core-only", "country": "DE"},
           {"id": "zero", "country": "DE"},
           {"id": "gen", "country": "FR"},
           {"id": "lte", "country": "FR"},
           {"id": "one", "country": "FR"}"#,
        r#"
        {"id": "k1", "operator": "core-only", "function": "amf", "supplier": "k"},
        {"id": "k2", "operator": "core-only", "function": "smf", "supplier": "a"},
        {"id": "z1", "operator": "zero", "function": "gnb", "supplier": "a", "weight": 0},
        {"id": "z2", "operator": "zero", "function": "amf", "supplier": "b"},
        {"id": "e1", "operator": "gen", "function": "enb", "supplier": "a", "weight": 2},
        {"id": "g1", "operator": "gen", "function": "gnb", "supplier": "b", "weight": 3},
        {"id": "r1", "operator": "gen", "function": "ru", "supplier": "c", "weight": 5},
        {"id": "l1", "operator": "lte", "function": "enb", "supplier": "a", "weight": 1},
        {"id": "l2", "operator": "lte", "function": "ru", "supplier": "b", "weight": 1, "generation": "4g"},
        {"id": "s1", "operator": "one", "function": "gnb", "supplier": "k"}
        "#,
        r#"
        {"from": "k1", "to": "k2", "kind": "connects_to"},
        {"from": "z1", "to": "z2", "kind": "connects_to"},
        {"from": "g1", "to": "e1", "kind": "anchored_by"}
        "#,
    ));
    let r = support::scan(&g);

    // core-only: no radio asset: units_weight 0, empty list, no worst single or pair.
    let o = op(&r, "core-only");
    close(o.outage.units_weight, 0.0);
    assert!(o.outage.suppliers.is_empty());
    assert!(o.outage.worst_single.is_none());
    assert!(o.outage.worst_pair.is_none());
    // zero: a gNB of weight 0: units weigh nothing: the same.
    let o = op(&r, "zero");
    close(o.outage.units_weight, 0.0);
    assert!(o.outage.suppliers.is_empty());
    assert!(o.outage.worst_single.is_none());
    assert!(o.outage.worst_pair.is_none());
    let json = serde_json::to_value(&o.outage).unwrap();
    assert!(json["worst_single"].is_null() && json["worst_pair"].is_null());

    // gen: e1 (enb, 4g, 2), g1 (gnb, 5g, 3, anchored_by e1), r1 (ru, no generation, 5).
    // Total 10; 4g 2; 5g 3.
    let o = op(&r, "gen");
    close(o.outage.units_weight, 10.0);
    // a: e1 down, g1 anchored on it down: 5/10 = 0.5; 4g 2/2 = 1; 5g 3/3 = 1.
    let a = outage_of(o, "a");
    close(a.outage, 0.5);
    close_opt(a.outage_4g, Some(1.0));
    close_opt(a.outage_5g, Some(1.0));
    // b: g1: 3/10 = 0.3; 4g 0/2 = 0; 5g 3/3 = 1.
    let b = outage_of(o, "b");
    close(b.outage, 0.3);
    close_opt(b.outage_4g, Some(0.0));
    close_opt(b.outage_5g, Some(1.0));
    // c: r1: 5/10 = 0.5; 4g 0; 5g 0 (an ru has no generation of its own).
    let c = outage_of(o, "c");
    close(c.outage, 0.5);
    close_opt(c.outage_4g, Some(0.0));
    close_opt(c.outage_5g, Some(0.0));
    // order: a 0.5, c 0.5 (tie, by id), b 0.3; worst single: a (tie with c, smaller id).
    assert_list(&outages(o), &[("a", 0.5), ("c", 0.5), ("b", 0.3)]);
    worst_single(o, "a", 0.5);
    // pairs: (a, b) = {e1, g1} = 5/10 = 0.5; (a, c) = {e1, g1, r1} = 1; (b, c) = 8/10.
    worst_pair(o, ["a", "c"], 1.0);

    // lte: l1 (enb, 4g) and l2 (ru with generation 4g): no 5G unit: outage_5g null.
    let o = op(&r, "lte");
    let a = outage_of(o, "a");
    close(a.outage, 0.5);
    close_opt(a.outage_4g, Some(0.5));
    close_opt(a.outage_5g, None);
    let json = serde_json::to_value(&o.outage).unwrap();
    assert!(json["suppliers"][0]["outage_5g"].is_null());

    // one: a single unit from k: R = {k}, |R| < 2: no worst pair.
    let o = op(&r, "one");
    assert_list(&outages(o), &[("k", 1.0)]);
    worst_single(o, "k", 1.0);
    assert!(o.outage.worst_pair.is_none());
}

#[test]
fn failure_follows_links_across_operators() {
    // Operator A's gNB depends on operator B's AMF (national roaming core).
    let g = support::graph_of(&inv(
        &low(&["core-b", "ra", "rb"]),
        r#"{"id": "A", "country": "DE"}, {"id": "B", "country": "DE"}"#,
        r#"
        {"id": "a-gnb", "operator": "A", "function": "gnb", "supplier": "ra", "weight": 2},
        {"id": "a-gnb-2", "operator": "A", "function": "gnb", "supplier": "ra", "weight": 2},
        {"id": "b-amf", "operator": "B", "function": "amf", "supplier": "core-b"},
        {"id": "b-gnb", "operator": "B", "function": "gnb", "supplier": "rb"}
        "#,
        r#"
        {"from": "a-gnb", "to": "b-amf", "kind": "connects_to"},
        {"from": "b-gnb", "to": "b-amf", "kind": "connects_to"}
        "#,
    ));
    let r = support::scan(&g);
    let a = op(&r, "A");
    // R(A) = {ra, core-b}: core-b takes down a-gnb (2 of 4): 0.5; ra: 4/4.
    assert_list(&outages(a), &[("ra", 1.0), ("core-b", 0.5)]);
    worst_pair(a, ["core-b", "ra"], 1.0);
    let b = op(&r, "B");
    // R(B) = {core-b, rb}: each takes down b-gnb: 1, by id.
    assert_list(&outages(b), &[("core-b", 1.0), ("rb", 1.0)]);
}

// ---------------------------------------------------------------------------------------
// 3. Lock-in
// ---------------------------------------------------------------------------------------

#[test]
fn lockin_closed_links_groups_and_index() {
    let g = support::graph_of(&inv(
        &low(&["v", "w"]),
        r#"{"id": "A", "country": "DE"}, {"id": "B", "country": "FR"}, {"id": "C", "country": "FR"}"#,
        r#"
        {"id": "a-enb-1", "operator": "A", "function": "enb", "supplier": "v", "weight": 2},
        {"id": "a-gnb-1", "operator": "A", "function": "gnb", "supplier": "v", "weight": 3},
        {"id": "a-ems-1", "operator": "A", "function": "ems", "supplier": "v", "weight": 1},
        {"id": "a-gnb-2", "operator": "A", "function": "gnb", "supplier": "v", "weight": 4},
        {"id": "a-ems-2", "operator": "A", "function": "ems", "supplier": "w", "weight": 1},
        {"id": "a-core-1", "operator": "A", "function": "amf", "supplier": "v", "weight": 5},
        {"id": "a-gnb-3", "operator": "A", "function": "gnb", "supplier": "v", "weight": 0},
        {"id": "Z-ems", "operator": "A", "function": "ems", "supplier": "v", "weight": 1},
        {"id": "b-amf-1", "operator": "B", "function": "amf", "supplier": "v", "weight": 2},
        {"id": "b-upf-1", "operator": "B", "function": "upf", "supplier": "v", "weight": 1},
        {"id": "c-amf-1", "operator": "C", "function": "amf", "supplier": "v", "weight": 0}
        "#,
        r#"
        {"from": "a-gnb-1", "to": "a-enb-1", "kind": "anchored_by"},
        {"from": "a-gnb-1", "to": "a-ems-1", "kind": "managed_by"},
        {"from": "a-gnb-2", "to": "a-ems-2", "kind": "managed_by", "open": true},
        {"from": "a-gnb-2", "to": "b-amf-1", "kind": "connects_to", "open": false},
        {"from": "a-enb-1", "to": "a-core-1", "kind": "connects_to"},
        {"from": "a-core-1", "to": "a-ems-1", "kind": "managed_by", "open": true},
        {"from": "a-gnb-3", "to": "Z-ems", "kind": "managed_by"},
        {"from": "b-upf-1", "to": "b-amf-1", "kind": "runs_on"},
        {"from": "c-amf-1", "to": "b-upf-1", "kind": "operated_by"}
        "#,
    ));
    let r = support::scan(&g);
    // Closed pairs: (a-gnb-1, a-enb-1) anchored_by closed by default; (a-gnb-1, a-ems-1)
    // managed_by closed by default; (a-gnb-2, b-amf-1) connects_to with open false;
    // (a-gnb-3, Z-ems) managed_by. Not closed: managed_by with open true, connects_to,
    // runs_on, operated_by by default.
    // Groups:
    //   {a-enb-1, a-ems-1, a-gnb-1}: id a-ems-1 ("a-em" < "a-en"), 3 assets, 2+1+3 = 6
    //   {a-gnb-2, b-amf-1}: id a-gnb-2, 2 assets, 4 + 2 = 6, operators A and B
    //   {Z-ems, a-gnb-3}: id Z-ems ('Z' = 0x5A < 'a' = 0x61 in byte order), 2 assets, 1 + 0
    let all: Vec<(&str, usize, f64)> = r
        .lockin
        .groups
        .iter()
        .map(|x| {
            (
                &*g.inventory().asset(x.first()).id,
                x.members.len(),
                x.weight,
            )
        })
        .collect();
    assert_eq!(
        all,
        [("Z-ems", 2, 1.0), ("a-ems-1", 3, 6.0), ("a-gnb-2", 2, 6.0)]
    );

    let a = op(&r, "A");
    // A's groups by weight descending, then id: a-ems-1 (6), a-gnb-2 (6), Z-ems (1).
    assert_eq!(
        lockin_groups(a),
        [("a-ems-1", 3, 6.0), ("a-gnb-2", 2, 6.0), ("Z-ems", 2, 1.0)]
    );
    let g1 = &a.lockin.groups[0];
    assert_eq!(g1.suppliers, ["v"]);
    assert_eq!(g1.domains, ["nmo", "ran"]);
    assert_eq!(g1.operators, ["A"]);
    let g2 = &a.lockin.groups[1];
    assert_eq!(g2.domains, ["core", "ran"]);
    assert_eq!(g2.operators, ["A", "B"]);
    // index(A) = weight in groups / weight of A's assets
    //   = (2 + 3 + 1 [a-ems-1 group] + 4 [a-gnb-2] + 1 + 0 [Z-ems group])
    //     / (2 + 3 + 1 + 4 + 1 + 5 + 0 + 1) = 11 / 17
    close(a.lockin.index.unwrap(), 11.0 / 17.0);

    // B: the group spanning A and B appears for B too. index = 2 / (2 + 1).
    let b = op(&r, "B");
    assert_eq!(lockin_groups(b), [("a-gnb-2", 2, 6.0)]);
    close(b.lockin.index.unwrap(), 2.0 / 3.0);

    // C: assets weigh 0 in total: index null, no group.
    let c = op(&r, "C");
    assert!(c.lockin.index.is_none());
    assert!(c.lockin.groups.is_empty());
}

#[test]
fn lockin_closed_pair_between_suppliers_is_a_warning() {
    let text = inv(
        &low(&["v", "w"]),
        r#"{"id": "A", "country": "DE"}"#,
        r#"
        {"id": "e", "operator": "A", "function": "enb", "supplier": "v"},
        {"id": "g", "operator": "A", "function": "gnb", "supplier": "w"}
        "#,
        r#"{"from": "g", "to": "e", "kind": "anchored_by"}"#,
    );
    let loaded = support::load_json(&text);
    assert_eq!(loaded.errors().count(), 0);
    assert!(
        loaded
            .warnings()
            .any(|d| d.code.as_str() == "closed-cross-supplier-link"),
        "{:?}",
        loaded.diagnostics
    );
    // It still forms a group: {e, g}, id e.
    let r = support::scan(&support::graph_of(&text));
    assert_eq!(lockin_groups(op(&r, "A")), [("e", 2, 2.0)]);
    close(op(&r, "A").lockin.index.unwrap(), 1.0);
}
