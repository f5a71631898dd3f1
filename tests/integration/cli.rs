//! Tests: cli.
//!
//! The `vendorgraph` binary, run from the repository root: `validate`, `scan` and
//! `explain`, their exit statuses, what goes to standard output, standard error and files.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use super::support::{run, run_stdin, stderr, stdout};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The exit status, with both streams in the message when it is not the expected one.
#[track_caller]
fn assert_status(o: &Output, expected: i32) {
    assert_eq!(
        o.status.code(),
        Some(expected),
        "exit status\n--- stdout\n{}\n--- stderr\n{}",
        stdout(o),
        stderr(o)
    );
}

/// Standard output parsed as JSON.
#[track_caller]
fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON: {e}\n--- stdout\n{}\n--- stderr\n{}",
            stdout(o),
            stderr(o)
        )
    })
}

/// The sorted keys of a JSON object.
#[track_caller]
fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

/// A path as an argument.
fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// A small valid inventory without warnings.
const TINY: &str = r#"{
  "format": "vendorgraph/1",
  "suppliers": [
    {"id": "ericsson", "country": "SE"},
    {"id": "nokia", "country": "FI"}
  ],
  "operators": [{"id": "op-a", "country": "DE", "subscribers": 100}],
  "assets": [
    {"id": "a-gnb", "operator": "op-a", "function": "gnb", "supplier": "ericsson"},
    {"id": "a-amf", "operator": "op-a", "function": "amf", "supplier": "nokia"}
  ],
  "links": [{"from": "a-gnb", "to": "a-amf", "kind": "connects_to"}]
}
"#;

// ---------------------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------------------

#[test]
fn validate_small_prints_the_summary() {
    let o = run(&["validate", "--format", "table", "fixtures/small"]);
    assert_status(&o, 0);
    let out = stdout(&o);
    // Counts from the files (python3): 13 suppliers of which 3 high (huawei, zte, and
    // huawei-cloud through its group), 3 operators, 60 assets, 107 links; DE has 25 + 8
    // assets and 59 + 9 links, FR 27 and 39.
    assert!(
        out.contains("loaded 13 suppliers (3 high-risk), 3 operators, 60 assets, 107 links"),
        "{out}"
    );
    let row = |cells: &[&str]| {
        out.lines().any(|l| {
            let got: Vec<&str> = l
                .split(['│', '┆'])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            got == cells
        })
    };
    assert!(row(&["DE", "2", "33", "68"]), "{out}");
    assert!(row(&["FR", "1", "27", "39"]), "{out}");
    assert!(out.contains("valid: 4 file(s), 22171 bytes"), "{out}");
    assert_eq!(stderr(&o), "", "no warning for fixtures/small");
}

#[test]
fn validate_csv_prints_the_summary() {
    let o = run(&["validate", "--format", "table", "fixtures/csv"]);
    assert_status(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("loaded 5 suppliers (0 high-risk), 1 operator, 12 assets, 15 links"),
        "{out}"
    );
    assert!(out.contains("valid: 4 file(s)"), "{out}");
    assert_eq!(stderr(&o), "");
}

