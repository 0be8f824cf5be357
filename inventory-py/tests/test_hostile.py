"""Hostile inputs (issue 13): byte order, exceptions outside the hierarchy, column shapes.

Each test here failed before its fix.
"""

import math
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


# ----- 7. every bad value is an InventoryError, every wrong type a TypeError -----
#
# A table of valid calls of (nearly) every public function, constructor and method. Each
# str, int, float and Decimal anywhere in a call's arguments (nested in lists, tuples and
# dicts, dict keys included) is replaced in turn by a hostile value of the same kind; the
# call may succeed (2**64 is a fine quantity) but may only fail with an InventoryError or a
# TypeError, and a refused call leaves the ledger as it was.

SURROGATE = "\ud800"
HOSTILE_INTS = [2**64, -(2**64), 2**63, -(2**63) - 1, 2**200]
HOSTILE_FLOATS: list[Any] = [2**1024, -(2**1100), D("sNaN")]
HOSTILE_DECIMALS = [D("sNaN"), D("1e100000"), SURROGATE]

SERIES = [float(v) for v in (Y % 9 + 1)]


def world() -> ic.Ledger:
    """A ledger with stock, a reservation, a shipment, a supplier, a placed order with a
    receipt, and a draft order."""
    ledger = ic.Ledger()
    ledger.set_supplier(ic.Supplier("ACME", "Acme", net_days=30, discount_percent=2, discount_days=10,
                                    items=[ic.SupplierItem("MUG", D("4.00"), lead_time_days=5)]), 0)
    ledger.receive("MUG", "WH", 10, "3.00", 0, reference="R1")
    ledger.reserve("MUG", "WH", 2, "RES", DAY)
    ledger.ship("MUG", "WH", 1, DAY, reference="S1")
    ledger.create_order("PO-1", "ACME", [(1, "MUG", "WH", 20, 10 * DAY)], DAY)
    ledger.place_order("PO-1", DAY)
    ledger.receive_order("PO-1", "GR-0", [(1, 5)], DAY)
    ledger.create_order("PO-D", "ACME", [(1, "MUG", "WH", 5, 10 * DAY)], DAY)
    return ledger


T = 2 * DAY
MUG = dict(sku="MUG", location="WH")
FITTED = ic.fit_model(SERIES, "ses")
SETTINGS = ic.PolicySettings("order_up_to", service_level=0.9, order_cost=20.0, holding_rate=0.2, review_days=7)
FORECAST = ic.DemandForecast("MUG", "WH", [2.0] * 30, 1.0)
REQUEST = ic.PlanRequest(T, [FORECAST], horizon_days=30)
CONFIG = ic.SimConfig(("normal", 5.0, 1.0), days=30)
POLICY = ic.SimPolicy.reorder_point(10.0, 20.0)

