"""Policy simulation from Python: demand, policies, runs and reports.

The cases follow the "simulation" section of inventory-core/src/replenish/tests.rs;
expected values are worked by hand in the comments.
"""

import inspect
import math
import statistics
from decimal import Decimal as D
from typing import Any, Callable

import numpy as np
import pytest

import inventory_core as ic
from conftest import DAY

NEVER = ic.SimPolicy.reorder_point(-100, 1)
"""A policy that never orders here."""


def history(demand: Any, **changes: Any) -> ic.SimConfig:
    """12 on hand, a fixed 2-day lead time, the core's other defaults."""
    return ic.SimConfig(demand, **{"start_on_hand": 12, "lead_time_days": 1, **changes})


def one(config: ic.SimConfig, policy: ic.SimPolicy) -> ic.SimReport:
    [report] = ic.simulate(config, [policy])
    return report


# ----- hand-worked runs -----


def test_lost_sales_and_backorders_by_hand() -> None:
    # 12 on hand, 5 a day, nothing ordered: served 5, 5, 2, 0; on hand 7, 2, 0, 0.
    r = one(history([5, 5, 5, 5], lost_sales=True), NEVER)
    assert (r.days, r.orders, r.stockout_days) == (4, 0, 2)
    assert r.fill_rate == pytest.approx(12 / 20) == pytest.approx(0.6)
    assert r.units_short == pytest.approx(8.0)
    assert r.average_on_hand == pytest.approx((7 + 2) / 4) == pytest.approx(2.25)
    assert r.shortage_cost == pytest.approx(8.0)  # 1 per unit lost
    assert r.average_backorders == 0.0
    # No order arrived: no cycle to measure.
    assert r.cycle_service_level is None
    assert r.policy == NEVER
    # Backordered: 3 then 8 units owed at the ends of days 3 and 4: 11 unit-days.
    c = history([5, 5, 5, 5])
    r = one(c, NEVER)
    assert r.average_backorders == pytest.approx(11 / 4) == pytest.approx(2.75)
    assert r.shortage_cost == pytest.approx(11.0)
    assert r.holding_cost == pytest.approx((7 + 2) * c.holding_cost)
    assert r.ordering_cost == 0.0
    assert r.total_cost == pytest.approx(r.holding_cost + r.shortage_cost)
    assert r.cost_per_day == pytest.approx(r.total_cost / 4)
    assert r.average_on_hand_value == pytest.approx(r.average_on_hand * c.unit_cost)


def test_orders_arrive_after_their_lead_time() -> None:
    # 25 on hand, 10 a day, (r = 20, Q = 30), a 1-day lead time (ordered at the end of day
    # t, it arrives at the start of day t + 2): day 0 ends at 15 → order (arrives day 2);
    # day 1: 5; day 2: 35 − 10 = 25; day 3: 15 → order (day 5); day 4: 5; day 5: 25.
    c = history([10] * 6, start_on_hand=25, order_cost=7)
    rq = ic.SimPolicy.reorder_point(20, 30)
    r = one(c, rq)
    assert (r.orders, r.stockout_days) == (2, 0)
    assert r.average_on_hand == pytest.approx((15 + 5 + 25 + 15 + 5 + 25) / 6) == pytest.approx(15.0)
    assert r.ordering_cost == pytest.approx(14.0)
    assert r.fill_rate == 1.0
    # One whole cycle (arrivals on days 2 and 5), without a stockout.
    assert r.cycle_service_level == 1.0
    # (s, S) = (20, 50): day 0 ends at 15 → 35 ordered (day 2); day 1: 5; day 2: 40 − 10 = 30;
    # day 3: 20 → 30 ordered (day 5); day 4: 10; day 5: 40 − 10 = 30.
    ss = ic.SimPolicy.min_max(20, 50)
    r = one(c, ss)
    assert r.orders == 2
    assert r.average_on_hand == pytest.approx((15 + 5 + 30 + 20 + 10 + 30) / 6) == pytest.approx(110 / 6)
    # Side by side, each policy gets what it gets alone, in the order given.
    both = ic.simulate(c, [rq, ss])
    assert [b.policy for b in both] == [rq, ss]
    assert both == [one(c, rq), one(c, ss)]
    assert ic.simulate(c, []) == []
    # Any iterable of policies.
    assert ic.simulate(c, (p for p in [rq, ss])) == both


