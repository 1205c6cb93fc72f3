/* fuzz_arabic.c — libFuzzer target for the analysis pipeline (text/arabic,
 * text/stem, text/tokenize): keys are valid UTF-8 within their bound and
 * normalising is idempotent; every term's offsets lie inside the text, in
 * order; the three modes never disagree on what a word is. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
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
    for (int mode = ANALYSE_INDEX; mode <= ANALYSE_PREFIX; mode++) {
        state s = { size, 0, 0 };
        analyse(st_global, in, size, (analyse_mode)mode, on_term, &s);
    }
    return 0;
}
