//! The links table: checked file by file in parallel (the checks only read the id maps),
//! into one pre-sized slot per row.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostics::Code;
use crate::inventory::{ParsedFile, RawLink, Site, Table};
use crate::model::{AssetIx, Link};
use crate::vocab::LinkKind;

use super::assets::Assets;
use super::fields::{Named, shorten};
use super::locate::Pending;
use super::validator::{Broken, RowRef, Validator, provenance, text};

impl Validator {
    /// Every valid link with the row it comes from, in file order.
    pub(super) fn links(
        &mut self,
        files: &[ParsedFile<'_>],
        assets: &Assets<'_>,
        broken: &Broken<'_>,
    ) -> Vec<(RowRef, Link)> {
        let (asset_first, rank) = (&assets.first, &assets.rank[..]);
        // Links: one slot per link row, filled file by file in parallel (the checks only
        // read the id maps), then compacted in place. No vector of millions of links is
        // grown by doubling or copied into another.
        let n_links: usize = files.iter().map(|f| f.raw.links.len()).sum();
        let mut slots: Vec<Option<(RowRef, Link)>> = Vec::with_capacity(n_links);
        slots.resize_with(n_links, || None);
        let mut chunks: Vec<&mut [Option<(RowRef, Link)>]> = Vec::with_capacity(files.len());
        let mut rest = slots.as_mut_slice();
        for f in files {
            let (head, tail) = rest.split_at_mut(f.raw.links.len());
            chunks.push(head);
            rest = tail;
        }
        let problems: Vec<Vec<Pending>> = files
            .par_iter()
            .zip(chunks.into_par_iter())
            .enumerate()
            .map(|(fi, (f, chunk))| {
                let mut v = Validator {
                    p: Vec::new(),
                    names: Vec::new(),
                };
                for (i, (r, slot)) in f.raw.links.iter().zip(chunk.iter_mut()).enumerate() {
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
                    *slot = v.link(site, r, asset_first, rank, broken).map(|link| {
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

    fn link(
        &mut self,
        site: Site,
        r: &RawLink<'_>,
        assets: &FxHashMap<&str, u32>,
        rank: &[u32],
        broken: &Broken<'_>,
    ) -> Option<Link> {
        let is_broken = |id: &str| broken.contains_key(&(Table::Assets, id));
        let from_id = r.from.as_deref();
        let what = Named("link from", from_id.unwrap_or("?"));
        let from = match from_id {
            None | Some("") => {
                self.err(
                    site.at("from"),
                    Code::MissingField,
                    "link has no \"from\"".to_owned(),
                );
                None
            }
            Some(f) => match assets.get(f) {
                Some(&pre) => Some(AssetIx(rank[pre as usize])),
                None => {
                    if !is_broken(f) {
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
        let kind = match r.kind.as_deref() {
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
        let (mut targets, targets_ok) = self.targets(site, &what, r, assets, rank, broken);
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
            interface: text(&r.interface),
            open: r.open.unwrap_or(kind.open_by_default()),
            provenance: provenance(&r.source, &r.notes),
        })
    }

    /// The link's targets, resolved (in the order written), and whether all of them are.
    fn targets(
        &mut self,
        site: Site,
        what: &Named<'_>,
        r: &RawLink<'_>,
        assets: &FxHashMap<&str, u32>,
        rank: &[u32],
        broken: &Broken<'_>,
    ) -> (Vec<AssetIx>, bool) {
        let is_broken = |id: &str| broken.contains_key(&(Table::Assets, id));
        let from_id = r.from.as_deref();
        let mut targets: Vec<AssetIx> = Vec::new();
        let mut targets_ok = true;
        match &r.to {
            None => {
                self.err(
                    site.at("to"),
                    Code::MissingField,
                    format!("{what} has no \"to\""),
                );
                targets_ok = false;
            }
            Some(t) if t.0.is_empty() => {
                self.err(
                    site.at("to"),
                    Code::EmptyTargets,
                    format!("{what} has an empty \"to\" list"),
                );
                targets_ok = false;
            }
            Some(t) => {
                let many = t.0.len() > 1;
                for (i, target) in t.0.iter().enumerate() {
                    let tsite = if many {
                        site.elem("to", i)
                    } else {
                        site.at("to")
                    };
                    if Some(&**target) == from_id {
                        self.err(tsite, Code::SelfLink, format!("{what} points to itself"));
                        targets_ok = false;
                        continue;
                    }
                    match assets.get(&**target) {
                        Some(&pre) => targets.push(AssetIx(rank[pre as usize])),
                        None => {
                            if !is_broken(target) {
                                self.err(
                                    tsite,
                                    Code::DanglingReference,
                                    format!(
                                        "{what} refers to unknown asset \"{}\"",
                                        shorten(target)
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
