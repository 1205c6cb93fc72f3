/* plural.c — plural categories with ICU's uplrules; see plural.h.
 * A rules object is not documented as thread-safe, so each thread opens
 * its own on first use and keeps it for its life. */
#include "text/plural.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unicode/upluralrules.h>

static char plural_locale[32] = "ar";
static pthread_mutex_t locale_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_uint locale_gen = 1;       /* bumped by plural_configure */
static pthread_key_t rules_key;
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;
static _Thread_local UPluralRules *rules;
static _Thread_local unsigned rules_gen;

static void rules_close(void *p)
{
    uplrules_close(p);
}

static void rules_key_make(void)
{
    pthread_key_create(&rules_key, rules_close);
}

void plural_configure(const char *locale)
{
    pthread_mutex_lock(&locale_lock);
    snprintf(plural_locale, sizeof plural_locale, "%s", locale);
    atomic_fetch_add(&locale_gen, 1);
    pthread_mutex_unlock(&locale_lock);
}

const char *plural_category(long long n)
{
    static const char *const names[] = { "zero", "one", "two", "few", "many", "other" };
    unsigned gen = atomic_load(&locale_gen);
    if (rules && rules_gen != gen) {        /* the locale changed: reopen */
        uplrules_close(rules);
        rules = NULL;
        pthread_setspecific(rules_key, NULL);
    }
    if (!rules) {
        UErrorCode e = U_ZERO_ERROR;
        char locale[sizeof plural_locale];
        pthread_once(&rules_once, rules_key_make);
        pthread_mutex_lock(&locale_lock);
        memcpy(locale, plural_locale, sizeof locale);
        pthread_mutex_unlock(&locale_lock);
        rules_gen = gen;
        rules = uplrules_open(locale, &e);
        if (U_FAILURE(e)) {
            rules = NULL;
            return "other";
        }
        pthread_setspecific(rules_key, rules);
    }
    UChar kw[16];
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = uplrules_select(rules, (double)n, kw, 16, &e);
    if (U_FAILURE(e) || len <= 0 || len >= 16) return "other";
    char ascii[16];
    for (int32_t i = 0; i <= len; i++) ascii[i] = (char)(i < len ? kw[i] : 0);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(ascii, names[i]) == 0) return names[i];
    return "other";
}
