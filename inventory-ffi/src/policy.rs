//! Policy math: the standard normal distribution, safety stock, the EOQ family and the
//! newsvendor (the core's `policy` and `stats` modules).
//!
//! Statistics are `double`: demand rates, deviations, costs per year. Every input is checked
//! by the core; a value out of range fails with `INV_INVALID_INPUT` and writes nothing, and
//! finite inputs whose result is not a finite double (the EOQ of 1e308 units a year) fail
//! with `INV_OVERFLOW` and write nothing.

// The C signatures mirror the core's parameters one to one.
#![allow(clippy::too_many_arguments)]

use inventory_core::policy::{
    self, BackorderQuantity, DiscountQuantity, HoldingCost, Newsvendor, OrderQuantity, PriceBreak,
    ProductionQuantity, RoundedQuantity, SafetyStock, SafetyStockMethod, ServiceTarget,
};
use inventory_core::stats;

use crate::error::inv_result;
use crate::ffi::{
    bad_enum, call, check_array_len, check_out, check_out_array, discount_from_c, guard,
    time_unit_from_c, try_slice, write_array, write_out, Failure, FfiResult,
};
use crate::{
    inv_discount, inv_holding, inv_service, inv_ss_method, inv_time_unit, INV_HOLDING_PER_UNIT,
    INV_HOLDING_RATE, INV_SERVICE_CYCLE, INV_SERVICE_FILL_RATE, INV_SS_METHOD_COMBINED,
    INV_SS_METHOD_DEMAND_VARIABILITY, INV_SS_METHOD_LEAD_TIME_VARIABILITY,
    INV_SS_METHOD_MAX_MINUS_AVERAGE, INV_SS_METHOD_PERIODIC_REVIEW, INV_TIME_UNIT_DAY,
};

// ----- the standard normal distribution -----

/// The standard normal distribution function Φ(z) = P(Z ≤ z): 0 and 1 at ∓∞, NaN for NaN.
#[no_mangle]
pub extern "C" fn inv_normal_cdf(z: f64) -> f64 {
    guard(f64::NAN, || stats::cdf(z))
}

/// The standard normal loss function G(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z)): 0 at +∞, +∞ at
/// −∞ (its limits), NaN for NaN.
#[no_mangle]
pub extern "C" fn inv_normal_loss(z: f64) -> f64 {
    guard(f64::NAN, || stats::loss(z))
}

/// The inverse of Φ: the z with Φ(z) = p, into `*out` (the safety factor of a cycle service
/// level p).
///
/// Errors: `INV_INVALID_INPUT` unless 0 < p < 1 (NaN included).
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_inverse_normal_cdf(p: f64, out: *mut f64) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        let z = policy::safety_factor(ServiceTarget::CycleServiceLevel(p), 0.0)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, z) };
        Ok(())
    })
}

// ----- safety stock -----

/// How `inv_safety_stock` and `inv_safety_stock_many` compute safety stock. Start from
/// `inv_safety_stock_params_default()` and set what you need; fields the chosen method and
/// target do not use are ignored.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_safety_stock_params {
    /// The unit of time of the demand rate *and* the lead time (`INV_TIME_UNIT_*`).
    /// Default `INV_TIME_UNIT_DAY`.
    pub unit: inv_time_unit,
    /// The method (`INV_SS_METHOD_*`). Default `INV_SS_METHOD_DEMAND_VARIABILITY`.
    pub method: inv_ss_method,
    /// The review period R, in `unit`s (`INV_SS_METHOD_PERIODIC_REVIEW`). Default 0.
    pub review_period: f64,
    /// The largest demand per period (`INV_SS_METHOD_MAX_MINUS_AVERAGE`). Default NaN
    /// (must be set).
    pub max_demand: f64,
    /// The longest lead time (`INV_SS_METHOD_MAX_MINUS_AVERAGE`). Default NaN (must be set).
    pub max_lead_time: f64,
    /// The service target (`INV_SERVICE_*`). Default `INV_SERVICE_CYCLE`.
    pub target: inv_service,
    /// The cycle service level α, strictly between 0 and 1 (`INV_SERVICE_CYCLE`).
    /// Default 0.95.
    pub service_level: f64,
    /// The fill rate β, strictly between 0 and 1 (`INV_SERVICE_FILL_RATE`). Default NaN
    /// (must be set).
    pub fill_rate: f64,
    /// The replenishment quantity Q > 0 (`INV_SERVICE_FILL_RATE`; for a periodic review,
    /// the expected demand per review period). Default NaN (must be set).
    pub order_quantity: f64,
}

