//! NetBox records to inventory rows (the table of `docs/import-netbox.md`): devices, virtual
//! machines, clusters and circuits to assets, through the map's functions, suppliers and
//! operators. Cables are in `cables.rs`.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::vocab::LinkKind;

use super::super::map::ImportMap;
use super::super::rows::{Asset, Imported, Link, to_id};
use super::records::{Follow, Rec, Store, name_of, names};

/// Fields of a record.
type Fields = Map<String, Value>;

/// Foreign keys that point at nothing: (model, field, target model) -> (count, the first
/// record as (model, pk), the key).
pub type Missing = BTreeMap<(String, String, String), (u64, (String, i64), i64)>;

/// What became of a cluster.
#[derive(Clone, Debug)]
enum Cluster {
    /// Its imported devices carry its virtual machines.
    Devices,
    /// An asset of its own (a cloud with no device in the export).
    Asset(usize),
    /// It could not be made an asset (the reason).
    Failed(String),
}

/// The importer's working state.
pub(super) struct Cx<'a> {
    pub map: &'a ImportMap,
    pub store: &'a Store,
    pub imp: Imported,
    /// (model, pk) to the asset it gave.
    pub asset_of: HashMap<(&'static str, i64), usize>,
    /// Per asset: its rank from the edge to the provider (server 0, switch 1, router 2,
    /// optical 3, circuit 4), which orients cables.
    pub tier: Vec<u8>,
    /// Foreign keys that point at nothing.
    pub missing: Missing,
    /// Clusters by pk.
    clusters: BTreeMap<i64, Cluster>,
}

impl<'a> Cx<'a> {
    pub fn new(map: &'a ImportMap, store: &'a Store) -> Self {
        Cx {
            map,
            store,
            imp: Imported::default(),
            asset_of: HashMap::new(),
            tier: Vec::new(),
            missing: BTreeMap::new(),
            clusters: BTreeMap::new(),
        }
    }

