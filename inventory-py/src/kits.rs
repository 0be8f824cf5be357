//! Kits and bundles (`inventory_core::kits`): the components of a definition read from
//! Python values, and read-only views of definitions, journaled records, outcomes and
//! buildable quantities.
//!
//! Nothing here decides anything: what a valid definition is (components, quantities,
//! cycles, versions), how many kits can be built, what a kit costs, is the core's. The
//! binding reads Python values into the core's types (refusing what has no meaning as that
//! type: a float quantity, a pair of three items, an unknown key) and converts results
//! back: quantities and costs as `decimal.Decimal`, times as aware UTC datetimes.
//!
//! The `Ledger` methods (`define_kit`, `kit_definition`, `kit_records`, `buildable`,
//! `sellable`, `buildable_all`, `buildable_many`, `sellable_all`, `sellable_many`,
//! `kit_cost`, `explode_kit`; `assemble`, `disassemble`, `reserve_bundle`,
//! `release_bundle`, `ship_bundle`, `return_bundle`, `bundle_records`;
//! `bundle_demand_history`, `exploded_demand_history`, `bundle_candidates`) are in
//! `ledger.rs` (a class has one `#[pymethods]` block); `define_kit` reads its components
//! with [`components`]. The postings return a [`PyKitMovementOutcome`] (its movements as the
//! `Outcome` objects every other posting returns), the demand views the `DemandHistory` of
//! `Ledger.demand_history`.

use inventory_core::kits::{
    Buildable, BundleCandidates, BundleRecord, Component, ItemSet, KitDefinition,
    KitMovementOutcome, KitOutcome, KitRecord, DEFAULT_MIN_SUPPORT,
};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::convert::{
    arg_string, named_string, py_decimal, py_time, short_repr, short_type_name, to_decimal,
};
use crate::errors::invalid_input;
use crate::types::PyOutcome;

// ----- reading Python values -----

/// What a component may be, for error messages.
const COMPONENT: &str = "a (sku, quantity) pair, a {\"sku\", \"quantity\"} dict or a Component";

/// The TypeError of a value that is not a component (or of `components` not a sequence).
fn not_components(label: &str, what: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "{label}: expected {what}, got {}",
        short_type_name(obj)
    ))
}

/// A component's SKU: a `str` (TypeError naming `field` otherwise; a str that is not text
/// is InvalidInput, as every text argument).
fn sku(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if !obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{field}: expected a str, got {}",
            short_type_name(obj)
        )));
    }
    named_string(field, obj)
}

/// One component from a `Component`, a `(sku, quantity)` pair (tuple or list) or a dict
/// `{"sku": ..., "quantity": ...}`. Another type is a TypeError; a pair of another length, a
/// dict with a missing or unknown key, or a quantity that is not an amount is InvalidInput
/// naming `label`.
fn component(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<Component> {
    let py = obj.py();
    if let Ok(c) = obj.cast::<PyComponent>() {
        return Ok(c.get().inner.clone());
    }
    let (s, q) = if let Ok(dict) = obj.cast::<PyDict>() {
        let (mut s, mut q) = (None, None);
        for (k, v) in dict.iter() {
            match k.cast::<PyString>().ok().and_then(|k| k.to_str().ok()) {
                Some("sku") => s = Some(v),
                Some("quantity") => q = Some(v),
                _ => {
                    return Err(invalid_input(
                        py,
                        format!(
                            "{label}: unknown key {} in a component (expected sku, quantity)",
                            short_repr(&k)
                        ),
                    ))
                }
            }
        }
        match (s, q) {
            (Some(s), Some(q)) => (s, q),
            (s, _) => {
                let missing = if s.is_none() { "sku" } else { "quantity" };
                return Err(invalid_input(
                    py,
                    format!("{label}: the component has no {missing:?}"),
                ));
            }
        }
    } else if obj.is_instance_of::<PyTuple>() || obj.is_instance_of::<PyList>() {
        let n = obj.len()?;
        if n != 2 {
            return Err(invalid_input(
                py,
                format!("{label}: expected a (sku, quantity) pair, got a sequence of {n}"),
            ));
        }
        (obj.get_item(0)?, obj.get_item(1)?)
    } else {
        return Err(not_components(label, COMPONENT, obj));
    };
    Ok(Component::new(
        sku(&format!("{label}.sku"), &s)?,
        to_decimal(&format!("{label}.quantity"), &q)?,
    ))
}

/// The `components` of `Ledger.define_kit`: a sequence (or another iterable, not a str,
/// bytes or a dict) of components (see [`component`]); not one is a TypeError.
pub(crate) fn components(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Component>> {
    let what = "a sequence of components";
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(not_components("components", what, obj));
    }
    let iter = obj
        .try_iter()
        .map_err(|_| not_components("components", what, obj))?;
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        out.push(component(&format!("components[{i}]"), &item?)?);
    }
    Ok(out)
}

