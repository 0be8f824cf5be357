//! The one helper family that converts every pointer crossing the boundary, and the
//! wrappers that turn failures and panics into result codes
//! (after rustls-ffi's `ffi.rs` and `panic.rs`).
//!
//! Every exported function goes through [`call`] (returns an `inv_result`) or [`guard`]
//! (returns a plain value with a fallback), so no panic unwinds into C. Every raw pointer
//! is read through one of the `try_*` helpers, which check for NULL first.

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;

use inventory_core::classify::{AbcClass, AbcMeasure, XyzClass};
use inventory_core::durable::SyncMode;
use inventory_core::policy::{DiscountKind, TimeUnit};
use inventory_core::purchasing::{
    Allocation, ChargeKind, LeadTimeSource, OrderStatus, OverReceipt, PaymentKind,
};
use inventory_core::{Condition, CostMethod, Decimal, Period};

use crate::error::{
    clear_last_error, inv_result, set_last_error, INV_BUFFER_TOO_SMALL, INV_INDEX_OUT_OF_RANGE,
    INV_INTERIOR_NUL, INV_INVALID_DECIMAL, INV_INVALID_ENUM, INV_INVALID_INPUT, INV_INVALID_UTF8,
    INV_NULL_ARGUMENT, INV_OK, INV_PANIC,
};
use crate::{
    inv_abc_class, inv_allocation, inv_charge_kind, inv_condition, inv_costing, inv_discount,
    inv_lead_time_source, inv_measure, inv_order_status, inv_over_receipt, inv_payment_kind,
    inv_period, inv_sync_mode, inv_time_unit, inv_xyz_class, INV_ABC_A, INV_ABC_B, INV_ABC_C,
    INV_ALLOCATION_BY_QUANTITY, INV_ALLOCATION_BY_VALUE, INV_ALLOCATION_BY_WEIGHT,
    INV_CHARGE_KIND_DUTY, INV_CHARGE_KIND_FREIGHT, INV_CHARGE_KIND_INSURANCE,
    INV_CHARGE_KIND_OTHER, INV_CONDITION_DAMAGED, INV_CONDITION_QUARANTINE, INV_CONDITION_SELLABLE,
    INV_COSTING_FIFO, INV_COSTING_LIFO, INV_COSTING_MOVING_AVERAGE, INV_DECIMAL_LEN,
    INV_DISCOUNT_ALL_UNITS, INV_DISCOUNT_INCREMENTAL, INV_LEAD_TIME_SOURCE_MEASURED,
    INV_LEAD_TIME_SOURCE_QUOTED, INV_MEASURE_CONSUMPTION_VALUE, INV_MEASURE_MARGIN,
    INV_MEASURE_REVENUE, INV_MEASURE_UNITS, INV_ORDER_STATUS_CANCELLED, INV_ORDER_STATUS_CLOSED,
    INV_ORDER_STATUS_CONFIRMED, INV_ORDER_STATUS_DRAFT, INV_ORDER_STATUS_PARTIALLY_RECEIVED,
    INV_ORDER_STATUS_PLACED, INV_ORDER_STATUS_RECEIVED, INV_OVER_RECEIPT_ACCEPT,
    INV_OVER_RECEIPT_REFUSE, INV_OVER_RECEIPT_TOLERANCE, INV_PAYMENT_KIND_COMMITTED,
    INV_PAYMENT_KIND_EXPECTED, INV_PERIOD_DAY, INV_PERIOD_WEEK, INV_SYNC_FULL, INV_SYNC_NORMAL,
    INV_SYNC_OFF, INV_TIME_UNIT_DAY, INV_TIME_UNIT_MONTH, INV_TIME_UNIT_WEEK, INV_TIME_UNIT_YEAR,
    INV_XYZ_X, INV_XYZ_Y, INV_XYZ_Z,
};

/// Why a call failed: a code, a message, and for batches the failing row.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: inv_result,
    pub(crate) message: String,
    pub(crate) index: Option<usize>,
}

impl Failure {
    pub(crate) fn new(code: inv_result, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            index: None,
        }
    }

    pub(crate) fn null(name: &str) -> Self {
        Failure::new(INV_NULL_ARGUMENT, format!("argument {name} is NULL"))
    }

    /// The same failure, attributed to row `index` of a batch.
    pub(crate) fn at_row(mut self, index: usize) -> Self {
        self.message = format!("movement {index} of the batch: {}", self.message);
        self.index = Some(index);
        self
    }
}

