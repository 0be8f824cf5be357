//! The one public error type of the crate and its matchable [`ErrorKind`].
//!
//! Each area of the engine has its own `thiserror` enum ([`LedgerError`] for the
//! stock ledger and costing, [`SnapshotError`] for reading snapshots); they are
//! gathered in [`Error`], whose [`Error::kind`] a caller (or a binding) matches on.

use crate::ledger::Condition;
use rust_decimal::Decimal;

/// Errors raised while posting movements or querying the ledger.
///
/// Every variant names what was wrong: the SKU, the location, the quantity asked
/// for and the quantity there was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A SKU, location, reference or reason was an empty string.
    #[error("{field} must not be empty")]
    EmptyName {
        /// Which field was empty (`"sku"`, `"location"`, `"reference"`, ...).
        field: &'static str,
    },
    /// A quantity was zero, negative (where only positive quantities make sense) or otherwise unusable.
    #[error("invalid {field} {value}: {reason}")]
    InvalidQuantity {
        /// Which field (`"quantity"`, `"counted"`, ...).
        field: &'static str,
        /// The value that was given.
        value: Decimal,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A unit cost was negative.
    #[error("invalid unit cost {value}: a unit cost must not be negative")]
    NegativeCost {
        /// The unit cost that was given.
        value: Decimal,
    },
    /// A query named a SKU the ledger has never seen.
    #[error("unknown SKU {sku:?}")]
    UnknownSku {
        /// The SKU asked for.
        sku: String,
    },
    /// A query named a location the ledger has never seen.
    #[error("unknown location {location:?}")]
    UnknownLocation {
        /// The location asked for.
        location: String,
    },
    /// A cycle count named a SKU/location pair that has never held stock.
    #[error("unknown position: SKU {sku:?} has never been stocked at location {location:?}")]
    UnknownPosition {
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
    },
    /// Not enough stock for an outgoing movement, and negative stock is not allowed.
    #[error(
        "insufficient stock of SKU {sku:?} at location {location:?} ({condition}): requested {requested}, available {available}"
    )]
    InsufficientStock {
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
        /// The stock condition the units were to come from.
        condition: Condition,
        /// The quantity asked for.
        requested: Decimal,
        /// The quantity that could be used (on hand, or on hand less reserved).
        available: Decimal,
    },
    /// A release or a shipment named a reservation that does not exist for that SKU and location.
    #[error("unknown reservation {reservation:?} for SKU {sku:?} at location {location:?}")]
    UnknownReservation {
        /// The reservation id.
        reservation: String,
        /// The SKU.
        sku: String,
        /// The location.
        location: String,
    },
    /// A release or a shipment asked for more than the reservation holds.
    #[error("reservation {reservation:?} holds {reserved} of SKU {sku:?}, but {requested} was asked for")]
    ReservationExceeded {
        /// The reservation id.
        reservation: String,
        /// The SKU.
        sku: String,
        /// The quantity asked for.
        requested: Decimal,
        /// The quantity the reservation holds.
        reserved: Decimal,
    },
    /// A customer return named a shipment reference that was never posted.
    #[error("unknown shipment reference {shipment:?}")]
    UnknownShipment {
        /// The shipment reference.
        shipment: String,
    },
    /// A customer return named a shipment of another SKU.
    #[error("shipment {shipment:?} shipped SKU {shipped:?}, not {returned:?}")]
    ShipmentSkuMismatch {
        /// The shipment reference.
        shipment: String,
        /// The SKU the shipment shipped.
        shipped: String,
        /// The SKU being returned.
        returned: String,
    },
    /// A customer return asked to return more than what is left returnable of its shipment.
    #[error("shipment {shipment:?} has {returnable} units left to return, but {requested} were returned")]
    ReturnExceedsShipment {
        /// The shipment reference.
        shipment: String,
        /// The quantity being returned.
        requested: Decimal,
        /// What is left returnable.
        returnable: Decimal,
    },
    /// A landed cost named a journal entry that is not a receipt of its SKU.
    #[error("journal entry {receipt} is not a receipt of SKU {sku:?}")]
    UnknownReceipt {
        /// The journal sequence number given.
        receipt: u64,
        /// The SKU of the landed cost.
        sku: String,
    },
    /// The same reference was posted again with a different payload.
    #[error("reference {reference:?} was already posted with a different movement")]
    DuplicateReference {
        /// The reference.
        reference: String,
    },
    /// A movement is dated before the latest movement already applied to its SKU.
    #[error(
        "movement for SKU {sku:?} at time {time} is dated before its latest movement at {latest}"
    )]
    OutOfOrder {
        /// The SKU.
        sku: String,
        /// The time of the refused movement.
        time: i64,
        /// The time of the SKU's latest applied movement.
        latest: i64,
    },
    /// A transfer or reclassification whose source and destination are the same.
    #[error("a {what} needs a different source and destination")]
    SameSourceAndDestination {
        /// `"transfer"` or `"reclassification"`.
        what: &'static str,
    },
    /// A costing-method override for a SKU that already has movements.
    #[error("SKU {sku:?} already has movements; its costing method can no longer change")]
    SkuAlreadyActive {
        /// The SKU.
        sku: String,
    },
    /// A decimal computation overflowed the 96-bit decimal range.
    #[error("arithmetic overflow while computing {context}")]
    Overflow {
        /// What was being computed.
        context: &'static str,
    },
    /// An input could not be parsed or does not fit (an unknown movement kind, a missing column, ...).
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What was wrong.
        message: String,
    },
}

