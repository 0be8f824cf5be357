//! Forecasting one series, a ledger's demand history or a whole panel, and rolling-origin
//! backtests.

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::auto::{auto_fit_inner, demand_class, AutoConfig, AutoNote, DemandClass};
use super::interval::Forecast;
use super::optimize::Effort;
use super::{
    cells_per_period, check_cells, check_horizon, metrics_inner, Accuracy, FResult, FittedModel,
    ModelSpec,
};
use crate::demand::DemandHistory;
use crate::error::{Error, ForecastError, Result};
use crate::parallel::{check_threads, run_workers, spawn_failed};
use crate::time::Period;

/// How to forecast: automatic selection or one given model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Automatic selection ([`auto_fit`](super::auto_fit)).
    Auto(AutoConfig),
    /// This model.
    Model(ModelSpec),
}

impl Method {
    /// Automatic selection with a season of `period` (1: none), other settings default.
    pub fn auto(period: usize) -> Self {
        Method::Auto(AutoConfig::with_period(period))
    }

    /// The automatic selection suited to a ledger's demand history: a season of 52 for weekly
    /// buckets, 7 for daily ones.
    pub fn auto_for(period: Period) -> Self {
        Method::auto(match period {
            Period::Week => 52,
            Period::Day => 7,
        })
    }
}

/// A series' forecast with the model behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesForecast {
    /// Point forecasts and intervals.
    pub forecast: Forecast,
    /// The fitted model (chosen, or the one given).
    pub model: FittedModel,
    /// The demand pattern of the series.
    pub class: DemandClass,
    /// Fallbacks taken by automatic selection (empty for a given model).
    pub notes: Vec<AutoNote>,
}

/// Forecasts `y` (oldest first) `horizon` periods ahead with intervals at `levels`.
///
/// # Errors
/// [`ForecastError::InvalidHorizon`]; [`ForecastError::OutputTooLarge`] beyond
/// [`MAX_OUTPUT_CELLS`](super::MAX_OUTPUT_CELLS) values (horizon × (1 + 2 × levels)); the
/// model's errors for the series.
pub fn forecast_series(
    y: &[f64],
    method: &Method,
    horizon: usize,
    levels: &[f64],
) -> Result<SeriesForecast> {
    Ok(forecast_inner(y, method, horizon, levels)?)
}

fn forecast_inner(
    y: &[f64],
    method: &Method,
    horizon: usize,
    levels: &[f64],
) -> FResult<SeriesForecast> {
    check_horizon(horizon)?;
    check_cells("a forecast", &[horizon, cells_per_period(levels.len())])?;
    let (model, class, notes) = match method {
        Method::Auto(config) => {
            let fit = auto_fit_inner(y, config, Some(horizon))?;
            (fit.model, fit.class, fit.notes)
        }
        Method::Model(spec) => {
            let model = spec.fit_inner(y, Effort::Thorough)?;
            (model, demand_class(y), Vec::new())
        }
    };
    Ok(SeriesForecast {
        forecast: model.forecast_inner(horizon, levels)?,
        model,
        class,
        notes,
    })
}

/// Forecasts a ledger's demand history ([`Ledger::demand_history`](crate::Ledger)). A bucket
/// whose returns exceed its sales (negative net demand) counts as zero demand. Automatic
/// selection without a period takes the history's: 52 for weeks, 7 for days
/// ([`Method::auto_for`]).
pub fn forecast_history(
    history: &DemandHistory,
    method: &Method,
    horizon: usize,
    levels: &[f64],
) -> Result<SeriesForecast> {
    let y = history_demand(history);
    match method {
        Method::Auto(c) if c.period.is_none() => {
            let mut config = c.clone();
            if let Method::Auto(d) = Method::auto_for(history.period) {
                config.period = d.period;
            }
            forecast_series(&y, &Method::Auto(config), horizon, levels)
        }
        _ => forecast_series(&y, method, horizon, levels),
    }
}

/// A history's net demand per bucket as `f64`, negative buckets (returns exceeding sales)
/// counted as 0: the series every forecasting function reads from a ledger.
pub fn history_demand(history: &DemandHistory) -> Vec<f64> {
    history.to_f64().into_iter().map(|v| v.max(0.0)).collect()
}

