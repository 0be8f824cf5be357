#![doc = include_str!("../README.md")]
#![deny(unsafe_code)]

mod checks;
pub mod classify;
pub mod costing;
pub mod demand;
pub mod durable;
pub mod error;
pub mod forecast;
mod hash;
pub mod kits;
pub mod ledger;
pub mod metrics;
pub mod parallel;
pub mod policy;
pub mod purchasing;
pub mod replenish;
pub mod stats;
#[cfg(feature = "sqlite")]
pub mod store;
mod strict;
pub mod time;

pub use costing::{CostMethod, Layer};
pub use error::{
    Error, ErrorKind, ForecastError, LedgerError, PolicyError, PurchasingError, Result,
    SnapshotError, StoreError,
};
pub use ledger::{
    AdjustReason, Condition, CostLayer, DemandHistory, JournalEntry, Ledger, LedgerConfig,
    Movement, MovementColumns, MovementKind, Outcome, Period, Position, Timestamp, Valuation,
};
pub use rust_decimal::Decimal;
