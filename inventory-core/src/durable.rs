//! Durability: a ledger that commits every posting to a store before the call returns.
//!
//! The store sits behind a small interface, [`JournalStore`]: append one transaction's
//! journal entries and events atomically, read them back after a given sequence number,
//! and read and write checkpoints. `inventory_core::store::sqlite` (feature `sqlite`) is the
//! first implementation; a server database for hosts that run several processes can
//! follow without touching the ledger. This module itself does no I/O.
//!
//! ## What is stored
//! - **Movements**: every journal entry (the movement as posted and its outcome), numbered
//!   by its journal sequence number from 0.
//! - **Events**: everything else that changes the ledger and is not a plain movement, in
//!   the order posted and numbered from 0: purchasing events ([`Event::Purchase`], whose
//!   stock movements are also among the movements), kit definitions ([`Event::Kit`]),
//!   bundle postings ([`Event::Bundle`]: their component movements are among the
//!   movements) and per-SKU costing overrides ([`Event::Costing`]). Each names the journal
//!   position it was posted at (`first_movement`), which is how a replay interleaves them
//!   with the movements.
//! - **Checkpoints**: the ledger's state (positions, cost layers, reservations, returnable
//!   shipments, purchasing documents, kit definitions) at a journal position, so that
//!   opening a store rebuilds the state from the newest checkpoint and replays only the
//!   movements and events after it. The journal before a checkpoint is read back as
//!   recorded (it is still the ledger's history), without re-applying any costing.
//!
//! ## The commit rule
//! A ledger with a store ([`Ledger::open_store`], or `Ledger::open` for SQLite) commits
//! each successful call that changes it (a posting, a batch, a purchasing event, a kit
//! definition, a bundle posting, a costing override) as **one** store transaction before
//! the call returns: an acknowledged change is in the store. A refused call writes
//! nothing. If the store itself fails (disk full, I/O error), the call is refused with
//! [`StoreError`], and the in-memory ledger is rolled back too: memory and store never
//! disagree. A duplicate (a reference posted before) changes nothing and writes nothing.
//!
//! Checkpoints are written every [`StoreConfig::checkpoint_every`] movements after a
//! commit, and on request ([`Ledger::checkpoint`]). An automatic checkpoint that fails is
//! skipped (the journal, not the checkpoint, is the record; the next commit tries again);
//! a requested one returns its error.
//!
//! A clone of a durable ledger is an in-memory copy: it has no store.

use serde::{Deserialize, Serialize};

use crate::costing::CostMethod;
use crate::error::{Result, StoreError};
use crate::kits::{BundleRecord, KitRecord};
use crate::ledger::{Condition, JournalEntry, LedgerConfig};
use crate::purchasing::PurchaseRecord;
#[cfg(doc)]
use crate::Ledger;

/// Something a ledger journals besides plain movements (see the [module
/// documentation](self)), as a store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    /// A purchasing event; its stock movements are journal entries
    /// `first_movement .. first_movement + movements`.
    Purchase {
        /// The event as journaled.
        record: PurchaseRecord,
    },
    /// A kit definition.
    Kit {
        /// The definition as journaled.
        record: KitRecord,
    },
    /// A bundle posting; its component movements are journal entries
    /// `first_movement .. first_movement + movements`.
    Bundle {
        /// The posting as journaled.
        record: BundleRecord,
    },
    /// A costing override for a SKU ([`Ledger::set_sku_costing`]).
    Costing {
        /// The journal's length when it was set.
        first_movement: u64,
        /// The SKU.
        sku: String,
        /// Its costing method.
        method: CostMethod,
    },
}

impl Event {
    /// The journal position the event was posted at.
    pub fn first_movement(&self) -> u64 {
        match self {
            Event::Purchase { record } => record.first_movement,
            Event::Kit { record } => record.first_movement,
            Event::Bundle { record } => record.first_movement,
            Event::Costing { first_movement, .. } => *first_movement,
        }
    }

    /// The event's type as stored (`"purchase"`, `"kit"`, `"bundle"`, `"costing"`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::Purchase { .. } => "purchase",
            Event::Kit { .. } => "kit",
            Event::Bundle { .. } => "bundle",
            Event::Costing { .. } => "costing",
        }
    }
}

