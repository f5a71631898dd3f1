//! Tests of `vendorgraph plan` and the scenario module (issue 7): hand-computed figures
//! before and after each step on small inline inventories, forced co-replacements, the
//! emitted inventory, and located errors.

use std::path::Path;

use crate::support::{root, run, stderr};
use vendorgraph::diagnostics::{Code, StepRef};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::load;
use vendorgraph::model::Inventory;
use vendorgraph::policy::{Date, Policy};
use vendorgraph::report::model::{Figures, PlanReport as Plan};
use vendorgraph::scenario::{ChangeKind, Scenario};

const EPS: f64 = 1e-12;

/// An NSA operator: a closed X2 pair (enb-1, gnb-1 from `a`, a lock-in group), an open
/// multi-vendor X2 pair (enb-2 from `e`, gnb-2 from `b`), and an EPC from `c`. Supplier `d`
/// is the candidate 5G core supplier.
///
/// Units: enb-1 2 and gnb-1 2 cells, enb-2 1 and gnb-2 1 cell: 6 in all, 3 per generation.
/// Assets weigh 8 in all (mme and sgw 1 each).
const NSA: &str = r#"{
  "format": "vendorgraph/1",
  "suppliers": [
    {"id": "a", "country": "SE", "risk": "low"},
    {"id": "b", "country": "FI", "risk": "low"},
    {"id": "c", "country": "FI", "risk": "low"},
    {"id": "d", "country": "SE", "risk": "low"},
    {"id": "e", "country": "KR", "risk": "low"}
  ],
  "operators": [{"id": "op", "country": "DE"}],
  "assets": [
    {"id": "mme-1", "operator": "op", "function": "mme", "supplier": "c"},
    {"id": "sgw-1", "operator": "op", "function": "sgw", "supplier": "c"},
    {"id": "enb-1", "operator": "op", "function": "enb", "supplier": "a", "weight": 2, "region": "North"},
    {"id": "gnb-1", "operator": "op", "function": "gnb", "supplier": "a", "weight": 2, "region": "North"},
    {"id": "enb-2", "operator": "op", "function": "enb", "supplier": "e", "weight": 1, "region": "South"},
    {"id": "gnb-2", "operator": "op", "function": "gnb", "supplier": "b", "weight": 1, "region": "South"}
  ],
  "links": [
    {"from": "enb-1", "to": "mme-1", "kind": "connects_to", "interface": "S1-MME"},
    {"from": "enb-1", "to": "sgw-1", "kind": "connects_to", "interface": "S1-U"},
    {"from": "enb-2", "to": "mme-1", "kind": "connects_to", "interface": "S1-MME"},
    {"from": "enb-2", "to": "sgw-1", "kind": "connects_to", "interface": "S1-U"},
    {"from": "gnb-1", "to": "enb-1", "kind": "anchored_by", "interface": "X2"},
    {"from": "gnb-2", "to": "enb-2", "kind": "anchored_by", "interface": "X2", "open": true},
    {"from": "gnb-1", "to": "sgw-1", "kind": "connects_to", "interface": "S1-U"},
    {"from": "gnb-2", "to": "sgw-1", "kind": "connects_to", "interface": "S1-U"}
  ]
}"#;

fn today() -> Date {
    Date::parse("2025-01-01").expect("date")
}

fn inventory(text: &str) -> Inventory {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, text).expect("write");
    let loaded = load(&[path]);
    let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    loaded.inventory.expect("valid")
}

fn plan(inv_text: &str, scenario: &str) -> Plan {
    let s = Scenario::parse("scenario.json", scenario).expect("scenario parses");
    run_plan(inventory(inv_text), &s, &Policy::default(), today()).expect("plan runs")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

fn assert_close(actual: Option<f64>, expected: Option<f64>, what: &str) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert!(close(a, e), "{what}: {a} != {e}"),
        (a, e) => assert_eq!(a, e, "{what}"),
    }
}

/// (outage, outage_4g, outage_5g) of a supplier for an operator.
fn outage(f: &Figures, op: &str, s: &str) -> (f64, Option<f64>, Option<f64>) {
    let o = f.operator(op).expect("operator");
    let x = o
        .outage
        .suppliers
        .iter()
        .find(|x| x.supplier == s)
        .unwrap_or_else(|| panic!("{s} is not relevant to {op}"));
    (x.outage, x.outage_4g, x.outage_5g)
}

