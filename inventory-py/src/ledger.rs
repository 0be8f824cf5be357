//! `Ledger`: the core ledger behind a mutex, shared safely between Python threads.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Mutex, TryLockError};

use inventory_core::classify::{self, AbcMeasure, AbcThresholds, XyzThresholds};
use inventory_core::kits::{KitDefinition, KitKind, DEFAULT_MIN_SUPPORT};
use inventory_core::metrics;
use inventory_core::policy::DemandStats;
use inventory_core::purchasing::{DropshipSale, PurchaseEventKind};
use inventory_core::{
    AdjustReason, Condition, CostMethod, Error, JournalEntry, Ledger, LedgerConfig, LedgerError,
    Movement, MovementColumns, MovementKind, Period, Timestamp,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;

use crate::classify::{PyAbcItem, PyXyzItem};
use crate::convert::{
    arg_f64, arg_i64, arg_opt_i64, arg_opt_i64s, arg_opt_str, arg_opt_string, arg_opt_strings,
    arg_str, arg_string, arg_strings, arg_u64, decimal_cls, decimal_column, each, named_string,
    py_decimal, text, time_column, to_decimal, to_opt_decimal, to_opt_time, to_str, to_time,
    whole_days, StrColumn,
};
use crate::errors::{invalid_input, poisoned, to_py_err, wrong_type};
use crate::kits::{
    self, PyBuildable, PyBundleCandidates, PyBundleRecord, PyKitDefinition, PyKitMovementOutcome,
    PyKitOutcome, PyKitRecord,
};
use crate::metrics::{PyAgingBucket, PyDeadStock, PySkuActivity, PyStockCover};
use crate::purchasing::{
    self, PyCashOutBucket, PyIncoming, PyIncomingBucket, PyLeadTimeEstimate, PyOverdueLine,
    PyPaymentDue, PyPurchaseOrder, PyPurchaseOutcome, PyPurchaseRecord, PyReceivingReport,
    PySupplier, PySupplierItem, PySupplierPerformance,
};
use crate::replenish::{self, PyPlan, PyPlanRequest};
use crate::store::{columns_dict, path_arg, store_config};
use crate::types::{
    PyDemandHistory, PyJournalEntry, PyOutcome, PyPosition, PyValuation, DECIMAL_KEYS,
};

/// A stock ledger (see the module documentation of `inventory_core`).
#[pyclass(frozen, name = "Ledger", module = "inventory_core")]
pub(crate) struct PyLedger {
    inner: Mutex<Ledger>,
    /// Whether the ledger has a store (`Ledger.open`): then every change waits for a commit.
    durable: bool,
}

impl From<Ledger> for PyLedger {
    fn from(l: Ledger) -> Self {
        PyLedger {
            durable: l.is_durable(),
            inner: Mutex::new(l),
        }
    }
}

fn core_err(py: Python<'_>, e: impl Into<Error>) -> PyErr {
    to_py_err(py, e.into())
}

fn parse<T: FromStr<Err = LedgerError>>(py: Python<'_>, s: &str) -> PyResult<T> {
    s.parse::<T>().map_err(|e| core_err(py, e))
}

/// The defaults of `Ledger()` and `Ledger.replay` (and of the keywords `Ledger.open` is not
/// given).
const DEFAULT_COSTING: &str = "fifo";
const DEFAULT_ALLOW_NEGATIVE: bool = false;
const DEFAULT_MONEY_SCALE: i64 = 2;

fn config(
    py: Python<'_>,
    costing: &str,
    allow_negative: bool,
    money_scale: i64,
    sku_costing: Option<&Bound<'_, PyDict>>,
    over_receipt: Option<&Bound<'_, PyAny>>,
) -> PyResult<LedgerConfig> {
    let scale = u32::try_from(money_scale).map_err(|_| {
        invalid_input(
            py,
            format!("money_scale {money_scale} must be a non-negative integer"),
        )
    })?;
    let mut config = LedgerConfig::new()
        .costing(parse::<CostMethod>(py, costing)?)
        .allow_negative(allow_negative)
        .money_scale(scale);
    if let Some(map) = sku_costing {
        for (sku, method) in map.iter() {
            let sku = named_string("sku_costing", &sku)?;
            let method = named_string(&format!("sku_costing[{sku:?}]"), &method)?;
            config = config.sku_costing(sku, parse::<CostMethod>(py, &method)?);
        }
    }
    if let Some(policy) = over_receipt.filter(|p| !p.is_none()) {
        config = config.over_receipt(purchasing::over_receipt(policy)?);
    }
    Ok(config)
}

/// A Python value of a movement dict as JSON (decimals as strings, times as ints).
fn py_to_json(key: &str, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(text(key, s)?.into_owned()));
    }
    if key == "time" {
        return Ok(Value::from(to_time(key, obj)?));
    }
    if obj.is_instance(decimal_cls(obj.py())?)? || DECIMAL_KEYS.contains(&key) {
        return Ok(Value::String(to_decimal(key, obj)?.to_string()));
    }
    if let Ok(b) = obj.extract::<bool>() {
        return Ok(Value::Bool(b));
    }
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::from(i));
    }
    Err(wrong_type(
        &format!("movement field {key:?}"),
        "a str, an int, a bool, a decimal.Decimal or None",
        obj,
    ))
}

/// A movement from a `JournalEntry` or a dict shaped like the core's JSON of a movement.
fn movement_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Movement> {
    let py = obj.py();
    if let Ok(entry) = obj.cast::<PyJournalEntry>() {
        return Ok(entry.get().inner.movement.clone());
    }
    let dict = obj
        .cast::<PyDict>()
        .map_err(|_| wrong_type("movements", "JournalEntry objects or movement dicts", obj))?;
    let mut map = serde_json::Map::new();
    for (k, v) in dict.iter() {
        let k = named_string("movement key", &k)?;
        let v = py_to_json(&k, &v)?;
        map.insert(k, v);
    }
    serde_json::from_value(Value::Object(map))
        .map_err(|e| invalid_input(py, format!("invalid movement dict: {e}")))
}

impl PyLedger {
    /// Runs `f` on the ledger. Uncontended: directly. Contended: the GIL is released while
    /// waiting for the lock (and while `f` runs), so threads never deadlock on the GIL.
    /// `f` must not call into Python.
    fn with<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Ledger) -> R + Send,
    ) -> PyResult<R> {
        match self.inner.try_lock() {
            Ok(mut guard) => Ok(f(&mut guard)),
            Err(TryLockError::Poisoned(_)) => Err(poisoned(py)),
            Err(TryLockError::WouldBlock) => self.detached(py, f),
        }
    }

    /// Runs `f` on the ledger with the GIL released (for heavy work).
    pub(crate) fn detached<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Ledger) -> R + Send,
    ) -> PyResult<R> {
        py.detach(|| self.inner.lock().map(|mut guard| f(&mut guard)).ok())
            .ok_or_else(|| poisoned(py))
    }

    /// Runs a change `f` on the ledger: as [`PyLedger::with`] in memory; on a durable
    /// ledger with the GIL released, as the change waits for its commit to the store (a
    /// disk sync with `sync="full"`), which other Python threads need not wait for.
    fn change<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Ledger) -> R + Send,
    ) -> PyResult<R> {
        if self.durable {
            self.detached(py, f)
        } else {
            self.with(py, f)
        }
    }

    fn post(&self, py: Python<'_>, movement: Movement) -> PyResult<PyOutcome> {
        self.change(py, move |l| l.post(movement))?
            .map(PyOutcome::from)
            .map_err(|e| core_err(py, e))
    }

    /// Posts one purchasing event (built from Python values before the lock is taken).
    fn purchase(
        &self,
        py: Python<'_>,
        kind: PurchaseEventKind,
        time: &Bound<'_, PyAny>,
        reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let e = purchasing::event(kind, to_time("time", time)?, reference);
        self.change(py, move |l| l.purchase(e))?
            .map(PyPurchaseOutcome::from)
            .map_err(|e| core_err(py, e))
    }
}

