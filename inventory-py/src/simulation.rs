//! Policy simulation (`inventory_core::replenish::simulation`): demand, policies and a
//! run's settings built from Python values, and the read-only reports.
//!
//! Nothing here decides anything. The defaults of `SimConfig` are read from the core's
//! `SimConfig::new`; every bound (Q > 0, s ≤ S, a review period of at least a day, finite
//! non-negative costs, at most `MAX_SIM_DAYS` days, 1 to `MAX_SIM_THREADS` threads) is
//! checked by the core's `simulate` and `simulate_many`, which run with the GIL released.
//! The binding only refuses what cannot be read as the core's types: a value of the wrong
//! type (a text where a number belongs, an object of the wrong class) is a `TypeError`, a
//! value of the right type that the type cannot hold (a negative count, a tuple of the wrong
//! length) InvalidInput.

use inventory_core::replenish::{
    self, SimConfig, SimDemand, SimPolicy, SimReport, MAX_SIM_DAYS, MAX_SIM_THREADS,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::arrays::{core_err, f64_array};
use crate::convert::{arg_f64, arg_i64, named_f64, named_string, short_type_name};
use crate::errors::{invalid_input, wrong_type};
use crate::replenish::{arg, floats, instance, PyPlanItem};

// ----- reading Python values -----

/// A whole number (of days, threads) as `usize`; a negative one is InvalidInput.
fn to_count(py: Python<'_>, field: &str, v: i64) -> PyResult<usize> {
    usize::try_from(v)
        .map_err(|_| invalid_input(py, format!("{field}: {v} is not a whole number ≥ 0")))
}

/// A review period in days as `u32`; a negative or huge one is InvalidInput (0 is the
/// core's to refuse).
fn to_review_days(py: Python<'_>, v: i64) -> PyResult<u32> {
    u32::try_from(v).map_err(|_| {
        invalid_input(
            py,
            format!(
                "review_days: {v} is not a whole number from 0 to {}",
                u32::MAX
            ),
        )
    })
}

/// The `seed` argument: an int (or another integer, such as a numpy one) from 0 to 2⁶⁴ − 1;
/// an integer outside is InvalidInput, anything else TypeError.
fn seed_of(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    if let Ok(seed) = obj.extract::<u64>() {
        return Ok(seed);
    }
    if !obj.is_instance_of::<PyString>() && obj.hasattr("__index__")? {
        return Err(invalid_input(
            obj.py(),
            format!(
                "seed: {} is not a whole number from 0 to {}",
                obj.repr()?,
                u64::MAX
            ),
        ));
    }
    Err(PyTypeError::new_err(format!(
        "seed: expected an int, got {}",
        short_type_name(obj)
    )))
}

/// The items of a list, tuple or other iterable (not a str, bytes or a dict: `TypeError`),
/// for `name`.
fn items<'py>(name: &str, obj: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let bad = || wrong_type(name, "a list (or another sequence)", obj);
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(bad());
    }
    obj.try_iter().map_err(|_| bad())?.collect()
}

/// One number (`TypeError` naming `label` for another type, InvalidInput for a number
/// beyond a float).
fn number(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    named_f64(label, obj)
}

// ----- demand -----

/// The name of a demand's kind.
fn demand_kind(d: &SimDemand) -> &'static str {
    match d {
        SimDemand::History(_) => "history",
        SimDemand::Normal { .. } => "normal",
        SimDemand::Forecast { .. } => "forecast",
    }
}

