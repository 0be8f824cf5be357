//! Demand-pattern classification and automatic model selection.
//!
//! # Classification (Syntetos, Boylan & Croston 2005)
//!
//! Over the periods with positive demand: `ADI` is the mean inter-demand interval, counting the
//! first interval from the start of the history (so `ADI = (t_last + 1) / k` for `k` demand
//! periods, the last at index `t_last`); `CV²` is the squared coefficient of variation of the
//! positive demand sizes (sample standard deviation; 0 with a single demand). With the cut-offs
//! [`ADI_CUTOFF`] = 1.32 and [`CV2_CUTOFF`] = 0.49: smooth (`ADI < 1.32`, `CV² < 0.49`), erratic
//! (`ADI < 1.32`, `CV² ≥ 0.49`), intermittent (`ADI ≥ 1.32`, `CV² < 0.49`), lumpy (both at or
//! above). A history without any positive demand is [`DemandPattern::NoDemand`].
//!
//! # Selection ([`auto_fit`])
//!
//! The demand pattern picks the family, a test decides whether a season is real, and a
//! criterion picks the model within the family:
//!
//! - **smooth or erratic, with a season** `m` given ([`AutoConfig::period`]), a history of at
//!   least `m + 8` periods, and the [`seasonality_test`] significant at 1 %: additive
//!   seasonal SES (no trend), multiplicative seasonal SES, additive Holt-Winters, damped
//!   additive Holt-Winters, multiplicative Holt-Winters (the multiplicative ones when every
//!   value is positive and [`AutoConfig::multiplicative`] allows it), chosen by **AICc**;
//! - **smooth or erratic otherwise**: SES, damped Holt, Holt, chosen by **AICc**;
//! - **intermittent or lumpy**: Croston, SBA, TSB, ADIDA, chosen by **holdout MSE**.
//!
//! AICc (Hyndman et al. 2008, §7.1, as `forecast::ets` and statsforecast's AutoETS) is
//! `n ln(SSE / n) + 2k + 2k(k + 1)/(n − k − 1)` on the one-step errors of the fit to the whole
//! history, with `k` counting the smoothing parameters, the initial states (`ℓ_0`, `b_0`,
//! `m − 1` seasonal ones) and `σ²`. The season is decided by the test rather than by AICc:
//! with two years of weekly data a 52-week season costs 51 states, which AICc almost never
//! pays for even when the season is plain (statsforecast's AutoETS picked no seasonal model
//! for 100 such series in our benchmark), while a holdout shorter than the season (13 of 52
//! weeks) cannot tell a season from a trend.
//!
//! The intermittent methods have no likelihood, so they are compared on **holdout error**:
//! each is fitted to the history up to an origin and forecasts the next `H` periods, at the
//! origins `n − H` and `n − 2H` ([`HOLDOUT_ORIGINS`], when long enough); the smallest mean
//! squared error wins (ties: the earlier candidate) and is refitted to the whole history.
//! Squared rather than absolute error because the planner needs the mean of demand (absolute
//! error favours forecasts of zero). `H` is [`AutoConfig::holdout`], by default the forecast
//! horizon (or `n / 5` when fitting without one), capped at `n / 3`.
//!
//! Fallbacks and adjustments, each reported as an [`AutoNote`]:
//! - periods before the first demand are left out (the item was not listed yet; counting
//!   them would make a new item look intermittent), [`AutoNote::LeadingZeros`]; the fitted
//!   model's series starts at the first demand;
//! - no positive demand at all: the historic average (0), [`AutoNote::NoDemand`];
//! - a single observation: naive, [`AutoNote::OneObservation`];
//! - **demand stopped**: when the trailing run of zero periods is at least
//!   [`DEAD_MIN_RUN`] long and longer than every earlier gap between demands, TSB is used
//!   with `α` and `β` estimated by least squares within [`TSB_BOUNDS`] (its demand
//!   probability, hence its forecast, decays by `(1 − β)` each period without demand, and the
//!   estimated `β` follows how abruptly demand stopped; Croston's forecast would stay at the
//!   last size over interval), [`AutoNote::DemandStopped`];
//! - fewer than [`MIN_COMPARE`] observations: no holdout; SES for smooth/erratic, SBA for
//!   intermittent/lumpy, [`AutoNote::TooShortToCompare`];
//! - a season given but too little history for it: the non-seasonal candidates only,
//!   [`AutoNote::TooShortForSeason`].

