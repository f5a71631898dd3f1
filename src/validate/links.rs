//! The links table: checked file by file in parallel (the checks only read the id maps),
//! into one pre-sized slot per row.

use rayon::prelude::*;

use crate::diagnostics::Code;
use crate::inventory::{CLink, LinkRows, Site, Sym, Table};
use crate::model::{AssetIx, Link};
use crate::vocab::LinkKind;

use super::assets::{Assets, NONE};
use super::fields::{Named, shorten};
use super::locate::Pending;
use super::validator::{Broken, RowRef, Validator};

/// What resolves a link's asset ids: the position of each asset id (by symbol), the rank
/// of each position, and the ids of broken rows.
struct Resolve<'a> {
    first: &'a [u32],
    rank: &'a [u32],
    broken: &'a Broken,
}

impl Resolve<'_> {
    fn asset(&self, id: Sym) -> Option<AssetIx> {
        match self.first[id.index()] {
            NONE => None,
            pre => Some(AssetIx(self.rank[pre as usize])),
        }
    }

    fn is_broken(&self, id: Sym) -> bool {
        self.broken.contains_key(&(Table::Assets, id))
    }
}

impl Validator<'_> {
    /// Every valid link with the row it comes from, in file order.
    pub(super) fn links(
        &mut self,
        link_rows: Vec<LinkRows>,
        assets: &Assets,
        broken: &Broken,
    ) -> Vec<(RowRef, Link)> {
        let files = &self.rows.files[..];
        let resolve = Resolve {
            first: &assets.first,
            rank: &assets.rank,
            broken,
        };
        // Links: one slot per link row, filled file by file in parallel (the checks only
        // read the id maps), then compacted in place. No vector of millions of links is
        // grown by doubling or copied into another.
        let n_links: usize = link_rows.iter().map(|f| f.links.len()).sum();
        let mut slots: Vec<Option<(RowRef, Link)>> = Vec::with_capacity(n_links);
        slots.resize_with(n_links, || None);
        let mut chunks: Vec<&mut [Option<(RowRef, Link)>]> = Vec::with_capacity(files.len());
        let mut rest = slots.as_mut_slice();
        for f in &link_rows {
            let (head, tail) = rest.split_at_mut(f.links.len());
            chunks.push(head);
            rest = tail;
        }
        let problems: Vec<Vec<Pending>> = files
            .par_iter()
            .zip(link_rows.into_par_iter())
            .zip(chunks.into_par_iter())
            .enumerate()
            .map(|(fi, ((f, lr), chunk))| {
                let mut v = Validator {
                    p: Vec::new(),
                    names: self.names,
                    rows: self.rows,
                };
                for (i, (r, slot)) in lr.links.iter().zip(chunk.iter_mut()).enumerate() {
                    if !f.broken.is_empty() && f.broken.contains(&(Table::Links, i)) {
                        continue;
                    }
                    let site = Site {
                        file: fi as u32,
                        table: Table::Links,
                        index: i as u32,
                        field: None,
                        elem: None,
                    };
                    *slot = v.link(site, &lr, r, &resolve).map(|link| {
                        (
                            RowRef {
                                file: site.file,
                                index: site.index,
                            },
                            link,
                        )
                    });
                }
                v.p
            })
            .collect();
        for p in problems {
            self.p.extend(p);
        }
        // Collected in place: `Option<(RowRef, Link)>` has the size of its content, and
        // `filter_map` reuses the vector's memory where `flatten` was measured not to.
        #[expect(clippy::filter_map_identity, reason = "filter_map collects in place")]
        let links: Vec<(RowRef, Link)> = slots.into_iter().filter_map(|s| s).collect();
        links
    }

    fn link(&mut self, site: Site, f: &LinkRows, r: &CLink, resolve: &Resolve<'_>) -> Option<Link> {
        let from_id = self.opt(r.from);
        let what = Named("link from", from_id.unwrap_or("?"));
        let from = match r.from.zip(from_id) {
            None | Some((_, "")) => {
                self.err(
                    site.at("from"),
                    Code::MissingField,
                    "link has no \"from\"".to_owned(),
                );
                None
            }
            Some((sym, f)) => match resolve.asset(sym) {
                Some(ix) => Some(ix),
                None => {
                    if !resolve.is_broken(sym) {
                        self.err(
                            site.at("from"),
                            Code::DanglingReference,
                            format!(
                                "link refers to unknown asset \"{}\" in \"from\"",
                                shorten(f)
                            ),
                        );
                    }
                    None
                }
            },
        };
        let kind = match self.opt(r.kind) {
            None => {
                self.err(site.at("kind"), Code::MissingField, format!("{what} has no \"kind\""));
                None
            }
            Some(k) => LinkKind::parse(k).or_else(|| {
                self.err(
                    site.at("kind"),
                    Code::UnknownLinkKind,
                    format!("{what} has unknown kind \"{}\", expected runs_on, anchored_by, connects_to, managed_by or operated_by", shorten(k)),
                );
                None
            }),
        };
        let (mut targets, targets_ok) = self.targets(site, &what, f, r, resolve);
        let written = targets.len();
        targets.sort_unstable();
        targets.dedup();
        if targets_ok && targets.len() < written {
            self.err(
                site.at("to"),
                Code::DuplicateTarget,
                format!("{what} lists the same target more than once; it counts once"),
            );
        }
        let need = r.need.unwrap_or(1);
        if targets_ok && (need == 0 || need > targets.len() as u64) {
            self.err(
                site.at("need"),
                Code::BadNeed,
                format!(
                    "{what} has need {need}, expected 1 to {} (the number of distinct targets)",
                    targets.len()
                ),
            );
            return None;
        }
        let (from, kind) = (from?, kind?);
        if !targets_ok {
            return None;
        }
        Some(Link {
            from,
            targets: targets.into_boxed_slice(),
            kind,
            need: need as u32,
            interface: self.text(r.interface),
            open: r.open.unwrap_or(kind.open_by_default()),
            provenance: self.provenance(r.source, r.notes),
        })
    }

    /// The link's targets, resolved (in the order written), and whether all of them are.
    fn targets(
        &mut self,
        site: Site,
        what: &Named<'_>,
        f: &LinkRows,
        r: &CLink,
        resolve: &Resolve<'_>,
    ) -> (Vec<AssetIx>, bool) {
        let mut targets: Vec<AssetIx> = Vec::new();
        let mut targets_ok = true;
        match r.to.map(|t| f.targets(t)) {
            None => {
                self.err(
                    site.at("to"),
                    Code::MissingField,
                    format!("{what} has no \"to\""),
                );
                targets_ok = false;
            }
            Some([]) => {
                self.err(
                    site.at("to"),
                    Code::EmptyTargets,
                    format!("{what} has an empty \"to\" list"),
                );
                targets_ok = false;
            }
            Some(t) => {
                targets.reserve_exact(t.len());
                let many = t.len() > 1;
                for (i, &target) in t.iter().enumerate() {
                    let tsite = if many {
                        site.elem("to", i)
                    } else {
                        site.at("to")
                    };
                    if Some(target) == r.from {
                        self.err(tsite, Code::SelfLink, format!("{what} points to itself"));
                        targets_ok = false;
                        continue;
                    }
                    match resolve.asset(target) {
                        Some(ix) => targets.push(ix),
                        None => {
                            if !resolve.is_broken(target) {
                                self.err(
                                    tsite,
                                    Code::DanglingReference,
                                    format!(
                                        "{what} refers to unknown asset \"{}\"",
                                        shorten(self.s(target))
                                    ),
                                );
                            }
                            targets_ok = false;
                        }
                    }
                }
            }
        }
        (targets, targets_ok)
    }
}
