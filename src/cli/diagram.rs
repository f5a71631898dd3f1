//! `vendorgraph diagram`: draws an operator's or a country's supply-chain dependencies
//! as a Graphviz diagram (DOT, or SVG and PNG through Graphviz's `dot`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::{ArgGroup, Args, ValueEnum};

use vendorgraph::analysis;
use vendorgraph::model::Inventory;
use vendorgraph::output::write_atomic;
use vendorgraph::report::dot::{self, Collapse, DiagramOptions, ImageFormat};

use super::common::{EXIT_INVALID, EXIT_OK, load_with_policy};

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
    /// Draw the exposure path of this asset: its shortest control path to a high-risk
    /// supplier (with --operator).
    #[arg(long, value_name = "ASSET", conflicts_with = "country")]
    path: Option<String>,
    /// Draw every asset: do not collapse the RAN and transport layers of an operator with
    /// more than 200 assets into one node per (function, supplier, region).
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
    let inv = graph.inventory();
    let mut options = DiagramOptions {
        collapse: if args.no_collapse {
            Collapse::Never
        } else {
            Collapse::Auto
        },
        ..DiagramOptions::default()
    };
    if let Some(id) = &args.highlight_supplier {
        match inv.supplier_ix(id) {
            Some(s) => options.highlight_supplier = Some(s),
            None => {
                let known: Vec<&str> = inv.suppliers.iter().map(|s| &*s.id).collect();
                writeln!(
                    err,
                    "error: no supplier \"{id}\" in the inventory{}",
                    listing(&known)
                )?;
                return Ok(EXIT_INVALID);
            }
        }
    }
    let cx = analysis::Context::new(&graph, &policy.config);
    let diagram = if let Some(id) = &args.operator {
        let Some(o) = inv.operator_ix(id) else {
            let known: Vec<&str> = inv.operators.iter().map(|o| &*o.id).collect();
            writeln!(
                err,
                "error: no operator \"{id}\" in the inventory{}",
                listing(&known)
            )?;
            return Ok(EXIT_INVALID);
        };
        if let Some(asset) = &args.path {
            match resolve_asset(inv, asset, o) {
                Ok(a) => options.path = Some(a),
                Err(message) => {
                    writeln!(err, "error: {message}")?;
                    return Ok(EXIT_INVALID);
                }
            }
        }
        let lockin = analysis::LockinGroups::new(&graph);
        dot::operator_view(&cx, &lockin, o, &options)
    } else {
        let mut code = args
            .country
            .as_deref()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let mut countries: Vec<String> = graph
            .operators_by_country()
            .keys()
            .map(|c| c.to_string())
            .collect();
        // `all`: every operator together, as the scan's scope `all`.
        countries.push("all".to_owned());
        if code == "ALL" {
            code = "all".to_owned();
        }
        if !countries.contains(&code) {
            let known: Vec<&str> = countries.iter().map(String::as_str).collect();
            writeln!(
                err,
                "error: no operator in country \"{code}\" in the inventory{}",
                listing(&known)
            )?;
            return Ok(EXIT_INVALID);
        }
        let result = analysis::scan(&graph, &policy.config);
        dot::country_view(&cx, &result, &code, &options).expect("the country has operators")
    };
    for note in &diagram.notes {
        writeln!(err, "note: {note}")?;
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
            match dot::render(&text, image) {
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
