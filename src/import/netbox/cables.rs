//! Cables to `connects_to` links: each end is followed to its device (an interface) or its
//! circuit (a circuit termination); the link runs from the end lower in the network (server,
//! switch, router, circuit) to the higher, between equals from the A end to the B end. All
//! cables from one asset to assets of one function form one link of alternatives (a ToR
//! switch's two uplinks).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::vocab::LinkKind;

use super::super::rows::Link;
use super::mapping::{Cx, pk_of};
use super::records::Rec;

/// One end of a cable: its termination's type (`dcim.interface`) and what it points at.
struct End<'a> {
    kind: String,
    id: Option<i64>,
    /// The nested object of a REST export.
    object: Option<&'a serde_json::Map<String, Value>>,
}

/// Links by (from, the targets' function): the targets and the smallest source.
type Grouped = BTreeMap<(usize, &'static str), (BTreeSet<usize>, String)>;

/// Turns every cable into links, or counts why not.
pub(super) fn cables(cx: &mut Cx<'_>) {
    let store = cx.store;
    // dumpdata: the terminations are records of their own.
    let mut ends: BTreeMap<i64, [Vec<End<'_>>; 2]> = BTreeMap::new();
    for t in store.all("dcim.cabletermination") {
        let Some(cable) = pk_of(t.fields.get("cable")) else {
            continue;
        };
        let side = usize::from(t.str("cable_end") == Some("B"));
        let kind = match t.fields.get("termination_type") {
            Some(Value::Array(parts)) => parts
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("."),
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        let id = pk_of(t.fields.get("termination_id"));
        ends.entry(cable).or_default()[side].push(End {
            kind,
            id,
            object: None,
        });
    }
    let mut grouped = Grouped::new();
    for rec in store.all("dcim.cable") {
        let mut sides = ends.remove(&rec.pk).unwrap_or_default();
        // REST: the terminations are nested in the cable.
        for (side, key) in ["a_terminations", "b_terminations"].iter().enumerate() {
            if let Some(Value::Array(ts)) = rec.fields.get(*key) {
                for t in ts.iter().filter_map(Value::as_object) {
                    let kind = t
                        .get("object_type")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    let id = pk_of(t.get("object_id"));
                    let object = t.get("object").and_then(Value::as_object);
                    sides[side].push(End { kind, id, object });
                }
            }
        }
        cable(cx, rec, &sides, &mut grouped);
    }
    for ((from, _), (to, source)) in grouped {
        let to = to.into_iter().collect();
        cx.imp.links.push(Link {
            from,
            to,
            kind: LinkKind::ConnectsTo,
            interface: None,
            source,
        });
    }
}

fn cable<'a>(cx: &mut Cx<'a>, rec: &'a Rec, sides: &[Vec<End<'a>>; 2], grouped: &mut Grouped) {
    let source = format!("{}: dcim.cable pk={}", cx.store.files[rec.file].0, rec.pk);
    let mut assets: [Vec<usize>; 2] = Default::default();
    for (side, list) in sides.iter().enumerate() {
        for end in list {
            match resolve(cx, rec, end) {
                Ok(a) => assets[side].push(a),
                Err(why) => return cx.imp.tally.skipped(&rec.model, why, &source),
            }
        }
        if list.is_empty() {
            return cx
                .imp
                .tally
                .skipped(&rec.model, "an end has no termination", &source);
        }
    }
    let mut linked = false;
    for &a in &assets[0] {
        for &b in &assets[1] {
            if a == b {
                continue;
            }
            let (from, to) = if cx.tier[b] < cx.tier[a] {
                (b, a)
            } else {
                (a, b)
            };
            let e = grouped
                .entry((from, cx.imp.assets[to].function))
                .or_insert_with(|| (BTreeSet::new(), source.clone()));
            e.0.insert(to);
            if source < e.1 {
                e.1 = source.clone();
            }
            linked = true;
        }
    }
    if linked {
        cx.imp.tally.imported(&rec.model, "link connects_to");
    } else {
        cx.imp
            .tally
            .skipped(&rec.model, "both ends on one asset", &source);
    }
}

/// The asset an end of a cable reaches, or why none.
fn resolve<'a>(cx: &mut Cx<'a>, rec: &'a Rec, end: &End<'a>) -> Result<usize, String> {
    let (model, via, owner) = match end.kind.as_str() {
        "dcim.interface" => ("dcim.interface", "device", "dcim.device"),
        "circuits.circuittermination" => {
            ("circuits.circuittermination", "circuit", "circuits.circuit")
        }
        other => {
            // A termination the export does not hold is also an unresolved key.
            if end.object.is_none() && end.id.is_some_and(|id| cx.store.get(other, id).is_none()) {
                missing(cx, rec, other, end.id.unwrap_or(0));
            }
            return Err(format!(
                "ends on a {other}, which the import does not follow"
            ));
        }
    };
    let fields = match (end.object, end.id.and_then(|id| cx.store.get(model, id))) {
        (_, Some(r)) => &r.fields,
        (Some(o), None) => o,
        (None, None) => {
            missing(cx, rec, model, end.id.unwrap_or(0));
            return Err(format!("ends on a {model} that is not in the files"));
        }
    };
    let Some(pk) = pk_of(fields.get(via)) else {
        return Err(format!("ends on a {model} of no {via}"));
    };
    cx.asset_of
        .get(&(owner, pk))
        .copied()
        .ok_or_else(|| format!("ends on a {via} that was not imported"))
}

/// Counts a termination that names a record the export does not hold.
fn missing(cx: &mut Cx<'_>, rec: &Rec, model: &str, id: i64) {
    let k = (
        rec.model.clone(),
        "termination_id".to_owned(),
        model.to_owned(),
    );
    let e = cx
        .missing
        .entry(k)
        .or_insert((0, (rec.model.clone(), rec.pk), id));
    e.0 += 1;
}
