//! `vendorgraph diagram`: DOT snapshots of each view and highlight, hostile names, the
//! collapsed view, errors, and an SVG render where Graphviz's `dot` is installed.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test --test integration diagram`
//! (or `cargo insta review`) and review the diff.
#![expect(
    clippy::disallowed_macros,
    reason = "a skipped render test says why on the test output"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{root, run, stderr};

/// The DOT text of `diagram ARGS --format dot -o -`, which must succeed.
pub(crate) fn dot_of(args: &[&str]) -> String {
    let mut all = vec!["diagram"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "dot", "-o", "-"]);
    let out = run(&all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("DOT is UTF-8");
    assert_well_formed(&text);
    text
}

/// Checks what a broken label would break: every quoted string closes on its own line,
/// braces balance outside strings, and no line holds a raw control character.
fn assert_well_formed(dot: &str) {
    let mut depth = 0i64;
    for (n, line) in dot.lines().enumerate() {
        let mut in_string = false;
        let mut escaped = false;
        for c in line.chars() {
            assert!(!c.is_control(), "control character on line {}", n + 1);
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
            } else if c == '"' {
                in_string = true;
            } else if c == '{' {
                depth += 1;
            } else if c == '}' {
                depth -= 1;
            }
        }
        assert!(!in_string, "string left open on line {}: {line}", n + 1);
    }
    assert_eq!(depth, 0, "unbalanced braces");
    assert!(dot.starts_with("digraph vendorgraph {"));
}

