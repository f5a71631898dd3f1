//! Compact rows: what the loader keeps of a file once it is parsed. Every string is interned
//! (a [`Sym`], 4 bytes, instead of a `Cow<str>`), every list of targets is a range of one
//! vector per file, so that a file's text and its raw rows can be dropped as soon as it is
//! parsed, and references are resolved on ids, not on strings.
//!
//! Files are compacted in parallel, each with its own [`Interner`]; [`Rows::extend`] merges
//! the files' interners into the global one in file order, so that the result does not
//! depend on the thread count, then renumbers their symbols.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::num::NonZeroU32;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;

use crate::diagnostics::Diagnostic;

use super::importer::ParsedFile;
use super::raw::{RawAsset, RawLink, RawOperator, RawShare, RawSupplier, Table};

/// An interned string: its number in an [`Interner`]. `Option<Sym>` is 4 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(NonZeroU32);

impl Sym {
    /// The symbol's position, for tables indexed by symbol.
    #[inline]
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }

    /// The symbol at a position.
    pub(crate) fn from_index(i: usize) -> Sym {
        Sym(NonZeroU32::new(i as u32 + 1).expect("fewer than 4 billion strings"))
    }
}

/// Strings stored once, in one buffer, each numbered by a [`Sym`].
#[derive(Default)]
pub struct Interner {
    text: String,
    // End of each string in `text`; string i starts where string i - 1 ends.
    ends: Vec<u32>,
    // Symbol indices, hashed by their string.
    table: HashTable<u32>,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Interner({} strings)", self.ends.len())
    }
}

fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

impl Interner {
    /// The string of a symbol.
    #[inline]
    pub fn get(&self, s: Sym) -> &str {
        let i = s.index();
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no string.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The symbol of a string, added if new.
    pub fn intern(&mut self, s: &str) -> Sym {
        let h = hash(s);
        let Self { text, ends, table } = self;
        let at = |i: u32| -> &str {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            &text[start..ends[i] as usize]
        };
        if let Some(&i) = table.find(h, |&i| at(i) == s) {
            return Sym::from_index(i as usize);
        }
        let i = ends.len() as u32;
        text.push_str(s);
        let end = u32::try_from(text.len()).expect("interned text under 4 GiB");
        ends.push(end);
        let (text, ends) = (&*text, &*ends);
        table.insert_unique(h, i, |&j| {
            let j = j as usize;
            let start = if j == 0 { 0 } else { ends[j - 1] as usize };
            hash(&text[start..ends[j] as usize])
        });
        Sym::from_index(i as usize)
    }

    /// Interns the strings of other interners, one after the other, in a table sized for
    /// all of them at once (no rehash); gives for each the symbol of each of its strings
    /// here, to renumber the rows interned there ([`CompactFile::remap`]).
    pub fn absorb<'a>(
        &mut self,
        others: impl Iterator<Item = &'a Interner> + Clone,
    ) -> Vec<Vec<Sym>> {
        let (n, bytes) = others
            .clone()
            .fold((0, 0), |(n, b), o| (n + o.len(), b + o.text.len()));
        self.reserve(n, bytes);
        others
            .map(|o| {
                (0..o.len())
                    .map(|i| self.intern(o.get(Sym::from_index(i))))
                    .collect()
            })
            .collect()
    }

    /// Makes room for `strings` more strings of `bytes` bytes in all.
    fn reserve(&mut self, strings: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.ends.reserve(strings);
        let Self { text, ends, table } = self;
        let (text, ends) = (&*text, &*ends);
        table.reserve(strings, |&j| {
            let j = j as usize;
            let start = if j == 0 { 0 } else { ends[j - 1] as usize };
            hash(&text[start..ends[j] as usize])
        });
    }

    /// The symbol of a string, if it is interned.
    pub fn find(&self, s: &str) -> Option<Sym> {
        self.table
            .find(hash(s), |&i| self.get(Sym::from_index(i as usize)) == s)
            .map(|&i| Sym::from_index(i as usize))
    }

