/*
 * C test of the policy, classification and metrics parts of the C API (include/inventory.h).
 *
 * Expected values are derived independently of the library (textbook examples and hand
 * calculations, noted next to each check). Built by scripts/test-c.sh with -std=c99 -Wall
 * -Wextra -Wpedantic -Werror and run under a leak checker. Prints "N passed, N failed" as
 * its last line; exits non-zero on failure.
 */
#include "inventory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const int64_t DAY = 86400;

/* Standard normal quantiles from published tables (17 significant digits). */
static const double Z_95 = 1.6448536269514715;  /* Φ⁻¹(0.95) */
static const double Z_975 = 1.959963984540054;  /* Φ⁻¹(0.975) */
static const double Z_60 = 0.2533471031357997;  /* Φ⁻¹(0.6) */

static void test_normal(void) {
    double z = 0.0;
    CHECK_NEAR(inv_normal_cdf(0.0), 0.5, 1e-15);
    CHECK_NEAR(inv_normal_cdf(Z_975), 0.975, 1e-12);
    /* G(0) = φ(0) = 1/√(2π). */
    CHECK_NEAR(inv_normal_loss(0.0), 0.3989422804014327, 1e-15);
    CHECK(isnan(inv_normal_cdf(NAN)));
    /* The limits at infinity, not NaN (they were NaN: found by the Python hypothesis suite). */
    CHECK(inv_normal_cdf(INFINITY) == 1.0);
    CHECK(inv_normal_cdf(-INFINITY) == 0.0);
    CHECK(inv_normal_loss(INFINITY) == 0.0);
    CHECK(isinf(inv_normal_loss(-INFINITY)) && inv_normal_loss(-INFINITY) > 0.0);

    CHECK_OK(inv_inverse_normal_cdf(0.975, &z));
    CHECK_NEAR(z, Z_975, 1e-12);
    CHECK_OK(inv_inverse_normal_cdf(0.95, &z));
    CHECK_NEAR(z, Z_95, 1e-12);

    /* Errors: nothing written. */
    z = 42.0;
    CHECK_RC(inv_inverse_normal_cdf(1.0, &z), INV_INVALID_INPUT);
    CHECK_RC(inv_inverse_normal_cdf(0.0, &z), INV_INVALID_INPUT);
    CHECK_RC(inv_inverse_normal_cdf(NAN, &z), INV_INVALID_INPUT);
    CHECK(z == 42.0);
    CHECK_RC(inv_inverse_normal_cdf(0.5, NULL), INV_NULL_ARGUMENT);
    CHECK(inv_last_error_code() == INV_NULL_ARGUMENT);
}

