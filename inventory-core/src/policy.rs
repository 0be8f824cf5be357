//! Inventory policy math: safety stock, reorder points, the EOQ family and the newsvendor.
//!
//! Statistics are `f64` (demand rates, standard deviations, safety stock before rounding);
//! money amounts here are rates and expectations, not booked values, so they are `f64` too.
//! Every function checks its inputs and returns [`PolicyError`] instead of a NaN or an
//! infinite result: bad inputs are [`PolicyError::InvalidParameter`] or
//! [`PolicyError::InvalidInput`], and finite inputs whose result overflows `f64` (the EOQ
//! of 10^308 units a year) are [`PolicyError::Overflow`].
//!
//! # Units of time
//!
//! Demand is a rate *per* [`TimeUnit`] and a lead time is a duration *in* a [`TimeUnit`].
//! [`safety_stock`] refuses to mix them ([`PolicyError::UnitMismatch`]); convert explicitly
//! with [`DemandStats::convert`]. The EOQ family works in years: annual demand, holding cost
//! per unit per year.

use serde::{Deserialize, Serialize};

use crate::checks::{finite, finite_mean_sd, finite_result, non_negative, positive};
use crate::demand::DemandHistory;
use crate::error::{PolicyError, Result};
use crate::stats;
use crate::time::Period;

type PResult<T> = std::result::Result<T, PolicyError>;

/// A unit of time. A week is 7 days, a year 365.25 days and a month a twelfth of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// One day.
    Day,
    /// Seven days.
    Week,
    /// 365.25 / 12 days.
    Month,
    /// 365.25 days.
    Year,
}

impl TimeUnit {
    /// The length in days.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 365.25 / 12.0,
            TimeUnit::Year => 365.25,
        }
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

impl std::str::FromStr for TimeUnit {
    type Err = PolicyError;
    fn from_str(s: &str) -> PResult<Self> {
        match s {
            "day" | "days" => Ok(TimeUnit::Day),
            "week" | "weeks" => Ok(TimeUnit::Week),
            "month" | "months" => Ok(TimeUnit::Month),
            "year" | "years" => Ok(TimeUnit::Year),
            _ => Err(PolicyError::InvalidInput {
                message: format!("unknown time unit {s:?} (expected day, week, month or year)"),
            }),
        }
    }
}

fn probability(name: &'static str, v: f64) -> PResult<f64> {
    if v.is_nan() || v <= 0.0 || v >= 1.0 {
        return Err(PolicyError::InvalidParameter {
            name,
            value: v,
            expected: "a probability strictly between 0 and 1",
        });
    }
    Ok(v)
}

/// Mean and standard deviation of demand per period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DemandStats {
    /// Mean demand per period (≥ 0).
    pub mean: f64,
    /// Standard deviation of demand per period (≥ 0).
    pub std_dev: f64,
    /// The period.
    pub per: TimeUnit,
}

impl DemandStats {
    /// Demand statistics from given numbers.
    ///
    /// # Errors
    /// [`PolicyError::InvalidParameter`] for a negative or non-finite mean or deviation.
    pub fn new(mean: f64, std_dev: f64, per: TimeUnit) -> Result<Self> {
        Ok(DemandStats {
            mean: non_negative("mean demand", mean)?,
            std_dev: non_negative("demand standard deviation", std_dev)?,
            per,
        })
    }

    /// Mean and *sample* standard deviation (divisor n − 1; 0 for a single period) of a
    /// demand series. Negative buckets (returns above sales) count as they are; a negative
    /// mean is refused.
    ///
    /// # Errors
    /// [`PolicyError::InvalidInput`] for an empty series, [`PolicyError::InvalidParameter`]
    /// for a non-finite value or a negative mean.
    pub fn from_series(series: &[f64], per: TimeUnit) -> Result<Self> {
        if series.is_empty() {
            return Err(PolicyError::InvalidInput {
                message: "the demand series is empty".into(),
            }
            .into());
        }
        let (mean, sd) = finite_mean_sd("demand", series)?;
        DemandStats::new(mean, sd, per)
    }

    /// Demand statistics of a ledger's demand history (days or ISO weeks).
    ///
    /// # Errors
    /// As [`DemandStats::from_series`].
    pub fn from_history(history: &DemandHistory) -> Result<Self> {
        let per = match history.period {
            Period::Day => TimeUnit::Day,
            Period::Week => TimeUnit::Week,
        };
        DemandStats::from_series(&history.to_f64(), per)
    }

    /// The same demand per another period, assuming demand in disjoint periods is
    /// independent and identically distributed: the mean scales with the length ratio `k`,
    /// the standard deviation with `√k`.
    ///
    /// ```
    /// use inventory_core::policy::{DemandStats, TimeUnit};
    ///
    /// // 10 a day, σ 2: 70 a week, σ 2·√7.
    /// let w = DemandStats::new(10.0, 2.0, TimeUnit::Day)?.convert(TimeUnit::Week)?;
    /// assert_eq!(w.mean, 70.0);
    /// assert!((w.std_dev - 2.0 * 7f64.sqrt()).abs() < 1e-12);
    /// // 1e308 a day is more than an f64 can hold per year.
    /// let e = DemandStats::new(1e308, 0.0, TimeUnit::Day)?.convert(TimeUnit::Year).unwrap_err();
    /// assert_eq!(e.kind(), inventory_core::ErrorKind::Overflow);
    /// # Ok::<(), inventory_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`PolicyError::InvalidParameter`] for a negative or non-finite mean or deviation (the
    /// fields are public: [`DemandStats::new`] is not the only way to build one);
    /// [`PolicyError::Overflow`] when the converted mean or deviation is beyond `f64`
    /// (10^308 a day is not a number per year).
    pub fn convert(self, to: TimeUnit) -> Result<Self> {
        let mean = non_negative("mean demand", self.mean)?;
        let std_dev = non_negative("demand standard deviation", self.std_dev)?;
        let k = to.days() / self.per.days();
        let out = DemandStats {
            mean: mean * k,
            std_dev: std_dev * k.sqrt(),
            per: to,
        };
        finite_result("the converted demand statistics", &[out.mean, out.std_dev])?;
        Ok(out)
    }
}

/// A replenishment lead time: mean and standard deviation, in a unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LeadTime {
    /// Mean lead time (≥ 0).
    pub mean: f64,
    /// Its standard deviation (≥ 0).
    pub std_dev: f64,
    /// The unit.
    pub unit: TimeUnit,
}

impl LeadTime {
    /// A lead time.
    ///
    /// # Errors
    /// [`PolicyError::InvalidParameter`] for a negative or non-finite value.
    pub fn new(mean: f64, std_dev: f64, unit: TimeUnit) -> Result<Self> {
        Ok(LeadTime {
            mean: non_negative("lead time", mean)?,
            std_dev: non_negative("lead time standard deviation", std_dev)?,
            unit,
        })
    }

    /// A fixed lead time.
    ///
    /// # Errors
    /// As [`LeadTime::new`].
    pub fn fixed(mean: f64, unit: TimeUnit) -> Result<Self> {
        LeadTime::new(mean, 0.0, unit)
    }
}

/// The service to protect.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceTarget {
    /// Cycle service level α: the probability of no stockout in a replenishment cycle.
    /// The safety factor is z = Φ⁻¹(α).
    CycleServiceLevel(f64),
    /// Fill rate β: the expected share of demand served from stock, for replenishment
    /// orders of `order_quantity` units. The safety factor k solves the standard normal
    /// loss equation σ·G(k) = (1 − β)·Q (Silver, Pyke & Peterson, *Inventory Management and
    /// Production Planning and Scheduling*, 3rd ed., §7.7). For a periodic review, pass the
    /// expected demand per review period as the order quantity.
    FillRate {
        /// β, strictly between 0 and 1.
        fill_rate: f64,
        /// The replenishment quantity Q (> 0), in units.
        order_quantity: f64,
    },
}

