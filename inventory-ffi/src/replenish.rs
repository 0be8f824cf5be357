//! Replenishment: policy settings, the planning request (an opaque builder), the planning
//! run and its result (an opaque handle), and the acceptance of a plan into placed purchase
//! orders (the core's `replenish` module; its documentation has the rules).
//!
//! A planning run reads the ledger only: `inv_ledger_plan` takes an `inv_plan_request`
//! (the as-of time, the horizon, a demand forecast per SKU × location, the policies, the
//! constraints, the projection's step and the number of threads) and writes an `inv_plan`
//! handle: one item per SKU × location planned (the numbers every suggestion is traced
//! to, and the projected stock, by day or by week), suggested transfers between
//! locations, suggested purchase orders by supplier with their lines, the lines the
//! constraints cut, and alerts. Its lists are read with `_len` / `_get` pairs;
//! `inv_plan_json` gives the whole plan as JSON. `inv_ledger_accept_plan` turns a plan's
//! suggestions into placed purchase orders (and, if asked, stock transfers) in one atomic
//! call. An item's levels can be simulated: `inv_sim_policy_from_plan_item` (see
//! [`simulation`](crate::simulation)).
//!
//! A forecast of a SKU's demand over all locations together (a pooled forecast) is split
//! over its locations by each location's share of recent net demand: by a planning run
//! (`inv_plan_request_add_pooled_forecast`), or on its own by `inv_ledger_split_forecast`,
//! which takes an `inv_pooled_forecasts` builder and writes an `inv_forecasts` handle
//! (the core's `Ledger::split_forecast`; the `replenish` module documentation has the
//! rule).
//!
//! Policies are named as the core names them (`"reorder_point"`, `"min_max"`,
//! `"order_up_to"`, `"periodic_min_max"`, `"just_in_time"`, `"dropship"`, `"manual"`); a
//! policy and its parameters are checked by the core's `Policy::from_parts` when an
//! `inv_policy_settings` is given to a request, the rest of the request when it is planned.

// The C signature of `inv_ledger_accept_plan` lists the core's arguments and the outcomes.
#![allow(clippy::too_many_arguments)]

use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use inventory_core::replenish::{
    classes_from_ledger, AcceptedOrder, Alert, ClassPolicies, CutLine, DemandForecast, Plan,
    PlanItem, PlanRequest, Policy, PolicySettings, PooledForecast, SuggestedLine,
    SuggestedTransfer,
};

use crate::error::{inv_result, INV_INVALID_INPUT, INV_PANIC};
use crate::ffi::{
    call, check_array_len, check_out, decimal_field, free_box, guard, lead_time_source_to_c,
    opt_value, period_from_c, row_at, to_boxed_mut_ptr, to_c_string, try_decimal, try_mut_from_ptr,
    try_opt_decimal, try_opt_str, try_ref_from_ptr, try_slice, try_str, write_out, CStrings,
    Castable, Failure, FfiResult,
};
use crate::ledger::inv_ledger;
use crate::purchasing::inv_purchase_outcome;
use crate::{inv_lead_time_source, inv_period, INV_DECIMAL_LEN};

// ---------------------------------------------------------------------------------------
// Policy settings
// ---------------------------------------------------------------------------------------

/// A replenishment policy with the parameters its numbers come from (the core's
/// `PolicySettings`), given to `inv_plan_request_set_default_policy` and
/// `inv_plan_request_add_policy`, which copy it (the strings are read during the call only).
///
/// Start from `inv_policy_settings_default()` and set the fields you use. The policy and
/// its parameters are checked when the settings are given to a request (an unknown name, or
/// a parameter the policy does not take, is `INV_INVALID_INPUT`); the numbers (service
/// level, costs, a fixed quantity above 0, min ≤ max, ...) when the request is planned.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_policy_settings {
    /// The policy's name: `"reorder_point"` (s, Q), `"min_max"` (s, S), `"order_up_to"`
    /// (R, S), `"periodic_min_max"` (R, s, S), `"just_in_time"`, `"dropship"` or
    /// `"manual"`. Default `"reorder_point"` (a static string; never free it).
    pub policy: *const c_char,
    /// The review period R in days, for `"order_up_to"`, `"periodic_min_max"` and
    /// `"just_in_time"`; must be 0 for the other policies. Default 0.
    pub review_days: u32,
    /// For `"reorder_point"` only: a fixed order quantity Q (decimal string); NULL: Q is
    /// the EOQ under the supplier's price breaks. Default NULL.
    pub fixed_quantity: *const c_char,
    /// For `"min_max"` only: a given reorder point s (decimal string); NULL: computed.
    /// Default NULL.
    pub min: *const c_char,
    /// For `"min_max"` only: a given order-up-to level S (decimal string); NULL: s + Q with
    /// Q the EOQ. Default NULL.
    pub max: *const c_char,
    /// The cycle service level α, strictly between 0 and 1. Default 0.95.
    pub service_level: f64,
    /// The cost of placing one order line (money, ≥ 0), for the EOQ. Default 25.
    pub order_cost: f64,
    /// The yearly holding cost as a share of the unit price (> 0), for the EOQ. Default
    /// 0.25.
    pub holding_rate: f64,
}

/// The core's default policy name as a static C string.
fn default_policy_name() -> *const c_char {
    static NAME: OnceLock<CString> = OnceLock::new();
    NAME.get_or_init(|| CString::new(PolicySettings::default().policy.name()).unwrap_or_default())
        .as_ptr()
}

/// The core's default settings: `"reorder_point"` with the EOQ, a 95 % cycle service
/// level, an order cost of 25 and a holding rate of 25 % a year; `review_days` 0 and the
/// decimal fields NULL.
#[no_mangle]
pub extern "C" fn inv_policy_settings_default() -> inv_policy_settings {
    let d = PolicySettings::default();
    inv_policy_settings {
        policy: default_policy_name(),
        review_days: d.policy.review_days(),
        // The core's default policy takes no fixed quantity, min or max.
        fixed_quantity: std::ptr::null(),
        min: std::ptr::null(),
        max: std::ptr::null(),
        service_level: d.service_level,
        order_cost: d.order_cost,
        holding_rate: d.holding_rate,
    }
}

/// The core's settings from a C `inv_policy_settings` (the policy through
/// `Policy::from_parts`).
///
/// # Safety
/// `settings` NULL or pointing to a valid struct whose strings are NULL or NUL-terminated.
unsafe fn settings_from_c(
    settings: *const inv_policy_settings,
    name: &str,
) -> FfiResult<PolicySettings> {
    // SAFETY: a non-NULL `settings` points to a valid struct by the contract.
    let s = unsafe { settings.as_ref() }.ok_or_else(|| Failure::null(name))?;
    // SAFETY: the struct's strings are NULL or NUL-terminated by the contract.
    let (policy, fixed_quantity, min, max) = unsafe {
        (
            try_str(s.policy, &format!("{name}.policy"))?,
            try_opt_decimal(s.fixed_quantity, &format!("{name}.fixed_quantity"))?,
            try_opt_decimal(s.min, &format!("{name}.min"))?,
            try_opt_decimal(s.max, &format!("{name}.max"))?,
        )
    };
    let policy = Policy::from_parts(policy, s.review_days, fixed_quantity, min, max)?;
    Ok(PolicySettings::new(policy)
        .service_level(s.service_level)
        .order_cost(s.order_cost)
        .holding_rate(s.holding_rate))
}

