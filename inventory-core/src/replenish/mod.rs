//! Replenishment: a policy per SKU (or SKU × location), and a planning run that projects
//! stock, suggests purchase orders grouped by supplier with their reasons, raises alerts,
//! and turns accepted suggestions into placed purchase orders in one atomic call.
//!
//! # Inputs
//!
//! A planning run ([`crate::Ledger::plan`]) reads the ledger (available stock: on hand −
//! reserved, negative under backorders; incoming by expected day from purchasing; the
//! suppliers, their prices, minimum order quantities, pack sizes and lead times) and takes a
//! [`PlanRequest`]: the as-of time, the horizon in days, a demand forecast per SKU ×
//! location ([`DemandForecast`]: expected units per day from the as-of day on, and the
//! standard deviation of one day's demand), and the policies ([`PolicySettings`] by
//! default, by SKU, or by SKU × location: the most specific wins). Only the SKU ×
//! location pairs that have a forecast are planned.
//!
//! # Rules
//!
//! **Supplier and lead time.** A SKU is bought from its preferred supplier (else the first
//! that sells it, in the order the suppliers were first set: [`crate::Ledger::suppliers_of`]'s
//! first). The lead time is [`crate::Ledger::lead_time`]'s: measured
//! from the supplier × SKU's receipts once there are
//! [`crate::purchasing::MIN_LEAD_TIME_SAMPLES`], quoted otherwise: mean `L` and standard
//! deviation `σL` in days.
//!
//! **Protection interval.** `P = L + R` days, `R` the policy's review period (0 for the
//! continuous policies). Expected demand over it, `D(P)`, sums the forecast's days, the
//! last day counted in proportion when `P` is fractional; beyond the forecast's end its
//! last day repeats. With `d = D(P) / P` and `σd` the daily deviation, demand over the
//! interval has deviation `σ(P) = √(P·σd² + d²·σL²)` (independent days, independent lead
//! time: Silver, Pyke & Peterson §7.5). **Safety stock** `SS = z·σ(P)`, `z = Φ⁻¹(α)` for
//! the cycle service level `α`; the **reorder point** `s = D(P) + SS`.
//!
//! **Order quantity** `Q` (for (s, Q), and for `S = s + Q` in the min/max policies): the
//! EOQ under the supplier's price breaks ([`crate::policy::eoq_discount`], annual demand
//! = the forecast's mean day over the horizon × 365, holding cost = the yearly rate × the
//! price), then rounded to the pack size: of the multiples just below and just above (at
//! least the MOQ and the first all-units break), the one whose yearly cost (purchase,
//! ordering and holding) is lower *at the price each would really pay* (a multiple that
//! falls below the chosen break pays the higher price; ties go to the smaller); or a
//! fixed quantity (rounded up to the pack size and MOQ).
//!
//! **Inventory position** = available + incoming (every open line of a placed order,
//! whatever its date). The policies, at the as-of time:
//! - [`Policy::ReorderPoint`] (s, Q): at or below `s`, order `n·Q`, the smallest `n` that
//!   lifts the position above `s`;
//! - [`Policy::MinMax`] (s, S): at or below `s`, order up to `S`; a given min or max
//!   replaces the computed one;
//! - [`Policy::OrderUpTo`] (R, S): below `S = D(L + R) + SS(L + R)`, order up to `S`;
//! - [`Policy::PeriodicMinMax`] (R, s, S): at or below `s = D(L + R) + SS(L + R)`, order up
//!   to `S = s + Q`;
//! - [`Policy::JustInTime`]: order the forecast demand over `L + R` less the position, no
//!   safety stock;
//! - [`Policy::Manual`] and [`Policy::Dropship`]: never suggested (alerts only; a dropship
//!   SKU is not stocked and gets no stock alerts either).
//!
//! A planning run is a review: the periodic policies assume it runs every `R` days; the
//! continuous ones ((s, Q), (s, S)) assume the position is watched all the time, so a run
//! made once a day or less finds it already below `s` by some of a review's demand (the
//! undershoot) and serves a little less than the target (see the
//! [`simulation`] module); give them a review period's
//! worth more safety stock, or use the periodic policies, when runs are far apart.
//! A suggestion never exceeds 10^15 units (what purchasing accepts); a level beyond it
//! is refused.
//! **Rounding** of an order-up-to quantity: up to a multiple of the pack size (whole units
//! without one) and at least the MOQ, so that the target is reached; the *rounding cost*
//! of a line is the extra units × the unit price. The unit price is the supplier's for the
//! line quantity ([`crate::purchasing::SupplierItem::price_for`]). A line is to be ordered
//! by the as-of time and is expected `L` days later.
//!
//! **Projection.** Day by day over the horizon, from available stock: + what open lines
//! expect that day (lines already overdue count on the first day), − the forecast. The
//! **stockout day** is the first day the projection is below zero; **days of cover** the
//! number of whole days before it (the horizon when there is none). The projection is
//! computed by day and reported by day or by week ([`PlanRequest::projection`]: the level
//! at the end of each 7 days from the as-of day). It shows the stock without this plan's
//! transfers and orders. The stock at the lead
//! time is normal with mean `position − D(L)` and deviation `σ(L)`; its 5 %, 50 % and 95 %
//! quantiles are reported.
//!
//! **Transfers before buying** (when [`PlanRequest::transfer_days`] is set, 2 days by
//! default): a location is *short* when its projection runs out before a purchase could
//! arrive (days of cover below the supplier's lead time; without a supplier, always) and
//! the transfer is quicker than that purchase; it needs its reorder point less its
//! position, in whole units. A location *spares* its available stock above its own
//! reorder point, in whole units. Per SKU, the shortest cover is served first, from the
//! location with most to spare first. The suggestions that follow use the positions after
//! these transfers. (Any location may serve any other: the omnichannel pool.)
//!
//! **Constraints** (a budget for the run, budgets per supplier, a largest order value per
//! supplier, a capacity in units per location counting on hand + incoming of every SKU):
//! lines are taken in order of **priority**, the expected units short before the order
//! could arrive were it not placed (`σ(L)·G((position − D(L)) / σ(L))`, the normal loss
//! function) × the SKU's margin per unit (the unit price when none is given) ÷ the
//! line's value: the expected lost margin avoided per unit of money. A line that would
//! break a constraint is cut whole (never shortened) and listed in [`Plan::cut`] with the
//! first constraint it breaks; later, cheaper lines may still fit.
//!
//! **Policies by class** ([`ClassPolicies`], [`PlanRequest::class_policies`],
//! [`classes_from_ledger`]): the documented default gives A items (s, Q) with the EOQ at
//! 98 %, B items (s, Q) at 95 %, C items just-in-time with a 14-day review, and erratic Z
//! items, whatever their ABC class, an order-up-to level every 7 days at 90 %.
//!
//! **Alerts** ([`AlertKind`], from the state before the plan): below the reorder point; a projected stockout before the
//! lead time has passed (an order now comes too late); negative available stock;
//! overstock (position above `overstock_days` of the forecast's mean day); no supplier
//! sells a SKU its policy must buy; every overdue purchase-order line; and, per SKU over all
//! locations and whether forecast or not, **dead stock** (on hand, held at least
//! [`PlanRequest::dead_stock_days`] and no sale in them: [`crate::metrics::dead_stock`])
//! and **slow stock** (sold in them, but the stock on hand would last more than
//! [`PlanRequest::overstock_days`] at that rate: [`crate::metrics::slow_movers`]).
//!
//! Output is sorted (items by SKU then location, transfers by SKU, orders by supplier,
//! lines by SKU then location, alerts by kind then SKU then location), so the same inputs
//! give the same plan.
//!
//! # Pooled forecasts
//!
//! A forecast of a SKU's demand over all locations together ([`PooledForecast`]: units a
//! day and the deviation `σ` of a day) is split by [`crate::Ledger::split_forecast`] (and
//! by a planning run for [`PlanRequest::pooled`]) over the SKU's locations: those given,
//! else every location where it has sellable stock or a sale in the look-back. Location
//! `l`'s **share** `w_l` is its net demand (units shipped less customer returns, below zero
//! counting as zero) over the `lookback_days` before the as-of time ÷ the total over the
//! locations; equal shares when the total is zero. Its forecast is `w_l` × each day, and
//! the deviation of its day is `√(w_l²·σ² + w_l·(1 − w_l)·μ)`, `μ` the pooled forecast's
//! mean day: the exact variance of a day's demand when each unit of the pooled demand
//! goes to location `l` with probability `w_l` (the binomial thinning of the pooled
//! demand), so the split keeps the pooled mean, and the pooled variance once the
//! locations' covariances are counted. A location without recent demand gets a zero
//! forecast and is still planned (its stock can be moved to where it sells).
//!
//! # Component demand from kits
//!
//! Two ways in. Forecast each component from [`crate::Ledger::exploded_demand_history`]
//! (its own sales + what the kits sold pulled: see [`crate::kits`]), or give the planner
//! forecasts of the kits' and bundles' own sales in [`PlanRequest::kit_demand`]: each is
//! exploded by the definition in force at the as-of time down to plain components (units
//! per kit through every level), and a component's forecast at that location gains units
//! per kit × the kit's day, its daily deviation becoming `√(σ² + Σ (units per kit ×
//! σ_kit)²)` (a kit's pull on its components moves together; the component's own demand
//! and each kit's are independent). Use one way or the other for a kit, not both.
//!
//! **Dropship** SKUs are never suggested; their sales are purchasing events
//! ([`crate::purchasing#dropship`]).
//!
//! **Simulation** of policies side by side: [`simulate`] and [`simulate_many`]; the rules
//! are in the [`simulation`] module.

