"""Replenishment from Python: policies, planning runs (reorder points, order-up-to levels,
transfers, constraints, alerts), policies by class, accepting a plan, and the errors.

The cases follow inventory-core/src/replenish/tests.rs; expected values are worked by hand
in the comments.
"""

import datetime as dt
import math
from decimal import Decimal as D
from typing import Any, Callable

import numpy as np
import pytest

import inventory_core as ic
from conftest import DAY

UTC = dt.timezone.utc
Z95 = 1.6448536269514722  # z for a 95 % cycle service level
SIGMA_L = math.sqrt(40)  # demand over the 10-day lead time: sd √(10 × 2²)


def at(days: float) -> dt.datetime:
    """The aware UTC datetime `days` days after the Unix epoch."""
    return dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(days=days)


def ledger(**config: Any) -> ic.Ledger:
    """30 MUG on hand at WH; ACME sells MUG at 4.00 in packs of 12, quoted lead time 10 days."""
    ledger_ = ic.Ledger(**config)
    ledger_.receive("MUG", "WH", 30, "3.50", 0)
    acme = ic.Supplier("ACME", "Acme", net_days=30, items=[ic.SupplierItem("MUG", "4.00", lead_time_days=10, pack_size=12)])
    ledger_.set_supplier(acme, 0)
    return ledger_


def mugs() -> list[ic.DemandForecast]:
    """5 a day, σ 2, for 90 days."""
    return [ic.DemandForecast.flat("MUG", "WH", 5.0, 2.0, 90)]


def run(ledger_: ic.Ledger, policy: str = "reorder_point", **params: Any) -> ic.Plan:
    return ledger_.plan(ic.PlanRequest(DAY, mugs(), default_policy=ic.PolicySettings(policy, **params)))


def only_line(plan: ic.Plan) -> ic.SuggestedLine:
    [order] = plan.orders
    [line] = order.lines
    return line


def kinds(plan: ic.Plan) -> list[str]:
    return [a.kind for a in plan.alerts]


# ----- policies -----


def test_policy_settings_from_names_and_defaults() -> None:
    s = ic.PolicySettings()
    assert (s.policy, s.review_days, s.fixed_quantity, s.min, s.max) == ("reorder_point", 0, None, None, None)
    # The core's defaults: 95 %, an order cost of 25, 25 % a year.
    assert (s.service_level, s.order_cost, s.holding_rate) == (0.95, 25.0, 0.25)
    fixed = ic.PolicySettings(fixed_quantity=12, service_level=0.9, order_cost=10, holding_rate=0.2)
    assert (fixed.fixed_quantity, fixed.service_level, fixed.order_cost, fixed.holding_rate) == (D(12), 0.9, 10.0, 0.2)
    mm = ic.PolicySettings("min_max", min=D("40"), max="100")
    assert (mm.policy, mm.min, mm.max) == ("min_max", D(40), D(100))
    for name in ("order_up_to", "periodic_min_max", "just_in_time"):
        assert (ic.PolicySettings(name, review_days=7).policy, ic.PolicySettings(name, review_days=7).review_days) == (name, 7)
    assert ic.PolicySettings("manual").policy == "manual" and ic.PolicySettings("dropship").policy == "dropship"
    assert ic.PolicySettings("min_max", min=40) == ic.PolicySettings("min_max", min=D("40"))
    assert ic.PolicySettings("min_max", min=40) != ic.PolicySettings("min_max", min=41)
    assert s.to_dict() == {"policy": "reorder_point", "review_days": 0, "fixed_quantity": None, "min": None,
                           "max": None, "service_level": 0.95, "order_cost": 25.0, "holding_rate": 0.25}
    assert repr(mm).startswith("PolicySettings(policy='min_max', review_days=0, fixed_quantity=None, min=Decimal('40')")


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda: ic.PolicySettings("weekly"), ["unknown policy", '"weekly"']),
        (lambda: ic.PolicySettings("reorder_point", review_days=7), ["reorder_point", "review period"]),
        (lambda: ic.PolicySettings("min_max", fixed_quantity=1), ["min_max", "fixed quantity"]),
        (lambda: ic.PolicySettings("order_up_to", review_days=7, min=1), ["order_up_to", "min or max"]),
        (lambda: ic.PolicySettings("order_up_to", review_days=-1), ["review_days", "-1"]),
        (lambda: ic.PolicySettings(fixed_quantity=12.0), ["fixed_quantity", "float"]),
        (lambda: ic.PolicySettings("min_max", max=1.5), ["max", "float"]),
    ],
)
def test_bad_policies(make: Callable[[], Any], words: list[str]) -> None:
    with pytest.raises(ic.InvalidInput) as info:
        make()
    for w in words:
        assert w in str(info.value)


# ----- planning -----


