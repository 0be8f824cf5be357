//! Columnar batches: parallel columns of movements, for bulk loading from Python and C.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{AdjustReason, Condition, Ledger, Movement, MovementKind, Outcome, Timestamp};
use crate::error::{Error, LedgerError, Result};

/// Movements as parallel columns: row `i` is one movement.
///
/// Required columns: `kinds`, `skus`, `locations`, `quantities`, `times` (all the same
/// length). Optional columns are either empty (absent) or as long as the required ones, and
/// a row may leave an entry `None`:
///
/// | kind | uses |
/// | --- | --- |
/// | `receive` | quantity, `unit_costs` (required) |
/// | `ship` | quantity, `reservations` (optional) |
/// | `customer_return` | quantity, `unit_costs`, `conditions` |
/// | `return_to_supplier` | quantity, `conditions` |
/// | `transfer` | quantity, `to_locations` (required), `conditions` |
/// | `adjust` | signed quantity, `reasons` (default `other`), `unit_costs`, `conditions` |
/// | `cycle_count` | quantity = the counted quantity, `unit_costs`, `conditions` |
/// | `reserve` | quantity, `reservations` (required) |
/// | `release` | quantity (`None` = all), `reservations` (required) |
///
/// `references` gives each row an idempotency reference.
///
/// ```
/// use inventory_core::{Ledger, MovementColumns, Decimal};
///
/// let cols = MovementColumns {
///     kinds: vec!["receive".into(), "ship".into()],
///     skus: vec!["A".into(), "A".into()],
///     locations: vec!["WH".into(), "WH".into()],
///     quantities: vec![Some(Decimal::from(5)), Some(Decimal::from(2))],
///     unit_costs: vec![Some(Decimal::from(3)), None],
///     times: vec![0, 1],
///     ..Default::default()
/// };
/// let mut ledger = Ledger::new();
/// let outcomes = ledger.post_columns(&cols).unwrap();
/// assert_eq!(outcomes[1].cogs, Decimal::from(6));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementColumns {
    /// Movement kinds (`"receive"`, `"ship"`, ...).
    pub kinds: Vec<String>,
    /// SKUs.
    pub skus: Vec<String>,
    /// Locations (the source of a transfer).
    pub locations: Vec<String>,
    /// Quantities.
    pub quantities: Vec<Option<Decimal>>,
    /// Times, in seconds since the Unix epoch (UTC).
    pub times: Vec<Timestamp>,
    /// Unit costs (optional column).
    #[serde(default)]
    pub unit_costs: Vec<Option<Decimal>>,
    /// Idempotency references (optional column).
    #[serde(default)]
    pub references: Vec<Option<String>>,
    /// Transfer destinations (optional column).
    #[serde(default)]
    pub to_locations: Vec<Option<String>>,
    /// Reservation ids (optional column).
    #[serde(default)]
    pub reservations: Vec<Option<String>>,
    /// Adjustment reasons (optional column).
    #[serde(default)]
    pub reasons: Vec<Option<String>>,
    /// Conditions (optional column; default sellable).
    #[serde(default)]
    pub conditions: Vec<Option<String>>,
}

fn column_len<T>(name: &str, col: &[T], n: usize, optional: bool) -> Result<(), LedgerError> {
    if col.len() == n || (optional && col.is_empty()) {
        Ok(())
    } else {
        Err(LedgerError::InvalidInput {
            message: format!("column {name} has {} rows, expected {n}", col.len()),
        })
    }
}

fn get<T: Clone>(col: &[Option<T>], i: usize) -> Option<T> {
    col.get(i).cloned().flatten()
}

impl MovementColumns {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// `true` if there are no rows.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Checks the column lengths.
    fn check(&self) -> Result<(), LedgerError> {
        let n = self.kinds.len();
        column_len("skus", &self.skus, n, false)?;
        column_len("locations", &self.locations, n, false)?;
        column_len("quantities", &self.quantities, n, false)?;
        column_len("times", &self.times, n, false)?;
        column_len("unit_costs", &self.unit_costs, n, true)?;
        column_len("references", &self.references, n, true)?;
        column_len("to_locations", &self.to_locations, n, true)?;
        column_len("reservations", &self.reservations, n, true)?;
        column_len("reasons", &self.reasons, n, true)?;
        column_len("conditions", &self.conditions, n, true)
    }

