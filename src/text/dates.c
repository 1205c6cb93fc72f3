/* dates.c — Gregorian/Hijri display dates, RFC 3339, date parsing; see dates.h.
 *
 * Display strings come from ICU date formatters. Opening them costs
 * milliseconds and they are not thread-safe, so each thread keeps its own set
 * (a pthread key whose destructor closes it when the thread exits). The set
 * remembers the settings generation it was opened for and is reopened when
 * dates_configure changes the settings.
 *
 * RFC 3339 output and parsing are plain proleptic-Gregorian arithmetic; only
 * the zone offset comes from ICU, so both directions agree for every year. */
#include "text/dates.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#define LOCALE_MAX 96
#define TZ_MAX 64
#define OUT_MAX 128             /* UTF-16 units of one formatted date */
#define HCACHE 8                /* Hijri dates remembered per thread */

/* Settings, written by dates_configure, copied by threads under the lock. */
typedef struct {
    char locale[LOCALE_MAX];    /* ICU locale id, without keywords */
    digits_style digits;
    char tz[TZ_MAX];
} settings;

static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static settings cfg = { "ar", DIGITS_LATN, "Asia/Riyadh" };
static atomic_uint cfg_gen = 1;

/* One thread's formatters. */
typedef struct {
    unsigned gen;
    UDateFormat *greg, *hijri, *time;
    UCalendar *cal;             /* site zone, for offsets */
    bool arabic;                /* append " هـ" to Hijri dates */
    /* ICU's Umm al-Qura calendar takes ~15 µs a date; pages show the same
     * few days over and over, so remember them by local day number. */
    struct {
        long long day;
        size_t len;
        char s[OUT_MAX * 3];
    } hcache[HCACHE];
} fmtset;

static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t key;

/* ---- settings ---------------------------------------------------------- */

/* Turn `in` (ICU id or BCP 47 tag) into an ICU locale id in `out`. */
static int normalise_locale(const char *in, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    size_t n = strlen(in);
    if (n == 0 || n >= cap) return -1;
    if (strchr(in, '-') && !strchr(in, '_') && !strchr(in, '@')) {
        int32_t parsed = 0;
        uloc_forLanguageTag(in, out, (int32_t)cap, &parsed, &st);
        if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
            (size_t)parsed != n) return -1;
    } else {
        memcpy(out, in, n + 1);
    }
    char lang[16];
    st = U_ZERO_ERROR;
    int32_t ln = uloc_getLanguage(out, lang, sizeof lang, &st);
    return U_FAILURE(st) || ln <= 0 ? -1 : 0;
}

/* True if ICU knows the zone id `tz`. */
static bool zone_known(const char *tz)
{
    UChar id[TZ_MAX], canon[TZ_MAX];
    UErrorCode st = U_ZERO_ERROR;
    UBool sys = 0;
    u_strFromUTF8(id, TZ_MAX, NULL, tz, -1, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) return false;
    ucal_getCanonicalTimeZoneID(id, -1, canon, TZ_MAX, &sys, &st);
    return U_SUCCESS(st) && sys;
}

int dates_configure(const char *locale, digits_style digits, const char *tz)
{
    settings s;
    if (!locale || !tz || strlen(tz) >= TZ_MAX) return -1;
    if (digits != DIGITS_LATN && digits != DIGITS_ARAB) return -1;
    if (normalise_locale(locale, s.locale, sizeof s.locale) < 0) return -1;
    if (!zone_known(tz)) return -1;
    s.digits = digits;
    memcpy(s.tz, tz, strlen(tz) + 1);
    pthread_mutex_lock(&cfg_lock);
    cfg = s;
    atomic_fetch_add(&cfg_gen, 1);
    pthread_mutex_unlock(&cfg_lock);
    return 0;
}

/* ---- per-thread formatters --------------------------------------------- */

