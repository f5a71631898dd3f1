//! Workbooks: an inventory written as a workbook scans the same as the fixture it came from,
//! and the workbook importer reads cells as the person who filled them expects.

use std::path::{Path, PathBuf};

use vendorgraph::export;
use vendorgraph::load::load;

use crate::support::{fixture, root, run, texts};

/// The JSON report of `scan` on an input, and its exit status.
fn scan_json(input: &Path) -> (String, Option<i32>) {
    let out = run(&["scan", "--format", "json", &input.to_string_lossy()]);
    (String::from_utf8(out.stdout).unwrap(), out.status.code())
}

/// A scan's JSON report and exit status with the locations of its warnings taken out (the
/// file and place differ: `f.json:6:13 at assets[0]`, `book.xlsx:2:1 at assets!A2`), the
/// rest byte for byte.
fn without_locations((json, status): (String, Option<i32>)) -> (String, Option<i32>) {
    // Warnings are sorted by location, and a workbook's rows are not in the files' order:
    // compare them without their location, as a sorted list.
    let mut warnings: Option<Vec<String>> = None;
    let mut out = String::new();
    for line in json.lines() {
        if line.starts_with("  \"warnings\": [") {
            warnings = Some(Vec::new());
        } else if let Some(list) = warnings.as_mut() {
            if line.starts_with("  ]") {
                list.sort();
                for w in warnings.take().unwrap() {
                    out.push_str(&w);
                    out.push('\n');
                }
            } else {
                let line = line.trim_end_matches(',');
                let line = match line.rfind(" (") {
                    Some(at) if line.ends_with(")\"") => &line[..at],
                    _ => line,
                };
                list.push(line.to_string());
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    (out, status)
}

/// Every input under fixtures/ that loads with no error: each directory that holds
/// inventory files, and each JSON file of a directory.
fn valid_fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for input in std::iter::once(dir).chain(files) {
            let loaded = load(std::slice::from_ref(&input));
            if loaded.inventory.is_some() && !loaded.files.is_empty() {
                out.push(input);
            }
        }
    }
    out
}

#[test]
fn a_workbook_of_every_valid_fixture_scans_byte_identically() {
    let fixtures = valid_fixtures();
    for name in ["small", "csv", "csv-excel", "europe", "merge"] {
        assert!(
            fixtures.contains(&fixture(name)),
            "{name} is among {fixtures:?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for (i, input) in fixtures.iter().enumerate() {
        let inv = load(std::slice::from_ref(input)).inventory.unwrap();
        let book = dir.path().join(format!("book-{i}.xlsx"));
        export::write_xlsx(&inv, &book).unwrap();
        let again = load(std::slice::from_ref(&book));
        let errors: Vec<String> = again.errors().map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", input.display());
        let again = again.inventory.unwrap();
        assert_eq!(inv.assets, again.assets, "{}", input.display());
        assert_eq!(inv.links, again.links, "{}", input.display());
        assert_eq!(texts(&inv), texts(&again), "{}", input.display());
        assert_eq!(
            without_locations(scan_json(&book)),
            without_locations(scan_json(input)),
            "{}: the scan of its workbook",
            input.display()
        );
        // Writing is a pure function of the rows.
        assert_eq!(
            export::to_xlsx(&again).unwrap(),
            std::fs::read(&book).unwrap()
        );
    }
}

// The workbook fixtures (fixtures/workbook/, README.md there) are made by
// `VENDORGRAPH_WRITE_FIXTURES=1 cargo test --test integration workbook_fixtures` (a test checks
// that the committed files are what it makes), except
// `password.xlsx` (see the README): committed, so that what they hold can be opened and seen.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};

/// A workbook with a fixed creation time, so that its bytes depend on its content only.
fn new_book() -> Workbook {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).unwrap();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    book
}

/// Adds a sheet with rows of text cells (an empty string is an empty cell).
fn text_sheet<'b>(book: &'b mut Workbook, name: &str, rows: &[&[&str]]) -> &'b mut Worksheet {
    let sheet = book.add_worksheet();
    sheet.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    sheet
}

