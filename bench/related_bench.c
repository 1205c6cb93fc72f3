/* related_bench.c — bench helper for "see also" (bench/related).
 *
 *   related_bench time DB N           store_related_update on N random
 *                                     published articles: median, p95, max ms
 *   related_bench eval DB LABELS      precision@5 of the stored lists against
 *                                     two baselines (newest in the same
 *                                     section; BM25 of the headline words)
 *   related_bench dupes PAIRS         for each line "LABEL TAB FILE TAB FILE"
 *                                     print "LABEL TAB similarity" (text/dupes
 *                                     on the two files' text)
 *
 * LABELS has one line per article: FILE-NAME TAB TOPIC (the import key and
 * the planted story thread, bench/related_corpus.py). The BM25 baseline
 * queries the search index directly with SQLite's bm25() (a benchmark may
 * know SQL; the product never does outside src/store/). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "store/store.h"
#include "text/dupes.h"
#include "text/fts.h"
#include "text/tokenize.h"

static double clock_ms(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long long *published_ids(sqlite3 *db, size_t *n)
{
    sqlite3_stmt *st;
    size_t cap = 1024;
    long long *ids = malloc(cap * sizeof *ids);
    *n = 0;
    sqlite3_prepare_v2(db, "SELECT id FROM articles WHERE status = 'published' ORDER BY id", -1,
                       &st, NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) ids = realloc(ids, (cap *= 2) * sizeof *ids);
        ids[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return ids;
}

static int cmd_time(const char *path, int n)
{
    char err[256];
    store *s = store_open(path, true, err, sizeof err);
    sqlite3 *db;
    if (!s || sqlite3_open(path, &db) != SQLITE_OK) return fprintf(stderr, "%s\n", err), 1;
    size_t np;
    long long *ids = published_ids(db, &np);
    double *ms = malloc((size_t)n * sizeof *ms), *cpu = malloc((size_t)n * sizeof *cpu);
    srand(7);
    for (int i = 0; i < n; i++) {
        long long id = ids[(size_t)rand() % np];
        double t = now_ms(), c = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
        if (store_related_update(s, id)) return fprintf(stderr, "%s\n", store_errmsg(s)), 1;
        ms[i] = now_ms() - t;
        cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c;
    }
    qsort(ms, (size_t)n, sizeof *ms, dbl_cmp);
    qsort(cpu, (size_t)n, sizeof *cpu, dbl_cmp);
    printf("one article's list (compute, store, refresh others), %d articles of %zu\n"
           "  wall: median %.1f ms, p95 %.1f ms, max %.1f ms\n"
           "  CPU:  median %.1f ms, p95 %.1f ms, max %.1f ms\n",
           n, np, ms[n / 2], ms[(n * 95) / 100], ms[n - 1], cpu[n / 2], cpu[(n * 95) / 100],
           cpu[n - 1]);
    free(ms);
    free(cpu);
    free(ids);
    sqlite3_close(db);
    store_close(s);
    return 0;
}

/* --- eval ------------------------------------------------------------------ */

typedef struct {
    long long id, section;
    char *key, *title;
    int topic;
} doc;

static int doc_by_id(const void *a, const void *b)
{
    long long x = ((const doc *)a)->id, y = ((const doc *)b)->id;
    return (x > y) - (x < y);
}

static const doc *find(const doc *d, size_t n, long long id)
{
    doc k = { .id = id };
    return bsearch(&k, d, n, sizeof *d, doc_by_id);
}

/* Topic numbers from LABELS (key TAB topic), looked up by import key. */
static doc *load_docs(sqlite3 *db, const char *labels, size_t *n)
{
    FILE *f = fopen(labels, "r");
    if (!f) return NULL;
    char line[512];
    size_t nl = 0, cap = 1024;
    char **keys = malloc(cap * sizeof *keys);
    int *topics = malloc(cap * sizeof *topics);
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        if (nl == cap) keys = realloc(keys, (cap *= 2) * sizeof *keys),
                       topics = realloc(topics, cap * sizeof *topics);
        keys[nl] = strdup(line);
        topics[nl++] = atoi(tab + 1);
    }
    fclose(f);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT id, coalesce(section_id, 0), import_key, title FROM articles"
                           " WHERE status = 'published' ORDER BY id", -1, &st, NULL);
    doc *d = NULL;
    *n = 0;
    size_t dcap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 2);
        int topic = -1;         /* -1: in no thread (background) */
        for (size_t i = 0; key && i < nl && topic < 0; i++)
            if (strcmp(keys[i], key) == 0) topic = topics[i];
        if (*n == dcap) d = realloc(d, (dcap = dcap ? 2 * dcap : 1024) * sizeof *d);
        d[*n] = (doc){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), strdup(key ? key : ""),
                       strdup((const char *)sqlite3_column_text(st, 3)), topic };
        (*n)++;
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < nl; i++) free(keys[i]);
    free(keys);
    free(topics);
    return d;
}