view! {
    /// Where simulated demand comes from: a history replayed as it is, or seeded normal draws
    /// around a constant mean or a forecast's daily means (truncated at 0).
    "SimDemand": PySimDemand(SimDemand) {
        /// "history", "normal" or "forecast".
        kind(d, py) { Ok::<_, PyErr>(demand_kind(d)) }
        /// The history's days, or the forecast's daily means (None for normal demand); a new
        /// float64 numpy array.
        daily(d, py) {
            match d {
                SimDemand::History(h) => Some(f64_array(py, h)).transpose(),
                SimDemand::Forecast { daily, .. } => Some(f64_array(py, daily)).transpose(),
                SimDemand::Normal { .. } => Ok(None),
            }
        }
        /// The mean per day of normal demand (None otherwise).
        mean(d, py) {
            Ok(match d {
                SimDemand::Normal { mean, .. } => Some(*mean),
                _ => None,
            })
        }
        /// The standard deviation of one day (None for a history).
        std_dev(d, py) {
            Ok(match d {
                SimDemand::Normal { std_dev, .. } | SimDemand::Forecast { std_dev, .. } => {
                    Some(*std_dev)
                }
                SimDemand::History(_) => None,
            })
        }
    }
    methods {
        /// A history replayed day by day (its length is the run's length).
        #[staticmethod]
        fn history(days: &Bound<'_, PyAny>) -> PyResult<Self> {
            Ok(SimDemand::History(floats("days", days)?).into())
        }

        /// Independent normal draws of `mean` and `std_dev` a day, truncated at 0.
        #[staticmethod]
        fn normal(#[pyo3(from_py_with = arg_f64)] mean: f64, #[pyo3(from_py_with = arg_f64)] std_dev: f64) -> Self {
            SimDemand::Normal { mean, std_dev }.into()
        }

        /// Normal draws of `std_dev` around a forecast's daily means (its last day
        /// repeating), truncated at 0.
        #[staticmethod]
        fn forecast(daily: &Bound<'_, PyAny>, #[pyo3(from_py_with = arg_f64)] std_dev: f64) -> PyResult<Self> {
            Ok(SimDemand::Forecast { daily: floats("daily", daily)?, std_dev }.into())
        }
    }
}

/// The `demand` of a `SimConfig`: a `SimDemand`; a tuple `("normal", mean, std_dev)`,
/// `("forecast", daily, std_dev)` or `("history", days)`; or the days of a history (a
/// sequence or 1-d array of numbers).
fn demand_of(obj: &Bound<'_, PyAny>) -> PyResult<SimDemand> {
    let py = obj.py();
    if let Ok(d) = obj.cast::<PySimDemand>() {
        return Ok(d.get().inner.clone());
    }
    let named = (obj.is_instance_of::<PyTuple>() || obj.is_instance_of::<PyList>())
        && obj.len()? > 0
        && obj.get_item(0)?.is_instance_of::<PyString>();
    if !named {
        return floats("demand", obj).map(SimDemand::History);
    }
    let kind = named_string("demand[0]", &obj.get_item(0)?)?;
    let n = obj.len()?;
    let want = |k: usize, form: &str| -> PyResult<()> {
        if n == k {
            Ok(())
        } else {
            Err(invalid_input(
                py,
                format!("demand: a {kind:?} tuple has {k} items {form}, got {n}"),
            ))
        }
    };
    match kind.as_str() {
        "history" => {
            want(2, "(\"history\", days)")?;
            floats("demand[1]", &obj.get_item(1)?).map(SimDemand::History)
        }
        "normal" => {
            want(3, "(\"normal\", mean, std_dev)")?;
            Ok(SimDemand::Normal {
                mean: number("demand[1]", &obj.get_item(1)?)?,
                std_dev: number("demand[2]", &obj.get_item(2)?)?,
            })
        }
        "forecast" => {
            want(3, "(\"forecast\", daily, std_dev)")?;
            Ok(SimDemand::Forecast {
                daily: floats("demand[1]", &obj.get_item(1)?)?,
                std_dev: number("demand[2]", &obj.get_item(2)?)?,
            })
        }
        other => Err(invalid_input(
            py,
            format!("demand: unknown demand kind {other:?} (expected history, normal or forecast)"),
        )),
    }
}

// ----- policies -----

