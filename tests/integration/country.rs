//! Tests: `--country` on `scan`, `plan` and `diff`: only those countries' operators and
//! national figures, every figure the one the whole scan gives; unknown codes refused.

use serde_json::Value;

use super::support::{run, stderr, stdout};

fn json(args: &[&str]) -> Value {
    let o = run(args);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "status {:?}\n{}",
        o.status,
        stderr(&o)
    );
    serde_json::from_slice(&o.stdout).expect("json")
}

fn ids<'a>(v: &'a Value, list: &str, key: &str) -> Vec<&'a str> {
    v[list]
        .as_array()
        .expect("list")
        .iter()
        .map(|x| x[key].as_str().expect("id"))
        .collect()
}

#[test]
fn scan_keeps_only_the_countries_given_with_the_whole_scan_figures() {
    let whole = json(&["scan", "fixtures/small", "--format", "json"]);
    let de = json(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "--country",
        "de",
    ]);
    assert_eq!(ids(&de, "operators", "id"), ["de-b", "de-nsa"]);
    assert_eq!(ids(&de, "countries", "country"), ["DE"]);
    for op in de["operators"].as_array().expect("operators") {
        let same = whole["operators"]
            .as_array()
            .expect("operators")
            .iter()
            .find(|o| o["id"] == op["id"])
            .expect("in the whole scan");
        assert_eq!(op, same);
    }
    assert_eq!(de["countries"][0], whole["countries"][0]);
    // Findings: only DE subjects, and exactly the whole scan's DE findings.
    let is_de = |f: &&Value| {
        f["country"] == "DE" || f["operator"].as_str().is_some_and(|o| o.starts_with("de-"))
    };
    let whole_de: Vec<&Value> = whole["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(is_de)
        .collect();
    let de_findings: Vec<&Value> = de["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .collect();
    assert!(!de_findings.is_empty());
    assert_eq!(de_findings, whole_de);
}

#[test]
fn scan_takes_several_countries_and_all() {
    let both = json(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "--country",
        "FR",
        "--country",
        "de",
    ]);
    assert_eq!(ids(&both, "operators", "id"), ["de-b", "de-nsa", "fr-sa"]);
    assert_eq!(ids(&both, "countries", "country"), ["DE", "FR"]);
    let all = json(&[
        "scan",
        "fixtures/small",
        "--format",
        "json",
        "--country",
        "all",
    ]);
    assert_eq!(ids(&all, "countries", "country"), ["DE", "FR", "all"]);
}

#[test]
fn unknown_countries_are_each_refused_with_a_hint() {
    let o = run(&[
        "scan",
        "fixtures/small",
        "--country",
        "DX",
        "--country",
        "it",
        "--country",
        "de",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let e = stderr(&o);
    assert!(
        e.contains("unknown country \"DX\": not an ISO 3166-1 alpha-2 code; did you mean `DE`?"),
        "{e}"
    );
    assert!(e.contains("--> command line: --country DX"), "{e}");
    assert!(
        e.contains("unknown country \"it\": no operator of the inventory is in that country"),
        "{e}"
    );
    assert!(e.contains("the inventory has DE, FR"), "{e}");
    assert!(!e.contains("\"de\""), "{e}");
}

#[test]
fn plan_keeps_only_the_countries_given() {
    let scenario = "fixtures/scenarios/nsa-to-sa.json";
    let whole = json(&[
        "plan",
        "fixtures/small",
        "--scenario",
        scenario,
        "--format",
        "json",
    ]);
    let de = json(&[
        "plan",
        "fixtures/small",
        "--scenario",
        scenario,
        "--format",
        "json",
        "--country",
        "DE",
    ]);
    let ops = |state: &Value| -> Vec<String> {
        state["operators"]
            .as_array()
            .expect("operators")
            .iter()
            .map(|o| o["id"].as_str().expect("id").to_owned())
            .collect()
    };
    for state in [&de["baseline"], &de["steps"][0]["figures"]] {
        assert_eq!(ops(state), ["de-b", "de-nsa"]);
        assert_eq!(ids(state, "countries", "country"), ["DE"]);
    }
    // The figures of de-nsa after the migration are those of the whole plan.
    let find = |v: &Value| {
        v["steps"][0]["figures"]["operators"]
            .as_array()
            .expect("operators")
            .iter()
            .find(|o| o["id"] == "de-nsa")
            .cloned()
            .expect("de-nsa")
    };
    assert_eq!(find(&de), find(&whole));
    let o = run(&[
        "plan",
        "fixtures/small",
        "--scenario",
        scenario,
        "--country",
        "ES",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown country \"ES\""));
}
