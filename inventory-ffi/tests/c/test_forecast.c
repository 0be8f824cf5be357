/*
 * C test of the forecasting part of the C API (include/inventory.h).
 *
 * Expected values are derived independently of the library: the smoothing recursions are
 * re-implemented here by hand loops (Hyndman & Athanasopoulos, FPP 3rd ed., §8.1-8.3,
 * component form), Croston / SBA / TSB and the accuracy measures are worked by hand (noted
 * next to each check), and the normal quantile is a hard-coded table value. Built by
 * scripts/test-c.sh with -std=c99 -Wall -Wextra -Wpedantic -Werror and run under a leak
 * checker. Prints "N passed, N failed" as its last line; exits non-zero on failure.
 */
#include "inventory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const int64_t DAY = 86400;

/* Φ⁻¹(0.9) from published tables: the z of a central 80 % interval. */
static const double Z_90 = 1.2815515655446004;

/* Written to outputs before a call that must fail; must still be there afterwards. */
static const double SENTINEL = -7.0;

#define MAX_N 64

static inv_forecast_options options(const char *model) {
    inv_forecast_options o = inv_forecast_options_default();
    o.model = model;
    return o;
}

static void fill(double *a, size_t n, double v) {
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = v;
    }
}

static int all_are(const double *a, size_t n, double v) {
    size_t i;
    for (i = 0; i < n; i++) {
        if (a[i] != v) {
            return 0;
        }
    }
    return 1;
}

/* Equal, NaN equal to NaN. */
static int same(double a, double b) {
    return (isnan(a) && isnan(b)) || a == b;
}

static int contains(const char *haystack, const char *needle) {
    return strstr(haystack, needle) != NULL;
}

static int last_message_contains(const char *needle) {
    char msg[512];
    inv_last_error_message(msg, sizeof msg, NULL);
    return contains(msg, needle);
}

static inv_forecast_info sentinel_info(void) {
    inv_forecast_info info;
    memset(&info, 0, sizeof info);
    info.model[0] = 'X';
    info.alpha = SENTINEL;
    info.notes = 0xdead;
    return info;
}

static int info_untouched(const inv_forecast_info *info) {
    return info->model[0] == 'X' && info->model[1] == '\0' && info->alpha == SENTINEL &&
           info->notes == 0xdead;
}

/*
 * Additive exponential smoothing by hand (FPP component form): level, optional (damped)
 * trend, optional additive season of length m (s0 = [s_{1-m}, ..., s_0]). Writes the
 * one-step fitted values to `fitted` (n values, nullable), the floored point forecasts for
 * 1..h to `mean`, and returns the RMSE of the one-step errors.
 */
static double ets_by_hand(const double *y, size_t n, int trend, double alpha, double beta,
                          double gamma, double phi, double l0, double b0, const double *s0,
                          size_t m, double *fitted, size_t h, double *mean) {
    double l = l0, b = trend ? b0 : 0.0, sse = 0.0, phi_sum = 0.0, pow_phi = 1.0;
    double seas[MAX_N];
    size_t t, j;
    if (!trend) {
        phi = 1.0;
    }
    for (j = 0; j < m; j++) {
        seas[j] = s0[j];
    }
    for (t = 0; t < n; t++) {
        double base = l + phi * b;
        double s = m > 0 ? seas[t % m] : 0.0;
        double fit = base + s;
        double new_l = alpha * (y[t] - s) + (1.0 - alpha) * base;
        if (m > 0) {
            seas[t % m] = gamma * (y[t] - base) + (1.0 - gamma) * s;
        }
        if (trend) {
            b = beta * (new_l - l) + (1.0 - beta) * phi * b;
        }
        l = new_l;
        sse += (y[t] - fit) * (y[t] - fit);
        if (fitted != NULL) {
            fitted[t] = fit;
        }
    }
    for (t = 0; t < h; t++) {
        double f;
        pow_phi *= phi;
        phi_sum += pow_phi;
        f = l + phi_sum * b + (m > 0 ? seas[(n + t) % m] : 0.0);
        mean[t] = f > 0.0 ? f : 0.0;
    }
    return sqrt(sse / (double)n);
}

static void test_defaults(void) {
    inv_forecast_options o = inv_forecast_options_default();
    CHECK_STR(o.model, "auto");
    CHECK(o.period == 0 && o.window == 0 && o.aggregation == 0 && o.holdout == 0);
    CHECK(isnan(o.alpha) && isnan(o.beta) && isnan(o.gamma) && isnan(o.phi));
    CHECK(isnan(o.level0) && isnan(o.trend0));
    CHECK(o.seasonal0 == NULL && o.seasonal0_len == 0);
    CHECK(o.multiplicative);
    /* The bits are part of the ABI. */
    CHECK(INV_NOTE_NO_DEMAND == 1 && INV_NOTE_ONE_OBSERVATION == 2 &&
          INV_NOTE_DEMAND_STOPPED == 4 && INV_NOTE_TOO_SHORT_TO_COMPARE == 8 &&
          INV_NOTE_TOO_SHORT_FOR_SEASON == 16);
    CHECK(INV_MODEL_NAME_LEN >= sizeof "damped_holt_winters_multiplicative");
}

/* SES with α = 0.5, ℓ0 = 10 on 12 8 14 10 11, compared to the hand recursion. */
static void test_ses(void) {
    const double y[5] = {12, 8, 14, 10, 11};
    const double levels[1] = {0.8};
    double fitted[5], expected[3], mean[3], lower[3], upper[3];
    double sigma;
    inv_forecast_options o = options("ses");
    inv_forecast_info info;
    size_t h;

    o.alpha = 0.5;
    o.level0 = 10.0;
    sigma = ets_by_hand(y, 5, 0, 0.5, 0, 0, 1, 10.0, 0, NULL, 0, fitted, 3, expected);
    /* ℓ: 10 → 11 → 9.5 → 11.75 → 10.875 → 10.9375. */
    CHECK_NEAR(expected[0], 10.9375, 1e-12);

    CHECK_OK(inv_forecast_series(y, 5, &o, 3, levels, 1, mean, lower, upper, &info));
    CHECK_STR(info.model, "ses");
    CHECK(info.notes == 0);
    CHECK(info.interval_method == INV_INTERVAL_METHOD_ANALYTIC);
    CHECK_NEAR(info.alpha, 0.5, 0.0);
    CHECK(isnan(info.beta) && isnan(info.gamma) && isnan(info.phi));
    CHECK_NEAR(info.residual_sd, sigma, 1e-12);
    for (h = 0; h < 3; h++) {
        /* ETS(A,N,N): σ_h = σ √(1 + (h − 1) α²). */
        double sd = sigma * sqrt(1.0 + (double)h * 0.25);
        CHECK_NEAR(mean[h], expected[h], 1e-12);
        CHECK_NEAR(lower[h], expected[h] - Z_90 * sd, 1e-9);
        CHECK_NEAR(upper[h], expected[h] + Z_90 * sd, 1e-9);
    }
    /* No levels: point forecasts only, the bound arrays may be NULL. */
    CHECK_OK(inv_forecast_series(y, 5, &o, 3, NULL, 0, mean, NULL, NULL, NULL));
    CHECK_NEAR(mean[2], expected[2], 1e-12);
}

