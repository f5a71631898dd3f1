//! Applying one step: select assets, edit the rows of the state, validate them again.
//!
//! A step works on the rows of the current state ([`Rows`]) and on the rows it adds, then
//! the whole goes through the same validation as on load. A step that breaks a rule of the
//! format is refused with every error located in the scenario file; the state is then left
//! as it was (nothing is half-applied).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;

use crate::analysis::LockinGroups;
use crate::diagnostics::Diagnostic;
use crate::model::{AssetIx, Inventory};
use crate::vocab::LinkKind;

use super::file::{Action, Add, MigrateSa, Remove, Scenario, ScenarioError, Selector, SetSupplier};
use super::rows::{AssetRow, LinkRow, Origin, Rows, validate_rows};

/// The network functions of the standalone core that `migrate_sa` adds, in order.
pub const SA_FUNCTIONS: [&str; 8] = ["amf", "smf", "upf", "ausf", "udm", "nrf", "pcf", "nssf"];

/// The links among the new core's functions: (from, to, interface), after TS 23.501.
const SA_LINKS: [(&str, &str, &str); 14] = [
    ("amf", "ausf", "N12"),
    ("amf", "udm", "N8"),
    ("amf", "smf", "N11"),
    ("amf", "pcf", "N15"),
    ("amf", "nssf", "N22"),
    ("amf", "nrf", "SBI"),
    ("smf", "upf", "N4"),
    ("smf", "udm", "N10"),
    ("smf", "pcf", "N7"),
    ("smf", "nrf", "SBI"),
    ("ausf", "udm", "N13"),
    ("ausf", "nrf", "SBI"),
    ("pcf", "nrf", "SBI"),
    ("udm", "nrf", "SBI"),
];

/// EPC functions: a standalone gNB no longer depends on them.
const EPC_FUNCTIONS: [&str; 9] = [
    "mme", "sgw", "pgw", "sgw-c", "sgw-u", "pgw-c", "pgw-u", "hss", "pcrf",
];

/// What happened to one asset in a step.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AssetChange {
    /// Asset id.
    pub asset: String,
    /// Its operator.
    pub operator: String,
    /// `supplier`, `added`, `removed` or `relinked`.
    pub change: &'static str,
    /// Before: the old supplier, or the links that went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// After: the new supplier, or the links that came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// The forced co-replacements through one lock-in group (computed before the step).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForcedGroup {
    /// The group's id (its smallest asset id).
    pub group: String,
    /// The changed assets of the group that force the others.
    pub changed: Vec<String>,
    /// The other assets of the group that must be replaced with them, by id.
    pub assets: Vec<String>,
    /// Their current suppliers, sorted.
    pub suppliers: Vec<String>,
    /// Their domains, sorted.
    pub domains: Vec<String>,
    /// Their total weight.
    pub weight: f64,
    /// Whether the step changed them too (`follow_lockin`).
    pub followed: bool,
}

/// Counts of link rows that a step added, removed or edited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkCounts {
    /// Added.
    pub added: usize,
    /// Removed.
    pub removed: usize,
    /// Kept with fewer targets.
    pub changed: usize,
}

/// What a step did, besides the new state.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StepEffect {
    /// Assets the selector matched (0 for `add` and `migrate_sa`).
    pub selected: usize,
    /// What changed, by asset id.
    pub changed_assets: Vec<AssetChange>,
    /// For `set_supplier`: the lock-in groups that force co-replacements, by group id.
    pub forced_co_replacements: Vec<ForcedGroup>,
    /// Link rows.
    pub links: LinkCounts,
    /// Remarks on how the step was applied (a clamped `need`, assets that already had the
    /// supplier, gNBs that had no anchor).
    pub notes: Vec<String>,
    /// Warnings of validation that the state before the step did not have.
    pub warnings: Vec<String>,
}

/// A one-line form of a diagnostic, to compare warnings across states.
pub(crate) fn warning_line(d: &Diagnostic) -> String {
    format!("{}: {}", d.code, d.message)
}

/// Where a step stands in its scenario, for its errors.
struct StepCx<'s> {
    scenario: &'s Scenario,
    number: usize,
    kind: &'static str,
    base: String,
}