// ----- views -----

view! {
    /// One line of a bill of material: units of a SKU (a plain SKU or another kit) per kit.
    "Component": PyComponent(Component) {
        /// The component's SKU.
        sku(c, py) { Ok(c.sku.clone()) }
        /// Units of it per kit.
        quantity(c, py) { py_decimal(py, c.quantity) }
    }
    methods {
        #[new]
        fn new(#[pyo3(from_py_with = arg_string)] sku: String, quantity: &Bound<'_, PyAny>) -> PyResult<Self> {
            Ok(Component::new(sku, to_decimal("quantity", quantity)?).into())
        }
    }
}

view! {
    /// A kit's bill of material from a time on.
    "KitDefinition": PyKitDefinition(KitDefinition) {
        /// The kit's SKU.
        kit(d, py) { Ok(d.kit.clone()) }
        /// "assembled" (built ahead into stock of its own) or "virtual" (no stock: selling
        /// one moves its components).
        kind(d, py) { Ok::<_, PyErr>(d.kind.as_str()) }
        /// The components, in the order they were given.
        components(d, py) { Ok(d.components.iter().cloned().map(PyComponent::from).collect::<Vec<_>>()) }
        /// From when it applies.
        effective(d, py) { py_time(py, d.effective) }
    }
}

view! {
    /// A kit definition as the ledger journaled it.
    "KitRecord": PyKitRecord(KitRecord) {
        /// Its number among the ledger's kit definitions (0-based).
        sequence(r, py) { Ok(r.sequence) }
        /// The number of stock movements journaled before it.
        first_movement(r, py) { Ok(r.first_movement) }
        /// The idempotency reference it was posted with, or None.
        reference(r, py) { Ok(r.reference.clone()) }
        /// The definition.
        definition(r, py) { Ok(PyKitDefinition::from(r.definition.clone())) }
    }
}

view! {
    /// What posting a kit definition did.
    "KitOutcome": PyKitOutcome(KitOutcome) {
        /// The definition's `KitRecord.sequence`.
        sequence(o, py) { Ok(o.sequence) }
        /// True when the reference had been posted with the same definition: nothing changed.
        duplicate(o, py) { Ok(o.duplicate) }
    }
}

view! {
    /// How many kits can be made (or sold), and what runs short first.
    "Buildable": PyBuildable(Buildable) {
        /// The kit.
        kit(b, py) { Ok(b.kit.clone()) }
        /// Whole kits (for `Ledger.sellable` of an assembled kit, its own stock included).
        quantity(b, py) { py_decimal(py, b.quantity) }
        /// The plain SKUs that one more kit would run short of, sorted.
        limiting(b, py) { Ok(b.limiting.clone()) }
    }
}

