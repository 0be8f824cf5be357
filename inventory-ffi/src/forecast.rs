//! Demand forecasting (the core's `forecast` module): one series, a ledger's demand history,
//! a panel of series, fitted-model handles, demand classification, backtests and accuracy.
//!
//! Models are chosen by name through `inv_forecast_options` (see `inv_forecast_options_default`);
//! names and options are read by the core (`Method::from_name`, `ModelSpec::from_name`), so
//! this layer holds no forecasting rule.
//!
//! Series are `double` arrays, oldest period first. Forecasts are written to caller arrays
//! whose sizes follow from the arguments: `horizon` point forecasts, and `n_levels * horizon`
//! interval bounds laid out level by level (`lower_out[l * horizon + h]` is the lower bound
//! of `levels[l]`, `h + 1` periods ahead). Levels are fractions strictly between 0 and 1
//! (`0.8`, `0.95`; `95` is refused). Point forecasts and bounds are never negative. Every
//! output is written only on success. Invalid data or parameters (an empty series, NaN or
//! infinite values, a horizon of 0, an unknown model name, a series too short for the model,
//! ...) fail with `INV_INVALID_INPUT` and the core's message.

// The C signatures mirror the core's parameters one to one.
#![allow(clippy::too_many_arguments)]

use std::ffi::c_char;

use inventory_core::forecast::{
    self, Accuracy, AutoNote, DemandClass, DemandPattern, FittedModel, IntervalMethod, Method,
    ModelOptions, SeriesForecast,
};

use crate::error::{inv_result, INV_BUFFER_TOO_SMALL, INV_INVALID_INPUT};
use crate::ffi::{
    call, check_out, check_out_array, free_box, guard, text_field, to_boxed_mut_ptr,
    try_ref_from_ptr, try_slice, try_str, write_out, Castable, Failure, FfiResult,
};
use crate::query::inv_demand_history;
use crate::{
    inv_demand_pattern, inv_interval_method, INV_DEMAND_PATTERN_ERRATIC,
    INV_DEMAND_PATTERN_INTERMITTENT, INV_DEMAND_PATTERN_LUMPY, INV_DEMAND_PATTERN_NO_DEMAND,
    INV_DEMAND_PATTERN_SMOOTH, INV_INTERVAL_METHOD_ANALYTIC, INV_INTERVAL_METHOD_DEGENERATE,
    INV_INTERVAL_METHOD_EMPIRICAL, INV_INTERVAL_METHOD_NORMAL_APPROX,
    INV_INTERVAL_METHOD_SIMULATED, INV_MODEL_NAME_LEN,
};

// ----- options -----

/// Which model to use and its settings. Start from `inv_forecast_options_default()` and set
/// what you need; settings the chosen model does not use are ignored. Sizes of 0 and
/// parameters of NaN mean "not given": the core estimates the parameter or applies its
/// documented rule.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_forecast_options {
    /// The model name, NUL-terminated: `"auto"` (automatic selection) or one of `"naive"`,
    /// `"seasonal_naive"`, `"historic_average"`, `"moving_average"`, `"ses"`, `"holt"`,
    /// `"damped_holt"`, `"holt_winters_additive"`, `"holt_winters_multiplicative"`,
    /// `"damped_holt_winters_additive"`, `"damped_holt_winters_multiplicative"`, `"croston"`,
    /// `"sba"`, `"tsb"`, `"adida"`. NULL means `"auto"`. Default `"auto"`.
    pub model: *const c_char,
    /// The season length (seasonal naive, Holt-Winters, automatic selection); 0 = none.
    /// Default 0.
    pub period: usize,
    /// The moving-average window; 0 = the period, else 3. Default 0.
    pub window: usize,
    /// ADIDA's bucket length; 0 = the mean inter-demand interval. Default 0.
    pub aggregation: usize,
    /// Automatic selection's holdout length; 0 = the core's default (the forecast horizon;
    /// a fifth of the series for `inv_fit_model`). Default 0.
    pub holdout: usize,
    /// The level (or demand size) smoothing α; NaN = estimated (0.1 for Croston, SBA, TSB).
    /// Default NaN.
    pub alpha: f64,
    /// The component-form trend smoothing β*, or TSB's probability smoothing; NaN =
    /// estimated (0.1 for TSB). Default NaN.
    pub beta: f64,
    /// The seasonal smoothing γ; NaN = estimated. Default NaN.
    pub gamma: f64,
    /// The damping φ; NaN = estimated for the `"damped_*"` models, none for the others (a φ
    /// given to `"holt"` or `"holt_winters_*"` makes them damped). Default NaN.
    pub phi: f64,
    /// The initial level (or demand size); NaN = by rule. Default NaN.
    pub level0: f64,
    /// The initial trend; NaN = by rule. Default NaN.
    pub trend0: f64,
    /// The initial seasonal states `[s_{1−m}, …, s_0]` (`seasonal0_len` = the period);
    /// ignored when `seasonal0_len` is 0. Default NULL.
    pub seasonal0: *const f64,
    /// The number of values at `seasonal0`; 0 = by rule. Default 0.
    pub seasonal0_len: usize,
    /// Whether automatic selection may pick multiplicative Holt-Winters. Default true.
    pub multiplicative: bool,
}