def test_reorder_point_with_the_eoq() -> None:
    plan = run(ledger())
    assert plan.as_of == at(1)
    [item] = plan.items
    assert (item.sku, item.location, item.policy, item.supplier) == ("MUG", "WH", "reorder_point", "ACME")
    assert (item.available, item.incoming, item.position) == (D(30), D(0), D(30))
    assert (item.lead_time_days, item.lead_time_std_days, item.lead_time_source) == (10.0, 0.0, "quoted")
    # L = 10: D = 50, σ = √(10 × 4) = 6.3246, SS = 1.6449 × 6.3246 = 10.403, s = 60.403.
    assert item.protection_days == 10.0
    assert item.protection_demand == pytest.approx(50.0)
    assert item.protection_std == pytest.approx(SIGMA_L)
    assert item.safety_stock == pytest.approx(Z95 * SIGMA_L)
    assert item.reorder_point == pytest.approx(50 + Z95 * SIGMA_L) == pytest.approx(60.403, abs=1e-3)
    # EOQ: D = 1825/yr, S = 25, h = 0.25 × 4 = 1: √(2·1825·25) = 302.08; packs of 12: 300
    # costs 1825/300·25 + 150 = 302.08, 312 costs 146.23 + 156 = 302.23: 300.
    assert item.order_quantity == D(300) and item.order_up_to is None
    # Beyond the forecast's 90 days its last day repeats: 5 a day over the 182-day horizon.
    assert item.mean_daily_demand == pytest.approx(5.0)
    # Position 30 ≤ 60.4: one Q lifts it above s.
    line = only_line(plan)
    assert plan.orders[0].supplier == "ACME"
    assert (line.sku, line.location, line.quantity, line.unit_price, line.value, line.rounding_cost) == (
        "MUG", "WH", D(300), D("4.00"), D("1200.00"), D("0.00"))
    assert (line.reason, line.order_by, line.expected) == ("below_reorder_point", at(1), at(11))
    assert (line.position, line.reorder_point) == (D(30), item.reorder_point)
    assert line.unrounded == 300.0
    assert plan.orders[0].total == D("1200.00")
    # Amounts in the money scale (Decimal equality ignores the scale; str does not).
    assert (str(line.value), str(line.rounding_cost), str(plan.orders[0].total)) == ("1200.00", "0.00", "1200.00")
    # Projection: 30 − 5 a day: day 5 ends at 0, day 6 at −5.
    assert isinstance(item.projected, np.ndarray) and item.projected.dtype == np.float64
    assert len(item.projected) == 182
    assert (item.projected[0], item.projected[5], item.projected[6]) == (25.0, 0.0, -5.0)
    assert (item.stockout_day, item.days_of_cover) == (at(7), 6)
    # By week: the ends of days 7, 14, ..., and the last (182 = 26 × 7): 30 − 35k.
    weekly = ledger().plan(ic.PlanRequest(DAY, mugs(), projection="week")).items[0]
    assert len(weekly.projected) == 26
    assert (weekly.projected[0], weekly.projected[25]) == (-5.0, 30 - 5.0 * 182)
    assert weekly.projected[1] == -40.0
    # Stock at the lead time: 30 − 50 = −20 ± 1.6449 × 6.3246.
    p5, p50, p95 = item.stock_at_lead_time
    assert p50 == pytest.approx(-20.0)
    assert (p5, p95) == (pytest.approx(-20 - Z95 * SIGMA_L), pytest.approx(-20 + Z95 * SIGMA_L))
    assert kinds(plan) == ["stockout_within_lead_time", "below_reorder_point"]
    stockout = plan.alerts[0]
    assert (stockout.sku, stockout.location, stockout.day) == ("MUG", "WH", at(7))
    assert "runs out in 6 days" in stockout.message
    assert plan.alerts[1].day is None
    assert (plan.transfers, plan.cut) == ([], [])


def test_a_fixed_quantity_orders_enough_multiples() -> None:
    # s = 60.40, position 30: (60.40 − 30) / 12 = 2.53 → 3 × 12 = 36.
    assert only_line(run(ledger(), fixed_quantity=12)).quantity == 36


def test_order_up_to_counts_incoming_and_rounds_up_to_packs() -> None:
    ledger_ = ledger()
    ledger_.create_order("PO-1", "ACME", [(1, "MUG", "WH", 24, 5 * DAY)], 0)
    ledger_.place_order("PO-1", 0)
    plan = run(ledger_, "order_up_to", review_days=7)
    [item] = plan.items
    # L + R = 17: D = 85, σ = √68 = 8.2462, SS = 13.564, S = 98.564; position 30 + 24.
    s = 85 + Z95 * math.sqrt(68)
    assert item.protection_days == 17.0
    assert item.reorder_point == pytest.approx(s)
    assert item.order_up_to == item.reorder_point
    assert (item.incoming, item.position) == (D(24), D(54))
    line = only_line(plan)
    assert line.unrounded == pytest.approx(s - 54)
    # 44.564 → 4 packs = 48; rounding cost (48 − 44.564) × 4.00 = 13.74.
    assert (line.quantity, line.rounding_cost, line.reason) == (D(48), D("13.74"), "periodic_review")
    # The 24 arrive on day 5 (index 4): 30 − 5·5 + 24 = 29 at its end, then −5 a day: −1 at
    # index 10. 10 days of cover is not less than the 10-day lead time: no stockout alert.
    assert item.projected[4] == 29.0 and item.days_of_cover == 10
    assert "stockout_within_lead_time" not in kinds(plan)


def test_just_in_time_min_max_and_periodic_min_max() -> None:
    ledger_ = ledger()
    # JIT: D(10) = 50 − 30 = 20 → 24, no safety stock.
    plan = run(ledger_, "just_in_time")
    assert plan.items[0].safety_stock == 0.0
    assert (only_line(plan).quantity, only_line(plan).reason) == (D(24), "just_in_time")
    # Given min 40 and max 100: 30 ≤ 40, up to 100: 70 → 72.
    line = only_line(run(ledger_, "min_max", min=40, max=100))
    assert (line.quantity, line.reason, line.reorder_point) == (D(72), "below_min", 40.0)
    # Computed min/max: s = 60.40, S = s + 300 = 360.40: 330.40 → 28 packs = 336.
    assert only_line(run(ledger_, "min_max")).quantity == 336
    # (R, s, S), R = 7: s = 98.564, S = 398.564: 368.564 → 31 packs = 372.
    plan = run(ledger_, "periodic_min_max", review_days=7)
    assert only_line(plan).quantity == 372
    assert plan.items[0].order_up_to == pytest.approx(85 + Z95 * math.sqrt(68) + 300)


