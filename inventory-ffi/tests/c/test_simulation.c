/*
 * C test of the policy simulation part of the C API (include/inventory.h): the
 * configuration and policy structs, inv_simulate, inv_simulate_many, the policy of a plan
 * item, and their error codes.
 *
 * The cases are those of inventory-core/src/replenish/tests.rs; expected values are worked
 * by hand in the comments. Built by scripts/test-c.sh with -std=c99 -Wall -Wextra
 * -Wpedantic -Werror and run under a leak checker. Prints "N passed, N failed" as its last
 * line; exits non-zero on failure.
 */
#include "inventory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const int64_t DAY = 86400;

/* A history of `n` days replayed from `days` (not copied: keep it alive), 12 on hand, a
 * lead time of 1 day (ordered at the end of day t, it arrives at the start of day t + 2),
 * the other settings the defaults. */
static inv_sim_config history(const double *days, size_t n) {
    inv_sim_config c = inv_sim_config_default();
    c.demand = INV_SIM_DEMAND_HISTORY;
    c.series = days;
    c.series_len = n;
    c.start_on_hand = 12.0;
    c.lead_time_days = 1.0;
    return c;
}

static inv_sim_policy reorder_point(double r, double q) {
    inv_sim_policy p;
    memset(&p, 0, sizeof p);
    p.kind = INV_SIM_POLICY_REORDER_POINT;
    p.r = r;
    p.q = q;
    return p;
}

static inv_sim_policy min_max(double s, double big_s) {
    inv_sim_policy p;
    memset(&p, 0, sizeof p);
    p.kind = INV_SIM_POLICY_MIN_MAX;
    p.s = s;
    p.big_s = big_s;
    return p;
}

static inv_sim_policy order_up_to(uint32_t review_days, double big_s) {
    inv_sim_policy p;
    memset(&p, 0, sizeof p);
    p.kind = INV_SIM_POLICY_ORDER_UP_TO;
    p.review_days = review_days;
    p.big_s = big_s;
    return p;
}

static inv_sim_policy periodic_min_max(uint32_t review_days, double s, double big_s) {
    inv_sim_policy p;
    memset(&p, 0, sizeof p);
    p.kind = INV_SIM_POLICY_PERIODIC_MIN_MAX;
    p.review_days = review_days;
    p.s = s;
    p.big_s = big_s;
    return p;
}

/* A policy that never orders here. */
static inv_sim_policy never(void) {
    return reorder_point(-100.0, 1.0);
}

static int same_policy(const inv_sim_policy *a, const inv_sim_policy *b) {
    return a->kind == b->kind && a->r == b->r && a->q == b->q && a->s == b->s &&
           a->big_s == b->big_s && a->review_days == b->review_days;
}

/* Field by field (the structs' padding bytes are not compared). */
static int same_report(const inv_sim_report *a, const inv_sim_report *b) {
    return same_policy(&a->policy, &b->policy) && a->days == b->days &&
           a->has_cycle_service_level == b->has_cycle_service_level &&
           a->cycle_service_level == b->cycle_service_level &&
           a->has_fill_rate == b->has_fill_rate && a->fill_rate == b->fill_rate &&
           a->average_on_hand == b->average_on_hand &&
           a->average_on_hand_value == b->average_on_hand_value &&
           a->average_backorders == b->average_backorders && a->orders == b->orders &&
           a->stockout_days == b->stockout_days && a->units_short == b->units_short &&
           a->holding_cost == b->holding_cost && a->ordering_cost == b->ordering_cost &&
           a->shortage_cost == b->shortage_cost && a->total_cost == b->total_cost &&
           a->cost_per_day == b->cost_per_day;
}

/* A byte pattern for output arrays, to see that a failing call writes nothing. */
#define MARK 0x5A

static int untouched(const void *buf, size_t len) {
    const unsigned char *b = (const unsigned char *)buf;
    size_t i;
    for (i = 0; i < len; i++) {
        if (b[i] != MARK) {
            return 0;
        }
    }
    return 1;
}

