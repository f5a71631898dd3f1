//! The command line: clap structures and the dispatch of each command.
//!
//! The only module that knows clap; the library below it never prints.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};

use vendorgraph::load::load;
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
    }
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