// ---------------------------------------------------------------------------------------
// The planning request
// ---------------------------------------------------------------------------------------

/// What a planning run is asked (opaque builder; the core's `PlanRequest`): the as-of time,
/// the horizon, the demand forecasts, the policies and the constraints. Create with
/// `inv_plan_request_new`, fill with the `inv_plan_request_*` setters, plan with
/// `inv_ledger_plan` (which copies what it needs), release with `inv_plan_request_free`.
///
/// A new request has the core's defaults: the default policy of
/// `inv_policy_settings_default()`, overstock beyond 180 days of cover, transfers between
/// locations taking 2 days, no dead or slow stock alerts, no budget, order-value or
/// capacity limits, margins equal to the unit prices, a daily projection, one thread, no
/// pooled forecasts (split by the last 91 days' demand when added). Setters only collect
/// and convert (a bad decimal is `INV_INVALID_DECIMAL` at once, a bad policy
/// `INV_INVALID_INPUT`, a bad enumeration `INV_INVALID_ENUM`); the core checks the whole
/// request when it is planned. A setter that fails leaves the request as it was.
pub struct inv_plan_request {
    _private: [u8; 0],
}

impl Castable for inv_plan_request {
    type RustType = PlanRequest;
}

/// Applies one of the core's `PlanRequest` builder methods to a request in place.
fn update(request: &mut PlanRequest, f: impl FnOnce(PlanRequest) -> PlanRequest) {
    let placeholder = PlanRequest::new(request.as_of, Vec::new());
    let r = std::mem::replace(request, placeholder);
    *request = f(r);
}

/// Creates a request into `*out`: a run at `as_of` (seconds since the Unix epoch)
/// projecting `horizon_days` days (1 to 3660, checked when planned), without forecasts.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `out` NULL or a writable `inv_plan_request *`.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_new(
    as_of: i64,
    horizon_days: u32,
    out: *mut *mut inv_plan_request,
) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        let request = PlanRequest::new(as_of, Vec::new()).horizon_days(horizon_days);
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_plan_request>(request)) };
        Ok(())
    })
}

/// Adds the demand forecast of `sku` at `location`: `daily[0 .. n]` expected units per
/// day, day 0 being the as-of day (beyond its end the last day repeats; `n` 0: no demand),
/// and `daily_std`, the standard deviation of one day's demand. Only the SKU × location
/// pairs with a forecast are planned (one forecast per pair, checked when planned, as are
/// negative or non-finite values).
///
/// Errors: `INV_NULL_ARGUMENT` (also `daily` NULL with `n` above 0), `INV_INVALID_UTF8`.
///
/// # Safety
/// `request` NULL or a live builder; strings NULL or NUL-terminated; `daily` NULL (only
/// with `n` 0) or valid for `n` reads.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_add_forecast(
    request: *mut inv_plan_request,
    sku: *const c_char,
    location: *const c_char,
    daily: *const f64,
    n: usize,
    daily_std: f64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, sku, location, daily) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_str(sku, "sku")?,
                try_str(location, "location")?,
                try_slice(daily, n, "daily")?,
            )
        };
        r.demand.push(DemandForecast {
            sku: sku.to_owned(),
            location: location.to_owned(),
            daily: daily.to_vec(),
            daily_std,
        });
        Ok(())
    })
}

/// A core pooled forecast from its C arguments.
///
/// # Safety
/// `sku` NULL or NUL-terminated; `daily` NULL (only with `n` 0) or valid for `n` reads.
unsafe fn pooled_forecast(
    sku: *const c_char,
    daily: *const f64,
    n: usize,
    daily_std: f64,
) -> FfiResult<PooledForecast> {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    let (sku, daily) = unsafe { (try_str(sku, "sku")?, try_slice(daily, n, "daily")?) };
    Ok(PooledForecast::new(sku, daily.to_vec(), daily_std))
}

/// Adds the pooled forecast of `sku`, its demand over all locations together:
/// `daily[0 .. n]` expected units per day, day 0 being the as-of day (beyond its end the
/// last day repeats; at most 3660 days), and `daily_std`, the standard deviation of one
/// day's demand over all locations. When planned, it is split over the SKU's locations
/// (those where it has sellable stock or a sale in the look-back) by each location's share
/// of its net demand in the look-back before the as-of time
/// (`inv_plan_request_set_pooled_lookback_days`, default 91 days), exactly as
/// `inv_ledger_split_forecast` splits it, and the split forecasts are planned with the
/// others. A SKU × location with both a forecast and a share of a pooled one is refused
/// when planned (`INV_INVALID_INPUT`), as are negative or non-finite values and a SKU the
/// ledger has never seen (`INV_UNKNOWN_SKU`).
///
/// Errors: `INV_NULL_ARGUMENT` (also `daily` NULL with `n` above 0), `INV_INVALID_UTF8`.
///
/// # Safety
/// `request` NULL or a live builder; `sku` NULL or NUL-terminated; `daily` NULL (only with
/// `n` 0) or valid for `n` reads.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_add_pooled_forecast(
    request: *mut inv_plan_request,
    sku: *const c_char,
    daily: *const f64,
    n: usize,
    daily_std: f64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, forecast) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                pooled_forecast(sku, daily, n, daily_std)?,
            )
        };
        r.pooled.push(forecast);
        Ok(())
    })
}

/// Sets the look-back of the split of the pooled forecasts
/// (`inv_plan_request_add_pooled_forecast`): each location's share is its net demand in the
/// `days` days before the as-of time. Default 91 (13 weeks); between 1 and 3660, checked
/// when planned.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `request` NULL or a live builder.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_pooled_lookback_days(
    request: *mut inv_plan_request,
    days: u32,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let r = unsafe { try_mut_from_ptr(request, "request") }?;
        r.pooled_lookback_days = days;
        Ok(())
    })
}