/// The default options: automatic selection, nothing fixed (sizes 0, parameters NaN,
/// `seasonal0` NULL), multiplicative Holt-Winters allowed.
#[no_mangle]
pub extern "C" fn inv_forecast_options_default() -> inv_forecast_options {
    inv_forecast_options {
        model: c"auto".as_ptr(),
        period: 0,
        window: 0,
        aggregation: 0,
        holdout: 0,
        alpha: f64::NAN,
        beta: f64::NAN,
        gamma: f64::NAN,
        phi: f64::NAN,
        level0: f64::NAN,
        trend0: f64::NAN,
        seasonal0: std::ptr::null(),
        seasonal0_len: 0,
        multiplicative: true,
    }
}

/// 0 → not given.
fn given_size(v: usize) -> Option<usize> {
    (v != 0).then_some(v)
}

/// NaN → not given (any other value, infinities included, goes to the core's checks).
fn given_f64(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// `None` → NaN.
fn or_nan(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

/// Reads the (required) options struct into the core's method.
///
/// # Safety
/// `opts` NULL or pointing to a valid struct whose pointers satisfy its documentation.
unsafe fn read_method(opts: *const inv_forecast_options) -> FfiResult<Method> {
    // SAFETY: a non-NULL `opts` points to a valid struct by the contract.
    let o = unsafe { opts.as_ref() }.ok_or_else(|| Failure::null("opts"))?;
    let name = if o.model.is_null() {
        "auto"
    } else {
        // SAFETY: a non-NULL `model` is NUL-terminated by the contract.
        unsafe { try_str(o.model, "opts.model") }?
    };
    let seasonal0 = if o.seasonal0_len == 0 {
        None
    } else {
        // SAFETY: a non-NULL `seasonal0` is valid for `seasonal0_len` reads by the contract.
        Some(unsafe { try_slice(o.seasonal0, o.seasonal0_len, "opts.seasonal0") }?.to_vec())
    };
    let options = ModelOptions {
        period: given_size(o.period),
        window: given_size(o.window),
        aggregation: given_size(o.aggregation),
        alpha: given_f64(o.alpha),
        beta: given_f64(o.beta),
        gamma: given_f64(o.gamma),
        phi: given_f64(o.phi),
        level0: given_f64(o.level0),
        trend0: given_f64(o.trend0),
        seasonal0,
        holdout: given_size(o.holdout),
        multiplicative: Some(o.multiplicative),
    };
    Ok(Method::from_name(name, &options)?)
}

// ----- results -----

/// What a forecast used: the model, the demand pattern of the series, the fallbacks of
/// automatic selection and the fitted parameters. Doubles are NaN where not applicable.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_forecast_info {
    /// The model's name as accepted in `inv_forecast_options.model` (`"ses"`,
    /// `"damped_holt"`, ...; never `"auto"`), NUL-terminated.
    pub model: [c_char; INV_MODEL_NAME_LEN],
    /// The demand pattern of the series (`INV_DEMAND_PATTERN_*`).
    pub pattern: inv_demand_pattern,
    /// The mean inter-demand interval; NaN without demand.
    pub adi: f64,
    /// The squared coefficient of variation of the positive demand sizes; NaN without demand.
    pub cv2: f64,
    /// The fallbacks automatic selection took, as `INV_NOTE_*` bits (0 for a named model).
    pub notes: u32,
    /// How the prediction intervals are computed (`INV_INTERVAL_METHOD_*`).
    pub interval_method: inv_interval_method,
    /// The level (or demand size) smoothing α used.
    pub alpha: f64,
    /// The trend smoothing β* (TSB: the probability smoothing) used.
    pub beta: f64,
    /// The seasonal smoothing γ used.
    pub gamma: f64,
    /// The damping φ used (NaN when undamped).
    pub phi: f64,
    /// The root mean squared one-step in-sample error (σ of the intervals); NaN when the
    /// model has no in-sample fitted value.
    pub residual_sd: f64,
}

/// The demand statistics behind a pattern (`inv_classify_demand`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_demand_class {
    /// The pattern (`INV_DEMAND_PATTERN_*`).
    pub pattern: inv_demand_pattern,
    /// The mean inter-demand interval: (index of the last demand + 1) / demand periods; NaN
    /// without demand.
    pub adi: f64,
    /// The squared coefficient of variation of the positive sizes (sample variance / mean²,
    /// 0 for one demand); NaN without demand.
    pub cv2: f64,
    /// The number of periods with positive demand.
    pub demand_periods: usize,
    /// The zero periods after the last demand (the whole length without demand).
    pub trailing_zeros: usize,
    /// The longest run of zero periods between two demands (leading zeros not counted).
    pub longest_gap: usize,
}

