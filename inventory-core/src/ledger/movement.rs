//! Movements: the facts a ledger records, and what posting one returned.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::error::LedgerError;

use crate::time::Timestamp;

/// The condition of stock at a location.
///
/// Only `Sellable` stock is *on hand* and can be reserved or shipped; `Damaged` and
/// `Quarantine` stock is counted and valued (at the cost it came back with) but is never
/// available. A [`MovementKind::Reclassify`] moves units between conditions (an inspection
/// that passes quarantined returns back to sellable stock); an [`MovementKind::Adjust`]
/// or a [`MovementKind::ReturnToSupplier`] with a non-sellable condition writes them off or
/// sends them back.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Sellable stock: on hand, reservable, shippable.
    #[default]
    Sellable,
    /// Damaged stock: counted and valued, never available.
    Damaged,
    /// Stock awaiting inspection: counted and valued, never available.
    Quarantine,
}

impl Condition {
    /// Every condition, in a fixed order.
    pub const ALL: [Condition; 3] = [
        Condition::Sellable,
        Condition::Damaged,
        Condition::Quarantine,
    ];

    /// Whether this is [`Condition::Sellable`].
    pub fn is_sellable(&self) -> bool {
        *self == Condition::Sellable
    }

    /// The lowercase name (`"sellable"`, `"damaged"`, `"quarantine"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Sellable => "sellable",
            Condition::Damaged => "damaged",
            Condition::Quarantine => "quarantine",
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Condition {
    type Err = LedgerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sellable" => Ok(Condition::Sellable),
            "damaged" => Ok(Condition::Damaged),
            "quarantine" => Ok(Condition::Quarantine),
            _ => Err(LedgerError::InvalidInput {
                message: format!(
                    "unknown condition {s:?} (expected sellable, damaged or quarantine)"
                ),
            }),
        }
    }
}

/// Why stock was adjusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustReason {
    /// Units damaged in the warehouse.
    Damage,
    /// Units lost for an unknown reason (theft, miscount, ...).
    Shrinkage,
    /// Units found.
    Found,
    /// Units past their expiry date.
    Expired,
    /// A correction of an earlier booking error.
    Correction,
    /// The adjustment implied by a cycle count (set by the ledger for counts).
    CycleCount,
    /// Any other reason.
    Other,
    /// Components consumed by, or a kit produced by, an assembly
    /// ([`crate::Ledger::assemble`]): not a write-off, the value moves into the kit.
    Assembly,
    /// A kit consumed by, or components returned by, a disassembly
    /// ([`crate::Ledger::disassemble`]).
    Disassembly,
}

impl AdjustReason {
    /// The lowercase name used in JSON and in the bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            AdjustReason::Damage => "damage",
            AdjustReason::Shrinkage => "shrinkage",
            AdjustReason::Found => "found",
            AdjustReason::Expired => "expired",
            AdjustReason::Correction => "correction",
            AdjustReason::CycleCount => "cycle_count",
            AdjustReason::Other => "other",
            AdjustReason::Assembly => "assembly",
            AdjustReason::Disassembly => "disassembly",
        }
    }
}

impl fmt::Display for AdjustReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AdjustReason {
    type Err = LedgerError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "damage" => AdjustReason::Damage,
            "shrinkage" => AdjustReason::Shrinkage,
            "found" => AdjustReason::Found,
            "expired" => AdjustReason::Expired,
            "correction" => AdjustReason::Correction,
            "cycle_count" => AdjustReason::CycleCount,
            "other" => AdjustReason::Other,
            "assembly" => AdjustReason::Assembly,
            "disassembly" => AdjustReason::Disassembly,
            _ => {
                return Err(LedgerError::InvalidInput {
                    message: format!(
                        "unknown adjustment reason {s:?} (expected damage, shrinkage, found, expired, correction, cycle_count, other, assembly or disassembly)"
                    ),
                })
            }
        })
    }
}

