//! The text of an import's summary: what was (or would be) imported, by class or model, and
//! everything skipped, with why and an example. It lays out the tally; it counts nothing.

use std::fmt::Write;

use crate::sanitize::escape_controls;

use super::rows::{Counts, Tally};

/// The summary `import` prints (to standard output for `--dry-run`, else to standard
/// error): `verb` is "would import" or "imported".
pub fn summary_text(kind: &str, files: usize, verb: &str, counts: Counts, tally: &Tally) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{kind}: {files} file(s); {verb} {} suppliers, {} operators, {} assets, {} links",
        counts.suppliers, counts.operators, counts.assets, counts.links
    );
    let width = tally
        .imported
        .keys()
        .chain(tally.skipped.keys())
        .map(|(c, _)| c.chars().count())
        .max()
        .unwrap_or(0);
    let imported: u64 = tally.imported.values().sum();
    let _ = writeln!(s, "\nimported ({imported} elements):");
    for ((class, what), n) in &tally.imported {
        let class = escape_controls(class);
        let _ = writeln!(s, "  {class:<width$}  {n:>6}  {what}");
    }
    let skipped: u64 = tally.skipped.values().map(|(n, _)| n).sum();
    let _ = writeln!(s, "\nskipped ({skipped} elements):");
    if tally.skipped.is_empty() {
        let _ = writeln!(s, "  none");
    }
    for ((class, why), (n, example)) in &tally.skipped {
        let class = escape_controls(class);
        let why = escape_controls(why);
        let example = escape_controls(example);
        let _ = writeln!(s, "  {class:<width$}  {n:>6}  {why} (e.g. {example})");
    }
    s
}