/// Safety stock and the reorder point it implies.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_safety_stock_result {
    /// Safety stock in units (before any rounding; may be negative for a low target).
    pub safety_stock: f64,
    /// Whether `safety_factor` is set (false for max-minus-average).
    pub has_safety_factor: bool,
    /// The safety factor z (k for a fill rate); 0 when `has_safety_factor` is false.
    pub safety_factor: f64,
    /// The protection interval (L, or L + R for a periodic review), in periods.
    pub protection_interval: f64,
    /// Expected demand over the protection interval.
    pub expected_demand: f64,
    /// Standard deviation of demand over the protection interval.
    pub std_dev_protection: f64,
    /// The reorder point (order-up-to level for a periodic review): expected demand over
    /// the protection interval + safety stock.
    pub reorder_point: f64,
}

impl From<&SafetyStock> for inv_safety_stock_result {
    fn from(s: &SafetyStock) -> Self {
        inv_safety_stock_result {
            safety_stock: s.safety_stock,
            has_safety_factor: s.safety_factor.is_some(),
            safety_factor: s.safety_factor.unwrap_or(0.0),
            protection_interval: s.protection_interval,
            expected_demand: s.expected_demand,
            std_dev_protection: s.std_dev_protection,
            reorder_point: s.reorder_point,
        }
    }
}

/// The default parameters: days, demand variability only, 95 % cycle service level; the
/// fields of the other methods and targets are NaN (refused if used without being set),
/// `review_period` 0.
#[no_mangle]
pub extern "C" fn inv_safety_stock_params_default() -> inv_safety_stock_params {
    inv_safety_stock_params {
        unit: INV_TIME_UNIT_DAY,
        method: INV_SS_METHOD_DEMAND_VARIABILITY,
        review_period: 0.0,
        max_demand: f64::NAN,
        max_lead_time: f64::NAN,
        target: INV_SERVICE_CYCLE,
        service_level: 0.95,
        fill_rate: f64::NAN,
        order_quantity: f64::NAN,
    }
}

/// The core's method and target from the C parameters.
fn params_to_core(
    p: &inv_safety_stock_params,
) -> FfiResult<(policy::TimeUnit, SafetyStockMethod, ServiceTarget)> {
    let unit = time_unit_from_c(p.unit, "params.unit")?;
    let method = match p.method {
        INV_SS_METHOD_DEMAND_VARIABILITY => SafetyStockMethod::DemandVariability,
        INV_SS_METHOD_LEAD_TIME_VARIABILITY => SafetyStockMethod::LeadTimeVariability,
        INV_SS_METHOD_COMBINED => SafetyStockMethod::Combined,
        INV_SS_METHOD_MAX_MINUS_AVERAGE => SafetyStockMethod::MaxMinusAverage {
            max_demand: p.max_demand,
            max_lead_time: p.max_lead_time,
        },
        INV_SS_METHOD_PERIODIC_REVIEW => SafetyStockMethod::PeriodicReview {
            review_period: p.review_period,
        },
        v => {
            return Err(bad_enum(
                "params.method",
                v,
                "INV_SS_METHOD_DEMAND_VARIABILITY, INV_SS_METHOD_LEAD_TIME_VARIABILITY, \
                 INV_SS_METHOD_COMBINED, INV_SS_METHOD_MAX_MINUS_AVERAGE, \
                 INV_SS_METHOD_PERIODIC_REVIEW",
            ))
        }
    };
    let target = match p.target {
        INV_SERVICE_CYCLE => ServiceTarget::CycleServiceLevel(p.service_level),
        INV_SERVICE_FILL_RATE => ServiceTarget::FillRate {
            fill_rate: p.fill_rate,
            order_quantity: p.order_quantity,
        },
        v => {
            return Err(bad_enum(
                "params.target",
                v,
                "INV_SERVICE_CYCLE, INV_SERVICE_FILL_RATE",
            ))
        }
    };
    Ok((unit, method, target))
}