fn check_outage(f: &Figures, s: &str, expected: (f64, f64, f64)) {
    let (o, o4, o5) = outage(f, "op", s);
    assert_close(Some(o), Some(expected.0), &format!("outage of {s}"));
    assert_close(o4, Some(expected.1), &format!("outage_4g of {s}"));
    assert_close(o5, Some(expected.2), &format!("outage_5g of {s}"));
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.display().to_string()
}

#[test]
fn migrate_sa_frees_5g_from_the_enb_supplier_and_the_x2_lockin() {
    let p = plan(
        NSA,
        r#"{"name": "sa", "steps": [{"migrate_sa": {"operator": "op", "core_supplier": "d"}}]}"#,
    );
    let before = &p.baseline;
    // Baseline, by hand: 6 cells, 3 per generation.
    // a: enb-1, gnb-1 = 4/6; e: enb-2 and gnb-2 anchored on it = 2/6; b: gnb-2 = 1/6;
    // c (EPC): everything.
    check_outage(before, "a", (4.0 / 6.0, 2.0 / 3.0, 2.0 / 3.0));
    check_outage(before, "e", (2.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0));
    check_outage(before, "b", (1.0 / 6.0, 0.0, 1.0 / 3.0));
    check_outage(before, "c", (1.0, 1.0, 1.0));
    let op = before.operator("op").unwrap();
    assert_eq!(group_ids(op), ["enb-1"]);
    assert_close(op.lockin.index, Some(4.0 / 8.0), "lock-in index before");
    assert_close(
        op.domain("core").map(|d| d.hhi),
        Some(10000.0),
        "core HHI before",
    );

    let step = &p.steps[0];
    assert_eq!(step.kind, "migrate_sa");
    let after = &step.figures;
    // After: gNBs reach the new AMF and UPF from d; e takes only its own eNB down and no
    // 5G at all; the EPC takes only 4G down.
    check_outage(after, "e", (1.0 / 6.0, 1.0 / 3.0, 0.0));
    check_outage(after, "c", (3.0 / 6.0, 1.0, 0.0));
    check_outage(after, "a", (4.0 / 6.0, 2.0 / 3.0, 2.0 / 3.0));
    check_outage(after, "b", (1.0 / 6.0, 0.0, 1.0 / 3.0));
    check_outage(after, "d", (3.0 / 6.0, 0.0, 1.0));
    let op = after.operator("op").unwrap();
    assert!(group_ids(op).is_empty(), "{:?}", group_ids(op));
    assert_close(op.lockin.index, Some(0.0), "lock-in index after");
    // Core: c 2, d 8 of 10: HHI 20^2 + 80^2.
    assert_close(
        op.domain("core").map(|d| d.hhi),
        Some(6800.0),
        "core HHI after",
    );
    let worst = op.outage.worst_single.as_ref().unwrap();
    assert_eq!(worst.supplier, "a");
    assert!(close(worst.outage, 4.0 / 6.0));

    // The delta says the same.
    let d = &step.delta.operators[0];
    assert_eq!(d.id, "op");
    let e = d
        .outage
        .suppliers
        .iter()
        .find(|s| s.supplier == "e")
        .unwrap();
    assert_close(e.outage_5g, Some(-1.0 / 3.0), "delta outage_5g of e");
    assert_close(d.lockin.index, Some(-0.5), "delta lock-in index");
    assert_eq!(d.lockin.removed, vec!["enb-1"]);
    assert_eq!(d.lockin.groups, -1);
    let dd = d
        .outage
        .suppliers
        .iter()
        .find(|s| s.supplier == "d")
        .unwrap();
    assert_close(
        Some(dd.outage),
        Some(0.5),
        "delta outage of the new supplier",
    );

    // What the step reports: 8 functions added, 2 gNBs relinked.
    let added: Vec<&str> = step
        .effect
        .changed_assets
        .iter()
        .filter(|c| c.change == ChangeKind::Added)
        .map(|c| c.asset.as_str())
        .collect();
    assert_eq!(
        added,
        [
            "op-sa-amf",
            "op-sa-ausf",
            "op-sa-nrf",
            "op-sa-nssf",
            "op-sa-pcf",
            "op-sa-smf",
            "op-sa-udm",
            "op-sa-upf"
        ]
    );
    let relinked: Vec<&str> = step
        .effect
        .changed_assets
        .iter()
        .filter(|c| c.change == ChangeKind::Relinked)
        .map(|c| c.asset.as_str())
        .collect();
    assert_eq!(relinked, ["gnb-1", "gnb-2"]);
    // No anchored_by link is left; the gNBs connect to the new AMF and UPF.
    let inv = &p.inventory;
    assert!(
        inv.links
            .iter()
            .all(|l| l.kind != vendorgraph::vocab::LinkKind::AnchoredBy)
    );
    let g1 = inv.asset_ix("gnb-1").unwrap();
    let mut targets: Vec<&str> = inv
        .links
        .iter()
        .filter(|l| l.from == g1)
        .flat_map(|l| inv.targets(l).iter().map(|&t| &*inv.asset(t).id))
        .collect();
    targets.sort_unstable();
    assert_eq!(targets, ["op-sa-amf", "op-sa-upf"]);
}

