//! Demand forecasting: simple benchmarks, exponential smoothing (Hyndman & Athanasopoulos,
//! *Forecasting: Principles and Practice*, 3rd ed., chapter 8, component form), intermittent
//! demand (Croston, SBA, TSB) and accuracy metrics.
//!
//! An unfitted [`ModelSpec`] is turned into a [`FittedModel`] by [`ModelSpec::fit`]; only the
//! fitted model can [`predict`](FittedModel::predict) and give
//! [intervals and quantiles](interval). Demand-pattern classification and automatic model
//! selection are in [`auto`]; one series, a ledger's demand history, a whole panel on several
//! threads and rolling-origin backtests in [`panel`]; models by name (for the bindings) in
//! [`names`].
//!
//! ```
//! use inventory_core::forecast::ModelSpec;
//!
//! let spec = ModelSpec::Ses { alpha: Some(0.5), level0: Some(10.0) };
//! let model = spec.fit(&[12.0, 8.0, 14.0]).unwrap();
//! assert_eq!(model.fitted(), &[10.0, 11.0, 9.5]);
//! assert_eq!(model.predict(2).unwrap(), vec![11.75, 11.75]);
//! ```
//!
//! # Recursions (component form, FPP §8.1–8.3)
//!
//! With `ŷ_{t|t−1}` the one-step fitted value, `β` below is FPP's component-form `β*`:
//!
//! - SES: `ŷ_{t|t−1} = ℓ_{t−1}`, `ℓ_t = α y_t + (1−α) ℓ_{t−1}`.
//! - Holt (optionally damped, `φ = 1` when not): `ℓ_t = α y_t + (1−α)(ℓ_{t−1} + φ b_{t−1})`,
//!   `b_t = β (ℓ_t − ℓ_{t−1}) + (1−β) φ b_{t−1}`, `ŷ_{t+h|t} = ℓ_t + (φ + … + φ^h) b_t`.
//! - Holt-Winters additive: `ℓ_t = α (y_t − s_{t−m}) + (1−α)(ℓ_{t−1} + φ b_{t−1})`, `b_t` as
//!   Holt, `s_t = γ (y_t − ℓ_{t−1} − φ b_{t−1}) + (1−γ) s_{t−m}`,
//!   `ŷ_{t+h|t} = ℓ_t + φ_h b_t + s_{t+h−m(k+1)}`, `k = ⌊(h−1)/m⌋`.
//! - Holt-Winters multiplicative: `ℓ_t = α y_t / s_{t−m} + (1−α)(ℓ_{t−1} + φ b_{t−1})`,
//!   `s_t = γ y_t / (ℓ_{t−1} + φ b_{t−1}) + (1−γ) s_{t−m}`,
//!   `ŷ_{t+h|t} = (ℓ_t + φ_h b_t) s_{t+h−m(k+1)}`.
//!
//! # Initial states (used when not given explicitly)
//!
//! For SES and Holt, when at least one smoothing parameter is estimated, the initial states
//! not given are **estimated** with it: for every trial of the parameters the one-step fitted
//! values are affine in `(ℓ_0, b_0)`, so the states minimising the squared error have a
//! closed form (least squares on the recursion's responses to each state), as
//! `forecast::ets` and statsforecast estimate them by optimisation. Holt-Winters and seasonal
//! SES with estimated parameters and no state given are fitted twice: once from the rule
//! states below, then from the least-squares states of the additive recursion (`Σ s = 0`) at
//! the parameters that fit gave — taken as relative indices `1 + s_j / ℓ_0` for the
//! multiplicative models — with the parameters estimated again; the fit with the smaller
//! squared error is kept. The rules below apply when every parameter is fixed, and as the
//! first of those two fits (seasonal SES uses the Holt-Winters rules without the trend).
//!
//! - SES: `ℓ_0` = the mean of the first `k = min(n, 10)` observations.
//! - Holt: the least-squares line through the first `k = min(n, 10)` observations (at times
//!   `1..=k`): `b_0` its slope, `ℓ_0` its value at time 0 (Hyndman et al. 2008, §2.6.1; the
//!   heuristic `forecast::ets` starts from). FPP's simpler `ℓ_0 = y_0`, `b_0 = y_1 − y_0` makes
//!   the starting trend as noisy as one period-to-period difference.
//! - Holt-Winters with two full seasons (`n ≥ 2m`): with `L_1`, `L_2` the means of the first
//!   and second seasons, `ℓ_0 = L_1`, `b_0 = (L_2 − L_1)/m`, and for `j = 0..m`
//!   `s_j = ((y_j − L_1) + (y_{j+m} − L_2)) / 2` (additive) or
//!   `s_j = (y_j / L_1 + y_{j+m} / L_2) / 2` (multiplicative). `s_j` is the seasonal state
//!   used for `y_j`, i.e. `seasonal0 = [s_{1−m}, …, s_0]`. The additive indices sum to 0 and
//!   the multiplicative ones average 1 by construction.
//! - Holt-Winters with one season and more (`m + 1 ≤ n < 2m`, e.g. a 52-week season with
//!   a year and a half of history): `ℓ_0 = L_1`, `b_0 = 0`, `s_j = y_j − L_1` or `y_j / L_1`.
//! - Croston/SBA/TSB: the first non-zero demand `y_f` gives the size `z_0 = y_f`; Croston's
//!   interval is `p_0 = f + 1` and TSB's probability is `1/(f + 1)`. Updates start at `f + 1`;
//!   fitted values up to `f` are the initial forecast. An all-zero series forecasts 0.
//!
//! # Parameter bounds
//!
//! Parameters left `None` are estimated by minimising the in-sample sum of squared one-step
//! errors with a deterministic multi-start Nelder–Mead on a box (trial points clamped):
//!
//! - `α ∈ [1e-4, 0.9998]` (upper bound also `≤ 1 − γ` when `γ` is given),
//! - `β ∈ [1e-4, 0.9999]` (component-form `β*`; the error-correction `αβ*` is thus in `(0, α)`,
//!   which is FPP's `β ≤ α`),
//! - `γ ∈ [1e-4, 1 − α − 1e-4]` (FPP's `0 < γ < 1 − α`),
//! - `φ ∈ [0.8, 0.98]` when the damping is [`Damping::Optimized`].
//!
//! Given parameters are checked against the textbook ranges: `0 < α ≤ 1`, `0 ≤ β ≤ 1`,
//! `0 ≤ γ ≤ 1 − α`, `0 < φ ≤ 1`. Intermittent models use fixed smoothing constants
//! (defaults `α = 0.1`, TSB `β = 0.1`) in `(0, 1]`; they are not optimised.
//!
//! # Non-negativity, horizon and fitted values
//!
//! Point forecasts from [`FittedModel::predict`] are floored at 0 (demand cannot be
//! negative). In-sample fitted values are the raw recursion values (not floored), so that they
//! match the textbook recursions and the squared-error criterion. A horizon of 0, or above
//! [`MAX_HORIZON`], is an error ([`ForecastError::InvalidHorizon`]), and so is a call that
//! would produce more than [`MAX_OUTPUT_CELLS`] values ([`ForecastError::OutputTooLarge`]).

use serde::{Deserialize, Serialize};

use crate::demand::DemandHistory;
use crate::error::{ForecastError, Result};

pub mod auto;
pub mod interval;
pub mod names;
mod optimize;
pub mod panel;

