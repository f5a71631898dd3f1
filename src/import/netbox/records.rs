//! NetBox exports into one store of records by model and primary key: the `dumpdata` form
//! (`[{"model": "dcim.device", "pk": 1, "fields": {...}}]`, foreign keys as pks) and the REST
//! form (`{"results": [...]}` or a bare list, as curl and pynetbox save it; foreign keys as
//! nested objects with their `id`). Foreign keys are followed through [`Store::follow`],
//! which gives the record when the export holds it, the nested object otherwise, and says
//! when a key points at nothing.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::diagnostics::{Code, Diagnostic, Location};

use super::super::rows::located;

/// One record.
#[derive(Debug)]
pub struct Rec {
    /// `app.model`, lower case (`dcim.device`).
    pub model: String,
    /// Primary key.
    pub pk: i64,
    /// The fields (REST: the object without `id`).
    pub fields: Map<String, Value>,
    /// The file it came from (index into [`Store::files`]).
    pub file: usize,
    /// Its JSON path in that file, to locate it.
    pub path: String,
}

impl Rec {
    /// A string field.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// `file: model pk=N (name)`: the `source` of what the record gives.
    pub fn source(&self, store: &Store) -> String {
        let name = self
            .str("name")
            .or_else(|| self.str("cid"))
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        format!(
            "{}: {} pk={}{name}",
            store.files[self.file].0, self.model, self.pk
        )
    }
}

/// What following a foreign key gives.
#[derive(Debug)]
pub enum Follow<'a> {
    /// The field is absent or null.
    Absent,
    /// The referenced record's fields (or the nested object of a REST export).
    Found(&'a Map<String, Value>),
    /// A key that points at no record of the export.
    Missing(i64),
}

impl<'a> Follow<'a> {
    /// The fields, when found.
    pub fn found(self) -> Option<&'a Map<String, Value>> {
        match self {
            Follow::Found(m) => Some(m),
            _ => None,
        }
    }
}

/// Every record of every file.
#[derive(Debug, Default)]
pub struct Store {
    /// The files (name, text), to name and locate records.
    pub files: Vec<(String, String)>,
    /// Records by model, then pk; a repeated (model, pk) keeps the first.
    pub by_model: BTreeMap<String, BTreeMap<i64, Rec>>,
    /// Records of no known model (REST objects without `url`): (file, path).
    pub unknown: Vec<(usize, String)>,
}

impl Store {
    /// Reads one file into the store. Malformed JSON or a shape that is neither form is a
    /// located error.
    pub fn read(&mut self, name: &str, text: &str) -> Result<(), Diagnostic> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let message = format!(
                "failed to read JSON: {}",
                crate::inventory::serde_message(&e).1
            );
            let loc = located(name, e.line() as u64, e.column() as u64);
            Diagnostic::new(Code::JsonSyntax, message, Some(loc))
        })?;
        let file = self.files.len();
        self.files.push((name.to_owned(), text.to_owned()));
        let (items, base) = match &value {
            Value::Array(items) => (items, String::new()),
            Value::Object(o) => match o.get("results") {
                Some(Value::Array(items)) => (items, "results".to_owned()),
                _ => {
                    return Err(self.shape(
                        file,
                        "",
                        "a NetBox export is a dumpdata list or a REST answer with \"results\"",
                    ));
                }
            },
            _ => {
                return Err(self.shape(
                    file,
                    "",
                    "a NetBox export is a dumpdata list or a REST answer with \"results\"",
                ));
            }
        };
        for (n, item) in items.iter().enumerate() {
            let path = format!("{base}[{n}]");
            let Value::Object(o) = item else {
                return Err(self.shape(file, &path, "a record is an object"));
            };
            self.record(file, o, path)?;
        }
        Ok(())
    }

    fn record(
        &mut self,
        file: usize,
        o: &Map<String, Value>,
        path: String,
    ) -> Result<(), Diagnostic> {
        let (model, pk, fields) = match (o.get("model"), o.get("pk"), o.get("fields")) {
            // dumpdata.
            (Some(Value::String(m)), Some(pk), Some(Value::Object(f))) => {
                let Some(pk) = pk.as_i64() else {
                    return Err(self.shape(
                        file,
                        &format!("{path}.pk"),
                        "a dumpdata pk is an integer",
                    ));
                };
                (m.to_ascii_lowercase(), pk, f.clone())
            }
            // REST.
            _ => {
                let Some(pk) = o.get("id").and_then(Value::as_i64) else {
                    return Err(self.shape(file, &path, "a REST object has an integer \"id\""));
                };
                let Some(model) = rest_model(o) else {
                    self.unknown.push((file, path));
                    return Ok(());
                };
                let mut fields = o.clone();
                fields.remove("id");
                (model.to_owned(), pk, fields)
            }
        };
        let rec = Rec {
            model: model.clone(),
            pk,
            fields,
            file,
            path,
        };
        // A record in several files: the one of the smallest file name is kept, whatever
        // the order the files were named in.
        let files = &self.files;
        let slot = self.by_model.entry(model).or_default();
        match slot.get(&pk) {
            Some(old) if files[old.file].0 <= files[rec.file].0 => {}
            _ => {
                slot.insert(pk, rec);
            }
        }
        Ok(())
    }

    fn shape(&self, file: usize, path: &str, message: &str) -> Diagnostic {
        let (name, text) = &self.files[file];
        let (line, column) = crate::inventory::locate_path(text, path);
        let loc = Location {
            path: (!path.is_empty()).then(|| path.to_owned()),
            ..located(name, line, column)
        };
        Diagnostic::new(Code::ImportShape, message.to_owned(), Some(loc))
    }

    /// The records of a model, by pk.
    pub fn all(&self, model: &str) -> impl Iterator<Item = &Rec> {
        self.by_model
            .get(model)
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    /// A record.
    pub fn get(&self, model: &str, pk: i64) -> Option<&Rec> {
        self.by_model.get(model)?.get(&pk)
    }

    /// Follows the foreign key `key` of `fields` to a record of `model`.
    pub fn follow<'a>(
        &'a self,
        fields: &'a Map<String, Value>,
        key: &str,
        model: &str,
    ) -> Follow<'a> {
        match fields.get(key) {
            None | Some(Value::Null) => Follow::Absent,
            Some(Value::Number(n)) => match n.as_i64() {
                Some(pk) => self
                    .get(model, pk)
                    .map_or(Follow::Missing(pk), |r| Follow::Found(&r.fields)),
                None => Follow::Absent,
            },
            Some(Value::Object(o)) => {
                // A nested REST object: the full record when the export holds it.
                let full = o
                    .get("id")
                    .and_then(Value::as_i64)
                    .and_then(|pk| self.get(model, pk));
                Follow::Found(full.map_or(o, |r| &r.fields))
            }
            Some(_) => Follow::Absent,
        }
    }

    /// Where a record is written.
    pub fn locate(&self, rec: &Rec) -> Location {
        let (name, text) = &self.files[rec.file];
        let (line, column) = crate::inventory::locate_path(text, &rec.path);
        located(name, line, column)
    }
}

