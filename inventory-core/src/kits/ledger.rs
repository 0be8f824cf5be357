//! Kits in the ledger: definitions journaled as documents (idempotent, in the snapshot),
//! and the buildable quantity and cost roll-up read from the ledger's positions and
//! valuations.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::batch::FEW_KITS;
use super::{Buildable, KitBook, KitDefinition, KitError, Plan};
use crate::error::{LedgerError, Result};
use crate::ledger::{MAX_TIMESTAMP, MIN_TIMESTAMP};
use crate::time::Timestamp;
use crate::Ledger;

/// A kit definition as the ledger journaled it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitRecord {
    /// Its number among the ledger's kit definitions (0-based).
    pub sequence: u64,
    /// The number of stock movements journaled before it.
    pub first_movement: u64,
    /// The idempotency reference it was posted with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The definition.
    pub definition: KitDefinition,
}

/// What posting a kit definition did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitOutcome {
    /// The definition's [`KitRecord::sequence`].
    pub sequence: u64,
    /// `true` when the reference had been posted with the same definition: nothing changed.
    pub duplicate: bool,
}

/// The kits a ledger holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Kits {
    pub(crate) book: KitBook,
    pub(crate) records: Vec<KitRecord>,
    references: HashMap<Arc<str>, u32>,
    /// Bundle postings (see [`super::bundles`]) and their references.
    pub(crate) bundles: Vec<super::BundleRecord>,
    pub(crate) bundle_refs: HashMap<Arc<str>, u32>,
    /// The plan of every kit, kept for the batches that follow (see [`Memo`]).
    memo: Memo,
}

/// The plan of every kit ([`Plan`]) a batch of the whole book made, with the ledger's ids
/// of the names it needs and their sellable positions at the locations asked for: the next
/// batches use them while the book, the definitions in force, the ledger's SKUs and its
/// positions are the same (stamps say so), and read only the stock. Derived state: a copy
/// of the ledger keeps it (it holds for the copy too), and equality ignores it.
#[derive(Default)]
struct Memo(Mutex<Option<Memoized>>);

/// Whether a plan is kept (not the plan: it is as large as the book).
impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.lock().as_ref().map(|m| m.slots.len());
        f.debug_struct("Memo")
            .field("plan_kept", &kept.is_some())
            .field("locations", &kept.unwrap_or(0))
            .finish()
    }
}

#[derive(Clone)]
struct Memoized {
    plan: Arc<Plan>,
    /// [`Ledger::sku_ids_stamp`] when `ids` were looked up.
    ids_stamp: u64,
    /// The ledger's id of each name the plan needs, by slot.
    ids: Arc<Vec<u32>>,
    /// [`Ledger::slots_stamp`] when `slots` were looked up.
    slots_stamp: (u64, u64),
    /// By location (at most [`MEMO_LOCATIONS`]): the sellable positions of `ids` there
    /// ([`Ledger::sellable_slots`]).
    slots: Vec<(String, Positions)>,
}

/// Sellable positions at a location, as [`Ledger::sellable_slots`] gives them.
type Positions = Arc<Vec<(u32, u32)>>;

/// How many locations' positions a [`Memo`] keeps.
const MEMO_LOCATIONS: usize = 64;

impl Clone for Memo {
    fn clone(&self) -> Self {
        Memo(Mutex::new(self.lock().clone()))
    }
}

impl PartialEq for Memo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Memo {}

