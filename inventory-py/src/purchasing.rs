//! Purchasing: suppliers and their items (input types), the purchasing events built from
//! Python arguments, and read-only views of what the core's purchasing queries return.
//!
//! Nothing here decides anything: every rule (prices, statuses, allocations, schedules,
//! what a valid quantity or supplier is) is the core's. The binding reads Python values
//! into the core's types (refusing what has no meaning as that type: a float amount, a
//! tuple of the wrong length, an unknown name) and converts results back.

use inventory_core::policy::DiscountKind;
use inventory_core::purchasing::{
    Allocation, CashOutBucket, Charge, ChargeKind, EarlyPaymentDiscount, Incoming, IncomingBucket,
    LeadTimeEstimate, LineChange, NewLine, OrderLine, OverReceipt, OverdueLine, PaymentDue,
    PaymentTerms, PriceBreak, PurchaseEvent, PurchaseEventKind, PurchaseOrder, PurchaseOutcome,
    PurchaseRecord, ReceiptLine, ReceivingLine, ReceivingReport, Supplier, SupplierItem,
    SupplierPerformance,
};
use inventory_core::{Decimal, Timestamp};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString, PyTuple};

use crate::arrays::core_err;
use crate::convert::{
    arg_f64, arg_i64, arg_opt_string, arg_str, arg_string, each, opt_time, py_decimal,
    py_opt_decimal, py_time, short_type_name, text, to_decimal, to_opt_decimal, to_str, to_time,
    whole_days,
};
use crate::errors::{invalid_input, wrong_type};
use crate::types::{json_to_py, PyOutcome};

// ----- names -----

/// `LedgerConfig::over_receipt` from `"refuse"`, `"accept"`, or a tolerance in percent (a
/// `Decimal`, an `int` or a numeric `str`). The core checks the number.
pub(crate) fn over_receipt(obj: &Bound<'_, PyAny>) -> PyResult<OverReceipt> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return text("over_receipt", s)?
            .parse::<OverReceipt>()
            .map_err(|e| core_err(py, e));
    }
    to_decimal("over_receipt", obj).map(OverReceipt::Tolerance)
}

