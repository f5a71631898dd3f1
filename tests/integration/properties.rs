//! Tests: properties.
//!
//! Random valid inventories (1-3 operators, 1-5 suppliers with group chains and high-risk
//! marks, 1-30 assets of varied functions, links of every kind with alternatives and k-of-n)
//! and the invariants of `analyses.md` that hold for all of them. Down sets and exposure
//! are also checked against small reference implementations written here from the spec.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use proptest::prelude::*;
use serde_json::{Value, json};

use vendorgraph::analysis::{self, Config, down_set};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::model::{AssetIx, SupplierIx};
use vendorgraph::report::model::OperatorEntry;
use vendorgraph::vocab::LinkKind;

use crate::support;

// The properties of lock-in, exposure, national figures and scopes, in their own file.
mod structure;

// ---------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------

const COUNTRIES: [&str; 3] = ["DE", "FR", "CH"];
const SUBSCRIBERS: [Option<u64>; 4] = [None, Some(0), Some(1000), Some(5000)];
const RISKS: [Option<&str>; 5] = [
    None,
    Some("high"),
    Some("medium"),
    Some("low"),
    Some("unassessed"),
];
/// (function, domain given in the row)
const FUNCTIONS: [(&str, Option<&str>); 14] = [
    ("gnb", None),
    ("enb", None),
    ("ru", None),
    ("GNB", None),
    ("amf", None),
    ("smf", None),
    ("ems", None),
    ("oss", None),
    ("nfvi", None),
    ("server", None),
    ("router", None),
    ("managed-service", None),
    ("gnb-du", None),
    ("widget", Some("lab")),
];
const WEIGHTS: [f64; 7] = [0.0, 0.5, 1.0, 2.0, 3.0, 7.25, 0.1];
const GENERATIONS: [Option<&str>; 3] = [None, Some("4g"), Some("5g")];
const LOCATIONS: [Option<&str>; 5] = [None, Some("DE"), Some("IN"), Some("US"), Some("NO")];
const KINDS: [&str; 5] = [
    "runs_on",
    "anchored_by",
    "connects_to",
    "managed_by",
    "operated_by",
];
const OPEN: [Option<bool>; 3] = [None, Some(true), Some(false)];

#[derive(Clone, Debug)]
struct GenAsset {
    op: usize,
    function: usize,
    supplier: usize,
    weight: usize,
    sensitive: bool,
    generation: usize,
    location: usize,
}

#[derive(Clone, Debug)]
struct GenLink {
    from: usize,
    to: Vec<usize>,
    kind: usize,
    need: usize,
    open: usize,
}

#[derive(Clone, Debug)]
struct GenInventory {
    /// (country, subscribers)
    ops: Vec<(usize, usize)>,
    /// (risk, group: an index below the supplier's own, so chains are acyclic)
    sups: Vec<(usize, Option<usize>)>,
    assets: Vec<GenAsset>,
    links: Vec<GenLink>,
    /// Drives the shuffles.
    seed: u64,
}

fn inventory_strategy() -> impl Strategy<Value = GenInventory> {
    (1usize..=3, 1usize..=5, 1usize..=30).prop_flat_map(|(n_ops, n_sups, n_assets)| {
        let ops = prop::collection::vec((0..COUNTRIES.len(), 0..SUBSCRIBERS.len()), n_ops);
        let sups = prop::collection::vec(
            (0..RISKS.len(), any::<prop::sample::Index>(), any::<bool>()),
            n_sups,
        )
        .prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (risk, g, has_group))| (risk, (has_group && i > 0).then(|| g.index(i))))
                .collect::<Vec<_>>()
        });
        let asset = (
            0..n_ops,
            0..FUNCTIONS.len(),
            0..n_sups,
            0..WEIGHTS.len(),
            prop::bool::weighted(0.2),
            0..GENERATIONS.len(),
            0..LOCATIONS.len(),
        )
            .prop_map(
                |(op, function, supplier, weight, sensitive, generation, location)| GenAsset {
                    op,
                    function,
                    supplier,
                    weight,
                    sensitive,
                    generation,
                    location,
                },
            );
        let assets = prop::collection::vec(asset, n_assets);
        let link = (
            0..n_assets,
            prop::collection::vec(0..n_assets, 1..=3),
            0..KINDS.len(),
            1usize..=3,
            0..OPEN.len(),
        )
            // A link whose only targets are its own from is dropped (no self links).
            .prop_map(|(from, to, kind, need, open)| {
                let mut seen = BTreeSet::new();
                let to: Vec<usize> = to
                    .into_iter()
                    .filter(|&t| t != from && seen.insert(t))
                    .collect();
                (!to.is_empty()).then(|| GenLink {
                    from,
                    need: need.min(to.len()),
                    to,
                    kind,
                    open,
                })
            });
        let links = prop::collection::vec(link, 0..=40)
            .prop_map(|v| v.into_iter().flatten().collect::<Vec<GenLink>>());
        (ops, sups, assets, links, any::<u64>()).prop_map(|(ops, sups, assets, links, seed)| {
            GenInventory {
                ops,
                sups,
                assets,
                links,
                seed,
            }
        })
    })
}

