//! Inventory costing: FIFO, LIFO and moving (perpetual weighted) average over cost layers.
//!
//! # Exactness and rounding
//!
//! Quantities and money are [`Decimal`]s, never floating point. Every money amount the
//! ledger stores is in the ledger's *money scale* (2 decimal places by default: cents): a
//! receipt of `q` units at unit cost `c` adds a layer worth `q × c` rounded half away from
//! zero to that scale (a unit cost may carry more places than the currency; the extended
//! value is a money amount, as an accounting system would post it). When an issue consumes
//! only part of a layer (FIFO/LIFO) or of the pool (moving average), the value taken is
//! `layer value × taken / layer quantity` **rounded half away from zero to the ledger's
//! money scale** (2 decimal places by default: cents); an issue that empties a layer or the
//! pool takes its exact remaining value. The value taken is subtracted from the layer, so
//! for every movement `value before = value after + value that left` holds exactly, to the
//! cent and below, and the sum of COGS over a layer's life is exactly what it cost.
//!
//! # Transfers
//!
//! Units moved to another location or condition take their layers with them: each piece
//! keeps its value and receipt time, and joins the destination's queue in receipt-time
//! order, after the layers already there with the same receipt time. The pieces of one
//! movement keep the order they had at the source (oldest first, also under LIFO, which
//! takes them newest first), so FIFO and LIFO take them at the destination in the order
//! they would have taken them at the source.
//!
//! # Moving average
//!
//! The pool's value is authoritative; its unit cost is `value / quantity`. Layers are still
//! kept for quantities and receipt times (consumed first-in first-out) so that stock can be
//! aged; in valuations they are shown at the average unit cost.
//!
//! # Negative stock
//!
//! When a ledger allows negative stock (backorders), an issue beyond the units on hand
//! takes every layer and books the missing units at a *provisional* cost: the pool's last
//! known unit cost (the last receipt's, or the last issued unit's; zero if none was ever
//! known). The pool then holds a negative quantity with a negative value. The next units
//! to arrive first cover that deficit: the difference between their actual cost and the
//! provisional cost of the units they cover is booked as a COGS true-up on that receipt,
//! so that the total COGS is exactly the actual cost of what was sold.

mod pro_rata;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;
use std::str::FromStr;

use crate::error::LedgerError;
use crate::time::Timestamp;

/// How issued units are costed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostMethod {
    /// First in, first out: the oldest layers leave first.
    #[default]
    Fifo,
    /// Last in, first out: the newest layers leave first.
    Lifo,
    /// Moving (perpetual weighted) average: every unit leaves at the current average cost.
    MovingAverage,
}

impl CostMethod {
    /// The lowercase name (`"fifo"`, `"lifo"`, `"moving_average"`).
    pub fn as_str(self) -> &'static str {
        match self {
            CostMethod::Fifo => "fifo",
            CostMethod::Lifo => "lifo",
            CostMethod::MovingAverage => "moving_average",
        }
    }
}

impl fmt::Display for CostMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CostMethod {
    type Err = LedgerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fifo" => Ok(CostMethod::Fifo),
            "lifo" => Ok(CostMethod::Lifo),
            "moving_average" | "average" | "avco" => Ok(CostMethod::MovingAverage),
            _ => Err(LedgerError::InvalidInput {
                message: format!(
                    "unknown costing method {s:?} (expected fifo, lifo or moving_average)"
                ),
            }),
        }
    }
}

/// One cost layer: units received together, with their total value and receipt time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Units left in the layer (> 0).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// Their total value (for moving-average pools this is zero: the pool value is authoritative).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub value: Decimal,
    /// When the units were first received (kept across transfers).
    pub received_at: Timestamp,
    /// The journal sequence number of the movement that brought these units into the books
    /// (a receipt, a customer return, units found), kept across transfers and
    /// reclassifications like the receipt time: the units' *origin*. A landed cost charged
    /// later to a receipt reaches exactly the units of that receipt still on hand, wherever
    /// they now are (see [`crate::ledger::MovementKind::LandedCost`]).
    #[serde(default)]
    pub origin: u32,
}

