//! `vendorgraph schema`: prints the JSON Schema of the inventory format, for editors.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use vendorgraph::output::write_atomic;
use vendorgraph::schema::inventory_schema;

use super::common::{EXIT_INVALID, EXIT_OK};

/// The arguments of `vendorgraph schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs `vendorgraph schema`.
///
/// # Errors
/// An I/O error writing the schema or a message.
pub fn run(args: SchemaArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let mut text = serde_json::to_string_pretty(&inventory_schema())?;
    text.push('\n');
    let Some(path) = args.output else {
        out.write_all(text.as_bytes())?;
        return Ok(EXIT_OK);
    };
    match write_atomic(&path, text.as_bytes()) {
        Ok(()) => Ok(EXIT_OK),
        Err(e) => {
            writeln!(err, "error: failed to write {}: {e}", path.display())?;
            Ok(EXIT_INVALID)
        }
    }
}
