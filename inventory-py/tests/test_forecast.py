"""Forecasting: fitted models, series / history / panel forecasts, intervals, classification,
backtests and accuracy metrics. Expected values are derived here, independently of the core."""

import datetime as dt
import math
from statistics import NormalDist

import numpy as np
import pytest

import inventory_core as ic

UTC = dt.timezone.utc
INTERMITTENT = [0.0, 3.0, 0.0, 0.0, 5.0, 0.0, 2.0]
SMOOTH = [12.0, 8.0, 14.0, 10.0, 11.0, 13.0, 9.0, 12.0, 10.0, 11.0, 14.0, 12.0]


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def seasonal_weekly(n: int = 104, seed: int = 7) -> np.ndarray:
    t = np.arange(n)
    rng = np.random.default_rng(seed)
    return 100.0 + 40.0 * np.sin(2 * np.pi * t / 52) + rng.normal(0.0, 3.0, n)


def mixed_panel() -> list[list[float]]:
    """Smooth, trending, seasonal, intermittent, dying and all-zero series of various lengths."""
    rng = np.random.default_rng(11)
    out: list[list[float]] = []
    for i in range(40):
        n = 20 + (i * 7) % 40
        kind = i % 6
        t = np.arange(n)
        if kind == 0:
            y = 50 + rng.normal(0, 5, n)
        elif kind == 1:
            y = 10 + 0.8 * t + rng.normal(0, 2, n)
        elif kind == 2:
            y = 30 + 10 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 1, n)
        elif kind == 3:
            y = (rng.random(n) < 0.3) * rng.integers(1, 9, n)
        elif kind == 4:
            y = np.concatenate([rng.integers(2, 8, n - 8), np.zeros(8)])
        else:
            y = np.zeros(n)
        out.append([float(max(v, 0.0)) for v in y])
    return out


# ----- fitted models -----


def test_ses_fixed_parameters_match_the_recursion() -> None:
    alpha, level = 0.3, 10.0
    fitted = []
    for v in SMOOTH:
        fitted.append(level)
        level = alpha * v + (1 - alpha) * level
    m = ic.fit_model(SMOOTH, "ses", alpha=alpha, level0=10.0)
    assert isinstance(m, ic.FittedModel)
    assert m.model == "ses" and m.name == "SES"
    assert m.fitted_start == 0
    assert m.fitted.dtype == np.float64 and m.fitted.shape == (len(SMOOTH),)
    assert all(close(a, b) for a, b in zip(m.fitted, fitted))
    sd = math.sqrt(sum((y - f) ** 2 for y, f in zip(SMOOTH, fitted)) / len(SMOOTH))
    assert m.residual_sd is not None and close(m.residual_sd, sd)
    p = m.params
    assert p["alpha"] == alpha and p["level0"] == 10.0
    assert p["beta"] is None and p["gamma"] is None and p["phi"] is None and p["seasonal0"] is None
    assert all(close(v, level) for v in m.predict(4))
    assert m.predict(4).shape == (4,)
    assert m.interval_method == "analytic"
    # the same through forecast_series, and its fitted model is the same model
    f = ic.forecast_series(SMOOTH, 4, model="ses", alpha=alpha, level0=10.0)
    assert f.model == "ses" and f.notes == [] and len(f) == 4
    assert all(close(v, level) for v in f.mean)
    assert f.fitted_model == m


def test_croston_and_sba_by_hand() -> None:
    # First demand 3 at t=1: size 3, interval 2 (counted from the start).
    # t=4, demand 5 after 3 periods: z = 3 + .1(5 - 3) = 3.2, p = 2 + .1(3 - 2) = 2.1.
    # t=6, demand 2 after 2 periods: z = 3.2 + .1(2 - 3.2) = 3.08, p = 2.1 + .1(2 - 2.1) = 2.09.
    croston = 3.08 / 2.09
    m = ic.fit_model(INTERMITTENT, "croston", alpha=0.1)
    assert m.model == "croston" and m.params["alpha"] == 0.1 and m.params["level0"] == 3.0
    assert all(math.isclose(v, croston, rel_tol=1e-12) for v in m.predict(3))
    # fitted: the initial forecast 3/2 up to the first demand, then the forecast before each update
    expected = [1.5, 1.5, 1.5, 1.5, 1.5, 3.2 / 2.1, 3.2 / 2.1]
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(m.fitted, expected))
    sba = ic.fit_model(INTERMITTENT, "sba", alpha=0.1)
    assert all(math.isclose(v, 0.95 * croston, rel_tol=1e-12) for v in sba.predict(2))


