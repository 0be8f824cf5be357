/*
 * C test of durable ledgers (inv_ledger_open and the SQLite store).
 *
 * Built by scripts/test-c.sh with -std=c99 -Wall -Wextra -Wpedantic -Werror and run under
 * a leak checker. Every store lives in a fresh directory made with mkdtemp, removed at the
 * end. Prints "N passed, N failed" as its last line; exits non-zero on failure.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, truncate */

#include "inventory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static const int64_t DAY = 86400;

/* The temporary directory of this run. */
static char dir[4096];

static void last_message(char *buf, size_t len) {
    inv_last_error_message(buf, len, NULL);
}

/* `dir/name` into `buf`. */
static void path_of(const char *name, char *buf, size_t len) {
    snprintf(buf, len, "%s/%s", dir, name);
}

/* Removes a store and the files SQLite and the lock leave beside it. */
static void remove_store(const char *path) {
    static const char *const suffixes[] = {"", "-wal", "-shm", "-lock", "-journal"};
    char file[4200];
    size_t i;
    for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(file, sizeof file, "%s%s", path, suffixes[i]);
        unlink(file);
    }
}

static int file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* A store opened with the defaults (NULL options), or NULL. */
static inv_ledger *open_default(const char *path) {
    inv_ledger *l = NULL;
    if (inv_ledger_open(path, NULL, &l) != INV_OK) {
        return NULL;
    }
    return l;
}

/* The snapshot text of a ledger (caller frees with inv_string_free), or NULL. */
static char *snapshot(const inv_ledger *l) {
    char *json = NULL;
    if (inv_ledger_to_json(l, &json) != INV_OK) {
        return NULL;
    }
    return json;
}

/* The journal from `from` as JSON lines (caller frees with inv_string_free), or NULL. */
static char *jsonl(const inv_ledger *l, uint64_t from) {
    char *text = NULL;
    if (inv_ledger_journal_jsonl(l, from, &text) != INV_OK) {
        return NULL;
    }
    return text;
}

static size_t count_lines(const char *text) {
    size_t n = 0;
    for (; *text != '\0'; text++) {
        if (*text == '\n') {
            n++;
        }
    }
    return n;
}