/// Forecast accuracy (errors `actual − forecast`). The optional measures are NaN when
/// undefined.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_forecast_accuracy {
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Mean absolute percentage error, in percent, over the non-zero actuals; NaN when every
    /// actual is zero.
    pub mape: f64,
    /// Symmetric MAPE, in percent (`200·|e| / (|actual| + |forecast|)`, skipping periods where
    /// both are zero); NaN when all are skipped.
    pub smape: f64,
    /// Mean absolute scaled error (MAE / in-sample MAE of the seasonal naive method); NaN when
    /// that scale is 0.
    pub mase: f64,
    /// Mean error (positive = under-forecasting).
    pub bias: f64,
}

impl From<&Accuracy> for inv_forecast_accuracy {
    fn from(a: &Accuracy) -> Self {
        inv_forecast_accuracy {
            mae: a.mae,
            rmse: a.rmse,
            mape: or_nan(a.mape),
            smape: or_nan(a.smape),
            mase: or_nan(a.mase),
            bias: a.bias,
        }
    }
}

/// Core pattern → `inv_demand_pattern`.
fn pattern_to_c(p: DemandPattern) -> inv_demand_pattern {
    match p {
        DemandPattern::Smooth => INV_DEMAND_PATTERN_SMOOTH,
        DemandPattern::Erratic => INV_DEMAND_PATTERN_ERRATIC,
        DemandPattern::Intermittent => INV_DEMAND_PATTERN_INTERMITTENT,
        DemandPattern::Lumpy => INV_DEMAND_PATTERN_LUMPY,
        DemandPattern::NoDemand => INV_DEMAND_PATTERN_NO_DEMAND,
    }
}

/// Core interval method → `inv_interval_method`.
fn interval_method_to_c(m: IntervalMethod) -> inv_interval_method {
    match m {
        IntervalMethod::Analytic => INV_INTERVAL_METHOD_ANALYTIC,
        IntervalMethod::Simulated => INV_INTERVAL_METHOD_SIMULATED,
        IntervalMethod::Empirical => INV_INTERVAL_METHOD_EMPIRICAL,
        IntervalMethod::NormalApprox => INV_INTERVAL_METHOD_NORMAL_APPROX,
        IntervalMethod::Degenerate => INV_INTERVAL_METHOD_DEGENERATE,
    }
}

impl From<&DemandClass> for inv_demand_class {
    fn from(c: &DemandClass) -> Self {
        inv_demand_class {
            pattern: pattern_to_c(c.pattern),
            adi: or_nan(c.adi),
            cv2: or_nan(c.cv2),
            demand_periods: c.demand_periods,
            trailing_zeros: c.trailing_zeros,
            longest_gap: c.longest_gap,
        }
    }
}

/// The C summary of a fitted model, its series' class and the selection notes.
fn info_of(model: &FittedModel, class: &DemandClass, notes: &[AutoNote]) -> inv_forecast_info {
    let p = model.params();
    inv_forecast_info {
        model: text_field::<INV_MODEL_NAME_LEN>(model.spec().key()),
        pattern: pattern_to_c(class.pattern),
        adi: or_nan(class.adi),
        cv2: or_nan(class.cv2),
        notes: notes.iter().fold(0, |bits, n| bits | n.bit()),
        interval_method: interval_method_to_c(model.interval_method()),
        alpha: or_nan(p.alpha),
        beta: or_nan(p.beta),
        gamma: or_nan(p.gamma),
        phi: or_nan(p.phi),
        residual_sd: or_nan(model.residual_sd()),
    }
}

// ----- output arrays -----

/// `a * b` as an array size, or `INV_INVALID_INPUT` when it overflows `size_t`.
fn array_size(a: usize, b: usize, what: &str) -> FfiResult<usize> {
    a.checked_mul(b).ok_or_else(|| {
        Failure::new(
            INV_INVALID_INPUT,
            format!("{what}: {a} × {b} values do not fit in size_t"),
        )
    })
}

/// Copies `values` to `out + offset`.
///
/// # Safety
/// `out` must be valid for writes of `offset + values.len()` doubles (it may be NULL only
/// when `values` is empty).
unsafe fn put(out: *mut f64, offset: usize, values: &[f64]) {
    if !values.is_empty() {
        // SAFETY: by the contract the destination range is writable; the source is a live
        // Rust slice, which cannot overlap a caller's output array.
        unsafe {
            std::ptr::copy_nonoverlapping(values.as_ptr(), out.add(offset), values.len());
        }
    }
}

