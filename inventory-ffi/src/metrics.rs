//! Inventory health metrics of a ledger (the core's `metrics` module) and the ABC / XYZ
//! classification of a ledger's SKUs.
//!
//! Per-SKU figures (`inv_ledger_activity`) and aging buckets (`inv_ledger_aging`) are
//! written to C structs; lists of records about many SKUs are returned as JSON text (see
//! each function), released with `inv_string_free`.

// The C signatures mirror the core's parameters one to one.
#![allow(clippy::too_many_arguments)]

use std::ffi::c_char;

use inventory_core::classify::{self, AbcThresholds, XyzThresholds};
use inventory_core::metrics::{self, AgingBucket, SkuActivity};

use crate::error::{inv_result, INV_PANIC};
use crate::ffi::{
    call, check_out, check_out_array, decimal_field, measure_from_c, period_from_c, text_field,
    to_c_string, try_opt_str, try_ref_from_ptr, try_slice, try_str, write_array, write_out,
    Failure, FfiResult,
};
use crate::ledger::inv_ledger;
use crate::{inv_measure, inv_period, INV_DECIMAL_LEN, INV_LABEL_LEN};

/// A SKU's activity over a window `[from, to)` (all locations). Decimal fields are
/// NUL-terminated decimal text; ratios are doubles, each valid only when its `has_` flag
/// is true (0 otherwise).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_activity {
    /// Units shipped minus customer returns in the window.
    pub units_sold: [c_char; INV_DECIMAL_LEN],
    /// Units received in the window.
    pub units_received: [c_char; INV_DECIMAL_LEN],
    /// Cost of goods sold booked in the window.
    pub cogs: [c_char; INV_DECIMAL_LEN],
    /// Units held at the start of the window.
    pub opening_units: [c_char; INV_DECIMAL_LEN],
    /// Units held at the end of the window.
    pub closing_units: [c_char; INV_DECIMAL_LEN],
    /// Value held at the start of the window.
    pub opening_value: [c_char; INV_DECIMAL_LEN],
    /// Value held at the end of the window.
    pub closing_value: [c_char; INV_DECIMAL_LEN],
    /// Time-weighted average inventory value over the window.
    pub average_value: [c_char; INV_DECIMAL_LEN],
    /// Whether `turnover` is set.
    pub has_turnover: bool,
    /// COGS / average inventory value.
    pub turnover: f64,
    /// Whether `days_of_inventory` is set.
    pub has_days_of_inventory: bool,
    /// Average inventory value / COGS per day.
    pub days_of_inventory: f64,
    /// Whether `sell_through` is set.
    pub has_sell_through: bool,
    /// Units sold / (opening units + units received).
    pub sell_through: f64,
    /// Days of the window whose closing sellable on hand was ≤ 0.
    pub stockout_days: u64,
    /// Days of the window from the SKU's first movement on.
    pub days_observed: u64,
    /// Whether `last_sale` is set.
    pub has_last_sale: bool,
    /// Time of the latest shipment at or before the end of the window (seconds since the
    /// Unix epoch, UTC); 0 when `has_last_sale` is false.
    pub last_sale: i64,
}

impl From<&SkuActivity> for inv_activity {
    fn from(a: &SkuActivity) -> Self {
        inv_activity {
            units_sold: decimal_field(a.units_sold),
            units_received: decimal_field(a.units_received),
            cogs: decimal_field(a.cogs),
            opening_units: decimal_field(a.opening_units),
            closing_units: decimal_field(a.closing_units),
            opening_value: decimal_field(a.opening_value),
            closing_value: decimal_field(a.closing_value),
            average_value: decimal_field(a.average_value),
            has_turnover: a.turnover.is_some(),
            turnover: a.turnover.unwrap_or(0.0),
            has_days_of_inventory: a.days_of_inventory.is_some(),
            days_of_inventory: a.days_of_inventory.unwrap_or(0.0),
            has_sell_through: a.sell_through.is_some(),
            sell_through: a.sell_through.unwrap_or(0.0),
            stockout_days: a.stockout_days,
            days_observed: a.days_observed,
            has_last_sale: a.last_sale.is_some(),
            last_sale: a.last_sale.unwrap_or(0),
        }
    }
}

/// One age bucket of stock. Decimal fields are NUL-terminated decimal text.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_aging_bucket {
    /// The label, e.g. `"0-30"`, `"31-60"`, `"180+"` (NUL-terminated).
    pub label: [c_char; INV_LABEL_LEN],
    /// Youngest age in the bucket, in whole days.
    pub min_days: u32,
    /// Whether `max_days` is set (false for the last, open bucket).
    pub has_max_days: bool,
    /// Oldest age in the bucket; 0 when `has_max_days` is false.
    pub max_days: u32,
    /// Units in the bucket.
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// Their value.
    pub value: [c_char; INV_DECIMAL_LEN],
}

