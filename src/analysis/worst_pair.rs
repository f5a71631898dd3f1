//! Section 2's worst pair: the two suppliers whose joint failure takes the most service
//! down, found exactly without a failure pass for every pair, and without listing pairs.
//!
//! Why most pairs need no pass. Let D(a) be the down set of supplier a alone (it is closed:
//! no link from an asset outside it has fewer than `need` targets up). The union
//! D(a) ∪ D(b) is closed too, and so is the down set of the pair, unless some link whose
//! `from` is up in both single scenarios has targets down in both and more than
//! `targets - need` down in the union: the two failures *interact* through it. The count of
//! that link's targets in the union is at most c_a + c_b (the targets each takes down), so
//! it is one that a lowers without failing, with c_a + c_b > targets - need: a *tipping*
//! link of a. Every asset that the pair takes down beyond D(a) ∪ D(b) is the `from` of a
//! tipping link of a, or depends on such an asset through assets that a alone leaves up.
//! So, with E(a) the weight of the units found that way (a bound over every partner b),
//!
//! outage(a, b) <= min(1, outage(a) + outage(b) + min(E(a), E(b))) <= min(1, k(a) + k(b)),
//! where k(a) = outage(a) + E(a) / 2.
//!
//! The search walks, for each supplier a in id order, the suppliers by k descending, and
//! stops as soon as the bound can neither beat the best pair found so far nor tie it from a
//! place before it in id order (ties go to the lexicographically smallest pair). The pairs
//! that are tried get the same failure pass and the same sum as a pass over every pair, so
//! the figure is bit for bit the one defined in `analyses.md`.

use fixedbitset::FixedBitSet;
use rayon::prelude::*;

use crate::model::SupplierIx;

use super::concentration::tie_key;
use super::failure::{FailureScratch, Subgraph, Units};

/// The worst pair: indices into the relevant suppliers (`i < j`) and the joint outage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Pair {
    pub(super) i: usize,
    pub(super) j: usize,
    pub(super) outage: f64,
}

// Rounding slack on a bound, far below the 1e-12 at which figures tie: the sums behind a
// bound and behind a pair's figure round differently in their last bits.
const SLACK: f64 = 1e-13;

// A search for the assets upstream of a supplier's tipping links stops after this many
// assets plus four per asset and link of its own scenario; the bound is then 1 - outage.
const UPSTREAM_BUDGET: usize = 256;

/// The worst pair among `relevant` (sorted by id), given their single outages; `None`
/// with fewer than two.
pub(super) fn worst_pair(
    sub: &Subgraph,
    units: &Units,
    relevant: &[SupplierIx],
    singles: &[f64],
) -> Option<Pair> {
    let n = relevant.len();
    if n < 2 {
        return None;
    }
    let extra = interaction_bounds(sub, units, relevant, singles);
    let k: Vec<f64> = singles
        .iter()
        .zip(&extra)
        .map(|(o, e)| o + e / 2.0)
        .collect();
    let mut by_k: Vec<usize> = (0..n).collect();
    by_k.sort_by(|&x, &y| k[y].total_cmp(&k[x]).then(x.cmp(&y)));

    let mut scratch = FailureScratch::default();
    let mut outage = |i: usize, j: usize| {
        sub.fail(&[relevant[i], relevant[j]], &mut scratch);
        units.outage(&mut scratch).all
    };
    let (i, j) = (by_k[0].min(by_k[1]), by_k[0].max(by_k[1]));
    let mut best = Pair {
        i,
        j,
        outage: outage(i, j),
    };
    for i in 0..n {
        for &j in &by_k {
            // Bounds only fall along `by_k`: stop when no pair (i, _) left can win.
            if !may_win((k[i] + k[j]).min(1.0), &best, i <= best.i) {
                break;
            }
            if j <= i {
                continue;
            }
            let bound = (singles[i] + singles[j] + extra[i].min(extra[j])).min(1.0);
            if !may_win(bound, &best, (i, j) < (best.i, best.j)) {
                continue;
            }
            let v = outage(i, j);
            let (kv, kb) = (tie_key(v), tie_key(best.outage));
            if kv > kb || (kv == kb && (i, j) < (best.i, best.j)) {
                best = Pair { i, j, outage: v };
            }
        }
    }
    Some(best)
}

/// Whether a pair whose outage is at most `bound` can replace `best`: by beating it, or,
/// when it comes before it in id order (`before`), by tying it.
fn may_win(bound: f64, best: &Pair, before: bool) -> bool {
    let (kb, kbest) = (tie_key(bound + SLACK), tie_key(best.outage));
    kb > kbest || (before && kb == kbest)
}