/// Adds the forecast of a kit's or virtual bundle's sales at `location`: `daily[0 .. n]`
/// units per day from the as-of day (beyond its end the last day repeats) with daily
/// deviation `daily_std`. When planned, it is exploded by the kit definitions in force at
/// the as-of time down to plain components, whose forecasts at that location gain units
/// per kit × each day (deviations combined as independent sources; a component without a
/// forecast there gets one): the planner buys for what kits sell. Checked when planned
/// (`INV_UNKNOWN_SKU` for a SKU that is not a kit then, `INV_INVALID_INPUT` for a negative
/// or non-finite value).
///
/// Errors: `INV_NULL_ARGUMENT` (also `daily` NULL with `n` above 0), `INV_INVALID_UTF8`.
///
/// # Safety
/// `request` NULL or a live builder; strings NULL or NUL-terminated; `daily` NULL (only
/// with `n` 0) or valid for `n` reads.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_add_kit_forecast(
    request: *mut inv_plan_request,
    kit: *const c_char,
    location: *const c_char,
    daily: *const f64,
    n: usize,
    daily_std: f64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, kit, location, daily) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_str(kit, "kit")?,
                try_str(location, "location")?,
                try_slice(daily, n, "daily")?,
            )
        };
        r.kit_demand.push(DemandForecast {
            sku: kit.to_owned(),
            location: location.to_owned(),
            daily: daily.to_vec(),
            daily_std,
        });
        Ok(())
    })
}

/// Sets the policy of the SKUs without an assignment (copied from `*settings`).
///
/// Errors: `INV_NULL_ARGUMENT` (also a NULL `settings->policy`), `INV_INVALID_UTF8`,
/// `INV_INVALID_DECIMAL`, `INV_INVALID_INPUT` (an unknown policy, or a parameter it does
/// not take).
///
/// # Safety
/// `request` NULL or a live builder; `settings` NULL or a valid struct whose strings are
/// NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_default_policy(
    request: *mut inv_plan_request,
    settings: *const inv_policy_settings,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, settings) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                settings_from_c(settings, "settings")?,
            )
        };
        update(r, |r| r.default_policy(settings));
        Ok(())
    })
}

/// Assigns a policy (copied from `*settings`) to `sku` at every location (`location`
/// NULL) or at one location. The most specific assignment wins: SKU × location, then SKU,
/// then the default policy. Assign each SKU (or SKU × location) once.
///
/// Errors: as `inv_plan_request_set_default_policy`, and `INV_INVALID_UTF8` for the names.
///
/// # Safety
/// `request` NULL or a live builder; strings NULL or NUL-terminated; `settings` as for
/// `inv_plan_request_set_default_policy`.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_add_policy(
    request: *mut inv_plan_request,
    sku: *const c_char,
    location: *const c_char,
    settings: *const inv_policy_settings,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, sku, location, settings) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_str(sku, "sku")?,
                try_opt_str(location, "location")?,
                settings_from_c(settings, "settings")?,
            )
        };
        update(r, |r| r.policy(sku, location, settings));
        Ok(())
    })
}

/// Sets the overstock threshold: a SKU × location whose position covers more than `days`
/// of its mean forecast day is overstocked (an alert). Default 180; must be finite and
/// above 0 (checked when planned).
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `request` NULL or a live builder.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_overstock_days(
    request: *mut inv_plan_request,
    days: f64,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let r = unsafe { try_mut_from_ptr(request, "request") }?;
        update(r, |r| r.overstock_days(days));
        Ok(())
    })
}

/// Sets the days a transfer between locations takes to `*days` (default 2; between 0 and
/// 3660, checked when planned), or with `days` NULL suggests no transfers at all.
///
/// Errors: `INV_NULL_ARGUMENT` (`request` only).
///
/// # Safety
/// `request` NULL or a live builder; `days` NULL or a readable `double`.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_transfer_days(
    request: *mut inv_plan_request,
    days: *const f64,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let r = unsafe { try_mut_from_ptr(request, "request") }?;
        // SAFETY: `days` is NULL or readable by the contract.
        let days = unsafe { opt_value(days) };
        update(r, |r| r.transfer_days(days));
        Ok(())
    })
}

/// Sets the look-back of the dead and slow stock alerts to `*days` (between 1 and 3660,
/// checked when planned), or with `days` NULL (the default) raises none.
///
/// Errors: `INV_NULL_ARGUMENT` (`request` only).
///
/// # Safety
/// `request` NULL or a live builder; `days` NULL or a readable `uint32_t`.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_dead_stock_days(
    request: *mut inv_plan_request,
    days: *const u32,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let r = unsafe { try_mut_from_ptr(request, "request") }?;
        // SAFETY: `days` is NULL or readable by the contract.
        let days = unsafe { opt_value(days) };
        update(r, |r| r.dead_stock_days(days));
        Ok(())
    })
}

/// Sets the most the run may spend in all (a decimal amount, ≥ 0). Lines are kept in
/// order of priority while they fit; the others are cut (see `inv_plan_cut_get`).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `request` NULL or a live builder; `amount` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_budget(
    request: *mut inv_plan_request,
    amount: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, amount) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_decimal(amount, "amount")?,
            )
        };
        update(r, |r| r.budget(amount));
        Ok(())
    })
}

/// Adds the most the run may spend with `supplier` (a decimal amount, ≥ 0). Give each
/// supplier once.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `request` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_add_supplier_budget(
    request: *mut inv_plan_request,
    supplier: *const c_char,
    amount: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, supplier, amount) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_str(supplier, "supplier")?,
                try_decimal(amount, "amount")?,
            )
        };
        update(r, |r| r.supplier_budget(supplier, amount));
        Ok(())
    })
}

/// Sets the largest value of one supplier's suggested order (a decimal amount, ≥ 0).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `request` NULL or a live builder; `amount` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_max_order_value(
    request: *mut inv_plan_request,
    amount: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, amount) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_decimal(amount, "amount")?,
            )
        };
        update(r, |r| r.max_order_value(amount));
        Ok(())
    })
}

/// Adds the units `location` can hold (a decimal, ≥ 0): on hand + incoming of every SKU +
/// what the plan adds. Give each location once.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `request` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_add_capacity(
    request: *mut inv_plan_request,
    location: *const c_char,
    units: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, location, units) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_str(location, "location")?,
                try_decimal(units, "units")?,
            )
        };
        update(r, |r| r.capacity(location, units));
        Ok(())
    })
}

/// Adds the margin per unit of `sku` (a decimal, ≥ 0), which ranks its lines under the
/// constraints (default: the unit price). Give each SKU once.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`.
///
/// # Safety
/// `request` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_add_margin(
    request: *mut inv_plan_request,
    sku: *const c_char,
    margin: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, sku, margin) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_str(sku, "sku")?,
                try_decimal(margin, "margin")?,
            )
        };
        update(r, |r| r.margin(sku, margin));
        Ok(())
    })
}

/// Assigns every SKU of the ledger the policy of its class (for every location): the
/// SKUs are classified ABC by consumption value (COGS) and XYZ by weekly demand over
/// `[from, to)` with the default thresholds, and the core's documented default table
/// applies: A items (s, Q) with the EOQ at 98 %, B items (s, Q) at 95 %, C items
/// just-in-time with a 14-day review, and erratic Z items, whatever their ABC class, an
/// order-up-to level every 7 days at 90 %. These are SKU assignments, as
/// `inv_plan_request_add_policy` with a NULL location makes: a SKU × location assignment
/// still wins over them.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_INPUT` (an empty window); the request is
/// unchanged then.
///
/// # Safety
/// `request` NULL or a live builder; `ledger` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_class_policies(
    request: *mut inv_plan_request,
    ledger: *const inv_ledger,
    from: i64,
    to: i64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (r, l) = unsafe {
            (
                try_mut_from_ptr(request, "request")?,
                try_ref_from_ptr(ledger, "ledger")?,
            )
        };
        let classes = classes_from_ledger(l, from, to)?;
        update(r, |r| r.class_policies(&classes, &ClassPolicies::default()));
        Ok(())
    })
}

