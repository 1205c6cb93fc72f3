/* snippet.c — highlighted snippets from byte offsets; see snippet.h.
 *
 * Stemming every word of ten bodies would cost more than the search, so a
 * word is stemmed only when one of the query's stems occurs in its key
 * (a stem is the word without its affixes, so it occurs in the word; the
 * stemmer's own folds of ؤ ئ ى ة are applied to the key first), and the
 * body is read only up to a window past its first match. */
#include "site/snippet.h"

#include <stdlib.h>
#include <string.h>

#include "render/escape.h"
#include "text/arabic.h"
#include "text/tokenize.h"

#define WINDOW 30           /* words in a snippet */
#define SCAN_MAX 12000      /* bytes of body looked at for a snippet */

struct snippet_terms {
    stemmer *st;
    const char **stems;     /* sorted, for bsearch */
    size_t n_stems;
    const char **prefixes;  /* surface forms (SURFACE_MARK + key) */
    size_t n_prefixes;
    size_t cap;
};

typedef struct {
    size_t start, end;
    bool mark;
} hword;

typedef struct {
    arena *a;
    snippet_terms *t;
    hword *w;
    size_t n, cap;
    bool mark;          /* the current word matched */
} marker;

static int add_term(void *ctx, int flags, const char *term, size_t len, size_t s, size_t e)
{
    void **c = ctx;
    arena *a = c[0];
    snippet_terms *t = c[1];
    bool prefix = term[0] == SURFACE_MARK;
    size_t *n = prefix ? &t->n_prefixes : &t->n_stems;
    const char **list = prefix ? t->prefixes : t->stems;
    if (*n < t->cap) list[(*n)++] = arena_strndup(a, term, len);
    return 0;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

snippet_terms *snippet_terms_new(arena *a, const query *q)
{
    snippet_terms *t = arena_zalloc(a, sizeof *t);
    t->cap = QUERY_MAX_TERMS * STEM_MAX_TERMS * 4;
    t->stems = arena_alloc(a, t->cap * sizeof *t->stems);
    t->prefixes = arena_alloc(a, t->cap * sizeof *t->prefixes);
    t->st = stemmer_of_thread();
    if (!t->st) return t;                   /* no highlighting then */
    void *ctx[2] = { a, t };
    for (size_t i = 0; i < q->n; i++) {
        const query_term *qt = &q->terms[i];
        if (!qt->exclude)
            analyse(t->st, qt->text, qt->len, qt->prefix ? ANALYSE_PREFIX : ANALYSE_QUERY,
                    add_term, ctx);
    }
    qsort(t->stems, t->n_stems, sizeof *t->stems, cmp_str);
    return t;
}

static bool matches(const snippet_terms *t, const char *term, size_t len)
{
    char key[STEM_TERM_MAX + 2];
    if (len > STEM_TERM_MAX) return false;
    if (term[0] == SURFACE_MARK) {
        for (size_t i = 0; i < t->n_prefixes; i++) {
            size_t n = strlen(t->prefixes[i]);
            if (n <= len && memcmp(t->prefixes[i], term, n) == 0) return true;
        }
        return false;
    }
    memcpy(key, term, len);
    key[len] = '\0';
    const char *k = key;
    return bsearch(&k, t->stems, t->n_stems, sizeof *t->stems, cmp_str) != NULL;
}

static int on_term(void *ctx, int flags, const char *term, size_t len, size_t s, size_t e)
{
    marker *m = ctx;
    if (!m->mark && matches(m->t, term, len)) m->mark = true;
    return 0;
}

static void push(marker *m, size_t start, size_t end, bool mark)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        hword *w = arena_alloc(m->a, cap * sizeof *w);
        if (m->n) memcpy(w, m->w, m->n * sizeof *w);
        m->w = w;
        m->cap = cap;
    }
    m->w[m->n++] = (hword){ start, end, mark };
}

/* Could the word with this key match? A query stem occurs in it (after
 * the stemmer's folds), or it starts with a prefix. */