/// Reads the (required) parameters struct.
///
/// # Safety
/// `params` NULL or pointing to a valid struct.
unsafe fn read_params<'a>(
    params: *const inv_safety_stock_params,
) -> FfiResult<&'a inv_safety_stock_params> {
    // SAFETY: a non-NULL `params` points to a valid struct by the contract.
    unsafe { params.as_ref() }.ok_or_else(|| Failure::null("params"))
}

/// The four input arrays of the safety-stock batch functions (means, std_devs, lead_times,
/// lead_time_std_devs, in that order) and their params, read in the order their errors are
/// reported.
///
/// # Safety
/// Each array NULL (only with length 0) or valid for its length; `params` NULL or valid.
unsafe fn read_inputs<'a>(
    arrays: [(*const f64, usize); 4],
    params: *const inv_safety_stock_params,
) -> FfiResult<([&'a [f64]; 4], &'a inv_safety_stock_params)> {
    const NAMES: [&str; 4] = ["means", "std_devs", "lead_times", "lead_time_std_devs"];
    let mut out: [&[f64]; 4] = [&[]; 4];
    for ((slot, (ptr, len)), name) in out.iter_mut().zip(arrays).zip(NAMES) {
        // SAFETY: forwarded contract.
        *slot = unsafe { try_slice(ptr, len, name)? };
    }
    // SAFETY: forwarded contract.
    Ok((out, unsafe { read_params(params)? }))
}

/// Safety stock and reorder point of one item into `*out`: demand `mean` and `std_dev` per
/// `params->unit`, lead time `lead_time` ± `lead_time_std_dev` in the same unit.
///
/// Example: 100 units/day, σ 20/day, a fixed lead time of 4 days, 95 % cycle service:
/// safety stock = 1.6449 × 20 × √4 = 65.79, reorder point 465.79.
///
/// Errors: `INV_INVALID_INPUT` (negative or non-finite numbers, a service level or fill
/// rate outside (0, 1), a maximum below the average, ...), `INV_INVALID_ENUM`.
///
/// # Safety
/// `params` NULL or valid; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_safety_stock(
    mean: f64,
    std_dev: f64,
    lead_time: f64,
    lead_time_std_dev: f64,
    params: *const inv_safety_stock_params,
    out: *mut inv_safety_stock_result,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let p = unsafe { read_params(params) }?;
        check_out(out, "out")?;
        let (unit, method, target) = params_to_core(p)?;
        let demand = policy::DemandStats::new(mean, std_dev, unit)?;
        let lt = policy::LeadTime::new(lead_time, lead_time_std_dev, unit)?;
        let ss = policy::safety_stock(&demand, &lt, method, target)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_safety_stock_result::from(&ss)) };
        Ok(())
    })
}

/// `inv_safety_stock` for many items: each input array holds one value per item or a single
/// value for all (broadcast); the batch length is the longest array's. `out` must have
/// exactly that many elements (`out_len`): a shorter array fails with
/// `INV_BUFFER_TOO_SMALL`, a longer one with `INV_INVALID_INPUT`. All-or-nothing.
///
/// Errors: `INV_INVALID_INPUT` for arrays of other lengths (no row index) or for the first
/// failing item, whose index `inv_last_error_index` then gives; `INV_INVALID_ENUM`,
/// `INV_NULL_ARGUMENT`, `INV_BUFFER_TOO_SMALL`.
///
/// # Safety
/// Each array NULL (only with length 0) or valid for its length; `params` NULL or valid;
/// `out` NULL (only with `out_len` 0) or valid for `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_safety_stock_many(
    means: *const f64,
    means_len: usize,
    std_devs: *const f64,
    std_devs_len: usize,
    lead_times: *const f64,
    lead_times_len: usize,
    lead_time_std_devs: *const f64,
    lead_time_std_devs_len: usize,
    params: *const inv_safety_stock_params,
    out: *mut inv_safety_stock_result,
    out_len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let (inputs, p) = unsafe {
            read_inputs(
                [
                    (means, means_len),
                    (std_devs, std_devs_len),
                    (lead_times, lead_times_len),
                    (lead_time_std_devs, lead_time_std_devs_len),
                ],
                params,
            )?
        };
        let [means, std_devs, lead_times, lead_time_std_devs] = inputs;
        check_out_array(out, out_len, "out")?;
        let (unit, method, target) = params_to_core(p)?;
        let results = policy::safety_stock_many(
            means,
            std_devs,
            lead_times,
            lead_time_std_devs,
            unit,
            method,
            target,
        )?;
        // SAFETY: forwarded contract.
        unsafe { write_array(out, out_len, &results, inv_safety_stock_result::from) }
    })
}

