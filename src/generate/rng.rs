//! Randomness: SplitMix64 (Steele, Lea and Flood, 2014), small and good enough for synthetic
//! data. Written here so that the output for a seed never changes with a dependency's version.

#[derive(Clone, Debug)]
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finalize(self.0)
    }

    /// Uniform in [0, 1).
    pub(super) fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    pub(super) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Uniform in 0..n (n > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// One of the items, with probability proportional to its weight (weights > 0 in sum).
    pub(super) fn pick<T: Copy>(&mut self, items: &[(T, f64)]) -> T {
        let total: f64 = items.iter().map(|i| i.1).sum();
        let mut x = self.f64() * total;
        for &(item, w) in items {
            if x < w {
                return item;
            }
            x -= w;
        }
        items[items.len() - 1].0
    }

    pub(super) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// SplitMix64's output function: a bijective mix of 64 bits.
fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seed derived from a seed and a tag, so that streams for different tags are unrelated.
pub(super) fn derive(seed: u64, tag: u64) -> u64 {
    finalize(seed ^ finalize(tag.wrapping_add(0x6A09_E667_F3BC_C909)))
}

/// Splits `total` into `parts` positive sizes of random proportions (each at least 1 when
/// `total >= parts`).
pub(super) fn split(total: usize, parts: usize, rng: &mut Rng) -> Vec<usize> {
    if parts == 0 {
        return Vec::new();
    }
    let weights: Vec<f64> = (0..parts).map(|_| rng.range(0.5, 1.5)).collect();
    let wsum: f64 = weights.iter().sum();
    let spare = total - parts.min(total);
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| usize::from(total >= parts) + (spare as f64 * w / wsum).floor() as usize)
        .collect();
    let mut left = total - sizes.iter().sum::<usize>();
    let mut i = 0;
    while left > 0 {
        sizes[i % parts] += 1;
        left -= 1;
        i += 1;
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_stable() {
        // The first outputs of SplitMix64 from seed 0 (reference values of the algorithm).
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn split_covers_the_total() {
        let mut r = Rng::new(7);
        for (total, parts) in [(0, 0), (5, 1), (10, 3), (2, 2), (1000, 7), (3, 5)] {
            let s = split(total, parts, &mut r);
            assert_eq!(s.len(), parts);
            assert_eq!(s.iter().sum::<usize>(), total);
            if total >= parts {
                assert!(s.iter().all(|&x| x >= 1), "{s:?}");
            }
        }
    }
}
