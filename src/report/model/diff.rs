//! The report of `diff` (analyses.md section 9, cli.md `vendorgraph-diff/1`): two scan
//! reports, every figure that changed between them, what was added or removed, and the
//! findings new, resolved or kept. Built once by [`DiffReport::new`]; renderers read it only.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::assess::Assessment;
use crate::policy::Severity;

use super::delta::{change, differs, match_by, minus, pair_by, subject_of};
use super::finding::FindingEntry;
use super::scan::{ReportDoc, ScanReport, Summary};

/// The format tag of the JSON diff.
pub const DIFF_FORMAT: &str = "vendorgraph-diff/1";

/// The keys that name an item of a list in a figure's place, in the order they are tried
/// (`domains[ran]`, `suppliers[huawei]`, `groups[g-1]`, `critical[at-1-amf-1]`): an asset
/// before its supplier.
const ITEM_KEYS: [&str; 5] = ["id", "asset", "domain", "group", "supplier"];

/// Everything a renderer of `diff` may show: the JSON document and the tallies the human
/// formats add to it.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffReport {
    /// The `vendorgraph-diff/1` document: exactly what `--format json` prints.
    pub doc: DiffDoc,
    /// What the human formats show beyond the document.
    pub summary: DiffSummary,
}

/// The `vendorgraph-diff/1` document. Its serde is the format.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiffDoc {
    /// Always [`DIFF_FORMAT`].
    pub format: &'static str,
    /// The report of the inventory before, as `scan` prints it.
    pub before: ReportDoc,
    /// The report of the inventory after.
    pub after: ReportDoc,
    /// Every figure whose value differs, by scope, id, then figure.
    pub changes: Vec<Change>,
    /// Present after only.
    pub added: IdChanges,
    /// Present before only.
    pub removed: IdChanges,
    /// Findings matched by rule and subject.
    pub findings: FindingChanges,
}

/// Whether a change is an operator's figure or a country's (or the scope `all`'s).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeScope {
    /// A country's national figure (or `all`'s).
    Country,
    /// An operator's figure.
    Operator,
}

/// How a figure reads: a fraction shown as a percentage, an HHI in whole points, or a
/// plain number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// 0 to 1: shares, outages, indices, impacts.
    Fraction,
    /// An HHI, 0 to 10,000: whole points, as the scan report shows it.
    Hhi,
    /// Anything else: weights, counts.
    Number,
}

/// One figure that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Operator or country.
    pub scope: ChangeScope,
    /// Operator id, or country code (`all`).
    pub id: String,
    /// Its place in the scope's entry of the report (`domains[ran].hhi`).
    pub figure: String,
    /// The value before; `null` when undefined or absent.
    pub before: Option<f64>,
    /// The value after; `null` when undefined or absent.
    pub after: Option<f64>,
    /// After minus before; `null` when either is.
    pub change: Option<f64>,
    /// How it reads (not in the JSON).
    #[serde(skip)]
    pub unit: Unit,
}

/// Ids present on one side only, each list sorted.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IdChanges {
    /// Operator ids.
    pub operators: Vec<String>,
    /// Supplier ids.
    pub suppliers: Vec<String>,
    /// Asset ids.
    pub assets: Vec<String>,
}

/// The findings of both sides, matched by (rule, subject).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FindingChanges {
    /// After only (as after), in the report's order.
    pub new: Vec<FindingEntry>,
    /// Before only (as before), in the report's order.
    pub resolved: Vec<FindingEntry>,
    /// On both sides (as after), in the report's order.
    pub kept: Vec<FindingEntry>,
}

/// Tallies for the human formats; not part of the JSON document.
#[derive(Clone, Debug, PartialEq)]
pub struct DiffSummary {
    /// The scan summary before.
    pub before: Summary,
    /// The scan summary after.
    pub after: Summary,
    /// New `deny` findings: the after side regressed (exit status 1).
    pub new_deny: usize,
    /// Resolved `deny` findings.
    pub resolved_deny: usize,
    /// The scopes with changes, in the order of `doc.changes`, each with its number of
    /// changes; an operator or country present on one side only is marked.
    pub scopes: Vec<ScopeTally>,
}

/// The changes of one operator or country.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeTally {
    /// Operator or country.
    pub scope: ChangeScope,
    /// Its id.
    pub id: String,
    /// Present on which sides.
    pub presence: Presence,
    /// Index of its first change in `doc.changes`.
    pub first: usize,
    /// Number of its changes.
    pub changes: usize,
}

/// Which side holds a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Both.
    Both,
    /// After only.
    Added,
    /// Before only.
    Removed,
}

impl ChangeScope {
    /// The word a heading gives it: `Operator` or `Country`.
    pub fn title(self) -> &'static str {
        match self {
            ChangeScope::Operator => "Operator",
            ChangeScope::Country => "Country",
        }
    }
}

impl Presence {
    /// What a heading adds: nothing, ` (added)` or ` (removed)`.
    pub fn note(self) -> &'static str {
        match self {
            Presence::Both => "",
            Presence::Added => " (added)",
            Presence::Removed => " (removed)",
        }
    }
}

