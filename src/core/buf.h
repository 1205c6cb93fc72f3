/* buf.h — growable, length-carrying byte strings.
 *
 * A buf owns `data[0..len)` and keeps a NUL after it, so data can be passed
 * to C APIs. A buf made with an arena takes its memory from the arena (never
 * freed by hand); one made with NULL uses malloc and must be buf_free'd.
 * `str` is a borrowed slice: pointer plus length, no ownership. */
#ifndef MIDAD_BUF_H
#define MIDAD_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct {
    const char *ptr;
    size_t len;
} str;

typedef struct {
    char *data;
    size_t len, cap;
    arena *a;            /* NULL = heap */
} buf;

/* A str over a C string (NULL gives the empty str). */
str str_c(const char *s);
/* True if the two slices hold the same bytes. */
bool str_eq(str a, str b);
/* True if `s` equals the C string `c`. */
bool str_eqc(str s, const char *c);
/* True if `s` starts with the C string `prefix`. */
bool str_starts(str s, const char *prefix);

/* Start an empty buf that allocates from `a` (or the heap when NULL). */
void buf_init(buf *b, arena *a);
/* Make room for `extra` more bytes. */
void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Forget the contents, keep the memory. */
void buf_clear(buf *b);
/* Release heap memory (no-op for arena bufs). */
void buf_free(buf *b);
/* The contents as a str. */
str buf_str(const buf *b);

#endif
