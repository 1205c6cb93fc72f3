/* related.c — "see also", computed when an article is saved or published:
 * store_related_update (see store.h).
 *
 * The article is analysed (text/similar, text/dupes); document
 * frequencies come from related_df, which counts the stored vectors'
 * terms (term 0 counts the documents). Candidates come from the search
 * index: each of the article's SIMILAR_QUERY_TERMS strongest terms is
 * looked up (one of its words, analysed by the index's own tokenizer), the
 * newest SIMILAR_POSTINGS articles holding it collect the term's weight;
 * the SIMILAR_CANDIDATES best collections are scored by cosine with their
 * stored vectors, with the section and date boosts. Near-duplicates come
 * from the signatures' band keys. Then the article's list is replaced,
 * and it enters the lists of the stories it now ranks for; lists it was
 * already in get its new score. All in one transaction that bumps the
 * generation, so a server drops its cached pages. */
#include <string.h>

#include "core/buf.h"
#include "store/related_int.h"

static const char SQL_TEXT[] =
    "SELECT title, subtitle, lead, midad_body_text(body_src), coalesce(section_id, 0),"
    " coalesce(published_at, 0), status = 'published' FROM articles WHERE id = ?1";
static const char SQL_DF[] = "SELECT df FROM related_df WHERE term = ?1";
static const char SQL_DF_ADD[] =
    "INSERT INTO related_df(term, df) VALUES (?1, ?2)"
    " ON CONFLICT(term) DO UPDATE SET df = max(0, df + excluded.df)";
static const char SQL_VEC_GET[] =
    "SELECT section_id, published_at, terms, minhash FROM related_vectors WHERE article = ?1";
static const char SQL_VEC_PUT[] =
    "INSERT OR REPLACE INTO related_vectors(article, section_id, published_at, terms, minhash)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_VEC_DEL[] = "DELETE FROM related_vectors WHERE article = ?1";
static const char SQL_POSTINGS[] =
    "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2";
static const char SQL_BAND_ADD[] = "INSERT OR IGNORE INTO dupe_bands(key, article) VALUES (?1, ?2)";
static const char SQL_BAND_DEL[] = "DELETE FROM dupe_bands WHERE key = ?1 AND article = ?2";
static const char SQL_BAND_GET[] = "SELECT article FROM dupe_bands WHERE key = ?1 AND article <> ?2";
static const char SQL_DUP_OF[] = "SELECT of FROM duplicates WHERE article = ?1";
static const char SQL_DUP_SET[] =
    "INSERT OR REPLACE INTO duplicates(article, of, similarity) VALUES (?1, ?2, ?3)";
static const char SQL_DUP_DEL[] = "DELETE FROM duplicates WHERE article = ?1";
static const char SQL_DUP_MOVE[] = "UPDATE duplicates SET of = ?2 WHERE of = ?1";
static const char SQL_LIST_CLEAR[] = "DELETE FROM related WHERE article = ?1";
static const char SQL_LIST_ADD[] =
    "INSERT INTO related(article, related, score) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(article, related) DO UPDATE SET score = excluded.score";
static const char SQL_LIST_DEL[] = "DELETE FROM related WHERE article = ?1 AND related = ?2";
static const char SQL_LIST_WORST[] =
    "SELECT count(*), coalesce(min(score), 0) FROM related WHERE article = ?1";
static const char SQL_LIST_TRIM[] =
    "DELETE FROM related WHERE article = ?1 AND related NOT IN (SELECT related FROM related"
    " WHERE article = ?1 ORDER BY score DESC, related DESC LIMIT ?2)";
static const char SQL_LIST_RANK[] =
    "UPDATE related SET rank = 1 + (SELECT count(*) FROM related r WHERE r.article = ?1"
    " AND (r.score > related.score OR (r.score = related.score AND r.related > related.related)))"
    " WHERE article = ?1";
static const char SQL_LISTED_IN[] = "SELECT article FROM related WHERE related = ?1";

