"""Property tests (hypothesis): hostile arguments to the public functions and Ledger methods.

Every row of ``test_hostile.CALLS`` (a valid call of nearly every public function,
constructor and method) is called with some of its arguments replaced by hostile values of
the kind the argument takes: huge, negative, NaN and infinite numbers, Decimal NaN and
sNaN, lone surrogates, empty and ragged columns, arrays of every dtype, byte order and
shape, None and objects of the wrong type, and values inside nested records (order lines,
price breaks, dicts). The call may succeed; if it fails, the exception must be an
InventoryError or a TypeError, and a refused call leaves the ledger as it was
(``to_json()`` before and after).

Nothing is kept out:

* **wide windows**: times range over the whole of an i64 (a window from ``-2**63`` to
  ``2**63 - 1`` costs what the data in it costs), plus values beyond an i64 (refused);
* **huge valid sizes**: ``horizon``, ``days``, ``threads``, ``window``, ... may be
  ``10**12``, ``40_000``, ``2**32 - 1`` or ``2**63 - 1``: the core refuses what it cannot
  produce (``MAX_OUTPUT_CELLS``, at most 64 threads, ``MAX_SIM_DAYS``, ...) with a typed
  error before allocating it;
* **results that are not numbers**: a float anywhere in the result of a policy function
  (``eoq``, ``safety_stock``, the newsvendor, ...) whose inputs were all finite must be
  finite (the core returns Overflow instead of inf or NaN);
* **strict snapshots**: besides arbitrary text, ``Ledger.from_json`` gets valid snapshots
  with one change: an unknown field, or a value of another JSON type (a decimal as a JSON
  number, a name as a number, a time as a string), must be refused (InvalidSnapshot); any
  other change is refused or, if read, written back as it reads.
"""

import copy
import datetime as dt
import json
import math
import time
from decimal import Decimal as D
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import inventory_core as ic
from conftest import DAY
from test_hostile import CALLS, bind, leaves, replaced, world

settings.register_profile(
    "hostile", max_examples=40, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

UTC = dt.timezone.utc

# ----- hostile values by kind -----

#: Objects of a type no argument takes.
WRONG = st.sampled_from([None, object(), b"bytes", {"a": 1}, set(), 1j, ic.Ledger])

SURROGATES = st.text(alphabet=st.characters(categories=["Cs"]), min_size=1, max_size=3)
NAMES = st.sampled_from(["", " ", "fifo", "lifo", "moving_average", "sellable", "damaged", "quarantine", "day",
                         "week", "A", "Z", "auto", "naive", "ses", "receive", "ship", "refuse", "accept", "freight",
                         "weight", "min_max", "MUG", "WH", "PO-1", "RES", "GR-0", "ACME", "x" * 300])
TEXT = st.one_of(NAMES, st.text(max_size=8), SURROGATES, st.builds(lambda a, b: a + b, NAMES, SURROGATES),
                 st.integers(-3, 3), WRONG)

HUGE_INTS = st.sampled_from([2**63, 2**64, -(2**63) - 1, -(2**64), 2**200, -(2**200)])
NUMPY_SCALARS = st.sampled_from([np.int64(3), np.uint64(2**64 - 1), np.int8(-1), np.float64(2.5), np.float32(1.5),
                                 np.float64("nan"), np.bool_(True), np.str_("MUG"), np.datetime64(0, "s")])
AMOUNT = st.one_of(
    st.integers(-(10**30), 10**30),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([D("sNaN"), D("-sNaN"), D("NaN"), D("-Infinity"), D("1e-40"), D("-0"), D("1E+100000"),
                     "1e30", "1_000", " 5 ", "abc", "", "\ud800", "1\udc00", 1.5, math.nan, math.inf, True, False]),
    HUGE_INTS, NUMPY_SCALARS, WRONG,
)
FLOAT = st.one_of(
    st.floats(), st.integers(-(10**6), 10**6), HUGE_INTS,
    st.sampled_from([2**1024, -(2**1100), D("sNaN"), D("NaN"), D("1e400"), "1.5", True]),
    NUMPY_SCALARS, WRONG,
)
INT = st.one_of(st.integers(), HUGE_INTS, st.sampled_from([1.5, "3", True]), NUMPY_SCALARS, WRONG)
#: Valid sizes far beyond what a call can produce (the core refuses them with a typed error
#: before allocating anything) or just beyond a limit (65 threads, MAX_SIM_DAYS + 1).
HUGE_SIZES = st.sampled_from([10**12, 40_000, 65, 3661, ic.MAX_SIM_DAYS + 1, 10**6, 2**31, 2**32 - 1, 2**32,
                              2**63 - 1])
SIZE = st.one_of(st.integers(-3, 40), HUGE_SIZES, st.integers(0, 2**63 - 1), HUGE_INTS,
                 st.sampled_from([1.5, "3", np.int64(4), np.uint8(2), np.int64(10**12)]), WRONG)
#: The ends of an i64 (and its neighbours): a window from -2**63 to 2**63 - 1 is fine.
WIDE_TIMES = st.sampled_from([-(2**63), 2**63 - 1, -(2**63) + 1, 2**63 - 2, -(2**62), 2**62, 0, -1,
                              np.int64(2**63 - 1), np.int64(-(2**63))])
TIME = st.one_of(
    st.integers(-1000 * DAY, 1000 * DAY),
    WIDE_TIMES,
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([2**63, 2**64, -(2**63) - 1, -(2**64), 1.5, "0", math.nan, np.int64(DAY), np.float64(DAY)]),
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59),
                 timezones=st.one_of(st.none(), st.just(UTC),
                                     st.builds(lambda h: dt.timezone(dt.timedelta(hours=h)), st.integers(-23, 23)))),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    WRONG,
)
BOOL = st.one_of(st.booleans(), st.sampled_from([0, 1, "yes", np.bool_(True), np.bool_(False)]), WRONG)

