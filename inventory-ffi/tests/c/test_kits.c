/*
 * C test of the kits part of the C API (include/inventory.h): kit definitions through the
 * components builder, the buildable and sellable quantities (of one kit, and of many in a
 * batch), the cost roll-up, the explosion into components, versions and idempotency, the
 * snapshot, and every error code;
 * assembly and disassembly, virtual bundles reserved, released, shipped and returned, the
 * bundle records, the bundle and exploded demand histories, and bundle candidates.
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

/* Row `index` of a batch equals the single query of its kit (buildable, or sellable with
 * `sellable`) at `location` and `time`: kit, quantity and every limiting SKU. */
static void check_batch_row(const inv_ledger *l, const inv_buildables *list, size_t index,
                      int sellable, const char *kit, const char *location, int64_t time) {
    inv_buildable *b = NULL;
    inv_buildable_info one, row;
    size_t k;
    if (sellable) {
        CHECK_OK(inv_ledger_sellable(l, kit, location, time, &b));
    } else {
        CHECK_OK(inv_ledger_buildable(l, kit, location, time, &b));
    }
    CHECK_OK(inv_buildables_get(list, index, &row));
    if (b == NULL || inv_buildable_summary(b, &one) != INV_OK) {
        CHECK(0);
        inv_buildable_free(b);
        return;
    }
    CHECK_STR(row.kit, kit);
    CHECK_STR(row.quantity, one.quantity);
    CHECK(row.limiting_len == one.limiting_len);
    for (k = 0; k < one.limiting_len && k < row.limiting_len; k++) {
        const char *a = NULL, *c = NULL;
        CHECK_OK(inv_buildable_limiting_get(b, k, &a));
        CHECK_OK(inv_buildables_limiting_get(list, index, k, &c));
        CHECK(a != NULL && c != NULL && strcmp(a, c) == 0);
    }
    inv_buildable_free(b);
}