/* --- small helpers ----------------------------------------------------------- */

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Run sql with two integer parameters (and a real third when nbind is 3). */
static int exec3(store *s, const char *sql, long long p1, long long p2, double p3, int nbind)
{
    sqlite3_stmt *st = store_stmt_sql(s, sql);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, p1);
    if (nbind > 1) sqlite3_bind_int64(st, 2, p2);
    if (nbind > 2) sqlite3_bind_double(st, 3, p3);
    return step_done(st);
}

/* One integer of a one-row query with an integer parameter; dflt when no row. */
static int one_int(store *s, const char *sql, long long p1, long long dflt, long long *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, sql);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, p1);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : dflt;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static const char *col_text(arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i)) : "";
}

static void shingle_word(void *b, const char *term, size_t len)
{
    dupes_word(b, term, len);
}

int related_load(store *s, stemmer *stm, arena *a, long long id, related_doc *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_TEXT);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
    }
    const char *title = col_text(a, st, 0), *sub = col_text(a, st, 1);
    const char *lead = col_text(a, st, 2), *body = col_text(a, st, 3);
    out->id = id;
    out->section_id = sqlite3_column_int64(st, 4);
    out->published_at = sqlite3_column_int64(st, 5);
    out->published = sqlite3_column_int(st, 6) != 0;
    sqlite3_reset(st);
    const char *heads = arena_printf(a, "%s\n%s", sub, lead);
    dupes_builder b;
    dupes_begin(&b, &out->sig);     /* over the subtitle, lead and body's stems */
    return similar_count(stm, a, title, heads, body, shingle_word, &b, &out->counts) ? -1 : 0;
}

/* A stored vector: its terms, section, date and signature. */
typedef struct {
    similar_term *v;
    size_t n;
    long long section_id, published_at;
    dupes_sig sig;
} stored_vec;

static int vec_get(store *s, arena *a, long long id, stored_vec *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_VEC_GET);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->section_id = sqlite3_column_int64(st, 0);
        out->published_at = sqlite3_column_int64(st, 1);
        out->n = similar_unpack(a, sqlite3_column_blob(st, 2),
                                (size_t)sqlite3_column_bytes(st, 2), &out->v);
        if (dupes_unpack(sqlite3_column_blob(st, 3), (size_t)sqlite3_column_bytes(st, 3),
                         &out->sig))
            memset(&out->sig, 0, sizeof out->sig);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}

/* --- taking an article out ----------------------------------------------------- */

static int bands_update(store *s, long long id, const dupes_sig *sig, const char *sql)
{
    uint32_t keys[DUPES_BANDS];
    if (sig->shingles < DUPES_MIN_SHINGLES) return 0;  /* too short to be compared */
    dupes_bands(sig, keys);
    for (int b = 0; b < DUPES_BANDS; b++)
        if (exec3(s, sql, keys[b], id, 0, 2)) return -1;
    return 0;
}

/* Forget the vector of article id (it is no longer published, or is about
 * to be replaced): its terms leave the document frequencies, its bands go. */
static int vector_remove(store *s, arena *a, long long id)
{
    stored_vec old;
    int rc = vec_get(s, a, id, &old);
    if (rc) return rc == STORE_NOT_FOUND ? 0 : -1;
    if (bands_update(s, id, &old.sig, SQL_BAND_DEL)) return -1;
    return exec3(s, SQL_VEC_DEL, id, 0, 0, 1);
}

/* --- the article's own vector ------------------------------------------------ */

/* Document frequencies of the article's terms into df (df[i] for term i),
 * counting the article itself once when it is new; *ndocs from term 0. */
static int doc_freqs(store *s, arena *a, const related_doc *d, bool is_new, long long **df,
                     long long *ndocs)
{
    const similar_counts *c = &d->counts;
    if (is_new) {
        if (exec3(s, SQL_DF_ADD, 0, 1, 0, 2)) return -1;
        for (size_t i = 0; i < c->n; i++)
            if (exec3(s, SQL_DF_ADD, c->terms[i].id, 1, 0, 2)) return -1;
    }
    *df = arena_alloc(a, (c->n ? c->n : 1) * sizeof **df);
    for (size_t i = 0; i < c->n; i++)
        if (one_int(s, SQL_DF, c->terms[i].id, 1, &(*df)[i])) return -1;
    return one_int(s, SQL_DF, 0, 1, ndocs);
}