def test_price_breaks_choose_the_quantity() -> None:
    ledger_ = ic.Ledger()
    ledger_.set_supplier(ic.Supplier("ACME", "Acme", items=[
        ic.SupplierItem("MUG", prices=[(0, "4.00"), (100, "3.60"), (500, "3.20")], lead_time_days=10)]), 0)
    # At 3.60: q* = √(2·1825·25/0.9) = 318.4, cost 6570 + 143.3 + 143.3 = 6856.6; at 3.20:
    # q* = 337.7 < 500 → 500, cost 5840 + 91.25 + 200 = 6131.25: 500 at 3.20.
    line = only_line(run(ledger_))
    assert (line.quantity, line.unit_price, line.value) == (D(500), D("3.20"), D("1600.00"))


def test_manual_dropship_and_unsupplied_skus() -> None:
    ledger_ = ledger()
    plan = run(ledger_, "manual")
    assert plan.orders == [] and "below_reorder_point" in kinds(plan)
    plan = run(ledger_, "dropship")
    assert (plan.orders, plan.alerts, plan.items[0].supplier, plan.items[0].lead_time_source) == ([], [], None, None)
    # A SKU nobody sells: no lead time, so s = 0 and only the missing supplier is raised.
    plan = ledger_.plan(ic.PlanRequest(DAY, [ic.DemandForecast.flat("BOWL", "WH", 1.0, 0.5, 30)]))
    assert (plan.orders, kinds(plan)) == ([], ["no_supplier"])


def test_overstock_and_overdue_lines() -> None:
    ledger_ = ledger()
    ledger_.receive("MUG", "WH", 970, "3.50", 0)
    ledger_.create_order("PO-1", "ACME", [(1, "MUG", "WH", 12, 0)], 0)
    ledger_.place_order("PO-1", 0)
    # 1,012 units for 5 a day: 202 days of cover, above 180; no order.
    plan = ledger_.plan(ic.PlanRequest(3 * DAY, mugs()))
    assert plan.orders == []
    assert kinds(plan) == ["overdue_line", "overstock"]
    overdue = plan.alerts[0]
    assert overdue.day == at(0)
    assert "PO-1 line 1 from ACME: 12 units 3 days late" in overdue.message
    # The overdue line counts on the first day of the projection: 1000 + 12 − 5.
    assert plan.items[0].projected[0] == 1007.0
    # Above 250 days of cover only, no overstock.
    assert kinds(ledger_.plan(ic.PlanRequest(3 * DAY, mugs(), overstock_days=250))) == ["overdue_line"]


def test_backorders_alert_and_count_against_the_position() -> None:
    ledger_ = ic.Ledger(allow_negative=True)
    ledger_.ship("MUG", "WH", 8, 0)
    ledger_.set_supplier(ic.Supplier("ACME", "Acme", items=[ic.SupplierItem("MUG", "4.00", lead_time_days=10)]), 0)
    plan = run(ledger_, "just_in_time")
    # Position −8: 50 + 8 = 58 whole units.
    assert only_line(plan).quantity == 58
    assert (plan.items[0].available, plan.items[0].days_of_cover) == (D(-8), 0)
    assert kinds(plan)[0] == "negative_available"


def test_the_most_specific_policy_wins_and_output_is_sorted() -> None:
    ledger_ = ledger()
    ledger_.set_supplier(ic.Supplier("NPT", "Newport", items=[ic.SupplierItem("BOWL", "2.00", lead_time_days=5)]), 0)
    demand = [
        ic.DemandForecast.flat("MUG", "W2", 5.0, 2.0, 90),
        ic.DemandForecast.flat("BOWL", "WH", 2.0, 1.0, 90),
        ic.DemandForecast.flat("MUG", "WH", 5.0, 2.0, 90),
    ]
    policies = [("MUG", None, ic.PolicySettings("just_in_time")), ic.PolicyAssignment("MUG", "W2", ic.PolicySettings("manual"))]
    request = ic.PlanRequest(DAY, demand, policies=policies)
    plan = ledger_.plan(request)
    assert [(i.sku, i.location, i.policy) for i in plan.items] == [
        ("BOWL", "WH", "reorder_point"), ("MUG", "W2", "manual"), ("MUG", "WH", "just_in_time")]
    assert [o.supplier for o in plan.orders] == ["ACME", "NPT"]
    # The same request in another order gives the same plan.
    assert ledger_.plan(ic.PlanRequest(DAY, demand[::-1], policies=policies[::-1])) == plan
    # And on any number of threads.
    for threads in (2, 3, 8):
        assert ledger_.plan(ic.PlanRequest(DAY, demand, policies=policies, threads=threads)) == plan
    assert request.policies == [ic.PolicyAssignment("MUG", None, ic.PolicySettings("just_in_time")), policies[1]]


def test_transfers_come_before_buying() -> None:
    ledger_ = ledger()
    ledger_.receive("MUG", "W2", 200, "3.50", 0)
    demand = [ic.DemandForecast.flat("MUG", "WH", 5.0, 2.0, 90), ic.DemandForecast.flat("MUG", "W2", 5.0, 2.0, 90)]
    plan = ledger_.plan(ic.PlanRequest(DAY, demand))
    # WH: 30 units run out on day 6, before the 10-day lead time; it needs
    # ⌈60.403 − 30⌉ = 31 to reach its reorder point. W2 holds 200 − 60.403 → 139 spare.
    [t] = plan.transfers
    assert (t.sku, t.from_, t.to, t.quantity, t.arrives) == ("MUG", "W2", "WH", D(31), at(3))
    assert t.to_dict() == {"sku": "MUG", "from_": "W2", "to": "WH", "quantity": D(31), "arrives": at(3)}
    # Then neither needs buying: 61 and 169 are above 60.403.
    assert plan.orders == []
    # No transfers when asked for none: WH buys instead.
    no_transfers = ledger_.plan(ic.PlanRequest(DAY, demand, transfer_days=None))
    assert no_transfers.transfers == [] and no_transfers.orders[0].lines[0].location == "WH"
    # A transfer slower than the supplier is not suggested.
    assert ledger_.plan(ic.PlanRequest(DAY, demand, transfer_days=12)).transfers == []
    # Accepting moves the stock.
    assert ledger_.accept_plan([], plan.transfers, time=DAY) == []
    assert (ledger_.position("MUG", "WH").on_hand, ledger_.position("MUG", "W2").on_hand) == (61, 169)


