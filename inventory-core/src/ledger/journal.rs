//! The journal as the ledger keeps it: one compact entry per applied movement.
//!
//! An [`Entry`] holds interned SKU and location ids instead of owned names, shares its
//! reference and reservation strings with the ledger's indexes (`Arc<str>`), and links to the
//! previous entry of its SKU (so a SKU's history needs no index of its own). The public
//! [`JournalEntry`] values are materialized from it on demand, identical to what was posted.

use rust_decimal::Decimal;
use std::sync::Arc;

use super::{AdjustReason, Condition, JournalEntry, Movement, MovementKind, Outcome, Timestamp};

/// "No entry" in a link.
pub(super) const NONE: u32 = u32::MAX;

/// The kind of a movement, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Receive,
    Ship,
    CustomerReturn,
    ReturnToSupplier,
    Transfer,
    Reclassify,
    Adjust,
    CycleCount,
    Reserve,
    Release,
}

/// One applied movement and its outcome, compactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) time: Timestamp,
    /// The movement's quantity (counted units for a count; zero for a release of everything).
    pub(super) quantity: Decimal,
    /// The unit cost (zero when the movement has none: see `has_cost`).
    pub(super) unit_cost: Decimal,
    pub(super) out_quantity: Decimal,
    pub(super) out_value: Decimal,
    pub(super) out_cogs: Decimal,
    pub(super) out_moved: Decimal,
    pub(super) reference: Option<Arc<str>>,
    /// The purchase order, shipment or reservation named by the movement.
    pub(super) extra: Option<Arc<str>>,
    pub(super) sku: u32,
    /// The location (the source of a transfer).
    pub(super) location: u32,
    /// The destination of a transfer.
    pub(super) to: u32,
    /// The previous entry of the same SKU, or [`NONE`].
    pub(super) prev: u32,
    pub(super) kind: Kind,
    /// The condition (the source condition of a reclassification).
    pub(super) condition: Condition,
    /// The destination condition of a reclassification.
    pub(super) to_condition: Condition,
    pub(super) reason: AdjustReason,
    pub(super) has_cost: bool,
    pub(super) has_quantity: bool,
}

/// The ids and shared strings of a movement, as resolved while applying it.
#[derive(Debug, Default)]
pub(super) struct Resolved {
    pub(super) location: u32,
    pub(super) to: u32,
    pub(super) extra: Option<Arc<str>>,
}

