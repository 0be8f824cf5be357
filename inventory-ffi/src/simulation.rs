//! Policy simulation: one or several policies run day by day over the same demand, side by
//! side (the core's `replenish::simulation` module; its documentation has the rules).
//!
//! A simulation is described by plain structs: an `inv_sim_config` (the demand, the days,
//! the stock on hand at the start, the lead time, the costs, backorders or lost sales, the
//! seed; start from `inv_sim_config_default()`) and one `inv_sim_policy` per policy
//! ((r, Q), (s, S), (R, S) or (R, s, S) with its levels). `inv_simulate` writes one
//! `inv_sim_report` per policy (fill rate, cycle service level, average stock and
//! backorders, orders, stockout days, costs); `inv_simulate_many` does the same for many
//! SKUs on threads, with the same result on any thread count.
//! `inv_sim_policy_from_plan_item` takes the levels a planning run computed (`inv_plan`).
//!
//! The binding only converts: every number (a negative or non-finite cost, Q ≤ 0, S below
//! s, a review period of 0, more than 100,000 days, a warm-up as long as the run, 0 threads
//! or more than 64, ...) is checked by the core and refused with `INV_INVALID_INPUT`;
//! nothing is written then.

// The C signature of `inv_simulate_many` lists its arrays with their lengths.
#![allow(clippy::too_many_arguments)]

use inventory_core::replenish::{
    simulate, simulate_many, SimConfig, SimDemand, SimPolicy, SimReport,
};

use crate::error::{inv_result, INV_INDEX_OUT_OF_RANGE, INV_INVALID_INPUT};
use crate::ffi::{
    bad_enum, call, check_array_len, check_out, check_out_array, try_ref_from_ptr, try_slice,
    write_array, write_out, Failure, FfiResult,
};
use crate::replenish::inv_plan;

/// Where simulated demand comes from (one of the `INV_SIM_DEMAND_*` values;
/// `inv_sim_config.demand`).
pub type inv_sim_demand = u32;
/// A history replayed day by day (`series`, `series_len` days; its length is the run's
/// length, `days` is ignored).
pub const INV_SIM_DEMAND_HISTORY: inv_sim_demand = 0;
/// Independent normal draws of mean `mean` and deviation `std_dev` a day, truncated at 0.
pub const INV_SIM_DEMAND_NORMAL: inv_sim_demand = 1;
/// Normal draws of deviation `std_dev` around a forecast's daily means (`series`,
/// `series_len` days, the last day repeating), truncated at 0.
pub const INV_SIM_DEMAND_FORECAST: inv_sim_demand = 2;

/// A simulated policy (one of the `INV_SIM_POLICY_*` values; `inv_sim_policy.kind`).
pub type inv_sim_policy_kind = u32;
/// (r, Q): after any day, at or below `r`, order `n·q` with the smallest `n` that lifts the
/// inventory position above `r`.
pub const INV_SIM_POLICY_REORDER_POINT: inv_sim_policy_kind = 0;
/// (s, S): after any day, at or below `s`, order up to `big_s`.
pub const INV_SIM_POLICY_MIN_MAX: inv_sim_policy_kind = 1;
/// (R, S): every `review_days` (day 0 first), order up to `big_s`.
pub const INV_SIM_POLICY_ORDER_UP_TO: inv_sim_policy_kind = 2;
/// (R, s, S): every `review_days` (day 0 first), at or below `s`, order up to `big_s`.
pub const INV_SIM_POLICY_PERIODIC_MIN_MAX: inv_sim_policy_kind = 3;

