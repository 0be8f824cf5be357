//! Purchasing: the builders of suppliers and order lines, and the functions that post
//! purchasing events (the core's `PurchaseEvent`s) to a ledger.
//!
//! Input that may gain fields is built with opaque builders (`inv_supplier`,
//! `inv_order_lines`, `inv_line_changes`, `inv_receipt_lines`): `_new` creates one, setter
//! functions fill it, `_free` releases it. A builder only collects and converts (a bad
//! decimal string is refused at once with `INV_INVALID_DECIMAL`); the core checks the
//! whole event when it is posted. Posting functions copy what they need from a builder, so
//! a builder may be reused or freed right after the call.
//!
//! Every posting function posts one event, atomically with the stock movements it causes,
//! and writes an `inv_purchase_outcome` to its nullable `out`. The outcomes of those stock
//! movements are in the journal: read them with `inv_ledger_journal_outcome` for the
//! sequence numbers `first_movement .. first_movement + movements`. Each event takes an
//! optional idempotency `reference` (a namespace of its own, separate from movements'):
//! posting the same event again with it returns the first outcome with `duplicate` set.
//!
//! A customer's purchase of a dropshipped SKU is a purchasing event too
//! (`inv_ledger_dropship`): it creates and places a one-line order for the supplier's
//! direct delivery, whose receipt books the sale at the supplier's price (the core's
//! `purchasing` module documentation has the rules).

// The C signatures mirror the core's event fields one to one.
#![allow(clippy::too_many_arguments)]

use std::ffi::c_char;

use inventory_core::purchasing::{
    Charge, DropshipSale, LeadTimeQuote, LineChange, NewLine, PaymentTerms, PriceBreak,
    PurchaseEvent, PurchaseEventKind, PurchaseOutcome, ReceiptLine, Supplier, SupplierItem,
};
use inventory_core::Decimal;

use crate::error::{inv_result, INV_INVALID_INPUT, INV_PANIC};
use crate::ffi::{
    allocation_from_c, call, charge_kind_from_c, check_out, discount_from_c, free_box, guard,
    opt_ref_from_ptr, opt_value, order_status_to_c, to_boxed_mut_ptr, to_c_string, try_decimal,
    try_mut_from_ptr, try_opt_decimal, try_opt_str, try_ref_from_ptr, try_slice, try_str,
    write_out, Castable, Failure, FfiResult,
};
use crate::ledger::inv_ledger;
use crate::{inv_allocation, inv_charge_kind, inv_discount, inv_order_status};

// ---------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------

/// A supplier being described (opaque builder): payment terms and one item per SKU it
/// sells, each with its price breaks. Create with `inv_supplier_new`, fill with
/// `inv_supplier_add_item` and `inv_supplier_add_price_break`, post with
/// `inv_ledger_set_supplier`, release with `inv_supplier_free`.
pub struct inv_supplier {
    _private: [u8; 0],
}

impl Castable for inv_supplier {
    type RustType = Supplier;
}

/// The lines of a new purchase order (opaque builder), for `inv_ledger_create_order`.
/// Create with `inv_order_lines_new`, fill with `inv_order_lines_add`, release with
/// `inv_order_lines_free`.
pub struct inv_order_lines {
    _private: [u8; 0],
}

impl Castable for inv_order_lines {
    type RustType = Vec<NewLine>;
}

/// Changes to order lines (opaque builder), for `inv_ledger_confirm_order`. Create with
/// `inv_line_changes_new`, fill with `inv_line_changes_add`, release with
/// `inv_line_changes_free`.
pub struct inv_line_changes {
    _private: [u8; 0],
}

impl Castable for inv_line_changes {
    type RustType = Vec<LineChange>;
}

/// What arrived of each order line, by condition (opaque builder), for
/// `inv_ledger_receive_order`. Create with `inv_receipt_lines_new`, fill with
/// `inv_receipt_lines_add`, release with `inv_receipt_lines_free`.
pub struct inv_receipt_lines {
    _private: [u8; 0],
}

impl Castable for inv_receipt_lines {
    type RustType = Vec<ReceiptLine>;
}