mod plan;
pub mod simulation;
mod split;
#[cfg(test)]
mod tests;

pub use plan::{classes_from_ledger, MAX_PLAN_DAYS, MAX_PLAN_THREADS};

pub use simulation::{
    simulate, simulate_many, SimConfig, SimDemand, SimPolicy, SimReport, MAX_SIM_DAYS,
    MAX_SIM_LEVEL, MAX_SIM_THREADS,
};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::classify::{AbcClass, XyzClass};
use crate::error::PolicyError;
use crate::purchasing::LeadTimeSource;
use crate::time::{Period, Timestamp};

/// How the order quantity of a reorder-point or min/max policy is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderQuantityRule {
    /// The EOQ under the supplier's price breaks, rounded to its pack size and MOQ.
    #[default]
    Eoq,
    /// A fixed quantity.
    Fixed(Decimal),
}

/// How a SKU is replenished. See the [module documentation](self) for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// (s, Q): at or below the reorder point, order multiples of `Q`.
    ReorderPoint {
        /// How `Q` is set.
        quantity: OrderQuantityRule,
    },
    /// (s, S): at or below `s`, order up to `S`.
    MinMax {
        /// A given `s` (else computed).
        min: Option<Decimal>,
        /// A given `S` (else `s + Q` with `Q` the EOQ).
        max: Option<Decimal>,
    },
    /// (R, S): every `review_days`, order up to `S`.
    OrderUpTo {
        /// The review period R in days.
        review_days: u32,
    },
    /// (R, s, S): every `review_days`, at or below `s`, order up to `S`.
    PeriodicMinMax {
        /// The review period R in days.
        review_days: u32,
    },
    /// Order only the forecast demand over lead time + review period; no safety stock.
    JustInTime {
        /// The review period R in days.
        review_days: u32,
    },
    /// Never stocked: sold from the supplier's stock, never replenished.
    Dropship,
    /// No suggestions, alerts only.
    Manual,
}

