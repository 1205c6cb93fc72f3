/* blocklist.c — spam words matched on the search analysis; see blocklist.h.
 *
 * Entries and comments go through the same pipeline as search (text/
 * tokenize: normalise, drop stop words, stem), so "الكــــازينـو" with
 * tatweel and the article matches the entry "كازينو". A word becomes a
 * position holding its stem and the alternative readings the stemmer
 * offers; an entry matches where each of its positions shares a term with
 * the consecutive positions of the text. */
#include "text/blocklist.h"

#include <string.h>

#include "core/assets.h"
#include "core/utf8.h"
#include "text/stem.h"
#include "text/tokenize.h"

typedef struct {
    const char **terms;
    size_t n, cap;
} position;

typedef struct {
    position *at;
    size_t n, cap;
} phrase;

struct blocklist {
    phrase *entries;
    size_t n, cap;
};

typedef struct {
    arena *a;
    phrase *p;
} collect_ctx;

static void *grow(arena *a, void *old, size_t n, size_t *cap, size_t size)
{
    if (n < *cap) return old;
    size_t c = *cap ? *cap * 2 : 8;
    void *fresh = arena_alloc(a, c * size);
    if (n) memcpy(fresh, old, n * size);
    *cap = c;
    return fresh;
}

static int collect_term(void *ctx, int flags, const char *term, size_t len, size_t start,
                        size_t end)
{
    collect_ctx *c = ctx;
    phrase *p = c->p;
    if (!(flags & TERM_COLOCATED) || p->n == 0) {
        p->at = grow(c->a, p->at, p->n, &p->cap, sizeof *p->at);
        memset(&p->at[p->n++], 0, sizeof *p->at);
    }
    position *pos = &p->at[p->n - 1];
    pos->terms = grow(c->a, pos->terms, pos->n, &pos->cap, sizeof *pos->terms);
    pos->terms[pos->n++] = arena_strndup(c->a, term, len);
    return 0;
}

static phrase phrase_of(arena *a, const char *text, size_t len)
{
    phrase p = { 0 };
    collect_ctx c = { a, &p };
    stemmer *st = stemmer_of_thread();
    if (st && utf8_valid(text, len)) analyse(st, text, len, ANALYSE_QUERY, collect_term, &c);
    return p;
}

/* Add each line of `text` (skipping blanks and '#' comments) as an entry. */
static void add_entries(arena *a, blocklist *bl, const char *text)
{
    while (text && *text) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        if (len && text[0] != '#') {
            phrase p = phrase_of(a, text, len);
            if (p.n) {
                bl->entries = grow(a, bl->entries, bl->n, &bl->cap, sizeof *bl->entries);
                bl->entries[bl->n++] = p;
            }
        }
        text = nl ? nl + 1 : NULL;
    }
}

blocklist *blocklist_load(arena *a, const char *extra)
{
    blocklist *bl = arena_zalloc(a, sizeof *bl);
    const asset *builtin = asset_find("locale/blocklist.txt");
    add_entries(a, bl, builtin ? builtin->data : NULL);
    add_entries(a, bl, extra);
    return bl;
}

size_t blocklist_size(const blocklist *bl)
{
    return bl ? bl->n : 0;
}

static bool share_term(const position *x, const position *y)
{
    for (size_t i = 0; i < x->n; i++)
        for (size_t k = 0; k < y->n; k++)
            if (strcmp(x->terms[i], y->terms[k]) == 0) return true;
    return false;
}

static bool entry_at(const phrase *entry, const phrase *text, size_t at)
{
    if (at + entry->n > text->n) return false;
    for (size_t k = 0; k < entry->n; k++)
        if (!share_term(&entry->at[k], &text->at[at + k])) return false;
    return true;
}

bool blocklist_match(const blocklist *bl, arena *a, const char *text, size_t len)
{
    if (!bl || !bl->n) return false;
    phrase t = phrase_of(a, text, len);
    for (size_t at = 0; at < t.n; at++)
        for (size_t e = 0; e < bl->n; e++)
            if (entry_at(&bl->entries[e], &t, at)) return true;
    return false;
}
