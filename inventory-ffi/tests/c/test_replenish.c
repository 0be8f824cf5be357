/*
 * C test of the replenishment part of the C API (include/inventory.h): policy settings,
 * the planning request builder (threads and the projection's step included), the planning
 * run and its result handle, the acceptance of a plan, the split of pooled forecasts (on
 * its own and in a planning run), and their error codes.
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
/* z for 95 %. */
static const double Z95 = 1.6448536269514722;

/* The snapshot text of a ledger (caller frees with inv_string_free). */
static char *snapshot(const inv_ledger *l) {
    char *json = NULL;
    if (inv_ledger_to_json(l, &json) != INV_OK) {
        return NULL;
    }
    return json;
}

/* `call` must fail with `code` and leave the ledger's snapshot exactly as it was. */
#define CHECK_REFUSED(ledger, call, code)                                              \
    do {                                                                              \
        char *before_ = snapshot(ledger);                                             \
        char *after_;                                                                 \
        CHECK_RC(call, code);                                                         \
        after_ = snapshot(ledger);                                                    \
        CHECK(before_ != NULL && after_ != NULL && strcmp(before_, after_) == 0);     \
        inv_string_free(before_);                                                     \
        inv_string_free(after_);                                                      \
    } while (0)

/* Adds a supplier `id` selling `sku` at `price` (from 0 units), in packs of `pack`
 * (nullable), with a quoted lead time of `lead_days` (sigma 0). */
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

/* 30 MUG on hand at WH; ACME sells MUG at 4.00 in packs of 12, quoted lead time 10 days. */
static inv_ledger *mug_ledger(void) {
    inv_ledger *l = NULL;
    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "30", "3.50", 0, NULL, NULL, NULL));
    add_supplier(l, "ACME", "MUG", "4.00", "12", 10.0);
    return l;
}

/* Adds a flat forecast: `daily` units a day (sigma `std`) for `days` days (at most 400). */
static void add_flat(inv_plan_request *r, const char *sku, const char *location, double daily,
                     double std, size_t days) {
    double values[400];
    size_t i;
    for (i = 0; i < days; i++) {
        values[i] = daily;
    }
    CHECK_OK(inv_plan_request_add_forecast(r, sku, location, values, days, std));
}

/* A request at day 1 over the core's default horizon (182 days) with MUG at WH selling 5 a
 * day, sigma 2, for 90 days. */
static inv_plan_request *mug_request(void) {
    inv_plan_request *r = NULL;
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    return r;
}

/* Plans `r` (then frees it) against `l`. */
static inv_plan *plan_and_free(const inv_ledger *l, inv_plan_request *r) {
    inv_plan *p = NULL;
    CHECK_OK(inv_ledger_plan(l, r, &p));
    inv_plan_request_free(r);
    return p;
}

/* The MUG request under the default policy `settings`, planned. */
static inv_plan *run(const inv_ledger *l, const inv_policy_settings *settings) {
    inv_plan_request *r = mug_request();
    CHECK_OK(inv_plan_request_set_default_policy(r, settings));
    return plan_and_free(l, r);
}

/* Settings of policy `name` with the default parameters and `review_days`. */
static inv_policy_settings named(const char *name, uint32_t review_days) {
    inv_policy_settings s = inv_policy_settings_default();
    s.policy = name;
    s.review_days = review_days;
    return s;
}

/* The plan's only line (one order with one line) into `*out`. */
static void only_line(const inv_plan *p, inv_suggested_line *out) {
    inv_supplier_suggestion o;
    CHECK(inv_plan_orders_len(p) == 1);
    CHECK_OK(inv_plan_orders_get(p, 0, &o));
    CHECK(o.line_count == 1);
    CHECK_OK(inv_plan_order_lines_get(p, 0, 0, out));
}

/* `inv_ledger_plan` must fail with `code` for request `r` (then freed), writing nothing. */
static void check_plan_refused(const inv_ledger *l, inv_plan_request *r, inv_result code) {
    inv_plan *p = NULL;
    CHECK_RC(inv_ledger_plan(l, r, &p), code);
    CHECK(p == NULL);
    inv_plan_free(p);
    inv_plan_request_free(r);
}

static void test_default_settings(void) {
    inv_policy_settings s = inv_policy_settings_default();
    CHECK_STR(s.policy, "reorder_point");
    CHECK(s.review_days == 0);
    CHECK(s.fixed_quantity == NULL && s.min == NULL && s.max == NULL);
    CHECK(s.service_level == 0.95 && s.order_cost == 25.0 && s.holding_rate == 0.25);
}