pub(crate) type CResult<T> = Result<T, LedgerError>;

/// `Ok(v)`, or an overflow error for `None`. (Not `ok_or`: it builds the error before it
/// knows whether it is needed, and then calls the error's drop glue on every success, in
/// the innermost loops of costing.)
fn or_overflow(v: Option<Decimal>, context: &'static str) -> CResult<Decimal> {
    match v {
        Some(v) => Ok(v),
        None => Err(LedgerError::Overflow { context }),
    }
}

/// `*total += x`, or an overflow error naming `context` (sums in queries: a total over
/// many positions or movements can leave the range of its parts).
pub(crate) fn add_to(total: &mut Decimal, x: Decimal, context: &'static str) -> CResult<()> {
    *total = add(*total, x, context)?;
    Ok(())
}

/// Makes a negative zero a plain zero (scale kept). Negating a zero `Decimal` gives a
/// negative zero, which text shows as `-0` and reads back as `0`; amounts the ledger
/// records or reports carry none.
pub(crate) fn clear_negative_zero(d: &mut Decimal) {
    if d.is_zero() {
        d.set_sign_negative(false);
    }
}

pub(crate) fn add(a: Decimal, b: Decimal, context: &'static str) -> CResult<Decimal> {
    or_overflow(a.checked_add(b), context)
}

pub(crate) fn sub(a: Decimal, b: Decimal, context: &'static str) -> CResult<Decimal> {
    or_overflow(a.checked_sub(b), context)
}

pub(crate) fn mul(a: Decimal, b: Decimal, context: &'static str) -> CResult<Decimal> {
    or_overflow(a.checked_mul(b), context)
}

/// `quantity × unit_cost`, rounded to `scale` places half away from zero.
pub(crate) fn extended(quantity: Decimal, unit_cost: Decimal, scale: u32) -> CResult<Decimal> {
    Ok(mul(quantity, unit_cost, "an extended value")?
        .round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero))
}

/// `value × part / whole`, rounded to `scale` places half away from zero.
pub(crate) fn pro_rata(
    value: Decimal,
    part: Decimal,
    whole: Decimal,
    scale: u32,
) -> CResult<Decimal> {
    if part == whole {
        return Ok(value);
    }
    if let Some(v) = pro_rata::fast(value, part, whole, scale) {
        return Ok(v);
    }
    let product = mul(value, part, "a pro-rata value")?;
    let q = or_overflow(product.checked_div(whole), "a pro-rata value")?;
    Ok(q.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero))
}

