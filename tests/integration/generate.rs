//! `generate`: valid by construction at every size, deterministic for a seed, calibrated on
//! the public high-risk shares, and careful with its output directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vendorgraph::analysis::{self, Config};
use vendorgraph::generate::{self, EU27, Params, country_profile};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::load;

fn params(countries: usize, operators: usize, sites: usize, seed: u64) -> Params {
    Params {
        countries,
        operators,
        sites,
        seed,
    }
}

/// Generates into a fresh temporary directory (kept alive by the returned guard).
fn generated(p: &Params) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("inventory");
    let summary = generate::generate(p, &dir, false, &|_| {}).expect("generate");
    assert_eq!(summary.files, 1 + p.countries * p.operators);
    assert_eq!(summary.sites, p.site_count());
    (tmp, dir)
}

/// Loads a generated directory, asserting no error and no warning.
fn load_clean(dir: &Path) -> SupplyGraph {
    let loaded = load(&[dir.to_path_buf()]);
    let diags: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(diags.is_empty(), "diagnostics: {diags:#?}");
    SupplyGraph::new(loaded.inventory.expect("valid"))
}

/// Every file of a directory, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vendorgraph"))
        .args(args)
        .output()
        .expect("run vendorgraph")
}

/// The national high-risk share of the RAN per country code.
fn ran_high_risk(graph: &SupplyGraph) -> BTreeMap<String, f64> {
    let result = analysis::scan(graph, &Config::default());
    let ran_ix = graph.inventory().domain_ix("ran");
    result
        .countries
        .iter()
        .filter_map(|c| {
            let ran = c.domains.iter().find(|d| Some(d.domain) == ran_ix)?;
            Some((c.country.clone(), ran.high_risk_share))
        })
        .collect()
}

#[test]
fn two_countries_two_operators_fifty_sites_validate_cleanly() {
    let p = params(2, 2, 50, 1);
    let (_tmp, dir) = generated(&p);
    let names: Vec<String> = files(&dir).into_keys().collect();
    assert_eq!(
        names,
        [
            "de-1.json",
            "de-2.json",
            "fr-1.json",
            "fr-2.json",
            "suppliers.json"
        ]
    );
    let graph = load_clean(&dir);
    let inv = graph.inventory();
    assert_eq!(inv.operators.len(), 4);
    let radios = inv.assets.iter().filter(|a| a.radio).count();
    assert_eq!(radios, 4 * 50 * 2, "an eNB and a gNB per site");
    assert!(inv.assets.iter().any(|a| a.sensitive) || radios < 100);
    for id in [
        "de-1-enb-000001",
        "de-1-gnb-000050",
        "fr-2-mme-1",
        "de-2-oss-1",
    ] {
        assert!(inv.asset_ix(id).is_some(), "{id}");
    }
    let sup = inv.supplier_ix("huawei").unwrap();
    assert!(
        inv.supplier(sup)
            .provenance
            .source
            .as_deref()
            .unwrap()
            .contains("synthetic")
    );
}

#[test]
fn one_site_of_one_operator_validates_cleanly() {
    let (_tmp, dir) = generated(&params(1, 1, 1, 1));
    let graph = load_clean(&dir);
    assert_eq!(
        graph.inventory().assets.iter().filter(|a| a.radio).count(),
        2
    );
}

#[test]
fn every_seed_validates_cleanly_with_both_kinds_of_site() {
    // Across seeds, operators with and without a 5G core, NSA and SA sites, one and two
    // suppliers in pools: every combination must stay valid and warning-free.
    let mut anchored = 0;
    let mut n2 = 0;
    for seed in 0..6 {
        let (_tmp, dir) = generated(&params(3, 3, 12, seed));
        let graph = load_clean(&dir);
        let inv = graph.inventory();
        for l in &inv.links {
            match inv.interface(l) {
                Some("X2") => anchored += 1,
                Some("N2") => n2 += 1,
                _ => {}
            }
        }
    }
    assert!(anchored > 0 && n2 > 0, "X2 {anchored}, N2 {n2}");
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let (_a, a) = generated(&params(2, 2, 40, 7));
    let (_b, b) = generated(&params(2, 2, 40, 7));
    let (_c, c) = generated(&params(2, 2, 40, 8));
    assert_eq!(files(&a), files(&b));
    let (fa, fc) = (files(&a), files(&c));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fc.keys().collect::<Vec<_>>());
    assert!(
        fa.iter()
            .filter(|(name, _)| *name != "suppliers.json")
            .all(|(name, bytes)| fc[name] != *bytes),
        "every operator file changes with the seed"
    );
}