static void test_reorder_point_with_the_eoq(void) {
    inv_ledger *l = mug_ledger();
    inv_policy_settings s = inv_policy_settings_default();
    inv_plan *p = run(l, &s);
    inv_plan_item item;
    inv_supplier_suggestion o;
    inv_suggested_line line;
    inv_plan_alert alert;
    const double sigma = sqrt(40.0);

    CHECK(inv_plan_items_len(p) == 1);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.sku, "MUG");
    CHECK_STR(item.location, "WH");
    CHECK_STR(item.policy, "reorder_point");
    CHECK(item.review_days == 0);
    CHECK(item.supplier != NULL);
    CHECK_STR(item.supplier, "ACME");
    CHECK_STR(item.available, "30");
    CHECK_STR(item.incoming, "0");
    CHECK_STR(item.position, "30");
    CHECK_NEAR(item.lead_time_days, 10.0, 1e-12);
    CHECK_NEAR(item.lead_time_std_days, 0.0, 1e-12);
    CHECK(item.has_lead_time_source && item.lead_time_source == INV_LEAD_TIME_SOURCE_QUOTED);
    /* L = 10: D = 50, sigma = sqrt(10 x 4) = 6.3246, SS = 1.6449 x 6.3246 = 10.403,
     * s = 60.403. */
    CHECK_NEAR(item.protection_days, 10.0, 1e-9);
    CHECK_NEAR(item.protection_demand, 50.0, 1e-9);
    CHECK_NEAR(item.protection_std, sigma, 1e-9);
    CHECK_NEAR(item.safety_stock, Z95 * sigma, 1e-6);
    CHECK_NEAR(item.reorder_point, 60.403, 1e-3);
    CHECK_NEAR(item.reorder_point, 50.0 + 1.6448536 * sigma, 1e-3);
    /* EOQ: D = 1825/yr, S = 25, h = 0.25 x 4 = 1: sqrt(2 x 1825 x 25) = 302.08; packs of 12:
     * 300 costs 302.08 a year, 312 costs 302.23: 300. */
    CHECK(item.has_order_quantity);
    CHECK_STR(item.order_quantity, "300");
    CHECK(!item.has_order_up_to && item.order_up_to == 0.0);
    CHECK_NEAR(item.mean_daily_demand, 5.0, 1e-9);
    /* Projection: 30 - 5 a day: day 5 ends at 0, day 6 at -5; 182 days. */
    CHECK(item.projected != NULL && item.projected_len == 182);
    CHECK_NEAR(item.projected[0], 25.0, 1e-9);
    CHECK_NEAR(item.projected[5], 0.0, 1e-9);
    CHECK_NEAR(item.projected[6], -5.0, 1e-9);
    CHECK_NEAR(item.projected[181], 30.0 - 5.0 * 182, 1e-9);
    CHECK(item.has_stockout_day && item.stockout_day == 7 * DAY);
    CHECK(item.days_of_cover == 6);
    /* Stock at the lead time: 30 - 50 = -20 +- 1.6449 x 6.3246. */
    CHECK_NEAR(item.stock_at_lead_time[0], -20.0 - Z95 * sigma, 1e-6);
    CHECK_NEAR(item.stock_at_lead_time[1], -20.0, 1e-9);
    CHECK_NEAR(item.stock_at_lead_time[2], -20.0 + Z95 * sigma, 1e-6);
    CHECK_RC(inv_plan_items_get(p, 1, &item), INV_INDEX_OUT_OF_RANGE);

    /* Position 30 <= 60.4: one Q of 300 x 4.00 lifts it above s. */
    CHECK(inv_plan_orders_len(p) == 1);
    CHECK_OK(inv_plan_orders_get(p, 0, &o));
    CHECK_STR(o.supplier, "ACME");
    CHECK(o.line_count == 1);
    CHECK_STR(o.total, "1200.00");
    CHECK_OK(inv_plan_order_lines_get(p, 0, 0, &line));
    CHECK_STR(line.sku, "MUG");
    CHECK_STR(line.location, "WH");
    CHECK_STR(line.quantity, "300");
    CHECK_STR(line.unit_price, "4.00");
    CHECK_STR(line.value, "1200.00");
    /* No rounding: a zero cost (the core writes it as "0", not in the money scale). */
    CHECK(strtod(line.rounding_cost, NULL) == 0.0);
    CHECK_STR(line.reason, "below_reorder_point");
    CHECK_STR(line.position, "30");
    CHECK(line.order_by == DAY && line.expected == 11 * DAY);
    CHECK_NEAR(line.reorder_point, item.reorder_point, 0.0);
    CHECK_NEAR(line.unrounded, 300.0, 1e-9);
    /* Expected shortage without the order: sigma x G((30 - 50) / sigma). */
    CHECK_NEAR(line.expected_shortage, sigma * inv_normal_loss(-20.0 / sigma), 1e-9);
    CHECK_NEAR(line.priority, line.expected_shortage * 4.0 / 1200.0, 1e-12);
    CHECK_RC(inv_plan_order_lines_get(p, 0, 1, &line), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_plan_order_lines_get(p, 1, 0, &line), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_plan_orders_get(p, 1, &o), INV_INDEX_OUT_OF_RANGE);

    CHECK(inv_plan_transfers_len(p) == 0 && inv_plan_cut_len(p) == 0);
    /* Runs out on day 7, before an order placed now arrives; below the reorder point. */
    CHECK(inv_plan_alerts_len(p) == 2);
    CHECK_OK(inv_plan_alerts_get(p, 0, &alert));
    CHECK_STR(alert.kind, "stockout_within_lead_time");
    CHECK_STR(alert.sku, "MUG");
    CHECK_STR(alert.location, "WH");
    CHECK(alert.has_day && alert.day == 7 * DAY);
    CHECK(strstr(alert.message, "runs out in 6 days") != NULL);
    CHECK_OK(inv_plan_alerts_get(p, 1, &alert));
    CHECK_STR(alert.kind, "below_reorder_point");
    CHECK(!alert.has_day && alert.day == 0);
    CHECK_RC(inv_plan_alerts_get(p, 2, &alert), INV_INDEX_OUT_OF_RANGE);
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_policies_by_name(void) {
    inv_ledger *l = mug_ledger();
    inv_policy_settings s;
    inv_plan *p;
    inv_plan_item item;
    inv_suggested_line line;
    inv_plan_alert alert;

    /* A fixed Q of 12: s = 60.40, position 30: (60.40 - 30) / 12 = 2.53 -> 3 x 12 = 36. */
    s = inv_policy_settings_default();
    s.fixed_quantity = "12";
    p = run(l, &s);
    only_line(p, &line);
    CHECK_STR(line.quantity, "36");
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.order_quantity, "12");
    inv_plan_free(p);

    /* (R, S), R = 7: L + R = 17: D = 85, sigma = sqrt(68), S = 85 + 1.6449 x 8.2462 =
     * 98.564; 68.564 short -> 6 packs = 72, rounding cost (72 - 68.564) x 4.00 = 13.74. */
    s = named("order_up_to", 7);
    p = run(l, &s);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.policy, "order_up_to");
    CHECK(item.review_days == 7);
    CHECK_NEAR(item.protection_days, 17.0, 1e-9);
    CHECK_NEAR(item.reorder_point, 85.0 + Z95 * sqrt(68.0), 1e-6);
    CHECK(item.has_order_up_to && item.order_up_to == item.reorder_point);
    CHECK(!item.has_order_quantity);
    CHECK_STR(item.order_quantity, "");
    only_line(p, &line);
    CHECK_STR(line.quantity, "72");
    CHECK_STR(line.rounding_cost, "13.74");
    CHECK_STR(line.reason, "periodic_review");
    inv_plan_free(p);

    /* Just-in-time: D(10) = 50 - 30 = 20 -> 24, no safety stock. */
    s = named("just_in_time", 0);
    p = run(l, &s);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_NEAR(item.safety_stock, 0.0, 0.0);
    only_line(p, &line);
    CHECK_STR(line.quantity, "24");
    CHECK_STR(line.reason, "just_in_time");
    inv_plan_free(p);

    /* Given min 40 and max 100: 30 <= 40, up to 100: 70 -> 72. */
    s = named("min_max", 0);
    s.min = "40";
    s.max = "100";
    p = run(l, &s);
    only_line(p, &line);
    CHECK_STR(line.quantity, "72");
    CHECK_STR(line.reason, "below_min");
    CHECK_NEAR(line.reorder_point, 40.0, 0.0);
    inv_plan_free(p);
    /* Computed min/max: s = 60.40, S = s + 300 = 360.40: 330.40 -> 28 packs = 336. */
    s = named("min_max", 0);
    p = run(l, &s);
    only_line(p, &line);
    CHECK_STR(line.quantity, "336");
    inv_plan_free(p);

    /* (R, s, S), R = 7: s = 98.564, S = 398.564: 368.564 -> 31 packs = 372. */
    s = named("periodic_min_max", 7);
    p = run(l, &s);
    only_line(p, &line);
    CHECK_STR(line.quantity, "372");
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK(item.has_order_up_to);
    CHECK_NEAR(item.order_up_to, 85.0 + Z95 * sqrt(68.0) + 300.0, 1e-6);
    inv_plan_free(p);

    /* Manual: no suggestion, the alert only. Dropship: not stocked, nothing at all. */
    s = named("manual", 0);
    p = run(l, &s);
    CHECK(inv_plan_orders_len(p) == 0);
    CHECK(inv_plan_alerts_len(p) == 2);
    CHECK_OK(inv_plan_alerts_get(p, 1, &alert));
    CHECK_STR(alert.kind, "below_reorder_point");
    inv_plan_free(p);
    s = named("dropship", 0);
    p = run(l, &s);
    CHECK(inv_plan_orders_len(p) == 0 && inv_plan_alerts_len(p) == 0);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.policy, "dropship");
    CHECK(item.supplier == NULL);
    CHECK(!item.has_lead_time_source);
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_bad_settings_and_requests(void) {
    inv_ledger *l = mug_ledger();
    inv_plan_request *r = mug_request();
    inv_policy_settings s;
    inv_plan *p = NULL;
    inv_plan_item item;
    const double minus_one = -1.0;

    /* The policy and its parameters are checked when given (Policy::from_parts). */
    s = named("weekly", 0);
    CHECK_RC(inv_plan_request_set_default_policy(r, &s), INV_INVALID_INPUT);
    CHECK_RC(inv_plan_request_add_policy(r, "MUG", NULL, &s), INV_INVALID_INPUT);
    s = named("reorder_point", 7); /* a continuous policy has no review period */
    CHECK_RC(inv_plan_request_set_default_policy(r, &s), INV_INVALID_INPUT);
    s = named("min_max", 0);
    s.fixed_quantity = "1";
    CHECK_RC(inv_plan_request_set_default_policy(r, &s), INV_INVALID_INPUT);
    s = named("order_up_to", 7);
    s.min = "1";
    CHECK_RC(inv_plan_request_set_default_policy(r, &s), INV_INVALID_INPUT);
    s = inv_policy_settings_default();
    s.fixed_quantity = "1e3";
    CHECK_RC(inv_plan_request_set_default_policy(r, &s), INV_INVALID_DECIMAL);
    s = named("min_max", 0);
    s.max = "ten";
    CHECK_RC(inv_plan_request_add_policy(r, "MUG", "WH", &s), INV_INVALID_DECIMAL);
    s = named(NULL, 0);
    CHECK_RC(inv_plan_request_set_default_policy(r, &s), INV_NULL_ARGUMENT);
    s = named("\xff", 0);
    CHECK_RC(inv_plan_request_set_default_policy(r, &s), INV_INVALID_UTF8);
    CHECK_RC(inv_plan_request_set_default_policy(r, NULL), INV_NULL_ARGUMENT);
    s = inv_policy_settings_default();
    CHECK_RC(inv_plan_request_add_policy(r, NULL, NULL, &s), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_policy(r, "MUG", "\xff", &s), INV_INVALID_UTF8);
    /* Decimals are refused at once. */
    CHECK_RC(inv_plan_request_set_budget(r, "abc"), INV_INVALID_DECIMAL);
    CHECK_RC(inv_plan_request_set_max_order_value(r, "1,5"), INV_INVALID_DECIMAL);
    CHECK_RC(inv_plan_request_add_supplier_budget(r, "ACME", " 1"), INV_INVALID_DECIMAL);
    CHECK_RC(inv_plan_request_add_capacity(r, "WH", ""), INV_INVALID_DECIMAL);
    CHECK_RC(inv_plan_request_add_margin(r, "MUG", "1e1"), INV_INVALID_DECIMAL);
    CHECK_RC(inv_plan_request_add_forecast(r, "MUG", "W2", NULL, 3, 1.0), INV_NULL_ARGUMENT);
    /* Refused setters changed nothing: the request still plans with the defaults. */
    p = plan_and_free(l, r);
    CHECK(inv_plan_items_len(p) == 1 && inv_plan_cut_len(p) == 0);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.policy, "reorder_point");
    inv_plan_free(p);

    /* The numbers are checked when planned; nothing is written then. */
    r = mug_request();
    s = inv_policy_settings_default();
    s.service_level = 1.0;
    CHECK_OK(inv_plan_request_set_default_policy(r, &s));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    s.service_level = 0.95;
    s.holding_rate = 0.0;
    CHECK_OK(inv_plan_request_set_default_policy(r, &s));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    s = inv_policy_settings_default();
    s.order_cost = -1.0;
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", NULL, &s));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    s = inv_policy_settings_default();
    s.fixed_quantity = "0";
    CHECK_OK(inv_plan_request_set_default_policy(r, &s));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    s = named("min_max", 0);
    s.min = "10";
    s.max = "5";
    CHECK_OK(inv_plan_request_set_default_policy(r, &s));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    s = named("order_up_to", 3661);
    CHECK_OK(inv_plan_request_set_default_policy(r, &s));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    CHECK_OK(inv_plan_request_new(DAY, 0, &r)); /* a horizon of 0 */
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    check_plan_refused(l, r, INV_INVALID_INPUT);
    CHECK_OK(inv_plan_request_new(DAY, 3661, &r));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    CHECK_OK(inv_plan_request_set_overstock_days(r, NAN));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    CHECK_OK(inv_plan_request_set_transfer_days(r, &minus_one));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    CHECK_OK(inv_plan_request_set_budget(r, "-1"));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    CHECK_OK(inv_plan_request_add_capacity(r, "WH", "-5"));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request(); /* two forecasts for one pair */
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    check_plan_refused(l, r, INV_INVALID_INPUT);
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    add_flat(r, "MUG", "WH", -1.0, 0.0, 5);
    check_plan_refused(l, r, INV_INVALID_INPUT);
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    add_flat(r, "MUG", "WH", 1.0, INFINITY, 5);
    check_plan_refused(l, r, INV_INVALID_INPUT);
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    add_flat(r, "", "WH", 1.0, 0.0, 5);
    check_plan_refused(l, r, INV_INVALID_INPUT);
    CHECK_OK(inv_plan_request_new(-1000000000000, 182, &r)); /* before year 1 */
    check_plan_refused(l, r, INV_INVALID_INPUT);

    /* A forecast without days is no demand: nothing to buy, the stock is overstocked. */
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    CHECK_OK(inv_plan_request_add_forecast(r, "MUG", "WH", NULL, 0, 0.0));
    p = plan_and_free(l, r);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_NEAR(item.mean_daily_demand, 0.0, 0.0);
    CHECK(item.days_of_cover == 182 && !item.has_stockout_day);
    CHECK(inv_plan_orders_len(p) == 0);
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_most_specific_policy_wins_and_output_is_sorted(void) {
    inv_ledger *l = mug_ledger();
    inv_plan_request *r = NULL;
    inv_policy_settings jit = named("just_in_time", 0);
    inv_policy_settings manual = named("manual", 0);
    inv_plan *p;
    inv_plan_item item;
    inv_supplier_suggestion o;
    char *a = NULL;
    char *b = NULL;

    add_supplier(l, "NPT", "BOWL", "2.00", NULL, 5.0);
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    add_flat(r, "MUG", "W2", 5.0, 2.0, 90);
    add_flat(r, "BOWL", "WH", 2.0, 1.0, 90);
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", NULL, &jit));
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", "W2", &manual));
    p = plan_and_free(l, r);
    CHECK(inv_plan_items_len(p) == 3);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK(strcmp(item.sku, "BOWL") == 0 && strcmp(item.location, "WH") == 0);
    CHECK_STR(item.policy, "reorder_point");
    CHECK_OK(inv_plan_items_get(p, 1, &item));
    CHECK(strcmp(item.sku, "MUG") == 0 && strcmp(item.location, "W2") == 0);
    CHECK_STR(item.policy, "manual");
    CHECK_OK(inv_plan_items_get(p, 2, &item));
    CHECK(strcmp(item.sku, "MUG") == 0 && strcmp(item.location, "WH") == 0);
    CHECK_STR(item.policy, "just_in_time");
    CHECK(inv_plan_orders_len(p) == 2);
    CHECK_OK(inv_plan_orders_get(p, 0, &o));
    CHECK_STR(o.supplier, "ACME");
    CHECK_OK(inv_plan_orders_get(p, 1, &o));
    CHECK_STR(o.supplier, "NPT");

    /* The same request in another order gives the same plan. */
    CHECK_OK(inv_plan_json(p, &a));
    inv_plan_free(p);
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", "W2", &manual));
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", NULL, &jit));
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    add_flat(r, "BOWL", "WH", 2.0, 1.0, 90);
    add_flat(r, "MUG", "W2", 5.0, 2.0, 90);
    p = plan_and_free(l, r);
    CHECK_OK(inv_plan_json(p, &b));
    CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
    inv_string_free(a);
    inv_string_free(b);
    inv_plan_free(p);
    inv_ledger_free(l);
}