static void test_safety_stock(void) {
    inv_safety_stock_params p = inv_safety_stock_params_default();
    inv_safety_stock_result r;

    CHECK(p.unit == INV_TIME_UNIT_DAY);
    CHECK(p.method == INV_SS_METHOD_DEMAND_VARIABILITY);
    CHECK(p.target == INV_SERVICE_CYCLE);
    CHECK(p.service_level == 0.95);

    /* 100/day, σ 20/day, L = 4 days, 95 %: SS = z·20·√4 = 40z, ROP = 400 + SS. */
    CHECK_OK(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r));
    CHECK_NEAR(r.safety_stock, Z_95 * 40.0, 1e-9);
    CHECK(r.has_safety_factor);
    CHECK_NEAR(r.safety_factor, Z_95, 1e-12);
    CHECK_NEAR(r.protection_interval, 4.0, 0.0);
    CHECK_NEAR(r.expected_demand, 400.0, 1e-12);
    CHECK_NEAR(r.std_dev_protection, 40.0, 1e-12);
    CHECK_NEAR(r.reorder_point, 400.0 + Z_95 * 40.0, 1e-9);

    /* Combined: σ = √(4·400 + 100²·1²) = √11600. */
    p.method = INV_SS_METHOD_COMBINED;
    CHECK_OK(inv_safety_stock(100.0, 20.0, 4.0, 1.0, &p, &r));
    CHECK_NEAR(r.safety_stock, Z_95 * sqrt(11600.0), 1e-9);

    /* Max minus average: 130·6 − 100·4 = 380, no safety factor. */
    p.method = INV_SS_METHOD_MAX_MINUS_AVERAGE;
    p.max_demand = 130.0;
    p.max_lead_time = 6.0;
    CHECK_OK(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r));
    CHECK_NEAR(r.safety_stock, 380.0, 1e-12);
    CHECK(!r.has_safety_factor);

    /* Periodic review R = 5: interval 9, σ = 20·3 = 60. */
    p = inv_safety_stock_params_default();
    p.method = INV_SS_METHOD_PERIODIC_REVIEW;
    p.review_period = 5.0;
    CHECK_OK(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r));
    CHECK_NEAR(r.protection_interval, 9.0, 0.0);
    CHECK_NEAR(r.safety_stock, Z_95 * 60.0, 1e-9);

    /* Errors: nothing written. */
    p = inv_safety_stock_params_default();
    r.safety_stock = -1.0;
    p.service_level = 1.0;
    CHECK_RC(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r), INV_INVALID_INPUT);
    p.service_level = NAN;
    CHECK_RC(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r), INV_INVALID_INPUT);
    p = inv_safety_stock_params_default();
    CHECK_RC(inv_safety_stock(NAN, 20.0, 4.0, 0.0, &p, &r), INV_INVALID_INPUT);
    CHECK_RC(inv_safety_stock(-1.0, 20.0, 4.0, 0.0, &p, &r), INV_INVALID_INPUT);
    /* The fill-rate fields are NaN by default: they must be set. */
    p.target = INV_SERVICE_FILL_RATE;
    CHECK_RC(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r), INV_INVALID_INPUT);
    p.method = 99;
    CHECK_RC(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r), INV_INVALID_ENUM);
    p = inv_safety_stock_params_default();
    p.unit = 7;
    CHECK_RC(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, &r), INV_INVALID_ENUM);
    CHECK(r.safety_stock == -1.0);
    p = inv_safety_stock_params_default();
    CHECK_RC(inv_safety_stock(100.0, 20.0, 4.0, 0.0, NULL, &r), INV_NULL_ARGUMENT);
    CHECK_RC(inv_safety_stock(100.0, 20.0, 4.0, 0.0, &p, NULL), INV_NULL_ARGUMENT);
}