static void test_batches(void) {
    inv_ledger *l = kits_ledger();
    inv_buildables *list = NULL;
    inv_buildable_info row;
    const char *sku = "untouched";
    const char *const names[] = {"TEA-SET", "GIFT", "TEA-SET"};
    const char *const bad[] = {"GIFT", "PMUG", "NOPE"};
    const char *const with_null[] = {"GIFT", NULL};
    const char *const not_utf8[] = {"GIFT", "\xff"};
    const char *const locations[] = {"EAST", "WEST", "NORTH", NULL};
    char kits[40][8];
    const char *many[40];
    size_t i, j;
    int sellable;

    /* Every kit in force, sorted by kit: GIFT (7 at EAST, short of PTEA), then TEA-SET. */
    CHECK_OK(inv_ledger_buildable_all(l, "EAST", DAY, &list));
    CHECK(inv_buildables_len(list) == 2);
    CHECK_OK(inv_buildables_get(list, 0, &row));
    CHECK_STR(row.kit, "GIFT");
    CHECK_STR(row.quantity, "7");
    CHECK(row.limiting_len == 1);
    CHECK_OK(inv_buildables_limiting_get(list, 0, 0, &sku));
    CHECK_STR(sku, "PTEA");
    /* The accessors' errors; nothing written then. */
    sku = "untouched";
    CHECK_RC(inv_buildables_get(list, 2, &row), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_buildables_limiting_get(list, 0, 1, &sku), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_buildables_limiting_get(list, 2, 0, &sku), INV_INDEX_OUT_OF_RANGE);
    CHECK_STR(sku, "untouched");
    CHECK_RC(inv_buildables_get(list, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_buildables_limiting_get(list, 0, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_buildables_get(NULL, 0, &row), INV_NULL_ARGUMENT);
    inv_buildables_free(list);
    CHECK(inv_buildables_len(NULL) == 0);
    inv_buildables_free(NULL);

    /* Every batch is the single queries, at every location, buildable and sellable, before
     * and after a new version of GIFT from day 5. */
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_V2, 5 * DAY, NULL, NULL));
    for (i = 0; i < 4; i++) {
        for (sellable = 0; sellable < 2; sellable++) {
            int64_t t = sellable ? 6 * DAY : DAY;
            list = NULL;
            if (sellable) {
                CHECK_OK(inv_ledger_sellable_all(l, locations[i], t, &list));
            } else {
                CHECK_OK(inv_ledger_buildable_all(l, locations[i], t, &list));
            }
            CHECK(inv_buildables_len(list) == 2);
            check_batch_row(l, list, 0, sellable, "GIFT", locations[i], t);
            check_batch_row(l, list, 1, sellable, "TEA-SET", locations[i], t);
            inv_buildables_free(list);
            list = NULL;
            if (sellable) {
                CHECK_OK(inv_ledger_sellable_many(l, names, 3, locations[i], t, &list));
            } else {
                CHECK_OK(inv_ledger_buildable_many(l, names, 3, locations[i], t, &list));
            }
            CHECK(inv_buildables_len(list) == 3);
            for (j = 0; j < 3; j++) {
                check_batch_row(l, list, j, sellable, names[j], locations[i], t);
            }
            inv_buildables_free(list);
        }
    }

    /* 40 more kits (over the plain SKUs and the tea set, some assembled): a batch of all of
     * them plans rather than asking one by one, with the same answers. */
    for (i = 0; i < 40; i++) {
        char q1[4], q2[8];
        const char *pairs[2][2];
        sprintf(kits[i], "K%02u", (unsigned)i);
        sprintf(q1, "%u", (unsigned)(1 + i % 3));
        strcpy(q2, i % 4 == 0 ? "0.5" : "1");
        pairs[0][0] = i % 2 ? "PMUG" : "PTEA";
        pairs[0][1] = q1;
        pairs[1][0] = i % 5 == 0 ? "TEA-SET" : "PRIBBON";
        pairs[1][1] = q2;
        CHECK_OK(define(l, kits[i], i % 3 ? INV_KIT_VIRTUAL : INV_KIT_ASSEMBLED, 2,
                        (const char *const(*)[2])pairs, 0, NULL, NULL));
        many[i] = kits[i];
    }
    for (i = 0; i < 4; i++) {
        list = NULL;
        CHECK_OK(inv_ledger_buildable_many(l, many, 40, locations[i], DAY, &list));
        CHECK(inv_buildables_len(list) == 40);
        for (j = 0; j < 40; j++) {
            check_batch_row(l, list, j, 0, many[j], locations[i], DAY);
        }
        inv_buildables_free(list);
    }

    /* An empty list; the first name that is not a kit; NULL and non-UTF-8 names. */
    list = NULL;
    CHECK_OK(inv_ledger_buildable_many(l, NULL, 0, "EAST", DAY, &list));
    CHECK(inv_buildables_len(list) == 0);
    inv_buildables_free(list);
    list = NULL;
    CHECK_REFUSED_SAYING(l, inv_ledger_buildable_many(l, bad, 3, "EAST", DAY, &list),
                         INV_UNKNOWN_SKU, "\"PMUG\" is not a kit");
    CHECK_REFUSED_SAYING(l, inv_ledger_sellable_many(l, with_null, 2, NULL, DAY, &list),
                         INV_NULL_ARGUMENT, "kits[1]");
    CHECK_REFUSED_SAYING(l, inv_ledger_buildable_many(l, not_utf8, 2, NULL, DAY, &list),
                         INV_INVALID_UTF8, "kits[1]");
    CHECK_RC(inv_ledger_buildable_many(l, NULL, 2, NULL, DAY, &list), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_buildable_all(NULL, NULL, DAY, &list), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_sellable_all(l, NULL, DAY, NULL), INV_NULL_ARGUMENT);
    CHECK(list == NULL);
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

/* ----- assembly and disassembly ----- */

/* The units and value of `sku` at `location` as decimal texts. */
static void stock_of(const inv_ledger *l, const char *sku, const char *location,
                     char units[INV_DECIMAL_LEN], char value[INV_DECIMAL_LEN]) {
    inv_valuation *v = NULL;
    inv_valuation_info info;
    units[0] = '\0';
    value[0] = '\0';
    CHECK_OK(inv_ledger_valuation(l, sku, location, &v));
    if (v == NULL) {
        return;
    }
    CHECK_OK(inv_valuation_summary(v, &info));
    strcpy(units, info.quantity);
    strcpy(value, info.value);
    inv_valuation_free(v);
}

/* `sku`'s units and value at `location` are (units, value). */
#define CHECK_STOCK(l, sku, location, units, value)                                   \
    do {                                                                              \
        char u_[INV_DECIMAL_LEN], v_[INV_DECIMAL_LEN];                                \
        stock_of(l, sku, location, u_, v_);                                           \
        CHECK(same_decimal(u_, units));                                               \
        CHECK(same_decimal(v_, value));                                               \
    } while (0)

/* Movement `i` (0-based) of an outcome, read from the journal. */
static inv_outcome movement_of(const inv_ledger *l, const inv_kit_movement_outcome *o,
                               size_t i) {
    inv_outcome m;
    memset(&m, 0, sizeof m);
    CHECK(i < o->movements);
    CHECK_OK(inv_ledger_journal_outcome(l, o->first_movement + i, &m));
    return m;
}

/* The sum of the COGS (`cogs` true) or moved values of an outcome's movements. */
static double sum_of(const inv_ledger *l, const inv_kit_movement_outcome *o, int cogs) {
    double total = 0;
    size_t i;
    for (i = 0; i < o->movements; i++) {
        inv_outcome m = movement_of(l, o, i);
        total += strtod(cogs ? m.cogs : m.moved_value, NULL);
    }
    return total;
}

static inv_ledger *kit_ledger(inv_costing method, int with_kits) {
    static const char *const GIFT_OF_SET[][2] = {{"TEA-SET", "1"}, {"PBOX", "1"}};
    inv_ledger_config cfg = inv_ledger_config_default();
    inv_ledger *l = NULL;
    cfg.costing = method;
    CHECK_OK(inv_ledger_new_with_config(&cfg, &l));
    CHECK_OK(inv_ledger_receive(l, "PTEA", "EAST", "5", "3.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PTEA", "EAST", "4", "3.20", 1, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PBOX", "EAST", "5", "1.25", 0, NULL, NULL, NULL));
    if (with_kits) {
        CHECK_OK(define(l, "TEA-SET", INV_KIT_ASSEMBLED, 2, TEA_SET, 0, NULL, NULL));
        CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_OF_SET, 0, NULL, NULL));
    }
    return l;
}

/*
 * EAST, FIFO: PTEA 5 at 3.00 then 4 at 3.20, PBOX 5 at 1.25; TEA-SET (assembled) = 2 PTEA +
 * 1 PBOX, GIFT (virtual) = 1 TEA-SET + 1 PBOX.
 */
static void test_assembly(void) {
    inv_ledger *l = kit_ledger(INV_COSTING_FIFO, 1);
    inv_kit_movement_outcome o, again;
    inv_outcome m;
    char *journal = NULL;
    size_t i;
    /* 3 sets: PTEA 6 by FIFO = 5 x 3.00 + 1 x 3.20 = 18.20; PBOX 3 x 1.25 = 3.75; + 0.60
     * labour = 22.55. */
    CHECK_OK(inv_ledger_assemble(l, "TEA-SET", "EAST", "3", 10, "0.60", "ASM-1", &o));
    CHECK(same_decimal(o.value, "22.55"));
    CHECK(o.movements == 3 && !o.duplicate);
    CHECK(o.first_movement == 3);
    CHECK_NEAR(strtod(movement_of(l, &o, 0).moved_value, NULL) +
                   strtod(movement_of(l, &o, 1).moved_value, NULL),
               21.95, 1e-9);
    CHECK_NEAR(sum_of(l, &o, 1), 0, 0);
    m = movement_of(l, &o, 2);
    CHECK(same_decimal(m.quantity, "3") && same_decimal(m.moved_value, "22.55"));
    CHECK_STOCK(l, "TEA-SET", "EAST", "3", "22.55");
    CHECK_STOCK(l, "PTEA", "EAST", "3", "9.60");
    CHECK_STOCK(l, "PBOX", "EAST", "2", "2.50");
    /* Adjustments with the reason "assembly", and no more movements than that. */
    CHECK_OK(inv_ledger_journal_json(l, &journal));
    CHECK(journal != NULL && strstr(journal, "\"reason\":\"assembly\"") != NULL);
    inv_string_free(journal);
    CHECK(inv_ledger_len(l) == 6);
    /* Idempotent by reference: the kit's movement, flagged. */
    CHECK_OK(inv_ledger_assemble(l, "TEA-SET", "EAST", "3", 10, "0.60", "ASM-1", &again));
    CHECK(again.duplicate && again.movements == 1);
    CHECK(again.first_movement == o.first_movement + 2);
    CHECK(same_decimal(again.value, "22.55"));
    CHECK(inv_ledger_len(l) == 6);
    /* Without an outcome pointer too. */
    CHECK_OK(inv_ledger_assemble(l, "TEA-SET", "EAST", "3", 10, "0.60", "ASM-1", NULL));
    /* Another operation under the reference: refused, nothing written. */
    again.first_movement = 777;
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1", 11, NULL, "ASM-1",
                                                &again),
                         INV_DUPLICATE_REFERENCE, "ASM-1");
    CHECK_REFUSED_SAYING(l, inv_ledger_disassemble(l, "TEA-SET", "EAST", "3", 11, "ASM-1",
                                                   &again),
                         INV_DUPLICATE_REFERENCE, "ASM-1");
    CHECK(again.first_movement == 777);
    /* Out of range journal entries. */
    CHECK_RC(inv_ledger_journal_outcome(l, 6, &m), INV_INDEX_OUT_OF_RANGE);
    for (i = 0; i < 3; i++) {
        CHECK(movement_of(l, &o, i).sequence == o.first_movement + i);
    }
    inv_ledger_free(l);
}