pub(crate) type FfiResult<T> = Result<T, Failure>;

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

/// Runs the body of a fallible export: `Ok` → `INV_OK` (last error cleared), `Err` → its
/// code (last error set), panic → `INV_PANIC` (last error set).
pub(crate) fn call(f: impl FnOnce() -> FfiResult<()>) -> inv_result {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => {
            clear_last_error();
            INV_OK
        }
        Ok(Err(failure)) => {
            let code = failure.code;
            set_last_error(failure);
            code
        }
        Err(payload) => {
            set_last_error(Failure::new(
                INV_PANIC,
                format!("internal panic: {}", panic_message(payload.as_ref())),
            ));
            INV_PANIC
        }
    }
}

/// Runs the body of an infallible export, returning `fallback` if it panics.
pub(crate) fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// A C opaque handle type and the Rust value it stands for (always heap-allocated in a `Box`).
pub(crate) trait Castable {
    /// The Rust value behind the handle.
    type RustType;
}

/// Moves `value` to the heap and returns it as an owned handle for C.
pub(crate) fn to_boxed_mut_ptr<C: Castable>(value: C::RustType) -> *mut C {
    Box::into_raw(Box::new(value)).cast::<C>()
}

/// Borrows the value behind a handle, failing on NULL.
///
/// # Safety
/// `ptr` must be NULL or a handle made by [`to_boxed_mut_ptr`] and not yet freed, not
/// mutated elsewhere during `'a`.
pub(crate) unsafe fn try_ref_from_ptr<'a, C: Castable>(
    ptr: *const C,
    name: &str,
) -> FfiResult<&'a C::RustType> {
    // SAFETY: by the contract, a non-NULL `ptr` came from `Box::into_raw` of a `C::RustType`.
    unsafe { ptr.cast::<C::RustType>().as_ref() }.ok_or_else(|| Failure::null(name))
}

/// Mutably borrows the value behind a handle, failing on NULL.
///
/// # Safety
/// As [`try_ref_from_ptr`], and no other reference to the value may exist during `'a`.
pub(crate) unsafe fn try_mut_from_ptr<'a, C: Castable>(
    ptr: *mut C,
    name: &str,
) -> FfiResult<&'a mut C::RustType> {
    // SAFETY: by the contract, a non-NULL `ptr` came from `Box::into_raw` of a `C::RustType`
    // and is not aliased.
    unsafe { ptr.cast::<C::RustType>().as_mut() }.ok_or_else(|| Failure::null(name))
}

/// Borrows the value behind an optional handle (NULL = absent).
///
/// # Safety
/// As [`try_ref_from_ptr`].
pub(crate) unsafe fn opt_ref_from_ptr<'a, C: Castable>(ptr: *const C) -> Option<&'a C::RustType> {
    // SAFETY: by the contract, a non-NULL `ptr` came from `Box::into_raw` of a `C::RustType`.
    unsafe { ptr.cast::<C::RustType>().as_ref() }
}

/// Reads an optional (nullable) scalar argument passed by pointer (`const int64_t *`,
/// `const uint32_t *`): NULL = absent.
///
/// # Safety
/// `ptr` must be NULL or valid and aligned for a read of `T`.
pub(crate) unsafe fn opt_value<T: Copy>(ptr: *const T) -> Option<T> {
    // SAFETY: by the contract a non-NULL `ptr` is readable.
    unsafe { ptr.as_ref() }.copied()
}

/// Frees a handle made by [`to_boxed_mut_ptr`]; NULL is a no-op.
///
/// # Safety
/// `ptr` must be NULL or a live handle made by [`to_boxed_mut_ptr`], not used afterwards.
pub(crate) unsafe fn free_box<C: Castable>(ptr: *mut C) {
    if !ptr.is_null() {
        // SAFETY: by the contract the pointer came from `Box::into_raw` and is freed once.
        drop(unsafe { Box::from_raw(ptr.cast::<C::RustType>()) });
    }
}

