//! Writes an inventory as the four CSV tables, for the benchmark of CSV against JSON input
//! (`scripts/bench-eu.sh`): the same inventory, in the other format, through the one
//! `vendorgraph/1` writer (`export::write_csv_dir`).
//!
//! ```sh
//! cargo run --release --example to_csv -- IN_DIR OUT_DIR
//! ```
#![expect(
    clippy::disallowed_macros,
    reason = "a command-line tool prints its errors"
)]

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [input, out] = args.as_slice() else {
        return Err("usage: to_csv IN_DIR OUT_DIR".into());
    };
    let loaded = vendorgraph::load::load(std::slice::from_ref(input));
    let Some(inv) = loaded.inventory else {
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        return Err("the input is not valid".into());
    };
    std::fs::create_dir_all(out)?;
    vendorgraph::export::write_csv_dir(&inv, out)?;
    Ok(())
}
