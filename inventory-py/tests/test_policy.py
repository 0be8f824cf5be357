"""Policy math: the normal distribution, safety stock, the EOQ family and the newsvendor.

Expected values are computed independently (closed forms, Python's statistics.NormalDist).
"""

import math
from statistics import NormalDist

import numpy as np
import pytest

import inventory_core as ic

N = NormalDist()
Z95 = 1.6448536269514715  # Φ⁻¹(0.95)


def close(a: float, b: float, rel: float = 1e-12) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-300)


# ----- normal distribution -----


def test_inverse_normal_cdf_matches_statistics_over_a_grid() -> None:
    ps = [1e-12, 1e-9, 1e-6, 1e-3, 0.01, 0.025, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999]
    ps += [1 - p for p in ps[:6]] + [i / 97 for i in range(1, 97)]
    for p in ps:
        assert math.isclose(ic.inverse_normal_cdf(p), N.inv_cdf(p), rel_tol=1e-9, abs_tol=1e-15), p


def test_inverse_normal_cdf_refuses_outside_the_open_unit_interval() -> None:
    for p in (0.0, 1.0, -0.1, 1.5, math.nan):
        with pytest.raises(ic.InvalidInput):
            ic.inverse_normal_cdf(p)


def test_normal_cdf_and_loss() -> None:
    for i in range(-50, 51):
        z = i / 10
        assert math.isclose(ic.normal_cdf(z), N.cdf(z), rel_tol=1e-12, abs_tol=1e-15)
        expected_loss = N.pdf(z) - z * (1 - N.cdf(z))
        assert math.isclose(ic.normal_loss(z), expected_loss, rel_tol=1e-9, abs_tol=1e-14)
    assert ic.normal_cdf(0.0) == 0.5
    assert close(ic.normal_loss(0.0), 1 / math.sqrt(2 * math.pi))


def test_demand_stats() -> None:
    series = [12, 15, 9, 14, 10]
    mean, sd = ic.demand_stats(series)
    assert close(mean, 12.0)
    assert close(sd, math.sqrt(sum((x - 12) ** 2 for x in series) / 4))
    assert ic.demand_stats(np.array(series, dtype=np.float64), per="week") == (mean, sd)
    with pytest.raises(ic.InvalidInput):
        ic.demand_stats([])
    with pytest.raises(ic.InvalidInput):
        ic.demand_stats([1.0, math.nan])
    with pytest.raises(ic.InvalidInput):
        ic.demand_stats([1.0], per="fortnight")


# ----- safety stock -----


def test_safety_stock_demand_variability() -> None:
    s = ic.safety_stock(100, 20, 4, method="demand_variability", service_level=0.95)
    assert isinstance(s, ic.SafetyStock)
    assert close(s.safety_stock, Z95 * 20 * 2)
    assert close(s.safety_factor, Z95)
    assert s.protection_interval == 4
    assert s.expected_demand == 400
    assert s.std_dev_protection == 40
    assert close(s.reorder_point, 400 + Z95 * 40)


def test_safety_stock_combined_and_lead_time_variability() -> None:
    z = N.inv_cdf(0.98)
    s = ic.safety_stock(50, 10, 9, lead_time_std_dev=2, service_level=0.98)  # combined by default
    sigma = math.sqrt(9 * 10**2 + 50**2 * 2**2)
    assert close(s.std_dev_protection, sigma)
    assert math.isclose(s.safety_stock, z * sigma, rel_tol=1e-9)
    s = ic.safety_stock(50, 10, 9, lead_time_std_dev=2, method="lead_time_variability", service_level=0.98)
    assert math.isclose(s.safety_stock, z * 50 * 2, rel_tol=1e-9)


def test_safety_stock_periodic_review_and_max_minus_average() -> None:
    s = ic.safety_stock(10, 3, 2, unit="week", method="periodic_review", review_period=2, service_level=0.95)
    assert s.protection_interval == 4
    assert s.expected_demand == 40
    assert close(s.safety_stock, Z95 * 3 * 2)
    s = ic.safety_stock(100, 20, 4, method="max_minus_average", max_demand=130, max_lead_time=6)
    assert s.safety_factor is None
    assert s.safety_stock == 130 * 6 - 400
    assert s.reorder_point == 130 * 6


def test_fill_rate_target_meets_the_fill_rate() -> None:
    for beta, q in [(0.98, 500.0), (0.95, 200.0), (0.999, 1000.0), (0.9, 50.0)]:
        s = ic.safety_stock(100, 20, 4, method="demand_variability", fill_rate=beta, order_quantity=q)
        k, sigma = s.safety_factor, s.std_dev_protection
        assert math.isclose(1 - sigma * ic.normal_loss(k) / q, beta, rel_tol=1e-9)
        assert close(s.safety_stock, k * sigma)


