/* reltime.c — relative times with ICU's ureldatefmt; see reltime.h.
 * A formatter is not thread-safe: each thread opens its own on first use
 * and keeps it for its life. */
#include "text/reltime.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <stdio.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>

static char rel_locale[64] = "ar@numbers=latn";
static pthread_mutex_t locale_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_uint locale_gen = 1;       /* bumped by reltime_configure */
static pthread_key_t fmt_key;
static pthread_once_t fmt_once = PTHREAD_ONCE_INIT;
static _Thread_local URelativeDateTimeFormatter *fmt;
static _Thread_local unsigned fmt_gen;

static void fmt_close(void *p)
{
    ureldatefmt_close(p);
}

static void fmt_key_make(void)
{
    pthread_key_create(&fmt_key, fmt_close);
}

void reltime_configure(const char *locale)
{
    pthread_mutex_lock(&locale_lock);
    snprintf(rel_locale, sizeof rel_locale, "%s", locale);
    atomic_fetch_add(&locale_gen, 1);
    pthread_mutex_unlock(&locale_lock);
}

static URelativeDateTimeFormatter *formatter(void)
{
    unsigned gen = atomic_load(&locale_gen);
    if (fmt && fmt_gen == gen) return fmt;
    if (fmt) {                              /* the locale changed: reopen */
        ureldatefmt_close(fmt);
        pthread_setspecific(fmt_key, NULL);
    }
    fmt = NULL;
    UErrorCode e = U_ZERO_ERROR;
    char locale[sizeof rel_locale];
    pthread_once(&fmt_once, fmt_key_make);
    pthread_mutex_lock(&locale_lock);
    memcpy(locale, rel_locale, sizeof locale);
    pthread_mutex_unlock(&locale_lock);
    fmt_gen = gen;
    fmt = ureldatefmt_open(locale, NULL, UDAT_STYLE_LONG,
                           UDISPCTX_CAPITALIZATION_NONE, &e);
    if (U_FAILURE(e)) {
        fmt = NULL;
        return NULL;
    }
    pthread_setspecific(fmt_key, fmt);
    return fmt;
}

int reltime_format(buf *out, long long t, long long now)
{
    static const struct { long long secs; URelativeDateTimeUnit unit; } units[] = {
        { 365LL * 86400, UDAT_REL_UNIT_YEAR }, { 30LL * 86400, UDAT_REL_UNIT_MONTH },
        { 86400, UDAT_REL_UNIT_DAY }, { 3600, UDAT_REL_UNIT_HOUR },
        { 60, UDAT_REL_UNIT_MINUTE }, { 1, UDAT_REL_UNIT_SECOND },
    };
    URelativeDateTimeFormatter *f = formatter();
    if (!f) return -1;
    long long ago = now > t ? now - t : 0;
    size_t k = 0;
    while (k + 1 < sizeof units / sizeof units[0] && ago < units[k].secs) k++;
    double amount = -(double)(ago / units[k].secs);
    UChar u[128];
    char s[512];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = ureldatefmt_format(f, amount, units[k].unit, u, 128, &e);
    int32_t m = 0;
    if (U_SUCCESS(e)) u_strToUTF8(s, sizeof s, &m, u, n, &e);
    if (U_FAILURE(e) || m <= 0 || (size_t)m >= sizeof s) return -1;
    buf_append(out, s, (size_t)m);
    return 0;
}