impl IdChanges {
    /// The three lists with their names: operators, suppliers, assets.
    pub fn kinds(&self) -> [(&'static str, &[String]); 3] {
        [
            ("operators", &self.operators),
            ("suppliers", &self.suppliers),
            ("assets", &self.assets),
        ]
    }
}

impl DiffReport {
    /// The diff of two assessments (of the same scope and policy).
    pub fn new(before: &Assessment<'_>, after: &Assessment<'_>) -> Self {
        let (b, a) = (ScanReport::new(before), ScanReport::new(after));
        let (ids_b, ids_a) = (inventory_ids(before, &b.doc), inventory_ids(after, &a.doc));
        Self::between(b, a, &ids_b, &ids_a)
    }

    /// The diff of two scan reports whose inventories hold these ids.
    pub fn between(
        b: ScanReport,
        a: ScanReport,
        ids_b: &InventoryIds,
        ids_a: &InventoryIds,
    ) -> Self {
        let changes = changes(&b.doc, &a.doc);
        let findings = match_findings(&b.doc.findings, &a.doc.findings);
        let deny = |l: &[FindingEntry]| l.iter().filter(|f| f.severity == Severity::Deny).count();
        let summary = DiffSummary {
            new_deny: deny(&findings.new),
            resolved_deny: deny(&findings.resolved),
            scopes: scopes(&changes, &b.doc, &a.doc),
            before: b.summary,
            after: a.summary,
        };
        let doc = DiffDoc {
            format: DIFF_FORMAT,
            changes,
            added: ids_a.minus(ids_b),
            removed: ids_b.minus(ids_a),
            findings,
            before: b.doc,
            after: a.doc,
        };
        DiffReport { doc, summary }
    }

    /// Whether the after side has a `deny` finding the before side did not.
    pub fn regressed(&self) -> bool {
        self.summary.new_deny > 0
    }
}

/// The operators, suppliers and assets of one side, within the scope of its report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InventoryIds {
    /// The operators of the report.
    pub operators: BTreeSet<String>,
    /// Every supplier of the inventory.
    pub suppliers: BTreeSet<String>,
    /// The assets of the report's operators.
    pub assets: BTreeSet<String>,
}

impl InventoryIds {
    fn minus(&self, other: &InventoryIds) -> IdChanges {
        IdChanges {
            operators: minus(&self.operators, &other.operators),
            suppliers: minus(&self.suppliers, &other.suppliers),
            assets: minus(&self.assets, &other.assets),
        }
    }
}

/// The ids of an assessment's inventory within the operators its report covers.
fn inventory_ids(a: &Assessment<'_>, doc: &ReportDoc) -> InventoryIds {
    let inv = a.graph().inventory();
    let operators: BTreeSet<String> = doc.operators.iter().map(|o| o.id.clone()).collect();
    let in_scope: Vec<bool> = inv
        .operators
        .iter()
        .map(|o| operators.contains(&*o.id))
        .collect();
    InventoryIds {
        suppliers: inv.suppliers.iter().map(|s| s.id.to_string()).collect(),
        assets: inv
            .assets
            .iter()
            .filter(|x| in_scope[x.operator.0 as usize])
            .map(|x| x.id.to_string())
            .collect(),
        operators,
    }
}

/// Every figure of one scope's entry, by its place: numbers, and `null` for an undefined one.
type Figures = BTreeMap<String, Option<f64>>;

/// Every changed figure of the operators and countries of either side, sorted by scope, id,
/// then figure.
fn changes(b: &ReportDoc, a: &ReportDoc) -> Vec<Change> {
    let countries = pair_by(&b.countries, &a.countries, |c| c.country.as_str())
        .into_iter()
        .map(|(id, x, y)| (ChangeScope::Country, id, sides(x, y)));
    let operators = pair_by(&b.operators, &a.operators, |o| o.id.as_str())
        .into_iter()
        .map(|(id, x, y)| (ChangeScope::Operator, id, sides(x, y)));
    let mut out = Vec::new();
    for (scope, id, entries) in countries.chain(operators) {
        scope_changes(scope, id, entries, &mut out);
    }
    out
}

/// A scope's entry on the two sides, as JSON (`None`: absent).
fn sides<T: Serialize>(before: Option<&T>, after: Option<&T>) -> [Option<Value>; 2] {
    [before.map(to_value), after.map(to_value)]
}

/// The changed figures of one scope's entry on the two sides (`None`: absent), by figure.
fn scope_changes(scope: ChangeScope, id: &str, sides: [Option<Value>; 2], out: &mut Vec<Change>) {
    let [fb, fa] = sides.map(|v| {
        let mut f = Figures::new();
        if let Some(v) = v {
            flatten(&v, &mut String::new(), &mut f);
        }
        f
    });
    let places: BTreeSet<&String> = fb.keys().chain(fa.keys()).collect();
    for place in places {
        let before = fb.get(place).copied().flatten();
        let after = fa.get(place).copied().flatten();
        if differs(before, after) {
            out.push(Change {
                scope,
                id: id.to_owned(),
                figure: place.clone(),
                before,
                after,
                change: change(before, after),
                unit: unit_of(place),
            });
        }
    }
}

