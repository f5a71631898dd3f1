//! Links from end points (`EP_*` and their remote addresses or DNs) and from `managedBy`.
//! Every end point pointing from one function to another of the same interface becomes one
//! link with every remote as an alternative (an AMF pool behind several `EP_NgC`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::diagnostics::{Code, Diagnostic};
use crate::vocab::LinkKind;

use super::super::rows::Link;
use super::interfaces::{Rule, interface, orient};
use super::mapping::{Ctx, Kind, kind};
use super::tree::Mo;

/// Links by (from, kind, interface): their targets and the smallest source.
type Grouped = BTreeMap<(usize, LinkKind, Option<String>), (BTreeSet<usize>, String)>;

/// The index of the objects of every file by DN (any case, spaces removed) and of end
/// points by their local addresses.
struct Index {
    dn: HashMap<String, (usize, usize)>,
    address: HashMap<String, Vec<(usize, usize)>>,
}

fn norm_dn(dn: &str) -> String {
    dn.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn index(cx: &Ctx<'_>) -> Index {
    let mut ix = Index {
        dn: HashMap::new(),
        address: HashMap::new(),
    };
    for (t, tree) in cx.trees.iter().enumerate() {
        for (i, mo) in tree.mos.iter().enumerate() {
            ix.dn.entry(norm_dn(&mo.dn)).or_insert((t, i));
            if kind(&mo.class) == Kind::Endpoint {
                let addresses = mo.attrs.iter().filter_map(|(p, v)| {
                    let mut steps = p.split('.');
                    let head = steps.next().unwrap_or(p);
                    let leaf = steps.next_back().unwrap_or(head).to_ascii_lowercase();
                    // Only the address leaves, not the port or the VLAN beside them.
                    (head.eq_ignore_ascii_case("localAddress")
                        && (leaf == "localaddress" || leaf.contains("address")))
                    .then_some(v.as_str())
                });
                for v in addresses {
                    ix.address
                        .entry(v.trim().to_ascii_lowercase())
                        .or_default()
                        .push((t, i));
                }
            }
        }
    }
    ix
}

/// The asset an object belongs to: its own, or its nearest imported ancestor's.
fn owner(cx: &Ctx<'_>, t: usize, mut i: usize) -> Option<usize> {
    loop {
        if let Some(&a) = cx.asset_of.get(&(t, i)) {
            return Some(a);
        }
        i = cx.trees[t].mos[i].parent?;
    }
}

/// Turns every end point into a link, or reports why not.
pub(super) fn endpoints(cx: &mut Ctx<'_>) {
    let ix = index(cx);
    let mut grouped = Grouped::new();
    // End points that another one's remote end names: the passive end of a link.
    let mut named = HashSet::new();
    let mut passive = Vec::new();
    for t in 0..cx.trees.len() {
        for i in 0..cx.trees[t].mos.len() {
            let mo = &cx.trees[t].mos[i];
            if kind(&mo.class) != Kind::Endpoint {
                continue;
            }
            if remote_values(mo).next().is_none() {
                passive.push((t, i));
            } else {
                endpoint(cx, &ix, (t, i), &mut grouped, &mut named);
            }
        }
    }
    for (t, i) in passive {
        let mo = &cx.trees[t].mos[i];
        if named.contains(&(t, i)) {
            cx.imp
                .tally
                .imported(&mo.class, "far end of a link written at the other end");
        } else {
            let why = "no farEndEntity or remoteAddress, and no end point names it";
            cx.imp.tally.skipped(&mo.class, why, &mo.dn);
        }
    }
    push_grouped(cx, grouped);
}

/// The values that name an end point's remote end: DNs or addresses.
fn remote_values(mo: &Mo) -> impl Iterator<Item = &str> {
    mo.attr_values("farEndEntity")
        .chain(mo.attr_values("remoteAddress"))
}

fn endpoint(
    cx: &mut Ctx<'_>,
    ix: &Index,
    (t, i): (usize, usize),
    grouped: &mut Grouped,
    named: &mut HashSet<(usize, usize)>,
) {
    let tree = &cx.trees[t];
    let mo = &tree.mos[i];
    let class = mo.class.as_str();
    let Some(a) = mo.parent.and_then(|p| owner(cx, t, p)) else {
        cx.imp
            .tally
            .skipped(class, "its function was not imported", &mo.dn);
        return;
    };
    let Some(iface) = interface(class) else {
        let why = "interface not mapped: which end depends on which is not known";
        cx.imp.tally.skipped(class, why, &mo.dn);
        return;
    };
    if iface.rule == Rule::Peer {
        cx.imp
            .tally
            .skipped(class, "between peers: no dependency", &mo.dn);
        return;
    }
    let mut remotes = BTreeSet::new();
    for v in remote_values(mo) {
        let found: Vec<(usize, usize)> = if v.contains('=') {
            ix.dn.get(&norm_dn(v)).copied().into_iter().collect()
        } else {
            ix.address
                .get(&v.trim().to_ascii_lowercase())
                .cloned()
                .unwrap_or_default()
        };
        named.extend(found.iter().copied());
        remotes.extend(found.into_iter().filter_map(|(rt, ri)| owner(cx, rt, ri)));
    }
    remotes.remove(&a);
    if remotes.is_empty() {
        let message = format!(
            "the remote end of \"{}\" is not in the files read (no farEndEntity or remoteAddress that resolves)",
            mo.dn
        );
        let d = Diagnostic::new(Code::UnresolvedReference, message, Some(tree.locate(i)));
        cx.imp.diagnostics.push(d);
        cx.imp.tally.skipped(class, "remote end not found", &mo.dn);
        return;
    }
    let source = tree.source(i);
    let fa = cx.imp.assets[a].function;
    let mut linked = None;
    for b in remotes {
        let fb = cx.imp.assets[b].function;
        let Some((forward, link_kind)) = orient(iface.rule, fa, fb) else {
            let why = if fa == fb {
                format!("between peers ({fa} and {fb}): no dependency")
            } else {
                format!("ends {fa} and {fb} do not fit {}", iface.label)
            };
            cx.imp.tally.skipped(class, why, &mo.dn);
            continue;
        };
        let (from, to) = if forward { (a, b) } else { (b, a) };
        let key = (from, link_kind, Some(iface.label.to_owned()));
        add(grouped, key, to, &source);
        linked = Some(link_kind);
    }
    if let Some(k) = linked {
        cx.imp
            .tally
            .imported(class, format!("link {} {}", k.as_str(), iface.label));
    }
}

fn add(grouped: &mut Grouped, key: (usize, LinkKind, Option<String>), to: usize, source: &str) {
    let e = grouped
        .entry(key)
        .or_insert_with(|| (BTreeSet::new(), source.to_owned()));
    e.0.insert(to);
    if source < e.1.as_str() {
        e.1 = source.to_owned();
    }
}

fn push_grouped(cx: &mut Ctx<'_>, grouped: Grouped) {
    for ((from, kind, interface), (to, source)) in grouped {
        cx.imp.links.push(Link {
            from,
            to: to.into_iter().collect(),
            kind,
            interface,
            source,
        });
    }
}

/// `managedBy` of a ManagedElement (and `managedElements` of a ManagementNode): every
/// asset of the element is `managed_by` the management function(s) named.
pub(super) fn managed_by(cx: &mut Ctx<'_>) {
    let ix = index(cx);
    let mut grouped = Grouped::new();
    for t in 0..cx.trees.len() {
        for i in 0..cx.trees[t].mos.len() {
            let mo = &cx.trees[t].mos[i];
            if mo.is("managedelement") {
                let targets: Vec<(String, Option<usize>)> = mo
                    .attr_values("managedBy")
                    .map(|dn| (dn.to_owned(), manager(cx, &ix, dn)))
                    .collect();
                for (dn, target) in targets {
                    let via = format!("{} (managedBy)", cx.trees[t].source(i));
                    relate(cx, Some((t, i)), (t, i), &dn, target, &via, &mut grouped);
                }
            } else if mo.is("managementnode") && cx.asset_of.contains_key(&(t, i)) {
                let node = cx.asset_of[&(t, i)];
                let elements: Vec<(String, Option<(usize, usize)>)> = mo
                    .attr_values("managedElements")
                    .map(|dn| (dn.to_owned(), ix.dn.get(&norm_dn(dn)).copied()))
                    .collect();
                for (dn, me) in elements {
                    let via = format!("{} (managedElements)", cx.trees[t].source(i));
                    relate(cx, me, (t, i), &dn, Some(node), &via, &mut grouped);
                }
            }
        }
    }
    push_grouped(cx, grouped);
}

/// The management function a DN names: the object's asset, or the first management asset
/// of a ManagedElement.
fn manager(cx: &Ctx<'_>, ix: &Index, dn: &str) -> Option<usize> {
    let &(t, i) = ix.dn.get(&norm_dn(dn))?;
    if let Some(&a) = cx.asset_of.get(&(t, i)) {
        return Some(a);
    }
    let assets = cx.under_me.get(&(t, i))?;
    assets.iter().copied().find(|&a| {
        crate::vocab::function_info(cx.imp.assets[a].function).is_some_and(|f| f.domain == "nmo")
    })
}

/// Links the assets of ManagedElement `me` (file, object) to `target`, or reports the DN
/// that does not resolve at `named_at`, the object whose attribute names it.
fn relate(
    cx: &mut Ctx<'_>,
    me: Option<(usize, usize)>,
    named_at: (usize, usize),
    dn: &str,
    target: Option<usize>,
    source: &str,
    grouped: &mut Grouped,
) {
    let (Some((t, m)), Some(target)) = (me, target) else {
        let tree = &cx.trees[named_at.0];
        let message = format!(
            "\"{dn}\" (named by \"{}\") is not an imported management function or managed element in the files read",
            tree.mos[named_at.1].dn
        );
        let d = Diagnostic::new(
            Code::UnresolvedReference,
            message,
            Some(tree.locate(named_at.1)),
        );
        cx.imp.diagnostics.push(d);
        cx.imp.tally.skipped("managedBy", "does not resolve", dn);
        return;
    };
    let assets = cx.under_me.get(&(t, m)).cloned().unwrap_or_default();
    let mut linked = false;
    for a in assets.into_iter().filter(|&a| a != target) {
        add(grouped, (a, LinkKind::ManagedBy, None), target, source);
        linked = true;
    }
    if linked {
        cx.imp.tally.imported("managedBy", "link managed_by");
    }
}
