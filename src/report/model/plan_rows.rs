//! The plan's rows for people, built once with the plan: every figure of a step in the
//! baseline, after the step before and after the step, with its two changes read from the
//! step's two deltas ([`Delta::between`]: from the baseline, and from the step before).
//! The table and Markdown renderers only format these rows; they compute no figure.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analysis::Band;
use crate::policy::Severity;

use super::country::CountryEntry;
use super::delta::{
    CountryDelta, Delta, OperatorDelta, SAME, national_outage_of, outage_or_zero, share_of,
};
use super::operator::{OperatorEntry, SupplierOutage};
use super::plan::{Figures, RuleCount};

/// One value of a figure row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The figure has no value there: its scope does not exist, or it is undefined.
    Absent,
    /// A share, from 0 to 1.
    Share(f64),
    /// An HHI and its band.
    Hhi(f64, Band),
    /// A count.
    Count(usize),
    /// A supplier (or a pair, `a+b`) and its share.
    Lead(String, f64),
    /// Lock-in group ids.
    Groups(Vec<String>),
}

/// A change of a figure row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RowChange {
    /// No change to show (a text figure, or absent on both sides).
    Blank,
    /// The figure exists on one side only.
    NotApplicable,
    /// A change of a share, in points of 1 (shown in percentage points).
    Points(f64),
    /// A change of an HHI or a count.
    Units(f64),
}

/// One figure of a scope: its values in the three states and its two changes.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    /// What the figure is (`ran: HHI`, `  5G outage if x fails`).
    pub label: String,
    /// In the baseline.
    pub baseline: Value,
    /// After the step before (the baseline for step 1).
    pub previous: Value,
    /// After the step.
    pub after: Value,
    /// From the baseline.
    pub change: RowChange,
    /// From the step before.
    pub step_change: RowChange,
    /// Whether it differs from the baseline.
    pub changed: bool,
    /// Whether it differs from the step before.
    pub step_changed: bool,
    /// Shown even when unchanged.
    pub headline: bool,
    /// A rise of this figure is a worse position (concentration, outage, exposure).
    pub worse_when_up: bool,
}

/// The rows of one operator or country.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeRows {
    /// Operator id or country code.
    pub id: String,
    /// The rows to show, in order.
    pub rows: Vec<FigureRow>,
}

/// What a step changed, as rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepView {
    /// Operators with a changed figure (from the baseline or the step before), by id.
    pub operators: Vec<ScopeRows>,
    /// Countries (then `all`) with a changed national figure.
    pub countries: Vec<ScopeRows>,
    /// Operators with no change from either.
    pub unchanged_operators: Vec<String>,
}

/// A figure that is worse after the last step than in the baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Worse {
    /// `operator` or `country`.
    pub scope: &'static str,
    /// Operator id or country code (`all`).
    pub id: String,
    /// The figure, as the tables name it.
    pub figure: String,
    /// What its numbers are.
    pub unit: FigureUnit,
    /// In the baseline.
    pub before: f64,
    /// After the last step.
    pub after: f64,
    /// `after - before`.
    pub change: f64,
}

/// What the numbers of a figure are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureUnit {
    /// A share, from 0 to 1.
    Share,
    /// An HHI, from 0 to 10000.
    Hhi,
    /// A count.
    Count,
}

/// How the plan ends: the deny findings left and the figures that got worse.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PlanSummary {
    /// `deny` findings after the last step, by rule.
    pub deny_left: Vec<RuleCount>,
    /// Figures higher after the last step than in the baseline where higher is worse, by
    /// scope, id, then the tables' order.
    pub worse: Vec<Worse>,
}

/// The three states a step's rows compare, and the step's two deltas.
pub struct Compared<'a> {
    /// The baseline.
    pub baseline: &'a Figures,
    /// After the step before.
    pub previous: &'a Figures,
    /// After the step.
    pub after: &'a Figures,
    /// From the baseline to `after`.
    pub delta: &'a Delta,
    /// From `previous` to `after`.
    pub step_delta: &'a Delta,
}

