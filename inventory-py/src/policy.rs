//! Policy math: the normal distribution, demand statistics, safety stock, the EOQ family
//! and the newsvendor (`inventory_core::stats` and `inventory_core::policy`).
//!
//! Scalars in give a result object; a list or numpy array in any column of `safety_stock`
//! or `eoq` gives a batch of numpy `float64` arrays, written in place by the core's `*_into`
//! functions with the GIL released (float64 input arrays are read in place too).

use inventory_core::policy::{
    self, BackorderQuantity, DemandStats, DiscountKind, DiscountQuantity, HoldingCost, LeadTime,
    Newsvendor, OrderQuantity, OrderQuantityOut, PriceBreak, ProductionQuantity, RoundedQuantity,
    SafetyStock, SafetyStockMethod, SafetyStockOut, ServiceTarget, TimeUnit,
};
use inventory_core::stats;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};

use crate::arrays::{core_err, f64_col, f64_column, is_column, OutColumns, Selection};
use crate::convert::{arg_f64, arg_opt_f64, arg_str, named_f64, short_type_name};
use crate::errors::invalid_input;

fn parse_unit(py: Python<'_>, unit: &str) -> PyResult<TimeUnit> {
    unit.parse::<TimeUnit>().map_err(|e| core_err(py, e))
}

fn opt_f64_repr(v: Option<f64>) -> String {
    v.map_or("None".to_owned(), |v| format!("{v:?}"))
}

// ----- the normal distribution -----

/// The standard normal distribution function Φ(z).
#[pyfunction]
pub(crate) fn normal_cdf(#[pyo3(from_py_with = arg_f64)] z: f64) -> f64 {
    stats::cdf(z)
}

/// The inverse of Φ, for 0 < p < 1 (InvalidInput outside).
#[pyfunction]
pub(crate) fn inverse_normal_cdf(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] p: f64,
) -> PyResult<f64> {
    policy::safety_factor(ServiceTarget::CycleServiceLevel(p), 0.0).map_err(|e| core_err(py, e))
}

/// The standard normal loss function G(z) = E[(Z − z)⁺].
#[pyfunction]
pub(crate) fn normal_loss(#[pyo3(from_py_with = arg_f64)] z: f64) -> f64 {
    stats::loss(z)
}

// ----- demand statistics -----

/// Mean and sample standard deviation (n − 1) of a demand series.
#[pyfunction]
#[pyo3(signature = (series, per = "day"))]
pub(crate) fn demand_stats(
    py: Python<'_>,
    series: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_str)] per: &str,
) -> PyResult<(f64, f64)> {
    let per = parse_unit(py, per)?;
    let xs = f64_column("series", series)?;
    let s = py
        .detach(move || DemandStats::from_series(&xs, per))
        .map_err(|e| core_err(py, e))?;
    Ok((s.mean, s.std_dev))
}

// ----- safety stock -----

/// Safety stock and the reorder point it implies.
#[pyclass(frozen, eq, name = "SafetyStock", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PySafetyStock {
    pub(crate) inner: SafetyStock,
}

impl From<SafetyStock> for PySafetyStock {
    fn from(inner: SafetyStock) -> Self {
        PySafetyStock { inner }
    }
}

impl From<PySafetyStock> for SafetyStock {
    fn from(s: PySafetyStock) -> Self {
        s.inner
    }
}

#[pymethods]
impl PySafetyStock {
    /// Safety stock in units (before rounding).
    #[getter]
    fn safety_stock(&self) -> f64 {
        self.inner.safety_stock
    }
    /// The safety factor z (k for a fill rate); None for max_minus_average.
    #[getter]
    fn safety_factor(&self) -> Option<f64> {
        self.inner.safety_factor
    }
    /// The protection interval (L, or L + R for a periodic review).
    #[getter]
    fn protection_interval(&self) -> f64 {
        self.inner.protection_interval
    }
    /// Expected demand over the protection interval.
    #[getter]
    fn expected_demand(&self) -> f64 {
        self.inner.expected_demand
    }
    /// Standard deviation of demand over the protection interval.
    #[getter]
    fn std_dev_protection(&self) -> f64 {
        self.inner.std_dev_protection
    }
    /// Expected demand over the protection interval + safety stock.
    #[getter]
    fn reorder_point(&self) -> f64 {
        self.inner.reorder_point
    }
    fn __repr__(&self) -> String {
        let s = &self.inner;
        format!(
            "SafetyStock(safety_stock={:?}, safety_factor={}, protection_interval={:?}, expected_demand={:?}, std_dev_protection={:?}, reorder_point={:?})",
            s.safety_stock,
            opt_f64_repr(s.safety_factor),
            s.protection_interval,
            s.expected_demand,
            s.std_dev_protection,
            s.reorder_point
        )
    }
}

