//! Phase timings for profiling: with `VENDORGRAPH_TIMINGS` set in the environment, each
//! phase of a run prints its wall time and the process's memory on standard error, as
//! `timing: PHASE 0.412 s, rss 512 MB, peak 690 MB`. Without it, a phase costs one load of
//! a flag. `docs/BENCHMARKS.md` reads the phases of the EU scan this way.

use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

/// Whether timings are asked for (read once).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("VENDORGRAPH_TIMINGS").is_some_and(|v| !v.is_empty()))
}

/// Runs `f` as the phase `name`, and reports it when timings are asked for.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    let secs = start.elapsed().as_secs_f64();
    let (rss, peak) = memory();
    // Not the command's `err` writer: phases run deep in the library, and this line is for
    // whoever profiles the run. A failed write loses a timing only.
    let _ = writeln!(
        std::io::stderr().lock(),
        "timing: {name} {secs:.3} s, rss {rss} MB, peak {peak} MB"
    );
    out
}

/// The resident set and its peak so far, in MB (0 where `/proc` does not tell).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1000)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
