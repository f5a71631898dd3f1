//! Turning figures into findings, one rule of [`RULES`](super::rules::RULES) after the
//! other, then applying exemptions.

use crate::analysis::{Context, ScanResult};
use crate::model::{AssetIx, DomainIx, Inventory, OperatorIx, SupplierIx};
use crate::sanitize::escape_controls;

use super::date::Date;
use super::file::{Exemption, Policy};
use super::finding::{Evaluation, Exempted, Finding, Id, Subject};
use super::rules::{On, RuleCx, Sink};

/// Applies a policy to scan results: every finding, then the exemptions in force on `today`.
pub fn evaluate(policy: &Policy, cx: &Context<'_>, scan: &ScanResult, today: Date) -> Evaluation {
    let rc = RuleCx { cx, scan };
    let mut findings = Vec::new();
    for settings in &policy.rules {
        let Some(severity) = settings.severity else {
            continue;
        };
        let on = On {
            limit: settings.limit.unwrap_or(0.0),
            domains: settings.domains.as_deref(),
        };
        let mut sink = Sink {
            rule: settings.rule,
            severity,
            out: &mut findings,
        };
        (settings.rule.def().check)(&rc, &on, &mut sink);
    }
    // Stable, so findings with equal keys keep their check's order (operators, then domains).
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    apply_exemptions(policy, cx.graph.inventory(), findings, today)
}

/// An exemption's subject resolved against the inventory. A field the exemption does not
/// give matches anything; a field naming what the inventory does not hold matches nothing.
struct Wanted<'e> {
    exemption: &'e Exemption,
    live: bool,
    operator: Option<Option<OperatorIx>>,
    domain: Option<Option<DomainIx>>,
    supplier: Option<Option<SupplierIx>>,
    asset: Option<Option<AssetIx>>,
}

impl<'e> Wanted<'e> {
    fn new(e: &'e Exemption, inv: &Inventory, today: Date) -> Self {
        Wanted {
            exemption: e,
            live: e.expires.is_none_or(|d| d >= today),
            operator: e.operator.as_deref().map(|s| inv.operator_ix(s)),
            domain: e.domain.as_deref().map(|s| inv.domain_ix(s)),
            supplier: e.supplier.as_deref().map(|s| inv.supplier_ix(s)),
            asset: e.asset.as_deref().map(|s| inv.asset_ix(s)),
        }
    }

    fn matches(&self, f: &Finding) -> bool {
        let s: &Subject = &f.subject;
        self.live
            && self.exemption.rule == f.rule
            && field(self.operator, s.operator.as_ref())
            && field(self.domain, s.domain.as_ref())
            && field(self.supplier, s.supplier.as_ref())
            && field(self.asset, s.asset.as_ref())
            && self
                .exemption
                .country
                .as_deref()
                .is_none_or(|c| s.country.is_some_and(|h| h.as_str() == c))
    }
}

/// Whether a subject field matches what an exemption wants of it.
fn field<I: Copy + PartialEq>(want: Option<Option<I>>, have: Option<&Id<I>>) -> bool {
    match want {
        None => true,
        Some(want) => want.is_some() && want == have.map(|h| h.ix),
    }
}

fn apply_exemptions(
    policy: &Policy,
    inv: &Inventory,
    findings: Vec<Finding>,
    today: Date,
) -> Evaluation {
    let wanted: Vec<Wanted<'_>> = policy
        .exemptions
        .iter()
        .map(|e| Wanted::new(e, inv, today))
        .collect();
    let mut used = vec![false; wanted.len()];
    let mut eval = Evaluation::default();
    // The exempted findings move out; the others stay where they are, in order (no second
    // list of every finding: a hostile input may give hundreds of thousands).
    let mut findings = findings;
    for f in findings.extract_if(.., |f| wanted.iter().any(|w| w.matches(f))) {
        let i = wanted
            .iter()
            .position(|w| w.matches(&f))
            .expect("an exemption matched it");
        used[i] = true;
        let e = wanted[i].exemption;
        eval.exempted.push(Exempted {
            finding: f,
            reason: e.reason.clone(),
            expires: e.expires.map(|d| d.to_string()),
        });
    }
    eval.findings = findings;
    // Warnings are messages for people: the reason and file name from the data are shown
    // with their control characters escaped, in every format.
    let origin = escape_controls(&policy.origin);
    for (w, used) in wanted.iter().zip(used) {
        let e = w.exemption;
        let reason = escape_controls(&e.reason);
        let at = e
            .line
            .map_or_else(String::new, |l| format!(" ({origin}:{l})"));
        if !w.live {
            eval.warnings.push(format!(
                "exemption for {} ({}){at} expired on {}: its findings are reported again",
                e.rule,
                reason,
                e.expires.map(|d| d.to_string()).unwrap_or_default()
            ));
        } else if !used {
            eval.warnings.push(format!(
                "exemption for {} ({reason}){at} matched no finding",
                e.rule
            ));
        }
    }
    eval
}
