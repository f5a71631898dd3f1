//! The output directory: generated files are written in parallel into a temporary
//! directory, then moved into place, so that no half-written inventory is ever left.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::export::Table;

use super::operator::{operator_id, write_operator};
use super::params::{GenerateError, Params, Summary};
use super::profiles::{EU27, MAX_COUNTRIES};
use super::registry::write_suppliers;

/// Generates the inventory into the directory `dir`, which is created if missing.
///
/// The files are written into a temporary directory first, so that a failure or a crash
/// leaves no half-written inventory: when `dir` is missing or empty, the temporary
/// directory (made next to it) is renamed to `dir` at the end. A non-empty `dir` is
/// refused unless `force` is given; then the files that a directory input would load
/// (`*.json` and the four table CSV files) are removed and replaced by the new ones, and
/// every other file (a README, say) is kept.
///
/// `progress` is called with the number of sites of each file written, from worker
/// threads: files are generated in parallel on the current rayon pool. The output does not
/// depend on the number of threads.
///
/// # Errors
/// Bad parameters, a non-empty directory without `force`, or an I/O error.
pub fn generate(
    params: &Params,
    dir: &Path,
    force: bool,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Summary, GenerateError> {
    params.check()?;
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenerateError::Io { path, source }
    };
    let non_empty = match fs::read_dir(dir) {
        Ok(mut entries) => Some(entries.next().is_some()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(dir)(e)),
    };
    match non_empty {
        Some(true) if !force => Err(GenerateError::NotEmpty(dir.to_path_buf())),
        Some(true) => {
            // Generate beside the old files (a hidden subdirectory is never loaded: inputs
            // are not searched recursively), then swap the inventory files.
            let tmp = temp_dir_in(dir).map_err(io_err(dir))?;
            let summary = write_files(params, tmp.path(), progress)?;
            for path in inventory_files(dir).map_err(io_err(dir))? {
                fs::remove_file(&path).map_err(io_err(&path))?;
            }
            for name in file_names(params) {
                let to = dir.join(&name);
                fs::rename(tmp.path().join(&name), &to).map_err(io_err(&to))?;
            }
            Ok(summary)
        }
        _ => {
            let parent = match dir.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            fs::create_dir_all(parent).map_err(io_err(parent))?;
            let tmp = temp_dir_in(parent).map_err(io_err(parent))?;
            let summary = write_files(params, tmp.path(), progress)?;
            if non_empty == Some(false) {
                fs::remove_dir(dir).map_err(io_err(dir))?;
            }
            fs::rename(tmp.path(), dir).map_err(io_err(dir))?;
            // Renamed: nothing left for the guard to delete.
            let _ = tmp.keep();
            Ok(summary)
        }
    }
}

/// The file names of an inventory, in the order they are written: `suppliers.json`, then
/// one file per operator.
pub fn file_names(params: &Params) -> Vec<String> {
    let mut names = vec!["suppliers.json".to_owned()];
    for c in &EU27[..params.countries.min(MAX_COUNTRIES)] {
        for n in 1..=params.operators {
            names.push(format!("{}.json", operator_id(c.code, n)));
        }
    }
    names
}

fn temp_dir_in(dir: &Path) -> io::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(".vendorgraph-generate-")
        .tempdir_in(dir)
}

/// The files of `dir` that a directory input loads.
fn inventory_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        let table_csv = Table::ALL
            .iter()
            .any(|t| name.strip_suffix(".csv") == Some(t.name()));
        if name.ends_with(".json") || table_csv {
            out.push(entry.path());
        }
    }
    Ok(out)
}

/// Writes every file into `dir`, in parallel, each through a buffered stream.
fn write_files(
    params: &Params,
    dir: &Path,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Summary, GenerateError> {
    let names = file_names(params);
    // Job 0 is the registry; job 1 + c * operators + (n - 1) is operator n of country c.
    let results: Vec<Result<Summary, GenerateError>> = (0..names.len())
        .into_par_iter()
        .map(|job| {
            let path = dir.join(&names[job]);
            let write = || -> io::Result<Summary> {
                let file = File::create(&path)?;
                let mut w = CountingWriter {
                    inner: BufWriter::with_capacity(1 << 20, file),
                    bytes: 0,
                };
                let mut summary = if job == 0 {
                    write_suppliers(params, &mut w)?
                } else {
                    let (c, n) = ((job - 1) / params.operators, (job - 1) % params.operators);
                    write_operator(params, c, n + 1, &mut w)?
                };
                summary.bytes = w.bytes;
                let file = w.inner.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                Ok(summary)
            };
            let summary = write().map_err(|source| GenerateError::Io {
                path: path.clone(),
                source,
            })?;
            progress(summary.sites);
            Ok(summary)
        })
        .collect();
    let mut total = Summary::default();
    for r in results {
        total = total.add(r?);
    }
    Ok(total)
}

/// Counts the bytes written through it.
struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)?;
        self.bytes += buf.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