DTYPES = ["float64", "float32", "int64", "int32", "uint32", "int8", "uint64", "bool", ">f8", ">i8", ">i4", "<f4",
          "complex128"]
ARRAYS = st.one_of(
    hnp.arrays(st.sampled_from(DTYPES), hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=30)),
    hnp.arrays(st.sampled_from(DTYPES), hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5)),
    st.builds(lambda n: np.array(["a", "\ud800"] * n), st.integers(0, 3)),
    st.builds(lambda n: np.arange(n).astype("datetime64[D]"), st.integers(0, 3)),
    st.builds(lambda xs: np.array(xs, dtype=object), st.lists(st.one_of(st.none(), st.floats(), st.text(max_size=2)),
                                                              max_size=5)),
    st.builds(lambda a: a[::2], hnp.arrays("float64", st.integers(0, 20))),
)
SERIES = st.one_of(
    st.lists(FLOAT, max_size=30),
    st.lists(st.floats(), min_size=0, max_size=30),
    ARRAYS,
    st.lists(st.lists(st.floats(), max_size=4), max_size=4),  # ragged rows
    st.sampled_from([[], (), "123", {1: 2.0}, 5.0, iter([1.0, 2.0])]),
    WRONG,
)
TEXTS = st.one_of(st.lists(st.one_of(TEXT, st.none()), max_size=5), ARRAYS, WRONG,
                  st.builds(lambda xs: np.array(xs), st.lists(st.text(max_size=3), min_size=1, max_size=4)))
AMOUNTS = st.one_of(st.lists(st.one_of(AMOUNT, st.none()), max_size=5), ARRAYS, WRONG)
TIMES = st.one_of(st.lists(TIME, max_size=5), ARRAYS, WRONG)

#: Arguments read as times, sizes and amounts (others by the type of their valid value).
TIME_ARGS = {"time", "start", "end", "as_of", "expected", "from_", "to"}
SIZE_ARGS = {"horizon", "days", "window", "threads", "origins", "step", "period", "holdout", "aggregation",
             "review_days", "horizon_days", "window_days", "warmup_days", "dead_stock_days", "cost_scale",
             "money_scale", "net_days", "discount_days", "lengths"}