use serde::{Deserialize, Serialize};

use super::optimize::Effort;
use super::{check_series, sse_of, Damping, FResult, FittedModel, ModelSpec, Seasonality};
use crate::error::{ForecastError, Result};

/// Syntetos-Boylan cut-off on the mean inter-demand interval.
pub const ADI_CUTOFF: f64 = 1.32;
/// Syntetos-Boylan cut-off on the squared coefficient of variation of demand sizes.
pub const CV2_CUTOFF: f64 = 0.49;
/// The shortest trailing run of zero periods that can mark an item whose demand stopped.
pub const DEAD_MIN_RUN: usize = 3;
/// The fewest observations for which candidates are compared on a holdout.
pub const MIN_COMPARE: usize = 6;
/// The significance level of the [`seasonality_test`] that admits seasonal candidates.
pub const SEASONALITY_LEVEL: f64 = 0.01;
/// Bounds of TSB's `α` and `β` when estimated for an item whose demand stopped.
pub const TSB_BOUNDS: (f64, f64) = (0.01, 0.99);
/// The number of holdout windows (origins `n − H`, `n − 2H`, …) candidates are scored on.
pub const HOLDOUT_ORIGINS: usize = 2;

/// Upper-tail probability of the F distribution with `(d1, d2)` degrees of freedom by
/// Paulson's (1942) approximation: `((1 − 2/(9 d2)) F^{1/3} − (1 − 2/(9 d1))) /
/// sqrt(2/(9 d1) + F^{2/3} 2/(9 d2))` is approximately standard normal.
pub(crate) fn f_sf(f: f64, d1: usize, d2: usize) -> f64 {
    if f.is_infinite() {
        return 0.0;
    }
    let (a1, a2) = (2.0 / (9.0 * d1 as f64), 2.0 / (9.0 * d2 as f64));
    let f3 = f.cbrt();
    let z = ((1.0 - a2) * f3 - (1.0 - a1)) / (a1 + f3 * f3 * a2).sqrt();
    crate::stats::sf(z)
}

/// The result of [`seasonality_test`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SeasonalityTest {
    /// The season length tested.
    pub period: usize,
    /// The F statistic of the seasonal dummies.
    pub f: f64,
    /// Its degrees of freedom `(m − 1, n − m − 1)`.
    pub df: (usize, usize),
    /// The upper-tail p-value (Paulson's normal approximation of the F distribution).
    pub p_value: f64,
    /// `p_value < SEASONALITY_LEVEL`.
    pub significant: bool,
}

/// Tests whether `y` has a season of `period` (`m`): a linear trend is fitted by least
/// squares, then seasonal dummies (the means of the detrended values at each position of the
/// season) are tested with the F statistic `F = (SSB / (m − 1)) / ((SSR − SSB) / (n − m − 1))`
/// (SSR: the trend's residual sum of squares, SSB: the part the dummies explain), whose
/// upper-tail probability is taken from Paulson's normal approximation of the F
/// distribution. The season counts as real when `p < 1 %` ([`SEASONALITY_LEVEL`]).
///
/// A two-stage version of the textbook nested-model F test for seasonal dummies; unlike the
/// autocorrelation test at lag `m` (used with the Theta method), it keeps its power for long
/// seasons such as 52 weeks with two years of history. Needs `n ≥ m + 5` and `m ≥ 2`. A series
/// whose detrended residuals are at rounding level (constant, or an exact line) is not
/// seasonal (`F = 0`).
pub fn seasonality_test(y: &[f64], period: usize) -> Result<SeasonalityTest> {
    check_series("series", y)?;
    if period < 2 {
        return Err(ForecastError::InvalidParameter {
            name: "period",
            value: period as f64,
            expected: "a season length of at least 2",
        }
        .into());
    }
    Ok(seasonality_inner(y, period).ok_or(ForecastError::TooShort {
        model: "seasonality test",
        needed: period.saturating_add(5),
        got: y.len(),
    })?)
}