/// Checks that an out-pointer is not NULL (before any work, so nothing is written on failure).
pub(crate) fn check_out<T>(ptr: *mut T, name: &str) -> FfiResult<()> {
    if ptr.is_null() {
        Err(Failure::null(name))
    } else {
        Ok(())
    }
}

/// Writes `value` through a (checked or nullable) out-pointer; NULL is a no-op.
///
/// # Safety
/// `ptr` must be NULL or valid and aligned for a write of `T`.
pub(crate) unsafe fn write_out<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: by the contract a non-NULL `ptr` is valid for writes.
        unsafe { ptr.write(value) };
    }
}

/// Reads a required NUL-terminated UTF-8 string argument.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn try_str<'a>(ptr: *const c_char, name: &str) -> FfiResult<&'a str> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: non-NULL and NUL-terminated by the contract.
    let s = unsafe { CStr::from_ptr(ptr) };
    s.to_str().map_err(|e| {
        Failure::new(
            INV_INVALID_UTF8,
            format!("argument {name} is not valid UTF-8: {e}"),
        )
    })
}

/// Reads an optional (nullable) string argument.
///
/// # Safety
/// As [`try_str`].
pub(crate) unsafe fn try_opt_str<'a>(ptr: *const c_char, name: &str) -> FfiResult<Option<&'a str>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded contract.
        unsafe { try_str(ptr, name) }.map(Some)
    }
}

/// Parses a decimal string exactly (see the crate documentation for the accepted syntax).
pub(crate) fn parse_decimal(s: &str, name: &str) -> FfiResult<Decimal> {
    Decimal::from_str_exact(s).map_err(|e| {
        Failure::new(
            INV_INVALID_DECIMAL,
            format!("argument {name} is not a valid decimal {s:?}: {e}"),
        )
    })
}

/// Reads a required decimal string argument.
///
/// # Safety
/// As [`try_str`].
pub(crate) unsafe fn try_decimal(ptr: *const c_char, name: &str) -> FfiResult<Decimal> {
    // SAFETY: forwarded contract.
    parse_decimal(unsafe { try_str(ptr, name) }?, name)
}

/// Reads an optional (nullable) decimal string argument.
///
/// # Safety
/// As [`try_str`].
pub(crate) unsafe fn try_opt_decimal(ptr: *const c_char, name: &str) -> FfiResult<Option<Decimal>> {
    // SAFETY: forwarded contract.
    unsafe { try_opt_str(ptr, name) }?
        .map(|s| parse_decimal(s, name))
        .transpose()
}

/// Views a C array as a slice; NULL is allowed only for `len == 0`.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` initialized, aligned values that outlive `'a`.
pub(crate) unsafe fn try_slice<'a, T>(ptr: *const T, len: usize, name: &str) -> FfiResult<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: non-NULL, and by the contract valid for `len` reads of `T`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Views an optional C array (NULL = absent) as a slice.
///
/// # Safety
/// As [`try_slice`].
pub(crate) unsafe fn try_opt_slice<'a, T>(
    ptr: *const T,
    len: usize,
    name: &str,
) -> FfiResult<Option<&'a [T]>> {
    if ptr.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded contract.
        unsafe { try_slice(ptr, len, name) }.map(Some)
    }
}

/// A decimal as a NUL-terminated C field.
pub(crate) fn decimal_field(d: Decimal) -> [c_char; INV_DECIMAL_LEN] {
    let mut field = [0 as c_char; INV_DECIMAL_LEN];
    let text = d.to_string();
    // A Decimal's text is at most 31 bytes; the min() only guards the invariant.
    let n = text.len().min(INV_DECIMAL_LEN - 1);
    for (dst, src) in field.iter_mut().zip(&text.as_bytes()[..n]) {
        *dst = *src as c_char;
    }
    field
}

/// Checks that a string output buffer is usable (before any work).
pub(crate) fn check_buf(buf: *mut c_char, name: &str) -> FfiResult<()> {
    check_out(buf, name)
}

