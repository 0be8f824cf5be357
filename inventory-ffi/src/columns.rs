//! Columnar batches: parallel C arrays → the core's `MovementColumns`.

use std::borrow::Cow;
use std::ffi::c_char;

use inventory_core::{Decimal, MovementColumns};

use crate::error::inv_result;
use crate::ffi::{
    call, parse_decimal, try_mut_from_ptr, try_opt_slice, try_slice, try_str, write_out, Failure,
    FfiResult,
};
use crate::ledger::inv_ledger;

/// Movements as parallel arrays: row `i` is one movement (see the core's `MovementColumns`).
///
/// Required arrays (`kinds`, `skus`, `locations`, `quantities`, `times`) have `len` entries
/// and may be NULL only when `len` is 0; entries of `kinds`, `skus` and `locations` must not
/// be NULL, entries of `quantities` may be (a release of everything). Optional arrays
/// (`unit_costs`, `references`, `to_locations`, `reservations`, `reasons`, `conditions`,
/// `purchase_orders`, `shipments`) are either NULL (absent) or have `len` entries, each of
/// which may be NULL. A row uses the arrays its kind uses (`purchase_orders`: `receive` and `return_to_supplier`;
/// `shipments`: `customer_return`, which then comes back at the cost the named shipment left
/// with); entries on rows of other kinds are ignored.
///
/// Later versions may add fields at the end: zero the whole struct (for example with
/// `memset`) before setting the ones you use, so that optional arrays you do not set are
/// NULL and your code means the same against a newer header. (A program must still be
/// linked against the library version of the header it was compiled with: see the README.)
///
/// Kinds are the core's names (`"receive"`, `"ship"`, `"customer_return"`,
/// `"return_to_supplier"`, `"transfer"`, `"adjust"`, `"cycle_count"`, `"reserve"`,
/// `"release"`), reasons and conditions the core's lowercase names (`"damage"`,
/// `"sellable"`, ...). Decimals are decimal strings. The arrays and strings are only read,
/// and only during the call: the strings are read in place (validated as UTF-8), not copied.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_movement_columns {
    /// Number of rows.
    pub len: usize,
    /// Movement kinds.
    pub kinds: *const *const c_char,
    /// SKUs.
    pub skus: *const *const c_char,
    /// Locations (the source of a transfer).
    pub locations: *const *const c_char,
    /// Quantities as decimal strings (entries may be NULL).
    pub quantities: *const *const c_char,
    /// Times, seconds since the Unix epoch (UTC).
    pub times: *const i64,
    /// Unit costs as decimal strings (optional).
    pub unit_costs: *const *const c_char,
    /// Idempotency references (optional).
    pub references: *const *const c_char,
    /// Transfer destinations (optional).
    pub to_locations: *const *const c_char,
    /// Reservation ids (optional).
    pub reservations: *const *const c_char,
    /// Adjustment reasons (optional).
    pub reasons: *const *const c_char,
    /// Conditions (optional; default sellable).
    pub conditions: *const *const c_char,
    /// Purchase orders of receipts (optional).
    pub purchase_orders: *const *const c_char,
    /// References of the shipments that customer returns give back (optional).
    pub shipments: *const *const c_char,
}

/// Row `i` of a required string column, borrowed (no copy).
///
/// # Safety
/// Each entry is NULL or NUL-terminated, and outlives `'a`.
unsafe fn required<'a>(col: &[*const c_char], i: usize, name: &str) -> FfiResult<&'a str> {
    // SAFETY: forwarded contract.
    unsafe { try_str(col[i], name) }
}

/// Row `i` of a nullable string entry, borrowed.
///
/// # Safety
/// As [`required`].
unsafe fn entry<'a>(col: &[*const c_char], i: usize, name: &str) -> FfiResult<Option<&'a str>> {
    if col[i].is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded contract.
        Ok(Some(unsafe { required(col, i, name) }?))
    }
}

/// Row `i` of an optional column (absent: nothing pushed, the core's empty column).
///
/// # Safety
/// As [`required`].
unsafe fn optional<'a, T>(
    col: Option<&[*const c_char]>,
    i: usize,
    name: &str,
    convert: impl Fn(&'a str) -> FfiResult<T>,
    out: &mut Vec<Option<T>>,
) -> FfiResult<()> {
    if let Some(col) = col {
        // SAFETY: forwarded contract.
        let v = unsafe { entry(col, i, name) }?;
        out.push(v.map(convert).transpose()?);
    }
    Ok(())
}

