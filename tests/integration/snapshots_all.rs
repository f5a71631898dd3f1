//! Snapshots of every output, taken before the back half was refactored (issue 10): from
//! here on every output stays byte-identical unless a change is made on purpose.

use crate::support::{run, stderr, stdout};

const AS_OF: &str = "2026-11-22";

/// Every file of a directory, in name order, as one text with a header per file.
fn dir_text(dir: &std::path::Path) -> String {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    let mut out = String::new();
    for p in names {
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).expect("read");
        out.push_str(&format!("==> {name} <==\n{text}"));
    }
    out
}

#[test]
fn scan_csv_tables_of_small() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("csv");
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "csv",
        "-o",
        out.to_str().expect("utf-8"),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("scan_small_csv", dir_text(&out));
}

#[test]
fn scan_of_the_csv_fixture_in_every_format() {
    for format in ["table", "json", "markdown"] {
        let o = run(&["scan", "fixtures/csv", "--format", format, "--as-of", AS_OF]);
        insta::assert_snapshot!(format!("scan_csv_fixture_{format}"), stdout(&o));
    }
}

#[test]
fn scan_of_europe_as_table_and_markdown() {
    for format in ["table", "markdown"] {
        let o = run(&[
            "scan",
            "fixtures/europe",
            "--format",
            format,
            "--as-of",
            AS_OF,
        ]);
        insta::assert_snapshot!(format!("scan_europe_{format}"), stdout(&o));
    }
}

#[test]
fn plan_of_every_scenario_in_every_format() {
    for scenario in [
        "exclude-supplier-nationally",
        "nsa-to-sa",
        "replace-hr-ran-sensitive",
    ] {
        for format in ["table", "json", "markdown"] {
            let path = format!("fixtures/scenarios/{scenario}.json");
            let o = run(&[
                "plan",
                "fixtures/small",
                "--scenario",
                &path,
                "--format",
                format,
                "--as-of",
                AS_OF,
            ]);
            let text = format!(
                "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
                o.status.code(),
                stdout(&o),
                stderr(&o)
            );
            insta::assert_snapshot!(format!("plan_{scenario}_{format}"), text);
        }
    }
}