def test_tsb_by_hand() -> None:
    # First demand 3 at t=1: size 3, probability 1/2. Then, per period, the probability moves
    # towards 1 (demand) or 0 (none) by beta, and the size towards the demand by alpha.
    alpha, beta = 0.1, 0.2
    size, prob = 3.0, 0.5
    for v in INTERMITTENT[2:]:
        if v > 0:
            prob += beta * (1 - prob)
            size += alpha * (v - size)
        else:
            prob -= beta * prob
    assert math.isclose(prob * size, 0.49184 * 3.08, rel_tol=1e-12)  # worked out on paper
    m = ic.fit_model(INTERMITTENT, "tsb", alpha=alpha, beta=beta)
    assert m.params["alpha"] == alpha and m.params["beta"] == beta
    assert all(math.isclose(v, prob * size, rel_tol=1e-12) for v in m.predict(5))


def test_params_refit_the_same_model() -> None:
    y = seasonal_weekly(60, seed=3)[:60] / 10
    m = ic.fit_model(y, "holt_winters_additive", period=12)
    assert m.model == "holt_winters_additive"
    p = m.params
    assert p["seasonal0"] is not None and len(p["seasonal0"]) == 12
    assert p["alpha"] is not None and p["beta"] is not None and p["gamma"] is not None
    again = ic.fit_model(y, m.model, period=12, **p)
    np.testing.assert_allclose(again.fitted, m.fitted, rtol=1e-12)
    np.testing.assert_allclose(again.predict(12), m.predict(12), rtol=1e-12)
    damped = ic.fit_model(SMOOTH, "damped_holt", phi=0.9)
    assert damped.model == "damped_holt" and damped.params["phi"] == 0.9
    assert ic.fit_model(SMOOTH, "holt").params["phi"] is None


def test_named_models_and_auto_fit() -> None:
    y = seasonal_weekly(30, seed=1)
    for name, extra in [("naive", {}), ("seasonal_naive", {"period": 7}), ("historic_average", {}),
                        ("moving_average", {"window": 4}), ("ses", {}), ("holt", {}), ("damped_holt", {}),
                        ("holt_winters_additive", {"period": 7}), ("holt_winters_multiplicative", {"period": 7}),
                        ("damped_holt_winters_additive", {"period": 7}),
                        ("damped_holt_winters_multiplicative", {"period": 7}),
                        ("croston", {}), ("sba", {}), ("tsb", {}), ("adida", {"aggregation": 2})]:
        m = ic.fit_model(y, name, **extra)  # type: ignore[arg-type]
        assert m.model == name
        assert m.predict(3).shape == (3,)
    assert ic.fit_model(y, "moving_average", window=4).fitted_start == 4
    assert ic.fit_model(y, "adida", aggregation=4).params["aggregation"] == 4
    auto = ic.fit_model(y, "auto")
    assert auto.model in ("ses", "holt", "damped_holt")


