//! The scenario file (JSON): its shape, its parsing with located errors, and the errors of
//! a plan.
//!
//! Shape errors (an unknown key, a wrong type, a missing field) are located by
//! `serde_path_to_error` with the file, line, column and JSON path
//! (`steps[2].set_supplier.select.operator`). Errors found later, while a step is applied
//! (an unknown supplier, a selector that matches nothing, an added row that breaks the
//! inventory), are located by their JSON path in the same file.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::step::{self, STEPS, Step, StepDef};
use crate::sanitize::escape_controls;

/// A scenario: a name and an ordered list of steps.
#[derive(Debug)]
pub struct Scenario {
    /// The scenario's name.
    pub name: String,
    /// What it is about.
    pub description: Option<String>,
    /// The steps, in order (at least one).
    pub steps: Vec<ScenarioStep>,
    // The file as named, and its text, to locate errors found after parsing.
    file: String,
    text: String,
}

/// One step of a scenario.
#[derive(Debug)]
pub struct ScenarioStep {
    /// Its key in the file: the `kind` of one of [`STEPS`].
    pub kind: &'static str,
    /// What the author says the step does.
    pub description: Option<String>,
    /// What it does.
    pub action: Box<dyn Step>,
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
        let (message, file) = (escape_controls(&self.message), escape_controls(&self.file));
        write!(f, "{message}\n  --> {file}")?;
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
    /// Malformed JSON, an unknown key, a missing field or a wrong type (located by line,
    /// column and JSON path; one for the file's frame, one per step body); a scenario
    /// without steps; a step with not exactly one of the steps of [`STEPS`].
    pub fn parse(file: &str, text: &str) -> Result<Scenario, Vec<ScenarioError>> {
        let mut de = serde_json::Deserializer::from_str(text);
        let parsed: Result<FileDoc<'_>, _> = serde_path_to_error::deserialize(&mut de);
        let parsed = parsed
            .map_err(|e| (e.path().to_string(), e.into_inner()))
            // Trailing characters after the document.
            .and_then(|d| de.end().map(|()| d).map_err(|e| (String::new(), e)));
        let doc = match parsed {
            Ok(d) => d,
            Err((path, inner)) => return Err(vec![shape_error(file, text, None, &path, &inner)]),
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
                format!(
                    "the scenario has no step: give at least one of {}",
                    step::kind_list()
                ),
            ));
        }
        for (i, s) in doc.steps.into_iter().enumerate() {
            let [(def, body)] = s.actions[..] else {
                let found = if s.actions.is_empty() {
                    "none".to_owned()
                } else {
                    let kinds: Vec<&str> = s.actions.iter().map(|(d, _)| d.kind).collect();
                    kinds.join(", ")
                };
                errors.push(scenario.error(
                    "bad-step",
                    None,
                    &format!("steps[{i}]"),
                    format!(
                        "a step has exactly one of {} (found: {found})",
                        step::kind_list()
                    ),
                ));
                continue;
            };
            match (def.parse)(body.get()) {
                Ok(action) => scenario.steps.push(ScenarioStep {
                    kind: def.kind,
                    description: s.description,
                    action,
                }),
                Err(e) => {
                    let path = match e.path().to_string() {
                        p if p == "." || p.is_empty() => format!("steps[{i}].{}", def.kind),
                        p => format!("steps[{i}].{}.{p}", def.kind),
                    };
                    let at = offset_in(text, body.get());
                    errors.push(shape_error(file, text, Some(at), &path, e.inner()));
                }
            }
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

/// The byte offset of `part`, a slice of `text`, in `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// A serde error as a located scenario error. `at` is the byte offset of the text serde
/// read, when it read a part of the file (a step's body), to turn its line and column into
/// the file's.
fn shape_error(
    file: &str,
    text: &str,
    at: Option<usize>,
    path: &str,
    inner: &serde_json::Error,
) -> ScenarioError {
    let (code, message) = crate::inventory::serde_message(inner);
    let pos = (inner.line() > 0).then(|| {
        let (line, column) = (inner.line() as u64, inner.column() as u64);
        match at.map(|at| crate::inventory::line_col(text.as_bytes(), at)) {
            None => (line, column),
            Some((l0, c0)) if line == 1 => (l0, c0 - 1 + column),
            Some((l0, _)) => (l0 + line - 1, column),
        }
    });
    ScenarioError {
        code: code.as_str().to_owned(),
        step: None,
        message,
        file: file.to_owned(),
        line: pos.map(|p| p.0),
        column: pos.map(|p| p.1),
        path: (path != "." && !path.is_empty()).then(|| path.to_owned()),
    }
}

// The serde mirror of the file. A step's keys are read through the registry: a key that
// is no step is an unknown key with the list of valid ones, and each step's body is kept
// as its text, read by its step once the frame of the file is known to be right.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc<'a> {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(borrow)]
    steps: Vec<StepDoc<'a>>,
}

struct StepDoc<'a> {
    description: Option<String>,
    actions: Vec<(&'static StepDef, &'a RawValue)>,
}

/// The keys a step may have: `description` and every step's key.
fn step_keys() -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        std::iter::once("description")
            .chain(STEPS.iter().map(|d| d.kind))
            .collect()
    })
}

impl<'de: 'a, 'a> Deserialize<'de> for StepDoc<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StepDoc<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("struct StepDoc")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StepDoc<'de>, A::Error> {
                let mut doc = StepDoc {
                    description: None,
                    actions: Vec::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    if key == "description" {
                        if doc.description.is_some() {
                            return Err(de::Error::duplicate_field("description"));
                        }
                        doc.description = Some(map.next_value()?);
                        continue;
                    }
                    let Some(def) = step::find(&key) else {
                        return Err(de::Error::unknown_field(&key, step_keys()));
                    };
                    if doc.actions.iter().any(|(d, _)| d.kind == def.kind) {
                        return Err(de::Error::duplicate_field(def.kind));
                    }
                    doc.actions.push((def, map.next_value()?));
                }
                Ok(doc)
            }
        }
        d.deserialize_map(V)
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
    fn parses_steps_through_the_registry() {
        let s = Scenario::parse("t.json", TEXT).unwrap();
        let kinds: Vec<&str> = s.steps.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, ["remove", "add"]);
    }

    #[test]
    fn errors_in_a_step_body_are_located_in_the_file() {
        let text = "{\"name\": \"t\", \"steps\": [\n {\"remove\": {\"select\": {}}},\n {\"remove\": {\"select\": {\"ids\": 3}}}]}";
        let e = Scenario::parse("s.json", text).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].code, "wrong-type");
        assert_eq!(e[0].path.as_deref(), Some("steps[1].remove.select.ids"));
        assert_eq!((e[0].line, e[0].column), (Some(3), Some(32)));
        let e = Scenario::parse(
            "s.json",
            r#"{"name": "t", "steps": [{"remove": {}, "add": {}}]}"#,
        )
        .unwrap_err();
        assert_eq!(e[0].code, "bad-step");
        assert!(
            e[0].message.contains("(found: remove, add)"),
            "{}",
            e[0].message
        );
        let e =
            Scenario::parse("s.json", r#"{"name": "t", "steps": [{"remov": {}}]}"#).unwrap_err();
        assert_eq!(
            e[0].message,
            "unknown field `remov`, expected one of `description`, `set_supplier`, `add`, `remove`, `migrate_sa`"
        );
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