static void test_disassembly(void) {
    inv_ledger *l = kit_ledger(INV_COSTING_FIFO, 1);
    inv_kit_movement_outcome o, again;
    char before[INV_DECIMAL_LEN], after[INV_DECIMAL_LEN];
    CHECK_OK(inv_ledger_receive(l, "TEA-SET", "EAST", "3", "7.00", 5, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_assemble(l, "TEA-SET", "EAST", "3", 10, "0.60", NULL, NULL));
    CHECK_OK(inv_ledger_total_value(l, before, sizeof before));
    /* 2 sets leave by FIFO at 7.00: V = 14.00. Components now: PTEA 3 at 3.20, PBOX 2 at
     * 1.25; weights 4 x 3.20 = 12.80 and 2 x 1.25 = 2.50 (15.30): PTEA gets
     * 14.00 x 12.80 / 15.30 = 11.712... -> 11.71 (rounded down), PBOX the rest, 2.29. */
    CHECK_OK(inv_ledger_disassemble(l, "TEA-SET", "EAST", "2", 20, "DIS-1", &o));
    CHECK(same_decimal(o.value, "14.00"));
    CHECK(o.movements == 3 && !o.duplicate);
    CHECK(same_decimal(movement_of(l, &o, 0).quantity, "-2"));
    CHECK(same_decimal(movement_of(l, &o, 1).moved_value, "11.71"));
    CHECK(same_decimal(movement_of(l, &o, 2).moved_value, "2.29"));
    CHECK_OK(inv_ledger_total_value(l, after, sizeof after));
    CHECK(same_decimal(before, after));
    CHECK_STOCK(l, "PTEA", "EAST", "7", "21.31");
    CHECK_STOCK(l, "TEA-SET", "EAST", "4", "29.55");
    CHECK_OK(inv_ledger_disassemble(l, "TEA-SET", "EAST", "2", 20, "DIS-1", &again));
    CHECK(again.duplicate && again.movements == 1 && again.first_movement == o.first_movement);
    CHECK(same_decimal(again.value, "14.00"));
    /* The same reference at another time is another operation. */
    CHECK(inv_ledger_disassemble(l, "TEA-SET", "EAST", "2", 21, "DIS-1", &again) ==
          INV_DUPLICATE_REFERENCE);
    inv_ledger_free(l);
}

static void test_assembly_refusals(void) {
    inv_ledger *l = kit_ledger(INV_COSTING_MOVING_AVERAGE, 1);
    inv_kit_movement_outcome o;
    o.first_movement = 4242;
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "GIFT", "EAST", "1", 10, NULL, NULL, &o),
                         INV_INVALID_INPUT, "virtual bundle");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "PTEA", "EAST", "1", 10, NULL, NULL, &o),
                         INV_UNKNOWN_SKU, "\"PTEA\" is not a kit");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1", -1, NULL, NULL, &o),
                         INV_UNKNOWN_SKU, "\"TEA-SET\"");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "0", 10, NULL, NULL, &o),
                         INV_INVALID_INPUT, "> 0");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1", 10, "-1", NULL, &o),
                         INV_INVALID_INPUT, "extra cost");
    /* 5 sets need 10 PTEA: 9 are there. */
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "5", 10, NULL, NULL, &o),
                         INV_INSUFFICIENT_STOCK, "\"PTEA\"");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "WEST", "1", 10, NULL, NULL, &o),
                         INV_INSUFFICIENT_STOCK, "WEST");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1", 10, NULL, "", &o),
                         INV_INVALID_INPUT, "empty");
    CHECK_REFUSED_SAYING(l, inv_ledger_disassemble(l, "TEA-SET", "EAST", "1", 10, NULL, &o),
                         INV_INSUFFICIENT_STOCK, "TEA-SET");
    CHECK_REFUSED_SAYING(l, inv_ledger_disassemble(l, "GIFT", "EAST", "1", 10, NULL, &o),
                         INV_INVALID_INPUT, "virtual bundle");
    CHECK_REFUSED_SAYING(l, inv_ledger_disassemble(l, "TEA-SET", "EAST", "-2", 10, NULL, &o),
                         INV_INVALID_INPUT, "-2");
    /* Arguments the binding refuses before the core sees them. */
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1e1", 10, NULL, NULL, &o),
                         INV_INVALID_DECIMAL, "quantity");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1", 10, "0,60", NULL, &o),
                         INV_INVALID_DECIMAL, "extra_cost");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, NULL, "EAST", "1", 10, NULL, NULL, &o),
                         INV_NULL_ARGUMENT, "kit");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", NULL, "1", 10, NULL, NULL, &o),
                         INV_NULL_ARGUMENT, "location");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", NULL, 10, NULL, NULL, &o),
                         INV_NULL_ARGUMENT, "quantity");
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1", 10, NULL, "\xff", &o),
                         INV_INVALID_UTF8, "reference");
    CHECK_REFUSED_SAYING(l, inv_ledger_disassemble(l, "\xfe", "EAST", "1", 10, NULL, &o),
                         INV_INVALID_UTF8, "kit");
    CHECK_RC(inv_ledger_assemble(NULL, "TEA-SET", "EAST", "1", 10, NULL, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_disassemble(NULL, "TEA-SET", "EAST", "1", 10, NULL, &o),
             INV_NULL_ARGUMENT);
    /* Reserved units are not available to an assembly. */
    CHECK_OK(inv_ledger_reserve(l, "PTEA", "EAST", "8", "SO-1", 10, NULL, NULL));
    CHECK_REFUSED_SAYING(l, inv_ledger_assemble(l, "TEA-SET", "EAST", "1", 11, NULL, NULL, &o),
                         INV_INSUFFICIENT_STOCK, "\"PTEA\"");
    /* Outputs are written only on success. */
    CHECK(o.first_movement == 4242);
    inv_ledger_free(l);
}