    /// Forgets every string interned after the first `n` (a parse that gave up).
    pub fn truncate(&mut self, n: usize) {
        if n >= self.ends.len() {
            return;
        }
        self.table.retain(|&mut i| (i as usize) < n);
        self.ends.truncate(n);
        let end = self.ends.last().map_or(0, |&e| e as usize);
        self.text.truncate(end);
    }

    fn opt(&mut self, s: Option<&str>) -> Option<Sym> {
        s.map(|s| self.intern(s))
    }
}

/// A supplier row, compact.
#[derive(Clone, Debug, Default, PartialEq)]
#[expect(
    missing_docs,
    reason = "the fields of the format (docs/inventory-format.md)"
)]
pub struct CSupplier {
    pub id: Option<Sym>,
    pub name: Option<Sym>,
    pub country: Option<Sym>,
    pub risk: Option<Sym>,
    pub group: Option<Sym>,
    pub source: Option<Sym>,
    pub notes: Option<Sym>,
}

/// An operator row, compact.
#[derive(Clone, Debug, Default, PartialEq)]
#[expect(
    missing_docs,
    reason = "the fields of the format (docs/inventory-format.md)"
)]
pub struct COperator {
    pub id: Option<Sym>,
    pub name: Option<Sym>,
    pub country: Option<Sym>,
    pub subscribers: Option<u64>,
    pub source: Option<Sym>,
    pub notes: Option<Sym>,
}

/// An asset row, compact (64 bytes).
#[derive(Clone, Debug, Default, PartialEq)]
#[expect(
    missing_docs,
    reason = "the fields of the format (docs/inventory-format.md)"
)]
pub struct CAsset {
    pub id: Option<Sym>,
    pub operator: Option<Sym>,
    pub function: Option<Sym>,
    pub supplier: Option<Sym>,
    pub domain: Option<Sym>,
    pub weight: Option<f64>,
    pub generation: Option<Sym>,
    pub sensitive: Option<bool>,
    pub location: Option<Sym>,
    pub site: Option<Sym>,
    pub region: Option<Sym>,
    pub name: Option<Sym>,
    pub source: Option<Sym>,
    pub notes: Option<Sym>,
}

/// The `to` of a link: a range of its file's targets, or absent.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TargetRange {
    /// First target in [`CompactFile::targets`].
    pub start: u32,
    /// Number of targets.
    pub len: u32,
}

/// A `need`: a `u64` aligned to 4 bytes, so that a link row is 48 bytes, not the 56 that an
/// `Option<u64>` would align it to (millions of link rows are alive together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Need([u32; 2]);

impl Need {
    /// The value.
    pub fn get(self) -> u64 {
        (u64::from(self.0[1]) << 32) | u64::from(self.0[0])
    }
}

impl From<u64> for Need {
    fn from(n: u64) -> Self {
        Need([n as u32, (n >> 32) as u32])
    }
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<CLink>() == 48);

/// A link row, compact.
#[derive(Clone, Debug, Default)]
#[expect(
    missing_docs,
    reason = "the fields of the format (docs/inventory-format.md)"
)]
pub struct CLink {
    pub from: Option<Sym>,
    pub to: Option<TargetRange>,
    pub kind: Option<Sym>,
    pub need: Option<Need>,
    pub interface: Option<Sym>,
    pub open: Option<bool>,
    pub source: Option<Sym>,
    pub notes: Option<Sym>,
}

/// A share row, compact, with the id of the asset it stands for (made from its fields by
/// [`crate::vocab::share_asset_id`], so that it resolves like any asset id).
#[derive(Clone, Debug, PartialEq)]
#[expect(
    missing_docs,
    reason = "the fields of the format (docs/inventory-format.md)"
)]
pub struct CShare {
    pub id: Sym,
    pub operator: Option<Sym>,
    pub domain: Option<Sym>,
    pub supplier: Option<Sym>,
    pub share: Option<f64>,
    pub weight: Option<f64>,
    pub generation: Option<Sym>,
    pub sensitive: Option<bool>,
    pub source: Option<Sym>,
    pub notes: Option<Sym>,
}