#[test]
fn migrate_sa_runs_the_core_on_the_platform() {
    let inv = NSA.replace(
        r#"{"id": "mme-1","#,
        r#"{"id": "cloud-1", "operator": "op", "function": "nfvi", "supplier": "b", "site": "DC 1", "region": "North"},
    {"id": "mme-1","#,
    );
    let inv = inv.replace(
        r#"{"from": "enb-1", "to": "mme-1","#,
        r#"{"from": "mme-1", "to": "cloud-1", "kind": "runs_on"},
    {"from": "enb-1", "to": "mme-1","#,
    );
    let p = plan(
        &inv,
        r#"{"name": "sa", "steps": [{"migrate_sa": {"operator": "op", "core_supplier": "d", "platform": "cloud-1"}}]}"#,
    );
    let after = &p.steps[0].figures;
    // b now supplies gnb-2 (1 cell) and the platform under the whole new core: every
    // gNB goes down with it (3 of 3 5G cells), and the EPC on it too (all 6 cells).
    check_outage(after, "b", (1.0, 1.0, 1.0));
    let inv = &p.inventory;
    let amf = inv.asset_ix("op-sa-amf").unwrap();
    assert_eq!(inv.region(inv.asset(amf)), Some("North"));
    let on: Vec<&str> = inv
        .links
        .iter()
        .filter(|l| l.from == amf && l.kind == vendorgraph::vocab::LinkKind::RunsOn)
        .flat_map(|l| inv.targets(l).iter().map(|&t| &*inv.asset(t).id))
        .collect();
    assert_eq!(on, ["cloud-1"]);
}

#[test]
fn set_supplier_on_one_asset_of_a_group_reports_the_rest_as_forced() {
    let p = plan(
        NSA,
        r#"{"name": "swap", "steps": [
            {"set_supplier": {"select": {"ids": "gnb-1"}, "supplier": "b"}},
            {"set_supplier": {"select": {"ids": "gnb-1"}, "supplier": "d", "follow_lockin": true}}
        ]}"#,
    );
    let s1 = &p.steps[0];
    assert_eq!(s1.effect.forced_co_replacements.len(), 1);
    let g = &s1.effect.forced_co_replacements[0];
    assert_eq!(g.group, "enb-1");
    assert_eq!(g.changed, ["gnb-1"]);
    assert_eq!(g.assets, ["enb-1"]);
    assert_eq!(g.suppliers, ["a"]);
    assert!(close(g.weight, 2.0));
    assert!(!g.followed);
    // Without follow_lockin only the selected asset changes, and the closed X2 pair now
    // joins two suppliers: validation warns.
    let changed: Vec<&str> = s1
        .effect
        .changed_assets
        .iter()
        .map(|c| c.asset.as_str())
        .collect();
    assert_eq!(changed, ["gnb-1"]);
    assert!(
        s1.effect
            .warnings
            .iter()
            .any(|w| w.starts_with("closed-cross-supplier-link")),
        "{:?}",
        s1.effect.warnings
    );
    // RAN before: a 4, e 1, b 1 of 6; after step 1: a 2, b 3, e 1.
    let ran = s1.figures.operator("op").unwrap().domain("ran").unwrap();
    let share = |s: &str| {
        ran.suppliers
            .iter()
            .find(|x| x.supplier == s)
            .unwrap()
            .share
    };
    assert!(close(share("b"), 3.0 / 6.0));
    assert!(close(share("a"), 2.0 / 6.0));

    // Step 2 follows the group (as it stands after step 1: gnb-1 from b, enb-1 from a).
    let s2 = &p.steps[1];
    let g = &s2.effect.forced_co_replacements[0];
    assert_eq!(g.assets, ["enb-1"]);
    assert!(g.followed);
    let changed: Vec<(&str, &str)> = s2
        .effect
        .changed_assets
        .iter()
        .map(|c| (c.asset.as_str(), c.from.as_deref().unwrap()))
        .collect();
    assert_eq!(changed, [("enb-1", "a"), ("gnb-1", "b")]);
    // d supplies enb-1 and gnb-1 now: 4 of 6 cells; a is gone from the RAN.
    check_outage(&s2.figures, "d", (4.0 / 6.0, 2.0 / 3.0, 2.0 / 3.0));
    assert!(
        s2.figures
            .operator("op")
            .unwrap()
            .outage
            .suppliers
            .iter()
            .find(|x| x.supplier == "a")
            .is_none()
    );
    assert!(s2.effect.warnings.is_empty(), "{:?}", s2.effect.warnings);
}