/// Copies `text` and a NUL into `buf` of `len` bytes; if it does not fit, writes nothing
/// and fails with `INV_BUFFER_TOO_SMALL`.
///
/// # Safety
/// `buf` must be NULL or valid for `len` byte writes.
pub(crate) unsafe fn write_str_buf(buf: *mut c_char, len: usize, text: &str) -> FfiResult<()> {
    check_buf(buf, "buf")?;
    if text.len() + 1 > len {
        return Err(Failure::new(
            INV_BUFFER_TOO_SMALL,
            format!(
                "buffer of {len} bytes is too small: {} needed",
                text.len() + 1
            ),
        ));
    }
    // SAFETY: `buf` is non-NULL and valid for `len > text.len()` bytes by the contract; the
    // source is a live `str` that cannot overlap it.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        buf.add(text.len()).write(0);
    }
    Ok(())
}

/// An owned C string for returning to C (released by `inv_string_free`).
pub(crate) fn to_c_string(text: String, what: &str) -> FfiResult<CString> {
    CString::new(text).map_err(|e| {
        Failure::new(
            INV_INTERIOR_NUL,
            format!("{what} contains a NUL byte at {}", e.nul_position()),
        )
    })
}

/// The C strings a result handle owns: each pointer handed out by [`CStrings::add`] points
/// into a `CString`'s own heap buffer, which stays put (and valid) while the pool lives,
/// however the pool's vector grows or the handle moves.
#[derive(Debug, Default)]
pub(crate) struct CStrings(Vec<CString>);

impl CStrings {
    /// Copies `text` into the pool and returns the C string's pointer; fails with
    /// `INV_INTERIOR_NUL` for text with a NUL byte (a name read from a snapshot).
    pub(crate) fn add(&mut self, text: &str, what: &str) -> FfiResult<*const c_char> {
        let c = to_c_string(text.to_owned(), what)?;
        let ptr = c.as_ptr();
        self.0.push(c);
        Ok(ptr)
    }
}

/// Row `index` of a result handle's rows (a copy), or `INV_INDEX_OUT_OF_RANGE`.
pub(crate) fn row_at<T: Copy>(rows: &[T], index: usize, what: &str) -> FfiResult<T> {
    rows.get(index).copied().ok_or_else(|| {
        Failure::new(
            INV_INDEX_OUT_OF_RANGE,
            format!(
                "{what} index {index} is out of range (there are {})",
                rows.len()
            ),
        )
    })
}

/// Checks an output array of `len` elements: NULL is allowed only for `len == 0`.
pub(crate) fn check_out_array<T>(ptr: *mut T, len: usize, name: &str) -> FfiResult<()> {
    if len == 0 {
        Ok(())
    } else {
        check_out(ptr, name)
    }
}

/// Checks that an output array of `out_len` elements fits a result of `n`: a shorter array
/// fails with `INV_BUFFER_TOO_SMALL`, a longer one with `INV_INVALID_INPUT`.
pub(crate) fn check_array_len(out_len: usize, n: usize) -> FfiResult<()> {
    if out_len == n {
        return Ok(());
    }
    let code = if out_len < n {
        INV_BUFFER_TOO_SMALL
    } else {
        INV_INVALID_INPUT
    };
    Err(Failure::new(
        code,
        format!("the output array has {out_len} elements; the result has {n}"),
    ))
}

/// Writes `items` (converted by `convert`) to the output array `out` of `out_len`
/// elements, which must be exactly `items.len()`: a shorter array fails with
/// `INV_BUFFER_TOO_SMALL`, a longer one with `INV_INVALID_INPUT`; nothing is written then.
///
/// # Safety
/// `out` must be NULL (only for `out_len == 0`) or valid for `out_len` writes of `C`.
pub(crate) unsafe fn write_array<'a, T, C>(
    out: *mut C,
    out_len: usize,
    items: &'a [T],
    convert: impl Fn(&'a T) -> C,
) -> FfiResult<()> {
    let n = items.len();
    check_array_len(out_len, n)?;
    check_out_array(out, out_len, "out")?;
    for (i, item) in items.iter().enumerate() {
        // SAFETY: `out` is non-NULL (n > 0 here) and valid for `out_len = n` writes.
        unsafe { out.add(i).write(convert(item)) };
    }
    Ok(())
}

/// A short text (a label) as a NUL-terminated C field of `N` bytes (cut at a character
/// boundary if it is longer, which the callers' texts never are).
pub(crate) fn text_field<const N: usize>(text: &str) -> [c_char; N] {
    let mut field = [0 as c_char; N];
    let mut n = text.len().min(N - 1);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    for (dst, src) in field.iter_mut().zip(&text.as_bytes()[..n]) {
        *dst = *src as c_char;
    }
    field
}