/// How safety stock is computed. `d`, `σd`: mean and deviation of demand per period;
/// `L`, `σL`: mean and deviation of the lead time in the same periods; `z` the safety factor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyStockMethod {
    /// Demand variability only: `z·σd·√L`.
    DemandVariability,
    /// Lead-time variability only: `z·d·σL`.
    LeadTimeVariability,
    /// Both, independent: `z·√(L·σd² + d²·σL²)`.
    Combined,
    /// The max-minus-average heuristic: `d_max·L_max − d·L` (no service target).
    MaxMinusAverage {
        /// The largest demand per period.
        max_demand: f64,
        /// The longest lead time.
        max_lead_time: f64,
    },
    /// Periodic review every `review_period` periods: the protection interval is `L + R`,
    /// `z·√((L + R)·σd² + d²·σL²)`.
    PeriodicReview {
        /// The review period R, in the lead time's unit.
        review_period: f64,
    },
}

/// Safety stock and the reorder point it implies.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SafetyStock {
    /// Safety stock in units (before any rounding; may be negative for a low target).
    pub safety_stock: f64,
    /// The safety factor z (or k for a fill rate); `None` for max-minus-average.
    pub safety_factor: Option<f64>,
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

/// Safety stock and reorder point.
///
/// ```
/// use inventory_core::policy::{safety_stock, DemandStats, LeadTime, SafetyStockMethod, ServiceTarget, TimeUnit};
///
/// // 100 units/day, σ 20/day, lead time 4 days, 95 % cycle service: z = 1.6449,
/// // SS = 1.6449 × 20 × √4 = 65.8, reorder point = 400 + 65.8.
/// let d = DemandStats::new(100.0, 20.0, TimeUnit::Day).unwrap();
/// let lt = LeadTime::fixed(4.0, TimeUnit::Day).unwrap();
/// let ss = safety_stock(&d, &lt, SafetyStockMethod::DemandVariability,
///     ServiceTarget::CycleServiceLevel(0.95)).unwrap();
/// assert!((ss.safety_stock - 65.794).abs() < 1e-3);
/// assert!((ss.reorder_point - 465.794).abs() < 1e-3);
/// ```
///
/// # Errors
/// [`PolicyError::UnitMismatch`] when demand and lead time use different units;
/// [`PolicyError::InvalidParameter`] for a service level or fill rate outside (0, 1), a
/// non-positive order quantity, a negative review period, or a maximum below the average.
pub fn safety_stock(
    demand: &DemandStats,
    lead_time: &LeadTime,
    method: SafetyStockMethod,
    target: ServiceTarget,
) -> Result<SafetyStock> {
    safety_stock_with(demand, lead_time, method, target, None)
}

/// [`safety_stock`] with the safety factor of a cycle service level already computed
/// (`z`), so that a batch computes Φ⁻¹ once.
fn safety_stock_with(
    demand: &DemandStats,
    lead_time: &LeadTime,
    method: SafetyStockMethod,
    target: ServiceTarget,
    z: Option<f64>,
) -> Result<SafetyStock> {
    if demand.per != lead_time.unit {
        return Err(PolicyError::UnitMismatch {
            what: "safety stock",
            demand: demand.per.as_str(),
            lead_time: lead_time.unit.as_str(),
        }
        .into());
    }
    let d = non_negative("mean demand", demand.mean)?;
    let sd = non_negative("demand standard deviation", demand.std_dev)?;
    let l = non_negative("lead time", lead_time.mean)?;
    let sl = non_negative("lead time standard deviation", lead_time.std_dev)?;
    let (interval, sigma) = match method {
        SafetyStockMethod::PeriodicReview { review_period } => {
            let r = non_negative("review period", review_period)?;
            protection(method, d, sd, l, sl, r)
        }
        SafetyStockMethod::MaxMinusAverage {
            max_demand,
            max_lead_time,
        } => {
            let md = non_negative("maximum demand", max_demand)?;
            let ml = non_negative("maximum lead time", max_lead_time)?;
            if md < d {
                return Err(PolicyError::InvalidParameter {
                    name: "maximum demand",
                    value: md,
                    expected: "at least the mean demand",
                }
                .into());
            }
            if ml < l {
                return Err(PolicyError::InvalidParameter {
                    name: "maximum lead time",
                    value: ml,
                    expected: "at least the mean lead time",
                }
                .into());
            }
            let ss = md * ml - d * l;
            let r = SafetyStock {
                safety_stock: ss,
                safety_factor: None,
                protection_interval: l,
                expected_demand: d * l,
                std_dev_protection: 0.0,
                reorder_point: d * l + ss,
            };
            r.check()?;
            return Ok(r);
        }
        _ => protection(method, d, sd, l, sl, 0.0),
    };
    let k = match z {
        Some(z) => z,
        None => safety_factor(target, sigma)?,
    };
    let ss = k * sigma;
    let expected = d * interval;
    let r = SafetyStock {
        safety_stock: ss,
        safety_factor: Some(k),
        protection_interval: interval,
        expected_demand: expected,
        std_dev_protection: sigma,
        reorder_point: expected + ss,
    };
    r.check()?;
    Ok(r)
}

impl SafetyStock {
    /// [`PolicyError::Overflow`] unless every figure is finite.
    fn check(&self) -> PResult<()> {
        finite_result(
            "the safety stock or reorder point",
            &[
                self.safety_stock,
                self.safety_factor.unwrap_or(0.0),
                self.protection_interval,
                self.expected_demand,
                self.std_dev_protection,
                self.reorder_point,
            ],
        )
    }
}

/// The protection interval and the standard deviation of demand over it, for the
/// variability methods (`review` is the review period of a periodic review, else unused).
/// Max-minus-average has no σ: it is handled by its callers before this.
#[inline]
fn protection(
    method: SafetyStockMethod,
    d: f64,
    sd: f64,
    l: f64,
    sl: f64,
    review: f64,
) -> (f64, f64) {
    match method {
        SafetyStockMethod::DemandVariability => (l, sd * l.sqrt()),
        SafetyStockMethod::LeadTimeVariability => (l, d * sl),
        SafetyStockMethod::Combined | SafetyStockMethod::MaxMinusAverage { .. } => {
            (l, (l * sd * sd + d * d * sl * sl).sqrt())
        }
        SafetyStockMethod::PeriodicReview { .. } => {
            let p = l + review;
            (p, (p * sd * sd + d * d * sl * sl).sqrt())
        }
    }
}

/// The safety factor for a target, given the deviation over the protection interval.
///
/// For a fill rate with `sigma = 0` there is no uncertainty: the factor is 0.
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for a target outside (0, 1) or a non-positive
/// order quantity.
pub fn safety_factor(target: ServiceTarget, sigma: f64) -> PResult<f64> {
    match target {
        ServiceTarget::CycleServiceLevel(a) => {
            Ok(stats::inv_cdf(probability("cycle service level", a)?))
        }
        ServiceTarget::FillRate {
            fill_rate,
            order_quantity,
        } => {
            let b = probability("fill rate", fill_rate)?;
            let q = positive("order quantity", order_quantity)?;
            if sigma <= 0.0 {
                return Ok(0.0);
            }
            let k = stats::inv_loss((1.0 - b) * q / sigma);
            finite("safety factor", k)
        }
    }
}

/// The fill rate a safety factor `k` achieves: `1 − σ·G(k)/Q`.
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for non-finite inputs or a non-positive order quantity.
pub fn fill_rate_of(k: f64, sigma: f64, order_quantity: f64) -> Result<f64> {
    let k = finite("safety factor", k)?;
    let s = non_negative("standard deviation", sigma)?;
    let q = positive("order quantity", order_quantity)?;
    let rate = 1.0 - s * stats::loss(k) / q;
    finite_result("the fill rate", &[rate])?;
    Ok(rate)
}

/// Picks element `i` of a column that is either as long as the batch or a single value
/// broadcast to every item.
fn at(col: &[f64], i: usize) -> f64 {
    if col.len() == 1 {
        col[0]
    } else {
        col[i]
    }
}