impl StepCx<'_> {
    fn err(&self, code: &str, sub: &str, message: String) -> ScenarioError {
        let path = if sub.is_empty() {
            self.base.clone()
        } else {
            format!("{}.{sub}", self.base)
        };
        self.scenario
            .error(code, Some((self.number, self.kind)), &path, message)
    }
}

/// Applies step `index` (0-based) of a scenario to a state. `lockin` is the lock-in groups
/// of that state; `known` the warnings it already has.
///
/// # Errors
/// Every error of the step, located in the scenario file and naming the step.
pub fn apply_step(
    scenario: &Scenario,
    index: usize,
    inv: &Inventory,
    lockin: &LockinGroups,
    known: &HashSet<String>,
) -> Result<(Inventory, StepEffect), Vec<ScenarioError>> {
    let step = &scenario.steps[index];
    let kind = step.action.kind();
    let cx = StepCx {
        scenario,
        number: index + 1,
        kind,
        base: format!("steps[{index}].{kind}"),
    };
    let mut rows = Rows::from_inventory(inv);
    let mut effect = StepEffect::default();
    let extra = match &step.action {
        Action::SetSupplier(s) => {
            set_supplier(&cx, inv, lockin, s, &mut rows, &mut effect)?;
            None
        }
        Action::Remove(r) => {
            remove(&cx, inv, r, &mut rows, &mut effect)?;
            None
        }
        Action::MigrateSa(m) => Some(migrate_sa(&cx, inv, m, &mut rows, &mut effect)?),
        Action::Add(a) => Some(add(a, &mut effect)),
    };
    let (next, diags) = validate_rows(&rows, extra);
    let mut errors = Vec::new();
    for (origin, d) in diags {
        let message = d
            .message
            .replace(" (first defined at ", " (already in the inventory, at ");
        let message = match message.find(" (already in the inventory, at ") {
            Some(i) if message.ends_with(" in the inventory before this step)") => {
                format!("{} (already in the inventory)", &message[..i])
            }
            _ => message,
        };
        let inner = d.location.as_ref().and_then(|l| l.path.clone());
        let (sub, message) = match (origin, &step.action, inner) {
            (Origin::Extra, Action::Add(_), Some(p)) => (p, message),
            (Origin::Extra, _, Some(p)) => (
                String::new(),
                format!("{message} (in the rows the step generates, at {p})"),
            ),
            _ => (String::new(), message),
        };
        if d.is_error() {
            errors.push(cx.err(d.code.as_str(), &sub, message));
        } else {
            let line = format!("{}: {message}", d.code);
            if !known.contains(&line) && !known.contains(&warning_line(&d)) {
                effect.warnings.push(line);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let next = next.ok_or_else(|| {
        vec![cx.err(
            "bad-step",
            "",
            "the step leaves an invalid inventory".to_owned(),
        )]
    })?;
    effect.changed_assets.sort();
    effect.warnings.sort();
    effect.warnings.dedup();
    Ok((next, effect))
}

/// The assets a selector matches.
fn select(
    cx: &StepCx<'_>,
    inv: &Inventory,
    sel: &Selector,
    sub: &str,
) -> Result<Vec<AssetIx>, Vec<ScenarioError>> {
    let criteria = sel.criteria();
    if criteria.is_empty() && sel.sensitive.is_none() {
        return Err(vec![cx.err(
            "empty-selection",
            sub,
            "the selector is empty: give at least one of ids, operator, function, domain, supplier, region, country, sensitive".to_owned(),
        )]);
    }
    let mut errors = Vec::new();
    for (name, values) in &criteria {
        if values.values.is_empty() {
            errors.push(cx.err(
                "empty-selection",
                &format!("{sub}.{name}"),
                format!("\"{name}\" is an empty list: it matches nothing"),
            ));
        }
        for (k, v) in values.values.iter().enumerate() {
            let missing = match *name {
                "ids" => inv
                    .asset_ix(v)
                    .is_none()
                    .then(|| format!("no asset \"{v}\" in the inventory")),
                "operator" => inv
                    .operator_ix(v)
                    .is_none()
                    .then(|| format!("no operator \"{v}\" in the inventory")),
                "supplier" => inv
                    .supplier_ix(v)
                    .is_none()
                    .then(|| format!("no supplier \"{v}\" in the inventory")),
                "function" => (!inv.functions.iter().any(|f| f.eq_ignore_ascii_case(v)))
                    .then(|| format!("no asset has function \"{v}\"")),
                "domain" => inv
                    .domain_ix(v)
                    .is_none()
                    .then(|| format!("no asset has domain \"{v}\"")),
                "region" => (!inv
                    .assets
                    .iter()
                    .any(|a| a.region.as_deref() == Some(v.as_str())))
                .then(|| format!("no asset has region \"{v}\"")),
                _ => (!inv.operators.iter().any(|o| o.country.as_str() == v))
                    .then(|| format!("no operator in country \"{v}\"")),
            };
            if let Some(message) = missing {
                let path = if values.list {
                    format!("{sub}.{name}[{k}]")
                } else {
                    format!("{sub}.{name}")
                };
                errors.push(cx.err("unknown-reference", &path, message));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let has = |name: &str, v: &str| -> bool {
        criteria
            .iter()
            .find(|(n, _)| *n == name)
            .is_none_or(|(_, vals)| {
                vals.values.iter().any(|x| {
                    if name == "function" {
                        x.eq_ignore_ascii_case(v)
                    } else {
                        x == v
                    }
                })
            })
    };
    let selected: Vec<AssetIx> = inv
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let op = inv.operator(a.operator);
            has("ids", &a.id)
                && has("operator", &op.id)
                && has("function", inv.function_name(a.function))
                && has("domain", inv.domain_name(a.domain))
                && has("supplier", &inv.supplier(a.supplier).id)
                && (sel.region.is_none() || a.region.as_deref().is_some_and(|r| has("region", r)))
                && has("country", op.country.as_str())
                && sel.sensitive.is_none_or(|s| a.sensitive == s)
        })
        .map(|(i, _)| AssetIx(i as u32))
        .collect();
    if selected.is_empty() {
        return Err(vec![cx.err(
            "empty-selection",
            sub,
            format!(
                "the selector ({}) matches no asset: every criterion given must match the same asset",
                sel.describe()
            ),
        )]);
    }
    Ok(selected)
}

fn supplier_exists(
    cx: &StepCx<'_>,
    inv: &Inventory,
    id: &str,
    field: &str,
) -> Result<(), Vec<ScenarioError>> {
    if inv.supplier_ix(id).is_some() {
        return Ok(());
    }
    Err(vec![cx.err(
        "unknown-reference",
        field,
        format!("no supplier \"{id}\" in the inventory (an add step can add it first)"),
    )])
}

fn append_note(notes: &mut Option<String>, note: String) {
    *notes = Some(match notes.take() {
        Some(n) if !n.is_empty() => format!("{n}; {note}"),
        _ => note,
    });
}

fn set_supplier(
    cx: &StepCx<'_>,
    inv: &Inventory,
    lockin: &LockinGroups,
    s: &SetSupplier,
    rows: &mut Rows,
    effect: &mut StepEffect,
) -> Result<(), Vec<ScenarioError>> {
    let (sup, sel) = (
        supplier_exists(cx, inv, &s.supplier, "supplier"),
        select(cx, inv, &s.select, "select"),
    );
    let selected = match (sup, sel) {
        (Ok(()), Ok(sel)) => sel,
        (a, b) => {
            let mut e = a.err().unwrap_or_default();
            e.extend(b.err().unwrap_or_default());
            return Err(e);
        }
    };
    let target = inv.supplier_ix(&s.supplier).expect("checked above");
    effect.selected = selected.len();
    let selected_set: HashSet<AssetIx> = selected.iter().copied().collect();
    let changed: Vec<AssetIx> = selected
        .iter()
        .copied()
        .filter(|&a| inv.asset(a).supplier != target)
        .collect();
    let already = selected.len() - changed.len();
    if already > 0 {
        effect.notes.push(format!(
            "{already} selected asset(s) already had supplier {}",
            s.supplier
        ));
    }
    // Forced co-replacements: the other members of each changed asset's group, on the
    // state before the step, that are neither selected nor already from the new supplier.
    let mut groups: BTreeMap<&str, (Vec<AssetIx>, &crate::analysis::LockinGroup)> = BTreeMap::new();
    for &a in &changed {
        if let Some(g) = lockin.group_of(a) {
            groups
                .entry(g.id.as_str())
                .or_insert((Vec::new(), g))
                .0
                .push(a);
        }
    }
    let mut to_change = changed.clone();
    for (id, (triggers, g)) in groups {
        let forced: Vec<AssetIx> = g
            .members
            .iter()
            .copied()
            .filter(|m| !selected_set.contains(m) && inv.asset(*m).supplier != target)
            .collect();
        if forced.is_empty() {
            continue;
        }
        let suppliers: BTreeSet<&str> = forced
            .iter()
            .map(|&m| &*inv.supplier(inv.asset(m).supplier).id)
            .collect();
        let domains: BTreeSet<&str> = forced
            .iter()
            .map(|&m| inv.domain_name(inv.asset(m).domain))
            .collect();
        effect.forced_co_replacements.push(ForcedGroup {
            group: id.to_owned(),
            changed: triggers
                .iter()
                .map(|&a| inv.asset(a).id.to_string())
                .collect(),
            assets: forced
                .iter()
                .map(|&a| inv.asset(a).id.to_string())
                .collect(),
            suppliers: suppliers.into_iter().map(str::to_owned).collect(),
            domains: domains.into_iter().map(str::to_owned).collect(),
            weight: forced
                .iter()
                .map(|&a| inv.asset(a).weight)
                .fold(0.0, |x, y| x + y),
            followed: s.follow_lockin,
        });
        if s.follow_lockin {
            to_change.extend(forced);
        }
    }
    to_change.sort_unstable();
    to_change.dedup();
    let note = format!(
        "plan \"{}\" step {}: supplier was ",
        cx.scenario.name, cx.number
    );
    for a in to_change {
        let row = &mut rows.assets[a.index()];
        let old = std::mem::replace(&mut row.supplier, s.supplier.clone());
        append_note(&mut row.notes, format!("{note}{old}"));
        effect.changed_assets.push(AssetChange {
            asset: row.id.clone(),
            operator: row.operator.clone(),
            change: "supplier",
            from: Some(old),
            to: Some(s.supplier.clone()),
        });
    }
    Ok(())
}

/// Removes the given targets from every link; links that lose their `from` or every
/// target go, and `need` is clamped to the targets that remain.
///
/// With `scope`, only the links it accepts lose targets, and no link goes for its `from`.
fn drop_targets(
    rows: &mut Rows,
    gone: &HashSet<&str>,
    scope: Option<&dyn Fn(&LinkRow) -> bool>,
    effect: &mut StepEffect,
) {
    let mut kept = Vec::with_capacity(rows.links.len());
    // Links of remaining assets that lose every target: their assets no longer depend on
    // anything along them, which the step should say.
    let mut orphaned: Vec<String> = Vec::new();
    for mut l in std::mem::take(&mut rows.links) {
        match scope {
            None if gone.contains(l.from.as_str()) => {
                effect.links.removed += 1;
                continue;
            }
            Some(accepts) if !accepts(&l) => {
                kept.push(l);
                continue;
            }
            _ => {}
        }
        let before = l.to.len();
        l.to.retain(|t| !gone.contains(t.as_str()));
        if l.to.len() == before {
            kept.push(l);
            continue;
        }
        if l.to.is_empty() {
            effect.links.removed += 1;
            orphaned.push(format!("{} {}", l.from, l.kind));
            continue;
        }
        effect.links.changed += 1;
        if let Some(need) = l.need
            && need as usize > l.to.len()
        {
            effect.notes.push(format!(
                "the {} link from {} needed {need} of its targets; {} remain, so it now needs all of them",
                l.kind,
                l.from,
                l.to.len()
            ));
            l.need = (l.to.len() > 1).then_some(l.to.len() as u32);
        }
        kept.push(l);
    }
    rows.links = kept;
    if scope.is_none() && !orphaned.is_empty() {
        let n = orphaned.len();
        orphaned.truncate(3);
        effect.notes.push(format!(
            "{n} link(s) of remaining assets lost every target and went, so these assets no longer depend on anything along them (for example: {}{})",
            orphaned.join(", "),
            if n > 3 { ", ..." } else { "" }
        ));
    }
}

fn remove(
    cx: &StepCx<'_>,
    inv: &Inventory,
    r: &Remove,
    rows: &mut Rows,
    effect: &mut StepEffect,
) -> Result<(), Vec<ScenarioError>> {
    let selected = select(cx, inv, &r.select, "select")?;
    effect.selected = selected.len();
    for &a in &selected {
        let row = &rows.assets[a.index()];
        effect.changed_assets.push(AssetChange {
            asset: row.id.clone(),
            operator: row.operator.clone(),
            change: "removed",
            from: Some(row.supplier.clone()),
            to: None,
        });
    }
    let gone_ids: Vec<String> = selected
        .iter()
        .map(|&a| inv.asset(a).id.to_string())
        .collect();
    let gone: HashSet<&str> = gone_ids.iter().map(String::as_str).collect();
    drop_targets(rows, &gone, None, effect);
    rows.assets.retain(|a| !gone.contains(a.id.as_str()));
    Ok(())
}

fn is_gnb(function: &str) -> bool {
    function == "gnb" || function.starts_with("gnb-")
}

fn migrate_sa(
    cx: &StepCx<'_>,
    inv: &Inventory,
    m: &MigrateSa,
    rows: &mut Rows,
    effect: &mut StepEffect,
) -> Result<String, Vec<ScenarioError>> {
    let mut errors = Vec::new();
    let op = inv.operator_ix(&m.operator);
    if op.is_none() {
        errors.push(cx.err(
            "unknown-reference",
            "operator",
            format!("no operator \"{}\" in the inventory", m.operator),
        ));
    }
    if let Err(e) = supplier_exists(cx, inv, &m.core_supplier, "core_supplier") {
        errors.extend(e);
    }
    let platform = match &m.platform {
        None => None,
        Some(p) => match inv.asset_ix(p) {
            Some(ix) => Some(ix),
            None => {
                errors.push(cx.err(
                    "unknown-reference",
                    "platform",
                    format!("no asset \"{p}\" in the inventory to run the new core on"),
                ));
                None
            }
        },
    };
    let id = |nf: &str| format!("{}-sa-{nf}", m.operator);
    for nf in SA_FUNCTIONS {
        if inv.asset_ix(&id(nf)).is_some() {
            errors.push(cx.err(
                "duplicate-id",
                "operator",
                format!(
                    "asset \"{}\" already exists: was {} migrated by an earlier step?",
                    id(nf),
                    m.operator
                ),
            ));
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let op = op.expect("checked above");
    let source = format!(
        "vendorgraph plan: scenario \"{}\", step {} (migrate_sa)",
        cx.scenario.name, cx.number
    );
    let (site, region) = match platform {
        Some(p) => {
            let a = inv.asset(p);
            (
                a.text
                    .as_ref()
                    .and_then(|t| t.site.as_deref().map(str::to_owned)),
                a.region.as_deref().map(str::to_owned),
            )
        }
        None => (None, None),
    };
    let mut extra = Rows::default();
    for nf in SA_FUNCTIONS {
        extra.assets.push(AssetRow {
            id: id(nf),
            operator: m.operator.clone(),
            function: nf.to_owned(),
            supplier: m.core_supplier.clone(),
            site: site.clone(),
            region: region.clone(),
            name: Some(format!("5G SA core: {}", nf.to_ascii_uppercase())),
            source: Some(source.clone()),
            ..AssetRow::default()
        });
        effect.changed_assets.push(AssetChange {
            asset: id(nf),
            operator: m.operator.clone(),
            change: "added",
            from: None,
            to: Some(m.core_supplier.clone()),
        });
    }
    let link = |from: String, to: String, kind: LinkKind, interface: Option<&str>| LinkRow {
        from,
        to: vec![to],
        kind: kind.as_str(),
        need: None,
        interface: interface.map(str::to_owned),
        open: None,
        source: Some(source.clone()),
        notes: None,
    };
    for (from, to, itf) in SA_LINKS {
        extra
            .links
            .push(link(id(from), id(to), LinkKind::ConnectsTo, Some(itf)));
    }
    if let Some(p) = platform {
        for nf in SA_FUNCTIONS {
            extra.links.push(link(
                id(nf),
                inv.asset(p).id.to_string(),
                LinkKind::RunsOn,
                None,
            ));
        }
    }
    // The operator's NSA gNBs: those with an `anchored_by` link.
    let mut anchors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let op_gnbs: HashSet<&str> = inv
        .assets
        .iter()
        .filter(|a| a.operator == op && is_gnb(inv.function_name(a.function)))
        .map(|a| &*a.id)
        .collect();
    rows.links.retain(|l| {
        if l.kind == LinkKind::AnchoredBy.as_str() && op_gnbs.contains(l.from.as_str()) {
            anchors
                .entry(l.from.clone())
                .or_default()
                .extend(l.to.iter().cloned());
            effect.links.removed += 1;
            false
        } else {
            true
        }
    });
    // Their links to the EPC go too: a standalone gNB reaches the core over N2 and N3.
    let epc: Vec<&str> = inv
        .assets
        .iter()
        .filter(|a| EPC_FUNCTIONS.contains(&inv.function_name(a.function)))
        .map(|a| &*a.id)
        .collect();
    let rehomed: HashSet<String> = anchors.keys().cloned().collect();
    let mut epc_links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for l in &rows.links {
        if rehomed.contains(&l.from) && l.kind == LinkKind::ConnectsTo.as_str() {
            for t in &l.to {
                if epc.contains(&t.as_str()) {
                    epc_links.entry(l.from.clone()).or_default().push(t.clone());
                }
            }
        }
    }
    let epc_set: HashSet<&str> = epc.iter().copied().collect();
    let scope = |l: &LinkRow| rehomed.contains(&l.from) && l.kind == LinkKind::ConnectsTo.as_str();
    drop_targets(rows, &epc_set, Some(&scope), effect);
    for (gnb, anchor) in &anchors {
        extra.links.push(link(
            gnb.clone(),
            id("amf"),
            LinkKind::ConnectsTo,
            Some("N2"),
        ));
        extra.links.push(link(
            gnb.clone(),
            id("upf"),
            LinkKind::ConnectsTo,
            Some("N3"),
        ));
        let mut from = format!("anchored_by {}", anchor.join(", "));
        if let Some(e) = epc_links.get(gnb) {
            from.push_str(&format!("; connects_to {}", e.join(", ")));
        }
        let asset = inv.asset(inv.asset_ix(gnb).expect("a gNB of the inventory"));
        effect.changed_assets.push(AssetChange {
            asset: gnb.clone(),
            operator: inv.operator(asset.operator).id.to_string(),
            change: "relinked",
            from: Some(from),
            to: Some(format!(
                "connects_to {} (N2), {} (N3)",
                id("amf"),
                id("upf")
            )),
        });
    }
    if anchors.is_empty() {
        effect.notes.push(format!(
            "no gNB of {} was anchored on an eNB: the core was added, no gNB was re-homed",
            m.operator
        ));
    }
    effect.links.added += extra.links.len();
    Ok(extra.to_json())
}

fn add(a: &Add, effect: &mut StepEffect) -> String {
    let mut out = String::from("{\"format\": \"vendorgraph/1\"");
    for (key, rows) in [
        ("suppliers", &a.suppliers),
        ("operators", &a.operators),
        ("assets", &a.assets),
        ("links", &a.links),
    ] {
        out.push_str(&format!(", \"{key}\": [{}]", rows.join(", ")));
    }
    out.push('}');
    effect.links.added = a.links.len();
    // Added assets are listed once validated rows are known: their ids and suppliers as
    // written (validation refuses the step if they are wrong).
    for text in &a.assets {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
            effect.changed_assets.push(AssetChange {
                asset: s("id").unwrap_or_default(),
                operator: s("operator").unwrap_or_default(),
                change: "added",
                from: None,
                to: s("supplier"),
            });
        }
    }
    out
}
