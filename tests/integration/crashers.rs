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
