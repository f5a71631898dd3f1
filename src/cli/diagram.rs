//! `vendorgraph diagram`: draws an operator's or a country's supply-chain dependencies
//! as a Graphviz diagram (DOT, or SVG and PNG through Graphviz's `dot`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::{ArgGroup, Args, ValueEnum};

use vendorgraph::analysis::Scope;
use vendorgraph::assess::assess_scope;
use vendorgraph::graph::SupplyGraph;
use vendorgraph::model::Inventory;
use vendorgraph::output::write_atomic;
use vendorgraph::policy::{Date, Policy};
use vendorgraph::report::dot::{self, Collapse, Diagram, DiagramOptions};
use vendorgraph::sanitize::escape_controls;

use super::common::{EXIT_INVALID, EXIT_OK, load_with_policy};
use super::graphviz::{ImageFormat, render};

/// Above this many nodes, Graphviz takes long enough to be worth a word.
const SLOW_NODES: usize = 1000;

/// The arguments of `vendorgraph diagram`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("view").required(true).args(["operator", "country"])))]
pub struct DiagramArgs {
    /// Inventory files or directories (`-` reads one JSON document from standard input).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Draw one operator: its assets by domain, their links and suppliers.
    #[arg(long, value_name = "ID")]
    operator: Option<String>,
    /// Draw one country: its operators and, per domain, their suppliers (ISO code, e.g. DE;
    /// `all` for every operator together).
    #[arg(long, value_name = "CC")]
    country: Option<String>,
    /// Output format [default: from the extension of -o (.svg, .png), else dot].
    #[arg(long, value_enum)]
    format: Option<DiagramFormat>,
    /// Write the diagram to this file (`-` for standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    output: PathBuf,
    /// Colour what fails when this supplier fails (its down set); in a country view,
    /// each operator's outage.
    #[arg(long, value_name = "ID")]
    highlight_supplier: Option<String>,
    /// Mark the operator's critical assets: those whose failure alone takes down at least
    /// the policy's `critical_min_impact` of its service (with --operator).
    #[arg(long, conflicts_with = "country")]
    highlight_critical: bool,
    /// Draw the exposure path of this asset: its shortest control path to a high-risk
    /// supplier (with --operator).
    #[arg(long, value_name = "ASSET", conflicts_with = "country")]
    path: Option<String>,
    /// Collapse the RAN and transport layers into one node per (function, supplier,
    /// region) [default: when the operator's per-site layers would draw too wide].
    #[arg(long, conflicts_with = "no_collapse")]
    collapse: bool,
    /// Draw every asset: never collapse the RAN and transport layers.
    #[arg(long)]
    no_collapse: bool,
    /// Policy file (TOML), for key domains and high-risk designations.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DiagramFormat {
    /// Graphviz source; needs no Graphviz.
    Dot,
    /// Scalable vector graphics, rendered by Graphviz's `dot`.
    Svg,
    /// A bitmap, rendered by Graphviz's `dot`.
    Png,
}

/// Runs `vendorgraph diagram`.
///
/// # Errors
/// An I/O error writing the diagram or a message.
pub fn run(args: DiagramArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let Some(format) = pick_format(args.format, &args.output) else {
        writeln!(
            err,
            "error: cannot tell the format from \"{}\": give --format dot, svg or png",
            args.output.display()
        )?;
        return Ok(EXIT_INVALID);
    };
    let Some((policy, graph, _)) = load_with_policy(args.policy.as_deref(), &args.inputs, err)?
    else {
        return Ok(EXIT_INVALID);
    };
    let diagram = match draw(&args, &graph, &policy) {
        Ok(d) => d,
        Err(message) => {
            writeln!(err, "error: {}", escape_controls(&message))?;
            return Ok(EXIT_INVALID);
        }
    };
    for note in &diagram.notes {
        writeln!(err, "note: {}", escape_controls(note))?;
    }
    let text = diagram.to_dot();
    let bytes = match format {
        DiagramFormat::Dot => text.into_bytes(),
        DiagramFormat::Svg | DiagramFormat::Png => {
            if diagram.nodes > SLOW_NODES {
                writeln!(
                    err,
                    "note: {} nodes: Graphviz may take minutes{}",
                    diagram.nodes,
                    if args.no_collapse {
                        "; leave out --no-collapse for a collapsed view"
                    } else {
                        ""
                    }
                )?;
            }
            let image = if format == DiagramFormat::Svg {
                ImageFormat::Svg
            } else {
                ImageFormat::Png
            };
            match render(&text, image) {
                Ok(b) => b,
                Err(e) => {
                    writeln!(err, "error: {}", chain(&e))?;
                    return Ok(EXIT_INVALID);
                }
            }
        }
    };
    if args.output == Path::new("-") {
        out.write_all(&bytes)?;
    } else {
        write_atomic(&args.output, &bytes)
            .with_context(|| format!("failed to write {}", args.output.display()))?;
        writeln!(
            err,
            "wrote {}: {} nodes, {} edges{}",
            args.output.display(),
            diagram.nodes,
            diagram.edges,
            if diagram.collapsed {
                " (collapsed; --no-collapse draws every asset)"
            } else {
                ""
            }
        )?;
    }
    Ok(EXIT_OK)
}

