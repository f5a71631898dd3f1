//! `vendorgraph completions SHELL` and `vendorgraph man`: generated from the clap definition,
//! so that they never disagree with `--help`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::common::{EXIT_INVALID, EXIT_OK};

/// The arguments of `vendorgraph completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

/// The arguments of `vendorgraph man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per command into this directory instead (`vendorgraph.1`,
    /// `vendorgraph-scan.1`, `vendorgraph-import-nrm.1`, ...), creating it when missing;
    /// other files there are left alone.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

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
/// what it does (`vendorgraph COMMAND --help` has each command's options). With `--dir`,
/// writes one page per command instead, every page replaced only once all are ready.
///
/// # Errors
/// An I/O error writing the page or a message.
pub fn man(args: &ManArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(super::Args::command()).render(&mut page)?;
        out.write_all(&page)?;
        return Ok(EXIT_OK);
    };
    let pages = man_pages()?;
    if let Err(e) = write_pages(dir, &pages) {
        writeln!(
            err,
            "error: failed to write the man pages to {}: {e}",
            dir.display()
        )?;
        return Ok(EXIT_INVALID);
    }
    Ok(EXIT_OK)
}

/// One page per command, the main one first, each as (file name, roff): the subcommands'
/// pages are named after their path (`vendorgraph-import-nrm.1`), as `clap_mangen` names
/// them. Hidden commands and `help` have none.
fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        // Every page names the program and its version, as the main page does.
        let man = clap_mangen::Man::new(cmd.clone())
            .source(format!("vendorgraph {}", env!("CARGO_PKG_VERSION")));
        let mut page = Vec::new();
        man.render(&mut page)?;
        pages.push((man.get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, pages)?;
        }
        Ok(())
    }
    let mut cmd = super::Args::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &mut pages)?;
    Ok(pages)
}

/// Writes the pages into `dir` (created when missing), each page whole or not at all.
fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut outputs = vendorgraph::output::Outputs::new();
    for (name, page) in pages {
        outputs.file(&dir.join(name), page)?;
    }
    outputs.commit()
}