/// Runs a column kernel for the caller's output arrays, all-or-nothing: a NULL output skips
/// its column (the core does not compute it); the others are filled in temporaries by
/// `fill` and copied to the caller only when it succeeds. `out_len` must equal the batch
/// length `n`: a shorter array fails with `INV_BUFFER_TOO_SMALL`, a longer one with
/// `INV_INVALID_INPUT` (as `write_array` reports it), checked after the inputs, as the
/// `*_many` functions check it, so that both report the same error first.
///
/// # Safety
/// Each `outs[i]` NULL or valid for `out_len` writes.
unsafe fn fill_columns<const K: usize>(
    outs: [*mut f64; K],
    out_len: usize,
    n: usize,
    fill: impl FnOnce([Option<&mut [f64]>; K]) -> inventory_core::Result<()>,
) -> FfiResult<()> {
    let mut temps: [Option<Vec<f64>>; K] = outs.map(|p| (!p.is_null()).then(|| vec![0.0; n]));
    fill(temps.each_mut().map(|t| t.as_deref_mut()))?;
    check_array_len(out_len, n)?;
    for (ptr, temp) in outs.into_iter().zip(temps) {
        if let Some(temp) = temp {
            // SAFETY: forwarded contract; `ptr` is non-NULL and `out_len = n = temp.len()`.
            unsafe { write_array(ptr, out_len, &temp, |v| *v) }?;
        }
    }
    Ok(())
}

/// `inv_safety_stock_many` with the results as columns (arrays of doubles, for numeric
/// code that works on arrays): `safety_stock`, `safety_factor` (NaN for max-minus-average),
/// `protection_interval`, `expected_demand`, `std_dev_protection` and `reorder_point`, each
/// an array of `out_len` elements, or NULL to skip that column (it is not computed: pass
/// only the columns you need). Same broadcasting, length rules, errors and
/// `inv_last_error_index` as `inv_safety_stock_many`; all-or-nothing.
///
/// # Safety
/// Each input array NULL (only with length 0) or valid for its length; `params` NULL or
/// valid; each output NULL or valid for `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_safety_stock_columns(
    means: *const f64,
    means_len: usize,
    std_devs: *const f64,
    std_devs_len: usize,
    lead_times: *const f64,
    lead_times_len: usize,
    lead_time_std_devs: *const f64,
    lead_time_std_devs_len: usize,
    params: *const inv_safety_stock_params,
    safety_stock: *mut f64,
    safety_factor: *mut f64,
    protection_interval: *mut f64,
    expected_demand: *mut f64,
    std_dev_protection: *mut f64,
    reorder_point: *mut f64,
    out_len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let (inputs, p) = unsafe {
            read_inputs(
                [
                    (means, means_len),
                    (std_devs, std_devs_len),
                    (lead_times, lead_times_len),
                    (lead_time_std_devs, lead_time_std_devs_len),
                ],
                params,
            )?
        };
        let [means, std_devs, lead_times, lead_time_std_devs] = inputs;
        let (unit, method, target) = params_to_core(p)?;
        let n = policy::batch_length(&[
            ("means", means),
            ("std_devs", std_devs),
            ("lead_times", lead_times),
            ("lead_time_std_devs", lead_time_std_devs),
        ])?;
        let outs = [
            safety_stock,
            safety_factor,
            protection_interval,
            expected_demand,
            std_dev_protection,
            reorder_point,
        ];
        // SAFETY: forwarded contract.
        unsafe {
            fill_columns(
                outs,
                out_len,
                n,
                |[ss, k, interval, expected, sigma, rop]| {
                    let out = policy::SafetyStockOut {
                        safety_stock: ss,
                        safety_factor: k,
                        protection_interval: interval,
                        expected_demand: expected,
                        std_dev_protection: sigma,
                        reorder_point: rop,
                    };
                    policy::safety_stock_into(
                        means,
                        std_devs,
                        lead_times,
                        lead_time_std_devs,
                        unit,
                        method,
                        target,
                        out,
                    )
                },
            )
        }
    })
}