def three_lines() -> tuple[ic.Ledger, dict[str, Any]]:
    """A, B, C at 1.00 from one supplier (lead 10, no pack), 5 a day σ 2 each; stock 0, 30,
    45; just-in-time to D(10) = 50: lines of 50, 20 and 5."""
    ledger_ = ic.Ledger()
    ledger_.set_supplier(ic.Supplier("S", "S", items=[ic.SupplierItem(s, "1.00", lead_time_days=10) for s in "ABC"]), 0)
    ledger_.receive("B", "WH", 30, 1, 0)
    ledger_.receive("C", "WH", 45, 1, 0)
    demand = [ic.DemandForecast.flat(s, "WH", 5.0, 2.0, 90) for s in "ABC"]
    return ledger_, {"as_of": DAY, "demand": demand, "default_policy": ic.PolicySettings("just_in_time")}


def test_lines_are_ranked_by_lost_margin_avoided_per_unit_of_money() -> None:
    ledger_, base = three_lines()
    plan = ledger_.plan(ic.PlanRequest(**base))
    # Expected shortage over the lead time: σ·G((position − 50)/σ); margin = price = 1.
    for sku, pos, value in [("A", 0, 50), ("B", 30, 20), ("C", 45, 5)]:
        [line] = [x for x in plan.orders[0].lines if x.sku == sku]
        short = SIGMA_L * ic.normal_loss((pos - 50) / SIGMA_L)
        assert line.expected_shortage == pytest.approx(short)
        assert line.priority == pytest.approx(short / value)
    # C (5.77 short for 5.00) ranks first, then B (20.0017 for 20), then A (50.0 for 50).
    plan = ledger_.plan(ic.PlanRequest(**base, budget=D(30)))
    assert [x.sku for x in plan.orders[0].lines] == ["B", "C"]
    assert plan.orders[0].total == D("25.00")
    [cut] = plan.cut
    assert (cut.supplier, cut.line.sku, cut.line.value, cut.reason) == ("S", "A", D("50.00"), "budget")
    # The largest order of 22: C (5); B would make 25; A 55.
    plan = ledger_.plan(ic.PlanRequest(**base, max_order_value="22"))
    assert len(plan.orders[0].lines) == 1
    assert [(c.line.sku, c.reason) for c in plan.cut] == [("B", "max_order_value"), ("A", "max_order_value")]
    # A supplier budget of 10: C only.
    plan = ledger_.plan(ic.PlanRequest(**base, supplier_budgets={"S": 10}))
    assert [c.reason for c in plan.cut] == ["supplier_budget"] * 2
    # WH holds 75; with room for 100: C (→ 80), B (→ 100), not A (→ 150).
    plan = ledger_.plan(ic.PlanRequest(**base, capacity={"WH": 100}))
    assert [(c.line.sku, c.reason) for c in plan.cut] == [("A", "capacity")]
    # A margin of 10 a unit on A puts it first: 50 × 10 / 50 = 10 per unit of money.
    plan = ledger_.plan(ic.PlanRequest(**base, margins={"A": D(10)}, budget=50))
    assert [x.sku for x in plan.orders[0].lines] == ["A"]


def test_policies_by_abc_xyz_class() -> None:
    t = ic.ClassPolicies()
    assert t.settings("A", "X").service_level == 0.98
    assert t.settings("B", "Y").service_level == 0.95
    assert t.settings("C", "X") == ic.PolicySettings("just_in_time", review_days=14)
    assert t.settings("A", "Z") == ic.PolicySettings("order_up_to", review_days=7, service_level=0.9)
    assert t == ic.ClassPolicies(z=t.z)
    # Without a Z row, by ABC only; a given row replaces the core's.
    assert ic.ClassPolicies(z=None).settings("A", "Z") == t.a
    assert ic.ClassPolicies(b=ic.PolicySettings("manual")).settings("B", "X").policy == "manual"
    # From a ledger: MUG sold 100 × 3.50 of COGS every week, BOWL 1 unit once.
    ledger_ = ledger()
    ledger_.receive("MUG", "WH", 1000, "3.50", 0)
    ledger_.receive("BOWL", "WH", 10, 1, 0)
    for w in range(8):
        ledger_.ship("MUG", "WH", 100, (w * 7 + 1) * DAY)
    ledger_.ship("BOWL", "WH", 1, 3 * DAY)
    classes = ic.classes_from_ledger(ledger_, 0, at(56))
    by_sku = {c.sku: c for c in classes}
    assert (by_sku["MUG"].abc, by_sku["MUG"].xyz) == ("A", "X")
    assert by_sku["BOWL"].xyz == "Z"
    assert by_sku["MUG"] == ic.SkuClass("MUG", "A", "X")
    request = ic.PlanRequest(DAY, mugs())
    classed = request.class_policies(classes)
    assert request.policies == [] and len(classed.policies) == 2  # a new request
    plan = ledger_.plan(classed)
    assert plan.items[0].policy == t.a.policy
    assert plan.items[0].safety_stock == pytest.approx(ic.inverse_normal_cdf(0.98) * SIGMA_L)
    # Tuples work as classes, and a table of one's own.
    mine = ic.ClassPolicies(a=ic.PolicySettings("manual"))
    plan = ledger_.plan(request.class_policies([("MUG", "A", "X")], mine))
    assert plan.items[0].policy == "manual" and plan.orders == []


