//! Tests: analyses. §4 of the analyses: high-risk exposure and offshore operation.

use super::*;

// ---------------------------------------------------------------------------------------
// 4. High-risk exposure and offshore operation
// ---------------------------------------------------------------------------------------

#[test]
fn exposure_paths_kinds_and_index() {
    let g = support::graph_of(&inv(
        &format!(
            "{},\n{}",
            low(&["ok"]),
            r#"{"id": "hr", "country": "CN", "risk": "high"},
               {"id": "hrsub", "country": "CN", "risk": "low", "group": "hr"}"#
        ),
        r#"{"id": "A", "country": "DE"}"#,
        r#"
        {"id": "k-direct", "operator": "A", "function": "amf", "supplier": "hr", "weight": 2},
        {"id": "k-runs", "operator": "A", "function": "smf", "supplier": "ok"},
        {"id": "p-hr", "operator": "A", "function": "nfvi", "supplier": "hr"},
        {"id": "k-chain", "operator": "A", "function": "upf", "supplier": "ok"},
        {"id": "p-ok", "operator": "A", "function": "server", "supplier": "ok"},
        {"id": "ms-hr", "operator": "A", "function": "managed-service", "supplier": "hrsub"},
        {"id": "k-short", "operator": "A", "function": "udm", "supplier": "ok"},
        {"id": "x1", "operator": "A", "function": "server", "supplier": "ok"},
        {"id": "x2", "operator": "A", "function": "server", "supplier": "ok"},
        {"id": "x3", "operator": "A", "function": "server", "supplier": "hr"},
        {"id": "y1", "operator": "A", "function": "managed-service", "supplier": "ok"},
        {"id": "y2", "operator": "A", "function": "server", "supplier": "hr"},
        {"id": "k-anch", "operator": "A", "function": "ausf", "supplier": "ok"},
        {"id": "k-sens", "operator": "A", "function": "enb", "supplier": "ok", "weight": 3, "sensitive": true},
        {"id": "n-ran", "operator": "A", "function": "gnb", "supplier": "ok", "weight": 5},
        {"id": "hr-ems", "operator": "A", "function": "ems", "supplier": "hr"},
        {"id": "k-zero", "operator": "A", "function": "pcf", "supplier": "hr", "weight": 0},
        {"id": "rt-0", "operator": "A", "function": "router", "supplier": "ok", "weight": 0, "sensitive": true}
        "#,
        r#"
        {"from": "k-runs", "to": "p-hr", "kind": "runs_on"},
        {"from": "k-chain", "to": "p-ok", "kind": "runs_on"},
        {"from": "p-ok", "to": "ms-hr", "kind": "operated_by"},
        {"from": "k-short", "to": "x1", "kind": "managed_by"},
        {"from": "x1", "to": "x2", "kind": "runs_on"},
        {"from": "x2", "to": "x3", "kind": "runs_on"},
        {"from": "k-short", "to": "y1", "kind": "operated_by"},
        {"from": "y1", "to": "y2", "kind": "runs_on"},
        {"from": "k-anch", "to": "k-direct", "kind": "anchored_by"},
        {"from": "k-anch", "to": "k-direct", "kind": "connects_to"},
        {"from": "k-sens", "to": "hr-ems", "kind": "managed_by"},
        {"from": "n-ran", "to": "hr-ems", "kind": "managed_by"},
        {"from": "rt-0", "to": "x3", "kind": "connects_to"}
        "#,
    ));
    let r = support::scan(&g);
    let a = op(&r, "A");
    // Key assets: core (k-anch 1, k-chain 1, k-direct 2, k-runs 1, k-short 1, k-zero 0 = 6),
    // nmo (hr-ems 1), and the sensitive k-sens (ran, 3) and rt-0 (transport, 0).
    // key weight = 6 + 1 + 3 + 0 = 10.
    close(a.exposure.key_weight, 10.0);
    // Exposed, by asset id:
    //   hr-ems: its own supplier is high-risk: direct, k = 0
    //   k-chain: runs_on p-ok, operated_by ms-hr (hrsub, high through its group hr)
    //   k-direct: direct
    //   k-runs: runs_on p-hr (hr)
    //   k-sens: managed_by hr-ems
    //   k-short: two paths, x1 -> x2 -> x3 (3 steps) and y1 -> y2 (2 steps): the shortest,
    //            whose first step is operated_by
    //   k-zero: direct, listed although it weighs 0
    // Not exposed: k-anch (anchored_by and connects_to do not carry control), rt-0
    // (connects_to only), n-ran (exposed through hr-ems but not a key asset).
    assert_eq!(
        exposed(a),
        [
            ex("hr-ems", "direct", &["hr-ems"]),
            ex("k-chain", "runs_on", &["k-chain", "p-ok", "ms-hr"]),
            ex("k-direct", "direct", &["k-direct"]),
            ex("k-runs", "runs_on", &["k-runs", "p-hr"]),
            ex("k-sens", "managed_by", &["k-sens", "hr-ems"]),
            ex("k-short", "operated_by", &["k-short", "y1", "y2"]),
            ex("k-zero", "direct", &["k-zero"]),
        ]
    );
    // exposed weight = 1 (hr-ems) + 1 + 2 + 1 + 3 + 1 + 0 = 9; index = 9 / 10.
    close(a.exposure.index.unwrap(), 0.9);
    // per domain with positive key weight (transport's is 0: left out):
    //   core: exposed 1 + 2 + 1 + 1 + 0 = 5 of 6; nmo: 1 of 1; ran: 3 of 3.
    let per: Vec<(&str, f64)> = a
        .exposure
        .domains
        .iter()
        .map(|d| (d.domain.as_str(), d.index))
        .collect();
    assert_list(&per, &[("core", 5.0 / 6.0), ("nmo", 1.0), ("ran", 1.0)]);
    // the high-risk supplier at the end of each path
    let ends: Vec<(&str, &str)> = a
        .exposure
        .exposed
        .iter()
        .map(|e| (e.asset.as_str(), e.supplier.as_str()))
        .collect();
    assert_eq!(
        ends,
        [
            ("hr-ems", "hr"),
            ("k-chain", "hrsub"),
            ("k-direct", "hr"),
            ("k-runs", "hr"),
            ("k-sens", "hr"),
            ("k-short", "hr"),
            ("k-zero", "hr"),
        ]
    );
}

