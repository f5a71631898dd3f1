//! The command line: clap structures and the dispatch of each command.
//!
//! The only module that knows clap; the library below it never prints.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use vendorgraph::analysis;
use vendorgraph::graph::SupplyGraph;
use vendorgraph::load::load;
use vendorgraph::output::write_atomic;
use vendorgraph::policy::{self, Date, Policy};
use vendorgraph::report;

/// No finding at `deny` severity, or nothing to judge.
pub const EXIT_OK: u8 = 0;
/// `scan` found at least one `deny` finding.
pub const EXIT_FINDINGS: u8 = 1;
/// Bad input or bad usage.
pub const EXIT_INVALID: u8 = 2;

/// Maps the supply chain of 5G networks and measures their dependency on suppliers
/// (EU coordinated risk assessment R4 and R5, EU 5G Toolbox).
#[derive(Debug, Parser)]
#[command(name = "vendorgraph", version, about, max_term_width = 100)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check inventories: print what was loaded and every error and warning.
    ///
    /// Exit status: 0 valid, 2 invalid.
    Validate {
        /// Inventory files or directories (`-` reads one JSON document from standard input).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
        format: SummaryFormat,
    },
    /// Run every analysis for every operator, country and all operators together, and
    /// apply the policy.
    ///
    /// Exit status: 0 no deny finding, 1 at least one deny finding, 2 bad input.
    Scan {
        /// Inventory files or directories (`-` reads one JSON document from standard input).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Policy file (TOML); without it the built-in default policy (EU toolbox) applies.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Output format [default: table on a terminal, json otherwise].
        #[arg(long, value_enum)]
        format: Option<ScanFormat>,
        /// Write to this file (a directory for csv) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: Option<PathBuf>,
        /// Worker threads [default: one per core]. The output is the same for any number.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
        /// The date exemptions are judged against (YYYY-MM-DD) [default: today, UTC].
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Explain one asset: what it depends on and what depends on it, whether and how it is
    /// exposed to a high-risk supplier, its lock-in group, which suppliers' failure takes it
    /// down.
    ///
    /// Exit status: 0, or 2 for bad input or an unknown asset.
    Explain {
        /// Inventory files or directories, then the asset id (last).
        #[arg(required = true, num_args = 2.., value_name = "INPUT... ASSET")]
        args: Vec<String>,
        /// Policy file (TOML), for key domains and high-risk designations.
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
        format: SummaryFormat,
    },
    /// Draw a dependency diagram of one operator or one country with Graphviz (DOT, SVG or
    /// PNG).
    ///
    /// Exit status: 0, or 2 for bad input, an unknown id or a missing `dot` program.
    Diagram(crate::cli_diagram::DiagramArgs),
    /// Write a synthetic but realistic inventory of EU 5G networks into a directory: a
    /// supplier registry and one file per operator, for demos and benchmarks.
    ///
    /// Exit status: 0, or 2 for bad arguments or a non-empty output directory.
    Generate(crate::cli_generate::GenerateArgs),
    /// Run a scenario (supplier swaps, removals, additions, an NSA to SA migration) and show
    /// every figure after each step beside the baseline, with the forced co-replacements.
    ///
    /// Exit status: 0, or 2 for bad input or a scenario step that cannot be applied.
    Plan(crate::cli_plan::PlanArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ScanFormat {
    /// Terminal tables, for people (the default on a terminal).
    Table,
    /// The `vendorgraph-report/1` document, for programs (the default otherwise).
    Json,
    /// A report to hand on: summary first, then tables and findings with evidence.
    Markdown,
    /// One CSV file per table, written into the directory given with `-o`.
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SummaryFormat {
    /// For people.
    Table,
    /// For programs.
    Json,
}

/// Runs a parsed command line, writing results to `out` and diagnostics to `err`.
///
/// # Errors
/// An I/O error writing the output.
pub fn run(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    match args.command {
        Command::Validate { inputs, format } => validate(&inputs, format, out, err),
        Command::Scan {
            inputs,
            policy,
            format,
            output,
            threads,
            as_of,
        } => {
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                ScanFormat::Table
            } else {
                ScanFormat::Json
            });
            scan(
                ScanArgs {
                    inputs,
                    policy,
                    format,
                    output,
                    threads,
                    as_of,
                },
                out,
                err,
            )
        }
        Command::Explain {
            mut args,
            policy,
            format,
        } => {
            let asset = args.pop().unwrap_or_default();
            let inputs: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
            explain(&inputs, &asset, policy.as_deref(), format, out, err)
        }
        Command::Diagram(args) => crate::cli_diagram::run(args, out, err),
        Command::Generate(args) => crate::cli_generate::run(args, out, err),
        Command::Plan(args) => crate::cli_plan::run(args, out, err),
    }
}

struct ScanArgs {
    inputs: Vec<PathBuf>,
    policy: Option<PathBuf>,
    format: ScanFormat,
    output: Option<PathBuf>,
    threads: Option<u16>,
    as_of: Option<Date>,
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

/// Reads the policy file, or the default; `None` after printing its errors.
pub(crate) fn read_policy(path: Option<&Path>, err: &mut dyn Write) -> Result<Option<Policy>> {
    let Some(path) = path else {
        return Ok(Some(Policy::default()));
    };
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            writeln!(
                err,
                "error[policy]: failed to read policy: {e}\n  --> {name}"
            )?;
            return Ok(None);
        }
    };
    match Policy::from_toml(&name, &text) {
        Ok(p) => Ok(Some(p)),
        Err(errors) => {
            for e in &errors {
                writeln!(err, "{e}")?;
            }
            writeln!(err, "{} error(s) in the policy", errors.len())?;
            Ok(None)
        }
    }
}

