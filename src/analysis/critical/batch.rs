//! Exact down sets of up to 64 seeds at once, one bit per seed.
//!
//! Each node carries a 64-bit mask of the seeds whose failure takes it down. A node passes
//! each bit it gains once to the links into it: a link that fails when one target fails
//! passes the bit on to its `from` at once; a link that needs `m` failed targets counts
//! the bit per seed and passes it on at the `m`th. The counts are bit-sliced: a link's
//! counter is as many 64-bit planes as `m` has bits (two for `m = 2`), one lane per seed,
//! so a batch's memory is a few words per counted link, not 64 counters. Nodes are taken dependencies first (by
//! component), so outside cycles a node has all its bits when it is taken and is taken
//! once; inside a cycle it may be taken again. Bits are only ever added from the seeds,
//! so each lane ends at the least down set of its seed (`analyses.md` section 2), and a
//! batch costs the union of its seeds' down sets and the links into them, not one pass
//! per seed.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::order::Components;
use super::reach::Reach;
use super::units::{Sums, Units};

const NONE: u32 = u32::MAX;

/// Reusable buffers for batches over one reach.
pub(super) struct Batch {
    mask: Vec<u64>,
    sent: Vec<u64>,
    queued: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u32, u32)>>,
    // Per link with counters this batch: the offset of its planes in `planes`; NONE
    // otherwise.
    slot: Vec<u32>,
    counted: Vec<u32>,
    // Bit-sliced counters: plane `i` of a link holds bit `i` of each seed's count.
    planes: Vec<u64>,
}

impl Batch {
    /// Buffers for `r`.
    pub fn new(r: &Reach) -> Batch {
        let n = r.len();
        Batch {
            mask: vec![0; n],
            sent: vec![0; n],
            queued: vec![false; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            slot: vec![NONE; r.link_m.len()],
            counted: Vec::new(),
            planes: Vec::new(),
        }
    }

    /// The unit sums of the down set of each seed (at most 64).
    pub fn run(&mut self, r: &Reach, c: &Components, units: &Units, seeds: &[u32]) -> Vec<Sums> {
        debug_assert!(seeds.len() <= 64);
        for (j, &s) in seeds.iter().enumerate() {
            self.gain(c, s, 1u64 << j);
        }
        while let Some(Reverse((_, v))) = self.heap.pop() {
            self.queued[v as usize] = false;
            let delta = self.mask[v as usize] & !self.sent[v as usize];
            self.sent[v as usize] |= delta;
            for &l in r.links_into(v) {
                let m = r.link_m[l as usize];
                let f = r.link_from[l as usize];
                let bits = if m == 1 {
                    delta
                } else {
                    self.count(l, m, delta)
                };
                let new = bits & !self.mask[f as usize];
                if new != 0 {
                    self.gain(c, f, new);
                }
            }
        }
        let mut out = vec![Sums::default(); seeds.len()];
        for &v in &self.touched {
            if units.is_unit(v) {
                let own = units.own(v);
                let mut m = self.mask[v as usize];
                while m != 0 {
                    out[m.trailing_zeros() as usize].add(&own);
                    m &= m - 1;
                }
            }
            self.mask[v as usize] = 0;
            self.sent[v as usize] = 0;
        }
        self.touched.clear();
        for &l in &self.counted {
            self.slot[l as usize] = NONE;
        }
        self.counted.clear();
        self.planes.clear();
        out
    }

    /// Node `v` goes down for the seeds in `bits` (not yet in its mask).
    fn gain(&mut self, c: &Components, v: u32, bits: u64) {
        let vi = v as usize;
        if self.mask[vi] == 0 {
            self.touched.push(v);
        }
        self.mask[vi] |= bits;
        if !self.queued[vi] {
            self.queued[vi] = true;
            self.heap.push(Reverse((c.comp[vi], v)));
        }
    }

    /// Counts one more failed target of link `l` for each seed in `delta`; returns the
    /// seeds for which it reaches `m`.
    ///
    /// A counter wraps at 2^bits(m) and may reach `m` again; firing again is harmless,
    /// since the seed's bit is then already in the `from` node's mask.
    fn count(&mut self, l: u32, m: u32, delta: u64) -> u64 {
        if delta == 0 {
            return 0;
        }
        let li = l as usize;
        let width = (u32::BITS - m.leading_zeros()) as usize;
        if self.slot[li] == NONE {
            self.slot[li] = self.planes.len() as u32;
            self.planes.resize(self.planes.len() + width, 0);
            self.counted.push(l);
        }
        let at = self.slot[li] as usize;
        let planes = &mut self.planes[at..at + width];
        // Add one in the lanes of `delta`: a ripple carry through the planes.
        let mut carry = delta;
        for p in planes.iter_mut() {
            let next = *p & carry;
            *p ^= carry;
            carry = next;
        }
        // The lanes of `delta` whose count is now `m`.
        let mut fired = delta;
        for (i, p) in planes.iter().enumerate() {
            fired &= if m >> i & 1 == 1 { *p } else { !*p };
        }
        fired
    }
}

/// An upper bound of the unit weight in each node's down set: the weight of the units
/// above it counted once per path (infinite on and above a cycle). A node whose bound is
/// below the threshold cannot be critical.
pub(super) fn upper_bounds(r: &Reach, c: &Components, units: &Units) -> Vec<f64> {
    let mut bound = vec![0.0; r.len()];
    for &v in c.topological().iter().rev() {
        let vi = v as usize;
        if c.on_cycle(v) {
            bound[vi] = f64::INFINITY;
            continue;
        }
        let mut b = units.own(v).w;
        for &l in r.links_into(v) {
            let f = r.link_from[l as usize];
            b += if f == v {
                f64::INFINITY
            } else {
                bound[f as usize]
            };
        }
        bound[vi] = b;
    }
    bound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty(links: usize) -> Batch {
        Batch {
            mask: Vec::new(),
            sent: Vec::new(),
            queued: Vec::new(),
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            slot: vec![NONE; links],
            counted: Vec::new(),
            planes: Vec::new(),
        }
    }

    /// Each lane fires first at exactly its `m`th count, whatever `m` and however far the
    /// counts go past it (the bit-sliced counters wrap).
    #[test]
    fn a_lane_fires_first_at_its_mth_count() {
        for m in 1..=9u32 {
            let mut b = empty(2);
            let mut count = [0u32; 64];
            let mut first = [None; 64];
            for step in 0..60u32 {
                // Lane j counts at the steps divisible by j % 5 + 1: lanes at different paces.
                let delta = (0..64)
                    .filter(|j| step % (j % 5 + 1) == 0)
                    .fold(0u64, |d, j| d | 1 << j);
                let fired = b.count(1, m, delta);
                for (j, (c, f)) in count.iter_mut().zip(&mut first).enumerate() {
                    if delta >> j & 1 == 1 {
                        *c += 1;
                    }
                    if fired >> j & 1 == 1 && f.is_none() {
                        *f = Some(*c);
                    }
                }
            }
            for (j, f) in first.iter().enumerate() {
                assert_eq!(*f, Some(m), "m = {m}, lane {j}");
            }
            assert_eq!(b.planes.len(), (u32::BITS - m.leading_zeros()) as usize);
        }
    }
}
