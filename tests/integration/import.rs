//! `vendorgraph import`: 3GPP NRM and NetBox exports to inventories that validate and scan
//! with figures computed by hand; every malformed input located.

use std::path::Path;

use serde_json::Value;

use crate::support::{close, fixture, run, stderr, stdout};

/// Runs `import KIND FILES... -o DIR` (plus `extra`), expecting success; returns the summary.
fn import_to(kind: &str, files: &[&str], extra: &[&str], dir: &Path) -> String {
    let out = dir.display().to_string();
    let mut args = vec!["import", kind];
    args.extend(files);
    args.extend(extra);
    args.extend(["-o", &out]);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stderr(&o)
}

/// The JSON scan report of a directory.
fn scan_json(dir: &Path) -> Value {
    let o = run(&["scan", &dir.display().to_string(), "--format", "json"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("JSON report")
}

fn operator<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["operators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no operator {id}"))
}

fn hhi(op: &Value, domain: &str) -> f64 {
    op["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain"] == domain)
        .unwrap()["hhi"]
        .as_f64()
        .unwrap()
}

fn outage(op: &Value, supplier: &str) -> f64 {
    op["outage"]["suppliers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["supplier"] == supplier)
        .unwrap()["outage"]
        .as_f64()
        .unwrap()
}

/// The `validate --format json` counts of a directory.
fn validated_counts(dir: &Path) -> (u64, u64, u64, u64) {
    let o = run(&["validate", &dir.display().to_string(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &v["summary"];
    let n = |k: &str| c[k].as_u64().unwrap_or_else(|| panic!("counts.{k} in {v}"));
    (n("suppliers"), n("operators"), n("assets"), n("links"))
}

/// The counts the first line of a summary announces.
fn announced(summary: &str) -> (u64, u64, u64, u64) {
    let line = summary
        .lines()
        .find(|l| l.contains(" suppliers, "))
        .unwrap();
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    let n = nums.len();
    (nums[n - 4], nums[n - 3], nums[n - 2], nums[n - 1])
}

#[test]
fn nrm_nsa_and_sa_operators_scan_with_the_figures_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("inv");
    import_to(
        "nrm",
        &["fixtures/nrm/two-operators.xml"],
        &["--map", "fixtures/nrm/map.toml"],
        &out,
    );
    let r = scan_json(&out);
    // DE NSA: RAN = Huawei eNB 3 cells + CU-CP 1 + DU 1 + gNB 2 cells = 7, Ericsson eNB 2 +
    // CU-CP 1 + DU 1 + gNB 2 = 6: HHI = 10000 (7² + 6²) / 13² = 850000 / 169.
    let nsa = operator(&r, "de-nsa");
    close(hhi(nsa, "ran"), 850_000.0 / 169.0);
    close(hhi(nsa, "core"), 10_000.0);
    // Units: eNBs 3 + 2 cells, gNBs 2 + 2 = 9. Huawei takes the MME, every eNB through S1,
    // every en-gNB through its anchor: all 9. Ericsson: its eNB 2 and its gNB 2: 4 of 9.
    close(nsa["outage"]["units_weight"].as_f64().unwrap(), 9.0);
    close(outage(nsa, "huawei"), 1.0);
    close(outage(nsa, "ericsson"), 4.0 / 9.0);
    // FR SA: core = Ericsson AMF, SMF, UPF, AUSF, UDM (5) and a Nokia AMF (1): 10000 (25 + 1)
    // / 36; RAN = Nokia CU-CP, CU-UP, DU, gNB 3 = 6 and Ericsson CU-CP, DU, gNB 1 = 3.
    let sa = operator(&r, "fr-sa");
    close(hhi(sa, "core"), 260_000.0 / 36.0);
    close(hhi(sa, "ran"), 50_000.0 / 9.0);
    // Units 3 + 1. Ericsson takes the SMF, so both AMFs (N11), so both gNBs: 4 of 4. Nokia
    // takes its own gNB (3); the Ericsson gNB keeps AMF 1: 3 of 4.
    close(sa["outage"]["units_weight"].as_f64().unwrap(), 4.0);
    close(outage(sa, "ericsson"), 1.0);
    close(outage(sa, "nokia"), 0.75);
    // Lock-in: the Ericsson OSS closes over core-1 (5 assets) and gnb-p2 (3): 9 of 16.
    close(sa["lockin"]["index"].as_f64().unwrap(), 9.0 / 16.0);
    // The map's high-risk mark reaches the report: Huawei's share of the NSA RAN.
    let ran = nsa["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain"] == "ran")
        .unwrap();
    close(ran["high_risk_share"].as_f64().unwrap(), 7.0 / 13.0);
}

#[test]
fn nrm_dry_run_announces_the_counts_that_validate() {
    let files = [
        "fixtures/nrm/two-operators.xml",
        "fixtures/nrm/sa-core.json",
    ];
    let mut args = vec!["import", "nrm"];
    args.extend(files);
    args.extend(["--map", "fixtures/nrm/map.toml", "--dry-run"]);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dry = stdout(&o);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("inv");
    let summary = import_to("nrm", &files, &["--map", "fixtures/nrm/map.toml"], &out);
    assert_eq!(announced(&dry), validated_counts(&out));
    assert_eq!(announced(&summary), announced(&dry));
    insta::assert_snapshot!("import_nrm_dry_run", dry);
    insta::assert_snapshot!("import_nrm_warnings", stderr(&o));
}

#[test]
fn nrm_output_is_the_same_whatever_the_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let map = ["--map", "fixtures/nrm/map.toml"];
    let xml = "fixtures/nrm/two-operators.xml";
    let json = "fixtures/nrm/sa-core.json";
    import_to("nrm", &[xml, json], &map, &a);
    import_to("nrm", &[json, xml], &map, &b);
    let text = std::fs::read_to_string(a.join("inventory.json")).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(b.join("inventory.json")).unwrap()
    );
    insta::assert_snapshot!("import_nrm_inventory", text);
}