fn with_ref(m: Movement, reference: Option<String>) -> Movement {
    match reference {
        Some(r) => m.with_reference(r),
        None => m,
    }
}

#[pymethods]
impl PyLedger {
    #[new]
    #[pyo3(
        signature = (costing = DEFAULT_COSTING, *, allow_negative = DEFAULT_ALLOW_NEGATIVE, money_scale = DEFAULT_MONEY_SCALE, sku_costing = None, over_receipt = None),
        text_signature = "(costing='fifo', *, allow_negative=False, money_scale=2, sku_costing=None, over_receipt='refuse')"
    )]
    fn new(
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] costing: &str,
        allow_negative: bool,
        #[pyo3(from_py_with = arg_i64)] money_scale: i64,
        sku_costing: Option<&Bound<'_, PyDict>>,
        over_receipt: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let config = config(
            py,
            costing,
            allow_negative,
            money_scale,
            sku_costing,
            over_receipt,
        )?;
        Ledger::with_config(config)
            .map(PyLedger::from)
            .map_err(|e| core_err(py, e))
    }

    // ----- movements -----

    /// Goods received from a supplier, into sellable stock unless `condition` says otherwise.
    #[pyo3(signature = (sku, location, quantity, unit_cost, time, *, reference = None, purchase_order = None, condition = "sellable"))]
    #[allow(clippy::too_many_arguments)]
    fn receive(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        unit_cost: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
        #[pyo3(from_py_with = arg_opt_string)] purchase_order: Option<String>,
        #[pyo3(from_py_with = arg_str)] condition: &str,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::Receive {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            unit_cost: to_decimal("unit_cost", unit_cost)?,
            purchase_order,
            condition: parse::<Condition>(py, condition)?,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// A cost added to an earlier receipt (freight, duty, ...): `receipt` is the journal
    /// sequence number of the receipt movement. The share of its units still on hand raises
    /// their value; the share already gone is COGS.
    #[pyo3(signature = (sku, receipt, amount, time, *, reference = None))]
    fn landed_cost(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_u64)] receipt: u64,
        amount: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let m = Movement::landed_cost(
            sku,
            receipt,
            to_decimal("amount", amount)?,
            to_time("time", time)?,
        );
        self.post(py, with_ref(m, reference))
    }

    /// Goods shipped to a customer (from a reservation when one is named).
    #[pyo3(signature = (sku, location, quantity, time, *, reservation = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn ship(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reservation: Option<String>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::Ship {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            reservation,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// Goods a customer sent back (at the cost they left with when `shipment` is named).
    #[pyo3(signature = (sku, location, quantity, time, *, condition = "sellable", shipment = None, unit_cost = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn customer_return(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] condition: &str,
        #[pyo3(from_py_with = arg_opt_string)] shipment: Option<String>,
        unit_cost: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::CustomerReturn {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            condition: parse::<Condition>(py, condition)?,
            shipment,
            unit_cost: to_opt_decimal("unit_cost", unit_cost)?,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// Goods sent back to the supplier.
    #[pyo3(signature = (sku, location, quantity, time, *, condition = "sellable", purchase_order = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn return_to_supplier(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] condition: &str,
        #[pyo3(from_py_with = arg_opt_string)] purchase_order: Option<String>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::ReturnToSupplier {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            condition: parse::<Condition>(py, condition)?,
            purchase_order,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// Goods moved between two locations (cost layers travel with them).
    #[pyo3(signature = (sku, from_location, to_location, quantity, time, *, condition = "sellable", reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn transfer(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] from_location: String,
        #[pyo3(from_py_with = arg_string)] to_location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] condition: &str,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::Transfer {
            sku,
            from: from_location,
            to: to_location,
            quantity: to_decimal("quantity", quantity)?,
            condition: parse::<Condition>(py, condition)?,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// Units moved between conditions at one location.
    #[pyo3(signature = (sku, location, quantity, from_condition, to_condition, time, *, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn reclassify(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] from_condition: &str,
        #[pyo3(from_py_with = arg_str)] to_condition: &str,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::Reclassify {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            from: parse::<Condition>(py, from_condition)?,
            to: parse::<Condition>(py, to_condition)?,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// A signed stock correction.
    #[pyo3(signature = (sku, location, quantity, reason, time, *, condition = "sellable", unit_cost = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn adjust(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] reason: &str,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] condition: &str,
        unit_cost: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::Adjust {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            reason: parse::<AdjustReason>(py, reason)?,
            condition: parse::<Condition>(py, condition)?,
            unit_cost: to_opt_decimal("unit_cost", unit_cost)?,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// A physical count; the implied adjustment is in `Outcome.adjustment`.
    #[pyo3(signature = (sku, location, counted, time, *, condition = "sellable", unit_cost = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn cycle_count(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        counted: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] condition: &str,
        unit_cost: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::CycleCount {
            sku,
            location,
            counted: to_decimal("counted", counted)?,
            condition: parse::<Condition>(py, condition)?,
            unit_cost: to_opt_decimal("unit_cost", unit_cost)?,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// Sellable units promised to an order.
    #[pyo3(signature = (sku, location, quantity, reservation, time, *, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn reserve(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_string)] reservation: String,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::Reserve {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            reservation,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// A reservation given up (all of it when `quantity` is None).
    #[pyo3(signature = (sku, location, reservation, time, *, quantity = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn release(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        #[pyo3(from_py_with = arg_string)] reservation: String,
        time: &Bound<'_, PyAny>,
        quantity: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyOutcome> {
        let kind = MovementKind::Release {
            sku,
            location,
            quantity: to_opt_decimal("quantity", quantity)?,
            reservation,
        };
        let m = Movement::new(kind, to_time("time", time)?);
        self.post(py, with_ref(m, reference))
    }

    /// Posts parallel columns of movements, all-or-nothing, with the GIL released.
    ///
    /// Optional columns (None = absent, entries may be None): `unit_costs`, `references`,
    /// `to_locations`, `reservations`, `reasons`, `conditions`, `purchase_orders` (of
    /// receipts and returns to supplier) and `shipments` (of customer returns: they come back at the cost the named
    /// shipment left with, as with `customer_return(..., shipment=...)`).
    #[pyo3(signature = (kinds, skus, locations, quantities, times, *, unit_costs = None, references = None, to_locations = None, reservations = None, reasons = None, conditions = None, purchase_orders = None, shipments = None, cost_scale = None))]
    #[allow(clippy::too_many_arguments)]
    fn post_columns(
        &self,
        py: Python<'_>,
        kinds: &Bound<'_, PyAny>,
        skus: &Bound<'_, PyAny>,
        locations: &Bound<'_, PyAny>,
        quantities: &Bound<'_, PyAny>,
        times: &Bound<'_, PyAny>,
        unit_costs: Option<&Bound<'_, PyAny>>,
        references: Option<&Bound<'_, PyAny>>,
        to_locations: Option<&Bound<'_, PyAny>>,
        reservations: Option<&Bound<'_, PyAny>>,
        reasons: Option<&Bound<'_, PyAny>>,
        conditions: Option<&Bound<'_, PyAny>>,
        purchase_orders: Option<&Bound<'_, PyAny>>,
        shipments: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_i64)] cost_scale: Option<i64>,
    ) -> PyResult<usize> {
        let cost_scale = cost_scale
            .map(|k| {
                u32::try_from(k).map_err(|_| {
                    invalid_input(py, format!("cost_scale {k} must be a non-negative integer"))
                })
            })
            .transpose()?;
        // The text columns lend their `str` objects' text to the core (no copy per row);
        // the `StrColumn`s hold the objects until the call returns. Columns are checked in
        // the order of the signature, so the first bad column is the one reported.
        let opt = |name, obj| StrColumn::optional(py, name, obj);
        let kinds = StrColumn::required("kinds", kinds)?;
        let skus = StrColumn::required("skus", skus)?;
        let locations = StrColumn::required("locations", locations)?;
        let quantities = decimal_column("quantities", Some(quantities), None)?;
        let times = time_column("times", times)?;
        let unit_costs = decimal_column("unit_costs", unit_costs, cost_scale)?;
        let references = opt("references", references)?;
        let to_locations = opt("to_locations", to_locations)?;
        let reservations = opt("reservations", reservations)?;
        let reasons = opt("reasons", reasons)?;
        let conditions = opt("conditions", conditions)?;
        let purchase_orders = opt("purchase_orders", purchase_orders)?;
        let shipments = opt("shipments", shipments)?;
        let columns = MovementColumns {
            kinds: kinds.texts()?,
            skus: skus.texts()?,
            locations: locations.texts()?,
            quantities,
            times,
            unit_costs,
            references: references.opt_texts()?,
            to_locations: to_locations.opt_texts()?,
            reservations: reservations.opt_texts()?,
            reasons: reasons.opt_texts()?,
            conditions: conditions.opt_texts()?,
            purchase_orders: purchase_orders.opt_texts()?,
            shipments: shipments.opt_texts()?,
        };
        // The outcomes are in the journal: the count is all this call returns.
        self.detached(py, |l| l.post_columns_with(&columns, |_| ()))?
            .map_err(|e| core_err(py, e))
    }

    // ----- queries -----

    /// Stock of a SKU at one location, or across all locations.
    #[pyo3(signature = (sku, location = None))]
    fn position(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
    ) -> PyResult<PyPosition> {
        self.with(py, |l| l.position(sku, location))?
            .map(PyPosition::from)
            .map_err(|e| core_err(py, e))
    }

    /// What a SKU's stock is worth, at one location or all.
    #[pyo3(signature = (sku, location = None))]
    fn valuation(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
    ) -> PyResult<PyValuation> {
        self.with(py, |l| l.valuation(sku, location))?
            .map(PyValuation::from)
            .map_err(|e| core_err(py, e))
    }

    /// Total value of all stock (`Overflow` if the sum leaves the decimal range).
    fn total_value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = self
            .with(py, |l| l.total_value())?
            .map_err(|e| core_err(py, e))?;
        py_decimal(py, v)
    }

    /// Every SKU seen, in first-seen order.
    fn skus(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.with(py, |l| l.skus().to_vec())
    }

    /// Every location seen, in first-seen order.
    fn locations(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.with(py, |l| l.locations().to_vec())
    }

    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        self.with(py, |l| l.len())
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.with(py, |l| {
            format!(
                "Ledger(costing={:?}, allow_negative={}, money_scale={}, movements={})",
                l.config().costing.as_str(),
                if l.config().allow_negative {
                    "True"
                } else {
                    "False"
                },
                l.config().money_scale,
                l.len()
            )
        })
    }

    /// The default costing method ("fifo", "lifo" or "moving_average").
    #[getter]
    fn costing(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.with(py, |l| l.config().costing.as_str())
    }

    /// Whether stock may go negative (backorders).
    #[getter]
    fn allow_negative(&self, py: Python<'_>) -> PyResult<bool> {
        self.with(py, |l| l.config().allow_negative)
    }

    /// Decimal places of rounded issue values.
    #[getter]
    fn money_scale(&self, py: Python<'_>) -> PyResult<u32> {
        self.with(py, |l| l.config().money_scale)
    }

    /// What a receipt against a purchase order may bring beyond a line's quantity:
    /// "refuse", "accept", or a tolerance in percent (a Decimal).
    #[getter]
    fn over_receipt<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let policy = self.with(py, |l| l.config().over_receipt)?;
        purchasing::py_over_receipt(py, policy)
    }

    /// The costing method a SKU uses.
    fn costing_of(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
    ) -> PyResult<&'static str> {
        self.with(py, |l| l.costing_of(sku).as_str())
    }

    /// Sets the costing method of a SKU without movements yet.
    fn set_sku_costing(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        #[pyo3(from_py_with = arg_str)] method: &str,
    ) -> PyResult<()> {
        let method = parse::<CostMethod>(py, method)?;
        self.change(py, |l| l.set_sku_costing(sku, method))?
            .map_err(|e| core_err(py, e))
    }

    /// What a reservation holds of a SKU at a location (zero if nothing).
    fn reserved_by<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = arg_str)] reservation: &str,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        #[pyo3(from_py_with = arg_str)] location: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let q = self.with(py, |l| l.reserved_by(reservation, sku, location))?;
        py_decimal(py, q)
    }

    /// The journal of applied movements, in posting order.
    fn journal<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let entries = self.detached(py, |l| l.journal())?;
        PyList::new(py, entries.into_iter().map(PyJournalEntry::from))
    }

    /// The journal entries of one SKU, in posting order.
    fn history<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let entries = self
            .with(py, |l| {
                l.history(sku)
                    .map(|h| h.iter().map(|e| JournalEntry::clone(e)).collect::<Vec<_>>())
            })?
            .map_err(|e| core_err(py, e))?;
        PyList::new(py, entries.into_iter().map(PyJournalEntry::from))
    }

    /// Units shipped net of customer returns per day or ISO week, zero-filled.
    #[pyo3(signature = (sku, location = None, period = "day", start = None, end = None))]
    fn demand_history(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        #[pyo3(from_py_with = arg_str)] period: &str,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDemandHistory> {
        let period = parse::<Period>(py, period)?;
        let from: Option<Timestamp> = to_opt_time("start", start)?;
        let to: Option<Timestamp> = to_opt_time("end", end)?;
        self.with(py, |l| l.demand_history(sku, location, period, from, to))?
            .map(PyDemandHistory::from)
            .map_err(|e| core_err(py, e))
    }

    /// The ledger as snapshot JSON (canonical).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        self.detached(py, |l| l.to_json())
    }

    // ----- durable store -----

    /// Opens (or creates) the durable ledger stored in the SQLite database file at `path` (a
    /// str, bytes or os.PathLike). Every change (a posting, a batch, a purchasing event, a
    /// kit definition, a bundle posting, a costing override) is committed to the file
    /// before the call returns; a refused call writes nothing. Opening restores the newest
    /// checkpoint and replays the journal after it, with the GIL released.
    ///
    /// The configuration keywords are those of `Ledger()`. All None (the default): a new
    /// store gets the default configuration, an existing one keeps its own. Any given: the
    /// configuration is built as `Ledger()` builds it (the defaults for the keywords not
    /// given) and must equal an existing store's (else InvalidInput). `checkpoint_every`:
    /// write a checkpoint after every this many movements (0: only on `checkpoint()`).
    /// `sync`: "full" (a commit survives a process crash and a power loss), "normal" (a
    /// process crash only; much faster) or "off" (tests and bulk loads).
    ///
    /// One writer: while this Ledger object lives, opening the same file again (in this
    /// process or another) raises StoreLocked; the lock is released when the object is
    /// deleted and garbage-collected, or when its process ends. A file that is not a ledger
    /// store or is damaged raises StoreCorrupt; a failing disk StoreIoError.
    #[staticmethod]
    #[pyo3(
        signature = (path, *, costing = None, allow_negative = None, money_scale = None, sku_costing = None, over_receipt = None, checkpoint_every = 100_000, sync = "full"),
        text_signature = "(path, *, costing=None, allow_negative=None, money_scale=None, sku_costing=None, over_receipt=None, checkpoint_every=100000, sync='full')"
    )]
    #[allow(clippy::too_many_arguments)]
    fn open(
        py: Python<'_>,
        #[pyo3(from_py_with = path_arg)] path: PathBuf,
        #[pyo3(from_py_with = arg_opt_str)] costing: Option<&str>,
        allow_negative: Option<bool>,
        #[pyo3(from_py_with = arg_opt_i64)] money_scale: Option<i64>,
        sku_costing: Option<&Bound<'_, PyDict>>,
        over_receipt: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_u64)] checkpoint_every: u64,
        #[pyo3(from_py_with = arg_str)] sync: &str,
    ) -> PyResult<PyLedger> {
        let given = costing.is_some()
            || allow_negative.is_some()
            || money_scale.is_some()
            || sku_costing.is_some()
            || over_receipt.is_some();
        let ledger = if given {
            Some(config(
                py,
                costing.unwrap_or(DEFAULT_COSTING),
                allow_negative.unwrap_or(DEFAULT_ALLOW_NEGATIVE),
                money_scale.unwrap_or(DEFAULT_MONEY_SCALE),
                sku_costing,
                over_receipt,
            )?)
        } else {
            None
        };
        let store = store_config(py, ledger, checkpoint_every, sync)?;
        py.detach(move || Ledger::open(&path, store))
            .map(PyLedger::from)
            .map_err(|e| core_err(py, e))
    }

    /// Writes a checkpoint of the ledger's state to its store now (with the GIL released),
    /// so that opening it replays nothing before this point. InvalidInput for a ledger
    /// without a store.
    fn checkpoint(&self, py: Python<'_>) -> PyResult<()> {
        self.detached(py, |l| l.checkpoint())?
            .map_err(|e| core_err(py, e))
    }

    /// Closes the ledger's store (releasing its lock: another Ledger may open the file),
    /// leaving this ledger in memory as it stands; from then on it is an in-memory ledger.
    /// Nothing is lost: every change was committed when it was made. A no-op for an
    /// in-memory ledger. `with Ledger.open(path) as ledger:` closes it at the end.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        self.detached(py, |l| l.close())
    }

    /// `with Ledger.open(path) as ledger:`: the ledger itself.
    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// Closes the store at the end of a `with` block (exceptions go on).
    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, pyo3::types::PyTuple>) -> PyResult<bool> {
        self.close(py)?;
        Ok(false)
    }

    /// Whether the ledger commits every change to a store (`Ledger.open`). A copy made
    /// with `from_json` or `replay` is in memory only.
    #[getter]
    fn durable(&self, py: Python<'_>) -> PyResult<bool> {
        self.with(py, |l| l.is_durable())
    }

    /// The journal entries from sequence number `since` on, as JSON lines (one entry
    /// `{"movement": ..., "outcome": ...}` per line, each ending in a newline; decimals as
    /// strings): the incremental export for hosts that keep their own store. Built with the
    /// GIL released.
    #[pyo3(signature = (since = 0))]
    fn journal_jsonl(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_u64)] since: u64,
    ) -> PyResult<String> {
        self.detached(py, |l| l.journal_jsonl(since))
    }

    /// The journal entries from sequence number `since` on, as columns: a dict of
    /// `sequence` (numpy uint64), `time` (numpy int64, seconds since the Unix epoch), `kind`,
    /// `sku`, `location`, `to_location`, `quantity`, `unit_cost`, `reference`,
    /// `quantity_change`, `value_change` and `cogs` (lists; amounts as decimal.Decimal, None
    /// where the movement's kind has no such field), so that `pandas.DataFrame(...)` of it
    /// works.
    #[pyo3(signature = (since = 0))]
    fn journal_columns<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = arg_u64)] since: u64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let columns = self.detached(py, |l| l.journal_columns(since))?;
        columns_dict(py, columns)
    }

    /// Reads snapshot JSON written by `to_json` (the journal is replayed and checked).
    #[staticmethod]
    fn from_json(py: Python<'_>, #[pyo3(from_py_with = arg_str)] text: &str) -> PyResult<PyLedger> {
        let text = text.to_owned();
        py.detach(move || Ledger::from_json(&text))
            .map(PyLedger::from)
            .map_err(|e| core_err(py, e))
    }

    /// Replays movements (JournalEntry objects or movement dicts) into a new ledger.
    #[staticmethod]
    #[pyo3(
        signature = (movements, costing = DEFAULT_COSTING, *, allow_negative = DEFAULT_ALLOW_NEGATIVE, money_scale = DEFAULT_MONEY_SCALE, sku_costing = None, over_receipt = None),
        text_signature = "(movements, costing='fifo', *, allow_negative=False, money_scale=2, sku_costing=None, over_receipt='refuse')"
    )]
    #[allow(clippy::too_many_arguments)]
    fn replay(
        py: Python<'_>,
        movements: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] costing: &str,
        allow_negative: bool,
        #[pyo3(from_py_with = arg_i64)] money_scale: i64,
        sku_costing: Option<&Bound<'_, PyDict>>,
        over_receipt: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyLedger> {
        let config = config(
            py,
            costing,
            allow_negative,
            money_scale,
            sku_costing,
            over_receipt,
        )?;
        let mut ms = Vec::new();
        for item in movements.try_iter()? {
            ms.push(movement_from_py(&item?)?);
        }
        py.detach(move || Ledger::replay(config, ms))
            .map(PyLedger::from)
            .map_err(|e| core_err(py, e))
    }

    // ----- purchasing -----

    /// Creates a supplier, or replaces its name, terms and catalogue.
    #[pyo3(signature = (supplier, time, *, reference = None))]
    fn set_supplier(
        &self,
        py: Python<'_>,
        supplier: &Bound<'_, PySupplier>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let supplier = supplier.get().inner.clone();
        self.purchase(
            py,
            PurchaseEventKind::SetSupplier { supplier },
            time,
            reference,
        )
    }

    /// Creates a draft purchase order; `lines` are dicts or tuples
    /// `(line, sku, location, quantity, expected[, unit_price])`.
    #[pyo3(signature = (order, supplier, lines, time, *, reference = None))]
    fn create_order(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        #[pyo3(from_py_with = arg_string)] supplier: String,
        lines: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let lines = purchasing::new_lines(lines)?;
        let kind = PurchaseEventKind::CreateOrder {
            order,
            supplier,
            lines,
        };
        self.purchase(py, kind, time, reference)
    }

    /// Adds a line (a dict or a tuple, as in `create_order`) to an order not finished.
    #[pyo3(signature = (order, line, time, *, reference = None))]
    fn add_order_line(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        line: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let line = purchasing::new_line("line", line)?;
        self.purchase(
            py,
            PurchaseEventKind::AddLine { order, line },
            time,
            reference,
        )
    }

    /// The buyer changes a line's quantity, expected time or unit price.
    #[pyo3(signature = (order, line, time, *, quantity = None, expected = None, unit_price = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn amend_order_line(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        line: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        quantity: Option<&Bound<'_, PyAny>>,
        expected: Option<&Bound<'_, PyAny>>,
        unit_price: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let line = purchasing::line_number("line", line)?;
        let change = purchasing::change(line, quantity, expected, unit_price, "")?;
        self.purchase(
            py,
            PurchaseEventKind::AmendLine { order, change },
            time,
            reference,
        )
    }

    /// Sends a draft order to the supplier: its lines become incoming.
    #[pyo3(signature = (order, time, *, reference = None))]
    fn place_order(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        self.purchase(py, PurchaseEventKind::PlaceOrder { order }, time, reference)
    }

    /// The supplier confirms a placed order; `changes` are dicts
    /// `{"line", "quantity"?, "expected"?}`.
    #[pyo3(
        signature = (order, time, changes = None, *, reference = None),
        text_signature = "($self, order, time, changes=(), *, reference=None)"
    )]
    fn confirm_order(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        time: &Bound<'_, PyAny>,
        changes: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let changes = match changes.filter(|c| !c.is_none()) {
            Some(c) => purchasing::changes(c)?,
            None => Vec::new(),
        };
        self.purchase(
            py,
            PurchaseEventKind::ConfirmOrder { order, changes },
            time,
            reference,
        )
    }

    /// Goods arrive against an order; `lines` are dicts
    /// `{"line", "sellable"?, "damaged"?, "quarantine"?, "unit_price"?}` or tuples
    /// `(line, sellable[, damaged[, quarantine]])`.
    #[pyo3(signature = (order, receipt, lines, time, *, reference = None))]
    fn receive_order(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        #[pyo3(from_py_with = arg_string)] receipt: String,
        lines: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let lines = purchasing::receipt_lines(lines)?;
        let kind = PurchaseEventKind::ReceiveOrder {
            order,
            receipt,
            lines,
        };
        self.purchase(py, kind, time, reference)
    }

    /// The buyer cancels the open remainder of one line, or of every line.
    #[pyo3(signature = (order, time, line = None, *, reference = None))]
    fn cancel_order(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        time: &Bound<'_, PyAny>,
        line: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let line = purchasing::opt_line_number("line", line)?;
        self.purchase(
            py,
            PurchaseEventKind::CancelOrder { order, line },
            time,
            reference,
        )
    }

    /// The supplier will not deliver the open remainder of one line, or of every line.
    #[pyo3(signature = (order, time, line = None, *, reference = None))]
    fn close_order_short(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        time: &Bound<'_, PyAny>,
        line: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let line = purchasing::opt_line_number("line", line)?;
        self.purchase(
            py,
            PurchaseEventKind::CloseShort { order, line },
            time,
            reference,
        )
    }

    /// A landed-cost charge on goods received against an order, split over the receipt
    /// lines it covers by "quantity", "value" or "weight" (with `weights`, a dict
    /// {line number: weight per unit}).
    #[pyo3(signature = (order, charge, kind, amount, time, *, receipts = None, allocation = "quantity", weights = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn add_charge(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        #[pyo3(from_py_with = arg_string)] charge: String,
        #[pyo3(from_py_with = arg_str)] kind: &str,
        amount: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_strings)] receipts: Option<Vec<String>>,
        #[pyo3(from_py_with = arg_str)] allocation: &str,
        weights: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let charge = purchasing::charge(py, charge, kind, amount, receipts, allocation, weights)?;
        self.purchase(
            py,
            PurchaseEventKind::AddCharge { order, charge },
            time,
            reference,
        )
    }

    /// A payment to the supplier against an order.
    #[pyo3(signature = (order, payment, amount, time, *, reference = None))]
    fn record_payment(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        #[pyo3(from_py_with = arg_string)] payment: String,
        amount: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let amount = to_decimal("amount", amount)?;
        let kind = PurchaseEventKind::RecordPayment {
            order,
            payment,
            amount,
        };
        self.purchase(py, kind, time, reference)
    }

    /// A customer bought a dropshipped SKU: creates and places order `order` (one line,
    /// number 1) for the supplier's direct delivery to the customer. Its open units are
    /// not incoming stock; receiving it (sellable units only) ships them on at once, so the
    /// sale's COGS is the supplier's price. `supplier` None: the SKU's preferred supplier;
    /// `unit_price` None: its price for the quantity; `expected` None: `time` plus its
    /// quoted lead time.
    #[pyo3(signature = (order, sku, location, quantity, time, *, supplier = None, unit_price = None, expected = None, customer_order = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn dropship(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] order: String,
        #[pyo3(from_py_with = arg_string)] sku: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] supplier: Option<String>,
        unit_price: Option<&Bound<'_, PyAny>>,
        expected: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] customer_order: Option<String>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyPurchaseOutcome> {
        let sale = DropshipSale {
            sku,
            location,
            quantity: to_decimal("quantity", quantity)?,
            supplier,
            unit_price: to_opt_decimal("unit_price", unit_price)?,
            expected: to_opt_time("expected", expected)?,
            customer_order,
        };
        self.purchase(
            py,
            PurchaseEventKind::Dropship { order, sale },
            time,
            reference,
        )
    }

    /// The supplier with this id, or None.
    fn supplier(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] id: &str,
    ) -> PyResult<Option<PySupplier>> {
        self.with(py, |l| l.supplier(id).cloned().map(PySupplier::from))
    }

    /// Every supplier, in the order they were first set.
    fn suppliers(&self, py: Python<'_>) -> PyResult<Vec<PySupplier>> {
        let all = self.with(py, |l| l.suppliers().to_vec())?;
        Ok(all.into_iter().map(PySupplier::from).collect())
    }

    /// The suppliers of a SKU with their items, the preferred one first.
    fn suppliers_of(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
    ) -> PyResult<Vec<(PySupplier, PySupplierItem)>> {
        let of = self.with(py, |l| {
            l.suppliers_of(sku)
                .into_iter()
                .map(|(s, i)| (s.clone(), i.clone()))
                .collect::<Vec<_>>()
        })?;
        Ok(of
            .into_iter()
            .map(|(s, i)| (PySupplier::from(s), PySupplierItem::from(i)))
            .collect())
    }

    /// The purchase order with this id (UnknownOrder if there is none).
    fn order(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] id: &str,
    ) -> PyResult<PyPurchaseOrder> {
        self.with(py, |l| l.order(id))?
            .map(PyPurchaseOrder::from)
            .map_err(|e| core_err(py, e))
    }

    /// The ids of every purchase order, in the order they were created.
    fn order_ids(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.with(py, |l| l.order_ids())
    }

    /// Units incoming (open quantity of placed orders) per SKU and location.
    #[pyo3(signature = (sku = None, location = None))]
    fn incoming(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_opt_str)] sku: Option<&str>,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
    ) -> PyResult<Vec<PyIncoming>> {
        let rows = self.detached(py, |l| l.incoming(sku, location))?;
        Ok(rows.into_iter().map(PyIncoming::from).collect())
    }

    /// Units incoming per SKU, location and UTC day or ISO week of the expected times.
    #[pyo3(signature = (period = "day", sku = None, location = None))]
    fn incoming_schedule(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] period: &str,
        #[pyo3(from_py_with = arg_opt_str)] sku: Option<&str>,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
    ) -> PyResult<Vec<PyIncomingBucket>> {
        let period = parse::<Period>(py, period)?;
        let rows = self.detached(py, |l| l.incoming_schedule(period, sku, location))?;
        Ok(rows.into_iter().map(PyIncomingBucket::from).collect())
    }

    /// What an order asked for and what came of it, per line and in total.
    fn receiving_report(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] order: &str,
    ) -> PyResult<PyReceivingReport> {
        self.with(py, |l| l.receiving_report(order))?
            .map(PyReceivingReport::from)
            .map_err(|e| core_err(py, e))
    }

    /// Lines of placed orders with units open whose expected UTC day is before `as_of`'s.
    fn overdue_lines(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyOverdueLine>> {
        let as_of = to_time("as_of", as_of)?;
        let rows = self.detached(py, |l| l.overdue_lines(as_of))?;
        Ok(rows.into_iter().map(PyOverdueLine::from).collect())
    }

    /// A supplier's measured performance, over all its SKUs or one.
    #[pyo3(signature = (supplier, sku = None))]
    fn supplier_performance(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] supplier: &str,
        #[pyo3(from_py_with = arg_opt_str)] sku: Option<&str>,
    ) -> PyResult<PySupplierPerformance> {
        self.detached(py, |l| l.supplier_performance(supplier, sku))?
            .map(PySupplierPerformance::from)
            .map_err(|e| core_err(py, e))
    }

    /// The lead time to plan with for a SKU bought from a supplier: measured or quoted.
    fn lead_time(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] supplier: &str,
        #[pyo3(from_py_with = arg_str)] sku: &str,
    ) -> PyResult<PyLeadTimeEstimate> {
        self.detached(py, |l| l.lead_time(supplier, sku))?
            .map(PyLeadTimeEstimate::from)
            .map_err(|e| core_err(py, e))
    }

    /// What is owed to whom and when, by due date.
    fn payment_schedule(&self, py: Python<'_>) -> PyResult<Vec<PyPaymentDue>> {
        let rows = self
            .detached(py, |l| l.payment_schedule())?
            .map_err(|e| core_err(py, e))?;
        Ok(rows.into_iter().map(PyPaymentDue::from).collect())
    }

    /// The payment schedule summed by the UTC day or ISO week of the due dates.
    #[pyo3(signature = (period = "week"))]
    fn cash_out(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] period: &str,
    ) -> PyResult<Vec<PyCashOutBucket>> {
        let period = parse::<Period>(py, period)?;
        let rows = self
            .detached(py, |l| l.cash_out(period))?
            .map_err(|e| core_err(py, e))?;
        Ok(rows.into_iter().map(PyCashOutBucket::from).collect())
    }

    /// The journal of purchasing events, in order.
    fn purchase_records(&self, py: Python<'_>) -> PyResult<Vec<PyPurchaseRecord>> {
        let rows = self.detached(py, |l| l.purchase_records())?;
        Ok(rows.into_iter().map(PyPurchaseRecord::from).collect())
    }

    // ----- kits -----

    /// Defines a kit, or a new version of one from `effective` on: `components` are
    /// `(sku, quantity)` pairs, `{"sku", "quantity"}` dicts or `Component` objects; `kind`
    /// "assembled" or "virtual". Every check (components known, quantities, cycles, versions
    /// in time order) is the core's; a refused definition changes nothing. With a
    /// `reference` already posted, the same definition returns the first outcome with
    /// `duplicate` set.
    #[pyo3(signature = (kit, components, effective, *, kind = "assembled", reference = None))]
    fn define_kit(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] kit: String,
        components: &Bound<'_, PyAny>,
        effective: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] kind: &str,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyKitOutcome> {
        let components = kits::components(components)?;
        let effective = to_time("effective", effective)?;
        let kind = kind.parse::<KitKind>().map_err(|e| core_err(py, e))?;
        let definition = KitDefinition::new(kit, kind, components, effective);
        self.change(py, move |l| l.define_kit(definition, reference))?
            .map(PyKitOutcome::from)
            .map_err(|e| core_err(py, e))
    }

    /// The definition of `kit` in force at `time` (None: its latest version), or None if it
    /// is not a kit (then).
    #[pyo3(signature = (kit, time = None))]
    fn kit_definition(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] kit: &str,
        time: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<PyKitDefinition>> {
        let time = to_opt_time("time", time)?;
        self.with(py, |l| {
            l.kit_definition(kit, time)
                .cloned()
                .map(PyKitDefinition::from)
        })
    }

    /// Every kit definition, in the order they were posted.
    fn kit_records(&self, py: Python<'_>) -> PyResult<Vec<PyKitRecord>> {
        let rows = self.with(py, |l| l.kit_records().to_vec())?;
        Ok(rows.into_iter().map(PyKitRecord::from).collect())
    }

    /// The whole kits that can be built at `location` (None: all locations pooled) from the
    /// available stock, with the definitions in force at `time`, and the SKUs that limit
    /// them.
    #[pyo3(signature = (kit, location = None, *, time))]
    fn buildable(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] kit: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<PyBuildable> {
        let time = to_time("time", time)?;
        self.detached(py, |l| l.buildable(kit, location, time))?
            .map(PyBuildable::from)
            .map_err(|e| core_err(py, e))
    }

    /// What can be sold of `kit` at `location` (None: all): for an assembled kit its
    /// available stock plus what can be built, for a virtual bundle what can be built.
    #[pyo3(signature = (kit, location = None, *, time))]
    fn sellable(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] kit: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<PyBuildable> {
        let time = to_time("time", time)?;
        self.detached(py, |l| l.sellable(kit, location, time))?
            .map(PyBuildable::from)
            .map_err(|e| core_err(py, e))
    }

    /// `buildable` of every kit with a definition in force at `time`, sorted by kit, at
    /// `location` (None: all pooled): the same answers, kit for kit, in one batch.
    #[pyo3(signature = (location = None, *, time))]
    fn buildable_all(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyBuildable>> {
        let time = to_time("time", time)?;
        self.detached(py, |l| l.buildable_all(location, time))?
            .map(|v| v.into_iter().map(PyBuildable::from).collect())
            .map_err(|e| core_err(py, e))
    }

    /// `buildable` of each of `kits`, in their order, at `location` (None: all pooled): the
    /// same answers (and the first kit's error), in one batch.
    #[pyo3(signature = (kits, location = None, *, time))]
    fn buildable_many(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_strings)] kits: Vec<String>,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyBuildable>> {
        let time = to_time("time", time)?;
        self.detached(py, |l| l.buildable_many(&kits, location, time))?
            .map(|v| v.into_iter().map(PyBuildable::from).collect())
            .map_err(|e| core_err(py, e))
    }

    /// `sellable` of every kit with a definition in force at `time`, sorted by kit, at
    /// `location` (None: all), in one batch.
    #[pyo3(signature = (location = None, *, time))]
    fn sellable_all(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyBuildable>> {
        let time = to_time("time", time)?;
        self.detached(py, |l| l.sellable_all(location, time))?
            .map(|v| v.into_iter().map(PyBuildable::from).collect())
            .map_err(|e| core_err(py, e))
    }

    /// `sellable` of each of `kits`, in their order, at `location` (None: all), in one
    /// batch.
    #[pyo3(signature = (kits, location = None, *, time))]
    fn sellable_many(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_strings)] kits: Vec<String>,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyBuildable>> {
        let time = to_time("time", time)?;
        self.detached(py, |l| l.sellable_many(&kits, location, time))?
            .map(|v| v.into_iter().map(PyBuildable::from).collect())
            .map_err(|e| core_err(py, e))
    }

    /// The cost of one `kit` rolled up from its components' current valuations at
    /// `location` (None: all), with the definitions in force at `time`; exact, not rounded.
    #[pyo3(signature = (kit, location = None, *, time))]
    fn kit_cost<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = arg_str)] kit: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        time: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let time = to_time("time", time)?;
        let cost = self
            .detached(py, |l| l.kit_cost(kit, location, time))?
            .map_err(|e| core_err(py, e))?;
        py_decimal(py, cost)
    }

    /// The components `quantity` kits consume at `time`, as `(sku, quantity)` pairs sorted
    /// by SKU: through virtual components down to what has stock, or with `to_leaves` down
    /// to the SKUs that are not kits.
    #[pyo3(signature = (kit, quantity, time, to_leaves = false))]
    fn explode_kit<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = arg_str)] kit: &str,
        quantity: &Bound<'py, PyAny>,
        time: &Bound<'py, PyAny>,
        to_leaves: bool,
    ) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
        let n = to_decimal("quantity", quantity)?;
        let time = to_time("time", time)?;
        let lines = self
            .detached(py, |l| l.kit_book().explode(kit, n, time, to_leaves))?
            .map_err(|e| core_err(py, e))?;
        lines
            .into_iter()
            .map(|(sku, q)| Ok((sku, py_decimal(py, q)?)))
            .collect()
    }

    /// Assembles `quantity` units of the assembled kit `kit` at `location`: its components,
    /// as defined at `time`, leave the location's available stock through their costing
    /// methods, and the kit's units arrive at exactly the cost consumed + `extra_cost`
    /// (labour, packaging). One transaction; the kit's movement carries `reference`.
    #[pyo3(signature = (kit, location, quantity, time, *, extra_cost = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn assemble(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] kit: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        extra_cost: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyKitMovementOutcome> {
        let quantity = to_decimal("quantity", quantity)?;
        let time = to_time("time", time)?;
        let extra_cost = to_opt_decimal("extra_cost", extra_cost)?;
        self.change(py, move |l| {
            l.assemble(&kit, &location, quantity, time, extra_cost, reference)
        })?
        .map(PyKitMovementOutcome::from)
        .map_err(|e| core_err(py, e))
    }

    /// Disassembles `quantity` units of the assembled kit `kit` at `location`: they leave
    /// through the kit's costing method and its components (as defined at `time`) come back
    /// with that cost split over them in proportion to their current cost. One transaction;
    /// the kit's movement carries `reference`.
    #[pyo3(signature = (kit, location, quantity, time, *, reference = None))]
    fn disassemble(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] kit: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyKitMovementOutcome> {
        let quantity = to_decimal("quantity", quantity)?;
        let time = to_time("time", time)?;
        self.change(py, move |l| {
            l.disassemble(&kit, &location, quantity, time, reference)
        })?
        .map(PyKitMovementOutcome::from)
        .map_err(|e| core_err(py, e))
    }

    /// Reserves every component of `quantity` virtual bundles at `location` for `order`, all
    /// or nothing.
    #[pyo3(signature = (bundle, location, quantity, order, time, *, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn reserve_bundle(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] bundle: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_string)] order: String,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyKitMovementOutcome> {
        let quantity = to_decimal("quantity", quantity)?;
        let time = to_time("time", time)?;
        self.change(py, move |l| {
            l.reserve_bundle(&bundle, &location, quantity, &order, time, reference)
        })?
        .map(PyKitMovementOutcome::from)
        .map_err(|e| core_err(py, e))
    }

    /// Releases the reservation of every component of `quantity` bundles for `order`, all or
    /// nothing.
    #[pyo3(signature = (bundle, location, quantity, order, time, *, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn release_bundle(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] bundle: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_string)] order: String,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyKitMovementOutcome> {
        let quantity = to_decimal("quantity", quantity)?;
        let time = to_time("time", time)?;
        self.change(py, move |l| {
            l.release_bundle(&bundle, &location, quantity, &order, time, reference)
        })?
        .map(PyKitMovementOutcome::from)
        .map_err(|e| core_err(py, e))
    }

    /// Ships `quantity` bundles from `location` (from `order`'s reservation when given, else
    /// from available stock), all or nothing; the bundle's COGS is the sum of its
    /// components'. `reference` is required: the components' shipments carry
    /// `"{reference}/{component}"`, and `return_bundle` names it.
    #[pyo3(signature = (bundle, location, quantity, time, *, reference, order = None))]
    #[allow(clippy::too_many_arguments)]
    fn ship_bundle(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] bundle: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_string)] reference: String,
        #[pyo3(from_py_with = arg_opt_string)] order: Option<String>,
    ) -> PyResult<PyKitMovementOutcome> {
        let quantity = to_decimal("quantity", quantity)?;
        let time = to_time("time", time)?;
        self.change(py, move |l| {
            l.ship_bundle(
                &bundle,
                &location,
                quantity,
                time,
                order.as_deref(),
                reference,
            )
        })?
        .map(PyKitMovementOutcome::from)
        .map_err(|e| core_err(py, e))
    }

    /// Takes back `quantity` bundles of the bundle shipment `shipment` (its reference) at
    /// `location`: every component comes back as a customer return of its own shipment, at
    /// the cost it left with; all or nothing.
    #[pyo3(signature = (shipment, location, quantity, time, *, reference = None))]
    fn return_bundle(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_string)] shipment: String,
        #[pyo3(from_py_with = arg_string)] location: String,
        quantity: &Bound<'_, PyAny>,
        time: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_string)] reference: Option<String>,
    ) -> PyResult<PyKitMovementOutcome> {
        let quantity = to_decimal("quantity", quantity)?;
        let time = to_time("time", time)?;
        self.change(py, move |l| {
            l.return_bundle(&shipment, &location, quantity, time, reference)
        })?
        .map(PyKitMovementOutcome::from)
        .map_err(|e| core_err(py, e))
    }

    /// Every bundle posting, in order.
    fn bundle_records(&self, py: Python<'_>) -> PyResult<Vec<PyBundleRecord>> {
        let rows = self.with(py, |l| l.bundle_records().to_vec())?;
        Ok(rows.into_iter().map(PyBundleRecord::from).collect())
    }

    /// A virtual bundle's own demand: bundles shipped net of bundles returned per day or
    /// ISO week, zero-filled, as `demand_history`.
    #[pyo3(signature = (bundle, location = None, period = "day", start = None, end = None))]
    fn bundle_demand_history(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] bundle: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        #[pyo3(from_py_with = arg_str)] period: &str,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDemandHistory> {
        let period = parse::<Period>(py, period)?;
        let from: Option<Timestamp> = to_opt_time("start", start)?;
        let to: Option<Timestamp> = to_opt_time("end", end)?;
        self.detached(py, |l| {
            l.bundle_demand_history(bundle, location, period, from, to)
        })?
        .map(PyDemandHistory::from)
        .map_err(|e| core_err(py, e))
    }

    /// The true pull on `sku`: its own net shipments plus every assembled kit's net
    /// shipments times the units of `sku` each pulls, per day or ISO week, zero-filled, as
    /// `demand_history`.
    #[pyo3(signature = (sku, location = None, period = "day", start = None, end = None))]
    fn exploded_demand_history(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        #[pyo3(from_py_with = arg_str)] period: &str,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDemandHistory> {
        let period = parse::<Period>(py, period)?;
        let from: Option<Timestamp> = to_opt_time("start", start)?;
        let to: Option<Timestamp> = to_opt_time("end", end)?;
        self.detached(py, |l| {
            l.exploded_demand_history(sku, location, period, from, to)
        })?
        .map(PyDemandHistory::from)
        .map_err(|e| core_err(py, e))
    }

    /// The pairs and triples of items bought together in the orders shipped in
    /// `[start, end)`, with support, confidence and lift, best first; `min_support` in
    /// (0, 1] (default `DEFAULT_MIN_SUPPORT`). Reads the ledger with the GIL released.
    #[pyo3(
        signature = (start, end, min_support = DEFAULT_MIN_SUPPORT),
        text_signature = "($self, start, end, min_support=0.01)"
    )]
    fn bundle_candidates(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_f64)] min_support: f64,
    ) -> PyResult<PyBundleCandidates> {
        let (from, to) = (to_time("start", start)?, to_time("end", end)?);
        self.detached(py, |l| l.bundle_candidates(from, to, min_support))?
            .map(PyBundleCandidates::from)
            .map_err(|e| core_err(py, e))
    }

    // ----- replenishment -----

    /// A planning run: projected stock, suggested purchase orders by supplier, transfers and
    /// alerts for every SKU × location of the request's forecasts. Reads the ledger only,
    /// with the GIL released.
    fn plan(&self, py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<PyPlan> {
        let request = &replenish::arg::<PyPlanRequest>("request", "PlanRequest", request)?
            .get()
            .inner;
        self.detached(py, |l| l.plan(request))?
            .map(PyPlan::from)
            .map_err(|e| core_err(py, e))
    }

    /// Splits pooled forecasts (`PooledForecast`s) over locations by each location's share
    /// of the SKU's net demand in the `lookback_days` before `as_of`: `locations` (the same
    /// for every SKU), else each SKU's locations with sellable stock or a recent sale.
    /// Returns `DemandForecast`s, each SKU's by location name.
    #[pyo3(signature = (pooled, as_of, lookback_days = 91, locations = None))]
    fn split_forecast(
        &self,
        py: Python<'_>,
        pooled: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_i64)] lookback_days: i64,
        locations: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<replenish::PyDemandForecast>> {
        let pooled = replenish::pooled_forecasts("pooled", pooled)?;
        let as_of = to_time("as_of", as_of)?;
        let lookback = whole_days(py, "lookback_days", lookback_days)?;
        let mut locs = Vec::new();
        if let Some(l) = locations.filter(|l| !l.is_none()) {
            each("locations", l, |label, item| {
                locs.push(to_str(label, item)?);
                Ok(())
            })?;
        }
        self.detached(py, |l| l.split_forecast(&pooled, as_of, lookback, &locs))?
            .map(|v| {
                v.into_iter()
                    .map(replenish::PyDemandForecast::from)
                    .collect()
            })
            .map_err(|e| core_err(py, e))
    }

    /// Posts accepted transfers (as stock transfers) and creates and places accepted
    /// suggestions as purchase orders under the given ids, all at `time`, in one
    /// transaction: everything, or nothing on the first error. `orders` is a dict
    /// `{order id: SupplierSuggestion}` or a list of `(order id, SupplierSuggestion)` pairs.
    #[pyo3(
        signature = (orders, transfers = None, *, time),
        text_signature = "($self, orders, transfers=(), *, time)"
    )]
    fn accept_plan(
        &self,
        py: Python<'_>,
        orders: &Bound<'_, PyAny>,
        transfers: Option<&Bound<'_, PyAny>>,
        time: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyPurchaseOutcome>> {
        let orders = replenish::accepted_orders(orders)?;
        let transfers = replenish::transfers(transfers)?;
        let time = to_time("time", time)?;
        let outcomes = self
            .change(py, move |l| l.accept_plan(orders, transfers, time))?
            .map_err(|e| core_err(py, e))?;
        Ok(outcomes.into_iter().map(PyPurchaseOutcome::from).collect())
    }

    // ----- policy, classification and health metrics -----

    /// Mean and sample standard deviation of a SKU's demand history (per day or week).
    #[pyo3(signature = (sku, location = None, period = "day", start = None, end = None))]
    fn demand_stats(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        #[pyo3(from_py_with = arg_opt_str)] location: Option<&str>,
        #[pyo3(from_py_with = arg_str)] period: &str,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(f64, f64)> {
        let period = parse::<Period>(py, period)?;
        let from: Option<Timestamp> = to_opt_time("start", start)?;
        let to: Option<Timestamp> = to_opt_time("end", end)?;
        self.detached(py, |l| {
            l.demand_history(sku, location, period, from, to)
                .and_then(|h| DemandStats::from_history(&h))
        })?
        .map(|s| (s.mean, s.std_dev))
        .map_err(|e| core_err(py, e))
    }

    /// ABC classes of every SKU by units sold ("units") or COGS ("consumption_value") over
    /// `[start, end)`, in the ledger's SKU order.
    #[pyo3(signature = (start, end, *, measure = "units", a = 0.8, b = 0.95))]
    fn abc(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] measure: &str,
        #[pyo3(from_py_with = arg_f64)] a: f64,
        #[pyo3(from_py_with = arg_f64)] b: f64,
    ) -> PyResult<Vec<(String, PyAbcItem)>> {
        let measure = measure.parse::<AbcMeasure>().map_err(|e| core_err(py, e))?;
        let (from, to) = (to_time("start", start)?, to_time("end", end)?);
        let items = self
            .detached(py, |l| {
                classify::abc_from_ledger(l, from, to, measure, AbcThresholds { a, b })
            })?
            .map_err(|e| core_err(py, e))?;
        Ok(items.into_iter().map(|(s, i)| (s, i.into())).collect())
    }

    /// XYZ classes of every SKU from its demand per day or week over `[start, end)`.
    #[pyo3(signature = (start, end, *, period = "day", x = 0.5, y = 1.0))]
    fn xyz(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_str)] period: &str,
        #[pyo3(from_py_with = arg_f64)] x: f64,
        #[pyo3(from_py_with = arg_f64)] y: f64,
    ) -> PyResult<Vec<(String, PyXyzItem)>> {
        let period = parse::<Period>(py, period)?;
        let (from, to) = (to_time("start", start)?, to_time("end", end)?);
        let items = self
            .detached(py, |l| {
                classify::xyz_from_ledger(l, from, to, period, XyzThresholds { x, y })
            })?
            .map_err(|e| core_err(py, e))?;
        Ok(items.into_iter().map(|(s, i)| (s, i.into())).collect())
    }

    /// A SKU's activity over `[start, end)`: units, COGS, turnover, days of inventory, ...
    fn activity(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = arg_str)] sku: &str,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<PySkuActivity> {
        let (from, to) = (to_time("start", start)?, to_time("end", end)?);
        self.detached(py, |l| metrics::activity(l, sku, from, to))?
            .map(PySkuActivity::from)
            .map_err(|e| core_err(py, e))
    }

    /// The activity of every SKU over `[start, end)`, in the ledger's SKU order.
    fn activity_all(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PySkuActivity>> {
        let (from, to) = (to_time("start", start)?, to_time("end", end)?);
        let acts = self
            .detached(py, |l| metrics::activity_all(l, from, to))?
            .map_err(|e| core_err(py, e))?;
        Ok(acts.into_iter().map(PySkuActivity::from).collect())
    }

    /// Stock by age at `as_of`, from the open cost layers (one SKU, or all when None).
    #[pyo3(signature = (as_of, *, sku = None, bounds = None))]
    fn aging(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_opt_str)] sku: Option<&str>,
        #[pyo3(from_py_with = arg_opt_i64s)] bounds: Option<Vec<i64>>,
    ) -> PyResult<Vec<PyAgingBucket>> {
        let as_of = to_time("as_of", as_of)?;
        let bounds: Vec<u32> = match bounds {
            None => metrics::DEFAULT_AGING_BOUNDS.to_vec(),
            Some(b) => b
                .into_iter()
                .map(|d| days_arg(py, "bounds", d))
                .collect::<PyResult<_>>()?,
        };
        let buckets = self
            .detached(py, |l| metrics::aging(l, sku, as_of, &bounds))?
            .map_err(|e| core_err(py, e))?;
        Ok(buckets.into_iter().map(PyAgingBucket::from).collect())
    }

    /// SKUs with stock and no shipment in the `days` days up to `as_of`, most valuable first.
    fn dead_stock(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_i64)] days: i64,
    ) -> PyResult<Vec<PyDeadStock>> {
        let as_of = to_time("as_of", as_of)?;
        let days = days_arg(py, "days", days)?;
        let out = self
            .detached(py, |l| metrics::dead_stock(l, as_of, days))?
            .map_err(|e| core_err(py, e))?;
        Ok(out.into_iter().map(PyDeadStock::from).collect())
    }

    /// SKUs whose stock lasts more than `min_days_of_supply` days at their demand over the
    /// `window_days` days up to `as_of`, slowest first.
    fn slow_movers(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_i64)] window_days: i64,
        #[pyo3(from_py_with = arg_f64)] min_days_of_supply: f64,
    ) -> PyResult<Vec<PyStockCover>> {
        let as_of = to_time("as_of", as_of)?;
        let window = days_arg(py, "window_days", window_days)?;
        let out = self
            .detached(py, |l| {
                metrics::slow_movers(l, as_of, window, min_days_of_supply)
            })?
            .map_err(|e| core_err(py, e))?;
        Ok(out.into_iter().map(PyStockCover::from).collect())
    }

    /// SKUs holding more than `cover_days` days of their demand over the `window_days` days
    /// up to `as_of`, largest excess value first.
    fn overstock(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = arg_i64)] window_days: i64,
        #[pyo3(from_py_with = arg_f64)] cover_days: f64,
    ) -> PyResult<Vec<PyStockCover>> {
        let as_of = to_time("as_of", as_of)?;
        let window = days_arg(py, "window_days", window_days)?;
        let out = self
            .detached(py, |l| metrics::overstock(l, as_of, window, cover_days))?
            .map_err(|e| core_err(py, e))?;
        Ok(out.into_iter().map(PyStockCover::from).collect())
    }
}

/// A whole number of days as the core's `u32` (a negative or huge number is InvalidInput).
fn days_arg(py: Python<'_>, name: &str, days: i64) -> PyResult<u32> {
    u32::try_from(days).map_err(|_| {
        invalid_input(
            py,
            format!(
                "{name}: {days} is not a whole number of days between 0 and {}",
                u32::MAX
            ),
        )
    })
}
