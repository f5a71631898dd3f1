//! Tests: share-level data (the `shares` table).
//!
//! `fixtures/shares/national.json` holds two German operators known only by shares; every
//! figure below is computed by hand from the spec (`analyses.md`), the arithmetic written next
//! to it. `fixtures/shares/invalid/` holds one refused input per class, whose diagnostics are
//! a snapshot.

use vendorgraph::export;
use vendorgraph::report::model::{
    CountryEntry as CountryFigures, DomainEntry as DomainFigures, OperatorEntry as OperatorFigures,
};

use crate::support::{
    Named as ScanResult, close, fixture, load_json, load_valid, run, scan, stderr, stdout,
};

fn op<'r>(r: &'r ScanResult, id: &str) -> &'r OperatorFigures {
    r.operators.iter().find(|o| o.id == id).expect("operator")
}

fn dom<'o>(o: &'o OperatorFigures, d: &str) -> &'o DomainFigures {
    o.domains.iter().find(|x| x.domain == d).expect("domain")
}

fn country<'r>(r: &'r ScanResult, c: &str) -> &'r CountryFigures {
    r.countries
        .iter()
        .find(|x| x.country == c)
        .expect("country")
}

/// (supplier, share) in report order, each compared to 1e-9.
#[track_caller]
fn assert_shares(actual: Vec<(&str, f64)>, expected: &[(&str, f64)]) {
    let ids: Vec<&str> = actual.iter().map(|x| x.0).collect();
    let want: Vec<&str> = expected.iter().map(|x| x.0).collect();
    assert_eq!(ids, want, "{actual:?}");
    for (a, e) in actual.iter().zip(expected) {
        close(a.1, e.1);
    }
}

fn national() -> ScanResult {
    scan(&load_valid(&[fixture("shares/national.json")]))
}

#[test]
fn share_rows_become_assets_with_made_ids() {
    let g = load_valid(&[fixture("shares/national.json")]);
    let inv = g.inventory();
    let ids: Vec<&str> = inv.assets.iter().map(|a| &*a.id).collect();
    assert_eq!(
        ids,
        [
            "de-a:core:huawei",
            "de-a:core:nokia",
            "de-a:ran:ericsson:5g",
            "de-a:ran:huawei:5g",
            "de-b:ran:huawei:4g",
            "de-b:ran:nokia:5g",
            "de-b:ran:zte:5g",
        ]
    );
    // In `ran` a share row is a radio unit of its generation; elsewhere it is not.
    for a in &inv.assets {
        assert!(a.share);
        assert_eq!(a.radio, inv.domain_name(a.domain) == "ran", "{}", a.id);
        assert_eq!(inv.function_name(a.function), "share");
    }
    assert!(inv.links.is_empty());
}