static void test_safety_stock_many(void) {
    inv_safety_stock_params p = inv_safety_stock_params_default();
    const double means[3] = {100.0, 50.0, 0.0};
    const double sds[3] = {20.0, 10.0, 0.0};
    const double lt[1] = {4.0}; /* broadcast */
    const double ltsd[1] = {0.0};
    const double bad_means[3] = {100.0, -5.0, 50.0};
    inv_safety_stock_result out[3];
    inv_safety_stock_result big[4];
    size_t index = 99;

    CHECK_OK(inv_safety_stock_many(means, 3, sds, 3, lt, 1, ltsd, 1, &p, out, 3));
    CHECK_NEAR(out[0].safety_stock, Z_95 * 40.0, 1e-9);
    CHECK_NEAR(out[1].safety_stock, Z_95 * 20.0, 1e-9);
    CHECK_NEAR(out[2].safety_stock, 0.0, 1e-12);
    CHECK_NEAR(out[1].reorder_point, 200.0 + Z_95 * 20.0, 1e-9);
    CHECK(!inv_last_error_index(&index));

    /* out_len must equal the batch length. */
    out[0].safety_stock = -1.0;
    CHECK_RC(inv_safety_stock_many(means, 3, sds, 3, lt, 1, ltsd, 1, &p, out, 2),
             INV_BUFFER_TOO_SMALL);
    CHECK_RC(inv_safety_stock_many(means, 3, sds, 3, lt, 1, ltsd, 1, &p, big, 4),
             INV_INVALID_INPUT);
    CHECK(out[0].safety_stock == -1.0);

    /* Mismatched column lengths: an error without a row index. */
    CHECK_RC(inv_safety_stock_many(means, 3, sds, 2, lt, 1, ltsd, 1, &p, out, 3),
             INV_INVALID_INPUT);
    CHECK(!inv_last_error_index(&index));

    /* The failing item's index. */
    CHECK_RC(inv_safety_stock_many(bad_means, 3, sds, 3, lt, 1, ltsd, 1, &p, out, 3),
             INV_INVALID_INPUT);
    CHECK(inv_last_error_index(&index));
    CHECK(index == 1);
    CHECK(out[0].safety_stock == -1.0);

    CHECK_RC(inv_safety_stock_many(NULL, 3, sds, 3, lt, 1, ltsd, 1, &p, out, 3),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_safety_stock_many(means, 3, sds, 3, lt, 1, ltsd, 1, &p, NULL, 3),
             INV_NULL_ARGUMENT);

    /* The column form gives the same numbers as the array of structs. */
    {
        double ss[3], k[3], interval[3], expected[3], sigma[3], rop[3];
        CHECK_OK(inv_safety_stock_many(means, 3, sds, 3, lt, 1, ltsd, 1, &p, out, 3));
        CHECK_OK(inv_safety_stock_columns(means, 3, sds, 3, lt, 1, ltsd, 1, &p, ss, k, interval,
                                          expected, sigma, rop, 3));
        for (int i = 0; i < 3; i++) {
            CHECK(ss[i] == out[i].safety_stock);
            CHECK(k[i] == out[i].safety_factor);
            CHECK(interval[i] == out[i].protection_interval);
            CHECK(expected[i] == out[i].expected_demand);
            CHECK(sigma[i] == out[i].std_dev_protection);
            CHECK(rop[i] == out[i].reorder_point);
        }
        CHECK_NEAR(rop[1], 200.0 + Z_95 * 20.0, 1e-9);
        /* All-or-nothing: a short output or a bad item writes nothing. */
        ss[0] = -1.0;
        rop[2] = -1.0;
        CHECK_RC(inv_safety_stock_columns(means, 3, sds, 3, lt, 1, ltsd, 1, &p, ss, k, interval,
                                          expected, sigma, rop, 2),
                 INV_BUFFER_TOO_SMALL);
        CHECK_RC(inv_safety_stock_columns(bad_means, 3, sds, 3, lt, 1, ltsd, 1, &p, ss, k,
                                          interval, expected, sigma, rop, 3),
                 INV_INVALID_INPUT);
        CHECK(inv_last_error_index(&index));
        CHECK(index == 1);
        CHECK(ss[0] == -1.0 && rop[2] == -1.0);
        /* NULL skips a column: only the reorder point is computed and written. */
        {
            double rop_only[3] = {-1.0, -1.0, -1.0};
            CHECK_OK(inv_safety_stock_columns(means, 3, sds, 3, lt, 1, ltsd, 1, &p, NULL, NULL,
                                              NULL, NULL, NULL, rop_only, 3));
            for (int i = 0; i < 3; i++) {
                CHECK(rop_only[i] == out[i].reorder_point);
            }
            rop_only[0] = -1.0;
            CHECK_RC(inv_safety_stock_columns(bad_means, 3, sds, 3, lt, 1, ltsd, 1, &p, NULL,
                                              NULL, NULL, NULL, NULL, rop_only, 3),
                     INV_INVALID_INPUT);
            CHECK(rop_only[0] == -1.0);
        }
    }
}

