//! Type conversions between Python values and the core's types.
//!
//! - Money and quantities: `decimal.Decimal`, `int` or `str` in (a `float` is refused:
//!   floats lose cents), `decimal.Decimal` out.
//! - Times: `int` seconds since the Unix epoch (UTC), `datetime.datetime` (aware: converted
//!   to UTC; naive: taken as UTC; microseconds are dropped) or `datetime.date` (midnight
//!   UTC) in; aware UTC `datetime.datetime` out.

use std::borrow::Cow;

use inventory_core::ledger::{civil_from_days, days_from_civil, SECONDS_PER_DAY};
use inventory_core::{Decimal, Timestamp};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyComplex, PyDate, PyDateAccess, PyDateTime, PyDelta,
    PyDeltaAccess, PyDict, PyFloat, PyInt, PyList, PyString, PyTimeAccess, PyTuple, PyType,
    PyTzInfo, PyTzInfoAccess,
};

use crate::arrays::{in_native_order, native_buffer};
use crate::errors::{exc_type, invalid_input, type_name, wrong_type, Exc};

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `decimal.Decimal` class.
pub(crate) fn decimal_cls(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A core decimal as a `decimal.Decimal` (exact, scale kept: `Decimal("12.50")`).
pub(crate) fn py_decimal<'py>(py: Python<'py>, d: Decimal) -> PyResult<Bound<'py, PyAny>> {
    let mut buf = [0u8; DECIMAL_TEXT];
    let text = std::str::from_utf8(decimal_text(d, &mut buf)).map_err(|e| {
        pyo3::exceptions::PyRuntimeError::new_err(format!("internal: decimal text: {e}"))
    })?;
    decimal_cls(py)?.call1((PyString::new(py, text),))
}

/// Room for [`decimal_text`]: a sign, 29 digits, `E-` and two exponent digits.
const DECIMAL_TEXT: usize = 40;

/// `d` as ASCII text that `decimal.Decimal` reads as the same sign, coefficient and
/// exponent: the mantissa's digits, then `E-<scale>` when there is a scale (`1250E-2` is
/// `Decimal("12.50")`; a negative zero keeps its sign, as `Decimal`'s `Display` does).
/// Written into `buf` from the end, without the heap allocation and formatting machinery of
/// `to_string`: outcomes, valuations and journals convert many decimals.
fn decimal_text(d: Decimal, buf: &mut [u8; DECIMAL_TEXT]) -> &[u8] {
    let mut at = buf.len();
    let mut put = |b: u8| {
        at -= 1;
        buf[at] = b;
    };
    let scale = d.scale();
    if scale > 0 {
        put(b'0' + (scale % 10) as u8);
        if scale >= 10 {
            put(b'0' + (scale / 10) as u8);
        }
        put(b'-');
        put(b'E');
    }
    // The digits, last first: 128-bit divisions only while the mantissa needs them.
    let mut wide = d.mantissa().unsigned_abs();
    while wide > u128::from(u64::MAX) {
        put(b'0' + (wide % 10) as u8);
        wide /= 10;
    }
    let mut n = wide as u64;
    loop {
        put(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if d.is_sign_negative() {
        put(b'-');
    }
    &buf[at..]
}

/// An optional core decimal as `decimal.Decimal` or `None`.
pub(crate) fn py_opt_decimal<'py>(
    py: Python<'py>,
    d: Option<Decimal>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    d.map(|d| py_decimal(py, d)).transpose()
}

fn float_refused(py: Python<'_>, field: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    let shown = obj
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".to_owned());
    invalid_input(
        py,
        format!(
            "{field}: float {shown} refused: floats lose cents; pass a decimal.Decimal, an int or a str"
        ),
    )
}

fn parse_decimal(py: Python<'_>, field: &str, s: &str) -> PyResult<Decimal> {
    Decimal::from_str_exact(s)
        .or_else(|_| Decimal::from_scientific(s))
        .map_err(|_| {
            invalid_input(
                py,
                format!("{field}: {s:?} is not a finite decimal number that fits 28 digits"),
            )
        })
}

fn int_to_decimal(py: Python<'_>, field: &str, i: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    if let Ok(v) = i.extract::<i64>() {
        return Ok(Decimal::from(v));
    }
    i.extract::<i128>()
        .ok()
        .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
        .ok_or_else(|| {
            invalid_input(
                py,
                format!("{field}: integer {i} is out of the decimal range"),
            )
        })
}