impl Policy {
    /// The lowercase name: `reorder_point`, `min_max`, `order_up_to`, `periodic_min_max`,
    /// `just_in_time`, `dropship`, `manual`.
    pub fn name(&self) -> &'static str {
        match self {
            Policy::ReorderPoint { .. } => "reorder_point",
            Policy::MinMax { .. } => "min_max",
            Policy::OrderUpTo { .. } => "order_up_to",
            Policy::PeriodicMinMax { .. } => "periodic_min_max",
            Policy::JustInTime { .. } => "just_in_time",
            Policy::Dropship => "dropship",
            Policy::Manual => "manual",
        }
    }

    /// A policy from its name (as [`Policy::name`] gives it) and the parameters a form or a
    /// binding holds: `review_days` for the periodic ones (`order_up_to`,
    /// `periodic_min_max`, `just_in_time`), `fixed_quantity` for `reorder_point` (`None`:
    /// the EOQ), `min` and `max` for `min_max`.
    ///
    /// # Errors
    /// [`PolicyError::InvalidInput`] for an unknown name, or a parameter the policy does
    /// not take (a review period on a continuous policy, a min on an order-up-to, ...).
    pub fn from_parts(
        name: &str,
        review_days: u32,
        fixed_quantity: Option<Decimal>,
        min: Option<Decimal>,
        max: Option<Decimal>,
    ) -> Result<Policy, PolicyError> {
        let policy = match name {
            "reorder_point" => Policy::ReorderPoint {
                quantity: fixed_quantity.map_or(OrderQuantityRule::Eoq, OrderQuantityRule::Fixed),
            },
            "min_max" => Policy::MinMax { min, max },
            "order_up_to" => Policy::OrderUpTo { review_days },
            "periodic_min_max" => Policy::PeriodicMinMax { review_days },
            "just_in_time" => Policy::JustInTime { review_days },
            "dropship" => Policy::Dropship,
            "manual" => Policy::Manual,
            _ => {
                return Err(PolicyError::InvalidInput {
                    message: format!(
                        "unknown policy {name:?} (expected reorder_point, min_max, order_up_to, periodic_min_max, just_in_time, dropship or manual)"
                    ),
                })
            }
        };
        let unused = |what: &str| PolicyError::InvalidInput {
            message: format!("the {name} policy takes no {what}"),
        };
        if review_days != 0 && policy.review_days() == 0 {
            return Err(unused("review period"));
        }
        if fixed_quantity.is_some() && !matches!(policy, Policy::ReorderPoint { .. }) {
            return Err(unused("fixed quantity"));
        }
        if (min.is_some() || max.is_some()) && !matches!(policy, Policy::MinMax { .. }) {
            return Err(unused("min or max"));
        }
        Ok(policy)
    }

    /// The review period in days (0 for the continuous policies).
    pub fn review_days(&self) -> u32 {
        match *self {
            Policy::OrderUpTo { review_days }
            | Policy::PeriodicMinMax { review_days }
            | Policy::JustInTime { review_days } => review_days,
            _ => 0,
        }
    }
}

