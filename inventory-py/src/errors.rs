//! The exception hierarchy and the mapping from core errors to it.
//!
//! Every class derives from `InventoryError` and from the closest builtin (`ValueError`,
//! `KeyError`, `ArithmeticError`, `OSError`); the store errors derive from `StoreError`. Python's `class X(A, B)` with two bases cannot be
//! written with `create_exception!`, so the classes are made once with `type(...)` when
//! the module is first imported and kept in a `PyOnceLock`.

use inventory_core::{Error, ErrorKind};
use pyo3::exceptions::{
    PyArithmeticError, PyBaseException, PyException, PyKeyError, PyOSError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

/// Which builtin an exception class also derives from (besides `InventoryError`), or
/// `Store`: it derives from `StoreError` only (and through it from `OSError`).
#[derive(Clone, Copy)]
enum Builtin {
    Exception,
    Value,
    Key,
    Arithmetic,
    Os,
    Store,
}

/// The exception classes, in the order of [`Exc`].
const CLASSES: [(&str, Builtin, &str); 26] = [
    ("InventoryError", Builtin::Exception, "Base class of every error raised by inventory_core."),
    ("InvalidInput", Builtin::Value, "An input value was invalid (empty name, zero or negative quantity, negative cost, a float where money or a quantity is expected, an unknown kind, reason, condition or costing method, text with a lone surrogate, a number beyond what a parameter can hold, ...). A value of the wrong type raises TypeError instead."),
    ("UnknownSku", Builtin::Key, "A query named a SKU the ledger has never seen."),
    ("UnknownLocation", Builtin::Key, "A query named a location the ledger has never seen."),
    ("UnknownPosition", Builtin::Key, "A cycle count named a SKU/location pair that has never held stock."),
    ("InsufficientStock", Builtin::Value, "Not enough stock for an outgoing movement (the message names the SKU, location, requested and available quantities)."),
    ("UnknownReservation", Builtin::Key, "A release or shipment named a reservation that does not exist for that SKU and location."),
    ("ReservationExceeded", Builtin::Value, "A release or shipment asked for more than the reservation holds."),
    ("UnknownShipment", Builtin::Key, "A customer return named a shipment reference that was never posted."),
    ("ReturnMismatch", Builtin::Value, "A customer return does not match its shipment (other SKU, or more than is left to return)."),
    ("DuplicateReference", Builtin::Value, "The same reference was posted again with a different movement."),
    ("OutOfOrder", Builtin::Value, "A movement is dated before the latest movement of its SKU."),
    ("InvalidState", Builtin::Value, "A change refused because of the ledger's state (e.g. a costing override on a SKU with movements)."),
    ("Overflow", Builtin::Arithmetic, "A result the types cannot hold: a decimal computation overflowed the decimal range, or finite inputs gave a result that is not a finite float (inf or NaN; e.g. the EOQ of a demand of 1e308 units a year)."),
    ("InvalidSnapshot", Builtin::Value, "A malformed, unsupported or inconsistent snapshot."),
    ("UnknownReceipt", Builtin::Key, "A landed cost named a journal entry that is not a receipt of its SKU, or a charge named a receipt that is not one of its purchase order's."),
    ("UnknownSupplier", Builtin::Key, "No supplier has this id, or the supplier does not sell the SKU."),
    ("UnknownOrder", Builtin::Key, "No purchase order has this id."),
    ("UnknownOrderLine", Builtin::Key, "The purchase order has no line with this number."),
    ("DuplicateId", Builtin::Value, "An id that must be new is already used (an order, receipt, charge or payment id, a line number within its order, an item's SKU within its supplier)."),
    ("InvalidOrderState", Builtin::Value, "The purchase order's status (or the line's) does not allow this, or an amendment goes below what was already received."),
    ("OverReceipt", Builtin::Value, "A receipt beyond what the ledger's over-receipt policy allows (the message names the quantities)."),
    ("StoreError", Builtin::Os, "A durable store (Ledger.open) cannot be used: it is locked, damaged or not a ledger store, or reading or writing it failed. Also an OSError, as the file errors it stands for are: `except OSError` around a program's file handling catches it. Its errno, strerror and filename are None; the message names the file and what happened. A refused call changed neither the store nor the ledger in memory. A configuration other than the store's is InvalidInput, not a StoreError."),
    ("StoreLocked", Builtin::Store, "Another ledger has the store open for writing, in this process or another. The lock is held until that Ledger object is deleted (and garbage-collected) or its process ends: a killed writer never leaves the store locked."),
    ("StoreCorrupt", Builtin::Store, "The file is not a ledger store, or it is damaged (truncated, overwritten, a checkpoint whose checksum does not match, a journal that does not replay to its recorded outcomes), or its format version is not one this build reads. The message names the problem; the file was not changed."),
    ("StoreIoError", Builtin::Store, "Reading or writing the store failed (the disk is full, the file or its directory is not writable, a database error): the call was refused, and neither the store nor the ledger in memory kept anything of it."),
];

/// Index of an exception class in [`CLASSES`].
#[derive(Clone, Copy)]
pub(crate) enum Exc {
    Base = 0,
    InvalidInput,
    UnknownSku,
    UnknownLocation,
    UnknownPosition,
    InsufficientStock,
    UnknownReservation,
    ReservationExceeded,
    UnknownShipment,
    ReturnMismatch,
    DuplicateReference,
    OutOfOrder,
    InvalidState,
    Overflow,
    InvalidSnapshot,
    UnknownReceipt,
    UnknownSupplier,
    UnknownOrder,
    UnknownOrderLine,
    DuplicateId,
    InvalidOrderState,
    OverReceipt,
    StoreError,
    StoreLocked,
    StoreCorrupt,
    StoreIo,
}

static TYPES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

fn make_types(py: Python<'_>) -> PyResult<Vec<Py<PyType>>> {
    let type_fn = py.import("builtins")?.getattr("type")?;
    let mut out: Vec<Py<PyType>> = Vec::with_capacity(CLASSES.len());
    for (name, builtin, doc) in CLASSES {
        let parent = match builtin {
            Builtin::Exception => py.get_type::<PyException>(),
            Builtin::Value => py.get_type::<PyValueError>(),
            Builtin::Key => py.get_type::<PyKeyError>(),
            Builtin::Arithmetic => py.get_type::<PyArithmeticError>(),
            Builtin::Os => py.get_type::<PyOSError>(),
            // `StoreError` comes before its subclasses in `CLASSES`.
            Builtin::Store => match out.get(Exc::StoreError as usize) {
                Some(store) => store.bind(py).clone(),
                None => py.get_type::<PyOSError>(),
            },
        };
        let bases = match (out.first(), builtin) {
            (Some(_), Builtin::Store) | (None, _) => PyTuple::new(py, [parent])?,
            (Some(base), _) => PyTuple::new(py, [base.bind(py).clone(), parent])?,
        };
        let dict = PyDict::new(py);
        dict.set_item("__module__", "inventory_core")?;
        dict.set_item("__doc__", doc)?;
        dict.set_item("index", py.None())?;
        if matches!(builtin_of(name), Builtin::Key) {
            // KeyError's str() quotes its message; show the core's message as is.
            dict.set_item(
                "__str__",
                py.get_type::<PyBaseException>().getattr("__str__")?,
            )?;
        }
        let cls = type_fn.call1((name, bases, dict))?.cast_into::<PyType>()?;
        out.push(cls.unbind());
    }
    Ok(out)
}

fn builtin_of(name: &str) -> Builtin {
    CLASSES
        .iter()
        .find(|c| c.0 == name)
        .map_or(Builtin::Exception, |c| c.1)
}

/// The class of an exception.
pub(crate) fn exc_type(py: Python<'_>, exc: Exc) -> PyResult<Bound<'_, PyType>> {
    let types = TYPES.get_or_try_init(py, || make_types(py))?;
    Ok(types[exc as usize].bind(py).clone())
}

/// Adds every exception class to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    for (i, (name, _, _)) in CLASSES.iter().enumerate() {
        let types = TYPES.get_or_try_init(py, || make_types(py))?;
        m.add(*name, types[i].bind(py))?;
    }
    Ok(())
}

