/*
 * C test of the inventory engine's C API (include/inventory.h).
 *
 * Built by scripts/test-c.sh with -std=c99 -Wall -Wextra -Wpedantic -Werror and run under
 * a leak checker. Prints "N passed, N failed" as its last line; exits non-zero on failure.
 */
#include "inventory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const int64_t DAY = 86400;

static void last_message(char *buf, size_t len) {
    size_t needed = 0;
    inv_last_error_message(buf, len, &needed);
}

/* The snapshot text of a ledger (caller frees with inv_string_free). */
static char *snapshot(const inv_ledger *l) {
    char *json = NULL;
    if (inv_ledger_to_json(l, &json) != INV_OK) {
        return NULL;
    }
    return json;
}

static inv_ledger *ledger_with(inv_costing costing) {
    inv_ledger_config cfg = inv_ledger_config_default();
    inv_ledger *l = NULL;
    cfg.costing = costing;
    if (inv_ledger_new_with_config(&cfg, &l) != INV_OK) {
        return NULL;
    }
    return l;
}

static void test_version(void) {
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", INV_VERSION_MAJOR, INV_VERSION_MINOR,
             INV_VERSION_PATCH);
    CHECK_STR(expected, INV_VERSION_STRING);
    CHECK(inv_version() != NULL);
    CHECK_STR(inv_version(), INV_VERSION_STRING);
}

static void test_result_names(void) {
    CHECK_STR(inv_result_name(INV_OK), "INV_OK");
    CHECK_STR(inv_result_name(INV_INSUFFICIENT_STOCK), "INV_INSUFFICIENT_STOCK");
    CHECK_STR(inv_result_name(INV_INVALID_SNAPSHOT), "INV_INVALID_SNAPSHOT");
    CHECK_STR(inv_result_name(9999), "INV_UNKNOWN");
    /* The numbers are part of the ABI. */
    CHECK(INV_NULL_ARGUMENT == 1 && INV_BUFFER_TOO_SMALL == 3 && INV_INVALID_DECIMAL == 5);
    CHECK(INV_INVALID_INPUT == 101 && INV_INSUFFICIENT_STOCK == 105);
    CHECK(INV_DUPLICATE_REFERENCE == 110 && INV_OVERFLOW == 113 && INV_INVALID_SNAPSHOT == 200);
}

static void test_config(void) {
    inv_ledger_config cfg = inv_ledger_config_default();
    inv_ledger *l = (inv_ledger *)&cfg; /* sentinel: must stay untouched on failure */
    CHECK(cfg.costing == INV_COSTING_FIFO);
    CHECK(!cfg.allow_negative);
    CHECK(cfg.money_scale == 2);

    cfg.money_scale = 13;
    CHECK_RC(inv_ledger_new_with_config(&cfg, &l), INV_INVALID_INPUT);
    CHECK(l == (inv_ledger *)&cfg);
    cfg.money_scale = 2;
    cfg.costing = 7;
    CHECK_RC(inv_ledger_new_with_config(&cfg, &l), INV_INVALID_ENUM);
    CHECK_RC(inv_ledger_new_with_config(NULL, &l), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_new_with_config(&cfg, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_new(NULL), INV_NULL_ARGUMENT);
    CHECK(l == (inv_ledger *)&cfg);
}

/* receive 10 @ 10.00, 10 @ 12.00, 10 @ 11.00, ship 15 */
static void costing_case(inv_costing costing, const char *expected_cogs) {
    inv_ledger *l = ledger_with(costing);
    inv_outcome o;
    CHECK(l != NULL);
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "10.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "12.00", 1, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "11.00", 2, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "15", 3, NULL, NULL, &o));
    CHECK_STR(o.cogs, expected_cogs);
    CHECK_STR(o.quantity, "-15");
    CHECK(o.sequence == 3);
    CHECK(!o.duplicate);
    CHECK(!o.has_adjustment);
    inv_ledger_free(l);
}

static void test_costing(void) {
    inv_ledger *l = NULL;
    costing_case(INV_COSTING_FIFO, "160.00");
    costing_case(INV_COSTING_LIFO, "170.00");
    costing_case(INV_COSTING_MOVING_AVERAGE, "165.00");

    /* A per-SKU override, refused once the SKU is active. */
    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_set_sku_costing(l, "MUG", INV_COSTING_LIFO));
    CHECK_RC(inv_ledger_set_sku_costing(l, "MUG", 42), INV_INVALID_ENUM);
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "1", "1", 0, NULL, NULL, NULL));
    CHECK_RC(inv_ledger_set_sku_costing(l, "MUG", INV_COSTING_FIFO), INV_INVALID_STATE);
    inv_ledger_free(l);
}

