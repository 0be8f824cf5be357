//! The durable store's conversions: the path and settings of `Ledger.open`, and the
//! journal's columns as a dict. Every rule (locking, the commit rule, checkpoints, what a
//! damaged file is) is the core's (`inventory_core::durable`, `inventory_core::store`).

use std::path::PathBuf;

use inventory_core::durable::{JournalColumns, StoreConfig, SyncMode};
use inventory_core::LedgerConfig;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::arrays::array;
use crate::convert::{py_decimal, py_opt_decimal, short_repr};
use crate::errors::{invalid_input, to_py_err};

/// A path parameter with `os.fspath` semantics: a `str`, `bytes` or `os.PathLike` (anything
/// else is a `TypeError`, as `open()` says). `os.fsdecode` gives its `str`, which the
/// conversion encodes back to the same bytes (a `bytes` path that is not UTF-8 included).
/// A NUL character, which no file name holds, is InvalidInput (Python's `open()` raises
/// `ValueError`).
pub(crate) fn path_arg(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    let py = obj.py();
    let path = py
        .import("os")?
        .call_method1("fsdecode", (obj,))?
        .extract::<PathBuf>()?;
    if path.as_os_str().as_encoded_bytes().contains(&0) {
        return Err(invalid_input(
            py,
            format!("path {}: a file name has no NUL character", short_repr(obj)),
        ));
    }
    Ok(path)
}

/// The settings of `Ledger.open`: `sync` is `"full"`, `"normal"` or `"off"` (the core's
/// parser: anything else is InvalidInput).
pub(crate) fn store_config(
    py: Python<'_>,
    ledger: Option<LedgerConfig>,
    checkpoint_every: u64,
    sync: &str,
) -> PyResult<StoreConfig> {
    let sync = sync.parse::<SyncMode>().map_err(|e| to_py_err(py, e))?;
    let config = StoreConfig::new()
        .checkpoint_every(checkpoint_every)
        .sync(sync);
    Ok(match ledger {
        Some(l) => config.ledger(l),
        None => config,
    })
}

/// The journal's columns as a dict: `sequence` a numpy uint64 array, `time` a numpy int64
/// array (seconds since the Unix epoch), the others lists (`decimal.Decimal` amounts,
/// `None` for a field the movement's kind does not have).
pub(crate) fn columns_dict(py: Python<'_>, c: JournalColumns) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("sequence", array(py, &c.sequence, "uint64")?)?;
    d.set_item("time", array(py, &c.time, "int64")?)?;
    d.set_item("kind", PyList::new(py, c.kind)?)?;
    d.set_item("sku", PyList::new(py, c.sku)?)?;
    d.set_item("location", PyList::new(py, c.location)?)?;
    d.set_item("to_location", PyList::new(py, c.to_location)?)?;
    let opt = |v: Vec<Option<inventory_core::Decimal>>| -> PyResult<Bound<'_, PyList>> {
        let items = v
            .into_iter()
            .map(|x| py_opt_decimal(py, x))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    };
    d.set_item("quantity", opt(c.quantity)?)?;
    d.set_item("unit_cost", opt(c.unit_cost)?)?;
    d.set_item("reference", PyList::new(py, c.reference)?)?;
    let all = |v: Vec<inventory_core::Decimal>| -> PyResult<Bound<'_, PyList>> {
        let items = v
            .into_iter()
            .map(|x| py_decimal(py, x))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    };
    d.set_item("quantity_change", all(c.quantity_change)?)?;
    d.set_item("value_change", all(c.value_change)?)?;
    d.set_item("cogs", all(c.cogs)?)?;
    Ok(d)
}
