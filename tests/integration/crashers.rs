//! Tests: hostile input and hostile conditions (issue 12).
//!
//! Every input of `fixtures/crashers/` (README there) with the behaviour it must have, and
//! outputs written all or nothing: a failed run leaves the previous output as it was, and
//! the temporaries a killed run left are removed by the next.

use std::fs;
use std::path::Path;

use super::support::{run, stderr};

const TMP_PREFIX: &str = vendorgraph::output::TMP_PREFIX;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---------------------------------------------------------------------------------------
// All or nothing on disk
// ---------------------------------------------------------------------------------------

#[test]
fn a_failed_write_leaves_the_previous_report_and_no_temporary() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A directory where the report should go: the rename fails after the report is ready.
    let target = dir.path().join("report.json");
    fs::create_dir(&target).expect("mkdir");
    fs::write(target.join("keep.txt"), "old").expect("write");
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "-o",
        arg(&target),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("failed to write"), "{}", stderr(&o));
    assert_eq!(names(dir.path()), ["report.json"]);
    assert_eq!(names(&target), ["keep.txt"]);
}

#[test]
fn a_csv_directory_is_replaced_whole_or_left_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("tables");
    let o = run(&["scan", "fixtures/small", "--format", "csv", "-o", arg(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let tables = names(&out);
    let findings = fs::read(out.join("findings.csv")).expect("findings");

    // A second run replaces the tables whole (same names, no temporary left beside).
    let o = run(&[
        "scan",
        "fixtures/europe",
        "--format",
        "csv",
        "-o",
        arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(names(&out), tables);
    assert_ne!(
        fs::read(out.join("findings.csv")).expect("findings"),
        findings
    );
    assert_eq!(names(dir.path()), ["tables"]);

    // A directory holding a file vendorgraph does not write there is refused, untouched.
    let before = fs::read(out.join("findings.csv")).expect("findings");
    fs::write(out.join("notes.txt"), "mine").expect("write");
    let o = run(&["scan", "fixtures/small", "--format", "csv", "-o", arg(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("\"notes.txt\""), "{}", stderr(&o));
    assert_eq!(
        fs::read(out.join("findings.csv")).expect("findings"),
        before
    );
    assert_eq!(names(dir.path()), ["tables"]);
}

#[test]
fn plan_writes_nothing_until_every_output_is_ready() {
    let dir = tempfile::tempdir().expect("temp dir");
    let emit = dir.path().join("emitted");
    let missing = dir.path().join("missing-dir").join("x.json");
    let o = run(&[
        "plan",
        "fixtures/small",
        "--scenario",
        "fixtures/scenarios/nsa-to-sa.json",
        "--emit",
        arg(&emit),
        "-o",
        arg(&missing),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));

    let report = dir.path().join("plan.json");
    let o = run(&[
        "plan",
        "fixtures/small",
        "--scenario",
        "fixtures/scenarios/nsa-to-sa.json",
        "--emit",
        arg(&emit),
        "-o",
        arg(&report),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(names(dir.path()), ["emitted", "plan.json"]);
    assert_eq!(names(&emit), ["inventory.json"]);
}

#[test]
fn temporaries_of_a_killed_run_are_removed_by_the_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Process ids never go this high: the run that wrote these is gone.
    let file = dir.path().join(format!("{TMP_PREFIX}4294967295-a1b2c3"));
    let tables = dir.path().join(format!("{TMP_PREFIX}4294967295-d4e5f6"));
    fs::write(&file, "half a report").expect("write");
    fs::create_dir(&tables).expect("mkdir");
    fs::write(tables.join("findings.csv"), "half a table").expect("write");
    let o = run(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "-o",
        arg(&dir.path().join("report.json")),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    if cfg!(target_os = "linux") {
        assert_eq!(names(dir.path()), ["report.json"]);
    }
}

// ---------------------------------------------------------------------------------------
// The crashers (fixtures/crashers/README.md)
// ---------------------------------------------------------------------------------------

/// A crasher fixture's path, relative to the repository root.
fn crasher(name: &str) -> String {
    format!("fixtures/crashers/{name}")
}

/// A gzipped crasher, decompressed into `dir`; its path and size.
fn gunzip(name: &str, dir: &Path) -> (String, u64) {
    use std::io::Read;
    let gz = fs::File::open(super::support::root().join(crasher(name))).expect("fixture");
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut text)
        .expect("gunzip");
    let path = dir.join(name.trim_end_matches(".gz"));
    fs::write(&path, &text).expect("write");
    (arg(&path).to_owned(), text.len() as u64)
}

/// No raw control character from the data: no ESC, BEL or C1 control in the text.
#[track_caller]
fn assert_no_controls(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c == '\u{1b}' || c == '\u{7}' || ('\u{80}'..='\u{9f}').contains(&c))
        .collect();
    assert!(bad.is_empty(), "{what}: raw controls {bad:?} in\n{text}");
}

/// `scan --format json` of a stress shape: the exit status, and a report at most `factor`
/// times the input's size. The worst pair of the one operator is returned.
fn scan_stress(name: &str, factor: u64) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let (input, size) = gunzip(name, dir.path());
    let out = dir.path().join("report.json");
    let o = run(&["scan", &input, "--format", "json", "-o", arg(&out)]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let written = fs::metadata(&out).expect("report").len();
    assert!(
        written <= factor * size,
        "{name}: report of {written} bytes from {size} bytes of input"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(&out).expect("read")).expect("JSON");
    report["operators"][0]["outage"]["worst_pair"].clone()
}

// One operator, 8,000 gNBs each from its own supplier, all on one AMF: the worst pair is
// the AMF's supplier with the first gNB supplier (everything down), found without trying
// 32 million pairs.
#[test]
fn stress_suppliers_ran_8000() {
    let pair = scan_stress("stress-suppliers-ran-8000.json.gz", 5);
    assert_eq!(pair["suppliers"], serde_json::json!(["r00000", "s-a"]));
    assert_eq!(pair["outage"], 1.0);
}

// One gNB with a 16000-of-16000 link: each supplier alone takes it down; the smallest pair
// wins the tie, and no list of 128 million pairs is built.
#[test]
fn stress_kofn_sup_16000() {
    // Factor 16: each of the 16,000 targets is also a critical asset (analyses.md section 8)
    // with its single-point-of-failure finding: linear, about 14 times the input.
    let pair = scan_stress("stress-kofn-sup-16000.json.gz", 16);
    assert_eq!(pair["suppliers"], serde_json::json!(["s-a", "t00000"]));
    assert_eq!(pair["outage"], 1.0);
}

// Two finite weights whose sum is infinite: refused on load, with its location.
#[test]
fn weight_sum_inf_is_refused() {
    let o = run(&["scan", &crasher("weight-sum-inf.json"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[bad-weight]"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

// Subscribers whose sum overflows a u64: refused on load, no wrap to 0, no panic.
#[test]
fn subscribers_sum_wrap_is_refused() {
    let o = run(&[
        "scan",
        &crasher("subscribers-sum-wrap.json"),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error[subscribers-overflow]"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

// A key and a CSV column holding escape sequences are echoed escaped in the error.
#[test]
fn escapes_in_unknown_keys_and_columns_are_shown_escaped() {
    for input in ["esc-unknown-key.json", "esc-csv-column"] {
        let o = run(&["validate", "--format", "table", &crasher(input)]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("x\\u{1b}]0;PWNED\\u{7}"),
            "{}",
            stderr(&o)
        );
        assert_no_controls(input, &o.stderr);
        assert_no_controls(input, &o.stdout);
    }
}

// A scenario's name, descriptions and a reference in an error, escaped.
#[test]
fn escapes_in_scenarios_are_shown_escaped() {
    let o = run(&[
        "plan",
        &crasher("esc-inventory.json"),
        "--scenario",
        &crasher("esc-scenario.json"),
        "--format",
        "table",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(super::support::stdout(&o).contains("S \\u{1b}]0;PWNED"));
    assert_no_controls("plan table", &o.stdout);
    let o = run(&[
        "plan",
        &crasher("esc-inventory.json"),
        "--scenario",
        &crasher("esc-scenario-ref.json"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error[unknown-reference]"),
        "{}",
        stderr(&o)
    );
    assert_no_controls("plan error", &o.stderr);
}

// Ids may start with '-': the usage errors say how to pass them, and that way works.
#[test]
fn dash_ids_usage_errors_say_how_to_pass_them() {
    let input = crasher("dash-id.json");
    let o = run(&["explain", "--format", "table", &input, "-g"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("use '-- -g'"), "{}", stderr(&o));
    let o = run(&["explain", "--format", "json", &input, "--", "-g"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let dir = tempfile::tempdir().expect("temp dir");
    let dot = dir.path().join("op.dot");
    let o = run(&["diagram", &input, "--operator", "-op", "-o", arg(&dot)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("use '--operator=-op'"),
        "{}",
        stderr(&o)
    );
    assert!(!dot.exists());
    let o = run(&[
        "diagram",
        &input,
        "--operator=-op",
        "--format",
        "dot",
        "-o",
        arg(&dot),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read_to_string(&dot).expect("dot").contains("\"-g\""));
}

// An operator name, an exemption reason and a link interface holding escape sequences:
// shown escaped in tables, Markdown and CSV cells; JSON keeps them exact.
#[test]
fn escapes_in_reports_are_shown_escaped() {
    let (input, policy) = (crasher("esc-inventory.json"), crasher("esc-policy.toml"));
    for format in ["table", "markdown"] {
        let o = run(&["scan", &input, "--policy", &policy, "--format", format]);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
        assert!(super::support::stdout(&o).contains("PWNED"), "{format}");
        assert_no_controls(format, &o.stdout);
        assert_no_controls(format, &o.stderr);
    }
    let o = run(&["explain", &input, "g", "--format", "table"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(super::support::stdout(&o).contains("N2 \\u{1b}]0;PWNED"));
    assert_no_controls("explain", &o.stdout);

    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("csv");
    let o = run(&[
        "scan",
        &input,
        "--policy",
        &policy,
        "--format",
        "csv",
        "-o",
        arg(&out),
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    for name in names(&out) {
        assert_no_controls(&name, &fs::read(out.join(&name)).expect("table"));
    }

    let o = run(&["scan", &input, "--policy", &policy, "--format", "json"]);
    assert!(super::support::stdout(&o).contains("Op \\u001b]0;PWNED\\u0007"));
}

// 8,000 key assets in a chain of closed managed_by links to a high-risk asset: exposure
// paths are bounded (32 ids and path_length), so the report grows with the input: about 11
// times its size.
#[test]
fn stress_chain_managed_8000() {
    scan_stress("stress-chain-managed-8000.json.gz", 14);
}

// 5,000 operators in one lock-in group: each operator's entry lists at most 32 of them
// (about 18 times the input: 32 ids per operator against one asset row per operator).
#[test]
fn stress_lockin_ops_5000() {
    scan_stress("stress-lockin-ops-5000.json.gz", 20);
}