#[test]
fn exposure_without_key_weight_is_null() {
    let g = support::graph_of(&inv(
        &low(&["ok"]),
        r#"{"id": "A", "country": "DE"}, {"id": "B", "country": "DE"}"#,
        r#"
        {"id": "a-gnb", "operator": "A", "function": "gnb", "supplier": "ok"},
        {"id": "b-amf", "operator": "B", "function": "amf", "supplier": "ok", "weight": 0}
        "#,
        "",
    ));
    let r = support::scan(&g);
    // A has no key asset; B's key assets weigh 0: both null, no per-domain index.
    for id in ["A", "B"] {
        let o = op(&r, id);
        assert!(o.exposure.index.is_none(), "{id}");
        close(o.exposure.key_weight, 0.0);
        assert!(o.exposure.domains.is_empty(), "{id}");
        assert!(o.exposure.exposed.is_empty(), "{id}");
    }
}

#[test]
fn offshore_managed_services() {
    let g = support::graph_of(&inv(
        &low(&["ok"]),
        r#"{"id": "F", "country": "FR"}, {"id": "G", "country": "CH"}"#,
        r#"
        {"id": "f-oss", "operator": "F", "function": "oss", "supplier": "ok"},
        {"id": "f-ms-in", "operator": "F", "function": "managed-service", "supplier": "ok", "location": "IN"},
        {"id": "f-amf", "operator": "F", "function": "amf", "supplier": "ok"},
        {"id": "f-ms-de", "operator": "F", "function": "managed-service", "supplier": "ok", "location": "DE"},
        {"id": "f-smf", "operator": "F", "function": "smf", "supplier": "ok"},
        {"id": "f-ms-def", "operator": "F", "function": "managed-service", "supplier": "ok"},
        {"id": "f-udm", "operator": "F", "function": "udm", "supplier": "ok"},
        {"id": "f-upf", "operator": "F", "function": "upf", "supplier": "ok"},
        {"id": "f-srv", "operator": "F", "function": "server", "supplier": "ok"},
        {"id": "f-gnb", "operator": "F", "function": "gnb", "supplier": "ok"},
        {"id": "g-amf", "operator": "G", "function": "amf", "supplier": "ok"},
        {"id": "g-ms", "operator": "G", "function": "managed-service", "supplier": "ok"},
        {"id": "g-upf", "operator": "G", "function": "upf", "supplier": "ok"},
        {"id": "g-ms-no", "operator": "G", "function": "managed-service", "supplier": "ok", "location": "NO"}
        "#,
        r#"
        {"from": "f-oss", "to": "f-ms-in", "kind": "operated_by"},
        {"from": "f-amf", "to": "f-ms-de", "kind": "operated_by"},
        {"from": "f-smf", "to": "f-ms-def", "kind": "operated_by"},
        {"from": "f-udm", "to": "f-ms-in", "kind": "connects_to"},
        {"from": "f-upf", "to": "f-srv", "kind": "runs_on"},
        {"from": "f-srv", "to": "f-ms-in", "kind": "operated_by"},
        {"from": "f-gnb", "to": "f-ms-in", "kind": "operated_by"},
        {"from": "g-amf", "to": "g-ms", "kind": "operated_by"},
        {"from": "g-upf", "to": "g-ms-no", "kind": "operated_by"}
        "#,
    ));
    let r = support::scan(&g);
    let offshore = |o: &OperatorFigures| -> Vec<(String, Vec<String>)> {
        o.exposure
            .offshore
            .iter()
            .map(|x| (x.asset.clone(), x.path.clone()))
            .collect()
    };
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    // F (FR): f-oss -> f-ms-in (IN: outside EU 27 + IS, LI, NO): offshore.
    //   f-upf -> f-srv -> f-ms-in: offshore in 2 steps.
    //   f-amf -> f-ms-de (DE): allowed. f-smf -> f-ms-def (no location: FR, F's country):
    //   allowed. f-udm connects_to f-ms-in: no control. f-gnb is not key.
    assert_eq!(
        offshore(op(&r, "F")),
        [
            ("f-oss".to_owned(), s(&["f-oss", "f-ms-in"])),
            ("f-upf".to_owned(), s(&["f-upf", "f-srv", "f-ms-in"])),
        ]
    );
    // G (CH): g-ms has no location, so it is operated from CH, outside the allowed list:
    // offshore. g-ms-no is in NO: allowed.
    assert_eq!(
        offshore(op(&r, "G")),
        [("g-amf".to_owned(), s(&["g-amf", "g-ms"]))]
    );
    let g_off = &op(&r, "G").exposure.offshore[0];
    assert_eq!(g_off.location, "CH");
    assert_eq!(g_off.managed_service, "g-ms");
}