/// splitmix64: a small deterministic generator for the shuffles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

impl GenInventory {
    /// The rows of the four tables as JSON values, in generation order.
    fn rows(&self) -> [Vec<Value>; 4] {
        let sups = self
            .sups
            .iter()
            .enumerate()
            .map(|(i, (risk, group))| {
                let mut s = json!({"id": format!("s{i}"), "country": "SE"});
                if let Some(r) = RISKS[*risk] {
                    s["risk"] = json!(r);
                }
                if let Some(g) = group {
                    s["group"] = json!(format!("s{g}"));
                }
                s
            })
            .collect();
        let ops = self
            .ops
            .iter()
            .enumerate()
            .map(|(i, (c, subs))| {
                let mut o = json!({"id": format!("op{i}"), "country": COUNTRIES[*c]});
                if let Some(n) = SUBSCRIBERS[*subs] {
                    o["subscribers"] = json!(n);
                }
                o
            })
            .collect();
        let assets = self
            .assets
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let (function, domain) = FUNCTIONS[a.function];
                let mut v = json!({
                    "id": format!("a{i:02}"),
                    "operator": format!("op{}", a.op),
                    "function": function,
                    "supplier": format!("s{}", a.supplier),
                    "weight": WEIGHTS[a.weight],
                });
                if let Some(d) = domain {
                    v["domain"] = json!(d);
                }
                if a.sensitive {
                    v["sensitive"] = json!(true);
                }
                if let Some(g) = GENERATIONS[a.generation] {
                    v["generation"] = json!(g);
                }
                if let Some(l) = LOCATIONS[a.location] {
                    v["location"] = json!(l);
                }
                v
            })
            .collect();
        let links = self
            .links
            .iter()
            .map(|l| {
                let to: Vec<String> = l.to.iter().map(|t| format!("a{t:02}")).collect();
                let mut v = json!({
                    "from": format!("a{:02}", l.from),
                    "to": to,
                    "kind": KINDS[l.kind],
                });
                if l.need > 1 {
                    v["need"] = json!(l.need);
                }
                if let Some(o) = OPEN[l.open] {
                    v["open"] = json!(o);
                }
                v
            })
            .collect();
        [sups, ops, assets, links]
    }

    fn document(rows: [Vec<Value>; 4]) -> String {
        let [suppliers, operators, assets, links] = rows;
        json!({
            "format": "vendorgraph/1",
            "suppliers": suppliers,
            "operators": operators,
            "assets": assets,
            "links": links,
        })
        .to_string()
    }

    fn json(&self) -> String {
        Self::document(self.rows())
    }

    /// The same inventory with every table's rows, and every link's targets, shuffled.
    fn shuffled_json(&self) -> String {
        let mut rng = Rng(self.seed);
        let mut rows = self.rows();
        for table in &mut rows {
            rng.shuffle(table);
        }
        for link in &mut rows[3] {
            if let Some(Value::Array(to)) = link.get_mut("to") {
                rng.shuffle(to);
            }
        }
        Self::document(rows)
    }
}

/// The figures, named, as text: `Debug` prints every field, each f64 exactly.
fn figures_json(r: &support::Named) -> String {
    format!("{:?}", (&r.operators, &r.countries))
}

/// Any value as text, through `Debug` (the analyses' results have no serde).
fn text<T: std::fmt::Debug + ?Sized>(x: &T) -> String {
    format!("{x:?}")
}

// ---------------------------------------------------------------------------------------
// Reference computations, from the spec
// ---------------------------------------------------------------------------------------

