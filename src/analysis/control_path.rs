//! The why-path of an exposed asset, as data (analyses.md §4).
//!
//! [`ControlPaths::path`](super::ControlPaths::path) answers "why is this asset exposed?"
//! with a [`ControlPath`]; the exposure figures, `explain` and the diagram each decide how
//! it looks (as guppy returns why-paths as data and renders them elsewhere).

use crate::model::AssetIx;
use crate::vocab::LinkKind;

/// A shortest control path from an asset to a target asset (one of a high-risk supplier,
/// or a managed service operated from outside the allowed countries).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlPath {
    // From the asset to the target; never empty. One asset: the asset is a target itself.
    assets: Vec<AssetIx>,
    // The kind of the first link; `None` exactly when the path has one asset.
    first_kind: Option<LinkKind>,
}

impl ControlPath {
    /// The name of a path of one asset: its own supplier is the reason.
    pub const DIRECT: &'static str = "direct";

    /// A path from its assets (at least one) and the kind of its first link.
    pub(crate) fn new(assets: Vec<AssetIx>, first_kind: Option<LinkKind>) -> Self {
        debug_assert!(!assets.is_empty(), "a control path has its start");
        debug_assert_eq!(first_kind.is_none(), assets.len() == 1);
        ControlPath { assets, first_kind }
    }

    /// The assets, from the asset asked about to the target.
    pub fn assets(&self) -> &[AssetIx] {
        &self.assets
    }

    /// The asset asked about.
    pub fn start(&self) -> AssetIx {
        self.assets[0]
    }

    /// The target at the end (the asset itself for a direct path).
    pub fn end(&self) -> AssetIx {
        *self.assets.last().expect("a control path has its start")
    }

    /// The kind of the first link; `None` for a direct path.
    pub fn first_kind(&self) -> Option<LinkKind> {
        self.first_kind
    }

    /// `direct`, or the kind of the first link, as the reports write it.
    pub fn kind_name(&self) -> &'static str {
        self.first_kind.map_or(Self::DIRECT, LinkKind::as_str)
    }

    /// The steps of the path: (dependent, what it depends on), in order.
    pub fn steps(&self) -> impl Iterator<Item = (AssetIx, AssetIx)> + '_ {
        self.assets.windows(2).map(|w| (w[0], w[1]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_direct_path_is_one_asset() {
        let p = ControlPath::new(vec![AssetIx(3)], None);
        assert_eq!((p.start(), p.end()), (AssetIx(3), AssetIx(3)));
        assert_eq!(p.kind_name(), "direct");
        assert_eq!(p.steps().count(), 0);
    }

    #[test]
    fn a_path_names_its_first_kind_and_steps() {
        let p = ControlPath::new(
            vec![AssetIx(1), AssetIx(5), AssetIx(2)],
            Some(LinkKind::RunsOn),
        );
        assert_eq!(p.kind_name(), "runs_on");
        assert_eq!(p.end(), AssetIx(2));
        let steps: Vec<_> = p.steps().collect();
        assert_eq!(
            steps,
            vec![(AssetIx(1), AssetIx(5)), (AssetIx(5), AssetIx(2))]
        );
    }
}
