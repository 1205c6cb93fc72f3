/* query.h — the reader's search query, parsed into our small language and
 * rebuilt as an FTS5 query.
 *
 * The language: words (all must match), "quoted phrases", -word and
 * -"phrase" to exclude, word* for a prefix. Everything else is text: user
 * input never reaches FTS5 as syntax, because every term is emitted as an
 * FTS5 string ("…", quotes doubled) that only our tokenizer reads. Words
 * that are not searched for (stop words, punctuation) are dropped here, so
 * FTS5 never sees an empty string. */
#ifndef MIDAD_QUERY_H
#define MIDAD_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

#define QUERY_MAX_BYTES 1024    /* longer queries are cut (at a character) */
#define QUERY_MAX_TERMS 16      /* further terms are ignored */

typedef struct {
    const char *text;       /* the word or phrase as typed (NUL-terminated) */
    size_t len;
    bool phrase;            /* it was quoted */
    bool prefix;            /* word* */
    bool exclude;           /* -word */
} query_term;

typedef struct {
    query_term *terms;      /* the terms kept, in the order typed */
    size_t n;
    size_t n_positive;      /* terms that are not excluded */
    size_t n_dropped;       /* terms dropped as stop words or noise */
    const char *match;      /* the FTS5 query; NULL when nothing to search for */
    const char **positive;  /* the FTS5 query of each positive term alone, in
                             * order (n_positive of them; for its frequency);
                             * NULL for a prefix (merging its words' lists
                             * is the costly part of a prefix search: once
                             * is enough) */
} query;

/* Parse q[0..len) (UTF-8; invalid bytes are treated as spaces). Everything
 * lives in a. Never fails: the worst input gives match == NULL. */
void query_parse(arena *a, const char *q, size_t len, query *out);

#endif
