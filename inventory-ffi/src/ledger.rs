//! The ledger handle: construction, configuration, movements, snapshots.

// The C signatures mirror the core's movement fields one to one.
#![allow(clippy::too_many_arguments)]

use std::ffi::{c_char, CString};

use inventory_core::{
    AdjustReason, Condition, Ledger, LedgerConfig, Movement, MovementKind, Outcome,
};

use crate::error::{inv_result, INV_INDEX_OUT_OF_RANGE};
use crate::ffi::{
    call, check_out, condition_from_c, costing_from_c, costing_to_c, decimal_field, free_box,
    guard, over_receipt_from_c, over_receipt_to_c, parse_core, to_boxed_mut_ptr, to_c_string,
    try_decimal, try_mut_from_ptr, try_opt_decimal, try_opt_str, try_ref_from_ptr, try_str,
    write_out, Castable, Failure, FfiResult,
};
use crate::{
    inv_condition, inv_costing, inv_over_receipt, INV_DECIMAL_LEN, INV_OVER_RECEIPT_TOLERANCE,
};

/// An inventory ledger (opaque). Create with `inv_ledger_new`,
/// `inv_ledger_new_with_config` or `inv_ledger_from_json` (in memory), or open a durable one
/// with `inv_ledger_open`; release with `inv_ledger_free`.
///
/// A ledger is not internally synchronized: use it from one thread at a time, or share it
/// between threads only through the functions taking a `const inv_ledger *`. Every posting
/// is atomic: it applies completely or fails and changes nothing.
pub struct inv_ledger {
    _private: [u8; 0],
}

impl Castable for inv_ledger {
    type RustType = Ledger;
}

/// How a new ledger costs, rounds, treats negative stock and receives against purchase
/// orders.
///
/// Start from `inv_ledger_config_default()` and set the fields you use. Later versions add
/// fields at the end (as `over_receipt` and `over_receipt_tolerance` were added), which
/// changes the struct's size: before 1.0 the header and the library go together, so a
/// program must be linked against the library version of the header it was compiled with
/// (compare `inv_version()` with `INV_VERSION_STRING` when loading it dynamically).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_ledger_config {
    /// The costing method of every SKU without an override (`INV_COSTING_*`). Default FIFO.
    pub costing: inv_costing,
    /// Allow sellable stock to go negative (backorders). Default false.
    pub allow_negative: bool,
    /// Decimal places that partial-layer issue values are rounded to. Default 2; at most 12.
    pub money_scale: u32,
    /// What a receipt against a purchase order may bring beyond a line's quantity
    /// (`INV_OVER_RECEIPT_*`). Default `INV_OVER_RECEIPT_REFUSE`. Fixed for the ledger's life.
    pub over_receipt: inv_over_receipt,
    /// With `INV_OVER_RECEIPT_TOLERANCE`, how many percent beyond a line's quantity may
    /// arrive, as a decimal string (`"10"` = 10 %); NULL means 0. Only read during
    /// `inv_ledger_new_with_config`, and only with that policy. Default NULL.
    pub over_receipt_tolerance: *const c_char,
}

/// What posting a movement did. Decimal fields are NUL-terminated decimal text.
///
/// `quantity` and `value` are the signed changes of the ledger's total units and total
/// value; `cogs` is the cost of goods sold booked; `moved_value` the (non-negative) value of
/// the units moved.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_outcome {
    /// The movement's position in the journal (0-based).
    pub sequence: u64,
    /// Signed change of physical units (all conditions, all locations).
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// Signed change of inventory value.
    pub value: [c_char; INV_DECIMAL_LEN],
    /// Cost of goods sold booked by this movement.
    pub cogs: [c_char; INV_DECIMAL_LEN],
    /// Value of the units this movement moved.
    pub moved_value: [c_char; INV_DECIMAL_LEN],
    /// True for a cycle count: `adjustment` holds the implied adjustment.
    pub has_adjustment: bool,
    /// For a cycle count, counted − recorded; otherwise an empty string.
    pub adjustment: [c_char; INV_DECIMAL_LEN],
    /// True when the reference was already posted with the same movement: nothing was
    /// applied and the first outcome is returned.
    pub duplicate: bool,
}