fn seasonality_inner(y: &[f64], m: usize) -> Option<SeasonalityTest> {
    let n = y.len();
    if m < 2 || n < m.saturating_add(5) {
        return None;
    }
    let nf = n as f64;
    let t_mean = (nf - 1.0) / 2.0;
    let y_mean = y.iter().sum::<f64>() / nf;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in y.iter().enumerate() {
        let dt = t as f64 - t_mean;
        sxy += dt * (v - y_mean);
        sxx += dt * dt;
    }
    let slope = sxy / sxx;
    let mut sums = vec![0.0; m];
    let mut counts = vec![0usize; m];
    let mut ssr = 0.0;
    for (t, v) in y.iter().enumerate() {
        let r = v - y_mean - slope * (t as f64 - t_mean);
        ssr += r * r;
        sums[t % m] += r;
        counts[t % m] += 1;
    }
    let ssb: f64 = sums
        .iter()
        .zip(&counts)
        .map(|(s, c)| s * s / *c as f64)
        .sum();
    // Residual degrees of freedom of the full model (intercept, slope, m − 1 dummies).
    let (d1, d2) = (m - 1, n - m - 1);
    let sst: f64 = y.iter().map(|v| (v - y_mean) * (v - y_mean)).sum();
    let ssw = (ssr - ssb).max(0.0);
    // Residuals at rounding level (a constant series, an exact line) carry no season: the
    // "seasonal" part of rounding noise must not come out significant.
    let f = if !ssr.is_finite() || ssr <= 1e-12 * sst.max(y_mean * y_mean * nf) {
        0.0
    } else if ssw > 1e-12 * ssr {
        (ssb / d1 as f64) / (ssw / d2 as f64)
    } else {
        f64::INFINITY
    };
    let p_value = f_sf(f, d1, d2);
    if !p_value.is_finite() {
        return None;
    }
    Some(SeasonalityTest {
        period: m,
        f,
        df: (d1, d2),
        p_value,
        significant: p_value < SEASONALITY_LEVEL,
    })
}

/// A demand pattern in the Syntetos-Boylan scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandPattern {
    /// Regular demand of regular size.
    Smooth,
    /// Regular demand of irregular size.
    Erratic,
    /// Infrequent demand of regular size.
    Intermittent,
    /// Infrequent demand of irregular size.
    Lumpy,
    /// No positive demand in the history.
    NoDemand,
}

impl DemandPattern {
    /// The snake-case name (`"smooth"`, `"erratic"`, `"intermittent"`, `"lumpy"`, `"no_demand"`).
    pub fn as_str(self) -> &'static str {
        match self {
            DemandPattern::Smooth => "smooth",
            DemandPattern::Erratic => "erratic",
            DemandPattern::Intermittent => "intermittent",
            DemandPattern::Lumpy => "lumpy",
            DemandPattern::NoDemand => "no_demand",
        }
    }

    /// Whether the pattern is intermittent or lumpy.
    pub fn is_sporadic(self) -> bool {
        matches!(self, DemandPattern::Intermittent | DemandPattern::Lumpy)
    }
}

/// The demand statistics behind a [`DemandPattern`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DemandClass {
    /// The pattern.
    pub pattern: DemandPattern,
    /// Mean inter-demand interval (`None` without demand).
    pub adi: Option<f64>,
    /// Squared coefficient of variation of the positive sizes (`None` without demand).
    pub cv2: Option<f64>,
    /// Number of periods with positive demand.
    pub demand_periods: usize,
    /// Zero periods after the last demand.
    pub trailing_zeros: usize,
    /// The longest run of zero periods between two demands (leading zeros not counted).
    pub longest_gap: usize,
}

/// Classifies a demand series (oldest first; values ≤ 0 count as no demand). Leading zeros
/// count here; automatic selection classifies the history from its first demand.
pub fn classify_demand(y: &[f64]) -> Result<DemandClass> {
    check_series("series", y)?;
    Ok(demand_class(y))
}