/// Copies rows (each `row_len` long) one after the other to `out + offset`.
///
/// # Safety
/// As [`put`], for `rows.len() * row_len` doubles.
unsafe fn put_rows(out: *mut f64, offset: usize, rows: &[Vec<f64>], row_len: usize) {
    for (i, row) in rows.iter().enumerate() {
        // SAFETY: forwarded contract (row `i` lands within the documented range).
        unsafe { put(out, offset + i * row_len, row) };
    }
}

/// The output arrays of one forecast, checked before any work.
struct ForecastOut {
    mean: *mut f64,
    lower: *mut f64,
    upper: *mut f64,
    info: *mut inv_forecast_info,
}

impl ForecastOut {
    /// Checks the arrays for `series` forecasts of `horizon` periods at `n_levels` levels:
    /// `mean` holds `series * horizon` values, `lower` and `upper` `series * n_levels *
    /// horizon`; each may be NULL only when its size is 0. `info` is nullable.
    fn check(
        mean: *mut f64,
        lower: *mut f64,
        upper: *mut f64,
        info: *mut inv_forecast_info,
        series: usize,
        horizon: usize,
        n_levels: usize,
    ) -> FfiResult<Self> {
        let mean_len = array_size(series, horizon, "mean_out")?;
        let bounds_len = array_size(mean_len, n_levels, "lower_out/upper_out")?;
        check_out_array(mean, mean_len, "mean_out")?;
        check_out_array(lower, bounds_len, "lower_out")?;
        check_out_array(upper, bounds_len, "upper_out")?;
        Ok(ForecastOut {
            mean,
            lower,
            upper,
            info,
        })
    }

    /// Writes forecast `index` of a batch (0 for a single series).
    ///
    /// # Safety
    /// The arrays must be valid for the sizes given to [`ForecastOut::check`], `f` must have
    /// `horizon` values and `n_levels` rows, and `index` must be below the series count.
    unsafe fn write(&self, index: usize, f: &SeriesForecast, horizon: usize, n_levels: usize) {
        let fc = &f.forecast;
        let block = n_levels * horizon;
        // SAFETY: forwarded contract; the offsets stay within series × horizon (× n_levels).
        unsafe {
            put(self.mean, index * horizon, &fc.mean);
            put_rows(self.lower, index * block, &fc.lower, horizon);
            put_rows(self.upper, index * block, &fc.upper, horizon);
            if !self.info.is_null() {
                self.info
                    .add(index)
                    .write(info_of(&f.model, &f.class, &f.notes));
            }
        }
    }
}

// ----- forecasting -----

/// Forecasts one series `y` of `n` periods (oldest first) `horizon` periods ahead with the
/// model of `opts`, with prediction intervals at the `n_levels` `levels`.
///
/// Writes `horizon` point forecasts to `mean_out`, the `n_levels * horizon` lower and upper
/// bounds to `lower_out` and `upper_out` (level by level: `lower_out[l * horizon + h]`), and
/// a summary to `*info_out` (nullable). `lower_out`, `upper_out` and `levels` may be NULL
/// when `n_levels` is 0. Nothing is written on failure.
///
/// With `"auto"`, the model is chosen by the core's automatic selection (by default on a
/// holdout of `horizon` periods); `info_out->model` names the model chosen and
/// `info_out->notes` the fallbacks taken (`INV_NOTE_*`).
///
/// Errors: `INV_INVALID_INPUT` (an empty series, NaN or infinite values, negative values
/// for a model that needs demand ≥ 0, a horizon of 0, a level outside (0, 1), an unknown
/// model name, a series too short for the model, a parameter out of range, more than 10^8
/// values in all, ...), `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`.
///
/// # Safety
/// `y` NULL (only with `n` 0) or valid for `n` reads; `opts` NULL or valid; `levels` NULL
/// (only with `n_levels` 0) or valid for `n_levels` reads; `mean_out` valid for `horizon`
/// writes; `lower_out` and `upper_out` NULL (only with `n_levels` 0) or valid for
/// `n_levels * horizon` writes; `info_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_forecast_series(
    y: *const f64,
    n: usize,
    opts: *const inv_forecast_options,
    horizon: usize,
    levels: *const f64,
    n_levels: usize,
    mean_out: *mut f64,
    lower_out: *mut f64,
    upper_out: *mut f64,
    info_out: *mut inv_forecast_info,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (y, method, levels) = unsafe {
            (
                try_slice(y, n, "y")?,
                read_method(opts)?,
                try_slice(levels, n_levels, "levels")?,
            )
        };
        let out = ForecastOut::check(
            mean_out, lower_out, upper_out, info_out, 1, horizon, n_levels,
        )?;
        let f = forecast::forecast_series(y, &method, horizon, levels)?;
        // SAFETY: the arrays were checked for one series and are valid by the contract.
        unsafe { out.write(0, &f, horizon, n_levels) };
        Ok(())
    })
}