#[test]
fn function_names_match_case_insensitively() {
    // "GNB" is a radio unit; "Managed-Service" in IN is an offshore managed service.
    let g = support::graph_of(&inv(
        &low(&["a", "b"]),
        r#"{"id": "A", "country": "DE"}"#,
        r#"
        {"id": "u", "operator": "A", "function": "GNB", "supplier": "a", "weight": 2},
        {"id": "m", "operator": "A", "function": "AMF", "supplier": "b"},
        {"id": "ms", "operator": "A", "function": "Managed-Service", "supplier": "b", "location": "IN"}
        "#,
        r#"
        {"from": "u", "to": "m", "kind": "connects_to"},
        {"from": "m", "to": "ms", "kind": "operated_by"}
        "#,
    ));
    let r = support::scan(&g);
    let o = op(&r, "A");
    // units: u (2, 5g). a: 2/2; b: m down -> u down: 1.
    close(o.outage.units_weight, 2.0);
    assert_list(&outages(o), &[("a", 1.0), ("b", 1.0)]);
    close_opt(outage_of(o, "a").outage_5g, Some(1.0));
    // m is a core (key) asset operated_by ms, in IN: offshore.
    let off: Vec<&str> = o
        .exposure
        .offshore
        .iter()
        .map(|x| x.asset.as_str())
        .collect();
    assert_eq!(off, ["m"]);
    assert_eq!(domain_names(o), ["core", "ran", "services"]);
}