const SUPPLIERS: &[&[&str]] = &[
    &["id", "name", "country", "risk"],
    &["ericsson", "Ericsson", "SE", "low"],
];
const OPERATORS: &[&[&str]] = &[&["id", "name", "country"], &["op-x", "Operator X", "DE"]];
const ASSETS: &[&[&str]] = &[
    &["id", "operator", "function", "supplier"],
    &["x-gnb-1", "op-x", "gnb", "ericsson"],
    &["x-amf-1", "op-x", "amf", "ericsson"],
];
const LINKS: &[&[&str]] = &[
    &["from", "to", "kind"],
    &["x-gnb-1", "x-amf-1", "connects_to"],
];

/// The cells a person fills: numbers where text is expected, dates, formulas, merged and
/// hidden cells, a hidden sheet, formatted empty rows below the data, a sheet of notes.
fn cells_book() -> Workbook {
    let mut book = new_book();
    text_sheet(&mut book, "About", &[&["Questionnaire of Operator X"]]);
    let sheet = text_sheet(&mut book, "Suppliers", SUPPLIERS);
    // A supplier whose id Excel turned into a number.
    sheet.write_number(2, 0, 7.0).unwrap();
    sheet.write_string(2, 1, "Seven Networks").unwrap();
    sheet.write_string(2, 2, "FI").unwrap();
    let sheet = text_sheet(
        &mut book,
        "OPERATORS",
        &[
            &["id", "name", "country", "subscribers", "source"],
            &["op-x", "Operator X", "DE"],
        ],
    );
    sheet.write_number(1, 3, 1_000_000.0).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let day = ExcelDateTime::from_ymd(2026, 5, 1).unwrap();
    sheet.write_datetime_with_format(1, 4, &day, &date).unwrap();
    let sheet = text_sheet(
        &mut book,
        "assets",
        &[
            &[
                "id",
                "operator",
                "function",
                "supplier",
                "weight",
                "sensitive",
                "notes",
            ],
            &["x-gnb-1", "op-x", "gnb", "7"],
            &["x-amf-1", "op-x", "amf", "ericsson"],
            &["x-amf-2", "op-x", "amf", "ericsson"],
        ],
    );
    sheet
        .write_formula(1, 4, Formula::new("=2*3").set_result("6"))
        .unwrap();
    sheet.write_boolean(1, 5, true).unwrap();
    sheet
        .merge_range(2, 6, 3, 6, "both AMFs in Frankfurt", &Format::new())
        .unwrap();
    sheet.set_row_hidden(3).unwrap();
    // Formatted but empty cells below and beside the data.
    let yellow = Format::new().set_background_color("#FFFF00");
    sheet.write_blank(40, 0, &yellow).unwrap();
    sheet.write_blank(1, 20, &yellow).unwrap();
    let sheet = text_sheet(&mut book, "links", LINKS);
    sheet.write_string(2, 0, "x-gnb-1").unwrap();
    sheet.write_string(2, 1, "x-amf-2").unwrap();
    sheet.write_string(2, 2, "connects_to").unwrap();
    sheet.set_hidden(true);
    book
}

/// The bad workbooks, each with one defect, and the one that is fine.
fn fixture_books() -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    out.push(("cells.xlsx", cells_book().save_to_buffer().unwrap()));
    let mut book = new_book();
    text_sheet(&mut book, "Sheet1", ASSETS);
    text_sheet(&mut book, "Sheet2", LINKS);
    out.push(("no-table-sheet.xlsx", book.save_to_buffer().unwrap()));
    let mut book = new_book();
    text_sheet(&mut book, "suppliers", SUPPLIERS);
    text_sheet(&mut book, "operators", OPERATORS);
    text_sheet(
        &mut book,
        "assets",
        &[
            &["id", "operator", "function", "supplier", "sensitve"],
            &["x-gnb-1", "op-x", "gnb", "ericsson", "true"],
        ],
    );
    out.push(("unknown-column.xlsx", book.save_to_buffer().unwrap()));
    let mut book = new_book();
    text_sheet(&mut book, "suppliers", SUPPLIERS);
    text_sheet(&mut book, "operators", OPERATORS);
    text_sheet(&mut book, "assets", &ASSETS[1..]);
    out.push(("no-header.xlsx", book.save_to_buffer().unwrap()));
    // A workbook cut short, as by an interrupted download.
    let mut whole = cells_book().save_to_buffer().unwrap();
    whole.truncate(whole.len() / 2);
    out.push(("corrupt.xlsx", whole));
    out
}