/// A policy with the parameters its numbers come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PolicySettings {
    /// The policy.
    pub policy: Policy,
    /// The cycle service level α, strictly between 0 and 1.
    pub service_level: f64,
    /// The cost of placing one order line (money, ≥ 0), for the EOQ.
    pub order_cost: f64,
    /// The yearly holding cost as a share of the unit price (> 0), for the EOQ.
    pub holding_rate: f64,
}

impl PolicySettings {
    /// `policy` at a 95 % cycle service level, an order cost of 25 and a holding rate of
    /// 25 % a year.
    pub fn new(policy: Policy) -> Self {
        PolicySettings {
            policy,
            service_level: 0.95,
            order_cost: 25.0,
            holding_rate: 0.25,
        }
    }

    /// Sets the cycle service level.
    pub fn service_level(mut self, alpha: f64) -> Self {
        self.service_level = alpha;
        self
    }

    /// Sets the cost of an order line.
    pub fn order_cost(mut self, cost: f64) -> Self {
        self.order_cost = cost;
        self
    }

    /// Sets the yearly holding rate.
    pub fn holding_rate(mut self, rate: f64) -> Self {
        self.holding_rate = rate;
        self
    }
}

impl Default for PolicySettings {
    /// (s, Q) with the EOQ, 95 %, order cost 25, holding 25 % a year.
    fn default() -> Self {
        PolicySettings::new(Policy::ReorderPoint {
            quantity: OrderQuantityRule::Eoq,
        })
    }
}

/// The policy of one SKU, or of one SKU at one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyAssignment {
    /// The SKU.
    pub sku: String,
    /// The location, or `None` for every location of the SKU.
    pub location: Option<String>,
    /// The policy.
    pub settings: PolicySettings,
}

/// Expected demand of a SKU at a location, day by day from the as-of day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemandForecast {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// Expected units per day; day 0 is the as-of day. Beyond its end the last day
    /// repeats (empty: no demand).
    pub daily: Vec<f64>,
    /// Standard deviation of one day's demand.
    pub daily_std: f64,
}

impl DemandForecast {
    /// A forecast of `daily` units a day (σ `daily_std`) for `days` days (1 to
    /// [`MAX_PLAN_DAYS`]: the last day repeats beyond the forecast's end anyway).
    pub fn flat(
        sku: impl Into<String>,
        location: impl Into<String>,
        daily: f64,
        daily_std: f64,
        days: usize,
    ) -> Self {
        DemandForecast {
            sku: sku.into(),
            location: location.into(),
            daily: vec![daily; days.clamp(1, MAX_PLAN_DAYS as usize)],
            daily_std,
        }
    }
}