#[test]
fn a_valid_share_fixture_gives_no_diagnostic() {
    let loaded = vendorgraph::load::load(&[fixture("shares/national.json")]);
    let all: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn concentration_on_shares() {
    let r = national();
    // de-a ran: 0.5 + 0.5 = 1; hhi = 50^2 + 50^2 = 5000; tie at 0.5 goes to "ericsson".
    let d = dom(op(&r, "de-a"), "ran");
    close(d.weight, 1.0);
    close(d.hhi, 5000.0);
    close(d.equivalent_suppliers, 2.0);
    close(d.high_risk_share, 0.5);
    assert_eq!(d.top.supplier, "ericsson");
    // de-a core, by weight 3 and 1: 0.75 and 0.25; hhi = 5625 + 625 = 6250.
    let d = dom(op(&r, "de-a"), "core");
    close(d.weight, 4.0);
    assert_shares(
        d.suppliers
            .iter()
            .map(|s| (s.supplier.as_str(), s.share))
            .collect(),
        &[("nokia", 0.75), ("huawei", 0.25)],
    );
    close(d.hhi, 6250.0);
    close(d.high_risk_share, 0.25);
    // de-b ran, both generations: W = 0.6 + 0.4 + 1 = 2; huawei 1/2, nokia 0.6/2 = 0.3,
    // zte 0.4/2 = 0.2; hhi = 2500 + 900 + 400 = 3800; high-risk 0.5 + 0.2 = 0.7.
    let d = dom(op(&r, "de-b"), "ran");
    close(d.weight, 2.0);
    assert_shares(
        d.suppliers
            .iter()
            .map(|s| (s.supplier.as_str(), s.share))
            .collect(),
        &[("huawei", 0.5), ("nokia", 0.3), ("zte", 0.2)],
    );
    close(d.hhi, 3800.0);
    close(d.high_risk_share, 0.7);
}

#[test]
fn supplier_failure_on_shares() {
    let r = national();
    // de-a: units are the two ran rows (0.5 each, 5g); no link, so each supplier takes down
    // exactly its own share. The core rows are not units.
    let o = op(&r, "de-a");
    let outs: Vec<(&str, f64)> = o
        .outage
        .suppliers
        .iter()
        .map(|s| (s.supplier.as_str(), s.outage))
        .collect();
    assert_shares(outs, &[("ericsson", 0.5), ("huawei", 0.5)]);
    let w = o.outage.worst_single.as_ref().expect("worst single");
    assert_eq!(w.supplier, "ericsson", "tie at 0.5: smallest id");
    let p = o.outage.worst_pair.as_ref().expect("worst pair");
    assert_eq!(p.suppliers, ["ericsson", "huawei"]);
    close(p.outage, 1.0);
    // de-b: units nokia 0.6 (5g), zte 0.4 (5g), huawei 1 (4g), total 2.
    // huawei: 1/2 overall, 1 of 4g, 0 of 5g; nokia 0.3; zte 0.2.
    let o = op(&r, "de-b");
    let hw = o
        .outage
        .suppliers
        .iter()
        .find(|s| s.supplier == "huawei")
        .expect("huawei");
    close(hw.outage, 0.5);
    close(hw.outage_4g.expect("4g"), 1.0);
    close(hw.outage_5g.expect("5g"), 0.0);
    // Worst pair: huawei + nokia = (1 + 0.6) / 2 = 0.8.
    let p = o.outage.worst_pair.as_ref().expect("worst pair");
    assert_eq!(p.suppliers, ["huawei", "nokia"]);
    close(p.outage, 0.8);
}

#[test]
fn high_risk_exposure_on_shares() {
    let r = national();
    // de-a: key assets = core (default key domains core, nmo): nokia 3, huawei 1; huawei is
    // high-risk itself (direct), so exposure = 1 / 4.
    let o = op(&r, "de-a");
    close(o.exposure.index.expect("defined"), 0.25);
    let exposed: Vec<(&str, &str)> = o
        .exposure
        .exposed
        .iter()
        .map(|e| (e.asset.as_str(), e.kind.as_str()))
        .collect();
    assert_eq!(exposed, [("de-a:core:huawei", "direct")]);
    // de-b has no key asset: undefined.
    assert_eq!(op(&r, "de-b").exposure.index, None);
}

#[test]
fn national_balance_on_shares() {
    let r = national();
    let de = country(&r, "DE");
    // Weights: subscribers 60 and 40 (sum 100).
    // ran: ericsson (60*0.5 + 40*0)/100 = 0.3; huawei (60*0.5 + 40*0.5)/100 = 0.5;
    // nokia 40*0.3/100 = 0.12; zte 40*0.2/100 = 0.08.
    let ran = de.domains.iter().find(|d| d.domain == "ran").expect("ran");
    assert_shares(
        ran.suppliers
            .iter()
            .map(|s| (s.supplier.as_str(), s.share))
            .collect(),
        &[
            ("huawei", 0.5),
            ("ericsson", 0.3),
            ("nokia", 0.12),
            ("zte", 0.08),
        ],
    );
    // hhi = 2500 + 900 + 144 + 64 = 3608; high-risk = 0.5 + 0.08 = 0.58.
    close(ran.hhi, 3608.0);
    close(ran.high_risk_share, 0.58);
    // core: only de-a has core weight, so its shares are the nation's.
    let core = de
        .domains
        .iter()
        .find(|d| d.domain == "core")
        .expect("core");
    close(core.high_risk_share, 0.25);
    // National outage of huawei: (60*0.5 + 40*0.5)/100 = 0.5.
    let hw = de
        .outage
        .iter()
        .find(|s| s.supplier == "huawei")
        .expect("huawei");
    close(hw.outage, 0.5);
}

#[test]
fn csv_shares_with_spreadsheet_case_and_a_sum_below_one() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::copy(fixture("shares/shares.csv"), dir.path().join("shares.csv")).expect("copy");
    std::fs::write(
        dir.path().join("registry.json"),
        r#"{"format": "vendorgraph/1",
  "suppliers": [{"id": "ericsson", "country": "SE"}, {"id": "nokia", "country": "FI"}],
  "operators": [{"id": "fr-a", "country": "FR"}]}"#,
    )
    .expect("write");
    let loaded = vendorgraph::load::load(&[dir.path().to_path_buf()]);
    let diags: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].starts_with("warning[shares-below-one]: the shares of operator \"fr-a\" in domain \"ran\" (5g) sum to 0.8"),
        "{diags:#?}"
    );
    assert!(diags[0].ends_with("shares.csv:2"), "{diags:#?}");
    let g = vendorgraph::graph::SupplyGraph::new(loaded.inventory.expect("valid"));
    // `RAN` is the domain `ran`, `5G` the generation `5g`; 0.4 of 0.8 each is 0.5.
    let r = scan(&g);
    let d = dom(op(&r, "fr-a"), "ran");
    close(d.weight, 0.8);
    close(d.hhi, 5000.0);
    assert_eq!(g.inventory().assets[0].id.as_ref(), "fr-a:ran:ericsson:5g");
}