/// Sets the number of threads computing the SKU × location numbers of the run (default 1;
/// 1 to 64, checked when planned). The plan is the same on any count.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `request` NULL or a live builder.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_threads(
    request: *mut inv_plan_request,
    threads: usize,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let r = unsafe { try_mut_from_ptr(request, "request") }?;
        update(r, |r| r.threads(threads));
        Ok(())
    })
}

/// Sets the step of the items' projections (`inv_plan_item.projected`):
/// `INV_PERIOD_DAY` (the default), the level at the end of each day of the horizon, or
/// `INV_PERIOD_WEEK`, the level at the end of each 7 days counted from the as-of day (not
/// ISO weeks; the last step is shorter when the horizon is not a multiple of 7): a
/// 182-day horizon gives 182 daily or 26 weekly values. The stockout day and the days of
/// cover are computed by day either way.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_ENUM`.
///
/// # Safety
/// `request` NULL or a live builder.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_set_projection(
    request: *mut inv_plan_request,
    step: inv_period,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let r = unsafe { try_mut_from_ptr(request, "request") }?;
        let step = period_from_c(step, "step")?;
        update(r, |r| r.projection(step));
        Ok(())
    })
}

/// Releases a request. NULL is a no-op.
///
/// # Safety
/// `request` NULL or a live builder, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_request_free(request: *mut inv_plan_request) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(request) })
}

// ---------------------------------------------------------------------------------------
// Pooled forecasts and their split
// ---------------------------------------------------------------------------------------

/// Pooled forecasts (opaque builder): each a SKU's demand over all locations together, for
/// `inv_ledger_split_forecast`. Create with `inv_pooled_forecasts_new`, fill with
/// `inv_pooled_forecasts_add`, release with `inv_pooled_forecasts_free`. The builder only
/// collects; the core checks the forecasts when they are split.
pub struct inv_pooled_forecasts {
    _private: [u8; 0],
}

impl Castable for inv_pooled_forecasts {
    type RustType = Vec<PooledForecast>;
}

/// Creates an empty list of pooled forecasts into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `out` NULL or a writable `inv_pooled_forecasts *`.
#[no_mangle]
pub unsafe extern "C" fn inv_pooled_forecasts_new(
    out: *mut *mut inv_pooled_forecasts,
) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_pooled_forecasts>(Vec::new())) };
        Ok(())
    })
}

/// Adds the pooled forecast of `sku`: `daily[0 .. n]` expected units per day over all
/// locations, day 0 being the as-of day (at most 3660 days), and `daily_std`, the standard
/// deviation of one day's demand over all locations. The values must be finite and ≥ 0 and
/// the SKU not empty, which the core checks when they are split.
///
/// Errors: `INV_NULL_ARGUMENT` (also `daily` NULL with `n` above 0), `INV_INVALID_UTF8`.
///
/// # Safety
/// `pooled` NULL or a live builder; `sku` NULL or NUL-terminated; `daily` NULL (only with
/// `n` 0) or valid for `n` reads.
#[no_mangle]
pub unsafe extern "C" fn inv_pooled_forecasts_add(
    pooled: *mut inv_pooled_forecasts,
    sku: *const c_char,
    daily: *const f64,
    n: usize,
    daily_std: f64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (v, forecast) = unsafe {
            (
                try_mut_from_ptr(pooled, "pooled")?,
                pooled_forecast(sku, daily, n, daily_std)?,
            )
        };
        v.push(forecast);
        Ok(())
    })
}

/// Releases a list of pooled forecasts. NULL is a no-op.
///
/// # Safety
/// `pooled` NULL or a live builder, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_pooled_forecasts_free(pooled: *mut inv_pooled_forecasts) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(pooled) })
}

/// Demand forecasts of SKU × location pairs (opaque), from `inv_ledger_split_forecast`.
/// Read with `inv_forecasts_len` / `inv_forecasts_get`; release with `inv_forecasts_free`.
/// The strings and day values of its rows point into the handle and are valid until it is
/// freed.
pub struct inv_forecasts {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_forecasts`: the core's forecasts, their C rows, and the
/// strings they point to (the days point into the forecasts' own vectors).
#[derive(Debug)]
pub(crate) struct ForecastsHandle {
    _forecasts: Vec<DemandForecast>,
    rows: Vec<inv_demand_forecast>,
    _strings: CStrings,
}

impl Castable for inv_forecasts {
    type RustType = ForecastsHandle;
}

/// The expected demand of a SKU at a location (the core's `DemandForecast`), as
/// `inv_plan_request_add_forecast` takes it.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_demand_forecast {
    /// The SKU (owned by the `inv_forecasts`: valid until it is freed).
    pub sku: *const c_char,
    /// The location (owned by the handle).
    pub location: *const c_char,
    /// Expected units per day, day 0 being the as-of day: `daily_len` values (owned by the
    /// handle); NULL when `daily_len` is 0.
    pub daily: *const f64,
    /// The number of values at `daily`.
    pub daily_len: usize,
    /// Standard deviation of one day's demand.
    pub daily_std: f64,
}

fn forecasts_handle(forecasts: Vec<DemandForecast>) -> FfiResult<ForecastsHandle> {
    let mut s = CStrings::default();
    let rows = forecasts
        .iter()
        .map(|f| {
            Ok(inv_demand_forecast {
                sku: s.add(&f.sku, "a SKU")?,
                location: s.add(&f.location, "a location name")?,
                // The vector's buffer stays put while the handle (which owns it) lives.
                daily: if f.daily.is_empty() {
                    std::ptr::null()
                } else {
                    f.daily.as_ptr()
                },
                daily_len: f.daily.len(),
                daily_std: f.daily_std,
            })
        })
        .collect::<FfiResult<Vec<_>>>()?;
    Ok(ForecastsHandle {
        _forecasts: forecasts,
        rows,
        _strings: s,
    })
}

/// Splits the `pooled` forecasts (copied) over locations by each location's share of the
/// SKU's net demand (units shipped less customer returns, below zero counting as zero) in
/// the `lookback_days` days before `as_of` (equal shares when the total is zero), into a
/// new handle at `*out`. Reads the ledger only.
///
/// The locations are `locations[0 .. n_locations]` when given (the same for every SKU; one
/// the SKU never sold at gets a zero forecast), else (`n_locations` 0) each SKU's own:
/// those where it has sellable stock or a sale in the look-back. Location `l`'s forecast is
/// its share `w` × each pooled day, and its daily deviation `√(w²·σ² + w·(1 − w)·μ)`, `σ`
/// the pooled deviation and `μ` the pooled mean day (the binomial thinning of the pooled
/// demand). The forecasts come out in the order of `pooled`, each SKU's by location name
/// when the locations are its own, else in the order given.
///
/// Example: TEA's net demand in the 28 days before day 30 is 24 at EAST, 0 at NORTH (stock,
/// no sale) and 8 at WEST: shares 0.75, 0 and 0.25. A pooled forecast of 8 then 4 a day
/// (σ 4, μ 6) splits into EAST 6, 3 (σ² = 0.5625·16 + 0.1875·6 = 10.125), NORTH 0, 0
/// (σ 0) and WEST 2, 1 (σ² = 0.0625·16 + 0.1875·6 = 2.125).
///
/// Errors: `INV_NULL_ARGUMENT` (also `locations` NULL with `n_locations` above 0, or a
/// NULL entry), `INV_INVALID_UTF8`, `INV_INVALID_INPUT` (a look-back of 0 or more than
/// 3660 days, an `as_of` out of range, a forecast with an empty SKU, a negative or
/// non-finite value or more than 3660 days, an empty or repeated location),
/// `INV_UNKNOWN_SKU` (a SKU the ledger has never seen, with no `locations` to split it
/// over), `INV_INTERIOR_NUL` (a name read from a snapshot contains a NUL byte). Nothing is
/// written to `*out` then.
///
/// # Safety
/// `ledger` NULL or a live handle; `pooled` NULL or a live builder; `locations` NULL or
/// `n_locations` readable string pointers, each NULL or NUL-terminated; `out` NULL or a
/// writable `inv_forecasts *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_split_forecast(
    ledger: *const inv_ledger,
    pooled: *const inv_pooled_forecasts,
    as_of: i64,
    lookback_days: u32,
    locations: *const *const c_char,
    n_locations: usize,
    out: *mut *mut inv_forecasts,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, pooled, locations) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_ref_from_ptr(pooled, "pooled")?,
                try_slice(locations, n_locations, "locations")?,
            )
        };
        let locations = locations
            .iter()
            .enumerate()
            // SAFETY: each entry is NULL or NUL-terminated by the contract.
            .map(|(i, &name)| {
                unsafe { try_str(name, &format!("locations[{i}]")) }.map(str::to_owned)
            })
            .collect::<FfiResult<Vec<_>>>()?;
        check_out(out, "out")?;
        let split = l.split_forecast(pooled, as_of, lookback_days, &locations)?;
        let handle = forecasts_handle(split)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_forecasts>(handle)) };
        Ok(())
    })
}

