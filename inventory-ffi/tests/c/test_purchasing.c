/*
 * C test of the purchasing part of the C API (include/inventory.h): suppliers, purchase
 * orders through their life, receiving by condition, landed costs, supplier performance,
 * the payment schedule, and the purchasing error codes.
 *
 * The cases are those of inventory-core/src/purchasing/tests.rs (dropship sales included); expected values are
 * worked by hand in the comments. Built by scripts/test-c.sh with -std=c99 -Wall -Wextra
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

/*
 * ACME, "2/10 net 30": MUG at 4.00, 3.60 from 100 units and 3.20 from 500 (all units),
 * quoted 12 days (sigma 2), preferred; PLATE (their code AC-PL-1) at 2.00, quoted 12 days.
 */
static inv_supplier *acme(void) {
    inv_supplier *s = NULL;
    CHECK_OK(inv_supplier_new("ACME", "Acme Ceramics", 30, "2", 10, &s));
    CHECK_OK(inv_supplier_add_item(s, "MUG", NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL, 12.0,
                                   2.0, true));
    CHECK_OK(inv_supplier_add_price_break(s, "MUG", "0", "4.00"));
    CHECK_OK(inv_supplier_add_price_break(s, "MUG", "100", "3.60"));
    CHECK_OK(inv_supplier_add_price_break(s, "MUG", "500", "3.20"));
    CHECK_OK(inv_supplier_add_item(s, "PLATE", "AC-PL-1", INV_DISCOUNT_ALL_UNITS, NULL, NULL,
                                   12.0, 0.0, false));
    CHECK_OK(inv_supplier_add_price_break(s, "PLATE", "0", "2.00"));
    return s;
}

/* A ledger (default configuration when `cfg` is NULL) that knows ACME. */
static inv_ledger *ledger_with(const inv_ledger_config *cfg) {
    inv_ledger *l = NULL;
    inv_supplier *s = acme();
    inv_purchase_outcome o;
    if (cfg != NULL) {
        CHECK_OK(inv_ledger_new_with_config(cfg, &l));
    } else {
        CHECK_OK(inv_ledger_new(&l));
    }
    CHECK_OK(inv_ledger_set_supplier(l, s, 0, NULL, &o));
    CHECK(!o.has_status && o.movements == 0 && !o.duplicate);
    inv_supplier_free(s);
    return l;
}

/* Creates order `order` of ACME with one line. */
static inv_result create1(inv_ledger *l, const char *order, uint32_t line, const char *sku,
                          const char *quantity, const char *unit_price, int64_t expected,
                          int64_t time) {
    inv_order_lines *lines = NULL;
    inv_result rc;
    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, line, sku, "WH", quantity, unit_price, expected));
    rc = inv_ledger_create_order(l, order, "ACME", lines, time, NULL, NULL);
    inv_order_lines_free(lines);
    return rc;
}

/* Receives one line of `order` as `receipt`: `sellable` units, `damaged` (nullable). */
static inv_result receive1(inv_ledger *l, const char *order, const char *receipt,
                           uint32_t line, const char *sellable, const char *damaged,
                           int64_t time, const char *reference, inv_purchase_outcome *out) {
    inv_receipt_lines *lines = NULL;
    inv_result rc;
    CHECK_OK(inv_receipt_lines_new(&lines));
    CHECK_OK(inv_receipt_lines_add(lines, line, sellable, damaged, NULL, NULL));
    rc = inv_ledger_receive_order(l, order, receipt, lines, time, reference, out);
    inv_receipt_lines_free(lines);
    return rc;
}

/* Placed order PO-1: line 1, 100 MUG to WH (3.60 by the break), line 2, 50 PLATE to WH
 * (2.00), both expected on day 12; created on day 0, placed on day 1. */
static inv_ledger *placed(void) {
    inv_ledger *l = ledger_with(NULL);
    inv_order_lines *lines = NULL;
    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "100", NULL, 12 * DAY));
    CHECK_OK(inv_order_lines_add(lines, 2, "PLATE", "WH", "50", NULL, 12 * DAY));
    CHECK_OK(inv_ledger_create_order(l, "PO-1", "ACME", lines, 0, NULL, NULL));
    CHECK_OK(inv_ledger_place_order(l, "PO-1", DAY, NULL, NULL));
    inv_order_lines_free(lines);
    return l;
}

/* Line `index` of `order` into `*out`; strings are copied into the caller's buffers. */
static void order_line(const inv_ledger *l, const char *order, size_t index,
                       inv_order_line *out) {
    inv_purchase_order *po = NULL;
    CHECK_OK(inv_ledger_order(l, order, &po));
    CHECK_OK(inv_purchase_order_line(po, index, out));
    out->sku = NULL; /* owned by the handle, freed below */
    out->location = NULL;
    inv_purchase_order_free(po);
}

static void test_codes(void) {
    /* The numbers are part of the ABI: area 300-399, never reused. */
    CHECK(INV_UNKNOWN_SUPPLIER == 300 && INV_UNKNOWN_ORDER == 301);
    CHECK(INV_UNKNOWN_ORDER_LINE == 302 && INV_UNKNOWN_RECEIPT == 303);
    CHECK(INV_DUPLICATE_ID == 304 && INV_INVALID_ORDER_STATE == 305);
    CHECK(INV_OVER_RECEIPT == 306);
    CHECK_STR(inv_result_name(INV_UNKNOWN_SUPPLIER), "INV_UNKNOWN_SUPPLIER");
    CHECK_STR(inv_result_name(INV_UNKNOWN_ORDER), "INV_UNKNOWN_ORDER");
    CHECK_STR(inv_result_name(INV_UNKNOWN_ORDER_LINE), "INV_UNKNOWN_ORDER_LINE");
    CHECK_STR(inv_result_name(INV_UNKNOWN_RECEIPT), "INV_UNKNOWN_RECEIPT");
    CHECK_STR(inv_result_name(INV_DUPLICATE_ID), "INV_DUPLICATE_ID");
    CHECK_STR(inv_result_name(INV_INVALID_ORDER_STATE), "INV_INVALID_ORDER_STATE");
    CHECK_STR(inv_result_name(INV_OVER_RECEIPT), "INV_OVER_RECEIPT");
    CHECK_STR(inv_result_name(307), "INV_UNKNOWN");
}

static void test_order_through_its_life(void) {
    inv_ledger *l = ledger_with(NULL);
    inv_order_lines *lines = NULL;
    inv_line_changes *changes = NULL;
    inv_receipt_lines *receipt = NULL;
    inv_purchase_outcome o;
    inv_purchase_order *po = NULL;
    inv_purchase_order_info info;
    inv_order_line line;
    inv_position p;
    inv_outcome m;
    inv_receiving_report *report = NULL;
    inv_receiving_report_info rinfo;
    inv_receiving_line rl;
    inv_valuation *v = NULL;
    inv_cost_layer layer;
    const char *id = NULL;
    int64_t confirmed_expected = 14 * DAY;

    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "100", NULL, 12 * DAY));
    CHECK_OK(inv_order_lines_add(lines, 2, "PLATE", "WH", "50", NULL, 12 * DAY));
    CHECK_OK(inv_ledger_create_order(l, "PO-1", "ACME", lines, 0, NULL, &o));
    inv_order_lines_free(lines);
    CHECK(o.has_status && o.status == INV_ORDER_STATUS_DRAFT);
    CHECK(o.movements == 0 && !o.duplicate);
    CHECK(o.sequence == 1); /* event 0 set the supplier */
    /* A draft is not incoming: the SKU is still unknown to the stock. */
    CHECK_RC(inv_ledger_position(l, "MUG", NULL, &p), INV_UNKNOWN_SKU);

    CHECK_OK(inv_ledger_order(l, "PO-1", &po));
    CHECK_OK(inv_purchase_order_summary(po, &info));
    CHECK_STR(info.id, "PO-1");
    CHECK_STR(info.supplier, "ACME");
    CHECK(info.status == INV_ORDER_STATUS_DRAFT);
    CHECK(info.created_at == 0 && !info.has_placed_at && !info.has_confirmed_at);
    CHECK(info.net_days == 30 && info.has_discount && info.discount_days == 10);
    CHECK_STR(info.discount_percent, "2");
    CHECK_STR(info.paid, "0");
    CHECK(info.line_count == 2 && info.receipt_count == 0 && info.charge_count == 0);
    /* A stock order: no customer behind it. */
    CHECK(!info.dropship && info.customer_order == NULL);
    /* 100 mugs reach the 100-unit break: 3.60. */
    CHECK_OK(inv_purchase_order_line(po, 0, &line));
    CHECK(line.line == 1);
    CHECK_STR(line.sku, "MUG");
    CHECK_STR(line.location, "WH");
    CHECK_STR(line.unit_price, "3.60");
    CHECK_STR(line.quantity, "100");
    CHECK_STR(line.open, "100");
    CHECK(line.expected == 12 * DAY);
    CHECK_OK(inv_purchase_order_line(po, 1, &line));
    CHECK_STR(line.sku, "PLATE");
    CHECK_STR(line.unit_price, "2.00");
    CHECK_RC(inv_purchase_order_line(po, 2, &line), INV_INDEX_OUT_OF_RANGE);
    inv_purchase_order_free(po);

    CHECK_OK(inv_ledger_place_order(l, "PO-1", DAY, NULL, &o));
    CHECK(o.has_status && o.status == INV_ORDER_STATUS_PLACED);
    CHECK_OK(inv_ledger_position(l, "MUG", NULL, &p));
    CHECK_STR(p.incoming, "100");
    CHECK_OK(inv_ledger_position(l, "MUG", "WH", &p));
    CHECK_STR(p.incoming, "100");

    /* The supplier confirms 80 mugs for day 14, two days later. */
    CHECK_OK(inv_line_changes_new(&changes));
    CHECK_OK(inv_line_changes_add(changes, 1, "80", &confirmed_expected, NULL));
    CHECK_OK(inv_ledger_confirm_order(l, "PO-1", changes, 2 * DAY, NULL, &o));
    inv_line_changes_free(changes);
    CHECK(o.status == INV_ORDER_STATUS_CONFIRMED);
    order_line(l, "PO-1", 0, &line);
    CHECK_STR(line.quantity, "80");
    CHECK_STR(line.ordered, "100"); /* the supplier's change is not the buyer's */
    CHECK(line.expected == 14 * DAY);
    CHECK_OK(inv_ledger_position(l, "MUG", NULL, &p));
    CHECK_STR(p.incoming, "80");

    /* 50 mugs arrive: 50 x 3.60 = 180.00. */
    CHECK_OK(receive1(l, "PO-1", "GRN-1", 1, "50", NULL, 13 * DAY, NULL, &o));
    CHECK(o.status == INV_ORDER_STATUS_PARTIALLY_RECEIVED);
    CHECK(o.movements == 1 && o.first_movement == 0);
    CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement, &m));
    CHECK_STR(m.value, "180.00");
    CHECK_STR(m.quantity, "50");
    CHECK_OK(inv_ledger_position(l, "MUG", NULL, &p));
    CHECK_STR(p.on_hand, "50");
    CHECK_STR(p.incoming, "30");

    /* The rest: 27 sellable, 2 damaged, 1 held for inspection; and all the plates. Four
     * movements: MUG sellable, damaged, quarantine, then PLATE (journal entries 1-4). */
    CHECK_OK(inv_receipt_lines_new(&receipt));
    CHECK_OK(inv_receipt_lines_add(receipt, 1, "27", "2", "1", NULL));
    CHECK_OK(inv_receipt_lines_add(receipt, 2, "50", NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive_order(l, "PO-1", "GRN-2", receipt, 15 * DAY, NULL, &o));
    inv_receipt_lines_free(receipt);
    CHECK(o.movements == 4 && o.first_movement == 1);
    CHECK(o.status == INV_ORDER_STATUS_RECEIVED);
    CHECK_OK(inv_ledger_journal_outcome(l, 2, &m)); /* 2 damaged mugs at 3.60 */
    CHECK_STR(m.quantity, "2");
    CHECK_STR(m.value, "7.20");
    CHECK_OK(inv_ledger_journal_outcome(l, 4, &m)); /* 50 plates at 2.00 */
    CHECK_STR(m.value, "100.00");
    CHECK_RC(inv_ledger_journal_outcome(l, 5, &m), INV_INDEX_OUT_OF_RANGE);
    CHECK(inv_ledger_len(l) == 5);
    CHECK_OK(inv_ledger_position(l, "MUG", NULL, &p));
    CHECK_STR(p.on_hand, "77");
    CHECK_STR(p.damaged, "2");
    CHECK_STR(p.quarantine, "1");
    CHECK_STR(p.incoming, "0");

    /* Cost layers know the receipt they came with (oldest first; ties by condition). */
    CHECK_OK(inv_ledger_valuation(l, "MUG", NULL, &v));
    CHECK(inv_valuation_layer_count(v) == 4);
    CHECK_OK(inv_valuation_layer(v, 0, &layer));
    CHECK(layer.origin == 0);
    CHECK_STR(layer.value, "180.00");
    CHECK_OK(inv_valuation_layer(v, 1, &layer));
    CHECK(layer.origin == 1 && layer.condition == INV_CONDITION_SELLABLE);
    CHECK_STR(layer.value, "97.20"); /* 27 x 3.60 */
    CHECK_OK(inv_valuation_layer(v, 3, &layer));
    CHECK(layer.origin == 3 && layer.condition == INV_CONDITION_QUARANTINE);
    inv_valuation_free(v);

    /* The receiving report: 80 x 3.60 + 50 x 2.00 = 388.00 received, nothing open. */
    CHECK_OK(inv_ledger_receiving_report(l, "PO-1", &report));
    CHECK_OK(inv_receiving_report_summary(report, &rinfo));
    CHECK_STR(rinfo.order, "PO-1");
    CHECK_STR(rinfo.supplier, "ACME");
    CHECK(rinfo.status == INV_ORDER_STATUS_RECEIVED && rinfo.line_count == 2);
    CHECK_OK(inv_receiving_report_line(report, 0, &rl));
    CHECK(rl.has_line && rl.line == 1);
    CHECK_STR(rl.sku, "MUG");
    CHECK_STR(rl.ordered, "80");
    CHECK_STR(rl.sellable, "77");
    CHECK_STR(rl.damaged, "2");
    CHECK_STR(rl.quarantine, "1");
    CHECK_STR(rl.received_value, "288.00");
    CHECK_RC(inv_receiving_report_line(report, 2, &rl), INV_INDEX_OUT_OF_RANGE);
    CHECK_OK(inv_receiving_report_total(report, &rl));
    CHECK(!rl.has_line);
    CHECK_STR(rl.sku, "");
    CHECK_STR(rl.received_value, "388.00");
    CHECK_STR(rl.open, "0");
    CHECK_STR(rl.price_variance, "0.00"); /* rounded to the money scale */
    inv_receiving_report_free(report);

    CHECK_OK(inv_ledger_order(l, "PO-1", &po));
    CHECK_OK(inv_purchase_order_summary(po, &info));
    CHECK(info.status == INV_ORDER_STATUS_RECEIVED);
    CHECK(info.has_placed_at && info.placed_at == DAY);
    CHECK(info.has_confirmed_at && info.confirmed_at == 2 * DAY);
    CHECK(info.receipt_count == 2);
    CHECK_OK(inv_purchase_order_receipt(po, 0, &id));
    CHECK_STR(id, "GRN-1");
    CHECK_OK(inv_purchase_order_receipt(po, 1, &id));
    CHECK_STR(id, "GRN-2");
    CHECK_RC(inv_purchase_order_receipt(po, 2, &id), INV_INDEX_OUT_OF_RANGE);
    CHECK_RC(inv_purchase_order_charge(po, 0, &id), INV_INDEX_OUT_OF_RANGE);
    inv_purchase_order_free(po);
    inv_ledger_free(l);
}

