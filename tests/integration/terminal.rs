//! Tests: the terminal: tables fitted to `COLUMNS`, `--color`, `NO_COLOR`, `--quiet`, the
//! table-or-JSON default of `validate` and `explain`, completions and the man page.

use std::process::{Command, Output};

use super::support::{root, stderr, stdout};

/// Runs the binary with extra environment variables (COLUMNS and NO_COLOR cleared first).
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vendorgraph"));
    c.args(args)
        .current_dir(root())
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run vendorgraph")
}

/// The widest grid line (box-drawing lines only), in terminal columns.
fn widest_grid_line(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn tables_fit_columns_and_keep_their_grid() {
    let cases: [&[&str]; 3] = [
        &["scan", "fixtures/small", "--format", "table"],
        &[
            "plan",
            "fixtures/small",
            "--scenario",
            "fixtures/scenarios/nsa-to-sa.json",
            "--format",
            "table",
        ],
        &[
            "diff",
            "--before",
            "fixtures/diff/before.json",
            "--after",
            "fixtures/diff/after.json",
            "--format",
            "table",
        ],
    ];
    for args in cases {
        let wide = stdout(&run_env(args, &[]));
        assert!(widest_grid_line(&wide) > 60, "{args:?}");
        for width in [40, 60, 80] {
            let o = run_env(args, &[("COLUMNS", &width.to_string())]);
            let text = stdout(&o);
            assert!(
                widest_grid_line(&text) <= width,
                "{args:?} at {width}:\n{text}"
            );
            // Every grid keeps its frame: each table's lines have one width.
            for table in text.split('┌').skip(1) {
                let widths: Vec<usize> =
                    std::iter::once(table.lines().next().unwrap_or("").chars().count() + 1)
                        .chain(
                            table
                                .lines()
                                .skip(1)
                                .take_while(|l| l.starts_with(['│', '╞', '├', '└']))
                                .map(|l| l.chars().count()),
                        )
                        .collect();
                assert!(
                    widths.windows(2).all(|w| w[0] == w[1]),
                    "{args:?} at {width}:\n{text}"
                );
            }
        }
    }
    // Too narrow for every column: the last ones are left out, with a note.
    let o = run_env(
        &["scan", "fixtures/small", "--format", "table"],
        &[("COLUMNS", "40")],
    );
    assert!(
        stdout(&o).contains("(left out to fit 40 columns: "),
        "{}",
        stdout(&o)
    );
    // A file gets the natural width whatever COLUMNS says.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scan.txt");
    let p = path.to_str().expect("utf-8");
    run_env(
        &["scan", "fixtures/small", "--format", "table", "-o", p],
        &[("COLUMNS", "40")],
    );
    let file = std::fs::read_to_string(&path).expect("written");
    assert_eq!(
        file,
        stdout(&run_env(
            &["scan", "fixtures/small", "--format", "table"],
            &[]
        ))
    );
}

#[test]
fn color_marks_deny_in_red_only_when_asked() {
    let args = ["scan", "fixtures/small", "--format", "table"];
    let red = "\u{1b}[31mDENY\u{1b}[0m";
    let plain = stdout(&run_env(&args, &[]));
    assert!(plain.contains("DENY") && !plain.contains('\u{1b}'));
    let always = stdout(&run_env(&[&args[..], &["--color", "always"]].concat(), &[]));
    assert!(always.contains(red));
    assert_eq!(always.replace(red, "DENY"), plain);
    // NO_COLOR does not override an explicit --color always, and `never` never colours.
    let no_color = stdout(&run_env(
        &[&args[..], &["--color", "always"]].concat(),
        &[("NO_COLOR", "1")],
    ));
    assert!(no_color.contains(red));
    let never = stdout(&run_env(&[&args[..], &["--color", "never"]].concat(), &[]));
    assert_eq!(never, plain);
    // JSON is never coloured.
    let json = run_env(
        &[
            "scan",
            "fixtures/small",
            "--format",
            "json",
            "--color",
            "always",
        ],
        &[],
    );
    assert!(!stdout(&json).contains('\u{1b}'));
}

#[test]
fn quiet_keeps_only_errors_on_standard_error() {
    let diff = [
        "diff",
        "--before",
        "fixtures/diff/before.json",
        "--after",
        "fixtures/diff/after.json",
        "--format",
        "json",
    ];
    let loud = run_env(&diff, &[]);
    assert!(stderr(&loud).contains("warning[unlinked-asset]"));
    let quiet = run_env(&[&diff[..], &["--quiet"]].concat(), &[]);
    assert_eq!(stderr(&quiet), "");
    assert_eq!(quiet.stdout, loud.stdout);
    // Errors still show.
    let bad = run_env(&["scan", "-q", "fixtures/invalid/duplicate-id.json"], &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("error["), "{}", stderr(&bad));
}

#[test]
fn validate_and_explain_print_json_when_not_on_a_terminal() {
    let v = run_env(&["validate", "fixtures/small"], &[]);
    let doc: serde_json::Value = serde_json::from_slice(&v.stdout).expect("validate json");
    assert_eq!(doc["valid"], true);
    let e = run_env(&["explain", "fixtures/small", "dn-gnb-b1"], &[]);
    let _: serde_json::Value = serde_json::from_slice(&e.stdout).expect("explain json");
    let t = run_env(&["validate", "fixtures/small", "--format", "table"], &[]);
    assert!(stdout(&t).contains("valid: "));
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    for (shell, marker) in [
        ("bash", "_vendorgraph()"),
        ("zsh", "#compdef vendorgraph"),
        ("fish", "complete -c vendorgraph"),
        ("elvish", "vendorgraph"),
        ("powershell", "vendorgraph"),
    ] {
        let o = run_env(&["completions", shell], &[]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}");
        if shell != "powershell" && shell != "elvish" {
            for command in ["diff", "scan", "plan", "completions"] {
                assert!(script.contains(command), "{shell}: {command}");
            }
        }
    }
    assert_eq!(
        run_env(&["completions", "tcsh"], &[]).status.code(),
        Some(2)
    );
    let man = run_env(&["man"], &[]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH vendorgraph 1"),
        "{page}"
    );
    for command in ["validate", "scan", "diff", "plan"] {
        assert!(page.contains(command), "{command}");
    }
    assert!(page.contains("\\-\\-quiet"));
}

#[test]
fn man_dir_writes_one_page_per_command() {
    let tmp = tempfile::tempdir().expect("temp");
    let dir = tmp.path().join("share/man/man1");
    let path = dir.to_str().expect("utf-8");
    let o = run_env(&["man", "--dir", path], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the directory is made")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    names.sort();
    // Every command and nested command, `help` excluded.
    assert_eq!(
        names,
        [
            "vendorgraph-completions.1",
            "vendorgraph-diagram.1",
            "vendorgraph-diff.1",
            "vendorgraph-explain.1",
            "vendorgraph-generate.1",
            "vendorgraph-import-netbox.1",
            "vendorgraph-import-nrm.1",
            "vendorgraph-import.1",
            "vendorgraph-man.1",
            "vendorgraph-plan.1",
            "vendorgraph-scan.1",
            "vendorgraph-schema.1",
            "vendorgraph-template.1",
            "vendorgraph-validate.1",
            "vendorgraph.1",
        ]
    );
    let version = env!("CARGO_PKG_VERSION");
    for name in &names {
        let page = std::fs::read_to_string(dir.join(name)).expect("page");
        let title = name.trim_end_matches(".1");
        assert!(
            page.contains(&format!(".TH {title} 1  \"vendorgraph {version}\"")),
            "{name}: {}",
            &page[..page.len().min(200)]
        );
    }
    // A command's page has its own options; the main page is the one `man` prints.
    let scan = std::fs::read_to_string(dir.join("vendorgraph-scan.1")).expect("page");
    assert!(scan.contains("\\-\\-policy") && scan.contains("\\-\\-as\\-of"));
    let main = std::fs::read_to_string(dir.join("vendorgraph.1")).expect("page");
    assert!(main.contains(".SH SUBCOMMANDS") && main.contains("vendorgraph\\-scan(1)"));
    // Again into the same directory: the pages are replaced, other files left alone.
    std::fs::write(dir.join("other.1"), "other").expect("write");
    let o = run_env(&["man", "--dir", path], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("other.1")).expect("kept"),
        "other"
    );
    // A directory that cannot be made: exit 2 with a message.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let o = run_env(&["man", "--dir", file.to_str().expect("utf-8")], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: failed to write the man pages to "));
}