def test_periodic_policies_review_from_day_zero() -> None:
    # (R = 3, S = 40), 25 on hand, 10 a day, lead 1: day 0 ends at 15 → 25 ordered (day 2);
    # day 1: 5; day 2: 30 − 10 = 20; day 3 ends at 10 → 30 ordered (day 5); day 4: 0;
    # day 5: 30 − 10 = 20.
    c = history([10] * 6, start_on_hand=25)
    r = one(c, ic.SimPolicy.order_up_to(3, 40))
    assert (r.orders, r.stockout_days) == (2, 0)
    assert r.average_on_hand == pytest.approx((15 + 5 + 20 + 10 + 0 + 20) / 6)
    # (R = 3, s = 10, S = 40): day 0's position 15 is above 10, no order; then on hand 5, and
    # 5, 10, 10 units backordered on days 2, 3, 4 (owed 5, 15, 25 at their ends); day 3's
    # position −15 → 55 ordered (day 5): 55 − 25 owed − 10 = 20 at the end of day 5.
    r = one(c, ic.SimPolicy.periodic_min_max(3, 10, 40))
    assert (r.orders, r.stockout_days) == (1, 3)
    assert r.average_on_hand == pytest.approx((15 + 5 + 20) / 6)
    assert r.average_backorders == pytest.approx((5 + 15 + 25) / 6)
    assert r.units_short == pytest.approx(25.0)
    assert r.fill_rate == pytest.approx(35 / 60)


def test_normal_demand_without_spread_is_the_history() -> None:
    # σ = 0: every draw is the mean, so 4 days of N(5, 0) replay [5, 5, 5, 5].
    expected = one(history([5, 5, 5, 5]), NEVER)
    assert one(history(("normal", 5, 0), days=4), NEVER) == expected
    assert one(history(ic.SimDemand.normal(5.0, 0.0), days=4), NEVER) == expected
    # A forecast's last day repeats.
    assert one(history(("forecast", [5], 0.0), days=4), NEVER) == expected
    # A history sets its own length: days is ignored.
    assert one(history([5, 5, 5, 5], days=100), NEVER) == expected


def test_the_same_seed_gives_the_same_run() -> None:
    def run(seed: int) -> ic.SimReport:
        c = ic.SimConfig(("normal", 20.0, 5.0), days=200, seed=seed, lead_time_days=5, lead_time_std_days=1)
        return one(c, ic.SimPolicy.reorder_point(100, 200))

    assert run(3) == run(3)
    assert run(3) != run(4)
    assert run(3).days == 200


# ----- the textbook check -----


def phi(z: float) -> float:
    return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def g2(z: float) -> float:
    """The second-order loss function G₂(z) = ½[(z² + 1)(1 − Φ(z)) − z·φ(z)]."""
    return 0.5 * ((z * z + 1) * (1 - cdf(z)) - z * phi(z))


def test_r_q_long_run_cost_matches_the_textbook_formula() -> None:
    # Normal demand λ = 20 a day, σ 5, lead time 5 days: end-of-day stock is the position
    # after ordering less L + 1 = 6 days of demand, N(120, 5√6) (an order placed at the end
    # of day t arrives at the start of day t + L + 1).
    # (r, nQ) keeps the position after ordering uniform on (r, r + Q], so (Zipkin §6.2;
    # Hadley & Whitin): B = σ²/Q · [G₂((r − μ)/σ) − G₂((r + Q − μ)/σ)],
    # E[on hand] = r + Q/2 − μ + B, cost per day = K·λ/Q + h·E[on hand] + b·B.
    lam, sd, lead, q, r = 20.0, 5.0, 5.0, 200.0, 120.0
    h, k, b = 0.1, 50.0, 2.0
    mu, sigma = lam * (lead + 1), sd * math.sqrt(lead + 1)
    backorders = sigma**2 / q * (g2((r - mu) / sigma) - g2((r + q - mu) / sigma))
    exact = k * lam / q + h * (r + q / 2 - mu + backorders) + b * backorders
    # 40 replications of 20,000 days after a 1,000-day warm-up.
    runs = [
        (ic.SimConfig(("normal", lam, sd), days=20_000, warmup_days=1_000, start_on_hand=r + q,
                      lead_time_days=lead, holding_cost=h, order_cost=k, shortage_cost=b, seed=seed),
         [ic.SimPolicy.reorder_point(r, q)])
        for seed in range(1, 41)
    ]
    costs = [reports[0].cost_per_day for reports in ic.simulate_many(runs, threads=2)]
    assert all(rep[0].days == 20_000 for rep in ic.simulate_many(runs[:2]))
    mean = statistics.fmean(costs)
    se = statistics.stdev(costs) / math.sqrt(len(costs))
    assert abs(mean - exact) < 4 * se, (mean, se, exact)
    assert se < 0.002 * exact
    # The usual approximation that drops B from the stock on hand is detectably off (by h·B).
    assert abs(mean - (exact - h * backorders)) > 4 * se