# (name, target, method, kwargs): target "ledger" is a fresh world(), checked unchanged after a
# refusal; "Ledger" the class; None the module; anything else the object itself.
CALLS: list[tuple[str, Any, str, dict[str, Any]]] = [
    # ledger: movements
    ("receive", "ledger", "receive", dict(MUG, quantity=5, unit_cost=D("3.50"), time=T, reference="R2",
                                         purchase_order="PO-X", condition="sellable")),
    ("landed_cost", "ledger", "landed_cost", dict(sku="MUG", receipt=0, amount="1.00", time=T, reference="LC")),
    ("ship", "ledger", "ship", dict(MUG, quantity=1, time=T, reservation="RES", reference="S2")),
    ("customer_return", "ledger", "customer_return", dict(MUG, quantity=1, time=T, condition="sellable",
                                                         shipment="S1", reference="CR")),
    ("customer_return cost", "ledger", "customer_return", dict(MUG, quantity=1, time=T, unit_cost=D("2.5"))),
    ("return_to_supplier", "ledger", "return_to_supplier", dict(MUG, quantity=1, time=T, condition="sellable",
                                                               purchase_order="PO-1", reference="RTS")),
    ("transfer", "ledger", "transfer", dict(sku="MUG", from_location="WH", to_location="STORE", quantity=1, time=T,
                                           condition="sellable", reference="TR")),
    ("reclassify", "ledger", "reclassify", dict(MUG, quantity=1, from_condition="sellable", to_condition="damaged",
                                               time=T, reference="RC")),
    ("adjust", "ledger", "adjust", dict(MUG, quantity=1, reason="found", time=T, condition="sellable",
                                       unit_cost=D("3.00"), reference="ADJ")),
    ("cycle_count", "ledger", "cycle_count", dict(MUG, counted=12, time=T, condition="sellable", unit_cost="3.00",
                                                 reference="CC")),
    ("reserve", "ledger", "reserve", dict(MUG, quantity=1, reservation="R9", time=T, reference="RV")),
    ("release", "ledger", "release", dict(MUG, reservation="RES", time=T, quantity=1, reference="RL")),
    ("post_columns", "ledger", "post_columns", dict(
        kinds=["receive", "ship", "transfer", "adjust"], skus=["MUG"] * 4, locations=["WH"] * 4,
        quantities=[1, 1, 1, 1], times=[T] * 4, unit_costs=[D("1"), None, None, "2"],
        references=["PC", None, None, None], to_locations=[None, None, "STORE", None],
        reservations=[None, "RES", None, None], reasons=[None, None, None, "found"],
        conditions=["sellable"] * 4, purchase_orders=["PO-1", None, None, None], shipments=[None] * 4)),
    ("post_columns scaled", "ledger", "post_columns", dict(kinds=["receive"], skus=["MUG"], locations=["WH"],
                                                          quantities=[1], times=[T], unit_costs=[150], cost_scale=2)),
    ("set_sku_costing", "ledger", "set_sku_costing", dict(sku="NEW", method="lifo")),
    # ledger: queries
    ("position", "ledger", "position", dict(MUG)),
    ("valuation", "ledger", "valuation", dict(MUG)),
    ("costing_of", "ledger", "costing_of", dict(sku="MUG")),
    ("reserved_by", "ledger", "reserved_by", dict(MUG, reservation="RES")),
    ("history", "ledger", "history", dict(sku="MUG")),
    ("demand_history", "ledger", "demand_history", dict(MUG, period="day", start=0, end=3 * DAY)),
    ("ledger demand_stats", "ledger", "demand_stats", dict(MUG, period="week", start=0, end=3 * DAY)),
    ("ledger abc", "ledger", "abc", dict(start=0, end=3 * DAY, measure="units", a=0.8, b=0.95)),
    ("ledger xyz", "ledger", "xyz", dict(start=0, end=3 * DAY, period="day", x=0.5, y=1.0)),
    ("activity", "ledger", "activity", dict(sku="MUG", start=0, end=3 * DAY)),
    ("activity_all", "ledger", "activity_all", dict(start=0, end=3 * DAY)),
    ("aging", "ledger", "aging", dict(as_of=3 * DAY, sku="MUG", bounds=[30, 60])),
    ("dead_stock", "ledger", "dead_stock", dict(as_of=3 * DAY, days=30)),
    ("slow_movers", "ledger", "slow_movers", dict(as_of=3 * DAY, window_days=30, min_days_of_supply=10.0)),
    ("overstock", "ledger", "overstock", dict(as_of=3 * DAY, window_days=30, cover_days=10.0)),
    # ledger: construction and snapshots
    ("Ledger", "Ledger", "", dict(costing="fifo", allow_negative=False, money_scale=2, sku_costing={"MUG": "lifo"},
                                  over_receipt="refuse")),
    ("Ledger tolerance", "Ledger", "", dict(over_receipt=D("5"))),
    ("from_json", "Ledger", "from_json", dict(text=world().to_json())),
    ("replay", "Ledger", "replay", dict(movements=[e.movement for e in world().journal()], costing="fifo",
                                        allow_negative=False, money_scale=2, sku_costing={"MUG": "fifo"},
                                        over_receipt="refuse")),
    # ledger: purchasing
    ("set_supplier", "ledger", "set_supplier", dict(supplier=ic.Supplier("B", "Bee"), time=T, reference="SUP")),
    ("create_order", "ledger", "create_order", dict(
        order="PO-2", supplier="ACME", time=T, reference="CO",
        lines=[(1, "MUG", "WH", 5, 10 * DAY), (2, "MUG", "WH", 5, 10 * DAY, D("3.9")),
               {"line": 3, "sku": "MUG", "location": "WH", "quantity": 5, "expected": 10 * DAY, "unit_price": "3"}])),
    ("add_order_line", "ledger", "add_order_line", dict(order="PO-D", time=T, reference="AL", line={
        "line": 2, "sku": "MUG", "location": "WH", "quantity": 5, "expected": 10 * DAY})),
    ("amend_order_line", "ledger", "amend_order_line", dict(order="PO-1", line=1, time=T, quantity=25,
                                                           expected=11 * DAY, unit_price="3.90", reference="AM")),
    ("place_order", "ledger", "place_order", dict(order="PO-D", time=T, reference="PL")),
    ("confirm_order", "ledger", "confirm_order", dict(order="PO-1", time=T, reference="CF",
                                                     changes=[{"line": 1, "quantity": 22, "expected": 9 * DAY}])),
    ("receive_order", "ledger", "receive_order", dict(order="PO-1", receipt="GR-1", time=T, reference="RO",
                                                     lines=[(1, 2, 1, 1)])),
    ("receive_order dict", "ledger", "receive_order", dict(order="PO-1", receipt="GR-2", time=T, lines=[
        {"line": 1, "sellable": 1, "damaged": D("1"), "quarantine": "1", "unit_price": "3.5"}])),
    ("cancel_order", "ledger", "cancel_order", dict(order="PO-1", time=T, line=1, reference="CA")),
    ("close_order_short", "ledger", "close_order_short", dict(order="PO-1", time=T, line=1, reference="CS")),
    ("add_charge", "ledger", "add_charge", dict(order="PO-1", charge="C1", kind="freight", amount="10", time=T,
                                               receipts=["GR-0"], allocation="quantity", reference="CH")),
    ("add_charge weights", "ledger", "add_charge", dict(order="PO-1", charge="C2", kind="duty", amount=D("4"),
                                                       time=T, allocation="weight", weights={1: D("2")})),
    ("record_payment", "ledger", "record_payment", dict(order="PO-1", payment="P1", amount="5", time=T,
                                                       reference="PAY")),
    ("supplier", "ledger", "supplier", dict(id="ACME")),
    ("suppliers_of", "ledger", "suppliers_of", dict(sku="MUG")),
    ("order", "ledger", "order", dict(id="PO-1")),
    ("incoming", "ledger", "incoming", dict(MUG)),
    ("incoming_schedule", "ledger", "incoming_schedule", dict(MUG, period="week")),
    ("receiving_report", "ledger", "receiving_report", dict(order="PO-1")),
    ("overdue_lines", "ledger", "overdue_lines", dict(as_of=30 * DAY)),
    ("supplier_performance", "ledger", "supplier_performance", dict(supplier="ACME", sku="MUG")),
    ("lead_time", "ledger", "lead_time", dict(supplier="ACME", sku="MUG")),
    ("cash_out", "ledger", "cash_out", dict(period="day")),
    ("plan", "ledger", "plan", dict(request=REQUEST)),
    ("Supplier", None, "Supplier", dict(id="S", name="Sup", net_days=30, discount_percent=D("2"), discount_days=10,
                                        items=[ic.SupplierItem("MUG", "4", lead_time_days=5)])),
    ("SupplierItem", None, "SupplierItem", dict(sku="MUG", unit_price="4.00", lead_time_days=5.0,
                                                lead_time_std_days=1.0, discount="all_units", min_order_quantity=1,
                                                pack_size=6, preferred=True, supplier_sku="AC-1")),
    ("SupplierItem prices", None, "SupplierItem", dict(sku="MUG", prices=[(0, "4"), (100, D("3.5"))],
                                                       lead_time_days=5, discount="incremental")),
    ("price_for", ic.SupplierItem("MUG", "4", lead_time_days=5), "price_for", dict(quantity=10)),
    # replenishment
    ("PolicySettings", None, "PolicySettings", dict(policy="order_up_to", service_level=0.9, order_cost=20.0,
                                                    holding_rate=0.2, review_days=7)),
    ("PolicySettings min_max", None, "PolicySettings", dict(policy="min_max", min=D("5"), max="20")),
    ("PolicySettings rop", None, "PolicySettings", dict(policy="reorder_point", fixed_quantity=10)),
    ("PolicyAssignment", None, "PolicyAssignment", dict(sku="MUG", location="WH", settings=SETTINGS)),
    ("DemandForecast", None, "DemandForecast", dict(sku="MUG", location="WH", daily=[1.0, 2.0], daily_std=1.0)),
    ("DemandForecast.flat", ic.DemandForecast, "flat", dict(sku="MUG", location="WH", daily=5.0, daily_std=1.0,
                                                            days=30)),
    ("PlanRequest", None, "PlanRequest", dict(
        as_of=T, demand=[FORECAST], horizon_days=30, default_policy=SETTINGS, policies=[("MUG", None, SETTINGS)],
        overstock_days=180.0, transfer_days=2.0, dead_stock_days=30, budget="1000", supplier_budgets={"ACME": "500"},
        max_order_value=D("300"), capacity={"WH": 100}, margins={"MUG": "1"}, projection="day", threads=1)),
    ("class_policies", REQUEST, "class_policies", dict(classes=[("MUG", "A", "X"), ic.SkuClass("CUP", "B", "Y")])),
    ("SkuClass", None, "SkuClass", dict(sku="MUG", abc="A", xyz="X")),
    ("ClassPolicies.settings", ic.ClassPolicies(), "settings", dict(abc="A", xyz="Z")),
    ("classes_from_ledger", None, "classes_from_ledger", dict(ledger=world(), from_=0, to=3 * DAY)),
    # simulation
    ("SimDemand.history", ic.SimDemand, "history", dict(days=[1.0, 2.0, 3.0])),
    ("SimDemand.normal", ic.SimDemand, "normal", dict(mean=5.0, std_dev=1.0)),
    ("SimDemand.forecast", ic.SimDemand, "forecast", dict(daily=[1.0, 2.0], std_dev=1.0)),
    ("SimPolicy.reorder_point", ic.SimPolicy, "reorder_point", dict(r=10.0, q=20.0)),
    ("SimPolicy.min_max", ic.SimPolicy, "min_max", dict(s=10.0, big_s=30.0)),
    ("SimPolicy.order_up_to", ic.SimPolicy, "order_up_to", dict(review_days=7, big_s=30.0)),
    ("SimPolicy.periodic_min_max", ic.SimPolicy, "periodic_min_max", dict(review_days=7, s=10.0, big_s=30.0)),
    ("SimConfig", None, "SimConfig", dict(demand=("normal", 5.0, 1.0), days=30, warmup_days=5, start_on_hand=50.0,
                                          lead_time_days=3.0, lead_time_std_days=1.0, unit_cost=2.0,
                                          holding_cost=0.01, order_cost=10.0, shortage_cost=1.0, lost_sales=True,
                                          seed=7)),
    ("SimConfig forecast", None, "SimConfig", dict(demand=("forecast", [1.0, 2.0], 1.0), days=10)),
    ("SimConfig history", None, "SimConfig", dict(demand=("history", [1.0, 2.0]))),
    ("simulate", None, "simulate", dict(config=CONFIG, policies=[POLICY])),
    ("simulate_many", None, "simulate_many", dict(runs=[(CONFIG, [POLICY])], threads=2)),
    # policy math
    ("normal_cdf", None, "normal_cdf", dict(z=0.5)),
    ("inverse_normal_cdf", None, "inverse_normal_cdf", dict(p=0.5)),
    ("normal_loss", None, "normal_loss", dict(z=0.5)),
    ("demand_stats", None, "demand_stats", dict(series=SERIES, per="week")),
    ("safety_stock", None, "safety_stock", dict(mean=10.0, std_dev=2.0, lead_time=3.0, lead_time_std_dev=0.5,
                                                unit="day", method="combined", service_level=0.95)),
    ("safety_stock fill rate", None, "safety_stock", dict(mean=[10.0, 20.0], std_dev=2.0, lead_time=3.0,
                                                          method="demand_variability", fill_rate=0.98,
                                                          order_quantity=50.0, outputs=("safety_stock",))),
    ("safety_stock periodic", None, "safety_stock", dict(mean=10.0, std_dev=2.0, lead_time=3.0,
                                                         method="periodic_review", service_level=0.9,
                                                         review_period=7.0)),
    ("safety_stock max", None, "safety_stock", dict(mean=10.0, std_dev=2.0, lead_time=3.0, method="max_minus_average",
                                                    max_demand=15.0, max_lead_time=5.0)),
    ("eoq", None, "eoq", dict(annual_demand=1000.0, order_cost=10.0, holding_cost=2.0)),
    ("eoq outputs", None, "eoq", dict(annual_demand=[1000.0], order_cost=10.0, holding_cost=2.0, outputs="quantity")),
    ("eoq_cost", None, "eoq_cost", dict(annual_demand=1000.0, order_cost=10.0, holding_cost=2.0, quantity=90.0)),
    ("eoq_backorders", None, "eoq_backorders", dict(annual_demand=1000.0, order_cost=10.0, holding_cost=2.0,
                                                    backorder_cost=5.0)),
    ("epq", None, "epq", dict(annual_demand=1000.0, setup_cost=10.0, holding_cost=2.0, production_rate=5000.0)),
    ("eoq_discount", None, "eoq_discount", dict(annual_demand=1000.0, order_cost=10.0, breaks=[(0, 5.0), (100, 4.5)],
                                                holding_rate=0.2, kind="all_units")),
    ("eoq_discount cost", None, "eoq_discount", dict(annual_demand=1000.0, order_cost=10.0, breaks=[(0.0, 5.0)],
                                                     holding_cost=1.0)),
    ("round_order_quantity", None, "round_order_quantity", dict(annual_demand=1000.0, order_cost=10.0,
                                                                holding_cost=2.0, quantity=95.0,
                                                                min_order_quantity=10.0, pack_size=12.0)),
    ("newsvendor_normal", None, "newsvendor_normal", dict(mean=10.0, std_dev=2.0, underage_cost=3.0,
                                                          overage_cost=1.0)),
    ("newsvendor_empirical", None, "newsvendor_empirical", dict(sample=SERIES, underage_cost=3.0, overage_cost=1.0)),
    ("newsvendor_costs_from_prices", None, "newsvendor_costs_from_prices", dict(price=10.0, cost=6.0, salvage=1.0,
                                                                                shortage_penalty=0.5)),
    # classification
    ("abc", None, "abc", dict(values=SERIES, a=0.8, b=0.95)),
    ("abc_measure", None, "abc_measure", dict(measure="margin", units=[1.0, 2.0], unit_costs=[1.0, 1.0],
                                              unit_prices=[2.0, 3.0])),
    ("xyz", None, "xyz", dict(series=SERIES, x=0.5, y=1.0)),
    ("xyz_many", None, "xyz_many", dict(series=[SERIES, SERIES[:5]], lengths=[10, 5], x=0.5, y=1.0)),
    ("abc_xyz_label", None, "abc_xyz_label", dict(abc="A", xyz="X")),
    # forecasting
    ("fit_model", None, "fit_model", dict(y=SERIES, model="holt_winters_additive", period=4, alpha=0.3, beta=0.1,
                                          gamma=0.1, level0=3.0, trend0=0.1, seasonal0=[0.5, -0.5, 0.5, -0.5])),
    ("fit_model damped", None, "fit_model", dict(y=SERIES, model="damped_holt", phi=0.9, multiplicative=False)),
    ("fit_model auto", None, "fit_model", dict(y=SERIES, model="auto", holdout=5)),
    ("fit_model window", None, "fit_model", dict(y=SERIES, model="moving_average", window=3)),
    ("fit_model adida", None, "fit_model", dict(y=SERIES, model="adida", aggregation=2)),
    ("predict", FITTED, "predict", dict(horizon=3)),
    ("FittedModel.forecast", FITTED, "forecast", dict(horizon=3, levels=[0.9])),
    ("quantiles", FITTED, "quantiles", dict(horizon=3, probs=[0.5])),
    ("forecast_series", None, "forecast_series", dict(y=SERIES, horizon=3, model="auto", period=4, levels=[0.8],
                                                      holdout=5)),
    ("forecast_series window", None, "forecast_series", dict(y=SERIES, horizon=3, model="moving_average", window=3,
                                                             alpha=None)),
    ("forecast_panel", None, "forecast_panel", dict(series=[SERIES, SERIES[:10]], horizon=2, model="ses",
                                                    lengths=[20, 10], levels=[0.8], threads=2, alpha=0.3)),
    ("forecast_panel period", None, "forecast_panel", dict(series=[SERIES], horizon=2, model="seasonal_naive",
                                                           period=4, holdout=3, aggregation=None)),
    ("classify_demand", None, "classify_demand", dict(y=SERIES)),
    ("backtest", None, "backtest", dict(y=SERIES, horizon=2, model="naive", origins=3, step=2, period=4)),
    ("forecast_metrics", None, "forecast_metrics", dict(actual=[1.0, 2.0], forecast=[1.5, 2.5],
                                                        insample=SERIES, period=2)),
]


