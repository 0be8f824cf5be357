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
//! - Handles (`inv_ledger`, `inv_valuation`, `inv_demand_history`) are opaque, created
//!   through out-parameters and released with their `_free` function, which accepts NULL.
//!   Strings returned as `char *` are released with `inv_string_free`.
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

pub mod columns;
pub mod error;
pub mod ledger;
pub mod query;

use std::ffi::c_char;

pub use error::inv_result;

/// Size in bytes (including the terminating NUL) of every decimal output field.
///
/// The longest decimal text is 31 characters (a sign, 29 digits and a point), so every
/// value fits.
pub const INV_DECIMAL_LEN: usize = 48;

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