pub use auto::{
    auto_fit, classify_demand, seasonality_test, AutoConfig, AutoFit, AutoNote, CandidateScore,
    Criterion, DemandClass, DemandPattern, SeasonalityTest, ADI_CUTOFF, CV2_CUTOFF, DEAD_MIN_RUN,
    HOLDOUT_ORIGINS, MIN_COMPARE, SEASONALITY_LEVEL, TSB_BOUNDS,
};
pub use interval::{Forecast, IntervalMethod, MIN_EMPIRICAL, SIMULATION_PATHS};
pub use names::{ModelOptions, MODEL_NAMES};
use optimize::Effort;
pub use panel::{
    backtest, forecast_history, forecast_panel, forecast_series, history_demand, Backtest, Method,
    SeriesForecast,
};
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_select;

type FResult<T> = std::result::Result<T, ForecastError>;

/// The longest horizon [`FittedModel::predict`] accepts.
pub const MAX_HORIZON: usize = 1_000_000;
/// The most values one forecasting call may produce: a forecast of `s` series `h` periods
/// ahead at `l` levels produces `s × h × (1 + 2l)` (the mean, a lower and an upper bound per
/// level), quantiles `h × p` for `p` probabilities, a backtest `origins × h`. 10^8 values
/// are 800 MB of `f64`; a call asking for more is refused
/// ([`ForecastError::OutputTooLarge`]) before anything is computed or allocated.
pub const MAX_OUTPUT_CELLS: usize = 100_000_000;
/// Observations the default non-seasonal initial states are computed from.
pub const INIT_WINDOW: usize = 10;
/// Bounds of `α` when optimised.
pub const ALPHA_BOUNDS: (f64, f64) = (1e-4, 0.9998);
/// Bounds of the component-form `β*` when optimised.
pub const BETA_BOUNDS: (f64, f64) = (1e-4, 0.9999);
/// Lower bound of `γ` when optimised; the upper bound is `1 − α − GAMMA_MIN`.
pub const GAMMA_MIN: f64 = 1e-4;
/// Bounds of the damping `φ` when optimised.
pub const PHI_BOUNDS: (f64, f64) = (0.8, 0.98);
/// Default smoothing constant of Croston and SBA, and TSB's default size and probability
/// smoothing.
pub const INTERMITTENT_DEFAULT: f64 = 0.1;

/// Whether and how a trend is damped.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Damping {
    /// No damping (`φ = 1`).
    #[default]
    None,
    /// Damped, `φ` estimated within [`PHI_BOUNDS`].
    Optimized,
    /// Damped with this `φ` (`0 < φ ≤ 1`).
    Fixed(f64),
}

/// Additive or multiplicative seasonality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seasonality {
    /// Seasonal effects add to the level.
    Additive,
    /// Seasonal effects multiply the level (needs strictly positive data).
    Multiplicative,
}

/// An unfitted model: what to fit and which parameters are fixed (`Some`) or estimated (`None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "model")]
#[non_exhaustive]
pub enum ModelSpec {
    /// The last value (needs 1 observation).
    Naive,
    /// The value one season ago (needs `period` observations).
    SeasonalNaive {
        /// The season length (≥ 1).
        period: usize,
    },
    /// The mean of all observations.
    HistoricAverage,
    /// The mean of the last `window` observations.
    MovingAverage {
        /// The window (≥ 1; needs that many observations).
        window: usize,
    },
    /// Simple exponential smoothing.
    Ses {
        /// The level smoothing `α`, or `None` to estimate it.
        alpha: Option<f64>,
        /// The initial level, or `None` to estimate it (or set it by rule when every parameter
        /// is fixed; see the module docs).
        level0: Option<f64>,
    },
    /// Holt's linear trend, optionally damped (needs 2 observations).
    Holt {
        /// The level smoothing `α`.
        alpha: Option<f64>,
        /// The component-form trend smoothing `β*`.
        beta: Option<f64>,
        /// The damping.
        damping: Damping,
        /// The initial level, or `None` to estimate it (or set it by rule when every parameter
        /// is fixed; see the module docs).
        level0: Option<f64>,
        /// The initial trend, or `None` to estimate it (or set it by rule; see the module docs).
        trend0: Option<f64>,
    },
    /// Holt-Winters with a trend (optionally damped) and a seasonal component (needs
    /// `period + 1` observations, `period` when every initial state is given).
    HoltWinters {
        /// Additive or multiplicative.
        seasonality: Seasonality,
        /// The season length `m` (≥ 2).
        period: usize,
        /// The level smoothing `α`.
        alpha: Option<f64>,
        /// The component-form trend smoothing `β*`.
        beta: Option<f64>,
        /// The seasonal smoothing `γ`.
        gamma: Option<f64>,
        /// The damping.
        damping: Damping,
        /// The initial level.
        level0: Option<f64>,
        /// The initial trend.
        trend0: Option<f64>,
        /// The initial seasonal states `[s_{1−m}, …, s_0]` (length `m`).
        seasonal0: Option<Vec<f64>>,
    },
    /// Seasonal exponential smoothing without a trend (ETS(A,N,A) / Holt-Winters with the
    /// trend removed): `ℓ_t = α (y_t − s_{t−m}) + (1−α) ℓ_{t−1}`,
    /// `s_t = γ (y_t − ℓ_{t−1}) + (1−γ) s_{t−m}` (additive; multiplicative divides as
    /// Holt-Winters does). Needs `period + 1` observations (`period` with the states given).
    SeasonalSes {
        /// Additive or multiplicative.
        seasonality: Seasonality,
        /// The season length `m` (≥ 2).
        period: usize,
        /// The level smoothing `α`.
        alpha: Option<f64>,
        /// The seasonal smoothing `γ`.
        gamma: Option<f64>,
        /// The initial level.
        level0: Option<f64>,
        /// The initial seasonal states `[s_{1−m}, …, s_0]` (length `m`).
        seasonal0: Option<Vec<f64>>,
    },
    /// Croston's method (classic: size and interval smoothed with the same `α`).
    Croston {
        /// The smoothing constant, default [`INTERMITTENT_DEFAULT`].
        alpha: Option<f64>,
    },
    /// Syntetos-Boylan approximation: Croston × `(1 − α/2)`.
    Sba {
        /// The smoothing constant, default [`INTERMITTENT_DEFAULT`].
        alpha: Option<f64>,
    },
    /// Teunter-Syntetos-Babai: the demand probability is updated every period with `β`, the
    /// size with `α` when demand occurs; forecast = probability × size.
    Tsb {
        /// The size smoothing, default [`INTERMITTENT_DEFAULT`].
        alpha: Option<f64>,
        /// The probability smoothing, default [`INTERMITTENT_DEFAULT`].
        beta: Option<f64>,
    },
    /// ADIDA (Nikolopoulos et al. 2011): sum the series into non-overlapping buckets of
    /// `aggregation` periods (the oldest `n mod aggregation` periods are dropped), forecast the
    /// bucket totals with SES, and spread the bucket forecast evenly over its periods.
    Adida {
        /// The bucket length, or `None` for the mean inter-demand interval rounded to the
        /// nearest whole period (at least 1; 1 for an all-zero series).
        aggregation: Option<usize>,
        /// SES's `α` on the bucket totals, or `None` to estimate it.
        alpha: Option<f64>,
    },
}

/// The parameters and initial states a fitted model used (`None` where not applicable).
///
/// For Croston, SBA and TSB, `level0` is the initial demand size and `beta` is TSB's
/// probability smoothing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Params {
    /// The level (or size) smoothing.
    pub alpha: Option<f64>,
    /// The trend smoothing `β*` (or TSB's probability smoothing).
    pub beta: Option<f64>,
    /// The seasonal smoothing.
    pub gamma: Option<f64>,
    /// The damping (`None` when undamped).
    pub phi: Option<f64>,
    /// The initial level (or demand size).
    pub level0: Option<f64>,
    /// The initial trend.
    pub trend0: Option<f64>,
    /// The initial seasonal states (empty when not seasonal).
    pub seasonal0: Vec<f64>,
    /// ADIDA's bucket length (`None` for other models).
    #[serde(default)]
    pub aggregation: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum State {
    Constant(f64),
    Cycle(Vec<f64>),
    Ets {
        level: f64,
        trend: f64,
        phi: f64,
        seasonal: Vec<f64>,
        seasonality: Option<Seasonality>,
    },
}

