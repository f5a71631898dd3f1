//! Reading input files: which importer reads which file, and the text of each.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic, Location};

use super::importer::{self, Importer};

/// One input file, read whole and checked to be UTF-8 (a leading BOM removed).
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it (or as found in a directory), `-` for standard input.
    pub name: String,
    /// The importer that reads it.
    pub importer: &'static dyn Importer,
    /// The file's text (empty for a binary format).
    pub text: String,
    /// The file's bytes, for an importer that reads bytes (a workbook); empty otherwise.
    pub bytes: Vec<u8>,
}

impl Source {
    /// The memory of the source's text or bytes, for the next [`Input::read_into`].
    pub fn into_buffer(self) -> Vec<u8> {
        if self.text.is_empty() {
            self.bytes
        } else {
            self.text.into_bytes()
        }
    }

    /// An in-memory `vendorgraph/1` JSON document.
    pub fn json(name: impl Into<String>, text: String) -> Source {
        Source {
            name: name.into(),
            importer: importer::JSON,
            text,
            bytes: Vec::new(),
        }
    }
}

/// Finds and reads every input file: files as given, directories' `*.json` files and
/// table CSV files in file-name order, `-` as standard input.
///
/// Returns the sources read and a diagnostic for every input that could not be read.
pub fn read_inputs(inputs: &[PathBuf]) -> (Vec<Source>, Vec<Diagnostic>) {
    let (listed, mut diags) = list_inputs(inputs);
    // Files are read (and checked to be UTF-8) in parallel, collected in input order.
    let read: Vec<Result<Source, Diagnostic>> = listed.par_iter().map(Input::read).collect();
    let mut out = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(s) => out.push(s),
            Err(d) => diags.push(d),
        }
    }
    (out, diags)
}

/// Finds every input file without reading it (standard input excepted, which is read
/// now): files as given, directories' `*.json` files and table CSV files in file-name
/// order, `-` as standard input.
///
/// Returns the inputs and a diagnostic for every input that cannot be read.
pub fn list_inputs(inputs: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut sources: Vec<Input> = Vec::new();
    let mut diags = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            // Standard input can be read once; naming it twice means once.
            if !seen.insert(PathBuf::from("-")) {
                continue;
            }
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => sources.push(Input {
                    name: "-".into(),
                    importer: importer::JSON,
                    from: Origin::Bytes(bytes),
                }),
                Err(e) => diags.push(io_error("-", &e)),
            }
            continue;
        }
        let display = input.display().to_string();
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                diags.push(io_error(&display, &e));
                continue;
            }
        };
        if meta.is_dir() {
            match list_dir(input, &mut diags) {
                Ok(files) if files.is_empty() => diags.push(Diagnostic::new(
                    Code::EmptyInput,
                    "directory holds no *.json file and no suppliers.csv, operators.csv, assets.csv or links.csv",
                    Some(Location { file: display, ..Location::default() }),
                )),
                Ok(files) => {
                    for (path, importer) in files {
                        read_file(&path, importer, &mut seen, &mut sources);
                    }
                }
                Err(e) => diags.push(io_error(&display, &e)),
            }
        } else {
            match importer_of(input, false) {
                Some(Ok(importer)) => read_file(input, importer, &mut seen, &mut sources),
                Some(Err(why)) => diags.push(Diagnostic::new(
                    Code::Io,
                    why,
                    Some(Location {
                        file: display,
                        ..Location::default()
                    }),
                )),
                None => diags.push(Diagnostic::new(
                    Code::Io,
                    "failed to tell the format of the file",
                    Some(Location {
                        file: display,
                        ..Location::default()
                    }),
                )),
            }
        }
    }
    (sources, diags)
}

/// An input to read: a file, or standard input (already read, kept).
#[derive(Debug)]
pub struct Input {
    name: String,
    importer: &'static dyn Importer,
    from: Origin,
}

#[derive(Debug)]
enum Origin {
    Bytes(Vec<u8>),
    File(PathBuf),
}