/* inv_simulate must fail with `code` and leave `out` (of `out_len`) untouched. */
#define CHECK_SIM_REFUSED(config, policies, n, out_len, code)                         \
    do {                                                                              \
        inv_sim_report out_[4];                                                       \
        memset(out_, MARK, sizeof out_);                                              \
        CHECK_RC(inv_simulate((config), (policies), (n), out_, (out_len)), (code));    \
        CHECK(untouched(out_, sizeof out_));                                          \
    } while (0)

static void test_default_config(void) {
    inv_sim_config c = inv_sim_config_default();
    CHECK(c.demand == INV_SIM_DEMAND_HISTORY);
    CHECK(c.series == NULL && c.series_len == 0);
    CHECK(isnan(c.mean) && isnan(c.std_dev));
    CHECK(c.days == 365 && c.warmup_days == 0);
    CHECK(c.start_on_hand == 100.0);
    CHECK(c.lead_time_days == 7.0 && c.lead_time_std_days == 0.0);
    CHECK(c.unit_cost == 1.0 && c.order_cost == 25.0 && c.shortage_cost == 1.0);
    CHECK_NEAR(c.holding_cost, 0.25 / 365.0, 1e-15);
    CHECK(!c.lost_sales && c.seed == 1);
}

static void test_lost_sales_and_backorders_by_hand(void) {
    /* 12 on hand, 5 a day, nothing ordered: served 5, 5, 2, 0. */
    const double days[4] = {5.0, 5.0, 5.0, 5.0};
    inv_sim_config c = history(days, 4);
    inv_sim_policy p = never();
    inv_sim_report r;

    c.lost_sales = true;
    CHECK_OK(inv_simulate(&c, &p, 1, &r, 1));
    CHECK(same_policy(&r.policy, &p));
    CHECK(r.days == 4);
    CHECK(r.stockout_days == 2 && r.orders == 0);
    CHECK(r.has_fill_rate);
    CHECK_NEAR(r.fill_rate, 12.0 / 20.0, 1e-12);
    CHECK_NEAR(r.fill_rate, 0.6, 1e-12);
    CHECK_NEAR(r.units_short, 8.0, 1e-12);
    /* End-of-day stock 7, 2, 0, 0. */
    CHECK_NEAR(r.average_on_hand, (7.0 + 2.0) / 4.0, 1e-12);
    CHECK_NEAR(r.average_on_hand, 2.25, 1e-12);
    CHECK_NEAR(r.average_on_hand_value, 2.25, 1e-12); /* unit cost 1 */
    CHECK_NEAR(r.shortage_cost, 8.0, 1e-12);           /* 1 per unit lost */
    CHECK_NEAR(r.average_backorders, 0.0, 0.0);
    CHECK_NEAR(r.ordering_cost, 0.0, 0.0);
    /* No order ever arrives: no replenishment cycle. */
    CHECK(!r.has_cycle_service_level && r.cycle_service_level == 0.0);

    /* Backordered: 3 then 8 units owed at the ends of days 3 and 4: 11 unit-days. */
    c.lost_sales = false;
    CHECK_OK(inv_simulate(&c, &p, 1, &r, 1));
    CHECK_NEAR(r.average_backorders, 11.0 / 4.0, 1e-12);
    CHECK_NEAR(r.average_backorders, 2.75, 1e-12);
    CHECK_NEAR(r.shortage_cost, 11.0, 1e-12);
    CHECK_NEAR(r.holding_cost, (7.0 + 2.0) * c.holding_cost, 1e-15);
    CHECK_NEAR(r.total_cost, r.holding_cost + r.shortage_cost, 1e-12);
    CHECK_NEAR(r.cost_per_day, r.total_cost / 4.0, 1e-12);
    CHECK(r.stockout_days == 2);
    CHECK_NEAR(r.units_short, 8.0, 1e-12); /* backordered when demanded: 3 + 5 */
}