/// [`classify_demand`] without the input checks (the caller has checked finiteness).
pub(crate) fn demand_class(y: &[f64]) -> DemandClass {
    let mut k = 0usize;
    let mut last: Option<usize> = None;
    let mut longest_gap = 0usize;
    let (mut sum_sq_dev, mut mean) = (0.0, 0.0);
    // Sizes are divided by the largest one first (CV² is scale-free) so that squares of huge
    // values cannot overflow.
    let top = y.iter().copied().fold(0.0_f64, f64::max);
    for (t, &raw) in y.iter().enumerate() {
        if raw > 0.0 {
            let v = raw / top;
            if let Some(p) = last {
                longest_gap = longest_gap.max(t - p - 1);
            }
            k += 1;
            // Welford's update of the mean and squared deviations.
            let d = v - mean;
            mean += d / k as f64;
            sum_sq_dev += d * (v - mean);
            last = Some(t);
        }
    }
    let Some(last) = last else {
        return DemandClass {
            pattern: DemandPattern::NoDemand,
            adi: None,
            cv2: None,
            demand_periods: 0,
            trailing_zeros: y.len(),
            longest_gap: 0,
        };
    };
    let adi = (last + 1) as f64 / k as f64;
    let cv2 = if k > 1 {
        let var = sum_sq_dev / (k - 1) as f64;
        var / (mean * mean)
    } else {
        0.0
    };
    let pattern = match (adi < ADI_CUTOFF, cv2 < CV2_CUTOFF) {
        (true, true) => DemandPattern::Smooth,
        (true, false) => DemandPattern::Erratic,
        (false, true) => DemandPattern::Intermittent,
        (false, false) => DemandPattern::Lumpy,
    };
    DemandClass {
        pattern,
        adi: Some(adi),
        cv2: Some(cv2),
        demand_periods: k,
        trailing_zeros: y.len() - last - 1,
        longest_gap,
    }
}

/// Why automatic selection did not compare the full candidate set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "note")]
#[non_exhaustive]
pub enum AutoNote {
    /// No positive demand in the history: the forecast is 0.
    NoDemand,
    /// One observation only: the naive forecast.
    OneObservation,
    /// No demand in the last `periods` periods, longer than any earlier gap: TSB, whose
    /// forecast decays.
    DemandStopped {
        /// The trailing run of zero periods.
        periods: usize,
    },
    /// Fewer than `needed` observations to compare candidates on a holdout.
    TooShortToCompare {
        /// Observations given.
        got: usize,
        /// Observations needed.
        needed: usize,
    },
    /// The season was left out: the history has `got` periods, `needed` are required.
    TooShortForSeason {
        /// The season length.
        period: usize,
        /// Periods in the history.
        got: usize,
        /// Periods needed.
        needed: usize,
    },
    /// The first `periods` periods had no demand and were left out: the history starts at the
    /// first demand (an item listed later, a new location).
    LeadingZeros {
        /// The periods left out.
        periods: usize,
    },
}

impl AutoNote {
    /// A bit per kind of note, for flag sets (C API): 1, 2, 4, 8, 16, 32 in declaration order.
    pub fn bit(&self) -> u32 {
        match self {
            AutoNote::NoDemand => 1,
            AutoNote::OneObservation => 2,
            AutoNote::DemandStopped { .. } => 4,
            AutoNote::TooShortToCompare { .. } => 8,
            AutoNote::TooShortForSeason { .. } => 16,
            AutoNote::LeadingZeros { .. } => 32,
        }
    }
}

impl std::fmt::Display for AutoNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AutoNote::NoDemand => write!(f, "no demand in the history: forecast 0"),
            AutoNote::OneObservation => write!(f, "a single observation: naive forecast"),
            AutoNote::DemandStopped { periods } => write!(
                f,
                "no demand in the last {periods} periods, longer than any earlier gap: \
                 TSB, whose forecast decays"
            ),
            AutoNote::TooShortToCompare { got, needed } => write!(
                f,
                "{got} observations, {needed} needed to compare models: the simplest model \
                 of the pattern"
            ),
            AutoNote::TooShortForSeason {
                period,
                got,
                needed,
            } => write!(
                f,
                "season of {period} left out: {got} periods of history, {needed} needed"
            ),
            AutoNote::LeadingZeros { periods } => write!(
                f,
                "the first {periods} periods had no demand: the history starts at the first demand"
            ),
        }
    }
}

