//! The assets table: ids, references to operators and suppliers, functions, domains,
//! weights, generations and locations; then the assets ranked by id.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostics::Code;
use crate::inventory::{CAsset, Rows, Site, Sym, Table};
use crate::model::{Asset, AssetText, DomainIx, FunctionIx};
use crate::vocab::{self, Generation};

use super::fields::{Named, shorten};
use super::operators::Operators;
use super::suppliers::Suppliers;
use super::validator::{AssetRow, Broken, Validator, rows, sym_label};

/// The checked assets in file order (`None` for a row with an error), then the assets of
/// share rows (`shares.rs`), ranked by id once both are in ([`Assets::rank`]).
pub(super) struct Assets {
    /// Each asset id with its asset, in file order.
    pub(super) rows: Vec<(Sym, Option<Asset>)>,
    /// The row of each row of `rows`.
    pub(super) sites: Vec<AssetRow>,
    /// Position in `rows` of each asset id, indexed by symbol ([`NONE`] for a symbol that
    /// is no asset id).
    pub(super) first: Vec<u32>,
    /// Positions in `rows`, sorted by id: the inventory's asset order.
    pub(super) order: Vec<u32>,
    /// The rank by id of each row of `rows` (the inverse of `order`).
    pub(super) rank: Vec<u32>,
    /// Function names, interned in order of appearance.
    pub(super) functions: FxHashMap<String, u32>,
    /// Domain names, interned in order of appearance.
    pub(super) domains: FxHashMap<String, u32>,
}

/// No asset has this symbol as its id.
pub(super) const NONE: u32 = u32::MAX;

impl Assets {
    /// Ranks the assets by id (the inventory's asset order), once every row is in (the
    /// assets of share rows too).
    pub(super) fn rank(&mut self, strings: &Rows) {
        let rows = &self.rows;
        let mut order: Vec<u32> = (0..rows.len() as u32).collect();
        let s = |i: u32| strings.str(rows[i as usize].0);
        order.par_sort_unstable_by(|&a, &b| s(a).cmp(s(b)));
        let mut rank = vec![0u32; rows.len()];
        for (r, &pre) in order.iter().enumerate() {
            rank[pre as usize] = r as u32;
        }
        self.order = order;
        self.rank = rank;
    }
}