#[test]
fn shares_export_as_shares_and_load_back_the_same() {
    let g = load_valid(&[fixture("shares/national.json")]);
    let text = export::to_json(g.inventory());
    assert!(text.contains("\"shares\":["), "{text}");
    assert!(!text.contains("\"assets\":["), "{text}");
    let again = load_json(&text);
    let inv = again.inventory.expect("valid again");
    assert_eq!(inv.assets, g.inventory().assets);
    let dir = tempfile::tempdir().expect("temp");
    export::write_csv_dir(g.inventory(), dir.path()).expect("csv");
    assert!(dir.path().join("shares.csv").exists());
    let back = vendorgraph::load::load(&[dir.path().to_path_buf()]);
    assert_eq!(
        back.inventory.expect("valid csv").assets,
        g.inventory().assets
    );
}

#[test]
fn diagnostics_of_every_invalid_share_fixture() {
    let mut names: Vec<_> = std::fs::read_dir(fixture("shares/invalid"))
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut out = String::new();
    for name in names {
        let path = format!("fixtures/shares/invalid/{name}");
        let o = run(&["validate", "--format", "table", &path]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        out.push_str(&format!("==> {name}\n{}{}\n", stdout(&o), stderr(&o)));
    }
    insta::assert_snapshot!("diagnostics_invalid_shares", out);
}

/// The public Europe dataset (`fixtures/public-eu/`, built by `scripts/build-public-eu.py`)
/// loads with no error, every row cites its source, and Huawei and ZTE are the high-risk
/// suppliers.
#[test]
fn the_public_europe_dataset_validates_and_cites_every_row() {
    let dir = fixture("public-eu");
    let loaded = vendorgraph::load::load(std::slice::from_ref(&dir));
    let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    assert_eq!(loaded.files.len(), 32);
    for f in &loaded.files {
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("json");
        for table in ["suppliers", "operators", "shares"] {
            for row in doc[table].as_array().into_iter().flatten() {
                let source = row["source"].as_str().unwrap_or("");
                assert!(
                    !source.is_empty(),
                    "{f}: a {table} row without source: {row}"
                );
                if table == "suppliers" && ["huawei", "zte"].contains(&row["id"].as_str().unwrap())
                {
                    assert_eq!(row["risk"], "high", "{row}");
                }
            }
        }
    }
}
