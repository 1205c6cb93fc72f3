/* fuzz_dates.c — libFuzzer target for text/dates: dates_parse on any bytes,
 * and the formatters on any time. A parsed time must format, and its RFC 3339
 * form must parse back to the same second. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "text/dates.h"

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_dates: %s\n", what);
        abort();
    }
}

/* Every formatter either fails without output or appends something. */
static void format_all(long long t)
{
    int (*fns[])(buf *, long long) = { dates_gregorian, dates_hijri,
                                       dates_time, dates_iso8601 };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        buf b;
        buf_init(&b, NULL);
        int rc = fns[i](&b, t);
        check(rc == 0 ? b.len > 0 : b.len == 0, "output on failure / none");
        if (t >= DATES_MIN && t <= DATES_MAX && i < 3)
            check(rc == 0, "in-range time did not format");
        buf_free(&b);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long long t = 0;
    if (size >= 8) {
        long long raw;
        memcpy(&raw, data, sizeof raw);
        format_all(raw);
    }
    if (dates_parse((const char *)data, size, &t) != 0) return 0;
    check(t >= DATES_MIN && t <= DATES_MAX, "parsed time out of range");
    format_all(t);
    buf b;
    buf_init(&b, NULL);
    if (dates_iso8601(&b, t) == 0) {
        long long back = 0;
        check(dates_parse(b.data, b.len, &back) == 0, "own output rejected");
        check(back == t, "round trip changed the time");
    }
    buf_free(&b);
    return 0;
}