/// A figure of one scope in the three states: baseline, previous, after.
type Three<T> = [T; 3];

/// The changes of a numeric figure from the two deltas (`None`: not in that delta).
type Deltas = (Option<f64>, Option<f64>);

/// The two deltas of a scope (`None`: the scope is not in that delta).
type Pair<'a, T> = (Option<&'a T>, Option<&'a T>);

/// A figure's number in both deltas.
fn both<T>(d: Pair<'_, T>, f: impl Fn(&T) -> Option<f64>) -> Deltas {
    (d.0.and_then(&f), d.1.and_then(&f))
}

fn change_of(x: Option<f64>, y: Option<f64>, d: Option<f64>, points: bool) -> (RowChange, bool) {
    match (x, y) {
        (Some(_), Some(_)) => {
            // A supplier named only in the third state counts 0 on both sides.
            let d = d.unwrap_or(0.0);
            let c = if points {
                RowChange::Points(d)
            } else {
                RowChange::Units(d)
            };
            (c, d.abs() >= SAME)
        }
        (None, None) => (RowChange::Blank, false),
        _ => (RowChange::NotApplicable, true),
    }
}

/// A row of a share (`None` where absent) and its two changes, in percentage points.
fn share_row(label: String, v: Three<Option<f64>>, d: Deltas) -> FigureRow {
    let shown = map3(&v, |x| x.map_or(Value::Absent, Value::Share));
    numeric_row(label, v, shown, d, true)
}

/// A row of a high-risk share: a headline where some state has high-risk suppliers.
fn high_risk_row(label: String, v: Three<Option<f64>>, d: Deltas) -> FigureRow {
    let shown = v.iter().flatten().any(|x| *x > 0.0);
    share_row(label, v, d).headline(shown)
}

/// A row of an HHI with its band (`None` where absent) and its two changes.
fn hhi_row(label: String, v: Three<Option<(f64, Band)>>, d: Deltas) -> FigureRow {
    let shown = map3(&v, |x| x.map_or(Value::Absent, |(h, b)| Value::Hhi(h, b)));
    numeric_row(label, map3(&v, |x| x.map(|x| x.0)), shown, d, false).headline(true)
}

/// A row of a numeric figure: its numbers (`None` where absent), as shown, and the two
/// changes.
fn numeric_row(
    label: String,
    v: Three<Option<f64>>,
    shown: Three<Value>,
    d: Deltas,
    points: bool,
) -> FigureRow {
    let (change, changed) = change_of(v[0], v[2], d.0, points);
    let (step_change, step_changed) = change_of(v[1], v[2], d.1, points);
    let [baseline, previous, after] = shown;
    FigureRow {
        label,
        baseline,
        previous,
        after,
        change,
        step_change,
        changed,
        step_changed,
        headline: false,
        worse_when_up: true,
    }
}

/// A row of a figure shown as text, changed when its values differ.
fn text_row(label: String, v: Three<Value>, change: Deltas) -> FigureRow {
    let units = |d: Option<f64>| d.map_or(RowChange::Blank, RowChange::Units);
    FigureRow {
        label,
        changed: v[0] != v[2],
        step_changed: v[1] != v[2],
        change: units(change.0),
        step_change: units(change.1),
        baseline: v[0].clone(),
        previous: v[1].clone(),
        after: v[2].clone(),
        headline: true,
        worse_when_up: false,
    }
}

impl FigureRow {
    fn headline(mut self, on: bool) -> Self {
        self.headline = on;
        self
    }

    fn neutral(mut self) -> Self {
        self.worse_when_up = false;
        self
    }

    /// The row's number in a state, for the summary.
    fn number(v: &Value) -> Option<f64> {
        match v {
            Value::Share(x) | Value::Hhi(x, _) | Value::Lead(_, x) => Some(*x),
            Value::Count(n) => Some(*n as f64),
            Value::Absent | Value::Groups(_) => None,
        }
    }
}

