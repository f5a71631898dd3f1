//! `vendorgraph scan`: every analysis and the policy, rendered in one of four formats.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use vendorgraph::assess::assess_scope;
use vendorgraph::output::write_dir_atomic;
use vendorgraph::policy::Date;
use vendorgraph::report;
use vendorgraph::timing;

use super::common::{
    EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, country_scope, emit, emit_with, load_with_policy,
    parse_date, progress, quiet, render_for,
};

/// The arguments of `scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Inventory files or directories (`-` reads one JSON document from standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Policy file (TOML); without it the built-in default policy (EU toolbox) applies.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    pub format: Option<ScanFormat>,
    /// Write to this file (a directory for csv) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Only this country's operators and national figures (ISO code; repeat for several);
    /// the scope `all` only without it.
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<String>,
    /// Worker threads [default: one per core]. The output is the same for any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// The date exemptions are judged against (YYYY-MM-DD) [default: today, UTC].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Terminal tables, for people (the default on a terminal).
    Table,
    /// The `vendorgraph-report/1` document, for programs (the default otherwise).
    Json,
    /// A report to hand on: summary first, then tables and findings with evidence.
    Markdown,
    /// One CSV file per table, written into the directory given with `-o`.
    Csv,
    /// One self-contained HTML document to read or print: charts, rankings, diagrams.
    Html,
}

/// Runs `scan`.
pub fn run(args: ScanArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        ScanFormat::Table
    } else {
        ScanFormat::Json
    });
    let today = args.as_of.unwrap_or_else(Date::today);
    if format == ScanFormat::Csv && args.output.is_none() {
        writeln!(
            err,
            "error: --format csv writes one file per table: give a directory with -o DIR"
        )?;
        return Ok(EXIT_INVALID);
    }
    let Some((policy, graph, load_warnings)) =
        load_with_policy(args.policy.as_deref(), &args.inputs, err)?
    else {
        return Ok(EXIT_INVALID);
    };
    let Some(scope) = country_scope(&args.countries, &[graph.inventory()], err)? else {
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
    let a = timing::phase("analyses and policy", || {
        pool.install(|| assess_scope(&graph, &policy, today, load_warnings, scope))
    });
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let deny = a.has_deny();
    let r = timing::phase("report model", || report::ScanReport::new(&a));
    if format == ScanFormat::Html {
        // The page draws each operator's diagram from the assessment: rendered before it
        // is freed.
        let page = super::html::html_report(&a, r, &args.inputs, today, &pool);
        emit(args.output.as_deref(), &page, out)?;
        return Ok(if deny { EXIT_FINDINGS } else { EXIT_OK });
    }
    // The report holds every figure it prints: free the assessment and the graph before
    // rendering (on hostile inputs they weigh several times the input).
    timing::phase("free the analyses", || drop(a));
    timing::phase("free the graph", || drop(graph));
    let output = args.output.as_deref();
    match format {
        ScanFormat::Json => timing::phase("write", || {
            emit_with(output, out, |w| report::write_json(&r, w))
        })?,
        ScanFormat::Table => emit(output, &render_for(output, || report::scan_table(&r)), out)?,
        ScanFormat::Markdown => emit(output, &report::markdown(&r), out)?,
        // Written above.
        ScanFormat::Html => {}
        ScanFormat::Csv => {
            let dir = output.expect("checked above");
            let tables = report::csv_tables(&r);
            write_tables(dir, &tables)
                .with_context(|| format!("failed to write CSV files into {}", dir.display()))?;
            if !quiet() {
                writeln!(
                    err,
                    "wrote {} CSV files into {}",
                    tables.len(),
                    dir.display()
                )?;
            }
        }
    }
    Ok(if deny { EXIT_FINDINGS } else { EXIT_OK })
}

/// Writes every table into `dir`, swapped in whole: the old tables or the new ones, never a
/// mix.
fn write_tables(dir: &Path, tables: &[report::CsvTable]) -> std::io::Result<()> {
    write_dir_atomic(dir, tables.iter().map(|(n, b)| (*n, b.as_slice())))
}
