//! The import map (`--map MAP.toml`): how the names an export writes (a `vendorName`, a
//! NetBox manufacturer, a tenant, a device role) become the inventory's suppliers, operators
//! and functions. Read with the `toml` crate; every problem is a located diagnostic.
//!
//! ```toml
//! [suppliers.ericsson]
//! name = "Ericsson"
//! country = "SE"
//! aliases = ["Ericsson AB"]      # any case: "ERICSSON" and "ericsson" match the id already
//!
//! [operators.op-a]
//! name = "Operator A"
//! country = "DE"
//! aliases = ["OpA"]              # NRM: SubNetwork ids; NetBox: tenant names or slugs
//!
//! [functions]                    # NetBox: device role, VM role or tag -> function
//! "Core Switch" = "switch"
//! ```

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::inventory::line_col;
use crate::vocab::{Risk, canonical_function, is_iso_country, is_valid_id};

/// The vendors that `import` knows without a map: the RAN, core and transport suppliers of
/// European networks, each under the names OSS exports write. A map's supplier of the same
/// id replaces the built-in one.
const BUILT_IN: &str = include_str!("vendors.toml");

/// A supplier the map (or the built-in table) defines.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierSpec {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2 code of its headquarters.
    pub country: String,
    /// `high`, `medium`, `low` or `unassessed`.
    #[serde(default)]
    pub risk: Option<String>,
    /// The corporate parent's supplier id.
    #[serde(default)]
    pub group: Option<String>,
    /// Names the exports write for it, matched in any case.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// An operator the map defines.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorSpec {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2 code of its network.
    pub country: String,
    /// Its weight in national figures.
    #[serde(default)]
    pub subscribers: Option<u64>,
    /// Names the exports write for it (SubNetwork ids, tenant names or slugs), any case.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Defaults for objects that name no operator.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// The operator of elements outside any mapped SubNetwork, and of NetBox objects
    /// without a tenant.
    #[serde(default)]
    pub operator: Option<String>,
}

/// The map file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    #[serde(default)]
    suppliers: BTreeMap<String, SupplierSpec>,
    #[serde(default)]
    operators: BTreeMap<String, OperatorSpec>,
    #[serde(default)]
    functions: BTreeMap<String, String>,
    #[serde(default)]
    circuit_types: BTreeMap<String, String>,
    #[serde(default)]
    defaults: Defaults,
}

/// A checked import map, with the built-in vendors behind the map's suppliers.
#[derive(Debug, Default)]
pub struct ImportMap {
    /// Suppliers by id (the map's, then the built-in ones it does not replace).
    pub suppliers: BTreeMap<String, SupplierSpec>,
    /// Operators by id.
    pub operators: BTreeMap<String, OperatorSpec>,
    /// Role, tag or class name (lower case) to a vocabulary function.
    pub functions: BTreeMap<String, &'static str>,
    /// NetBox circuit type (lower case) to a vocabulary function.
    pub circuit_types: BTreeMap<String, &'static str>,
    /// Defaults.
    pub defaults: Defaults,
    /// Lower-cased names (ids, display names, aliases) to supplier ids.
    supplier_names: BTreeMap<String, String>,
    /// Lower-cased names (ids, display names, aliases) to operator ids.
    operator_names: BTreeMap<String, String>,
    /// The file the map came from (empty for the built-in table alone).
    pub file: String,
}

impl ImportMap {
    /// The built-in vendors alone (no map given).
    pub fn built_in() -> ImportMap {
        let file: MapFile = toml::from_str(BUILT_IN).unwrap_or_default();
        let mut map = ImportMap::default();
        map.add_suppliers(file.suppliers);
        map
    }