/// The DOT text with the contents of every quoted string removed: what Graphviz reads
/// as syntax.
fn outside_strings(dot: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in dot.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                out.push('"');
            }
        } else {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

fn dot_installed() -> bool {
    Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes a file into a fresh temporary directory (kept alive by the returned guard).
fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn operator_view_nsa() {
    insta::assert_snapshot!(
        "operator_de_nsa",
        dot_of(&["fixtures/small", "--operator", "de-nsa"])
    );
}

#[test]
fn operator_view_with_alternatives_and_k_of_n() {
    let dot = dot_of(&["fixtures/small", "--operator", "fr-sa"]);
    assert!(dot.contains(r#"label="need 2 of 3""#));
    assert!(dot.contains(r#"label="need 1 of 2""#));
    insta::assert_snapshot!("operator_fr_sa", dot);
}

#[test]
fn country_view() {
    let dot = dot_of(&["fixtures/small", "--country", "DE"]);
    assert!(dot.contains("national HHI: core 6,250 (high)"), "{dot}");
    insta::assert_snapshot!("country_de", dot);
}

#[test]
fn country_view_of_every_operator() {
    let dot = dot_of(&["fixtures/small", "--country", "all"]);
    assert!(dot.contains("all countries · national vendor balance · 3 operators"));
    assert!(dot.contains("\"operator/fr-sa\""));
}

#[test]
fn country_view_takes_lower_case_codes() {
    assert_eq!(
        dot_of(&["fixtures/small", "--country", "de"]),
        dot_of(&["fixtures/small", "--country", "DE"])
    );
}

#[test]
fn highlight_supplier_colours_the_down_set() {
    let dot = dot_of(&[
        "fixtures/small",
        "--operator",
        "de-nsa",
        "--highlight-supplier",
        "cisco",
    ]);
    // Cisco carries every eNB's backhaul, and the gNBs are anchored on the eNBs.
    assert!(dot.contains("if cisco fails: 13 of 25 assets down · outage 100% of radio weight"));
    insta::assert_snapshot!("operator_de_nsa_highlight_cisco", dot);
}

#[test]
fn a_highlight_that_takes_no_radio_down_has_the_scans_outage() {
    // Cisco supplies nothing the radio of fr-sa depends on: the scan's outage is 0, and
    // the title says so (it once printed "-0%", a sum of no weights).
    let dot = dot_of(&[
        "fixtures/small",
        "--operator",
        "fr-sa",
        "--highlight-supplier",
        "cisco",
    ]);
    assert!(dot.contains("if cisco fails: 0 of 27 assets down · outage 0% of radio weight"));
}

#[test]
fn highlight_supplier_in_a_country() {
    let dot = dot_of(&[
        "fixtures/small",
        "--country",
        "DE",
        "--highlight-supplier",
        "huawei",
    ]);
    assert!(dot.contains("if huawei fails: national outage 75% of radio weight"));
    insta::assert_snapshot!("country_de_highlight_huawei", dot);
}

#[test]
fn path_draws_the_exposure_path() {
    // With the offshore provider designated high-risk, the AMF is exposed in two steps:
    // it runs on the NFVI, which the provider operates.
    let (_dir, policy) = temp_file("policy.toml", "high_risk_suppliers = [\"offshore-ms\"]\n");
    let dot = dot_of(&[
        "fixtures/small",
        "--operator",
        "fr-sa",
        "--path",
        "fr-amf-1",
        "--policy",
        s(&policy),
    ]);
    assert!(dot.contains("exposure path (runs_on): fr-amf-1 → fr-nfvi-1 → fr-ms-1"));
    insta::assert_snapshot!("operator_fr_sa_path_fr_amf_1", dot);
}

#[test]
fn path_of_an_unexposed_asset_is_a_note() {
    let out = run(&[
        "diagram",
        "fixtures/small",
        "--operator",
        "fr-sa",
        "--path",
        "fr-amf-1",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("note: asset \"fr-amf-1\" is not exposed"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("fr-amf-1: not exposed"));
}

#[test]
fn direct_exposure_is_a_path_of_one_asset() {
    let dot = dot_of(&[
        "fixtures/small",
        "--operator",
        "de-nsa",
        "--path",
        "dn-enb-b1",
    ]);
    assert!(dot.contains("exposure path (direct): dn-enb-b1 · high-risk supplier huawei"));
}

/// An operator with `n` gNBs in three regions from two suppliers, and a small core.
fn synthetic(n: usize) -> String {
    let mut assets = vec![
        r#"{"id":"s-amf-1","operator":"big","function":"amf","supplier":"nokia"}"#.to_owned(),
        r#"{"id":"s-amf-2","operator":"big","function":"amf","supplier":"nokia"}"#.to_owned(),
        r#"{"id":"s-ems-e","operator":"big","function":"ems","supplier":"ericsson"}"#.to_owned(),
        r#"{"id":"s-ems-h","operator":"big","function":"ems","supplier":"huawei"}"#.to_owned(),
    ];
    let mut links = Vec::new();
    let regions = ["north", "centre", "south"];
    for r in regions {
        assets.push(format!(
            r#"{{"id":"s-rtr-{r}","operator":"big","function":"router","supplier":"nokia","region":"{r}"}}"#
        ));
    }
    for i in 0..n {
        let r = regions[i % 3];
        let (sup, ems) = if (i / 3) % 2 == 0 {
            ("ericsson", "s-ems-e")
        } else {
            ("huawei", "s-ems-h")
        };
        assets.push(format!(
            r#"{{"id":"s-gnb-{i:05}","operator":"big","function":"gnb","supplier":"{sup}","region":"{r}","weight":3}}"#
        ));
        links.push(format!(
            r#"{{"from":"s-gnb-{i:05}","to":["s-amf-1","s-amf-2"],"kind":"connects_to","interface":"N2"}}"#
        ));
        links.push(format!(
            r#"{{"from":"s-gnb-{i:05}","to":"s-rtr-{r}","kind":"connects_to","interface":"backhaul"}}"#
        ));
        links.push(format!(
            r#"{{"from":"s-gnb-{i:05}","to":"{ems}","kind":"managed_by"}}"#
        ));
    }
    for r in regions {
        links.push(format!(
            r#"{{"from":"s-rtr-{r}","to":"s-amf-1","kind":"connects_to"}}"#
        ));
    }
    links.push(r#"{"from":"s-amf-1","to":"s-ems-e","kind":"managed_by","open":true}"#.to_owned());
    links.push(r#"{"from":"s-amf-2","to":"s-ems-e","kind":"managed_by","open":true}"#.to_owned());
    format!(
        r#"{{"format":"vendorgraph/1",
  "suppliers":[{{"id":"ericsson","country":"SE","risk":"low"}},{{"id":"huawei","country":"CN","risk":"high"}},{{"id":"nokia","country":"FI","risk":"low"}}],
  "operators":[{{"id":"big","country":"DE"}}],
  "assets":[{}],
  "links":[{}]}}"#,
        assets.join(",\n"),
        links.join(",\n")
    )
}

#[test]
fn large_operators_are_collapsed() {
    let (_dir, path) = temp_file("big.json", &synthetic(240));
    let dot = dot_of(&[s(&path), "--operator", "big"]);
    // 6 buckets of 40 gNBs (3 regions × 2 suppliers), deduplicated edges with counts.
    assert_eq!(dot.matches("gnb × 40").count(), 6, "{dot}");
    assert!(dot.contains("N2 × 40"));
    // The AMF pool is one node, shared by every bucket.
    assert!(dot.contains("need 1 of 2\\n× 240 links"), "{dot}");
    insta::assert_snapshot!("operator_collapsed", dot);

    let full = dot_of(&[s(&path), "--operator", "big", "--no-collapse"]);
    assert!(!full.contains("gnb × "));
    assert!(full.matches("\"s-gnb-").count() >= 240);
}

#[test]
fn small_operators_are_not_collapsed() {
    let (_dir, path) = temp_file("small.json", &synthetic(30));
    let dot = dot_of(&[s(&path), "--operator", "big"]);
    assert!(!dot.contains("gnb × "));
}

/// An inventory whose every free-text field tries to break the DOT.
const HOSTILE: &str = r#"{
  "format": "vendorgraph/1",
  "suppliers": [
    {"id": "evil", "name": "Evil \"Quote\" \\ Corp\n}; digraph x {", "country": "CN", "risk": "high"},
    {"id": "amp", "name": "AT&amp;T &lt;b&gt; & <b>bold</b> {a|b} \\N \\G \\L \\n", "country": "US", "risk": "low"}
  ],
  "operators": [
    {"id": "op-x", "name": "<TABLE><TR><TD>html</TD></TR></TABLE>", "country": "DE"}
  ],
  "assets": [
    {"id": "x-core", "operator": "op-x", "function": "amf", "supplier": "evil",
     "name": "a name that goes on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on",
     "site": "line one\nline two\r\ttabbed", "region": "\"]; node [shape=star"},
    {"id": "x-ems", "operator": "op-x", "function": "ems", "supplier": "amp",
     "name": "\\\\server\\share\\", "region": "{rank=same}"},
    {"id": "x-gnb", "operator": "op-x", "function": "g\"nb\\{x}", "domain": "ran", "supplier": "amp",
     "name": "émoji 📡 and עברית", "region": "<port>"}
  ],
  "links": [
    {"from": "x-gnb", "to": "x-core", "kind": "connects_to", "interface": "N2\"]; x -> y [label=\"pwned"},
    {"from": "x-gnb", "to": "x-ems", "kind": "managed_by", "interface": "<i>Itf</i> & {|}"},
    {"from": "x-core", "to": "x-ems", "kind": "managed_by", "interface": "\\", "open": true}
  ]
}"#;

#[test]
fn hostile_names_cannot_break_the_dot() {
    let (_dir, path) = temp_file("hostile.json", HOSTILE);
    let dot = dot_of(&[s(&path), "--operator", "op-x"]);
    // Nothing the data says becomes DOT syntax: no injected node, edge or graph.
    let syntax = outside_strings(&dot);
    for injected in ["star", "pwned", "{rank", "x -> y", "TABLE"] {
        assert!(
            !syntax.contains(injected),
            "{injected} leaked into the syntax"
        );
    }
    assert_eq!(syntax.matches("digraph").count(), 1);
    assert_eq!(
        syntax.matches("subgraph").count(),
        dot.matches("subgraph \"").count()
    );
    // Long names are cut with an ellipsis.
    assert!(dot.contains("and on and on…"), "{dot}");
    insta::assert_snapshot!("hostile_names", dot);

    let country = dot_of(&[s(&path), "--country", "DE", "--highlight-supplier", "evil"]);
    assert!(!outside_strings(&country).contains("star"));
    insta::assert_snapshot!("hostile_names_country", country);
}

#[test]
fn hostile_names_render_literally() {
    if !dot_installed() {
        println!("note: Graphviz `dot` is not on PATH; skipping the hostile SVG render test");
        return;
    }
    let (dir, path) = temp_file("hostile.json", HOSTILE);
    let svg_path = dir.path().join("hostile.svg");
    let out = run(&[
        "diagram",
        s(&path),
        "--operator",
        "op-x",
        "-o",
        s(&svg_path),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&svg_path).expect("svg written");
    // The text shows as written, entities and backslashes included.
    assert!(
        svg.contains("AT&amp;amp;T &amp;lt;b&amp;gt; &amp; &lt;b&gt;bold&lt;/b&gt;"),
        "{svg}"
    );
    assert!(svg.contains("\\N \\G \\L"), "{svg}");
    assert!(
        svg.contains("N2&quot;]; x &#45;&gt; y [label=&quot;pwned"),
        "{svg}"
    );
    assert!(
        svg.contains("Evil &quot;Quote&quot; \\ Corp }; digraph x {"),
        "{svg}"
    );
    assert!(svg.contains("\\\\server\\share\\"), "{svg}");
    assert!(svg.contains("émoji 📡 and עברית"));
    // Tooltips too: Graphviz would expand `\G` to the graph's name.
    assert!(!svg.contains("vendorgraph x&#45;"), "{svg}");
    assert!(svg.contains("{a|b} ⧵N ⧵G ⧵L ⧵n, US)"), "{svg}");
}

#[test]
fn svg_and_png_render_where_dot_is_installed() {
    if !dot_installed() {
        println!("note: Graphviz `dot` is not on PATH; skipping the SVG render test");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("de-nsa.svg");
    let out = run(&[
        "diagram",
        "fixtures/small",
        "--operator",
        "de-nsa",
        "-o",
        s(&svg),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote"));
    let text = std::fs::read_to_string(&svg).expect("svg written");
    assert!(text.contains("<svg"));
    assert!(text.contains("mme · huawei"));
    assert!(text.trim_end().ends_with("</svg>"));

    let png = dir.path().join("de.out");
    let out = run(&[
        "diagram",
        "fixtures/small",
        "--country",
        "DE",
        "--format",
        "png",
        "-o",
        s(&png),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(&png).expect("png written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn a_missing_dot_names_the_graphviz_package() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("x.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_vendorgraph"))
        .args([
            "diagram",
            "fixtures/small",
            "--operator",
            "de-nsa",
            "-o",
            s(&target),
        ])
        .current_dir(root())
        // An empty PATH: no `dot` anywhere.
        .env("PATH", dir.path())
        .output()
        .expect("run vendorgraph");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("Debian package `graphviz`"), "{err}");
    assert!(err.contains("--format dot"), "{err}");
    assert!(!target.exists(), "no file is written on failure");
    // DOT needs no Graphviz.
    let dot_target = dir.path().join("x.dot");
    let out = Command::new(env!("CARGO_BIN_EXE_vendorgraph"))
        .args([
            "diagram",
            "fixtures/small",
            "--operator",
            "de-nsa",
            "-o",
            s(&dot_target),
        ])
        .current_dir(root())
        .env("PATH", dir.path())
        .output()
        .expect("run vendorgraph");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&dot_target)
            .expect("dot written")
            .starts_with("digraph")
    );
}

#[test]
fn unknown_ids_are_clear_errors() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["--operator", "nope"],
            "error: no operator \"nope\" in the inventory (known: de-b, de-nsa, fr-sa)",
        ),
        (
            &["--country", "IT"],
            "error: no operator in country \"IT\" in the inventory (known: DE, FR, all)",
        ),
        (
            &["--operator", "de-nsa", "--highlight-supplier", "acme"],
            "error: no supplier \"acme\" in the inventory",
        ),
        (
            &["--operator", "de-nsa", "--path", "dn-nope"],
            "error: no asset \"dn-nope\" in the inventory",
        ),
        (
            &["--operator", "de-nsa", "--path", "fr-amf-1"],
            "error: asset \"fr-amf-1\" belongs to operator \"fr-sa\", not \"de-nsa\"",
        ),
        (
            &[
                "--operator",
                "de-nsa",
                "--format",
                "dot",
                "-o",
                "x.pdf",
                "--highlight-supplier",
                "nope",
            ],
            "error: no supplier \"nope\"",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["diagram", "fixtures/small"];
        all.extend_from_slice(args);
        if !args.contains(&"-o") {
            all.extend_from_slice(&["-o", "-"]);
        }
        let out = run(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn usage_errors_exit_2() {
    // Neither view, both views, --path with a country, no -o, a format we cannot write.
    for args in [
        &["diagram", "fixtures/small", "-o", "-"][..],
        &[
            "diagram",
            "fixtures/small",
            "--operator",
            "de-nsa",
            "--country",
            "DE",
            "-o",
            "-",
        ],
        &[
            "diagram",
            "fixtures/small",
            "--country",
            "DE",
            "--path",
            "dn-mme-1",
            "-o",
            "-",
        ],
        &["diagram", "fixtures/small", "--operator", "de-nsa"],
        &[
            "diagram",
            "fixtures/small",
            "--operator",
            "de-nsa",
            "-o",
            "x.pdf",
        ],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = run(&[
        "diagram",
        "fixtures/small",
        "--operator",
        "de-nsa",
        "-o",
        "x.pdf",
    ]);
    assert!(stderr(&out).contains("give --format dot, svg or png"));
}

#[test]
fn invalid_input_exits_2() {
    let out = run(&[
        "diagram",
        "fixtures/invalid/dangling-reference.json",
        "--operator",
        "x",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_same_input_gives_the_same_dot() {
    let a = dot_of(&[
        "fixtures/small",
        "--operator",
        "fr-sa",
        "--highlight-supplier",
        "nokia",
    ]);
    let b = dot_of(&[
        "fixtures/small",
        "--operator",
        "fr-sa",
        "--highlight-supplier",
        "nokia",
    ]);
    assert_eq!(a, b);
}

#[test]
fn ids_echoed_in_errors_show_control_characters_escaped() {
    let out = run(&[
        "diagram",
        "fixtures/small",
        "--operator",
        "x\u{1b}]0;pwned\u{7}y",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no operator \"x"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}
