//! The command line: clap structures and the dispatch of each command.
//!
//! The only module that knows clap; the library below it never prints.

//! One file per command, each with its `#[derive(Args)]` struct and its `run`; `common.rs`
//! holds what they share. Commands import `common`, never each other.

mod common;
mod completions;
mod diagram;
mod diff;
mod explain;
mod generate;
mod graphviz;
mod html;
mod import;
mod plan;
mod scan;
mod schema;
mod template;
mod validate;

use std::io::Write;

use anyhow::Result;
use clap::{Parser, Subcommand};

pub use common::{EXIT_INVALID, EXIT_OK};

/// Maps the supply chain of 5G networks and measures their dependency on suppliers
/// (EU coordinated risk assessment R4 and R5, EU 5G Toolbox).
#[derive(Debug, Parser)]
#[command(
    name = "vendorgraph",
    version,
    about,
    max_term_width = 100,
    after_help = DASH_IDS
)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// When to colour deny findings red: auto (on a terminal, unless NO_COLOR is set),
    /// always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = common::ColorWhen::Auto)]
    color: common::ColorWhen,
    /// Print only errors on standard error: no warnings, notes or progress.
    #[arg(long, short = 'q', global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check inventories: print what was loaded and every error and warning.
    ///
    /// Exit status: 0 valid, 2 invalid.
    Validate(validate::ValidateArgs),
    /// Run every analysis for every operator, country and all operators together, and
    /// apply the policy.
    ///
    /// Exit status: 0 no deny finding, 1 at least one deny finding, 2 bad input.
    Scan(scan::ScanArgs),
    /// Explain one asset: what it depends on and what depends on it, whether and how it is
    /// exposed to a high-risk supplier, its lock-in group, which suppliers' failure takes it
    /// down.
    ///
    /// Exit status: 0, or 2 for bad input or an unknown asset.
    Explain(explain::ExplainArgs),
    /// Draw a dependency diagram of one operator or one country with Graphviz (DOT, SVG or
    /// PNG).
    ///
    /// Exit status: 0, or 2 for bad input, an unknown id or a missing `dot` program.
    Diagram(diagram::DiagramArgs),
    /// Write a synthetic but realistic inventory of EU 5G networks into a directory: a
    /// supplier registry and one file per operator, for demos and benchmarks.
    ///
    /// Exit status: 0, or 2 for bad arguments or a non-empty output directory.
    Generate(generate::GenerateArgs),
    /// Run a scenario (supplier swaps, removals, additions, an NSA to SA migration) and show
    /// every figure after each step beside the baseline, with the forced co-replacements.
    ///
    /// Exit status: 0, or 2 for bad input or a scenario step that cannot be applied.
    Plan(plan::PlanArgs),
    /// Make an inventory from an operator's export (3GPP NRM or NetBox) through a map.
    ///
    /// 3GPP NRM: Bulk CM XML or NRM JSON. NetBox: REST API results or dumpdata.
    ///
    /// Exit status: 0, or 2 for a malformed export or map, an element without operator, or an
    /// inventory that does not validate.
    Import(import::ImportArgs),
    /// Compare two inventories (before and after): every figure before, after and the
    /// change; operators, suppliers and assets added or removed; findings new, resolved or
    /// kept.
    ///
    /// Exit status: 0, 1 when the after side has a deny finding the before side did not, 2
    /// bad input.
    Diff(diff::DiffArgs),
    /// Write the questionnaire a regulator sends to operators: a workbook with a sheet per
    /// table (drop-down lists, an example row) and a first sheet that explains every column,
    /// or the same as CSV files. Filled in, it loads as it is.
    ///
    /// Exit status: 0, or 2 when the file cannot be written.
    Template(template::TemplateArgs),
    /// Print the JSON Schema of the inventory format, for editors.
    ///
    /// An inventory whose `"$schema"` names the schema is checked as it is typed (JSON
    /// Schema draft 2020-12; docs/inventory-format.md).
    ///
    /// Exit status: 0, or 2 when the file cannot be written.
    Schema(schema::SchemaArgs),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh) on standard
    /// output, e.g. `vendorgraph completions bash > ~/.local/share/bash-completion/completions/vendorgraph`.
    ///
    /// Exit status: 0.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff) on standard output, or one page per command into `--dir`.
    ///
    /// `vendorgraph man > vendorgraph.1`, or `vendorgraph man --dir ~/.local/share/man/man1`
    /// for `vendorgraph.1`, `vendorgraph-scan.1`, `vendorgraph-import-nrm.1`, ...
    ///
    /// Exit status: 0, or 2 when a page cannot be written.
    Man(completions::ManArgs),
}

/// How to pass an id that starts with `-` (ids may), shown in the help.
const DASH_IDS: &str = "Ids that start with '-': pass one that stands alone after '--' \
(vendorgraph explain FILE -- -g),\nand an option's value with '=' (--operator=-op).";

/// Parses the process's command line. A usage error for an option given no value because
/// the next word starts with `-` says how to pass that word as the value.
///
/// # Errors
/// A usage error, or a request for help or the version.
pub fn parse() -> Result<Args, clap::Error> {
    let raw: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    Args::try_parse_from(&raw).map_err(|e| with_dash_tip(e, &raw))
}

/// Adds the tip `--operator=-op` to "a value is required for '--operator'" when the word
/// after the option starts with `-`.
fn with_dash_tip(mut e: clap::Error, raw: &[String]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::InvalidValue {
        return e;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return e;
    };
    let Some(flag) = arg.split(' ').next().filter(|f| f.starts_with("--")) else {
        return e;
    };
    let flag = flag.to_owned();
    let value = raw
        .iter()
        .position(|a| *a == flag)
        .and_then(|i| raw.get(i + 1))
        .filter(|v| v.starts_with('-'));
    if let Some(value) = value {
        let value = vendorgraph::sanitize::escape_controls(value);
        let tip = format!("to pass '{value}' as the value of '{flag}', use '{flag}={value}'");
        e.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![tip.into()]),
        );
    }
    e
}

/// Runs a parsed command line, writing results to `out` and diagnostics to `err`.
///
/// # Errors
/// An I/O error writing the output.
pub fn run(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    common::set_output_options(args.color, args.quiet);
    match args.command {
        Command::Validate(args) => validate::run(args, out, err),
        Command::Scan(args) => scan::run(args, out, err),
        Command::Explain(args) => explain::run(args, out, err),
        Command::Diagram(args) => diagram::run(args, out, err),
        Command::Generate(args) => generate::run(args, out, err),
        Command::Plan(args) => plan::run(args, out, err),
        Command::Import(args) => import::run(args, out, err),
        Command::Diff(args) => diff::run(args, out, err),
        Command::Template(args) => template::run(args, out, err),
        Command::Schema(args) => schema::run(args, out, err),
        Command::Completions(args) => completions::completions(&args, out),
        Command::Man(args) => completions::man(&args, out, err),
    }
}