impl Entry {
    /// The compact form of `m`, applied with `outcome`.
    pub(super) fn new(
        m: &Movement,
        sku: u32,
        r: Resolved,
        reference: Option<Arc<str>>,
        prev: u32,
        outcome: &Outcome,
    ) -> Entry {
        let mut e = Entry {
            time: m.time,
            quantity: Decimal::ZERO,
            unit_cost: Decimal::ZERO,
            out_quantity: outcome.quantity,
            out_value: outcome.value,
            out_cogs: outcome.cogs,
            out_moved: outcome.moved_value,
            reference,
            extra: r.extra,
            sku,
            location: r.location,
            to: r.to,
            prev,
            kind: Kind::Receive,
            condition: Condition::Sellable,
            to_condition: Condition::Sellable,
            reason: AdjustReason::Other,
            has_cost: false,
            has_quantity: true,
        };
        let opt_cost = |e: &mut Entry, c: &Option<Decimal>| {
            if let Some(c) = c {
                e.unit_cost = *c;
                e.has_cost = true;
            }
        };
        match &m.kind {
            MovementKind::Receive {
                quantity,
                unit_cost,
                ..
            } => {
                e.quantity = *quantity;
                e.unit_cost = *unit_cost;
                e.has_cost = true;
            }
            MovementKind::Ship { quantity, .. } => {
                e.kind = Kind::Ship;
                e.quantity = *quantity;
            }
            MovementKind::CustomerReturn {
                quantity,
                condition,
                unit_cost,
                ..
            } => {
                e.kind = Kind::CustomerReturn;
                e.quantity = *quantity;
                e.condition = *condition;
                opt_cost(&mut e, unit_cost);
            }
            MovementKind::ReturnToSupplier {
                quantity,
                condition,
                ..
            } => {
                e.kind = Kind::ReturnToSupplier;
                e.quantity = *quantity;
                e.condition = *condition;
            }
            MovementKind::Transfer {
                quantity,
                condition,
                ..
            } => {
                e.kind = Kind::Transfer;
                e.quantity = *quantity;
                e.condition = *condition;
            }
            MovementKind::Reclassify {
                quantity, from, to, ..
            } => {
                e.kind = Kind::Reclassify;
                e.quantity = *quantity;
                e.condition = *from;
                e.to_condition = *to;
            }
            MovementKind::Adjust {
                quantity,
                reason,
                condition,
                unit_cost,
                ..
            } => {
                e.kind = Kind::Adjust;
                e.quantity = *quantity;
                e.reason = *reason;
                e.condition = *condition;
                opt_cost(&mut e, unit_cost);
            }
            MovementKind::CycleCount {
                counted,
                condition,
                unit_cost,
                ..
            } => {
                e.kind = Kind::CycleCount;
                e.quantity = *counted;
                e.condition = *condition;
                opt_cost(&mut e, unit_cost);
            }
            MovementKind::Reserve { quantity, .. } => {
                e.kind = Kind::Reserve;
                e.quantity = *quantity;
            }
            MovementKind::Release { quantity, .. } => {
                e.kind = Kind::Release;
                match quantity {
                    Some(q) => e.quantity = *q,
                    None => e.has_quantity = false,
                }
            }
        }
        e
    }

    /// The outcome as returned when the movement was posted.
    pub(super) fn outcome(&self, sequence: u64) -> Outcome {
        Outcome {
            sequence,
            quantity: self.out_quantity,
            value: self.out_value,
            cogs: self.out_cogs,
            moved_value: self.out_moved,
            // A count's adjustment is its quantity change.
            adjustment: (self.kind == Kind::CycleCount).then_some(self.out_quantity),
            duplicate: false,
        }
    }

    /// The movement as posted, given the SKU and location names.
    pub(super) fn movement(&self, sku: &str, location: &str, to: Option<&str>) -> Movement {
        let sku = sku.to_owned();
        let location = location.to_owned();
        let extra = self.extra.as_deref().map(str::to_owned);
        let cost = self.has_cost.then_some(self.unit_cost);
        let quantity = self.quantity;
        let condition = self.condition;
        let kind = match self.kind {
            Kind::Receive => MovementKind::Receive {
                sku,
                location,
                quantity,
                unit_cost: self.unit_cost,
                purchase_order: extra,
            },
            Kind::Ship => MovementKind::Ship {
                sku,
                location,
                quantity,
                reservation: extra,
            },
            Kind::CustomerReturn => MovementKind::CustomerReturn {
                sku,
                location,
                quantity,
                condition,
                shipment: extra,
                unit_cost: cost,
            },
            Kind::ReturnToSupplier => MovementKind::ReturnToSupplier {
                sku,
                location,
                quantity,
                condition,
                purchase_order: extra,
            },
            Kind::Transfer => MovementKind::Transfer {
                sku,
                from: location,
                to: to.unwrap_or_default().to_owned(),
                quantity,
                condition,
            },
            Kind::Reclassify => MovementKind::Reclassify {
                sku,
                location,
                quantity,
                from: condition,
                to: self.to_condition,
            },
            Kind::Adjust => MovementKind::Adjust {
                sku,
                location,
                quantity,
                reason: self.reason,
                condition,
                unit_cost: cost,
            },
            Kind::CycleCount => MovementKind::CycleCount {
                sku,
                location,
                counted: quantity,
                condition,
                unit_cost: cost,
            },
            Kind::Reserve => MovementKind::Reserve {
                sku,
                location,
                quantity,
                reservation: extra.unwrap_or_default(),
            },
            Kind::Release => MovementKind::Release {
                sku,
                location,
                quantity: self.has_quantity.then_some(quantity),
                reservation: extra.unwrap_or_default(),
            },
        };
        Movement {
            time: self.time,
            reference: self.reference.as_deref().map(str::to_owned),
            kind,
        }
    }
}