/// Expected demand of a SKU over all locations together, day by day from the as-of day,
/// to be split over the locations ([`crate::Ledger::split_forecast`], or
/// [`PlanRequest::pooled`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PooledForecast {
    /// The SKU.
    pub sku: String,
    /// Expected units per day over all locations; day 0 is the as-of day (at most
    /// [`MAX_PLAN_DAYS`] days; beyond its end the last day repeats).
    pub daily: Vec<f64>,
    /// Standard deviation of one day's demand over all locations.
    pub daily_std: f64,
}

impl PooledForecast {
    /// A pooled forecast.
    pub fn new(sku: impl Into<String>, daily: Vec<f64>, daily_std: f64) -> Self {
        PooledForecast {
            sku: sku.into(),
            daily,
            daily_std,
        }
    }

    fn check(&self) -> crate::Result<()> {
        if self.sku.is_empty() {
            return Err(plan::invalid("a pooled forecast with an empty SKU".into()));
        }
        if self.daily.len() > MAX_PLAN_DAYS as usize {
            return Err(plan::invalid(format!(
                "the pooled forecast of {} has {} days (at most {MAX_PLAN_DAYS})",
                self.sku,
                self.daily.len()
            )));
        }
        plan::check_days(&self.daily, self.daily_std, || {
            format!("the pooled forecast of {}", self.sku)
        })
    }
}

/// What a planning run is asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// The time of the run.
    pub as_of: Timestamp,
    /// Days projected (≥ 1).
    pub horizon_days: u32,
    /// The forecasts: one per SKU × location planned.
    pub demand: Vec<DemandForecast>,
    /// Pooled forecasts (all locations together), split over each SKU's locations by
    /// [`crate::Ledger::split_forecast`] (without given locations) and planned with
    /// `demand`; a SKU × location in both is refused as two forecasts.
    pub pooled: Vec<PooledForecast>,
    /// The look-back of the pooled forecasts' split, in days (default 91: 13 weeks).
    pub pooled_lookback_days: u32,
    /// Forecasts of kits' and virtual bundles' sales per location: exploded into their
    /// plain components by the definitions in force at the as-of time (through every kit
    /// level: the planner buys components, and kits are assembled from them) and added to
    /// the components' forecasts at that location (a component without one gets one); see
    /// the [module documentation](self#component-demand-from-kits).
    pub kit_demand: Vec<DemandForecast>,
    /// The policy of SKUs without an assignment.
    pub default_policy: PolicySettings,
    /// Policies by SKU or SKU × location (the most specific wins; of two for the same
    /// SKU and location, the later).
    pub policies: Vec<PolicyAssignment>,
    /// Cover (position ÷ the mean forecast day) above which a pair is overstocked.
    pub overstock_days: f64,
    /// Days a transfer between locations takes; `None`: no transfers are suggested.
    pub transfer_days: Option<f64>,
    /// The look-back of the dead and slow stock alerts, in days; `None` (the default):
    /// none are raised. They read every SKU's history (about 0.25 s per 100,000 SKUs), so
    /// they are asked for, not given by default.
    pub dead_stock_days: Option<u32>,
    /// The most the run may spend in all.
    pub budget: Option<Decimal>,
    /// The most the run may spend per supplier (of two for one supplier, the later).
    pub supplier_budgets: Vec<(String, Decimal)>,
    /// The largest value of one supplier's suggested order.
    pub max_order_value: Option<Decimal>,
    /// Units a location can hold (on hand + incoming + what the plan adds), by location
    /// (of two for one location, the later).
    pub capacity: Vec<(String, Decimal)>,
    /// Margin per unit by SKU, for ranking lines under a constraint (default: the unit
    /// price; of two for one SKU, the later).
    pub margins: Vec<(String, Decimal)>,
    /// The projection's step: a day, or a week of 7 days from the as-of day.
    pub projection: Period,
    /// Threads computing the SKU × location numbers (1 to [`MAX_PLAN_THREADS`]); the plan
    /// is the same on any count.
    pub threads: usize,
}

