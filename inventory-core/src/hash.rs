//! A small, fast, deterministic hasher for the ledger's internal indexes.
//!
//! The FxHash function (as used inside rustc): one multiply and rotate per word. SKU and
//! location names come from the host program, not from an adversary on the network, so
//! HashDoS resistance (the point of the standard SipHash) is not needed here, and the
//! lookups on the posting hot path are several times cheaper. Iteration order of these
//! maps never reaches an output: everything visible is sorted or kept in insertion order.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The FxHash hasher.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

/// The 1–7 bytes of `b` as a little-endian word, zero-padded, in at most three loads (a
/// copy into a zeroed buffer is a `memcpy` call for a length not known at compile time).
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        // Two overlapping 4-byte loads; the overlap holds the same bytes in both.
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | hi << ((n - 4) * 8)
    } else {
        u64::from(b[0])
            | u64::from(b[n / 2]) << (8 * (n / 2))
            | u64::from(b[n - 1]) << (8 * (n - 1))
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(load_le(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply only carries low input bits upwards, so the low bits (which pick the
        // table slot) would depend on the first bytes of a key alone; MurmurHash3's fmix64
        // finaliser spreads every bit over the whole word.
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with the Fx hasher.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with the Fx hash.
pub(crate) type FxHashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keys_stay_distinct() {
        let mut m: FxHashMap<String, usize> = FxHashMap::default();
        for i in 0..10_000 {
            m.insert(format!("SKU-{i:05}"), i);
        }
        assert_eq!(m.len(), 10_000);
        assert_eq!(m.get("SKU-04242"), Some(&4242));
        let mut h1 = FxHasher::default();
        h1.write(b"abcdefghij");
        let mut h2 = FxHasher::default();
        h2.write(b"abcdefghik");
        assert_ne!(h1.finish(), h2.finish());
    }

    #[test]
    fn keys_sharing_a_prefix_spread_over_the_low_bits() {
        // Regression: without a finaliser, 500,000 keys "M-0".."M-499999" fell into 32 slots.
        use std::collections::HashSet;
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<FxHasher>::default();
        let mask = (1u64 << 16) - 1;
        let slots: HashSet<u64> = (0..100_000)
            .map(|i| build.hash_one(format!("M-{i}")) & mask)
            .collect();
        // 100,000 balls into 65,536 bins fill about 1 − e^(−1.53) ≈ 78 % of them.
        assert!(slots.len() > 45_000, "{} slots", slots.len());
    }

    #[test]
    fn partial_loads_equal_a_zero_padded_word() {
        let bytes: Vec<u8> = (1..=7).map(|i| i * 31 + 5).collect();
        for n in 1..8 {
            let mut w = [0u8; 8];
            w[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                super::load_le(&bytes[..n]),
                u64::from_le_bytes(w),
                "{n} bytes"
            );
        }
    }
}
