//! Times each stage of a scan on an inventory directory, for profiling:
//! `cargo run --release --example stages -- DIR` (see docs/BENCHMARKS.md).
#![expect(
    clippy::disallowed_macros,
    reason = "a measuring program prints its results"
)]
use std::time::Instant;
fn main() {
    let dir: std::path::PathBuf = std::env::args().nth(1).expect("DIR").into();
    let t = Instant::now();
    let (sources, _) = vendorgraph::inventory::read_inputs(&[dir]);
    eprintln!("read      {:?}", t.elapsed());
    let t = Instant::now();
    let mut diags = Vec::new();
    let parsed: Vec<_> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| vendorgraph::inventory::parse_source(i, s, &mut diags))
        .collect();
    eprintln!("parse     {:?}", t.elapsed());
    let t = Instant::now();
    let (inv, _) = vendorgraph::validate::validate(&sources, &parsed);
    eprintln!("validate  {:?}", t.elapsed());
    let t = Instant::now();
    drop(parsed);
    drop(sources);
    eprintln!("drop      {:?}", t.elapsed());
    let t = Instant::now();
    let g = vendorgraph::graph::SupplyGraph::new(inv.unwrap());
    eprintln!("graph     {:?}", t.elapsed());
    let p = vendorgraph::policy::Policy::default();
    let t = Instant::now();
    let cx = vendorgraph::analysis::Context::new(&g, &p.config);
    let r = vendorgraph::analysis::scan_in(&cx);
    eprintln!("scan      {:?}", t.elapsed());
    let t = Instant::now();
    let e = vendorgraph::policy::evaluate(&p, &cx, &r, vendorgraph::policy::Date::today());
    eprintln!("evaluate  {:?}", t.elapsed());
    let a = vendorgraph::assess::Assessment {
        cx,
        scan: r,
        eval: e,
        warnings: Vec::new(),
        policy_origin: None,
    };
    let t = Instant::now();
    let s = vendorgraph::report::to_json(&vendorgraph::report::ScanReport::new(&a)).unwrap();
    eprintln!("json      {:?} ({} bytes)", t.elapsed(), s.len());
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
