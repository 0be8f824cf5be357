//! Interned names: SKU and location strings mapped to dense `u32` ids.
//!
//! Every movement names its SKU and location by string, so the lookup is on the posting hot
//! path. A general hash map keyed by `String` keeps each key in its own heap block: a lookup
//! hashes the name, probes the table, then compares against the key in that block, which at
//! 10,000+ SKUs is a cache miss of its own on every movement. This table keeps names of up to
//! [`INLINE`] bytes (SKU codes, warehouse codes) inside the bucket itself, next to a 32-bit
//! hash tag, so a lookup touches one cache line of the table; longer names are compared in
//! the name list. Open addressing with linear probing, at most 3/4 full, and
//! backward-shift deletion (used only when a failed transaction forgets names it added).

use crate::hash::FxHasher;
use std::hash::Hasher;

/// Names of up to this many bytes are stored in their bucket.
const INLINE: usize = 22;

/// An empty bucket's id.
const EMPTY: u32 = u32::MAX;

/// One slot of the table (32 bytes, two to a cache line).
#[derive(Debug, Clone, Copy)]
struct Bucket {
    /// The name's hash tag; its low bits are the home slot.
    tag: u32,
    /// The name's id, or [`EMPTY`].
    id: u32,
    /// The name's length when stored inline; `u8::MAX` when it is not.
    len: u8,
    /// The name's bytes, when it fits.
    inline: [u8; INLINE],
}

const VACANT: Bucket = Bucket {
    tag: 0,
    id: EMPTY,
    len: 0,
    inline: [0; INLINE],
};

/// The hash tag of a name (its low bits pick the home bucket).
pub(super) fn tag_of(name: &str) -> u32 {
    let mut h = FxHasher::default();
    h.write(name.as_bytes());
    h.write_usize(name.len());
    let h = h.finish();
    // Fold the high half in: both halves of the multiply's result carry information.
    (h ^ (h >> 32)) as u32
}

/// Names ↔ dense ids, in insertion order.
#[derive(Debug, Clone, Default)]
pub(super) struct Interner {
    /// The names, by id.
    pub(super) names: Vec<String>,
    /// The table: a power of two of buckets (empty until the first name).
    table: Vec<Bucket>,
    /// A number no other state of any interner has had (0: empty), drawn from [`STAMPS`]
    /// whenever a name is added or forgotten: the ids of names are the same while it is.
    stamp: u64,
}

