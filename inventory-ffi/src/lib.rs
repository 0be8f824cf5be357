//! C binding of the inventory engine (`libinventory_ffi`, header `include/inventory.h`).
//!
//! This crate is a thin layer over [`inventory_core`]: it converts C types to core types,
//! calls the core and maps its errors to stable `inv_result` codes. It contains no domain
//! logic; every quantity, cost and name is validated by the core.
//!
//! # Conventions of the C API
//!
//! - Every fallible function returns an `inv_result`; `INV_OK` (0) means success.
//!   Outputs are written **only on success**.
//! - When a call fails, a message (the core's error text) is stored for the calling thread
//!   and can be read with `inv_last_error_message`; for a failing batch the row index is
//!   available through `inv_last_error_index`. A successful call clears it; the
//!   `inv_last_error_*` functions themselves never change it.
//! - Handles (`inv_ledger`, `inv_valuation`, `inv_demand_history`, `inv_model`, the
//!   purchasing results `inv_purchase_order`, `inv_incoming`, `inv_receiving_report`,
//!   `inv_overdue_lines`, `inv_payment_schedule`, `inv_cash_out`, the replenishment plan
//!   `inv_plan`, the split forecasts `inv_forecasts`, the kit results `inv_buildable`,
//!   `inv_buildables`, `inv_kit_explosion` and `inv_bundle_candidates`) are opaque, created through
//!   out-parameters and released with their `_free`
//!   function, which accepts NULL.
//!   Strings returned as `char *` are released with `inv_string_free`; `const char *`
//!   fields of a result's rows point into the handle and are valid until it is freed.
//! - Input that may gain fields is built with opaque builders (`inv_supplier`,
//!   `inv_order_lines`, `inv_line_changes`, `inv_receipt_lines`, `inv_plan_request`,
//!   `inv_pooled_forecasts`, `inv_kit_components`):
//!   `_new`, setter functions, `_free`. A builder only collects and converts; the core
//!   checks the whole input when it is posted. A function that takes a builder copies it:
//!   free it whenever you like.
//! - Purchasing events (see [`purchasing`]) return an `inv_purchase_outcome`; the stock
//!   movements an event posted are read with `inv_ledger_journal_outcome`.
//! - Kit definitions (see [`kits`]) are posted with `inv_ledger_define_kit`, which returns
//!   an `inv_kit_outcome`; nested definitions are read back as JSON
//!   (`inv_ledger_kit_definition_json`, `inv_ledger_kit_records_json`). Assemblies,
//!   disassemblies and bundle postings (`inv_ledger_assemble`, `inv_ledger_disassemble`,
//!   `inv_ledger_reserve_bundle`, `inv_ledger_release_bundle`, `inv_ledger_ship_bundle`,
//!   `inv_ledger_return_bundle`) return an `inv_kit_movement_outcome`; their stock
//!   movements are read with `inv_ledger_journal_outcome`, and bundle postings are listed
//!   as JSON by `inv_ledger_bundle_records_json`.
//! - Durable ledgers (see [`store`]): `inv_ledger_open` opens (or creates) a ledger stored in
//!   a SQLite database file, configured by an `inv_store_options` (NULL: the defaults), and
//!   returns an ordinary `inv_ledger`: every function taking a ledger works on it, and every
//!   change it accepts is committed to the file before the call returns (a refused call
//!   writes nothing). `inv_ledger_free` closes the store and releases its lock.
//! - Results that are lists of records about a ledger's SKUs (`inv_ledger_dead_stock`,
//!   `inv_ledger_slow_movers`, `inv_ledger_overstock`, `inv_ledger_abc`, `inv_ledger_xyz`)
//!   are returned as JSON text (a `char *` released with `inv_string_free`): an array of
//!   objects with the core's field names, money and quantities as decimal strings, times as
//!   seconds since the epoch, absent values as `null`.
//! - Functions writing to a caller's array (`out`, `out_len`) need `out_len` to equal the
//!   number of results exactly: a shorter array fails with `INV_BUFFER_TOO_SMALL`, a longer
//!   one with `INV_INVALID_INPUT`, and nothing is written (the `*_many` batches,
//!   `inv_simulate`, `inv_simulate_many`, ...).
//! - Forecasting functions (`inv_forecast_*`, `inv_model_*`) write to caller arrays whose
//!   size follows from their arguments (`horizon` values, `n_levels * horizon` values, ...),
//!   as each function documents; statistics there are `double`, NaN meaning "not given" in
//!   inputs and "none" in outputs.
//! - Decimals (quantities, money) cross the boundary as strings: inputs are parsed exactly
//!   (see [`decimal`](crate#decimals)), outputs are written to `char[INV_DECIMAL_LEN]` fields
//!   as plain decimal text (`-12.50`, never an exponent).
//! - Times are `int64_t` seconds since the Unix epoch, UTC (the core accepts the years
//!   1 to 9999 and refuses others with `INV_INVALID_INPUT`).
//! - Optional strings are nullable pointers; all strings are NUL-terminated UTF-8.
//! - Every export catches Rust panics and returns `INV_PANIC` instead of unwinding into C.
//! - A handle may be used by one thread at a time; functions taking a `const` handle may
//!   run concurrently on the same handle.
//!
//! # Decimals
//!
//! Decimal input strings are parsed with `rust_decimal`'s exact parser
//! (`Decimal::from_str_exact`): an optional sign, digits, an optional decimal point and
//! fraction (`"10"`, `"-2.5"`, `"0.125"`, `".5"`). Exponent notation (`"1e3"`), surrounding
//! whitespace, empty strings and values that do not fit a 96-bit decimal with at most 28
//! fraction digits are refused with `INV_INVALID_DECIMAL`. (`rust_decimal` also accepts `_`
//! as a digit separator, as in `"1_000"`; that is kept, not relied upon.)
#![allow(non_camel_case_types)]

