//! Reading purchasing: purchase orders, incoming stock, receiving reports, overdue lines,
//! supplier performance, planning lead times, the payment schedule and cash out.
//!
//! Results with several rows are opaque handles: `_len` (or a count in the summary) gives
//! the number of rows, an indexed getter copies row `i` into a caller's struct, `_free`
//! releases the handle (NULL is a no-op). Decimal fields are NUL-terminated decimal text in
//! `char[INV_DECIMAL_LEN]` fields; string fields (`const char *`) point into the handle and
//! are valid until it is freed. Single results are written to a plain struct.

use std::ffi::c_char;

use inventory_core::purchasing::{
    CashOutBucket, Incoming, IncomingBucket, OrderLine, OverdueLine, PaymentDue, PurchaseOrder,
    ReceivingLine, ReceivingReport,
};
use inventory_core::Decimal;

use crate::error::inv_result;
use crate::ffi::{
    call, check_out, decimal_field, free_box, guard, lead_time_source_to_c, order_status_to_c,
    payment_kind_to_c, period_from_c, row_at, to_boxed_mut_ptr, try_opt_str, try_ref_from_ptr,
    try_str, write_out, CStrings, Castable, FfiResult,
};
use crate::ledger::inv_ledger;
use crate::{
    inv_lead_time_source, inv_order_status, inv_payment_kind, inv_period, INV_DECIMAL_LEN,
};

/// The rows of a list result, with the strings they point to.
#[derive(Debug)]
pub(crate) struct Rows<T> {
    rows: Vec<T>,
    _strings: CStrings,
}

impl<T> Rows<T> {
    /// Converts each item to its C row, the row's strings going to the handle's pool.
    fn build<I>(
        items: impl IntoIterator<Item = I>,
        convert: impl Fn(&I, &mut CStrings) -> FfiResult<T>,
    ) -> FfiResult<Self> {
        let mut strings = CStrings::default();
        let rows = items
            .into_iter()
            .map(|item| convert(&item, &mut strings))
            .collect::<FfiResult<Vec<T>>>()?;
        Ok(Rows {
            rows,
            _strings: strings,
        })
    }
}

/// The number of rows behind a list handle (0 for NULL).
///
/// # Safety
/// `handle` NULL or a live handle of `C`.
unsafe fn rows_len<C: Castable<RustType = Rows<T>>, T>(handle: *const C) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(handle, "handle") }.map_or(0, |h| h.rows.len())
    })
}

/// Copies row `index` of a list handle into `*out`.
///
/// # Safety
/// `handle` NULL or a live handle of `C`; `out` NULL or writable.
unsafe fn rows_get<C: Castable<RustType = Rows<T>>, T: Copy>(
    handle: *const C,
    name: &str,
    index: usize,
    out: *mut T,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(handle, name) }?;
        check_out(out, "out")?;
        let row = row_at(&h.rows, index, "row")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------
// Purchase orders
// ---------------------------------------------------------------------------------------

