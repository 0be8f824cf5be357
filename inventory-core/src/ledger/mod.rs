//! The stock ledger: movements, positions, reservations, journal, snapshot.
//!
//! A [`Ledger`] records [`Movement`]s per SKU and location and answers what is on hand,
//! reserved, available and incoming, what it is worth (see [`crate::costing`]) and what it
//! cost to sell.
//!
//! # Guarantees
//!
//! - **Atomic**: [`Ledger::post`] applies a movement completely or returns an error and
//!   changes nothing; [`Ledger::post_batch`] is all-or-nothing. Every change is recorded in
//!   an undo log while a posting runs and undone on error.
//! - **Idempotent**: a movement with a [`Movement::reference`] already posted returns the
//!   first [`Outcome`] (with `duplicate: true`) and changes nothing; the same reference with
//!   a different payload is [`LedgerError::DuplicateReference`].
//! - **In time order per SKU**: a movement dated before the latest applied movement of its
//!   SKU is refused with [`LedgerError::OutOfOrder`]; equal times are fine.
//! - **Replayable**: [`Ledger::replay`] of the [`Ledger::journal`] into an empty ledger with
//!   the same [`LedgerConfig`] yields an identical ledger, and [`Ledger::to_json`] /
//!   [`Ledger::from_json`] round-trip exactly.
//!
//! # Quantities
//!
//! *On hand* is sellable stock; *reserved* is what open reservations hold of it;
//! *available* = on hand − reserved (it can be negative after a count or a write-off below
//! the reserved quantity, or with backorders); *incoming* is open purchase quantity (kept at
//! zero until purchase orders arrive with the planner); *damaged* and *quarantine* are
//! counted and valued but never available (see [`Condition`]).

mod ahead;
mod columns;
mod durable;
mod interner;
mod journal;
mod landed;
mod movement;
mod posting;
mod ref_index;
mod slot_index;
mod snapshot;
#[cfg(any(feature = "sqlite", test))]
pub(crate) mod wire;

pub use crate::demand::DemandHistory;
pub use crate::time::{
    civil_from_days, date_label, day_of, days_from_civil, iso_week, week_label, week_start,
    weekday, Period, Timestamp, MAX_TIMESTAMP, MIN_TIMESTAMP, SECONDS_PER_DAY,
};
pub use columns::MovementColumns;
pub use movement::{AdjustReason, Condition, JournalEntry, Movement, MovementKind, Outcome};
pub(crate) use posting::Posting;
pub use snapshot::SNAPSHOT_VERSION;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::{Borrow, Cow};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use interner::Interner;
use journal::{Chunked, Entry, Kind, Resolved, NONE};
use slot_index::SlotIndex;

use crate::costing::{self, CostMethod, Layer, LayerUndo, Pool, PoolScalars};
use crate::error::{Error, LedgerError, Result};
use crate::hash::FxHashMap;
use crate::purchasing::{OverReceipt, Purchasing, MAX_OVER_RECEIPT_TOLERANCE};

/// How a ledger costs, rounds and treats negative stock.
///
/// ```
/// use inventory_core::{CostMethod, Ledger, LedgerConfig};
///
/// let config = LedgerConfig::new()
///     .costing(CostMethod::MovingAverage)
///     .sku_costing("GIFT-CARD", CostMethod::Fifo)
///     .allow_negative(true)
///     .money_scale(2);
/// let ledger = Ledger::with_config(config).unwrap();
/// assert_eq!(ledger.config().costing, CostMethod::MovingAverage);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerConfig {
    /// The costing method of every SKU without an override. Default FIFO.
    pub costing: CostMethod,
    /// Per-SKU costing overrides.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sku_costing: BTreeMap<String, CostMethod>,
    /// Allow sellable stock to go negative (backorders) on shipments, negative adjustments
    /// and reservations. Default `false`: such movements are refused with
    /// [`LedgerError::InsufficientStock`].
    #[serde(default)]
    pub allow_negative: bool,
    /// Decimal places that partial-layer issue values are rounded to (half away from zero).
    /// Default 2 (cents); at most 12.
    pub money_scale: u32,
    /// What a receipt against a purchase order may bring beyond the line's quantity
    /// (default: nothing). Fixed for the ledger's life, so that replay reproduces it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub over_receipt: OverReceipt,
}

fn is_default<T: Default + PartialEq>(x: &T) -> bool {
    *x == T::default()
}

impl Default for LedgerConfig {
    fn default() -> Self {
        LedgerConfig {
            costing: CostMethod::Fifo,
            sku_costing: BTreeMap::new(),
            allow_negative: false,
            money_scale: 2,
            over_receipt: OverReceipt::Refuse,
        }
    }
}

impl LedgerConfig {
    /// The default configuration: FIFO, no negative stock, values rounded to cents.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the default costing method.
    pub fn costing(mut self, method: CostMethod) -> Self {
        self.costing = method;
        self
    }

    /// Overrides the costing method of one SKU.
    pub fn sku_costing(mut self, sku: impl Into<String>, method: CostMethod) -> Self {
        self.sku_costing.insert(sku.into(), method);
        self
    }

    /// Allows or refuses negative stock (backorders).
    pub fn allow_negative(mut self, allow: bool) -> Self {
        self.allow_negative = allow;
        self
    }

    /// Sets the money scale (decimal places of rounded issue values).
    pub fn money_scale(mut self, scale: u32) -> Self {
        self.money_scale = scale;
        self
    }

    /// Sets the over-receipt policy of purchase-order receipts.
    pub fn over_receipt(mut self, policy: OverReceipt) -> Self {
        self.over_receipt = policy;
        self
    }

