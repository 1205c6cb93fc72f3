/* search_reindex.c — rebuilding the search index from the articles
 * (`midad reindex`), and the index's size; see store.h.
 *
 * Most of the work is the analysis (Markdown to text, normalising,
 * stemming), which needs no database: a worker thread analyses the next
 * batch of articles while this thread writes the batch before into FTS5,
 * whose tokenizer replays the worker's terms (text/fts.h, fts_replay). The
 * terms come from the same analyse() the triggers run, so the index is the
 * one the triggers would have built. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "text/fts.h"
#include "text/mdtext.h"

#define BATCH 256       /* articles read, analysed and written at a time */
#define COLS 4          /* title, subtitle, lead, body: the FTS5 columns */

typedef struct {
    long long id;
    char *col[COLS];    /* the texts FTS5 gets (the body as plain text) */
    size_t len[COLS];
    fts_ready ready[COLS];
} doc;

typedef struct {
    doc docs[BATCH];
    size_t n;
    int err;            /* the analysis failed (a body md4c could not read) */
} batch;

/* --- the worker -------------------------------------------------------------- */

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch *job;         /* given to the worker, not yet analysed */
    batch *done;        /* the last batch it finished */
    bool quit;
    fts_analyser *an;
} worker;

/* The body's plain text in place of its Markdown, then every column's terms. */
static void batch_analyse(fts_analyser *an, batch *b)
{
    for (size_t i = 0; i < b->n && !b->err; i++) {
        doc *d = &b->docs[i];
        buf text;
        buf_init(&text, NULL);
        if (mdtext_plain(&text, d->col[3], d->len[3])) {
            buf_free(&text);
            b->err = 1;
            break;
        }
        free(d->col[3]);
        d->col[3] = text.data ? text.data : strdup("");
        d->len[3] = text.len;
        if (!d->col[3]) abort();
        for (int c = 0; c < COLS; c++)
            fts_ready_analyse(an, &d->ready[c], d->col[c], d->len[c]);
    }
}

static void *worker_main(void *p)
{
    worker *w = p;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->job && !w->quit) pthread_cond_wait(&w->cv, &w->mu);
        if (!w->job) break;
        batch *b = w->job;
        pthread_mutex_unlock(&w->mu);
        batch_analyse(w->an, b);
        pthread_mutex_lock(&w->mu);
        w->job = NULL;
        w->done = b;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* --- reading and writing ------------------------------------------------------- */

/* "+status" keeps the planner off the status index, which would rescan
 * every published row per batch. */
static const char SQL_READ[] =
    "SELECT id, title, subtitle, lead, body_src FROM articles"
    " WHERE id > ?1 AND +status = 'published' ORDER BY id LIMIT ?2";
static const char SQL_WRITE[] =
    "INSERT INTO search(rowid, title, subtitle, lead, body) VALUES (?1, ?2, ?3, ?4, ?5)";

static void batch_clear(batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        for (int c = 0; c < COLS; c++) {
            free(b->docs[i].col[c]);
            buf_free(&b->docs[i].ready[c].terms);
        }
    memset(b, 0, sizeof *b);
}

/* The next published articles after id *last into b (emptied first). */
static int batch_read(store *s, batch *b, long long *last)
{
    batch_clear(b);
    sqlite3_stmt *st = store_stmt_sql(s, SQL_READ);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, *last);
    sqlite3_bind_int(st, 2, BATCH);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        doc *d = &b->docs[b->n++];
        d->id = *last = sqlite3_column_int64(st, 0);
        for (int c = 0; c < COLS; c++) {
            const char *t = (const char *)sqlite3_column_text(st, c + 1);
            d->len[c] = t ? (size_t)sqlite3_column_bytes(st, c + 1) : 0;
            d->col[c] = t ? strndup(t, d->len[c]) : strdup("");
            if (!d->col[c]) abort();
        }
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Write an analysed batch into FTS5, the tokenizer replaying its terms. */
static int batch_write(store *s, const batch *b)
{
    if (b->err) return -1;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_WRITE);
    if (!st) return -1;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < b->n && rc == SQLITE_DONE; i++) {
        const doc *d = &b->docs[i];
        sqlite3_bind_int64(st, 1, d->id);
        for (int c = 0; c < COLS; c++)
            sqlite3_bind_text(st, c + 2, d->col[c], (int)d->len[c], SQLITE_STATIC);
        fts_replay(d->ready, COLS);
        rc = sqlite3_step(st);
        fts_replay(NULL, 0);
        sqlite3_reset(st);
    }
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* --- the rebuild ------------------------------------------------------------- */