/* ----- virtual bundles ----- */

/*
 * EAST (FIFO): PMUG 3 at 4.00 then 3 at 5.00, PRIBBON 10 at 0.90, PTEA 10 at 3.00, PBOX 10
 * at 1.25, TEA-SET (assembled stock) 2 at 7.00; GIFT (virtual) = 1 PMUG + 1 TEA-SET + 0.5
 * PRIBBON.
 */
static inv_ledger *bundle_ledger(void) {
    inv_ledger *l = NULL;
    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "PMUG", "EAST", "3", "4.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PMUG", "EAST", "3", "5.00", 1, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PRIBBON", "EAST", "10", "0.90", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PTEA", "EAST", "10", "3.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PBOX", "EAST", "10", "1.25", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "TEA-SET", "EAST", "2", "7.00", 0, NULL, NULL, NULL));
    CHECK_OK(define(l, "TEA-SET", INV_KIT_ASSEMBLED, 2, TEA_SET, 0, NULL, NULL));
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 3, GIFT, 0, NULL, NULL));
    return l;
}

/* The reserved units of `sku` at EAST. */
static double reserved_of(const inv_ledger *l, const char *sku) {
    inv_position p;
    memset(&p, 0, sizeof p);
    CHECK_OK(inv_ledger_position(l, sku, "EAST", &p));
    return strtod(p.reserved, NULL);
}

static void test_bundles(void) {
    static const char *const TWO_MUGS[][2] = {{"PMUG", "2"}};
    inv_ledger *l = bundle_ledger();
    inv_ledger *back = NULL;
    inv_kit_movement_outcome r, s, b, again;
    char value0[INV_DECIMAL_LEN], value[INV_DECIMAL_LEN];
    char *records = NULL, *records2 = NULL, *json = NULL, *json2 = NULL;
    char expected[256];
    CHECK_OK(inv_ledger_total_value(l, value0, sizeof value0));
    /* Reserve 2 gifts for SO-1: 2 mugs, 2 sets, 1 m ribbon. */
    CHECK_OK(inv_ledger_reserve_bundle(l, "GIFT", "EAST", "2", "SO-1", 10, NULL, &r));
    CHECK(r.movements == 3 && !r.duplicate && r.first_movement == 6);
    CHECK(same_decimal(movement_of(l, &r, 2).quantity, "0"));
    CHECK_NEAR(reserved_of(l, "PMUG"), 2, 0);
    CHECK_NEAR(reserved_of(l, "TEA-SET"), 2, 0);
    CHECK_NEAR(reserved_of(l, "PRIBBON"), 1, 0);
    /* Ship them from the reservation: COGS 2 x 4.00 + 2 x 7.00 + 1 x 0.90 = 22.90. */
    CHECK_OK(inv_ledger_ship_bundle(l, "GIFT", "EAST", "2", 11, "SO-1", "SHIP-1", &s));
    CHECK(same_decimal(s.value, "22.90"));
    CHECK(s.movements == 3 && s.first_movement == 9);
    CHECK_NEAR(sum_of(l, &s, 1), 22.90, 1e-9);
    CHECK(same_decimal(movement_of(l, &s, 1).cogs, "14.00"));
    CHECK_NEAR(reserved_of(l, "PMUG"), 0, 0);
    CHECK_OK(inv_ledger_total_value(l, value, sizeof value));
    CHECK_NEAR(strtod(value0, NULL) - strtod(value, NULL), 22.90, 1e-9);
    /* Redefine the gift (2 mugs from day 1): the return still brings back what shipped. */
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 1, TWO_MUGS, DAY, NULL, NULL));
    /* One gift back: 1 mug at 4.00, 1 set at 7.00, 0.5 m at 0.45 = 11.45 of COGS undone. */
    CHECK_OK(inv_ledger_return_bundle(l, "SHIP-1", "EAST", "1", 2 * DAY, "RET-1", &b));
    CHECK(b.movements == 3 && !b.duplicate);
    CHECK_NEAR(sum_of(l, &b, 1), -11.45, 1e-9);
    CHECK(same_decimal(movement_of(l, &b, 1).cogs, "-7.00"));
    CHECK_OK(inv_ledger_total_value(l, value, sizeof value));
    CHECK_NEAR(strtod(value0, NULL) - strtod(value, NULL), 22.90 - 11.45, 1e-9);
    /* Posted again under its reference: a duplicate, nothing moves. */
    CHECK_OK(inv_ledger_return_bundle(l, "SHIP-1", "EAST", "1", 2 * DAY, "RET-1", &again));
    CHECK(again.duplicate && again.first_movement == b.first_movement && again.movements == 3);
    CHECK(same_decimal(again.value, b.value));
    CHECK_OK(inv_ledger_ship_bundle(l, "GIFT", "EAST", "2", 11, "SO-1", "SHIP-1", &again));
    CHECK(again.duplicate && again.first_movement == s.first_movement);
    CHECK(same_decimal(again.value, "22.90"));
    /* A second one is fine; a third is more than shipped. */
    CHECK_OK(inv_ledger_return_bundle(l, "SHIP-1", "EAST", "1", 2 * DAY, NULL, NULL));
    CHECK_REFUSED_SAYING(l, inv_ledger_return_bundle(l, "SHIP-1", "EAST", "1", 2 * DAY, NULL, &b),
                         INV_RETURN_MISMATCH, "SHIP-1");
    /* The records attribute the movements to the bundle. */
    CHECK_OK(inv_ledger_bundle_records_json(l, &records));
    CHECK(records != NULL);
    if (records != NULL) {
        CHECK(strncmp(records,
                      "[{\"sequence\":0,\"first_movement\":6,\"movements\":3,\"action\":\"reserve\","
                      "\"bundle\":\"GIFT\",\"location\":\"EAST\",\"quantity\":\"2\",\"time\":10,"
                      "\"order\":\"SO-1\"},",
                      strlen("[{\"sequence\":0,\"first_movement\":6,\"movements\":3,\"action\":"
                             "\"reserve\",\"bundle\":\"GIFT\",\"location\":\"EAST\",\"quantity\":"
                             "\"2\",\"time\":10,\"order\":\"SO-1\"},")) == 0);
        sprintf(expected,
                "{\"sequence\":1,\"first_movement\":%u,\"movements\":3,\"action\":\"ship\","
                "\"bundle\":\"GIFT\",\"location\":\"EAST\",\"quantity\":\"2\",\"time\":11,"
                "\"order\":\"SO-1\",\"reference\":\"SHIP-1\"}",
                (unsigned)s.first_movement);
        CHECK(strstr(records, expected) != NULL);
        CHECK(strstr(records, "\"action\":\"return\",\"bundle\":\"GIFT\",\"location\":\"EAST\","
                              "\"quantity\":\"1\",\"time\":172800,\"shipment\":\"SHIP-1\","
                              "\"reference\":\"RET-1\"}") != NULL);
        CHECK(strstr(records, "\"sequence\":3,") != NULL && strstr(records, "\"sequence\":4,") == NULL);
    }
    /* And they survive a snapshot. */
    json = snapshot(l);
    CHECK_OK(inv_ledger_from_json(json, &back));
    json2 = snapshot(back);
    CHECK(json != NULL && json2 != NULL && strcmp(json, json2) == 0);
    CHECK_OK(inv_ledger_bundle_records_json(back, &records2));
    CHECK(records != NULL && records2 != NULL && strcmp(records, records2) == 0);
    CHECK_OK(inv_ledger_return_bundle(back, "SHIP-1", "EAST", "1", 2 * DAY, "RET-1", &again));
    CHECK(again.duplicate);
    inv_string_free(json);
    inv_string_free(json2);
    inv_string_free(records);
    inv_string_free(records2);
    inv_ledger_free(back);
    CHECK_RC(inv_ledger_bundle_records_json(l, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_bundle_records_json(NULL, &records), INV_NULL_ARGUMENT);
    inv_ledger_free(l);
}

