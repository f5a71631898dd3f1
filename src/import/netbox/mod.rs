//! The NetBox importer: REST results and dumpdata exports to inventory rows.

mod cables;
mod mapping;
mod records;

pub use records::{Follow, Rec, Store};

use std::collections::BTreeMap;

use crate::diagnostics::{Code, Diagnostic};

use super::map::ImportMap;
use super::rows::Imported;
use mapping::{Cx, pk_of};

/// The models read only for what other records refer to (names, regions, manufacturers,
/// the ends of cables).
const LOOKUPS: &[&str] = &[
    "circuits.circuittermination",
    "circuits.circuittype",
    "circuits.provider",
    "dcim.cabletermination",
    "dcim.devicerole",
    "dcim.devicetype",
    "dcim.interface",
    "dcim.manufacturer",
    "dcim.platform",
    "dcim.region",
    "dcim.site",
    "tenancy.tenant",
    "virtualization.clustertype",
];

/// The models that become rows.
const MAPPED: &[&str] = &[
    "circuits.circuit",
    "dcim.cable",
    "dcim.device",
    "virtualization.cluster",
    "virtualization.virtualmachine",
];

/// Imports NetBox exports (name, text): every file is read, and every malformed one
/// reported, before the records of the others are mapped.
pub fn import(files: &[(String, String)], map: &ImportMap) -> Imported {
    let mut store = Store::default();
    let mut errors = Vec::new();
    for (name, text) in files {
        if let Err(d) = store.read(name, text) {
            errors.push(d);
        }
    }
    let mut imp = map_store(&store, map);
    imp.diagnostics.extend(errors);
    imp
}

/// Maps the records of a store: devices, then circuits, virtual machines, cables.
pub fn map_store(store: &Store, map: &ImportMap) -> Imported {
    let mut cx = Cx::new(map, store);
    for rec in store.all("dcim.device") {
        cx.device(rec);
    }
    for rec in store.all("circuits.circuit") {
        cx.circuit(rec);
    }
    // The devices of each cluster that were imported: a VM's alternatives.
    let mut cluster_devices: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for rec in store.all("dcim.device") {
        if let (Some(c), Some(&a)) = (
            pk_of(rec.fields.get("cluster")),
            cx.asset_of.get(&("dcim.device", rec.pk)),
        ) {
            cluster_devices.entry(c).or_default().push(a);
        }
    }
    for rec in store.all("virtualization.virtualmachine") {
        cx.virtual_machine(rec, &cluster_devices);
    }
    cx.tally_clusters();
    cables::cables(&mut cx);
    for (model, recs) in &store.by_model {
        if MAPPED.contains(&model.as_str()) {
            continue;
        }
        for rec in recs.values() {
            if LOOKUPS.contains(&model.as_str()) {
                cx.imp
                    .tally
                    .imported(model, "read for the names and references of others");
            } else {
                let why = "model not mapped: no supplier or dependency of its own";
                cx.imp.tally.skipped(model, why, &rec.source(store));
            }
        }
    }
    for (file, path) in &store.unknown {
        let element = format!("{}: {path}", store.files[*file].0);
        cx.imp.tally.skipped(
            "REST object",
            "its url names no model the import reads",
            &element,
        );
    }
    let mut imp = std::mem::take(&mut cx.imp);
    for ((model, field, target), (n, (first_model, first_pk), key)) in &cx.missing {
        let rec = store.get(first_model, *first_pk);
        let message = format!(
            "{n} {model} record(s) name a {target} in \"{field}\" that is not in the files \
             (first: {first_model} pk={first_pk}, {field} {key}): left out"
        );
        imp.diagnostics.push(Diagnostic::new(
            Code::UnresolvedReference,
            message,
            rec.map(|r| store.locate(r)),
        ));
    }
    imp
}