static void test_orders_arrive_after_their_lead_time(void) {
    const double days[6] = {10.0, 10.0, 10.0, 10.0, 10.0, 10.0};
    inv_sim_config c = history(days, 6);
    inv_sim_policy ps[4];
    inv_sim_report r[4];

    c.start_on_hand = 25.0;
    c.order_cost = 7.0;
    /* (r = 20, Q = 30), lead 1: day 0 ends at 15 -> order (arrives day 2); day 1: 5;
     * day 2: 35 - 10 = 25; day 3: 15 -> order (day 5); day 4: 5; day 5: 25. */
    ps[0] = reorder_point(20.0, 30.0);
    /* (s, S) = (20, 50): day 0 ends at 15 -> 35 ordered (day 2); day 1: 5; day 2: 40 - 10 =
     * 30; day 3: 20 -> 30 ordered (day 5); day 4: 10; day 5: 40 - 10 = 30. */
    ps[1] = min_max(20.0, 50.0);
    /* (R, S) = (3, 50), reviews on days 0 and 3: day 0 ends at 15 -> 35 (day 2); day 1: 5;
     * day 2: 30; day 3: 20 -> 30 (day 5); day 4: 10; day 5: 30. */
    ps[2] = order_up_to(3, 50.0);
    /* (R, s, S) = (3, 10, 50): day 0 ends at 15 > 10, no order; day 1: 5; day 2: 5 served,
     * 5 backordered; day 3: 15 owed, position -15 -> 65 ordered (day 5); day 4: 25 owed;
     * day 5: 65 - 25 - 10 = 30. */
    ps[3] = periodic_min_max(3, 10.0, 50.0);
    CHECK_OK(inv_simulate(&c, ps, 4, r, 4));

    CHECK(same_policy(&r[0].policy, &ps[0]));
    CHECK(r[0].orders == 2 && r[0].stockout_days == 0);
    CHECK_NEAR(r[0].average_on_hand, (15.0 + 5.0 + 25.0 + 15.0 + 5.0 + 25.0) / 6.0, 1e-12);
    CHECK_NEAR(r[0].average_on_hand, 15.0, 1e-12);
    CHECK_NEAR(r[0].ordering_cost, 14.0, 1e-12);
    CHECK(r[0].has_fill_rate && r[0].fill_rate == 1.0);
    /* One whole cycle (arrivals on days 2 and 5), without a stockout. */
    CHECK(r[0].has_cycle_service_level && r[0].cycle_service_level == 1.0);
    CHECK_NEAR(r[0].shortage_cost, 0.0, 0.0);

    CHECK(same_policy(&r[1].policy, &ps[1]));
    CHECK(r[1].orders == 2 && r[1].stockout_days == 0);
    CHECK_NEAR(r[1].average_on_hand, (15.0 + 5.0 + 30.0 + 20.0 + 10.0 + 30.0) / 6.0, 1e-12);
    CHECK_NEAR(r[1].average_on_hand, 110.0 / 6.0, 1e-12);

    CHECK(same_policy(&r[2].policy, &ps[2]));
    CHECK(r[2].orders == 2 && r[2].stockout_days == 0);
    CHECK_NEAR(r[2].average_on_hand, 110.0 / 6.0, 1e-12);

    CHECK(same_policy(&r[3].policy, &ps[3]));
    CHECK(r[3].orders == 1);
    CHECK_NEAR(r[3].ordering_cost, 7.0, 1e-12);
    CHECK(r[3].stockout_days == 3); /* days 2, 3 and 4 */
    CHECK_NEAR(r[3].average_on_hand, (15.0 + 5.0 + 0.0 + 0.0 + 0.0 + 30.0) / 6.0, 1e-12);
    CHECK_NEAR(r[3].average_backorders, (5.0 + 15.0 + 25.0) / 6.0, 1e-12);
    CHECK_NEAR(r[3].shortage_cost, 45.0, 1e-12); /* 1 per unit-day */
    CHECK_NEAR(r[3].units_short, 25.0, 1e-12);
    CHECK(r[3].has_fill_rate);
    CHECK_NEAR(r[3].fill_rate, 35.0 / 60.0, 1e-12);
    /* A single arrival opens a cycle that never closes. */
    CHECK(!r[3].has_cycle_service_level);

    /* Each policy alone gives the same report (policies do not affect each other). */
    {
        inv_sim_report alone;
        CHECK_OK(inv_simulate(&c, &ps[3], 1, &alone, 1));
        CHECK(same_report(&alone, &r[3]));
    }

    /* No policy: nothing to write (the configuration is still checked). */
    CHECK_OK(inv_simulate(&c, NULL, 0, NULL, 0));

    /* Without demand there is no fill rate. */
    {
        const double zeros[2] = {0.0, 0.0};
        inv_sim_config z = history(zeros, 2);
        inv_sim_policy p = never();
        inv_sim_report out;
        CHECK_OK(inv_simulate(&z, &p, 1, &out, 1));
        CHECK(!out.has_fill_rate && out.fill_rate == 0.0);
        CHECK(out.stockout_days == 0);
        CHECK_NEAR(out.average_on_hand, 12.0, 1e-12);
    }
}