static void fmtset_close(fmtset *f)
{
    if (!f) return;
    if (f->greg) udat_close(f->greg);
    if (f->hijri) udat_close(f->hijri);
    if (f->time) udat_close(f->time);
    if (f->cal) ucal_close(f->cal);
    free(f);
}

static void key_destroy(void *p)
{
    fmtset_close(p);
}

static void key_make(void)
{
    if (pthread_key_create(&key, key_destroy) != 0) abort();
}

/* `base` with the calendar and numbering keywords set, into `out`. */
static int locale_with(const settings *s, const char *calendar, char *out,
                       size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    size_t n = strlen(s->locale);
    if (n >= cap) return -1;
    memcpy(out, s->locale, n + 1);
    uloc_setKeywordValue("calendar", calendar, out, (int32_t)cap, &st);
    uloc_setKeywordValue("numbers", s->digits == DIGITS_ARAB ? "arab" : "latn",
                         out, (int32_t)cap, &st);
    return U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ? -1 : 0;
}

/* A formatter for `pattern` in the site zone and `calendar`; Gregorian ones
 * are made proleptic so that years before 1582 are not Julian. */
static UDateFormat *open_format(const settings *s, const char *calendar,
                                const char *pattern)
{
    char loc[LOCALE_MAX + 48];
    UChar pat[32], zone[TZ_MAX];
    UErrorCode st = U_ZERO_ERROR;
    if (locale_with(s, calendar, loc, sizeof loc) < 0) return NULL;
    u_strFromUTF8(pat, 32, NULL, pattern, -1, &st);
    u_strFromUTF8(zone, TZ_MAX, NULL, s->tz, -1, &st);
    UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, zone, -1,
                               pat, -1, &st);
    if (U_FAILURE(st)) return NULL;
    if (strcmp(calendar, "gregorian") == 0) {
        UCalendar *c = ucal_clone(udat_getCalendar(f), &st);
        ucal_setGregorianChange(c, -1e300, &st);
        if (U_SUCCESS(st)) udat_setCalendar(f, c);
        if (c) ucal_close(c);
        if (U_FAILURE(st)) {
            udat_close(f);
            return NULL;
        }
    }
    return f;
}

static fmtset *fmtset_open(unsigned gen)
{
    settings s;
    pthread_mutex_lock(&cfg_lock);
    s = cfg;
    pthread_mutex_unlock(&cfg_lock);

    fmtset *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->gen = gen;
    for (int i = 0; i < HCACHE; i++) f->hcache[i].day = LLONG_MIN;
    f->greg = open_format(&s, "gregorian", "d MMMM y");
    f->hijri = open_format(&s, "islamic-umalqura", "d MMMM y");
    f->time = open_format(&s, "gregorian", "HH:mm");

    UChar zone[TZ_MAX];
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(zone, TZ_MAX, NULL, s.tz, -1, &st);
    f->cal = ucal_open(zone, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st)) f->cal = NULL;

    char lang[16];
    st = U_ZERO_ERROR;
    uloc_getLanguage(s.locale, lang, sizeof lang, &st);
    f->arabic = U_SUCCESS(st) && strcmp(lang, "ar") == 0;

    if (!f->greg || !f->hijri || !f->time || !f->cal) {
        fmtset_close(f);
        return NULL;
    }
    return f;
}

/* This thread's formatters for the current settings, or NULL. */
static fmtset *fmtset_get(void)
{
    pthread_once(&key_once, key_make);
    unsigned gen = atomic_load(&cfg_gen);
    fmtset *f = pthread_getspecific(key);
    if (f && f->gen == gen) return f;
    fmtset *fresh = fmtset_open(gen);
    if (pthread_setspecific(key, fresh) != 0) {     /* the old set stays */
        fmtset_close(fresh);
        return NULL;
    }
    fmtset_close(f);
    return fresh;
}

/* ---- formatting -------------------------------------------------------- */

static bool in_range(long long t)
{
    return t >= DATES_MIN && t <= DATES_MAX;
}