/// A fitted model: the only type that can predict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedModel {
    spec: ModelSpec,
    /// The series the model was fitted to (for empirical prediction intervals).
    #[serde(default)]
    series: Vec<f64>,
    params: Params,
    fitted: Vec<f64>,
    fitted_start: usize,
    residual_sd: Option<f64>,
    state: State,
}

impl FittedModel {
    /// The spec this model was fitted from.
    pub fn spec(&self) -> &ModelSpec {
        &self.spec
    }

    /// The parameters and initial states used (given or estimated).
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The one-step in-sample fitted values `ŷ_{t|t−1}` for `t = fitted_start() .. n`.
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// The index of the observation the first fitted value belongs to (0 for smoothing and
    /// intermittent models, 1 for naive and historic average, `period` / `window` for seasonal
    /// naive and moving average, `n mod aggregation` for ADIDA).
    pub fn fitted_start(&self) -> usize {
        self.fitted_start
    }

    /// The root mean squared one-step in-sample error, `sqrt(Σ e_t² / k)` over the `k` fitted
    /// values; `None` when there are none.
    pub fn residual_sd(&self) -> Option<f64> {
        self.residual_sd
    }

    /// Point forecasts for `1..=horizon` periods ahead, floored at 0.
    pub fn predict(&self, horizon: usize) -> Result<Vec<f64>> {
        Ok(self.predict_inner(horizon)?)
    }

    pub(crate) fn predict_inner(&self, horizon: usize) -> FResult<Vec<f64>> {
        let mut raw = self.raw_mean(horizon)?;
        for v in &mut raw {
            *v = v.max(0.0);
        }
        Ok(raw)
    }

    /// The recursion's point forecasts, not floored.
    pub(crate) fn raw_mean(&self, horizon: usize) -> FResult<Vec<f64>> {
        check_horizon(horizon)?;
        let raw: Vec<f64> = match &self.state {
            State::Constant(c) => vec![*c; horizon],
            State::Cycle(s) => (0..horizon).map(|i| s[i % s.len()]).collect(),
            State::Ets {
                level,
                trend,
                phi,
                seasonal,
                seasonality,
            } => {
                let mut out = Vec::with_capacity(horizon);
                let mut phi_h = 0.0;
                let mut pow = 1.0;
                for h in 0..horizon {
                    pow *= phi;
                    phi_h += pow;
                    let base = level + phi_h * trend;
                    out.push(match seasonality {
                        None => base,
                        Some(Seasonality::Additive) => base + seasonal[h % seasonal.len()],
                        Some(Seasonality::Multiplicative) => base * seasonal[h % seasonal.len()],
                    });
                }
                out
            }
        };
        if raw.iter().any(|v| !v.is_finite()) {
            return Err(ForecastError::NumericalFailure {
                model: self.spec.name(),
            });
        }
        Ok(raw)
    }
}

/// Refuses a call whose output (the product of `dims`) would exceed [`MAX_OUTPUT_CELLS`].
fn check_cells(what: &'static str, dims: &[usize]) -> FResult<()> {
    let cells = dims
        .iter()
        .fold(1u128, |acc, &d| acc.saturating_mul(d as u128));
    if cells > MAX_OUTPUT_CELLS as u128 {
        return Err(ForecastError::OutputTooLarge {
            what,
            cells,
            max: MAX_OUTPUT_CELLS,
        });
    }
    Ok(())
}

/// The values a forecast with `levels` intervals produces per series and period: the mean
/// and two bounds per level.
fn cells_per_period(levels: usize) -> usize {
    levels.saturating_mul(2).saturating_add(1)
}

fn check_horizon(horizon: usize) -> FResult<()> {
    if horizon == 0 || horizon > MAX_HORIZON {
        return Err(ForecastError::InvalidHorizon {
            horizon,
            max: MAX_HORIZON,
        });
    }
    Ok(())
}

impl ModelSpec {
    /// SES with `α` and `ℓ_0` estimated / by rule.
    pub fn ses() -> Self {
        ModelSpec::Ses {
            alpha: None,
            level0: None,
        }
    }

    /// Holt with all parameters estimated and default initial states.
    pub fn holt(damping: Damping) -> Self {
        ModelSpec::Holt {
            alpha: None,
            beta: None,
            damping,
            level0: None,
            trend0: None,
        }
    }

    /// Holt-Winters with all parameters estimated and default initial states.
    pub fn holt_winters(seasonality: Seasonality, period: usize, damping: Damping) -> Self {
        ModelSpec::HoltWinters {
            seasonality,
            period,
            alpha: None,
            beta: None,
            gamma: None,
            damping,
            level0: None,
            trend0: None,
            seasonal0: None,
        }
    }

    /// Seasonal SES with `α`, `γ` estimated and default initial states.
    pub fn seasonal_ses(seasonality: Seasonality, period: usize) -> Self {
        ModelSpec::SeasonalSes {
            seasonality,
            period,
            alpha: None,
            gamma: None,
            level0: None,
            seasonal0: None,
        }
    }

    /// The number of quantities a fit estimates from the data: the smoothing parameters left
    /// `None` (TSB/Croston/SBA/ADIDA constants excepted: they have defaults), a damping to
    /// optimise, and the initial states not given (level, trend, `period − 1` seasonal).
    /// Benchmarks count 0, except the historic average (1) and the moving average (0).
    pub fn estimated_count(&self) -> usize {
        let free = |v: &Option<f64>| v.is_none() as usize;
        let damped = |d: &Damping| matches!(d, Damping::Optimized) as usize;
        let season = |s: &Option<Vec<f64>>, m: usize| {
            if s.is_none() {
                m.saturating_sub(1)
            } else {
                0
            }
        };
        match self {
            ModelSpec::HistoricAverage => 1,
            ModelSpec::Ses { alpha, level0 } => free(alpha) + free(level0),
            ModelSpec::Holt {
                alpha,
                beta,
                damping,
                level0,
                trend0,
            } => free(alpha) + free(beta) + damped(damping) + free(level0) + free(trend0),
            ModelSpec::HoltWinters {
                period,
                alpha,
                beta,
                gamma,
                damping,
                level0,
                trend0,
                seasonal0,
                ..
            } => {
                free(alpha)
                    + free(beta)
                    + free(gamma)
                    + damped(damping)
                    + free(level0)
                    + free(trend0)
                    + season(seasonal0, *period)
            }
            ModelSpec::SeasonalSes {
                period,
                alpha,
                gamma,
                level0,
                seasonal0,
                ..
            } => free(alpha) + free(gamma) + free(level0) + season(seasonal0, *period),
            ModelSpec::Adida { alpha, .. } => free(alpha) + 1,
            _ => 0,
        }
    }

    /// Whether the model has a seasonal component (seasonal naive, seasonal SES, Holt-Winters).
    pub fn is_seasonal(&self) -> bool {
        matches!(
            self,
            ModelSpec::SeasonalNaive { .. }
                | ModelSpec::SeasonalSes { .. }
                | ModelSpec::HoltWinters { .. }
        )
    }

