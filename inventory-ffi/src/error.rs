//! Result codes, the mapping from core errors, and the thread-local last error.
//!
//! Codes are stable and grouped by area; a number is never reused for another meaning:
//! 0 success, 1-99 general (binding) errors, 100-199 ledger errors (one per core
//! [`ErrorKind`]), 200-299 snapshot errors, 300-399 purchasing errors, 400-499 durable
//! store errors.

use std::cell::RefCell;
use std::ffi::{c_char, CStr};

use inventory_core::{Error, ErrorKind};

use crate::ffi::{guard, Failure};

/// The result of a fallible call (one of the `INV_*` codes below; 0 is success).
pub type inv_result = u32;

/// Success.
pub const INV_OK: inv_result = 0;
/// A required pointer argument was NULL.
pub const INV_NULL_ARGUMENT: inv_result = 1;
/// A string argument was not valid UTF-8.
pub const INV_INVALID_UTF8: inv_result = 2;
/// An output buffer was too small (see the function for what was written).
pub const INV_BUFFER_TOO_SMALL: inv_result = 3;
/// The library panicked (a bug); the call had no effect that can be relied upon.
pub const INV_PANIC: inv_result = 4;
/// A decimal argument was not a valid exact decimal string.
pub const INV_INVALID_DECIMAL: inv_result = 5;
/// An enumeration argument (`inv_costing`, `inv_condition`, `inv_period`, `inv_time_unit`,
/// `inv_ss_method`, `inv_service`, `inv_holding`, `inv_discount`, `inv_measure`,
/// `inv_over_receipt`, `inv_charge_kind`, `inv_allocation`, `inv_sim_demand`,
/// `inv_sim_policy_kind`, `inv_kit_kind`, `inv_sync_mode`) was out of range.
pub const INV_INVALID_ENUM: inv_result = 6;
/// An index argument was out of range.
pub const INV_INDEX_OUT_OF_RANGE: inv_result = 7;
/// A string to return contains a NUL byte and cannot be represented as a C string.
pub const INV_INTERIOR_NUL: inv_result = 8;

/// A ledger error of a kind this version of the binding does not know yet.
pub const INV_LEDGER_ERROR: inv_result = 100;
/// An input value was invalid (empty name, bad quantity, negative cost, unknown movement
/// kind / reason / condition name, same source and destination, ...), a policy,
/// classification or metrics parameter out of range (a service level outside (0, 1), a
/// zero holding cost, NaN, mismatched column lengths, an empty window, ...), or a
/// forecasting input the core refuses (an empty or non-finite series, an unknown model
/// name, a horizon of 0, a level outside (0, 1), a series too short for the model, ...),
/// or a purchasing event the core refuses on its own terms (an empty id, a line quantity
/// below the supplier's minimum order quantity or not a multiple of its pack size, price
/// breaks that do not increase, a charge with more decimal places than the money scale,
/// malformed event JSON, ...), or a kit definition or kit operation the core refuses (no
/// components, a cycle, a virtual bundle assembled or an assembled kit posted as a bundle, a
/// quantity of kits ≤ 0, a negative extra cost, a minimum support outside (0, 1], ...), or
/// a durable store opened with a ledger configuration other than the one it was created
/// with, or a checkpoint asked of a ledger without a store.
pub const INV_INVALID_INPUT: inv_result = 101;
/// An unknown SKU (or a SKU that is not a kit at the time asked, for the kit functions).
pub const INV_UNKNOWN_SKU: inv_result = 102;
/// An unknown location.
pub const INV_UNKNOWN_LOCATION: inv_result = 103;
/// An unknown SKU/location position.
pub const INV_UNKNOWN_POSITION: inv_result = 104;
/// Not enough stock.
pub const INV_INSUFFICIENT_STOCK: inv_result = 105;
/// An unknown reservation.
pub const INV_UNKNOWN_RESERVATION: inv_result = 106;
/// A reservation was asked for more than it holds.
pub const INV_RESERVATION_EXCEEDED: inv_result = 107;
/// An unknown shipment reference (of a movement, or of a bundle shipment).
pub const INV_UNKNOWN_SHIPMENT: inv_result = 108;
/// A customer return that does not match its shipment (another SKU, or more than is left
/// to return; a bundle return beyond what the bundle shipment has left).
pub const INV_RETURN_MISMATCH: inv_result = 109;
/// The same reference was posted with a different payload.
pub const INV_DUPLICATE_REFERENCE: inv_result = 110;
/// A movement dated before its SKU's latest movement, or a purchasing event dated before
/// its order's latest event.
pub const INV_OUT_OF_ORDER: inv_result = 111;
/// A change refused because of the ledger's state (e.g. a costing override on an active SKU,
/// a dropship delivery through a stocked position).
pub const INV_INVALID_STATE: inv_result = 112;
/// A result the types cannot hold: a decimal computation overflowed the decimal range, or
/// finite inputs gave a result that is not a finite `double` (inf or NaN).
pub const INV_OVERFLOW: inv_result = 113;