def leaves(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """(path, leaf) for each str, int (not bool), float and Decimal in `value`, dict keys too."""
    if isinstance(value, (list, tuple)):
        return [x for i, v in enumerate(value) for x in leaves(v, path + (i,))]
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out += [(path + (("key", k),), k)] if isinstance(k, (str, int)) else []
            out += leaves(v, path + (k,))
        return out
    if isinstance(value, (str, float, D)) or (isinstance(value, int) and not isinstance(value, bool)):
        return [(path, value)]
    return []


def replaced(value: Any, path: tuple, new: Any) -> Any:
    """`value` with the leaf at `path` replaced by `new` (copies along the path)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        if isinstance(head, tuple) and head[0] == "key" and not rest:
            return {(new if k == head[1] else k): v for k, v in value.items()}
        return {k: (replaced(v, rest, new) if k == head else v) for k, v in value.items()}
    items = list(value)
    items[head] = replaced(items[head], rest, new)
    return type(value)(items) if isinstance(value, tuple) else items


def hostile_values(leaf: Any) -> list[Any]:
    if isinstance(leaf, str):
        return [SURROGATE, "a\udfffb"]
    if isinstance(leaf, int):
        return HOSTILE_INTS
    if isinstance(leaf, float):
        return HOSTILE_FLOATS
    return HOSTILE_DECIMALS


def bind(target: Any, method: str) -> tuple[Callable[..., Any], Any]:
    """The callable of a CALLS row, and the ledger to check afterwards (or None)."""
    if target == "ledger":
        ledger = world()
        return getattr(ledger, method), ledger
    if target == "Ledger":
        return (getattr(ic.Ledger, method) if method else ic.Ledger), None
    return getattr(ic if target is None else target, method), None


@pytest.mark.parametrize("name", [c[0] for c in CALLS])
def test_hostile_values_raise_only_documented_errors(name: str) -> None:
    _, target, method, kwargs = next(c for c in CALLS if c[0] == name)
    call, _ = bind(target, method)
    call(**kwargs)  # the row itself is valid
    problems = []
    for path, leaf in [x for k, v in kwargs.items() for x in leaves(v, (k,))]:
        for bad in hostile_values(leaf):
            call, ledger = bind(target, method)
            before = ledger.to_json() if ledger is not None else None
            try:
                call(**replaced(kwargs, path, bad))
            except (ic.InventoryError, TypeError) as e:
                if ledger is not None and ledger.to_json() != before:
                    problems.append(f"{path} = {bad!r}: refused ({e!r}) but the ledger changed")
                if isinstance(bad, str) and not isinstance(e, ic.InvalidInput):
                    problems.append(f"{path} = {bad!r}: {type(e).__name__} instead of InvalidInput: {e}")
            except BaseException as e:  # noqa: BLE001 - this is what the test looks for
                problems.append(f"{path} = {bad!r}: {type(e).__module__}.{type(e).__name__}: {e}")
            else:
                if isinstance(bad, str):
                    problems.append(f"{path} = {bad!r}: accepted a lone surrogate")
    assert not problems, "\n".join(problems)


def test_issue_examples_of_exceptions_outside_the_hierarchy() -> None:
    ledger = world()
    before = ledger.to_json()
    # A lone surrogate in a text argument: InvalidInput showing the value; PyO3 names the
    # argument in a note.
    with pytest.raises(ic.InvalidInput, match=r"'\\ud800': expected text") as e:
        ledger.receive("\ud800", "WH", 1, "1", T)
    assert "while processing 'sku'" in getattr(e.value, "__notes__", ["while processing 'sku'"])
    assert isinstance(e.value.__cause__, UnicodeEncodeError)
    with pytest.raises(ic.InvalidInput, match=r"^quantity: '1\\udc00': expected text"):
        ledger.receive("MUG", "WH", "1\udc00", "1", T)
    with pytest.raises(ic.InvalidInput, match=r"^sku_costing: '\\ud800'"):
        ic.Ledger(sku_costing={"\ud800": "fifo"})
    # Integers beyond a parameter's type: InvalidInput showing the value.
    for call, shown in [
        (lambda: ledger.dead_stock(T, days=2**64), "18446744073709551616"),
        (lambda: ic.Ledger(money_scale=2**64), "18446744073709551616"),
        (lambda: ic.forecast_series(SERIES, 2**63), "9223372036854775808"),
        (lambda: ledger.landed_cost("MUG", -1, "1", T), "-1"),
        (lambda: ic.eoq(1000.0, 2**1024, 1.0), "order_cost"),
        (lambda: ic.eoq_cost(1000.0, 10.0, 1.0, 2**1024), "1797693134862315907729305190789"),
        (lambda: ic.forecast_series([1.0, 2**1024], 2), r"y\[1\]: 1797693134862315907729305190789"),
    ]:
        with pytest.raises(ic.InvalidInput, match=shown) as e:
            call()
        assert isinstance(e.value, ValueError)
    # xyz_many reads lengths as forecast_panel does.
    for call in (lambda lengths: ic.xyz_many([[1.0, 2.0], [1.0]], lengths=lengths),
                 lambda lengths: ic.forecast_panel([[1.0, 2.0], [1.0]], 1, lengths=lengths)):
        with pytest.raises(ic.InvalidInput, match=r"lengths\[0\]: -1 must be a non-negative integer"):
            call([-1, 1])
        with pytest.raises(ic.InvalidInput, match=r"lengths\[1\]"):
            call([1, 2**64])
        with pytest.raises(TypeError, match=r"lengths\[0\]"):
            call([1.5, 1])
    # A price break that is not a pair.
    with pytest.raises(ic.InvalidInput, match=r"breaks\[0\]: expected a \(min_quantity, unit_price\) pair"):
        ic.eoq_discount(1000.0, 10.0, [(0,)], holding_cost=1.0)
    with pytest.raises(ic.InvalidInput, match=r"breaks\[1\]\[1\]"):
        ic.eoq_discount(1000.0, 10.0, [(0, 5.0), (10, 2**1024)], holding_cost=1.0)
    with pytest.raises(TypeError, match=r"breaks\[0\]"):
        ic.eoq_discount(1000.0, 10.0, [5.0], holding_cost=1.0)  # type: ignore[list-item]
    # Wrong types stay TypeError.
    with pytest.raises(TypeError):
        ledger.dead_stock(T, days="30")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ledger.receive(5, "WH", 1, "1", T)  # type: ignore[arg-type]
    assert ledger.to_json() == before


def test_an_index_beyond_the_machine_is_out_of_range() -> None:
    results = [ic.abc([1.0, 2.0]), ic.xyz_many([[1.0, 2.0]]), ic.forecast_panel([[1.0, 2.0]], 1, model="naive")]
    for r in results:
        for index in (2**64, -(2**64), 2**63):
            with pytest.raises(IndexError):
                r[index]


@pytest.mark.parametrize("call", [
    lambda a: ic.abc(a),
    lambda a: ic.abc_measure("revenue", [1.0, 2.0, 3.0, 4.0], unit_prices=a),
    lambda a: ic.xyz(a),
    lambda a: ic.demand_stats(a),
    lambda a: ic.newsvendor_empirical(a, 3.0, 1.0),
    lambda a: ic.eoq(a, 10.0, 1.0),
    lambda a: ic.safety_stock(10.0, a, 3.0, service_level=0.9),
    lambda a: ic.xyz_many([a]),
])
def test_float_columns_refuse_arrays_of_two_dimensions(call: Callable[[Any], Any]) -> None:
    """A 2-d array where a column is expected was read flattened (the same defect as item 9)."""
    for a in (np.ones((2, 2)), swapped(np.ones((2, 2))), np.ones((2, 2), dtype=np.int64)):
        with pytest.raises(ic.InvalidInput, match="expected a one-dimensional array, got 2 dimensions"):
            call(a)


@pytest.mark.parametrize("name", [n for n in ARRAY_CASES if n != "post_columns"])
@pytest.mark.parametrize("dtype", ["complex128", "U8", "S8", "datetime64[D]", "timedelta64[s]"])
def test_arrays_of_other_than_real_numbers_are_refused(name: str, dtype: str) -> None:
    """numpy converts these to float64 (dropping imaginary parts, parsing text, counting days):
    not the numbers the caller meant; they are refused, not guessed."""
    def convert(a: Any) -> Any:
        a = np.asarray(a)
        return (a.astype("int64") if dtype[0] in "Mm" else a).astype(dtype)

    with pytest.raises((ic.InventoryError, TypeError)):
        ARRAY_CASES[name](convert)


# ----- every wrong type is a TypeError, everywhere -----
#
# Policy, classification, replenishment, simulation, purchasing and the ledger's columns
# raised InvalidInput for some values of the wrong type (ic.abc(["a"]), ic.eoq("5", 1., 1.), a
# tuple where a PooledForecast is expected, a None time, ...), where forecasting raised
# TypeError. A value of the wrong type is a TypeError; a value of the right type that is bad
# stays InvalidInput.


class Alien:
    """An object no argument takes."""

    def __repr__(self) -> str:
        return "Alien()"


#: Values of a type no argument (nor any item, field or dict key of one) takes.
WRONG_TYPES: list[Any] = [Alien(), b"bytes", bytearray(b"ab"), 1j]


@pytest.mark.parametrize("name", [c[0] for c in CALLS])
def test_wrong_types_raise_type_error(name: str) -> None:
    """Each argument of each CALLS row, each item of a list argument and each str, int, float
    and Decimal anywhere in the arguments (dict keys too) replaced by a value of a wrong type:
    TypeError, and the ledger is unchanged."""
    _, target, method, kwargs = next(c for c in CALLS if c[0] == name)
    cases: list[tuple[tuple, Any]] = []
    for k, v in kwargs.items():
        cases += [((k,), w) for w in WRONG_TYPES]
        if isinstance(v, (list, tuple)) and v:
            cases += [((k,), [w]) for w in WRONG_TYPES]
    cases += [(path, w) for k, v in kwargs.items() for path, _ in leaves(v, (k,)) for w in WRONG_TYPES]
    problems = []
    for path, bad in cases:
        call, ledger = bind(target, method)
        before = ledger.to_json() if ledger is not None else None
        try:
            call(**replaced(kwargs, path, bad))
        except TypeError:
            if ledger is not None and ledger.to_json() != before:
                problems.append(f"{path} = {bad!r}: refused but the ledger changed")
        except BaseException as e:  # noqa: BLE001 - this is what the test looks for
            problems.append(f"{path} = {bad!r}: {type(e).__name__}: {e}")
        else:
            problems.append(f"{path} = {bad!r}: accepted")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("call, shown", [
    # the issue's examples
    (lambda: ic.abc(["a"]), r"values\[0\]: expected a number, got str"),
    (lambda: ic.eoq("5", 1.0, 1.0), "annual_demand: expected a number, got str"),
    (lambda: ic.DemandForecast("S", "W", "5", 1.0), "daily: expected a sequence of numbers, got str"),
    (lambda: world().split_forecast([("TEA", [1.0], 0.0)], 0), r"pooled\[0\]: expected a PooledForecast, got tuple"),
    # items of the wrong class in lists
    (lambda: ic.PlanRequest(T, [FORECAST, "MUG"]), r"demand\[1\]: expected a DemandForecast, got str"),
    (lambda: ic.simulate(CONFIG, [POLICY, (10, 20)]), r"policies\[1\]: expected a SimPolicy, got tuple"),
    (lambda: ic.simulate_many([(CONFIG, [POLICY]), ([1.0], [POLICY])]),
     r"runs\[1\].config: expected a SimConfig, got list"),
    (lambda: ic.Supplier("S", "S", items=["MUG"]), r"items\[0\]: expected a SupplierItem, got str"),
    (lambda: world().accept_plan({"PO-9": FORECAST}, time=T), "expected a SupplierSuggestion, got"),
    (lambda: ic.PlanRequest(T, [FORECAST]).class_policies([5]), r"classes\[0\]: expected a SkuClass"),
    (lambda: ic.PlanRequest(T, [FORECAST], policies=[("MUG", None, "manual")]),
     r"policies\[0\].settings: expected a PolicySettings, got str"),
    # a str where a number is expected, in a column, a record or a scalar
    (lambda: ic.safety_stock(10.0, "2", 3.0, service_level=0.9), "std_dev: expected a number, got str"),
    (lambda: ic.eoq([1000.0, "5"], 10.0, 1.0), r"annual_demand\[1\]: expected a number, got str"),
    (lambda: ic.xyz_many([[1.0, 2.0], [1.0, "2"]]), r"series\[1\]\[1\]: expected a number, got str"),
    (lambda: ic.newsvendor_empirical(np.array([1.0, "2"], dtype=object), 3.0, 1.0),
     r"sample\[1\]: expected a number, got str"),
    (lambda: ic.abc_measure("units", None), "units: expected a sequence of numbers, got NoneType"),
    (lambda: ic.eoq_discount(1000.0, 10.0, [(0, "5")], holding_cost=1.0), r"breaks\[0\]\[1\]: expected a number"),
    (lambda: ic.SimConfig(("normal", "5", 1.0)), r"demand\[1\]: expected a number, got str"),
    (lambda: ic.SimDemand.history([1.0, None]), r"days\[1\]: expected a number, got NoneType"),
    (lambda: ic.eoq(1000.0, 10.0, 1.0, outputs=5), "outputs: expected a column name or a sequence of names, got int"),
    # the ledger: times, amounts and text columns
    (lambda: world().receive("MUG", "WH", 1, "1", "tomorrow"), "time: expected int seconds since the epoch"),
    (lambda: world().receive("MUG", "WH", 1, "1", 1.5), "time: expected int seconds since the epoch"),
    (lambda: world().receive("MUG", "WH", None, "1", T), "quantity: expected a decimal.Decimal, an int or a str"),
    (lambda: world().post_columns(["receive"], [7], ["WH"], [1], [T], unit_costs=["1"]),
     r"skus\[0\]: expected a str, got int"),
    (lambda: world().post_columns("receive", ["MUG"], ["WH"], [1], [T], unit_costs=["1"]), "kinds: expected a column"),
    (lambda: world().post_columns(["receive"], ["MUG"], ["WH"], [1], np.array([1.5]), unit_costs=["1"]),
     "times: expected int seconds since the epoch, got an array of floats"),
    (lambda: world().create_order("PO-9", "ACME", [5], T), r"lines\[0\]: a line must be a dict or a tuple, got int"),
    (lambda: world().cancel_order("PO-D", T, line=1.0), "line: expected a whole number"),
    (lambda: ic.Ledger.replay([5]), "movements: expected JournalEntry objects"),
])
def test_issue_examples_of_wrong_types(call: Callable[[], Any], shown: str) -> None:
    with pytest.raises(TypeError, match=shown) as e:
        call()
    assert not isinstance(e.value, ic.InventoryError)


@pytest.mark.parametrize("call, cls", [
    # Values of the right type that are bad stay InvalidInput (or the core's error).
    (lambda: ic.abc([math.nan]), ic.InvalidInput),
    (lambda: ic.eoq(-5.0, 1.0, 1.0), ic.InvalidInput),
    (lambda: ic.eoq([1000.0, 2**1024], 10.0, 1.0), ic.InvalidInput),
    (lambda: ic.newsvendor_empirical(np.array([1.0, 2**1024], dtype=object), 3.0, 1.0), ic.InvalidInput),
    (lambda: ic.DemandForecast("S", "W", np.ones((2, 2)), 1.0), ic.InvalidInput),
    (lambda: ic.SimConfig(("normal", 5.0)), ic.InvalidInput),
    (lambda: ic.simulate_many([(CONFIG, [POLICY], 1)]), ic.InvalidInput),
    (lambda: ic.eoq_discount(1000.0, 10.0, [(0,)], holding_cost=1.0), ic.InvalidInput),
    (lambda: ic.eoq(1000.0, 10.0, 1.0, outputs="qty"), ic.InvalidInput),
    (lambda: world().cancel_order("PO-D", T, line=-1), ic.InvalidInput),
    (lambda: world().receive("MUG", "WH", 1.5, "1", T), ic.InvalidInput),  # a float amount: floats lose cents
    (lambda: world().receive("MUG", "WH", True, "1", T), ic.InvalidInput),  # a bool is not a quantity
    (lambda: world().receive("MUG", "WH", 1, "1", True), ic.InvalidInput),  # nor a time
    (lambda: world().receive("MUG", "WH", "ten", "1", T), ic.InvalidInput),
])
def test_bad_values_of_the_right_type_stay_invalid_input(call: Callable[[], Any], cls: type) -> None:
    with pytest.raises(cls):
        call()


# ----- found by the hypothesis suite once its exclusions were removed -----


def test_normal_functions_at_infinity_give_their_limits() -> None:
    """normal_cdf(inf) and normal_loss(inf) were NaN (the core's erfc divided inf by inf)."""
    assert ic.normal_cdf(math.inf) == 1.0 and ic.normal_cdf(-math.inf) == 0.0
    assert ic.normal_loss(math.inf) == 0.0 and ic.normal_loss(-math.inf) == math.inf
    assert math.isnan(ic.normal_cdf(math.nan))


@pytest.mark.parametrize("call", [
    lambda x: ic.normal_cdf(x),
    lambda x: ic.normal_loss(x),
    lambda x: ic.eoq(x, 10.0, 1.0),
    lambda x: ic.eoq_cost(1000.0, 10.0, 1.0, x),
    lambda x: ic.abc([1.0, x]),
    lambda x: ic.forecast_series([1.0, 2.0, x], 2, model="naive"),
    lambda x: ic.SimDemand.normal(x, 1.0),
])
def test_a_decimal_beyond_a_float_is_invalid_input(call: Callable[[Any], Any]) -> None:
    """float(Decimal("1e400")) is inf without an error, so such a Decimal was read as an
    infinity (normal_cdf answered NaN, normal_loss NaN); like an int beyond a float, it is
    InvalidInput. An infinite Decimal stays an infinity, for the core to judge."""
    for big in (D("1e400"), D("-1e400"), np.longdouble("1e400")):
        if isinstance(big, np.longdouble) and np.isinf(big):
            continue  # no extended precision on this machine
        with pytest.raises(ic.InvalidInput, match="within the range of a float"):
            call(big)
