//! What every command shares: reading the policy and the inputs, progress on standard error,
//! writing the result, and the hints for unknown ids.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::ValueEnum;

use vendorgraph::diagnostics::{Code, Diagnostic, Location};
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::load;
use vendorgraph::output::write_atomic_with;
use vendorgraph::policy::{Date, Policy};
use vendorgraph::report;
use vendorgraph::timing;

/// No finding at `deny` severity, or nothing to judge.
pub const EXIT_OK: u8 = 0;
/// `scan` found at least one `deny` finding.
pub const EXIT_FINDINGS: u8 = 1;
/// Bad input or bad usage.
pub const EXIT_INVALID: u8 = 2;

/// The two formats of `validate` and `explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// For people.
    Table,
    /// For programs.
    Json,
}

/// The format of `validate` and `explain`: the one given, else a table on a terminal and
/// JSON otherwise (as `scan`).
pub(crate) fn summary_format(given: Option<SummaryFormat>) -> SummaryFormat {
    given.unwrap_or(if std::io::stdout().is_terminal() {
        SummaryFormat::Table
    } else {
        SummaryFormat::Json
    })
}

/// Parses `--as-of`: a bad date is a usage error (exit 2) naming the expected form.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("invalid date \"{s}\", expected YYYY-MM-DD"))
}

/// The error for an asset id that is not in the inventory, with similar ids as a hint.
pub(crate) fn unknown_asset(inv: &vendorgraph::model::Inventory, id: &str) -> String {
    let close: Vec<&str> = inv
        .assets
        .iter()
        .map(|x| &*x.id)
        .filter(|x| x.contains(id) || id.contains(*x))
        .take(5)
        .collect();
    if close.is_empty() {
        format!("no asset \"{id}\" in the inventory")
    } else {
        format!(
            "no asset \"{id}\" in the inventory (similar: {})",
            close.join(", ")
        )
    }
}

/// Reads the policy (or the default) and loads the inputs, then checks the ids the policy
/// names against the inventory. Prints every diagnostic of both, the policy's after the
/// inputs'; `None` when either has an error.
pub(crate) fn load_with_policy(
    policy: Option<&Path>,
    inputs: &[PathBuf],
    err: &mut dyn Write,
) -> Result<Option<(Policy, SupplyGraph, Vec<String>)>> {
    let (policy, mut diags) = read_policy(policy);
    let loaded = load_graph(inputs, err)?;
    if let (Some(p), Some((g, _))) = (&policy, &loaded) {
        diags.extend(vendorgraph::policy::check_ids(p, g.inventory()));
        vendorgraph::diagnostics::sort(&mut diags);
    }
    print_diagnostics(&diags, err)?;
    if diags.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    Ok(policy.zip(loaded).map(|(p, (g, w))| (p, g, w)))
}

/// Prints diagnostics on standard error: every one, or only the errors under `--quiet`.
pub(crate) fn print_diagnostics(diags: &[Diagnostic], err: &mut dyn Write) -> Result<()> {
    if quiet() {
        let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
        if !errors.is_empty() {
            write!(err, "{}", report::render_diagnostics(&errors))?;
        }
    } else if !diags.is_empty() {
        write!(err, "{}", report::render_diagnostics(diags))?;
    }
    Ok(())
}

/// Reads the policy file, or the default, with its problems.
pub(crate) fn read_policy(path: Option<&Path>) -> (Option<Policy>, Vec<Diagnostic>) {
    let Some(path) = path else {
        return (Some(Policy::default()), Vec::new());
    };
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => Policy::parse(&name, &text),
        Err(e) => {
            let location = Location {
                file: name,
                ..Location::default()
            };
            let message = format!("failed to read policy: {e}");
            (
                None,
                vec![Diagnostic::new(Code::Io, message, Some(location))],
            )
        }
    }
}

/// Loads inputs for an analysing command; prints diagnostics; `None` when invalid.
pub(crate) fn load_graph(
    inputs: &[PathBuf],
    err: &mut dyn Write,
) -> Result<Option<(SupplyGraph, Vec<String>)>> {
    // The allocator's settings change only while no other thread runs: before the spinner
    // starts its thread, and after it is dropped (which joins its thread).
    crate::allocator::before_load();
    let spinner = progress("loading inputs");
    let loaded = load(inputs);
    if let Some(s) = &spinner {
        s.set_message(format!("building the graph of {} bytes", loaded.bytes));
    }
    let graph = timing::phase("graph", || loaded.inventory.map(SupplyGraph::new));
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    crate::allocator::after_load();
    print_diagnostics(&loaded.diagnostics, err)?;
    let warnings = loaded
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(one_line)
        .collect();
    Ok(graph.map(|g| (g, warnings)))
}

