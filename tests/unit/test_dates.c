/* test_dates.c — unit tests for text/dates.
 *
 * The Hijri (Umm al-Qura) dates below were checked against an independent
 * implementation: moment-hijri 3.0.0 (npm), which carries its own Umm
 * al-Qura table and does not use ICU. Several are also well-known public
 * dates (1 Ramadan 1445 = 11 March 2024; 10 Dhu al-Hijjah 1441, Eid al-Adha,
 * = 31 July 2020). Epoch values were computed with `date -u -d ... +%s`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "text/dates.h"

typedef int (*fmt_fn)(buf *, long long);

/* Format t with fn into a fresh string (static storage, one at a time). */
static const char *fmt(fmt_fn fn, long long t)
{
    static char out[256];
    buf b;
    buf_init(&b, NULL);
    int rc = fn(&b, t);
    assert_int_equal(rc, 0);
    assert_true(b.len < sizeof out);
    memcpy(out, b.data, b.len + 1);
    buf_free(&b);
    return out;
}

static int reset(void **state)
{
    assert_int_equal(dates_configure("ar", DIGITS_LATN, "Asia/Riyadh"), 0);
    return 0;
}

static void test_known_day_2016(void **state)
{
    long long t = 1458205200;   /* 2016-03-17T09:00:00Z, noon in Riyadh */
    assert_string_equal(fmt(dates_gregorian, t), "17 مارس 2016");
    assert_string_equal(fmt(dates_hijri, t), "8 جمادى الآخرة 1437 هـ");
    assert_string_equal(fmt(dates_time, t), "12:00");
    assert_string_equal(fmt(dates_iso8601, t), "2016-03-17T12:00:00+03:00");
}

static void test_arabic_digits(void **state)
{
    assert_int_equal(dates_configure("ar", DIGITS_ARAB, "Asia/Riyadh"), 0);
    long long t = 1458205200;
    assert_string_equal(fmt(dates_gregorian, t), "١٧ مارس ٢٠١٦");
    assert_string_equal(fmt(dates_hijri, t), "٨ جمادى الآخرة ١٤٣٧ هـ");
    assert_string_equal(fmt(dates_time, t), "١٢:٠٠");
    /* machine-readable output never changes digits */
    assert_string_equal(fmt(dates_iso8601, t), "2016-03-17T12:00:00+03:00");
}

static void test_known_day_2026(void **state)
{
    long long t = 1795167000;   /* 2026-11-20T09:30:00Z */
    assert_string_equal(fmt(dates_gregorian, t), "20 نوفمبر 2026");
    assert_string_equal(fmt(dates_hijri, t), "10 جمادى الآخرة 1448 هـ");
    assert_string_equal(fmt(dates_time, t), "12:30");
    assert_string_equal(fmt(dates_iso8601, t), "2026-11-20T12:30:00+03:00");
}

