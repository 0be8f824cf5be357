//! Policy simulation: one or several policies run day by day over the same demand, side by
//! side.
//!
//! # The day
//!
//! Each simulated day `t`: (1) orders due that day arrive; (2) the day's demand is served
//! from stock: what stock cannot serve is backordered (served first from later arrivals)
//! or lost, as [`SimConfig::lost_sales`] says; (3) the end-of-day stock is costed: on hand
//! × [`SimConfig::holding_cost`], backordered units × [`SimConfig::shortage_cost`] (per
//! unit per day; under lost sales the shortage cost is per unit lost instead); (4) the
//! policy reviews the *inventory position* (on hand − backorders + on order) and may
//! order; an order placed on day `t` with a lead time of `L` days arrives at the start of
//! day `t + L + 1`: the `L` days of demand after the review come before it, as the
//! planner's protection interval assumes (so a reorder point of `D(L) + z·σ(L)` gives
//! about the cycle service level `Φ(z)`). End-of-day stock is then the position after
//! ordering less `L + 1` days of demand (the discrete-time form of the textbook
//! formulas, Zipkin §6.2). Lead times are drawn per order
//! from the normal distribution of [`SimConfig::lead_time_days`] and
//! [`SimConfig::lead_time_std_days`], rounded to whole days, at least 1.
//!
//! # Policies ([`SimPolicy`])
//!
//! - `ReorderPoint { r, q }`: after any day, at or below `r`, order `n·q` with the
//!   smallest `n` that lifts the position above `r` (so that the position after ordering
//!   is uniform on `(r, r + q]` in the long run, as the textbook formula assumes);
//! - `MinMax { s, big_s }`: at or below `s`, order up to `big_s`;
//! - `OrderUpTo { review_days, big_s }`: every `review_days` (day 0 first), order up to
//!   `big_s`;
//! - `PeriodicMinMax { review_days, s, big_s }`: every `review_days`, at or below `s`,
//!   order up to `big_s`.
//!
//! [`SimPolicy::from_plan_item`] takes the levels a planning run computed. The policies
//! are reviewed at the end of every day: a continuous-review reorder point is crossed
//! between reviews, and the position is found below it by the *undershoot* (up to a day's
//! demand), so an (r, Q) or (s, S) level set for continuous review achieves less service
//! here than its target; the periodic (R, S) level `D(L + R) + z·σ(L + R)` achieves its
//! target (a test checks both).
//!
//! # Measures ([`SimReport`], over the days after the warm-up)
//!
//! Fill rate = demand served from stock on the day ÷ demand; stockout days = days with
//! demand not served from stock; cycle service level = the share of replenishment cycles
//! (from one arrival to the next) without a stockout day; average on hand (end of day)
//! and its value at [`SimConfig::unit_cost`]; orders placed; holding, ordering
//! ([`SimConfig::order_cost`] per order) and shortage costs, in total and per day.
//!
//! # Demand ([`SimDemand`])
//!
//! A history replayed as it is, or normal draws (seeded: [`SimConfig::seed`]) around a
//! constant mean or a forecast's daily means, truncated at 0. Every policy of a run sees
//! the same demand (common random numbers); lead times come from a second stream of the
//! same seed, one per policy, so a policy's result does not depend on the others.

use super::{PlanItem, Policy};
use crate::error::{PolicyError, Result};
use crate::stats::SplitMix64;
use rust_decimal::prelude::ToPrimitive;

/// The most days one simulation runs (about 270 years).
pub const MAX_SIM_DAYS: usize = 100_000;

/// The largest level (r, s, S, Q) a simulated policy may have, in units.
pub const MAX_SIM_LEVEL: f64 = 1e12;

/// The most threads [`simulate_many`] uses: the engine's one limit,
/// [`crate::parallel::MAX_THREADS`].
pub const MAX_SIM_THREADS: usize = crate::parallel::MAX_THREADS;

/// Where simulated demand comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum SimDemand {
    /// A history replayed day by day (its length is the run's length).
    History(Vec<f64>),
    /// Independent normal draws of this mean and deviation, truncated at 0.
    Normal {
        /// Mean per day.
        mean: f64,
        /// Standard deviation per day.
        std_dev: f64,
    },
    /// Normal draws around a forecast's daily means (its last day repeating), truncated at 0.
    Forecast {
        /// Expected units per day.
        daily: Vec<f64>,
        /// Standard deviation of one day.
        std_dev: f64,
    },
}

