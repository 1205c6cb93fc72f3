/* similar.c — term vectors, TF-IDF, cosine and the related score; see
 * similar.h. */
#include "text/similar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/tokenize.h"

uint32_t similar_term_id(const char *term, size_t len)
{
    uint32_t h = 2166136261u;               /* FNV-1a */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)term[i]) * 16777619u;
    return h ? h : 1;
}

/* --- counting: an open-addressing table of ids ----------------------------- */

typedef struct {
    arena *a;
    similar_term *slots;        /* id 0 = empty */
    const char **words;
    size_t cap, n;
    int weight;                 /* of the field being analysed */
    const char *text;           /* the field's text, for the words */
    similar_each_fn each;       /* NULL, or called for this field's stems */
    void *each_ctx;
} counter;

static void counter_init(counter *c, arena *a, size_t cap)
{
    c->a = a;
    c->cap = cap;
    c->n = 0;
    c->slots = arena_zalloc(a, cap * sizeof *c->slots);
    c->words = arena_zalloc(a, cap * sizeof *c->words);
}

static void counter_put(counter *c, uint32_t id, float w, const char *word)
{
    size_t i = id & (c->cap - 1);
    while (c->slots[i].id && c->slots[i].id != id) i = (i + 1) & (c->cap - 1);
    if (!c->slots[i].id) {
        c->slots[i].id = id;
        c->words[i] = word;
        c->n++;
    }
    c->slots[i].w += w;
}

static void counter_grow(counter *c)
{
    counter old = *c;
    counter_init(c, c->a, old.cap * 2);
    c->weight = old.weight;
    c->text = old.text;
    c->each = old.each;
    c->each_ctx = old.each_ctx;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].id) counter_put(c, old.slots[i].id, old.slots[i].w, old.words[i]);
}

/* The stem of each word (the first term at a position; extra readings and
 * surface forms share its position and are left out of the vector; the
 * surface forms go to `each`). */
static int count_term(void *p, int flags, const char *term, size_t len, size_t start,
                      size_t end)
{
    counter *c = p;
    if (flags & TERM_COLOCATED) {
        if (c->each && len > 1 && term[0] == SURFACE_MARK) c->each(c->each_ctx, term + 1, len - 1);
        return 0;
    }
    if (c->n * 10 >= c->cap * 7) counter_grow(c);
    uint32_t id = similar_term_id(term, len);
    size_t before = c->n;
    counter_put(c, id, (float)c->weight, NULL);
    if (c->n > before) {                   /* a new term: remember its word */
        size_t i = id & (c->cap - 1);
        while (c->slots[i].id != id) i = (i + 1) & (c->cap - 1);
        c->words[i] = arena_strndup(c->a, c->text + start, end - start);
    }
    return 0;
}

static int id_cmp(const void *pa, const void *pb)
{
    const similar_term *a = pa, *b = pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

typedef struct {
    similar_term t;
    const char *word;
} term_word;

static int tw_cmp(const void *pa, const void *pb)
{
    return id_cmp(&((const term_word *)pa)->t, &((const term_word *)pb)->t);
}

int similar_count(stemmer *st, arena *a, const char *title, const char *lead,
                  const char *body, similar_each_fn each, void *each_ctx,
                  similar_counts *out)
{
    counter c;
    counter_init(&c, a, 1024);
    const char *fields[3] = { title, lead, body };
    const int weights[3] = { SIMILAR_W_TITLE, SIMILAR_W_LEAD, 1 };
    for (int f = 0; f < 3; f++) {
        if (!fields[f]) continue;
        c.weight = weights[f];
        c.text = fields[f];
        c.each = f ? each : NULL;
        c.each_ctx = each_ctx;
        if (analyse(st, fields[f], strlen(fields[f]), ANALYSE_INDEX, count_term, &c))
            return -1;
    }
    term_word *tw = arena_alloc(a, (c.n ? c.n : 1) * sizeof *tw);
    size_t n = 0;
    for (size_t i = 0; i < c.cap; i++)
        if (c.slots[i].id) tw[n++] = (term_word){ c.slots[i], c.words[i] };
    qsort(tw, n, sizeof *tw, tw_cmp);
    out->terms = arena_alloc(a, (n ? n : 1) * sizeof *out->terms);
    out->words = arena_alloc(a, (n ? n : 1) * sizeof *out->words);
    for (size_t i = 0; i < n; i++) {
        out->terms[i] = tw[i].t;
        out->words[i] = tw[i].word;
    }
    out->n = n;
    return 0;
}

/* --- weighting ------------------------------------------------------------- */

double similar_idf(long long df, long long ndocs)
{
    if (df < 1) df = 1;
    if (ndocs < df) ndocs = df;
    return log(1.0 + (double)ndocs / (double)df);   /* never 0: a shared word still counts */
}

/* Order for keeping: heavier first, then the smaller id (deterministic). */
static int heavier(const similar_term *a, const similar_term *b)
{
    return a->w > b->w || (a->w == b->w && a->id < b->id);
}

static void swap_terms(similar_term *t, const char **words, long long *df, size_t i,
                       size_t j)
{
    similar_term x = t[i];
    t[i] = t[j];
    t[j] = x;
    if (words) {
        const char *w = words[i];
        words[i] = words[j];
        words[j] = w;
    }
    long long d = df[i];
    df[i] = df[j];
    df[j] = d;
}

/* Move the k heaviest of t[0..n) to the front (partial selection sort on a
 * small k, or a full sort by weight). */
static void select_heaviest(similar_term *t, const char **words, long long *df, size_t n,
                            size_t k)
{
    for (size_t i = 0; i < k && i < n; i++) {
        size_t best = i;
        for (size_t j = i + 1; j < n; j++)
            if (heavier(&t[j], &t[best])) best = j;
        if (best != i) swap_terms(t, words, df, i, best);
    }
}

/* Sort t[0..n) (and words) by id: insertion sort, n is at most SIMILAR_KEEP-ish. */
static void sort_by_id(similar_term *t, const char **words, long long *df, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && t[j].id < t[j - 1].id; j--) swap_terms(t, words, df, j, j - 1);
}