/* MUG at WH and W2, BOWL at WH (from NPT, lead 5), planned on `threads` threads. */
static inv_plan *three_pairs_on(inv_ledger *l, size_t threads) {
    inv_plan_request *r = NULL;
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    add_flat(r, "MUG", "W2", 5.0, 2.0, 90);
    add_flat(r, "BOWL", "WH", 2.0, 1.0, 90);
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_threads(r, threads));
    return plan_and_free(l, r);
}

static void test_threads_and_weekly_projection(void) {
    inv_ledger *l = mug_ledger();
    inv_plan_request *r = NULL;
    inv_plan *p;
    inv_plan_item item;
    char *one = NULL;
    char *two = NULL;

    /* The same plan on 1 and 2 threads. */
    add_supplier(l, "NPT", "BOWL", "2.00", NULL, 5.0);
    p = three_pairs_on(l, 1);
    CHECK(inv_plan_items_len(p) == 3 && inv_plan_orders_len(p) == 2);
    CHECK_OK(inv_plan_json(p, &one));
    inv_plan_free(p);
    p = three_pairs_on(l, 2);
    CHECK_OK(inv_plan_json(p, &two));
    inv_plan_free(p);
    CHECK(one != NULL && two != NULL && strcmp(one, two) == 0);
    inv_string_free(one);
    inv_string_free(two);

    /* Weekly: the level at the end of each 7 days from the as-of day, 30 - 35 (k + 1):
     * 182 days are 26 weeks. The stockout day and cover are still by day. */
    r = mug_request();
    CHECK_OK(inv_plan_request_set_projection(r, INV_PERIOD_WEEK));
    p = plan_and_free(l, r);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK(item.projected != NULL && item.projected_len == 26);
    CHECK_NEAR(item.projected[0], 30.0 - 35.0, 1e-9);
    CHECK_NEAR(item.projected[1], 30.0 - 70.0, 1e-9);
    CHECK_NEAR(item.projected[25], 30.0 - 5.0 * 182, 1e-9);
    CHECK(item.has_stockout_day && item.stockout_day == 7 * DAY);
    CHECK(item.days_of_cover == 6);
    inv_plan_free(p);
    /* A 10-day horizon: a week, then the 3 days left (days 7 and 10 end at -5 and -20). */
    CHECK_OK(inv_plan_request_new(DAY, 10, &r));
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_projection(r, INV_PERIOD_WEEK));
    p = plan_and_free(l, r);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK(item.projected_len == 2);
    CHECK_NEAR(item.projected[0], -5.0, 1e-9);
    CHECK_NEAR(item.projected[1], -20.0, 1e-9);
    inv_plan_free(p);
    /* Back to days; a bad step is refused at once and changes nothing. */
    r = mug_request();
    CHECK_OK(inv_plan_request_set_projection(r, INV_PERIOD_WEEK));
    CHECK_OK(inv_plan_request_set_projection(r, INV_PERIOD_DAY));
    CHECK_RC(inv_plan_request_set_projection(r, 2), INV_INVALID_ENUM);
    p = plan_and_free(l, r);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK(item.projected_len == 182);
    inv_plan_free(p);

    /* Thread counts are checked when planned: 1 to 64. */
    r = mug_request();
    CHECK_OK(inv_plan_request_set_threads(r, 0));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    CHECK_OK(inv_plan_request_set_threads(r, 65));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = mug_request();
    CHECK_OK(inv_plan_request_set_threads(r, 64));
    p = plan_and_free(l, r);
    CHECK(inv_plan_items_len(p) == 1);
    inv_plan_free(p);

    CHECK_RC(inv_plan_request_set_threads(NULL, 2), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_set_projection(NULL, INV_PERIOD_DAY), INV_NULL_ARGUMENT);
    inv_ledger_free(l);
}

static void test_alert_fields(void) {
    inv_ledger *l = mug_ledger();
    inv_ledger *neg = NULL;
    inv_ledger_config cfg = inv_ledger_config_default();
    inv_order_lines *lines = NULL;
    inv_plan_request *r;
    inv_policy_settings jit = named("just_in_time", 0);
    inv_plan *p;
    inv_plan_item item;
    inv_plan_alert alert;
    inv_suggested_line line;

    /* 1,000 on hand and 12 overdue since day 0, for 5 a day: 202 days of cover, above 180. */
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "970", "3.50", 0, NULL, NULL, NULL));
    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "12", NULL, 0));
    CHECK_OK(inv_ledger_create_order(l, "PO-1", "ACME", lines, 0, NULL, NULL));
    inv_order_lines_free(lines);
    CHECK_OK(inv_ledger_place_order(l, "PO-1", 0, NULL, NULL));
    CHECK_OK(inv_plan_request_new(3 * DAY, 182, &r));
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    p = plan_and_free(l, r);
    CHECK(inv_plan_orders_len(p) == 0);
    CHECK(inv_plan_alerts_len(p) == 2);
    CHECK_OK(inv_plan_alerts_get(p, 0, &alert));
    CHECK_STR(alert.kind, "overdue_line");
    CHECK(alert.has_day && alert.day == 0);
    CHECK(strstr(alert.message, "PO-1 line 1 from ACME: 12 units 3 days late") != NULL);
    CHECK_OK(inv_plan_alerts_get(p, 1, &alert));
    CHECK_STR(alert.kind, "overstock");
    CHECK(!alert.has_day);
    /* The overdue line counts on the first day of the projection: 1000 + 12 - 5. */
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.incoming, "12");
    CHECK_NEAR(item.projected[0], 1007.0, 1e-9);
    inv_plan_free(p);
    inv_ledger_free(l);

    /* Backorders: 8 shipped from nothing is -8 available; just-in-time orders 50 + 8. */
    cfg.allow_negative = true;
    CHECK_OK(inv_ledger_new_with_config(&cfg, &neg));
    CHECK_OK(inv_ledger_ship(neg, "MUG", "WH", "8", 0, NULL, NULL, NULL));
    add_supplier(neg, "ACME", "MUG", "4.00", NULL, 10.0);
    p = run(neg, &jit);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.available, "-8");
    CHECK(item.days_of_cover == 0 && item.has_stockout_day && item.stockout_day == DAY);
    only_line(p, &line);
    CHECK_STR(line.quantity, "58");
    CHECK_OK(inv_plan_alerts_get(p, 0, &alert));
    CHECK_STR(alert.kind, "negative_available");
    CHECK_STR(alert.message, "8 units backordered");
    inv_plan_free(p);
    inv_ledger_free(neg);
}