view! {
    /// A policy with its levels, for simulation: (r, Q), (s, S), (R, S) or (R, s, S). S is
    /// spelled `big_s`; the levels a policy does not have are None.
    "SimPolicy": PySimPolicy(SimPolicy) {
        /// reorder_point, min_max, order_up_to or periodic_min_max.
        name(p, py) { Ok::<_, PyErr>(p.name()) }
        /// The reorder point of a reorder_point policy.
        r(p, py) {
            Ok(match *p {
                SimPolicy::ReorderPoint { r, .. } => Some(r),
                _ => None,
            })
        }
        /// The order quantity of a reorder_point policy.
        q(p, py) {
            Ok(match *p {
                SimPolicy::ReorderPoint { q, .. } => Some(q),
                _ => None,
            })
        }
        /// The level at or below which min_max and periodic_min_max order.
        s(p, py) {
            Ok(match *p {
                SimPolicy::MinMax { s, .. } | SimPolicy::PeriodicMinMax { s, .. } => Some(s),
                _ => None,
            })
        }
        /// The level min_max, order_up_to and periodic_min_max order up to (S).
        big_s(p, py) {
            Ok(match *p {
                SimPolicy::MinMax { big_s, .. }
                | SimPolicy::OrderUpTo { big_s, .. }
                | SimPolicy::PeriodicMinMax { big_s, .. } => Some(big_s),
                SimPolicy::ReorderPoint { .. } => None,
            })
        }
        /// Days between reviews of order_up_to and periodic_min_max.
        review_days(p, py) {
            Ok(match *p {
                SimPolicy::OrderUpTo { review_days, .. }
                | SimPolicy::PeriodicMinMax { review_days, .. } => Some(review_days),
                _ => None,
            })
        }
    }
    methods {
        /// (r, Q): after any day at or below `r`, order the smallest multiple of `q` that
        /// lifts the position above `r`.
        #[staticmethod]
        fn reorder_point(#[pyo3(from_py_with = arg_f64)] r: f64, #[pyo3(from_py_with = arg_f64)] q: f64) -> Self {
            SimPolicy::ReorderPoint { r, q }.into()
        }

        /// (s, S): after any day at or below `s`, order up to `big_s`.
        #[staticmethod]
        fn min_max(#[pyo3(from_py_with = arg_f64)] s: f64, #[pyo3(from_py_with = arg_f64)] big_s: f64) -> Self {
            SimPolicy::MinMax { s, big_s }.into()
        }

        /// (R, S): every `review_days` (day 0 first), order up to `big_s`.
        #[staticmethod]
        fn order_up_to(py: Python<'_>, #[pyo3(from_py_with = arg_i64)] review_days: i64, #[pyo3(from_py_with = arg_f64)] big_s: f64) -> PyResult<Self> {
            Ok(SimPolicy::OrderUpTo { review_days: to_review_days(py, review_days)?, big_s }.into())
        }

        /// (R, s, S): every `review_days` (day 0 first), at or below `s`, order up to
        /// `big_s`.
        #[staticmethod]
        fn periodic_min_max(py: Python<'_>, #[pyo3(from_py_with = arg_i64)] review_days: i64, #[pyo3(from_py_with = arg_f64)] s: f64, #[pyo3(from_py_with = arg_f64)] big_s: f64) -> PyResult<Self> {
            Ok(SimPolicy::PeriodicMinMax { review_days: to_review_days(py, review_days)?, s, big_s }.into())
        }

        /// The levels a planning run computed for a SKU × location; None for a policy that
        /// orders nothing (manual, dropship) or lacks a level (no supplier, no demand).
        #[staticmethod]
        fn from_plan_item(item: &Bound<'_, PyAny>) -> PyResult<Option<Self>> {
            let item = arg::<PyPlanItem>("item", "PlanItem", item)?;
            Ok(SimPolicy::from_plan_item(&item.get().inner).map(Self::from))
        }
    }
}

/// The policies of a run: `SimPolicy` objects in a list or another iterable.
fn policies_of(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<SimPolicy>> {
    items(name, obj)?
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(
                instance::<PySimPolicy>(&format!("{name}[{i}]"), "SimPolicy", p)?
                    .get()
                    .inner,
            )
        })
        .collect()
}

// ----- runs -----

/// The core's defaults (`SimConfig::new`).
fn default_config() -> SimConfig {
    SimConfig::new(SimDemand::History(Vec::new()))
}

/// A default count as the `int` argument.
fn default_count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