/// A spinner on standard error for a long stage, only when standard error is a terminal
/// (never in pipes, files or CI logs).
pub(crate) fn progress(message: &str) -> Option<indicatif::ProgressBar> {
    if quiet() || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// A diagnostic on one line, for the warnings of a report.
pub(crate) fn one_line(d: &vendorgraph::diagnostics::Diagnostic) -> String {
    match &d.location {
        Some(l) => format!("{}: {} ({l})", d.code, d.message),
        None => format!("{}: {}", d.code, d.message),
    }
}

/// Writes a rendered result to standard output or, whole or not at all, to a file.
pub(crate) fn emit(path: Option<&Path>, text: &str, out: &mut dyn Write) -> Result<()> {
    emit_with(path, out, |w| w.write_all(text.as_bytes()))
}

/// [`emit`] of what `write` writes, streamed: a large result is never held whole in memory.
pub(crate) fn emit_with(
    path: Option<&Path>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        Some(p) => {
            write_atomic_with(p, write).with_context(|| format!("failed to write {}", p.display()))
        }
        None => {
            let mut buffered = std::io::BufWriter::new(out);
            write(&mut buffered)?;
            Ok(buffered.flush()?)
        }
    }
}

/// `--country`: the scope of the codes given (upper-cased; `all` is the whole inventory), or
/// `None` after printing every code that no inventory holds, located on the command line and
/// with the closest country the inventories do hold. No code given: the whole inventory.
pub(crate) fn country_scope(
    given: &[String],
    inventories: &[&vendorgraph::model::Inventory],
    err: &mut dyn Write,
) -> Result<Option<vendorgraph::analysis::Scope>> {
    use vendorgraph::analysis::Scope;
    use vendorgraph::model::Country;
    if given.is_empty() || given.iter().any(|c| c.eq_ignore_ascii_case("all")) {
        return Ok(Some(Scope::Inventory));
    }
    let mut known: Vec<&str> = inventories
        .iter()
        .flat_map(|inv| inv.operators.iter().map(|o| o.country.as_str()))
        .collect();
    known.sort_unstable();
    known.dedup();
    let mut codes = Vec::new();
    let mut bad = 0;
    for raw in given {
        let code = raw.to_ascii_uppercase();
        if known.contains(&code.as_str()) {
            codes.push(Country::new(&code));
            continue;
        }
        bad += 1;
        let shown = vendorgraph::sanitize::escape_controls(raw);
        let why = if vendorgraph::vocab::is_iso_country(&code) {
            "no operator of the inventory is in that country"
        } else {
            "not an ISO 3166-1 alpha-2 code"
        };
        let hint = vendorgraph::policy::did_you_mean(&code, &known)
            .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
        writeln!(
            err,
            "error[unknown-country]: unknown country \"{shown}\": {why}{hint}\n  --> command line: --country {shown}\n  = the inventory has {}",
            if known.is_empty() {
                "no operator".to_owned()
            } else {
                known.join(", ")
            }
        )?;
    }
    if bad > 0 {
        return Ok(None);
    }
    Ok(Some(Scope::Countries(codes)))
}

/// When to colour `DENY` red on standard output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless `NO_COLOR` is set (to anything but an empty string).
    Auto,
    /// Always, even in a pipe (and whatever `NO_COLOR` says).
    Always,
    /// Never.
    Never,
}

/// The process's choices for standard output and error, set once from the global flags.
static COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Applies `--color` and `--quiet` for the rest of the run.
pub(crate) fn set_output_options(color: ColorWhen, quiet: bool) {
    use std::sync::atomic::Ordering::Relaxed;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let on = match color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    COLOR.store(on, Relaxed);
    QUIET.store(quiet, Relaxed);
}

/// Whether `--quiet` asks for errors only on standard error.
pub(crate) fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// The width tables fit for a result written to `output` (`None`: standard output): the
/// `COLUMNS` variable, else the terminal's width; none for a file or a pipe.
pub(crate) fn term_for(output: Option<&Path>) -> report::term::Term {
    let width = if output.is_some() {
        None
    } else if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
    {
        Some(cols)
    } else {
        comfy_table::Table::new().width().map(usize::from)
    };
    report::term::Term { width }
}

/// Renders a text for people (terminal tables) for `output` (`None`: standard output): its
/// tables fitted to the terminal's width and, on standard output with colour on, `DENY` in
/// red. Never used for JSON, Markdown or CSV.
pub(crate) fn render_for(output: Option<&Path>, render: impl FnOnce() -> String) -> String {
    let text = report::term::with(term_for(output), render);
    if output.is_none() && COLOR.load(std::sync::atomic::Ordering::Relaxed) {
        report::term::paint(&text)
    } else {
        text
    }
}
