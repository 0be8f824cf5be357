"""Benchmark: a plain-Python FIFO ledger vs inventory_core per call vs inventory_core batch.

The same workload (receipts at varying costs, then shipments and transfers) runs three
ways, side by side in one process; the script checks that all give the same total COGS
and prints movements/second (median of --repeats runs) and the ratios.

    python inventory-py/bench/bench_ledger.py [--skus 2000] [--locations 5] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections import deque
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Optional

# numpy's BLAS threads are not used here, but once started they spin on the second core of a
# two-core machine and take time from the runs being measured.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import inventory_core as ic  # noqa: E402

CENT = Decimal("0.01")

# One movement: (kind, sku, location, quantity, unit_cost_cents or None, time, to_location or None)
Row = tuple[str, str, str, int, Optional[int], int, Optional[str]]


def workload(skus: int, locations: int, receipts_per_position: int, events: int, seed: int = 42) -> list[Row]:
    """Receipts at varying costs for every SKU/location, then shipments (80%) and transfers (20%).

    Availability is tracked here so that every movement is valid.
    """
    rng = random.Random(seed)
    sku_names = [f"SKU-{i:05}" for i in range(skus)]
    loc_names = [f"WH-{j}" for j in range(locations)]
    on_hand: dict[tuple[str, str], int] = {}
    rows: list[Row] = []
    t = 1_700_000_000
    for _ in range(receipts_per_position):
        for s in sku_names:
            for loc in loc_names:
                q = rng.randint(20, 50)
                cost = rng.randint(500, 2500)  # 5.00 .. 25.00
                rows.append(("receive", s, loc, q, cost, t, None))
                on_hand[(s, loc)] = on_hand.get((s, loc), 0) + q
                t += 1
    while len(rows) < receipts_per_position * skus * locations + events:
        s = rng.choice(sku_names)
        loc = rng.choice(loc_names)
        have = on_hand[(s, loc)]
        if have == 0:
            continue
        q = rng.randint(1, min(5, have))
        if rng.random() < 0.8:
            rows.append(("ship", s, loc, q, None, t, None))
            on_hand[(s, loc)] = have - q
        else:
            to = rng.choice([x for x in loc_names if x != loc])
            rows.append(("transfer", s, loc, q, None, t, to))
            on_hand[(s, loc)] = have - q
            on_hand[(s, to)] = on_hand.get((s, to), 0) + q
        t += 1
    return rows


class PlainFifoLedger:
    """A straightforward, correct FIFO ledger in plain Python: cost layers per SKU and
    location (deque of [quantity, value, received_at], ordered by receipt time), partial
    layer consumption with values rounded to cents, COGS per shipment."""

    def __init__(self) -> None:
        self.layers: dict[tuple[str, str], deque[list]] = {}
        self.on_hand: dict[tuple[str, str], Decimal] = {}
        self.cogs = Decimal(0)

    def _put(self, key: tuple[str, str], layer: list) -> None:
        layers = self.layers.setdefault(key, deque())
        # keep receipt-time order; ties keep arrival order
        i = len(layers)
        while i > 0 and layers[i - 1][2] > layer[2]:
            i -= 1
        layers.insert(i, layer)
        self.on_hand[key] = self.on_hand.get(key, Decimal(0)) + layer[0]

    def _take(self, key: tuple[str, str], quantity: Decimal) -> list[list]:
        have = self.on_hand.get(key, Decimal(0))
        if quantity <= 0 or quantity > have:
            raise ValueError(f"insufficient stock of {key}: requested {quantity}, available {have}")
        layers = self.layers[key]
        pieces = []
        remaining = quantity
        while remaining > 0:
            q, value, received_at = layers[0]
            if q <= remaining:
                layers.popleft()
                pieces.append([q, value, received_at])
                remaining -= q
            else:
                part_value = (value * remaining / q).quantize(CENT, rounding=ROUND_HALF_UP)
                layers[0] = [q - remaining, value - part_value, received_at]
                pieces.append([remaining, part_value, received_at])
                remaining = Decimal(0)
        self.on_hand[key] = have - quantity
        return pieces

    def receive(self, sku: str, location: str, quantity: Decimal, unit_cost: Decimal, t: int) -> None:
        self._put((sku, location), [quantity, quantity * unit_cost, t])

    def ship(self, sku: str, location: str, quantity: Decimal, t: int) -> Decimal:
        cogs = sum((p[1] for p in self._take((sku, location), quantity)), Decimal(0))
        self.cogs += cogs
        return cogs

    def transfer(self, sku: str, src: str, dst: str, quantity: Decimal, t: int) -> None:
        for piece in self._take((sku, src), quantity):
            self._put((sku, dst), piece)


def to_python_values(rows: list[Row]) -> list[tuple]:
    """The workload as a Python program would hold it: Decimal quantities and costs."""
    return [
        (k, s, loc, Decimal(q), None if c is None else Decimal(c).scaleb(-2), t, to)
        for (k, s, loc, q, c, t, to) in rows
    ]


def run_plain(values: list[tuple]) -> Decimal:
    ledger = PlainFifoLedger()
    for kind, sku, loc, q, cost, t, to in values:
        if kind == "receive":
            ledger.receive(sku, loc, q, cost, t)
        elif kind == "ship":
            ledger.ship(sku, loc, q, t)
        else:
            ledger.transfer(sku, loc, to, q, t)
    return ledger.cogs


def run_per_call(values: list[tuple]) -> Decimal:
    ledger = ic.Ledger("fifo")
    receive, ship, transfer = ledger.receive, ledger.ship, ledger.transfer
    cogs = Decimal(0)
    for kind, sku, loc, q, cost, t, to in values:
        if kind == "receive":
            receive(sku, loc, q, cost, t)
        elif kind == "ship":
            cogs += ship(sku, loc, q, t).cogs
        else:
            transfer(sku, loc, to, q, t)
    return cogs


def batch_cogs(ledger: ic.Ledger) -> Decimal:
    return sum((e.outcome.cogs for e in ledger.journal()), Decimal(0))


class Columns:
    """The workload as columns: strings in lists, numbers in numpy int64 arrays."""

    def __init__(self, rows: list[Row]) -> None:
        self.kinds = [r[0] for r in rows]
        self.skus = [r[1] for r in rows]
        self.locations = [r[2] for r in rows]
        self.quantities = np.array([r[3] for r in rows], dtype=np.int64)
        self.cost_cents = np.array([r[4] if r[4] is not None else 0 for r in rows], dtype=np.int64)
        self.cost_decimals = [None if r[4] is None else Decimal(r[4]).scaleb(-2) for r in rows]
        self.times = np.array([r[5] for r in rows], dtype=np.int64)
        self.to_locations = [r[6] for r in rows]
        # The text columns as numpy fixed-width string arrays ("" for no destination).
        self.kinds_u = np.array(self.kinds)
        self.skus_u = np.array(self.skus)
        self.locations_u = np.array(self.locations)
        self.to_locations_u = np.array([t or "" for t in self.to_locations])


def run_batch_numpy(cols: Columns, numpy_text: bool = False) -> ic.Ledger:
    """Numbers as numpy int64 arrays; text as lists of str, or with `numpy_text` as numpy
    fixed-width string arrays."""
    text = (
        (cols.kinds_u, cols.skus_u, cols.locations_u, cols.to_locations_u) if numpy_text
        else (cols.kinds, cols.skus, cols.locations, cols.to_locations)
    )
    kinds, skus, locations, to_locations = text
    ledger = ic.Ledger("fifo")
    ledger.post_columns(
        kinds, skus, locations, cols.quantities, cols.times,
        unit_costs=cols.cost_cents, cost_scale=2, to_locations=to_locations,
    )
    return ledger


def run_batch_decimal(cols: Columns) -> ic.Ledger:
    ledger = ic.Ledger("fifo")
    ledger.post_columns(
        cols.kinds, cols.skus, cols.locations, cols.quantities, cols.times,
        unit_costs=cols.cost_decimals, to_locations=cols.to_locations,
    )
    return ledger


def conversion_only(cols: Columns) -> None:
    """post_columns up to the core's first check: the times column is one row short, so the
    core refuses the batch before posting anything; this times the binding's conversion."""
    try:
        ic.Ledger("fifo").post_columns(
            cols.kinds, cols.skus, cols.locations, cols.quantities, cols.times[:-1],
            unit_costs=cols.cost_cents, cost_scale=2, to_locations=cols.to_locations,
        )
    except ic.InvalidInput:
        return
    raise AssertionError("expected InvalidInput")


