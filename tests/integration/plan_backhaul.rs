//! Issue 17: `migrate_sa` keeps a site's backhaul (analyses.md §7), and each step's change
//! from the step before stands beside its change from the baseline, with a closing summary.
//! An NSA operator whose eNB holds the backhaul, migrated to SA: the figures below are
//! computed by hand.

use vendorgraph::load::load;
use vendorgraph::model::Inventory;
use vendorgraph::policy::{Date, Policy};
use vendorgraph::report::model::{Figures, PlanReport as Plan, RowChange as Change, Value};
use vendorgraph::scenario::{ChangeKind, Scenario};

const EPS: f64 = 1e-12;

/// One NSA site: enb-1 (2 cells, 4G) carries the backhaul to rtr-1 (supplier `t`); gnb-1
/// (2 cells, 5G) reaches the transport network only through its anchor, over a closed X2.
/// The EPC (mme-1, sgw-1) is from `c`; `d` is the supplier of the new 5G core.
///
/// Assets weigh 7: mme-1, sgw-1 and rtr-1 1 each, enb-1 and gnb-1 2 each.
const NSA_BACKHAUL: &str = r#"{
  "format": "vendorgraph/1",
  "suppliers": [
    {"id": "a", "country": "SE", "risk": "low"},
    {"id": "c", "country": "FI", "risk": "low"},
    {"id": "d", "country": "SE", "risk": "low"},
    {"id": "t", "country": "US", "risk": "low"}
  ],
  "operators": [{"id": "op", "country": "DE"}],
  "assets": [
    {"id": "mme-1", "operator": "op", "function": "mme", "supplier": "c"},
    {"id": "sgw-1", "operator": "op", "function": "sgw", "supplier": "c"},
    {"id": "rtr-1", "operator": "op", "function": "router", "supplier": "t"},
    {"id": "enb-1", "operator": "op", "function": "enb", "supplier": "a", "weight": 2},
    {"id": "gnb-1", "operator": "op", "function": "gnb", "supplier": "a", "weight": 2}
  ],
  "links": [
    {"from": "enb-1", "to": "mme-1", "kind": "connects_to", "interface": "S1-MME"},
    {"from": "enb-1", "to": "sgw-1", "kind": "connects_to", "interface": "S1-U"},
    {"from": "enb-1", "to": "rtr-1", "kind": "connects_to", "interface": "backhaul"},
    {"from": "gnb-1", "to": "enb-1", "kind": "anchored_by", "interface": "X2"},
    {"from": "gnb-1", "to": "sgw-1", "kind": "connects_to", "interface": "S1-U"}
  ]
}"#;

const MIGRATE: &str =
    r#"{"name": "sa", "steps": [{"migrate_sa": {"operator": "op", "core_supplier": "d"}}]}"#;

fn inventory(text: &str) -> Inventory {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("inventory.json");
    std::fs::write(&path, text).expect("write");
    let loaded = load(&[path]);
    let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    loaded.inventory.expect("valid")
}

fn plan(inv: &str, scenario: &str) -> Plan {
    let s = Scenario::parse("scenario.json", scenario).expect("scenario parses");
    let today = Date::parse("2025-01-01").expect("date");
    run_plan(inventory(inv), &s, &Policy::default(), today).expect("plan runs")
}

fn near(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < EPS, "{what}: {a} != {b}");
}

/// (outage, outage_4g, outage_5g) of supplier `s` for `op`, against the expected values.
fn check(f: &Figures, s: &str, expected: (f64, f64, f64)) {
    let o = f.operator("op").expect("operator");
    let x = o
        .outage
        .suppliers
        .iter()
        .find(|x| x.supplier == s)
        .unwrap_or_else(|| panic!("{s} is not relevant"));
    near(x.outage, expected.0, &format!("outage of {s}"));
    near(x.outage_4g.expect("4g"), expected.1, &format!("4G of {s}"));
    near(x.outage_5g.expect("5g"), expected.2, &format!("5G of {s}"));
}