/// Creates a supplier without items into `*out`: `id` and display `name`, payment terms of
/// `net_days`, and with `discount_percent` (nullable decimal, percent) an early-payment
/// discount for paying within `discount_days` (which must be 0 when `discount_percent` is
/// NULL): "2/10 net 30" is `("2", 10)` and 30 net days.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`,
/// `INV_INVALID_INPUT` (discount days without a percent). The terms are checked when the
/// supplier is posted.
///
/// # Safety
/// Strings NULL or NUL-terminated; `out` NULL or a writable `inv_supplier *`.
#[no_mangle]
pub unsafe extern "C" fn inv_supplier_new(
    id: *const c_char,
    name: *const c_char,
    net_days: u32,
    discount_percent: *const c_char,
    discount_days: u32,
    out: *mut *mut inv_supplier,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (id, name, percent) = unsafe {
            (
                try_str(id, "id")?,
                try_str(name, "name")?,
                try_opt_decimal(discount_percent, "discount_percent")?,
            )
        };
        check_out(out, "out")?;
        let terms = PaymentTerms::from_parts(net_days, percent, discount_days)
            .map_err(inventory_core::Error::from)?;
        let supplier = Supplier::new(id, name, terms);
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_supplier>(supplier)) };
        Ok(())
    })
}

/// Adds what the supplier sells of `sku`: its own item code `supplier_sku` (nullable), how
/// price breaks apply (`kind`), the minimum order quantity (nullable decimal: none), the
/// pack size lines must be multiples of (nullable decimal: any quantity), the quoted lead
/// time in days (mean and standard deviation), and whether this supplier is the SKU's
/// preferred one. The item starts without price breaks: add at least one with
/// `inv_supplier_add_price_break`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`,
/// `INV_INVALID_ENUM`. The item is checked when the supplier is posted (a SKU added twice
/// is `INV_DUPLICATE_ID` then).
///
/// # Safety
/// `supplier` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_supplier_add_item(
    supplier: *mut inv_supplier,
    sku: *const c_char,
    supplier_sku: *const c_char,
    kind: inv_discount,
    min_order_quantity: *const c_char,
    pack_size: *const c_char,
    lead_time_days: f64,
    lead_time_std_days: f64,
    preferred: bool,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (s, sku, supplier_sku, min_order_quantity, pack_size) = unsafe {
            (
                try_mut_from_ptr(supplier, "supplier")?,
                try_str(sku, "sku")?,
                try_opt_str(supplier_sku, "supplier_sku")?,
                try_opt_decimal(min_order_quantity, "min_order_quantity")?,
                try_opt_decimal(pack_size, "pack_size")?,
            )
        };
        s.items.push(SupplierItem {
            sku: sku.to_owned(),
            supplier_sku: supplier_sku.map(str::to_owned),
            discount: discount_from_c(kind, "kind")?,
            prices: Vec::new(),
            // The core's own default for an item without a minimum.
            min_order_quantity: min_order_quantity.unwrap_or(Decimal::ZERO),
            pack_size,
            lead_time: LeadTimeQuote {
                mean_days: lead_time_days,
                std_days: lead_time_std_days,
            },
            preferred,
        });
        Ok(())
    })
}

/// Appends a price break to the supplier's item of `sku` (the one added last, if it was
/// added more than once): from `min_quantity` units on, `unit_price` per unit. Breaks are
/// given in increasing quantity; the first usually starts at `"0"`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`,
/// `INV_INVALID_INPUT` (no item of `sku` was added to this builder).
///
/// # Safety
/// `supplier` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_supplier_add_price_break(
    supplier: *mut inv_supplier,
    sku: *const c_char,
    min_quantity: *const c_char,
    unit_price: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (s, sku, min_quantity, unit_price) = unsafe {
            (
                try_mut_from_ptr(supplier, "supplier")?,
                try_str(sku, "sku")?,
                try_decimal(min_quantity, "min_quantity")?,
                try_decimal(unit_price, "unit_price")?,
            )
        };
        let id = s.id.clone();
        let item = s
            .items
            .iter_mut()
            .rev()
            .find(|i| i.sku == sku)
            .ok_or_else(|| {
                Failure::new(
                    INV_INVALID_INPUT,
                    format!(
                        "supplier {id:?} has no item for SKU {sku:?} in this builder: add it with \
                         inv_supplier_add_item first"
                    ),
                )
            })?;
        item.prices.push(PriceBreak::new(min_quantity, unit_price));
        Ok(())
    })
}