/// Errors raised by the policy math, classification and health metrics.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A parameter is outside its valid range (negative demand, a service level outside
    /// (0, 1), a zero holding cost, NaN, ...).
    #[error("invalid {name} {value}: {expected}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The value given.
        value: f64,
        /// What was expected.
        expected: &'static str,
    },
    /// Two quantities are expressed in different units of time.
    #[error(
        "{what}: demand is per {demand} but the lead time is in {lead_time}s; convert one first"
    )]
    UnitMismatch {
        /// What was being computed.
        what: &'static str,
        /// The demand's unit.
        demand: &'static str,
        /// The lead time's unit.
        lead_time: &'static str,
    },
    /// An input is unusable as a whole (empty where data is needed, lengths differ, ...).
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What was wrong.
        message: String,
    },
    /// Finite inputs gave a result that is not a finite `f64` (it overflowed, e.g. the EOQ
    /// of a demand of 10^308 units a year). Its kind is [`ErrorKind::Overflow`].
    #[error("arithmetic overflow: {what} is not a finite number for these inputs")]
    Overflow {
        /// The result that overflowed (`"the economic order quantity"`, ...).
        what: &'static str,
    },
}

impl Eq for PolicyError {}

impl PolicyError {
    /// The kind of this error: [`ErrorKind::Overflow`] for [`PolicyError::Overflow`], else
    /// [`ErrorKind::InvalidInput`].
    pub fn kind(&self) -> ErrorKind {
        match self {
            PolicyError::Overflow { .. } => ErrorKind::Overflow,
            _ => ErrorKind::InvalidInput,
        }
    }
}