static void test_warm_up_and_seeded_demand(void) {
    /* The warm-up days are simulated and not measured: 12 on hand, 5 a day, nothing
     * ordered, lost sales, a warm-up of 1 day: days 1, 2 and 3 are measured, ending at 2,
     * 0 and 0 on hand, serving 5, 2 and 0 of 15. */
    const double days[4] = {5.0, 5.0, 5.0, 5.0};
    inv_sim_config c = history(days, 4);
    inv_sim_policy p = never();
    inv_sim_report a;
    inv_sim_report b;
    const double forecast[3] = {5.0, 6.0, 4.0};

    c.warmup_days = 1;
    c.lost_sales = true;
    CHECK_OK(inv_simulate(&c, &p, 1, &a, 1));
    CHECK(a.days == 3 && a.stockout_days == 2);
    CHECK_NEAR(a.average_on_hand, 2.0 / 3.0, 1e-12);
    CHECK_NEAR(a.fill_rate, 7.0 / 15.0, 1e-12);
    CHECK_NEAR(a.units_short, 8.0, 1e-12);

    /* Normal and forecast demand are drawn from the seed: the same seed, the same run. */
    c = inv_sim_config_default();
    c.demand = INV_SIM_DEMAND_NORMAL;
    c.mean = 20.0;
    c.std_dev = 5.0;
    c.days = 200;
    p = reorder_point(100.0, 200.0);
    CHECK_OK(inv_simulate(&c, &p, 1, &a, 1));
    CHECK_OK(inv_simulate(&c, &p, 1, &b, 1));
    CHECK(same_report(&a, &b));
    CHECK(a.days == 200 && a.orders > 0 && a.has_fill_rate);
    c.seed = 2;
    CHECK_OK(inv_simulate(&c, &p, 1, &b, 1));
    CHECK(!same_report(&a, &b));

    c = inv_sim_config_default();
    c.demand = INV_SIM_DEMAND_FORECAST;
    c.series = forecast;
    c.series_len = 3;
    c.std_dev = 0.0; /* no spread: the forecast itself, its last day repeating */
    c.days = 10;
    c.start_on_hand = 1000.0;
    p = never();
    CHECK_OK(inv_simulate(&c, &p, 1, &a, 1));
    CHECK(a.days == 10 && a.stockout_days == 0);
    /* 5, 6, then 4 a day: stock 995, 989, then 985, 981, ..., 957 (8 days, 971 on
     * average): (995 + 989 + 8 x 971) / 10 = 975.2. */
    CHECK_NEAR(a.average_on_hand, 975.2, 1e-9);
    CHECK(a.orders == 0 && !a.has_cycle_service_level);
}

/* Three SKUs (forecast demand with spread, seeds 0, 1, 2, lead 10 +- 2), three policies
 * each. */
#define SKUS 3
#define PER_SKU 3