/// Each entry of fixtures/invalid, its code and its location line, as `validate` prints them.
#[rustfmt::skip]
const INVALID: &[(&str, &str, &str)] = &[
    ("bad-bool-csv", "wrong-type", "bad-bool-csv/assets.csv:2:6 at sensitive"),
    ("bad-country.json", "bad-country", "bad-country.json:15:18 at operators[0].country"),
    ("bad-generation.json", "bad-generation", "bad-generation.json:26:21 at assets[0].generation"),
    ("bad-id.json", "bad-id", "bad-id.json:21:13 at assets[0].id"),
    ("bad-need.json", "bad-need", "bad-need.json:70:15 at links[1].need"),
    ("bad-weight.json", "bad-weight", "bad-weight.json:25:17 at assets[0].weight"),
    ("csv-syntax", "csv-syntax", "csv-syntax/assets.csv:3"),
    ("dangling-reference.json", "dangling-reference", "dangling-reference.json:24:19 at assets[0].supplier"),
    ("duplicate-id-differing", "duplicate-id", "duplicate-id-differing/b.json:5:13 at suppliers[0].id"),
    ("duplicate-id.json", "duplicate-id", "duplicate-id.json:46:13 at assets[4].id"),
    ("duplicate-key.json", "duplicate-key", "duplicate-key.json:26:14 at assets[0]"),
    ("empty-input.json", "empty-input", "empty-input.json"),
    ("empty-targets.json", "empty-targets", "empty-targets.json:64:13 at links[1].to"),
    ("group-cycle.json", "group-cycle", "group-cycle.json:9:16 at suppliers[0].group"),
    ("invalid-utf8.json", "invalid-utf8", "invalid-utf8.json:26:23"),
    ("json-syntax.json", "json-syntax", "json-syntax.json:24:7"),
    ("missing-field.json", "missing-field", "missing-field.json:20:5 at assets[0].supplier"),
    ("missing-format.json", "missing-format", "missing-format.json:1:1"),
    ("self-link.json", "self-link", "self-link.json:64:13 at links[1].to"),
    ("subscribers-overflow.json", "subscribers-overflow", "subscribers-overflow.json:22:22 at operators[1].subscribers"),
    ("unknown-format.json", "unknown-format", "unknown-format.json:2:13 at format"),
    ("unknown-function-hint.json", "unknown-function", "unknown-function-hint.json:29:19 at assets[1].function"),
    ("unknown-function.json", "unknown-function", "unknown-function.json:30:19 at assets[1].function"),
    ("unknown-key.json", "unknown-key", "unknown-key.json:26:16 at assets[0].sensitve"),
    ("unknown-link-kind.json", "unknown-link-kind", "unknown-link-kind.json:68:15 at links[1].kind"),
    ("unknown-risk.json", "unknown-risk", "unknown-risk.json:8:15 at suppliers[0].risk"),
    ("weight-sum-overflow.json", "bad-weight", "weight-sum-overflow.json:32:17 at assets[1].weight"),
    ("wrong-type.json", "wrong-type", "wrong-type.json:25:19 at assets[0].weight"),
];

#[test]
fn validate_each_invalid_fixture_exits_2_with_its_located_error() {
    let mut entries: Vec<String> = std::fs::read_dir(super::support::fixture("invalid"))
        .expect("fixtures/invalid")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    entries.sort();
    let listed: Vec<&str> = INVALID.iter().map(|c| c.0).collect();
    assert_eq!(entries, listed, "every fixture has a case");

    for (entry, code, location) in INVALID {
        let input = format!("fixtures/invalid/{entry}");
        let o = run(&["validate", "--format", "table", &input]);
        assert_status(&o, 2);
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            lines
                .first()
                .is_some_and(|l| l.starts_with(&format!("error[{code}]: "))),
            "{entry}: first line of stderr\n{err}"
        );
        assert_eq!(
            lines.get(1).copied(),
            Some(format!("  --> fixtures/invalid/{location}").as_str()),
            "{entry}: location line\n{err}"
        );
        assert_eq!(
            err.matches("error[").count(),
            1,
            "{entry}: exactly one error\n{err}"
        );
        assert!(err.contains("1 error, 0 warnings"), "{entry}\n{err}");
        assert!(
            err.contains("invalid: fix the errors above"),
            "{entry}\n{err}"
        );
        assert_eq!(stdout(&o), "", "{entry}: nothing on stdout");
    }
}