/* Naive on 3 5 4 6 8: forecast 8; errors 2 −1 2 2, σ = √(13/4); σ_h = σ √h. */
static void test_naive_interval(void) {
    const double y[5] = {3, 5, 4, 6, 8};
    const double saw[5] = {1, 5, 1, 5, 1};
    const double levels[1] = {0.8};
    double mean[4], lower[4], upper[4];
    double sigma = sqrt(13.0 / 4.0);
    inv_forecast_options o = options("naive");
    inv_forecast_info info;
    size_t h;

    CHECK_OK(inv_forecast_series(y, 5, &o, 4, levels, 1, mean, lower, upper, &info));
    CHECK_STR(info.model, "naive");
    CHECK(info.interval_method == INV_INTERVAL_METHOD_ANALYTIC);
    CHECK_NEAR(info.residual_sd, sigma, 1e-12);
    CHECK(isnan(info.alpha));
    for (h = 0; h < 4; h++) {
        double sd = sigma * sqrt((double)(h + 1));
        CHECK_NEAR(mean[h], 8.0, 0.0);
        CHECK_NEAR(lower[h], 8.0 - Z_90 * sd, 1e-9);
        CHECK_NEAR(upper[h], 8.0 + Z_90 * sd, 1e-9);
    }

    /* 1 5 1 5 1: forecast 1, σ = 4, so 1 − 1.28·4 < 0: the lower bound is floored at 0. */
    CHECK_OK(inv_forecast_series(saw, 5, &o, 2, levels, 1, mean, lower, upper, NULL));
    CHECK_NEAR(mean[0], 1.0, 0.0);
    CHECK_NEAR(lower[0], 0.0, 0.0);
    CHECK_NEAR(lower[1], 0.0, 0.0);
    CHECK_NEAR(upper[0], 1.0 + Z_90 * 4.0, 1e-9);
    CHECK_NEAR(upper[1], 1.0 + Z_90 * 4.0 * sqrt(2.0), 1e-9);
}

/*
 * Croston, SBA and TSB with α = β = 0.1 on 0 3 0 0 5 0 2 (first demand at t = 1: z0 = 3,
 * p0 = 2, TSB probability 1/2):
 *   Croston: t4 (5 after an interval of 3): z = 3 + 0.1·2 = 3.2, p = 2 + 0.1·1 = 2.1;
 *            t6 (2 after 2): z = 3.2 − 0.12 = 3.08, p = 2.1 − 0.01 = 2.09 → 3.08 / 2.09.
 *   SBA:     (1 − 0.1/2) · 3.08 / 2.09.
 *   TSB:     p 0.5 → 0.45 → 0.405 → (demand) 0.4645 → 0.41805 → (demand) 0.476245;
 *            z 3 → 3.2 → 3.08: 0.476245 · 3.08.
 */
static void test_intermittent(void) {
    const double y[7] = {0, 3, 0, 0, 5, 0, 2};
    const double negative[3] = {1, -1, 2};
    double mean[2], lower[2], upper[2];
    const double levels[1] = {0.8};
    inv_forecast_options o = options("croston");
    inv_forecast_info info;

    o.alpha = 0.1;
    CHECK_OK(inv_forecast_series(y, 7, &o, 2, levels, 1, mean, lower, upper, &info));
    CHECK_STR(info.model, "croston");
    CHECK_NEAR(mean[0], 3.08 / 2.09, 1e-12);
    CHECK_NEAR(mean[1], 3.08 / 2.09, 1e-12);
    CHECK_NEAR(info.alpha, 0.1, 0.0);
    CHECK(info.pattern == INV_DEMAND_PATTERN_INTERMITTENT);
    CHECK(info.interval_method == INV_INTERVAL_METHOD_EMPIRICAL ||
          info.interval_method == INV_INTERVAL_METHOD_NORMAL_APPROX);
    CHECK(lower[0] >= 0.0 && lower[0] <= upper[0]);

    o.model = "sba";
    CHECK_OK(inv_forecast_series(y, 7, &o, 2, NULL, 0, mean, NULL, NULL, &info));
    CHECK_STR(info.model, "sba");
    CHECK_NEAR(mean[0], 0.95 * 3.08 / 2.09, 1e-12);

    o.model = "tsb";
    o.beta = 0.1;
    CHECK_OK(inv_forecast_series(y, 7, &o, 2, NULL, 0, mean, NULL, NULL, &info));
    CHECK_STR(info.model, "tsb");
    CHECK_NEAR(mean[0], 0.476245 * 3.08, 1e-12);
    CHECK_NEAR(info.beta, 0.1, 0.0);

    /* Intermittent models need demand ≥ 0. */
    fill(mean, 2, SENTINEL);
    o.model = "croston";
    CHECK_RC(inv_forecast_series(negative, 3, &o, 2, NULL, 0, mean, NULL, NULL, NULL),
             INV_INVALID_INPUT);
    CHECK(all_are(mean, 2, SENTINEL));
}

/* Holt-Winters additive and damped Holt with every parameter and initial state given,
 * compared with the hand recursion (seasonal0 crosses the boundary). */