/// One SKU's simulation (the core's `SimConfig`). Start from `inv_sim_config_default()`
/// and set the demand and what else you need; the fields the demand kind does not use are
/// ignored. The series is read during the call only.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_sim_config {
    /// Where demand comes from (`INV_SIM_DEMAND_*`). Default `INV_SIM_DEMAND_HISTORY`.
    pub demand: inv_sim_demand,
    /// The history (`INV_SIM_DEMAND_HISTORY`) or the forecast's daily means
    /// (`INV_SIM_DEMAND_FORECAST`): `series_len` values, day 0 first (NULL only with
    /// `series_len` 0). Default NULL.
    pub series: *const f64,
    /// The number of values at `series`. Default 0.
    pub series_len: usize,
    /// The mean demand a day (`INV_SIM_DEMAND_NORMAL`). Default NaN (must be set).
    pub mean: f64,
    /// The standard deviation of a day's demand (`INV_SIM_DEMAND_NORMAL`,
    /// `INV_SIM_DEMAND_FORECAST`). Default NaN (must be set).
    pub std_dev: f64,
    /// Days simulated after the warm-up (ignored for a history, whose length is the run's).
    /// Default 365.
    pub days: usize,
    /// Days simulated first and not measured. Default 0.
    pub warmup_days: usize,
    /// Stock on hand on day 0. Default 100.
    pub start_on_hand: f64,
    /// Mean lead time in days (each order's is drawn, rounded to whole days, at least 1).
    /// Default 7.
    pub lead_time_days: f64,
    /// Its standard deviation in days. Default 0.
    pub lead_time_std_days: f64,
    /// Value of a unit (for the average stock value). Default 1.
    pub unit_cost: f64,
    /// Cost of holding a unit for a day. Default 0.25 / 365.
    pub holding_cost: f64,
    /// Cost of placing an order. Default 25.
    pub order_cost: f64,
    /// Backorders: cost per unit backordered per day; lost sales: cost per unit lost.
    /// Default 1.
    pub shortage_cost: f64,
    /// Unmet demand is lost (else backordered). Default false.
    pub lost_sales: bool,
    /// The random seed (normal demand draws and lead times). Default 1.
    pub seed: u64,
}

/// A policy with its levels, for simulation (the core's `SimPolicy`). The fields the kind
/// does not use are ignored (0 in the policies this library writes).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_sim_policy {
    /// The policy (`INV_SIM_POLICY_*`).
    pub kind: inv_sim_policy_kind,
    /// The reorder point r (`INV_SIM_POLICY_REORDER_POINT`).
    pub r: f64,
    /// The order quantity Q, above 0 (`INV_SIM_POLICY_REORDER_POINT`).
    pub q: f64,
    /// The level s at or below which to order (`INV_SIM_POLICY_MIN_MAX`,
    /// `INV_SIM_POLICY_PERIODIC_MIN_MAX`).
    pub s: f64,
    /// The order-up-to level S, at least s (`INV_SIM_POLICY_MIN_MAX`,
    /// `INV_SIM_POLICY_ORDER_UP_TO`, `INV_SIM_POLICY_PERIODIC_MIN_MAX`).
    pub big_s: f64,
    /// Days between reviews R, at least 1 (`INV_SIM_POLICY_ORDER_UP_TO`,
    /// `INV_SIM_POLICY_PERIODIC_MIN_MAX`).
    pub review_days: u32,
}

/// What a policy achieved over the days after the warm-up (the core's `SimReport`). Each
/// optional field is valid only when its `has_` flag is true (0 otherwise).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_sim_report {
    /// The policy simulated.
    pub policy: inv_sim_policy,
    /// Days measured.
    pub days: usize,
    /// Whether `cycle_service_level` is set (false when no order arrived in the measured
    /// days).
    pub has_cycle_service_level: bool,
    /// The share of replenishment cycles (from one arrival to the next) without a stockout
    /// day.
    pub cycle_service_level: f64,
    /// Whether `fill_rate` is set (false without demand).
    pub has_fill_rate: bool,
    /// The share of demand served from stock on the day.
    pub fill_rate: f64,
    /// Mean end-of-day stock on hand.
    pub average_on_hand: f64,
    /// Its value at the unit cost.
    pub average_on_hand_value: f64,
    /// Mean end-of-day backorders (0 under lost sales).
    pub average_backorders: f64,
    /// Orders placed.
    pub orders: usize,
    /// Days with demand not served from stock.
    pub stockout_days: usize,
    /// Units lost (lost sales) or backordered when demanded (backorders).
    pub units_short: f64,
    /// Holding cost in total.
    pub holding_cost: f64,
    /// Ordering cost in total.
    pub ordering_cost: f64,
    /// Shortage cost in total.
    pub shortage_cost: f64,
    /// Holding + ordering + shortage, in total.
    pub total_cost: f64,
    /// Total cost per day measured.
    pub cost_per_day: f64,
}