#[test]
fn plan_emit_writes_the_inventory() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("emit");
    let o = run(&[
        "plan",
        "fixtures/small",
        "--scenario",
        "fixtures/scenarios/nsa-to-sa.json",
        "--format",
        "json",
        "--emit",
        out.to_str().expect("utf-8"),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("plan_nsa_to_sa_emit", dir_text(&out));
}

#[test]
fn explain_in_both_formats() {
    for asset in ["dn-gnb-b1", "fr-smf-1", "fr-amf-1"] {
        for format in ["table", "json"] {
            let o = run(&["explain", "fixtures/small", asset, "--format", format]);
            insta::assert_snapshot!(format!("explain_{asset}_{format}"), stdout(&o));
        }
    }
}

#[test]
fn validate_json_of_small_and_csv() {
    for (name, input) in [("small", "fixtures/small"), ("csv", "fixtures/csv")] {
        let o = run(&["validate", input, "--format", "json"]);
        insta::assert_snapshot!(format!("validate_json_{name}"), stdout(&o));
    }
}

#[test]
fn diagnostics_of_every_invalid_fixture() {
    let mut names: Vec<_> = std::fs::read_dir(crate::support::fixture("invalid"))
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    let mut out = String::new();
    for name in names {
        let path = format!("fixtures/invalid/{name}");
        let table = run(&["validate", "--format", "table", &path]);
        let json = run(&["validate", &path, "--format", "json"]);
        out.push_str(&format!(
            "==> {name} (exit {:?})\n{}{}{}\n",
            table.status.code(),
            stdout(&table),
            stderr(&table),
            stdout(&json)
        ));
    }
    insta::assert_snapshot!("diagnostics_invalid_fixtures", out);
}

/// Issue 12: names, reasons and interfaces holding terminal escape sequences are shown
/// escaped in every human format (the JSON keeps them exact).
#[test]
fn hostile_text_is_shown_escaped_in_tables_markdown_and_csv() {
    let inv = "fixtures/crashers/esc-inventory.json";
    let policy = "fixtures/crashers/esc-policy.toml";
    for format in ["table", "markdown"] {
        let o = run(&[
            "scan", inv, "--policy", policy, "--format", format, "--as-of", AS_OF,
        ]);
        let text = stdout(&o);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
        insta::assert_snapshot!(format!("scan_hostile_{format}"), text);
    }
    let o = run(&["explain", "--format", "table", inv, "g", "--policy", policy]);
    assert!(!stdout(&o).contains('\u{1b}'), "{}", stdout(&o));
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("csv");
    let o = run(&[
        "scan",
        inv,
        "--policy",
        policy,
        "--format",
        "csv",
        "-o",
        out.to_str().expect("utf-8"),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir_text(&out).contains('\u{1b}'));
    let o = run(&[
        "scan", inv, "--policy", policy, "--format", "json", "--as-of", AS_OF,
    ]);
    assert!(
        stdout(&o).contains("\\u001b]0;PWNED"),
        "JSON keeps the text exact"
    );
}

/// Issue 12 and cli.md "Bounded lists": a 40-step control chain is reported as its first 31
/// ids and the high-risk asset, with `path_length` 40; a lock-in group of 40 operators lists
/// 32 of them inside each operator's entry, with `operators_total`, and all 40 in the
/// top-level `lockin_groups`; `explain` prints the whole path.
#[test]
fn long_paths_and_shared_groups_are_bounded_in_operator_entries() {
    let n = 40;
    let mut assets = vec![
        r#"{"id":"a00","operator":"op00","function":"gnb","supplier":"s-a","sensitive":true}"#
            .to_owned(),
    ];
    let mut links = Vec::new();
    for i in 1..=n {
        let sup = if i == n { "s-hr" } else { "s-a" };
        assets.push(format!(
            r#"{{"id":"a{i:02}","operator":"op00","function":"ems","supplier":"{sup}"}}"#
        ));
        links.push(format!(
            r#"{{"from":"a{:02}","to":"a{i:02}","kind":"managed_by"}}"#,
            i - 1
        ));
    }
    let mut operators = Vec::new();
    for o in 0..n {
        operators.push(format!(r#"{{"id":"op{o:02}","country":"DE"}}"#));
        if o > 0 {
            assets.push(format!(
                r#"{{"id":"g{o:02}","operator":"op{o:02}","function":"gnb","supplier":"s-a"}}"#
            ));
            links.push(format!(
                r#"{{"from":"g{o:02}","to":"a01","kind":"managed_by"}}"#
            ));
        }
    }
    let doc = format!(
        r#"{{"format":"vendorgraph/1","suppliers":[{{"id":"s-a","country":"SE"}},{{"id":"s-hr","country":"CN","risk":"high"}}],"operators":[{}],"assets":[{}],"links":[{}]}}"#,
        operators.join(","),
        assets.join(","),
        links.join(",")
    );
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("bounded.json");
    std::fs::write(&path, doc).expect("write");
    let input = path.to_str().expect("utf-8");
    let o = run(&["scan", input, "--format", "json", "--as-of", AS_OF]);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let op0 = &r["operators"][0];
    let a0 = op0["exposure"]["exposed"]
        .as_array()
        .expect("exposed")
        .iter()
        .find(|e| e["asset"] == "a00")
        .expect("a00 is exposed");
    let path = a0["path"].as_array().expect("path");
    assert_eq!(path.len(), 32);
    assert_eq!(path[30], "a30");
    assert_eq!(path[31], "a40");
    assert_eq!(a0["path_length"], 40);
    let group = &op0["lockin"]["groups"][0];
    assert_eq!(group["operators"].as_array().expect("ops").len(), 32);
    assert_eq!(group["operators_total"], 40);
    let all = &r["lockin_groups"][0];
    assert_eq!(all["operators"].as_array().expect("ops").len(), 40);
    assert!(all.get("operators_total").is_none());
    let o = run(&["explain", input, "a00", "--format", "json"]);
    let e: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(e["exposure"]["path"].as_array().expect("path").len(), 41);
    let o = run(&["scan", input, "--format", "markdown", "--as-of", AS_OF]);
    assert!(stdout(&o).contains("a30 → ... → a40"), "{}", stdout(&o));
}