    /// Follows `key` of `fields` (of record `rec`) to `model`; a key that points at nothing
    /// is counted for a warning.
    pub fn follow(
        &mut self,
        rec: &Rec,
        fields: &'a Fields,
        key: &str,
        model: &str,
    ) -> Option<&'a Fields> {
        match self.store.follow(fields, key, model) {
            Follow::Found(m) => Some(m),
            Follow::Absent => None,
            Follow::Missing(pk) => {
                let k = (rec.model.clone(), key.to_owned(), model.to_owned());
                let e = self
                    .missing
                    .entry(k)
                    .or_insert((0, (rec.model.clone(), rec.pk), pk));
                e.0 += 1;
                None
            }
        }
    }

    fn push(&mut self, key: (&'static str, i64), asset: Asset, tier: u8) -> usize {
        let a = self.imp.push_asset(asset);
        self.tier.push(tier);
        self.asset_of.insert(key, a);
        a
    }

    /// The function of a role or of one of the tags, through the map.
    fn function(&self, role: Option<&Fields>, rec: &Rec) -> Result<&'static str, String> {
        let role_names = role.map(names).unwrap_or_default();
        let tag_names: Vec<&str> = match rec.fields.get("tags") {
            Some(Value::Array(tags)) => tags
                .iter()
                .filter_map(Value::as_object)
                .flat_map(names)
                .collect(),
            _ => Vec::new(),
        };
        if let Some(f) = role_names
            .iter()
            .chain(&tag_names)
            .find_map(|n| self.map.function(n))
        {
            return Ok(f);
        }
        Err(match role.and_then(name_of) {
            Some(r) => format!("role \"{r}\" is not in the map's [functions]"),
            None => "no role, and no tag in the map's [functions]".to_owned(),
        })
    }

    /// The supplier of the first object (manufacturer, platform, provider) the map names.
    fn supplier(
        &mut self,
        candidates: &[Option<&Fields>],
        what: &str,
        source: &str,
    ) -> Result<String, String> {
        for m in candidates.iter().flatten() {
            if let Some(id) = names(m).iter().find_map(|n| self.map.supplier(n)) {
                let id = id.to_owned();
                let at = format!("{source} ({what} \"{}\")", name_of(m).unwrap_or_default());
                self.imp.use_supplier(self.map, &id, at);
                return Ok(id);
            }
        }
        Err(match candidates.iter().flatten().find_map(|m| name_of(m)) {
            Some(n) => format!("{what} \"{n}\" is not in the map"),
            None => format!("no {what}"),
        })
    }

    /// The operator of a tenant, else the map's default.
    fn operator(&mut self, tenant: Option<&Fields>) -> Result<String, String> {
        let id = match tenant {
            Some(t) => names(t)
                .iter()
                .find_map(|n| self.map.operator(n))
                .ok_or_else(|| {
                    format!(
                        "tenant \"{}\" is not in the map",
                        name_of(t).unwrap_or_default()
                    )
                })?,
            None => self
                .map
                .defaults
                .operator
                .as_deref()
                .ok_or("no tenant, and no [defaults] operator in the map")?,
        };
        let spec = self.map.operators.get(id).cloned().unwrap_or_default();
        let id = id.to_owned();
        self.imp
            .use_operator(&id, spec, format!("import map {}", self.map.file));
        Ok(id)
    }

    fn site_region(
        &mut self,
        rec: &'a Rec,
        fields: &'a Fields,
    ) -> (Option<String>, Option<String>) {
        let Some(site) = self.follow(rec, fields, "site", "dcim.site") else {
            return (None, None);
        };
        let region = self
            .follow(rec, site, "region", "dcim.region")
            .and_then(name_of);
        (name_of(site).map(str::to_owned), region.map(str::to_owned))
    }

    /// A device: role or tag to function, manufacturer to supplier, tenant to operator.
    pub fn device(&mut self, rec: &'a Rec) {
        let f = &rec.fields;
        let source = rec.source(self.store);
        let role = self
            .follow(rec, f, "role", "dcim.devicerole")
            .or_else(|| self.follow(rec, f, "device_role", "dcim.devicerole"));
        let dt = self.follow(rec, f, "device_type", "dcim.devicetype");
        let made_by = dt.and_then(|d| self.follow(rec, d, "manufacturer", "dcim.manufacturer"));
        let platform = self.follow(rec, f, "platform", "dcim.platform");
        let platform_by =
            platform.and_then(|p| self.follow(rec, p, "manufacturer", "dcim.manufacturer"));
        let tenant = self.follow(rec, f, "tenant", "tenancy.tenant");
        let (site, region) = self.site_region(rec, f);
        let made = self.function(role, rec).and_then(|function| {
            let supplier = self.supplier(&[made_by, platform_by], "manufacturer", &source)?;
            Ok((function, supplier, self.operator(tenant)?))
        });
        let (function, supplier, operator) = match made {
            Ok(m) => m,
            Err(why) => return self.imp.tally.skipped(&rec.model, why, &source),
        };
        let name = rec.str("name").map(str::to_owned);
        let asset = Asset {
            id: name
                .as_deref()
                .map_or_else(|| format!("device-{}", rec.pk), to_id),
            operator,
            function,
            supplier,
            name,
            site,
            region,
            source,
            notes: dt.and_then(name_of).map(|m| format!("device type {m}")),
            ..Asset::default()
        };
        self.push(("dcim.device", rec.pk), asset, tier(function));
        self.imp
            .tally
            .imported(&rec.model, format!("asset {function}"));
    }

    /// A virtual machine, which `runs_on` its cluster's devices (alternatives) or, when the
    /// export holds none, on the cluster itself.
    pub fn virtual_machine(&mut self, rec: &'a Rec, cluster_devices: &BTreeMap<i64, Vec<usize>>) {
        let f = &rec.fields;
        let source = rec.source(self.store);
        let role = self.follow(rec, f, "role", "dcim.devicerole");
        let platform = self.follow(rec, f, "platform", "dcim.platform");
        let platform_by =
            platform.and_then(|p| self.follow(rec, p, "manufacturer", "dcim.manufacturer"));
        let cluster = self.follow(rec, f, "cluster", "virtualization.cluster");
        let cluster_pk = pk_of(f.get("cluster"));
        let tenant = self
            .follow(rec, f, "tenant", "tenancy.tenant")
            .or_else(|| cluster.and_then(|c| self.follow(rec, c, "tenant", "tenancy.tenant")));
        let (site, region) = self.site_region(rec, f);
        let made = self.function(role, rec).and_then(|function| {
            let supplier = self.supplier(&[platform_by, platform], "platform", &source)?;
            Ok((function, supplier, self.operator(tenant)?))
        });
        let (function, supplier, operator) = match made {
            Ok(m) => m,
            Err(why) => return self.imp.tally.skipped(&rec.model, why, &source),
        };
        let cluster_name = cluster.and_then(name_of).unwrap_or("no-cluster");
        let name = rec.str("name").map(str::to_owned);
        let id = format!(
            "{}.{}",
            to_id(cluster_name),
            name.as_deref()
                .map_or_else(|| format!("vm-{}", rec.pk), to_id)
        );
        let asset = Asset {
            id,
            operator: operator.clone(),
            function,
            supplier,
            name,
            site,
            region,
            source: source.clone(),
            notes: Some("virtual machine".into()),
            ..Asset::default()
        };
        let vm = self.push(
            ("virtualization.virtualmachine", rec.pk),
            asset,
            tier(function),
        );
        self.imp
            .tally
            .imported(&rec.model, format!("asset {function}"));
        let hosts = match (cluster_pk, cluster) {
            (Some(pk), Some(c)) => match cluster_devices.get(&pk) {
                Some(devices) => {
                    self.clusters.insert(pk, Cluster::Devices);
                    Ok(devices.clone())
                }
                None => self.cluster_asset(pk, c, &operator).map(|a| vec![a]),
            },
            _ => Err("no cluster".to_owned()),
        };
        match hosts {
            Ok(to) => self.imp.links.push(Link {
                from: vm,
                to,
                kind: LinkKind::RunsOn,
                interface: None,
                source,
            }),
            Err(why) => {
                self.imp
                    .tally
                    .skipped(&rec.model, format!("runs_on not made: {why}"), &source)
            }
        }
    }

    /// The asset of a cluster that has no device in the export: a `cloud` (or the map's
    /// function for its type), supplied by its type's company (`DigitalOcean`).
    fn cluster_asset(
        &mut self,
        pk: i64,
        c: &'a Fields,
        vm_operator: &str,
    ) -> Result<usize, String> {
        match self.clusters.get(&pk) {
            Some(Cluster::Asset(a)) => return Ok(*a),
            Some(Cluster::Failed(why)) => return Err(why.clone()),
            _ => {}
        }
        let Some(rec) = self.store.get("virtualization.cluster", pk) else {
            return Err("its cluster is not in the files".into());
        };
        let source = rec.source(self.store);
        let ctype = self.follow(rec, c, "type", "virtualization.clustertype");
        let function = ctype
            .map(names)
            .unwrap_or_default()
            .iter()
            .find_map(|n| self.map.function(n))
            .unwrap_or("cloud");
        let tenant = self.follow(rec, c, "tenant", "tenancy.tenant");
        let made = self
            .supplier(&[ctype], "cluster type", &source)
            .and_then(|supplier| {
                let operator = match tenant {
                    Some(_) => self.operator(tenant)?,
                    None => vm_operator.to_owned(),
                };
                Ok((supplier, operator))
            });
        let (supplier, operator) = match made {
            Ok(m) => m,
            Err(why) => {
                let why = format!("cluster {}: {why}", name_of(c).unwrap_or_default());
                self.clusters.insert(pk, Cluster::Failed(why.clone()));
                return Err(why);
            }
        };
        let (site, region) = self.site_region(rec, c);
        let name = name_of(c).map(str::to_owned);
        let asset = Asset {
            id: format!(
                "cluster-{}",
                name.as_deref().map_or_else(|| pk.to_string(), to_id)
            ),
            operator,
            function,
            supplier,
            name,
            site,
            region,
            source,
            notes: ctype
                .and_then(name_of)
                .map(|t| format!("cluster of type {t}")),
            ..Asset::default()
        };
        let a = self.push(("virtualization.cluster", pk), asset, 0);
        self.clusters.insert(pk, Cluster::Asset(a));
        Ok(a)
    }

    /// Counts every cluster once: an asset, carried by its devices, or why not.
    pub fn tally_clusters(&mut self) {
        let store = self.store;
        for rec in store.all("virtualization.cluster") {
            let source = rec.source(store);
            match self.clusters.get(&rec.pk) {
                Some(Cluster::Asset(_)) => self
                    .imp
                    .tally
                    .imported(&rec.model, "asset (hosts its virtual machines)"),
                Some(Cluster::Devices) => self
                    .imp
                    .tally
                    .imported(&rec.model, "its devices host its virtual machines"),
                Some(Cluster::Failed(why)) => {
                    self.imp.tally.skipped(&rec.model, why.clone(), &source)
                }
                None => self.imp.tally.skipped(
                    &rec.model,
                    "no imported virtual machine runs on it",
                    &source,
                ),
            }
        }
    }

    /// A circuit: its provider supplies a transport or managed-service asset.
    pub fn circuit(&mut self, rec: &'a Rec) {
        let f = &rec.fields;
        let source = rec.source(self.store);
        let ctype = self.follow(rec, f, "type", "circuits.circuittype");
        let provider = self.follow(rec, f, "provider", "circuits.provider");
        let tenant = self.follow(rec, f, "tenant", "tenancy.tenant");
        let function = ctype
            .map(names)
            .unwrap_or_default()
            .iter()
            .find_map(|n| {
                self.map
                    .circuit_types
                    .get(&n.trim().to_lowercase())
                    .copied()
            })
            .unwrap_or("managed-service");
        let made = self
            .supplier(&[provider], "provider", &source)
            .and_then(|supplier| Ok((supplier, self.operator(tenant)?)));
        let (supplier, operator) = match made {
            Ok(m) => m,
            Err(why) => return self.imp.tally.skipped(&rec.model, why, &source),
        };
        let mut site = (None, None);
        for end in ["termination_a", "termination_z"] {
            if site.0.is_none()
                && let Some(t) = self.follow(rec, f, end, "circuits.circuittermination")
            {
                site = self.site_region(rec, t);
            }
        }
        let cid = rec.str("cid").map(str::to_owned);
        let asset = Asset {
            id: format!(
                "circuit-{}",
                cid.as_deref().map_or_else(|| rec.pk.to_string(), to_id)
            ),
            operator,
            function,
            supplier,
            name: cid,
            site: site.0,
            region: site.1,
            source,
            notes: ctype
                .and_then(name_of)
                .map(|t| format!("circuit of type {t}")),
            ..Asset::default()
        };
        self.push(("circuits.circuit", rec.pk), asset, 4);
        self.imp
            .tally
            .imported(&rec.model, format!("asset {function}"));
    }
}

/// The pk of a foreign key written as a number or a nested object.
pub fn pk_of(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::Object(o) => o.get("id")?.as_i64(),
        _ => None,
    }
}

/// The rank of a function from the edge of the network to the provider: a cable runs from
/// the lower rank to the higher.
fn tier(function: &str) -> u8 {
    match function {
        "server" | "nfvi" | "cloud" => 0,
        "router" => 2,
        "optical" | "microwave" => 3,
        "managed-service" | "internet-gateway" | "ipx" | "peering" => 4,
        _ => 1,
    }
}
