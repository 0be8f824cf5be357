//! Prediction intervals and quantiles.
//!
//! Every model gives quantiles of the demand `h` periods ahead, by one of four methods
//! ([`IntervalMethod`], see [`FittedModel::interval_method`]):
//!
//! - **Analytic** (normal errors, Hyndman et al. 2008 ch. 6; FPP §5.5 and Table 8.8): naive
//!   `σ_h = σ √h`; seasonal naive `σ √(⌊(h−1)/m⌋ + 1)`; historic average `σ √(1 + 1/T)`; SES,
//!   Holt, additive seasonal SES and additive Holt-Winters (ETS(A,N,N), (A,A,N), (A,Ad,N),
//!   (A,N,A), (A,A,A), (A,Ad,A)):
//!   `σ_h² = σ² (1 + Σ_{j=1}^{h−1} c_j²)` with `c_j = α + β (φ + … + φ^j) + γ [j mod m = 0]`
//!   and `β = α β*` (the error-correction trend smoothing). This equals the closed forms of FPP
//!   Table 8.8. The quantile is `ŷ_h + z_p σ_h`.
//! - **Simulated** for multiplicative Holt-Winters and multiplicative seasonal SES, which
//!   have no closed form with additive
//!   errors: [`SIMULATION_PATHS`] future paths of the recursion with normal errors of sd `σ`,
//!   drawn from a fixed-seed generator (the result is deterministic), and the type-7 empirical
//!   quantiles of the simulated values at each `h` (cost: paths × horizon steps). Should a
//!   simulated path overflow, the normal approximation is used and reported.
//! - **Empirical** for the moving average, Croston, SBA, TSB and ADIDA, whose forecasts are
//!   flat: the in-sample `h`-step errors `y_{t+h−1} − ŷ_t` (`ŷ_t` the forecast made before
//!   `t`, which holds for every later period too) are collected for each `h`, and the
//!   quantile is `ŷ_h + q_p(errors_h)` (type-7 quantile, as numpy's default). When fewer than
//!   [`MIN_EMPIRICAL`] errors exist at a horizon, the longest horizon that has that many is
//!   used; when even `h = 1` has fewer, the normal approximation below.
//! - **Normal approximation** `ŷ_h + z_p σ √h`, when the empirical errors are too few.
//!
//! `σ² = SSE / (k_e − p)` over the `k_e` in-sample one-step errors, with `p` the number of
//! quantities estimated from the data ([`ModelSpec::estimated_count`]: smoothing parameters
//! left to the optimiser and initial states not given — level, trend, `m − 1` seasonal ones;
//! at least one degree of freedom is kept), as `forecast::ets` does; for the historic average
//! FPP's sample standard deviation of the series. A model whose in-sample errors are all 0
//! (one observation, an exact fit) gives intervals of zero width
//! ([`IntervalMethod::Degenerate`]). ADIDA's in-sample values were forecast from the start of
//! their bucket, so its `h = 1` error set mixes 1- to `k`-step errors (an approximation).
//!
//! **Demand is never negative**: every quantile, bound and point forecast is `max(0, ·)` of
//! the value above — which is exactly the quantile of the censored demand `max(0, Y)`, so the
//! bounds stay valid quantiles.

use serde::{Deserialize, Serialize};

use super::{
    cells_per_period, check_cells, check_horizon, FResult, FittedModel, ModelSpec, Seasonality,
    State,
};
use crate::error::{ForecastError, Result};
use crate::stats;

/// The fewest in-sample errors at a horizon for empirical quantiles.
pub const MIN_EMPIRICAL: usize = 8;
/// Paths simulated for the intervals of multiplicative Holt-Winters.
pub const SIMULATION_PATHS: usize = 1000;

/// How a model's prediction intervals are computed (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Closed-form normal intervals.
    Analytic,
    /// Simulated future paths.
    Simulated,
    /// Empirical quantiles of in-sample `h`-step errors.
    Empirical,
    /// Normal with `σ √h` (too few in-sample errors for the empirical method).
    NormalApprox,
    /// Zero width: no in-sample error to estimate the spread from.
    Degenerate,
}

impl IntervalMethod {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            IntervalMethod::Analytic => "analytic",
            IntervalMethod::Simulated => "simulated",
            IntervalMethod::Empirical => "empirical",
            IntervalMethod::NormalApprox => "normal_approx",
            IntervalMethod::Degenerate => "degenerate",
        }
    }
}

