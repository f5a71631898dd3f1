//! The backhaul of re-homed gNBs (analyses.md §7): a site's backhaul does not leave with
//! the 4G core. Every `connects_to` link of a former anchor whose targets all lie in the
//! `transport` domain is copied to the gNB it anchored (same targets, `need`, `interface`
//! and openness); a gNB that still has no path to any transport asset while its anchor had
//! one is reported.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use crate::model::Inventory;
use crate::scenario::effect::StepEffect;
use crate::scenario::rows::LinkRow;
use crate::vocab::{LinkKind, TRANSPORT};

/// The code of the warning for a re-homed gNB cut off from the transport network.
pub const NO_TRANSPORT: &str = "rehomed-without-transport";

/// The backhaul links copied to each re-homed gNB, by gNB id: `anchors` gives the former
/// anchors of each gNB, `links` the links of the state after re-homing. A link the gNB
/// already has (same kind and targets) is not copied again.
pub fn copy_backhaul(
    inv: &Inventory,
    anchors: &BTreeMap<String, Vec<String>>,
    links: &[LinkRow],
    source: &str,
) -> BTreeMap<String, Vec<(String, LinkRow)>> {
    let transport = transport_assets(inv);
    let connects = LinkKind::ConnectsTo.as_str();
    let backhaul = |l: &LinkRow| {
        l.kind == connects
            && !l.to.is_empty()
            && l.to.iter().all(|t| transport.contains(t.as_str()))
    };
    let mut by_from: HashMap<&str, Vec<&LinkRow>> = HashMap::new();
    for l in links.iter().filter(|l| backhaul(l)) {
        by_from.entry(l.from.as_str()).or_default().push(l);
    }
    let mut copies: BTreeMap<String, Vec<(String, LinkRow)>> = BTreeMap::new();
    for (gnb, its_anchors) in anchors {
        // The target sets the gNB already reaches over `connects_to`, so nothing doubles.
        let mut have: BTreeSet<Vec<String>> = by_from
            .get(gnb.as_str())
            .into_iter()
            .flatten()
            .map(|l| sorted(&l.to))
            .collect();
        for anchor in its_anchors {
            for l in by_from.get(anchor.as_str()).into_iter().flatten() {
                if !have.insert(sorted(&l.to)) {
                    continue;
                }
                let copy = LinkRow {
                    from: gnb.clone(),
                    to: l.to.clone(),
                    kind: l.kind,
                    need: l.need,
                    interface: l.interface.clone(),
                    open: l.open,
                    source: Some(source.to_owned()),
                    notes: Some(format!("backhaul of {anchor}, copied when re-homed")),
                };
                copies
                    .entry(gnb.clone())
                    .or_default()
                    .push((anchor.clone(), copy));
            }
        }
    }
    copies
}

/// Warns about every re-homed gNB that has no path to a transport asset along
/// failure-propagating links after the step (`after`: every link of the new state) while
/// one of its anchors had one before it.
pub fn warn_cut_off(
    inv: &Inventory,
    anchors: &BTreeMap<String, Vec<String>>,
    after: &[&LinkRow],
    effect: &mut StepEffect,
) {
    let transport = transport_assets(inv);
    let before: Vec<(&str, Vec<&str>)> = inv
        .links
        .iter()
        .filter(|l| l.kind.propagates_failure())
        .map(|l| {
            let to = inv.targets(l).iter().map(|&t| &*inv.asset(t).id).collect();
            (&*inv.asset(l.from).id, to)
        })
        .collect();
    let reached_before = reaches(&transport, before.iter().map(|(f, t)| (*f, t.as_slice())));
    let after: Vec<(&str, Vec<&str>)> = after
        .iter()
        .filter(|l| LinkKind::parse(l.kind).is_some_and(LinkKind::propagates_failure))
        .map(|l| (l.from.as_str(), l.to.iter().map(String::as_str).collect()))
        .collect();
    let reached_after = reaches(&transport, after.iter().map(|(f, t)| (*f, t.as_slice())));
    for (gnb, its_anchors) in anchors {
        if reached_after.contains(gnb.as_str()) {
            continue;
        }
        let had: Vec<&str> = its_anchors
            .iter()
            .map(String::as_str)
            .filter(|a| reached_before.contains(a))
            .collect();
        if had.is_empty() {
            continue;
        }
        effect.warnings.push(format!(
            "{NO_TRANSPORT}: re-homed gNB \"{gnb}\" has no path to any transport asset, while its anchor {} had one: its figures leave out the backhaul (add a link to it with an add step)",
            had.iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// The ids of the transport assets of the state before the step (a migration adds none).
fn transport_assets(inv: &Inventory) -> HashSet<&str> {
    match inv.domain_ix(TRANSPORT) {
        Some(d) => inv
            .assets
            .iter()
            .filter(|a| a.domain == d)
            .map(|a| &*a.id)
            .collect(),
        None => HashSet::new(),
    }
}

/// Every asset with a path to one of `targets` along the given links (the targets
/// included): one search backwards from all of them, linear in the links.
fn reaches<'a>(
    targets: &HashSet<&'a str>,
    links: impl Iterator<Item = (&'a str, &'a [&'a str])>,
) -> HashSet<&'a str> {
    let mut back: HashMap<&str, Vec<&str>> = HashMap::new();
    for (from, to) in links {
        for &t in to {
            back.entry(t).or_default().push(from);
        }
    }
    let mut seen: HashSet<&str> = targets.clone();
    let mut queue: VecDeque<&str> = targets.iter().copied().collect();
    while let Some(x) = queue.pop_front() {
        for &f in back.get(x).into_iter().flatten() {
            if seen.insert(f) {
                queue.push_back(f);
            }
        }
    }
    seen
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}
