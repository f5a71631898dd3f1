//! Tests: load.
//!
//! Loading inventories: every fixture of `fixtures/invalid` is refused with its one code at
//! its one place, the valid fixtures load cleanly with the right counts, several inputs
//! merge, bad inputs give one clear error, warnings are located, and loading is
//! deterministic.

use std::path::{Path, PathBuf};

use vendorgraph::diagnostics::{Diagnostic, Severity};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::{Loaded, load};

use super::support::{fixture, load_json};

// Bad inputs and warnings, one file each in `load/`.
mod bad_inputs;
mod warnings;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Every diagnostic, rendered, for assertion messages.
fn dump(loaded: &Loaded) -> String {
    loaded
        .diagnostics
        .iter()
        .map(|d| format!("{d}\n"))
        .collect()
}

/// The only diagnostic of a load, asserting that there is exactly one.
#[track_caller]
fn only(loaded: &Loaded) -> &Diagnostic {
    assert_eq!(
        loaded.diagnostics.len(),
        1,
        "expected exactly one diagnostic, got:\n{}",
        dump(loaded)
    );
    &loaded.diagnostics[0]
}

/// The file part of a location, with `/` separators.
fn file_of(d: &Diagnostic) -> String {
    d.location
        .as_ref()
        .map(|l| l.file.replace('\\', "/"))
        .unwrap_or_default()
}

/// Loads one entry of `fixtures/invalid` and checks its single error.
///
/// `fixture` is the file at fault, relative to `fixtures/invalid`. For a CSV folder it is
/// `folder/file.csv`: the folder is what is loaded, and the error must point at that file.
/// `line`, `column` and `path` are compared exactly (`None` = absent from the location).
#[track_caller]
fn check(
    fixture_file: &str,
    code: &str,
    line: Option<u64>,
    column: Option<u64>,
    path: Option<&str>,
    message_contains: &str,
) {
    let input = fixture_file.split('/').next().expect("a fixture name");
    let loaded = load(&[fixture("invalid").join(input)]);
    let d = only(&loaded);
    assert_eq!(d.severity, Severity::Error, "{d}");
    assert_eq!(d.code.as_str(), code, "{d}");
    let loc = d
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("no location: {d}"));
    let file = file_of(d);
    assert!(
        file.ends_with(&format!("fixtures/invalid/{fixture_file}")),
        "file {file:?} is not {fixture_file}: {d}"
    );
    assert_eq!(loc.line, line, "line of {d}");
    assert_eq!(loc.column, column, "column of {d}");
    assert_eq!(loc.path.as_deref(), path, "path of {d}");
    assert!(
        d.message.contains(message_contains),
        "message {:?} does not contain {message_contains:?}",
        d.message
    );
    assert!(
        loaded.inventory.is_none(),
        "an invalid input gave an inventory"
    );
}

/// Asserts a load has no diagnostic at all and returns its inventory's graph.
#[track_caller]
fn clean(inputs: &[PathBuf]) -> SupplyGraph {
    let loaded = load(inputs);
    assert!(
        loaded.diagnostics.is_empty(),
        "expected no error and no warning, got:\n{}",
        dump(&loaded)
    );
    SupplyGraph::new(loaded.inventory.expect("a valid inventory"))
}

/// The 1-based line and byte column of the first occurrence of `needle` in `text`.
#[track_caller]
fn pos(text: &str, needle: &str) -> (u64, u64) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count() as u64 + 1;
    let start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, (at - start) as u64 + 1)
}

/// Asserts that a diagnostic is at the given line, column and path.
#[track_caller]
fn assert_at(d: &Diagnostic, (line, column): (u64, u64), path: &str) {
    let loc = d
        .location
        .as_ref()
        .unwrap_or_else(|| panic!("no location: {d}"));
    assert_eq!(
        (loc.line, loc.column, loc.path.as_deref()),
        (Some(line), Some(column), Some(path)),
        "location of {d}"
    );
}

/// Writes files into a new temporary directory.
fn temp_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    dir
}