// ----- EOQ family -----

/// An order quantity with its annual costs (the EOQ family works in years: annual demand,
/// holding cost per unit per year).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_order_quantity {
    /// Units per order.
    pub quantity: f64,
    /// Ordering + holding cost per year, excluding the purchase cost.
    pub total_cost: f64,
    /// Ordering cost per year: D/Q·S.
    pub ordering_cost: f64,
    /// Holding cost per year: Q/2·H.
    pub holding_cost: f64,
    /// Orders per year: D/Q.
    pub orders_per_year: f64,
    /// Time between orders, in years: Q/D (`DBL_MAX` for zero demand).
    pub cycle_years: f64,
}

impl From<&OrderQuantity> for inv_order_quantity {
    fn from(q: &OrderQuantity) -> Self {
        inv_order_quantity {
            quantity: q.quantity,
            total_cost: q.total_cost,
            ordering_cost: q.ordering_cost,
            holding_cost: q.holding_cost,
            orders_per_year: q.orders_per_year,
            cycle_years: q.cycle_years,
        }
    }
}

/// EOQ with planned backorders.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_backorder_quantity {
    /// Units per order: `√(2DS/H · (H + B)/B)`.
    pub quantity: f64,
    /// The largest backlog just before an order arrives: `Q·H/(H + B)`.
    pub max_backorder: f64,
    /// The largest inventory: `Q − max_backorder`.
    pub max_inventory: f64,
    /// Ordering + holding + backorder cost per year.
    pub total_cost: f64,
}

impl From<&BackorderQuantity> for inv_backorder_quantity {
    fn from(q: &BackorderQuantity) -> Self {
        inv_backorder_quantity {
            quantity: q.quantity,
            max_backorder: q.max_backorder,
            max_inventory: q.max_inventory,
            total_cost: q.total_cost,
        }
    }
}

/// Economic production quantity with a finite production rate.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_production_quantity {
    /// Units per production run: `√(2DS / (H·(1 − D/P)))`.
    pub quantity: f64,
    /// The largest inventory: `Q·(1 − D/P)`.
    pub max_inventory: f64,
    /// Setup + holding cost per year.
    pub total_cost: f64,
    /// Length of a production run, in years: `Q/P`.
    pub run_years: f64,
}

impl From<&ProductionQuantity> for inv_production_quantity {
    fn from(q: &ProductionQuantity) -> Self {
        inv_production_quantity {
            quantity: q.quantity,
            max_inventory: q.max_inventory,
            total_cost: q.total_cost,
            run_years: q.run_years,
        }
    }
}

/// One price break: from `min_quantity` units on, the price is `unit_price`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_price_break {
    /// The smallest quantity this price applies to.
    pub min_quantity: f64,
    /// The unit price.
    pub unit_price: f64,
}

/// The best order quantity under quantity discounts.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_discount_quantity {
    /// Index of the chosen price break (the bracket the quantity falls in).
    pub break_index: usize,
    /// The unit price of that break.
    pub unit_price: f64,
    /// Units per order.
    pub quantity: f64,
    /// Purchase + ordering + holding cost per year.
    pub total_cost: f64,
    /// Purchase cost per year (D × average price paid per unit).
    pub purchase_cost: f64,
    /// Ordering cost per year.
    pub ordering_cost: f64,
    /// Holding cost per year.
    pub holding_cost: f64,
}

