//! Read-only wrappers of the health metrics' results (`inventory_core::metrics`): money and
//! units as `decimal.Decimal`, ratios as float, times as aware UTC datetimes.

use inventory_core::metrics::{AgingBucket, DeadStock, SkuActivity, StockCover};
use pyo3::prelude::*;
use pyo3::types::PyDateTime;

use crate::convert::{opt_time, py_decimal};

/// A SKU's activity over a window `[start, end)`.
#[pyclass(frozen, eq, name = "SkuActivity", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PySkuActivity {
    pub(crate) inner: SkuActivity,
}

impl From<SkuActivity> for PySkuActivity {
    fn from(inner: SkuActivity) -> Self {
        PySkuActivity { inner }
    }
}

#[pymethods]
impl PySkuActivity {
    /// The SKU.
    #[getter]
    fn sku(&self) -> &str {
        &self.inner.sku
    }
    /// Units shipped minus units returned by customers.
    #[getter]
    fn units_sold<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.units_sold)
    }
    /// Units received from suppliers.
    #[getter]
    fn units_received<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.units_received)
    }
    /// COGS booked in the window.
    #[getter]
    fn cogs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.cogs)
    }
    /// Physical units at the start.
    #[getter]
    fn opening_units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.opening_units)
    }
    /// Physical units at the end.
    #[getter]
    fn closing_units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.closing_units)
    }
    /// Inventory value at the start.
    #[getter]
    fn opening_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.opening_value)
    }
    /// Inventory value at the end.
    #[getter]
    fn closing_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.closing_value)
    }
    /// Time-weighted average inventory value (rounded to the ledger's money scale).
    #[getter]
    fn average_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.average_value)
    }
    /// COGS / average value (None when the average value is not positive).
    #[getter]
    fn turnover(&self) -> Option<f64> {
        self.inner.turnover
    }
    /// Average value / COGS per day (None when COGS is not positive).
    #[getter]
    fn days_of_inventory(&self) -> Option<f64> {
        self.inner.days_of_inventory
    }
    /// Units sold / (opening units + units received) (None when that is 0).
    #[getter]
    fn sell_through(&self) -> Option<f64> {
        self.inner.sell_through
    }
    /// Days whose closing sellable on hand was ≤ 0.
    #[getter]
    fn stockout_days(&self) -> u64 {
        self.inner.stockout_days
    }
    /// Days counted for stockouts (from the SKU's first movement on).
    #[getter]
    fn days_observed(&self) -> u64 {
        self.inner.days_observed
    }
    /// The latest shipment at or before the end of the window (aware UTC datetime).
    #[getter]
    fn last_sale<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        opt_time(py, self.inner.last_sale)
    }
    fn __repr__(&self) -> String {
        let a = &self.inner;
        format!(
            "SkuActivity(sku={:?}, units_sold=Decimal('{}'), cogs=Decimal('{}'), average_value=Decimal('{}'), turnover={:?}, days_of_inventory={:?}, sell_through={:?}, stockout_days={}, days_observed={})",
            a.sku, a.units_sold, a.cogs, a.average_value, a.turnover, a.days_of_inventory, a.sell_through, a.stockout_days, a.days_observed
        )
    }
}

/// One age bucket of stock.
#[pyclass(frozen, eq, name = "AgingBucket", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyAgingBucket {
    pub(crate) inner: AgingBucket,
}

impl From<AgingBucket> for PyAgingBucket {
    fn from(inner: AgingBucket) -> Self {
        PyAgingBucket { inner }
    }
}

#[pymethods]
impl PyAgingBucket {
    /// The label, e.g. "0-30", "31-60", "180+".
    #[getter]
    fn label(&self) -> &str {
        &self.inner.label
    }
    /// Youngest age in the bucket, in whole days.
    #[getter]
    fn min_days(&self) -> u32 {
        self.inner.min_days
    }
    /// Oldest age in the bucket (None for the last, open bucket).
    #[getter]
    fn max_days(&self) -> Option<u32> {
        self.inner.max_days
    }
    /// Units in the bucket.
    #[getter]
    fn quantity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.quantity)
    }
    /// Their value.
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.value)
    }
    fn __repr__(&self) -> String {
        let b = &self.inner;
        format!(
            "AgingBucket(label={:?}, quantity=Decimal('{}'), value=Decimal('{}'))",
            b.label, b.quantity, b.value
        )
    }
}

/// A SKU holding stock without sales.
#[pyclass(frozen, eq, name = "DeadStock", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyDeadStock {
    pub(crate) inner: DeadStock,
}

impl From<DeadStock> for PyDeadStock {
    fn from(inner: DeadStock) -> Self {
        PyDeadStock { inner }
    }
}

#[pymethods]
impl PyDeadStock {
    /// The SKU.
    #[getter]
    fn sku(&self) -> &str {
        &self.inner.sku
    }
    /// Physical units held.
    #[getter]
    fn quantity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.quantity)
    }
    /// Their value.
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.value)
    }
    /// The latest shipment at or before as_of, if any.
    #[getter]
    fn last_sale<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        opt_time(py, self.inner.last_sale)
    }
    fn __repr__(&self) -> String {
        let d = &self.inner;
        format!(
            "DeadStock(sku={:?}, quantity=Decimal('{}'), value=Decimal('{}'), last_sale={:?})",
            d.sku, d.quantity, d.value, d.last_sale
        )
    }
}

/// How long a SKU's sellable stock lasts at its recent demand.
#[pyclass(frozen, eq, name = "StockCover", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyStockCover {
    pub(crate) inner: StockCover,
}

impl From<StockCover> for PyStockCover {
    fn from(inner: StockCover) -> Self {
        PyStockCover { inner }
    }
}

#[pymethods]
impl PyStockCover {
    /// The SKU.
    #[getter]
    fn sku(&self) -> &str {
        &self.inner.sku
    }
    /// Sellable units on hand.
    #[getter]
    fn on_hand<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.on_hand)
    }
    /// Average units sold per day over the window.
    #[getter]
    fn daily_demand(&self) -> f64 {
        self.inner.daily_demand
    }
    /// on_hand / daily_demand (None without demand).
    #[getter]
    fn days_of_supply(&self) -> Option<f64> {
        self.inner.days_of_supply
    }
    /// Units beyond the cover.
    #[getter]
    fn excess_units(&self) -> f64 {
        self.inner.excess_units
    }
    /// Their value.
    #[getter]
    fn excess_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.excess_value)
    }
    fn __repr__(&self) -> String {
        let c = &self.inner;
        format!(
            "StockCover(sku={:?}, on_hand=Decimal('{}'), daily_demand={:?}, days_of_supply={:?}, excess_units={:?}, excess_value=Decimal('{}'))",
            c.sku, c.on_hand, c.daily_demand, c.days_of_supply, c.excess_units, c.excess_value
        )
    }
}

/// Registers the classes of this module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySkuActivity>()?;
    m.add_class::<PyAgingBucket>()?;
    m.add_class::<PyDeadStock>()?;
    m.add_class::<PyStockCover>()?;
    Ok(())
}