impl PlanRequest {
    /// A request with the default policy, a 182-day horizon, overstock beyond 180 days,
    /// transfers of 2 days, no dead or slow stock alerts, one thread.
    pub fn new(as_of: Timestamp, demand: Vec<DemandForecast>) -> Self {
        PlanRequest {
            as_of,
            horizon_days: 182,
            demand,
            pooled: Vec::new(),
            pooled_lookback_days: 91,
            kit_demand: Vec::new(),
            default_policy: PolicySettings::default(),
            policies: Vec::new(),
            overstock_days: 180.0,
            transfer_days: Some(2.0),
            dead_stock_days: None,
            budget: None,
            supplier_budgets: Vec::new(),
            max_order_value: None,
            capacity: Vec::new(),
            margins: Vec::new(),
            threads: 1,
            projection: Period::Day,
        }
    }

    /// Adds pooled forecasts, split over each SKU's locations by their share of the last
    /// `lookback_days` days' demand.
    pub fn pooled(mut self, pooled: Vec<PooledForecast>, lookback_days: u32) -> Self {
        self.pooled = pooled;
        self.pooled_lookback_days = lookback_days;
        self
    }

    /// Adds forecasts of kits' and bundles' sales, to be exploded into their components.
    pub fn kit_demand(mut self, kits: Vec<DemandForecast>) -> Self {
        self.kit_demand = kits;
        self
    }

    /// Sets the projection's step.
    pub fn projection(mut self, step: Period) -> Self {
        self.projection = step;
        self
    }

    /// Sets the number of threads.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Sets the transfer lead time in days (`None`: no transfers).
    pub fn transfer_days(mut self, days: Option<f64>) -> Self {
        self.transfer_days = days;
        self
    }

    /// Sets the look-back of the dead and slow stock alerts (`None`: none).
    pub fn dead_stock_days(mut self, days: Option<u32>) -> Self {
        self.dead_stock_days = days;
        self
    }

    /// Sets the run's budget.
    pub fn budget(mut self, amount: Decimal) -> Self {
        self.budget = Some(amount);
        self
    }

    /// Sets a supplier's budget.
    pub fn supplier_budget(mut self, supplier: impl Into<String>, amount: Decimal) -> Self {
        self.supplier_budgets.push((supplier.into(), amount));
        self
    }

    /// Sets the largest value of one supplier's order.
    pub fn max_order_value(mut self, amount: Decimal) -> Self {
        self.max_order_value = Some(amount);
        self
    }

    /// Sets a location's capacity in units.
    pub fn capacity(mut self, location: impl Into<String>, units: Decimal) -> Self {
        self.capacity.push((location.into(), units));
        self
    }

    /// Sets a SKU's margin per unit.
    pub fn margin(mut self, sku: impl Into<String>, margin: Decimal) -> Self {
        self.margins.push((sku.into(), margin));
        self
    }

    /// Assigns every SKU of `classes` the policy of its class in `table`.
    pub fn class_policies(mut self, classes: &[SkuClass], table: &ClassPolicies) -> Self {
        for c in classes {
            self.policies.push(PolicyAssignment {
                sku: c.sku.clone(),
                location: None,
                settings: table.settings(c.abc, c.xyz),
            });
        }
        self
    }

    /// Sets the horizon.
    pub fn horizon_days(mut self, days: u32) -> Self {
        self.horizon_days = days;
        self
    }

    /// Sets the default policy.
    pub fn default_policy(mut self, settings: PolicySettings) -> Self {
        self.default_policy = settings;
        self
    }

    /// Assigns a policy to a SKU (every location) or a SKU × location.
    pub fn policy(
        mut self,
        sku: impl Into<String>,
        location: Option<&str>,
        settings: PolicySettings,
    ) -> Self {
        self.policies.push(PolicyAssignment {
            sku: sku.into(),
            location: location.map(str::to_owned),
            settings,
        });
        self
    }

    /// Sets the overstock threshold in days of cover.
    pub fn overstock_days(mut self, days: f64) -> Self {
        self.overstock_days = days;
        self
    }
}