fn names<'a, T: 'a, I: Iterator<Item = &'a str>>(
    sides: &Three<Option<&'a T>>,
    f: impl Fn(&'a T) -> I,
) -> BTreeSet<&'a str> {
    sides.iter().flatten().flat_map(|x| f(x)).collect()
}

fn map3<T, U>(v: &Three<T>, f: impl Fn(&T) -> U) -> Three<U> {
    [f(&v[0]), f(&v[1]), f(&v[2])]
}

/// Every row of an operator, in the tables' order.
fn operator_rows(o: Three<Option<&OperatorEntry>>, d: Pair<'_, OperatorDelta>) -> Vec<FigureRow> {
    let mut rows = Vec::new();
    for name in names(&o, |x| x.domains.iter().map(|d| d.domain.as_str())) {
        let dom = map3(&o, |x| x.and_then(|x| x.domain(name)));
        let dd = |x: &OperatorDelta| x.domains.iter().find(|d| d.domain == name).cloned();
        rows.push(hhi_row(
            format!("{name}: HHI"),
            map3(&dom, |x| x.map(|x| (x.hhi, x.band))),
            both(d, |x| dd(x).and_then(|d| d.hhi)),
        ));
        let top = map3(&dom, |x| {
            x.map_or(Value::Absent, |x| {
                Value::Lead(x.top.supplier.clone(), x.top.share)
            })
        });
        rows.push(text_row(format!("{name}: top supplier"), top, (None, None)).headline(false));
        rows.push(high_risk_row(
            format!("{name}: high-risk share"),
            map3(&dom, |x| x.map(|x| x.high_risk_share)),
            both(d, |x| dd(x).and_then(|d| d.high_risk_share)),
        ));
        for s in names(&dom, |x| x.suppliers.iter().map(|s| s.supplier.as_str())) {
            let v = map3(&dom, |x| x.map(|x| share_of(x, s)));
            let changes = both(d, |x| {
                let d = dd(x)?;
                d.suppliers
                    .iter()
                    .find(|x| x.supplier == s)
                    .map(|x| x.share)
            });
            rows.push(share_row(format!("{name}: share of {s}"), v, changes).neutral());
        }
    }
    outage_rows(&mut rows, &o, d);
    lockin_exposure_rows(&mut rows, &o, d);
    rows
}

/// The worst single and pair outages, and every supplier's outage (all, 4G, 5G).
fn outage_rows(
    rows: &mut Vec<FigureRow>,
    o: &Three<Option<&OperatorEntry>>,
    d: Pair<'_, OperatorDelta>,
) {
    let single = map3(o, |x| {
        x.and_then(|x| x.outage.worst_single.as_ref())
            .map(|w| (w.supplier.clone(), w.outage))
    });
    let pair = map3(o, |x| {
        x.and_then(|x| x.outage.worst_pair.as_ref())
            .map(|w| (format!("{}+{}", w.suppliers[0], w.suppliers[1]), w.outage))
    });
    let ws = both(d, |x| x.outage.worst_single);
    let wp = both(d, |x| x.outage.worst_pair);
    for (label, v, dd) in [
        ("worst single outage", single, ws),
        ("worst pair outage", pair, wp),
    ] {
        let nums = map3(&v, |x| x.as_ref().map(|x| x.1));
        let lead = map3(&v, |x| {
            x.clone()
                .map_or(Value::Absent, |(s, share)| Value::Lead(s, share))
        });
        let mut row = numeric_row(label.to_owned(), nums, lead, dd, true).headline(true);
        let who = map3(&v, |x| x.as_ref().map(|x| x.0.clone()));
        row.changed = row.changed || who[0] != who[2];
        row.step_changed = row.step_changed || who[1] != who[2];
        rows.push(row);
    }
    for s in names(o, |x| {
        x.outage.suppliers.iter().map(|s| s.supplier.as_str())
    }) {
        let v = map3(o, |x| x.map(|x| outage_or_zero(&x.outage, s)));
        let changes = (supplier_outage(d.0, s), supplier_outage(d.1, s));
        // (label, the figure of a state, the figure of a delta): all, 4G, 5G.
        type Pick = fn(&(f64, Option<f64>, Option<f64>)) -> Option<f64>;
        type PickDelta = fn(&SupplierOutage) -> Option<f64>;
        let figures: [(String, Pick, PickDelta); 3] = [
            (
                format!("outage if {s} fails"),
                |x| Some(x.0),
                |x| Some(x.outage),
            ),
            (
                format!("  4G outage if {s} fails"),
                |x| x.1,
                |x| x.outage_4g,
            ),
            (
                format!("  5G outage if {s} fails"),
                |x| x.2,
                |x| x.outage_5g,
            ),
        ];
        for (label, pick, pick_delta) in figures {
            rows.push(share_row(
                label,
                map3(&v, |x| x.as_ref().and_then(pick)),
                both(changes, pick_delta),
            ));
        }
    }
}

