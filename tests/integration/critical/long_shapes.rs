//! Tests: critical assets (analyses.md section 8) on long shapes.

use super::*;

// ---------------------------------------------------------------------------------------
// Long shapes: exact figures on the shapes that make asset-by-asset down sets quadratic
// ---------------------------------------------------------------------------------------

const LONG: usize = 20_000;

fn long_inventory(assets: &[(String, &str)], links: &[(String, Vec<String>, u32)]) -> SupplyGraph {
    let assets: Vec<Value> = assets
        .iter()
        .map(|(id, f)| json!({"id": id, "operator": "op", "function": f, "supplier": "s"}))
        .collect();
    let links: Vec<Value> = links
        .iter()
        .map(
            |(from, to, need)| json!({"from": from, "to": to, "kind": "connects_to", "need": need}),
        )
        .collect();
    support::graph_of(
        &json!({
            "format": "vendorgraph/1",
            "suppliers": [{"id": "s", "country": "SE"}],
            "operators": [{"id": "op", "country": "DE"}],
            "assets": assets,
            "links": links,
        })
        .to_string(),
    )
}

fn impact_of(c: &Named, g: &SupplyGraph, id: &str) -> Option<f64> {
    let a = g.inventory().asset_ix(id).expect("asset");
    c.impacts.iter().find(|e| e.0 == a).and_then(|e| e.1)
}

/// A daisy chain of microwave hops: site i's cell uses hop i, and hop i the next one.
/// Hop i takes the cells of sites 0..=i down.
#[test]
fn a_daisy_chain() {
    let mut assets = Vec::new();
    let mut links = Vec::new();
    for i in 0..LONG {
        assets.push((format!("g{i:05}"), "gnb"));
        assets.push((format!("r{i:05}"), "router"));
        links.push((format!("g{i:05}"), vec![format!("r{i:05}")], 1));
        if i + 1 < LONG {
            links.push((format!("r{i:05}"), vec![format!("r{:05}", i + 1)], 1));
        }
    }
    let g = long_inventory(&assets, &links);
    let c = critical_of(&g, "op", 0.01);
    // Hops from 199 on take at least 200 / 20000 = 1%; the cells only themselves.
    assert_eq!(c.assets.len(), LONG - 199);
    assert_eq!(c.assets[0].asset, format!("r{:05}", LONG - 1));
    close(c.assets[0].impact, 1.0);
    close(impact_of(&c, &g, "r09999").expect("computed"), 0.5);
    assert_eq!(c.assets.last().map(|a| a.units), Some(200));
}

/// One cell behind a chain of routers, and a pool of alternatives as wide as the chain.
#[test]
fn a_long_chain_and_a_wide_pool() {
    let mut assets = vec![("g".to_owned(), "gnb"), ("h".to_owned(), "gnb")];
    let mut links = vec![("g".to_owned(), vec!["r00000".to_owned()], 1)];
    let pool: Vec<String> = (0..LONG).map(|i| format!("p{i:05}")).collect();
    for (i, member) in pool.iter().enumerate() {
        assets.push((format!("r{i:05}"), "router"));
        assets.push((member.clone(), "amf"));
        if i + 1 < LONG {
            links.push((format!("r{i:05}"), vec![format!("r{:05}", i + 1)], 1));
        }
    }
    // h needs one of the pool (protected), g needs every member (not).
    links.push(("h".to_owned(), pool.clone(), 1));
    links.push(("g".to_owned(), pool, LONG as u32));
    let g = long_inventory(&assets, &links);
    let c = critical_of(&g, "op", 0.01);
    // Every router and every pool member takes g (1 of 2 cells) down, nothing more.
    assert_eq!(c.assets.len(), 2 * LONG);
    assert!(
        c.assets
            .iter()
            .all(|a| (a.impact - 0.5).abs() < 1e-12 && a.units == 1)
    );
}

/// The two rules on the shared inventory: a-amf is critical for both operators of DE and
/// takes 87.5% of the country down; in FR it is critical for one operator only.
#[test]
fn rules_single_point_of_failure_and_shared_critical_asset() {
    use vendorgraph::policy::{Date, Policy, evaluate};
    let g = shared_inventory();
    let policy = Policy::default();
    let scan = analysis::scan(&g, &policy.config);
    let cx = Context::new(&g, &policy.config);
    let eval = evaluate(&policy, &cx, &scan, Date::new(2026, 12, 1).expect("date"));
    let mut got: Vec<(String, Vec<Option<&str>>, f64)> = eval
        .findings
        .iter()
        .filter(|f| f.rule.code().contains("critical") || f.rule.code().contains("point"))
        .map(|f| {
            (
                f.rule.code().to_owned(),
                f.subject.fields().to_vec(),
                f.value,
            )
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let want: Vec<(&str, [Option<&str>; 5], f64)> = vec![
        (
            "shared-critical-asset",
            [None, Some("DE"), None, Some("v-amf"), Some("a-amf")],
            0.875,
        ),
        (
            "single-point-of-failure",
            [
                Some("a"),
                Some("DE"),
                Some("core"),
                Some("v-amf"),
                Some("a-amf"),
            ],
            1.0,
        ),
        (
            "single-point-of-failure",
            [
                Some("b"),
                Some("DE"),
                Some("core"),
                Some("v-amf"),
                Some("a-amf"),
            ],
            0.5,
        ),
        (
            "single-point-of-failure",
            [
                Some("b"),
                Some("DE"),
                Some("transport"),
                Some("v-router"),
                Some("b-r"),
            ],
            1.0,
        ),
        (
            "single-point-of-failure",
            [
                Some("c"),
                Some("FR"),
                Some("core"),
                Some("v-amf"),
                Some("a-amf"),
            ],
            0.75,
        ),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!((g.0.as_str(), g.1.as_slice()), (w.0, &w.1[..]));
        close(g.2, w.2);
    }
    // The threshold comes from the policy.
    let p = Policy::from_toml("p.toml", "critical_min_impact = 0.6\n").expect("valid policy");
    assert_eq!(p.config.critical_min_impact, 0.6);
    assert!(Policy::from_toml("p.toml", "critical_min_impact = 2.0\n").is_err());
}
