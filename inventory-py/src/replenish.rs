//! Replenishment (`inventory_core::replenish`): policy settings, demand forecasts and plan
//! requests built from Python values, the read-only results of a planning run, and the
//! policies by ABC/XYZ class.
//!
//! Nothing here decides anything. Which parameters a policy takes is
//! `Policy::from_parts`'s rule; the defaults (service level, horizon, transfer lead time,
//! the class table, ...) are read from the core's constructors; every bound on a request
//! (a service level outside (0, 1), a horizon of 0, a negative forecast, ...) is checked by
//! `Ledger::plan`. The binding reads Python values into the core's types, refusing what has
//! no meaning as that type (a float amount, an unknown class letter, a value of the wrong
//! class), and converts results back: decimals as `decimal.Decimal`, times as aware UTC
//! datetimes, the projection as a float64 numpy array.
//!
//! `Ledger.plan` and `Ledger.accept_plan` are in `ledger.rs` (a class has one
//! `#[pymethods]` block); they call [`accepted_orders`] and [`transfers`] here.

use inventory_core::classify::{AbcClass, XyzClass};
use inventory_core::replenish::{
    self, AcceptedOrder, Alert, ClassPolicies, CutLine, DemandForecast, OrderQuantityRule, Plan,
    PlanItem, PlanRequest, Policy, PolicyAssignment, PolicySettings, PooledForecast, SkuClass,
    SuggestedLine, SuggestedTransfer, SupplierSuggestion,
};
use inventory_core::{Decimal, LedgerError, Period};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::type_object::PyTypeCheck;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::arrays::{core_err, f64_array, f64_column};
use crate::classify::{abc_str, xyz_str};
use crate::convert::{
    arg_f64, arg_i64, arg_opt_f64, arg_opt_i64, arg_opt_str, arg_opt_string, arg_str, arg_string,
    each, opt_time, py_decimal, py_opt_decimal, py_time, short_type_name, to_decimal,
    to_opt_decimal, to_str, to_time, whole_days,
};
use crate::errors::{invalid_input, wrong_type};
use crate::ledger::PyLedger;

// ----- reading Python values -----

/// An object of the pyclass `T` (named `what` in the error): an argument, an item of a list,
/// a field of a tuple. Anything else is a `TypeError` naming `label` (`demand[2]`), as a
/// wrong type is in Python.
pub(crate) fn instance<'a, 'py, T: PyTypeCheck>(
    label: &str,
    what: &str,
    obj: &'a Bound<'py, PyAny>,
) -> PyResult<&'a Bound<'py, T>> {
    obj.cast::<T>()
        .map_err(|_| wrong_type(label, &format!("a {what}"), obj))
}

/// An argument that must be an object of the pyclass `T` (named `what`): as [`instance`].
pub(crate) fn arg<'a, 'py, T: PyTypeCheck>(
    name: &str,
    what: &str,
    obj: &'a Bound<'py, PyAny>,
) -> PyResult<&'a Bound<'py, T>> {
    instance::<T>(name, what, obj)
}

/// An optional argument of the pyclass `T` (`None`: not given).
fn opt_arg<'a, 'py, T: PyTypeCheck>(
    name: &str,
    what: &str,
    obj: Option<&'a Bound<'py, PyAny>>,
) -> PyResult<Option<&'a Bound<'py, T>>> {
    obj.filter(|o| !o.is_none())
        .map(|o| arg::<T>(name, what, o))
        .transpose()
}

/// Amounts by name from a dict (or another mapping) `{name: amount}`, in its order; `None`:
/// none.
fn amounts(name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, Decimal)>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let pairs = if let Ok(dict) = obj.cast::<PyDict>() {
        dict.items().into_any()
    } else if !obj.is_instance_of::<PyString>() && obj.hasattr("keys")? && obj.hasattr("items")? {
        obj.call_method0("items")?
    } else {
        return Err(wrong_type(name, "a dict {name: amount}", obj));
    };
    let mut out = Vec::new();
    for pair in pairs.try_iter()? {
        let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair?.extract()?;
        let key = to_str(&format!("{name}: a key"), &key)?;
        let amount = to_decimal(&format!("{name}[{key:?}]"), &value)?;
        out.push((key, amount));
    }
    Ok(out)
}

/// Amounts by name as a dict, in the request's order.
fn amounts_dict<'py>(py: Python<'py>, pairs: &[(String, Decimal)]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in pairs {
        d.set_item(k, py_decimal(py, *v)?)?;
    }
    Ok(d)
}

/// Days of demand (`label` in errors): a list, tuple or other iterable of numbers, or a
/// 1-d array (a forecast's days, a simulated history), read by the binding's one reader of
/// float columns, [`f64_column`] (arrays through the one path for numeric buffers: in place
/// when native float64, else converted once, whatever their byte order). A value of the
/// wrong type (None, a str, an item that is not a number, an array of text) is a
/// `TypeError`; an array of other than one dimension InvalidInput.
pub(crate) fn floats(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    f64_column(label, obj)
}

