//! Demand forecasting (`inventory_core::forecast`): fitted models, forecasts of one series,
//! of a ledger's demand history or of a whole panel, with prediction intervals; demand
//! classification, rolling-origin backtests and accuracy metrics.
//!
//! Models are chosen by name through the core (`Method::from_name` / `ModelSpec::from_name`
//! with `ModelOptions`): this module only converts arguments and results. Series are float
//! columns: a 1-d C-contiguous float64 numpy array (or a C-contiguous 2-d one for a panel) is
//! read in place, other arrays are converted once with `numpy.ascontiguousarray`, lists and
//! other iterables are read item by item. The core runs with the GIL released. Results are
//! numpy float64 arrays (`mean`, `lower`, `upper`, `fitted`, ...) and plain Python values.
//!
//! A wrong type (a str, None or a non-number item where a series is expected, a float
//! horizon, ...) raises `TypeError`; a wrong value (NaN, an empty series, horizon 0, an
//! unknown model, a level outside (0, 1), ...) raises the core's error, `InvalidInput`.

use inventory_core::forecast::{
    self, Accuracy, Backtest, DemandClass, FittedModel, Forecast, Method, ModelOptions, ModelSpec,
    Params, SeriesForecast,
};
use pyo3::buffer::PyBuffer;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::arrays::{array, core_err, f64_buffer, is_none_text_or_mapping, F64Col};
use crate::convert::{
    arg_i64, arg_index, arg_opt_f64, arg_opt_i64, arg_str, lengths_arg, named_f64,
};
use crate::errors::{invalid_input, wrong_type};
use crate::types::PyDemandHistory;

// ----- input -----

fn type_error(name: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    wrong_type(name, expected, obj)
}

/// The values of an array-like as a native C-contiguous float64 buffer (see
/// [`f64_buffer`]: an array of other than real numbers is a `TypeError` naming `name`).
fn f64_buffer_of(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<PyBuffer<f64>>> {
    f64_buffer(name, obj)
}

/// A series of floats: read in place from a 1-d C-contiguous float64 buffer, or owned.
enum Floats {
    InPlace(F64Col),
    Owned(Vec<f64>),
}

impl Floats {
    fn as_slice(&self) -> &[f64] {
        match self {
            Floats::InPlace(c) => c.as_slice(),
            Floats::Owned(v) => v,
        }
    }

    fn into_vec(self) -> Vec<f64> {
        match self {
            Floats::InPlace(c) => c.as_slice().to_vec(),
            Floats::Owned(v) => v,
        }
    }
}

/// The number of dimensions of an array-like object (numpy, pandas, ...), if it has `ndim`.
fn ndim(obj: &Bound<'_, PyAny>) -> Option<usize> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return None;
    }
    obj.getattr("ndim").ok()?.extract::<usize>().ok()
}

/// A str, bytes, a bytearray or a dict: never a series of numbers.
fn is_text_or_mapping(obj: &Bound<'_, PyAny>) -> bool {
    is_none_text_or_mapping(obj)
}

/// The items of a list, tuple or other iterable, each a number.
fn float_items(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let iter = obj
        .try_iter()
        .map_err(|_| type_error(name, "a sequence of numbers", obj))?;
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        // A wrong type is a TypeError; a number beyond a float (a huge int) InvalidInput.
        out.push(named_f64(&format!("{name}[{i}]"), &item?)?);
    }
    Ok(out)
}

/// One series: a list / tuple / iterable of numbers or a 1-d array.
fn floats(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Floats> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return float_items(name, obj).map(Floats::Owned);
    }
    if obj.is_none() || is_text_or_mapping(obj) {
        return Err(type_error(name, "a sequence of numbers", obj));
    }
    let dims = |d: usize| {
        invalid_input(
            obj.py(),
            format!("{name}: expected a 1-d array, got {d} dimensions"),
        )
    };
    match ndim(obj) {
        Some(0) => return Err(type_error(name, "a sequence of numbers, not a scalar", obj)),
        Some(d) if d != 1 => return Err(dims(d)),
        _ => {}
    }
    match f64_buffer_of(name, obj)? {
        Some(b) if b.dimensions() == 1 => Ok(Floats::InPlace(F64Col::in_place(b))),
        Some(b) => Err(dims(b.dimensions())),
        None => float_items(name, obj).map(Floats::Owned),
    }
}

