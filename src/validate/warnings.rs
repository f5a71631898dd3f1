//! Warnings: remarks on a valid inventory as a whole (unlinked assets, closed links between
//! suppliers, operators without assets, partial subscriber counts).

use std::collections::BTreeMap;

use crate::diagnostics::Code;
use crate::inventory::{Site, Table};
use crate::model::{Country, Inventory};
use crate::vocab;

use super::validator::{AssetRow, RowRef, Validator};

impl Validator<'_> {
    pub(super) fn warnings(
        &mut self,
        inv: &Inventory,
        asset_sites: &[AssetRow],
        link_sites: &[RowRef],
        op_sites: &[Site],
    ) {
        let links = link_sites
            .iter()
            .map(|r| r.site(Table::Links))
            .zip(&inv.links);
        let mut linked = vec![false; inv.assets.len()];
        let mut op_assets = vec![0usize; inv.operators.len()];
        for (site, l) in links {
            linked[l.from.index()] = true;
            for &t in inv.targets(l) {
                linked[t.index()] = true;
                if !l.open {
                    let (a, b) = (inv.asset(l.from), inv.asset(t));
                    if a.supplier != b.supplier {
                        self.err(
                            site.at("to"),
                            Code::ClosedCrossSupplierLink,
                            format!(
                                "closed {} link between \"{}\" ({}) and \"{}\" ({}): a closed interface between two suppliers is unusual (set \"open\": true if it is open)",
                                l.kind, a.id, inv.supplier(a.supplier).id, b.id, inv.supplier(b.supplier).id
                            ),
                        );
                    }
                }
            }
        }
        for (i, a) in inv.assets.iter().enumerate() {
            op_assets[a.operator.index()] += 1;
            let domain = inv.domain_name(a.domain);
            // A share row has no links by nature: nothing to say.
            if !linked[i] && !a.share && vocab::domain_expects_links(domain) {
                self.err(
                    asset_sites[i].site(),
                    Code::UnlinkedAsset,
                    format!("asset \"{}\" ({domain}) has no link at all", a.id),
                );
            }
        }
        for (i, o) in inv.operators.iter().enumerate() {
            if op_assets[i] == 0 {
                self.err(
                    op_sites[i],
                    Code::OperatorWithoutAssets,
                    format!("operator \"{}\" has no asset", o.id),
                );
            }
        }
        let mut by_country: BTreeMap<Country, (Vec<&str>, Vec<usize>)> = BTreeMap::new();
        for (i, o) in inv.operators.iter().enumerate() {
            let e = by_country.entry(o.country).or_default();
            if o.subscribers.is_some() {
                e.0.push(&o.id);
            } else {
                e.1.push(i);
            }
        }
        for (country, (with, without)) in by_country {
            if !with.is_empty() && !without.is_empty() {
                for &i in &without {
                    self.err(
                        op_sites[i].at("id"),
                        Code::PartialSubscribers,
                        format!(
                            "operator \"{}\" has no \"subscribers\" while other operators in {country} do ({}): national figures for {country} weigh every operator equally",
                            inv.operators[i].id,
                            with.join(", ")
                        ),
                    );
                }
            }
        }
    }
}
