//! The ledger's side of durability (see [`crate::durable`]): committing each transaction
//! to a store, writing checkpoints, and opening a store (restoring the newest checkpoint
//! without replaying the journal before it, then replaying the tail).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::sync::Arc;

use super::journal::{Entry, Resolved};
use super::{interner, JournalEntry, Ledger, LedgerConfig, MovementKind, ResKey, ShipRecord, Slot};
use crate::costing::{CostMethod, Pool};
use crate::durable::{
    Checkpoint, Commit, Event, JournalColumns, JournalStore, PositionRow, StoreConfig,
};
use crate::error::{Error, Result, StoreError};
use crate::kits::{BundleRecord, KitRecord};
use crate::ledger::Condition;
use crate::purchasing::{PurchaseRecord, Purchasing};

/// The checkpoint format this build writes and reads.
const CHECKPOINT_FORMAT: u32 = 1;

/// A durable ledger's store and how much of the ledger it holds.
#[derive(Debug)]
pub(crate) struct Durable {
    /// In a mutex only so that the ledger stays `Sync` (it is always reached through
    /// `&mut`, with `Mutex::get_mut`: never locked).
    store: std::sync::Mutex<Box<dyn JournalStore>>,
    /// Journal entries stored.
    movements: u64,
    /// Purchasing events, kit definitions and bundle postings stored.
    purchases: usize,
    kits: usize,
    bundles: usize,
    /// Events stored (all kinds).
    events: u64,
    checkpoint_every: u64,
    /// The journal length at the newest checkpoint.
    checkpointed: u64,
}

impl Durable {
    fn store(&mut self) -> Result<&mut Box<dyn JournalStore>, StoreError> {
        // Never locked, so never poisoned; a poisoned one would still hold a usable store.
        Ok(match self.store.get_mut() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        })
    }
}

/// A ledger's store, if it has one. A clone has none (it is an in-memory copy).
#[derive(Debug, Default)]
pub(crate) struct DurableSlot(Option<Box<Durable>>);