/// Deterministic pseudo-random bytes (xorshift64*), so that a failure can be reproduced.
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        out.extend_from_slice(&seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

// ---------------------------------------------------------------------------------------
// fixtures/invalid: one test per entry, one error each.
// ---------------------------------------------------------------------------------------

/// Every entry of `fixtures/invalid` (but the README), each of which has a test below.
const INVALID_FIXTURES: &[&str] = &[
    "bad-bool-csv",
    "bad-country.json",
    "bad-generation.json",
    "bad-id.json",
    "bad-need.json",
    "bad-weight.json",
    "csv-syntax",
    "dangling-reference.json",
    "duplicate-id-differing",
    "duplicate-id.json",
    "duplicate-key.json",
    "empty-input.json",
    "empty-targets.json",
    "group-cycle.json",
    "invalid-utf8.json",
    "json-syntax.json",
    "missing-field.json",
    "missing-format.json",
    "self-link.json",
    "subscribers-overflow.json",
    "unknown-format.json",
    "unknown-function-hint.json",
    "unknown-function.json",
    "unknown-key.json",
    "unknown-link-kind.json",
    "unknown-risk.json",
    "weight-sum-overflow.json",
    "wrong-type.json",
];

#[test]
fn every_invalid_fixture_is_listed() {
    let mut found: Vec<String> = std::fs::read_dir(fixture("invalid"))
        .expect("fixtures/invalid")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    found.sort();
    assert_eq!(found, INVALID_FIXTURES);
}

/// One test per entry of `fixtures/invalid`, named after it:
/// `name: (fixture file, code, line, column, path, message fragment);`
macro_rules! invalid_fixtures {
    ($($name:ident: ($($arg:expr),* $(,)?);)*) => {
        mod invalid {
            $(
                #[test]
                fn $name() {
                    super::check($($arg),*);
                }
            )*
        }
    };
}

// Serde-detected codes (wrong-type, unknown-key, duplicate-key) point at the last byte of the
// token where serde_json stopped, not at its first byte as fixtures/invalid/README.md says;
// duplicate-key's path is the row, not the key (both documented in docs/diagnostics.md).
invalid_fixtures! {
    bad_bool_csv: ("bad-bool-csv/assets.csv", "wrong-type", Some(2), Some(6), Some("sensitive"), "\"yes\"");
    bad_country: ("bad-country.json", "bad-country", Some(15), Some(18), Some("operators[0].country"), "\"Germany\"");
    bad_generation: ("bad-generation.json", "bad-generation", Some(26), Some(21), Some("assets[0].generation"), "\"6g\"");
    bad_id: ("bad-id.json", "bad-id", Some(21), Some(13), Some("assets[0].id"), "\"x gnb 1\"");
    bad_need: ("bad-need.json", "bad-need", Some(70), Some(15), Some("links[1].need"), "need 3");
    bad_weight: ("bad-weight.json", "bad-weight", Some(25), Some(17), Some("assets[0].weight"), "weight -3");
    csv_syntax: ("csv-syntax/assets.csv", "csv-syntax", Some(3), None, None, "8 cells");
    dangling_reference: ("dangling-reference.json", "dangling-reference", Some(24), Some(19), Some("assets[0].supplier"), "\"nokia\"");
    duplicate_id: ("duplicate-id.json", "duplicate-id", Some(46), Some(13), Some("assets[4].id"), "\"x-smf-1\"");
    duplicate_key: ("duplicate-key.json", "duplicate-key", Some(26), Some(14), Some("assets[0]"), "`weight`");
    empty_input: ("empty-input.json", "empty-input", None, None, None, "empty");
    empty_targets: ("empty-targets.json", "empty-targets", Some(64), Some(13), Some("links[1].to"), "empty \"to\" list");
    group_cycle: ("group-cycle.json", "group-cycle", Some(9), Some(16), Some("suppliers[0].group"), "ericsson -> ericsson-holding -> ericsson");
    invalid_utf8: ("invalid-utf8.json", "invalid-utf8", Some(26), Some(23), None, "0xFF");
    json_syntax: ("json-syntax.json", "json-syntax", Some(24), Some(7), None, "expected `,` or `}`");
    missing_field: ("missing-field.json", "missing-field", Some(20), Some(5), Some("assets[0].supplier"), "\"supplier\"");
    missing_format: ("missing-format.json", "missing-format", Some(1), Some(1), None, "\"format\"");
    self_link: ("self-link.json", "self-link", Some(64), Some(13), Some("links[1].to"), "\"x-amf-1\"");
    unknown_format: ("unknown-format.json", "unknown-format", Some(2), Some(13), Some("format"), "\"vendorgraph/9\"");
    unknown_function: ("unknown-function.json", "unknown-function", Some(30), Some(19), Some("assets[1].function"), "\"toaster\"");
    unknown_key: ("unknown-key.json", "unknown-key", Some(26), Some(16), Some("assets[0].sensitve"), "`sensitve`");
    unknown_link_kind: ("unknown-link-kind.json", "unknown-link-kind", Some(68), Some(15), Some("links[1].kind"), "\"depends_on\"");
    unknown_risk: ("unknown-risk.json", "unknown-risk", Some(8), Some(15), Some("suppliers[0].risk"), "\"severe\"");
    duplicate_id_differing: ("duplicate-id-differing/b.json", "duplicate-id", Some(5), Some(13), Some("suppliers[0].id"), "with different values");
    subscribers_overflow: ("subscribers-overflow.json", "subscribers-overflow", Some(22), Some(22), Some("operators[1].subscribers"), "18446744073709551615");
    unknown_function_hint: ("unknown-function-hint.json", "unknown-function", Some(29), Some(19), Some("assets[1].function"), "(did you mean \"amf\"?)");
    weight_sum_overflow: ("weight-sum-overflow.json", "bad-weight", Some(32), Some(17), Some("assets[1].weight"), "sum to infinity");
    wrong_type: ("wrong-type.json", "wrong-type", Some(25), Some(19), Some("assets[0].weight"), "string \"3\"");
}

// ---------------------------------------------------------------------------------------
// Valid fixtures. Counts come from the files themselves (python3 json / csv.DictReader):
//   small: 13 suppliers, 3 operators, 60 assets, 107 links, 116 distinct link targets
//   csv:    5 suppliers, 1 operator,  12 assets,  15 links,  18 distinct link targets
// ---------------------------------------------------------------------------------------

#[track_caller]
fn assert_counts(g: &SupplyGraph, suppliers: usize, operators: usize, assets: usize, links: usize) {
    let inv = g.inventory();
    assert_eq!(
        (
            inv.suppliers.len(),
            inv.operators.len(),
            inv.assets.len(),
            inv.links.len()
        ),
        (suppliers, operators, assets, links)
    );
}

#[test]
fn small_loads_clean_with_its_counts() {
    let g = clean(&[fixture("small")]);
    assert_counts(&g, 13, 3, 60, 107);
    let loaded = load(&[fixture("small")]);
    let names: Vec<String> = loaded
        .files
        .iter()
        .map(|f| {
            Path::new(f)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    // File-name order.
    assert_eq!(
        names,
        [
            "op-de-b.json",
            "op-nsa.json",
            "op-sa.json",
            "suppliers.json"
        ]
    );
}

#[test]
fn csv_loads_clean_with_its_counts() {
    let g = clean(&[fixture("csv")]);
    assert_counts(&g, 5, 1, 12, 15);
    let inv = g.inventory();
    // Spreadsheet details of the export: a quoted comma, a decimal weight, an empty risk.
    let mavenir = inv
        .suppliers
        .iter()
        .find(|s| &*s.id == "mavenir")
        .expect("mavenir");
    assert_eq!(mavenir.name.as_deref(), Some("Mavenir Systems, Inc."));
    assert!(inv.assets.iter().any(|a| a.weight == 1.5));
    assert_eq!(inv.links.iter().filter(|l| l.need == 2).count(), 1);
}

#[test]
fn graph_invariants_hold_for_small_and_csv() {
    for (name, assets, targets) in [("small", 60, 116), ("csv", 12, 18)] {
        let g = clean(&[fixture(name)]);
        g.verify().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(g.asset_count(), assets, "{name}: nodes");
        assert_eq!(g.asset_count(), g.inventory().assets.len(), "{name}: nodes");
        let sum: usize = g.inventory().links.iter().map(|l| l.target_count()).sum();
        assert_eq!(g.edge_count(), sum, "{name}: edges");
        assert_eq!(g.edge_count(), targets, "{name}: edges");
    }
}

// ---------------------------------------------------------------------------------------
// Several inputs
// ---------------------------------------------------------------------------------------

#[test]
fn small_and_csv_merge() {
    let g = clean(&[fixture("small"), fixture("csv")]);
    assert_counts(&g, 13 + 5, 3 + 1, 60 + 12, 107 + 15);
    g.verify().expect("graph invariants");
    assert_eq!(g.edge_count(), 116 + 18);
    let loaded = load(&[fixture("small"), fixture("csv")]);
    assert_eq!(loaded.files.len(), 8);
}

#[test]
fn the_same_file_twice_is_read_once() {
    let f = fixture("small").join("suppliers.json");
    let once = load(std::slice::from_ref(&f));
    let twice = load(&[f.clone(), f.clone()]);
    assert_eq!(twice.files.len(), 1, "{:?}", twice.files);
    assert_eq!(twice.bytes, once.bytes);
    assert!(twice.errors().next().is_none(), "{}", dump(&twice));
    assert_eq!(
        format!("{:?}", twice.inventory),
        format!("{:?}", once.inventory)
    );

    // A file and the directory that holds it.
    let both = load(&[f, fixture("small")]);
    assert_eq!(both.files.len(), 4, "{:?}", both.files);
    assert!(both.diagnostics.is_empty(), "{}", dump(&both));
    assert_eq!(both.inventory.expect("valid").assets.len(), 60);
}

#[test]
fn duplicate_id_across_files_names_both_places() {
    let dir = temp_with(&[
        (
            "a.json",
            br#"{
  "format": "vendorgraph/1",
  "suppliers": [
    {"id": "nokia", "country": "FI"},
    {"id": "ericsson", "country": "SE"}
  ]
}
"#,
        ),
        (
            "b.json",
            br#"{
  "format": "vendorgraph/1",
  "suppliers": [
    {"id": "ericsson", "country": "SE", "name": "again"}
  ]
}
"#,
        ),
    ]);
    let loaded = load(&[dir.path().to_path_buf()]);
    let d = only(&loaded);
    assert_eq!(d.code.as_str(), "duplicate-id", "{d}");
    assert!(file_of(d).ends_with("/b.json"), "{d}");
    assert_at(d, (4, 12), "suppliers[0].id");
    assert!(d.message.contains("\"ericsson\""), "{d}");
    // The first place: its row and its file.
    assert!(d.message.contains("suppliers[1]"), "{d}");
    assert!(d.message.contains("a.json"), "{d}");
    assert!(loaded.inventory.is_none());
}

// ---------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------

#[test]
fn file_order_does_not_change_the_inventory() {
    let reference = load(&[fixture("small")]);
    assert!(reference.diagnostics.is_empty(), "{}", dump(&reference));
    let reference = format!("{:?}", reference.inventory.expect("valid"));

    // Original file-name order: op-de-b, op-nsa, op-sa, suppliers. Two other orders.
    let orders: [[(&str, &str); 4]; 2] = [
        [
            ("suppliers.json", "0-registry.json"),
            ("op-sa.json", "1-sa.json"),
            ("op-nsa.json", "2-nsa.json"),
            ("op-de-b.json", "3-de-b.json"),
        ],
        [
            ("op-nsa.json", "a.json"),
            ("suppliers.json", "b.json"),
            ("op-de-b.json", "c.json"),
            ("op-sa.json", "d.json"),
        ],
    ];
    for order in orders {
        let dir = tempfile::tempdir().expect("temp dir");
        for (from, to) in order {
            std::fs::copy(fixture("small").join(from), dir.path().join(to)).expect("copy");
        }
        let loaded = load(&[dir.path().to_path_buf()]);
        assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded));
        let names: Vec<String> = loaded
            .files
            .iter()
            .map(|f| {
                Path::new(f)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let mut expected: Vec<&str> = order.iter().map(|(_, to)| *to).collect();
        expected.sort();
        assert_eq!(names, expected, "read in file-name order");
        assert_eq!(
            format!("{:?}", loaded.inventory.expect("valid")),
            reference,
            "order {order:?}"
        );
    }

    // Files given one by one, in reverse.
    let files: Vec<PathBuf> = [
        "suppliers.json",
        "op-sa.json",
        "op-nsa.json",
        "op-de-b.json",
    ]
    .iter()
    .map(|f| fixture("small").join(f))
    .collect();
    let loaded = load(&files);
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded));
    assert_eq!(format!("{:?}", loaded.inventory.expect("valid")), reference);
}