/// Safety stock for many items: one numpy float64 array per field (`safety_factor` is NaN
/// where the method has none, i.e. for max_minus_average).
#[pyclass(frozen, name = "SafetyStockBatch", module = "inventory_core")]
pub(crate) struct PySafetyStockBatch {
    #[pyo3(get)]
    safety_stock: Py<PyAny>,
    #[pyo3(get)]
    safety_factor: Py<PyAny>,
    #[pyo3(get)]
    protection_interval: Py<PyAny>,
    #[pyo3(get)]
    expected_demand: Py<PyAny>,
    #[pyo3(get)]
    std_dev_protection: Py<PyAny>,
    #[pyo3(get)]
    reorder_point: Py<PyAny>,
    len: usize,
}

#[pymethods]
impl PySafetyStockBatch {
    fn __len__(&self) -> usize {
        self.len
    }
    fn __repr__(&self) -> String {
        format!("SafetyStockBatch(<{} items>)", self.len)
    }
}

#[allow(clippy::too_many_arguments)]
fn method_and_target(
    py: Python<'_>,
    method: &str,
    service_level: Option<f64>,
    fill_rate: Option<f64>,
    order_quantity: Option<f64>,
    review_period: Option<f64>,
    max_demand: Option<f64>,
    max_lead_time: Option<f64>,
) -> PyResult<(SafetyStockMethod, ServiceTarget)> {
    let method = match method {
        "demand_variability" => SafetyStockMethod::DemandVariability,
        "lead_time_variability" => SafetyStockMethod::LeadTimeVariability,
        "combined" => SafetyStockMethod::Combined,
        "periodic_review" => SafetyStockMethod::PeriodicReview {
            review_period: review_period.ok_or_else(|| {
                invalid_input(py, "method 'periodic_review' needs review_period")
            })?,
        },
        "max_minus_average" => match (max_demand, max_lead_time) {
            (Some(max_demand), Some(max_lead_time)) => SafetyStockMethod::MaxMinusAverage {
                max_demand,
                max_lead_time,
            },
            _ => {
                return Err(invalid_input(
                    py,
                    "method 'max_minus_average' needs max_demand and max_lead_time",
                ))
            }
        },
        other => {
            return Err(invalid_input(
                py,
                format!(
                    "unknown safety stock method {other:?} (expected demand_variability, lead_time_variability, combined, max_minus_average or periodic_review)"
                ),
            ))
        }
    };
    let is_mma = matches!(method, SafetyStockMethod::MaxMinusAverage { .. });
    let target = match (service_level, fill_rate) {
        (Some(a), None) if order_quantity.is_none() => ServiceTarget::CycleServiceLevel(a),
        (None, Some(b)) => ServiceTarget::FillRate {
            fill_rate: b,
            order_quantity: order_quantity
                .ok_or_else(|| invalid_input(py, "fill_rate needs order_quantity"))?,
        },
        // The max-minus-average heuristic has no service target; the core ignores it.
        (None, None) if is_mma && order_quantity.is_none() => ServiceTarget::CycleServiceLevel(0.5),
        (Some(_), None) => {
            return Err(invalid_input(
                py,
                "order_quantity goes with fill_rate, not with service_level",
            ))
        }
        _ => {
            return Err(invalid_input(
                py,
                "pass exactly one of service_level or fill_rate (with order_quantity)",
            ))
        }
    };
    if is_mma && (service_level.is_some() || fill_rate.is_some()) {
        return Err(invalid_input(
            py,
            "method 'max_minus_average' takes no service_level or fill_rate",
        ));
    }
    Ok((method, target))
}

/// The columns of a `SafetyStockBatch`, in order (the names `outputs=` accepts).
const SAFETY_STOCK_COLUMNS: [&str; 6] = [
    "safety_stock",
    "safety_factor",
    "protection_interval",
    "expected_demand",
    "std_dev_protection",
    "reorder_point",
];