/// An ABC class from its letter, as `SkuClass.abc` gives it.
fn abc_class(py: Python<'_>, field: &str, s: &str) -> PyResult<AbcClass> {
    match s {
        "A" => Ok(AbcClass::A),
        "B" => Ok(AbcClass::B),
        "C" => Ok(AbcClass::C),
        other => Err(invalid_input(
            py,
            format!("{field}: unknown ABC class {other:?} (expected A, B or C)"),
        )),
    }
}

/// An XYZ class from its letter, as `SkuClass.xyz` gives it.
fn xyz_class(py: Python<'_>, field: &str, s: &str) -> PyResult<XyzClass> {
    match s {
        "X" => Ok(XyzClass::X),
        "Y" => Ok(XyzClass::Y),
        "Z" => Ok(XyzClass::Z),
        other => Err(invalid_input(
            py,
            format!("{field}: unknown XYZ class {other:?} (expected X, Y or Z)"),
        )),
    }
}

// ----- policies -----

/// The core's default settings (the reorder-point policy with the EOQ).
fn default_settings() -> PolicySettings {
    PolicySettings::default()
}

view! {
    /// A replenishment policy with the parameters its numbers come from.
    "PolicySettings": PyPolicySettings(PolicySettings) {
        /// The policy's name: reorder_point, min_max, order_up_to, periodic_min_max,
        /// just_in_time, dropship or manual.
        policy(s, py) { Ok(s.policy.name()) }
        /// The review period in days (0 for the continuous policies).
        review_days(s, py) { Ok(s.policy.review_days()) }
        /// The fixed order quantity of a reorder_point policy (None: the EOQ).
        fixed_quantity(s, py) {
            py_opt_decimal(py, match s.policy {
                Policy::ReorderPoint { quantity: OrderQuantityRule::Fixed(q) } => Some(q),
                _ => None,
            })
        }
        /// The given minimum of a min_max policy (None: computed).
        min(s, py) {
            py_opt_decimal(py, match s.policy {
                Policy::MinMax { min, .. } => min,
                _ => None,
            })
        }
        /// The given maximum of a min_max policy (None: computed).
        max(s, py) {
            py_opt_decimal(py, match s.policy {
                Policy::MinMax { max, .. } => max,
                _ => None,
            })
        }
        /// The cycle service level.
        service_level(s, py) { Ok(s.service_level) }
        /// The cost of placing one order line, for the EOQ.
        order_cost(s, py) { Ok(s.order_cost) }
        /// The yearly holding cost as a share of the unit price, for the EOQ.
        holding_rate(s, py) { Ok(s.holding_rate) }
    }
    methods {
        #[new]
        #[pyo3(
            signature = (
                policy = "reorder_point",
                *,
                service_level = default_settings().service_level,
                order_cost = default_settings().order_cost,
                holding_rate = default_settings().holding_rate,
                review_days = 0,
                fixed_quantity = None,
                min = None,
                max = None
            ),
            text_signature = "(policy='reorder_point', *, service_level=0.95, order_cost=25.0, holding_rate=0.25, review_days=0, fixed_quantity=None, min=None, max=None)"
        )]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            #[pyo3(from_py_with = arg_str)] policy: &str,
            #[pyo3(from_py_with = arg_f64)] service_level: f64,
            #[pyo3(from_py_with = arg_f64)] order_cost: f64,
            #[pyo3(from_py_with = arg_f64)] holding_rate: f64,
            #[pyo3(from_py_with = arg_i64)] review_days: i64,
            fixed_quantity: Option<&Bound<'_, PyAny>>,
            min: Option<&Bound<'_, PyAny>>,
            max: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Self> {
            let policy = Policy::from_parts(
                policy,
                whole_days(py, "review_days", review_days)?,
                to_opt_decimal("fixed_quantity", fixed_quantity)?,
                to_opt_decimal("min", min)?,
                to_opt_decimal("max", max)?,
            )
            .map_err(|e| core_err(py, e))?;
            Ok(PolicySettings::new(policy)
                .service_level(service_level)
                .order_cost(order_cost)
                .holding_rate(holding_rate)
                .into())
        }
    }
}