#[test]
fn loading_twice_gives_the_same_diagnostics() {
    let a = load(&[fixture("invalid")]);
    let b = load(&[fixture("invalid")]);
    assert_eq!(a.diagnostics, b.diagnostics);
}

// ---------------------------------------------------------------------------------------
// Bad inputs of issue 11: merged registries, European spreadsheets, 3GPP names, overflowing
// sums, broken links, missing-field paths, hostile text.
// ---------------------------------------------------------------------------------------

/// A one-file inventory: one supplier `s`, one operator `o` (DE), the given assets.
fn one_file(assets: &str) -> String {
    format!(
        r#"{{"format": "vendorgraph/1",
 "suppliers": [{{"id": "s", "country": "SE"}}],
 "operators": [{{"id": "o", "country": "DE"}}],
 "assets": [{assets}]}}"#
    )
}

#[test]
fn a_registry_repeated_identically_in_every_file_merges_silently() {
    // fixtures/merge: two operators' files, each with the same two supplier rows.
    let g = clean(&[fixture("merge")]);
    assert_counts(&g, 2, 2, 7, 4);
}

#[test]
fn a_repeat_that_differs_names_both_places() {
    let loaded = load(&[fixture("invalid").join("duplicate-id-differing")]);
    let d = only(&loaded);
    assert!(file_of(d).ends_with("duplicate-id-differing/b.json"), "{d}");
    assert!(
        d.message.contains("first defined at suppliers[0] in ")
            && d.message.contains("duplicate-id-differing/a.json"),
        "{d}"
    );
}

