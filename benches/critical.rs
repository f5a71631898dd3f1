//! Benchmarks of the critical-asset analysis (`analyses.md` section 8, issue 15).
//!
//! Two groups: `critical_generated`, every operator of generated networks (2 countries × 2
//! operators × 100 and 1000 sites per operator), and `critical_shapes`, the shapes that make
//! asset-by-asset down sets quadratic, at growing lengths: a chain of routers behind one
//! cell, a daisy chain (a cell on every hop), a pool of alternatives as wide as the input,
//! and a ladder (two rails, every hop needs both hops of the next rung), the one shape
//! that stays n²/64. Inputs are built outside the timed closures.
//!
//! `cargo bench --bench critical`; figures in `docs/BENCHMARKS.md` ("Critical assets").

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

use vendorgraph::analysis::{Config, Context, critical_all};
use vendorgraph::generate::{self, Params};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::load;

const THETA: f64 = 0.01;

fn load_dir(path: &std::path::Path) -> SupplyGraph {
    let loaded = load(&[path.to_path_buf()]);
    SupplyGraph::new(loaded.inventory.expect("valid bench input"))
}

fn generated(sites: usize) -> SupplyGraph {
    let params = Params {
        countries: 2,
        operators: 2,
        sites,
        seed: 1,
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("inventory");
    generate::generate(&params, &path, false, &|_| {}).expect("generate");
    load_dir(&path)
}

/// One operator's inventory from (id, function) assets and (from, targets, need) links.
fn shape(assets: Vec<(String, &str)>, links: Vec<(String, Vec<String>, usize)>) -> SupplyGraph {
    let assets: Vec<Value> = assets
        .into_iter()
        .map(|(id, f)| json!({"id": id, "operator": "op", "function": f, "supplier": "s"}))
        .collect();
    let links: Vec<Value> = links
        .into_iter()
        .map(
            |(from, to, need)| json!({"from": from, "to": to, "kind": "connects_to", "need": need}),
        )
        .collect();
    let doc = json!({
        "format": "vendorgraph/1",
        "suppliers": [{"id": "s", "country": "SE"}],
        "operators": [{"id": "op", "country": "DE"}],
        "assets": assets,
        "links": links,
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shape.json");
    std::fs::write(&path, doc.to_string()).expect("write");
    load_dir(&path)
}

fn id(p: &str, i: usize) -> String {
    format!("{p}{i:07}")
}

/// The shapes by name, at length `n`.
fn shapes(n: usize) -> Vec<(&'static str, SupplyGraph)> {
    let daisy_chain = {
        let mut assets = Vec::new();
        let mut links = Vec::new();
        for i in 0..n {
            assets.push((id("g", i), "gnb"));
            assets.push((id("r", i), "router"));
            links.push((id("g", i), vec![id("r", i)], 1));
            if i + 1 < n {
                links.push((id("r", i), vec![id("r", i + 1)], 1));
            }
        }
        shape(assets, links)
    };
    // Two rails; a cell on rail a at every hop; every hop needs both hops of the next rung.
    let ladder = {
        let mut assets = Vec::new();
        let mut links = Vec::new();
        for i in 0..n / 2 {
            assets.push((id("g", i), "gnb"));
            assets.push((id("a", i), "router"));
            assets.push((id("b", i), "router"));
            links.push((id("g", i), vec![id("a", i)], 1));
            if i + 1 < n / 2 {
                for rail in ["a", "b"] {
                    links.push((id(rail, i), vec![id("a", i + 1), id("b", i + 1)], 2));
                }
            }
        }
        shape(assets, links)
    };
    let chain = {
        let mut assets = vec![(id("g", 0), "gnb")];
        let mut links = vec![(id("g", 0), vec![id("r", 0)], 1)];
        for i in 0..n {
            assets.push((id("r", i), "router"));
            if i + 1 < n {
                links.push((id("r", i), vec![id("r", i + 1)], 1));
            }
        }
        shape(assets, links)
    };
    let pool = {
        let members: Vec<String> = (0..n).map(|i| id("p", i)).collect();
        let mut assets = vec![(id("g", 0), "gnb"), (id("g", 1), "gnb")];
        assets.extend(members.iter().map(|m| (m.clone(), "amf")));
        let links = vec![(id("g", 0), members.clone(), 1), (id("g", 1), members, n)];
        shape(assets, links)
    };
    vec![
        ("chain", chain),
        ("daisy_chain", daisy_chain),
        ("wide_pool", pool),
        ("ladder", ladder),
    ]
}

fn bench(c: &mut Criterion) {
    let config = Config::default();

    let mut group = c.benchmark_group("critical_generated");
    group.sample_size(10);
    for sites in [100, 1000] {
        let g = generated(sites);
        let cx = Context::new(&g, &config);
        group.bench_with_input(BenchmarkId::from_parameter(sites * 4), &cx, |b, cx| {
            b.iter(|| black_box(critical_all(cx, THETA)));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("critical_shapes");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    for n in [1_000, 10_000, 100_000] {
        for (name, g) in shapes(n) {
            // The ladder is n²/64: the largest size would take minutes.
            if name == "ladder" && n > 10_000 {
                continue;
            }
            let cx = Context::new(&g, &config);
            group.bench_with_input(BenchmarkId::new(name, n), &cx, |b, cx| {
                b.iter(|| black_box(critical_all(cx, THETA)));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
