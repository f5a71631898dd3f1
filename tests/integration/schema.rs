//! Tests: `vendorgraph schema`, the JSON Schema of the inventory format (issue 17), run over
//! the fixtures: every valid JSON inventory validates, and the invalid fixtures that a schema
//! can tell are refused.

use std::path::{Path, PathBuf};

use serde_json::Value;
use vendorgraph::load::load;
use vendorgraph::schema::inventory_schema;

use crate::support::{fixture, load_json, run, stderr, stdout};

fn validator() -> jsonschema::Validator {
    let schema = inventory_schema();
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

/// Every `vendorgraph/1` JSON file under `dir`, recursively, in name order.
fn inventories(dir: &Path) -> Vec<PathBuf> {
    json_files(dir, true)
}

/// Every JSON file under `dir`, recursively, in name order; only those that name the format
/// when `formatted`.
fn json_files(dir: &Path, formatted: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(json_files(&p, formatted));
        } else if p.extension().is_some_and(|e| e == "json")
            && std::fs::read(&p).is_ok_and(|b| {
                !formatted || String::from_utf8_lossy(&b).contains("\"vendorgraph/1\"")
            })
        {
            out.push(p);
        }
    }
    out
}

fn is_invalid_fixture(p: &Path) -> bool {
    p.components().any(|c| c.as_os_str() == "invalid")
}

fn valid(inputs: &[PathBuf]) -> bool {
    load(inputs).errors().next().is_none()
}

/// The schema's complaints about a file (its locations in the instance), none when it passes.
fn complaints(v: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("read");
    let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("JSON");
    v.iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_valid_json_fixture_validates() {
    let v = validator();
    let mut checked = 0;
    let mut valid_dirs = std::collections::HashMap::new();
    for path in inventories(&fixture("")) {
        if is_invalid_fixture(&path) {
            continue;
        }
        // A file that refers to another (an operator's file to the supplier registry) is
        // valid with its directory.
        let dir = path.parent().expect("dir").to_path_buf();
        let dir_valid = *valid_dirs
            .entry(dir.clone())
            .or_insert_with(|| valid(&[dir]));
        if !dir_valid && !valid(std::slice::from_ref(&path)) {
            continue;
        }
        let found = complaints(&v, &path);
        assert!(found.is_empty(), "{}: {found:#?}", path.display());
        checked += 1;
    }
    assert!(checked > 190, "{checked} files checked");
}

#[test]
fn the_invalid_fixtures_a_schema_can_tell_are_refused() {
    let v = validator();
    let mut refused = Vec::new();
    let mut passed = Vec::new();
    for dir in ["invalid", "shares/invalid"] {
        for path in json_files(&fixture(dir), false) {
            let text = std::fs::read(&path).expect("read");
            if serde_json::from_slice::<Value>(&text).is_err() {
                continue; // json-syntax, invalid-utf8: not JSON at all.
            }
            let name = path
                .strip_prefix(fixture(""))
                .expect("under fixtures")
                .to_string_lossy()
                .replace('\\', "/");
            if complaints(&v, &path).is_empty() {
                passed.push(name);
            } else {
                refused.push(name);
            }
        }
    }
    // Each defect a schema can see in one value or one row.
    assert_eq!(
        refused,
        [
            "invalid/bad-country.json",
            "invalid/bad-generation.json",
            "invalid/bad-id.json",
            "invalid/bad-weight.json",
            "invalid/empty-targets.json",
            "invalid/missing-field.json",
            "invalid/missing-format.json",
            "invalid/unknown-format.json",
            "invalid/unknown-key.json",
            "invalid/unknown-link-kind.json",
            "invalid/unknown-risk.json",
            "invalid/wrong-type.json",
            "shares/invalid/bad-share-both.json",
            "shares/invalid/bad-share-neither.json",
            "shares/invalid/bad-share-range.json",
        ]
    );
    // The defects that need other rows, sums or the vocabulary's domains (left to
    // `vendorgraph validate`), and a repeated key, which a JSON parser merges before any
    // schema sees it.
    assert_eq!(
        passed,
        [
            "invalid/bad-need.json",
            "invalid/dangling-reference.json",
            "invalid/duplicate-id-differing/a.json",
            "invalid/duplicate-id-differing/b.json",
            "invalid/duplicate-id.json",
            "invalid/duplicate-key.json",
            "invalid/group-cycle.json",
            "invalid/self-link.json",
            "invalid/subscribers-overflow.json",
            "invalid/unknown-function-hint.json",
            "invalid/unknown-function.json",
            "invalid/weight-sum-overflow.json",
            "shares/invalid/bad-share-mixed.json",
            "shares/invalid/duplicate-id.json",
            "shares/invalid/duplicate-share.json",
            "shares/invalid/shares-and-assets.json",
            "shares/invalid/shares-over-one.json",
        ]
    );
}

/// An inventory written as people write it: closed values in any case, an EU country code,
/// `null` for an absent field, and the `"$schema"` key that points an editor at the schema.
const FORGIVING: &str = r#"{"$schema": "./vendorgraph.schema.json", "format": "vendorgraph/1",
  "suppliers": [{"id": "s", "country": "se", "risk": "HIGH", "group": null}],
  "operators": [{"id": "o", "country": "EL", "subscribers": 10}],
  "assets": [
    {"id": "g", "operator": "o", "function": "gNB", "supplier": "s", "generation": "5G", "domain": "RAN"},
    {"id": "a", "operator": "o", "function": "AMF", "supplier": "s", "sensitive": true}],
  "links": [{"from": "g", "to": ["a"], "kind": "Connects_To", "need": 1, "open": false}]}"#;

#[test]
fn values_in_any_case_and_the_schema_key_validate_and_load() {
    let doc: Value = serde_json::from_str(FORGIVING).expect("JSON");
    let v = validator();
    let found: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(found.is_empty(), "{found:#?}");
    let loaded = load_json(FORGIVING);
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["country-alias"]);
    assert!(loaded.inventory.is_some());
    // Words outside the vocabularies are refused, in any case.
    for (from, to) in [
        ("\"HIGH\"", "\"SEVERE\""),
        ("\"Connects_To\"", "\"connects-to\""),
        ("\"5G\"", "\"6G\""),
        ("\"EL\"", "\"Greece\""),
        ("\"need\": 1", "\"need\": \"1\""),
        ("\"open\": false", "\"open\": \"false\""),
        ("\"to\": [\"a\"]", "\"to\": []"),
        ("\"subscribers\": 10", "\"subscribers\": -10"),
        ("\"risk\"", "\"risks\""),
    ] {
        let bad: Value = serde_json::from_str(&FORGIVING.replace(from, to)).expect("JSON");
        assert!(!v.is_valid(&bad), "{to} accepted");
    }
}

#[test]
fn schema_prints_the_schema_and_writes_it_to_a_file() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let printed = stdout(&o);
    let parsed: Value = serde_json::from_str(&printed).expect("JSON");
    assert_eq!(parsed, inventory_schema());
    assert_eq!(
        parsed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("vendorgraph.schema.json");
    let o = run(&["schema", "-o", file.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(std::fs::read_to_string(&file).expect("written"), printed);
    insta::assert_snapshot!("schema", printed);
}
