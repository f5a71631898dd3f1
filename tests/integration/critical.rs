//! Tests: critical assets (`analyses.md` section 8).
//!
//! Hand-computed cases first (the arithmetic next to each assertion), then properties on
//! random inventories against a brute-force reference written here from the spec: one
//! least down set per asset, by plain iteration to a fixpoint.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use serde_json::{Value, json};

use vendorgraph::analysis::{
    self, Config, Context, Critical, critical, critical_all, national_critical,
};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::model::{AssetIx, OperatorIx};
use vendorgraph::report::model::{CriticalAssetEntry, CriticalEntry, NationalCriticalEntry};

use crate::support::{self, close};

// Long shapes, in their own file.
mod long_shapes;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// An asset row: (id, operator, function, weight).
type A<'a> = (&'a str, &'a str, &'a str, f64);
/// A link row: (from, targets, kind, need).
type L<'a> = (&'a str, &'a [&'a str], &'a str, u32);

/// An inventory: operators as (id, country, subscribers); every asset's supplier is named
/// after its function (`v-amf`), so each function has its own supplier.
fn inventory(ops: &[(&str, &str, Option<u64>)], assets: &[A<'_>], links: &[L<'_>]) -> String {
    let suppliers: BTreeSet<String> = assets.iter().map(|a| format!("v-{}", a.2)).collect();
    let doc = json!({
        "format": "vendorgraph/1",
        "suppliers": suppliers.iter().map(|s| json!({"id": s, "country": "SE"})).collect::<Vec<_>>(),
        "operators": ops.iter().map(|(id, c, subs)| {
            let mut o = json!({"id": id, "country": c});
            if let Some(n) = subs { o["subscribers"] = json!(n); }
            o
        }).collect::<Vec<_>>(),
        "assets": assets.iter().map(|(id, op, f, w)| json!({
            "id": id, "operator": op, "function": f, "supplier": format!("v-{f}"), "weight": w,
        })).collect::<Vec<_>>(),
        "links": links.iter().map(|(from, to, kind, need)| json!({
            "from": from, "to": to, "kind": kind, "need": need,
        })).collect::<Vec<_>>(),
    });
    doc.to_string()
}

fn one_op(assets: &[A<'_>], links: &[L<'_>]) -> SupplyGraph {
    support::graph_of(&inventory(&[("op", "DE", None)], assets, links))
}

fn op_ix(g: &SupplyGraph, id: &str) -> OperatorIx {
    g.inventory().operator_ix(id).expect("operator")
}

/// An operator's critical assets as the report names them, with the analysis' figures
/// (the table of impacts, the units' weight) read through it.
struct Named {
    assets: Vec<CriticalAssetEntry>,
    raw: Critical,
}

impl std::ops::Deref for Named {
    type Target = Critical;
    fn deref(&self) -> &Critical {
        &self.raw
    }
}

/// The critical list of an operator as (asset, impact, units).
fn list(c: &Named) -> Vec<(&str, f64, usize)> {
    c.assets
        .iter()
        .map(|a| (a.asset.as_str(), a.impact, a.units))
        .collect()
}

#[track_caller]
fn assert_list(actual: &[(&str, f64, usize)], expected: &[(&str, f64, usize)]) {
    let ids: Vec<&str> = actual.iter().map(|a| a.0).collect();
    let want: Vec<&str> = expected.iter().map(|a| a.0).collect();
    assert_eq!(ids, want, "critical assets");
    for (a, e) in actual.iter().zip(expected) {
        close(a.1, e.1);
        assert_eq!(a.2, e.2, "units of {}", a.0);
    }
}

fn critical_of(g: &SupplyGraph, op: &str, theta: f64) -> Named {
    let cx = Context::new(g, &Config::default());
    let raw = critical(&cx, op_ix(g, op), theta);
    Named {
        assets: CriticalEntry::new(&raw, g.inventory()).assets,
        raw,
    }
}

// ---------------------------------------------------------------------------------------
// Hand-computed cases
// ---------------------------------------------------------------------------------------

