//! Float columns in and numpy arrays out, for the statistics APIs (policy, classification).
//!
//! - In: every numeric buffer that comes in is read through [`native_buffer`], which takes a
//!   buffer only when its items are in the machine's byte order; an array-like of any other
//!   dtype or byte order (a big-endian `">f8"` array, an integer array, a strided view) is
//!   converted once by `numpy.ascontiguousarray(obj, dtype="float64")` ([`f64_buffer`]) and
//!   that copy is read instead; an array of Python objects (dtype `object`) is read item by
//!   item, as a list is. Lists, tuples and other iterables are read item by item
//!   ([`named_f64`]: `float()` of each number).
//! - Errors: a value of the wrong type (None, a str, bytes or a dict where a column is
//!   expected, an item that is not a number, an array of text, dates or complex numbers) is a
//!   `TypeError`; a value of the right type that cannot be read (a number beyond a float, an
//!   array of the wrong number of dimensions) is InvalidInput. Both name the argument and
//!   the item.
//! - Out: `numpy.empty(n, dtype)` filled through its (writable) buffer with one `memcpy`,
//!   so the binding does not need the `numpy` crate and the result is an ordinary, writable
//!   numpy array owned by Python.

use inventory_core::Error;
use std::ffi::CStr;

use pyo3::buffer::{Element, PyBuffer, PyUntypedBuffer};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::convert::named_f64;
use crate::errors::{invalid_input, to_py_err, type_name, wrong_type};

/// A core error as a Python exception.
pub(crate) fn core_err(py: Python<'_>, e: impl Into<Error>) -> PyErr {
    to_py_err(py, e.into())
}

static NP_EMPTY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn np_empty(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    NP_EMPTY
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("numpy")?.getattr("empty")?.unbind())
        })
        .map(|f| f.bind(py))
}

// ----- numeric buffers in: the one path -----

/// Whether a buffer's struct format (`"d"`, `"@q"`, `"<d"`, `">d"`, ...) has its items in
/// the machine's byte order (no prefix, `@` and `=` are native).
fn is_native_order(format: &CStr) -> bool {
    match format.to_bytes().first() {
        Some(b'<') => cfg!(target_endian = "little"),
        Some(b'>' | b'!') => cfg!(target_endian = "big"),
        _ => true,
    }
}

/// The buffer of `T` that `obj` exports, if it exports one whose items are in the machine's
/// byte order. Every numeric buffer the binding reads goes through this: PyO3's
/// `PyBuffer::<T>::get` checks an item's kind and size but not its byte order, so on a
/// little-endian machine it takes a big-endian `">d"` buffer for `f64` and its values
/// would be read byte-swapped.
pub(crate) fn native_buffer<T: Element>(obj: &Bound<'_, PyAny>) -> Option<PyBuffer<T>> {
    if is_sequence(obj) {
        return None;
    }
    PyBuffer::<T>::get(obj)
        .ok()
        .filter(|b| is_native_order(b.format()))
}

/// A list or a tuple (read item by item, never as a buffer).
fn is_sequence(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>()
}

/// True for an array-like: an object with a `dtype` (numpy arrays and scalars, pandas
/// columns) or one that exports a buffer (`array.array`, `memoryview`); not a list, tuple,
/// str, bytes or dict.
pub(crate) fn is_array_like(obj: &Bound<'_, PyAny>) -> bool {
    if is_sequence(obj)
        || obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
    {
        return false;
    }
    obj.hasattr("dtype").unwrap_or(false) || PyUntypedBuffer::get(obj).is_ok()
}

/// `obj` with its items in the machine's byte order: a numpy array (or scalar) whose dtype
/// has the other byte order is converted to the same dtype in native order
/// (`obj.astype(obj.dtype.newbyteorder("="))`, one copy); anything else is `obj` itself.
/// numpy reports a native dtype's byte order as `"="` (or `"|"` where order has no
/// meaning), so `"<"` or `">"` means foreign.
pub(crate) fn in_native_order<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if is_sequence(obj) {
        return Ok(obj.clone());
    }
    let Ok(dtype) = obj.getattr("dtype") else {
        return Ok(obj.clone());
    };
    let foreign = dtype
        .getattr("byteorder")
        .and_then(|o| o.extract::<String>())
        .is_ok_and(|o| o == "<" || o == ">");
    if !foreign {
        return Ok(obj.clone());
    }
    let native = dtype.call_method1("newbyteorder", ("=",))?;
    obj.call_method1("astype", (native,))
}

static NP_ASCONTIGUOUS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `numpy.ascontiguousarray(obj, dtype=dtype)`: a C-contiguous array of `dtype` in the
/// machine's byte order (a copy only when `obj` is not one already).
pub(crate) fn np_contiguous<'py>(
    obj: &Bound<'py, PyAny>,
    dtype: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    NP_ASCONTIGUOUS
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import("numpy")?.getattr("ascontiguousarray")?.unbind())
        })?
        .bind(py)
        .call1((obj, dtype))
}

