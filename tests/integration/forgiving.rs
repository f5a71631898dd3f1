//! Tests: inputs written as people write them (issue 17): CSV and sheet headers and the closed
//! vocabularies in any case, the EU's country codes `EL` and `UK`, and hints for unknown
//! countries.

use std::path::Path;

use vendorgraph::diagnostics::Diagnostic;
use vendorgraph::load::load;
use vendorgraph::vocab::{Generation, LinkKind, Risk};

use crate::support::{fixture, load_json, texts};

fn messages(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(|d| d.to_string()).collect()
}

/// Capitalises the first letter of each cell of a header line (`From,To,Kind`).
fn capitalised(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|h| {
            let mut c = h.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Writes `fixtures/csv` with every header cell capitalised and closed values in other cases.
fn shouted_csv(dir: &Path) {
    for name in ["suppliers.csv", "operators.csv", "assets.csv", "links.csv"] {
        let text = std::fs::read_to_string(fixture("csv").join(name)).expect("read");
        let (header, body) = text.split_once('\n').expect("header");
        let body = body
            .replace(",low,", ",LOW,")
            .replace(",high,", ",High,")
            .replace(",connects_to,", ",Connects_To,")
            .replace(",runs_on,", ",RUNS_ON,")
            .replace(",5g,", ",5G,")
            .replace(",ran,", ",RAN,")
            .replace(",true,", ",TRUE,");
        std::fs::write(dir.join(name), capitalised(header) + "\n" + &body).expect("write");
    }
}

#[test]
fn csv_headers_and_closed_values_match_in_any_case() {
    let dir = tempfile::tempdir().expect("temp");
    shouted_csv(dir.path());
    let links = std::fs::read_to_string(dir.path().join("links.csv")).expect("links");
    assert!(links.starts_with("From,To,Kind"), "{links}");
    assert!(links.contains("Connects_To"), "{links}");
    let sup = std::fs::read_to_string(dir.path().join("suppliers.csv")).expect("suppliers");
    assert!(sup.starts_with("Id,Name,Country,Risk"), "{sup}");
    assert!(sup.contains(",LOW,"), "{sup}");
    let plain = load(&[fixture("csv")]);
    let loud = load(&[dir.path().to_path_buf()]);
    let strip = |m: Vec<String>| -> Vec<String> {
        m.into_iter()
            .map(|l| l.lines().next().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(
        strip(messages(&loud.diagnostics)),
        strip(messages(&plain.diagnostics))
    );
    let (a, b) = (
        plain.inventory.expect("plain valid"),
        loud.inventory.expect("shouted valid"),
    );
    assert_eq!(a.suppliers, b.suppliers);
    assert_eq!(a.assets, b.assets);
    assert_eq!(a.links, b.links);
    assert_eq!(texts(&a), texts(&b));
}

#[test]
fn json_closed_values_match_in_any_case() {
    let loaded = load_json(
        r#"{"format": "vendorgraph/1",
  "suppliers": [{"id": "s", "country": "se", "risk": "HIGH"}],
  "operators": [{"id": "o", "country": "De"}],
  "assets": [
    {"id": "g", "operator": "o", "function": "gNB", "supplier": "s", "generation": "5G"},
    {"id": "r", "operator": "o", "function": "Router", "supplier": "s", "domain": "Transport"},
    {"id": "a", "operator": "o", "function": "AMF", "supplier": "s", "domain": "CORE"}],
  "links": [
    {"from": "g", "to": "a", "kind": "Connects_To"},
    {"from": "g", "to": "r", "kind": "CONNECTS_TO"}]}"#,
    );
    let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let inv = loaded.inventory.expect("valid");
    assert_eq!(inv.suppliers[0].risk, Risk::High);
    assert_eq!(inv.suppliers[0].country.as_str(), "SE");
    assert_eq!(inv.operators[0].country.as_str(), "DE");
    assert!(inv.links.iter().all(|l| l.kind == LinkKind::ConnectsTo));
    let domains: Vec<&str> = inv
        .assets
        .iter()
        .map(|a| inv.domain_name(a.domain))
        .collect();
    assert_eq!(domains, ["core", "ran", "transport"]);
    assert_eq!(inv.assets[1].generation, Some(Generation::G5));
}

#[test]
fn workbook_closed_values_match_in_any_case() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("shouted.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheets: [(&str, &[&[&str]]); 4] = [
        (
            "Suppliers",
            &[&["ID", "Country", "RISK"], &["s", "SE", "Medium"]],
        ),
        ("OPERATORS", &[&["Id", "Country"], &["o", "EL"]]),
        (
            "Assets",
            &[
                &[
                    "Id",
                    "Operator",
                    "Function",
                    "Supplier",
                    "Generation",
                    "Sensitive",
                ],
                &["g", "o", "GNB", "s", "5G", "TRUE"],
                &["a", "o", "amf", "s", "", "False"],
            ],
        ),
        (
            "links",
            &[
                &["From", "To", "Kind", "Open"],
                &["g", "a", "Connects_To", "True"],
            ],
        ),
    ];
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    sheet.write_string(r as u32, c as u16, *v).expect("cell");
                }
            }
        }
    }
    book.save(&path).expect("save");
    let loaded = load(&[path]);
    let msgs = messages(&loaded.diagnostics);
    assert!(
        msgs.len() == 1 && msgs[0].starts_with("warning[country-alias]"),
        "{msgs:#?}"
    );
    let inv = loaded.inventory.expect("valid");
    assert_eq!(inv.suppliers[0].risk, Risk::Medium);
    assert_eq!(inv.operators[0].country.as_str(), "GR");
    assert!(inv.assets.iter().any(|a| a.sensitive));
    assert_eq!(inv.links[0].kind, LinkKind::ConnectsTo);
    assert!(inv.links[0].open);
}