/// What happened: one variant per kind of movement.
///
/// Quantities are positive unless stated otherwise; unit costs are money per unit and not negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MovementKind {
    /// Goods received from a supplier at `unit_cost`, into sellable stock or, when
    /// inspection at the dock finds them damaged or holds them for inspection, into
    /// damaged or quarantine stock (counted and valued, never available).
    Receive {
        /// The SKU.
        sku: String,
        /// Where the goods arrived.
        location: String,
        /// How many units (> 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// The cost of one unit (≥ 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        unit_cost: Decimal,
        /// The purchase order this receipt belongs to, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purchase_order: Option<String>,
        /// The condition the units arrive in (default sellable).
        #[serde(default, skip_serializing_if = "Condition::is_sellable")]
        condition: Condition,
    },
    /// An additional cost of units received earlier (freight, duty, insurance, ...: a
    /// *landed cost*), charged to the receipt with journal sequence number `receipt`.
    ///
    /// The units of that receipt still on hand, wherever they now are (transferred,
    /// reclassified), are those of the cost layers that came in with it (see
    /// [`crate::costing::Layer::origin`]; under moving average, the pool's layers, which
    /// are consumed first-in first-out). Of `amount`, the share `amount × units still on
    /// hand / units received` (rounded half away from zero to the money scale) raises
    /// their value: their layers' (spread over them pro rata, the last taking the
    /// remainder) or, under moving average, their pool's. The rest, the share of the units
    /// that already left (sold, transferred out of the books, written off), is booked as a
    /// COGS true-up. So stock value + COGS grows by exactly `amount`, to the cent.
    /// [`Outcome::value`] is the share on hand, [`Outcome::cogs`] the true-up and
    /// [`Outcome::moved_value`] the amount.
    LandedCost {
        /// The SKU received (must be the receipt's).
        sku: String,
        /// The journal sequence number of the receipt ([`Outcome::sequence`] of a
        /// [`MovementKind::Receive`]).
        receipt: u64,
        /// The cost added (> 0, at most the ledger's money scale in decimal places).
        #[serde(deserialize_with = "crate::strict::decimal")]
        amount: Decimal,
    },
    /// Goods shipped to a customer: the units leave at their cost (COGS).
    ///
    /// Without a reservation the units must be *available* (on hand less reserved); with a
    /// reservation they are taken from that reservation, which shrinks by `quantity`.
    Ship {
        /// The SKU.
        sku: String,
        /// Where the goods left from.
        location: String,
        /// How many units (> 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// The reservation (order id) this shipment fulfils, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reservation: Option<String>,
    },
    /// Goods a customer sent back.
    ///
    /// They come back at the cost they left with when `shipment` names the shipment's
    /// reference (what is left of that shipment's COGS × units returned / units not yet
    /// returned, rounded half away from zero to the money scale; so the last unit returned
    /// takes the exact remainder), else at `unit_cost` when given, else at the position's
    /// current unit cost (or its last known unit cost, or zero). `condition` says whether they are sellable
    /// again or go to damaged / quarantine stock. The value returned reduces COGS.
    CustomerReturn {
        /// The SKU.
        sku: String,
        /// Where the goods came back to (may differ from where they shipped from).
        location: String,
        /// How many units (> 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// The condition the units come back in.
        #[serde(default)]
        condition: Condition,
        /// The reference of the shipment being returned, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shipment: Option<String>,
        /// An explicit unit cost, used when no shipment is named.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::strict::option_decimal")]
        unit_cost: Option<Decimal>,
    },
    /// Goods sent back to the supplier; they leave at their cost (by the costing method).
    ReturnToSupplier {
        /// The SKU.
        sku: String,
        /// Where the goods left from.
        location: String,
        /// How many units (> 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// The condition the units are taken from.
        #[serde(default)]
        condition: Condition,
        /// The purchase order being returned against, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        purchase_order: Option<String>,
    },
    /// Goods moved between two locations; their cost layers and receipt times travel with them.
    ///
    /// Sellable units must be available (reservations at the source are kept).
    Transfer {
        /// The SKU.
        sku: String,
        /// The source location.
        from: String,
        /// The destination location.
        to: String,
        /// How many units (> 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// The condition moved (kept at the destination).
        #[serde(default)]
        condition: Condition,
    },
    /// Units moved between conditions at one location (for example quarantine → sellable
    /// after inspection); cost layers travel as in a transfer.
    Reclassify {
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
        /// How many units (> 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// The condition the units leave.
        from: Condition,
        /// The condition the units enter.
        to: Condition,
    },
    /// A signed stock correction: positive adds units (at `unit_cost`, or the position's
    /// current / last known unit cost), negative removes them at their cost (a write-off).
    Adjust {
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
        /// The signed change (≠ 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// Why.
        reason: AdjustReason,
        /// The condition adjusted.
        #[serde(default)]
        condition: Condition,
        /// The unit cost of added units, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::strict::option_decimal")]
        unit_cost: Option<Decimal>,
    },
    /// A physical count: the counted quantity becomes the quantity, and the implied
    /// adjustment (counted − recorded) is booked and returned in [`Outcome::adjustment`].
    CycleCount {
        /// The SKU.
        sku: String,
        /// The location (the SKU must have been stocked there).
        location: String,
        /// The quantity counted (≥ 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        counted: Decimal,
        /// The condition counted.
        #[serde(default)]
        condition: Condition,
        /// The unit cost of units found beyond the record, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::strict::option_decimal")]
        unit_cost: Option<Decimal>,
    },
    /// Sellable units promised to an order: they stay on hand but are no longer available.
    Reserve {
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
        /// How many units (> 0).
        #[serde(deserialize_with = "crate::strict::decimal")]
        quantity: Decimal,
        /// The reservation (order) id; one reservation may hold several SKUs.
        reservation: String,
    },
    /// A reservation given up (an order cancelled): the units become available again.
    Release {
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
        /// How many units; `None` releases all that the reservation holds of this SKU here.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::strict::option_decimal")]
        quantity: Option<Decimal>,
        /// The reservation (order) id.
        reservation: String,
    },
}

