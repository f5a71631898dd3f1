//! The scenario file (JSON): its shape, its parsing with located errors, and the place of
//! every error of a plan in it.
//!
//! Errors are [`Diagnostic`]s of the one diagnostic type. Shape errors (an unknown key, a
//! wrong type, a missing field) are located by `serde_path_to_error` with the file, line,
//! column and JSON path (`steps[2].set_supplier.select.operator`). Errors found later, while
//! a step is applied (an unknown supplier, a selector that matches nothing, an added row that
//! breaks the inventory), are located by their JSON path in the same file, through the
//! loader's JSON walker, and carry their step ([`StepRef`]).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::diagnostics::{Code, Diagnostic, Location, StepRef};
use crate::inventory::{line_col, locate_path, serde_message};

use super::step::{self, STEPS, Step, StepDef};

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

impl Scenario {
    /// Parses a scenario file. `file` names it in errors.
    ///
    /// # Errors
    /// Malformed JSON, an unknown key, a missing field or a wrong type (located by line,
    /// column and JSON path; one for the file's frame, one per step body); a scenario
    /// without steps; a step with not exactly one of the steps of [`STEPS`].
    pub fn parse(file: &str, text: &str) -> Result<Scenario, Vec<Diagnostic>> {
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
                Code::MissingField,
                None,
                "name",
                "the scenario has an empty \"name\"".into(),
            ));
        }
        if doc.steps.is_empty() {
            errors.push(scenario.error(
                Code::BadStep,
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
                    Code::BadStep,
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

    /// The line and column of a JSON path of the scenario file (of the nearest existing
    /// parent when the path does not exist, as for a missing key).
    pub fn position(&self, path: &str) -> (u64, u64) {
        locate_path(&self.text, path)
    }

    /// An error located at a JSON path of the scenario file.
    pub fn error(
        &self,
        code: Code,
        step: Option<StepRef>,
        path: &str,
        message: String,
    ) -> Diagnostic {
        let (line, column) = self.position(path);
        let d = Diagnostic::new(
            code,
            message,
            Some(Location {
                file: self.file.clone(),
                line: Some(line),
                column: Some(column),
                path: (!path.is_empty()).then(|| path.to_owned()),
            }),
        );
        match step {
            Some(step) => d.in_step(step),
            None => d,
        }
    }
}

/// A line and column found in a part of a file that starts at `at`, as a line and column of
/// the file.
pub(super) fn shift(at: (u64, u64), (line, column): (u64, u64)) -> (u64, u64) {
    if line == 1 {
        (at.0, at.1 - 1 + column)
    } else {
        (at.0 + line - 1, column)
    }
}

/// The byte offset of `part`, a slice of `text`, in `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// A serde error as a located diagnostic. `at` is the byte offset of the text serde read,
/// when it read a part of the file (a step's body), to turn its line and column into the
/// file's.
fn shape_error(
    file: &str,
    text: &str,
    at: Option<usize>,
    path: &str,
    inner: &serde_json::Error,
) -> Diagnostic {
    let (code, message) = serde_message(inner);
    let pos = (inner.line() > 0).then(|| {
        let pos = (inner.line() as u64, inner.column() as u64);
        match at {
            None => pos,
            Some(at) => shift(line_col(text.as_bytes(), at), pos),
        }
    });
    Diagnostic::new(
        code,
        message,
        Some(Location {
            file: file.to_owned(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            path: (path != "." && !path.is_empty()).then(|| path.to_owned()),
        }),
    )
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
        assert_eq!(e[0].code.as_str(), "wrong-type");
        assert_eq!(
            e[0].location.as_ref().unwrap().path.as_deref(),
            Some("steps[1].remove.select.ids")
        );
        assert_eq!(
            e[0].location.as_ref().map(|l| (l.line, l.column)).unwrap(),
            (Some(3), Some(32))
        );
        let e = Scenario::parse(
            "s.json",
            r#"{"name": "t", "steps": [{"remove": {}, "add": {}}]}"#,
        )
        .unwrap_err();
        assert_eq!(e[0].code.as_str(), "bad-step");
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
        assert_eq!(e[0].code.as_str(), "unknown-key");
        assert_eq!(
            e[0].location.as_ref().unwrap().path.as_deref(),
            Some("steps[0].set_supplier.select.operatr")
        );
        assert_eq!(e[0].location.as_ref().unwrap().line, Some(2));
        assert!(!e[0].message.contains("at line"), "{}", e[0].message);
        let e = Scenario::parse("s.json", r#"{"name": "t", "steps": [{}]}"#).unwrap_err();
        assert_eq!(e[0].code.as_str(), "bad-step");
        assert_eq!(
            e[0].location.as_ref().unwrap().path.as_deref(),
            Some("steps[0]")
        );
    }
}