static void test_every_movement(void) {
    inv_ledger *l = NULL;
    inv_outcome o;
    inv_position p;
    CHECK_OK(inv_ledger_new(&l));

    CHECK_OK(inv_ledger_receive(l, "TEA", "WH", "20", "2.50", 0, "PO-1", "GRN-1", &o));
    CHECK_STR(o.quantity, "20");
    CHECK_STR(o.value, "50.00");
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "4", 10, NULL, "SHIP-1", &o));
    CHECK_STR(o.cogs, "10.00");
    CHECK_OK(inv_ledger_reserve(l, "TEA", "WH", "5", "ORDER-1", 20, NULL, &o));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "2", 30, "ORDER-1", NULL, &o));
    CHECK_OK(inv_ledger_position(l, "TEA", "WH", &p));
    CHECK_STR(p.on_hand, "14");
    CHECK_STR(p.reserved, "3");
    CHECK_STR(p.available, "11");
    CHECK_OK(inv_ledger_release(l, "TEA", "WH", "ORDER-1", 40, "1", NULL, &o));
    CHECK_OK(inv_ledger_release(l, "TEA", "WH", "ORDER-1", 41, NULL, NULL, &o));
    CHECK_OK(inv_ledger_position(l, "TEA", "WH", &p));
    CHECK_STR(p.reserved, "0");

    CHECK_OK(inv_ledger_customer_return(l, "TEA", "WH", "1", 50, INV_CONDITION_QUARANTINE,
                                        "SHIP-1", NULL, NULL, &o));
    CHECK_STR(o.cogs, "-2.50");
    CHECK_OK(inv_ledger_customer_return(l, "TEA", "WH", "1", 51, INV_CONDITION_DAMAGED, NULL,
                                        "1.00", NULL, &o));
    CHECK_OK(inv_ledger_position(l, "TEA", "WH", &p));
    CHECK_STR(p.quarantine, "1");
    CHECK_STR(p.damaged, "1");
    CHECK_OK(inv_ledger_reclassify(l, "TEA", "WH", "1", 60, INV_CONDITION_QUARANTINE,
                                   INV_CONDITION_SELLABLE, NULL, &o));
    CHECK_OK(inv_ledger_return_to_supplier(l, "TEA", "WH", "1", 61, INV_CONDITION_DAMAGED,
                                           "PO-1", NULL, &o));
    CHECK_STR(o.quantity, "-1");
    CHECK_OK(inv_ledger_transfer(l, "TEA", "WH", "SHOP", "5", 70, INV_CONDITION_SELLABLE,
                                 NULL, &o));
    CHECK_STR(o.quantity, "0");
    CHECK_OK(inv_ledger_adjust(l, "TEA", "WH", "-1", "damage", 80, INV_CONDITION_SELLABLE,
                               NULL, NULL, &o));
    CHECK_OK(inv_ledger_adjust(l, "TEA", "SHOP", "2", "found", 81, INV_CONDITION_SELLABLE,
                               "3.00", NULL, &o));
    CHECK_RC(inv_ledger_adjust(l, "TEA", "WH", "-1", "gremlins", 82, INV_CONDITION_SELLABLE,
                               NULL, NULL, &o),
             INV_INVALID_INPUT);
    CHECK_OK(inv_ledger_cycle_count(l, "TEA", "WH", "7", 90, INV_CONDITION_SELLABLE, NULL,
                                    NULL, &o));
    CHECK(o.has_adjustment);
    CHECK_STR(o.adjustment, "-2");

    CHECK_OK(inv_ledger_position(l, "TEA", "WH", &p));
    CHECK_STR(p.on_hand, "7");
    CHECK_STR(p.damaged, "0");
    CHECK_STR(p.quarantine, "0");
    CHECK_STR(p.incoming, "0");
    CHECK_OK(inv_ledger_position(l, "TEA", "SHOP", &p));
    CHECK_STR(p.on_hand, "7");
    CHECK_OK(inv_ledger_position(l, "TEA", NULL, &p));
    CHECK_STR(p.on_hand, "14");
    CHECK(inv_ledger_len(l) == 14);
    CHECK(inv_ledger_len(NULL) == 0);
    inv_ledger_free(l);
}

