//! The shares table: share-level data, one row per operator, domain, supplier (and
//! generation), each standing for one asset.
//!
//! A row becomes the asset `OPERATOR:DOMAIN:SUPPLIER[:GENERATION]`, of function
//! [`vocab::SHARE_FUNCTION`], in its domain, weighing its `share` or `weight`; in `ran` it is a
//! radio unit of its generation. It has no link and no warning says so. Refused, each at the
//! row at fault: both or neither of `share` and `weight`, a share outside 0 to 1, one
//! operator's rows for one domain mixing the two, shares of one operator, domain and
//! generation summing above 1 (at 1e-9), rows and ordinary assets for the same operator and
//! domain, a repeated row, and an id that is already an asset's. Shares summing below 1 are
//! a warning.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostics::Code;
use crate::inventory::{CShare, Site, Sym, Table};
use crate::model::{Asset, AssetText, DomainIx, FunctionIx, Label, OperatorIx};
use crate::vocab::{self, Generation};

use super::assets::{Assets, NONE};
use super::fields::{Named, shorten};
use super::operators::Operators;
use super::suppliers::Suppliers;
use super::validator::{AssetRow, Validator, describe, rows};

/// How far a sum of shares may pass 1 before it is refused (rounding of published figures).
const TOLERANCE: f64 = 1e-9;

/// Which of `share` and `weight` a row gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Basis {
    Share,
    Weight,
}

impl Basis {
    fn name(self) -> &'static str {
        match self {
            Basis::Share => "share",
            Basis::Weight => "weight",
        }
    }
}

/// One valid share row, before it joins the assets.
struct ShareAsset<'s> {
    site: Site,
    id: Sym,
    operator: OperatorIx,
    domain: &'s str,
    basis: Basis,
    asset: Asset,
}

/// What the checks across rows of one operator and domain remember.
struct DomainRows {
    /// The basis of the first row, and its site.
    basis: (Basis, Site),
    /// Sum of shares per generation (`None` = not given), with the site of the row that
    /// opened it; only for the `share` basis.
    sums: BTreeMap<Option<Generation>, (f64, Site)>,
}

impl<'r> Validator<'r> {
    /// Checks the share rows and adds the asset of each valid one to `assets`.
    pub(super) fn shares(&mut self, assets: &mut Assets, sups: &Suppliers, ops: &Operators) {
        let start = self.p.len();
        let files = &self.rows.files[..];
        let mut checked: Vec<ShareAsset<'r>> = Vec::new();
        for (site, r) in rows(files, Table::Shares, |f| &f.shares) {
            if let Some(a) = self.share_row(site, r, sups, ops) {
                checked.push(a);
            }
        }
        if checked.is_empty() {
            return;
        }
        let with_assets = operator_domains(assets);
        let mut seen: FxHashMap<Sym, Site> = FxHashMap::default();
        let mut domains: BTreeMap<(OperatorIx, &str), DomainRows> = BTreeMap::new();
        let mut refused_mix: FxHashSet<(OperatorIx, &str)> = FxHashSet::default();
        for s in checked {
            let id = self.s(s.id);
            if let Some(&first) = seen.get(&s.id) {
                let msg = format!(
                    "share row for asset \"{}\" repeats {}: give each operator, domain, supplier and generation once",
                    shorten(id),
                    describe(self.names, first)
                );
                self.err(s.site, Code::DuplicateShare, msg);
                continue;
            }
            seen.insert(s.id, s.site);
            let pre = assets.first[s.id.index()];
            if pre != NONE {
                let msg = format!(
                    "share row stands for asset \"{}\", which is already an asset id ({})",
                    shorten(id),
                    describe(self.names, assets.sites[pre as usize].site())
                );
                self.err(s.site, Code::DuplicateId, msg);
                continue;
            }
            let key = (s.operator, s.domain);
            let filled = assets
                .domains
                .get(s.domain)
                .and_then(|&ix| with_assets.get(&(s.operator, ix)));
            if let Some(example) = filled {
                if refused_mix.insert(key) {
                    let msg = format!(
                        "operator \"{}\" has share rows and assets (such as \"{}\") in domain \"{}\": the same equipment would count twice; give the domain as shares or as assets",
                        ops.rows[s.operator.index()].id,
                        shorten(self.s(*example)),
                        shorten(s.domain)
                    );
                    self.err(s.site, Code::SharesAndAssets, msg);
                }
                continue;
            }
            self.sum_and_basis(&mut domains, &s, &ops.rows[s.operator.index()].id);
            push_asset(assets, s);
        }
        // A refused row leaves its domain's sum unknown: the warning waits for the fix.
        let refused = self.p[start..]
            .iter()
            .any(|p| p.code.severity() == crate::diagnostics::Severity::Error);
        for ((op, domain), d) in domains {
            if refused || d.basis.0 != Basis::Share {
                continue;
            }
            for (generation, (sum, site)) in d.sums {
                if sum < 1.0 - TOLERANCE {
                    let of = generation.map_or(String::new(), |g| format!(" ({g})"));
                    self.err(
                        site,
                        Code::SharesBelowOne,
                        format!(
                            "the shares of operator \"{}\" in domain \"{}\"{of} sum to {}: the rest is unknown, and the figures cover the part reported",
                            ops.rows[op.index()].id,
                            shorten(domain),
                            round(sum)
                        ),
                    );
                }
            }
        }
    }

