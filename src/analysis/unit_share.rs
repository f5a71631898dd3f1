//! A share of an operator's service-unit weight, over every unit and per generation: what
//! an outage (section 2) and an impact (section 8) are.

/// A weight over an operator's service units: over all of them, and over its 4G and its 5G
/// units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitShare {
    /// Over every unit.
    pub all: f64,
    /// Over the 4G units; `None` when they weigh nothing.
    pub g4: Option<f64>,
    /// Over the 5G units; `None` when they weigh nothing.
    pub g5: Option<f64>,
}

impl UnitShare {
    /// The weights `part` (all, 4G, 5G) over the totals `total` (the first one positive).
    pub fn of(part: [f64; 3], total: [f64; 3]) -> UnitShare {
        let ratio = |x: f64, t: f64| (t > 0.0).then(|| x / t);
        UnitShare {
            all: part[0] / total[0],
            g4: ratio(part[1], total[1]),
            g5: ratio(part[2], total[2]),
        }
    }
}
