//! ABC and XYZ classification (`inventory_core::classify`).

use inventory_core::classify::{
    self, AbcClass, AbcItem, AbcMeasure, AbcThresholds, XyzClass, XyzItem, XyzThresholds,
};
use pyo3::prelude::*;

use crate::arrays::{
    array, core_err, f64_array, f64_buffer, f64_column, is_none_text_or_mapping, nan_if_none,
};
use crate::convert::{arg_f64, arg_index, arg_str, lengths_arg};
use crate::errors::{invalid_input, wrong_type};

pub(crate) fn abc_str(c: AbcClass) -> &'static str {
    match c {
        AbcClass::A => "A",
        AbcClass::B => "B",
        AbcClass::C => "C",
    }
}

pub(crate) fn xyz_str(c: XyzClass) -> &'static str {
    match c {
        XyzClass::X => "X",
        XyzClass::Y => "Y",
        XyzClass::Z => "Z",
    }
}

fn abc_code(c: AbcClass) -> i8 {
    match c {
        AbcClass::A => 0,
        AbcClass::B => 1,
        AbcClass::C => 2,
    }
}

fn xyz_code(c: XyzClass) -> i8 {
    match c {
        XyzClass::X => 0,
        XyzClass::Y => 1,
        XyzClass::Z => 2,
    }
}

/// The class of one item of an ABC analysis.
#[pyclass(frozen, eq, name = "AbcItem", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyAbcItem {
    pub(crate) inner: AbcItem,
}

impl From<AbcItem> for PyAbcItem {
    fn from(inner: AbcItem) -> Self {
        PyAbcItem { inner }
    }
}

#[pymethods]
impl PyAbcItem {
    /// "A", "B" or "C".
    #[getter]
    fn class_(&self) -> &'static str {
        abc_str(self.inner.class)
    }
    /// 1-based rank by value, descending (ties in input order).
    #[getter]
    fn rank(&self) -> usize {
        self.inner.rank
    }
    /// Cumulative share of the positive total up to and including this item.
    #[getter]
    fn cumulative_share(&self) -> f64 {
        self.inner.cumulative_share
    }
    fn __repr__(&self) -> String {
        format!(
            "AbcItem(class_={:?}, rank={}, cumulative_share={:?})",
            abc_str(self.inner.class),
            self.inner.rank,
            self.inner.cumulative_share
        )
    }
}

/// An ABC analysis of many items, as numpy arrays (`class_code`: int8, 0 = A, 1 = B, 2 = C;
/// `rank`: int64; `cumulative_share`: float64) and, on demand, `classes` as a list of str.
#[pyclass(frozen, name = "AbcResult", module = "inventory_core")]
pub(crate) struct PyAbcResult {
    inner: Vec<AbcItem>,
    #[pyo3(get)]
    class_code: Py<PyAny>,
    #[pyo3(get)]
    rank: Py<PyAny>,
    #[pyo3(get)]
    cumulative_share: Py<PyAny>,
}

#[pymethods]
impl PyAbcResult {
    /// The classes as "A" / "B" / "C" strings (built when read).
    #[getter]
    fn classes(&self) -> Vec<&'static str> {
        self.inner.iter().map(|i| abc_str(i.class)).collect()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __getitem__(&self, #[pyo3(from_py_with = arg_index)] index: isize) -> PyResult<PyAbcItem> {
        let n = self.inner.len() as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "AbcResult index out of range",
            ));
        }
        Ok(self.inner[i as usize].into())
    }
    fn __repr__(&self) -> String {
        format!("AbcResult(<{} items>)", self.inner.len())
    }
}

