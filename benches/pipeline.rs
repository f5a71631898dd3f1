//! Benchmarks per pipeline stage, at three sizes made by the seeded generator.
//!
//! Inputs are generated into a temporary directory, loaded and analysed up to the stage
//! under test outside the timed closures. A size is the total number of radio sites:
//! 2 countries × 2 operators × 100, 1000 and 5000 sites per operator.
//!
//! `cargo bench --bench pipeline`; CI runs `cargo bench --no-run` so that this keeps
//! compiling. The end-to-end EU-scale figures are in `docs/BENCHMARKS.md`
//! (`scripts/bench-eu.sh`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

use vendorgraph::analysis::{
    self, Config, Context, ExposurePaths, LockinGroups, concentration, exposure, failure, national,
};
use vendorgraph::generate::{self, Params};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::load;
use vendorgraph::model::OperatorIx;

/// Sites per operator of the three sizes.
const SITES: [usize; 3] = [100, 1000, 5000];

/// One generated workload, kept on disk while the benches run.
struct Workload {
    _dir: tempfile::TempDir,
    path: PathBuf,
    sites: u64,
    graph: SupplyGraph,
}

fn workloads() -> Vec<Workload> {
    SITES
        .iter()
        .map(|&sites| {
            let params = Params {
                countries: 2,
                operators: 2,
                sites,
                seed: 1,
            };
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("inventory");
            generate::generate(&params, &path, false, &|_| {}).expect("generate");
            let loaded = load(std::slice::from_ref(&path));
            let graph = SupplyGraph::new(loaded.inventory.expect("generated data is valid"));
            Workload {
                _dir: dir,
                path,
                sites: params.site_count(),
                graph,
            }
        })
        .collect()
}

fn operators(graph: &SupplyGraph) -> impl Iterator<Item = OperatorIx> {
    (0..graph.inventory().operators.len() as u32).map(OperatorIx)
}

fn bench(c: &mut Criterion) {
    let work = workloads();
    let config = Config::default();
    load_and_build(c, &work);
    per_operator(c, &work, &config);
    national_figures(c, &work, &config);
    whole_scan(c, &work, &config);
    generation(c);
}

/// Loading the files, and building the graph of a loaded inventory.
fn load_and_build(c: &mut Criterion, work: &[Workload]) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for w in work {
        group.bench_with_input(BenchmarkId::from_parameter(w.sites), w, |b, w| {
            b.iter(|| black_box(load(std::slice::from_ref(&w.path))));
        });
    }
    group.finish();

    let mut group = c.benchmark_group("build_graph");
    group.sample_size(10);
    for w in work {
        group.bench_with_input(BenchmarkId::from_parameter(w.sites), w, |b, w| {
            b.iter_batched(
                || w.graph.inventory().clone(),
                |inv| black_box(SupplyGraph::new(inv)),
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

/// The analyses that run per operator, each over every operator.
fn per_operator(c: &mut Criterion, work: &[Workload], config: &Config) {
    let mut group = c.benchmark_group("concentration");
    for w in work {
        let cx = Context::new(&w.graph, config);
        group.bench_with_input(BenchmarkId::from_parameter(w.sites), &cx, |b, cx| {
            b.iter(|| {
                for o in operators(&w.graph) {
                    black_box(concentration(cx, o));
                }
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("failure");
    group.sample_size(10);
    for w in work {
        let cx = Context::new(&w.graph, config);
        group.bench_with_input(BenchmarkId::from_parameter(w.sites), &cx, |b, cx| {
            b.iter(|| {
                for o in operators(&w.graph) {
                    black_box(failure(cx, o));
                }
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("lockin");
    group.sample_size(10);
    for w in work {
        let cx = Context::new(&w.graph, config);
        group.bench_with_input(BenchmarkId::from_parameter(w.sites), w, |b, w| {
            b.iter(|| {
                let groups = LockinGroups::new(&w.graph);
                for o in operators(&w.graph) {
                    black_box(groups.figures(&cx, o));
                }
                groups
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("exposure");
    group.sample_size(10);
    for w in work {
        let cx = Context::new(&w.graph, config);
        group.bench_with_input(BenchmarkId::from_parameter(w.sites), &cx, |b, cx| {
            b.iter(|| {
                let paths = ExposurePaths::new(cx);
                for o in operators(&w.graph) {
                    black_box(exposure(cx, &paths, o));
                }
                paths
            });
        });
    }
    group.finish();
}

/// The national figures of every country and of the scope `all`.
fn national_figures(c: &mut Criterion, work: &[Workload], config: &Config) {
    let mut group = c.benchmark_group("national");
    for w in work {
        let cx = Context::new(&w.graph, config);
        let figures = analysis::scan(&w.graph, config).operators;
        // `national` takes the figures of its operators, in their order.
        let of = |ops: &[OperatorIx]| ops.iter().map(|o| &figures[o.index()]).collect::<Vec<_>>();
        let countries: Vec<_> = w
            .graph
            .operators_by_country()
            .into_iter()
            .map(|(c, ops)| (c, of(&ops), ops))
            .collect();
        let all: Vec<OperatorIx> = operators(&w.graph).collect();
        let all_figures = of(&all);
        group.bench_with_input(BenchmarkId::from_parameter(w.sites), &cx, |b, cx| {
            b.iter(|| {
                for (country, figs, ops) in &countries {
                    black_box(national(cx, country.as_str(), ops, figs));
                }
                black_box(national(cx, "all", &all, &all_figures))
            });
        });
    }
    group.finish();
}

/// Every analysis of every operator plus the national figures, as `scan` runs them: on
/// the default rayon pool, and on one thread.
fn whole_scan(c: &mut Criterion, work: &[Workload], config: &Config) {
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("thread pool");
    for (name, pool) in [("scan", None), ("scan_1_thread", Some(&one_thread))] {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(10));
        for w in work {
            group.bench_with_input(BenchmarkId::from_parameter(w.sites), w, |b, w| {
                b.iter(|| match pool {
                    Some(p) => p.install(|| black_box(analysis::scan(&w.graph, config))),
                    None => black_box(analysis::scan(&w.graph, config)),
                });
            });
        }
        group.finish();
    }
}

/// `generate` of two countries of two operators, files written.
fn generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    for &sites in &SITES {
        let params = Params {
            countries: 2,
            operators: 2,
            sites,
            seed: 1,
        };
        group.bench_with_input(
            BenchmarkId::from_parameter(params.site_count()),
            &params,
            |b, p| {
                b.iter_batched(
                    || tempfile::tempdir().expect("temp dir"),
                    |dir| {
                        generate::generate(p, &dir.path().join("out"), false, &|_| {})
                            .expect("generate");
                        dir
                    },
                    BatchSize::PerIteration,
                );
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