impl From<&Outcome> for inv_outcome {
    fn from(o: &Outcome) -> Self {
        inv_outcome {
            sequence: o.sequence,
            quantity: decimal_field(o.quantity),
            value: decimal_field(o.value),
            cogs: decimal_field(o.cogs),
            moved_value: decimal_field(o.moved_value),
            has_adjustment: o.adjustment.is_some(),
            adjustment: o
                .adjustment
                .map_or([0 as c_char; INV_DECIMAL_LEN], decimal_field),
            duplicate: o.duplicate,
        }
    }
}

/// The default configuration: FIFO, no negative stock, money rounded to 2 places,
/// over-receipts refused.
#[no_mangle]
pub extern "C" fn inv_ledger_config_default() -> inv_ledger_config {
    let d = LedgerConfig::default();
    inv_ledger_config {
        costing: costing_to_c(d.costing),
        allow_negative: d.allow_negative,
        money_scale: d.money_scale,
        over_receipt: over_receipt_to_c(&d.over_receipt),
        // The core's default policy carries no tolerance.
        over_receipt_tolerance: std::ptr::null(),
    }
}

/// Converts a C configuration (argument `name`, for messages) to the core's; the core
/// checks it when a ledger is made with it.
///
/// # Safety
/// `c.over_receipt_tolerance` NULL or NUL-terminated.
pub(crate) unsafe fn config_from_c(c: &inv_ledger_config, name: &str) -> FfiResult<LedgerConfig> {
    let tolerance = if c.over_receipt == INV_OVER_RECEIPT_TOLERANCE {
        let field = format!("{name}.over_receipt_tolerance");
        // SAFETY: forwarded contract.
        unsafe { try_opt_decimal(c.over_receipt_tolerance, &field) }?
    } else {
        None
    };
    Ok(LedgerConfig::new()
        .costing(costing_from_c(c.costing, &format!("{name}.costing"))?)
        .allow_negative(c.allow_negative)
        .money_scale(c.money_scale)
        .over_receipt(over_receipt_from_c(
            c.over_receipt,
            tolerance,
            &format!("{name}.over_receipt"),
        )?))
}

/// Creates an empty ledger with the default configuration into `*out`.
///
/// # Safety
/// `out` must be NULL or point to a writable `inv_ledger *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_new(out: *mut *mut inv_ledger) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_ledger>(Ledger::new())) };
        Ok(())
    })
}

/// Creates an empty ledger with `*config` into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_ENUM` (costing, over-receipt policy),
/// `INV_INVALID_DECIMAL` (tolerance), `INV_INVALID_INPUT` (money scale above 12, a
/// negative tolerance).
///
/// # Safety
/// `config` must be NULL or point to a valid `inv_ledger_config` (its
/// `over_receipt_tolerance` NULL or NUL-terminated); `out` must be NULL or point to a
/// writable `inv_ledger *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_new_with_config(
    config: *const inv_ledger_config,
    out: *mut *mut inv_ledger,
) -> inv_result {
    call(|| {
        // SAFETY: a non-NULL `config` points to a valid struct by the contract.
        let c = unsafe { config.as_ref() }.ok_or_else(|| Failure::null("config"))?;
        check_out(out, "out")?;
        // SAFETY: forwarded contract.
        let cfg = unsafe { config_from_c(c, "config") }?;
        let ledger = Ledger::with_config(cfg)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_ledger>(ledger)) };
        Ok(())
    })
}

/// Releases a ledger. NULL is a no-op. A durable ledger's store is closed (everything was
/// committed already) and its lock released, so the store can be opened again.
///
/// # Safety
/// `ledger` must be NULL or a live ledger handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_free(ledger: *mut inv_ledger) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(ledger) })
}

