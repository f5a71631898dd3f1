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
        let table = run(&["validate", &path]);
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
    let o = run(&["explain", inv, "g", "--policy", policy]);
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