mod ffi;

pub mod classify;
pub mod columns;
pub mod error;
pub mod forecast;
pub mod kits;
pub mod ledger;
pub mod metrics;
pub mod policy;
pub mod purchasing;
pub mod purchasing_query;
pub mod query;
pub mod replenish;
pub mod simulation;
pub mod store;

use std::ffi::c_char;

pub use error::inv_result;

/// Size in bytes (including the terminating NUL) of every decimal output field.
///
/// The longest decimal text is 31 characters (a sign, 29 digits and a point), so every
/// value fits.
pub const INV_DECIMAL_LEN: usize = 48;

/// Size in bytes (including the terminating NUL) of every short label field (an aging
/// bucket's `"0-30"`, `"180+"`, ...); the longest label, two 10-digit bounds and a dash, fits.
pub const INV_LABEL_LEN: usize = 32;

/// Size in bytes (including the terminating NUL) of a forecasting model name field
/// (`inv_forecast_info.model`); the longest name, `"damped_holt_winters_multiplicative"`,
/// fits.
pub const INV_MODEL_NAME_LEN: usize = 40;

/// A stock costing method (one of the `INV_COSTING_*` values).
pub type inv_costing = u32;
/// First in, first out.
pub const INV_COSTING_FIFO: inv_costing = 0;
/// Last in, first out.
pub const INV_COSTING_LIFO: inv_costing = 1;
/// Moving (perpetual weighted) average.
pub const INV_COSTING_MOVING_AVERAGE: inv_costing = 2;

/// The condition of stock (one of the `INV_CONDITION_*` values).
pub type inv_condition = u32;
/// Sellable stock: on hand, reservable, shippable.
pub const INV_CONDITION_SELLABLE: inv_condition = 0;
/// Damaged stock: counted and valued, never available.
pub const INV_CONDITION_DAMAGED: inv_condition = 1;
/// Stock awaiting inspection: counted and valued, never available.
pub const INV_CONDITION_QUARANTINE: inv_condition = 2;

/// The bucket size of a demand history (one of the `INV_PERIOD_*` values).
pub type inv_period = u32;
/// UTC calendar days.
pub const INV_PERIOD_DAY: inv_period = 0;
/// ISO 8601 weeks (Monday to Sunday, UTC).
pub const INV_PERIOD_WEEK: inv_period = 1;