/// An optional float column (None: empty).
fn opt_floats(name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<f64>> {
    match obj {
        Some(o) if !o.is_none() => floats(name, o).map(Floats::into_vec),
        _ => Ok(Vec::new()),
    }
}

/// A count (horizon, period, ...) as `usize`; a negative value is InvalidInput.
fn count(py: Python<'_>, name: &str, v: i64) -> PyResult<usize> {
    usize::try_from(v)
        .map_err(|_| invalid_input(py, format!("{name}: {v} must be a non-negative integer")))
}

fn opt_count(py: Python<'_>, name: &str, v: Option<i64>) -> PyResult<Option<usize>> {
    v.map(|v| count(py, name, v)).transpose()
}

/// The model options of the keyword arguments shared by every function.
#[allow(clippy::too_many_arguments)]
fn options(
    py: Python<'_>,
    period: Option<i64>,
    window: Option<i64>,
    aggregation: Option<i64>,
    alpha: Option<f64>,
    beta: Option<f64>,
    gamma: Option<f64>,
    phi: Option<f64>,
    level0: Option<f64>,
    trend0: Option<f64>,
    seasonal0: Option<&Bound<'_, PyAny>>,
    holdout: Option<i64>,
    multiplicative: bool,
) -> PyResult<ModelOptions> {
    Ok(ModelOptions {
        period: opt_count(py, "period", period)?,
        window: opt_count(py, "window", window)?,
        aggregation: opt_count(py, "aggregation", aggregation)?,
        alpha,
        beta,
        gamma,
        phi,
        level0,
        trend0,
        seasonal0: match seasonal0 {
            Some(s) if !s.is_none() => Some(floats("seasonal0", s)?.into_vec()),
            _ => None,
        },
        holdout: opt_count(py, "holdout", holdout)?,
        multiplicative: Some(multiplicative),
    })
}

fn method(py: Python<'_>, model: &str, opts: &ModelOptions) -> PyResult<Method> {
    Method::from_name(model, opts).map_err(|e| core_err(py, e))
}

// ----- output -----

/// A float64 numpy array of `shape` holding `flat` (row-major).
fn nd_array(py: Python<'_>, flat: &[f64], shape: &[usize]) -> PyResult<Py<PyAny>> {
    let arr = array(py, flat, "float64")?;
    if shape.len() == 1 {
        return Ok(arr.unbind());
    }
    Ok(arr
        .call_method1("reshape", (PyTuple::new(py, shape)?,))?
        .unbind())
}

/// `rows` (each of length `width`) as a 2-d float64 array.
fn matrix(py: Python<'_>, rows: &[Vec<f64>], width: usize) -> PyResult<Py<PyAny>> {
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    nd_array(py, &flat, &[rows.len(), width])
}

fn params_dict<'py>(py: Python<'py>, p: &Params) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("alpha", p.alpha)?;
    d.set_item("beta", p.beta)?;
    d.set_item("gamma", p.gamma)?;
    d.set_item("phi", p.phi)?;
    d.set_item("level0", p.level0)?;
    d.set_item("trend0", p.trend0)?;
    d.set_item(
        "seasonal0",
        (!p.seasonal0.is_empty()).then(|| p.seasonal0.clone()),
    )?;
    d.set_item("aggregation", p.aggregation)?;
    Ok(d)
}

fn class_dict<'py>(py: Python<'py>, c: &DemandClass) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("pattern", c.pattern.as_str())?;
    d.set_item("adi", c.adi)?;
    d.set_item("cv2", c.cv2)?;
    d.set_item("demand_periods", c.demand_periods)?;
    d.set_item("trailing_zeros", c.trailing_zeros)?;
    d.set_item("longest_gap", c.longest_gap)?;
    Ok(d)
}

fn accuracy_dict<'py>(py: Python<'py>, a: &Accuracy) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("mae", a.mae)?;
    d.set_item("rmse", a.rmse)?;
    d.set_item("mape", a.mape)?;
    d.set_item("smape", a.smape)?;
    d.set_item("mase", a.mase)?;
    d.set_item("bias", a.bias)?;
    Ok(d)
}

fn opt_repr(v: Option<f64>) -> String {
    v.map_or("None".to_owned(), |v| format!("{v:?}"))
}

// ----- fitted model -----

/// A fitted model: its parameters, in-sample fit, point forecasts, intervals and quantiles.
#[pyclass(frozen, eq, name = "FittedModel", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyFittedModel {
    pub(crate) inner: FittedModel,
}

impl From<FittedModel> for PyFittedModel {
    fn from(inner: FittedModel) -> Self {
        PyFittedModel { inner }
    }
}

