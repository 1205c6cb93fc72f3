/* tokenize.c — splitting text into words and words into search terms; see
 * tokenize.h. */
#include "text/tokenize.h"

#include <string.h>

#include "core/utf8.h"

/* The code point at text[i] and its class; *n gets its length (1 for an
 * invalid byte, which separates words). */
static char_class class_at(const char *text, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) {
        *n = 1;
        return arabic_char_class(c);
    }
    long cp;
    *n = utf8_decode((const unsigned char *)text + i, len - i, &cp);
    if (!*n) {
        *n = 1;
        return CH_SEP;
    }
    return arabic_char_class(cp);
}

bool tokenize_next(const char *text, size_t len, size_t *pos, token_word *w)
{
    size_t i = *pos, n;
    char_class c = CH_SEP;
    while (i < len && (c = class_at(text, len, i, &n)) == CH_SEP) i += n;
    if (i >= len) {
        *pos = len;
        return false;
    }
    w->start = i;
    w->cls = c;                 /* CH_IGNORE until the first letter or digit */
    for (i += n; i < len; i += n) {
        c = class_at(text, len, i, &n);
        if (c == CH_SEP) break;
        if (c == CH_IGNORE) continue;
        if (w->cls == CH_IGNORE) w->cls = c;
        else if (c != w->cls) break;
    }
    w->end = i;
    *pos = i;
    return true;
}

size_t analyse_word_key(const char *text, const token_word *w, char *key, bool keep_stop)
{
    if (w->cls == CH_IGNORE) return 0;
    size_t n = arabic_normalise(text + w->start, w->end - w->start, key, ARABIC_KEEP_MAQSURA);
    if (!n) return 0;
    if (w->cls == CH_ARABIC && n <= 2) return 0;       /* one letter: a clitic */
    if (!keep_stop && arabic_is_stopword(key, n)) return 0;
    return n;
}

/* The surface term: SURFACE_MARK + the key with ى and ة folded. */
static int emit_surface(term_fn fn, void *ctx, int flags, const char *key, size_t n,
                        const token_word *w)
{
    char s[ARABIC_KEY_MAX + 2];
    s[0] = SURFACE_MARK;
    memcpy(s + 1, key, n);
    arabic_fold_maqsura(s + 1, n);
    arabic_fold_ta_marbuta(s + 1, n);
    return fn(ctx, flags, s, n + 1, w->start, w->end);
}

int analyse_word(stemmer *st, const char *key, size_t n, const token_word *w,
                 analyse_mode mode, term_fn fn, void *ctx)
{
    if (mode == ANALYSE_PREFIX) return emit_surface(fn, ctx, 0, key, n, w);
    stem_term terms[STEM_MAX_TERMS];
    size_t k = mode == ANALYSE_INDEX ? stem_index(st, key, n, w->cls, terms)
                                     : stem_query(st, key, n, w->cls, terms);
    for (size_t i = 0; i < k; i++) {
        int rc = fn(ctx, i ? TERM_COLOCATED : 0, terms[i].s, terms[i].len, w->start, w->end);
        if (rc) return rc;
    }
    return mode == ANALYSE_INDEX ? emit_surface(fn, ctx, TERM_COLOCATED, key, n, w) : 0;
}

int analyse(stemmer *st, const char *text, size_t len, analyse_mode mode, term_fn fn,
            void *ctx)
{
    size_t pos = 0;
    token_word w;
    char key[ARABIC_KEY_MAX + 1];
    while (tokenize_next(text, len, &pos, &w)) {
        size_t n = analyse_word_key(text, &w, key, mode == ANALYSE_PREFIX);
        if (!n) continue;
        int rc = analyse_word(st, key, n, &w, mode, fn, ctx);
        if (rc) return rc;
    }
    return 0;
}

size_t analyse_count_words(const char *text, size_t len, size_t max)
{
    size_t pos = 0, count = 0;
    token_word w;
    char key[ARABIC_KEY_MAX + 1];
    while (count < max && tokenize_next(text, len, &pos, &w))
        if (analyse_word_key(text, &w, key, false)) count++;
    return count;
}