/// The core's defaults (`SimConfig::new`): a year (365 days) without warm-up, 100 on hand,
/// a fixed 7-day lead time, unit cost 1, holding 25 % a year of it (0.25 / 365 a day),
/// order cost 25, shortage 1 per unit per day, backorders, seed 1; the demand a history
/// without days (`series` NULL), `mean` and `std_dev` NaN (to be set for the kinds that
/// use them).
#[no_mangle]
pub extern "C" fn inv_sim_config_default() -> inv_sim_config {
    let d = SimConfig::new(SimDemand::History(Vec::new()));
    inv_sim_config {
        demand: INV_SIM_DEMAND_HISTORY,
        series: std::ptr::null(),
        series_len: 0,
        // `SimConfig::new` takes the demand as an argument: it has no default.
        mean: f64::NAN,
        std_dev: f64::NAN,
        days: d.days,
        warmup_days: d.warmup_days,
        start_on_hand: d.start_on_hand,
        lead_time_days: d.lead_time_days,
        lead_time_std_days: d.lead_time_std_days,
        unit_cost: d.unit_cost,
        holding_cost: d.holding_cost,
        order_cost: d.order_cost,
        shortage_cost: d.shortage_cost,
        lost_sales: d.lost_sales,
        seed: d.seed,
    }
}

/// The core's configuration from a C `inv_sim_config` (the series copied).
///
/// # Safety
/// `c.series` NULL (only with `c.series_len` 0) or valid for `c.series_len` reads.
unsafe fn config_from_c(c: &inv_sim_config, name: &str) -> FfiResult<SimConfig> {
    // SAFETY: forwarded contract.
    let series = || unsafe { try_slice(c.series, c.series_len, &format!("{name}.series")) };
    let demand = match c.demand {
        INV_SIM_DEMAND_HISTORY => SimDemand::History(series()?.to_vec()),
        INV_SIM_DEMAND_NORMAL => SimDemand::Normal {
            mean: c.mean,
            std_dev: c.std_dev,
        },
        INV_SIM_DEMAND_FORECAST => SimDemand::Forecast {
            daily: series()?.to_vec(),
            std_dev: c.std_dev,
        },
        v => {
            return Err(bad_enum(
                &format!("{name}.demand"),
                v,
                "INV_SIM_DEMAND_HISTORY, INV_SIM_DEMAND_NORMAL, INV_SIM_DEMAND_FORECAST",
            ))
        }
    };
    Ok(SimConfig {
        demand,
        days: c.days,
        warmup_days: c.warmup_days,
        start_on_hand: c.start_on_hand,
        lead_time_days: c.lead_time_days,
        lead_time_std_days: c.lead_time_std_days,
        unit_cost: c.unit_cost,
        holding_cost: c.holding_cost,
        order_cost: c.order_cost,
        shortage_cost: c.shortage_cost,
        lost_sales: c.lost_sales,
        seed: c.seed,
    })
}

/// The core's policy from a C `inv_sim_policy` (the fields its kind does not use ignored).
fn policy_from_c(p: &inv_sim_policy, name: &str) -> FfiResult<SimPolicy> {
    match p.kind {
        INV_SIM_POLICY_REORDER_POINT => Ok(SimPolicy::ReorderPoint { r: p.r, q: p.q }),
        INV_SIM_POLICY_MIN_MAX => Ok(SimPolicy::MinMax {
            s: p.s,
            big_s: p.big_s,
        }),
        INV_SIM_POLICY_ORDER_UP_TO => Ok(SimPolicy::OrderUpTo {
            review_days: p.review_days,
            big_s: p.big_s,
        }),
        INV_SIM_POLICY_PERIODIC_MIN_MAX => Ok(SimPolicy::PeriodicMinMax {
            review_days: p.review_days,
            s: p.s,
            big_s: p.big_s,
        }),
        v => Err(bad_enum(
            &format!("{name}.kind"),
            v,
            "INV_SIM_POLICY_REORDER_POINT, INV_SIM_POLICY_MIN_MAX, INV_SIM_POLICY_ORDER_UP_TO, \
             INV_SIM_POLICY_PERIODIC_MIN_MAX",
        )),
    }
}