/// Resolves the ids given, assesses what the view needs (one operator, or one country)
/// and draws it; the error is a message for standard error.
fn draw(args: &DiagramArgs, graph: &SupplyGraph, policy: &Policy) -> Result<Diagram, String> {
    let inv = graph.inventory();
    let mut options = DiagramOptions {
        collapse: if args.no_collapse {
            Collapse::Never
        } else if args.collapse {
            Collapse::Always
        } else {
            Collapse::Auto
        },
        highlight_critical: args.highlight_critical,
        ..DiagramOptions::default()
    };
    if let Some(id) = &args.highlight_supplier {
        let Some(s) = inv.supplier_ix(id) else {
            let known: Vec<&str> = inv.suppliers.iter().map(|s| &*s.id).collect();
            return Err(format!(
                "no supplier \"{id}\" in the inventory{}",
                listing(&known)
            ));
        };
        options.highlight_supplier = Some(s);
    }
    // The diagram shows no finding, so the date exemptions are judged against is moot.
    let assess = |scope| assess_scope(graph, policy, Date::today(), Vec::new(), scope);
    if let Some(id) = &args.operator {
        let Some(o) = inv.operator_ix(id) else {
            let known: Vec<&str> = inv.operators.iter().map(|o| &*o.id).collect();
            return Err(format!(
                "no operator \"{id}\" in the inventory{}",
                listing(&known)
            ));
        };
        let asked = match &args.path {
            Some(asset) => Some(resolve_asset(inv, asset, o)?),
            None => None,
        };
        let a = assess(Scope::Operator(o));
        options.down = options.highlight_supplier.map(|s| a.down_set(&[s]));
        options.path = asked.map(|x| (x, a.exposure_path(x)));
        return Ok(dot::operator_view(&a, o, &options));
    }
    let code = args
        .country
        .as_deref()
        .unwrap_or_default()
        .to_ascii_uppercase();
    // `all`: every operator together, as the scan's scope `all`.
    let by_country = graph.operators_by_country();
    let scope = if code == "ALL" {
        Some(None)
    } else {
        by_country
            .keys()
            .find(|c| c.as_str() == code)
            .map(|&c| Some(c))
    };
    let Some(country) = scope else {
        let mut known: Vec<&str> = by_country.keys().map(|c| c.as_str()).collect();
        known.push("all");
        return Err(format!(
            "no operator in country \"{code}\" in the inventory{}",
            listing(&known)
        ));
    };
    let a = assess(Scope::Country(country));
    let name = country.map_or_else(|| "all".to_owned(), |c| c.to_string());
    Ok(dot::country_view(&a, &name, &options).expect("the country has operators"))
}

/// The format asked for, else the one the file name implies; `None` when the name
/// implies one we cannot write.
fn pick_format(given: Option<DiagramFormat>, output: &Path) -> Option<DiagramFormat> {
    if given.is_some() {
        return given;
    }
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => Some(DiagramFormat::Svg),
        Some("png") => Some(DiagramFormat::Png),
        Some("pdf" | "jpg" | "jpeg" | "gif" | "ps" | "eps" | "webp") => None,
        _ => Some(DiagramFormat::Dot),
    }
}

/// Finds the asset of a `--path`, which must belong to the operator drawn.
fn resolve_asset(
    inv: &Inventory,
    id: &str,
    o: vendorgraph::model::OperatorIx,
) -> Result<vendorgraph::model::AssetIx, String> {
    let Some(a) = inv.asset_ix(id) else {
        return Err(super::common::unknown_asset(inv, id));
    };
    let owner = inv.asset(a).operator;
    if owner != o {
        return Err(format!(
            "asset \"{id}\" belongs to operator \"{}\", not \"{}\": draw that operator",
            inv.operator(owner).id,
            inv.operator(o).id
        ));
    }
    Ok(a)
}

/// " (known: a, b, c)" for an error message, at most ten names.
fn listing(known: &[&str]) -> String {
    if known.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = known.iter().copied().take(10).collect();
    let more = if known.len() > shown.len() {
        format!(", and {} more", known.len() - shown.len())
    } else {
        String::new()
    };
    format!(" (known: {}{more})", shown.join(", "))
}

/// An error and its sources on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
