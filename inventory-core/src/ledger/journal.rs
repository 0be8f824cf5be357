//! The journal as the ledger keeps it: one compact entry per applied movement.
//!
//! An [`Entry`] holds interned SKU and location ids instead of owned names, the indices of
//! its reference and reservation strings in the ledger's table of texts (shared with the
//! ledger's indexes as `Arc<str>`), its amounts packed, and a link to the
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
    LandedCost,
}

/// The entry's amounts, by index into [`Entry`]'s packed arrays.
const QUANTITY: usize = 0;
const UNIT_COST: usize = 1;
const OUT_QUANTITY: usize = 2;
const OUT_VALUE: usize = 3;
const OUT_COGS: usize = 4;
const OUT_MOVED: usize = 5;
const AMOUNTS: usize = 6;

/// Sign bit of a packed amount's `meta` byte (the scale is the low five bits).
const NEGATIVE: u8 = 0x80;

/// One applied movement and its outcome, compactly (104 bytes).
///
/// The six amounts (the movement's quantity and unit cost, the outcome's quantity, value,
/// COGS and moved value) are kept as 64-bit mantissa magnitudes with a scale-and-sign byte
/// each, which holds every amount whose mantissa fits 64 bits (about 19 significant
/// digits: any realistic quantity or money amount) exactly, negative zero included. An
/// entry with a wider amount keeps all six as `Decimal`s in a box. Stored as `Decimal`s,
/// the six took 96 bytes and an entry 160: the journal is most of a ledger's memory, and
/// writing it is much of a posting's time. Texts (reference, purchase order, shipment,
/// reservation) are indices into the ledger's table of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) time: Timestamp,
    amounts: Amounts,
    /// The reference, as an index into the ledger's texts, or [`NONE`].
    pub(super) reference: u32,
    /// The purchase order, shipment or reservation named by the movement, as an index into
    /// the ledger's texts, or [`NONE`].
    pub(super) extra: u32,
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

/// The six amounts of an entry, packed (see [`Entry`]).
#[derive(Clone)]
struct Amounts {
    /// Mantissa magnitudes (unused when `wide` is set).
    mantissas: [u64; AMOUNTS],
    /// The six amounts, when one of them does not fit `mantissas`.
    wide: Option<Box<[Decimal; AMOUNTS]>>,
    /// Scale (low five bits) and sign ([`NEGATIVE`]) of each amount.
    meta: [u8; AMOUNTS],
}

impl Amounts {
    /// The six amounts (in the order of the indices above), packed.
    fn new(amounts: [Decimal; AMOUNTS]) -> Amounts {
        let mut packed = Amounts {
            mantissas: [0; AMOUNTS],
            wide: None,
            meta: [0; AMOUNTS],
        };
        for (i, d) in amounts.iter().enumerate() {
            let Some((magnitude, meta)) = pack(*d) else {
                packed.wide = Some(Box::new(amounts));
                break;
            };
            packed.mantissas[i] = magnitude;
            packed.meta[i] = meta;
        }
        packed
    }

    /// Amount `i` (one of the indices above).
    fn get(&self, i: usize) -> Decimal {
        match &self.wide {
            Some(wide) => wide[i],
            None => unpack(self.mantissas[i], self.meta[i]),
        }
    }

    fn unpacked(&self) -> [Decimal; AMOUNTS] {
        std::array::from_fn(|i| self.get(i))
    }
}

/// Equal when the amounts are equal as numbers (as `Decimal` compares them).
impl PartialEq for Amounts {
    fn eq(&self, other: &Self) -> bool {
        self.unpacked() == other.unpacked()
    }
}

impl Eq for Amounts {}

/// The amounts unpacked (quantity, unit cost, outcome quantity, value, COGS, moved value).
impl std::fmt::Debug for Amounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.unpacked().fmt(f)
    }
}

/// `d` as a 64-bit mantissa magnitude and a scale-and-sign byte, if its mantissa fits.
fn pack(d: Decimal) -> Option<(u64, u8)> {
    let magnitude = u64::try_from(d.mantissa().unsigned_abs()).ok()?;
    // A scale is at most 28: it fits the low five bits.
    let scale = d.scale() as u8;
    let sign = if d.is_sign_negative() { NEGATIVE } else { 0 };
    Some((magnitude, scale | sign))
}

/// The decimal [`pack`] packed.
fn unpack(magnitude: u64, meta: u8) -> Decimal {
    let mut d = Decimal::from_parts(
        magnitude as u32,
        (magnitude >> 32) as u32,
        0,
        false,
        u32::from(meta & !NEGATIVE),
    );
    // After construction: `from_parts` makes a negative zero positive.
    d.set_sign_negative(meta & NEGATIVE != 0);
    d
}

/// The ids and shared strings of a movement, as resolved while applying it.
#[derive(Debug, Default)]
pub(super) struct Resolved {
    pub(super) location: u32,
    pub(super) to: u32,
    pub(super) extra: Option<Arc<str>>,
}

impl Entry {
    /// The compact form of `m`, applied with `outcome`; `texts` are the indices of its
    /// reference and of its purchase order, shipment or reservation in the ledger's texts.
    pub(super) fn new(
        m: &Movement,
        sku: u32,
        r: Resolved,
        texts: [u32; 2],
        prev: u32,
        outcome: &Outcome,
    ) -> Entry {
        let p = m.parts();
        Entry {
            time: m.time,
            amounts: Amounts::new([
                p.quantity.unwrap_or(Decimal::ZERO),
                p.unit_cost.unwrap_or(Decimal::ZERO),
                outcome.quantity,
                outcome.value,
                outcome.cogs,
                outcome.moved_value,
            ]),
            reference: texts[0],
            extra: texts[1],
            sku,
            location: r.location,
            to: r.to,
            prev,
            kind: p.kind,
            condition: p.condition.unwrap_or(Condition::Sellable),
            to_condition: p.to_condition.unwrap_or(Condition::Sellable),
            reason: p.reason.unwrap_or(AdjustReason::Other),
            has_cost: p.unit_cost.is_some(),
            has_quantity: p.quantity.is_some(),
        }
    }

