//! Turning row-level sites into file, line, column and path.

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::inventory::{JsonQuery, ParsedFile, Source, Table, locate_json};

/// A place in the raw input: a row, a field of it, or an element of a list field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// Index into the parsed files.
    pub file: u32,
    /// The table.
    pub table: Table,
    /// The row within its file's table.
    pub index: u32,
    /// The field, if the problem is in one.
    pub field: Option<&'static str>,
    /// The element of a list field (`to[1]`).
    pub elem: Option<u32>,
}

impl Site {
    /// The same row, another field.
    pub fn at(self, field: &'static str) -> Site {
        Site {
            field: Some(field),
            elem: None,
            ..self
        }
    }

    /// An element of a list field.
    pub fn elem(self, field: &'static str, elem: usize) -> Site {
        Site {
            field: Some(field),
            elem: Some(elem as u32),
            ..self
        }
    }
}

/// A diagnostic waiting for its location.
pub struct Pending {
    /// Where.
    pub site: Site,
    /// What.
    pub code: Code,
    /// The message.
    pub message: String,
}

/// Resolves pending diagnostics: one pass over each JSON file that has any.
pub fn resolve(
    pending: Vec<Pending>,
    files: &[ParsedFile<'_>],
    sources: &[Source],
) -> Vec<Diagnostic> {
    let mut by_file: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, p) in pending.iter().enumerate() {
        by_file.entry(p.site.file).or_default().push(i);
    }
    let mut locations: Vec<Option<Location>> = vec![None; pending.len()];
    for (file, idxs) in by_file {
        let parsed = &files[file as usize];
        let source = &sources[parsed.source];
        match &parsed.csv {
            Some(meta) => {
                for i in idxs {
                    let site = pending[i].site;
                    let column = site
                        .field
                        .and_then(|f| meta.headers.iter().position(|h| h == f))
                        .map(|c| c as u64 + 1);
                    locations[i] = Some(Location {
                        file: source.name.clone(),
                        line: meta.lines.get(site.index as usize).copied(),
                        column,
                        path: site.field.map(|f| match site.elem {
                            Some(e) => format!("{f}[{e}]"),
                            None => f.to_owned(),
                        }),
                    });
                }
            }
            None => {
                let queries: Vec<JsonQuery<'_>> = idxs
                    .iter()
                    .map(|&i| {
                        let s = pending[i].site;
                        JsonQuery {
                            table: s.table,
                            index: s.index as usize,
                            field: s.field,
                        }
                    })
                    .collect();
                let found = locate_json(&source.text, &queries);
                for (&i, pos) in idxs.iter().zip(found) {
                    let s = pending[i].site;
                    let mut path = format!("{}[{}]", s.table.name(), s.index);
                    if let Some(f) = s.field {
                        path.push('.');
                        path.push_str(f);
                    }
                    if let Some(e) = s.elem {
                        path.push_str(&format!("[{e}]"));
                    }
                    locations[i] = Some(Location {
                        file: source.name.clone(),
                        line: pos.map(|p| p.0),
                        column: pos.map(|p| p.1),
                        path: Some(path),
                    });
                }
            }
        }
    }
    pending
        .into_iter()
        .zip(locations)
        .map(|(p, l)| Diagnostic::new(p.code, p.message, l))
        .collect()
}