/// An over-receipt policy as Python: `"refuse"`, `"accept"` or the tolerance in percent.
pub(crate) fn py_over_receipt(py: Python<'_>, policy: OverReceipt) -> PyResult<Bound<'_, PyAny>> {
    match policy {
        OverReceipt::Tolerance(t) => py_decimal(py, t),
        other => Ok(PyString::new(py, other.name()).into_any()),
    }
}

// ----- reading Python values -----

/// A whole number for a `u32` field (a line number, a number of days): an int (or another
/// integer, such as a numpy one). Another type is a `TypeError`; a bool, or an integer
/// outside 0 to 2^32 - 1, InvalidInput.
fn to_u32(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    let py = obj.py();
    let expected = format!("a whole number from 0 to {}", u32::MAX);
    if obj.is_instance_of::<PyFloat>() || !obj.hasattr("__index__")? {
        return Err(wrong_type(field, &expected, obj));
    }
    let bad = || {
        invalid_input(
            py,
            format!(
                "{field}: expected {expected}, got {}",
                obj.repr()
                    .map(|r| r.to_string())
                    .unwrap_or_else(|_| "?".to_owned())
            ),
        )
    };
    if obj.is_instance_of::<PyBool>() {
        return Err(bad());
    }
    obj.call_method0("__index__")?
        .extract::<i64>()
        .ok()
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(bad)
}

/// A line number.
pub(crate) fn line_number(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<u32> {
    to_u32(field, obj)
}

/// An optional line number (`None`: every line).
pub(crate) fn opt_line_number(
    field: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<u32>> {
    obj.filter(|o| !o.is_none())
        .map(|o| to_u32(field, o))
        .transpose()
}

/// The shape of a record given as a dict or a tuple: its field names, the first
/// `required` of which must be given, and how many a tuple may hold (0: dicts only).
struct Shape {
    what: &'static str,
    names: &'static [&'static str],
    required: usize,
    positional: usize,
}

impl Shape {
    /// The fields of `obj` by name, in the order of `names` (`None`: not given, or None).
    fn read<'py>(
        &self,
        label: &str,
        obj: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<Option<Bound<'py, PyAny>>>> {
        let py = obj.py();
        let mut out: Vec<Option<Bound<'py, PyAny>>> = vec![None; self.names.len()];
        if let Ok(dict) = obj.cast::<PyDict>() {
            for (k, v) in dict.iter() {
                if !k.is_instance_of::<PyString>() {
                    return Err(wrong_type(
                        &format!("{label}: a key of a {}", self.what),
                        "a str",
                        &k,
                    ));
                }
                let key = k
                    .cast::<PyString>()
                    .ok()
                    .and_then(|k| k.to_str().ok().map(str::to_owned));
                let at = key
                    .as_deref()
                    .and_then(|k| self.names.iter().position(|n| *n == k));
                let Some(at) = at else {
                    return Err(invalid_input(
                        py,
                        format!(
                            "{label}: unknown key {} in a {} (expected {})",
                            k.repr()?,
                            self.what,
                            self.names.join(", ")
                        ),
                    ));
                };
                out[at] = Some(v).filter(|v| !v.is_none());
            }
        } else if self.positional > 0
            && (obj.is_instance_of::<PyTuple>() || obj.is_instance_of::<PyList>())
        {
            let n = obj.len()?;
            if n < self.required || n > self.positional {
                let (req, opt) = self.names[..self.positional].split_at(self.required);
                let shape = if opt.is_empty() {
                    req.join(", ")
                } else {
                    format!("{}[, {}]", req.join(", "), opt.join("[, "))
                        + &"]".repeat(opt.len() - 1)
                };
                let count = if self.required == self.positional {
                    self.required.to_string()
                } else {
                    format!("{} to {}", self.required, self.positional)
                };
                return Err(invalid_input(
                    py,
                    format!(
                        "{label}: a {} tuple has {count} items ({shape}), got {n}",
                        self.what
                    ),
                ));
            }
            for (i, slot) in out.iter_mut().enumerate().take(n) {
                *slot = Some(obj.get_item(i)?).filter(|v| !v.is_none());
            }
        } else {
            let expected = if self.positional > 0 {
                "a dict or a tuple"
            } else {
                "a dict"
            };
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "{label}: a {} must be {expected}, got {}",
                self.what,
                short_type_name(obj)
            )));
        }
        for (name, value) in self.names[..self.required].iter().zip(&out) {
            if value.is_none() {
                return Err(invalid_input(
                    py,
                    format!("{label}: the {} has no {name:?}", self.what),
                ));
            }
        }
        Ok(out)
    }
}

/// The value of a required field (present after [`Shape::read`]).
fn required<'a, 'py>(
    label: &str,
    name: &str,
    v: &'a Option<Bound<'py, PyAny>>,
    py: Python<'py>,
) -> PyResult<&'a Bound<'py, PyAny>> {
    v.as_ref()
        .ok_or_else(|| invalid_input(py, format!("{label}: missing {name:?}")))
}

const NEW_LINE: Shape = Shape {
    what: "line",
    names: &[
        "line",
        "sku",
        "location",
        "quantity",
        "expected",
        "unit_price",
    ],
    required: 5,
    positional: 6,
};

const RECEIPT_LINE: Shape = Shape {
    what: "receipt line",
    names: &["line", "sellable", "damaged", "quarantine", "unit_price"],
    required: 1,
    positional: 4,
};

const CHANGE: Shape = Shape {
    what: "line change",
    names: &["line", "quantity", "expected", "unit_price"],
    required: 1,
    positional: 0,
};