static int vector_put(store *s, const related_doc *d, const similar_term *v, size_t n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_VEC_PUT);
    if (!st) return -1;
    unsigned char packed[SIMILAR_KEEP * 8], sig[DUPES_PACKED];
    similar_pack(v, n, packed);
    dupes_pack(&d->sig, sig);
    sqlite3_bind_int64(st, 1, d->id);
    if (d->section_id) sqlite3_bind_int64(st, 2, d->section_id);
    else sqlite3_bind_null(st, 2);
    sqlite3_bind_int64(st, 3, d->published_at);
    sqlite3_bind_blob(st, 4, packed, (int)(n * 8), SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 5, sig, DUPES_PACKED, SQLITE_TRANSIENT);
    return step_done(st);
}

/* --- candidates from the index ------------------------------------------------ */

#define ACC_SLOTS 32768     /* > SIMILAR_QUERY_TERMS · SIMILAR_POSTINGS / 0.7 */

typedef struct {
    long long *ids;         /* 0 = empty */
    double *w;
    size_t n;
} accum;

static void accum_add(accum *ac, long long id, double w)
{
    size_t i = (size_t)(id * 2654435761u) & (ACC_SLOTS - 1);
    while (ac->ids[i] && ac->ids[i] != id) i = (i + 1) & (ACC_SLOTS - 1);
    if (!ac->ids[i]) {
        if (ac->n * 10 >= ACC_SLOTS * 7) return;
        ac->ids[i] = id;
        ac->n++;
    }
    ac->w[i] += w;
}

/* Add weight w to each of the newest articles holding `word`. */
static int postings(store *s, arena *a, const char *word, long long self, double w, accum *ac)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_POSTINGS);
    if (!st) return -1;
    const char *match = arena_printf(a, "\"%s\"", word);  /* words hold no quotes */
    sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, SIMILAR_POSTINGS);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (id != self) accum_add(ac, id, w);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* The SIMILAR_CANDIDATES articles sharing most of the strongest terms of
 * v[0..n) (words parallel), into top, *ntop. */
static int candidates(store *s, arena *a, long long self, const similar_term *v,
                      const long long *df, const char **words, size_t n, similar_hit *top,
                      size_t *ntop)
{
    accum ac = { arena_zalloc(a, ACC_SLOTS * sizeof(long long)),
                 arena_zalloc(a, ACC_SLOTS * sizeof(double)), 0 };
    size_t idx[SIMILAR_QUERY_TERMS];
    size_t k = similar_strongest(v, df, n, SIMILAR_QUERY_TERMS, idx);
    for (size_t i = 0; i < k; i++)
        if (words[idx[i]] && postings(s, a, words[idx[i]], self, v[idx[i]].w, &ac)) return -1;
    *ntop = 0;
    for (size_t i = 0; i < ACC_SLOTS; i++)
        if (ac.ids[i])
            similar_keep(top, ntop, SIMILAR_CANDIDATES, (similar_hit){ ac.ids[i], ac.w[i] });
    return 0;
}

/* --- near-duplicates ------------------------------------------------------------ */

/* The most similar other story sharing a band with sig: *best (0 if none
 * reaches DUPES_THRESHOLD) and its similarity. */
static int dupe_find(store *s, arena *a, long long id, const dupes_sig *sig, long long *best,
                     double *sim)
{
    uint32_t keys[DUPES_BANDS];
    dupes_bands(sig, keys);
    *best = 0;
    *sim = 0;
    if (sig->shingles < DUPES_MIN_SHINGLES) return 0;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_BAND_GET);
    for (int b = 0; st && b < DUPES_BANDS; b++) {
        sqlite3_bind_int64(st, 1, keys[b]);
        sqlite3_bind_int64(st, 2, id);
        long long other[64];
        int n = 0, rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 64) other[n++] = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) return -1;
        for (int i = 0; i < n; i++) {
            stored_vec o;
            if ((rc = vec_get(s, a, other[i], &o)) < 0) return -1;
            double j = rc ? 0 : dupes_similarity(sig, &o.sig);
            if (j >= DUPES_THRESHOLD && (j > *sim || (j == *sim && other[i] < *best))) {
                *best = other[i];
                *sim = j;
            }
        }
    }
    return st ? 0 : -1;
}