#[test]
fn set_supplier_on_the_small_fixture_lists_the_huawei_group() {
    let dir = root().join("fixtures/small");
    let inv = load(&[dir]).inventory.expect("valid fixture");
    let s = Scenario::parse(
        "s.json",
        r#"{"name": "one gNB", "steps": [{"set_supplier": {"select": {"ids": ["dn-gnb-b1"]}, "supplier": "ericsson"}}]}"#,
    )
    .unwrap();
    let p = run_plan(inv, &s, &Policy::default(), today()).unwrap();
    let forced = &p.steps[0].effect.forced_co_replacements;
    assert_eq!(forced.len(), 1);
    assert_eq!(forced[0].group, "dn-dra-1");
    // The Huawei group of fixtures/small/README.md: 12 assets, less the one selected.
    assert_eq!(
        forced[0].assets,
        [
            "dn-dra-1",
            "dn-ems-hw",
            "dn-enb-b1",
            "dn-enb-b2",
            "dn-enb-b3",
            "dn-gnb-b2",
            "dn-hss-1",
            "dn-mme-1",
            "dn-pcrf-1",
            "dn-pgw-1",
            "dn-sgw-1"
        ]
    );
    assert_eq!(forced[0].domains, ["core", "nmo", "ran"]);
}

#[test]
fn remove_keeps_the_other_alternatives_and_clamps_need() {
    let inv = r#"{
      "format": "vendorgraph/1",
      "suppliers": [{"id": "s", "country": "SE"}, {"id": "t", "country": "FI"}],
      "operators": [{"id": "op", "country": "FR"}],
      "assets": [
        {"id": "g", "operator": "op", "function": "gnb", "supplier": "s"},
        {"id": "amf-1", "operator": "op", "function": "amf", "supplier": "s"},
        {"id": "amf-2", "operator": "op", "function": "amf", "supplier": "t"},
        {"id": "amf-3", "operator": "op", "function": "amf", "supplier": "t"}
      ],
      "links": [{"from": "g", "to": ["amf-1", "amf-2", "amf-3"], "need": 2, "kind": "connects_to"}]
    }"#;
    let p = plan(
        inv,
        r#"{"name": "rm", "steps": [
            {"remove": {"select": {"ids": "amf-2"}}},
            {"remove": {"select": {"supplier": "t"}}},
            {"remove": {"select": {"function": "AMF", "supplier": "s"}}}
        ]}"#,
    );
    // Step 1: 2 of [amf-1, amf-3]; t still takes g down (amf-3 is needed).
    let s1 = &p.steps[0];
    assert_eq!(s1.effect.links.changed, 1);
    check_outage_of(&s1.figures, "t", 1.0);
    // Step 2: amf-3 goes too; need is clamped to the one target left.
    let s2 = &p.steps[1];
    assert_eq!(s2.effect.notes.len(), 1, "{:?}", s2.effect.notes);
    assert!(s2.effect.notes[0].contains("needed 2"));
    assert!(
        s2.figures
            .operator("op")
            .unwrap()
            .outage
            .suppliers
            .iter()
            .find(|x| x.supplier == "t")
            .is_none()
    );
    // Step 3: the last target goes, and the link with it.
    let s3 = &p.steps[2];
    assert_eq!(s3.effect.links.removed, 1);
    assert!(
        s3.effect.notes[0].contains("lost every target")
            && s3.effect.notes[0].contains("g connects_to"),
        "{:?}",
        s3.effect.notes
    );
    assert!(p.inventory.links.is_empty());
    assert_eq!(p.inventory.assets.len(), 1);
}

