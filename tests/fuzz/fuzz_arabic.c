/* fuzz_arabic.c — libFuzzer target for the analysis pipeline (text/arabic,
 * text/stem, text/tokenize): keys are valid UTF-8 within their bound and
 * normalising is idempotent; every term's offsets lie inside the text, in
 * order; the three modes never disagree on what a word is; the bulk
 * analyser (text/fts: a word memo, replayed into FTS5 by `midad reindex`)
 * gives exactly the terms analyse() gives, cold and from its memo. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "text/fts.h"
#include "text/tokenize.h"

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_arabic: %s\n", what);
        abort();
    }
}

typedef struct {
    size_t len, last_start, terms;
} state;

static int on_term(void *ctx, int flags, const char *t, size_t n, size_t s, size_t e)
{
    state *st = ctx;
    check(n > 0 && n <= STEM_TERM_MAX + 1, "term length");
    check(utf8_valid(t, n), "term not UTF-8");
    check(s < e && e <= st->len, "offsets outside the text");
    check(st->terms == 0 || s >= st->last_start, "offsets out of order");
    check(!(flags & TERM_COLOCATED) || st->terms > 0, "first term colocated");
    st->last_start = s;
    st->terms++;
    return 0;
}

static stemmer *st_global;
static fts_analyser *an_global;

/* Every term with its flags and offsets, appended to a buf. */
static int record(void *ctx, int flags, const char *t, size_t n, size_t s, size_t e)
{
    buf_printf(ctx, "%d %zu %zu %zu:", flags, s, e, n);
    buf_append(ctx, t, n);
    return 0;
}

/* analyse() and the bulk analyser agree, term for term. */
static void check_bulk(const char *in, size_t size)
{
    if (!an_global) an_global = fts_analyser_new();
    buf want;
    buf_init(&want, NULL);
    analyse(st_global, in, size, ANALYSE_INDEX, record, &want);
    for (int pass = 0; pass < 2; pass++) {           /* cold, then from the memo */
        fts_ready r;
        fts_ready_analyse(an_global, &r, in, size);
        buf got;
        buf_init(&got, NULL);
        fts_ready_terms(&r, record, &got);
        check(got.len == want.len && (!got.len || memcmp(got.data, want.data, got.len) == 0),
              "bulk analysis differs from analyse()");
        buf_free(&got);
        buf_free(&r.terms);
    }
    buf_free(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!st_global) st_global = stemmer_new();
    const char *in = (const char *)data;
    char key[ARABIC_KEY_MAX + 1], again[ARABIC_KEY_MAX + 1];
    if (utf8_valid(in, size)) {
        size_t n = arabic_normalise(in, size, key, 0);
        check(n <= ARABIC_KEY_MAX && strlen(key) == n, "key length");
        check(utf8_valid(key, n), "key not UTF-8");
        if (n + 16 < ARABIC_KEY_MAX) {
            size_t m = arabic_normalise(key, n, again, 0);
            check(m == n && memcmp(key, again, n) == 0, "normalise not idempotent");
        }
    }
    if (utf8_valid(in, size)) check_bulk(in, size);
    for (int mode = ANALYSE_INDEX; mode <= ANALYSE_PREFIX; mode++) {
        state s = { size, 0, 0 };
        analyse(st_global, in, size, (analyse_mode)mode, on_term, &s);
    }
    return 0;
}
