//! Deterministic inputs for the policy-math benchmark (`benches/policy.rs`).
//!
//! Everything comes from the crate's SplitMix64 generator with a fixed seed, so every run
//! (and every machine) measures the same numbers:
//!
//! - [`abc_values`]: a skewed measure per SKU (e.g. annual consumption value): a share
//!   [`ZERO_SHARE`] of SKUs that sold nothing (exactly `0.0`), the rest Pareto distributed
//!   with shape [`PARETO_SHAPE`] (≈ the 80/20 rule) and scale 100, `x = 100 / u^(1/α)`
//!   with `u` uniform in (0, 1];
//! - [`DemandSeries`]: `periods` weekly demands per SKU in one flat row-major buffer (as a
//!   C-contiguous 2-D numpy array would hold them), whole units ≥ 0. Each SKU gets a mean
//!   level (Pareto, scale 5), a coefficient of variation uniform in 0.05–1.5 and, for a
//!   third of the SKUs, intermittent demand (each week empty with probability 0.2–0.8),
//!   so the series spread over the X, Y and Z classes;
//! - [`PolicyInputs`]: per-SKU columns for safety stock (weekly demand mean and deviation,
//!   lead time and its deviation in weeks) and for the EOQ (annual demand, order cost,
//!   holding cost per unit-year), all valid, so no item is refused.
//!
//! ```
//! use inventory_benches::policy_data::{abc_values, DemandSeries, PolicyInputs};
//!
//! let v = abc_values(1_000, 7);
//! assert_eq!(v, abc_values(1_000, 7)); // deterministic
//! assert!(v.iter().all(|x| x.is_finite() && *x >= 0.0));
//! let s = DemandSeries::new(100, 52, 7);
//! assert_eq!(s.rows().len(), 100);
//! assert!(s.rows().iter().all(|r| r.len() == 52));
//! let p = PolicyInputs::new(100, 7);
//! assert_eq!(p.annual_demands.len(), 100);
//! ```

use crate::Rng;

/// Share of SKUs with a zero ABC measure (no sales in the window).
pub const ZERO_SHARE: f64 = 0.05;

/// Shape α of the Pareto distribution of the ABC measure: α = log 5 / log 4 ≈ 1.16 makes
/// the top 20 % of a large population hold about 80 % of the total.
pub const PARETO_SHAPE: f64 = 1.160_964;

/// The seed the benchmark uses.
pub const SEED: u64 = 0x00AB_C0E0_0000_5EED;

impl Rng {
    /// Uniform in (0, 1]: 53 random bits, never 0, so `1/u` stays finite.
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (`lo`, `hi`].
    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Pareto with scale `scale` and shape `shape`.
    fn pareto(&mut self, scale: f64, shape: f64) -> f64 {
        scale / self.unit().powf(1.0 / shape)
    }

    /// Approximately standard normal: the sum of four uniforms (Irwin–Hall), centred and
    /// scaled to unit variance; within ±2√3.
    fn normalish(&mut self) -> f64 {
        let s = self.unit() + self.unit() + self.unit() + self.unit();
        (s - 2.0) * 3f64.sqrt()
    }
}

/// `n` ABC measure values (see the [module documentation](self)).
pub fn abc_values(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            if rng.unit() <= ZERO_SHARE {
                0.0
            } else {
                rng.pareto(100.0, PARETO_SHAPE)
            }
        })
        .collect()
}

/// Weekly demand series of many SKUs, in one flat buffer (see the
/// [module documentation](self)).
#[derive(Debug, Clone, PartialEq)]
pub struct DemandSeries {
    /// Periods per series.
    pub periods: usize,
    /// `skus × periods` values, one series after the other.
    pub values: Vec<f64>,
}

impl DemandSeries {
    /// `skus` series of `periods` weeks each.
    ///
    /// # Panics
    /// If `periods` is 0.
    pub fn new(skus: usize, periods: usize, seed: u64) -> Self {
        assert!(periods > 0, "a series needs at least one period");
        let mut rng = Rng(seed);
        let mut values = Vec::with_capacity(skus * periods);
        for _ in 0..skus {
            let level = rng.pareto(5.0, 1.5).min(1e6);
            let cv = rng.uniform(0.05, 1.5);
            let empty = if rng.unit() <= 1.0 / 3.0 {
                rng.uniform(0.2, 0.8)
            } else {
                0.0
            };
            for _ in 0..periods {
                let v = if rng.unit() <= empty {
                    0.0
                } else {
                    (level * (1.0 + cv * rng.normalish())).round().max(0.0)
                };
                values.push(v);
            }
        }
        DemandSeries { periods, values }
    }

    /// One slice per SKU, borrowing the flat buffer.
    pub fn rows(&self) -> Vec<&[f64]> {
        self.values.chunks_exact(self.periods).collect()
    }
}

/// Per-SKU input columns of safety stock and EOQ (see the [module documentation](self)).
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyInputs {
    /// Mean demand per week (Pareto, scale 2, shape 1.5, at most 10⁵).
    pub means: Vec<f64>,
    /// Demand standard deviation per week: the mean × a CV uniform in 0.1–1.2.
    pub std_devs: Vec<f64>,
    /// Mean lead time in weeks, uniform in 0.5–8.
    pub lead_times: Vec<f64>,
    /// Lead-time standard deviation in weeks: 0 for a quarter of the SKUs, else 5–30 % of
    /// the lead time.
    pub lead_time_std_devs: Vec<f64>,
    /// Annual demand: the weekly mean × 365.25 / 7.
    pub annual_demands: Vec<f64>,
    /// Cost per order, uniform in 15–250.
    pub order_costs: Vec<f64>,
    /// Holding cost per unit-year: 25 % of a unit cost uniform in 0.50–500.
    pub holding_costs: Vec<f64>,
}

impl PolicyInputs {
    /// Columns for `n` SKUs.
    pub fn new(n: usize, seed: u64) -> Self {
        let mut rng = Rng(seed);
        let mut p = PolicyInputs {
            means: Vec::with_capacity(n),
            std_devs: Vec::with_capacity(n),
            lead_times: Vec::with_capacity(n),
            lead_time_std_devs: Vec::with_capacity(n),
            annual_demands: Vec::with_capacity(n),
            order_costs: Vec::with_capacity(n),
            holding_costs: Vec::with_capacity(n),
        };
        for _ in 0..n {
            let mean = rng.pareto(2.0, 1.5).min(1e5);
            let lead_time = rng.uniform(0.5, 8.0);
            p.means.push(mean);
            p.std_devs.push(mean * rng.uniform(0.1, 1.2));
            p.lead_times.push(lead_time);
            p.lead_time_std_devs.push(if rng.unit() <= 0.25 {
                0.0
            } else {
                lead_time * rng.uniform(0.05, 0.3)
            });
            p.annual_demands.push(mean * 365.25 / 7.0);
            p.order_costs.push(rng.uniform(15.0, 250.0));
            p.holding_costs.push(0.25 * rng.uniform(0.5, 500.0));
        }
        p
    }
}