    /// A short name of the model, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            ModelSpec::Naive => "naive",
            ModelSpec::SeasonalNaive { .. } => "seasonal naive",
            ModelSpec::HistoricAverage => "historic average",
            ModelSpec::MovingAverage { .. } => "moving average",
            ModelSpec::Ses { .. } => "SES",
            ModelSpec::Holt { .. } => "Holt",
            ModelSpec::HoltWinters {
                seasonality: Seasonality::Additive,
                ..
            } => "additive Holt-Winters",
            ModelSpec::HoltWinters {
                seasonality: Seasonality::Multiplicative,
                ..
            } => "multiplicative Holt-Winters",
            ModelSpec::SeasonalSes {
                seasonality: Seasonality::Additive,
                ..
            } => "additive seasonal SES",
            ModelSpec::SeasonalSes {
                seasonality: Seasonality::Multiplicative,
                ..
            } => "multiplicative seasonal SES",
            ModelSpec::Croston { .. } => "Croston",
            ModelSpec::Sba { .. } => "SBA",
            ModelSpec::Tsb { .. } => "TSB",
            ModelSpec::Adida { .. } => "ADIDA",
        }
    }

    /// Fits the model to a demand history's quantities ([`DemandHistory::to_f64`]); a bucket
    /// whose returns exceed its sales (negative net demand) counts as zero demand.
    pub fn fit_history(&self, history: &DemandHistory) -> Result<FittedModel> {
        self.fit(&panel::history_demand(history))
    }

    /// Fits the model to `y` (oldest first).
    pub fn fit(&self, y: &[f64]) -> Result<FittedModel> {
        Ok(self.fit_inner(y, Effort::Thorough)?)
    }

    pub(crate) fn fit_inner(&self, y: &[f64], effort: Effort) -> FResult<FittedModel> {
        check_series("series", y)?;
        let name = self.name();
        let n = y.len();
        let simple = |fitted: Vec<f64>, start: usize, state: State| FittedModel {
            spec: self.clone(),
            series: Vec::new(),
            params: Params::default(),
            residual_sd: rmse_of(&y[start..], &fitted),
            fitted,
            fitted_start: start,
            state,
        };
        match self {
            ModelSpec::Naive => Ok(simple(y[..n - 1].to_vec(), 1, State::Constant(y[n - 1]))),
            ModelSpec::SeasonalNaive { period } => {
                let m = *period;
                positive_usize("period", m)?;
                need(name, m, n)?;
                Ok(simple(
                    y[..n - m].to_vec(),
                    m,
                    State::Cycle(y[n - m..].to_vec()),
                ))
            }
            ModelSpec::HistoricAverage => {
                let mut sum = 0.0;
                let mut fitted = Vec::with_capacity(n - 1);
                for (t, v) in y.iter().enumerate() {
                    if t > 0 {
                        fitted.push(sum / t as f64);
                    }
                    sum += v;
                }
                Ok(simple(fitted, 1, State::Constant(sum / n as f64)))
            }
            ModelSpec::MovingAverage { window } => {
                let w = *window;
                positive_usize("window", w)?;
                need(name, w, n)?;
                let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
                let fitted = (w..n).map(|t| mean(&y[t - w..t])).collect();
                Ok(simple(fitted, w, State::Constant(mean(&y[n - w..]))))
            }
            ModelSpec::Ses { alpha, level0 } => fit_ets(
                self,
                y,
                EtsSpec {
                    trend: false,
                    season: None,
                    alpha: *alpha,
                    beta: None,
                    gamma: None,
                    damping: Damping::None,
                    level0: *level0,
                    trend0: None,
                    seasonal0: None,
                },
                effort,
            ),
            ModelSpec::Holt {
                alpha,
                beta,
                damping,
                level0,
                trend0,
            } => fit_ets(
                self,
                y,
                EtsSpec {
                    trend: true,
                    season: None,
                    alpha: *alpha,
                    beta: *beta,
                    gamma: None,
                    damping: *damping,
                    level0: *level0,
                    trend0: *trend0,
                    seasonal0: None,
                },
                effort,
            ),
            ModelSpec::HoltWinters {
                seasonality,
                period,
                alpha,
                beta,
                gamma,
                damping,
                level0,
                trend0,
                seasonal0,
            } => {
                seasonal_period(*period)?;
                fit_ets(
                    self,
                    y,
                    EtsSpec {
                        trend: true,
                        season: Some((*period, *seasonality)),
                        alpha: *alpha,
                        beta: *beta,
                        gamma: *gamma,
                        damping: *damping,
                        level0: *level0,
                        trend0: *trend0,
                        seasonal0: seasonal0.as_deref(),
                    },
                    effort,
                )
            }
            ModelSpec::SeasonalSes {
                seasonality,
                period,
                alpha,
                gamma,
                level0,
                seasonal0,
            } => {
                seasonal_period(*period)?;
                fit_ets(
                    self,
                    y,
                    EtsSpec {
                        trend: false,
                        season: Some((*period, *seasonality)),
                        alpha: *alpha,
                        beta: None,
                        gamma: *gamma,
                        damping: Damping::None,
                        level0: *level0,
                        trend0: None,
                        seasonal0: seasonal0.as_deref(),
                    },
                    effort,
                )
            }
            ModelSpec::Croston { alpha } => fit_croston(self, y, *alpha, false),
            ModelSpec::Sba { alpha } => fit_croston(self, y, *alpha, true),
            ModelSpec::Tsb { alpha, beta } => fit_tsb(self, y, *alpha, *beta),
            ModelSpec::Adida { aggregation, alpha } => {
                fit_adida(self, y, *aggregation, *alpha, effort)
            }
        }
        .map(|mut m| {
            m.series = y.to_vec();
            m
        })
    }
}

/// A season length of a seasonal model: at least 2.
fn seasonal_period(period: usize) -> FResult<()> {
    if period < 2 {
        return Err(ForecastError::InvalidParameter {
            name: "period",
            value: period as f64,
            expected: "a season length of at least 2",
        });
    }
    Ok(())
}

fn check_series(what: &'static str, y: &[f64]) -> FResult<()> {
    if y.is_empty() {
        return Err(ForecastError::EmptySeries { what });
    }
    if let Some((index, &value)) = y.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(ForecastError::NonFinite { what, index, value });
    }
    Ok(())
}

fn positive_usize(name: &'static str, v: usize) -> FResult<()> {
    if v == 0 {
        return Err(ForecastError::InvalidParameter {
            name,
            value: 0.0,
            expected: "at least 1",
        });
    }
    Ok(())
}

fn need(model: &'static str, needed: usize, got: usize) -> FResult<()> {
    if got < needed {
        return Err(ForecastError::TooShort { model, needed, got });
    }
    Ok(())
}

fn in_range(
    name: &'static str,
    v: f64,
    lo: f64,
    lo_open: bool,
    hi: f64,
    expected: &'static str,
) -> FResult<f64> {
    let ok = v.is_finite() && (if lo_open { v > lo } else { v >= lo }) && v <= hi;
    if ok {
        Ok(v)
    } else {
        Err(ForecastError::InvalidParameter {
            name,
            value: v,
            expected,
        })
    }
}

fn finite_param(name: &'static str, v: f64) -> FResult<f64> {
    in_range(name, v, f64::MIN, false, f64::MAX, "a finite number")
}

/// Sum of squared `actual − fitted` over the pairs (the shorter length).
pub(crate) fn sse_of(actual: &[f64], fitted: &[f64]) -> f64 {
    actual
        .iter()
        .zip(fitted)
        .map(|(a, f)| (a - f) * (a - f))
        .sum()
}

/// Root mean square of `actual − fitted` (same length), `None` when empty.
fn rmse_of(actual: &[f64], fitted: &[f64]) -> Option<f64> {
    if fitted.is_empty() {
        return None;
    }
    let v = (sse_of(actual, fitted) / fitted.len() as f64).sqrt();
    v.is_finite().then_some(v)
}