#[test]
fn a_repeat_within_one_file_is_still_a_duplicate() {
    let text = one_file(
        r#"{"id": "a", "operator": "o", "function": "amf", "supplier": "s"},
           {"id": "a", "operator": "o", "function": "amf", "supplier": "s"}"#,
    );
    let dir = temp_with(&[("one.json", text.as_bytes())]);
    let loaded = load(&[dir.path().to_path_buf()]);
    assert_eq!(only(&loaded).code.as_str(), "duplicate-id");
}

#[test]
fn a_european_excel_export_loads_as_the_csv_fixture() {
    // fixtures/csv-excel is fixtures/csv saved as a European Excel does: `;` separators,
    // BOM, CRLF, decimal commas, rows of only separators and a blank row at the end, and
    // function names as 3GPP and vendors write them.
    let excel = clean(&[fixture("csv-excel")]);
    let csv = clean(&[fixture("csv")]);
    let (a, b) = (excel.inventory(), csv.inventory());
    assert_eq!(a.suppliers, b.suppliers);
    assert_eq!(a.operators, b.operators);
    assert_eq!(a.assets, b.assets);
    assert_eq!(a.links, b.links);
    assert_eq!(a.functions, b.functions);
    assert!(a.assets.iter().any(|x| x.weight == 1.5));
}