/// One movement: a time, an optional idempotency reference, and what happened.
///
/// Build them with the constructors and the chained setters:
///
/// ```
/// use inventory_core::Movement;
/// use rust_decimal::Decimal;
///
/// let m = Movement::receive("SKU-1", "WH-1", Decimal::from(10), Decimal::new(1250, 2), 1_700_000_000)
///     .with_reference("GRN-1");
/// assert_eq!(m.reference.as_deref(), Some("GRN-1"));
/// assert_eq!(m.sku(), "SKU-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    /// When it happened, in seconds since the Unix epoch (UTC).
    pub time: Timestamp,
    /// An idempotency reference: posting a movement with a reference already posted is a
    /// no-op that returns the first outcome (or an error if the payload differs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What happened.
    #[serde(flatten)]
    pub kind: MovementKind,
}

/// Read strictly, as a snapshot is: the kind by name only (`"kind": 0` is refused), no
/// unknown field, decimals as JSON strings only.
impl<'de> Deserialize<'de> for Movement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (time, reference, kind) = crate::strict::tagged_object(d, "movement", "kind")?;
        Ok(Movement {
            time,
            reference,
            kind,
        })
    }
}

impl Movement {
    /// A movement of the given kind at `time`, without reference.
    pub fn new(kind: MovementKind, time: Timestamp) -> Self {
        Movement {
            time,
            reference: None,
            kind,
        }
    }