static void test_fixed_smoothing(void) {
    const double y[8] = {9, 13, 16, 10, 12, 16, 19, 12};
    const double s0[4] = {-2, 1, 3, -2};
    double expected[6], mean[6], lower[6], upper[6];
    double sigma;
    const double levels[1] = {0.8};
    inv_forecast_options o = options("holt_winters_additive");
    inv_forecast_info info;
    size_t h;

    o.period = 4;
    o.alpha = 0.3;
    o.beta = 0.2;
    o.gamma = 0.1;
    o.level0 = 10.0;
    o.trend0 = 1.0;
    o.seasonal0 = s0;
    o.seasonal0_len = 4;
    sigma = ets_by_hand(y, 8, 1, 0.3, 0.2, 0.1, 1.0, 10.0, 1.0, s0, 4, NULL, 6, expected);
    CHECK_OK(inv_forecast_series(y, 8, &o, 6, levels, 1, mean, lower, upper, &info));
    CHECK_STR(info.model, "holt_winters_additive");
    CHECK(info.interval_method == INV_INTERVAL_METHOD_ANALYTIC);
    CHECK_NEAR(info.gamma, 0.1, 0.0);
    CHECK(isnan(info.phi));
    CHECK_NEAR(info.residual_sd, sigma, 1e-12);
    for (h = 0; h < 6; h++) {
        CHECK_NEAR(mean[h], expected[h], 1e-9);
        CHECK(lower[h] <= mean[h] && mean[h] <= upper[h]);
    }
    /* h = 1: σ_1 = σ. */
    CHECK_NEAR(upper[0], expected[0] + Z_90 * sigma, 1e-9);

    /* seasonal0 of the wrong length, and NULL with a length. */
    o.seasonal0_len = 3;
    CHECK_RC(inv_forecast_series(y, 8, &o, 6, NULL, 0, mean, NULL, NULL, NULL),
             INV_INVALID_INPUT);
    o.seasonal0 = NULL;
    o.seasonal0_len = 4;
    CHECK_RC(inv_forecast_series(y, 8, &o, 6, NULL, 0, mean, NULL, NULL, NULL),
             INV_NULL_ARGUMENT);
    /* A seasonal model needs a period. */
    o = options("holt_winters_additive");
    CHECK_RC(inv_forecast_series(y, 8, &o, 6, NULL, 0, mean, NULL, NULL, NULL),
             INV_INVALID_INPUT);

    /* Damped Holt, φ = 0.9. */
    o = options("damped_holt");
    o.alpha = 0.4;
    o.beta = 0.3;
    o.phi = 0.9;
    o.level0 = 9.0;
    o.trend0 = 0.5;
    ets_by_hand(y, 8, 1, 0.4, 0.3, 0, 0.9, 9.0, 0.5, NULL, 0, NULL, 6, expected);
    CHECK_OK(inv_forecast_series(y, 8, &o, 6, NULL, 0, mean, NULL, NULL, &info));
    CHECK_STR(info.model, "damped_holt");
    CHECK_NEAR(info.phi, 0.9, 0.0);
    CHECK_NEAR(info.beta, 0.3, 0.0);
    for (h = 0; h < 6; h++) {
        CHECK_NEAR(mean[h], expected[h], 1e-9);
    }

    /* Seasonal naive, period 4: the last season repeated. */
    o = options("seasonal_naive");
    o.period = 4;
    CHECK_OK(inv_forecast_series(y, 8, &o, 6, NULL, 0, mean, NULL, NULL, &info));
    CHECK_STR(info.model, "seasonal_naive");
    CHECK(mean[0] == 12 && mean[1] == 16 && mean[2] == 19 && mean[3] == 12 && mean[4] == 12 &&
          mean[5] == 16);
}

/* Deterministic pseudo-random numbers in [0, 1) (a 31-bit LCG). */
static unsigned long rng_state = 12345;
static double uniform(void) {
    rng_state = (rng_state * 1103515245UL + 12345UL) & 0x7fffffffUL;
    return (double)rng_state / 2147483648.0;
}

/* Series `kind` of length n: 0 seasonal (period 4, > 0), 1 trend, 2 intermittent, 3 dying. */
static void make_series(int kind, size_t n, double *y) {
    static const double profile[4] = {0.7, 1.1, 1.4, 0.8};
    size_t t;
    for (t = 0; t < n; t++) {
        double u = uniform();
        switch (kind) {
        case 0:
            y[t] = 20.0 * profile[t % 4] * (0.9 + 0.2 * u);
            break;
        case 1:
            y[t] = 5.0 + 0.8 * (double)t + 4.0 * (u - 0.5);
            break;
        case 2:
            y[t] = u < 0.3 ? floor(1.0 + 10.0 * uniform()) : 0.0;
            break;
        default:
            y[t] = (t < n - n / 3 && u < 0.6) ? floor(1.0 + 5.0 * uniform()) : 0.0;
            break;
        }
    }
}

/* Bounds at levels 0.5 < 0.8 < 0.95 nest and are ≥ 0, for every model family. */
static void test_nested_intervals(void) {
    static const char *models[] = {"auto", "naive", "historic_average", "moving_average",
                                   "ses", "holt", "damped_holt", "holt_winters_additive",
                                   "holt_winters_multiplicative",
                                   "damped_holt_winters_additive", "croston", "sba", "tsb",
                                   "adida", "seasonal_naive"};
    const double levels[3] = {0.5, 0.8, 0.95};
    double seasonal[40], sporadic[40];
    double mean[8], lower[24], upper[24];
    size_t i, h;
    int ok_nested = 1, ok_floor = 1, ok_centre = 1;

    make_series(0, 40, seasonal);
    make_series(2, 40, sporadic);
    for (i = 0; i < sizeof models / sizeof models[0]; i++) {
        int k;
        for (k = 0; k < 2; k++) {
            inv_forecast_options o = options(models[i]);
            inv_forecast_info info;
            const double *y = k == 0 ? seasonal : sporadic;
            inv_result rc;
            o.period = 4;
            rc = inv_forecast_series(y, 40, &o, 8, levels, 3, mean, lower, upper, &info);
            if (k == 1 && strstr(models[i], "multiplicative") != NULL) {
                /* Zeros: multiplicative seasonality is refused. */
                CHECK_RC(rc, INV_INVALID_INPUT);
                continue;
            }
            CHECK_RC(rc, INV_OK);
            if (rc != INV_OK) {
                continue;
            }
            for (h = 0; h < 8; h++) {
                if (!(lower[16 + h] <= lower[8 + h] && lower[8 + h] <= lower[h] &&
                      lower[h] <= upper[h] && upper[h] <= upper[8 + h] &&
                      upper[8 + h] <= upper[16 + h])) {
                    ok_nested = 0;
                    fprintf(stderr, "not nested: %s series %d h %u\n", models[i], k,
                            (unsigned)h);
                }
                if (!(lower[16 + h] >= 0.0 && mean[h] >= 0.0)) {
                    ok_floor = 0;
                }
                if (info.interval_method == INV_INTERVAL_METHOD_ANALYTIC &&
                    !(lower[h] <= mean[h] && mean[h] <= upper[h])) {
                    ok_centre = 0;
                }
            }
        }
    }
    CHECK(ok_nested);
    CHECK(ok_floor);
    CHECK(ok_centre);
}

#define PANEL_N 40
#define PANEL_H 6
#define PANEL_L 2