def test_naive_interval_is_last_value_plus_z_sigma_sqrt_h() -> None:
    y = [3.0, 5.0, 4.0, 6.0, 5.0, 7.0, 6.0, 8.0]
    m = ic.fit_model(y, "naive")
    sigma = math.sqrt(sum((y[t] - y[t - 1]) ** 2 for t in range(1, len(y))) / (len(y) - 1))
    assert m.residual_sd is not None and close(m.residual_sd, sigma)
    assert m.fitted_start == 1 and list(m.fitted) == y[:-1]
    levels = [0.8, 0.95]
    f = m.forecast(5, levels)
    assert isinstance(f, ic.Forecast)
    assert f.interval_method == "analytic" and f.levels == levels and len(f) == 5
    assert f.mean.shape == (5,) and f.lower.shape == (2, 5) and f.upper.shape == (2, 5)
    for i, level in enumerate(levels):
        z = NormalDist().inv_cdf((1 + level) / 2)
        for h in range(1, 6):
            half = z * sigma * math.sqrt(h)
            assert math.isclose(f.lower[i, h - 1], max(0.0, y[-1] - half), rel_tol=1e-12)
            assert math.isclose(f.upper[i, h - 1], y[-1] + half, rel_tol=1e-12)
    # quantiles agree with the interval bounds
    q = m.quantiles(5, [0.025, 0.5, 0.975])
    assert q.shape == (3, 5)
    np.testing.assert_allclose(q[0], f.lower[1], rtol=1e-12)
    np.testing.assert_allclose(q[1], f.mean, rtol=1e-12)
    np.testing.assert_allclose(q[2], f.upper[1], rtol=1e-12)
    # no levels: point forecasts only
    bare = m.forecast(3)
    assert bare.levels == [] and bare.lower.shape == (0, 3) and bare.upper.shape == (0, 3)


@pytest.mark.parametrize("y, kwargs", [
    (SMOOTH, {}),
    (INTERMITTENT * 4, {}),
    (list(seasonal_weekly(60, seed=5)), {"period": 12}),
    ([1.0, 0.0, 0.0, 9.0, 0.0, 1.0, 0.0, 0.0, 12.0, 0.0, 0.0, 1.0], {"model": "croston"}),
    ([5.0, 0.5, 6.0, 0.2, 7.0, 0.1, 5.0], {"model": "holt"}),
])
def test_intervals_nest_and_are_not_negative(y: list[float], kwargs: dict) -> None:
    f = ic.forecast_series(y, 8, levels=(0.8, 0.95), **kwargs)
    lo80, lo95, hi80, hi95 = f.lower[0], f.lower[1], f.upper[0], f.upper[1]
    assert (lo95 <= lo80 + 1e-12).all() and (lo80 <= hi80 + 1e-12).all() and (hi80 <= hi95 + 1e-12).all()
    assert (f.lower >= 0).all() and (f.mean >= 0).all()
    assert f.interval_method in ("analytic", "simulated", "empirical", "normal_approx", "degenerate")


# ----- automatic selection -----


def test_dying_item_decays_and_says_so() -> None:
    active = [5.0, 4.0, 6.0, 5.0, 5.0, 6.0, 4.0, 5.0, 6.0, 5.0, 4.0, 6.0, 5.0, 5.0, 6.0, 4.0]
    means = []
    for zeros in (6, 12, 24):
        f = ic.forecast_series(active + [0.0] * zeros, 4, levels=[0.8])
        assert f.model == "tsb"
        assert len(f.notes) == 1
        assert f"no demand in the last {zeros} periods" in f.notes[0]
        means.append(float(f.mean[0]))
        assert (f.lower >= 0).all()
    assert means[0] >= means[1] >= means[2]
    # after 24 empty periods, less than a tenth of the mean demand while it was active
    assert means[2] <= 0.1 * sum(active) / len(active)


def test_all_zeros_forecasts_zero() -> None:
    f = ic.forecast_series([0.0] * 10, 4, levels=[0.9])
    assert f.pattern == "no_demand" and f.adi is None and f.cv2 is None
    assert list(f.mean) == [0.0] * 4
    assert (f.lower == 0).all() and (f.upper == 0).all()
    assert len(f.notes) == 1 and "no demand" in f.notes[0]


SEASONAL_MODELS = {
    "seasonal_ses_additive", "seasonal_ses_multiplicative",
    "holt_winters_additive", "holt_winters_multiplicative",
    "damped_holt_winters_additive", "damped_holt_winters_multiplicative",
}