/// A Python `bool` or a numpy one (`numpy.bool_`, which is not a subclass of `bool` and has
/// `__float__` but no `__index__`: without this it would be refused as a float).
fn is_bool(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyBool>()
        || obj
            .getattr("dtype")
            .and_then(|d| d.getattr("kind"))
            .and_then(|k| k.extract::<String>())
            .is_ok_and(|k| k == "b")
}

/// What a decimal (money, a quantity) is read from.
const DECIMAL_TYPES: &str = "a decimal.Decimal, an int or a str";

/// A `Decimal`, `int` or `str` as a core decimal. A `float` (or a numpy float) and a bool are
/// numbers refused as values (InvalidInput: floats lose cents, a bool is not a quantity);
/// anything else (None, bytes, a complex number, another object) is a wrong type
/// (`TypeError`).
pub(crate) fn to_decimal(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let py = obj.py();
    if let Ok(s) = obj.cast_exact::<PyString>() {
        return parse_decimal(py, field, &text(field, s)?);
    }
    if obj.is_exact_instance_of::<PyInt>() {
        return int_to_decimal(py, field, obj);
    }
    let cls = decimal_cls(py)?;
    if obj.get_type().is(cls) || obj.is_instance(cls)? {
        let s = obj.str()?;
        return parse_decimal(py, field, &text(field, &s)?);
    }
    if is_bool(obj) {
        return Err(invalid_input(
            py,
            format!("{field}: a bool is not a quantity or an amount"),
        ));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Err(float_refused(py, field, obj));
    }
    if obj.is_instance_of::<PyComplex>() {
        return Err(wrong_type(field, DECIMAL_TYPES, obj));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_decimal(py, field, &text(field, s)?);
    }
    if obj.is_instance_of::<PyInt>() {
        return int_to_decimal(py, field, obj);
    }
    if obj.hasattr("__index__")? {
        // numpy integers and other integer-like objects.
        let i = obj.call_method0("__index__")?;
        return int_to_decimal(py, field, &i);
    }
    if obj.hasattr("__float__")? {
        return Err(float_refused(py, field, obj));
    }
    Err(wrong_type(field, DECIMAL_TYPES, obj))
}