    /// Sets the idempotency reference.
    pub fn with_reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// A receipt into sellable stock.
    pub fn receive(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        unit_cost: Decimal,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::Receive {
                sku: sku.into(),
                location: location.into(),
                quantity,
                unit_cost,
                purchase_order: None,
                condition: Condition::Sellable,
            },
            time,
        )
    }

    /// A landed cost (freight, duty, ...) of `amount` charged to the receipt with journal
    /// sequence number `receipt` (see [`MovementKind::LandedCost`]).
    ///
    /// ```
    /// use inventory_core::{Ledger, Movement};
    /// use rust_decimal::Decimal;
    ///
    /// let mut ledger = Ledger::new();
    /// let r = ledger.post(Movement::receive("MUG", "WH", Decimal::from(10), Decimal::from(4), 0)).unwrap();
    /// ledger.post(Movement::ship("MUG", "WH", Decimal::from(4), 10)).unwrap();
    /// // Freight of 5.00 arrives later: 6 of the 10 units are still here.
    /// let out = ledger.post(Movement::landed_cost("MUG", r.sequence, Decimal::new(500, 2), 20)).unwrap();
    /// assert_eq!((out.value, out.cogs), (Decimal::new(300, 2), Decimal::new(200, 2)));
    /// assert_eq!(ledger.valuation("MUG", None).unwrap().value, Decimal::new(2700, 2));
    /// ```
    pub fn landed_cost(
        sku: impl Into<String>,
        receipt: u64,
        amount: Decimal,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::LandedCost {
                sku: sku.into(),
                receipt,
                amount,
            },
            time,
        )
    }

    /// A shipment of available stock (no reservation).
    pub fn ship(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::Ship {
                sku: sku.into(),
                location: location.into(),
                quantity,
                reservation: None,
            },
            time,
        )
    }

    /// A shipment fulfilling (part of) a reservation.
    pub fn ship_reserved(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        reservation: impl Into<String>,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::Ship {
                sku: sku.into(),
                location: location.into(),
                quantity,
                reservation: Some(reservation.into()),
            },
            time,
        )
    }

    /// A customer return into sellable stock, at the position's current unit cost.
    pub fn customer_return(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::CustomerReturn {
                sku: sku.into(),
                location: location.into(),
                quantity,
                condition: Condition::Sellable,
                shipment: None,
                unit_cost: None,
            },
            time,
        )
    }

    /// A return to the supplier from sellable stock.
    pub fn return_to_supplier(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::ReturnToSupplier {
                sku: sku.into(),
                location: location.into(),
                quantity,
                condition: Condition::Sellable,
                purchase_order: None,
            },
            time,
        )
    }

    /// A transfer of sellable stock between two locations.
    pub fn transfer(
        sku: impl Into<String>,
        from: impl Into<String>,
        to: impl Into<String>,
        quantity: Decimal,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::Transfer {
                sku: sku.into(),
                from: from.into(),
                to: to.into(),
                quantity,
                condition: Condition::Sellable,
            },
            time,
        )
    }

    /// A signed adjustment of sellable stock.
    pub fn adjust(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        reason: AdjustReason,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::Adjust {
                sku: sku.into(),
                location: location.into(),
                quantity,
                reason,
                condition: Condition::Sellable,
                unit_cost: None,
            },
            time,
        )
    }

    /// A cycle count of sellable stock.
    pub fn cycle_count(
        sku: impl Into<String>,
        location: impl Into<String>,
        counted: Decimal,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::CycleCount {
                sku: sku.into(),
                location: location.into(),
                counted,
                condition: Condition::Sellable,
                unit_cost: None,
            },
            time,
        )
    }

    /// A reservation of available stock for an order.
    pub fn reserve(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Decimal,
        reservation: impl Into<String>,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::Reserve {
                sku: sku.into(),
                location: location.into(),
                quantity,
                reservation: reservation.into(),
            },
            time,
        )
    }

    /// A release of (part of) a reservation; `None` releases all of it.
    pub fn release(
        sku: impl Into<String>,
        location: impl Into<String>,
        quantity: Option<Decimal>,
        reservation: impl Into<String>,
        time: Timestamp,
    ) -> Self {
        Self::new(
            MovementKind::Release {
                sku: sku.into(),
                location: location.into(),
                quantity,
                reservation: reservation.into(),
            },
            time,
        )
    }

    /// The SKU this movement is about.
    pub fn sku(&self) -> &str {
        match &self.kind {
            MovementKind::Receive { sku, .. }
            | MovementKind::Ship { sku, .. }
            | MovementKind::CustomerReturn { sku, .. }
            | MovementKind::ReturnToSupplier { sku, .. }
            | MovementKind::Transfer { sku, .. }
            | MovementKind::Reclassify { sku, .. }
            | MovementKind::Adjust { sku, .. }
            | MovementKind::CycleCount { sku, .. }
            | MovementKind::Reserve { sku, .. }
            | MovementKind::Release { sku, .. }
            | MovementKind::LandedCost { sku, .. } => sku,
        }
    }

    /// The units the movement names (`None` for a kind without, or a release of all).
    pub(crate) fn parts_quantity(&self) -> Option<Decimal> {
        self.parts().quantity
    }

    /// The location (`None` for a landed cost, whose location is its receipt's), a
    /// transfer's destination, the units and the unit cost (or landed amount) the movement
    /// names: the by-role fields a durable store's journal row shows.
    pub(crate) fn row_fields(
        &self,
    ) -> (Option<&str>, Option<&str>, Option<Decimal>, Option<Decimal>) {
        let p = self.parts();
        let location = (p.kind != super::journal::Kind::LandedCost).then_some(p.location);
        (location, p.to, p.quantity, p.unit_cost)
    }

    /// The movement's fields by role, whatever its kind (`None` where the kind has no such
    /// field): what the journal stores and what a column holds.
    pub(super) fn parts(&self) -> Parts<'_> {
        use super::journal::Kind;
        let mut p = Parts {
            kind: Kind::Receive,
            location: "",
            to: None,
            quantity: None,
            unit_cost: None,
            condition: None,
            to_condition: None,
            reason: None,
            extra: None,
        };
        match &self.kind {
            MovementKind::Receive {
                location,
                quantity,
                unit_cost,
                purchase_order,
                condition,
                ..
            } => {
                p.location = location;
                p.quantity = Some(*quantity);
                p.unit_cost = Some(*unit_cost);
                // Sellable is the default: a receipt names a condition only when it differs.
                p.condition = (*condition != Condition::Sellable).then_some(*condition);
                p.extra = purchase_order.as_deref();
            }
            MovementKind::LandedCost { amount, .. } => {
                // The location is the receipt's, resolved when the movement is applied.
                p.kind = Kind::LandedCost;
                p.unit_cost = Some(*amount);
            }
            MovementKind::Ship {
                location,
                quantity,
                reservation,
                ..
            } => {
                p.kind = Kind::Ship;
                p.location = location;
                p.quantity = Some(*quantity);
                p.extra = reservation.as_deref();
            }
            MovementKind::CustomerReturn {
                location,
                quantity,
                condition,
                shipment,
                unit_cost,
                ..
            } => {
                p.kind = Kind::CustomerReturn;
                p.location = location;
                p.quantity = Some(*quantity);
                p.condition = Some(*condition);
                p.extra = shipment.as_deref();
                p.unit_cost = *unit_cost;
            }
            MovementKind::ReturnToSupplier {
                location,
                quantity,
                condition,
                purchase_order,
                ..
            } => {
                p.kind = Kind::ReturnToSupplier;
                p.location = location;
                p.quantity = Some(*quantity);
                p.condition = Some(*condition);
                p.extra = purchase_order.as_deref();
            }
            MovementKind::Transfer {
                from,
                to,
                quantity,
                condition,
                ..
            } => {
                p.kind = Kind::Transfer;
                p.location = from;
                p.to = Some(to);
                p.quantity = Some(*quantity);
                p.condition = Some(*condition);
            }
            MovementKind::Reclassify {
                location,
                quantity,
                from,
                to,
                ..
            } => {
                p.kind = Kind::Reclassify;
                p.location = location;
                p.quantity = Some(*quantity);
                p.condition = Some(*from);
                p.to_condition = Some(*to);
            }
            MovementKind::Adjust {
                location,
                quantity,
                reason,
                condition,
                unit_cost,
                ..
            } => {
                p.kind = Kind::Adjust;
                p.location = location;
                p.quantity = Some(*quantity);
                p.reason = Some(*reason);
                p.condition = Some(*condition);
                p.unit_cost = *unit_cost;
            }
            MovementKind::CycleCount {
                location,
                counted,
                condition,
                unit_cost,
                ..
            } => {
                p.kind = Kind::CycleCount;
                p.location = location;
                p.quantity = Some(*counted);
                p.condition = Some(*condition);
                p.unit_cost = *unit_cost;
            }
            MovementKind::Reserve {
                location,
                quantity,
                reservation,
                ..
            } => {
                p.kind = Kind::Reserve;
                p.location = location;
                p.quantity = Some(*quantity);
                p.extra = Some(reservation);
            }
            MovementKind::Release {
                location,
                quantity,
                reservation,
                ..
            } => {
                p.kind = Kind::Release;
                p.location = location;
                p.quantity = *quantity;
                p.extra = Some(reservation);
            }
        }
        p
    }

    /// The movement's quantity (the counted quantity of a count) and unit cost, where it
    /// has them, for reading or changing in place.
    fn amounts_mut(&mut self) -> [Option<&mut Decimal>; 2] {
        match &mut self.kind {
            MovementKind::Receive {
                quantity,
                unit_cost,
                ..
            } => [Some(quantity), Some(unit_cost)],
            MovementKind::CustomerReturn {
                quantity,
                unit_cost,
                ..
            }
            | MovementKind::Adjust {
                quantity,
                unit_cost,
                ..
            } => [Some(quantity), unit_cost.as_mut()],
            MovementKind::CycleCount {
                counted, unit_cost, ..
            } => [Some(counted), unit_cost.as_mut()],
            MovementKind::Ship { quantity, .. }
            | MovementKind::ReturnToSupplier { quantity, .. }
            | MovementKind::Transfer { quantity, .. }
            | MovementKind::Reclassify { quantity, .. }
            | MovementKind::Reserve { quantity, .. } => [Some(quantity), None],
            MovementKind::Release { quantity, .. } => [quantity.as_mut(), None],
            MovementKind::LandedCost { amount, .. } => [None, Some(amount)],
        }
    }

    /// Makes every negative zero among the movement's amounts a plain zero. Text never
    /// produces a negative zero (`"-0"` parses as zero), so a journal that kept one would
    /// not read back from its own JSON as the same text; the ledger applies this to every
    /// movement before applying it.
    pub(super) fn clear_negative_zeros(&mut self) {
        for d in self.amounts_mut().into_iter().flatten() {
            crate::costing::clear_negative_zero(d);
        }
    }

    /// The kind's name as used in JSON, Python and C (`"receive"`, `"ship"`, ...).
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            MovementKind::Receive { .. } => "receive",
            MovementKind::Ship { .. } => "ship",
            MovementKind::CustomerReturn { .. } => "customer_return",
            MovementKind::ReturnToSupplier { .. } => "return_to_supplier",
            MovementKind::Transfer { .. } => "transfer",
            MovementKind::Reclassify { .. } => "reclassify",
            MovementKind::Adjust { .. } => "adjust",
            MovementKind::CycleCount { .. } => "cycle_count",
            MovementKind::Reserve { .. } => "reserve",
            MovementKind::Release { .. } => "release",
            MovementKind::LandedCost { .. } => "landed_cost",
        }
    }
}

