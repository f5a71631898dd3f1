//! `vendorgraph explain`: why one asset is exposed, what it depends on, what depends on it.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use vendorgraph::assess::assess_asset;
use vendorgraph::report;

use super::common::{EXIT_INVALID, EXIT_OK, SummaryFormat, load_with_policy, unknown_asset};

/// The arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Inventory files or directories, then the asset id (last).
    #[arg(required = true, num_args = 2.., value_name = "INPUT... ASSET")]
    pub args: Vec<String>,
    /// Policy file (TOML), for key domains and high-risk designations.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    pub format: Option<SummaryFormat>,
}

/// Runs `explain`.
pub fn run(args: ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let mut rest = args.args;
    let asset = rest.pop().unwrap_or_default();
    let inputs: Vec<PathBuf> = rest.into_iter().map(PathBuf::from).collect();
    explain(
        &inputs,
        &asset,
        args.policy.as_deref(),
        super::common::summary_format(args.format),
        out,
        err,
    )
}

fn explain(
    inputs: &[PathBuf],
    asset: &str,
    policy: Option<&Path>,
    format: SummaryFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let Some((policy, graph, _)) = load_with_policy(policy, inputs, err)? else {
        return Ok(EXIT_INVALID);
    };
    let inv = graph.inventory();
    let Some(a) = inv.asset_ix(asset) else {
        writeln!(err, "error: {}", unknown_asset(inv, asset))?;
        return Ok(EXIT_INVALID);
    };
    let r = report::ExplainReport::new(&assess_asset(&graph, &policy, a));
    let rendered = match format {
        SummaryFormat::Json => report::explain_json(&r)?,
        SummaryFormat::Table => super::common::render_for(None, || report::explain_text(&r)),
    };
    out.write_all(rendered.as_bytes())?;
    Ok(EXIT_OK)
}