/// A unit of time for demand rates and lead times (one of the `INV_TIME_UNIT_*` values).
/// A week is 7 days, a year 365.25 days, a month a twelfth of a year.
pub type inv_time_unit = u32;
/// One day.
pub const INV_TIME_UNIT_DAY: inv_time_unit = 0;
/// Seven days.
pub const INV_TIME_UNIT_WEEK: inv_time_unit = 1;
/// 365.25 / 12 days.
pub const INV_TIME_UNIT_MONTH: inv_time_unit = 2;
/// 365.25 days.
pub const INV_TIME_UNIT_YEAR: inv_time_unit = 3;

/// How safety stock is computed (one of the `INV_SS_METHOD_*` values). `d`, `σd`: mean and
/// deviation of demand per period; `L`, `σL`: mean and deviation of the lead time; `z` the
/// safety factor.
pub type inv_ss_method = u32;
/// Demand variability only: `z·σd·√L`.
pub const INV_SS_METHOD_DEMAND_VARIABILITY: inv_ss_method = 0;
/// Lead-time variability only: `z·d·σL`.
pub const INV_SS_METHOD_LEAD_TIME_VARIABILITY: inv_ss_method = 1;
/// Both, independent: `z·√(L·σd² + d²·σL²)`.
pub const INV_SS_METHOD_COMBINED: inv_ss_method = 2;
/// The max-minus-average heuristic `d_max·L_max − d·L` (uses `max_demand` and
/// `max_lead_time`; no service target).
pub const INV_SS_METHOD_MAX_MINUS_AVERAGE: inv_ss_method = 3;
/// Periodic review every `review_period` periods: `z·√((L + R)·σd² + d²·σL²)`.
pub const INV_SS_METHOD_PERIODIC_REVIEW: inv_ss_method = 4;

/// The service a safety stock protects (one of the `INV_SERVICE_*` values).
pub type inv_service = u32;
/// Cycle service level α (`service_level`): the probability of no stockout in a cycle.
pub const INV_SERVICE_CYCLE: inv_service = 0;
/// Fill rate β (`fill_rate`) for replenishment orders of `order_quantity` units.
pub const INV_SERVICE_FILL_RATE: inv_service = 1;

/// How the holding cost of a quantity-discount problem is given (one of the
/// `INV_HOLDING_*` values).
pub type inv_holding = u32;
/// A fixed cost per unit per year.
pub const INV_HOLDING_PER_UNIT: inv_holding = 0;
/// A yearly rate on the value held (0.25 = 25 % of the unit price per year).
pub const INV_HOLDING_RATE: inv_holding = 1;

/// How price breaks apply (one of the `INV_DISCOUNT_*` values).
pub type inv_discount = u32;
/// The break's price applies to every unit of the order.
pub const INV_DISCOUNT_ALL_UNITS: inv_discount = 0;
/// Each price applies only to the units within its bracket.
pub const INV_DISCOUNT_INCREMENTAL: inv_discount = 1;

/// What a receipt against a purchase order may bring beyond a line's quantity (one of the
/// `INV_OVER_RECEIPT_*` values; `inv_ledger_config.over_receipt`).
pub type inv_over_receipt = u32;
/// Refuse any unit beyond the line's quantity (`INV_OVER_RECEIPT`).
pub const INV_OVER_RECEIPT_REFUSE: inv_over_receipt = 0;
/// Accept up to `inv_ledger_config.over_receipt_tolerance` percent beyond the line's quantity.
pub const INV_OVER_RECEIPT_TOLERANCE: inv_over_receipt = 1;
/// Accept any quantity.
pub const INV_OVER_RECEIPT_ACCEPT: inv_over_receipt = 2;

/// Where a purchase order is in its life (one of the `INV_ORDER_STATUS_*` values), derived
/// by the core from its lines.
pub type inv_order_status = u32;
/// Being prepared: not yet sent, nothing incoming.
pub const INV_ORDER_STATUS_DRAFT: inv_order_status = 0;
/// Sent to the supplier; its open quantity is incoming.
pub const INV_ORDER_STATUS_PLACED: inv_order_status = 1;
/// Confirmed by the supplier (possibly with changed quantities or dates).
pub const INV_ORDER_STATUS_CONFIRMED: inv_order_status = 2;
/// Some units received, some still open.
pub const INV_ORDER_STATUS_PARTIALLY_RECEIVED: inv_order_status = 3;
/// Every line received in full.
pub const INV_ORDER_STATUS_RECEIVED: inv_order_status = 4;
/// Nothing open any more, some units received, and some line's remainder cancelled or
/// closed short.
pub const INV_ORDER_STATUS_CLOSED: inv_order_status = 5;
/// Cancelled before anything was received.
pub const INV_ORDER_STATUS_CANCELLED: inv_order_status = 6;

