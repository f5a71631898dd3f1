//! Tests: fuzzing (issue 12). Arbitrary bytes, and mutations of the fixtures, fed to the
//! JSON and CSV loaders, the policy and scenario parsers, and the analyses of whatever
//! loads: no panic, and a clean error (at least one diagnostic, shown with no raw control
//! character) whenever the input is refused.
//!
//! A few seconds under `cargo test`; for a long run see docs/fuzzing.md:
//! `PROPTEST_CASES=100000 cargo test --release --test integration fuzz`.

use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;

use vendorgraph::assess::assess;
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::load;
use vendorgraph::policy::{Date, Policy};
use vendorgraph::report::render_diagnostics;
use vendorgraph::scenario::Scenario;

use super::support::fixture;

/// 48 cases per property unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let mut c = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 48;
    }
    c
}

/// Bytes that matter to the formats: structure, quotes, escapes, digits, controls, bad UTF-8.
const INTERESTING: &[u8] = b"{}[]\",:;-09e.\\\n\r\t \x1b\x07\x00\xff|=#'";

/// One edit of a byte string.
#[derive(Clone, Debug)]
enum Edit {
    Set(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Delete(prop::sample::Index, usize),
    Repeat(prop::sample::Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let byte = prop_oneof![prop::sample::select(INTERESTING), any::<u8>()];
    prop_oneof![
        (any::<prop::sample::Index>(), byte.clone()).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<prop::sample::Index>(), byte).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<prop::sample::Index>(), 1usize..64).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<prop::sample::Index>(), 1usize..64).prop_map(|(i, n)| Edit::Repeat(i, n)),
    ]
}

fn mutate(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        if bytes.is_empty() {
            bytes.push(b'{');
        }
        match e {
            Edit::Set(i, b) => {
                let i = i.index(bytes.len());
                bytes[i] = *b;
            }
            Edit::Insert(i, b) => bytes.insert(i.index(bytes.len() + 1), *b),
            Edit::Delete(i, n) => {
                let i = i.index(bytes.len());
                bytes.drain(i..(i + n).min(bytes.len()));
            }
            Edit::Repeat(i, n) => {
                let i = i.index(bytes.len());
                let piece = bytes[i..(i + n).min(bytes.len())].to_vec();
                bytes.splice(i..i, piece);
            }
        }
    }
    bytes
}

fn read(rel: &str) -> Vec<u8> {
    fs::read(fixture(rel)).expect("fixture")
}

/// No raw control character other than a line feed in text meant for a terminal.
fn clean(text: &str) -> bool {
    !text.chars().any(|c| c != '\n' && c.is_control())
}

/// Loads the files (name, bytes) of one directory; when valid, runs every analysis and the
/// default policy on it. Checks that a refusal is a clean error.
fn load_and_scan(files: &[(&str, Vec<u8>)]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).expect("write");
    }
    let inputs: Vec<PathBuf> = vec![dir.path().to_owned()];
    let loaded = load(&inputs);
    let shown = render_diagnostics(&loaded.diagnostics);
    prop_assert!(clean(&shown), "raw control in diagnostics:\n{}", shown);
    match loaded.inventory {
        None => prop_assert!(loaded.errors().next().is_some(), "refused without an error"),
        Some(inv) => {
            let graph = SupplyGraph::new(inv);
            let today = Date::parse("2026-12-01").expect("date");
            let _ = assess(&graph, &Policy::default(), today, Vec::new());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_json_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        load_and_scan(&[("in.json", bytes)])?;
    }

    #[test]
    fn fuzz_json_mutated_fixtures(edits in prop::collection::vec(edit(), 1..8), which in 0usize..3) {
        let name = ["small/op-de-b.json", "crashers/dash-id.json", "crashers/esc-inventory.json"][which];
        let mut files = vec![("in.json", mutate(read(name), &edits))];
        if which == 0 {
            files.push(("suppliers.json", read("small/suppliers.json")));
        }
        load_and_scan(&files)?;
    }

    #[test]
    fn fuzz_csv_mutated_fixtures(edits in prop::collection::vec(edit(), 1..8), which in 0usize..4) {
        let tables = ["suppliers.csv", "operators.csv", "assets.csv", "links.csv"];
        let files: Vec<(&str, Vec<u8>)> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let bytes = read(&format!("csv/{t}"));
                (*t, if i == which { mutate(bytes, &edits) } else { bytes })
            })
            .collect();
        load_and_scan(&files)?;
    }

    #[test]
    fn fuzz_csv_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        load_and_scan(&[("suppliers.csv", bytes)])?;
    }

    #[test]
    fn fuzz_policy(edits in prop::collection::vec(edit(), 0..8), bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let base = read("policies/exclude-core-nmo-cap-ran-35.toml");
        for text in [mutate(base, &edits), bytes] {
            let text = String::from_utf8_lossy(&text);
            if let Err(errors) = Policy::from_toml("fuzz.toml", &text) {
                prop_assert!(!errors.is_empty(), "refused without an error");
                for e in &errors {
                    prop_assert!(clean(&e.to_string()), "raw control in {}", e);
                }
            }
        }
    }

    #[test]
    fn fuzz_scenario(edits in prop::collection::vec(edit(), 0..8), bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let base = read("scenarios/nsa-to-sa.json");
        for text in [mutate(base, &edits), bytes] {
            let text = String::from_utf8_lossy(&text);
            if let Err(errors) = Scenario::parse("fuzz.json", &text) {
                prop_assert!(!errors.is_empty(), "refused without an error");
                for e in &errors {
                    prop_assert!(clean(&e.to_string()), "raw control in {}", e);
                }
            }
        }
    }
}