/// A malformed, unsupported or inconsistent snapshot.
pub const INV_INVALID_SNAPSHOT: inv_result = 200;

/// An unknown supplier, a SKU the supplier does not sell, or a SKU no supplier sells.
pub const INV_UNKNOWN_SUPPLIER: inv_result = 300;
/// An unknown purchase order.
pub const INV_UNKNOWN_ORDER: inv_result = 301;
/// An unknown line of a purchase order.
pub const INV_UNKNOWN_ORDER_LINE: inv_result = 302;
/// An unknown receipt: a purchase-order receipt id (of another order, or none), or a
/// landed cost's journal sequence number that is not a receipt of its SKU.
pub const INV_UNKNOWN_RECEIPT: inv_result = 303;
/// An id that must be new is already used (an order, receipt, charge or payment id, a line
/// number within its order, an item's SKU within its supplier).
pub const INV_DUPLICATE_ID: inv_result = 304;
/// A purchase order (or line) whose status does not allow the change (placing an order
/// twice, receiving into a draft or onto a cancelled line, ...), or an amendment or
/// confirmation below what was already received.
pub const INV_INVALID_ORDER_STATE: inv_result = 305;
/// A receipt beyond what the ledger's over-receipt policy allows
/// (`inv_ledger_config.over_receipt`).
pub const INV_OVER_RECEIPT: inv_result = 306;

/// A durable store is open for writing by another ledger (another handle in this process,
/// or another process): `inv_ledger_open` refuses a second writer. The lock is released when
/// the ledger holding it is freed (or its process ends).
pub const INV_STORE_LOCKED: inv_result = 400;
/// A file that is not a ledger store, or a damaged one (truncated, overwritten, a checkpoint
/// that fails its checksum, a journal that does not replay), or a store of a format this
/// build does not read.
pub const INV_STORE_CORRUPT: inv_result = 401;
/// Reading or writing a durable store failed (the disk is full, the file or its directory is
/// not writable, a database error): the call was refused and nothing of it was kept, in
/// memory or in the store.
pub const INV_STORE_IO: inv_result = 402;

/// The code of a core error kind. Kinds added to the core later map to `INV_LEDGER_ERROR`.
pub(crate) fn code_of_kind(kind: ErrorKind) -> inv_result {
    match kind {
        ErrorKind::InvalidInput => INV_INVALID_INPUT,
        ErrorKind::UnknownSku => INV_UNKNOWN_SKU,
        ErrorKind::UnknownLocation => INV_UNKNOWN_LOCATION,
        ErrorKind::UnknownPosition => INV_UNKNOWN_POSITION,
        ErrorKind::InsufficientStock => INV_INSUFFICIENT_STOCK,
        ErrorKind::UnknownReservation => INV_UNKNOWN_RESERVATION,
        ErrorKind::ReservationExceeded => INV_RESERVATION_EXCEEDED,
        ErrorKind::UnknownShipment => INV_UNKNOWN_SHIPMENT,
        ErrorKind::ReturnMismatch => INV_RETURN_MISMATCH,
        ErrorKind::DuplicateReference => INV_DUPLICATE_REFERENCE,
        ErrorKind::OutOfOrder => INV_OUT_OF_ORDER,
        ErrorKind::InvalidState => INV_INVALID_STATE,
        ErrorKind::Overflow => INV_OVERFLOW,
        ErrorKind::InvalidSnapshot => INV_INVALID_SNAPSHOT,
        ErrorKind::UnknownSupplier => INV_UNKNOWN_SUPPLIER,
        ErrorKind::UnknownOrder => INV_UNKNOWN_ORDER,
        ErrorKind::UnknownOrderLine => INV_UNKNOWN_ORDER_LINE,
        ErrorKind::UnknownReceipt => INV_UNKNOWN_RECEIPT,
        ErrorKind::DuplicateId => INV_DUPLICATE_ID,
        ErrorKind::InvalidOrderState => INV_INVALID_ORDER_STATE,
        ErrorKind::OverReceipt => INV_OVER_RECEIPT,
        ErrorKind::StoreLocked => INV_STORE_LOCKED,
        ErrorKind::StoreCorrupt => INV_STORE_CORRUPT,
        ErrorKind::StoreIo => INV_STORE_IO,
        _ => INV_LEDGER_ERROR,
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let index = match &e {
            Error::Batch { index, .. } => Some(*index),
            _ => None,
        };
        Failure {
            code: code_of_kind(e.kind()),
            message: e.to_string(),
            index,
        }
    }
}