/// `settings` as a `PolicySettings` object (InvalidInput naming `label` otherwise).
fn settings_of(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<PolicySettings> {
    Ok(instance::<PyPolicySettings>(label, "PolicySettings", obj)?
        .get()
        .inner)
}

view! {
    /// The policy of one SKU (at every location), or of one SKU at one location.
    "PolicyAssignment": PyPolicyAssignment(PolicyAssignment) {
        /// The SKU.
        sku(a, py) { Ok(a.sku.clone()) }
        /// The location, or None for every location of the SKU.
        location(a, py) { Ok(a.location.clone()) }
        /// The policy.
        settings(a, py) { Ok(PyPolicySettings::from(a.settings)) }
    }
    methods {
        #[new]
        #[pyo3(signature = (sku, location, settings))]
        fn new(#[pyo3(from_py_with = arg_string)] sku: String, #[pyo3(from_py_with = arg_opt_string)] location: Option<String>, settings: &Bound<'_, PyAny>) -> PyResult<Self> {
            let settings = arg::<PyPolicySettings>("settings", "PolicySettings", settings)?.get().inner;
            Ok(PolicyAssignment { sku, location, settings }.into())
        }
    }
}

/// A policy assignment from a `PolicyAssignment` or a tuple `(sku, location or None,
/// PolicySettings)`.
fn assignment(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<PolicyAssignment> {
    let py = obj.py();
    if let Ok(a) = obj.cast::<PyPolicyAssignment>() {
        return Ok(a.get().inner.clone());
    }
    if obj.is_instance_of::<PyTuple>() || obj.is_instance_of::<PyList>() {
        let n = obj.len()?;
        if n != 3 {
            return Err(invalid_input(
                py,
                format!("{label}: a policy tuple has 3 items (sku, location or None, PolicySettings), got {n}"),
            ));
        }
        let location = obj.get_item(1)?;
        return Ok(PolicyAssignment {
            sku: to_str(&format!("{label}.sku"), &obj.get_item(0)?)?,
            location: if location.is_none() {
                None
            } else {
                Some(to_str(&format!("{label}.location"), &location)?)
            },
            settings: settings_of(&format!("{label}.settings"), &obj.get_item(2)?)?,
        });
    }
    Err(wrong_type(
        label,
        "a (sku, location or None, PolicySettings) tuple or a PolicyAssignment",
        obj,
    ))
}

// ----- classes -----

view! {
    /// A SKU's ABC and XYZ classes.
    "SkuClass": PySkuClass(SkuClass) {
        /// The SKU.
        sku(c, py) { Ok(c.sku.clone()) }
        /// "A", "B" or "C".
        abc(c, py) { Ok::<_, PyErr>(abc_str(c.abc)) }
        /// "X", "Y" or "Z".
        xyz(c, py) { Ok::<_, PyErr>(xyz_str(c.xyz)) }
    }
    methods {
        #[new]
        fn new(py: Python<'_>, #[pyo3(from_py_with = arg_string)] sku: String, #[pyo3(from_py_with = arg_str)] abc: &str, #[pyo3(from_py_with = arg_str)] xyz: &str) -> PyResult<Self> {
            Ok(SkuClass {
                sku,
                abc: abc_class(py, "abc", abc)?,
                xyz: xyz_class(py, "xyz", xyz)?,
            }
            .into())
        }
    }
}

/// A SKU's classes from a `SkuClass` or a tuple `(sku, abc, xyz)`.
fn sku_class(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<SkuClass> {
    let py = obj.py();
    if let Ok(c) = obj.cast::<PySkuClass>() {
        return Ok(c.get().inner.clone());
    }
    if obj.is_instance_of::<PyTuple>() || obj.is_instance_of::<PyList>() {
        let n = obj.len()?;
        if n != 3 {
            return Err(invalid_input(
                py,
                format!("{label}: a class tuple has 3 items (sku, abc, xyz), got {n}"),
            ));
        }
        let abc = to_str(&format!("{label}.abc"), &obj.get_item(1)?)?;
        let xyz = to_str(&format!("{label}.xyz"), &obj.get_item(2)?)?;
        return Ok(SkuClass {
            sku: to_str(&format!("{label}.sku"), &obj.get_item(0)?)?,
            abc: abc_class(py, &format!("{label}.abc"), &abc)?,
            xyz: xyz_class(py, &format!("{label}.xyz"), &xyz)?,
        });
    }
    Err(wrong_type(
        label,
        "a SkuClass or an (sku, abc, xyz) tuple",
        obj,
    ))
}

/// The `z` argument of `ClassPolicies`: omitted, the core's Z row; `None`, no Z row.
struct ZRow(Option<PolicySettings>);

/// Reads the `z` argument (given: a `PolicySettings` or `None`).
fn z_row(obj: &Bound<'_, PyAny>) -> PyResult<ZRow> {
    if obj.is_none() {
        return Ok(ZRow(None));
    }
    match obj.cast::<PyPolicySettings>() {
        Ok(s) => Ok(ZRow(Some(s.get().inner))),
        Err(_) => Err(PyTypeError::new_err(format!(
            "z: expected a PolicySettings or None, got {}",
            short_type_name(obj)
        ))),
    }
}

view! {
    /// The policy of each ABC class, and of erratic (Z) items whatever their ABC class.
    "ClassPolicies": PyClassPolicies(ClassPolicies) {
        /// Class A.
        a(t, py) { Ok(PyPolicySettings::from(t.a)) }
        /// Class B.
        b(t, py) { Ok(PyPolicySettings::from(t.b)) }
        /// Class C.
        c(t, py) { Ok(PyPolicySettings::from(t.c)) }
        /// Z items, overriding their ABC row (None: by ABC only).
        z(t, py) { Ok(t.z.map(PyPolicySettings::from)) }
    }
    methods {
        #[new]
        #[pyo3(
            signature = (a = None, b = None, c = None, z = ZRow(ClassPolicies::default().z)),
            text_signature = "(a=None, b=None, c=None, z=...)"
        )]
        fn new(
            a: Option<&Bound<'_, PyAny>>,
            b: Option<&Bound<'_, PyAny>>,
            c: Option<&Bound<'_, PyAny>>,
            #[pyo3(from_py_with = z_row)] z: ZRow,
        ) -> PyResult<Self> {
            let mut t = ClassPolicies::default();
            let row = |name: &str, s: Option<&Bound<'_, PyAny>>, default: PolicySettings| {
                Ok::<_, PyErr>(opt_arg::<PyPolicySettings>(name, "PolicySettings or None", s)?
                    .map_or(default, |s| s.get().inner))
            };
            t.a = row("a", a, t.a)?;
            t.b = row("b", b, t.b)?;
            t.c = row("c", c, t.c)?;
            t.z = z.0;
            Ok(t.into())
        }

        /// The settings of a SKU of classes `abc` ("A", "B", "C") and `xyz` ("X", "Y", "Z").
        fn settings(&self, py: Python<'_>, #[pyo3(from_py_with = arg_str)] abc: &str, #[pyo3(from_py_with = arg_str)] xyz: &str) -> PyResult<PyPolicySettings> {
            Ok(self
                .inner
                .settings(abc_class(py, "abc", abc)?, xyz_class(py, "xyz", xyz)?)
                .into())
        }
    }
}