AMOUNT_ARGS = {"quantity", "unit_cost", "amount", "counted", "unit_price", "discount_percent", "min_order_quantity",
               "pack_size", "budget", "max_order_value", "fixed_quantity", "min", "max", "over_receipt"}
COLUMNS = {"kinds": TEXTS, "skus": TEXTS, "locations": TEXTS, "references": TEXTS, "to_locations": TEXTS,
           "reservations": TEXTS, "reasons": TEXTS, "conditions": TEXTS, "purchase_orders": TEXTS,
           "shipments": TEXTS, "quantities": AMOUNTS, "unit_costs": AMOUNTS, "times": TIMES}


def leaf_strategy(name: str, leaf: Any) -> st.SearchStrategy[Any]:
    """Hostile values for one leaf of an argument (`name`: the argument it is in)."""
    if name in TIME_ARGS:
        return TIME
    if name in SIZE_ARGS:
        return SIZE
    if isinstance(leaf, bool):
        return BOOL
    if isinstance(leaf, str):
        return TEXT
    if isinstance(leaf, D) or (isinstance(leaf, int) and name in AMOUNT_ARGS):
        return AMOUNT
    if isinstance(leaf, int):
        return INT
    if isinstance(leaf, float):
        return FLOAT
    return WRONG


def hostile_argument(data: st.DataObject, name: str, valid: Any) -> Any:
    """`valid` with a hostile value somewhere in it, or a hostile value instead."""
    how = data.draw(st.sampled_from(["replace", "leaf"]), label=f"{name}: how")
    if how == "replace" or not isinstance(valid, (list, tuple, dict)):
        if name in COLUMNS:
            return data.draw(COLUMNS[name], label=name)
        if isinstance(valid, (list, tuple)) and (not valid or all(isinstance(v, float) for v in valid)):
            return data.draw(SERIES, label=name)
        if name in ("series", "runs", "movements", "demand", "lines", "changes", "breaks", "classes", "policies"):
            return data.draw(st.one_of(SERIES, st.lists(WRONG, max_size=2), WRONG), label=name)
        return data.draw(leaf_strategy(name, valid), label=name)
    found = leaves(valid)
    if not found:
        return data.draw(st.one_of(WRONG, st.just([]), st.just({})), label=name)
    path, leaf = data.draw(st.sampled_from(found), label=f"{name}: leaf")
    inner = name if name in COLUMNS or name in TIME_ARGS | SIZE_ARGS else (path[-1] if path and isinstance(
        path[-1], str) else name)
    strategy = leaf_strategy(str(inner), leaf)
    if path and isinstance(path[-1], tuple):  # a dict key
        strategy = strategy.filter(is_hashable)
    return replaced(valid, path, data.draw(strategy, label=f"{name}{list(path)}"))


def is_hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@pytest.mark.parametrize("name", [c[0] for c in CALLS])
@settings(settings.get_profile("hostile"))
@given(data=st.data())
def test_hostile_arguments_raise_only_documented_errors(name: str, data: st.DataObject) -> None:
    _, target, method, valid = next(c for c in CALLS if c[0] == name)
    # One or two arguments are hostile, the others valid: a bad value in one argument is
    # not hidden behind the error of another.
    names = data.draw(st.lists(st.sampled_from(sorted(valid)), min_size=1, max_size=2, unique=True), label="hostile")
    kwargs = {k: hostile_argument(data, k, v) if k in names else v for k, v in valid.items()}
    call, ledger = bind(target, method)
    before = ledger.to_json() if ledger is not None else None
    try:
        result = call(**kwargs)
    except (ic.InventoryError, TypeError):
        if ledger is not None:
            assert ledger.to_json() == before, "a refused call changed the ledger"
        return
    if target is None and method in POLICY_FUNCTIONS and all_finite(kwargs):
        bad = [x for x in result_floats(result, kwargs) if not math.isfinite(x)]
        assert not bad, f"{name}: non-finite result {bad[:3]} from finite input"


# ----- huge valid sizes and wide windows, every one -----

