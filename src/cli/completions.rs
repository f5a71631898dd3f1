//! `vendorgraph completions SHELL` and `vendorgraph man`: generated from the clap definition,
//! so that they never disagree with `--help`.

use std::io::Write;

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::common::EXIT_OK;

/// The arguments of `vendorgraph completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

/// The arguments of `vendorgraph man`.
#[derive(Debug, Args)]
pub struct ManArgs {}

/// Prints the completion script of a shell.
///
/// # Errors
/// An I/O error writing it.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<u8> {
    let mut cmd = super::Args::command();
    // Into memory first: clap_complete panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "vendorgraph", &mut script);
    out.write_all(&script)?;
    Ok(EXIT_OK)
}

/// Prints the man page (roff): the synopsis, the global options and every command with
/// what it does (`vendorgraph COMMAND --help` has each command's options).
///
/// # Errors
/// An I/O error writing it.
pub fn man(_: &ManArgs, out: &mut dyn Write) -> Result<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::Args::command()).render(&mut page)?;
    out.write_all(&page)?;
    Ok(EXIT_OK)
}
