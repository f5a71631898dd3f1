//! `set_supplier`: the selected assets get another supplier; their lock-in groups say which
//! other assets would have to follow (forced co-replacements).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Deserialize;

use crate::analysis::LockinGroup;
use crate::model::AssetIx;
use crate::scenario::effect::{AssetChange, ChangeKind, ForcedGroup, StepEffect};
use crate::scenario::rows::Rows;

use super::select::{Selector, select};
use super::{Applied, Step, StepCx, StepDef, parse_as, supplier_exists};

/// The registry entry.
pub const DEF: StepDef = StepDef::new("set_supplier", parse_as::<SetSupplier>);

/// `set_supplier`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetSupplier {
    /// Which assets.
    pub select: Selector,
    /// Their new supplier.
    pub supplier: String,
    /// Whether the rest of their lock-in groups changes too.
    #[serde(default)]
    pub follow_lockin: bool,
}

impl Step for SetSupplier {
    fn apply(&self, cx: &StepCx<'_>, rows: &mut Rows, effect: &mut StepEffect) -> Applied {
        let inv = cx.inventory();
        let selected = match (
            supplier_exists(cx, &self.supplier, "supplier"),
            select(cx, &self.select, "select"),
        ) {
            (Ok(()), Ok(sel)) => sel,
            (a, b) => {
                let mut e = a.err().unwrap_or_default();
                e.extend(b.err().unwrap_or_default());
                return Err(e);
            }
        };
        let target = inv.supplier_ix(&self.supplier).expect("checked above");
        effect.selected = selected.len();
        let changed: Vec<AssetIx> = selected
            .iter()
            .copied()
            .filter(|&a| inv.asset(a).supplier != target)
            .collect();
        let already = selected.len() - changed.len();
        if already > 0 {
            effect.notes.push(format!(
                "{already} selected asset(s) already had supplier {}",
                self.supplier
            ));
        }
        let mut to_change = changed.clone();
        to_change.extend(self.forced(cx, &selected, &changed, effect));
        to_change.sort_unstable();
        to_change.dedup();
        let note = format!(
            "plan \"{}\" step {}: supplier was ",
            cx.scenario_name(),
            cx.number()
        );
        for a in to_change {
            let row = &mut rows.assets[a.index()];
            let old = std::mem::replace(&mut row.supplier, self.supplier.clone());
            append_note(&mut row.notes, format!("{note}{old}"));
            effect.changed_assets.push(AssetChange {
                asset: row.id.clone(),
                operator: row.operator.clone(),
                change: ChangeKind::Supplier,
                from: Some(old),
                to: Some(self.supplier.clone()),
            });
        }
        Ok(None)
    }

    fn summary(&self, effect: &StepEffect) -> String {
        let forced: usize = effect
            .forced_co_replacements
            .iter()
            .map(|g| g.assets.len())
            .sum();
        let lockin = match (forced, self.follow_lockin) {
            (0, _) => String::new(),
            (n, true) => format!(", with {n} forced co-replacement(s) in their lock-in groups"),
            (n, false) => format!(
                "; {n} other asset(s) of their lock-in groups would have to follow (forced co-replacements, not applied)"
            ),
        };
        format!(
            "set the supplier of {} asset(s) ({}) to {}{lockin}",
            effect.selected,
            self.select.describe(),
            self.supplier
        )
    }
}

impl SetSupplier {
    /// Records the forced co-replacements: the other members of each changed asset's
    /// group, on the state before the step, that are neither selected nor already from the
    /// new supplier. Returns those the step changes too (with `follow_lockin`).
    fn forced(
        &self,
        cx: &StepCx<'_>,
        selected: &[AssetIx],
        changed: &[AssetIx],
        effect: &mut StepEffect,
    ) -> Vec<AssetIx> {
        let inv = cx.inventory();
        let target = inv.supplier_ix(&self.supplier).expect("checked by apply");
        let selected_set: HashSet<AssetIx> = selected.iter().copied().collect();
        // By the group's first asset, that is by the group's id.
        let mut groups: BTreeMap<AssetIx, (Vec<AssetIx>, &LockinGroup)> = BTreeMap::new();
        for &a in changed {
            if let Some(g) = cx.lockin().group_of(a) {
                groups.entry(g.first()).or_insert((Vec::new(), g)).0.push(a);
            }
        }
        let mut follow = Vec::new();
        for (first, (triggers, g)) in groups {
            let forced: Vec<AssetIx> = g
                .members
                .iter()
                .copied()
                .filter(|m| !selected_set.contains(m) && inv.asset(*m).supplier != target)
                .collect();
            if forced.is_empty() {
                continue;
            }
            let suppliers: BTreeSet<&str> = forced
                .iter()
                .map(|&m| &*inv.supplier(inv.asset(m).supplier).id)
                .collect();
            let domains: BTreeSet<&str> = forced
                .iter()
                .map(|&m| inv.domain_name(inv.asset(m).domain))
                .collect();
            let ids = |v: &[AssetIx]| -> Vec<String> {
                v.iter().map(|&a| inv.asset(a).id.to_string()).collect()
            };
            effect.forced_co_replacements.push(ForcedGroup {
                group: inv.asset(first).id.to_string(),
                changed: ids(&triggers),
                assets: ids(&forced),
                suppliers: suppliers.into_iter().map(str::to_owned).collect(),
                domains: domains.into_iter().map(str::to_owned).collect(),
                weight: forced
                    .iter()
                    .map(|&a| inv.asset(a).weight)
                    .fold(0.0, |x, y| x + y),
                followed: self.follow_lockin,
            });
            if self.follow_lockin {
                follow.extend(forced);
            }
        }
        follow
    }
}

fn append_note(notes: &mut Option<String>, note: String) {
    *notes = Some(match notes.take() {
        Some(n) if !n.is_empty() => format!("{n}; {note}"),
        _ => note,
    });
}