/// Sets the costing method of one SKU; refused (`INV_INVALID_STATE`) once the SKU has
/// movements.
///
/// # Safety
/// `ledger` must be NULL or a live ledger handle; `sku` NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_set_sku_costing(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    costing: inv_costing,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        let sku = unsafe { try_str(sku, "sku") }?;
        l.set_sku_costing(sku, costing_from_c(costing, "costing")?)?;
        Ok(())
    })
}

/// Posts one movement of `kind` and writes its outcome to `out` (nullable).
///
/// # Safety
/// `ledger` NULL or a live handle; `reference` NULL or NUL-terminated; `out` NULL or writable.
unsafe fn post(
    ledger: *mut inv_ledger,
    kind: impl FnOnce() -> FfiResult<MovementKind>,
    time: i64,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> FfiResult<()> {
    // SAFETY: forwarded contract.
    let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
    let kind = kind()?;
    // SAFETY: forwarded contract.
    let reference = unsafe { try_opt_str(reference, "reference") }?;
    let movement = Movement {
        time,
        reference: reference.map(str::to_owned),
        kind,
    };
    let outcome = l.post(movement)?;
    // SAFETY: `out` is NULL or writable by the contract.
    unsafe { write_out(out, inv_outcome::from(&outcome)) };
    Ok(())
}

/// A receipt's movement kind from its C arguments.
///
/// # Safety
/// Every string NULL or NUL-terminated.
unsafe fn receive_kind(
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    unit_cost: *const c_char,
    condition: FfiResult<Condition>,
    purchase_order: *const c_char,
) -> FfiResult<MovementKind> {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    unsafe {
        Ok(MovementKind::Receive {
            sku: try_str(sku, "sku")?.to_owned(),
            location: try_str(location, "location")?.to_owned(),
            quantity: try_decimal(quantity, "quantity")?,
            unit_cost: try_decimal(unit_cost, "unit_cost")?,
            purchase_order: try_opt_str(purchase_order, "purchase_order")?.map(str::to_owned),
            condition: condition?,
        })
    }
}

/// Receives `quantity` units at `unit_cost` into sellable stock (as
/// `inv_ledger_receive_into` with `INV_CONDITION_SELLABLE`).
///
/// `purchase_order` and `reference` (idempotency key) are optional; `out` may be NULL.
///
/// # Safety
/// `ledger` NULL or a live handle; every string NULL or NUL-terminated; `out` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_receive(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    unit_cost: *const c_char,
    time: i64,
    purchase_order: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                receive_kind(
                    sku,
                    location,
                    quantity,
                    unit_cost,
                    Ok(Condition::Sellable),
                    purchase_order,
                )
            },
            time,
            reference,
            out,
        )
    })
}

/// Receives `quantity` units at `unit_cost` into `condition` stock (damaged or quarantined
/// units found at the dock are counted and valued, never available).
///
/// `purchase_order` (the order the goods belong to, for the record) and `reference`
/// (idempotency key) are optional; `out` may be NULL. To receive against a purchase order
/// the ledger knows, use `inv_ledger_receive_order`.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_receive_into(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    unit_cost: *const c_char,
    condition: inv_condition,
    time: i64,
    purchase_order: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                receive_kind(
                    sku,
                    location,
                    quantity,
                    unit_cost,
                    condition_from_c(condition, "condition"),
                    purchase_order,
                )
            },
            time,
            reference,
            out,
        )
    })
}