fn check_outage_of(f: &Figures, s: &str, expected: f64) {
    let (o, _, _) = outage(f, "op", s);
    assert!(close(o, expected), "outage of {s}: {o} != {expected}");
}

#[test]
fn add_validates_rows_as_on_load() {
    let p = plan(
        NSA,
        r#"{"name": "add", "steps": [{"add": {
            "suppliers": [{"id": "f", "country": "US", "risk": "low"}],
            "assets": [{"id": "mme-2", "operator": "op", "function": "mme", "supplier": "f"}],
            "links": [{"from": "enb-2", "to": "mme-2", "kind": "connects_to"}]
        }}]}"#,
    );
    let s = &p.steps[0];
    assert_eq!(s.effect.changed_assets[0].asset, "mme-2");
    // enb-2 now also needs mme-2: f takes down enb-2 and gnb-2 (anchored on it).
    check_outage_of(&s.figures, "f", 2.0 / 6.0);
    assert!(p.inventory.supplier_ix("f").is_some());
}

/// Rebuilds the figures of an inventory as `scan` computes them.
fn figures_of(inv: Inventory) -> Figures {
    let policy = Policy::default();
    let graph = SupplyGraph::new(inv);
    Figures::of(&vendorgraph::assess::assess(
        &graph,
        &policy,
        today(),
        Vec::new(),
    ))
}