/// Point forecasts with prediction intervals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// Point forecasts for `1..=horizon`, floored at 0.
    pub mean: Vec<f64>,
    /// The interval levels asked for (e.g. `0.8`, `0.95`).
    pub levels: Vec<f64>,
    /// `lower[i][h]`: the `(1 − levels[i]) / 2` quantile.
    pub lower: Vec<Vec<f64>>,
    /// `upper[i][h]`: the `(1 + levels[i]) / 2` quantile.
    pub upper: Vec<Vec<f64>>,
    /// How the intervals were computed.
    pub method: IntervalMethod,
}

fn check_probability(name: &'static str, p: f64) -> FResult<()> {
    if p.is_finite() && p > 0.0 && p < 1.0 {
        Ok(())
    } else {
        Err(ForecastError::InvalidParameter {
            name,
            value: p,
            expected: "a number strictly between 0 and 1 (e.g. 0.95, not 95)",
        })
    }
}

/// Type-7 quantile (linear interpolation between order statistics) of sorted data.
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 1 {
        return sorted[0];
    }
    let pos = p * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let frac = pos - lo as f64;
    sorted[lo] + frac * (sorted[hi] - sorted[lo])
}

impl FittedModel {
    /// How this model's prediction intervals are computed.
    pub fn interval_method(&self) -> IntervalMethod {
        if self.residual_sd.is_none_or(|s| s == 0.0) && !self.is_empirical() {
            return IntervalMethod::Degenerate;
        }
        match &self.spec {
            ModelSpec::HoltWinters {
                seasonality: Seasonality::Multiplicative,
                ..
            }
            | ModelSpec::SeasonalSes {
                seasonality: Seasonality::Multiplicative,
                ..
            } => IntervalMethod::Simulated,
            _ if self.is_empirical() => {
                if self.empirical_errors(1).len() >= MIN_EMPIRICAL {
                    IntervalMethod::Empirical
                } else if self.residual_sd.is_some_and(|s| s > 0.0) {
                    IntervalMethod::NormalApprox
                } else {
                    IntervalMethod::Degenerate
                }
            }
            _ => IntervalMethod::Analytic,
        }
    }

    fn is_empirical(&self) -> bool {
        matches!(
            self.spec,
            ModelSpec::MovingAverage { .. }
                | ModelSpec::Croston { .. }
                | ModelSpec::Sba { .. }
                | ModelSpec::Tsb { .. }
                | ModelSpec::Adida { .. }
        )
    }

    /// Point forecasts and prediction intervals at each of `levels` (fractions in `(0, 1)`,
    /// e.g. `[0.8, 0.95]`; an empty list gives point forecasts only).
    ///
    /// # Errors
    /// [`ForecastError::InvalidHorizon`]; [`ForecastError::InvalidParameter`] for a level
    /// outside `(0, 1)`; [`ForecastError::OutputTooLarge`] beyond
    /// [`MAX_OUTPUT_CELLS`](super::MAX_OUTPUT_CELLS) values (horizon × (1 + 2 × levels)).
    pub fn forecast(&self, horizon: usize, levels: &[f64]) -> Result<Forecast> {
        Ok(self.forecast_inner(horizon, levels)?)
    }

    pub(crate) fn forecast_inner(&self, horizon: usize, levels: &[f64]) -> FResult<Forecast> {
        check_horizon(horizon)?;
        check_cells("a forecast", &[horizon, cells_per_period(levels.len())])?;
        for &l in levels {
            check_probability("level", l)?;
        }
        let mut probs = Vec::with_capacity(2 * levels.len());
        for &l in levels {
            probs.push((1.0 - l) / 2.0);
            probs.push((1.0 + l) / 2.0);
        }
        let mean = self.predict_inner(horizon)?;
        let table = if levels.is_empty() {
            Vec::new()
        } else {
            self.quantile_table(horizon, &probs)?.0
        };
        let mut lower = Vec::with_capacity(levels.len());
        let mut upper = Vec::with_capacity(levels.len());
        let mut rows = table.into_iter();
        while let (Some(lo), Some(hi)) = (rows.next(), rows.next()) {
            lower.push(lo);
            upper.push(hi);
        }
        Ok(Forecast {
            mean,
            levels: levels.to_vec(),
            lower,
            upper,
            method: self.interval_method(),
        })
    }

