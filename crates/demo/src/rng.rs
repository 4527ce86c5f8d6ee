//! A small deterministic random source, written here so that the demo's output depends on the seed
//! alone and never changes with a dependency's version.

/// SplitMix64's finalizer: a good 64-bit mixing function.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable hash of a label (FNV-1a), to derive independent streams from one seed.
pub(crate) fn label(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// SplitMix64: fast, tiny, and good enough for demo data.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A stream for `seed` and a purpose (`"members"`, a region code, ...).
    pub(crate) fn new(seed: u64, purpose: &str) -> Rng {
        Rng(mix(seed ^ mix(label(purpose))))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`), by multiply-and-shift (the bias is negligible for demo data).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// An index into a slice of length `n` (`n > 0`).
    pub(crate) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `per_mille / 1000`.
    pub(crate) fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// An index chosen with the given integer weights (at least one positive).
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut pick = self.below(total.max(1));
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if pick < w {
                return i;
            }
            pick -= w;
        }
        weights.len().saturating_sub(1)
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }
}

/// A keyed bijection of `0..domain` (a 4-round Feistel network on the smallest even number of
/// bits that holds the domain, with cycle walking): distinct inputs give distinct outputs that
/// look random.
#[derive(Clone, Debug)]
pub(crate) struct Permutation {
    keys: [u64; 4],
    domain: u32,
    half_bits: u32,
}

/// The largest domain: 2^30.
const MAX_HALF_BITS: u32 = 15;

impl Permutation {
    /// A permutation of `0..domain` (at most 2^30).
    pub(crate) fn new(seed: u64, purpose: &str, domain: u32) -> Permutation {
        let mut rng = Rng::new(seed, purpose);
        let bits = u32::BITS - domain.saturating_sub(1).leading_zeros();
        let half_bits = bits.div_ceil(2).clamp(1, MAX_HALF_BITS);
        Permutation {
            keys: [
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64(),
            ],
            domain: domain.min(1 << (2 * half_bits)),
            half_bits,
        }
    }

    fn round_trip(&self, x: u32) -> u32 {
        let mask = (1 << self.half_bits) - 1;
        let mut left = x >> self.half_bits;
        let mut right = x & mask;
        for key in self.keys {
            let f = (mix(u64::from(right) ^ key) as u32) & mask;
            (left, right) = (right, left ^ f);
        }
        (left << self.half_bits) | right
    }

    /// The image of `x`, or `None` when `x` is outside the domain.
    pub(crate) fn apply(&self, x: u32) -> Option<u32> {
        if x >= self.domain {
            return None;
        }
        let mut y = self.round_trip(x);
        // The cycle through x returns into the domain before it returns to x.
        while y >= self.domain {
            y = self.round_trip(y);
        }
        Some(y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_permutation_is_a_bijection_on_a_small_domain() {
        let p = Permutation::new(7, "test", 50_000);
        let images: HashSet<u32> = (0..50_000).filter_map(|x| p.apply(x)).collect();
        assert_eq!(images.len(), 50_000);
        assert!(images.iter().all(|y| *y < 50_000));
        assert_eq!(p.apply(50_000), None);
    }

    #[test]
    fn streams_depend_on_seed_and_purpose() {
        let a = Rng::new(1, "members").next_u64();
        assert_eq!(a, Rng::new(1, "members").next_u64());
        assert_ne!(a, Rng::new(2, "members").next_u64());
        assert_ne!(a, Rng::new(1, "units").next_u64());
    }

    #[test]
    fn weighted_choice_follows_the_weights() {
        let mut rng = Rng::new(3, "w");
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[rng.weighted(&[1, 0, 2])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((9_000..11_000).contains(&counts[0]), "{counts:?}");
    }
}
