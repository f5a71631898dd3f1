//! The links table: checked file by file in parallel (the checks only read the id maps),
//! into one pre-sized slot per row.

use rayon::prelude::*;

use crate::diagnostics::Code;
use crate::inventory::{CLink, LinkRows, Need, Site, Sym, Table};
use crate::model::{AssetIx, Link, Span};
use crate::vocab::LinkKind;

use super::assets::{Assets, NONE};
use super::fields::{Named, shorten};
use super::locate::Pending;
use super::validator::{Broken, RowRef, Validator, sym_label};

/// One file's links checked: the problems, one slot per row, the targets.
type FileLinks = (Vec<Pending>, Vec<Option<Link>>, Vec<AssetIx>);

/// A file of more link rows than this is checked in pieces of this many rows, in parallel.
const PIECE: usize = 1 << 16;

/// The checked pieces of a file joined in order: each piece's target ranges moved past the
/// targets of the pieces before it.
fn joined(pieces: Vec<FileLinks>) -> FileLinks {
    let rows = pieces.iter().map(|p| p.1.len()).sum();
    let n_targets = pieces.iter().map(|p| p.2.len()).sum();
    let (mut p, mut out, mut targets) = (
        Vec::new(),
        Vec::with_capacity(rows),
        Vec::with_capacity(n_targets),
    );
    for (pending, links, piece_targets) in pieces {
        let offset = targets.len() as u32;
        p.extend(pending);
        out.extend(links.into_iter().map(|l| {
            l.map(|mut l| {
                l.targets.start += offset;
                l
            })
        }));
        targets.extend(piece_targets);
    }
    (p, out, targets)
}

/// The links of every file, checked: one slot per link row (`None` for a row with an
/// error), and the targets of the file's links (a link's [`Span`] is a range of them; its
/// interface is still its symbol, [`sym_label`]).
#[derive(Default)]
pub(super) struct CheckedLinks {
    pub(super) rows: Vec<Vec<Option<Link>>>,
    pub(super) targets: Vec<Vec<AssetIx>>,
}

impl CheckedLinks {
    /// The row of every valid link, in file order.
    pub(super) fn row_refs(&self) -> Vec<RowRef> {
        let mut refs = Vec::with_capacity(self.rows.iter().map(Vec::len).sum());
        for (file, rows) in self.rows.iter().enumerate() {
            let valid = rows.iter().enumerate().filter(|(_, l)| l.is_some());
            refs.extend(valid.map(|(index, _)| RowRef {
                file: file as u32,
                index: index as u32,
            }));
        }
        refs
    }

    /// The link of a row.
    pub(super) fn link(&self, r: RowRef) -> &Link {
        self.rows[r.file as usize][r.index as usize]
            .as_ref()
            .expect("a valid link's row")
    }