impl From<&AgingBucket> for inv_aging_bucket {
    fn from(b: &AgingBucket) -> Self {
        inv_aging_bucket {
            label: text_field(&b.label),
            min_days: b.min_days,
            has_max_days: b.max_days.is_some(),
            max_days: b.max_days.unwrap_or(0),
            quantity: decimal_field(b.quantity),
            value: decimal_field(b.value),
        }
    }
}

/// Activity and health figures of `sku` over `[from, to)` into `*out`.
///
/// Example: receive 10 units at 2.00 at t = 0 and ship 5 at day 5; over days [0, 10) the
/// average value is 15.00 (20 for 5 days, 10 for 5 days) and COGS 10.00.
///
/// Errors: `INV_UNKNOWN_SKU`, `INV_INVALID_INPUT` (empty window).
///
/// # Safety
/// `ledger` NULL or a live handle; `sku` NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_activity(
    ledger: *const inv_ledger,
    sku: *const c_char,
    from: i64,
    to: i64,
    out: *mut inv_activity,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, sku) = unsafe { (try_ref_from_ptr(ledger, "ledger")?, try_str(sku, "sku")?) };
        check_out(out, "out")?;
        let a = metrics::activity(l, sku, from, to)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_activity::from(&a)) };
        Ok(())
    })
}

/// Stock of `sku` (NULL: the whole ledger) by age at `as_of`, from the open cost layers,
/// into `out`, which must have exactly `bounds_len + 1` buckets (`out_len`). Bucket `i`
/// holds ages `bounds[i-1] + 1 ..= bounds[i]` (the first from 0), the last everything older
/// than the last bound. The core's default bounds are 30, 60, 90, 180.
///
/// Errors: `INV_UNKNOWN_SKU`, `INV_INVALID_INPUT` (bounds not strictly increasing, or
/// `out_len` too large), `INV_BUFFER_TOO_SMALL` (`out_len` too small).
///
/// # Safety
/// `ledger` NULL or a live handle; `sku` NULL or NUL-terminated; `bounds` NULL (only with
/// `bounds_len` 0) or valid for `bounds_len` reads; `out` NULL (only with `out_len` 0) or
/// valid for `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_aging(
    ledger: *const inv_ledger,
    sku: *const c_char,
    as_of: i64,
    bounds: *const u32,
    bounds_len: usize,
    out: *mut inv_aging_bucket,
    out_len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, sku, bounds) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_opt_str(sku, "sku")?,
                try_slice(bounds, bounds_len, "bounds")?,
            )
        };
        check_out_array(out, out_len, "out")?;
        let buckets = metrics::aging(l, sku, as_of, bounds)?;
        // SAFETY: forwarded contract.
        unsafe { write_array(out, out_len, &buckets, inv_aging_bucket::from) }
    })
}

/// Serializes a JSON value into a new C string at `*out` (checked non-NULL by the caller).
///
/// # Safety
/// `out` must be non-NULL and writable.
unsafe fn write_json(
    value: Result<serde_json::Value, serde_json::Error>,
    what: &str,
    out: *mut *mut c_char,
) -> FfiResult<()> {
    let text = value
        .and_then(|v| serde_json::to_string(&v))
        .map_err(|e| Failure::new(INV_PANIC, format!("serializing {what}: {e}")))?;
    let s = to_c_string(text, what)?;
    // SAFETY: `out` is non-NULL and writable by the contract.
    unsafe { write_out(out, s.into_raw()) };
    Ok(())
}

/// Runs a ledger query returning a list and writes it as JSON to `*out`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or writable.
unsafe fn ledger_json<T>(
    ledger: *const inv_ledger,
    out: *mut *mut c_char,
    what: &str,
    query: impl FnOnce(&inventory_core::Ledger) -> FfiResult<T>,
    to_json: impl FnOnce(T) -> Result<serde_json::Value, serde_json::Error>,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let result = query(l)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_json(to_json(result), what, out) }
    })
}

