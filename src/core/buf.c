/* buf.c — growable strings; see buf.h. */
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

str str_c(const char *s)
{
    return (str){ s ? s : "", s ? strlen(s) : 0 };
}

bool str_eq(str a, str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool str_eqc(str s, const char *c)
{
    return str_eq(s, str_c(c));
}

bool str_starts(str s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

void buf_init(buf *b, arena *a)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->a = a;
}

void buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + extra + 1) {
        if (cap > (size_t)-1 / 2) abort();
        cap *= 2;
    }
    char *p;
    if (b->a) {
        p = arena_alloc(b->a, cap);
        if (b->len) memcpy(p, b->data, b->len);
    } else {
        p = realloc(b->data, cap);
        if (!p) {
            fputs("midad: out of memory\n", stderr);
            abort();
        }
    }
    b->data = p;
    b->cap = cap;
    b->data[b->len] = '\0';
}

void buf_append(buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        va_end(ap);
        return;
    }
    if ((size_t)n < sizeof tmp) {
        buf_append(b, tmp, (size_t)n);
    } else {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

void buf_clear(buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void buf_free(buf *b)
{
    if (!b->a) free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

str buf_str(const buf *b)
{
    return (str){ b->data ? b->data : "", b->len };
}