pub(crate) fn bad_enum(name: &str, value: u32, expected: &str) -> Failure {
    Failure::new(
        INV_INVALID_ENUM,
        format!("argument {name} = {value} is not one of {expected}"),
    )
}

/// `inv_costing` → core method.
pub(crate) fn costing_from_c(value: inv_costing, name: &str) -> FfiResult<CostMethod> {
    match value {
        INV_COSTING_FIFO => Ok(CostMethod::Fifo),
        INV_COSTING_LIFO => Ok(CostMethod::Lifo),
        INV_COSTING_MOVING_AVERAGE => Ok(CostMethod::MovingAverage),
        v => Err(bad_enum(
            name,
            v,
            "INV_COSTING_FIFO, INV_COSTING_LIFO, INV_COSTING_MOVING_AVERAGE",
        )),
    }
}

/// Core method → `inv_costing`.
pub(crate) fn costing_to_c(method: CostMethod) -> inv_costing {
    match method {
        CostMethod::Fifo => INV_COSTING_FIFO,
        CostMethod::Lifo => INV_COSTING_LIFO,
        CostMethod::MovingAverage => INV_COSTING_MOVING_AVERAGE,
    }
}

/// `inv_condition` → core condition.
pub(crate) fn condition_from_c(value: inv_condition, name: &str) -> FfiResult<Condition> {
    match value {
        INV_CONDITION_SELLABLE => Ok(Condition::Sellable),
        INV_CONDITION_DAMAGED => Ok(Condition::Damaged),
        INV_CONDITION_QUARANTINE => Ok(Condition::Quarantine),
        v => Err(bad_enum(
            name,
            v,
            "INV_CONDITION_SELLABLE, INV_CONDITION_DAMAGED, INV_CONDITION_QUARANTINE",
        )),
    }
}

/// Core condition → `inv_condition`.
pub(crate) fn condition_to_c(condition: Condition) -> inv_condition {
    match condition {
        Condition::Sellable => INV_CONDITION_SELLABLE,
        Condition::Damaged => INV_CONDITION_DAMAGED,
        Condition::Quarantine => INV_CONDITION_QUARANTINE,
    }
}

/// `inv_period` → core period.
pub(crate) fn period_from_c(value: inv_period, name: &str) -> FfiResult<Period> {
    match value {
        INV_PERIOD_DAY => Ok(Period::Day),
        INV_PERIOD_WEEK => Ok(Period::Week),
        v => Err(bad_enum(name, v, "INV_PERIOD_DAY, INV_PERIOD_WEEK")),
    }
}

/// `inv_time_unit` → core unit.
pub(crate) fn time_unit_from_c(value: inv_time_unit, name: &str) -> FfiResult<TimeUnit> {
    match value {
        INV_TIME_UNIT_DAY => Ok(TimeUnit::Day),
        INV_TIME_UNIT_WEEK => Ok(TimeUnit::Week),
        INV_TIME_UNIT_MONTH => Ok(TimeUnit::Month),
        INV_TIME_UNIT_YEAR => Ok(TimeUnit::Year),
        v => Err(bad_enum(
            name,
            v,
            "INV_TIME_UNIT_DAY, INV_TIME_UNIT_WEEK, INV_TIME_UNIT_MONTH, INV_TIME_UNIT_YEAR",
        )),
    }
}

/// `inv_discount` → core discount kind.
pub(crate) fn discount_from_c(value: inv_discount, name: &str) -> FfiResult<DiscountKind> {
    match value {
        INV_DISCOUNT_ALL_UNITS => Ok(DiscountKind::AllUnits),
        INV_DISCOUNT_INCREMENTAL => Ok(DiscountKind::Incremental),
        v => Err(bad_enum(
            name,
            v,
            "INV_DISCOUNT_ALL_UNITS, INV_DISCOUNT_INCREMENTAL",
        )),
    }
}