static bool candidate(const snippet_terms *t, const char *key, size_t n)
{
    char k[ARABIC_KEY_MAX + 2];
    k[0] = SURFACE_MARK;
    memcpy(k + 1, key, n);
    k[n + 1] = '\0';
    arabic_fold_maqsura(k + 1, n);
    arabic_fold_ta_marbuta(k + 1, n);
    for (size_t i = 0; i < t->n_prefixes; i++)
        if (strncmp(k, t->prefixes[i], strlen(t->prefixes[i])) == 0) return true;
    for (size_t i = 1; i + 1 < n + 1; i++) {    /* ؤ → و, ئ → ي as Snowball does */
        unsigned char a = (unsigned char)k[i], b = (unsigned char)k[i + 1];
        if (a == 0xD8 && b == 0xA4) k[i + 1] = (char)0x88, k[i] = (char)0xD9;
        else if (a == 0xD8 && b == 0xA6) k[i + 1] = (char)0x8A, k[i] = (char)0xD9;
    }
    for (size_t i = 0; i < t->n_stems; i++)
        if (strstr(k + 1, t->stems[i])) return true;
    return false;
}

/* The indexed words of text with their marks; with `stop`, reading ends
 * WINDOW words after the first mark. */
static void mark_words(arena *a, snippet_terms *t, const char *text, size_t len, bool stop,
                       marker *m)
{
    *m = (marker){ a, t, NULL, 0, 0, false };
    if (!t->st || !(t->n_stems || t->n_prefixes)) return;
    size_t pos = 0, first = (size_t)-1, n;
    token_word w;
    char key[ARABIC_KEY_MAX + 1];
    while (tokenize_next(text, len, &pos, &w)) {
        if (!(n = analyse_word_key(text, &w, key, false))) continue;
        m->mark = false;
        if (candidate(t, key, n)) analyse_word(t->st, key, n, &w, ANALYSE_INDEX, on_term, m);
        push(m, w.start, w.end, m->mark);
        if (m->mark && first == (size_t)-1) first = m->n;
        if (stop && first != (size_t)-1 && m->n >= first + WINDOW) break;
    }
}

/* Escape text[from..to) with the marked words of m[first..last) in <mark>. */
static void emit(buf *b, const char *text, size_t from, size_t to, const marker *m,
                 size_t first, size_t last)
{
    size_t at = from;
    for (size_t i = first; i < last; i++) {
        if (!m->w[i].mark) continue;
        escape_html(b, text + at, m->w[i].start - at);
        buf_puts(b, "<mark>");
        escape_html(b, text + m->w[i].start, m->w[i].end - m->w[i].start);
        buf_puts(b, "</mark>");
        at = m->w[i].end;
    }
    escape_html(b, text + at, to - at);
}

str snippet_highlight(arena *a, snippet_terms *t, const char *text, size_t len)
{
    marker m;
    mark_words(a, t, text, len, false, &m);
    buf b;
    buf_init(&b, a);
    emit(&b, text, 0, len, &m, 0, m.n);
    return (str){ b.data ? b.data : "", b.len };
}

/* The start of the WINDOW words holding the most marks (0 if none). */
static size_t best_window(const marker *m, size_t *marks)
{
    size_t best = 0, best_n = 0, n = 0;
    for (size_t i = 0; i < m->n; i++) {
        n += m->w[i].mark;
        if (i >= WINDOW) n -= m->w[i - WINDOW].mark;
        if (n > best_n) {
            best_n = n;
            best = i >= WINDOW ? i - WINDOW + 1 : 0;
        }
    }
    *marks = best_n;
    for (size_t i = best; best_n && i < m->n && !m->w[i].mark; i++) best = i + 1;
    return best > 5 ? best - 5 : 0;         /* a little context before */
}

/* Cut len to SCAN_MAX at a character boundary. */
static size_t scan_len(const char *s, size_t len)
{
    if (len <= SCAN_MAX) return len;
    len = SCAN_MAX;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;
    return len;
}

str snippet_make(arena *a, snippet_terms *t, const char *lead, const char *body)
{
    marker m;
    size_t len = scan_len(body, strlen(body)), marks;
    mark_words(a, t, body, len, true, &m);
    size_t start = best_window(&m, &marks);
    if (!marks || m.n == 0) {
        size_t n = strlen(lead);
        if (n) return snippet_highlight(a, t, lead, n);
        if (m.n == 0) return (str){ "", 0 };
    }
    size_t end = start + WINDOW < m.n ? start + WINDOW : m.n;
    size_t from = start ? m.w[start].start : 0, to = m.w[end - 1].end, pos = to;
    size_t blen = strlen(body);
    token_word next;
    bool cut = tokenize_next(body, blen, &pos, &next);     /* words follow */
    if (!cut) to = blen;                                   /* keep the final stop */
    buf b;
    buf_init(&b, a);
    if (start) buf_puts(&b, "… ");
    emit(&b, body, from, to, &m, start, end);
    if (cut) buf_puts(&b, " …");
    return (str){ b.data, b.len };
}