impl Input {
    /// The input's name in messages: the path, `-` for standard input.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Reads the input's text, checked to be UTF-8, into `buf`'s memory
    /// ([`Source::into_buffer`] gives it back): a loader that reads many files reuses one
    /// buffer per thread instead of having fresh pages zeroed for each file.
    pub fn read_into(&self, mut buf: Vec<u8>) -> Result<Source, Diagnostic> {
        buf.clear();
        let read = match &self.from {
            Origin::Bytes(bytes) => {
                buf.extend_from_slice(bytes);
                Ok(())
            }
            Origin::File(path) => std::fs::File::open(path)
                .and_then(|mut f| f.read_to_end(&mut buf))
                .map(|_| ()),
        };
        match read {
            Ok(()) => to_source(self.name.clone(), self.importer, buf),
            Err(e) => Err(io_error(&self.name, &e)),
        }
    }

    /// Reads the input's text (again, when it was read before), checked to be UTF-8.
    pub fn read(&self) -> Result<Source, Diagnostic> {
        self.read_into(Vec::new())
    }
}

fn importer_of(path: &Path, listed: bool) -> Option<Result<&'static dyn Importer, &'static str>> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    importer::importer_for(&name, listed)
}

fn list_dir(
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> std::io::Result<Vec<(PathBuf, &'static dyn Importer)>> {
    let mut files = Vec::new();
    let mut broken = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let Some(Ok(importer)) = importer_of(&path, true) else {
            continue;
        };
        let file_type = entry.file_type()?;
        if file_type.is_symlink() {
            // A link that leads nowhere, named like an input, is an input that is missing.
            if let Err(e) = std::fs::metadata(&path) {
                broken.push((path, e));
                continue;
            }
        }
        if !file_type.is_file() && !path.is_file() {
            continue;
        }
        files.push((path, importer));
    }
    broken.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, e) in broken {
        diags.push(Diagnostic::new(
            Code::Io,
            format!("failed to read input: broken symbolic link ({e})"),
            Some(Location {
                file: path.display().to_string(),
                ..Location::default()
            }),
        ));
    }
    files.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    Ok(files)
}

fn read_file(
    path: &Path,
    importer: &'static dyn Importer,
    seen: &mut std::collections::HashSet<PathBuf>,
    sources: &mut Vec<Input>,
) {
    // The same file named twice (or a file and its directory) is read once.
    if let Ok(canonical) = path.canonicalize()
        && !seen.insert(canonical)
    {
        return;
    }
    sources.push(Input {
        name: path.display().to_string(),
        importer,
        from: Origin::File(path.to_path_buf()),
    });
}

fn to_source(
    name: String,
    importer: &'static dyn Importer,
    mut bytes: Vec<u8>,
) -> Result<Source, Diagnostic> {
    if !importer.binary() && bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::new(
            Code::EmptyInput,
            "file is empty",
            Some(Location {
                file: name,
                ..Location::default()
            }),
        ));
    }
    if importer.binary() {
        return Ok(Source {
            name,
            importer,
            text: String::new(),
            bytes,
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source {
            name,
            importer,
            text,
            bytes: Vec::new(),
        }),
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let (line, column) = line_col(bytes, at);
            Err(Diagnostic::new(
                Code::InvalidUtf8,
                format!(
                    "failed to read text: byte 0x{:02X} at offset {at} is not valid UTF-8 (save the file as UTF-8)",
                    bytes[at]
                ),
                Some(Location {
                    file: name,
                    line: Some(line),
                    column: Some(column),
                    path: None,
                }),
            ))
        }
    }
}

fn io_error(file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::Io,
        format!("failed to read input: {e}"),
        Some(Location {
            file: file.to_owned(),
            ..Location::default()
        }),
    )
}

/// The 1-based line and column (in bytes) of a byte offset.
pub fn line_col(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, (offset - line_start) as u64 + 1)
}

/// Line starts of a text, for many offset look-ups in O(log n) each.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    /// Indexes a text.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self(starts)
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u64, u64) {
        let line = self.0.partition_point(|&s| s <= offset);
        (line as u64, (offset - self.0[line - 1]) as u64 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col() {
        let text = "ab\ncd\n\nef";
        let idx = LineIndex::new(text);
        for off in 0..text.len() {
            assert_eq!(idx.line_col(off), line_col(text.as_bytes(), off));
        }
    }
}