/* The panel equals one call per series, and threads 1 and 2 give identical results. */
static void test_panel(void) {
    static double values[PANEL_N * MAX_N];
    static double mean1[PANEL_N * PANEL_H], lower1[PANEL_N * PANEL_L * PANEL_H],
        upper1[PANEL_N * PANEL_L * PANEL_H];
    static double mean2[PANEL_N * PANEL_H], lower2[PANEL_N * PANEL_L * PANEL_H],
        upper2[PANEL_N * PANEL_L * PANEL_H];
    static inv_forecast_info infos1[PANEL_N], infos2[PANEL_N];
    const double levels[PANEL_L] = {0.8, 0.95};
    size_t offsets[PANEL_N + 1];
    size_t bad_offsets[3] = {0, 5, 3};
    double mean[PANEL_H], lower[PANEL_L * PANEL_H], upper[PANEL_L * PANEL_H];
    inv_forecast_options o = options("auto");
    inv_forecast_info info;
    size_t i, h, index = 99;
    int same_series = 1, same_threads = 1, same_infos = 1;

    o.period = 4;
    offsets[0] = 0;
    for (i = 0; i < PANEL_N; i++) {
        size_t n = 8 + (i * 7) % 30;
        make_series((int)(i % 4), n, values + offsets[i]);
        offsets[i + 1] = offsets[i] + n;
    }

    CHECK_OK(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 1,
                                mean1, lower1, upper1, infos1));
    CHECK_OK(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 2,
                                mean2, lower2, upper2, infos2));
    /* Regression (issue 13): 40,000 threads started one OS thread per series until the
     * system refused, then INV_PANIC. Beyond the limit of 64 is refused, nothing written. */
    mean2[0] = -1.0;
    CHECK_RC(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 40000,
                                mean2, lower2, upper2, infos2),
             INV_INVALID_INPUT);
    CHECK_RC(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 65,
                                mean2, lower2, upper2, infos2),
             INV_INVALID_INPUT);
    CHECK(mean2[0] == -1.0);
    CHECK_OK(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 64,
                                mean2, lower2, upper2, infos2));
    CHECK(memcmp(mean1, mean2, sizeof mean1) == 0);
    CHECK_OK(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 2,
                                mean2, lower2, upper2, infos2));
    same_threads = memcmp(mean1, mean2, sizeof mean1) == 0 &&
                   memcmp(lower1, lower2, sizeof lower1) == 0 &&
                   memcmp(upper1, upper2, sizeof upper1) == 0;
    CHECK(same_threads);

    for (i = 0; i < PANEL_N; i++) {
        size_t n = offsets[i + 1] - offsets[i];
        if (strcmp(infos1[i].model, infos2[i].model) != 0 ||
            infos1[i].notes != infos2[i].notes || !same(infos1[i].alpha, infos2[i].alpha)) {
            same_infos = 0;
        }
        if (inv_forecast_series(values + offsets[i], n, &o, PANEL_H, levels, PANEL_L, mean,
                                lower, upper, &info) != INV_OK) {
            same_series = 0;
            continue;
        }
        for (h = 0; h < PANEL_H; h++) {
            if (mean[h] != mean1[i * PANEL_H + h]) {
                same_series = 0;
            }
        }
        for (h = 0; h < PANEL_L * PANEL_H; h++) {
            if (lower[h] != lower1[i * PANEL_L * PANEL_H + h] ||
                upper[h] != upper1[i * PANEL_L * PANEL_H + h]) {
                same_series = 0;
            }
        }
        if (strcmp(info.model, infos1[i].model) != 0 || info.pattern != infos1[i].pattern ||
            info.notes != infos1[i].notes || info.interval_method != infos1[i].interval_method ||
            !same(info.alpha, infos1[i].alpha) || !same(info.beta, infos1[i].beta) ||
            !same(info.gamma, infos1[i].gamma) || !same(info.phi, infos1[i].phi) ||
            !same(info.residual_sd, infos1[i].residual_sd) || !same(info.adi, infos1[i].adi)) {
            same_series = 0;
        }
    }
    CHECK(same_series);
    CHECK(same_infos);
    /* The dying series (kind 3) were noticed. */
    CHECK((infos1[3].notes & INV_NOTE_DEMAND_STOPPED) != 0);
    CHECK_STR(infos1[3].model, "tsb");

    /* infos_out is nullable. */
    CHECK_OK(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, NULL, 0, 2, mean2, NULL,
                                NULL, NULL));
    CHECK(memcmp(mean1, mean2, sizeof mean1) == 0);

    /* A bad series: the first failing index, nothing written. */
    fill(mean2, PANEL_N * PANEL_H, SENTINEL);
    fill(lower2, PANEL_N * PANEL_L * PANEL_H, SENTINEL);
    infos2[0] = sentinel_info();
    values[offsets[5] + 1] = NAN;
    values[offsets[9]] = -1.0;
    CHECK_RC(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 2,
                                mean2, lower2, upper2, infos2),
             INV_INVALID_INPUT);
    CHECK(inv_last_error_index(&index));
    CHECK(index == 5);
    CHECK(last_message_contains("5"));
    CHECK(all_are(mean2, PANEL_N * PANEL_H, SENTINEL));
    CHECK(all_are(lower2, PANEL_N * PANEL_L * PANEL_H, SENTINEL));
    CHECK(info_untouched(&infos2[0]));
    values[offsets[5] + 1] = 1.0;
    CHECK_RC(inv_forecast_panel(values, offsets, PANEL_N, &o, PANEL_H, levels, PANEL_L, 1,
                                mean2, lower2, upper2, infos2),
             INV_INVALID_INPUT);
    CHECK(inv_last_error_index(&index));
    CHECK(index == 9);
    /* An empty series inside the panel is an error of that series. */
    values[offsets[9]] = 1.0;
    offsets[3] = offsets[2]; /* series 2 becomes empty */
    CHECK_RC(inv_forecast_panel(values, offsets, 3, &o, PANEL_H, NULL, 0, 1, mean2, NULL, NULL,
                                NULL),
             INV_INVALID_INPUT);
    CHECK(inv_last_error_index(&index));
    CHECK(index == 2);

    /* Shape errors have no index. */
    CHECK_RC(inv_forecast_panel(values, bad_offsets, 2, &o, PANEL_H, NULL, 0, 1, mean2, NULL,
                                NULL, NULL),
             INV_INVALID_INPUT);
    CHECK(!inv_last_error_index(&index));
    CHECK_RC(inv_forecast_panel(values, offsets, 2, &o, PANEL_H, NULL, 0, 0, mean2, NULL, NULL,
                                NULL),
             INV_INVALID_INPUT);
    CHECK(!inv_last_error_index(&index));
    CHECK_RC(inv_forecast_panel(values, offsets, 2, &o, 0, NULL, 0, 1, mean2, NULL, NULL, NULL),
             INV_INVALID_INPUT);
    CHECK(all_are(mean2, PANEL_N * PANEL_H, SENTINEL));
    CHECK_RC(inv_forecast_panel(NULL, offsets, 2, &o, PANEL_H, NULL, 0, 1, mean2, NULL, NULL,
                                NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_panel(values, NULL, 2, &o, PANEL_H, NULL, 0, 1, mean2, NULL, NULL,
                                NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_panel(values, offsets, 2, &o, PANEL_H, levels, PANEL_L, 1, mean2, NULL,
                                upper2, NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_panel(values, offsets, 2, &o, PANEL_H, NULL, 0, 1, NULL, NULL, NULL,
                                NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_panel(values, offsets, 2, NULL, PANEL_H, NULL, 0, 1, mean2, NULL, NULL,
                                NULL),
             INV_NULL_ARGUMENT);
    /* An empty panel is fine. */
    CHECK_OK(inv_forecast_panel(NULL, NULL, 0, &o, PANEL_H, NULL, 0, 1, NULL, NULL, NULL, NULL));
    CHECK(!inv_last_error_index(&index));
}

/* An item whose demand stopped: TSB, the DEMAND_STOPPED bit, a forecast that decays by
 * (1 − β) with each further period without demand. */
static void test_dying_item(void) {
    double y[15] = {5, 3, 4, 6, 2, 5, 4, 6, 5, 0, 0, 0, 0, 0, 0};
    double mean14[3], mean15[3];
    inv_forecast_options o = options("auto");
    inv_forecast_info info14, info15;

    CHECK_OK(inv_forecast_series(y, 14, &o, 3, NULL, 0, mean14, NULL, NULL, &info14));
    CHECK((info14.notes & INV_NOTE_DEMAND_STOPPED) != 0);
    CHECK_STR(info14.model, "tsb");
    CHECK(info14.pattern == INV_DEMAND_PATTERN_SMOOTH);
    CHECK_OK(inv_forecast_series(y, 15, &o, 3, NULL, 0, mean15, NULL, NULL, &info15));
    CHECK((info15.notes & INV_NOTE_DEMAND_STOPPED) != 0);
    /* Mean demand while selling was 40/9 ≈ 4.4; after 5 idle periods the forecast is
     * below it, and one more idle period multiplies it by (1 − β). */
    CHECK(mean14[0] > 0.0 && mean14[0] < 40.0 / 9.0);
    CHECK(mean15[0] < mean14[0]);
    CHECK(info15.beta > 0.0 && info15.beta < 1.0);
    CHECK_NEAR(mean15[0], mean14[0] * (1.0 - info15.beta), 1e-12);
}

/* All zero: zeros, zero-width bounds, the NO_DEMAND bit and pattern. */
static void test_all_zero(void) {
    const double y[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    const double levels[2] = {0.8, 0.95};
    double mean[3], lower[6], upper[6];
    inv_forecast_options o = options("auto");
    inv_forecast_info info;

    fill(mean, 3, SENTINEL);
    fill(lower, 6, SENTINEL);
    fill(upper, 6, SENTINEL);
    CHECK_OK(inv_forecast_series(y, 10, &o, 3, levels, 2, mean, lower, upper, &info));
    CHECK(all_are(mean, 3, 0.0));
    CHECK(all_are(lower, 6, 0.0));
    CHECK(all_are(upper, 6, 0.0));
    CHECK((info.notes & INV_NOTE_NO_DEMAND) != 0);
    CHECK(info.pattern == INV_DEMAND_PATTERN_NO_DEMAND);
    CHECK(isnan(info.adi) && isnan(info.cv2));
    /* A single observation: the naive forecast. */
    CHECK_OK(inv_forecast_series(y + 9, 1, &o, 3, NULL, 0, mean, NULL, NULL, &info));
    CHECK((info.notes & INV_NOTE_NO_DEMAND) != 0);
    {
        const double one[1] = {4.0};
        CHECK_OK(inv_forecast_series(one, 1, &o, 2, levels, 2, mean, lower, upper, &info));
        CHECK((info.notes & INV_NOTE_ONE_OBSERVATION) != 0);
        CHECK_STR(info.model, "naive");
        CHECK(mean[0] == 4.0 && mean[1] == 4.0);
        CHECK(info.interval_method == INV_INTERVAL_METHOD_DEGENERATE);
        CHECK(lower[0] == 4.0 && upper[3] == 4.0);
    }
}

/* Every kind of bad input fails with its code and leaves every output untouched. */
static void test_errors(void) {
    const double y[5] = {3, 5, 4, 6, 8};
    const double with_nan[3] = {1, NAN, 2};
    const double with_inf[3] = {1, INFINITY, 2};
    const double level80[1] = {0.8};
    const double level95[1] = {95.0};
    const double level1[1] = {1.0};
    double mean[3], lower[3], upper[3];
    inv_forecast_options o = options("ses");
    inv_forecast_info info = sentinel_info();
    size_t index = 99;

    fill(mean, 3, SENTINEL);
    fill(lower, 3, SENTINEL);
    fill(upper, 3, SENTINEL);
#define SERIES(yy, n, oo, hh, lv, nl, mo, lo, up) \
    inv_forecast_series(yy, n, oo, hh, lv, nl, mo, lo, up, &info)
    CHECK_RC(SERIES(with_nan, 3, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK(last_message_contains("finite"));
    CHECK(!inv_last_error_index(&index));
    CHECK_RC(SERIES(with_inf, 3, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK_RC(SERIES(y, 0, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK_RC(SERIES(NULL, 0, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK(last_message_contains("empty"));
    CHECK_RC(SERIES(y, 5, &o, 0, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK(last_message_contains("horizon"));
    CHECK_RC(SERIES(y, 5, &o, 3, level95, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK(last_message_contains("95"));
    CHECK_RC(SERIES(y, 5, &o, 3, level1, 1, mean, lower, upper), INV_INVALID_INPUT);
    o.model = "prophet";
    CHECK_RC(SERIES(y, 5, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK(last_message_contains("unknown model"));
    CHECK(last_message_contains("prophet"));
    o.model = "\xff";
    CHECK_RC(SERIES(y, 5, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_UTF8);
    o = options("ses");
    o.alpha = 1.5;
    CHECK_RC(SERIES(y, 5, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK(last_message_contains("alpha"));
    o = options("moving_average");
    o.window = 6;
    CHECK_RC(SERIES(y, 5, &o, 3, level80, 1, mean, lower, upper), INV_INVALID_INPUT);
    o = options("ses");
    /* NULL pointers with a length. */
    CHECK_RC(SERIES(NULL, 5, &o, 3, level80, 1, mean, lower, upper), INV_NULL_ARGUMENT);
    CHECK_RC(SERIES(y, 5, NULL, 3, level80, 1, mean, lower, upper), INV_NULL_ARGUMENT);
    CHECK_RC(SERIES(y, 5, &o, 3, NULL, 1, mean, lower, upper), INV_NULL_ARGUMENT);
    CHECK_RC(SERIES(y, 5, &o, 3, level80, 1, NULL, lower, upper), INV_NULL_ARGUMENT);
    CHECK_RC(SERIES(y, 5, &o, 3, level80, 1, mean, NULL, upper), INV_NULL_ARGUMENT);
    CHECK_RC(SERIES(y, 5, &o, 3, level80, 1, mean, lower, NULL), INV_NULL_ARGUMENT);
    CHECK(last_message_contains("upper_out"));
    CHECK(inv_last_error_code() == INV_NULL_ARGUMENT);
#undef SERIES
    CHECK(all_are(mean, 3, SENTINEL));
    CHECK(all_are(lower, 3, SENTINEL));
    CHECK(all_are(upper, 3, SENTINEL));
    CHECK(info_untouched(&info));

    /* A NULL model name means "auto"; a success clears the last error. */
    o.model = NULL;
    CHECK_OK(inv_forecast_series(y, 5, &o, 3, NULL, 0, mean, NULL, NULL, &info));
    CHECK(strcmp(info.model, "auto") != 0 && info.model[0] != '\0');
    CHECK(inv_last_error_code() == INV_OK);
}

/* Fitted-model handles: create, use, free (valgrind checks for leaks). */
static void test_model_handle(void) {
    const double y[5] = {12, 8, 14, 10, 11};
    const double levels[1] = {0.8};
    const double probs[3] = {0.1, 0.5, 0.9};
    const double bad_probs[1] = {0.0};
    double fitted_hand[5], expected[4];
    double mean[4], lower[4], upper[4], q[12], fitted[8];
    double sigma;
    inv_forecast_options o = options("ses");
    inv_forecast_info info = sentinel_info();
    inv_model *m = NULL;
    inv_model *sentinel = (inv_model *)&o; /* must stay untouched on failure */
    inv_model *out = sentinel;
    size_t len = 99, start = 99, h;

    o.alpha = 0.5;
    o.level0 = 10.0;
    sigma = ets_by_hand(y, 5, 0, 0.5, 0, 0, 1, 10.0, 0, NULL, 0, fitted_hand, 4, expected);
    CHECK_OK(inv_fit_model(y, 5, &o, &m));
    CHECK(m != NULL);
    CHECK_OK(inv_model_info(m, &info));
    CHECK_STR(info.model, "ses");
    CHECK_NEAR(info.alpha, 0.5, 0.0);
    CHECK_NEAR(info.residual_sd, sigma, 1e-12);
    CHECK(info.pattern == INV_DEMAND_PATTERN_SMOOTH);
    CHECK(info.notes == 0);

    CHECK(inv_model_fitted_len(m) == 5);
    CHECK_OK(inv_model_fitted(m, fitted, 8, &len, &start));
    CHECK(len == 5 && start == 0);
    for (h = 0; h < 5; h++) {
        CHECK_NEAR(fitted[h], fitted_hand[h], 1e-12);
    }
    fill(fitted, 8, SENTINEL);
    len = 99;
    CHECK_RC(inv_model_fitted(m, fitted, 4, &len, &start), INV_BUFFER_TOO_SMALL);
    CHECK(all_are(fitted, 8, SENTINEL) && len == 99);
    CHECK_RC(inv_model_fitted(m, NULL, 8, &len, &start), INV_NULL_ARGUMENT);
    CHECK_OK(inv_model_fitted(m, fitted, 5, NULL, NULL));

    CHECK_OK(inv_model_forecast(m, 4, levels, 1, mean, lower, upper));
    for (h = 0; h < 4; h++) {
        double sd = sigma * sqrt(1.0 + (double)h * 0.25);
        CHECK_NEAR(mean[h], expected[h], 1e-12);
        CHECK_NEAR(upper[h], expected[h] + Z_90 * sd, 1e-9);
    }
    CHECK_OK(inv_model_quantiles(m, 4, probs, 3, q));
    for (h = 0; h < 4; h++) {
        CHECK_NEAR(q[h], lower[h], 1e-9);    /* the 0.1 quantile: the 80 % lower bound */
        CHECK_NEAR(q[4 + h], mean[h], 1e-9); /* the median */
        CHECK_NEAR(q[8 + h], upper[h], 1e-9);
    }
    fill(q, 12, SENTINEL);
    CHECK_RC(inv_model_quantiles(m, 4, bad_probs, 1, q), INV_INVALID_INPUT);
    CHECK_RC(inv_model_quantiles(m, 0, probs, 3, q), INV_INVALID_INPUT);
    CHECK_RC(inv_model_quantiles(m, 4, probs, 3, NULL), INV_NULL_ARGUMENT);
    CHECK(all_are(q, 12, SENTINEL));
    fill(mean, 4, SENTINEL);
    CHECK_RC(inv_model_forecast(m, 0, levels, 1, mean, lower, upper), INV_INVALID_INPUT);
    CHECK_RC(inv_model_forecast(m, 4, levels, 1, mean, NULL, upper), INV_NULL_ARGUMENT);
    CHECK_RC(inv_model_forecast(NULL, 4, levels, 1, mean, lower, upper), INV_NULL_ARGUMENT);
    CHECK(all_are(mean, 4, SENTINEL));
    inv_model_free(m);
    m = NULL;

    /* Naive: fitted values start at observation 1 and are the previous values. */
    o = options("naive");
    CHECK_OK(inv_fit_model(y, 5, &o, &m));
    CHECK_OK(inv_model_fitted(m, fitted, 8, &len, &start));
    CHECK(len == 4 && start == 1);
    CHECK(fitted[0] == 12 && fitted[1] == 8 && fitted[2] == 14 && fitted[3] == 10);
    inv_model_free(m);
    m = NULL;

    /* "auto" fits the chosen model. */
    o = options("auto");
    CHECK_OK(inv_fit_model(y, 5, &o, &m));
    info = sentinel_info();
    CHECK_OK(inv_model_info(m, &info));
    CHECK(info.model[0] != '\0' && strcmp(info.model, "auto") != 0);
    CHECK((info.notes & INV_NOTE_TOO_SHORT_TO_COMPARE) != 0);
    inv_model_free(m);
    m = NULL;

    /* Failures leave *out untouched. */
    o = options("holt_winters_nope");
    CHECK_RC(inv_fit_model(y, 5, &o, &out), INV_INVALID_INPUT);
    o = options("moving_average");
    o.window = 9;
    CHECK_RC(inv_fit_model(y, 5, &o, &out), INV_INVALID_INPUT);
    CHECK_RC(inv_fit_model(NULL, 5, &o, &out), INV_NULL_ARGUMENT);
    CHECK(out == sentinel);
    CHECK_RC(inv_fit_model(y, 5, &o, NULL), INV_NULL_ARGUMENT);
    info = sentinel_info();
    CHECK_RC(inv_model_info(NULL, &info), INV_NULL_ARGUMENT);
    CHECK(info_untouched(&info));
    CHECK(inv_model_fitted_len(NULL) == 0);
    inv_model_free(NULL);
}

/* A forecast from a ledger's daily demand history. */
static void test_history(void) {
    inv_ledger *l = NULL;
    inv_demand_history *dh = NULL;
    double mean[3], lower[3], upper[3];
    const double levels[1] = {0.8};
    inv_forecast_options o = options("historic_average");
    inv_forecast_info info;

    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "TEA", "WH", "100", "1", 0, NULL, NULL, NULL));
    /* Net daily demand 4, 6, 5, 1 − 3 = −2, 5. */
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "4", 10, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "6", DAY + 10, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "5", 2 * DAY + 10, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "1", 3 * DAY + 10, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_customer_return(l, "TEA", "WH", "3", 3 * DAY + 20,
                                        INV_CONDITION_SELLABLE, NULL, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "5", 4 * DAY + 10, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_demand_history(l, "TEA", NULL, INV_PERIOD_DAY, 0, false, 0, false, &dh));
    CHECK(inv_demand_history_len(dh) == 5);
    CHECK(inv_demand_history_value_f64(dh, 3) == -2.0);

    /* The negative bucket counts as 0: (4 + 6 + 5 + 0 + 5) / 5 = 4. */
    CHECK_OK(inv_forecast_history(dh, &o, 3, levels, 1, mean, lower, upper, &info));
    CHECK_STR(info.model, "historic_average");
    CHECK_NEAR(mean[0], 4.0, 1e-12);
    CHECK_NEAR(mean[2], 4.0, 1e-12);
    CHECK(lower[0] <= 4.0 && upper[0] >= 4.0);
    o = options("naive");
    CHECK_OK(inv_forecast_history(dh, &o, 3, NULL, 0, mean, NULL, NULL, NULL));
    CHECK_NEAR(mean[0], 5.0, 0.0);
    /* Automatic selection on 5 days: too short to compare candidates. */
    o = options("auto");
    CHECK_OK(inv_forecast_history(dh, &o, 3, levels, 1, mean, lower, upper, &info));
    CHECK((info.notes & INV_NOTE_TOO_SHORT_TO_COMPARE) != 0);
    CHECK(mean[0] > 0.0);

    fill(mean, 3, SENTINEL);
    CHECK_RC(inv_forecast_history(NULL, &o, 3, NULL, 0, mean, NULL, NULL, NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_history(dh, &o, 0, NULL, 0, mean, NULL, NULL, NULL),
             INV_INVALID_INPUT);
    CHECK_RC(inv_forecast_history(dh, NULL, 3, NULL, 0, mean, NULL, NULL, NULL),
             INV_NULL_ARGUMENT);
    CHECK(all_are(mean, 3, SENTINEL));
    inv_demand_history_free(dh);
    inv_ledger_free(l);
}

/*
 * Syntetos-Boylan classes:
 *   0 3 0 0 5 0 2: demands at t = 1, 4, 6: ADI = 7/3; sizes 3 5 2, mean 10/3, sample variance
 *     7/3, CV² = (7/3)/(100/9) = 0.21: intermittent; longest gap 2.
 *   5 6 5 6: ADI 1, CV² = (1/3)/30.25: smooth.  1 10 1 10: ADI 1, CV² = 27/30.25: erratic.
 *   0 0 10 0 0 1 0 0 20 0: ADI 3, sizes 10 1 20, CV² = (271/3)/(961/9) = 0.846: lumpy.
 */
static void test_classify(void) {
    const double intermittent[7] = {0, 3, 0, 0, 5, 0, 2};
    const double smooth[4] = {5, 6, 5, 6};
    const double erratic[4] = {1, 10, 1, 10};
    const double lumpy[10] = {0, 0, 10, 0, 0, 1, 0, 0, 20, 0};
    const double zeros[3] = {0, 0, 0};
    const double with_nan[2] = {1, NAN};
    inv_demand_class c;

    CHECK_OK(inv_classify_demand(intermittent, 7, &c));
    CHECK(c.pattern == INV_DEMAND_PATTERN_INTERMITTENT);
    CHECK_NEAR(c.adi, 7.0 / 3.0, 1e-12);
    CHECK_NEAR(c.cv2, 0.21, 1e-12);
    CHECK(c.demand_periods == 3 && c.trailing_zeros == 0 && c.longest_gap == 2);
    CHECK_OK(inv_classify_demand(smooth, 4, &c));
    CHECK(c.pattern == INV_DEMAND_PATTERN_SMOOTH);
    CHECK_NEAR(c.cv2, (1.0 / 3.0) / 30.25, 1e-12);
    CHECK_OK(inv_classify_demand(erratic, 4, &c));
    CHECK(c.pattern == INV_DEMAND_PATTERN_ERRATIC);
    CHECK_NEAR(c.cv2, 27.0 / 30.25, 1e-12);
    CHECK_OK(inv_classify_demand(lumpy, 10, &c));
    CHECK(c.pattern == INV_DEMAND_PATTERN_LUMPY);
    CHECK_NEAR(c.adi, 3.0, 1e-12);
    CHECK_NEAR(c.cv2, (271.0 / 3.0) / (961.0 / 9.0), 1e-12);
    CHECK(c.trailing_zeros == 1 && c.longest_gap == 2);
    CHECK_OK(inv_classify_demand(zeros, 3, &c));
    CHECK(c.pattern == INV_DEMAND_PATTERN_NO_DEMAND);
    CHECK(isnan(c.adi) && isnan(c.cv2));
    CHECK(c.demand_periods == 0 && c.trailing_zeros == 3);

    c.demand_periods = 77;
    CHECK_RC(inv_classify_demand(zeros, 0, &c), INV_INVALID_INPUT);
    CHECK_RC(inv_classify_demand(with_nan, 2, &c), INV_INVALID_INPUT);
    CHECK_RC(inv_classify_demand(NULL, 2, &c), INV_NULL_ARGUMENT);
    CHECK_RC(inv_classify_demand(zeros, 3, NULL), INV_NULL_ARGUMENT);
    CHECK(c.demand_periods == 77);
}

/*
 * Accuracy of 12 18 against 10 20, in-sample 1 2 4 (naive scale (1 + 2)/2 = 1.5):
 * errors −2 2: MAE 2, RMSE 2, bias 0, MAPE (20 + 10)/2 = 15 %, sMAPE (400/22 + 400/38)/2,
 * MASE 2/1.5.
 */
static void test_metrics(void) {
    const double actual[2] = {10, 20};
    const double fc[2] = {12, 18};
    const double insample[3] = {1, 2, 4};
    const double flat[3] = {3, 3, 3};
    const double zero_actual[2] = {0, 0};
    const double ones[2] = {1, 1};
    inv_forecast_accuracy a;

    CHECK_OK(inv_forecast_metrics(actual, fc, 2, insample, 3, 1, &a));
    CHECK_NEAR(a.mae, 2.0, 1e-12);
    CHECK_NEAR(a.rmse, 2.0, 1e-12);
    CHECK_NEAR(a.bias, 0.0, 1e-12);
    CHECK_NEAR(a.mape, 15.0, 1e-12);
    CHECK_NEAR(a.smape, (400.0 / 22.0 + 400.0 / 38.0) / 2.0, 1e-12);
    CHECK_NEAR(a.mase, 2.0 / 1.5, 1e-12);
    /* Zero actuals: no MAPE; sMAPE 200 %; a flat in-sample series: no MASE. */
    CHECK_OK(inv_forecast_metrics(zero_actual, ones, 2, flat, 3, 1, &a));
    CHECK(isnan(a.mape));
    CHECK_NEAR(a.smape, 200.0, 1e-12);
    CHECK(isnan(a.mase));
    CHECK_NEAR(a.bias, -1.0, 1e-12);
    /* Seasonal scale, period 2: |4 − 1| / 1 = 3. */
    CHECK_OK(inv_forecast_metrics(actual, fc, 2, insample, 3, 2, &a));
    CHECK_NEAR(a.mase, 2.0 / 3.0, 1e-12);

    a.mae = SENTINEL;
    CHECK_RC(inv_forecast_metrics(actual, fc, 2, insample, 3, 0, &a), INV_INVALID_INPUT);
    CHECK_RC(inv_forecast_metrics(actual, fc, 2, insample, 1, 1, &a), INV_INVALID_INPUT);
    CHECK_RC(inv_forecast_metrics(actual, fc, 0, insample, 3, 1, &a), INV_INVALID_INPUT);
    CHECK_RC(inv_forecast_metrics(NULL, fc, 2, insample, 3, 1, &a), INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_metrics(actual, NULL, 2, insample, 3, 1, &a), INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_metrics(actual, fc, 2, NULL, 3, 1, &a), INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_metrics(actual, fc, 2, insample, 3, 1, NULL), INV_NULL_ARGUMENT);
    CHECK(a.mae == SENTINEL);
}

/*
 * Backtest of the naive method on 1..8, horizon 2, 2 origins, step 1: training lengths 5
 * and 6; forecasts 5 5 and 6 6 against 6 7 and 7 8: errors 1 2 both times. MAE 1.5, RMSE
 * √2.5, bias 1.5, MASE 1.5 (in-sample naive scale 1); MAPE 50·(1/6 + 2/7) and
 * 50·(1/7 + 2/8).
 */
static void test_backtest(void) {
    const double y[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    double forecasts[4];
    inv_forecast_accuracy per[2], mean;
    inv_forecast_options o = options("naive");
    double mape1 = 50.0 * (1.0 / 6.0 + 2.0 / 7.0), mape2 = 50.0 * (1.0 / 7.0 + 2.0 / 8.0);

    CHECK_OK(inv_forecast_backtest(y, 8, &o, 2, 2, 1, 1, forecasts, per, &mean));
    CHECK(forecasts[0] == 5 && forecasts[1] == 5 && forecasts[2] == 6 && forecasts[3] == 6);
    CHECK_NEAR(per[0].mae, 1.5, 1e-12);
    CHECK_NEAR(per[0].rmse, sqrt(2.5), 1e-12);
    CHECK_NEAR(per[0].mape, mape1, 1e-12);
    CHECK_NEAR(per[1].mape, mape2, 1e-12);
    CHECK_NEAR(per[1].mase, 1.5, 1e-12);
    CHECK_NEAR(mean.mae, 1.5, 1e-12);
    CHECK_NEAR(mean.bias, 1.5, 1e-12);
    CHECK_NEAR(mean.mape, (mape1 + mape2) / 2.0, 1e-12);
    CHECK_OK(inv_forecast_backtest(y, 8, &o, 2, 2, 1, 1, forecasts, NULL, &mean));

    fill(forecasts, 4, SENTINEL);
    mean.mae = SENTINEL;
    CHECK_RC(inv_forecast_backtest(y, 8, &o, 2, 0, 1, 1, forecasts, per, &mean),
             INV_INVALID_INPUT);
    CHECK_RC(inv_forecast_backtest(y, 8, &o, 2, 2, 1, 0, forecasts, per, &mean),
             INV_INVALID_INPUT);
    /* 2 + 1·6 + 1 = 9 periods needed, 8 given. */
    CHECK_RC(inv_forecast_backtest(y, 8, &o, 2, 2, 6, 1, forecasts, per, &mean),
             INV_INVALID_INPUT);
    CHECK(last_message_contains("backtest"));
    CHECK_RC(inv_forecast_backtest(y, 8, &o, 0, 2, 1, 1, forecasts, per, &mean),
             INV_INVALID_INPUT);
    CHECK_RC(inv_forecast_backtest(y, 8, &o, 2, 2, 1, 1, NULL, per, &mean), INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_backtest(y, 8, &o, 2, 2, 1, 1, forecasts, per, NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecast_backtest(NULL, 8, &o, 2, 2, 1, 1, forecasts, per, &mean),
             INV_NULL_ARGUMENT);
    CHECK(all_are(forecasts, 4, SENTINEL));
    CHECK(mean.mae == SENTINEL);
}

int main(void) {
    test_defaults();
    test_ses();
    test_naive_interval();
    test_intermittent();
    test_fixed_smoothing();
    test_nested_intervals();
    test_panel();
    test_dying_item();
    test_all_zero();
    test_errors();
    test_model_handle();
    test_history();
    test_classify();
    test_metrics();
    test_backtest();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
