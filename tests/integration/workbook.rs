//! Workbooks: an inventory written as a workbook scans the same as the fixture it came from,
//! and the workbook importer reads cells as the person who filled them expects.

use std::path::{Path, PathBuf};

use vendorgraph::export;
use vendorgraph::load::load;

use crate::support::{fixture, root, run};

/// The JSON report of `scan` on an input, and its exit status.
fn scan_json(input: &Path) -> (String, Option<i32>) {
    let out = run(&["scan", "--format", "json", &input.to_string_lossy()]);
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

/// A scan's JSON report and exit status with the locations of its warnings taken out (the
/// file and place differ: `f.json:6:13 at assets[0]`, `book.xlsx:2:1 at assets!A2`), the
/// rest byte for byte.
fn without_locations((json, status): (String, Option<i32>)) -> (String, Option<i32>) {
    let mut in_warnings = false;
    let mut out = String::new();
    for line in json.lines() {
        if line.starts_with("  \"warnings\": [") {
            in_warnings = true;
        } else if in_warnings && line.starts_with("  ]") {
            in_warnings = false;
        }
        let line = match line.rfind(" (") {
            Some(at) if in_warnings && (line.ends_with(")\",") || line.ends_with(")\"")) => {
                &line[..at]
            }
            _ => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    (out, status)
}

/// Every input under fixtures/ that loads with no error: each directory that holds
/// inventory files, and each JSON file of a directory.
fn valid_fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for input in std::iter::once(dir).chain(files) {
            let loaded = load(std::slice::from_ref(&input));
            if loaded.inventory.is_some() && !loaded.files.is_empty() {
                out.push(input);
            }
        }
    }
    out
}

#[test]
fn a_workbook_of_every_valid_fixture_scans_byte_identically() {
    let fixtures = valid_fixtures();
    for name in ["small", "csv", "csv-excel", "europe", "merge"] {
        assert!(
            fixtures.contains(&fixture(name)),
            "{name} is among {fixtures:?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for (i, input) in fixtures.iter().enumerate() {
        let inv = load(std::slice::from_ref(input)).inventory.unwrap();
        let book = dir.path().join(format!("book-{i}.xlsx"));
        export::write_xlsx(&inv, &book).unwrap();
        let again = load(std::slice::from_ref(&book));
        let errors: Vec<String> = again.errors().map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", input.display());
        let again = again.inventory.unwrap();
        assert_eq!(inv.assets, again.assets, "{}", input.display());
        assert_eq!(inv.links, again.links, "{}", input.display());
        assert_eq!(
            without_locations(scan_json(&book)),
            without_locations(scan_json(input)),
            "{}: the scan of its workbook",
            input.display()
        );
        // Writing is a pure function of the rows.
        assert_eq!(
            export::to_xlsx(&again).unwrap(),
            std::fs::read(&book).unwrap()
        );
    }
}