static void test_prices(void) {
    inv_ledger *l = ledger_with(NULL);
    inv_supplier *s = NULL;
    inv_order_line line;
    inv_purchase_outcome o;
    inv_outcome m;
    inv_receipt_lines *receipt = NULL;
    inv_receiving_report *report = NULL;
    inv_receiving_line rl;

    /* All units: 99 mugs at 4.00, 600 at 3.20; an explicit price wins. */
    CHECK_OK(create1(l, "PO-99", 1, "MUG", "99", NULL, 0, 0));
    order_line(l, "PO-99", 0, &line);
    CHECK_STR(line.unit_price, "4.00");
    CHECK_OK(create1(l, "PO-600", 1, "MUG", "600", NULL, 0, 0));
    order_line(l, "PO-600", 0, &line);
    CHECK_STR(line.unit_price, "3.20");
    CHECK_OK(create1(l, "PO-X", 1, "MUG", "10", "3.99", 0, 0));
    order_line(l, "PO-X", 0, &line);
    CHECK_STR(line.unit_price, "3.99");
    inv_ledger_free(l);

    /* Incremental: the first 100 units at 4.00, the rest at 3.00. 150 units cost
     * 400 + 150 = 550.00 (3.666... each); receiving all 150 is worth exactly 550.00. */
    CHECK_OK(inv_ledger_new(&l));
    CHECK_OK(inv_supplier_new("S", "Stoneware", 0, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, "MUG", NULL, INV_DISCOUNT_INCREMENTAL, NULL, NULL, 1.0,
                                   0.0, false));
    CHECK_OK(inv_supplier_add_price_break(s, "MUG", "0", "4.00"));
    CHECK_OK(inv_supplier_add_price_break(s, "MUG", "100", "3.00"));
    CHECK_OK(inv_ledger_set_supplier(l, s, 0, NULL, NULL));
    inv_supplier_free(s);
    {
        inv_order_lines *lines = NULL;
        CHECK_OK(inv_order_lines_new(&lines));
        CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "150", NULL, 0));
        CHECK_OK(inv_ledger_create_order(l, "PO", "S", lines, 0, NULL, NULL));
        inv_order_lines_free(lines);
    }
    order_line(l, "PO", 0, &line);
    CHECK(strncmp(line.unit_price, "3.666666666666666666666666666", 29) == 0);
    CHECK_OK(inv_ledger_place_order(l, "PO", 0, NULL, NULL));
    CHECK_OK(receive1(l, "PO", "R", 1, "150", NULL, 0, NULL, &o));
    CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement, &m));
    CHECK_STR(m.value, "550.00");
    CHECK_OK(inv_ledger_receiving_report(l, "PO", &report));
    CHECK_OK(inv_receiving_report_total(report, &rl));
    CHECK_STR(rl.price_variance, "0.00"); /* rounded to the money scale */
    inv_receiving_report_free(report);
    inv_ledger_free(l);

    /* Price variance: 10 mugs invoiced at 3.75 instead of 3.60: 10 x 0.15 = 1.50. */
    l = placed();
    CHECK_OK(inv_receipt_lines_new(&receipt));
    CHECK_OK(inv_receipt_lines_add(receipt, 1, "10", NULL, NULL, "3.75"));
    CHECK_OK(inv_ledger_receive_order(l, "PO-1", "R1", receipt, 5 * DAY, NULL, &o));
    inv_receipt_lines_free(receipt);
    CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement, &m));
    CHECK_STR(m.value, "37.50");
    order_line(l, "PO-1", 0, &line);
    CHECK_STR(line.received_value, "37.50");
    CHECK_STR(line.price_variance, "1.50");
    inv_ledger_free(l);
}

static void test_order_quantities_and_bad_suppliers(void) {
    inv_ledger *l = NULL;
    inv_supplier *s = NULL;
    CHECK_OK(inv_ledger_new(&l));
    /* At least 24, in packs of 12. */
    CHECK_OK(inv_supplier_new("ACME", "Acme", 0, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, "MUG", NULL, INV_DISCOUNT_ALL_UNITS, "24", "12", 7.0, 0.0,
                                   false));
    CHECK_OK(inv_supplier_add_price_break(s, "MUG", "0", "4"));
    CHECK_OK(inv_ledger_set_supplier(l, s, 0, NULL, NULL));
    inv_supplier_free(s);
    CHECK_REFUSED(l, create1(l, "PO-12", 1, "MUG", "12", NULL, 0, 0), INV_INVALID_INPUT);
    CHECK_REFUSED(l, create1(l, "PO-30", 1, "MUG", "30", NULL, 0, 0), INV_INVALID_INPUT);
    CHECK_OK(create1(l, "PO-24", 1, "MUG", "24", NULL, 0, 0));
    CHECK_OK(create1(l, "PO-36", 1, "MUG", "36", NULL, 0, 0));

    /* Discount days without a percent are a mistake, refused at once (the core's rule). */
    s = NULL;
    CHECK(inv_supplier_new("S", "S", 30, NULL, 10, &s) == INV_INVALID_INPUT);
    CHECK(s == NULL);

    /* Supplier definitions are checked by the core when posted. */
    CHECK_OK(inv_supplier_new("S", "S", 10, "2", 11, &s)); /* discount longer than net */
    CHECK_REFUSED(l, inv_ledger_set_supplier(l, s, 0, NULL, NULL), INV_INVALID_INPUT);
    inv_supplier_free(s);
    CHECK_OK(inv_supplier_new("S", "S", 0, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, "A", NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL, 1.0, 0.0,
                                   false));
    CHECK_REFUSED(l, inv_ledger_set_supplier(l, s, 0, NULL, NULL), INV_INVALID_INPUT); /* no breaks */
    CHECK_OK(inv_supplier_add_price_break(s, "A", "10", "1"));
    CHECK_OK(inv_supplier_add_price_break(s, "A", "10", "0.9"));
    CHECK_REFUSED(l, inv_ledger_set_supplier(l, s, 0, NULL, NULL), INV_INVALID_INPUT); /* not increasing */
    inv_supplier_free(s);
    CHECK_OK(inv_supplier_new("S", "S", 0, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, "A", NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL, NAN, 0.0,
                                   false));
    CHECK_OK(inv_supplier_add_price_break(s, "A", "0", "1"));
    CHECK_REFUSED(l, inv_ledger_set_supplier(l, s, 0, NULL, NULL), INV_INVALID_INPUT); /* NaN days */
    inv_supplier_free(s);
    CHECK_OK(inv_supplier_new("S", "S", 0, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, "A", NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL, 1.0, 0.0,
                                   false));
    CHECK_OK(inv_supplier_add_price_break(s, "A", "0", "1"));
    CHECK_OK(inv_supplier_add_item(s, "A", NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL, 1.0, 0.0,
                                   false));
    CHECK_OK(inv_supplier_add_price_break(s, "A", "0", "2"));
    CHECK_REFUSED(l, inv_ledger_set_supplier(l, s, 0, NULL, NULL), INV_DUPLICATE_ID);
    /* Builder errors: a bad decimal, a break for an item not added, a bad enum. */
    CHECK_RC(inv_supplier_add_price_break(s, "A", "1e3", "1"), INV_INVALID_DECIMAL);
    CHECK_RC(inv_supplier_add_price_break(s, "NOPE", "0", "1"), INV_INVALID_INPUT);
    CHECK_RC(inv_supplier_add_item(s, "B", NULL, 7, NULL, NULL, 1.0, 0.0, false),
             INV_INVALID_ENUM);
    inv_supplier_free(s);
    CHECK_RC(inv_supplier_new("S", "S", 30, "two", 10, &s), INV_INVALID_DECIMAL);
    inv_ledger_free(l);
}