/// Converts the C policies `policies[0 .. n]`, named `policies[i]` in errors.
fn policies_from_c(policies: &[inv_sim_policy]) -> FfiResult<Vec<SimPolicy>> {
    policies
        .iter()
        .enumerate()
        .map(|(i, p)| policy_from_c(p, &format!("policies[{i}]")))
        .collect()
}

impl From<&SimPolicy> for inv_sim_policy {
    fn from(p: &SimPolicy) -> Self {
        let zero = inv_sim_policy {
            kind: INV_SIM_POLICY_REORDER_POINT,
            r: 0.0,
            q: 0.0,
            s: 0.0,
            big_s: 0.0,
            review_days: 0,
        };
        match *p {
            SimPolicy::ReorderPoint { r, q } => inv_sim_policy { r, q, ..zero },
            SimPolicy::MinMax { s, big_s } => inv_sim_policy {
                kind: INV_SIM_POLICY_MIN_MAX,
                s,
                big_s,
                ..zero
            },
            SimPolicy::OrderUpTo { review_days, big_s } => inv_sim_policy {
                kind: INV_SIM_POLICY_ORDER_UP_TO,
                big_s,
                review_days,
                ..zero
            },
            SimPolicy::PeriodicMinMax {
                review_days,
                s,
                big_s,
            } => inv_sim_policy {
                kind: INV_SIM_POLICY_PERIODIC_MIN_MAX,
                s,
                big_s,
                review_days,
                ..zero
            },
        }
    }
}

impl From<&SimReport> for inv_sim_report {
    fn from(r: &SimReport) -> Self {
        inv_sim_report {
            policy: inv_sim_policy::from(&r.policy),
            days: r.days,
            has_cycle_service_level: r.cycle_service_level.is_some(),
            cycle_service_level: r.cycle_service_level.unwrap_or(0.0),
            has_fill_rate: r.fill_rate.is_some(),
            fill_rate: r.fill_rate.unwrap_or(0.0),
            average_on_hand: r.average_on_hand,
            average_on_hand_value: r.average_on_hand_value,
            average_backorders: r.average_backorders,
            orders: r.orders,
            stockout_days: r.stockout_days,
            units_short: r.units_short,
            holding_cost: r.holding_cost,
            ordering_cost: r.ordering_cost,
            shortage_cost: r.shortage_cost,
            total_cost: r.total_cost,
            cost_per_day: r.cost_per_day,
        }
    }
}