/// Safety stock and reorder point; a column in any of the first four arguments gives a
/// `SafetyStockBatch` (length-1 columns and scalars are broadcast), or only the columns named
/// by `outputs`.
#[pyfunction]
#[pyo3(signature = (mean, std_dev, lead_time, *, lead_time_std_dev = None, unit = "day", method = "combined", service_level = None, fill_rate = None, order_quantity = None, review_period = None, max_demand = None, max_lead_time = None, outputs = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn safety_stock(
    py: Python<'_>,
    mean: &Bound<'_, PyAny>,
    std_dev: &Bound<'_, PyAny>,
    lead_time: &Bound<'_, PyAny>,
    lead_time_std_dev: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg_str)] unit: &str,
    #[pyo3(from_py_with = arg_str)] method: &str,
    #[pyo3(from_py_with = arg_opt_f64)] service_level: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] fill_rate: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] order_quantity: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] review_period: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] max_demand: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] max_lead_time: Option<f64>,
    outputs: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let selection = Selection::parse(&SAFETY_STOCK_COLUMNS, outputs)?;
    let unit = parse_unit(py, unit)?;
    let (method, target) = method_and_target(
        py,
        method,
        service_level,
        fill_rate,
        order_quantity,
        review_period,
        max_demand,
        max_lead_time,
    )?;
    let lt_sd = lead_time_std_dev.filter(|o| !o.is_none());
    let batch = selection.is_explicit()
        || is_column(mean)
        || is_column(std_dev)
        || is_column(lead_time)
        || lt_sd.is_some_and(is_column);
    if !batch {
        let d = DemandStats::new(
            named_f64("mean", mean)?,
            named_f64("std_dev", std_dev)?,
            unit,
        )
        .map_err(|e| core_err(py, e))?;
        let lt = LeadTime::new(
            named_f64("lead_time", lead_time)?,
            lt_sd.map_or(Ok(0.0), |o| named_f64("lead_time_std_dev", o))?,
            unit,
        )
        .map_err(|e| core_err(py, e))?;
        let s = policy::safety_stock(&d, &lt, method, target).map_err(|e| core_err(py, e))?;
        return Ok(Bound::new(py, PySafetyStock::from(s))?.into_any().unbind());
    }
    let means = f64_col("mean", mean)?;
    let sds = f64_col("std_dev", std_dev)?;
    let lts = f64_col("lead_time", lead_time)?;
    let lt_sds = match lt_sd {
        Some(o) => f64_col("lead_time_std_dev", o)?,
        None => f64_col("lead_time_std_dev", &0.0f64.into_pyobject(py)?.into_any())?,
    };
    let (means, sds, lts, lt_sds) = (
        means.as_slice(),
        sds.as_slice(),
        lts.as_slice(),
        lt_sds.as_slice(),
    );
    let n = policy::batch_length(&[
        ("mean", means),
        ("std_dev", sds),
        ("lead_time", lts),
        ("lead_time_std_dev", lt_sds),
    ])
    .map_err(|e| core_err(py, e))?;
    let mut cols = OutColumns::new(py, n, SAFETY_STOCK_COLUMNS.len(), &selection)?;
    {
        let mut it = cols.slices().into_iter();
        let mut next = || it.next().flatten();
        let out = SafetyStockOut {
            safety_stock: next(),
            safety_factor: next(),
            protection_interval: next(),
            expected_demand: next(),
            std_dev_protection: next(),
            reorder_point: next(),
        };
        py.detach(move || {
            policy::safety_stock_into(means, sds, lts, lt_sds, unit, method, target, out)
        })
        .map_err(|e| core_err(py, e))?;
    }
    cols.finish(py, &selection, |a| {
        let [safety_stock, safety_factor, protection_interval, expected_demand, std_dev_protection, reorder_point] =
            <[Py<PyAny>; 6]>::try_from(a)
                .map_err(|_| invalid_input(py, "internal: missing output".to_owned()))?;
        Ok(Bound::new(
            py,
            PySafetyStockBatch {
                safety_stock,
                safety_factor,
                protection_interval,
                expected_demand,
                std_dev_protection,
                reorder_point,
                len: n,
            },
        )?
        .into_any()
        .unbind())
    })
}