static void test_bundle_refusals(void) {
    inv_ledger *l = bundle_ledger();
    inv_kit_movement_outcome o, first, again;
    o.first_movement = 4242;
    /* 3 gifts need 3 sets: 2 in stock. Nothing moves. */
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "3", 10, NULL, "S", &o),
                         INV_INSUFFICIENT_STOCK, "TEA-SET");
    CHECK_REFUSED_SAYING(l, inv_ledger_reserve_bundle(l, "GIFT", "EAST", "3", "SO-9", 10, NULL,
                                                      &o),
                         INV_INSUFFICIENT_STOCK, "TEA-SET");
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "TEA-SET", "EAST", "1", 10, NULL, "S", &o),
                         INV_INVALID_INPUT, "assembled kit");
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "PMUG", "EAST", "1", 10, NULL, "S", &o),
                         INV_UNKNOWN_SKU, "\"PMUG\"");
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "0", 10, NULL, "S", &o),
                         INV_INVALID_INPUT, "> 0");
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "1", 10, "NO-ORDER", "S",
                                                   &o),
                         INV_UNKNOWN_RESERVATION, "NO-ORDER");
    CHECK_REFUSED_SAYING(l, inv_ledger_release_bundle(l, "GIFT", "EAST", "1", "NO-ORDER", 10,
                                                      NULL, &o),
                         INV_UNKNOWN_RESERVATION, "NO-ORDER");
    CHECK_REFUSED_SAYING(l, inv_ledger_return_bundle(l, "NOPE", "EAST", "1", 10, NULL, &o),
                         INV_UNKNOWN_SHIPMENT, "NOPE");
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "1", 10, NULL, "", &o),
                         INV_INVALID_INPUT, "empty reference");
    /* Arguments the binding refuses before the core sees them. */
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "1", 10, NULL, NULL, &o),
                         INV_NULL_ARGUMENT, "reference");
    CHECK_REFUSED_SAYING(l, inv_ledger_reserve_bundle(l, "GIFT", "EAST", "1", NULL, 10, NULL, &o),
                         INV_NULL_ARGUMENT, "order");
    CHECK_REFUSED_SAYING(l, inv_ledger_release_bundle(l, NULL, "EAST", "1", "SO-1", 10, NULL, &o),
                         INV_NULL_ARGUMENT, "bundle");
    CHECK_REFUSED_SAYING(l, inv_ledger_return_bundle(l, NULL, "EAST", "1", 10, NULL, &o),
                         INV_NULL_ARGUMENT, "shipment");
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "one", 10, NULL, "S", &o),
                         INV_INVALID_DECIMAL, "quantity");
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "1", 10, "\xff", "S", &o),
                         INV_INVALID_UTF8, "order");
    CHECK_RC(inv_ledger_reserve_bundle(NULL, "GIFT", "EAST", "1", "SO-1", 10, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK(o.first_movement == 4242);
    /* Idempotency: the same shipment again is a duplicate; another under its reference is
     * refused. */
    CHECK_OK(inv_ledger_ship_bundle(l, "GIFT", "EAST", "1", 10, NULL, "S", &first));
    CHECK_OK(inv_ledger_ship_bundle(l, "GIFT", "EAST", "1", 10, NULL, "S", &again));
    CHECK(!first.duplicate && again.duplicate);
    CHECK(same_decimal(first.value, again.value) && first.first_movement == again.first_movement);
    CHECK_REFUSED_SAYING(l, inv_ledger_ship_bundle(l, "GIFT", "EAST", "2", 10, NULL, "S", &o),
                         INV_DUPLICATE_REFERENCE, "\"S\"");
    /* Release what a reservation holds. */
    CHECK_OK(inv_ledger_reserve_bundle(l, "GIFT", "EAST", "1", "SO-2", 11, NULL, NULL));
    CHECK_NEAR(reserved_of(l, "TEA-SET"), 1, 0);
    CHECK_REFUSED_SAYING(l, inv_ledger_release_bundle(l, "GIFT", "EAST", "2", "SO-2", 12, NULL,
                                                      &o),
                         INV_RESERVATION_EXCEEDED, "SO-2");
    CHECK_OK(inv_ledger_release_bundle(l, "GIFT", "EAST", "1", "SO-2", 12, "REL-1", &o));
    CHECK(o.movements == 3 && !o.duplicate);
    CHECK_NEAR(reserved_of(l, "TEA-SET"), 0, 0);
    inv_ledger_free(l);
}

/* ----- demand of bundles and kits ----- */

/* A history's buckets are `n` decimal texts, from `start`. */
static void check_history(const inv_demand_history *h, int64_t start, size_t n,
                          const char *const values[]) {
    char buf[INV_DECIMAL_LEN];
    size_t i;
    CHECK(inv_demand_history_len(h) == n);
    CHECK(inv_demand_history_start(h) == start);
    for (i = 0; i < n && i < inv_demand_history_len(h); i++) {
        CHECK_OK(inv_demand_history_value(h, i, buf, sizeof buf));
        CHECK(same_decimal(buf, values[i]));
    }
}

static void test_demand(void) {
    static const char *const TEA_SET_V2[][2] = {{"PTEA", "3"}, {"PBOX", "1"}};
    static const char *const PTEA_DAYS[] = {"6", "4", "3", "3"};
    static const char *const PBOX_DAYS[] = {"3", "2", "-1", "1"};
    static const char *const PTEA_WEEKS[] = {"13", "3"};
    static const char *const GIFT_DAYS[] = {"2", "-1"};
    inv_ledger *l = NULL;
    inv_demand_history *h = NULL;
    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_ledger_receive(l, "PMUG", "EAST", "20", "4.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PTEA", "EAST", "50", "3.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PBOX", "EAST", "20", "1.25", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "PRIBBON", "EAST", "20", "0.90", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "TEA-SET", "EAST", "10", "7.25", 0, NULL, NULL, NULL));
    CHECK_OK(define(l, "TEA-SET", INV_KIT_ASSEMBLED, 2, TEA_SET, 0, NULL, NULL));
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 3, GIFT, 0, NULL, NULL));
    /* Day 1: 3 tea sets sold (each pulls 2 PTEA and 1 PBOX). */
    CHECK_OK(inv_ledger_ship(l, "TEA-SET", "EAST", "3", DAY, NULL, NULL, NULL));
    /* Day 2: 2 gifts: 2 PMUG, 2 TEA-SET (-> 4 PTEA, 2 PBOX), 1 m ribbon. */
    CHECK_OK(inv_ledger_ship_bundle(l, "GIFT", "EAST", "2", 2 * DAY, NULL, "G1", NULL));
    /* Day 3: one gift back (-1 set -> -2 PTEA), 5 PTEA sold on their own. */
    CHECK_OK(inv_ledger_return_bundle(l, "G1", "EAST", "1", 3 * DAY, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "PTEA", "EAST", "5", 3 * DAY, NULL, NULL, NULL));
    /* From day 4 a set takes 3 PTEA; one set sold on day 4. */
    CHECK_OK(define(l, "TEA-SET", INV_KIT_ASSEMBLED, 2, TEA_SET_V2, 4 * DAY, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "TEA-SET", "EAST", "1", 4 * DAY, NULL, NULL, NULL));

    CHECK_OK(inv_ledger_exploded_demand_history(l, "PTEA", NULL, INV_PERIOD_DAY, DAY, true,
                                                4 * DAY, true, &h));
    check_history(h, DAY, 4, PTEA_DAYS);
    inv_demand_history_free(h);
    h = NULL;
    CHECK_OK(inv_ledger_exploded_demand_history(l, "PBOX", "EAST", INV_PERIOD_DAY, DAY, true,
                                                4 * DAY, true, &h));
    check_history(h, DAY, 4, PBOX_DAYS);
    inv_demand_history_free(h);
    h = NULL;
    /* By ISO week: 1970-01-01 is a Thursday, so days 1-3 are in its week (from Monday
     * 1969-12-29), day 4 (a Monday) starts the next. */
    CHECK_OK(inv_ledger_exploded_demand_history(l, "PTEA", NULL, INV_PERIOD_WEEK, DAY, true,
                                                4 * DAY, true, &h));
    check_history(h, -3 * DAY, 2, PTEA_WEEKS);
    inv_demand_history_free(h);
    h = NULL;
    /* The gift's own demand: 2 on day 2, -1 on day 3 (default range). */
    CHECK_OK(inv_ledger_bundle_demand_history(l, "GIFT", NULL, INV_PERIOD_DAY, 0, false, 0,
                                              false, &h));
    check_history(h, 2 * DAY, 2, GIFT_DAYS);
    inv_demand_history_free(h);
    h = NULL;
    /* At a location with none of it: zero-filled over the range asked. */
    CHECK_OK(inv_ledger_bundle_demand_history(l, "GIFT", "WEST", INV_PERIOD_DAY, 2 * DAY, true,
                                              2 * DAY, true, &h));
    CHECK(inv_demand_history_len(h) == 1);
    CHECK_NEAR(inv_demand_history_value_f64(h, 0), 0, 0);
    inv_demand_history_free(h);
    h = NULL;
    /* Errors: nothing written. */
    CHECK_RC(inv_ledger_exploded_demand_history(l, "NOPE", NULL, INV_PERIOD_DAY, 0, false, 0,
                                                false, &h),
             INV_UNKNOWN_SKU);
    CHECK_RC(inv_ledger_bundle_demand_history(l, "PMUG", NULL, INV_PERIOD_DAY, 0, false, 0,
                                              false, &h),
             INV_UNKNOWN_SKU);
    CHECK_RC(inv_ledger_bundle_demand_history(l, "GIFT", NULL, 7, 0, false, 0, false, &h),
             INV_INVALID_ENUM);
    CHECK_RC(inv_ledger_exploded_demand_history(l, "PTEA", NULL, INV_PERIOD_DAY, 4 * DAY, true,
                                                DAY, true, &h),
             INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_bundle_demand_history(l, "GIFT", NULL, INV_PERIOD_DAY, 0, false, 0,
                                              false, NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_exploded_demand_history(l, NULL, NULL, INV_PERIOD_DAY, 0, false, 0,
                                                false, &h),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_bundle_demand_history(NULL, "GIFT", NULL, INV_PERIOD_DAY, 0, false, 0,
                                              false, &h),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_exploded_demand_history(l, "PTEA", "\xff", INV_PERIOD_DAY, 0, false, 0,
                                                false, &h),
             INV_INVALID_UTF8);
    CHECK(h == NULL);
    inv_ledger_free(l);
}