static void test_eoq(void) {
    inv_order_quantity q;
    inv_order_quantity many[2];
    inv_backorder_quantity b;
    inv_production_quantity e;
    inv_rounded_quantity r;
    const double d[2] = {1000.0, 4000.0};
    const double s[1] = {10.0};
    const double h[1] = {0.5};
    const double bad_h[2] = {0.5, 0.0};
    size_t index = 99;

    /* Regression (issue 13): 2·D·S overflows; INV_OK with an infinite quantity before. */
    q.quantity = -1.0;
    CHECK_RC(inv_eoq(1e308, 10.0, 0.5, &q), INV_OVERFLOW);
    CHECK(q.quantity == -1.0);

    /* D = 1000, S = 10, H = 0.5: Q* = √(2·1000·10/0.5) = 200, cost √(2·1000·10·0.5) = 100. */
    CHECK_OK(inv_eoq(1000.0, 10.0, 0.5, &q));
    CHECK_NEAR(q.quantity, 200.0, 1e-9);
    CHECK_NEAR(q.total_cost, 100.0, 1e-9);
    CHECK_NEAR(q.ordering_cost, 50.0, 1e-9);
    CHECK_NEAR(q.holding_cost, 50.0, 1e-9);
    CHECK_NEAR(q.orders_per_year, 5.0, 1e-9);
    CHECK_NEAR(q.cycle_years, 0.2, 1e-12);

    /* Q = 100: 1000/100·10 + 100/2·0.5 = 125. */
    CHECK_OK(inv_eoq_cost(1000.0, 10.0, 0.5, 100.0, &q));
    CHECK_NEAR(q.total_cost, 125.0, 1e-9);

    CHECK_OK(inv_eoq_many(d, 2, s, 1, h, 1, many, 2));
    CHECK_NEAR(many[0].quantity, 200.0, 1e-9);
    CHECK_NEAR(many[1].quantity, 400.0, 1e-9);
    CHECK_RC(inv_eoq_many(d, 2, s, 1, bad_h, 2, many, 2), INV_INVALID_INPUT);
    CHECK(inv_last_error_index(&index));
    CHECK(index == 1);
    {
        double qty[2], total[2], ordering[2], holding[2], orders[2], cycle[2];
        CHECK_OK(inv_eoq_many(d, 2, s, 1, h, 1, many, 2));
        CHECK_OK(inv_eoq_columns(d, 2, s, 1, h, 1, qty, total, ordering, holding, orders, cycle, 2));
        for (int i = 0; i < 2; i++) {
            CHECK(qty[i] == many[i].quantity && total[i] == many[i].total_cost);
            CHECK(ordering[i] == many[i].ordering_cost && holding[i] == many[i].holding_cost);
            CHECK(orders[i] == many[i].orders_per_year && cycle[i] == many[i].cycle_years);
        }
        /* D = 4000: Q* = √(2·4000·10/0.5) = 400, 10 orders a year. */
        CHECK_NEAR(qty[1], 400.0, 1e-9);
        CHECK_NEAR(orders[1], 10.0, 1e-12);
        qty[0] = -1.0;
        CHECK_RC(inv_eoq_columns(d, 2, s, 1, bad_h, 2, qty, total, ordering, holding, orders,
                                 cycle, 2),
                 INV_INVALID_INPUT);
        CHECK_RC(inv_eoq_columns(d, 2, s, 1, h, 1, qty, total, ordering, holding, orders, cycle, 3),
                 INV_INVALID_INPUT);
        CHECK_RC(inv_eoq_columns(d, 2, s, 1, h, 1, qty, NULL, NULL, NULL, NULL, NULL, 1),
                 INV_BUFFER_TOO_SMALL);
        /* Bad inputs are reported before a wrong output length, as by inv_eoq_many. */
        CHECK_RC(inv_eoq_columns(d, 2, s, 1, bad_h, 2, qty, NULL, NULL, NULL, NULL, NULL, 1),
                 INV_INVALID_INPUT);
        CHECK(inv_last_error_index(&index));
        CHECK(index == 1);
        CHECK_RC(inv_eoq_many(d, 2, s, 1, bad_h, 2, many, 1), INV_INVALID_INPUT);
        CHECK(qty[0] == -1.0);
        /* Only the quantities: D = 1000 and 4000 give Q* = 200 and 400. */
        CHECK_OK(inv_eoq_columns(d, 2, s, 1, h, 1, qty, NULL, NULL, NULL, NULL, NULL, 2));
        CHECK_NEAR(qty[0], 200.0, 1e-9);
        CHECK_NEAR(qty[1], 400.0, 1e-9);
    }

    /* Backorders, B = 1.5: Q = 200·√((0.5 + 1.5)/1.5), max backlog Q·0.5/2. */
    CHECK_OK(inv_eoq_backorders(1000.0, 10.0, 0.5, 1.5, &b));
    CHECK_NEAR(b.quantity, 200.0 * sqrt(2.0 / 1.5), 1e-9);
    CHECK_NEAR(b.max_backorder, b.quantity * 0.25, 1e-9);

    /* EPQ, P = 2000: Q = 200/√(1 − 0.5). */
    CHECK_OK(inv_epq(1000.0, 10.0, 0.5, 2000.0, &e));
    CHECK_NEAR(e.quantity, 200.0 / sqrt(0.5), 1e-9);
    CHECK_NEAR(e.max_inventory, e.quantity * 0.5, 1e-9);
    CHECK_RC(inv_epq(1000.0, 10.0, 0.5, 900.0, &e), INV_INVALID_INPUT);

    /* Round 200 to packs of 48 with MOQ 100: 192 costs 1000/192·10 + 48 = 100.083,
     * 240 costs 41.667 + 60 = 101.667: 192. */
    CHECK_OK(inv_round_order_quantity(1000.0, 10.0, 0.5, 200.0, 100.0, 48.0, &r));
    CHECK_NEAR(r.quantity, 192.0, 1e-9);
    CHECK_NEAR(r.total_cost, 10000.0 / 192.0 + 48.0, 1e-9);
    CHECK_NEAR(r.unrounded_cost, 100.0, 1e-9);

    /* Errors: zero holding cost, NaN, NULL out. */
    q.quantity = -1.0;
    CHECK_RC(inv_eoq(1000.0, 10.0, 0.0, &q), INV_INVALID_INPUT);
    CHECK_RC(inv_eoq(NAN, 10.0, 0.5, &q), INV_INVALID_INPUT);
    CHECK(q.quantity == -1.0);
    CHECK_RC(inv_eoq(1000.0, 10.0, 0.5, NULL), INV_NULL_ARGUMENT);
}

