//! Columnar batches: parallel columns of movements, for bulk loading from Python and C.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use super::ahead::Target;
use super::journal::Kind;
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
/// | `receive` | quantity, `unit_costs` (required), `purchase_orders`, `conditions` |
/// | `ship` | quantity, `reservations` (optional) |
/// | `customer_return` | quantity, `shipments`, `unit_costs`, `conditions` |
/// | `return_to_supplier` | quantity, `conditions`, `purchase_orders` |
/// | `transfer` | quantity, `to_locations` (required), `conditions` |
/// | `adjust` | signed quantity, `reasons` (default `other`), `unit_costs`, `conditions` |
/// | `cycle_count` | quantity = the counted quantity, `unit_costs`, `conditions` |
/// | `reserve` | quantity, `reservations` (required) |
/// | `release` | quantity (`None` = all), `reservations` (required) |
///
/// The text columns hold [`Cow`] strings: a host that already has the text in memory (a
/// parsed file, Python `str` objects, C strings) lends it (`Cow::Borrowed`, no copy per row),
/// and `"text".into()` or `String::into()` work as well. The numbers are copied: they are
/// converted anyway.
///
/// `references` gives each row an idempotency reference. A `shipments` entry names the
/// reference of an earlier shipment, and the return comes back at the cost that shipment
/// left with (see [`MovementKind::CustomerReturn`]); `unit_costs` is then not used. An
/// entry on a row whose kind does not use its column is ignored (a condition must still be
/// a valid name).
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
pub struct MovementColumns<'a> {
    /// Movement kinds (`"receive"`, `"ship"`, ...).
    pub kinds: Vec<Cow<'a, str>>,
    /// SKUs.
    pub skus: Vec<Cow<'a, str>>,
    /// Locations (the source of a transfer).
    pub locations: Vec<Cow<'a, str>>,
    /// Quantities.
    pub quantities: Vec<Option<Decimal>>,
    /// Times, in seconds since the Unix epoch (UTC).
    pub times: Vec<Timestamp>,
    /// Unit costs (optional column).
    #[serde(default)]
    pub unit_costs: Vec<Option<Decimal>>,
    /// Idempotency references (optional column).
    #[serde(default)]
    pub references: Vec<Option<Cow<'a, str>>>,
    /// Transfer destinations (optional column).
    #[serde(default)]
    pub to_locations: Vec<Option<Cow<'a, str>>>,
    /// Reservation ids (optional column).
    #[serde(default)]
    pub reservations: Vec<Option<Cow<'a, str>>>,
    /// Adjustment reasons (optional column).
    #[serde(default)]
    pub reasons: Vec<Option<Cow<'a, str>>>,
    /// Conditions (optional column; default sellable).
    #[serde(default)]
    pub conditions: Vec<Option<Cow<'a, str>>>,
    /// Purchase orders of receipts (optional column).
    #[serde(default)]
    pub purchase_orders: Vec<Option<Cow<'a, str>>>,
    /// References of the shipments that customer returns give back (optional column).
    #[serde(default)]
    pub shipments: Vec<Option<Cow<'a, str>>>,
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

fn get<T: Copy>(col: &[Option<T>], i: usize) -> Option<T> {
    col.get(i).copied().flatten()
}