/// The committed workbooks in `fixtures/workbook/` are the ones `fixture_books` makes: a
/// change to the maker without new fixtures fails here. `VENDORGRAPH_WRITE_FIXTURES=1 cargo
/// test workbook_fixtures` writes them anew.
#[test]
fn workbook_fixtures_are_what_the_maker_makes() {
    let dir = fixture("workbook");
    let write = std::env::var_os("VENDORGRAPH_WRITE_FIXTURES").is_some();
    for (name, bytes) in fixture_books() {
        let path = dir.join(name);
        if write {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap();
        assert!(
            committed == bytes,
            "{name} differs from what fixture_books() makes: run VENDORGRAPH_WRITE_FIXTURES=1 cargo test workbook_fixtures"
        );
    }
}

#[test]
fn cells_read_as_the_person_who_filled_them_expects() {
    let loaded = load(&[fixture("workbook/cells.xlsx")]);
    let errors: Vec<String> = loaded.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let inv = loaded.inventory.unwrap();
    // A supplier id Excel stored as the number 7 is the id "7", and the asset naming it as
    // text finds it; the "About" sheet is ignored; sheet names match in any case.
    let ids: Vec<&str> = inv.suppliers.iter().map(|s| &*s.id).collect();
    assert_eq!(ids, ["7", "ericsson"]);
    let gnb = inv.assets.iter().find(|a| &*a.id == "x-gnb-1").unwrap();
    assert_eq!(&*inv.supplier(gnb.supplier).id, "7");
    // The formula's cached value; a boolean cell.
    assert_eq!(gnb.weight, 6.0);
    assert!(gnb.sensitive);
    // The date as an ISO date; a number where a count is expected.
    let op = &inv.operators[0];
    assert_eq!(op.provenance.source.as_deref(), Some("2026-05-01"));
    assert_eq!(op.subscribers, Some(1_000_000));
    // A merged cell annotates its top-left row only; the hidden row is data.
    let notes = |id: &str| {
        let a = inv.assets.iter().find(|a| &*a.id == id).unwrap();
        a.text.as_ref().and_then(|t| t.provenance.notes.clone())
    };
    assert_eq!(notes("x-amf-1").as_deref(), Some("both AMFs in Frankfurt"));
    assert_eq!(notes("x-amf-2"), None);
    // The hidden links sheet is read; formatted empty cells add no row.
    assert_eq!(inv.assets.len(), 3);
    assert_eq!(inv.links.len(), 2);
}

/// Each bad workbook, its code and its location line, as `validate` prints them.
#[rustfmt::skip]
const BAD_BOOKS: &[(&str, &str, &str)] = &[
    ("corrupt.xlsx", "bad-workbook", "corrupt.xlsx"),
    ("no-header.xlsx", "missing-header", "no-header.xlsx:1:1 at assets!A1"),
    ("no-table-sheet.xlsx", "empty-input", "no-table-sheet.xlsx"),
    ("password.xlsx", "bad-workbook", "password.xlsx"),
    ("unknown-column.xlsx", "unknown-key", "unknown-column.xlsx:1:5 at assets!E1"),
];

#[test]
fn each_bad_workbook_exits_2_with_one_located_error() {
    for (file, code, location) in BAD_BOOKS {
        let input = format!("fixtures/workbook/{file}");
        let o = run(&["validate", "--format", "table", &input]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = String::from_utf8(o.stderr).unwrap();
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            lines[0].starts_with(&format!("error[{code}]: ")),
            "{file}: {err}"
        );
        assert_eq!(
            lines[1],
            format!("  --> fixtures/workbook/{location}"),
            "{file}"
        );
        assert_eq!(err.matches("error[").count(), 1, "{file}: {err}");
    }
    let o = run(&[
        "validate",
        "--format",
        "table",
        "fixtures/workbook/password.xlsx",
    ]);
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("password-protected")
    );
}

