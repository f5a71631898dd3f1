//! The scenario file (JSON): its shape, its parsing with located errors, and the errors of
//! a plan.
//!
//! Shape errors (an unknown key, a wrong type, a missing field) are located by
//! `serde_path_to_error` with the file, line, column and JSON path
//! (`steps[2].set_supplier.select.operator`). Errors found later, while a step is applied
//! (an unknown supplier, a selector that matches nothing, an added row that breaks the
//! inventory), are located by their JSON path in the same file.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// A scenario: a name and an ordered list of steps.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The scenario's name.
    pub name: String,
    /// What it is about.
    pub description: Option<String>,
    /// The steps, in order (at least one).
    pub steps: Vec<Step>,
    // The file as named, and its text, to locate errors found after parsing.
    file: String,
    text: String,
}

/// One step of a scenario.
#[derive(Clone, Debug)]
pub struct Step {
    /// What the author says the step does.
    pub description: Option<String>,
    /// What it does.
    pub action: Action,
}

/// What a step does (analyses.md §7).
#[derive(Clone, Debug)]
pub enum Action {
    /// Matching assets get another supplier.
    SetSupplier(SetSupplier),
    /// New rows, validated as on load.
    Add(Add),
    /// Matching assets and their links go.
    Remove(Remove),
    /// An operator gets a 5G standalone core; its gNBs leave their LTE anchors.
    MigrateSa(MigrateSa),
}

impl Action {
    /// The step's key in the file: `set_supplier`, `add`, `remove` or `migrate_sa`.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::SetSupplier(_) => "set_supplier",
            Action::Add(_) => "add",
            Action::Remove(_) => "remove",
            Action::MigrateSa(_) => "migrate_sa",
        }
    }
}

/// Values of one selector criterion: one value or a list, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    /// The values.
    pub values: Vec<String>,
    /// Whether they were written as a list (for the JSON path of an error).
    pub list: bool,
}

/// SEL: selects assets; every criterion given must match, any value of a criterion may.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// Asset ids.
    #[serde(default)]
    pub ids: Option<Values>,
    /// Operator ids.
    #[serde(default)]
    pub operator: Option<Values>,
    /// Functions (case-insensitive).
    #[serde(default)]
    pub function: Option<Values>,
    /// Domains.
    #[serde(default)]
    pub domain: Option<Values>,
    /// Supplier ids.
    #[serde(default)]
    pub supplier: Option<Values>,
    /// Regions (exact text).
    #[serde(default)]
    pub region: Option<Values>,
    /// Countries of the assets' operators.
    #[serde(default)]
    pub country: Option<Values>,
    /// Whether the asset is marked `sensitive` (an extension of analyses.md §7).
    #[serde(default)]
    pub sensitive: Option<bool>,
}

impl Selector {
    /// The criteria given, by name, in the order of the format.
    pub fn criteria(&self) -> Vec<(&'static str, &Values)> {
        [
            ("ids", &self.ids),
            ("operator", &self.operator),
            ("function", &self.function),
            ("domain", &self.domain),
            ("supplier", &self.supplier),
            ("region", &self.region),
            ("country", &self.country),
        ]
        .into_iter()
        .filter_map(|(n, v)| v.as_ref().map(|v| (n, v)))
        .collect()
    }

    /// The selector in words: `operator de-nsa, region Berlin`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .criteria()
            .iter()
            .map(|(n, v)| format!("{n} {}", v.values.join("|")))
            .collect();
        match self.sensitive {
            Some(true) => parts.push("sensitive".to_owned()),
            Some(false) => parts.push("not sensitive".to_owned()),
            None => {}
        }
        parts.join(", ")
    }
}

/// `set_supplier`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetSupplier {
    /// Which assets.
    pub select: Selector,
    /// Their new supplier.
    pub supplier: String,
    /// Whether the rest of their lock-in groups changes too.
    #[serde(default)]
    pub follow_lockin: bool,
}

