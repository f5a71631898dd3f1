//! The validation rules of inventory format 1, applied to every row of every file.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostics::{self, Code, Diagnostic, Location};
use crate::inventory::{
    ParsedFile, RawAsset, RawLink, RawOperator, RawSupplier, Source, SourceKind, Table, locate_key,
};
use crate::model::{
    Asset, AssetIx, AssetText, Country, DomainIx, FunctionIx, Inventory, Link, Operator,
    OperatorIx, Provenance, Supplier, SupplierIx,
};
use crate::vocab::{self, Generation, LinkKind, Risk};

use super::locate::{Pending, Site, resolve};

/// The format every JSON file must declare.
pub const FORMAT: &str = "vendorgraph/1";

/// Validates parsed files and builds the inventory.
///
/// Returns the inventory when there is no error, and every diagnostic (errors and
/// warnings), sorted. Runs in time linear in the number of rows (hash maps for ids, one
/// sort per table).
pub fn validate(
    sources: &[Source],
    files: &[ParsedFile<'_>],
) -> (Option<Inventory>, Vec<Diagnostic>) {
    let names = files
        .iter()
        .map(|f| sources[f.source].name.clone())
        .collect();
    let mut v = Validator {
        p: Vec::new(),
        direct: Vec::new(),
        names,
    };
    for file in files {
        v.check_format(file, &sources[file.source]);
    }
    let inventory = v.build(files);
    let mut diags = resolve(v.p, files, sources);
    diags.extend(v.direct);
    diagnostics::sort(&mut diags);
    let ok = !diags.iter().any(Diagnostic::is_error);
    (inventory.filter(|_| ok), diags)
}

/// A row of a file, in 8 bytes (a `Site` without field), for tables of millions of rows.
#[derive(Clone, Copy)]
struct RowRef {
    file: u32,
    index: u32,
}

impl RowRef {
    fn site(self, table: Table) -> Site {
        Site {
            file: self.file,
            table,
            index: self.index,
            field: None,
            elem: None,
        }
    }
}

struct Validator {
    p: Vec<Pending>,
    direct: Vec<Diagnostic>,
    // File name of each parsed file, for messages that point at another row.
    names: Vec<String>,
}

/// Rows of one table from every file, with their sites, skipping rows that did not parse.
fn rows<'f, 'a: 'f, T: 'f>(
    files: &'f [ParsedFile<'a>],
    table: Table,
    get: impl Fn(&'f ParsedFile<'a>) -> &'f [T],
) -> impl Iterator<Item = (Site, &'f T)> {
    files.iter().enumerate().flat_map(move |(fi, f)| {
        get(f)
            .iter()
            .enumerate()
            .filter(move |(i, _)| f.broken.is_empty() || !f.broken.contains(&(table, *i)))
            .map(move |(i, r)| {
                (
                    Site {
                        file: fi as u32,
                        table,
                        index: i as u32,
                        field: None,
                        elem: None,
                    },
                    r,
                )
            })
    })
}

fn text(v: &Option<Cow<'_, str>>) -> Option<Box<str>> {
    v.as_deref().map(Box::from)
}

fn provenance(source: &Option<Cow<'_, str>>, notes: &Option<Cow<'_, str>>) -> Provenance {
    Provenance {
        source: text(source),
        notes: text(notes),
    }
}

fn describe(names: &[String], site: Site) -> String {
    format!(
        "{}[{}] in {}",
        site.table.name(),
        site.index,
        names[site.file as usize]
    )
}

impl Validator {
    fn err(&mut self, site: Site, code: Code, message: String) {
        self.p.push(Pending {
            site,
            code,
            message,
        });
    }

