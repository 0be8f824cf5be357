//! The idempotency index: a movement's reference → the journal entry that first posted it.
//!
//! A ledger whose host gives every movement a reference (an order line, a delivery note)
//! adds one key per movement, so this index grows as fast as the journal. A general hash
//! map keyed by the reference string holds a 16-byte string pointer and the entry number in
//! every bucket (24 bytes, plus its control byte) and hashes each key again whenever the
//! table grows. The reference text is already in the ledger's text table, named by the
//! journal entry, so a bucket here holds only the entry number and a 32-bit hash tag
//! (8 bytes): growing re-places buckets by their tags without hashing any text, and a
//! lookup compares text only when a tag matches. Open addressing with linear probing, at
//! most 3/4 full, backward-shift deletion (used when a failed transaction forgets the
//! entries it added).

use super::interner::{grow, place_from, remove_at};

/// An empty bucket's entry number.
const EMPTY: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    /// The reference's hash tag ([`super::interner::tag_of`]); its low bits are the home.
    tag: u32,
    /// The journal entry that posted it, or [`EMPTY`].
    entry: u32,
}

const VACANT: Bucket = Bucket {
    tag: 0,
    entry: EMPTY,
};

/// Reference → journal entry; the texts are looked up through the entry.
#[derive(Debug, Clone, Default)]
pub(super) struct RefIndex {
    /// A power of two of buckets (empty until the first insert).
    table: Vec<Bucket>,
    len: usize,
}

impl RefIndex {
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The number of references held.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Whether no reference is held.
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entry that posted the reference `name` (hash tag `tag`), if any. `text(e)` is
    /// the reference of entry `e`.
    pub(super) fn get<'t>(
        &self,
        tag: u32,
        name: &str,
        text: impl Fn(u32) -> &'t str,
    ) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.mask();
        let mut i = tag as usize & mask;
        loop {
            let b = self.table[i];
            if b.entry == EMPTY {
                return None;
            }
            if b.tag == tag && text(b.entry) == name {
                return Some(b.entry);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds a reference (not already held) posted by `entry`.
    pub(super) fn insert(&mut self, tag: u32, entry: u32) {
        debug_assert_ne!(entry, EMPTY);
        if (self.len + 1) * 4 > self.table.len() * 3 {
            self.grow();
        }
        self.place(Bucket { tag, entry });
        self.len += 1;
    }

    fn place(&mut self, b: Bucket) {
        let home = b.tag as usize & self.mask();
        place_from(&mut self.table, home, b, |b| b.entry != EMPTY);
    }

    /// Doubles the table (16 buckets at first) and re-places every bucket by its tag.
    fn grow(&mut self) {
        grow(
            &mut self.table,
            VACANT,
            |b| b.entry != EMPTY,
            |b, size| b.tag as usize & (size - 1),
        );
    }

    /// Forgets the reference with hash tag `tag` posted by `entry` (a no-op if absent).
    pub(super) fn remove(&mut self, tag: u32, entry: u32) {
        if self.table.is_empty() {
            return;
        }
        let mask = self.mask();
        let mut i = tag as usize & mask;
        loop {
            let b = self.table[i];
            if b.entry == EMPTY {
                return;
            }
            if b.entry == entry {
                remove_at(
                    &mut self.table,
                    i,
                    VACANT,
                    |b| b.entry != EMPTY,
                    |b| b.tag as usize & mask,
                );
                self.len -= 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::interner::tag_of;
    use super::RefIndex;

    #[test]
    fn finds_every_reference_through_growth_and_removals() {
        // References of entries 0..n; text(e) is entry e's reference. Some share a tag by
        // construction (a tiny table makes every probe run long).
        let names: Vec<String> = (0..3000).map(|k| format!("ORD-{k}")).collect();
        let text = |e: u32| names[e as usize].as_str();
        let mut ix = RefIndex::default();
        for (e, n) in names.iter().enumerate() {
            assert_eq!(ix.get(tag_of(n), n, text), None);
            ix.insert(tag_of(n), e as u32);
        }
        assert_eq!(ix.len(), names.len());
        for (e, n) in names.iter().enumerate() {
            assert_eq!(ix.get(tag_of(n), n, text), Some(e as u32));
        }
        assert_eq!(ix.get(tag_of("ORD-x"), "ORD-x", text), None);
        // Forget the newest half, newest first (as a rollback does), then some others.
        for e in (1500..3000).rev() {
            ix.remove(tag_of(&names[e]), e as u32);
        }
        for e in (0..1500).step_by(7) {
            ix.remove(tag_of(&names[e]), e as u32);
        }
        for (e, n) in names.iter().enumerate() {
            let kept = e < 1500 && e % 7 != 0;
            assert_eq!(ix.get(tag_of(n), n, text), kept.then_some(e as u32), "{n}");
        }
        ix.remove(tag_of("absent"), 5);
        assert_eq!(ix.len(), 1500 - 1500usize.div_ceil(7));
    }

    #[test]
    fn equal_tags_are_told_apart_by_their_text() {
        let names = ["a", "b", "c", "d"];
        let text = |e: u32| names[e as usize];
        let mut ix = RefIndex::default();
        // Force one tag for all: only the text comparison can tell them apart.
        for e in 0..4 {
            ix.insert(7, e);
        }
        for (e, n) in names.iter().enumerate() {
            assert_eq!(ix.get(7, n, text), Some(e as u32));
        }
        ix.remove(7, 1);
        assert_eq!(ix.get(7, "b", text), None);
        assert_eq!(ix.get(7, "d", text), Some(3));
    }
}
