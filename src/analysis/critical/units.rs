//! The operator's service units and what a failure takes down among them.

use crate::graph::SupplyGraph;
use crate::model::AssetIx;
use crate::vocab::Generation;

/// The unit weight a down set holds: over all units, 4G and 5G units, and how many units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Sums {
    pub w: f64,
    pub w4: f64,
    pub w5: f64,
    pub units: u32,
}

impl Sums {
    /// Adds another down set's sums (of a disjoint set).
    pub fn add(&mut self, o: &Sums) {
        self.w += o.w;
        self.w4 += o.w4;
        self.w5 += o.w5;
        self.units += o.units;
    }
}

/// U(o): the units are local nodes `0..len` of the operator's reach (they come first).
pub(super) struct Units {
    weight: Vec<f64>,
    generation: Vec<Option<Generation>>,
    /// The totals, summed in unit order.
    pub total: Sums,
}

impl Units {
    /// The units `roots` (distinct, in the reach's order).
    pub fn new(graph: &SupplyGraph, roots: &[AssetIx]) -> Units {
        let inv = graph.inventory();
        let mut u = Units {
            weight: Vec::with_capacity(roots.len()),
            generation: Vec::with_capacity(roots.len()),
            total: Sums::default(),
        };
        for &a in roots {
            let asset = inv.asset(a);
            u.weight.push(asset.weight);
            u.generation.push(asset.generation);
            let own = u.own(u.weight.len() as u32 - 1);
            u.total.add(&own);
        }
        u
    }

    /// Whether local node `v` is a unit.
    pub fn is_unit(&self, v: u32) -> bool {
        (v as usize) < self.weight.len()
    }

    /// The sums of node `v` alone.
    pub fn own(&self, v: u32) -> Sums {
        let Some(&w) = self.weight.get(v as usize) else {
            return Sums::default();
        };
        let g = self.generation[v as usize];
        Sums {
            w,
            w4: if g == Some(Generation::G4) { w } else { 0.0 },
            w5: if g == Some(Generation::G5) { w } else { 0.0 },
            units: 1,
        }
    }
}