/// A purchase order as it stands (opaque), from `inv_ledger_order`; release with
/// `inv_purchase_order_free`.
pub struct inv_purchase_order {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_purchase_order`: the C structs, and the strings they
/// point to.
#[derive(Debug)]
pub(crate) struct OrderHandle {
    info: inv_purchase_order_info,
    lines: Vec<inv_order_line>,
    receipts: Vec<*const c_char>,
    charges: Vec<*const c_char>,
    _strings: CStrings,
}

impl Castable for inv_purchase_order {
    type RustType = OrderHandle;
}

/// The header of a purchase order. Decimal fields are NUL-terminated decimal text; times
/// are seconds since the Unix epoch (UTC), each optional one valid only when its `has_`
/// flag is true (0 otherwise). String fields point into the `inv_purchase_order` and are
/// valid until it is freed.
///
/// Later versions add fields at the end (as `dropship` and `customer_order` were added):
/// before 1.0 the header and the library go together (see `inv_ledger_config`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_purchase_order_info {
    /// The order id. Owned by the `inv_purchase_order`: valid until it is freed.
    pub id: *const c_char,
    /// The supplier's id (owned by the handle).
    pub supplier: *const c_char,
    /// Its status (`INV_ORDER_STATUS_*`).
    pub status: inv_order_status,
    /// When it was created.
    pub created_at: i64,
    /// Whether `placed_at` is set.
    pub has_placed_at: bool,
    /// When it was placed.
    pub placed_at: i64,
    /// Whether `confirmed_at` is set.
    pub has_confirmed_at: bool,
    /// When the supplier confirmed it.
    pub confirmed_at: i64,
    /// Payment terms (the supplier's when the order was placed; its current ones while a
    /// draft): days from an invoice to its due date.
    pub net_days: u32,
    /// Whether the terms have an early-payment discount (`discount_percent`,
    /// `discount_days`).
    pub has_discount: bool,
    /// The discount in percent; an empty string when `has_discount` is false.
    pub discount_percent: [c_char; INV_DECIMAL_LEN],
    /// Days from an invoice within which the discount applies; 0 when `has_discount` is
    /// false.
    pub discount_days: u32,
    /// Paid so far.
    pub paid: [c_char; INV_DECIMAL_LEN],
    /// The number of lines (`inv_purchase_order_line`).
    pub line_count: usize,
    /// The number of receipts (`inv_purchase_order_receipt`).
    pub receipt_count: usize,
    /// The number of landed-cost charges (`inv_purchase_order_charge`).
    pub charge_count: usize,
    /// Whether this is a dropship order (`inv_ledger_dropship`): delivered by the supplier
    /// to the customer, never stocked; its open units are not incoming.
    pub dropship: bool,
    /// The customer's order id of a dropship order (owned by the handle); NULL when none
    /// was given (and for every stock order).
    pub customer_order: *const c_char,
}

/// A purchase order line as it stands. Decimal fields are NUL-terminated decimal text.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_order_line {
    /// The line's number.
    pub line: u32,
    /// The SKU (owned by the `inv_purchase_order`: valid until it is freed).
    pub sku: *const c_char,
    /// The delivery location (owned by the handle).
    pub location: *const c_char,
    /// Units on order now (after the supplier's confirmation and the buyer's amendments).
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// Units the buyer asked for (the base of the supplier's fill rate).
    pub ordered: [c_char; INV_DECIMAL_LEN],
    /// The unit price.
    pub unit_price: [c_char; INV_DECIMAL_LEN],
    /// When it is expected (seconds since the Unix epoch, UTC).
    pub expected: i64,
    /// Units received sellable.
    pub received_sellable: [c_char; INV_DECIMAL_LEN],
    /// Units received damaged.
    pub received_damaged: [c_char; INV_DECIMAL_LEN],
    /// Units received into quarantine.
    pub received_quarantine: [c_char; INV_DECIMAL_LEN],
    /// Units of the remainder the buyer cancelled.
    pub cancelled: [c_char; INV_DECIMAL_LEN],
    /// Units of the remainder closed short (the supplier will not deliver them).
    pub closed_short: [c_char; INV_DECIMAL_LEN],
    /// Units still to come.
    pub open: [c_char; INV_DECIMAL_LEN],
    /// Value received at the invoiced prices.
    pub received_value: [c_char; INV_DECIMAL_LEN],
    /// Purchase price variance: value received at the invoiced prices − at the line's
    /// price (positive: paid more than ordered).
    pub price_variance: [c_char; INV_DECIMAL_LEN],
}

fn order_line(l: &OrderLine, s: &mut CStrings) -> FfiResult<inv_order_line> {
    Ok(inv_order_line {
        line: l.line,
        sku: s.add(&l.sku, "a SKU")?,
        location: s.add(&l.location, "a location name")?,
        quantity: decimal_field(l.quantity),
        ordered: decimal_field(l.ordered),
        unit_price: decimal_field(l.unit_price),
        expected: l.expected,
        received_sellable: decimal_field(l.received_sellable),
        received_damaged: decimal_field(l.received_damaged),
        received_quarantine: decimal_field(l.received_quarantine),
        cancelled: decimal_field(l.cancelled),
        closed_short: decimal_field(l.closed_short),
        open: decimal_field(l.open),
        received_value: decimal_field(l.received_value),
        price_variance: decimal_field(l.price_variance),
    })
}

fn order_handle(o: &PurchaseOrder) -> FfiResult<OrderHandle> {
    let mut s = CStrings::default();
    let discount = o.terms.discount.as_ref();
    let info = inv_purchase_order_info {
        id: s.add(&o.id, "an order id")?,
        supplier: s.add(&o.supplier, "a supplier id")?,
        status: order_status_to_c(o.status),
        created_at: o.created_at,
        has_placed_at: o.placed_at.is_some(),
        placed_at: o.placed_at.unwrap_or(0),
        has_confirmed_at: o.confirmed_at.is_some(),
        confirmed_at: o.confirmed_at.unwrap_or(0),
        net_days: o.terms.net_days,
        has_discount: discount.is_some(),
        discount_percent: discount.map_or([0; INV_DECIMAL_LEN], |d| decimal_field(d.percent)),
        discount_days: discount.map_or(0, |d| d.days),
        paid: decimal_field(o.paid),
        line_count: o.lines.len(),
        receipt_count: o.receipts.len(),
        charge_count: o.charges.len(),
        dropship: o.dropship,
        customer_order: match &o.customer_order {
            Some(c) => s.add(c, "a customer order id")?,
            None => std::ptr::null(),
        },
    };
    let lines = o
        .lines
        .iter()
        .map(|l| order_line(l, &mut s))
        .collect::<FfiResult<Vec<_>>>()?;
    let receipts = o
        .receipts
        .iter()
        .map(|r| s.add(r, "a receipt id"))
        .collect::<FfiResult<Vec<_>>>()?;
    let charges = o
        .charges
        .iter()
        .map(|c| s.add(c, "a charge id"))
        .collect::<FfiResult<Vec<_>>>()?;
    Ok(OrderHandle {
        info,
        lines,
        receipts,
        charges,
        _strings: s,
    })
}

/// Purchase order `order_id` as it stands, into a new handle at `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_UNKNOWN_ORDER`, `INV_INTERIOR_NUL` (a name read from a
/// snapshot contains a NUL byte).
///
/// # Safety
/// `ledger` NULL or a live handle; `order_id` NULL or NUL-terminated; `out` NULL or a
/// writable `inv_purchase_order *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_order(
    ledger: *const inv_ledger,
    order_id: *const c_char,
    out: *mut *mut inv_purchase_order,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, id) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(order_id, "order_id")?,
            )
        };
        check_out(out, "out")?;
        let handle = order_handle(&l.order(id)?)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_purchase_order>(handle)) };
        Ok(())
    })
}