/// Two gNBs on an AMF pool of two (need 1): one AMF alone takes nothing down; the NFVI
/// both AMFs run on takes everything down.
#[test]
fn a_pool_that_protects() {
    let g = one_op(
        &[
            ("amf1", "op", "amf", 1.0),
            ("amf2", "op", "amf", 1.0),
            ("g1", "op", "gnb", 1.0),
            ("g2", "op", "gnb", 3.0),
            ("nfvi", "op", "nfvi", 1.0),
        ],
        &[
            ("g1", &["amf1", "amf2"], "connects_to", 1),
            ("g2", &["amf1", "amf2"], "connects_to", 1),
            ("amf1", &["nfvi"], "runs_on", 1),
            ("amf2", &["nfvi"], "runs_on", 1),
        ],
    );
    let c = critical_of(&g, "op", 0.01);
    // nfvi: both AMFs down -> both gNBs: (1 + 3) / 4 = 1. g1, g2: themselves only.
    assert_list(&list(&c), &[("nfvi", 1.0, 2)]);
    let a = &c.assets[0];
    assert_eq!(
        (a.supplier.as_str(), a.domain.as_str(), a.operator.as_str()),
        ("v-nfvi", "virtualisation", "op")
    );
    assert_eq!(a.impact_4g, None, "no 4G units");
    close(a.impact_5g.expect("5G units"), 1.0);
    // Every asset of C(o) has its impact; the AMFs and the cells are below or exact.
    let impacts: BTreeMap<AssetIx, Option<f64>> = c.impacts.iter().copied().collect();
    assert_eq!(impacts.len(), 5);
}

/// The same pool with need 2 (both members needed), and a 2-of-3 pool.
#[test]
fn a_pool_that_does_not_protect() {
    let g = one_op(
        &[
            ("amf1", "op", "amf", 1.0),
            ("amf2", "op", "amf", 1.0),
            ("g1", "op", "gnb", 1.0),
            ("g2", "op", "gnb", 3.0),
            ("upf1", "op", "upf", 1.0),
            ("upf2", "op", "upf", 1.0),
            ("upf3", "op", "upf", 1.0),
        ],
        &[
            ("g1", &["amf1", "amf2"], "connects_to", 2),
            ("g2", &["amf1", "amf2"], "connects_to", 2),
            ("g2", &["upf1", "upf2", "upf3"], "connects_to", 2),
        ],
    );
    let c = critical_of(&g, "op", 0.01);
    // Each AMF: both gNBs, 4 / 4. A UPF: two of three stay up, nothing.
    assert_list(&list(&c), &[("amf1", 1.0, 2), ("amf2", 1.0, 2)]);
}

/// A chain: the gNB's backhaul runs over three routers; every router takes the gNB down.
/// A second gNB with its own router shows the impact is a share.
#[test]
fn a_chain() {
    let g = one_op(
        &[
            ("g1", "op", "gnb", 3.0),
            ("g2", "op", "gnb", 1.0),
            ("r1", "op", "router", 1.0),
            ("r2", "op", "router", 1.0),
            ("r3", "op", "router", 1.0),
            ("r9", "op", "router", 1.0),
            ("x", "op", "enb", 0.0),
        ],
        &[
            ("g1", &["r1"], "connects_to", 1),
            ("r1", &["r2"], "connects_to", 1),
            ("r2", &["r3"], "connects_to", 1),
            ("g2", &["r9"], "connects_to", 1),
            ("r9", &["r3"], "connects_to", 1),
            ("x", &["g2"], "anchored_by", 1),
        ],
    );
    let c = critical_of(&g, "op", 0.01);
    // r3: every unit (3 + 1 + 0) / 4 = 1, 3 units. r1, r2: g1 alone, 3/4. g2: g2 and the
    // zero-weight x anchored on it, 1/4 with 2 units. r9: the same as g2 plus r9.
    assert_list(
        &list(&c),
        &[
            ("r3", 1.0, 3),
            ("r1", 0.75, 1),
            ("r2", 0.75, 1),
            ("g2", 0.25, 2),
            ("r9", 0.25, 2),
        ],
    );
    // The threshold filters.
    assert_list(
        &list(&critical_of(&g, "op", 0.5)),
        &[("r3", 1.0, 3), ("r1", 0.75, 1), ("r2", 0.75, 1)],
    );
    assert_eq!(critical_of(&g, "op", 0.5).threshold, 0.5);
}