size_t similar_weigh(similar_term *t, const char **words, size_t n, long long *df,
                     long long ndocs, size_t keep)
{
    for (size_t i = 0; i < n; i++)
        t[i].w = (float)((1.0 + log(t[i].w > 1 ? t[i].w : 1.0)) * similar_idf(df[i], ndocs));
    size_t k = n < keep ? n : keep;
    if (k < n) select_heaviest(t, words, df, n, k);
    double norm = 0;
    for (size_t i = 0; i < k; i++) norm += (double)t[i].w * t[i].w;
    norm = sqrt(norm);
    for (size_t i = 0; i < k; i++) t[i].w = norm > 0 ? (float)(t[i].w / norm) : 0.0f;
    sort_by_id(t, words, df, k);
    return k;
}

size_t similar_strongest(const similar_term *v, const long long *df, size_t n, size_t k,
                         size_t *idx)
{
    size_t m = 0;
    for (size_t j = 0; k && j < n; j++) {     /* insertion into idx[0..m), best first */
        size_t i;
        if (df && df[j] < 2) continue;        /* no other document has it */
        if (m < k) i = m++;
        else if (heavier(&v[j], &v[idx[k - 1]])) i = k - 1;
        else continue;
        for (; i > 0 && heavier(&v[j], &v[idx[i - 1]]); i--) idx[i] = idx[i - 1];
        idx[i] = j;
    }
    return m;
}

double similar_cosine(const similar_term *a, size_t na, const similar_term *b, size_t nb)
{
    double dot = 0;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i].id == b[j].id) dot += (double)a[i++].w * b[j++].w;
        else if (a[i].id < b[j].id) i++;
        else j++;
    }
    return dot;
}

double similar_score(double cosine, bool same_section, long long t1, long long t2)
{
    double days = fabs((double)(t1 - t2)) / 86400.0;
    double close = 30.0 / (30.0 + days);        /* 1 on the same day, ½ at 30 days */
    return cosine * (same_section ? 1.1 : 1.0) * (1.0 + 0.1 * close);
}

static int hit_above(const similar_hit *a, const similar_hit *b)
{
    return a->score > b->score || (a->score == b->score && a->id > b->id);
}

void similar_keep(similar_hit *top, size_t *n, size_t k, similar_hit hit)
{
    size_t i;
    if (!k) return;
    if (*n < k) i = (*n)++;
    else if (hit_above(&hit, &top[k - 1])) i = k - 1;
    else return;
    for (; i > 0 && hit_above(&hit, &top[i - 1]); i--) top[i] = top[i - 1];
    top[i] = hit;
}

/* --- storage --------------------------------------------------------------- */

void similar_pack(const similar_term *v, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++, out += 8) {
        uint32_t w;
        memcpy(&w, &v[i].w, 4);
        for (int b = 0; b < 4; b++) {
            out[b] = (unsigned char)(v[i].id >> (8 * b));
            out[4 + b] = (unsigned char)(w >> (8 * b));
        }
    }
}

size_t similar_unpack(arena *a, const void *blob, size_t len, similar_term **out)
{
    const unsigned char *p = blob;
    if (!p || len % 8) return 0;
    size_t n = len / 8;
    similar_term *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++, p += 8) {
        uint32_t id = 0, w = 0;
        for (int b = 0; b < 4; b++) {
            id |= (uint32_t)p[b] << (8 * b);
            w |= (uint32_t)p[4 + b] << (8 * b);
        }
        v[i].id = id;
        memcpy(&v[i].w, &w, 4);
    }
    *out = v;
    return n;
}
