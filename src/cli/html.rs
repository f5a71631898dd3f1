//! `scan --format html`: the report model, the input files' SHA-256 and each operator's
//! diagram (the operator view of the same assessment, through Graphviz's `dot -Tsvg`),
//! rendered as one HTML document.

use std::path::PathBuf;

use rayon::prelude::*;

use vendorgraph::assess::Assessment;
use vendorgraph::policy::Date;
use vendorgraph::report::dot::{self, DiagramOptions};
use vendorgraph::report::model::InputFile;
use vendorgraph::report::{self, OperatorDiagram, ScanReport};

use super::graphviz::{ImageFormat, RenderError, render};

/// The HTML report of an assessment; `pool` runs Graphviz for several operators at once.
pub(crate) fn html_report(
    a: &Assessment<'_>,
    mut r: ScanReport,
    inputs: &[PathBuf],
    today: Date,
    pool: &rayon::ThreadPool,
) -> String {
    r.summary.date = Some(today.to_string());
    r.summary.inputs = input_files(inputs);
    let diagrams = pool.install(|| diagrams(a, &r));
    report::html(&r, &diagrams)
}

/// The files read, each with the SHA-256 of its bytes: read again, as the loader read them
/// (directories in file-name order); standard input is not kept, so it has none.
pub(crate) fn input_files(inputs: &[PathBuf]) -> Vec<InputFile> {
    let files: Vec<PathBuf> = inputs
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (sources, _) = vendorgraph::inventory::read_inputs(&files);
    let mut out: Vec<InputFile> = sources
        .iter()
        .map(|s| {
            let bytes = std::fs::read(&s.name).unwrap_or_else(|_| s.text.clone().into_bytes());
            InputFile::new(&s.name, &bytes)
        })
        .collect();
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        out.push(InputFile {
            name: "-".to_owned(),
            sha256: None,
        });
    }
    out
}

/// Each operator's diagram, in report order; when Graphviz is missing, each says so.
fn diagrams(a: &Assessment<'_>, r: &ScanReport) -> Vec<OperatorDiagram> {
    let inv = a.graph().inventory();
    let options = DiagramOptions {
        highlight_critical: true,
        ..DiagramOptions::default()
    };
    let drawn: Vec<(usize, &str, String)> = r
        .doc
        .operators
        .iter()
        .enumerate()
        .filter_map(|(k, op)| {
            let o = inv.operator_ix(&op.id)?;
            Some((
                k,
                op.id.as_str(),
                dot::operator_view(a, o, &options).to_dot(),
            ))
        })
        .collect();
    drawn
        .par_iter()
        .map(|(k, id, text)| match render(text, ImageFormat::Svg) {
            Ok(bytes) => OperatorDiagram::from_graphviz(id, &String::from_utf8_lossy(&bytes), *k),
            Err(RenderError::NotInstalled) => OperatorDiagram::missing(
                id,
                "No diagram: Graphviz's `dot` is not installed here (Debian package `graphviz`). \
                 `vendorgraph diagram --format dot` writes the diagram's source.",
            ),
            Err(e) => OperatorDiagram::missing(id, &format!("No diagram: {e}")),
        })
        .collect()
}