/// The header of a purchase order into `*out`.
///
/// # Safety
/// `order` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_purchase_order_summary(
    order: *const inv_purchase_order,
    out: *mut inv_purchase_order_info,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(order, "order") }?;
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, h.info) };
        Ok(())
    })
}

/// Line `index` (0-based, in the order the lines were added; fewer than
/// `info.line_count`) into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `order` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_purchase_order_line(
    order: *const inv_purchase_order,
    index: usize,
    out: *mut inv_order_line,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(order, "order") }?;
        check_out(out, "out")?;
        let line = row_at(&h.lines, index, "line")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, line) };
        Ok(())
    })
}

/// Writes the id of receipt `index` (0-based, in order; fewer than `info.receipt_count`)
/// to `*out`; the string is owned by the handle, valid until it is freed.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `order` NULL or a live handle; `out` NULL or a writable `const char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_purchase_order_receipt(
    order: *const inv_purchase_order,
    index: usize,
    out: *mut *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(order, "order") }?;
        check_out(out, "out")?;
        let id = row_at(&h.receipts, index, "receipt")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, id) };
        Ok(())
    })
}

/// Writes the id of landed-cost charge `index` (0-based, in order; fewer than
/// `info.charge_count`) to `*out`; the string is owned by the handle.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `order` NULL or a live handle; `out` NULL or a writable `const char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_purchase_order_charge(
    order: *const inv_purchase_order,
    index: usize,
    out: *mut *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(order, "order") }?;
        check_out(out, "out")?;
        let id = row_at(&h.charges, index, "charge")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, id) };
        Ok(())
    })
}

/// Releases a purchase order (and the strings it owns). NULL is a no-op.
///
/// # Safety
/// `order` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_purchase_order_free(order: *mut inv_purchase_order) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(order) })
}

// ---------------------------------------------------------------------------------------
// Incoming
// ---------------------------------------------------------------------------------------

/// Units incoming (the open quantity of placed orders; not of dropship orders, whose units
/// go to the customer) per SKU and location, and with `inv_ledger_incoming_schedule` per
/// period of the lines' expected times (opaque); release with `inv_incoming_free`.
pub struct inv_incoming {
    _private: [u8; 0],
}

impl Castable for inv_incoming {
    type RustType = Rows<inv_incoming_row>;
}

/// Units incoming of a SKU at a location (in one period, for a schedule).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_incoming_row {
    /// The SKU (owned by the `inv_incoming`: valid until it is freed).
    pub sku: *const c_char,
    /// The delivery location (owned by the handle).
    pub location: *const c_char,
    /// Whether `start` is set (rows of `inv_ledger_incoming_schedule`).
    pub has_start: bool,
    /// The start of the period (UTC midnight; a Monday for weeks), seconds since the Unix
    /// epoch; 0 when `has_start` is false.
    pub start: i64,
    /// Units incoming (expected in the period).
    pub quantity: [c_char; INV_DECIMAL_LEN],
}

fn incoming_row(
    s: &mut CStrings,
    sku: &str,
    location: &str,
    start: Option<i64>,
    quantity: Decimal,
) -> FfiResult<inv_incoming_row> {
    Ok(inv_incoming_row {
        sku: s.add(sku, "a SKU")?,
        location: s.add(location, "a location name")?,
        has_start: start.is_some(),
        start: start.unwrap_or(0),
        quantity: decimal_field(quantity),
    })
}

