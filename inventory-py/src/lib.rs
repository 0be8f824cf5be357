//! Python binding of the inventory engine: the `inventory_core._inventory_core` extension module.
//!
//! Thin wrappers (`struct PyX { inner: core::X }`) that convert types, map errors and call
//! the core; no domain rule lives here. See `python/inventory_core/_inventory_core.pyi` for
//! the Python API.

use pyo3::prelude::*;

#[macro_use]
mod view;

mod arrays;
mod classify;
mod convert;
mod errors;
mod forecast;
mod kits;
mod ledger;
mod metrics;
mod policy;
mod purchasing;
mod replenish;
mod simulation;
mod store;
mod types;

/// The extension module.
#[pymodule]
fn _inventory_core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<ledger::PyLedger>()?;
    m.add_class::<types::PyOutcome>()?;
    m.add_class::<types::PyPosition>()?;
    m.add_class::<types::PyValuation>()?;
    m.add_class::<types::PyCostLayer>()?;
    m.add_class::<types::PyJournalEntry>()?;
    m.add_class::<types::PyDemandHistory>()?;
    policy::register(m)?;
    classify::register(m)?;
    metrics::register(m)?;
    forecast::register(m)?;
    purchasing::register(m)?;
    kits::register(m)?;
    replenish::register(m)?;
    simulation::register(m)?;
    errors::register(m)?;
    Ok(())
}