#[test]
fn el_and_uk_are_read_as_gr_and_gb_with_a_warning() {
    let loaded = load_json(
        r#"{"format": "vendorgraph/1",
  "suppliers": [{"id": "s", "country": "UK"}],
  "operators": [{"id": "gr", "country": "EL"}, {"id": "gb", "country": "uk"}],
  "shares": [
    {"operator": "gr", "domain": "ran", "supplier": "s", "share": 1},
    {"operator": "gb", "domain": "ran", "supplier": "s", "share": 1}]}"#,
    );
    let msgs = messages(&loaded.diagnostics);
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(
        msgs.iter().all(|m| m.starts_with("warning[country-alias]")),
        "{msgs:#?}"
    );
    assert!(
        msgs[1].starts_with(
            "warning[country-alias]: operator \"gr\" has country \"EL\", the EU's code for the ISO 3166-1 code \"GR\": read as \"GR\"\n  --> "
        ),
        "{msgs:#?}"
    );
    assert!(msgs[1].contains(" at operators[0].country"), "{msgs:#?}");
    let inv = loaded.inventory.expect("valid");
    let countries: Vec<&str> = inv.operators.iter().map(|o| o.country.as_str()).collect();
    assert_eq!(countries, ["GB", "GR"]);
    assert_eq!(inv.suppliers[0].country.as_str(), "GB");
}

#[test]
fn an_eu_code_is_reported_beside_errors() {
    // The warning says how the code was read, even while an error stops the inventory.
    let loaded = load_json(
        r#"{"format": "vendorgraph/1",
  "operators": [{"id": "gr", "country": "EL"}, {"id": "x", "country": "Atlantis"}]}"#,
    );
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["bad-country", "country-alias"]);
    assert!(loaded.inventory.is_none());
}

#[test]
fn an_unknown_country_gets_a_did_you_mean_hint() {
    for (written, hint) in [
        ("Germany", Some("DE")),
        ("DEU", Some("DE")),
        ("Germnay", Some("DE")),
        ("Polska", Some("PL")),
        ("Great Britain", Some("GB")),
        ("Atlantis", None),
        ("XX", None),
    ] {
        let loaded = load_json(&format!(
            r#"{{"format": "vendorgraph/1", "operators": [{{"id": "o", "country": "{written}"}}]}}"#
        ));
        let msgs = messages(&loaded.diagnostics);
        assert_eq!(msgs.len(), 1, "{msgs:#?}");
        assert!(msgs[0].starts_with("error[bad-country]"), "{msgs:#?}");
        match hint {
            Some(h) => assert!(
                msgs[0].contains(&format!("(did you mean \"{h}\"?)")),
                "{msgs:#?}"
            ),
            None => assert!(!msgs[0].contains("did you mean"), "{msgs:#?}"),
        }
    }
}

#[test]
fn a_csv_file_without_header_is_one_missing_header_error() {
    // Issue 13: the first row is data; one error, not an unknown column per cell.
    let dir = tempfile::tempdir().expect("temp");
    for name in ["suppliers.csv", "operators.csv", "links.csv"] {
        std::fs::copy(fixture("csv").join(name), dir.path().join(name)).expect("copy");
    }
    let assets = std::fs::read_to_string(fixture("csv").join("assets.csv")).expect("read");
    let (_, body) = assets.split_once('\n').expect("header");
    std::fs::write(dir.path().join("assets.csv"), body).expect("write");
    let loaded = load(&[dir.path().to_path_buf()]);
    let msgs = messages(&loaded.diagnostics);
    assert_eq!(msgs.len(), 1, "{msgs:#?}");
    assert!(
        msgs[0].starts_with(
            "error[missing-header]: assets.csv has no header row: its first row (it-amf-1, it-csv, amf, ...) holds none of the columns id, operator, function, supplier, domain, weight, generation, sensitive, location, site, region, name, source, notes (write the column names in the first row)\n  --> "
        ),
        "{msgs:#?}"
    );
    assert!(msgs[0].ends_with("assets.csv:1:1"), "{msgs:#?}");
    assert!(loaded.inventory.is_none());
}
