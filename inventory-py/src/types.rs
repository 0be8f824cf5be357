//! Read-only wrappers of the core's result types; values are converted when read.

use inventory_core::{
    CostLayer, DemandHistory, JournalEntry, Outcome, Period, Position, Valuation,
};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyList};
use serde_json::Value;

use crate::convert::{py_decimal, py_opt_decimal, py_time};

/// What posting a movement did.
#[pyclass(frozen, eq, name = "Outcome", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyOutcome {
    pub(crate) inner: Outcome,
}

impl From<Outcome> for PyOutcome {
    fn from(inner: Outcome) -> Self {
        PyOutcome { inner }
    }
}

impl From<PyOutcome> for Outcome {
    fn from(o: PyOutcome) -> Self {
        o.inner
    }
}

#[pymethods]
impl PyOutcome {
    /// The movement's position in the journal (0-based).
    #[getter]
    fn sequence(&self) -> u64 {
        self.inner.sequence
    }
    /// Signed change of physical units.
    #[getter]
    fn quantity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.quantity)
    }
    /// Signed change of inventory value.
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.value)
    }
    /// Cost of goods sold booked by the movement.
    #[getter]
    fn cogs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.cogs)
    }
    /// Value of the units moved.
    #[getter]
    fn moved_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.moved_value)
    }
    /// For a cycle count: counted − recorded, else None.
    #[getter]
    fn adjustment<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_decimal(py, self.inner.adjustment)
    }
    /// True when the reference was already posted and nothing was applied.
    #[getter]
    fn duplicate(&self) -> bool {
        self.inner.duplicate
    }
    fn __repr__(&self) -> String {
        let o = &self.inner;
        format!(
            "Outcome(sequence={}, quantity=Decimal('{}'), value=Decimal('{}'), cogs=Decimal('{}'), moved_value=Decimal('{}'), adjustment={}, duplicate={})",
            o.sequence,
            o.quantity,
            o.value,
            o.cogs,
            o.moved_value,
            o.adjustment.map_or("None".to_owned(), |a| format!("Decimal('{a}')")),
            if o.duplicate { "True" } else { "False" }
        )
    }
}

/// Stock of a SKU at one location, or across all locations.
#[pyclass(frozen, eq, name = "Position", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyPosition {
    pub(crate) inner: Position,
}

impl From<Position> for PyPosition {
    fn from(inner: Position) -> Self {
        PyPosition { inner }
    }
}

#[pymethods]
impl PyPosition {
    /// Sellable units on hand.
    #[getter]
    fn on_hand<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.on_hand)
    }
    /// Units held by open reservations.
    #[getter]
    fn reserved<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.reserved)
    }
    /// On hand − reserved.
    #[getter]
    fn available<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.available)
    }
    /// Open purchase quantity not yet received.
    #[getter]
    fn incoming<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.incoming)
    }
    /// Damaged units.
    #[getter]
    fn damaged<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.damaged)
    }
    /// Units in quarantine.
    #[getter]
    fn quarantine<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.quarantine)
    }
    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "Position(on_hand=Decimal('{}'), reserved=Decimal('{}'), available=Decimal('{}'), incoming=Decimal('{}'), damaged=Decimal('{}'), quarantine=Decimal('{}'))",
            p.on_hand, p.reserved, p.available, p.incoming, p.damaged, p.quarantine
        )
    }
}

/// One open cost layer of a valuation.
#[pyclass(frozen, eq, name = "CostLayer", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyCostLayer {
    pub(crate) inner: CostLayer,
}

impl From<CostLayer> for PyCostLayer {
    fn from(inner: CostLayer) -> Self {
        PyCostLayer { inner }
    }
}

#[pymethods]
impl PyCostLayer {
    /// Where the units are.
    #[getter]
    fn location(&self) -> &str {
        &self.inner.location
    }
    /// Their condition ("sellable", "damaged" or "quarantine").
    #[getter]
    fn condition(&self) -> &'static str {
        self.inner.condition.as_str()
    }
    /// How many units.
    #[getter]
    fn quantity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.quantity)
    }
    /// Value per unit.
    #[getter]
    fn unit_cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.unit_cost)
    }
    /// Total value.
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.value)
    }
    /// When the units were first received (aware UTC datetime).
    #[getter]
    fn received_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        py_time(py, self.inner.received_at)
    }
    /// The journal sequence number of the movement that brought the units into the books
    /// (the receipt a landed cost names).
    #[getter]
    fn origin(&self) -> u64 {
        self.inner.origin
    }
    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!(
            "CostLayer(location={:?}, condition={:?}, quantity=Decimal('{}'), unit_cost=Decimal('{}'), value=Decimal('{}'), received_at={}, origin={})",
            l.location,
            l.condition.as_str(),
            l.quantity,
            l.unit_cost,
            l.value,
            l.received_at,
            l.origin
        )
    }
}

/// What a SKU's stock is worth.
#[pyclass(frozen, eq, name = "Valuation", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyValuation {
    pub(crate) inner: Valuation,
}

impl From<Valuation> for PyValuation {
    fn from(inner: Valuation) -> Self {
        PyValuation { inner }
    }
}