/// Units incoming per SKU and location (only those with some), for one `sku` and/or one
/// `location` (each nullable: all), sorted by SKU then location, into a new handle at
/// `*out`. A name the ledger does not know gives no rows.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_incoming *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_incoming(
    ledger: *const inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    out: *mut *mut inv_incoming,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, sku, location) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_opt_str(sku, "sku")?,
                try_opt_str(location, "location")?,
            )
        };
        check_out(out, "out")?;
        let rows = Rows::build(l.incoming(sku, location), |i: &Incoming, s| {
            incoming_row(s, &i.sku, &i.location, None, i.quantity)
        })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_incoming>(rows)) };
        Ok(())
    })
}

/// Units incoming per SKU, location and `period` (UTC days or ISO weeks) of the lines'
/// expected times (an overdue line stays in the period it was expected in), for one `sku`
/// and/or `location` (each nullable: all), sorted by SKU, location and period start, into
/// a new handle at `*out` (every row has `has_start` set).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_ENUM`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// As `inv_ledger_incoming`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_incoming_schedule(
    ledger: *const inv_ledger,
    period: inv_period,
    sku: *const c_char,
    location: *const c_char,
    out: *mut *mut inv_incoming,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, sku, location) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_opt_str(sku, "sku")?,
                try_opt_str(location, "location")?,
            )
        };
        check_out(out, "out")?;
        let period = period_from_c(period, "period")?;
        let buckets = l.incoming_schedule(period, sku, location);
        let rows = Rows::build(buckets, |b: &IncomingBucket, s| {
            incoming_row(s, &b.sku, &b.location, Some(b.start), b.quantity)
        })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_incoming>(rows)) };
        Ok(())
    })
}

/// The number of rows (0 for NULL).
///
/// # Safety
/// `incoming` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_incoming_len(incoming: *const inv_incoming) -> usize {
    // SAFETY: forwarded contract.
    unsafe { rows_len(incoming) }
}

/// Row `index` into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `incoming` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_incoming_get(
    incoming: *const inv_incoming,
    index: usize,
    out: *mut inv_incoming_row,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { rows_get(incoming, "incoming", index, out) }
}

/// Releases an incoming result. NULL is a no-op.
///
/// # Safety
/// `incoming` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_incoming_free(incoming: *mut inv_incoming) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(incoming) })
}

// ---------------------------------------------------------------------------------------
// Receiving report
// ---------------------------------------------------------------------------------------

/// What an order asked for and what came of it, per line and in total (opaque), from
/// `inv_ledger_receiving_report`; release with `inv_receiving_report_free`.
pub struct inv_receiving_report {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_receiving_report`.
#[derive(Debug)]
pub(crate) struct ReportHandle {
    info: inv_receiving_report_info,
    lines: Vec<inv_receiving_line>,
    total: inv_receiving_line,
    _strings: CStrings,
}

impl Castable for inv_receiving_report {
    type RustType = ReportHandle;
}

/// The header of a receiving report.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_receiving_report_info {
    /// The order (owned by the `inv_receiving_report`: valid until it is freed).
    pub order: *const c_char,
    /// The supplier (owned by the handle).
    pub supplier: *const c_char,
    /// The order's status (`INV_ORDER_STATUS_*`).
    pub status: inv_order_status,
    /// The number of lines (`inv_receiving_report_line`).
    pub line_count: usize,
}

/// A line of a receiving report, or its total. Decimal fields are NUL-terminated decimal
/// text.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_receiving_line {
    /// Whether `line` is set (false for the total).
    pub has_line: bool,
    /// The line number; 0 for the total.
    pub line: u32,
    /// The SKU; an empty string for the total (owned by the `inv_receiving_report`).
    pub sku: *const c_char,
    /// The location; an empty string for the total (owned by the handle).
    pub location: *const c_char,
    /// Units on order.
    pub ordered: [c_char; INV_DECIMAL_LEN],
    /// Units received sellable.
    pub sellable: [c_char; INV_DECIMAL_LEN],
    /// Units received damaged.
    pub damaged: [c_char; INV_DECIMAL_LEN],
    /// Units received into quarantine.
    pub quarantine: [c_char; INV_DECIMAL_LEN],
    /// Units still open.
    pub open: [c_char; INV_DECIMAL_LEN],
    /// Units cancelled.
    pub cancelled: [c_char; INV_DECIMAL_LEN],
    /// Units closed short.
    pub closed_short: [c_char; INV_DECIMAL_LEN],
    /// Value received at the invoiced prices.
    pub received_value: [c_char; INV_DECIMAL_LEN],
    /// Purchase price variance.
    pub price_variance: [c_char; INV_DECIMAL_LEN],
}

fn receiving_line(l: &ReceivingLine, s: &mut CStrings) -> FfiResult<inv_receiving_line> {
    Ok(inv_receiving_line {
        has_line: l.line.is_some(),
        line: l.line.unwrap_or(0),
        sku: s.add(&l.sku, "a SKU")?,
        location: s.add(&l.location, "a location name")?,
        ordered: decimal_field(l.ordered),
        sellable: decimal_field(l.sellable),
        damaged: decimal_field(l.damaged),
        quarantine: decimal_field(l.quarantine),
        open: decimal_field(l.open),
        cancelled: decimal_field(l.cancelled),
        closed_short: decimal_field(l.closed_short),
        received_value: decimal_field(l.received_value),
        price_variance: decimal_field(l.price_variance),
    })
}

fn report_handle(r: &ReceivingReport) -> FfiResult<ReportHandle> {
    let mut s = CStrings::default();
    let info = inv_receiving_report_info {
        order: s.add(&r.order, "an order id")?,
        supplier: s.add(&r.supplier, "a supplier id")?,
        status: order_status_to_c(r.status),
        line_count: r.lines.len(),
    };
    let lines = r
        .lines
        .iter()
        .map(|l| receiving_line(l, &mut s))
        .collect::<FfiResult<Vec<_>>>()?;
    let total = receiving_line(&r.total, &mut s)?;
    Ok(ReportHandle {
        info,
        lines,
        total,
        _strings: s,
    })
}

/// The receiving report of `order` into a new handle at `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_UNKNOWN_ORDER`, `INV_OVERFLOW`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `order` NULL or NUL-terminated; `out` NULL or a writable
/// `inv_receiving_report *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_receiving_report(
    ledger: *const inv_ledger,
    order: *const c_char,
    out: *mut *mut inv_receiving_report,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, order) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(order, "order")?,
            )
        };
        check_out(out, "out")?;
        let handle = report_handle(&l.receiving_report(order)?)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_receiving_report>(handle)) };
        Ok(())
    })
}