/// What posting a movement did.
///
/// Sign conventions: `quantity` and `value` are the signed changes of the ledger's total
/// physical units and total inventory value (a transfer changes neither); `cogs` is the cost
/// of goods sold booked by the movement (positive for shipments, negative for customer
/// returns, a true-up on a receipt that covers negative stock); `moved_value` is the
/// (non-negative) value of the units the movement moved.
///
/// Always: `value = value received − value that left`, and for a shipment `value = −cogs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The movement's position in the journal (0-based).
    pub sequence: u64,
    /// Signed change of physical units (all conditions, all locations).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub quantity: Decimal,
    /// Signed change of inventory value.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub value: Decimal,
    /// Cost of goods sold booked by this movement.
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub cogs: Decimal,
    /// Value of the units this movement moved (≥ 0).
    #[serde(deserialize_with = "crate::strict::decimal")]
    pub moved_value: Decimal,
    /// For a cycle count: the adjustment it implied (counted − recorded), else `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::strict::option_decimal")]
    pub adjustment: Option<Decimal>,
    /// `true` when this was a repeated reference and nothing was applied (never stored in the journal).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub duplicate: bool,
}

impl Outcome {
    /// Makes every negative zero among the amounts a plain zero: an amount computed by
    /// negation (the value of a shipment of zero-cost goods is minus its zero COGS) would
    /// otherwise show as `-0`.
    pub(super) fn clear_negative_zeros(&mut self) {
        for d in [
            &mut self.quantity,
            &mut self.value,
            &mut self.cogs,
            &mut self.moved_value,
        ]
        .into_iter()
        .chain(self.adjustment.as_mut())
        {
            crate::costing::clear_negative_zero(d);
        }
    }
}

/// One applied movement and its outcome, as kept in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    /// The movement as posted.
    pub movement: Movement,
    /// What it did.
    pub outcome: Outcome,
}

/// A movement's fields by role (see [`Movement::parts`]).
pub(super) struct Parts<'a> {
    pub(super) kind: super::journal::Kind,
    /// The location (the source of a transfer).
    pub(super) location: &'a str,
    /// The destination of a transfer.
    pub(super) to: Option<&'a str>,
    /// The quantity (counted units for a count; `None` for a release of everything).
    pub(super) quantity: Option<Decimal>,
    pub(super) unit_cost: Option<Decimal>,
    /// The condition (the source condition of a reclassification); `None` for the kinds
    /// that move sellable stock only.
    pub(super) condition: Option<Condition>,
    /// The destination condition of a reclassification.
    pub(super) to_condition: Option<Condition>,
    pub(super) reason: Option<AdjustReason>,
    /// The purchase order, shipment or reservation named.
    pub(super) extra: Option<&'a str>,
}