# ----- many SKUs on threads -----


def test_simulate_many_is_the_same_on_any_thread_count() -> None:
    runs = [
        (ic.SimConfig(ic.SimDemand.forecast([5.0, 6.0, 4.0], 2.0), seed=i, lead_time_days=10, lead_time_std_days=2),
         [ic.SimPolicy.reorder_point(60, 300), ic.SimPolicy.order_up_to(7, 100),
          ic.SimPolicy.periodic_min_max(7, 60, 200)])
        for i in range(9)
    ]
    alone = [ic.simulate(c, ps) for c, ps in runs]
    assert ic.simulate_many(runs) == alone
    assert ic.simulate_many(runs, 1) == alone
    assert ic.simulate_many(runs, threads=2) == alone
    # Lists work as pairs, any iterable as the runs, and no runs is no reports.
    assert ic.simulate_many(iter([[c, ps] for c, ps in runs[:2]]), 2) == alone[:2]  # type: ignore[arg-type]
    assert ic.simulate_many([], 2) == []
    # A higher reorder point never serves worse on the same demand and lead times.
    lo, hi = ic.simulate(runs[0][0], [ic.SimPolicy.reorder_point(40, 100), ic.SimPolicy.reorder_point(80, 100)])
    assert hi.fill_rate is not None and lo.fill_rate is not None
    assert hi.fill_rate >= lo.fill_rate and hi.average_on_hand > lo.average_on_hand


# ----- policies from a plan -----


def planned(policy: Any, **params: Any) -> ic.PlanItem:
    """30 MUG on hand; ACME sells it at 4.00 in packs of 12, 10 days; 5 a day, σ 2."""
    ledger = ic.Ledger()
    ledger.receive("MUG", "WH", 30, "3.50", 0)
    acme = ic.Supplier("ACME", "Acme", items=[ic.SupplierItem("MUG", "4.00", lead_time_days=10, pack_size=12)])
    ledger.set_supplier(acme, 0)
    demand = [ic.DemandForecast.flat("MUG", "WH", 5.0, 2.0, 90)]
    [item] = ledger.plan(ic.PlanRequest(DAY, demand, default_policy=ic.PolicySettings(policy, **params))).items
    return item