#[pymethods]
impl PyValuation {
    /// The SKU.
    #[getter]
    fn sku(&self) -> &str {
        &self.inner.sku
    }
    /// The costing method ("fifo", "lifo" or "moving_average").
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }
    /// Units, all conditions.
    #[getter]
    fn quantity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.quantity)
    }
    /// Total value.
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_decimal(py, self.inner.value)
    }
    /// value / quantity when positive, else the last known unit cost, else None.
    #[getter]
    fn unit_cost<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_opt_decimal(py, self.inner.unit_cost)
    }
    /// The open cost layers, oldest receipt first.
    #[getter]
    fn layers(&self) -> Vec<PyCostLayer> {
        self.inner
            .layers
            .iter()
            .cloned()
            .map(PyCostLayer::from)
            .collect()
    }
    fn __repr__(&self) -> String {
        let v = &self.inner;
        format!(
            "Valuation(sku={:?}, method={:?}, quantity=Decimal('{}'), value=Decimal('{}'), unit_cost={}, layers=<{} layers>)",
            v.sku,
            v.method.as_str(),
            v.quantity,
            v.value,
            v.unit_cost.map_or("None".to_owned(), |c| format!("Decimal('{c}')")),
            v.layers.len()
        )
    }
}

/// The keys whose string values in the core's JSON of a movement or a purchasing event are
/// decimals (money, quantities, percentages); `by_weight` holds `[line, weight]` pairs.
pub(crate) const DECIMAL_KEYS: [&str; 13] = [
    "quantity",
    "unit_cost",
    "counted",
    "amount",
    "unit_price",
    "sellable",
    "damaged",
    "quarantine",
    "min_quantity",
    "min_order_quantity",
    "pack_size",
    "percent",
    "by_weight",
];

/// Convert a JSON value of a serialized movement or purchasing event to Python; the string
/// values of the decimal fields ([`DECIMAL_KEYS`]) become `decimal.Decimal`, and the items
/// of an array are read under the array's key.
pub(crate) fn json_to_py<'py>(
    py: Python<'py>,
    key: &str,
    v: &Value,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => pyo3::types::PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, None, Some(f)) => f.into_pyobject(py)?.into_any(),
            (None, None, None) => n.to_string().into_pyobject(py)?.into_any(),
        },
        Value::String(s) if DECIMAL_KEYS.contains(&key) => {
            match s.parse::<inventory_core::Decimal>() {
                Ok(d) => py_decimal(py, d)?,
                Err(_) => s.into_pyobject(py)?.into_any(),
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, key, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, json_to_py(py, k, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// One applied movement and its outcome.
#[pyclass(frozen, eq, name = "JournalEntry", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyJournalEntry {
    pub(crate) inner: JournalEntry,
}

impl From<JournalEntry> for PyJournalEntry {
    fn from(inner: JournalEntry) -> Self {
        PyJournalEntry { inner }
    }
}

#[pymethods]
impl PyJournalEntry {
    /// The movement as a dict with the keys of the core's JSON (`kind`, `time` in int
    /// seconds, `sku`, ...); quantities and costs are `decimal.Decimal`.
    #[getter]
    fn movement<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_value(&self.inner.movement)
            .map_err(|e| crate::errors::new_err(py, crate::errors::Exc::Base, e.to_string()))?;
        json_to_py(py, "", &value)
    }
    /// What the movement did.
    #[getter]
    fn outcome(&self) -> PyOutcome {
        self.inner.outcome.clone().into()
    }
    fn __repr__(&self) -> String {
        format!(
            "JournalEntry(movement={}, sequence={})",
            serde_json::to_string(&self.inner.movement).unwrap_or_default(),
            self.inner.outcome.sequence
        )
    }
}

/// Units shipped net of customer returns per day or ISO week, zero-filled.
#[pyclass(frozen, eq, name = "DemandHistory", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyDemandHistory {
    pub(crate) inner: DemandHistory,
}

impl From<DemandHistory> for PyDemandHistory {
    fn from(inner: DemandHistory) -> Self {
        PyDemandHistory { inner }
    }
}

#[pymethods]
impl PyDemandHistory {
    /// The SKU.
    #[getter]
    fn sku(&self) -> &str {
        &self.inner.sku
    }
    /// The location, or None for all locations.
    #[getter]
    fn location(&self) -> Option<&str> {
        self.inner.location.as_deref()
    }
    /// "day" or "week".
    #[getter]
    fn period(&self) -> &'static str {
        match self.inner.period {
            Period::Day => "day",
            Period::Week => "week",
        }
    }
    /// Start of the first bucket (aware UTC datetime at midnight; a Monday for weeks).
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        py_time(py, self.inner.start)
    }
    /// Net units per bucket.
    #[getter]
    fn quantities<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner
            .quantities
            .iter()
            .map(|q| py_decimal(py, *q))
            .collect()
    }
    /// Bucket labels: `YYYY-MM-DD` for days, `YYYY-Www` for ISO weeks.
    #[getter]
    fn labels(&self) -> Vec<String> {
        (0..self.inner.quantities.len())
            .map(|i| self.inner.label(i))
            .collect()
    }
    fn __len__(&self) -> usize {
        self.inner.quantities.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "DemandHistory(sku={:?}, location={:?}, period={:?}, start={}, buckets={})",
            self.inner.sku,
            self.inner.location,
            self.period(),
            self.inner.start,
            self.inner.quantities.len()
        )
    }
}
