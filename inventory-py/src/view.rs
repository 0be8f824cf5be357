//! `view!`: a read-only wrapper `struct PyX { inner: core::X }` of a core value, with one
//! getter per field, a `to_dict()` and a `__repr__` made from the same list of fields, so
//! that the three cannot disagree.

use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::IntoPyObjectExt;

/// A getter's converted value as a Python object.
pub(crate) fn any<'py, T: IntoPyObject<'py>>(
    py: Python<'py>,
    value: PyResult<T>,
) -> PyResult<Bound<'py, PyAny>> {
    value?.into_bound_py_any(py)
}

/// A value of `to_dict()`: the views in it (alone or in a list) as dicts too; decimals,
/// datetimes, strings, numbers, tuples and dicts as they are.
pub(crate) fn plain(value: Bound<'_, PyAny>) -> PyResult<Bound<'_, PyAny>> {
    let py = value.py();
    if let Ok(list) = value.cast::<PyList>() {
        let out = PyList::empty(py);
        for item in list.iter() {
            out.append(plain(item)?)?;
        }
        return Ok(out.into_any());
    }
    let to_dict = pyo3::intern!(py, "to_dict");
    if value.hasattr(to_dict)? {
        return value.call_method0(to_dict);
    }
    Ok(value)
}

/// Declares a view: `view! { "Name": PyName(core::Name) { field(inner, py) { expr } ... } }`,
/// each `expr` a `PyResult` of something convertible to Python, computed from `inner`
/// (`&core::Name`); optionally followed by `methods { ... }`, more `#[pymethods]` items.
macro_rules! view {
    (
        $(#[doc = $doc:literal])*
        $name:literal: $py_ty:ident($core_ty:ty) {
            $( $(#[doc = $fdoc:literal])* $field:ident($this:ident, $py:ident) $conv:block )*
        }
        $( methods { $($extra:tt)* } )?
    ) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, eq, name = $name, module = "inventory_core")]
        #[derive(Clone, PartialEq)]
        pub(crate) struct $py_ty {
            pub(crate) inner: $core_ty,
        }

        impl From<$core_ty> for $py_ty {
            fn from(inner: $core_ty) -> Self {
                $py_ty { inner }
            }
        }

        impl From<$py_ty> for $core_ty {
            fn from(v: $py_ty) -> Self {
                v.inner
            }
        }

        #[pymethods]
        impl $py_ty {
            $(
                $(#[doc = $fdoc])*
                #[getter]
                #[allow(unused_braces)]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    #[allow(unused_variables)]
                    let ($this, $py) = (&self.inner, py);
                    $crate::view::any(py, $conv)
                }
            )*

            /// The fields as a plain dict (nested objects as dicts too), e.g. for
            /// `pandas.DataFrame([r.to_dict() for r in rows])`.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
                let dict = pyo3::types::PyDict::new(py);
                $( dict.set_item(stringify!($field), $crate::view::plain(self.$field(py)?)?)?; )*
                Ok(dict)
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let fields: Vec<String> = vec![
                    $( format!("{}={}", stringify!($field), self.$field(py)?.repr()?) ),*
                ];
                Ok(format!("{}({})", $name, fields.join(", ")))
            }

            $( $($extra)* )?
        }
    };
}