/// The number of forecasts (0 for NULL).
///
/// # Safety
/// `forecasts` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_forecasts_len(forecasts: *const inv_forecasts) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(forecasts, "forecasts") }.map_or(0, |h| h.rows.len())
    })
}

/// Forecast `index` (0-based; fewer than `inv_forecasts_len`) into `*out`; its strings and
/// days point into the handle.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `forecasts` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_forecasts_get(
    forecasts: *const inv_forecasts,
    index: usize,
    out: *mut inv_demand_forecast,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(forecasts, "forecasts") }?;
        check_out(out, "out")?;
        let row = row_at(&h.rows, index, "forecast")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

/// Releases forecasts (and the strings and days they own). NULL is a no-op.
///
/// # Safety
/// `forecasts` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_forecasts_free(forecasts: *mut inv_forecasts) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(forecasts) })
}

// ---------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------

/// The result of a planning run (opaque), from `inv_ledger_plan`: items, transfers,
/// supplier orders with their lines, cut lines and alerts, each list sorted as the core
/// sorts it. Read with the `inv_plan_*_len` / `inv_plan_*_get` pairs and `inv_plan_json`;
/// accept with `inv_ledger_accept_plan`; release with `inv_plan_free`. String fields of
/// its rows point into the handle and are valid until it is freed.
pub struct inv_plan {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_plan`: the core's plan, its rows as C structs, and the
/// strings they point to (the projections point into the plan's own vectors).
#[derive(Debug)]
pub(crate) struct PlanHandle {
    plan: Plan,
    items: Vec<inv_plan_item>,
    transfers: Vec<inv_suggested_transfer>,
    orders: Vec<inv_supplier_suggestion>,
    lines: Vec<Vec<inv_suggested_line>>,
    cut: Vec<inv_cut_line>,
    alerts: Vec<inv_plan_alert>,
    _strings: CStrings,
}

impl Castable for inv_plan {
    type RustType = PlanHandle;
}

impl PlanHandle {
    /// The core's plan.
    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }
}

/// The plan of one SKU at one location: the numbers every suggestion is traced to.
/// Decimal fields are NUL-terminated decimal text; times are seconds since the Unix epoch
/// (UTC); each optional field is valid only when its `has_` flag is true (0, or an empty
/// string, otherwise).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_plan_item {
    /// The SKU (owned by the `inv_plan`: valid until it is freed).
    pub sku: *const c_char,
    /// The location (owned by the handle).
    pub location: *const c_char,
    /// The policy applied, by name (`"reorder_point"`, ...; owned by the handle).
    pub policy: *const c_char,
    /// The policy's review period in days (0 for the continuous policies).
    pub review_days: u32,
    /// The supplier bought from (owned by the handle); NULL when none sells the SKU or
    /// the policy buys nothing.
    pub supplier: *const c_char,
    /// Available stock: on hand − reserved (negative under backorders).
    pub available: [c_char; INV_DECIMAL_LEN],
    /// Units on open lines of placed orders.
    pub incoming: [c_char; INV_DECIMAL_LEN],
    /// Inventory position: available + incoming.
    pub position: [c_char; INV_DECIMAL_LEN],
    /// Lead time mean in days (0 without a supplier).
    pub lead_time_days: f64,
    /// Lead time standard deviation in days.
    pub lead_time_std_days: f64,
    /// Whether `lead_time_source` is set (false without a supplier).
    pub has_lead_time_source: bool,
    /// Where the lead time came from (`INV_LEAD_TIME_SOURCE_*`).
    pub lead_time_source: inv_lead_time_source,
    /// The protection interval L + R in days.
    pub protection_days: f64,
    /// Expected demand over the protection interval.
    pub protection_demand: f64,
    /// Standard deviation of demand over the protection interval.
    pub protection_std: f64,
    /// Safety stock.
    pub safety_stock: f64,
    /// The reorder point s (for order-up-to and just-in-time: the level ordered up to).
    pub reorder_point: f64,
    /// Whether `order_up_to` is set (policies with an order-up-to level S).
    pub has_order_up_to: bool,
    /// The order-up-to level S.
    pub order_up_to: f64,
    /// Whether `order_quantity` is set (policies with an order quantity Q).
    pub has_order_quantity: bool,
    /// The order quantity Q.
    pub order_quantity: [c_char; INV_DECIMAL_LEN],
    /// The forecast's mean day over the horizon.
    pub mean_daily_demand: f64,
    /// Projected available stock at the end of each step of the horizon (each day, or each
    /// 7 days from the as-of day, as `inv_plan_request_set_projection` says): `projected_len`
    /// values (owned by the handle).
    pub projected: *const f64,
    /// The number of values at `projected` (the horizon in days, or in weeks rounded up).
    pub projected_len: usize,
    /// Whether `stockout_day` is set.
    pub has_stockout_day: bool,
    /// The first day (its UTC midnight) the projection is below zero.
    pub stockout_day: i64,
    /// Whole days before the stockout (the horizon when there is none).
    pub days_of_cover: u32,
    /// The 5 %, 50 % and 95 % quantiles of the stock at the lead time.
    pub stock_at_lead_time: [f64; 3],
}

/// A suggested move of stock between two locations, before buying.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_suggested_transfer {
    /// The SKU (owned by the `inv_plan`: valid until it is freed).
    pub sku: *const c_char,
    /// From this location (owned by the handle).
    pub from: *const c_char,
    /// To this location (owned by the handle).
    pub to: *const c_char,
    /// Whole units (decimal text).
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// When it arrives if shipped at the as-of time (seconds since the Unix epoch).
    pub arrives: i64,
}

/// The suggested order of one supplier; its lines are read with
/// `inv_plan_order_lines_get`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_supplier_suggestion {
    /// The supplier (owned by the `inv_plan`: valid until it is freed).
    pub supplier: *const c_char,
    /// The number of lines.
    pub line_count: usize,
    /// The sum of the lines' values (decimal text).
    pub total: [c_char; INV_DECIMAL_LEN],
}

/// A suggested purchase-order line. Decimal fields are NUL-terminated decimal text; times
/// are seconds since the Unix epoch (UTC).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_suggested_line {
    /// The SKU (owned by the `inv_plan`: valid until it is freed).
    pub sku: *const c_char,
    /// The delivery location (owned by the handle).
    pub location: *const c_char,
    /// Units to order (pack size and minimum order quantity respected).
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// Units the policy asked for before rounding.
    pub unrounded: f64,
    /// Extra units from rounding × the unit price (0 when rounding went down).
    pub rounding_cost: [c_char; INV_DECIMAL_LEN],
    /// The supplier's unit price for the quantity.
    pub unit_price: [c_char; INV_DECIMAL_LEN],
    /// quantity × unit price, in the money scale.
    pub value: [c_char; INV_DECIMAL_LEN],
    /// Order by then.
    pub order_by: i64,
    /// Expected arrival if ordered by then.
    pub expected: i64,
    /// Why: `"below_reorder_point"`, `"below_min"`, `"periodic_review"` or
    /// `"just_in_time"` (owned by the handle).
    pub reason: *const c_char,
    /// The position when planned (after the plan's transfers).
    pub position: [c_char; INV_DECIMAL_LEN],
    /// The reorder point (or level) crossed.
    pub reorder_point: f64,
    /// Expected units short before the order could arrive, were it not placed.
    pub expected_shortage: f64,
    /// The ranking under constraints: expected lost margin avoided per unit of money.
    pub priority: f64,
}

/// A suggested line the constraints left out.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_cut_line {
    /// The supplier (owned by the `inv_plan`: valid until it is freed).
    pub supplier: *const c_char,
    /// The first constraint it breaks: `"budget"`, `"supplier_budget"`,
    /// `"max_order_value"` or `"capacity"` (owned by the handle).
    pub reason: *const c_char,
    /// The line.
    pub line: inv_suggested_line,
}

/// An alert, from the state before the plan.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_plan_alert {
    /// What it is about: `"negative_available"`, `"stockout_within_lead_time"`,
    /// `"below_reorder_point"`, `"overdue_line"`, `"no_supplier"`, `"overstock"`,
    /// `"dead_stock"` or `"slow_stock"` (the last two per SKU, with an empty location)
    /// (owned by the `inv_plan`: valid until it is freed).
    pub kind: *const c_char,
    /// The SKU (owned by the handle).
    pub sku: *const c_char,
    /// The location (owned by the handle).
    pub location: *const c_char,
    /// Whether `day` is set.
    pub has_day: bool,
    /// The day it concerns (the stockout day, an overdue line's expected time), seconds
    /// since the Unix epoch.
    pub day: i64,
    /// A sentence for a person (owned by the handle).
    pub message: *const c_char,
}

fn plan_item(i: &PlanItem, s: &mut CStrings) -> FfiResult<inv_plan_item> {
    Ok(inv_plan_item {
        sku: s.add(&i.sku, "a SKU")?,
        location: s.add(&i.location, "a location name")?,
        policy: s.add(i.policy.name(), "a policy name")?,
        review_days: i.policy.review_days(),
        supplier: match &i.supplier {
            Some(id) => s.add(id, "a supplier id")?,
            None => std::ptr::null(),
        },
        available: decimal_field(i.available),
        incoming: decimal_field(i.incoming),
        position: decimal_field(i.position),
        lead_time_days: i.lead_time_days,
        lead_time_std_days: i.lead_time_std_days,
        has_lead_time_source: i.lead_time_source.is_some(),
        lead_time_source: i.lead_time_source.map_or(0, lead_time_source_to_c),
        protection_days: i.protection_days,
        protection_demand: i.protection_demand,
        protection_std: i.protection_std,
        safety_stock: i.safety_stock,
        reorder_point: i.reorder_point,
        has_order_up_to: i.order_up_to.is_some(),
        order_up_to: i.order_up_to.unwrap_or(0.0),
        has_order_quantity: i.order_quantity.is_some(),
        order_quantity: i.order_quantity.map_or([0; INV_DECIMAL_LEN], decimal_field),
        mean_daily_demand: i.mean_daily_demand,
        // The vector's buffer stays put while the handle (which owns the plan) lives.
        projected: if i.projected.is_empty() {
            std::ptr::null()
        } else {
            i.projected.as_ptr()
        },
        projected_len: i.projected.len(),
        has_stockout_day: i.stockout_day.is_some(),
        stockout_day: i.stockout_day.unwrap_or(0),
        days_of_cover: i.days_of_cover,
        stock_at_lead_time: i.stock_at_lead_time,
    })
}

fn suggested_line(l: &SuggestedLine, s: &mut CStrings) -> FfiResult<inv_suggested_line> {
    Ok(inv_suggested_line {
        sku: s.add(&l.sku, "a SKU")?,
        location: s.add(&l.location, "a location name")?,
        quantity: decimal_field(l.quantity),
        unrounded: l.unrounded,
        rounding_cost: decimal_field(l.rounding_cost),
        unit_price: decimal_field(l.unit_price),
        value: decimal_field(l.value),
        order_by: l.order_by,
        expected: l.expected,
        reason: s.add(l.reason.as_str(), "a reason")?,
        position: decimal_field(l.position),
        reorder_point: l.reorder_point,
        expected_shortage: l.expected_shortage,
        priority: l.priority,
    })
}

fn suggested_transfer(
    t: &SuggestedTransfer,
    s: &mut CStrings,
) -> FfiResult<inv_suggested_transfer> {
    Ok(inv_suggested_transfer {
        sku: s.add(&t.sku, "a SKU")?,
        from: s.add(&t.from, "a location name")?,
        to: s.add(&t.to, "a location name")?,
        quantity: decimal_field(t.quantity),
        arrives: t.arrives,
    })
}

fn cut_line(c: &CutLine, s: &mut CStrings) -> FfiResult<inv_cut_line> {
    Ok(inv_cut_line {
        supplier: s.add(&c.supplier, "a supplier id")?,
        reason: s.add(c.reason.as_str(), "a reason")?,
        line: suggested_line(&c.line, s)?,
    })
}

fn plan_alert(a: &Alert, s: &mut CStrings) -> FfiResult<inv_plan_alert> {
    Ok(inv_plan_alert {
        kind: s.add(a.kind.as_str(), "an alert kind")?,
        sku: s.add(&a.sku, "a SKU")?,
        location: s.add(&a.location, "a location name")?,
        has_day: a.day.is_some(),
        day: a.day.unwrap_or(0),
        message: s.add(&a.message, "an alert message")?,
    })
}

fn plan_handle(plan: Plan) -> FfiResult<PlanHandle> {
    let mut s = CStrings::default();
    let items = plan
        .items
        .iter()
        .map(|i| plan_item(i, &mut s))
        .collect::<FfiResult<Vec<_>>>()?;
    let transfers = plan
        .transfers
        .iter()
        .map(|t| suggested_transfer(t, &mut s))
        .collect::<FfiResult<Vec<_>>>()?;
    let mut orders = Vec::with_capacity(plan.orders.len());
    let mut lines = Vec::with_capacity(plan.orders.len());
    for o in &plan.orders {
        orders.push(inv_supplier_suggestion {
            supplier: s.add(&o.supplier, "a supplier id")?,
            line_count: o.lines.len(),
            total: decimal_field(o.total),
        });
        lines.push(
            o.lines
                .iter()
                .map(|l| suggested_line(l, &mut s))
                .collect::<FfiResult<Vec<_>>>()?,
        );
    }
    let cut = plan
        .cut
        .iter()
        .map(|c| cut_line(c, &mut s))
        .collect::<FfiResult<Vec<_>>>()?;
    let alerts = plan
        .alerts
        .iter()
        .map(|a| plan_alert(a, &mut s))
        .collect::<FfiResult<Vec<_>>>()?;
    Ok(PlanHandle {
        plan,
        items,
        transfers,
        orders,
        lines,
        cut,
        alerts,
        _strings: s,
    })
}

/// A planning run of `request` (copied) against the ledger, into a new handle at `*out`:
/// projected stock, suggested transfers and purchase orders by supplier, cut lines and
/// alerts for every SKU × location of the request's forecasts. Reads the ledger only.
///
/// Example: 30 MUG at WH, ACME sells MUG at 4.00 in packs of 12 with a quoted lead time of
/// 10 days, a forecast of 5 a day (σ 2) and the default policy: the reorder point is
/// 50 + 1.645 × √40 = 60.40, the EOQ 300, and one line of 300 × 4.00 = 1200.00 is
/// suggested, below the reorder point.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_INPUT` (a horizon of 0 or above 3660 days, a
/// service level outside (0, 1), a negative or non-finite forecast, two forecasts for one
/// pair (also a forecast and a pooled forecast's share), a pooled look-back of 0 or above
/// 3660 days, a negative budget, 0 threads or more than 64, ...), `INV_UNKNOWN_SKU` (a
/// pooled forecast of a SKU the ledger has never seen), `INV_OVERFLOW`, `INV_INTERIOR_NUL`
/// (a name read from a snapshot contains a NUL byte). Nothing is written to `*out` then.
///
/// # Safety
/// `ledger` NULL or a live handle; `request` NULL or a live builder; `out` NULL or a
/// writable `inv_plan *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_plan(
    ledger: *const inv_ledger,
    request: *const inv_plan_request,
    out: *mut *mut inv_plan,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, r) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_ref_from_ptr(request, "request")?,
            )
        };
        check_out(out, "out")?;
        let handle = plan_handle(l.plan(r)?)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_plan>(handle)) };
        Ok(())
    })
}