/// `inv_forecast_series` on a ledger's demand history (`inv_ledger_demand_history`); a
/// bucket whose returns exceed its sales counts as zero demand. With `"auto"` and no
/// `opts->period`, the season is the core's default for the history's bucket size (52 for
/// weeks, 7 for days). Same outputs and errors as `inv_forecast_series`.
///
/// # Safety
/// `history` NULL or a live handle; the other arguments as `inv_forecast_series`.
#[no_mangle]
pub unsafe extern "C" fn inv_forecast_history(
    history: *const inv_demand_history,
    opts: *const inv_forecast_options,
    horizon: usize,
    levels: *const f64,
    n_levels: usize,
    mean_out: *mut f64,
    lower_out: *mut f64,
    upper_out: *mut f64,
    info_out: *mut inv_forecast_info,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (h, method, levels) = unsafe {
            (
                try_ref_from_ptr(history, "history")?,
                read_method(opts)?,
                try_slice(levels, n_levels, "levels")?,
            )
        };
        let out = ForecastOut::check(
            mean_out, lower_out, upper_out, info_out, 1, horizon, n_levels,
        )?;
        // The core picks the history's season without `opts->period`.
        let f = forecast::forecast_history(h, &method, horizon, levels)?;
        // SAFETY: the arrays were checked for one series and are valid by the contract.
        unsafe { out.write(0, &f, horizon, n_levels) };
        Ok(())
    })
}

/// Forecasts `n_series` series with the same model settings, on `threads` threads (1 = the
/// calling thread only; at most 64). Series `i` is `values[offsets[i] .. offsets[i + 1]]`; `offsets` has
/// `n_series + 1` non-decreasing entries (it and `values` may be NULL when `n_series` is 0).
///
/// Outputs are those of `inv_forecast_series` for each series, one after the other:
/// `mean_out[i * horizon + h]`, `lower_out[(i * n_levels + l) * horizon + h]` (same for
/// `upper_out`), `infos_out[i]` (nullable). The result is the same as one
/// `inv_forecast_series` call per series, whatever the thread count. All-or-nothing: on
/// failure nothing is written.
///
/// Errors: as `inv_forecast_series`; `INV_INVALID_INPUT` also for decreasing offsets (no
/// index), `threads` 0 or above 64, a thread the system refused to start, or more than
/// 10^8 values in all (series × horizon × (1 + 2 × levels)). When a series fails, the error is that of the first failing
/// series (lowest index), whose index `inv_last_error_index` gives.
///
/// # Safety
/// `offsets` NULL (only with `n_series` 0) or valid for `n_series + 1` reads; `values` NULL
/// (only when `offsets[n_series]` is 0) or valid for `offsets[n_series]` reads; `mean_out`
/// valid for `n_series * horizon` writes; `lower_out` and `upper_out` NULL (only with a
/// size of 0) or valid for `n_series * n_levels * horizon` writes; `infos_out` NULL or
/// valid for `n_series` writes; the rest as `inv_forecast_series`.
#[no_mangle]
pub unsafe extern "C" fn inv_forecast_panel(
    values: *const f64,
    offsets: *const usize,
    n_series: usize,
    opts: *const inv_forecast_options,
    horizon: usize,
    levels: *const f64,
    n_levels: usize,
    threads: usize,
    mean_out: *mut f64,
    lower_out: *mut f64,
    upper_out: *mut f64,
    infos_out: *mut inv_forecast_info,
) -> inv_result {
    call(|| {
        let offsets = if n_series == 0 && offsets.is_null() {
            &[0][..]
        } else {
            let len = n_series.checked_add(1).ok_or_else(|| {
                Failure::new(INV_INVALID_INPUT, "n_series + 1 does not fit in size_t")
            })?;
            // SAFETY: forwarded contract.
            unsafe { try_slice(offsets, len, "offsets") }?
        };
        if let Some(i) = offsets.windows(2).position(|w| w[1] < w[0]) {
            return Err(Failure::new(
                INV_INVALID_INPUT,
                format!(
                    "offsets must not decrease: offsets[{}] = {} > offsets[{}] = {}",
                    i,
                    offsets[i],
                    i + 1,
                    offsets[i + 1]
                ),
            ));
        }
        let total = offsets[n_series];
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (values, method, levels) = unsafe {
            (
                try_slice(values, total, "values")?,
                read_method(opts)?,
                try_slice(levels, n_levels, "levels")?,
            )
        };
        let out = ForecastOut::check(
            mean_out, lower_out, upper_out, infos_out, n_series, horizon, n_levels,
        )?;
        let series: Vec<&[f64]> = offsets.windows(2).map(|w| &values[w[0]..w[1]]).collect();
        let forecasts = forecast::forecast_panel(&series, &method, horizon, levels, threads)?;
        for (i, f) in forecasts.iter().enumerate() {
            // SAFETY: the arrays were checked for `n_series` series and are valid by the
            // contract; the core returns one forecast per series.
            unsafe { out.write(i, f, horizon, n_levels) };
        }
        Ok(())
    })
}