#[test]
fn validate_json_has_the_documented_keys() {
    let o = run(&["validate", "--format", "json", "fixtures/small"]);
    assert_status(&o, 0);
    assert_eq!(stderr(&o), "", "json output: nothing on stderr");
    let v = json_of(&o);
    assert_eq!(
        keys(&v),
        ["errors", "files", "summary", "valid", "warnings"]
    );
    assert_eq!(v["valid"], true);
    assert_eq!(v["files"].as_array().map(Vec::len), Some(4));
    assert_eq!(v["files"][0], "fixtures/small/op-de-b.json");
    assert_eq!(v["errors"], Value::Array(vec![]));
    assert_eq!(v["warnings"], Value::Array(vec![]));
    let s = &v["summary"];
    assert_eq!(s["suppliers"], 13);
    assert_eq!(s["operators"], 3);
    assert_eq!(s["assets"], 60);
    assert_eq!(s["links"], 107);
    assert_eq!(s["high_risk_suppliers"], 3);
}

#[test]
fn validate_json_of_an_invalid_input() {
    let o = run(&[
        "validate",
        "--format",
        "json",
        "fixtures/invalid/dangling-reference.json",
    ]);
    assert_status(&o, 2);
    assert_eq!(stderr(&o), "", "json output: nothing on stderr");
    let v = json_of(&o);
    assert_eq!(
        keys(&v),
        ["errors", "files", "summary", "valid", "warnings"]
    );
    assert_eq!(v["valid"], false);
    assert_eq!(v["summary"], Value::Null);
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{v}");
    let e = &errors[0];
    assert_eq!(e["severity"], "error");
    assert_eq!(e["code"], "dangling-reference");
    assert_eq!(
        e["message"],
        "asset \"x-gnb-1\" refers to unknown supplier \"nokia\""
    );
    assert_eq!(
        e["location"],
        serde_json::json!({
            "file": "fixtures/invalid/dangling-reference.json",
            "line": 24,
            "column": 19,
            "path": "assets[0].supplier",
        })
    );
}

#[test]
fn validate_json_lists_warnings() {
    let doc = TINY.replace(
        "\"kind\": \"connects_to\"",
        "\"kind\": \"connects_to\", \"open\": false",
    );
    let o = run_stdin(&["validate", "--format", "json", "-"], doc.as_bytes());
    assert_status(&o, 0);
    let v = json_of(&o);
    assert_eq!(v["valid"], true);
    let w = v["warnings"].as_array().expect("warnings");
    assert_eq!(w.len(), 1, "{v}");
    assert_eq!(w[0]["severity"], "warning");
    assert_eq!(w[0]["code"], "closed-cross-supplier-link");
    assert_eq!(w[0]["location"]["file"], "-");
    assert_eq!(w[0]["location"]["path"], "links[0].to");
}

#[test]
fn validate_reads_standard_input() {
    let o = run_stdin(&["validate", "--format", "table", "-"], TINY.as_bytes());
    assert_status(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("loaded 2 suppliers (0 high-risk), 1 operator, 2 assets, 1 link"),
        "{out}"
    );
    assert!(
        out.contains(&format!("valid: 1 file(s), {} bytes", TINY.len())),
        "{out}"
    );

    let o = run_stdin(&["validate", "--format", "json", "-"], TINY.as_bytes());
    assert_status(&o, 0);
    assert_eq!(json_of(&o)["files"], serde_json::json!(["-"]));
}

#[test]
fn validate_locates_errors_on_standard_input() {
    let doc = TINY.replace("\"FI\"", "\"Finland\"");
    let o = run_stdin(&["validate", "--format", "table", "-"], doc.as_bytes());
    assert_status(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("error[bad-country]: "), "{err}");
    assert!(
        err.contains("\n  --> -:5:32 at suppliers[1].country\n"),
        "{err}"
    );
}

#[test]
fn validate_empty_standard_input_is_empty_input() {
    let o = run_stdin(&["validate", "--format", "table", "-"], b"");
    assert_status(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("error[empty-input]: "), "{err}");
    assert!(err.contains("\n  --> -\n"), "{err}");
}