/// The header of a receiving report into `*out`.
///
/// # Safety
/// `report` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_receiving_report_summary(
    report: *const inv_receiving_report,
    out: *mut inv_receiving_report_info,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(report, "report") }?;
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, h.info) };
        Ok(())
    })
}

/// Line `index` (in line order; fewer than `info.line_count`) into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `report` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_receiving_report_line(
    report: *const inv_receiving_report,
    index: usize,
    out: *mut inv_receiving_line,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(report, "report") }?;
        check_out(out, "out")?;
        let line = row_at(&h.lines, index, "line")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, line) };
        Ok(())
    })
}

/// The sums over the lines into `*out` (`has_line` false, empty SKU and location).
///
/// # Safety
/// `report` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_receiving_report_total(
    report: *const inv_receiving_report,
    out: *mut inv_receiving_line,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(report, "report") }?;
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, h.total) };
        Ok(())
    })
}

/// Releases a receiving report. NULL is a no-op.
///
/// # Safety
/// `report` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_receiving_report_free(report: *mut inv_receiving_report) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(report) })
}

// ---------------------------------------------------------------------------------------
// Overdue lines
// ---------------------------------------------------------------------------------------

/// Lines of placed orders past their expected day with units still open (opaque), from
/// `inv_ledger_overdue_lines`; release with `inv_overdue_lines_free`.
pub struct inv_overdue_lines {
    _private: [u8; 0],
}

impl Castable for inv_overdue_lines {
    type RustType = Rows<inv_overdue_line>;
}

/// An order line past its expected date with units still open.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_overdue_line {
    /// The order (owned by the `inv_overdue_lines`: valid until it is freed).
    pub order: *const c_char,
    /// The supplier (owned by the handle).
    pub supplier: *const c_char,
    /// The line number.
    pub line: u32,
    /// The SKU (owned by the handle).
    pub sku: *const c_char,
    /// The location (owned by the handle).
    pub location: *const c_char,
    /// When it was expected (seconds since the Unix epoch, UTC).
    pub expected: i64,
    /// Units still open.
    pub open: [c_char; INV_DECIMAL_LEN],
    /// Whole UTC days from the expected day to the day asked about.
    pub days_late: i64,
}

/// The lines of placed orders with units open whose expected UTC day is before the UTC day
/// of `as_of`, most overdue first (then by order and line), into a new handle at `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `inv_overdue_lines *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_overdue_lines(
    ledger: *const inv_ledger,
    as_of: i64,
    out: *mut *mut inv_overdue_lines,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let rows = Rows::build(l.overdue_lines(as_of), |o: &OverdueLine, s| {
            Ok(inv_overdue_line {
                order: s.add(&o.order, "an order id")?,
                supplier: s.add(&o.supplier, "a supplier id")?,
                line: o.line,
                sku: s.add(&o.sku, "a SKU")?,
                location: s.add(&o.location, "a location name")?,
                expected: o.expected,
                open: decimal_field(o.open),
                days_late: o.days_late,
            })
        })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_overdue_lines>(rows)) };
        Ok(())
    })
}

