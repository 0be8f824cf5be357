"""Health metrics and classification read from a small hand-worked ledger."""

import datetime
import statistics
from decimal import Decimal

import pytest

import inventory_core as ic

DAY = 86_400
UTC = datetime.timezone.utc


@pytest.fixture
def shop() -> ic.Ledger:
    """A: 10 @ 2.00 on day 0, 5 shipped on day 5. B: 4 @ 5.00 on day 0, never sold."""
    ledger = ic.Ledger()
    ledger.receive("A", "WH", 10, "2.00", 0)
    ledger.receive("B", "WH", 4, "5.00", 0)
    ledger.ship("A", "WH", 5, 5 * DAY)
    return ledger


def test_activity_by_hand(shop: ic.Ledger) -> None:
    a = shop.activity("A", 0, 10 * DAY)
    assert a.sku == "A"
    assert a.units_sold == Decimal(5) and a.units_received == Decimal(10)
    assert a.cogs == Decimal("10.00")
    assert a.opening_units == 0 and a.closing_units == 5
    assert a.closing_value == Decimal("10.00")
    # 20.00 for 5 days, then 10.00 for 5 days
    assert a.average_value == Decimal("15.00")
    assert a.turnover == pytest.approx(10 / 15, rel=1e-12)
    assert a.days_of_inventory == pytest.approx(15.0, rel=1e-12)
    assert a.sell_through == pytest.approx(0.5, rel=1e-12)
    assert a.stockout_days == 0 and a.days_observed == 10
    assert a.last_sale == datetime.datetime(1970, 1, 6, tzinfo=UTC)
    # dates are accepted too
    assert shop.activity("A", datetime.date(1970, 1, 1), datetime.date(1970, 1, 11)) == a
    b = shop.activity("B", 0, 10 * DAY)
    assert b.turnover == 0.0 and b.days_of_inventory is None and b.last_sale is None
    assert [x.sku for x in shop.activity_all(0, 10 * DAY)] == ["A", "B"]
    with pytest.raises(ic.UnknownSku):
        shop.activity("NOPE", 0, DAY)
    with pytest.raises(ic.InvalidInput):
        shop.activity("A", DAY, DAY)


def test_wide_windows_cost_what_their_movements_cost(shop: ic.Ledger) -> None:
    """Regression (issue 13): a window of 10**15 s took 20 s and 2**62 hours, holding the
    ledger's lock, and the day counters were 32-bit."""
    import time

    start = time.monotonic()
    a = shop.activity("A", 0, 10**15)
    # observed every day from day 0 to the last day of the window, never out of stock
    days = (10**15 - 1) // DAY + 1
    assert days > 2**32
    assert a.days_observed == days and a.stockout_days == 0
    wide = shop.activity("A", 1_700_000_000, 2**62)
    assert wide.days_observed == (2**62 - 1) // DAY - 1_700_000_000 // DAY + 1
    assert shop.slow_movers(2**62, 2**32 - 1, 0.0) is not None
    assert shop.overstock(2**62, 2**32 - 1, 0.0) is not None
    assert len(shop.abc(0, 2**62, measure="units")) == 2
    assert time.monotonic() - start < 5.0


def test_aging(shop: ic.Ledger) -> None:
    buckets = shop.aging(40 * DAY)
    assert [b.label for b in buckets] == ["0-30", "31-60", "61-90", "91-180", "180+"]
    assert buckets[1].quantity == 9 and buckets[1].value == Decimal("30.00")
    assert sum(b.quantity for b in buckets) == 9
    assert buckets[-1].max_days is None and buckets[1].min_days == 31
    only_a = shop.aging(40 * DAY, sku="A", bounds=[10, 50])
    assert [(b.label, b.quantity, b.value) for b in only_a] == [
        ("0-10", 0, 0),
        ("11-50", 5, Decimal("10.00")),
        ("50+", 0, 0),
    ]
    with pytest.raises(ic.InvalidInput):
        shop.aging(40 * DAY, bounds=[50, 10])
    with pytest.raises(ic.InvalidInput):
        shop.aging(40 * DAY, bounds=[-1])


def test_dead_slow_and_overstock(shop: ic.Ledger) -> None:
    dead = shop.dead_stock(8 * DAY, 5)
    assert [(d.sku, d.quantity, d.value, d.last_sale) for d in dead] == [("B", 4, Decimal("20.00"), None)]
    dead = shop.dead_stock(40 * DAY, 30)
    assert [d.sku for d in dead] == ["B", "A"]  # most valuable first
    assert dead[1].last_sale == datetime.datetime(1970, 1, 6, tzinfo=UTC)
    with pytest.raises(ic.InvalidInput):
        shop.dead_stock(40 * DAY, 0)
    slow = shop.slow_movers(10 * DAY, 10, 5.0)
    assert [s.sku for s in slow] == ["A"]
    assert slow[0].daily_demand == pytest.approx(0.5)
    assert slow[0].days_of_supply == pytest.approx(10.0)
    over = shop.overstock(10 * DAY, 10, 2.0)
    assert [o.sku for o in over] == ["B", "A"]
    assert over[0].excess_units == 4.0 and over[0].days_of_supply is None
    assert over[1].excess_units == pytest.approx(4.0)
    assert over[1].on_hand == 5
    with pytest.raises(ic.InvalidInput):
        shop.overstock(10 * DAY, 0, 2.0)


def test_ledger_abc_xyz_and_demand_stats(shop: ic.Ledger) -> None:
    # The share of the items ranked *before* an item decides its class: A alone holds 100%
    # of the units sold and nothing ranks before it, so it is A; B sold nothing, so it is C.
    abc = shop.abc(0, 10 * DAY)
    assert [(s, i.class_, i.rank, i.cumulative_share) for s, i in abc] == [("A", "A", 1, 1.0), ("B", "C", 2, 0.0)]
    abc = shop.abc(0, 10 * DAY, a=1.0, b=1.0)
    assert [(s, i.class_) for s, i in abc] == [("A", "A"), ("B", "C")]
    cogs = shop.abc(0, 10 * DAY, measure="consumption_value")
    assert cogs[0][1].cumulative_share == 1.0
    with pytest.raises(ic.InvalidInput):
        shop.abc(0, 10 * DAY, measure="revenue")  # type: ignore[arg-type]
    xyz = dict(shop.xyz(0, 10 * DAY))
    daily = [0, 0, 0, 0, 0, 5, 0, 0, 0, 0]
    assert xyz["A"].mean == pytest.approx(statistics.mean(daily))
    assert xyz["A"].std_dev == pytest.approx(statistics.stdev(daily))
    assert xyz["A"].class_ == "Z" and xyz["B"].cv is None
    mean, sd = shop.demand_stats("A", start=0, end=9 * DAY)
    h = shop.demand_history("A", start=0, end=9 * DAY)
    qs = [float(q) for q in h.quantities]
    assert len(qs) == 10
    assert mean == pytest.approx(statistics.mean(qs), rel=1e-12)
    assert sd == pytest.approx(statistics.stdev(qs), rel=1e-12)
    assert ic.demand_stats(qs) == (mean, sd)
