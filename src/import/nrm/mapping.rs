//! Managed objects to inventory rows (the table of `docs/import-nrm.md`): functions to
//! assets, `vendorName` to suppliers, SubNetworks to operators, cells to weights; then
//! end points and `managedBy` to links (`links.rs`).

use std::collections::HashMap;

use crate::vocab::canonical_function;

use super::super::map::ImportMap;
use super::super::rows::{Asset, Imported, Link};
use super::links;
use super::operators::{Choice, choose};
use super::tree::MoTree;

/// What a managed object's class is to the importer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `SubNetwork`, `MeContext`: they place what they contain.
    Container,
    /// `ManagedElement`: gives its `vendorName` to what it contains.
    ManagedElement,
    /// A function of the vocabulary (`GNBDUFunction` gives `gnb-du`, `ManagementNode`
    /// gives `ems`).
    Function(&'static str),
    /// A cell, counted in the weight of its radio function (`gnb` or `enb`).
    Cell(&'static str),
    /// An end point (`EP_F1C`): a link.
    Endpoint,
    /// Vendor-specific data (`vsDataContainer`).
    VendorData,
    /// A stand-in for a function managed elsewhere (`ExternalGnbCuCpFunction`).
    External,
    /// Anything else.
    Other,
}

/// The kind of a class (any case).
pub fn kind(class: &str) -> Kind {
    let lower = class.to_ascii_lowercase();
    match lower.as_str() {
        "subnetwork" | "mecontext" => Kind::Container,
        "managedelement" => Kind::ManagedElement,
        "managementnode" => Kind::Function("ems"),
        "vsdatacontainer" => Kind::VendorData,
        "nrcelldu" => Kind::Cell("gnb"),
        "eutrancellfdd" | "eutrancelltdd" | "eutrancell" | "nbiotcell" => Kind::Cell("enb"),
        l if l.starts_with("external") => Kind::External,
        l if l.starts_with("ep_") => Kind::Endpoint,
        l if l.ends_with("function") => {
            canonical_function(class).map_or(Kind::Other, Kind::Function)
        }
        _ => Kind::Other,
    }
}

/// The importer's working state over every file.
pub(super) struct Ctx<'a> {
    pub map: &'a ImportMap,
    pub trees: &'a [MoTree],
    pub imp: Imported,
    /// (file, object) to the asset it gave (for a gNB-DU: the DU, not its cells).
    pub asset_of: HashMap<(usize, usize), usize>,
    /// (file, ManagedElement) to the assets below it, in file order.
    pub under_me: HashMap<(usize, usize), Vec<usize>>,
    /// (file, innermost SubNetwork or the object) to the operator chosen.
    operators: HashMap<(usize, usize), Choice>,
}

/// Maps the managed objects of every file.
pub fn map_trees(trees: &[MoTree], map: &ImportMap) -> Imported {
    let mut cx = Ctx {
        map,
        trees,
        imp: Imported::default(),
        asset_of: HashMap::new(),
        under_me: HashMap::new(),
        operators: HashMap::new(),
    };
    for (t, tree) in trees.iter().enumerate() {
        for i in 0..tree.mos.len() {
            cx.object(t, i);
        }
    }
    links::endpoints(&mut cx);
    links::managed_by(&mut cx);
    cx.imp
}