static void test_eoq_discount(void) {
    /* Heizer & Render, Operations Management, all-units discount example:
     * D = 5000, S = 49, I = 20 %; 0-999 at 5.00, 1000-1999 at 4.80, 2000+ at 4.75.
     * EOQs 700 / 714 → 1000 / 718 → 2000; costs 25,700 / 24,725 / 24,822.50: order 1000. */
    const inv_price_break breaks[3] = {{0.0, 5.00}, {1000.0, 4.80}, {2000.0, 4.75}};
    const inv_price_break unordered[2] = {{1000.0, 4.80}, {0.0, 5.00}};
    inv_discount_quantity q;

    CHECK_OK(inv_eoq_discount(5000.0, 49.0, INV_HOLDING_RATE, 0.20, breaks, 3,
                              INV_DISCOUNT_ALL_UNITS, &q));
    CHECK_NEAR(q.quantity, 1000.0, 1e-9);
    CHECK_NEAR(q.total_cost, 24725.0, 1e-6);
    CHECK(q.break_index == 1);
    CHECK_NEAR(q.unit_price, 4.80, 0.0);
    CHECK_NEAR(q.purchase_cost, 24000.0, 1e-6);
    CHECK_NEAR(q.ordering_cost, 245.0, 1e-9);
    CHECK_NEAR(q.holding_cost, 480.0, 1e-9);

    CHECK_OK(inv_eoq_discount(5000.0, 49.0, INV_HOLDING_RATE, 0.20, breaks, 3,
                              INV_DISCOUNT_INCREMENTAL, &q));
    CHECK(q.quantity > 0.0);

    q.quantity = -1.0;
    CHECK_RC(inv_eoq_discount(5000.0, 49.0, INV_HOLDING_RATE, 0.20, unordered, 2,
                              INV_DISCOUNT_ALL_UNITS, &q),
             INV_INVALID_INPUT);
    CHECK_RC(inv_eoq_discount(5000.0, 49.0, INV_HOLDING_RATE, 0.20, breaks, 0,
                              INV_DISCOUNT_ALL_UNITS, &q),
             INV_INVALID_INPUT);
    CHECK_RC(inv_eoq_discount(5000.0, 49.0, 5, 0.20, breaks, 3, INV_DISCOUNT_ALL_UNITS, &q),
             INV_INVALID_ENUM);
    CHECK_RC(inv_eoq_discount(5000.0, 49.0, INV_HOLDING_RATE, 0.20, breaks, 3, 9, &q),
             INV_INVALID_ENUM);
    CHECK_RC(inv_eoq_discount(5000.0, 49.0, INV_HOLDING_RATE, 0.20, NULL, 3,
                              INV_DISCOUNT_ALL_UNITS, &q),
             INV_NULL_ARGUMENT);
    CHECK(q.quantity == -1.0);
}