impl Memo {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Memoized>> {
        // A panic while it was held left a whole value (every update is one assignment).
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Kits {
    pub(crate) fn is_empty(&self) -> bool {
        self.records.is_empty() && self.bundles.is_empty()
    }

    /// Drops the kit definitions and bundle postings after the first `records` and
    /// `bundles` (a transaction's rollback). The definitions' book is rebuilt from the
    /// records kept (rare: only a definition refused by a durable store is rolled back).
    pub(crate) fn truncate(&mut self, records: usize, bundles: usize) {
        while self.bundles.len() > bundles {
            if let Some(b) = self.bundles.pop() {
                if let Some(r) = &b.reference {
                    self.bundle_refs.remove(r.as_str());
                }
            }
        }
        if self.records.len() > records {
            while self.records.len() > records {
                if let Some(k) = self.records.pop() {
                    if let Some(r) = &k.reference {
                        self.references.remove(r.as_str());
                    }
                }
            }
            let mut book = KitBook::default();
            for r in &self.records {
                // Each was valid when defined, in this order: defining them again cannot
                // fail (every component was known then).
                let _ = book.define(r.definition.clone(), |_| true);
            }
            self.book = book;
        }
    }
}

impl Ledger {
    /// Defines a kit, or a new version of one from `definition.effective` on (the rules are
    /// in the [module documentation](crate::kits)). A component must be a kit or a SKU the
    /// ledger knows (one with movements, or one a supplier sells). With a `reference`
    /// already posted, the same definition is a no-op returning the first outcome with
    /// `duplicate` set, and another definition is [`LedgerError::DuplicateReference`].
    ///
    /// ```
    /// use inventory_core::kits::{Component, KitDefinition, KitKind};
    /// use inventory_core::{Decimal, Ledger, Movement};
    ///
    /// let mut l = Ledger::new();
    /// for (sku, q) in [("MUG", 10), ("TEA", 9)] {
    ///     l.post(Movement::receive(sku, "WH", Decimal::from(q), Decimal::ONE, 0)).unwrap();
    /// }
    /// let gift = KitDefinition::new(
    ///     "GIFT",
    ///     KitKind::Virtual,
    ///     vec![Component::new("MUG", Decimal::ONE), Component::new("TEA", Decimal::TWO)],
    ///     0,
    /// );
    /// l.define_kit(gift, None).unwrap();
    /// let b = l.buildable("GIFT", Some("WH"), 10).unwrap();
    /// assert_eq!((b.quantity, b.limiting), (Decimal::from(4), vec!["TEA".to_string()]));
    /// ```
    ///
    /// A definition may not be effective at or before the kit's latest sale, customer return
    /// or bundle posting ([`KitError::UsedSince`]): movements
    /// already posted keep the components they used.
    ///
    /// # Errors
    /// [`KitError`]s of the definition (nothing changes), [`LedgerError::InvalidInput`] for
    /// an effective time out of range or an empty reference,
    /// [`LedgerError::DuplicateReference`].
    pub fn define_kit(
        &mut self,
        definition: KitDefinition,
        reference: Option<String>,
    ) -> Result<KitOutcome> {
        // In a transaction, so that a durable ledger commits the definition to its store.
        self.transaction(|tx| tx.ledger.define_kit_checked(definition, reference, true))
    }

    /// [`Ledger::define_kit`]; `live` also refuses a definition effective at or before the
    /// kit's latest sale, return or bundle posting (a replay from a snapshot, which comes
    /// after the movements, does not: what was valid when posted stays valid).
    fn define_kit_checked(
        &mut self,
        definition: KitDefinition,
        reference: Option<String>,
        live: bool,
    ) -> Result<KitOutcome> {
        if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&definition.effective) {
            return Err(LedgerError::InvalidInput {
                message: format!("effective time {} is out of range", definition.effective),
            }
            .into());
        }
        if let Some(r) = &reference {
            if r.is_empty() {
                return Err(LedgerError::InvalidInput {
                    message: "an empty reference".into(),
                }
                .into());
            }
            if let Some(&i) = self.kits.references.get(r.as_str()) {
                let first = &self.kits.records[i as usize];
                if first.definition != definition {
                    return Err(LedgerError::DuplicateReference {
                        reference: r.clone(),
                    }
                    .into());
                }
                return Ok(KitOutcome {
                    sequence: u64::from(i),
                    duplicate: true,
                });
            }
        }
        if live {
            let sold = self.net_sales(&definition.kit, None).next().map(|(t, _)| t);
            let posted = self
                .kits
                .bundles
                .iter()
                .filter(|b| b.bundle == definition.kit)
                .map(|b| b.time)
                .max();
            if let Some(latest) = sold.max(posted) {
                if definition.effective <= latest {
                    return Err(KitError::UsedSince {
                        kit: definition.kit,
                        effective: definition.effective,
                        latest,
                    }
                    .into());
                }
            }
        }
        let known: Vec<&str> = definition
            .components
            .iter()
            .map(|c| c.sku.as_str())
            .filter(|sku| self.knows_sku(sku))
            .collect();
        let mut book = std::mem::take(&mut self.kits.book);
        let defined = book.define(definition.clone(), |sku| known.contains(&sku));
        self.kits.book = book;
        defined?;
        let sequence = self.kits.records.len() as u32;
        if let Some(r) = &reference {
            self.kits.references.insert(Arc::from(r.as_str()), sequence);
        }
        self.kits.records.push(KitRecord {
            sequence: u64::from(sequence),
            first_movement: self.len() as u64,
            reference,
            definition,
        });
        Ok(KitOutcome {
            sequence: u64::from(sequence),
            duplicate: false,
        })
    }

