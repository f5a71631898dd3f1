//! The report of `plan` (`vendorgraph-plan/1`, docs/scenarios.md): every state's figures
//! from the report model, each step's two deltas ([`Delta::between`]) and the rows people
//! read ([`StepView`]), built once by [`PlanReport::new`] from the states a scenario ran
//! through. Renderers read it only.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::assess::Assessment;
use crate::model::Inventory;
use crate::policy::Severity;
use crate::scenario::{PlanRun, StepEffect};

use super::country::{CountryDomain, CountryEntry};
use super::delta::Delta;
use super::finding::FindingEntry;
use super::operator::{DomainEntry, ExposureEntry, LockinEntry, OperatorEntry, OutageEntry};
use super::plan_rows::{Compared, PlanSummary, ScopeRows, StepView, baseline_rows};
use super::scan::ScanReport;

/// The format tag of a plan's JSON document.
pub const PLAN_FORMAT: &str = "vendorgraph-plan/1";

/// A scenario's result: the baseline's figures, then each step's, with their changes.
#[derive(Clone, Debug, Serialize)]
pub struct PlanReport {
    /// Always [`PLAN_FORMAT`].
    pub format: &'static str,
    /// The scenario's name.
    pub scenario: String,
    /// Its description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The figures before any step.
    pub baseline: Figures,
    /// After each step, in order.
    pub steps: Vec<StepReport>,
    /// How the plan ends: the deny findings left, the figures that got worse.
    pub summary: PlanSummary,
    /// The baseline's headline rows, for people (the table and Markdown renderers).
    #[serde(skip)]
    pub baseline_rows: Vec<ScopeRows>,
    /// The inventory after the last step.
    #[serde(skip)]
    pub inventory: Inventory,
}

/// One step's result.
#[derive(Clone, Debug, Serialize)]
pub struct StepReport {
    /// 1-based (the baseline is step 0).
    pub step: usize,
    /// The step's key in the scenario file (one of [`crate::scenario::STEPS`]).
    pub kind: &'static str,
    /// The author's description, else the summary.
    pub description: String,
    /// What the step did, in words.
    pub summary: String,
    /// What it did.
    #[serde(flatten)]
    pub effect: StepEffect,
    /// Every figure after the step.
    pub figures: Figures,
    /// Their change from the baseline.
    pub delta: Delta,
    /// Their change from the step before (from the baseline for step 1).
    pub step_delta: Delta,
    /// The rows of both changes, for people (the table and Markdown renderers).
    #[serde(skip)]
    pub view: StepView,
}

/// Every figure of one state: the report model's entries of its assessment. Its JSON is
/// the plan's `FIGURES` (docs/scenarios.md): of each entry, the figures a plan compares.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// By operator id.
    pub operators: Vec<OperatorEntry>,
    /// By country code, then `all`.
    pub countries: Vec<CountryEntry>,
    /// The policy's findings.
    pub findings: FindingSummary,
}

/// The findings of a state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingSummary {
    /// How many.
    pub total: usize,
    /// How many at `deny`.
    pub deny: usize,
    /// How many at `warn`.
    pub warn: usize,
    /// Counts by rule and severity, by rule then severity.
    pub by_rule: Vec<RuleCount>,
    /// Every finding, in the report's order (deny first, then rule, then subject).
    pub list: Vec<FindingEntry>,
}

/// The number of findings of one rule at one severity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RuleCount {
    /// Rule code.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// How many (a change, in a delta).
    pub count: i64,
}

impl Figures {
    /// The figures of an assessment: its report's operators, countries and findings.
    pub fn of(a: &Assessment<'_>) -> Figures {
        Figures::new(ScanReport::new(a))
    }

    /// The figures of a scan report.
    pub fn new(r: ScanReport) -> Figures {
        let mut by_rule: Vec<RuleCount> = r
            .summary
            .by_rule
            .iter()
            .map(|t| RuleCount {
                rule: t.rule.clone(),
                severity: t.severity,
                count: t.findings as i64,
            })
            .collect();
        by_rule.sort();
        let tally = r.summary.findings;
        Figures {
            operators: r.doc.operators,
            countries: r.doc.countries,
            findings: FindingSummary {
                total: tally.deny + tally.warn,
                deny: tally.deny,
                warn: tally.warn,
                by_rule,
                list: r.doc.findings,
            },
        }
    }

    /// The operator with this id.
    pub fn operator(&self, id: &str) -> Option<&OperatorEntry> {
        self.operators.iter().find(|o| o.id == id)
    }

    /// The country (or `all`) with this code.
    pub fn country(&self, code: &str) -> Option<&CountryEntry> {
        self.countries.iter().find(|c| c.country == code)
    }
}