/// Every SKU's ABC class by consumption value (COGS) and XYZ class by weekly demand over
/// `[from_, to)`, with the default thresholds, for `PlanRequest.class_policies`.
#[pyfunction]
#[pyo3(signature = (ledger, from_, to))]
pub(crate) fn classes_from_ledger(
    py: Python<'_>,
    ledger: &Bound<'_, PyAny>,
    from_: &Bound<'_, PyAny>,
    to: &Bound<'_, PyAny>,
) -> PyResult<Vec<PySkuClass>> {
    let ledger = arg::<PyLedger>("ledger", "Ledger", ledger)?;
    let (from, to) = (to_time("from_", from_)?, to_time("to", to)?);
    let classes = ledger
        .get()
        .detached(py, |l| replenish::classes_from_ledger(l, from, to))?
        .map_err(|e| core_err(py, e))?;
    Ok(classes.into_iter().map(PySkuClass::from).collect())
}

// ----- requests -----

view! {
    /// Expected demand of a SKU at a location, day by day from the as-of day.
    "DemandForecast": PyDemandForecast(DemandForecast) {
        /// The SKU.
        sku(f, py) { Ok(f.sku.clone()) }
        /// The location.
        location(f, py) { Ok(f.location.clone()) }
        /// Expected units per day (day 0 is the as-of day), a new float64 numpy array.
        daily(f, py) { f64_array(py, &f.daily) }
        /// Standard deviation of one day's demand.
        daily_std(f, py) { Ok(f.daily_std) }
    }
    methods {
        #[new]
        fn new(#[pyo3(from_py_with = arg_string)] sku: String, #[pyo3(from_py_with = arg_string)] location: String, daily: &Bound<'_, PyAny>, #[pyo3(from_py_with = arg_f64)] daily_std: f64) -> PyResult<Self> {
            Ok(DemandForecast {
                sku,
                location,
                daily: floats("daily", daily)?,
                daily_std,
            }
            .into())
        }

        /// A forecast of `daily` units a day (σ `daily_std`) for `days` days.
        #[staticmethod]
        fn flat(
            py: Python<'_>,
            #[pyo3(from_py_with = arg_string)] sku: String,
            #[pyo3(from_py_with = arg_string)] location: String,
            #[pyo3(from_py_with = arg_f64)] daily: f64,
            #[pyo3(from_py_with = arg_f64)] daily_std: f64,
            #[pyo3(from_py_with = arg_i64)] days: i64,
        ) -> PyResult<Self> {
            let days = usize::try_from(days).map_err(|_| {
                invalid_input(py, format!("days: {days} is not a whole number of days ≥ 0"))
            })?;
            // The core keeps 1 to MAX_PLAN_DAYS days (the last day repeats beyond them).
            Ok(DemandForecast::flat(sku, location, daily, daily_std, days).into())
        }
    }
}

view! {
    /// Expected demand of a SKU over all locations together, day by day from the as-of
    /// day, to be split over the locations (`Ledger.split_forecast`, or
    /// `PlanRequest(pooled=...)`).
    "PooledForecast": PyPooledForecast(PooledForecast) {
        /// The SKU.
        sku(f, py) { Ok(f.sku.clone()) }
        /// Expected units per day over all locations (day 0 is the as-of day), a new
        /// float64 numpy array.
        daily(f, py) { f64_array(py, &f.daily) }
        /// Standard deviation of one day's demand over all locations.
        daily_std(f, py) { Ok(f.daily_std) }
    }
    methods {
        #[new]
        fn new(
            #[pyo3(from_py_with = arg_string)] sku: String,
            daily: &Bound<'_, PyAny>,
            #[pyo3(from_py_with = arg_f64)] daily_std: f64,
        ) -> PyResult<Self> {
            Ok(PooledForecast::new(sku, floats("daily", daily)?, daily_std).into())
        }
    }
}