/// A new exception of class `exc` with `message`.
pub(crate) fn new_err(py: Python<'_>, exc: Exc, message: impl Into<String>) -> PyErr {
    match exc_type(py, exc) {
        Ok(t) => PyErr::from_type(t, (message.into(),)),
        Err(e) => e,
    }
}

/// An `InvalidInput` error: a value of the right type that the binding's conversions refuse
/// (a lone surrogate, an integer beyond the parameter's range, an array of two dimensions
/// where a column is expected, a tuple of the wrong length, ...).
pub(crate) fn invalid_input(py: Python<'_>, message: impl Into<String>) -> PyErr {
    new_err(py, Exc::InvalidInput, message)
}

/// The name of `obj`'s type for an error message (`int`, `NoneType`, `numpy.ndarray`).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .fully_qualified_name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// The `TypeError` for a value of the wrong type (a str where a number is expected, an object
/// of the wrong class, a list item of the wrong class): "`label`: expected `expected`, got
/// `type`". Every wrong type is a `TypeError`, as in Python; a value of the right type that
/// is bad is [`invalid_input`] (or the core's error).
pub(crate) fn wrong_type(label: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    pyo3::exceptions::PyTypeError::new_err(format!(
        "{label}: expected {expected}, got {}",
        type_name(obj)
    ))
}