/// The compact rows of one source.
#[derive(Debug, Default)]
pub struct CompactFile {
    /// Index of the source in the list the loader read.
    pub source: usize,
    /// Supplier rows.
    pub suppliers: Vec<CSupplier>,
    /// Operator rows.
    pub operators: Vec<COperator>,
    /// Asset rows.
    pub assets: Vec<CAsset>,
    /// Link rows.
    pub links: Vec<CLink>,
    /// Share rows.
    pub shares: Vec<CShare>,
    /// The targets of every link, each link's a range.
    pub targets: Vec<Sym>,
    /// Rows that failed to parse (holding only their id).
    pub broken: HashSet<(Table, usize)>,
    /// Problems of the file as a whole, reported with validation's.
    pub notes: Vec<Diagnostic>,
}

impl CompactFile {
    /// The targets of a link.
    pub fn targets(&self, r: TargetRange) -> &[Sym] {
        &self.targets[r.start as usize..(r.start + r.len) as usize]
    }

    /// Compacts the rows of a parsed file, interning its strings in `strings`. The locator
    /// is not kept: a file is located again from its source when it has a problem.
    pub fn new(parsed: &ParsedFile<'_>, strings: &mut Interner) -> CompactFile {
        let raw = &parsed.raw;
        let mut out = CompactFile {
            source: parsed.source,
            suppliers: raw.suppliers.iter().map(|r| supplier(r, strings)).collect(),
            operators: raw.operators.iter().map(|r| operator(r, strings)).collect(),
            assets: raw.assets.iter().map(|r| asset(r, strings)).collect(),
            shares: raw.shares.iter().map(|r| share(r, strings)).collect(),
            broken: parsed.broken.clone(),
            notes: parsed.notes.clone(),
            ..CompactFile::default()
        };
        let n_targets = raw
            .links
            .iter()
            .map(|l| l.to.as_ref().map_or(0, |t| t.0.len()))
            .sum();
        out.targets.reserve_exact(n_targets);
        out.links.reserve_exact(raw.links.len());
        for r in &raw.links {
            let l = link(r, &mut out.targets, strings);
            out.links.push(l);
        }
        out
    }

    /// Renumbers the file's symbols: `map[local.index()]` is the global symbol.
    pub(super) fn remap(&mut self, map: &[Sym]) {
        let m = |s: &mut Option<Sym>| {
            if let Some(x) = s {
                *x = map[x.index()];
            }
        };
        for r in &mut self.suppliers {
            for f in [
                &mut r.id,
                &mut r.name,
                &mut r.country,
                &mut r.risk,
                &mut r.group,
                &mut r.source,
                &mut r.notes,
            ] {
                m(f);
            }
        }
        for r in &mut self.operators {
            for f in [
                &mut r.id,
                &mut r.name,
                &mut r.country,
                &mut r.source,
                &mut r.notes,
            ] {
                m(f);
            }
        }
        for r in &mut self.assets {
            for f in [
                &mut r.id,
                &mut r.operator,
                &mut r.function,
                &mut r.supplier,
                &mut r.domain,
                &mut r.generation,
                &mut r.location,
                &mut r.site,
                &mut r.region,
                &mut r.name,
                &mut r.source,
                &mut r.notes,
            ] {
                m(f);
            }
        }
        for r in &mut self.links {
            for f in [
                &mut r.from,
                &mut r.kind,
                &mut r.interface,
                &mut r.source,
                &mut r.notes,
            ] {
                m(f);
            }
        }
        for r in &mut self.shares {
            r.id = map[r.id.index()];
            for f in [
                &mut r.operator,
                &mut r.domain,
                &mut r.supplier,
                &mut r.generation,
                &mut r.source,
                &mut r.notes,
            ] {
                m(f);
            }
        }
        for t in &mut self.targets {
            *t = map[t.index()];
        }
    }
}