/// An optional decimal: `None` stays `None`.
pub(crate) fn to_opt_decimal(
    field: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Decimal>> {
    match obj {
        Some(o) if !o.is_none() => to_decimal(field, o).map(Some),
        _ => Ok(None),
    }
}

fn utc_offset_seconds(dt: &Bound<'_, PyDateTime>) -> PyResult<i64> {
    if dt.get_tzinfo().is_none() {
        return Ok(0);
    }
    let off = dt.call_method0("utcoffset")?;
    if off.is_none() {
        return Ok(0);
    }
    let off = off.cast_into::<PyDelta>()?;
    Ok(i64::from(off.get_days()) * SECONDS_PER_DAY + i64::from(off.get_seconds()))
}

/// What a time is read from.
const TIME_TYPES: &str = "int seconds since the epoch, a datetime or a date";

/// An `int`, `datetime.datetime` or `datetime.date` as seconds since the epoch (UTC). A
/// bool is refused as a value (InvalidInput); a float or any other type is a `TypeError`.
pub(crate) fn to_time(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<Timestamp> {
    let py = obj.py();
    if obj.is_exact_instance_of::<PyInt>() {
        return obj
            .extract::<i64>()
            .map_err(|_| invalid_input(py, format!("{field}: {obj} does not fit 64 bits")));
    }
    if let Ok(dt) = obj.cast::<PyDateTime>() {
        let day = days_from_civil(
            i64::from(dt.get_year()),
            u32::from(dt.get_month()),
            u32::from(dt.get_day()),
        );
        let secs = i64::from(dt.get_hour()) * 3600
            + i64::from(dt.get_minute()) * 60
            + i64::from(dt.get_second());
        return Ok(day * SECONDS_PER_DAY + secs - utc_offset_seconds(dt)?);
    }
    if let Ok(d) = obj.cast::<PyDate>() {
        let day = days_from_civil(
            i64::from(d.get_year()),
            u32::from(d.get_month()),
            u32::from(d.get_day()),
        );
        return Ok(day * SECONDS_PER_DAY);
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(invalid_input(
            py,
            format!("{field}: a bool is not a time (expected {TIME_TYPES})"),
        ));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Err(wrong_type(field, TIME_TYPES, obj));
    }
    if obj.is_instance_of::<PyInt>() || obj.hasattr("__index__")? {
        let i = obj.call_method0("__index__")?;
        return i
            .extract::<i64>()
            .map_err(|_| invalid_input(py, format!("{field}: {obj} does not fit 64 bits")));
    }
    Err(wrong_type(field, TIME_TYPES, obj))
}

/// An optional time.
pub(crate) fn to_opt_time(
    field: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Timestamp>> {
    match obj {
        Some(o) if !o.is_none() => to_time(field, o).map(Some),
        _ => Ok(None),
    }
}

/// Seconds since the epoch as an aware UTC `datetime.datetime`.
pub(crate) fn py_time(py: Python<'_>, t: Timestamp) -> PyResult<Bound<'_, PyDateTime>> {
    let day = t.div_euclid(SECONDS_PER_DAY);
    let secs = t.rem_euclid(SECONDS_PER_DAY);
    let (y, m, d) = civil_from_days(day);
    if !(1..=9999).contains(&y) {
        return Err(invalid_input(
            py,
            format!("time {t} is outside the range of datetime (years 1 to 9999)"),
        ));
    }
    let utc = PyTzInfo::utc(py)?.to_owned();
    PyDateTime::new(
        py,
        y as i32,
        m as u8,
        d as u8,
        (secs / 3600) as u8,
        (secs % 3600 / 60) as u8,
        (secs % 60) as u8,
        0,
        Some(&utc),
    )
}

// ----- columns -----

/// True for a numpy-like array whose dtype is a float or complex kind.
fn is_float_array(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(false);
    }
    match obj.getattr("dtype") {
        Ok(dtype) => match dtype.getattr("kind") {
            Ok(kind) => {
                let kind = kind.str()?;
                let kind = kind.to_cow()?;
                Ok(kind == "f" || kind == "c")
            }
            Err(_) => Ok(false),
        },
        Err(_) => Ok(false),
    }
}

/// The int64 contents of an object exporting a buffer of integers (a numpy integer array:
/// int64, int32 or uint32, of either byte order), or `None` if it does not.
fn int_buffer(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<i64>>> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(None);
    }
    let py = obj.py();
    let obj = &in_native_order(obj)?;
    if let Some(b) = native_buffer::<i64>(obj) {
        return b.to_vec(py).map(Some);
    }
    if let Some(b) = native_buffer::<i32>(obj) {
        return Ok(Some(b.to_vec(py)?.into_iter().map(i64::from).collect()));
    }
    if let Some(b) = native_buffer::<u32>(obj) {
        return Ok(Some(b.to_vec(py)?.into_iter().map(i64::from).collect()));
    }
    Ok(None)
}

/// Refuses an array-like column (anything with `ndim`: numpy, pandas) that is not
/// one-dimensional: its rows would otherwise be read flattened (a 2-d array) or a scalar
/// taken for a column of one (a 0-d array).
fn one_dimensional(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<()> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(());
    }
    let Ok(ndim) = obj.getattr("ndim") else {
        return Ok(());
    };
    match ndim.extract::<i64>() {
        Ok(1) | Err(_) => Ok(()),
        Ok(d) => Err(invalid_input(
            obj.py(),
            format!("{name}: expected a one-dimensional array, got {d} dimensions"),
        )),
    }
}

/// Calls `f` on every item of the column `name`: a list, tuple or other iterable. A str,
/// bytes or a dict (whose characters, bytes or keys would be taken for rows) or another
/// object that is not iterable is a `TypeError`.
fn for_each_item<'py>(
    name: &str,
    obj: &Bound<'py, PyAny>,
    mut f: impl FnMut(&Bound<'py, PyAny>) -> PyResult<()>,
) -> PyResult<()> {
    const COLUMN: &str = "a column (a list, a tuple or a 1-d array)";
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(wrong_type(name, COLUMN, obj));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        for item in list.iter() {
            f(&item)?;
        }
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        for item in tuple.iter() {
            f(&item)?;
        }
    } else {
        let iter = obj.try_iter().map_err(|_| wrong_type(name, COLUMN, obj))?;
        for item in iter {
            f(&item?)?;
        }
    }
    Ok(())
}

/// The `str` objects of a text column, held (one reference each) so that the core can borrow
/// their text for the length of a call, the GIL released, without a copy per row: Python
/// strings are immutable and live as long as they are referenced.
///
/// A numpy array of fixed-width strings (dtype kind `U` or `S`) holds no `str` objects:
/// iterating it would build one per row. Its text is copied out of the array in one pass
/// instead (see [`FixedText`]).
pub(crate) struct StrColumn<'py> {
    py: Python<'py>,
    name: &'static str,
    rows: Rows<'py>,
}