def test_weekly_season_picks_a_seasonal_model() -> None:
    y = seasonal_weekly()
    f = ic.forecast_series(y, 13, period=52, levels=[0.9])
    assert f.model in SEASONAL_MODELS
    assert len(f.params["seasonal0"]) == 52
    assert f.pattern == "smooth" and f.notes == []
    # the forecast follows the season: week 105 onwards is the start of the sine again
    expected = 100 + 40 * np.sin(2 * np.pi * np.arange(104, 117) / 52)
    assert np.abs(f.mean - expected).max() < 15
    # without the season, no seasonal model is a candidate
    assert ic.forecast_series(y, 13).model not in SEASONAL_MODELS
    assert ic.forecast_series(y, 13, period=52, multiplicative=False).model in (
        "seasonal_ses_additive", "holt_winters_additive", "damped_holt_winters_additive")


def test_short_history_notes() -> None:
    f = ic.forecast_series([4.0, 5.0, 6.0], 2)
    assert f.model == "ses" and len(f.notes) == 1 and "3 observations" in f.notes[0]
    one = ic.forecast_series([7.0], 2, levels=[0.9])
    assert one.model == "naive" and list(one.mean) == [7.0, 7.0]
    assert one.interval_method == "degenerate"


# ----- panels -----


def test_panel_equals_per_series_and_does_not_depend_on_threads() -> None:
    series = mixed_panel()
    levels = (0.8, 0.95)
    one = ic.forecast_panel(series, 6, period=7, levels=levels, threads=1)
    two = ic.forecast_panel(series, 6, period=7, levels=levels, threads=2)
    assert isinstance(one, ic.PanelForecast) and len(one) == len(series)
    assert one.mean.shape == (40, 6) and one.lower.shape == (40, 2, 6) and one.upper.shape == (40, 2, 6)
    assert one.levels == list(levels)
    for name in ("mean", "lower", "upper"):
        np.testing.assert_array_equal(getattr(one, name), getattr(two, name))
    assert one.models == two.models and one.patterns == two.patterns and one.notes == two.notes
    assert one.interval_methods == two.interval_methods
    for i, y in enumerate(series):
        f = ic.forecast_series(y, 6, period=7, levels=levels)
        np.testing.assert_array_equal(one.mean[i], f.mean)
        np.testing.assert_array_equal(one.lower[i], f.lower)
        np.testing.assert_array_equal(one.upper[i], f.upper)
        assert one.models[i] == f.model and one.patterns[i] == f.pattern and one.notes[i] == f.notes
        assert one.interval_methods[i] == f.interval_method
        assert one[i].fitted_model == f.fitted_model
    assert one[-1].model == one.models[-1]
    with pytest.raises(IndexError):
        one[40]
    # every kind of series is there
    assert {"smooth", "no_demand"} <= set(one.patterns)
    assert {"intermittent", "lumpy"} & set(one.patterns)
    assert "tsb" in one.models


def test_panel_2d_with_lengths_equals_list_input() -> None:
    series = mixed_panel()
    width = max(len(s) for s in series)
    grid = np.full((len(series), width), np.nan)  # values past a row's length are never read
    for i, s in enumerate(series):
        grid[i, : len(s)] = s
    lengths = [len(s) for s in series]
    ref = ic.forecast_panel(series, 5, model="auto", levels=[0.9], threads=2)
    for arr, lens in [(grid, lengths), (np.asfortranarray(grid), np.array(lengths, dtype=np.int64))]:
        got = ic.forecast_panel(arr, 5, model="auto", lengths=lens, levels=[0.9], threads=2)
        np.testing.assert_array_equal(got.mean, ref.mean)
        np.testing.assert_array_equal(got.lower, ref.lower)
        assert got.models == ref.models
    # a full 2-d array (no lengths), int dtype, and a list of numpy rows
    full = np.arange(60, dtype=np.int64).reshape(3, 20) % 7 + 1
    a = ic.forecast_panel(full, 3, model="ses")
    b = ic.forecast_panel([list(map(float, row)) for row in full], 3, model="ses")
    c = ic.forecast_panel([row.astype(np.float64) for row in full], 3, model="ses")
    np.testing.assert_array_equal(a.mean, b.mean)
    np.testing.assert_array_equal(a.mean, c.mean)
    assert a.lower.shape == (3, 0, 3)
    # empty panel
    empty = ic.forecast_panel(np.zeros((0, 5)), 3)
    assert len(empty) == 0 and empty.mean.shape == (0, 3)