/* Link article id to the cluster of `other` (0: no duplicate); the oldest
 * story (smallest id) heads a cluster. *root gets id's cluster head. */
static int dupe_link(store *s, long long id, long long other, double sim, long long *root)
{
    if (!other) {
        *root = id;
        long long of;
        if (one_int(s, SQL_DUP_OF, id, 0, &of)) return -1;
        if (of) *root = of;     /* another story found id a duplicate of it: keep */
        return of ? 0 : exec3(s, SQL_DUP_DEL, id, 0, 0, 1);
    }
    long long head;
    if (one_int(s, SQL_DUP_OF, other, other, &head)) return -1;
    if (head == id) {                           /* already the head of other's cluster */
        *root = id;
        return exec3(s, SQL_DUP_DEL, id, 0, 0, 1);
    }
    if (head < id) {
        *root = head;
        return exec3(s, SQL_DUP_SET, id, head, sim, 3);
    }
    *root = id;                                 /* id is older: it heads the cluster */
    return exec3(s, SQL_DUP_MOVE, head, id, 0, 2) || exec3(s, SQL_DUP_SET, head, id, sim, 3) ||
                   exec3(s, SQL_DUP_DEL, id, 0, 0, 1)
               ? -1
               : 0;
}

/* The cluster head of article id (itself when it is no duplicate). */
static int cluster_of(store *s, long long id, long long *head)
{
    return one_int(s, SQL_DUP_OF, id, id, head);
}

/* --- lists --------------------------------------------------------------------- */

static int list_rank(store *s, long long article)
{
    return exec3(s, SQL_LIST_RANK, article, 0, 0, 1);
}

int related_list_store(store *s, long long article, const similar_hit *top, size_t n)
{
    if (exec3(s, SQL_LIST_CLEAR, article, 0, 0, 1)) return -1;
    for (size_t i = 0; i < n && i < SIMILAR_KEPT; i++)
        if (top[i].score >= SIMILAR_MIN_COSINE &&
            exec3(s, SQL_LIST_ADD, article, top[i].id, top[i].score, 3))
            return -1;
    return list_rank(s, article);
}

/* Put `id` into the list of `other` with `score` if it ranks there. */
static int list_enter(store *s, long long other, long long id, double score)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_LIST_WORST);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, other);
    if (sqlite3_step(st) != SQLITE_ROW) return sqlite3_reset(st), -1;
    long long count = sqlite3_column_int64(st, 0);
    double worst = sqlite3_column_double(st, 1);
    sqlite3_reset(st);
    if (count >= SIMILAR_KEPT && score <= worst) return 0;
    return exec3(s, SQL_LIST_ADD, other, id, score, 3) ||
                   exec3(s, SQL_LIST_TRIM, other, SIMILAR_KEPT, 0, 2) || list_rank(s, other)
               ? -1
               : 0;
}

/* --- computing one article ------------------------------------------------------ */

typedef struct {
    long long id;
    stemmer *st;
    arena *a;
    related_doc d;
    similar_term *v;        /* its weighted vector */
    long long *df;          /* the document frequencies of its terms */
    size_t n;
    long long root;         /* the head of its duplicate cluster */
} update_ctx;

/* Score the candidates against the article: the best into out, *nout. */
static int score_candidates(store *s, update_ctx *c, const similar_hit *cand, size_t ncand,
                            similar_hit *out, size_t *nout)
{
    *nout = 0;
    for (size_t i = 0; i < ncand; i++) {
        stored_vec o;
        long long head;
        int rc = vec_get(s, c->a, cand[i].id, &o);
        if (rc < 0 || cluster_of(s, cand[i].id, &head)) return -1;
        if (rc || head == c->root) continue;    /* gone, or the same story */
        double cos = similar_cosine(c->v, c->n, o.v, o.n);
        if (cos < SIMILAR_MIN_COSINE) continue;
        bool same = c->d.section_id && c->d.section_id == o.section_id;
        double sc = similar_score(cos, same, c->d.published_at, o.published_at);
        similar_keep(out, nout, SIMILAR_CANDIDATES, (similar_hit){ cand[i].id, sc });
    }
    return 0;
}