/// The batch length of broadcastable columns: each named column has `n` values or a single
/// one broadcast to all; the result is the longest length (1 when all are single values).
///
/// # Errors
/// [`PolicyError::InvalidInput`] for a column of another length.
pub fn batch_length(cols: &[(&str, &[f64])]) -> PResult<usize> {
    let n = cols.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    for (name, c) in cols {
        if c.len() != n && c.len() != 1 {
            return Err(PolicyError::InvalidInput {
                message: format!("{name} has {} values; expected {n} or 1", c.len()),
            });
        }
    }
    Ok(n)
}

fn in_batch(index: usize, e: crate::Error) -> crate::Error {
    crate::Error::Batch {
        index,
        source: Box::new(e),
    }
}

/// [`safety_stock`] for many items at once: each column holds one value per item or a single
/// value for all (broadcast); demand and lead times share one unit of time.
///
/// # Errors
/// [`PolicyError::InvalidInput`] for mismatched column lengths; the first failing item's
/// error wrapped in [`crate::Error::Batch`] with its index.
#[allow(clippy::too_many_arguments)]
pub fn safety_stock_many(
    means: &[f64],
    std_devs: &[f64],
    lead_times: &[f64],
    lead_time_std_devs: &[f64],
    unit: TimeUnit,
    method: SafetyStockMethod,
    target: ServiceTarget,
) -> Result<Vec<SafetyStock>> {
    let n = batch_length(&[
        ("means", means),
        ("std_devs", std_devs),
        ("lead_times", lead_times),
        ("lead_time_std_devs", lead_time_std_devs),
    ])?;
    // A cycle service level gives the same z for every item: compute it once (and check it
    // even for an empty batch).
    let z = match (target, method) {
        (_, SafetyStockMethod::MaxMinusAverage { .. }) => None,
        (ServiceTarget::CycleServiceLevel(_), _) => Some(safety_factor(target, 0.0)?),
        (ServiceTarget::FillRate { .. }, _) => None,
    };
    (0..n)
        .map(|i| {
            let d = DemandStats::new(at(means, i), at(std_devs, i), unit)
                .map_err(|e| in_batch(i, e))?;
            let lt = LeadTime::new(at(lead_times, i), at(lead_time_std_devs, i), unit)
                .map_err(|e| in_batch(i, e))?;
            safety_stock_with(&d, &lt, method, target, z).map_err(|e| in_batch(i, e))
        })
        .collect()
}

/// Safety stock results as columns (one entry per item), for array-oriented callers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SafetyStockColumns {
    /// Safety stock per item.
    pub safety_stock: Vec<f64>,
    /// Safety factor per item (NaN for max-minus-average, which has none).
    pub safety_factor: Vec<f64>,
    /// Protection interval per item.
    pub protection_interval: Vec<f64>,
    /// Expected demand over the protection interval per item.
    pub expected_demand: Vec<f64>,
    /// Standard deviation over the protection interval per item.
    pub std_dev_protection: Vec<f64>,
    /// Reorder point per item.
    pub reorder_point: Vec<f64>,
}

/// True when every value is finite and non-negative (−0 included). No early exit, so that
/// the compiler vectorizes it (NaN fails both comparisons).
#[inline(always)]
#[allow(clippy::manual_range_contains)] // `contains` uses `&&`, which vectorizes worse here
fn all_non_negative(col: &[f64]) -> bool {
    col.iter()
        .fold(true, |ok, &x| ok & (x >= 0.0) & (x <= f64::MAX))
}

/// True when every value is finite and positive (see [`all_non_negative`]).
#[inline(always)]
fn all_positive(col: &[f64]) -> bool {
    col.iter()
        .fold(true, |ok, &x| ok & (x > 0.0) & (x <= f64::MAX))
}

/// Defines a function that runs its body compiled for the widest vector instructions this
/// CPU has: AVX-512F or AVX2 on x86-64, detected at run time, otherwise the baseline the
/// library was built for (SSE2 on x86-64). The body and the `#[inline(always)]` helpers it
/// calls are compiled once per width, so the column kernels process 8 or 4 values per
/// instruction instead of 2.
///
/// The kernels only add, multiply, divide, take square roots, compare and select, which IEEE
/// 754 defines exactly whatever the vector width, and Rust never fuses a multiply and an add
/// on its own; so every path gives the same results bit for bit (the property tests compare
/// them with the one-item functions on whatever CPU runs the tests). Its `unsafe` only calls
/// a `#[target_feature]` function after checking the feature (the crate's other `unsafe` is
/// the ledger's prefetch hint). Safe `#[target_feature]` functions and `avx512f` need Rust
/// 1.89 (the workspace's `rust-version`).
macro_rules! multiversion {
    (
        $(#[$meta:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block
    ) => {
        $(#[$meta])*
        #[allow(unsafe_code)]
        fn $name($($arg: $ty),*) -> $ret {
            #[inline(always)]
            fn kernel($($arg: $ty),*) -> $ret $body

            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f")]
                fn avx512($($arg: $ty),*) -> $ret {
                    kernel($($arg),*)
                }
                #[target_feature(enable = "avx2")]
                fn avx2($($arg: $ty),*) -> $ret {
                    kernel($($arg),*)
                }
                if std::is_x86_feature_detected!("avx512f") {
                    // SAFETY: the CPU has AVX-512F, checked just above.
                    return unsafe { avx512($($arg),*) };
                }
                if std::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has AVX2, checked just above.
                    return unsafe { avx2($($arg),*) };
                }
            }
            kernel($($arg),*)
        }
    };
}

/// Items per block of the column kernels: small enough for the block's temporaries to stay
/// in L1, large enough to amortize the per-block dispatch.
const BLOCK: usize = 512;

/// A batch input read block by block: its own values, or one value broadcast to every item
/// (held in a block-sized buffer, filled once).
struct BlockInput<'a> {
    col: &'a [f64],
    repeated: Option<Box<[f64; BLOCK]>>,
}

impl<'a> BlockInput<'a> {
    fn new(col: &'a [f64]) -> Self {
        let repeated = (col.len() == 1).then(|| Box::new([col[0]; BLOCK]));
        BlockInput { col, repeated }
    }

    /// The values of items `start .. start + len` (`len ≤ BLOCK`).
    #[inline(always)]
    fn get(&self, start: usize, len: usize) -> &[f64] {
        match &self.repeated {
            Some(r) => &r[..len],
            None => &self.col[start..start + len],
        }
    }
}

/// The part of an optional output column for items `start .. start + len`.
#[inline(always)]
fn out_block<'a>(
    col: &'a mut Option<&mut [f64]>,
    start: usize,
    len: usize,
) -> Option<&'a mut [f64]> {
    col.as_deref_mut().map(|c| &mut c[start..start + len])
}

/// Mutable output columns for [`safety_stock_into`], each as long as the batch. A column
/// left `None` is neither computed nor written, so a caller that needs only the safety stock
/// pays only for it.
#[derive(Debug, Default)]
pub struct SafetyStockOut<'a> {
    /// Safety stock per item.
    pub safety_stock: Option<&'a mut [f64]>,
    /// Safety factor per item (NaN for max-minus-average).
    pub safety_factor: Option<&'a mut [f64]>,
    /// Protection interval per item.
    pub protection_interval: Option<&'a mut [f64]>,
    /// Expected demand over the protection interval per item.
    pub expected_demand: Option<&'a mut [f64]>,
    /// Standard deviation over the protection interval per item.
    pub std_dev_protection: Option<&'a mut [f64]>,
    /// Reorder point per item.
    pub reorder_point: Option<&'a mut [f64]>,
}

impl<'a> SafetyStockOut<'a> {
    /// The six columns, in field order.
    fn columns(&mut self) -> [&mut Option<&'a mut [f64]>; 6] {
        [
            &mut self.safety_stock,
            &mut self.safety_factor,
            &mut self.protection_interval,
            &mut self.expected_demand,
            &mut self.std_dev_protection,
            &mut self.reorder_point,
        ]
    }