impl From<&DiscountQuantity> for inv_discount_quantity {
    fn from(q: &DiscountQuantity) -> Self {
        inv_discount_quantity {
            break_index: q.break_index,
            unit_price: q.unit_price,
            quantity: q.quantity,
            total_cost: q.total_cost,
            purchase_cost: q.purchase_cost,
            ordering_cost: q.ordering_cost,
            holding_cost: q.holding_cost,
        }
    }
}

/// An order quantity rounded to a minimum order quantity and a pack size.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_rounded_quantity {
    /// The quantity ordered: a multiple of the pack size, at least the MOQ.
    pub quantity: f64,
    /// Its annual ordering + holding cost.
    pub total_cost: f64,
    /// The annual cost of the unrounded quantity.
    pub unrounded_cost: f64,
    /// The cost penalty of rounding: `total_cost − unrounded_cost`.
    pub penalty: f64,
    /// The penalty relative to the unrounded cost (0.01 = 1 %).
    pub penalty_ratio: f64,
}

impl From<&RoundedQuantity> for inv_rounded_quantity {
    fn from(q: &RoundedQuantity) -> Self {
        inv_rounded_quantity {
            quantity: q.quantity,
            total_cost: q.total_cost,
            unrounded_cost: q.unrounded_cost,
            penalty: q.penalty,
            penalty_ratio: q.penalty_ratio,
        }
    }
}

/// Runs a core computation and writes its result, converted, through `out`.
///
/// # Safety
/// `out` must be NULL or valid for a write of `C`.
unsafe fn compute<T, C>(out: *mut C, f: impl FnOnce() -> inventory_core::Result<T>) -> inv_result
where
    C: for<'a> From<&'a T>,
{
    call(|| {
        check_out(out, "out")?;
        let r = f()?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, C::from(&r)) };
        Ok(())
    })
}

/// The economic order quantity `Q* = √(2·D·S/H)` and its annual cost `√(2·D·S·H)` into
/// `*out`: `annual_demand` D, `order_cost` S per order, `holding_cost` H per unit per year.
/// With zero demand or order cost the quantity and cost are 0.
///
/// Example: D = 1000, S = 10, H = 0.5 → Q* = 200, total cost 100.
///
/// Errors: `INV_INVALID_INPUT` for negative D or S, H ≤ 0, or non-finite input;
/// `INV_OVERFLOW` when a result is not finite (e.g. D = 1e308).
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_eoq(
    annual_demand: f64,
    order_cost: f64,
    holding_cost: f64,
    out: *mut inv_order_quantity,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { compute(out, || policy::eoq(annual_demand, order_cost, holding_cost)) }
}

/// The annual cost of ordering `quantity` units at a time: `D/Q·S + Q/2·H`, into `*out`.
///
/// Errors: as `inv_eoq`, and `quantity` ≤ 0.
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_eoq_cost(
    annual_demand: f64,
    order_cost: f64,
    holding_cost: f64,
    quantity: f64,
    out: *mut inv_order_quantity,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        compute(out, || {
            policy::eoq_cost(annual_demand, order_cost, holding_cost, quantity)
        })
    }
}

/// `inv_eoq` for many items: arrays of one value per item or a single value broadcast, as
/// `inv_safety_stock_many` (same rules for `out_len`, errors and `inv_last_error_index`).
///
/// # Safety
/// Each array NULL (only with length 0) or valid for its length; `out` NULL (only with
/// `out_len` 0) or valid for `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_eoq_many(
    annual_demands: *const f64,
    annual_demands_len: usize,
    order_costs: *const f64,
    order_costs_len: usize,
    holding_costs: *const f64,
    holding_costs_len: usize,
    out: *mut inv_order_quantity,
    out_len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (d, s, h) = unsafe {
            (
                try_slice(annual_demands, annual_demands_len, "annual_demands")?,
                try_slice(order_costs, order_costs_len, "order_costs")?,
                try_slice(holding_costs, holding_costs_len, "holding_costs")?,
            )
        };
        check_out_array(out, out_len, "out")?;
        let results = policy::eoq_many(d, s, h)?;
        // SAFETY: forwarded contract.
        unsafe { write_array(out, out_len, &results, inv_order_quantity::from) }
    })
}

