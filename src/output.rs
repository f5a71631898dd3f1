//! Writing output files and directories safely: whole or not at all.
//!
//! Every output is first written to a temporary file or directory named
//! `.vendorgraph-tmp-<pid>-<random>` beside its target, then renamed into place; a
//! directory of tables is swapped in whole. A run that fails before that leaves every
//! target as it was, and one that is killed leaves only such temporaries, which the next
//! run writing beside them removes. [`Outputs`] prepares several outputs and replaces
//! their targets only once every one of them is ready.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::{Builder, TempDir, TempPath};

/// The start of the name of every temporary file or directory that vendorgraph writes.
pub const TMP_PREFIX: &str = ".vendorgraph-tmp-";

// A temporary left unmodified this long is abandoned whatever its process id says (the id
// may have been reused).
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into
/// place when complete, so that a reader never sees a half-written file.
///
/// A path that exists and is not a regular file (`/dev/null`, a named pipe, a terminal) is
/// written in place: renaming over it would replace the device with a file.
///
/// # Errors
/// When the directory cannot be written or the rename fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes, streamed to the temporary file through a
/// buffer: a large report is never held whole in memory.
///
/// # Errors
/// When `write` fails, the directory cannot be written or the rename fails; the target is
/// then as it was (a special file may have been written in part).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if is_special(path) {
        let mut f = io::BufWriter::new(fs::OpenOptions::new().write(true).open(path)?);
        write(&mut f)?;
        return f.flush();
    }
    let mut outputs = Outputs::new();
    outputs.file_with(path, write)?;
    outputs.commit()
}

/// Makes `dir` hold exactly `files` (name, content), swapped in whole: a reader sees the
/// old directory or the new one, never a mix. Missing parent directories are created.
///
/// # Errors
/// When `dir` holds anything but files of those names (it is replaced whole, so it would be
/// lost), or on an I/O error.
pub fn write_dir_atomic<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> io::Result<()> {
    let mut outputs = Outputs::new();
    outputs.dir(dir, files)?;
    outputs.commit()
}

/// Outputs written all or nothing: each is prepared in a temporary beside its target, and
/// [`Outputs::commit`] replaces the targets only when every one is ready. Dropped without a
/// commit, it removes its temporaries and leaves every target as it was.
#[derive(Default)]
pub struct Outputs {
    staged: Vec<Staged>,
}

enum Staged {
    // A pipe or a device, written in place at commit.
    InPlace(PathBuf, Vec<u8>),
    // A file renamed over its target.
    File(TempPath, PathBuf),
    // A directory renamed to its target, or swapped with it when it exists.
    Dir(TempDir, PathBuf),
}

impl Outputs {
    /// No outputs yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Prepares `bytes` for the file `path`, whose directory must exist.
    ///
    /// # Errors
    /// When the directory is missing or cannot be written.
    pub fn file(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if is_special(path) {
            self.staged
                .push(Staged::InPlace(path.to_owned(), bytes.to_vec()));
            return Ok(());
        }
        self.file_with(path, |w| w.write_all(bytes))
    }