static void test_errors(void) {
    inv_ledger *l = NULL;
    inv_outcome o;
    inv_position p;
    char msg[512];
    char *before;
    char *after;
    size_t len_before;

    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "5", "4.00", 100, NULL, "GRN-1", NULL));
    before = snapshot(l);
    len_before = inv_ledger_len(l);
    CHECK(before != NULL);

    /* NULL arguments */
    CHECK_RC(inv_ledger_receive(NULL, "MUG", "WH", "1", "1", 100, NULL, NULL, NULL),
             INV_NULL_ARGUMENT);
    CHECK(inv_last_error_code() == INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_ship(l, NULL, "WH", "1", 100, NULL, NULL, NULL), INV_NULL_ARGUMENT);
    last_message(msg, sizeof msg);
    CHECK(strstr(msg, "sku") != NULL);
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", NULL, 100, NULL, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_position(l, "MUG", "WH", NULL), INV_NULL_ARGUMENT);

    /* Decimal strings */
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "abc", 100, NULL, NULL, NULL),
             INV_INVALID_DECIMAL);
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "1e3", 100, NULL, NULL, NULL),
             INV_INVALID_DECIMAL);
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "", 100, NULL, NULL, NULL), INV_INVALID_DECIMAL);
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", " 1", 100, NULL, NULL, NULL),
             INV_INVALID_DECIMAL);
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "\xff", 100, NULL, NULL, NULL), INV_INVALID_UTF8);

    /* Domain errors from the core */
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "0", 100, NULL, NULL, NULL), INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_receive(l, "MUG", "", "1", "1", 100, NULL, NULL, NULL),
             INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_customer_return(l, "MUG", "WH", "1", 100, 3, NULL, NULL, NULL, NULL),
             INV_INVALID_ENUM);
    memset(&o, 'x', sizeof o);
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "100", 100, NULL, NULL, &o),
             INV_INSUFFICIENT_STOCK);
    CHECK(o.cogs[0] == 'x' && o.sequence != 0); /* output untouched */
    last_message(msg, sizeof msg);
    CHECK(strstr(msg, "MUG") != NULL);
    CHECK(strstr(msg, "WH") != NULL);
    CHECK(strstr(msg, "requested 100") != NULL);
    CHECK(strstr(msg, "available 5") != NULL);
    {
        size_t idx = 12345;
        CHECK(!inv_last_error_index(&idx));
        CHECK(idx == 12345);
    }
    CHECK_RC(inv_ledger_release(l, "MUG", "WH", "NOPE", 100, NULL, NULL, NULL),
             INV_UNKNOWN_RESERVATION);
    CHECK_RC(inv_ledger_customer_return(l, "MUG", "WH", "1", 100, INV_CONDITION_SELLABLE,
                                        "NO-SHIPMENT", NULL, NULL, NULL),
             INV_UNKNOWN_SHIPMENT);
    CHECK_RC(inv_ledger_cycle_count(l, "MUG", "SHOP", "1", 100, INV_CONDITION_SELLABLE, NULL,
                                    NULL, NULL),
             INV_UNKNOWN_POSITION);
    CHECK_RC(inv_ledger_transfer(l, "MUG", "WH", "WH", "1", 100, INV_CONDITION_SELLABLE, NULL,
                                 NULL),
             INV_INVALID_INPUT);

    memset(&p, 'x', sizeof p);
    CHECK_RC(inv_ledger_position(l, "NOPE", NULL, &p), INV_UNKNOWN_SKU);
    CHECK(p.on_hand[0] == 'x');
    last_message(msg, sizeof msg);
    CHECK(strstr(msg, "NOPE") != NULL);
    CHECK_RC(inv_ledger_position(l, "MUG", "NOWHERE", &p), INV_UNKNOWN_LOCATION);

    /* Idempotency */
    CHECK_RC(inv_ledger_receive(l, "MUG", "WH", "6", "4.00", 100, NULL, "GRN-1", &o),
             INV_DUPLICATE_REFERENCE);
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "5", "4.00", 100, NULL, "GRN-1", &o));
    CHECK(o.duplicate);
    CHECK(o.sequence == 0);
    CHECK_STR(o.quantity, "5");
    CHECK(inv_last_error_code() == INV_OK);

    /* Time order, and times the core refuses (outside the years 1-9999) */
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "1", 99, NULL, NULL, NULL), INV_OUT_OF_ORDER);
    CHECK_RC(inv_ledger_ship(l, "MUG", "WH", "1", INT64_MAX, NULL, NULL, NULL),
             INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_receive(l, "NEW", "WH", "1", "1", INT64_MIN, NULL, NULL, NULL),
             INV_INVALID_INPUT);

    /* Nothing of the above changed the ledger. */
    after = snapshot(l);
    CHECK(after != NULL && before != NULL && strcmp(before, after) == 0);
    CHECK(inv_ledger_len(l) == len_before);
    inv_string_free(before);
    inv_string_free(after);
    inv_ledger_free(l);
}