/* Whether two nullable strings are both non-NULL and equal. */
static int same_text(const char *a, const char *b) {
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Checks the sellable on-hand units of sku at location. */
static void check_on_hand(const inv_ledger *l, const char *sku, const char *location,
                          const char *expected) {
    inv_position p;
    CHECK_OK(inv_ledger_position(l, sku, location, &p));
    CHECK_STR(p.on_hand, expected);
}

static void test_constants(void) {
    inv_store_options o = inv_store_options_default();
    CHECK(o.config == NULL);
    CHECK(o.checkpoint_every == 100000);
    CHECK(o.sync == INV_SYNC_FULL);
    CHECK(INV_SYNC_FULL == 0 && INV_SYNC_NORMAL == 1 && INV_SYNC_OFF == 2);
    /* The numbers are part of the ABI. */
    CHECK(INV_STORE_LOCKED == 400 && INV_STORE_CORRUPT == 401 && INV_STORE_IO == 402);
    CHECK_STR(inv_result_name(INV_STORE_LOCKED), "INV_STORE_LOCKED");
    CHECK_STR(inv_result_name(INV_STORE_CORRUPT), "INV_STORE_CORRUPT");
    CHECK_STR(inv_result_name(INV_STORE_IO), "INV_STORE_IO");
}

/* Receipts, shipments, a batch, a costing override: all there after a reopen. */
static void test_reopen(void) {
    char path[4200];
    inv_ledger *l = NULL;
    inv_outcome o;
    size_t applied = 0;
    size_t len;
    char *json;
    char *journal;
    char *reopened_json;
    char *reopened_journal;
    const char *kinds[] = {"receive", "ship", "transfer"};
    const char *skus[] = {"TEA", "TEA", "MUG"};
    const char *locations[] = {"WH", "WH", "WH"};
    const char *quantities[] = {"20", "5", "4"};
    const char *unit_costs[] = {"2.50", NULL, NULL};
    const char *to_locations[] = {NULL, NULL, "SHOP"};
    const int64_t times[] = {3 * DAY, 4 * DAY, 4 * DAY};
    inv_movement_columns cols;

    memset(&cols, 0, sizeof cols);
    cols.len = 3;
    cols.kinds = kinds;
    cols.skus = skus;
    cols.locations = locations;
    cols.quantities = quantities;
    cols.times = times;
    cols.unit_costs = unit_costs;
    cols.to_locations = to_locations;

    path_of("shop.ledger", path, sizeof path);
    CHECK_OK(inv_ledger_open(path, NULL, &l));
    CHECK(l != NULL);
    CHECK(inv_ledger_is_durable(l));
    CHECK(inv_ledger_len(l) == 0);
    CHECK(file_exists(path));
    CHECK_OK(inv_ledger_set_sku_costing(l, "MUG", INV_COSTING_LIFO));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "4.00", 0, NULL, "GRN-1", NULL));
    CHECK_OK(inv_ledger_receive(l, "MUG", "WH", "10", "5.00", DAY, NULL, "GRN-2", NULL));
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "3", 2 * DAY, NULL, "SHIP-1", &o));
    CHECK_STR(o.cogs, "15.00"); /* LIFO: the override holds */
    CHECK_OK(inv_ledger_post_columns(l, &cols, &applied));
    CHECK(applied == 3);
    len = inv_ledger_len(l);
    CHECK(len == 6);
    json = snapshot(l);
    journal = jsonl(l, 0);
    inv_ledger_free(l);

    l = open_default(path);
    CHECK(l != NULL);
    if (l == NULL) {
        inv_string_free(json);
        inv_string_free(journal);
        remove_store(path);
        return;
    }
    CHECK(inv_ledger_is_durable(l));
    CHECK(inv_ledger_len(l) == len);
    check_on_hand(l, "MUG", "WH", "13");
    check_on_hand(l, "MUG", "SHOP", "4");
    check_on_hand(l, "TEA", "WH", "15");
    reopened_json = snapshot(l);
    reopened_journal = jsonl(l, 0);
    CHECK(same_text(json, reopened_json));
    CHECK(same_text(journal, reopened_journal));
    CHECK(journal != NULL && count_lines(journal) == len);
    inv_string_free(reopened_json);
    inv_string_free(reopened_journal);

    /* The reopened ledger goes on committing: a duplicate reference is not a new entry,
     * a new shipment is, and the LIFO override still applies after the reopen. */
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "3", 2 * DAY, NULL, "SHIP-1", &o));
    CHECK(o.duplicate);
    CHECK_OK(inv_ledger_ship(l, "MUG", "WH", "8", 5 * DAY, NULL, "SHIP-2", &o));
    CHECK_STR(o.cogs, "35.00"); /* 3 left @ 5.00 (4 went to SHOP: LIFO), then 5 @ 4.00 */
    CHECK_OK(inv_ledger_checkpoint(l));
    CHECK_OK(inv_ledger_receive(l, "TEA", "WH", "1", "3.00", 6 * DAY, NULL, NULL, NULL));
    inv_ledger_free(l);

    l = open_default(path);
    CHECK(l != NULL);
    CHECK(inv_ledger_len(l) == len + 2);
    check_on_hand(l, "MUG", "WH", "5");
    check_on_hand(l, "TEA", "WH", "16");
    inv_ledger_free(l);

    inv_string_free(json);
    inv_string_free(journal);
    remove_store(path);
}

