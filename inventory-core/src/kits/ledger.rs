//! Kits in the ledger: definitions journaled as documents (idempotent, in the snapshot),
//! and the buildable quantity and cost roll-up read from the ledger's positions and
//! valuations.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Buildable, KitBook, KitDefinition, KitError};
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