/// Simulates the `n` policies at `policies` side by side on one SKU (`*config`), every
/// policy on the same demand, and writes one report per policy to `out` (`out[i]` for
/// `policies[i]`).
///
/// Each day: orders due arrive; the day's demand is served from stock (the rest
/// backordered or lost); the end-of-day stock is costed; the policy reviews the inventory
/// position (on hand − backorders + on order) and may order, to arrive `L` days later.
///
/// Example: 12 on hand, a history of 5 a day for 4 days, a lead time of 2 and a policy
/// that never orders (r = −100, Q = 1): 5, 5 and 2 units are served; under lost sales the
/// fill rate is 12 / 20 = 0.6 with 2 stockout days and 8 units lost (a shortage cost of 8
/// at 1 a unit), under backorders 3 then 8 units are owed at the ends of days 3 and 4
/// (11 unit-days, 2.75 on average).
///
/// `out` must hold exactly `out_len == n` reports: a shorter array is
/// `INV_BUFFER_TOO_SMALL`, a longer one `INV_INVALID_INPUT`, checked before anything is
/// simulated.
///
/// Errors: `INV_NULL_ARGUMENT` (also `policies`, `out` or `config->series` NULL with a
/// length above 0), `INV_INVALID_ENUM` (`config->demand`, a policy's `kind`),
/// `INV_BUFFER_TOO_SMALL`, `INV_INVALID_INPUT` (`out_len` too large; a configuration or
/// policy the core refuses: a negative or non-finite value, more than 100,000 days, a
/// warm-up as long as the run, Q ≤ 0, S below s, a review period of 0). Nothing is
/// written then.
///
/// # Safety
/// `config` NULL or a valid struct whose `series` is NULL or valid for `series_len` reads;
/// `policies` NULL (only with `n` 0) or valid for `n` reads; `out` NULL (only with
/// `out_len` 0) or valid for `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_simulate(
    config: *const inv_sim_config,
    policies: *const inv_sim_policy,
    n: usize,
    out: *mut inv_sim_report,
    out_len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: a non-NULL `config` points to a valid struct by the contract.
        let c = unsafe { config.as_ref() }.ok_or_else(|| Failure::null("config"))?;
        // SAFETY: forwarded contract.
        let (c, policies) = unsafe {
            (
                config_from_c(c, "config")?,
                try_slice(policies, n, "policies")?,
            )
        };
        let policies = policies_from_c(policies)?;
        check_array_len(out_len, n)?;
        check_out_array(out, out_len, "out")?;
        let reports = simulate(&c, &policies)?;
        // SAFETY: forwarded contract.
        unsafe { write_array(out, out_len, &reports, inv_sim_report::from) }
    })
}

/// Simulates `n_configs` SKUs, each with `policies_per_config` policies, on up to `threads`
/// threads (1 to 64; 1 = the calling thread only). SKU `i` is `configs[i]` with the
/// policies `policies[i * policies_per_config .. (i + 1) * policies_per_config]`
/// (config-major), and its reports go to the same places of `out`: `out[i *
/// policies_per_config + j]` is policy `j` of SKU `i`, the report `inv_simulate` gives for
/// that SKU alone. The result is the same on any thread count.
///
/// `out` must hold exactly `out_len == n_configs * policies_per_config` reports: a shorter
/// array is `INV_BUFFER_TOO_SMALL`, a longer one `INV_INVALID_INPUT`, checked before
/// anything is simulated. All-or-nothing.
///
/// Errors: as `inv_simulate` (a struct named `configs[i]`, a policy `policies[k]` in the
/// message); `INV_INVALID_INPUT` also for `threads` 0 or above 64, or a product
/// `n_configs * policies_per_config` that does not fit in `size_t`. When SKUs fail, the
/// error is that of the first failing SKU (in input order) and `inv_last_error_index`
/// gives its index. Nothing is written then.
///
/// # Safety
/// `configs` NULL (only with `n_configs` 0) or valid for `n_configs` reads, each with a
/// `series` NULL or valid for its `series_len` reads; `policies` NULL (only when the
/// product is 0) or valid for `n_configs * policies_per_config` reads; `out` NULL (only
/// with `out_len` 0) or valid for `out_len` writes.
#[no_mangle]
pub unsafe extern "C" fn inv_simulate_many(
    configs: *const inv_sim_config,
    n_configs: usize,
    policies: *const inv_sim_policy,
    policies_per_config: usize,
    threads: usize,
    out: *mut inv_sim_report,
    out_len: usize,
) -> inv_result {
    call(|| {
        let n = n_configs.checked_mul(policies_per_config).ok_or_else(|| {
            Failure::new(
                INV_INVALID_INPUT,
                "n_configs * policies_per_config does not fit in size_t",
            )
        })?;
        // SAFETY: forwarded contract.
        let (configs, policies) = unsafe {
            (
                try_slice(configs, n_configs, "configs")?,
                try_slice(policies, n, "policies")?,
            )
        };
        let configs = configs
            .iter()
            .enumerate()
            // SAFETY: each struct's series is valid by the contract.
            .map(|(i, c)| unsafe { config_from_c(c, &format!("configs[{i}]")) })
            .collect::<FfiResult<Vec<_>>>()?;
        let policies = policies_from_c(policies)?;
        check_array_len(out_len, n)?;
        check_out_array(out, out_len, "out")?;
        let runs: Vec<(SimConfig, Vec<SimPolicy>)> = configs
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let first = i * policies_per_config;
                (c, policies[first..first + policies_per_config].to_vec())
            })
            .collect();
        let reports: Vec<SimReport> = simulate_many(&runs, threads)?
            .into_iter()
            .flatten()
            .collect();
        // SAFETY: forwarded contract.
        unsafe { write_array(out, out_len, &reports, inv_sim_report::from) }
    })
}

