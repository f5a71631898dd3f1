//! The down set of analyses.md §2, as data: what fails when a set of suppliers fails.
//!
//! [`down_set`](super::down_set) computes it over the whole graph with the same failure
//! pass as the outage figures ([`Subgraph::fail`](super::Subgraph::fail)), so a diagram
//! that colours a down set and the scan's outage can never disagree.

use fixedbitset::FixedBitSet;

use crate::model::{AssetIx, LinkIx, SupplierIx};

/// What goes down when every supplier of a set fails, over the whole graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DownSet {
    // The failed suppliers, sorted, without repeats.
    failed: Vec<SupplierIx>,
    // By `AssetIx`: the assets down (the failed suppliers' own, and what goes down with them).
    assets: FixedBitSet,
    // By `LinkIx`: the failure-propagating links with fewer than `need` targets up.
    links: FixedBitSet,
}

impl DownSet {
    /// A down set from the result of one failure pass.
    pub(crate) fn new(failed: &[SupplierIx], assets: FixedBitSet, links: FixedBitSet) -> Self {
        let mut failed = failed.to_vec();
        failed.sort_unstable();
        failed.dedup();
        DownSet {
            failed,
            assets,
            links,
        }
    }

    /// The failed suppliers, sorted.
    pub fn failed(&self) -> &[SupplierIx] {
        &self.failed
    }

    /// Whether `s` is one of the failed suppliers.
    pub fn is_failed(&self, s: SupplierIx) -> bool {
        self.failed.binary_search(&s).is_ok()
    }

    /// Whether the asset is down.
    pub fn contains(&self, a: AssetIx) -> bool {
        self.assets.contains(a.index())
    }

    /// Whether a link fails: it propagates failure and fewer than `need` of its targets are
    /// up (the k-of-n rule), which takes its `from` asset down.
    pub fn link_fails(&self, l: LinkIx) -> bool {
        self.links.contains(l.index())
    }

    /// The assets down, by index.
    pub fn assets(&self) -> impl Iterator<Item = AssetIx> + '_ {
        self.assets.ones().map(|i| AssetIx(i as u32))
    }

    /// How many of `assets` are down.
    pub fn count_in(&self, assets: &[AssetIx]) -> usize {
        assets.iter().filter(|&&a| self.contains(a)).count()
    }
}