    /// Writes item `i`'s result into every requested column.
    fn set(&mut self, i: usize, r: &SafetyStock) {
        let row = [
            r.safety_stock,
            r.safety_factor.unwrap_or(f64::NAN),
            r.protection_interval,
            r.expected_demand,
            r.std_dev_protection,
            r.reorder_point,
        ];
        put_row(self.columns(), i, row);
    }
}

/// Writes `row` at item `i` of every requested (non-`None`) column.
fn put_row<const K: usize>(cols: [&mut Option<&mut [f64]>; K], i: usize, row: [f64; K]) {
    for (c, v) in cols.into_iter().zip(row) {
        if let Some(c) = c {
            c[i] = v;
        }
    }
}

/// Checks that every requested output column holds `n` values.
fn out_len<const K: usize>(n: usize, cols: [&mut Option<&mut [f64]>; K]) -> PResult<()> {
    if cols.into_iter().flatten().any(|c| c.len() != n) {
        return Err(PolicyError::InvalidInput {
            message: format!("every output column must hold {n} values"),
        });
    }
    Ok(())
}

/// The protection interval and the deviation over it for one block of items: the formulas
/// of [`protection`], written as element-wise loops so that they vectorize (same operations
/// in the same order, so the same results bit for bit).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn protection_block(
    method: SafetyStockMethod,
    review: f64,
    d: &[f64],
    sd: &[f64],
    l: &[f64],
    sl: &[f64],
    interval: &mut [f64],
    sigma: &mut [f64],
) {
    let rows = interval.iter_mut().zip(sigma.iter_mut()).zip(d).zip(sd);
    let rows = rows.zip(l).zip(sl);
    match method {
        SafetyStockMethod::DemandVariability => {
            for (((((p, s), _), &sd), &l), _) in rows {
                *p = l;
                *s = sd * l.sqrt();
            }
        }
        SafetyStockMethod::LeadTimeVariability => {
            for (((((p, s), &d), _), &l), &sl) in rows {
                *p = l;
                *s = d * sl;
            }
        }
        SafetyStockMethod::Combined | SafetyStockMethod::MaxMinusAverage { .. } => {
            for (((((p, s), &d), &sd), &l), &sl) in rows {
                *p = l;
                *s = (l * sd * sd + d * d * sl * sl).sqrt();
            }
        }
        SafetyStockMethod::PeriodicReview { .. } => {
            for (((((p, s), &d), &sd), &l), &sl) in rows {
                let q = l + review;
                *p = q;
                *s = (q * sd * sd + d * d * sl * sl).sqrt();
            }
        }
    }
}

multiversion! {
    /// The block loop of [`safety_stock_into`]: `false` (and stop) at the first block with an
    /// invalid input.
    fn safety_stock_blocks(
        inputs: &[BlockInput<'_>; 4],
        out: &mut SafetyStockOut<'_>,
        n: usize,
        method: SafetyStockMethod,
        review: f64,
        k: f64,
    ) -> bool {
        let mut interval = [0.0; BLOCK];
        let mut sigma = [0.0; BLOCK];
        for start in (0..n).step_by(BLOCK) {
            let len = BLOCK.min(n - start);
            let [d, sd, l, sl] = [0, 1, 2, 3].map(|c| inputs[c].get(start, len));
            if ![d, sd, l, sl].iter().all(|c| all_non_negative(c)) {
                return false;
            }
            let (interval, sigma) = (&mut interval[..len], &mut sigma[..len]);
            protection_block(method, review, d, sd, l, sl, interval, sigma);
            // A result that overflowed (in any column, requested or not) goes item by item,
            // which reports it as `safety_stock` does.
            let finite = d.iter().zip(&*interval).zip(&*sigma).fold(true, |ok, ((&d, &p), &s)| {
                let r = d * p + k * s;
                ok & (p.abs() <= f64::MAX) & (s.abs() <= f64::MAX) & (r.abs() <= f64::MAX)
            });
            if !finite {
                return false;
            }
            if let Some(o) = out_block(&mut out.safety_stock, start, len) {
                for (o, &s) in o.iter_mut().zip(&*sigma) {
                    *o = k * s;
                }
            }
            if let Some(o) = out_block(&mut out.safety_factor, start, len) {
                o.fill(k);
            }
            if let Some(o) = out_block(&mut out.protection_interval, start, len) {
                o.copy_from_slice(interval);
            }
            if let Some(o) = out_block(&mut out.expected_demand, start, len) {
                for ((o, &d), &p) in o.iter_mut().zip(d).zip(&*interval) {
                    *o = d * p;
                }
            }
            if let Some(o) = out_block(&mut out.std_dev_protection, start, len) {
                o.copy_from_slice(sigma);
            }
            if let Some(o) = out_block(&mut out.reorder_point, start, len) {
                for (((o, &d), &p), &s) in o.iter_mut().zip(d).zip(&*interval).zip(&*sigma) {
                    *o = d * p + k * s;
                }
            }
        }
        true
    }
}

/// [`safety_stock_many`] written into caller-provided columns (for example numpy arrays), so
/// that nothing is allocated or copied; columns left `None` in `out` are not computed.
///
/// For a cycle service level and the variability methods the work runs block by block
/// (512 items): the block's inputs are checked, the protection interval and its
/// deviation computed in vectorizable loops, and only the requested columns written (same
/// formulas, same results bit for bit as [`safety_stock`]). Other cases, and a block with an
/// invalid input, go item by item through [`safety_stock_many`], which reports the first bad
/// item. On error the output columns may be partly written.
///
/// # Errors
/// As [`safety_stock_many`]; [`PolicyError::InvalidInput`] for output columns of the wrong
/// length.
#[allow(clippy::too_many_arguments)]
pub fn safety_stock_into(
    means: &[f64],
    std_devs: &[f64],
    lead_times: &[f64],
    lead_time_std_devs: &[f64],
    unit: TimeUnit,
    method: SafetyStockMethod,
    target: ServiceTarget,
    mut out: SafetyStockOut<'_>,
) -> Result<()> {
    let n = batch_length(&[
        ("means", means),
        ("std_devs", std_devs),
        ("lead_times", lead_times),
        ("lead_time_std_devs", lead_time_std_devs),
    ])?;
    out_len(n, out.columns())?;
    let item_by_item = |out: &mut SafetyStockOut<'_>| -> Result<()> {
        let items = safety_stock_many(
            means,
            std_devs,
            lead_times,
            lead_time_std_devs,
            unit,
            method,
            target,
        )?;
        for (i, r) in items.iter().enumerate() {
            out.set(i, r);
        }
        Ok(())
    };
    if !matches!(target, ServiceTarget::CycleServiceLevel(_))
        || matches!(method, SafetyStockMethod::MaxMinusAverage { .. })
    {
        return item_by_item(&mut out);
    }
    // A bad target or review period goes item by item too, so that it is reported as
    // `safety_stock_many` reports it (for the first item).
    let Ok(k) = safety_factor(target, 0.0) else {
        return item_by_item(&mut out);
    };
    let review = match method {
        SafetyStockMethod::PeriodicReview { review_period } => {
            match non_negative("review period", review_period) {
                Ok(r) => r,
                Err(_) => return item_by_item(&mut out),
            }
        }
        _ => 0.0,
    };
    let inputs = [means, std_devs, lead_times, lead_time_std_devs].map(BlockInput::new);
    let complete = safety_stock_blocks(&inputs, &mut out, n, method, review, k);
    if !complete {
        return item_by_item(&mut out);
    }
    Ok(())
}

