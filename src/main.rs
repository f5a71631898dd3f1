//! The `vendorgraph` command: parses the arguments, runs the command, maps the outcome to
//! an exit status (0 clean, 1 deny findings, 2 bad input or usage).

mod allocator;
mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    allocator::at_start();
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