/// Where a text column's rows are.
enum Rows<'py> {
    /// One `str` per row; `None` for a `None` entry of an optional column.
    Objects(Vec<Option<Bound<'py, PyString>>>),
    /// The rows of a fixed-width numpy string array.
    Fixed(FixedText),
}

/// The text of a numpy fixed-width string array, copied while the GIL is held (the array
/// is mutable, so the core must not read it while other Python threads run): every row's
/// text one after the other in `text`, row `i` ending at `ends[i]`.
///
/// As numpy itself reads such arrays, trailing NUL characters are padding and are dropped.
/// `S` (bytes) rows must be UTF-8; `U` rows are UCS-4 code points, of either byte order.
struct FixedText {
    text: String,
    ends: Vec<usize>,
}

impl FixedText {
    /// Reads `obj` if it is a numpy array of fixed-width strings; `None` if it is not one.
    ///
    /// Only a plain `numpy.ndarray`: subclasses read their items their own way (a masked
    /// array's masked entries, a `chararray`'s stripped trailing spaces), which the raw
    /// memory does not show, so they are read item by item like any other sequence.
    fn read(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<Self>> {
        let py = obj.py();
        let is_ndarray = obj
            .get_type()
            .fully_qualified_name()
            .is_ok_and(|n| n.to_str().is_ok_and(|n| n == "numpy.ndarray"));
        if !is_ndarray {
            return Ok(None);
        }
        let Ok(dtype) = obj.getattr("dtype") else {
            return Ok(None);
        };
        let Ok(kind) = dtype.getattr("kind").and_then(|k| k.extract::<String>()) else {
            return Ok(None);
        };
        // `S`: bytes, to be UTF-8; `U`: UCS-4 code points.
        let utf8 = match kind.as_str() {
            "S" => true,
            "U" => false,
            _ => return Ok(None),
        };
        let ndim: usize = obj.getattr("ndim")?.extract()?;
        if ndim != 1 {
            return Err(invalid_input(
                py,
                format!("{name}: expected a one-dimensional array, got {ndim} dimensions"),
            ));
        }
        let width: usize = dtype.getattr("itemsize")?.extract()?;
        let rows = obj.len()?;
        let big_endian = match dtype.getattr("byteorder")?.extract::<String>()?.as_str() {
            ">" => true,
            "<" => false,
            _ => cfg!(target_endian = "big"),
        };
        // `tobytes` copies the rows in order, whatever the array's strides.
        let bytes = obj.call_method0("tobytes")?;
        let data = bytes.cast::<PyBytes>()?.as_bytes();
        if Some(data.len()) != rows.checked_mul(width) {
            return Err(invalid_input(
                py,
                format!("{name}: the array's bytes do not match its {rows} rows of {width} bytes"),
            ));
        }
        let mut out = FixedText {
            text: String::with_capacity(if utf8 { data.len() } else { data.len() / 4 }),
            ends: Vec::with_capacity(rows),
        };
        for row in 0..rows {
            let item = &data[row * width..(row + 1) * width];
            if utf8 {
                let used = item.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
                let text = std::str::from_utf8(&item[..used]).map_err(|e| {
                    invalid_input(py, format!("{name}[{row}]: not valid UTF-8: {e}"))
                })?;
                out.text.push_str(text);
            } else {
                let units = item.chunks_exact(4).map(|u| {
                    let u = [u[0], u[1], u[2], u[3]];
                    if big_endian {
                        u32::from_be_bytes(u)
                    } else {
                        u32::from_le_bytes(u)
                    }
                });
                let used = units.clone().rposition(|u| u != 0).map_or(0, |i| i + 1);
                for u in units.take(used) {
                    let c = char::from_u32(u).ok_or_else(|| {
                        invalid_input(
                            py,
                            format!("{name}[{row}]: not valid text: code point {u:#x}"),
                        )
                    })?;
                    out.text.push(c);
                }
            }
            out.ends.push(out.text.len());
        }
        Ok(Some(out))
    }

    /// The rows' text, in order.
    fn rows(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start..end])
    }
}

impl<'py> StrColumn<'py> {
    /// A required column of strings.
    pub(crate) fn required(name: &'static str, obj: &Bound<'py, PyAny>) -> PyResult<Self> {
        Self::read(name, obj, false)
    }

