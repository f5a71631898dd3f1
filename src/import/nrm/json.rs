//! NRM JSON (the attribute and class names of the TS 28.541 / TS 28.623 OpenAPI YAML, as
//! the provisioning service of TS 28.532 returns them) into a [`MoTree`].
//!
//! The top level is an object whose keys are class names (`"SubNetwork"`), each an object or
//! a list of objects. An object has `id`, `attributes` (nested as the schema nests them) and,
//! under class-name keys, the objects it contains.

use serde_json::{Map, Value};

use crate::diagnostics::{Code, Diagnostic, Location};

use super::super::rows::located;
use super::tree::{MoTree, Place};

/// Reads one NRM JSON file. Malformed JSON gives one located `json-syntax` error; a
/// document of the wrong shape one `nrm-shape` error.
pub fn read(file: &str, text: &str) -> Result<MoTree, Diagnostic> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Diagnostic::new(
            Code::JsonSyntax,
            format!(
                "failed to read JSON: {}",
                crate::inventory::serde_message(&e).1
            ),
            Some(located(file, e.line() as u64, e.column() as u64)),
        )
    })?;
    let mut tree = MoTree {
        file: file.to_owned(),
        text: text.to_owned(),
        mos: Vec::new(),
    };
    let shape = |path: &str, message: &str| {
        let (line, column) = crate::inventory::locate_path(text, path);
        Diagnostic::new(
            Code::ImportShape,
            message.to_owned(),
            Some(Location {
                path: (!path.is_empty()).then(|| path.to_owned()),
                ..located(file, line, column)
            }),
        )
    };
    let Value::Object(top) = &value else {
        return Err(shape(
            "",
            "an NRM JSON document is an object of classes (\"SubNetwork\": [...])",
        ));
    };
    children(&mut tree, None, top, "", &shape)?;
    if tree.mos.is_empty() {
        return Err(shape(
            "",
            "no managed object: no key holds an object with an `id`",
        ));
    }
    Ok(tree)
}

/// Reads the objects under the class-name keys of `obj`.
fn children(
    tree: &mut MoTree,
    parent: Option<usize>,
    obj: &Map<String, Value>,
    path: &str,
    shape: &impl Fn(&str, &str) -> Diagnostic,
) -> Result<(), Diagnostic> {
    for (class, v) in obj {
        if class == "id" || class == "attributes" {
            continue;
        }
        let at = if path.is_empty() {
            class.clone()
        } else {
            format!("{path}.{class}")
        };
        match v {
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    if let Value::Object(o) = item {
                        one(tree, parent, class, o, &format!("{at}[{n}]"), shape)?;
                    }
                }
            }
            Value::Object(o) => one(tree, parent, class, o, &at, shape)?,
            // Other keys of an object (`objectClass`, `href`) are not contained objects.
            _ => {}
        }
    }
    Ok(())
}

fn one(
    tree: &mut MoTree,
    parent: Option<usize>,
    class: &str,
    o: &Map<String, Value>,
    path: &str,
    shape: &impl Fn(&str, &str) -> Diagnostic,
) -> Result<(), Diagnostic> {
    let id = match o.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        // An object without an id is not a managed object (a structured value).
        None => return Ok(()),
        Some(_) => {
            return Err(shape(
                &format!("{path}.id"),
                &format!("the id of a \"{class}\" must be a string or a number"),
            ));
        }
    };
    let i = tree.push(parent, class, &id, Place::Path(path.to_owned()));
    if let Some(Value::Object(attrs)) = o.get("attributes") {
        for (k, v) in attrs {
            leaves(&mut tree.mos[i].attrs, k, v);
        }
    }
    children(tree, Some(i), o, path, shape)
}

/// Flattens an attribute into (path, value) leaves.
fn leaves(out: &mut Vec<(String, String)>, path: &str, v: &Value) {
    match v {
        Value::Null => {}
        Value::String(s) => out.push((path.to_owned(), s.clone())),
        Value::Bool(b) => out.push((path.to_owned(), b.to_string())),
        Value::Number(n) => out.push((path.to_owned(), n.to_string())),
        Value::Array(items) => items.iter().for_each(|x| leaves(out, path, x)),
        Value::Object(o) => {
            for (k, x) in o {
                leaves(out, &format!("{path}.{k}"), x);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_attributes_and_places() {
        let text = r#"{"SubNetwork": [{"id": "OpA", "attributes": {"userLabel": "A"},
            "ManagedElement": [{"id": "me1", "attributes": {"vendorName": "Nokia",
               "managedBy": ["SubNetwork=OpA,ManagementNode=1"]},
               "GnbCuCpFunction": [{"id": 1, "EP_NgC": [{"id": "n2",
                  "attributes": {"remoteAddress": {"ipv4Address": "10.0.0.9"}}}]}]}]}]}"#;
        let t = read("a.json", text).unwrap();
        assert_eq!(
            t.mos[3].dn,
            "SubNetwork=OpA,ManagedElement=me1,GnbCuCpFunction=1,EP_NgC=n2"
        );
        assert_eq!(t.mos[3].attr("remoteAddress.ipv4Address"), Some("10.0.0.9"));
        assert_eq!(
            t.mos[1].attr_values("managedBy").collect::<Vec<_>>(),
            ["SubNetwork=OpA,ManagementNode=1"]
        );
        let loc = t.locate(2);
        assert_eq!(loc.line, Some(4));
    }

    #[test]
    fn malformed_json_is_located() {
        let e = read("a.json", "{\"SubNetwork\": [\n  {\"id\": \"x\",}\n]}").unwrap_err();
        assert_eq!(e.code, Code::JsonSyntax);
        assert_eq!(e.location.as_ref().unwrap().line, Some(2));
        let e = read("a.json", "[1]").unwrap_err();
        assert_eq!(e.code, Code::ImportShape);
    }
}