    /// Reads a map file's text; every problem is a diagnostic located in `name`.
    pub fn parse(name: &str, text: &str) -> (Option<ImportMap>, Vec<Diagnostic>) {
        let at = |span: Range<usize>| {
            let (line, column) = line_col(text.as_bytes(), span.start);
            Location {
                file: name.to_owned(),
                line: Some(line),
                column: Some(column),
                path: None,
            }
        };
        let file: MapFile = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let message = format!("failed to read the import map: {}", e.message());
                let loc = at(e.span().unwrap_or(0..0));
                return (
                    None,
                    vec![Diagnostic::new(Code::ImportMap, message, Some(loc))],
                );
            }
        };
        let mut diags = Vec::new();
        let mut bad = |what: String, key: &str| {
            // The key's first appearance in the text locates the problem well enough.
            let span = text.find(key).map_or(0..0, |s| s..s + key.len());
            diags.push(Diagnostic::new(Code::ImportMap, what, Some(at(span))));
        };
        for (id, s) in &file.suppliers {
            check_common(id, &s.country, &mut bad, "supplier");
            if let Some(r) = s.risk.as_deref().filter(|r| Risk::parse(r).is_none()) {
                bad(format!("unknown risk \"{r}\" of supplier \"{id}\""), r);
            }
        }
        for (id, o) in &file.operators {
            check_common(id, &o.country, &mut bad, "operator");
        }
        let mut map = ImportMap::built_in();
        for (table, target) in [
            (&file.functions, &mut map.functions),
            (&file.circuit_types, &mut map.circuit_types),
        ] {
            for (key, f) in table {
                match canonical_function(f) {
                    Some(c) => {
                        target.insert(key.to_lowercase(), c);
                    }
                    None => bad(format!("unknown function \"{f}\" for \"{key}\""), f),
                }
            }
        }
        if let Some(d) = file.defaults.operator.as_deref()
            && !file.operators.contains_key(d)
        {
            bad(format!("default operator \"{d}\" is not in [operators]"), d);
        }
        if !diags.is_empty() {
            return (None, diags);
        }
        map.add_suppliers(file.suppliers);
        for (id, o) in &file.operators {
            for n in names(id, o.name.as_deref(), &o.aliases) {
                map.operator_names.entry(n).or_insert_with(|| id.clone());
            }
        }
        map.operators = file.operators;
        map.defaults = file.defaults;
        map.file = name.to_owned();
        (Some(map), diags)
    }

    /// The supplier id for a vendor name as an export writes it, in any case.
    pub fn supplier(&self, vendor: &str) -> Option<&str> {
        self.supplier_names
            .get(&vendor.trim().to_lowercase())
            .map(String::as_str)
    }

    /// The operator id for a SubNetwork id or a tenant name, in any case.
    pub fn operator(&self, name: &str) -> Option<&str> {
        self.operator_names
            .get(&name.trim().to_lowercase())
            .map(String::as_str)
    }

    /// The function a role, tag or class name maps to, in any case.
    pub fn function(&self, name: &str) -> Option<&'static str> {
        self.functions.get(&name.trim().to_lowercase()).copied()
    }

    fn add_suppliers(&mut self, suppliers: BTreeMap<String, SupplierSpec>) {
        // A map's supplier replaces the built-in one of the same id, names and all.
        for id in suppliers.keys() {
            self.suppliers.remove(id);
            self.supplier_names.retain(|_, v| v != id);
        }
        // The map's names come first: a map can take over a built-in alias.
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        for (id, s) in &suppliers {
            for n in names(id, s.name.as_deref(), &s.aliases) {
                taken.entry(n).or_insert_with(|| id.clone());
            }
        }
        for (n, id) in taken {
            self.supplier_names.insert(n, id);
        }
        self.suppliers.extend(suppliers);
    }
}

/// The names (lower case) an entry answers to: its id, display name and aliases.
fn names(id: &str, name: Option<&str>, aliases: &[String]) -> Vec<String> {
    std::iter::once(id)
        .chain(name)
        .chain(aliases.iter().map(String::as_str))
        .map(|n| n.trim().to_lowercase())
        .collect()
}

fn check_common(id: &str, country: &str, bad: &mut impl FnMut(String, &str), what: &str) {
    if !is_valid_id(id) {
        bad(
            format!("{what} id \"{id}\" is not an identifier (1 to 128 of A-Z a-z 0-9 . _ : -)"),
            id,
        );
    }
    if !is_iso_country(country) {
        bad(
            format!("country \"{country}\" of {what} \"{id}\" is not an ISO 3166-1 alpha-2 code"),
            country,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_names_match_in_any_case_and_through_aliases() {
        let map = ImportMap::built_in();
        for v in ["Ericsson AB", "ERICSSON", "ericsson", " Ericsson "] {
            assert_eq!(map.supplier(v), Some("ericsson"), "{v}");
        }
        assert_eq!(
            map.supplier("Huawei Technologies Co., Ltd."),
            Some("huawei")
        );
        assert_eq!(map.supplier("Bodastage Solutions"), None);
    }

    #[test]
    fn a_map_replaces_a_built_in_supplier_and_adds_operators() {
        let text = "[suppliers.ericsson]\ncountry = \"SE\"\nrisk = \"low\"\naliases = [\"LM Ericsson\"]\n\
                    [operators.op-a]\ncountry = \"DE\"\naliases = [\"OpA\"]\n\
                    [functions]\n\"Core Switch\" = \"Switch\"\n";
        let (map, diags) = ImportMap::parse("m.toml", text);
        assert!(diags.is_empty(), "{diags:?}");
        let map = map.unwrap();
        assert_eq!(map.supplier("lm ericsson"), Some("ericsson"));
        assert_eq!(map.suppliers["ericsson"].risk.as_deref(), Some("low"));
        assert_eq!(map.operator("opa"), Some("op-a"));
        assert_eq!(map.function("core switch"), Some("switch"));
        assert_eq!(map.supplier("Nokia Solutions and Networks"), Some("nokia"));
    }

    #[test]
    fn every_problem_of_a_map_is_located() {
        let text = "[suppliers.\"bad id\"]\ncountry = \"XX\"\n[functions]\nrouter = \"toaster\"\n";
        let (map, diags) = ImportMap::parse("m.toml", text);
        assert!(map.is_none());
        let msgs: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(msgs[0].contains("m.toml:1:"), "{}", msgs[0]);
        assert!(msgs[2].contains("\"toaster\"") && msgs[2].contains("m.toml:4:"));
        let (_, diags) = ImportMap::parse("m.toml", "[suppliers.x]\ncountry = 3\n");
        assert!(diags[0].to_string().contains("m.toml:2:"), "{}", diags[0]);
    }
}
