/*
 * C test of the kits part of the C API (include/inventory.h): kit definitions through the
 * components builder, the buildable and sellable quantities, the cost roll-up, the
 * explosion into components, versions and idempotency, the snapshot, and every error code.
 *
 * The ledger and the expected values are those of inventory-core/src/kits/tests.rs, worked
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

/* The snapshot text of a ledger (caller frees with inv_string_free). */
static char *snapshot(const inv_ledger *l) {
    char *json = NULL;
    if (inv_ledger_to_json(l, &json) != INV_OK) {
        return NULL;
    }
    return json;
}

/* `call` must fail with `code`, its message must contain `text`, and the ledger's
 * snapshot must be exactly as it was. */
#define CHECK_REFUSED_SAYING(ledger, call, code, text)                                 \
    do {                                                                              \
        char *before_ = snapshot(ledger);                                             \
        char *after_;                                                                 \
        char msg_[512];                                                               \
        CHECK_RC(call, code);                                                         \
        inv_last_error_message(msg_, sizeof msg_, NULL);                              \
        CHECK(strstr(msg_, text) != NULL);                                            \
        after_ = snapshot(ledger);                                                    \
        CHECK(before_ != NULL && after_ != NULL && strcmp(before_, after_) == 0);     \
        inv_string_free(before_);                                                     \
        inv_string_free(after_);                                                      \
    } while (0)

/* Two decimal texts name the same number ("11.450" and "11.45", "2.0" and "2"): the same
 * after trailing zeros of the fraction (and a bare point) are dropped. */
static int same_decimal(const char *a, const char *b) {
    char x[INV_DECIMAL_LEN], y[INV_DECIMAL_LEN];
    char *bufs[2];
    int i;
    if (strlen(a) >= sizeof x || strlen(b) >= sizeof y) {
        return 0;
    }
    strcpy(x, a);
    strcpy(y, b);
    bufs[0] = x;
    bufs[1] = y;
    for (i = 0; i < 2; i++) {
        char *s = bufs[i];
        if (strchr(s, '.') != NULL) {
            size_t n = strlen(s);
            while (n > 0 && s[n - 1] == '0') {
                s[--n] = '\0';
            }
            if (n > 0 && s[n - 1] == '.') {
                s[--n] = '\0';
            }
        }
    }
    return strcmp(x, y) == 0;
}

/* A components builder from `n` (sku, quantity) pairs. */
static inv_kit_components *components(size_t n, const char *const pairs[][2]) {
    inv_kit_components *c = NULL;
    size_t i;
    CHECK_OK(inv_kit_components_new(&c));
    for (i = 0; i < n; i++) {
        CHECK_OK(inv_kit_components_add(c, pairs[i][0], pairs[i][1]));
    }
    return c;
}

/* Defines `kit` from `n` pairs; returns the call's code. */
static inv_result define(inv_ledger *l, const char *kit, inv_kit_kind kind, size_t n,
                         const char *const pairs[][2], int64_t effective,
                         const char *reference, inv_kit_outcome *out) {
    inv_kit_components *c = components(n, pairs);
    inv_result rc = inv_ledger_define_kit(l, kit, kind, c, effective, reference, out);
    inv_kit_components_free(c);
    return rc;
}

static const char *const TEA_SET[][2] = {{"PTEA", "2"}, {"PBOX", "1"}};
static const char *const GIFT[][2] = {{"PMUG", "1"}, {"TEA-SET", "1"}, {"PRIBBON", "0.5"}};
static const char *const GIFT_V2[][2] = {{"PMUG", "2"}, {"TEA-SET", "1"}};

/*
 * EAST: 10 PMUG at 4.00, 9 PTEA (5 at 3.00, then 4 at 3.20), 5 PBOX at 1.25, 6 m PRIBBON at
 * 0.90, 3 TEA-SET in stock at 7.00; WEST: 4 PMUG at 4.10, 2 PTEA at 3.00, 1 PBOX, 1 m
 * PRIBBON. TEA-SET (assembled) = 2 PTEA + 1 PBOX; GIFT (virtual) = 1 PMUG + 1 TEA-SET +
 * 0.5 PRIBBON, both from time 0.
 */