/// Materializes journal entries.
pub(super) fn materialize(
    e: &Entry,
    sequence: u64,
    sku: &str,
    location: &str,
    to: Option<&str>,
) -> JournalEntry {
    JournalEntry {
        movement: e.movement(sku, location, to),
        outcome: e.outcome(sequence),
    }
}

/// Entries per chunk of a [`Chunked`] list (≈ 640 KiB of journal entries).
const CHUNK: usize = 4096;

/// A list kept in fixed-size chunks, for the journal and the undo log: growing it never moves
/// what it holds. A `Vec` copies everything each time it doubles, which for a journal of
/// years of movements means copying hundreds of megabytes in the middle of a posting (and,
/// until the copy is done, holding both copies).
#[derive(Debug, Clone)]
pub(super) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    /// The number of items.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// True when there are no items.
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends an item.
    pub(super) fn push(&mut self, item: T) {
        if self.len.is_multiple_of(CHUNK) && self.chunks.len() == self.len / CHUNK {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        if let Some(last) = self.chunks.last_mut() {
            last.push(item);
            self.len += 1;
        }
    }

    /// Removes every item, keeping the first chunk's allocation for reuse.
    pub(super) fn clear(&mut self) {
        self.chunks.truncate(1);
        if let Some(first) = self.chunks.first_mut() {
            first.clear();
        }
        self.len = 0;
    }

    /// Removes and returns the last item.
    pub(super) fn pop(&mut self) -> Option<T> {
        let last = self.chunks.last_mut()?;
        let item = last.pop();
        if last.is_empty() && self.chunks.len() > 1 {
            self.chunks.pop();
        }
        if item.is_some() {
            self.len -= 1;
        }
        item
    }
}

/// Equal when the items are equal (however the chunks were allocated).
impl<T: PartialEq> PartialEq for Chunked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len
            && self
                .chunks
                .iter()
                .flatten()
                .eq(other.chunks.iter().flatten())
    }
}

impl<T: Eq> Eq for Chunked<T> {}

impl<T> std::ops::Index<usize> for Chunked<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

#[cfg(test)]
mod tests {
    use super::{Chunked, CHUNK};

    #[test]
    fn chunked_list_behaves_like_a_vec_across_chunk_boundaries() {
        let mut c = Chunked::default();
        let mut v = Vec::new();
        for i in 0..(2 * CHUNK + 3) {
            c.push(i);
            v.push(i);
        }
        assert_eq!(c.len(), v.len());
        assert!((0..v.len()).all(|i| c[i] == v[i]));
        // Pop back across a boundary and grow again: same items, same equality.
        for _ in 0..(CHUNK + 5) {
            assert_eq!(c.pop(), v.pop());
        }
        for i in 0..10 {
            c.push(i + 1_000_000);
            v.push(i + 1_000_000);
        }
        assert_eq!(c.len(), v.len());
        assert!((0..v.len()).all(|i| c[i] == v[i]));
        let mut d = Chunked::default();
        for &x in &v {
            d.push(x);
        }
        assert_eq!(c, d);
        c.clear();
        assert!(c.is_empty());
        for i in 0..(CHUNK + 1) {
            c.push(i);
        }
        assert_eq!(c.len(), CHUNK + 1);
        assert!((0..=CHUNK).all(|i| c[i] == i));
        while c.pop().is_some() {}
        assert!(c.is_empty() && c == Chunked::default());
        c.push(7);
        assert_eq!((c.len(), c[0]), (1, 7));
    }
}