#[test]
fn scanning_the_emitted_inventory_gives_the_last_steps_figures() {
    let dir = tempfile::tempdir().unwrap();
    let emit = dir.path().join("out");
    let report = dir.path().join("plan.json");
    let o = run(&[
        "plan",
        "fixtures/small",
        "--scenario",
        "fixtures/scenarios/nsa-to-sa.json",
        "--format",
        "json",
        "--as-of",
        "2025-01-01",
        "-o",
        report.to_str().unwrap(),
        "--emit",
        emit.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let emitted = emit.join("inventory.json");
    // It validates with no error.
    let v = run(&["validate", "--format", "table", emitted.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
    // Library: the same figures, exactly.
    let loaded = load(std::slice::from_ref(&emitted));
    let again = figures_of(loaded.inventory.expect("emitted inventory is valid"));
    let s = Scenario::parse(
        "nsa-to-sa.json",
        &std::fs::read_to_string(root().join("fixtures/scenarios/nsa-to-sa.json")).unwrap(),
    )
    .unwrap();
    let inv = load(&[root().join("fixtures/small")]).inventory.unwrap();
    let p = run_plan(inv, &s, &Policy::default(), today()).unwrap();
    assert_eq!(&again, p.last());
    // CLI: the plan's last figures against `scan --format json` of the emitted inventory.
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(plan["format"], "vendorgraph-plan/1");
    let last = &plan["steps"][1]["figures"];
    let scan = run(&[
        "scan",
        emitted.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "2025-01-01",
    ]);
    let scan: serde_json::Value = serde_json::from_slice(&scan.stdout).unwrap();
    let (ops, sops) = (
        last["operators"].as_array().unwrap(),
        scan["operators"].as_array().unwrap(),
    );
    assert_eq!(ops.len(), sops.len());
    for (a, b) in ops.iter().zip(sops) {
        assert_eq!(a["id"], b["id"]);
        for (da, db) in a["domains"]
            .as_array()
            .unwrap()
            .iter()
            .zip(b["domains"].as_array().unwrap())
        {
            for k in ["domain", "hhi", "high_risk_share", "suppliers", "top"] {
                assert_eq!(da[k], db[k], "{} {k}", a["id"]);
            }
        }
        for k in ["suppliers", "worst_single", "worst_pair", "units_weight"] {
            assert_eq!(a["outage"][k], b["outage"][k], "{} outage {k}", a["id"]);
        }
        assert_eq!(a["lockin"]["index"], b["lockin"]["index"]);
        assert_eq!(a["exposure"]["index"], b["exposure"]["index"]);
    }
    for (a, b) in last["countries"]
        .as_array()
        .unwrap()
        .iter()
        .zip(scan["countries"].as_array().unwrap())
    {
        assert_eq!(a["country"], b["country"]);
        assert_eq!(a["outage"], b["outage"]);
        for (da, db) in a["domains"]
            .as_array()
            .unwrap()
            .iter()
            .zip(b["domains"].as_array().unwrap())
        {
            assert_eq!(da["hhi"], db["hhi"]);
            assert_eq!(da["high_risk_share"], db["high_risk_share"]);
        }
    }
    assert_eq!(last["findings"]["list"], scan["findings"]);
}

#[test]
fn a_step_with_an_unknown_supplier_is_a_located_error_naming_the_step() {
    let dir = tempfile::tempdir().unwrap();
    let scen = write(
        dir.path(),
        "bad.json",
        r#"{
  "name": "bad",
  "steps": [
    {"set_supplier": {"select": {"ids": "dn-gnb-b1"}, "supplier": "nokia"}},
    {"set_supplier": {"select": {"operator": "de-nsa"}, "supplier": "mavenir"}}
  ]
}"#,
    );
    let emit = dir.path().join("out");
    let o = run(&[
        "plan",
        "fixtures/small",
        "--scenario",
        &scen,
        "--format",
        "json",
        "--emit",
        emit.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "error[unknown-reference]: step 2 (set_supplier): no supplier \"mavenir\" in the inventory"
        ),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "--> {scen}:5:69 at steps[1].set_supplier.supplier"
        )),
        "{err}"
    );
    // Nothing is written: no report, no emitted inventory.
    assert!(o.stdout.is_empty());
    assert!(!emit.exists());
}

#[test]
fn an_added_row_that_breaks_the_inventory_is_located_in_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let scen = write(
        dir.path(),
        "bad.json",
        r#"{"name": "bad", "steps": [
  {"add": {"assets": [
    {"id": "x-1", "operator": "de-nsa", "function": "amf", "supplier": "nope"}
  ]}}
]}"#,
    );
    let o = run(&["plan", "fixtures/small", "--scenario", &scen]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("error[dangling-reference]: step 1 (add): asset \"x-1\" refers to unknown supplier \"nope\""),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "--> {scen}:3:72 at steps[0].add.assets[0].supplier"
        )),
        "{err}"
    );
}

#[test]
fn an_unknown_key_in_the_scenario_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let scen = write(
        dir.path(),
        "bad.json",
        "{\"name\": \"bad\", \"steps\": [\n  {\"set_supplier\": {\"select\": {\"operatr\": \"de-nsa\"}, \"supplier\": \"nokia\"}}\n]}\n",
    );
    let o = run(&["plan", "fixtures/small", "--scenario", &scen]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("error[unknown-key]: unknown field `operatr`, expected one of `ids`"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "--> {scen}:2:40 at steps[0].set_supplier.select.operatr"
        )),
        "{err}"
    );
}

#[test]
fn a_selector_that_matches_nothing_is_an_error() {
    let s = Scenario::parse(
        "s.json",
        r#"{"name": "x", "steps": [{"remove": {"select": {"region": "North", "supplier": "e"}}}]}"#,
    )
    .unwrap();
    let errors = run_plan(inventory(NSA), &s, &Policy::default(), today()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, Code::EmptySelection);
    assert_eq!(
        errors[0].step.as_deref(),
        Some(&StepRef {
            number: 1,
            kind: "remove"
        })
    );
    assert_eq!(
        errors[0].location.as_ref().and_then(|l| l.path.as_deref()),
        Some("steps[0].remove.select")
    );
    // An empty selector is refused too, rather than selecting everything.
    let s = Scenario::parse(
        "s.json",
        r#"{"name": "x", "steps": [{"remove": {"select": {}}}]}"#,
    )
    .unwrap();
    let errors = run_plan(inventory(NSA), &s, &Policy::default(), today()).unwrap_err();
    assert_eq!(errors[0].code, Code::EmptySelection);
}