/// The text of `col[i]`, if the column and the entry are present.
fn text<'c>(col: &'c [Option<Cow<'_, str>>], i: usize) -> Option<&'c str> {
    col.get(i)?.as_deref()
}

/// `Some(String)` with the text of `col[i]`, reusing `buf`'s allocation.
fn get_into(col: &[Option<Cow<'_, str>>], i: usize, buf: Option<String>) -> Option<String> {
    let s = text(col, i)?;
    let mut buf = buf.unwrap_or_default();
    buf.clear();
    buf.push_str(s);
    Some(buf)
}

/// Copies `s` into `buf`, reusing its allocation.
fn text_into(s: &str, mut buf: String) -> String {
    buf.clear();
    buf.push_str(s);
    buf
}

/// The string buffers of a movement, to be reused for the next row.
#[derive(Default)]
struct Buffers {
    sku: String,
    location: String,
    other: Option<String>,
    to: String,
    reference: Option<String>,
}

impl Buffers {
    fn from_movement(m: Movement) -> Buffers {
        let mut b = Buffers {
            reference: m.reference,
            ..Buffers::default()
        };
        match m.kind {
            MovementKind::Receive {
                sku,
                location,
                purchase_order: other,
                ..
            }
            | MovementKind::ReturnToSupplier {
                sku,
                location,
                purchase_order: other,
                ..
            }
            | MovementKind::Ship {
                sku,
                location,
                reservation: other,
                ..
            }
            | MovementKind::CustomerReturn {
                sku,
                location,
                shipment: other,
                ..
            } => {
                b.sku = sku;
                b.location = location;
                b.other = other;
            }
            MovementKind::Transfer { sku, from, to, .. } => {
                b.sku = sku;
                b.location = from;
                b.to = to;
            }
            MovementKind::Reclassify { sku, location, .. }
            | MovementKind::Adjust { sku, location, .. }
            | MovementKind::CycleCount { sku, location, .. } => {
                b.sku = sku;
                b.location = location;
            }
            MovementKind::Reserve {
                sku,
                location,
                reservation,
                ..
            }
            | MovementKind::Release {
                sku,
                location,
                reservation,
                ..
            } => {
                b.sku = sku;
                b.location = location;
                b.other = Some(reservation);
            }
            MovementKind::LandedCost { sku, .. } => b.sku = sku,
        }
        b
    }
}

impl<'a> MovementColumns<'a> {
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
        column_len("conditions", &self.conditions, n, true)?;
        column_len("purchase_orders", &self.purchase_orders, n, true)?;
        column_len("shipments", &self.shipments, n, true)
    }

    /// Row `i` as a movement.
    ///
    /// # Errors
    /// [`LedgerError::InvalidInput`] for an unknown kind, reason or condition, or a missing
    /// required entry.
    pub fn movement(&self, i: usize) -> Result<Movement, LedgerError> {
        self.movement_with(i, column_kind(&self.kinds[i]), Buffers::default())
    }

    /// Row `i`, of kind `kind` (its `kinds` entry parsed), as a movement, its strings
    /// written into `buffers`' allocations.
    fn movement_with(
        &self,
        i: usize,
        kind: Option<Kind>,
        buffers: Buffers,
    ) -> Result<Movement, LedgerError> {
        let missing = |what: &str| LedgerError::InvalidInput {
            message: format!("row {i}: {} needs {what}", self.kinds[i]),
        };
        let sku = text_into(&self.skus[i], buffers.sku);
        let location = text_into(&self.locations[i], buffers.location);
        // The one optional text of the kind (reservation, purchase order or shipment).
        let mut other = buffers.other;
        let mut other_from = |col: &[Option<Cow<'_, str>>]| get_into(col, i, other.take());
        let quantity = self.quantities[i];
        let q = || quantity.ok_or_else(|| missing("a quantity"));
        let condition = match text(&self.conditions, i) {
            Some(c) => c.parse::<Condition>()?,
            None => Condition::Sellable,
        };
        let unit_cost = get(&self.unit_costs, i);
        let kind = match kind {
            Some(Kind::Receive) => MovementKind::Receive {
                sku,
                location,
                quantity: q()?,
                unit_cost: unit_cost.ok_or_else(|| missing("a unit cost"))?,
                purchase_order: other_from(&self.purchase_orders),
                condition,
            },
            Some(Kind::Ship) => MovementKind::Ship {
                sku,
                location,
                quantity: q()?,
                reservation: other_from(&self.reservations),
            },
            Some(Kind::CustomerReturn) => MovementKind::CustomerReturn {
                sku,
                location,
                quantity: q()?,
                condition,
                shipment: other_from(&self.shipments),
                unit_cost,
            },
            Some(Kind::ReturnToSupplier) => MovementKind::ReturnToSupplier {
                sku,
                location,
                quantity: q()?,
                condition,
                purchase_order: other_from(&self.purchase_orders),
            },
            Some(Kind::Transfer) => MovementKind::Transfer {
                sku,
                from: location,
                to: get_into(&self.to_locations, i, Some(buffers.to))
                    .ok_or_else(|| missing("a to_location"))?,
                quantity: q()?,
                condition,
            },
            Some(Kind::Adjust) => MovementKind::Adjust {
                sku,
                location,
                quantity: q()?,
                reason: match text(&self.reasons, i) {
                    Some(r) => r.parse::<AdjustReason>()?,
                    None => AdjustReason::Other,
                },
                condition,
                unit_cost,
            },
            Some(Kind::CycleCount) => MovementKind::CycleCount {
                sku,
                location,
                counted: q()?,
                condition,
                unit_cost,
            },
            Some(Kind::Reserve) => MovementKind::Reserve {
                sku,
                location,
                quantity: q()?,
                reservation: other_from(&self.reservations)
                    .ok_or_else(|| missing("a reservation"))?,
            },
            Some(Kind::Release) => MovementKind::Release {
                sku,
                location,
                quantity,
                reservation: other_from(&self.reservations)
                    .ok_or_else(|| missing("a reservation"))?,
            },
            None | Some(Kind::Reclassify | Kind::LandedCost) => {
                return Err(LedgerError::InvalidInput {
                    message: format!(
                        "row {i}: unknown movement kind {:?} (expected receive, ship, customer_return, return_to_supplier, transfer, adjust, cycle_count, reserve or release)",
                        self.kinds[i]
                    ),
                })
            }
        };
        Ok(Movement {
            time: self.times[i],
            reference: get_into(&self.references, i, buffers.reference),
            kind,
        })
    }

    /// Movements as columns whose text borrows theirs: the inverse of
    /// [`MovementColumns::movements`]. An optional column that no row uses is left empty
    /// (absent).
    ///
    /// ```
    /// use inventory_core::{Decimal, Movement, MovementColumns};
    ///
    /// let ms = vec![
    ///     Movement::receive("A", "WH", Decimal::from(5), Decimal::from(3), 0),
    ///     Movement::transfer("A", "WH", "SHOP", Decimal::from(2), 1),
    /// ];
    /// let cols = MovementColumns::from_movements(&ms).unwrap();
    /// assert_eq!(cols.to_locations[1].as_deref(), Some("SHOP"));
    /// assert!(cols.reservations.is_empty());
    /// assert_eq!(cols.movements().unwrap(), ms);
    /// ```
    ///
    /// # Errors
    /// [`Error::Batch`] with the index of the first reclassification or landed cost
    /// (columns have no such kinds: post them on their own).
    pub fn from_movements(movements: &'a [Movement]) -> Result<Self> {
        let mut c = MovementColumns::default();
        for (i, m) in movements.iter().enumerate() {
            let p = m.parts();
            if matches!(p.kind, Kind::Reclassify | Kind::LandedCost) {
                return Err(Error::Batch {
                    index: i,
                    source: Box::new(
                        LedgerError::InvalidInput {
                            message: format!(
                                "a {} has no column kind: post it on its own",
                                m.kind_name()
                            ),
                        }
                        .into(),
                    ),
                });
            }
            // The column of the named purchase order, shipment or reservation.
            let extra_in = |kinds: &[Kind]| p.extra.filter(|_| kinds.contains(&p.kind));
            let purchase_order = extra_in(&[Kind::Receive, Kind::ReturnToSupplier]);
            let shipment = extra_in(&[Kind::CustomerReturn]);
            let reservation = extra_in(&[Kind::Ship, Kind::Reserve, Kind::Release]);
            c.kinds.push(Cow::Borrowed(m.kind_name()));
            c.skus.push(Cow::Borrowed(m.sku()));
            c.locations.push(Cow::Borrowed(p.location));
            c.quantities.push(p.quantity);
            c.times.push(m.time);
            c.unit_costs.push(p.unit_cost);
            c.references.push(m.reference.as_deref().map(Cow::Borrowed));
            c.to_locations.push(p.to.map(Cow::Borrowed));
            c.reservations.push(reservation.map(Cow::Borrowed));
            c.reasons.push(p.reason.map(|r| Cow::Borrowed(r.as_str())));
            c.conditions
                .push(p.condition.map(|x| Cow::Borrowed(x.as_str())));
            c.purchase_orders.push(purchase_order.map(Cow::Borrowed));
            c.shipments.push(shipment.map(Cow::Borrowed));
        }
        // Absent rather than all empty.
        if c.unit_costs.iter().all(Option::is_none) {
            c.unit_costs.clear();
        }
        for col in [
            &mut c.references,
            &mut c.to_locations,
            &mut c.reservations,
            &mut c.reasons,
            &mut c.conditions,
            &mut c.purchase_orders,
            &mut c.shipments,
        ] {
            if col.iter().all(Option::is_none) {
                col.clear();
            }
        }
        Ok(c)
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
    pub fn post_columns(&mut self, columns: &MovementColumns<'_>) -> Result<Vec<Outcome>> {
        let mut out = Vec::with_capacity(columns.len());
        self.post_columns_with(columns, |o| out.push(o))?;
        Ok(out)
    }

    /// [`Ledger::post_columns`], handing each row's outcome to `each` as it is posted instead
    /// of collecting them, and returning the number of rows posted. A bulk load that does
    /// not need the outcomes (they are in the journal) so skips writing a vector of them.
    ///
    /// The batch is still all-or-nothing: when it fails, the outcomes already handed to
    /// `each` are of movements that were then rolled back. If `each` panics, the batch is
    /// rolled back before the panic goes on.
    ///
    /// ```
    /// use inventory_core::{Decimal, Ledger, MovementColumns};
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
    /// let mut cogs = Decimal::ZERO;
    /// assert_eq!(ledger.post_columns_with(&cols, |o| cogs += o.cogs).unwrap(), 2);
    /// assert_eq!(cogs, Decimal::from(6));
    /// ```
    ///
    /// # Errors
    /// As [`Ledger::post_columns`].
    pub fn post_columns_with(
        &mut self,
        columns: &MovementColumns<'_>,
        mut each: impl FnMut(Outcome),
    ) -> Result<usize> {
        columns.check()?;
        let n = columns.len();
        let batch_error = |index: usize, e: Error| Error::Batch {
            index,
            source: Box::new(e),
        };
        // Each row's kind, parsed once (the look-ahead reads it too).
        let kinds: Vec<Option<Kind>> = columns.kinds.iter().map(|k| column_kind(k)).collect();
        let txn = self.begin_batch();
        self.atomically(txn, |l, txn| {
            // One row at a time, each converted into the previous row's string buffers. A
            // row that does not convert is reported before any posting error, as if all
            // rows had been converted first: the conversion of the rows after a failing
            // posting is checked.
            let mut buffers = Buffers::default();
            // Look-ahead as in `post_batch` (see `ahead.rs`).
            let mut look = super::ahead::Ahead::default();
            for (i, &kind) in kinds.iter().enumerate() {
                l.look_ahead(&mut look, i, |j| columns.target(j, kinds.get(j).copied()?));
                let mut m = columns
                    .movement_with(i, kind, buffers)
                    .map_err(|e| batch_error(i, e.into()))?;
                txn.known = look.known(i);
                match l.apply(txn, &mut m) {
                    Ok(o) => each(o),
                    Err(e) => {
                        let bad_row = (i + 1..n).find_map(|j| {
                            let row = columns.movement_with(j, kinds[j], Buffers::default());
                            row.err().map(|b| (j, b))
                        });
                        return Err(match bad_row {
                            Some((j, bad)) => batch_error(j, bad.into()),
                            None => batch_error(i, e.into()),
                        });
                    }
                }
                buffers = Buffers::from_movement(m);
            }
            Ok(n)
        })
    }
}

impl MovementColumns<'_> {
    /// What row `i`, of kind `kind` (parsed), touches, for the look-ahead of
    /// [`Ledger::post_columns`]: receipts, shipments, reservations and transfers of sellable
    /// stock (other rows are not looked ahead).
    fn target(&self, i: usize, kind: Option<Kind>) -> Option<Target<'_>> {
        let sellable = self
            .conditions
            .get(i)
            .is_none_or(|c| c.as_deref().is_none_or(|c| c == "sellable"));
        let to = match kind? {
            Kind::Receive | Kind::Ship | Kind::Reserve | Kind::Release if sellable => None,
            Kind::Transfer if sellable => Some(self.to_locations.get(i)?.as_deref()?),
            _ => return None,
        };
        Some(Target {
            sku: self.skus.get(i)?,
            from: self.locations.get(i)?,
            to,
            condition: Condition::Sellable,
        })
    }
}

/// A `kinds` entry parsed (`None`: not a kind a column may name).
fn column_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "receive" => Kind::Receive,
        "ship" => Kind::Ship,
        "customer_return" => Kind::CustomerReturn,
        "return_to_supplier" => Kind::ReturnToSupplier,
        "transfer" => Kind::Transfer,
        "adjust" => Kind::Adjust,
        "cycle_count" => Kind::CycleCount,
        "reserve" => Kind::Reserve,
        "release" => Kind::Release,
        _ => return None,
    })
}