def test_a_plan_item_gives_its_levels() -> None:
    item = planned("reorder_point")
    p = ic.SimPolicy.from_plan_item(item)
    assert p is not None
    # s = 50 + 1.6449 × √40 = 60.403, Q = 300 (see test_replenish).
    assert item.order_quantity == D(300)
    assert (p.name, p.r, p.q, p.s, p.big_s, p.review_days) == ("reorder_point", item.reorder_point, 300.0, None, None, None)
    assert p == ic.SimPolicy.reorder_point(item.reorder_point, 300)
    assert p.r == pytest.approx(60.403, abs=1e-3)
    # (s, S) and (R, s, S) take both levels, (R, S) and just-in-time the level and review.
    item = planned("min_max")
    assert item.order_up_to is not None
    assert ic.SimPolicy.from_plan_item(item) == ic.SimPolicy.min_max(item.reorder_point, item.order_up_to)
    item = planned("periodic_min_max", review_days=7)
    assert item.order_up_to is not None
    assert ic.SimPolicy.from_plan_item(item) == ic.SimPolicy.periodic_min_max(7, item.reorder_point, item.order_up_to)
    item = planned("order_up_to", review_days=7)
    assert item.order_up_to is not None
    assert ic.SimPolicy.from_plan_item(item) == ic.SimPolicy.order_up_to(7, item.order_up_to)
    assert ic.SimPolicy.from_plan_item(planned("just_in_time")).name == "order_up_to"  # type: ignore[union-attr]
    # Policies that order nothing have no simulation.
    assert ic.SimPolicy.from_plan_item(planned("manual")) is None
    assert ic.SimPolicy.from_plan_item(planned("dropship")) is None
    # The plan's policy runs on the plan's forecast.
    c = ic.SimConfig(("forecast", [5.0] * 90, 2.0), lead_time_days=10, start_on_hand=30)
    [r] = ic.simulate(c, [p])
    assert r.orders > 0 and r.policy == p


# ----- arrays -----


def test_numpy_histories_give_the_same_run_as_lists() -> None:
    days = [4.0, 0.0, 7.5, 3.25, 6.0, 5.0, 0.5, 9.0]  # exact in float32 too
    expected = one(history(days), ic.SimPolicy.min_max(6, 20))
    forms = {
        "tuple": tuple(days),
        "float64": np.array(days),
        "big-endian": np.array(days).astype(">f8"),
        "float32": np.array(days, dtype=np.float32),
        "strided": np.repeat(np.array(days), 2)[::2],
        "generator": (x for x in days),
        "SimDemand": ic.SimDemand.history(np.array(days).astype(">f8")),
        "named tuple": ("history", np.array(days).astype(">f8")),
    }
    for name, demand in forms.items():
        c = history(demand)
        assert c == history(days), name
        assert one(c, ic.SimPolicy.min_max(6, 20)) == expected, name
    # The case: a big-endian arange, read in the machine's order.
    big = ic.SimConfig(np.arange(10).astype(">f8"))
    assert big.demand.daily is not None and big.demand.daily.tolist() == [float(k) for k in range(10)]
    assert ic.simulate(big, [NEVER]) == ic.simulate(ic.SimConfig(list(range(10))), [NEVER])
    # Integer arrays are numbers too; a forecast's days are read the same way.
    assert ic.SimConfig(np.full(4, 5, dtype=np.int64)) == ic.SimConfig([5.0] * 4)
    assert ic.SimDemand.forecast(np.array([1.0, 2.0]).astype(">f8"), 1.0) == ic.SimDemand.forecast([1, 2], 1)


# ----- attributes, defaults, dicts -----


def test_defaults_are_the_cores() -> None:
    c = ic.SimConfig([1.0])
    # The core's SimConfig::new: a year, no warm-up, 100 on hand, 7 days fixed, unit cost 1,
    # 25 % a year per day, order cost 25, shortage 1, backorders, seed 1.
    assert (c.days, c.warmup_days, c.start_on_hand, c.lead_time_days, c.lead_time_std_days) == (365, 0, 100.0, 7.0, 0.0)
    assert (c.unit_cost, c.holding_cost, c.order_cost, c.shortage_cost, c.lost_sales, c.seed) == (
        1.0, 0.25 / 365, 25.0, 1.0, False, 1)
    # The documented signature (help(), the stubs) shows those same values.
    for name, param in inspect.signature(ic.SimConfig).parameters.items():
        if name != "demand":
            assert param.default == getattr(c, name), name
    assert inspect.signature(ic.simulate_many).parameters["threads"].default == 1
    assert (ic.MAX_SIM_DAYS, ic.MAX_SIM_THREADS) == (100_000, 64)