/// The values of an array-like as a C-contiguous float64 buffer in the machine's byte
/// order: `obj`'s own buffer when it is one (read in place), else that of
/// `numpy.ascontiguousarray(obj, dtype="float64")` (any real numeric dtype, any byte order,
/// any strides, converted once). `None` when `obj` is not array-like (a list, a tuple,
/// another iterable: read item by item).
///
/// An array of other than real numbers is a `TypeError` naming `name`: numpy would convert
/// complex numbers (dropping the imaginary part), text (`"1.5"`), dates and durations (as
/// counts of their unit), not numbers as the caller meant them. An array of Python objects
/// is read item by item with [`named_f64`], as a list is (numpy would parse a str item), so
/// its errors name the item.
pub(crate) fn f64_buffer(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<PyBuffer<f64>>> {
    if !is_array_like(obj) {
        return Ok(None);
    }
    if let Some(b) = native_buffer::<f64>(obj) {
        if b.is_c_contiguous() {
            return Ok(Some(b));
        }
    }
    let native = match obj.getattr("dtype") {
        Ok(dtype) => {
            let kind = dtype.getattr("kind")?.extract::<String>()?;
            match kind.as_str() {
                "f" | "i" | "u" | "b" => np_contiguous(obj, "float64"),
                "O" => objects_as_f64(name, obj),
                _ => Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "{name}: expected real numbers, got an array of dtype {}",
                    dtype.str()?
                ))),
            }
        }
        // A buffer without a dtype (`array.array`, `memoryview`).
        Err(_) => np_contiguous(obj, "float64").map_err(|e| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "{name}: a {} cannot be read as float64: {}",
                type_name(obj),
                e.value(obj.py())
            ))
        }),
    }?;
    native_buffer::<f64>(&native).map(Some).ok_or_else(|| {
        pyo3::exceptions::PyRuntimeError::new_err(
            "internal: numpy.ascontiguousarray gave no native float64 buffer",
        )
    })
}

/// A numpy array of Python objects (of any shape) as a new float64 array of the same shape,
/// each item read by [`named_f64`] (`name[i]`, `name[i][j]`, ... in errors).
fn objects_as_f64<'py>(name: &str, obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let shape: Vec<usize> = obj.getattr("shape")?.extract()?;
    let flat = np_contiguous(obj, "object")?.call_method0("ravel")?;
    let mut values = Vec::with_capacity(flat.len().unwrap_or(0));
    for (i, item) in flat.try_iter()?.enumerate() {
        let mut label = name.to_owned();
        let mut rest = i;
        let mut index = Vec::with_capacity(shape.len());
        for &n in shape.iter().rev() {
            index.push(rest % n.max(1));
            rest /= n.max(1);
        }
        for k in index.iter().rev() {
            label.push_str(&format!("[{k}]"));
        }
        values.push(named_f64(&label, &item?)?);
    }
    array(py, &values, "float64")?.call_method1("reshape", (shape,))
}

// ----- arrays out -----

/// A new one-dimensional numpy array of `dtype` (e.g. `"float64"`, `"int8"`) holding `data`.
pub(crate) fn array<'py, T: Element>(
    py: Python<'py>,
    data: &[T],
    dtype: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = np_empty(py)?.call1((data.len(), dtype))?;
    let buf = PyBuffer::<T>::get(&arr)?;
    buf.copy_from_slice(py, data)?;

    Ok(arr)
}

/// A `float64` numpy array, owned by Python.
pub(crate) fn f64_array<'py>(py: Python<'py>, data: &[f64]) -> PyResult<Py<PyAny>> {
    array(py, data, "float64").map(Bound::unbind)
}

/// True when `obj` is a column (list, tuple, numpy array with at least one dimension, or
/// another sized container) rather than a single number.
pub(crate) fn is_column(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return true;
    }
    if obj.is_instance_of::<PyString>() {
        return false;
    }
    // A 0-d numpy array has `__len__` but raises on `len()`: it is a scalar.
    obj.len().is_ok()
}

/// None, a str, bytes or a dict: never a column of numbers (a str would be read as its
/// characters).
pub(crate) fn is_none_text_or_mapping(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_none()
        || obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
}