/* Analysis runs in the worker thread when there is one, else here. */
static void analyse_start(worker *w, bool threaded, batch *b)
{
    if (!threaded) {
        batch_analyse(w->an, b);
        return;
    }
    pthread_mutex_lock(&w->mu);
    w->done = NULL;
    w->job = b;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

static void analyse_wait(worker *w, bool threaded, batch *b)
{
    if (!threaded) return;
    pthread_mutex_lock(&w->mu);
    while (w->done != b) pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

typedef struct {
    void (*progress)(void *ctx, long long done, long long total);
    void *ctx;
    long long total;
} reindex_ctx;

/* Read, analyse and write every published article, batch by batch: while
 * one batch is written, the worker analyses the next. */
static int index_articles(store *s, worker *w, bool threaded, batch *b, reindex_ctx *c)
{
    long long last = 0, done = 0;
    batch *cur = &b[0], *next = &b[1], *busy = NULL;
    int rc = batch_read(s, cur, &last);
    if (!rc) analyse_start(w, threaded, busy = cur);
    while (!rc && cur->n) {
        rc = batch_read(s, next, &last);
        analyse_wait(w, threaded, cur);
        busy = NULL;
        if (rc) break;
        if (next->n) analyse_start(w, threaded, busy = next);
        if ((rc = batch_write(s, cur))) break;
        done += (long long)cur->n;
        if (c->progress) c->progress(c->ctx, done, c->total);
        batch *t = cur;
        cur = next;
        next = t;
    }
    if (busy) analyse_wait(w, threaded, busy);      /* before the batches go */
    return rc;
}

static const char SQL_PUBLISHED[] =
    "SELECT count(*) FROM articles WHERE status = 'published'";
static const char SQL_CLEAR[] =
    "INSERT INTO search(search) VALUES ('delete-all'); DELETE FROM search_docs";
static const char SQL_DOCS[] =
    "INSERT INTO search_docs SELECT id, section_id, coalesce(published_at, 0),"
    " length(title) + length(subtitle) + length(lead) + length(body_src)"
    " FROM articles WHERE status = 'published'";
/* While rebuilding: no merging as segments are written (optimize merges
 * once at the end) and a larger in-memory buffer; then the defaults. */
static const char SQL_BULK[] =
    "INSERT INTO search(search, rank) VALUES ('automerge', 0);"
    "INSERT INTO search(search, rank) VALUES ('hashsize', 67108864)";
static const char SQL_NORMAL[] =
    "INSERT INTO search(search, rank) VALUES ('automerge', 4);"
    "INSERT INTO search(search, rank) VALUES ('hashsize', 1048576);"
    "INSERT INTO search(search) VALUES ('optimize')";

/* Run statements without parameters. */
static int exec(store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The number a one-row, one-column query gives. */
static int count(store *s, const char *sql, long long *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, sql);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *n = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

static int reindex_tx(store *s, void *p)
{
    reindex_ctx *c = p;
    if (count(s, SQL_PUBLISHED, &c->total) || exec(s, SQL_CLEAR) || exec(s, SQL_BULK))
        return -1;
    if (c->progress) c->progress(c->ctx, 0, c->total);
    worker w = { .an = fts_analyser_new() };
    batch *b = calloc(2, sizeof *b);
    int rc = -1;
    if (w.an && b) {
        pthread_mutex_init(&w.mu, NULL);
        pthread_cond_init(&w.cv, NULL);
        pthread_t th;
        bool threaded = pthread_create(&th, NULL, worker_main, &w) == 0;
        rc = index_articles(s, &w, threaded, b, c);
        if (threaded) {
            pthread_mutex_lock(&w.mu);
            w.quit = true;
            pthread_cond_broadcast(&w.cv);
            pthread_mutex_unlock(&w.mu);
            pthread_join(th, NULL);
        }
        pthread_cond_destroy(&w.cv);
        pthread_mutex_destroy(&w.mu);
        batch_clear(&b[0]);
        batch_clear(&b[1]);
    }
    free(b);
    fts_analyser_free(w.an);
    return rc || exec(s, SQL_DOCS) || exec(s, SQL_NORMAL) ? -1 : 0;
}

int store_search_reindex(store *s, void (*progress)(void *ctx, long long done,
                                                    long long total),
                         void *ctx)
{
    reindex_ctx c = { progress, ctx, 0 };
    return store_transaction(s, reindex_tx, &c);
}

/* --- sizes ------------------------------------------------------------------- */

static const char SQL_INDEX_BYTES[] =
    "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search%'";
static const char SQL_TEXT_BYTES[] =
    "SELECT coalesce(sum(length(CAST(title AS BLOB)) + length(CAST(subtitle AS BLOB))"
    " + length(CAST(lead AS BLOB)) + length(CAST(body_src AS BLOB))), 0)"
    " FROM articles WHERE status = 'published'";

int store_search_sizes(store *s, long long *index_bytes, long long *text_bytes)
{
    return count(s, SQL_INDEX_BYTES, index_bytes) || count(s, SQL_TEXT_BYTES, text_bytes)
               ? -1
               : 0;
}