/// Classifies a demand series `y` of `n` periods (values ≤ 0 count as no demand) into
/// `*out`.
///
/// Errors: `INV_INVALID_INPUT` (empty series, NaN or infinite values), `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `y` NULL (only with `n` 0) or valid for `n` reads; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_classify_demand(
    y: *const f64,
    n: usize,
    out: *mut inv_demand_class,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let y = unsafe { try_slice(y, n, "y") }?;
        check_out(out, "out")?;
        let class = forecast::classify_demand(y)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_demand_class::from(&class)) };
        Ok(())
    })
}

// ----- fitted models -----

/// A model fitted to a series (opaque), from `inv_fit_model`; release with `inv_model_free`.
/// It can forecast any horizon without refitting.
pub struct inv_model {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_model`: the fitted model, with its series' class and the
/// notes of automatic selection (for `inv_model_info`).
#[derive(Debug)]
pub(crate) struct ModelHandle {
    model: FittedModel,
    class: DemandClass,
    notes: Vec<AutoNote>,
}

impl Castable for inv_model {
    type RustType = ModelHandle;
}

/// Fits the model of `opts` to `y` (`n` periods, oldest first) into a new handle at `*out`.
///
/// `"auto"` is accepted: the handle holds the model automatic selection chose (its name is
/// in `inv_model_info`), compared on a holdout of `opts->holdout` periods, default a fifth
/// of the series (there is no horizon yet, so the choice may differ from that of
/// `inv_forecast_series`, whose default holdout is the horizon).
///
/// Errors: as `inv_forecast_series` (without the horizon and levels). `*out` is untouched
/// on failure.
///
/// # Safety
/// `y` NULL (only with `n` 0) or valid for `n` reads; `opts` NULL or valid; `out` NULL or a
/// writable `inv_model *`.
#[no_mangle]
pub unsafe extern "C" fn inv_fit_model(
    y: *const f64,
    n: usize,
    opts: *const inv_forecast_options,
    out: *mut *mut inv_model,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (y, method) = unsafe { (try_slice(y, n, "y")?, read_method(opts)?) };
        check_out(out, "out")?;
        let handle = match method {
            Method::Auto(config) => {
                let fit = forecast::auto_fit(y, &config)?;
                ModelHandle {
                    model: fit.model,
                    class: fit.class,
                    notes: fit.notes,
                }
            }
            Method::Model(spec) => ModelHandle {
                model: spec.fit(y)?,
                class: forecast::classify_demand(y)?,
                notes: Vec::new(),
            },
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_model>(handle)) };
        Ok(())
    })
}

/// Point forecasts and prediction intervals of a fitted model: `horizon` values to `mean`,
/// `n_levels * horizon` to `lower` and `upper` (level by level, as `inv_forecast_series`).
///
/// Errors: `INV_INVALID_INPUT` (horizon 0, a level outside (0, 1), more than 10^8 values in
/// all), `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `model` NULL or a live handle; `levels`, `mean`, `lower`, `upper` as the corresponding
/// arguments of `inv_forecast_series`.
#[no_mangle]
pub unsafe extern "C" fn inv_model_forecast(
    model: *const inv_model,
    horizon: usize,
    levels: *const f64,
    n_levels: usize,
    mean: *mut f64,
    lower: *mut f64,
    upper: *mut f64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (m, levels) = unsafe {
            (
                try_ref_from_ptr(model, "model")?,
                try_slice(levels, n_levels, "levels")?,
            )
        };
        let mean_len = horizon;
        let bounds_len = array_size(horizon, n_levels, "lower/upper")?;
        check_out_array(mean, mean_len, "mean")?;
        check_out_array(lower, bounds_len, "lower")?;
        check_out_array(upper, bounds_len, "upper")?;
        let f = m.model.forecast(horizon, levels)?;
        // SAFETY: the arrays were checked and are valid for these sizes by the contract.
        unsafe {
            put(mean, 0, &f.mean);
            put_rows(lower, 0, &f.lower, horizon);
            put_rows(upper, 0, &f.upper, horizon);
        }
        Ok(())
    })
}