// ----- EOQ family -----

/// An order quantity with its annual costs (purchase cost excluded).
#[pyclass(frozen, eq, name = "OrderQuantity", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyOrderQuantity {
    pub(crate) inner: OrderQuantity,
}

impl From<OrderQuantity> for PyOrderQuantity {
    fn from(inner: OrderQuantity) -> Self {
        PyOrderQuantity { inner }
    }
}

#[pymethods]
impl PyOrderQuantity {
    /// Units per order.
    #[getter]
    fn quantity(&self) -> f64 {
        self.inner.quantity
    }
    /// Ordering + holding cost per year.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.inner.total_cost
    }
    /// Ordering cost per year (D/Q·S).
    #[getter]
    fn ordering_cost(&self) -> f64 {
        self.inner.ordering_cost
    }
    /// Holding cost per year (Q/2·H).
    #[getter]
    fn holding_cost(&self) -> f64 {
        self.inner.holding_cost
    }
    /// Orders per year (D/Q).
    #[getter]
    fn orders_per_year(&self) -> f64 {
        self.inner.orders_per_year
    }
    /// Years between orders (Q/D; sys.float_info.max for zero demand).
    #[getter]
    fn cycle_years(&self) -> f64 {
        self.inner.cycle_years
    }
    fn __repr__(&self) -> String {
        let q = &self.inner;
        format!(
            "OrderQuantity(quantity={:?}, total_cost={:?}, ordering_cost={:?}, holding_cost={:?}, orders_per_year={:?}, cycle_years={:?})",
            q.quantity, q.total_cost, q.ordering_cost, q.holding_cost, q.orders_per_year, q.cycle_years
        )
    }
}

/// Order quantities for many items: one numpy float64 array per field.
#[pyclass(frozen, name = "OrderQuantityBatch", module = "inventory_core")]
pub(crate) struct PyOrderQuantityBatch {
    #[pyo3(get)]
    quantity: Py<PyAny>,
    #[pyo3(get)]
    total_cost: Py<PyAny>,
    #[pyo3(get)]
    ordering_cost: Py<PyAny>,
    #[pyo3(get)]
    holding_cost: Py<PyAny>,
    #[pyo3(get)]
    orders_per_year: Py<PyAny>,
    #[pyo3(get)]
    cycle_years: Py<PyAny>,
    len: usize,
}

#[pymethods]
impl PyOrderQuantityBatch {
    fn __len__(&self) -> usize {
        self.len
    }
    fn __repr__(&self) -> String {
        format!("OrderQuantityBatch(<{} items>)", self.len)
    }
}

/// The columns of an `OrderQuantityBatch`, in order (the names `outputs=` accepts).
const ORDER_QUANTITY_COLUMNS: [&str; 6] = [
    "quantity",
    "total_cost",
    "ordering_cost",
    "holding_cost",
    "orders_per_year",
    "cycle_years",
];

/// The economic order quantity √(2DS/H); columns give an `OrderQuantityBatch`, or only the
/// columns named by `outputs`.
#[pyfunction]
#[pyo3(signature = (annual_demand, order_cost, holding_cost, *, outputs = None))]
pub(crate) fn eoq(
    py: Python<'_>,
    annual_demand: &Bound<'_, PyAny>,
    order_cost: &Bound<'_, PyAny>,
    holding_cost: &Bound<'_, PyAny>,
    outputs: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let selection = Selection::parse(&ORDER_QUANTITY_COLUMNS, outputs)?;
    if !(selection.is_explicit()
        || is_column(annual_demand)
        || is_column(order_cost)
        || is_column(holding_cost))
    {
        let q = policy::eoq(
            named_f64("annual_demand", annual_demand)?,
            named_f64("order_cost", order_cost)?,
            named_f64("holding_cost", holding_cost)?,
        )
        .map_err(|e| core_err(py, e))?;
        return Ok(Bound::new(py, PyOrderQuantity::from(q))?
            .into_any()
            .unbind());
    }
    let d = f64_col("annual_demand", annual_demand)?;
    let s = f64_col("order_cost", order_cost)?;
    let h = f64_col("holding_cost", holding_cost)?;
    let (d, s, h) = (d.as_slice(), s.as_slice(), h.as_slice());
    let n = policy::batch_length(&[("annual_demand", d), ("order_cost", s), ("holding_cost", h)])
        .map_err(|e| core_err(py, e))?;
    let mut cols = OutColumns::new(py, n, ORDER_QUANTITY_COLUMNS.len(), &selection)?;
    {
        let mut it = cols.slices().into_iter();
        let mut next = || it.next().flatten();
        let out = OrderQuantityOut {
            quantity: next(),
            total_cost: next(),
            ordering_cost: next(),
            holding_cost: next(),
            orders_per_year: next(),
            cycle_years: next(),
        };
        py.detach(move || policy::eoq_into(d, s, h, out))
            .map_err(|e| core_err(py, e))?;
    }
    cols.finish(py, &selection, |a| {
        let [quantity, total_cost, ordering_cost, holding_cost, orders_per_year, cycle_years] =
            <[Py<PyAny>; 6]>::try_from(a)
                .map_err(|_| invalid_input(py, "internal: missing output".to_owned()))?;
        Ok(Bound::new(
            py,
            PyOrderQuantityBatch {
                quantity,
                total_cost,
                ordering_cost,
                holding_cost,
                orders_per_year,
                cycle_years,
                len: n,
            },
        )?
        .into_any()
        .unbind())
    })
}