/// The plan of one SKU at one location: the numbers every suggestion is traced to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// The policy applied.
    pub policy: Policy,
    /// The supplier bought from (`None`: none sells it, or the policy buys nothing).
    pub supplier: Option<String>,
    /// Available stock (on hand − reserved; negative under backorders).
    pub available: Decimal,
    /// Units on open lines of placed orders.
    pub incoming: Decimal,
    /// Inventory position: available + incoming.
    pub position: Decimal,
    /// Lead time mean in days.
    pub lead_time_days: f64,
    /// Lead time standard deviation in days.
    pub lead_time_std_days: f64,
    /// Where the lead time came from (`None` without a supplier).
    pub lead_time_source: Option<LeadTimeSource>,
    /// The protection interval `L + R` in days.
    pub protection_days: f64,
    /// Expected demand over the protection interval.
    pub protection_demand: f64,
    /// Standard deviation of demand over the protection interval.
    pub protection_std: f64,
    /// Safety stock.
    pub safety_stock: f64,
    /// The reorder point `s` (for order-up-to and just-in-time: the level ordered up to).
    pub reorder_point: f64,
    /// The order-up-to level `S`, where the policy has one.
    pub order_up_to: Option<f64>,
    /// The order quantity `Q`, where the policy has one.
    pub order_quantity: Option<Decimal>,
    /// The forecast's mean day over the horizon.
    pub mean_daily_demand: f64,
    /// Projected available stock at the end of each step of the horizon: each day, or
    /// each 7 days from the as-of day (the last step may be shorter), as
    /// [`PlanRequest::projection`] says.
    pub projected: Vec<f64>,
    /// The first day the projection is below zero.
    pub stockout_day: Option<Timestamp>,
    /// Whole days before the stockout (the horizon when there is none).
    pub days_of_cover: u32,
    /// 5 %, 50 % and 95 % quantiles of the stock at the lead time.
    pub stock_at_lead_time: [f64; 3],
}

/// Why a line is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// (s, Q): the position is at or below the reorder point.
    BelowReorderPoint,
    /// (s, S): the position is at or below the minimum.
    BelowMin,
    /// (R, S) or (R, s, S): the periodic review found the position short of its level.
    PeriodicReview,
    /// Just-in-time: demand over lead time + review exceeds the position.
    JustInTime,
}

impl Reason {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::BelowReorderPoint => "below_reorder_point",
            Reason::BelowMin => "below_min",
            Reason::PeriodicReview => "periodic_review",
            Reason::JustInTime => "just_in_time",
        }
    }
}

/// A suggested purchase-order line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestedLine {
    /// The SKU.
    pub sku: String,
    /// The delivery location.
    pub location: String,
    /// Units to order (pack size and MOQ respected).
    pub quantity: Decimal,
    /// Units the policy asked for before rounding.
    pub unrounded: f64,
    /// Extra units from rounding × the unit price (0 when rounding went down).
    pub rounding_cost: Decimal,
    /// The supplier's unit price for the quantity.
    pub unit_price: Decimal,
    /// quantity × unit price, in the money scale.
    pub value: Decimal,
    /// Order by then.
    pub order_by: Timestamp,
    /// Expected arrival if ordered by then.
    pub expected: Timestamp,
    /// Why.
    pub reason: Reason,
    /// The position when planned (after the plan's transfers).
    pub position: Decimal,
    /// The reorder point (or level) crossed.
    pub reorder_point: f64,
    /// Expected units short before the order could arrive, were it not placed: the normal
    /// loss `σ(L)·G((position − D(L)) / σ(L))`.
    pub expected_shortage: f64,
    /// The ranking under constraints: expected shortage × margin per unit ÷ the line's
    /// value (expected lost margin avoided per unit of money).
    pub priority: f64,
}

/// A suggested move of stock between two locations before buying.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestedTransfer {
    /// The SKU.
    pub sku: String,
    /// From where.
    pub from: String,
    /// To where.
    pub to: String,
    /// Whole units.
    pub quantity: Decimal,
    /// When it arrives if shipped at the as-of time.
    pub arrives: Timestamp,
}

/// Why a suggested line was cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CutReason {
    /// The run's budget was spent.
    Budget,
    /// The supplier's budget was spent.
    SupplierBudget,
    /// The supplier's order reached its largest value.
    MaxOrderValue,
    /// The location would hold more than its capacity.
    Capacity,
}

impl CutReason {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CutReason::Budget => "budget",
            CutReason::SupplierBudget => "supplier_budget",
            CutReason::MaxOrderValue => "max_order_value",
            CutReason::Capacity => "capacity",
        }
    }
}

/// A line the constraints left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutLine {
    /// The supplier.
    pub supplier: String,
    /// The line.
    pub line: SuggestedLine,
    /// Why.
    pub reason: CutReason,
}