    /// Prepares the file `path` (not a special file), whose directory must exist, with what
    /// `write` writes through a buffer.
    fn file_with(
        &mut self,
        path: &Path,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let dir = parent_of(path);
        remove_leftovers(dir);
        let mut tmp = Builder::new().prefix(&tmp_prefix()).tempfile_in(dir)?;
        // A temporary file is private (0600); the output is an ordinary file for its readers.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))?;
        }
        let mut buffered = io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
        drop(buffered);
        tmp.as_file().sync_all()?;
        self.staged
            .push(Staged::File(tmp.into_temp_path(), path.to_owned()));
        Ok(())
    }

    /// Prepares `bytes` for the file `path`, and its missing parent directories, which
    /// appear only at the commit.
    ///
    /// # Errors
    /// On an I/O error.
    pub fn file_creating_dirs(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() && !p.exists() => {
                let name = path.file_name().and_then(OsStr::to_str).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidInput, "not a file name")
                })?;
                self.new_dir(p, vec![(name, bytes)])
            }
            _ => self.file(path, bytes),
        }
    }

    /// Prepares the directory `dir` to hold exactly `files` (name, content); at the commit
    /// it is swapped in whole. Missing parent directories appear only at the commit.
    ///
    /// # Errors
    /// When `dir` holds anything but files of those names (it is replaced whole, so it would
    /// be lost), or on an I/O error.
    pub fn dir<'a>(
        &mut self,
        dir: &Path,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> io::Result<()> {
        let files: Vec<(&str, &[u8])> = files.into_iter().collect();
        if !dir.exists() {
            return self.new_dir(dir, files);
        }
        // Swap the directory itself, not a symbolic link to it.
        let dir = fs::canonicalize(dir)?;
        let mut foreign = Vec::new();
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let ours = entry.file_type()?.is_file()
                && files
                    .iter()
                    .any(|(n, _)| OsStr::new(n) == entry.file_name());
            if !ours {
                foreign.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        if !foreign.is_empty() {
            foreign.sort();
            let msg = format!(
                "{} holds {} that vendorgraph does not write there; the directory is replaced \
                 whole, so choose a new or empty directory",
                dir.display(),
                foreign
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            return Err(io::Error::new(io::ErrorKind::AlreadyExists, msg));
        }
        let parent = parent_of(&dir);
        remove_leftovers(parent);
        let tmp = Builder::new().prefix(&tmp_prefix()).tempdir_in(parent)?;
        fill(tmp.path(), &files)?;
        self.staged.push(Staged::Dir(tmp, dir));
        Ok(())
    }

    /// Replaces every target, in the order prepared.
    ///
    /// # Errors
    /// When a rename fails (the targets before it are replaced, the others untouched).
    pub fn commit(self) -> io::Result<()> {
        for staged in self.staged {
            match staged {
                Staged::InPlace(path, bytes) => {
                    fs::OpenOptions::new()
                        .write(true)
                        .open(&path)?
                        .write_all(&bytes)?;
                }
                Staged::File(tmp, path) => tmp.persist(&path).map_err(|e| e.error)?,
                Staged::Dir(tmp, dir) => swap_in(tmp, &dir)?,
            }
        }
        Ok(())
    }

    /// Prepares a directory that does not exist yet (nor, maybe, some of its parents): a
    /// temporary beside the first missing one holds the whole new tree.
    fn new_dir(&mut self, dir: &Path, files: Vec<(&str, &[u8])>) -> io::Result<()> {
        let mut first_missing = dir.to_owned();
        while let Some(p) = first_missing.parent() {
            if p.as_os_str().is_empty() || p.exists() {
                break;
            }
            first_missing = p.to_owned();
        }
        if matches!(
            first_missing.components().next_back(),
            Some(Component::ParentDir | Component::RootDir) | None
        ) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("cannot create {}", dir.display()),
            ));
        }
        let parent = parent_of(&first_missing);
        remove_leftovers(parent);
        let tmp = Builder::new().prefix(&tmp_prefix()).tempdir_in(parent)?;
        let inner = tmp
            .path()
            .join(dir.strip_prefix(&first_missing).unwrap_or(Path::new("")));
        fs::create_dir_all(&inner)?;
        fill(&inner, &files)?;
        self.staged.push(Staged::Dir(tmp, first_missing));
        Ok(())
    }
}

/// Whether a path exists and is neither a regular file nor a directory.
fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// The directory a path lies in (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The start of this process's temporaries: `.vendorgraph-tmp-<pid>-` (a random part follows).
fn tmp_prefix() -> String {
    format!("{TMP_PREFIX}{}-", std::process::id())
}

/// Writes the files of a new directory, and gives it an ordinary directory's permissions.
fn fill(dir: &Path, files: &[(&str, &[u8])]) -> io::Result<()> {
    for (name, bytes) in files {
        let mut f = fs::File::create(dir.join(name))?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755))?;
    }
    Ok(())
}

/// Puts the prepared directory at `dir`: a rename when `dir` is missing, else an atomic
/// exchange where the system has one (Linux), else two renames; then removes the old one.
fn swap_in(tmp: TempDir, dir: &Path) -> io::Result<()> {
    let tmp = tmp.keep();
    if !dir.exists() {
        return fs::rename(&tmp, dir);
    }
    if !exchange(&tmp, dir)? {
        let old = Builder::new()
            .prefix(&tmp_prefix())
            .tempdir_in(parent_of(dir))?
            .keep();
        fs::remove_dir(&old)?;
        fs::rename(dir, &old)?;
        fs::rename(&tmp, dir)?;
        return fs::remove_dir_all(old);
    }
    // After the exchange the temporary's name holds the old directory.
    fs::remove_dir_all(tmp)
}