/// [`safety_stock_many`] with the results as columns (see [`safety_stock_into`]).
///
/// # Errors
/// As [`safety_stock_many`].
#[allow(clippy::too_many_arguments)]
pub fn safety_stock_columns(
    means: &[f64],
    std_devs: &[f64],
    lead_times: &[f64],
    lead_time_std_devs: &[f64],
    unit: TimeUnit,
    method: SafetyStockMethod,
    target: ServiceTarget,
) -> Result<SafetyStockColumns> {
    let n = batch_length(&[
        ("means", means),
        ("std_devs", std_devs),
        ("lead_times", lead_times),
        ("lead_time_std_devs", lead_time_std_devs),
    ])?;
    let mut c = SafetyStockColumns {
        safety_stock: vec![0.0; n],
        safety_factor: vec![0.0; n],
        protection_interval: vec![0.0; n],
        expected_demand: vec![0.0; n],
        std_dev_protection: vec![0.0; n],
        reorder_point: vec![0.0; n],
    };
    safety_stock_into(
        means,
        std_devs,
        lead_times,
        lead_time_std_devs,
        unit,
        method,
        target,
        SafetyStockOut {
            safety_stock: Some(&mut c.safety_stock),
            safety_factor: Some(&mut c.safety_factor),
            protection_interval: Some(&mut c.protection_interval),
            expected_demand: Some(&mut c.expected_demand),
            std_dev_protection: Some(&mut c.std_dev_protection),
            reorder_point: Some(&mut c.reorder_point),
        },
    )?;
    Ok(c)
}

// ----- EOQ family -----

/// An order quantity with its annual costs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OrderQuantity {
    /// Units per order.
    pub quantity: f64,
    /// Ordering + holding (+ backorder) cost per year, excluding the purchase cost.
    pub total_cost: f64,
    /// Ordering cost per year: D/Q·S.
    pub ordering_cost: f64,
    /// Holding cost per year.
    pub holding_cost: f64,
    /// Orders per year: D/Q.
    pub orders_per_year: f64,
    /// Time between orders, in years: Q/D.
    pub cycle_years: f64,
}

fn eoq_inputs(annual_demand: f64, order_cost: f64, holding_cost: f64) -> PResult<(f64, f64, f64)> {
    Ok((
        non_negative("annual demand", annual_demand)?,
        non_negative("order cost", order_cost)?,
        positive("holding cost", holding_cost)?,
    ))
}

/// The cost of ordering `quantity` units at a time: `D/Q·S + Q/2·H`.
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for negative demand or order cost, a non-positive
/// holding cost or quantity, or non-finite input.
pub fn eoq_cost(
    annual_demand: f64,
    order_cost: f64,
    holding_cost: f64,
    quantity: f64,
) -> Result<OrderQuantity> {
    let (d, s, h) = eoq_inputs(annual_demand, order_cost, holding_cost)?;
    let q = positive("order quantity", quantity)?;
    Ok(order_quantity(d, s, h, q)?)
}

/// The annual costs of ordering `q` units at a time (inputs already checked); `q = 0` (no
/// demand or no order cost) costs nothing and never reorders.
///
/// # Errors
/// [`PolicyError::Overflow`] when a figure is not finite.
#[inline]
fn order_quantity(d: f64, s: f64, h: f64, q: f64) -> PResult<OrderQuantity> {
    let r = order_quantity_unchecked(d, s, h, q);
    finite_result(
        "the order quantity or its costs",
        &[
            r.quantity,
            r.total_cost,
            r.ordering_cost,
            r.holding_cost,
            r.orders_per_year,
            r.cycle_years,
        ],
    )?;
    Ok(r)
}

#[inline]
fn order_quantity_unchecked(d: f64, s: f64, h: f64, q: f64) -> OrderQuantity {
    if q == 0.0 {
        return OrderQuantity {
            quantity: 0.0,
            total_cost: 0.0,
            ordering_cost: 0.0,
            holding_cost: 0.0,
            orders_per_year: 0.0,
            cycle_years: f64::MAX,
        };
    }
    let ordering = d / q * s;
    let holding = q / 2.0 * h;
    OrderQuantity {
        quantity: q,
        total_cost: ordering + holding,
        ordering_cost: ordering,
        holding_cost: holding,
        orders_per_year: d / q,
        cycle_years: if d > 0.0 { q / d } else { f64::MAX },
    }
}

/// The economic order quantity `Q* = √(2·D·S/H)` (Harris 1913) and its annual cost
/// `√(2·D·S·H)`.
///
/// ```
/// // D = 1,000/year, S = 10 per order, H = 0.50 per unit-year: Q* = √40,000 = 200, cost 100.
/// let e = inventory_core::policy::eoq(1000.0, 10.0, 0.5).unwrap();
/// assert!((e.quantity - 200.0).abs() < 1e-9 && (e.total_cost - 100.0).abs() < 1e-9);
/// ```
///
/// With zero demand or zero order cost the quantity is 0 and so is the cost.
///
/// # Errors
/// As [`eoq_cost`].
pub fn eoq(annual_demand: f64, order_cost: f64, holding_cost: f64) -> Result<OrderQuantity> {
    let (d, s, h) = eoq_inputs(annual_demand, order_cost, holding_cost)?;
    Ok(order_quantity(d, s, h, (2.0 * d * s / h).sqrt())?)
}

/// [`eoq`] for many items at once (columns of one value per item, or one value broadcast).
///
/// # Errors
/// As [`safety_stock_many`].
pub fn eoq_many(
    annual_demands: &[f64],
    order_costs: &[f64],
    holding_costs: &[f64],
) -> Result<Vec<OrderQuantity>> {
    let n = batch_length(&[
        ("annual_demands", annual_demands),
        ("order_costs", order_costs),
        ("holding_costs", holding_costs),
    ])?;
    (0..n)
        .map(|i| {
            eoq(
                at(annual_demands, i),
                at(order_costs, i),
                at(holding_costs, i),
            )
            .map_err(|e| in_batch(i, e))
        })
        .collect()
}

/// EOQ results as columns (one entry per item).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderQuantityColumns {
    /// Units per order.
    pub quantity: Vec<f64>,
    /// Ordering + holding cost per year.
    pub total_cost: Vec<f64>,
    /// Ordering cost per year.
    pub ordering_cost: Vec<f64>,
    /// Holding cost per year.
    pub holding_cost: Vec<f64>,
    /// Orders per year.
    pub orders_per_year: Vec<f64>,
    /// Years between orders.
    pub cycle_years: Vec<f64>,
}

/// Mutable output columns for [`eoq_into`], each as long as the batch. A column left `None`
/// is neither computed nor written.
#[derive(Debug, Default)]
pub struct OrderQuantityOut<'a> {
    /// Units per order.
    pub quantity: Option<&'a mut [f64]>,
    /// Ordering + holding cost per year.
    pub total_cost: Option<&'a mut [f64]>,
    /// Ordering cost per year.
    pub ordering_cost: Option<&'a mut [f64]>,
    /// Holding cost per year.
    pub holding_cost: Option<&'a mut [f64]>,
    /// Orders per year.
    pub orders_per_year: Option<&'a mut [f64]>,
    /// Years between orders.
    pub cycle_years: Option<&'a mut [f64]>,
}

impl<'a> OrderQuantityOut<'a> {
    /// The six columns, in field order.
    fn columns(&mut self) -> [&mut Option<&'a mut [f64]>; 6] {
        [
            &mut self.quantity,
            &mut self.total_cost,
            &mut self.ordering_cost,
            &mut self.holding_cost,
            &mut self.orders_per_year,
            &mut self.cycle_years,
        ]
    }

    /// Writes item `i`'s result into every requested column.
    fn set(&mut self, i: usize, r: &OrderQuantity) {
        let row = [
            r.quantity,
            r.total_cost,
            r.ordering_cost,
            r.holding_cost,
            r.orders_per_year,
            r.cycle_years,
        ];
        put_row(self.columns(), i, row);
    }
}

