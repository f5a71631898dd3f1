//! `vendorgraph import nrm|netbox`: an operator's export to a `vendorgraph/1` inventory.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use vendorgraph::diagnostics::{Code, Diagnostic, Location};
use vendorgraph::import::{ImportMap, Imported, summary_text, validate_json};
use vendorgraph::output::write_dir_atomic;
use vendorgraph::report::render_diagnostics;

use super::common::{EXIT_INVALID, EXIT_OK};

/// The file `import` writes in its output directory.
pub const INVENTORY_FILE: &str = "inventory.json";

/// The arguments of `vendorgraph import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    format: Format,
}

#[derive(Debug, Subcommand)]
enum Format {
    /// 3GPP Network Resource Model exports: Bulk CM XML or NRM JSON.
    ///
    /// Bulk CM `configData` (TS 32.615) or the JSON of the provisioning service (TS 28.532),
    /// with the classes of TS 28.541 and TS 28.623. The mapping: docs/import-nrm.md.
    Nrm(CommonArgs),
    /// NetBox exports: REST API results or dumpdata JSON.
    ///
    /// The `results` of devices, virtual machines, circuits and cables as pynetbox or curl
    /// save them, or `manage.py dumpdata`. The map is required: roles to functions and
    /// tenants to operators are each site's own. The mapping: docs/import-netbox.md.
    Netbox(NetboxArgs),
}

/// What both importers take.
#[derive(Debug, Args)]
struct CommonArgs {
    /// Export files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Import map (TOML): vendor names to suppliers, SubNetworks or tenants to operators,
    /// roles to functions. Without it, the built-in vendors and mobile country codes.
    #[arg(long, value_name = "MAP.toml")]
    map: Option<PathBuf>,
    /// Output directory: receives `inventory.json` (created, or replaced whole).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        required_unless_present = "dry_run"
    )]
    output: Option<PathBuf>,
    /// Print what would be imported and what would be skipped, by class or model; write
    /// nothing.
    #[arg(long)]
    dry_run: bool,
}

/// What `import netbox` takes: the same, with the map required.
#[derive(Debug, Args)]
struct NetboxArgs {
    /// Export files.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Import map (TOML): device roles and tags to functions, manufacturers, platforms,
    /// cluster types and circuit providers to suppliers, tenants to operators.
    #[arg(long, value_name = "MAP.toml", required = true)]
    map: PathBuf,
    /// Output directory: receives `inventory.json` (created, or replaced whole).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        required_unless_present = "dry_run"
    )]
    output: Option<PathBuf>,
    /// Print what would be imported and what would be skipped, by model; write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Runs `vendorgraph import`.
///
/// # Errors
/// An I/O error writing the inventory or the messages.
pub fn run(args: ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    match args.format {
        Format::Nrm(a) => import("nrm", &a, out, err),
        Format::Netbox(a) => {
            let a = CommonArgs {
                files: a.files,
                map: Some(a.map),
                output: a.output,
                dry_run: a.dry_run,
            };
            import("netbox", &a, out, err)
        }
    }
}

fn import(kind: &str, a: &CommonArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let (map, mut diags) = read_map(a.map.as_deref());
    let (files, read_diags) = read_files(&a.files);
    diags.extend(read_diags);
    let Some(map) = map.filter(|_| diags.is_empty()) else {
        write!(err, "{}", render_diagnostics(&diags))?;
        return Ok(EXIT_INVALID);
    };
    let imp: Imported = match kind {
        "nrm" => vendorgraph::import::nrm::import(&files, &map),
        _ => vendorgraph::import::netbox::import(&files, &map),
    };
    let mut diags = imp.diagnostics.clone();
    if imp.has_errors() {
        vendorgraph::diagnostics::sort(&mut diags);
        write!(err, "{}", render_diagnostics(&diags))?;
        writeln!(err, "nothing imported: fix the errors above")?;
        return Ok(EXIT_INVALID);
    }
    let name = match &a.output {
        Some(dir) => dir.join(INVENTORY_FILE).display().to_string(),
        None => INVENTORY_FILE.to_owned(),
    };
    let text = imp.to_json();
    let (inventory, checked) = validate_json(&name, text.clone());
    diags.extend(checked);
    vendorgraph::diagnostics::sort(&mut diags);
    write!(err, "{}", render_diagnostics(&diags))?;
    if inventory.is_none() {
        writeln!(
            err,
            "nothing imported: the inventory made does not validate (errors above)"
        )?;
        return Ok(EXIT_INVALID);
    }
    let verb = if a.dry_run {
        "would import"
    } else {
        "imported"
    };
    let summary = summary_text(kind, files.len(), verb, imp.counts(), &imp.tally);
    match &a.output {
        Some(dir) if !a.dry_run => {
            write_dir_atomic(dir, [(INVENTORY_FILE, text.as_bytes())])
                .with_context(|| format!("failed to write {}", dir.display()))?;
            write!(err, "{summary}")?;
            writeln!(err, "wrote {name}")?;
        }
        _ => write!(out, "{summary}")?,
    }
    Ok(EXIT_OK)
}

/// The map given, or the built-in vendors; a map's problems as diagnostics.
fn read_map(path: Option<&Path>) -> (Option<ImportMap>, Vec<Diagnostic>) {
    let Some(path) = path else {
        return (Some(ImportMap::built_in()), Vec::new());
    };
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => ImportMap::parse(&name, &text),
        Err(e) => (
            None,
            vec![io_error(
                &name,
                &format!("failed to read the import map: {e}"),
            )],
        ),
    }
}

/// Every file's text (a BOM removed); a diagnostic for each that cannot be read.
fn read_files(paths: &[PathBuf]) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        match std::fs::read(p) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
                    files.push((name, text));
                }
                Err(_) => diags.push(Diagnostic::new(
                    Code::InvalidUtf8,
                    "file is not valid UTF-8",
                    Some(Location {
                        file: name,
                        ..Location::default()
                    }),
                )),
            },
            Err(e) => diags.push(io_error(&name, &format!("failed to read: {e}"))),
        }
    }
    (files, diags)
}

fn io_error(file: &str, message: &str) -> Diagnostic {
    let location = Location {
        file: file.to_owned(),
        ..Location::default()
    };
    Diagnostic::new(Code::Io, message, Some(location))
}
