//! Tests: `vendorgraph diff` (analyses.md section 9, cli.md `vendorgraph-diff/1`): figures
//! computed by hand on `fixtures/diff`, `fixtures/europe` against `fixtures/europe-2027` (a
//! copy with suppliers swapped, an operator removed and a site added), exit statuses, bad
//! input, `--country`, and a snapshot of every format.

use serde_json::Value;

use super::support::{run, stderr, stdout};

const BEFORE: &str = "fixtures/diff/before.json";
const AFTER: &str = "fixtures/diff/after.json";

/// Runs `diff` with `--format json`, expecting `status`, and parses the document.
#[track_caller]
fn diff_json(before: &str, after: &str, extra: &[&str], status: i32) -> Value {
    let mut args = vec![
        "diff", "--before", before, "--after", after, "--format", "json",
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(status), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// A change as (figure, before, after, change).
type Row<S> = (S, Option<f64>, Option<f64>, Option<f64>);

/// The changes of one scope as (figure, before, after, change).
fn changes_of(d: &Value, scope: &str, id: &str) -> Vec<Row<String>> {
    d["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["scope"] == scope && c["id"] == id)
        .map(|c| {
            (
                c["figure"].as_str().expect("figure").to_owned(),
                c["before"].as_f64(),
                c["after"].as_f64(),
                c["change"].as_f64(),
            )
        })
        .collect()
}

/// (rule, severity, subject) of a finding list.
fn findings(d: &Value, which: &str) -> Vec<(String, String, String)> {
    d["findings"][which]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let subject: Vec<&str> = ["operator", "country", "domain", "supplier", "asset"]
                .iter()
                .filter_map(|k| f[*k].as_str())
                .collect();
            (
                f["rule"].as_str().expect("rule").to_owned(),
                f["severity"].as_str().expect("severity").to_owned(),
                subject.join("/"),
            )
        })
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("list")
        .iter()
        .map(|x| x.as_str().expect("string"))
        .collect()
}

#[test]
fn hand_computed_operator_figures() {
    // Before: operator o (DE) has RAN g1 (a, weight 1) and g2 (h, high-risk, weight 3,
    // sensitive). After: g2 is from b, and g3 (b, weight 4) is new; h left the registry.
    // RAN weight 4 -> 8. Shares a 1/4 -> 1/8, h 3/4 -> absent, b absent -> 7/8.
    // HHI 25^2 + 75^2 = 6250 -> 12.5^2 + 87.5^2 = 7812.5 (+1562.5); equivalent suppliers
    // 10000/6250 = 1.6 -> 10000/7812.5 = 1.28. High-risk share 0.75 -> 0. Every cell takes
    // down only itself: outage of a supplier = its share; worst single 0.75 (h) -> 0.875 (b).
    // g2 was the one exposed key asset (sensitive, direct): exposure index 1 -> 0.
    let d = diff_json(BEFORE, AFTER, &[], 0);
    assert_eq!(d["format"], "vendorgraph-diff/1");
    assert_eq!(d["before"]["format"], "vendorgraph-report/1");
    assert_eq!(d["after"]["format"], "vendorgraph-report/1");
    let n = None;
    let s = Some;
    let expected: Vec<Row<&str>> = vec![
        (
            "domains[ran].equivalent_suppliers",
            s(1.6),
            s(1.28),
            s(1.28 - 1.6),
        ),
        ("domains[ran].groups[a].share", s(0.25), s(0.125), s(-0.125)),
        ("domains[ran].groups[b].share", n, s(0.875), n),
        ("domains[ran].groups[h].share", s(0.75), n, n),
        ("domains[ran].hhi", s(6250.0), s(7812.5), s(1562.5)),
        ("domains[ran].high_risk_share", s(0.75), s(0.0), s(-0.75)),
        (
            "domains[ran].suppliers[a].share",
            s(0.25),
            s(0.125),
            s(-0.125),
        ),
        ("domains[ran].suppliers[b].share", n, s(0.875), n),
        ("domains[ran].suppliers[h].share", s(0.75), n, n),
        ("domains[ran].top.share", s(0.75), s(0.875), s(0.125)),
        ("domains[ran].weight", s(4.0), s(8.0), s(4.0)),
        ("exposure.domains[ran].index", s(1.0), s(0.0), s(-1.0)),
        ("exposure.exposed[g2].path_length", s(0.0), n, n),
        ("exposure.exposed[g2].weight", s(3.0), n, n),
        ("exposure.index", s(1.0), s(0.0), s(-1.0)),
        ("outage.suppliers[a].outage", s(0.25), s(0.125), s(-0.125)),
        (
            "outage.suppliers[a].outage_5g",
            s(0.25),
            s(0.125),
            s(-0.125),
        ),
        ("outage.suppliers[b].outage", n, s(0.875), n),
        ("outage.suppliers[b].outage_5g", n, s(0.875), n),
        ("outage.suppliers[h].outage", s(0.75), n, n),
        ("outage.suppliers[h].outage_5g", s(0.75), n, n),
        ("outage.units_weight", s(4.0), s(8.0), s(4.0)),
        ("outage.worst_single.outage", s(0.75), s(0.875), s(0.125)),
    ];
    let got = changes_of(&d, "operator", "o");
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g.0, e.0);
        for (x, y) in [(g.1, e.1), (g.2, e.2), (g.3, e.3)] {
            match (x, y) {
                (Some(x), Some(y)) => assert!((x - y).abs() < 1e-12, "{}: {x} != {y}", g.0),
                _ => assert_eq!(x, y, "{}", g.0),
            }
        }
    }
}