/// Loads inputs for an analysing command; prints diagnostics; `None` when invalid.
pub(crate) fn load_graph(
    inputs: &[PathBuf],
    err: &mut dyn Write,
) -> Result<Option<(SupplyGraph, Vec<String>)>> {
    let spinner = progress("loading inputs");
    let loaded = load(inputs);
    if let Some(s) = &spinner {
        s.set_message(format!("building the graph of {} bytes", loaded.bytes));
    }
    let graph = loaded.inventory.map(SupplyGraph::new);
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if !loaded.diagnostics.is_empty() {
        write!(err, "{}", report::render_diagnostics(&loaded.diagnostics))?;
    }
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
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// A diagnostic on one line, for the warnings of a report.
fn one_line(d: &vendorgraph::diagnostics::Diagnostic) -> String {
    match &d.location {
        Some(l) => format!("{}: {} ({l})", d.code, d.message),
        None => format!("{}: {}", d.code, d.message),
    }
}

fn scan(args: ScanArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let today = args.as_of.unwrap_or_else(Date::today);
    if args.format == ScanFormat::Csv && args.output.is_none() {
        writeln!(
            err,
            "error: --format csv writes one file per table: give a directory with -o DIR"
        )?;
        return Ok(EXIT_INVALID);
    }
    let Some(policy) = read_policy(args.policy.as_deref(), err)? else {
        return Ok(EXIT_INVALID);
    };
    let Some((graph, load_warnings)) = load_graph(&args.inputs, err)? else {
        return Ok(EXIT_INVALID);
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()
        .context("failed to start worker threads")?;
    let spinner = progress(&format!(
        "analysing {} operators on {} threads",
        graph.inventory().operators.len(),
        pool.current_num_threads()
    ));
    let (result, eval) = pool.install(|| {
        let result = analysis::scan(&graph, &policy.config);
        let cx = analysis::Context::new(&graph, &policy.config);
        let eval = policy::evaluate(&policy, &cx, &result, today);
        (result, eval)
    });
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let mut warnings = load_warnings;
    warnings.extend(result.warnings.iter().cloned());
    warnings.extend(eval.warnings.iter().cloned());
    let rendered = match args.format {
        ScanFormat::Json => report::to_json(&report::JsonReport {
            format: report::REPORT_FORMAT,
            operators: &result.operators,
            countries: &result.countries,
            findings: &eval.findings,
            exempted: &eval.exempted,
            warnings: &warnings,
        })?,
        ScanFormat::Table => report::scan_table(&result, &eval, &warnings),
        ScanFormat::Markdown => report::markdown(&graph, &policy, &result, &eval, &warnings),
        ScanFormat::Csv => {
            let dir = args.output.as_deref().expect("checked above");
            let written = report::write_csv_dir(dir, &result, &eval)
                .with_context(|| format!("failed to write CSV files into {}", dir.display()))?;
            writeln!(err, "wrote {} CSV files into {}", written, dir.display())?;
            String::new()
        }
    };
    if args.format != ScanFormat::Csv {
        emit(args.output.as_deref(), &rendered, out)?;
    }
    Ok(if eval.has_deny() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Writes a rendered result to standard output or, whole or not at all, to a file.
fn emit(path: Option<&Path>, text: &str, out: &mut dyn Write) -> Result<()> {
    match path {
        Some(p) => write_atomic(p, text.as_bytes())
            .with_context(|| format!("failed to write {}", p.display())),
        None => Ok(out.write_all(text.as_bytes())?),
    }
}

fn explain(
    inputs: &[PathBuf],
    asset: &str,
    policy: Option<&Path>,
    format: SummaryFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let Some(policy) = read_policy(policy, err)? else {
        return Ok(EXIT_INVALID);
    };
    let Some((graph, _)) = load_graph(inputs, err)? else {
        return Ok(EXIT_INVALID);
    };
    let inv = graph.inventory();
    let Some(a) = inv.asset_ix(asset) else {
        writeln!(err, "error: {}", unknown_asset(inv, asset))?;
        return Ok(EXIT_INVALID);
    };
    let cx = analysis::Context::new(&graph, &policy.config);
    let paths = analysis::ExposurePaths::new(&cx);
    let lockin = analysis::LockinGroups::new(&graph);
    let e = analysis::explain(&cx, &paths, &lockin, a);
    match format {
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &e)?;
            writeln!(out)?;
        }
        SummaryFormat::Table => write!(out, "{}", report::explain_text(&e))?,
    }
    Ok(EXIT_OK)
}

fn validate(
    inputs: &[PathBuf],
    format: SummaryFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let loaded = load(inputs);
    let valid = loaded.inventory.is_some();
    match format {
        SummaryFormat::Json => {
            let doc = serde_json::json!({
                "valid": valid,
                "files": loaded.files,
                "summary": loaded.inventory.as_ref().map(report::summarize),
                "errors": loaded.errors().collect::<Vec<_>>(),
                "warnings": loaded.warnings().collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
        SummaryFormat::Table => {
            if let Some(inv) = &loaded.inventory {
                write!(out, "{}", report::summarize(inv).to_text())?;
            }
            write!(err, "{}", report::render_diagnostics(&loaded.diagnostics))?;
            if valid {
                writeln!(
                    out,
                    "valid: {} file(s), {} bytes",
                    loaded.files.len(),
                    loaded.bytes
                )?;
            } else {
                writeln!(err, "invalid: fix the errors above")?;
            }
        }
    }
    Ok(if valid { EXIT_OK } else { EXIT_INVALID })
}