/// `inv_over_receipt` (and the tolerance in percent, read only with
/// `INV_OVER_RECEIPT_TOLERANCE`, absent = 0) → core over-receipt policy.
pub(crate) fn over_receipt_from_c(
    value: inv_over_receipt,
    tolerance: Option<Decimal>,
    name: &str,
) -> FfiResult<OverReceipt> {
    match value {
        INV_OVER_RECEIPT_REFUSE => Ok(OverReceipt::Refuse),
        INV_OVER_RECEIPT_TOLERANCE => {
            Ok(OverReceipt::Tolerance(tolerance.unwrap_or(Decimal::ZERO)))
        }
        INV_OVER_RECEIPT_ACCEPT => Ok(OverReceipt::Accept),
        v => Err(bad_enum(
            name,
            v,
            "INV_OVER_RECEIPT_REFUSE, INV_OVER_RECEIPT_TOLERANCE, INV_OVER_RECEIPT_ACCEPT",
        )),
    }
}

/// Core over-receipt policy → `inv_over_receipt` (the tolerance is not part of the code).
pub(crate) fn over_receipt_to_c(policy: &OverReceipt) -> inv_over_receipt {
    match policy {
        OverReceipt::Refuse => INV_OVER_RECEIPT_REFUSE,
        OverReceipt::Tolerance(_) => INV_OVER_RECEIPT_TOLERANCE,
        OverReceipt::Accept => INV_OVER_RECEIPT_ACCEPT,
    }
}

/// Core order status → `inv_order_status`.
pub(crate) fn order_status_to_c(status: OrderStatus) -> inv_order_status {
    match status {
        OrderStatus::Draft => INV_ORDER_STATUS_DRAFT,
        OrderStatus::Placed => INV_ORDER_STATUS_PLACED,
        OrderStatus::Confirmed => INV_ORDER_STATUS_CONFIRMED,
        OrderStatus::PartiallyReceived => INV_ORDER_STATUS_PARTIALLY_RECEIVED,
        OrderStatus::Received => INV_ORDER_STATUS_RECEIVED,
        OrderStatus::Closed => INV_ORDER_STATUS_CLOSED,
        OrderStatus::Cancelled => INV_ORDER_STATUS_CANCELLED,
    }
}

/// `inv_charge_kind` → core charge kind.
pub(crate) fn charge_kind_from_c(value: inv_charge_kind, name: &str) -> FfiResult<ChargeKind> {
    match value {
        INV_CHARGE_KIND_FREIGHT => Ok(ChargeKind::Freight),
        INV_CHARGE_KIND_DUTY => Ok(ChargeKind::Duty),
        INV_CHARGE_KIND_INSURANCE => Ok(ChargeKind::Insurance),
        INV_CHARGE_KIND_OTHER => Ok(ChargeKind::Other),
        v => Err(bad_enum(
            name,
            v,
            "INV_CHARGE_KIND_FREIGHT, INV_CHARGE_KIND_DUTY, INV_CHARGE_KIND_INSURANCE, \
             INV_CHARGE_KIND_OTHER",
        )),
    }
}

/// `inv_allocation` (with the per-line weights, which only `INV_ALLOCATION_BY_WEIGHT`
/// takes) → core allocation. Weights given with another allocation are refused with
/// `INV_INVALID_INPUT` rather than dropped.
pub(crate) fn allocation_from_c(
    value: inv_allocation,
    weights: Vec<(u32, Decimal)>,
    name: &str,
) -> FfiResult<Allocation> {
    let basis = match value {
        INV_ALLOCATION_BY_QUANTITY => "quantity",
        INV_ALLOCATION_BY_VALUE => "value",
        INV_ALLOCATION_BY_WEIGHT => "weight",
        v => {
            return Err(bad_enum(
                name,
                v,
                "INV_ALLOCATION_BY_QUANTITY, INV_ALLOCATION_BY_VALUE, INV_ALLOCATION_BY_WEIGHT",
            ))
        }
    };
    // The core decides which bases take weights.
    let weights = (!weights.is_empty()).then_some(weights);
    Allocation::from_name(basis, weights).map_err(|e| Failure::from(inventory_core::Error::from(e)))
}

/// Core lead-time source → `inv_lead_time_source`.
pub(crate) fn lead_time_source_to_c(source: LeadTimeSource) -> inv_lead_time_source {
    match source {
        LeadTimeSource::Measured => INV_LEAD_TIME_SOURCE_MEASURED,
        LeadTimeSource::Quoted => INV_LEAD_TIME_SOURCE_QUOTED,
    }
}