    /// Quantiles of demand: `result[i][h]` is the `probs[i]` quantile `h + 1` periods ahead
    /// (each `probs[i]` in `(0, 1)`), floored at 0.
    ///
    /// # Errors
    /// [`ForecastError::InvalidHorizon`]; [`ForecastError::InvalidParameter`] for a
    /// probability outside `(0, 1)`; [`ForecastError::OutputTooLarge`] beyond
    /// [`MAX_OUTPUT_CELLS`](super::MAX_OUTPUT_CELLS) values (horizon × probabilities).
    pub fn quantiles(&self, horizon: usize, probs: &[f64]) -> Result<Vec<Vec<f64>>> {
        check_horizon(horizon)?;
        check_cells("quantiles", &[horizon, probs.len()])?;
        for &p in probs {
            check_probability("probability", p)?;
        }
        Ok(self.quantile_table(horizon, probs)?.0)
    }

    /// The floored quantile rows and the method that produced them.
    fn quantile_table(
        &self,
        horizon: usize,
        probs: &[f64],
    ) -> FResult<(Vec<Vec<f64>>, IntervalMethod)> {
        check_horizon(horizon)?;
        let mean = self.raw_mean(horizon)?;
        let floor = |rows: Vec<Vec<f64>>| -> FResult<Vec<Vec<f64>>> {
            let mut rows = rows;
            for row in &mut rows {
                for v in row.iter_mut() {
                    if !v.is_finite() {
                        return Err(ForecastError::NumericalFailure {
                            model: self.spec.name(),
                        });
                    }
                    *v = v.max(0.0);
                }
            }
            Ok(rows)
        };
        let normal = |sd: &dyn Fn(usize) -> f64| -> Vec<Vec<f64>> {
            probs
                .iter()
                .map(|&p| {
                    let z = stats::inv_cdf(p);
                    mean.iter()
                        .enumerate()
                        .map(|(h, m)| m + z * sd(h + 1))
                        .collect()
                })
                .collect()
        };
        let sigma = self.interval_sigma();
        let method = self.interval_method();
        let rows = match method {
            IntervalMethod::Degenerate => probs.iter().map(|_| mean.clone()).collect(),
            IntervalMethod::NormalApprox => normal(&|h| sigma * (h as f64).sqrt()),
            IntervalMethod::Analytic => {
                let sds = self.analytic_sd(horizon, sigma);
                normal(&|h| sds[h - 1])
            }
            IntervalMethod::Empirical => {
                // Error sets by horizon while each has enough errors; beyond, the last one.
                let mut errors: Vec<f64> = Vec::new();
                let mut exhausted = false;
                let mut rows = vec![Vec::with_capacity(horizon); probs.len()];
                for h in 1..=horizon {
                    if !exhausted {
                        let mut e = self.empirical_errors(h);
                        if e.len() >= MIN_EMPIRICAL {
                            e.sort_by(f64::total_cmp);
                            errors = e;
                        } else {
                            exhausted = true;
                        }
                    }
                    for (row, &p) in rows.iter_mut().zip(probs) {
                        row.push(mean[h - 1] + quantile_sorted(&errors, p));
                    }
                }
                rows
            }
            IntervalMethod::Simulated => match self.simulate(horizon, sigma, probs) {
                Some(rows) => rows,
                None => {
                    return Ok((
                        floor(normal(&|h| sigma * (h as f64).sqrt()))?,
                        IntervalMethod::NormalApprox,
                    ))
                }
            },
        };
        Ok((floor(rows)?, method))
    }

    /// The `σ` of the intervals: `sqrt(SSE / (k_e − p))` over the `k_e` in-sample one-step
    /// errors, `p` the number of estimated quantities (see the module docs).
    fn interval_sigma(&self) -> f64 {
        let Some(rmse) = self.residual_sd else {
            return 0.0;
        };
        let k = self.fitted.len();
        if let ModelSpec::HistoricAverage = self.spec {
            // FPP's σ for the mean method: the sample standard deviation of the series.
            let n = self.series.len();
            if n < 2 {
                return 0.0;
            }
            let mean = self.series.iter().sum::<f64>() / n as f64;
            let ss: f64 = self.series.iter().map(|v| (v - mean) * (v - mean)).sum();
            return (ss / (n - 1) as f64).sqrt();
        }
        let p = self.spec.estimated_count();
        let sse = rmse * rmse * k as f64;
        (sse / k.saturating_sub(p).max(1) as f64).sqrt()
    }