/// Forecasts every series of a panel, on `threads` threads (1 = the calling thread only; at
/// most [`MAX_THREADS`](crate::parallel::MAX_THREADS)).
///
/// The result is in input order and does not depend on the thread count. The first failing
/// series (lowest index) is reported as [`Error::Batch`] with its index.
///
/// # Errors
/// [`ForecastError::InvalidParameter`] for 0 threads or more than [`MAX_THREADS`](crate::parallel::MAX_THREADS);
/// [`ForecastError::InvalidHorizon`]; [`ForecastError::OutputTooLarge`] beyond
/// [`MAX_OUTPUT_CELLS`](super::MAX_OUTPUT_CELLS) values (series × horizon × (1 + 2 ×
/// levels)); [`crate::PolicyError::InvalidInput`] when the system
/// refuses to start a thread; [`Error::Batch`] for a failing series.
pub fn forecast_panel<S: AsRef<[f64]> + Sync>(
    series: &[S],
    method: &Method,
    horizon: usize,
    levels: &[f64],
    threads: usize,
) -> Result<Vec<SeriesForecast>> {
    check_horizon(horizon)?;
    if check_threads(threads).is_err() {
        return Err(ForecastError::InvalidParameter {
            name: "threads",
            value: threads as f64,
            expected: "1 to 64 (MAX_THREADS)",
        }
        .into());
    }
    check_cells(
        "a forecast panel",
        &[series.len(), horizon, cells_per_period(levels.len())],
    )?;
    let run = |i: usize| forecast_inner(series[i].as_ref(), method, horizon, levels);
    let threads = threads.min(series.len().max(1));
    let results: Vec<FResult<SeriesForecast>> = if threads == 1 {
        (0..series.len()).map(run).collect()
    } else {
        const CHUNK: usize = 16;
        let next = AtomicUsize::new(0);
        let parts = run_workers(threads, "inventory-forecast", |_| {
            let mut out = Vec::new();
            loop {
                let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                if start >= series.len() {
                    break;
                }
                for i in start..(start + CHUNK).min(series.len()) {
                    out.push((i, run(i)));
                }
            }
            out
        })
        .map_err(|e| spawn_failed("forecasting", &e))?;
        let mut all: Vec<(usize, FResult<SeriesForecast>)> = parts.into_iter().flatten().collect();
        all.sort_by_key(|(i, _)| *i);
        all.into_iter().map(|(_, r)| r).collect()
    };
    let mut out = Vec::with_capacity(results.len());
    for (index, r) in results.into_iter().enumerate() {
        match r {
            Ok(f) => out.push(f),
            Err(e) => {
                return Err(Error::Batch {
                    index,
                    source: Box::new(e.into()),
                })
            }
        }
    }
    Ok(out)
}

/// A rolling-origin evaluation ([`backtest`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// The horizon of each forecast.
    pub horizon: usize,
    /// The training length of each origin, oldest first.
    pub origins: Vec<usize>,
    /// The point forecasts made at each origin.
    pub forecasts: Vec<Vec<f64>>,
    /// The accuracy of each origin's forecast against the actuals.
    pub accuracy: Vec<Accuracy>,
    /// The mean over origins of each measure (an optional measure averages the origins that
    /// have it, and is `None` when none has).
    pub mean: Accuracy,
}

/// Rolling-origin backtest (Tashman 2000): for `origins` training lengths
/// `n − horizon − k·step` (`k = origins − 1, …, 0`), fit `method` on the history up to the
/// origin, forecast `horizon` periods and score them against what followed. MASE is scaled by
/// each origin's in-sample seasonal-naive error with lag `period` (1 for non-seasonal).
pub fn backtest(
    y: &[f64],
    method: &Method,
    horizon: usize,
    origins: usize,
    step: usize,
    period: usize,
) -> Result<Backtest> {
    check_horizon(horizon)?;
    for (name, v) in [("origins", origins), ("step", step), ("period", period)] {
        if v == 0 {
            return Err(ForecastError::InvalidParameter {
                name,
                value: 0.0,
                expected: "at least 1",
            }
            .into());
        }
    }
    check_cells("a backtest", &[origins, horizon])?;
    let needed = horizon
        .saturating_add((origins - 1).saturating_mul(step))
        .saturating_add(1);
    if y.len() < needed {
        return Err(ForecastError::TooShort {
            model: "backtest",
            needed,
            got: y.len(),
        }
        .into());
    }
    let mut out = Backtest {
        horizon,
        origins: Vec::with_capacity(origins),
        forecasts: Vec::with_capacity(origins),
        accuracy: Vec::with_capacity(origins),
        mean: Accuracy {
            mae: 0.0,
            rmse: 0.0,
            mape: None,
            smape: None,
            mase: None,
            bias: 0.0,
        },
    };
    for k in (0..origins).rev() {
        let origin = y.len() - horizon - k * step;
        let train = &y[..origin];
        let actual = &y[origin..origin + horizon];
        let f = forecast_inner(train, method, horizon, &[])?;
        let acc = metrics_inner(actual, &f.forecast.mean, train, period)?;
        out.origins.push(origin);
        out.forecasts.push(f.forecast.mean);
        out.accuracy.push(acc);
    }
    let mean = |get: &dyn Fn(&Accuracy) -> Option<f64>| -> Option<f64> {
        let v: Vec<f64> = out.accuracy.iter().filter_map(get).collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    out.mean = Accuracy {
        mae: mean(&|a| Some(a.mae)).unwrap_or(0.0),
        rmse: mean(&|a| Some(a.rmse)).unwrap_or(0.0),
        mape: mean(&|a| a.mape),
        smape: mean(&|a| a.smape),
        mase: mean(&|a| a.mase),
        bias: mean(&|a| Some(a.bias)).unwrap_or(0.0),
    };
    Ok(out)
}

impl FittedModel {
    /// The model's name (as [`ModelSpec::name`]).
    pub fn name(&self) -> &'static str {
        self.spec.name()
    }
}