/// A list of `(sku, item)` pairs as JSON objects: the item's fields and `"sku"`.
fn with_sku<T: Copy>(
    pairs: Vec<(String, T)>,
    to_value: impl Fn(T) -> Result<serde_json::Value, serde_json::Error>,
) -> Result<serde_json::Value, serde_json::Error> {
    pairs
        .into_iter()
        .map(|(sku, item)| {
            let mut v = to_value(item)?;
            if let Some(o) = v.as_object_mut() {
                o.insert("sku".to_owned(), serde_json::Value::String(sku));
            }
            Ok(v)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(serde_json::Value::Array)
}

/// SKUs holding stock without a shipment in the `days` days up to `as_of` (and held at
/// least that long), most valuable first, as JSON at `*out` (release with
/// `inv_string_free`): `[{"sku": "A", "quantity": "10", "value": "20.00",
/// "last_sale": 1700000000 | null}, ...]`.
///
/// Errors: `INV_INVALID_INPUT` for `days` = 0.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_dead_stock(
    ledger: *const inv_ledger,
    as_of: i64,
    days: u32,
    out: *mut *mut c_char,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        ledger_json(
            ledger,
            out,
            "the dead stock",
            |l| Ok(metrics::dead_stock(l, as_of, days)?),
            serde_json::to_value,
        )
    }
}

/// SKUs that sold in the `window_days` days up to `as_of` but whose sellable stock would
/// last more than `min_days_of_supply` days at that rate, slowest first, as JSON at `*out`
/// (release with `inv_string_free`): `[{"sku", "on_hand" (decimal string), "daily_demand",
/// "days_of_supply" (number or null), "excess_units", "excess_value" (decimal string)}, ...]`.
///
/// Errors: `INV_INVALID_INPUT` for a zero window or a negative threshold.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_slow_movers(
    ledger: *const inv_ledger,
    as_of: i64,
    window_days: u32,
    min_days_of_supply: f64,
    out: *mut *mut c_char,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        ledger_json(
            ledger,
            out,
            "the slow movers",
            |l| {
                Ok(metrics::slow_movers(
                    l,
                    as_of,
                    window_days,
                    min_days_of_supply,
                )?)
            },
            serde_json::to_value,
        )
    }
}

/// SKUs holding more sellable stock than `cover_days` days of their average demand over the
/// `window_days` days up to `as_of`, largest excess value first, as JSON at `*out` (release
/// with `inv_string_free`), in the format of `inv_ledger_slow_movers`.
///
/// Errors: `INV_INVALID_INPUT` for a zero window or a negative cover.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_overstock(
    ledger: *const inv_ledger,
    as_of: i64,
    window_days: u32,
    cover_days: f64,
    out: *mut *mut c_char,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        ledger_json(
            ledger,
            out,
            "the overstock",
            |l| Ok(metrics::overstock(l, as_of, window_days, cover_days)?),
            serde_json::to_value,
        )
    }
}

/// ABC classification of the ledger's SKUs by what they sold in `[from, to)`
/// (`INV_MEASURE_UNITS`: net units sold, or `INV_MEASURE_CONSUMPTION_VALUE`: COGS) with
/// thresholds `a`, `b` (as `inv_abc`), in the ledger's SKU order, as JSON at `*out`
/// (release with `inv_string_free`):
/// `[{"sku": "A", "class": "A", "rank": 1, "cumulative_share": 0.8}, ...]`.
///
/// Errors: `INV_INVALID_INPUT` for revenue or margin (the ledger has no sale prices: use
/// `inv_abc_measure` and `inv_abc`), an empty window or bad thresholds; `INV_INVALID_ENUM`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_abc(
    ledger: *const inv_ledger,
    from: i64,
    to: i64,
    measure: inv_measure,
    a: f64,
    b: f64,
    out: *mut *mut c_char,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        ledger_json(
            ledger,
            out,
            "the ABC classification",
            |l| {
                let measure = measure_from_c(measure, "measure")?;
                Ok(classify::abc_from_ledger(
                    l,
                    from,
                    to,
                    measure,
                    AbcThresholds { a, b },
                )?)
            },
            |r| with_sku(r, serde_json::to_value),
        )
    }
}

/// XYZ classification of the ledger's SKUs by their demand history per `period`
/// (`INV_PERIOD_*`) over `[from, to)` with thresholds `x`, `y` (as `inv_xyz`), in the
/// ledger's SKU order, as JSON at `*out` (release with `inv_string_free`):
/// `[{"sku": "A", "class": "X", "cv": 0.2 | null, "mean": 10.0, "std_dev": 2.0}, ...]`.
///
/// Errors: `INV_INVALID_INPUT` for an empty window or bad thresholds; `INV_INVALID_ENUM`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_xyz(
    ledger: *const inv_ledger,
    from: i64,
    to: i64,
    period: inv_period,
    x: f64,
    y: f64,
    out: *mut *mut c_char,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        ledger_json(
            ledger,
            out,
            "the XYZ classification",
            |l| {
                let period = period_from_c(period, "period")?;
                Ok(classify::xyz_from_ledger(
                    l,
                    from,
                    to,
                    period,
                    XyzThresholds { x, y },
                )?)
            },
            |r| with_sku(r, serde_json::to_value),
        )
    }
}
