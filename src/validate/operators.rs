//! The operators table: ids, countries and subscriber counts.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::diagnostics::Code;
use crate::inventory::{COperator, Site, Sym, Table};
use crate::model::{Country, Operator, OperatorIx};

use super::fields::Named;
use super::validator::{Broken, Validator, rows};

/// The checked operators, sorted by id, and where each id was defined.
pub(super) struct Operators {
    /// The operators, sorted by id.
    pub(super) rows: Vec<Operator>,
    /// The site of each operator of `rows`.
    pub(super) sites: Vec<Site>,
    /// Index of each valid operator id.
    pub(super) ix: FxHashMap<Sym, OperatorIx>,
    /// Every id defined (valid or not), for references.
    pub(super) first: FxHashMap<Sym, Site>,
}

impl Validator<'_> {
    pub(super) fn operators(&mut self, broken: &Broken) -> Operators {
        let files = &self.rows.files[..];
        let mut op_first: FxHashMap<Sym, Site> = broken
            .iter()
            .filter(|((t, _), _)| *t == Table::Operators)
            .map(|((_, id), s)| (*id, *s))
            .collect();
        let mut ops: Vec<(Sym, Site, &COperator, Country)> = Vec::new();
        for (site, r) in rows(files, Table::Operators, |f| &f.operators) {
            let id = self.id(site, "id", "operator", r.id);
            if let (None, Some(bad)) = (id, r.id) {
                op_first.insert(bad, site);
            }
            let country = self.country(
                site,
                "country",
                &Named("operator", self.opt(id).unwrap_or("?")),
                r.country,
                true,
            );
            let Some(id) = id else { continue };
            if let Some(first) = op_first
                .get(&id)
                .filter(|_| !broken.contains_key(&(Table::Operators, id)))
            {
                let first_row = &files[first.file as usize].operators[first.index as usize];
                self.repeated(("operator", self.s(id)), (site, r), (*first, first_row));
                continue;
            }
            op_first.insert(id, site);
            if let Some(c) = country {
                ops.push((id, site, r, c));
            }
        }
        ops.sort_unstable_by(|a, b| self.s(a.0).cmp(self.s(b.0)));
        let op_ix: FxHashMap<Sym, OperatorIx> = ops
            .iter()
            .enumerate()
            .map(|(i, s)| (s.0, OperatorIx(i as u32)))
            .collect();
        let operators: Vec<Operator> = ops
            .iter()
            .map(|(id, _, r, country)| Operator {
                id: self.s(*id).into(),
                name: self.text(r.name),
                country: *country,
                subscribers: r.subscribers,
                provenance: self.provenance(r.source, r.notes),
            })
            .collect();
        let sites: Vec<Site> = ops.iter().map(|o| o.1).collect();
        self.subscriber_sums(&operators, &sites);
        Operators {
            rows: operators,
            sites,
            ix: op_ix,
            first: op_first,
        }
    }

    /// National figures weigh operators by `subscribers`: their sum in each country must
    /// fit in a `u64`. Reported at the operator (in id order) where the sum overflows.
    fn subscriber_sums(&mut self, operators: &[Operator], sites: &[Site]) {
        let mut sums: BTreeMap<Country, Option<u64>> = BTreeMap::new();
        for (o, site) in operators.iter().zip(sites) {
            let Some(n) = o.subscribers else { continue };
            let sum = sums.entry(o.country).or_insert(Some(0));
            let Some(before) = *sum else { continue };
            *sum = before.checked_add(n);
            if sum.is_none() {
                self.err(
                    site.at("subscribers"),
                    Code::SubscribersOverflow,
                    format!(
                        "operator \"{}\" has {n} subscribers, and the subscribers of {} sum to more than {} here",
                        o.id,
                        o.country,
                        u64::MAX
                    ),
                );
            }
        }
    }
}