impl From<inventory_core::PolicyError> for Failure {
    fn from(e: inventory_core::PolicyError) -> Self {
        Failure::from(Error::from(e))
    }
}

impl From<inventory_core::LedgerError> for Failure {
    fn from(e: inventory_core::LedgerError) -> Self {
        Failure::from(Error::from(e))
    }
}

/// The static name of a code (`INV_OK`, `INV_INSUFFICIENT_STOCK`, ...), or `INV_UNKNOWN` for
/// a number that is not a code. Never NULL; never free it.
#[no_mangle]
pub extern "C" fn inv_result_name(code: inv_result) -> *const c_char {
    guard(c"INV_UNKNOWN".as_ptr(), || name_of(code).as_ptr())
}

fn name_of(code: inv_result) -> &'static CStr {
    match code {
        INV_OK => c"INV_OK",
        INV_NULL_ARGUMENT => c"INV_NULL_ARGUMENT",
        INV_INVALID_UTF8 => c"INV_INVALID_UTF8",
        INV_BUFFER_TOO_SMALL => c"INV_BUFFER_TOO_SMALL",
        INV_PANIC => c"INV_PANIC",
        INV_INVALID_DECIMAL => c"INV_INVALID_DECIMAL",
        INV_INVALID_ENUM => c"INV_INVALID_ENUM",
        INV_INDEX_OUT_OF_RANGE => c"INV_INDEX_OUT_OF_RANGE",
        INV_INTERIOR_NUL => c"INV_INTERIOR_NUL",
        INV_LEDGER_ERROR => c"INV_LEDGER_ERROR",
        INV_INVALID_INPUT => c"INV_INVALID_INPUT",
        INV_UNKNOWN_SKU => c"INV_UNKNOWN_SKU",
        INV_UNKNOWN_LOCATION => c"INV_UNKNOWN_LOCATION",
        INV_UNKNOWN_POSITION => c"INV_UNKNOWN_POSITION",
        INV_INSUFFICIENT_STOCK => c"INV_INSUFFICIENT_STOCK",
        INV_UNKNOWN_RESERVATION => c"INV_UNKNOWN_RESERVATION",
        INV_RESERVATION_EXCEEDED => c"INV_RESERVATION_EXCEEDED",
        INV_UNKNOWN_SHIPMENT => c"INV_UNKNOWN_SHIPMENT",
        INV_RETURN_MISMATCH => c"INV_RETURN_MISMATCH",
        INV_DUPLICATE_REFERENCE => c"INV_DUPLICATE_REFERENCE",
        INV_OUT_OF_ORDER => c"INV_OUT_OF_ORDER",
        INV_INVALID_STATE => c"INV_INVALID_STATE",
        INV_OVERFLOW => c"INV_OVERFLOW",
        INV_INVALID_SNAPSHOT => c"INV_INVALID_SNAPSHOT",
        INV_UNKNOWN_SUPPLIER => c"INV_UNKNOWN_SUPPLIER",
        INV_UNKNOWN_ORDER => c"INV_UNKNOWN_ORDER",
        INV_UNKNOWN_ORDER_LINE => c"INV_UNKNOWN_ORDER_LINE",
        INV_UNKNOWN_RECEIPT => c"INV_UNKNOWN_RECEIPT",
        INV_DUPLICATE_ID => c"INV_DUPLICATE_ID",
        INV_INVALID_ORDER_STATE => c"INV_INVALID_ORDER_STATE",
        INV_OVER_RECEIPT => c"INV_OVER_RECEIPT",
        INV_STORE_LOCKED => c"INV_STORE_LOCKED",
        INV_STORE_CORRUPT => c"INV_STORE_CORRUPT",
        INV_STORE_IO => c"INV_STORE_IO",
        _ => c"INV_UNKNOWN",
    }
}

/// The last failure of this thread.
#[derive(Default)]
struct LastError {
    code: inv_result,
    message: String,
    index: Option<usize>,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError::default());
}

/// Stores a failure as this thread's last error.
pub(crate) fn set_last_error(f: Failure) {
    // Interior NULs (possible only in names read from a snapshot) would cut the C string.
    let message = f.message.replace('\0', "\\0");
    LAST_ERROR.with(|l| {
        *l.borrow_mut() = LastError {
            code: f.code,
            message,
            index: f.index,
        }
    });
}

