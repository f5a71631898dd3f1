//! An operator's entry of the report: concentration, outage, lock-in and exposure, with
//! every id already turned into its name.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::analysis::{
    Band, DomainFigures, Exposure, LockinFigures, LockinGroup, OperatorFigures, Outage,
};

use crate::model::{AssetIx, Inventory, SupplierIx};

use super::band;
use super::critical::CriticalEntry;

/// At most this many items in a list of an operator's entry that grows with the rest of the
/// graph (cli.md, "Bounded lists"): lock-in group operators, exposure paths.
pub const LIST_LIMIT: usize = 32;

/// One operator, as `vendorgraph-report/1` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperatorEntry {
    /// Operator id.
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Country code.
    pub country: String,
    /// Subscribers, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribers: Option<u64>,
    /// Concentration per domain, by domain name (analyses.md section 1).
    pub domains: Vec<DomainEntry>,
    /// Supplier failure (section 2).
    pub outage: OutageEntry,
    /// Lock-in (section 3).
    pub lockin: LockinEntry,
    /// High-risk exposure and offshore operation (section 4).
    pub exposure: ExposureEntry,
    /// Critical assets (section 8).
    pub critical: CriticalEntry,
}

/// The concentration of one operator's domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainEntry {
    /// Domain name.
    pub domain: String,
    /// W(o,d): total weight.
    pub weight: f64,
    /// Herfindahl-Hirschman index, 0 to 10000.
    pub hhi: f64,
    /// 10000 / HHI.
    pub equivalent_suppliers: f64,
    /// Band of the HHI.
    #[serde(serialize_with = "band")]
    pub band: Band,
    /// Sum of the shares of high-risk suppliers.
    pub high_risk_share: f64,
    /// The largest share (ties: smallest id).
    pub top: Share,
    /// Share descending, then id.
    pub suppliers: Vec<Share>,
    /// The same by group root.
    pub groups: Vec<GroupShare>,
}

/// A supplier's share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Share {
    /// Supplier id.
    pub supplier: String,
    /// Share from 0 to 1.
    pub share: f64,
}

/// A group root's share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupShare {
    /// Group root supplier id.
    pub group: String,
    /// Share from 0 to 1.
    pub share: f64,
}

/// The supplier-failure figures of one operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutageEntry {
    /// Total weight of the service units.
    pub units_weight: f64,
    /// The weight of the 4G units (not in `vendorgraph-report/1`; the plan prints it).
    #[serde(skip)]
    pub units_weight_4g: f64,
    /// The weight of the 5G units (not in `vendorgraph-report/1`; the plan prints it).
    #[serde(skip)]
    pub units_weight_5g: f64,
    /// Outage descending, then id; empty when the units weigh nothing.
    pub suppliers: Vec<SupplierOutage>,
    /// The largest single outage.
    pub worst_single: Option<SingleOutage>,
    /// The largest pair outage.
    pub worst_pair: Option<PairOutage>,
}

/// One supplier's outage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SupplierOutage {
    /// Supplier id.
    pub supplier: String,
    /// Share of the service-unit weight that goes down.
    pub outage: f64,
    /// The same over 4G units; `null` when they weigh nothing.
    pub outage_4g: Option<f64>,
    /// The same over 5G units; `null` when they weigh nothing.
    pub outage_5g: Option<f64>,
}

/// The worst single supplier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SingleOutage {
    /// Supplier id.
    pub supplier: String,
    /// Its outage.
    pub outage: f64,
}

/// The worst pair of suppliers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairOutage {
    /// The two supplier ids, in id order.
    pub suppliers: [String; 2],
    /// Their joint outage.
    pub outage: f64,
}

/// The lock-in figures of one operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LockinEntry {
    /// Locked weight over the operator's weight; `null` when it weighs nothing.
    pub index: Option<f64>,
    /// The groups holding one of its assets: weight descending, then id. Each is shared by
    /// every operator entry that holds it, not copied (see [`GroupCache`]).
    pub groups: Vec<Arc<GroupEntry>>,
}

/// A lock-in group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupEntry {
    /// The smallest asset id of the group.
    pub id: String,
    /// Number of assets.
    pub assets: usize,
    /// Their total weight.
    pub weight: f64,
    /// Their suppliers, sorted.
    pub suppliers: Vec<String>,
    /// Their domains, sorted.
    pub domains: Vec<String>,
    /// Their operators, sorted; inside an operator's entry only the first
    /// [`LIST_LIMIT`] (cli.md, "Bounded lists").
    pub operators: Vec<String>,
    /// Inside an operator's entry: the number of operators of the group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operators_total: Option<usize>,
}