/// The number of overdue lines (0 for NULL).
///
/// # Safety
/// `lines` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_overdue_lines_len(lines: *const inv_overdue_lines) -> usize {
    // SAFETY: forwarded contract.
    unsafe { rows_len(lines) }
}

/// Overdue line `index` into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `lines` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_overdue_lines_get(
    lines: *const inv_overdue_lines,
    index: usize,
    out: *mut inv_overdue_line,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { rows_get(lines, "lines", index, out) }
}

/// Releases an overdue-lines result. NULL is a no-op.
///
/// # Safety
/// `lines` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_overdue_lines_free(lines: *mut inv_overdue_lines) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(lines) })
}

// ---------------------------------------------------------------------------------------
// Supplier performance and lead time
// ---------------------------------------------------------------------------------------

/// A supplier's measured performance, from the engine's own purchase history. The rates
/// and lead-time figures are doubles, each valid only when its `has_` flag is true (0
/// otherwise).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_supplier_performance {
    /// Orders placed.
    pub orders: usize,
    /// Receipt lines (one per receipt and order line): the lead-time samples.
    pub receipt_lines: usize,
    /// Whether `lead_time_mean_days` is set (false without receipts).
    pub has_lead_time_mean_days: bool,
    /// Mean lead time in days (placement → receipt).
    pub lead_time_mean_days: f64,
    /// Whether `lead_time_std_days` is set.
    pub has_lead_time_std_days: bool,
    /// Its sample standard deviation (n − 1; 0 for one sample).
    pub lead_time_std_days: f64,
    /// Whether `on_time_rate` is set.
    pub has_on_time_rate: bool,
    /// Share of receipt lines that arrived on or before their expected UTC day.
    pub on_time_rate: f64,
    /// Whether `fill_rate` is set.
    pub has_fill_rate: bool,
    /// Units received (capped at what was asked) ÷ units asked for less cancellations,
    /// over lines with nothing open.
    pub fill_rate: f64,
    /// Whether `damage_rate` is set.
    pub has_damage_rate: bool,
    /// Damaged ÷ received units.
    pub damage_rate: f64,
}

/// The measured performance of `supplier` over all its SKUs, or over `sku` (nullable),
/// into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_UNKNOWN_SUPPLIER`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_supplier_performance(
    ledger: *const inv_ledger,
    supplier: *const c_char,
    sku: *const c_char,
    out: *mut inv_supplier_performance,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, supplier, sku) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(supplier, "supplier")?,
                try_opt_str(sku, "sku")?,
            )
        };
        check_out(out, "out")?;
        let p = l.supplier_performance(supplier, sku)?;
        let c = inv_supplier_performance {
            orders: p.orders,
            receipt_lines: p.receipt_lines,
            has_lead_time_mean_days: p.lead_time_mean_days.is_some(),
            lead_time_mean_days: p.lead_time_mean_days.unwrap_or(0.0),
            has_lead_time_std_days: p.lead_time_std_days.is_some(),
            lead_time_std_days: p.lead_time_std_days.unwrap_or(0.0),
            has_on_time_rate: p.on_time_rate.is_some(),
            on_time_rate: p.on_time_rate.unwrap_or(0.0),
            has_fill_rate: p.fill_rate.is_some(),
            fill_rate: p.fill_rate.unwrap_or(0.0),
            has_damage_rate: p.damage_rate.is_some(),
            damage_rate: p.damage_rate.unwrap_or(0.0),
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, c) };
        Ok(())
    })
}

/// The lead time a planner uses for a supplier × SKU.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_lead_time {
    /// Mean days.
    pub mean_days: f64,
    /// Standard deviation in days.
    pub std_days: f64,
    /// Measured or quoted (`INV_LEAD_TIME_SOURCE_*`).
    pub source: inv_lead_time_source,
    /// The receipt lines measured (whichever source was used).
    pub samples: usize,
}

/// The lead time to plan with for `sku` bought from `supplier` into `*out`: measured when
/// the supplier × SKU has enough receipt lines, else the supplier's quote.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_UNKNOWN_SUPPLIER` (also a SKU the supplier does not
/// sell, with too few receipts measured).
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_lead_time(
    ledger: *const inv_ledger,
    supplier: *const c_char,
    sku: *const c_char,
    out: *mut inv_lead_time,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, supplier, sku) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(supplier, "supplier")?,
                try_str(sku, "sku")?,
            )
        };
        check_out(out, "out")?;
        let e = l.lead_time(supplier, sku)?;
        let c = inv_lead_time {
            mean_days: e.mean_days,
            std_days: e.std_days,
            source: lead_time_source_to_c(e.source),
            samples: e.samples,
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, c) };
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------
// Payment schedule and cash out
// ---------------------------------------------------------------------------------------