static void test_dead_and_slow_stock(void) {
    /* By day 100: MUG (30 on hand) sold 1 on day 95; BOWL (10) nothing; CUP (60) sold 30 on
     * day 50, before the 30-day look-back (as the core's test). */
    inv_ledger *l = mug_ledger();
    inv_plan_request *r;
    inv_plan *p;
    inv_plan_alert alert;
    uint32_t days = 30, zero = 0;
    size_t i, dead = 0, slow = 0;

    CHECK_OK(inv_ledger_receive(l, "BOWL", "WH", "10", "1", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "CUP", "WH", "60", "1", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "CUP", "WH", "30", 50 * DAY, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "1", 95 * DAY, NULL, NULL, NULL));
    CHECK_OK(inv_plan_request_new(100 * DAY, 182, &r));
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_dead_stock_days(r, &days));
    p = plan_and_free(l, r);
    for (i = 0; i < inv_plan_alerts_len(p); i++) {
        CHECK_OK(inv_plan_alerts_get(p, i, &alert));
        if (strcmp(alert.kind, "dead_stock") == 0) {
            CHECK_STR(alert.sku, dead == 0 ? "BOWL" : "CUP");
            CHECK_STR(alert.location, "");
            dead++;
        } else if (strcmp(alert.kind, "slow_stock") == 0) {
            CHECK_STR(alert.sku, "MUG");
            CHECK(strstr(alert.message, "870 days of supply") != NULL);
            slow++;
        }
    }
    CHECK(dead == 2 && slow == 1);
    inv_plan_free(p);
    /* Off: none; 0 days: refused when planned. */
    CHECK_OK(inv_plan_request_new(100 * DAY, 182, &r));
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_dead_stock_days(r, NULL));
    p = plan_and_free(l, r);
    for (i = 0; i < inv_plan_alerts_len(p); i++) {
        CHECK_OK(inv_plan_alerts_get(p, i, &alert));
        CHECK(strcmp(alert.kind, "dead_stock") != 0 && strcmp(alert.kind, "slow_stock") != 0);
    }
    inv_plan_free(p);
    CHECK_OK(inv_plan_request_new(100 * DAY, 182, &r));
    add_flat(r, "MUG", "WH", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_dead_stock_days(r, &zero));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    CHECK(inv_plan_request_set_dead_stock_days(NULL, &days) == INV_NULL_ARGUMENT);
    inv_ledger_free(l);
}

static void test_transfers_come_before_buying(void) {
    inv_ledger *l = mug_ledger();
    inv_plan_request *r;
    inv_plan *p;
    inv_plan *p2;
    inv_suggested_transfer t;
    inv_suggested_line line;
    inv_position pos;
    const double twelve = 12.0;

    CHECK_OK(inv_ledger_receive(l, "MUG", "W2", "200", "3.50", 0, NULL, NULL, NULL));
    r = mug_request();
    add_flat(r, "MUG", "W2", 5.0, 2.0, 90);
    p = plan_and_free(l, r);
    /* WH: 30 units run out on day 6, before the 10-day lead time; it needs
     * ceil(60.403 - 30) = 31 to reach its reorder point. W2 holds 200 - 60.403 -> 139 spare. */
    CHECK(inv_plan_transfers_len(p) == 1);
    CHECK_OK(inv_plan_transfers_get(p, 0, &t));
    CHECK_STR(t.sku, "MUG");
    CHECK_STR(t.from, "W2");
    CHECK_STR(t.to, "WH");
    CHECK_STR(t.quantity, "31");
    CHECK(t.arrives == 3 * DAY); /* 2 days by default */
    CHECK_RC(inv_plan_transfers_get(p, 1, &t), INV_INDEX_OUT_OF_RANGE);
    /* Then neither needs buying: 61 and 169 are above 60.403. */
    CHECK(inv_plan_orders_len(p) == 0);

    /* No transfers when asked for none: WH buys instead. */
    r = mug_request();
    add_flat(r, "MUG", "W2", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_transfer_days(r, NULL));
    p2 = plan_and_free(l, r);
    CHECK(inv_plan_transfers_len(p2) == 0);
    only_line(p2, &line);
    CHECK_STR(line.location, "WH");
    inv_plan_free(p2);
    /* A transfer slower than the supplier is not suggested. */
    r = mug_request();
    add_flat(r, "MUG", "W2", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_transfer_days(r, &twelve));
    p2 = plan_and_free(l, r);
    CHECK(inv_plan_transfers_len(p2) == 0);
    inv_plan_free(p2);

    /* Accepting the transfers (no orders) moves the stock. */
    CHECK_OK(inv_ledger_accept_plan(l, p, NULL, 0, true, DAY, NULL, 0));
    CHECK_OK(inv_ledger_position(l, "MUG", "WH", &pos));
    CHECK_STR(pos.on_hand, "61");
    CHECK_OK(inv_ledger_position(l, "MUG", "W2", &pos));
    CHECK_STR(pos.on_hand, "169");
    inv_plan_free(p);
    inv_ledger_free(l);
}

/* A, B, C at 1.00 from one supplier S (lead 10, no pack), 5 a day sigma 2 each; stock 0,
 * 30, 45 at WH; just-in-time to D(10) = 50: lines of 50, 20 and 5. */
static inv_ledger *three_ledger(void) {
    inv_ledger *l = NULL;
    inv_supplier *s = NULL;
    const char *skus[3] = {"A", "B", "C"};
    size_t i;
    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_supplier_new("S", "S", 30, NULL, 0, &s));
    for (i = 0; i < 3; i++) {
        CHECK_OK(inv_supplier_add_item(s, skus[i], NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL,
                                       10.0, 0.0, false));
        CHECK_OK(inv_supplier_add_price_break(s, skus[i], "0", "1.00"));
    }
    CHECK_OK(inv_ledger_set_supplier(l, s, 0, NULL, NULL));
    inv_supplier_free(s);
    CHECK_OK(inv_ledger_receive(l, "B", "WH", "30", "1", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "C", "WH", "45", "1", 0, NULL, NULL, NULL));
    return l;
}

static inv_plan_request *three_request(void) {
    inv_plan_request *r = NULL;
    inv_policy_settings jit = named("just_in_time", 0);
    CHECK_OK(inv_plan_request_new(DAY, 182, &r));
    add_flat(r, "A", "WH", 5.0, 2.0, 90);
    add_flat(r, "B", "WH", 5.0, 2.0, 90);
    add_flat(r, "C", "WH", 5.0, 2.0, 90);
    CHECK_OK(inv_plan_request_set_default_policy(r, &jit));
    return r;
}

/* The SKUs of the plan's first order's lines, concatenated ("BC"). */
static void kept(const inv_plan *p, char *out) {
    inv_supplier_suggestion o;
    inv_suggested_line line;
    size_t i;
    out[0] = '\0';
    if (inv_plan_orders_get(p, 0, &o) != INV_OK) {
        return;
    }
    for (i = 0; i < o.line_count && i < 3; i++) {
        CHECK_OK(inv_plan_order_lines_get(p, 0, i, &line));
        strcat(out, line.sku);
    }
}

