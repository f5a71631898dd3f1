//! The validated inventory's compact tables: link targets in one array, interfaces and
//! regions as labels, read through the inventory.

use crate::support::load_json;

const INVENTORY: &str = r#"{"format": "vendorgraph/1",
  "suppliers": [{"id": "s", "country": "FI"}],
  "operators": [{"id": "o", "country": "FI"}],
  "assets": [
    {"id": "c", "operator": "o", "function": "amf", "supplier": "s"},
    {"id": "a", "operator": "o", "function": "gnb", "supplier": "s", "region": "South"},
    {"id": "b", "operator": "o", "function": "amf", "supplier": "s", "region": "North"}],
  "links": [
    {"from": "b", "to": "c", "kind": "connects_to", "interface": "N2", "source": "survey"},
    {"from": "a", "to": ["c", "b"], "kind": "connects_to", "interface": "N2"},
    {"from": "a", "to": "b", "kind": "connects_to", "interface": "Xn"},
    {"from": "a", "to": "b", "kind": "connects_to"}]}"#;

/// A link as read: from, targets, interface, source.
type View<'a> = (&'a str, Vec<&'a str>, Option<&'a str>, Option<&'a str>);

#[test]
fn links_and_assets_read_targets_interfaces_and_regions_through_the_inventory() {
    let loaded = load_json(INVENTORY);
    let inv = loaded.inventory.expect("valid");
    let id = |a| &*inv.asset(a).id;
    let links: Vec<View<'_>> = inv
        .links
        .iter()
        .map(|l| {
            let to = inv.targets(l).iter().map(|&t| id(t)).collect();
            let source = l.provenance().source.as_deref();
            (id(l.from), to, inv.interface(l), source)
        })
        .collect();
    // Sorted by from, kind, targets (by id), then interface (none first).
    assert_eq!(
        links,
        [
            ("a", vec!["b"], None, None),
            ("a", vec!["b"], Some("Xn"), None),
            ("a", vec!["b", "c"], Some("N2"), None),
            ("b", vec!["c"], Some("N2"), Some("survey")),
        ]
    );
    assert_eq!(
        inv.links
            .iter()
            .map(|l| l.target_count())
            .collect::<Vec<_>>(),
        [1, 1, 2, 1]
    );
    let regions: Vec<Option<&str>> = inv.assets.iter().map(|a| inv.region(a)).collect();
    assert_eq!(regions, [Some("South"), Some("North"), None]);
}

#[test]
fn the_inventory_is_the_same_whatever_the_file_order() {
    let (head, tail) = INVENTORY.split_at(INVENTORY.find("\"links\"").expect("links"));
    let assets = format!("{}\"links\": []}}", head);
    let links = format!("{{\"format\": \"vendorgraph/1\", {tail}");
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let mut seen = Vec::new();
    for (first, second) in [(&assets, &links), (&links, &assets)] {
        std::fs::write(&a, first).expect("write");
        std::fs::write(&b, second).expect("write");
        let loaded = vendorgraph::load::load(&[dir.path().to_path_buf()]);
        let inv = loaded.inventory.expect("valid");
        seen.push((format!("{:?}", inv.links), crate::support::texts(&inv)));
    }
    assert_eq!(seen[0], seen[1]);
}