static void test_last_error_buffer(void) {
    inv_ledger *l = NULL;
    char small[8];
    char big[512];
    size_t needed = 0;
    CHECK_OK(inv_ledger_new(&l));
    CHECK_RC(inv_ledger_position(l, "SOME-LONG-SKU-NAME", NULL, (inv_position *)big),
             INV_UNKNOWN_SKU);

    CHECK_RC(inv_last_error_message(NULL, 0, &needed), INV_BUFFER_TOO_SMALL);
    CHECK(needed > sizeof small);
    memset(small, 'x', sizeof small);
    CHECK_RC(inv_last_error_message(small, sizeof small, &needed), INV_BUFFER_TOO_SMALL);
    CHECK(small[sizeof small - 1] == '\0');
    CHECK(strlen(small) == sizeof small - 1);
    CHECK_RC(inv_last_error_message(NULL, 4, NULL), INV_NULL_ARGUMENT);
    /* Reading the message does not change it. */
    CHECK_OK(inv_last_error_message(big, sizeof big, &needed));
    CHECK(strlen(big) + 1 == needed);
    CHECK(strncmp(big, small, sizeof small - 1) == 0);
    CHECK(strstr(big, "SOME-LONG-SKU-NAME") != NULL);
    CHECK(inv_last_error_code() == INV_UNKNOWN_SKU);

    /* A success clears it. */
    CHECK(inv_ledger_len(l) == 0);
    CHECK_OK(inv_ledger_receive(l, "A", "WH", "1", "1", 0, NULL, NULL, NULL));
    CHECK_OK(inv_last_error_message(big, sizeof big, &needed));
    CHECK_STR(big, "");
    CHECK(needed == 1);
    inv_ledger_free(l);
}

static void test_json(void) {
    inv_ledger *l = NULL;
    inv_ledger *copy = NULL;
    inv_ledger *sentinel = (inv_ledger *)&copy;
    char *json = NULL;
    char *json2 = NULL;
    char *journal = NULL;
    char msg[512];

    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "4.00", 0, NULL, "GRN-1", NULL));
    CHECK_OK(inv_ledger_reserve(l, "MUG", "WH", "3", "ORDER-1", 1, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "3", 2, "ORDER-1", "SHIP-1", NULL));
    CHECK_OK(inv_ledger_to_json(l, &json));
    CHECK(json != NULL);
    CHECK_OK(inv_ledger_from_json(json, &copy));
    CHECK_OK(inv_ledger_to_json(copy, &json2));
    CHECK(json2 != NULL && strcmp(json, json2) == 0);
    CHECK(inv_ledger_len(copy) == 3);

    CHECK_OK(inv_ledger_journal_json(l, &journal));
    CHECK(journal != NULL && journal[0] == '[');
    CHECK(strstr(journal, "\"receive\"") != NULL);
    CHECK(strstr(journal, "SHIP-1") != NULL);

    CHECK_RC(inv_ledger_from_json("{not json", &sentinel), INV_INVALID_SNAPSHOT);
    CHECK(sentinel == (inv_ledger *)&copy);
    last_message(msg, sizeof msg);
    CHECK(strstr(msg, "malformed") != NULL);
    CHECK_RC(inv_ledger_from_json("{}", &sentinel), INV_INVALID_SNAPSHOT);
    CHECK_RC(inv_ledger_from_json(NULL, &sentinel), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_to_json(l, NULL), INV_NULL_ARGUMENT);

    inv_string_free(json);
    inv_string_free(json2);
    inv_string_free(journal);
    inv_ledger_free(copy);
    inv_ledger_free(l);
}