/* Frequent automatic checkpoints and the other sync modes give the same ledger. */
static void test_options(void) {
    char path[4200];
    inv_store_options options = inv_store_options_default();
    inv_ledger *l = NULL;
    inv_ledger *mirror = NULL;
    char *json = NULL;
    char *mirror_json = NULL;
    int i;

    path_of("options.ledger", path, sizeof path);
    options.checkpoint_every = 2;
    options.sync = INV_SYNC_OFF;
    CHECK_OK(inv_ledger_open(path, &options, &l));
    CHECK_OK(inv_ledger_new(&mirror));
    for (i = 0; i < 7; i++) {
        CHECK_OK(inv_ledger_receive(l, "A", "W", "5", "1.25", i, NULL, NULL, NULL));
        CHECK_OK(inv_ledger_receive(mirror, "A", "W", "5", "1.25", i, NULL, NULL, NULL));
        CHECK_OK(inv_ledger_ship(l, "A", "W", "2", i, NULL, NULL, NULL));
        CHECK_OK(inv_ledger_ship(mirror, "A", "W", "2", i, NULL, NULL, NULL));
    }
    inv_ledger_free(l);

    options.checkpoint_every = 0;
    options.sync = INV_SYNC_NORMAL;
    l = NULL;
    CHECK_OK(inv_ledger_open(path, &options, &l));
    CHECK(inv_ledger_len(l) == 14);
    check_on_hand(l, "A", "W", "21");
    json = snapshot(l);
    mirror_json = snapshot(mirror);
    CHECK(same_text(json, mirror_json));
    inv_string_free(json);
    inv_string_free(mirror_json);
    inv_ledger_free(l);
    inv_ledger_free(mirror);
    remove_store(path);
}