def test_safety_stock_argument_errors() -> None:
    for sl in (0.0, 1.0, math.nan):
        with pytest.raises(ic.InvalidInput):
            ic.safety_stock(100, 20, 4, service_level=sl)
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(-1, 20, 4, service_level=0.95)
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(math.nan, 20, 4, service_level=0.95)
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(100, 20, 4)  # no target
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(100, 20, 4, service_level=0.95, fill_rate=0.9, order_quantity=10)
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(100, 20, 4, fill_rate=0.9)  # no order quantity
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(100, 20, 4, method="magic", service_level=0.95)  # type: ignore[call-overload]
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(100, 20, 4, method="max_minus_average", max_demand=90, max_lead_time=6)
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock(100, 20, 4, unit="fortnight", service_level=0.95)  # type: ignore[call-overload]
    # A value of the wrong type is a TypeError naming the argument.
    with pytest.raises(TypeError, match="mean: expected a number, got str"):
        ic.safety_stock("a lot", 20, 4, service_level=0.95)  # type: ignore[call-overload]


def test_safety_stock_batch_equals_scalars() -> None:
    means = np.array([100.0, 50.0, 0.0, 7.5])
    sds = [20.0, 5.0, 1.0, 2.5]
    lts = np.array([4.0, 9.0, 1.0, 0.5])
    b = ic.safety_stock(means, sds, lts, lead_time_std_dev=1.0, service_level=0.9)
    assert isinstance(b, ic.SafetyStockBatch)
    assert len(b) == 4
    assert isinstance(b.safety_stock, np.ndarray) and b.safety_stock.dtype == np.float64
    for i in range(4):
        s = ic.safety_stock(float(means[i]), sds[i], float(lts[i]), lead_time_std_dev=1.0, service_level=0.9)
        assert b.safety_stock[i] == s.safety_stock
        assert b.safety_factor[i] == s.safety_factor
        assert b.reorder_point[i] == s.reorder_point
        assert b.expected_demand[i] == s.expected_demand
        assert b.std_dev_protection[i] == s.std_dev_protection
        assert b.protection_interval[i] == s.protection_interval


def test_safety_stock_batch_broadcasts_and_reports_the_index() -> None:
    b = ic.safety_stock([100.0, 200.0, 300.0], 20.0, [4.0], method="demand_variability", service_level=0.95)
    assert np.allclose(b.safety_stock, Z95 * 40, rtol=1e-12)
    assert list(b.expected_demand) == [400.0, 800.0, 1200.0]
    mma = ic.safety_stock([1.0, 2.0], 0.0, 1.0, method="max_minus_average", max_demand=5, max_lead_time=2)
    assert np.isnan(mma.safety_factor).all()
    with pytest.raises(ic.InvalidInput) as e:
        ic.safety_stock(np.array([1.0, 2.0, -3.0]), 1.0, 1.0, service_level=0.9)
    assert e.value.index == 2
    with pytest.raises(ic.InvalidInput):
        ic.safety_stock([1.0, 2.0, 3.0], [1.0, 2.0], 1.0, service_level=0.9)  # lengths differ
    # other dtypes are converted
    b32 = ic.safety_stock(np.array([100, 50], dtype=np.int64), np.array([20, 5], dtype=np.float32), 4.0, service_level=0.95)
    assert len(b32) == 2


# ----- EOQ family -----


def test_eoq() -> None:
    q = ic.eoq(1000, 10, 0.5)
    assert isinstance(q, ic.OrderQuantity)
    assert close(q.quantity, 200.0)
    assert close(q.total_cost, 100.0)
    assert close(q.ordering_cost, 50.0) and close(q.holding_cost, 50.0)
    assert close(q.orders_per_year, 5.0) and close(q.cycle_years, 0.2)
    c = ic.eoq_cost(1000, 10, 0.5, 250)
    assert close(c.total_cost, 1000 / 250 * 10 + 250 / 2 * 0.5)
    for bad in [(1000, 10, 0), (-1, 10, 0.5), (1000, math.nan, 0.5)]:
        with pytest.raises(ic.InvalidInput):
            ic.eoq(*bad)


def test_results_beyond_float_range_are_overflow_errors() -> None:
    """Regression (issue 13): finite inputs gave inf results without an error."""
    with pytest.raises(ic.Overflow, match="overflow"):
        ic.eoq(1e308, 10, 0.5)
    with pytest.raises(ic.Overflow):
        ic.safety_stock(1e308, 1.0, 4.0, service_level=0.95)
    with pytest.raises(ic.Overflow):
        ic.newsvendor_normal(1e308, 1e308, 6, 4)
    with pytest.raises(ArithmeticError):  # Overflow is an ArithmeticError too
        ic.eoq_backorders(1e308, 10, 0.5, 1.0)
    # batches name the item
    with pytest.raises(ic.Overflow) as e:
        ic.eoq([1000.0, 1e308], 10.0, 0.5)
    assert e.value.index == 1
    assert math.isfinite(ic.eoq(1e300, 10, 0.5).quantity)