    /// Whether the ledger knows `sku`: it has movements, or a supplier sells it.
    fn knows_sku(&self, sku: &str) -> bool {
        self.skus().iter().any(|s| s == sku) || !self.suppliers_of(sku).is_empty()
    }

    /// Every kit definition, in the order they were posted.
    pub fn kit_records(&self) -> &[KitRecord] {
        &self.kits.records
    }

    /// The definition of `kit` in force at `time` (`None`: the latest), if it is a kit.
    pub fn kit_definition(&self, kit: &str, time: Option<Timestamp>) -> Option<&KitDefinition> {
        match time {
            Some(t) => self.kits.book.definition_at(kit, t),
            None => self.kits.book.versions(kit).last(),
        }
    }

    /// The kits' definitions (every version), for the computations of [`crate::kits`].
    pub fn kit_book(&self) -> &KitBook {
        &self.kits.book
    }

    /// Sellable units free to use of `sku` at `location` (all locations with `None`):
    /// available (on hand − reserved), not below zero; zero for a SKU or location the
    /// ledger does not know.
    fn free(&self, sku: &str, location: Option<&str>) -> Decimal {
        self.free_units(sku, location)
    }

    /// The whole kits that can be built at `location` (across all locations with `None`,
    /// as if the stock were pooled: the omnichannel view) from the available stock, with
    /// the definitions in force at `time` (see [`KitBook::buildable`]).
    ///
    /// # Errors
    /// [`KitError::NotAKit`], [`KitError::Overflow`].
    pub fn buildable(
        &self,
        kit: &str,
        location: Option<&str>,
        time: Timestamp,
    ) -> Result<Buildable> {
        Ok(self
            .kits
            .book
            .buildable(kit, time, |sku| self.free(sku, location))?)
    }

    /// What can be sold of `kit` at `location` (all with `None`): for an assembled kit its
    /// available stock + what can be built, for a virtual bundle what can be built (see
    /// [`KitBook::sellable`]).
    ///
    /// # Errors
    /// As [`Ledger::buildable`].
    pub fn sellable(
        &self,
        kit: &str,
        location: Option<&str>,
        time: Timestamp,
    ) -> Result<Buildable> {
        Ok(self
            .kits
            .book
            .sellable(kit, time, |sku| self.free(sku, location))?)
    }

    /// [`Ledger::buildable`] of every kit with a definition in force at `time`, sorted by
    /// kit, at `location` (all locations pooled with `None`): the same answers, kit for
    /// kit, in one batch that reads each component's stock once (see
    /// [`crate::kits#many-kits-at-once`]).
    ///
    /// ```
    /// use inventory_core::kits::{Component, KitDefinition, KitKind};
    /// use inventory_core::{Decimal, Ledger, Movement};
    ///
    /// let mut l = Ledger::new();
    /// for (sku, q) in [("MUG", 10), ("TEA", 9)] {
    ///     l.post(Movement::receive(sku, "WH", Decimal::from(q), Decimal::ONE, 0)).unwrap();
    /// }
    /// for (kit, tea) in [("GIFT", 2), ("DUO", 1)] {
    ///     let c = vec![Component::new("MUG", Decimal::ONE), Component::new("TEA", tea.into())];
    ///     l.define_kit(KitDefinition::new(kit, KitKind::Virtual, c, 0), None).unwrap();
    /// }
    /// // Sorted by kit, each as `buildable` answers it.
    /// let all = l.buildable_all(Some("WH"), 10).unwrap();
    /// let duo = l.buildable("DUO", Some("WH"), 10).unwrap();
    /// let gift = l.buildable("GIFT", Some("WH"), 10).unwrap();
    /// assert_eq!(all, vec![duo, gift]);
    /// assert_eq!((all[0].quantity, all[1].quantity), (Decimal::from(9), Decimal::from(4)));
    /// ```
    ///
    /// # Errors
    /// The first kit's error, as [`Ledger::buildable`] of each in turn would give:
    /// [`KitError::Overflow`], [`KitError::TooDeep`].
    pub fn buildable_all(&self, location: Option<&str>, time: Timestamp) -> Result<Vec<Buildable>> {
        self.batch(None, location, time, false)
    }