/// The source of [`Interner`] stamps.
static STAMPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_stamp() -> u64 {
    STAMPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Interner {
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    fn matches(&self, b: &Bucket, tag: u32, name: &str) -> bool {
        if b.tag != tag {
            return false;
        }
        if usize::from(b.len) == name.len() && name.len() <= INLINE {
            return &b.inline[..name.len()] == name.as_bytes();
        }
        b.len == u8::MAX && self.names[b.id as usize] == name
    }

    /// The bucket holding `name`, if any.
    fn find(&self, tag: u32, name: &str) -> Option<usize> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.mask();
        let mut i = tag as usize & mask;
        loop {
            let b = &self.table[i];
            if b.id == EMPTY {
                return None;
            }
            if self.matches(b, tag, name) {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `name`, if it is known.
    pub(super) fn get(&self, name: &str) -> Option<u32> {
        self.get_tagged(tag_of(name), name)
    }

    /// The id of `name`, whose tag ([`tag_of`]) is `tag`, if it is known.
    pub(super) fn get_tagged(&self, tag: u32, name: &str) -> Option<u32> {
        self.find(tag, name).map(|i| self.table[i].id)
    }

    /// Starts loading the home bucket of the name with this tag (a hint).
    pub(super) fn prefetch(&self, tag: u32) {
        if !self.table.is_empty() {
            super::prefetch(&self.table[tag as usize & self.mask()]);
        }
    }

    /// The id of `name`, adding it if it is new.
    pub(super) fn intern(&mut self, name: &str) -> Result<u32, crate::error::LedgerError> {
        let tag = tag_of(name);
        if let Some(i) = self.find(tag, name) {
            return Ok(self.table[i].id);
        }
        let id = u32::try_from(self.names.len())
            .ok()
            .filter(|&id| id != EMPTY)
            .ok_or(crate::error::LedgerError::Overflow {
                context: "the number of names",
            })?;
        if (self.names.len() + 1) * 4 > self.table.len() * 3 {
            self.grow();
        }
        self.names.push(name.to_owned());
        self.place(tag, id, name);
        self.stamp = next_stamp();
        Ok(id)
    }

    /// Puts a new name's bucket in the first free slot from its home.
    fn place(&mut self, tag: u32, id: u32, name: &str) {
        let mut b = Bucket {
            tag,
            id,
            len: u8::MAX,
            inline: [0; INLINE],
        };
        if name.len() <= INLINE {
            b.len = name.len() as u8;
            b.inline[..name.len()].copy_from_slice(name.as_bytes());
        }
        let home = tag as usize & self.mask();
        place_from(&mut self.table, home, b, |b| b.id != EMPTY);
    }

    /// Doubles the table (16 buckets at first) and re-places every name.
    fn grow(&mut self) {
        grow(
            &mut self.table,
            VACANT,
            |b| b.id != EMPTY,
            |b, size| b.tag as usize & (size - 1),
        );
    }

    /// Forgets the names with ids `len..` (newest first).
    pub(super) fn truncate(&mut self, len: usize) {
        if self.names.len() > len {
            self.stamp = next_stamp();
        }
        while self.names.len() > len {
            let Some(name) = self.names.last() else { break };
            if let Some(i) = self.find(tag_of(name), name) {
                self.remove_at(i);
            }
            self.names.pop();
        }
    }

    /// Empties bucket `i` (see [`remove_at`]).
    fn remove_at(&mut self, i: usize) {
        let mask = self.mask();
        remove_at(
            &mut self.table,
            i,
            VACANT,
            |b| b.id != EMPTY,
            |b| b.tag as usize & mask,
        );
    }

    /// The ids of names change only when this does (see [`Interner::stamp`]'s field).
    pub(super) fn stamp(&self) -> u64 {
        self.stamp
    }

    /// The name of `id`.
    pub(super) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

/// Puts `b` into the first free bucket from `home` on, in an open-addressing table with
/// linear probing (a power of two of buckets, at least one free); `occupied` tells a full
/// bucket. Shared by the name table, the position index and the reference index.
pub(super) fn place_from<B: Copy>(
    table: &mut [B],
    home: usize,
    b: B,
    occupied: impl Fn(&B) -> bool,
) {
    let mask = table.len() - 1;
    let mut i = home;
    while occupied(&table[i]) {
        i = (i + 1) & mask;
    }
    table[i] = b;
}

/// Doubles such a table (16 buckets at first), re-placing every full bucket from the home
/// `home(bucket, new size)` gives it in the larger table.
pub(super) fn grow<B: Copy>(
    table: &mut Vec<B>,
    vacant: B,
    occupied: impl Fn(&B) -> bool,
    home: impl Fn(&B, usize) -> usize,
) {
    let size = (table.len() * 2).max(16);
    let old = std::mem::replace(table, vec![vacant; size]);
    for b in old.into_iter().filter(|b| occupied(b)) {
        place_from(table, home(&b, size), b, &occupied);
    }
}

/// Empties bucket `i` of an open-addressing table with linear probing (a power of two of
/// buckets), shifting later buckets of the same probe run back so that every key stays
/// reachable from its home bucket (backward-shift deletion: no tombstones). `occupied`
/// tells a full bucket, `home` where its key's probe starts. Shared by the name table and
/// the position index.
pub(super) fn remove_at<B: Copy>(
    table: &mut [B],
    mut i: usize,
    vacant: B,
    occupied: impl Fn(&B) -> bool,
    home: impl Fn(&B) -> usize,
) {
    let mask = table.len() - 1;
    let mut j = i;
    loop {
        j = (j + 1) & mask;
        let b = table[j];
        if !occupied(&b) {
            break;
        }
        let h = home(&b);
        // Move `b` back into the hole at `i` unless its home lies cyclically in (i, j].
        let stays = if i <= j {
            i < h && h <= j
        } else {
            i < h || h <= j
        };
        if !stays {
            table[i] = b;
            i = j;
        }
    }
    table[i] = vacant;
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn ids_are_dense_and_stable_through_growth_and_truncation() {
        let mut i = Interner::default();
        let long = "a-very-long-sku-name-that-does-not-fit-inline-".repeat(2);
        let names: Vec<String> = (0..5000)
            .map(|k| {
                if k % 7 == 0 {
                    format!("{long}{k}")
                } else {
                    format!("SKU-{k:06}")
                }
            })
            .collect();
        for (k, n) in names.iter().enumerate() {
            assert_eq!(i.intern(n).unwrap(), k as u32);
        }
        for (k, n) in names.iter().enumerate() {
            assert_eq!(i.get(n), Some(k as u32));
            assert_eq!(i.intern(n).unwrap(), k as u32);
            assert_eq!(i.name(k as u32), n);
        }
        assert_eq!(i.get("SKU-999999"), None);
        assert_eq!(i.get(""), None);
        // A rollback forgets the newest names; the others stay reachable.
        i.truncate(1234);
        for (k, n) in names.iter().enumerate() {
            assert_eq!(i.get(n), (k < 1234).then_some(k as u32), "{n}");
        }
        assert_eq!(i.intern(&names[4000]).unwrap(), 1234);
        assert_eq!(i.intern("").unwrap(), 1235);
        assert_eq!(i.get(""), Some(1235));
    }

    #[test]
    fn removal_keeps_colliding_names_reachable() {
        // Many names, a small table, many removals in every order: every remaining name must
        // still be found (backward-shift deletion across wrapped probe runs).
        for cut in [0, 1, 5, 11, 12, 13, 40] {
            let mut i = Interner::default();
            let names: Vec<String> = (0..48).map(|k| format!("L{k}")).collect();
            for n in &names {
                i.intern(n).unwrap();
            }
            i.truncate(cut);
            for (k, n) in names.iter().enumerate() {
                assert_eq!(i.get(n), (k < cut).then_some(k as u32));
            }
            for n in &names[cut..] {
                i.intern(n).unwrap();
            }
            for (k, n) in names.iter().enumerate() {
                assert_eq!(i.get(n), Some(k as u32));
            }
        }
    }
}