static void test_valuation(void) {
    inv_ledger *l = ledger_with(INV_COSTING_FIFO);
    inv_valuation *v = NULL;
    inv_valuation_info info;
    inv_cost_layer layer;
    char total[INV_DECIMAL_LEN];
    char tiny[3] = {'x', 'x', 'x'};

    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "10.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "12.00", 1, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "11.00", 2, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "15", 3, NULL, NULL, NULL));

    CHECK_OK(inv_ledger_valuation(l, "MUG", NULL, &v));
    CHECK_OK(inv_valuation_summary(v, &info));
    CHECK_STR(info.quantity, "15");
    CHECK_STR(info.value, "170.00");
    CHECK(info.has_unit_cost);
    CHECK(strncmp(info.unit_cost, "11.333", 6) == 0);
    CHECK(info.method == INV_COSTING_FIFO);
    CHECK(inv_valuation_layer_count(v) == 2);
    CHECK_OK(inv_valuation_layer(v, 0, &layer));
    CHECK_STR(layer.location, "WH");
    CHECK(layer.condition == INV_CONDITION_SELLABLE);
    CHECK_STR(layer.quantity, "5");
    CHECK_STR(layer.unit_cost, "12.00");
    CHECK_STR(layer.value, "60.00");
    CHECK(layer.received_at == 1);
    CHECK_OK(inv_valuation_layer(v, 1, &layer));
    CHECK_STR(layer.quantity, "10");
    CHECK_STR(layer.value, "110.00");
    CHECK(layer.received_at == 2);
    CHECK_RC(inv_valuation_layer(v, 2, &layer), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_valuation_layer(NULL, 0, &layer), INV_NULL_ARGUMENT);
    CHECK(inv_valuation_layer_count(NULL) == 0);
    inv_valuation_free(v);

    CHECK_RC(inv_ledger_valuation(l, "NOPE", NULL, &v), INV_UNKNOWN_SKU);
    CHECK_OK(inv_ledger_total_value(l, total, sizeof total));
    CHECK_STR(total, "170.00");
    CHECK_RC(inv_ledger_total_value(l, tiny, sizeof tiny), INV_BUFFER_TOO_SMALL);
    CHECK(tiny[0] == 'x'); /* nothing written */
    CHECK_RC(inv_ledger_total_value(l, NULL, 10), INV_NULL_ARGUMENT);
    inv_ledger_free(l);

    /* Two positions each worth the largest decimal: their sum is an error, not a crash. */
    inv_ledger *big = NULL;
    CHECK_OK(inv_ledger_new(&big));
    CHECK_OK(inv_ledger_receive(big, "A", "W1", "1", "79228162514264337593543950335", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(big, "A", "W2", "1", "79228162514264337593543950335", 0, NULL, NULL, NULL));
    CHECK_RC(inv_ledger_total_value(big, total, sizeof total), INV_OVERFLOW);
    CHECK_RC(inv_ledger_valuation(big, "A", NULL, &v), INV_OVERFLOW);
    CHECK_OK(inv_ledger_valuation(big, "A", "W1", &v));
    inv_valuation_free(v);
    inv_ledger_free(big);
}

static void test_demand_history(void) {
    inv_ledger *l = NULL;
    inv_demand_history *h = NULL;
    char buf[INV_DECIMAL_LEN];
    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "TEA", "WH", "50", "1", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "4", 2 * DAY + 10, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_customer_return(l, "TEA", "WH", "1.5", 2 * DAY + 99,
                                        INV_CONDITION_SELLABLE, NULL, NULL, NULL, NULL));

    CHECK_OK(inv_ledger_demand_history(l, "TEA", NULL, INV_PERIOD_DAY, 0, false, 0, false, &h));
    CHECK(inv_demand_history_len(h) == 3);
    CHECK(inv_demand_history_start(h) == 0);
    CHECK_OK(inv_demand_history_value(h, 0, buf, sizeof buf));
    CHECK_STR(buf, "0");
    CHECK_OK(inv_demand_history_value(h, 2, buf, sizeof buf));
    CHECK_STR(buf, "2.5");
    CHECK(inv_demand_history_value_f64(h, 2) == 2.5);
    CHECK(isnan(inv_demand_history_value_f64(h, 3)));
    CHECK_RC(inv_demand_history_value(h, 3, buf, sizeof buf), INV_INDEX_OUT_OF_RANGE);
    inv_demand_history_free(h);
    h = NULL;

    CHECK_OK(inv_ledger_demand_history(l, "TEA", "WH", INV_PERIOD_WEEK, 0, true, 20 * DAY, true,
                                       &h));
    CHECK(inv_demand_history_len(h) == 4);
    CHECK(inv_demand_history_start(h) == -3 * DAY); /* Monday 1969-12-29 */
    CHECK(inv_demand_history_value_f64(h, 0) == 2.5);
    inv_demand_history_free(h);
    h = NULL;

    CHECK_RC(inv_ledger_demand_history(l, "TEA", NULL, 5, 0, false, 0, false, &h),
             INV_INVALID_ENUM);
    CHECK_RC(inv_ledger_demand_history(l, "TEA", NULL, INV_PERIOD_DAY, 10, true, 0, true, &h),
             INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_demand_history(l, "NOPE", NULL, INV_PERIOD_DAY, 0, false, 0, false, &h),
             INV_UNKNOWN_SKU);
    CHECK(h == NULL);
    CHECK(inv_demand_history_len(NULL) == 0);
    inv_ledger_free(l);
}