/// One SKU's simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    /// Demand.
    pub demand: SimDemand,
    /// Days simulated after the warm-up (a history sets its own length: `days` is then
    /// ignored).
    pub days: usize,
    /// Days simulated first and not measured (so that the start does not weigh).
    pub warmup_days: usize,
    /// Stock on hand on day 0.
    pub start_on_hand: f64,
    /// Mean lead time in days (≥ 1 after rounding).
    pub lead_time_days: f64,
    /// Its standard deviation.
    pub lead_time_std_days: f64,
    /// Value of a unit (for the average stock value).
    pub unit_cost: f64,
    /// Cost of holding a unit for a day.
    pub holding_cost: f64,
    /// Cost of placing an order.
    pub order_cost: f64,
    /// Backorders: cost per unit backordered per day; lost sales: cost per unit lost.
    pub shortage_cost: f64,
    /// Unmet demand is lost (else backordered).
    pub lost_sales: bool,
    /// The random seed.
    pub seed: u64,
}

impl SimConfig {
    /// A year of `demand` (no warm-up), 100 on hand, a fixed 7-day lead time, unit cost 1,
    /// holding 25 % a year of it, order cost 25, shortage 1 per unit per day, backorders,
    /// seed 1.
    pub fn new(demand: SimDemand) -> Self {
        SimConfig {
            demand,
            days: 365,
            warmup_days: 0,
            start_on_hand: 100.0,
            lead_time_days: 7.0,
            lead_time_std_days: 0.0,
            unit_cost: 1.0,
            holding_cost: 0.25 / 365.0,
            order_cost: 25.0,
            shortage_cost: 1.0,
            lost_sales: false,
            seed: 1,
        }
    }
}

/// A policy with its levels, for simulation (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SimPolicy {
    /// (r, Q) with multiples of Q.
    ReorderPoint {
        /// The reorder point.
        r: f64,
        /// The order quantity (> 0).
        q: f64,
    },
    /// (s, S).
    MinMax {
        /// Order at or below this.
        s: f64,
        /// Up to this.
        big_s: f64,
    },
    /// (R, S).
    OrderUpTo {
        /// Days between reviews (≥ 1).
        review_days: u32,
        /// Up to this.
        big_s: f64,
    },
    /// (R, s, S).
    PeriodicMinMax {
        /// Days between reviews (≥ 1).
        review_days: u32,
        /// Order at or below this.
        s: f64,
        /// Up to this.
        big_s: f64,
    },
}

impl SimPolicy {
    /// The levels a planning run computed for a SKU × location; `None` for a policy that
    /// orders nothing (manual, dropship) or lacks a level (no supplier, no demand).
    pub fn from_plan_item(item: &PlanItem) -> Option<SimPolicy> {
        let s = item.reorder_point;
        let review = item.policy.review_days().max(1);
        match item.policy {
            Policy::ReorderPoint { .. } => item.order_quantity.map(|q| SimPolicy::ReorderPoint {
                r: s,
                q: q.to_f64().unwrap_or(0.0),
            }),
            Policy::MinMax { .. } => item.order_up_to.map(|big_s| SimPolicy::MinMax { s, big_s }),
            Policy::OrderUpTo { .. } | Policy::JustInTime { .. } => {
                item.order_up_to.map(|big_s| SimPolicy::OrderUpTo {
                    review_days: review,
                    big_s,
                })
            }
            Policy::PeriodicMinMax { .. } => {
                item.order_up_to.map(|big_s| SimPolicy::PeriodicMinMax {
                    review_days: review,
                    s,
                    big_s,
                })
            }
            Policy::Manual | Policy::Dropship => None,
        }
    }