/// The levels a planning run computed for item `item` of `plan` (0-based, as
/// `inv_plan_items_get` numbers them), as a policy to simulate (the core's
/// `SimPolicy::from_plan_item`): (s, Q) as `INV_SIM_POLICY_REORDER_POINT` with r = s,
/// min/max as `INV_SIM_POLICY_MIN_MAX`, order-up-to and just-in-time as
/// `INV_SIM_POLICY_ORDER_UP_TO` and periodic min/max as `INV_SIM_POLICY_PERIODIC_MIN_MAX`
/// (a review period of 0 simulated as 1 day).
///
/// Writes `*has`: false for a policy that orders nothing (manual, dropship) or an item
/// without a level (no supplier, no demand); `*out` is written only when `*has` is true.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`. Nothing is written then.
///
/// # Safety
/// `plan` NULL or a live handle; `out` NULL or a writable `inv_sim_policy`; `has` NULL or a
/// writable `bool`.
#[no_mangle]
pub unsafe extern "C" fn inv_sim_policy_from_plan_item(
    plan: *const inv_plan,
    item: usize,
    out: *mut inv_sim_policy,
    has: *mut bool,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(plan, "plan") }?;
        check_out(out, "out")?;
        check_out(has, "has")?;
        let items = &h.plan().items;
        let it = items.get(item).ok_or_else(|| {
            Failure::new(
                INV_INDEX_OUT_OF_RANGE,
                format!(
                    "item index {item} is out of range (there are {})",
                    items.len()
                ),
            )
        })?;
        let policy = SimPolicy::from_plan_item(it);
        // SAFETY: `out` and `has` are non-NULL and writable by the contract.
        unsafe {
            write_out(has, policy.is_some());
            if let Some(p) = policy {
                write_out(out, inv_sim_policy::from(&p));
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_is_the_cores() {
        let days = [5.0, 5.0, 5.0];
        let mut c = inv_sim_config_default();
        c.series = days.as_ptr();
        c.series_len = days.len();
        // SAFETY: the series points to a live array of `series_len` values.
        let core = unsafe { config_from_c(&c, "config") }.unwrap();
        assert_eq!(core, SimConfig::new(SimDemand::History(days.to_vec())));
    }

    #[test]
    fn policies_convert_both_ways() {
        for p in [
            SimPolicy::ReorderPoint { r: 1.5, q: 3.0 },
            SimPolicy::MinMax { s: 2.0, big_s: 9.0 },
            SimPolicy::OrderUpTo {
                review_days: 7,
                big_s: 40.0,
            },
            SimPolicy::PeriodicMinMax {
                review_days: 3,
                s: 5.0,
                big_s: 50.0,
            },
        ] {
            let c = inv_sim_policy::from(&p);
            assert_eq!(policy_from_c(&c, "p").unwrap(), p);
        }
        let mut c = inv_sim_policy::from(&SimPolicy::ReorderPoint { r: 1.0, q: 1.0 });
        c.kind = 4;
        assert_eq!(
            policy_from_c(&c, "p").unwrap_err().code,
            crate::error::INV_INVALID_ENUM
        );
    }
}