/// Charges a landed cost (freight, duty, ...) of `amount` to the receipt of `sku` with
/// journal sequence number `receipt` (the `sequence` of its `inv_outcome`).
///
/// The share of the units of that receipt still on hand raises their value wherever they
/// now are; the share of the units already gone is a COGS true-up (`out->cogs`). The
/// amount must be > 0 with at most the money scale's decimal places.
///
/// Errors: `INV_UNKNOWN_RECEIPT` (`receipt` is not a receipt of `sku`),
/// `INV_INVALID_INPUT`, `INV_INVALID_DECIMAL`, and those of every posting.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_landed_cost(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    receipt: u64,
    amount: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::LandedCost {
                    sku: try_str(sku, "sku")?.to_owned(),
                    receipt,
                    amount: try_decimal(amount, "amount")?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Ships `quantity` units; with a `reservation` (nullable) they come from that reservation.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_ship(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    reservation: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::Ship {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    quantity: try_decimal(quantity, "quantity")?,
                    reservation: try_opt_str(reservation, "reservation")?.map(str::to_owned),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Takes back `quantity` units from a customer into `condition` stock.
///
/// With `shipment` (nullable: the reference of the shipment) they come back at the cost
/// they left with; else at `unit_cost` (nullable decimal); else at the current unit cost.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_customer_return(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    condition: inv_condition,
    shipment: *const c_char,
    unit_cost: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::CustomerReturn {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    quantity: try_decimal(quantity, "quantity")?,
                    condition: condition_from_c(condition, "condition")?,
                    shipment: try_opt_str(shipment, "shipment")?.map(str::to_owned),
                    unit_cost: try_opt_decimal(unit_cost, "unit_cost")?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Sends `quantity` units of `condition` stock back to the supplier (at their cost).
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_return_to_supplier(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    condition: inv_condition,
    purchase_order: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::ReturnToSupplier {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    quantity: try_decimal(quantity, "quantity")?,
                    condition: condition_from_c(condition, "condition")?,
                    purchase_order: try_opt_str(purchase_order, "purchase_order")?
                        .map(str::to_owned),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Moves `quantity` units of `condition` stock from one location to another.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_transfer(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    from_location: *const c_char,
    to_location: *const c_char,
    quantity: *const c_char,
    time: i64,
    condition: inv_condition,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::Transfer {
                    sku: try_str(sku, "sku")?.to_owned(),
                    from: try_str(from_location, "from_location")?.to_owned(),
                    to: try_str(to_location, "to_location")?.to_owned(),
                    quantity: try_decimal(quantity, "quantity")?,
                    condition: condition_from_c(condition, "condition")?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Moves `quantity` units at one location from condition `from` to condition `to`
/// (e.g. quarantine → sellable after inspection).
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_reclassify(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    from: inv_condition,
    to: inv_condition,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::Reclassify {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    quantity: try_decimal(quantity, "quantity")?,
                    from: condition_from_c(from, "from")?,
                    to: condition_from_c(to, "to")?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Adjusts `condition` stock by a signed `quantity` for `reason`.
///
/// `reason` is the core's reason name: `"damage"`, `"shrinkage"`, `"found"`, `"expired"`,
/// `"correction"`, `"cycle_count"`, `"other"`, `"assembly"` or `"disassembly"` (the last two
/// are what kit assembly and disassembly post; anything else: `INV_INVALID_INPUT`).
/// `unit_cost` (nullable decimal) prices added units.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_adjust(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    reason: *const c_char,
    time: i64,
    condition: inv_condition,
    unit_cost: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::Adjust {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    quantity: try_decimal(quantity, "quantity")?,
                    reason: parse_core::<AdjustReason>(try_str(reason, "reason")?)?,
                    condition: condition_from_c(condition, "condition")?,
                    unit_cost: try_opt_decimal(unit_cost, "unit_cost")?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Records a physical count of `condition` stock; the implied adjustment is in
/// `out->adjustment`. `unit_cost` (nullable decimal) prices units found beyond the record.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_cycle_count(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    counted: *const c_char,
    time: i64,
    condition: inv_condition,
    unit_cost: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::CycleCount {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    counted: try_decimal(counted, "counted")?,
                    condition: condition_from_c(condition, "condition")?,
                    unit_cost: try_opt_decimal(unit_cost, "unit_cost")?,
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Reserves `quantity` available units for `reservation` (an order id).
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_reserve(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    reservation: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::Reserve {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    quantity: try_decimal(quantity, "quantity")?,
                    reservation: try_str(reservation, "reservation")?.to_owned(),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Releases `quantity` (nullable decimal: NULL releases all) of `reservation`.
///
/// # Safety
/// As `inv_ledger_receive`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_release(
    ledger: *mut inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    reservation: *const c_char,
    time: i64,
    quantity: *const c_char,
    reference: *const c_char,
    out: *mut inv_outcome,
) -> inv_result {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    call(|| unsafe {
        post(
            ledger,
            || {
                Ok(MovementKind::Release {
                    sku: try_str(sku, "sku")?.to_owned(),
                    location: try_str(location, "location")?.to_owned(),
                    quantity: try_opt_decimal(quantity, "quantity")?,
                    reservation: try_str(reservation, "reservation")?.to_owned(),
                })
            },
            time,
            reference,
            out,
        )
    })
}

/// Writes the ledger's snapshot JSON (canonical: the same ledger always gives the same
/// text) to `*out`; release it with `inv_string_free`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_to_json(
    ledger: *const inv_ledger,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let s = to_c_string(l.to_json(), "the snapshot")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, s.into_raw()) };
        Ok(())
    })
}

/// Reads a snapshot written by `inv_ledger_to_json` into a new ledger at `*out`.
///
/// Errors: `INV_INVALID_SNAPSHOT` for malformed, unsupported or inconsistent snapshots.
///
/// # Safety
/// `json` NULL or NUL-terminated; `out` NULL or a writable `inv_ledger *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_from_json(
    json: *const c_char,
    out: *mut *mut inv_ledger,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let json = unsafe { try_str(json, "json") }?;
        check_out(out, "out")?;
        let ledger = Ledger::from_json(json)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_ledger>(ledger)) };
        Ok(())
    })
}

/// Writes the journal (every applied movement and its outcome, in order) as a JSON array
/// to `*out`; release it with `inv_string_free`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_journal_json(
    ledger: *const inv_ledger,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let json = serde_json::to_string(&l.journal())
            .map_err(|e| Failure::new(crate::error::INV_PANIC, format!("serializing: {e}")))?;
        let s = to_c_string(json, "the journal")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, s.into_raw()) };
        Ok(())
    })
}