/// E(a) for every relevant supplier a, as a share of the units' weight: a bound on what a's
/// failure together with any one other supplier's takes down beyond the two down sets.
fn interaction_bounds(
    sub: &Subgraph,
    units: &Units,
    relevant: &[SupplierIx],
    singles: &[f64],
) -> Vec<f64> {
    // Per supplier: the links it lowers without failing them, with the targets it takes down.
    let lowered: Vec<Vec<(u32, u32)>> = relevant
        .par_iter()
        .map_init(FailureScratch::default, |scratch, &s| {
            sub.fail(&[s], scratch);
            scratch
                .lowered()
                .iter()
                .filter(|&&l| !scratch.is_down(sub.link_from(l)))
                .map(|&l| (l, sub.link_targets(l) - scratch.up(l)))
                .collect()
        })
        .collect();
    let mut top = vec![TopTwo::default(); sub.link_count()];
    for (a, links) in lowered.iter().enumerate() {
        for &(l, c) in links {
            top[l as usize].add(a, c);
        }
    }
    relevant
        .par_iter()
        .enumerate()
        .map_init(
            || (FailureScratch::default(), Upstream::default()),
            |(scratch, upstream), (a, &s)| {
                let seeds: Vec<u32> = lowered[a]
                    .iter()
                    .filter(|&&(l, c)| c + top[l as usize].other_than(a) > sub.link_slack(l))
                    .map(|&(l, _)| sub.link_from(l))
                    .collect();
                if seeds.is_empty() {
                    return 0.0;
                }
                sub.fail(&[s], scratch);
                let budget = UPSTREAM_BUDGET + 4 * (scratch.downed().len() + lowered[a].len());
                match upstream.units_weight(sub, units, scratch, &seeds, budget) {
                    Some(w) => w / units.total(),
                    None => 1.0 - singles[a],
                }
            },
        )
        .collect()
}

/// The two largest counts a link receives from the suppliers, and whose the largest is.
#[derive(Clone, Copy, Default)]
struct TopTwo {
    first: u32,
    first_by: usize,
    second: u32,
}

impl TopTwo {
    fn add(&mut self, by: usize, c: u32) {
        if c > self.first {
            self.second = self.first;
            (self.first, self.first_by) = (c, by);
        } else if c > self.second {
            self.second = c;
        }
    }

    /// The largest count from a supplier other than `a` (each supplier counts once).
    fn other_than(&self, a: usize) -> u32 {
        if self.first_by == a && self.first > 0 {
            self.second
        } else {
            self.first
        }
    }
}

/// A search upwards (from targets to the assets that depend on them), with its buffers.
#[derive(Default)]
struct Upstream {
    seen: FixedBitSet,
    list: Vec<u32>,
    stack: Vec<u32>,
}

impl Upstream {
    /// The weight of the units among `seeds` and the assets that depend on them through
    /// assets up in `scratch`'s scenario; `None` when the search exceeds `budget` assets.
    fn units_weight(
        &mut self,
        sub: &Subgraph,
        units: &Units,
        scratch: &FailureScratch,
        seeds: &[u32],
        budget: usize,
    ) -> Option<f64> {
        for &a in &self.list {
            self.seen.set(a as usize, false);
        }
        self.seen.grow(sub.assets().len());
        self.list.clear();
        self.stack.clear();
        let mut weight = 0.0;
        let visit = |this: &mut Self, a: u32| {
            if !scratch.is_down(a) && !this.seen.put(a as usize) {
                this.list.push(a);
                this.stack.push(a);
            }
        };
        for &a in seeds {
            visit(self, a);
        }
        while let Some(a) = self.stack.pop() {
            if self.list.len() > budget {
                return None;
            }
            if (a as usize) < units.len() {
                weight += units.weight(a);
            }
            for &l in sub.dependents(a) {
                visit(self, sub.link_from(l));
            }
        }
        Some(weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_two_gives_the_largest_count_of_another_supplier() {
        let mut t = TopTwo::default();
        t.add(3, 2);
        t.add(5, 1);
        t.add(7, 2);
        assert_eq!(
            (t.other_than(3), t.other_than(7), t.other_than(5)),
            (2, 2, 2)
        );
        let mut t = TopTwo::default();
        t.add(4, 3);
        t.add(1, 1);
        assert_eq!((t.other_than(4), t.other_than(1)), (1, 3));
        assert_eq!(TopTwo::default().other_than(0), 0);
    }
}