/// Settings of automatic selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutoConfig {
    /// The season length to consider (`None` or 1: no seasonal candidates).
    pub period: Option<usize>,
    /// The holdout length `H` of the intermittent family's comparison; `None` for the forecast
    /// horizon (or `n / 5` without one).
    pub holdout: Option<usize>,
    /// Whether multiplicative seasonal SES and Holt-Winters are candidates (default `true`).
    pub multiplicative: bool,
}

impl Default for AutoConfig {
    fn default() -> Self {
        AutoConfig {
            period: None,
            holdout: None,
            multiplicative: true,
        }
    }
}

impl AutoConfig {
    /// Defaults with a season of `period`.
    pub fn with_period(period: usize) -> Self {
        AutoConfig {
            period: Some(period),
            ..AutoConfig::default()
        }
    }
}

/// How automatic selection scored its candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// No comparison (a fallback).
    None,
    /// AICc of the fit to the whole history (exponential smoothing, seasonal or not).
    Aicc,
    /// Mean squared error on the holdout windows (intermittent family).
    HoldoutMse,
}

/// A candidate's score (smaller is better).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateScore {
    /// The candidate.
    pub spec: ModelSpec,
    /// Its score under [`AutoFit::criterion`], `None` when it could not be fitted.
    pub score: Option<f64>,
}

/// The result of [`auto_fit`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutoFit {
    /// The chosen model, refitted to the whole history.
    pub model: FittedModel,
    /// The demand pattern.
    pub class: DemandClass,
    /// Fallbacks taken.
    pub notes: Vec<AutoNote>,
    /// How the candidates were scored.
    pub criterion: Criterion,
    /// The holdout length used (0 unless the criterion is [`Criterion::HoldoutMse`]).
    pub holdout: usize,
    /// Every candidate compared, in order.
    pub candidates: Vec<CandidateScore>,
    /// The seasonality test, when a season was given and the history long enough for it.
    pub seasonality: Option<SeasonalityTest>,
}

/// The non-seasonal exponential-smoothing candidates, chosen by AICc on the whole history.
fn by_aicc(
    y: &[f64],
    specs: Vec<ModelSpec>,
    class: DemandClass,
    notes: Vec<AutoNote>,
    seasonality: Option<SeasonalityTest>,
) -> FResult<AutoFit> {
    let n = y.len() as f64;
    let mut candidates = Vec::new();
    let mut best: Option<(f64, FittedModel)> = None;
    for spec in specs {
        let k = parameter_count(&spec);
        let fit = spec.fit_inner(y, Effort::Fast).ok();
        let score = fit.as_ref().and_then(|m| {
            let sse = sse_of(y, &m.fitted);
            let aicc = n * (sse.max(f64::MIN_POSITIVE) / n).ln()
                + 2.0 * k
                + if n - k - 1.0 > 0.0 {
                    2.0 * k * (k + 1.0) / (n - k - 1.0)
                } else {
                    f64::INFINITY
                };
            aicc.is_finite().then_some(aicc)
        });
        if let (Some(s), Some(m)) = (score, fit) {
            if best.as_ref().is_none_or(|(b, _)| s < *b) {
                best = Some((s, m));
            }
        }
        candidates.push(CandidateScore { spec, score });
    }
    let model = match best {
        Some((_, m)) => m,
        // Nothing could be scored (the history too short for AICc): SES with α = 0.5.
        None => ModelSpec::Ses {
            alpha: Some(0.5),
            level0: None,
        }
        .fit_inner(y, Effort::Fast)?,
    };
    Ok(AutoFit {
        model,
        class,
        notes,
        criterion: Criterion::Aicc,
        holdout: 0,
        candidates,
        seasonality,
    })
}