def test_attributes_dicts_and_equality() -> None:
    c = ic.SimConfig(("normal", 20, 5), days=30, warmup_days=5, start_on_hand=50, lead_time_days=3,
                     lead_time_std_days=0.5, unit_cost=2, holding_cost=0.01, order_cost=10, shortage_cost=4,
                     lost_sales=True, seed=2**64 - 1)
    assert c.demand == ic.SimDemand.normal(20, 5)
    assert (c.demand.kind, c.demand.daily, c.demand.mean, c.demand.std_dev) == ("normal", None, 20.0, 5.0)
    d = c.to_dict()
    assert d["demand"] == {"kind": "normal", "daily": None, "mean": 20.0, "std_dev": 5.0}
    assert d["seed"] == 2**64 - 1 and d["lost_sales"] is True
    # A config rebuilt from its dict is the same config.
    assert ic.SimConfig(c.demand, **{k: v for k, v in d.items() if k != "demand"}) == c
    h = ic.SimDemand.history([1, 2])
    assert (h.kind, h.daily.tolist(), h.mean, h.std_dev) == ("history", [1.0, 2.0], None, None)  # type: ignore[union-attr]
    f = ic.SimDemand.forecast([1, 2], 0.5)
    assert (f.kind, f.daily.tolist(), f.mean, f.std_dev) == ("forecast", [1.0, 2.0], None, 0.5)  # type: ignore[union-attr]
    assert f.daily.dtype == np.float64  # type: ignore[union-attr]
    # Policies: the levels each has, the others None.
    rows = [
        (ic.SimPolicy.reorder_point(10, 20), ("reorder_point", 10.0, 20.0, None, None, None)),
        (ic.SimPolicy.min_max(10, 50), ("min_max", None, None, 10.0, 50.0, None)),
        (ic.SimPolicy.order_up_to(7, 50), ("order_up_to", None, None, None, 50.0, 7)),
        (ic.SimPolicy.periodic_min_max(7, 10, 50), ("periodic_min_max", None, None, 10.0, 50.0, 7)),
    ]
    for p, fields in rows:
        assert (p.name, p.r, p.q, p.s, p.big_s, p.review_days) == fields
        assert list(p.to_dict().values()) == list(fields)
        assert list(p.to_dict()) == ["name", "r", "q", "s", "big_s", "review_days"]
    assert ic.SimPolicy.min_max(10, 50) != ic.SimPolicy.periodic_min_max(1, 10, 50)
    # Reports: every field, the policy as a dict too.
    [r] = ic.simulate(history([5] * 4), [NEVER])
    d = r.to_dict()
    assert list(d) == ["policy", "days", "cycle_service_level", "fill_rate", "average_on_hand",
                       "average_on_hand_value", "average_backorders", "orders", "stockout_days", "units_short",
                       "holding_cost", "ordering_cost", "shortage_cost", "total_cost", "cost_per_day"]
    assert d["policy"] == NEVER.to_dict()
    assert all(d[k] == getattr(r, k) for k in d if k != "policy")
    for obj in (c, c.demand, NEVER, r):
        text = repr(obj)
        assert text.startswith(type(obj).__name__ + "(")
        assert all(f"{k}=" in text for k in obj.to_dict())
    # Read-only, and no constructor for policies and reports.
    with pytest.raises(AttributeError):
        c.days = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        r.orders = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        NEVER.r = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        ic.SimPolicy()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ic.SimReport()  # type: ignore[call-arg]


# ----- errors -----

OK = ic.SimConfig(("normal", 5.0, 1.0))
RQ = ic.SimPolicy.reorder_point(10, 20)