    /// The lowercase name: `reorder_point`, `min_max`, `order_up_to`, `periodic_min_max`.
    pub fn name(&self) -> &'static str {
        match self {
            SimPolicy::ReorderPoint { .. } => "reorder_point",
            SimPolicy::MinMax { .. } => "min_max",
            SimPolicy::OrderUpTo { .. } => "order_up_to",
            SimPolicy::PeriodicMinMax { .. } => "periodic_min_max",
        }
    }

    fn check(&self) -> Result<()> {
        let bad =
            |m: String| -> Result<()> { Err(PolicyError::InvalidInput { message: m }.into()) };
        // Levels within ±10^12 units and Q at least 10^-6: (r − position) / Q stays finite.
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite() && x.abs() <= MAX_SIM_LEVEL);
        if let SimPolicy::ReorderPoint { r, q } = *self {
            if q < 1e-6 {
                return bad(format!(
                    "(r, Q) needs a finite r and Q > 0 (at least 0.000001), got r {r}, Q {q}"
                ));
            }
        }
        match *self {
            SimPolicy::ReorderPoint { r, q } => {
                if !finite(&[r, q]) || q <= 0.0 {
                    return bad(format!(
                        "(r, Q) needs a finite r and Q > 0, got r {r}, Q {q}"
                    ));
                }
            }
            SimPolicy::MinMax { s, big_s } => {
                if !finite(&[s, big_s]) || big_s < s {
                    return bad(format!("(s, S) needs finite s ≤ S, got s {s}, S {big_s}"));
                }
            }
            SimPolicy::OrderUpTo { review_days, big_s } => {
                if !finite(&[big_s]) || review_days == 0 {
                    return bad(format!(
                        "(R, S) needs R ≥ 1 and a finite S, got R {review_days}, S {big_s}"
                    ));
                }
            }
            SimPolicy::PeriodicMinMax {
                review_days,
                s,
                big_s,
            } => {
                if !finite(&[s, big_s]) || big_s < s || review_days == 0 {
                    return bad(format!(
                        "(R, s, S) needs R ≥ 1 and finite s ≤ S, got R {review_days}, s {s}, S {big_s}"
                    ));
                }
            }
        }
        Ok(())
    }

    /// Units to order at the end of day `day` at inventory position `ip`.
    fn order(&self, day: usize, ip: f64) -> f64 {
        match *self {
            SimPolicy::ReorderPoint { r, q } => {
                if ip <= r {
                    (((r - ip) / q).floor() + 1.0) * q
                } else {
                    0.0
                }
            }
            SimPolicy::MinMax { s, big_s } => {
                if ip <= s {
                    big_s - ip
                } else {
                    0.0
                }
            }
            SimPolicy::OrderUpTo { review_days, big_s } => {
                if day.is_multiple_of(review_days as usize) && ip < big_s {
                    big_s - ip
                } else {
                    0.0
                }
            }
            SimPolicy::PeriodicMinMax {
                review_days,
                s,
                big_s,
            } => {
                if day.is_multiple_of(review_days as usize) && ip <= s {
                    big_s - ip
                } else {
                    0.0
                }
            }
        }
    }
}

/// What a policy achieved (over the days after the warm-up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimReport {
    /// The policy.
    pub policy: SimPolicy,
    /// Days measured.
    pub days: usize,
    /// Share of replenishment cycles without a stockout day (`None`: no order arrived).
    pub cycle_service_level: Option<f64>,
    /// Share of demand served from stock on the day (`None`: no demand).
    pub fill_rate: Option<f64>,
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
    /// Total cost per day.
    pub cost_per_day: f64,
}

