//! Running Graphviz's `dot`: the only place that spawns it (`diagram`, and the diagrams of
//! `scan --format html`).

use std::io::Write;
use std::process::{Command, Stdio};

/// An image format that Graphviz renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
}

/// Why [`render`] failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RenderError {
    /// No `dot` program on the `PATH`.
    #[error(
        "failed to run `dot`: Graphviz is not installed (install the Debian package `graphviz`, \
         e.g. `apt-get install graphviz`), or write DOT with `--format dot`"
    )]
    NotInstalled,
    /// `dot` could not be started or talked to.
    #[error("failed to run `dot`")]
    Io(#[source] std::io::Error),
    /// `dot` ran and failed.
    #[error("`dot` failed ({status}): {stderr}")]
    Failed {
        /// Its exit status.
        status: String,
        /// What it printed on standard error.
        stderr: String,
    },
}

impl ImageFormat {
    /// The name `dot -T` takes.
    fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        }
    }
}

/// Renders DOT text with Graphviz's `dot` program, piping the text in.
///
/// # Errors
/// [`RenderError::NotInstalled`] when there is no `dot` on the `PATH`; otherwise when
/// `dot` cannot be run or fails.
pub(crate) fn render(dot: &str, format: ImageFormat) -> Result<Vec<u8>, RenderError> {
    let mut child = match Command::new("dot")
        .arg(format!("-T{}", format.as_str()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(RenderError::NotInstalled);
        }
        Err(e) => return Err(RenderError::Io(e)),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Feed the text from another thread: `dot` may fill its output pipe before it has
    // read all of its input.
    let output = std::thread::scope(|s| {
        let writer = s.spawn(move || stdin.write_all(dot.as_bytes()));
        let output = child.wait_with_output();
        let written = writer.join().unwrap_or(Ok(()));
        (output, written)
    });
    let (output, written) = output;
    let output = output.map_err(RenderError::Io)?;
    if !output.status.success() {
        return Err(RenderError::Failed {
            status: output.status.to_string(),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    // A broken pipe with a successful exit cannot happen; any other write error is real.
    written.map_err(RenderError::Io)?;
    Ok(output.stdout)
}
