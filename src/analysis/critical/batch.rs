//! Exact down sets of up to 64 seeds at once, one bit per seed.
//!
//! Each node carries a 64-bit mask of the seeds whose failure takes it down. A node passes
//! each bit it gains once to the links into it: a link that fails when one target fails
//! passes the bit on to its `from` at once; a link that needs `m` failed targets counts
//! the bit per seed and passes it on at the `m`th. Nodes are taken dependencies first (by
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
    // Per link with counters this batch: its slot in `counts`; NONE otherwise.
    slot: Vec<u32>,
    counted: Vec<u32>,
    counts: Vec<[u32; 64]>,
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
            counts: Vec::new(),
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
    fn count(&mut self, l: u32, m: u32, delta: u64) -> u64 {
        if delta == 0 {
            return 0;
        }
        let li = l as usize;
        if self.slot[li] == NONE {
            self.slot[li] = self.counted.len() as u32;
            if self.counts.len() <= self.counted.len() {
                self.counts.push([0; 64]);
            }
            self.counts[self.counted.len()] = [0; 64];
            self.counted.push(l);
        }
        let counts = &mut self.counts[self.slot[li] as usize];
        let (mut d, mut fired) = (delta, 0u64);
        while d != 0 {
            let b = d.trailing_zeros() as usize;
            d &= d - 1;
            counts[b] += 1;
            if counts[b] == m {
                fired |= 1 << b;
            }
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