fn check_config(c: &SimConfig) -> Result<()> {
    let bad = |m: String| -> Result<()> { Err(PolicyError::InvalidInput { message: m }.into()) };
    let nonneg = |x: f64| x.is_finite() && x >= 0.0;
    let len = match &c.demand {
        SimDemand::History(h) => {
            if let Some(x) = h.iter().find(|x| !nonneg(**x)) {
                return bad(format!("a demand history day of {x}"));
            }
            h.len()
        }
        SimDemand::Normal { mean, std_dev } => {
            if !nonneg(*mean) || !nonneg(*std_dev) {
                return bad(format!("normal demand of mean {mean}, deviation {std_dev}"));
            }
            c.warmup_days.saturating_add(c.days)
        }
        SimDemand::Forecast { daily, std_dev } => {
            if let Some(x) = daily.iter().find(|x| !nonneg(**x)) {
                return bad(format!("a forecast day of {x}"));
            }
            if !nonneg(*std_dev) {
                return bad(format!("a forecast deviation of {std_dev}"));
            }
            c.warmup_days.saturating_add(c.days)
        }
    };
    if len > MAX_SIM_DAYS {
        return bad(format!("{len} days is more than {MAX_SIM_DAYS}"));
    }
    if c.warmup_days >= len {
        return bad(format!(
            "nothing to measure: {len} days with a warm-up of {}",
            c.warmup_days
        ));
    }
    for (name, x) in [
        ("start on hand", c.start_on_hand),
        ("lead time", c.lead_time_days),
        ("lead time deviation", c.lead_time_std_days),
        ("unit cost", c.unit_cost),
        ("holding cost", c.holding_cost),
        ("order cost", c.order_cost),
        ("shortage cost", c.shortage_cost),
    ] {
        if !nonneg(x) {
            return bad(format!("{name} {x} is not a finite number ≥ 0"));
        }
    }
    if c.lead_time_days > MAX_SIM_DAYS as f64 || c.lead_time_std_days > MAX_SIM_DAYS as f64 {
        return bad(format!(
            "lead time {} ± {} days is too long (at most {MAX_SIM_DAYS} days)",
            c.lead_time_days, c.lead_time_std_days
        ));
    }
    Ok(())
}

/// The run's demand path, the same for every policy.
fn demand_path(c: &SimConfig) -> Vec<f64> {
    match &c.demand {
        SimDemand::History(h) => h.clone(),
        SimDemand::Normal { mean, std_dev } => {
            let mut rng = SplitMix64(c.seed);
            (0..c.warmup_days + c.days)
                .map(|_| (mean + std_dev * rng.normal()).max(0.0))
                .collect()
        }
        SimDemand::Forecast { daily, std_dev } => {
            let mut rng = SplitMix64(c.seed);
            let last = daily.last().copied().unwrap_or(0.0);
            (0..c.warmup_days + c.days)
                .map(|t| {
                    let m = daily.get(t).copied().unwrap_or(last);
                    (m + std_dev * rng.normal()).max(0.0)
                })
                .collect()
        }
    }
}

fn run(c: &SimConfig, demand: &[f64], policy: SimPolicy, index: usize) -> SimReport {
    let mut lead_rng =
        SplitMix64(c.seed ^ 0xA5A5_5A5A_0F0F_F0F0 ^ (index as u64).wrapping_mul(0x9E37_79B9));
    let n = demand.len();
    // Units arriving at the start of each day (orders beyond the run are dropped).
    let mut arriving = vec![0.0f64; n + 2];
    let mut arrivals_on = vec![false; n + 2];
    let mut on_hand = c.start_on_hand;
    let mut backorders = 0.0f64;
    let mut on_order = 0.0f64;
    let (mut demand_sum, mut served_sum, mut short_sum) = (0.0, 0.0, 0.0);
    let (mut hold, mut short_cost) = (0.0, 0.0);
    let (mut on_hand_sum, mut backorder_sum) = (0.0, 0.0);
    let (mut orders, mut stockout_days) = (0usize, 0usize);
    // A cycle runs from one arrival to the next; the part before the first measured
    // arrival and the one still open at the end are not counted.
    let (mut cycles, mut cycles_out) = (0usize, 0usize);
    let (mut in_cycle, mut cycle_out) = (false, false);
    for (t, &d) in demand.iter().enumerate() {
        let measured = t >= c.warmup_days;
        // (1) Arrivals, serving backorders first.
        let got = arriving[t];
        if got > 0.0 {
            on_order -= got;
            on_hand += got;
            let paid = backorders.min(on_hand);
            backorders -= paid;
            on_hand -= paid;
        }
        if arrivals_on[t] && measured {
            if in_cycle {
                cycles += 1;
                cycles_out += usize::from(cycle_out);
            }
            in_cycle = true;
            cycle_out = false;
        }
        // (2) Demand.
        let served = d.min(on_hand.max(0.0));
        on_hand -= served;
        let unmet = d - served;
        if unmet > 0.0 && !c.lost_sales {
            backorders += unmet;
        }
        // (3) Costs.
        if measured {
            demand_sum += d;
            served_sum += served;
            short_sum += unmet;
            if unmet > 1e-12 {
                stockout_days += 1;
                cycle_out = in_cycle;
            }
            hold += on_hand * c.holding_cost;
            short_cost += if c.lost_sales {
                unmet * c.shortage_cost
            } else {
                backorders * c.shortage_cost
            };
            on_hand_sum += on_hand;
            backorder_sum += backorders;
        }
        // (4) Review.
        let ip = on_hand - backorders + on_order;
        let q = policy.order(t, ip);
        if q > 0.0 {
            // L whole days of demand (days t + 1 ..= t + L) come before it can serve: it
            // arrives at the start of day t + L + 1. Beyond the run it never arrives (a draw
            // is clamped first, so that a huge one cannot overflow).
            let draw = c.lead_time_days + c.lead_time_std_days * lead_rng.normal();
            let lead = draw.round().clamp(1.0, (n + 1) as f64) as usize;
            on_order += q;
            if measured {
                orders += 1;
            }
            let at = t + lead + 1;
            if let Some(slot) = arriving.get_mut(at) {
                *slot += q;
                arrivals_on[at] = true;
            }
        }
    }
    let days = n - c.warmup_days;
    let ordering = orders as f64 * c.order_cost;
    let total = hold + ordering + short_cost;
    let mean = |x: f64| x / days as f64;
    SimReport {
        policy,
        days,
        cycle_service_level: (cycles > 0).then(|| 1.0 - cycles_out as f64 / cycles as f64),
        fill_rate: (demand_sum > 0.0).then(|| served_sum / demand_sum),
        average_on_hand: mean(on_hand_sum),
        average_on_hand_value: mean(on_hand_sum) * c.unit_cost,
        average_backorders: mean(backorder_sum),
        orders,
        stockout_days,
        units_short: short_sum,
        holding_cost: hold,
        ordering_cost: ordering,
        shortage_cost: short_cost,
        total_cost: total,
        cost_per_day: mean(total),
    }
}

