//! A state of a scenario validated as on load: the rows of the state before a step, and the
//! rows the step adds, each handed to the loader as a document with a locator that names it.
//!
//! - The state's rows are "the inventory before this step": built in memory, they have no
//!   text, so their diagnostics give that name and the row's path.
//! - Rows written in the scenario file (`add`) are read by the JSON importer from the step's
//!   body and located in the scenario file (`steps[0].add.assets[1].supplier`).
//! - Rows a step generates (`migrate_sa`) are "the rows step N generates".

use crate::diagnostics::{Diagnostic, Location};
use crate::inventory::{JsonLocator, ParsedFile, RowLocator, Site, Source, parse_source};
use crate::load::validate_parsed;
use crate::model::Inventory;

use super::file::shift;
use super::rows::Rows;
use super::step::{NewRows, StepCx};

/// The name of the state before a step, in diagnostics.
pub const BEFORE: &str = "the inventory before this step";

/// Validates the rows of a state, with the rows a step adds: the inventory when there is
/// no error, and every diagnostic, sorted.
pub fn validate_state(
    rows: &Rows,
    new: Option<(&StepCx<'_>, &NewRows)>,
) -> (Option<Inventory>, Vec<Diagnostic>) {
    let mut sources = vec![Source::json(BEFORE, String::new())];
    let mut body = None;
    match new {
        None => {}
        Some((cx, NewRows::Written(text))) => {
            let n = cx.number();
            sources.push(Source::json(format!("the rows of step {n}"), text.clone()));
            body = Some(BodyLocator {
                file: cx.scenario_file().to_owned(),
                at: cx.position(""),
                prefix: cx.body_path(),
            });
        }
        Some((cx, NewRows::Generated(_))) => {
            let n = cx.number();
            sources.push(Source::json(
                format!("the rows step {n} generates"),
                String::new(),
            ));
        }
    }
    let mut parsed = vec![in_memory(0, rows)];
    let mut diags = Vec::new();
    let mut fatal = false;
    match (new, body) {
        (Some((_, NewRows::Generated(extra))), _) => parsed.push(in_memory(1, extra)),
        (Some(_), Some(body)) => {
            let mut found = Vec::new();
            match parse_source(1, &sources[1], &mut found) {
                Some(mut p) => {
                    // The body is part of the scenario file, whose format is the
                    // scenario's: it declares none.
                    p.notes.clear();
                    p.locator = Box::new(body.clone());
                    parsed.push(p);
                }
                None => fatal = true,
            }
            diags.extend(found.into_iter().map(|mut d| {
                d.location = d.location.map(|l| body.relocate(l));
                d
            }));
        }
        _ => {}
    }
    validate_parsed(&sources, &parsed, diags, fatal)
}

/// Rows built in memory, as a parsed document with no text.
fn in_memory(source: usize, rows: &Rows) -> ParsedFile<'_> {
    ParsedFile {
        source,
        raw: rows.raw(),
        locator: Box::new(JsonLocator),
        broken: Default::default(),
        notes: Vec::new(),
    }
}

/// Locates the rows of a step's body in the scenario file.
#[derive(Clone)]
struct BodyLocator {
    /// The scenario file.
    file: String,
    /// Where the body starts in it.
    at: (u64, u64),
    /// The body's path (`steps[0].add`).
    prefix: String,
}

impl BodyLocator {
    /// A location in the body as a location in the scenario file.
    fn relocate(&self, l: Location) -> Location {
        let pos = l.line.zip(l.column).map(|p| shift(self.at, p));
        Location {
            file: self.file.clone(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            path: Some(match l.path {
                Some(p) => format!("{}.{p}", self.prefix),
                None => self.prefix.clone(),
            }),
        }
    }
}

impl RowLocator for BodyLocator {
    fn locate(&self, source: &Source, sites: &[Site]) -> Vec<Location> {
        JsonLocator
            .locate(source, sites)
            .into_iter()
            .map(|l| self.relocate(l))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_small_fixture_round_trips_in_memory() {
        let loaded = crate::load::load(&["fixtures/small".into()]);
        let inv = loaded.inventory.expect("valid fixture");
        let rows = Rows::from_inventory(&inv);
        let (again, diags) = validate_state(&rows, None);
        let again = again.expect("round trip is valid");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(again.suppliers, inv.suppliers);
        assert_eq!(again.operators, inv.operators);
        assert_eq!(again.assets, inv.assets);
        assert_eq!(again.links, inv.links);
        assert_eq!(again.domains, inv.domains);
        assert_eq!(again.functions, inv.functions);
    }
}
