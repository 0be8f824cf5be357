"""Benchmark: inventory_core.forecast_panel vs statsforecast and statsmodels, side by side in
one process, on two synthetic demand panels.

Panels (numpy default_rng, fully determined by --seed; series i is the same whatever --n is):

* weekly:  --n series (default 10,000) of 104 periods + 13 held-out, season m = 52, horizon 13;
* monthly: --n series of 60 periods + 12 held-out, season m = 12, horizon 12.

Each series is drawn from one of five generators (probabilities): seasonal 30 % (level x
seasonal profile x lognormal noise, > 0), trend 20 % (+/-, 40 % of them damped, clipped at
0), level 20 % (level-only, noisy, slow drift, clipped at 0), intermittent 20 % (Bernoulli
occurrence p in [0.1, 0.6] x gamma or 1 + Poisson sizes) and dying 10 % (intermittent whose
demand stops in the last 20-40 % of the history; future = 0). All values >= 0, float64.

Methods:

* inventory_core.forecast_panel, model="auto" with threads=1 and threads=2, "croston" and
  "tsb" (threads=1), on the whole panel;
* statsforecast CrostonClassic() and TSB(alpha_d=0.1, alpha_p=0.1) on the whole panel, and
  AutoETS(season_length=m) on the first --ets-subset series (default: --subset): one
  model object per panel and model.forecast(y=..., h=...) per series, single process;
* statsmodels ExponentialSmoothing(trend="add", damped_trend=True, seasonal="mul" if the
  history is strictly positive else "add", initialization_method="estimated") on the first
  --subset series (seasonal=None, counted, if the seasonal fit raises).

Generator labels are drawn at random per series, so the first K series are a random sample.
Every peer run is preceded by an untimed warm-up on a few series (statsforecast >= 2 has no
numba JIT any more, its kernels are compiled C++, but the first calls still pay for imports
and caches). Timings are wall time in one thread (BLAS/OpenMP pools limited to one thread),
median of --repeats runs (--slow-repeats for AutoETS and statsmodels).

Accuracy: MASE per series = MAE over the held-out horizon / in-sample MAE of the seasonal
naive with lag m (lag 1 if the history is shorter than m + 1 or that scale is 0); series
whose scale is 0 for both lags are skipped (counted). Forecasts are scored as returned (no
clipping at 0). A peer that raises or returns non-finite values on a series gets the naive
forecast (last value) for that series, counted in the "fail" column. The first table of a
panel scores every method on the whole panel (peers run on a subset appear only in the
second table); the second table scores every method on the same subset.

    python inventory-py/bench/bench_forecast.py [--n 10000] [--subset 300] [--seed 42]
        [--repeats 3] [--slow-repeats 1] [--panels weekly,monthly] [--peers-only]

The peers need numpy, pandas, statsforecast and statsmodels (pip install); inventory_core must
be importable from the same interpreter (maturin develop into that environment), otherwise
the script stops unless --peers-only is given.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one thread for the peers' linear algebra

import argparse
import platform
import statistics
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import numpy as np

try:
    import inventory_core as ic

    IC_ERROR: Optional[str] = None if hasattr(ic, "forecast_panel") else "inventory_core has no forecast_panel yet"
except ImportError as exc:  # the binding is not built / installed
    ic = None  # type: ignore[assignment]
    IC_ERROR = f"cannot import inventory_core ({exc})"


GROUPS = ("seasonal", "trend", "level", "intermittent", "dying")
GROUP_P = (0.30, 0.20, 0.20, 0.20, 0.10)  # intermittent 30 % in all, a third of it dying
PANELS = {
    # name: (panel id for the seed, history length, horizon, season)
    "weekly": (1, 104, 13, 52),
    "monthly": (2, 60, 12, 12),
}


# ----- data -----


@dataclass
class Panel:
    name: str
    m: int
    h: int
    train: np.ndarray  # (n, T) float64, C-contiguous
    test: np.ndarray  # (n, h)
    group: np.ndarray  # (n,) index into GROUPS


def one_series(rng: np.random.Generator, hist: int, h: int, m: int) -> tuple[int, np.ndarray]:
    T = hist + h
    t = np.arange(T, dtype=np.float64)
    g = int(rng.choice(len(GROUPS), p=GROUP_P))
    level = rng.lognormal(3.0, 1.0)  # median ~20 units per period
    if g == 0:  # seasonal: level (with a mild growth) x profile x lognormal noise
        harmonics = int(rng.integers(1, 4 if m > 12 else 3))
        shape = np.zeros(T)
        for k in range(1, harmonics + 1):
            shape += rng.uniform(0.2, 1.0) / k * np.cos(2 * np.pi * k * t / m + rng.uniform(0, 2 * np.pi))
        shape /= np.abs(shape).max()
        profile = 1.0 + rng.uniform(0.2, 0.7) * shape
        growth = 1.0 + rng.uniform(-0.2, 0.4) * t / hist
        y = level * growth * profile * rng.lognormal(0.0, rng.uniform(0.05, 0.25), T)
    elif g == 1:  # trend: total change over the history c x level, linear or damped
        c = rng.uniform(0.3, 1.5) if rng.random() < 0.6 else -rng.uniform(0.2, 0.7)
        if rng.random() < 0.4:
            phi = rng.uniform(0.85, 0.97)
            path = np.concatenate([[0.0], np.cumsum(phi ** np.arange(1, T))])
        else:
            path = t.copy()
        path /= path[hist - 1]
        y = level * (1.0 + c * path) + rng.normal(0.0, rng.uniform(0.05, 0.2) * level, T)
    elif g == 2:  # level only: noise around a slowly drifting level
        drift = np.cumsum(rng.normal(0.0, 0.01, T))
        y = level * (1.0 + drift) + rng.normal(0.0, rng.uniform(0.1, 0.4) * level, T)
    else:  # intermittent; dying: demand stops in the last 20-40 % of the history
        p = rng.uniform(0.1, 0.6)
        occur = rng.random(T) < p
        if rng.random() < 0.5:
            shape_k = rng.uniform(0.5, 3.0)
            sizes = rng.gamma(shape_k, rng.uniform(2.0, 30.0) / shape_k, T)
        else:
            sizes = 1.0 + rng.poisson(rng.uniform(0.5, 8.0), T)
        y = occur * sizes
        end = hist
        if g == 4:
            end = int(round(hist * (1.0 - rng.uniform(0.2, 0.4))))
            y[end:] = 0.0
        if np.count_nonzero(y[:end]) < 2:  # at least two demands in the history
            at = rng.choice(end, 2, replace=False)
            y[at] = np.maximum(sizes[at], 1.0)
    return g, np.maximum(y, 0.0)


def make_panel(name: str, n: int, seed: int) -> Panel:
    pid, hist, h, m = PANELS[name]
    data = np.empty((n, hist + h))
    group = np.empty(n, dtype=np.int64)
    for i in range(n):
        group[i], data[i] = one_series(np.random.default_rng([seed, pid, i]), hist, h, m)
    return Panel(name, m, h, np.ascontiguousarray(data[:, :hist]), np.ascontiguousarray(data[:, hist:]), group)


# ----- accuracy -----


def mase_scale(train: np.ndarray, m: int) -> np.ndarray:
    """In-sample MAE of the seasonal naive (lag m), lag 1 where m does not fit or gives 0;
    0 where both are 0 (those series are skipped)."""
    T = train.shape[1]
    s1 = np.abs(np.diff(train, axis=1)).mean(axis=1)
    if T < m + 1:
        return s1
    sm = np.abs(train[:, m:] - train[:, :-m]).mean(axis=1)
    return np.where(sm > 0, sm, s1)


def mase(test: np.ndarray, fc: np.ndarray, scale: np.ndarray) -> np.ndarray:
    out = np.full(len(test), np.nan)
    ok = scale > 0
    out[ok] = np.abs(test[ok] - fc[ok]).mean(axis=1) / scale[ok]
    return out


# ----- methods -----


@dataclass
class Run:
    method: str
    rows: slice  # the series it ran on
    seconds: float
    fc: np.ndarray
    fails: int = 0
    note: str = ""
    info: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        return self.rows.stop - self.rows.start

    @property
    def rate(self) -> float:
        return self.count / self.seconds


def median_seconds(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, results = [], []  # results kept until the end so that freeing one is not timed
    for _ in range(repeats):
        t0 = time.perf_counter()
        results.append(fn())
        times.append(time.perf_counter() - t0)
    return statistics.median(times), results[-1]


def repair(fc: np.ndarray, train: np.ndarray) -> tuple[np.ndarray, int]:
    """Rows with a non-finite value get the naive forecast; returns the count."""
    bad = ~np.isfinite(fc).all(axis=1)
    if bad.any():
        fc = fc.copy()
        fc[bad] = train[bad, -1:]
    return fc, int(bad.sum())


def run_ours(p: Panel, model: str, threads: int, repeats: int) -> Run:
    def call() -> Any:
        return ic.forecast_panel(p.train, p.h, period=p.m, lengths=None, model=model, levels=(), threads=threads)

    ic.forecast_panel(p.train[:8], p.h, period=p.m, lengths=None, model=model, levels=(), threads=threads)  # warm-up
    sec, res = median_seconds(call, repeats)
    fc = np.asarray(res.mean, dtype=np.float64)
    assert fc.shape == p.test.shape, f"forecast_panel returned {fc.shape}, expected {p.test.shape}"
    fc, fails = repair(fc, p.train)
    info = {"models": list(res.models), "patterns": list(res.patterns)}
    return Run(f"inventory_core {model} (threads={threads})", slice(0, len(p.train)), sec, fc, fails, info=info)


def loop_forecasts(predict: Callable[[np.ndarray], np.ndarray], Y: np.ndarray, h: int) -> np.ndarray:
    out = np.empty((len(Y), h))
    for i in range(len(Y)):
        try:
            out[i] = predict(Y[i])
        except Exception:  # counted as a failure by repair()
            out[i] = np.nan
    return out


def run_statsforecast(p: Panel, name: str, model: Any, k: int, repeats: int, warmup: int = 5) -> Run:
    Y = p.train[:k]

    def predict(y: np.ndarray) -> np.ndarray:
        return model.forecast(y=y, h=p.h)["mean"]

    loop_forecasts(predict, p.train[:warmup], p.h)  # warm-up, untimed
    sec, fc = median_seconds(lambda: loop_forecasts(predict, Y, p.h), repeats)
    fc, fails = repair(fc, Y)
    return Run(f"statsforecast {name}", slice(0, k), sec, fc, fails)


def autoets_components(p: Panel, k: int) -> Counter:
    """Untimed: which ETS model AutoETS picks on the first k series (fit() + model_)."""
    from statsforecast.models import AutoETS

    chosen: Counter = Counter()
    for y in p.train[:k]:
        try:
            chosen[AutoETS(season_length=p.m).fit(y).model_["method"]] += 1
        except Exception as exc:
            chosen[f"error: {type(exc).__name__}"] += 1
    return chosen


def statsmodels_season(y: np.ndarray, m: int) -> Optional[str]:
    if len(y) < 2 * m:  # statsmodels needs two full cycles to initialise the seasonals
        return None
    return "mul" if y.min() > 0 else "add"


def run_statsmodels(p: Panel, k: int, repeats: int) -> Run:
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    Y = p.train[:k]
    stats: Counter = Counter()

    def fit_one(y: np.ndarray, seasonal: Optional[str]) -> np.ndarray:
        model = ExponentialSmoothing(
            y, trend="add", damped_trend=True, seasonal=seasonal,
            seasonal_periods=p.m if seasonal else None, initialization_method="estimated",
        )
        return model.fit().forecast(p.h)

    def predict(y: np.ndarray) -> np.ndarray:
        seasonal = statsmodels_season(y, p.m)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                fc = fit_one(y, seasonal)
                stats[f"seasonal={seasonal}"] += 1
            except Exception:
                if seasonal is None:
                    raise
                fc = fit_one(y, None)
                stats[f"seasonal={seasonal} raised -> None"] += 1
        if any(issubclass(w.category, ConvergenceWarning) for w in caught):
            stats["ConvergenceWarning"] += 1
        return fc

    loop_forecasts(predict, p.train[:2], p.h)  # warm-up, untimed
    stats.clear()
    sec, fc = median_seconds(lambda: loop_forecasts(predict, Y, p.h), repeats)
    fc, fails = repair(fc, Y)
    per_run = {key: v // repeats for key, v in stats.items()}
    note = ", ".join(f"{key}: {v}" for key, v in sorted(per_run.items()))
    return Run("statsmodels ExponentialSmoothing", slice(0, k), sec, fc, fails, note=note)


# ----- report -----


def table(p: Panel, runs: list[Run], rows: slice, scale: np.ndarray, title: str) -> None:
    sel_scale = scale[rows]
    groups = p.group[rows]
    skipped = int((sel_scale <= 0).sum())
    print(f"\n{title} ({rows.stop - rows.start:,} series; {skipped} skipped for a zero MASE scale)\n")
    cols = ["method", "measured on", "time ms", "series/s", "fail", "neg fc", "MASE mean", "MASE median"]
    cols += [f"{g} ({int((groups == i).sum())})" for i, g in enumerate(GROUPS)]
    print("| " + " | ".join(cols) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(cols) - 1)) + "|")
    for r in runs:
        fc = r.fc[rows.start - r.rows.start: rows.stop - r.rows.start]
        e = mase(p.test[rows], fc, sel_scale)
        ok = ~np.isnan(e)
        by_group = []
        for i in range(len(GROUPS)):
            sel = ok & (groups == i)
            by_group.append(f"{e[sel].mean():.3f}" if sel.any() else "-")
        neg = int((fc < 0).any(axis=1).sum())
        where = "panel" if r.count == len(p.train) else f"first {r.count:,}"
        print(f"| {r.method} | {where} | {r.seconds * 1000:,.1f} | {r.rate:,.0f} | {r.fails} | {neg} "
              f"| {e[ok].mean():.3f} | {np.median(e[ok]):.3f} | " + " | ".join(by_group) + " |")


def crosstab(labels: list[str], groups: np.ndarray, what: str) -> None:
    names = sorted(Counter(labels).items(), key=lambda kv: -kv[1])
    print(f"\n{what} (inventory_core auto), counts by generator group:\n")
    print("| " + " | ".join([what, "all"] + list(GROUPS)) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(GROUPS) + 1)) + "|")
    arr = np.asarray(labels, dtype=object)
    for name, total in names:
        cells = [str(int(((arr == name) & (groups == i)).sum())) for i in range(len(GROUPS))]
        print(f"| {name} | {total} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="series per panel")
    ap.add_argument("--subset", type=int, default=300, help="series for statsmodels (first K)")
    ap.add_argument("--ets-subset", type=int, default=None,
                    help="series for statsforecast AutoETS (first K; default --subset; 0 = the whole panel)")
    ap.add_argument("--ets-diag", type=int, default=100,
                    help="untimed: report the ETS model AutoETS picks on the first K series (0 = off)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeats", type=int, default=3, help="runs per fast method (median)")
    ap.add_argument("--slow-repeats", type=int, default=1, help="runs for AutoETS and statsmodels (median)")
    ap.add_argument("--panels", default="weekly,monthly")
    ap.add_argument("--peers-only", action="store_true", help="skip inventory_core (until its binding exists)")
    ap.add_argument("--no-autoets", action="store_true")
    ap.add_argument("--no-statsmodels", action="store_true")
    args = ap.parse_args()

    if not args.peers_only and IC_ERROR is not None:
        raise SystemExit(f"{IC_ERROR}; rerun with --peers-only for the peers' figures alone")

    import statsforecast
    import statsmodels
    from statsforecast.models import TSB, AutoETS, CrostonClassic

    versions = [f"python {platform.python_version()}", f"numpy {np.__version__}",
                f"statsforecast {statsforecast.__version__}", f"statsmodels {statsmodels.__version__}"]
    if not args.peers_only:
        versions.append(f"inventory_core {getattr(ic, '__version__', '?')}")
    print(f"# Forecasting peers benchmark\n\n{', '.join(versions)}; {os.cpu_count()} CPUs; seed {args.seed}; "
          f"median of {args.repeats} runs (AutoETS/statsmodels: {args.slow_repeats}); wall time, one thread "
          "unless stated")
    if args.peers_only:
        print(f"inventory_core skipped (--peers-only{'; ' + IC_ERROR if IC_ERROR else ''})")
    print("statsforecast: untimed warm-up on 5 series before each model (no numba JIT in statsforecast "
          f"{statsforecast.__version__}: its kernels are compiled C++), statsmodels: warm-up on 2 series")

    for name in [s.strip() for s in args.panels.split(",") if s.strip()]:
        t0 = time.perf_counter()
        p = make_panel(name, args.n, args.seed)
        n = len(p.train)
        k = min(args.subset, n)
        k_ets = n if args.ets_subset == 0 else min(args.subset if args.ets_subset is None else args.ets_subset, n)
        counts = Counter(GROUPS[g] for g in p.group)
        print(f"\n## {name}: {n:,} series x {p.train.shape[1]} periods (+{p.h} held out), season {p.m}, "
              f"horizon {p.h} (generated in {time.perf_counter() - t0:.1f} s)\n")
        print("generator groups: " + ", ".join(f"{g} {counts[g]}" for g in GROUPS)
              + f"; zeros in history: {(p.train == 0).mean():.1%} of values")

        runs: list[Run] = []
        if not args.peers_only:
            runs.append(run_ours(p, "auto", 1, args.repeats))
            runs.append(run_ours(p, "auto", 2, args.repeats))
            runs.append(run_ours(p, "croston", 1, args.repeats))
            runs.append(run_ours(p, "tsb", 1, args.repeats))
        runs.append(run_statsforecast(p, "CrostonClassic()", CrostonClassic(), n, args.repeats))
        runs.append(run_statsforecast(p, "TSB(alpha_d=0.1, alpha_p=0.1)", TSB(alpha_d=0.1, alpha_p=0.1), n,
                                      args.repeats))
        if not args.no_autoets:
            runs.append(run_statsforecast(p, f"AutoETS(season_length={p.m})", AutoETS(season_length=p.m), k_ets,
                                          args.slow_repeats))
        if not args.no_statsmodels:
            runs.append(run_statsmodels(p, k, args.slow_repeats))

        scale = mase_scale(p.train, p.m)
        table(p, [r for r in runs if r.count == n], slice(0, n), scale, f"### {name}: whole panel")
        subsets = sorted({r.count for r in runs if r.count < n})
        for kk in subsets:
            table(p, [r for r in runs if r.count >= kk], slice(0, kk), scale,
                  f"### {name}: first {kk:,} series, every method that ran on them")

        for r in runs:
            if r.note:
                print(f"\n{r.method}: {r.note}")
        if not args.no_autoets and args.ets_diag > 0:
            kd = min(args.ets_diag, n)
            chosen = autoets_components(p, kd)
            seasonal = sum(v for key, v in chosen.items() if key.startswith("ETS(") and not key.endswith(",N)"))
            print(f"\nstatsforecast AutoETS(season_length={p.m}), model picked on the first {kd} series (untimed "
                  f"fit()): {seasonal} seasonal; " + ", ".join(f"{key} {v}" for key, v in chosen.most_common()))
            if p.m > 24:
                print(f"note: season {p.m} > 24. statsforecast {statsforecast.__version__} does not refuse it "
                      "(R forecast::ets does, and falls back to no season): the seasonal candidates are fitted with "
                      f"{p.m} seasonal states initialised from one Fourier harmonic (history < 3 seasons) and "
                      "compared by AICc with the non-seasonal ones; its only m > 24 guard is in the path "
                      "simulation (etssimulate), which forecast() does not use")
        if not args.peers_only:
            auto = runs[0]
            crosstab(auto.info["models"], p.group, "model")
            crosstab(auto.info["patterns"], p.group, "pattern")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
