/* settings_form.c — reading and checking the settings page's form; see
 * settings_form.h. */
#include "admin/settings_form.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "site/comment_form.h"

const char *const settings_keys[SET_COUNT] = {
    "site_name", "site_description", "locale", "digits", "per_page",
    "comment_moderation", "comment_close_days",
};
const char *const settings_defaults[SET_COUNT] = {
    "", "", "ar", "latn", "10", "first", "0",
};

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* s is one of the '|'-separated words of `choices`. */
static bool one_of(const char *s, const char *choices)
{
    size_t n = strlen(s);
    for (const char *p = choices; n && *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && strncmp(p, s, n) == 0) return true;
        p += len + (p[len] == '|');
    }
    return false;
}

/* s is a decimal number in [min, max] without sign, space or leading zeros. */
static bool number_in(const char *s, long min, long max)
{
    size_t n = strlen(s);
    if (!n || n > 6 || strspn(s, "0123456789") != n || (s[0] == '0' && n > 1)) return false;
    long v = atol(s);
    return v >= min && v <= max;
}

static const char *check(setting_field k, const char *v)
{
    switch (k) {
    case SET_SITE_NAME:
        return !v[0] ? "settings_err_required" : chars(v) > 100 ? "settings_err_long" : NULL;
    case SET_SITE_DESCRIPTION: return chars(v) > 300 ? "settings_err_long" : NULL;
    case SET_LOCALE: return one_of(v, "ar|en") ? NULL : "settings_err_choice";
    case SET_DIGITS: return one_of(v, "latn|arab") ? NULL : "settings_err_choice";
    case SET_PER_PAGE: return number_in(v, 1, 100) ? NULL : "settings_err_per_page";
    case SET_COMMENT_MODERATION: return one_of(v, "all|first|none") ? NULL : "settings_err_choice";
    case SET_COMMENT_CLOSE_DAYS: return number_in(v, 0, 3650) ? NULL : "settings_err_close_days";
    case SET_COUNT: break;
    }
    return "settings_err_choice";
}

int settings_form_read(arena *a, const form *f, settings_form *out)
{
    memset(out, 0, sizeof *out);
    for (int k = 0; k < SET_COUNT; k++) {
        const char *raw = form_get(f, settings_keys[k]);
        const char *v = comment_clean(a, raw ? raw : "", false);
        out->value[k] = v;
        out->error[k] = check((setting_field)k, v);
        out->n_errors += out->error[k] != NULL;
    }
    return out->n_errors;
}
