"""Benchmark: inventory_core's policy and classification APIs on numpy arrays vs the same
computation written in vectorized numpy / pandas, side by side in one process.

Two workloads over --skus items (default 1,000,000):

* ABC by annual consumption value + XYZ by the coefficient of variation of --periods (52)
  weekly demand values per SKU;
* safety stock (combined method, 95 % cycle service level) + EOQ, three ways: the two
  columns a reorder report needs (``outputs=``) against numpy without and with the same input
  checks, and all twelve columns of both batches against numpy computing the same twelve.

The script checks that both paths agree (ABC/XYZ class counts equal and classes identical;
safety stock and EOQ equal to 1e-9 relative) and prints the median of --repeats runs and the
ratio numpy / inventory_core (> 1: inventory_core is faster).

    python inventory-py/bench/bench_policy.py [--skus 1000000] [--periods 52] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any, Callable

import numpy as np
import pandas as pd

import inventory_core as ic

try:  # scipy is optional: one scalar z is all the numpy path needs
    from scipy.stats import norm

    def z_of(p: float) -> float:
        return float(norm.ppf(p))

except ImportError:  # pragma: no cover

    def z_of(p: float) -> float:
        return statistics.NormalDist().inv_cdf(p)


A, B = 0.8, 0.95
X, Y = 0.5, 1.0
SERVICE = 0.95


def median_time(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


# ----- ABC + XYZ -----


def abc_xyz_ours(values: np.ndarray, demand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = ic.abc(values, a=A, b=B)
    x = ic.xyz_many(demand, x=X, y=Y)
    return a.class_code, x.class_code


def abc_xyz_numpy(values: np.ndarray, demand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # ABC: descending stable sort; the share of the positive total held by the items ranked
    # before an item decides its class (the core's rule).
    s = pd.Series(values)
    order = np.argsort(-values, kind="stable")
    positive = np.where(values > 0, values, 0.0)
    total = positive.sum()
    before = np.empty_like(values)
    ranked = positive[order]
    before[order] = (np.cumsum(ranked) - ranked) / total
    tol = 1 - 1e-12
    abc = np.where(before < A * tol, 0, np.where(before < B * tol, 1, 2)).astype(np.int8)
    abc[s.to_numpy() <= 0] = 2
    # XYZ: sample standard deviation / mean per row.
    mean = demand.mean(axis=1)
    sd = demand.std(axis=1, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = sd / mean
    xyz = np.where(mean <= 0, 2, np.where(cv <= X, 0, np.where(cv <= Y, 1, 2))).astype(np.int8)
    return abc, xyz


# ----- safety stock + EOQ -----


def ss_eoq_ours(d, sd, lt, lt_sd, annual, order_cost, holding) -> tuple[np.ndarray, np.ndarray]:
    """The two columns a reorder report needs: only they are computed (``outputs=``)."""
    ss = ic.safety_stock(
        d, sd, lt, lead_time_std_dev=lt_sd, method="combined", service_level=SERVICE, outputs="safety_stock"
    )
    q = ic.eoq(annual, order_cost, holding, outputs="quantity")
    return ss, q


def ss_eoq_ours_all(d, sd, lt, lt_sd, annual, order_cost, holding) -> tuple[np.ndarray, np.ndarray]:
    """Every column of a safety stock and an EOQ batch (twelve arrays)."""
    ss = ic.safety_stock(d, sd, lt, lead_time_std_dev=lt_sd, method="combined", service_level=SERVICE)
    q = ic.eoq(annual, order_cost, holding)
    return ss.safety_stock, q.quantity


def check_inputs(d, sd, lt, lt_sd, annual, order_cost, holding) -> None:
    """inventory_core's input checks: every input finite and non-negative, holding cost
    positive."""
    for a in (d, sd, lt, lt_sd, annual, order_cost):
        if not (np.isfinite(a).all() and (a >= 0).all()):
            raise ValueError("invalid input")
    if not (np.isfinite(holding).all() and (holding > 0).all()):
        raise ValueError("invalid holding cost")


def ss_eoq_numpy_checked(d, sd, lt, lt_sd, annual, order_cost, holding) -> tuple[np.ndarray, np.ndarray]:
    """The two columns, with the same input checks as inventory_core."""
    check_inputs(d, sd, lt, lt_sd, annual, order_cost, holding)
    return ss_eoq_numpy(d, sd, lt, lt_sd, annual, order_cost, holding)


def ss_eoq_numpy(d, sd, lt, lt_sd, annual, order_cost, holding) -> tuple[np.ndarray, np.ndarray]:
    z = z_of(SERVICE)
    ss = z * np.sqrt(lt * sd * sd + d * d * lt_sd * lt_sd)
    q = np.sqrt(2.0 * annual * order_cost / holding)
    return ss, q


def ss_eoq_numpy_same_outputs(d, sd, lt, lt_sd, annual, order_cost, holding) -> tuple[np.ndarray, np.ndarray]:
    """The same outputs and input checks as inventory_core returns: every input finite and
    non-negative (holding cost positive), then the twelve columns of a safety stock and an
    EOQ batch."""
    check_inputs(d, sd, lt, lt_sd, annual, order_cost, holding)
    z = z_of(SERVICE)
    sigma = np.sqrt(lt * sd * sd + d * d * lt_sd * lt_sd)
    ss = z * sigma
    factor = np.full_like(ss, z)
    interval = lt.copy()
    expected = d * lt
    rop = expected + ss
    q = np.sqrt(2.0 * annual * order_cost / holding)
    ordering = annual / q * order_cost
    holding_cost = q / 2.0 * holding
    total = ordering + holding_cost
    orders = annual / q
    cycle = q / annual
    del factor, interval, rop, total, orders, cycle
    return ss, q


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skus", type=int, default=1_000_000)
    ap.add_argument("--periods", type=int, default=52)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    n, p = args.skus, args.periods
    rng = np.random.default_rng(42)

    values = rng.lognormal(mean=5.0, sigma=2.0, size=n)
    values[rng.random(n) < 0.02] = 0.0  # some SKUs without sales
    base = rng.gamma(2.0, 20.0, size=(n, 1))
    demand = rng.poisson(base * rng.lognormal(0.0, 0.6, size=(n, p))).astype(np.float64)

    d = rng.gamma(2.0, 10.0, size=n)
    sd = d * rng.uniform(0.1, 1.5, size=n)
    lt = rng.uniform(1.0, 30.0, size=n)
    lt_sd = lt * rng.uniform(0.0, 0.3, size=n)
    annual = d * 365.25
    order_cost = rng.uniform(5.0, 100.0, size=n)
    holding = rng.uniform(0.1, 10.0, size=n)

    print(f"{n:,} SKUs, {p} periods each, median of {args.repeats} runs")

    t_ours, (abc1, xyz1) = median_time(lambda: abc_xyz_ours(values, demand), args.repeats)
    t_np, (abc2, xyz2) = median_time(lambda: abc_xyz_numpy(values, demand), args.repeats)
    assert np.bincount(abc1, minlength=3).tolist() == np.bincount(abc2, minlength=3).tolist(), "ABC counts differ"
    assert np.bincount(xyz1, minlength=3).tolist() == np.bincount(xyz2, minlength=3).tolist(), "XYZ counts differ"
    assert np.array_equal(abc1, abc2) and np.array_equal(xyz1, xyz2)
    print(f"ABC + XYZ      inventory_core {t_ours:8.3f} s   numpy/pandas {t_np:8.3f} s   ratio {t_np / t_ours:5.2f}x")
    print(f"  ABC counts {np.bincount(abc1).tolist()}  XYZ counts {np.bincount(xyz1).tolist()}")

    inputs = (d, sd, lt, lt_sd, annual, order_cost, holding)
    runs = {
        "ours 2": ss_eoq_ours,
        "numpy 2": ss_eoq_numpy,
        "numpy 2 checked": ss_eoq_numpy_checked,
        "ours 12": ss_eoq_ours_all,
        "numpy 12 checked": ss_eoq_numpy_same_outputs,
    }
    times = {}
    for name, fn in runs.items():
        times[name], (ss, q) = median_time(lambda fn=fn: fn(*inputs), args.repeats)
        if name == "ours 2":
            ref = (ss, q)
        assert np.allclose(ss, ref[0], rtol=1e-9, atol=0), f"safety stock differs ({name})"
        assert np.allclose(q, ref[1], rtol=1e-9, atol=0), f"EOQ differs ({name})"

    def row(label: str, ours: str, theirs: str, what: str) -> None:
        t_o, t_n = times[ours] * 1e3, times[theirs] * 1e3
        print(f"{label:14} inventory_core {t_o:7.1f} ms   numpy {t_n:7.1f} ms   ratio {t_n / t_o:5.2f}x   ({what})")

    row("SS + EOQ", "ours 2", "numpy 2", "2 columns; numpy without input checks")
    row("SS + EOQ", "ours 2", "numpy 2 checked", "2 columns; both check the inputs")
    row("SS + EOQ", "ours 12", "numpy 12 checked", "all 12 columns; both check the inputs")


if __name__ == "__main__":
    main()