#[test]
fn validate_does_not_panic_on_an_unreadable_referenced_row() {
    // An operator row that cannot be read (`subscribers` is a string) and an asset of it:
    // one wrong-type error and exit 2, not a panic (exit 101).
    let doc = r#"{
  "format": "vendorgraph/1",
  "suppliers": [{"id": "ericsson", "country": "SE"}],
  "operators": [{"id": "op-a", "country": "DE", "subscribers": "many"}],
  "assets": [{"id": "a-amf", "operator": "op-a", "function": "amf", "supplier": "ericsson"}]
}
"#;
    let o = run_stdin(&["validate", "--format", "table", "-"], doc.as_bytes());
    assert_status(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("error[wrong-type]: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn validate_missing_file_is_io() {
    let o = run(&["validate", "--format", "table", "fixtures/nosuch.json"]);
    assert_status(&o, 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("error[io]: failed to read input: "),
        "{err}"
    );
    assert!(err.contains("\n  --> fixtures/nosuch.json\n"), "{err}");
}

#[test]
fn no_arguments_is_a_usage_error() {
    let o = run(&[]);
    assert_status(&o, 2);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("Usage:"), "{}", stderr(&o));

    let o = run(&["validate"]);
    assert_status(&o, 2);
    assert!(stderr(&o).contains("Usage:"), "{}", stderr(&o));

    let o = run(&["validate", "--format", "yaml", "fixtures/small"]);
    assert_status(&o, 2);

    let o = run(&["frobnicate"]);
    assert_status(&o, 2);
}

#[test]
fn help_exits_0() {
    let o = run(&["--help"]);
    assert_status(&o, 0);
    let out = stdout(&o);
    for command in ["validate", "scan", "explain"] {
        assert!(out.contains(command), "{out}");
    }
    for command in ["validate", "scan", "explain"] {
        let o = run(&[command, "--help"]);
        assert_status(&o, 0);
        assert!(stdout(&o).contains("Usage: vendorgraph"), "{}", stdout(&o));
    }
    let o = run(&["--version"]);
    assert_status(&o, 0);
    assert!(stdout(&o).starts_with("vendorgraph "), "{}", stdout(&o));
}

// ---------------------------------------------------------------------------------------
// scan
// ---------------------------------------------------------------------------------------

#[test]
fn scan_json_is_the_report_document() {
    let o = run(&["scan", "fixtures/small", "--format", "json"]);
    assert_status(&o, 1);
    assert_eq!(stderr(&o), "", "a valid inventory without warnings");
    let v = json_of(&o);
    assert_eq!(v["format"], "vendorgraph-report/1");
    for key in ["operators", "countries", "findings", "warnings"] {
        assert!(v[key].is_array(), "{key} is not a list");
    }
    let ops: Vec<&str> = v["operators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["de-b", "de-nsa", "fr-sa"], "operators by id");
    let countries: Vec<&str> = v["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["country"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["DE", "FR", "all"], "countries, then all");
    let findings = v["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["severity"] == "deny"),
        "exit 1 means a deny finding"
    );
    // Deny first.
    let first_warn = findings.iter().position(|f| f["severity"] != "deny");
    if let Some(i) = first_warn {
        assert!(findings[i..].iter().all(|f| f["severity"] != "deny"));
    }
}

#[test]
fn scan_output_does_not_depend_on_threads() {
    let one = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "--threads",
        "1",
    ]);
    let two = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "--threads",
        "2",
    ]);
    let four = run(&[
        "scan",
        "fixtures/small",
        "fixtures/csv",
        "--format",
        "json",
        "--threads",
        "4",
    ]);
    let one_both = run(&[
        "scan",
        "fixtures/small",
        "fixtures/csv",
        "--format",
        "json",
        "--threads",
        "1",
    ]);
    assert_status(&one, 1);
    assert_status(&two, 1);
    assert!(!one.stdout.is_empty());
    assert!(one.stdout == two.stdout, "--threads 1 and 2 differ");
    assert!(four.stdout == one_both.stdout, "--threads 1 and 4 differ");

    let o = run(&["scan", "fixtures/small", "--threads", "0"]);
    assert_status(&o, 2);
}