#[pymethods]
impl PyFittedModel {
    /// The model's name as `fit_model` reads it ("ses", "damped_holt", "croston", ...).
    #[getter]
    fn model(&self) -> &'static str {
        self.inner.spec().key()
    }
    /// A readable name of the model ("SES", "additive Holt-Winters", ...).
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    /// The parameters and initial states used, given or estimated: a dict with keys alpha,
    /// beta, gamma, phi, level0, trend0 (float or None), seasonal0 (list of float or None) and
    /// aggregation (int or None). Passing them back to `fit_model` refits the same model.
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        params_dict(py, self.inner.params())
    }
    /// The one-step in-sample fitted values, for observations `fitted_start` onwards.
    #[getter]
    fn fitted(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        nd_array(py, self.inner.fitted(), &[self.inner.fitted().len()])
    }
    /// The index of the observation the first fitted value belongs to.
    #[getter]
    fn fitted_start(&self) -> usize {
        self.inner.fitted_start()
    }
    /// The root mean squared one-step in-sample error (None without fitted values).
    #[getter]
    fn residual_sd(&self) -> Option<f64> {
        self.inner.residual_sd()
    }
    /// How the prediction intervals are computed: "analytic", "simulated", "empirical",
    /// "normal_approx" or "degenerate".
    #[getter]
    fn interval_method(&self) -> &'static str {
        self.inner.interval_method().as_str()
    }
    /// Point forecasts for 1..=horizon periods ahead (floored at 0), a float64 array.
    fn predict(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_i64)] horizon: i64,
    ) -> PyResult<Py<PyAny>> {
        let horizon = count(py, "horizon", horizon)?;
        let model = &self.inner;
        let mean = py
            .detach(|| model.predict(horizon))
            .map_err(|e| core_err(py, e))?;
        nd_array(py, &mean, &[mean.len()])
    }
    /// Point forecasts and prediction intervals at each of `levels` (fractions in (0, 1),
    /// e.g. (0.8, 0.95)).
    #[pyo3(signature = (horizon, levels = None), text_signature = "($self, horizon, levels=())")]
    fn forecast(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_i64)] horizon: i64,
        levels: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyForecast> {
        let horizon = count(py, "horizon", horizon)?;
        let levels = opt_floats("levels", levels)?;
        let model = &self.inner;
        let f = py
            .detach(|| model.forecast(horizon, &levels))
            .map_err(|e| core_err(py, e))?;
        PyForecast::new(py, f)
    }
    /// Quantiles of demand: a float64 array of shape (len(probs), horizon) whose row i holds
    /// the probs[i] quantile 1..=horizon periods ahead (each prob in (0, 1)).
    fn quantiles(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_i64)] horizon: i64,
        probs: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let horizon = count(py, "horizon", horizon)?;
        let probs = floats("probs", probs)?.into_vec();
        let model = &self.inner;
        let q = py
            .detach(|| model.quantiles(horizon, &probs))
            .map_err(|e| core_err(py, e))?;
        matrix(py, &q, horizon)
    }
    fn __repr__(&self) -> String {
        let p = self.inner.params();
        format!(
            "FittedModel(model={:?}, alpha={}, beta={}, gamma={}, phi={}, residual_sd={})",
            self.inner.spec().key(),
            opt_repr(p.alpha),
            opt_repr(p.beta),
            opt_repr(p.gamma),
            opt_repr(p.phi),
            opt_repr(self.inner.residual_sd())
        )
    }
}

// ----- forecasts -----

/// Point forecasts with prediction intervals.
#[pyclass(frozen, name = "Forecast", module = "inventory_core")]
pub(crate) struct PyForecast {
    inner: Forecast,
    /// Point forecasts, float64 array of shape (horizon,).
    #[pyo3(get)]
    mean: Py<PyAny>,
    /// Lower bounds, float64 array of shape (len(levels), horizon).
    #[pyo3(get)]
    lower: Py<PyAny>,
    /// Upper bounds, float64 array of shape (len(levels), horizon).
    #[pyo3(get)]
    upper: Py<PyAny>,
}

impl PyForecast {
    fn new(py: Python<'_>, inner: Forecast) -> PyResult<Self> {
        let h = inner.mean.len();
        Ok(PyForecast {
            mean: nd_array(py, &inner.mean, &[h])?,
            lower: matrix(py, &inner.lower, h)?,
            upper: matrix(py, &inner.upper, h)?,
            inner,
        })
    }
}