    /// [`Ledger::buildable`] of each of `kits`, in their order, at `location` (all with
    /// `None`): the same answers in one batch, as [`Ledger::buildable_all`].
    ///
    /// # Errors
    /// The first kit's error, as [`Ledger::buildable`] of each in turn would give:
    /// [`KitError::NotAKit`], [`KitError::Overflow`], [`KitError::TooDeep`].
    pub fn buildable_many<S: AsRef<str>>(
        &self,
        kits: &[S],
        location: Option<&str>,
        time: Timestamp,
    ) -> Result<Vec<Buildable>> {
        let kits: Vec<&str> = kits.iter().map(AsRef::as_ref).collect();
        self.batch(Some(&kits), location, time, false)
    }

    /// [`Ledger::sellable`] of every kit with a definition in force at `time`, sorted, at
    /// `location` (all with `None`), in one batch as [`Ledger::buildable_all`].
    ///
    /// # Errors
    /// As [`Ledger::buildable_all`].
    pub fn sellable_all(&self, location: Option<&str>, time: Timestamp) -> Result<Vec<Buildable>> {
        self.batch(None, location, time, true)
    }

    /// [`Ledger::sellable`] of each of `kits`, in their order, at `location` (all with
    /// `None`), in one batch as [`Ledger::buildable_all`].
    ///
    /// # Errors
    /// As [`Ledger::buildable_many`].
    pub fn sellable_many<S: AsRef<str>>(
        &self,
        kits: &[S],
        location: Option<&str>,
        time: Timestamp,
    ) -> Result<Vec<Buildable>> {
        let kits: Vec<&str> = kits.iter().map(AsRef::as_ref).collect();
        self.batch(Some(&kits), location, time, true)
    }

    /// A batch of buildable (or sellable) quantities of `kits` (`None`: every kit in force
    /// at `time`). A batch of the whole book (or of a good part of it) uses the plan of
    /// every kit the ledger keeps ([`Memo`]), if it still holds, and keeps the one it makes;
    /// fewer kits are planned on their own, and a handful asked one by one. Then the stock
    /// of every name the plan needs is read in one pass, and the kits are answered.
    fn batch(
        &self,
        kits: Option<&[&str]>,
        location: Option<&str>,
        time: Timestamp,
        sellable: bool,
    ) -> Result<Vec<Buildable>> {
        let book = &self.kits.book;
        let available = |sku: &str| self.free(sku, location);
        match kits {
            Some(kits) if kits.len() <= FEW_KITS => {
                return (kits.iter())
                    .map(|kit| {
                        if sellable {
                            self.sellable(kit, location, time)
                        } else {
                            self.buildable(kit, location, time)
                        }
                    })
                    .collect();
            }
            Some(few) if few.len().saturating_mul(4) < book.kit_count() => {
                let plan = book.plan(kits, time);
                let ids = self.sku_ids(plan.needed());
                let free = self.free_units_of_ids(&ids, location);
                return Ok(plan.answer(book, kits, time, sellable, &free, &available)?);
            }
            _ => {}
        }
        let memo = self.memo(time);
        let free = match location {
            None => self.free_units_of_ids(&memo.ids, None),
            Some(l) => self.free_units_of_slots(&self.memo_slots(&memo, l), memo.ids.len()),
        };
        Ok(memo
            .plan
            .answer(book, kits, time, sellable, &free, &available)?)
    }