#[test]
fn the_example_scenarios_run_and_render() {
    for name in [
        "nsa-to-sa",
        "replace-hr-ran-sensitive",
        "exclude-supplier-nationally",
    ] {
        let scen = format!("fixtures/scenarios/{name}.json");
        for format in ["table", "json", "markdown"] {
            let o = run(&[
                "plan",
                "fixtures/small",
                "--scenario",
                &scen,
                "--format",
                format,
                "--as-of",
                "2025-01-01",
            ]);
            assert_eq!(o.status.code(), Some(0), "{name} {format}: {}", stderr(&o));
            assert!(!o.stdout.is_empty());
        }
    }
}

#[test]
fn plan_output_is_deterministic() {
    let args = [
        "plan",
        "fixtures/small",
        "--scenario",
        "fixtures/scenarios/exclude-supplier-nationally.json",
        "--format",
        "json",
        "--as-of",
        "2025-01-01",
    ];
    let a = run(&args);
    let b = run(&args);
    assert_eq!(a.stdout, b.stdout);
}

/// Terminal escape sequences (OSC title, BEL, CSI colour) as JSON escapes.
const HOSTILE: &str = r"\u001b]0;PWNED\u0007\u001b[31mRED\u001b[0m";

#[test]
fn data_text_reaches_tables_markdown_and_errors_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inv = write(
        dir.path(),
        "inv.json",
        &format!(
            r#"{{"format": "vendorgraph/1",
  "suppliers": [{{"id": "s", "country": "SE", "risk": "low"}}, {{"id": "t", "country": "FI", "risk": "low"}}],
  "operators": [{{"id": "op", "name": "Op {HOSTILE}", "country": "DE"}}],
  "assets": [
    {{"id": "g", "operator": "op", "function": "gnb", "supplier": "s", "region": "R {HOSTILE}"}},
    {{"id": "amf", "operator": "op", "function": "amf", "supplier": "s"}}
  ],
  "links": [{{"from": "g", "to": "amf", "kind": "connects_to"}}]}}"#
        ),
    );
    let scenario = write(
        dir.path(),
        "s.json",
        &format!(
            r#"{{"name": "S {HOSTILE}", "description": "D {HOSTILE}", "steps": [
  {{"description": "step {HOSTILE}", "set_supplier": {{"select": {{"ids": "g"}}, "supplier": "t"}}}}]}}"#
        ),
    );
    for format in ["table", "markdown"] {
        let o = run(&["plan", &inv, "--scenario", &scenario, "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(!out.contains(['\u{1b}', '\u{7}']), "{format}: {out}");
        assert!(out.contains("u{1b}"), "{format}: {out}");
    }
    // JSON keeps the text exact.
    let o = run(&["plan", &inv, "--scenario", &scenario, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["scenario"], "S \u{1b}]0;PWNED\u{7}\u{1b}[31mRED\u{1b}[0m");
    // An error that quotes a selector value.
    let bad = write(
        dir.path(),
        "bad.json",
        &format!(
            r#"{{"name": "s", "steps": [{{"remove": {{"select": {{"region": "X {HOSTILE}"}}}}}}]}}"#
        ),
    );
    let o = run(&["plan", &inv, "--scenario", &bad]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.contains(['\u{1b}', '\u{7}']), "{err}");
    assert!(
        err.contains(r#"no asset has region "X \u{1b}]0;PWNED\u{7}\u{1b}[31mRED\u{1b}[0m""#),
        "{err}"
    );
}

/// The plan of a scenario, as `vendorgraph plan` builds it: the run, then its report.
fn run_plan(
    inv: vendorgraph::model::Inventory,
    s: &Scenario,
    policy: &vendorgraph::policy::Policy,
    today: vendorgraph::policy::Date,
) -> Result<Plan, Vec<vendorgraph::diagnostics::Diagnostic>> {
    vendorgraph::scenario::run_plan(inv, s, policy, today, Figures::of).map(Plan::new)
}

/// The ids of an operator's lock-in groups.
fn group_ids(op: &vendorgraph::report::model::OperatorEntry) -> Vec<&str> {
    op.lockin.groups.iter().map(|g| g.id.as_str()).collect()
}
