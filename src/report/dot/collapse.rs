//! Collapsing the per-site layers (RAN, transport) of a large operator: one node per
//! (function, supplier, region), and how each drawn node is named.

use std::collections::{BTreeMap, HashMap};

use crate::model::{AssetIx, DomainIx, FunctionIx, Inventory, OperatorIx, SupplierIx};
use crate::vocab;

use super::MIN_COLLAPSED;
use super::select::Selection;
use super::style::count;

/// A drawn node of the operator view: one asset, or one collapsed bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Key {
    Asset(AssetIx),
    Bucket(u32),
}

/// What collapses into one node: the assets of one operator with the same domain,
/// function, supplier and region.
type BucketKey = (
    OperatorIx,
    DomainIx,
    FunctionIx,
    SupplierIx,
    Option<Box<str>>,
);

/// Assets drawn as one node.
pub(super) struct Bucket {
    key: BucketKey,
    /// The assets, by id.
    pub members: Vec<AssetIx>,
}

/// The drawn node of every drawn asset.
pub(super) struct Buckets<'g> {
    inv: &'g Inventory,
    buckets: Vec<Bucket>,
    key_of: HashMap<AssetIx, Key>,
}

impl<'g> Buckets<'g> {
    /// Collapses the per-site layers of the selection when `collapsed`: buckets of at
    /// least [`MIN_COLLAPSED`] assets become one node; pinned assets never collapse.
    pub(super) fn new(inv: &'g Inventory, sel: &Selection, collapsed: bool) -> Self {
        let collapsible = |a: AssetIx| {
            let d = inv.domain_name(inv.asset(a).domain);
            collapsed && vocab::PER_SITE_DOMAINS.contains(&d) && !sel.pinned.contains(&a)
        };
        let mut bucket_members: BTreeMap<BucketKey, Vec<AssetIx>> = BTreeMap::new();
        for &a in &sel.drawn {
            if collapsible(a) {
                let x = inv.asset(a);
                let key = (
                    x.operator,
                    x.domain,
                    x.function,
                    x.supplier,
                    inv.region(x).map(Box::from),
                );
                bucket_members.entry(key).or_default().push(a);
            }
        }
        let mut buckets: Vec<Bucket> = Vec::new();
        let mut key_of: HashMap<AssetIx, Key> = HashMap::with_capacity(sel.drawn.len());
        for (key, members) in bucket_members {
            if members.len() < MIN_COLLAPSED {
                continue;
            }
            let b = Key::Bucket(buckets.len() as u32);
            for &m in &members {
                key_of.insert(m, b);
            }
            buckets.push(Bucket { key, members });
        }
        for &a in &sel.drawn {
            key_of.entry(a).or_insert(Key::Asset(a));
        }
        Buckets {
            inv,
            buckets,
            key_of,
        }
    }

    /// The node that draws asset `a` (a drawn asset).
    pub(super) fn key(&self, a: AssetIx) -> Key {
        self.key_of[&a]
    }

    /// A bucket.
    pub(super) fn bucket(&self, b: u32) -> &Bucket {
        &self.buckets[b as usize]
    }

    /// The first asset of a node (its only one, for an asset node).
    pub(super) fn first(&self, k: Key) -> AssetIx {
        match k {
            Key::Asset(a) => a,
            Key::Bucket(b) => self.bucket(b).members[0],
        }
    }

    /// The node's name in the DOT text: an asset's id, and for a bucket a name with a `/`
    /// (which ids cannot hold).
    pub(super) fn name(&self, k: Key) -> String {
        let inv = self.inv;
        match k {
            Key::Asset(a) => inv.asset(a).id.to_string(),
            Key::Bucket(b) => {
                let (_, d, f, s, r) = &self.bucket(b).key;
                // The number keeps names unique whatever the function and region hold.
                format!(
                    "collapsed/{b}/{}/{}/{}/{}",
                    inv.domain_name(*d),
                    inv.function_name(*f),
                    inv.supplier(*s).id,
                    r.as_deref().unwrap_or("")
                )
            }
        }
    }

    /// How tooltips name a node.
    pub(super) fn describe(&self, k: Key) -> String {
        let inv = self.inv;
        match k {
            Key::Asset(a) => inv.asset(a).id.to_string(),
            Key::Bucket(b) => {
                let bucket = self.bucket(b);
                let (_, _, f, s, r) = &bucket.key;
                format!(
                    "{} {} of {} in {}",
                    count(bucket.members.len()),
                    inv.function_name(*f),
                    inv.supplier(*s).id,
                    r.as_deref().unwrap_or("no region")
                )
            }
        }
    }
}
