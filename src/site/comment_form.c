/* comment_form.c — cleaning and checking the comment form; see comment_form.h. */
#include "site/comment_form.h"

#include <string.h>
#include <strings.h>

#include "core/utf8.h"

/* Is the code point one to drop from what readers typed? */
static bool dropped(long cp, bool multiline)
{
    if (cp == '\n' || cp == '\t') return !multiline;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

const char *comment_clean(arena *a, const char *s, bool multiline)
{
    size_t n = strlen(s), k = 0;
    char *out = arena_alloc(a, n + 1);
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        long cp;
        size_t l = utf8_decode(p + i, n - i, &cp);
        if (!l) {                /* cannot happen: forms are checked at the door */
            i++;
            continue;
        }
        if (!dropped(cp, multiline)) {
            memcpy(out + k, s + i, l);
            k += l;
        }
        i += l;
    }
    out[k] = '\0';
    size_t start = 0;
    while (start < k && is_space(out[start])) start++;
    while (k > start && is_space(out[k - 1])) k--;
    out[k] = '\0';
    return out + start;
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

bool comment_email_valid(const char *s)
{
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    if (n < 3 || n > COMMENT_EMAIL_MAX || !at || at == s || strchr(at + 1, '@')) return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>()[]\\,;:\"", *p)) return false;
    const char *dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1] && !strstr(at, "..");
}

static bool website_valid(const char *s)
{
    size_t scheme = strncasecmp(s, "https://", 8) == 0 ? 8 : strncasecmp(s, "http://", 7) == 0 ? 7 : 0;
    if (!scheme || strlen(s) > COMMENT_WEBSITE_MAX || !s[scheme] || s[scheme] == '/') return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>\"'`", *p)) return false;
    return true;
}

static const char *field(arena *a, const form *f, const char *name, bool multiline)
{
    const char *v = form_get(f, name);
    return comment_clean(a, v ? v : "", multiline);
}

int comment_form_read(arena *a, const form *f, comment_form *c)
{
    memset(c, 0, sizeof *c);
    c->name = field(a, f, "name", false);
    c->email = field(a, f, "email", false);
    c->website = field(a, f, "website", false);
    c->body = field(a, f, "comment", true);
    const char *t = form_get(f, "token"), *hp = form_get(f, "url_confirm");
    c->token = t ? t : "";
    c->honeypot = hp ? hp : "";
    const char *parent = form_get(f, "parent");
    for (const char *p = parent; p && *p && p - parent < 15; p++) {
        if (*p < '0' || *p > '9') {
            c->parent_id = 0;
            break;
        }
        c->parent_id = c->parent_id * 10 + (*p - '0');
    }
    if (!c->name[0]) c->err_name = "comment_err_name_missing";
    else if (chars(c->name) > COMMENT_NAME_MAX) c->err_name = "comment_err_name_long";
    if (!c->email[0]) c->err_email = "comment_err_email_missing";
    else if (!comment_email_valid(c->email)) c->err_email = "comment_err_email_bad";
    if (c->website[0] && !website_valid(c->website)) c->err_website = "comment_err_website_bad";
    if (!c->body[0]) c->err_body = "comment_err_body_missing";
    else if (chars(c->body) > COMMENT_BODY_MAX) {
        c->err_body = "comment_err_body_long";
        c->too_long = true;
    }
    c->n_errors = !!c->err_name + !!c->err_email + !!c->err_website + !!c->err_body;
    return c->n_errors;
}