    /// An optional column of optional strings (a `None` column: no rows).
    pub(crate) fn optional(
        py: Python<'py>,
        name: &'static str,
        obj: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        match obj.filter(|o| !o.is_none()) {
            Some(obj) => Self::read(name, obj, true),
            None => Ok(StrColumn {
                py,
                name,
                rows: Rows::Objects(Vec::new()),
            }),
        }
    }

    fn read(name: &'static str, obj: &Bound<'py, PyAny>, optional: bool) -> PyResult<Self> {
        one_dimensional(name, obj)?;
        if let Some(fixed) = FixedText::read(name, obj)? {
            return Ok(StrColumn {
                py: obj.py(),
                name,
                rows: Rows::Fixed(fixed),
            });
        }
        let mut items = Vec::with_capacity(obj.len().unwrap_or(0));
        for_each_item(name, obj, |item| {
            if optional && item.is_none() {
                items.push(None);
                return Ok(());
            }
            match item.cast::<PyString>() {
                Ok(s) => items.push(Some(s.clone())),
                Err(_) => {
                    return Err(wrong_type(
                        &format!("{name}[{}]", items.len()),
                        "a str",
                        item,
                    ))
                }
            }
            Ok(())
        })?;
        Ok(StrColumn {
            py: obj.py(),
            name,
            rows: Rows::Objects(items),
        })
    }

    fn text<'s>(&'s self, row: usize, s: &'s Bound<'py, PyString>) -> PyResult<Cow<'s, str>> {
        s.to_str().map(Cow::Borrowed).map_err(|e| {
            invalid_input(
                self.py,
                format!("{}[{row}]: not valid text: {e}", self.name),
            )
        })
    }

    /// The rows' text, borrowed from the `str` objects (a required column: [`StrColumn::read`]
    /// refused `None` entries, so every row has one) or from the copied fixed-width text.
    pub(crate) fn texts(&self) -> PyResult<Vec<Cow<'_, str>>> {
        let items = match &self.rows {
            Rows::Fixed(fixed) => return Ok(fixed.rows().map(Cow::Borrowed).collect()),
            Rows::Objects(items) => items,
        };
        items
            .iter()
            .enumerate()
            .map(|(row, s)| match s {
                Some(s) => self.text(row, s),
                // Not reached for a required column; an optional one has `opt_texts`.
                None => Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "{}[{row}]: expected a str, got NoneType",
                    self.name
                ))),
            })
            .collect()
    }

    /// The rows' optional text, borrowed from the `str` objects. In a fixed-width numpy
    /// array, which cannot hold `None`, an empty string is a missing value.
    pub(crate) fn opt_texts(&self) -> PyResult<Vec<Option<Cow<'_, str>>>> {
        let items = match &self.rows {
            Rows::Fixed(fixed) => {
                return Ok(fixed
                    .rows()
                    .map(|t| Some(t).filter(|t| !t.is_empty()).map(Cow::Borrowed))
                    .collect())
            }
            Rows::Objects(items) => items,
        };
        items
            .iter()
            .enumerate()
            .map(|(row, s)| s.as_ref().map(|s| self.text(row, s)).transpose())
            .collect()
    }
}

fn float_array_refused(py: Python<'_>, name: &str) -> PyErr {
    invalid_input(
        py,
        format!(
            "{name}: float arrays are refused: floats lose cents; pass an integer array, or Decimal / int / str values"
        ),
    )
}

/// A column of optional decimals. With `scale = Some(k)` every entry must be an integer
/// number of 10^-k units (e.g. cents with k = 2).
pub(crate) fn decimal_column(
    name: &str,
    obj: Option<&Bound<'_, PyAny>>,
    scale: Option<u32>,
) -> PyResult<Vec<Option<Decimal>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let py = obj.py();
    let scaled = |v: i64| -> PyResult<Decimal> {
        match scale {
            None => Ok(Decimal::from(v)),
            Some(k) => Decimal::try_new(v, k)
                .map_err(|_| invalid_input(py, format!("{name}: scale {k} is larger than 28"))),
        }
    };
    one_dimensional(name, obj)?;
    if is_float_array(obj)? {
        return Err(float_array_refused(py, name));
    }
    if let Some(ints) = int_buffer(obj)? {
        return ints.into_iter().map(|v| scaled(v).map(Some)).collect();
    }
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    let mut row = 0;
    for_each_item(name, obj, |item| {
        let value = if item.is_none() {
            None
        } else if let Some(k) = scale {
            if is_bool(item) {
                return Err(invalid_input(
                    py,
                    format!("{name}[{row}]: a bool is not an amount"),
                ));
            }
            if !(item.is_instance_of::<PyInt>() || item.hasattr("__index__")?) {
                return Err(wrong_type(
                    &format!("{name}[{row}]"),
                    &format!("an int (units of 10^-{k}, as cost_scale={k} says)"),
                    item,
                ));
            }
            let v: i64 = item.call_method0("__index__")?.extract().map_err(|_| {
                invalid_input(py, format!("{name}[{row}]: {item} does not fit 64 bits"))
            })?;
            Some(scaled(v)?)
        } else {
            Some(to_decimal(name, item).or_else(|_| to_decimal(&format!("{name}[{row}]"), item))?)
        };
        out.push(value);
        row += 1;
        Ok(())
    })?;
    Ok(out)
}