static inv_ledger *kits_ledger(void) {
    static const struct {
        const char *sku, *location, *quantity, *cost;
        int64_t time;
    } receipts[] = {
        {"PMUG", "EAST", "10", "4.00", 0},   {"PTEA", "EAST", "5", "3.00", 0},
        {"PTEA", "EAST", "4", "3.20", 1},    {"PBOX", "EAST", "5", "1.25", 0},
        {"PRIBBON", "EAST", "6", "0.90", 0}, {"TEA-SET", "EAST", "3", "7.00", 0},
        {"PMUG", "WEST", "4", "4.10", 0},    {"PTEA", "WEST", "2", "3.00", 2},
        {"PBOX", "WEST", "1", "1.25", 0},    {"PRIBBON", "WEST", "1", "0.90", 0},
    };
    inv_ledger *l = NULL;
    inv_kit_outcome o;
    size_t i;
    CHECK_OK(inv_ledger_new(&l));
    for (i = 0; i < sizeof receipts / sizeof receipts[0]; i++) {
        CHECK_OK(inv_ledger_receive(l, receipts[i].sku, receipts[i].location,
                                    receipts[i].quantity, receipts[i].cost, receipts[i].time,
                                    NULL, NULL, NULL));
    }
    CHECK_OK(define(l, "TEA-SET", INV_KIT_ASSEMBLED, 2, TEA_SET, 0, NULL, &o));
    CHECK(o.sequence == 0 && !o.duplicate);
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 3, GIFT, 0, NULL, &o));
    CHECK(o.sequence == 1 && !o.duplicate);
    return l;
}

/* The buildable (or sellable, with `sellable`) quantity of `kit` into `quantity`, and its
 * first limiting SKU into `first` ("" if none); returns how many SKUs limit. */
static size_t query(const inv_ledger *l, int sellable, const char *kit, const char *location,
                    int64_t time, char quantity[INV_DECIMAL_LEN], char first[32]) {
    inv_buildable *b = NULL;
    inv_buildable_info info;
    size_t n = 0;
    quantity[0] = '\0';
    first[0] = '\0';
    if (sellable) {
        CHECK_OK(inv_ledger_sellable(l, kit, location, time, &b));
    } else {
        CHECK_OK(inv_ledger_buildable(l, kit, location, time, &b));
    }
    if (b == NULL) {
        return 0;
    }
    CHECK_OK(inv_buildable_summary(b, &info));
    CHECK_STR(info.kit, kit);
    strcpy(quantity, info.quantity);
    n = inv_buildable_limiting_len(b);
    CHECK(n == info.limiting_len);
    if (n > 0) {
        const char *sku = NULL;
        CHECK_OK(inv_buildable_limiting_get(b, 0, &sku));
        if (sku != NULL && strlen(sku) < 32) {
            strcpy(first, sku);
        }
    }
    inv_buildable_free(b);
    return n;
}

static void test_codes(void) {
    CHECK(INV_KIT_ASSEMBLED == 0 && INV_KIT_VIRTUAL == 1);
    CHECK(sizeof(inv_kit_kind) == 4);
}

static void test_definitions(void) {
    inv_ledger *l = kits_ledger();
    char *json = NULL;
    int64_t t = 5 * DAY;
    int64_t before = -1;
    CHECK_OK(inv_ledger_kit_definition_json(l, "TEA-SET", NULL, &json));
    CHECK(json != NULL);
    if (json != NULL) {
        CHECK_STR(json, "{\"kit\":\"TEA-SET\",\"kind\":\"assembled\",\"components\":[{\"sku\":"
                        "\"PTEA\",\"quantity\":\"2\"},{\"sku\":\"PBOX\",\"quantity\":\"1\"}],"
                        "\"effective\":0}");
    }
    inv_string_free(json);
    json = NULL;
    CHECK_OK(inv_ledger_kit_definition_json(l, "GIFT", &t, &json));
    CHECK(json != NULL && strstr(json, "\"kind\":\"virtual\"") != NULL &&
          strstr(json, "{\"sku\":\"PRIBBON\",\"quantity\":\"0.5\"}") != NULL);
    inv_string_free(json);
    /* Not a kit, or not yet one: NULL and INV_OK. */
    json = (char *)"untouched";
    CHECK_OK(inv_ledger_kit_definition_json(l, "PMUG", NULL, &json));
    CHECK(json == NULL);
    json = (char *)"untouched";
    CHECK_OK(inv_ledger_kit_definition_json(l, "GIFT", &before, &json));
    CHECK(json == NULL);
    /* The journal of definitions, each after the 10 receipts, without references. */
    json = NULL;
    CHECK_OK(inv_ledger_kit_records_json(l, &json));
    CHECK(json != NULL);
    if (json != NULL) {
        CHECK_STR(json,
                  "[{\"sequence\":0,\"first_movement\":10,\"definition\":{\"kit\":\"TEA-SET\","
                  "\"kind\":\"assembled\",\"components\":[{\"sku\":\"PTEA\",\"quantity\":\"2\"},"
                  "{\"sku\":\"PBOX\",\"quantity\":\"1\"}],\"effective\":0}},"
                  "{\"sequence\":1,\"first_movement\":10,\"definition\":{\"kit\":\"GIFT\","
                  "\"kind\":\"virtual\",\"components\":[{\"sku\":\"PMUG\",\"quantity\":\"1\"},"
                  "{\"sku\":\"TEA-SET\",\"quantity\":\"1\"},{\"sku\":\"PRIBBON\","
                  "\"quantity\":\"0.5\"}],\"effective\":0}}]");
    }
    inv_string_free(json);
    inv_ledger_free(l);
}