/// `add`: rows of each table, each kept as its JSON text to be validated as on load.
#[derive(Clone, Debug, Default)]
pub struct Add {
    /// Supplier rows.
    pub suppliers: Vec<String>,
    /// Operator rows (an extension of analyses.md: a new entrant).
    pub operators: Vec<String>,
    /// Asset rows.
    pub assets: Vec<String>,
    /// Link rows.
    pub links: Vec<String>,
}

/// `remove`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remove {
    /// Which assets.
    pub select: Selector,
}

/// `migrate_sa`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrateSa {
    /// The operator that migrates.
    pub operator: String,
    /// The supplier of its new 5G core.
    pub core_supplier: String,
    /// The asset the new core runs on, when given.
    #[serde(default)]
    pub platform: Option<String>,
}

/// An error in a scenario or in applying one of its steps, located in the scenario file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// A kebab-case code: the inventory's diagnostic codes for rows that break it, else
    /// `io`, `json-syntax`, `unknown-key`, `missing-field`, `wrong-type`, `duplicate-key`,
    /// `bad-step`, `unknown-reference` or `empty-selection`.
    pub code: String,
    /// The step, 1-based, and its kind, when the error belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<(usize, &'static str)>,
    /// A lower-case fragment that quotes the value at fault.
    pub message: String,
    /// The scenario file.
    pub file: String,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// The JSON path in the scenario file (`steps[1].add.assets[0].supplier`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: ", self.code)?;
        if let Some((n, kind)) = self.step {
            write!(f, "step {n} ({kind}): ")?;
        }
        write!(f, "{}\n  --> {}", self.message, self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(path) = &self.path {
            write!(f, " at {path}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Parses a scenario file. `file` names it in errors.
    ///
    /// # Errors
    /// Malformed JSON, an unknown key, a missing field or a wrong type (one error, located
    /// by line, column and JSON path); a scenario without steps; a step with not exactly
    /// one of `set_supplier`, `add`, `remove`, `migrate_sa`.
    pub fn parse(file: &str, text: &str) -> Result<Scenario, Vec<ScenarioError>> {
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed: Result<FileDoc<'_>, _> = serde_path_to_error::deserialize(&mut de);
        let parsed = parsed
            .map_err(|e| (e.path().to_string(), e.into_inner()))
            // Trailing characters after the document.
            .and_then(|d| de.end().map(|()| d).map_err(|e| (String::new(), e)));
        let doc = match parsed {
            Ok(d) => d,
            Err((path, inner)) => {
                let inner = &inner;
                let (code, message) = crate::inventory::serde_message(inner);
                return Err(vec![ScenarioError {
                    code: code.as_str().to_owned(),
                    step: None,
                    message,
                    file: file.to_owned(),
                    line: (inner.line() > 0).then_some(inner.line() as u64),
                    column: (inner.line() > 0).then_some(inner.column() as u64),
                    path: (path != "." && !path.is_empty()).then_some(path),
                }]);
            }
        };
        let mut scenario = Scenario {
            name: doc.name,
            description: doc.description,
            steps: Vec::new(),
            file: file.to_owned(),
            text: text.to_owned(),
        };
        let mut errors = Vec::new();
        if scenario.name.trim().is_empty() {
            errors.push(scenario.error(
                "missing-field",
                None,
                "name",
                "the scenario has an empty \"name\"".into(),
            ));
        }
        if doc.steps.is_empty() {
            errors.push(scenario.error(
                "bad-step",
                None,
                "steps",
                "the scenario has no step: give at least one of set_supplier, add, remove, migrate_sa".into(),
            ));
        }
        for (i, s) in doc.steps.into_iter().enumerate() {
            let mut actions: Vec<Action> = Vec::new();
            if let Some(a) = s.set_supplier {
                actions.push(Action::SetSupplier(a));
            }
            if let Some(a) = s.add {
                actions.push(Action::Add(Add {
                    suppliers: a.suppliers.iter().map(|r| r.get().to_owned()).collect(),
                    operators: a.operators.iter().map(|r| r.get().to_owned()).collect(),
                    assets: a.assets.iter().map(|r| r.get().to_owned()).collect(),
                    links: a.links.iter().map(|r| r.get().to_owned()).collect(),
                }));
            }
            if let Some(a) = s.remove {
                actions.push(Action::Remove(a));
            }
            if let Some(a) = s.migrate_sa {
                actions.push(Action::MigrateSa(a));
            }
            if actions.len() != 1 {
                let found = if actions.is_empty() {
                    "none".to_owned()
                } else {
                    actions
                        .iter()
                        .map(Action::kind)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                errors.push(scenario.error(
                    "bad-step",
                    None,
                    &format!("steps[{i}]"),
                    format!("a step has exactly one of set_supplier, add, remove, migrate_sa (found: {found})"),
                ));
                continue;
            }
            scenario.steps.push(Step {
                description: s.description,
                action: actions.pop().expect("one action"),
            });
        }
        if errors.is_empty() {
            Ok(scenario)
        } else {
            Err(errors)
        }
    }

    /// The file as named when parsed.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// An error located at a JSON path of the scenario file (the nearest existing parent
    /// when the path does not exist, as for a missing key).
    pub fn error(
        &self,
        code: &str,
        step: Option<(usize, &'static str)>,
        path: &str,
        message: String,
    ) -> ScenarioError {
        let (line, column) = match locate_path(&self.text, path) {
            Some((l, c)) => (Some(l), Some(c)),
            None => (None, None),
        };
        ScenarioError {
            code: code.to_owned(),
            step,
            message,
            file: self.file.clone(),
            line,
            column,
            path: (!path.is_empty()).then(|| path.to_owned()),
        }
    }
}

// The serde mirror of the file. A step is a struct of optional actions (not an enum) so
// that a typo in the action's name is an unknown key with the list of valid ones.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc<'a> {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(borrow)]
    steps: Vec<StepDoc<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepDoc<'a> {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    set_supplier: Option<SetSupplier>,
    #[serde(borrow, default)]
    add: Option<AddDoc<'a>>,
    #[serde(default)]
    remove: Option<Remove>,
    #[serde(default)]
    migrate_sa: Option<MigrateSa>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddDoc<'a> {
    #[serde(borrow, default)]
    suppliers: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    operators: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    assets: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    links: Vec<&'a RawValue>,
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Values;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Values, E> {
                Ok(Values {
                    values: vec![v.to_owned()],
                    list: false,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Values, A::Error> {
                let mut values = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    values.push(s);
                }
                Ok(Values { values, list: true })
            }
        }
        d.deserialize_any(V)
    }
}

/// One step of a JSON path.
#[derive(Debug, PartialEq)]
enum Seg<'p> {
    Key(&'p str),
    Index(usize),
}

fn split_path(path: &str) -> Vec<Seg<'_>> {
    let mut segs = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            segs.push(Seg::Key(key));
        }
        while let Some(end) = rest.find(']') {
            if let Ok(n) = rest[1..end].parse() {
                segs.push(Seg::Index(n));
            }
            rest = &rest[end + 1..];
        }
    }
    segs
}