#[pymethods]
impl PyForecast {
    /// The interval levels, in the order of the rows of `lower` and `upper`.
    #[getter]
    fn levels(&self) -> Vec<f64> {
        self.inner.levels.clone()
    }
    /// How the intervals were computed ("analytic", "simulated", "empirical",
    /// "normal_approx" or "degenerate").
    #[getter]
    fn interval_method(&self) -> &'static str {
        self.inner.method.as_str()
    }
    /// The horizon.
    fn __len__(&self) -> usize {
        self.inner.mean.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Forecast(horizon={}, levels={:?}, interval_method={:?})",
            self.inner.mean.len(),
            self.inner.levels,
            self.inner.method.as_str()
        )
    }
}

/// A series' forecast with the model behind it and the series' demand pattern.
#[pyclass(frozen, name = "SeriesForecast", module = "inventory_core")]
pub(crate) struct PySeriesForecast {
    inner: SeriesForecast,
    /// Point forecasts, float64 array of shape (horizon,).
    #[pyo3(get)]
    mean: Py<PyAny>,
    /// Lower bounds, float64 array of shape (len(levels), horizon).
    #[pyo3(get)]
    lower: Py<PyAny>,
    /// Upper bounds, float64 array of shape (len(levels), horizon).
    #[pyo3(get)]
    upper: Py<PyAny>,
}

impl PySeriesForecast {
    fn new(py: Python<'_>, inner: SeriesForecast) -> PyResult<Self> {
        let f = &inner.forecast;
        let h = f.mean.len();
        Ok(PySeriesForecast {
            mean: nd_array(py, &f.mean, &[h])?,
            lower: matrix(py, &f.lower, h)?,
            upper: matrix(py, &f.upper, h)?,
            inner,
        })
    }
}

#[pymethods]
impl PySeriesForecast {
    /// The interval levels, in the order of the rows of `lower` and `upper`.
    #[getter]
    fn levels(&self) -> Vec<f64> {
        self.inner.forecast.levels.clone()
    }
    /// How the intervals were computed.
    #[getter]
    fn interval_method(&self) -> &'static str {
        self.inner.forecast.method.as_str()
    }
    /// The model used (chosen by "auto", or the one given), by name ("ses", "tsb", ...).
    #[getter]
    fn model(&self) -> &'static str {
        self.inner.model.spec().key()
    }
    /// The model's parameters (see `FittedModel.params`).
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        params_dict(py, self.inner.model.params())
    }
    /// The demand pattern: "smooth", "erratic", "intermittent", "lumpy" or "no_demand".
    #[getter]
    fn pattern(&self) -> &'static str {
        self.inner.class.pattern.as_str()
    }
    /// Mean inter-demand interval (None without demand).
    #[getter]
    fn adi(&self) -> Option<f64> {
        self.inner.class.adi
    }
    /// Squared coefficient of variation of the positive demand sizes (None without demand).
    #[getter]
    fn cv2(&self) -> Option<f64> {
        self.inner.class.cv2
    }
    /// The fallbacks automatic selection took, as sentences (empty for a given model).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.inner.notes.iter().map(ToString::to_string).collect()
    }
    /// The fitted model.
    #[getter]
    fn fitted_model(&self) -> PyFittedModel {
        self.inner.model.clone().into()
    }
    /// The horizon.
    fn __len__(&self) -> usize {
        self.inner.forecast.mean.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "SeriesForecast(model={:?}, horizon={}, levels={:?}, pattern={:?}, notes={})",
            self.inner.model.spec().key(),
            self.inner.forecast.mean.len(),
            self.inner.forecast.levels,
            self.inner.class.pattern.as_str(),
            self.inner.notes.len()
        )
    }
}

/// The forecasts of a panel: arrays with one row per series, and per-series lists.
#[pyclass(frozen, name = "PanelForecast", module = "inventory_core")]
pub(crate) struct PyPanelForecast {
    inner: Vec<SeriesForecast>,
    levels: Vec<f64>,
    /// Point forecasts, float64 array of shape (n, horizon).
    #[pyo3(get)]
    mean: Py<PyAny>,
    /// Lower bounds, float64 array of shape (n, len(levels), horizon).
    #[pyo3(get)]
    lower: Py<PyAny>,
    /// Upper bounds, float64 array of shape (n, len(levels), horizon).
    #[pyo3(get)]
    upper: Py<PyAny>,
}