/// Core payment kind → `inv_payment_kind`.
pub(crate) fn payment_kind_to_c(kind: PaymentKind) -> inv_payment_kind {
    match kind {
        PaymentKind::Committed => INV_PAYMENT_KIND_COMMITTED,
        PaymentKind::Expected => INV_PAYMENT_KIND_EXPECTED,
    }
}

/// `inv_measure` → core ABC measure.
pub(crate) fn measure_from_c(value: inv_measure, name: &str) -> FfiResult<AbcMeasure> {
    match value {
        INV_MEASURE_REVENUE => Ok(AbcMeasure::Revenue),
        INV_MEASURE_CONSUMPTION_VALUE => Ok(AbcMeasure::ConsumptionValue),
        INV_MEASURE_UNITS => Ok(AbcMeasure::Units),
        INV_MEASURE_MARGIN => Ok(AbcMeasure::Margin),
        v => Err(bad_enum(
            name,
            v,
            "INV_MEASURE_REVENUE, INV_MEASURE_CONSUMPTION_VALUE, INV_MEASURE_UNITS, \
             INV_MEASURE_MARGIN",
        )),
    }
}

/// Core ABC class → `inv_abc_class`.
pub(crate) fn abc_class_to_c(class: AbcClass) -> inv_abc_class {
    match class {
        AbcClass::A => INV_ABC_A,
        AbcClass::B => INV_ABC_B,
        AbcClass::C => INV_ABC_C,
    }
}

/// Core XYZ class → `inv_xyz_class`.
pub(crate) fn xyz_class_to_c(class: XyzClass) -> inv_xyz_class {
    match class {
        XyzClass::X => INV_XYZ_X,
        XyzClass::Y => INV_XYZ_Y,
        XyzClass::Z => INV_XYZ_Z,
    }
}

/// `inv_sync_mode` → core sync mode.
pub(crate) fn sync_mode_from_c(value: inv_sync_mode, name: &str) -> FfiResult<SyncMode> {
    match value {
        INV_SYNC_FULL => Ok(SyncMode::Full),
        INV_SYNC_NORMAL => Ok(SyncMode::Normal),
        INV_SYNC_OFF => Ok(SyncMode::Off),
        v => Err(bad_enum(
            name,
            v,
            "INV_SYNC_FULL, INV_SYNC_NORMAL, INV_SYNC_OFF",
        )),
    }
}

/// Core sync mode → `inv_sync_mode`.
pub(crate) fn sync_mode_to_c(mode: SyncMode) -> inv_sync_mode {
    match mode {
        SyncMode::Full => INV_SYNC_FULL,
        SyncMode::Normal => INV_SYNC_NORMAL,
        SyncMode::Off => INV_SYNC_OFF,
    }
}

/// Parses a name with the core's `FromStr` (adjustment reasons), mapping its error.
pub(crate) fn parse_core<T>(text: &str) -> FfiResult<T>
where
    T: FromStr<Err = inventory_core::LedgerError>,
{
    text.parse::<T>().map_err(Failure::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_syntax() {
        for ok in ["10", "-2.5", "0.125", "+3", "79228162514264337593543950335"] {
            assert!(parse_decimal(ok, "q").is_ok(), "{ok}");
        }
        for bad in ["", " 1", "1 ", "abc", "1e3", "1.2.3", "NaN", "0x10", "1,5"] {
            let e = parse_decimal(bad, "q").unwrap_err();
            assert_eq!(e.code, INV_INVALID_DECIMAL, "{bad}");
        }
    }

    #[test]
    fn longest_decimal_fits() {
        let d = Decimal::from_str_exact("-7.9228162514264337593543950335").unwrap();
        assert_eq!(d.to_string().len(), 31);
        let d = Decimal::from_str_exact("-0.0000000000000000000000000001").unwrap();
        assert!(d.to_string().len() < INV_DECIMAL_LEN);
        assert!(Decimal::MIN.to_string().len() < INV_DECIMAL_LEN);
    }

    #[test]
    fn panics_become_codes() {
        let code = call(|| panic!("boom"));
        assert_eq!(code, INV_PANIC);
    }
}