static void test_constraints_cut_lines_by_priority(void) {
    inv_ledger *l = three_ledger();
    inv_plan_request *r;
    inv_plan *p;
    inv_suggested_line line;
    inv_supplier_suggestion o;
    inv_cut_line cut;
    char skus[8];
    const double sigma = sqrt(40.0);

    /* Expected shortage over the lead time: sigma G((position - 50) / sigma); margin = price
     * = 1, so the priority is the shortage per unit of money. */
    p = plan_and_free(l, three_request());
    kept(p, skus);
    CHECK_STR(skus, "ABC");
    CHECK_OK(inv_plan_order_lines_get(p, 0, 2, &line));
    CHECK_STR(line.sku, "C");
    CHECK_STR(line.value, "5.00");
    CHECK_NEAR(line.expected_shortage, sigma * inv_normal_loss(-5.0 / sigma), 1e-9);
    CHECK_NEAR(line.priority, line.expected_shortage / 5.0, 1e-12);
    CHECK(inv_plan_cut_len(p) == 0);
    inv_plan_free(p);

    /* C (5.77 short for 5.00) ranks first, then B (20.0017 for 20), then A (50 for 50): a
     * budget of 30 keeps C and B (25.00) and cuts A. */
    r = three_request();
    CHECK_OK(inv_plan_request_set_budget(r, "30"));
    p = plan_and_free(l, r);
    kept(p, skus);
    CHECK_STR(skus, "BC");
    CHECK_OK(inv_plan_orders_get(p, 0, &o));
    CHECK_STR(o.total, "25.00");
    CHECK(inv_plan_cut_len(p) == 1);
    CHECK_OK(inv_plan_cut_get(p, 0, &cut));
    CHECK_STR(cut.supplier, "S");
    CHECK_STR(cut.reason, "budget");
    CHECK_STR(cut.line.sku, "A");
    CHECK_STR(cut.line.quantity, "50");
    CHECK_STR(cut.line.value, "50.00");
    CHECK_STR(cut.line.reason, "just_in_time");
    CHECK_RC(inv_plan_cut_get(p, 1, &cut), INV_INDEX_OUT_OF_RANGE);
    inv_plan_free(p);

    /* The largest order of 22: C (5); B would make 25, A 55. */
    r = three_request();
    CHECK_OK(inv_plan_request_set_max_order_value(r, "22"));
    p = plan_and_free(l, r);
    kept(p, skus);
    CHECK_STR(skus, "C");
    CHECK(inv_plan_cut_len(p) == 2);
    CHECK_OK(inv_plan_cut_get(p, 0, &cut));
    CHECK(strcmp(cut.line.sku, "B") == 0 && strcmp(cut.reason, "max_order_value") == 0);
    CHECK_OK(inv_plan_cut_get(p, 1, &cut));
    CHECK(strcmp(cut.line.sku, "A") == 0 && strcmp(cut.reason, "max_order_value") == 0);
    inv_plan_free(p);

    /* A supplier budget of 10: C only. */
    r = three_request();
    CHECK_OK(inv_plan_request_add_supplier_budget(r, "S", "10"));
    p = plan_and_free(l, r);
    kept(p, skus);
    CHECK_STR(skus, "C");
    CHECK(inv_plan_cut_len(p) == 2);
    CHECK_OK(inv_plan_cut_get(p, 1, &cut));
    CHECK_STR(cut.reason, "supplier_budget");
    inv_plan_free(p);

    /* WH holds 75; with room for 100: C (-> 80), B (-> 100), not A (-> 150). */
    r = three_request();
    CHECK_OK(inv_plan_request_add_capacity(r, "WH", "100"));
    p = plan_and_free(l, r);
    kept(p, skus);
    CHECK_STR(skus, "BC");
    CHECK(inv_plan_cut_len(p) == 1);
    CHECK_OK(inv_plan_cut_get(p, 0, &cut));
    CHECK(strcmp(cut.line.sku, "A") == 0 && strcmp(cut.reason, "capacity") == 0);
    inv_plan_free(p);

    /* A margin of 10 a unit on A puts it first: 50 x 10 / 50 = 10 per unit of money. */
    r = three_request();
    CHECK_OK(inv_plan_request_add_margin(r, "A", "10"));
    CHECK_OK(inv_plan_request_set_budget(r, "50"));
    p = plan_and_free(l, r);
    kept(p, skus);
    CHECK_STR(skus, "A");
    CHECK(inv_plan_cut_len(p) == 2);
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_accepting_places_the_orders_atomically(void) {
    inv_ledger *l = mug_ledger();
    inv_policy_settings jit = named("just_in_time", 0);
    inv_order_lines *lines = NULL;
    inv_plan *p;
    inv_plan *again;
    inv_purchase_outcome out[3];
    inv_position pos;
    inv_purchase_order *po = NULL;
    inv_purchase_order_info info;
    inv_order_line line;
    const char *taken[1] = {"PO-1"};
    const char *two[2] = {"PO-7", "PO-8"};
    const char *null_id[1] = {NULL};
    const char *bad_utf8[1] = {"\xff"};
    const char *ids[1] = {"PO-7"};

    /* A draft PO-1 (not incoming: the plan is unchanged) takes the id "PO-1". */
    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "12", NULL, 5 * DAY));
    CHECK_OK(inv_ledger_create_order(l, "PO-1", "ACME", lines, 0, NULL, NULL));
    inv_order_lines_free(lines);
    p = run(l, &jit); /* one line: 24 MUG at 4.00 */
    CHECK(inv_plan_orders_len(p) == 1);

    /* Refused, and nothing changes: an id already used, a wrong number of ids, NULL or
     * invalid ids, an output array of the wrong size. */
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, taken, 1, true, DAY, out, 2), INV_DUPLICATE_ID);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, two, 2, true, DAY, out, 2), INV_INVALID_INPUT);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, NULL, 0, true, DAY, NULL, 0),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, NULL, 1, true, DAY, NULL, 0),
                  INV_NULL_ARGUMENT);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, null_id, 1, true, DAY, NULL, 0),
                  INV_NULL_ARGUMENT);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, bad_utf8, 1, true, DAY, NULL, 0),
                  INV_INVALID_UTF8);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, ids, 1, true, DAY, out, 1),
                  INV_BUFFER_TOO_SMALL);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, ids, 1, true, DAY, out, 3), INV_INVALID_INPUT);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, ids, 1, true, DAY, NULL, 2), INV_NULL_ARGUMENT);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, NULL, ids, 1, true, DAY, out, 2),
                  INV_NULL_ARGUMENT);
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, ids, 1, true, -1000000000000, out, 2),
                  INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_accept_plan(NULL, p, ids, 1, true, DAY, out, 2), INV_NULL_ARGUMENT);
    CHECK_OK(inv_ledger_position(l, "MUG", "WH", &pos));
    CHECK_STR(pos.incoming, "0");

    /* Accepted as PO-7: created (event 2; 0 set the supplier, 1 created PO-1), then placed. */
    CHECK_OK(inv_ledger_accept_plan(l, p, ids, 1, true, DAY, out, 2));
    CHECK(out[0].has_status && out[0].status == INV_ORDER_STATUS_DRAFT);
    CHECK(out[0].sequence == 2 && out[0].movements == 0 && !out[0].duplicate);
    CHECK(out[1].has_status && out[1].status == INV_ORDER_STATUS_PLACED);
    CHECK(out[1].sequence == 3);
    CHECK_OK(inv_ledger_position(l, "MUG", "WH", &pos));
    CHECK_STR(pos.incoming, "24");
    CHECK_OK(inv_ledger_order(l, "PO-7", &po));
    CHECK_OK(inv_purchase_order_summary(po, &info));
    CHECK_STR(info.supplier, "ACME");
    CHECK(info.status == INV_ORDER_STATUS_PLACED && info.line_count == 1);
    CHECK(info.created_at == DAY && info.has_placed_at && info.placed_at == DAY);
    CHECK_OK(inv_purchase_order_line(po, 0, &line));
    CHECK(line.line == 1 && line.expected == 11 * DAY);
    CHECK_STR(line.sku, "MUG");
    CHECK_STR(line.location, "WH");
    CHECK_STR(line.quantity, "24");
    CHECK_STR(line.unit_price, "4.00");
    inv_purchase_order_free(po);

    /* With the 24 incoming, the position is 54 >= 50: nothing more to order. */
    again = run(l, &jit);
    CHECK(inv_plan_orders_len(again) == 0);
    inv_plan_free(again);
    /* The same plan again under the same id is refused. */
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, ids, 1, false, DAY, NULL, 0), INV_DUPLICATE_ID);
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_accepting_transfers_and_orders_together(void) {
    inv_ledger *l = mug_ledger();
    inv_supplier *s = NULL;
    inv_order_lines *lines = NULL;
    inv_plan_request *r;
    inv_policy_settings jit = named("just_in_time", 0);
    inv_plan *p;
    inv_suggested_transfer t;
    inv_suggested_line line;
    inv_position pos;
    const char *taken[1] = {"PO-1"};
    const char *ids[1] = {"PO-2"};
    const char *more[1] = {"PO-3"};

    /* ACME also sells BOWL at 2.00 (lead 10); 200 MUG at W2; a draft PO-1. */
    CHECK_OK(inv_supplier_new("ACME", "ACME", 30, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, "MUG", NULL, INV_DISCOUNT_ALL_UNITS, NULL, "12", 10.0,
                                   0.0, false));
    CHECK_OK(inv_supplier_add_price_break(s, "MUG", "0", "4.00"));
    CHECK_OK(inv_supplier_add_item(s, "BOWL", NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL, 10.0,
                                   0.0, false));
    CHECK_OK(inv_supplier_add_price_break(s, "BOWL", "0", "2.00"));
    CHECK_OK(inv_ledger_set_supplier(l, s, 0, NULL, NULL));
    inv_supplier_free(s);
    CHECK_OK(inv_ledger_receive(l, "MUG", "W2", "200", "3.50", 0, NULL, NULL, NULL));
    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "BOWL", "WH", "5", NULL, 5 * DAY));
    CHECK_OK(inv_ledger_create_order(l, "PO-1", "ACME", lines, 0, NULL, NULL));
    inv_order_lines_free(lines);

    /* Just-in-time to D(10): MUG at WH needs 50 - 30 = 20, which W2 spares (200 - 50); BOWL
     * at WH (none on hand, 1 a day) is bought: 10 x 2.00. */
    r = mug_request();
    add_flat(r, "MUG", "W2", 5.0, 2.0, 90);
    add_flat(r, "BOWL", "WH", 1.0, 0.5, 90);
    CHECK_OK(inv_plan_request_set_default_policy(r, &jit));
    p = plan_and_free(l, r);
    CHECK(inv_plan_transfers_len(p) == 1);
    CHECK_OK(inv_plan_transfers_get(p, 0, &t));
    CHECK(strcmp(t.from, "W2") == 0 && strcmp(t.to, "WH") == 0);
    CHECK_STR(t.quantity, "20");
    only_line(p, &line);
    CHECK_STR(line.sku, "BOWL");
    CHECK_STR(line.quantity, "10");
    CHECK_STR(line.value, "20.00");

    /* The order's id is taken: the transfer is not posted either. */
    CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, taken, 1, true, DAY, NULL, 0),
                  INV_DUPLICATE_ID);
    CHECK_OK(inv_ledger_position(l, "MUG", "WH", &pos));
    CHECK_STR(pos.on_hand, "30");

    /* Without the transfers, then with them. */
    CHECK_OK(inv_ledger_accept_plan(l, p, ids, 1, false, DAY, NULL, 0));
    CHECK_OK(inv_ledger_position(l, "MUG", "WH", &pos));
    CHECK_STR(pos.on_hand, "30");
    CHECK_OK(inv_ledger_position(l, "BOWL", "WH", &pos));
    CHECK_STR(pos.incoming, "10");
    CHECK_OK(inv_ledger_accept_plan(l, p, more, 1, true, DAY, NULL, 0));
    CHECK_OK(inv_ledger_position(l, "MUG", "WH", &pos));
    CHECK_STR(pos.on_hand, "50");
    CHECK_OK(inv_ledger_position(l, "MUG", "W2", &pos));
    CHECK_STR(pos.on_hand, "180");
    CHECK_OK(inv_ledger_position(l, "BOWL", "WH", &pos));
    CHECK_STR(pos.incoming, "20");

    /* W2 no longer has the 20: the transfer fails, and order PO-4 is not created. */
    CHECK_OK(inv_ledger_ship(l, "MUG", "W2", "170", DAY, NULL, NULL, NULL));
    {
        const char *next[1] = {"PO-4"};
        inv_purchase_order *po = NULL;
        CHECK_REFUSED(l, inv_ledger_accept_plan(l, p, next, 1, true, DAY, NULL, 0),
                      INV_INSUFFICIENT_STOCK);
        CHECK_RC(inv_ledger_order(l, "PO-4", &po), INV_UNKNOWN_ORDER);
        CHECK(po == NULL);
    }
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_policies_by_class(void) {
    inv_ledger *l = mug_ledger();
    inv_plan_request *r;
    inv_policy_settings manual = named("manual", 0);
    inv_plan *p;
    inv_plan_item item;
    double z98 = 0.0;
    int w;

    /* MUG sold 100 x 3.50 of COGS every week (class A, steady: X), BOWL 1 unit once (Z). */
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "1000", "3.50", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "BOWL", "WH", "10", "1", 0, NULL, NULL, NULL));
    for (w = 0; w < 8; w++) {
        CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "100", (w * 7 + 1) * DAY, NULL, NULL, NULL));
    }
    CHECK_OK(inv_ledger_ship(l, "BOWL", "WH", "1", 3 * DAY, NULL, NULL, NULL));
    CHECK_OK(inv_inverse_normal_cdf(0.98, &z98));

    r = mug_request();
    add_flat(r, "BOWL", "WH", 1.0, 1.0, 30);
    CHECK_OK(inv_plan_request_class_policies(r, l, 0, 56 * DAY));
    p = plan_and_free(l, r);
    CHECK(inv_plan_items_len(p) == 2);
    /* BOWL is erratic: order-up-to every 7 days (at 90 %), whatever its ABC class. */
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.sku, "BOWL");
    CHECK_STR(item.policy, "order_up_to");
    CHECK(item.review_days == 7);
    /* MUG is A: (s, Q) with the EOQ at 98 %. */
    CHECK_OK(inv_plan_items_get(p, 1, &item));
    CHECK_STR(item.sku, "MUG");
    CHECK_STR(item.policy, "reorder_point");
    CHECK_NEAR(item.safety_stock, z98 * sqrt(40.0), 1e-6);
    inv_plan_free(p);

    /* A SKU x location assignment still wins over the class's. */
    r = mug_request();
    CHECK_OK(inv_plan_request_class_policies(r, l, 0, 56 * DAY));
    CHECK_OK(inv_plan_request_add_policy(r, "MUG", "WH", &manual));
    p = plan_and_free(l, r);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.policy, "manual");
    inv_plan_free(p);

    /* An empty window is refused, and the request is unchanged. */
    r = mug_request();
    CHECK_RC(inv_plan_request_class_policies(r, l, 56 * DAY, 56 * DAY), INV_INVALID_INPUT);
    CHECK_RC(inv_plan_request_class_policies(r, NULL, 0, 56 * DAY), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_class_policies(NULL, l, 0, 56 * DAY), INV_NULL_ARGUMENT);
    p = plan_and_free(l, r);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_NEAR(item.safety_stock, Z95 * sqrt(40.0), 1e-6); /* the default policy's 95 % */
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_plan_json(void) {
    inv_ledger *l = mug_ledger();
    inv_policy_settings s = inv_policy_settings_default();
    inv_plan *p = run(l, &s);
    char *json = NULL;
    CHECK_OK(inv_plan_json(p, &json));
    CHECK(json != NULL);
    if (json != NULL) {
        CHECK(strncmp(json, "{\"as_of\":86400,", 15) == 0);
        CHECK(strstr(json, "\"total\":\"1200.00\"") != NULL);
        CHECK(strstr(json, "\"reason\":\"below_reorder_point\"") != NULL);
        CHECK(strstr(json, "\"order_quantity\":\"300\"") != NULL);
        CHECK(strstr(json, "\"kind\":\"stockout_within_lead_time\"") != NULL);
        CHECK(strstr(json, "\"cut\":[]") != NULL);
    }
    inv_string_free(json);
    json = NULL;
    CHECK_RC(inv_plan_json(NULL, &json), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_json(p, NULL), INV_NULL_ARGUMENT);
    CHECK(json == NULL);
    inv_plan_free(p);
    inv_ledger_free(l);
}