/// Suggested lines for one supplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupplierSuggestion {
    /// The supplier.
    pub supplier: String,
    /// The lines.
    pub lines: Vec<SuggestedLine>,
    /// The sum of the lines' values.
    pub total: Decimal,
}

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// Available stock is negative (backorders).
    NegativeAvailable,
    /// The projection runs out before an order placed now could arrive.
    StockoutWithinLeadTime,
    /// The position is at or below the reorder point.
    BelowReorderPoint,
    /// A purchase-order line is overdue.
    OverdueLine,
    /// No supplier sells a SKU its policy must buy.
    NoSupplier,
    /// The position covers more than the overstock threshold.
    Overstock,
    /// Stock on hand and no sale in [`PlanRequest::dead_stock_days`] (per SKU, all
    /// locations: the alert's location is empty).
    DeadStock,
    /// Sold in [`PlanRequest::dead_stock_days`], but at that rate the stock on hand lasts
    /// more than [`PlanRequest::overstock_days`] (per SKU, all locations).
    SlowStock,
}

impl AlertKind {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::NegativeAvailable => "negative_available",
            AlertKind::StockoutWithinLeadTime => "stockout_within_lead_time",
            AlertKind::BelowReorderPoint => "below_reorder_point",
            AlertKind::OverdueLine => "overdue_line",
            AlertKind::NoSupplier => "no_supplier",
            AlertKind::Overstock => "overstock",
            AlertKind::DeadStock => "dead_stock",
            AlertKind::SlowStock => "slow_stock",
        }
    }
}

/// An alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// What it is about.
    pub kind: AlertKind,
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// The day it concerns (stockout day, expected day of an overdue line), if any.
    pub day: Option<Timestamp>,
    /// A sentence for a person.
    pub message: String,
}

/// The result of a planning run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The time of the run.
    pub as_of: Timestamp,
    /// One per SKU × location planned.
    pub items: Vec<PlanItem>,
    /// Suggested transfers (made before buying).
    pub transfers: Vec<SuggestedTransfer>,
    /// Suggested orders, one per supplier.
    pub orders: Vec<SupplierSuggestion>,
    /// Lines left out by the constraints, with why, in the order they were considered.
    pub cut: Vec<CutLine>,
    /// Alerts.
    pub alerts: Vec<Alert>,
}

/// A SKU's ABC and XYZ classes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkuClass {
    /// The SKU.
    pub sku: String,
    /// Its ABC class.
    pub abc: AbcClass,
    /// Its XYZ class.
    pub xyz: XyzClass,
}

/// The policy of each ABC class, and of erratic (Z) items whatever their ABC class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClassPolicies {
    /// Class A.
    pub a: PolicySettings,
    /// Class B.
    pub b: PolicySettings,
    /// Class C.
    pub c: PolicySettings,
    /// Z items (erratic demand), overriding their ABC row; `None`: by ABC only.
    pub z: Option<PolicySettings>,
}

impl Default for ClassPolicies {
    /// A: (s, Q) with the EOQ at a 98 % cycle service level (few SKUs, most of the money:
    /// protect them); B: (s, Q) with the EOQ at 95 %; C: just-in-time with a 14-day review
    /// (many cheap SKUs: hold little, order rarely). Z (erratic): order-up-to every 7 days
    /// at 90 %, its level from the forecast's own spread (the intermittent treatment:
    /// a reorder point assumes steady demand, a periodic order-up-to does not).
    fn default() -> Self {
        let eoq = Policy::ReorderPoint {
            quantity: OrderQuantityRule::Eoq,
        };
        ClassPolicies {
            a: PolicySettings::new(eoq).service_level(0.98),
            b: PolicySettings::new(eoq).service_level(0.95),
            c: PolicySettings::new(Policy::JustInTime { review_days: 14 }),
            z: Some(PolicySettings::new(Policy::OrderUpTo { review_days: 7 }).service_level(0.90)),
        }
    }
}

impl ClassPolicies {
    /// The settings of a SKU of classes `abc` and `xyz`.
    pub fn settings(&self, abc: AbcClass, xyz: XyzClass) -> PolicySettings {
        if let (XyzClass::Z, Some(z)) = (xyz, self.z) {
            return z;
        }
        match abc {
            AbcClass::A => self.a,
            AbcClass::B => self.b,
            AbcClass::C => self.c,
        }
    }
}

/// A suggestion the host accepts, under its own order id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptedOrder {
    /// The purchase order's id.
    pub order: String,
    /// The suggestion.
    pub suggestion: SupplierSuggestion,
}
