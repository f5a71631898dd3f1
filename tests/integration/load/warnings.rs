//! Tests: load. Warnings, each from a small inline inventory, alone and located.

use super::*;

// ---------------------------------------------------------------------------------------
// Warnings: each from a small inline inventory, alone, located.
// ---------------------------------------------------------------------------------------

/// A valid inventory without warning; `extra_*` are spliced into each table (one row a line).
fn base(extra_ops: &str, extra_assets: &str, links: &str) -> String {
    format!(
        r#"{{
  "format": "vendorgraph/1",
  "suppliers": [
    {{"id": "ericsson", "country": "SE"}},
    {{"id": "nokia", "country": "FI"}}
  ],
  "operators": [
    {{"id": "op-a", "country": "DE", "subscribers": 100}}{extra_ops}
  ],
  "assets": [
    {{"id": "a-gnb", "operator": "op-a", "function": "gnb", "supplier": "ericsson"}},
    {{"id": "a-amf", "operator": "op-a", "function": "amf", "supplier": "nokia"}}{extra_assets}
  ],
  "links": [
    {links}
  ]
}}
"#
    )
}

const LINK: &str = r#"{"from": "a-gnb", "to": "a-amf", "kind": "connects_to"}"#;

/// Loads an inventory that must be valid with exactly one warning, of `code`.
#[track_caller]
fn one_warning(text: &str, code: &str) -> Loaded {
    let loaded = load_json(text);
    let d = only(&loaded);
    assert_eq!(d.severity, Severity::Warning, "{d}");
    assert_eq!(d.code.as_str(), code, "{d}");
    assert!(
        loaded.inventory.is_some(),
        "warnings must not refuse the inventory"
    );
    loaded
}

#[test]
fn base_inventory_has_no_warning() {
    let loaded = load_json(&base("", "", LINK));
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded));
    assert!(loaded.inventory.is_some());
}

#[test]
fn warning_unlinked_asset() {
    let text = base(
        "",
        ",\n    {\"id\": \"a-smf\", \"operator\": \"op-a\", \"function\": \"smf\", \"supplier\": \"nokia\"}",
        LINK,
    );
    let loaded = one_warning(&text, "unlinked-asset");
    let d = &loaded.diagnostics[0];
    assert_at(d, pos(&text, "{\"id\": \"a-smf\""), "assets[2]");
    assert!(d.message.contains("\"a-smf\""), "{d}");
}

#[test]
fn unlinked_asset_in_own_domain_is_not_warned() {
    let text = base(
        "",
        ",\n    {\"id\": \"a-x\", \"operator\": \"op-a\", \"function\": \"toaster\", \"domain\": \"kitchen\", \"supplier\": \"nokia\"}",
        LINK,
    );
    let loaded = load_json(&text);
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded));
}

#[test]
fn warning_closed_cross_supplier_link() {
    let text = base(
        "",
        "",
        r#"{"from": "a-gnb", "to": "a-amf", "kind": "connects_to", "open": false}"#,
    );
    let loaded = one_warning(&text, "closed-cross-supplier-link");
    let d = &loaded.diagnostics[0];
    assert_at(d, pos(&text, "\"a-amf\", \"kind\""), "links[0].to");
    assert!(d.message.contains("\"a-gnb\" (ericsson)"), "{d}");
    assert!(d.message.contains("\"a-amf\" (nokia)"), "{d}");
}

#[test]
fn closed_link_by_default_kind_is_warned() {
    // managed_by is closed unless "open" says otherwise.
    let text = base(
        "",
        "",
        r#"{"from": "a-gnb", "to": "a-amf", "kind": "managed_by"}"#,
    );
    one_warning(&text, "closed-cross-supplier-link");
    let text = base(
        "",
        "",
        r#"{"from": "a-gnb", "to": "a-amf", "kind": "managed_by", "open": true}"#,
    );
    let loaded = load_json(&text);
    assert!(loaded.diagnostics.is_empty(), "{}", dump(&loaded));
}

#[test]
fn warning_operator_without_assets() {
    let text = base(",\n    {\"id\": \"op-b\", \"country\": \"FR\"}", "", LINK);
    let loaded = one_warning(&text, "operator-without-assets");
    let d = &loaded.diagnostics[0];
    assert_at(d, pos(&text, "{\"id\": \"op-b\""), "operators[1]");
    assert!(d.message.contains("\"op-b\""), "{d}");
}