    pub(crate) fn validate(&self) -> Result<(), LedgerError> {
        if self.money_scale > 12 {
            return Err(LedgerError::InvalidInput {
                message: format!("money_scale {} is larger than 12", self.money_scale),
            });
        }
        for sku in self.sku_costing.keys() {
            if sku.is_empty() {
                return Err(LedgerError::EmptyName { field: "sku" });
            }
        }
        if let OverReceipt::Tolerance(t) = self.over_receipt {
            if t.is_sign_negative() && !t.is_zero() {
                return Err(LedgerError::InvalidInput {
                    message: format!("over-receipt tolerance {t} % is negative"),
                });
            }
            if t > MAX_OVER_RECEIPT_TOLERANCE {
                return Err(LedgerError::InvalidInput {
                    message: format!(
                        "over-receipt tolerance {t} % is above {MAX_OVER_RECEIPT_TOLERANCE} % (accept any quantity with OverReceipt::Accept)"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// Stock of a SKU at one location, or summed across all locations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Sellable units physically there (negative under backorders).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub on_hand: Decimal,
    /// Units held by open reservations.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub reserved: Decimal,
    /// On hand − reserved.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub available: Decimal,
    /// Open purchase quantity not yet received.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub incoming: Decimal,
    /// Damaged units (counted, valued, not available).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub damaged: Decimal,
    /// Units in quarantine (counted, valued, not available).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quarantine: Decimal,
}

/// One open cost layer in a valuation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostLayer {
    /// Where the units are.
    pub location: String,
    /// Their condition.
    pub condition: Condition,
    /// How many.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// Value per unit (value / quantity).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub unit_cost: Decimal,
    /// Total value.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub value: Decimal,
    /// When they were first received.
    pub received_at: Timestamp,
    /// The journal sequence number of the movement that brought them into the books (see
    /// [`Layer::origin`]).
    pub origin: u64,
}

/// What a SKU's stock is worth, at one location or all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Valuation {
    /// The SKU.
    pub sku: String,
    /// The costing method of the SKU.
    pub method: CostMethod,
    /// Units, all conditions (negative under backorders).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// Total value.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub value: Decimal,
    /// value / quantity when the quantity is positive, else the last known unit cost.
    #[serde(default, deserialize_with = "crate::strict::option_decimal")]
    pub unit_cost: Option<Decimal>,
    /// The open cost layers, oldest receipt first (ties by location, then condition).
    pub layers: Vec<CostLayer>,
}

#[derive(Debug, Clone)]
struct SkuInfo {
    method: CostMethod,
    latest: Option<Timestamp>,
    pools: Vec<u32>,
    /// The SKU's latest journal entry ([`NONE`] if none); entries link to their predecessor.
    last: u32,
}

#[derive(Debug, Clone)]
struct Slot {
    sku: u32,
    location: u32,
    condition: Condition,
    pool: Pool,
    reserved: Decimal,
    /// The [`Txn::epoch`] of the last transaction that saved this slot's scalars.
    saved: u32,
}

/// A reservation's hold on a SKU at a location. The name is shared with the journal.
#[derive(Debug, Clone)]
struct ResKey {
    reservation: Arc<str>,
    sku: u32,
    location: u32,
}

/// A reservation key as parts, so that the map can be searched with a borrowed name.
trait ResView {
    fn parts(&self) -> (&str, u32, u32);
}

impl ResView for ResKey {
    fn parts(&self) -> (&str, u32, u32) {
        (&self.reservation, self.sku, self.location)
    }
}

impl ResView for (&str, u32, u32) {
    fn parts(&self) -> (&str, u32, u32) {
        *self
    }
}

impl<'a> Borrow<dyn ResView + 'a> for ResKey {
    fn borrow(&self) -> &(dyn ResView + 'a) {
        self
    }
}

impl Hash for dyn ResView + '_ {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

impl PartialEq for dyn ResView + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for dyn ResView + '_ {}

impl Hash for ResKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

impl PartialEq for ResKey {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for ResKey {}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ShipRecord {
    sku: u32,
    /// Units of the shipment not yet returned.
    quantity: Decimal,
    /// Their value (the shipment's COGS not yet reversed).
    value: Decimal,
}

/// One undoable change, other than to a cost layer (those are in [`Txn::layer_log`]).
#[derive(Debug, Clone)]
enum Undo {
    /// A slot's pool scalars and reserved quantity before the transaction first changed it.
    Slot(u32, PoolScalars, Decimal),
    Reservation(ResKey, Option<Decimal>),
    /// A shipment's record (by journal entry) before the transaction changed it.
    Shipment(u32, Option<ShipRecord>),
}

// The sizes the layer log's documentation gives (see `Txn::layer_log`).
const _: () = assert!(std::mem::size_of::<(u32, LayerUndo)>() <= 64);
const _: () = assert!(std::mem::size_of::<Undo>() >= 88);

/// The undo-log buffers kept between postings so that a posting allocates nothing for them.
#[derive(Debug, Clone, Default)]
struct Spare {
    log: Chunked<Undo>,
    layer_log: Chunked<(u32, LayerUndo)>,
    scratch: Vec<LayerUndo>,
    pieces: Vec<Layer>,
}

/// The undo log of a posting in progress.
pub(super) struct Txn {
    skus: usize,
    locations: usize,
    pools: usize,
    journal: usize,
    texts: usize,
    log: Chunked<Undo>,
    /// The cost-layer changes, by slot: the bulk of the records, kept apart from [`Undo`]
    /// because they are about half its size (64 bytes instead of 88; 56 before layers carried their origin). A rollback may undo
    /// the two logs one after the other: a layer record restores a slot's layer queue
    /// only, which no other record touches.
    layer_log: Chunked<(u32, LayerUndo)>,
    /// False when nothing will ever be rolled back (a replay into a new ledger, which is
    /// dropped on error): then no undo records are kept.
    undoable: bool,
    scratch: Vec<LayerUndo>,
    /// The pieces taken by a transfer or reclassification.
    pieces: Vec<Layer>,
    /// This transaction's number ([`Ledger::epoch`]): a slot saved with it is not saved again.
    epoch: u32,
    /// What a batch's look-ahead resolved for the movement being applied.
    known: ahead::Known,
    /// The journal entry (sequence number) of the movement being applied: the origin of
    /// the cost layers it creates.
    entry: u32,
    /// Where purchasing stood when the transaction began.
    docs: crate::purchasing::Mark,
    /// How many kit definitions and bundle postings there were when it began.
    kits: (usize, usize),
}

impl Txn {
    /// Saves a slot's scalars (pool quantity, value, last cost; reserved) before the
    /// transaction's first change to them. Later changes in the same transaction need no
    /// record: a rollback restores the state before the transaction, which is this one (a
    /// batch touching a position a hundred times logs it once). Slots created by the
    /// transaction are dropped on rollback and need none either.
    #[inline]
    fn save(&mut self, p: u32, slot: &mut Slot) {
        if self.undoable && slot.saved != self.epoch && (p as usize) < self.pools {
            slot.saved = self.epoch;
            self.log
                .push(Undo::Slot(p, slot.pool.scalars(), slot.reserved));
        }
    }

    /// Records how to undo one change (unless the transaction is not undoable).
    #[inline]
    fn record(&mut self, u: Undo) {
        if self.undoable {
            self.log.push(u);
        }
    }

    /// Moves the layer changes left in `scratch` by the pool into the log.
    #[inline]
    fn record_layers(&mut self, p: u32) {
        if self.undoable && (p as usize) < self.pools {
            for u in self.scratch.drain(..) {
                self.layer_log.push((p, u));
            }
        } else {
            self.scratch.clear();
        }
    }
}

/// Asks the CPU to start loading the cache line at `p` (a hint: never faults, changes
/// nothing). A no-op off x86-64.
#[inline(always)]
#[allow(unsafe_code)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 only hints the cache: it never faults (not even on an invalid
    // address) and changes no memory; SSE is part of every x86-64 CPU.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// How many lookups ahead [`Ledger::sku_ids`], [`Ledger::sellable_slots`] and
/// [`Ledger::free_units_of_slots`] load a bucket or a position.
const AHEAD: usize = 16;

/// Sellable units on hand less reserved over `slots`, not below zero (what
/// [`Ledger::free_units`] sums).
fn free_of<'a>(slots: impl Iterator<Item = &'a Slot>) -> Decimal {
    not_below_zero(
        slots
            .filter(|s| s.condition == Condition::Sellable)
            .fold(Decimal::ZERO, add_free),
    )
}

/// `free` + the units on hand less reserved of `s`, saturating: beyond the decimal range
/// is more than anything can need.
fn add_free(free: Decimal, s: &Slot) -> Decimal {
    let here = s
        .pool
        .quantity
        .checked_sub(s.reserved)
        .unwrap_or(Decimal::MIN);
    free.checked_add(here).unwrap_or(Decimal::MAX)
}

/// `d.max(Decimal::ZERO)`, without a full comparison.
fn not_below_zero(d: Decimal) -> Decimal {
    if d.is_sign_negative() && !d.is_zero() {
        Decimal::ZERO
    } else {
        d
    }
}

/// A stock ledger. See the [module documentation](self).
///
/// ```
/// use inventory_core::{Ledger, Movement};
/// use rust_decimal::Decimal;
///
/// let mut ledger = Ledger::new();
/// ledger.post(Movement::receive("MUG", "WH-1", Decimal::from(10), Decimal::new(400, 2), 0)).unwrap();
/// let out = ledger.post(Movement::ship("MUG", "WH-1", Decimal::from(3), 60)).unwrap();
/// assert_eq!(out.cogs, Decimal::new(1200, 2));
/// assert_eq!(ledger.position("MUG", Some("WH-1")).unwrap().on_hand, Decimal::from(7));
/// ```
#[derive(Debug, Clone)]
pub struct Ledger {
    config: LedgerConfig,
    skus: Interner,
    locations: Interner,
    sku_info: Vec<SkuInfo>,
    slots: Vec<Slot>,
    slot_index: SlotIndex,
    reservations: FxHashMap<ResKey, Decimal>,
    /// What is still returnable of each shipment posted with a reference, by its journal
    /// entry (a customer return names the shipment by reference: [`Ledger::references`]).
    shipments: FxHashMap<u32, ShipRecord>,
    /// Idempotency: each reference → the journal entry that posted it.
    references: ref_index::RefIndex,
    journal: Chunked<Entry>,
    /// The reference and the purchase order, shipment or reservation named by journal
    /// entries, which hold their index here (4 bytes, instead of 16 for a string pointer
    /// that most entries leave empty). Appended in journal order; shared with the indexes.
    texts: Chunked<Arc<str>>,
    /// Undo-log buffers kept between postings so that a posting allocates nothing for them.
    spare: Spare,
    /// Suppliers and purchase orders (see [`crate::purchasing`]).
    pub(crate) purchasing: Purchasing,
    /// Kit definitions (see [`crate::kits`]).
    pub(crate) kits: crate::kits::Kits,
    /// The store every transaction is committed to, if the ledger is durable (see
    /// [`crate::durable`]).
    durable: durable::DurableSlot,
    /// The number of the last transaction begun (see [`Txn::save`]); never 0 once one has.
    /// A failed batch into a pristine ledger resets it to 0 with the rest of the ledger,
    /// which is safe because that also drops every slot (and so every mark).
    epoch: u32,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger::new()
    }
}

impl PartialEq for Ledger {
    fn eq(&self, other: &Self) -> bool {
        self.config == other.config
            && self.journal == other.journal
            && self.texts == other.texts
            && self.purchasing == other.purchasing
            && self.kits == other.kits
            && self.state() == other.state()
    }
}

impl Eq for Ledger {}

/// Quantities carry at most this many decimal places, so that sums of quantities stay exact
/// within the 96-bit decimal range.
pub const MAX_QUANTITY_SCALE: u32 = 9;

fn quantity_scale(field: &'static str, q: Decimal) -> Result<(), LedgerError> {
    // Normalizing only lowers the scale: skip it when the scale is already small enough.
    if q.scale() > MAX_QUANTITY_SCALE && q.normalize().scale() > MAX_QUANTITY_SCALE {
        return Err(LedgerError::InvalidQuantity {
            field,
            value: q,
            reason: "has more than 9 decimal places",
        });
    }
    Ok(())
}

fn positive(field: &'static str, q: Decimal) -> Result<(), LedgerError> {
    if q <= Decimal::ZERO {
        return Err(LedgerError::InvalidQuantity {
            field,
            value: q,
            reason: "must be greater than zero",
        });
    }
    quantity_scale(field, q)
}

fn cost(c: Decimal) -> Result<(), LedgerError> {
    if c.is_sign_negative() && !c.is_zero() {
        return Err(LedgerError::NegativeCost { value: c });
    }
    Ok(())
}

fn name(field: &'static str, s: &str) -> Result<(), LedgerError> {
    if s.is_empty() {
        return Err(LedgerError::EmptyName { field });
    }
    Ok(())
}

fn opt_name(field: &'static str, s: &Option<String>) -> Result<(), LedgerError> {
    match s {
        Some(s) => name(field, s),
        None => Ok(()),
    }
}

fn check_time(field: &str, t: Timestamp) -> Result<(), LedgerError> {
    if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&t) {
        return Err(LedgerError::InvalidInput {
            message: format!(
                "{field} {t} is outside the years 1 to 9999 (seconds since the Unix epoch, UTC)"
            ),
        });
    }
    Ok(())
}

/// Checks a movement's fields on their own (no ledger state needed).
fn validate(m: &Movement) -> Result<(), LedgerError> {
    check_time("time", m.time)?;
    opt_name("reference", &m.reference)?;
    match &m.kind {
        MovementKind::Receive {
            sku,
            location,
            quantity,
            unit_cost,
            purchase_order,
            condition: _,
        } => {
            name("sku", sku)?;
            name("location", location)?;
            positive("quantity", *quantity)?;
            cost(*unit_cost)?;
            opt_name("purchase_order", purchase_order)
        }
        MovementKind::LandedCost { sku, amount, .. } => {
            name("sku", sku)?;
            if *amount <= Decimal::ZERO {
                return Err(LedgerError::InvalidInput {
                    message: format!("a landed cost must be positive, got {amount}"),
                });
            }
            Ok(())
        }
        MovementKind::Ship {
            sku,
            location,
            quantity,
            reservation,
        } => {
            name("sku", sku)?;
            name("location", location)?;
            positive("quantity", *quantity)?;
            opt_name("reservation", reservation)
        }
        MovementKind::CustomerReturn {
            sku,
            location,
            quantity,
            shipment,
            unit_cost,
            ..
        } => {
            name("sku", sku)?;
            name("location", location)?;
            positive("quantity", *quantity)?;
            opt_name("shipment", shipment)?;
            unit_cost.map_or(Ok(()), cost)
        }
        MovementKind::ReturnToSupplier {
            sku,
            location,
            quantity,
            purchase_order,
            ..
        } => {
            name("sku", sku)?;
            name("location", location)?;
            positive("quantity", *quantity)?;
            opt_name("purchase_order", purchase_order)
        }
        MovementKind::Transfer {
            sku,
            from,
            to,
            quantity,
            ..
        } => {
            name("sku", sku)?;
            name("from", from)?;
            name("to", to)?;
            positive("quantity", *quantity)?;
            if from == to {
                return Err(LedgerError::SameSourceAndDestination { what: "transfer" });
            }
            Ok(())
        }
        MovementKind::Reclassify {
            sku,
            location,
            quantity,
            from,
            to,
        } => {
            name("sku", sku)?;
            name("location", location)?;
            positive("quantity", *quantity)?;
            if from == to {
                return Err(LedgerError::SameSourceAndDestination {
                    what: "reclassification",
                });
            }
            Ok(())
        }
        MovementKind::Adjust {
            sku,
            location,
            quantity,
            unit_cost,
            ..
        } => {
            name("sku", sku)?;
            name("location", location)?;
            if quantity.is_zero() {
                return Err(LedgerError::InvalidQuantity {
                    field: "quantity",
                    value: *quantity,
                    reason: "an adjustment must not be zero",
                });
            }
            quantity_scale("quantity", *quantity)?;
            unit_cost.map_or(Ok(()), cost)
        }
        MovementKind::CycleCount {
            sku,
            location,
            counted,
            unit_cost,
            ..
        } => {
            name("sku", sku)?;
            name("location", location)?;
            if counted.is_sign_negative() && !counted.is_zero() {
                return Err(LedgerError::InvalidQuantity {
                    field: "counted",
                    value: *counted,
                    reason: "a count must not be negative",
                });
            }
            quantity_scale("counted", *counted)?;
            unit_cost.map_or(Ok(()), cost)
        }
        MovementKind::Reserve {
            sku,
            location,
            quantity,
            reservation,
        } => {
            name("sku", sku)?;
            name("location", location)?;
            positive("quantity", *quantity)?;
            name("reservation", reservation)
        }
        MovementKind::Release {
            sku,
            location,
            quantity,
            reservation,
        } => {
            name("sku", sku)?;
            name("location", location)?;
            if let Some(q) = quantity {
                positive("quantity", *q)?;
            }
            name("reservation", reservation)
        }
    }
}

/// An outcome before its sequence number is known.
#[derive(Default)]
struct Effect {
    quantity: Decimal,
    value: Decimal,
    cogs: Decimal,
    moved_value: Decimal,
    adjustment: Option<Decimal>,
}

impl Effect {
    /// No change of quantity or value.
    fn none() -> Effect {
        Effect::default()
    }
}

impl Ledger {
    /// An empty ledger with the default configuration (FIFO, no negative stock, cents).
    pub fn new() -> Self {
        Ledger {
            config: LedgerConfig::default(),
            skus: Interner::default(),
            locations: Interner::default(),
            sku_info: Vec::new(),
            slots: Vec::new(),
            slot_index: SlotIndex::default(),
            reservations: FxHashMap::default(),
            shipments: FxHashMap::default(),
            references: ref_index::RefIndex::default(),
            journal: Chunked::default(),
            texts: Chunked::default(),
            spare: Spare::default(),
            purchasing: Purchasing::default(),
            kits: crate::kits::Kits::default(),
            durable: durable::DurableSlot::default(),
            epoch: 0,
        }
    }

    /// An empty ledger with the given configuration.
    ///
    /// # Errors
    /// [`LedgerError::InvalidInput`] if the money scale is above 12, [`LedgerError::EmptyName`]
    /// for an override of an empty SKU.
    pub fn with_config(config: LedgerConfig) -> Result<Self> {
        config.validate()?;
        let mut l = Ledger::new();
        l.config = config;
        Ok(l)
    }

    /// Replays movements into an empty ledger with `config`, all-or-nothing.
    ///
    /// Replaying [`Ledger::journal`]'s movements yields a ledger equal to the original.
    pub fn replay(
        config: LedgerConfig,
        movements: impl IntoIterator<Item = Movement>,
    ) -> Result<Self> {
        let mut l = Ledger::with_config(config)?;
        // Into a new ledger: no undo log is kept (see `begin_batch`).
        l.post_all(movements, |_| ())?;
        Ok(l)
    }

    /// The configuration.
    pub fn config(&self) -> &LedgerConfig {
        &self.config
    }

    /// Sets the costing method of one SKU; refused once the SKU has movements.
    ///
    /// # Errors
    /// [`LedgerError::SkuAlreadyActive`], [`LedgerError::EmptyName`].
    pub fn set_sku_costing(&mut self, sku: &str, method: CostMethod) -> Result<()> {
        name("sku", sku)?;
        if self.skus.get(sku).is_some() {
            return Err(LedgerError::SkuAlreadyActive {
                sku: sku.to_owned(),
            }
            .into());
        }
        let before = self.config.sku_costing.insert(sku.to_owned(), method);
        let event = crate::durable::Event::Costing {
            first_movement: self.journal.len() as u64,
            sku: sku.to_owned(),
            method,
        };
        if let Err(e) = self.persist(Some(event)) {
            match before {
                Some(m) => self.config.sku_costing.insert(sku.to_owned(), m),
                None => self.config.sku_costing.remove(sku),
            };
            return Err(e);
        }
        Ok(())
    }

    /// The costing method a SKU uses (its override, or the ledger's default).
    pub fn costing_of(&self, sku: &str) -> CostMethod {
        match self.skus.get(sku) {
            Some(id) => self.sku_info[id as usize].method,
            None => *self
                .config
                .sku_costing
                .get(sku)
                .unwrap_or(&self.config.costing),
        }
    }

    /// Posts one movement, atomically. See the [module documentation](self).
    ///
    /// An amount that is a negative zero (which only Rust code can build: text never
    /// parses to one) is recorded as zero, so that the journal reads back from its JSON as
    /// the same text. Batches do the same.
    ///
    /// # Errors
    /// Any [`LedgerError`]; on error the ledger is unchanged (and, should the ledger itself
    /// panic, it is rolled back before the panic goes on, as batches are).
    pub fn post(&mut self, mut movement: Movement) -> Result<Outcome> {
        let txn = self.begin();
        self.atomically(txn, |l, txn| Ok(l.apply(txn, &mut movement)?))
    }

    /// Posts movements in order, all-or-nothing: on the first error nothing of the batch
    /// stays applied, and the error is [`Error::Batch`] with the failing movement's index.
    ///
    /// A batch is posted with a look-ahead: while one movement is applied, the memory that
    /// the next few will touch (their names' table buckets, position-index buckets,
    /// positions, and the ends of their cost-layer queues) is already being fetched, in
    /// stages (CPU prefetch hints), and the ids so resolved are reused when each movement
    /// is applied. This matters when the ledger is larger than the CPU caches (a replay of
    /// years of movements over many SKUs). The results are the same as posting one by one.
    /// The input iterator is read up to 20 movements ahead of the one being applied, so
    /// after an error up to 20 more items may have been taken from it. The undo log keeps
    /// one record of each position's quantities per batch, however often the batch changes
    /// them, and none into a new, empty ledger (see [`Ledger::replay`]). If the input
    /// iterator panics, the batch is rolled back before the panic goes on.
    pub fn post_batch(
        &mut self,
        movements: impl IntoIterator<Item = Movement>,
    ) -> Result<Vec<Outcome>> {
        let movements = movements.into_iter();
        // Sized up front from the input's length hint (capped: an endless or lying iterator
        // must not make this allocate, or overflow, before anything is posted): growing by
        // doubling would copy every outcome so far, again and again.
        let mut out = Vec::with_capacity(movements.size_hint().0.min(1 << 20));
        self.post_all(movements, |o| out.push(o))?;
        Ok(out)
    }

    /// [`Ledger::post_batch`], handing each outcome to `each`.
    fn post_all(
        &mut self,
        movements: impl IntoIterator<Item = Movement>,
        each: impl FnMut(Outcome),
    ) -> Result<()> {
        let txn = self.begin_batch();
        self.atomically(txn, |l, txn| l.post_all_in(txn, movements, each))
    }

    /// Runs `f`, which posts a batch in `txn`, then commits `txn` if `f` succeeded and
    /// rolls it back if it failed. `f` may run the caller's code (an input iterator, a
    /// callback for the outcomes): if that panics, the batch is rolled back before the
    /// panic goes on, so all-or-nothing holds then too. (The caller's code runs between
    /// movements, where the ledger is consistent.)
    pub(super) fn atomically<T>(
        &mut self,
        mut txn: Txn,
        f: impl FnOnce(&mut Ledger, &mut Txn) -> Result<T>,
    ) -> Result<T> {
        let run = std::panic::AssertUnwindSafe(|| f(self, &mut txn));
        match std::panic::catch_unwind(run) {
            Ok(Ok(v)) => {
                // A durable ledger commits to its store first: if the store refuses, the
                // transaction is rolled back and the call refused (see `crate::durable`).
                if let Err(e) = self.persist(None) {
                    self.rollback(txn);
                    return Err(e);
                }
                self.commit(txn);
                Ok(v)
            }
            Ok(Err(e)) => {
                self.rollback(txn);
                Err(e)
            }
            Err(panic) => {
                self.rollback(txn);
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// The body of [`Ledger::post_all`] (the caller commits or rolls back).
    fn post_all_in(
        &mut self,
        txn: &mut Txn,
        movements: impl IntoIterator<Item = Movement>,
        mut each: impl FnMut(Outcome),
    ) -> Result<()> {
        let mut input = movements.into_iter();
        // The movements not yet applied are `buffer[pos..]`: the one being applied and the
        // ones the look-ahead reads. Each movement is moved once, into the buffer; the
        // applied ones are dropped together every `WINDOW` movements (a queue would move
        // every movement in and out again: `memcpy` was 7 % of a batch's time).
        const WINDOW: usize = 256;
        let room = input.size_hint().0.min(WINDOW + ahead::DEPTH);
        let mut buffer: Vec<Movement> = Vec::with_capacity(room);
        let mut pos = 0;
        let mut look = ahead::Ahead::default();
        let mut index = 0;
        loop {
            if pos == WINDOW {
                buffer.drain(..pos);
                pos = 0;
            }
            while buffer.len() - pos < ahead::DEPTH {
                let Some(m) = input.next() else { break };
                buffer.push(m);
            }
            let window = &buffer[pos..];
            self.look_ahead(&mut look, index, |j| {
                window.get(j - index).and_then(ahead::target_of)
            });
            let Some(m) = buffer.get_mut(pos) else {
                break;
            };
            txn.known = look.known(index);
            match self.apply(txn, m) {
                Ok(o) => each(o),
                Err(e) => {
                    return Err(Error::Batch {
                        index,
                        source: Box::new(e.into()),
                    });
                }
            }
            pos += 1;
            index += 1;
        }
        Ok(())
    }

    fn begin(&mut self) -> Txn {
        let Spare {
            log,
            layer_log,
            scratch,
            pieces,
        } = std::mem::take(&mut self.spare);
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            // Wrapped after 2^32 transactions: forget every mark, so that no slot looks
            // saved by this transaction.
            for s in &mut self.slots {
                s.saved = 0;
            }
            self.epoch = 1;
        }
        Txn {
            skus: self.skus.names.len(),
            locations: self.locations.names.len(),
            pools: self.slots.len(),
            journal: self.journal.len(),
            texts: self.texts.len(),
            log,
            layer_log,
            undoable: true,
            scratch,
            pieces,
            epoch: self.epoch,
            known: ahead::Known::default(),
            entry: NONE,
            docs: self.purchasing.mark(),
            kits: (self.kits.records.len(), self.kits.bundles.len()),
        }
    }

    /// A transaction for a batch. Into a pristine ledger (nothing posted, no names: a new
    /// ledger being loaded or replayed) it keeps no undo records: a failure resets the
    /// ledger to a new one with the same configuration, which is exactly its state before
    /// the batch. Replays and first bulk loads so skip the undo log, which for a large
    /// batch is as large as the journal.
    fn begin_batch(&mut self) -> Txn {
        let pristine = self.journal.is_empty()
            && self.slots.is_empty()
            && self.skus.names.is_empty()
            && self.locations.names.is_empty()
            && self.sku_info.is_empty()
            && self.reservations.is_empty()
            && self.shipments.is_empty()
            && self.references.is_empty()
            && self.purchasing.is_empty()
            && self.kits.is_empty();
        let mut txn = self.begin();
        txn.undoable = !pristine;
        txn
    }

    /// Keeps what the transaction did and its buffers for the next one.
    fn commit(&mut self, mut txn: Txn) {
        self.purchasing.commit();
        txn.log.clear();
        txn.layer_log.clear();
        txn.scratch.clear();
        txn.pieces.clear();
        self.spare = Spare {
            log: txn.log,
            layer_log: txn.layer_log,
            scratch: txn.scratch,
            pieces: txn.pieces,
        };
    }

    fn rollback(&mut self, mut txn: Txn) {
        self.purchasing.rollback(txn.docs);
        self.kits.truncate(txn.kits.0, txn.kits.1);
        if !txn.undoable {
            // The ledger was pristine when the batch began (see `begin_batch`).
            let config = std::mem::take(&mut self.config);
            let durable = std::mem::take(&mut self.durable);
            *self = Ledger::new();
            self.config = config;
            self.durable = durable;
            return;
        }
        while let Some((p, l)) = txn.layer_log.pop() {
            if let Some(s) = self.slots.get_mut(p as usize) {
                s.pool.undo_layer(l);
            }
        }
        while let Some(u) = txn.log.pop() {
            match u {
                Undo::Slot(p, s, r) => {
                    if let Some(slot) = self.slots.get_mut(p as usize) {
                        slot.pool.restore_scalars(s);
                        slot.reserved = r;
                    }
                }
                Undo::Reservation(k, v) => match v {
                    Some(v) => {
                        self.reservations.insert(k, v);
                    }
                    None => {
                        self.reservations.remove(&k);
                    }
                },
                Undo::Shipment(k, v) => match v {
                    Some(v) => {
                        self.shipments.insert(k, v);
                    }
                    None => {
                        self.shipments.remove(&k);
                    }
                },
            }
        }
        // Append-only parts: truncate, newest first, unlinking each entry from its SKU.
        while self.journal.len() > txn.journal {
            let Some(e) = self.journal.pop() else { break };
            if e.reference != NONE {
                let tag = interner::tag_of(&self.texts[e.reference as usize]);
                self.references.remove(tag, self.journal.len() as u32);
            }
            let latest = (e.prev != NONE).then(|| self.journal[e.prev as usize].time);
            if let Some(info) = self.sku_info.get_mut(e.sku as usize) {
                info.last = e.prev;
                info.latest = latest;
            }
        }
        while self.texts.len() > txn.texts {
            self.texts.pop();
        }
        while self.slots.len() > txn.pools {
            if let Some(s) = self.slots.pop() {
                self.slot_index.remove(s.sku, s.location, s.condition);
                if let Some(info) = self.sku_info.get_mut(s.sku as usize) {
                    info.pools.retain(|&p| (p as usize) < txn.pools);
                }
            }
        }
        self.sku_info.truncate(txn.skus);
        self.skus.truncate(txn.skus);
        self.locations.truncate(txn.locations);
        self.commit(txn);
    }

    fn intern_sku(&mut self, sku: &str) -> Result<u32, LedgerError> {
        let id = self.skus.intern(sku)?;
        if id as usize == self.sku_info.len() {
            let method = *self
                .config
                .sku_costing
                .get(sku)
                .unwrap_or(&self.config.costing);
            self.sku_info.push(SkuInfo {
                method,
                latest: None,
                pools: Vec::new(),
                last: NONE,
            });
        }
        Ok(id)
    }

    fn find_slot(&self, sku: u32, location: u32, condition: Condition) -> Option<u32> {
        self.slot_index.get(sku, location, condition)
    }

    fn slot(&mut self, sku: u32, location: u32, condition: Condition) -> Result<u32, LedgerError> {
        if let Some(p) = self.find_slot(sku, location, condition) {
            return Ok(p);
        }
        let id = u32::try_from(self.slots.len()).map_err(|_| LedgerError::Overflow {
            context: "the number of positions",
        })?;
        let method = self.sku_info[sku as usize].method;
        self.slots.push(Slot {
            sku,
            location,
            condition,
            pool: Pool::new(method),
            reserved: Decimal::ZERO,
            saved: 0,
        });
        self.slot_index.insert(sku, location, condition, id);
        self.sku_info[sku as usize].pools.push(id);
        Ok(id)
    }

    /// Units that can leave a slot without breaking reservations: on hand − reserved for
    /// sellable stock, the quantity otherwise (never below zero).
    fn usable(&self, p: u32) -> Decimal {
        let s = &self.slots[p as usize];
        if s.condition == Condition::Sellable {
            // Reserved units are never negative, so a difference too large for a decimal is
            // below zero (a huge backorder): nothing is usable.
            s.pool
                .quantity
                .checked_sub(s.reserved)
                .map_or(Decimal::ZERO, |q| q.max(Decimal::ZERO))
        } else {
            s.pool.quantity.max(Decimal::ZERO)
        }
    }

    fn insufficient(
        &self,
        sku: u32,
        location: u32,
        condition: Condition,
        requested: Decimal,
        available: Decimal,
    ) -> LedgerError {
        LedgerError::InsufficientStock {
            sku: self.skus.name(sku).to_owned(),
            location: self.locations.name(location).to_owned(),
            condition,
            requested,
            available,
        }
    }

    /// Takes units out of a slot, logging undo records; with `pieces`, the pieces taken are
    /// left in `txn.pieces`.
    fn take(
        &mut self,
        txn: &mut Txn,
        p: u32,
        quantity: Decimal,
        allow_negative: bool,
        pieces: bool,
    ) -> Result<costing::Taken, LedgerError> {
        let scale = self.config.money_scale;
        let slot = &mut self.slots[p as usize];
        txn.save(p, slot);
        txn.scratch.clear();
        txn.pieces.clear();
        let r = slot.pool.take_into(
            quantity,
            allow_negative,
            scale,
            &mut txn.scratch,
            pieces.then_some(&mut txn.pieces),
        );
        txn.record_layers(p);
        let available = slot.pool.quantity.max(Decimal::ZERO);
        let (sku, location, condition) = (slot.sku, slot.location, slot.condition);
        match r? {
            Some(t) => Ok(t),
            None => Err(self.insufficient(sku, location, condition, quantity, available)),
        }
    }

    /// Adds pieces to a slot, logging undo records; returns the COGS true-up.
    fn put(&mut self, txn: &mut Txn, p: u32, pieces: &[Layer]) -> Result<Decimal, LedgerError> {
        let scale = self.config.money_scale;
        let slot = &mut self.slots[p as usize];
        txn.save(p, slot);
        txn.scratch.clear();
        let r = slot.pool.add_pieces(pieces, scale, &mut txn.scratch);
        txn.record_layers(p);
        r
    }

    /// Adds the pieces left in `txn.pieces` by [`Ledger::take`] to a slot.
    fn put_pieces(&mut self, txn: &mut Txn, p: u32) -> Result<Decimal, LedgerError> {
        let pieces = std::mem::take(&mut txn.pieces);
        let r = self.put(txn, p, &pieces);
        txn.pieces = pieces;
        r
    }

    fn set_reserved(&mut self, txn: &mut Txn, p: u32, reserved: Decimal) {
        let slot = &mut self.slots[p as usize];
        txn.save(p, slot);
        slot.reserved = reserved;
    }

    /// The shared name of a reservation held on (`sku`, `location`), if any.
    fn reservation_key(
        &self,
        reservation: &str,
        sku: u32,
        location: u32,
    ) -> Option<(ResKey, Decimal)> {
        let view = (reservation, sku, location);
        self.reservations
            .get_key_value(&view as &dyn ResView)
            .map(|(k, v)| (k.clone(), *v))
    }

    fn set_reservation(&mut self, txn: &mut Txn, key: ResKey, value: Decimal) {
        let old = if value.is_zero() {
            self.reservations.remove(&key)
        } else {
            self.reservations.insert(key.clone(), value)
        };
        txn.record(Undo::Reservation(key, old));
    }

    /// The value of `q` units coming in: at `unit_cost` when given; else at the slot's
    /// current average (its value × q / its quantity) when it holds stock; else at the
    /// slot's last known unit cost, or the SKU's last known unit cost anywhere, or zero.
    /// Rounded to the money scale.
    fn value_of(
        &self,
        sku: u32,
        p: Option<u32>,
        q: Decimal,
        unit_cost: Option<Decimal>,
    ) -> Result<Decimal, LedgerError> {
        let scale = self.config.money_scale;
        if let Some(c) = unit_cost {
            return costing::extended(q, c, scale);
        }
        if let Some(pool) = p.map(|p| &self.slots[p as usize].pool) {
            if pool.quantity > Decimal::ZERO {
                return costing::pro_rata(pool.value, q, pool.quantity, scale);
            }
        }
        let c = p
            .and_then(|p| self.slots[p as usize].pool.unit_cost())
            .or_else(|| {
                self.sku_info[sku as usize]
                    .pools
                    .iter()
                    .rev()
                    .find_map(|&x| self.slots[x as usize].pool.unit_cost())
            })
            .unwrap_or(Decimal::ZERO);
        costing::extended(q, c, scale)
    }

    /// The journal entry `j`, materialized.
    fn entry(&self, j: usize) -> JournalEntry {
        let e = &self.journal[j];
        let to = (e.kind == Kind::Transfer).then(|| self.locations.name(e.to));
        journal::materialize(
            e,
            j as u64,
            journal::Names {
                sku: self.skus.name(e.sku),
                location: self.locations.name(e.location),
                to,
                reference: self.text(e.reference),
                extra: self.text(e.extra),
            },
        )
    }

    /// The text an entry names by index into [`Ledger::texts`] ([`NONE`]: none).
    fn text(&self, i: u32) -> Option<&str> {
        (i != NONE).then(|| &*self.texts[i as usize])
    }

    /// The reference of journal entry `e` (empty if it has none).
    fn reference_of(&self, e: u32) -> &str {
        self.text(self.journal[e as usize].reference)
            .unwrap_or_default()
    }

    /// The journal entry (materialized) that posted the movement reference `r`, if any.
    pub(crate) fn entry_of_reference(&self, r: &str) -> Option<JournalEntry> {
        self.posted(interner::tag_of(r), r)
            .map(|j| self.entry(j as usize))
    }

    /// The journal entry that posted the reference `r` (hash tag `tag`), if any.
    fn posted(&self, tag: u32, r: &str) -> Option<u32> {
        self.references.get(tag, r, |e| self.reference_of(e))
    }

    /// Appends a journal entry's text to [`Ledger::texts`]; its index.
    fn push_text(&mut self, t: Option<Arc<str>>) -> u32 {
        match t {
            Some(t) => {
                // `apply` checked that the index fits below NONE.
                let i = self.texts.len() as u32;
                self.texts.push(t);
                i
            }
            None => NONE,
        }
    }

    /// Applies one movement in `txn`. A negative zero among its amounts is made a plain
    /// zero first (see [`Movement::clear_negative_zeros`]): the only reason this takes the
    /// movement mutably.
    fn apply(&mut self, txn: &mut Txn, m: &mut Movement) -> Result<Outcome, LedgerError> {
        m.clear_negative_zeros();
        let m = &*m;
        validate(m)?;
        let reference_tag = m.reference.as_deref().map(interner::tag_of);
        if let (Some(r), Some(tag)) = (&m.reference, reference_tag) {
            if let Some(j) = self.posted(tag, r) {
                let first = self.entry(j as usize);
                if first.movement == *m {
                    let mut o = first.outcome;
                    o.duplicate = true;
                    return Ok(o);
                }
                return Err(LedgerError::DuplicateReference {
                    reference: r.clone(),
                });
            }
        }
        let sku = match txn.known.sku {
            Some(id) => {
                debug_assert_eq!(self.skus.get(m.sku()), Some(id));
                id
            }
            None => self.intern_sku(m.sku())?,
        };
        let latest = self.sku_info[sku as usize].latest;
        if let Some(latest) = latest {
            if m.time < latest {
                return Err(LedgerError::OutOfOrder {
                    sku: m.sku().to_owned(),
                    time: m.time,
                    latest,
                });
            }
        }
        let sequence = self.journal.len() as u64;
        // An entry adds at most two texts; their indices stay below NONE.
        if self.texts.len() + 2 > NONE as usize {
            return Err(LedgerError::Overflow {
                context: "the number of journal texts",
            });
        }
        let seq32 =
            u32::try_from(sequence)
                .ok()
                .filter(|&s| s != NONE)
                .ok_or(LedgerError::Overflow {
                    context: "the journal length",
                })?;
        let reference: Option<Arc<str>> = m.reference.as_deref().map(Arc::from);
        txn.entry = seq32;
        let (effect, mut resolved) =
            self.apply_kind(txn, sku, m, reference.is_some().then_some(seq32))?;
        let mut outcome = Outcome {
            sequence,
            quantity: effect.quantity,
            value: effect.value,
            cogs: effect.cogs,
            moved_value: effect.moved_value,
            adjustment: effect.adjustment,
            duplicate: false,
        };
        outcome.clear_negative_zeros();
        let info = &mut self.sku_info[sku as usize];
        info.latest = Some(m.time);
        let prev = std::mem::replace(&mut info.last, seq32);
        if let Some(tag) = reference_tag {
            self.references.insert(tag, seq32);
        }
        let texts = [
            self.push_text(reference),
            self.push_text(resolved.extra.take()),
        ];
        let entry = Entry::new(m, sku, resolved, texts, prev, &outcome);
        debug_assert_eq!(entry.outcome(sequence), outcome);
        self.journal.push(entry);
        Ok(outcome)
    }

    fn apply_kind(
        &mut self,
        txn: &mut Txn,
        sku: u32,
        m: &Movement,
        // The movement's journal entry, if it carries a reference (a shipment then keeps a
        // record for customer returns that name it).
        referenced_entry: Option<u32>,
    ) -> Result<(Effect, Resolved), LedgerError> {
        let allow_negative = self.config.allow_negative;
        let time = m.time;
        let at = |location: u32| Resolved {
            location,
            to: location,
            extra: None,
        };
        let shared = |s: &Option<String>| s.as_deref().map(Arc::<str>::from);
        match &m.kind {
            MovementKind::LandedCost {
                receipt, amount, ..
            } => self.apply_landed_cost(txn, sku, *receipt, *amount),
            MovementKind::Receive {
                location,
                quantity,
                unit_cost,
                purchase_order,
                condition,
                ..
            } => {
                let loc = self.location_in(txn, 0, location)?;
                let p = match self.slot_in(txn, 0, sku, loc, *condition) {
                    Some(p) => p,
                    None => self.slot(sku, loc, *condition)?,
                };
                self.prefetch_ends(p);
                let value = costing::extended(*quantity, *unit_cost, self.config.money_scale)?;
                let true_up = self.put(
                    txn,
                    p,
                    &[Layer {
                        quantity: *quantity,
                        value,
                        received_at: time,
                        origin: txn.entry,
                    }],
                )?;
                Ok((
                    Effect {
                        quantity: *quantity,
                        value: costing::sub(value, true_up, "a receipt's value")?,
                        cogs: true_up,
                        moved_value: value,
                        adjustment: None,
                    },
                    Resolved {
                        extra: shared(purchase_order),
                        ..at(loc)
                    },
                ))
            }
            MovementKind::Ship {
                location,
                quantity,
                reservation,
                ..
            } => {
                let loc = self.location_in(txn, 0, location)?;
                let q = *quantity;
                let p = match self.slot_in(txn, 0, sku, loc, Condition::Sellable) {
                    Some(p) => p,
                    None if allow_negative && reservation.is_none() => {
                        self.slot(sku, loc, Condition::Sellable)?
                    }
                    None if reservation.is_none() => {
                        return Err(self.insufficient(
                            sku,
                            loc,
                            Condition::Sellable,
                            q,
                            Decimal::ZERO,
                        ))
                    }
                    None => {
                        return Err(LedgerError::UnknownReservation {
                            reservation: reservation.clone().unwrap_or_default(),
                            sku: m.sku().to_owned(),
                            location: location.clone(),
                        })
                    }
                };
                self.prefetch_ends(p);
                let mut extra = None;
                if let Some(res) = reservation {
                    let (key, held) = self.reservation_key(res, sku, loc).ok_or_else(|| {
                        LedgerError::UnknownReservation {
                            reservation: res.clone(),
                            sku: m.sku().to_owned(),
                            location: location.clone(),
                        }
                    })?;
                    if q > held {
                        return Err(LedgerError::ReservationExceeded {
                            reservation: res.clone(),
                            sku: m.sku().to_owned(),
                            requested: q,
                            reserved: held,
                        });
                    }
                    let on_hand = self.slots[p as usize].pool.quantity.max(Decimal::ZERO);
                    if q > on_hand && !allow_negative {
                        return Err(self.insufficient(sku, loc, Condition::Sellable, q, on_hand));
                    }
                    extra = Some(key.reservation.clone());
                    self.set_reservation(txn, key, held - q);
                    let r =
                        costing::sub(self.slots[p as usize].reserved, q, "a reserved quantity")?;
                    self.set_reserved(txn, p, r);
                } else {
                    let usable = self.usable(p);
                    if q > usable && !allow_negative {
                        return Err(self.insufficient(sku, loc, Condition::Sellable, q, usable));
                    }
                }
                let taken = self.take(txn, p, q, allow_negative, false)?;
                if let Some(e) = referenced_entry {
                    let old = self.shipments.insert(
                        e,
                        ShipRecord {
                            sku,
                            quantity: q,
                            value: taken.value,
                        },
                    );
                    txn.record(Undo::Shipment(e, old));
                }
                Ok((
                    Effect {
                        quantity: -q,
                        value: -taken.value,
                        cogs: taken.value,
                        moved_value: taken.value,
                        adjustment: None,
                    },
                    Resolved { extra, ..at(loc) },
                ))
            }
            MovementKind::CustomerReturn {
                location,
                quantity,
                condition,
                shipment,
                unit_cost,
                ..
            } => {
                let q = *quantity;
                let loc = self.locations.intern(location)?;
                let mut extra = None;
                let value = if let Some(sh) = shipment {
                    let (e, rec) = self
                        .posted(interner::tag_of(sh), sh)
                        .and_then(|e| Some((e, self.shipments.get(&e)?.clone())))
                        .ok_or_else(|| LedgerError::UnknownShipment {
                            shipment: sh.clone(),
                        })?;
                    if rec.sku != sku {
                        return Err(LedgerError::ShipmentSkuMismatch {
                            shipment: sh.clone(),
                            shipped: self.skus.name(rec.sku).to_owned(),
                            returned: m.sku().to_owned(),
                        });
                    }
                    if q > rec.quantity {
                        return Err(LedgerError::ReturnExceedsShipment {
                            shipment: sh.clone(),
                            requested: q,
                            returnable: rec.quantity,
                        });
                    }
                    let v = costing::pro_rata(rec.value, q, rec.quantity, self.config.money_scale)?;
                    let new = ShipRecord {
                        sku,
                        quantity: rec.quantity - q,
                        value: rec.value - v,
                    };
                    self.shipments.insert(e, new);
                    txn.record(Undo::Shipment(e, Some(rec)));
                    // The shipment's reference text, shared with its entry.
                    let name = self.journal[e as usize].reference;
                    extra = Some(Arc::clone(&self.texts[name as usize]));
                    v
                } else {
                    let p = self.find_slot(sku, loc, Condition::Sellable);
                    self.value_of(sku, p, q, *unit_cost)?
                };
                let p = self.slot(sku, loc, *condition)?;
                let true_up = self.put(
                    txn,
                    p,
                    &[Layer {
                        quantity: q,
                        value,
                        received_at: time,
                        origin: txn.entry,
                    }],
                )?;
                Ok((
                    Effect {
                        quantity: q,
                        value: costing::sub(value, true_up, "a return's value")?,
                        cogs: costing::sub(true_up, value, "a return's COGS")?,
                        moved_value: value,
                        adjustment: None,
                    },
                    Resolved { extra, ..at(loc) },
                ))
            }
            MovementKind::ReturnToSupplier {
                location,
                quantity,
                condition,
                purchase_order,
                ..
            } => {
                let loc = self.locations.intern(location)?;
                let taken = self.take_usable(txn, sku, loc, *condition, *quantity, false)?;
                Ok((
                    Effect {
                        quantity: -*quantity,
                        value: -taken.value,
                        cogs: Decimal::ZERO,
                        moved_value: taken.value,
                        adjustment: None,
                    },
                    Resolved {
                        extra: shared(purchase_order),
                        ..at(loc)
                    },
                ))
            }
            MovementKind::Transfer {
                from,
                to,
                quantity,
                condition,
                ..
            } => {
                let src = self.location_in(txn, 0, from)?;
                let dst = self.location_in(txn, 1, to)?;
                let from_slot = self.slot_in(txn, 0, sku, src, *condition);
                let to_slot = self.slot_in(txn, 1, sku, dst, *condition);
                for p in from_slot.into_iter().chain(to_slot) {
                    self.prefetch_ends(p);
                }
                let taken = self.take_usable(txn, sku, src, *condition, *quantity, true)?;
                // Taking creates no slot: the destination's is still as looked up.
                let p = match to_slot {
                    Some(p) => p,
                    None => self.slot(sku, dst, *condition)?,
                };
                let true_up = self.put_pieces(txn, p)?;
                Ok((
                    Effect {
                        quantity: Decimal::ZERO,
                        value: -true_up,
                        cogs: true_up,
                        moved_value: taken.value,
                        adjustment: None,
                    },
                    Resolved {
                        location: src,
                        to: dst,
                        extra: None,
                    },
                ))
            }
            MovementKind::Reclassify {
                location,
                quantity,
                from,
                to,
                ..
            } => {
                let loc = self.locations.intern(location)?;
                let taken = self.take_usable(txn, sku, loc, *from, *quantity, true)?;
                let p = self.slot(sku, loc, *to)?;
                let true_up = self.put_pieces(txn, p)?;
                Ok((
                    Effect {
                        quantity: Decimal::ZERO,
                        value: -true_up,
                        cogs: true_up,
                        moved_value: taken.value,
                        adjustment: None,
                    },
                    at(loc),
                ))
            }
            MovementKind::Adjust {
                location,
                quantity,
                condition,
                unit_cost,
                ..
            } => {
                let loc = self.locations.intern(location)?;
                let e =
                    self.adjust(txn, sku, loc, *condition, *quantity, *unit_cost, time, None)?;
                Ok((e, at(loc)))
            }
            MovementKind::CycleCount {
                location,
                counted,
                condition,
                unit_cost,
                ..
            } => {
                let unknown = || LedgerError::UnknownPosition {
                    sku: m.sku().to_owned(),
                    location: location.clone(),
                };
                let loc = self.locations.get(location).ok_or_else(unknown)?;
                let p = self.find_slot(sku, loc, *condition).ok_or_else(unknown)?;
                let diff = costing::sub(
                    *counted,
                    self.slots[p as usize].pool.quantity,
                    "a count's adjustment",
                )?;
                if diff.is_zero() {
                    return Ok((
                        Effect {
                            adjustment: Some(Decimal::ZERO),
                            ..Effect::default()
                        },
                        at(loc),
                    ));
                }
                let e = self.adjust(
                    txn,
                    sku,
                    loc,
                    *condition,
                    diff,
                    *unit_cost,
                    time,
                    Some(diff),
                )?;
                Ok((e, at(loc)))
            }
            MovementKind::Reserve {
                location,
                quantity,
                reservation,
                ..
            } => {
                let loc = self.location_in(txn, 0, location)?;
                let q = *quantity;
                let p = match self.slot_in(txn, 0, sku, loc, Condition::Sellable) {
                    Some(p) => p,
                    None if allow_negative => self.slot(sku, loc, Condition::Sellable)?,
                    None => {
                        return Err(self.insufficient(
                            sku,
                            loc,
                            Condition::Sellable,
                            q,
                            Decimal::ZERO,
                        ))
                    }
                };
                let usable = self.usable(p);
                if q > usable && !allow_negative {
                    return Err(self.insufficient(sku, loc, Condition::Sellable, q, usable));
                }
                let (key, held) = match self.reservation_key(reservation, sku, loc) {
                    Some(found) => found,
                    None => (
                        ResKey {
                            reservation: Arc::from(reservation.as_str()),
                            sku,
                            location: loc,
                        },
                        Decimal::ZERO,
                    ),
                };
                let held = costing::add(held, q, "a reservation")?;
                let r = costing::add(self.slots[p as usize].reserved, q, "a reserved quantity")?;
                let extra = Some(key.reservation.clone());
                self.set_reservation(txn, key, held);
                self.set_reserved(txn, p, r);
                Ok((Effect::none(), Resolved { extra, ..at(loc) }))
            }
            MovementKind::Release {
                location,
                quantity,
                reservation,
                ..
            } => {
                let unknown = || LedgerError::UnknownReservation {
                    reservation: reservation.clone(),
                    sku: m.sku().to_owned(),
                    location: location.clone(),
                };
                let loc = match self.known_location(txn, 0, location) {
                    Some(id) => id,
                    None => self.locations.get(location).ok_or_else(unknown)?,
                };
                let (key, held) = self
                    .reservation_key(reservation, sku, loc)
                    .ok_or_else(unknown)?;
                let q = quantity.unwrap_or(held);
                if q > held {
                    return Err(LedgerError::ReservationExceeded {
                        reservation: reservation.clone(),
                        sku: m.sku().to_owned(),
                        requested: q,
                        reserved: held,
                    });
                }
                let p = self
                    .slot_in(txn, 0, sku, loc, Condition::Sellable)
                    .ok_or_else(unknown)?;
                let extra = Some(key.reservation.clone());
                self.set_reservation(txn, key, held - q);
                let r = costing::sub(self.slots[p as usize].reserved, q, "a reserved quantity")?;
                self.set_reserved(txn, p, r);
                Ok((Effect::none(), Resolved { extra, ..at(loc) }))
            }
        }
    }

    /// Takes units that may leave (available sellable units, or non-sellable units) from
    /// the position in role 0 (see [`ahead::Known`]).
    fn take_usable(
        &mut self,
        txn: &mut Txn,
        sku: u32,
        loc: u32,
        condition: Condition,
        q: Decimal,
        pieces: bool,
    ) -> Result<costing::Taken, LedgerError> {
        let usable = self
            .slot_in(txn, 0, sku, loc, condition)
            .map(|p| (p, self.usable(p)));
        match usable {
            Some((p, u)) if q <= u => self.take(txn, p, q, false, pieces),
            other => {
                Err(self.insufficient(sku, loc, condition, q, other.map_or(Decimal::ZERO, |x| x.1)))
            }
        }
    }

    /// The id of the movement's location in `role` (see [`ahead::Known`]): as the batch's
    /// look-ahead resolved it, or interned now.
    fn location_in(&mut self, txn: &Txn, role: usize, name: &str) -> Result<u32, LedgerError> {
        match self.known_location(txn, role, name) {
            Some(id) => Ok(id),
            None => self.locations.intern(name),
        }
    }

    /// The id of the movement's location in `role`, if the batch's look-ahead resolved it.
    fn known_location(&self, txn: &Txn, role: usize, name: &str) -> Option<u32> {
        let id = txn.known.locations[role]?;
        debug_assert_eq!(self.locations.get(name), Some(id));
        Some(id)
    }

    /// Starts loading both ends of a slot's layer queue (a hint): by a movement as soon as it
    /// has found its slot, so that its checks overlap the wait, and by a batch's look-ahead
    /// for the movements a few rows on.
    #[inline]
    fn prefetch_ends(&self, p: u32) {
        let layers = &self.slots[p as usize].pool.layers;
        if let Some(l) = layers.front() {
            prefetch(l);
        }
        if let Some(l) = layers.back() {
            prefetch(l);
        }
    }

    /// The slot of the movement's position in `role` (see [`ahead::Known`]), if it exists:
    /// as the batch's look-ahead found it, or looked up now.
    fn slot_in(
        &self,
        txn: &Txn,
        role: usize,
        sku: u32,
        loc: u32,
        condition: Condition,
    ) -> Option<u32> {
        match txn.known.slots[role] {
            Some(p) => {
                debug_assert_eq!(self.find_slot(sku, loc, condition), Some(p));
                Some(p)
            }
            None => self.find_slot(sku, loc, condition),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn adjust(
        &mut self,
        txn: &mut Txn,
        sku: u32,
        loc: u32,
        condition: Condition,
        quantity: Decimal,
        unit_cost: Option<Decimal>,
        time: Timestamp,
        adjustment: Option<Decimal>,
    ) -> Result<Effect, LedgerError> {
        if quantity > Decimal::ZERO {
            let existing = self.find_slot(sku, loc, condition);
            let value = self.value_of(sku, existing, quantity, unit_cost)?;
            let p = self.slot(sku, loc, condition)?;
            let true_up = self.put(
                txn,
                p,
                &[Layer {
                    quantity,
                    value,
                    received_at: time,
                    origin: txn.entry,
                }],
            )?;
            Ok(Effect {
                quantity,
                value: costing::sub(value, true_up, "an adjustment's value")?,
                cogs: true_up,
                moved_value: value,
                adjustment,
            })
        } else {
            let q = -quantity;
            let allow = self.config.allow_negative && condition == Condition::Sellable;
            let p = match self.find_slot(sku, loc, condition) {
                Some(p) => p,
                None if allow => self.slot(sku, loc, condition)?,
                None => return Err(self.insufficient(sku, loc, condition, q, Decimal::ZERO)),
            };
            let taken = self.take(txn, p, q, allow, false)?;
            Ok(Effect {
                quantity,
                value: -taken.value,
                cogs: Decimal::ZERO,
                moved_value: taken.value,
                adjustment,
            })
        }
    }

    // ----- queries -----

    fn sku_id(&self, sku: &str) -> Result<u32, LedgerError> {
        self.skus.get(sku).ok_or_else(|| LedgerError::UnknownSku {
            sku: sku.to_owned(),
        })
    }

    fn location_id(&self, location: &str) -> Result<u32, LedgerError> {
        self.locations
            .get(location)
            .ok_or_else(|| LedgerError::UnknownLocation {
                location: location.to_owned(),
            })
    }

    /// The slots of a SKU, optionally at one location.
    fn slots_of(
        &self,
        sku: &str,
        location: Option<&str>,
    ) -> Result<impl Iterator<Item = &Slot>, LedgerError> {
        let id = self.sku_id(sku)?;
        let loc = location.map(|l| self.location_id(l)).transpose()?;
        Ok(self.sku_info[id as usize]
            .pools
            .iter()
            .map(move |&p| &self.slots[p as usize])
            .filter(move |s| loc.is_none_or(|l| s.location == l)))
    }

    /// Sellable units on hand less reserved of `sku` at `location` (all with `None`), not
    /// below zero; zero for a SKU or location the ledger does not know. What
    /// [`Ledger::position`]'s `available` is, without its other figures.
    pub(crate) fn free_units(&self, sku: &str, location: Option<&str>) -> Decimal {
        let Ok(slots) = self.slots_of(sku, location) else {
            return Decimal::ZERO;
        };
        free_of(slots)
    }

    /// The ids of `skus` ([`journal::NONE`] for a SKU the ledger does not know), looked up
    /// with their buckets loaded a few names ahead.
    pub(crate) fn sku_ids<'a>(
        &self,
        skus: impl ExactSizeIterator<Item = &'a str> + Clone,
    ) -> Vec<u32> {
        let tags: Vec<u32> = skus.clone().map(interner::tag_of).collect();
        let mut ids = Vec::with_capacity(tags.len());
        for (i, sku) in skus.enumerate() {
            if let Some(&t) = tags.get(i + AHEAD) {
                self.skus.prefetch(t);
            }
            ids.push(self.skus.get_tagged(tags[i], sku).unwrap_or(NONE));
        }
        ids
    }

    /// What [`Ledger::sku_ids`] gives changes only when this does (a number drawn afresh
    /// whenever a SKU is added or a failed transaction forgets one).
    pub(crate) fn sku_ids_stamp(&self) -> u64 {
        self.skus.stamp()
    }

    /// What [`Ledger::sellable_slots`] gives changes only when this does (numbers drawn
    /// afresh whenever a location or a position is added or forgotten).
    pub(crate) fn slots_stamp(&self) -> (u64, u64) {
        (self.locations.stamp(), self.slot_index.stamp())
    }

    /// The sellable positions at `location` of the SKUs of `ids` (from
    /// [`Ledger::sku_ids`]), as (position, index in `ids`) for the SKUs that have one, in
    /// the order of the positions in memory, for [`Ledger::free_units_of_slots`]: found by
    /// the index of positions, loaded a few SKUs ahead.
    pub(crate) fn sellable_slots(&self, ids: &[u32], location: &str) -> Vec<(u32, u32)> {
        let Some(loc) = self.locations.get(location) else {
            return Vec::new();
        };
        let mut slots: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
        for (i, &id) in ids.iter().enumerate() {
            if let Some(&next) = ids.get(i + AHEAD) {
                if next != NONE {
                    self.slot_index.prefetch(next, loc, Condition::Sellable);
                }
            }
            if id != NONE {
                if let Some(s) = self.slot_index.get(id, loc, Condition::Sellable) {
                    slots.push((s, i as u32));
                }
            }
        }
        // Read in the order of memory, positions far apart cost a page walk each less often.
        slots.sort_unstable();
        slots
    }

    /// The free units of `n` SKUs at one location from their sellable positions (from
    /// [`Ledger::sellable_slots`]; zero for a SKU without one): what [`Ledger::free_units`]
    /// gives for each, read with the positions loaded a few ahead.
    pub(crate) fn free_units_of_slots(&self, slots: &[(u32, u32)], n: usize) -> Vec<Decimal> {
        let mut out = vec![Decimal::ZERO; n];
        for (k, &(s, i)) in slots.iter().enumerate() {
            if let Some(&(next, _)) = slots.get(k + AHEAD) {
                // The two fields read may be on two cache lines.
                let next = &self.slots[next as usize];
                prefetch(&next.pool.quantity);
                prefetch(&next.reserved);
            }
            // A sellable slot (the index's key says so): `free_of` of it alone.
            out[i as usize] = not_below_zero(add_free(Decimal::ZERO, &self.slots[s as usize]));
        }
        out
    }

    /// [`Ledger::free_units`] of each SKU of `ids` (from [`Ledger::sku_ids`]) at `location`
    /// (all with `None`). The same figures as `free_units`, SKU by SKU.
    pub(crate) fn free_units_of_ids(&self, ids: &[u32], location: Option<&str>) -> Vec<Decimal> {
        if let Some(l) = location {
            return self.free_units_of_slots(&self.sellable_slots(ids, l), ids.len());
        }
        let mut out = vec![Decimal::ZERO; ids.len()];
        for (o, &id) in out.iter_mut().zip(ids) {
            if id != NONE {
                let pools = &self.sku_info[id as usize].pools;
                *o = free_of(pools.iter().map(|&p| &self.slots[p as usize]));
            }
        }
        out
    }

    /// The position of a SKU at one location, or across all locations with `None`.
    ///
    /// A known SKU at a known location where it never was has an all-zero position. Its
    /// `incoming` is the open quantity of placed purchase orders (see
    /// [`crate::purchasing`]); a SKU or location with incoming units but no movements yet
    /// has a position with only those.
    ///
    /// # Errors
    /// [`LedgerError::UnknownSku`], [`LedgerError::UnknownLocation`].
    pub fn position(&self, sku: &str, location: Option<&str>) -> Result<Position> {
        let mut p = Position {
            incoming: self.purchasing.incoming_of(sku, location),
            ..Position::default()
        };
        let slots = match self.slots_of(sku, location) {
            Ok(slots) => slots,
            Err(_) if p.incoming > Decimal::ZERO => return Ok(p),
            Err(e) => return Err(e.into()),
        };
        for s in slots {
            match s.condition {
                Condition::Sellable => {
                    costing::add_to(&mut p.on_hand, s.pool.quantity, "a position's units")?;
                    costing::add_to(&mut p.reserved, s.reserved, "a position's reserved units")?;
                }
                Condition::Damaged => costing::add_to(
                    &mut p.damaged,
                    s.pool.quantity,
                    "a position's damaged units",
                )?,
                Condition::Quarantine => costing::add_to(
                    &mut p.quarantine,
                    s.pool.quantity,
                    "a position's quarantined units",
                )?,
            }
        }
        p.available = costing::sub(p.on_hand, p.reserved, "a position's available units")?;
        Ok(p)
    }

    /// What a SKU's stock is worth, at one location or (with `None`) all.
    ///
    /// # Errors
    /// [`LedgerError::UnknownSku`], [`LedgerError::UnknownLocation`].
    pub fn valuation(&self, sku: &str, location: Option<&str>) -> Result<Valuation> {
        let scale = self.config.money_scale;
        let mut quantity = Decimal::ZERO;
        let mut value = Decimal::ZERO;
        let mut layers = Vec::new();
        let mut last_cost = None;
        for s in self.slots_of(sku, location)? {
            costing::add_to(&mut quantity, s.pool.quantity, "a valuation's units")?;
            costing::add_to(&mut value, s.pool.value, "a valuation's value")?;
            if let Some(c) = s.pool.last_unit_cost() {
                last_cost = Some(c);
            }
            let loc = self.locations.name(s.location);
            for l in s.pool.valued_layers(scale) {
                layers.push(CostLayer {
                    location: loc.to_owned(),
                    condition: s.condition,
                    quantity: l.quantity,
                    unit_cost: l.value.checked_div(l.quantity).unwrap_or_default(),
                    value: l.value,
                    received_at: l.received_at,
                    origin: u64::from(l.origin),
                });
            }
        }
        layers.sort_by(|a, b| {
            (a.received_at, &a.location, a.condition).cmp(&(
                b.received_at,
                &b.location,
                b.condition,
            ))
        });
        let unit_cost = if quantity > Decimal::ZERO {
            value.checked_div(quantity)
        } else {
            last_cost
        };
        Ok(Valuation {
            sku: sku.to_owned(),
            method: self.costing_of(sku),
            quantity,
            value,
            unit_cost,
            layers,
        })
    }

    /// The total value of all stock in the ledger.
    ///
    /// # Errors
    /// [`LedgerError::Overflow`] when the sum over all positions leaves the decimal range
    /// (each position's value is in range; their sum need not be).
    pub fn total_value(&self) -> Result<Decimal> {
        let mut total = Decimal::ZERO;
        for s in &self.slots {
            costing::add_to(&mut total, s.pool.value, "the total value")?;
        }
        Ok(total)
    }

    /// Every SKU the ledger has seen, in first-seen order.
    pub fn skus(&self) -> &[String] {
        &self.skus.names
    }

    /// Every location the ledger has seen, in first-seen order.
    pub fn locations(&self) -> &[String] {
        &self.locations.names
    }

    /// The journal of applied movements, in posting order.
    ///
    /// The ledger keeps its journal compactly (names interned, strings shared); the entries
    /// are materialized by this call. See also [`Ledger::journal_entry`] and
    /// [`Ledger::journal_iter`].
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.journal_iter().collect()
    }

    /// The journal entries, materialized one at a time, in posting order.
    pub fn journal_iter(&self) -> impl ExactSizeIterator<Item = JournalEntry> + '_ {
        (0..self.journal.len()).map(|j| self.entry(j))
    }

    /// Journal entry `sequence` (0-based), if there is one.
    pub fn journal_entry(&self, sequence: usize) -> Option<JournalEntry> {
        (sequence < self.journal.len()).then(|| self.entry(sequence))
    }

    /// The number of applied movements.
    pub fn len(&self) -> usize {
        self.journal.len()
    }

    /// `true` if no movement has been applied.
    pub fn is_empty(&self) -> bool {
        self.journal.is_empty()
    }

    /// The journal entries of one SKU, in posting order (each with its outcome: the COGS of
    /// every issue is its `outcome.cogs`).
    ///
    /// # Errors
    /// [`LedgerError::UnknownSku`].
    ///
    /// The ledger keeps its journal compactly, so the entries are materialized by this call
    /// (as [`Cow::Owned`]; the `Cow` lets a later version lend them instead).
    pub fn history(&self, sku: &str) -> Result<Vec<Cow<'_, JournalEntry>>> {
        let id = self.sku_id(sku)?;
        let mut out: Vec<Cow<'_, JournalEntry>> = self
            .entries_of(id)
            .map(|j| Cow::Owned(self.entry(j as usize)))
            .collect();
        out.reverse();
        Ok(out)
    }

    /// The journal indexes of a SKU's entries, newest first.
    fn entries_of(&self, sku: u32) -> impl Iterator<Item = u32> + '_ {
        let first = self.sku_info[sku as usize].last;
        std::iter::successors((first != NONE).then_some(first), move |&j| {
            let prev = self.journal[j as usize].prev;
            (prev != NONE).then_some(prev)
        })
    }

    /// What a reservation holds of a SKU at a location (zero if nothing).
    pub fn reserved_by(&self, reservation: &str, sku: &str, location: &str) -> Decimal {
        match (self.skus.get(sku), self.locations.get(location)) {
            (Some(s), Some(l)) => self
                .reservation_key(reservation, s, l)
                .map_or(Decimal::ZERO, |(_, q)| q),
            _ => Decimal::ZERO,
        }
    }

    /// Per location where a SKU has sellable stock or a sale in `[from, to)`: its units
    /// shipped net of customer returns in `[from, to)` (sorted by location name; `None` for
    /// an unknown SKU). A SKU's movements are in time order, so this reads only the
    /// window's entries (newest first) and its positions.
    pub(crate) fn net_demand_by_location(
        &self,
        sku: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Option<Vec<(&str, Decimal)>> {
        let id = self.skus.get(sku)?;
        let mut by: Vec<(u32, Decimal)> = Vec::new();
        let mut add = |location: u32, q: Decimal| match by.iter_mut().find(|x| x.0 == location) {
            Some(x) => x.1 += q,
            None => by.push((location, q)),
        };
        for &p in &self.sku_info[id as usize].pools {
            let s = &self.slots[p as usize];
            if s.condition == Condition::Sellable {
                add(s.location, Decimal::ZERO);
            }
        }
        for j in self.entries_of(id) {
            let e = &self.journal[j as usize];
            if e.time < from {
                break;
            }
            if e.time >= to {
                continue;
            }
            match e.kind {
                Kind::Ship => add(e.location, e.quantity()),
                Kind::CustomerReturn => add(e.location, -e.quantity()),
                _ => {}
            }
        }
        let mut out: Vec<(&str, Decimal)> = by
            .into_iter()
            .map(|(l, q)| (self.locations.name(l), q))
            .collect();
        out.sort_unstable_by(|a, b| a.0.cmp(b.0));
        Some(out)
    }

    /// Units shipped net of customer returns per day or ISO week: a dense, zero-filled series.
    ///
    /// The series runs from the bucket containing `from` (default: the SKU's first movement)
    /// to the bucket containing `to` (default: its latest movement), both inclusive.
    ///
    /// ```
    /// use inventory_core::{Ledger, Movement, Period};
    /// use rust_decimal::Decimal;
    ///
    /// let day = 86_400;
    /// let mut l = Ledger::new();
    /// l.post(Movement::receive("TEA", "WH", Decimal::from(50), Decimal::ONE, 0)).unwrap();
    /// l.post(Movement::ship("TEA", "WH", Decimal::from(4), 2 * day + 10)).unwrap();
    /// l.post(Movement::customer_return("TEA", "WH", Decimal::from(1), 2 * day + 99)).unwrap();
    /// let h = l.demand_history("TEA", None, Period::Day, None, None).unwrap();
    /// assert_eq!(h.quantities, vec![Decimal::ZERO, Decimal::ZERO, Decimal::from(3)]);
    /// assert_eq!(h.label(2), "1970-01-03");
    /// ```
    ///
    /// # Errors
    /// [`LedgerError::UnknownSku`], [`LedgerError::UnknownLocation`],
    /// [`LedgerError::InvalidInput`] if `from` is after `to` or the range is over 100 years.
    pub fn demand_history(
        &self,
        sku: &str,
        location: Option<&str>,
        period: Period,
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    ) -> Result<DemandHistory> {
        let id = self.sku_id(sku)?;
        if let Some(l) = location {
            self.location_id(l)?;
        }
        let first = self
            .entries_of(id)
            .last()
            .map(|j| self.journal[j as usize].time);
        let latest = self.sku_info[id as usize].latest;
        let points = self.net_sales(sku, location);
        bucket_series(
            sku,
            location,
            period,
            from.or(first),
            to.or(latest),
            from,
            to,
            points,
        )
    }

    /// Every shipment made under an order (a reservation) in `[from, to)`, in journal
    /// order: (journal sequence number, SKU, order).
    pub(crate) fn order_shipments(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> impl Iterator<Item = (u32, &str, &str)> + '_ {
        (0..self.journal.len() as u32).filter_map(move |j| {
            let e = &self.journal[j as usize];
            if e.kind != Kind::Ship || e.time < from || e.time >= to {
                return None;
            }
            let order = self.text(e.extra)?;
            Some((j, self.skus.name(e.sku), order))
        })
    }

    /// A SKU's shipments (+) and customer returns (−) at `location` (all with `None`), as
    /// (time, units), newest first; nothing for a SKU or location the ledger does not know.
    pub(crate) fn net_sales<'a>(
        &'a self,
        sku: &str,
        location: Option<&str>,
    ) -> impl Iterator<Item = (Timestamp, Decimal)> + 'a {
        let id = self.skus.get(sku);
        let loc = location.map(|l| self.locations.get(l));
        let wanted = !matches!(loc, Some(None));
        id.filter(|_| wanted)
            .into_iter()
            .flat_map(move |id| self.entries_of(id))
            .filter_map(move |j| {
                let e = &self.journal[j as usize];
                if loc.is_some_and(|l| l != Some(e.location)) {
                    return None;
                }
                match e.kind {
                    Kind::Ship => Some((e.time, e.quantity())),
                    Kind::CustomerReturn => Some((e.time, -e.quantity())),
                    _ => None,
                }
            })
    }
}