multiversion! {
    /// The block loop of [`eoq_into`]: `false` (and stop) at the first block with an invalid
    /// input.
    fn eoq_blocks(inputs: &[BlockInput<'_>; 3], out: &mut OrderQuantityOut<'_>, n: usize) -> bool {
        let needs_per_year = out.orders_per_year.is_some()
            || out.ordering_cost.is_some()
            || out.total_cost.is_some();
        let mut q = [0.0; BLOCK];
        let mut per_year = [0.0; BLOCK];
        for start in (0..n).step_by(BLOCK) {
            let len = BLOCK.min(n - start);
            let [d, s, h] = [0, 1, 2].map(|c| inputs[c].get(start, len));
            if !(all_non_negative(d) && all_non_negative(s) && all_positive(h)) {
                return false;
            }
            let (q, per_year) = (&mut q[..len], &mut per_year[..len]);
            for (((q, &d), &s), &h) in q.iter_mut().zip(d).zip(s).zip(h) {
                // `order_quantity` reports Q = 0 as +0 (also when −0 was given for D or S).
                let r = (2.0 * d * s / h).sqrt();
                *q = if r == 0.0 { 0.0 } else { r };
            }
            // A figure that overflowed (in any column, requested or not) goes item by item,
            // which reports it as `eoq` does.
            let finite = q.iter().zip(d).zip(s.iter().zip(h)).fold(true, |ok, ((&q, &d), (&s, &h))| {
                let y = d / q * s;
                let total = y + q / 2.0 * h;
                let cycle = q / d;
                ok & (q <= f64::MAX)
                    & ((q == 0.0) | (total <= f64::MAX))
                    & ((q == 0.0) | (d <= 0.0) | (cycle <= f64::MAX))
            });
            if !finite {
                return false;
            }
            // D/Q, or 0 when Q = 0 (no demand or no order cost): `order_quantity`'s special case.
            if needs_per_year {
                for ((y, &q), &d) in per_year.iter_mut().zip(&*q).zip(d) {
                    let r = d / q;
                    *y = if q == 0.0 { 0.0 } else { r };
                }
            }
            let (q, per_year) = (&*q, &*per_year);
            if let Some(o) = out_block(&mut out.quantity, start, len) {
                o.copy_from_slice(q);
            }
            if let Some(o) = out_block(&mut out.orders_per_year, start, len) {
                o.copy_from_slice(per_year);
            }
            if let Some(o) = out_block(&mut out.ordering_cost, start, len) {
                for (((o, &y), &s), &q) in o.iter_mut().zip(per_year).zip(s).zip(q) {
                    let v = y * s;
                    *o = if q == 0.0 { 0.0 } else { v };
                }
            }
            if let Some(o) = out_block(&mut out.holding_cost, start, len) {
                for ((o, &q), &h) in o.iter_mut().zip(q).zip(h) {
                    *o = q / 2.0 * h;
                }
            }
            if let Some(o) = out_block(&mut out.total_cost, start, len) {
                for (((o, &q), &y), (&s, &h)) in
                    o.iter_mut().zip(q).zip(per_year).zip(s.iter().zip(h))
                {
                    *o = y * s + q / 2.0 * h;
                }
            }
            if let Some(o) = out_block(&mut out.cycle_years, start, len) {
                for ((o, &q), &d) in o.iter_mut().zip(q).zip(d) {
                    let c = q / d;
                    *o = if q == 0.0 || d <= 0.0 { f64::MAX } else { c };
                }
            }
        }
        true
    }
}

/// [`eoq_many`] written into caller-provided columns; columns left `None` in `out` are not
/// computed. The work runs block by block (512 items): the block's inputs are checked,
/// then each requested column is computed in a vectorizable loop with the formulas of
/// [`eoq`] (same operations in the same order, the `Q = 0` case selected without a branch),
/// so the results equal [`eoq`]'s bit for bit. A block with an invalid input goes item by
/// item through [`eoq_many`], which reports the first bad item; on error the output columns
/// may be partly written.
///
/// # Errors
/// As [`eoq_many`]; [`PolicyError::InvalidInput`] for output columns of the wrong length.
pub fn eoq_into(
    annual_demands: &[f64],
    order_costs: &[f64],
    holding_costs: &[f64],
    mut out: OrderQuantityOut<'_>,
) -> Result<()> {
    let n = batch_length(&[
        ("annual_demands", annual_demands),
        ("order_costs", order_costs),
        ("holding_costs", holding_costs),
    ])?;
    out_len(n, out.columns())?;
    let inputs = [annual_demands, order_costs, holding_costs].map(BlockInput::new);
    let complete = eoq_blocks(&inputs, &mut out, n);
    if !complete {
        // The item-by-item path reports the first bad item (and writes every column if the
        // block check was stricter than the per-item rules).
        let items = eoq_many(annual_demands, order_costs, holding_costs)?;
        for (i, r) in items.iter().enumerate() {
            out.set(i, r);
        }
    }
    Ok(())
}

/// [`eoq_many`] with the results as columns (see [`eoq_into`]).
///
/// # Errors
/// As [`eoq_many`].
pub fn eoq_columns(
    annual_demands: &[f64],
    order_costs: &[f64],
    holding_costs: &[f64],
) -> Result<OrderQuantityColumns> {
    let n = batch_length(&[
        ("annual_demands", annual_demands),
        ("order_costs", order_costs),
        ("holding_costs", holding_costs),
    ])?;
    let mut c = OrderQuantityColumns {
        quantity: vec![0.0; n],
        total_cost: vec![0.0; n],
        ordering_cost: vec![0.0; n],
        holding_cost: vec![0.0; n],
        orders_per_year: vec![0.0; n],
        cycle_years: vec![0.0; n],
    };
    eoq_into(
        annual_demands,
        order_costs,
        holding_costs,
        OrderQuantityOut {
            quantity: Some(&mut c.quantity),
            total_cost: Some(&mut c.total_cost),
            ordering_cost: Some(&mut c.ordering_cost),
            holding_cost: Some(&mut c.holding_cost),
            orders_per_year: Some(&mut c.orders_per_year),
            cycle_years: Some(&mut c.cycle_years),
        },
    )?;
    Ok(c)
}

/// EOQ with planned backorders.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BackorderQuantity {
    /// Units per order: `√(2DS/H · (H + B)/B)`.
    pub quantity: f64,
    /// The largest backlog just before an order arrives: `Q·H/(H + B)`.
    pub max_backorder: f64,
    /// The largest inventory: `Q − max_backorder`.
    pub max_inventory: f64,
    /// Ordering + holding + backorder cost per year: `√(2DSH · B/(H + B))`.
    pub total_cost: f64,
}

/// EOQ with planned backorders, `B` the cost of one unit backordered for one year
/// (Hadley & Whitin 1963; Nahmias, *Production and Operations Analysis*, §4.7).
///
/// # Errors
/// As [`eoq_cost`], and a non-positive backorder cost.
pub fn eoq_backorders(
    annual_demand: f64,
    order_cost: f64,
    holding_cost: f64,
    backorder_cost: f64,
) -> Result<BackorderQuantity> {
    let (d, s, h) = eoq_inputs(annual_demand, order_cost, holding_cost)?;
    let b = positive("backorder cost", backorder_cost)?;
    let q = (2.0 * d * s / h * (h + b) / b).sqrt();
    let backlog = q * h / (h + b);
    let r = BackorderQuantity {
        quantity: q,
        max_backorder: backlog,
        max_inventory: q - backlog,
        total_cost: (2.0 * d * s * h * b / (h + b)).sqrt(),
    };
    finite_result(
        "the order quantity with backorders or its cost",
        &[r.quantity, r.max_backorder, r.max_inventory, r.total_cost],
    )?;
    Ok(r)
}

/// Economic production quantity with a finite production rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProductionQuantity {
    /// Units per production run: `√(2DS / (H·(1 − D/P)))`.
    pub quantity: f64,
    /// The largest inventory: `Q·(1 − D/P)`.
    pub max_inventory: f64,
    /// Setup + holding cost per year: `√(2DSH·(1 − D/P))`.
    pub total_cost: f64,
    /// Length of a production run, in years: `Q/P`.
    pub run_years: f64,
}

