//! `vendorgraph template`: writes the questionnaire a regulator sends to operators.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use vendorgraph::load::load;
use vendorgraph::output::{write_atomic, write_dir_atomic};
use vendorgraph::report;
use vendorgraph::template;

use super::common::{EXIT_INVALID, EXIT_OK};

/// The form of the questionnaire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// One workbook (`.xlsx`): an explanations sheet, one sheet per table.
    Xlsx,
    /// A directory of CSV files, one per table, and `README.csv`.
    Csv,
}

/// The arguments of `vendorgraph template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Pre-fill the questionnaire with these inventories (last year's answers) instead of
    /// the example rows.
    #[arg(long = "from", value_name = "INPUT", num_args = 1..)]
    from: Vec<PathBuf>,
    /// The workbook to write (`FILE.xlsx`), or with `--format csv` the directory.
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    output: PathBuf,
    /// The form: a workbook, or CSV files in a directory.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Xlsx)]
    format: TemplateFormat,
}

/// Runs `vendorgraph template`.
///
/// # Errors
/// An I/O error writing the messages.
pub fn run(args: TemplateArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let shown = args.output.display();
    let loaded = (!args.from.is_empty()).then(|| load(&args.from));
    if let Some(l) = &loaded {
        write!(err, "{}", report::render_diagnostics(&l.diagnostics))?;
        if l.inventory.is_none() {
            writeln!(err, "invalid: fix the errors above")?;
            return Ok(EXIT_INVALID);
        }
    }
    let prefill = loaded.as_ref().and_then(|l| l.inventory.as_ref());
    let written = match args.format {
        TemplateFormat::Xlsx => {
            let lower = args.output.to_string_lossy().to_ascii_lowercase();
            if !lower.ends_with(".xlsx") {
                writeln!(
                    err,
                    "error: the workbook must be named *.xlsx (got {shown}); for CSV files give --format csv"
                )?;
                return Ok(EXIT_INVALID);
            }
            template::template_xlsx(prefill).and_then(|bytes| write_atomic(&args.output, &bytes))
        }
        TemplateFormat::Csv => template::template_csv(prefill).and_then(|files| {
            write_dir_atomic(
                &args.output,
                files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
            )
        }),
    };
    match written {
        Ok(()) => {
            writeln!(out, "wrote the questionnaire to {shown}").context("writing the message")?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "error: failed to write {shown}: {e}")?;
            Ok(EXIT_INVALID)
        }
    }
}