view! {
    /// One SKU's simulation: its demand, the days run, the stock and lead time, the costs
    /// and what happens to unmet demand (read-only).
    "SimConfig": PySimConfig(SimConfig) {
        /// The demand.
        demand(c, py) { Ok(PySimDemand::from(c.demand.clone())) }
        /// Days measured after the warm-up (a history sets its own length: then ignored).
        days(c, py) { Ok(c.days) }
        /// Days simulated first and not measured.
        warmup_days(c, py) { Ok(c.warmup_days) }
        /// Stock on hand on day 0.
        start_on_hand(c, py) { Ok(c.start_on_hand) }
        /// Mean lead time in days (each order's draw is rounded to whole days, at least 1).
        lead_time_days(c, py) { Ok(c.lead_time_days) }
        /// Its standard deviation.
        lead_time_std_days(c, py) { Ok(c.lead_time_std_days) }
        /// Value of a unit (for the average stock value).
        unit_cost(c, py) { Ok(c.unit_cost) }
        /// Cost of holding a unit for a day.
        holding_cost(c, py) { Ok(c.holding_cost) }
        /// Cost of placing an order.
        order_cost(c, py) { Ok(c.order_cost) }
        /// Backorders: per unit backordered per day; lost sales: per unit lost.
        shortage_cost(c, py) { Ok(c.shortage_cost) }
        /// Unmet demand is lost (else backordered).
        lost_sales(c, py) { Ok(c.lost_sales) }
        /// The random seed.
        seed(c, py) { Ok(c.seed) }
    }
    methods {
        #[new]
        #[pyo3(
            signature = (
                demand,
                *,
                days = default_count(default_config().days),
                warmup_days = default_count(default_config().warmup_days),
                start_on_hand = default_config().start_on_hand,
                lead_time_days = default_config().lead_time_days,
                lead_time_std_days = default_config().lead_time_std_days,
                unit_cost = default_config().unit_cost,
                holding_cost = default_config().holding_cost,
                order_cost = default_config().order_cost,
                shortage_cost = default_config().shortage_cost,
                lost_sales = default_config().lost_sales,
                seed = default_config().seed
            ),
            text_signature = "(demand, *, days=365, warmup_days=0, start_on_hand=100.0, lead_time_days=7.0, lead_time_std_days=0.0, unit_cost=1.0, holding_cost=0.0006849315068493151, order_cost=25.0, shortage_cost=1.0, lost_sales=False, seed=1)"
        )]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            demand: &Bound<'_, PyAny>,
            #[pyo3(from_py_with = arg_i64)] days: i64,
            #[pyo3(from_py_with = arg_i64)] warmup_days: i64,
            #[pyo3(from_py_with = arg_f64)] start_on_hand: f64,
            #[pyo3(from_py_with = arg_f64)] lead_time_days: f64,
            #[pyo3(from_py_with = arg_f64)] lead_time_std_days: f64,
            #[pyo3(from_py_with = arg_f64)] unit_cost: f64,
            #[pyo3(from_py_with = arg_f64)] holding_cost: f64,
            #[pyo3(from_py_with = arg_f64)] order_cost: f64,
            #[pyo3(from_py_with = arg_f64)] shortage_cost: f64,
            lost_sales: bool,
            #[pyo3(from_py_with = seed_of)] seed: u64,
        ) -> PyResult<Self> {
            Ok(SimConfig {
                demand: demand_of(demand)?,
                days: to_count(py, "days", days)?,
                warmup_days: to_count(py, "warmup_days", warmup_days)?,
                start_on_hand,
                lead_time_days,
                lead_time_std_days,
                unit_cost,
                holding_cost,
                order_cost,
                shortage_cost,
                lost_sales,
                seed,
            }
            .into())
        }
    }
}

