//! What a step did besides the new state: the changed assets, the forced co-replacements,
//! the link counts, the notes and the new warnings.

use serde::Serialize;

/// How one asset changed in a step.
///
/// The variants are in the order of their names, so that changes sort as their words do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The asset is new.
    Added,
    /// The asset kept its supplier and lost or gained links.
    Relinked,
    /// The asset is gone.
    Removed,
    /// The asset has another supplier.
    Supplier,
}

/// What happened to one asset in a step.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AssetChange {
    /// Asset id.
    pub asset: String,
    /// Its operator.
    pub operator: String,
    /// How it changed.
    pub change: ChangeKind,
    /// Before: the old supplier, or the links that went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// After: the new supplier, or the links that came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// The forced co-replacements through one lock-in group (computed before the step).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForcedGroup {
    /// The group's id (its smallest asset id).
    pub group: String,
    /// The changed assets of the group that force the others.
    pub changed: Vec<String>,
    /// The other assets of the group that must be replaced with them, by id.
    pub assets: Vec<String>,
    /// Their current suppliers, sorted.
    pub suppliers: Vec<String>,
    /// Their domains, sorted.
    pub domains: Vec<String>,
    /// Their total weight.
    pub weight: f64,
    /// Whether the step changed them too (`follow_lockin`).
    pub followed: bool,
}

/// Counts of link rows that a step added, removed or edited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkCounts {
    /// Added.
    pub added: usize,
    /// Removed.
    pub removed: usize,
    /// Kept with fewer targets.
    pub changed: usize,
}

/// What a step did, besides the new state.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StepEffect {
    /// Assets the selector matched (0 for `add` and `migrate_sa`).
    pub selected: usize,
    /// What changed, by asset id.
    pub changed_assets: Vec<AssetChange>,
    /// For `set_supplier`: the lock-in groups that force co-replacements, by group id.
    pub forced_co_replacements: Vec<ForcedGroup>,
    /// Link rows.
    pub links: LinkCounts,
    /// Remarks on how the step was applied (a clamped `need`, assets that already had the
    /// supplier, gNBs that had no anchor).
    pub notes: Vec<String>,
    /// Warnings of validation that the state before the step did not have.
    pub warnings: Vec<String>,
}

impl StepEffect {
    /// How many assets changed in this way.
    pub fn count(&self, change: ChangeKind) -> usize {
        self.changed_assets
            .iter()
            .filter(|c| c.change == change)
            .count()
    }
}