static void test_null_arguments(void) {
    inv_ledger *l = mug_ledger();
    inv_plan_request *r = mug_request();
    inv_policy_settings s = inv_policy_settings_default();
    inv_plan *p = NULL;
    inv_plan_item item;
    inv_suggested_transfer t;
    inv_supplier_suggestion o;
    inv_suggested_line line;
    inv_cut_line cut;
    inv_plan_alert alert;
    double daily[1] = {1.0};
    const double two = 2.0;

    CHECK_RC(inv_plan_request_new(DAY, 182, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_forecast(NULL, "MUG", "WH", daily, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_forecast(r, NULL, "WH", daily, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_forecast(r, "MUG", NULL, daily, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_forecast(r, "\xff", "WH", daily, 1, 0.0), INV_INVALID_UTF8);
    CHECK_RC(inv_plan_request_set_default_policy(NULL, &s), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_policy(NULL, "MUG", NULL, &s), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_policy(r, "MUG", NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_set_overstock_days(NULL, 10.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_set_transfer_days(NULL, &two), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_set_budget(NULL, "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_set_budget(r, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_supplier_budget(NULL, "ACME", "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_supplier_budget(r, NULL, "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_supplier_budget(r, "ACME", NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_set_max_order_value(NULL, "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_set_max_order_value(r, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_capacity(NULL, "WH", "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_capacity(r, NULL, "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_capacity(r, "WH", NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_margin(NULL, "MUG", "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_margin(r, NULL, "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_margin(r, "MUG", NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_margin(r, "\xff", "1"), INV_INVALID_UTF8);

    CHECK_RC(inv_ledger_plan(NULL, r, &p), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_plan(l, NULL, &p), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_plan(l, r, NULL), INV_NULL_ARGUMENT);
    CHECK(p == NULL);
    CHECK_OK(inv_ledger_plan(l, r, &p));
    /* The request is copied: freeing it leaves the plan whole. */
    inv_plan_request_free(r);
    CHECK(inv_plan_items_len(p) == 1);

    CHECK(inv_plan_items_len(NULL) == 0);
    CHECK(inv_plan_transfers_len(NULL) == 0);
    CHECK(inv_plan_orders_len(NULL) == 0);
    CHECK(inv_plan_cut_len(NULL) == 0);
    CHECK(inv_plan_alerts_len(NULL) == 0);
    CHECK_RC(inv_plan_items_get(NULL, 0, &item), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_items_get(p, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_transfers_get(NULL, 0, &t), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_transfers_get(p, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_orders_get(NULL, 0, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_orders_get(p, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_order_lines_get(NULL, 0, 0, &line), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_order_lines_get(p, 0, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_cut_get(NULL, 0, &cut), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_cut_get(p, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_alerts_get(NULL, 0, &alert), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_alerts_get(p, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_cut_get(p, 0, &cut), INV_INDEX_OUT_OF_RANGE);
    /* The last error carries the index and the count. */
    {
        char msg[128];
        CHECK_OK(inv_last_error_message(msg, sizeof msg, NULL));
        CHECK(strstr(msg, "cut line index 0 is out of range (there are 0)") != NULL);
    }
    inv_plan_request_free(NULL);
    inv_plan_free(NULL);
    inv_plan_free(p);
    inv_ledger_free(l);
}

/* ----- pooled forecasts ----- */

/* TEA: 100 received at 2.00 on day 1 at EAST, NORTH and WEST. In the 28 days before day 30
 * (from the start of day 2): EAST ships 30 and takes 6 back (24 net), WEST ships 8, NORTH
 * sells nothing. EAST's 50 on day 1 are before that look-back, WEST's 9 at the start of
 * day 30 not before the as-of time. */
static inv_ledger *tea_ledger(void) {
    const char *wh[3] = {"EAST", "NORTH", "WEST"};
    inv_ledger *l = NULL;
    size_t i;
    CHECK_OK(inv_ledger_new(&l));
    for (i = 0; i < 3; i++) {
        CHECK_OK(inv_ledger_receive(l, "TEA", wh[i], "100", "2.00", DAY, NULL, NULL, NULL));
    }
    CHECK_OK(inv_ledger_ship(l, "TEA", "EAST", "50", DAY + 10, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "EAST", "30", 10 * DAY, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_customer_return(l, "TEA", "EAST", "6", 20 * DAY, INV_CONDITION_SELLABLE,
                                        NULL, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WEST", "8", 25 * DAY, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WEST", "9", 30 * DAY, NULL, NULL, NULL));
    return l;
}

/* Forecast `index` of `f` must be `sku` at `location` with the `n` days `daily` and a
 * daily deviation of `std` (each to 1e-12). */
static void check_forecast(const inv_forecasts *f, size_t index, const char *sku,
                           const char *location, const double *daily, size_t n, double std) {
    inv_demand_forecast row;
    size_t i;
    CHECK_OK(inv_forecasts_get(f, index, &row));
    CHECK_STR(row.sku, sku);
    CHECK_STR(row.location, location);
    CHECK(row.daily_len == n);
    if (row.daily_len == n) {
        for (i = 0; i < n; i++) {
            CHECK_NEAR(row.daily[i], daily[i], 1e-12);
        }
    }
    CHECK_NEAR(row.daily_std, std, 1e-12);
}

/* `inv_ledger_split_forecast` of the one pooled forecast `sku`, `daily[0 .. n]`, `std`
 * must fail with `code` and write nothing. */
static void check_split_refused(const inv_ledger *l, const char *sku, const double *daily,
                                size_t n, double std, uint32_t lookback,
                                const char *const *locations, size_t n_locations,
                                inv_result code) {
    inv_pooled_forecasts *pooled = NULL;
    inv_forecasts *f = NULL;
    CHECK_OK(inv_pooled_forecasts_new(&pooled));
    CHECK_OK(inv_pooled_forecasts_add(pooled, sku, daily, n, std));
    CHECK_RC(inv_ledger_split_forecast(l, pooled, 30 * DAY, lookback, locations, n_locations,
                                       &f),
             code);
    CHECK(f == NULL);
    inv_pooled_forecasts_free(pooled);
}

static void test_pooled_forecast_split(void) {
    inv_ledger *l = tea_ledger();
    inv_pooled_forecasts *pooled = NULL;
    inv_forecasts *f = NULL;
    inv_demand_forecast row;
    char *before = snapshot(l);
    char *after;
    const double pooled_days[2] = {8.0, 4.0};
    const double east[2] = {6.0, 3.0};
    const double north[2] = {0.0, 0.0};
    const double west[2] = {2.0, 1.0};
    const double four[1] = {4.0};
    const double eighty_two[1] = {82.0};
    const double two[1] = {2.0};
    const double one[1] = {1.0};
    const double zero[1] = {0.0};
    const double negative[1] = {-1.0};
    const double not_a_number[1] = {NAN};
    const char *given[2] = {"WEST", "SOUTH"};
    const char *twice[2] = {"A", "A"};
    const char *empty[1] = {""};
    const char *null_entry[1] = {NULL};
    const char *bad_utf8[1] = {"\xff"};
    static double long_days[3661];

    /* Shares 24 : 0 : 8 of 32 -> 0.75, 0, 0.25 (by location name); the pooled mean day is
     * 6, so sigma^2 = w^2 * 16 + w * (1 - w) * 6: EAST 9 + 1.125, NORTH 0, WEST 1 + 1.125.
     * The split keeps the pooled days: 6 + 0 + 2 = 8, 3 + 0 + 1 = 4. */
    CHECK_OK(inv_pooled_forecasts_new(&pooled));
    CHECK_OK(inv_pooled_forecasts_add(pooled, "TEA", pooled_days, 2, 4.0));
    CHECK_OK(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, NULL, 0, &f));
    inv_pooled_forecasts_free(pooled); /* the split owns copies */
    CHECK(inv_forecasts_len(f) == 3);
    check_forecast(f, 0, "TEA", "EAST", east, 2, sqrt(10.125));
    check_forecast(f, 1, "TEA", "NORTH", north, 2, 0.0);
    check_forecast(f, 2, "TEA", "WEST", west, 2, sqrt(2.125));
    CHECK_RC(inv_forecasts_get(f, 3, &row), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_forecasts_get(f, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_forecasts_get(NULL, 0, &row), INV_NULL_ARGUMENT);
    inv_forecasts_free(f);

    /* A look-back of 29 days counts day 1's 50 units: EAST 74, NORTH 0, WEST 8 of 82. The
     * pooled sigma is 0, but the thinning is not: sigma^2 = w * (1 - w) * 82 = 74 * 8 / 82
     * for EAST and WEST alike. Two pooled forecasts come out in the order given, an empty
     * one as no days. */
    CHECK_OK(inv_pooled_forecasts_new(&pooled));
    CHECK_OK(inv_pooled_forecasts_add(pooled, "TEA", eighty_two, 1, 0.0));
    CHECK_OK(inv_pooled_forecasts_add(pooled, "TEA", NULL, 0, 0.0));
    CHECK_OK(inv_ledger_split_forecast(l, pooled, 30 * DAY, 29, NULL, 0, &f));
    inv_pooled_forecasts_free(pooled);
    CHECK(inv_forecasts_len(f) == 6);
    {
        const double e[1] = {74.0};
        const double w[1] = {8.0};
        check_forecast(f, 0, "TEA", "EAST", e, 1, sqrt(74.0 * 8.0 / 82.0));
        check_forecast(f, 1, "TEA", "NORTH", zero, 1, 0.0);
        check_forecast(f, 2, "TEA", "WEST", w, 1, sqrt(74.0 * 8.0 / 82.0));
    }
    CHECK_OK(inv_forecasts_get(f, 4, &row));
    CHECK_STR(row.location, "NORTH");
    CHECK(row.daily_len == 0 && row.daily == NULL && row.daily_std == 0.0);
    inv_forecasts_free(f);

    /* Given locations, in the order given: WEST has all of the 28 days' demand of the two,
     * SOUTH, which the ledger never saw, none. */
    CHECK_OK(inv_pooled_forecasts_new(&pooled));
    CHECK_OK(inv_pooled_forecasts_add(pooled, "TEA", four, 1, 0.0));
    CHECK_OK(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, given, 2, &f));
    CHECK(inv_forecasts_len(f) == 2);
    check_forecast(f, 0, "TEA", "WEST", four, 1, 0.0);
    check_forecast(f, 1, "TEA", "SOUTH", zero, 1, 0.0);
    inv_forecasts_free(f);
    /* Nothing but the locations given can go wrong: NULL ones, a NULL entry, bad UTF-8. */
    f = NULL;
    CHECK_RC(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, NULL, 2, &f), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, null_entry, 1, &f),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, bad_utf8, 1, &f),
             INV_INVALID_UTF8);
    CHECK_RC(inv_ledger_split_forecast(NULL, pooled, 30 * DAY, 28, NULL, 0, &f),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_split_forecast(l, NULL, 30 * DAY, 28, NULL, 0, &f), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, NULL, 0, NULL),
             INV_NULL_ARGUMENT);
    /* The as-of time must be a time the core accepts. */
    CHECK_RC(inv_ledger_split_forecast(l, pooled, INT64_MAX, 28, NULL, 0, &f), INV_INVALID_INPUT);
    CHECK(f == NULL);
    inv_pooled_forecasts_free(pooled);

    /* A SKU the ledger never saw: split equally over given locations (1 and 1 of 2), but
     * without them there is nothing to split it by. */
    CHECK_OK(inv_pooled_forecasts_new(&pooled));
    CHECK_OK(inv_pooled_forecasts_add(pooled, "NEW", two, 1, 1.0));
    CHECK_OK(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, given, 2, &f));
    CHECK(inv_forecasts_len(f) == 2);
    /* sigma^2 = 0.25 * 1 + 0.25 * 2 = 0.75 for each. */
    check_forecast(f, 0, "NEW", "WEST", one, 1, sqrt(0.75));
    check_forecast(f, 1, "NEW", "SOUTH", one, 1, sqrt(0.75));
    inv_forecasts_free(f);
    inv_pooled_forecasts_free(pooled);
    check_split_refused(l, "NEW", two, 1, 1.0, 28, NULL, 0, INV_UNKNOWN_SKU);

    /* Bad input, refused by the core. */
    check_split_refused(l, "TEA", negative, 1, 0.0, 28, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", not_a_number, 1, 0.0, 28, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", one, 1, INFINITY, 28, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", one, 1, -1.0, 28, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "", one, 1, 0.0, 28, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", long_days, 3661, 0.0, 28, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", one, 1, 0.0, 0, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", one, 1, 0.0, 3661, NULL, 0, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", one, 1, 0.0, 28, twice, 2, INV_INVALID_INPUT);
    check_split_refused(l, "TEA", one, 1, 0.0, 28, empty, 1, INV_INVALID_INPUT);

    /* The builder only collects: its own NULL checks. */
    CHECK_RC(inv_pooled_forecasts_new(NULL), INV_NULL_ARGUMENT);
    CHECK_OK(inv_pooled_forecasts_new(&pooled));
    CHECK_RC(inv_pooled_forecasts_add(NULL, "TEA", one, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_pooled_forecasts_add(pooled, NULL, one, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_pooled_forecasts_add(pooled, "TEA", NULL, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_pooled_forecasts_add(pooled, "\xff", one, 1, 0.0), INV_INVALID_UTF8);
    /* None of those was added: an empty list splits into no forecasts. */
    CHECK_OK(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, NULL, 0, &f));
    CHECK(inv_forecasts_len(f) == 0);
    inv_forecasts_free(f);
    inv_pooled_forecasts_free(pooled);
    CHECK(inv_forecasts_len(NULL) == 0);
    inv_forecasts_free(NULL);
    inv_pooled_forecasts_free(NULL);

    /* Splitting reads the ledger only. */
    after = snapshot(l);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    inv_string_free(before);
    inv_string_free(after);
    inv_ledger_free(l);
}

/* A request at day 30 over 182 days with TEA's pooled forecast: 12 a day (sigma 5) for 60
 * days, split by the last 28 days' demand. */
static inv_plan_request *pooled_tea_request(void) {
    inv_plan_request *r = NULL;
    double twelve[60];
    size_t i;
    for (i = 0; i < 60; i++) {
        twelve[i] = 12.0;
    }
    CHECK_OK(inv_plan_request_new(30 * DAY, 182, &r));
    CHECK_OK(inv_plan_request_add_pooled_forecast(r, "TEA", twelve, 60, 5.0));
    CHECK_OK(inv_plan_request_set_pooled_lookback_days(r, 28));
    return r;
}

static void test_plan_from_pooled_forecasts(void) {
    inv_ledger *l = tea_ledger();
    inv_plan *by_pool;
    inv_plan *by_split;
    inv_plan_request *r;
    inv_pooled_forecasts *pooled = NULL;
    inv_forecasts *f = NULL;
    inv_demand_forecast row;
    inv_plan_item item;
    char *pool_json = NULL;
    char *split_json = NULL;
    double twelve[60];
    const double one[1] = {1.0};
    const double expected_mean[3] = {9.0, 0.0, 3.0};
    const char *names[3] = {"EAST", "NORTH", "WEST"};
    size_t i;
    for (i = 0; i < 60; i++) {
        twelve[i] = 12.0;
    }
    add_supplier(l, "ACME", "TEA", "2.00", NULL, 10.0);

    /* The pooled 12 a day split 0.75 / 0 / 0.25: three items, EAST 9 a day, NORTH 0 and
     * WEST 3 (the last day repeats over the 182-day horizon). */
    by_pool = plan_and_free(l, pooled_tea_request());
    CHECK(inv_plan_items_len(by_pool) == 3);
    for (i = 0; i < 3; i++) {
        CHECK_OK(inv_plan_items_get(by_pool, i, &item));
        CHECK_STR(item.sku, "TEA");
        CHECK_STR(item.location, names[i]);
        CHECK_NEAR(item.mean_daily_demand, expected_mean[i], 1e-12);
    }

    /* The same plan as that of the split forecasts, given one by one. */
    CHECK_OK(inv_pooled_forecasts_new(&pooled));
    CHECK_OK(inv_pooled_forecasts_add(pooled, "TEA", twelve, 60, 5.0));
    CHECK_OK(inv_ledger_split_forecast(l, pooled, 30 * DAY, 28, NULL, 0, &f));
    inv_pooled_forecasts_free(pooled);
    CHECK_OK(inv_plan_request_new(30 * DAY, 182, &r));
    for (i = 0; i < inv_forecasts_len(f); i++) {
        CHECK_OK(inv_forecasts_get(f, i, &row));
        CHECK_OK(inv_plan_request_add_forecast(r, row.sku, row.location, row.daily,
                                               row.daily_len, row.daily_std));
    }
    inv_forecasts_free(f);
    by_split = plan_and_free(l, r);
    CHECK_OK(inv_plan_json(by_pool, &pool_json));
    CHECK_OK(inv_plan_json(by_split, &split_json));
    CHECK(pool_json != NULL && split_json != NULL && strcmp(pool_json, split_json) == 0);
    inv_string_free(pool_json);
    inv_string_free(split_json);
    inv_plan_free(by_pool);
    inv_plan_free(by_split);

    /* A pair forecast both ways is two forecasts for it. */
    r = pooled_tea_request();
    CHECK_OK(inv_plan_request_add_forecast(r, "TEA", "EAST", one, 1, 0.0));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    /* The look-back is checked when planned (1 to 3660 days). */
    r = pooled_tea_request();
    CHECK_OK(inv_plan_request_set_pooled_lookback_days(r, 0));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = pooled_tea_request();
    CHECK_OK(inv_plan_request_set_pooled_lookback_days(r, 3661));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    /* As are the pooled forecasts' values, and their SKUs. */
    r = pooled_tea_request();
    CHECK_OK(inv_plan_request_add_pooled_forecast(r, "TEA", one, 1, -1.0));
    check_plan_refused(l, r, INV_INVALID_INPUT);
    r = pooled_tea_request();
    CHECK_OK(inv_plan_request_add_pooled_forecast(r, "NEW", one, 1, 0.0));
    check_plan_refused(l, r, INV_UNKNOWN_SKU);

    /* NULL arguments. */
    r = pooled_tea_request();
    CHECK_RC(inv_plan_request_add_pooled_forecast(NULL, "TEA", one, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_pooled_forecast(r, NULL, one, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_pooled_forecast(r, "TEA", NULL, 1, 0.0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_plan_request_add_pooled_forecast(r, "\xff", one, 1, 0.0), INV_INVALID_UTF8);
    CHECK_RC(inv_plan_request_set_pooled_lookback_days(NULL, 28), INV_NULL_ARGUMENT);
    /* None of those changed the request: it still plans the three items. */
    by_pool = plan_and_free(l, r);
    CHECK(inv_plan_items_len(by_pool) == 3);
    inv_plan_free(by_pool);
    inv_ledger_free(l);
}

/* Kit forecasts: GIFT (virtual) = 1 MUG + 2 SPOON sells 1 a day (sigma 1); MUG's own
 * forecast is 5 a day (sigma 2). MUG is planned at 6 a day, its 10-day protection sigma
 * sqrt(10 x (4 + 1)); SPOON (no forecast of its own) at 2 a day. */
static void test_kit_forecasts_add_component_demand(void) {
    inv_ledger *l = mug_ledger();
    inv_kit_components *c = NULL;
    inv_plan_request *r = mug_request();
    inv_plan *p;
    inv_plan_item item;
    const double one[1] = {1.0};
    CHECK_OK(inv_ledger_receive(l, "SPOON", "WH", "10", "0.50", 0, NULL, NULL, NULL));
    CHECK_OK(inv_kit_components_new(&c));
    CHECK_OK(inv_kit_components_add(c, "MUG", "1"));
    CHECK_OK(inv_kit_components_add(c, "SPOON", "2"));
    CHECK_OK(inv_ledger_define_kit(l, "GIFT", INV_KIT_VIRTUAL, c, 0, NULL, NULL));
    inv_kit_components_free(c);
    CHECK_OK(inv_plan_request_add_kit_forecast(r, "GIFT", "WH", one, 1, 1.0));
    p = plan_and_free(l, r);
    CHECK(inv_plan_items_len(p) == 2);
    CHECK_OK(inv_plan_items_get(p, 0, &item));
    CHECK_STR(item.sku, "MUG");
    CHECK_NEAR(item.mean_daily_demand, 6.0, 1e-12);
    CHECK_NEAR(item.protection_std, sqrt(50.0), 1e-9);
    CHECK_OK(inv_plan_items_get(p, 1, &item));
    CHECK_STR(item.sku, "SPOON");
    CHECK_NEAR(item.mean_daily_demand, 2.0, 1e-12);
    inv_plan_free(p);

    /* A SKU that is not a kit is refused when planned; NULL arguments at once. */
    r = mug_request();
    CHECK_OK(inv_plan_request_add_kit_forecast(r, "MUG", "WH", one, 1, 0.0));
    p = NULL;
    CHECK(inv_ledger_plan(l, r, &p) == INV_UNKNOWN_SKU);
    CHECK(p == NULL);
    CHECK(inv_plan_request_add_kit_forecast(r, NULL, "WH", one, 1, 0.0) == INV_NULL_ARGUMENT);
    CHECK(inv_plan_request_add_kit_forecast(r, "GIFT", "WH", NULL, 1, 0.0) == INV_NULL_ARGUMENT);
    inv_plan_request_free(r);
    inv_ledger_free(l);
}

int main(void) {
    test_default_settings();
    test_reorder_point_with_the_eoq();
    test_policies_by_name();
    test_bad_settings_and_requests();
    test_most_specific_policy_wins_and_output_is_sorted();
    test_threads_and_weekly_projection();
    test_alert_fields();
    test_dead_and_slow_stock();
    test_transfers_come_before_buying();
    test_constraints_cut_lines_by_priority();
    test_accepting_places_the_orders_atomically();
    test_accepting_transfers_and_orders_together();
    test_policies_by_class();
    test_plan_json();
    test_null_arguments();
    test_pooled_forecast_split();
    test_plan_from_pooled_forecasts();
    test_kit_forecasts_add_component_demand();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