/* The headline's words as an FTS5 OR query ("w1" OR "w2" …). */
static const char *headline_query(arena *a, const char *title)
{
    buf b;
    buf_init(&b, a);
    size_t pos = 0, len = strlen(title);
    token_word w;
    while (tokenize_next(title, len, &pos, &w)) {
        if (!analyse_count_words(title + w.start, w.end - w.start, 1)) continue;
        buf_printf(&b, "%s\"%.*s\"", b.len ? " OR " : "", (int)(w.end - w.start), title + w.start);
    }
    return b.len ? b.data : NULL;
}

static int bm25_headline(sqlite3 *db, arena *a, const doc *x, long long *out)
{
    static sqlite3_stmt *st;
    if (!st) sqlite3_prepare_v2(db, "SELECT rowid FROM search WHERE search MATCH ?1 AND rowid <> ?2"
                                    " ORDER BY bm25(search) LIMIT 5", -1, &st, NULL);
    const char *q = headline_query(a, x->title);
    int n = 0;
    if (!q) return 0;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, x->id);
    while (n < 5 && sqlite3_step(st) == SQLITE_ROW) out[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return n;
}

typedef struct {
    double topic, section, found;
} score;

static void tally(score *sc, const doc *d, size_t nd, const doc *x, const long long *ids, int n)
{
    for (int i = 0; i < n; i++) {
        const doc *o = find(d, nd, ids[i]);
        if (!o) continue;
        sc->topic += o->topic >= 0 && o->topic == x->topic;
        sc->section += o->section == x->section;
    }
    sc->found += n;
}

static int cmd_eval(const char *path, const char *labels)
{
    char err[256];
    store *s = store_open(path, true, err, sizeof err);
    sqlite3 *db;
    if (!s || sqlite3_open(path, &db) != SQLITE_OK) return fprintf(stderr, "%s\n", err), 1;
    size_t nd;
    doc *d = load_docs(db, labels, &nd);
    if (!d || !nd) return fprintf(stderr, "no labelled articles\n"), 1;
    score ours = { 0 }, newest = { 0 }, bm25 = { 0 };
    arena *a = arena_new(0);
    size_t labelled = 0;
    for (size_t i = 0; i < nd; i++, arena_reset(a)) {
        long long ids[5];
        if (d[i].topic < 0) continue;       /* only thread stories are judged */
        labelled++;
        store_article_list l;
        if (store_related_list(s, a, d[i].id, 5, &l)) return 1;
        for (size_t k = 0; k < l.n; k++) ids[k] = l.items[k].id;
        tally(&ours, d, nd, &d[i], ids, (int)l.n);
        store_filter f = { .section_id = d[i].section, .exclude_id = d[i].id, .limit = 5 };
        if (store_articles_list(s, a, &f, &l)) return 1;
        for (size_t k = 0; k < l.n; k++) ids[k] = l.items[k].id;
        tally(&newest, d, nd, &d[i], ids, (int)l.n);
        tally(&bm25, d, nd, &d[i], ids, bm25_headline(db, a, &d[i], ids));
    }
    printf("%zu labelled articles of %zu; precision@5 (a missing item counts as wrong)\n",
           labelled, nd);
    nd = labelled;
    printf("%-34s %12s %14s %10s\n", "", "same story", "same section", "items");
    const char *names[3] = { "midad \"see also\"", "newest in the same section", "BM25 of the headline" };
    score *all[3] = { &ours, &newest, &bm25 };
    for (int k = 0; k < 3; k++)
        printf("%-34s %12.3f %14.3f %10.2f\n", names[k], all[k]->topic / (5.0 * nd),
               all[k]->section / (5.0 * nd), all[k]->found / nd);
    arena_free(a);
    return 0;
}

/* --- near-duplicates ------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[1 << 20];
    *len = fread(buf, 1, sizeof buf - 1, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

static int cmd_dupes(const char *pairs)
{
    FILE *f = fopen(pairs, "r");
    stemmer *st = stemmer_new();
    if (!f || !st) return 1;
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        char *a = strchr(line, '\t'), *b = a ? strchr(a + 1, '\t') : NULL;
        if (!b) continue;
        *a++ = 0;
        *b++ = 0;
        b[strcspn(b, "\n")] = 0;
        dupes_sig x, y;
        size_t n;
        char *t = slurp(a, &n);
        if (!t || dupes_signature(st, t, n, &x)) return 1;
        if (!(t = slurp(b, &n)) || dupes_signature(st, t, n, &y)) return 1;
        printf("%s\t%.4f\n", line, dupes_similarity(&x, &y));
    }
    fclose(f);
    stemmer_free(st);
    return 0;
}

int main(int argc, char **argv)
{
    if (fts_register()) return 1;
    if (argc == 4 && strcmp(argv[1], "time") == 0) return cmd_time(argv[2], atoi(argv[3]));
    if (argc == 4 && strcmp(argv[1], "eval") == 0) return cmd_eval(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "dupes") == 0) return cmd_dupes(argv[2]);
    fputs("usage: related_bench time DB N | eval DB LABELS | dupes PAIRS\n", stderr);
    return 2;
}
