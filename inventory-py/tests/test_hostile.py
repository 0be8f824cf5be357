"""Hostile inputs (issue 13): byte order, exceptions outside the hierarchy, column shapes.

Each test here failed before its fix.
"""

import sys
from decimal import Decimal as D
from typing import Any, Callable

import numpy as np
import pytest

import inventory_core as ic
from conftest import DAY, snapshot

# ----- 1. every numeric array is read in the byte order it declares -----

FOREIGN = ">" if sys.byteorder == "little" else "<"


def native(a: Any) -> Any:
    return np.ascontiguousarray(a)


def swapped(a: Any) -> Any:
    """The same values with the other byte order (a big-endian array on x86 / ARM)."""
    a = np.asarray(a)
    out = a.astype(a.dtype.newbyteorder(FOREIGN))
    assert out.dtype.byteorder == FOREIGN and np.array_equal(out, a)
    return out


def swapped_strided(a: Any) -> Any:
    """Byte-swapped and not contiguous: every other item of a doubled array."""
    a = np.asarray(a)
    doubled = np.repeat(swapped(a), 2, axis=-1)
    return doubled[..., ::2]


Y = np.arange(1.0, 41.0)
SPIKY = np.array([0, 3, 0, 0, 5, 1, 0, 7, 0, 2, 0, 0, 4, 0, 6, 1] * 2, dtype=np.float64)
PANEL = np.vstack([Y, Y[::-1], Y % 7 + 1])


def plain(v: Any) -> Any:
    """A result as plain, comparable Python data (numpy arrays as lists, views as dicts)."""
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if hasattr(v, "to_dict"):
        return plain(v.to_dict())
    for attrs in (
        ("class_code", "cv", "mean", "std_dev"),  # XyzResult
        ("class_code", "rank", "cumulative_share"),  # AbcResult
        ("mean", "lower", "upper"),  # SeriesForecast, PanelForecast, Forecast
        ("forecasts", "origins", "accuracy"),  # Backtest
        ("params", "fitted"),  # FittedModel
    ):
        if all(hasattr(v, a) for a in attrs):
            return {a: plain(getattr(v, a)) for a in attrs}
    return v


def post(conv: Callable[[Any], Any]) -> Any:
    ledger = ic.Ledger()
    ledger.post_columns(
        ["receive", "receive", "ship"],
        ["A", "B", "A"],
        ["WH", "WH", "WH"],
        conv(np.array([5, 7, 2], dtype=np.int64)),
        conv(np.array([0, DAY, 2 * DAY], dtype=np.int64)),
        unit_costs=conv(np.array([1234, 99, 0], dtype=np.int64)),
        cost_scale=2,
    )
    # int32 and uint32 columns take another path through the buffer protocol.
    ledger.post_columns(["receive"], ["C"], ["WH"], conv(np.array([3], dtype=np.int32)),
                        conv(np.array([3 * DAY], dtype=np.uint32)), unit_costs=conv(np.array([5], dtype=np.int32)))
    return ledger.to_json()


ARRAY_CASES: dict[str, Callable[[Callable[[Any], Any]], Any]] = {
    "post_columns": post,
    "demand_stats": lambda c: ic.demand_stats(c(Y)),
    "safety_stock": lambda c: ic.safety_stock(c(Y[:5]), c(Y[:5] / 4), c(Y[:5] / 10), lead_time_std_dev=c(Y[:5] / 20),
                                              service_level=0.95, outputs=("safety_stock", "reorder_point")),
    "safety_stock int": lambda c: ic.safety_stock(c(np.arange(1, 6)), 2.0, 3.0, service_level=0.9,
                                                  outputs="safety_stock"),
    "eoq": lambda c: ic.eoq(c(Y[:7] * 100), c(Y[:7]), c(Y[:7] / 3), outputs=("quantity", "total_cost")),
    "eoq float32": lambda c: ic.eoq(c(np.array([100.0, 400.0], dtype=np.float32)), 5.0, 1.0, outputs="quantity"),
    "newsvendor_empirical": lambda c: ic.newsvendor_empirical(c(Y), 3.0, 1.0),
    "abc": lambda c: ic.abc(c(Y)),
    "abc int": lambda c: ic.abc(c(np.arange(1, 41, dtype=np.int64))),
    "abc_measure": lambda c: ic.abc_measure("margin", c(Y), c(Y / 3), c(Y / 2)),
    "xyz": lambda c: ic.xyz(c(SPIKY)),
    "xyz_many": lambda c: ic.xyz_many(c(PANEL)),
    "xyz_many lengths": lambda c: ic.xyz_many(c(PANEL), lengths=c(np.array([40, 20, 10]))),
    "xyz_many rows": lambda c: ic.xyz_many([c(Y), c(SPIKY)]),
    "fit_model": lambda c: ic.fit_model(c(Y), "ses"),
    "fit_model seasonal0": lambda c: ic.fit_model(c(Y), "holt_winters_additive", period=4, alpha=0.3, beta=0.1, gamma=0.1,
                                                  level0=10.0, trend0=1.0, seasonal0=c(np.array([1.0, -1.0, 0.5, -0.5])),
                                                  ),
    "fitted forecast levels": lambda c: ic.fit_model(Y, "ses").forecast(3, c(np.array([0.8, 0.95]))),
    "fitted quantiles": lambda c: ic.fit_model(Y, "ses").quantiles(3, c(np.array([0.1, 0.9]))),
    "forecast_series": lambda c: ic.forecast_series(c(Y), 3, model="naive"),
    "forecast_series levels": lambda c: ic.forecast_series(Y, 3, model="ses", levels=c(np.array([0.5, 0.9]))),
    "forecast_panel": lambda c: ic.forecast_panel(c(PANEL), 3, model="ses"),
    "forecast_panel lengths": lambda c: ic.forecast_panel(c(PANEL), 2, model="naive",
                                                          lengths=c(np.array([40, 30, 20]))),
    "forecast_panel rows": lambda c: ic.forecast_panel([c(Y), c(SPIKY)], 2, model="naive"),
    "classify_demand": lambda c: ic.classify_demand(c(SPIKY)),
    "backtest": lambda c: ic.backtest(c(Y), 2, model="naive", origins=3),
    "forecast_metrics": lambda c: ic.forecast_metrics(c(Y[:5]), c(Y[:5] + 1), c(Y)),
    "DemandForecast": lambda c: ic.DemandForecast("A", "WH", c(Y), 1.0),
    "SimDemand.history": lambda c: ic.SimDemand.history(c(SPIKY)),
    "SimDemand.forecast": lambda c: ic.SimDemand.forecast(c(Y), 1.0),
    "SimConfig": lambda c: ic.SimConfig(c(SPIKY)),
}


