//! `vendorgraph generate`: writes a synthetic EU inventory into a directory.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

use anyhow::Result;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use vendorgraph::generate::{self, GenerateError, Params};

use super::common::{EXIT_INVALID, EXIT_OK};

/// The arguments of `vendorgraph generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Countries: the first N EU member states by population (DE, FR, IT, ES, PL, ...),
    /// 1 to 27.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    countries: u16,
    /// Operators per country.
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..))]
    operators: u32,
    /// Radio sites per operator (each an eNB and a gNB).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
    sites: u32,
    /// Seed: the same arguments give byte-identical files.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output directory, created if missing.
    #[arg(short = 'o', long = "output", value_name = "DIR", required = true)]
    output: PathBuf,
    /// Write into a non-empty directory: replace its `*.json` and table CSV files, keep
    /// the others.
    #[arg(long)]
    force: bool,
}

/// Runs `vendorgraph generate`.
///
/// # Errors
/// An I/O error writing the inventory or the messages.
pub fn run(args: GenerateArgs, _out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let params = Params {
        countries: usize::from(args.countries),
        operators: args.operators as usize,
        sites: args.sites as usize,
        seed: args.seed,
    };
    if let Err(e) = params.check() {
        writeln!(err, "error: {e}")?;
        return Ok(EXIT_INVALID);
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(params.site_count());
        bar.set_style(
            ProgressStyle::with_template(
                "generating {bar:40} {human_pos}/{human_len} sites {elapsed}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let started = Instant::now();
    // The bar is drawn on this thread only: a rayon worker that drew it would wait forever
    // whenever the caller holds the lock of standard error (as `main` once did). Workers
    // send their progress here; the loop ends when the generating thread drops its sender.
    let (tx, rx) = mpsc::channel::<u64>();
    let result = thread::scope(|s| {
        let worker = s.spawn(|| {
            let tx = tx;
            generate::generate(&params, &args.output, args.force, &|sites| {
                let _ = tx.send(sites);
            })
        });
        for sites in rx {
            bar.inc(sites);
        }
        worker.join()
    })
    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    bar.finish_and_clear();
    match result {
        Ok(s) => {
            writeln!(
                err,
                "wrote {} files ({} bytes) into {} in {:.1} s: {} countries, {} operators, {} sites, {} suppliers, {} assets, {} links",
                s.files,
                s.bytes,
                args.output.display(),
                started.elapsed().as_secs_f64(),
                params.countries,
                s.operators,
                s.sites,
                s.suppliers,
                s.assets,
                s.links
            )?;
            Ok(EXIT_OK)
        }
        Err(e @ (GenerateError::Params(_) | GenerateError::NotEmpty(_))) => {
            writeln!(err, "error: {e}")?;
            Ok(EXIT_INVALID)
        }
        Err(e) => Err(anyhow::Error::new(e)),
    }
}