REFUSED_BY_THE_CORE: list[tuple[str, Callable[[], Any], list[str]]] = [
    ("Q 0", lambda: ic.simulate(OK, [ic.SimPolicy.reorder_point(1, 0)]), ["(r, Q)", "Q 0"]),
    ("S below s", lambda: ic.simulate(OK, [ic.SimPolicy.min_max(5, 4)]), ["(s, S)", "s 5, S 4"]),
    ("review 0", lambda: ic.simulate(OK, [ic.SimPolicy.order_up_to(0, 4)]), ["(R, S)", "R 0"]),
    ("periodic review 0", lambda: ic.simulate(OK, [ic.SimPolicy.periodic_min_max(0, 1, 4)]), ["(R, s, S)", "R 0"]),
    ("NaN level", lambda: ic.simulate(OK, [ic.SimPolicy.reorder_point(math.nan, 1)]), ["(r, Q)", "NaN"]),
    ("NaN holding cost", lambda: ic.simulate(ic.SimConfig([1.0], holding_cost=math.nan), [RQ]), ["holding cost NaN"]),
    ("infinite order cost", lambda: ic.simulate(ic.SimConfig([1.0], order_cost=math.inf), [RQ]), ["order cost inf"]),
    ("negative lead time", lambda: ic.simulate(ic.SimConfig([1.0], lead_time_days=-1), [RQ]), ["lead time -1"]),
    ("too many days", lambda: ic.simulate(ic.SimConfig(("normal", 5, 1), days=ic.MAX_SIM_DAYS + 1), [RQ]),
     ["100001 days is more than 100000"]),
    ("too long a history", lambda: ic.simulate(ic.SimConfig(np.ones(ic.MAX_SIM_DAYS + 1)), [RQ]), ["more than 100000"]),
    ("warm-up as long as the run", lambda: ic.simulate(ic.SimConfig(("normal", 5, 1), days=0, warmup_days=400), [RQ]),
     ["nothing to measure"]),
    ("negative history day", lambda: ic.simulate(ic.SimConfig([1.0, -1.0]), [RQ]), ["history day of -1"]),
    ("NaN history day", lambda: ic.simulate(ic.SimConfig(np.array([1.0, np.nan])), [RQ]), ["history day of NaN"]),
    ("negative forecast day", lambda: ic.simulate(ic.SimConfig(("forecast", [1, -2], 1)), [RQ]), ["forecast day of -2"]),
    ("negative mean", lambda: ic.simulate(ic.SimConfig(("normal", -5, 1)), [RQ]), ["mean -5"]),
    ("no threads", lambda: ic.simulate_many([], 0), ["0 threads", "1 to 64"]),
    ("too many threads", lambda: ic.simulate_many([], ic.MAX_SIM_THREADS + 1), ["65 threads"]),
    ("a bad run among many", lambda: ic.simulate_many([(OK, [RQ]), (OK, [ic.SimPolicy.reorder_point(1, 0)])], 2),
     ["(r, Q)"]),
]


@pytest.mark.parametrize("name, call, words", REFUSED_BY_THE_CORE, ids=[c[0] for c in REFUSED_BY_THE_CORE])
def test_bad_runs_are_refused_by_the_core(name: str, call: Callable[[], Any], words: list[str]) -> None:
    with pytest.raises(ic.InvalidInput) as info:
        call()
    for w in words:
        assert w in str(info.value), (name, str(info.value))


def test_a_bad_run_among_many_is_named() -> None:
    runs = [(OK, [RQ]), (OK, [RQ, RQ]), (ic.SimConfig([1.0], shortage_cost=-1), [RQ]), (OK, [ic.SimPolicy.min_max(2, 1)])]
    for threads in (1, 2):
        with pytest.raises(ic.InvalidInput) as info:
            ic.simulate_many(runs, threads)
        assert info.value.index == 2
        assert "shortage cost -1" in str(info.value)
    with pytest.raises(ic.InvalidInput) as info:
        ic.simulate_many(runs[:2] + runs[3:])
    assert info.value.index == 2 and "(s, S)" in str(info.value)
    # One run: no index.
    with pytest.raises(ic.InvalidInput) as info:
        ic.simulate(*runs[2])
    assert info.value.index is None