struct EtsSpec<'a> {
    trend: bool,
    season: Option<(usize, Seasonality)>,
    alpha: Option<f64>,
    beta: Option<f64>,
    gamma: Option<f64>,
    damping: Damping,
    level0: Option<f64>,
    trend0: Option<f64>,
    seasonal0: Option<&'a [f64]>,
}

#[derive(Debug, Clone, Copy)]
struct Smooth {
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
}

struct EtsRun {
    fitted: Vec<f64>,
    level: f64,
    trend: f64,
    /// `[s_{T−m+1}, …, s_T]`.
    seasonal: Vec<f64>,
}

/// The component-form recursion. `None` if any value becomes non-finite. The one-step fitted
/// values are written to `fitted` when given; `seas` is scratch space for the seasonal states
/// (it ends holding `[s_{T−m+1}, …, s_T]` rotated by `n mod m`; see [`EtsRun`]).
#[allow(clippy::too_many_arguments)]
fn ets_core(
    y: &[f64],
    p: Smooth,
    trend: bool,
    season: Option<Seasonality>,
    l0: f64,
    b0: f64,
    s0: &[f64],
    seas: &mut Vec<f64>,
    mut fitted: Option<&mut Vec<f64>>,
) -> Option<(f64, f64, f64)> {
    let m = s0.len();
    let mut l = l0;
    let mut b = if trend { b0 } else { 0.0 };
    let phi = if trend { p.phi } else { 1.0 };
    seas.clear();
    seas.extend_from_slice(s0);
    let mut sse = 0.0;
    let mut j = 0;
    for &yt in y {
        let base = l + phi * b;
        let (fit, new_l) = match season {
            None => (base, p.alpha * yt + (1.0 - p.alpha) * base),
            Some(Seasonality::Additive) => {
                let s = seas[j];
                seas[j] = p.gamma * (yt - base) + (1.0 - p.gamma) * s;
                (base + s, p.alpha * (yt - s) + (1.0 - p.alpha) * base)
            }
            Some(Seasonality::Multiplicative) => {
                let s = seas[j];
                seas[j] = p.gamma * yt / base + (1.0 - p.gamma) * s;
                (base * s, p.alpha * yt / s + (1.0 - p.alpha) * base)
            }
        };
        if m > 0 {
            j += 1;
            if j == m {
                j = 0;
            }
        }
        if trend {
            b = p.beta * (new_l - l) + (1.0 - p.beta) * phi * b;
        }
        l = new_l;
        let e = yt - fit;
        sse += e * e;
        if let Some(f) = fitted.as_deref_mut() {
            f.push(fit);
        }
    }
    if !(sse.is_finite() && l.is_finite() && b.is_finite()) || seas.iter().any(|v| !v.is_finite()) {
        return None;
    }
    Some((sse, l, b))
}

/// The component-form recursion with its fitted values and final states.
fn ets_run(
    y: &[f64],
    p: Smooth,
    trend: bool,
    season: Option<Seasonality>,
    l0: f64,
    b0: f64,
    s0: &[f64],
) -> Option<EtsRun> {
    let mut fitted = Vec::with_capacity(y.len());
    let mut seas = Vec::with_capacity(s0.len());
    let (_, level, trend_state) = ets_core(
        y,
        p,
        trend,
        season,
        l0,
        b0,
        s0,
        &mut seas,
        Some(&mut fitted),
    )?;
    if fitted.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let (n, m) = (y.len(), s0.len());
    let seasonal = (0..m).map(|j| seas[(n + j) % m]).collect();
    Some(EtsRun {
        fitted,
        level,
        trend: trend_state,
        seasonal,
    })
}