def test_eoq_batch_equals_scalars() -> None:
    d = np.array([1000.0, 5000.0, 0.0, 123.0])
    b = ic.eoq(d, 10.0, np.array([0.5, 1.0, 2.0, 0.25]))
    assert isinstance(b, ic.OrderQuantityBatch)
    for i, h in enumerate([0.5, 1.0, 2.0, 0.25]):
        s = ic.eoq(float(d[i]), 10.0, h)
        assert b.quantity[i] == s.quantity
        assert b.total_cost[i] == s.total_cost
        assert b.cycle_years[i] == s.cycle_years
    with pytest.raises(ic.InvalidInput) as e:
        ic.eoq([1.0, 2.0], 1.0, [1.0, 0.0])
    assert e.value.index == 1


def test_outputs_selects_columns_bit_for_bit() -> None:
    rng = np.random.default_rng(7)
    n = 1500  # several of the core's blocks
    d = rng.uniform(0, 50, n)
    d[::17] = 0.0
    sd, lt, ltsd = rng.uniform(0, 9, n), rng.uniform(0.5, 30, n), rng.uniform(0, 4, n)
    full = ic.safety_stock(d, sd, lt, lead_time_std_dev=ltsd, service_level=0.97)
    one = ic.safety_stock(d, sd, lt, lead_time_std_dev=ltsd, service_level=0.97, outputs="reorder_point")
    assert isinstance(one, np.ndarray) and one.dtype == np.float64
    assert np.array_equal(one, full.reorder_point)
    ss, sigma = ic.safety_stock(
        d, sd, lt, lead_time_std_dev=ltsd, service_level=0.97, outputs=("safety_stock", "std_dev_protection")
    )
    assert np.array_equal(ss, full.safety_stock) and np.array_equal(sigma, full.std_dev_protection)
    # scalar inputs with outputs= give a batch of one
    assert list(ic.safety_stock(100, 20, 4, service_level=0.95, outputs=["safety_factor"])[0]) == [
        ic.safety_stock(100, 20, 4, service_level=0.95).safety_factor
    ]

    annual, order, hold = d * 52, rng.uniform(5, 80, n), rng.uniform(0.1, 3, n)
    q_full = ic.eoq(annual, order, hold)
    q = ic.eoq(annual, order, hold, outputs="quantity")
    assert np.array_equal(q, q_full.quantity)
    cyc, tot = ic.eoq(annual, order, hold, outputs=("cycle_years", "total_cost"))
    assert np.array_equal(cyc, q_full.cycle_years) and np.array_equal(tot, q_full.total_cost)
    # the textbook case, through the one-column path: D = 1,000, S = 10, H = 0.5 -> Q* = 200
    assert ic.eoq([1000.0], 10.0, 0.5, outputs="quantity")[0] == 200.0

    with pytest.raises(ic.InvalidInput, match="unknown column"):
        ic.eoq(annual, order, hold, outputs="qty")  # type: ignore[call-overload]
    with pytest.raises(ic.InvalidInput, match="named twice"):
        ic.eoq(annual, order, hold, outputs=("quantity", "total_cost", "quantity"))
    with pytest.raises(ic.InvalidInput, match="at least one"):
        ic.eoq(annual, order, hold, outputs=())
    with pytest.raises(TypeError, match="column names"):
        ic.safety_stock(d, sd, lt, service_level=0.9, outputs=[1])  # type: ignore[call-overload]
    bad = d.copy()
    bad[1234] = -1.0
    with pytest.raises(ic.InvalidInput) as e:
        ic.safety_stock(bad, sd, lt, service_level=0.9, outputs="safety_stock")
    assert e.value.index == 1234
    with pytest.raises(ic.InvalidInput) as e:
        ic.eoq(annual, order, np.where(np.arange(n) == 999, 0.0, hold), outputs="quantity")
    assert e.value.index == 999


def test_eoq_backorders_and_epq() -> None:
    d, s, h, p = 1000.0, 10.0, 0.5, 2.0
    b = ic.eoq_backorders(d, s, h, p)
    q = math.sqrt(2 * d * s / h * (h + p) / p)
    assert close(b.quantity, q)
    assert close(b.max_backorder, q * h / (h + p))
    assert close(b.max_inventory + b.max_backorder, b.quantity)
    e = ic.epq(1000, 10, 0.5, 4000)
    f = 1 - 1000 / 4000
    assert close(e.quantity, math.sqrt(2 * 1000 * 10 / (0.5 * f)))
    assert close(e.max_inventory, e.quantity * f)
    assert close(e.run_years, e.quantity / 4000)
    with pytest.raises(ic.InvalidInput):
        ic.epq(1000, 10, 0.5, 900)