/// Releases a supplier builder. NULL is a no-op.
///
/// # Safety
/// `supplier` NULL or a live builder, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_supplier_free(supplier: *mut inv_supplier) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(supplier) })
}

/// Creates an empty list of new order lines into `*out`.
///
/// # Safety
/// `out` NULL or a writable `inv_order_lines *`.
#[no_mangle]
pub unsafe extern "C" fn inv_order_lines_new(out: *mut *mut inv_order_lines) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_order_lines>(Vec::new())) };
        Ok(())
    })
}

/// Adds line `line_number` (the host's number, unique within the order): `quantity` units
/// of `sku` to be delivered to `location`, expected at `expected`, at `unit_price`
/// (nullable decimal: NULL takes the supplier's price for the quantity).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `lines` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_order_lines_add(
    lines: *mut inv_order_lines,
    line_number: u32,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    unit_price: *const c_char,
    expected: i64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (v, line) = unsafe {
            (
                try_mut_from_ptr(lines, "lines")?,
                new_line(line_number, sku, location, quantity, unit_price, expected)?,
            )
        };
        v.push(line);
        Ok(())
    })
}

/// A core new line from its C arguments.
///
/// # Safety
/// Strings NULL or NUL-terminated.
unsafe fn new_line(
    line_number: u32,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    unit_price: *const c_char,
    expected: i64,
) -> FfiResult<NewLine> {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    unsafe {
        Ok(NewLine {
            line: line_number,
            sku: try_str(sku, "sku")?.to_owned(),
            location: try_str(location, "location")?.to_owned(),
            quantity: try_decimal(quantity, "quantity")?,
            unit_price: try_opt_decimal(unit_price, "unit_price")?,
            expected,
        })
    }
}

/// Releases a list of new order lines. NULL is a no-op.
///
/// # Safety
/// `lines` NULL or a live builder, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_order_lines_free(lines: *mut inv_order_lines) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(lines) })
}

/// Creates an empty list of line changes into `*out`.
///
/// # Safety
/// `out` NULL or a writable `inv_line_changes *`.
#[no_mangle]
pub unsafe extern "C" fn inv_line_changes_new(out: *mut *mut inv_line_changes) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_line_changes>(Vec::new())) };
        Ok(())
    })
}

/// A core line change from its C arguments.
///
/// # Safety
/// Strings NULL or NUL-terminated; `expected` NULL or readable.
unsafe fn line_change(
    line_number: u32,
    quantity: *const c_char,
    expected: *const i64,
    unit_price: *const c_char,
) -> FfiResult<LineChange> {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    unsafe {
        Ok(LineChange {
            line: line_number,
            quantity: try_opt_decimal(quantity, "quantity")?,
            expected: opt_value(expected),
            unit_price: try_opt_decimal(unit_price, "unit_price")?,
        })
    }
}

/// Adds a change to line `line_number`: a new `quantity` (nullable decimal), a new
/// `*expected` time (nullable pointer), a new `unit_price` (nullable decimal; a
/// supplier's confirmation does not change prices and is refused with one). NULL leaves
/// that field as it is.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `changes` NULL or a live builder; strings NULL or NUL-terminated; `expected` NULL or a
/// readable `int64_t`.
#[no_mangle]
pub unsafe extern "C" fn inv_line_changes_add(
    changes: *mut inv_line_changes,
    line_number: u32,
    quantity: *const c_char,
    expected: *const i64,
    unit_price: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (v, change) = unsafe {
            (
                try_mut_from_ptr(changes, "changes")?,
                line_change(line_number, quantity, expected, unit_price)?,
            )
        };
        v.push(change);
        Ok(())
    })
}

/// Releases a list of line changes. NULL is a no-op.
///
/// # Safety
/// `changes` NULL or a live builder, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_line_changes_free(changes: *mut inv_line_changes) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(changes) })
}