/// A column of times (ints, datetimes or dates; or an integer array of epoch seconds).
pub(crate) fn time_column(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<Timestamp>> {
    one_dimensional(name, obj)?;
    if is_float_array(obj)? {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{name}: expected int seconds since the epoch, got an array of floats"
        )));
    }
    if let Some(ints) = int_buffer(obj)? {
        return Ok(ints);
    }
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    let mut row = 0;
    for_each_item(name, obj, |item| {
        out.push(to_time(name, item).or_else(|_| to_time(&format!("{name}[{row}]"), item))?);
        row += 1;
        Ok(())
    })?;
    Ok(out)
}

// ----- reading arguments (purchasing, replenishment, simulation) -----

/// The short name of `obj`'s type (`dict`, `SupplierItem`), for error messages.
pub(crate) fn short_type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// A whole number of days given as an `int` argument, as `u32`; a negative or huge one is
/// InvalidInput.
pub(crate) fn whole_days(py: Python<'_>, field: &str, v: i64) -> PyResult<u32> {
    u32::try_from(v).map_err(|_| {
        invalid_input(
            py,
            format!("{field}: {v} is not a whole number from 0 to {}", u32::MAX),
        )
    })
}

/// A `str` (`TypeError` naming `field` otherwise; InvalidInput when it is not valid text).
pub(crate) fn to_str(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = obj
        .cast::<PyString>()
        .map_err(|_| wrong_type(field, "a str", obj))?;
    text(field, s).map(Cow::into_owned)
}

/// Calls `f(label, item)` for each item of a list, tuple or other iterable (not a str, bytes
/// or a dict: `TypeError`), `label` being `name[i]`.
pub(crate) fn each<'py>(
    name: &str,
    obj: &Bound<'py, PyAny>,
    mut f: impl FnMut(&str, &Bound<'py, PyAny>) -> PyResult<()>,
) -> PyResult<()> {
    let bad = || wrong_type(name, "a list (or another sequence)", obj);
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(bad());
    }
    let iter = obj.try_iter().map_err(|_| bad())?;
    for (i, item) in iter.enumerate() {
        f(&format!("{name}[{i}]"), &item?)?;
    }
    Ok(())
}

/// An optional time as an aware UTC datetime or `None`.
pub(crate) fn opt_time<'py>(
    py: Python<'py>,
    t: Option<Timestamp>,
) -> PyResult<Option<Bound<'py, PyDateTime>>> {
    t.map(|t| py_time(py, t)).transpose()
}

// ----- arguments: every str, int and float parameter -----
//
// PyO3 reads a `&str` / `String` parameter with `str.encode("utf-8")`, which raises
// `UnicodeEncodeError` for a str holding a lone surrogate (`"\ud800"`), and an integer
// parameter with `PyLong_As*`, which raises `OverflowError` beyond the type's range (as
// does `float()` of a huge int for a float parameter). Neither is an InventoryError. So
// every `#[pyfunction]` / `#[pymethods]` parameter of those types is read by one of the
// `arg_*` functions below (`#[pyo3(from_py_with = arg_str)]`): a wrong type is still
// PyO3's `TypeError`, and a bad value, any `ValueError` or `ArithmeticError` the reading
// raises, is `InvalidInput` showing the value and what was expected, the original error
// as its `__cause__`. PyO3 adds the parameter's name as a note ("while processing 'sku'").
// Values read inside a function body go through [`bad_value`] (or [`text`]) too.

/// At most this many characters of a value are shown in an error message.
const SHOWN: usize = 60;

/// `repr(obj)`, cut to [`SHOWN`] characters (a hostile value may be huge; `repr` of an int
/// beyond 4300 digits raises, and then only its type is shown).
pub(crate) fn short_repr(obj: &Bound<'_, PyAny>) -> String {
    let Ok(r) = obj.repr() else {
        return format!("a {} too large to show", short_type_name(obj));
    };
    let r = r.to_string_lossy();
    match r.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &r[..cut]),
        None => r.into_owned(),
    }
}