def test_accepting_places_the_orders_atomically() -> None:
    ledger_ = ledger()
    plan = run(ledger_, "just_in_time")
    [suggestion] = plan.orders
    before = ledger_.to_json()
    # A batch whose second order reuses the id: nothing is created.
    with pytest.raises(ic.DuplicateId, match='"PO-7"'):
        ledger_.accept_plan([("PO-7", suggestion), ("PO-7", suggestion)], time=DAY)
    assert ledger_.to_json() == before and ledger_.order_ids() == []
    # A transfer of more than there is (31 suggested where W2 holds 200, accepted here where
    # it holds 5), with a good order: nothing either.
    ledger_.receive("MUG", "W2", 5, "3.50", 0)
    before = ledger_.to_json()
    two = ledger()
    two.receive("MUG", "W2", 200, "3.50", 0)
    big = two.plan(ic.PlanRequest(DAY, [ic.DemandForecast.flat("MUG", l, 5.0, 2.0, 90) for l in ("WH", "W2")])).transfers
    assert big[0].quantity == 31
    with pytest.raises(ic.InsufficientStock):
        ledger_.accept_plan({"PO-7": suggestion}, big, time=DAY)
    assert ledger_.to_json() == before and ledger_.order_ids() == []
    # Accepted: created and placed, the lines as suggested.
    out = ledger_.accept_plan({"PO-7": suggestion}, time=at(1))
    assert [o.status for o in out] == ["draft", "placed"]
    order = ledger_.order("PO-7")
    assert (order.supplier, order.status, order.placed_at) == ("ACME", "placed", at(1))
    line = order.lines[0]
    assert (line.line, line.sku, line.location, line.quantity, line.unit_price, line.expected) == (
        1, "MUG", "WH", D(24), D("4.00"), at(11))
    # With the 24 incoming, the position is 54 ≥ 50: nothing more to order.
    assert run(ledger_, "just_in_time").orders == []
    # The id is taken now.
    before = ledger_.to_json()
    with pytest.raises(ic.DuplicateId):
        ledger_.accept_plan([["PO-7", suggestion]], time=DAY)
    assert ledger_.to_json() == before


# ----- forecasts as arrays -----


def test_numpy_forecasts_give_the_same_plan_as_lists() -> None:
    ledger_ = ledger()
    ramp = [1.0 + 0.25 * k for k in range(90)]  # exact in float32 too
    as_list = ic.DemandForecast("MUG", "WH", ramp, 2.0)
    forms = {
        "tuple": tuple(ramp),
        "float64": np.array(ramp),
        "big-endian": np.array(ramp).astype(">f8"),
        "float32": np.array(ramp, dtype=np.float32),
        "strided": np.repeat(np.array(ramp), 2)[::2],
        "generator": (x for x in ramp),
    }
    expected = ledger_.plan(ic.PlanRequest(DAY, [as_list]))
    for name, daily in forms.items():
        f = ic.DemandForecast("MUG", "WH", daily, 2.0)
        assert f == as_list, name
        assert ledger_.plan(ic.PlanRequest(DAY, [f])) == expected, name
    # The case: a big-endian arange.
    big = ic.DemandForecast("MUG", "WH", np.arange(90).astype(">f8"), 2.0)
    assert big == ic.DemandForecast("MUG", "WH", list(range(90)), 2.0)
    assert big.daily[89] == 89.0 and big.daily.dtype == np.float64
    assert ledger_.plan(ic.PlanRequest(DAY, [big])) == ledger_.plan(
        ic.PlanRequest(DAY, [ic.DemandForecast("MUG", "WH", [float(k) for k in range(90)], 2.0)]))
    # Integer arrays are read as numbers too; flat() is the same as a list of one value.
    assert ic.DemandForecast("MUG", "WH", np.full(90, 5, dtype=np.int64), 2.0) == mugs()[0]
    assert mugs()[0].daily.tolist() == [5.0] * 90
    assert ic.DemandForecast.flat("MUG", "WH", 5.0, 2.0, 0).daily.tolist() == [5.0]
    # The core keeps at most 3660 days (a plan's longest horizon): a huge count is not a
    # MemoryError (it was, from a check in the binding made before the core's limit).
    for days in (10**12, 2**63 - 1):
        assert ic.DemandForecast.flat("MUG", "WH", 5.0, 2.0, days).daily.tolist() == [5.0] * 3660


# ----- requests -----


def test_request_attributes_and_defaults() -> None:
    r = ic.PlanRequest(dt.datetime(1970, 1, 2), mugs())
    # The core's defaults.
    assert (r.as_of, r.horizon_days, r.overstock_days, r.transfer_days) == (at(1), 182, 180.0, 2.0)
    assert (r.default_policy, r.policies, r.budget, r.max_order_value) == (ic.PolicySettings(), [], None, None)
    assert (r.supplier_budgets, r.capacity, r.margins) == ({}, {}, {})
    assert (r.projection, r.threads) == ("day", 1)
    assert (ic.PlanRequest(DAY, [], projection="weekly", threads=4).projection,
            ic.PlanRequest(DAY, [], projection="weekly", threads=4).threads) == ("week", 4)
    assert r.demand == mugs()
    full = ic.PlanRequest(
        DAY, mugs(), horizon_days=30, default_policy=ic.PolicySettings("manual"), overstock_days=90,
        transfer_days=None, budget="100.50", supplier_budgets={"B": 2, "A": D(1)}, max_order_value=50,
        capacity={"WH": 1000}, margins={"MUG": "1.25"})
    assert (full.horizon_days, full.default_policy.policy, full.overstock_days, full.transfer_days) == (30, "manual", 90.0, None)
    assert (full.budget, full.max_order_value, full.margins) == (D("100.50"), D(50), {"MUG": D("1.25")})
    assert list(full.supplier_budgets.items()) == [("B", D(2)), ("A", D(1))]
    d = full.to_dict()
    assert d["demand"][0]["sku"] == "MUG" and d["default_policy"]["policy"] == "manual"
    assert full == ic.PlanRequest(**{**{k: v for k, v in d.items() if k not in ("demand", "default_policy", "policies")},
                                     "demand": full.demand, "default_policy": full.default_policy})
    assert len(ledger().plan(full).items[0].projected) == 30