/// The number of rows of one of a plan's lists (0 for NULL).
///
/// # Safety
/// `plan` NULL or a live handle.
unsafe fn plan_len<T>(plan: *const inv_plan, rows: fn(&PlanHandle) -> &[T]) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(plan, "plan") }.map_or(0, |h| rows(h).len())
    })
}

/// Copies row `index` of one of a plan's lists into `*out`.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or writable.
unsafe fn plan_get<T: Copy>(
    plan: *const inv_plan,
    index: usize,
    out: *mut T,
    what: &str,
    rows: fn(&PlanHandle) -> &[T],
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(plan, "plan") }?;
        check_out(out, "out")?;
        let row = row_at(rows(h), index, what)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

/// The number of items, one per SKU × location planned (0 for NULL).
///
/// # Safety
/// `plan` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_items_len(plan: *const inv_plan) -> usize {
    // SAFETY: forwarded contract.
    unsafe { plan_len(plan, |h| &h.items) }
}

/// Item `index` (0-based; by SKU then location) into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_items_get(
    plan: *const inv_plan,
    index: usize,
    out: *mut inv_plan_item,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { plan_get(plan, index, out, "item", |h| &h.items) }
}

/// The number of suggested transfers (0 for NULL).
///
/// # Safety
/// `plan` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_transfers_len(plan: *const inv_plan) -> usize {
    // SAFETY: forwarded contract.
    unsafe { plan_len(plan, |h| &h.transfers) }
}

