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
    let loaded = vendorgraph::load::load(&[dir]);
    eprintln!("load      {:?}", t.elapsed());
    let inv = loaded.inventory;
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