/// The error for a bad value met while reading `obj` as `expected`: a `ValueError` or an
/// `ArithmeticError` that is not already an InventoryError (`UnicodeEncodeError`,
/// `OverflowError`, `ValueError` from `float(Decimal("sNaN"))`, ...) becomes `InvalidInput`;
/// anything else (`TypeError`, `MemoryError`, an InventoryError) is returned as it is.
pub(crate) fn bad_value(obj: &Bound<'_, PyAny>, err: PyErr, expected: &str) -> PyErr {
    let py = obj.py();
    let is_value = err.is_instance_of::<pyo3::exceptions::PyValueError>(py)
        || err.is_instance_of::<pyo3::exceptions::PyArithmeticError>(py);
    let is_ours = exc_type(py, Exc::Base).is_ok_and(|base| err.matches(py, base).unwrap_or(false));
    if !is_value || is_ours {
        return err;
    }
    let new = invalid_input(
        py,
        format!(
            "{}: expected {expected} ({})",
            short_repr(obj),
            err.value(py)
        ),
    );
    new.set_cause(py, Some(err));
    new
}

/// What a text parameter expects.
const TEXT: &str = "text (a str without lone surrogates)";

/// The text of a `str` object; a lone surrogate is InvalidInput naming `field`.
pub(crate) fn text<'a>(field: &str, s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    s.to_str().map(Cow::Borrowed).map_err(|e| {
        let e = bad_value(s.as_any(), e, TEXT);
        match field {
            "" => e,
            _ => prefixed(s.py(), field, e),
        }
    })
}

/// `e` with `field: ` before its message when it is an InvalidInput made here.
fn prefixed(py: Python<'_>, field: &str, e: PyErr) -> PyErr {
    if !exc_type(py, Exc::InvalidInput).is_ok_and(|t| e.get_type(py).is(&t)) {
        return e;
    }
    let new = invalid_input(py, format!("{field}: {}", e.value(py)));
    new.set_cause(py, e.cause(py));
    new
}

/// A `str` parameter, borrowed.
pub(crate) fn arg_str<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<&'a str> {
    let s = obj.cast::<PyString>()?;
    s.to_str().map_err(|e| bad_value(obj, e, TEXT))
}

/// A `str` parameter, owned.
pub(crate) fn arg_string(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    arg_str(obj).map(str::to_owned)
}

/// A str read inside a function (a dict key, an item of a record): as [`arg_string`], a
/// bad value being InvalidInput naming `field`.
pub(crate) fn named_string(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    arg_string(obj).map_err(|e| prefixed(obj.py(), field, e))
}

/// An optional `str` parameter (`None`: not given), borrowed.
pub(crate) fn arg_opt_str<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Option<&'a str>> {
    if obj.is_none() {
        return Ok(None);
    }
    arg_str(obj).map(Some)
}

/// An optional `str` parameter (`None`: not given), owned.
pub(crate) fn arg_opt_string(obj: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    arg_opt_str(obj).map(|s| s.map(str::to_owned))
}

/// The items of a sequence parameter: a str, bytes or a bytearray (sequences of characters
/// or of small ints, never what a list parameter means) or a dict is a `TypeError`.
fn sequence_items<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected a list (or another sequence), got {}",
            type_name(obj)
        )));
    }
    obj.extract::<Vec<Bound<'py, PyAny>>>()
}

/// A sequence of `str`.
pub(crate) fn arg_strings(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    sequence_items(obj)?.iter().map(arg_string).collect()
}

/// An optional sequence of `str` (`None`: not given).
pub(crate) fn arg_opt_strings(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<String>>> {
    if obj.is_none() {
        return Ok(None);
    }
    sequence_items(obj)?
        .iter()
        .map(arg_string)
        .collect::<PyResult<Vec<_>>>()
        .map(Some)
}

/// An integer parameter read as `T`, InvalidInput beyond `T`'s range.
fn arg_int<'py, T>(obj: &Bound<'py, PyAny>, range: &str) -> PyResult<T>
where
    T: for<'a> FromPyObject<'a, 'py, Error = PyErr>,
{
    obj.extract::<T>().map_err(|e| bad_value(obj, e, range))
}

/// What an `i64` parameter expects.
const I64: &str = "an integer from -2**63 to 2**63 - 1";

