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