static void test_columns(void) {
    inv_ledger *l = NULL;
    size_t applied = 999;
    size_t index = 999;
    char *before;
    char *after;
    inv_position p;

    const char *kinds[] = {"receive", "reserve", "ship", "transfer", "adjust", "release"};
    const char *skus[] = {"A", "A", "A", "A", "A", "A"};
    const char *locations[] = {"WH", "WH", "WH", "WH", "WH", "WH"};
    const char *quantities[] = {"10", "2", "3", "1", "-1", NULL};
    const int64_t times[] = {0, 1, 2, 3, 4, 5};
    const char *unit_costs[] = {"2.00", NULL, NULL, NULL, NULL, NULL};
    const char *references[] = {"R-1", NULL, NULL, NULL, NULL, NULL};
    const char *to_locations[] = {NULL, NULL, NULL, "SHOP", NULL, NULL};
    const char *reservations[] = {NULL, "O-1", NULL, NULL, NULL, "O-1"};
    const char *reasons[] = {NULL, NULL, NULL, NULL, "shrinkage", NULL};
    inv_movement_columns cols;

    memset(&cols, 0, sizeof cols);
    cols.len = 6;
    cols.kinds = kinds;
    cols.skus = skus;
    cols.locations = locations;
    cols.quantities = quantities;
    cols.times = times;
    cols.unit_costs = unit_costs;
    cols.references = references;
    cols.to_locations = to_locations;
    cols.reservations = reservations;
    cols.reasons = reasons;
    cols.conditions = NULL;

    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_post_columns(l, &cols, &applied));
    CHECK(applied == 6);
    CHECK_OK(inv_ledger_position(l, "A", "WH", &p));
    CHECK_STR(p.on_hand, "5");
    CHECK_STR(p.reserved, "0");

    /* A bad row: nothing is applied and the index is reported. */
    before = snapshot(l);
    {
        const char *k2[] = {"receive", "ship", "ship"};
        const char *s2[] = {"B", "B", "B"};
        const char *l2[] = {"WH", "WH", "WH"};
        const char *q2[] = {"5", "2", "50"};
        const int64_t t2[] = {10, 11, 12};
        const char *c2[] = {"1", NULL, NULL};
        inv_movement_columns bad;
        memset(&bad, 0, sizeof bad);
        bad.len = 3;
        bad.kinds = k2;
        bad.skus = s2;
        bad.locations = l2;
        bad.quantities = q2;
        bad.times = t2;
        bad.unit_costs = c2;
        applied = 999;
        CHECK_RC(inv_ledger_post_columns(l, &bad, &applied), INV_INSUFFICIENT_STOCK);
        CHECK(applied == 999);
        CHECK(inv_last_error_index(&index));
        CHECK(index == 2);

        /* A row the binding cannot convert is reported with its index too. */
        q2[1] = "two";
        CHECK_RC(inv_ledger_post_columns(l, &bad, &applied), INV_INVALID_DECIMAL);
        CHECK(inv_last_error_index(&index));
        CHECK(index == 1);
        q2[1] = "2";
        k2[0] = "teleport";
        CHECK_RC(inv_ledger_post_columns(l, &bad, &applied), INV_INVALID_INPUT);
        CHECK(inv_last_error_index(&index));
        CHECK(index == 0);
        k2[0] = NULL;
        CHECK_RC(inv_ledger_post_columns(l, &bad, &applied), INV_NULL_ARGUMENT);
        bad.kinds = NULL;
        CHECK_RC(inv_ledger_post_columns(l, &bad, &applied), INV_NULL_ARGUMENT);
        CHECK(!inv_last_error_index(&index));
    }
    after = snapshot(l);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    CHECK_RC(inv_ledger_position(l, "B", NULL, &p), INV_UNKNOWN_SKU);
    CHECK_RC(inv_ledger_post_columns(l, NULL, &applied), INV_NULL_ARGUMENT);

    /* An empty batch is fine, arrays may then be NULL. */
    memset(&cols, 0, sizeof cols);
    CHECK_OK(inv_ledger_post_columns(l, &cols, &applied));
    CHECK(applied == 0);

    inv_string_free(before);
    inv_string_free(after);
    inv_ledger_free(l);
}