/// What is owed to whom and when (opaque), from `inv_ledger_payment_schedule`; release
/// with `inv_payment_schedule_free`.
pub struct inv_payment_schedule {
    _private: [u8; 0],
}

impl Castable for inv_payment_schedule {
    type RustType = Rows<inv_payment_due>;
}

/// One amount owed. Decimal fields are NUL-terminated decimal text; times are seconds
/// since the Unix epoch (UTC).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_payment_due {
    /// Owed to this supplier (owned by the `inv_payment_schedule`: valid until it is freed).
    pub supplier: *const c_char,
    /// For this order (owned by the handle).
    pub order: *const c_char,
    /// Committed or expected (`INV_PAYMENT_KIND_*`).
    pub kind: inv_payment_kind,
    /// The receipt or charge id (committed), or the line number (expected) (owned by the
    /// handle).
    pub document: *const c_char,
    /// When it was (or will be) issued: the receipt, the charge, the line's expected time.
    pub issued: i64,
    /// When it is due.
    pub due: i64,
    /// What is left to pay.
    pub amount: [c_char; INV_DECIMAL_LEN],
    /// Whether `discount_until` is set (terms with an early-payment discount).
    pub has_discount_until: bool,
    /// The last moment of the early-payment discount; 0 when `has_discount_until` is
    /// false.
    pub discount_until: i64,
    /// The discount if the rest is paid in full by then (`"0"` without one).
    pub discount: [c_char; INV_DECIMAL_LEN],
}

/// Every committed and expected amount still unpaid, by due date (then supplier, order,
/// issue time and document), into a new handle at `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_OVERFLOW`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `inv_payment_schedule *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_payment_schedule(
    ledger: *const inv_ledger,
    out: *mut *mut inv_payment_schedule,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let rows = Rows::build(l.payment_schedule()?, |p: &PaymentDue, s| {
            Ok(inv_payment_due {
                supplier: s.add(&p.supplier, "a supplier id")?,
                order: s.add(&p.order, "an order id")?,
                kind: payment_kind_to_c(p.kind),
                document: s.add(&p.document, "a document id")?,
                issued: p.issued,
                due: p.due,
                amount: decimal_field(p.amount),
                has_discount_until: p.discount_until.is_some(),
                discount_until: p.discount_until.unwrap_or(0),
                discount: decimal_field(p.discount),
            })
        })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_payment_schedule>(rows)) };
        Ok(())
    })
}

/// The number of amounts owed (0 for NULL).
///
/// # Safety
/// `schedule` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_payment_schedule_len(schedule: *const inv_payment_schedule) -> usize {
    // SAFETY: forwarded contract.
    unsafe { rows_len(schedule) }
}

/// Amount owed `index` into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `schedule` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_payment_schedule_get(
    schedule: *const inv_payment_schedule,
    index: usize,
    out: *mut inv_payment_due,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { rows_get(schedule, "schedule", index, out) }
}

/// Releases a payment schedule. NULL is a no-op.
///
/// # Safety
/// `schedule` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_payment_schedule_free(schedule: *mut inv_payment_schedule) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(schedule) })
}

/// Cash going out per period of the due dates (opaque), from `inv_ledger_cash_out`;
/// release with `inv_cash_out_free`.
pub struct inv_cash_out {
    _private: [u8; 0],
}

impl Castable for inv_cash_out {
    type RustType = Rows<inv_cash_out_bucket>;
}

/// Cash going out in one period. Decimal fields are NUL-terminated decimal text.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_cash_out_bucket {
    /// The start of the period (UTC midnight; a Monday for weeks), seconds since the Unix
    /// epoch.
    pub start: i64,
    /// Committed amounts due in it.
    pub committed: [c_char; INV_DECIMAL_LEN],
    /// Expected amounts due in it.
    pub expected: [c_char; INV_DECIMAL_LEN],
}

/// The payment schedule summed by `period` (UTC days or ISO weeks) of the due dates (only
/// periods with something due, in order), into a new handle at `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_ENUM`, `INV_OVERFLOW`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `inv_cash_out *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_cash_out(
    ledger: *const inv_ledger,
    period: inv_period,
    out: *mut *mut inv_cash_out,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let period = period_from_c(period, "period")?;
        let rows = Rows::build(l.cash_out(period)?, |b: &CashOutBucket, _| {
            Ok(inv_cash_out_bucket {
                start: b.start,
                committed: decimal_field(b.committed),
                expected: decimal_field(b.expected),
            })
        })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_cash_out>(rows)) };
        Ok(())
    })
}