#[pymethods]
impl PyPanelForecast {
    /// The interval levels.
    #[getter]
    fn levels(&self) -> Vec<f64> {
        self.levels.clone()
    }
    /// The model of each series, by name.
    #[getter]
    fn models(&self) -> Vec<&'static str> {
        self.inner.iter().map(|f| f.model.spec().key()).collect()
    }
    /// The demand pattern of each series.
    #[getter]
    fn patterns(&self) -> Vec<&'static str> {
        self.inner
            .iter()
            .map(|f| f.class.pattern.as_str())
            .collect()
    }
    /// The notes of automatic selection for each series.
    #[getter]
    fn notes(&self) -> Vec<Vec<String>> {
        self.inner
            .iter()
            .map(|f| f.notes.iter().map(ToString::to_string).collect())
            .collect()
    }
    /// How the intervals of each series were computed.
    #[getter]
    fn interval_methods(&self) -> Vec<&'static str> {
        self.inner
            .iter()
            .map(|f| f.forecast.method.as_str())
            .collect()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    /// The forecast of one series.
    fn __getitem__(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_index)] index: isize,
    ) -> PyResult<PySeriesForecast> {
        let n = self.inner.len() as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "PanelForecast index out of range",
            ));
        }
        PySeriesForecast::new(py, self.inner[i as usize].clone())
    }
    fn __repr__(&self) -> String {
        format!(
            "PanelForecast(<{} series>, levels={:?})",
            self.inner.len(),
            self.levels
        )
    }
}

/// A rolling-origin backtest.
#[pyclass(frozen, name = "Backtest", module = "inventory_core")]
pub(crate) struct PyBacktest {
    inner: Backtest,
    /// The point forecasts made at each origin, float64 array of shape (origins, horizon).
    #[pyo3(get)]
    forecasts: Py<PyAny>,
}

#[pymethods]
impl PyBacktest {
    /// The horizon of each forecast.
    #[getter]
    fn horizon(&self) -> usize {
        self.inner.horizon
    }
    /// The training length of each origin, oldest first.
    #[getter]
    fn origins(&self) -> Vec<usize> {
        self.inner.origins.clone()
    }
    /// The accuracy of each origin's forecast (dicts as `forecast_metrics` returns).
    #[getter]
    fn accuracy<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .accuracy
            .iter()
            .map(|a| accuracy_dict(py, a))
            .collect()
    }
    /// The mean accuracy over the origins (an optional measure averages the origins that
    /// have it, and is None when none has).
    #[getter]
    fn mean<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        accuracy_dict(py, &self.inner.mean)
    }
    fn __len__(&self) -> usize {
        self.inner.origins.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Backtest(horizon={}, origins={:?}, mean_mae={:?})",
            self.inner.horizon, self.inner.origins, self.inner.mean.mae
        )
    }
}

// ----- functions -----

/// Fits a model named `model` (see `forecast_series`) to the series `y`, oldest first;
/// "auto" selects one as `forecast_series` does (holding out `holdout` periods, default
/// len(y) // 5). Parameters left None are estimated or set by the documented rule.
#[pyfunction]
#[pyo3(signature = (y, model, *, period = None, window = None, aggregation = None, alpha = None, beta = None, gamma = None, phi = None, level0 = None, trend0 = None, seasonal0 = None, holdout = None, multiplicative = true))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn fit_model(
    py: Python<'_>,
    y: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_str)] model: &str,
    #[pyo3(from_py_with = arg_opt_i64)] period: Option<i64>,
    #[pyo3(from_py_with = arg_opt_i64)] window: Option<i64>,
    #[pyo3(from_py_with = arg_opt_i64)] aggregation: Option<i64>,
    #[pyo3(from_py_with = arg_opt_f64)] alpha: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] beta: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] gamma: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] phi: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] level0: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] trend0: Option<f64>,
    seasonal0: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg_opt_i64)] holdout: Option<i64>,
    multiplicative: bool,
) -> PyResult<PyFittedModel> {
    let opts = options(
        py,
        period,
        window,
        aggregation,
        alpha,
        beta,
        gamma,
        phi,
        level0,
        trend0,
        seasonal0,
        holdout,
        multiplicative,
    )?;
    let method = method(py, model, &opts)?;
    let y = floats("y", y)?;
    let ys = y.as_slice();
    py.detach(|| match &method {
        Method::Auto(config) => forecast::auto_fit(ys, config).map(|fit| fit.model),
        Method::Model(spec) => ModelSpec::fit(spec, ys),
    })
    .map(PyFittedModel::from)
    .map_err(|e| core_err(py, e))
}

