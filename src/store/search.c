/* search.c — the search side of store.h: ranked full-text search over the
 * published articles (rebuilding the index: search_reindex.c).
 *
 * The index (migration 3) is an FTS5 table fed by triggers on articles;
 * search_docs keeps each indexed article's section and date, so a search
 * filters and boosts without reading the large article rows. One pass over
 * at most STORE_SEARCH_MAX matches, newest first, ranks them with
 * midad_rank (text/fts.c: BM25 with each term's document frequency
 * sampled from its newest matches, not counted over all of them) and keeps
 * the best offset+limit in a heap; only the page's articles are read
 * whole. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "store/sqlite_int.h"

/* Weights of title, subtitle, lead, body (the FTS5 column order). */
#define RANK_WEIGHTS "6 3 3 1"

static const char SQL_MATCH[] =
    "SELECT d.id, midad_rank(search, ?5, d.size, ?7), d.published_at"
    " FROM search JOIN search_docs d ON d.id = search.rowid"
    " WHERE search MATCH ?1 AND (?2 = 0 OR d.section_id = ?2)"
    " AND d.published_at >= ?3 AND d.published_at <= ?4"
    " ORDER BY search.rowid DESC LIMIT ?6";

static const char SQL_CARD[] =
    "SELECT " ARTICLE_CARD_COLS ", midad_body_text(a.body_src) FROM articles a"
    " LEFT JOIN sections s ON s.id = a.section_id"
    " WHERE a.id = ?1 AND a.status = 'published'";

typedef struct {
    double score;
    long long id;
} hit;

/* a ranks above b: higher score, then the newer id */
static int above(const hit *a, const hit *b)
{
    return a->score > b->score || (a->score == b->score && a->id > b->id);
}

/* A min-heap of the best k hits: h[0] is the worst kept. */
static void heap_offer(hit *h, size_t *n, size_t k, hit x)
{
    size_t i;
    if (*n < k) {
        for (i = (*n)++; i > 0 && above(&h[(i - 1) / 2], &x); i = (i - 1) / 2)
            h[i] = h[(i - 1) / 2];
        h[i] = x;
        return;
    }
    if (!above(&x, &h[0])) return;
    for (i = 0;;) {                 /* replace the root, sift down */
        size_t c = 2 * i + 1;
        if (c >= *n) break;
        if (c + 1 < *n && above(&h[c], &h[c + 1])) c++;
        if (!above(&x, &h[c])) break;
        h[i] = h[c];
        i = c;
    }
    h[i] = x;
}

/* Boost stories of the last weeks a little: ×1.25 today, ×1.125 at 30
 * days, ×1.02 at a year. */
static double score_of(double bm25, long long published, long long now)
{
    double age_days = (double)(now - published) / 86400.0;
    if (age_days < 0) age_days = 0;
    return bm25 * (1.0 + 0.25 * 30.0 / (30.0 + age_days));
}

/* --- statistics ------------------------------------------------------------- */

static const char SQL_STATS[] =
    "SELECT coalesce(avg(size), 0), coalesce(min(id), 0), coalesce(max(id), 0) FROM search_docs";

typedef struct {
    double avg_size;            /* of an indexed article, for length normalisation */
    long long min_id, max_id;   /* of the indexed articles */
} index_stats;

/* The index's statistics: a scan, so each thread keeps them for a minute
 * (they move slowly, and only ranking uses them). */
static index_stats stats_of(store *s)
{
    static _Thread_local struct {
        store *s;
        index_stats v;
        time_t at;
    } cache;
    time_t now = time(NULL);
    if (cache.s == s && now - cache.at < 60 && cache.v.avg_size > 0) return cache.v;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_STATS);
    index_stats v = { 0, 0, 0 };
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = (index_stats){ sqlite3_column_double(st, 0), sqlite3_column_int64(st, 1),
                           sqlite3_column_int64(st, 2) };
    if (st) sqlite3_reset(st);
    cache.s = s;
    cache.v = v;
    cache.at = now;
    return v;
}

/* Articles matched by a term are counted up to this many, newest first;
 * beyond, their number is estimated. */
#define DF_SAMPLE 256

static const char SQL_SAMPLE[] =
    "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2";

/* How many articles the FTS5 query m (one term) matches, for its IDF:
 * exact up to DF_SAMPLE; above, estimated from the share of the id range
 * that the newest DF_SAMPLE matches cover (ids grow with time, so the
 * share of the recent articles stands for the share of all). Counting
 * every match instead means reading the term's whole list of positions:
 * 6 ms for three common words on 100,000 articles, against 0.2 ms. */
