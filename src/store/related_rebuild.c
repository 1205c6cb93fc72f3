/* related_rebuild.c — store_related_rebuild: every published article's
 * "see also" list and duplicate links recomputed, in memory, on all cores.
 *
 * Phases: (1) worker threads, each with its own connection and stemmer,
 * analyse the articles (the same related_load as one article's update);
 * (2) document frequencies and postings (term → articles) are counted;
 * (3) workers weigh the vectors; (4) near-duplicates are grouped by band
 * key and joined into clusters headed by their oldest story; (5) workers
 * score each article's candidates exactly as store_related_update does
 * (its strongest terms' newest SIMILAR_POSTINGS articles, then cosine and
 * boosts), the postings coming from memory instead of the search index;
 * (6) everything is written in one transaction (related_rebuild_write.c).
 * Editors' pins and exclusions live in their own table and are untouched. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/related_rebuild.h"

static const char SQL_IDS[] =
    "SELECT id FROM articles WHERE status = 'published' ORDER BY id";

typedef void (*rb_work)(rebuild *rb, store *s, stemmer *st, arena *a, size_t i, void *scratch);

typedef struct {
    rebuild *rb;
    rb_work work;
    size_t scratch;             /* bytes of zeroed scratch memory per thread */
} phase;

static void *worker(void *p)
{
    phase *ph = p;
    rebuild *rb = ph->rb;
    char err[256];
    store *s = store_open(rb->path, false, err, sizeof err);
    stemmer *st = stemmer_new();
    arena *a = arena_new(1 << 20);
    void *scratch = ph->scratch ? calloc(1, ph->scratch) : NULL;
    if (!s || !st || (ph->scratch && !scratch)) atomic_store(&rb->failed, 1);
    while (!atomic_load(&rb->failed)) {
        size_t i = atomic_fetch_add(&rb->next, 1);
        if (i >= rb->n) break;
        ph->work(rb, s, st, a, i, scratch);
        arena_reset(a);
        atomic_fetch_add(&rb->done, 1);
    }
    free(scratch);
    arena_free(a);
    stemmer_free(st);
    if (s) store_close(s);
    return NULL;
}

/* Run work on every doc with `threads` threads; the calling thread reports
 * progress. */