impl PlanReport {
    /// The report of a plan's run: each step's figures beside the baseline's and the step
    /// before's, their deltas and rows, computed once.
    pub fn new(run: PlanRun<Figures>) -> PlanReport {
        let baseline = run.baseline;
        let mut steps: Vec<StepReport> = Vec::with_capacity(run.steps.len());
        for s in run.steps {
            let previous = steps.last().map_or(&baseline, |p| &p.figures);
            let figures = s.state;
            let delta = Delta::between(&baseline, &figures);
            let step_delta = Delta::between(previous, &figures);
            let view = StepView::new(&Compared {
                baseline: &baseline,
                previous,
                after: &figures,
                delta: &delta,
                step_delta: &step_delta,
            });
            steps.push(StepReport {
                step: s.step,
                kind: s.kind,
                description: s.description,
                summary: s.summary,
                effect: s.effect,
                figures,
                delta,
                step_delta,
                view,
            });
        }
        let last = steps.last().map_or(&baseline, |s| &s.figures);
        let summary = PlanSummary::new(last, steps.last().map(|s| &s.view));
        PlanReport {
            format: PLAN_FORMAT,
            scenario: run.scenario,
            description: run.description,
            baseline_rows: baseline_rows(&baseline),
            baseline,
            steps,
            summary,
            inventory: run.inventory,
        }
    }

    /// The figures after the last step.
    pub fn last(&self) -> &Figures {
        self.steps.last().map_or(&self.baseline, |s| &s.figures)
    }

    /// The figures after the step before step `step` (1-based; the baseline for step 1).
    pub fn before_step(&self, step: usize) -> &Figures {
        match step {
            0 | 1 => &self.baseline,
            n => &self.steps[n - 2].figures,
        }
    }

    /// The inventory after the last step, as a `vendorgraph/1` JSON document written by
    /// the one writer of the format (`export`).
    pub fn emit_inventory(&self) -> String {
        crate::export::to_json(&self.inventory)
    }
}

// The plan's `FIGURES`: of each report entry, the keys docs/scenarios.md lists, in the
// entry's order. Lock-in groups and exposed and offshore key assets are given by id.

/// A view of a report entry that serialises some of its figures, in the order given:
/// `view!(Name of Entry, |x| "key" => value, ...)`.
macro_rules! view {
    ($name:ident of $ty:ty, |$x:ident| $($key:literal => $val:expr),+ $(,)?) => {
        struct $name<'a>(&'a $ty);

        impl Serialize for $name<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let $x = self.0;
                // serde_json writes `{}` at once for a length of 0: give the real one.
                let len = [$($key),+].len();
                let mut st = s.serialize_struct(stringify!($name), len)?;
                $(st.serialize_field($key, &$val)?;)+
                st.end()
            }
        }
    };
}

/// The ids of a list.
fn ids<T>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
    list.iter().map(id).collect()
}

view!(FiguresView of Figures, |f|
    "operators" => f.operators.iter().map(Operator).collect::<Vec<_>>(),
    "countries" => f.countries.iter().map(Country).collect::<Vec<_>>(),
    "findings" => f.findings,
);
view!(Domain of DomainEntry, |d|
    "domain" => d.domain,
    "weight" => d.weight,
    "hhi" => d.hhi,
    "band" => d.band.as_str(),
    "high_risk_share" => d.high_risk_share,
    "top" => d.top,
    "suppliers" => d.suppliers,
);
view!(Outage of OutageEntry, |o|
    "units_weight" => o.units_weight,
    "units_weight_4g" => o.units_weight_4g,
    "units_weight_5g" => o.units_weight_5g,
    "suppliers" => o.suppliers,
    "worst_single" => o.worst_single,
    "worst_pair" => o.worst_pair,
);
view!(Lockin of LockinEntry, |l|
    "index" => l.index,
    "groups" => ids(&l.groups, |g| &g.id),
);
view!(Exposure of ExposureEntry, |e|
    "index" => e.index,
    "key_weight" => e.key_weight,
    "exposed" => ids(&e.exposed, |x| &x.asset),
    "offshore" => ids(&e.offshore, |x| &x.asset),
);
view!(Country of CountryEntry, |c|
    "country" => c.country,
    "domains" => c.domains.iter().map(NationalDomain).collect::<Vec<_>>(),
    "outage" => c.outage,
);
view!(NationalDomain of CountryDomain, |d|
    "domain" => d.domain,
    "hhi" => d.hhi,
    "band" => d.band.as_str(),
    "high_risk_share" => d.high_risk_share,
);

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        FiguresView(self).serialize(s)
    }
}

/// An operator: its `name` only when it has one.
struct Operator<'a>(&'a OperatorEntry);

impl Serialize for Operator<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let o = self.0;
        let mut st = s.serialize_struct("Operator", 7)?;
        st.serialize_field("id", &o.id)?;
        match &o.name {
            Some(n) => st.serialize_field("name", n)?,
            None => st.skip_field("name")?,
        }
        st.serialize_field("country", &o.country)?;
        let domains: Vec<Domain<'_>> = o.domains.iter().map(Domain).collect();
        st.serialize_field("domains", &domains)?;
        st.serialize_field("outage", &Outage(&o.outage))?;
        st.serialize_field("lockin", &Lockin(&o.lockin))?;
        st.serialize_field("exposure", &Exposure(&o.exposure))?;
        st.end()
    }
}
