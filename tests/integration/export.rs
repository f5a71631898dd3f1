//! `export`: what the one `vendorgraph/1` writer writes loads back as the same inventory,
//! as JSON and as CSV, and scans the same.

use std::path::{Path, PathBuf};

use vendorgraph::export::{self, Table};
use vendorgraph::generate::{Params, generate};
use vendorgraph::load::load;
use vendorgraph::model::Inventory;

use crate::support::{fixture, run};

/// Loads inputs with no error and no warning.
fn load_clean(inputs: &[PathBuf]) -> Inventory {
    let loaded = load(inputs);
    let diags: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(diags.is_empty(), "diagnostics: {diags:#?}");
    loaded.inventory.expect("valid")
}

fn assert_same(a: &Inventory, b: &Inventory) {
    assert_eq!(a.suppliers, b.suppliers);
    assert_eq!(a.operators, b.operators);
    assert_eq!(a.assets, b.assets);
    assert_eq!(a.links, b.links);
    for (x, y) in a.links.iter().zip(&b.links) {
        assert_eq!(a.targets(x), b.targets(y));
    }
    assert_eq!(a.domains, b.domains);
    assert_eq!(a.functions, b.functions);
}

/// Writes `inv` as JSON into `dir`, loads it back and checks it is the same inventory that
/// scans the same; returns the text.
fn json_round_trip(inv: &Inventory, dir: &Path) -> String {
    let text = export::to_json(inv);
    let path = dir.join("inventory.json");
    std::fs::write(&path, &text).unwrap();
    let again = load_clean(&[path]);
    assert_same(inv, &again);
    assert_eq!(export::to_json(&again), text, "writing is idempotent");
    text
}

fn csv_round_trip(inv: &Inventory, dir: &Path) {
    export::write_csv_dir(inv, dir).unwrap();
    let again = load_clean(&[dir.to_path_buf()]);
    assert_same(inv, &again);
}

/// The JSON report of `scan` on some inputs, and its exit status.
fn scan_json(input: &Path) -> (String, Option<i32>) {
    let out = run(&["scan", "--format", "json", &input.to_string_lossy()]);
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

#[test]
fn the_fixtures_round_trip_through_json_and_csv_and_scan_the_same() {
    for input in ["small", "csv", "europe"] {
        let inv = load_clean(&[fixture(input)]);
        let json_dir = tempfile::tempdir().unwrap();
        json_round_trip(&inv, json_dir.path());
        let csv_dir = tempfile::tempdir().unwrap();
        csv_round_trip(&inv, csv_dir.path());
        let scanned = scan_json(&fixture(input));
        assert!(scanned.0.contains("vendorgraph-report/1"), "{input}");
        assert_eq!(scan_json(&json_dir.path().join("inventory.json")), scanned);
        assert_eq!(scan_json(csv_dir.path()), scanned);
    }
}

#[test]
fn the_json_layout_is_one_row_per_line_with_defaults_left_out() {
    let inv = load_clean(&[fixture("small")]);
    let dir = tempfile::tempdir().unwrap();
    let text = json_round_trip(&inv, dir.path());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "{\"format\":\"vendorgraph/1\",");
    assert_eq!(lines[1], "\"suppliers\":[");
    assert_eq!(*lines.last().unwrap(), "]}");
    let (s, o, a, l) = inv.counts();
    // One line per row, plus the header, and an opening and a closing line per table.
    assert_eq!(lines.len(), 1 + s + o + a + l + 2 * 4);
    assert!(!text.contains("\"weight\":1,") && !text.contains(".0,"));
    assert!(!text.contains("\"need\":1,") && !text.contains("\"sensitive\":false"));
}

#[test]
fn hostile_text_round_trips_exactly() {
    let hostile =
        "Evil \u{1b}[31mRed\u{1b}[0m \u{7} \u{1b}]0;title\u{7}, \"quoted\"\nsecond line\\";
    let text = format!(
        r#"{{"format":"vendorgraph/1",
"suppliers":[{{"id":"s","name":{name},"country":"SE","notes":{name}}}],
"operators":[{{"id":"op","country":"DE","name":{name}}}],
"assets":[{{"id":"a","operator":"op","function":"amf","supplier":"s","site":{name},"weight":2.5}},
{{"id":"b","operator":"op","function":"dra","domain":"core","supplier":"s","generation":"4g"}}],
"links":[{{"from":"a","to":"b","kind":"connects_to","interface":{name},"open":false}}]}}"#,
        name = serde_json::to_string(hostile).unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(&path, text).unwrap();
    let loaded = load(&[path]);
    let inv = loaded.inventory.expect("valid");
    assert_eq!(inv.suppliers[0].name.as_deref(), Some(hostile));
    let json_dir = tempfile::tempdir().unwrap();
    let written = json_round_trip(&inv, json_dir.path());
    assert!(written.contains("\\u001b[31m") && !written.contains('\u{1b}'));
    let csv_dir = tempfile::tempdir().unwrap();
    let loaded = {
        export::write_csv_dir(&inv, csv_dir.path()).unwrap();
        load(&[csv_dir.path().to_path_buf()])
    };
    assert_same(&inv, &loaded.inventory.expect("valid"));
}

#[test]
fn every_csv_file_has_the_documented_header() {
    let inv = load_clean(&[fixture("small")]);
    let dir = tempfile::tempdir().unwrap();
    export::write_csv_dir(&inv, dir.path()).unwrap();
    for (table, header) in [
        (Table::Suppliers, "id,name,country,risk,group,source,notes"),
        (Table::Operators, "id,name,country,subscribers,source,notes"),
        (
            Table::Assets,
            "id,operator,function,supplier,domain,weight,generation,sensitive,name,location,site,region,source,notes",
        ),
        (
            Table::Links,
            "from,to,kind,need,interface,open,source,notes",
        ),
    ] {
        let text = std::fs::read_to_string(dir.path().join(table.csv_file_name())).unwrap();
        assert_eq!(text.lines().next(), Some(header), "{table:?}");
    }
}

/// A link table of more than 8 MB is read in pieces in parallel (`csv_compact.rs`): it loads
/// as the same inventory as the JSON it was written from, on one thread and on two.
#[test]
fn a_large_csv_table_read_in_pieces_is_the_same_inventory_on_any_thread_count() {
    let generated = tempfile::tempdir().unwrap();
    let params = Params {
        countries: 1,
        operators: 2,
        sites: 12_000,
        seed: 7,
    };
    generate(&params, generated.path(), false, &|_| {}).unwrap();
    let loaded = load(&[generated.path().to_path_buf()]);
    assert!(loaded.errors().next().is_none());
    let json = loaded.inventory.expect("valid");
    let csv_dir = tempfile::tempdir().unwrap();
    export::write_csv_dir(&json, csv_dir.path()).unwrap();
    let bytes = std::fs::metadata(csv_dir.path().join("links.csv"))
        .unwrap()
        .len();
    assert!(
        bytes > 8 << 20,
        "links.csv has {bytes} bytes: too few to be cut"
    );
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let loaded = pool.install(|| load(&[csv_dir.path().to_path_buf()]));
        assert!(loaded.errors().next().is_none(), "{threads} threads");
        assert_same(&json, &loaded.inventory.expect("valid"));
    }
}