fn supplier_outage<'a>(d: Option<&'a OperatorDelta>, s: &str) -> Option<&'a SupplierOutage> {
    d.and_then(|d| d.outage.suppliers.iter().find(|y| y.supplier == s))
}

/// The lock-in index and groups, the exposure index and the exposed key assets.
fn lockin_exposure_rows(
    rows: &mut Vec<FigureRow>,
    o: &Three<Option<&OperatorEntry>>,
    d: Pair<'_, OperatorDelta>,
) {
    rows.push(
        share_row(
            "lock-in index".to_owned(),
            map3(o, |x| x.and_then(|x| x.lockin.index)),
            both(d, |x| x.lockin.index),
        )
        .headline(true),
    );
    let groups = map3(o, |x| {
        x.map_or(Value::Absent, |x| {
            Value::Groups(x.lockin.groups.iter().map(|g| g.id.clone()).collect())
        })
    });
    rows.push(text_row(
        "lock-in groups".to_owned(),
        groups,
        both(d, |x| Some(x.lockin.groups as f64)),
    ));
    rows.push(
        share_row(
            "exposure index".to_owned(),
            map3(o, |x| x.and_then(|x| x.exposure.index)),
            both(d, |x| x.exposure.index),
        )
        .headline(true),
    );
    let lists = map3(o, |x| {
        x.map(|x| {
            let ids: Vec<&str> = x
                .exposure
                .exposed
                .iter()
                .map(|e| e.asset.as_str())
                .collect();
            ids
        })
    });
    let mut row = text_row(
        "exposed key assets".to_owned(),
        map3(&lists, |x| Value::Count(x.as_ref().map_or(0, Vec::len))),
        both(d, |x| Some(x.exposure.exposed as f64)),
    );
    row.changed = lists[0] != lists[2];
    row.step_changed = lists[1] != lists[2];
    row.worse_when_up = true;
    rows.push(row);
}

/// Every national row of a country, in the tables' order.
fn country_rows(c: Three<Option<&CountryEntry>>, d: Pair<'_, CountryDelta>) -> Vec<FigureRow> {
    let mut rows = Vec::new();
    for name in names(&c, |x| x.domains.iter().map(|d| d.domain.as_str())) {
        let dom = map3(&c, |x| x.and_then(|x| x.domain(name)));
        let dd = |x: &CountryDelta| x.domains.iter().find(|x| x.domain == name).cloned();
        rows.push(hhi_row(
            format!("{name}: national HHI"),
            map3(&dom, |x| x.map(|x| (x.hhi, x.band))),
            both(d, |x| dd(x).and_then(|x| x.hhi)),
        ));
        rows.push(high_risk_row(
            format!("{name}: national high-risk share"),
            map3(&dom, |x| x.map(|x| x.high_risk_share)),
            both(d, |x| dd(x).and_then(|x| x.high_risk_share)),
        ));
    }
    for s in names(&c, |x| x.outage.iter().map(|o| o.supplier.as_str())) {
        let v = map3(&c, |x| x.map(|x| national_outage_of(x, s)));
        let changes = both(d, |x| {
            x.outage.iter().find(|o| o.supplier == s).map(|o| o.outage)
        });
        rows.push(share_row(
            format!("national outage if {s} fails"),
            v,
            changes,
        ));
    }
    rows
}

