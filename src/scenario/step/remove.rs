//! `remove`: the selected assets go, with every link from them; links to them lose those
//! targets.

use std::collections::HashSet;

use serde::Deserialize;

use crate::scenario::effect::{AssetChange, ChangeKind, StepEffect};
use crate::scenario::rows::{LinkRow, Rows};

use super::select::{Selector, select};
use super::{Applied, Step, StepCx, StepDef, parse_as};

/// The registry entry.
pub const DEF: StepDef = StepDef::new("remove", parse_as::<Remove>);

/// `remove`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remove {
    /// Which assets.
    pub select: Selector,
}

impl Step for Remove {
    fn apply(&self, cx: &StepCx<'_>, rows: &mut Rows, effect: &mut StepEffect) -> Applied {
        let inv = cx.inventory();
        let selected = select(cx, &self.select, "select")?;
        effect.selected = selected.len();
        for &a in &selected {
            let row = &rows.assets[a.index()];
            effect.changed_assets.push(AssetChange {
                asset: row.id.clone(),
                operator: row.operator.clone(),
                change: ChangeKind::Removed,
                from: Some(row.supplier.clone()),
                to: None,
            });
        }
        let gone_ids: Vec<String> = selected
            .iter()
            .map(|&a| inv.asset(a).id.to_string())
            .collect();
        let gone: HashSet<&str> = gone_ids.iter().map(String::as_str).collect();
        drop_targets(rows, &gone, None, effect);
        rows.assets.retain(|a| !gone.contains(a.id.as_str()));
        Ok(None)
    }

    fn summary(&self, effect: &StepEffect) -> String {
        format!(
            "remove {} asset(s) ({}) and {} link(s) from or to them",
            effect.selected,
            self.select.describe(),
            effect.links.removed
        )
    }
}

/// Removes the given targets from every link; links that lose their `from` or every
/// target go, and `need` is clamped to the targets that remain.
///
/// With `scope`, only the links it accepts lose targets, and no link goes for its `from`.
pub(super) fn drop_targets(
    rows: &mut Rows,
    gone: &HashSet<&str>,
    scope: Option<&dyn Fn(&LinkRow) -> bool>,
    effect: &mut StepEffect,
) {
    let mut kept = Vec::with_capacity(rows.links.len());
    // Links of remaining assets that lose every target: their assets no longer depend on
    // anything along them, which the step should say.
    let mut orphaned: Vec<String> = Vec::new();
    for mut l in std::mem::take(&mut rows.links) {
        match scope {
            None if gone.contains(l.from.as_str()) => {
                effect.links.removed += 1;
                continue;
            }
            Some(accepts) if !accepts(&l) => {
                kept.push(l);
                continue;
            }
            _ => {}
        }
        let before = l.to.len();
        l.to.retain(|t| !gone.contains(t.as_str()));
        if l.to.len() == before {
            kept.push(l);
            continue;
        }
        if l.to.is_empty() {
            effect.links.removed += 1;
            orphaned.push(format!("{} {}", l.from, l.kind));
            continue;
        }
        effect.links.changed += 1;
        if let Some(need) = l.need
            && need as usize > l.to.len()
        {
            effect.notes.push(format!(
                "the {} link from {} needed {need} of its targets; {} remain, so it now needs all of them",
                l.kind,
                l.from,
                l.to.len()
            ));
            l.need = (l.to.len() > 1).then_some(l.to.len() as u32);
        }
        kept.push(l);
    }
    rows.links = kept;
    if scope.is_none() && !orphaned.is_empty() {
        let n = orphaned.len();
        orphaned.truncate(3);
        effect.notes.push(format!(
            "{n} link(s) of remaining assets lost every target and went, so these assets no longer depend on anything along them (for example: {}{})",
            orphaned.join(", "),
            if n > 3 { ", ..." } else { "" }
        ));
    }
}