/* A refused posting or batch writes nothing: the reopened store is as before it. */
static void test_refused_writes_nothing(void) {
    char path[4200];
    char msg[512];
    inv_ledger *l = NULL;
    char *before;
    char *before_journal;
    char *after;
    char *after_journal;
    size_t applied = 999;
    const char *kinds[] = {"receive", "ship"};
    const char *skus[] = {"A", "A"};
    const char *locations[] = {"WH", "WH"};
    const char *quantities[] = {"1", "500"};
    const char *unit_costs[] = {"1.00", NULL};
    const int64_t times[] = {DAY, DAY};
    inv_movement_columns cols;

    memset(&cols, 0, sizeof cols);
    cols.len = 2;
    cols.kinds = kinds;
    cols.skus = skus;
    cols.locations = locations;
    cols.quantities = quantities;
    cols.times = times;
    cols.unit_costs = unit_costs;

    path_of("refused.ledger", path, sizeof path);
    l = open_default(path);
    CHECK(l != NULL);
    CHECK_OK(inv_ledger_receive(l, "A", "WH", "10", "2.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_ship(l, "A", "WH", "4", 0, NULL, NULL, NULL));
    before = snapshot(l);
    before_journal = jsonl(l, 0);

    /* Ship more than on hand, a batch whose second row does, a movement out of order. */
    CHECK_RC(inv_ledger_ship(l, "A", "WH", "7", DAY, NULL, "TOO-MANY", NULL),
             INV_INSUFFICIENT_STOCK);
    last_message(msg, sizeof msg);
    CHECK(msg[0] != '\0');
    CHECK_RC(inv_ledger_post_columns(l, &cols, &applied), INV_INSUFFICIENT_STOCK);
    CHECK(applied == 999);
    CHECK_RC(inv_ledger_ship(l, "A", "WH", "1", -DAY, NULL, NULL, NULL), INV_OUT_OF_ORDER);
    CHECK(inv_ledger_len(l) == 2);
    inv_ledger_free(l);

    l = open_default(path);
    CHECK(l != NULL);
    after = snapshot(l);
    after_journal = jsonl(l, 0);
    CHECK(same_text(before, after));
    CHECK(same_text(before_journal, after_journal));
    CHECK(inv_ledger_len(l) == 2);
    check_on_hand(l, "A", "WH", "6");
    /* The refused reference was not recorded: it can be used now. */
    CHECK_OK(inv_ledger_ship(l, "A", "WH", "1", DAY, NULL, "TOO-MANY", NULL));
    inv_ledger_free(l);

    l = open_default(path);
    CHECK(l != NULL);
    CHECK(inv_ledger_len(l) == 3);
    check_on_hand(l, "A", "WH", "5");
    inv_ledger_free(l);

    inv_string_free(before);
    inv_string_free(before_journal);
    inv_string_free(after);
    inv_string_free(after_journal);
    remove_store(path);
}

/* One writer: a second open is refused until the first ledger is freed. */
static void test_locked(void) {
    char path[4200];
    char msg[512];
    inv_ledger *first = NULL;
    inv_ledger *second = NULL;

    path_of("locked.ledger", path, sizeof path);
    CHECK_OK(inv_ledger_open(path, NULL, &first));
    CHECK_OK(inv_ledger_receive(first, "A", "WH", "1", "1.00", 0, NULL, NULL, NULL));
    CHECK_RC(inv_ledger_open(path, NULL, &second), INV_STORE_LOCKED);
    CHECK(second == NULL);
    CHECK(inv_last_error_code() == INV_STORE_LOCKED);
    last_message(msg, sizeof msg);
    CHECK(strstr(msg, "locked.ledger") != NULL);
    /* The first ledger is unaffected. */
    CHECK_OK(inv_ledger_receive(first, "A", "WH", "1", "1.00", 0, NULL, NULL, NULL));
    inv_ledger_free(first);

    CHECK_OK(inv_ledger_open(path, NULL, &second));
    CHECK(second != NULL);
    CHECK(inv_ledger_len(second) == 2);
    inv_ledger_free(second);
    remove_store(path);
}

/* inv_ledger_close releases the store and keeps the ledger in memory. */
static void test_close(void) {
    char path[4200];
    inv_ledger *first = NULL;
    inv_ledger *second = NULL;

    path_of("closed.ledger", path, sizeof path);
    CHECK_OK(inv_ledger_open(path, NULL, &first));
    CHECK_OK(inv_ledger_receive(first, "A", "WH", "2", "1.00", 0, NULL, NULL, NULL));
    CHECK_RC(inv_ledger_close(NULL), INV_NULL_ARGUMENT);
    CHECK_OK(inv_ledger_close(first));
    CHECK(!inv_ledger_is_durable(first));
    CHECK_OK(inv_ledger_close(first)); /* a no-op the second time */
    CHECK_OK(inv_ledger_open(path, NULL, &second));
    CHECK(inv_ledger_len(second) == 1);
    /* The closed ledger goes on in memory only. */
    CHECK_OK(inv_ledger_ship(first, "A", "WH", "1", 1, NULL, NULL, NULL));
    CHECK(inv_ledger_len(first) == 2);
    inv_ledger_free(second);
    inv_ledger_free(first);
    CHECK_OK(inv_ledger_open(path, NULL, &second));
    CHECK(inv_ledger_len(second) == 1);
    inv_ledger_free(second);
    remove_store(path);
}

/* Files that are not ledger stores, or damaged ones, are refused as corrupt. */
static void test_corrupt(void) {
    char path[4200];
    char msg[512];
    inv_ledger *l = NULL;
    FILE *f;
    long size;
    int i;

    /* Garbage bytes. */
    path_of("garbage.ledger", path, sizeof path);
    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f != NULL) {
        for (i = 0; i < 8192; i++) {
            fputc((i * 7919 + 13) % 251, f);
        }
        fclose(f);
    }
    CHECK_RC(inv_ledger_open(path, NULL, &l), INV_STORE_CORRUPT);
    CHECK(l == NULL);
    last_message(msg, sizeof msg);
    CHECK(strstr(msg, "garbage.ledger") != NULL);
    CHECK(file_size(path) == 8192); /* left as it was */
    remove_store(path);

    /* A truncated store. */
    path_of("truncated.ledger", path, sizeof path);
    l = open_default(path);
    CHECK(l != NULL);
    for (i = 0; i < 50; i++) {
        CHECK_OK(inv_ledger_receive(l, "A", "WH", "1", "1.00", i, NULL, NULL, NULL));
    }
    inv_ledger_free(l);
    l = NULL;
    size = file_size(path);
    CHECK(size > 8192);
    CHECK(truncate(path, size / 2) == 0);
    CHECK_RC(inv_ledger_open(path, NULL, &l), INV_STORE_CORRUPT);
    CHECK(l == NULL);
    /* Cut inside the header too. */
    CHECK(truncate(path, 60) == 0);
    CHECK_RC(inv_ledger_open(path, NULL, &l), INV_STORE_CORRUPT);
    CHECK(l == NULL);
    remove_store(path);

    /* An empty file is not damaged: it becomes a new store. */
    path_of("empty.ledger", path, sizeof path);
    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f != NULL) {
        fclose(f);
    }
    CHECK_OK(inv_ledger_open(path, NULL, &l));
    CHECK(l != NULL && inv_ledger_len(l) == 0);
    inv_ledger_free(l);
    remove_store(path);
}