static void fill_many(inv_sim_config *configs, inv_sim_policy *policies,
                      const double *forecast) {
    size_t i;
    for (i = 0; i < SKUS; i++) {
        configs[i] = inv_sim_config_default();
        configs[i].demand = INV_SIM_DEMAND_FORECAST;
        configs[i].series = forecast;
        configs[i].series_len = 3;
        configs[i].std_dev = 2.0;
        configs[i].seed = (uint64_t)i;
        configs[i].lead_time_days = 10.0;
        configs[i].lead_time_std_days = 2.0;
        policies[i * PER_SKU + 0] = reorder_point(60.0 + 10.0 * (double)i, 300.0);
        policies[i * PER_SKU + 1] = order_up_to(7, 100.0);
        policies[i * PER_SKU + 2] = periodic_min_max(7, 60.0, 200.0);
    }
}

static void test_many_skus_on_threads(void) {
    const double forecast[3] = {5.0, 6.0, 4.0};
    inv_sim_config configs[SKUS];
    inv_sim_policy policies[SKUS * PER_SKU];
    inv_sim_report one[SKUS * PER_SKU];
    inv_sim_report two[SKUS * PER_SKU];
    inv_sim_report four[SKUS * PER_SKU];
    inv_sim_report alone[PER_SKU];
    size_t i;
    size_t j;
    int same = 1;

    fill_many(configs, policies, forecast);
    CHECK_OK(inv_simulate_many(configs, SKUS, policies, PER_SKU, 1, one, SKUS * PER_SKU));
    CHECK_OK(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, two, SKUS * PER_SKU));
    CHECK_OK(inv_simulate_many(configs, SKUS, policies, PER_SKU, 4, four, SKUS * PER_SKU));
    for (i = 0; i < SKUS * PER_SKU; i++) {
        CHECK(same_report(&one[i], &two[i]));
        CHECK(same_report(&one[i], &four[i]));
        CHECK(same_policy(&one[i].policy, &policies[i]));
    }
    /* Each SKU's reports are what inv_simulate gives for it alone. */
    for (i = 0; i < SKUS; i++) {
        CHECK_OK(inv_simulate(&configs[i], &policies[i * PER_SKU], PER_SKU, alone, PER_SKU));
        for (j = 0; j < PER_SKU; j++) {
            same = same && same_report(&alone[j], &one[i * PER_SKU + j]);
        }
    }
    CHECK(same);
    /* The seeds differ, so do the runs. */
    CHECK(!same_report(&one[1], &one[PER_SKU + 1]));
    CHECK(one[0].days == 365 && one[0].has_fill_rate);

    /* Empty batches: no SKU, or no policy per SKU. */
    CHECK_OK(inv_simulate_many(NULL, 0, NULL, PER_SKU, 2, NULL, 0));
    CHECK_OK(inv_simulate_many(configs, SKUS, NULL, 0, 2, NULL, 0));
}