/// A position as it stands after a commit, for a store's table of current positions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRow {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// The stock condition.
    pub condition: Condition,
    /// Units on hand.
    pub on_hand: rust_decimal::Decimal,
    /// Units reserved.
    pub reserved: rust_decimal::Decimal,
    /// Their value.
    pub value: rust_decimal::Decimal,
}

/// One committed transaction, as appended to a store: all of it or none of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The journal sequence number of the first movement (the journal's length before).
    pub first_movement: u64,
    /// The movements, in journal order.
    pub movements: Vec<JournalEntry>,
    /// The number of the first event (the events stored before).
    pub first_event: u64,
    /// The events, in the order posted.
    pub events: Vec<Event>,
    /// The positions the movements touched, as they stand after the commit.
    pub positions: Vec<PositionRow>,
}

/// A checkpoint: the ledger's state after `movements` journal entries and `events` events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Journal entries before it.
    pub movements: u64,
    /// Events before it.
    pub events: u64,
    /// The state, as the ledger writes it (opaque to a store: JSON text).
    pub data: String,
}

/// A durable store of a ledger's journal, events and checkpoints.
///
/// An implementation must make [`JournalStore::append`] atomic and durable to the degree
/// its configuration promises before it returns, and must refuse a second writer. The
/// ledger calls it from one thread at a time.
///
/// **Integrity.** Opening replays the movements and events after the newest checkpoint
/// (each replayed movement must reproduce its recorded outcome), but it takes the
/// checkpoint and the movements before it as recorded: their structure is checked (every
/// id within its list), not their meaning. A store must therefore detect damage to what it
/// returns and report [`StoreError::Corrupt`]: the SQLite store keeps a checksum of every
/// journal row, event row and checkpoint.
pub trait JournalStore: Send + std::fmt::Debug {
    /// The store's name for messages (a file path).
    fn name(&self) -> String;

    /// The ledger configuration the store was created with, `None` for a new, empty store.
    fn config(&mut self) -> Result<Option<LedgerConfig>, StoreError>;

    /// Records the configuration of a new store (called once, before the first append).
    fn set_config(&mut self, config: &LedgerConfig) -> Result<(), StoreError>;

    /// Appends one commit, atomically: afterwards all of it is stored, or (on error) none.
    fn append(&mut self, commit: &Commit) -> Result<(), StoreError>;

    /// The number of movements and events stored.
    fn counts(&mut self) -> Result<(u64, u64), StoreError>;

    /// Hands each stored movement with a sequence number `>= from` to `each`, in order
    /// (stopping at the first error `each` returns).
    fn movements(
        &mut self,
        from: u64,
        each: &mut dyn FnMut(JournalEntry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The stored events numbered `>= from`, in order.
    fn events(&mut self, from: u64) -> Result<Vec<Event>, StoreError>;

    /// The newest checkpoint, if any.
    fn latest_checkpoint(&mut self) -> Result<Option<Checkpoint>, StoreError>;

    /// Stores a checkpoint (replacing older ones is the store's choice).
    fn write_checkpoint(&mut self, checkpoint: &Checkpoint) -> Result<(), StoreError>;
}

/// How a durable ledger is opened (see [`Ledger::open_store`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// The ledger configuration: used to create a new store; an existing store keeps the
    /// one it was created with, and a different one given here is refused
    /// ([`StoreError::ConfigMismatch`]). `None`: the default for a new store, the stored one
    /// for an existing store.
    pub ledger: Option<LedgerConfig>,
    /// Write a checkpoint after every this many movements (0: only on request). Default
    /// 100,000.
    pub checkpoint_every: u64,
    /// How durable a commit is (what the store's sync setting promises).
    pub sync: SyncMode,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            ledger: None,
            checkpoint_every: 100_000,
            sync: SyncMode::Full,
        }
    }
}

impl StoreConfig {
    /// The defaults: no configuration given, a checkpoint every 100,000 movements, full
    /// sync.
    pub fn new() -> Self {
        Self::default()
    }

    /// The ledger configuration for a new store (checked against an existing one).
    pub fn ledger(mut self, config: LedgerConfig) -> Self {
        self.ledger = Some(config);
        self
    }

    /// A checkpoint every `movements` movements (0: only on request).
    pub fn checkpoint_every(mut self, movements: u64) -> Self {
        self.checkpoint_every = movements;
        self
    }

