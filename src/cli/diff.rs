//! `vendorgraph diff`: every figure of two inventories (before and after), what changed, what
//! was added or removed, and the findings new, resolved or kept (analyses.md section 9).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use vendorgraph::assess::assess_scope;
use vendorgraph::diagnostics::Diagnostic;
use vendorgraph::graph::SupplyGraph;
use vendorgraph::policy::{Date, Policy};
use vendorgraph::report::{self, DiffReport};

use super::common::{
    EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, country_scope, emit, load_graph, parse_date,
    print_diagnostics, read_policy, render_for,
};

/// The arguments of `vendorgraph diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The inventory before: files or directories (`-` reads one JSON document from standard
    /// input, on one side only).
    #[arg(long, required = true, num_args = 1.., value_name = "INPUT")]
    before: Vec<PathBuf>,
    /// The inventory after: files or directories.
    #[arg(long, required = true, num_args = 1.., value_name = "INPUT")]
    after: Vec<PathBuf>,
    /// Policy file (TOML), applied to both sides; without it the built-in default policy.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Only this country's operators and national figures (ISO code; repeat for several);
    /// the scope `all` only without it.
    #[arg(long = "country", value_name = "CC")]
    countries: Vec<String>,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    format: Option<DiffFormat>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    output: Option<PathBuf>,
    /// Worker threads [default: one per core]. The output is the same for any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// The date exemptions are judged against (YYYY-MM-DD) [default: today, UTC].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// Terminal tables, for people (the default on a terminal).
    Table,
    /// The `vendorgraph-diff/1` document, for programs (the default otherwise).
    Json,
    /// A document to hand on.
    Markdown,
    /// One self-contained HTML document, for people (write it with `-o diff.html`).
    Html,
}

/// Runs `vendorgraph diff`: exit 0, 1 when the after side has a `deny` finding the before
/// side did not, 2 on bad input (every problem of both sides reported).
///
/// # Errors
/// An I/O error writing the result or a message.
pub fn run(args: DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let today = args.as_of.unwrap_or_else(Date::today);
    let dash = |v: &[PathBuf]| v.iter().any(|p| p == Path::new("-"));
    if dash(&args.before) && dash(&args.after) {
        writeln!(
            err,
            "error: standard input (`-`) can be read once: give it to --before or --after, not both"
        )?;
        return Ok(EXIT_INVALID);
    }
    let Some((policy, before, after)) = load_sides(&args, err)? else {
        return Ok(EXIT_INVALID);
    };
    let Some(scope) = country_scope(
        &args.countries,
        &[before.0.inventory(), after.0.inventory()],
        err,
    )?
    else {
        return Ok(EXIT_INVALID);
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()
        .context("failed to start worker threads")?;
    let mut report = pool.install(|| {
        let (b, a) = rayon::join(
            || assess_scope(&before.0, &policy, today, before.1.clone(), scope.clone()),
            || assess_scope(&after.0, &policy, today, after.1.clone(), scope.clone()),
        );
        DiffReport::new(&b, &a)
    });
    let rendered = match args.format.unwrap_or(if std::io::stdout().is_terminal() {
        DiffFormat::Table
    } else {
        DiffFormat::Json
    }) {
        DiffFormat::Json => report::diff_json(&report)?,
        DiffFormat::Table => render_for(args.output.as_deref(), || report::diff_table(&report)),
        DiffFormat::Markdown => report::diff_markdown(&report),
        DiffFormat::Html => {
            for (side, inputs) in [
                (&mut report.summary.before, &args.before),
                (&mut report.summary.after, &args.after),
            ] {
                side.date = Some(today.to_string());
                side.inputs = super::html::input_files(inputs);
            }
            report::diff_html(&report)
        }
    };
    emit(args.output.as_deref(), &rendered, out)?;
    Ok(if report.regressed() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// One side: its graph and its loading warnings.
type Side = (SupplyGraph, Vec<String>);

/// Reads the policy and loads both sides, printing every problem of each; a policy id is an
/// error only when neither side holds it. `None` when anything is invalid.
fn load_sides(args: &DiffArgs, err: &mut dyn Write) -> Result<Option<(Policy, Side, Side)>> {
    let (policy, mut diags) = read_policy(args.policy.as_deref());
    let before = load_graph(&args.before, err)?;
    if before.is_none() {
        writeln!(err, "error: the inventory given with --before is invalid")?;
    }
    let after = load_graph(&args.after, err)?;
    if after.is_none() {
        writeln!(err, "error: the inventory given with --after is invalid")?;
    }
    if let (Some(p), Some((b, _)), Some((a, _))) = (&policy, &before, &after) {
        let on_after = vendorgraph::policy::check_ids(p, a.inventory());
        diags.extend(
            vendorgraph::policy::check_ids(p, b.inventory())
                .into_iter()
                .filter(|d| {
                    on_after
                        .iter()
                        .any(|x| x.code == d.code && x.location == d.location)
                }),
        );
        vendorgraph::diagnostics::sort(&mut diags);
    }
    print_diagnostics(&diags, err)?;
    if diags.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    Ok(match (policy, before, after) {
        (Some(p), Some(b), Some(a)) => Some((p, b, a)),
        _ => None,
    })
}