#[test]
fn a_semicolon_csv_error_is_located_on_its_line_and_column() {
    let dir = temp_with(&[(
        "operators.csv",
        "\u{feff}id;name;country;subscribers\r\nop;Op;DE;many\r\n;;;\r\n\r\n".as_bytes(),
    )]);
    let loaded = load(&[dir.path().to_path_buf()]);
    let d = only(&loaded);
    assert_eq!(d.code.as_str(), "wrong-type", "{d}");
    let loc = d.location.as_ref().expect("located");
    assert_eq!((loc.line, loc.column), (Some(2), Some(4)), "{d}");
}

#[test]
fn function_names_of_3gpp_and_vendors_load_as_the_vocabulary_names() {
    let text = one_file(
        r#"{"id": "a", "operator": "o", "function": "eNodeB", "supplier": "s"},
           {"id": "b", "operator": "o", "function": "gNB", "supplier": "s"},
           {"id": "c", "operator": "o", "function": "gNB-DU", "supplier": "s"},
           {"id": "d", "operator": "o", "function": "GNBCUCPFunction", "supplier": "s"},
           {"id": "e", "operator": "o", "function": "gNB-CU-UP", "supplier": "s"},
           {"id": "f", "operator": "o", "function": "AMFFunction", "supplier": "s"}"#,
    );
    let dir = temp_with(&[("one.json", text.as_bytes())]);
    let loaded = load(&[dir.path().join("one.json")]);
    assert!(loaded.errors().next().is_none(), "{}", dump(&loaded));
    let inv = loaded.inventory.expect("valid");
    let got: Vec<(&str, &str, bool)> = inv
        .assets
        .iter()
        .map(|a| (&*a.id, inv.function_name(a.function), a.radio))
        .collect();
    assert_eq!(
        got,
        [
            ("a", "enb", true),
            ("b", "gnb", true),
            ("c", "gnb-du", false),
            ("d", "gnb-cu-cp", false),
            ("e", "gnb-cu-up", false),
            ("f", "amf", false),
        ]
    );
}

