//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vendorgraph::analysis::{self, Config, ScanResult};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::{Loaded, load};
use vendorgraph::report::model::{CountryEntry, OperatorEntry, named};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Loads inputs, expecting them to be valid.
pub fn load_valid(inputs: &[PathBuf]) -> SupplyGraph {
    let loaded = load(inputs);
    let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    SupplyGraph::new(loaded.inventory.expect("valid"))
}

/// Loads a JSON inventory given as text (written to a temporary file).
pub fn load_json(text: &str) -> Loaded {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, text).expect("write");
    load(&[path])
}

/// Loads a JSON inventory given as text, expecting it to be valid, and builds its graph.
pub fn graph_of(text: &str) -> SupplyGraph {
    let loaded = load_json(text);
    let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    SupplyGraph::new(loaded.inventory.expect("valid"))
}

/// A scan's figures as the report names them (the analyses carry indices only), with the
/// scan itself.
pub struct Named {
    /// Every operator's entry, by id.
    pub operators: Vec<OperatorEntry>,
    /// Every country's entry, then `all`.
    pub countries: Vec<CountryEntry>,
    /// The scan.
    pub scan: ScanResult,
}

/// The scan's other parts (warnings, lock-in groups, paths) are read through it.
impl std::ops::Deref for Named {
    type Target = ScanResult;
    fn deref(&self) -> &ScanResult {
        &self.scan
    }
}

/// Scans a graph with the default configuration.
pub fn scan(graph: &SupplyGraph) -> Named {
    scan_with(graph, &Config::default())
}

/// Scans a graph with a configuration.
pub fn scan_with(graph: &SupplyGraph, config: &Config) -> Named {
    let scan = analysis::scan(graph, config);
    let (operators, countries) = named(&scan, graph.inventory());
    Named {
        operators,
        countries,
        scan,
    }
}

/// Runs the binary with arguments, from the repository root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vendorgraph"))
        .args(args)
        .current_dir(root())
        // The tables' width and colour follow these; outputs must not depend on the caller's.
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .output()
        .expect("run vendorgraph")
}

/// Runs the binary with standard input.
pub fn run_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vendorgraph"))
        .args(args)
        .current_dir(root())
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts two floats agree to 1e-9.
#[track_caller]
pub fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// A path relative to the root, as a string.
pub fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// What the links and assets of `inv` say beyond their fields (their targets, interfaces
/// and regions, kept in the inventory's own tables), for comparing two inventories.
pub fn texts(inv: &vendorgraph::model::Inventory) -> Vec<String> {
    let links = inv
        .links
        .iter()
        .map(|l| format!("{:?} {:?}", inv.targets(l), inv.interface(l)));
    let regions = inv.assets.iter().map(|a| format!("{:?}", inv.region(a)));
    links.chain(regions).collect()
}