/// The 1-based line and column of the value at a JSON path (`steps[1].add.assets[0]`), or
/// of the deepest part of the path that exists. `None` when the text is not JSON.
pub(crate) fn locate_path(text: &str, path: &str) -> Option<(u64, u64)> {
    let segs = split_path(path);
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    let mut found = pos;
    for seg in &segs {
        match (seg, b.get(pos)) {
            (Seg::Key(k), Some(b'{')) => {
                let mut p = skip_ws(b, pos + 1);
                let mut hit = None;
                while b.get(p) == Some(&b'"') {
                    let end = skip_string(b, p)?;
                    let key = &text[p + 1..end - 1];
                    p = skip_ws(b, end);
                    if b.get(p) != Some(&b':') {
                        return None;
                    }
                    p = skip_ws(b, p + 1);
                    if key == *k {
                        hit = Some(p);
                        break;
                    }
                    p = skip_ws(b, skip_value(b, p)?);
                    if b.get(p) == Some(&b',') {
                        p = skip_ws(b, p + 1);
                    }
                }
                match hit {
                    Some(p) => pos = p,
                    None => break,
                }
            }
            (Seg::Index(n), Some(b'[')) => {
                let mut p = skip_ws(b, pos + 1);
                let mut i = 0;
                let mut hit = None;
                while p < b.len() && b[p] != b']' {
                    if i == *n {
                        hit = Some(p);
                        break;
                    }
                    p = skip_ws(b, skip_value(b, p)?);
                    if b.get(p) == Some(&b',') {
                        p = skip_ws(b, p + 1);
                    }
                    i += 1;
                }
                match hit {
                    Some(p) => pos = p,
                    None => break,
                }
            }
            _ => break,
        }
        found = pos;
    }
    Some(crate::inventory::line_col(text.as_bytes(), found))
}