/* Wrong arguments, and a store whose configuration differs from the one given. */
static void test_arguments(void) {
    char path[4200];
    char missing[4200];
    inv_store_options options = inv_store_options_default();
    inv_ledger_config lifo = inv_ledger_config_default();
    inv_ledger_config fifo = inv_ledger_config_default();
    inv_ledger *l = NULL;
    inv_outcome o;

    path_of("config.ledger", path, sizeof path);
    CHECK_RC(inv_ledger_open(NULL, NULL, &l), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_open(path, NULL, NULL), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_open("\xff\xfe.ledger", NULL, &l), INV_INVALID_UTF8);
    options.sync = 9;
    CHECK_RC(inv_ledger_open(path, &options, &l), INV_INVALID_ENUM);
    options.sync = INV_SYNC_OFF;
    lifo.costing = 7;
    options.config = &lifo;
    CHECK_RC(inv_ledger_open(path, &options, &l), INV_INVALID_ENUM);
    CHECK(l == NULL);
    CHECK(!file_exists(path)); /* refused before the file was touched */
    path_of("no-such-dir/x.ledger", missing, sizeof missing);
    CHECK_RC(inv_ledger_open(missing, NULL, &l), INV_STORE_IO);
    CHECK(l == NULL);

    /* A store created LIFO keeps LIFO; a FIFO configuration is a mismatch. */
    lifo.costing = INV_COSTING_LIFO;
    CHECK_OK(inv_ledger_open(path, &options, &l));
    CHECK_OK(inv_ledger_receive(l, "A", "WH", "1", "1.00", 0, NULL, NULL, NULL));
    CHECK_OK(inv_ledger_receive(l, "A", "WH", "1", "2.00", 1, NULL, NULL, NULL));
    inv_ledger_free(l);
    l = NULL;
    options.config = &fifo;
    CHECK_RC(inv_ledger_open(path, &options, &l), INV_INVALID_INPUT);
    CHECK(l == NULL);
    options.config = &lifo;
    CHECK_OK(inv_ledger_open(path, &options, &l));
    inv_ledger_free(l);
    l = NULL;
    options.config = NULL; /* the store's own */
    CHECK_OK(inv_ledger_open(path, &options, &l));
    CHECK_OK(inv_ledger_ship(l, "A", "WH", "1", 2, NULL, NULL, &o));
    CHECK_STR(o.cogs, "2.00");
    inv_ledger_free(l);
    remove_store(path);

    /* The functions on a ledger check their arguments. */
    CHECK_RC(inv_ledger_checkpoint(NULL), INV_NULL_ARGUMENT);
    CHECK(!inv_ledger_is_durable(NULL));
}