/// The number of estimated quantities AICc charges a model for (Hyndman et al. 2008): the
/// smoothing parameters, the initial states (`ℓ_0`, `b_0`, `m − 1` seasonal) and `σ²`.
fn parameter_count(spec: &ModelSpec) -> f64 {
    let damped = |d: &Damping| !matches!(d, Damping::None) as usize;
    let k = match spec {
        ModelSpec::Ses { .. } => 3,
        ModelSpec::Holt { damping, .. } => 5 + damped(damping),
        ModelSpec::SeasonalSes { period, .. } => period.saturating_add(3),
        ModelSpec::HoltWinters {
            period, damping, ..
        } => period.saturating_add(5 + damped(damping)),
        _ => 1,
    };
    k as f64
}

/// The simplest model of a pattern, for histories too short to compare candidates: SBA for
/// intermittent or lumpy demand, SES otherwise.
fn simplest(sporadic: bool) -> ModelSpec {
    if sporadic {
        ModelSpec::Sba { alpha: None }
    } else {
        ModelSpec::ses()
    }
}

/// TSB with `α` and `β` estimated by least squares on the one-step errors, each in
/// [`TSB_BOUNDS`].
fn tsb_estimated(y: &[f64]) -> ModelSpec {
    let spec = |u: &[f64]| {
        let lerp = |v: f64| TSB_BOUNDS.0 + v.clamp(0.0, 1.0) * (TSB_BOUNDS.1 - TSB_BOUNDS.0);
        ModelSpec::Tsb {
            alpha: Some(lerp(u[0])),
            beta: Some(lerp(u[1])),
        }
    };
    let u = super::optimize::minimize_unit_box(
        |u| {
            spec(u)
                .fit_inner(y, Effort::Fast)
                .map_or(f64::INFINITY, |m| sse_of(y, &m.fitted))
        },
        2,
        Effort::Fast,
    );
    spec(&u)
}

/// Classifies `y` and fits the model chosen by the rules in the [module documentation](self).
///
/// Errors: an empty series, a non-finite value, a negative value
/// ([`ForecastError::OutOfDomain`]), a period of 0 or a holdout of 0.
pub fn auto_fit(y: &[f64], config: &AutoConfig) -> Result<AutoFit> {
    Ok(auto_fit_inner(y, config, None)?)
}