def test_results_convert_to_plain_dicts() -> None:
    ledger_ = ledger()
    ledger_.receive("MUG", "W2", 200, "3.50", 0)
    demand = [ic.DemandForecast.flat("MUG", "WH", 5.0, 2.0, 90), ic.DemandForecast.flat("MUG", "W2", 5.0, 2.0, 90),
              ic.DemandForecast.flat("MUG", "W3", 50.0, 2.0, 90)]
    plan = ledger_.plan(ic.PlanRequest(DAY, demand, budget=0))
    assert plan.transfers and plan.cut and plan.alerts
    d = plan.to_dict()
    assert set(d) == {"as_of", "items", "transfers", "orders", "cut", "alerts"}
    assert d["items"][0]["stock_at_lead_time"] == plan.items[0].stock_at_lead_time
    assert d["cut"][0]["line"]["reason"] == plan.cut[0].line.reason
    assert isinstance(d["items"][0]["projected"], np.ndarray)
    for row in [plan, *plan.items, *plan.transfers, *plan.cut, *plan.alerts, plan.cut[0].line]:
        text = repr(row)
        assert text.startswith(type(row).__name__ + "(")
        assert all(f"{k}=" in text for k in row.to_dict())
    assert plan == ledger_.plan(ic.PlanRequest(DAY, demand, budget=0))
    with pytest.raises(AttributeError):
        plan.items[0].sku = "X"  # type: ignore[misc]


# ----- errors: the core's and the binding's, and nothing changes -----


def request_with(**changes: Any) -> Callable[[], ic.PlanRequest]:
    return lambda: ic.PlanRequest(DAY, changes.pop("demand", mugs()), **changes)


BAD_REQUESTS: list[tuple[str, Callable[[], Any], list[str]]] = [
    # Refused by the core when planning.
    ("horizon 0", request_with(horizon_days=0), ["horizon of 0 days"]),
    ("horizon above ten years", request_with(horizon_days=3661), ["3661"]),
    ("overstock NaN", request_with(overstock_days=math.nan), ["overstock"]),
    ("service level 1", request_with(default_policy=ic.PolicySettings(service_level=1.0)), ["service level 1"]),
    ("holding rate 0", request_with(default_policy=ic.PolicySettings(holding_rate=0)), ["holding rate"]),
    ("negative order cost", request_with(default_policy=ic.PolicySettings(order_cost=-1)), ["order cost"]),
    ("fixed quantity 0", request_with(default_policy=ic.PolicySettings(fixed_quantity=0)), ["fixed order quantity 0"]),
    ("max below min", request_with(default_policy=ic.PolicySettings("min_max", min=10, max=5)), ["max 5 is below min 10"]),
    ("review too long", request_with(default_policy=ic.PolicySettings("order_up_to", review_days=3661)), ["3661"]),
    ("negative forecast", request_with(demand=[ic.DemandForecast.flat("MUG", "WH", -1.0, 0.0, 5)]), ["a day of -1"]),
    ("negative forecast day", request_with(demand=[ic.DemandForecast("MUG", "WH", [1, 2, -0.5], 0.0)]), ["-0.5"]),
    ("infinite deviation", request_with(demand=[ic.DemandForecast.flat("MUG", "WH", 1.0, math.inf, 5)]), ["deviation"]),
    ("empty SKU", request_with(demand=[ic.DemandForecast.flat("", "WH", 1.0, 0.0, 5)]), ["empty"]),
    ("two forecasts for a pair", request_with(demand=mugs() + mugs()), ["two forecasts for MUG at WH"]),
    ("negative budget", request_with(budget=-1), ["negative"]),
    ("negative transfer time", request_with(transfer_days=-1.0), ["transfer lead time"]),
    ("no threads", request_with(threads=0), ["0 threads"]),
    ("too many threads", request_with(threads=65), ["65 threads"]),
]


@pytest.mark.parametrize("name, make, words", BAD_REQUESTS, ids=[c[0] for c in BAD_REQUESTS])
def test_bad_requests_are_refused_by_the_core(name: str, make: Callable[[], ic.PlanRequest], words: list[str]) -> None:
    ledger_ = ledger()
    before = ledger_.to_json()
    with pytest.raises(ic.InvalidInput) as info:
        ledger_.plan(make())
    for w in words:
        assert w in str(info.value), (name, str(info.value))
    assert ledger_.to_json() == before