/// Suggested transfer `index` (0-based; by SKU) into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_transfers_get(
    plan: *const inv_plan,
    index: usize,
    out: *mut inv_suggested_transfer,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { plan_get(plan, index, out, "transfer", |h| &h.transfers) }
}

/// The number of suggested orders, one per supplier (0 for NULL).
///
/// # Safety
/// `plan` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_orders_len(plan: *const inv_plan) -> usize {
    // SAFETY: forwarded contract.
    unsafe { plan_len(plan, |h| &h.orders) }
}

/// Suggested order `index` (0-based; by supplier) into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_orders_get(
    plan: *const inv_plan,
    index: usize,
    out: *mut inv_supplier_suggestion,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { plan_get(plan, index, out, "order", |h| &h.orders) }
}

/// Line `line` (0-based; by SKU then location; fewer than its `line_count`) of suggested
/// order `order` into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE` (the order or the line).
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_order_lines_get(
    plan: *const inv_plan,
    order: usize,
    line: usize,
    out: *mut inv_suggested_line,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(plan, "plan") }?;
        check_out(out, "out")?;
        let lines = h.lines.get(order).ok_or_else(|| {
            Failure::new(
                crate::error::INV_INDEX_OUT_OF_RANGE,
                format!(
                    "order index {order} is out of range (there are {})",
                    h.lines.len()
                ),
            )
        })?;
        let row = row_at(lines, line, "line")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