pub(crate) fn auto_fit_inner(
    y: &[f64],
    config: &AutoConfig,
    horizon: Option<usize>,
) -> FResult<AutoFit> {
    check_series("series", y)?;
    if let Some((index, &value)) = y.iter().enumerate().find(|(_, v)| **v < 0.0) {
        return Err(ForecastError::OutOfDomain {
            what: "series",
            model: "automatic selection",
            index,
            value,
            expected: "non-negative demand",
        });
    }
    if config.period == Some(0) {
        return Err(ForecastError::InvalidParameter {
            name: "period",
            value: 0.0,
            expected: "a season length of at least 1",
        });
    }
    if config.holdout == Some(0) {
        return Err(ForecastError::InvalidParameter {
            name: "holdout",
            value: 0.0,
            expected: "at least 1",
        });
    }
    // The history starts at the first demand: periods before it (before the item was listed)
    // would count as zero demand in every method and in the classification.
    let mut notes = Vec::new();
    let first = y.iter().position(|v| *v > 0.0).unwrap_or(0);
    let y = if first > 0 {
        notes.push(AutoNote::LeadingZeros { periods: first });
        &y[first..]
    } else {
        y
    };
    let n = y.len();
    let class = demand_class(y);
    let single = |spec: ModelSpec, note: AutoNote| -> FResult<AutoFit> {
        let mut all = notes.clone();
        all.push(note);
        Ok(AutoFit {
            model: spec.fit_inner(y, Effort::Fast)?,
            class: class.clone(),
            notes: all,
            criterion: Criterion::None,
            holdout: 0,
            candidates: Vec::new(),
            seasonality: None,
        })
    };
    if class.pattern == DemandPattern::NoDemand {
        return single(ModelSpec::HistoricAverage, AutoNote::NoDemand);
    }
    if n == 1 {
        return single(ModelSpec::Naive, AutoNote::OneObservation);
    }
    if class.trailing_zeros >= DEAD_MIN_RUN && class.trailing_zeros > class.longest_gap {
        return single(
            tsb_estimated(y),
            AutoNote::DemandStopped {
                periods: class.trailing_zeros,
            },
        );
    }
    let sporadic = class.pattern.is_sporadic();
    if n < MIN_COMPARE {
        return single(
            simplest(sporadic),
            AutoNote::TooShortToCompare {
                got: n,
                needed: MIN_COMPARE,
            },
        );
    }
    let h = config
        .holdout
        .or(horizon)
        .unwrap_or(n / 5)
        .clamp(1, (n / 3).max(1));
    let mut specs = Vec::new();
    let mut seasonality = None;
    if sporadic {
        specs.push(ModelSpec::Croston { alpha: None });
        specs.push(ModelSpec::Sba { alpha: None });
        specs.push(ModelSpec::Tsb {
            alpha: None,
            beta: None,
        });
        specs.push(ModelSpec::Adida {
            aggregation: None,
            alpha: None,
        });
    } else {
        if let Some(m) = config.period.filter(|m| *m >= 2) {
            let needed = m.saturating_add(8);
            if n < needed {
                notes.push(AutoNote::TooShortForSeason {
                    period: m,
                    got: n,
                    needed,
                });
            } else {
                seasonality = seasonality_inner(y, m);
                if seasonality.is_some_and(|s| s.significant) {
                    let positive = config.multiplicative && y.iter().all(|v| *v > 0.0);
                    specs.push(ModelSpec::seasonal_ses(Seasonality::Additive, m));
                    if positive {
                        specs.push(ModelSpec::seasonal_ses(Seasonality::Multiplicative, m));
                    }
                    specs.push(ModelSpec::holt_winters(
                        Seasonality::Additive,
                        m,
                        Damping::None,
                    ));
                    specs.push(ModelSpec::holt_winters(
                        Seasonality::Additive,
                        m,
                        Damping::Optimized,
                    ));
                    if positive {
                        specs.push(ModelSpec::holt_winters(
                            Seasonality::Multiplicative,
                            m,
                            Damping::None,
                        ));
                    }
                }
            }
        }
        if specs.is_empty() {
            specs.push(ModelSpec::ses());
            specs.push(ModelSpec::holt(Damping::Optimized));
            specs.push(ModelSpec::holt(Damping::None));
        }
        return by_aicc(y, specs, class, notes, seasonality);
    }
    let mut candidates = Vec::with_capacity(specs.len());
    let origins: Vec<usize> = (1..=HOLDOUT_ORIGINS)
        .map_while(|k| n.checked_sub(k * h).filter(|o| *o >= MIN_COMPARE - 1))
        .collect();
    for spec in specs {
        let mut total = 0.0;
        let mut scored = 0;
        for &o in &origins {
            let mse = spec
                .fit_inner(&y[..o], Effort::Fast)
                .ok()
                .and_then(|m| m.predict_inner(h).ok())
                .map(|f| sse_of(&y[o..o + h], &f) / h as f64)
                .filter(|v| v.is_finite());
            match mse {
                Some(v) => {
                    total += v;
                    scored += 1;
                }
                None if o == n - h => break,
                None => {}
            }
        }
        let score = (scored > 0).then(|| total / scored as f64);
        candidates.push(CandidateScore { spec, score });
    }
    // Refit the best candidate that fits the whole history (in score order).
    let mut order: Vec<usize> = (0..candidates.len())
        .filter(|i| candidates[*i].score.is_some())
        .collect();
    order.sort_by(|a, b| {
        let (x, y) = (candidates[*a].score, candidates[*b].score);
        x.unwrap_or(f64::INFINITY)
            .total_cmp(&y.unwrap_or(f64::INFINITY))
            .then(a.cmp(b))
    });
    let refit = order
        .into_iter()
        .find_map(|i| candidates[i].spec.fit_inner(y, Effort::Fast).ok());
    let model = match refit {
        Some(model) => model,
        // Nothing could be scored (e.g. every candidate overflowed): the simplest model.
        None => simplest(sporadic).fit_inner(y, Effort::Fast)?,
    };
    Ok(AutoFit {
        model,
        class,
        notes,
        criterion: Criterion::HoldoutMse,
        holdout: h,
        candidates,
        seasonality,
    })
}