/// The model of a REST object, from its `url` (`.../api/dcim/devices/7/`).
fn rest_model(o: &Map<String, Value>) -> Option<&'static str> {
    const MODELS: &[(&str, &str)] = &[
        ("/dcim/devices/", "dcim.device"),
        (
            "/virtualization/virtual-machines/",
            "virtualization.virtualmachine",
        ),
        ("/virtualization/clusters/", "virtualization.cluster"),
        ("/circuits/circuits/", "circuits.circuit"),
        ("/circuits/providers/", "circuits.provider"),
        ("/dcim/cables/", "dcim.cable"),
        ("/dcim/sites/", "dcim.site"),
        ("/dcim/regions/", "dcim.region"),
        ("/tenancy/tenants/", "tenancy.tenant"),
    ];
    let url = o.get("url")?.as_str()?;
    MODELS
        .iter()
        .find(|(p, _)| url.contains(p))
        .map(|(_, m)| *m)
}

/// The `name` of a referenced object (else its `display`, else its slug).
pub fn name_of(m: &Map<String, Value>) -> Option<&str> {
    ["name", "display", "slug", "model"]
        .iter()
        .find_map(|k| m.get(*k).and_then(Value::as_str).filter(|s| !s.is_empty()))
}

/// The names an object answers to in a map: its name and its slug.
pub fn names(m: &Map<String, Value>) -> Vec<&str> {
    ["name", "slug", "display"]
        .iter()
        .filter_map(|k| m.get(*k).and_then(Value::as_str).filter(|s| !s.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumpdata_and_rest_give_the_same_records() {
        let mut s = Store::default();
        s.read(
            "d.json",
            r#"[{"model": "dcim.site", "pk": 2, "fields": {"name": "Akron", "region": 9}},
                {"model": "dcim.device", "pk": 1, "fields": {"name": "r1", "site": 2, "rack": 4}}]"#,
        )
        .unwrap();
        s.read(
            "r.json",
            r#"{"count": 1, "results": [{"id": 5, "url": "http://nb/api/dcim/devices/5/",
                "name": "r5", "site": {"id": 2, "name": "Akron (brief)"}}]}"#,
        )
        .unwrap();
        let d1 = s.get("dcim.device", 1).unwrap();
        let site = s.follow(&d1.fields, "site", "dcim.site").found().unwrap();
        assert_eq!(name_of(site), Some("Akron"));
        assert!(matches!(
            s.follow(&site.clone(), "region", "dcim.region"),
            Follow::Missing(9)
        ));
        let d5 = s.get("dcim.device", 5).unwrap();
        // The full record wins over the brief nested one.
        let site = s.follow(&d5.fields, "site", "dcim.site").found().unwrap();
        assert_eq!(name_of(site), Some("Akron"));
        assert_eq!(d5.source(&s), "r.json: dcim.device pk=5 (r5)");
        assert_eq!(s.locate(d5).line, Some(1));
    }

    #[test]
    fn a_record_in_two_files_is_taken_from_the_first_by_name_whatever_the_order() {
        for order in [["b.json", "a.json"], ["a.json", "b.json"]] {
            let mut s = Store::default();
            for name in order {
                let text = format!(
                    r#"[{{"model": "dcim.site", "pk": 1, "fields": {{"name": "{name}"}}}}]"#
                );
                s.read(name, &text).unwrap();
            }
            assert_eq!(s.get("dcim.site", 1).unwrap().str("name"), Some("a.json"));
        }
    }

    #[test]
    fn malformed_exports_are_located() {
        let mut s = Store::default();
        let e = s.read("a.json", "[\n {\"model\": 1,}\n]").unwrap_err();
        assert_eq!(
            (e.code, e.location.unwrap().line),
            (Code::JsonSyntax, Some(2))
        );
        let e = s.read("b.json", "{\"devices\": []}").unwrap_err();
        assert_eq!(e.code, Code::ImportShape);
        let e = s.read("c.json", "[\n  {\"name\": \"x\"}\n]").unwrap_err();
        assert_eq!(e.location.unwrap().line, Some(2));
    }
}