/* Format t with `f` into s[0..*len) as UTF-8 (NUL-terminated). */
static int format_utf8(const UDateFormat *f, long long t, char *s, size_t cap,
                       size_t *len)
{
    UChar u[OUT_MAX];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = udat_format(f, (UDate)t * 1000.0, u, OUT_MAX, NULL, &st);
    if (U_FAILURE(st) || n >= OUT_MAX) return -1;
    int32_t m = 0;
    u_strToUTF8(s, (int32_t)cap, &m, u, n, &st);
    if (U_FAILURE(st) || (size_t)m >= cap) return -1;
    *len = (size_t)m;
    return 0;
}

/* Format t with `f` and append it to `out`. */
static int append_format(buf *out, const UDateFormat *f, long long t)
{
    char s[OUT_MAX * 3];
    size_t n;
    if (format_utf8(f, t, s, sizeof s, &n) < 0) return -1;
    buf_append(out, s, n);
    return 0;
}

int dates_gregorian(buf *out, long long t)
{
    fmtset *f = in_range(t) ? fmtset_get() : NULL;
    return f ? append_format(out, f->greg, t) : -1;
}

int dates_time(buf *out, long long t)
{
    fmtset *f = in_range(t) ? fmtset_get() : NULL;
    return f ? append_format(out, f->time, t) : -1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's method). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void civil_from_days(long long z, long long *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static long long floor_div(long long a, long long b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The site zone's UTC offset at instant t, in seconds. */
static int offset_at(fmtset *f, long long t, int *off)
{
    UErrorCode st = U_ZERO_ERROR;
    ucal_setMillis(f->cal, (UDate)t * 1000.0, &st);
    int32_t zone = ucal_get(f->cal, UCAL_ZONE_OFFSET, &st);
    int32_t dst = ucal_get(f->cal, UCAL_DST_OFFSET, &st);
    if (U_FAILURE(st)) return -1;
    *off = (int)floor_div((long long)zone + dst, 1000);
    return 0;
}

/* The site zone's UTC offset for the wall-clock time `local` (seconds since
 * the epoch as if local were UTC). */
static int offset_for_local(fmtset *f, long long local, int *off)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t raw = 0, dst = 0;
    ucal_setMillis(f->cal, (UDate)local * 1000.0, &st);
    ucal_getTimeZoneOffsetFromLocal(f->cal, UCAL_TZ_LOCAL_FORMER,
                                    UCAL_TZ_LOCAL_FORMER, &raw, &dst, &st);
    if (U_FAILURE(st)) return -1;
    *off = (int)floor_div((long long)raw + dst, 1000);
    return 0;
}

int dates_hijri(buf *out, long long t)
{
    fmtset *f = in_range(t) ? fmtset_get() : NULL;
    int off;
    if (!f || offset_at(f, t, &off) < 0) return -1;
    long long day = floor_div(t + off, 86400);
    unsigned slot = (unsigned)(day & (HCACHE - 1));
    if (f->hcache[slot].day != day) {
        f->hcache[slot].day = LLONG_MIN;
        if (format_utf8(f->hijri, t, f->hcache[slot].s,
                        sizeof f->hcache[slot].s, &f->hcache[slot].len) < 0)
            return -1;
        f->hcache[slot].day = day;
    }
    buf_append(out, f->hcache[slot].s, f->hcache[slot].len);
    if (f->arabic) buf_puts(out, " هـ");
    return 0;
}

int dates_iso8601(buf *out, long long t)
{
    fmtset *f = in_range(t) ? fmtset_get() : NULL;
    int off;
    if (!f || offset_at(f, t, &off) < 0) return -1;
    off = (int)floor_div(off + 30, 60) * 60;  /* whole minutes */
    long long local = t + off, y;
    long long days = floor_div(local, 86400), secs = local - days * 86400;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) return -1;
    int aoff = off < 0 ? -off : off;
    buf_printf(out, "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d,
               (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60),
               off < 0 ? '-' : '+', aoff / 3600, aoff / 60 % 60);
    return 0;
}

