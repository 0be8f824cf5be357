//! Queries: positions, valuations, total value, demand history.

// The C signatures mirror the core's parameters one to one.
#![allow(clippy::too_many_arguments)]

use std::ffi::{c_char, CString};

use inventory_core::{DemandHistory, Valuation};
use rust_decimal::prelude::ToPrimitive;

use crate::error::{inv_result, INV_INDEX_OUT_OF_RANGE};
use crate::ffi::{
    call, check_buf, check_out, condition_to_c, costing_to_c, decimal_field, free_box, guard,
    period_from_c, to_boxed_mut_ptr, to_c_string, try_opt_str, try_ref_from_ptr, try_str,
    write_out, write_str_buf, Castable, Failure, FfiResult,
};
use crate::ledger::inv_ledger;
use crate::{inv_condition, inv_costing, inv_period, INV_DECIMAL_LEN};

/// Stock of a SKU at one location or all. Decimal fields are NUL-terminated decimal text.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_position {
    /// Sellable units physically there (negative under backorders).
    pub on_hand: [c_char; INV_DECIMAL_LEN],
    /// Units held by open reservations.
    pub reserved: [c_char; INV_DECIMAL_LEN],
    /// On hand − reserved.
    pub available: [c_char; INV_DECIMAL_LEN],
    /// Open purchase quantity not yet received.
    pub incoming: [c_char; INV_DECIMAL_LEN],
    /// Damaged units.
    pub damaged: [c_char; INV_DECIMAL_LEN],
    /// Units in quarantine.
    pub quarantine: [c_char; INV_DECIMAL_LEN],
}

/// The position of `sku` at `location` (NULL: across all locations) into `*out`.
///
/// Errors: `INV_UNKNOWN_SKU`, `INV_UNKNOWN_LOCATION`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_position(
    ledger: *const inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    out: *mut inv_position,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, sku, location) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(sku, "sku")?,
                try_opt_str(location, "location")?,
            )
        };
        check_out(out, "out")?;
        let p = l.position(sku, location)?;
        let c = inv_position {
            on_hand: decimal_field(p.on_hand),
            reserved: decimal_field(p.reserved),
            available: decimal_field(p.available),
            incoming: decimal_field(p.incoming),
            damaged: decimal_field(p.damaged),
            quarantine: decimal_field(p.quarantine),
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, c) };
        Ok(())
    })
}

/// Writes the total value of all stock in the ledger as decimal text into `buf` of `len`
/// bytes (`INV_DECIMAL_LEN` always suffices). If it does not fit, nothing is written and
/// `INV_BUFFER_TOO_SMALL` is returned; `INV_OVERFLOW` if the sum over all positions leaves
/// the decimal range.
///
/// # Safety
/// `ledger` NULL or a live handle; `buf` NULL or valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_total_value(
    ledger: *const inv_ledger,
    buf: *mut c_char,
    len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        let total = l.total_value()?;
        // SAFETY: forwarded contract.
        unsafe { write_str_buf(buf, len, &total.to_string()) }
    })
}