fn fit_ets(spec: &ModelSpec, y: &[f64], e: EtsSpec<'_>, effort: Effort) -> FResult<FittedModel> {
    let model = spec.name();
    let n = y.len();
    let needed = match e.season {
        Some((m, _)) => m.saturating_add(1),
        None if e.trend => 2,
        None => 1,
    };
    // Explicit initial states make the length rule of the default initialisation moot, except
    // that a seasonal model still needs one full season.
    let explicit = e.level0.is_some()
        && (!e.trend || e.trend0.is_some())
        && (e.season.is_none() || e.seasonal0.is_some());
    let needed = if explicit {
        e.season.map_or(1, |(m, _)| m)
    } else {
        needed
    };
    need(model, needed, n)?;
    let mult = matches!(e.season, Some((_, Seasonality::Multiplicative)));
    if mult {
        if let Some((index, &value)) = y.iter().enumerate().find(|(_, v)| **v <= 0.0) {
            return Err(ForecastError::OutOfDomain {
                what: "series",
                model,
                index,
                value,
                expected: "strictly positive values",
            });
        }
    }

    // Given parameters.
    let alpha = e
        .alpha
        .map(|a| in_range("alpha", a, 0.0, true, 1.0, "0 < alpha <= 1"))
        .transpose()?;
    let beta = match (e.trend, e.beta) {
        (true, Some(b)) => Some(in_range("beta", b, 0.0, false, 1.0, "0 <= beta <= 1")?),
        _ => None,
    };
    let gamma = match (e.season, e.gamma) {
        (Some(_), Some(g)) => {
            let hi = 1.0 - alpha.unwrap_or(0.0);
            Some(in_range(
                "gamma",
                g,
                0.0,
                false,
                hi,
                "0 <= gamma <= 1 - alpha",
            )?)
        }
        _ => None,
    };
    let phi_fixed = match (e.trend, e.damping) {
        (true, Damping::Fixed(p)) => Some(in_range("phi", p, 0.0, true, 1.0, "0 < phi <= 1")?),
        (true, Damping::None) => Some(1.0),
        _ => None,
    };
    let phi_free = e.trend && phi_fixed.is_none();

    // Initial states.
    let (m, seasonality) = match e.season {
        Some((m, s)) => (m, Some(s)),
        None => (0, None),
    };
    let (rule_l, rule_b, rule_s) = if explicit {
        (0.0, 0.0, Vec::new())
    } else {
        default_init(y, e.trend, e.season)
    };
    let l0 = match e.level0 {
        Some(v) => finite_param("level0", v)?,
        None => rule_l,
    };
    let b0 = match (e.trend, e.trend0) {
        (true, Some(v)) => finite_param("trend0", v)?,
        (true, None) => rule_b,
        (false, _) => 0.0,
    };
    let s0: Vec<f64> = match (e.season, e.seasonal0) {
        (None, _) => Vec::new(),
        (Some(_), None) => rule_s,
        (Some(_), Some(s)) => {
            if s.len() != m {
                return Err(ForecastError::LengthMismatch {
                    left: "seasonal0",
                    left_len: s.len(),
                    right: "period",
                    right_len: m,
                });
            }
            for &v in s {
                finite_param("seasonal0", v)?;
                if mult && v <= 0.0 {
                    return Err(ForecastError::InvalidParameter {
                        name: "seasonal0",
                        value: v,
                        expected: "strictly positive multiplicative seasonal indices",
                    });
                }
            }
            s.to_vec()
        }
    };

    // Free parameters, in the order alpha, beta, gamma, phi.
    let free_alpha = alpha.is_none();
    let free_beta = e.trend && beta.is_none();
    let free_gamma = e.season.is_some() && gamma.is_none();
    let dim = [free_alpha, free_beta, free_gamma, phi_free]
        .iter()
        .filter(|f| **f)
        .count();
    let alpha_hi = match gamma {
        Some(g) => ALPHA_BOUNDS.1.min(1.0 - g),
        None => ALPHA_BOUNDS.1,
    };
    if free_alpha && alpha_hi < ALPHA_BOUNDS.0 {
        return Err(ForecastError::InvalidParameter {
            name: "gamma",
            value: gamma.unwrap_or(0.0),
            expected: "gamma < 1 - 1e-4 when alpha is estimated",
        });
    }
    let lerp = |lo: f64, hi: f64, u: f64| lo + u.clamp(0.0, 1.0) * (hi - lo);
    let make = |u: &[f64]| -> Smooth {
        let mut k = 0;
        let mut next = || {
            let v = u.get(k).copied().unwrap_or(0.5);
            k += 1;
            v
        };
        let a = match alpha {
            Some(a) => a,
            None => lerp(ALPHA_BOUNDS.0, alpha_hi, next()),
        };
        let b = match beta {
            Some(b) => b,
            None if e.trend => lerp(BETA_BOUNDS.0, BETA_BOUNDS.1, next()),
            None => 0.0,
        };
        let g = match gamma {
            Some(g) => g,
            None if e.season.is_some() => {
                let hi = (1.0 - a - GAMMA_MIN).max(0.0);
                lerp(GAMMA_MIN.min(hi), hi, next())
            }
            None => 0.0,
        };
        let p = match phi_fixed {
            Some(p) => p,
            None if phi_free => lerp(PHI_BOUNDS.0, PHI_BOUNDS.1, next()),
            None => 1.0,
        };
        Smooth {
            alpha: a,
            beta: b,
            gamma: g,
            phi: p,
        }
    };
    // Non-seasonal models with free smoothing parameters: initial states not given are
    // estimated by least squares for every trial of the parameters (the fitted values are
    // affine in the initial states, so the best states have a closed form).
    let free_states = StateFreedom {
        level: e.season.is_none() && dim > 0 && e.level0.is_none(),
        trend: e.season.is_none() && dim > 0 && e.trend && e.trend0.is_none(),
    };
    let mut scratch = Vec::with_capacity(m);
    let mut work = StateWork::default();
    let mut optimise = |l0: f64, b0: f64, s0: &[f64]| -> (Vec<f64>, f64) {
        let mut objective = |u: &[f64]| {
            let p = make(u);
            if free_states.any() {
                return best_states(y, p, e.trend, l0, b0, free_states, &mut work)
                    .map_or(f64::INFINITY, |r| r.0);
            }
            ets_core(y, p, e.trend, seasonality, l0, b0, s0, &mut scratch, None)
                .map_or(f64::INFINITY, |r| r.0)
        };
        let u = optimize::minimize_unit_box(&mut objective, dim, effort);
        let f = objective(&u);
        (u, f)
    };
    let (mut u, sse_rule) = optimise(l0, b0, &s0);
    let (mut l0, mut b0, mut s0) = (l0, b0, s0);
    // Additive Holt-Winters with free parameters and no state given: the states are then
    // re-estimated by least squares at the estimated parameters, and the parameters
    // re-estimated from those states; the better of the two fits is kept.
    if seasonality.is_some()
        && dim > 0
        && e.level0.is_none()
        && (!e.trend || e.trend0.is_none())
        && e.seasonal0.is_none()
    {
        // Multiplicative models take the additive least-squares states as relative indices
        // (`1 + s / ℓ_0`), when those are all positive.
        let states = seasonal_states(y, make(&u), m, e.trend).and_then(|(l, b, s)| {
            if seasonality == Some(Seasonality::Multiplicative) {
                let rel: Vec<f64> = s.iter().map(|v| 1.0 + v / l).collect();
                (l > 0.0 && rel.iter().all(|v| *v > 0.0)).then_some((l, b, rel))
            } else {
                Some((l, b, s))
            }
        });
        if let Some((l, b, s)) = states {
            let (u2, sse2) = optimise(l, b, &s);
            if sse2 < sse_rule {
                (u, l0, b0, s0) = (u2, l, b, s);
            }
        }
    }
    let p = make(&u);
    let (l0, b0) = if free_states.any() {
        best_states(y, p, e.trend, l0, b0, free_states, &mut work).map_or((l0, b0), |r| (r.1, r.2))
    } else {
        (l0, b0)
    };
    let run = ets_run(y, p, e.trend, seasonality, l0, b0, &s0)
        .ok_or(ForecastError::NumericalFailure { model })?;
    let damped = e.trend && !matches!(e.damping, Damping::None);
    Ok(FittedModel {
        spec: spec.clone(),
        series: Vec::new(),
        params: Params {
            alpha: Some(p.alpha),
            beta: e.trend.then_some(p.beta),
            gamma: e.season.is_some().then_some(p.gamma),
            phi: damped.then_some(p.phi),
            level0: Some(l0),
            trend0: e.trend.then_some(b0),
            seasonal0: s0,
            aggregation: None,
        },
        residual_sd: rmse_of(y, &run.fitted),
        fitted: run.fitted,
        fitted_start: 0,
        state: State::Ets {
            level: run.level,
            trend: run.trend,
            phi: if e.trend { p.phi } else { 1.0 },
            seasonal: run.seasonal,
            seasonality,
        },
    })
}

/// Least-squares initial states `(ℓ_0, b_0, s)` of additive Holt-Winters with parameters
/// `p`, under `Σ s = 0` (the fitted values are affine in the states). `None` if degenerate.
fn seasonal_states(y: &[f64], p: Smooth, m: usize, trend: bool) -> Option<(f64, f64, Vec<f64>)> {
    let n = y.len();
    let season = Some(Seasonality::Additive);
    let mut seas = Vec::with_capacity(m);
    let mut base = Vec::with_capacity(n);
    let zeros_s = vec![0.0; m];
    ets_core(
        y,
        p,
        true,
        season,
        0.0,
        0.0,
        &zeros_s,
        &mut seas,
        Some(&mut base),
    )?;
    // Responses to each state with y = 0; the last seasonal state is minus the sum of the
    // others, so its response is subtracted from theirs.
    let zero_y = vec![0.0; n];
    let k = if trend { m + 1 } else { m };
    let mut cols: Vec<Vec<f64>> = Vec::with_capacity(k + 1);
    let mut unit = |l: f64, b: f64, j: Option<usize>| -> Option<Vec<f64>> {
        let mut s0 = vec![0.0; m];
        if let Some(j) = j {
            s0[j] = 1.0;
        }
        let mut out = Vec::with_capacity(n);
        ets_core(
            &zero_y,
            p,
            true,
            season,
            l,
            b,
            &s0,
            &mut seas,
            Some(&mut out),
        )?;
        Some(out)
    };
    cols.push(unit(1.0, 0.0, None)?);
    if trend {
        cols.push(unit(0.0, 1.0, None)?);
    }
    let last = unit(0.0, 0.0, Some(m - 1))?;
    for j in 0..m - 1 {
        let mut c = unit(0.0, 0.0, Some(j))?;
        for (v, l) in c.iter_mut().zip(&last) {
            *v -= l;
        }
        cols.push(c);
    }
    // Normal equations (k × k) with the right-hand side appended, solved by Gaussian
    // elimination with partial pivoting.
    let r: Vec<f64> = y.iter().zip(&base).map(|(a, b)| a - b).collect();
    let mut a = vec![vec![0.0; k + 1]; k];
    for i in 0..k {
        for j in i..k {
            let v: f64 = cols[i].iter().zip(&cols[j]).map(|(x, z)| x * z).sum();
            a[i][j] = v;
            a[j][i] = v;
        }
        a[i][k] = cols[i].iter().zip(&r).map(|(x, z)| x * z).sum();
    }
    let scale = (0..k).map(|i| a[i][i].abs()).fold(0.0, f64::max);
    for col in 0..k {
        let piv = (col..k).max_by(|&x, &z| a[x][col].abs().total_cmp(&a[z][col].abs()))?;
        if a[piv][col].abs() <= 1e-12 * scale {
            return None;
        }
        a.swap(col, piv);
        for row in col + 1..k {
            let f = a[row][col] / a[col][col];
            if f != 0.0 {
                let (top, bottom) = a.split_at_mut(row);
                for (dst, src) in bottom[0][col..].iter_mut().zip(&top[col][col..]) {
                    *dst -= f * src;
                }
            }
        }
    }
    let mut x = vec![0.0; k];
    for i in (0..k).rev() {
        let s: f64 = (i + 1..k).map(|j| a[i][j] * x[j]).sum();
        x[i] = (a[i][k] - s) / a[i][i];
    }
    if x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let first = if trend { 2 } else { 1 };
    let mut s0: Vec<f64> = x[first..].to_vec();
    s0.push(-s0.iter().sum::<f64>());
    Some((x[0], if trend { x[1] } else { 0.0 }, s0))
}