/// Creates an empty list of receipt lines into `*out`.
///
/// # Safety
/// `out` NULL or a writable `inv_receipt_lines *`.
#[no_mangle]
pub unsafe extern "C" fn inv_receipt_lines_new(out: *mut *mut inv_receipt_lines) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_receipt_lines>(Vec::new())) };
        Ok(())
    })
}

/// Adds what arrived of line `line_number`, counted by condition at the dock: `sellable`
/// units, `damaged` and `quarantine` units (nullable decimals: NULL is 0), invoiced at
/// `unit_price` (nullable decimal: NULL is the line's price).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `lines` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_receipt_lines_add(
    lines: *mut inv_receipt_lines,
    line_number: u32,
    sellable: *const c_char,
    damaged: *const c_char,
    quarantine: *const c_char,
    unit_price: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (v, sellable, damaged, quarantine, unit_price) = unsafe {
            (
                try_mut_from_ptr(lines, "lines")?,
                try_decimal(sellable, "sellable")?,
                try_opt_decimal(damaged, "damaged")?,
                try_opt_decimal(quarantine, "quarantine")?,
                try_opt_decimal(unit_price, "unit_price")?,
            )
        };
        v.push(ReceiptLine {
            line: line_number,
            sellable,
            // The core's own default for a condition without units.
            damaged: damaged.unwrap_or(Decimal::ZERO),
            quarantine: quarantine.unwrap_or(Decimal::ZERO),
            unit_price,
        });
        Ok(())
    })
}

/// Releases a list of receipt lines. NULL is a no-op.
///
/// # Safety
/// `lines` NULL or a live builder, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_receipt_lines_free(lines: *mut inv_receipt_lines) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(lines) })
}

// ---------------------------------------------------------------------------------------
// Posting
// ---------------------------------------------------------------------------------------

/// What posting a purchasing event did.
///
/// The stock movements it posted (a receipt's receive movements, one per line and
/// condition, each followed on a dropship order by the shipment to the customer; a
/// charge's landed costs, one per receipt line and condition) are journal entries
/// `first_movement .. first_movement + movements`; read each one's `inv_outcome` with
/// `inv_ledger_journal_outcome`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_purchase_outcome {
    /// The event's sequence number in the journal of purchasing events (0-based).
    pub sequence: u64,
    /// How many stock movements it posted (0 for events that post none).
    pub movements: usize,
    /// The journal sequence number of the first of them; 0 when `movements` is 0.
    pub first_movement: u64,
    /// Whether `status` is set (false for `inv_ledger_set_supplier`).
    pub has_status: bool,
    /// The order's status after the event (`INV_ORDER_STATUS_*`); 0 when `has_status` is
    /// false.
    pub status: inv_order_status,
    /// True when the reference was already posted with the same event: nothing was applied
    /// and the first outcome is returned.
    pub duplicate: bool,
}

impl From<&PurchaseOutcome> for inv_purchase_outcome {
    fn from(o: &PurchaseOutcome) -> Self {
        inv_purchase_outcome {
            sequence: o.sequence,
            movements: o.movements.len(),
            first_movement: o.movements.first().map_or(0, |m| m.sequence),
            has_status: o.status.is_some(),
            status: o.status.map_or(0, order_status_to_c),
            duplicate: o.duplicate,
        }
    }
}