static void test_newsvendor(void) {
    /* μ 100, σ 20, Cu 6, Co 4: CR = 0.6, Q = 100 + 20·Φ⁻¹(0.6). */
    const double sample[5] = {50.0, 10.0, 40.0, 20.0, 30.0};
    inv_newsvendor n;

    CHECK_OK(inv_newsvendor_normal(100.0, 20.0, 6.0, 4.0, &n));
    CHECK_NEAR(n.critical_ratio, 0.6, 1e-15);
    CHECK_NEAR(n.quantity, 100.0 + 20.0 * Z_60, 1e-9);
    CHECK_NEAR(n.expected_sales + n.expected_shortage, 100.0, 1e-9);

    /* Sorted 10 20 30 40 50: the smallest x with F(x) ≥ 0.6 is the 3rd, 30. Leftover
     * (20 + 10)/5 = 6, shortage (10 + 20)/5 = 6. */
    CHECK_OK(inv_newsvendor_empirical(sample, 5, 6.0, 4.0, &n));
    CHECK_NEAR(n.quantity, 30.0, 0.0);
    CHECK_NEAR(n.expected_leftover, 6.0, 1e-12);
    CHECK_NEAR(n.expected_shortage, 6.0, 1e-12);
    CHECK_NEAR(n.expected_cost, 4.0 * 6.0 + 6.0 * 6.0, 1e-12);

    /* Regression (issue 13): finite inputs whose results overflow returned INV_OK with inf. */
    n.quantity = -1.0;
    CHECK_RC(inv_newsvendor_normal(1e308, 1e308, 6.0, 4.0, &n), INV_OVERFLOW);
    CHECK(n.quantity == -1.0);
    n.quantity = -1.0;
    CHECK_RC(inv_newsvendor_empirical(sample, 0, 6.0, 4.0, &n), INV_INVALID_INPUT);
    CHECK_RC(inv_newsvendor_empirical(NULL, 5, 6.0, 4.0, &n), INV_NULL_ARGUMENT);
    CHECK_RC(inv_newsvendor_normal(100.0, 20.0, 0.0, 4.0, &n), INV_INVALID_INPUT);
    CHECK(n.quantity == -1.0);
}

static void test_abc_xyz(void) {
    /* Positives sum to 1000; ranked 400 (40 %), 250 (65 %), 150 (80 %: A on the boundary),
     * 100 (90 %), 50 (95 %: B on the boundary), 30, 20; 0 and −10 are C. */
    const double values[10] = {20, 400, 0, 150, 50, 250, -10, 100, 30, 0};
    const inv_abc_class expected[10] = {INV_ABC_C, INV_ABC_A, INV_ABC_C, INV_ABC_A, INV_ABC_B,
                                        INV_ABC_A, INV_ABC_C, INV_ABC_B, INV_ABC_C, INV_ABC_C};
    const double units[3] = {10, 20, 5};
    const double costs[3] = {2, 1, 4};
    const double prices[3] = {3, 2, 5};
    const double steady[3] = {5, 15, 10};
    const double zeros[2] = {0, 0};
    inv_abc_item items[10];
    double measure[3];
    inv_xyz_item x;
    int i;

    CHECK_OK(inv_abc(values, 10, 0.80, 0.95, items));
    for (i = 0; i < 10; i++) {
        CHECK(items[i].abc_class == expected[i]);
    }
    CHECK(items[1].rank == 1);
    CHECK(items[5].rank == 2);
    CHECK_NEAR(items[3].cumulative_share, 0.8, 1e-12);
    CHECK_NEAR(items[2].cumulative_share, 0.0, 0.0);
    CHECK_OK(inv_abc(NULL, 0, 0.80, 0.95, NULL));
    CHECK_RC(inv_abc(values, 10, 0.96, 0.95, items), INV_INVALID_INPUT);
    CHECK_RC(inv_abc(values, 10, 0.80, 0.95, NULL), INV_NULL_ARGUMENT);

    /* Margin: units × (price − cost) = 10, 20, 5. */
    CHECK_OK(inv_abc_measure(INV_MEASURE_MARGIN, units, costs, prices, 3, measure));
    CHECK_NEAR(measure[0], 10.0, 0.0);
    CHECK_NEAR(measure[1], 20.0, 0.0);
    CHECK_NEAR(measure[2], 5.0, 0.0);
    CHECK_OK(inv_abc_measure(INV_MEASURE_CONSUMPTION_VALUE, units, costs, NULL, 3, measure));
    CHECK_NEAR(measure[2], 20.0, 0.0);
    /* Revenue needs prices. */
    CHECK_RC(inv_abc_measure(INV_MEASURE_REVENUE, units, costs, NULL, 3, measure),
             INV_INVALID_INPUT);
    CHECK_RC(inv_abc_measure(17, units, costs, prices, 3, measure), INV_INVALID_ENUM);

    /* Mean 10, sample σ = √((25 + 25 + 0)/2) = 5: CV 0.5, X on the boundary. */
    CHECK_OK(inv_xyz(steady, 3, 0.5, 1.0, &x));
    CHECK(x.xyz_class == INV_XYZ_X);
    CHECK(x.has_cv);
    CHECK_NEAR(x.cv, 0.5, 1e-12);
    CHECK_NEAR(x.mean, 10.0, 1e-12);
    CHECK_NEAR(x.std_dev, 5.0, 1e-12);
    CHECK_OK(inv_xyz(steady, 3, 0.2, 0.4, &x));
    CHECK(x.xyz_class == INV_XYZ_Z);
    CHECK_OK(inv_xyz(zeros, 2, 0.5, 1.0, &x));
    CHECK(x.xyz_class == INV_XYZ_Z);
    CHECK(!x.has_cv);
    CHECK_RC(inv_xyz(steady, 0, 0.5, 1.0, &x), INV_INVALID_INPUT);
    CHECK_RC(inv_xyz(steady, 3, 0.5, 1.0, NULL), INV_NULL_ARGUMENT);
}