#[test]
fn hand_computed_national_figures_and_ids() {
    // DE has o and p (p1: a, weight 4, on both sides), weighted equally (no subscribers).
    // National RAN shares are the mean of the operators' shares: before a (0.25 + 1) / 2 =
    // 0.625, h 0.375; after a (0.125 + 1) / 2 = 0.5625, b 0.4375. HHI 62.5^2 + 37.5^2 =
    // 5312.5 -> 56.25^2 + 43.75^2 = 5078.125. National outages are the same means.
    let d = diff_json(BEFORE, AFTER, &[], 0);
    let n = None;
    let s = Some;
    let expected: Vec<Row<String>> = vec![
        (
            "domains[ran].hhi".into(),
            s(5312.5),
            s(5078.125),
            s(-234.375),
        ),
        (
            "domains[ran].high_risk_share".into(),
            s(0.375),
            s(0.0),
            s(-0.375),
        ),
        (
            "domains[ran].suppliers[a].share".into(),
            s(0.625),
            s(0.5625),
            s(-0.0625),
        ),
        ("domains[ran].suppliers[b].operators".into(), n, s(1.0), n),
        ("domains[ran].suppliers[b].share".into(), n, s(0.4375), n),
        ("domains[ran].suppliers[h].operators".into(), s(1.0), n, n),
        ("domains[ran].suppliers[h].share".into(), s(0.375), n, n),
        ("outage[a].outage".into(), s(0.625), s(0.5625), s(-0.0625)),
        ("outage[b].outage".into(), n, s(0.4375), n),
        ("outage[h].outage".into(), s(0.375), n, n),
    ];
    // One country: `all` equals DE. p did not change.
    assert_eq!(changes_of(&d, "country", "DE"), expected);
    assert_eq!(changes_of(&d, "country", "all"), expected);
    assert!(changes_of(&d, "operator", "p").is_empty());
    assert_eq!(strings(&d["added"]["suppliers"]), ["b"]);
    assert_eq!(strings(&d["added"]["assets"]), ["g3"]);
    assert!(strings(&d["added"]["operators"]).is_empty());
    assert_eq!(strings(&d["removed"]["suppliers"]), ["h"]);
    assert!(strings(&d["removed"]["assets"]).is_empty());
    // Sorted by scope, id, then figure.
    let keys: Vec<(String, String, String)> = d["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let f = |k: &str| c[k].as_str().expect("key").to_owned();
            (f("scope"), f("id"), f("figure"))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn findings_are_new_resolved_or_kept_and_a_new_deny_exits_1() {
    // o: b's 0.875 breaks the share (0.8) and outage (0.5) limits; h's 0.75 broke the
    // outage limit, and g2 (sensitive) was a key asset supplied by a high-risk supplier:
    // deny. DE: national outage above 0.3 for a and h before, a and b after; national share
    // above 0.6 for a before (0.625) only. p (one supplier, a) keeps its three findings.
    let d = diff_json(BEFORE, AFTER, &[], 0);
    let w = |r: &str, s: &str| (r.to_owned(), "warn".to_owned(), s.to_owned());
    assert_eq!(
        findings(&d, "new"),
        [
            w("supplier-outage", "o/DE/b"),
            w("supplier-share", "o/DE/ran/b"),
            w("systemic-supplier", "DE/b"),
        ]
    );
    assert_eq!(
        findings(&d, "resolved"),
        [
            (
                "high-risk-key-asset".into(),
                "deny".into(),
                "o/DE/ran/h/g2".into()
            ),
            w("high-risk-ran", "o/DE/ran"),
            w("national-share", "DE/ran/a"),
            w("supplier-outage", "o/DE/h"),
            w("systemic-supplier", "DE/h"),
        ]
    );
    assert_eq!(
        findings(&d, "kept"),
        [
            w("single-supplier", "p/DE/ran/a"),
            w("supplier-outage", "p/DE/a"),
            w("supplier-share", "p/DE/ran/a"),
            w("systemic-supplier", "DE/a"),
        ]
    );
    // The other way round the deny finding is new: a regression, exit status 1.
    let back = diff_json(AFTER, BEFORE, &[], 1);
    assert_eq!(findings(&back, "new")[0].1, "deny");
    // The same inventory on both sides: nothing changed, every finding kept.
    let same = diff_json(BEFORE, BEFORE, &[], 0);
    assert!(same["changes"].as_array().expect("changes").is_empty());
    assert!(findings(&same, "new").is_empty());
    assert_eq!(findings(&same, "kept").len(), 9);
    assert_eq!(same["before"], same["after"]);
}

#[test]
fn bad_input_on_both_sides_is_all_reported_with_status_2() {
    let o = run(&[
        "diff",
        "--before",
        "fixtures/invalid/duplicate-id.json",
        "--after",
        "fixtures/invalid/dangling-reference.json",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let e = stderr(&o);
    assert!(e.contains("duplicate-id.json:"), "{e}");
    assert!(e.contains("dangling-reference.json:"), "{e}");
    assert!(e.contains("--before is invalid"), "{e}");
    assert!(e.contains("--after is invalid"), "{e}");
    let o = run(&["diff", "--before", "-", "--after", "-"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "diff",
        "--before",
        BEFORE,
        "--after",
        AFTER,
        "--country",
        "FR",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown country \"FR\""));
}

#[test]
fn europe_against_a_copy_with_suppliers_swapped() {
    // europe-2027: de-1's Huawei equipment is Ericsson's, be-1's ZTE is Samsung's, mt-3 is
    // gone, and fr-1 has a new Mavenir site (fr-1-enb-000041, fr-1-gnb-000041).
    let d = diff_json("fixtures/europe", "fixtures/europe-2027", &[], 0);
    assert_eq!(strings(&d["removed"]["operators"]), ["mt-3"]);
    assert_eq!(strings(&d["added"]["suppliers"]), ["mavenir"]);
    assert_eq!(
        strings(&d["added"]["assets"]),
        ["fr-1-enb-000041", "fr-1-gnb-000041"]
    );
    assert_eq!(
        d["removed"]["assets"].as_array().expect("assets").len(),
        121
    );
    assert!(
        strings(&d["removed"]["assets"])
            .iter()
            .all(|a| a.starts_with("mt-3-"))
    );
    // de-1's RAN has no high-risk supplier any more; Germany's national share falls.
    let de1 = changes_of(&d, "operator", "de-1");
    let hr = de1
        .iter()
        .find(|c| c.0 == "domains[ran].high_risk_share")
        .expect("de-1 ran high-risk share");
    assert_eq!(hr.2, Some(0.0));
    assert!(hr.1.expect("before") > 0.5);
    let de = changes_of(&d, "country", "DE");
    let national = de
        .iter()
        .find(|c| c.0 == "domains[ran].high_risk_share")
        .expect("DE ran high-risk share");
    assert!(national.3.expect("change") < -0.3);
    // No new deny, many resolved; every finding of mt-3 is resolved.
    assert!(findings(&d, "new").iter().all(|f| f.1 == "warn"));
    let resolved = findings(&d, "resolved");
    assert!(resolved.iter().any(|f| f.2.starts_with("mt-3/")));
    let kept = findings(&d, "kept").len();
    let before = d["before"]["findings"].as_array().expect("f").len();
    let after = d["after"]["findings"].as_array().expect("f").len();
    assert_eq!(before, kept + resolved.len());
    assert_eq!(after, kept + findings(&d, "new").len());
    // Untouched operators have no change.
    assert!(changes_of(&d, "operator", "at-1").is_empty());
}

#[test]
fn country_limits_both_sides() {
    let d = diff_json(
        "fixtures/europe",
        "fixtures/europe-2027",
        &["--country", "de", "--country", "MT"],
        0,
    );
    let ids: Vec<&str> = d["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert!(!ids.is_empty());
    assert!(
        ids.iter()
            .all(|i| ["DE", "MT"].contains(i) || i.starts_with("de-") || i.starts_with("mt-")),
        "{ids:?}"
    );
    assert!(d["added"]["assets"].as_array().expect("a").is_empty());
    assert_eq!(strings(&d["removed"]["operators"]), ["mt-3"]);
    let countries: Vec<&str> = d["after"]["countries"]
        .as_array()
        .expect("countries")
        .iter()
        .map(|c| c["country"].as_str().expect("code"))
        .collect();
    assert_eq!(countries, ["DE", "MT"]);
}

#[test]
fn snapshots_of_every_format() {
    for format in ["table", "json", "markdown"] {
        let o = run(&[
            "diff", "--before", BEFORE, "--after", AFTER, "--format", format,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(format!("diff_small_{format}"), stdout(&o));
    }
    for format in ["table", "markdown"] {
        let o = run(&[
            "diff",
            "--before",
            "fixtures/europe",
            "--after",
            "fixtures/europe-2027",
            "--country",
            "DE",
            "--country",
            "BE",
            "--country",
            "FR",
            "--format",
            format,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        insta::assert_snapshot!(format!("diff_europe_{format}"), stdout(&o));
    }
}