def median_seconds(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Median time of `repeats` runs, and the last run's result. The previous run's result
    is freed before each run's timer starts (freeing is never timed), so every way gets the
    same treatment: from the second run on, it reuses the memory the previous run freed.
    (Keeping every result alive until the end made each batch run pay the page faults of
    fresh memory while the plain and per-call runs, which return only a total, reused
    theirs.)"""
    times = []
    last: object = None
    for _ in range(repeats):
        last = None  # frees the previous run's result before the timer starts
        start = time.perf_counter()
        last = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skus", type=int, default=2000)
    parser.add_argument("--locations", type=int, default=5)
    parser.add_argument("--receipts", type=int, default=4, help="receipts per SKU and location")
    parser.add_argument("--events", type=int, default=160_000, help="shipments and transfers")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    rows = workload(args.skus, args.locations, args.receipts, args.events)
    n = len(rows)
    values = to_python_values(rows)
    cols = Columns(rows)
    counts = {k: sum(1 for r in rows if r[0] == k) for k in ("receive", "ship", "transfer")}
    print(f"workload: {n} movements ({counts}), {args.skus} SKUs x {args.locations} locations, "
          f"median of {args.repeats} runs")

    t_plain, cogs_plain = median_seconds(lambda: run_plain(values), args.repeats)
    t_call, cogs_call = median_seconds(lambda: run_per_call(values), args.repeats)
    t_np, ledger_np = median_seconds(lambda: run_batch_numpy(cols), args.repeats)
    t_npu, ledger_npu = median_seconds(lambda: run_batch_numpy(cols, numpy_text=True), args.repeats)
    t_dec, ledger_dec = median_seconds(lambda: run_batch_decimal(cols), args.repeats)
    t_conv, _ = median_seconds(lambda: conversion_only(cols), args.repeats)
    cogs_np = batch_cogs(ledger_np)  # type: ignore[arg-type]
    cogs_dec = batch_cogs(ledger_dec)  # type: ignore[arg-type]
    cogs_npu = batch_cogs(ledger_npu)  # type: ignore[arg-type]

    print(f"total COGS: plain {cogs_plain}, per-call {cogs_call}, batch numpy {cogs_np}, "
          f"batch numpy text {cogs_npu}, batch Decimal {cogs_dec}")
    if not (cogs_plain == cogs_call == cogs_np == cogs_npu == cogs_dec):
        raise SystemExit("MISMATCH: the three ways disagree on total COGS")

    def line(name: str, seconds: float) -> None:
        rate = n / seconds
        print(f"{name:<34} {seconds * 1000:9.1f} ms  {rate:12,.0f} movements/s  {t_plain / seconds:6.1f}x plain")

    line("plain Python FIFO (deque+Decimal)", t_plain)
    line("inventory_core per call", t_call)
    line("inventory_core post_columns numpy", t_np)
    line("inventory_core post_columns numpy U", t_npu)
    line("inventory_core post_columns Decimal", t_dec)
    print(f"  of which column conversion in the binding: {t_conv * 1000:.1f} ms; "
          f"core posting: {(t_np - t_conv) * 1000:.1f} ms ({(t_np - t_conv) / n * 1e9:.0f} ns per movement)")
    print(f"targets: per call >= 3x plain: {'met' if t_plain / t_call >= 3 else 'MISSED'}; "
          f"batch >= 20x plain: {'met' if t_plain / t_np >= 20 else 'MISSED'} (numpy), "
          f"{'met' if t_plain / t_npu >= 20 else 'MISSED'} (numpy U), "
          f"{'met' if t_plain / t_dec >= 20 else 'MISSED'} (Decimal lists)")


if __name__ == "__main__":
    main()