/// The annual cost of ordering `quantity` units at a time.
#[pyfunction]
pub(crate) fn eoq_cost(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] annual_demand: f64,
    #[pyo3(from_py_with = arg_f64)] order_cost: f64,
    #[pyo3(from_py_with = arg_f64)] holding_cost: f64,
    #[pyo3(from_py_with = arg_f64)] quantity: f64,
) -> PyResult<PyOrderQuantity> {
    policy::eoq_cost(annual_demand, order_cost, holding_cost, quantity)
        .map(PyOrderQuantity::from)
        .map_err(|e| core_err(py, e))
}

/// EOQ with planned backorders.
#[pyclass(frozen, eq, name = "BackorderQuantity", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyBackorderQuantity {
    pub(crate) inner: BackorderQuantity,
}

#[pymethods]
impl PyBackorderQuantity {
    /// Units per order.
    #[getter]
    fn quantity(&self) -> f64 {
        self.inner.quantity
    }
    /// Largest backlog.
    #[getter]
    fn max_backorder(&self) -> f64 {
        self.inner.max_backorder
    }
    /// Largest stock on hand.
    #[getter]
    fn max_inventory(&self) -> f64 {
        self.inner.max_inventory
    }
    /// Ordering + holding + backorder cost per year.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.inner.total_cost
    }
    fn __repr__(&self) -> String {
        let b = &self.inner;
        format!(
            "BackorderQuantity(quantity={:?}, max_backorder={:?}, max_inventory={:?}, total_cost={:?})",
            b.quantity, b.max_backorder, b.max_inventory, b.total_cost
        )
    }
}

/// EOQ with planned backorders (backorder cost per unit per year).
#[pyfunction]
pub(crate) fn eoq_backorders(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] annual_demand: f64,
    #[pyo3(from_py_with = arg_f64)] order_cost: f64,
    #[pyo3(from_py_with = arg_f64)] holding_cost: f64,
    #[pyo3(from_py_with = arg_f64)] backorder_cost: f64,
) -> PyResult<PyBackorderQuantity> {
    policy::eoq_backorders(annual_demand, order_cost, holding_cost, backorder_cost)
        .map(|inner| PyBackorderQuantity { inner })
        .map_err(|e| core_err(py, e))
}

/// Economic production quantity.
#[pyclass(frozen, eq, name = "ProductionQuantity", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyProductionQuantity {
    pub(crate) inner: ProductionQuantity,
}

#[pymethods]
impl PyProductionQuantity {
    /// Units per production run.
    #[getter]
    fn quantity(&self) -> f64 {
        self.inner.quantity
    }
    /// Largest stock on hand.
    #[getter]
    fn max_inventory(&self) -> f64 {
        self.inner.max_inventory
    }
    /// Setup + holding cost per year.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.inner.total_cost
    }
    /// Length of a run, in years.
    #[getter]
    fn run_years(&self) -> f64 {
        self.inner.run_years
    }
    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "ProductionQuantity(quantity={:?}, max_inventory={:?}, total_cost={:?}, run_years={:?})",
            p.quantity, p.max_inventory, p.total_cost, p.run_years
        )
    }
}