/// The headline rows of every operator of the baseline.
pub fn baseline_rows(f: &Figures) -> Vec<ScopeRows> {
    f.operators
        .iter()
        .map(|o| ScopeRows {
            id: o.id.clone(),
            rows: operator_rows([Some(o); 3], (None, None))
                .into_iter()
                .filter(|r| r.headline)
                .collect(),
        })
        .collect()
}

impl StepView {
    /// The rows of a step.
    pub fn new(c: &Compared<'_>) -> StepView {
        let mut view = StepView::default();
        let ids: BTreeSet<&str> = [c.baseline, c.previous, c.after]
            .iter()
            .flat_map(|f| f.operators.iter().map(|o| o.id.as_str()))
            .collect();
        for id in ids {
            let o = [c.baseline, c.previous, c.after].map(|f| f.operator(id));
            let d = (c.delta.operator(id), c.step_delta.operator(id));
            let rows = operator_rows(o, d);
            if rows.iter().any(|r| r.changed || r.step_changed) {
                view.operators.push(ScopeRows {
                    id: id.to_owned(),
                    rows: rows
                        .into_iter()
                        .filter(|r| r.changed || r.step_changed || r.headline)
                        .collect(),
                });
            } else {
                view.unchanged_operators.push(id.to_owned());
            }
        }
        // Countries by code, then `all` last, as in the deltas.
        let mut codes: Vec<&str> = [c.delta, c.step_delta]
            .iter()
            .flat_map(|d| d.countries.iter().map(|x| x.country.as_str()))
            .collect();
        codes.sort_by_key(|x| (*x == "all", *x));
        codes.dedup();
        for code in codes {
            let s = [c.baseline, c.previous, c.after].map(|f| f.country(code));
            let d = (c.delta.country(code), c.step_delta.country(code));
            let rows: Vec<FigureRow> = country_rows(s, d)
                .into_iter()
                .filter(|r| r.changed || r.step_changed)
                .collect();
            if !rows.is_empty() {
                view.countries.push(ScopeRows {
                    id: code.to_owned(),
                    rows,
                });
            }
        }
        view
    }
}

impl PlanSummary {
    /// The summary of a plan that ends in `last` with `view` as its last step's rows.
    pub fn new(last: &Figures, view: Option<&StepView>) -> PlanSummary {
        let deny_left = last
            .findings
            .by_rule
            .iter()
            .filter(|r| r.severity == Severity::Deny)
            .cloned()
            .collect();
        let mut worse = Vec::new();
        let scopes = view.into_iter().flat_map(|v| {
            let ops = v.operators.iter().map(|s| ("operator", s));
            ops.chain(v.countries.iter().map(|s| ("country", s)))
        });
        for (scope, s) in scopes {
            for r in s.rows.iter().filter(|r| r.worse_when_up && r.changed) {
                let (Some(before), Some(after)) =
                    (FigureRow::number(&r.baseline), FigureRow::number(&r.after))
                else {
                    continue;
                };
                let change = match r.change {
                    RowChange::Points(d) | RowChange::Units(d) => d,
                    RowChange::Blank | RowChange::NotApplicable => continue,
                };
                let unit = match r.baseline {
                    Value::Hhi(..) => FigureUnit::Hhi,
                    Value::Count(_) => FigureUnit::Count,
                    _ => FigureUnit::Share,
                };
                if change >= SAME {
                    worse.push(Worse {
                        scope,
                        id: s.id.clone(),
                        figure: r.label.trim().to_owned(),
                        unit,
                        before,
                        after,
                        change,
                    });
                }
            }
        }
        PlanSummary { deny_left, worse }
    }
}