pub(super) fn supplier(r: &RawSupplier<'_>, s: &mut Interner) -> CSupplier {
    CSupplier {
        id: s.opt(r.id.as_deref()),
        name: s.opt(r.name.as_deref()),
        country: s.opt(r.country.as_deref()),
        risk: s.opt(r.risk.as_deref()),
        group: s.opt(r.group.as_deref()),
        source: s.opt(r.source.as_deref()),
        notes: s.opt(r.notes.as_deref()),
    }
}

pub(super) fn operator(r: &RawOperator<'_>, s: &mut Interner) -> COperator {
    COperator {
        id: s.opt(r.id.as_deref()),
        name: s.opt(r.name.as_deref()),
        country: s.opt(r.country.as_deref()),
        subscribers: r.subscribers,
        source: s.opt(r.source.as_deref()),
        notes: s.opt(r.notes.as_deref()),
    }
}

pub(super) fn asset(r: &RawAsset<'_>, s: &mut Interner) -> CAsset {
    CAsset {
        id: s.opt(r.id.as_deref()),
        operator: s.opt(r.operator.as_deref()),
        function: s.opt(r.function.as_deref()),
        supplier: s.opt(r.supplier.as_deref()),
        domain: s.opt(r.domain.as_deref()),
        weight: r.weight,
        generation: s.opt(r.generation.as_deref()),
        sensitive: r.sensitive,
        location: s.opt(r.location.as_deref()),
        site: s.opt(r.site.as_deref()),
        region: s.opt(r.region.as_deref()),
        name: s.opt(r.name.as_deref()),
        source: s.opt(r.source.as_deref()),
        notes: s.opt(r.notes.as_deref()),
    }
}

pub(super) fn share(r: &RawShare<'_>, s: &mut Interner) -> CShare {
    let id = crate::vocab::share_asset_id(
        r.operator.as_deref().unwrap_or(""),
        r.domain.as_deref().unwrap_or(""),
        r.supplier.as_deref().unwrap_or(""),
        r.generation.as_deref(),
    );
    CShare {
        id: s.intern(&id),
        operator: s.opt(r.operator.as_deref()),
        domain: s.opt(r.domain.as_deref()),
        supplier: s.opt(r.supplier.as_deref()),
        share: r.share,
        weight: r.weight,
        generation: s.opt(r.generation.as_deref()),
        sensitive: r.sensitive,
        source: s.opt(r.source.as_deref()),
        notes: s.opt(r.notes.as_deref()),
    }
}

pub(super) fn link(r: &RawLink<'_>, targets: &mut Vec<Sym>, s: &mut Interner) -> CLink {
    let to = r.to.as_ref().map(|t| {
        let start = targets.len() as u32;
        targets.extend(t.0.iter().map(|x| s.intern(x)));
        TargetRange {
            start,
            len: t.0.len() as u32,
        }
    });
    CLink {
        from: s.opt(r.from.as_deref()),
        to,
        kind: s.opt(r.kind.as_deref()),
        need: r.need.map(Need::from),
        interface: s.opt(r.interface.as_deref()),
        open: r.open,
        source: s.opt(r.source.as_deref()),
        notes: s.opt(r.notes.as_deref()),
    }
}

/// The link rows of one file, taken out of it to be freed as soon as they are checked.
#[derive(Debug, Default)]
pub struct LinkRows {
    /// Link rows.
    pub links: Vec<CLink>,
    /// The targets of every link, each link's a range.
    pub targets: Vec<Sym>,
}

impl LinkRows {
    /// The targets of a link.
    pub fn targets(&self, r: TargetRange) -> &[Sym] {
        &self.targets[r.start as usize..(r.start + r.len) as usize]
    }
}