BAD_INPUT: list[tuple[str, type, Callable[[], Any], list[str]]] = [
    ("float budget", ic.InvalidInput, request_with(budget=100.0), ["budget", "float"]),
    ("float max order value", ic.InvalidInput, request_with(max_order_value=1.5), ["max_order_value", "float"]),
    ("float capacity", ic.InvalidInput, request_with(capacity={"WH": 10.0}), ['capacity["WH"]', "float"]),
    ("float margin", ic.InvalidInput, request_with(margins={"MUG": 0.5}), ['margins["MUG"]', "float"]),
    ("budgets not a dict", TypeError, request_with(supplier_budgets=[("S", 1)]), ["supplier_budgets", "dict"]),
    ("budget key not a str", TypeError, request_with(supplier_budgets={1: 1}), ["supplier_budgets", "str"]),
    ("negative horizon", ic.InvalidInput, request_with(horizon_days=-1), ["horizon_days", "-1"]),
    ("negative threads", ic.InvalidInput, request_with(threads=-1), ["threads", "-1"]),
    ("unknown projection step", ic.InvalidInput, request_with(projection="month"), ['"month"', "day or week"]),
    ("float as_of", TypeError, lambda: ic.PlanRequest(1.5, mugs()), ["as_of"]),
    ("demand not forecasts", TypeError, lambda: ic.PlanRequest(DAY, [("MUG", "WH", 5.0)]), ["demand[0]", "DemandForecast"]),
    ("demand a str", TypeError, lambda: ic.PlanRequest(DAY, "MUG"), ["demand", "str"]),
    ("policy tuple too short", ic.InvalidInput, request_with(policies=[("MUG", ic.PolicySettings())]), ["policies[0]", "3 items"]),
    ("policy not settings", TypeError, request_with(policies=[("MUG", None, "manual")]), ["policies[0].settings", "str"]),
    ("policy location not a str", TypeError, request_with(policies=[("MUG", 3, ic.PolicySettings())]),
     ["policies[0].location"]),
    ("default policy a name", TypeError, request_with(default_policy="manual"), ["default_policy"]),
    ("daily a str", TypeError, lambda: ic.DemandForecast("MUG", "WH", "5", 1.0), ["daily", "str"]),
    ("daily None", TypeError, lambda: ic.DemandForecast("MUG", "WH", None, 1.0), ["daily"]),
    ("daily item a str", TypeError, lambda: ic.DemandForecast("MUG", "WH", [1.0, "2"], 1.0), ["daily[1]", "str"]),
    ("daily 2-d", ic.InvalidInput, lambda: ic.DemandForecast("MUG", "WH", np.ones((2, 3)), 1.0), ["daily", "2 dimensions"]),
    ("daily of text", TypeError, lambda: ic.DemandForecast("MUG", "WH", np.array(["a", "b"]), 1.0),
     ["daily", "real numbers", "<U1"]),
    ("negative days", ic.InvalidInput, lambda: ic.DemandForecast.flat("MUG", "WH", 1.0, 1.0, -1), ["days", "-1"]),
    ("unknown ABC class", ic.InvalidInput, lambda: ic.SkuClass("MUG", "D", "X"), ["abc", '"D"']),
    ("unknown XYZ class", ic.InvalidInput, lambda: ic.ClassPolicies().settings("A", "W"), ["xyz", '"W"']),
    ("class tuple with a bad letter", ic.InvalidInput, lambda: ic.PlanRequest(DAY, mugs()).class_policies([("MUG", "a", "X")]),
     ["classes[0].abc"]),
    ("classes not a list", TypeError, lambda: ic.PlanRequest(DAY, mugs()).class_policies("MUG"), ["classes", "str"]),
    ("z row a name", TypeError, lambda: ic.ClassPolicies(z="manual"), ["z", "PolicySettings"]),
]