#[test]
fn nrm_without_a_map_uses_the_built_in_vendors_and_country_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("inv");
    import_to("nrm", &["fixtures/nrm/two-operators.xml"], &[], &out);
    let text = std::fs::read_to_string(out.join("inventory.json")).unwrap();
    assert!(
        text.contains(r#"{"id":"DE-NSA","name":"DE NSA Mobil","country":"DE""#),
        "{text}"
    );
    assert!(text.contains(r#"{"id":"huawei","name":"Huawei","country":"CN","source""#));
    // Every row names its file and element.
    let v: Value = serde_json::from_str(&text).unwrap();
    for table in ["suppliers", "operators", "assets", "links"] {
        for row in v[table].as_array().unwrap() {
            let source = row["source"].as_str().unwrap_or_default();
            assert!(
                source.starts_with("fixtures/nrm/two-operators.xml: SubNetwork="),
                "{row}"
            );
        }
    }
}

#[test]
fn malformed_nrm_exports_and_maps_are_located_all_at_once() {
    let mut args = vec!["import", "nrm"];
    let files = [
        "fixtures/nrm/invalid/malformed.json",
        "fixtures/nrm/invalid/no-country.xml",
        "fixtures/nrm/invalid/not-well-formed.xml",
        "fixtures/nrm/invalid/undeclared-prefix.xml",
        "fixtures/nrm/invalid/wrong-shape.json",
        "fixtures/nrm/two-operators.xml",
    ];
    args.extend(files);
    args.push("--dry-run");
    let o = run(&args);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    insta::assert_snapshot!("import_nrm_invalid", stderr(&o));
    let o = run(&[
        "import",
        "nrm",
        "fixtures/nrm/two-operators.xml",
        "--map",
        "fixtures/nrm/invalid/bad-map.toml",
        "--dry-run",
    ]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("import_nrm_bad_map", stderr(&o));
}

#[test]
fn the_public_bulk_cm_sample_is_refused_where_its_undeclared_prefix_is() {
    let sample = Path::new("../shared/data/nrm/bulkcm-format-sample/bulkcm.xml");
    let path = crate::support::root().join(sample);
    if !path.exists() {
        // The shared data sits beside the repository in the project's workspace only.
        return;
    }
    let o = run(&["import", "nrm", &path.display().to_string(), "--dry-run"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("namespace prefix \"es\" is not declared"),
        "{err}"
    );
    assert!(err.contains("bulkcm.xml:69:25"), "{err}");
}

#[test]
fn nothing_is_written_when_the_import_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("inv");
    let o = run(&[
        "import",
        "nrm",
        "fixtures/nrm/invalid/no-country.xml",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    assert!(fixture("nrm/two-operators.xml").exists());
}

/// The NetBox demo export (MIT, netbox-community/netbox-demo-data), unpacked into `dir`.
fn demo_export(dir: &Path) -> String {
    use std::io::Read;
    let gz = std::fs::read(fixture("netbox/demo/netbox-demo-v3.6.subset.json.gz")).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut text)
        .unwrap();
    let path = dir.join("netbox-demo-v3.6.subset.json");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn netbox_demo_export_imports_with_the_counts_its_dry_run_announces() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_export(dir.path());
    let map = "fixtures/netbox/demo/map.toml";
    let o = run(&["import", "netbox", &demo, "--map", map, "--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let hide = |s: String| s.replace(&demo, "<demo>");
    let dry = hide(stdout(&o));
    // 40 devices of mapped roles (13 routers, 26 switches, 1 server; 32 PDUs and patch
    // panels skipped), 180 VMs on the 9 DigitalOcean clusters they use, 29 circuits.
    assert_eq!(announced(&dry), (7, 3, 258, 219));
    // The demo's cables to front, rear and power ports name records it does not hold:
    // warnings, not errors.
    let warnings = hide(stderr(&o));
    assert!(warnings.contains("0 errors"), "{warnings}");
    assert_eq!(warnings.matches("warning[unresolved-reference]").count(), 3);
    let out = dir.path().join("inv");
    import_to("netbox", &[&demo], &["--map", map], &out);
    assert_eq!(validated_counts(&out), announced(&dry));
    insta::assert_snapshot!("import_netbox_demo_dry_run", dry);
    insta::assert_snapshot!("import_netbox_demo_warnings", warnings);
}

#[test]
fn netbox_rest_results_give_devices_vms_on_their_hosts_circuits_and_cables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("inv");
    let files = [
        "fixtures/netbox/rest/cables.json",
        "fixtures/netbox/rest/circuits.json",
        "fixtures/netbox/rest/devices.json",
        "fixtures/netbox/rest/virtual-machines.json",
    ];
    let summary = import_to(
        "netbox",
        &files,
        &["--map", "fixtures/netbox/rest/map.toml"],
        &out,
    );
    assert_eq!(announced(&summary), validated_counts(&out));
    let text = std::fs::read_to_string(out.join("inventory.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let link = |from: &str| -> Vec<String> {
        v["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["from"] == from)
            .map(|l| format!("{} {}", l["kind"].as_str().unwrap(), l["to"]))
            .collect()
    };
    // A VM runs on its cluster's devices, as alternatives: it survives one host's loss.
    assert_eq!(
        link("par-k8s.par-amf-1"),
        [r#"runs_on ["par-srv-1","par-srv-2"]"#]
    );
    // Cables run from the edge up: baseband and servers to the router, the router to its
    // circuit, whose provider supplies a managed service.
    assert_eq!(link("par-bb-1"), [r#"connects_to "par-rtr-1""#]);
    assert_eq!(
        link("par-rtr-1"),
        [r#"connects_to "circuit-FR-PAR-LYO-01""#]
    );
    assert!(text.contains(r#""function":"managed-service","supplier":"orange""#));
    // The firewall's tag maps to a function, but its manufacturer is unknown: reported.
    assert!(
        summary.contains("manufacturer \"Acme Security\" is not in the map"),
        "{summary}"
    );
    insta::assert_snapshot!("import_netbox_rest_inventory", text);
    let out = out.display().to_string();
    insta::assert_snapshot!("import_netbox_rest_summary", summary.replace(&out, "<out>"));
}

#[test]
fn malformed_netbox_exports_are_located_and_the_map_is_required() {
    let o = run(&[
        "import",
        "netbox",
        "fixtures/netbox/invalid/bad-pk.json",
        "fixtures/netbox/invalid/malformed.json",
        "fixtures/netbox/invalid/wrong-shape.json",
        "--map",
        "fixtures/netbox/rest/map.toml",
        "--dry-run",
    ]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("import_netbox_invalid", stderr(&o));
    let o = run(&[
        "import",
        "netbox",
        "fixtures/netbox/rest/devices.json",
        "--dry-run",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--map <MAP.toml>"), "{}", stderr(&o));
}

#[test]
fn netbox_output_is_the_same_whatever_the_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let map = ["--map", "fixtures/netbox/rest/map.toml"];
    let mut files = [
        "fixtures/netbox/rest/cables.json",
        "fixtures/netbox/rest/circuits.json",
        "fixtures/netbox/rest/devices.json",
        "fixtures/netbox/rest/virtual-machines.json",
    ];
    import_to("netbox", &files, &map, &a);
    files.reverse();
    import_to("netbox", &files, &map, &b);
    let text = std::fs::read_to_string(a.join("inventory.json")).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(b.join("inventory.json")).unwrap()
    );
}