/// Pooled forecasts from a sequence of `PooledForecast` (`what` names the argument).
pub(crate) fn pooled_forecasts(
    what: &str,
    obj: &Bound<'_, PyAny>,
) -> PyResult<Vec<PooledForecast>> {
    let mut out = Vec::new();
    each(what, obj, |label, item| {
        let f = instance::<PyPooledForecast>(label, "PooledForecast", item)?;
        out.push(f.get().inner.clone());
        Ok(())
    })?;
    Ok(out)
}

/// The core's request defaults (horizon, overstock threshold, transfer lead time, threads,
/// projection step).
fn default_request() -> PlanRequest {
    PlanRequest::new(0, Vec::new())
}

/// The core's default thread count, as the `int` argument (a count that large is refused
/// by the core anyway).
fn default_threads() -> i64 {
    i64::try_from(default_request().threads).unwrap_or(i64::MAX)
}

/// A projection step's name.
fn period_str(p: Period) -> &'static str {
    match p {
        Period::Day => "day",
        Period::Week => "week",
    }
}

view! {
    /// What a planning run is asked (read-only; `class_policies` returns a new request).
    "PlanRequest": PyPlanRequest(PlanRequest) {
        /// The time of the run.
        as_of(r, py) { py_time(py, r.as_of) }
        /// The forecasts, one per SKU × location planned.
        demand(r, py) { Ok(r.demand.iter().cloned().map(PyDemandForecast::from).collect::<Vec<_>>()) }
        /// Pooled forecasts, split over each SKU's locations when planned.
        pooled(r, py) { Ok(r.pooled.iter().cloned().map(PyPooledForecast::from).collect::<Vec<_>>()) }
        /// The look-back of the pooled forecasts' split, in days.
        pooled_lookback_days(r, py) { Ok(r.pooled_lookback_days) }
        /// Forecasts of kits' and bundles' sales, exploded into their components' demand.
        kit_demand(r, py) { Ok(r.kit_demand.iter().cloned().map(PyDemandForecast::from).collect::<Vec<_>>()) }
        /// Days projected.
        horizon_days(r, py) { Ok(r.horizon_days) }
        /// The policy of SKUs without an assignment.
        default_policy(r, py) { Ok(PyPolicySettings::from(r.default_policy)) }
        /// Policies by SKU or SKU × location (the most specific wins).
        policies(r, py) { Ok(r.policies.iter().cloned().map(PyPolicyAssignment::from).collect::<Vec<_>>()) }
        /// Cover in days above which a pair is overstocked.
        overstock_days(r, py) { Ok(r.overstock_days) }
        /// Days a transfer between locations takes (None: no transfers).
        transfer_days(r, py) { Ok(r.transfer_days) }
        /// The look-back of the dead and slow stock alerts in days (None: none).
        dead_stock_days(r, py) { Ok(r.dead_stock_days) }
        /// The most the run may spend in all.
        budget(r, py) { py_opt_decimal(py, r.budget) }
        /// The most the run may spend per supplier.
        supplier_budgets(r, py) { amounts_dict(py, &r.supplier_budgets) }
        /// The largest value of one supplier's suggested order.
        max_order_value(r, py) { py_opt_decimal(py, r.max_order_value) }
        /// Units a location can hold, by location.
        capacity(r, py) { amounts_dict(py, &r.capacity) }
        /// Margin per unit by SKU, for ranking lines under a constraint.
        margins(r, py) { amounts_dict(py, &r.margins) }
        /// The projection's step: "day", or "week" (7 days from the as-of day).
        projection(r, py) { Ok::<_, PyErr>(period_str(r.projection)) }
        /// Threads computing the SKU × location numbers (the plan is the same on any count).
        threads(r, py) { Ok(r.threads) }
    }
    methods {
        #[new]
        #[pyo3(
            signature = (
                as_of,
                demand,
                *,
                horizon_days = i64::from(default_request().horizon_days),
                default_policy = None,
                policies = None,
                overstock_days = default_request().overstock_days,
                transfer_days = default_request().transfer_days,
                dead_stock_days = default_request().dead_stock_days.map(i64::from),
                budget = None,
                supplier_budgets = None,
                max_order_value = None,
                capacity = None,
                margins = None,
                projection = None,
                threads = default_threads(),
                pooled = None,
                pooled_lookback_days = i64::from(default_request().pooled_lookback_days),
                kit_demand = None
            ),
            text_signature = "(as_of, demand, *, horizon_days=182, default_policy=None, policies=None, overstock_days=180.0, transfer_days=2.0, dead_stock_days=None, budget=None, supplier_budgets=None, max_order_value=None, capacity=None, margins=None, projection='day', threads=1, pooled=None, pooled_lookback_days=91, kit_demand=None)"
        )]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            as_of: &Bound<'_, PyAny>,
            demand: &Bound<'_, PyAny>,
            #[pyo3(from_py_with = arg_i64)] horizon_days: i64,
            default_policy: Option<&Bound<'_, PyAny>>,
            policies: Option<&Bound<'_, PyAny>>,
            #[pyo3(from_py_with = arg_f64)] overstock_days: f64,
            #[pyo3(from_py_with = arg_opt_f64)] transfer_days: Option<f64>,
            #[pyo3(from_py_with = arg_opt_i64)] dead_stock_days: Option<i64>,
            budget: Option<&Bound<'_, PyAny>>,
            supplier_budgets: Option<&Bound<'_, PyAny>>,
            max_order_value: Option<&Bound<'_, PyAny>>,
            capacity: Option<&Bound<'_, PyAny>>,
            margins: Option<&Bound<'_, PyAny>>,
            #[pyo3(from_py_with = arg_opt_str)] projection: Option<&str>,
            #[pyo3(from_py_with = arg_i64)] threads: i64,
            pooled: Option<&Bound<'_, PyAny>>,
            #[pyo3(from_py_with = arg_i64)] pooled_lookback_days: i64,
            kit_demand: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Self> {
            let as_of = to_time("as_of", as_of)?;
            let mut forecasts = Vec::new();
            each("demand", demand, |label, item| {
                let f = instance::<PyDemandForecast>(label, "DemandForecast", item)?;
                forecasts.push(f.get().inner.clone());
                Ok(())
            })?;
            let mut r = PlanRequest::new(as_of, forecasts)
                .horizon_days(whole_days(py, "horizon_days", horizon_days)?)
                .overstock_days(overstock_days)
                .transfer_days(transfer_days)
                .dead_stock_days(
                    dead_stock_days
                        .map(|d| whole_days(py, "dead_stock_days", d))
                        .transpose()?,
                );
            if let Some(s) = opt_arg::<PyPolicySettings>("default_policy", "PolicySettings", default_policy)? {
                r = r.default_policy(s.get().inner);
            }
            if let Some(p) = policies.filter(|p| !p.is_none()) {
                each("policies", p, |label, item| {
                    r.policies.push(assignment(label, item)?);
                    Ok(())
                })?;
            }
            if let Some(b) = to_opt_decimal("budget", budget)? {
                r = r.budget(b);
            }
            if let Some(m) = to_opt_decimal("max_order_value", max_order_value)? {
                r = r.max_order_value(m);
            }
            for (supplier, amount) in amounts("supplier_budgets", supplier_budgets)? {
                r = r.supplier_budget(supplier, amount);
            }
            for (location, units) in amounts("capacity", capacity)? {
                r = r.capacity(location, units);
            }
            for (sku, margin) in amounts("margins", margins)? {
                r = r.margin(sku, margin);
            }
            if let Some(step) = projection {
                let step = step
                    .parse::<Period>()
                    .map_err(|e: LedgerError| core_err(py, e))?;
                r = r.projection(step);
            }
            if let Some(p) = pooled.filter(|p| !p.is_none()) {
                let lookback = whole_days(py, "pooled_lookback_days", pooled_lookback_days)?;
                r = r.pooled(pooled_forecasts("pooled", p)?, lookback);
            } else {
                r.pooled_lookback_days = whole_days(py, "pooled_lookback_days", pooled_lookback_days)?;
            }
            if let Some(k) = kit_demand.filter(|k| !k.is_none()) {
                each("kit_demand", k, |label, item| {
                    let f = instance::<PyDemandForecast>(label, "DemandForecast", item)?;
                    r.kit_demand.push(f.get().inner.clone());
                    Ok(())
                })?;
            }
            let threads = usize::try_from(threads).map_err(|_| {
                invalid_input(py, format!("threads: {threads} is not a whole number ≥ 0"))
            })?;
            Ok(r.threads(threads).into())
        }

        /// A new request that also assigns every SKU of `classes` (SkuClass objects or
        /// `(sku, abc, xyz)` tuples) the policy of its class in `table` (default: the
        /// core's table), for every location.
        #[pyo3(signature = (classes, table = None))]
        fn class_policies(
            &self,
            classes: &Bound<'_, PyAny>,
            table: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Self> {
            let table = opt_arg::<PyClassPolicies>("table", "ClassPolicies", table)?;
            let mut list = Vec::new();
            each("classes", classes, |label, item| {
                list.push(sku_class(label, item)?);
                Ok(())
            })?;
            let table = table.map_or_else(ClassPolicies::default, |t| t.get().inner);
            Ok(self.inner.clone().class_policies(&list, &table).into())
        }
    }
}

