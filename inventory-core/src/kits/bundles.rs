//! Virtual bundles sold as one: reservations, releases, shipments and returns of all their
//! components in one atomic posting, recorded so that history stays attributable to the
//! bundle (the rules are in the [module documentation](super#virtual-bundles)).

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::assembly::KitMovementOutcome;
use super::{KitError, KitKind};
use crate::error::{LedgerError, Result};
use crate::ledger::{Condition, Movement, MovementKind};
use crate::time::Timestamp;
use crate::Ledger;

/// What was done with a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleAction {
    /// Its components reserved for an order.
    Reserve,
    /// Its components' reservation given up.
    Release,
    /// Its components shipped to a customer.
    Ship,
    /// Its components back from a customer.
    Return,
}

impl BundleAction {
    /// `"reserve"`, `"release"`, `"ship"` or `"return"`.
    pub fn as_str(self) -> &'static str {
        match self {
            BundleAction::Reserve => "reserve",
            BundleAction::Release => "release",
            BundleAction::Ship => "ship",
            BundleAction::Return => "return",
        }
    }
}

/// A bundle posting as the ledger recorded it: its components' movements are journal
/// entries `first_movement .. first_movement + movements`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRecord {
    /// Its number among the ledger's bundle postings (0-based).
    pub sequence: u64,
    /// The journal sequence number of its first movement.
    pub first_movement: u64,
    /// How many movements it posted.
    pub movements: u64,
    /// What was done.
    pub action: BundleAction,
    /// The bundle.
    pub bundle: String,
    /// Where.
    pub location: String,
    /// Bundles (> 0).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// When.
    pub time: Timestamp,
    /// The order (reservation) of a reservation, release or reserved shipment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// The shipment a return is of (the shipment's reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<String>,
    /// Its idempotency reference (a shipment's is required: its components' shipments are
    /// `"{reference}/{component}"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl Ledger {
    /// The components one posting of `quantity` bundles moves: the bundle's definition at
    /// `time` exploded through virtual sub-bundles, in the definition's order.
    fn bundle_parts(
        &self,
        bundle: &str,
        quantity: Decimal,
        time: Timestamp,
    ) -> Result<Vec<(String, Decimal)>> {
        let def = self
            .kits
            .book
            .definition_at(bundle, time)
            .ok_or_else(|| KitError::NotAKit {
                sku: bundle.to_owned(),
                time,
            })?;
        if def.kind != KitKind::Virtual {
            return Err(KitError::InvalidInput {
                message: format!(
                    "{bundle:?} is an assembled kit: it is sold from its own stock (post its movements), not as a bundle"
                ),
            }
            .into());
        }
        if quantity <= Decimal::ZERO {
            return Err(KitError::InvalidInput {
                message: format!("a quantity of bundles must be > 0, got {quantity}"),
            }
            .into());
        }
        Ok(self
            .kits
            .book
            .explode_in_order(bundle, quantity, time, false)?)
    }

    /// Posts one bundle action: its movements in one transaction, then its record.
    fn post_bundle(
        &mut self,
        record: BundleRecord,
        movements: Vec<Movement>,
    ) -> Result<KitMovementOutcome> {
        if let Some(r) = &record.reference {
            if r.is_empty() {
                return Err(LedgerError::InvalidInput {
                    message: "an empty reference".into(),
                }
                .into());
            }
            if let Some(&i) = self.kits.bundle_refs.get(r.as_str()) {
                let first = &self.kits.bundles[i as usize];
                let same = BundleRecord {
                    sequence: first.sequence,
                    first_movement: first.first_movement,
                    movements: first.movements,
                    ..record.clone()
                };
                if *first != same {
                    return Err(LedgerError::DuplicateReference {
                        reference: r.clone(),
                    }
                    .into());
                }
                let (from, n) = (first.first_movement, first.movements);
                let outcomes = (from..from + n)
                    .filter_map(|j| self.journal_entry(j as usize))
                    .map(|e| {
                        let mut o = e.outcome;
                        o.duplicate = true;
                        o
                    })
                    .collect::<Vec<_>>();
                return Ok(KitMovementOutcome {
                    first_movement: from,
                    value: outcomes.iter().map(|o| o.moved_value).sum(),
                    movements: outcomes,
                    duplicate: true,
                });
            }
        }
        self.transaction(|tx| {
            let first_movement = tx.ledger.len() as u64;
            let mut outcomes = Vec::with_capacity(movements.len());
            let mut value = Decimal::ZERO;
            for m in movements {
                let sku = m.sku().to_owned();
                let o = tx.post(m)?;
                if o.duplicate {
                    // A component's reference was posted before, by another movement: this
                    // posting would not move it. Refuse the whole posting.
                    let base = record.reference.as_deref().unwrap_or_default();
                    return Err(LedgerError::DuplicateReference {
                        reference: format!("{base}/{sku}"),
                    }
                    .into());
                }
                value = value.checked_add(o.moved_value).ok_or(KitError::Overflow {
                    context: "a bundle's value",
                })?;
                outcomes.push(o);
            }
            // The record is kept in the same transaction as the movements (a durable
            // ledger commits them together).
            let kits = &mut tx.ledger.kits;
            let sequence = kits.bundles.len() as u32;
            if let Some(r) = &record.reference {
                kits.bundle_refs.insert(Arc::from(r.as_str()), sequence);
            }
            kits.bundles.push(BundleRecord {
                sequence: u64::from(sequence),
                first_movement,
                movements: outcomes.len() as u64,
                ..record
            });
            Ok(KitMovementOutcome {
                first_movement,
                movements: outcomes,
                value,
                duplicate: false,
            })
        })
    }

    /// Reserves every component of `quantity` virtual bundles at `location` for `order`,
    /// all or nothing (each must be available).
    ///
    /// # Errors
    /// [`KitError::NotAKit`]; [`KitError::InvalidInput`] (an assembled kit, a quantity
    /// ≤ 0); [`LedgerError::InsufficientStock`] naming a component;
    /// [`LedgerError::DuplicateReference`]; any error of the movements. Nothing changed
    /// then.
    pub fn reserve_bundle(
        &mut self,
        bundle: &str,
        location: &str,
        quantity: Decimal,
        order: &str,
        time: Timestamp,
        reference: Option<String>,
    ) -> Result<KitMovementOutcome> {
        let parts = self.bundle_parts(bundle, quantity, time)?;
        let movements = parts
            .iter()
            .map(|(sku, q)| Movement::reserve(sku, location, *q, order, time))
            .collect();
        let record = record(
            BundleAction::Reserve,
            bundle,
            location,
            quantity,
            time,
            reference,
        )
        .order(order);
        self.post_bundle(record, movements)
    }

    /// Releases the reservation of every component of `quantity` bundles for `order`.
    ///
    /// # Errors
    /// As [`Ledger::reserve_bundle`], and [`LedgerError::UnknownReservation`] or
    /// [`LedgerError::ReservationExceeded`] naming a component.
    pub fn release_bundle(
        &mut self,
        bundle: &str,
        location: &str,
        quantity: Decimal,
        order: &str,
        time: Timestamp,
        reference: Option<String>,
    ) -> Result<KitMovementOutcome> {
        let parts = self.bundle_parts(bundle, quantity, time)?;
        let movements = parts
            .iter()
            .map(|(sku, q)| Movement::release(sku, location, Some(*q), order, time))
            .collect();
        let record = record(
            BundleAction::Release,
            bundle,
            location,
            quantity,
            time,
            reference,
        )
        .order(order);
        self.post_bundle(record, movements)
    }

    /// Ships `quantity` bundles from `location`: every component leaves (from the order's
    /// reservation when `order` is given, else from available stock), all or nothing; the
    /// bundle's COGS is the sum of its components' ([`KitMovementOutcome::value`]). The
    /// components' shipments carry the references `"{reference}/{component}"`, which
    /// [`Ledger::return_bundle`] names.
    ///
    /// # Errors
    /// As [`Ledger::reserve_bundle`]; [`LedgerError::UnknownReservation`],
    /// [`LedgerError::ReservationExceeded`].
    pub fn ship_bundle(
        &mut self,
        bundle: &str,
        location: &str,
        quantity: Decimal,
        time: Timestamp,
        order: Option<&str>,
        reference: String,
    ) -> Result<KitMovementOutcome> {
        let parts = self.bundle_parts(bundle, quantity, time)?;
        let movements = parts
            .into_iter()
            .map(|(sku, q)| {
                let r = format!("{reference}/{sku}");
                let m = match order {
                    Some(o) => Movement::ship_reserved(sku, location, q, o, time),
                    None => Movement::ship(sku, location, q, time),
                };
                m.with_reference(r)
            })
            .collect();
        let mut record = record(
            BundleAction::Ship,
            bundle,
            location,
            quantity,
            time,
            Some(reference),
        );
        record.order = order.map(str::to_owned);
        self.post_bundle(record, movements)
    }

    /// Takes back `quantity` bundles of the bundle shipment `shipment` (its reference) at
    /// `location`: every component the shipment moved comes back, as a customer return of
    /// its own shipment, at the cost it left with; all or nothing.
    ///
    /// # Errors
    /// [`LedgerError::UnknownShipment`] (no bundle shipment under that reference);
    /// [`LedgerError::ReturnExceedsShipment`] (more than is left to return); as
    /// [`Ledger::reserve_bundle`].
    pub fn return_bundle(
        &mut self,
        shipment: &str,
        location: &str,
        quantity: Decimal,
        time: Timestamp,
        reference: Option<String>,
    ) -> Result<KitMovementOutcome> {
        let shipped = self
            .kits
            .bundle_refs
            .get(shipment)
            .map(|&i| &self.kits.bundles[i as usize])
            .filter(|r| r.action == BundleAction::Ship)
            .ok_or_else(|| LedgerError::UnknownShipment {
                shipment: shipment.to_owned(),
            })?;
        let (bundle, shipped_at) = (shipped.bundle.clone(), shipped.time);
        // The components the shipment moved: its definition at the time it shipped.
        let parts = self.bundle_parts(&bundle, quantity, shipped_at)?;
        let movements = parts
            .iter()
            .map(|(sku, q)| {
                Movement::new(
                    MovementKind::CustomerReturn {
                        sku: sku.clone(),
                        location: location.to_owned(),
                        quantity: *q,
                        condition: Condition::Sellable,
                        shipment: Some(format!("{shipment}/{sku}")),
                        unit_cost: None,
                    },
                    time,
                )
            })
            .collect();
        let mut record = record(
            BundleAction::Return,
            &bundle,
            location,
            quantity,
            time,
            reference,
        );
        record.shipment = Some(shipment.to_owned());
        self.post_bundle(record, movements)
    }

    /// Whether a record read from a snapshot describes the movements in its range: each of
    /// the action's kind, at the record's location and time, and a shipment's (or a
    /// return's) naming the bundle shipment.
    fn bundle_record_matches(&self, r: &BundleRecord) -> bool {
        // The components the posting moved: the definition at its time (a return's: its
        // shipment's), for its quantity of bundles, in order.
        let defined_at = match r.action {
            BundleAction::Return => r
                .shipment
                .as_deref()
                .and_then(|s| self.kits.bundle_refs.get(s))
                .map(|&i| &self.kits.bundles[i as usize])
                .filter(|s| s.action == BundleAction::Ship && s.bundle == r.bundle)
                .map(|s| s.time),
            _ => Some(r.time),
        };
        let Some(parts) = defined_at.and_then(|t| self.bundle_parts(&r.bundle, r.quantity, t).ok())
        else {
            return false;
        };
        if parts.len() as u64 != r.movements {
            return false;
        }
        let same_parts = parts.iter().enumerate().all(|(k, (sku, q))| {
            self.journal_entry((r.first_movement + k as u64) as usize)
                .is_some_and(|e| e.movement.sku() == sku && e.movement.parts_quantity() == Some(*q))
        });
        same_parts
            && (r.first_movement..r.first_movement + r.movements).all(|j| {
                let Some(e) = self.journal_entry(j as usize) else {
                    return false;
                };
                let m = &e.movement;
                if m.time != r.time {
                    return false;
                }
                match (&m.kind, r.action) {
                    (
                        MovementKind::Reserve {
                            location,
                            reservation,
                            ..
                        },
                        BundleAction::Reserve,
                    )
                    | (
                        MovementKind::Release {
                            location,
                            reservation,
                            ..
                        },
                        BundleAction::Release,
                    ) => *location == r.location && Some(reservation) == r.order.as_ref(),
                    (MovementKind::Ship { sku, location, .. }, BundleAction::Ship) => {
                        let named = r.reference.as_deref().map(|x| format!("{x}/{sku}"));
                        *location == r.location && m.reference.as_deref() == named.as_deref()
                    }
                    (
                        MovementKind::CustomerReturn {
                            sku,
                            location,
                            shipment,
                            ..
                        },
                        BundleAction::Return,
                    ) => {
                        let named = r.shipment.as_deref().map(|x| format!("{x}/{sku}"));
                        *location == r.location && shipment.as_deref() == named.as_deref()
                    }
                    _ => false,
                }
            })
    }

    /// Every bundle posting, in order.
    pub fn bundle_records(&self) -> &[BundleRecord] {
        &self.kits.bundles
    }

    /// Restores bundle records read from a snapshot (their movements are in its journal).
    pub(crate) fn restore_bundles(&mut self, records: Vec<BundleRecord>) -> Result<()> {
        for r in records {
            self.restore_bundles_from(r)?;
        }
        Ok(())
    }

    /// Restores the next bundle record (its sequence must be the number of records; its
    /// movements must be in the journal already).
    pub(crate) fn restore_bundles_from(&mut self, r: BundleRecord) -> Result<()> {
        let i = self.kits.bundles.len();
        let previous_end = self
            .kits
            .bundles
            .last()
            .map_or(0, |p| p.first_movement + p.movements);
        let fits = r.sequence == i as u64
            && r.first_movement >= previous_end
            && r.movements > 0
            && r.quantity > Decimal::ZERO
            && !self.kits.book.versions(&r.bundle).is_empty()
            && r.first_movement
                .checked_add(r.movements)
                .is_some_and(|end| end <= self.len() as u64)
            && self.bundle_record_matches(&r);
        if !fits {
            return Err(crate::error::SnapshotError::Inconsistent {
                message: format!("bundle posting {i} does not fit the journal"),
            }
            .into());
        }
        if let Some(reference) = &r.reference {
            if self
                .kits
                .bundle_refs
                .insert(Arc::from(reference.as_str()), i as u32)
                .is_some()
            {
                return Err(crate::error::SnapshotError::Inconsistent {
                    message: format!("bundle reference {reference:?} is used twice"),
                }
                .into());
            }
        }
        self.kits.bundles.push(r);
        Ok(())
    }
}

fn record(
    action: BundleAction,
    bundle: &str,
    location: &str,
    quantity: Decimal,
    time: Timestamp,
    reference: Option<String>,
) -> BundleRecord {
    BundleRecord {
        sequence: 0,
        first_movement: 0,
        movements: 0,
        action,
        bundle: bundle.to_owned(),
        location: location.to_owned(),
        quantity,
        time,
        order: None,
        shipment: None,
        reference,
    }
}

impl BundleRecord {
    fn order(mut self, order: &str) -> Self {
        self.order = Some(order.to_owned());
        self
    }
}