    /// The targets of a link of file `file`.
    pub(super) fn targets(&self, file: u32, l: &Link) -> &[AssetIx] {
        &self.targets[file as usize][l.targets.range()]
    }
}

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
    /// Every link row checked, file by file in parallel, a large file in parallel pieces of
    /// [`PIECE`] rows (the checks only read the id maps): each file's link rows are freed as
    /// soon as they are checked.
    pub(super) fn links(
        &mut self,
        link_rows: Vec<LinkRows>,
        assets: &Assets,
        broken: &Broken,
    ) -> CheckedLinks {
        let resolve = Resolve {
            first: &assets.first,
            rank: &assets.rank,
            broken,
        };
        let checked: Vec<FileLinks> = link_rows
            .into_par_iter()
            .enumerate()
            .map(|(fi, lr)| {
                let LinkRows { links, targets } = lr;
                let lr = LinkRows {
                    links: Vec::new(),
                    targets,
                };
                let check = |(piece, rows): (usize, &[CLink])| {
                    self.check_rows(fi, piece * PIECE, rows, &lr, &resolve)
                };
                if links.len() <= PIECE {
                    return check((0, &links));
                }
                let pieces: Vec<FileLinks> =
                    links.par_chunks(PIECE).enumerate().map(check).collect();
                drop(links);
                joined(pieces)
            })
            .collect();
        let mut links = CheckedLinks::default();
        for (p, rows, targets) in checked {
            self.p.extend(p);
            links.rows.push(rows);
            links.targets.push(targets);
        }
        links
    }

    /// Checks the link rows `rows` of file `fi`, the first of them row `start`.
    fn check_rows(
        &self,
        fi: usize,
        start: usize,
        rows: &[CLink],
        lr: &LinkRows,
        resolve: &Resolve<'_>,
    ) -> FileLinks {
        let f = &self.rows.files[fi];
        let mut v = Validator {
            p: Vec::new(),
            names: self.names,
            rows: self.rows,
        };
        let mut out = Vec::with_capacity(rows.len());
        let mut targets = Vec::new();
        for (i, r) in (start..).zip(rows) {
            if !f.broken.is_empty() && f.broken.contains(&(Table::Links, i)) {
                out.push(None);
                continue;
            }
            let site = Site {
                file: fi as u32,
                table: Table::Links,
                index: i as u32,
                field: None,
                elem: None,
            };
            out.push(v.link(site, lr, r, resolve, &mut targets));
        }
        (v.p, out, targets)
    }

    /// Checks a link row; a valid link's targets are appended to `out`, its file's targets.
    fn link(
        &mut self,
        site: Site,
        f: &LinkRows,
        r: &CLink,
        resolve: &Resolve<'_>,
        out: &mut Vec<AssetIx>,
    ) -> Option<Link> {
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
        let need = r.need.map_or(1, Need::get);
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
        let start = u32::try_from(out.len()).expect("fewer than 4 billion targets a file");
        out.extend_from_slice(&targets);
        let provenance = self.provenance(r.source, r.notes);
        let has_provenance = provenance.source.is_some() || provenance.notes.is_some();
        Some(Link {
            from,
            targets: Span {
                start,
                len: targets.len() as u32,
            },
            kind,
            need: need as u32,
            interface: sym_label(r.interface),
            open: r.open.unwrap_or(kind.open_by_default()),
            provenance: has_provenance.then(|| Box::new(provenance)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Label, Span};
    use crate::vocab::LinkKind;

    fn link(from: u32, start: u32, len: u32) -> Option<Link> {
        Some(Link {
            from: AssetIx(from),
            targets: Span { start, len },
            kind: LinkKind::RunsOn,
            need: 1,
            interface: Label::NONE,
            open: false,
            provenance: None,
        })
    }

    /// Pieces join in order, each piece's target ranges moved past the targets before it.
    #[test]
    fn pieces_join_with_their_targets_moved() {
        let pieces = vec![
            (
                Vec::new(),
                vec![link(0, 0, 2)],
                vec![AssetIx(5), AssetIx(6)],
            ),
            (Vec::new(), vec![None, link(1, 0, 1)], vec![AssetIx(7)]),
            (
                Vec::new(),
                vec![link(2, 0, 1), link(3, 1, 2)],
                vec![AssetIx(8), AssetIx(9), AssetIx(10)],
            ),
        ];
        let (p, rows, targets) = joined(pieces);
        assert!(p.is_empty());
        let spans: Vec<Option<(u32, u32, u32)>> = rows
            .iter()
            .map(|l| {
                l.as_ref()
                    .map(|l| (l.from.0, l.targets.start, l.targets.len))
            })
            .collect();
        assert_eq!(
            spans,
            [
                Some((0, 0, 2)),
                None,
                Some((1, 2, 1)),
                Some((2, 3, 1)),
                Some((3, 4, 2))
            ]
        );
        let ids: Vec<u32> = targets.iter().map(|t| t.0).collect();
        assert_eq!(ids, [5, 6, 7, 8, 9, 10]);
    }
}
