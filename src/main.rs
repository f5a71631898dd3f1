//! The `vendorgraph` command: parses the arguments, runs the command, maps the outcome to
//! an exit status (0 clean, 1 deny findings, 2 bad input or usage).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    allocator_settings();
    let args = match cli::parse() {
        Ok(args) => args,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                cli::EXIT_INVALID
            } else {
                cli::EXIT_OK
            });
        }
    };
    let stdout = std::io::stdout();
    // Standard error is not locked for the whole run: progress bars draw on it from other
    // threads (indicatif's ticker), which would otherwise wait for the lock forever.
    let mut stderr = std::io::stderr();
    let code = match cli::run(args, &mut stdout.lock(), &mut stderr) {
        Ok(code) => code,
        Err(e) => {
            #[expect(
                clippy::disallowed_macros,
                reason = "main.rs alone writes to the process's standard error"
            )]
            {
                eprintln!("error: {e:#}");
            }
            cli::EXIT_INVALID
        }
    };
    ExitCode::from(code)
}

// mimalloc: loading allocates millions of small strings and rows; the system allocator
// spent a quarter of a large scan in malloc and free (docs/BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (`mi_option_e` in mimalloc.h: 15 in mimalloc v2 and v3;
/// `libmimalloc-sys` names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets how the allocator takes memory from the system, before any other thread exists.
///
/// - No transparent huge pages (Linux): with them, the first touch of a 2 MiB region zeroes
///   all of it and a freed part is split off again. On the EU scan a third of the CPU time
///   went to zeroing pages in the kernel, and the peak was 690 MB against 555 MB without.
///   `MIMALLOC_ALLOW_THP` set by the user is kept (mimalloc reads it itself).
/// - Freed memory goes back to the system at once (mimalloc v3 waits a second): a load frees
///   each file's rows as they are checked and assembled, and with a delay the freed pages
///   stay counted in the peak. EU scan: 500 MB at once, 540 MB after 10 ms, 940 MB after a
///   second; at once costs about 0.2 s of kernel time there. `MIMALLOC_PURGE_DELAY` set by
///   the user is kept.
///
/// The measurements are in docs/BENCHMARKS.md, "Fifth pass".
fn allocator_settings() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // Best effort: a kernel without the flag only loses the gain.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    #[expect(
        unsafe_code,
        reason = "the one call that sets an option of the allocator"
    )]
    // SAFETY: `mi_option_set` is not thread safe; this runs first in `main`, before any
    // other thread exists, and sets an integer option that mimalloc reads when it purges.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}