/// A cycle stays up when nothing in it fails; one failed member takes the cycle and the
/// gNB down.
#[test]
fn a_cycle() {
    let g = one_op(
        &[
            ("a", "op", "server", 1.0),
            ("b", "op", "server", 1.0),
            ("g1", "op", "gnb", 1.0),
            ("g2", "op", "gnb", 1.0),
            ("p", "op", "nfvi", 1.0),
            ("q", "op", "nfvi", 1.0),
        ],
        &[
            ("a", &["b"], "runs_on", 1),
            ("b", &["a"], "runs_on", 1),
            ("g1", &["a"], "connects_to", 1),
            // g2 has two alternatives that depend on each other: one down takes the other.
            ("g2", &["p", "q"], "connects_to", 1),
            ("p", &["q"], "runs_on", 1),
            ("q", &["p"], "runs_on", 1),
        ],
    );
    let c = critical_of(&g, "op", 0.01);
    // a, b: g1, 1/2. p, q: both alternatives down, g2, 1/2. The cells take only themselves.
    assert_list(
        &list(&c),
        &[("a", 0.5, 1), ("b", 0.5, 1), ("p", 0.5, 1), ("q", 0.5, 1)],
    );
}

/// Units of both generations: an eNB anchors a gNB (NSA), and a 4G-only router.
#[test]
fn units_of_both_generations() {
    let g = one_op(
        &[
            ("e1", "op", "enb", 2.0),
            ("e2", "op", "enb", 2.0),
            ("g1", "op", "gnb", 4.0),
            ("r", "op", "router", 1.0),
        ],
        &[
            ("g1", &["e1"], "anchored_by", 1),
            ("e1", &["r"], "connects_to", 1),
            ("e2", &["r"], "connects_to", 1),
        ],
    );
    let c = critical_of(&g, "op", 0.01);
    // Total 8: 4G 4, 5G 4. r: everything. e1: itself and g1, 6/8; 4G 2/4, 5G 4/4.
    assert_list(&list(&c), &[("r", 1.0, 3), ("e1", 0.75, 2)]);
    let e1 = &c.assets[1];
    close(e1.impact_4g.expect("4G"), 0.5);
    close(e1.impact_5g.expect("5G"), 1.0);
    let r = &c.assets[0];
    close(r.impact_4g.expect("4G"), 1.0);
    close(r.impact_5g.expect("5G"), 1.0);
}

/// An operator without units (or whose units weigh nothing) lists nothing.
#[test]
fn an_operator_without_units() {
    let g = support::graph_of(&inventory(
        &[("op", "DE", None), ("zero", "DE", None)],
        &[
            ("amf", "op", "amf", 1.0),
            ("nfvi", "op", "nfvi", 1.0),
            ("z1", "zero", "gnb", 0.0),
            ("z2", "zero", "router", 1.0),
        ],
        &[
            ("amf", &["nfvi"], "runs_on", 1),
            ("z1", &["z2"], "connects_to", 1),
        ],
    ));
    for o in ["op", "zero"] {
        let c = critical_of(&g, o, 0.01);
        assert!(c.assets.is_empty(), "{o}");
        assert_eq!(c.units_weight, 0.0);
    }
}

/// A cell that takes only itself down is not a single point of failure.
#[test]
fn a_lone_cell_is_not_critical() {
    let g = one_op(&[("g1", "op", "gnb", 1.0)], &[]);
    assert!(critical_of(&g, "op", 0.01).assets.is_empty());
}