/// Which non-seasonal initial states are estimated.
#[derive(Debug, Clone, Copy)]
struct StateFreedom {
    level: bool,
    trend: bool,
}

impl StateFreedom {
    fn any(self) -> bool {
        self.level || self.trend
    }
}

/// Scratch buffers of [`best_states`].
#[derive(Default)]
struct StateWork {
    base: Vec<f64>,
    level: Vec<f64>,
    trend: Vec<f64>,
}

/// The one-step fitted values of SES / (damped) Holt when `y` is 0 everywhere, starting
/// from `(l, b)`: the response of the fitted values to the initial states.
fn impulse(n: usize, p: Smooth, trend: bool, l: f64, b: f64, out: &mut Vec<f64>) {
    out.clear();
    let phi = if trend { p.phi } else { 1.0 };
    let (mut l, mut b) = (l, if trend { b } else { 0.0 });
    for _ in 0..n {
        let fit = l + phi * b;
        out.push(fit);
        let new_l = (1.0 - p.alpha) * fit;
        if trend {
            b = p.beta * (new_l - l) + (1.0 - p.beta) * phi * b;
        }
        l = new_l;
    }
}

/// For SES / (damped) Holt with parameters `p`, the initial level and trend (those marked
/// free; the others stay at `l0`, `b0`) that minimise the sum of squared one-step errors,
/// and that sum: `(sse, level0, trend0)`. `None` if non-finite or degenerate.
fn best_states(
    y: &[f64],
    p: Smooth,
    trend: bool,
    l0: f64,
    b0: f64,
    free: StateFreedom,
    w: &mut StateWork,
) -> Option<(f64, f64, f64)> {
    let n = y.len();
    let fixed_l = if free.level { 0.0 } else { l0 };
    let fixed_b = if free.trend { 0.0 } else { b0 };
    // Fitted values from the fixed part: the recursion on y from the fixed states.
    w.base.clear();
    let mut seas = Vec::new();
    ets_core(
        y,
        p,
        trend,
        None,
        fixed_l,
        fixed_b,
        &[],
        &mut seas,
        Some(&mut w.base),
    )?;
    if free.level {
        impulse(n, p, trend, 1.0, 0.0, &mut w.level);
    }
    if free.trend {
        impulse(n, p, trend, 0.0, 1.0, &mut w.trend);
    }
    let (mut saa, mut sac, mut scc, mut sar, mut scr) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let level_at = |t: usize| if free.level { w.level[t] } else { 0.0 };
    let trend_at = |t: usize| if free.trend { w.trend[t] } else { 0.0 };
    for (t, (yt, bt)) in y.iter().zip(&w.base).enumerate() {
        let r = yt - bt;
        let (a, c) = (level_at(t), trend_at(t));
        saa += a * a;
        sac += a * c;
        scc += c * c;
        sar += a * r;
        scr += c * r;
    }
    let (l, b) = match (free.level, free.trend) {
        (true, true) => {
            let det = saa * scc - sac * sac;
            if det.abs() <= 1e-12 * saa * scc || !det.is_finite() {
                return None;
            }
            ((sar * scc - scr * sac) / det, (scr * saa - sar * sac) / det)
        }
        (true, false) if saa > 0.0 => (sar / saa, b0),
        (false, true) if scc > 0.0 => (l0, scr / scc),
        _ => return None,
    };
    let l = if free.level { l } else { l0 };
    let b = if free.trend { b } else { b0 };
    // The SSE at the best states from the stored responses (no cancellation).
    let (fl, fb) = (
        if free.level { l } else { 0.0 },
        if free.trend { b } else { 0.0 },
    );
    let mut sse = 0.0;
    for (t, (yt, bt)) in y.iter().zip(&w.base).enumerate() {
        let e = yt - bt - fl * level_at(t) - fb * trend_at(t);
        sse += e * e;
    }
    sse.is_finite().then_some((sse, l, b))
}

/// The default initial states (see the module documentation). The caller has checked the
/// length (`n ≥ 1`, `n ≥ 2` with a trend, `n ≥ m + 1` with a season) and positivity.
fn default_init(
    y: &[f64],
    trend: bool,
    season: Option<(usize, Seasonality)>,
) -> (f64, f64, Vec<f64>) {
    match season {
        None => {
            let k = y.len().min(INIT_WINDOW);
            let head = &y[..k];
            let mean = head.iter().sum::<f64>() / k as f64;
            if !trend || k < 2 {
                return (mean, 0.0, Vec::new());
            }
            // Least-squares line through (t, y_{t−1}), t = 1..k; ℓ_0 is its value at t = 0.
            let t_mean = (k as f64 + 1.0) / 2.0;
            let (mut sxy, mut sxx) = (0.0, 0.0);
            for (i, v) in head.iter().enumerate() {
                let dt = (i + 1) as f64 - t_mean;
                sxy += dt * (v - mean);
                sxx += dt * dt;
            }
            let slope = sxy / sxx;
            (mean - slope * t_mean, slope, Vec::new())
        }
        Some((m, s)) if y.len() < 2 * m => {
            let l1 = y[..m].iter().sum::<f64>() / m as f64;
            let seasonal = y[..m]
                .iter()
                .map(|v| match s {
                    Seasonality::Additive => v - l1,
                    Seasonality::Multiplicative => v / l1,
                })
                .collect();
            (l1, 0.0, seasonal)
        }
        Some((m, s)) => {
            let l1 = y[..m].iter().sum::<f64>() / m as f64;
            let l2 = y[m..2 * m].iter().sum::<f64>() / m as f64;
            let seasonal = (0..m)
                .map(|j| match s {
                    Seasonality::Additive => ((y[j] - l1) + (y[j + m] - l2)) / 2.0,
                    Seasonality::Multiplicative => (y[j] / l1 + y[j + m] / l2) / 2.0,
                })
                .collect();
            (l1, (l2 - l1) / m as f64, seasonal)
        }
    }
}

fn intermittent_checks(model: &'static str, y: &[f64]) -> FResult<()> {
    if let Some((index, &value)) = y.iter().enumerate().find(|(_, v)| **v < 0.0) {
        return Err(ForecastError::OutOfDomain {
            what: "series",
            model,
            index,
            value,
            expected: "non-negative demand",
        });
    }
    Ok(())
}

fn smoothing_const(name: &'static str, v: Option<f64>) -> FResult<f64> {
    in_range(
        name,
        v.unwrap_or(INTERMITTENT_DEFAULT),
        0.0,
        true,
        1.0,
        "0 < value <= 1",
    )
}