/// The economic production quantity (Taft 1918), `P` the production rate per year.
///
/// # Errors
/// As [`eoq_cost`], and a production rate not above the demand rate.
pub fn epq(
    annual_demand: f64,
    setup_cost: f64,
    holding_cost: f64,
    production_rate: f64,
) -> Result<ProductionQuantity> {
    let (d, s, h) = eoq_inputs(annual_demand, setup_cost, holding_cost)?;
    let p = positive("production rate", production_rate)?;
    if p <= d {
        return Err(PolicyError::InvalidParameter {
            name: "production rate",
            value: p,
            expected: "a rate above the annual demand",
        }
        .into());
    }
    let f = 1.0 - d / p;
    let q = (2.0 * d * s / (h * f)).sqrt();
    let r = ProductionQuantity {
        quantity: q,
        max_inventory: q * f,
        total_cost: (2.0 * d * s * h * f).sqrt(),
        run_years: q / p,
    };
    finite_result(
        "the production quantity or its cost",
        &[r.quantity, r.max_inventory, r.total_cost, r.run_years],
    )?;
    Ok(r)
}

/// How the holding cost is given for quantity discounts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldingCost {
    /// A fixed cost per unit per year.
    PerUnit(f64),
    /// A yearly rate on the value held (e.g. 0.25 = 25 % of the unit price per year).
    Rate(f64),
}

/// One price break: from `min_quantity` units on, the price is `unit_price`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PriceBreak {
    /// The smallest quantity this price applies to.
    pub min_quantity: f64,
    /// The unit price.
    pub unit_price: f64,
}

/// How the price breaks apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// The break's price applies to every unit of the order.
    AllUnits,
    /// Each price applies only to the units within its bracket.
    Incremental,
}

impl DiscountKind {
    /// The lowercase name (`"all_units"`, `"incremental"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DiscountKind::AllUnits => "all_units",
            DiscountKind::Incremental => "incremental",
        }
    }
}

impl std::str::FromStr for DiscountKind {
    type Err = PolicyError;
    fn from_str(s: &str) -> PResult<Self> {
        match s {
            "all_units" => Ok(DiscountKind::AllUnits),
            "incremental" => Ok(DiscountKind::Incremental),
            _ => Err(PolicyError::InvalidInput {
                message: format!("unknown discount kind {s:?} (expected all_units or incremental)"),
            }),
        }
    }
}

/// The best order quantity under quantity discounts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DiscountQuantity {
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

fn check_breaks(breaks: &[PriceBreak]) -> PResult<()> {
    if breaks.is_empty() {
        return Err(PolicyError::InvalidInput {
            message: "no price breaks".into(),
        });
    }
    for (i, b) in breaks.iter().enumerate() {
        non_negative("break quantity", b.min_quantity)?;
        positive("unit price", b.unit_price)?;
        if i > 0 && b.min_quantity <= breaks[i - 1].min_quantity {
            return Err(PolicyError::InvalidInput {
                message: format!("price break {i} does not start above break {}", i - 1),
            });
        }
    }
    Ok(())
}

/// Purchase cost of `q` units under incremental discounts, and the bracket of `q`.
fn incremental_price(breaks: &[PriceBreak], q: f64) -> (f64, usize) {
    let mut cost = 0.0;
    let mut idx = 0;
    for (i, b) in breaks.iter().enumerate() {
        let start = if i == 0 { 0.0 } else { b.min_quantity };
        if q < start {
            break;
        }
        let end = breaks.get(i + 1).map_or(f64::INFINITY, |n| n.min_quantity);
        cost += (q.min(end) - start) * b.unit_price;
        idx = i;
    }
    (cost, idx)
}

/// EOQ under quantity discounts, all-units or incremental (Silver, Pyke & Peterson §5.5;
/// Nahmias §4.7).
///
/// For each bracket the unconstrained optimum for that price is computed and clamped into
/// the bracket; every candidate is costed with the true price schedule and the cheapest is
/// chosen (ties: the smaller quantity). Under incremental discounts the first bracket's
/// price applies from 0 units. Orders below the first break's quantity are not allowed.
///
/// # Errors
/// [`PolicyError::InvalidParameter`] / [`PolicyError::InvalidInput`] for bad demand, costs
/// or breaks (empty, not strictly increasing, non-positive prices).
pub fn eoq_discount(
    annual_demand: f64,
    order_cost: f64,
    holding: HoldingCost,
    breaks: &[PriceBreak],
    kind: DiscountKind,
) -> Result<DiscountQuantity> {
    let d = positive("annual demand", annual_demand)?;
    let s = non_negative("order cost", order_cost)?;
    let h_of = |price: f64| match holding {
        HoldingCost::PerUnit(h) => h,
        HoldingCost::Rate(i) => i * price,
    };
    match holding {
        HoldingCost::PerUnit(h) => positive("holding cost", h)?,
        HoldingCost::Rate(i) => positive("holding cost rate", i)?,
    };
    check_breaks(breaks)?;
    let cost_at = |q: f64| -> DiscountQuantity {
        let (purchase_per_order, idx) = match kind {
            DiscountKind::AllUnits => {
                let idx = breaks
                    .iter()
                    .rposition(|b| q >= b.min_quantity)
                    .unwrap_or(0);
                (q * breaks[idx].unit_price, idx)
            }
            DiscountKind::Incremental => incremental_price(breaks, q),
        };
        let avg_price = purchase_per_order / q;
        let holding_cost = match holding {
            HoldingCost::PerUnit(h) => h * q / 2.0,
            HoldingCost::Rate(i) => i * purchase_per_order / 2.0,
        };
        let ordering = d / q * s;
        let purchase = d * avg_price;
        DiscountQuantity {
            break_index: idx,
            unit_price: breaks[idx].unit_price,
            quantity: q,
            total_cost: purchase + ordering + holding_cost,
            purchase_cost: purchase,
            ordering_cost: ordering,
            holding_cost,
        }
    };
    let mut best: Option<DiscountQuantity> = None;
    for (j, b) in breaks.iter().enumerate() {
        let lo = b
            .min_quantity
            .max(if j == 0 { f64::MIN_POSITIVE } else { 0.0 });
        let hi = breaks.get(j + 1).map(|n| n.min_quantity);
        // Fixed part of the purchase cost in this bracket (incremental): C(m_j) − c_j·m_j.
        let fixed = match kind {
            DiscountKind::AllUnits => 0.0,
            DiscountKind::Incremental => {
                incremental_price(breaks, b.min_quantity).0 - b.unit_price * b.min_quantity
            }
        };
        let q_star = (2.0 * d * (s + fixed) / h_of(b.unit_price)).sqrt();
        let mut candidates = vec![q_star.max(lo)];
        if let Some(hi) = hi {
            if q_star >= hi {
                // Beyond the bracket: the best point of this bracket is its upper end, which
                // the next bracket evaluates.
                candidates.clear();
            }
        }
        for q in candidates {
            let c = cost_at(q);
            if best.is_none_or(|bb| c.total_cost < bb.total_cost - 1e-12 * bb.total_cost.abs()) {
                best = Some(c);
            }
        }
    }
    let best = best.ok_or_else(|| PolicyError::InvalidInput {
        message: "no feasible order quantity".into(),
    })?;
    finite_result(
        "the discounted order quantity or its costs",
        &[
            best.unit_price,
            best.quantity,
            best.total_cost,
            best.purchase_cost,
            best.ordering_cost,
            best.holding_cost,
        ],
    )?;
    Ok(best)
}

/// An order quantity rounded to a minimum order quantity and a pack size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RoundedQuantity {
    /// The quantity ordered: a multiple of the pack size, at least the MOQ.
    pub quantity: f64,
    /// Its annual ordering + holding cost.
    pub total_cost: f64,
    /// The annual cost of the unrounded quantity.
    pub unrounded_cost: f64,
    /// The cost penalty of rounding: `total_cost − unrounded_cost` (≥ 0 when rounding EOQ).
    pub penalty: f64,
    /// The penalty relative to the unrounded cost (0.01 = 1 %).
    pub penalty_ratio: f64,
}