/// Errors raised by purchasing: suppliers, purchase orders, receipts, charges and payments.
///
/// Every variant names the document (supplier, order, line, receipt) and the quantities
/// involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PurchasingError {
    /// No supplier has this id.
    #[error("unknown supplier {supplier:?}")]
    UnknownSupplier {
        /// The supplier id given.
        supplier: String,
    },
    /// The supplier does not sell this SKU (it has no item for it).
    #[error("supplier {supplier:?} does not sell SKU {sku:?}")]
    NotSupplied {
        /// The supplier.
        supplier: String,
        /// The SKU.
        sku: String,
    },
    /// No purchase order has this id.
    #[error("unknown purchase order {order:?}")]
    UnknownOrder {
        /// The order id given.
        order: String,
    },
    /// The order has no line with this number.
    #[error("purchase order {order:?} has no line {line}")]
    UnknownLine {
        /// The order.
        order: String,
        /// The line number given.
        line: u32,
    },
    /// No receipt has this id (or it belongs to another order).
    #[error("unknown receipt {receipt:?} of purchase order {order:?}")]
    UnknownReceipt {
        /// The order.
        order: String,
        /// The receipt id given.
        receipt: String,
    },
    /// An id that must be new is already used (an order, receipt, charge or payment id, a
    /// line number within its order, an item's SKU within its supplier).
    #[error("{what} {id:?} already exists")]
    DuplicateId {
        /// What kind of id (`"purchase order"`, `"receipt"`, `"line"`, ...).
        what: &'static str,
        /// The id.
        id: String,
    },
    /// The order's status does not allow this.
    #[error("cannot {action} purchase order {order:?}: it is {status}")]
    InvalidOrderState {
        /// The order.
        order: String,
        /// Its status.
        status: crate::purchasing::OrderStatus,
        /// What was attempted (`"place"`, `"receive against"`, ...).
        action: &'static str,
    },
    /// The line's remainder was cancelled or closed short: nothing more can arrive on it.
    #[error("line {line} of purchase order {order:?} is closed (its remainder was {how})")]
    LineClosed {
        /// The order.
        order: String,
        /// The line.
        line: u32,
        /// `"cancelled"` or `"closed short"`.
        how: &'static str,
    },
    /// A receipt beyond what the over-receipt policy allows.
    #[error("over-receipt on line {line} of purchase order {order:?}: {quantity} ordered, {received} received, {receiving} arriving, at most {allowed} allowed in all")]
    OverReceipt {
        /// The order.
        order: String,
        /// The line.
        line: u32,
        /// Units on order.
        quantity: Decimal,
        /// Units already received.
        received: Decimal,
        /// Units arriving now.
        receiving: Decimal,
        /// The most the policy allows in all.
        allowed: Decimal,
    },
    /// An amendment or confirmation below what was already received.
    #[error("line {line} of purchase order {order:?} cannot go down to {quantity}: {received} already received")]
    BelowReceived {
        /// The order.
        order: String,
        /// The line.
        line: u32,
        /// The quantity asked for.
        quantity: Decimal,
        /// Units already received.
        received: Decimal,
    },
    /// A line below the supplier's minimum order quantity, or not a multiple of its pack size.
    #[error("line {line}: {quantity} of SKU {sku:?} {reason} of supplier {supplier:?}")]
    OrderQuantity {
        /// The supplier.
        supplier: String,
        /// The SKU.
        sku: String,
        /// The line.
        line: u32,
        /// The quantity given.
        quantity: Decimal,
        /// Why (`"is below the minimum order quantity 24"`, ...).
        reason: String,
    },
    /// An event on an order dated before the order's latest event.
    #[error("event on purchase order {order:?} at time {time} is dated before its latest event at {latest}")]
    OutOfOrder {
        /// The order.
        order: String,
        /// The time of the refused event.
        time: i64,
        /// The time of the order's latest event.
        latest: i64,
    },
    /// No supplier sells the SKU (a dropship sale that names none).
    #[error("no supplier sells SKU {sku:?}")]
    NoSupplier {
        /// The SKU.
        sku: String,
    },
    /// A dropship delivery passes through an empty position, and this one holds stock.
    #[error("the dropship delivery of SKU {sku:?} passes through location {location:?}, which holds {on_hand} units: book dropship sales at a location that is never stocked")]
    DropshipStocked {
        /// The SKU.
        sku: String,
        /// The sale's location.
        location: String,
        /// Its units on hand.
        on_hand: Decimal,
    },
    /// A value was invalid (an empty id, a non-positive quantity, price breaks that do not
    /// increase, a lead time that is not finite, too many decimal places, ...).
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What was wrong.
        message: String,
    },
}