/// Forecasts `y` `horizon` periods ahead with intervals at `levels`. `y` is a list or 1-d
/// array (oldest first), or a `DemandHistory` from `Ledger.demand_history` (negative net
/// buckets count as 0; with model "auto" and no period, the season is 52 for weekly and 7
/// for daily buckets).
#[pyfunction]
#[pyo3(
    signature = (y, horizon, *, model = "auto", period = None, levels = None, holdout = None, multiplicative = true, window = None, aggregation = None, alpha = None, beta = None, gamma = None, phi = None, level0 = None, trend0 = None, seasonal0 = None),
    text_signature = "(y, horizon, *, model='auto', period=None, levels=(), holdout=None, multiplicative=True, window=None, aggregation=None, alpha=None, beta=None, gamma=None, phi=None, level0=None, trend0=None, seasonal0=None)"
)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn forecast_series(
    py: Python<'_>,
    y: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_i64)] horizon: i64,
    #[pyo3(from_py_with = arg_str)] model: &str,
    #[pyo3(from_py_with = arg_opt_i64)] period: Option<i64>,
    levels: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg_opt_i64)] holdout: Option<i64>,
    multiplicative: bool,
    #[pyo3(from_py_with = arg_opt_i64)] window: Option<i64>,
    #[pyo3(from_py_with = arg_opt_i64)] aggregation: Option<i64>,
    #[pyo3(from_py_with = arg_opt_f64)] alpha: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] beta: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] gamma: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] phi: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] level0: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] trend0: Option<f64>,
    seasonal0: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySeriesForecast> {
    let horizon = count(py, "horizon", horizon)?;
    let opts = options(
        py,
        period,
        window,
        aggregation,
        alpha,
        beta,
        gamma,
        phi,
        level0,
        trend0,
        seasonal0,
        holdout,
        multiplicative,
    )?;
    let method = method(py, model, &opts)?;
    let levels = opt_floats("levels", levels)?;
    let result = if let Ok(history) = y.cast::<PyDemandHistory>() {
        // The core picks the history's season (52 for weeks, 7 for days) without a period.
        let history = &history.get().inner;
        py.detach(|| forecast::forecast_history(history, &method, horizon, &levels))
    } else {
        let y = floats("y", y)?;
        let ys = y.as_slice();
        py.detach(|| forecast::forecast_series(ys, &method, horizon, &levels))
    };
    PySeriesForecast::new(py, result.map_err(|e| core_err(py, e))?)
}

/// The series of a panel: a C-contiguous float64 2-d array read in place (other arrays are
/// converted once), or one series per item of a list / iterable.
enum PanelInput {
    Grid {
        buffer: PyBuffer<f64>,
        rows: usize,
        width: usize,
    },
    Rows(Vec<Floats>),
}

fn panel_input(series: &Bound<'_, PyAny>) -> PyResult<PanelInput> {
    let py = series.py();
    let grid = |b: PyBuffer<f64>| {
        let (rows, width) = (b.shape()[0], b.shape()[1]);
        PanelInput::Grid {
            buffer: b,
            rows,
            width,
        }
    };
    if series.is_none() || is_text_or_mapping(series) {
        return Err(type_error(
            "series",
            "a 2-d array or a list of series",
            series,
        ));
    }
    if let Some(d) = ndim(series) {
        return match d {
            2 => match f64_buffer_of("series", series)? {
                Some(b) if b.dimensions() == 2 => Ok(grid(b)),
                _ => Err(type_error("series", "a 2-d array of numbers", series)),
            },
            0 => Err(type_error(
                "series",
                "a 2-d array or a list of series, not a scalar",
                series,
            )),
            d => Err(invalid_input(
                py,
                format!("series: expected a 2-d array or a list of series, got an array of {d} dimension(s)"),
            )),
        };
    }
    let iter = series
        .try_iter()
        .map_err(|_| type_error("series", "a 2-d array or a list of series", series))?;
    let mut rows = Vec::new();
    for (i, item) in iter.enumerate() {
        rows.push(floats(&format!("series[{i}]"), &item?)?);
    }
    Ok(PanelInput::Rows(rows))
}

