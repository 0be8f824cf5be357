//! Snapshots: the ledger as JSON, checked on load by replaying its journal.
//!
//! A snapshot holds the configuration, the journal of movements, the journal of purchasing
//! events and the resulting state (positions, cost layers, reservations, returnable
//! shipments, suppliers and purchase orders), all in a canonical order so that the same
//! ledger always writes the same bytes. Loading replays the movements and the purchasing
//! events in their original interleaving into an empty ledger (each event must post
//! exactly the movements it posted before) and refuses the snapshot unless the replay
//! succeeds and reproduces the stored journal and state exactly, so a hand-edited or
//! truncated snapshot can never yield an inconsistent ledger.
//!
//! **Reading is strict.** A field the format does not have is refused at every level (every
//! type read from a snapshot denies unknown fields); a decimal must be a JSON string
//! (`"12.50"`, as written), never a JSON number; a movement's `kind` and a purchasing
//! event's `event` must be their names (serde alone would also take a variant's index, so
//! `"kind": 0` would be a receipt). Each is [`SnapshotError::Malformed`] naming the field.
//!
//! **Versions.** This build writes version 3 and reads versions 1 to 3. Version 3 added
//! kit definitions and bundle postings (`kits`, `bundles`: their movements are in the
//! journal; a bundle record must match the movements of its range). Version 2 added
//! the purchasing events and documents, the origin of each cost layer and the condition of
//! a receipt; a version 1 snapshot (which has none of them) is read by replaying its
//! journal and comparing its state without the layers' origins.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Condition, JournalEntry, Ledger, LedgerConfig, Timestamp};
use crate::costing::{CostMethod, Layer};
use crate::error::{Error, Result, SnapshotError};
use crate::kits::{BundleRecord, KitRecord};
use crate::purchasing::{PurchaseOrder, PurchaseRecord, Supplier};

/// The snapshot format version this build writes (it also reads versions 1 and 2). Version 3
/// added kit definitions (`kits`), version 2 purchasing.
pub const SNAPSHOT_VERSION: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PoolState {
    sku: String,
    location: String,
    condition: Condition,
    method: CostMethod,
    #[serde(deserialize_with = "crate::strict::decimal")]
    quantity: Decimal,
    #[serde(deserialize_with = "crate::strict::decimal")]
    value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::strict::option_decimal")]
    last_unit_cost: Option<Decimal>,
    #[serde(deserialize_with = "crate::strict::decimal")]
    reserved: Decimal,
    layers: Vec<Layer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReservationState {
    reservation: String,
    sku: String,
    location: String,
    #[serde(deserialize_with = "crate::strict::decimal")]
    quantity: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ShipmentState {
    reference: String,
    sku: String,
    #[serde(deserialize_with = "crate::strict::decimal")]
    quantity: Decimal,
    #[serde(deserialize_with = "crate::strict::decimal")]
    value: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SkuState {
    sku: String,
    method: CostMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    latest: Option<Timestamp>,
}

/// Purchasing documents as they stand (suppliers in the order first set, orders in the
/// order created).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PurchasingState {
    suppliers: Vec<Supplier>,
    orders: Vec<PurchaseOrder>,
}

impl PurchasingState {
    fn is_empty(&self) -> bool {
        self.suppliers.is_empty() && self.orders.is_empty()
    }
}

/// The ledger's state in a canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LedgerState {
    skus: Vec<SkuState>,
    locations: Vec<String>,
    positions: Vec<PoolState>,
    reservations: Vec<ReservationState>,
    shipments: Vec<ShipmentState>,
    #[serde(default, skip_serializing_if = "PurchasingState::is_empty")]
    purchasing: PurchasingState,
}

#[derive(Serialize)]
struct SnapshotRef<'a> {
    version: u32,
    config: &'a LedgerConfig,
    state: LedgerState,
    journal: JournalRef<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    purchases: Vec<PurchaseRecord>,
    #[serde(skip_serializing_if = "<[KitRecord]>::is_empty")]
    kits: &'a [KitRecord],
    #[serde(skip_serializing_if = "<[BundleRecord]>::is_empty")]
    bundles: &'a [BundleRecord],
}

/// The journal, serialized one materialized entry at a time.
struct JournalRef<'a>(&'a Ledger);

impl Serialize for JournalRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.journal_iter())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotOwned {
    version: u32,
    config: LedgerConfig,
    state: LedgerState,
    journal: Vec<JournalEntry>,
    #[serde(default)]
    purchases: Vec<PurchaseRecord>,
    #[serde(default)]
    kits: Vec<KitRecord>,
    #[serde(default)]
    bundles: Vec<BundleRecord>,
}