static void test_buildable_and_sellable(void) {
    inv_ledger *l = kits_ledger();
    char q[INV_DECIMAL_LEN], first[32];
    inv_buildable *b = NULL;
    const char *sku = "untouched";
    /* EAST: 10 mugs, 3 sets in stock + 4 buildable (PTEA 9 / 2), 6 m ribbon (12 gifts): 7
     * gifts; the 8th needs a 5th built set, short of PTEA. */
    CHECK(query(l, 0, "GIFT", "EAST", DAY, q, first) == 1);
    CHECK_STR(q, "7");
    CHECK_STR(first, "PTEA");
    /* WEST: no set in stock, PTEA 2 -> 1 set -> 1 gift. */
    query(l, 0, "GIFT", "WEST", DAY, q, first);
    CHECK_STR(q, "1");
    /* Pooled: mugs 14, sets 3 + min(11 PTEA / 2, 6 PBOX) = 8, ribbon 7 m -> 14: 8 gifts. */
    CHECK(query(l, 0, "GIFT", NULL, DAY, q, first) == 1);
    CHECK_STR(q, "8");
    CHECK_STR(first, "PTEA");
    /* The virtual gift has no stock: sellable = buildable. */
    query(l, 1, "GIFT", "EAST", DAY, q, first);
    CHECK_STR(q, "7");
    /* The assembled set: 4 built + 3 in stock. */
    query(l, 0, "TEA-SET", "EAST", DAY, q, first);
    CHECK_STR(q, "4");
    query(l, 1, "TEA-SET", "EAST", DAY, q, first);
    CHECK_STR(q, "7");
    /* 4 PTEA reserved at EAST leave 5: 2 sets built + 3 in stock = 5 gifts, 5 sets. */
    CHECK_OK(inv_ledger_reserve(l, "PTEA", "EAST", "4", "SO-1", 10, NULL, NULL));
    query(l, 0, "GIFT", "EAST", DAY, q, first);
    CHECK_STR(q, "5");
    query(l, 1, "TEA-SET", "EAST", DAY, q, first);
    CHECK_STR(q, "5");

    /* Not a kit, or not yet one; nothing written then. */
    CHECK_RC(inv_ledger_buildable(l, "PMUG", NULL, DAY, &b), INV_UNKNOWN_SKU);
    CHECK_RC(inv_ledger_sellable(l, "GIFT", NULL, -1, &b), INV_UNKNOWN_SKU);
    CHECK(b == NULL);
    /* The handle's accessors. */
    CHECK_OK(inv_ledger_buildable(l, "GIFT", "EAST", DAY, &b));
    CHECK_RC(inv_buildable_limiting_get(b, 1, &sku), INV_INDEX_OUT_OF_RANGE);
    CHECK_STR(sku, "untouched");
    CHECK_RC(inv_buildable_limiting_get(b, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_buildable_summary(b, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_buildable_summary(NULL, NULL), INV_NULL_ARGUMENT);
    inv_buildable_free(b);
    CHECK(inv_buildable_limiting_len(NULL) == 0);
    inv_buildable_free(NULL);
    inv_ledger_free(l);
}

static void test_kit_cost(void) {
    inv_ledger *l = kits_ledger();
    char cost[INV_DECIMAL_LEN];
    char tiny[4] = "xyz";
    /* EAST: 4.00 + 7.00 (the set's stock) + 0.5 x 0.90 = 11.45. */
    CHECK_OK(inv_ledger_kit_cost(l, "GIFT", "EAST", DAY, cost, sizeof cost));
    CHECK(same_decimal(cost, "11.45"));
    /* WEST has no set in stock: rolled up 2 x 3.00 + 1.25 = 7.25; 4.10 + 7.25 + 0.45. */
    CHECK_OK(inv_ledger_kit_cost(l, "GIFT", "WEST", DAY, cost, sizeof cost));
    CHECK(same_decimal(cost, "11.80"));
    /* A set built at EAST: 2 x 27.80 / 9 (FIFO PTEA) + 1.25 = 7.4277... */
    CHECK_OK(inv_ledger_kit_cost(l, "TEA-SET", "EAST", DAY, cost, sizeof cost));
    CHECK_NEAR(strtod(cost, NULL), 55.60 / 9 + 1.25, 1e-12);
    CHECK(strncmp(cost, "7.427777777777777777777777", 26) == 0);
    /* A location without the components cannot value them. */
    CHECK_REFUSED_SAYING(l, inv_ledger_kit_cost(l, "GIFT", "NORTH", DAY, cost, sizeof cost),
                         INV_INVALID_INPUT, "\"PMUG\"");
    CHECK_RC(inv_ledger_kit_cost(l, "PBOX", NULL, DAY, cost, sizeof cost), INV_UNKNOWN_SKU);
    CHECK_RC(inv_ledger_kit_cost(l, "GIFT", "EAST", DAY, tiny, sizeof tiny),
             INV_BUFFER_TOO_SMALL);
    CHECK_STR(tiny, "xyz");
    CHECK_RC(inv_ledger_kit_cost(l, "GIFT", "EAST", DAY, NULL, 0), INV_NULL_ARGUMENT);
    inv_ledger_free(l);
}

/* Row `index` of an explosion is (sku, quantity). */
static void check_row(const inv_kit_explosion *e, size_t index, const char *sku,
                      const char *quantity) {
    inv_kit_component row;
    CHECK_OK(inv_kit_explosion_get(e, index, &row));
    CHECK_STR(row.sku, sku);
    CHECK_STR(row.quantity, quantity);
}

static void test_explosion(void) {
    inv_ledger *l = kits_ledger();
    inv_kit_explosion *e = NULL;
    inv_kit_component row;
    /* 4 gifts: 4 PMUG, 4 TEA-SET (assembled: its own stock), 2 m of ribbon. */
    CHECK_OK(inv_ledger_explode_kit(l, "GIFT", "4", 0, false, &e));
    CHECK(inv_kit_explosion_len(e) == 3);
    check_row(e, 0, "PMUG", "4");
    check_row(e, 1, "PRIBBON", "2.0");
    check_row(e, 2, "TEA-SET", "4");
    CHECK_RC(inv_kit_explosion_get(e, 3, &row), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_kit_explosion_get(e, 0, NULL), INV_NULL_ARGUMENT);
    inv_kit_explosion_free(e);
    /* Down to plain SKUs: the sets' 8 PTEA and 4 PBOX. */
    e = NULL;
    CHECK_OK(inv_ledger_explode_kit(l, "GIFT", "4", DAY, true, &e));
    CHECK(inv_kit_explosion_len(e) == 4);
    check_row(e, 0, "PBOX", "4");
    check_row(e, 1, "PMUG", "4");
    check_row(e, 2, "PRIBBON", "2.0");
    check_row(e, 3, "PTEA", "8");
    inv_kit_explosion_free(e);
    /* Refusals write nothing. */
    e = NULL;
    CHECK_RC(inv_ledger_explode_kit(l, "GIFT", "-1", DAY, false, &e), INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_explode_kit(l, "NOPE", "1", DAY, false, &e), INV_UNKNOWN_SKU);
    CHECK_RC(inv_ledger_explode_kit(l, "GIFT", "1e3", DAY, false, &e), INV_INVALID_DECIMAL);
    CHECK_RC(inv_ledger_explode_kit(l, "GIFT", "1", DAY, false, NULL), INV_NULL_ARGUMENT);
    CHECK(e == NULL);
    CHECK(inv_kit_explosion_len(NULL) == 0);
    inv_kit_explosion_free(NULL);
    inv_ledger_free(l);
}

static void test_versions_idempotency_and_snapshot(void) {
    inv_ledger *l = kits_ledger();
    inv_ledger *back = NULL;
    inv_kit_outcome o = {99, true};
    char q[INV_DECIMAL_LEN], first[32];
    char *json = snapshot(l);
    char *json2 = NULL;
    char *records = NULL, *records2 = NULL;
    char *after = NULL, *again = NULL;
    /* The snapshot round trip with kits. */
    CHECK_OK(inv_ledger_from_json(json, &back));
    json2 = snapshot(back);
    CHECK(json != NULL && json2 != NULL && strcmp(json, json2) == 0);
    query(back, 0, "GIFT", NULL, DAY, q, first);
    CHECK_STR(q, "8");
    inv_string_free(json);
    inv_string_free(json2);
    inv_ledger_free(back);
    back = NULL;

    /* A new version from day 5, by reference, twice: the second is a duplicate. */
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_V2, 5 * DAY, "GIFT-v2", &o));
    CHECK(o.sequence == 2 && !o.duplicate);
    after = snapshot(l);
    o.sequence = 99;
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_V2, 5 * DAY, "GIFT-v2", &o));
    CHECK(o.sequence == 2 && o.duplicate);
    again = snapshot(l);
    CHECK(after != NULL && again != NULL && strcmp(after, again) == 0);
    inv_string_free(after);
    inv_string_free(again);
    /* Without an outcome pointer too. */
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_V2, 5 * DAY, "GIFT-v2", NULL));
    /* Mugs limit from day 5: 14 / 2 = 7 pooled; the first version still holds before. */
    query(l, 0, "GIFT", NULL, 5 * DAY, q, first);
    CHECK_STR(q, "7");
    CHECK_STR(first, "PMUG");
    query(l, 0, "GIFT", NULL, DAY, q, first);
    CHECK_STR(q, "8");

    /* The snapshot keeps every version and reference. */
    json = snapshot(l);
    CHECK_OK(inv_ledger_from_json(json, &back));
    json2 = snapshot(back);
    CHECK(json != NULL && json2 != NULL && strcmp(json, json2) == 0);
    CHECK_OK(inv_ledger_kit_records_json(l, &records));
    CHECK_OK(inv_ledger_kit_records_json(back, &records2));
    CHECK(records != NULL && records2 != NULL && strcmp(records, records2) == 0);
    CHECK(records != NULL && strstr(records, "\"sequence\":2,\"first_movement\":10,"
                                             "\"reference\":\"GIFT-v2\"") != NULL);
    CHECK_OK(define(back, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_V2, 5 * DAY, "GIFT-v2", &o));
    CHECK(o.sequence == 2 && o.duplicate);
    inv_string_free(json);
    inv_string_free(json2);
    inv_string_free(records);
    inv_string_free(records2);
    inv_ledger_free(back);
    inv_ledger_free(l);
}