static void test_amendments_added_lines_and_incoming(void) {
    inv_ledger *l = placed();
    inv_order_line line;
    inv_position p;
    inv_incoming *in = NULL;
    inv_incoming_row row;
    inv_purchase_outcome o;

    /* The buyer amends line 2 to 70 plates at 1.90 and adds 10 plates for SHOP at 2.10. */
    CHECK_OK(inv_ledger_amend_order_line(l, "PO-1", 2, "70", NULL, "1.90", 2 * DAY, NULL, &o));
    CHECK(o.status == INV_ORDER_STATUS_PLACED);
    CHECK_OK(inv_ledger_add_order_line(l, "PO-1", 3, "PLATE", "SHOP", "10", "2.10", 20 * DAY,
                                       2 * DAY, NULL, &o));
    order_line(l, "PO-1", 1, &line);
    CHECK_STR(line.quantity, "70");
    CHECK_STR(line.ordered, "70"); /* the buyer's amendment moves the fill rate's base */
    CHECK_STR(line.unit_price, "1.90");
    order_line(l, "PO-1", 2, &line);
    CHECK(line.line == 3 && line.expected == 20 * DAY);
    CHECK_OK(inv_ledger_position(l, "PLATE", NULL, &p));
    CHECK_STR(p.incoming, "80");
    CHECK_OK(inv_ledger_position(l, "PLATE", "SHOP", &p));
    CHECK_STR(p.incoming, "10");

    /* Incoming by SKU then location. */
    CHECK_OK(inv_ledger_incoming(l, NULL, NULL, &in));
    CHECK(inv_incoming_len(in) == 3);
    CHECK_OK(inv_incoming_get(in, 0, &row));
    CHECK_STR(row.sku, "MUG");
    CHECK_STR(row.location, "WH");
    CHECK_STR(row.quantity, "100");
    CHECK(!row.has_start && row.start == 0);
    CHECK_OK(inv_incoming_get(in, 1, &row));
    CHECK_STR(row.sku, "PLATE");
    CHECK_STR(row.location, "SHOP");
    CHECK_STR(row.quantity, "10");
    CHECK_OK(inv_incoming_get(in, 2, &row));
    CHECK_STR(row.location, "WH");
    CHECK_STR(row.quantity, "70");
    CHECK_RC(inv_incoming_get(in, 3, &row), INV_INDEX_OUT_OF_RANGE);
    inv_incoming_free(in);
    CHECK_OK(inv_ledger_incoming(l, "PLATE", "SHOP", &in));
    CHECK(inv_incoming_len(in) == 1);
    inv_incoming_free(in);
    CHECK_OK(inv_ledger_incoming(l, "NOPE", NULL, &in));
    CHECK(inv_incoming_len(in) == 0);
    inv_incoming_free(in);

    /* An amendment to 0 is refused (cancel instead); so is one below what was received. */
    CHECK_REFUSED(l, inv_ledger_amend_order_line(l, "PO-1", 2, "0", NULL, NULL, 3 * DAY, NULL, NULL),
                  INV_INVALID_INPUT);
    CHECK_OK(receive1(l, "PO-1", "R1", 1, "40", NULL, 5 * DAY, NULL, NULL));
    CHECK_REFUSED(l, inv_ledger_amend_order_line(l, "PO-1", 1, "39", NULL, NULL, 6 * DAY, NULL, NULL),
                  INV_INVALID_ORDER_STATE);
    CHECK_REFUSED(l, inv_ledger_amend_order_line(l, "PO-1", 9, "50", NULL, NULL, 6 * DAY, NULL, NULL),
                  INV_UNKNOWN_ORDER_LINE);
    inv_ledger_free(l);
}

static void test_schedule_and_overdue(void) {
    inv_ledger *l = ledger_with(NULL);
    /* 2026-11-23 is a Monday (day 20780). */
    const int64_t monday = 20780 * DAY;
    inv_order_lines *lines = NULL;
    inv_incoming *in = NULL;
    inv_incoming_row row;
    inv_overdue_lines *late = NULL;
    inv_overdue_line ol;

    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "10", NULL, monday + 3600));
    CHECK_OK(inv_order_lines_add(lines, 2, "MUG", "WH", "20", NULL, monday + 2 * DAY));
    CHECK_OK(inv_order_lines_add(lines, 3, "MUG", "WH", "30", NULL, monday + 8 * DAY));
    CHECK_OK(inv_ledger_create_order(l, "PO-1", "ACME", lines, monday - DAY, NULL, NULL));
    inv_order_lines_free(lines);
    CHECK_OK(inv_ledger_place_order(l, "PO-1", monday - DAY, NULL, NULL));

    /* By UTC day: Monday 10, Wednesday 20, the next Tuesday 30. */
    CHECK_OK(inv_ledger_incoming_schedule(l, INV_PERIOD_DAY, "MUG", NULL, &in));
    CHECK(inv_incoming_len(in) == 3);
    CHECK_OK(inv_incoming_get(in, 0, &row));
    CHECK(row.has_start && row.start == monday);
    CHECK_STR(row.quantity, "10");
    CHECK_OK(inv_incoming_get(in, 1, &row));
    CHECK(row.start == monday + 2 * DAY);
    CHECK_STR(row.quantity, "20");
    CHECK_OK(inv_incoming_get(in, 2, &row));
    CHECK(row.start == monday + 8 * DAY);
    CHECK_STR(row.quantity, "30");
    inv_incoming_free(in);
    /* By ISO week: 30 this week, 30 the next. */
    CHECK_OK(inv_ledger_incoming_schedule(l, INV_PERIOD_WEEK, NULL, "WH", &in));
    CHECK(inv_incoming_len(in) == 2);
    CHECK_OK(inv_incoming_get(in, 0, &row));
    CHECK(row.start == monday);
    CHECK_STR(row.quantity, "30");
    CHECK_OK(inv_incoming_get(in, 1, &row));
    CHECK(row.start == monday + 7 * DAY);
    CHECK_STR(row.quantity, "30");
    inv_incoming_free(in);
    in = (inv_incoming *)&row; /* sentinel: untouched on failure */
    CHECK_RC(inv_ledger_incoming_schedule(l, 9, NULL, NULL, &in), INV_INVALID_ENUM);
    CHECK(in == (inv_incoming *)&row);

    /* On Wednesday, line 1 (Monday) is two days late; line 2 (due Wednesday) is not yet. */
    CHECK_OK(inv_ledger_overdue_lines(l, monday + 2 * DAY + 7200, &late));
    CHECK(inv_overdue_lines_len(late) == 1);
    CHECK_OK(inv_overdue_lines_get(late, 0, &ol));
    CHECK_STR(ol.order, "PO-1");
    CHECK_STR(ol.supplier, "ACME");
    CHECK_STR(ol.sku, "MUG");
    CHECK_STR(ol.location, "WH");
    CHECK(ol.line == 1 && ol.days_late == 2 && ol.expected == monday + 3600);
    CHECK_STR(ol.open, "10");
    CHECK_RC(inv_overdue_lines_get(late, 1, &ol), INV_INDEX_OUT_OF_RANGE);
    inv_overdue_lines_free(late);
    /* 4 of line 1 arrive on Wednesday: on Thursday 6 of it and all of line 2 are late. */
    CHECK_OK(receive1(l, "PO-1", "R", 1, "4", NULL, monday + 2 * DAY, NULL, NULL));
    CHECK_OK(inv_ledger_overdue_lines(l, monday + 3 * DAY, &late));
    CHECK(inv_overdue_lines_len(late) == 2);
    CHECK_OK(inv_overdue_lines_get(late, 0, &ol));
    CHECK_STR(ol.open, "6");
    inv_overdue_lines_free(late);
    inv_ledger_free(l);
}

static void test_cancel_and_close_short(void) {
    inv_ledger *l = placed();
    inv_purchase_outcome o;
    inv_order_line line;
    inv_incoming *in = NULL;
    inv_supplier_performance perf;
    const uint32_t plates = 2;

    CHECK_OK(receive1(l, "PO-1", "R1", 1, "60", NULL, 10 * DAY, NULL, NULL));
    /* The buyer cancels the plates; the supplier closes the mugs short at 60. */
    CHECK_OK(inv_ledger_cancel_order(l, "PO-1", &plates, 11 * DAY, NULL, &o));
    CHECK(o.status == INV_ORDER_STATUS_PARTIALLY_RECEIVED);
    CHECK_OK(inv_ledger_incoming(l, NULL, NULL, &in));
    CHECK(inv_incoming_len(in) == 1); /* only the 40 mugs */
    inv_incoming_free(in);
    CHECK_OK(inv_ledger_close_order_short(l, "PO-1", NULL, 12 * DAY, NULL, &o));
    CHECK(o.status == INV_ORDER_STATUS_CLOSED);
    order_line(l, "PO-1", 0, &line);
    CHECK_STR(line.closed_short, "40");
    order_line(l, "PO-1", 1, &line);
    CHECK_STR(line.cancelled, "50");
    CHECK_OK(inv_ledger_incoming(l, NULL, NULL, &in));
    CHECK(inv_incoming_len(in) == 0);
    inv_incoming_free(in);
    /* Nothing more can arrive on a closed line. */
    CHECK_REFUSED(l, receive1(l, "PO-1", "R2", 1, "1", NULL, 13 * DAY, NULL, NULL),
                  INV_INVALID_ORDER_STATE);
    /* Fill rate: mugs 60 of 100 asked (closed short counts); cancelled plates don't. */
    CHECK_OK(inv_ledger_supplier_performance(l, "ACME", NULL, &perf));
    CHECK(perf.has_fill_rate);
    CHECK_NEAR(perf.fill_rate, 0.6, 1e-15);

    /* A draft cancelled as a whole is cancelled. */
    CHECK_OK(create1(l, "PO-2", 1, "MUG", "5", NULL, 0, 13 * DAY));
    CHECK_OK(inv_ledger_cancel_order(l, "PO-2", NULL, 13 * DAY, NULL, &o));
    CHECK(o.status == INV_ORDER_STATUS_CANCELLED);
    inv_ledger_free(l);
}