fn fit_croston(spec: &ModelSpec, y: &[f64], alpha: Option<f64>, sba: bool) -> FResult<FittedModel> {
    let model = spec.name();
    intermittent_checks(model, y)?;
    let alpha = smoothing_const("alpha", alpha)?;
    let factor = if sba { 1.0 - alpha / 2.0 } else { 1.0 };
    let n = y.len();
    let mut fitted = Vec::with_capacity(n);
    let (z0, forecast) = match y.iter().position(|v| *v > 0.0) {
        None => {
            fitted.resize(n, 0.0);
            (None, 0.0)
        }
        Some(f) => {
            let mut z = y[f];
            let mut p = (f + 1) as f64;
            fitted.resize(f + 1, factor * z / p);
            let mut q = 0.0;
            for &yt in &y[f + 1..] {
                fitted.push(factor * z / p);
                q += 1.0;
                if yt > 0.0 {
                    z += alpha * (yt - z);
                    p += alpha * (q - p);
                    q = 0.0;
                }
            }
            (Some(y[f]), factor * z / p)
        }
    };
    if !forecast.is_finite() {
        return Err(ForecastError::NumericalFailure { model });
    }
    Ok(FittedModel {
        spec: spec.clone(),
        series: Vec::new(),
        params: Params {
            alpha: Some(alpha),
            level0: z0,
            ..Params::default()
        },
        residual_sd: rmse_of(y, &fitted),
        fitted,
        fitted_start: 0,
        state: State::Constant(forecast),
    })
}

fn fit_tsb(
    spec: &ModelSpec,
    y: &[f64],
    alpha: Option<f64>,
    beta: Option<f64>,
) -> FResult<FittedModel> {
    let model = spec.name();
    intermittent_checks(model, y)?;
    let alpha = smoothing_const("alpha", alpha)?;
    let beta = smoothing_const("beta", beta)?;
    let n = y.len();
    let mut fitted = Vec::with_capacity(n);
    let (z0, forecast) = match y.iter().position(|v| *v > 0.0) {
        None => {
            fitted.resize(n, 0.0);
            (None, 0.0)
        }
        Some(f) => {
            let mut z = y[f];
            let mut prob = 1.0 / (f + 1) as f64;
            fitted.resize(f + 1, prob * z);
            for &yt in &y[f + 1..] {
                fitted.push(prob * z);
                if yt > 0.0 {
                    prob += beta * (1.0 - prob);
                    z += alpha * (yt - z);
                } else {
                    prob -= beta * prob;
                }
            }
            (Some(y[f]), prob * z)
        }
    };
    if !forecast.is_finite() {
        return Err(ForecastError::NumericalFailure { model });
    }
    Ok(FittedModel {
        spec: spec.clone(),
        series: Vec::new(),
        params: Params {
            alpha: Some(alpha),
            beta: Some(beta),
            level0: z0,
            ..Params::default()
        },
        residual_sd: rmse_of(y, &fitted),
        fitted,
        fitted_start: 0,
        state: State::Constant(forecast),
    })
}

fn fit_adida(
    spec: &ModelSpec,
    y: &[f64],
    aggregation: Option<usize>,
    alpha: Option<f64>,
    effort: Effort,
) -> FResult<FittedModel> {
    let model = spec.name();
    intermittent_checks(model, y)?;
    let k = match aggregation {
        Some(k) => {
            positive_usize("aggregation", k)?;
            k
        }
        None => auto::demand_class(y)
            .adi
            .map_or(1, |adi| (adi.round() as usize).max(1)),
    };
    need(model, k, y.len())?;
    let start = y.len() % k;
    let buckets: Vec<f64> = y[start..].chunks(k).map(|c| c.iter().sum()).collect();
    let ses = ModelSpec::Ses {
        alpha,
        level0: None,
    }
    .fit_inner(&buckets, effort)?;
    let per = 1.0 / k as f64;
    let fitted: Vec<f64> = ses
        .fitted
        .iter()
        .flat_map(|f| std::iter::repeat_n(f * per, k))
        .collect();
    let total = match ses.state {
        State::Ets { level, .. } | State::Constant(level) => level,
        State::Cycle(_) => return Err(ForecastError::NumericalFailure { model }),
    };
    let y_used = &y[start..];
    Ok(FittedModel {
        spec: spec.clone(),
        series: Vec::new(),
        params: Params {
            alpha: ses.params.alpha,
            level0: ses.params.level0,
            aggregation: Some(k),
            ..Params::default()
        },
        residual_sd: rmse_of(y_used, &fitted),
        fitted,
        fitted_start: start,
        state: State::Constant(total * per),
    })
}

/// Forecast accuracy measures (FPP §5.8). Errors are `e_t = actual_t − forecast_t`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accuracy {
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Mean absolute percentage error, in percent, over the periods whose actual is non-zero
    /// (zero actuals are skipped); `None` when every actual is zero.
    pub mape: Option<f64>,
    /// Symmetric MAPE, in percent: mean of `200 |e| / (|actual| + |forecast|)`, skipping
    /// periods where both are zero; `None` when all are skipped.
    pub smape: Option<f64>,
    /// Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal naive
    /// method with the given period (period 1 = naive); `None` when that scale is 0.
    pub mase: Option<f64>,
    /// Mean error `mean(actual − forecast)` (positive = under-forecasting).
    pub bias: f64,
}

/// Accuracy of `forecast` against `actual` (same length); `insample` (the training series)
/// and `period` (≥ 1; 1 for non-seasonal) scale the MASE, and `insample` needs more than
/// `period` values.
pub fn metrics(
    actual: &[f64],
    forecast: &[f64],
    insample: &[f64],
    period: usize,
) -> Result<Accuracy> {
    Ok(metrics_inner(actual, forecast, insample, period)?)
}

fn metrics_inner(
    actual: &[f64],
    forecast: &[f64],
    insample: &[f64],
    period: usize,
) -> FResult<Accuracy> {
    check_series("actual", actual)?;
    check_series("forecast", forecast)?;
    check_series("insample", insample)?;
    if actual.len() != forecast.len() {
        return Err(ForecastError::LengthMismatch {
            left: "actual",
            left_len: actual.len(),
            right: "forecast",
            right_len: forecast.len(),
        });
    }
    positive_usize("period", period)?;
    need("MASE", period.saturating_add(1), insample.len())?;
    let n = actual.len() as f64;
    let errors: Vec<f64> = actual.iter().zip(forecast).map(|(a, f)| a - f).collect();
    let mae = errors.iter().map(|e| e.abs()).sum::<f64>() / n;
    let rmse = (errors.iter().map(|e| e * e).sum::<f64>() / n).sqrt();
    let bias = errors.iter().sum::<f64>() / n;
    let mean_opt = |v: Vec<f64>| {
        if v.is_empty() {
            None
        } else {
            Some(v.iter().sum::<f64>() / v.len() as f64)
        }
    };
    let mape = mean_opt(
        actual
            .iter()
            .zip(&errors)
            .filter(|(a, _)| **a != 0.0)
            .map(|(a, e)| 100.0 * (e / a).abs())
            .collect(),
    );
    let smape = mean_opt(
        actual
            .iter()
            .zip(forecast)
            .filter(|(a, f)| a.abs() + f.abs() > 0.0)
            .map(|(a, f)| 200.0 * (a - f).abs() / (a.abs() + f.abs()))
            .collect(),
    );
    let diffs = insample.len() - period;
    let scale = (period..insample.len())
        .map(|t| (insample[t] - insample[t - period]).abs())
        .sum::<f64>()
        / diffs as f64;
    let mase = (scale > 0.0).then(|| mae / scale);
    let out = Accuracy {
        mae,
        rmse,
        mape,
        smape,
        mase,
        bias,
    };
    let all = [Some(mae), Some(rmse), mape, smape, mase, Some(bias)];
    if all.iter().flatten().any(|v| !v.is_finite()) {
        return Err(ForecastError::NumericalFailure { model: "metrics" });
    }
    Ok(out)
}