    /// The kept plan of every kit and the ids of its names, made afresh if they do not hold
    /// at `time`.
    fn memo(&self, time: Timestamp) -> Memoized {
        let book = &self.kits.book;
        let stamp = self.sku_ids_stamp();
        let kept = self.kits.memo.lock().clone();
        let plan = match kept {
            Some(m) if book.plan_holds(&m.plan, time) && m.ids_stamp == stamp => return m,
            // The same plan, the ledger's SKUs having changed: only its names are looked up
            // again.
            Some(m) if book.plan_holds(&m.plan, time) => m.plan,
            _ => Arc::new(book.plan(None, time)),
        };
        let ids = Arc::new(self.sku_ids(plan.needed()));
        let m = Memoized {
            plan,
            ids_stamp: stamp,
            ids,
            slots_stamp: self.slots_stamp(),
            slots: Vec::new(),
        };
        *self.kits.memo.lock() = Some(m.clone());
        m
    }

    /// The sellable positions at `location` of the names of `memo`, kept with it.
    fn memo_slots(&self, memo: &Memoized, location: &str) -> Positions {
        let stamp = self.slots_stamp();
        let same =
            |m: &Memoized| Arc::ptr_eq(&m.plan, &memo.plan) && Arc::ptr_eq(&m.ids, &memo.ids);
        if let Some(m) = self.kits.memo.lock().as_mut().filter(|m| same(m)) {
            if m.slots_stamp != stamp {
                m.slots.clear();
                m.slots_stamp = stamp;
            }
            if let Some((_, slots)) = m.slots.iter().find(|(l, _)| l == location) {
                return Arc::clone(slots);
            }
        }
        let slots = Arc::new(self.sellable_slots(&memo.ids, location));
        if let Some(m) = self.kits.memo.lock().as_mut().filter(|m| same(m)) {
            if m.slots_stamp == stamp && m.slots.len() < MEMO_LOCATIONS {
                m.slots.push((location.to_owned(), Arc::clone(&slots)));
            }
        }
        slots
    }

    /// The cost of one `kit` rolled up from its components' current valuations at
    /// `location` (all with `None`): a component's unit cost is its stock's value ÷ units
    /// (sellable, damaged and quarantined alike), an assembled kit in stock is taken at its
    /// own, any other kit is rolled up (see [`KitBook::rollup`]). Exact, not rounded.
    ///
    /// # Errors
    /// [`KitError::NotAKit`]; [`KitError::InvalidInput`] naming a component without stock
    /// to value it by; [`KitError::Overflow`].
    pub fn kit_cost(&self, kit: &str, location: Option<&str>, time: Timestamp) -> Result<Decimal> {
        Ok(self.kits.book.rollup(kit, time, |sku| {
            let v = self.valuation(sku, location).ok()?;
            let units = v.quantity;
            (units > Decimal::ZERO)
                .then(|| v.value.checked_div(units))
                .flatten()
        })?)
    }

    /// Replays kit records read from a snapshot (after its movements and purchasing
    /// events: a definition valid when it was posted is valid later, SKUs only being
    /// added).
    pub(crate) fn replay_kits(&mut self, records: Vec<KitRecord>) -> Result<()> {
        for rec in records {
            self.replay_kits_from(rec)?;
        }
        Ok(())
    }

    /// Replays one kit record (the next one: its sequence must be the number of records).
    pub(crate) fn replay_kits_from(&mut self, rec: KitRecord) -> Result<()> {
        let i = self.kits.records.len();
        if rec.sequence != i as u64 || rec.first_movement > self.len() as u64 {
            return Err(crate::error::SnapshotError::Inconsistent {
                message: format!("kit definition {i} does not fit the journal"),
            }
            .into());
        }
        let first_movement = rec.first_movement;
        self.define_kit_checked(rec.definition, rec.reference, false)
            .map_err(|e| crate::error::SnapshotError::Inconsistent {
                message: format!("replaying kit definition {i} failed: {e}"),
            })?;
        if self.kits.records.len() != i + 1 {
            return Err(crate::error::SnapshotError::Inconsistent {
                message: format!("kit definition {i} repeats an earlier reference"),
            }
            .into());
        }
        if let Some(r) = self.kits.records.last_mut() {
            r.first_movement = first_movement;
        }
        Ok(())
    }
}