/// An `int` parameter as `i64`.
pub(crate) fn arg_i64(obj: &Bound<'_, PyAny>) -> PyResult<i64> {
    arg_int(obj, I64)
}

/// An optional `int` parameter as `i64` (`None`: not given).
pub(crate) fn arg_opt_i64(obj: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    if obj.is_none() {
        return Ok(None);
    }
    arg_i64(obj).map(Some)
}

/// An optional sequence of `int` as `i64` (`None`: not given).
pub(crate) fn arg_opt_i64s(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<i64>>> {
    if obj.is_none() {
        return Ok(None);
    }
    sequence_items(obj)?
        .iter()
        .map(arg_i64)
        .collect::<PyResult<Vec<_>>>()
        .map(Some)
}

/// An `int` parameter as `u64`.
pub(crate) fn arg_u64(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    arg_int(obj, "an integer from 0 to 2**64 - 1")
}

/// The index of `__getitem__`: an index beyond `isize` is out of range (`IndexError`, as
/// Python's own sequences say; iteration by `__getitem__` relies on it).
pub(crate) fn arg_index(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    let py = obj.py();
    obj.extract::<isize>().map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) {
            pyo3::exceptions::PyIndexError::new_err(format!(
                "index {} out of range",
                short_repr(obj)
            ))
        } else {
            e
        }
    })
}

/// What a float parameter expects.
const F64: &str = "a number within the range of a float";

/// A `float` parameter (an `int` too, or anything with `__float__`). A finite number beyond
/// a float is InvalidInput, whether `float()` of it raises (an int: `OverflowError`) or
/// quietly gives an infinity (`Decimal("1e400")`, a numpy `longdouble`); an infinite float
/// or `Decimal("Infinity")` is read as infinity (for the core to refuse or use).
pub(crate) fn arg_f64(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    let v = obj.extract::<f64>().map_err(|e| bad_value(obj, e, F64))?;
    if v.is_infinite() && !obj.is_instance_of::<PyFloat>() && is_finite_number(obj)? {
        return Err(invalid_input(
            obj.py(),
            format!("{}: expected {F64}", short_repr(obj)),
        ));
    }
    Ok(v)
}

/// Whether a number that is not a `float` is finite, as it says itself (`Decimal.is_finite`,
/// `numpy.isfinite` of a numpy scalar); `false` when it cannot say.
fn is_finite_number(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.hasattr("is_finite")? {
        return obj.call_method0("is_finite")?.is_truthy();
    }
    if obj.hasattr("dtype")? {
        let isfinite = obj.py().import("numpy")?.getattr("isfinite")?;
        return isfinite.call1((obj,))?.is_truthy();
    }
    Ok(false)
}

/// A float read inside a function (an item of a series or a record, a scalar argument read
/// by hand): as [`arg_f64`], naming `field` in the error: a value that is not a number (a
/// str, None, a complex number, another object) is a `TypeError`, a number beyond a float
/// (or a Decimal NaN) InvalidInput.
pub(crate) fn named_f64(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    let py = obj.py();
    arg_f64(obj).map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
            wrong_type(field, "a number", obj)
        } else {
            prefixed(py, field, e)
        }
    })
}

/// An optional `float` parameter (`None`: not given).
pub(crate) fn arg_opt_f64(obj: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    if obj.is_none() {
        return Ok(None);
    }
    arg_f64(obj).map(Some)
}

/// A whole number of items (a length, a count) for `field`: an `int` (TypeError
/// otherwise) from 0 to `usize::MAX` (InvalidInput naming `field` otherwise).
pub(crate) fn count_of(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    let py = obj.py();
    let v = obj.extract::<i128>().map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "{field}: expected an integer, got {}",
                type_name(obj)
            ))
        } else {
            prefixed(py, field, bad_value(obj, e, "a whole number"))
        }
    })?;
    usize::try_from(v).map_err(|_| {
        invalid_input(
            py,
            format!(
                "{field}: {v} must be a non-negative integer (at most {})",
                usize::MAX
            ),
        )
    })
}

/// The `lengths` of a panel (`forecast_panel`, `xyz_many`): `None`, or a sequence (or
/// a 1-d integer array) of counts, one per series.
pub(crate) fn lengths_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<usize>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "lengths: expected a sequence of integers, got {}",
            type_name(obj)
        )));
    }
    let iter = obj.try_iter().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "lengths: expected a sequence of integers, got {}",
            type_name(obj)
        ))
    })?;
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        out.push(count_of(&format!("lengths[{i}]"), &item?)?);
    }
    Ok(Some(out))
}