static int run_phase(rebuild *rb, int threads, rb_work work, size_t scratch, bool report)
{
    phase ph = { rb, work, scratch };
    pthread_t tid[16];
    int started = 0;
    atomic_store(&rb->next, 0);
    atomic_store(&rb->done, 0);
    for (; started < threads; started++)
        if (pthread_create(&tid[started], NULL, worker, &ph)) break;
    if (!started) return -1;
    while (report && rb->progress) {
        long long d = atomic_load(&rb->done);
        rb->progress(rb->ctx, rb->done_before + d, 3 * (long long)rb->n);
        if (d >= (long long)rb->n || atomic_load(&rb->failed)) break;
        struct timespec ts = { 0, 100 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    for (int i = 0; i < started; i++) pthread_join(tid[i], NULL);
    if (report) rb->done_before += (long long)rb->n;
    return atomic_load(&rb->failed) ? -1 : 0;
}

/* --- 1: analysis ------------------------------------------------------------ */

static void analyse_one(rebuild *rb, store *s, stemmer *st, arena *a, size_t i, void *unused)
{
    rb_doc *d = &rb->docs[i];
    related_doc rd;
    if (related_load(s, st, a, d->id, &rd) < 0) {
        atomic_store(&rb->failed, 1);
        return;
    }
    d->section_id = rd.section_id;
    d->published_at = rd.published_at;
    d->sig = rd.sig;
    d->head = d->id;
    d->nterms = (uint32_t)rd.counts.n;
    d->terms = malloc((rd.counts.n ? rd.counts.n : 1) * sizeof *d->terms);
    if (!d->terms) {
        atomic_store(&rb->failed, 1);
        return;
    }
    memcpy(d->terms, rd.counts.terms, rd.counts.n * sizeof *d->terms);
}

/* --- 2: document frequencies and postings ------------------------------------ */

size_t rb_slot(const rb_terms *t, uint32_t id)
{
    size_t i = (id * 2654435761u) & (t->cap - 1);
    while (t->ids[i] && t->ids[i] != id) i = (i + 1) & (t->cap - 1);
    return i;
}

static int terms_init(rb_terms *t, size_t cap)
{
    t->cap = cap;
    t->n = 0;
    t->ids = calloc(cap, sizeof *t->ids);
    t->df = calloc(cap, sizeof *t->df);
    t->start = NULL;
    t->post = NULL;
    return t->ids && t->df ? 0 : -1;
}

static void terms_free(rb_terms *t)
{
    free(t->ids);
    free(t->df);
    free(t->start);
    free(t->post);
}

/* Double the table (before postings exist). */
static int terms_grow(rb_terms *t)
{
    rb_terms old = *t;
    if (terms_init(t, old.cap * 2)) return -1;
    for (size_t i = 0; i < old.cap; i++)
        if (old.ids[i]) {
            size_t sl = rb_slot(t, old.ids[i]);
            t->ids[sl] = old.ids[i];
            t->df[sl] = old.df[i];
            t->n++;
        }
    terms_free(&old);
    return 0;
}

static int count_df(rebuild *rb)
{
    size_t total = 0;
    rb_terms *t = &rb->terms;
    for (size_t i = 0; i < rb->n; i++) total += rb->docs[i].nterms;
    if (terms_init(t, 1 << 16)) return -1;
    for (size_t i = 0; i < rb->n; i++) {
        for (uint32_t k = 0; k < rb->docs[i].nterms; k++) {
            if ((t->n + 1) * 10 >= t->cap * 7 && terms_grow(t)) return -1;
            size_t sl = rb_slot(t, rb->docs[i].terms[k].id);
            if (!t->ids[sl]) {
                t->ids[sl] = rb->docs[i].terms[k].id;
                t->n++;
            }
            t->df[sl]++;
        }
    }
    t->start = calloc(t->cap + 1, sizeof *t->start);
    t->post = malloc((total ? total : 1) * sizeof *t->post);
    if (!t->start || !t->post) return -1;
    uint64_t at = 0;
    for (size_t sl = 0; sl < t->cap; sl++) {
        t->start[sl] = at;
        at += t->df[sl];
    }
    t->start[t->cap] = at;
    uint32_t *fill = calloc(t->cap, sizeof *fill);
    if (!fill) return -1;
    for (size_t i = 0; i < rb->n; i++)         /* in id order: postings ascend */
        for (uint32_t k = 0; k < rb->docs[i].nterms; k++) {
            size_t sl = rb_slot(t, rb->docs[i].terms[k].id);
            t->post[t->start[sl] + fill[sl]++] = (uint32_t)i;
        }
    free(fill);
    return 0;
}

/* --- 3: weighing ---------------------------------------------------------------- */

static void weigh_one(rebuild *rb, store *s, stemmer *st, arena *a, size_t i, void *unused)
{
    rb_doc *d = &rb->docs[i];
    long long *df = arena_alloc(a, (d->nterms ? d->nterms : 1) * sizeof *df);  /* permuted */
    for (uint32_t k = 0; k < d->nterms; k++)
        df[k] = rb->terms.df[rb_slot(&rb->terms, d->terms[k].id)];
    d->nv = (uint32_t)similar_weigh(d->terms, NULL, d->nterms, df, (long long)rb->n,
                                    SIMILAR_KEEP);
}

/* --- 4: near-duplicates ------------------------------------------------------------ */

typedef rb_band band_row;

static int band_cmp(const void *pa, const void *pb)
{
    const band_row *a = pa, *b = pb;
    return a->key != b->key ? (a->key < b->key ? -1 : 1) : (a->doc > b->doc) - (a->doc < b->doc);
}

static size_t uf_find(size_t *parent, size_t i)
{
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

/* Join the docs of each band group that are near-duplicates. */
static void join_group(rebuild *rb, const band_row *g, size_t n, size_t *parent)
{
    if (n > 200) n = 200;           /* a degenerate key: compare its first ones only */
    for (size_t x = 0; x < n; x++)
        for (size_t y = x + 1; y < n; y++) {
            size_t a = g[x].doc, b = g[y].doc;
            if (uf_find(parent, a) == uf_find(parent, b)) continue;
            if (dupes_similarity(&rb->docs[a].sig, &rb->docs[b].sig) < DUPES_THRESHOLD) continue;
            size_t ra = uf_find(parent, a), rbt = uf_find(parent, b);
            if (ra < rbt) parent[rbt] = ra;         /* the smaller index (older id) heads */
            else parent[ra] = rbt;
        }
}

static int find_dupes(rebuild *rb)
{
    band_row *rows = malloc((rb->n ? rb->n : 1) * DUPES_BANDS * sizeof *rows);
    size_t *parent = malloc((rb->n ? rb->n : 1) * sizeof *parent), nrows = 0;
    if (!rows || !parent) return free(rows), free(parent), -1;
    for (size_t i = 0; i < rb->n; i++) {
        parent[i] = i;
        if (rb->docs[i].sig.shingles < DUPES_MIN_SHINGLES) continue;
        uint32_t keys[DUPES_BANDS];
        dupes_bands(&rb->docs[i].sig, keys);
        for (int b = 0; b < DUPES_BANDS; b++) rows[nrows++] = (band_row){ keys[b], (uint32_t)i };
    }
    qsort(rows, nrows, sizeof *rows, band_cmp);
    for (size_t g = 0, e; g < nrows; g = e) {
        for (e = g + 1; e < nrows && rows[e].key == rows[g].key; e++) {}
        if (e - g > 1) join_group(rb, rows + g, e - g, parent);
    }
    for (size_t i = 0; i < rb->n; i++) {
        rb_doc *h = &rb->docs[uf_find(parent, i)];
        rb->docs[i].head = h->id;
        rb->docs[i].dup_sim = h->id == rb->docs[i].id ? 0 : dupes_similarity(&rb->docs[i].sig, &h->sig);
    }
    free(parent);
    rb->bands = rows;       /* sorted by key: written in that order */
    rb->nbands = nrows;
    return 0;
}

/* --- 5: scoring ------------------------------------------------------------------- */

/* Scratch of a scoring thread: a weight per doc and the docs touched. */
static void score_one(rebuild *rb, store *s, stemmer *st, arena *a, size_t i, void *scratch)
{
    rb_doc *d = &rb->docs[i];
    double *acc = scratch;
    uint32_t *touched = (uint32_t *)(acc + rb->n);
    size_t nt = 0, idx[SIMILAR_QUERY_TERMS];
    long long df[SIMILAR_KEEP];
    for (uint32_t t = 0; t < d->nv; t++) df[t] = rb->terms.df[rb_slot(&rb->terms, d->terms[t].id)];
    size_t k = similar_strongest(d->terms, df, d->nv, SIMILAR_QUERY_TERMS, idx);
    for (size_t q = 0; q < k; q++) {
        size_t sl = rb_slot(&rb->terms, d->terms[idx[q]].id);
        uint64_t b = rb->terms.start[sl], e = rb->terms.start[sl + 1];
        if (e - b > SIMILAR_POSTINGS) b = e - SIMILAR_POSTINGS;  /* the newest */
        for (uint64_t p = b; p < e; p++) {
            uint32_t j = rb->terms.post[p];
            if (j == i) continue;
            if (acc[j] == 0) touched[nt++] = j;
            acc[j] += d->terms[idx[q]].w;
        }
    }
    similar_hit cand[SIMILAR_CANDIDATES];       /* ids are doc indices here */
    size_t nc = 0, ntop = 0;
    for (size_t t = 0; t < nt; t++) {
        uint32_t j = touched[t];
        similar_keep(cand, &nc, SIMILAR_CANDIDATES, (similar_hit){ (long long)j, acc[j] });
        acc[j] = 0;
    }
    for (size_t c = 0; c < nc; c++) {
        const rb_doc *o = &rb->docs[cand[c].id];
        if (o->head == d->head) continue;       /* the same story */
        double cos = similar_cosine(d->terms, d->nv, o->terms, o->nv);
        if (cos < SIMILAR_MIN_COSINE) continue;
        bool same = d->section_id && d->section_id == o->section_id;
        similar_keep(d->top, &ntop, SIMILAR_KEPT,
                     (similar_hit){ o->id, similar_score(cos, same, d->published_at,
                                                         o->published_at) });
    }
    d->ntop = (uint32_t)ntop;
}

/* Each story enters the lists of the stories it ranks for (the scores
 * are symmetric), as store_related_update does for one article. */
static void push_lists(rebuild *rb)
{
    for (size_t i = 0; i < rb->n; i++) {
        rb_doc *d = &rb->docs[i];
        for (uint32_t k = 0; k < d->ntop; k++) {
            size_t lo = 0, hi = rb->n;          /* the other doc, by id */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (rb->docs[mid].id < d->top[k].id) lo = mid + 1;
                else hi = mid;
            }
            rb_doc *o = &rb->docs[lo];
            bool there = false;
            for (uint32_t m = 0; m < o->ntop; m++) there |= o->top[m].id == d->id;
            size_t n = o->ntop;
            if (!there) similar_keep(o->top, &n, SIMILAR_KEPT, (similar_hit){ d->id, d->top[k].score });
            o->ntop = (uint32_t)n;
        }
    }
}

/* --- the whole rebuild --------------------------------------------------------------- */

static int load_ids(rebuild *rb)
{
    sqlite3_stmt *st = store_stmt_sql(rb->s, SQL_IDS);
    if (!st) return -1;
    size_t cap = 1024;
    rb->docs = calloc(cap, sizeof *rb->docs);
    int rc = SQLITE_ERROR;
    while (rb->docs && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (rb->n == cap) {
            rb_doc *bigger = realloc(rb->docs, 2 * cap * sizeof *bigger);
            if (!bigger) break;
            memset(bigger + cap, 0, cap * sizeof *bigger);
            rb->docs = bigger;
            cap *= 2;
        }
        rb->docs[rb->n++].id = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    return rb->docs && rc == SQLITE_DONE ? 0 : -1;
}

static int rebuild_run(rebuild *rb, int threads)
{
    if (load_ids(rb) || run_phase(rb, threads, analyse_one, 0, true) || count_df(rb) ||
        run_phase(rb, threads, weigh_one, 0, false) || find_dupes(rb))
        return -1;
    size_t scratch = rb->n * (sizeof(double) + sizeof(uint32_t)) + 8;
    if (run_phase(rb, threads, score_one, scratch, true)) return -1;
    push_lists(rb);
    return rb_write(rb);
}

int store_related_rebuild(store *s, int threads,
                          void (*progress)(void *ctx, long long done, long long total),
                          void *ctx)
{
    rebuild rb = { .s = s, .progress = progress, .ctx = ctx };
    rb.path = sqlite3_db_filename(s->db, "main");
    if (!rb.path || !rb.path[0]) return -1;
    threads = threads < 1 ? 1 : threads > 16 ? 16 : threads;
    int rc = rebuild_run(&rb, threads);
    for (size_t i = 0; i < rb.n; i++) free(rb.docs[i].terms);
    free(rb.docs);
    free(rb.bands);
    terms_free(&rb.terms);
    return rc;
}