/// A valuation of one SKU (opaque), from `inv_ledger_valuation`; release with
/// `inv_valuation_free`.
pub struct inv_valuation {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_valuation`: the core valuation and the layers' locations
/// as C strings (kept alive as long as the handle).
#[derive(Debug)]
pub(crate) struct ValuationHandle {
    valuation: Valuation,
    locations: Vec<CString>,
}

impl Castable for inv_valuation {
    type RustType = ValuationHandle;
}

/// Totals of a valuation. Decimal fields are NUL-terminated decimal text.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_valuation_info {
    /// Units, all conditions (negative under backorders).
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// Total value.
    pub value: [c_char; INV_DECIMAL_LEN],
    /// Whether `unit_cost` is set.
    pub has_unit_cost: bool,
    /// value / quantity when the quantity is positive, else the last known unit cost
    /// (empty string when there is none).
    pub unit_cost: [c_char; INV_DECIMAL_LEN],
    /// The SKU's costing method.
    pub method: inv_costing,
}

/// One open cost layer of a valuation.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_cost_layer {
    /// Where the units are. Owned by the `inv_valuation`: valid until it is freed.
    pub location: *const c_char,
    /// Their condition (`INV_CONDITION_*`).
    pub condition: inv_condition,
    /// How many.
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// Value per unit.
    pub unit_cost: [c_char; INV_DECIMAL_LEN],
    /// Total value.
    pub value: [c_char; INV_DECIMAL_LEN],
    /// When they were first received (seconds since the Unix epoch, UTC).
    pub received_at: i64,
    /// The journal sequence number of the movement that brought them into the books (a
    /// receipt's, for received units: the `receipt` a landed cost names).
    pub origin: u64,
}

/// What `sku`'s stock is worth at `location` (NULL: all locations), into a new handle at
/// `*out`.
///
/// Errors: `INV_UNKNOWN_SKU`, `INV_UNKNOWN_LOCATION`, `INV_INTERIOR_NUL` (a location name
/// read from a snapshot contains a NUL byte).
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_valuation *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_valuation(
    ledger: *const inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    out: *mut *mut inv_valuation,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, sku, location) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(sku, "sku")?,
                try_opt_str(location, "location")?,
            )
        };
        check_out(out, "out")?;
        let valuation = l.valuation(sku, location)?;
        let locations = valuation
            .layers
            .iter()
            .map(|layer| to_c_string(layer.location.clone(), "a location name"))
            .collect::<FfiResult<Vec<_>>>()?;
        let handle = ValuationHandle {
            valuation,
            locations,
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_valuation>(handle)) };
        Ok(())
    })
}

/// The totals of a valuation into `*out`.
///
/// # Safety
/// `valuation` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_valuation_summary(
    valuation: *const inv_valuation,
    out: *mut inv_valuation_info,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let v = &unsafe { try_ref_from_ptr(valuation, "valuation") }?.valuation;
        check_out(out, "out")?;
        let info = inv_valuation_info {
            quantity: decimal_field(v.quantity),
            value: decimal_field(v.value),
            has_unit_cost: v.unit_cost.is_some(),
            unit_cost: v
                .unit_cost
                .map_or([0 as c_char; INV_DECIMAL_LEN], decimal_field),
            method: costing_to_c(v.method),
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, info) };
        Ok(())
    })
}

/// The number of open cost layers (0 for NULL).
///
/// # Safety
/// `valuation` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_valuation_layer_count(valuation: *const inv_valuation) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(valuation, "valuation") }.map_or(0, |h| h.valuation.layers.len())
    })
}

/// Layer `index` (oldest receipt first) into `*out`. `out->location` points into the
/// valuation and is valid until `inv_valuation_free`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `valuation` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_valuation_layer(
    valuation: *const inv_valuation,
    index: usize,
    out: *mut inv_cost_layer,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(valuation, "valuation") }?;
        check_out(out, "out")?;
        let n = h.valuation.layers.len();
        let (Some(layer), Some(location)) = (h.valuation.layers.get(index), h.locations.get(index))
        else {
            return Err(Failure::new(
                INV_INDEX_OUT_OF_RANGE,
                format!("layer index {index} is out of range (the valuation has {n} layers)"),
            ));
        };
        let c = inv_cost_layer {
            location: location.as_ptr(),
            condition: condition_to_c(layer.condition),
            quantity: decimal_field(layer.quantity),
            unit_cost: decimal_field(layer.unit_cost),
            value: decimal_field(layer.value),
            received_at: layer.received_at,
            origin: layer.origin,
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, c) };
        Ok(())
    })
}

/// Releases a valuation (and the layer locations it owns). NULL is a no-op.
///
/// # Safety
/// `valuation` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_valuation_free(valuation: *mut inv_valuation) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(valuation) })
}

/// Net demand (units shipped less customer returns) per period (opaque), from
/// `inv_ledger_demand_history`; release with `inv_demand_history_free`.
pub struct inv_demand_history {
    _private: [u8; 0],
}

impl Castable for inv_demand_history {
    type RustType = DemandHistory;
}

/// Net demand of `sku` at `location` (NULL: all) per `period`, as a dense zero-filled series
/// from the bucket containing `from` to the bucket containing `to` (each used only when its
/// `has_` flag is true; by default the SKU's first and latest movements), into `*out`.
///
/// Errors: `INV_UNKNOWN_SKU`, `INV_UNKNOWN_LOCATION`, `INV_INVALID_ENUM`,
/// `INV_INVALID_INPUT` (`from` after `to`, range over 100 years).
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_demand_history *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_demand_history(
    ledger: *const inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    period: inv_period,
    from: i64,
    has_from: bool,
    to: i64,
    has_to: bool,
    out: *mut *mut inv_demand_history,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, sku, location) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(sku, "sku")?,
                try_opt_str(location, "location")?,
            )
        };
        check_out(out, "out")?;
        let period = period_from_c(period, "period")?;
        let h = l.demand_history(
            sku,
            location,
            period,
            has_from.then_some(from),
            has_to.then_some(to),
        )?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_demand_history>(h)) };
        Ok(())
    })
}

/// The number of buckets (0 for NULL).
///
/// # Safety
/// `history` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_demand_history_len(history: *const inv_demand_history) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(history, "history") }.map_or(0, |h| h.quantities.len())
    })
}

/// Start of the first bucket, seconds since the Unix epoch (UTC midnight; a Monday for
/// weeks); 0 for NULL. Bucket `i` starts at `start + i * 86400` (days) or
/// `start + i * 604800` (weeks).
///
/// # Safety
/// `history` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_demand_history_start(history: *const inv_demand_history) -> i64 {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(history, "history") }.map_or(0, |h| h.start)
    })
}

/// Bucket `index` as exact decimal text into `buf` of `len` bytes (`INV_DECIMAL_LEN`
/// suffices); if it does not fit nothing is written and `INV_BUFFER_TOO_SMALL` is returned.
///
/// # Safety
/// `history` NULL or a live handle; `buf` NULL or valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn inv_demand_history_value(
    history: *const inv_demand_history,
    index: usize,
    buf: *mut c_char,
    len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(history, "history") }?;
        check_buf(buf, "buf")?;
        let q = h.quantities.get(index).ok_or_else(|| {
            Failure::new(
                INV_INDEX_OUT_OF_RANGE,
                format!(
                    "bucket index {index} is out of range (the history has {} buckets)",
                    h.quantities.len()
                ),
            )
        })?;
        // SAFETY: forwarded contract.
        unsafe { write_str_buf(buf, len, &q.to_string()) }
    })
}

/// Bucket `index` as the nearest `double` (a convenience for statistics; exact values come
/// from `inv_demand_history_value`). NaN for NULL or an index out of range.
///
/// # Safety
/// `history` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_demand_history_value_f64(
    history: *const inv_demand_history,
    index: usize,
) -> f64 {
    guard(f64::NAN, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(history, "history") }
            .ok()
            .and_then(|h| h.quantities.get(index).copied())
            .and_then(|q| q.to_f64())
            .unwrap_or(f64::NAN)
    })
}

/// Releases a demand history. NULL is a no-op.
///
/// # Safety
/// `history` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_demand_history_free(history: *mut inv_demand_history) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(history) })
}