/// The least down set of `failed`, by plain iteration to a fixpoint.
pub(crate) fn reference_down(g: &SupplyGraph, failed: &BTreeSet<SupplierIx>) -> BTreeSet<usize> {
    let inv = g.inventory();
    let mut down: BTreeSet<usize> = inv
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| failed.contains(&a.supplier))
        .map(|(i, _)| i)
        .collect();
    loop {
        let mut changed = false;
        for l in &inv.links {
            if !l.kind.propagates_failure() || down.contains(&l.from.index()) {
                continue;
            }
            let up = inv
                .targets(l)
                .iter()
                .filter(|t| !down.contains(&t.index()))
                .count();
            if up < l.need as usize {
                down.insert(l.from.index());
                changed = true;
            }
        }
        if !changed {
            return down;
        }
    }
}

fn tool_down(g: &SupplyGraph, failed: &BTreeSet<SupplierIx>) -> BTreeSet<usize> {
    let failed: Vec<SupplierIx> = failed.iter().copied().collect();
    let d = down_set(g, &failed);
    (0..g.asset_count())
        .filter(|&i| d.contains(AssetIx(i as u32)))
        .collect()
}

/// Whether a supplier is high-risk under the default config (own mark or group chain).
fn high_risk(g: &SupplyGraph, s: SupplierIx) -> bool {
    g.inventory().chain_is_high_risk(s)
}

/// Control-edge distance from `a` to the nearest asset with a high-risk supplier.
fn control_distance(g: &SupplyGraph, a: AssetIx) -> Option<usize> {
    let inv = g.inventory();
    let mut dist = vec![usize::MAX; g.asset_count()];
    let mut queue = VecDeque::from([a]);
    dist[a.index()] = 0;
    while let Some(v) = queue.pop_front() {
        if high_risk(g, inv.asset(v).supplier) {
            return Some(dist[v.index()]);
        }
        for d in g.dependencies(v) {
            if d.kind.propagates_control() && dist[d.asset.index()] == usize::MAX {
                dist[d.asset.index()] = dist[v.index()] + 1;
                queue.push_back(d.asset);
            }
        }
    }
    None
}