/// Errors raised by demand forecasting: fitting a model, predicting, accuracy metrics.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ForecastError {
    /// A series that needs at least one value was empty.
    #[error("{what} is empty")]
    EmptySeries {
        /// Which series (`"series"`, `"actual"`, `"insample"`, ...).
        what: &'static str,
    },
    /// A value of a series was NaN or infinite.
    #[error("{what}[{index}] is {value}: every value must be finite")]
    NonFinite {
        /// Which series.
        what: &'static str,
        /// The 0-based index of the value.
        index: usize,
        /// The value.
        value: f64,
    },
    /// A value of a series is outside what the model accepts (negative demand for an
    /// intermittent-demand model, a non-positive value for a multiplicative model).
    #[error("{what}[{index}] is {value}: {model} needs {expected}")]
    OutOfDomain {
        /// Which series.
        what: &'static str,
        /// The model.
        model: &'static str,
        /// The 0-based index of the value.
        index: usize,
        /// The value.
        value: f64,
        /// What was expected.
        expected: &'static str,
    },
    /// The series is shorter than the model needs.
    #[error("{model} needs at least {needed} observations, got {got}")]
    TooShort {
        /// The model (or metric).
        model: &'static str,
        /// The minimum length.
        needed: usize,
        /// The length given.
        got: usize,
    },
    /// A parameter is outside its valid range, or NaN.
    #[error("invalid {name} {value}: {expected}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The value given.
        value: f64,
        /// What was expected.
        expected: &'static str,
    },
    /// A forecast horizon of zero, or larger than the supported maximum.
    #[error("invalid horizon {horizon}: expected 1 to {max}")]
    InvalidHorizon {
        /// The horizon asked for.
        horizon: usize,
        /// The largest horizon supported.
        max: usize,
    },
    /// A call would produce more values than one call may
    /// ([`MAX_OUTPUT_CELLS`](crate::forecast::MAX_OUTPUT_CELLS)): series × horizon ×
    /// (1 + 2 × levels) for forecasts, horizon × probabilities for quantiles, origins ×
    /// horizon for a backtest.
    #[error("{what} would produce {cells} values, more than the {max} one call may produce (ask for fewer series, periods, levels or probabilities)")]
    OutputTooLarge {
        /// What was asked for (`"a forecast panel"`, `"quantiles"`, ...).
        what: &'static str,
        /// The values it would produce.
        cells: u128,
        /// The most one call may produce.
        max: usize,
    },
    /// Two series that must have the same length do not.
    #[error("length mismatch: {left} has {left_len} values but {right} has {right_len}")]
    LengthMismatch {
        /// The first series.
        left: &'static str,
        /// Its length.
        left_len: usize,
        /// The second series.
        right: &'static str,
        /// Its length.
        right_len: usize,
    },
    /// A model name that [`ModelSpec::from_name`](crate::forecast::ModelSpec::from_name) does
    /// not know.
    #[error("unknown model {name:?}: expected naive, seasonal_naive, historic_average, moving_average, ses, holt, damped_holt, holt_winters_additive, holt_winters_multiplicative, damped_holt_winters_additive, damped_holt_winters_multiplicative, seasonal_ses_additive, seasonal_ses_multiplicative, croston, sba, tsb or adida (or auto, for automatic selection, where a method is asked for)")]
    UnknownModel {
        /// The name given.
        name: String,
    },
    /// A model that needs a setting (the season length of a seasonal model) was not given it.
    #[error("{model} needs a {name}")]
    MissingParameter {
        /// The setting.
        name: &'static str,
        /// The model.
        model: &'static str,
    },
    /// The model's recursion produced a non-finite value (overflow, or a division by a
    /// zero level in a multiplicative model) with the parameters given.
    #[error("{model}: the computation produced a non-finite value")]
    NumericalFailure {
        /// The model.
        model: &'static str,
    },
}

impl Eq for ForecastError {}

/// Errors raised while reading a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotError {
    /// The text is not valid snapshot JSON.
    #[error("malformed snapshot JSON: {message}")]
    Malformed {
        /// The parser's message.
        message: String,
    },
    /// The snapshot's format version is not one this build reads.
    #[error("unsupported snapshot version {found} (this build reads version {supported})")]
    UnsupportedVersion {
        /// The version found in the snapshot.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// Replaying the snapshot's journal failed, or did not reproduce the snapshot's state.
    #[error("inconsistent snapshot: {message}")]
    Inconsistent {
        /// What did not hold.
        message: String,
    },
}