static void test_bad_simulations_are_refused(void) {
    const double days[4] = {5.0, 5.0, 5.0, 5.0};
    const double bad_days[2] = {1.0, -1.0};
    inv_sim_config ok = history(days, 4);
    inv_sim_config c;
    inv_sim_policy p = reorder_point(10.0, 20.0);
    inv_sim_policy two[2];
    char msg[256];

    /* NULL pointers. */
    CHECK_SIM_REFUSED(NULL, &p, 1, 1, INV_NULL_ARGUMENT);
    CHECK_SIM_REFUSED(&ok, NULL, 1, 1, INV_NULL_ARGUMENT);
    CHECK_RC(inv_simulate(&ok, &p, 1, NULL, 1), INV_NULL_ARGUMENT);
    c = ok;
    c.series = NULL;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_NULL_ARGUMENT);

    /* The output array must hold exactly one report per policy. */
    CHECK_SIM_REFUSED(&ok, &p, 1, 0, INV_BUFFER_TOO_SMALL);
    CHECK_SIM_REFUSED(&ok, &p, 1, 2, INV_INVALID_INPUT);
    CHECK_RC(inv_simulate(&ok, &p, 1, NULL, 0), INV_BUFFER_TOO_SMALL);

    /* Enumerations. */
    c = ok;
    c.demand = 3;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_ENUM);
    two[0] = p;
    two[1] = p;
    two[1].kind = 4;
    CHECK_SIM_REFUSED(&ok, two, 2, 2, INV_INVALID_ENUM);
    CHECK_OK(inv_last_error_message(msg, sizeof msg, NULL));
    CHECK(strstr(msg, "policies[1].kind") != NULL);

    /* Policies the core refuses: Q = 0, S < s, a review period of 0, NaN levels. */
    two[1] = reorder_point(1.0, 0.0);
    CHECK_SIM_REFUSED(&ok, two, 2, 2, INV_INVALID_INPUT);
    CHECK_OK(inv_last_error_message(msg, sizeof msg, NULL));
    CHECK(strstr(msg, "Q > 0") != NULL);
    two[1] = min_max(5.0, 4.0);
    CHECK_SIM_REFUSED(&ok, two, 2, 2, INV_INVALID_INPUT);
    two[1] = periodic_min_max(7, 5.0, 4.0);
    CHECK_SIM_REFUSED(&ok, two, 2, 2, INV_INVALID_INPUT);
    two[1] = order_up_to(0, 4.0);
    CHECK_SIM_REFUSED(&ok, two, 2, 2, INV_INVALID_INPUT);
    two[1] = periodic_min_max(0, 1.0, 4.0);
    CHECK_SIM_REFUSED(&ok, two, 2, 2, INV_INVALID_INPUT);
    two[1] = reorder_point(NAN, 1.0);
    CHECK_SIM_REFUSED(&ok, two, 2, 2, INV_INVALID_INPUT);

    /* Configurations the core refuses. */
    c = ok;
    c.holding_cost = NAN;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c = ok;
    c.shortage_cost = NAN;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c = ok;
    c.order_cost = -1.0;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c = ok;
    c.lead_time_days = INFINITY;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c = inv_sim_config_default();
    c.demand = INV_SIM_DEMAND_NORMAL;
    c.mean = 5.0;
    c.std_dev = 1.0;
    c.days = 100001; /* more than 100,000 days */
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c.warmup_days = 400; /* nothing to measure */
    c.days = 0;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c = inv_sim_config_default(); /* normal demand without a mean */
    c.demand = INV_SIM_DEMAND_NORMAL;
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c = inv_sim_config_default(); /* a history without days */
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    c = history(bad_days, 2);
    CHECK_SIM_REFUSED(&c, &p, 1, 1, INV_INVALID_INPUT);
    CHECK_OK(inv_last_error_message(msg, sizeof msg, NULL));
    CHECK(strstr(msg, "-1") != NULL);
}

static void test_bad_batches_are_refused(void) {
    const double forecast[3] = {5.0, 6.0, 4.0};
    inv_sim_config configs[SKUS];
    inv_sim_policy policies[SKUS * PER_SKU];
    inv_sim_report out[SKUS * PER_SKU];
    size_t index = 99;

    fill_many(configs, policies, forecast);
#define CHECK_MANY_REFUSED(call, code)                                                \
    do {                                                                              \
        memset(out, MARK, sizeof out);                                                \
        CHECK_RC(call, code);                                                         \
        CHECK(untouched(out, sizeof out));                                            \
    } while (0)
    /* Threads: 1 to 64. */
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 0, out, 9),
                       INV_INVALID_INPUT);
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 65, out, 9),
                       INV_INVALID_INPUT);
    CHECK_RC(inv_simulate_many(NULL, 0, NULL, 0, 0, NULL, 0), INV_INVALID_INPUT);
    /* Lengths. */
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, out, 8),
                       INV_BUFFER_TOO_SMALL);
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, out, 10),
                       INV_INVALID_INPUT);
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, (size_t)-1, 2, out, 9),
                       INV_INVALID_INPUT);
    /* NULL pointers. */
    CHECK_MANY_REFUSED(inv_simulate_many(NULL, SKUS, policies, PER_SKU, 2, out, 9),
                       INV_NULL_ARGUMENT);
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, NULL, PER_SKU, 2, out, 9),
                       INV_NULL_ARGUMENT);
    CHECK_RC(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, NULL, 9),
             INV_NULL_ARGUMENT);
    /* A bad SKU (the last) fails the whole batch, on any thread count. */
    configs[2].holding_cost = NAN;
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 1, out, 9),
                       INV_INVALID_INPUT);
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, out, 9),
                       INV_INVALID_INPUT);
    /* The failing SKU is named. */
    CHECK(inv_last_error_index(&index) && index == 2);
    configs[2].holding_cost = 0.0;
    configs[1].demand = 7;
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, out, 9),
                       INV_INVALID_ENUM);
    configs[1].demand = INV_SIM_DEMAND_FORECAST;
    policies[4] = min_max(5.0, 4.0); /* SKU 1, policy 1 */
    CHECK_MANY_REFUSED(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, out, 9),
                       INV_INVALID_INPUT);
    policies[4] = order_up_to(7, 100.0);
    CHECK_OK(inv_simulate_many(configs, SKUS, policies, PER_SKU, 2, out, 9));