impl PanelInput {
    /// The series, each cut to its length in `lengths` when given.
    fn slices(&self, py: Python<'_>, lengths: Option<Vec<usize>>) -> PyResult<Vec<&[f64]>> {
        let full: Vec<&[f64]> = match self {
            PanelInput::Grid {
                buffer,
                rows,
                width,
            } => {
                let values: &[f64] = if buffer.item_count() == 0 {
                    &[]
                } else {
                    // SAFETY: the buffer is C-contiguous and in native byte order (as
                    // `f64_buffer` gives it) and holds `item_count()` aligned f64 values
                    // (checked by `PyBuffer::get`); `self` owns the buffer, which keeps
                    // the exporting object and its memory alive for the borrow. The array
                    // must not be written by another thread during the call (see the stub).
                    unsafe {
                        std::slice::from_raw_parts(
                            buffer.buf_ptr() as *const f64,
                            buffer.item_count(),
                        )
                    }
                };
                (0..*rows)
                    .map(|i| &values[i * width..(i + 1) * width])
                    .collect()
            }
            PanelInput::Rows(rows) => rows.iter().map(Floats::as_slice).collect(),
        };
        let Some(lengths) = lengths else {
            return Ok(full);
        };
        if lengths.len() != full.len() {
            return Err(invalid_input(
                py,
                format!(
                    "lengths has {} values, expected {} (one per series)",
                    lengths.len(),
                    full.len()
                ),
            ));
        }
        full.into_iter()
            .zip(lengths)
            .enumerate()
            .map(|(i, (s, l))| {
                s.get(..l).ok_or_else(|| {
                    invalid_input(
                        py,
                        format!(
                            "lengths[{i}] = {l} is longer than its row ({} values)",
                            s.len()
                        ),
                    )
                })
            })
            .collect()
    }
}

/// Forecasts every series of a panel on `threads` threads; the result does not depend on
/// the thread count. `series` is a list of series (lists or 1-d arrays) or a 2-d array with
/// one series per row, of which `lengths` optionally gives how many leading values to use.
/// A failing series raises the core's error with its `index`.
#[pyfunction]
#[pyo3(
    signature = (series, horizon, *, model = "auto", period = None, lengths = None, levels = None, threads = 1, holdout = None, multiplicative = true, window = None, aggregation = None, alpha = None, beta = None, gamma = None, phi = None, level0 = None, trend0 = None, seasonal0 = None),
    text_signature = "(series, horizon, *, model='auto', period=None, lengths=None, levels=(), threads=1, holdout=None, multiplicative=True, window=None, aggregation=None, alpha=None, beta=None, gamma=None, phi=None, level0=None, trend0=None, seasonal0=None)"
)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn forecast_panel(
    py: Python<'_>,
    series: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_i64)] horizon: i64,
    #[pyo3(from_py_with = arg_str)] model: &str,
    #[pyo3(from_py_with = arg_opt_i64)] period: Option<i64>,
    lengths: Option<&Bound<'_, PyAny>>,
    levels: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg_i64)] threads: i64,
    #[pyo3(from_py_with = arg_opt_i64)] holdout: Option<i64>,
    multiplicative: bool,
    #[pyo3(from_py_with = arg_opt_i64)] window: Option<i64>,
    #[pyo3(from_py_with = arg_opt_i64)] aggregation: Option<i64>,
    #[pyo3(from_py_with = arg_opt_f64)] alpha: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] beta: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] gamma: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] phi: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] level0: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] trend0: Option<f64>,
    seasonal0: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyPanelForecast> {
    let horizon = count(py, "horizon", horizon)?;
    let threads = count(py, "threads", threads)?;
    let opts = options(
        py,
        period,
        window,
        aggregation,
        alpha,
        beta,
        gamma,
        phi,
        level0,
        trend0,
        seasonal0,
        holdout,
        multiplicative,
    )?;
    let method = method(py, model, &opts)?;
    let levels = opt_floats("levels", levels)?;
    let input = panel_input(series)?;
    let slices = input.slices(py, lengths_arg(lengths)?)?;
    let out = py
        .detach(|| forecast::forecast_panel(&slices, &method, horizon, &levels, threads))
        .map_err(|e| core_err(py, e))?;
    let n = out.len();
    let l = levels.len();
    let mut mean = Vec::with_capacity(n * horizon);
    let mut lower = Vec::with_capacity(n * l * horizon);
    let mut upper = Vec::with_capacity(n * l * horizon);
    for f in &out {
        mean.extend_from_slice(&f.forecast.mean);
        lower.extend(f.forecast.lower.iter().flatten());
        upper.extend(f.forecast.upper.iter().flatten());
    }
    Ok(PyPanelForecast {
        mean: nd_array(py, &mean, &[n, horizon])?,
        lower: nd_array(py, &lower, &[n, l, horizon])?,
        upper: nd_array(py, &upper, &[n, l, horizon])?,
        levels,
        inner: out,
    })
}