/// Economic production quantity (production rate in units per year, above the demand).
#[pyfunction]
pub(crate) fn epq(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] annual_demand: f64,
    #[pyo3(from_py_with = arg_f64)] setup_cost: f64,
    #[pyo3(from_py_with = arg_f64)] holding_cost: f64,
    #[pyo3(from_py_with = arg_f64)] production_rate: f64,
) -> PyResult<PyProductionQuantity> {
    policy::epq(annual_demand, setup_cost, holding_cost, production_rate)
        .map(|inner| PyProductionQuantity { inner })
        .map_err(|e| core_err(py, e))
}

/// The best order quantity under quantity discounts.
#[pyclass(frozen, eq, name = "DiscountQuantity", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyDiscountQuantity {
    pub(crate) inner: DiscountQuantity,
}

#[pymethods]
impl PyDiscountQuantity {
    /// Index of the price break the quantity falls in.
    #[getter]
    fn break_index(&self) -> usize {
        self.inner.break_index
    }
    /// Unit price of that break.
    #[getter]
    fn unit_price(&self) -> f64 {
        self.inner.unit_price
    }
    /// Units per order.
    #[getter]
    fn quantity(&self) -> f64 {
        self.inner.quantity
    }
    /// Purchase + ordering + holding cost per year.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.inner.total_cost
    }
    /// Purchase cost per year.
    #[getter]
    fn purchase_cost(&self) -> f64 {
        self.inner.purchase_cost
    }
    /// Ordering cost per year.
    #[getter]
    fn ordering_cost(&self) -> f64 {
        self.inner.ordering_cost
    }
    /// Holding cost per year.
    #[getter]
    fn holding_cost(&self) -> f64 {
        self.inner.holding_cost
    }
    fn __repr__(&self) -> String {
        let d = &self.inner;
        format!(
            "DiscountQuantity(break_index={}, unit_price={:?}, quantity={:?}, total_cost={:?}, purchase_cost={:?}, ordering_cost={:?}, holding_cost={:?})",
            d.break_index, d.unit_price, d.quantity, d.total_cost, d.purchase_cost, d.ordering_cost, d.holding_cost
        )
    }
}

/// The `breaks` of `eoq_discount`: a sequence of `(min_quantity, unit_price)` pairs (tuples,
/// lists or other sequences of two numbers). Not a sequence (or an item not one): TypeError;
/// an item of another length, or a number out of the float range: InvalidInput naming it.
fn price_breaks(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PriceBreak>> {
    let not_pairs = |what: &str, o: &Bound<'_, PyAny>| {
        PyTypeError::new_err(format!(
            "{what}: expected a sequence of (min_quantity, unit_price) pairs, got {}",
            short_type_name(o)
        ))
    };
    let not_a_sequence = |o: &Bound<'_, PyAny>| {
        o.is_instance_of::<PyString>()
            || o.is_instance_of::<PyBytes>()
            || o.is_instance_of::<PyByteArray>()
            || o.is_instance_of::<PyDict>()
    };
    if not_a_sequence(obj) {
        return Err(not_pairs("breaks", obj));
    }
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in obj
        .try_iter()
        .map_err(|_| not_pairs("breaks", obj))?
        .enumerate()
    {
        let item = item?;
        let label = format!("breaks[{i}]");
        if not_a_sequence(&item) {
            return Err(not_pairs(&label, &item));
        }
        let pair: Vec<Bound<'_, PyAny>> = item.extract().map_err(|_| not_pairs(&label, &item))?;
        let [q, p] = pair.as_slice() else {
            return Err(invalid_input(
                obj.py(),
                format!(
                    "{label}: expected a (min_quantity, unit_price) pair, got a sequence of {}",
                    pair.len()
                ),
            ));
        };
        out.push(PriceBreak {
            min_quantity: named_f64(&format!("{label}[0]"), q)?,
            unit_price: named_f64(&format!("{label}[1]"), p)?,
        });
    }
    Ok(out)
}