static void test_ledger_metrics(void) {
    inv_ledger *l = NULL;
    inv_activity a;
    inv_aging_bucket buckets[3];
    const uint32_t bounds[2] = {30, 60};
    const uint32_t bad_bounds[2] = {60, 30};
    char *json = NULL;

    CHECK_OK(inv_ledger_new(&l));
    /* Receive 10 at 2.00 at t = 0; ship 5 at day 5. */
    CHECK_OK(inv_ledger_receive(l, "A", "WH", "10", "2.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "A", "WH", "5", 5 * DAY, NULL, NULL, NULL));

    /* Window [0, 10 days): value 20.00 for 5 days, 10.00 for 5 days → average 15.00;
     * COGS 5 × 2.00 = 10.00; turnover 10/15; sell-through 5/10. */
    CHECK_OK(inv_ledger_activity(l, "A", 0, 10 * DAY, &a));
    CHECK_STR(a.average_value, "15.00");
    CHECK_STR(a.cogs, "10.00");
    CHECK_STR(a.units_sold, "5");
    CHECK_STR(a.units_received, "10");
    CHECK_STR(a.closing_units, "5");
    CHECK_STR(a.closing_value, "10.00");
    CHECK(a.has_turnover);
    CHECK_NEAR(a.turnover, 10.0 / 15.0, 1e-12);
    CHECK(a.has_sell_through);
    CHECK_NEAR(a.sell_through, 0.5, 1e-12);
    CHECK(a.stockout_days == 0);
    CHECK(a.days_observed == 10);
    CHECK(a.has_last_sale);
    CHECK(a.last_sale == 5 * DAY);

    /* Regression (issue 13): a window of 10^15 s walked 11.6 billion days one at a time
     * (2^62 s: hours), and the day counts were 32-bit. Now counted from the movements:
     * every day from day 0 is observed, none out of stock. */
    CHECK_OK(inv_ledger_activity(l, "A", 0, INT64_C(1000000000000000), &a));
    CHECK(a.days_observed == UINT64_C(11574074075));
    CHECK(a.stockout_days == 0);
    CHECK_OK(inv_ledger_activity(l, "A", 0, INT64_C(1) << 62, &a));
    CHECK(a.days_observed == ((UINT64_C(1) << 62) - 1) / (uint64_t)DAY + 1);

    CHECK_RC(inv_ledger_activity(l, "NOPE", 0, 10 * DAY, &a), INV_UNKNOWN_SKU);
    CHECK_RC(inv_ledger_activity(l, "A", 10 * DAY, 10 * DAY, &a), INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_activity(NULL, "A", 0, 10 * DAY, &a), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_activity(l, NULL, 0, 10 * DAY, &a), INV_NULL_ARGUMENT);

    /* At day 45 the 5 units left (received at day 0) are 45 days old: bucket 31-60. */
    CHECK_OK(inv_ledger_aging(l, "A", 45 * DAY, bounds, 2, buckets, 3));
    CHECK_STR(buckets[0].label, "0-30");
    CHECK_STR(buckets[1].label, "31-60");
    CHECK_STR(buckets[2].label, "60+");
    CHECK(buckets[1].min_days == 31 && buckets[1].has_max_days && buckets[1].max_days == 60);
    CHECK(!buckets[2].has_max_days);
    CHECK_STR(buckets[0].quantity, "0");
    CHECK_STR(buckets[1].quantity, "5");
    CHECK_STR(buckets[1].value, "10.00");
    CHECK_STR(buckets[2].value, "0");
    /* The whole ledger, at day 90: all in 60+. */
    CHECK_OK(inv_ledger_aging(l, NULL, 90 * DAY, bounds, 2, buckets, 3));
    CHECK_STR(buckets[2].quantity, "5");
    CHECK_RC(inv_ledger_aging(l, NULL, 90 * DAY, bounds, 2, buckets, 2), INV_BUFFER_TOO_SMALL);
    CHECK_RC(inv_ledger_aging(l, NULL, 90 * DAY, bad_bounds, 2, buckets, 3), INV_INVALID_INPUT);
    CHECK_OK(inv_ledger_aging(l, NULL, 90 * DAY, NULL, 0, buckets, 1));
    CHECK_STR(buckets[0].label, "0+");

    /* No sale in the 30 days up to day 100: dead stock. */
    CHECK_OK(inv_ledger_dead_stock(l, 100 * DAY, 30, &json));
    CHECK(json != NULL && strstr(json, "\"sku\":\"A\"") != NULL);
    CHECK(json != NULL && strstr(json, "\"value\":\"10.00\"") != NULL);
    inv_string_free(json);
    json = NULL;
    CHECK_RC(inv_ledger_dead_stock(l, 100 * DAY, 0, &json), INV_INVALID_INPUT);
    CHECK(json == NULL);

    /* 5 sold in the 10 days up to day 9: 0.5/day, 5 on hand = 10 days of supply. */
    CHECK_OK(inv_ledger_slow_movers(l, 9 * DAY, 10, 5.0, &json));
    CHECK(json != NULL && strstr(json, "\"sku\":\"A\"") != NULL);
    inv_string_free(json);
    CHECK_OK(inv_ledger_slow_movers(l, 9 * DAY, 10, 50.0, &json));
    CHECK_STR(json, "[]");
    inv_string_free(json);
    /* Cover of 4 days = 2 units: 3 in excess. */
    CHECK_OK(inv_ledger_overstock(l, 9 * DAY, 10, 4.0, &json));
    CHECK(json != NULL && strstr(json, "\"excess_units\":3.0") != NULL);
    inv_string_free(json);

    /* One SKU: 100 % of the units, rank 1; nothing ranks before it, so it is A. */
    CHECK_OK(inv_ledger_abc(l, 0, 10 * DAY, INV_MEASURE_UNITS, 0.80, 0.95, &json));
    CHECK_STR(json, "[{\"class\":\"A\",\"cumulative_share\":1.0,\"rank\":1,\"sku\":\"A\"}]");
    inv_string_free(json);
    json = NULL;
    CHECK_RC(inv_ledger_abc(l, 0, 10 * DAY, INV_MEASURE_REVENUE, 0.8, 0.95, &json),
             INV_INVALID_INPUT);
    CHECK(json == NULL);

    /* Daily demand 0 0 0 0 0 5 0 0 0 0: mean 0.5, σ = √(22.5/9) = 1.58, CV 3.16: Z. */
    CHECK_OK(inv_ledger_xyz(l, 0, 10 * DAY, INV_PERIOD_DAY, 0.5, 1.0, &json));
    CHECK(json != NULL && strstr(json, "\"class\":\"Z\"") != NULL &&
          strstr(json, "\"mean\":0.5,") != NULL);
    inv_string_free(json);
    json = NULL;
    CHECK_RC(inv_ledger_xyz(l, 0, 10 * DAY, 9, 0.5, 1.0, &json), INV_INVALID_ENUM);
    CHECK_RC(inv_ledger_xyz(l, 0, 10 * DAY, INV_PERIOD_DAY, 0.5, 1.0, NULL), INV_NULL_ARGUMENT);

    inv_ledger_free(l);
}

int main(void) {
    test_normal();
    test_safety_stock();
    test_safety_stock_many();
    test_eoq();
    test_eoq_discount();
    test_newsvendor();
    test_abc_xyz();
    test_ledger_metrics();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