// ----- results -----

view! {
    /// The plan of one SKU at one location: the numbers every suggestion is traced to.
    "PlanItem": PyPlanItem(PlanItem) {
        /// The SKU.
        sku(i, py) { Ok(i.sku.clone()) }
        /// The location.
        location(i, py) { Ok(i.location.clone()) }
        /// The name of the policy applied.
        policy(i, py) { Ok(i.policy.name()) }
        /// The supplier bought from (None: none sells it, or the policy buys nothing).
        supplier(i, py) { Ok(i.supplier.clone()) }
        /// Available stock (on hand − reserved; negative under backorders).
        available(i, py) { py_decimal(py, i.available) }
        /// Units on open lines of placed orders.
        incoming(i, py) { py_decimal(py, i.incoming) }
        /// Inventory position: available + incoming.
        position(i, py) { py_decimal(py, i.position) }
        /// Lead time mean in days.
        lead_time_days(i, py) { Ok(i.lead_time_days) }
        /// Lead time standard deviation in days.
        lead_time_std_days(i, py) { Ok(i.lead_time_std_days) }
        /// "measured" or "quoted" (None without a supplier).
        lead_time_source(i, py) { Ok(i.lead_time_source.map(|s| s.as_str())) }
        /// The protection interval L + R in days.
        protection_days(i, py) { Ok(i.protection_days) }
        /// Expected demand over the protection interval.
        protection_demand(i, py) { Ok(i.protection_demand) }
        /// Standard deviation of demand over the protection interval.
        protection_std(i, py) { Ok(i.protection_std) }
        /// Safety stock.
        safety_stock(i, py) { Ok(i.safety_stock) }
        /// The reorder point s (for order-up-to and just-in-time: the level ordered up to).
        reorder_point(i, py) { Ok(i.reorder_point) }
        /// The order-up-to level S, where the policy has one.
        order_up_to(i, py) { Ok(i.order_up_to) }
        /// The order quantity Q, where the policy has one.
        order_quantity(i, py) { py_opt_decimal(py, i.order_quantity) }
        /// The forecast's mean day over the horizon.
        mean_daily_demand(i, py) { Ok(i.mean_daily_demand) }
        /// Projected available stock (without this plan's transfers and orders) at the end
        /// of each step of the horizon: each day, or each 7 days from the as-of day (the last
        /// step may be shorter), as the request's `projection` says; a new float64 numpy
        /// array.
        projected(i, py) { f64_array(py, &i.projected) }
        /// The first day the projection is below zero (midnight UTC).
        stockout_day(i, py) { opt_time(py, i.stockout_day) }
        /// Whole days before the stockout (the horizon when there is none).
        days_of_cover(i, py) { Ok(i.days_of_cover) }
        /// The 5 %, 50 % and 95 % quantiles of the stock at the lead time.
        stock_at_lead_time(i, py) {
            let [p5, p50, p95] = i.stock_at_lead_time;
            Ok((p5, p50, p95))
        }
    }
}