/// Clears this thread's last error (after a successful call).
pub(crate) fn clear_last_error() {
    LAST_ERROR.with(|l| *l.borrow_mut() = LastError::default());
}

/// Copies the message of this thread's last error into `buf`.
///
/// `len` is the size of `buf` in bytes. `*needed` (if `needed` is not NULL) receives the
/// number of bytes the whole message needs, including the terminating NUL, so a caller can
/// call once with `buf = NULL, len = 0` to size its buffer. When `len > 0` the buffer is
/// always NUL-terminated; a message that does not fit is truncated (at a UTF-8 character
/// boundary) and `INV_BUFFER_TOO_SMALL` is returned. With no last error the message is
/// empty. This function does not change the last error.
///
/// Returns `INV_OK`, `INV_BUFFER_TOO_SMALL`, or `INV_NULL_ARGUMENT` (`buf` NULL while `len > 0`).
///
/// # Safety
/// `buf` must be NULL or point to `len` writable bytes; `needed` must be NULL or point to a
/// writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn inv_last_error_message(
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> inv_result {
    guard(INV_PANIC, || {
        LAST_ERROR.with(|l| {
            let l = l.borrow();
            let msg = l.message.as_bytes();
            if !needed.is_null() {
                // SAFETY: the caller guarantees a non-NULL `needed` is writable.
                unsafe { needed.write(msg.len() + 1) };
            }
            if len == 0 {
                // Not even the NUL fits.
                return INV_BUFFER_TOO_SMALL;
            }
            if buf.is_null() {
                return INV_NULL_ARGUMENT;
            }
            let mut n = msg.len().min(len - 1);
            while !l.message.is_char_boundary(n) {
                n -= 1;
            }
            // SAFETY: `buf` points to `len` writable bytes (caller contract) and `n < len`;
            // the source is a live slice of at least `n` bytes that cannot overlap `buf`.
            unsafe {
                std::ptr::copy_nonoverlapping(msg.as_ptr(), buf.cast::<u8>(), n);
                buf.add(n).write(0);
            }
            if n < msg.len() {
                INV_BUFFER_TOO_SMALL
            } else {
                INV_OK
            }
        })
    })
}

/// The code of this thread's last error (`INV_OK` if the last call succeeded).
#[no_mangle]
pub extern "C" fn inv_last_error_code() -> inv_result {
    guard(INV_PANIC, || LAST_ERROR.with(|l| l.borrow().code))
}

/// For a failed batch (`inv_ledger_post_columns`, `inv_safety_stock_many`,
/// `inv_eoq_many`, `inv_forecast_panel`, `inv_simulate_many`), the 0-based index of the
/// failing row (series, SKU).
///
/// Returns `true` and writes `*index` when this thread's last error has a row index;
/// returns `false` and writes nothing otherwise (or when `index` is NULL).
///
/// # Safety
/// `index` must be NULL or point to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn inv_last_error_index(index: *mut usize) -> bool {
    guard(false, || {
        let Some(i) = LAST_ERROR.with(|l| l.borrow().index) else {
            return false;
        };
        if index.is_null() {
            return false;
        }
        // SAFETY: the caller guarantees a non-NULL `index` is writable.
        unsafe { index.write(i) };
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use inventory_core::StoreError;

    #[test]
    fn store_errors_have_their_codes() {
        let code = |e: StoreError| Failure::from(Error::from(e)).code;
        let path = String::from("x.ledger");
        assert_eq!(
            code(StoreError::Locked { path: path.clone() }),
            INV_STORE_LOCKED
        );
        let corrupt = StoreError::Corrupt {
            path: path.clone(),
            message: "m".into(),
        };
        assert_eq!(code(corrupt), INV_STORE_CORRUPT);
        let format = StoreError::UnsupportedFormat {
            path,
            found: 9,
            supported: 1,
        };
        assert_eq!(code(format), INV_STORE_CORRUPT);
        assert_eq!(
            code(StoreError::Io {
                message: "m".into()
            }),
            INV_STORE_IO
        );
        let mismatch = StoreError::ConfigMismatch {
            message: "m".into(),
        };
        assert_eq!(code(mismatch), INV_INVALID_INPUT);
        for (c, name) in [
            (INV_STORE_LOCKED, "INV_STORE_LOCKED"),
            (INV_STORE_CORRUPT, "INV_STORE_CORRUPT"),
            (INV_STORE_IO, "INV_STORE_IO"),
        ] {
            assert_eq!(name_of(c).to_str().unwrap(), name);
        }
    }
}