static void test_errors_change_nothing(void) {
    static const char *const NOPE[][2] = {{"NOPE", "1"}};
    static const char *const TO_GIFT[][2] = {{"GIFT", "1"}};
    static const char *const ONE_MUG[][2] = {{"PMUG", "1"}};
    static const char *const THREE_MUGS[][2] = {{"PMUG", "3"}};
    static const char *const ZERO[][2] = {{"PMUG", "0"}};
    static const char *const TOO_MANY[][2] = {{"PMUG", "1000000001"}};
    static const char *const TWICE[][2] = {{"PMUG", "1"}, {"PMUG", "2"}};
    static const char *const ITSELF[][2] = {{"X", "1"}};
    inv_ledger *l = kits_ledger();
    inv_kit_outcome o = {42, true};
    inv_kit_components *empty = NULL;
    inv_kit_components *c = NULL;
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_V2, 5 * DAY, "GIFT-v2", NULL));

    /* A cycle, named from the new definition's kit back to it. */
    CHECK_REFUSED_SAYING(l, define(l, "TEA-SET", INV_KIT_ASSEMBLED, 1, TO_GIFT, 9 * DAY, NULL, &o),
                         INV_INVALID_INPUT,
                         "kit definitions would form a cycle: TEA-SET -> GIFT -> TEA-SET");
    CHECK_REFUSED_SAYING(l, define(l, "X", INV_KIT_VIRTUAL, 1, NOPE, 0, NULL, &o),
                         INV_UNKNOWN_SKU, "\"NOPE\"");
    CHECK_REFUSED_SAYING(l, define(l, "GIFT", INV_KIT_VIRTUAL, 1, ONE_MUG, DAY, NULL, &o),
                         INV_OUT_OF_ORDER, "before its latest");
    CHECK_REFUSED_SAYING(l, define(l, "X", 2, 1, ONE_MUG, 0, NULL, &o), INV_INVALID_ENUM,
                         "INV_KIT_ASSEMBLED, INV_KIT_VIRTUAL");
    CHECK_REFUSED_SAYING(l, define(l, "X", INV_KIT_VIRTUAL, 1, ZERO, 0, NULL, &o),
                         INV_INVALID_INPUT, "\"PMUG\"");
    CHECK_REFUSED_SAYING(l, define(l, "X", INV_KIT_VIRTUAL, 1, TOO_MANY, 0, NULL, &o),
                         INV_INVALID_INPUT, "1000000001");
    CHECK_REFUSED_SAYING(l, define(l, "X", INV_KIT_VIRTUAL, 2, TWICE, 0, NULL, &o),
                         INV_INVALID_INPUT, "twice");
    CHECK_REFUSED_SAYING(l, define(l, "X", INV_KIT_VIRTUAL, 1, ITSELF, 0, NULL, &o),
                         INV_INVALID_INPUT, "itself");
    CHECK_REFUSED_SAYING(l, define(l, "", INV_KIT_VIRTUAL, 1, ONE_MUG, 0, NULL, &o),
                         INV_INVALID_INPUT, "empty");
    CHECK_REFUSED_SAYING(l, define(l, "X", INV_KIT_VIRTUAL, 1, ONE_MUG, INT64_MAX, NULL, &o),
                         INV_INVALID_INPUT, "out of range");
    CHECK_REFUSED_SAYING(l, define(l, "X", INV_KIT_VIRTUAL, 1, ONE_MUG, 0, "", &o),
                         INV_INVALID_INPUT, "empty reference");
    CHECK_REFUSED_SAYING(l,
                         define(l, "GIFT", INV_KIT_VIRTUAL, 1, THREE_MUGS, 6 * DAY, "GIFT-v2", &o),
                         INV_DUPLICATE_REFERENCE, "\"GIFT-v2\"");
    CHECK_OK(inv_kit_components_new(&empty));
    CHECK_REFUSED_SAYING(l, inv_ledger_define_kit(l, "X", INV_KIT_VIRTUAL, empty, 0, NULL, &o),
                         INV_INVALID_INPUT, "has no components");
    /* Arguments the binding refuses before the core sees them. */
    CHECK_REFUSED_SAYING(l, inv_ledger_define_kit(l, "X", INV_KIT_VIRTUAL, NULL, 0, NULL, &o),
                         INV_NULL_ARGUMENT, "components");
    CHECK_REFUSED_SAYING(l, inv_ledger_define_kit(l, NULL, INV_KIT_VIRTUAL, empty, 0, NULL, &o),
                         INV_NULL_ARGUMENT, "kit");
    CHECK_REFUSED_SAYING(l,
                         inv_ledger_define_kit(l, "\xff", INV_KIT_VIRTUAL, empty, 0, NULL, &o),
                         INV_INVALID_UTF8, "kit");
    CHECK_RC(inv_ledger_define_kit(NULL, "X", INV_KIT_VIRTUAL, empty, 0, NULL, &o),
             INV_NULL_ARGUMENT);
    /* Outputs are written only on success. */
    CHECK(o.sequence == 42 && o.duplicate);
    inv_kit_components_free(empty);

    /* The builder refuses what it cannot convert, and keeps what it had. */
    CHECK_OK(inv_kit_components_new(&c));
    CHECK_OK(inv_kit_components_add(c, "PMUG", "1"));
    CHECK_RC(inv_kit_components_add(c, "PBOX", "one"), INV_INVALID_DECIMAL);
    CHECK_RC(inv_kit_components_add(c, NULL, "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_kit_components_add(c, "\xfe", "1"), INV_INVALID_UTF8);
    CHECK_RC(inv_kit_components_add(NULL, "PBOX", "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_kit_components_new(NULL), INV_NULL_ARGUMENT);
    CHECK_OK(inv_ledger_define_kit(l, "SOLO", INV_KIT_ASSEMBLED, c, 0, NULL, &o));
    CHECK(o.sequence == 3 && !o.duplicate);
    inv_kit_components_free(c);
    inv_kit_components_free(NULL);

    /* Queries with NULL arguments. */
    CHECK_RC(inv_ledger_kit_definition_json(l, "GIFT", NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_kit_definition_json(l, NULL, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_kit_records_json(NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_kit_records_json(l, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_buildable(l, NULL, NULL, DAY, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_sellable(l, "GIFT", "\xff", DAY, NULL), INV_INVALID_UTF8);
    inv_ledger_free(l);
}

int main(void) {
    test_codes();
    test_definitions();
    test_buildable_and_sellable();
    test_kit_cost();
    test_explosion();
    test_versions_idempotency_and_snapshot();
    test_errors_change_nothing();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
