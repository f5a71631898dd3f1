//! The parse floor of an inventory: the time to read every `*.json` file of the given
//! directories (or the given files) and parse it with serde_json into
//! `serde::de::IgnoredAny`, which checks the syntax and builds nothing.
//!
//! No loader can be faster than this, so `scripts/bench-eu.sh` compares `scan` with it.
//!
//! ```sh
//! cargo run --release --example parse_floor -- DIR...
//! ```
//!
//! Prints one line of `key=value` pairs: the files, their bytes, the seconds to read them,
//! to parse them one after the other (`parse_s`, the floor), and to parse them in parallel
//! over the files (`parse_parallel_s`, for reference).
#![expect(
    clippy::disallowed_macros,
    reason = "a measuring program prints its results"
)]

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use serde::de::IgnoredAny;

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

    let started = Instant::now();
    let texts: Vec<Vec<u8>> = files.iter().map(std::fs::read).collect::<Result<_, _>>()?;
    let read_s = started.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(Vec::len).sum();

    let started = Instant::now();
    for t in &texts {
        let _: IgnoredAny = serde_json::from_slice(t)?;
    }
    let parse_s = started.elapsed().as_secs_f64();

    let started = Instant::now();
    texts
        .par_iter()
        .try_for_each(|t| serde_json::from_slice::<IgnoredAny>(t).map(|_| ()))?;
    let parse_parallel_s = started.elapsed().as_secs_f64();

    println!(
        "files={} bytes={bytes} read_s={read_s:.3} parse_s={parse_s:.3} parse_parallel_s={parse_parallel_s:.3}",
        files.len()
    );
    Ok(())
}