/* An in-memory ledger has no store to checkpoint; its journal exports all the same. */
static void test_in_memory(void) {
    inv_ledger *l = NULL;
    char *text = NULL;
    char *sentinel = (char *)&l;

    CHECK_OK(inv_ledger_new(&l));
    CHECK(!inv_ledger_is_durable(l));
    CHECK_RC(inv_ledger_checkpoint(l), INV_INVALID_INPUT);
    CHECK_OK(inv_ledger_receive(l, "A", "WH", "3", "1.00", 0, NULL, NULL, NULL));
    text = jsonl(l, 0);
    CHECK(text != NULL && count_lines(text) == 1);
    inv_string_free(text);
    CHECK_RC(inv_ledger_journal_jsonl(NULL, 0, &sentinel), INV_NULL_ARGUMENT);
    CHECK_RC(inv_ledger_journal_jsonl(l, 0, NULL), INV_NULL_ARGUMENT);
    CHECK(sentinel == (char *)&l);
    inv_ledger_free(l);
}

/* journal_jsonl(from): one line per entry from `from` on, in order. */
static void test_jsonl(void) {
    char path[4200];
    inv_ledger *l;
    char *all;
    char *tail;
    char *none;
    const char *second_line;

    path_of("jsonl.ledger", path, sizeof path);
    l = open_default(path);
    CHECK(l != NULL);
    CHECK_OK(inv_ledger_receive(l, "A", "WH", "10", "1.00", 0, NULL, "R-1", NULL));
    CHECK_OK(inv_ledger_receive(l, "B", "WH", "10", "1.00", 1, NULL, "R-2", NULL));
    CHECK_OK(inv_ledger_ship(l, "A", "WH", "2", 2, NULL, "S-1", NULL));
    CHECK_OK(inv_ledger_ship(l, "B", "WH", "3", 3, NULL, "S-2", NULL));
    CHECK(inv_ledger_len(l) == 4);

    all = jsonl(l, 0);
    CHECK(all != NULL && count_lines(all) == 4);
    CHECK(all != NULL && all[0] == '{' && all[strlen(all) - 1] == '\n');
    CHECK(all != NULL && strstr(all, "\"sequence\":0") != NULL);
    tail = jsonl(l, 1);
    CHECK(tail != NULL && count_lines(tail) == 3);
    /* The tail from 1 is the whole export without its first line. */
    second_line = all != NULL ? strchr(all, '\n') : NULL;
    CHECK(second_line != NULL && same_text(second_line + 1, tail));
    CHECK(tail != NULL && strstr(tail, "R-1") == NULL && strstr(tail, "S-2") != NULL);
    inv_string_free(tail);
    tail = jsonl(l, 3);
    CHECK(tail != NULL && count_lines(tail) == 1 && strstr(tail, "S-2") != NULL);
    CHECK(tail != NULL && strstr(tail, "\"sequence\":3") != NULL);
    inv_string_free(tail);
    none = jsonl(l, 4);
    CHECK(none != NULL && none[0] == '\0');
    inv_string_free(none);
    none = jsonl(l, UINT64_MAX);
    CHECK(none != NULL && none[0] == '\0');
    inv_string_free(none);
    inv_string_free(all);
    inv_ledger_free(l);
    remove_store(path);
}

int main(void) {
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || tmp[0] == '\0') {
        tmp = "/tmp";
    }
    snprintf(dir, sizeof dir, "%s/inv-store-XXXXXX", tmp);
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }

    test_constants();
    test_reopen();
    test_options();
    test_refused_writes_nothing();
    test_locked();
    test_close();
    test_corrupt();
    test_arguments();
    test_in_memory();
    test_jsonl();

    if (rmdir(dir) != 0) {
        failed++;
        fprintf(stderr, "could not remove %s (a file left behind?)\n", dir);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
