//! What an importer produces: owned rows, each with its `source`, and the tally of what was
//! imported and what was skipped. Written through the one `vendorgraph/1` writer (`export`)
//! and validated by the loader's own entry point before anything is written.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{Diagnostic, Location};
use crate::export::{AssetRow, JsonWriter, LinkRow, OperatorRow, SupplierRow, Table, Targets};
use crate::model::Inventory;
use crate::vocab::{Generation, LinkKind, Risk, is_valid_id};

use super::map::{ImportMap, OperatorSpec, SupplierSpec};

/// One imported asset. Links refer to assets by index; ids are given at the end, so that
/// they do not depend on the order files were read in.
#[derive(Clone, Debug, Default)]
pub struct Asset {
    /// The id wanted (made an identifier and unique at the end).
    pub id: String,
    /// Operator id.
    pub operator: String,
    /// Vocabulary function.
    pub function: &'static str,
    /// Supplier id.
    pub supplier: String,
    /// Weight (cells for radio units), when not 1.
    pub weight: Option<f64>,
    /// Generation, when the function does not imply it.
    pub generation: Option<Generation>,
    /// Display name.
    pub name: Option<String>,
    /// Site.
    pub site: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// The file and the element it came from.
    pub source: String,
    /// Remarks.
    pub notes: Option<String>,
}

/// One imported link, between assets by index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// The dependent asset.
    pub from: usize,
    /// Its alternatives (sorted, distinct).
    pub to: Vec<usize>,
    /// The kind.
    pub kind: LinkKind,
    /// Interface label.
    pub interface: Option<String>,
    /// The file and the elements it came from.
    pub source: String,
}

/// How many elements of each class (or NetBox model) were imported, as what, and how many
/// were skipped, and why; with one example of each, so that nothing is dropped unseen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// (class, what it became) -> count.
    pub imported: BTreeMap<(String, String), u64>,
    /// (class, why it was skipped) -> (count, the smallest example element).
    pub skipped: BTreeMap<(String, String), (u64, String)>,
}

impl Tally {
    /// Counts an element imported as `what`.
    pub fn imported(&mut self, class: &str, what: impl Into<String>) {
        *self
            .imported
            .entry((class.to_owned(), what.into()))
            .or_default() += 1;
    }

    /// Counts an element skipped, with the reason and the element.
    pub fn skipped(&mut self, class: &str, why: impl Into<String>, element: &str) {
        let e = self
            .skipped
            .entry((class.to_owned(), why.into()))
            .or_insert_with(|| (0, element.to_owned()));
        e.0 += 1;
        if element < e.1.as_str() {
            e.1 = element.to_owned();
        }
    }
}

/// The rows an importer built, with its tally and diagnostics.
#[derive(Debug, Default)]
pub struct Imported {
    /// Suppliers used, by id, with the source of their first use.
    pub suppliers: BTreeMap<String, (SupplierSpec, String)>,
    /// Operators used, by id, with their source.
    pub operators: BTreeMap<String, (OperatorSpec, String)>,
    /// Assets.
    pub assets: Vec<Asset>,
    /// Links.
    pub links: Vec<Link>,
    /// What was imported and skipped.
    pub tally: Tally,
    /// Problems: errors (malformed input, exit 2) and warnings (unresolved references).
    pub diagnostics: Vec<Diagnostic>,
}

/// The table counts of an import, as the dry run announces them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Suppliers.
    pub suppliers: usize,
    /// Operators.
    pub operators: usize,
    /// Assets.
    pub assets: usize,
    /// Links.
    pub links: usize,
}

impl Imported {
    /// Marks a supplier of the map as used; `source` names where (the smallest one is kept,
    /// whatever the file order).
    pub fn use_supplier(&mut self, map: &ImportMap, id: &str, source: String) {
        let Some(spec) = map.suppliers.get(id) else {
            return;
        };
        keep_smallest(&mut self.suppliers, id, spec.clone(), source);
    }

    /// Marks an operator as used.
    pub fn use_operator(&mut self, id: &str, spec: OperatorSpec, source: String) {
        keep_smallest(&mut self.operators, id, spec, source);
    }

    /// Adds an asset; returns its index.
    pub fn push_asset(&mut self, asset: Asset) -> usize {
        self.assets.push(asset);
        self.assets.len() - 1
    }

    /// The table counts.
    pub fn counts(&self) -> Counts {
        Counts {
            suppliers: self.suppliers.len(),
            operators: self.operators.len(),
            assets: self.assets.len(),
            links: self.links.len(),
        }
    }