/// Exchanges two paths atomically; `false` when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Removes the temporaries that an earlier run, killed or failed, left in `dir`: those
/// whose process is gone, or that nothing has modified for an hour. Best effort.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TMP_PREFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid == Some(std::process::id()) || !(process_gone(pid) || stale(&entry)) {
            continue;
        }
        let path = entry.path();
        let _ = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(path),
            _ => fs::remove_file(path),
        };
    }
}

/// Whether the process that named a temporary has ended (known on Linux only).
fn process_gone(pid: Option<u32>) -> bool {
    cfg!(target_os = "linux")
        && pid.is_some_and(|p| !Path::new("/proc").join(p.to_string()).exists())
}

/// Whether an entry has not been modified for [`ABANDONED_AFTER`].
fn stale(entry: &fs::DirEntry) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_some_and(|age| age > ABANDONED_AFTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    // A named pipe stands for `/dev/null`: renaming over it would replace it with a file.
    #[test]
    #[cfg(unix)]
    fn a_pipe_is_written_in_place_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // No mkfifo here: nothing to check.
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"report").unwrap();
        assert_eq!(reader.join().unwrap(), b"report");
        assert!(!std::fs::metadata(&fifo).unwrap().is_file());
    }

    #[test]
    fn a_file_is_replaced_and_no_temporary_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_directory_is_swapped_in_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("tables");
        write_dir_atomic(&out, [("a.csv", &b"1"[..]), ("b.csv", b"2")]).unwrap();
        write_dir_atomic(&out, [("a.csv", &b"3"[..]), ("b.csv", b"4")]).unwrap();
        assert_eq!(names(&out), ["a.csv", "b.csv"]);
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "3");
        assert_eq!(fs::read_to_string(out.join("b.csv")).unwrap(), "4");
        assert_eq!(names(dir.path()), ["tables"]);
    }

    #[test]
    fn an_error_after_the_first_table_leaves_the_old_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("tables");
        write_dir_atomic(&out, [("a.csv", &b"old"[..])]).unwrap();
        let broken = [("a.csv", &b"new"[..]), ("no/such/b.csv", b"x")];
        assert!(write_dir_atomic(&out, broken).is_err());
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "old");
        assert_eq!(names(dir.path()), ["tables"]);
    }

    #[test]
    fn a_directory_with_other_files_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("tables");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        fs::write(out.join("a.csv"), "old").unwrap();
        let e = write_dir_atomic(&out, [("a.csv", &b"new"[..])]).unwrap_err();
        assert!(e.to_string().contains("\"notes.txt\""), "{e}");
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "old");
        assert_eq!(names(dir.path()), ["tables"]);
    }

    #[test]
    fn nothing_is_written_until_every_output_is_ready() {
        let dir = tempfile::tempdir().unwrap();
        let emit = dir.path().join("emit/deeper/inventory.json");
        let mut outputs = Outputs::new();
        outputs.file_creating_dirs(&emit, b"{}").unwrap();
        assert!(
            outputs
                .file(&dir.path().join("missing/x.json"), b"x")
                .is_err()
        );
        drop(outputs);
        assert!(names(dir.path()).is_empty());
        let mut outputs = Outputs::new();
        outputs.file_creating_dirs(&emit, b"{}").unwrap();
        outputs.file(&dir.path().join("x.json"), b"x").unwrap();
        let before = names(dir.path());
        assert!(
            before.iter().all(|n| n.starts_with(TMP_PREFIX)),
            "{before:?}"
        );
        outputs.commit().unwrap();
        assert_eq!(fs::read_to_string(&emit).unwrap(), "{}");
        assert_eq!(names(dir.path()), ["emit", "x.json"]);
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids never go this high (Linux's limit is 2^22); ours is alive.
        let dead = dir.path().join(format!("{TMP_PREFIX}4294967295-abc"));
        let dead_dir = dir.path().join(format!("{TMP_PREFIX}4294967295-dir"));
        let live = dir
            .path()
            .join(format!("{TMP_PREFIX}{}-xyz", std::process::id()));
        fs::write(&dead, "half a report").unwrap();
        fs::create_dir(&dead_dir).unwrap();
        fs::write(dead_dir.join("a.csv"), "x").unwrap();
        fs::write(&live, "being written").unwrap();
        write_atomic(&dir.path().join("out.json"), b"new").unwrap();
        let left = names(dir.path());
        assert!(left.contains(&"out.json".to_owned()));
        assert!(left.iter().any(|n| n.ends_with("-xyz")), "{left:?}");
        if cfg!(target_os = "linux") {
            assert_eq!(left.len(), 2, "{left:?}");
        }
    }
}
