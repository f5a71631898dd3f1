//! Diagram views of issue 14 item 6 and issue 15: a supplier's colour in every view, the
//! automatic collapse of EU-sized operators, the country view of `all` grouped by
//! country, and the critical assets highlighted.

use crate::diagram::dot_of;

/// The fill colour of the first node supplied by `supplier` (`· supplier"` in its label).
fn fill_of(dot: &str, supplier: &str) -> String {
    let line = dot
        .lines()
        .find(|l| l.contains(&format!("· {supplier}\\n")) || l.contains(&format!("· {supplier}\"")))
        .unwrap_or_else(|| panic!("no node of {supplier}:\n{dot}"));
    let at = line.find("fillcolor=\"").expect("filled") + "fillcolor=\"".len();
    line[at..at + 7].to_owned()
}

#[test]
fn a_supplier_keeps_its_colour_in_every_operator_view() {
    let de = dot_of(&["fixtures/small", "--operator", "de-nsa"]);
    let fr = dot_of(&["fixtures/small", "--operator", "fr-sa"]);
    let country = dot_of(&["fixtures/small", "--country", "all"]);
    for supplier in ["nokia", "ericsson"] {
        let colours = [fill_of(&de, supplier), fill_of(&fr, supplier)];
        assert!(
            colours.iter().all(|c| *c == colours[0]),
            "{supplier}: {colours:?}"
        );
        let in_country = country
            .lines()
            .find(|l| l.contains(&format!("\"domain/core/{supplier}\"")))
            .or_else(|| {
                country
                    .lines()
                    .find(|l| l.contains(&format!("/{supplier}\"[")))
            })
            .expect("the country view draws the supplier");
        assert!(
            in_country.contains(&format!("fillcolor=\"{}\"", colours[0])),
            "{in_country}"
        );
    }
}

/// The line of the node `name` of a DOT text.
fn node_line<'a>(dot: &'a str, name: &str) -> &'a str {
    dot.lines()
        .find(|l| l.trim_start().starts_with(&format!("\"{name}\"[")))
        .unwrap_or_else(|| panic!("no node {name}"))
}

/// In fr-sa, dell and fujitsu share a colour (#f4cae4, by their ids' hash): dell, first by
/// id, looks plain; fujitsu keeps the colour, with a dashed border and a mark after its id,
/// on its assets and its legend swatch, and the legend says why.
#[test]
fn suppliers_sharing_a_colour_in_one_diagram_are_told_apart() {
    let fr = dot_of(&["fixtures/small", "--operator", "fr-sa"]);
    assert_eq!(fill_of(&fr, "dell"), "#f4cae4");
    let server = node_line(&fr, "fr-srv-1");
    assert!(server.contains("server · dell\\n") && server.contains("style=\"filled,rounded\""));
    let radio = node_line(&fr, "fr-ru-l3a");
    assert!(radio.contains("fillcolor=\"#f4cae4\""), "{radio}");
    assert!(radio.contains("ru · fujitsu ◆\\n"), "{radio}");
    assert!(radio.contains("style=\"filled,rounded,dashed\""), "{radio}");
    let swatch = node_line(&fr, "legend/supplier/fujitsu");
    assert!(swatch.contains("label=\"fujitsu ◆\\n") && swatch.contains("dashed"));
    assert!(!node_line(&fr, "legend/supplier/dell").contains("dashed"));
    assert!(fr.contains("dashed or dotted border and a mark after the id"));
    // In the country view of DE, fujitsu is not drawn: rheinnetz shares ericsson's colour.
    let de = dot_of(&["fixtures/small", "--country", "DE"]);
    let rn = node_line(&de, "domain/services/rheinnetz");
    assert!(
        rn.contains("rheinnetz ◆\\n") && rn.contains("dashed"),
        "{rn}"
    );
    // A view whose suppliers all differ in colour says nothing of it.
    let nokia_only = dot_of(&["fixtures/small", "--operator", "de-b"]);
    assert!(!nokia_only.contains("◆") && !nokia_only.contains("dashed or dotted border"));
}

#[test]
fn eu_operators_collapse_on_their_own_and_fit_the_width() {
    let dot = dot_of(&["fixtures/europe", "--operator", "de-2"]);
    assert!(
        dot.contains("collapsed per (function, supplier, region)"),
        "{dot}"
    );
    assert!(dot.contains("graph[size=\"41.67,1000\"]"));
    let full = dot_of(&["fixtures/europe", "--operator", "de-2", "--no-collapse"]);
    assert!(!full.contains("size=\"41.67"));
    assert!(full.matches("\"de-2-").count() > dot.matches("\"de-2-").count());
}

#[test]
fn collapse_can_be_asked_for_on_a_small_operator() {
    let dot = dot_of(&["fixtures/small", "--operator", "de-nsa", "--collapse"]);
    insta::assert_snapshot!("operator_de_nsa_collapse", dot);
    let auto = dot_of(&["fixtures/small", "--operator", "de-nsa"]);
    assert!(
        !auto.contains("size=\"41.67"),
        "fixtures/small is not collapsed by default"
    );
}

#[test]
fn highlight_critical_marks_the_scans_critical_assets() {
    let dot = dot_of(&[
        "fixtures/small",
        "--operator",
        "fr-sa",
        "--highlight-critical",
    ]);
    // The scan lists fr-nfvi-1 (every unit through the platform) and fr-cu-l3 (3 of the
    // 7 units weighing 20%) among fr-sa's critical assets.
    let line = |id: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\"[")))
            .unwrap_or_else(|| panic!("{id} drawn"))
            .to_owned()
    };
    assert!(
        line("fr-nfvi-1").contains("CRITICAL: its failure takes down 100% of service (7 units)")
    );
    assert!(line("fr-cu-l3").contains("CRITICAL: its failure takes down 20% of service (3 units)"));
    assert!(line("fr-nfvi-1").contains("color=\"#000000\" penwidth=\"4\""));
    assert!(dot.contains("CRITICAL, thick black outline"));
    insta::assert_snapshot!("operator_fr_sa_highlight_critical", dot);
    let plain = dot_of(&["fixtures/small", "--operator", "fr-sa"]);
    assert!(!plain.contains("CRITICAL"));
}

#[test]
fn the_view_of_all_groups_operators_by_country() {
    let dot = dot_of(&["fixtures/small", "--country", "all"]);
    let de = dot
        .find("subgraph \"cluster_country_DE\"")
        .expect("a DE cluster");
    let fr = dot
        .find("subgraph \"cluster_country_FR\"")
        .expect("an FR cluster");
    assert!(de < fr, "clusters by country code");
    // de-nsa and de-b sit in the DE cluster, fr-sa in the FR one.
    let de_body = &dot[de..fr];
    assert!(de_body.contains("\"operator/de-nsa\"") && de_body.contains("\"operator/de-b\""));
    assert!(dot[fr..].contains("\"operator/fr-sa\""));
    insta::assert_snapshot!("country_all", dot);
    let one = dot_of(&["fixtures/small", "--country", "DE"]);
    assert!(
        !one.contains("cluster_country_"),
        "a country's own view needs no grouping"
    );
}