/* ---- parsing ----------------------------------------------------------- */

typedef struct {
    const char *p, *end;
} cursor;

/* Read exactly n ASCII digits into *v. */
static bool read_digits(cursor *c, int n, int *v)
{
    if (c->end - c->p < n) return false;
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (c->p[i] < '0' || c->p[i] > '9') return false;
        x = x * 10 + (c->p[i] - '0');
    }
    c->p += n;
    *v = x;
    return true;
}

static bool read_char(cursor *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return true;
    }
    return false;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30,
                                           31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* "HH:MM[:SS[.fff]]" into *secs (seconds into the day). */
static bool read_clock(cursor *c, long long *secs)
{
    int h, mi, s = 0;
    if (!read_digits(c, 2, &h) || !read_char(c, ':') ||
        !read_digits(c, 2, &mi)) return false;
    if (read_char(c, ':')) {
        if (!read_digits(c, 2, &s)) return false;
        if (read_char(c, '.')) {
            const char *start = c->p;
            while (c->p < c->end && *c->p >= '0' && *c->p <= '9') c->p++;
            if (c->p == start || c->p - start > 9) return false;
        }
    }
    if (h > 23 || mi > 59 || s > 59) return false;
    *secs = h * 3600LL + mi * 60 + s;
    return true;
}

/* An optional "Z" or "±HH:MM": *has says which, *off is in seconds. */
static bool read_offset(cursor *c, bool *has, int *off)
{
    *has = false;
    if (c->p == c->end) return true;
    if (read_char(c, 'Z') || read_char(c, 'z')) {
        *has = true;
        *off = 0;
        return true;
    }
    int sign = read_char(c, '+') ? 1 : read_char(c, '-') ? -1 : 0;
    int h, m;
    if (!sign || !read_digits(c, 2, &h) || !read_char(c, ':') ||
        !read_digits(c, 2, &m) || h > 23 || m > 59) return false;
    *has = true;
    *off = sign * (h * 3600 + m * 60);
    return true;
}

int dates_parse(const char *s, size_t len, long long *t)
{
    cursor c = { s, s + len };
    int y, mo, d, off = 0;
    long long secs = 0;
    bool has_off = false;
    if (!s || !read_digits(&c, 4, &y) || !read_char(&c, '-') ||
        !read_digits(&c, 2, &mo) || !read_char(&c, '-') ||
        !read_digits(&c, 2, &d)) return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return -1;
    if (c.p < c.end) {
        if (!(read_char(&c, 'T') || read_char(&c, 't') || read_char(&c, ' ')))
            return -1;
        if (!read_clock(&c, &secs) || !read_offset(&c, &has_off, &off))
            return -1;
        if (c.p != c.end) return -1;
    }
    long long local = days_from_civil(y, mo, d) * 86400 + secs;
    if (!has_off) {
        fmtset *f = fmtset_get();
        if (!f || offset_for_local(f, local, &off) < 0) return -1;
    }
    long long r = local - off;
    if (!in_range(r)) return -1;
    *t = r;
    return 0;
}

int dates_rfc822(buf *out, long long t)
{
    static const char days[7][4] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
    static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    if (!in_range(t)) return -1;
    long long day = floor_div(t, 86400), secs = t - day * 86400, y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    buf_printf(out, "%s, %02d %s %04lld %02d:%02d:%02d GMT", days[(day % 7 + 7) % 7], d,
               months[m - 1], y, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    return 0;
}

int dates_iso8601_utc(buf *out, long long t)
{
    if (!in_range(t)) return -1;
    long long day = floor_div(t, 86400), secs = t - day * 86400, y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    buf_printf(out, "%04lld-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600),
               (int)(secs / 60 % 60), (int)(secs % 60));
    return 0;
}