/// The compact rows of every file, with their strings.
#[derive(Debug, Default)]
pub struct Rows {
    /// Every string of every file.
    pub strings: Interner,
    /// The files, in input order.
    pub files: Vec<CompactFile>,
}

impl Rows {
    /// Adds files compacted each with its own interner, in order: their strings join the
    /// global ones file after file ([`Interner::absorb`]), then the files' symbols are
    /// renumbered in parallel.
    pub fn extend(&mut self, files: Vec<(CompactFile, Interner)>) {
        let maps = self.strings.absorb(files.iter().map(|(_, local)| local));
        let mut files: Vec<CompactFile> = files.into_iter().map(|(f, _)| f).collect();
        files
            .par_iter_mut()
            .zip(&maps)
            .for_each(|(f, map)| f.remap(map));
        self.files.extend(files);
    }

    /// Frees the asset rows of every file (once they are checked).
    pub fn drop_assets(&mut self) {
        for f in &mut self.files {
            f.assets = Vec::new();
        }
    }

    /// Takes the link rows out of every file, in file order.
    pub fn take_links(&mut self) -> Vec<LinkRows> {
        self.files
            .iter_mut()
            .map(|f| LinkRows {
                links: std::mem::take(&mut f.links),
                targets: std::mem::take(&mut f.targets),
            })
            .collect()
    }

    /// The string of a symbol.
    #[inline]
    pub fn str(&self, s: Sym) -> &str {
        self.strings.get(s)
    }
}

/// The path and text of every file of the fixture directories `dirs` whose name ends in
/// `.ext`, in order: the valid fixtures the fast paths are checked on.
#[cfg(test)]
pub(super) fn fixture_texts(dirs: &[&str], ext: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in dirs {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("fixture dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("fixture");
            files.push((p.display().to_string(), text));
        }
    }
    files
}

/// The file's rows with symbols numbered in the sorted order of their strings, for tests
/// that compare the rows of two paths whatever order their strings were interned in.
#[cfg(test)]
pub(super) fn canonical(mut file: CompactFile, local: &Interner) -> String {
    let mut strs: Vec<&str> = (0..local.len())
        .map(|i| local.get(Sym::from_index(i)))
        .collect();
    strs.sort_unstable();
    let mut sorted = Interner::default();
    for s in &strs {
        sorted.intern(s);
    }
    let map: Vec<Sym> = (0..local.len())
        .map(|i| sorted.intern(local.get(Sym::from_index(i))))
        .collect();
    file.remap(&map);
    format!("{file:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_one_symbol_per_string() {
        let mut i = Interner::default();
        let a = i.intern("a");
        let b = i.intern("bc");
        assert_eq!(i.intern("a"), a);
        assert_ne!(a, b);
        assert_eq!(i.get(b), "bc");
        assert_eq!(i.get(a), "a");
        assert_eq!(i.find("bc"), Some(b));
        assert_eq!(i.find("x"), None);
        let e = i.intern("");
        assert_eq!(i.get(e), "");
        assert_eq!(i.len(), 3);
        i.truncate(1);
        assert_eq!((i.len(), i.find("bc"), i.find("a")), (1, None, Some(a)));
        assert_eq!(i.intern("x"), b);
        assert_eq!(i.get(b), "x");
    }

    #[test]
    fn merged_files_share_symbols() {
        let mut rows = Rows::default();
        let mut files = Vec::new();
        for ids in [["x", "y"], ["y", "z"]] {
            let mut local = Interner::default();
            let mut f = CompactFile::default();
            for id in ids {
                f.assets.push(CAsset {
                    id: Some(local.intern(id)),
                    ..CAsset::default()
                });
            }
            files.push((f, local));
        }
        rows.extend(files);
        let y0 = rows.files[0].assets[1].id.unwrap();
        let y1 = rows.files[1].assets[0].id.unwrap();
        assert_eq!(y0, y1);
        assert_eq!(rows.str(y0), "y");
        assert_eq!(rows.strings.len(), 3);
    }
}