/// The exposure figures of one operator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureEntry {
    /// Exposed key weight over key weight; `null` when key assets weigh nothing.
    pub index: Option<f64>,
    /// Total weight of the key assets.
    pub key_weight: f64,
    /// Per domain with positive key weight, by domain name.
    pub domains: Vec<ExposureDomain>,
    /// Every exposed key asset, by asset id.
    pub exposed: Vec<ExposedEntry>,
    /// Every key asset operated from outside the allowed countries, by asset id.
    pub offshore: Vec<OffshoreEntry>,
}

/// The exposure index of one domain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureDomain {
    /// Domain name.
    pub domain: String,
    /// Exposed key weight over key weight in the domain.
    pub index: f64,
    /// Key weight in the domain.
    pub key_weight: f64,
}

/// An exposed key asset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposedEntry {
    /// Asset id.
    pub asset: String,
    /// `direct` or the kind of the path's first link.
    pub kind: String,
    /// Asset ids from the key asset to the high-risk one; a path of more than
    /// [`LIST_LIMIT`] assets keeps its first ids and the high-risk asset.
    pub path: Vec<String>,
    /// The number of steps of the whole path (k of analyses.md section 4).
    pub path_length: usize,
    /// The high-risk supplier at the end of the path.
    pub supplier: String,
    /// The asset's domain.
    pub domain: String,
    /// The asset's weight.
    pub weight: f64,
}

/// A key asset operated from outside the allowed countries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OffshoreEntry {
    /// Asset id.
    pub asset: String,
    /// The managed service at the end of the path.
    pub managed_service: String,
    /// Where that service is operated from.
    pub location: String,
    /// Its supplier.
    pub supplier: String,
    /// Asset ids from the key asset to the managed service, bounded as `exposed` paths.
    pub path: Vec<String>,
    /// The number of steps of the whole path.
    pub path_length: usize,
}

impl OperatorEntry {
    /// The entry of one operator's figures.
    pub(super) fn new(f: &OperatorFigures, inv: &Inventory, groups: &mut GroupCache) -> Self {
        let op = inv.operator(f.operator);
        OperatorEntry {
            id: op.id.to_string(),
            name: op.name.as_deref().map(str::to_owned),
            country: op.country.to_string(),
            subscribers: op.subscribers,
            domains: f.domains.iter().map(|d| DomainEntry::new(d, inv)).collect(),
            outage: OutageEntry::new(&f.outage, inv),
            lockin: LockinEntry::new(&f.lockin, inv, groups),
            exposure: ExposureEntry::new(&f.exposure, inv),
            critical: CriticalEntry::new(&f.critical, inv),
        }
    }

    /// The figures of a domain, by name.
    pub fn domain(&self, name: &str) -> Option<&DomainEntry> {
        self.domains.iter().find(|d| d.domain == name)
    }
}

impl DomainEntry {
    fn new(d: &DomainFigures, inv: &Inventory) -> Self {
        let id = |s: SupplierIx| inv.supplier(s).id.to_string();
        let share = |&(s, share): &(SupplierIx, f64)| Share {
            supplier: id(s),
            share,
        };
        DomainEntry {
            domain: inv.domain_name(d.domain).to_owned(),
            weight: d.weight,
            hhi: d.hhi,
            equivalent_suppliers: d.equivalent_suppliers,
            band: d.band,
            high_risk_share: d.high_risk_share,
            top: share(&d.top()),
            suppliers: d.suppliers.iter().map(share).collect(),
            groups: d
                .groups
                .iter()
                .map(|&(g, share)| GroupShare {
                    group: id(g),
                    share,
                })
                .collect(),
        }
    }
}

impl OutageEntry {
    fn new(o: &Outage, inv: &Inventory) -> Self {
        let id = |s: SupplierIx| inv.supplier(s).id.to_string();
        OutageEntry {
            units_weight: o.units_weight,
            units_weight_4g: o.units_weight_4g,
            units_weight_5g: o.units_weight_5g,
            suppliers: o
                .suppliers
                .iter()
                .map(|&(s, x)| SupplierOutage {
                    supplier: id(s),
                    outage: x.all,
                    outage_4g: x.g4,
                    outage_5g: x.g5,
                })
                .collect(),
            worst_single: o.worst_single().map(|(s, outage)| SingleOutage {
                supplier: id(s),
                outage,
            }),
            worst_pair: o.worst_pair.map(|([a, b], outage)| PairOutage {
                suppliers: [id(a), id(b)],
                outage,
            }),
        }
    }

