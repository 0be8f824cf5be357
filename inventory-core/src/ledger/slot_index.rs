//! The index of positions: (SKU id, location id, condition) → slot.
//!
//! Every movement looks its position up here, so at 50,000+ positions a lookup is a cache
//! miss of its own. A general hash map gives no way to ask for that memory early; this
//! open-addressing table can say where a key's probe starts ([`SlotIndex::prefetch`]), so a
//! batch posting starts loading it several movements ahead. Keys are small integers held in
//! the bucket (16 bytes, four to a cache line); linear probing, at most 3/4 full, and
//! backward-shift deletion (used only when a failed transaction forgets positions it added).

use super::interner::{grow, place_from};
use super::{prefetch, Condition};

/// An empty bucket's slot.
const EMPTY: u32 = u32::MAX;

/// Fibonacci hashing multiplier (2^64 / φ).
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bucket {
    sku: u32,
    location: u32,
    condition: u32,
    /// The slot, or [`EMPTY`].
    slot: u32,
}

const VACANT: Bucket = Bucket {
    sku: 0,
    location: 0,
    condition: 0,
    slot: EMPTY,
};

/// (SKU, location, condition) → slot.
#[derive(Debug, Clone, Default)]
pub(super) struct SlotIndex {
    /// A power of two of buckets (empty until the first insert).
    table: Vec<Bucket>,
    len: usize,
    /// A number no other state of any index has had (0: empty), drawn afresh whenever a
    /// key is added or removed: the slots of keys are the same while it is.
    stamp: u64,
}

/// The source of [`SlotIndex`] stamps.
static STAMPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_stamp() -> u64 {
    STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn hash(sku: u32, location: u32, condition: Condition) -> u64 {
    let k = u64::from(sku) << 32 | u64::from(location);
    (k.wrapping_mul(MULTIPLIER) ^ condition as u64).wrapping_mul(MULTIPLIER)
}

/// The home bucket of a key in a table of `2^bits` buckets (the high bits of the hash are
/// the well-mixed ones).
fn home_in(bits: u32, sku: u32, location: u32, condition: Condition) -> usize {
    if bits == 0 {
        return 0;
    }
    (hash(sku, location, condition) >> (64 - bits)) as usize
}

impl SlotIndex {
    /// The bucket where the probe for a key starts.
    fn home(&self, sku: u32, location: u32, condition: Condition) -> usize {
        home_in(self.table.len().trailing_zeros(), sku, location, condition)
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Starts loading the bucket where the key's probe starts (a hint).
    pub(super) fn prefetch(&self, sku: u32, location: u32, condition: Condition) {
        if !self.table.is_empty() {
            prefetch(&self.table[self.home(sku, location, condition)]);
        }
    }

    /// The bucket holding a key, if any.
    fn find(&self, sku: u32, location: u32, condition: Condition) -> Option<usize> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.mask();
        let mut i = self.home(sku, location, condition);
        loop {
            let b = &self.table[i];
            if b.slot == EMPTY {
                return None;
            }
            if b.sku == sku && b.location == location && b.condition == condition as u32 {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// The slot of a key, if any.
    pub(super) fn get(&self, sku: u32, location: u32, condition: Condition) -> Option<u32> {
        self.find(sku, location, condition)
            .map(|i| self.table[i].slot)
    }

    /// Adds a key that is not in the index.
    pub(super) fn insert(&mut self, sku: u32, location: u32, condition: Condition, slot: u32) {
        debug_assert!(self.get(sku, location, condition).is_none());
        if (self.len + 1) * 4 > self.table.len() * 3 {
            self.grow();
        }
        self.place(Bucket {
            sku,
            location,
            condition: condition as u32,
            slot,
        });
        self.len += 1;
        self.stamp = next_stamp();
    }

    /// What [`SlotIndex::get`] gives changes only when this does.
    pub(super) fn stamp(&self) -> u64 {
        self.stamp
    }

    fn condition_of(b: &Bucket) -> Condition {
        Condition::ALL[b.condition as usize]
    }

    fn place(&mut self, b: Bucket) {
        let home = self.home(b.sku, b.location, Self::condition_of(&b));
        place_from(&mut self.table, home, b, |b| b.slot != EMPTY);
    }

    /// Doubles the table (16 buckets at first) and re-places every key.
    fn grow(&mut self) {
        grow(
            &mut self.table,
            VACANT,
            |b| b.slot != EMPTY,
            |b, size| {
                home_in(
                    size.trailing_zeros(),
                    b.sku,
                    b.location,
                    Self::condition_of(b),
                )
            },
        );
    }

    /// Removes a key (if present), shifting later buckets of its probe run back so that
    /// every key stays reachable from its home bucket.
    pub(super) fn remove(&mut self, sku: u32, location: u32, condition: Condition) {
        let Some(i) = self.find(sku, location, condition) else {
            return;
        };
        let bits = self.table.len().trailing_zeros();
        super::interner::remove_at(
            &mut self.table,
            i,
            VACANT,
            |b| b.slot != EMPTY,
            |b| home_in(bits, b.sku, b.location, Self::condition_of(b)),
        );
        self.len -= 1;
        self.stamp = next_stamp();
    }
}

#[cfg(test)]
mod tests {
    use super::{Condition, SlotIndex};
    use std::collections::HashMap;

    #[test]
    fn agrees_with_a_hash_map_through_inserts_and_removals() {
        // A deterministic random walk of inserts and removals, checked against a HashMap
        // after every step (small key space, so probe runs collide and wrap).
        let mut index = SlotIndex::default();
        let mut oracle: HashMap<(u32, u32, usize), u32> = HashMap::new();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for step in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let key = (
                (x % 97) as u32,
                ((x >> 8) % 7) as u32,
                ((x >> 16) % 3) as usize,
            );
            let c = Condition::ALL[key.2];
            if (x >> 24).is_multiple_of(3) {
                index.remove(key.0, key.1, c);
                oracle.remove(&key);
            } else if let std::collections::hash_map::Entry::Vacant(e) = oracle.entry(key) {
                index.insert(key.0, key.1, c, step);
                e.insert(step);
            }
            assert_eq!(index.len, oracle.len());
            if step % 97 == 0 {
                for s in 0..97 {
                    for l in 0..7 {
                        for (ci, c) in Condition::ALL.into_iter().enumerate() {
                            assert_eq!(index.get(s, l, c), oracle.get(&(s, l, ci)).copied());
                        }
                    }
                }
            }
        }
        index.prefetch(1, 2, Condition::Damaged);
        assert_eq!(SlotIndex::default().get(0, 0, Condition::Sellable), None);
    }

    #[test]
    fn large_ids_do_not_collide() {
        let mut index = SlotIndex::default();
        let ids = [0, 1, 2, 1 << 30, (1 << 30) + 1, u32::MAX - 1];
        let mut n = 0;
        for &s in &ids {
            for &l in &ids {
                for c in Condition::ALL {
                    index.insert(s, l, c, n);
                    n += 1;
                }
            }
        }
        let mut n = 0;
        for &s in &ids {
            for &l in &ids {
                for c in Condition::ALL {
                    assert_eq!(index.get(s, l, c), Some(n));
                    n += 1;
                }
            }
        }
    }
}
