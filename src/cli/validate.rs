//! `vendorgraph validate`: load, check, and print every error and warning, located.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use vendorgraph::load::load;
use vendorgraph::report;

use super::common::{EXIT_INVALID, EXIT_OK, SummaryFormat};

/// The arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Inventory files or directories (`-` reads one JSON document from standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    pub format: Option<SummaryFormat>,
}

/// Runs `validate`.
pub fn run(args: ValidateArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    validate(
        &args.inputs,
        super::common::summary_format(args.format),
        out,
        err,
    )
}

fn validate(
    inputs: &[PathBuf],
    format: SummaryFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let loaded = load(inputs);
    let r = report::ValidateReport::new(&loaded);
    let valid = r.valid;
    match format {
        SummaryFormat::Json => out.write_all(report::validate_json(&r)?.as_bytes())?,
        SummaryFormat::Table => {
            let text = super::common::render_for(None, || report::validate_text(&r));
            write!(out, "{text}")?;
            super::common::print_diagnostics(&loaded.diagnostics, err)?;
            if valid {
                writeln!(out, "valid: {} file(s), {} bytes", r.files.len(), r.bytes)?;
            } else {
                writeln!(err, "invalid: fix the errors above")?;
            }
        }
    }
    Ok(if valid { EXIT_OK } else { EXIT_INVALID })
}