/// Quantiles of demand: `out[i * horizon + h]` is the `probs[i]` quantile `h + 1` periods
/// ahead (each `probs[i]` strictly between 0 and 1), never negative. `out` holds
/// `n_probs * horizon` values.
///
/// Errors: `INV_INVALID_INPUT` (horizon 0, a probability outside (0, 1), more than 10^8
/// values in all), `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `model` NULL or a live handle; `probs` NULL (only with `n_probs` 0) or valid for
/// `n_probs` reads; `out` NULL (only when `n_probs * horizon` is 0) or valid for that many
/// writes.
#[no_mangle]
pub unsafe extern "C" fn inv_model_quantiles(
    model: *const inv_model,
    horizon: usize,
    probs: *const f64,
    n_probs: usize,
    out: *mut f64,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (m, probs) = unsafe {
            (
                try_ref_from_ptr(model, "model")?,
                try_slice(probs, n_probs, "probs")?,
            )
        };
        check_out_array(out, array_size(n_probs, horizon, "out")?, "out")?;
        let q = m.model.quantiles(horizon, probs)?;
        // SAFETY: `out` was checked and is valid for `n_probs * horizon` writes.
        unsafe { put_rows(out, 0, &q, horizon) };
        Ok(())
    })
}

/// The summary of a fitted model (name, pattern of its series, notes, parameters) into
/// `*out`.
///
/// # Safety
/// `model` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_model_info(
    model: *const inv_model,
    out: *mut inv_forecast_info,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let m = unsafe { try_ref_from_ptr(model, "model") }?;
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, info_of(&m.model, &m.class, &m.notes)) };
        Ok(())
    })
}

/// The number of in-sample fitted values of a model (0 for NULL); see `inv_model_fitted`.
///
/// # Safety
/// `model` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_model_fitted_len(model: *const inv_model) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(model, "model") }.map_or(0, |m| m.model.fitted().len())
    })
}

/// The one-step in-sample fitted values: `out[k]` is the forecast of `y[start + k]` made
/// one period before. Writes the values to `out` (`capacity` doubles; at least
/// `inv_model_fitted_len(model)`), their number to `*len_out` and `start` to `*start_out`
/// (both nullable). `start` is 0 for smoothing and intermittent models, 1 for naive and
/// historic average, the period or window for seasonal naive and moving average.
///
/// Errors: `INV_BUFFER_TOO_SMALL` when `capacity` is below the number of values (nothing
/// is written), `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `model` NULL or a live handle; `out` NULL (only with `capacity` 0) or valid for
/// `capacity` writes; `len_out` and `start_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_model_fitted(
    model: *const inv_model,
    out: *mut f64,
    capacity: usize,
    len_out: *mut usize,
    start_out: *mut usize,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let m = unsafe { try_ref_from_ptr(model, "model") }?;
        check_out_array(out, capacity, "out")?;
        let fitted = m.model.fitted();
        if capacity < fitted.len() {
            return Err(Failure::new(
                INV_BUFFER_TOO_SMALL,
                format!(
                    "the output array has {capacity} elements; the model has {} fitted values",
                    fitted.len()
                ),
            ));
        }
        // SAFETY: `out` is valid for `capacity ≥ fitted.len()` writes; the others are NULL
        // or writable by the contract.
        unsafe {
            put(out, 0, fitted);
            write_out(len_out, fitted.len());
            write_out(start_out, m.model.fitted_start());
        }
        Ok(())
    })
}

/// Releases a fitted model. NULL is a no-op.
///
/// # Safety
/// `model` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_model_free(model: *mut inv_model) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(model) })
}

// ----- evaluation -----