static void test_over_receipt(void) {
    inv_ledger_config cfg = inv_ledger_config_default();
    inv_ledger *l = NULL;
    inv_purchase_outcome o;
    inv_position p;
    char msg[512];

    CHECK(cfg.over_receipt == INV_OVER_RECEIPT_REFUSE);
    CHECK(cfg.over_receipt_tolerance == NULL);

    /* Refuse (the default): 51 plates of 50 is refused, naming the quantities. */
    l = placed();
    CHECK_RC(receive1(l, "PO-1", "R", 2, "51", NULL, 2 * DAY, NULL, NULL), INV_OVER_RECEIPT);
    inv_last_error_message(msg, sizeof msg, NULL);
    CHECK(strstr(msg, "51") != NULL && strstr(msg, "50") != NULL);
    CHECK_REFUSED(l, receive1(l, "PO-1", "R", 2, "51", NULL, 2 * DAY, NULL, NULL),
                  INV_OVER_RECEIPT);
    inv_ledger_free(l);

    /* A 10 % tolerance: 55 in all is fine, 55.5 is not. */
    cfg.over_receipt = INV_OVER_RECEIPT_TOLERANCE;
    cfg.over_receipt_tolerance = "10";
    l = ledger_with(&cfg);
    CHECK_OK(create1(l, "PO-1", 2, "PLATE", "50", NULL, 0, 0));
    CHECK_OK(inv_ledger_place_order(l, "PO-1", 0, NULL, NULL));
    CHECK_OK(receive1(l, "PO-1", "R1", 2, "30", NULL, DAY, NULL, NULL));
    CHECK_REFUSED(l, receive1(l, "PO-1", "R2", 2, "25.5", NULL, DAY, NULL, NULL),
                  INV_OVER_RECEIPT);
    CHECK_OK(receive1(l, "PO-1", "R2", 2, "25", NULL, DAY, NULL, &o));
    CHECK(o.status == INV_ORDER_STATUS_RECEIVED);
    inv_ledger_free(l);

    /* Accept all (the tolerance is not read with this policy). */
    cfg.over_receipt = INV_OVER_RECEIPT_ACCEPT;
    cfg.over_receipt_tolerance = "not read";
    l = ledger_with(&cfg);
    CHECK_OK(create1(l, "PO-1", 2, "PLATE", "50", NULL, 0, 0));
    CHECK_OK(inv_ledger_place_order(l, "PO-1", 0, NULL, NULL));
    CHECK_OK(receive1(l, "PO-1", "R1", 2, "80", NULL, DAY, NULL, NULL));
    CHECK_OK(receive1(l, "PO-1", "R2", 2, "1", NULL, DAY, NULL, NULL));
    CHECK_OK(inv_ledger_position(l, "PLATE", NULL, &p));
    CHECK_STR(p.on_hand, "81");
    inv_ledger_free(l);

    /* A tolerance with no value is 0; bad ones are refused with the configuration. */
    l = (inv_ledger *)&cfg; /* sentinel: untouched on failure */
    cfg.over_receipt = INV_OVER_RECEIPT_TOLERANCE;
    cfg.over_receipt_tolerance = "-1";
    CHECK_RC(inv_ledger_new_with_config(&cfg, &l), INV_INVALID_INPUT);
    cfg.over_receipt_tolerance = "ten";
    CHECK_RC(inv_ledger_new_with_config(&cfg, &l), INV_INVALID_DECIMAL);
    cfg.over_receipt = 3;
    CHECK_RC(inv_ledger_new_with_config(&cfg, &l), INV_INVALID_ENUM);
    CHECK(l == (inv_ledger *)&cfg);
    cfg.over_receipt = INV_OVER_RECEIPT_TOLERANCE;
    cfg.over_receipt_tolerance = NULL;
    l = ledger_with(&cfg);
    CHECK_OK(create1(l, "PO-1", 2, "PLATE", "50", NULL, 0, 0));
    CHECK_OK(inv_ledger_place_order(l, "PO-1", 0, NULL, NULL));
    CHECK_REFUSED(l, receive1(l, "PO-1", "R1", 2, "50.5", NULL, DAY, NULL, NULL),
                  INV_OVER_RECEIPT);
    inv_ledger_free(l);
}

/* PO-1: 10 mugs at 4.00 (value 40) and 30 plates at 2.00 (value 60), received on day 1. */
static inv_ledger *landed_setup(void) {
    inv_ledger *l = ledger_with(NULL);
    inv_order_lines *lines = NULL;
    inv_receipt_lines *receipt = NULL;
    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "10", "4.00", 0));
    CHECK_OK(inv_order_lines_add(lines, 2, "PLATE", "WH", "30", NULL, 0));
    CHECK_OK(inv_ledger_create_order(l, "PO-1", "ACME", lines, 0, NULL, NULL));
    inv_order_lines_free(lines);
    CHECK_OK(inv_ledger_place_order(l, "PO-1", 0, NULL, NULL));
    CHECK_OK(inv_receipt_lines_new(&receipt));
    CHECK_OK(inv_receipt_lines_add(receipt, 1, "10", NULL, NULL, NULL));
    CHECK_OK(inv_receipt_lines_add(receipt, 2, "30", NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive_order(l, "PO-1", "R1", receipt, DAY, NULL, NULL));
    inv_receipt_lines_free(receipt);
    return l;
}

/* Charges 10.00 of freight to every receipt of PO-1 and checks the two parts' values. */
static void charge_case(inv_allocation allocation, const uint32_t *weight_lines,
                        const char *const *weights, size_t weight_count, const char *mugs,
                        const char *plates) {
    inv_ledger *l = landed_setup();
    inv_purchase_outcome o;
    inv_outcome m;
    CHECK_OK(inv_ledger_add_charge(l, "PO-1", "F1", INV_CHARGE_KIND_FREIGHT, "10.00", NULL, 0,
                                   allocation, weight_lines, weights, weight_count, 2 * DAY,
                                   NULL, &o));
    CHECK(o.movements == 2 && o.first_movement == 2);
    CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement, &m));
    CHECK_STR(m.moved_value, mugs);
    CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement + 1, &m));
    CHECK_STR(m.moved_value, plates);
    inv_ledger_free(l);
}

static void test_landed_costs(void) {
    const uint32_t weight_lines[] = {1, 2};
    const char *const weights[] = {"0.5", "1"};
    const char *const receipts[] = {"R1"};
    const char *const unknown[] = {"R404"};
    inv_ledger *l = NULL;
    inv_purchase_outcome o;
    inv_outcome m;
    inv_valuation *v = NULL;
    inv_valuation_info vi;
    inv_purchase_order *po = NULL;
    const char *id = NULL;
    char total[INV_DECIMAL_LEN];

    /* By units 10 : 30; by value 40 : 60; by weight (mugs 0.5 kg, plates 1 kg) 5 : 30,
     * i.e. 1.428... and 8.571...: rounded down 1.42 + 8.57 = 9.99, and the missing cent
     * goes to the larger remainder (0.0086 > 0.0014). */
    charge_case(INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, "2.50", "7.50");
    charge_case(INV_ALLOCATION_BY_VALUE, NULL, NULL, 0, "4.00", "6.00");
    charge_case(INV_ALLOCATION_BY_WEIGHT, weight_lines, weights, 2, "1.43", "8.57");

    /* With 6 of the 10 mugs sold before the freight invoice: of the mugs' 2.50, 4/10 stays
     * in stock (1.00) and 1.50 is a COGS true-up. */
    l = landed_setup();
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "6", DAY + 1, NULL, NULL, &m));
    CHECK_STR(m.cogs, "24.00");
    CHECK_OK(inv_ledger_add_charge(l, "PO-1", "F1", INV_CHARGE_KIND_FREIGHT, "10.00", receipts,
                                   1, INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 2 * DAY, NULL,
                                   &o));
    CHECK(o.status == INV_ORDER_STATUS_RECEIVED && o.movements == 2);
    CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement, &m));
    CHECK_STR(m.value, "1.00");
    CHECK_STR(m.cogs, "1.50");
    CHECK_OK(inv_ledger_valuation(l, "MUG", NULL, &v));
    CHECK_OK(inv_valuation_summary(v, &vi));
    CHECK_STR(vi.value, "17.00"); /* 4 x 4.00 + 1.00 */
    inv_valuation_free(v);
    /* Value + COGS = purchases (100) + charges (10): 84.50 in stock (17.00 + 67.50) and
     * 25.50 sold (24.00 + 1.50). */
    CHECK_OK(inv_ledger_total_value(l, total, sizeof total));
    CHECK_STR(total, "84.50");
    CHECK_OK(inv_ledger_order(l, "PO-1", &po));
    CHECK_OK(inv_purchase_order_charge(po, 0, &id));
    CHECK_STR(id, "F1");
    inv_purchase_order_free(po);

    /* Charge ids are unique; receipts must be the order's; weights only by weight. */
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-1", "F1", INV_CHARGE_KIND_DUTY, "1", NULL, 0,
                                        INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 3 * DAY, NULL,
                                        NULL),
                  INV_DUPLICATE_ID);
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-1", "D1", INV_CHARGE_KIND_DUTY, "1", unknown, 1,
                                        INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 3 * DAY, NULL,
                                        NULL),
                  INV_UNKNOWN_RECEIPT);
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-1", "D1", INV_CHARGE_KIND_DUTY, "1", NULL, 0,
                                        INV_ALLOCATION_BY_VALUE, weight_lines, weights, 2,
                                        3 * DAY, NULL, NULL),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-1", "D1", INV_CHARGE_KIND_DUTY, "1.005", NULL, 0,
                                        INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 3 * DAY, NULL,
                                        NULL),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-1", "D1", 9, "1", NULL, 0,
                                        INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 3 * DAY, NULL,
                                        NULL),
                  INV_INVALID_ENUM);
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-1", "D1", INV_CHARGE_KIND_DUTY, "1", NULL, 0, 9,
                                        NULL, NULL, 0, 3 * DAY, NULL, NULL),
                  INV_INVALID_ENUM);
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-1", "D1", INV_CHARGE_KIND_DUTY, "1", NULL, 1,
                                        INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 3 * DAY, NULL,
                                        NULL),
                  INV_NULL_ARGUMENT);
    /* A charge before any receipt is refused. */
    CHECK_OK(create1(l, "PO-2", 1, "MUG", "5", NULL, 0, 3 * DAY));
    CHECK_OK(inv_ledger_place_order(l, "PO-2", 3 * DAY, NULL, NULL));
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-2", "F2", INV_CHARGE_KIND_DUTY, "1", NULL, 0,
                                        INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 3 * DAY, NULL,
                                        NULL),
                  INV_INVALID_ORDER_STATE);
    inv_ledger_free(l);
}

static void test_receive_into_and_landed_cost_movement(void) {
    inv_ledger *l = NULL;
    inv_outcome receipt;
    inv_outcome ship;
    inv_outcome m;
    inv_position p;
    CHECK_OK(inv_ledger_new(&l));
    /* 5 units into quarantine: counted and valued, not on hand. */
    CHECK_OK(inv_ledger_receive_into(l, "TEA", "WH", "5", "2.00", INV_CONDITION_QUARANTINE, 0,
                                     "PO-X", NULL, &m));
    CHECK_STR(m.value, "10.00");
    CHECK_OK(inv_ledger_position(l, "TEA", "WH", &p));
    CHECK_STR(p.quarantine, "5");
    CHECK_STR(p.on_hand, "0");
    CHECK_REFUSED(l,
                  inv_ledger_receive_into(l, "TEA", "WH", "5", "2.00", 9, 1, NULL, NULL, NULL),
                  INV_INVALID_ENUM);

    /* 10 sellable at 2.00, 5 shipped; a landed cost of 1.00 on that receipt: half stays in
     * stock (0.50), half is a COGS true-up (0.50). */
    CHECK_OK(inv_ledger_receive(l, "TEA", "WH", "10", "2.00", 1, NULL, NULL, &receipt));
    CHECK_OK(inv_ledger_ship(l, "TEA", "WH", "5", 2, NULL, NULL, &ship));
    CHECK_OK(inv_ledger_landed_cost(l, "TEA", receipt.sequence, "1.00", 3, "LC-1", &m));
    CHECK_STR(m.value, "0.50");
    CHECK_STR(m.cogs, "0.50");
    /* The same reference again: the first outcome. */
    CHECK_OK(inv_ledger_landed_cost(l, "TEA", receipt.sequence, "1.00", 3, "LC-1", &m));
    CHECK(m.duplicate);
    /* A shipment is not a receipt. */
    CHECK_REFUSED(l, inv_ledger_landed_cost(l, "TEA", ship.sequence, "1.00", 4, NULL, &m),
                  INV_UNKNOWN_RECEIPT);
    CHECK_REFUSED(l, inv_ledger_landed_cost(l, "TEA", 999, "1.00", 4, NULL, &m),
                  INV_UNKNOWN_RECEIPT);
    CHECK_REFUSED(l, inv_ledger_landed_cost(l, "TEA", receipt.sequence, "x", 4, NULL, &m),
                  INV_INVALID_DECIMAL);
    inv_ledger_free(l);
}