view! {
    /// A suggested purchase-order line.
    "SuggestedLine": PySuggestedLine(SuggestedLine) {
        /// The SKU.
        sku(l, py) { Ok(l.sku.clone()) }
        /// The delivery location.
        location(l, py) { Ok(l.location.clone()) }
        /// Units to order (pack size and MOQ respected).
        quantity(l, py) { py_decimal(py, l.quantity) }
        /// Units the policy asked for before rounding.
        unrounded(l, py) { Ok(l.unrounded) }
        /// Extra units from rounding × the unit price (0 when rounding went down).
        rounding_cost(l, py) { py_decimal(py, l.rounding_cost) }
        /// The supplier's unit price for the quantity.
        unit_price(l, py) { py_decimal(py, l.unit_price) }
        /// quantity × unit price, in the money scale.
        value(l, py) { py_decimal(py, l.value) }
        /// Order by then.
        order_by(l, py) { py_time(py, l.order_by) }
        /// Expected arrival if ordered by then.
        expected(l, py) { py_time(py, l.expected) }
        /// Why: below_reorder_point, below_min, periodic_review or just_in_time.
        reason(l, py) { Ok::<_, PyErr>(l.reason.as_str()) }
        /// The position when planned (after the plan's transfers).
        position(l, py) { py_decimal(py, l.position) }
        /// The reorder point (or level) crossed.
        reorder_point(l, py) { Ok(l.reorder_point) }
        /// Expected units short before the order could arrive, were it not placed.
        expected_shortage(l, py) { Ok(l.expected_shortage) }
        /// The ranking under constraints: expected lost margin avoided per unit of money.
        priority(l, py) { Ok(l.priority) }
    }
}

view! {
    /// A suggested move of stock between two locations before buying.
    "SuggestedTransfer": PySuggestedTransfer(SuggestedTransfer) {
        /// The SKU.
        sku(t, py) { Ok(t.sku.clone()) }
        /// From where (`from` is a Python keyword).
        from_(t, py) { Ok(t.from.clone()) }
        /// To where.
        to(t, py) { Ok(t.to.clone()) }
        /// Whole units.
        quantity(t, py) { py_decimal(py, t.quantity) }
        /// When it arrives if shipped at the as-of time.
        arrives(t, py) { py_time(py, t.arrives) }
    }
}

view! {
    /// Suggested lines for one supplier.
    "SupplierSuggestion": PySupplierSuggestion(SupplierSuggestion) {
        /// The supplier.
        supplier(s, py) { Ok(s.supplier.clone()) }
        /// The lines, by SKU then location.
        lines(s, py) { Ok(s.lines.iter().cloned().map(PySuggestedLine::from).collect::<Vec<_>>()) }
        /// The sum of the lines' values.
        total(s, py) { py_decimal(py, s.total) }
    }
}

