//! Snapshot tests of the reports (insta): a change in any of them shows up in review.

use crate::support::{run, stdout};

fn scan_small(format: &str) -> String {
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        format,
        "--as-of",
        "2026-11-22",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "deny findings exist in fixtures/small"
    );
    stdout(&o)
}

#[test]
fn scan_json_of_small() {
    insta::assert_snapshot!("scan_small_json", scan_small("json"));
}

#[test]
fn scan_table_of_small() {
    insta::assert_snapshot!("scan_small_table", scan_small("table"));
}

#[test]
fn scan_markdown_of_small() {
    insta::assert_snapshot!("scan_small_markdown", scan_small("markdown"));
}

#[test]
fn scan_with_example_policy() {
    let o = run(&[
        "scan",
        "fixtures/small",
        "--policy",
        "fixtures/policies/exclude-core-nmo-cap-ran-35.toml",
        "--format",
        "table",
        "--as-of",
        "2026-11-22",
    ]);
    insta::assert_snapshot!("scan_small_policy_table", stdout(&o));
}

#[test]
fn validate_summary_of_small() {
    let o = run(&["validate", "--format", "table", "fixtures/small"]);
    insta::assert_snapshot!("validate_small", stdout(&o));
}

#[test]
fn explain_of_an_exposed_gnb() {
    let o = run(&[
        "explain",
        "--format",
        "table",
        "fixtures/small",
        "dn-gnb-b1",
    ]);
    insta::assert_snapshot!("explain_dn_gnb_b1", stdout(&o));
}

#[test]
fn explain_of_an_offshore_core_function() {
    let o = run(&["explain", "fixtures/small", "fr-smf-1", "--format", "json"]);
    insta::assert_snapshot!("explain_fr_smf_1_json", stdout(&o));
}

#[test]
fn help_texts() {
    for (name, args) in [
        ("help", &["--help"][..]),
        ("help_scan", &["scan", "--help"][..]),
        ("help_validate", &["validate", "--help"][..]),
        ("help_import_nrm", &["import", "nrm", "--help"][..]),
        ("help_diff", &["diff", "--help"][..]),
        ("help_import_netbox", &["import", "netbox", "--help"][..]),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0));
        insta::assert_snapshot!(name, stdout(&o));
    }
}