static void test_supplier_performance_and_lead_time(void) {
    inv_ledger *l = ledger_with(NULL);
    inv_supplier_performance perf;
    inv_lead_time lt;
    char po[16];
    char rc[16];
    /* Five orders placed on day 0, expected day 12, received on days 10, 12, 14, 12, 12:
     * lead times 10, 12, 14, 12, 12, mean 12, sample sd sqrt(8/4) = sqrt(2); on time 4 of
     * 5. Order 4 receives 9 sellable and 1 damaged mug of 10. Receipts are posted in day
     * order (a SKU's stock movements are in time order). */
    const int order_of[5] = {0, 1, 3, 4, 2};
    const int64_t day_of[5] = {10, 12, 12, 12, 14};
    int i;
    for (i = 0; i < 5; i++) {
        snprintf(po, sizeof po, "PO-%d", i);
        CHECK_OK(create1(l, po, 1, "MUG", "10", NULL, 12 * DAY, 0));
        CHECK_OK(inv_ledger_place_order(l, po, 0, NULL, NULL));
    }
    for (i = 0; i < 5; i++) {
        int k = order_of[i];
        snprintf(po, sizeof po, "PO-%d", k);
        snprintf(rc, sizeof rc, "R-%d", k);
        CHECK_OK(receive1(l, po, rc, 1, k == 4 ? "9" : "10", k == 4 ? "1" : NULL,
                          day_of[i] * DAY, NULL, NULL));
    }
    CHECK_OK(inv_ledger_supplier_performance(l, "ACME", "MUG", &perf));
    CHECK(perf.orders == 5 && perf.receipt_lines == 5);
    CHECK(perf.has_lead_time_mean_days && perf.has_lead_time_std_days);
    CHECK_NEAR(perf.lead_time_mean_days, 12.0, 1e-12);
    CHECK_NEAR(perf.lead_time_std_days, sqrt(2.0), 1e-12);
    CHECK(perf.has_on_time_rate && perf.has_fill_rate && perf.has_damage_rate);
    CHECK_NEAR(perf.on_time_rate, 0.8, 1e-15);
    CHECK_NEAR(perf.fill_rate, 1.0, 1e-15);
    CHECK_NEAR(perf.damage_rate, 1.0 / 50.0, 1e-15);
    /* PLATE was never ordered: no figures. */
    CHECK_OK(inv_ledger_supplier_performance(l, "ACME", "PLATE", &perf));
    CHECK(perf.orders == 0 && perf.receipt_lines == 0);
    CHECK(!perf.has_lead_time_mean_days && !perf.has_on_time_rate && !perf.has_fill_rate);

    /* Five samples: measured. Plates have no history: the quote. */
    CHECK_OK(inv_ledger_lead_time(l, "ACME", "MUG", &lt));
    CHECK(lt.source == INV_LEAD_TIME_SOURCE_MEASURED && lt.samples == 5);
    CHECK_NEAR(lt.mean_days, 12.0, 1e-12);
    CHECK_NEAR(lt.std_days, sqrt(2.0), 1e-12);
    CHECK_OK(inv_ledger_lead_time(l, "ACME", "PLATE", &lt));
    CHECK(lt.source == INV_LEAD_TIME_SOURCE_QUOTED && lt.samples == 0);
    CHECK(lt.mean_days == 12.0 && lt.std_days == 0.0);
    CHECK_RC(inv_ledger_lead_time(l, "ACME", "BOWL", &lt), INV_UNKNOWN_SUPPLIER);
    CHECK_RC(inv_ledger_lead_time(l, "NOBODY", "MUG", &lt), INV_UNKNOWN_SUPPLIER);
    CHECK_RC(inv_ledger_supplier_performance(l, "NOBODY", NULL, &perf), INV_UNKNOWN_SUPPLIER);
    inv_ledger_free(l);
}

/* Row `index` of the ledger's payment schedule into `*out` (its strings, owned by the
 * freed handle, are set to NULL); returns the number of rows. */
static size_t schedule(const inv_ledger *l, size_t index, inv_payment_due *out) {
    inv_payment_schedule *s = NULL;
    size_t n;
    CHECK_OK(inv_ledger_payment_schedule(l, &s));
    n = inv_payment_schedule_len(s);
    if (index < n) {
        CHECK_OK(inv_payment_schedule_get(s, index, out));
    }
    inv_payment_schedule_free(s);
    out->supplier = out->order = out->document = NULL;
    return n;
}

static void test_payment_schedule(void) {
    /* 2/10 net 30. Day 1: 100 mugs placed at 3.60 (360.00) and 50 plates at 2.00 (100.00). */
    inv_ledger *l = placed();
    inv_payment_schedule *s = NULL;
    inv_payment_due due;
    inv_cash_out *cash = NULL;
    inv_cash_out_bucket bucket;
    inv_purchase_order *po = NULL;
    inv_purchase_order_info info;

    /* Before anything arrives, all of it is expected, due 30 days after day 12. */
    CHECK_OK(inv_ledger_payment_schedule(l, &s));
    CHECK(inv_payment_schedule_len(s) == 2);
    CHECK_OK(inv_payment_schedule_get(s, 0, &due));
    CHECK_STR(due.supplier, "ACME");
    CHECK_STR(due.order, "PO-1");
    CHECK_STR(due.document, "1");
    CHECK(due.kind == INV_PAYMENT_KIND_EXPECTED && due.issued == 12 * DAY && due.due == 42 * DAY);
    CHECK_STR(due.amount, "360.00");
    CHECK(due.has_discount_until && due.discount_until == 22 * DAY);
    CHECK_STR(due.discount, "7.20");
    CHECK_OK(inv_payment_schedule_get(s, 1, &due));
    CHECK_STR(due.document, "2");
    CHECK_STR(due.amount, "100.00");
    CHECK_RC(inv_payment_schedule_get(s, 2, &due), INV_INDEX_OUT_OF_RANGE);
    inv_payment_schedule_free(s);

    /* Day 12: the mugs arrive: 360.00 committed, due day 42, discount 7.20 until day 22
     * (second: the plates, due the same day, sort first by document, "2" < "R1"). */
    CHECK_OK(receive1(l, "PO-1", "R1", 1, "100", NULL, 12 * DAY, NULL, NULL));
    CHECK(schedule(l, 1, &due) == 2);
    CHECK(due.kind == INV_PAYMENT_KIND_COMMITTED && due.due == 42 * DAY);
    CHECK_STR(due.amount, "360.00");
    CHECK(due.discount_until == 22 * DAY);
    CHECK_STR(due.discount, "7.20");

    /* Day 20: paying 352.80 (360 - 2 %) settles it in full: only the plates are left. */
    CHECK_OK(inv_ledger_record_payment(l, "PO-1", "PAY-1", "352.80", 20 * DAY, NULL, NULL));
    CHECK(schedule(l, 0, &due) == 1);
    CHECK(due.kind == INV_PAYMENT_KIND_EXPECTED);
    CHECK_STR(due.amount, "100.00");
    /* Freight of 30.00 on day 21, owed by day 51 without discount. */
    CHECK_OK(inv_ledger_add_charge(l, "PO-1", "F1", INV_CHARGE_KIND_FREIGHT, "30.00", NULL, 0,
                                   INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, 21 * DAY, NULL,
                                   NULL));
    CHECK(schedule(l, 1, &due) == 2);
    CHECK(due.kind == INV_PAYMENT_KIND_COMMITTED && due.due == 51 * DAY);
    CHECK_STR(due.amount, "30.00");
    CHECK_STR(due.discount, "0");
    CHECK(!due.has_discount_until);
    /* Day 25: 50.00 settles the freight and leaves 20.00 of credit, which reduces the
     * plates still expected (100.00) to 80.00. */
    CHECK_OK(inv_ledger_record_payment(l, "PO-1", "PAY-2", "50.00", 25 * DAY, NULL, NULL));
    CHECK(schedule(l, 0, &due) == 1);
    CHECK(due.kind == INV_PAYMENT_KIND_EXPECTED);
    CHECK_STR(due.amount, "80.00");
    /* Day 30: the plates arrive (100.00); the credit settles 20.00 of it at once: 80.00
     * committed, due day 60, and paying it by day 40 takes 2 % of it (1.60). */
    CHECK_OK(receive1(l, "PO-1", "R2", 2, "50", NULL, 30 * DAY, NULL, NULL));
    CHECK(schedule(l, 0, &due) == 1);
    CHECK(due.kind == INV_PAYMENT_KIND_COMMITTED && due.due == 60 * DAY);
    CHECK_STR(due.amount, "80.00");
    CHECK_STR(due.discount, "1.60");
    /* A partial payment after the discount date reduces it. */
    CHECK_OK(inv_ledger_record_payment(l, "PO-1", "PAY-3", "30.00", 45 * DAY, NULL, NULL));
    CHECK(schedule(l, 0, &due) == 1);
    CHECK_STR(due.amount, "50.00");
    /* Cash out: day 60 (a Monday) holds it, by day and by week. */
    CHECK_OK(inv_ledger_cash_out(l, INV_PERIOD_WEEK, &cash));
    CHECK(inv_cash_out_len(cash) == 1);
    CHECK_OK(inv_cash_out_get(cash, 0, &bucket));
    CHECK(bucket.start == 60 * DAY);
    CHECK_STR(bucket.committed, "50.00");
    CHECK_STR(bucket.expected, "0");
    CHECK_RC(inv_cash_out_get(cash, 1, &bucket), INV_INDEX_OUT_OF_RANGE);
    inv_cash_out_free(cash);
    CHECK_OK(inv_ledger_cash_out(l, INV_PERIOD_DAY, &cash));
    CHECK(inv_cash_out_len(cash) == 1);
    inv_cash_out_free(cash);
    CHECK_RC(inv_ledger_cash_out(l, 5, &cash), INV_INVALID_ENUM);
    /* 352.80 + 50.00 + 30.00 paid. */
    CHECK_OK(inv_ledger_order(l, "PO-1", &po));
    CHECK_OK(inv_purchase_order_summary(po, &info));
    CHECK_STR(info.paid, "432.80");
    CHECK(info.charge_count == 1);
    inv_purchase_order_free(po);

    /* Payments on drafts are refused; payment ids are unique. */
    CHECK_OK(create1(l, "PO-2", 1, "MUG", "1", NULL, 0, 45 * DAY));
    CHECK_REFUSED(l, inv_ledger_record_payment(l, "PO-2", "P", "1", 45 * DAY, NULL, NULL),
                  INV_INVALID_ORDER_STATE);
    CHECK_REFUSED(l, inv_ledger_record_payment(l, "PO-1", "PAY-1", "1", 45 * DAY, NULL, NULL),
                  INV_DUPLICATE_ID);
    inv_ledger_free(l);
}

