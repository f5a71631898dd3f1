//! The suppliers table: ids, countries, risks, groups and group cycles.

use rustc_hash::FxHashMap;

use crate::diagnostics::Code;
use crate::inventory::{CSupplier, Site, Sym, Table};
use crate::model::{Country, Supplier, SupplierIx};
use crate::vocab::Risk;

use super::fields::{Named, shorten};
use super::validator::{Broken, Validator, rows};

/// The checked suppliers, sorted by id, and where each id was defined.
pub(super) struct Suppliers {
    /// The suppliers, sorted by id.
    pub(super) rows: Vec<Supplier>,
    /// Index of each valid supplier id.
    pub(super) ix: FxHashMap<Sym, SupplierIx>,
    /// Every id defined (valid or not), for references: an id defined with an error of its
    /// own is not reported as dangling too.
    pub(super) first: FxHashMap<Sym, Site>,
}

impl Validator<'_> {
    pub(super) fn suppliers(&mut self, broken: &Broken) -> Suppliers {
        let files = &self.rows.files[..];
        let mut sup_first: FxHashMap<Sym, Site> = broken
            .iter()
            .filter(|((t, _), _)| *t == Table::Suppliers)
            .map(|((_, id), s)| (*id, *s))
            .collect();
        let mut sups: Vec<(Sym, Site, &CSupplier, Country, Risk)> = Vec::new();
        for (site, r) in rows(files, Table::Suppliers, |f| &f.suppliers) {
            let id = self.id(site, "id", "supplier", r.id);
            if let (None, Some(bad)) = (id, r.id) {
                // Reported as bad-id; references to it are not dangling too.
                sup_first.insert(bad, site);
            }
            let country = self.country(
                site,
                "country",
                &Named("supplier", self.opt(id).unwrap_or("?")),
                r.country,
                true,
            );
            let risk = match self.opt(r.risk) {
                None => Some(Risk::Unassessed),
                Some(s) => Risk::parse(s).or_else(|| {
                    self.err(
                        site.at("risk"),
                        Code::UnknownRisk,
                        format!(
                            "unknown risk \"{}\", expected high, medium, low or unassessed",
                            shorten(s)
                        ),
                    );
                    None
                }),
            };
            let Some(id) = id else { continue };
            if let Some(first) = sup_first
                .get(&id)
                .filter(|_| !broken.contains_key(&(Table::Suppliers, id)))
            {
                let first_row = &files[first.file as usize].suppliers[first.index as usize];
                self.repeated(("supplier", self.s(id)), (site, r), (*first, first_row));
                continue;
            }
            sup_first.insert(id, site);
            if let (Some(c), Some(risk)) = (country, risk) {
                sups.push((id, site, r, c, risk));
            }
        }
        sups.sort_unstable_by(|a, b| self.s(a.0).cmp(self.s(b.0)));
        let sup_ix: FxHashMap<Sym, SupplierIx> = sups
            .iter()
            .enumerate()
            .map(|(i, s)| (s.0, SupplierIx(i as u32)))
            .collect();
        let mut suppliers: Vec<Supplier> = Vec::with_capacity(sups.len());
        for (id, site, r, country, risk) in &sups {
            let id = self.s(*id);
            let group = match r.group {
                None => None,
                Some(g) => {
                    match sup_ix.get(&g) {
                        Some(&ix) => Some(ix),
                        None => {
                            if !sup_first.contains_key(&g) {
                                self.err(site.at("group"), Code::DanglingReference, format!("supplier \"{id}\" has group \"{}\", which is not a supplier", shorten(self.s(g))));
                            }
                            None
                        }
                    }
                }
            };
            suppliers.push(Supplier {
                id: id.into(),
                name: self.text(r.name),
                country: *country,
                risk: *risk,
                group,
                provenance: self.provenance(r.source, r.notes),
            });
        }
        self.group_cycles(&suppliers, &sups.iter().map(|s| s.1).collect::<Vec<_>>());
        Suppliers {
            rows: suppliers,
            ix: sup_ix,
            first: sup_first,
        }
    }

    fn group_cycles(&mut self, suppliers: &[Supplier], sites: &[Site]) {
        // 0 = unvisited, 1 = on the current chain, 2 = done.
        let mut state = vec![0u8; suppliers.len()];
        for start in 0..suppliers.len() {
            let mut chain = Vec::new();
            let mut cur = Some(start);
            while let Some(s) = cur {
                match state[s] {
                    2 => break,
                    1 => {
                        let pos = chain.iter().position(|&c| c == s).unwrap_or(0);
                        let cycle = &chain[pos..];
                        let first: usize = cycle
                            .iter()
                            .copied()
                            .min_by_key(|&c: &usize| &suppliers[c].id)
                            .unwrap_or(s);
                        let names: Vec<&str> = cycle.iter().map(|&c| &*suppliers[c].id).collect();
                        self.err(
                            sites[first].at("group"),
                            Code::GroupCycle,
                            format!(
                                "supplier groups form a cycle: {} -> {}",
                                names.join(" -> "),
                                names[0]
                            ),
                        );
                        break;
                    }
                    _ => {
                        state[s] = 1;
                        chain.push(s);
                        cur = suppliers[s].group.map(SupplierIx::index);
                    }
                }
            }
            for c in chain {
                state[c] = 2;
            }
        }
    }
}