view! {
    /// What an assembly, a disassembly or a bundle posting did: its stock movements (journal
    /// entries `first_movement` onwards) and the value that moved.
    "KitMovementOutcome": PyKitMovementOutcome(KitMovementOutcome) {
        /// The journal sequence number of its first movement.
        first_movement(o, py) { Ok(o.first_movement) }
        /// The outcomes of its movements, in journal order (an assembly: the components
        /// consumed, then the kit's units; a disassembly: the kit's units, then the
        /// components; a bundle posting: one per component).
        movements(o, py) { Ok(o.movements.iter().cloned().map(PyOutcome::from).collect::<Vec<_>>()) }
        /// The value that moved: the cost consumed (+ the extra cost of an assembly); for a
        /// bundle shipment its COGS, the sum of its components'.
        value(o, py) { py_decimal(py, o.value) }
        /// True when the reference had been posted with the same operation: nothing changed
        /// (for an assembly or disassembly `movements` is then the one movement that carries
        /// the reference).
        duplicate(o, py) { Ok(o.duplicate) }
    }
}

view! {
    /// A bundle posting as the ledger recorded it: its components' movements are the journal
    /// entries `first_movement` to `first_movement + movements - 1`.
    "BundleRecord": PyBundleRecord(BundleRecord) {
        /// Its number among the ledger's bundle postings (0-based).
        sequence(r, py) { Ok(r.sequence) }
        /// The journal sequence number of its first movement.
        first_movement(r, py) { Ok(r.first_movement) }
        /// How many movements it posted.
        movements(r, py) { Ok(r.movements) }
        /// "reserve", "release", "ship" or "return".
        action(r, py) { Ok::<_, PyErr>(r.action.as_str()) }
        /// The bundle.
        bundle(r, py) { Ok(r.bundle.clone()) }
        /// The location.
        location(r, py) { Ok(r.location.clone()) }
        /// Bundles.
        quantity(r, py) { py_decimal(py, r.quantity) }
        /// When.
        time(r, py) { py_time(py, r.time) }
        /// The order (reservation) of a reservation, a release or a reserved shipment, else
        /// None.
        order(r, py) { Ok(r.order.clone()) }
        /// The shipment (its reference) a return is of, else None.
        shipment(r, py) { Ok(r.shipment.clone()) }
        /// Its idempotency reference, or None (a shipment always has one).
        reference(r, py) { Ok(r.reference.clone()) }
    }
}

view! {
    /// Items bought together: a pair or a triple of SKUs (or bundles) with its support,
    /// confidence and lift.
    "ItemSet": PyItemSet(ItemSet) {
        /// The SKUs (or bundles), sorted.
        items(s, py) { Ok(s.items.clone()) }
        /// Orders that hold all of them.
        orders(s, py) { Ok(s.orders) }
        /// `orders` / all orders.
        support(s, py) { Ok(s.support) }
        /// The highest confidence of a rule "the others -> one of them".
        confidence(s, py) { Ok(s.confidence) }
        /// support / the product of the items' own supports (above 1: bought together more
        /// often than by chance).
        lift(s, py) { Ok(s.lift) }
    }
}

view! {
    /// The item pairs and triples bought together in a period's orders, best first.
    "BundleCandidates": PyBundleCandidates(BundleCandidates) {
        /// Orders in the period.
        orders(c, py) { Ok(c.orders) }
        /// The minimum support used.
        min_support(c, py) { Ok(c.min_support) }
        /// Pairs, best first (by lift, then orders, then items).
        pairs(c, py) { Ok(c.pairs.iter().cloned().map(PyItemSet::from).collect::<Vec<_>>()) }
        /// Triples, best first.
        triples(c, py) { Ok(c.triples.iter().cloned().map(PyItemSet::from).collect::<Vec<_>>()) }
    }
}

/// Adds the kit classes and constants to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyComponent>()?;
    m.add_class::<PyKitDefinition>()?;
    m.add_class::<PyKitRecord>()?;
    m.add_class::<PyKitOutcome>()?;
    m.add_class::<PyBuildable>()?;
    m.add_class::<PyKitMovementOutcome>()?;
    m.add_class::<PyBundleRecord>()?;
    m.add_class::<PyItemSet>()?;
    m.add_class::<PyBundleCandidates>()?;
    m.add("DEFAULT_MIN_SUPPORT", DEFAULT_MIN_SUPPORT)?;
    Ok(())
}