#[test]
fn a_cell_given_as_a_function_is_told_what_to_do() {
    let text = one_file(r#"{"id": "a", "operator": "o", "function": "NRCellDU", "supplier": "s"}"#);
    let dir = temp_with(&[("one.json", text.as_bytes())]);
    let loaded = load(&[dir.path().join("one.json")]);
    let d = only(&loaded);
    assert_eq!(d.code.as_str(), "unknown-function");
    assert!(d.message.contains("a cell is not an asset"), "{d}");
}

#[test]
fn weights_summing_to_infinity_are_refused_where_the_sum_overflows() {
    let loaded = load(&[fixture("invalid").join("weight-sum-overflow.json")]);
    let d = only(&loaded);
    assert_eq!(d.code.as_str(), "bad-weight");
    assert!(d.message.contains("\"x-amf-1\" has weight 1e308"), "{d}");
    assert!(d.message.contains("operator \"op-x\""), "{d}");
}

#[test]
fn subscribers_overflowing_a_u64_are_refused() {
    let loaded = load(&[fixture("invalid").join("subscribers-overflow.json")]);
    assert_eq!(only(&loaded).code.as_str(), "subscribers-overflow");
    assert!(loaded.inventory.is_none());
}

#[cfg(unix)]
#[test]
fn a_broken_symbolic_link_named_json_is_an_error() {
    let text = one_file(r#"{"id": "a", "operator": "o", "function": "amf", "supplier": "s"}"#);
    let dir = temp_with(&[("a.json", text.as_bytes())]);
    std::os::unix::fs::symlink(dir.path().join("gone.json"), dir.path().join("b.json"))
        .expect("symlink");
    let loaded = load(&[dir.path().to_path_buf()]);
    let d = only(&loaded);
    assert_eq!(d.code.as_str(), "io", "{d}");
    assert!(file_of(d).ends_with("/b.json"), "{d}");
    assert!(d.message.contains("broken symbolic link"), "{d}");
}

#[test]
fn a_missing_required_field_names_its_path() {
    let text = one_file(r#"{"id": "a", "function": "amf", "supplier": "s"}"#);
    let dir = temp_with(&[("one.json", text.as_bytes())]);
    let loaded = load(&[dir.path().join("one.json")]);
    let d = only(&loaded);
    assert_eq!(d.code.as_str(), "missing-field");
    assert_at(d, pos(&text, r#"{"id": "a""#), "assets[0].operator");
}

#[test]
fn data_echoed_in_messages_is_shown_escaped() {
    let hostile = "x\u{1b}]0;PWNED\u{7}\u{1b}[31mRED";
    let json = format!(
        r#"{{"format": "vendorgraph/1", "suppliers": [{{"id": "s", "country": "SE", "{}": 1}}]}}"#,
        hostile
            .replace('\u{1b}', "\\u001b")
            .replace('\u{7}', "\\u0007")
    );
    let csv = format!("id,country,{hostile}\ns,SE,1\n");
    for (name, text) in [("one.json", json), ("suppliers.csv", csv)] {
        let dir = temp_with(&[(name, text.as_bytes())]);
        let loaded = load(&[dir.path().join(name)]);
        let d = only(&loaded);
        assert_eq!(d.code.as_str(), "unknown-key", "{d}");
        // The diagnostic keeps the data exact; its rendering escapes it.
        assert!(d.message.contains(hostile), "{name}: {d:?}");
        let shown = d.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{name}: {shown}"
        );
        assert!(shown.contains("\\u{1b}]0;PWNED\\u{7}"), "{name}: {shown}");
    }
}