#[test]
fn scan_writes_a_file_with_o() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.json");
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "-o",
        arg(&file),
    ]);
    assert_status(&o, 1);
    assert_eq!(stdout(&o), "", "nothing on stdout with -o");
    let written = std::fs::read(&file).expect("the report file");
    let direct = run(&["scan", "fixtures/small", "--format", "json"]);
    assert!(written == direct.stdout, "the file holds what stdout would");
    // Only the report: no temporary file left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["report.json"]);
}

#[test]
fn scan_o_into_a_missing_directory_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("nosuch").join("report.json");
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "-o",
        arg(&file),
    ]);
    assert_status(&o, 2);
    assert!(!file.exists());
    assert!(!dir.path().join("nosuch").exists());
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("report.json"), "{err}");
}

#[test]
fn scan_csv_writes_nine_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("csv-out");
    let o = run(&["scan", "fixtures/small", "--format", "csv", "-o", arg(&out)]);
    assert_status(&o, 1);
    assert_eq!(stdout(&o), "");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("the CSV directory")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "critical_assets.csv",
            "exposed_assets.csv",
            "findings.csv",
            "lockin_groups.csv",
            "national_critical.csv",
            "national_outages.csv",
            "national_shares.csv",
            "operator_domain_shares.csv",
            "outages.csv",
        ]
    );
    for name in &names {
        let text = std::fs::read_to_string(out.join(name)).expect("read");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let width = reader.headers().expect("a header").len();
        assert!(width > 1, "{name}: header");
        let rows = reader
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{name}: {e}")))
            .inspect(|r| assert_eq!(r.len(), width, "{name}: row width"))
            .count();
        assert!(rows > 0, "{name}: no row");
    }
    assert!(stderr(&o).contains("wrote 9 CSV files"), "{}", stderr(&o));

    // Without -o there is nowhere to write.
    let o = run(&["scan", "fixtures/small", "--format", "csv"]);
    assert_status(&o, 2);
}

#[test]
fn scan_markdown_starts_with_a_title() {
    let o = run(&["scan", "fixtures/small", "--format", "markdown"]);
    assert_status(&o, 1);
    let out = stdout(&o);
    assert!(out.starts_with("# "), "{}", &out[..out.len().min(200)]);
}

#[test]
fn scan_table_runs() {
    let o = run(&["scan", "fixtures/small", "--format", "table"]);
    assert_status(&o, 1);
    assert!(!stdout(&o).is_empty());
}

#[test]
fn scan_of_an_invalid_input_exits_2() {
    let o = run(&["scan", "fixtures/invalid/bad-need.json", "--format", "json"]);
    assert_status(&o, 2);
    assert_eq!(stdout(&o), "", "no report for an invalid input");
    let err = stderr(&o);
    assert!(err.starts_with("error[bad-need]: "), "{err}");
    assert!(
        err.contains("\n  --> fixtures/invalid/bad-need.json:70:15 at links[1].need\n"),
        "{err}"
    );
}

#[test]
fn scan_with_a_bad_policy_exits_2_with_a_located_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, "# a policy\n[rules.no-such-rule]\nlimit = 0.5\n").expect("write");
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "--policy",
        arg(&policy),
    ]);
    assert_status(&o, 2);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.starts_with("error[unknown-rule]: "), "{err}");
    assert!(err.contains("no-such-rule"), "{err}");
    let location = format!("\n  --> {}:2:", policy.display());
    assert!(err.contains(&location), "expected {location:?} in\n{err}");
}

#[test]
fn scan_with_a_missing_policy_exits_2() {
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "--policy",
        "fixtures/nosuch.toml",
    ]);
    assert_status(&o, 2);
    let err = stderr(&o);
    assert!(err.starts_with("error[io]: failed to read policy"), "{err}");
    assert!(err.contains("fixtures/nosuch.toml"), "{err}");
}

#[test]
fn scan_reads_standard_input() {
    let o = run_stdin(&["scan", "-", "--format", "json"], TINY.as_bytes());
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["format"], "vendorgraph-report/1");
    assert_eq!(v["operators"][0]["id"], "op-a");
}

// ---------------------------------------------------------------------------------------
// explain
// ---------------------------------------------------------------------------------------