/// What a landed-cost charge is for (one of the `INV_CHARGE_KIND_*` values).
pub type inv_charge_kind = u32;
/// Freight.
pub const INV_CHARGE_KIND_FREIGHT: inv_charge_kind = 0;
/// Customs duty.
pub const INV_CHARGE_KIND_DUTY: inv_charge_kind = 1;
/// Insurance.
pub const INV_CHARGE_KIND_INSURANCE: inv_charge_kind = 2;
/// Anything else.
pub const INV_CHARGE_KIND_OTHER: inv_charge_kind = 3;

/// How a landed-cost charge is split over the receipt lines it covers (one of the
/// `INV_ALLOCATION_*` values).
pub type inv_allocation = u32;
/// By units received.
pub const INV_ALLOCATION_BY_QUANTITY: inv_allocation = 0;
/// By value received (units × invoiced unit price).
pub const INV_ALLOCATION_BY_VALUE: inv_allocation = 1;
/// By units received × a weight per unit given per order line (lines not listed weigh
/// nothing).
pub const INV_ALLOCATION_BY_WEIGHT: inv_allocation = 2;

/// Where a planning lead time came from (one of the `INV_LEAD_TIME_SOURCE_*` values).
pub type inv_lead_time_source = u32;
/// Measured from the supplier × SKU's own receipts (enough of them).
pub const INV_LEAD_TIME_SOURCE_MEASURED: inv_lead_time_source = 0;
/// The supplier's quote.
pub const INV_LEAD_TIME_SOURCE_QUOTED: inv_lead_time_source = 1;

/// Whether an amount owed is for goods received (or charged) or still to come (one of the
/// `INV_PAYMENT_KIND_*` values).
pub type inv_payment_kind = u32;
/// Received (or charged), not yet paid.
pub const INV_PAYMENT_KIND_COMMITTED: inv_payment_kind = 0;
/// Placed, not yet received.
pub const INV_PAYMENT_KIND_EXPECTED: inv_payment_kind = 1;

/// What ABC ranks items by (one of the `INV_MEASURE_*` values).
pub type inv_measure = u32;
/// Units sold × unit price.
pub const INV_MEASURE_REVENUE: inv_measure = 0;
/// Units sold × unit cost (annual dollar usage).
pub const INV_MEASURE_CONSUMPTION_VALUE: inv_measure = 1;
/// Units sold.
pub const INV_MEASURE_UNITS: inv_measure = 2;
/// Units sold × (unit price − unit cost).
pub const INV_MEASURE_MARGIN: inv_measure = 3;

/// An ABC class (one of the `INV_ABC_*` values).
pub type inv_abc_class = u32;
/// The few items that make most of the measure.
pub const INV_ABC_A: inv_abc_class = 0;
/// The middle.
pub const INV_ABC_B: inv_abc_class = 1;
/// The many items that make little of it (and every item ≤ 0).
pub const INV_ABC_C: inv_abc_class = 2;

/// An XYZ class (one of the `INV_XYZ_*` values).
pub type inv_xyz_class = u32;
/// Steady demand (low coefficient of variation).
pub const INV_XYZ_X: inv_xyz_class = 0;
/// Variable demand.
pub const INV_XYZ_Y: inv_xyz_class = 1;
/// Erratic demand (or zero mean demand).
pub const INV_XYZ_Z: inv_xyz_class = 2;