/* ----- bundle candidates ----- */

/* Ships one unit of each of `n` SKUs under order `id` at `t` (reserved first). */
static void order(inv_ledger *l, const char *id, size_t n, const char *const skus[], int64_t t) {
    size_t i;
    for (i = 0; i < n; i++) {
        CHECK_OK(inv_ledger_reserve(l, skus[i], "W", "1", id, t, NULL, NULL));
        CHECK_OK(inv_ledger_ship(l, skus[i], "W", "1", t, id, NULL, NULL));
    }
}

/* An item set's items are the `n` names. */
static void check_items(const inv_item_set *s, size_t n, const char *const names[]) {
    size_t i;
    CHECK(s->items_len == n);
    for (i = 0; i < n && i < s->items_len; i++) {
        CHECK_STR(s->items[i], names[i]);
    }
}

static void test_bundle_candidates(void) {
    static const char *const ITEMS[] = {"TEA", "MUG", "HONEY", "CAKE", "PX"};
    static const char *const TM[] = {"TEA", "MUG"};
    static const char *const TMH[] = {"TEA", "MUG", "HONEY"};
    static const char *const TH[] = {"TEA", "HONEY"};
    static const char *const M[] = {"MUG"};
    static const char *const CT[] = {"CAKE", "TEA"};
    static const char *const C[] = {"CAKE"};
    static const char *const HONEY_TEA[] = {"HONEY", "TEA"};
    static const char *const MUG_TEA[] = {"MUG", "TEA"};
    static const char *const HONEY_MUG[] = {"HONEY", "MUG"};
    static const char *const HONEY_MUG_TEA[] = {"HONEY", "MUG", "TEA"};
    static const struct {
        size_t n;
        const char *const *skus;
    } baskets[10] = {{2, TM}, {2, TM}, {2, TM}, {2, TM}, {3, TMH},
                     {3, TMH}, {2, TH}, {1, M}, {2, CT}, {1, C}};
    inv_ledger *l = NULL;
    inv_bundle_candidates *c = NULL;
    inv_bundle_candidates_info info;
    inv_item_set p, t;
    char id[16];
    size_t i;
    const double nan = strtod("nan", NULL);
    CHECK_OK(inv_ledger_new(&l));
    for (i = 0; i < 5; i++) {
        CHECK_OK(inv_ledger_receive(l, ITEMS[i], "W", "100", "1.00", 0, NULL, NULL, NULL));
    }
    /* 10 orders: 4 x {TEA, MUG}, 2 x {TEA, MUG, HONEY}, {TEA, HONEY}, {MUG}, {CAKE, TEA},
     * {CAKE}; and a shipment without an order (not an order). */
    for (i = 0; i < 10; i++) {
        sprintf(id, "O%u", (unsigned)i);
        order(l, id, baskets[i].n, baskets[i].skus, 10 + (int64_t)i);
    }
    CHECK_OK(inv_ledger_ship(l, "TEA", "W", "5", 30, NULL, NULL, NULL));

    CHECK_OK(inv_ledger_bundle_candidates(l, 0, 100, 0.2, &c));
    CHECK_OK(inv_bundle_candidates_summary(c, &info));
    CHECK(info.orders == 10 && info.min_support == 0.2);
    CHECK(info.pairs_len == 3 && info.triples_len == 1);
    CHECK(inv_bundle_candidates_pairs_len(c) == 3 && inv_bundle_candidates_triples_len(c) == 1);
    /* Supports: TEA .8, MUG .7, HONEY .3, CAKE .2. Pairs kept (>= 2 orders): TEA+HONEY 3
     * (lift .3 / .24 = 1.25, confidence .3 / .3 = 1), TEA+MUG 6 (lift .6 / .56,
     * confidence .6 / .7), HONEY+MUG 2 (lift .2 / .21, confidence .2 / .3). CAKE+TEA (1
     * order) is not. */
    CHECK_OK(inv_bundle_candidates_pair_get(c, 0, &p));
    check_items(&p, 2, HONEY_TEA);
    CHECK(p.orders == 3);
    CHECK_NEAR(p.support, 0.3, 1e-12);
    CHECK_NEAR(p.confidence, 1.0, 1e-12);
    CHECK_NEAR(p.lift, 1.25, 1e-12);
    CHECK_OK(inv_bundle_candidates_pair_get(c, 1, &p));
    check_items(&p, 2, MUG_TEA);
    CHECK(p.orders == 6);
    CHECK_NEAR(p.lift, 0.6 / (0.8 * 0.7), 1e-12);
    CHECK_NEAR(p.confidence, 0.6 / 0.7, 1e-12);
    CHECK_OK(inv_bundle_candidates_pair_get(c, 2, &p));
    check_items(&p, 2, HONEY_MUG);
    CHECK_NEAR(p.confidence, 0.2 / 0.3, 1e-12);
    /* The triple: 2 orders, support .2, confidence .2 / min(.6, .3, .2) = 1, lift
     * .2 / (.8 x .7 x .3). */
    CHECK_OK(inv_bundle_candidates_triple_get(c, 0, &t));
    check_items(&t, 3, HONEY_MUG_TEA);
    CHECK(t.orders == 2);
    CHECK_NEAR(t.support, 0.2, 1e-12);
    CHECK_NEAR(t.confidence, 1.0, 1e-12);
    CHECK_NEAR(t.lift, 0.2 / (0.8 * 0.7 * 0.3), 1e-12);
    /* The accessors refuse what they cannot do and write nothing. */
    CHECK_RC(inv_bundle_candidates_pair_get(c, 3, &t), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_bundle_candidates_triple_get(c, 1, &t), INV_INDEX_OUT_OF_RANGE);
    CHECK(t.orders == 2);
    CHECK_RC(inv_bundle_candidates_pair_get(c, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_bundle_candidates_triple_get(NULL, 0, &t), INV_NULL_ARGUMENT);
    CHECK_RC(inv_bundle_candidates_summary(c, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_bundle_candidates_summary(NULL, &info), INV_NULL_ARGUMENT);
    inv_bundle_candidates_free(c);
    c = NULL;
    /* The default minimum support (1 %) keeps the sets of at least 2 orders: the same. */
    CHECK(INV_DEFAULT_MIN_SUPPORT == 0.01);
    CHECK_OK(inv_ledger_bundle_candidates(l, 0, 100, INV_DEFAULT_MIN_SUPPORT, &c));
    CHECK(inv_bundle_candidates_pairs_len(c) == 3 && inv_bundle_candidates_triples_len(c) == 1);
    inv_bundle_candidates_free(c);
    c = NULL;
    /* A higher minimum support keeps only TEA+MUG; a window keeps only its orders. */
    CHECK_OK(inv_ledger_bundle_candidates(l, 0, 100, 0.5, &c));
    CHECK(inv_bundle_candidates_pairs_len(c) == 1 && inv_bundle_candidates_triples_len(c) == 0);
    CHECK_OK(inv_bundle_candidates_pair_get(c, 0, &p));
    check_items(&p, 2, MUG_TEA);
    inv_bundle_candidates_free(c);
    c = NULL;
    CHECK_OK(inv_ledger_bundle_candidates(l, 10, 14, 0.2, &c));
    CHECK_OK(inv_bundle_candidates_summary(c, &info));
    CHECK(info.orders == 4);
    inv_bundle_candidates_free(c);
    c = NULL;
    /* Bad input: nothing written. */
    CHECK_REFUSED_SAYING(l, inv_ledger_bundle_candidates(l, 0, 100, 0.0, &c), INV_INVALID_INPUT,
                         "minimum support");
    CHECK_RC(inv_ledger_bundle_candidates(l, 0, 100, -0.1, &c), INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_bundle_candidates(l, 0, 100, 1.5, &c), INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_bundle_candidates(l, 0, 100, nan, &c), INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_bundle_candidates(l, 5, 4, 0.1, &c), INV_INVALID_INPUT);
    CHECK_RC(inv_ledger_bundle_candidates(l, 0, 100, 0.1, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_bundle_candidates(NULL, 0, 100, 0.1, &c), INV_NULL_ARGUMENT);
    CHECK(c == NULL);
    CHECK(inv_bundle_candidates_pairs_len(NULL) == 0 && inv_bundle_candidates_triples_len(NULL) == 0);
    inv_bundle_candidates_free(NULL);
    inv_ledger_free(l);
}

static void test_a_bundles_components_count_as_the_bundle(void) {
    static const char *const GIFT_PARTS[][2] = {{"PMUG", "1"}, {"PBOX", "1"}};
    static const char *const SKUS[] = {"TEA", "PMUG", "PBOX"};
    static const char *const GIFT_TEA[] = {"GIFT", "TEA"};
    inv_ledger *l = NULL;
    inv_bundle_candidates *c = NULL;
    inv_item_set p;
    char id[16], ship[16];
    size_t i;
    CHECK_OK(inv_ledger_new(&l));
    for (i = 0; i < 3; i++) {
        CHECK_OK(inv_ledger_receive(l, SKUS[i], "W", "100", "1.00", 0, NULL, NULL, NULL));
    }
    CHECK_OK(define(l, "GIFT", INV_KIT_VIRTUAL, 2, GIFT_PARTS, 0, NULL, NULL));
    for (i = 0; i < 3; i++) {
        int64_t t = 10 * (int64_t)i;
        sprintf(id, "O%u", (unsigned)i);
        sprintf(ship, "S%u", (unsigned)i);
        CHECK_OK(inv_ledger_reserve_bundle(l, "GIFT", "W", "1", id, t + 1, NULL, NULL));
        CHECK_OK(inv_ledger_ship_bundle(l, "GIFT", "W", "1", t + 2, id, ship, NULL));
        order(l, id, 1, SKUS, t + 3);
    }
    CHECK_OK(inv_ledger_bundle_candidates(l, 0, 100, 0.5, &c));
    CHECK(inv_bundle_candidates_pairs_len(c) == 1);
    CHECK_OK(inv_bundle_candidates_pair_get(c, 0, &p));
    check_items(&p, 2, GIFT_TEA);
    CHECK(p.orders == 3);
    inv_bundle_candidates_free(c);
    inv_ledger_free(l);
}

int main(void) {
    test_codes();
    test_definitions();
    test_buildable_and_sellable();
    test_batches();
    test_kit_cost();
    test_explosion();
    test_versions_idempotency_and_snapshot();
    test_errors_change_nothing();
    test_assembly();
    test_disassembly();
    test_assembly_refusals();
    test_bundles();
    test_bundle_refusals();
    test_demand();
    test_bundle_candidates();
    test_a_bundles_components_count_as_the_bundle();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