/* The lists the article is in: its score there is recomputed (the row
 * goes when it falls too low or became the same story). */
static int rescore_listed(store *s, update_ctx *c)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_LISTED_IN);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c->id);
    buf ids;
    buf_init(&ids, c->a);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long y = sqlite3_column_int64(st, 0);
        buf_append(&ids, &y, sizeof y);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    for (size_t i = 0; i < ids.len / sizeof(long long); i++) {
        long long y, head;
        memcpy(&y, ids.data + i * sizeof y, sizeof y);
        stored_vec o;
        if ((rc = vec_get(s, c->a, y, &o)) < 0 || cluster_of(s, y, &head)) return -1;
        double cos = rc || head == c->root ? 0 : similar_cosine(c->v, c->n, o.v, o.n);
        bool same = c->d.section_id && c->d.section_id == o.section_id;
        double sc = similar_score(cos, same, c->d.published_at, o.published_at);
        if (cos < SIMILAR_MIN_COSINE ? exec3(s, SQL_LIST_DEL, y, c->id, 0, 2)
                                     : exec3(s, SQL_LIST_ADD, y, c->id, sc, 3))
            return -1;
        if (list_rank(s, y)) return -1;
    }
    return 0;
}

/* Analyse, weigh, find the duplicate, store the vector and bands. */
static int update_vector(store *s, update_ctx *c)
{
    stored_vec old;
    int rc = vec_get(s, c->a, c->id, &old);
    if (rc < 0 || (rc == 0 && bands_update(s, c->id, &old.sig, SQL_BAND_DEL))) return -1;
    long long ndocs, other;
    double sim;
    if (doc_freqs(s, c->a, &c->d, rc == STORE_NOT_FOUND, &c->df, &ndocs)) return -1;
    c->v = c->d.counts.terms;
    c->n = similar_weigh(c->v, c->d.counts.words, c->d.counts.n, c->df, ndocs, SIMILAR_KEEP);
    if (dupe_find(s, c->a, c->id, &c->d.sig, &other, &sim) ||
        dupe_link(s, c->id, other, sim, &c->root))
        return -1;
    return vector_put(s, &c->d, c->v, c->n) || bands_update(s, c->id, &c->d.sig, SQL_BAND_ADD)
               ? -1
               : 0;
}

static int update_tx(store *s, void *p)
{
    update_ctx *c = p;
    int rc = related_load(s, c->st, c->a, c->id, &c->d);
    if (rc < 0) return -1;
    if (rc == STORE_NOT_FOUND || !c->d.published)
        return vector_remove(s, c->a, c->id) ? -1 : store_generation_bump(s);
    if (update_vector(s, c)) return -1;
    similar_hit *cand = arena_alloc(c->a, SIMILAR_CANDIDATES * sizeof *cand);
    similar_hit *scored = arena_alloc(c->a, SIMILAR_CANDIDATES * sizeof *scored);
    size_t ncand, nscored;
    if (candidates(s, c->a, c->id, c->v, c->df, c->d.counts.words, c->n, cand, &ncand) ||
        score_candidates(s, c, cand, ncand, scored, &nscored) ||
        related_list_store(s, c->id, scored, nscored))
        return -1;
    if (rescore_listed(s, c)) return -1;
    for (size_t i = 0; i < nscored; i++)        /* the lists it now enters */
        if (list_enter(s, scored[i].id, c->id, scored[i].score)) return -1;
    return store_generation_bump(s);
}

int store_related_update(store *s, long long id)
{
    update_ctx c = { .id = id, .st = stemmer_new(), .a = arena_new(1 << 20) };
    int rc = c.st ? store_transaction(s, update_tx, &c) : -1;
    stemmer_free(c.st);
    arena_free(c.a);
    return rc;
}
