//! `migrate_sa`: an operator's 5G moves from NSA (gNBs anchored on LTE eNBs, EPC core) to
//! SA (gNBs on a new 5G core over N2 and N3).

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use crate::diagnostics::{Code, Diagnostic};
use crate::scenario::effect::{AssetChange, ChangeKind, StepEffect};
use crate::scenario::rows::{AssetRow, LinkRow, Rows};
use crate::vocab::{EPC_FUNCTIONS, LinkKind, SA_FUNCTIONS, is_gnb};

use super::backhaul::{copy_backhaul, warn_cut_off};
use super::remove::drop_targets;
use super::{Applied, NewRows, Step, StepCx, StepDef, parse_as, supplier_exists};

/// The registry entry.
pub const DEF: StepDef = StepDef::new("migrate_sa", parse_as::<MigrateSa>);

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

impl Step for MigrateSa {
    fn apply(&self, cx: &StepCx<'_>, rows: &mut Rows, effect: &mut StepEffect) -> Applied {
        let platform = self.check(cx)?;
        let inv = cx.inventory();
        let source = format!(
            "vendorgraph plan: scenario \"{}\", step {} ({})",
            cx.scenario_name(),
            cx.number(),
            DEF.kind
        );
        let (site, region) = platform.map_or((None, None), |p| {
            let a = inv.asset(p);
            (
                a.text
                    .as_ref()
                    .and_then(|t| t.site.as_deref().map(str::to_owned)),
                inv.region(a).map(str::to_owned),
            )
        });
        let mut extra = Rows::default();
        for nf in SA_FUNCTIONS {
            extra.assets.push(AssetRow {
                id: self.id(nf),
                operator: self.operator.clone(),
                function: nf.to_owned(),
                supplier: self.core_supplier.clone(),
                site: site.clone(),
                region: region.clone(),
                name: Some(format!("5G SA core: {}", nf.to_ascii_uppercase())),
                source: Some(source.clone()),
                ..AssetRow::default()
            });
            effect.changed_assets.push(AssetChange {
                asset: self.id(nf),
                operator: self.operator.clone(),
                change: ChangeKind::Added,
                from: None,
                to: Some(self.core_supplier.clone()),
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
            extra.links.push(link(
                self.id(from),
                self.id(to),
                LinkKind::ConnectsTo,
                Some(itf),
            ));
        }
        if let Some(p) = platform {
            for nf in SA_FUNCTIONS {
                let on = inv.asset(p).id.to_string();
                extra
                    .links
                    .push(link(self.id(nf), on, LinkKind::RunsOn, None));
            }
        }
        let anchors = self.rehome(cx, rows, effect);
        for gnb in anchors.keys() {
            for (nf, itf) in [("amf", "N2"), ("upf", "N3")] {
                extra.links.push(link(
                    gnb.clone(),
                    self.id(nf),
                    LinkKind::ConnectsTo,
                    Some(itf),
                ));
            }
        }
        // The site's backhaul stays: the anchors' transport links are copied to their gNBs.
        let copies = copy_backhaul(inv, &anchors, &rows.links, &source);
        for (gnb, list) in copies {
            if let Some(c) = effect
                .changed_assets
                .iter_mut()
                .find(|c| c.asset == gnb && c.change == ChangeKind::Relinked)
            {
                for (anchor, l) in &list {
                    let itf = l
                        .interface
                        .as_deref()
                        .map_or_else(String::new, |i| format!("{i}, "));
                    c.to.get_or_insert_with(String::new).push_str(&format!(
                        "; connects_to {} ({itf}copied from {anchor})",
                        l.to.join(", ")
                    ));
                }
            }
            extra.links.extend(list.into_iter().map(|(_, l)| l));
        }
        let after: Vec<&LinkRow> = rows.links.iter().chain(&extra.links).collect();
        warn_cut_off(inv, &anchors, &after, effect);
        if anchors.is_empty() {
            effect.notes.push(format!(
                "no gNB of {} was anchored on an eNB: the core was added, no gNB was re-homed",
                self.operator
            ));
        }
        effect.links.added += extra.links.len();
        Ok(Some(NewRows::Generated(extra)))
    }

    fn summary(&self, effect: &StepEffect) -> String {
        let on = self
            .platform
            .as_deref()
            .map_or_else(String::new, |p| format!(" on {p}"));
        format!(
            "migrate {} to 5G standalone: a 5G core from {} ({}){on}; {} gNB(s) re-homed from their eNB anchors to the new AMF and UPF",
            self.operator,
            self.core_supplier,
            SA_FUNCTIONS.join(", "),
            effect.count(ChangeKind::Relinked)
        )
    }
}

impl MigrateSa {
    /// The id of a new core function: `<operator>-sa-<nf>`.
    fn id(&self, nf: &str) -> String {
        format!("{}-sa-{nf}", self.operator)
    }

    /// Checks the operator, the supplier, the platform and that the operator was not
    /// migrated before; returns the platform.
    fn check(&self, cx: &StepCx<'_>) -> Result<Option<crate::model::AssetIx>, Vec<Diagnostic>> {
        let inv = cx.inventory();
        let mut errors = Vec::new();
        if inv.operator_ix(&self.operator).is_none() {
            errors.push(cx.err(
                Code::UnknownReference,
                "operator",
                format!("no operator \"{}\" in the inventory", self.operator),
            ));
        }
        if let Err(e) = supplier_exists(cx, &self.core_supplier, "core_supplier") {
            errors.extend(e);
        }
        let platform = self.platform.as_ref().and_then(|p| {
            let ix = inv.asset_ix(p);
            if ix.is_none() {
                errors.push(cx.err(
                    Code::UnknownReference,
                    "platform",
                    format!("no asset \"{p}\" in the inventory to run the new core on"),
                ));
            }
            ix
        });
        if let Some(nf) = SA_FUNCTIONS
            .iter()
            .find(|nf| inv.asset_ix(&self.id(nf)).is_some())
        {
            errors.push(cx.err(
                Code::DuplicateId,
                "operator",
                format!(
                    "asset \"{}\" already exists: was {} migrated by an earlier step?",
                    self.id(nf),
                    self.operator
                ),
            ));
        }
        if errors.is_empty() {
            Ok(platform)
        } else {
            Err(errors)
        }
    }

    /// Takes the operator's anchored gNBs off their anchors and the EPC: removes their
    /// `anchored_by` links and their `connects_to` targets in the EPC, and records each
    /// re-homed gNB. Returns the anchors of each re-homed gNB, by gNB id.
    fn rehome(
        &self,
        cx: &StepCx<'_>,
        rows: &mut Rows,
        effect: &mut StepEffect,
    ) -> BTreeMap<String, Vec<String>> {
        let inv = cx.inventory();
        let op = inv.operator_ix(&self.operator).expect("checked by apply");
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
        let epc: HashSet<&str> = inv
            .assets
            .iter()
            .filter(|a| EPC_FUNCTIONS.contains(&inv.function_name(a.function)))
            .map(|a| &*a.id)
            .collect();
        let scope =
            |l: &LinkRow| anchors.contains_key(&l.from) && l.kind == LinkKind::ConnectsTo.as_str();
        let mut epc_links: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for l in rows.links.iter().filter(|l| scope(l)) {
            for t in l.to.iter().filter(|t| epc.contains(t.as_str())) {
                epc_links.entry(l.from.clone()).or_default().push(t.clone());
            }
        }
        drop_targets(rows, &epc, Some(&scope), effect);
        for (gnb, anchor) in &anchors {
            let mut from = format!("anchored_by {}", anchor.join(", "));
            if let Some(e) = epc_links.get(gnb) {
                from.push_str(&format!("; connects_to {}", e.join(", ")));
            }
            let asset = inv.asset(inv.asset_ix(gnb).expect("a gNB of the inventory"));
            effect.changed_assets.push(AssetChange {
                asset: gnb.clone(),
                operator: inv.operator(asset.operator).id.to_string(),
                change: ChangeKind::Relinked,
                from: Some(from),
                to: Some(format!(
                    "connects_to {} (N2), {} (N3)",
                    self.id("amf"),
                    self.id("upf")
                )),
            });
        }
        anchors
    }
}