static long long term_docs(store *s, const char *m, const index_stats *is)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SAMPLE);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, DF_SAMPLE);
    long long n = 0, oldest = 0, top = is->max_id;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        oldest = sqlite3_column_int64(st, 0);
        if (oldest > top) top = oldest;     /* newer than the minute-old statistics */
        n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    if (n < DF_SAMPLE || oldest <= is->min_id) return n;
    double share = (double)(top - oldest + 1) / (double)(top - is->min_id + 1);
    return (long long)((double)n / share);
}

/* "weights|df0 df1 …" for midad_rank; an unknown frequency is -1. */
static const char *rank_arg(store *s, arena *a, const store_search_query *q,
                            const index_stats *is)
{
    buf b;
    buf_init(&b, a);
    buf_puts(&b, RANK_WEIGHTS "|");
    for (size_t i = 0; i < q->n_terms; i++)
        buf_printf(&b, "%s%lld", i ? " " : "", q->terms[i] ? term_docs(s, q->terms[i], is) : -1);
    return b.data;
}

static int hit_cmp_desc(const void *pa, const void *pb)
{
    const hit *a = pa, *b = pb;
    return above(a, b) ? -1 : above(b, a) ? 1 : 0;
}

/* Count the matches (up to STORE_SEARCH_MAX + 1) and keep the best k in h
 * (sorted, best first). */
static int rank_matches(store *s, arena *a, const store_search_query *q, hit *h, size_t k,
                        size_t *n, long long *total)
{
    index_stats is = stats_of(s);
    const char *arg = rank_arg(s, a, q, &is);
    sqlite3_stmt *st = store_stmt_sql(s, SQL_MATCH);
    if (!st) return -1;
    long long now = q->now ? q->now : (long long)time(NULL);
    sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, arg, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, STORE_SEARCH_MAX + 1);
    sqlite3_bind_double(st, 7, is.avg_size);
    sqlite3_bind_int64(st, 2, q->section_id);
    sqlite3_bind_int64(st, 3, q->from > 0 ? q->from : -(1LL << 62));
    sqlite3_bind_int64(st, 4, q->to > 0 ? q->to : (1LL << 62));
    int rc;
    *n = 0;
    *total = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *total < STORE_SEARCH_MAX) {
        hit x = { score_of(sqlite3_column_double(st, 1), sqlite3_column_int64(st, 2), now),
                  sqlite3_column_int64(st, 0) };
        heap_offer(h, n, k, x);
        ++*total;
    }
    if (rc == SQLITE_ROW) {     /* one more than we rank: there are more */
        *total = -*total;
        rc = SQLITE_DONE;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    qsort(h, *n, sizeof *h, hit_cmp_desc);
    return 0;
}

/* Read the card and body text of article id into out[*n]; skipped if it
 * vanished since it was ranked. */
static int read_hit(store *s, arena *a, long long id, store_search_result *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_CARD);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_article_card(a, st, &out->items[out->n]);
        int last = sqlite3_column_count(st) - 1;
        const unsigned char *t = sqlite3_column_text(st, last);
        out->texts[out->n++] = t ? arena_strndup(a, (const char *)t,
                                                 (size_t)sqlite3_column_bytes(st, last))
                                 : "";
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_search(store *s, arena *a, const store_search_query *q,
                 store_search_result *out)
{
    memset(out, 0, sizeof *out);
    int limit = q->limit < 1 ? 1 : q->limit > 100 ? 100 : q->limit;
    long long offset = q->offset < 0 ? 0 : q->offset > STORE_SEARCH_MAX ? STORE_SEARCH_MAX
                                                                         : q->offset;
    if (!q->match || !q->match[0]) return 0;
    size_t k = (size_t)(offset + limit), n;
    hit *h = arena_alloc(a, k * sizeof *h);
    if (rank_matches(s, a, q, h, k, &n, &out->total)) return -1;
    if (out->total < 0) {
        out->total = -out->total;
        out->more = true;
    }
    out->items = arena_alloc(a, (size_t)limit * sizeof *out->items);
    out->texts = arena_alloc(a, (size_t)limit * sizeof *out->texts);
    for (size_t i = (size_t)offset; i < n; i++)
        if (read_hit(s, a, h[i].id, out)) return -1;
    return 0;
}
