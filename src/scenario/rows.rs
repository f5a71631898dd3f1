//! An inventory as plain rows again: what a step edits, what is validated after it, and
//! what `--emit` writes.
//!
//! Every step goes back through [`crate::load::validate_parsed`], the same validation as on
//! load (the rows are handed over as the loader's raw rows, with no round trip through
//! text), so a state that a step produces holds every rule of the format.

use std::borrow::Cow;

use crate::inventory::{RawAsset, RawFile, RawLink, RawOperator, RawShare, RawSupplier, Targets};
use crate::model::{Inventory, Provenance};
use crate::vocab::{self, INVENTORY_FORMAT};

/// A supplier row.
#[derive(Clone, Debug)]
pub struct SupplierRow {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Headquarters.
    pub country: String,
    /// Risk, unless unassessed (the default).
    pub risk: Option<&'static str>,
    /// Corporate parent.
    pub group: Option<String>,
    /// Provenance.
    pub source: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

/// An operator row.
#[derive(Clone, Debug)]
pub struct OperatorRow {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Member state.
    pub country: String,
    /// Subscribers.
    pub subscribers: Option<u64>,
    /// Provenance.
    pub source: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

/// An asset row. Fields equal to the format's defaults are left out.
#[derive(Clone, Debug, Default)]
pub struct AssetRow {
    /// Id.
    pub id: String,
    /// Operator id.
    pub operator: String,
    /// Function (lower case).
    pub function: String,
    /// Supplier id.
    pub supplier: String,
    /// Domain, when the function does not imply it.
    pub domain: Option<String>,
    /// Weight, unless 1.
    pub weight: Option<f64>,
    /// Generation, when the function does not imply it.
    pub generation: Option<&'static str>,
    /// Sensitive, when true.
    pub sensitive: Option<bool>,
    /// Where it is operated from.
    pub location: Option<String>,
    /// Site.
    pub site: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Provenance.
    pub source: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Whether it stands for a row of the `shares` table (validated as that row again).
    pub share: bool,
}

/// A link row. `need` and `open` are left out when they are the defaults.
#[derive(Clone, Debug)]
pub struct LinkRow {
    /// The dependent asset.
    pub from: String,
    /// Its targets: one id, or a list of alternatives.
    pub to: Vec<String>,
    /// Kind.
    pub kind: &'static str,
    /// How many targets must be up, unless 1.
    pub need: Option<u32>,
    /// Interface label.
    pub interface: Option<String>,
    /// Openness, when not the kind's default.
    pub open: Option<bool>,
    /// Provenance.
    pub source: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

/// Every row of an inventory, in the inventory's order (assets by id, so that the row of
/// asset `AssetIx(i)` is `assets[i]`).
#[derive(Clone, Debug, Default)]
pub struct Rows {
    /// Suppliers.
    pub suppliers: Vec<SupplierRow>,
    /// Operators.
    pub operators: Vec<OperatorRow>,
    /// Assets.
    pub assets: Vec<AssetRow>,
    /// Links.
    pub links: Vec<LinkRow>,
}

fn owned(v: &Option<Box<str>>) -> Option<String> {
    v.as_deref().map(str::to_owned)
}

fn prov(p: &Provenance) -> (Option<String>, Option<String>) {
    (owned(&p.source), owned(&p.notes))
}

impl Rows {
    /// The rows of a validated inventory. Loading them again gives the same inventory.
    pub fn from_inventory(inv: &Inventory) -> Rows {
        let suppliers = inv
            .suppliers
            .iter()
            .map(|s| {
                let (source, notes) = prov(&s.provenance);
                SupplierRow {
                    id: s.id.to_string(),
                    name: owned(&s.name),
                    country: s.country.to_string(),
                    risk: (s.risk != vocab::Risk::Unassessed).then(|| s.risk.as_str()),
                    group: s.group.map(|g| inv.supplier(g).id.to_string()),
                    source,
                    notes,
                }
            })
            .collect();
        let operators = inv
            .operators
            .iter()
            .map(|o| {
                let (source, notes) = prov(&o.provenance);
                OperatorRow {
                    id: o.id.to_string(),
                    name: owned(&o.name),
                    country: o.country.to_string(),
                    subscribers: o.subscribers,
                    source,
                    notes,
                }
            })
            .collect();
        let assets = inv
            .assets
            .iter()
            .map(|a| {
                let function = inv.function_name(a.function);
                let domain = inv.domain_name(a.domain);
                let info = vocab::function_info(function);
                let text = a.text.as_deref();
                let (source, notes) = text.map_or((None, None), |t| prov(&t.provenance));
                AssetRow {
                    id: a.id.to_string(),
                    operator: inv.operator(a.operator).id.to_string(),
                    function: function.to_owned(),
                    supplier: inv.supplier(a.supplier).id.to_string(),
                    domain: (info.map(|i| i.domain) != Some(domain)).then(|| domain.to_owned()),
                    weight: (a.weight != 1.0).then_some(a.weight),
                    generation: a
                        .generation
                        .filter(|g| info.and_then(|i| i.generation) != Some(*g))
                        .map(|g| g.as_str()),
                    sensitive: a.sensitive.then_some(true),
                    location: a.location.map(|c| c.to_string()),
                    site: text.and_then(|t| owned(&t.site)),
                    region: inv.region(a).map(str::to_owned),
                    name: text.and_then(|t| owned(&t.name)),
                    source,
                    notes,
                    share: a.share,
                }
            })
            .collect();
        let links = inv
            .links
            .iter()
            .map(|l| {
                let (source, notes) = prov(l.provenance());
                LinkRow {
                    from: inv.asset(l.from).id.to_string(),
                    to: inv
                        .targets(l)
                        .iter()
                        .map(|&t| inv.asset(t).id.to_string())
                        .collect(),
                    kind: l.kind.as_str(),
                    need: (l.need != 1).then_some(l.need),
                    interface: inv.interface(l).map(str::to_owned),
                    open: (l.open != l.kind.open_by_default()).then_some(l.open),
                    source,
                    notes,
                }
            })
            .collect();
        Rows {
            suppliers,
            operators,
            assets,
            links,
        }
    }
}

fn cow(s: &str) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(s))
}

fn opt_cow(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

impl Rows {
    /// The rows as the loader's raw rows, borrowed: what validation reads, with no round
    /// trip through JSON text.
    pub fn raw(&self) -> RawFile<'_> {
        RawFile {
            format: cow(INVENTORY_FORMAT),
            suppliers: self
                .suppliers
                .iter()
                .map(|r| RawSupplier {
                    id: cow(&r.id),
                    name: opt_cow(&r.name),
                    country: cow(&r.country),
                    risk: r.risk.map(Cow::Borrowed),
                    group: opt_cow(&r.group),
                    source: opt_cow(&r.source),
                    notes: opt_cow(&r.notes),
                })
                .collect(),
            operators: self
                .operators
                .iter()
                .map(|r| RawOperator {
                    id: cow(&r.id),
                    name: opt_cow(&r.name),
                    country: cow(&r.country),
                    subscribers: r.subscribers,
                    source: opt_cow(&r.source),
                    notes: opt_cow(&r.notes),
                })
                .collect(),
            schema: None,
            assets: self
                .assets
                .iter()
                .filter(|a| !a.share)
                .map(AssetRow::raw)
                .collect(),
            shares: self
                .assets
                .iter()
                .filter(|a| a.share)
                .map(AssetRow::raw_share)
                .collect(),
            links: self
                .links
                .iter()
                .map(|r| RawLink {
                    from: cow(&r.from),
                    to: Some(Targets(
                        r.to.iter().map(|t| Cow::Borrowed(t.as_str())).collect(),
                    )),
                    kind: cow(r.kind),
                    need: r.need.map(u64::from),
                    interface: opt_cow(&r.interface),
                    open: r.open,
                    source: opt_cow(&r.source),
                    notes: opt_cow(&r.notes),
                })
                .collect(),
        }
    }
}

impl AssetRow {
    /// The share row that an asset of a share row gives back (its weight as `weight`).
    fn raw_share(&self) -> RawShare<'_> {
        RawShare {
            operator: cow(&self.operator),
            domain: opt_cow(&self.domain),
            supplier: cow(&self.supplier),
            share: None,
            weight: Some(self.weight.unwrap_or(1.0)),
            generation: self.generation.map(Cow::Borrowed),
            sensitive: self.sensitive,
            source: opt_cow(&self.source),
            notes: opt_cow(&self.notes),
        }
    }

    fn raw(&self) -> RawAsset<'_> {
        RawAsset {
            id: cow(&self.id),
            operator: cow(&self.operator),
            function: cow(&self.function),
            supplier: cow(&self.supplier),
            domain: opt_cow(&self.domain),
            weight: self.weight,
            generation: self.generation.map(Cow::Borrowed),
            sensitive: self.sensitive,
            location: opt_cow(&self.location),
            site: opt_cow(&self.site),
            region: opt_cow(&self.region),
            name: opt_cow(&self.name),
            source: opt_cow(&self.source),
            notes: opt_cow(&self.notes),
        }
    }
}