view! {
    /// A line the constraints left out, with why.
    "CutLine": PyCutLine(CutLine) {
        /// The supplier.
        supplier(c, py) { Ok(c.supplier.clone()) }
        /// The line.
        line(c, py) { Ok(PySuggestedLine::from(c.line.clone())) }
        /// budget, supplier_budget, max_order_value or capacity.
        reason(c, py) { Ok::<_, PyErr>(c.reason.as_str()) }
    }
}

view! {
    /// An alert of a planning run.
    "Alert": PyAlert(Alert) {
        /// negative_available, stockout_within_lead_time, below_reorder_point, overdue_line,
        /// no_supplier or overstock.
        kind(a, py) { Ok::<_, PyErr>(a.kind.as_str()) }
        /// The SKU.
        sku(a, py) { Ok(a.sku.clone()) }
        /// The location.
        location(a, py) { Ok(a.location.clone()) }
        /// The day it concerns (stockout day, expected day of an overdue line), if any.
        day(a, py) { opt_time(py, a.day) }
        /// A sentence for a person.
        message(a, py) { Ok(a.message.clone()) }
    }
}

view! {
    /// The result of a planning run.
    "Plan": PyPlan(Plan) {
        /// The time of the run.
        as_of(p, py) { py_time(py, p.as_of) }
        /// One per SKU × location planned, by SKU then location.
        items(p, py) { Ok(p.items.iter().cloned().map(PyPlanItem::from).collect::<Vec<_>>()) }
        /// Suggested transfers (made before buying).
        transfers(p, py) { Ok(p.transfers.iter().cloned().map(PySuggestedTransfer::from).collect::<Vec<_>>()) }
        /// Suggested orders, one per supplier, by supplier.
        orders(p, py) { Ok(p.orders.iter().cloned().map(PySupplierSuggestion::from).collect::<Vec<_>>()) }
        /// Lines left out by the constraints, in the order they were considered.
        cut(p, py) { Ok(p.cut.iter().cloned().map(PyCutLine::from).collect::<Vec<_>>()) }
        /// Alerts, by kind then SKU then location.
        alerts(p, py) { Ok(p.alerts.iter().cloned().map(PyAlert::from).collect::<Vec<_>>()) }
    }
}

// ----- accepting -----

/// The orders of `Ledger.accept_plan`: a dict `{order id: SupplierSuggestion}` or an
/// iterable of `(order id, SupplierSuggestion)` pairs.
pub(crate) fn accepted_orders(obj: &Bound<'_, PyAny>) -> PyResult<Vec<AcceptedOrder>> {
    let py = obj.py();
    let one =
        |label: &str, id: &Bound<'_, PyAny>, s: &Bound<'_, PyAny>| -> PyResult<AcceptedOrder> {
            Ok(AcceptedOrder {
                order: to_str(&format!("{label}: the order id"), id)?,
                suggestion: instance::<PySupplierSuggestion>(label, "SupplierSuggestion", s)?
                    .get()
                    .inner
                    .clone(),
            })
        };
    let mut out = Vec::new();
    if let Ok(dict) = obj.cast::<PyDict>() {
        for (id, s) in dict.iter() {
            let label = format!("orders[{}]", id.repr()?);
            out.push(one(&label, &id, &s)?);
        }
        return Ok(out);
    }
    each("orders", obj, |label, item| {
        if !(item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>()) {
            return Err(wrong_type(
                label,
                "an (order id, SupplierSuggestion) pair",
                item,
            ));
        }
        let n = item.len()?;
        if n != 2 {
            return Err(invalid_input(
                py,
                format!("{label}: expected an (order id, SupplierSuggestion) pair, got {n} items"),
            ));
        }
        out.push(one(label, &item.get_item(0)?, &item.get_item(1)?)?);
        Ok(())
    })?;
    Ok(out)
}

/// The transfers of `Ledger.accept_plan`: `SuggestedTransfer` objects (None: none).
pub(crate) fn transfers(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<SuggestedTransfer>> {
    let mut out = Vec::new();
    if let Some(obj) = obj.filter(|o| !o.is_none()) {
        each("transfers", obj, |label, item| {
            let t = instance::<PySuggestedTransfer>(label, "SuggestedTransfer", item)?;
            out.push(t.get().inner.clone());
            Ok(())
        })?;
    }
    Ok(out)
}

/// Adds the replenishment classes and functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPolicySettings>()?;
    m.add_class::<PyPolicyAssignment>()?;
    m.add_class::<PyDemandForecast>()?;
    m.add_class::<PyPooledForecast>()?;
    m.add_class::<PyPlanRequest>()?;
    m.add_class::<PySkuClass>()?;
    m.add_class::<PyClassPolicies>()?;
    m.add_class::<PyPlan>()?;
    m.add_class::<PyPlanItem>()?;
    m.add_class::<PySuggestedLine>()?;
    m.add_class::<PySuggestedTransfer>()?;
    m.add_class::<PySupplierSuggestion>()?;
    m.add_class::<PyCutLine>()?;
    m.add_class::<PyAlert>()?;
    m.add_function(wrap_pyfunction!(classes_from_ledger, m)?)?;
    Ok(())
}