#undef CHECK_MANY_REFUSED
}

/* ----- the policy of a plan item ----- */

/* Adds a supplier `id` selling `sku` at `price` in packs of `pack` (nullable), quoted lead
 * time `lead_days`. */
static void add_supplier(inv_ledger *l, const char *id, const char *sku, const char *price,
                         const char *pack, double lead_days) {
    inv_supplier *s = NULL;
    CHECK_OK(inv_supplier_new(id, id, 30, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, sku, NULL, INV_DISCOUNT_ALL_UNITS, NULL, pack, lead_days,
                                   0.0, false));
    CHECK_OK(inv_supplier_add_price_break(s, sku, "0", price));
    CHECK_OK(inv_ledger_set_supplier(l, s, 0, NULL, NULL));
    inv_supplier_free(s);
}

/* 30 MUG at WH; ACME sells MUG at 4.00 in packs of 12, lead 10 days; a forecast of 5 a day
 * (sigma 2) at WH and W2, BOWL (no supplier) at WH; MUG at WH under `policy` with
 * `review_days`, MUG at W2 manual. */
static inv_plan *plan_with(const inv_ledger *l, const char *policy, uint32_t review_days) {
    inv_plan_request *r = NULL;
    inv_plan *p = NULL;
    inv_policy_settings s = inv_policy_settings_default();
    inv_policy_settings manual = inv_policy_settings_default();
    double daily[90];
    size_t i;
    for (i = 0; i < 90; i++) {
        daily[i] = 5.0;
    }
    s.policy = policy;
    s.review_days = review_days;
    manual.policy = "manual";
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    CHECK_OK(inv_plan_request_add_forecast(r, "BOWL", "WH", daily, 90, 2.0));
    CHECK_OK(inv_plan_request_add_forecast(r, "MUG", "W2", daily, 90, 2.0));
    CHECK_OK(inv_plan_request_add_forecast(r, "MUG", "WH", daily, 90, 2.0));
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", "WH", &s));
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", "W2", &manual));
    CHECK_OK(inv_ledger_plan(l, r, &p));
    inv_plan_request_free(r);
    return p;
}