impl Ledger {
    pub(crate) fn state(&self) -> LedgerState {
        let skus = self
            .skus
            .names
            .iter()
            .zip(&self.sku_info)
            .map(|(n, i)| SkuState {
                sku: n.clone(),
                method: i.method,
                latest: i.latest,
            })
            .collect();
        let mut positions: Vec<PoolState> = self
            .slots
            .iter()
            .map(|s| PoolState {
                sku: self.skus.name(s.sku).to_owned(),
                location: self.locations.name(s.location).to_owned(),
                condition: s.condition,
                method: s.pool.method,
                quantity: s.pool.quantity,
                value: s.pool.value,
                last_unit_cost: s.pool.last_unit_cost(),
                reserved: s.reserved,
                layers: s.pool.layers.iter().copied().collect(),
            })
            .collect();
        positions.sort_by(|a, b| {
            (&a.sku, &a.location, a.condition).cmp(&(&b.sku, &b.location, b.condition))
        });
        let mut reservations: Vec<ReservationState> = self
            .reservations
            .iter()
            .map(|(k, q)| ReservationState {
                reservation: k.reservation.to_string(),
                sku: self.skus.name(k.sku).to_owned(),
                location: self.locations.name(k.location).to_owned(),
                quantity: *q,
            })
            .collect();
        reservations.sort_by(|a, b| {
            (&a.reservation, &a.sku, &a.location).cmp(&(&b.reservation, &b.sku, &b.location))
        });
        let mut shipments: Vec<ShipmentState> = self
            .shipments
            .iter()
            .map(|(&e, s)| ShipmentState {
                reference: self.reference_of(e).to_owned(),
                sku: self.skus.name(s.sku).to_owned(),
                quantity: s.quantity,
                value: s.value,
            })
            .collect();
        shipments.sort_by(|a, b| a.reference.cmp(&b.reference));
        let p = &self.purchasing;
        LedgerState {
            skus,
            locations: self.locations.names.clone(),
            positions,
            reservations,
            shipments,
            purchasing: PurchasingState {
                suppliers: p.suppliers.clone(),
                orders: (0..p.orders.len() as u32)
                    .map(|o| p.order_view(o))
                    .collect(),
            },
        }
    }

    /// The ledger as snapshot JSON (configuration, state and journal; canonical, so the
    /// same ledger always gives the same text).
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads snapshot JSON written by [`Ledger::to_json`].
    ///
    /// The journal is replayed and must reproduce the stored state exactly.
    ///
    /// # Errors
    /// [`SnapshotError::Malformed`], [`SnapshotError::UnsupportedVersion`],
    /// [`SnapshotError::Inconsistent`].
    pub fn from_json(json: &str) -> Result<Ledger> {
        let snap: SnapshotOwned =
            serde_json::from_str(json).map_err(|e| SnapshotError::Malformed {
                message: e.to_string(),
            })?;
        Ledger::from_snapshot(snap)
    }

    fn from_snapshot(snap: SnapshotOwned) -> Result<Ledger> {
        if !(1..=SNAPSHOT_VERSION).contains(&snap.version) {
            return Err(SnapshotError::UnsupportedVersion {
                found: snap.version,
                supported: SNAPSHOT_VERSION,
            }
            .into());
        }
        let inconsistent = |message: String| Error::from(SnapshotError::Inconsistent { message });
        if snap.version == 1 && !snap.purchases.is_empty() {
            return Err(inconsistent(
                "a version 1 snapshot has no purchasing events".into(),
            ));
        }
        if snap.version < 3 && !(snap.kits.is_empty() && snap.bundles.is_empty()) {
            return Err(inconsistent(format!(
                "a version {} snapshot has no kit definitions",
                snap.version
            )));
        }
        let movements =
            |range: std::ops::Range<usize>| snap.journal[range].iter().map(|e| e.movement.clone());
        let mut ledger = Ledger::with_config(snap.config)
            .map_err(|e| inconsistent(format!("the configuration is invalid: {e}")))?;
        // Movements up to each event, then the event (which posts its own movements).
        let mut done = 0usize;
        for (i, rec) in snap.purchases.iter().enumerate() {
            let first = usize::try_from(rec.first_movement).unwrap_or(usize::MAX);
            let end = usize::try_from(rec.movements)
                .ok()
                .and_then(|n| first.checked_add(n))
                .filter(|&end| {
                    rec.sequence == i as u64 && first >= done && end <= snap.journal.len()
                })
                .ok_or_else(|| {
                    inconsistent(format!(
                        "purchasing event {i} does not fit the journal of movements"
                    ))
                })?;
            ledger
                .post_all(movements(done..first), |_| ())
                .map_err(|e| inconsistent(format!("replaying the journal failed: {e}")))?;
            let out = ledger
                .purchase(rec.event.clone())
                .map_err(|e| inconsistent(format!("replaying purchasing event {i} failed: {e}")))?;
            if out.duplicate || ledger.journal.len() != end {
                return Err(inconsistent(format!(
                    "purchasing event {i} did not post the movements it posted before"
                )));
            }
            done = end;
        }
        ledger
            .post_all(movements(done..snap.journal.len()), |_| ())
            .map_err(|e| inconsistent(format!("replaying the journal failed: {e}")))?;
        if ledger.journal.len() != snap.journal.len()
            || !ledger.journal_iter().eq(snap.journal.iter().cloned())
        {
            return Err(inconsistent(
                "the journal's recorded outcomes differ from its replay".into(),
            ));
        }
        let mut state = ledger.state();
        if snap.version == 1 {
            // Version 1 did not store the layers' origins.
            for p in &mut state.positions {
                for l in &mut p.layers {
                    l.origin = 0;
                }
            }
        }
        if state != snap.state {
            return Err(inconsistent(
                "the stored state differs from the replay of the journal".into(),
            ));
        }
        ledger.replay_kits(snap.kits)?;
        ledger.restore_bundles(snap.bundles)?;
        Ok(ledger)
    }
}

impl Serialize for Ledger {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        SnapshotRef {
            version: SNAPSHOT_VERSION,
            config: &self.config,
            state: self.state(),
            journal: JournalRef(self),
            purchases: self.purchase_records(),
            kits: self.kit_records(),
            bundles: self.bundle_records(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Ledger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let snap = SnapshotOwned::deserialize(deserializer)?;
        Ledger::from_snapshot(snap).map_err(serde::de::Error::custom)
    }
}