fn to_value<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).expect("a report entry serialises")
}

/// Walks a scope's entry: objects by key, lists of objects by the item's id
/// (`domains[ran]`), numbers and `null` as figures; strings, booleans and lists of ids are
/// not figures.
fn flatten(v: &Value, place: &mut String, out: &mut Figures) {
    match v {
        Value::Number(n) => {
            out.insert(place.clone(), n.as_f64());
        }
        Value::Null => {
            out.insert(place.clone(), None);
        }
        Value::Object(map) => {
            for (k, x) in map {
                let len = place.len();
                if !place.is_empty() {
                    place.push('.');
                }
                place.push_str(k);
                flatten(x, place, out);
                place.truncate(len);
            }
        }
        Value::Array(items) => {
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for x in items {
                let Some(id) = item_id(x) else { continue };
                let n = seen.entry(id.to_owned()).or_insert(0);
                *n += 1;
                let len = place.len();
                if *n == 1 {
                    place.push_str(&format!("[{id}]"));
                } else {
                    place.push_str(&format!("[{id}#{n}]"));
                }
                flatten(x, place, out);
                place.truncate(len);
            }
        }
        Value::Bool(_) | Value::String(_) => {}
    }
}

/// The id of a list item: its first key of [`ITEM_KEYS`] that holds a string.
fn item_id(x: &Value) -> Option<&str> {
    let map = x.as_object()?;
    ITEM_KEYS
        .iter()
        .find_map(|k| map.get(*k).and_then(Value::as_str))
}

/// Fractions by the name of the figure: shares, outages, indices and impacts.
fn unit_of(place: &str) -> Unit {
    let last = place.rsplit('.').next().unwrap_or(place);
    let fraction = last.ends_with("share")
        || last.starts_with("outage")
        || last.starts_with("impact")
        || last == "index"
        || last == "threshold";
    if fraction {
        Unit::Fraction
    } else if last == "hhi" {
        Unit::Hhi
    } else {
        Unit::Number
    }
}

fn match_findings(b: &[FindingEntry], a: &[FindingEntry]) -> FindingChanges {
    let m = match_by(b, a, subject_of);
    let owned = |l: Vec<&FindingEntry>| l.into_iter().cloned().collect();
    FindingChanges {
        new: owned(m.new),
        resolved: owned(m.resolved),
        kept: owned(m.kept),
    }
}

/// The scopes of `changes`, each with its first change, its count and its presence.
fn scopes(changes: &[Change], b: &ReportDoc, a: &ReportDoc) -> Vec<ScopeTally> {
    let has = |doc: &ReportDoc, scope: ChangeScope, id: &str| match scope {
        ChangeScope::Operator => doc.operators.iter().any(|o| o.id == id),
        ChangeScope::Country => doc.countries.iter().any(|c| c.country == id),
    };
    let mut out: Vec<ScopeTally> = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        if let Some(last) = out.last_mut()
            && last.scope == c.scope
            && last.id == c.id
        {
            last.changes += 1;
            continue;
        }
        let presence = match (has(b, c.scope, &c.id), has(a, c.scope, &c.id)) {
            (true, false) => Presence::Removed,
            (false, true) => Presence::Added,
            _ => Presence::Both,
        };
        out.push(ScopeTally {
            scope: c.scope,
            id: c.id.clone(),
            presence,
            first: i,
            changes: 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(v: Value) -> Figures {
        let mut out = Figures::new();
        flatten(&v, &mut String::new(), &mut out);
        out
    }

    #[test]
    fn places_name_list_items_by_their_id() {
        let f = figures(serde_json::json!({
            "id": "op", "country": "DE",
            "domains": [{"domain": "ran", "hhi": 5000.0,
                         "suppliers": [{"supplier": "a", "share": 0.5}, {"supplier": "b", "share": 0.5}]}],
            "lockin": {"index": null, "groups": [{"id": "g", "operators": ["op", "x"]}]},
            "worst_pair": {"suppliers": ["a", "b"], "outage": 1.0}
        }));
        let places: Vec<(&str, Option<f64>)> = f.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            places,
            [
                ("domains[ran].hhi", Some(5000.0)),
                ("domains[ran].suppliers[a].share", Some(0.5)),
                ("domains[ran].suppliers[b].share", Some(0.5)),
                ("lockin.index", None),
                ("worst_pair.outage", Some(1.0)),
            ]
        );
    }

    #[test]
    fn units_follow_the_figure_name() {
        assert_eq!(unit_of("domains[ran].suppliers[a].share"), Unit::Fraction);
        assert_eq!(unit_of("outage.suppliers[a].outage_5g"), Unit::Fraction);
        assert_eq!(unit_of("exposure.index"), Unit::Fraction);
        assert_eq!(unit_of("domains[ran].hhi"), Unit::Hhi);
        assert_eq!(unit_of("critical.assets[x].units"), Unit::Number);
    }
}