def test_eoq_discount_heizer_render() -> None:
    breaks = [(0, 5.00), (1000, 4.80), (2000, 4.75)]
    r = ic.eoq_discount(5000, 49, breaks, holding_rate=0.2)
    assert close(r.quantity, 1000.0)
    assert r.break_index == 1 and r.unit_price == 4.80
    assert math.isclose(r.total_cost, 24725.0, rel_tol=1e-12)
    assert math.isclose(r.purchase_cost, 24000.0, rel_tol=1e-12)
    with pytest.raises(ic.InvalidInput):
        ic.eoq_discount(5000, 49, breaks)  # no holding cost
    with pytest.raises(ic.InvalidInput):
        ic.eoq_discount(5000, 49, breaks, holding_rate=0.2, kind="bogus")  # type: ignore[arg-type]
    with pytest.raises(ic.InvalidInput):
        ic.eoq_discount(5000, 49, [(0, 5.0), (0, 4.0)], holding_rate=0.2)
    inc = ic.eoq_discount(5000, 49, breaks, holding_rate=0.2, kind="incremental")
    assert inc.quantity > 0 and inc.total_cost >= 24725.0 - 1e-9


def test_round_order_quantity() -> None:
    r = ic.round_order_quantity(1000, 10, 0.5, 200, pack_size=12)
    # 192 or 204: the cheaper of the two neighbouring packs.
    cost = lambda q: 1000 / q * 10 + q / 2 * 0.5  # noqa: E731
    best = min((192.0, 204.0), key=cost)
    assert r.quantity == best
    assert close(r.total_cost, cost(best))
    assert close(r.unrounded_cost, 100.0)
    assert close(r.penalty, cost(best) - 100.0)
    r = ic.round_order_quantity(1000, 10, 0.5, 200, min_order_quantity=500, pack_size=100)
    assert r.quantity == 500
    with pytest.raises(ic.InvalidInput):
        ic.round_order_quantity(1000, 10, 0.5, 200, pack_size=0)


# ----- newsvendor -----


def test_newsvendor_normal() -> None:
    n = ic.newsvendor_normal(100, 20, 6, 4)
    assert close(n.critical_ratio, 0.6)
    assert math.isclose(n.quantity, 100 + 20 * N.inv_cdf(0.6), rel_tol=1e-12)
    z = (n.quantity - 100) / 20
    short = 20 * (N.pdf(z) - z * (1 - N.cdf(z)))
    assert math.isclose(n.expected_shortage, short, rel_tol=1e-9)
    assert math.isclose(n.expected_sales, 100 - short, rel_tol=1e-12)
    with pytest.raises(ic.InvalidInput):
        ic.newsvendor_normal(100, 20, 0, 4)


def test_newsvendor_empirical_and_costs_from_prices() -> None:
    n = ic.newsvendor_empirical([50, 10, 40, 20, 30], 6, 4)
    assert n.quantity == 30
    assert n.expected_leftover == (20 + 10 + 0 + 0 + 0) / 5
    assert n.expected_shortage == (10 + 20) / 5
    assert ic.newsvendor_empirical(np.array([50.0, 10, 40, 20, 30]), 6, 4) == n
    with pytest.raises(ic.InvalidInput):
        ic.newsvendor_empirical([], 6, 4)
    with pytest.raises(ic.InvalidInput):
        ic.newsvendor_empirical([1.0, -2.0], 6, 4)
    assert ic.newsvendor_costs_from_prices(10.0, 6.0) == (4.0, 6.0)
    assert ic.newsvendor_costs_from_prices(10.0, 6.0, salvage=1.0, shortage_penalty=2.0) == (6.0, 5.0)


def test_costs_from_prices_beyond_a_float_are_overflow() -> None:
    """newsvendor_costs_from_prices returned (0.0, inf) for a cost of 1e308 and a salvage value
    of -1e308, and NaN costs for a NaN price; now Overflow and InvalidInput."""
    with pytest.raises(ic.Overflow, match="underage and overage costs"):
        ic.newsvendor_costs_from_prices(1e308, 1e308, salvage=-1e308)
    with pytest.raises(ic.Overflow):
        ic.newsvendor_costs_from_prices(1e308, -1e308)
    with pytest.raises(ic.InvalidInput, match="price"):
        ic.newsvendor_costs_from_prices(math.nan, 1.0)
    with pytest.raises(ic.InvalidInput, match="salvage"):
        ic.newsvendor_costs_from_prices(10.0, 1.0, salvage=math.inf)
