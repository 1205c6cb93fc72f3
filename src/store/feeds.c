/* feeds.c — the queries of feeds, sitemaps and WebSub: the newest articles
 * with their bodies, every published article as (id, slug, lastmod) for the
 * sitemaps, and a stamp of the published set to notice new stories. The
 * SQL lives here (store_stmt_sql); the declarations are in store.h. */
#include <string.h>

#include "store/sqlite_int.h"

#define FEED_COLS                                                            \
    "a.id, a.slug, a.title, a.subtitle, a.lead, a.author, a.published_at,"  \
    " a.updated_at, a.source_name, a.source_url, a.canonical_url,"          \
    " s.id, s.slug, s.name, CASE WHEN ?4 THEN a.body_html ELSE '' END"

static const char SQL_FEED[] =
    "SELECT " FEED_COLS " FROM articles a"
    " LEFT JOIN sections s ON s.id = a.section_id"
    " WHERE a.status = 'published' AND (?1 = 0 OR a.section_id = ?1)"
    " AND a.published_at >= ?3"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2";

static const char SQL_FEED_TAG[] =
    "SELECT " FEED_COLS " FROM article_tags at"
    " JOIN articles a ON a.id = at.article_id"
    " LEFT JOIN sections s ON s.id = a.section_id"
    " WHERE at.tag_id = ?1 AND a.status = 'published' AND a.published_at >= ?3"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2";

/* Sitemap pages are id ranges (page N holds ids (N-1)*size+1 … N*size), so
 * an article stays in the same sitemap for life and a page is a rowid range
 * scan, however deep. */
static const char SQL_SITEMAP_ARTICLES[] =
    "SELECT id, slug, updated_at FROM articles WHERE id BETWEEN ?1 AND ?2"
    " AND status = 'published' ORDER BY id";

static const char SQL_SITEMAP_PAGES[] =
    "SELECT (id - 1) / ?1 + 1 AS p, max(updated_at) FROM articles"
    " WHERE status = 'published' GROUP BY p ORDER BY p";

/* A listing page changes when a story is added: its lastmod is the newest
 * publication in it (an index seek per section). */
static const char SQL_SITEMAP_SECTIONS[] =
    "SELECT slug, m FROM (SELECT s.slug, s.position, s.id, (SELECT max(a.published_at)"
    " FROM articles a WHERE a.section_id = s.id AND a.status = 'published') AS m"
    " FROM sections s) WHERE m IS NOT NULL ORDER BY position, id LIMIT ?1";

/* Tags with a published story; no lastmod (finding it joins every tagging). */
static const char SQL_SITEMAP_TAGS[] =
    "SELECT t.slug, 0 FROM tags t WHERE EXISTS (SELECT 1 FROM article_tags at"
    " JOIN articles a ON a.id = at.article_id AND a.status = 'published'"
    " WHERE at.tag_id = t.id) ORDER BY t.id LIMIT ?1";

static const char SQL_LATEST[] =
    "SELECT coalesce(max(published_at), 0) FROM articles WHERE status = 'published'";

static const char SQL_STAMP[] =
    "SELECT count(*), coalesce(max(id), 0), coalesce(max(updated_at), 0)"
    " FROM articles WHERE status = 'published'";

static const char SQL_CHANGED_SECTIONS[] =
    "SELECT DISTINCT s.slug FROM articles a JOIN sections s ON s.id = a.section_id"
    " WHERE a.status = 'published' AND (a.id > ?1 OR a.updated_at > ?2)";

static const char SQL_CHANGED_TAGS[] =
    "SELECT DISTINCT t.slug FROM articles a"
    " JOIN article_tags at ON at.article_id = a.id JOIN tags t ON t.id = at.tag_id"
    " WHERE a.status = 'published' AND (a.id > ?1 OR a.updated_at > ?2)";

static const char *col_text(arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    return t ? arena_strndup(a, (const char *)t, (size_t)n) : arena_strdup(a, "");
}