    /// Checks one row on its own; its asset, unless it has an error.
    fn share_row(
        &mut self,
        site: Site,
        r: &CShare,
        sups: &Suppliers,
        ops: &Operators,
    ) -> Option<ShareAsset<'r>> {
        let id = self.s(r.id);
        let what = Named("share row", id);
        let operator = self.reference(site, "operator", &what, r.operator, &ops.ix, &ops.first);
        let supplier = self.reference(site, "supplier", &what, r.supplier, &sups.ix, &sups.first);
        let domain = match self.opt(r.domain) {
            None | Some("") => {
                let msg = format!("{what} has no \"domain\"");
                self.err(site.at("domain"), Code::MissingField, msg);
                None
            }
            Some(d) if !vocab::is_valid_id(d) => {
                let msg = format!(
                    "invalid domain \"{}\": domains are ids (A-Z a-z 0-9 . _ : -)",
                    shorten(d)
                );
                self.err(site.at("domain"), Code::BadId, msg);
                None
            }
            Some(d) => Some(vocab::known_domain(d)),
        };
        let amount = self.amount(site, &what, r);
        let generation = match self.opt(r.generation) {
            None => Some(None),
            Some(g) => match Generation::parse(g) {
                Some(g) => Some(Some(g)),
                None => {
                    let msg = format!(
                        "{what} has generation \"{}\", expected 4g or 5g",
                        shorten(g)
                    );
                    self.err(site.at("generation"), Code::BadGeneration, msg);
                    None
                }
            },
        };
        let (operator, supplier, domain, (basis, weight), generation) =
            (operator?, supplier?, domain?, amount?, generation?);
        let prov = self.provenance(r.source, r.notes);
        let has_text = prov.source.is_some() || prov.notes.is_some();
        Some(ShareAsset {
            site,
            id: r.id,
            operator,
            domain,
            basis,
            asset: Asset {
                id: Box::from(id),
                operator,
                // Interned when the asset joins the others.
                function: FunctionIx(0),
                supplier,
                domain: DomainIx(0),
                weight,
                generation,
                sensitive: r.sensitive.unwrap_or(false),
                location: None,
                region: Label::NONE,
                radio: domain == vocab::RAN,
                share: true,
                text: has_text.then(|| {
                    Box::new(AssetText {
                        name: None,
                        site: None,
                        provenance: prov,
                    })
                }),
            },
        })
    }

    /// The row's `share` or `weight`: exactly one, a share from 0 to 1, a weight finite and
    /// not negative.
    fn amount(&mut self, site: Site, what: &Named<'_>, r: &CShare) -> Option<(Basis, f64)> {
        match (r.share, r.weight) {
            (Some(_), Some(_)) => {
                let msg = format!("{what} gives both \"share\" and \"weight\": give one");
                self.err(site.at("weight"), Code::BadShare, msg);
                None
            }
            (None, None) => {
                let msg = format!("{what} gives neither \"share\" nor \"weight\"");
                self.err(site, Code::BadShare, msg);
                None
            }
            (Some(s), None) if (0.0..=1.0).contains(&s) => Some((Basis::Share, s)),
            (Some(s), None) => {
                let msg = format!("{what} has share {s}, expected a number from 0 to 1");
                self.err(site.at("share"), Code::BadShare, msg);
                None
            }
            (None, Some(w)) if w.is_finite() && w >= 0.0 => Some((Basis::Weight, w)),
            (None, Some(w)) => {
                let msg = format!("{what} has weight {w}, expected a finite number >= 0");
                self.err(site.at("weight"), Code::BadWeight, msg);
                None
            }
        }
    }

    /// The checks across one operator's rows for one domain: the same basis throughout,
    /// and shares that sum to at most 1 per generation.
    fn sum_and_basis<'s>(
        &mut self,
        domains: &mut BTreeMap<(OperatorIx, &'s str), DomainRows>,
        s: &ShareAsset<'s>,
        operator: &str,
    ) {
        let d = domains
            .entry((s.operator, s.domain))
            .or_insert_with(|| DomainRows {
                basis: (s.basis, s.site),
                sums: BTreeMap::new(),
            });
        if d.basis.0 != s.basis {
            let msg = format!(
                "operator \"{operator}\" gives \"{}\" in domain \"{}\" here and \"{}\" at {}: one operator's rows for one domain use one of them",
                s.basis.name(),
                shorten(s.domain),
                d.basis.0.name(),
                describe(self.names, d.basis.1)
            );
            self.err(s.site.at(s.basis.name()), Code::BadShare, msg);
            return;
        }
        if s.basis != Basis::Share {
            return;
        }
        let (sum, _) = d.sums.entry(s.asset.generation).or_insert((0.0, s.site));
        let before = *sum;
        *sum += s.asset.weight;
        if before <= 1.0 + TOLERANCE && *sum > 1.0 + TOLERANCE {
            let of = s
                .asset
                .generation
                .map_or(String::new(), |g| format!(" ({g})"));
            let msg = format!(
                "the shares of operator \"{operator}\" in domain \"{}\"{of} reach {} with this row, more than 1",
                shorten(s.domain),
                round(*sum)
            );
            self.err(s.site.at("share"), Code::SharesOverOne, msg);
        }
    }
}