impl Clone for DurableSlot {
    fn clone(&self) -> Self {
        DurableSlot(None)
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SkuData {
    sku: String,
    method: CostMethod,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotData {
    sku: u32,
    location: u32,
    condition: Condition,
    reserved: Decimal,
    pool: Pool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReservationData {
    reservation: String,
    sku: u32,
    location: u32,
    quantity: Decimal,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShipmentData {
    entry: u32,
    sku: u32,
    quantity: Decimal,
    value: Decimal,
}

/// A checkpoint's contents: the state after `movements` journal entries, by interned id
/// (SKUs and locations in the order the ledger interned them, positions in the order it
/// created them), so that restoring it rebuilds the same ledger without replaying.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckpointData {
    format: u32,
    config: LedgerConfig,
    movements: u64,
    skus: Vec<SkuData>,
    locations: Vec<String>,
    slots: Vec<SlotData>,
    reservations: Vec<ReservationData>,
    shipments: Vec<ShipmentData>,
    purchasing: Purchasing,
    kits: Vec<KitRecord>,
    bundles: Vec<BundleRecord>,
}

/// What a tail replay is in the middle of.
#[derive(Default)]
struct Tail {
    /// Events not yet applied, in order.
    events: VecDeque<Event>,
    /// Movements up to here were posted by an event (a purchase) and are only compared.
    posted_until: u64,
    /// A bundle posting whose movements are being replayed: restored once the journal
    /// reaches its end.
    bundle: Option<BundleRecord>,
}

impl Ledger {
    /// Opens a ledger on `store`: creates it (with `config.ledger`, or the default) when the
    /// store is empty; otherwise restores the newest checkpoint and replays the movements
    /// and events after it (each replayed movement must reproduce its stored outcome).
    /// From then on every change is committed to the store before the call returns (see
    /// [`crate::durable`]).
    ///
    /// # Errors
    /// [`StoreError::ConfigMismatch`] for a configuration other than the store's,
    /// [`StoreError::Corrupt`] for a store whose contents do not hold (a checkpoint that
    /// does not parse, a journal that does not replay), any error of the store.
    pub fn open_store(mut store: Box<dyn JournalStore>, config: StoreConfig) -> Result<Ledger> {
        let name = store.name();
        let corrupt = |message: String| -> Error {
            StoreError::Corrupt {
                path: name.clone(),
                message,
            }
            .into()
        };
        let stored = store.config()?;
        let (movements, events) = store.counts()?;
        let config_used = match (stored, config.ledger) {
            (None, given) => {
                if movements > 0 || events > 0 {
                    return Err(corrupt("it has a journal but no configuration".into()));
                }
                let c = given.unwrap_or_default();
                c.validate()?;
                store.set_config(&c)?;
                c
            }
            (Some(s), None) => s,
            (Some(s), Some(given)) => {
                if s != given {
                    return Err(StoreError::ConfigMismatch {
                        message: format!(
                            "the store was created with {}, the call gives {}",
                            serde_json::to_string(&s).unwrap_or_default(),
                            serde_json::to_string(&given).unwrap_or_default()
                        ),
                    }
                    .into());
                }
                s
            }
        };
        let checkpoint = store.latest_checkpoint()?;
        let base = checkpoint.as_ref().map_or(0, |c| c.movements);
        // Kits and bundles of the checkpoint are restored once its journal is.
        let mut pending_parts = None;
        let (mut ledger, first_event) = match checkpoint {
            Some(cp) => {
                if cp.movements > movements || cp.events > events {
                    return Err(corrupt(format!(
                        "its checkpoint is after the journal's end ({movements} movements, {events} events stored)"
                    )));
                }
                let mut data: CheckpointData = serde_json::from_str(&cp.data)
                    .map_err(|e| corrupt(format!("its checkpoint does not parse: {e}")))?;
                if data.format != CHECKPOINT_FORMAT || data.movements != cp.movements {
                    return Err(corrupt(format!(
                        "its checkpoint has format {} at {} movements (expected format {} at {})",
                        data.format, data.movements, CHECKPOINT_FORMAT, cp.movements
                    )));
                }
                if data.config.money_scale != config_used.money_scale
                    || data.config.costing != config_used.costing
                    || data.config.allow_negative != config_used.allow_negative
                {
                    return Err(corrupt(
                        "its checkpoint's configuration differs from the store's".into(),
                    ));
                }
                pending_parts = Some((
                    std::mem::take(&mut data.kits),
                    std::mem::take(&mut data.bundles),
                ));
                (
                    Ledger::from_checkpoint_parts(data).map_err(corrupt)?,
                    cp.events,
                )
            }
            None => (
                Ledger::with_config(config_used)
                    .map_err(|e| corrupt(format!("its configuration is invalid: {e}")))?,
                0,
            ),
        };
        let mut tail = Tail {
            events: store.events(first_event)?.into(),
            ..Tail::default()
        };
        let mut failure: Option<String> = None;
        let mut next = 0u64;
        store.movements(0, &mut |e: JournalEntry| {
            let j = next;
            next += 1;
            let step = if j < base {
                ledger.restore_entry(j, e)
            } else {
                let parts = match pending_parts.take() {
                    Some((kits, bundles)) => ledger.restore_kit_parts(kits, bundles),
                    None => Ok(()),
                };
                parts.and_then(|()| ledger.replay_stored(&mut tail, j, e))
            };
            step.map_err(|message| {
                failure = Some(message.clone());
                StoreError::Corrupt {
                    path: name.clone(),
                    message,
                }
            })
        })?;
        if let Some(message) = failure {
            return Err(corrupt(message));
        }
        if next != movements {
            return Err(corrupt(format!(
                "it counts {movements} movements but holds {next}"
            )));
        }
        if next < base {
            return Err(corrupt(format!(
                "its journal ends at {next}, before its checkpoint at {base}"
            )));
        }
        if let Some((kits, bundles)) = pending_parts.take() {
            ledger.restore_kit_parts(kits, bundles).map_err(corrupt)?;
        }
        let end = ledger.len() as u64;
        ledger.fire_events(&mut tail, end).map_err(corrupt)?;
        if !tail.events.is_empty() || tail.bundle.is_some() || tail.posted_until > end {
            return Err(corrupt(
                "its events do not fit its journal (an event after the last movement)".into(),
            ));
        }
        let purchases = ledger.purchasing.events.len();
        ledger.durable = DurableSlot(Some(Box::new(Durable {
            store: std::sync::Mutex::new(store),
            movements: end,
            purchases,
            kits: ledger.kits.records.len(),
            bundles: ledger.kits.bundles.len(),
            events,
            checkpoint_every: config.checkpoint_every,
            checkpointed: base,
        })));
        Ok(ledger)
    }

    /// Closes the ledger's store (releasing its lock), leaving the ledger in memory as it
    /// stands: from then on it is an ordinary, non-durable ledger. Nothing is lost: every
    /// change was committed when it was made. A no-op for a ledger without a store.
    pub fn close(&mut self) {
        self.durable = DurableSlot::default();
    }

    /// Whether the ledger commits to a store (see [`crate::durable`]).
    pub fn is_durable(&self) -> bool {
        self.durable.0.is_some()
    }

    /// Writes a checkpoint of the ledger's state to its store now, so that opening it
    /// replays nothing before this point.
    ///
    /// # Errors
    /// [`crate::error::LedgerError::InvalidInput`] for a ledger without a store; any error
    /// of the store.
    pub fn checkpoint(&mut self) -> Result<()> {
        let Some(mut d) = self.durable.0.take() else {
            return Err(crate::error::LedgerError::InvalidInput {
                message: "the ledger has no store to write a checkpoint to".into(),
            }
            .into());
        };
        let out = self.write_checkpoint(&mut d);
        self.durable.0 = Some(d);
        out
    }

    fn write_checkpoint(&self, d: &mut Durable) -> Result<()> {
        let checkpoint = Checkpoint {
            movements: d.movements,
            events: d.events,
            data: self.checkpoint_json(),
        };
        d.store()?.write_checkpoint(&checkpoint)?;
        d.checkpointed = d.movements;
        Ok(())
    }

    /// The state as checkpoint JSON.
    fn checkpoint_json(&self) -> String {
        let mut shipments: Vec<ShipmentData> = self
            .shipments
            .iter()
            .map(|(&entry, s)| ShipmentData {
                entry,
                sku: s.sku,
                quantity: s.quantity,
                value: s.value,
            })
            .collect();
        shipments.sort_by_key(|s| s.entry);
        let mut reservations: Vec<ReservationData> = self
            .reservations
            .iter()
            .map(|(k, q)| ReservationData {
                reservation: k.reservation.to_string(),
                sku: k.sku,
                location: k.location,
                quantity: *q,
            })
            .collect();
        reservations.sort_by(|a, b| {
            (&a.reservation, a.sku, a.location).cmp(&(&b.reservation, b.sku, b.location))
        });
        let data = CheckpointData {
            format: CHECKPOINT_FORMAT,
            config: self.config.clone(),
            movements: self.journal.len() as u64,
            skus: self
                .skus
                .names
                .iter()
                .zip(&self.sku_info)
                .map(|(n, i)| SkuData {
                    sku: n.clone(),
                    method: i.method,
                })
                .collect(),
            locations: self.locations.names.clone(),
            slots: self
                .slots
                .iter()
                .map(|s| SlotData {
                    sku: s.sku,
                    location: s.location,
                    condition: s.condition,
                    reserved: s.reserved,
                    pool: s.pool.clone(),
                })
                .collect(),
            reservations,
            shipments,
            purchasing: self.purchasing.clone(),
            kits: self.kits.records.clone(),
            bundles: self.kits.bundles.clone(),
        };
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string(&data).unwrap_or_default()
    }

    /// A ledger with a checkpoint's state and an empty journal (restored by
    /// [`Ledger::restore_entry`]); kits and bundles come after the journal.
    fn from_checkpoint_parts(data: CheckpointData) -> Result<Ledger, String> {
        let mut l =
            Ledger::with_config(data.config).map_err(|e| format!("its configuration: {e}"))?;
        for (i, s) in data.skus.iter().enumerate() {
            let id = l.intern_sku(&s.sku).map_err(|e| e.to_string())?;
            if id as usize != i {
                return Err(format!("its checkpoint names SKU {:?} twice", s.sku));
            }
            l.sku_info[i].method = s.method;
        }
        for (i, name) in data.locations.iter().enumerate() {
            let id = l.locations.intern(name).map_err(|e| e.to_string())?;
            if id as usize != i {
                return Err(format!("its checkpoint names location {name:?} twice"));
            }
        }
        let (skus, locations) = (data.skus.len() as u32, data.locations.len() as u32);
        for (p, s) in data.slots.into_iter().enumerate() {
            if s.sku >= skus
                || s.location >= locations
                || l.slot_index.get(s.sku, s.location, s.condition).is_some()
            {
                return Err(format!("its checkpoint's position {p} does not fit"));
            }
            l.slots.push(Slot {
                sku: s.sku,
                location: s.location,
                condition: s.condition,
                pool: s.pool,
                reserved: s.reserved,
                saved: 0,
            });
            l.slot_index
                .insert(s.sku, s.location, s.condition, p as u32);
            l.sku_info[s.sku as usize].pools.push(p as u32);
        }
        // Each sellable position's reserved units are its reservations' sum (and no other
        // position holds any): what the replay of a release or a shipment relies on.
        let mut held: crate::hash::FxHashMap<(u32, u32), Decimal> = Default::default();
        for r in &data.reservations {
            if r.sku >= skus || r.location >= locations || r.quantity <= Decimal::ZERO {
                return Err("its checkpoint's reservation does not fit".into());
            }
            let sum = held.entry((r.sku, r.location)).or_default();
            *sum = sum
                .checked_add(r.quantity)
                .ok_or("its checkpoint's reservations overflow")?;
        }
        for s in &l.slots {
            let expected = match s.condition {
                Condition::Sellable => held.remove(&(s.sku, s.location)).unwrap_or_default(),
                _ => Decimal::ZERO,
            };
            if s.reserved != expected {
                return Err("its checkpoint's reserved units differ from its reservations".into());
            }
        }
        if !held.is_empty() {
            return Err("its checkpoint holds a reservation without a position".into());
        }
        for r in data.reservations {
            l.reservations.insert(
                ResKey {
                    reservation: Arc::from(r.reservation.as_str()),
                    sku: r.sku,
                    location: r.location,
                },
                r.quantity,
            );
        }
        for s in data.shipments {
            if s.sku >= skus || u64::from(s.entry) >= data.movements {
                return Err("its checkpoint's shipment does not fit".into());
            }
            l.shipments.insert(
                s.entry,
                ShipRecord {
                    sku: s.sku,
                    quantity: s.quantity,
                    value: s.value,
                },
            );
        }
        l.purchasing = data
            .purchasing
            .restored(data.movements)
            .map_err(|e| format!("its checkpoint: {e}"))?;
        Ok(l)
    }

    /// Restores the kit definitions and bundle postings of a checkpoint (after its journal).
    fn restore_kit_parts(
        &mut self,
        kits: Vec<KitRecord>,
        bundles: Vec<BundleRecord>,
    ) -> Result<(), String> {
        let message = |e: Error| format!("its checkpoint's kits: {e}");
        self.replay_kits(kits).map_err(message)?;
        self.restore_bundles(bundles).map_err(message)
    }

    /// Appends journal entry `j` as recorded, without applying it (its effect on the
    /// state is in the checkpoint).
    fn restore_entry(&mut self, j: u64, e: JournalEntry) -> Result<(), String> {
        if e.outcome.sequence != j || j != self.journal.len() as u64 {
            return Err(format!(
                "journal entry {j} is numbered {}",
                e.outcome.sequence
            ));
        }
        let m = &e.movement;
        let sku = self
            .skus
            .get(m.sku())
            .ok_or_else(|| format!("journal entry {j}'s SKU is not in the checkpoint"))?;
        let loc = |l: &Ledger, name: &str| {
            l.locations
                .get(name)
                .ok_or_else(|| format!("journal entry {j}'s location is not in the checkpoint"))
        };
        let (location, to, extra): (u32, u32, Option<&str>) = match &m.kind {
            MovementKind::Receive {
                location,
                purchase_order,
                ..
            }
            | MovementKind::ReturnToSupplier {
                location,
                purchase_order,
                ..
            } => {
                let l = loc(self, location)?;
                (l, l, purchase_order.as_deref())
            }
            MovementKind::Ship {
                location,
                reservation,
                ..
            } => {
                let l = loc(self, location)?;
                (l, l, reservation.as_deref())
            }
            MovementKind::CustomerReturn {
                location, shipment, ..
            } => {
                let l = loc(self, location)?;
                (l, l, shipment.as_deref())
            }
            MovementKind::Reserve {
                location,
                reservation,
                ..
            }
            | MovementKind::Release {
                location,
                reservation,
                ..
            } => {
                let l = loc(self, location)?;
                (l, l, Some(reservation.as_str()))
            }
            MovementKind::Transfer { from, to, .. } => (loc(self, from)?, loc(self, to)?, None),
            MovementKind::Reclassify { location, .. }
            | MovementKind::Adjust { location, .. }
            | MovementKind::CycleCount { location, .. } => {
                let l = loc(self, location)?;
                (l, l, None)
            }
            MovementKind::LandedCost { receipt, .. } => {
                let r = u32::try_from(*receipt)
                    .ok()
                    .filter(|&r| u64::from(r) < j)
                    .ok_or_else(|| format!("journal entry {j} names a later receipt"))?;
                (self.journal[r as usize].location, r, None)
            }
        };
        let info = &mut self.sku_info[sku as usize];
        info.latest = Some(m.time);
        let prev = std::mem::replace(&mut info.last, j as u32);
        let reference: Option<Arc<str>> = m.reference.as_deref().map(Arc::from);
        if let Some(r) = &m.reference {
            self.references.insert(interner::tag_of(r), j as u32);
        }
        let texts = [
            self.push_text(reference),
            self.push_text(extra.map(Arc::from)),
        ];
        let resolved = Resolved {
            location,
            to,
            extra: None,
        };
        self.journal
            .push(Entry::new(m, sku, resolved, texts, prev, &e.outcome));
        Ok(())
    }

    /// Applies the events positioned at journal length `at` (all but a bundle posting,
    /// whose movements follow it).
    fn fire_events(&mut self, tail: &mut Tail, at: u64) -> Result<(), String> {
        while let Some(e) = tail.events.front() {
            if e.first_movement() != at || tail.bundle.is_some() || tail.posted_until > at {
                if e.first_movement() < at {
                    return Err(format!(
                        "a {} event at movement {} comes after movement {at}",
                        e.type_name(),
                        e.first_movement()
                    ));
                }
                return Ok(());
            }
            let Some(e) = tail.events.pop_front() else {
                break;
            };
            match e {
                Event::Costing { sku, method, .. } => {
                    self.set_sku_costing(&sku, method)
                        .map_err(|e| format!("replaying a costing override failed: {e}"))?;
                }
                Event::Kit { record } => {
                    let i = record.sequence;
                    self.replay_kits_from(record)
                        .map_err(|e| format!("replaying kit definition {i} failed: {e}"))?;
                }
                Event::Purchase { record } => self.replay_purchase(record, tail)?,
                Event::Bundle { record } => {
                    if record.movements == 0 {
                        self.restore_bundle_record(record)?;
                    } else {
                        tail.bundle = Some(record);
                    }
                }
            }
        }
        Ok(())
    }

    fn replay_purchase(&mut self, record: PurchaseRecord, tail: &mut Tail) -> Result<(), String> {
        let i = record.sequence;
        if i != self.purchasing.events.len() as u64 {
            return Err(format!("purchasing event {i} is out of sequence"));
        }
        // Its movements are compared against the stored ones as the stream reaches them:
        // the event posts them itself now.
        let out = self
            .purchase(record.event)
            .map_err(|e| format!("replaying purchasing event {i} failed: {e}"))?;
        let end = record.first_movement.checked_add(record.movements);
        if out.duplicate || end != Some(self.journal.len() as u64) {
            return Err(format!(
                "purchasing event {i} did not post the movements it posted before"
            ));
        }
        tail.posted_until = self.journal.len() as u64;
        Ok(())
    }

    fn restore_bundle_record(&mut self, record: BundleRecord) -> Result<(), String> {
        let i = record.sequence;
        self.restore_bundles_from(record)
            .map_err(|e| format!("bundle posting {i}: {e}"))
    }

    /// Replays stored journal entry `j` after the checkpoint: fires the events positioned
    /// before it, then posts it (unless an event already did) and compares the outcome.
    fn replay_stored(&mut self, tail: &mut Tail, j: u64, e: JournalEntry) -> Result<(), String> {
        self.fire_events(tail, j)?;
        if j >= tail.posted_until {
            if self.journal.len() as u64 != j {
                return Err(format!("journal entry {j} does not follow its predecessor"));
            }
            self.post(e.movement.clone())
                .map_err(|err| format!("replaying journal entry {j} failed: {err}"))?;
        }
        if self.journal.len() as u64 <= j || self.entry(j as usize) != e {
            return Err(format!(
                "journal entry {j} does not reproduce its recorded outcome"
            ));
        }
        let end = j + 1;
        if let Some(b) = &tail.bundle {
            if b.first_movement.checked_add(b.movements) == Some(end) {
                if let Some(b) = tail.bundle.take() {
                    self.restore_bundle_record(b)?;
                }
            }
        }
        Ok(())
    }

    /// Commits what the transaction (or call) added to the store, if the ledger has one.
    /// `extra` is an event with no trace in the ledger's own lists (a costing override).
    pub(super) fn persist(&mut self, extra: Option<Event>) -> Result<()> {
        let Some(mut d) = self.durable.0.take() else {
            return Ok(());
        };
        let out = self.persist_to(&mut d, extra);
        self.durable.0 = Some(d);
        out
    }

    fn persist_to(&self, d: &mut Durable, extra: Option<Event>) -> Result<()> {
        let len = self.journal.len() as u64;
        let purchases = self.purchasing.events.len();
        let kits = self.kits.records.len();
        let bundles = self.kits.bundles.len();
        if len == d.movements
            && purchases == d.purchases
            && kits == d.kits
            && bundles == d.bundles
            && extra.is_none()
        {
            return Ok(());
        }
        // Ranked so that, at one journal position, an override or a definition comes
        // before the events that may use it (one call adds one kind in practice).
        let mut events: Vec<(u8, Event)> = Vec::new();
        if let Some(e) = extra {
            events.push((0, e));
        }
        for (i, record) in self.kits.records.iter().enumerate().skip(d.kits) {
            let mut record = record.clone();
            record.sequence = i as u64;
            events.push((1, Event::Kit { record }));
        }
        for (i, r) in self.purchasing.events.iter().enumerate().skip(d.purchases) {
            events.push((
                2,
                Event::Purchase {
                    record: PurchaseRecord {
                        sequence: i as u64,
                        first_movement: r.first_movement,
                        movements: u64::from(r.movements),
                        event: r.event.clone(),
                    },
                },
            ));
        }
        for b in self.kits.bundles.iter().skip(d.bundles) {
            events.push((3, Event::Bundle { record: b.clone() }));
        }
        events.sort_by_key(|(rank, e)| (e.first_movement(), *rank));
        let movements: Vec<JournalEntry> =
            (d.movements..len).map(|j| self.entry(j as usize)).collect();
        let commit = Commit {
            first_movement: d.movements,
            first_event: d.events,
            positions: self.position_rows(d.movements as usize..len as usize),
            movements,
            events: events.into_iter().map(|(_, e)| e).collect(),
        };
        d.store()?.append(&commit)?;
        d.movements = len;
        d.purchases = purchases;
        d.kits = kits;
        d.bundles = bundles;
        d.events += commit.events.len() as u64;
        if d.checkpoint_every > 0 && len - d.checkpointed >= d.checkpoint_every {
            // An automatic checkpoint that fails is skipped: the commit stands (see
            // `crate::durable`), and the next commit tries again.
            let _ = self.write_checkpoint(d);
        }
        Ok(())
    }

    /// The positions (every condition) of the SKU × location pairs that journal entries
    /// `range` touched, as they stand.
    fn position_rows(&self, range: std::ops::Range<usize>) -> Vec<PositionRow> {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for j in range {
            let e = &self.journal[j];
            pairs.push((e.sku, e.location));
            match e.kind {
                super::journal::Kind::Transfer => pairs.push((e.sku, e.to)),
                // A landed cost revalues its receipt's units wherever they are now.
                super::journal::Kind::LandedCost => {
                    for &p in &self.sku_info[e.sku as usize].pools {
                        pairs.push((e.sku, self.slots[p as usize].location));
                    }
                }
                _ => {}
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut rows = Vec::new();
        for (sku, location) in pairs {
            for &p in &self.sku_info[sku as usize].pools {
                let s = &self.slots[p as usize];
                if s.location == location {
                    rows.push(PositionRow {
                        sku: self.skus.name(sku).to_owned(),
                        location: self.locations.name(location).to_owned(),
                        condition: s.condition,
                        on_hand: s.pool.quantity,
                        reserved: s.reserved,
                        value: s.pool.value,
                    });
                }
            }
        }
        rows
    }

    /// The journal entries from sequence number `from` on, as JSON lines (one
    /// [`JournalEntry`] per line, each ending in a newline): the incremental export for
    /// hosts that keep their own store.
    pub fn journal_jsonl(&self, from: u64) -> String {
        let mut out = String::new();
        let start = usize::try_from(from).unwrap_or(usize::MAX);
        for j in start..self.journal.len() {
            // Serializing plain data with string keys cannot fail.
            out.push_str(&serde_json::to_string(&self.entry(j)).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    /// The journal entries from sequence number `from` on, as columns (see
    /// [`JournalColumns`]): the incremental export for hosts that keep their own store.
    pub fn journal_columns(&self, from: u64) -> JournalColumns {
        let start = usize::try_from(from).unwrap_or(usize::MAX);
        let mut c = JournalColumns::default();
        for j in start..self.journal.len() {
            c.push(&self.entry(j));
        }
        c
    }
}