/// A new order line from a dict or a tuple `(line, sku, location, quantity, expected[, unit_price])`.
pub(crate) fn new_line(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<NewLine> {
    let py = obj.py();
    let f = NEW_LINE.read(label, obj)?;
    let field = |i: usize| format!("{label}.{}", NEW_LINE.names[i]);
    let mut line = NewLine::new(
        to_u32(&field(0), required(label, "line", &f[0], py)?)?,
        to_str(&field(1), required(label, "sku", &f[1], py)?)?,
        to_str(&field(2), required(label, "location", &f[2], py)?)?,
        to_decimal(&field(3), required(label, "quantity", &f[3], py)?)?,
        to_time(&field(4), required(label, "expected", &f[4], py)?)?,
    );
    if let Some(p) = to_opt_decimal(&field(5), f[5].as_ref())? {
        line = line.unit_price(p);
    }
    Ok(line)
}

/// Order lines from a list of dicts or tuples.
pub(crate) fn new_lines(obj: &Bound<'_, PyAny>) -> PyResult<Vec<NewLine>> {
    let mut out = Vec::new();
    each("lines", obj, |label, item| {
        out.push(new_line(label, item)?);
        Ok(())
    })?;
    Ok(out)
}

/// A line change from a dict `{"line", "quantity"?, "expected"?, "unit_price"?}`.
fn line_change(label: &str, obj: &Bound<'_, PyAny>) -> PyResult<LineChange> {
    let py = obj.py();
    let f = CHANGE.read(label, obj)?;
    let field = |i: usize| format!("{label}.{}", CHANGE.names[i]);
    change(
        to_u32(&field(0), required(label, "line", &f[0], py)?)?,
        f[1].as_ref(),
        f[2].as_ref(),
        f[3].as_ref(),
        label,
    )
}

/// A line change from its parts (`label` prefixes the field names in errors).
pub(crate) fn change(
    line: u32,
    quantity: Option<&Bound<'_, PyAny>>,
    expected: Option<&Bound<'_, PyAny>>,
    unit_price: Option<&Bound<'_, PyAny>>,
    label: &str,
) -> PyResult<LineChange> {
    let field = |name: &str| {
        if label.is_empty() {
            name.to_owned()
        } else {
            format!("{label}.{name}")
        }
    };
    let mut c = LineChange::new(line);
    if let Some(q) = to_opt_decimal(&field("quantity"), quantity)? {
        c = c.quantity(q);
    }
    if let Some(t) = expected.filter(|t| !t.is_none()) {
        c = c.expected(to_time(&field("expected"), t)?);
    }
    if let Some(p) = to_opt_decimal(&field("unit_price"), unit_price)? {
        c = c.unit_price(p);
    }
    Ok(c)
}

/// Line changes from a list of dicts.
pub(crate) fn changes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<LineChange>> {
    let mut out = Vec::new();
    each("changes", obj, |label, item| {
        out.push(line_change(label, item)?);
        Ok(())
    })?;
    Ok(out)
}

/// Receipt lines from a list of dicts or tuples `(line, sellable[, damaged[, quarantine]])`.
pub(crate) fn receipt_lines(obj: &Bound<'_, PyAny>) -> PyResult<Vec<ReceiptLine>> {
    let py = obj.py();
    let mut out = Vec::new();
    each("lines", obj, |label, item| {
        let f = RECEIPT_LINE.read(label, item)?;
        let field = |i: usize| format!("{label}.{}", RECEIPT_LINE.names[i]);
        // Counts not given are the core's defaults (none).
        let mut r = ReceiptLine {
            line: to_u32(&field(0), required(label, "line", &f[0], py)?)?,
            ..ReceiptLine::default()
        };
        if let Some(q) = to_opt_decimal(&field(1), f[1].as_ref())? {
            r.sellable = q;
        }
        if let Some(q) = to_opt_decimal(&field(2), f[2].as_ref())? {
            r = r.damaged(q);
        }
        if let Some(q) = to_opt_decimal(&field(3), f[3].as_ref())? {
            r = r.quarantine(q);
        }
        if let Some(p) = to_opt_decimal(&field(4), f[4].as_ref())? {
            r = r.unit_price(p);
        }
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// A landed-cost charge from `add_charge`'s arguments.
#[allow(clippy::too_many_arguments)]
pub(crate) fn charge(
    py: Python<'_>,
    id: String,
    kind: &str,
    amount: &Bound<'_, PyAny>,
    receipts: Option<Vec<String>>,
    allocation: &str,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Charge> {
    let kind = kind.parse::<ChargeKind>().map_err(|e| core_err(py, e))?;
    let mut charge = Charge::new(id, kind, to_decimal("amount", amount)?);
    if let Some(r) = receipts {
        charge = charge.receipts(r);
    }
    let weights = match weights.filter(|w| !w.is_none()) {
        None => None,
        Some(w) => {
            let dict = w
                .cast::<PyDict>()
                .map_err(|_| wrong_type("weights", "a dict {line number: weight per unit}", w))?;
            let mut pairs = Vec::with_capacity(dict.len());
            for (line, weight) in dict.iter() {
                let line = to_u32("weights: a line number", &line)?;
                pairs.push((line, to_decimal(&format!("weights[{line}]"), &weight)?));
            }
            Some(pairs)
        }
    };
    let allocation = Allocation::from_name(allocation, weights).map_err(|e| core_err(py, e))?;
    Ok(charge.allocation(allocation))
}

/// A purchasing event with its optional idempotency reference.
pub(crate) fn event(
    kind: PurchaseEventKind,
    time: Timestamp,
    reference: Option<String>,
) -> PurchaseEvent {
    let e = PurchaseEvent::new(kind, time);
    match reference {
        Some(r) => e.with_reference(r),
        None => e,
    }
}

fn price_breaks(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PriceBreak>> {
    const PAIR: Shape = Shape {
        what: "price break",
        names: &["min_quantity", "unit_price"],
        required: 2,
        positional: 2,
    };
    let py = obj.py();
    let mut out = Vec::new();
    each("prices", obj, |label, item| {
        let f = PAIR.read(label, item)?;
        out.push(PriceBreak::new(
            to_decimal(
                &format!("{label}.min_quantity"),
                required(label, "min_quantity", &f[0], py)?,
            )?,
            to_decimal(
                &format!("{label}.unit_price"),
                required(label, "unit_price", &f[1], py)?,
            )?,
        ));
        Ok(())
    })?;
    Ok(out)
}

// ----- suppliers -----

view! {
    /// What a supplier sells of one SKU, and on what terms.
    "SupplierItem": PySupplierItem(SupplierItem) {
        /// Our SKU.
        sku(i, py) { Ok(i.sku.clone()) }
        /// The price breaks: `(min_quantity, unit_price)` pairs by increasing quantity.
        prices(i, py) {
            i.prices
                .iter()
                .map(|b| Ok((py_decimal(py, b.min_quantity)?, py_decimal(py, b.unit_price)?)))
                .collect::<PyResult<Vec<_>>>()
        }
        /// How the breaks apply: "all_units" or "incremental".
        discount(i, py) { Ok::<_, PyErr>(i.discount.as_str()) }
        /// The quoted lead time, mean days.
        lead_time_days(i, py) { Ok(i.lead_time.mean_days) }
        /// The quoted lead time's standard deviation, days.
        lead_time_std_days(i, py) { Ok(i.lead_time.std_days) }
        /// The smallest quantity a line may order (0: none).
        min_order_quantity(i, py) { py_decimal(py, i.min_order_quantity) }
        /// Lines order multiples of this (None: any quantity).
        pack_size(i, py) { py_opt_decimal(py, i.pack_size) }
        /// This supplier is the SKU's preferred one.
        preferred(i, py) { Ok(i.preferred) }
        /// The supplier's own item code.
        supplier_sku(i, py) { Ok(i.supplier_sku.clone()) }
    }
    methods {
        #[new]
        #[pyo3(
            signature = (sku, unit_price = None, *, lead_time_days, lead_time_std_days = 0.0, prices = None, discount = "all_units", min_order_quantity = None, pack_size = None, preferred = false, supplier_sku = None),
            text_signature = "(sku, unit_price=None, *, lead_time_days, lead_time_std_days=0.0, prices=None, discount='all_units', min_order_quantity=0, pack_size=None, preferred=False, supplier_sku=None)"
        )]
        #[allow(clippy::too_many_arguments)]
        fn new(
            py: Python<'_>,
            #[pyo3(from_py_with = arg_string)] sku: String,
            unit_price: Option<&Bound<'_, PyAny>>,
            #[pyo3(from_py_with = arg_f64)] lead_time_days: f64,
            #[pyo3(from_py_with = arg_f64)] lead_time_std_days: f64,
            prices: Option<&Bound<'_, PyAny>>,
            #[pyo3(from_py_with = arg_str)] discount: &str,
            min_order_quantity: Option<&Bound<'_, PyAny>>,
            pack_size: Option<&Bound<'_, PyAny>>,
            preferred: bool,
            #[pyo3(from_py_with = arg_opt_string)] supplier_sku: Option<String>,
        ) -> PyResult<Self> {
            let kind = discount
                .parse::<DiscountKind>()
                .map_err(|e| core_err(py, e))?;
            let unit_price = to_opt_decimal("unit_price", unit_price)?;
            let mut item = match (unit_price, prices.filter(|p| !p.is_none())) {
                (Some(p), None) => SupplierItem::new(sku, p, lead_time_days),
                (None, Some(breaks)) => SupplierItem::new(sku, Decimal::ZERO, lead_time_days)
                    .prices(kind, price_breaks(breaks)?),
                _ => {
                    return Err(invalid_input(
                        py,
                        "pass exactly one of unit_price (one price from 0 units) or prices (a list of (min_quantity, unit_price) pairs)",
                    ))
                }
            };
            item.discount = kind;
            item = item.lead_time_std(lead_time_std_days).preferred(preferred);
            if let Some(q) = to_opt_decimal("min_order_quantity", min_order_quantity)? {
                item = item.min_order_quantity(q);
            }
            if let Some(q) = to_opt_decimal("pack_size", pack_size)? {
                item = item.pack_size(q);
            }
            if let Some(code) = supplier_sku {
                item = item.supplier_sku(code);
            }
            Ok(item.into())
        }

        /// The unit price of an order line of `quantity` units (the core's price-break rule).
        fn price_for<'py>(&self, py: Python<'py>, quantity: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
            let q = to_decimal("quantity", quantity)?;
            let price = self.inner.price_for(q).map_err(|e| core_err(py, e))?;
            py_decimal(py, price)
        }
    }
}

view! {
    /// A supplier: who we buy from, on what payment terms, and what they sell.
    "Supplier": PySupplier(Supplier) {
        /// The host's id.
        id(s, py) { Ok(s.id.clone()) }
        /// A display name.
        name(s, py) { Ok(s.name.clone()) }
        /// Days from an invoice to its due date.
        net_days(s, py) { Ok(s.terms.net_days) }
        /// The early-payment discount in percent, or None.
        discount_percent(s, py) { py_opt_decimal(py, s.terms.discount.as_ref().map(|d| d.percent)) }
        /// Days from an invoice within which the discount applies (0 without discount).
        discount_days(s, py) { Ok(s.terms.discount.as_ref().map_or(0, |d| d.days)) }
        /// What the supplier sells (one item per SKU).
        items(s, py) { Ok(s.items.iter().cloned().map(PySupplierItem::from).collect::<Vec<_>>()) }
    }
    methods {
        #[new]
        #[pyo3(
            signature = (id, name, *, net_days = 0, discount_percent = None, discount_days = 0, items = None),
            text_signature = "(id, name, *, net_days=0, discount_percent=None, discount_days=0, items=())"
        )]
        fn new(
            py: Python<'_>,
            #[pyo3(from_py_with = arg_string)] id: String,
            #[pyo3(from_py_with = arg_string)] name: String,
            #[pyo3(from_py_with = arg_i64)] net_days: i64,
            discount_percent: Option<&Bound<'_, PyAny>>,
            #[pyo3(from_py_with = arg_i64)] discount_days: i64,
            items: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Self> {
            let terms = PaymentTerms::from_parts(
                whole_days(py, "net_days", net_days)?,
                to_opt_decimal("discount_percent", discount_percent)?,
                whole_days(py, "discount_days", discount_days)?,
            )
            .map_err(|e| core_err(py, e))?;
            let mut supplier = Supplier::new(id, name, terms);
            if let Some(items) = items.filter(|i| !i.is_none()) {
                each("items", items, |label, item| {
                    let item = item
                        .cast::<PySupplierItem>()
                        .map_err(|_| wrong_type(label, "a SupplierItem", item))?;
                    supplier.items.push(item.get().inner.clone());
                    Ok(())
                })?;
            }
            Ok(supplier.into())
        }

        /// The payment terms as text ("2/10 net 30").
        #[getter]
        fn terms(&self) -> String {
            self.inner.terms.to_string()
        }
    }
}

// ----- results -----

/// What posting a purchasing event did.
#[pyclass(frozen, eq, name = "PurchaseOutcome", module = "inventory_core")]
#[derive(Clone, PartialEq)]
pub(crate) struct PyPurchaseOutcome {
    pub(crate) inner: PurchaseOutcome,
}

impl From<PurchaseOutcome> for PyPurchaseOutcome {
    fn from(inner: PurchaseOutcome) -> Self {
        PyPurchaseOutcome { inner }
    }
}

#[pymethods]
impl PyPurchaseOutcome {
    /// The event's sequence number in the journal of purchasing events.
    #[getter]
    fn sequence(&self) -> u64 {
        self.inner.sequence
    }
    /// The outcomes of the stock movements it posted (receipts, landed costs).
    #[getter]
    fn movements(&self) -> Vec<PyOutcome> {
        self.inner
            .movements
            .iter()
            .cloned()
            .map(PyOutcome::from)
            .collect()
    }
    /// The order's status after the event (None for a supplier).
    #[getter]
    fn status(&self) -> Option<&'static str> {
        self.inner.status.map(|s| s.as_str())
    }
    /// True when the reference was already posted and nothing was applied.
    #[getter]
    fn duplicate(&self) -> bool {
        self.inner.duplicate
    }
    fn __repr__(&self) -> String {
        let o = &self.inner;
        format!(
            "PurchaseOutcome(sequence={}, movements=<{} movements>, status={}, duplicate={})",
            o.sequence,
            o.movements.len(),
            o.status
                .map_or("None".to_owned(), |s| format!("'{}'", s.as_str())),
            if o.duplicate { "True" } else { "False" }
        )
    }
}

view! {
    /// A purchase order line as it stands.
    "OrderLine": PyOrderLine(OrderLine) {
        /// The line's number.
        line(l, py) { Ok(l.line) }
        /// The SKU.
        sku(l, py) { Ok(l.sku.clone()) }
        /// The delivery location.
        location(l, py) { Ok(l.location.clone()) }
        /// Units on order now.
        quantity(l, py) { py_decimal(py, l.quantity) }
        /// Units the buyer asked for (the fill rate's base).
        ordered(l, py) { py_decimal(py, l.ordered) }
        /// The unit price.
        unit_price(l, py) { py_decimal(py, l.unit_price) }
        /// When it is expected.
        expected(l, py) { py_time(py, l.expected) }
        /// Units received sellable.
        received_sellable(l, py) { py_decimal(py, l.received_sellable) }
        /// Units received damaged.
        received_damaged(l, py) { py_decimal(py, l.received_damaged) }
        /// Units received into quarantine.
        received_quarantine(l, py) { py_decimal(py, l.received_quarantine) }
        /// Units received in any condition.
        received(l, py) { py_decimal(py, l.received()) }
        /// Units of the remainder the buyer cancelled.
        cancelled(l, py) { py_decimal(py, l.cancelled) }
        /// Units of the remainder closed short.
        closed_short(l, py) { py_decimal(py, l.closed_short) }
        /// Units still to come.
        open(l, py) { py_decimal(py, l.open) }
        /// Value received at the invoiced prices.
        received_value(l, py) { py_decimal(py, l.received_value) }
        /// Purchase price variance (positive: paid more than ordered).
        price_variance(l, py) { py_decimal(py, l.price_variance) }
    }
}

view! {
    /// A purchase order as it stands.
    "PurchaseOrder": PyPurchaseOrder(PurchaseOrder) {
        /// The host's id.
        id(o, py) { Ok(o.id.clone()) }
        /// The supplier's id.
        supplier(o, py) { Ok(o.supplier.clone()) }
        /// draft, placed, confirmed, partially_received, received, closed or cancelled.
        status(o, py) { Ok(o.status.as_str()) }
        /// When it was created.
        created_at(o, py) { py_time(py, o.created_at) }
        /// When it was placed.
        placed_at(o, py) { opt_time(py, o.placed_at) }
        /// When the supplier confirmed it.
        confirmed_at(o, py) { opt_time(py, o.confirmed_at) }
        /// Payment terms: days from an invoice to its due date.
        net_days(o, py) { Ok(o.terms.net_days) }
        /// Payment terms: the early-payment discount in percent, or None.
        discount_percent(o, py) { py_opt_decimal(py, o.terms.discount.as_ref().map(|d| d.percent)) }
        /// Payment terms: days within which the discount applies (0 without discount).
        discount_days(o, py) { Ok(o.terms.discount.as_ref().map_or(0, |d: &EarlyPaymentDiscount| d.days)) }
        /// The lines, in the order they were added.
        lines(o, py) { Ok(o.lines.iter().cloned().map(PyOrderLine::from).collect::<Vec<_>>()) }
        /// The receipts' ids, in order.
        receipts(o, py) { Ok(o.receipts.clone()) }
        /// The charges' ids, in order.
        charges(o, py) { Ok(o.charges.clone()) }
        /// Paid so far.
        paid(o, py) { py_decimal(py, o.paid) }
        /// A dropship order: delivered by the supplier to the customer, never stocked.
        dropship(o, py) { Ok(o.dropship) }
        /// The customer's order id of a dropship order, or None.
        customer_order(o, py) { Ok(o.customer_order.clone()) }
    }
    methods {
        /// The payment terms as text ("2/10 net 30").
        #[getter]
        fn terms(&self) -> String {
            self.inner.terms.to_string()
        }
    }
}

view! {
    /// Units incoming of a SKU at a location (open quantity of placed orders).
    "Incoming": PyIncoming(Incoming) {
        /// The SKU.
        sku(r, py) { Ok(r.sku.clone()) }
        /// The delivery location.
        location(r, py) { Ok(r.location.clone()) }
        /// Units incoming.
        quantity(r, py) { py_decimal(py, r.quantity) }
    }
}

view! {
    /// Units incoming of a SKU at a location, expected in one period.
    "IncomingBucket": PyIncomingBucket(IncomingBucket) {
        /// The SKU.
        sku(r, py) { Ok(r.sku.clone()) }
        /// The delivery location.
        location(r, py) { Ok(r.location.clone()) }
        /// The start of the period (UTC midnight; a Monday for weeks).
        start(r, py) { py_time(py, r.start) }
        /// Units expected in it.
        quantity(r, py) { py_decimal(py, r.quantity) }
    }
}

view! {
    /// A line of a receiving report (or its total, with line None and empty SKU and location).
    "ReceivingLine": PyReceivingLine(ReceivingLine) {
        /// The line number (None in the total).
        line(r, py) { Ok(r.line) }
        /// The SKU ("" in the total).
        sku(r, py) { Ok(r.sku.clone()) }
        /// The location ("" in the total).
        location(r, py) { Ok(r.location.clone()) }
        /// Units on order.
        ordered(r, py) { py_decimal(py, r.ordered) }
        /// Units received sellable.
        sellable(r, py) { py_decimal(py, r.sellable) }
        /// Units received damaged.
        damaged(r, py) { py_decimal(py, r.damaged) }
        /// Units received into quarantine.
        quarantine(r, py) { py_decimal(py, r.quarantine) }
        /// Units still open.
        open(r, py) { py_decimal(py, r.open) }
        /// Units cancelled.
        cancelled(r, py) { py_decimal(py, r.cancelled) }
        /// Units closed short.
        closed_short(r, py) { py_decimal(py, r.closed_short) }
        /// Value received at the invoiced prices.
        received_value(r, py) { py_decimal(py, r.received_value) }
        /// Purchase price variance.
        price_variance(r, py) { py_decimal(py, r.price_variance) }
    }
}

view! {
    /// What an order asked for and what came of it, per line and in total.
    "ReceivingReport": PyReceivingReport(ReceivingReport) {
        /// The order.
        order(r, py) { Ok(r.order.clone()) }
        /// The supplier.
        supplier(r, py) { Ok(r.supplier.clone()) }
        /// The order's status.
        status(r, py) { Ok(r.status.as_str()) }
        /// One row per line, in line order.
        lines(r, py) { Ok(r.lines.iter().cloned().map(PyReceivingLine::from).collect::<Vec<_>>()) }
        /// The sums over the lines.
        total(r, py) { Ok(PyReceivingLine::from(r.total.clone())) }
    }
}

view! {
    /// An order line past its expected day with units still open.
    "OverdueLine": PyOverdueLine(OverdueLine) {
        /// The order.
        order(r, py) { Ok(r.order.clone()) }
        /// The supplier.
        supplier(r, py) { Ok(r.supplier.clone()) }
        /// The line number.
        line(r, py) { Ok(r.line) }
        /// The SKU.
        sku(r, py) { Ok(r.sku.clone()) }
        /// The location.
        location(r, py) { Ok(r.location.clone()) }
        /// When it was expected.
        expected(r, py) { py_time(py, r.expected) }
        /// Units still open.
        open(r, py) { py_decimal(py, r.open) }
        /// Whole UTC days from the expected day to the day asked about.
        days_late(r, py) { Ok(r.days_late) }
    }
}

view! {
    /// A supplier's measured performance, from the engine's own purchase history.
    "SupplierPerformance": PySupplierPerformance(SupplierPerformance) {
        /// The supplier.
        supplier(r, py) { Ok(r.supplier.clone()) }
        /// The SKU, or None for all of the supplier's SKUs.
        sku(r, py) { Ok(r.sku.clone()) }
        /// Orders placed.
        orders(r, py) { Ok(r.orders) }
        /// Receipt lines (the lead-time samples).
        receipt_lines(r, py) { Ok(r.receipt_lines) }
        /// Mean lead time in days (placement to receipt), None without receipts.
        lead_time_mean_days(r, py) { Ok(r.lead_time_mean_days) }
        /// Its sample standard deviation.
        lead_time_std_days(r, py) { Ok(r.lead_time_std_days) }
        /// Share of receipt lines on or before their expected UTC day.
        on_time_rate(r, py) { Ok(r.on_time_rate) }
        /// Units received (capped at what was asked) / units asked for less cancellations.
        fill_rate(r, py) { Ok(r.fill_rate) }
        /// Damaged / received units.
        damage_rate(r, py) { Ok(r.damage_rate) }
    }
}

view! {
    /// The lead time the planner uses for a supplier and SKU.
    "LeadTimeEstimate": PyLeadTimeEstimate(LeadTimeEstimate) {
        /// Mean days.
        mean_days(r, py) { Ok(r.mean_days) }
        /// Standard deviation in days.
        std_days(r, py) { Ok(r.std_days) }
        /// "measured" or "quoted".
        source(r, py) { Ok::<_, PyErr>(r.source.as_str()) }
        /// The receipt lines measured (whichever source was used).
        samples(r, py) { Ok(r.samples) }
    }
}

view! {
    /// One amount owed to a supplier.
    "PaymentDue": PyPaymentDue(PaymentDue) {
        /// Owed to this supplier.
        supplier(r, py) { Ok(r.supplier.clone()) }
        /// For this order.
        order(r, py) { Ok(r.order.clone()) }
        /// "committed" (received or charged) or "expected" (placed, not yet received).
        kind(r, py) { Ok::<_, PyErr>(r.kind.as_str()) }
        /// The receipt or charge id (committed), or the line number (expected).
        document(r, py) { Ok(r.document.clone()) }
        /// When it was (or will be) issued.
        issued(r, py) { py_time(py, r.issued) }
        /// When it is due.
        due(r, py) { py_time(py, r.due) }
        /// What is left to pay.
        amount(r, py) { py_decimal(py, r.amount) }
        /// The last day of the early-payment discount, if any.
        discount_until(r, py) { opt_time(py, r.discount_until) }
        /// The discount if the rest is paid in full by then.
        discount(r, py) { py_decimal(py, r.discount) }
    }
}

view! {
    /// Cash going out in one period, by due date.
    "CashOutBucket": PyCashOutBucket(CashOutBucket) {
        /// The start of the period (UTC midnight; a Monday for weeks).
        start(r, py) { py_time(py, r.start) }
        /// Committed amounts due in it.
        committed(r, py) { py_decimal(py, r.committed) }
        /// Expected amounts due in it.
        expected(r, py) { py_decimal(py, r.expected) }
    }
}

view! {
    /// A purchasing event as journaled.
    "PurchaseRecord": PyPurchaseRecord(PurchaseRecord) {
        /// The event's sequence number.
        sequence(r, py) { Ok(r.sequence) }
        /// The stock journal's length when the event was posted: its movements start here.
        first_movement(r, py) { Ok(r.first_movement) }
        /// How many stock movements it posted.
        movements(r, py) { Ok(r.movements) }
        /// The core's JSON of the event as a dict (`event` names its kind; decimals as
        /// Decimal; `time` and `expected` as int seconds, as in `JournalEntry.movement`).
        event(r, py) {
            serde_json::to_value(&r.event)
                .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("internal: {e}")))
                .and_then(|v| json_to_py(py, "", &v))
        }
    }
}

/// Adds the purchasing classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySupplier>()?;
    m.add_class::<PySupplierItem>()?;
    m.add_class::<PyPurchaseOutcome>()?;
    m.add_class::<PyPurchaseOrder>()?;
    m.add_class::<PyOrderLine>()?;
    m.add_class::<PyIncoming>()?;
    m.add_class::<PyIncomingBucket>()?;
    m.add_class::<PyReceivingReport>()?;
    m.add_class::<PyReceivingLine>()?;
    m.add_class::<PyOverdueLine>()?;
    m.add_class::<PySupplierPerformance>()?;
    m.add_class::<PyLeadTimeEstimate>()?;
    m.add_class::<PyPaymentDue>()?;
    m.add_class::<PyCashOutBucket>()?;
    m.add_class::<PyPurchaseRecord>()?;
    Ok(())
}