/// Errors of a durable store (see [`crate::durable`]).
///
/// A store error on a posting means the posting was refused and rolled back: nothing of it
/// is in memory or in the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another ledger (in this or another process) has the store open for writing.
    #[error("the store {path:?} is open for writing by another ledger (process or handle)")]
    Locked {
        /// The store's path.
        path: String,
    },
    /// The file is not a ledger store, or it is damaged (truncated, overwritten, a checksum
    /// or a journal entry that does not hold).
    #[error("the store {path:?} is corrupt: {message}")]
    Corrupt {
        /// The store's path.
        path: String,
        /// What did not hold.
        message: String,
    },
    /// The store's format version is not one this build reads.
    #[error("the store {path:?} has format version {found}; this build reads version {supported}")]
    UnsupportedFormat {
        /// The store's path.
        path: String,
        /// The version found.
        found: u32,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// Reading or writing the store failed (the disk is full, the file is not writable, a
    /// database error): the operation was refused and nothing of it was kept.
    #[error("store I/O failed: {message}")]
    Io {
        /// The database's or the system's message.
        message: String,
    },
    /// The store was opened with a ledger configuration other than the one it was created
    /// with.
    #[error("the store's configuration differs from the one given: {message}")]
    ConfigMismatch {
        /// What differs.
        message: String,
    },
}

impl StoreError {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::Locked { .. } => ErrorKind::StoreLocked,
            StoreError::Corrupt { .. } | StoreError::UnsupportedFormat { .. } => {
                ErrorKind::StoreCorrupt
            }
            StoreError::Io { .. } => ErrorKind::StoreIo,
            StoreError::ConfigMismatch { .. } => ErrorKind::InvalidInput,
        }
    }
}

/// The crate's error: one of the area errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error of the stock ledger or its costing.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// An error reading a snapshot.
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    /// An error of the policy math, classification or health metrics.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// An error of demand forecasting.
    #[error(transparent)]
    Forecast(#[from] ForecastError),
    /// An error of purchasing.
    #[error(transparent)]
    Purchasing(#[from] PurchasingError),
    /// An error of kit definitions or the computations on them.
    #[error(transparent)]
    Kit(#[from] crate::kits::KitError),
    /// An error of a durable store.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An error in one item of a batch (a movement of a ledger batch, an item of a policy
    /// batch); nothing of a ledger batch was applied.
    #[error("item {index} of the batch: {source}")]
    Batch {
        /// The 0-based index of the failing movement in the batch.
        index: usize,
        /// What went wrong with it.
        source: Box<Error>,
    },
}

/// What kind of error happened: a flat, matchable, stable list.
///
/// Bindings map these to exception classes (Python) and result codes (C).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An input value was invalid (empty name, bad quantity, negative cost, unparsable input, same source and destination).
    InvalidInput,
    /// An unknown SKU.
    UnknownSku,
    /// An unknown location.
    UnknownLocation,
    /// An unknown SKU/location position.
    UnknownPosition,
    /// Not enough stock.
    InsufficientStock,
    /// An unknown reservation.
    UnknownReservation,
    /// A reservation asked for more than it holds.
    ReservationExceeded,
    /// An unknown shipment reference.
    UnknownShipment,
    /// A return that does not match its shipment.
    ReturnMismatch,
    /// The same reference with a different payload.
    DuplicateReference,
    /// A movement dated before its SKU's latest movement.
    OutOfOrder,
    /// A change refused because of the ledger's state (e.g. a costing override on an active
    /// SKU, a dropship delivery through a stocked position).
    InvalidState,
    /// A decimal overflow, or a statistic that is not a finite `f64` for finite inputs.
    Overflow,
    /// A malformed, unsupported or inconsistent snapshot.
    InvalidSnapshot,
    /// An unknown receipt (a landed cost's journal entry, a purchase-order receipt id).
    UnknownReceipt,
    /// An unknown supplier, a SKU the supplier does not sell, or one no supplier sells.
    UnknownSupplier,
    /// An unknown purchase order.
    UnknownOrder,
    /// An unknown line of a purchase order.
    UnknownOrderLine,
    /// An id that must be new is already used.
    DuplicateId,
    /// A purchase order (or line) whose status does not allow the change, or an amendment
    /// below what was already received.
    InvalidOrderState,
    /// A receipt beyond what the over-receipt policy allows.
    OverReceipt,
    /// A durable store is open for writing by another ledger.
    StoreLocked,
    /// A durable store is not a ledger store, is damaged, or has an unsupported format.
    StoreCorrupt,
    /// Reading or writing a durable store failed.
    StoreIo,
}

impl PurchasingError {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            PurchasingError::UnknownSupplier { .. }
            | PurchasingError::NotSupplied { .. }
            | PurchasingError::NoSupplier { .. } => ErrorKind::UnknownSupplier,
            PurchasingError::DropshipStocked { .. } => ErrorKind::InvalidState,
            PurchasingError::UnknownOrder { .. } => ErrorKind::UnknownOrder,
            PurchasingError::UnknownLine { .. } => ErrorKind::UnknownOrderLine,
            PurchasingError::UnknownReceipt { .. } => ErrorKind::UnknownReceipt,
            PurchasingError::DuplicateId { .. } => ErrorKind::DuplicateId,
            PurchasingError::InvalidOrderState { .. }
            | PurchasingError::LineClosed { .. }
            | PurchasingError::BelowReceived { .. } => ErrorKind::InvalidOrderState,
            PurchasingError::OverReceipt { .. } => ErrorKind::OverReceipt,
            PurchasingError::OutOfOrder { .. } => ErrorKind::OutOfOrder,
            PurchasingError::OrderQuantity { .. } | PurchasingError::InvalidInput { .. } => {
                ErrorKind::InvalidInput
            }
        }
    }
}

