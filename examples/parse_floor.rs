//! The parse floor of an inventory, as issue 11 defines it: for each `*.json` file in turn,
//! read it, parse it with `serde_json::from_slice` into `serde::de::IgnoredAny` (which checks
//! the syntax and builds nothing), drop it; one file after the other on one thread; the best
//! of three runs (files already in the page cache after the first).
//!
//! No loader can be faster than this on one core, so `scripts/bench-eu.sh` reports `scan` and
//! `validate` as multiples of it.
//!
//! ```sh
//! cargo run --release --example parse_floor -- DIR...
//! ```
//!
//! Prints one line of `key=value` pairs: the files, their bytes, and `floor_s`, the best of
//! three runs, then each run's time (`runs_s`).
#![expect(
    clippy::disallowed_macros,
    reason = "a measuring program prints its results"
)]

use std::path::PathBuf;
use std::time::Instant;

use serde::de::IgnoredAny;

const RUNS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args_os().skip(1) {
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&path)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Err("usage: parse_floor DIR_OR_FILE... (no *.json file found)".into());
    }

    let mut runs = Vec::with_capacity(RUNS);
    let mut bytes = 0usize;
    for _ in 0..RUNS {
        bytes = 0;
        let started = Instant::now();
        for f in &files {
            // Read, parse, drop: one file's text at a time, as a streaming loader would.
            let text = std::fs::read(f)?;
            bytes += text.len();
            let _: IgnoredAny = serde_json::from_slice(&text)?;
        }
        runs.push(started.elapsed().as_secs_f64());
    }
    let floor_s = runs.iter().copied().fold(f64::INFINITY, f64::min);
    let runs_s: Vec<String> = runs.iter().map(|r| format!("{r:.3}")).collect();
    println!(
        "files={} bytes={bytes} floor_s={floor_s:.3} runs_s={}",
        files.len(),
        runs_s.join(",")
    );
    Ok(())
}