impl<'r> Validator<'r> {
    pub(super) fn assets(
        &mut self,
        broken: &mut Broken,
        sups: &Suppliers,
        ops: &Operators,
    ) -> Assets {
        let files = &self.rows.files[..];
        let n_assets: usize = files.iter().map(|f| f.assets.len()).sum();
        let mut asset_first: Vec<u32> = vec![NONE; self.rows.strings.len()];
        let mut asset_sites: Vec<AssetRow> = Vec::with_capacity(n_assets);
        let mut assets: Vec<(Sym, Option<Asset>)> = Vec::with_capacity(n_assets);
        let mut functions: FxHashMap<String, u32> = FxHashMap::default();
        let mut domains: FxHashMap<String, u32> = FxHashMap::default();
        let mut op_weight = vec![0.0f64; ops.rows.len()];
        for (site, r) in rows(files, Table::Assets, |f| &f.assets) {
            let id = self.id(site, "id", "asset", r.id);
            if let (None, Some(bad)) = (id, r.id) {
                broken.insert((Table::Assets, bad), site);
            }
            let asset = self.asset(site, id, r, ops, sups, &mut functions, &mut domains);
            let Some(id) = id else { continue };
            let first = asset_first[id.index()];
            if first != NONE {
                let first = asset_sites[first as usize].site();
                let first_row = &files[first.file as usize].assets[first.index as usize];
                self.repeated(("asset", self.s(id)), (site, r), (first, first_row));
                continue;
            }
            if let Some(a) = &asset {
                // Every weight is finite; their sum must be too, or every share is NaN.
                let sum = &mut op_weight[a.operator.index()];
                let before = *sum;
                *sum += a.weight;
                if before.is_finite() && !sum.is_finite() {
                    self.err(
                        site.at("weight"),
                        Code::BadWeight,
                        format!(
                            "asset \"{}\" has weight {:e}, and the weights of operator \"{}\" sum to infinity here; use smaller units",
                            self.s(id),
                            a.weight,
                            ops.rows[a.operator.index()].id
                        ),
                    );
                }
            }
            asset_first[id.index()] = assets.len() as u32;
            asset_sites.push(AssetRow::of(site));
            assets.push((id, asset));
        }
        Assets {
            rows: assets,
            sites: asset_sites,
            first: asset_first,
            order: Vec::new(),
            rank: Vec::new(),
            functions,
            domains,
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the lookup tables of one validation pass"
    )]
    fn asset(
        &mut self,
        site: Site,
        id: Option<Sym>,
        r: &CAsset,
        ops: &Operators,
        sups: &Suppliers,
        functions: &mut FxHashMap<String, u32>,
        domains: &mut FxHashMap<String, u32>,
    ) -> Option<Asset> {
        let what = Named("asset", self.opt(id).unwrap_or("?"));
        let operator = self.reference(site, "operator", &what, r.operator, &ops.ix, &ops.first);
        let supplier = self.reference(site, "supplier", &what, r.supplier, &sups.ix, &sups.first);
        let (function, info, domain) = self.function_and_domain(site, &what, r);
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
        let generation = match self.opt(r.generation) {
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
        let location = self.country(site, "location", &what, r.location, false);
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
            id: what.1.into(),
            operator,
            function: FunctionIx(function_ix),
            supplier,
            domain: DomainIx(domain_ix),
            weight,
            generation,
            sensitive: r.sensitive.unwrap_or(false),
            location,
            region: sym_label(r.region),
            radio: info.is_some_and(|i| i.radio),
            share: false,
            text: has_text.then(|| {
                Box::new(AssetText {
                    name: self.text(r.name),
                    site: self.text(r.site),
                    provenance: self.provenance(r.source, r.notes),
                })
            }),
        })
    }

    /// The asset's function as the vocabulary names it (any spelling of it), what the
    /// vocabulary says of it, and its domain (given, or implied by the function).
    fn function_and_domain(
        &mut self,
        site: Site,
        what: &Named<'_>,
        r: &CAsset,
    ) -> (
        Option<Cow<'r, str>>,
        Option<vocab::FunctionInfo>,
        Option<&'r str>,
    ) {
        let function = match self.opt(r.function) {
            None => {
                self.err(
                    site.at("function"),
                    Code::MissingField,
                    format!("{what} has no \"function\""),
                );
                None
            }
            // The vocabulary's own spelling first (a hash look-up), then other spellings.
            Some(f) if vocab::function_info(f).is_some() => Some(Cow::Borrowed(f)),
            Some(f) => Some(match vocab::canonical_function(f) {
                Some(name) => Cow::Borrowed(name),
                None => Cow::Owned(f.to_ascii_lowercase()),
            }),
        };
        let info = function.as_deref().and_then(vocab::function_info);
        let domain: Option<&str> = match (self.opt(r.domain), info) {
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
            // A known domain in any case (`RAN` is `ran`); any other name as written.
            (Some(d), _) => Some(vocab::known_domain(d)),
            (None, Some(i)) => Some(i.domain),
            (None, None) => {
                if let Some(f) = self.opt(r.function) {
                    let hint = match vocab::suggest_function(f) {
                        Some(name) => format!(" (did you mean \"{name}\"?)"),
                        None if vocab::is_cell_name(f) => " (a cell is not an asset: give the radio asset that serves it, its cells as \"weight\")".to_owned(),
                        None => String::new(),
                    };
                    self.err(
                        site.at("function"),
                        Code::UnknownFunction,
                        format!("{what} has unknown function \"{}\"{hint} and no \"domain\" (use a function of the vocabulary, or give its domain: an asset outside the vocabulary is never a radio unit)", shorten(f)),
                    );
                }
                None
            }
        };
        (function, info, domain)
    }
}