/// A column of floats, with the shape of the buffer (`None` for a list or an iterable).
pub(crate) fn f64_column_shaped(
    name: &str,
    obj: &Bound<'_, PyAny>,
) -> PyResult<(Vec<f64>, Option<Vec<usize>>)> {
    let py = obj.py();
    if is_none_text_or_mapping(obj) {
        return Err(wrong_type(name, "a sequence of numbers", obj));
    }
    if let Some(b) = f64_buffer(name, obj)? {
        let shape = b.shape().to_vec();
        let v = b.to_vec(py)?;

        return Ok((v, Some(shape)));
    }
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    let iter = obj
        .try_iter()
        .map_err(|_| wrong_type(name, "a sequence of numbers", obj))?;
    for (row, item) in iter.enumerate() {
        out.push(named_f64(&format!("{name}[{row}]"), &item?)?);
    }
    Ok((out, None))
}

/// A column of floats (see the module documentation for what is accepted). An array of
/// other than one dimension is refused (InvalidInput naming `name`), not read flattened (or
/// a 0-d array taken for a column of one).
pub(crate) fn f64_column(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    match f64_column_shaped(name, obj)? {
        (_, Some(shape)) if shape.len() != 1 => Err(invalid_input(
            obj.py(),
            format!(
                "{name}: expected a one-dimensional array, got {} dimensions",
                shape.len()
            ),
        )),
        (v, _) => Ok(v),
    }
}

/// A column when `obj` is one, else a single value (a column of length 1, broadcast by the
/// core's batch functions).
pub(crate) fn f64_broadcast(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    if is_column(obj) {
        f64_column(name, obj)
    } else {
        named_f64(name, obj).map(|v| vec![v])
    }
}

