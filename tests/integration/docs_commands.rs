//! Issue 14: every page of the docs runs. Each `vendorgraph` command of the fenced shell
//! blocks of README.md and docs/*.md (`cargo run --release --` stands for `vendorgraph`,
//! a `console` block's commands follow `$ `) runs against the built binary, through `sh` so
//! that globs and quotes work as a reader's shell does them. A page's commands run in
//! order in one temporary directory where the repository's fixtures are reachable (a
//! `fixtures` link), so that a command may read what an earlier one of the page wrote. None
//! may fail with a usage error or a missing file, and each exits 0 or 1 (findings) unless
//! [`EXPECTED_ERRORS`] says the page shows an error on purpose. The commands that cannot
//! run here are in [`SKIP`], each with its reason; an entry that matches no command fails
//! the test, so the list stays true.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::root;

/// Commands not run: (page, command as extracted, why).
const SKIP: &[(&str, &str, &str)] = &[
    (
        "README.md",
        "vendorgraph validate returns/",
        "returns/ stands for the operators' filled questionnaires, which the repository does not hold",
    ),
    (
        "README.md",
        "vendorgraph scan returns/ --format markdown -o national.md",
        "returns/ stands for the operators' filled questionnaires",
    ),
    (
        "docs/BENCHMARKS.md",
        "vendorgraph generate --countries 1 --operators 1 --sites 50000 -o gen100k",
        "a 100,000-asset benchmark input: minutes in a debug build",
    ),
    (
        "docs/BENCHMARKS.md",
        "vendorgraph template --from gen100k -o assets-100k.xlsx",
        "reads the benchmark input above",
    ),
    (
        "docs/BENCHMARKS.md",
        "/usr/bin/time -f \"%e s wall, %U s user, %M KB\" vendorgraph validate assets-100k.xlsx",
        "a timed benchmark run (GNU time)",
    ),
    (
        "docs/BENCHMARKS.md",
        "/usr/bin/time -f \"%e s wall, %U s user, %M KB\" vendorgraph validate gen100k",
        "a timed benchmark run (GNU time)",
    ),
    (
        "docs/import-netbox.md",
        "vendorgraph import netbox devices.json virtual-machines.json circuits.json cables.json --map map.toml -o DIR",
        "the form of the command: placeholder files (an operator's NetBox export)",
    ),
    (
        "docs/import-netbox.md",
        "vendorgraph import netbox netbox-dump.json --map map.toml --dry-run",
        "placeholder files (an operator's NetBox export)",
    ),
    (
        "docs/import-netbox.md",
        "vendorgraph validate DIR && vendorgraph scan DIR",
        "DIR is a placeholder",
    ),
    (
        "docs/import-nrm.md",
        "vendorgraph import nrm export.xml [more.xml core.json ...] [--map map.toml] -o DIR",
        "the form of the command (a synopsis)",
    ),
    (
        "docs/import-nrm.md",
        "vendorgraph import nrm export.xml --map map.toml --dry-run",
        "placeholder files (an operator's NRM export)",
    ),
    (
        "docs/import-nrm.md",
        "vendorgraph validate DIR && vendorgraph scan DIR",
        "DIR is a placeholder",
    ),
    (
        "docs/inventory-format.md",
        "vendorgraph validate INPUT...",
        "the form of the command (a synopsis)",
    ),
    (
        "docs/scenarios.md",
        "vendorgraph plan INPUT... --scenario FILE [--policy FILE] [--country CC] [--format table|json|markdown]",
        "the form of the command (a synopsis)",
    ),
];

/// Shell lines other than `vendorgraph` commands that a page's commands need: (page, line).
const SETUP: &[(&str, &str)] = &[(
    "docs/diagrams.md",
    "printf 'high_risk_suppliers = [\"offshore-ms\"]\\n' > offshore.toml",
)];

/// Commands a page runs to show an error (exit 2, but neither a usage error nor a missing
/// file): (page, command).
const EXPECTED_ERRORS: &[(&str, &str)] = &[(
    "docs/policy.md",
    "vendorgraph scan fixtures/small --policy fixtures/policies/invalid/unknown-supplier.toml",
)];

/// A shell line of a page: its line number and text (continuations joined, comment cut).
struct ShellLine {
    line: usize,
    text: String,
}