#[test]
fn warning_partial_subscribers() {
    let text = base(
        ",\n    {\"id\": \"op-b\", \"country\": \"DE\"}",
        ",\n    {\"id\": \"b-gnb\", \"operator\": \"op-b\", \"function\": \"gnb\", \"supplier\": \"nokia\"},\n    {\"id\": \"b-amf\", \"operator\": \"op-b\", \"function\": \"amf\", \"supplier\": \"nokia\"}",
        &format!(
            "{LINK},\n    {{\"from\": \"b-gnb\", \"to\": \"b-amf\", \"kind\": \"connects_to\"}}"
        ),
    );
    let loaded = one_warning(&text, "partial-subscribers");
    let d = &loaded.diagnostics[0];
    assert_at(d, pos(&text, "\"op-b\", \"country\""), "operators[1].id");
    assert!(d.message.contains("\"op-b\""), "{d}");
    assert!(d.message.contains("op-a"), "{d}");
    assert!(d.message.contains("DE"), "{d}");
}

#[test]
fn warning_duplicate_target() {
    let text = base(
        "",
        "",
        r#"{"from": "a-gnb", "to": ["a-amf", "a-amf"], "kind": "connects_to"}"#,
    );
    let loaded = one_warning(&text, "duplicate-target");
    let d = &loaded.diagnostics[0];
    assert_at(d, pos(&text, "[\"a-amf\", \"a-amf\"]"), "links[0].to");
    assert!(d.message.contains("\"a-gnb\""), "{d}");
    // The target counts once.
    let inv = loaded.inventory.as_ref().unwrap();
    assert_eq!(inv.links[0].target_count(), 1);
}

#[test]
fn warnings_are_sorted_after_errors_and_by_line() {
    // The example of docs/diagnostics.md: five warnings, each at its own place.
    let text = r#"{
  "format": "vendorgraph/1",
  "suppliers": [
    {"id": "ericsson", "country": "SE"},
    {"id": "nokia", "country": "FI"}
  ],
  "operators": [
    {"id": "op-a", "country": "DE", "subscribers": 100},
    {"id": "op-b", "country": "DE"}
  ],
  "assets": [
    {"id": "a-gnb", "operator": "op-a", "function": "GNB", "supplier": "ericsson"},
    {"id": "a-enb", "operator": "op-a", "function": "enb", "supplier": "nokia"},
    {"id": "a-amf", "operator": "op-a", "function": "amf", "supplier": "ericsson"},
    {"id": "a-x", "operator": "op-a", "function": "toaster", "domain": "kitchen", "supplier": "ericsson"},
    {"id": "a-smf", "operator": "op-a", "function": "smf", "supplier": "ericsson"}
  ],
  "links": [
    {"from": "a-gnb", "to": "a-enb", "kind": "anchored_by"},
    {"from": "a-gnb", "to": ["a-amf", "a-amf"], "kind": "connects_to"}
  ]
}
"#;
    let loaded = load_json(text);
    assert!(loaded.inventory.is_some());
    let got: Vec<(&str, u64, u64, &str)> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning, "{d}");
            let l = d.location.as_ref().unwrap();
            (
                d.code.as_str(),
                l.line.unwrap(),
                l.column.unwrap(),
                l.path.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("operator-without-assets", 9, 5, "operators[1]"),
            ("partial-subscribers", 9, 12, "operators[1].id"),
            ("unlinked-asset", 16, 5, "assets[4]"),
            ("closed-cross-supplier-link", 19, 29, "links[0].to"),
            ("duplicate-target", 20, 29, "links[1].to"),
        ]
    );
}

#[test]
fn warnings_are_not_reported_beside_errors() {
    // An unlinked asset and a bad country: only the error.
    let text = base(
        ",\n    {\"id\": \"op-b\", \"country\": \"XX\", \"subscribers\": 1}",
        ",\n    {\"id\": \"a-smf\", \"operator\": \"op-a\", \"function\": \"smf\", \"supplier\": \"nokia\"}",
        LINK,
    );
    let loaded = load_json(&text);
    let d = only(&loaded);
    assert_eq!(d.code.as_str(), "bad-country", "{d}");
}
