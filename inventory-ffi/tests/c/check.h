/*
 * The check macros shared by the C test programs (each test file is its own program, so
 * the counters are per program). Include after inventory.h, <math.h>, <stdio.h> and
 * <string.h>; a program prints "N passed, N failed" from `passed` and `failed` at the end.
 */
#ifndef INV_TEST_CHECK_H
#define INV_TEST_CHECK_H

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
        }                                                                             \
    } while (0)

/* A call expected to return `expected`; on mismatch prints both codes and the message. */
#define CHECK_RC(call, expected)                                                      \
    do {                                                                              \
        inv_result rc_ = (call);                                                      \
        if (rc_ == (expected)) {                                                      \
            passed++;                                                                 \
        } else {                                                                      \
            char msg_[512];                                                           \
            inv_last_error_message(msg_, sizeof msg_, NULL);                          \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s returned %s (%u), expected %s: %s\n", __FILE__, \
                    __LINE__, #call, inv_result_name(rc_), (unsigned)rc_,             \
                    inv_result_name(expected), msg_);                                 \
        }                                                                             \
    } while (0)

#define CHECK_OK(call) CHECK_RC(call, INV_OK)
#define CHECK_STR(actual, expected) CHECK(strcmp((actual), (expected)) == 0)
/* |actual - expected| <= tol, printing both on failure. */
#define CHECK_NEAR(actual, expected, tol)                                             \
    do {                                                                              \
        double a_ = (actual), e_ = (expected);                                        \
        if (fabs(a_ - e_) <= (tol)) {                                                 \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g\n", __FILE__, __LINE__, \
                    #actual, a_, e_);                                                 \
        }                                                                             \
    } while (0)

#endif