static void test_idempotency_and_json(void) {
    inv_ledger *l = placed();
    inv_purchase_outcome first;
    inv_purchase_outcome again;
    char *before;
    char *after;
    char *records = NULL;
    /* The same receipt as JSON: 5 days = 432000 s. */
    const char *same =
        "{\"time\":432000,\"reference\":\"GRN-R1\",\"event\":\"receive_order\","
        "\"order\":\"PO-1\",\"receipt\":\"R1\",\"lines\":[{\"line\":1,\"sellable\":\"10\"}]}";

    CHECK_OK(receive1(l, "PO-1", "R1", 1, "10", NULL, 5 * DAY, "GRN-R1", &first));
    CHECK(!first.duplicate && first.movements == 1);
    before = snapshot(l);
    CHECK_OK(receive1(l, "PO-1", "R1", 1, "10", NULL, 5 * DAY, "GRN-R1", &again));
    CHECK(again.duplicate);
    CHECK(again.sequence == first.sequence && again.movements == first.movements);
    CHECK(again.first_movement == first.first_movement);
    CHECK(again.has_status && again.status == INV_ORDER_STATUS_PARTIALLY_RECEIVED);
    CHECK_OK(inv_ledger_purchase_json(l, same, &again));
    CHECK(again.duplicate && again.sequence == first.sequence);
    after = snapshot(l);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    inv_string_free(before);
    inv_string_free(after);
    /* The same reference with another payload. */
    CHECK_REFUSED(l, receive1(l, "PO-1", "R1", 1, "11", NULL, 5 * DAY, "GRN-R1", NULL),
                  INV_DUPLICATE_REFERENCE);

    /* Any event as JSON; the journal of events as JSON. */
    CHECK_OK(inv_ledger_purchase_json(
        l, "{\"time\":518400,\"event\":\"close_short\",\"order\":\"PO-1\",\"line\":2}", &again));
    CHECK(!again.duplicate && again.movements == 0);
    CHECK(again.status == INV_ORDER_STATUS_PARTIALLY_RECEIVED);
    CHECK_REFUSED(l, inv_ledger_purchase_json(l, "{\"time\":0,\"event\":\"fly\"}", NULL),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l, inv_ledger_purchase_json(l, "not json", NULL), INV_INVALID_INPUT);
    CHECK_OK(inv_ledger_purchase_records_json(l, &records));
    CHECK(records != NULL && strstr(records, "\"event\":\"receive_order\"") != NULL);
    CHECK(strstr(records, "\"reference\":\"GRN-R1\"") != NULL);
    CHECK(strstr(records, "\"event\":\"close_short\"") != NULL);
    inv_string_free(records);

    /* A snapshot keeps the events: a ledger read back refuses the reference's reuse too. */
    before = snapshot(l);
    {
        inv_ledger *back = NULL;
        CHECK_OK(inv_ledger_from_json(before, &back));
        CHECK_OK(receive1(back, "PO-1", "R1", 1, "10", NULL, 5 * DAY, "GRN-R1", &again));
        CHECK(again.duplicate);
        inv_ledger_free(back);
    }
    inv_string_free(before);
    inv_ledger_free(l);
}