@pytest.mark.parametrize("name, cls, make, words", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_python_input(name: str, cls: type, make: Callable[[], Any], words: list[str]) -> None:
    with pytest.raises(cls) as info:
        make()
    for w in words:
        assert w in str(info.value), (name, str(info.value))


def test_bad_arguments_to_plan_and_accept_leave_the_ledger_unchanged() -> None:
    ledger_ = ledger()
    plan = run(ledger_)
    [suggestion] = plan.orders
    before = ledger_.to_json()
    cases: list[tuple[type, Callable[[], Any], list[str]]] = [
        (TypeError, lambda: ledger_.plan({"as_of": DAY}), ["request"]),
        (TypeError, lambda: ledger_.accept_plan([suggestion], time=DAY), ["orders[0]", "pair"]),
        (ic.InvalidInput, lambda: ledger_.accept_plan([("PO-1", suggestion, 1)], time=DAY), ["orders[0]", "pair", "3 items"]),
        (TypeError, lambda: ledger_.accept_plan([("PO-1", plan)], time=DAY), ["orders[0]", "SupplierSuggestion", "Plan"]),
        (TypeError, lambda: ledger_.accept_plan({7: suggestion}, time=DAY), ["orders[7]", "order id", "str"]),
        (TypeError, lambda: ledger_.accept_plan("PO-1", time=DAY), ["orders", "str"]),
        (TypeError, lambda: ledger_.accept_plan({"PO-1": suggestion}, [suggestion], time=DAY),
         ["transfers[0]", "SuggestedTransfer"]),
        (TypeError, lambda: ledger_.accept_plan({"PO-1": suggestion}, time=1.5), ["time"]),
        (ic.InvalidInput, lambda: ledger_.accept_plan({"PO-1": suggestion}, time=True), ["time", "bool"]),
        (TypeError, lambda: ledger_.accept_plan({"PO-1": suggestion}), ["time"]),
        (TypeError, lambda: ic.classes_from_ledger("ledger", 0, DAY), ["ledger"]),
    ]
    for cls, call, words in cases:
        with pytest.raises(cls) as info:
            call()
        for w in words:
            assert w in str(info.value), str(info.value)
        assert ledger_.to_json() == before


def test_dead_and_slow_stock_alerts() -> None:
    # By day 100: MUG (30 on hand) sold 1 unit on day 95; BOWL (10) nothing; CUP (60) sold 30
    # on day 50, before the 30-day look-back. Worked as in the core's test.
    ledger_ = ledger()
    ledger_.receive("BOWL", "WH", 10, 1, 0)
    ledger_.receive("CUP", "WH", 60, 1, 0)
    ledger_.ship("CUP", "WH", 30, at(50))
    ledger_.ship("MUG", "WH", 1, at(95))
    request = ic.PlanRequest(at(100), mugs(), dead_stock_days=30)
    assert request.dead_stock_days == 30
    plan = ledger_.plan(request)
    assert [a.sku for a in plan.alerts if a.kind == "dead_stock"] == ["BOWL", "CUP"]
    [slow] = [a for a in plan.alerts if a.kind == "slow_stock"]
    # 29 units left at 1 per 30 days: 870 days of supply, above the 180-day threshold.
    assert (slow.sku, slow.location) == ("MUG", "")
    assert "870 days of supply" in slow.message
    quiet = ledger_.plan(ic.PlanRequest(at(100), mugs(), dead_stock_days=None))
    assert not {"dead_stock", "slow_stock"} & set(kinds(quiet))
    with pytest.raises(ic.InvalidInput):
        ledger_.plan(ic.PlanRequest(at(100), mugs(), dead_stock_days=0))
    with pytest.raises(ic.InvalidInput):
        ic.PlanRequest(at(100), mugs(), dead_stock_days=-1)


# ----- pooled forecasts -----


def tea() -> ic.Ledger:
    """TEA: EAST 30 shipped, 6 returned (24 net); WEST 8 shipped; NORTH stock only, all within
    the 28 days before day 30; 50 more at EAST on day 1, before them."""
    ledger_ = ic.Ledger()
    for wh in ["EAST", "NORTH", "WEST"]:
        ledger_.receive("TEA", wh, 100, "2.00", DAY)
    ledger_.ship("TEA", "EAST", 50, DAY + 10)
    ledger_.ship("TEA", "EAST", 30, 10 * DAY)
    ledger_.customer_return("TEA", "EAST", 6, 20 * DAY)
    ledger_.ship("TEA", "WEST", 8, 25 * DAY)
    return ledger_


def test_a_pooled_forecast_is_split_by_recent_shares() -> None:
    ledger_ = tea()
    pooled = ic.PooledForecast("TEA", np.array([8.0, 4.0]), 4.0)
    split = ledger_.split_forecast([pooled], 30 * DAY, 28)
    # Shares 24 : 0 : 8 → 0.75, 0, 0.25; mean day 6; σ² = w²·16 + w(1 − w)·6.
    assert [f.location for f in split] == ["EAST", "NORTH", "WEST"]
    assert [list(f.daily) for f in split] == [[6.0, 3.0], [0.0, 0.0], [2.0, 1.0]]
    for f, var in zip(split, [9 + 1.125, 0.0, 1 + 1.125]):
        assert f.daily_std == pytest.approx(math.sqrt(var), abs=1e-12)
    # Given locations; one never seen gets no share.
    split = ledger_.split_forecast([pooled], 30 * DAY, 28, locations=["WEST", "SOUTH"])
    assert [(f.location, f.daily[0]) for f in split] == [("WEST", 8.0), ("SOUTH", 0.0)]
    with pytest.raises(ic.UnknownSku):
        ledger_.split_forecast([ic.PooledForecast("NEW", [1.0], 0.0)], 30 * DAY)
    with pytest.raises(ic.InvalidInput):
        ledger_.split_forecast([ic.PooledForecast("TEA", [-1.0], 0.0)], 30 * DAY)
    with pytest.raises(ic.InvalidInput):
        ledger_.split_forecast([pooled], 30 * DAY, lookback_days=0)
    # A tuple where a PooledForecast is expected is a wrong type.
    with pytest.raises(TypeError, match=r"pooled\[0\]: expected a PooledForecast, got tuple"):
        ledger_.split_forecast([("TEA", [1.0], 0.0)], 30 * DAY)


def test_a_plan_from_pooled_forecasts_is_the_plan_of_their_split() -> None:
    ledger_ = tea()
    ledger_.set_supplier(ic.Supplier("ACME", "Acme", items=[ic.SupplierItem("TEA", "2.00", lead_time_days=10)]), 0)
    pooled = [ic.PooledForecast("TEA", [12.0] * 60, 5.0)]
    by_split = ledger_.plan(ic.PlanRequest(30 * DAY, ledger_.split_forecast(pooled, 30 * DAY, 28)))
    request = ic.PlanRequest(30 * DAY, [], pooled=pooled, pooled_lookback_days=28)
    assert request.pooled_lookback_days == 28 and request.pooled[0].sku == "TEA"
    by_pool = ledger_.plan(request)
    assert by_pool == by_split
    assert len(by_pool.items) == 3


def test_kit_forecasts_add_their_components_demand() -> None:
    # GIFT (virtual) = 1 MUG + 2 SPOON sells 1 a day (sigma 1); MUG's own forecast is 5 a
    # day (sigma 2): MUG is planned at 6 a day with a 10-day protection sigma sqrt(10 x 5);
    # SPOON, without a forecast of its own, at 2 a day.
    ledger_ = ledger()
    ledger_.receive("SPOON", "WH", 10, "0.50", 0)
    ledger_.define_kit("GIFT", [("MUG", 1), ("SPOON", 2)], 0, kind="virtual")
    gift = ic.DemandForecast("GIFT", "WH", [1.0], 1.0)
    request = ic.PlanRequest(DAY, mugs(), kit_demand=[gift])
    assert [f.sku for f in request.kit_demand] == ["GIFT"]
    plan = ledger_.plan(request)
    items = {i.sku: i for i in plan.items}
    assert set(items) == {"MUG", "SPOON"}
    assert items["MUG"].mean_daily_demand == pytest.approx(6.0, abs=1e-12)
    assert items["MUG"].protection_std == pytest.approx(math.sqrt(50.0), abs=1e-9)
    assert items["SPOON"].mean_daily_demand == pytest.approx(2.0, abs=1e-12)
    with pytest.raises(ic.UnknownSku):
        ledger_.plan(ic.PlanRequest(DAY, mugs(), kit_demand=[ic.DemandForecast("MUG", "WH", [1.0], 0.0)]))