fn close_to(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn in_unit(x: f64) -> bool {
    (-1e-12..=1.0 + 1e-12).contains(&x)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn concentration_invariants(spec in inventory_strategy()) {
        let g = support::graph_of(&spec.json());
        let inv = g.inventory();
        let r = support::scan(&g);
        for o in &r.operators {
            let oix = inv.operator_ix(&o.id).unwrap();
            // W(o,d) per supplier, by hand from the inventory.
            let mut cells: BTreeMap<&str, BTreeMap<&str, f64>> = BTreeMap::new();
            for &a in g.operator_assets(oix) {
                let asset = inv.asset(a);
                *cells
                    .entry(inv.domain_name(asset.domain))
                    .or_default()
                    .entry(&inv.supplier(asset.supplier).id)
                    .or_default() += asset.weight;
            }
            cells.retain(|_, m| m.values().sum::<f64>() > 0.0);
            let names: Vec<&str> = o.domains.iter().map(|d| d.domain.as_str()).collect();
            let want: Vec<&str> = cells.keys().copied().collect();
            prop_assert_eq!(names, want, "domains with positive weight, by name");
            for d in &o.domains {
                let cell = &cells[d.domain.as_str()];
                let total: f64 = cell.values().sum();
                prop_assert!(close_to(d.weight, total));
                let listed: BTreeSet<&str> = d.suppliers.iter().map(|s| s.supplier.as_str()).collect();
                prop_assert_eq!(listed, cell.keys().copied().collect::<BTreeSet<_>>());
                let sum: f64 = d.suppliers.iter().map(|s| s.share).sum();
                prop_assert!(close_to(sum, 1.0), "shares of {} {} sum to {}", o.id, d.domain, sum);
                let gsum: f64 = d.groups.iter().map(|s| s.share).sum();
                prop_assert!(close_to(gsum, 1.0), "group shares sum to {}", gsum);
                for s in &d.suppliers {
                    prop_assert!(close_to(s.share, cell[s.supplier.as_str()] / total));
                }
                prop_assert!(d.hhi >= 0.0 && d.hhi <= 10000.0 + 1e-6, "hhi {}", d.hhi);
                let hhi: f64 = d.suppliers.iter().map(|s| (100.0 * s.share).powi(2)).sum();
                prop_assert!((d.hhi - hhi).abs() < 1e-6);
                prop_assert!(d.equivalent_suppliers >= 1.0 - 1e-9);
                prop_assert!((d.equivalent_suppliers - 10000.0 / d.hhi).abs() < 1e-9);
                // group shares by root, by reference
                let mut by_root: BTreeMap<&str, f64> = BTreeMap::new();
                for (sid, w) in cell {
                    let root = inv.group_root(inv.supplier_ix(sid).unwrap());
                    *by_root.entry(&inv.supplier(root).id).or_default() += w / total;
                }
                let listed: BTreeSet<&str> = d.groups.iter().map(|x| x.group.as_str()).collect();
                prop_assert_eq!(listed, by_root.keys().copied().collect::<BTreeSet<_>>());
                for x in &d.groups {
                    prop_assert!(close_to(x.share, by_root[x.group.as_str()]));
                }
                let hr: f64 = cell
                    .iter()
                    .filter(|(sid, _)| high_risk(&g, inv.supplier_ix(sid).unwrap()))
                    .map(|(_, w)| w / total)
                    .sum();
                prop_assert!(close_to(d.high_risk_share, hr));
                let band = if d.hhi < 1000.0 { "low" } else if d.hhi <= 2000.0 { "moderate" } else { "high" };
                prop_assert_eq!(d.band.as_str(), band);
                prop_assert!(in_unit(d.high_risk_share));
                // top: the largest share, ties to the smallest id; the list is sorted.
                prop_assert_eq!(&d.top.supplier, &d.suppliers[0].supplier);
                for w in d.suppliers.windows(2) {
                    prop_assert!(
                        w[0].share > w[1].share || (w[0].share == w[1].share && w[0].supplier < w[1].supplier),
                        "suppliers not sorted: {:?}", d.suppliers
                    );
                }
            }
        }
    }

    #[test]
    fn outage_invariants(spec in inventory_strategy()) {
        let g = support::graph_of(&spec.json());
        let inv = g.inventory();
        let r = support::scan(&g);
        for o in &r.operators {
            let oix = inv.operator_ix(&o.id).unwrap();
            let units: Vec<AssetIx> = g
                .operator_assets(oix)
                .iter()
                .copied()
                .filter(|&a| inv.asset(a).radio)
                .collect();
            let total: f64 = units.iter().map(|&a| inv.asset(a).weight).sum();
            prop_assert!(close_to(o.outage.units_weight, total));
            if total <= 0.0 {
                prop_assert!(o.outage.suppliers.is_empty());
                prop_assert!(o.outage.worst_single.is_none());
                prop_assert!(o.outage.worst_pair.is_none());
                continue;
            }
            // R(o): suppliers of what the units reach along failure-propagating links.
            let mut seen: BTreeSet<AssetIx> = units.iter().copied().collect();
            let mut stack: Vec<AssetIx> = units.clone();
            while let Some(v) = stack.pop() {
                for d in g.dependencies(v) {
                    if d.kind.propagates_failure() && seen.insert(d.asset) {
                        stack.push(d.asset);
                    }
                }
            }
            let relevant: BTreeSet<&str> = seen
                .iter()
                .map(|&a| &*inv.supplier(inv.asset(a).supplier).id)
                .collect();
            let listed: BTreeSet<&str> = o.outage.suppliers.iter().map(|s| s.supplier.as_str()).collect();
            prop_assert_eq!(&listed, &relevant);
            // outage(o, S) from the reference down set
            let outage = |failed: &[&str]| -> f64 {
                let set: BTreeSet<SupplierIx> =
                    failed.iter().map(|s| inv.supplier_ix(s).unwrap()).collect();
                let down = reference_down(&g, &set);
                let w: f64 = units
                    .iter()
                    .filter(|a| down.contains(&a.index()))
                    .map(|&a| inv.asset(a).weight)
                    .sum();
                w / total
            };
            for s in &o.outage.suppliers {
                prop_assert!(in_unit(s.outage), "outage {}", s.outage);
                prop_assert!(close_to(s.outage, outage(&[&s.supplier])), "outage of {} for {}", s.supplier, o.id);
                for x in [s.outage_4g, s.outage_5g].into_iter().flatten() {
                    prop_assert!(in_unit(x));
                }
            }
            let single = o.outage.worst_single.as_ref().expect("units weigh something");
            prop_assert_eq!(&single.supplier, &o.outage.suppliers[0].supplier);
            for s in &o.outage.suppliers {
                prop_assert!(single.outage >= s.outage);
            }
            let ids: Vec<&str> = relevant.iter().copied().collect();
            match &o.outage.worst_pair {
                None => prop_assert!(ids.len() < 2),
                Some(p) => {
                    prop_assert!(ids.len() >= 2);
                    prop_assert!(p.suppliers[0] < p.suppliers[1], "pair in id order");
                    prop_assert!(in_unit(p.outage));
                    // monotone: the pair takes down at least what each member does
                    for m in &p.suppliers {
                        let alone = o.outage.suppliers.iter().find(|s| &s.supplier == m).unwrap();
                        prop_assert!(p.outage >= alone.outage - 1e-12);
                    }
                    prop_assert!(close_to(p.outage, outage(&[&p.suppliers[0], &p.suppliers[1]])));
                    // the largest of all pairs
                    for (i, a) in ids.iter().enumerate() {
                        for b in &ids[i + 1..] {
                            prop_assert!(outage(&[a, b]) <= p.outage + 1e-9, "pair ({}, {}) beats the worst pair", a, b);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn down_sets_are_least_and_monotone(spec in inventory_strategy(), mask in any::<u8>()) {
        let g = support::graph_of(&spec.json());
        let n = g.inventory().suppliers.len();
        let failed: BTreeSet<SupplierIx> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| SupplierIx(i as u32))
            .collect();
        let d = tool_down(&g, &failed);
        prop_assert_eq!(&d, &reference_down(&g, &failed), "down set of {:?}", failed);
        for t in 0..n {
            let mut more = failed.clone();
            more.insert(SupplierIx(t as u32));
            let d2 = tool_down(&g, &more);
            prop_assert!(d.is_subset(&d2), "D(S) is not inside D(S + s{})", t);
        }
        // The same through a Subgraph reachable from every asset.
        let all: Vec<AssetIx> = (0..g.asset_count() as u32).map(AssetIx).collect();
        let sub = analysis::Subgraph::reachable(&g, &all);
        let mut scratch = analysis::FailureScratch::default();
        let failed_v: Vec<SupplierIx> = failed.iter().copied().collect();
        sub.fail(&failed_v, &mut scratch);
        for &a in &all {
            let l = sub.local(a).unwrap();
            prop_assert_eq!(scratch.is_down(l), d.contains(&a.index()));
        }
    }
}

/// A lock-in group by reference: its first asset's id, its size, weight and operators.
type WantGroup = (String, usize, f64, BTreeSet<String>);

/// Lock-in groups by reference (connected components of the closed pairs): each asset's
/// group (`usize::MAX` for none), and the groups by id.
fn reference_lockin(g: &SupplyGraph) -> (Vec<usize>, Vec<WantGroup>) {
    let inv = g.inventory();
    // Lock-in groups by reference: connected components of the closed pairs.
    let n = g.asset_count();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for l in inv.links.iter().filter(|l| !l.open) {
        for t in inv.targets(l).iter() {
            adj[l.from.index()].push(t.index());
            adj[t.index()].push(l.from.index());
        }
    }
    let mut comp = vec![usize::MAX; n];
    // (id, assets, weight, operators) of each group, by id
    let mut want_groups: Vec<WantGroup> = Vec::new();
    for start in 0..n {
        if comp[start] != usize::MAX || adj[start].is_empty() {
            continue;
        }
        let gi = want_groups.len();
        let mut members = vec![start];
        comp[start] = gi;
        let mut i = 0;
        while i < members.len() {
            for &m in &adj[members[i]] {
                if comp[m] == usize::MAX {
                    comp[m] = gi;
                    members.push(m);
                }
            }
            i += 1;
        }
        // assets are sorted by id, so the smallest index is the smallest id
        let first = *members.iter().min().unwrap();
        let weight: f64 = members.iter().map(|&m| inv.assets[m].weight).sum();
        let ops: BTreeSet<String> = members
            .iter()
            .map(|&m| inv.operator(inv.assets[m].operator).id.to_string())
            .collect();
        want_groups.push((inv.assets[first].id.to_string(), members.len(), weight, ops));
    }
    (comp, want_groups)
}