/// The demand pattern of a series (Syntetos-Boylan): a dict with pattern ("smooth",
/// "erratic", "intermittent", "lumpy" or "no_demand"), adi and cv2 (float, None without
/// demand), demand_periods, trailing_zeros and longest_gap (int).
#[pyfunction]
pub(crate) fn classify_demand<'py>(
    py: Python<'py>,
    y: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let y = floats("y", y)?;
    let ys = y.as_slice();
    let c = py
        .detach(|| forecast::classify_demand(ys))
        .map_err(|e| core_err(py, e))?;
    class_dict(py, &c)
}

/// Rolling-origin backtest: for `origins` training lengths len(y) − horizon − k·step, fit the
/// model on the history up to the origin, forecast `horizon` periods and score them against
/// what followed. MASE is scaled by the seasonal naive error with lag `period` (1 when None).
#[pyfunction]
#[pyo3(signature = (y, horizon, *, model = "auto", origins = 5, step = 1, period = None, holdout = None, multiplicative = true, window = None, aggregation = None, alpha = None, beta = None, gamma = None, phi = None, level0 = None, trend0 = None, seasonal0 = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn backtest(
    py: Python<'_>,
    y: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_i64)] horizon: i64,
    #[pyo3(from_py_with = arg_str)] model: &str,
    #[pyo3(from_py_with = arg_i64)] origins: i64,
    #[pyo3(from_py_with = arg_i64)] step: i64,
    #[pyo3(from_py_with = arg_opt_i64)] period: Option<i64>,
    #[pyo3(from_py_with = arg_opt_i64)] holdout: Option<i64>,
    multiplicative: bool,
    #[pyo3(from_py_with = arg_opt_i64)] window: Option<i64>,
    #[pyo3(from_py_with = arg_opt_i64)] aggregation: Option<i64>,
    #[pyo3(from_py_with = arg_opt_f64)] alpha: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] beta: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] gamma: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] phi: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] level0: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] trend0: Option<f64>,
    seasonal0: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyBacktest> {
    let horizon = count(py, "horizon", horizon)?;
    let origins = count(py, "origins", origins)?;
    let step = count(py, "step", step)?;
    let opts = options(
        py,
        period,
        window,
        aggregation,
        alpha,
        beta,
        gamma,
        phi,
        level0,
        trend0,
        seasonal0,
        holdout,
        multiplicative,
    )?;
    let mase_period = opts.period.unwrap_or(1);
    let method = method(py, model, &opts)?;
    let y = floats("y", y)?;
    let ys = y.as_slice();
    let bt = py
        .detach(|| forecast::backtest(ys, &method, horizon, origins, step, mase_period))
        .map_err(|e| core_err(py, e))?;
    Ok(PyBacktest {
        forecasts: matrix(py, &bt.forecasts, horizon)?,
        inner: bt,
    })
}

/// Accuracy of `forecast` against `actual` (same length): a dict with mae, rmse, bias (float)
/// and mape, smape (percent), mase (float or None when undefined). `insample` (the training
/// series, more than `period` values) and `period` scale the MASE.
#[pyfunction]
#[pyo3(signature = (actual, forecast, insample, period = 1))]
pub(crate) fn forecast_metrics<'py>(
    py: Python<'py>,
    actual: &Bound<'py, PyAny>,
    forecast: &Bound<'py, PyAny>,
    insample: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = arg_i64)] period: i64,
) -> PyResult<Bound<'py, PyDict>> {
    let period = count(py, "period", period)?;
    let actual = floats("actual", actual)?;
    let fc = floats("forecast", forecast)?;
    let insample = floats("insample", insample)?;
    let (a, f, i) = (actual.as_slice(), fc.as_slice(), insample.as_slice());
    let acc = py
        .detach(|| inventory_core::forecast::metrics(a, f, i, period))
        .map_err(|e| core_err(py, e))?;
    accuracy_dict(py, &acc)
}

/// Registers the functions and classes of this module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fit_model, m)?)?;
    m.add_function(wrap_pyfunction!(forecast_series, m)?)?;
    m.add_function(wrap_pyfunction!(forecast_panel, m)?)?;
    m.add_function(wrap_pyfunction!(classify_demand, m)?)?;
    m.add_function(wrap_pyfunction!(backtest, m)?)?;
    m.add_function(wrap_pyfunction!(forecast_metrics, m)?)?;
    m.add_class::<PyFittedModel>()?;
    m.add_class::<PyForecast>()?;
    m.add_class::<PySeriesForecast>()?;
    m.add_class::<PyPanelForecast>()?;
    m.add_class::<PyBacktest>()?;
    Ok(())
}