EVERY_HUGE_SIZE = [10**12, 40_000, 65, 3661, ic.MAX_SIM_DAYS + 1, 10**6, 2**31, 2**32 - 1, 2**32, 2**63 - 1]
I64_ENDS = [-(2**63), 2**63 - 1]


@pytest.mark.parametrize("name", [c[0] for c in CALLS if set(c[3]) & (SIZE_ARGS | TIME_ARGS)])
def test_every_huge_size_and_wide_window(name: str) -> None:
    """Each size of each CALLS row set to each of EVERY_HUGE_SIZE, each time to each end of an
    i64, and a window from -2**63 to 2**63 - 1: a result or a typed error, at once (found:
    DemandForecast.flat(days=10**12) raised MemoryError, outside the hierarchy, where the
    core keeps at most MAX_PLAN_DAYS days anyway)."""
    _, target, method, valid = next(c for c in CALLS if c[0] == name)
    cases: list[dict[str, Any]] = []
    for k, v in valid.items():
        if k in SIZE_ARGS:
            cases += [replaced(valid, (k, 0) if isinstance(v, list) else (k,), h) for h in EVERY_HUGE_SIZE]
        if k in TIME_ARGS:
            cases += [dict(valid, **{k: t}) for t in I64_ENDS]
    times = [k for k in valid if k in TIME_ARGS]
    if len(times) == 2:
        cases.append(dict(valid, **{times[0]: I64_ENDS[0], times[1]: I64_ENDS[1]}))
    for kwargs in cases:
        call, ledger = bind(target, method)
        before = ledger.to_json() if ledger is not None else None
        started = time.monotonic()
        try:
            call(**kwargs)
        except (ic.InventoryError, TypeError):
            if ledger is not None:
                assert ledger.to_json() == before, "a refused call changed the ledger"
        assert time.monotonic() - started < 5, kwargs


# ----- results of the policy functions -----

#: The policy functions: every float they return is finite when every input is (the core
#: returns Overflow instead).
POLICY_FUNCTIONS = {"normal_cdf", "inverse_normal_cdf", "normal_loss", "demand_stats", "safety_stock", "eoq",
                    "eoq_cost", "eoq_backorders", "epq", "eoq_discount", "round_order_quantity", "newsvendor_normal",
                    "newsvendor_empirical", "newsvendor_costs_from_prices"}
POLICY_CALLS = [c[0] for c in CALLS if c[1] is None and c[2] in POLICY_FUNCTIONS]


def all_finite(value: Any) -> bool:
    """Whether every number in `value` (nested in lists, tuples, dicts and arrays) is finite."""
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, (float, np.floating, np.complexfloating)):
        return bool(np.isfinite(value))
    if isinstance(value, D):
        return value.is_finite()
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            return bool(np.isfinite(value).all())
        if value.dtype.kind == "O":
            return all(all_finite(v) for v in value.ravel())
        return True
    if isinstance(value, dict):
        return all(all_finite(k) and all_finite(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(all_finite(v) for v in value)
    return True


def result_floats(value: Any, kwargs: dict[str, Any]) -> list[float]:
    """Every float in a result: a float, a tuple of them, a float array, or the float and
    array attributes of a result object. ``SafetyStockBatch.safety_factor`` is NaN by
    definition for ``max_minus_average``, which has no safety factor."""
    if isinstance(value, (float, np.floating)):
        return [float(value)]
    if isinstance(value, np.ndarray):
        return [float(x) for x in value.ravel()] if value.dtype.kind == "f" else []
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in result_floats(v, kwargs)]
    if type(value).__module__ == "inventory_core":
        out = []
        for attr in dir(value):
            if attr.startswith("_") or (attr == "safety_factor" and kwargs.get("method") == "max_minus_average"):
                continue
            v = getattr(value, attr)
            if not callable(v):
                out += result_floats(v, kwargs)
        return out
    return []


#: Finite floats, often at the ends of the range, where a result overflows.
FINITE = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 5e-324, 1e-300, 0.5, 1.0, 1e150, 1e300, 1e308, 1.7976931348623157e308,
                     -1e308, -1.7976931348623157e308]),
)