fn shared_inventory() -> SupplyGraph {
    // DE: a (3000 subscribers) and b (1000); FR: c (no subscribers).
    // core: a's AMF, used by a's and b's gNBs (a shared core in DE) and by c's (across
    // the border). b's gNBs also use b's own router.
    support::graph_of(&inventory(
        &[
            ("a", "DE", Some(3000)),
            ("b", "DE", Some(1000)),
            ("c", "FR", None),
        ],
        &[
            ("a-amf", "a", "amf", 1.0),
            ("a-g1", "a", "gnb", 1.0),
            ("b-g1", "b", "gnb", 1.0),
            ("b-g2", "b", "gnb", 1.0),
            ("b-r", "b", "router", 1.0),
            ("c-g1", "c", "gnb", 1.0),
            ("c-g2", "c", "gnb", 3.0),
        ],
        &[
            ("a-g1", &["a-amf"], "connects_to", 1),
            ("b-g1", &["a-amf"], "connects_to", 1),
            ("b-g1", &["b-r"], "connects_to", 1),
            ("b-g2", &["b-r"], "connects_to", 1),
            ("c-g2", &["a-amf"], "connects_to", 1),
        ],
    ))
}

fn national_of(
    g: &SupplyGraph,
    ops: &[&str],
    weights: &[f64],
    theta: f64,
) -> Vec<(String, f64, usize)> {
    let cx = Context::new(g, &Config::default());
    let all = critical_all(&cx, theta);
    let ixs: Vec<OperatorIx> = ops.iter().map(|o| op_ix(g, o)).collect();
    let figs: Vec<&Critical> = ixs.iter().map(|o| &all[o.index()]).collect();
    national_critical(&ixs, weights, &figs, theta)
        .iter()
        .map(|n| NationalCriticalEntry::new(n, g.inventory()))
        .map(|n| (n.asset, n.impact, n.operators))
        .collect()
}

#[track_caller]
fn assert_national(actual: &[(String, f64, usize)], expected: &[(&str, f64, usize)]) {
    let ids: Vec<&str> = actual.iter().map(|a| a.0.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|a| a.0).collect();
    assert_eq!(ids, want, "national critical assets");
    for (a, e) in actual.iter().zip(expected) {
        close(a.1, e.1);
        assert_eq!(a.2, e.2, "operators of {}", a.0);
    }
}

/// An asset shared by two operators of one country, and by two of different countries.
#[test]
fn shared_assets() {
    let g = shared_inventory();
    // Per operator. a: a-amf takes a-g1, 1/1. b: a-amf takes b-g1, 1/2; b-r both, 2/2.
    // c: a-amf takes c-g2, 3/4.
    assert_list(&list(&critical_of(&g, "a", 0.01)), &[("a-amf", 1.0, 1)]);
    assert_list(
        &list(&critical_of(&g, "b", 0.01)),
        &[("b-r", 1.0, 2), ("a-amf", 0.5, 1)],
    );
    assert_list(&list(&critical_of(&g, "c", 0.01)), &[("a-amf", 0.75, 1)]);
    // DE, weighted 3000 : 1000. a-amf: (3000 * 1 + 1000 * 0.5) / 4000 = 0.875, on 2
    // operators. b-r: 1000 * 1 / 4000 = 0.25, on 1.
    assert_national(
        &national_of(&g, &["a", "b"], &[3000.0, 1000.0], 0.01),
        &[("a-amf", 0.875, 2), ("b-r", 0.25, 1)],
    );
    // FR: c alone. a-amf: 0.75, on 1 operator.
    assert_national(
        &national_of(&g, &["c"], &[1.0], 0.01),
        &[("a-amf", 0.75, 1)],
    );
    // all, weighted equally (c has no subscribers): a-amf (1 + 0.5 + 0.75) / 3 = 0.75 on 3
    // operators; b-r 1/3 on 1.
    assert_national(
        &national_of(&g, &["a", "b", "c"], &[1.0, 1.0, 1.0], 0.01),
        &[("a-amf", 0.75, 3), ("b-r", 1.0 / 3.0, 1)],
    );
    // A threshold above b-r's national impact leaves it out of DE.
    assert_national(
        &national_of(&g, &["a", "b"], &[3000.0, 1000.0], 0.3),
        &[("a-amf", 0.875, 2)],
    );
    // At 0.6, a-amf is below the threshold for b (1/2) and left uncomputed there, but it
    // is critical for a and c, so its impact on b is computed for the national figure:
    // DE (3000 * 1 + 1000 * 0.5) / 4000 = 0.875 on 2; all (1 + 0.5 + 0.75) / 3 = 0.75 on 3.
    assert_list(&list(&critical_of(&g, "b", 0.6)), &[("b-r", 1.0, 2)]);
    assert_national(
        &national_of(&g, &["a", "b"], &[3000.0, 1000.0], 0.6),
        &[("a-amf", 0.875, 2)],
    );
    assert_national(
        &national_of(&g, &["a", "b", "c"], &[1.0, 1.0, 1.0], 0.6),
        &[("a-amf", 0.75, 3)],
    );
    // Operators whose units weigh nothing leave the weighting: with b at weight 0 only a
    // counts.
    assert_national(
        &national_of(&g, &["a", "b"], &[1.0, 0.0], 0.01),
        &[("a-amf", 1.0, 2)],
    );
}