/// ABC classification of values (e.g. annual consumption value) by cumulative share.
#[pyfunction]
#[pyo3(signature = (values, *, a = 0.8, b = 0.95))]
pub(crate) fn abc(
    py: Python<'_>,
    values: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_f64)] a: f64,
    #[pyo3(from_py_with = arg_f64)] b: f64,
) -> PyResult<PyAbcResult> {
    let values = f64_column("values", values)?;
    let (items, codes, ranks, shares) = py
        .detach(move || {
            let items = classify::abc(&values, AbcThresholds { a, b })?;
            let codes: Vec<i8> = items.iter().map(|i| abc_code(i.class)).collect();
            let ranks: Vec<i64> = items.iter().map(|i| i.rank as i64).collect();
            let shares: Vec<f64> = items.iter().map(|i| i.cumulative_share).collect();
            Ok::<_, inventory_core::Error>((items, codes, ranks, shares))
        })
        .map_err(|e| core_err(py, e))?;
    Ok(PyAbcResult {
        inner: items,
        class_code: array(py, &codes, "int8")?.unbind(),
        rank: array(py, &ranks, "int64")?.unbind(),
        cumulative_share: f64_array(py, &shares)?,
    })
}

/// The ABC measure per item: "units", "revenue" (units × price), "consumption_value"
/// (units × cost) or "margin" (units × (price − cost)), as a float64 numpy array.
#[pyfunction]
#[pyo3(signature = (measure, units, unit_costs = None, unit_prices = None))]
pub(crate) fn abc_measure(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_str)] measure: &str,
    units: &Bound<'_, PyAny>,
    unit_costs: Option<&Bound<'_, PyAny>>,
    unit_prices: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let measure = measure.parse::<AbcMeasure>().map_err(|e| core_err(py, e))?;
    let units = f64_column("units", units)?;
    let opt = |name: &str, o: Option<&Bound<'_, PyAny>>| match o {
        Some(o) if !o.is_none() => f64_column(name, o),
        _ => Ok(Vec::new()),
    };
    let costs = opt("unit_costs", unit_costs)?;
    let prices = opt("unit_prices", unit_prices)?;
    let out = py
        .detach(move || classify::abc_measure(measure, &units, &costs, &prices))
        .map_err(|e| core_err(py, e))?;
    f64_array(py, &out)
}

/// The XYZ class of one demand series by its coefficient of variation.
#[pyclass(frozen, eq, name = "XyzItem", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyXyzItem {
    pub(crate) inner: XyzItem,
}

impl From<XyzItem> for PyXyzItem {
    fn from(inner: XyzItem) -> Self {
        PyXyzItem { inner }
    }
}

#[pymethods]
impl PyXyzItem {
    /// "X", "Y" or "Z".
    #[getter]
    fn class_(&self) -> &'static str {
        xyz_str(self.inner.class)
    }
    /// Sample standard deviation / mean; None when the mean is not positive (class Z).
    #[getter]
    fn cv(&self) -> Option<f64> {
        self.inner.cv
    }
    /// Mean demand per period.
    #[getter]
    fn mean(&self) -> f64 {
        self.inner.mean
    }
    /// Sample standard deviation (n − 1).
    #[getter]
    fn std_dev(&self) -> f64 {
        self.inner.std_dev
    }
    fn __repr__(&self) -> String {
        format!(
            "XyzItem(class_={:?}, cv={}, mean={:?}, std_dev={:?})",
            xyz_str(self.inner.class),
            self.inner
                .cv
                .map_or("None".to_owned(), |c| format!("{c:?}")),
            self.inner.mean,
            self.inner.std_dev
        )
    }
}

fn xyz_thresholds(x: f64, y: f64) -> XyzThresholds {
    XyzThresholds { x, y }
}

/// XYZ classification of one demand series.
#[pyfunction]
#[pyo3(signature = (series, *, x = 0.5, y = 1.0))]
pub(crate) fn xyz(
    py: Python<'_>,
    series: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = arg_f64)] x: f64,
    #[pyo3(from_py_with = arg_f64)] y: f64,
) -> PyResult<PyXyzItem> {
    let xs = f64_column("series", series)?;
    classify::xyz(&xs, xyz_thresholds(x, y))
        .map(PyXyzItem::from)
        .map_err(|e| core_err(py, e))
}