/// Simulates `policies` side by side on one SKU's demand (see the module documentation).
///
/// # Errors
/// [`PolicyError::InvalidInput`] for a bad configuration (negative or non-finite values,
/// more than [`MAX_SIM_DAYS`] days, a warm-up as long as the run) or a bad policy (Q ≤ 0,
/// S below s, a review period of 0).
pub fn simulate(config: &SimConfig, policies: &[SimPolicy]) -> Result<Vec<SimReport>> {
    check_config(config)?;
    for p in policies {
        p.check()?;
    }
    let demand = demand_path(config);
    Ok(policies
        .iter()
        .enumerate()
        .map(|(i, p)| run(config, &demand, *p, i))
        .collect())
}

/// Simulates many SKUs, each with its policies, on up to `threads` threads (at most
/// [`MAX_SIM_THREADS`]); the result is the same on any thread count.
///
/// # Errors
/// [`crate::Error::Batch`] with the index of the first SKU (in input order) whose
/// configuration or policies [`simulate`] would refuse, and the reason; nothing is
/// simulated then. [`PolicyError::InvalidInput`] for 0 threads or more than
/// [`MAX_SIM_THREADS`].
pub fn simulate_many(
    runs: &[(SimConfig, Vec<SimPolicy>)],
    threads: usize,
) -> Result<Vec<Vec<SimReport>>> {
    if let Err(message) = crate::parallel::check_threads(threads) {
        return Err(PolicyError::InvalidInput { message }.into());
    }
    for (index, (c, ps)) in runs.iter().enumerate() {
        let checked = check_config(c).and_then(|()| ps.iter().try_for_each(SimPolicy::check));
        if let Err(e) = checked {
            return Err(crate::Error::Batch {
                index,
                source: Box::new(e),
            });
        }
    }
    let threads = threads.min(runs.len().max(1));
    if threads == 1 {
        return runs.iter().map(|(c, ps)| simulate(c, ps)).collect();
    }
    let chunk = runs.len().div_ceil(threads);
    let parts: Vec<&[(SimConfig, Vec<SimPolicy>)]> = runs.chunks(chunk).collect();
    let parts = crate::parallel::run_workers(parts.len(), "inventory-sim", |i| {
        parts[i]
            .iter()
            .map(|(c, ps)| simulate(c, ps))
            .collect::<Result<Vec<Vec<SimReport>>>>()
    })
    .map_err(|e| crate::parallel::spawn_failed("simulation", &e))?;
    let mut out = Vec::with_capacity(runs.len());
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}