    /// Amount `i` (one of the indices above).
    fn amount(&self, i: usize) -> Decimal {
        self.amounts.get(i)
    }

    /// The movement's quantity (counted units for a count; zero for a release of everything).
    pub(super) fn quantity(&self) -> Decimal {
        self.amount(QUANTITY)
    }

    /// The unit cost (zero when the movement has none: see `has_cost`).
    pub(super) fn unit_cost(&self) -> Decimal {
        self.amount(UNIT_COST)
    }

    /// The outcome as returned when the movement was posted.
    pub(super) fn outcome(&self, sequence: u64) -> Outcome {
        Outcome {
            sequence,
            quantity: self.amount(OUT_QUANTITY),
            value: self.amount(OUT_VALUE),
            cogs: self.amount(OUT_COGS),
            moved_value: self.amount(OUT_MOVED),
            // A count's adjustment is its quantity change.
            adjustment: (self.kind == Kind::CycleCount).then(|| self.amount(OUT_QUANTITY)),
            duplicate: false,
        }
    }

    /// The movement as posted, given its names.
    pub(super) fn movement(&self, names: &Names<'_>) -> Movement {
        let sku = names.sku.to_owned();
        let location = names.location.to_owned();
        let to = names.to;
        let extra = names.extra.map(str::to_owned);
        let unit_cost = self.unit_cost();
        let cost = self.has_cost.then_some(unit_cost);
        let quantity = self.quantity();
        let condition = self.condition;
        let kind = match self.kind {
            Kind::Receive => MovementKind::Receive {
                sku,
                location,
                quantity,
                unit_cost,
                purchase_order: extra,
                condition,
            },
            // A landed cost keeps its receipt's sequence number where a transfer keeps
            // its destination.
            Kind::LandedCost => MovementKind::LandedCost {
                sku,
                receipt: u64::from(self.to),
                amount: unit_cost,
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
            reference: names.reference.map(str::to_owned),
            kind,
        }
    }
}

/// The names an entry holds by id, looked up.
pub(super) struct Names<'a> {
    pub(super) sku: &'a str,
    pub(super) location: &'a str,
    /// The destination of a transfer.
    pub(super) to: Option<&'a str>,
    pub(super) reference: Option<&'a str>,
    /// The purchase order, shipment or reservation.
    pub(super) extra: Option<&'a str>,
}

/// Materializes journal entries.
pub(super) fn materialize(e: &Entry, sequence: u64, names: Names<'_>) -> JournalEntry {
    JournalEntry {
        movement: e.movement(&names),
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
    use super::super::{Movement, Outcome, Resolved};
    use super::{pack, unpack, Chunked, Entry, Names, CHUNK, NONE};
    use rust_decimal::Decimal;

    /// Decimals at the edges of the packed form: zeros of both signs and every scale,
    /// mantissas around 2^32 and 2^64, the extremes of `Decimal`.
    fn edge_decimals() -> Vec<Decimal> {
        let mut v = Vec::new();
        for scale in [0, 1, 2, 9, 27, 28] {
            for m in [
                0u128,
                1,
                7,
                u32::MAX as u128,
                1 << 32,
                u64::MAX as u128,
                1 << 64,
            ] {
                for negative in [false, true] {
                    v.push(Decimal::from_i128_with_scale(m as i128, scale));
                    let mut d = Decimal::from_i128_with_scale(m as i128, scale);
                    d.set_sign_negative(negative);
                    v.push(d);
                }
            }
        }
        v.extend([
            Decimal::MAX,
            Decimal::MIN,
            -Decimal::ZERO,
            Decimal::new(-1999, 2),
        ]);
        v
    }

    #[test]
    fn packing_keeps_every_bit_of_a_decimal_that_fits() {
        for d in edge_decimals() {
            let fits = d.mantissa().unsigned_abs() <= u64::MAX as u128;
            match pack(d) {
                // The same bits: sign (negative zero too), scale and mantissa.
                Some((m, meta)) => assert_eq!(unpack(m, meta).serialize(), d.serialize(), "{d}"),
                None => assert!(!fits, "{d} fits 64 bits but was not packed"),
            }
            assert_eq!(pack(d).is_some(), fits, "{d}");
        }
    }

    #[test]
    fn an_entry_is_104_bytes_and_keeps_wide_amounts() {
        assert!(std::mem::size_of::<Entry>() <= 104);
        let edges = edge_decimals();
        // Every edge value in every amount position, next to ordinary ones.
        for (i, d) in edges.iter().enumerate() {
            let q = edges[(i + 1) % edges.len()];
            let m = Movement::receive("A", "W", q, *d, 5);
            let outcome = Outcome {
                sequence: 3,
                quantity: *d,
                value: Decimal::new(12345, 2),
                cogs: -*d,
                moved_value: q,
                adjustment: None,
                duplicate: false,
            };
            let e = Entry::new(&m, 0, Resolved::default(), [NONE; 2], NONE, &outcome);
            assert_eq!(e.outcome(3), outcome);
            let names = Names {
                sku: "A",
                location: "W",
                to: None,
                reference: None,
                extra: None,
            };
            assert_eq!(e.movement(&names), m);
            for (got, want) in [(e.quantity(), q), (e.unit_cost(), *d)] {
                assert_eq!(got.serialize(), want.serialize(), "{want}");
            }
            assert_eq!(e, e.clone());
        }
    }

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
