//! ABC and XYZ classification of plain arrays (the core's `classify` module). For the
//! classification of a ledger's SKUs see `inv_ledger_abc` / `inv_ledger_xyz`.

use inventory_core::classify::{self, AbcItem, AbcThresholds, XyzItem, XyzThresholds};

use crate::error::inv_result;
use crate::ffi::{
    abc_class_to_c, call, check_out, check_out_array, measure_from_c, try_opt_slice, try_slice,
    write_array, write_out, xyz_class_to_c,
};
use crate::{inv_abc_class, inv_measure, inv_xyz_class};

/// The ABC result of one item.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_abc_item {
    /// The class (`INV_ABC_*`; not named `class`, a C++ keyword).
    pub abc_class: inv_abc_class,
    /// 1-based rank by the measure (ties keep input order).
    pub rank: usize,
    /// Cumulative share of the measure up to and including this item (0 for items ≤ 0).
    pub cumulative_share: f64,
}

impl From<&AbcItem> for inv_abc_item {
    fn from(i: &AbcItem) -> Self {
        inv_abc_item {
            abc_class: abc_class_to_c(i.class),
            rank: i.rank,
            cumulative_share: i.cumulative_share,
        }
    }
}

/// The XYZ result of one demand series.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_xyz_item {
    /// The class (`INV_XYZ_*`; not named `class`, a C++ keyword).
    pub xyz_class: inv_xyz_class,
    /// Whether `cv` is set (false when the mean is zero or negative: class Z).
    pub has_cv: bool,
    /// The coefficient of variation σ/μ; 0 when `has_cv` is false.
    pub cv: f64,
    /// Mean demand per period.
    pub mean: f64,
    /// Sample standard deviation per period (divisor n − 1; 0 for one period).
    pub std_dev: f64,
}

impl From<&XyzItem> for inv_xyz_item {
    fn from(i: &XyzItem) -> Self {
        inv_xyz_item {
            xyz_class: xyz_class_to_c(i.class),
            has_cv: i.cv.is_some(),
            cv: i.cv.unwrap_or(0.0),
            mean: i.mean,
            std_dev: i.std_dev,
        }
    }
}

/// ABC classification of `len` items by their measure `values`, written in input order to
/// `out` (`len` items). An item is A if its cumulative share is at most `a`, B if at most
/// `b`, else C; items ≤ 0 are always C (the core's defaults are a = 0.80, b = 0.95).
///
/// Errors: `INV_INVALID_INPUT` for NaN or infinite values or thresholds not
/// 0 < a ≤ b ≤ 1; `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `values` NULL (only with `len` 0) or valid for `len` reads; `out` NULL (only with `len`
/// 0) or valid for `len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_abc(
    values: *const f64,
    len: usize,
    a: f64,
    b: f64,
    out: *mut inv_abc_item,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let values = unsafe { try_slice(values, len, "values") }?;
        check_out_array(out, len, "out")?;
        let items = classify::abc(values, AbcThresholds { a, b })?;
        // SAFETY: forwarded contract.
        unsafe { write_array(out, len, &items, inv_abc_item::from) }
    })
}

/// The ABC measure of `len` items into `out` (`len` doubles): units × price (revenue),
/// units × cost (consumption value), units, or units × (price − cost) (margin).
/// `unit_costs` and `unit_prices` may be NULL when the measure does not need them.
///
/// Errors: `INV_INVALID_INPUT` for a column the measure needs that is NULL, or negative or
/// non-finite numbers; `INV_INVALID_ENUM`; `INV_NULL_ARGUMENT`.
///
/// # Safety
/// Each array NULL or valid for `len` reads (`units` NULL only with `len` 0); `out` NULL
/// (only with `len` 0) or valid for `len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_abc_measure(
    measure: inv_measure,
    units: *const f64,
    unit_costs: *const f64,
    unit_prices: *const f64,
    len: usize,
    out: *mut f64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (units, costs, prices) = unsafe {
            (
                try_slice(units, len, "units")?,
                try_opt_slice(unit_costs, len, "unit_costs")?,
                try_opt_slice(unit_prices, len, "unit_prices")?,
            )
        };
        check_out_array(out, len, "out")?;
        let measure = measure_from_c(measure, "measure")?;
        let values = classify::abc_measure(
            measure,
            units,
            costs.unwrap_or_default(),
            prices.unwrap_or_default(),
        )?;
        // SAFETY: forwarded contract.
        unsafe { write_array(out, len, &values, |v| *v) }
    })
}

/// XYZ classification of one demand series of `len` periods into `*out`: X if the
/// coefficient of variation is at most `x`, Y if at most `y`, else Z; zero mean demand is Z
/// (the core's defaults are x = 0.5, y = 1.0).
///
/// Errors: `INV_INVALID_INPUT` for an empty series, NaN or infinite values, or thresholds
/// not 0 ≤ x ≤ y; `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `series` NULL (only with `len` 0) or valid for `len` reads; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_xyz(
    series: *const f64,
    len: usize,
    x: f64,
    y: f64,
    out: *mut inv_xyz_item,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let series = unsafe { try_slice(series, len, "series") }?;
        check_out(out, "out")?;
        let item = classify::xyz(series, XyzThresholds { x, y })?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_xyz_item::from(&item)) };
        Ok(())
    })
}