    fn check_format(&mut self, file: &ParsedFile<'_>, source: &Source) {
        if source.kind != SourceKind::Json {
            return;
        }
        match file.raw.format.as_deref() {
            None if file.format_broken => {}
            None => self.direct.push(Diagnostic::new(
                Code::MissingFormat,
                format!(
                    "missing \"format\": every JSON inventory starts with \"format\": \"{FORMAT}\""
                ),
                Some(Location {
                    file: source.name.clone(),
                    line: Some(1),
                    column: Some(1),
                    path: None,
                }),
            )),
            Some(FORMAT) => {}
            Some(other) => {
                let (line, column) = locate_key(&source.text, "format");
                self.direct.push(Diagnostic::new(
                    Code::UnknownFormat,
                    format!("unknown format \"{other}\", expected \"{FORMAT}\""),
                    Some(Location {
                        file: source.name.clone(),
                        line: Some(line),
                        column: Some(column),
                        path: Some("format".into()),
                    }),
                ));
            }
        }
    }

    /// Checks a required id field: present and well formed.
    fn id<'r>(
        &mut self,
        site: Site,
        field: &'static str,
        what: &str,
        v: &'r Option<Cow<'_, str>>,
    ) -> Option<&'r str> {
        match v.as_deref() {
            None | Some("") => {
                self.err(
                    site,
                    Code::MissingField,
                    format!("{what} has no \"{field}\""),
                );
                None
            }
            Some(s) if !vocab::is_valid_id(s) => {
                self.err(
                    site.at(field),
                    Code::BadId,
                    format!(
                        "invalid id \"{}\": ids are 1 to 128 characters of A-Z a-z 0-9 . _ : -",
                        shorten(s)
                    ),
                );
                None
            }
            Some(s) => Some(s),
        }
    }

    fn country(
        &mut self,
        site: Site,
        field: &'static str,
        what: &Named<'_>,
        v: &Option<Cow<'_, str>>,
        required: bool,
    ) -> Option<Country> {
        match v.as_deref() {
            None if required => {
                self.err(
                    site,
                    Code::MissingField,
                    format!("{what} has no \"{field}\""),
                );
                None
            }
            None => None,
            Some(c) if vocab::is_iso_country(c) => Some(Country::new(c)),
            Some(c) => {
                let hint = if c.len() == 2 && vocab::is_iso_country(&c.to_ascii_uppercase()) {
                    format!(" (did you mean \"{}\"?)", c.to_ascii_uppercase())
                } else if c == "UK" {
                    " (the ISO code of the United Kingdom is \"GB\")".to_owned()
                } else {
                    String::new()
                };
                self.err(
                    site.at(field),
                    Code::BadCountry,
                    format!(
                        "{what} has {field} \"{}\", which is not an ISO 3166-1 alpha-2 code{hint}",
                        shorten(c)
                    ),
                );
                None
            }
        }
    }

    fn build(&mut self, files: &[ParsedFile<'_>]) -> Option<Inventory> {
        // Ids of rows that failed to parse: references to them are not dangling.
        let mut broken: FxHashMap<(Table, &str), Site> = FxHashMap::default();
        for (fi, f) in files.iter().enumerate() {
            for &(table, i) in &f.broken {
                let id = match table {
                    Table::Suppliers => f.raw.suppliers[i].id.as_deref(),
                    Table::Operators => f.raw.operators[i].id.as_deref(),
                    Table::Assets => f.raw.assets[i].id.as_deref(),
                    Table::Links => None,
                };
                if let Some(id) = id {
                    let site = Site {
                        file: fi as u32,
                        table,
                        index: i as u32,
                        field: None,
                        elem: None,
                    };
                    broken.insert((table, id), site);
                }
            }
        }
        // Suppliers.
        let mut sup_first: FxHashMap<&str, Site> = broken
            .iter()
            .filter(|((t, _), _)| *t == Table::Suppliers)
            .map(|((_, id), s)| (*id, *s))
            .collect();
        let mut sups: Vec<(&str, Site, &RawSupplier<'_>, Country, Risk)> = Vec::new();
        for (site, r) in rows(files, Table::Suppliers, |f| &f.raw.suppliers) {
            let id = self.id(site, "id", "supplier", &r.id);
            if let (None, Some(bad)) = (id, r.id.as_deref()) {
                // Reported as bad-id; references to it are not dangling too.
                sup_first.insert(bad, site);
            }
            let country = self.country(
                site,
                "country",
                &Named("supplier", id.unwrap_or("?")),
                &r.country,
                true,
            );
            let risk = match r.risk.as_deref() {
                None => Some(Risk::Unassessed),
                Some(s) => Risk::parse(s).or_else(|| {
                    self.err(
                        site.at("risk"),
                        Code::UnknownRisk,
                        format!(
                            "unknown risk \"{}\", expected high, medium, low or unassessed",
                            shorten(s)
                        ),
                    );
                    None
                }),
            };
            let Some(id) = id else { continue };
            if let Some(first) = sup_first
                .get(id)
                .filter(|_| !broken.contains_key(&(Table::Suppliers, id)))
            {
                let msg = format!(
                    "duplicate supplier id \"{id}\" (first defined at {})",
                    describe(&self.names, *first)
                );
                self.err(site.at("id"), Code::DuplicateId, msg);
                continue;
            }
            sup_first.insert(id, site);
            if let (Some(c), Some(risk)) = (country, risk) {
                sups.push((id, site, r, c, risk));
            }
        }
        sups.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let sup_ix: FxHashMap<&str, SupplierIx> = sups
            .iter()
            .enumerate()
            .map(|(i, s)| (s.0, SupplierIx(i as u32)))
            .collect();
        let mut suppliers: Vec<Supplier> = Vec::with_capacity(sups.len());
        for (id, site, r, country, risk) in &sups {
            let group = match r.group.as_deref() {
                None => None,
                Some(g) => {
                    match sup_ix.get(g) {
                        Some(&ix) => Some(ix),
                        None => {
                            if !sup_first.contains_key(g) {
                                self.err(site.at("group"), Code::DanglingReference, format!("supplier \"{id}\" has group \"{}\", which is not a supplier", shorten(g)));
                            }
                            None
                        }
                    }
                }
            };
            suppliers.push(Supplier {
                id: (*id).into(),
                name: text(&r.name),
                country: *country,
                risk: *risk,
                group,
                provenance: provenance(&r.source, &r.notes),
            });
        }
        self.group_cycles(&suppliers, &sups.iter().map(|s| s.1).collect::<Vec<_>>());

        // Operators.
        let mut op_first: FxHashMap<&str, Site> = broken
            .iter()
            .filter(|((t, _), _)| *t == Table::Operators)
            .map(|((_, id), s)| (*id, *s))
            .collect();
        let mut ops: Vec<(&str, Site, &RawOperator<'_>, Country)> = Vec::new();
        for (site, r) in rows(files, Table::Operators, |f| &f.raw.operators) {
            let id = self.id(site, "id", "operator", &r.id);
            if let (None, Some(bad)) = (id, r.id.as_deref()) {
                op_first.insert(bad, site);
            }
            let country = self.country(
                site,
                "country",
                &Named("operator", id.unwrap_or("?")),
                &r.country,
                true,
            );
            let Some(id) = id else { continue };
            if let Some(first) = op_first
                .get(id)
                .filter(|_| !broken.contains_key(&(Table::Operators, id)))
            {
                let msg = format!(
                    "duplicate operator id \"{id}\" (first defined at {})",
                    describe(&self.names, *first)
                );
                self.err(site.at("id"), Code::DuplicateId, msg);
                continue;
            }
            op_first.insert(id, site);
            if let Some(c) = country {
                ops.push((id, site, r, c));
            }
        }
        ops.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let op_ix: FxHashMap<&str, OperatorIx> = ops
            .iter()
            .enumerate()
            .map(|(i, s)| (s.0, OperatorIx(i as u32)))
            .collect();
        let operators: Vec<Operator> = ops
            .iter()
            .map(|(id, _, r, country)| Operator {
                id: (*id).into(),
                name: text(&r.name),
                country: *country,
                subscribers: r.subscribers,
                provenance: provenance(&r.source, &r.notes),
            })
            .collect();

        // Assets.
        let n_assets: usize = files.iter().map(|f| f.raw.assets.len()).sum();
        let mut asset_first: FxHashMap<&str, u32> =
            FxHashMap::with_capacity_and_hasher(n_assets, Default::default());
        let mut asset_sites: Vec<Site> = Vec::with_capacity(n_assets);
        let mut assets: Vec<(&str, Option<Asset>)> = Vec::with_capacity(n_assets);
        let mut functions: FxHashMap<String, u32> = FxHashMap::default();
        let mut domains: FxHashMap<String, u32> = FxHashMap::default();
        for (site, r) in rows(files, Table::Assets, |f| &f.raw.assets) {
            let id = self.id(site, "id", "asset", &r.id);
            if let (None, Some(bad)) = (id, r.id.as_deref()) {
                broken.insert((Table::Assets, bad), site);
            }
            let asset = self.asset(
                site,
                id.unwrap_or("?"),
                r,
                &op_ix,
                &op_first,
                &sup_ix,
                &sup_first,
                &mut functions,
                &mut domains,
            );
            let Some(id) = id else { continue };
            if let Some(&first) = asset_first.get(id) {
                let msg = format!(
                    "duplicate asset id \"{id}\" (first defined at {})",
                    describe(&self.names, asset_sites[first as usize])
                );
                self.err(site.at("id"), Code::DuplicateId, msg);
                continue;
            }
            asset_first.insert(id, assets.len() as u32);
            asset_sites.push(site);
            assets.push((id, asset));
        }
        // Rank assets by id: the inventory's asset order.
        let mut order: Vec<u32> = (0..assets.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| assets[a as usize].0.cmp(assets[b as usize].0));
        let mut rank = vec![0u32; assets.len()];
        for (r, &pre) in order.iter().enumerate() {
            rank[pre as usize] = r as u32;
        }

        // Links: one slot per link row, filled file by file in parallel (the checks only
        // read the id maps), then compacted in place. No vector of millions of links is
        // grown by doubling or copied into another.
        let n_links: usize = files.iter().map(|f| f.raw.links.len()).sum();
        let mut slots: Vec<Option<(RowRef, Link)>> = Vec::with_capacity(n_links);
        slots.resize_with(n_links, || None);
        let mut chunks: Vec<&mut [Option<(RowRef, Link)>]> = Vec::with_capacity(files.len());
        let mut rest = slots.as_mut_slice();
        for f in files {
            let (head, tail) = rest.split_at_mut(f.raw.links.len());
            chunks.push(head);
            rest = tail;
        }
        let problems: Vec<Vec<Pending>> = files
            .par_iter()
            .zip(chunks.into_par_iter())
            .enumerate()
            .map(|(fi, (f, chunk))| {
                let mut v = Validator {
                    p: Vec::new(),
                    direct: Vec::new(),
                    names: Vec::new(),
                };
                for (i, (r, slot)) in f.raw.links.iter().zip(chunk.iter_mut()).enumerate() {
                    if !f.broken.is_empty() && f.broken.contains(&(Table::Links, i)) {
                        continue;
                    }
                    let site = Site {
                        file: fi as u32,
                        table: Table::Links,
                        index: i as u32,
                        field: None,
                        elem: None,
                    };
                    *slot = v.link(site, r, &asset_first, &rank, &broken).map(|link| {
                        (
                            RowRef {
                                file: site.file,
                                index: site.index,
                            },
                            link,
                        )
                    });
                }
                v.p
            })
            .collect();
        for p in problems {
            self.p.extend(p);
        }
        // Collected in place: `Option<(RowRef, Link)>` has the size of its content, and
        // `filter_map` reuses the vector's memory where `flatten` was measured not to.
        #[expect(clippy::filter_map_identity, reason = "filter_map collects in place")]
        let mut links: Vec<(RowRef, Link)> = slots.into_iter().filter_map(|s| s).collect();

        if self
            .p
            .iter()
            .any(|p| p.code.severity() == diagnostics::Severity::Error)
            || self.direct.iter().any(Diagnostic::is_error)
            // Rows that did not parse were reported while reading; rows that refer to
            // them were dropped without a second error, so there is nothing to assemble.
            || files.iter().any(|f| !f.broken.is_empty())
        {
            return None;
        }

        // Everything resolved: assemble in sorted order.
        let mut fn_names: Vec<(String, u32)> = functions.into_iter().collect();
        fn_names.sort();
        let mut fn_map = vec![0u32; fn_names.len()];
        for (i, (_, old)) in fn_names.iter().enumerate() {
            fn_map[*old as usize] = i as u32;
        }
        let mut dom_names: Vec<(String, u32)> = domains.into_iter().collect();
        dom_names.sort();
        let mut dom_map = vec![0u32; dom_names.len()];
        for (i, (_, old)) in dom_names.iter().enumerate() {
            dom_map[*old as usize] = i as u32;
        }
        let mut slots: Vec<Option<Asset>> = assets.into_iter().map(|(_, a)| a).collect();
        let sorted_sites: Vec<Site> = order.iter().map(|&pre| asset_sites[pre as usize]).collect();
        let assets: Vec<Asset> = order
            .iter()
            .map(|&pre| {
                let mut a = slots[pre as usize].take().expect("asset without errors");
                a.function = FunctionIx(fn_map[a.function.index()]);
                a.domain = DomainIx(dom_map[a.domain.index()]);
                a
            })
            .collect();
        links.par_sort_unstable_by(|a, b| {
            (
                a.1.from,
                a.1.kind,
                &a.1.targets,
                a.1.need,
                a.1.open,
                &a.1.interface,
            )
                .cmp(&(
                    b.1.from,
                    b.1.kind,
                    &b.1.targets,
                    b.1.need,
                    b.1.open,
                    &b.1.interface,
                ))
        });
        let inventory = Inventory {
            suppliers,
            operators,
            assets,
            links: Vec::new(),
            domains: dom_names.into_iter().map(|(n, _)| n.into()).collect(),
            functions: fn_names.into_iter().map(|(n, _)| n.into()).collect(),
        };
        let link_sites: Vec<RowRef> = links.iter().map(|l| l.0).collect();
        let mut inventory = inventory;
        // Collected in place: the vector's memory is reused, not copied.
        inventory.links = links.into_iter().map(|l| l.1).collect();
        self.warnings(
            &inventory,
            &sorted_sites,
            &link_sites,
            &ops.iter().map(|o| o.1).collect::<Vec<_>>(),
        );
        Some(inventory)
    }

    fn group_cycles(&mut self, suppliers: &[Supplier], sites: &[Site]) {
        // 0 = unvisited, 1 = on the current chain, 2 = done.
        let mut state = vec![0u8; suppliers.len()];
        for start in 0..suppliers.len() {
            let mut chain = Vec::new();
            let mut cur = Some(start);
            while let Some(s) = cur {
                match state[s] {
                    2 => break,
                    1 => {
                        let pos = chain.iter().position(|&c| c == s).unwrap_or(0);
                        let cycle = &chain[pos..];
                        let first: usize = cycle
                            .iter()
                            .copied()
                            .min_by_key(|&c: &usize| &suppliers[c].id)
                            .unwrap_or(s);
                        let names: Vec<&str> = cycle.iter().map(|&c| &*suppliers[c].id).collect();
                        self.err(
                            sites[first].at("group"),
                            Code::GroupCycle,
                            format!(
                                "supplier groups form a cycle: {} -> {}",
                                names.join(" -> "),
                                names[0]
                            ),
                        );
                        break;
                    }
                    _ => {
                        state[s] = 1;
                        chain.push(s);
                        cur = suppliers[s].group.map(SupplierIx::index);
                    }
                }
            }
            for c in chain {
                state[c] = 2;
            }
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the lookup tables of one validation pass"
    )]
    fn asset(
        &mut self,
        site: Site,
        id: &str,
        r: &RawAsset<'_>,
        op_ix: &FxHashMap<&str, OperatorIx>,
        op_first: &FxHashMap<&str, Site>,
        sup_ix: &FxHashMap<&str, SupplierIx>,
        sup_first: &FxHashMap<&str, Site>,
        functions: &mut FxHashMap<String, u32>,
        domains: &mut FxHashMap<String, u32>,
    ) -> Option<Asset> {
        let what = Named("asset", id);
        let operator = self.reference(site, "operator", &what, &r.operator, op_ix, op_first);
        let supplier = self.reference(site, "supplier", &what, &r.supplier, sup_ix, sup_first);
        let function = match r.function.as_deref() {
            None => {
                self.err(
                    site,
                    Code::MissingField,
                    format!("{what} has no \"function\""),
                );
                None
            }
            Some(f) => Some(if f.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(f.to_ascii_lowercase())
            } else {
                Cow::Borrowed(f)
            }),
        };
        let info = function.as_deref().and_then(vocab::function_info);
        let domain: Option<&str> = match (r.domain.as_deref(), info) {
            (Some(d), _) if !vocab::is_valid_id(d) => {
                self.err(
                    site.at("domain"),
                    Code::BadId,
                    format!(
                        "invalid domain \"{}\": domains are ids (A-Z a-z 0-9 . _ : -)",
                        shorten(d)
                    ),
                );
                None
            }
            (Some(d), _) => Some(d),
            (None, Some(i)) => Some(i.domain),
            (None, None) => {
                if let Some(f) = function.as_deref() {
                    self.err(
                        site.at("function"),
                        Code::UnknownFunction,
                        format!("{what} has unknown function \"{}\" and no \"domain\" (give its domain, or use a function of the vocabulary)", shorten(f)),
                    );
                }
                None
            }
        };
        let weight = match r.weight {
            None => Some(1.0),
            Some(w) if w.is_finite() && w >= 0.0 => Some(w),
            Some(w) => {
                self.err(
                    site.at("weight"),
                    Code::BadWeight,
                    format!("{what} has weight {w}, expected a finite number >= 0"),
                );
                None
            }
        };
        let generation = match r.generation.as_deref() {
            None => Some(info.and_then(|i| i.generation)),
            Some(g) => match Generation::parse(g) {
                Some(g) => Some(Some(g)),
                None => {
                    self.err(
                        site.at("generation"),
                        Code::BadGeneration,
                        format!(
                            "{what} has generation \"{}\", expected 4g or 5g",
                            shorten(g)
                        ),
                    );
                    None
                }
            },
        };
        let location = self.country(site, "location", &what, &r.location, false);
        if r.location.is_some() && location.is_none() {
            return None;
        }
        let (operator, supplier, function, domain, weight, generation) = (
            operator?,
            supplier?,
            function?,
            domain?,
            weight?,
            generation?,
        );
        let next = functions.len() as u32;
        // Look up before inserting: most assets share a handful of names.
        let function_ix = match functions.get(&*function) {
            Some(&ix) => ix,
            None => *functions.entry(function.into_owned()).or_insert(next),
        };
        let next = domains.len() as u32;
        let domain_ix = match domains.get(domain) {
            Some(&ix) => ix,
            None => *domains.entry(domain.to_owned()).or_insert(next),
        };
        let has_text =
            r.name.is_some() || r.site.is_some() || r.source.is_some() || r.notes.is_some();
        Some(Asset {
            id: id.into(),
            operator,
            function: FunctionIx(function_ix),
            supplier,
            domain: DomainIx(domain_ix),
            weight,
            generation,
            sensitive: r.sensitive.unwrap_or(false),
            location,
            region: text(&r.region),
            radio: info.is_some_and(|i| i.radio),
            text: has_text.then(|| {
                Box::new(AssetText {
                    name: text(&r.name),
                    site: text(&r.site),
                    provenance: provenance(&r.source, &r.notes),
                })
            }),
        })
    }

    fn reference<T: Copy>(
        &mut self,
        site: Site,
        field: &'static str,
        what: &Named<'_>,
        v: &Option<Cow<'_, str>>,
        valid: &FxHashMap<&str, T>,
        defined: &FxHashMap<&str, Site>,
    ) -> Option<T> {
        match v.as_deref() {
            None | Some("") => {
                self.err(
                    site,
                    Code::MissingField,
                    format!("{what} has no \"{field}\""),
                );
                None
            }
            Some(s) => valid.get(s).copied().or_else(|| {
                // A row that is defined but has its own error is not reported twice.
                if !defined.contains_key(s) {
                    self.err(
                        site.at(field),
                        Code::DanglingReference,
                        format!("{what} refers to unknown {field} \"{}\"", shorten(s)),
                    );
                }
                None
            }),
        }
    }

    fn link(
        &mut self,
        site: Site,
        r: &RawLink<'_>,
        assets: &FxHashMap<&str, u32>,
        rank: &[u32],
        broken: &FxHashMap<(Table, &str), Site>,
    ) -> Option<Link> {
        let is_broken = |id: &str| broken.contains_key(&(Table::Assets, id));
        let from_id = r.from.as_deref();
        let what = Named("link from", from_id.unwrap_or("?"));
        let from = match from_id {
            None | Some("") => {
                self.err(site, Code::MissingField, "link has no \"from\"".to_owned());
                None
            }
            Some(f) => match assets.get(f) {
                Some(&pre) => Some(AssetIx(rank[pre as usize])),
                None => {
                    if !is_broken(f) {
                        self.err(
                            site.at("from"),
                            Code::DanglingReference,
                            format!(
                                "link refers to unknown asset \"{}\" in \"from\"",
                                shorten(f)
                            ),
                        );
                    }
                    None
                }
            },
        };
        let kind = match r.kind.as_deref() {
            None => {
                self.err(site, Code::MissingField, format!("{what} has no \"kind\""));
                None
            }
            Some(k) => LinkKind::parse(k).or_else(|| {
                self.err(
                    site.at("kind"),
                    Code::UnknownLinkKind,
                    format!("{what} has unknown kind \"{}\", expected runs_on, anchored_by, connects_to, managed_by or operated_by", shorten(k)),
                );
                None
            }),
        };
        let mut targets: Vec<AssetIx> = Vec::new();
        let mut targets_ok = true;
        match &r.to {
            None => {
                self.err(site, Code::MissingField, format!("{what} has no \"to\""));
                targets_ok = false;
            }
            Some(t) if t.0.is_empty() => {
                self.err(
                    site.at("to"),
                    Code::EmptyTargets,
                    format!("{what} has an empty \"to\" list"),
                );
                targets_ok = false;
            }
            Some(t) => {
                let many = t.0.len() > 1;
                for (i, target) in t.0.iter().enumerate() {
                    let tsite = if many {
                        site.elem("to", i)
                    } else {
                        site.at("to")
                    };
                    if Some(&**target) == from_id {
                        self.err(tsite, Code::SelfLink, format!("{what} points to itself"));
                        targets_ok = false;
                        continue;
                    }
                    match assets.get(&**target) {
                        Some(&pre) => targets.push(AssetIx(rank[pre as usize])),
                        None => {
                            if !is_broken(target) {
                                self.err(
                                    tsite,
                                    Code::DanglingReference,
                                    format!(
                                        "{what} refers to unknown asset \"{}\"",
                                        shorten(target)
                                    ),
                                );
                            }
                            targets_ok = false;
                        }
                    }
                }
            }
        }
        let written = targets.len();
        targets.sort_unstable();
        targets.dedup();
        if targets_ok && targets.len() < written {
            self.err(
                site.at("to"),
                Code::DuplicateTarget,
                format!("{what} lists the same target more than once; it counts once"),
            );
        }
        let need = r.need.unwrap_or(1);
        if targets_ok && (need == 0 || need > targets.len() as u64) {
            self.err(
                site.at("need"),
                Code::BadNeed,
                format!(
                    "{what} has need {need}, expected 1 to {} (the number of distinct targets)",
                    targets.len()
                ),
            );
            return None;
        }
        let (from, kind) = (from?, kind?);
        if !targets_ok {
            return None;
        }
        Some(Link {
            from,
            targets: targets.into_boxed_slice(),
            kind,
            need: need as u32,
            interface: text(&r.interface),
            open: r.open.unwrap_or(kind.open_by_default()),
            provenance: provenance(&r.source, &r.notes),
        })
    }

    fn warnings(
        &mut self,
        inv: &Inventory,
        asset_sites: &[Site],
        link_sites: &[RowRef],
        op_sites: &[Site],
    ) {
        let links = link_sites
            .iter()
            .map(|r| r.site(Table::Links))
            .zip(&inv.links);
        let mut linked = vec![false; inv.assets.len()];
        let mut op_assets = vec![0usize; inv.operators.len()];
        for (site, l) in links {
            linked[l.from.index()] = true;
            for &t in &l.targets {
                linked[t.index()] = true;
                if !l.open {
                    let (a, b) = (inv.asset(l.from), inv.asset(t));
                    if a.supplier != b.supplier {
                        self.err(
                            site.at("to"),
                            Code::ClosedCrossSupplierLink,
                            format!(
                                "closed {} link between \"{}\" ({}) and \"{}\" ({}): a closed interface between two suppliers is unusual (set \"open\": true if it is open)",
                                l.kind, a.id, inv.supplier(a.supplier).id, b.id, inv.supplier(b.supplier).id
                            ),
                        );
                    }
                }
            }
        }
        for (i, a) in inv.assets.iter().enumerate() {
            op_assets[a.operator.index()] += 1;
            let domain = inv.domain_name(a.domain);
            if !linked[i] && vocab::domain_expects_links(domain) {
                self.err(
                    asset_sites[i],
                    Code::UnlinkedAsset,
                    format!("asset \"{}\" ({domain}) has no link at all", a.id),
                );
            }
        }
        for (i, o) in inv.operators.iter().enumerate() {
            if op_assets[i] == 0 {
                self.err(
                    op_sites[i],
                    Code::OperatorWithoutAssets,
                    format!("operator \"{}\" has no asset", o.id),
                );
            }
        }
        let mut by_country: BTreeMap<Country, (Vec<&str>, Vec<usize>)> = BTreeMap::new();
        for (i, o) in inv.operators.iter().enumerate() {
            let e = by_country.entry(o.country).or_default();
            if o.subscribers.is_some() {
                e.0.push(&o.id);
            } else {
                e.1.push(i);
            }
        }
        for (country, (with, without)) in by_country {
            if !with.is_empty() && !without.is_empty() {
                for &i in &without {
                    self.err(
                        op_sites[i].at("id"),
                        Code::PartialSubscribers,
                        format!(
                            "operator \"{}\" has no \"subscribers\" while other operators in {country} do ({}): national figures for {country} weigh every operator equally",
                            inv.operators[i].id,
                            with.join(", ")
                        ),
                    );
                }
            }
        }
    }
}

/// Names a row in messages (`asset "x"`), formatted only when a message is written.
struct Named<'a>(&'static str, &'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \"{}\"", self.0, self.1)
    }
}

/// Quotes long values by their start only, so that a message stays one line.
fn shorten(s: &str) -> Cow<'_, str> {
    const MAX: usize = 80;
    let escaped: String = s.chars().flat_map(char::escape_debug).collect();
    if escaped.len() <= MAX && escaped == s {
        return Cow::Borrowed(s);
    }
    let mut end = MAX.min(escaped.len());
    while !escaped.is_char_boundary(end) {
        end -= 1;
    }
    if end < escaped.len() {
        Cow::Owned(format!("{}...", &escaped[..end]))
    } else {
        Cow::Owned(escaped)
    }
}