/// NaN for `None`.
pub(crate) fn nan_if_none(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

/// A float column: read in place from a 1-d C-contiguous float64 buffer (no copy), or
/// converted into an owned vector (lists, other dtypes, scalars broadcast as one value).
pub(crate) struct F64Col {
    buffer: Option<PyBuffer<f64>>,
    owned: Vec<f64>,
}

impl F64Col {
    /// Reads `buffer` in place: a 1-d, C-contiguous float64 buffer in the machine's byte
    /// order, as [`f64_buffer`] gives.
    pub(crate) fn in_place(buffer: PyBuffer<f64>) -> Self {
        debug_assert!(buffer.dimensions() == 1 && buffer.is_c_contiguous());
        F64Col {
            buffer: Some(buffer),
            owned: Vec::new(),
        }
    }

    /// The values. A buffer is read in place: it must not be written by another thread while
    /// the GIL is released around a computation on it (documented in the stubs).
    pub(crate) fn as_slice(&self) -> &[f64] {
        match &self.buffer {
            Some(b) if b.item_count() > 0 => {
                // SAFETY: the buffer is 1-d, C-contiguous and holds `item_count()` aligned f64
                // values in native byte order (checked by `PyBuffer::get`, `native_buffer` and
                // `f64_buffer`, and by the callers of `in_place`); `self` owns the buffer,
                // which keeps the exporting object and its memory alive for the borrow.
                unsafe { std::slice::from_raw_parts(b.buf_ptr() as *const f64, b.item_count()) }
            }
            Some(_) => &[],
            None => &self.owned,
        }
    }
}

/// A column or a scalar broadcast as one value, read in place where possible.
pub(crate) fn f64_col(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<F64Col> {
    if is_column(obj) && !is_none_text_or_mapping(obj) {
        if let Some(b) = f64_buffer(name, obj)?.filter(|b| b.dimensions() == 1) {
            return Ok(F64Col::in_place(b));
        }
    }
    Ok(F64Col {
        buffer: None,
        owned: f64_broadcast(name, obj)?,
    })
}

/// A new float64 numpy array of `n` values, with its writable buffer.
pub(crate) fn f64_out(py: Python<'_>, n: usize) -> PyResult<(Py<PyAny>, PyBuffer<f64>)> {
    let arr = np_empty(py)?.call1((n, "float64"))?;
    let buf = PyBuffer::<f64>::get(&arr)?;
    if buf.readonly() || !buf.is_c_contiguous() || buf.item_count() != n {
        return Err(invalid_input(
            py,
            "numpy.empty gave an unusable array".to_owned(),
        ));
    }
    Ok((arr.unbind(), buf))
}

/// The writable values of a buffer made by [`f64_out`].
///
/// # Safety
/// `buf` must come from [`f64_out`] (a fresh, writable, C-contiguous float64 array that no
/// other code can reach yet), and no other slice of it may be alive.
#[allow(clippy::mut_from_ref)] // the buffer is written through its raw pointer; see # Safety
pub(crate) unsafe fn out_slice(buf: &PyBuffer<f64>) -> &mut [f64] {
    if buf.item_count() == 0 {
        return &mut [];
    }
    // SAFETY: guaranteed by the caller (see above).
    unsafe { std::slice::from_raw_parts_mut(buf.buf_ptr() as *mut f64, buf.item_count()) }
}

/// What a batch call returns, from its `outputs=` argument: the whole batch object (`None`),
/// one column (a name) or a tuple of columns (a sequence of names). Only the columns asked for
/// are computed.
pub(crate) enum Selection {
    /// Every column, in the batch object.
    All,
    /// One column, as an array.
    One(usize),
    /// Several columns, as a tuple of arrays in the order given.
    Many(Vec<usize>),
}

impl Selection {
    /// Parses `outputs` against the column `names` of the batch.
    pub(crate) fn parse(names: &[&str], outputs: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let Some(obj) = outputs.filter(|o| !o.is_none()) else {
            return Ok(Selection::All);
        };
        let py = obj.py();
        let index = |item: &Bound<'_, PyAny>| -> PyResult<usize> {
            let name = item
                .cast::<PyString>()
                .map_err(|_| wrong_type("outputs", "column names (str)", item))?
                .to_str()
                .map_err(|e| crate::convert::bad_value(item, e, "a column name"))?;
            names.iter().position(|n| *n == name).ok_or_else(|| {
                invalid_input(
                    py,
                    format!(
                        "outputs: unknown column {name:?}; expected one of {}",
                        names.join(", ")
                    ),
                )
            })
        };
        if obj.is_instance_of::<PyString>() {
            return index(obj).map(Selection::One);
        }
        if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyDict>() {
            return Err(wrong_type(
                "outputs",
                "a column name or a sequence of names",
                obj,
            ));
        }
        let iter = obj
            .try_iter()
            .map_err(|_| wrong_type("outputs", "a column name or a sequence of names", obj))?;
        let picked = iter
            .map(|item| index(&item?))
            .collect::<PyResult<Vec<_>>>()?;
        if let Some(dup) = (1..picked.len()).find(|&k| picked[..k].contains(&picked[k])) {
            return Err(invalid_input(
                py,
                format!("outputs: column {:?} is named twice", names[picked[dup]]),
            ));
        }
        if picked.is_empty() {
            return Err(invalid_input(
                py,
                "outputs: name at least one column".to_owned(),
            ));
        }
        Ok(Selection::Many(picked))
    }

    /// Whether the batch is computed (`outputs` given: even scalar inputs make a batch).
    pub(crate) fn is_explicit(&self) -> bool {
        !matches!(self, Selection::All)
    }

    /// Which of `k` columns to compute.
    fn wanted(&self, k: usize) -> Vec<bool> {
        match self {
            Selection::All => vec![true; k],
            Selection::One(i) => (0..k).map(|j| j == *i).collect(),
            Selection::Many(v) => (0..k).map(|j| v.contains(&j)).collect(),
        }
    }
}

/// Fresh float64 output arrays for the columns a [`Selection`] asks for.
pub(crate) struct OutColumns {
    arrays: Vec<Option<(Py<PyAny>, PyBuffer<f64>)>>,
}

impl OutColumns {
    /// `k` columns of `n` values, allocated only where `selection` wants them.
    pub(crate) fn new(py: Python<'_>, n: usize, k: usize, selection: &Selection) -> PyResult<Self> {
        let arrays = selection
            .wanted(k)
            .into_iter()
            .map(|w| w.then(|| f64_out(py, n)).transpose())
            .collect::<PyResult<Vec<_>>>()?;
        Ok(OutColumns { arrays })
    }

    /// The writable values of every column (`None` where not wanted), borrowed from `self`.
    pub(crate) fn slices(&mut self) -> Vec<Option<&mut [f64]>> {
        self.arrays
            .iter()
            .map(|a| {
                a.as_ref().map(|(_, b)| {
                    // SAFETY: every buffer comes from `f64_out` and no Python code has seen
                    // the arrays yet; `&mut self` makes these the only slices alive.
                    unsafe { out_slice(b) }
                })
            })
            .collect()
    }

    /// The result: the batch object built by `batch` from every column (for
    /// [`Selection::All`]), one array, or a tuple of arrays.
    pub(crate) fn finish(
        self,
        py: Python<'_>,
        selection: &Selection,
        batch: impl FnOnce(Vec<Py<PyAny>>) -> PyResult<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let arrays: Vec<Option<Py<PyAny>>> =
            self.arrays.into_iter().map(|a| a.map(|(a, _)| a)).collect();
        let get = |i: usize| {
            arrays[i]
                .as_ref()
                .map(|a| a.clone_ref(py))
                .ok_or_else(|| invalid_input(py, "internal: missing output".to_owned()))
        };
        match selection {
            Selection::All => batch((0..arrays.len()).map(get).collect::<PyResult<_>>()?),
            Selection::One(i) => get(*i),
            Selection::Many(v) => {
                let items = v.iter().map(|&i| get(i)).collect::<PyResult<Vec<_>>>()?;
                Ok(PyTuple::new(py, items)?.into_any().unbind())
            }
        }
    }
}