static void test_hijri_month_starts(void **state)
{
    static const struct { long long t; const char *hijri; } cases[] = {
        { 1465203600, "1 رمضان 1437 هـ" },       /* 2016-06-06 */
        { 1710147600, "1 رمضان 1445 هـ" },       /* 2024-03-11 */
        { 1781600400, "1 محرم 1448 هـ" },        /* 2026-06-16 */
        { 1596186000, "10 ذو الحجة 1441 هـ" },   /* 2020-07-31 */
        { 946717200, "24 رمضان 1420 هـ" },       /* 2000-01-01 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(fmt(dates_hijri, cases[i].t), cases[i].hijri);
}

/* Hijri dates are remembered per local day: looking days up in any order
 * gives what a straight walk gives, and the date changes exactly at local
 * midnight. */
static void test_hijri_any_order(void **state)
{
    enum { DAYS = 40 };
    static char walk[DAYS][64];
    long long midnight = 1795122000;        /* 2026-11-20T00:00+03:00 */
    for (int d = 0; d < DAYS; d++) {
        const char *s = fmt(dates_hijri, midnight + d * 86400LL);
        assert_true(strlen(s) < sizeof walk[d]);
        memcpy(walk[d], s, strlen(s) + 1);
        if (d > 0) assert_string_not_equal(walk[d], walk[d - 1]);
        assert_string_equal(fmt(dates_hijri, midnight + d * 86400LL + 86399),
                            walk[d]);
    }
    assert_string_equal(walk[0], "10 جمادى الآخرة 1448 هـ");
    assert_string_equal(walk[20], "1 رجب 1448 هـ");   /* 2026-12-10 */
    for (int d = DAYS - 1; d >= 0; d -= 8)
        assert_string_equal(fmt(dates_hijri, midnight + d * 86400LL + 3600),
                            walk[d]);
    for (int i = 0; i < DAYS; i++) {
        int d = (i * 17) % DAYS;
        assert_string_equal(fmt(dates_hijri, midnight + d * 86400LL + 7200),
                            walk[d]);
    }
    /* a settings change must not serve the old digits from the cache */
    assert_int_equal(dates_configure("ar", DIGITS_ARAB, "Asia/Riyadh"), 0);
    assert_string_equal(fmt(dates_hijri, midnight), "١٠ جمادى الآخرة ١٤٤٨ هـ");
}

static void test_next_day_in_riyadh(void **state)
{
    long long t = 1795213800;   /* 2026-11-20T22:30:00Z = 21st, 01:30 +03 */
    assert_string_equal(fmt(dates_gregorian, t), "21 نوفمبر 2026");
    assert_string_equal(fmt(dates_hijri, t), "11 جمادى الآخرة 1448 هـ");
    assert_string_equal(fmt(dates_time, t), "01:30");
    assert_string_equal(fmt(dates_iso8601, t), "2026-11-21T01:30:00+03:00");
    assert_int_equal(dates_configure("ar", DIGITS_LATN, "UTC"), 0);
    assert_string_equal(fmt(dates_gregorian, t), "20 نوفمبر 2026");
    assert_string_equal(fmt(dates_iso8601, t), "2026-11-20T22:30:00+00:00");
}

static void test_other_locales(void **state)
{
    long long t = 1795167000;
    assert_int_equal(dates_configure("en", DIGITS_LATN, "Asia/Riyadh"), 0);
    assert_string_equal(fmt(dates_gregorian, t), "20 November 2026");
    assert_string_equal(fmt(dates_hijri, t), "10 Jumada II 1448");  /* no هـ */
    /* Saudi Arabic defaults to the Hijri calendar in CLDR: the Gregorian
     * date must still be Gregorian. BCP 47 tags are accepted. */
    assert_int_equal(dates_configure("ar-SA", DIGITS_LATN, "Asia/Riyadh"), 0);
    assert_string_equal(fmt(dates_gregorian, t), "20 نوفمبر 2026");
    assert_string_equal(fmt(dates_hijri, t), "10 جمادى الآخرة 1448 هـ");
    assert_int_equal(dates_configure("ar_SA", DIGITS_LATN, "Asia/Kolkata"), 0);
    assert_string_equal(fmt(dates_gregorian, t), "20 نوفمبر 2026");
    assert_string_equal(fmt(dates_iso8601, t), "2026-11-20T15:00:00+05:30");
}

static void test_configure_rejects(void **state)
{
    assert_int_equal(dates_configure("ar", DIGITS_LATN, "Mars/Olympus"), -1);
    assert_int_equal(dates_configure("", DIGITS_LATN, "UTC"), -1);
    assert_int_equal(dates_configure(NULL, DIGITS_LATN, "UTC"), -1);
    assert_int_equal(dates_configure("ar", DIGITS_LATN, NULL), -1);
    assert_int_equal(dates_configure("ar", (digits_style)7, "UTC"), -1);
    /* settings unchanged */
    assert_string_equal(fmt(dates_iso8601, 1795167000),
                        "2026-11-20T12:30:00+03:00");
}

static void test_out_of_range(void **state)
{
    buf b;
    buf_init(&b, NULL);
    assert_int_equal(dates_gregorian(&b, DATES_MAX + 1), -1);
    assert_int_equal(dates_hijri(&b, DATES_MIN - 1), -1);
    assert_int_equal(dates_time(&b, 1LL << 62), -1);
    assert_int_equal(dates_iso8601(&b, -(1LL << 62)), -1);
    assert_int_equal(b.len, 0);
    /* +03 pushes the last second into year 10000: not representable */
    assert_int_equal(dates_iso8601(&b, DATES_MAX), -1);
    assert_int_equal(b.len, 0);
    buf_free(&b);
    /* Gregorian years before 1582 are proleptic, not Julian */
    assert_string_equal(fmt(dates_gregorian, -12219292800LL + 43200),
                        "15 أكتوبر 1582");
    assert_string_equal(fmt(dates_gregorian, -12219292800LL - 86400 + 43200),
                        "14 أكتوبر 1582");
}

typedef struct { const char *s; long long t; } parse_case;

static void test_parse_accepts(void **state)
{
    static const parse_case ok[] = {
        { "2026-11-20", 1795122000 },                 /* midnight +03 */
        { "2026-11-20 12:30", 1795167000 },
        { "2026-11-20 12:30:00", 1795167000 },
        { "2026-11-20T12:30:00", 1795167000 },
        { "2026-11-20T09:30:00Z", 1795167000 },
        { "2026-11-20t09:30:00z", 1795167000 },
        { "2026-11-20T12:30:00+03:00", 1795167000 },
        { "2026-11-20T04:30:00-05:00", 1795167000 },
        { "2026-11-20T15:00+05:30", 1795167000 },
        { "2026-11-20T09:30:00.999Z", 1795167000 },
        { "2026-11-20 09:30:00-00:00", 1795167000 },
        { "2024-02-29T00:00:00Z", 1709164800 },
        { "2000-02-29T00:00:00Z", 951782400 },
        { "1970-01-01T00:00:00Z", 0 },
        { "1969-12-31T23:59:59Z", -1 },
        { "0001-01-01T00:00:00Z", DATES_MIN },
        { "9999-12-31T23:59:59Z", DATES_MAX },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        long long t = 42;
        if (dates_parse(ok[i].s, strlen(ok[i].s), &t) != 0)
            fail_msg("rejected \"%s\"", ok[i].s);
        if (t != ok[i].t) fail_msg("\"%s\" -> %lld", ok[i].s, t);
    }
    long long t = 0;
    /* only `len` bytes are read */
    assert_int_equal(dates_parse("2026-11-20T12:30junk", 10, &t), 0);
    assert_int_equal(t, 1795122000);
}

static void test_parse_rejects(void **state)
{
    static const char *bad[] = {
        "", "2026", "2026-11", "2026-11-2", "26-11-20", "2026/11/20",
        "2026-1-05", " 2026-11-20", "2026-11-20 ", "2026-11-20x",
        "2026-13-01", "2026-00-10", "2026-02-30", "2023-02-29",
        "1900-02-29", "2026-11-31", "2026-11-00", "2026-04-31",
        "2026-11-20T", "2026-11-20T12", "2026-11-20T12:", "2026-11-20T1:30",
        "2026-11-20T25:00", "2026-11-20T24:00", "2026-11-20T12:60",
        "2026-11-20T12:30:60", "2026-11-20T12:30:0", "2026-11-20 12:30 ",
        "2026-11-20T12:30:00.", "2026-11-20T12:30:00.1234567890Z",
        "2026-11-20T12:30.5", "2026-11-20T12:30:00+3:00",
        "2026-11-20T12:30:00+0300", "2026-11-20T12:30:00+03",
        "2026-11-20T12:30:00+24:00", "2026-11-20T12:30:00+03:60",
        "2026-11-20T12:30:00 +03:00", "2026-11-20T12:30:00Zjunk",
        "2026-11-20Z", "2026-11-20T12:30:00ZZ", "٢٠٢٦-١١-٢٠",
        "+2026-11-20", "-001-01-01", "0001-01-01T00:00:00+00:01",
        "0000-12-31T23:59:59Z", "9999-12-31T23:59:59-00:01",
        "2026-11-20\t12:30",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long long t = 42;
        if (dates_parse(bad[i], strlen(bad[i]), &t) != -1)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(t, 42);
    }
    long long t = 42;
    assert_int_equal(dates_parse("2026-11-20\0", 11, &t), -1);
    assert_int_equal(dates_parse(NULL, 0, &t), -1);
}

static void test_parse_dst_zone(void **state)
{
    long long t = 0;
    assert_int_equal(dates_configure("en", DIGITS_LATN, "America/New_York"), 0);
    /* skipped by the spring jump: read with the offset before it (-05) */
    assert_int_equal(dates_parse("2021-03-14 02:30", 16, &t), 0);
    assert_int_equal(t, 1615707000);                     /* 07:30Z */
    /* repeated in the autumn: the first occurrence (-04) */
    assert_int_equal(dates_parse("2021-11-07 01:30", 16, &t), 0);
    assert_int_equal(t, 1636263000);                     /* 05:30Z */
    assert_string_equal(fmt(dates_iso8601, t), "2021-11-07T01:30:00-04:00");
    assert_string_equal(fmt(dates_iso8601, t + 3600),
                        "2021-11-07T01:30:00-05:00");
}

/* parse(iso8601(t)) == t across the whole range, in several zones, including
 * old local-mean-time offsets that are not whole minutes. */
static void test_iso_round_trip(void **state)
{
    static const char *zones[] = { "Asia/Riyadh", "America/New_York",
                                   "Asia/Kolkata", "Pacific/Chatham", "UTC" };
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        assert_int_equal(dates_configure("ar", DIGITS_LATN, zones[z]), 0);
        int n = 0;
        for (long long t = DATES_MIN + 86400; t < DATES_MAX - 86400;
             t += 7919LL * 86400 + 12345, n++) {
            buf b;
            buf_init(&b, NULL);
            assert_int_equal(dates_iso8601(&b, t), 0);
            long long back = 0;
            if (dates_parse(b.data, b.len, &back) != 0 || back != t)
                fail_msg("%s: %lld -> %s -> %lld", zones[z], t, b.data, back);
            buf_free(&b);
        }
        assert_true(n > 400);
    }
}

static void *thread_main(void *arg)
{
    buf *b = arg;
    if (dates_hijri(b, 1795167000) != 0) return NULL;
    return b;
}

/* A worker thread opens its own formatters and gets the same answer; its
 * formatters are freed at thread exit (LeakSanitizer checks that). */
static void test_threads(void **state)
{
    pthread_t th[4];
    buf out[4];
    for (int i = 0; i < 4; i++) {
        buf_init(&out[i], NULL);
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &out[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        void *r = NULL;
        assert_int_equal(pthread_join(th[i], &r), 0);
        assert_ptr_equal(r, &out[i]);
        assert_string_equal(out[i].data, "10 جمادى الآخرة 1448 هـ");
        buf_free(&out[i]);
    }
}

static void test_appends(void **state)
{
    arena *a = arena_new(0);
    buf b;
    buf_init(&b, a);
    buf_puts(&b, "[");
    assert_int_equal(dates_gregorian(&b, 1795167000), 0);
    buf_puts(&b, " | ");
    assert_int_equal(dates_time(&b, 1795167000), 0);
    buf_puts(&b, "]");
    assert_string_equal(b.data, "[20 نوفمبر 2026 | 12:30]");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_known_day_2016, reset),
        cmocka_unit_test_setup(test_arabic_digits, reset),
        cmocka_unit_test_setup(test_known_day_2026, reset),
        cmocka_unit_test_setup(test_hijri_month_starts, reset),
        cmocka_unit_test_setup(test_hijri_any_order, reset),
        cmocka_unit_test_setup(test_next_day_in_riyadh, reset),
        cmocka_unit_test_setup(test_other_locales, reset),
        cmocka_unit_test_setup(test_configure_rejects, reset),
        cmocka_unit_test_setup(test_out_of_range, reset),
        cmocka_unit_test_setup(test_parse_accepts, reset),
        cmocka_unit_test_setup(test_parse_rejects, reset),
        cmocka_unit_test_setup(test_parse_dst_zone, reset),
        cmocka_unit_test_setup(test_iso_round_trip, reset),
        cmocka_unit_test_setup(test_threads, reset),
        cmocka_unit_test_setup(test_appends, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
