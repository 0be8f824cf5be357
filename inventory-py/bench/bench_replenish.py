"""Benchmark: inventory_core's planning run vs the same (s, Q) planning step in numpy.

One workload, side by side in one process: --skus SKUs x 3 locations, stock on hand at every
pair, ten suppliers each selling a tenth of the SKUs with three all-units price breaks (0,
100, 500 units), a pack size and an MOQ of two packs, a quoted lead time (mean and
deviation), a flat daily forecast (mean and deviation) per pair; the (s, Q) policy with the
EOQ at a 95 % cycle service level, order cost 25, holding 25 % a year.

The numpy step computes exactly what the engine's (s, Q) suggestion does: demand over the
lead time D(L) = d.L, sigma(L) = sqrt(L.sd^2 + d^2.sL^2), s = D(L) + z.sigma(L); the EOQ under
all-units breaks (each bracket's optimum clamped into it, the cheapest total cost), rounded
to the pack (of the multiples around it, at least the MOQ, the one cheaper a year at the price
it really pays); at or below s, order
the smallest multiple of Q that lifts the position above s, priced at its break. The engine
does more in the same call (a weekly projection, stockout day and cover, quantiles at the
lead time, alerts, suggested lines with their traces, grouping by supplier): the ratio is
of the whole planning run against the bare step. The script checks that both order the same
quantity for every pair.

    python inventory-py/bench/bench_replenish.py [--skus 20000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import datetime, timezone
from decimal import Decimal

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import inventory_core as ic  # noqa: E402

LOCATIONS = ["W1", "W2", "W3"]
SUPPLIERS = 10
ALPHA = 0.95
ORDER_COST = 25.0
HOLDING = 0.25
BREAKS = (0.0, 100.0, 500.0)
HORIZON = 182


def workload(skus: int, seed: int = 14) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = skus * len(LOCATIONS)
    price = np.round(rng.uniform(1.5, 90.0, skus), 2)
    return {
        "price": price,
        "p1": np.round(price * 0.95, 2),
        "p2": np.round(price * 0.90, 2),
        "pack": rng.choice([1, 1, 6, 12, 24], skus).astype(float),
        "lead": 5.0 + (np.arange(skus) % SUPPLIERS) * 2.5,
        "on_hand": rng.integers(0, 301, n).astype(float),
        "daily": rng.integers(2, 201, n) / 10.0,
    }


def build(w: dict[str, np.ndarray], skus: int) -> tuple[ic.Ledger, list[ic.DemandForecast]]:
    t0 = datetime(2027, 1, 4, tzinfo=timezone.utc)
    ledger = ic.Ledger()
    items: list[list[ic.SupplierItem]] = [[] for _ in range(SUPPLIERS)]
    for i in range(skus):
        pack = int(w["pack"][i])
        items[i % SUPPLIERS].append(
            ic.SupplierItem(
                f"SKU-{i:06}",
                prices=[
                    (0, Decimal(f"{w['price'][i]:.2f}")),
                    (100, Decimal(f"{w['p1'][i]:.2f}")),
                    (500, Decimal(f"{w['p2'][i]:.2f}")),
                ],
                lead_time_days=float(w["lead"][i]),
                lead_time_std_days=float(w["lead"][i]) / 5.0,
                pack_size=pack,
                min_order_quantity=2 * pack,
                preferred=True,
            )
        )
    for s in range(SUPPLIERS):
        ledger.set_supplier(ic.Supplier(f"SUP-{s:02}", f"Supplier {s}", net_days=30, items=items[s]), t0)
    kinds, sku_col, loc_col, qty, times, costs = [], [], [], [], [], []
    demand = []
    for i in range(skus):
        for k, loc in enumerate(LOCATIONS):
            j = i * len(LOCATIONS) + k
            q = int(w["on_hand"][j])
            if q > 0:
                kinds.append("receive")
                sku_col.append(f"SKU-{i:06}")
                loc_col.append(loc)
                qty.append(q)
                times.append(t0)
                costs.append(Decimal(f"{w['price'][i]:.2f}"))
            d = float(w["daily"][j])
            demand.append(ic.DemandForecast.flat(f"SKU-{i:06}", loc, d, d**0.5, HORIZON))
    ledger.post_columns(kinds, sku_col, loc_col, qty, times, unit_costs=costs)
    return ledger, demand


def numpy_step(w: dict[str, np.ndarray], skus: int, z: float) -> np.ndarray:
    """Units to order per pair (0: none), by the (s, Q) rules above."""
    per = len(LOCATIONS)
    rep = lambda a: np.repeat(a, per)  # noqa: E731
    lead, sl = rep(w["lead"]), rep(w["lead"]) / 5.0
    d = w["daily"]
    sd = np.sqrt(d)
    mean_l = d * lead
    sigma_l = np.sqrt(lead * sd**2 + d**2 * sl**2)
    s = mean_l + z * sigma_l
    annual = d * 365.0
    prices = np.stack([rep(w["price"]), rep(w["p1"]), rep(w["p2"])])  # (3, n)
    lo = np.array(BREAKS)[:, None]
    hi = np.array(BREAKS[1:] + (np.inf,))[:, None]
    q_star = np.sqrt(2.0 * annual * ORDER_COST / (HOLDING * prices))
    feasible = (q_star < hi) | np.isinf(hi)
    q = np.maximum(q_star, np.maximum(lo, np.finfo(float).tiny))
    cost = annual * prices + annual / q * ORDER_COST + HOLDING * prices * q / 2.0
    cost = np.where(feasible, cost, np.inf)
    best = np.argmin(cost, axis=0)
    cols = np.arange(q.shape[1])
    q_best = q[best, cols]
    pack = rep(w["pack"])
    moq = np.maximum(np.ceil(2.0 * pack / pack), 1.0) * pack
    down = np.maximum(np.floor(q_best / pack) * pack, moq)
    up = np.maximum(np.ceil(q_best / pack) * pack, moq)

    def full_cost(x: np.ndarray) -> np.ndarray:
        # At the price each quantity really pays (all-units: the highest break at or below).
        price = np.where(x >= BREAKS[2], prices[2], np.where(x >= BREAKS[1], prices[1], prices[0]))
        return annual * price + annual / x * ORDER_COST + HOLDING * price * x / 2.0

    c_down, c_up = full_cost(down), full_cost(up)
    big_q = np.where(c_down <= c_up + 1e-12 * np.abs(c_up), down, up)
    position = w["on_hand"]
    n = np.floor((s - position) / big_q) + 1.0
    return np.where((position <= s) & ((s > 0) | (position < 0)) & (annual > 0), n * big_q, 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skus", type=int, default=20_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    w = workload(args.skus)
    ledger, demand = build(w, args.skus)
    as_of = datetime(2027, 1, 5, tzinfo=timezone.utc)
    request = ic.PlanRequest(as_of, demand, horizon_days=HORIZON, transfer_days=None, projection="week")
    z = statistics.NormalDist().inv_cdf(ALPHA)

    def timed(fn):  # type: ignore[no-untyped-def]
        times, out = [], None
        for _ in range(args.repeats):
            t = time.perf_counter()
            out = fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times), out

    t_ours, plan = timed(lambda: ledger.plan(request))
    t_np, wanted = timed(lambda: numpy_step(w, args.skus, z))
    ours = np.zeros(len(demand))
    index = {(f"SKU-{i:06}", loc): i * len(LOCATIONS) + k for i in range(args.skus) for k, loc in enumerate(LOCATIONS)}
    for o in plan.orders:
        for line in o.lines:
            ours[index[(line.sku, line.location)]] = float(line.quantity)
    differ = int(np.sum(np.abs(ours - wanted) > 1e-9))
    pairs = len(demand)
    print(f"{args.skus} SKUs x {len(LOCATIONS)} locations = {pairs} pairs; {int(np.sum(wanted > 0))} lines suggested")
    print(f"  inventory_core Ledger.plan (1 thread): {t_ours * 1e3:9.1f} ms  ({pairs / t_ours / 1e3:.0f} k pairs/s)")
    print(f"  numpy (s, Q) step:                     {t_np * 1e3:9.1f} ms  ({pairs / t_np / 1e3:.0f} k pairs/s)")
    print(f"  ratio numpy / inventory_core: {t_np / t_ours:.2f} (> 1: inventory_core is faster)")
    print(f"  pairs whose quantities differ: {differ}")
    if differ:
        raise SystemExit("the two implementations disagree")


if __name__ == "__main__":
    main()