impl Ctx<'_> {
    fn object(&mut self, t: usize, i: usize) {
        let tree = &self.trees[t];
        let mo = &tree.mos[i];
        let class = mo.class.as_str();
        match kind(class) {
            Kind::Container => self
                .imp
                .tally
                .imported(class, "container (places its objects)"),
            Kind::ManagedElement => {
                if mo
                    .children
                    .iter()
                    .any(|&c| matches!(kind(&tree.mos[c].class), Kind::Function(_)))
                {
                    self.imp
                        .tally
                        .imported(class, "vendorName: supplier of its functions");
                } else {
                    self.imp
                        .tally
                        .skipped(class, "holds no function of the vocabulary", &mo.dn);
                }
            }
            Kind::Function(f) => self.function(t, i, f),
            Kind::Cell(radio) => {
                let parent_imported = mo
                    .parent
                    .is_some_and(|p| self.asset_of.contains_key(&(t, p)));
                if parent_imported {
                    self.imp
                        .tally
                        .imported(class, format!("weight (cells) of its {radio}"));
                } else {
                    self.imp
                        .tally
                        .skipped(class, "its function was not imported", &mo.dn);
                }
            }
            // End points become links once every asset is known.
            Kind::Endpoint => {}
            Kind::VendorData => {
                self.imp
                    .tally
                    .skipped(class, "vendor-specific data: no standard meaning", &mo.dn);
            }
            Kind::External => self.imp.tally.skipped(
                class,
                "stand-in for a function of another export: import that export too",
                &mo.dn,
            ),
            Kind::Other => {
                let why = if mo.lower.ends_with("function") {
                    "function outside the vocabulary"
                } else {
                    "class not mapped: no supplier or dependency of its own"
                };
                self.imp.tally.skipped(class, why, &mo.dn);
            }
        }
    }

    /// The operator of object `i`, chosen once per SubNetwork; reports the error once.
    fn operator(&mut self, t: usize, i: usize) -> Option<String> {
        let tree = &self.trees[t];
        let key = (t, tree.ancestor(i, "subnetwork").unwrap_or(i));
        if !self.operators.contains_key(&key) {
            let (choice, diag) = choose(tree, i, self.map);
            self.imp.diagnostics.extend(diag);
            self.operators.insert(key, choice);
        }
        match &self.operators[&key] {
            Choice::Operator(id, spec, source) => {
                let (id, spec, source) = (id.clone(), spec.clone(), source.clone());
                self.imp.use_operator(&id, spec, source);
                Some(id)
            }
            Choice::Failed => None,
        }
    }

    fn function(&mut self, t: usize, i: usize, function: &'static str) {
        let tree = &self.trees[t];
        let mo = &tree.mos[i];
        let class = mo.class.as_str();
        let me = tree.ancestor(i, "managedelement");
        let vendor = mo
            .attr("vendorName")
            .or_else(|| me.and_then(|m| tree.mos[m].attr("vendorName")));
        let Some(vendor) = vendor else {
            self.imp
                .tally
                .skipped(class, "no vendorName on it or its ManagedElement", &mo.dn);
            return;
        };
        let Some(supplier) = self.map.supplier(vendor) else {
            let why = format!("vendor \"{vendor}\" is not in the map");
            self.imp.tally.skipped(class, why, &mo.dn);
            return;
        };
        let supplier = supplier.to_owned();
        let Some(operator) = self.operator(t, i) else {
            self.imp
                .tally
                .skipped(class, "no operator (see the error)", &mo.dn);
            return;
        };
        let source = tree.source(i);
        let at = format!("{source} (vendorName \"{vendor}\")");
        self.imp.use_supplier(self.map, &supplier, at);
        let cells = |radio: &'static str| {
            mo.children
                .iter()
                .filter(|&&c| kind(&tree.mos[c].class) == Kind::Cell(radio))
                .count()
        };
        let base = match me {
            Some(m) => format!("{operator}:{}:{function}-{}", tree.mos[m].id, mo.id),
            None => format!("{operator}:{function}-{}", mo.id),
        };
        let asset = Asset {
            id: base.clone(),
            operator: operator.clone(),
            function,
            supplier: supplier.clone(),
            weight: (function == "enb" && cells("enb") > 0).then(|| cells("enb") as f64),
            name: mo.attr("userLabel").map(str::to_owned),
            site: me
                .and_then(|m| tree.mos[m].attr("locationName"))
                .map(str::to_owned),
            source: source.clone(),
            ..Asset::default()
        };
        let a = self.imp.push_asset(asset);
        self.imp.tally.imported(class, format!("asset {function}"));
        self.asset_of.insert((t, i), a);
        let mut below = vec![a];
        let du_cells = cells("gnb");
        if function == "gnb-du" && du_cells > 0 {
            // The DU carries the cells: a `gnb` service unit of their number, which needs
            // its DU (and, through the DU's end points, the CU and the core).
            let label = match (mo.attr("userLabel"), me) {
                (Some(l), _) => l.to_owned(),
                (None, Some(m)) => format!("{} {}={}", tree.mos[m].id, mo.class, mo.id),
                (None, None) => format!("{}={}", mo.class, mo.id),
            };
            let unit = self.imp.push_asset(Asset {
                id: base.replacen(":gnb-du-", ":gnb-", 1),
                operator,
                function: "gnb",
                supplier,
                weight: Some(du_cells as f64),
                name: Some(format!("cells of {label}")),
                site: me
                    .and_then(|m| tree.mos[m].attr("locationName"))
                    .map(str::to_owned),
                source: format!("{source} (its NRCellDU)"),
                notes: Some("the gNB service unit: the cells of its gNB-DU".into()),
                ..Asset::default()
            });
            self.imp.links.push(Link {
                from: unit,
                to: vec![a],
                kind: crate::vocab::LinkKind::ConnectsTo,
                interface: None,
                source,
            });
            self.imp.tally.imported(class, "asset gnb (its cells)");
            below.push(unit);
        } else if function == "gnb-du" {
            self.imp.tally.skipped(
                class,
                "gNB-DU without NRCellDU: no gnb service unit",
                &mo.dn,
            );
        }
        if let Some(m) = me {
            self.under_me.entry((t, m)).or_default().extend(below);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_managed_object_is_counted_once_imported_or_skipped() {
        let map = ImportMap::built_in();
        let files = [
            (
                "a.xml",
                include_str!("../../../fixtures/nrm/two-operators.xml"),
            ),
            ("b.json", include_str!("../../../fixtures/nrm/sa-core.json")),
        ];
        let trees: Vec<MoTree> = files
            .iter()
            .map(|(n, t)| super::super::read(n, t).unwrap())
            .collect();
        let imp = map_trees(&trees, &map);
        let objects: usize = trees.iter().map(|t| t.mos.len()).sum();
        let counted: u64 = imp
            .tally
            .imported
            .iter()
            .filter(|((class, _), _)| class != "managedBy")
            .map(|(_, n)| n)
            .sum::<u64>()
            + imp.tally.skipped.values().map(|(n, _)| n).sum::<u64>();
        // A gNB-DU with cells is counted twice: as its DU and as its cells' gNB.
        let units = imp.assets.iter().filter(|a| a.function == "gnb").count() as u64;
        assert_eq!(counted - units, objects as u64);
    }

    #[test]
    fn classes_of_both_spellings() {
        assert_eq!(kind("GNBDUFunction"), Kind::Function("gnb-du"));
        assert_eq!(kind("GnbCuCpFunction"), Kind::Function("gnb-cu-cp"));
        assert_eq!(kind("ENBFunction"), Kind::Function("enb"));
        assert_eq!(kind("AMFFunction"), Kind::Function("amf"));
        assert_eq!(kind("NgeirFunction"), Kind::Function("5g-eir"));
        assert_eq!(kind("NRCellDU"), Kind::Cell("gnb"));
        assert_eq!(kind("NrCellDu"), Kind::Cell("gnb"));
        assert_eq!(kind("EP_F1C"), Kind::Endpoint);
        assert_eq!(kind("ExternalGnbCuCpFunction"), Kind::External);
        assert_eq!(kind("vsDataContainer"), Kind::VendorData);
        assert_eq!(kind("GMLCFunction"), Kind::Other);
        assert_eq!(kind("NRCellRelation"), Kind::Other);
    }
}