/// Releases a string returned by this library. NULL is a no-op.
///
/// # Safety
/// `s` must be NULL or a string returned by this library, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_string_free(s: *mut c_char) {
    guard((), || {
        if !s.is_null() {
            // SAFETY: `s` came from `CString::into_raw` in this library and is freed once.
            drop(unsafe { CString::from_raw(s) });
        }
    })
}

/// The outcome of journal entry `sequence` (0-based) into `*out`, as it was when posted
/// (`duplicate` false). This is how the stock movements of a purchasing event are read:
/// entries `first_movement .. first_movement + movements` of its `inv_purchase_outcome`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE` (`sequence` ≥ `inv_ledger_len`).
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_journal_outcome(
    ledger: *const inv_ledger,
    sequence: u64,
    out: *mut inv_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let entry = usize::try_from(sequence)
            .ok()
            .and_then(|i| l.journal_entry(i))
            .ok_or_else(|| {
                Failure::new(
                    INV_INDEX_OUT_OF_RANGE,
                    format!(
                        "journal sequence {sequence} is out of range (the journal has {} entries)",
                        l.len()
                    ),
                )
            })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_outcome::from(&entry.outcome)) };
        Ok(())
    })
}

/// The number of applied movements (the journal's length); 0 for NULL.
///
/// # Safety
/// `ledger` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_len(ledger: *const inv_ledger) -> usize {
    // SAFETY: forwarded contract.
    guard(0, || {
        unsafe { try_ref_from_ptr(ledger, "ledger") }.map_or(0, Ledger::len)
    })
}