#[test]
fn migrate_sa_keeps_the_backhaul_of_the_anchor() {
    let p = plan(NSA_BACKHAUL, MIGRATE);
    // Baseline: 4 cells (2 of 4G, 2 of 5G). Every supplier takes down everything: the eNB
    // needs the EPC and the router, and the gNB needs its eNB.
    for s in ["a", "c", "t"] {
        check(&p.baseline, s, (1.0, 1.0, 1.0));
    }
    let op = p.baseline.operator("op").expect("op");
    assert_eq!(group_ids(op), ["enb-1"]);
    near(op.lockin.index.expect("index"), 4.0 / 7.0, "lock-in before");

    let step = &p.steps[0];
    let after = &step.figures;
    // After: gnb-1 is on the new core (d) and keeps enb-1's backhaul to rtr-1.
    // a: both cells' supplier, everything. c (EPC): only the eNB, 4G. d (5G core): only the
    // gNB, 5G. t (the router): both, as before; without the copied backhaul it would be
    // 50%, 0% of 5G, the false gain of issue 17.
    check(after, "a", (1.0, 1.0, 1.0));
    check(after, "c", (0.5, 1.0, 0.0));
    check(after, "d", (0.5, 0.0, 1.0));
    check(after, "t", (1.0, 1.0, 1.0));
    let op = after.operator("op").expect("op");
    let relevant: Vec<&str> = op
        .outage
        .suppliers
        .iter()
        .map(|s| s.supplier.as_str())
        .collect();
    assert_eq!(relevant, ["a", "t", "c", "d"], "outage descending, then id");
    let pair = op.outage.worst_pair.as_ref().expect("pair");
    assert_eq!(pair.suppliers, ["a", "c"]);
    near(pair.outage, 1.0, "worst pair");
    // Core: c 2 of 10, d 8 of 10; transport unchanged.
    near(op.domain("core").expect("core").hhi, 6800.0, "core HHI");
    near(
        op.domain("transport").expect("transport").hhi,
        10000.0,
        "transport HHI",
    );
    // The X2 pair is gone and the copied backhaul is open: no lock-in left (15 weight).
    assert!(group_ids(op).is_empty());
    near(op.lockin.index.expect("index"), 0.0, "lock-in after");

    // The delta: the router's outage does not move.
    let d = &step.delta.operators[0];
    let t = d.outage.suppliers.iter().find(|s| s.supplier == "t");
    near(t.expect("t").outage, 0.0, "delta of t");
    near(t.expect("t").outage_5g.expect("5g"), 0.0, "delta 5G of t");

    // What the step says: the backhaul link is added and named; no warning.
    assert!(
        step.effect.warnings.is_empty(),
        "{:?}",
        step.effect.warnings
    );
    let gnb = step
        .effect
        .changed_assets
        .iter()
        .find(|c| c.change == ChangeKind::Relinked)
        .expect("relinked");
    assert_eq!(gnb.asset, "gnb-1");
    assert_eq!(
        gnb.to.as_deref(),
        Some(
            "connects_to op-sa-amf (N2), op-sa-upf (N3); connects_to rtr-1 (backhaul, copied from enb-1)"
        )
    );
    // 14 links among the core, N2 and N3, and the backhaul: 17 added; X2 and S1-U removed.
    assert_eq!(step.effect.links.added, 17);
    assert_eq!(step.effect.links.removed, 2);
    let inv = &p.inventory;
    let g = inv.asset_ix("gnb-1").expect("gnb-1");
    let r = inv.asset_ix("rtr-1").expect("rtr-1");
    let backhaul = inv
        .links
        .iter()
        .find(|l| l.from == g && inv.targets(l) == [r])
        .expect("gnb-1 -> rtr-1");
    assert_eq!(inv.interface(backhaul), Some("backhaul"));
    assert_eq!(backhaul.need, 1);
}

