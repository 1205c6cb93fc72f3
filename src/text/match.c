/* match.c — a query tested against plain text with the search analysis;
 * see match.h. */
#include "text/match.h"

#include <string.h>

#include "text/tokenize.h"

#define MAX_WORDS 64     /* analysed words of the query */
#define MAX_ALTS 256     /* their terms, alternatives included */

typedef struct {
    const char *s;
    size_t len;
    bool prefix;
    int word;            /* index in words[] */
} alt;

typedef struct {
    int term;            /* index of the query term */
    bool found;
} word;

struct text_matcher {
    stemmer *st;
    alt alts[MAX_ALTS];
    size_t n_alts;
    word words[MAX_WORDS];
    size_t n_words;
    const query *q;
    arena *a;
    int cur_term;
    bool cur_prefix;
};

static int on_query_term(void *ctx, int flags, const char *t, size_t len, size_t start,
                         size_t end)
{
    text_matcher *m = ctx;
    if (!(flags & TERM_COLOCATED)) {
        if (m->n_words == MAX_WORDS) return 1;
        m->words[m->n_words++] = (word){ m->cur_term, false };
    }
    if (!m->n_words || m->n_alts == MAX_ALTS) return 1;
    m->alts[m->n_alts++] = (alt){ arena_strndup(m->a, t, len), len, m->cur_prefix,
                                  (int)m->n_words - 1 };
    return 0;
}

text_matcher *text_matcher_new(arena *a, const query *q)
{
    if (!q->match || !q->n_positive) return NULL;
    text_matcher *m = arena_zalloc(a, sizeof *m);
    m->a = a;
    m->q = q;
    if (!(m->st = stemmer_of_thread())) return NULL;
    for (size_t i = 0; i < q->n; i++) {
        const query_term *t = &q->terms[i];
        m->cur_term = (int)i;
        m->cur_prefix = t->prefix;
        analyse(m->st, t->text, t->len, t->prefix ? ANALYSE_PREFIX : ANALYSE_QUERY,
                on_query_term, m);
    }
    return m;
}

static int on_text_term(void *ctx, int flags, const char *t, size_t len, size_t start,
                        size_t end)
{
    text_matcher *m = ctx;
    for (size_t i = 0; i < m->n_alts; i++) {
        const alt *x = &m->alts[i];
        if (m->words[x->word].found) continue;
        if (x->prefix ? len >= x->len && memcmp(t, x->s, x->len) == 0
                      : len == x->len && memcmp(t, x->s, len) == 0)
            m->words[x->word].found = true;
    }
    return 0;
}

/* A term is present when all of its analysed words are (a term whose
 * words were all dropped counts as absent). */
static bool term_present(const text_matcher *m, int term)
{
    bool any = false;
    for (size_t i = 0; i < m->n_words; i++) {
        if (m->words[i].term != term) continue;
        if (!m->words[i].found) return false;
        any = true;
    }
    return any;
}

bool text_matcher_test(text_matcher *m, const char *const *texts, size_t n)
{
    if (!m) return false;
    for (size_t i = 0; i < m->n_words; i++) m->words[i].found = false;
    for (size_t i = 0; i < n; i++)
        if (texts[i]) analyse(m->st, texts[i], strlen(texts[i]), ANALYSE_INDEX, on_text_term, m);
    bool positive = false;
    for (size_t i = 0; i < m->q->n; i++) {
        bool present = term_present(m, (int)i);
        if (m->q->terms[i].exclude && present) return false;
        if (!m->q->terms[i].exclude && !present) {
            /* a positive term with no analysable word is not searched */
            bool has_words = false;
            for (size_t j = 0; j < m->n_words; j++)
                if (m->words[j].term == (int)i) has_words = true;
            if (has_words) return false;
        }
        if (!m->q->terms[i].exclude && present) positive = true;
    }
    return positive;
}