// ---------------------------------------------------------------------------------------
// Properties, against a brute-force reference
// ---------------------------------------------------------------------------------------

const FUNCS: [&str; 7] = ["gnb", "enb", "ru", "router", "amf", "nfvi", "server"];
const WEIGHTS: [f64; 6] = [0.0, 0.5, 1.0, 2.0, 3.0, 7.25];
const KINDS: [&str; 4] = ["runs_on", "anchored_by", "connects_to", "managed_by"];
const SUBS: [Option<u64>; 4] = [None, Some(0), Some(1000), Some(3000)];
const COUNTRIES: [&str; 2] = ["DE", "FR"];
const THETAS: [f64; 4] = [0.0, 0.01, 0.2, 0.5];

/// A random inventory: operators (country, subscribers), assets (operator, function,
/// supplier, weight), links (from, targets, kind, need).
#[derive(Clone, Debug)]
struct Spec {
    ops: Vec<(usize, usize)>,
    assets: Vec<(usize, usize, usize, usize)>,
    links: Vec<(usize, Vec<usize>, usize, usize)>,
}

fn spec_strategy() -> impl Strategy<Value = Spec> {
    (1usize..=3, 1usize..=18).prop_flat_map(|(n_ops, n)| {
        let ops = prop::collection::vec((0..COUNTRIES.len(), 0..SUBS.len()), n_ops);
        let assets =
            prop::collection::vec((0..n_ops, 0..FUNCS.len(), 0..3usize, 0..WEIGHTS.len()), n);
        let link = (
            0..n,
            prop::collection::btree_set(0..n, 1..=3),
            0..KINDS.len(),
            1usize..=3,
        )
            .prop_map(|(from, to, kind, need)| {
                let to: Vec<usize> = to.into_iter().filter(|&t| t != from).collect();
                (!to.is_empty()).then(|| (from, to.clone(), kind, need.min(to.len())))
            });
        let links = prop::collection::vec(link, 0..=30)
            .prop_map(|v| v.into_iter().flatten().collect::<Vec<_>>());
        (ops, assets, links).prop_map(|(ops, assets, links)| Spec { ops, assets, links })
    })
}