/// EOQ with quantity discounts; `breaks` is a list of `(min_quantity, unit_price)`; pass
/// exactly one of `holding_cost` (per unit per year) or `holding_rate` (share of the price).
#[pyfunction]
#[pyo3(signature = (annual_demand, order_cost, breaks, *, holding_cost = None, holding_rate = None, kind = "all_units"))]
pub(crate) fn eoq_discount(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] annual_demand: f64,
    #[pyo3(from_py_with = arg_f64)] order_cost: f64,
    #[pyo3(from_py_with = price_breaks)] breaks: Vec<PriceBreak>,
    #[pyo3(from_py_with = arg_opt_f64)] holding_cost: Option<f64>,
    #[pyo3(from_py_with = arg_opt_f64)] holding_rate: Option<f64>,
    #[pyo3(from_py_with = arg_str)] kind: &str,
) -> PyResult<PyDiscountQuantity> {
    let holding = match (holding_cost, holding_rate) {
        (Some(h), None) => HoldingCost::PerUnit(h),
        (None, Some(i)) => HoldingCost::Rate(i),
        _ => {
            return Err(invalid_input(
                py,
                "pass exactly one of holding_cost or holding_rate",
            ))
        }
    };
    let kind = kind.parse::<DiscountKind>().map_err(|e| core_err(py, e))?;
    policy::eoq_discount(annual_demand, order_cost, holding, &breaks, kind)
        .map(|inner| PyDiscountQuantity { inner })
        .map_err(|e| core_err(py, e))
}

/// An order quantity rounded to packs and a minimum order quantity.
#[pyclass(frozen, eq, name = "RoundedQuantity", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyRoundedQuantity {
    pub(crate) inner: RoundedQuantity,
}

#[pymethods]
impl PyRoundedQuantity {
    /// The rounded quantity.
    #[getter]
    fn quantity(&self) -> f64 {
        self.inner.quantity
    }
    /// Its annual cost.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.inner.total_cost
    }
    /// The annual cost of the unrounded quantity.
    #[getter]
    fn unrounded_cost(&self) -> f64 {
        self.inner.unrounded_cost
    }
    /// total_cost − unrounded_cost.
    #[getter]
    fn penalty(&self) -> f64 {
        self.inner.penalty
    }
    /// penalty / unrounded_cost.
    #[getter]
    fn penalty_ratio(&self) -> f64 {
        self.inner.penalty_ratio
    }
    fn __repr__(&self) -> String {
        let r = &self.inner;
        format!(
            "RoundedQuantity(quantity={:?}, total_cost={:?}, unrounded_cost={:?}, penalty={:?}, penalty_ratio={:?})",
            r.quantity, r.total_cost, r.unrounded_cost, r.penalty, r.penalty_ratio
        )
    }
}

/// Rounds an order quantity to whole packs, at least the minimum order quantity, picking
/// the cheaper neighbour.
#[pyfunction]
#[pyo3(signature = (annual_demand, order_cost, holding_cost, quantity, *, min_order_quantity = 0.0, pack_size = 1.0))]
pub(crate) fn round_order_quantity(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] annual_demand: f64,
    #[pyo3(from_py_with = arg_f64)] order_cost: f64,
    #[pyo3(from_py_with = arg_f64)] holding_cost: f64,
    #[pyo3(from_py_with = arg_f64)] quantity: f64,
    #[pyo3(from_py_with = arg_f64)] min_order_quantity: f64,
    #[pyo3(from_py_with = arg_f64)] pack_size: f64,
) -> PyResult<PyRoundedQuantity> {
    policy::round_order_quantity(
        annual_demand,
        order_cost,
        holding_cost,
        quantity,
        min_order_quantity,
        pack_size,
    )
    .map(|inner| PyRoundedQuantity { inner })
    .map_err(|e| core_err(py, e))
}

// ----- newsvendor -----

/// A single-period order quantity and its expectations.
#[pyclass(frozen, eq, name = "Newsvendor", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyNewsvendor {
    pub(crate) inner: Newsvendor,
}