/// The exception class of a core error kind.
fn class_of(kind: ErrorKind) -> Exc {
    match kind {
        ErrorKind::InvalidInput => Exc::InvalidInput,
        ErrorKind::UnknownSku => Exc::UnknownSku,
        ErrorKind::UnknownLocation => Exc::UnknownLocation,
        ErrorKind::UnknownPosition => Exc::UnknownPosition,
        ErrorKind::InsufficientStock => Exc::InsufficientStock,
        ErrorKind::UnknownReservation => Exc::UnknownReservation,
        ErrorKind::ReservationExceeded => Exc::ReservationExceeded,
        ErrorKind::UnknownShipment => Exc::UnknownShipment,
        ErrorKind::ReturnMismatch => Exc::ReturnMismatch,
        ErrorKind::DuplicateReference => Exc::DuplicateReference,
        ErrorKind::OutOfOrder => Exc::OutOfOrder,
        ErrorKind::InvalidState => Exc::InvalidState,
        ErrorKind::Overflow => Exc::Overflow,
        ErrorKind::InvalidSnapshot => Exc::InvalidSnapshot,
        ErrorKind::UnknownReceipt => Exc::UnknownReceipt,
        ErrorKind::UnknownSupplier => Exc::UnknownSupplier,
        ErrorKind::UnknownOrder => Exc::UnknownOrder,
        ErrorKind::UnknownOrderLine => Exc::UnknownOrderLine,
        ErrorKind::DuplicateId => Exc::DuplicateId,
        ErrorKind::InvalidOrderState => Exc::InvalidOrderState,
        ErrorKind::OverReceipt => Exc::OverReceipt,
        ErrorKind::StoreLocked => Exc::StoreLocked,
        ErrorKind::StoreCorrupt => Exc::StoreCorrupt,
        ErrorKind::StoreIo => Exc::StoreIo,
        // `ErrorKind` is non-exhaustive: a kind added later is still an InventoryError.
        _ => Exc::Base,
    }
}

/// Converts a core error: the class from its kind, the message from its `Display`, and
/// for a batch error an `index` attribute (the failing row, 0-based; `None` otherwise).
pub(crate) fn to_py_err(py: Python<'_>, err: Error) -> PyErr {
    let index = match &err {
        Error::Batch { index, .. } => Some(*index),
        _ => None,
    };
    let build = || -> PyResult<PyErr> {
        let cls = exc_type(py, class_of(err.kind()))?;
        let value = cls.call1((err.to_string(),))?;
        value.setattr("index", index)?;
        Ok(PyErr::from_value(value))
    };
    build().unwrap_or_else(|e| e)
}

/// The error raised when the ledger's lock was poisoned by a panic in another thread.
pub(crate) fn poisoned(py: Python<'_>) -> PyErr {
    new_err(
        py,
        Exc::Base,
        "the ledger is unusable: an internal panic happened while it was locked",
    )
}