#[test]
fn a_country_does_not_depend_on_how_many_follow_it() {
    let (_a, a) = generated(&params(1, 2, 30, 5));
    let (_b, b) = generated(&params(3, 2, 30, 5));
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa["de-1.json"], fb["de-1.json"]);
    assert_eq!(fa["de-2.json"], fb["de-2.json"]);
}

#[test]
fn german_high_risk_ran_share_is_calibrated() {
    let (_tmp, dir) = generated(&params(1, 3, 400, 2020));
    let shares = ran_high_risk(&load_clean(&dir));
    let target = country_profile("DE").unwrap().high_risk_ran;
    let de = shares["DE"];
    assert!((de - target).abs() <= 0.1, "DE {de} vs {target}");
}

#[test]
fn every_country_lands_near_its_target() {
    let (_tmp, dir) = generated(&params(27, 2, 30, 11));
    let shares = ran_high_risk(&load_clean(&dir));
    for c in &EU27 {
        let got = shares[c.code];
        assert!(
            (got - c.high_risk_ran).abs() <= 0.1,
            "{}: {got} vs {}",
            c.code,
            c.high_risk_ran
        );
    }
    for code in ["BE", "CY"] {
        assert!(
            (shares[code] - 1.0).abs() < 1e-9,
            "{code}: {}",
            shares[code]
        );
    }
    for code in ["EE", "LV", "LT"] {
        assert!(shares[code].abs() < 1e-9, "{code}: {}", shares[code]);
    }
}

#[test]
fn cli_generates_then_refuses_a_non_empty_directory_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/out");
    let d = dir.to_str().unwrap();
    let gen_args = |extra: &[&'static str]| {
        let mut v = vec![
            "generate",
            "--countries",
            "1",
            "--operators",
            "2",
            "--sites",
            "5",
            "-o",
            d,
        ];
        v.extend_from_slice(extra);
        v
    };
    let first = run(&gen_args(&[]));
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    assert!(first.stdout.is_empty());
    let before = files(&dir);
    assert_eq!(before.len(), 3);

    let refused = run(&gen_args(&[]));
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("not empty") && stderr.contains("--force"),
        "{stderr}"
    );

    // --force replaces the inventory files and keeps the others.
    std::fs::write(dir.join("README.md"), "kept").unwrap();
    std::fs::write(dir.join("de-9.json"), "{}").unwrap();
    let forced = run(&gen_args(&["--force", "--seed", "2"]));
    assert_eq!(forced.status.code(), Some(0), "{forced:?}");
    let after = files(&dir);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        ["README.md", "de-1.json", "de-2.json", "suppliers.json"]
    );
    assert_ne!(after["de-1.json"], before["de-1.json"]);
    load_clean_without(&dir, "README.md");

    let validate = run(&["validate", "--format", "table", d]);
    assert_eq!(validate.status.code(), Some(0));
    assert!(validate.stderr.is_empty(), "{validate:?}");
}

/// Loads a directory whose extra file is not an inventory file.
fn load_clean_without(dir: &Path, extra: &str) {
    assert!(dir.join(extra).exists());
    load_clean(dir);
}

#[test]
fn cli_rejects_more_than_27_countries() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("x");
    let out = run(&[
        "generate",
        "--countries",
        "28",
        "--operators",
        "1",
        "--sites",
        "1",
        "-o",
        d.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("27"), "{stderr}");
    assert!(!d.exists(), "nothing written");
}

#[test]
fn the_committed_europe_fixture_is_what_its_command_makes_and_is_clean() {
    // fixtures/europe/README.md gives the command; regenerate with it after changing the
    // generator (`--force` keeps the README).
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/europe");
    let (_tmp, dir) = generated(&params(27, 3, 40, 2020));
    let mut committed = files(&fixture);
    assert!(committed.remove("README.md").is_some());
    assert!(
        committed == files(&dir),
        "fixtures/europe is stale: regenerate it with the command in its README"
    );
    load_clean(&fixture);
}