/// Where a layer received at `t` goes in a queue ordered by receipt time: after every
/// layer received at or before `t` (the queue's `partition_point(|l| l.received_at <= t)`).
///
/// The search gallops from the front (indices 0, 1, 3, 7, …) before halving: units that
/// arrive out of order are mostly old stock moved between locations (a FIFO transfer takes
/// the oldest layers), which belongs near the front, and the front is the part of the queue
/// already in the CPU cache. Still O(log n) wherever the point is.
fn insertion_point(layers: &VecDeque<Layer>, t: Timestamp) -> usize {
    let n = layers.len();
    let mut lo = 0;
    let mut probe = 0;
    while probe < n && layers[probe].received_at <= t {
        lo = probe + 1;
        probe = 2 * probe + 1;
    }
    let mut hi = probe.min(n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if layers[mid].received_at <= t {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Units and value taken out of a pool.
///
/// The layers (pieces) taken are appended, when asked for, to a caller's buffer: oldest
/// first, each valued; for a moving-average pool the pieces carry quantities and times, and
/// values that add up to `value`.
#[derive(Debug, Default)]
pub(crate) struct Taken {
    /// Units taken.
    pub quantity: Decimal,
    /// Their value.
    pub value: Decimal,
}

/// One change to a pool's layer queue, recorded so that a failed transaction can be undone.
#[derive(Debug, Clone)]
pub(crate) enum LayerUndo {
    /// A layer was removed from the front: put it back.
    PoppedFront(Layer),
    /// A layer was removed from the back: put it back.
    PoppedBack(Layer),
    /// The front layer was changed: restore it.
    SetFront(Layer),
    /// The back layer was changed: restore it.
    SetBack(Layer),
    /// A layer was inserted at this index: remove it.
    Inserted(usize),
    /// The value of the layer at this index was changed (a landed cost): restore it.
    Revalued(usize, Decimal),
}

/// The stock of one SKU at one location in one condition, with its cost layers.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Pool {
    pub method: CostMethod,
    /// Units (negative under a backorder deficit).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// Value (negative under a deficit, valued at the provisional cost).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub value: Decimal,
    /// The piece that sets the last known unit cost (the last receipt, or the newest piece
    /// issued), as (value, quantity): the division is done only when the cost is read (see
    /// [`Pool::last_unit_cost`]), not on every posting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_piece: Option<(Decimal, Decimal)>,
    /// Open layers, oldest receipt first. Empty when the quantity is ≤ 0.
    pub layers: VecDeque<Layer>,
}

/// The scalar part of a pool, saved before a change.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PoolScalars {
    pub quantity: Decimal,
    pub value: Decimal,
    pub last_piece: Option<(Decimal, Decimal)>,
}

impl Clone for Pool {
    /// A copy with the same spare room in its layer queue: a derived clone sizes the queue
    /// exactly, so the clone's first receipt into every position would reallocate and copy
    /// the whole queue (a cloned ledger is then slower to post into than the original).
    fn clone(&self) -> Self {
        let mut layers = VecDeque::with_capacity(self.layers.capacity());
        layers.extend(self.layers.iter().copied());
        Pool {
            method: self.method,
            quantity: self.quantity,
            value: self.value,
            last_piece: self.last_piece,
            layers,
        }
    }
}

impl Pool {
    pub(crate) fn new(method: CostMethod) -> Self {
        Pool {
            method,
            quantity: Decimal::ZERO,
            value: Decimal::ZERO,
            last_piece: None,
            layers: VecDeque::new(),
        }
    }

    pub(crate) fn scalars(&self) -> PoolScalars {
        PoolScalars {
            quantity: self.quantity,
            value: self.value,
            last_piece: self.last_piece,
        }
    }

    pub(crate) fn restore_scalars(&mut self, s: PoolScalars) {
        self.quantity = s.quantity;
        self.value = s.value;
        self.last_piece = s.last_piece;
    }

    pub(crate) fn undo_layer(&mut self, u: LayerUndo) {
        match u {
            LayerUndo::PoppedFront(l) => self.layers.push_front(l),
            LayerUndo::PoppedBack(l) => self.layers.push_back(l),
            LayerUndo::SetFront(l) => {
                if let Some(f) = self.layers.front_mut() {
                    *f = l;
                }
            }
            LayerUndo::SetBack(l) => {
                if let Some(b) = self.layers.back_mut() {
                    *b = l;
                }
            }
            LayerUndo::Inserted(i) => {
                self.layers.remove(i);
            }
            LayerUndo::Revalued(i, v) => {
                if let Some(l) = self.layers.get_mut(i) {
                    l.value = v;
                }
            }
        }
    }

    /// The last known unit cost: of the last receipt, or of the newest piece issued.
    pub(crate) fn last_unit_cost(&self) -> Option<Decimal> {
        self.last_piece
            .and_then(|(value, quantity)| value.checked_div(quantity))
    }

    /// The current unit cost: value / quantity when there is stock, else the last known one.
    pub(crate) fn unit_cost(&self) -> Option<Decimal> {
        if self.quantity > Decimal::ZERO {
            self.value.checked_div(self.quantity)
        } else {
            self.last_unit_cost()
        }
    }

    #[cfg(test)]
    /// Adds units worth `value` (received at `time`). Returns the COGS true-up booked when
    /// the units cover a deficit (actual − provisional cost of the covered units).
    pub(crate) fn add(
        &mut self,
        quantity: Decimal,
        value: Decimal,
        received_at: Timestamp,
        scale: u32,
        undo: &mut Vec<LayerUndo>,
    ) -> CResult<Decimal> {
        let pieces = [Layer {
            quantity,
            value,
            received_at,
            origin: 0,
        }];
        self.add_pieces(&pieces, scale, undo)
    }

    /// Adds the given pieces (each with its own value and receipt time).
    pub(crate) fn add_pieces(
        &mut self,
        pieces: &[Layer],
        scale: u32,
        undo: &mut Vec<LayerUndo>,
    ) -> CResult<Decimal> {
        let mut true_up = Decimal::ZERO;
        for piece in pieces {
            let mut piece = *piece;
            if piece.quantity <= Decimal::ZERO {
                continue;
            }
            if piece.quantity > Decimal::ZERO {
                self.last_piece = Some((piece.value, piece.quantity));
            }
            if self.quantity < Decimal::ZERO {
                // Cover the deficit first.
                let deficit = -self.quantity;
                let covered = piece.quantity.min(deficit);
                // What the deficit is booked at (positive; at zero cost, a plain zero).
                let mut owed = -self.value;
                clear_negative_zero(&mut owed);
                let provisional = pro_rata(owed, covered, deficit, scale)?;
                let actual = pro_rata(piece.value, covered, piece.quantity, scale)?;
                true_up = add(
                    true_up,
                    sub(actual, provisional, "a COGS true-up")?,
                    "a COGS true-up",
                )?;
                self.quantity = add(self.quantity, covered, "a pool quantity")?;
                self.value = add(self.value, provisional, "a pool value")?;
                piece.quantity = sub(piece.quantity, covered, "a layer quantity")?;
                piece.value = sub(piece.value, actual, "a layer value")?;
                if piece.quantity.is_zero() {
                    continue;
                }
            }
            self.quantity = add(self.quantity, piece.quantity, "a pool quantity")?;
            self.value = add(self.value, piece.value, "a pool value")?;
            let mut layer = piece;
            if self.method == CostMethod::MovingAverage {
                layer.value = Decimal::ZERO;
            }
            // Keep layers ordered by receipt time; ties keep arrival order. Most units
            // arrive newer than every open layer: append without searching.
            let idx = if self
                .layers
                .back()
                .is_none_or(|b| b.received_at <= layer.received_at)
            {
                self.layers.push_back(layer);
                self.layers.len() - 1
            } else {
                let idx = insertion_point(&self.layers, layer.received_at);
                self.layers.insert(idx, layer);
                idx
            };
            undo.push(LayerUndo::Inserted(idx));
        }
        Ok(true_up)
    }

    /// Takes `quantity` units out. With `allow_negative`, units beyond those on hand are
    /// booked against a deficit at the provisional (last known) unit cost.
    ///
    /// The caller has checked availability when negative stock is not allowed; this returns
    /// `None` if there are not enough units and `allow_negative` is false.
    #[cfg(test)]
    pub(crate) fn take(
        &mut self,
        quantity: Decimal,
        allow_negative: bool,
        scale: u32,
        undo: &mut Vec<LayerUndo>,
    ) -> CResult<Option<Taken>> {
        self.take_into(quantity, allow_negative, scale, undo, None)
    }

    /// As [`Pool::take`], appending the pieces taken (oldest first) to `pieces` if given.
    pub(crate) fn take_into(
        &mut self,
        quantity: Decimal,
        allow_negative: bool,
        scale: u32,
        undo: &mut Vec<LayerUndo>,
        mut pieces: Option<&mut Vec<Layer>>,
    ) -> CResult<Option<Taken>> {
        let pieces_start = pieces.as_ref().map_or(0, |p| p.len());
        // The first and the latest piece taken (the newest piece ends up last in receipt order:
        // the latest taken for FIFO and moving average, the first taken for LIFO).
        let mut first_piece: Option<Layer> = None;
        let mut last_piece: Option<Layer> = None;
        let on_hand = self.quantity.max(Decimal::ZERO);
        if quantity > on_hand && !allow_negative {
            return Ok(None);
        }
        let from_stock = quantity.min(on_hand);
        let mut taken = Taken::default();
        if from_stock > Decimal::ZERO {
            let value = if self.method == CostMethod::MovingAverage {
                pro_rata(self.value, from_stock, self.quantity, scale)?
            } else {
                Decimal::ZERO
            };
            let mut remaining = from_stock;
            let mut value_left = value;
            while remaining > Decimal::ZERO {
                let lifo = self.method == CostMethod::Lifo;
                let layer = if lifo {
                    self.layers.back()
                } else {
                    self.layers.front()
                };
                let Some(&layer) = layer else {
                    return Err(LedgerError::InvalidInput {
                        message: "internal: cost layers do not cover the pool quantity".into(),
                    });
                };
                let part = remaining.min(layer.quantity);
                let piece_value = match self.method {
                    CostMethod::MovingAverage => {
                        // The pieces carry the average value; the last piece takes the remainder.
                        if part == remaining {
                            value_left
                        } else {
                            pro_rata(value, part, from_stock, scale)?
                        }
                    }
                    _ => pro_rata(layer.value, part, layer.quantity, scale)?,
                };
                if part == layer.quantity {
                    if lifo {
                        self.layers.pop_back();
                        undo.push(LayerUndo::PoppedBack(layer));
                    } else {
                        self.layers.pop_front();
                        undo.push(LayerUndo::PoppedFront(layer));
                    }
                } else {
                    let rest = Layer {
                        quantity: sub(layer.quantity, part, "a layer quantity")?,
                        value: if self.method == CostMethod::MovingAverage {
                            Decimal::ZERO
                        } else {
                            sub(layer.value, piece_value, "a layer value")?
                        },
                        received_at: layer.received_at,
                        origin: layer.origin,
                    };
                    if lifo {
                        *self.layers.back_mut().expect("checked above") = rest;
                        undo.push(LayerUndo::SetBack(layer));
                    } else {
                        *self.layers.front_mut().expect("checked above") = rest;
                        undo.push(LayerUndo::SetFront(layer));
                    }
                }
                let piece = Layer {
                    quantity: part,
                    value: piece_value,
                    received_at: layer.received_at,
                    origin: layer.origin,
                };
                if first_piece.is_none() {
                    first_piece = Some(piece);
                }
                last_piece = Some(piece);
                if let Some(p) = pieces.as_deref_mut() {
                    p.push(piece);
                }
                taken.value = add(taken.value, piece_value, "a value taken")?;
                value_left = sub(value_left, piece_value, "a value taken")?;
                remaining -= part;
            }
            let newest = if self.method == CostMethod::Lifo {
                if let Some(p) = pieces {
                    p[pieces_start..].reverse();
                }
                first_piece
            } else {
                last_piece
            };
            taken.quantity = from_stock;
            if let Some(last) = newest {
                self.last_piece = Some((last.value, last.quantity));
            }
            self.quantity = sub(self.quantity, from_stock, "a pool quantity")?;
            self.value = sub(self.value, taken.value, "a pool value")?;
            if self.quantity.is_zero() && !self.value.is_zero() {
                // Cannot happen: emptying takes the exact remaining value.
                return Err(LedgerError::InvalidInput {
                    message: "internal: value left in an empty pool".into(),
                });
            }
        }
        let short = quantity - from_stock;
        if short > Decimal::ZERO {
            let unit = self.last_unit_cost().unwrap_or(Decimal::ZERO);
            let provisional = extended(short, unit, scale)?;
            self.quantity = sub(self.quantity, short, "a pool quantity")?;
            self.value = sub(self.value, provisional, "a pool value")?;
            taken.quantity = add(taken.quantity, short, "a quantity taken")?;
            taken.value = add(taken.value, provisional, "a value taken")?;
        }
        Ok(Some(taken))
    }

    /// The open layers, valued (for moving average, at the pool's average, the last layer
    /// taking the exact remainder).
    pub(crate) fn valued_layers(&self, scale: u32) -> Vec<Layer> {
        if self.method != CostMethod::MovingAverage {
            return self.layers.iter().copied().collect();
        }
        let mut out = Vec::with_capacity(self.layers.len());
        let mut left = self.value;
        let n = self.layers.len();
        for (i, l) in self.layers.iter().enumerate() {
            let v = if i + 1 == n {
                left
            } else {
                pro_rata(self.value, l.quantity, self.quantity, scale).unwrap_or(Decimal::ZERO)
            };
            left -= v;
            out.push(Layer { value: v, ..*l });
        }
        out
    }

    /// The layers received at `time`: the queue is ordered by receipt time, and the units
    /// of a movement keep its time wherever they go, so a movement's layers are among them.
    fn received_at(&self, time: Timestamp) -> std::ops::Range<usize> {
        let lo = self.layers.partition_point(|l| l.received_at < time);
        let hi = lo
            + self
                .layers
                .range(lo..)
                .take_while(|l| l.received_at == time)
                .count();
        lo..hi
    }

    /// The units of this pool's layers that came in with the movement `origin`, received at
    /// `time` (that movement's time).
    pub(crate) fn origin_quantity(&self, origin: u32, time: Timestamp) -> CResult<Decimal> {
        let mut q = Decimal::ZERO;
        for i in self.received_at(time) {
            let l = &self.layers[i];
            if l.origin == origin {
                q = add(q, l.quantity, "the units of a receipt")?;
            }
        }
        Ok(q)
    }

    /// Adds `amount` (≥ 0) to the value of this pool's units from `origin`, of which there
    /// are `held` (> 0, as [`Pool::origin_quantity`] gave). The pool's value grows by
    /// exactly `amount`. Under FIFO and LIFO the amount is spread over those layers in queue
    /// order, each taking `what is left × its units / the units left` rounded half away from
    /// zero to `scale`, so the last takes the exact remainder and no part is negative; under
    /// moving average only the pool's value changes (its layers carry no value).
    pub(crate) fn add_to_origin(
        &mut self,
        origin: u32,
        time: Timestamp,
        amount: Decimal,
        held: Decimal,
        scale: u32,
        undo: &mut Vec<LayerUndo>,
    ) -> CResult<()> {
        if self.method != CostMethod::MovingAverage {
            let mut value_left = amount;
            let mut units_left = held;
            for i in self.received_at(time) {
                let l = &mut self.layers[i];
                if l.origin != origin || units_left <= Decimal::ZERO {
                    continue;
                }
                let part = pro_rata(value_left, l.quantity, units_left, scale)?;
                undo.push(LayerUndo::Revalued(i, l.value));
                l.value = add(l.value, part, "a layer value")?;
                value_left = sub(value_left, part, "a landed cost")?;
                units_left = sub(units_left, l.quantity, "the units of a receipt")?;
            }
        }
        self.value = add(self.value, amount, "a pool value")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn pool_with(method: CostMethod) -> Pool {
        let mut p = Pool::new(method);
        let mut u = Vec::new();
        p.add(d("10"), d("100.00"), 1, 2, &mut u).unwrap();
        p.add(d("10"), d("120.00"), 2, 2, &mut u).unwrap();
        p.add(d("10"), d("110.00"), 3, 2, &mut u).unwrap();
        p
    }

    #[test]
    fn insertion_point_is_the_partition_point() {
        // Every queue length up to 40 with repeated times, every probe time around them.
        for n in 0..40usize {
            let layers: VecDeque<Layer> = (0..n)
                .map(|i| Layer {
                    quantity: Decimal::ONE,
                    value: Decimal::ZERO,
                    received_at: (i / 3) as Timestamp * 10,
                    origin: 0,
                })
                .collect();
            for t in -5..(n as Timestamp * 4 + 15) {
                assert_eq!(
                    insertion_point(&layers, t),
                    layers.partition_point(|l| l.received_at <= t),
                    "n {n} t {t}"
                );
            }
        }
    }

    #[test]
    fn worked_example_all_methods() {
        // Receive 10 @ 10.00, 10 @ 12.00, 10 @ 11.00, ship 15 (the worked check, by hand):
        // FIFO 10×10 + 5×12 = 160; LIFO 10×11 + 5×12 = 170; average 330/30 × 15 = 165.
        for (method, cogs, left) in [
            (CostMethod::Fifo, "160.00", "170.00"),
            (CostMethod::Lifo, "170.00", "160.00"),
            (CostMethod::MovingAverage, "165.00", "165.00"),
        ] {
            let mut p = pool_with(method);
            let t = p.take(d("15"), false, 2, &mut Vec::new()).unwrap().unwrap();
            assert_eq!(t.value, d(cogs), "{method}");
            assert_eq!(p.value, d(left), "{method}");
            assert_eq!(p.quantity, d("15"));
        }
    }

    #[test]
    fn partial_layer_rounds_to_cents_and_emptying_takes_remainder() {
        let mut p = Pool::new(CostMethod::Fifo);
        p.add(d("3"), d("10.00"), 0, 2, &mut Vec::new()).unwrap();
        let a = p.take(d("1"), false, 2, &mut Vec::new()).unwrap().unwrap();
        let b = p.take(d("1"), false, 2, &mut Vec::new()).unwrap().unwrap();
        let c = p.take(d("1"), false, 2, &mut Vec::new()).unwrap().unwrap();
        assert_eq!(
            (a.value, b.value, c.value),
            (d("3.33"), d("3.34"), d("3.33"))
        );
        assert!(p.layers.is_empty());
        assert_eq!(p.value, Decimal::ZERO);
    }

    #[test]
    fn deficit_is_trued_up_by_next_receipt() {
        let mut p = Pool::new(CostMethod::Fifo);
        p.add(d("2"), d("20.00"), 0, 2, &mut Vec::new()).unwrap();
        // Ship 5 with 2 on hand: 2 at 10.00 plus 3 provisional at the last cost 10.00.
        let t = p.take(d("5"), true, 2, &mut Vec::new()).unwrap().unwrap();
        assert_eq!(t.value, d("50.00"));
        assert_eq!((p.quantity, p.value), (d("-3"), d("-30.00")));
        // Receive 4 at 12.00: 3 cover the deficit (true-up 3 × 2.00 = 6.00), 1 is left at 12.00.
        let true_up = p.add(d("4"), d("48.00"), 1, 2, &mut Vec::new()).unwrap();
        assert_eq!(true_up, d("6.00"));
        assert_eq!((p.quantity, p.value), (d("1"), d("12.00")));
        // Total COGS = 50 + 6 = 56 = 2 × 10 + 3 × 12: the actual cost of the 5 units sold.
        assert_eq!(t.value + true_up, d("56.00"));
    }

    #[test]
    fn undo_restores_layers() {
        let mut p = pool_with(CostMethod::Lifo);
        let before = p.clone();
        let mut undo = Vec::new();
        let s = p.scalars();
        p.take(d("25"), false, 2, &mut undo).unwrap().unwrap();
        p.add(d("1"), d("1"), 0, 2, &mut undo).unwrap();
        while let Some(u) = undo.pop() {
            p.undo_layer(u);
        }
        p.restore_scalars(s);
        assert_eq!(p, before);
    }
}