/// XYZ classification of many series, as numpy arrays (`class_code`: int8, 0 = X, 1 = Y,
/// 2 = Z; `cv`: float64, NaN where undefined; `mean`, `std_dev`: float64) and, on demand,
/// `classes` as a list of str.
#[pyclass(frozen, name = "XyzResult", module = "inventory_core")]
pub(crate) struct PyXyzResult {
    inner: Vec<XyzItem>,
    #[pyo3(get)]
    class_code: Py<PyAny>,
    #[pyo3(get)]
    cv: Py<PyAny>,
    #[pyo3(get)]
    mean: Py<PyAny>,
    #[pyo3(get)]
    std_dev: Py<PyAny>,
}

#[pymethods]
impl PyXyzResult {
    /// The classes as "X" / "Y" / "Z" strings (built when read).
    #[getter]
    fn classes(&self) -> Vec<&'static str> {
        self.inner.iter().map(|i| xyz_str(i.class)).collect()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __getitem__(&self, #[pyo3(from_py_with = arg_index)] index: isize) -> PyResult<PyXyzItem> {
        let n = self.inner.len() as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "XyzResult index out of range",
            ));
        }
        Ok(self.inner[i as usize].into())
    }
    fn __repr__(&self) -> String {
        format!("XyzResult(<{} items>)", self.inner.len())
    }
}

/// Rows of a panel as (offset, length) into one flat buffer.
type Rows = Vec<(usize, usize)>;

/// The rows of a panel that is not a C-contiguous float64 array, copied into one buffer.
/// None, a str, bytes or a dict, or an item that is not a sequence of numbers, is a
/// `TypeError`; an array of other than two dimensions InvalidInput.
fn xyz_rows(py: Python<'_>, series: &Bound<'_, PyAny>) -> PyResult<(Vec<f64>, Rows)> {
    const EXPECTED: &str = "a 2-d array or a list of sequences";
    if is_none_text_or_mapping(series) {
        return Err(wrong_type("series", EXPECTED, series));
    }
    if let Some(b) = f64_buffer("series", series)? {
        let shape = b.shape().to_vec();
        let [n, w] = shape[..] else {
            return Err(invalid_input(
                py,
                format!(
                    "series: expected a 2-d array or a list of sequences, got an array of {} dimension(s)",
                    shape.len()
                ),
            ));
        };
        return Ok((b.to_vec(py)?, (0..n).map(|i| (i * w, w)).collect()));
    }
    let mut flat = Vec::new();
    let mut rows = Vec::new();
    let iter = series
        .try_iter()
        .map_err(|_| wrong_type("series", EXPECTED, series))?;
    for (i, item) in iter.enumerate() {
        let s = f64_column(&format!("series[{i}]"), &item?)?;
        rows.push((flat.len(), s.len()));
        flat.extend_from_slice(&s);
    }
    Ok((flat, rows))
}