/// The number of lines the constraints cut (0 for NULL).
///
/// # Safety
/// `plan` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_cut_len(plan: *const inv_plan) -> usize {
    // SAFETY: forwarded contract.
    unsafe { plan_len(plan, |h| &h.cut) }
}

/// Cut line `index` (0-based; in the order the lines were considered, highest priority
/// first) into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_cut_get(
    plan: *const inv_plan,
    index: usize,
    out: *mut inv_cut_line,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { plan_get(plan, index, out, "cut line", |h| &h.cut) }
}

/// The number of alerts (0 for NULL).
///
/// # Safety
/// `plan` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_alerts_len(plan: *const inv_plan) -> usize {
    // SAFETY: forwarded contract.
    unsafe { plan_len(plan, |h| &h.alerts) }
}

/// Alert `index` (0-based; by kind in the order `inv_plan_alert.kind` lists them, then
/// SKU, then location) into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_alerts_get(
    plan: *const inv_plan,
    index: usize,
    out: *mut inv_plan_alert,
) -> inv_result {
    // SAFETY: forwarded contract.
    unsafe { plan_get(plan, index, out, "alert", |h| &h.alerts) }
}

/// The whole plan as the core's `Plan` JSON, into a new string at `*out` (release it with
/// `inv_string_free`): an object with `"as_of"`, `"items"`, `"transfers"`, `"orders"`
/// (each with `"supplier"`, `"lines"` and `"total"`), `"cut"` and `"alerts"`, with the
/// core's field names, decimals as strings, times as seconds since the epoch, absent
/// values as `null`.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_json(plan: *const inv_plan, out: *mut *mut c_char) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(plan, "plan") }?;
        check_out(out, "out")?;
        let json = serde_json::to_string(&h.plan)
            .map_err(|e| Failure::new(INV_PANIC, format!("serializing the plan: {e}")))?;
        let s = to_c_string(json, "the plan")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, s.into_raw()) };
        Ok(())
    })
}

/// Releases a plan (and the strings and projections it owns). NULL is a no-op.
///
/// # Safety
/// `plan` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_plan_free(plan: *mut inv_plan) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(plan) })
}

// ---------------------------------------------------------------------------------------
// Accepting a plan
// ---------------------------------------------------------------------------------------

/// Accepts a plan: every suggested order of `plan` becomes a purchase order, created and
/// placed at `time`, order `i` under the id `order_ids[i]` (`n_ids` must equal
/// `inv_plan_orders_len(plan)`), its lines numbered from 1 with the suggestion's
/// quantity, unit price, location and expected time; with `with_transfers`, the plan's
/// transfers are posted first as stock transfers at `time` (the ledger moves the stock at
/// once). All in one transaction: everything, or on the first error nothing.
///
/// The outcomes of the purchasing events posted are written to `out` (nullable; with
/// `out_len` 0 when NULL): two per order, its creation then its placing, so
/// `out[2 * i + 1]` is order `i`'s placing (status `INV_ORDER_STATUS_PLACED`). A non-NULL
/// `out` must hold exactly `out_len == 2 * n_ids` entries: a shorter array is
/// `INV_BUFFER_TOO_SMALL`, a longer one `INV_INVALID_INPUT`, checked before anything is
/// posted. The transfers' movements are in the journal (`inv_ledger_journal_outcome`).
///
/// Errors: `INV_NULL_ARGUMENT` (also `order_ids` NULL with `n_ids` above 0, or a NULL
/// id), `INV_INVALID_UTF8`, `INV_INVALID_INPUT` (`n_ids` is not the number of orders, or
/// `out_len` too large), `INV_BUFFER_TOO_SMALL`, `INV_DUPLICATE_ID` (an id already used,
/// or twice), `INV_INSUFFICIENT_STOCK` (a transfer no longer possible), `INV_UNKNOWN_SUPPLIER`
/// and `INV_INVALID_INPUT` (a quantity the supplier no longer accepts), `INV_OUT_OF_ORDER`.
/// The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; `plan` NULL or a live handle; `order_ids` NULL or
/// `n_ids` readable string pointers, each NULL or NUL-terminated; `out` NULL or valid for
/// `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_accept_plan(
    ledger: *mut inv_ledger,
    plan: *const inv_plan,
    order_ids: *const *const c_char,
    n_ids: usize,
    with_transfers: bool,
    time: i64,
    out: *mut inv_purchase_outcome,
    out_len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, h, ids) = unsafe {
            (
                try_mut_from_ptr(ledger, "ledger")?,
                try_ref_from_ptr(plan, "plan")?,
                try_slice(order_ids, n_ids, "order_ids")?,
            )
        };
        let ids = ids
            .iter()
            .enumerate()
            // SAFETY: each entry is NULL or NUL-terminated by the contract.
            .map(|(i, &id)| unsafe { try_str(id, &format!("order_ids[{i}]")) })
            .collect::<FfiResult<Vec<_>>>()?;
        let orders = &h.plan.orders;
        if ids.len() != orders.len() {
            return Err(Failure::new(
                INV_INVALID_INPUT,
                format!(
                    "{} order ids for a plan of {} suggested orders",
                    ids.len(),
                    orders.len()
                ),
            ));
        }
        // Each order is two events: created, then placed.
        if !(out.is_null() && out_len == 0) {
            check_array_len(out_len, 2 * orders.len())?;
            check_out(out, "out")?;
        }
        let accepted = ids
            .iter()
            .zip(orders)
            .map(|(id, o)| AcceptedOrder {
                order: (*id).to_owned(),
                suggestion: o.clone(),
            })
            .collect();
        let transfers = if with_transfers {
            h.plan.transfers.clone()
        } else {
            Vec::new()
        };
        let outcomes = l.accept_plan(accepted, transfers, time)?;
        if !out.is_null() {
            for (i, o) in outcomes.iter().take(out_len).enumerate() {
                // SAFETY: `out` is valid for `out_len` writes by the contract and `i <
                // out_len`.
                unsafe { out.add(i).write(inv_purchase_outcome::from(o)) };
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_settings_are_the_cores() {
        let c = inv_policy_settings_default();
        // SAFETY: the default carries NULL decimals and a static name.
        let s = unsafe { settings_from_c(&c, "settings") }.unwrap();
        assert_eq!(s, PolicySettings::default());
    }

    #[test]
    fn update_applies_a_builder_method() {
        let mut r = PlanRequest::new(7, Vec::new()).horizon_days(30);
        update(&mut r, |r| r.budget(inventory_core::Decimal::TEN));
        assert_eq!(
            r,
            PlanRequest::new(7, Vec::new())
                .horizon_days(30)
                .budget(inventory_core::Decimal::TEN)
        );
    }
}