static void test_policy_from_a_plan_item(void) {
    inv_ledger *l = NULL;
    inv_plan *p;
    inv_plan_item item;
    inv_sim_policy sp;
    inv_sim_policy marked;
    bool has = false;
    const double days[4] = {5.0, 5.0, 5.0, 5.0};
    inv_sim_config c = history(days, 4);
    inv_sim_report report;

    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "30", "3.50", 0, NULL, NULL, NULL));
    add_supplier(l, "ACME", "MUG", "4.00", "12", 10.0);

    /* Items by SKU then location: BOWL WH, MUG W2, MUG WH. (s, Q): r = s, Q = 300. */
    p = plan_with(l, "reorder_point", 0);
    CHECK(inv_plan_items_len(p) == 3);
    CHECK_OK(inv_plan_items_get(p, 2, &item));
    CHECK_OK(inv_sim_policy_from_plan_item(p, 2, &sp, &has));
    CHECK(has);
    CHECK(sp.kind == INV_SIM_POLICY_REORDER_POINT);
    CHECK(sp.r == item.reorder_point);
    CHECK_NEAR(sp.r, 60.403, 1e-3);
    CHECK(sp.q == 300.0);
    CHECK(sp.s == 0.0 && sp.big_s == 0.0 && sp.review_days == 0);
    /* It simulates as it is. */
    CHECK_OK(inv_simulate(&c, &sp, 1, &report, 1));
    CHECK(same_policy(&report.policy, &sp));
    /* Manual orders nothing, and BOWL has no supplier: no policy, *out untouched. */
    memset(&marked, MARK, sizeof marked);
    memcpy(&sp, &marked, sizeof sp);
    has = true;
    CHECK_OK(inv_sim_policy_from_plan_item(p, 1, &sp, &has));
    CHECK(!has && memcmp(&sp, &marked, sizeof sp) == 0);
    has = true;
    CHECK_OK(inv_sim_policy_from_plan_item(p, 0, &sp, &has));
    CHECK(!has && memcmp(&sp, &marked, sizeof sp) == 0);
    /* Errors write nothing. */
    has = true;
    CHECK_RC(inv_sim_policy_from_plan_item(p, 3, &sp, &has), INV_INDEX_OUT_OF_RANGE);
    CHECK(has && memcmp(&sp, &marked, sizeof sp) == 0);
    CHECK_RC(inv_sim_policy_from_plan_item(NULL, 2, &sp, &has), INV_NULL_ARGUMENT);
    CHECK_RC(inv_sim_policy_from_plan_item(p, 2, NULL, &has), INV_NULL_ARGUMENT);
    CHECK_RC(inv_sim_policy_from_plan_item(p, 2, &sp, NULL), INV_NULL_ARGUMENT);
    CHECK(has && memcmp(&sp, &marked, sizeof sp) == 0);
    inv_plan_free(p);

    /* min/max: s and S = s + Q. */
    p = plan_with(l, "min_max", 0);
    CHECK_OK(inv_plan_items_get(p, 2, &item));
    CHECK_OK(inv_sim_policy_from_plan_item(p, 2, &sp, &has));
    CHECK(has && sp.kind == INV_SIM_POLICY_MIN_MAX);
    CHECK(item.has_order_up_to);
    CHECK(sp.s == item.reorder_point && sp.big_s == item.order_up_to);
    inv_plan_free(p);

    /* (R, S) every 7 days. */
    p = plan_with(l, "order_up_to", 7);
    CHECK_OK(inv_plan_items_get(p, 2, &item));
    CHECK_OK(inv_sim_policy_from_plan_item(p, 2, &sp, &has));
    CHECK(has && sp.kind == INV_SIM_POLICY_ORDER_UP_TO);
    CHECK(sp.review_days == 7 && sp.big_s == item.order_up_to);
    inv_plan_free(p);

    /* (R, s, S) every 14 days. */
    p = plan_with(l, "periodic_min_max", 14);
    CHECK_OK(inv_plan_items_get(p, 2, &item));
    CHECK_OK(inv_sim_policy_from_plan_item(p, 2, &sp, &has));
    CHECK(has && sp.kind == INV_SIM_POLICY_PERIODIC_MIN_MAX);
    CHECK(sp.review_days == 14 && sp.s == item.reorder_point &&
          sp.big_s == item.order_up_to);
    inv_plan_free(p);

    /* Just-in-time without a review period: order up to its level, reviewed daily. */
    p = plan_with(l, "just_in_time", 0);
    CHECK_OK(inv_plan_items_get(p, 2, &item));
    CHECK_OK(inv_sim_policy_from_plan_item(p, 2, &sp, &has));
    CHECK(has && sp.kind == INV_SIM_POLICY_ORDER_UP_TO);
    CHECK(sp.review_days == 1 && sp.big_s == item.order_up_to);
    inv_plan_free(p);
    inv_ledger_free(l);
}

int main(void) {
    test_default_config();
    test_lost_sales_and_backorders_by_hand();
    test_orders_arrive_after_their_lead_time();
    test_warm_up_and_seeded_demand();
    test_many_skus_on_threads();
    test_bad_simulations_are_refused();
    test_bad_batches_are_refused();
    test_policy_from_a_plan_item();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
