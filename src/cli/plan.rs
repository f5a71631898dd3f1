//! `vendorgraph plan`: runs a scenario and shows every figure after each step beside the
//! baseline.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use vendorgraph::diagnostics::Diagnostic;
use vendorgraph::export::{csv_tables, to_xlsx, write_csv};
use vendorgraph::output::Outputs;
use vendorgraph::policy::Date;
use vendorgraph::report::model::{Figures, PlanReport};
use vendorgraph::scenario::{self, Scenario};

use super::common::{EXIT_INVALID, EXIT_OK, country_scope, load_with_policy, quiet, render_for};

/// The arguments of `vendorgraph plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Inventory files or directories (`-` reads one JSON document from standard input).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[arg(long, value_name = "FILE", required = true, help = scenario_help())]
    scenario: PathBuf,
    /// Policy file (TOML); without it the built-in default policy (EU toolbox) applies.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    format: Option<PlanFormat>,
    /// Write the result to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    output: Option<PathBuf>,
    /// Write the inventory after the last step into this directory (created if missing),
    /// so that scan, explain or diagram can run on it: `inventory.json`, or with
    /// `--emit-format csv` the four CSV tables.
    #[arg(long, value_name = "DIR")]
    emit: Option<PathBuf>,
    /// The format `--emit` writes (`vendorgraph/1` in each).
    #[arg(long, value_enum, default_value_t = EmitFormat::Json, requires = "emit")]
    emit_format: EmitFormat,
    /// Only this country's operators and national figures (ISO code; repeat for several);
    /// the scope `all` only without it. The steps still apply to the whole inventory.
    #[arg(long = "country", value_name = "CC")]
    countries: Vec<String>,
    /// The date exemptions are judged against (YYYY-MM-DD) [default: today, UTC].
    #[arg(long, value_name = "DATE", value_parser = super::common::parse_date)]
    as_of: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum PlanFormat {
    /// Terminal tables: each step's figures beside the baseline (the default on a terminal).
    Table,
    /// The `vendorgraph-plan/1` document, for programs (the default otherwise).
    Json,
    /// A document to hand on.
    Markdown,
}

/// What `--emit` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EmitFormat {
    /// `inventory.json`, one row per line.
    Json,
    /// `suppliers.csv`, `operators.csv`, `assets.csv` and `links.csv`.
    Csv,
    /// `inventory.xlsx`, a workbook with one sheet per table.
    Xlsx,
}

/// The files `--emit` writes in its directory: (name, content).
fn emit_files(plan: &PlanReport, format: EmitFormat) -> Result<Vec<(String, Vec<u8>)>> {
    match format {
        EmitFormat::Json => Ok(vec![(
            EMIT_FILE.to_owned(),
            plan.emit_inventory().into_bytes(),
        )]),
        EmitFormat::Csv => csv_tables(&plan.inventory)
            .map(|t| {
                let mut bytes = Vec::new();
                write_csv(&plan.inventory, t, &mut bytes)?;
                Ok((t.csv_file_name(), bytes))
            })
            .collect(),
        EmitFormat::Xlsx => Ok(vec![(
            EMIT_WORKBOOK.to_owned(),
            to_xlsx(&plan.inventory).context("failed to write the workbook")?,
        )]),
    }
}

/// The help of `--scenario`: the steps come from the registry.
fn scenario_help() -> String {
    format!(
        "The scenario (JSON): a name and the steps {} (docs/scenarios.md)",
        scenario::kind_list()
    )
}

/// The file `--emit` writes in its directory.
pub const EMIT_FILE: &str = "inventory.json";

/// The file `--emit --emit-format xlsx` writes in its directory.
pub const EMIT_WORKBOOK: &str = "inventory.xlsx";

fn print_errors(errors: &[Diagnostic], err: &mut dyn Write) -> Result<()> {
    for e in errors {
        writeln!(err, "{e}")?;
    }
    writeln!(err, "{} error(s) in the scenario", errors.len())?;
    Ok(())
}

/// Runs `vendorgraph plan`.
///
/// # Errors
/// An I/O error writing the result, the emitted inventory or the messages.
pub fn run(args: PlanArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let today = args.as_of.unwrap_or_else(Date::today);
    let name = args.scenario.display().to_string();
    let text = match std::fs::read_to_string(&args.scenario) {
        Ok(t) => t,
        Err(e) => {
            writeln!(
                err,
                "error[io]: failed to read the scenario: {e}\n  --> {name}"
            )?;
            return Ok(EXIT_INVALID);
        }
    };
    let scenario = match Scenario::parse(&name, &text) {
        Ok(s) => s,
        Err(errors) => {
            print_errors(&errors, err)?;
            return Ok(EXIT_INVALID);
        }
    };
    let Some((policy, graph, _)) = load_with_policy(args.policy.as_deref(), &args.inputs, err)?
    else {
        return Ok(EXIT_INVALID);
    };
    let Some(scope) = country_scope(&args.countries, &[graph.inventory()], err)? else {
        return Ok(EXIT_INVALID);
    };
    let inventory = graph.into_inventory();
    let plan =
        match scenario::run_plan_in(inventory, &scenario, &policy, today, &scope, Figures::of) {
            Ok(run) => PlanReport::new(run),
            Err(errors) => {
                print_errors(&errors, err)?;
                return Ok(EXIT_INVALID);
            }
        };
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        PlanFormat::Table
    } else {
        PlanFormat::Json
    });
    let rendered = match format {
        PlanFormat::Json => {
            let mut s = serde_json::to_string_pretty(&plan)?;
            s.push('\n');
            s
        }
        PlanFormat::Table => render_for(args.output.as_deref(), || {
            vendorgraph::report::plan_table(&plan)
        }),
        PlanFormat::Markdown => vendorgraph::report::plan_markdown(&plan),
    };
    // Nothing is written until every output is ready.
    let mut outputs = Outputs::new();
    if let Some(dir) = &args.emit {
        let files = emit_files(&plan, args.emit_format)?;
        let failed = || format!("failed to write {}", dir.display());
        if dir.exists() {
            // Beside whatever else the directory holds.
            for (name, bytes) in &files {
                outputs.file(&dir.join(name), bytes).with_context(failed)?;
            }
        } else {
            let files = files.iter().map(|(n, b)| (n.as_str(), b.as_slice()));
            outputs.dir(dir, files).with_context(failed)?;
        }
    }
    if let Some(p) = &args.output {
        outputs
            .file(p, rendered.as_bytes())
            .with_context(|| format!("failed to write {}", p.display()))?;
    }
    outputs.commit().context("failed to write the outputs")?;
    if let Some(dir) = &args.emit {
        let what = match args.emit_format {
            EmitFormat::Json => dir.join(EMIT_FILE).display().to_string(),
            EmitFormat::Xlsx => dir.join(EMIT_WORKBOOK).display().to_string(),
            EmitFormat::Csv => format!("{} (CSV tables)", dir.display()),
        };
        if !quiet() {
            writeln!(
                err,
                "wrote the inventory after step {} to {what}",
                plan.steps.len(),
            )?;
        }
    }
    if args.output.is_none() {
        out.write_all(rendered.as_bytes())?;
    }
    Ok(EXIT_OK)
}