/// Posts one purchasing event of `kind` and writes its outcome to `out` (nullable).
///
/// # Safety
/// `ledger` NULL or a live handle; `reference` NULL or NUL-terminated; `out` NULL or
/// writable.
unsafe fn post_event(
    ledger: *mut inv_ledger,
    kind: impl FnOnce() -> FfiResult<PurchaseEventKind>,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> FfiResult<()> {
    // SAFETY: forwarded contract.
    let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
    let kind = kind()?;
    // SAFETY: forwarded contract.
    let reference = unsafe { try_opt_str(reference, "reference") }?;
    let event = PurchaseEvent {
        time,
        reference: reference.map(str::to_owned),
        kind,
    };
    let outcome = l.purchase(event)?;
    // SAFETY: `out` is NULL or writable by the contract.
    unsafe { write_out(out, inv_purchase_outcome::from(&outcome)) };
    Ok(())
}

/// Creates a supplier, or replaces its name, terms and catalogue (orders keep the prices
/// of their lines and, once placed, their terms), from the builder `supplier` (copied; the
/// caller still frees it).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_INPUT` (an empty id or name, a discount not in
/// [0, 100) or longer than the net days, an item without price breaks or with breaks that
/// do not increase, a negative price, a lead time that is not finite and ≥ 0, ...),
/// `INV_DUPLICATE_ID` (a SKU twice), `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; `supplier` NULL or a live builder; `reference` NULL or
/// NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_set_supplier(
    ledger: *mut inv_ledger,
    supplier: *const inv_supplier,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::SetSupplier {
                    supplier: try_ref_from_ptr(supplier, "supplier")?.clone(),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Creates draft purchase order `order` from `supplier` with the builder's `lines` (at
/// least one; copied). A draft is not incoming until it is placed.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_UNKNOWN_SUPPLIER` (also a SKU the supplier does not
/// sell), `INV_DUPLICATE_ID` (the order id, a line number twice), `INV_INVALID_INPUT` (no
/// lines, a quantity ≤ 0, below the minimum order quantity or not a multiple of the pack
/// size, no price for the quantity, ...), `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; `lines` NULL or a live builder; strings NULL or
/// NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_create_order(
    ledger: *mut inv_ledger,
    order: *const c_char,
    supplier: *const c_char,
    lines: *const inv_order_lines,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::CreateOrder {
                    order: try_str(order, "order")?.to_owned(),
                    supplier: try_str(supplier, "supplier")?.to_owned(),
                    lines: try_ref_from_ptr(lines, "lines")?.clone(),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Adds line `line_number` to an order that is not finished: `quantity` units of `sku` to
/// `location`, expected at `expected`, at `unit_price` (nullable decimal: the supplier's
/// price for the quantity). On a placed order the line is incoming at once.
///
/// Errors: as `inv_ledger_create_order`, and `INV_UNKNOWN_ORDER`,
/// `INV_INVALID_ORDER_STATE`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_add_order_line(
    ledger: *mut inv_ledger,
    order: *const c_char,
    line_number: u32,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    unit_price: *const c_char,
    expected: i64,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::AddLine {
                    order: try_str(order, "order")?.to_owned(),
                    line: new_line(line_number, sku, location, quantity, unit_price, expected)?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// The buyer changes one line of an order (one change per call, like the core's event):
/// a new `quantity` (nullable decimal; not 0: cancel the line instead), a new `*expected`
/// time (nullable pointer), a new `unit_price` (nullable decimal). NULL leaves that field
/// as it is. A new quantity also moves the base of the supplier's fill rate.
///
/// Errors: `INV_UNKNOWN_ORDER`, `INV_UNKNOWN_ORDER_LINE`, `INV_INVALID_ORDER_STATE` (a
/// finished order, a quantity below what was received), `INV_INVALID_INPUT`,
/// `INV_INVALID_DECIMAL`, `INV_NULL_ARGUMENT`, `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `expected` NULL or a
/// readable `int64_t`; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_amend_order_line(
    ledger: *mut inv_ledger,
    order: *const c_char,
    line_number: u32,
    quantity: *const c_char,
    expected: *const i64,
    unit_price: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::AmendLine {
                    order: try_str(order, "order")?.to_owned(),
                    change: line_change(line_number, quantity, expected, unit_price)?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Sends a draft order to the supplier: its lines become incoming.
///
/// Errors: `INV_UNKNOWN_ORDER`, `INV_INVALID_ORDER_STATE` (not a draft), `INV_OUT_OF_ORDER`,
/// `INV_NULL_ARGUMENT`, `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_place_order(
    ledger: *mut inv_ledger,
    order: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::PlaceOrder {
                    order: try_str(order, "order")?.to_owned(),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// The supplier confirms a placed order, with the builder's `changes` (nullable: none;
/// copied) to quantities and expected times (not prices).
///
/// Errors: `INV_UNKNOWN_ORDER`, `INV_UNKNOWN_ORDER_LINE`, `INV_INVALID_ORDER_STATE`,
/// `INV_INVALID_INPUT` (a price change, a line changed twice), `INV_NULL_ARGUMENT`,
/// `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; `changes` NULL or a live builder; strings NULL or
/// NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_confirm_order(
    ledger: *mut inv_ledger,
    order: *const c_char,
    changes: *const inv_line_changes,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::ConfirmOrder {
                    order: try_str(order, "order")?.to_owned(),
                    changes: opt_ref_from_ptr(changes).cloned().unwrap_or_default(),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Receives goods against a placed order as receipt `receipt` (a new id): each of the
/// builder's `lines` (copied) is received into stock by condition at the invoiced price,
/// one receive movement per line and condition with units. On a dropship order (see
/// `inv_ledger_dropship`) this is the supplier's delivery to the customer: sellable units
/// only, each line's receive movement followed at once by a shipment of the same units out
/// of the sale's (empty) position, whose COGS is the invoiced value.
///
/// Errors: `INV_UNKNOWN_ORDER`, `INV_UNKNOWN_ORDER_LINE`, `INV_DUPLICATE_ID` (the receipt
/// id), `INV_INVALID_ORDER_STATE` (a draft, a finished order or a closed line),
/// `INV_OVER_RECEIPT` (beyond the ledger's over-receipt policy), `INV_INVALID_INPUT` (no
/// lines, a line without units or twice, damaged or quarantined units on a dropship order,
/// ...), `INV_INVALID_STATE` (a dropship delivery through a position that holds stock),
/// `INV_OUT_OF_ORDER`, `INV_NULL_ARGUMENT`, `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; `lines` NULL or a live builder; strings NULL or
/// NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_receive_order(
    ledger: *mut inv_ledger,
    order: *const c_char,
    receipt: *const c_char,
    lines: *const inv_receipt_lines,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::ReceiveOrder {
                    order: try_str(order, "order")?.to_owned(),
                    receipt: try_str(receipt, "receipt")?.to_owned(),
                    lines: try_ref_from_ptr(lines, "lines")?.clone(),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Cancels the open remainder of line `*line` (nullable pointer: of every line): the buyer
/// no longer wants it.
///
/// Errors: `INV_UNKNOWN_ORDER`, `INV_UNKNOWN_ORDER_LINE`, `INV_INVALID_ORDER_STATE`,
/// `INV_OUT_OF_ORDER`, `INV_NULL_ARGUMENT`, `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `line` NULL or a
/// readable `uint32_t`; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_cancel_order(
    ledger: *mut inv_ledger,
    order: *const c_char,
    line: *const u32,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::CancelOrder {
                    order: try_str(order, "order")?.to_owned(),
                    line: opt_value(line),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Closes the open remainder of line `*line` (nullable pointer: of every line) short: the
/// supplier will not deliver it (unlike a cancellation, this counts against the
/// supplier's fill rate).
///
/// Errors: as `inv_ledger_cancel_order`.
///
/// # Safety
/// As `inv_ledger_cancel_order`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_close_order_short(
    ledger: *mut inv_ledger,
    order: *const c_char,
    line: *const u32,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::CloseShort {
                    order: try_str(order, "order")?.to_owned(),
                    line: opt_value(line),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Adds landed-cost charge `charge_id` (a new id) of `kind` and `amount` (> 0, in the
/// money scale) to goods already received against the order: the receipts
/// `receipts[0 .. receipt_count]` (receipt ids; `receipt_count` 0: every receipt of the
/// order so far), split over their received lines by `allocation`. With
/// `INV_ALLOCATION_BY_WEIGHT`, `weight_lines[i]` weighs `weights[i]` (a decimal per unit)
/// for `i < weight_count` (lines not listed weigh nothing); other allocations take no
/// weights (`weight_count` 0, else `INV_INVALID_INPUT`). Each part is one landed-cost
/// movement: the share of units still on hand raises their value, the share of units
/// already gone is a COGS true-up.
///
/// Errors: `INV_UNKNOWN_ORDER`, `INV_UNKNOWN_RECEIPT`, `INV_DUPLICATE_ID` (the charge id),
/// `INV_INVALID_ORDER_STATE` (nothing received yet), `INV_INVALID_INPUT`,
/// `INV_INVALID_ENUM`, `INV_INVALID_DECIMAL`, `INV_NULL_ARGUMENT` (also a NULL array with
/// a count above 0, or a NULL entry), `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `receipts` NULL or
/// `receipt_count` readable string pointers; `weight_lines` and `weights` NULL or
/// `weight_count` readable entries each; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_add_charge(
    ledger: *mut inv_ledger,
    order: *const c_char,
    charge_id: *const c_char,
    kind: inv_charge_kind,
    amount: *const c_char,
    receipts: *const *const c_char,
    receipt_count: usize,
    allocation: inv_allocation,
    weight_lines: *const u32,
    weights: *const *const c_char,
    weight_count: usize,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                let receipts = try_slice(receipts, receipt_count, "receipts")?
                    .iter()
                    .enumerate()
                    .map(|(i, &r)| try_str(r, &format!("receipts[{i}]")).map(str::to_owned))
                    .collect::<FfiResult<Vec<_>>>()?;
                let lines = try_slice(weight_lines, weight_count, "weight_lines")?;
                let weights = try_slice(weights, weight_count, "weights")?;
                let weights = lines
                    .iter()
                    .zip(weights)
                    .enumerate()
                    .map(|(i, (&line, &w))| Ok((line, try_decimal(w, &format!("weights[{i}]"))?)))
                    .collect::<FfiResult<Vec<_>>>()?;
                Ok(PurchaseEventKind::AddCharge {
                    order: try_str(order, "order")?.to_owned(),
                    charge: Charge {
                        id: try_str(charge_id, "charge_id")?.to_owned(),
                        kind: charge_kind_from_c(kind, "kind")?,
                        amount: try_decimal(amount, "amount")?,
                        receipts,
                        allocation: allocation_from_c(allocation, weights, "allocation")?,
                    },
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Records payment `payment` (a new id) of `amount` (> 0, in the money scale) to the
/// supplier against a placed order; it settles the order's committed items (see
/// `inv_ledger_payment_schedule`).
///
/// Errors: `INV_UNKNOWN_ORDER`, `INV_DUPLICATE_ID` (the payment id),
/// `INV_INVALID_ORDER_STATE` (a draft), `INV_INVALID_INPUT`, `INV_INVALID_DECIMAL`,
/// `INV_NULL_ARGUMENT`, `INV_DUPLICATE_REFERENCE`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_record_payment(
    ledger: *mut inv_ledger,
    order: *const c_char,
    payment: *const c_char,
    amount: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::RecordPayment {
                    order: try_str(order, "order")?.to_owned(),
                    payment: try_str(payment, "payment")?.to_owned(),
                    amount: try_decimal(amount, "amount")?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// A customer bought a dropshipped SKU: creates and places order `order` (a new id) of
/// one line, number 1, for the supplier's direct delivery of `quantity` units (decimal
/// text, > 0) of `sku` to the customer, booked at `location` (a location that is never
/// stocked, such as `"DROPSHIP"`: the delivery passes through its empty position).
///
/// `supplier` (nullable): NULL buys from the SKU's preferred supplier (else the first that
/// sells it, as `inv_ledger_suppliers_of` lists them). `unit_price` (nullable decimal):
/// NULL takes the supplier's price for the quantity. `*expected` (nullable pointer): the
/// delivery time; NULL is `time` plus the supplier's quoted mean lead time (rounded to the
/// second). `customer_order` (nullable): the customer's order id (the host's), kept on the
/// order (`inv_purchase_order_info.customer_order`). The supplier's minimum order quantity
/// and pack size are terms of stock orders and do not apply.
///
/// The order's open units are **not incoming stock** (not in `inv_position.incoming`,
/// `inv_ledger_incoming` or a plan's positions); they are in the overdue lines and the
/// payment schedule like any order's. Receive the supplier's delivery with
/// `inv_ledger_receive_order` (sellable units only): each receipt line posts a receive at
/// the invoiced price and at once a shipment of the same units, so the sale's COGS is the
/// supplier's price × units under every costing method. The customer cancelling before
/// delivery is `inv_ledger_cancel_order`.
///
/// Errors: `INV_UNKNOWN_SUPPLIER` (an unknown supplier, one that does not sell the SKU, or
/// no supplier sells it), `INV_DUPLICATE_ID` (the order id), `INV_INVALID_INPUT` (an empty
/// id, SKU, location or customer order, a quantity ≤ 0, a negative price, an expected time
/// out of range, ...), `INV_INVALID_DECIMAL`, `INV_INVALID_UTF8`, `INV_NULL_ARGUMENT`,
/// `INV_DUPLICATE_REFERENCE`. The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `expected` NULL or a
/// readable `int64_t`; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_dropship(
    ledger: *mut inv_ledger,
    order: *const c_char,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    supplier: *const c_char,
    unit_price: *const c_char,
    expected: *const i64,
    customer_order: *const c_char,
    reference: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post_event(
            ledger,
            || {
                Ok(PurchaseEventKind::Dropship {
                    order: try_str(order, "order")?.to_owned(),
                    sale: DropshipSale {
                        sku: try_str(sku, "sku")?.to_owned(),
                        location: try_str(location, "location")?.to_owned(),
                        quantity: try_decimal(quantity, "quantity")?,
                        supplier: try_opt_str(supplier, "supplier")?.map(str::to_owned),
                        unit_price: try_opt_decimal(unit_price, "unit_price")?,
                        expected: opt_value(expected),
                        customer_order: try_opt_str(customer_order, "customer_order")?
                            .map(str::to_owned),
                    },
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Posts one purchasing event given as the core's `PurchaseEvent` JSON: an object with
/// `"time"` (seconds since the epoch), an optional `"reference"`, `"event"` (the kind:
/// `"set_supplier"`, `"create_order"`, `"add_line"`, `"amend_line"`, `"place_order"`,
/// `"confirm_order"`, `"receive_order"`, `"cancel_order"`, `"close_short"`, `"add_charge"`,
/// `"record_payment"`, `"dropship"`) and that kind's fields, decimals as strings; the same
/// text `inv_ledger_purchase_records_json` lists. For example
/// `{"time":0,"event":"place_order","order":"PO-1"}`, or
/// `{"time":0,"event":"dropship","order":"DS-1","sale":{"sku":"RUG","location":"DROPSHIP","quantity":"2"}}`.
///
/// Errors: `INV_INVALID_INPUT` (malformed JSON or not an event), and those of the event's
/// posting function.
///
/// # Safety
/// `ledger` NULL or a live handle; `event_json` NULL or NUL-terminated; `out` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_purchase_json(
    ledger: *mut inv_ledger,
    event_json: *const c_char,
    out: *mut inv_purchase_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        let json = unsafe { try_str(event_json, "event_json") }?;
        let event: PurchaseEvent = serde_json::from_str(json).map_err(|e| {
            Failure::new(
                INV_INVALID_INPUT,
                format!("argument event_json is not a purchasing event: {e}"),
            )
        })?;
        let outcome = l.purchase(event)?;
        // SAFETY: `out` is NULL or writable by the contract.
        unsafe { write_out(out, inv_purchase_outcome::from(&outcome)) };
        Ok(())
    })
}

/// Writes the journal of purchasing events as a JSON array to `*out` (release it with
/// `inv_string_free`): per event its `"sequence"`, `"first_movement"` and `"movements"`
/// (the stock journal entries it posted) and the event's own fields, as
/// `inv_ledger_purchase_json` reads them.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_purchase_records_json(
    ledger: *const inv_ledger,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let json = serde_json::to_string(&l.purchase_records())
            .map_err(|e| Failure::new(INV_PANIC, format!("serializing: {e}")))?;
        let s = to_c_string(json, "the purchase records")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, s.into_raw()) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_without_movements_or_status() {
        let o = PurchaseOutcome {
            sequence: 3,
            movements: Vec::new(),
            status: None,
            duplicate: false,
        };
        let c = inv_purchase_outcome::from(&o);
        assert_eq!((c.sequence, c.movements, c.first_movement), (3, 0, 0));
        assert!(!c.has_status);
    }

    #[test]
    fn unused_optional_pointers_are_not_read() {
        // SAFETY: NULL pointers are the documented "absent" values.
        let c = unsafe { line_change(7, std::ptr::null(), std::ptr::null(), std::ptr::null()) }
            .unwrap();
        assert_eq!(c, LineChange::new(7));
    }
}