#[test]
fn explain_an_asset_lists_its_dependencies() {
    let o = run(&["explain", "--format", "table", "fixtures/small", "fr-smf-1"]);
    assert_status(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("fr-smf-1"), "{out}");
    // What it depends on (op-sa.json): the NFVI, the NRF set (2 of 3), the PCF, the UPFs.
    for dep in [
        "fr-nfvi-1",
        "fr-nrf-1",
        "fr-nrf-2",
        "fr-nrf-3",
        "fr-pcf-1",
        "fr-upf-1",
        "fr-upf-2",
    ] {
        assert!(out.contains(dep), "{dep} missing from\n{out}");
    }
    assert!(out.contains("2 of 3"), "{out}");
    // And what depends on it: both AMFs.
    assert!(
        out.contains("fr-amf-1") && out.contains("fr-amf-2"),
        "{out}"
    );
}

#[test]
fn explain_gives_the_impact_of_an_asset_on_each_operator_it_reaches() {
    // fr-du-l3 (op-sa.json): the three O-RUs l3a, l3b, l3c (weight 1 each) connect to it
    // alone; fr-sa's units weigh 4 gNBs x 3 + 3 RUs x 1 = 15, so its failure takes down
    // 3/15 = 0.2 of fr-sa's service, three units other than itself: critical (>= 0.01).
    let o = run(&["explain", "fixtures/small", "fr-du-l3", "--format", "json"]);
    assert_status(&o, 0);
    let v = json_of(&o);
    let impacts = v["impacts"].as_array().expect("impacts");
    assert_eq!(impacts.len(), 1, "{v}");
    let i = &impacts[0];
    assert_eq!(i["operator"], "fr-sa");
    assert!((i["impact"].as_f64().unwrap() - 0.2).abs() < 1e-12, "{i}");
    assert_eq!(i["units"], 3);
    assert_eq!(i["critical"], true);
    assert_eq!(
        i["down"],
        serde_json::json!(["fr-ru-l3a", "fr-ru-l3b", "fr-ru-l3c"])
    );
    // fr-upf-1 has an alternative (1 of fr-upf-1 | fr-upf-2): reached, nothing down.
    let o = run(&["explain", "fixtures/small", "fr-upf-1", "--format", "json"]);
    let v = json_of(&o);
    let i = &v["impacts"][0];
    assert_eq!(
        (i["operator"].as_str(), i["impact"].as_f64()),
        (Some("fr-sa"), Some(0.0))
    );
    assert_eq!(
        (i["units"].as_u64(), i["critical"].as_bool()),
        (Some(0), Some(false))
    );
    // The table says the same.
    let out = stdout(&run(&[
        "explain",
        "--format",
        "table",
        "fixtures/small",
        "fr-du-l3",
    ]));
    assert!(out.contains("operator fr-sa: 20.0% of service"), "{out}");
    assert!(out.contains("fr-ru-l3a, fr-ru-l3b, fr-ru-l3c"), "{out}");
}

#[test]
fn explain_json_is_json() {
    let o = run(&["explain", "fixtures/small", "dn-gnb-b1", "--format", "json"]);
    assert_status(&o, 0);
    let v = json_of(&o);
    assert!(v.is_object(), "{v}");
    assert!(
        v.to_string().contains("dn-enb-b1"),
        "the anchor of dn-gnb-b1: {v}"
    );
}

#[test]
fn explain_an_unknown_asset_exits_2() {
    let o = run(&["explain", "--format", "table", "fixtures/small", "fr-smf-9"]);
    assert_status(&o, 2);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("no asset \"fr-smf-9\""), "{err}");
}

#[test]
fn explain_of_an_invalid_input_exits_2() {
    let o = run(&[
        "explain",
        "--format",
        "table",
        "fixtures/invalid/self-link.json",
        "x-amf-1",
    ]);
    assert_status(&o, 2);
    assert!(
        stderr(&o).starts_with("error[self-link]: "),
        "{}",
        stderr(&o)
    );
}