#[pymethods]
impl PyNewsvendor {
    /// Units to stock.
    #[getter]
    fn quantity(&self) -> f64 {
        self.inner.quantity
    }
    /// Cu / (Cu + Co).
    #[getter]
    fn critical_ratio(&self) -> f64 {
        self.inner.critical_ratio
    }
    /// Expected overage + underage cost.
    #[getter]
    fn expected_cost(&self) -> f64 {
        self.inner.expected_cost
    }
    /// Expected units sold.
    #[getter]
    fn expected_sales(&self) -> f64 {
        self.inner.expected_sales
    }
    /// Expected units left over.
    #[getter]
    fn expected_leftover(&self) -> f64 {
        self.inner.expected_leftover
    }
    /// Expected units short.
    #[getter]
    fn expected_shortage(&self) -> f64 {
        self.inner.expected_shortage
    }
    fn __repr__(&self) -> String {
        let n = &self.inner;
        format!(
            "Newsvendor(quantity={:?}, critical_ratio={:?}, expected_cost={:?}, expected_sales={:?}, expected_leftover={:?}, expected_shortage={:?})",
            n.quantity, n.critical_ratio, n.expected_cost, n.expected_sales, n.expected_leftover, n.expected_shortage
        )
    }
}

/// Newsvendor quantity for normally distributed demand.
#[pyfunction]
pub(crate) fn newsvendor_normal(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] mean: f64,
    #[pyo3(from_py_with = arg_f64)] std_dev: f64,
    #[pyo3(from_py_with = arg_f64)] underage_cost: f64,
    #[pyo3(from_py_with = arg_f64)] overage_cost: f64,
) -> PyResult<PyNewsvendor> {
    policy::newsvendor_normal(mean, std_dev, underage_cost, overage_cost)
        .map(|inner| PyNewsvendor { inner })
        .map_err(|e| core_err(py, e))
}

/// Newsvendor quantity from a sample of demand (the empirical critical-ratio quantile).
#[pyfunction]
pub(crate) fn newsvendor_empirical(
    py: Python<'_>,
    sample: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_f64)] underage_cost: f64,
    #[pyo3(from_py_with = arg_f64)] overage_cost: f64,
) -> PyResult<PyNewsvendor> {
    let xs = f64_column("sample", sample)?;
    py.detach(move || policy::newsvendor_empirical(&xs, underage_cost, overage_cost))
        .map(|inner| PyNewsvendor { inner })
        .map_err(|e| core_err(py, e))
}

/// (underage cost, overage cost) from prices: (price − cost + shortage_penalty, cost − salvage).
#[pyfunction]
#[pyo3(signature = (price, cost, salvage = 0.0, shortage_penalty = 0.0))]
pub(crate) fn newsvendor_costs_from_prices(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_f64)] price: f64,
    #[pyo3(from_py_with = arg_f64)] cost: f64,
    #[pyo3(from_py_with = arg_f64)] salvage: f64,
    #[pyo3(from_py_with = arg_f64)] shortage_penalty: f64,
) -> PyResult<(f64, f64)> {
    policy::newsvendor_costs_from_prices(price, cost, salvage, shortage_penalty)
        .map_err(|e| core_err(py, e))
}

/// Registers the functions and classes of this module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(normal_cdf, m)?)?;
    m.add_function(wrap_pyfunction!(inverse_normal_cdf, m)?)?;
    m.add_function(wrap_pyfunction!(normal_loss, m)?)?;
    m.add_function(wrap_pyfunction!(demand_stats, m)?)?;
    m.add_function(wrap_pyfunction!(safety_stock, m)?)?;
    m.add_function(wrap_pyfunction!(eoq, m)?)?;
    m.add_function(wrap_pyfunction!(eoq_cost, m)?)?;
    m.add_function(wrap_pyfunction!(eoq_backorders, m)?)?;
    m.add_function(wrap_pyfunction!(epq, m)?)?;
    m.add_function(wrap_pyfunction!(eoq_discount, m)?)?;
    m.add_function(wrap_pyfunction!(round_order_quantity, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_normal, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_empirical, m)?)?;
    m.add_function(wrap_pyfunction!(newsvendor_costs_from_prices, m)?)?;
    m.add_class::<PySafetyStock>()?;
    m.add_class::<PySafetyStockBatch>()?;
    m.add_class::<PyOrderQuantity>()?;
    m.add_class::<PyOrderQuantityBatch>()?;
    m.add_class::<PyBackorderQuantity>()?;
    m.add_class::<PyProductionQuantity>()?;
    m.add_class::<PyDiscountQuantity>()?;
    m.add_class::<PyRoundedQuantity>()?;
    m.add_class::<PyNewsvendor>()?;
    Ok(())
}