static void test_free_null(void) {
    inv_ledger_free(NULL);
    inv_valuation_free(NULL);
    inv_demand_history_free(NULL);
    inv_string_free(NULL);
    CHECK(1);
}

/* A receipt with a purchase order and customer returns against a shipment, as columns: the
 * returns come back at the cost the shipment left with, as when posted one by one. */
static void test_columns_purchase_orders_and_shipments(void) {
    inv_ledger *batch = NULL;
    inv_ledger *single = NULL;
    inv_valuation *v = NULL;
    inv_valuation_info info;
    inv_cost_layer layer;
    inv_position p;
    inv_outcome o;
    char total[INV_DECIMAL_LEN];
    char *journal = NULL;
    char *journal_single = NULL;
    char *json = NULL;
    char *json_single = NULL;
    size_t applied = 0;
    size_t index = 999;

    const char *kinds[] = {"receive", "receive", "ship", "customer_return", "customer_return",
                           "customer_return"};
    const char *skus[] = {"A", "A", "A", "A", "A", "A"};
    const char *locations[] = {"WH", "WH", "WH", "WH", "WH", "STORE"};
    const char *quantities[] = {"10", "10", "15", "5", "5", "5"};
    const int64_t times[] = {0, 1, 2, 3, 4, 5};
    /* Row 3 names a shipment and a unit cost: the shipment's cost is used, not 99. */
    const char *unit_costs[] = {"10.00", "12.00", NULL, "99", NULL, NULL};
    const char *references[] = {NULL, NULL, "S1", NULL, NULL, NULL};
    const char *conditions[] = {NULL, NULL, NULL, NULL, "quarantine", NULL};
    const char *purchase_orders[] = {"PO-1", NULL, NULL, NULL, NULL, NULL};
    const char *shipments[] = {NULL, NULL, NULL, "S1", "S1", "S1"};
    inv_movement_columns cols;

    memset(&cols, 0, sizeof cols);
    cols.len = 6;
    cols.kinds = kinds;
    cols.skus = skus;
    cols.locations = locations;
    cols.quantities = quantities;
    cols.times = times;
    cols.unit_costs = unit_costs;
    cols.references = references;
    cols.conditions = conditions;
    cols.purchase_orders = purchase_orders;
    cols.shipments = shipments;

    CHECK_OK(inv_ledger_new(&batch));
    CHECK_OK(inv_ledger_post_columns(batch, &cols, &applied));
    CHECK(applied == 6);

    /* FIFO: 15 shipped for 10 x 10.00 + 5 x 12.00 = 160.00. Back: 5 of 15 at
     * 160.00 x 5/15 = 53.33; 5 of the remaining 10 (106.67) at 53.335 -> 53.34 (quarantine);
     * the last 5 (at STORE) take the rest, 53.33. WH: 60.00 + 53.33 + 53.34 = 166.67. */
    CHECK_OK(inv_ledger_valuation(batch, "A", "WH", &v));
    CHECK_OK(inv_valuation_summary(v, &info));
    CHECK_STR(info.quantity, "15");
    CHECK_STR(info.value, "166.67");
    CHECK(inv_valuation_layer_count(v) == 3);
    CHECK_OK(inv_valuation_layer(v, 0, &layer));
    CHECK_STR(layer.value, "60.00");
    CHECK(layer.received_at == 1);
    CHECK_OK(inv_valuation_layer(v, 1, &layer));
    CHECK_STR(layer.quantity, "5");
    CHECK_STR(layer.value, "53.33");
    CHECK(layer.condition == INV_CONDITION_SELLABLE);
    CHECK(layer.received_at == 3);
    CHECK_OK(inv_valuation_layer(v, 2, &layer));
    CHECK_STR(layer.value, "53.34");
    CHECK(layer.condition == INV_CONDITION_QUARANTINE);
    CHECK(layer.received_at == 4);
    inv_valuation_free(v);
    v = NULL;
    CHECK_OK(inv_ledger_valuation(batch, "A", "STORE", &v));
    CHECK_OK(inv_valuation_summary(v, &info));
    CHECK_STR(info.value, "53.33");
    inv_valuation_free(v);
    v = NULL;
    CHECK_OK(inv_ledger_total_value(batch, total, sizeof total));
    CHECK_STR(total, "220.00"); /* everything received is back */
    CHECK_OK(inv_ledger_position(batch, "A", "WH", &p));
    CHECK_STR(p.on_hand, "10");
    CHECK_STR(p.quarantine, "5");
    CHECK_OK(inv_ledger_journal_json(batch, &journal));
    CHECK(journal != NULL && strstr(journal, "\"purchase_order\":\"PO-1\"") != NULL);
    CHECK(journal != NULL && strstr(journal, "\"shipment\":\"S1\"") != NULL);

    /* The same movements one by one. */
    CHECK_OK(inv_ledger_new(&single));
    CHECK_OK(inv_ledger_receive(single, "A", "WH", "10", "10.00", 0, "PO-1", NULL, NULL));
    CHECK_OK(inv_ledger_receive(single, "A", "WH", "10", "12.00", 1, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(single, "A", "WH", "15", 2, NULL, "S1", &o));
    CHECK_STR(o.cogs, "160.00");
    CHECK_OK(inv_ledger_customer_return(single, "A", "WH", "5", 3, INV_CONDITION_SELLABLE, "S1",
                                        "99", NULL, &o));
    CHECK_STR(o.value, "53.33");
    CHECK_STR(o.cogs, "-53.33");
    CHECK_OK(inv_ledger_customer_return(single, "A", "WH", "5", 4, INV_CONDITION_QUARANTINE,
                                        "S1", NULL, NULL, &o));
    CHECK_STR(o.value, "53.34");
    CHECK_OK(inv_ledger_customer_return(single, "A", "STORE", "5", 5, INV_CONDITION_SELLABLE,
                                        "S1", NULL, NULL, &o));
    CHECK_STR(o.value, "53.33");
    CHECK_OK(inv_ledger_journal_json(single, &journal_single));
    CHECK(journal != NULL && journal_single != NULL && strcmp(journal, journal_single) == 0);
    json = snapshot(batch);
    json_single = snapshot(single);
    CHECK(json != NULL && json_single != NULL && strcmp(json, json_single) == 0);

    /* S1 is fully returned: one more unit is refused, with its row, and nothing is applied. */
    {
        const char *k2[] = {"receive", "customer_return"};
        const char *s2[] = {"A", "A"};
        const char *l2[] = {"WH", "WH"};
        const char *q2[] = {"1", "1"};
        const int64_t t2[] = {6, 6};
        const char *c2[] = {"1", NULL};
        const char *po2[] = {"PO-2", NULL};
        const char *sh2[] = {NULL, "S1"};
        inv_movement_columns more;
        char *after;
        memset(&more, 0, sizeof more);
        more.len = 2;
        more.kinds = k2;
        more.skus = s2;
        more.locations = l2;
        more.quantities = q2;
        more.times = t2;
        more.unit_costs = c2;
        more.purchase_orders = po2;
        more.shipments = sh2;
        CHECK_RC(inv_ledger_post_columns(batch, &more, &applied), INV_RETURN_MISMATCH);
        CHECK(inv_last_error_index(&index));
        CHECK(index == 1);
        sh2[1] = "S404";
        CHECK_RC(inv_ledger_post_columns(batch, &more, &applied), INV_UNKNOWN_SHIPMENT);
        CHECK(inv_last_error_index(&index));
        CHECK(index == 1);
        after = snapshot(batch);
        CHECK(json != NULL && after != NULL && strcmp(json, after) == 0);
        inv_string_free(after);
    }

    inv_string_free(journal);
    inv_string_free(journal_single);
    inv_string_free(json);
    inv_string_free(json_single);
    inv_ledger_free(batch);
    inv_ledger_free(single);
}

int main(void) {
    test_version();
    test_result_names();
    test_config();
    test_costing();
    test_every_movement();
    test_errors();
    test_last_error_buffer();
    test_json();
    test_valuation();
    test_demand_history();
    test_columns();
    test_columns_purchase_orders_and_shipments();
    test_free_null();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