@pytest.mark.parametrize("name", POLICY_CALLS)
@settings(settings.get_profile("hostile"), max_examples=100)
@given(data=st.data())
def test_policy_results_are_finite_or_an_error(name: str, data: st.DataObject) -> None:
    """Every float argument (scalar, in a column or in a price break) finite, many at the ends
    of the range: the result's floats are finite, or the call raises an InventoryError
    (Overflow for a result beyond a float)."""
    _, target, method, valid = next(c for c in CALLS if c[0] == name)
    kwargs = valid
    for path, leaf in leaves(valid):
        if isinstance(leaf, float) and data.draw(st.booleans(), label=f"{path}: change"):
            kwargs = replaced(kwargs, path, data.draw(FINITE, label=str(path)))
    call, _ = bind(target, method)
    try:
        result = call(**kwargs)
    except ic.InventoryError:
        return
    bad = [x for x in result_floats(result, kwargs) if not math.isfinite(x)]
    assert not bad, f"{name}: non-finite result {bad[:3]} from finite input {kwargs}"


# ----- snapshots are read strictly -----

SNAPSHOT = json.loads(world().to_json())


def json_nodes(doc: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """(path, node) for every object, array and value of a JSON document."""
    out = [(path, doc)]
    if isinstance(doc, dict):
        out += [x for k, v in doc.items() for x in json_nodes(v, path + (k,))]
    elif isinstance(doc, list):
        out += [x for i, v in enumerate(doc) for x in json_nodes(v, path + (i,))]
    return out


def json_replaced(doc: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    out = copy.deepcopy(doc)
    at = out
    for key in path[:-1]:
        at = at[key]
    at[path[-1]] = new
    return out


def retyped(value: Any) -> list[Any]:
    """The value as JSON values of other types: a decimal string as a number, a name as a
    number, a number as a string, a bool as a number, a container as the other container."""
    if isinstance(value, bool):
        return [int(value), str(value).lower()]
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            number = 0
        return [number, [value]]
    if isinstance(value, (int, float)):
        return [str(value), [value], value != 0]
    if isinstance(value, list):
        return [{}, "", 0]
    if isinstance(value, dict):
        return [[], "", 0]
    return []


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=5),
              st.sampled_from(["0", "1.5", "-1", "1e30", "fifo", "receive", "MUG", "WH", ""])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=5,
)


@settings(settings.get_profile("hostile"), max_examples=500)
@given(data=st.data())
def test_snapshots_with_one_change_are_read_strictly(data: st.DataObject) -> None:
    """A valid snapshot with an unknown field, or a value of another JSON type, is refused
    (InvalidSnapshot); with any other change it is refused or, if read, written back as it
    reads (the state it holds is the state it shows)."""
    nodes = json_nodes(SNAPSHOT)
    how = data.draw(st.sampled_from(["unknown field", "retyped", "any value"]), label="how")
    if how == "unknown field":
        path, node = data.draw(st.sampled_from([(p, n) for p, n in nodes if isinstance(n, dict)]), label="object")
        key = data.draw(st.text(min_size=1, max_size=8).filter(lambda k: k not in node), label="key")
        text = json.dumps(json_replaced(SNAPSHOT, path, dict(node, **{key: data.draw(JSON_VALUES)})))
        with pytest.raises(ic.InvalidSnapshot):
            ic.Ledger.from_json(text)
        return
    path, node = data.draw(st.sampled_from([(p, n) for p, n in nodes if p]), label="node")
    if how == "retyped":
        if not retyped(node):
            return
        new = data.draw(st.sampled_from(retyped(node)), label="retyped")
        with pytest.raises(ic.InvalidSnapshot):
            ic.Ledger.from_json(json.dumps(json_replaced(SNAPSHOT, path, new)))
        return
    text = json.dumps(json_replaced(SNAPSHOT, path, data.draw(JSON_VALUES, label="value")))
    try:
        ledger = ic.Ledger.from_json(text)
    except ic.InventoryError:
        return
    assert ic.Ledger.from_json(ledger.to_json()).to_json() == ledger.to_json()