    /// `σ_h` for `h = 1..=horizon` of the analytic models.
    fn analytic_sd(&self, horizon: usize, sigma: f64) -> Vec<f64> {
        let n = self.series.len().max(1) as f64;
        match &self.spec {
            ModelSpec::Naive => (1..=horizon).map(|h| sigma * (h as f64).sqrt()).collect(),
            ModelSpec::SeasonalNaive { period } => (1..=horizon)
                .map(|h| sigma * ((((h - 1) / period) + 1) as f64).sqrt())
                .collect(),
            ModelSpec::HistoricAverage => vec![sigma * (1.0 + 1.0 / n).sqrt(); horizon],
            _ => {
                let p = &self.params;
                let alpha = p.alpha.unwrap_or(0.0);
                let beta = alpha * p.beta.unwrap_or(0.0);
                let gamma = p.gamma.unwrap_or(0.0);
                let phi = p.phi.unwrap_or(1.0);
                let m = p.seasonal0.len();
                let mut out = Vec::with_capacity(horizon);
                let mut var: f64 = 1.0;
                let mut phi_j = 0.0;
                let mut pow = 1.0;
                for h in 1..=horizon {
                    out.push(sigma * var.sqrt());
                    // c_h for the next horizon.
                    pow *= phi;
                    phi_j += pow;
                    let seasonal = if m > 0 && h % m == 0 { gamma } else { 0.0 };
                    let c = alpha + beta * phi_j + seasonal;
                    var += c * c;
                }
                out
            }
        }
    }

    /// The in-sample `h`-step errors of a flat forecaster.
    fn empirical_errors(&self, h: usize) -> Vec<f64> {
        let y = &self.series;
        let start = self.fitted_start;
        self.fitted
            .iter()
            .enumerate()
            .filter_map(|(i, f)| y.get(start + i + h - 1).map(|a| a - f))
            .collect()
    }

    /// Simulated paths of multiplicative Holt-Winters: `out[h]` sorted.
    fn simulate(&self, horizon: usize, sigma: f64, probs: &[f64]) -> Option<Vec<Vec<f64>>> {
        let State::Ets {
            level,
            trend,
            phi,
            seasonal,
            ..
        } = &self.state
        else {
            return None;
        };
        let p = &self.params;
        let (alpha, beta, gamma) = (
            p.alpha.unwrap_or(0.0),
            p.beta.unwrap_or(0.0),
            p.gamma.unwrap_or(0.0),
        );
        let m = seasonal.len();
        let mut rng = stats::SplitMix64(0x5EED_F0CA_57A1_u64 ^ self.series.len() as u64);
        // All paths advance one period at a time; only the quantiles of each period are kept,
        // so memory does not grow with paths × horizon.
        let mut levels = vec![*level; SIMULATION_PATHS];
        let mut trends = vec![*trend; SIMULATION_PATHS];
        let mut seas: Vec<f64> = (0..SIMULATION_PATHS)
            .flat_map(|_| seasonal.iter().copied())
            .collect();
        let mut draws = vec![0.0; SIMULATION_PATHS];
        let mut rows = vec![Vec::with_capacity(horizon); probs.len()];
        for i in 0..horizon {
            let j = i % m;
            for (k, draw) in draws.iter_mut().enumerate() {
                let (l, b) = (levels[k], trends[k]);
                let base = l + phi * b;
                let s = seas[k * m + j];
                let y = base * s + sigma * rng.normal();
                let new_l = alpha * y / s + (1.0 - alpha) * base;
                trends[k] = beta * (new_l - l) + (1.0 - beta) * phi * b;
                seas[k * m + j] = gamma * y / base + (1.0 - gamma) * s;
                levels[k] = new_l;
                if !y.is_finite() {
                    return None;
                }
                *draw = y;
            }
            draws.sort_by(f64::total_cmp);
            for (row, &q) in rows.iter_mut().zip(probs) {
                row.push(quantile_sorted(&draws, q));
            }
        }
        Some(rows)
    }
}
