//! The radio sites of an operator: an eNB and a gNB each, standalone or anchored. A site's
//! random draws are a hash of the operator's seed and the site's index, so its assets and
//! its links are written in two passes without keeping anything per site.

use std::io::{self, Write};

use crate::export::{AssetRow, JsonWriter};
use crate::vocab::LinkKind;
use crate::vocab::function::{AMF, ENB, GNB, MME, SGW, UPF};

use super::operator::{OperatorPlan, Region, link};
use super::rng::{Rng, derive};

/// Cells per radio (the weight of a radio asset).
const CELLS: u32 = 3;
/// The share of sites that are sensitive.
const SENSITIVE_SITES: f64 = 0.02;

impl OperatorPlan {
    /// Whether site `i` is sensitive and whether it is standalone: a hash of the
    /// operator's seed and the index, the same in both passes.
    fn site_draw(&self, i: usize) -> (bool, bool) {
        let mut rng = Rng::new(derive(self.seed, 1 << 40 | i as u64));
        let sensitive = rng.chance(SENSITIVE_SITES);
        let sa = rng.chance(self.sa_share);
        (sensitive, sa)
    }

    /// The id of the asset of function `f` at site `i` (from 0): `de-1-gnb-000042`.
    fn site_id(&self, f: &str, i: usize) -> String {
        // Written by hand rather than with `format!`: millions of ids.
        let num = (i + 1).to_string();
        let mut id = String::with_capacity(self.id.len() + f.len() + self.width + 2);
        id.push_str(&self.id);
        id.push('-');
        id.push_str(f);
        id.push('-');
        id.extend(std::iter::repeat_n(
            '0',
            self.width.saturating_sub(num.len()),
        ));
        id.push_str(&num);
        id
    }

    pub(super) fn site_assets<W: Write>(
        &self,
        out: &mut JsonWriter<W>,
        region: &Region,
        i: usize,
    ) -> io::Result<()> {
        let (sensitive, _) = self.site_draw(i);
        for f in [ENB, GNB] {
            out.row(&AssetRow {
                id: &self.site_id(f, i),
                operator: &self.id,
                function: f,
                supplier: region.vendor,
                weight: Some(f64::from(CELLS)),
                sensitive,
                region: Some(region.name),
                ..AssetRow::default()
            })?;
        }
        Ok(())
    }

    pub(super) fn site_links<W: Write>(
        &self,
        out: &mut JsonWriter<W>,
        t: &SiteTargets,
        ri: usize,
        i: usize,
    ) -> io::Result<()> {
        use LinkKind::{AnchoredBy, ConnectsTo, ManagedBy};
        let (_, sa) = self.site_draw(i);
        let (enb, gnb) = (self.site_id(ENB, i), self.site_id(GNB, i));
        let routers = &t.routers[ri][..];
        let ems = std::slice::from_ref(&t.ems[ri]);
        link(out, &enb, &t.mme, ConnectsTo, None, Some("S1-MME"))?;
        link(out, &enb, &t.sgw, ConnectsTo, None, Some("S1-U"))?;
        link(out, &enb, routers, ConnectsTo, None, Some("backhaul"))?;
        link(out, &enb, ems, ManagedBy, None, None)?;
        if sa && self.core.is_some() {
            link(out, &gnb, &t.amf, ConnectsTo, None, Some("N2"))?;
            link(out, &gnb, &t.upf, ConnectsTo, None, Some("N3"))?;
        } else {
            link(out, &gnb, &[enb], AnchoredBy, None, Some("X2"))?;
        }
        link(out, &gnb, routers, ConnectsTo, None, Some("backhaul"))?;
        link(out, &gnb, ems, ManagedBy, None, None)
    }

    /// The targets of site links, made once per operator.
    pub(super) fn site_targets(&self) -> SiteTargets {
        let list =
            |f: &str, n: usize| -> Vec<String> { (1..=n).map(|m| self.member(f, m)).collect() };
        SiteTargets {
            mme: list(MME, self.mme),
            sgw: list(SGW, 2),
            amf: list(AMF, self.core.as_ref().map_or(0, |c| c.amf.len())),
            upf: list(UPF, self.core.as_ref().map_or(0, |c| c.upf.len())),
            routers: (1..=self.regions.len())
                .map(|r| self.agg_routers_of(r))
                .collect(),
            ems: self.regions.iter().map(|r| self.ems_id(r.vendor)).collect(),
        }
    }
}

/// The targets of the links of sites, made once per operator.
pub(super) struct SiteTargets {
    mme: Vec<String>,
    sgw: Vec<String>,
    amf: Vec<String>,
    upf: Vec<String>,
    /// By region: its aggregation router pair.
    routers: Vec<[String; 2]>,
    /// By region: the EMS of its vendor.
    ems: Vec<String>,
}
