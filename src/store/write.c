/* write.c — the writing side of store.h: saving articles (with their
 * section and tags) and settings. Each save is one transaction. */
#include <time.h>

#include "core/buf.h"
#include "store/sqlite_int.h"

void store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

/* Insert the group if new (or rename it) and return its id, or -1. */
static long long group_ensure(store *s, stmt_id id, const char *slug, const char *name)
{
    sqlite3_stmt *st = store_stmt(s, id);
    if (!st) return -1;
    store_bind_text(st, 1, slug);
    store_bind_text(st, 2, name);
    long long gid = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return gid;
}

static long long article_by_key(store *s, const char *key)
{
    if (!key) return 0;
    sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_BY_KEY);
    if (!st) return -1;
    store_bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    long long id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return id;
}

void store_bind_article(sqlite3_stmt *st, const store_article_in *in, long long section_id)
{
    store_bind_text(st, 1, in->slug);
    store_bind_text(st, 2, in->title);
    store_bind_text(st, 3, in->subtitle);
    store_bind_text(st, 4, in->lead);
    store_bind_text(st, 5, in->body_src);
    store_bind_text(st, 6, in->body_html);
    sqlite3_bind_int64(st, 7, in->word_count);
    store_bind_text(st, 8, in->author);
    if (section_id > 0) sqlite3_bind_int64(st, 9, section_id);
    else sqlite3_bind_null(st, 9);
    store_bind_text(st, 10, in->status ? in->status : "draft");
    if (in->published_at) sqlite3_bind_int64(st, 11, in->published_at);
    else sqlite3_bind_null(st, 11);
    store_bind_text(st, 12, in->source_name);
    store_bind_text(st, 13, in->source_url);
    store_bind_text(st, 14, in->canonical_url);
    sqlite3_bind_int(st, 15, in->comments_open);
}

/* The import's statements add the file's key and the update time. */
static void bind_article(sqlite3_stmt *st, const store_article_in *in,
                         long long section_id)
{
    store_bind_article(st, in, section_id);
    if (in->import_key) store_bind_text(st, 16, in->import_key);
    else sqlite3_bind_null(st, 16);
    sqlite3_bind_int64(st, 17, in->updated_at ? in->updated_at : (long long)time(NULL));
}

typedef struct {
    const store_article_in *in;
    long long id;
    bool created;
} save_ctx;

static int article_tags_replace(store *s, long long article_id, const store_article_in *in)
{
    sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_TAGS_CLEAR);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, article_id);
    if (sqlite3_step(st) != SQLITE_DONE) return -1;
    for (size_t i = 0; i < in->n_tags; i++) {
        long long tag = group_ensure(s, STMT_TAG_ENSURE, in->tag_slugs[i], in->tag_names[i]);
        if (tag < 0 || !(st = store_stmt(s, STMT_ARTICLE_TAG_ADD))) return -1;
        sqlite3_bind_int64(st, 1, article_id);
        sqlite3_bind_int64(st, 2, tag);
        if (sqlite3_step(st) != SQLITE_DONE) return -1;
    }
    return 0;
}

static int article_save_tx(store *s, void *p)
{
    save_ctx *c = p;
    const store_article_in *in = c->in;
    long long section = 0;
    if (in->section_slug && in->section_slug[0]) {
        section = group_ensure(s, STMT_SECTION_ENSURE, in->section_slug, in->section_name);
        if (section < 0) return -1;
    }
    long long existing = article_by_key(s, in->import_key);
    if (existing < 0) return -1;

    sqlite3_stmt *st = store_stmt(s, existing ? STMT_ARTICLE_UPDATE : STMT_ARTICLE_INSERT);
    if (!st) return -1;
    bind_article(st, in, section);
    if (existing) sqlite3_bind_int64(st, 18, existing);
    if (sqlite3_step(st) != SQLITE_DONE) return -1;
    c->id = existing ? existing : sqlite3_last_insert_rowid(sqlite3_db_handle(st));
    c->created = !existing;
    if (article_tags_replace(s, c->id, in)) return -1;
    return store_generation_bump(s);
}

int store_article_save(store *s, const store_article_in *in, long long *id,
                       bool *created)
{
    save_ctx c = { in, 0, false };
    if (store_transaction(s, article_save_tx, &c)) return -1;
    if (id) *id = c.id;
    if (created) *created = c.created;
    return 0;
}

static const char SQL_PUBLISH_DUE[] =
    "UPDATE articles SET status = 'published', updated_at = ?1"
    " WHERE status = 'scheduled' AND published_at <= ?1 RETURNING id";

typedef struct {
    long long now;
    int n;
    buf ids;                /* the published ids, when asked for */
    bool want_ids;
} due_ctx;

static int publish_due_tx(store *s, void *p)
{
    due_ctx *d = p;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_PUBLISH_DUE);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, d->now);
    int rc;
    d->n = 0;
    buf_clear(&d->ids);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (d->want_ids) buf_append(&d->ids, &id, sizeof id);
        d->n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    return d->n ? store_generation_bump(s) : 0;
}

int store_publish_due(store *s, long long now, int *n, arena *a, long long **ids)
{
    due_ctx d = { now, 0, { 0 }, a && ids };
    buf_init(&d.ids, a);
    if (store_transaction(s, publish_due_tx, &d)) return -1;
    if (n) *n = d.n;
    if (a && ids) *ids = (long long *)(void *)d.ids.data;
    return 0;
}

int store_setting_set(store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = store_stmt(s, STMT_SETTING_SET);
    if (!st) return -1;
    store_bind_text(st, 1, key);
    store_bind_text(st, 2, value);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}