#[test]
fn a_gnb_that_already_has_its_backhaul_gets_no_second_link() {
    let with_own = NSA_BACKHAUL.replace(
        r#"{"from": "gnb-1", "to": "sgw-1""#,
        r#"{"from": "gnb-1", "to": "rtr-1", "kind": "connects_to"},
    {"from": "gnb-1", "to": "sgw-1""#,
    );
    let p = plan(&with_own, MIGRATE);
    let step = &p.steps[0];
    assert_eq!(step.effect.links.added, 16);
    check(&step.figures, "t", (1.0, 1.0, 1.0));
    assert!(step.effect.warnings.is_empty());
}

/// A backhaul that is not a `connects_to` link to transport alone (here the eNB runs on a
/// site server that holds the router link) is not copied: the step warns that the gNB is
/// cut off from the transport network.
#[test]
fn a_gnb_left_without_a_path_to_transport_is_warned_about() {
    let via_server = NSA_BACKHAUL
        .replace(
            r#"{"from": "enb-1", "to": "rtr-1", "kind": "connects_to", "interface": "backhaul"}"#,
            r#"{"from": "enb-1", "to": "srv-1", "kind": "runs_on"},
    {"from": "srv-1", "to": "rtr-1", "kind": "connects_to"}"#,
        )
        .replace(
            r#"{"id": "rtr-1","#,
            r#"{"id": "srv-1", "operator": "op", "function": "server", "supplier": "a"},
    {"id": "rtr-1","#,
        );
    let p = plan(&via_server, MIGRATE);
    let step = &p.steps[0];
    assert_eq!(
        step.effect.warnings,
        [
            "rehomed-without-transport: re-homed gNB \"gnb-1\" has no path to any transport asset, while its anchor \"enb-1\" had one: its figures leave out the backhaul (add a link to it with an add step)"
        ]
    );
    // The figures show what the warning says: the router no longer takes the gNB down.
    check(&step.figures, "t", (0.5, 1.0, 0.0));
}

/// Two steps: the migration, then the EPC moves to the new core's supplier `d`. Step 2
/// alone moves d's outage from 1/2 to 1 (its step delta, +1/2), while from the baseline
/// (where d has no asset, so outage 0) it rises by 1; c leaves the network: -1/2 from step
/// 1, -1 from the baseline.
#[test]
fn each_step_has_its_own_delta_and_the_plan_closes_with_a_summary() {
    let p = plan(
        NSA_BACKHAUL,
        r#"{"name": "sa", "steps": [
          {"migrate_sa": {"operator": "op", "core_supplier": "d"}},
          {"set_supplier": {"select": {"ids": ["mme-1", "sgw-1"]}, "supplier": "d"}}]}"#,
    );
    let outage_delta = |d: &vendorgraph::report::model::Delta, s: &str| {
        let x = d.operators[0]
            .outage
            .suppliers
            .iter()
            .find(|x| x.supplier == s)
            .unwrap_or_else(|| panic!("{s} in the delta"))
            .clone();
        (x.outage, x.outage_4g.expect("4g"), x.outage_5g.expect("5g"))
    };
    // Step 1: from the baseline and from the step before are the same thing.
    assert_eq!(p.steps[0].delta, p.steps[0].step_delta);
    let s2 = &p.steps[1];
    check(&s2.figures, "d", (1.0, 1.0, 1.0));
    let (o, o4, o5) = outage_delta(&s2.step_delta, "d");
    near(o, 0.5, "step delta of d");
    near(o4, 1.0, "step delta 4G of d");
    near(o5, 0.0, "step delta 5G of d");
    let (o, o4, o5) = outage_delta(&s2.delta, "d");
    near(o, 1.0, "delta of d");
    near(o4, 1.0, "delta 4G of d");
    near(o5, 1.0, "delta 5G of d");
    near(outage_delta(&s2.step_delta, "c").0, -0.5, "step delta of c");
    near(outage_delta(&s2.delta, "c").0, -1.0, "delta of c");
    // The rows people read carry both changes.
    let op = &s2.view.operators[0];
    let row = op
        .rows
        .iter()
        .find(|r| r.label == "outage if d fails")
        .expect("row");
    assert_eq!(row.step_change, Change::Points(0.5));
    assert_eq!(row.change, Change::Points(1.0));
    assert_eq!(row.previous, Value::Share(0.5));

    // The summary: no deny finding (no high-risk supplier); the figures that rose where
    // rising is worse: d's outage (all, 4G, 5G) for op, and its national outage in DE and
    // in all (one operator, weight 1). Core and transport HHI end where they began.
    assert!(p.summary.deny_left.is_empty());
    let worse: Vec<(String, String, f64, f64)> = p
        .summary
        .worse
        .iter()
        .map(|w| (w.id.clone(), w.figure.clone(), w.before, w.after))
        .collect();
    let w = |id: &str, f: &str| (id.to_owned(), f.to_owned(), 0.0, 1.0);
    assert_eq!(
        worse,
        [
            w("op", "outage if d fails"),
            w("op", "4G outage if d fails"),
            w("op", "5G outage if d fails"),
            w("DE", "national outage if d fails"),
            w("all", "national outage if d fails"),
        ]
    );
}

/// Issue 17: `plan --emit DIR --emit-format csv` writes the four CSV tables through the one
/// `vendorgraph/1` writer; `scan` of that directory gives the same report as `scan` of the
/// JSON the plan emits (the same figures and findings, byte for byte); `--emit-format xlsx`
/// writes a workbook that `scan` reads back to the same figures.
#[test]
fn emit_format_csv_round_trips_through_scan() {
    use crate::support::{run, stderr, stdout};
    let dir = tempfile::tempdir().expect("temp");
    let emit = |format: &str| {
        let out = dir.path().join(format);
        let o = run(&[
            "plan",
            "fixtures/small",
            "--scenario",
            "fixtures/scenarios/nsa-to-sa.json",
            "--format",
            "json",
            "--emit",
            out.to_str().expect("utf-8"),
            "--emit-format",
            format,
            "--as-of",
            "2026-11-22",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        out
    };
    let (json, csv) = (emit("json"), emit("csv"));
    let mut names: Vec<String> = std::fs::read_dir(&csv)
        .expect("csv dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["assets.csv", "links.csv", "operators.csv", "suppliers.csv"]
    );
    let scan = |input: &std::path::Path| {
        let o = run(&[
            "scan",
            input.to_str().expect("utf-8"),
            "--format",
            "json",
            "--as-of",
            "2026-11-22",
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        stdout(&o)
    };
    let from_csv = scan(&csv);
    assert!(from_csv.contains("\"de-nsa-sa-amf\""), "the migrated state");
    assert_eq!(from_csv, scan(&json));
    // The workbook too: `inventory.xlsx`, read back by the workbook importer, gives the
    // same figures and findings (warnings name the file and cell, so they are left out).
    let xlsx = emit("xlsx");
    assert!(xlsx.join("inventory.xlsx").is_file());
    let without_warnings = |text: &str| {
        let mut v: serde_json::Value = serde_json::from_str(text).expect("json");
        v.as_object_mut().expect("object").remove("warnings");
        v
    };
    assert_eq!(without_warnings(&scan(&xlsx)), without_warnings(&from_csv));
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