impl Spec {
    fn json(&self) -> String {
        let doc = json!({
            "format": "vendorgraph/1",
            "suppliers": (0..3).map(|i| json!({"id": format!("s{i}"), "country": "SE"})).collect::<Vec<_>>(),
            "operators": self.ops.iter().enumerate().map(|(i, &(c, subs))| {
                let mut o = json!({"id": format!("op{i}"), "country": COUNTRIES[c]});
                if let Some(n) = SUBS[subs] { o["subscribers"] = json!(n); }
                o
            }).collect::<Vec<_>>(),
            "assets": self.assets.iter().enumerate().map(|(i, &(o, f, s, w))| json!({
                "id": format!("a{i:02}"), "operator": format!("op{o}"), "function": FUNCS[f],
                "supplier": format!("s{s}"), "weight": WEIGHTS[w],
            })).collect::<Vec<_>>(),
            "links": self.links.iter().map(|(from, to, kind, need)| json!({
                "from": format!("a{from:02}"),
                "to": to.iter().map(|t| format!("a{t:02}")).collect::<Vec<_>>(),
                "kind": KINDS[*kind], "need": need,
            })).collect::<Vec<_>>(),
        });
        doc.to_string()
    }
}

/// The least down set of one failed asset, by plain iteration to a fixpoint.
fn reference_down(g: &SupplyGraph, seed: AssetIx) -> BTreeSet<AssetIx> {
    let inv = g.inventory();
    let mut down = BTreeSet::from([seed]);
    loop {
        let mut changed = false;
        for l in &inv.links {
            if !l.kind.propagates_failure() || down.contains(&l.from) {
                continue;
            }
            let up = inv.targets(l).iter().filter(|t| !down.contains(t)).count();
            if up < l.need as usize {
                down.insert(l.from);
                changed = true;
            }
        }
        if !changed {
            return down;
        }
    }
}

/// Per asset of C(o): (impact, impact_4g, impact_5g, units, holds another unit).
type RefImpacts = BTreeMap<AssetIx, (f64, Option<f64>, Option<f64>, usize, bool)>;