/* Every purchasing error code, each leaving the ledger exactly as it was. */
static void test_errors_change_nothing(void) {
    inv_ledger *l = placed();
    inv_order_lines *lines = NULL;
    inv_line_changes *changes = NULL;
    const uint32_t line7 = 7;
    int64_t t = 6 * DAY;

    CHECK_OK(receive1(l, "PO-1", "R1", 1, "40", NULL, 5 * DAY, NULL, NULL));
    CHECK_OK(create1(l, "PO-9", 1, "MUG", "1", NULL, 0, t)); /* a draft */
    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_order_lines_add(lines, 1, "MUG", "WH", "1", NULL, 0));
    CHECK_REFUSED(l, inv_ledger_create_order(l, "PO-8", "NOBODY", lines, t, NULL, NULL),
                  INV_UNKNOWN_SUPPLIER);
    CHECK_REFUSED(l, inv_ledger_create_order(l, "PO-1", "ACME", lines, t, NULL, NULL),
                  INV_DUPLICATE_ID);
    CHECK_OK(inv_order_lines_add(lines, 1, "PLATE", "WH", "1", NULL, 0));
    CHECK_REFUSED(l, inv_ledger_create_order(l, "PO-8", "ACME", lines, t, NULL, NULL),
                  INV_DUPLICATE_ID); /* line 1 twice */
    inv_order_lines_free(lines);
    CHECK_REFUSED(l, create1(l, "PO-8", 1, "BOWL", "1", NULL, 0, t), INV_UNKNOWN_SUPPLIER);
    CHECK_REFUSED(l, create1(l, "PO-8", 1, "MUG", "0", NULL, 0, t), INV_INVALID_INPUT);
    CHECK_REFUSED(l, create1(l, "PO-8", 1, "MUG", "-3", NULL, 0, t), INV_INVALID_INPUT);
    CHECK_REFUSED(l, create1(l, "", 1, "MUG", "1", NULL, 0, t), INV_INVALID_INPUT);
    CHECK_REFUSED(l, receive1(l, "PO-404", "R9", 1, "1", NULL, t, NULL, NULL),
                  INV_UNKNOWN_ORDER);
    CHECK_REFUSED(l, receive1(l, "PO-1", "R9", 7, "1", NULL, t, NULL, NULL),
                  INV_UNKNOWN_ORDER_LINE);
    CHECK_REFUSED(l, inv_ledger_cancel_order(l, "PO-1", &line7, t, NULL, NULL),
                  INV_UNKNOWN_ORDER_LINE);
    CHECK_REFUSED(l, receive1(l, "PO-1", "R1", 1, "1", NULL, t, NULL, NULL), INV_DUPLICATE_ID);
    CHECK_REFUSED(l, receive1(l, "PO-1", "R9", 1, "0", NULL, t, NULL, NULL), INV_INVALID_INPUT);
    CHECK_REFUSED(l, receive1(l, "PO-1", "R9", 1, "1", "-1", t, NULL, NULL), INV_INVALID_INPUT);
    CHECK_REFUSED(l, receive1(l, "PO-1", "R9", 2, "51", NULL, t, NULL, NULL), INV_OVER_RECEIPT);
    /* Dated before the order's latest event (the receipt on day 5). */
    CHECK_REFUSED(l, receive1(l, "PO-1", "R9", 1, "1", NULL, 4 * DAY, NULL, NULL),
                  INV_OUT_OF_ORDER);
    CHECK_REFUSED(l, inv_ledger_place_order(l, "PO-1", t, NULL, NULL), INV_INVALID_ORDER_STATE);
    CHECK_REFUSED(l, receive1(l, "PO-9", "R9", 1, "1", NULL, t, NULL, NULL),
                  INV_INVALID_ORDER_STATE); /* a draft */
    CHECK_REFUSED(l,
                  inv_ledger_add_order_line(l, "PO-1", 2, "MUG", "WH", "5", NULL, 0, t, NULL,
                                            NULL),
                  INV_DUPLICATE_ID);
    CHECK_REFUSED(l,
                  inv_ledger_add_charge(l, "PO-9", "F1", INV_CHARGE_KIND_FREIGHT, "1", NULL, 0,
                                        INV_ALLOCATION_BY_QUANTITY, NULL, NULL, 0, t, NULL, NULL),
                  INV_INVALID_ORDER_STATE); /* nothing received on a draft */
    /* A confirmation does not change prices. */
    CHECK_OK(inv_line_changes_new(&changes));
    CHECK_OK(inv_line_changes_add(changes, 1, NULL, NULL, "1"));
    CHECK_REFUSED(l, inv_ledger_confirm_order(l, "PO-1", changes, t, NULL, NULL),
                  INV_INVALID_INPUT);
    inv_line_changes_free(changes);
    CHECK_RC(inv_line_changes_add(NULL, 1, NULL, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_REFUSED(l, inv_ledger_record_payment(l, "PO-1", "P1", "0", t, NULL, NULL),
                  INV_INVALID_INPUT);
    inv_ledger_free(l);
}

static void test_null_arguments(void) {
    inv_ledger *l = placed();
    inv_supplier *s = acme();
    inv_order_lines *lines = NULL;
    inv_receipt_lines *receipt = NULL;
    inv_purchase_outcome o;
    inv_purchase_order *po = NULL;
    inv_purchase_order_info info;
    inv_order_line line;
    inv_incoming *in = NULL;
    inv_receiving_report *report = NULL;
    inv_overdue_lines *late = NULL;
    inv_payment_schedule *schedule_h = NULL;
    inv_cash_out *cash = NULL;
    inv_supplier_performance perf;
    inv_lead_time lt;
    inv_outcome m;
    const char *id = NULL;
    char *json = NULL;
    char *before = snapshot(l);
    char *after;

    CHECK_OK(inv_order_lines_new(&lines));
    CHECK_OK(inv_receipt_lines_new(&receipt));
    /* Builders. */
    CHECK_RC(inv_supplier_new(NULL, "n", 0, NULL, 0, &s), INV_NULL_ARGUMENT);
    CHECK_RC(inv_supplier_new("id", NULL, 0, NULL, 0, &s), INV_NULL_ARGUMENT);
    CHECK_RC(inv_supplier_new("id", "n", 0, NULL, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_supplier_add_item(NULL, "A", NULL, 0, NULL, NULL, 1, 0, false),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_supplier_add_item(s, NULL, NULL, 0, NULL, NULL, 1, 0, false), INV_NULL_ARGUMENT);
    CHECK_RC(inv_supplier_add_price_break(NULL, "MUG", "0", "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_supplier_add_price_break(s, "MUG", NULL, "1"), INV_NULL_ARGUMENT);
    CHECK_RC(inv_supplier_add_price_break(s, "MUG", "0", NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_order_lines_new(NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_order_lines_add(NULL, 1, "MUG", "WH", "1", NULL, 0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_order_lines_add(lines, 1, NULL, "WH", "1", NULL, 0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_order_lines_add(lines, 1, "MUG", NULL, "1", NULL, 0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_order_lines_add(lines, 1, "MUG", "WH", NULL, NULL, 0), INV_NULL_ARGUMENT);
    CHECK_RC(inv_order_lines_add(lines, 1, "MUG", "WH", "1e2", NULL, 0), INV_INVALID_DECIMAL);
    CHECK_RC(inv_line_changes_new(NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_receipt_lines_new(NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_receipt_lines_add(NULL, 1, "1", NULL, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_receipt_lines_add(receipt, 1, NULL, NULL, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_receipt_lines_add(receipt, 1, "1", "x", NULL, NULL), INV_INVALID_DECIMAL);

    /* Posting. */
    CHECK_RC(inv_ledger_set_supplier(NULL, s, 0, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_set_supplier(l, NULL, 0, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_create_order(NULL, "PO-2", "ACME", lines, 0, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_create_order(l, NULL, "ACME", lines, 0, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_create_order(l, "PO-2", NULL, lines, 0, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_create_order(l, "PO-2", "ACME", NULL, 0, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_add_order_line(l, NULL, 3, "MUG", "WH", "1", NULL, 0, DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_add_order_line(l, "PO-1", 3, NULL, "WH", "1", NULL, 0, DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_amend_order_line(NULL, "PO-1", 1, "1", NULL, NULL, DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_amend_order_line(l, NULL, 1, "1", NULL, NULL, DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_place_order(NULL, "PO-1", DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_place_order(l, NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_confirm_order(NULL, "PO-1", NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_confirm_order(l, NULL, NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receive_order(NULL, "PO-1", "R", receipt, DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receive_order(l, NULL, "R", receipt, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receive_order(l, "PO-1", NULL, receipt, DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receive_order(l, "PO-1", "R", NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_cancel_order(NULL, "PO-1", NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_cancel_order(l, NULL, NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_close_order_short(NULL, "PO-1", NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_close_order_short(l, NULL, NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_add_charge(NULL, "PO-1", "F", 0, "1", NULL, 0, 0, NULL, NULL, 0, DAY,
                                   NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_add_charge(l, NULL, "F", 0, "1", NULL, 0, 0, NULL, NULL, 0, DAY, NULL,
                                   &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_add_charge(l, "PO-1", NULL, 0, "1", NULL, 0, 0, NULL, NULL, 0, DAY,
                                   NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_add_charge(l, "PO-1", "F", 0, NULL, NULL, 0, 0, NULL, NULL, 0, DAY,
                                   NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_add_charge(l, "PO-1", "F", 0, "1", NULL, 0, INV_ALLOCATION_BY_WEIGHT,
                                   NULL, NULL, 2, DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_record_payment(NULL, "PO-1", "P", "1", DAY, NULL, &o),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_record_payment(l, "PO-1", NULL, "1", DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_record_payment(l, "PO-1", "P", NULL, DAY, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_purchase_json(NULL, "{}", &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_purchase_json(l, NULL, &o), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_purchase_records_json(NULL, &json), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_purchase_records_json(l, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receive_into(l, NULL, "WH", "1", "1", 0, DAY, NULL, NULL, NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_landed_cost(NULL, "MUG", 0, "1", DAY, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_landed_cost(l, NULL, 0, "1", DAY, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_landed_cost(l, "MUG", 0, NULL, DAY, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_journal_outcome(NULL, 0, &m), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_journal_outcome(l, 0, NULL), INV_NULL_ARGUMENT);

    /* Queries. */
    CHECK_RC(inv_ledger_order(NULL, "PO-1", &po), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_order(l, NULL, &po), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_order(l, "PO-1", NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_order(l, "PO-404", &po), INV_UNKNOWN_ORDER);
    CHECK(po == NULL);
    CHECK_RC(inv_purchase_order_summary(NULL, &info), INV_NULL_ARGUMENT);
    CHECK_RC(inv_purchase_order_line(NULL, 0, &line), INV_NULL_ARGUMENT);
    CHECK_RC(inv_purchase_order_receipt(NULL, 0, &id), INV_NULL_ARGUMENT);
    CHECK_RC(inv_purchase_order_charge(NULL, 0, &id), INV_NULL_ARGUMENT);
    CHECK_OK(inv_ledger_order(l, "PO-1", &po));
    CHECK_RC(inv_purchase_order_summary(po, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_purchase_order_line(po, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_purchase_order_receipt(po, 0, NULL), INV_NULL_ARGUMENT);
    inv_purchase_order_free(po);
    CHECK_RC(inv_ledger_incoming(NULL, NULL, NULL, &in), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_incoming(l, NULL, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_incoming_schedule(NULL, INV_PERIOD_DAY, NULL, NULL, &in),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_incoming_schedule(l, INV_PERIOD_DAY, NULL, NULL, NULL),
             INV_NULL_ARGUMENT);
    CHECK_RC(inv_incoming_get(NULL, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receiving_report(NULL, "PO-1", &report), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receiving_report(l, NULL, &report), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receiving_report(l, "PO-1", NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_receiving_report(l, "PO-404", &report), INV_UNKNOWN_ORDER);
    CHECK_RC(inv_receiving_report_summary(NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_receiving_report_line(NULL, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_receiving_report_total(NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_overdue_lines(NULL, 0, &late), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_overdue_lines(l, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_overdue_lines_get(NULL, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_supplier_performance(NULL, "ACME", NULL, &perf), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_supplier_performance(l, NULL, NULL, &perf), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_supplier_performance(l, "ACME", NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_lead_time(NULL, "ACME", "MUG", &lt), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_lead_time(l, "ACME", NULL, &lt), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_lead_time(l, "ACME", "MUG", NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_payment_schedule(NULL, &schedule_h), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_payment_schedule(l, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_payment_schedule_get(NULL, 0, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_cash_out(NULL, INV_PERIOD_DAY, &cash), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_cash_out(l, INV_PERIOD_DAY, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_cash_out_get(NULL, 0, NULL), INV_NULL_ARGUMENT);
    CHECK(inv_incoming_len(NULL) == 0 && inv_overdue_lines_len(NULL) == 0);
    CHECK(inv_payment_schedule_len(NULL) == 0 && inv_cash_out_len(NULL) == 0);
    CHECK(in == NULL && report == NULL && late == NULL && schedule_h == NULL && cash == NULL);
    CHECK(json == NULL);

    /* Nothing changed. */
    after = snapshot(l);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    inv_string_free(before);
    inv_string_free(after);

    /* Every _free accepts NULL. */
    inv_supplier_free(NULL);
    inv_order_lines_free(NULL);
    inv_line_changes_free(NULL);
    inv_receipt_lines_free(NULL);
    inv_purchase_order_free(NULL);
    inv_incoming_free(NULL);
    inv_receiving_report_free(NULL);
    inv_overdue_lines_free(NULL);
    inv_payment_schedule_free(NULL);
    inv_cash_out_free(NULL);

    inv_supplier_free(s);
    inv_order_lines_free(lines);
    inv_receipt_lines_free(receipt);
    inv_ledger_free(l);
}

/* Order ids, supplier ids (the preferred supplier of a SKU first) and a supplier's JSON. */
static void test_lists(void) {
    inv_ledger *l = placed();
    inv_supplier *beta = NULL;
    inv_names *names = NULL;
    const char *name = NULL;
    char *json = NULL;
    CHECK_OK(inv_supplier_new("BETA", "Beta", 14, NULL, 0, &beta));
    CHECK_OK(inv_supplier_add_item(beta, "MUG", NULL, INV_DISCOUNT_ALL_UNITS, NULL, NULL, 5.0,
                                   0.0, true));
    CHECK_OK(inv_supplier_add_price_break(beta, "MUG", "0", "3.90"));
    CHECK_OK(inv_ledger_set_supplier(l, beta, DAY, NULL, NULL));
    inv_supplier_free(beta);
    CHECK_OK(create1(l, "PO-2", 1, "PLATE", "5", NULL, 12 * DAY, DAY));

    CHECK_OK(inv_ledger_order_ids(l, &names));
    CHECK(inv_names_len(names) == 2);
    CHECK_OK(inv_names_get(names, 0, &name));
    CHECK_STR(name, "PO-1");
    CHECK_OK(inv_names_get(names, 1, &name));
    CHECK_STR(name, "PO-2");
    CHECK_RC(inv_names_get(names, 2, &name), INV_INDEX_OUT_OF_RANGE);
    inv_names_free(names);

    CHECK_OK(inv_ledger_supplier_ids(l, &names));
    CHECK(inv_names_len(names) == 2);
    CHECK_OK(inv_names_get(names, 1, &name));
    CHECK_STR(name, "BETA");
    inv_names_free(names);

    /* BETA took the preference for MUG from ACME: it comes first. */
    CHECK_OK(inv_ledger_suppliers_of(l, "MUG", &names));
    CHECK(inv_names_len(names) == 2);
    CHECK_OK(inv_names_get(names, 0, &name));
    CHECK_STR(name, "BETA");
    inv_names_free(names);
    CHECK_OK(inv_ledger_suppliers_of(l, "BOWL", &names));
    CHECK(inv_names_len(names) == 0);
    inv_names_free(names);

    CHECK_OK(inv_ledger_supplier_json(l, "ACME", &json));
    CHECK(strstr(json, "\"supplier_sku\":\"AC-PL-1\"") != NULL);
    CHECK(strstr(json, "\"preferred\":false") != NULL);
    inv_string_free(json);
    json = NULL;
    CHECK_RC(inv_ledger_supplier_json(l, "NOBODY", &json), INV_UNKNOWN_SUPPLIER);
    CHECK(json == NULL);
    CHECK_RC(inv_ledger_order_ids(NULL, &names), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_order_ids(l, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_suppliers_of(l, NULL, &names), INV_NULL_ARGUMENT);
    CHECK_RC(inv_names_get(NULL, 0, &name), INV_NULL_ARGUMENT);
    CHECK(inv_names_len(NULL) == 0);
    inv_names_free(NULL);
    inv_ledger_free(l);
}

/* ----- dropship ----- */

/* ACME's ledger (default configuration when `cfg` is NULL) and WEAVERS, net 15, which
 * dropships RUG: 38.50 a rug, a minimum of 5 in packs of 5 (terms of stock orders), quoted
 * 4.5 days, preferred. */
static inv_ledger *dropship_ledger(const inv_ledger_config *cfg) {
    inv_ledger *l = ledger_with(cfg);
    inv_supplier *s = NULL;
    CHECK_OK(inv_supplier_new("WEAVERS", "Weavers", 15, NULL, 0, &s));
    CHECK_OK(inv_supplier_add_item(s, "RUG", NULL, INV_DISCOUNT_ALL_UNITS, "5", "5", 4.5, 0.0,
                                   true));
    CHECK_OK(inv_supplier_add_price_break(s, "RUG", "0", "38.50"));
    CHECK_OK(inv_ledger_set_supplier(l, s, 0, NULL, NULL));
    inv_supplier_free(s);
    return l;
}

/* A dropship sale of `quantity` RUG at DROPSHIP as order `order`, from the preferred
 * supplier at its price, delivered after its quoted lead time, at `time`. */
static inv_result dropship1(inv_ledger *l, const char *order, const char *quantity,
                            int64_t time, inv_purchase_outcome *out) {
    return inv_ledger_dropship(l, order, "RUG", "DROPSHIP", quantity, time, NULL, NULL, NULL,
                               NULL, NULL, out);
}

static void test_dropship_sale(void) {
    inv_ledger *l = dropship_ledger(NULL);
    inv_purchase_outcome o;
    inv_purchase_order *po = NULL;
    inv_purchase_order_info info;
    inv_order_line line;
    inv_incoming *incoming = NULL;
    inv_payment_schedule *schedule = NULL;
    inv_payment_due due;
    inv_overdue_lines *late = NULL;
    inv_overdue_line overdue;
    inv_position p;
    /* Day 2 plus the quoted 4.5 days: day 6 at noon. */
    const int64_t expected = 6 * DAY + DAY / 2;

    /* Day 2: a customer buys 3 rugs. The preferred supplier WEAVERS gets a placed one-line
     * order at 38.50 (3 is below its minimum of 5 and not a pack of 5: those are terms of
     * stock orders), with the customer's order id. */
    CHECK_OK(inv_ledger_dropship(l, "DS-1", "RUG", "DROPSHIP", "3", 2 * DAY, NULL, NULL, NULL,
                                 "WEB-7", NULL, &o));
    CHECK(o.has_status && o.status == INV_ORDER_STATUS_PLACED);
    CHECK(o.movements == 0 && !o.duplicate);
    CHECK(o.sequence == 2); /* events 0 and 1 set ACME and WEAVERS */
    CHECK_OK(inv_ledger_order(l, "DS-1", &po));
    CHECK_OK(inv_purchase_order_summary(po, &info));
    CHECK_STR(info.id, "DS-1");
    CHECK_STR(info.supplier, "WEAVERS");
    CHECK(info.dropship);
    CHECK(info.customer_order != NULL && strcmp(info.customer_order, "WEB-7") == 0);
    CHECK(info.status == INV_ORDER_STATUS_PLACED);
    CHECK(info.created_at == 2 * DAY && info.has_placed_at && info.placed_at == 2 * DAY);
    CHECK(info.net_days == 15 && !info.has_discount);
    CHECK(info.line_count == 1 && info.receipt_count == 0);
    CHECK_OK(inv_purchase_order_line(po, 0, &line));
    CHECK(line.line == 1);
    CHECK_STR(line.sku, "RUG");
    CHECK_STR(line.location, "DROPSHIP");
    CHECK_STR(line.quantity, "3");
    CHECK_STR(line.unit_price, "38.50");
    CHECK_STR(line.open, "3");
    CHECK(line.expected == expected);
    inv_purchase_order_free(po);

    /* Not incoming stock, in any view: the stock has not even heard of RUG. */
    CHECK_RC(inv_ledger_position(l, "RUG", NULL, &p), INV_UNKNOWN_SKU);
    CHECK_OK(inv_ledger_incoming(l, NULL, NULL, &incoming));
    CHECK(inv_incoming_len(incoming) == 0);
    inv_incoming_free(incoming);
    CHECK_OK(inv_ledger_incoming_schedule(l, INV_PERIOD_DAY, NULL, NULL, &incoming));
    CHECK(inv_incoming_len(incoming) == 0);
    inv_incoming_free(incoming);

    /* But owed: 3 x 38.50 = 115.50, expected on the delivery day, due 15 days later. */
    CHECK_OK(inv_ledger_payment_schedule(l, &schedule));
    CHECK(inv_payment_schedule_len(schedule) == 1);
    CHECK_OK(inv_payment_schedule_get(schedule, 0, &due));
    CHECK_STR(due.order, "DS-1");
    CHECK_STR(due.supplier, "WEAVERS");
    CHECK(due.kind == INV_PAYMENT_KIND_EXPECTED);
    CHECK_STR(due.amount, "115.50");
    CHECK(due.issued == expected && due.due == expected + 15 * DAY);
    inv_payment_schedule_free(schedule);

    /* And overdue once late: not on day 6, 2 whole days (day 6 to day 8) on day 8. */
    CHECK_OK(inv_ledger_overdue_lines(l, 6 * DAY, &late));
    CHECK(inv_overdue_lines_len(late) == 0);
    inv_overdue_lines_free(late);
    CHECK_OK(inv_ledger_overdue_lines(l, 8 * DAY, &late));
    CHECK(inv_overdue_lines_len(late) == 1);
    CHECK_OK(inv_overdue_lines_get(late, 0, &overdue));
    CHECK_STR(overdue.order, "DS-1");
    CHECK(overdue.days_late == 2);
    inv_overdue_lines_free(late);
    inv_ledger_free(l);
}

/* The supplier's delivery books the sale at the supplier's price under every method. */
static void test_dropship_delivery(void) {
    const inv_costing methods[3] = {INV_COSTING_FIFO, INV_COSTING_LIFO,
                                    INV_COSTING_MOVING_AVERAGE};
    size_t i;
    for (i = 0; i < 3; i++) {
        inv_ledger_config cfg = inv_ledger_config_default();
        inv_ledger *l;
        inv_purchase_outcome o;
        inv_purchase_order *po = NULL;
        inv_purchase_order_info info;
        inv_order_line line;
        inv_outcome m;
        inv_position p;
        char value[INV_DECIMAL_LEN];
        const int64_t expected = 5 * DAY;
        cfg.costing = methods[i];
        l = dropship_ledger(&cfg);

        /* Day 1: 3 rugs from WEAVERS, named, at an explicit price with a fraction of a
         * cent, delivered on day 5; no customer order id. */
        CHECK_OK(inv_ledger_dropship(l, "DS-1", "RUG", "DROPSHIP", "3", DAY, "WEAVERS",
                                     "12.345", &expected, NULL, NULL, &o));
        CHECK(o.status == INV_ORDER_STATUS_PLACED);
        CHECK_OK(inv_ledger_order(l, "DS-1", &po));
        CHECK_OK(inv_purchase_order_summary(po, &info));
        CHECK(info.dropship && info.customer_order == NULL);
        CHECK_OK(inv_purchase_order_line(po, 0, &line));
        CHECK_STR(line.unit_price, "12.345");
        CHECK(line.expected == 5 * DAY);
        inv_purchase_order_free(po);

        /* Day 6, 2 rugs: 2 x 12.345 = 24.69, received at that value and shipped on at once
         * out of the empty position, so the COGS is 24.69. */
        CHECK_OK(receive1(l, "DS-1", "DS-1-R1", 1, "2", NULL, 6 * DAY, NULL, &o));
        CHECK(o.movements == 2);
        CHECK(o.status == INV_ORDER_STATUS_PARTIALLY_RECEIVED);
        CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement, &m));
        CHECK_STR(m.quantity, "2");
        CHECK_STR(m.value, "24.69");
        CHECK_STR(m.cogs, "0");
        CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement + 1, &m));
        CHECK_STR(m.quantity, "-2");
        CHECK_STR(m.value, "-24.69");
        CHECK_STR(m.cogs, "24.69");

        /* Day 7, the last rug: 12.345 -> 12.35 (half away from zero), and the order is
         * received. */
        CHECK_OK(receive1(l, "DS-1", "DS-1-R2", 1, "1", NULL, 7 * DAY, NULL, &o));
        CHECK(o.movements == 2 && o.status == INV_ORDER_STATUS_RECEIVED);
        CHECK_OK(inv_ledger_journal_outcome(l, o.first_movement + 1, &m));
        CHECK_STR(m.cogs, "12.35");

        /* Nothing stays: the position is empty, nothing incoming, and the stock is worth
         * 24.69 + 12.35 received - 24.69 - 12.35 shipped = 0.00. */
        CHECK_OK(inv_ledger_position(l, "RUG", "DROPSHIP", &p));
        CHECK_STR(p.on_hand, "0");
        CHECK_STR(p.incoming, "0");
        CHECK_OK(inv_ledger_total_value(l, value, sizeof value));
        CHECK_STR(value, "0.00");
        inv_ledger_free(l);
    }
}

/* `call` must fail with `code`, with a message containing `text`, leaving the ledger's
 * snapshot exactly as it was. */
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

/* Every refusal is typed and leaves the ledger exactly as it was. */
static void test_dropship_refusals(void) {
    inv_ledger *l = dropship_ledger(NULL);
    inv_purchase_outcome first;
    inv_purchase_outcome again;
    const int64_t t = DAY;
    const int64_t too_late = INT64_MAX;
    const char *same =
        "{\"time\":86400,\"reference\":\"sale-WEB-1\",\"event\":\"dropship\",\"order\":\"DS-1\","
        "\"sale\":{\"sku\":\"RUG\",\"location\":\"DROPSHIP\",\"quantity\":\"1\","
        "\"customer_order\":\"WEB-1\"}}";

    /* No supplier sells LAMP; ACME does not sell RUG; NOBODY is no supplier. */
    CHECK_REFUSED_SAYING(l,
                         inv_ledger_dropship(l, "DS-X", "LAMP", "DROPSHIP", "1", t, NULL, NULL,
                                             NULL, NULL, NULL, NULL),
                         INV_UNKNOWN_SUPPLIER, "no supplier sells SKU \"LAMP\"");
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", "DROPSHIP", "1", t, "ACME", NULL, NULL,
                                      NULL, NULL, NULL),
                  INV_UNKNOWN_SUPPLIER);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", "DROPSHIP", "1", t, "NOBODY", NULL,
                                      NULL, NULL, NULL, NULL),
                  INV_UNKNOWN_SUPPLIER);
    /* Bad values. */
    CHECK_REFUSED(l, dropship1(l, "DS-X", "0", t, NULL), INV_INVALID_INPUT);
    CHECK_REFUSED(l, dropship1(l, "DS-X", "-1", t, NULL), INV_INVALID_INPUT);
    CHECK_REFUSED(l, dropship1(l, "", "1", t, NULL), INV_INVALID_INPUT);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", "", "1", t, NULL, NULL, NULL, NULL,
                                      NULL, NULL),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", "DROPSHIP", "1", t, NULL, "-1", NULL,
                                      NULL, NULL, NULL),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", "DROPSHIP", "1", t, NULL, NULL, NULL,
                                      "", NULL, NULL),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", "DROPSHIP", "1", t, NULL, NULL,
                                      &too_late, NULL, NULL, NULL),
                  INV_INVALID_INPUT);
    CHECK_REFUSED(l, dropship1(l, "DS-X", "1e3", t, NULL), INV_INVALID_DECIMAL);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", "DROPSHIP", "1", t, NULL, "x", NULL,
                                      NULL, NULL, NULL),
                  INV_INVALID_DECIMAL);
    CHECK_REFUSED(l, dropship1(l, NULL, "1", t, NULL), INV_NULL_ARGUMENT);
    CHECK_REFUSED(l, dropship1(l, "DS-X", NULL, t, NULL), INV_NULL_ARGUMENT);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", NULL, "DROPSHIP", "1", t, NULL, NULL, NULL,
                                      NULL, NULL, NULL),
                  INV_NULL_ARGUMENT);
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-X", "RUG", NULL, "1", t, NULL, NULL, NULL, NULL,
                                      NULL, NULL),
                  INV_NULL_ARGUMENT);
    CHECK_RC(dropship1(NULL, "DS-X", "1", t, NULL), INV_NULL_ARGUMENT);

    /* A sale with a reference: posted again, by the function or as the event's JSON, it is
     * a no-op that returns the first outcome. */
    CHECK_OK(inv_ledger_dropship(l, "DS-1", "RUG", "DROPSHIP", "1", t, NULL, NULL, NULL,
                                 "WEB-1", "sale-WEB-1", &first));
    CHECK(!first.duplicate && first.status == INV_ORDER_STATUS_PLACED);
    CHECK_OK(inv_ledger_dropship(l, "DS-1", "RUG", "DROPSHIP", "1", t, NULL, NULL, NULL,
                                 "WEB-1", "sale-WEB-1", &again));
    CHECK(again.duplicate && again.sequence == first.sequence);
    CHECK_OK(inv_ledger_purchase_json(l, same, &again));
    CHECK(again.duplicate && again.sequence == first.sequence);
    /* The same reference with another payload; the order id again. */
    CHECK_REFUSED(l,
                  inv_ledger_dropship(l, "DS-1", "RUG", "DROPSHIP", "2", t, NULL, NULL, NULL,
                                      "WEB-1", "sale-WEB-1", NULL),
                  INV_DUPLICATE_REFERENCE);
    CHECK_REFUSED(l, dropship1(l, "DS-1", "1", t, NULL), INV_DUPLICATE_ID);

    /* A delivery found damaged at the customer is a customer return, not a damaged
     * receipt. */
    CHECK_REFUSED_SAYING(l, receive1(l, "DS-1", "R1", 1, "0", "1", 2 * DAY, NULL, NULL),
                         INV_INVALID_INPUT, "sellable units only");
    /* Booked at a stocked location, the sale's COGS would not be the supplier's price. */
    CHECK_OK(inv_ledger_receive(l, "RUG", "DROPSHIP", "1", "30.00", 2 * DAY, NULL, NULL, NULL));
    CHECK_REFUSED_SAYING(l, receive1(l, "DS-1", "R1", 1, "1", NULL, 3 * DAY, NULL, NULL),
                         INV_INVALID_STATE, "holds 1 units");
    inv_ledger_free(l);
}

int main(void) {
    test_codes();
    test_lists();
    test_order_through_its_life();
    test_prices();
    test_order_quantities_and_bad_suppliers();
    test_amendments_added_lines_and_incoming();
    test_schedule_and_overdue();
    test_cancel_and_close_short();
    test_over_receipt();
    test_landed_costs();
    test_receive_into_and_landed_cost_movement();
    test_supplier_performance_and_lead_time();
    test_payment_schedule();
    test_idempotency_and_json();
    test_errors_change_nothing();
    test_null_arguments();
    test_dropship_sale();
    test_dropship_delivery();
    test_dropship_refusals();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