/// Rolling-origin backtest of the model of `opts` on `y` (`n` periods): for `origins`
/// training lengths `n − horizon − k·step` (`k = origins − 1, …, 0`, oldest origin first),
/// fit on the history up to the origin, forecast `horizon` periods and score them against
/// what followed. MASE is scaled by each origin's in-sample seasonal naive error with lag
/// `period` (≥ 1; 1 for non-seasonal data).
///
/// Writes the forecasts to `forecasts_out` (`origins * horizon` values, origin by origin),
/// each origin's accuracy to `per_origin_out` (`origins` structs; nullable) and the mean over
/// origins to `*mean_out` (an optional measure averages the origins that have it).
///
/// Errors: `INV_INVALID_INPUT` (`horizon`, `origins`, `step` or `period` 0, a series shorter
/// than `horizon + (origins − 1)·step + 1`, more than 10^8 values (origins × horizon), or
/// any error of fitting an origin),
/// `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `y` NULL (only with `n` 0) or valid for `n` reads; `opts` NULL or valid; `forecasts_out`
/// NULL (only when `origins * horizon` is 0) or valid for that many writes;
/// `per_origin_out` NULL or valid for `origins` writes; `mean_out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_forecast_backtest(
    y: *const f64,
    n: usize,
    opts: *const inv_forecast_options,
    horizon: usize,
    origins: usize,
    step: usize,
    period: usize,
    forecasts_out: *mut f64,
    per_origin_out: *mut inv_forecast_accuracy,
    mean_out: *mut inv_forecast_accuracy,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (y, method) = unsafe { (try_slice(y, n, "y")?, read_method(opts)?) };
        let len = array_size(origins, horizon, "forecasts_out")?;
        check_out_array(forecasts_out, len, "forecasts_out")?;
        check_out(mean_out, "mean_out")?;
        let b = forecast::backtest(y, &method, horizon, origins, step, period)?;
        // SAFETY: the arrays were checked and are valid for these sizes by the contract; the
        // core returns `origins` forecasts of `horizon` values and `origins` accuracies.
        unsafe {
            put_rows(forecasts_out, 0, &b.forecasts, horizon);
            if !per_origin_out.is_null() {
                for (i, a) in b.accuracy.iter().enumerate() {
                    per_origin_out.add(i).write(inv_forecast_accuracy::from(a));
                }
            }
            write_out(mean_out, inv_forecast_accuracy::from(&b.mean));
        }
        Ok(())
    })
}

/// Accuracy of `forecast` against `actual` (both `n` values) into `*out`; `insample` (the
/// training series, `n_insample` values, more than `period`) and `period` (≥ 1; 1 for
/// non-seasonal data) scale the MASE.
///
/// Errors: `INV_INVALID_INPUT` (empty or non-finite arrays, `period` 0, an in-sample series
/// of `period` values or fewer), `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `actual` and `forecast` NULL (only with `n` 0) or valid for `n` reads; `insample` NULL
/// (only with `n_insample` 0) or valid for `n_insample` reads; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_forecast_metrics(
    actual: *const f64,
    forecast: *const f64,
    n: usize,
    insample: *const f64,
    n_insample: usize,
    period: usize,
    out: *mut inv_forecast_accuracy,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (actual, fc, insample) = unsafe {
            (
                try_slice(actual, n, "actual")?,
                try_slice(forecast, n, "forecast")?,
                try_slice(insample, n_insample, "insample")?,
            )
        };
        check_out(out, "out")?;
        let a = forecast::metrics(actual, fc, insample, period)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, inv_forecast_accuracy::from(&a)) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        INV_NOTE_DEMAND_STOPPED, INV_NOTE_LEADING_ZEROS, INV_NOTE_NO_DEMAND,
        INV_NOTE_ONE_OBSERVATION, INV_NOTE_TOO_SHORT_FOR_SEASON, INV_NOTE_TOO_SHORT_TO_COMPARE,
    };

    #[test]
    fn note_bits_are_the_core_bits() {
        let cases = [
            (AutoNote::NoDemand, INV_NOTE_NO_DEMAND),
            (AutoNote::OneObservation, INV_NOTE_ONE_OBSERVATION),
            (
                AutoNote::DemandStopped { periods: 3 },
                INV_NOTE_DEMAND_STOPPED,
            ),
            (
                AutoNote::TooShortToCompare { got: 2, needed: 6 },
                INV_NOTE_TOO_SHORT_TO_COMPARE,
            ),
            (
                AutoNote::TooShortForSeason {
                    period: 7,
                    got: 5,
                    needed: 9,
                },
                INV_NOTE_TOO_SHORT_FOR_SEASON,
            ),
            (
                AutoNote::LeadingZeros { periods: 3 },
                INV_NOTE_LEADING_ZEROS,
            ),
        ];
        for (note, bit) in cases {
            assert_eq!(note.bit(), bit, "{note}");
        }
    }

    #[test]
    fn documented_cutoffs_are_the_core_cutoffs() {
        // The docs of inv_demand_pattern quote them.
        assert_eq!(forecast::ADI_CUTOFF, 1.32);
        assert_eq!(forecast::CV2_CUTOFF, 0.49);
    }

    #[test]
    fn every_model_name_fits_the_field() {
        let options = ModelOptions {
            period: Some(4),
            ..ModelOptions::default()
        };
        for name in forecast::MODEL_NAMES {
            let spec = forecast::ModelSpec::from_name(name, &options).unwrap();
            assert_eq!(spec.key(), name);
            assert!(name.len() < INV_MODEL_NAME_LEN, "{name}");
        }
    }

    #[test]
    fn options_default_is_auto() {
        let o = inv_forecast_options_default();
        // SAFETY: the default points to a static NUL-terminated string and no arrays.
        let m = unsafe { read_method(&o) }.unwrap();
        assert!(matches!(m, Method::Auto(_)));
    }
}