    /// The sync mode.
    pub fn sync(mut self, sync: SyncMode) -> Self {
        self.sync = sync;
        self
    }
}

/// What an acknowledged commit survives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncMode {
    /// Survives a crash of the process and of the machine (power loss): the store syncs
    /// its log to the disk before each commit returns. The default.
    #[default]
    Full,
    /// Survives a crash of the process (its writes are in the operating system's hands
    /// before the commit returns), not necessarily a power loss or a kernel crash, which
    /// may lose the latest commits (never corrupt the store). Much faster per commit.
    Normal,
    /// No syncing at all: for tests and bulk loads only; a machine crash may lose recent
    /// commits.
    Off,
}

impl SyncMode {
    /// The mode's name (`"full"`, `"normal"`, `"off"`).
    pub fn as_str(self) -> &'static str {
        match self {
            SyncMode::Full => "full",
            SyncMode::Normal => "normal",
            SyncMode::Off => "off",
        }
    }
}

impl std::str::FromStr for SyncMode {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "full" => Ok(SyncMode::Full),
            "normal" => Ok(SyncMode::Normal),
            "off" => Ok(SyncMode::Off),
            _ => Err(crate::error::LedgerError::InvalidInput {
                message: format!("unknown sync mode {s:?} (expected full, normal or off)"),
            }
            .into()),
        }
    }
}

/// Journal entries as columns (one row per entry; see [`Ledger::journal_columns`]).
/// Amounts are exact decimals; a field the movement's kind does not have is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalColumns {
    /// Journal sequence numbers.
    pub sequence: Vec<u64>,
    /// Times (seconds since the Unix epoch).
    pub time: Vec<i64>,
    /// Movement kinds (`"receive"`, `"ship"`, ...).
    pub kind: Vec<&'static str>,
    /// SKUs.
    pub sku: Vec<String>,
    /// Locations (a transfer's source; `None` for a landed cost).
    pub location: Vec<Option<String>>,
    /// A transfer's destination.
    pub to_location: Vec<Option<String>>,
    /// The units the movement named (a count's counted units).
    pub quantity: Vec<Option<rust_decimal::Decimal>>,
    /// The unit cost it named (a landed cost's amount).
    pub unit_cost: Vec<Option<rust_decimal::Decimal>>,
    /// Idempotency references.
    pub reference: Vec<Option<String>>,
    /// Outcome: signed change of units.
    pub quantity_change: Vec<rust_decimal::Decimal>,
    /// Outcome: signed change of value.
    pub value_change: Vec<rust_decimal::Decimal>,
    /// Outcome: cost of goods sold.
    pub cogs: Vec<rust_decimal::Decimal>,
}

impl JournalColumns {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.sequence.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.sequence.is_empty()
    }

    pub(crate) fn push(&mut self, e: &JournalEntry) {
        let r = JournalRow::of(e);
        self.sequence.push(e.outcome.sequence);
        self.time.push(e.movement.time);
        self.kind.push(r.kind);
        self.sku.push(e.movement.sku().to_owned());
        self.location.push(r.location.map(str::to_owned));
        self.to_location.push(r.to_location.map(str::to_owned));
        self.quantity.push(r.quantity);
        self.unit_cost.push(r.unit_cost);
        self.reference.push(e.movement.reference.clone());
        self.quantity_change.push(e.outcome.quantity);
        self.value_change.push(e.outcome.value);
        self.cogs.push(e.outcome.cogs);
    }
}

/// The fields of a journal entry by role, whatever its kind (a store's columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JournalRow<'a> {
    /// The movement's kind.
    pub kind: &'static str,
    /// Its location (a transfer's source; `None` for a landed cost).
    pub location: Option<&'a str>,
    /// A transfer's destination.
    pub to_location: Option<&'a str>,
    /// The units it named.
    pub quantity: Option<rust_decimal::Decimal>,
    /// The unit cost (or landed amount) it named.
    pub unit_cost: Option<rust_decimal::Decimal>,
}

impl<'a> JournalRow<'a> {
    /// The row of `e`.
    pub fn of(e: &'a JournalEntry) -> JournalRow<'a> {
        let (location, to_location, quantity, unit_cost) = e.movement.row_fields();
        JournalRow {
            kind: e.movement.kind_name(),
            location,
            to_location,
            quantity,
            unit_cost,
        }
    }
}