/// `inv_eoq_many` with the results as columns: `quantity`, `total_cost`, `ordering_cost`,
/// `holding_cost`, `orders_per_year` and `cycle_years`, each an array of `out_len` doubles,
/// or NULL to skip that column (it is not computed). Same broadcasting, length rules, errors
/// and `inv_last_error_index` as `inv_eoq_many`; all-or-nothing.
///
/// # Safety
/// Each input array NULL (only with length 0) or valid for its length; each output NULL or
/// valid for `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_eoq_columns(
    annual_demands: *const f64,
    annual_demands_len: usize,
    order_costs: *const f64,
    order_costs_len: usize,
    holding_costs: *const f64,
    holding_costs_len: usize,
    quantity: *mut f64,
    total_cost: *mut f64,
    ordering_cost: *mut f64,
    holding_cost: *mut f64,
    orders_per_year: *mut f64,
    cycle_years: *mut f64,
    out_len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (d, s, h) = unsafe {
            (
                try_slice(annual_demands, annual_demands_len, "annual_demands")?,
                try_slice(order_costs, order_costs_len, "order_costs")?,
                try_slice(holding_costs, holding_costs_len, "holding_costs")?,
            )
        };
        let n = policy::batch_length(&[
            ("annual_demands", d),
            ("order_costs", s),
            ("holding_costs", h),
        ])?;
        let outs = [
            quantity,
            total_cost,
            ordering_cost,
            holding_cost,
            orders_per_year,
            cycle_years,
        ];
        // SAFETY: forwarded contract.
        unsafe {
            fill_columns(
                outs,
                out_len,
                n,
                |[q, total, ordering, holding, orders, cycle]| {
                    let out = policy::OrderQuantityOut {
                        quantity: q,
                        total_cost: total,
                        ordering_cost: ordering,
                        holding_cost: holding,
                        orders_per_year: orders,
                        cycle_years: cycle,
                    };
                    policy::eoq_into(d, s, h, out)
                },
            )
        }
    })
}

/// EOQ with planned backorders, `backorder_cost` B the cost of one unit backordered for
/// one year, into `*out`.
///
/// Errors: as `inv_eoq`, and B ≤ 0.
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_eoq_backorders(
    annual_demand: f64,
    order_cost: f64,
    holding_cost: f64,
    backorder_cost: f64,
    out: *mut inv_backorder_quantity,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        compute(out, || {
            policy::eoq_backorders(annual_demand, order_cost, holding_cost, backorder_cost)
        })
    }
}

/// The economic production quantity, `production_rate` P units per year, into `*out`.
///
/// Errors: as `inv_eoq`, and P not above the annual demand.
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_epq(
    annual_demand: f64,
    setup_cost: f64,
    holding_cost: f64,
    production_rate: f64,
    out: *mut inv_production_quantity,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        compute(out, || {
            policy::epq(annual_demand, setup_cost, holding_cost, production_rate)
        })
    }
}

/// EOQ under quantity discounts into `*out`. The holding cost is `holding` per unit per year
/// (`INV_HOLDING_PER_UNIT`) or `holding` × unit price per year (`INV_HOLDING_RATE`);
/// `breaks` (`breaks_len` entries, strictly increasing `min_quantity`) apply to all units
/// or incrementally (`kind`, `INV_DISCOUNT_*`).
///
/// Errors: `INV_INVALID_INPUT` (no breaks, breaks not increasing, non-positive prices or
/// holding cost, ...), `INV_INVALID_ENUM`, `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `breaks` NULL (only with `breaks_len` 0) or valid for `breaks_len` reads; `out` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn inv_eoq_discount(
    annual_demand: f64,
    order_cost: f64,
    holding_kind: inv_holding,
    holding: f64,
    breaks: *const inv_price_break,
    breaks_len: usize,
    kind: inv_discount,
    out: *mut inv_discount_quantity,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let breaks = unsafe { try_slice(breaks, breaks_len, "breaks") }?;
        check_out(out, "out")?;
        let holding = match holding_kind {
            INV_HOLDING_PER_UNIT => HoldingCost::PerUnit(holding),
            INV_HOLDING_RATE => HoldingCost::Rate(holding),
            v => {
                return Err(bad_enum(
                    "holding_kind",
                    v,
                    "INV_HOLDING_PER_UNIT, INV_HOLDING_RATE",
                ))
            }
        };
        let kind = discount_from_c(kind, "kind")?;
        let breaks: Vec<PriceBreak> = breaks
            .iter()
            .map(|b| PriceBreak {
                min_quantity: b.min_quantity,
                unit_price: b.unit_price,
            })
            .collect();
        let q = policy::eoq_discount(annual_demand, order_cost, holding, &breaks, kind)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_discount_quantity::from(&q)) };
        Ok(())
    })
}