/// The number of periods (0 for NULL).
///
/// # Safety
/// `cash_out` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_cash_out_len(cash_out: *const inv_cash_out) -> usize {
    // SAFETY: forwarded contract.
    unsafe { rows_len(cash_out) }
}

/// Period `index` into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `cash_out` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_cash_out_get(
    cash_out: *const inv_cash_out,
    index: usize,
    out: *mut inv_cash_out_bucket,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { rows_get(cash_out, "cash_out", index, out) }
}

/// Releases a cash-out result. NULL is a no-op.
///
/// # Safety
/// `cash_out` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_cash_out_free(cash_out: *mut inv_cash_out) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(cash_out) })
}

// ---------------------------------------------------------------------------------------
// Lists of ids, and a supplier as JSON
// ---------------------------------------------------------------------------------------

/// A list of names (opaque): order ids, supplier ids; release with `inv_names_free`.
pub struct inv_names {
    _private: [u8; 0],
}

impl Castable for inv_names {
    type RustType = Rows<*const c_char>;
}

/// Builds a names handle into `*out`.
///
/// # Safety
/// `out` NULL or a writable `inv_names *`.
unsafe fn names_out(
    names: impl IntoIterator<Item = String>,
    what: &'static str,
    out: *mut *mut inv_names,
) -> FfiResult<()> {
    check_out(out, "out")?;
    let rows = Rows::build(names, |n: &String, s| s.add(n, what))?;
    // SAFETY: `out` is non-NULL and writable by the contract.
    unsafe { write_out(out, to_boxed_mut_ptr::<inv_names>(rows)) };
    Ok(())
}

/// The ids of every purchase order, in the order they were created, into a new handle at
/// `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `inv_names *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_order_ids(
    ledger: *const inv_ledger,
    out: *mut *mut inv_names,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        unsafe { names_out(l.order_ids(), "an order id", out) }
    })
}

/// The ids of every supplier, in the order they were first set, into a new handle at
/// `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `inv_names *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_supplier_ids(
    ledger: *const inv_ledger,
    out: *mut *mut inv_names,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        let ids = l.suppliers().iter().map(|s| s.id.clone());
        // SAFETY: forwarded contract.
        unsafe { names_out(ids, "a supplier id", out) }
    })
}

/// The ids of the suppliers that sell `sku`, the preferred one first, into a new handle at
/// `*out` (empty if none does).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `sku` NULL or NUL-terminated; `out` NULL or a writable
/// `inv_names *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_suppliers_of(
    ledger: *const inv_ledger,
    sku: *const c_char,
    out: *mut *mut inv_names,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        let sku = unsafe { try_str(sku, "sku") }?;
        let ids: Vec<String> = l
            .suppliers_of(sku)
            .iter()
            .map(|(s, _)| s.id.clone())
            .collect();
        // SAFETY: forwarded contract.
        unsafe { names_out(ids, "a supplier id", out) }
    })
}

/// The number of names (0 for NULL).
///
/// # Safety
/// `names` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_names_len(names: *const inv_names) -> usize {
    // SAFETY: forwarded contract.
    unsafe { rows_len(names) }
}

/// Name `index` into `*out` (owned by the handle: valid until it is freed).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `names` NULL or a live handle; `out` NULL or a writable `const char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_names_get(
    names: *const inv_names,
    index: usize,
    out: *mut *const c_char,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { rows_get(names, "names", index, out) }
}

/// Releases a names result. NULL is a no-op.
///
/// # Safety
/// `names` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_names_free(names: *mut inv_names) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(names) })
}

/// The supplier `id` as the core's `Supplier` JSON (id, name, terms, and its items with
/// price breaks, minimum order quantity, pack size, quoted lead time and preference; the
/// text `inv_ledger_purchase_json` reads in a `set_supplier` event) into a new string at
/// `*out`, freed with `inv_string_free`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_UNKNOWN_SUPPLIER`.
///
/// # Safety
/// `ledger` NULL or a live handle; `id` NULL or NUL-terminated; `out` NULL or a writable
/// `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_supplier_json(
    ledger: *const inv_ledger,
    id: *const c_char,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        let id = unsafe { try_str(id, "id") }?;
        check_out(out, "out")?;
        let supplier = l.supplier(id).ok_or_else(|| {
            inventory_core::Error::from(inventory_core::PurchasingError::UnknownSupplier {
                supplier: id.to_owned(),
            })
        })?;
        let json = serde_json::to_string(supplier).map_err(|e| {
            crate::ffi::Failure::new(crate::error::INV_PANIC, format!("serializing: {e}"))
        })?;
        let s = crate::ffi::to_c_string(json, "the supplier")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, s.into_raw()) };
        Ok(())
    })
}