/// XYZ classification of many series: a 2-d float array (one row per item; `lengths`
/// optionally gives how many leading values of each row to use) or a list of sequences.
#[pyfunction]
#[pyo3(signature = (series, *, lengths = None, x = 0.5, y = 1.0))]
pub(crate) fn xyz_many(
    py: Python<'_>,
    series: &Bound<'_, PyAny>,
    lengths: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = arg_f64)] x: f64,
    #[pyo3(from_py_with = arg_f64)] y: f64,
) -> PyResult<PyXyzResult> {
    // A C-contiguous 2-d float64 array is read in place: copying a large panel costs more
    // (in page faults on the fresh copy) than the statistics themselves.
    // Other arrays are converted once (to native float64) and that copy is read in place;
    // one that cannot be is read again by `xyz_rows`, which names what is wrong with it.
    let in_place = f64_buffer("series", series)
        .ok()
        .flatten()
        .filter(|b| b.dimensions() == 2);
    let owned: Vec<f64>;
    // The rows as (offset, length) into one flat buffer.
    let (flat, rows): (&[f64], Rows) = if let Some(b) = &in_place {
        let (n, w) = (b.shape()[0], b.shape()[1]);
        // SAFETY: the buffer is C-contiguous, in native byte order (`f64_buffer`) and holds
        // `item_count()` f64 values; `b` keeps
        // the exporting object and its memory alive until this function returns. The array
        // must not be written by another thread during the call (documented in the stub).
        let values: &[f64] = if b.item_count() == 0 {
            &[]
        } else {
            unsafe { std::slice::from_raw_parts(b.buf_ptr() as *const f64, b.item_count()) }
        };
        (values, (0..n).map(|i| (i * w, w)).collect())
    } else {
        let (v, rows) = xyz_rows(py, series)?;
        owned = v;
        (&owned[..], rows)
    };
    let rows = match lengths_arg(lengths)? {
        None => rows,
        Some(lengths) => {
            if lengths.len() != rows.len() {
                return Err(invalid_input(
                    py,
                    format!(
                        "lengths has {} values, expected {}",
                        lengths.len(),
                        rows.len()
                    ),
                ));
            }
            rows.into_iter()
                .zip(lengths)
                .enumerate()
                .map(|(i, ((off, w), l))| {
                    if l > w {
                        Err(invalid_input(
                            py,
                            format!("lengths[{i}] = {l} is longer than its row ({w} values)"),
                        ))
                    } else {
                        Ok((off, l))
                    }
                })
                .collect::<PyResult<Vec<_>>>()?
        }
    };
    let (items, codes, cvs, means, sds) = py
        .detach(move || {
            let slices: Vec<&[f64]> = rows.iter().map(|&(o, l)| &flat[o..o + l]).collect();
            let items = classify::xyz_many(&slices, xyz_thresholds(x, y))?;
            let codes: Vec<i8> = items.iter().map(|i| xyz_code(i.class)).collect();
            let cvs: Vec<f64> = items.iter().map(|i| nan_if_none(i.cv)).collect();
            let means: Vec<f64> = items.iter().map(|i| i.mean).collect();
            let sds: Vec<f64> = items.iter().map(|i| i.std_dev).collect();
            Ok::<_, inventory_core::Error>((items, codes, cvs, means, sds))
        })
        .map_err(|e| core_err(py, e))?;
    Ok(PyXyzResult {
        inner: items,
        class_code: array(py, &codes, "int8")?.unbind(),
        cv: f64_array(py, &cvs)?,
        mean: f64_array(py, &means)?,
        std_dev: f64_array(py, &sds)?,
    })
}

/// The combined label, e.g. "AX".
#[pyfunction]
pub(crate) fn abc_xyz_label(
    py: Python<'_>,
    #[pyo3(from_py_with = arg_str)] abc: &str,
    #[pyo3(from_py_with = arg_str)] xyz: &str,
) -> PyResult<String> {
    let a = match abc {
        "A" => AbcClass::A,
        "B" => AbcClass::B,
        "C" => AbcClass::C,
        other => {
            return Err(invalid_input(
                py,
                format!("unknown ABC class {other:?} (expected A, B or C)"),
            ))
        }
    };
    let x = match xyz {
        "X" => XyzClass::X,
        "Y" => XyzClass::Y,
        "Z" => XyzClass::Z,
        other => {
            return Err(invalid_input(
                py,
                format!("unknown XYZ class {other:?} (expected X, Y or Z)"),
            ))
        }
    };
    Ok(classify::abc_xyz_label(a, x))
}

/// Registers the functions and classes of this module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(abc, m)?)?;
    m.add_function(wrap_pyfunction!(abc_measure, m)?)?;
    m.add_function(wrap_pyfunction!(xyz, m)?)?;
    m.add_function(wrap_pyfunction!(xyz_many, m)?)?;
    m.add_function(wrap_pyfunction!(abc_xyz_label, m)?)?;
    m.add_class::<PyAbcItem>()?;
    m.add_class::<PyAbcResult>()?;
    m.add_class::<PyXyzItem>()?;
    m.add_class::<PyXyzResult>()?;
    Ok(())
}