/// Rounds `quantity` to a multiple of `pack_size` that is at least `min_order_quantity`
/// (the cheaper of the multiples just below and above) and reports the cost penalty, into
/// `*out`.
///
/// Errors: as `inv_eoq_cost`, and `pack_size` ≤ 0 or a negative MOQ.
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_round_order_quantity(
    annual_demand: f64,
    order_cost: f64,
    holding_cost: f64,
    quantity: f64,
    min_order_quantity: f64,
    pack_size: f64,
    out: *mut inv_rounded_quantity,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        compute(out, || {
            policy::round_order_quantity(
                annual_demand,
                order_cost,
                holding_cost,
                quantity,
                min_order_quantity,
                pack_size,
            )
        })
    }
}

// ----- newsvendor -----

/// A one-shot buy: the best quantity and its expected outcome.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_newsvendor {
    /// Units to buy.
    pub quantity: f64,
    /// The critical ratio `Cu / (Cu + Co)`.
    pub critical_ratio: f64,
    /// Expected mismatch cost: `Co·E[(Q − D)⁺] + Cu·E[(D − Q)⁺]`.
    pub expected_cost: f64,
    /// Expected units sold: `E[min(D, Q)]`.
    pub expected_sales: f64,
    /// Expected units left over: `E[(Q − D)⁺]`.
    pub expected_leftover: f64,
    /// Expected units short: `E[(D − Q)⁺]`.
    pub expected_shortage: f64,
}

impl From<&Newsvendor> for inv_newsvendor {
    fn from(n: &Newsvendor) -> Self {
        inv_newsvendor {
            quantity: n.quantity,
            critical_ratio: n.critical_ratio,
            expected_cost: n.expected_cost,
            expected_sales: n.expected_sales,
            expected_leftover: n.expected_leftover,
            expected_shortage: n.expected_shortage,
        }
    }
}

/// Newsvendor with normal demand (`mean`, `std_dev`), underage cost `underage_cost` Cu and
/// overage cost `overage_cost` Co: `Q* = μ + σ·Φ⁻¹(Cu/(Cu + Co))`, floored at 0, into `*out`.
///
/// Errors: `INV_INVALID_INPUT` for a negative mean or deviation or non-positive costs;
/// `INV_OVERFLOW` when a result is not finite.
///
/// # Safety
/// `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_newsvendor_normal(
    mean: f64,
    std_dev: f64,
    underage_cost: f64,
    overage_cost: f64,
    out: *mut inv_newsvendor,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe {
        compute(out, || {
            policy::newsvendor_normal(mean, std_dev, underage_cost, overage_cost)
        })
    }
}

/// Newsvendor on an empirical demand sample of `sample_len` observations: the quantity is
/// the smallest observation x with F̂(x) ≥ Cu/(Cu + Co); expectations are sample averages.
///
/// Errors: `INV_INVALID_INPUT` for an empty sample, negative or non-finite observations,
/// non-positive costs; `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `sample` NULL (only with `sample_len` 0) or valid for `sample_len` reads; `out` NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn inv_newsvendor_empirical(
    sample: *const f64,
    sample_len: usize,
    underage_cost: f64,
    overage_cost: f64,
    out: *mut inv_newsvendor,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let sample = unsafe { try_slice(sample, sample_len, "sample") }?;
        check_out(out, "out")?;
        let n = policy::newsvendor_empirical(sample, underage_cost, overage_cost)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_newsvendor::from(&n)) };
        Ok(())
    })
}