#[test]
fn a_bad_cell_is_located_by_sheet_and_cell() {
    let mut book = new_book();
    text_sheet(&mut book, "suppliers", SUPPLIERS);
    text_sheet(&mut book, "operators", OPERATORS);
    let sheet = text_sheet(
        &mut book,
        "assets",
        &[
            &["", "id", "operator", "function", "supplier", "weight"],
            &["", "x-gnb-1", "op-x", "gnb", "ericsson", "three"],
            &[],
            &["", "x-amf-1", "op-x", "amf", "nokia"],
        ],
    );
    sheet
        .write_formula(1, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.xlsx");
    std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    let loaded = load(std::slice::from_ref(&path));
    let shown: Vec<(String, String)> = loaded
        .errors()
        .map(|d| {
            let l = d.location.as_ref().unwrap();
            (d.code.to_string(), l.path.clone().unwrap_or_default())
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("wrong-type".to_owned(), "assets!C2".to_owned()),
            ("wrong-type".to_owned(), "assets!F2".to_owned()),
            ("dangling-reference".to_owned(), "assets!E4".to_owned()),
        ],
        "{:#?}",
        loaded.diagnostics
    );
}

/// The names of a workbook's parts and the text of one of them.
fn part(book: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_template_explains_freezes_lists_and_loads_as_it_is() {
    use vendorgraph::template;
    let book = template::template_xlsx(None).unwrap();
    assert_eq!(
        book,
        template::template_xlsx(None).unwrap(),
        "deterministic"
    );
    let workbook = part(&book, "xl/workbook.xml");
    let sheets: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(
        sheets,
        [
            "README",
            "suppliers",
            "operators",
            "assets",
            "links",
            "shares",
            "lists"
        ]
    );
    // Sheets 2 to 5 are the tables: header frozen, one drop-down or check per column with
    // a vocabulary or a number.
    for (sheet, validations) in [(2, 1), (3, 1), (4, 5), (5, 3)] {
        let xml = part(&book, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(xml.contains("state=\"frozen\""), "sheet{sheet}");
        assert_eq!(
            xml.matches("<dataValidation ").count(),
            validations,
            "sheet{sheet}"
        );
    }
    // Every column of every table is explained on the first sheet.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.xlsx");
    std::fs::write(&path, &book).unwrap();
    let loaded = load(std::slice::from_ref(&path));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let inv = loaded.inventory.unwrap();
    assert_eq!(
        inv.counts(),
        (1, 1, 3, 1),
        "the example rows (one a share row)"
    );
    assert!(
        inv.assets
            .iter()
            .all(|a| a.id.starts_with(template::EXAMPLE_PREFIX))
    );
}

#[test]
fn a_filled_template_scans_as_its_inventory() {
    use vendorgraph::template;
    let inv = load(&[fixture("small")]).inventory.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.xlsx");
    let o = run(&[
        "template",
        "--from",
        "fixtures/small",
        "-o",
        &path.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    assert_eq!(scan_json(&path), scan_json(&fixture("small")));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        template::template_xlsx(Some(&inv)).unwrap()
    );
    // The CSV form: the same headers as the exported tables, and it loads as it is.
    let csv_dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "template",
        "--format",
        "csv",
        "-o",
        &csv_dir.path().join("q").to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let q = csv_dir.path().join("q");
    let mut names: Vec<String> = std::fs::read_dir(&q)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "README.csv",
            "assets.csv",
            "links.csv",
            "operators.csv",
            "shares.csv",
            "suppliers.csv"
        ]
    );
    let loaded = load(std::slice::from_ref(&q));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let filled = csv_dir.path().join("filled");
    std::fs::create_dir(&filled).unwrap();
    export::write_csv_dir(&inv, &filled).unwrap();
    for table in export::csv_tables(&inv) {
        let header = |dir: &Path| {
            let text = std::fs::read_to_string(dir.join(table.csv_file_name())).unwrap();
            text.lines().next().unwrap().to_owned()
        };
        assert_eq!(header(&q), header(&filled), "{table:?}");
    }
}