def test_panel_errors() -> None:
    with pytest.raises(ic.InvalidInput) as e:
        ic.forecast_panel([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [1.0, math.nan, 3.0]], 2, threads=2)
    assert e.value.index == 2 and "item 2" in str(e.value) and "NaN" in str(e.value)
    with pytest.raises(ic.InvalidInput) as e:
        ic.forecast_panel([[1.0, 2.0], []], 2)
    assert e.value.index == 1 and "empty" in str(e.value)
    grid = np.ones((2, 4))
    with pytest.raises(ic.InvalidInput, match="lengths"):
        ic.forecast_panel(grid, 2, lengths=[4, 5])
    with pytest.raises(ic.InvalidInput, match="lengths"):
        ic.forecast_panel(grid, 2, lengths=[4])
    with pytest.raises(ic.InvalidInput, match="lengths"):
        ic.forecast_panel(grid, 2, lengths=[4, -1])
    with pytest.raises(ic.InvalidInput, match="threads"):
        ic.forecast_panel(grid, 2, threads=0)
    # Regression (issue 13): outputs of billions of values (16 GB) aborted the interpreter;
    # beyond 10**8 values a call is refused before anything is allocated.
    with pytest.raises(ic.InvalidInput, match="more than the 100000000"):
        ic.forecast_panel(np.ones((400, 20)), 10**6, levels=[0.5, 0.9])
    probs = [i / 2001 for i in range(1, 2001)]
    with pytest.raises(ic.InvalidInput, match="quantiles would produce 2000000000 values"):
        ic.fit_model([1.0, 2.0, 3.0], "naive").quantiles(10**6, probs)
    with pytest.raises(ic.InvalidInput, match="would produce"):
        ic.forecast_series([1.0, 2.0, 3.0], 10**6, model="naive", levels=[0.9] * 50)
    # Regression (issue 13): one OS thread per series until the system refused, then a
    # PanicException. Beyond the engine's limit of 64 threads is refused up front.
    with pytest.raises(ic.InvalidInput, match="threads"):
        ic.forecast_panel(np.ones((400, 20)), 2, threads=40_000)
    with pytest.raises(ic.InvalidInput, match="threads"):
        ic.forecast_panel(grid, 2, threads=65)
    np.testing.assert_array_equal(
        ic.forecast_panel(grid, 2, threads=64).mean, ic.forecast_panel(grid, 2, threads=1).mean
    )
    with pytest.raises(ic.InvalidInput, match="dimension"):
        ic.forecast_panel(np.ones(4), 2)
    with pytest.raises(TypeError):
        ic.forecast_panel([1.0, 2.0, 3.0], 2)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        ic.forecast_panel("abc", 2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ic.forecast_panel(grid, 2, lengths=[1.5, 2])  # type: ignore[list-item]


# ----- errors -----


@pytest.mark.parametrize("call, words", [
    (lambda: ic.forecast_series([1.0, math.nan, 3.0], 2), ["series[1]", "NaN"]),
    (lambda: ic.forecast_series(np.array([1.0, np.inf]), 2), ["series[1]", "inf"]),
    (lambda: ic.forecast_series([], 2), ["empty"]),
    (lambda: ic.forecast_series([1.0, 2.0], 0), ["horizon 0"]),
    (lambda: ic.forecast_series([1.0, 2.0], -1), ["horizon", "-1"]),
    (lambda: ic.forecast_series([1.0, 2.0], 2, model="arima"), ["unknown model", "arima"]),
    (lambda: ic.forecast_series([1.0, 2.0], 2, levels=[95]), ["level 95", "0.95"]),
    (lambda: ic.forecast_series([1.0, 2.0], 2, levels=[0.8, 1.0]), ["level 1"]),
    (lambda: ic.forecast_series([1.0, 2.0], 2, model="seasonal_naive"), ["period"]),
    (lambda: ic.forecast_series([1.0, 2.0], 2, holdout=0), ["holdout"]),
    (lambda: ic.forecast_series([1.0, -2.0, 3.0], 2), ["series[1]", "-2"]),
    (lambda: ic.fit_model([1.0, 2.0], "ses", alpha=1.5), ["alpha"]),
    (lambda: ic.fit_model([1.0, 2.0], "auto_arima"), ["unknown model"]),
    (lambda: ic.fit_model([1.0, 2.0], "ses").predict(0), ["horizon 0"]),
    (lambda: ic.fit_model([1.0, 2.0], "ses").quantiles(2, [0.5, 50]), ["50"]),
    (lambda: ic.forecast_series(np.zeros((2, 2)), 2), ["1-d"]),
    (lambda: ic.classify_demand([]), ["empty"]),
    (lambda: ic.backtest([1.0, 2.0, 3.0], 3), ["backtest", "needs"]),
    (lambda: ic.forecast_metrics([1.0], [1.0, 2.0], [1.0, 2.0]), ["length"]),
])
def test_typed_value_errors(call, words: list[str]) -> None:
    with pytest.raises(ic.InvalidInput) as e:
        call()
    assert isinstance(e.value, ValueError) and isinstance(e.value, ic.InventoryError)
    for w in words:
        assert w in str(e.value), (w, str(e.value))


@pytest.mark.parametrize("call", [
    lambda: ic.forecast_series("123", 2),
    lambda: ic.forecast_series(None, 2),
    lambda: ic.forecast_series(5.0, 2),
    lambda: ic.forecast_series(np.float64(5.0), 2),
    lambda: ic.forecast_series([1.0, "2"], 2),
    lambda: ic.forecast_series([1.0, None], 2),
    lambda: ic.forecast_series([[1.0], [2.0]], 2),
    lambda: ic.forecast_series(np.array(["a", "b"]), 2),
    lambda: ic.forecast_series([1.0, 2.0], 1.5),
    lambda: ic.forecast_series([1.0, 2.0], 2, model=5),
    lambda: ic.forecast_series([1.0, 2.0], 2, levels="0.9"),
    lambda: ic.forecast_series([1.0, 2.0], 2, levels=0.9),
    lambda: ic.forecast_series([1.0, 2.0], 2, alpha="0.5"),
    lambda: ic.forecast_series([1.0, 2.0], 2, multiplicative="yes"),
    lambda: ic.fit_model({1: 2.0}, "ses"),
    lambda: ic.classify_demand(object()),
    lambda: ic.forecast_metrics([1.0], ["x"], [1.0, 2.0]),
])
def test_bad_types_raise_type_error(call) -> None:
    with pytest.raises(TypeError):
        call()


# ----- inputs -----


def test_numpy_inputs_read_like_lists() -> None:
    y = [float(v) for v in SMOOTH]
    ref = ic.forecast_series(y, 3, model="ses", levels=[0.9])
    doubled = np.repeat(np.array(y), 2)
    readonly = np.array(y)
    readonly.flags.writeable = False
    for arr in (np.array(y), np.array(y, dtype=np.float32), np.array(y, dtype=np.int64), doubled[::2],
                readonly, tuple(y), iter(y)):
        f = ic.forecast_series(arr, 3, model="ses", levels=np.array([0.9]))
        np.testing.assert_allclose(f.mean, ref.mean, rtol=1e-6)
        np.testing.assert_allclose(f.upper, ref.upper, rtol=1e-6)


# ----- ledger demand history -----


def test_forecast_of_a_ledger_demand_history() -> None:
    ledger = ic.Ledger()
    day0 = dt.datetime(2024, 1, 1, tzinfo=UTC)
    ledger.receive("A", "WH", 1000, "2.50", day0)
    shipped = [4, 6, 5, 0, 7, 5, 6, 4, 6, 5, 0, 7, 5, 6]
    for d, q in enumerate(shipped):
        if q:
            ledger.ship("A", "WH", q, day0 + dt.timedelta(days=d, hours=10))
        if d == 3:  # a customer return and no sale: net demand -2, which counts as 0
            ledger.customer_return("A", "WH", 2, day0 + dt.timedelta(days=d, hours=12))
    history = ledger.demand_history("A", "WH")
    assert history.quantities[3] == -2
    net = [float(max(q, 0)) for q in history.quantities]
    assert net == [float(q) for q in shipped]
    f = ic.forecast_series(history, 7, levels=[0.9])
    # "auto" on a daily history considers a weekly season
    g = ic.forecast_series(net, 7, period=7, levels=[0.9])
    np.testing.assert_array_equal(f.mean, g.mean)
    np.testing.assert_array_equal(f.upper, g.upper)
    assert f.model == g.model and f.pattern == g.pattern == "smooth"
    # a named model on the history
    ses = ic.forecast_series(history, 3, model="ses", alpha=0.5, level0=5.0)
    level = 5.0
    for v in net:
        level = 0.5 * v + 0.5 * level
    assert all(close(v, level) for v in ses.mean)
    with pytest.raises(ic.InvalidInput):
        ic.forecast_series(history, 0)


def test_weekly_history_uses_a_52_week_season() -> None:
    ledger = ic.Ledger()
    start = dt.datetime(2024, 1, 1, tzinfo=UTC)  # a Monday
    ledger.receive("A", "WH", 100_000, "1", start)
    weekly = [int(round(v)) for v in seasonal_weekly(seed=3)]
    for w, q in enumerate(weekly):
        ledger.ship("A", "WH", q, start + dt.timedelta(days=7 * w + 2))
    history = ledger.demand_history("A", period="week")
    assert len(history) == 104
    f = ic.forecast_series(history, 13)
    assert f.model in SEASONAL_MODELS
    g = ic.forecast_series([float(q) for q in weekly], 13, period=52)
    np.testing.assert_array_equal(f.mean, g.mean)


# ----- classification, backtest, metrics -----


def test_classify_demand_by_hand() -> None:
    y = INTERMITTENT + [0.0]
    # demand 3, 5, 2 at t = 1, 4, 6: ADI = 7 / 3; sizes mean 10/3, sample variance 7/3
    c = ic.classify_demand(np.array(y))
    assert c["pattern"] == "intermittent"
    assert math.isclose(c["adi"], 7 / 3, rel_tol=1e-12)
    assert math.isclose(c["cv2"], (7 / 3) / (10 / 3) ** 2, rel_tol=1e-12)
    assert (c["demand_periods"], c["trailing_zeros"], c["longest_gap"]) == (3, 1, 2)
    assert ic.classify_demand([5.0, 5.0, 5.0])["pattern"] == "smooth"
    none = ic.classify_demand([0.0, 0.0])
    assert none == {"pattern": "no_demand", "adi": None, "cv2": None, "demand_periods": 0,
                    "trailing_zeros": 2, "longest_gap": 0}
    f = ic.forecast_series(y, 2, model="croston")
    assert f.pattern == "intermittent" and f.adi == c["adi"] and f.cv2 == c["cv2"]


def metrics_by_hand(actual: list[float], forecast: list[float], insample: list[float], m: int) -> dict:
    e = [a - f for a, f in zip(actual, forecast)]
    mae = sum(abs(v) for v in e) / len(e)
    nonzero = [(a, v) for a, v in zip(actual, e) if a != 0]
    scale = sum(abs(insample[t] - insample[t - m]) for t in range(m, len(insample))) / (len(insample) - m)
    both = [(a, f) for a, f in zip(actual, forecast) if abs(a) + abs(f) > 0]
    return {
        "mae": mae,
        "rmse": math.sqrt(sum(v * v for v in e) / len(e)),
        "mape": 100 * sum(abs(v / a) for a, v in nonzero) / len(nonzero) if nonzero else None,
        "smape": 200 * sum(abs(a - f) / (abs(a) + abs(f)) for a, f in both) / len(both) if both else None,
        "mase": mae / scale if scale > 0 else None,
        "bias": sum(e) / len(e),
    }


def assert_metrics(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for k, v in want.items():
        if v is None:
            assert got[k] is None, k
        else:
            assert math.isclose(got[k], v, rel_tol=1e-12, abs_tol=1e-12), k


def test_forecast_metrics_by_hand() -> None:
    actual, forecast, insample = [10.0, 0.0, 12.0], [8.0, 1.0, 15.0], [9.0, 11.0, 10.0, 13.0, 12.0]
    got = ic.forecast_metrics(actual, forecast, insample)
    assert_metrics(got, metrics_by_hand(actual, forecast, insample, 1))
    got2 = ic.forecast_metrics(np.array(actual), forecast, insample, period=2)
    assert_metrics(got2, metrics_by_hand(actual, forecast, insample, 2))
    flat = ic.forecast_metrics([0.0, 0.0], [0.0, 0.0], [3.0, 3.0])
    assert flat["mape"] is None and flat["smape"] is None and flat["mase"] is None and flat["mae"] == 0.0


def test_backtest_naive_by_hand() -> None:
    y = [5.0, 7.0, 6.0, 8.0, 9.0, 7.0, 10.0, 11.0, 9.0, 12.0]
    bt = ic.backtest(y, 2, model="naive", origins=3, step=2)
    assert isinstance(bt, ic.Backtest) and len(bt) == 3 and bt.horizon == 2
    # origins n − h − k·step for k = 2, 1, 0
    assert bt.origins == [4, 6, 8]
    assert bt.forecasts.shape == (3, 2)
    for k, origin in enumerate(bt.origins):
        assert list(bt.forecasts[k]) == [y[origin - 1]] * 2
        want = metrics_by_hand(y[origin:origin + 2], [y[origin - 1]] * 2, y[:origin], 1)
        assert_metrics(bt.accuracy[k], want)
    for key in ("mae", "rmse", "bias", "mape", "smape", "mase"):
        assert math.isclose(bt.mean[key], sum(a[key] for a in bt.accuracy) / 3, rel_tol=1e-12)
    # MASE scaled with the seasonal lag when a period is given
    seasonal = ic.backtest(y, 2, model="naive", origins=3, step=2, period=2)
    origin = seasonal.origins[0]
    want = metrics_by_hand(y[origin:origin + 2], [y[origin - 1]] * 2, y[:origin], 2)
    assert_metrics(seasonal.accuracy[0], want)
    auto = ic.backtest(mixed_panel()[0], 4)
    assert auto.forecasts.shape == (5, 4) and len(auto.accuracy) == 5


def test_the_stub_names_every_model_the_library_knows() -> None:
    """The stub's `_ModelName` literal is the library's list of models (the one its error
    for an unknown name gives), and each name fits a model that reports that name."""
    import ast
    import re
    from pathlib import Path

    stub = Path(ic.__file__).with_name("_inventory_core.pyi").read_text()
    tree = ast.parse(stub)
    literal = next(
        node.value for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "_ModelName"
    )
    assert isinstance(literal, ast.Subscript) and isinstance(literal.slice, ast.Tuple)
    stub_names = [ast.literal_eval(e) for e in literal.slice.elts]
    with pytest.raises(ic.InvalidInput) as info:
        ic.fit_model([1.0] * 30, "no_such_model")
    listed = re.search(r"expected (.*) \(or auto", str(info.value))
    assert listed is not None, str(info.value)
    library_names = re.split(r", | or ", listed.group(1))
    assert sorted(stub_names) == sorted(library_names)
    y = [10.0 + (i % 4) + 0.1 * i for i in range(40)]
    for name in stub_names:
        assert ic.fit_model(y, name, period=4).model == name