    /// Row `i` as a movement.
    ///
    /// # Errors
    /// [`LedgerError::InvalidInput`] for an unknown kind, reason or condition, or a missing
    /// required entry.
    pub fn movement(&self, i: usize) -> Result<Movement, LedgerError> {
        let missing = |what: &str| LedgerError::InvalidInput {
            message: format!("row {i}: {} needs {what}", self.kinds[i]),
        };
        let sku = self.skus[i].clone();
        let location = self.locations[i].clone();
        let quantity = self.quantities[i];
        let q = || quantity.ok_or_else(|| missing("a quantity"));
        let condition = match get(&self.conditions, i) {
            Some(c) => c.parse::<Condition>()?,
            None => Condition::Sellable,
        };
        let unit_cost = get(&self.unit_costs, i);
        let reservation = get(&self.reservations, i);
        let kind = match self.kinds[i].as_str() {
            "receive" => MovementKind::Receive {
                sku,
                location,
                quantity: q()?,
                unit_cost: unit_cost.ok_or_else(|| missing("a unit cost"))?,
                purchase_order: None,
            },
            "ship" => MovementKind::Ship {
                sku,
                location,
                quantity: q()?,
                reservation,
            },
            "customer_return" => MovementKind::CustomerReturn {
                sku,
                location,
                quantity: q()?,
                condition,
                shipment: None,
                unit_cost,
            },
            "return_to_supplier" => MovementKind::ReturnToSupplier {
                sku,
                location,
                quantity: q()?,
                condition,
                purchase_order: None,
            },
            "transfer" => MovementKind::Transfer {
                sku,
                from: location,
                to: get(&self.to_locations, i).ok_or_else(|| missing("a to_location"))?,
                quantity: q()?,
                condition,
            },
            "adjust" => MovementKind::Adjust {
                sku,
                location,
                quantity: q()?,
                reason: match get(&self.reasons, i) {
                    Some(r) => r.parse::<AdjustReason>()?,
                    None => AdjustReason::Other,
                },
                condition,
                unit_cost,
            },
            "cycle_count" => MovementKind::CycleCount {
                sku,
                location,
                counted: q()?,
                condition,
                unit_cost,
            },
            "reserve" => MovementKind::Reserve {
                sku,
                location,
                quantity: q()?,
                reservation: reservation.ok_or_else(|| missing("a reservation"))?,
            },
            "release" => MovementKind::Release {
                sku,
                location,
                quantity,
                reservation: reservation.ok_or_else(|| missing("a reservation"))?,
            },
            other => {
                return Err(LedgerError::InvalidInput {
                    message: format!(
                        "row {i}: unknown movement kind {other:?} (expected receive, ship, customer_return, return_to_supplier, transfer, adjust, cycle_count, reserve or release)"
                    ),
                })
            }
        };
        Ok(Movement {
            time: self.times[i],
            reference: get(&self.references, i),
            kind,
        })
    }

    /// All rows as movements.
    ///
    /// # Errors
    /// As [`MovementColumns::movement`], wrapped in [`Error::Batch`] with the row index, or
    /// [`LedgerError::InvalidInput`] for columns of different lengths.
    pub fn movements(&self) -> Result<Vec<Movement>> {
        self.check()?;
        (0..self.len())
            .map(|i| {
                self.movement(i).map_err(|e| Error::Batch {
                    index: i,
                    source: Box::new(e.into()),
                })
            })
            .collect()
    }
}

impl Ledger {
    /// Posts a columnar batch, all-or-nothing (see [`MovementColumns`] and [`Ledger::post_batch`]).
    ///
    /// # Errors
    /// As [`MovementColumns::movements`] and [`Ledger::post_batch`].
    pub fn post_columns(&mut self, columns: &MovementColumns) -> Result<Vec<Outcome>> {
        let movements = columns.movements()?;
        self.post_batch(movements)
    }
}