    /// Whether an error was found (malformed input, an operator without a country).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The ids of the assets: each made an identifier and unique, in an order that does
    /// not depend on the order of the input files (ties broken by source).
    pub fn asset_ids(&self) -> Vec<String> {
        let mut order: Vec<usize> = (0..self.assets.len()).collect();
        let wanted: Vec<String> = self.assets.iter().map(|a| to_id(&a.id)).collect();
        order.sort_by(|&a, &b| {
            (&wanted[a], &self.assets[a].source).cmp(&(&wanted[b], &self.assets[b].source))
        });
        let mut ids = vec![String::new(); self.assets.len()];
        let mut seen: HashMap<String, u32> = HashMap::new();
        for i in order {
            let mut id = wanted[i].clone();
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let suffix = format!(".{n}");
                id.truncate(128 - suffix.len());
                id.push_str(&suffix);
            }
            ids[i] = id;
        }
        ids
    }

    /// The inventory as one `vendorgraph/1` JSON document, through the one writer; every
    /// list sorted, so that the bytes do not depend on the order files were read in.
    pub fn to_json(&self) -> String {
        let ids = self.asset_ids();
        let mut out = JsonWriter::new(Vec::new()).expect("writing to a Vec");
        let write = |out: &mut JsonWriter<Vec<u8>>| -> std::io::Result<()> {
            if !self.suppliers.is_empty() {
                out.begin(Table::Suppliers)?;
                for (id, (s, source)) in &self.suppliers {
                    out.row(&SupplierRow {
                        id,
                        name: s.name.as_deref(),
                        country: &s.country,
                        risk: s.risk.as_deref().and_then(Risk::parse).unwrap_or_default(),
                        group: s.group.as_deref(),
                        source: Some(source),
                        notes: None,
                    })?;
                }
                out.end()?;
            }
            if !self.operators.is_empty() {
                out.begin(Table::Operators)?;
                for (id, (o, source)) in &self.operators {
                    out.row(&OperatorRow {
                        id,
                        name: o.name.as_deref(),
                        country: &o.country,
                        subscribers: o.subscribers,
                        source: Some(source),
                        notes: None,
                    })?;
                }
                out.end()?;
            }
            if !self.assets.is_empty() {
                out.begin(Table::Assets)?;
                let mut order: Vec<usize> = (0..self.assets.len()).collect();
                order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
                for i in order {
                    out.row(&asset_row(&self.assets[i], &ids[i]))?;
                }
                out.end()?;
            }
            if !self.links.is_empty() {
                out.begin(Table::Links)?;
                for (from, to, l) in self.sorted_links(&ids) {
                    let mut row = LinkRow::new(&ids[from], Targets::Strings(&to), l.kind);
                    row.interface = l.interface.as_deref();
                    row.source = Some(&l.source);
                    out.row(&row)?;
                }
                out.end()?;
            }
            Ok(())
        };
        // Writing into a Vec cannot fail.
        let _ = write(&mut out);
        let bytes = out.finish().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Links with their targets' ids, sorted by (from, kind, interface, targets).
    fn sorted_links<'a>(&'a self, ids: &[String]) -> Vec<(usize, Vec<String>, &'a Link)> {
        let mut links: Vec<(usize, Vec<String>, &Link)> = self
            .links
            .iter()
            .map(|l| {
                let mut to: Vec<String> = l.to.iter().map(|&t| ids[t].clone()).collect();
                to.sort();
                (l.from, to, l)
            })
            .collect();
        links.sort_by(|a, b| {
            (&ids[a.0], a.2.kind.as_str(), &a.2.interface, &a.1).cmp(&(
                &ids[b.0],
                b.2.kind.as_str(),
                &b.2.interface,
                &b.1,
            ))
        });
        links
    }
}

fn asset_row<'a>(a: &'a Asset, id: &'a str) -> AssetRow<'a> {
    AssetRow {
        id,
        operator: &a.operator,
        function: a.function,
        supplier: &a.supplier,
        domain: None,
        weight: a.weight,
        generation: a.generation,
        sensitive: false,
        name: a.name.as_deref(),
        location: None,
        site: a.site.as_deref(),
        region: a.region.as_deref(),
        source: Some(&a.source),
        notes: a.notes.as_deref(),
    }
}

fn keep_smallest<T>(table: &mut BTreeMap<String, (T, String)>, id: &str, spec: T, source: String) {
    match table.get_mut(id) {
        Some((_, s)) if source < *s => *s = source,
        Some(_) => {}
        None => {
            table.insert(id.to_owned(), (spec, source));
        }
    }
}

/// A name made an identifier: every character outside `A-Z a-z 0-9 . _ : -` becomes `-`
/// (runs of them one), cut to 128 characters; an empty name gives `x`.
pub fn to_id(name: &str) -> String {
    if is_valid_id(name) {
        return name.to_owned();
    }
    let mut id = String::with_capacity(name.len());
    for c in name.trim().chars() {
        let ok = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-');
        if ok {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-');
    let mut id: String = id.chars().take(128).collect();
    if id.is_empty() {
        id.push('x');
    }
    id
}

/// Validates the JSON text of an import exactly as `validate` would load it, naming it
/// `name` in diagnostics.
pub fn validate_json(name: &str, text: String) -> (Option<Inventory>, Vec<Diagnostic>) {
    let sources = vec![crate::inventory::Source::json(name, text)];
    let mut diags = Vec::new();
    let parsed: Vec<_> = crate::inventory::parse_source(0, &sources[0], &mut diags)
        .into_iter()
        .collect();
    let fatal = parsed.is_empty();
    crate::load::validate_parsed(&sources, &parsed, diags, fatal)
}

/// A location in an input file.
pub fn located(file: &str, line: u64, column: u64) -> Location {
    Location {
        file: file.to_owned(),
        line: Some(line),
        column: Some(column),
        path: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_identifiers() {
        assert_eq!(to_id("op-a:gnb-1"), "op-a:gnb-1");
        assert_eq!(to_id("Dunder-Mifflin, Inc."), "Dunder-Mifflin-Inc.");
        assert_eq!(to_id("  "), "x");
        assert_eq!(to_id(&"é".repeat(300)), "x");
        assert_eq!(to_id(&"a b".repeat(100)).len(), 128);
    }

    #[test]
    fn colliding_ids_are_made_unique_whatever_the_order() {
        let mut imp = Imported::default();
        for (id, source) in [("a b", "f#2"), ("a-b", "f#1"), ("a_b", "f#3")] {
            imp.push_asset(Asset {
                id: id.into(),
                source: source.into(),
                ..Asset::default()
            });
        }
        assert_eq!(imp.asset_ids(), ["a-b.2", "a-b", "a_b"]);
    }
}
