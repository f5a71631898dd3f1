//! Tests: analyses. §5 of the analyses: the national vendor balance.

use super::*;

// ---------------------------------------------------------------------------------------
// 5. National vendor balance
// ---------------------------------------------------------------------------------------

#[test]
fn national_weights_fallback_and_all_scope() {
    let text = inv(
        &low(&["a", "b", "c", "z"]),
        r#"{"id": "d1", "country": "DE", "subscribers": 30},
           {"id": "d2", "country": "DE", "subscribers": 10},
           {"id": "f1", "country": "FR"},
           {"id": "f2", "country": "FR", "subscribers": 5}"#,
        r#"
        {"id": "d1-ga", "operator": "d1", "function": "gnb", "supplier": "a", "weight": 3},
        {"id": "d1-gb", "operator": "d1", "function": "gnb", "supplier": "b", "weight": 1},
        {"id": "d1-gz", "operator": "d1", "function": "gnb", "supplier": "z", "weight": 0},
        {"id": "d1-amf", "operator": "d1", "function": "amf", "supplier": "c"},
        {"id": "d2-gb", "operator": "d2", "function": "gnb", "supplier": "b", "weight": 2},
        {"id": "f1-ga", "operator": "f1", "function": "gnb", "supplier": "a"},
        {"id": "f2-amf", "operator": "f2", "function": "amf", "supplier": "b"}
        "#,
        r#"
        {"from": "d1-ga", "to": "d1-amf", "kind": "connects_to"},
        {"from": "d1-gb", "to": "d1-amf", "kind": "connects_to"}
        "#,
    );
    let g = support::graph_of(&text);
    let r = support::scan(&g);
    // countries by code, then all
    let names: Vec<&str> = r.countries.iter().map(|c| c.country.as_str()).collect();
    assert_eq!(names, ["DE", "FR", "all"]);

    // DE: both give subscribers, sum 40 > 0: w(d1) = 30, w(d2) = 10.
    let de = country(&r, "DE");
    assert_eq!(de.weighting, Weighting::Subscribers);
    // ran: d1 shares a 3/4, b 1/4, z 0 (weight 0); d2 b 1.
    //   a = 30 * 0.75 / 40 = 0.5625; b = (30 * 0.25 + 10 * 1) / 40 = 17.5 / 40 = 0.4375;
    //   z = 0, listed because it is listed in d1's ran.
    let ran = national_shares(de, "ran");
    assert_list(&nat_list(ran), &[("a", 0.5625), ("b", 0.4375), ("z", 0.0)]);
    // hhi = 56.25^2 + 43.75^2 = 3164.0625 + 1914.0625 = 5078.125
    close(ran.hhi, 5078.125);
    assert_eq!(ran.band.as_str(), "high");
    close(ran.high_risk_share, 0.0);
    // operators with a positive share: a 1 (d1), b 2 (d1, d2), z 0.
    assert_eq!(nat_operators(ran), [("a", 1), ("b", 2), ("z", 0)]);
    assert_eq!(ran.operators, 2);
    // core: O_core = {d1} (d2 has none): c = 30 * 1 / 30 = 1.
    let core = national_shares(de, "core");
    assert_list(&nat_list(core), &[("c", 1.0)]);
    assert_eq!(core.operators, 1);
    // outage: d1 units d1-ga 3, d1-gb 1, d1-gz 0 = 4: a 3/4, b 1/4, c 1 (the AMF), z 0.
    //   d2: d2-gb: b 1. Both defined.
    //   c = 30 * 1 / 40 = 0.75; a = 30 * 0.75 / 40 = 0.5625;
    //   b = (30 * 0.25 + 10 * 1) / 40 = 0.4375; z = 0.
    assert_list(
        &nat_outage(de),
        &[("c", 0.75), ("a", 0.5625), ("b", 0.4375), ("z", 0.0)],
    );

    // FR: f1 gives no subscribers: equal weights, and a warning.
    let fr = country(&r, "FR");
    assert_eq!(fr.weighting, Weighting::Equal);
    assert!(
        r.warnings.iter().any(|w| w.starts_with("FR")),
        "{:?}",
        r.warnings
    );
    assert!(!r.warnings.iter().any(|w| w.starts_with("DE")));
    // ran: O_ran = {f1}: a 1. core: O_core = {f2}: b 1.
    assert_list(&nat_list(national_shares(fr, "ran")), &[("a", 1.0)]);
    assert_list(&nat_list(national_shares(fr, "core")), &[("b", 1.0)]);
    // outage: only f1 has units (f2's outage is undefined and is not averaged in):
    //   a = 1 * 1 / 1 = 1 (not (1 + 0) / 2).
    assert_list(&nat_outage(fr), &[("a", 1.0)]);

    // all: f1 gives no subscribers: equal weights 1 each, with a warning.
    let all = country(&r, "all");
    assert_eq!(all.weighting, Weighting::Equal);
    assert!(r.warnings.iter().any(|w| w.starts_with("all")));
    // ran: O_ran = {d1, d2, f1}: a = (0.75 + 0 + 1) / 3 = 1.75/3;
    //   b = (0.25 + 1 + 0) / 3 = 1.25/3; z = 0.
    let ran = national_shares(all, "ran");
    assert_list(
        &nat_list(ran),
        &[("a", 1.75 / 3.0), ("b", 1.25 / 3.0), ("z", 0.0)],
    );
    assert_eq!(nat_operators(ran), [("a", 2), ("b", 2), ("z", 0)]);
    // core: O_core = {d1, f2}: b = 1/2, c = 1/2 (tie: by id).
    assert_list(
        &nat_list(national_shares(all, "core")),
        &[("b", 0.5), ("c", 0.5)],
    );
    // outage over d1, d2, f1 (defined), weights 1:
    //   a = (0.75 + 0 + 1) / 3; b = (0.25 + 1 + 0) / 3; c = (1 + 0 + 0) / 3; z = 0.
    assert_list(
        &nat_outage(all),
        &[
            ("a", 1.75 / 3.0),
            ("b", 1.25 / 3.0),
            ("c", 1.0 / 3.0),
            ("z", 0.0),
        ],
    );
    // Loading warns about FR's partial subscribers too.
    let loaded = support::load_json(&text);
    assert!(
        loaded
            .warnings()
            .any(|d| d.code.as_str() == "partial-subscribers"),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn national_high_risk_share_counts_group_members() {
    let g = support::graph_of(&inv(
        &format!(
            "{},\n{}",
            low(&["a"]),
            r#"{"id": "hr", "country": "CN", "risk": "high"},
               {"id": "hrsub", "country": "CN", "group": "hr"}"#
        ),
        r#"{"id": "d1", "country": "DE", "subscribers": 3},
           {"id": "d2", "country": "DE", "subscribers": 1}"#,
        r#"
        {"id": "d1-amf", "operator": "d1", "function": "amf", "supplier": "hrsub"},
        {"id": "d1-smf", "operator": "d1", "function": "smf", "supplier": "a"},
        {"id": "d2-amf", "operator": "d2", "function": "amf", "supplier": "a"}
        "#,
        "",
    ));
    let r = support::scan(&g);
    let core = national_shares(country(&r, "DE"), "core");
    // d1: hrsub 1/2, a 1/2; d2: a 1. Weights 3 : 1.
    //   hrsub = 3 * 0.5 / 4 = 0.375; a = (3 * 0.5 + 1) / 4 = 0.625.
    assert_list(&nat_list(core), &[("a", 0.625), ("hrsub", 0.375)]);
    // hrsub is high-risk through its group: 0.375.
    close(core.high_risk_share, 0.375);
    // hhi = 62.5^2 + 37.5^2 = 3906.25 + 1406.25 = 5312.5
    close(core.hhi, 5312.5);
}