view! {
    /// What a policy achieved over the days after the warm-up.
    "SimReport": PySimReport(SimReport) {
        /// The policy.
        policy(r, py) { Ok(PySimPolicy::from(r.policy)) }
        /// Days measured.
        days(r, py) { Ok(r.days) }
        /// Share of replenishment cycles (arrival to arrival) without a stockout day (None:
        /// no whole cycle).
        cycle_service_level(r, py) { Ok(r.cycle_service_level) }
        /// Share of demand served from stock on the day (None: no demand).
        fill_rate(r, py) { Ok(r.fill_rate) }
        /// Mean end-of-day stock on hand.
        average_on_hand(r, py) { Ok(r.average_on_hand) }
        /// Its value at the unit cost.
        average_on_hand_value(r, py) { Ok(r.average_on_hand_value) }
        /// Mean end-of-day backorders (0 under lost sales).
        average_backorders(r, py) { Ok(r.average_backorders) }
        /// Orders placed.
        orders(r, py) { Ok(r.orders) }
        /// Days with demand not served from stock.
        stockout_days(r, py) { Ok(r.stockout_days) }
        /// Units lost (lost sales) or backordered when demanded (backorders).
        units_short(r, py) { Ok(r.units_short) }
        /// Holding cost in total.
        holding_cost(r, py) { Ok(r.holding_cost) }
        /// Ordering cost in total.
        ordering_cost(r, py) { Ok(r.ordering_cost) }
        /// Shortage cost in total.
        shortage_cost(r, py) { Ok(r.shortage_cost) }
        /// Holding + ordering + shortage, in total.
        total_cost(r, py) { Ok(r.total_cost) }
        /// Total cost per day.
        cost_per_day(r, py) { Ok(r.cost_per_day) }
    }
}

/// Simulates `policies` (SimPolicy objects) side by side on the demand of `config` (a
/// SimConfig), with the GIL released: one SimReport per policy, in order.
#[pyfunction]
pub(crate) fn simulate(
    py: Python<'_>,
    config: &Bound<'_, PyAny>,
    policies: &Bound<'_, PyAny>,
) -> PyResult<Vec<PySimReport>> {
    let config = arg::<PySimConfig>("config", "SimConfig", config)?;
    let policies = policies_of("policies", policies)?;
    let c = &config.get().inner;
    let reports = py
        .detach(|| replenish::simulate(c, &policies))
        .map_err(|e| core_err(py, e))?;
    Ok(reports.into_iter().map(PySimReport::from).collect())
}

/// Simulates many SKUs, `runs` being `(SimConfig, [SimPolicy, ...])` pairs, on up to
/// `threads` threads with the GIL released; the result is the same on any thread count.
#[pyfunction]
#[pyo3(signature = (runs, threads = 1))]
pub(crate) fn simulate_many(
    py: Python<'_>,
    runs: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_i64)] threads: i64,
) -> PyResult<Vec<Vec<PySimReport>>> {
    let mut pairs = Vec::new();
    for (i, run) in items("runs", runs)?.iter().enumerate() {
        let label = format!("runs[{i}]");
        if !(run.is_instance_of::<PyTuple>() || run.is_instance_of::<PyList>()) {
            return Err(wrong_type(
                &label,
                "a (SimConfig, [SimPolicy, ...]) pair",
                run,
            ));
        }
        let n = run.len()?;
        if n != 2 {
            return Err(invalid_input(
                py,
                format!("{label}: expected a (SimConfig, [SimPolicy, ...]) pair, got {n} items"),
            ));
        }
        let config = run.get_item(0)?;
        let config = instance::<PySimConfig>(&format!("{label}.config"), "SimConfig", &config)?;
        let policies = policies_of(&format!("{label}.policies"), &run.get_item(1)?)?;
        pairs.push((config.get().inner.clone(), policies));
    }
    let threads = to_count(py, "threads", threads)?;
    let reports = py
        .detach(|| replenish::simulate_many(&pairs, threads))
        .map_err(|e| core_err(py, e))?;
    Ok(reports
        .into_iter()
        .map(|r| r.into_iter().map(PySimReport::from).collect())
        .collect())
}

/// Adds the simulation classes, functions and limits to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySimDemand>()?;
    m.add_class::<PySimPolicy>()?;
    m.add_class::<PySimConfig>()?;
    m.add_class::<PySimReport>()?;
    m.add_function(wrap_pyfunction!(simulate, m)?)?;
    m.add_function(wrap_pyfunction!(simulate_many, m)?)?;
    m.add("MAX_SIM_DAYS", MAX_SIM_DAYS)?;
    m.add("MAX_SIM_THREADS", MAX_SIM_THREADS)?;
    Ok(())
}