/// Rounds `quantity` to a multiple of `pack_size` that is at least `min_order_quantity`,
/// choosing the cheaper of the multiples just below and just above (ties: the smaller),
/// and reports the cost penalty against the unrounded quantity.
///
/// # Errors
/// As [`eoq_cost`], and a non-positive pack size or negative MOQ.
pub fn round_order_quantity(
    annual_demand: f64,
    order_cost: f64,
    holding_cost: f64,
    quantity: f64,
    min_order_quantity: f64,
    pack_size: f64,
) -> Result<RoundedQuantity> {
    let pack = positive("pack size", pack_size)?;
    let moq = non_negative("minimum order quantity", min_order_quantity)?;
    let q = positive("order quantity", quantity)?;
    let base = eoq_cost(annual_demand, order_cost, holding_cost, q)?;
    let floor_moq = (moq / pack).ceil().max(1.0) * pack;
    let down = ((q / pack).floor() * pack).max(floor_moq);
    let up = ((q / pack).ceil() * pack).max(floor_moq);
    let c_down = eoq_cost(annual_demand, order_cost, holding_cost, down)?;
    let c_up = eoq_cost(annual_demand, order_cost, holding_cost, up)?;
    // Ties (to a relative 1e-12, as in `eoq_discount`: a tie computed two ways must not
    // fall on either side by rounding noise) go to the smaller quantity.
    let chosen = if c_down.total_cost <= c_up.total_cost + 1e-12 * c_up.total_cost.abs() {
        c_down
    } else {
        c_up
    };
    let penalty = chosen.total_cost - base.total_cost;
    let r = RoundedQuantity {
        quantity: chosen.quantity,
        total_cost: chosen.total_cost,
        unrounded_cost: base.total_cost,
        penalty,
        penalty_ratio: if base.total_cost > 0.0 {
            penalty / base.total_cost
        } else {
            0.0
        },
    };
    finite_result(
        "the rounded order quantity or its costs",
        &[
            r.quantity,
            r.total_cost,
            r.unrounded_cost,
            r.penalty,
            r.penalty_ratio,
        ],
    )?;
    Ok(r)
}

// ----- newsvendor -----

/// A one-shot buy: the best quantity and its expected outcome.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Newsvendor {
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

fn newsvendor_costs(underage: f64, overage: f64) -> PResult<f64> {
    let cu = positive("underage cost", underage)?;
    let co = positive("overage cost", overage)?;
    Ok(cu / (cu + co))
}

/// The underage and overage costs of a one-shot buy from prices: `Cu = price − cost +
/// shortage penalty`, `Co = cost − salvage value`, as `(Cu, Co)`. Either may be zero or
/// negative (selling below cost, a salvage value above cost): the newsvendor functions
/// refuse such costs.
///
/// ```
/// use inventory_core::policy::newsvendor_costs_from_prices;
///
/// assert_eq!(newsvendor_costs_from_prices(10.0, 6.0, 1.0, 2.0)?, (6.0, 5.0));
/// // Finite prices whose difference is beyond f64 are an overflow, not an infinite cost.
/// let e = newsvendor_costs_from_prices(1e308, 1e308, -1e308, 0.0).unwrap_err();
/// assert_eq!(e.kind(), inventory_core::ErrorKind::Overflow);
/// # Ok::<(), inventory_core::Error>(())
/// ```
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for a non-finite price, cost, salvage value or
/// penalty; [`PolicyError::Overflow`] when a cost is beyond `f64` (a cost of 10^308 and a
/// salvage value of −10^308).
pub fn newsvendor_costs_from_prices(
    price: f64,
    cost: f64,
    salvage: f64,
    shortage_penalty: f64,
) -> Result<(f64, f64)> {
    let price = finite("price", price)?;
    let cost = finite("unit cost", cost)?;
    let salvage = finite("salvage value", salvage)?;
    let penalty = finite("shortage penalty", shortage_penalty)?;
    let costs = (price - cost + penalty, cost - salvage);
    finite_result("the underage and overage costs", &[costs.0, costs.1])?;
    Ok(costs)
}

/// Newsvendor with normally distributed demand: `Q* = μ + σ·Φ⁻¹(Cu/(Cu + Co))`, floored at
/// 0 (demand is never negative); expectations through the standard normal loss function.
///
/// ```
/// // μ = 100, σ = 20, Cu = 6, Co = 4: CR = 0.6, z = 0.2533, Q = 105.07.
/// let n = inventory_core::policy::newsvendor_normal(100.0, 20.0, 6.0, 4.0).unwrap();
/// assert!((n.quantity - 105.067).abs() < 1e-3);
/// ```
///
/// # Errors
/// [`PolicyError::InvalidParameter`] for a negative mean or deviation or non-positive costs.
pub fn newsvendor_normal(
    mean: f64,
    std_dev: f64,
    underage_cost: f64,
    overage_cost: f64,
) -> Result<Newsvendor> {
    let mu = non_negative("mean demand", mean)?;
    let sigma = non_negative("demand standard deviation", std_dev)?;
    let cr = newsvendor_costs(underage_cost, overage_cost)?;
    let (cu, co) = (underage_cost, overage_cost);
    if sigma == 0.0 {
        return Newsvendor {
            quantity: mu,
            critical_ratio: cr,
            expected_cost: 0.0,
            expected_sales: mu,
            expected_leftover: 0.0,
            expected_shortage: 0.0,
        }
        .checked();
    }
    let q = (mu + sigma * stats::inv_cdf(cr)).max(0.0);
    let z = (q - mu) / sigma;
    let short = sigma * stats::loss(z);
    let left = (q - mu) + short;
    Newsvendor {
        quantity: q,
        critical_ratio: cr,
        expected_cost: co * left + cu * short,
        expected_sales: mu - short,
        expected_leftover: left,
        expected_shortage: short,
    }
    .checked()
}

/// Newsvendor on an empirical demand sample (for example last season's daily sales): the
/// quantity is the sample's critical-ratio quantile, the smallest observation `x` with
/// `F̂(x) ≥ Cu/(Cu + Co)` (inverse of the empirical distribution function); expectations are
/// sample averages.
///
/// # Errors
/// [`PolicyError::InvalidInput`] for an empty sample; [`PolicyError::InvalidParameter`] for
/// negative or non-finite observations or non-positive costs.
pub fn newsvendor_empirical(
    sample: &[f64],
    underage_cost: f64,
    overage_cost: f64,
) -> Result<Newsvendor> {
    let cr = newsvendor_costs(underage_cost, overage_cost)?;
    if sample.is_empty() {
        return Err(PolicyError::InvalidInput {
            message: "the demand sample is empty".into(),
        }
        .into());
    }
    let mut xs = Vec::with_capacity(sample.len());
    for &x in sample {
        xs.push(non_negative("demand observation", x)?);
    }
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    // Smallest k (1-based) with k/n ≥ cr; guard the float product against landing a hair above an integer.
    let k = ((cr * n as f64) - 1e-9).ceil().clamp(1.0, n as f64) as usize;
    let q = xs[k - 1];
    let (mut left, mut short) = (0.0, 0.0);
    for &x in &xs {
        left += (q - x).max(0.0);
        short += (x - q).max(0.0);
    }
    let nf = n as f64;
    let (left, short) = (left / nf, short / nf);
    let mean = xs.iter().sum::<f64>() / nf;
    Newsvendor {
        quantity: q,
        critical_ratio: cr,
        expected_cost: overage_cost * left + underage_cost * short,
        expected_sales: mean - short,
        expected_leftover: left,
        expected_shortage: short,
    }
    .checked()
}

impl Newsvendor {
    /// Itself, or [`PolicyError::Overflow`] unless every figure is finite.
    fn checked(self) -> Result<Self> {
        finite_result(
            "the newsvendor quantity or its expectations",
            &[
                self.quantity,
                self.critical_ratio,
                self.expected_cost,
                self.expected_sales,
                self.expected_leftover,
                self.expected_shortage,
            ],
        )?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests;