impl LedgerError {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            LedgerError::EmptyName { .. }
            | LedgerError::InvalidQuantity { .. }
            | LedgerError::NegativeCost { .. }
            | LedgerError::SameSourceAndDestination { .. }
            | LedgerError::InvalidInput { .. } => ErrorKind::InvalidInput,
            LedgerError::UnknownSku { .. } => ErrorKind::UnknownSku,
            LedgerError::UnknownLocation { .. } => ErrorKind::UnknownLocation,
            LedgerError::UnknownPosition { .. } => ErrorKind::UnknownPosition,
            LedgerError::InsufficientStock { .. } => ErrorKind::InsufficientStock,
            LedgerError::UnknownReservation { .. } => ErrorKind::UnknownReservation,
            LedgerError::ReservationExceeded { .. } => ErrorKind::ReservationExceeded,
            LedgerError::UnknownShipment { .. } => ErrorKind::UnknownShipment,
            LedgerError::UnknownReceipt { .. } => ErrorKind::UnknownReceipt,
            LedgerError::ShipmentSkuMismatch { .. } | LedgerError::ReturnExceedsShipment { .. } => {
                ErrorKind::ReturnMismatch
            }
            LedgerError::DuplicateReference { .. } => ErrorKind::DuplicateReference,
            LedgerError::OutOfOrder { .. } => ErrorKind::OutOfOrder,
            LedgerError::SkuAlreadyActive { .. } => ErrorKind::InvalidState,
            LedgerError::Overflow { .. } => ErrorKind::Overflow,
        }
    }
}

impl Error {
    /// The kind of this error, for matching without caring about the details.
    ///
    /// ```
    /// use inventory_core::{ErrorKind, Ledger, Movement};
    /// use rust_decimal::Decimal;
    ///
    /// let mut ledger = Ledger::new();
    /// let err = ledger.post(Movement::ship("SKU-1", "WH-1", Decimal::from(3), 0)).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InsufficientStock);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Ledger(e) => e.kind(),
            Error::Snapshot(_) => ErrorKind::InvalidSnapshot,
            Error::Policy(e) => e.kind(),
            Error::Forecast(_) => ErrorKind::InvalidInput,
            Error::Purchasing(e) => e.kind(),
            Error::Kit(e) => e.kind(),
            Error::Store(e) => e.kind(),
            Error::Batch { source, .. } => source.kind(),
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