    /// Whether `supplier` is the worst single supplier.
    pub fn is_worst_single(&self, supplier: &str) -> bool {
        self.worst_single
            .as_ref()
            .is_some_and(|w| w.supplier == supplier)
    }

    /// Whether `supplier` is one of the worst pair.
    pub fn in_worst_pair(&self, supplier: &str) -> bool {
        self.worst_pair
            .as_ref()
            .is_some_and(|p| p.suppliers.iter().any(|s| s == supplier))
    }
}

/// The entries of the lock-in groups inside operator entries, each built once: a group that
/// spans thousands of operators is one entry, shared, as the analyses share the group.
#[derive(Default)]
pub struct GroupCache(HashMap<AssetIx, Arc<GroupEntry>>);

impl LockinEntry {
    fn new(l: &LockinFigures, inv: &Inventory, cache: &mut GroupCache) -> Self {
        let mut entry = |g: &LockinGroup| {
            let built = || Arc::new(GroupEntry::bounded(g, inv, LIST_LIMIT));
            Arc::clone(cache.0.entry(g.first()).or_insert_with(built))
        };
        LockinEntry {
            index: l.index,
            groups: l.groups.iter().map(|g| entry(g)).collect(),
        }
    }
}

impl GroupEntry {
    /// A group with every operator (the top-level list, `explain`).
    pub(super) fn new(g: &LockinGroup, inv: &Inventory) -> Self {
        Self::bounded(g, inv, usize::MAX)
    }

    /// A group with its first `limit` operators, and their total when the group is seen
    /// from inside an operator's entry (`limit` is then [`LIST_LIMIT`]).
    fn bounded(g: &LockinGroup, inv: &Inventory, limit: usize) -> Self {
        let operators = g.operators.iter().take(limit);
        GroupEntry {
            id: inv.asset(g.first()).id.to_string(),
            assets: g.members.len(),
            weight: g.weight,
            suppliers: g
                .suppliers
                .iter()
                .map(|&s| inv.supplier(s).id.to_string())
                .collect(),
            domains: g
                .domains
                .iter()
                .map(|&d| inv.domain_name(d).to_owned())
                .collect(),
            operators: operators.map(|&o| inv.operator(o).id.to_string()).collect(),
            operators_total: (limit != usize::MAX).then_some(g.operators.len()),
        }
    }
}

/// Whether a bounded path shows fewer assets than its `path_length` steps have: its last
/// asset then follows a gap.
pub fn path_is_cut(path: &[String], path_length: usize) -> bool {
    path.len() < path_length + 1
}

impl ExposureEntry {
    fn new(e: &Exposure, inv: &Inventory) -> Self {
        let id = |a: AssetIx| inv.asset(a).id.to_string();
        let supplier = |a: AssetIx| inv.supplier(inv.asset(a).supplier).id.to_string();
        ExposureEntry {
            index: e.index,
            key_weight: e.key_weight,
            domains: e
                .domains
                .iter()
                .map(|d| ExposureDomain {
                    domain: inv.domain_name(d.domain).to_owned(),
                    index: d.index,
                    key_weight: d.key_weight,
                })
                .collect(),
            exposed: e
                .exposed
                .iter()
                .map(|x| ExposedEntry {
                    asset: id(x.asset),
                    kind: x.kind_name().to_owned(),
                    path: x.path.iter().map(|&a| id(a)).collect(),
                    path_length: x.path_length,
                    supplier: supplier(x.end()),
                    domain: inv.domain_name(inv.asset(x.asset).domain).to_owned(),
                    weight: inv.asset(x.asset).weight,
                })
                .collect(),
            offshore: e
                .offshore
                .iter()
                .map(|x| OffshoreEntry {
                    asset: id(x.asset),
                    managed_service: id(x.end()),
                    location: inv.asset_location(x.end()).to_string(),
                    supplier: supplier(x.end()),
                    path: x.path.iter().map(|&a| id(a)).collect(),
                    path_length: x.path_length,
                })
                .collect(),
        }
    }
}