fn skip_ws(b: &[u8], mut p: usize) -> usize {
    while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\n' | b'\r') {
        p += 1;
    }
    p
}

/// From an opening quote to just past the closing one.
fn skip_string(b: &[u8], mut p: usize) -> Option<usize> {
    p += 1;
    while p < b.len() {
        match b[p] {
            b'\\' => p += 2,
            b'"' => return Some(p + 1),
            _ => p += 1,
        }
    }
    None
}

/// From the start of a value to just past its end.
fn skip_value(b: &[u8], p: usize) -> Option<usize> {
    match b.get(p)? {
        b'"' => skip_string(b, p),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut q = p;
            while q < b.len() {
                match b[q] {
                    b'"' => {
                        q = skip_string(b, q)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(q + 1);
                        }
                    }
                    _ => {}
                }
                q += 1;
            }
            None
        }
        _ => {
            let mut q = p;
            while q < b.len() && !matches!(b[q], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                q += 1;
            }
            Some(q)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "name": "t",
  "steps": [
    {"remove": {"select": {"ids": "a"}}},
    {"add": {"assets": [
      {"id": "x", "operator": "o"},
      {"id": "y", "supplier": "s\"q"}
    ]}}
  ]
}"#;

    #[test]
    fn locates_nested_paths() {
        assert_eq!(
            locate_path(TEXT, "steps[1].add.assets[1].supplier"),
            Some((7, 31))
        );
        assert_eq!(
            locate_path(TEXT, "steps[0].remove.select.ids"),
            Some((4, 35))
        );
        // A missing key: the deepest part that exists.
        assert_eq!(locate_path(TEXT, "steps[1].add.links[0]"), Some((5, 13)));
        assert_eq!(locate_path(TEXT, ""), Some((1, 1)));
    }

    #[test]
    fn parses_steps_and_values() {
        let s = Scenario::parse("t.json", TEXT).unwrap();
        assert_eq!(s.steps.len(), 2);
        let Action::Remove(r) = &s.steps[0].action else {
            panic!("remove")
        };
        assert_eq!(
            r.select.ids,
            Some(Values {
                values: vec!["a".into()],
                list: false
            })
        );
        let Action::Add(a) = &s.steps[1].action else {
            panic!("add")
        };
        assert_eq!(a.assets[1], r#"{"id": "y", "supplier": "s\"q"}"#);
    }

    #[test]
    fn shape_errors_are_located() {
        let text = "{\"name\": \"t\", \"steps\": [\n {\"set_supplier\": {\"select\": {\"operatr\": \"x\"}, \"supplier\": \"s\"}}]}";
        let e = Scenario::parse("s.json", text).unwrap_err();
        assert_eq!(e[0].code, "unknown-key");
        assert_eq!(
            e[0].path.as_deref(),
            Some("steps[0].set_supplier.select.operatr")
        );
        assert_eq!(e[0].line, Some(2));
        assert!(!e[0].message.contains("at line"), "{}", e[0].message);
        let e = Scenario::parse("s.json", r#"{"name": "t", "steps": [{}]}"#).unwrap_err();
        assert_eq!(e[0].code, "bad-step");
        assert_eq!(e[0].path.as_deref(), Some("steps[0]"));
    }
}
