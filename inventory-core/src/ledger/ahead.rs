//! Look-ahead for batch postings: the memory a movement will touch is requested several
//! movements before it is applied.
//!
//! Applying one movement reads a chain of memory, each step needing the one before: the
//! SKU's bucket in the name table, then its position's bucket in the position index, then
//! the position, then the ends of its cost-layer queue. With tens of thousands of positions
//! and a million layers, every step is a cache miss, and applying a movement one at a time
//! waits for each in turn. A batch knows the movements to come, so it runs the chain as a
//! pipeline: while movement `i` is applied, movement `i + 3`'s layers, `i + 8`'s position,
//! `i + 14`'s index buckets and `i + 20`'s name buckets are being loaded (x86-64
//! `PREFETCHT0` hints; distances of 2/4/8/12 measured the same on the benchmark machine,
//! where a movement takes about half a microsecond). Each stage reads only what the stage
//! before it loaded. Nothing here changes any state or result: a stale or missing guess
//! only costs the wait it would have saved; the ids resolved are handed to the movement
//! when it is applied ([`Known`]), so it does not look them up again.

use super::interner::tag_of;
use super::{prefetch, Condition, Ledger};

/// What a movement will touch, by name: a SKU at one location (the source of a transfer)
/// and, for a transfer, at a second one.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target<'a> {
    pub sku: &'a str,
    pub from: &'a str,
    pub to: Option<&'a str>,
    pub condition: Condition,
}

/// How far ahead of the movement being applied each stage runs.
const NAMES: usize = 20;
const KEYS: usize = 14;
const SLOTS: usize = 8;
const LAYERS: usize = 3;

/// Movements a batch buffers: the one being applied and [`NAMES`] more.
pub(super) const DEPTH: usize = NAMES + 1;

/// Ring size (a power of two above [`NAMES`]).
const RING: usize = 32;

// Each stage reads the ring entry an earlier, farther stage wrote for the same movement:
// the entry must not be reused before the movement is applied.
const _: () = assert!(RING.is_power_of_two() && RING > NAMES);
const _: () = assert!(NAMES > KEYS && KEYS > SLOTS && SLOTS > LAYERS && LAYERS > 0);

/// What the stages have learnt of one movement to come.
#[derive(Debug, Clone, Copy, Default)]
struct Stage {
    /// Whether the movement touches positions that are looked ahead.
    active: bool,
    condition: Condition,
    /// Name tags: SKU, source, destination.
    tags: [u32; 3],
    /// The ids resolved so far (all `None` while inactive).
    known: Known,
}

/// The look-ahead state of a batch posting.
#[derive(Debug, Default)]
pub(super) struct Ahead {
    ring: [Stage; RING],
}

/// What the look-ahead resolved for the movement about to be applied, so that applying it
/// does not hash its names and search the position index again. By role: index 0 is the
/// movement's location (a transfer's source), 1 a transfer's destination. `None` where it
/// was not known (a new name or position, a kind not looked ahead): then the movement
/// looks it up itself. Ids never change during a batch (a failure ends it), so what was
/// resolved a few movements earlier still holds.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Known {
    pub sku: Option<u32>,
    pub locations: [Option<u32>; 2],
    pub slots: [Option<u32>; 2],
}

impl Ahead {
    /// What was resolved for movement `i` (call after [`Ledger::look_ahead`] for `i`).
    pub(super) fn known(&self, i: usize) -> Known {
        self.ring[i % RING].known
    }
}

impl Ledger {
    /// Runs the look-ahead stages before movement `i` is applied. `target(j)` describes
    /// movement `j` (for `j` up to `i + NAMES`), or is `None` past the end and for kinds that
    /// are not looked ahead.
    pub(super) fn look_ahead<'a>(
        &self,
        ahead: &mut Ahead,
        i: usize,
        target: impl Fn(usize) -> Option<Target<'a>>,
    ) {
        // Names: hash them and load their buckets.
        let st = &mut ahead.ring[(i + NAMES) % RING];
        *st = Stage::default();
        if let Some(t) = target(i + NAMES) {
            st.active = true;
            st.condition = t.condition;
            st.tags = [tag_of(t.sku), tag_of(t.from), t.to.map_or(0, tag_of)];
            self.skus.prefetch(st.tags[0]);
            self.locations.prefetch(st.tags[1]);
            if t.to.is_some() {
                self.locations.prefetch(st.tags[2]);
            }
        }
        // Keys: resolve the ids, load the SKU's record and the position index buckets.
        let st = &mut ahead.ring[(i + KEYS) % RING];
        if st.active {
            if let Some(t) = target(i + KEYS) {
                let k = &mut st.known;
                k.sku = self.skus.get_tagged(st.tags[0], t.sku);
                k.locations = [
                    self.locations.get_tagged(st.tags[1], t.from),
                    t.to.and_then(|to| self.locations.get_tagged(st.tags[2], to)),
                ];
                if let Some(sku) = k.sku {
                    if let Some(info) = self.sku_info.get(sku as usize) {
                        prefetch(info);
                    }
                    for l in k.locations.into_iter().flatten() {
                        self.slot_index.prefetch(sku, l, st.condition);
                    }
                }
            }
        }
        // Slots: find the positions and load them (a slot spans up to three cache lines).
        let st = &mut ahead.ring[(i + SLOTS) % RING];
        if let (true, Some(sku)) = (st.active, st.known.sku) {
            let k = &mut st.known;
            for (slot, l) in k.slots.iter_mut().zip(k.locations) {
                *slot = l.and_then(|l| self.slot_index.get(sku, l, st.condition));
                if let Some(s) = slot.and_then(|p| self.slots.get(p as usize)) {
                    let s = std::ptr::from_ref(s).cast::<u8>();
                    prefetch(s);
                    prefetch(s.wrapping_add(64));
                    prefetch(s.wrapping_add(128));
                }
            }
        }
        // Layers: load both ends of the positions' layer queues.
        for p in ahead.ring[(i + LAYERS) % RING]
            .known
            .slots
            .into_iter()
            .flatten()
        {
            self.prefetch_ends(p);
        }
    }
}

/// What a movement touches, for the kinds that are looked ahead (receipts, shipments,
/// reservations and transfers: the bulk of any stream; the rarer kinds are not).
pub(super) fn target_of(m: &super::Movement) -> Option<Target<'_>> {
    use super::MovementKind as K;
    let (from, to, condition) = match &m.kind {
        K::Receive {
            location,
            condition,
            ..
        } => (location, None, *condition),
        K::Ship { location, .. } | K::Reserve { location, .. } | K::Release { location, .. } => {
            (location, None, Condition::Sellable)
        }
        K::Transfer {
            from,
            to,
            condition,
            ..
        } => (from, Some(to.as_str()), *condition),
        _ => return None,
    };
    Some(Target {
        sku: m.sku(),
        from,
        to,
        condition,
    })
}