/// A demand pattern in the Syntetos-Boylan scheme (one of the `INV_DEMAND_PATTERN_*`
/// values): demand is frequent when the mean inter-demand interval (ADI) is below 1.32, of
/// regular size when the squared coefficient of variation of the sizes (CV²) is below 0.49.
pub type inv_demand_pattern = u32;
/// Frequent demand of regular size.
pub const INV_DEMAND_PATTERN_SMOOTH: inv_demand_pattern = 0;
/// Frequent demand of irregular size.
pub const INV_DEMAND_PATTERN_ERRATIC: inv_demand_pattern = 1;
/// Infrequent demand of regular size.
pub const INV_DEMAND_PATTERN_INTERMITTENT: inv_demand_pattern = 2;
/// Infrequent demand of irregular size.
pub const INV_DEMAND_PATTERN_LUMPY: inv_demand_pattern = 3;
/// No positive demand in the history.
pub const INV_DEMAND_PATTERN_NO_DEMAND: inv_demand_pattern = 4;

/// How a forecast's prediction intervals were computed (one of the `INV_INTERVAL_METHOD_*`
/// values).
pub type inv_interval_method = u32;
/// Closed-form normal intervals (naive family, historic average, SES, Holt, additive
/// Holt-Winters).
pub const INV_INTERVAL_METHOD_ANALYTIC: inv_interval_method = 0;
/// Quantiles of simulated future paths (multiplicative Holt-Winters; deterministic).
pub const INV_INTERVAL_METHOD_SIMULATED: inv_interval_method = 1;
/// Empirical quantiles of the in-sample h-step errors (moving average, Croston, SBA, TSB,
/// ADIDA).
pub const INV_INTERVAL_METHOD_EMPIRICAL: inv_interval_method = 2;
/// Normal with σ·√h (too few in-sample errors for the empirical method).
pub const INV_INTERVAL_METHOD_NORMAL_APPROX: inv_interval_method = 3;
/// Zero width: no in-sample error to estimate the spread from.
pub const INV_INTERVAL_METHOD_DEGENERATE: inv_interval_method = 4;

/// Bit of `inv_forecast_info.notes`: no positive demand in the history, the forecast is 0.
pub const INV_NOTE_NO_DEMAND: u32 = 1;
/// Bit of `inv_forecast_info.notes`: a single observation, the naive forecast.
pub const INV_NOTE_ONE_OBSERVATION: u32 = 2;
/// Bit of `inv_forecast_info.notes`: demand stopped (a trailing run of zero periods longer
/// than any earlier gap), TSB, whose forecast decays.
pub const INV_NOTE_DEMAND_STOPPED: u32 = 4;
/// Bit of `inv_forecast_info.notes`: too few observations to compare models on a holdout,
/// the simplest model of the pattern.
pub const INV_NOTE_TOO_SHORT_TO_COMPARE: u32 = 8;
/// Bit of `inv_forecast_info.notes`: the season was left out, too little history for it.
pub const INV_NOTE_TOO_SHORT_FOR_SEASON: u32 = 16;
/// Bit of `inv_forecast_info.notes`: periods before the first demand were left out.
pub const INV_NOTE_LEADING_ZEROS: u32 = 32;

/// What an acknowledged commit of a durable ledger survives (one of the `INV_SYNC_*`
/// values; `inv_store_options.sync`).
pub type inv_sync_mode = u32;
/// Survives a crash of the process and of the machine (power loss): the store syncs its log
/// to the disk before each commit returns. The default.
pub const INV_SYNC_FULL: inv_sync_mode = 0;
/// Survives a crash of the process, not necessarily a power loss or a kernel crash, which
/// may lose the latest commits (never corrupt the store). Much faster per commit.
pub const INV_SYNC_NORMAL: inv_sync_mode = 1;
/// No syncing at all: for tests and bulk loads only; a machine crash may lose recent
/// commits.
pub const INV_SYNC_OFF: inv_sync_mode = 2;

/// The crate version with a terminating NUL, the source of `inv_version()`.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// Returns the library version (`"MAJOR.MINOR.PATCH"`) as a static NUL-terminated string.
///
/// It equals `INV_VERSION_STRING` of the header the program was compiled with, unless
/// the program runs against a different build of the library. Never NULL; never free it.
#[no_mangle]
pub extern "C" fn inv_version() -> *const c_char {
    VERSION.as_ptr().cast::<c_char>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_crate_version() {
        // SAFETY: inv_version returns a pointer to a static NUL-terminated string.
        let v = unsafe { std::ffi::CStr::from_ptr(inv_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