/// A sum as a message shows it: at most 9 decimals, no trailing zeros.
fn round(x: f64) -> String {
    let s = format!("{x:.9}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Each operator and domain (as interned) that ordinary assets fill, with one of those
/// assets' ids.
fn operator_domains(assets: &Assets) -> FxHashMap<(OperatorIx, u32), Sym> {
    let mut out: FxHashMap<(OperatorIx, u32), Sym> = FxHashMap::default();
    for &(id, ref a) in &assets.rows {
        if let Some(a) = a {
            out.entry((a.operator, a.domain.0)).or_insert(id);
        }
    }
    out
}

/// Adds a share row's asset to the assets, its function and domain interned as theirs.
fn push_asset(assets: &mut Assets, s: ShareAsset<'_>) {
    let next = assets.functions.len() as u32;
    let function = *assets
        .functions
        .entry(vocab::SHARE_FUNCTION.to_owned())
        .or_insert(next);
    let next = assets.domains.len() as u32;
    let domain = *assets.domains.entry(s.domain.to_owned()).or_insert(next);
    let mut asset = s.asset;
    asset.function = FunctionIx(function);
    asset.domain = DomainIx(domain);
    assets.first[s.id.index()] = assets.rows.len() as u32;
    assets.sites.push(AssetRow::of(s.site));
    assets.rows.push((s.id, Some(asset)));
}