BAD_INPUT: list[tuple[str, type, Callable[[], Any], list[str]]] = [
    ("config not a SimConfig", TypeError, lambda: ic.simulate([5.0], [RQ]), ["config", "SimConfig", "list"]),
    ("policies a policy", TypeError, lambda: ic.simulate(OK, RQ), ["policies", "SimPolicy"]),
    ("policies a str", TypeError, lambda: ic.simulate(OK, "reorder_point"), ["policies", "str"]),
    ("policy a tuple", TypeError, lambda: ic.simulate(OK, [RQ, (10, 20)]), ["policies[1]", "SimPolicy", "tuple"]),
    ("item not a PlanItem", TypeError, lambda: ic.SimPolicy.from_plan_item(RQ), ["item", "PlanItem", "SimPolicy"]),
    ("negative review", ic.InvalidInput, lambda: ic.SimPolicy.order_up_to(-1, 5), ["review_days", "-1"]),
    ("negative periodic review", ic.InvalidInput, lambda: ic.SimPolicy.periodic_min_max(-7, 1, 5), ["review_days", "-7"]),
    ("level a str", TypeError, lambda: ic.SimPolicy.min_max("5", 10), []),
    ("demand a str", TypeError, lambda: ic.SimConfig("55"), ["demand", "str"]),
    ("demand None", TypeError, lambda: ic.SimConfig(None), ["demand", "NoneType"]),
    ("demand a dict", TypeError, lambda: ic.SimConfig({"normal": 5}), ["demand", "dict"]),
    ("demand day a str", TypeError, lambda: ic.SimConfig([1.0, "2"]), ["demand[1]", "str"]),
    ("demand 2-d", ic.InvalidInput, lambda: ic.SimConfig(np.ones((2, 3))), ["demand", "2 dimensions"]),
    ("demand of text", TypeError, lambda: ic.SimConfig(np.array(["a", "b"])), ["demand", "real numbers"]),
    ("unknown demand kind", ic.InvalidInput, lambda: ic.SimConfig(("poisson", 5, 1)), ['"poisson"', "history, normal or forecast"]),
    ("normal without a deviation", ic.InvalidInput, lambda: ic.SimConfig(("normal", 5)), ['"normal"', "3 items", "got 2"]),
    ("normal mean a str", TypeError, lambda: ic.SimConfig(("normal", "5", 1)), ["demand[1]", "str"]),
    ("forecast days a number", TypeError, lambda: ic.SimConfig(("forecast", 5, 1)), ["demand[1]", "int"]),
    ("history days a str", TypeError, lambda: ic.SimDemand.history("5"), ["days", "str"]),
    ("forecast daily None", TypeError, lambda: ic.SimDemand.forecast(None, 1.0), ["daily", "NoneType"]),
    ("negative days", ic.InvalidInput, lambda: ic.SimConfig([1.0], days=-1), ["days", "-1"]),
    ("negative warm-up", ic.InvalidInput, lambda: ic.SimConfig([1.0], warmup_days=-5), ["warmup_days", "-5"]),
    ("negative seed", ic.InvalidInput, lambda: ic.SimConfig([1.0], seed=-1), ["seed", "-1"]),
    ("seed above 2**64", ic.InvalidInput, lambda: ic.SimConfig([1.0], seed=2**64), ["seed"]),
    ("seed a str", TypeError, lambda: ic.SimConfig([1.0], seed="1"), ["seed", "str"]),
    ("seed a float", TypeError, lambda: ic.SimConfig([1.0], seed=1.5), ["seed", "float"]),
    ("cost a str", TypeError, lambda: ic.SimConfig([1.0], holding_cost="0.1"), []),
    ("lost sales an int", TypeError, lambda: ic.SimConfig([1.0], lost_sales=1), []),
    ("days positional", TypeError, lambda: ic.SimConfig([1.0], 30), []),  # type: ignore[misc]
    ("negative threads", ic.InvalidInput, lambda: ic.simulate_many([], -1), ["threads", "-1"]),
    ("runs a str", TypeError, lambda: ic.simulate_many("runs"), ["runs", "str"]),
    ("run not a pair", TypeError, lambda: ic.simulate_many([OK]), ["runs[0]", "pair", "SimConfig"]),
    ("run of three", ic.InvalidInput, lambda: ic.simulate_many([(OK, [RQ], 1)]), ["runs[0]", "pair"]),
    ("run config not a SimConfig", TypeError, lambda: ic.simulate_many([(OK, [RQ]), ([1.0], [RQ])]),
     ["runs[1].config", "SimConfig", "list"]),
    ("run policy not a SimPolicy", TypeError, lambda: ic.simulate_many([(OK, [RQ, "min_max"])]),
     ["runs[0].policies[1]", "SimPolicy", "str"]),
]


@pytest.mark.parametrize("name, cls, call, words", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_python_input(name: str, cls: type, call: Callable[[], Any], words: list[str]) -> None:
    with pytest.raises(cls) as info:
        call()
    for w in words:
        assert w in str(info.value), (name, str(info.value))