@pytest.mark.parametrize("name", list(ARRAY_CASES))
def test_byte_swapped_arrays_give_the_native_result(name: str) -> None:
    case = ARRAY_CASES[name]
    expected = plain(case(native))
    assert plain(case(swapped)) == expected
    assert plain(case(swapped_strided)) == expected


def test_issue_examples_of_byte_order() -> None:
    ledger = ic.Ledger()
    ledger.post_columns(["receive"], ["A"], ["WH"], np.array([5], dtype=">i8"), np.array([0], dtype=">i8"),
                        unit_costs=["1"])
    assert ledger.position("A").on_hand == 5
    f = ic.forecast_series(np.arange(1.0, 41.0).astype(">f8"), 3, model="naive")
    assert f.mean.tolist() == [40.0, 40.0, 40.0]


# ----- 9. post_columns: column shapes and numpy bools -----

COLUMN_ARGS = dict(kinds=["receive", "receive"], skus=["A", "A"], locations=["WH", "WH"],
                   quantities=[1, 2], times=[DAY, DAY], unit_costs=[1, 1])


@pytest.mark.parametrize("column, value", [
    ("quantities", np.array([[1, 2]])),
    ("quantities", np.array([[1], [2]])),
    ("quantities", np.array([[1, 2]], dtype=np.uint64)),  # read item by item, not as a buffer
    ("quantities", np.array([[1, 2]], dtype=object)),
    ("times", np.array([[DAY, DAY]])),
    ("unit_costs", np.array([[1, 1]])),
    ("skus", np.array([["A", "A"]], dtype=object)),
    ("references", np.array([["R1", "R2"]], dtype=object)),
    ("quantities", np.array(2)),  # a 0-d array is not a column
])
def test_post_columns_refuses_arrays_that_are_not_one_dimensional(stocked: ic.Ledger, column: str, value: Any) -> None:
    before = snapshot(stocked)
    args = dict(COLUMN_ARGS, **{column: value})
    with pytest.raises(ic.InvalidInput, match=rf"^{column}: expected a one-dimensional array, got {value.ndim} dimensions"):
        stocked.post_columns(**args)
    assert snapshot(stocked) == before


def test_numpy_bool_is_not_a_quantity(stocked: ic.Ledger) -> None:
    before = snapshot(stocked)
    for bad in (np.bool_(True), np.True_, True):
        with pytest.raises(ic.InvalidInput, match="a bool is not a quantity") as e:
            stocked.receive("A", "WH", bad, "1", DAY)
        assert "float" not in str(e.value)
        with pytest.raises(ic.InvalidInput, match=r"quantities\[0\]: a bool is not a quantity"):
            stocked.post_columns(["receive"], ["A"], ["WH"], [bad], [DAY], unit_costs=["1"])
        with pytest.raises(ic.InvalidInput, match="a bool is not a quantity"):
            stocked.receive("A", "WH", 1, bad, DAY)
    with pytest.raises(ic.InvalidInput, match=r"quantities\[0\]: a bool is not a quantity"):
        stocked.post_columns(["receive"] * 2, ["A"] * 2, ["WH"] * 2, np.array([True, False]), [DAY] * 2,
                             unit_costs=["1"] * 2)
    assert snapshot(stocked) == before
