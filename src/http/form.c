/* form.c — urlencoded form parsing; see form.h. */
#include "http/form.h"

#include <string.h>

#include "core/utf8.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decode s[0..n) into fresh arena memory; NULL on a bad escape. */
static char *decode(arena *a, const char *s, size_t n, size_t *out_len)
{
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            out[k++] = ' ';
        } else if (s[i] == '%') {
            if (i + 2 >= n) return NULL;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0) return NULL;
            out[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = '\0';
    *out_len = k;
    return out;
}

form_error form_parse(arena *a, const char *body, size_t len, form *f)
{
    memset(f, 0, sizeof *f);
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(body + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - body) : len;
        if (end > i) {                              /* skip empty pairs: a&&b */
            if (f->n == FORM_MAX_FIELDS) return FORM_TOO_MANY;
            const char *eq = memchr(body + i, '=', end - i);
            size_t name_end = eq ? (size_t)(eq - body) : end;
            size_t nlen, vlen = 0;
            char *name = decode(a, body + i, name_end - i, &nlen);
            char *value = eq ? decode(a, eq + 1, end - name_end - 1, &vlen)
                             : arena_strdup(a, "");
            if (!name || !value) return FORM_MALFORMED;
            if (memchr(name, 0, nlen) || memchr(value, 0, vlen) ||
                !utf8_valid(name, nlen) || !utf8_valid(value, vlen))
                return FORM_BAD_UTF8;
            f->names[f->n] = name;
            f->values[f->n] = value;
            f->lens[f->n++] = vlen;
        }
        i = end + 1;
    }
    return FORM_OK;
}

const char *form_get(const form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->names[i], name) == 0) return f->values[i];
    return NULL;
}

size_t form_count(const form *f, const char *name)
{
    size_t c = 0;
    for (size_t i = 0; i < f->n; i++) c += strcmp(f->names[i], name) == 0;
    return c;
}