#[test]
fn every_command_of_the_docs_runs() {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let mut problems = Vec::new();
    let mut used = vec![false; SKIP.len()];
    let mut ran = 0;
    for page in &pages {
        let name = page
            .strip_prefix(root())
            .expect("in the repository")
            .to_str()
            .expect("utf-8")
            .to_owned();
        let text = std::fs::read_to_string(page).expect("read page");
        let dir = sandbox();
        for l in shell_lines(&text) {
            if !is_command(&l.text) {
                if SETUP.contains(&(name.as_str(), l.text.as_str())) {
                    sh(dir.path(), &l.text);
                }
                continue;
            }
            if let Some(k) = SKIP.iter().position(|(p, c, _)| *p == name && *c == l.text) {
                used[k] = true;
                continue;
            }
            ran += 1;
            let expect_error = EXPECTED_ERRORS.contains(&(name.as_str(), l.text.as_str()));
            if let Some(why) = check(dir.path(), &l.text, expect_error) {
                problems.push(format!("{name}:{}: `{}`: {why}", l.line, l.text));
            }
        }
    }
    for (k, (page, command, _)) in SKIP.iter().enumerate() {
        if !used[k] {
            problems.push(format!(
                "{page}: the skipped command `{command}` is no longer in the page"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        ran >= 25,
        "only {ran} commands found: is the extraction broken?"
    );
}

/// A temporary directory with the repository's fixtures reachable and a `docs/` folder to
/// write into (a page may write a diagram there).
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::os::unix::fs::symlink(root().join("fixtures"), dir.path().join("fixtures"))
        .expect("link fixtures");
    std::fs::create_dir(dir.path().join("docs")).expect("docs/");
    dir
}

/// Runs `line` with `sh` in `dir`, the built binary first on the path.
fn sh(dir: &Path, line: &str) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_vendorgraph"))
        .parent()
        .expect("bin dir");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(&path));
    Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(dir)
        .env("PATH", std::env::join_paths(paths).expect("PATH"))
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .output()
        .expect("run sh")
}

/// Why the command failed, or `None`.
#[expect(
    clippy::disallowed_macros,
    reason = "a command skipped for want of Graphviz says so on the test output"
)]
fn check(dir: &Path, line: &str, expect_error: bool) -> Option<String> {
    let o = sh(dir, line);
    let err = String::from_utf8_lossy(&o.stderr);
    let first = err.lines().next().unwrap_or_default().to_owned();
    if err.contains("Usage:") {
        return Some(format!("usage error: {first}"));
    }
    if err.contains("No such file or directory") || err.contains(": not found") {
        return Some(format!("missing file: {}", err.trim()));
    }
    if !expect_error && err.contains("Graphviz is not installed") {
        // The docs say Graphviz is needed only for SVG and PNG diagrams: without it, the
        // command gives that clear error, which is all it can do where it is missing.
        eprintln!("note: `{line}` needs Graphviz (`dot`), not installed here");
        return None;
    }
    match (o.status.code(), expect_error) {
        (Some(0 | 1), false) | (Some(2), true) => None,
        (code, _) => Some(format!("exit status {code:?}: {}", err.trim())),
    }
}

/// Whether a shell line runs `vendorgraph`.
fn is_command(line: &str) -> bool {
    line.split_whitespace().any(|w| w == "vendorgraph")
}

/// The shell lines of the fenced `sh`, `shell`, `bash` and `console` blocks of a page.
fn shell_lines(text: &str) -> Vec<ShellLine> {
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    let mut pending: Option<ShellLine> = None;
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if let Some(lang) = trimmed.strip_prefix("```") {
            block = match block {
                None => Some(lang.trim().to_owned()),
                Some(_) => None,
            };
            continue;
        }
        let Some(lang) = block.as_deref() else {
            continue;
        };
        let line = match lang {
            "sh" | "shell" | "bash" => trimmed,
            "console" => match (trimmed.strip_prefix("$ "), &pending) {
                (Some(rest), _) => rest,
                (None, Some(_)) => trimmed,
                (None, None) => continue,
            },
            _ => continue,
        };
        let line = line.replace("cargo run --release -- ", "vendorgraph ");
        let code = cut_comment(&line);
        let (code, continued) = match code.strip_suffix('\\') {
            Some(c) => (c.trim_end(), true),
            None => (code, false),
        };
        let acc = pending.get_or_insert(ShellLine {
            line: i + 1,
            text: String::new(),
        });
        if !acc.text.is_empty() && !code.is_empty() {
            acc.text.push(' ');
        }
        acc.text.push_str(code);
        if !continued {
            let done = pending.take().expect("pending");
            if !done.text.is_empty() {
                out.push(done);
            }
        }
    }
    out
}

/// A shell line without its comment (a `#` after a space, outside quotes), trimmed.
fn cut_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return line[..i].trim(),
            _ => {}
        }
        prev = c;
    }
    line.trim()
}

#[test]
fn shell_lines_are_extracted_as_a_reader_runs_them() {
    let page = "text\n```sh\nvendorgraph scan a \\\n  --format json   # a comment\n\
                printf 'x # y' > f.toml\n```\n```text\nvendorgraph scan INPUT...\n```\n\
                ```console\n$ cargo run --release -- validate b\noutput line\n```\n";
    let lines: Vec<(usize, String)> = shell_lines(page)
        .into_iter()
        .map(|l| (l.line, l.text))
        .collect();
    assert_eq!(
        lines,
        [
            (3, "vendorgraph scan a --format json".to_owned()),
            (5, "printf 'x # y' > f.toml".to_owned()),
            (11, "vendorgraph validate b".to_owned()),
        ]
    );
}