/* Columns in FEED_COLS order. */
static void read_feed_row(arena *a, sqlite3_stmt *st, store_article *ar)
{
    memset(ar, 0, sizeof *ar);
    ar->id = sqlite3_column_int64(st, 0);
    ar->slug = col_text(a, st, 1);
    ar->title = col_text(a, st, 2);
    ar->subtitle = col_text(a, st, 3);
    ar->lead = col_text(a, st, 4);
    ar->author = col_text(a, st, 5);
    ar->status = "published";
    ar->published_at = sqlite3_column_int64(st, 6);
    ar->updated_at = sqlite3_column_int64(st, 7);
    ar->source_name = col_text(a, st, 8);
    ar->source_url = col_text(a, st, 9);
    ar->canonical_url = col_text(a, st, 10);
    ar->section.id = sqlite3_column_int64(st, 11);
    ar->section.slug = col_text(a, st, 12);
    ar->section.name = col_text(a, st, 13);
    ar->body_html = col_text(a, st, 14);
}

int store_feed_articles(store *s, arena *a, const store_feed_query *q,
                        store_article_list *out)
{
    int limit = q->limit < 1 ? 1 : q->limit > 1000 ? 1000 : q->limit;
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = store_stmt_sql(s, q->tag_id ? SQL_FEED_TAG : SQL_FEED);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, q->tag_id ? q->tag_id : q->section_id);
    sqlite3_bind_int(st, 2, limit);
    sqlite3_bind_int64(st, 3, q->since);
    sqlite3_bind_int(st, 4, q->with_body);
    out->items = arena_alloc(a, (size_t)limit * sizeof *out->items);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        read_feed_row(a, st, &out->items[out->n++]);
    sqlite3_reset(st);
    out->total = (long long)out->n;
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_sitemap_articles(store *s, long long page, long long page_size,
                           store_sitemap_fn fn, void *ctx)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SITEMAP_ARTICLES);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, (page - 1) * page_size + 1);
    sqlite3_bind_int64(st, 2, page * page_size);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *slug = (const char *)sqlite3_column_text(st, 1);
        if (fn(ctx, sqlite3_column_int64(st, 0), slug ? slug : "",
               sqlite3_column_int64(st, 2)))
            break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Append a pair to two growing arena arrays. */
static void push_pair(arena *a, long long **x, long long **y, size_t *n, size_t *cap,
                      long long vx, long long vy)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        long long *nx = arena_alloc(a, c * sizeof *nx), *ny = arena_alloc(a, c * sizeof *ny);
        if (*n) {
            memcpy(nx, *x, *n * sizeof *nx);
            memcpy(ny, *y, *n * sizeof *ny);
        }
        *x = nx;
        *y = ny;
        *cap = c;
    }
    (*x)[*n] = vx;
    (*y)[(*n)++] = vy;
}

int store_sitemap_pages(store *s, arena *a, long long page_size, long long **pages,
                        long long **lastmod, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SITEMAP_PAGES);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, page_size < 1 ? 1 : page_size);
    size_t cap = 0;
    *n = 0;
    *pages = *lastmod = NULL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        push_pair(a, pages, lastmod, n, &cap, sqlite3_column_int64(st, 0),
                  sqlite3_column_int64(st, 1));
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_latest_published(store *s, long long *t)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_LATEST);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    *t = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

int store_sitemap_groups(store *s, bool tags, long long limit, store_sitemap_fn fn,
                         void *ctx)
{
    sqlite3_stmt *st = store_stmt_sql(s, tags ? SQL_SITEMAP_TAGS : SQL_SITEMAP_SECTIONS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, limit);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *slug = (const char *)sqlite3_column_text(st, 0);
        if (fn(ctx, 0, slug ? slug : "", sqlite3_column_int64(st, 1))) break;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_feed_stamp_get(store *s, store_feed_stamp *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_STAMP);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->count = sqlite3_column_int64(st, 0);
        out->max_id = sqlite3_column_int64(st, 1);
        out->max_updated = sqlite3_column_int64(st, 2);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* The slugs a statement returns, as an arena array. */
static int read_slugs(arena *a, sqlite3_stmt *st, const char ***out, size_t *n)
{
    size_t cap = 8, len = 0;
    const char **v = arena_alloc(a, cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            const char **bigger = arena_alloc(a, 2 * cap * sizeof *v);
            memcpy(bigger, v, len * sizeof *v);
            v = bigger;
            cap *= 2;
        }
        v[len++] = col_text(a, st, 0);
    }
    sqlite3_reset(st);
    *out = v;
    *n = len;
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_feed_changed_groups(store *s, arena *a, const store_feed_stamp *since,
                              bool tags, const char ***slugs, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, tags ? SQL_CHANGED_TAGS : SQL_CHANGED_SECTIONS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, since->max_id);
    sqlite3_bind_int64(st, 2, since->max_updated);
    return read_slugs(a, st, slugs, n);
}