fn decimal(name: &'static str) -> impl Fn(&str) -> FfiResult<Decimal> {
    move |s| parse_decimal(s, name)
}

/// Converts the C arrays to core columns whose text borrows the C strings (for as long as
/// `c` is borrowed: the call); a failing row is reported with its index.
///
/// # Safety
/// The arrays satisfy the contract documented on `inv_movement_columns`, and outlive the
/// borrow of `c`.
unsafe fn to_core<'a>(c: &'a inv_movement_columns) -> FfiResult<MovementColumns<'a>> {
    let n = c.len;
    // SAFETY (all slices below): the caller guarantees `len` readable entries per non-NULL array.
    let (kinds, skus, locations, quantities, times) = unsafe {
        (
            try_slice(c.kinds, n, "columns.kinds")?,
            try_slice(c.skus, n, "columns.skus")?,
            try_slice(c.locations, n, "columns.locations")?,
            try_slice(c.quantities, n, "columns.quantities")?,
            try_slice(c.times, n, "columns.times")?,
        )
    };
    // SAFETY: as above, for the optional arrays.
    let (unit_costs, references, to_locations, reservations, reasons, conditions) = unsafe {
        (
            try_opt_slice(c.unit_costs, n, "columns.unit_costs")?,
            try_opt_slice(c.references, n, "columns.references")?,
            try_opt_slice(c.to_locations, n, "columns.to_locations")?,
            try_opt_slice(c.reservations, n, "columns.reservations")?,
            try_opt_slice(c.reasons, n, "columns.reasons")?,
            try_opt_slice(c.conditions, n, "columns.conditions")?,
        )
    };
    // SAFETY: as above.
    let (purchase_orders, shipments) = unsafe {
        (
            try_opt_slice(c.purchase_orders, n, "columns.purchase_orders")?,
            try_opt_slice(c.shipments, n, "columns.shipments")?,
        )
    };
    let mut cols = MovementColumns {
        times: times.to_vec(),
        ..MovementColumns::default()
    };
    let text = |s: &'a str| -> FfiResult<Cow<'a, str>> { Ok(Cow::Borrowed(s)) };
    for i in 0..n {
        // SAFETY: every entry is NULL or NUL-terminated by the contract.
        let mut row = || -> FfiResult<()> {
            unsafe {
                cols.kinds.push(required(kinds, i, "kind")?.into());
                cols.skus.push(required(skus, i, "sku")?.into());
                cols.locations
                    .push(required(locations, i, "location")?.into());
                cols.quantities.push(
                    entry(quantities, i, "quantity")?
                        .map(|q| parse_decimal(q, "quantity"))
                        .transpose()?,
                );
                optional(
                    unit_costs,
                    i,
                    "unit_cost",
                    decimal("unit_cost"),
                    &mut cols.unit_costs,
                )?;
                optional(references, i, "reference", text, &mut cols.references)?;
                optional(to_locations, i, "to_location", text, &mut cols.to_locations)?;
                optional(reservations, i, "reservation", text, &mut cols.reservations)?;
                optional(reasons, i, "reason", text, &mut cols.reasons)?;
                optional(conditions, i, "condition", text, &mut cols.conditions)?;
                optional(
                    purchase_orders,
                    i,
                    "purchase_order",
                    text,
                    &mut cols.purchase_orders,
                )?;
                optional(shipments, i, "shipment", text, &mut cols.shipments)?;
            }
            Ok(())
        };
        row().map_err(|f: Failure| f.at_row(i))?;
    }
    Ok(cols)
}

/// Posts a columnar batch, all-or-nothing, and writes the number of applied rows to
/// `*applied_out` (nullable).
///
/// On failure nothing is applied and `inv_last_error_index` gives the failing row (for
/// errors in a row; column-shape errors have no index).
///
/// # Safety
/// `ledger` NULL or a live handle; `columns` NULL or pointing to arrays as documented on
/// `inv_movement_columns`; `applied_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_post_columns(
    ledger: *mut inv_ledger,
    columns: *const inv_movement_columns,
    applied_out: *mut usize,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
        // SAFETY: a non-NULL `columns` points to a valid struct by the contract.
        let c = unsafe { columns.as_ref() }.ok_or_else(|| Failure::null("columns"))?;
        // SAFETY: forwarded contract.
        let cols = unsafe { to_core(c) }?;
        // The outcomes are in the journal: the count is all this call returns.
        let applied = l.post_columns_with(&cols, |_| ())?;
        // SAFETY: `applied_out` is NULL or writable by the contract.
        unsafe { write_out(applied_out, applied) };
        Ok(())
    })
}