/// Net units per day or ISO week from `points` (time, units): a dense, zero-filled series
/// from the bucket containing `from` to the bucket containing `to` (both inclusive; empty
/// when either is `None`). `asked_from` and `asked_to` are the caller's, checked.
///
/// # Errors
/// [`LedgerError::InvalidInput`] if `from` is after `to` or the range is over 100 years, or
/// an asked time is out of range; [`LedgerError::Overflow`] for a bucket beyond the
/// decimal range.
#[allow(clippy::too_many_arguments)]
pub(crate) fn bucket_series(
    sku: &str,
    location: Option<&str>,
    period: Period,
    from: Option<Timestamp>,
    to: Option<Timestamp>,
    asked_from: Option<Timestamp>,
    asked_to: Option<Timestamp>,
    points: impl Iterator<Item = (Timestamp, Decimal)>,
) -> Result<DemandHistory> {
    if let Some(t) = asked_from {
        check_time("from", t)?;
    }
    if let Some(t) = asked_to {
        check_time("to", t)?;
    }
    let bucket_days = match period {
        Period::Day => 1,
        Period::Week => 7,
    };
    let bucket_of = |t: Timestamp| -> i64 {
        let d = day_of(t);
        match period {
            Period::Day => d,
            Period::Week => week_start(d),
        }
    };
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(DemandHistory {
            sku: sku.to_owned(),
            location: location.map(str::to_owned),
            period,
            start: from.map_or(0, |f| bucket_of(f) * SECONDS_PER_DAY),
            quantities: Vec::new(),
        });
    };
    if from > to {
        return Err(LedgerError::InvalidInput {
            message: format!("demand history range starts ({from}) after it ends ({to})"),
        }
        .into());
    }
    let start_day = bucket_of(from);
    let n = (bucket_of(to) - start_day) / bucket_days + 1;
    if n > 36_600 / bucket_days + 1 {
        return Err(LedgerError::InvalidInput {
            message: format!("demand history range of {n} buckets is longer than 100 years"),
        }
        .into());
    }
    let mut quantities = vec![Decimal::ZERO; n as usize];
    for (t, q) in points {
        let b = (bucket_of(t) - start_day).div_euclid(bucket_days);
        if (0..n).contains(&b) {
            costing::add_to(&mut quantities[b as usize], q, "a demand bucket")?;
        }
    }
    Ok(DemandHistory {
        sku: sku.to_owned(),
        location: location.map(str::to_owned),
        period,
        start: start_day * SECONDS_PER_DAY,
        quantities,
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_landed;