/// The reference figures of one operator: its unit weight and the impact of each asset
/// its units reach (empty when the units weigh nothing).
fn reference_operator(g: &SupplyGraph, o: OperatorIx) -> (f64, RefImpacts) {
    let inv = g.inventory();
    let units: Vec<AssetIx> = g
        .operator_assets(o)
        .iter()
        .copied()
        .filter(|&a| inv.asset(a).radio)
        .collect();
    let gen_weight = |set: &mut dyn Iterator<Item = AssetIx>, gen_: Option<&str>| -> f64 {
        set.filter(|&u| gen_.is_none_or(|x| inv.asset(u).generation.map(|g| g.as_str()) == Some(x)))
            .map(|u| inv.asset(u).weight)
            .sum()
    };
    let total = gen_weight(&mut units.iter().copied(), None);
    let t4 = gen_weight(&mut units.iter().copied(), Some("4g"));
    let t5 = gen_weight(&mut units.iter().copied(), Some("5g"));
    let mut out = RefImpacts::new();
    if total <= 0.0 {
        return (total, out);
    }
    // C(o): everything the units reach along failure-propagating links.
    let mut reach: BTreeSet<AssetIx> = units.iter().copied().collect();
    let mut todo: Vec<AssetIx> = units.clone();
    while let Some(a) = todo.pop() {
        for d in g.dependencies(a) {
            if d.kind.propagates_failure() && reach.insert(d.asset) {
                todo.push(d.asset);
            }
        }
    }
    for &a in &reach {
        let down = reference_down(g, a);
        let hit: Vec<AssetIx> = units.iter().copied().filter(|u| down.contains(u)).collect();
        let ratio = |x: f64, t: f64| (t > 0.0).then(|| x / t);
        out.insert(
            a,
            (
                gen_weight(&mut hit.iter().copied(), None) / total,
                ratio(gen_weight(&mut hit.iter().copied(), Some("4g")), t4),
                ratio(gen_weight(&mut hit.iter().copied(), Some("5g")), t5),
                hit.len(),
                hit.iter().any(|&u| u != a),
            ),
        );
    }
    (total, out)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// Section 5's operator weights.
fn weights(g: &SupplyGraph, ops: &[OperatorIx]) -> Vec<f64> {
    let inv = g.inventory();
    let subs: Vec<Option<u64>> = ops.iter().map(|&o| inv.operator(o).subscribers).collect();
    let by_subs =
        subs.iter().all(Option::is_some) && subs.iter().map(|s| s.unwrap_or(0)).sum::<u64>() > 0;
    subs.iter()
        .map(|s| if by_subs { s.unwrap_or(0) as f64 } else { 1.0 })
        .collect()
}

/// Whether the tool agrees with the reference, for every operator and scope.
fn check_against_reference(g: &SupplyGraph, theta: f64) -> Result<(), TestCaseError> {
    let cx = Context::new(g, &Config::default());
    let all = critical_all(&cx, theta);
    let near = |x: f64| (x - theta).abs() < 1e-9;
    let mut refs = Vec::new();
    for (i, c) in all.iter().enumerate() {
        let o = OperatorIx(i as u32);
        let (total, r) = reference_operator(g, o);
        prop_assert!((c.units_weight - total).abs() < 1e-9);
        // Every asset of C(o) is there; every computed impact is right.
        let impacts: BTreeMap<AssetIx, Option<f64>> = c.impacts.iter().copied().collect();
        prop_assert_eq!(
            impacts.keys().copied().collect::<Vec<_>>(),
            r.keys().copied().collect::<Vec<_>>()
        );
        for (a, v) in &impacts {
            if let Some(v) = v {
                prop_assert!(
                    (v - r[a].0).abs() < 1e-9,
                    "impact of {:?}: {} vs {}",
                    a,
                    v,
                    r[a].0
                );
            } else {
                prop_assert!(r[a].0 < theta + 1e-9, "{:?} left out at {}", a, r[a].0);
            }
        }
        // The list: exactly the critical assets, sorted.
        let critical = |margin: f64| -> BTreeSet<AssetIx> {
            r.iter()
                .filter(|(_, f)| f.0 >= theta + margin && f.4)
                .map(|(a, _)| *a)
                .collect()
        };
        let (strict, loose) = (critical(1e-9), critical(-1e-9));
        let want: BTreeSet<AssetIx> = strict.clone();
        let got: BTreeSet<AssetIx> = c
            .assets
            .iter()
            .filter(|x| !near(x.impact.all))
            .map(|x| x.asset)
            .collect();
        prop_assert_eq!(&got, &want);
        for x in &c.assets {
            let f = r[&x.asset];
            prop_assert!((x.impact.all - f.0).abs() < 1e-9);
            prop_assert!(close_opt(x.impact.g4, f.1) && close_opt(x.impact.g5, f.2));
            prop_assert_eq!(x.units, f.3);
        }
        // Impact descending, then id (an asset index orders as its id).
        for w in c.assets.windows(2) {
            let (a, b) = (w[0].impact.all, w[1].impact.all);
            prop_assert!(a > b - 1e-12 && (a - b > 1e-12 || w[0].asset < w[1].asset));
        }
        refs.push((total, r, strict, loose));
    }
    check_national_against_reference(g, &all, &refs, theta)
}

/// An operator's reference: its units' weight, every asset's impacts, and its critical
/// assets strictly above the threshold and within rounding of it.
type RefOperator = (f64, RefImpacts, BTreeSet<AssetIx>, BTreeSet<AssetIx>);

/// Whether the tool's national critical assets agree with the operators' references, for
/// each country and the scope `all`.
fn check_national_against_reference(
    g: &SupplyGraph,
    all: &[Critical],
    refs: &[RefOperator],
    theta: f64,
) -> Result<(), TestCaseError> {
    let inv = g.inventory();
    let near = |x: f64| (x - theta).abs() < 1e-9;
    // National: each country and all.
    let mut scopes: Vec<Vec<OperatorIx>> = g.operators_by_country().into_values().collect();
    scopes.push((0..inv.operators.len() as u32).map(OperatorIx).collect());
    for ops in scopes {
        let w = weights(g, &ops);
        let figs: Vec<&Critical> = ops.iter().map(|o| &all[o.index()]).collect();
        let got = national_critical(&ops, &w, &figs, theta);
        let defined: Vec<usize> = (0..ops.len())
            .filter(|&i| refs[ops[i].index()].0 > 0.0)
            .collect();
        let wsum: f64 = defined.iter().map(|&i| w[i]).sum();
        // The national list from the critical assets of the scope's operators (strictly
        // above the threshold, or within rounding of it).
        let national = |loose: bool| -> BTreeMap<AssetIx, (f64, usize)> {
            let mut out = BTreeMap::new();
            if wsum <= 0.0 {
                return out;
            }
            let cands: BTreeSet<AssetIx> = defined
                .iter()
                .flat_map(|&i| {
                    let f = &refs[ops[i].index()];
                    if loose { f.3.clone() } else { f.2.clone() }
                })
                .collect();
            for a in cands {
                let (mut sum, mut n) = (0.0, 0);
                for &i in &defined {
                    let v = refs[ops[i].index()].1.get(&a).map_or(0.0, |f| f.0);
                    sum += w[i] * v;
                    n += usize::from(v > 0.0);
                }
                if sum / wsum >= theta - 1e-9 {
                    out.insert(a, (sum / wsum, n));
                }
            }
            out
        };
        let (want, allowed) = (national(false), national(true));
        let got_map: BTreeMap<AssetIx, (f64, usize)> = got
            .iter()
            .map(|x| (x.asset, (x.impact, x.operators)))
            .collect();
        for (a, (v, n)) in &want {
            if near(*v) {
                continue;
            }
            let Some((gv, gn)) = got_map.get(a) else {
                return Err(TestCaseError::fail(format!("national: {a:?} missing")));
            };
            prop_assert!((gv - v).abs() < 1e-9 && gn == n);
        }
        for (a, (v, _)) in &got_map {
            prop_assert!(
                allowed.contains_key(a) || near(*v),
                "national: {:?} extra",
                a
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every figure agrees with the brute-force reference, at several thresholds.
    #[test]
    fn agrees_with_reference(spec in spec_strategy(), t in 0..THETAS.len()) {
        let g = support::graph_of(&spec.json());
        check_against_reference(&g, THETAS[t])?;
    }

    /// An asset's impact is never above the outage of its supplier.
    #[test]
    fn impact_at_most_supplier_outage(spec in spec_strategy()) {
        let g = support::graph_of(&spec.json());
        let r = support::scan(&g);
        let cx = Context::new(&g, &Config::default());
        for (i, c) in critical_all(&cx, 0.0).iter().enumerate() {
            let outage = &r.operators[i].outage;
            for a in &CriticalEntry::new(c, g.inventory()).assets {
                let s = outage.suppliers.iter().find(|s| s.supplier == a.supplier).expect("relevant");
                prop_assert!(a.impact <= s.outage + 1e-9, "{} {} > {}", a.asset, a.impact, s.outage);
            }
        }
    }

    /// Adding an alternative to a list never raises an impact.
    #[test]
    fn an_alternative_never_raises_an_impact(spec in spec_strategy(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!spec.links.is_empty());
        let before = support::graph_of(&spec.json());
        let mut more = spec.clone();
        let extra = more.assets.len();
        more.assets.push((0, 3, 0, 2));
        let i = pick.index(more.links.len());
        more.links[i].1.push(extra);
        let after = support::graph_of(&more.json());
        let impacts = |g: &SupplyGraph| -> Vec<BTreeMap<String, f64>> {
            let cx = Context::new(g, &Config::default());
            critical_all(&cx, 0.0).iter().map(|c| c.impacts.iter().map(|(a, v)| {
                (g.inventory().asset(*a).id.to_string(), v.expect("theta 0 computes all"))
            }).collect()).collect()
        };
        for (b, a) in impacts(&before).iter().zip(impacts(&after)) {
            for (id, v) in b {
                let w = a.get(id).copied().unwrap_or(0.0);
                prop_assert!(w <= v + 1e-9, "{}: {} -> {}", id, v, w);
            }
        }
    }
}

/// The module is exported as the analysis crate's API.
#[test]
fn exported() {
    assert_eq!(analysis::DEFAULT_CRITICAL_MIN_IMPACT, 0.01);
}
