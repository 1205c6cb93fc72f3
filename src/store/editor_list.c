/* editor_list.c — the back office's list of articles and an article's
 * revisions (see the editor section of store.h).
 *
 * A search matches published articles through the search index (FTS5 with
 * the Arabic analysis); the other statuses are not in that index (it serves
 * readers), so their rows are handed to the caller's matcher, which runs
 * the same analysis over their text. */
#include <string.h>

#include "store/sqlite_int.h"

#define LIST_WHERE                                                              \
    " FROM articles a LEFT JOIN sections s ON s.id = a.section_id"              \
    " WHERE (CASE WHEN ?1 = '' THEN a.status <> 'trash' ELSE a.status = ?1 END)"\
    " AND (?2 = 0 OR a.section_id = ?2) AND (?3 = '' OR a.author = ?3)"         \
    " AND (?4 = 0 OR a.owner_id = ?4)"

static const char SQL_LIST[] =
    "SELECT " ARTICLE_CARD_COLS ", coalesce(a.owner_id, 0)" LIST_WHERE
    " ORDER BY a.updated_at DESC, a.id DESC LIMIT ?5 OFFSET ?6";
static const char SQL_COUNT[] = "SELECT count(*)" LIST_WHERE;
static const char SQL_SEARCH[] =
    "SELECT " ARTICLE_CARD_COLS ", coalesce(a.owner_id, 0),"
    " a.status = 'published' AND a.id IN (SELECT rowid FROM search WHERE search MATCH ?5),"
    " CASE WHEN a.status <> 'published' THEN a.body_src ELSE '' END" LIST_WHERE
    " ORDER BY a.updated_at DESC, a.id DESC";

#define REV_COLS                                                                \
    "r.id, r.article_id, coalesce(r.user_id, 0), coalesce(u.login, ''), r.at,"  \
    " r.title, r.subtitle, r.lead, r.status, coalesce(r.published_at, 0),"     \
    " coalesce(r.section_id, 0), coalesce(s.slug, ''), coalesce(s.name, ''),"  \
    " r.author, r.source_name, r.source_url, r.canonical_url, r.comments_open," \
    " r.tags, length(r.body_src)"
static const char SQL_REVISIONS[] =
    "SELECT " REV_COLS " FROM revisions r LEFT JOIN users u ON u.id = r.user_id"
    " LEFT JOIN sections s ON s.id = r.section_id WHERE r.article_id = ?1"
    " ORDER BY r.id DESC LIMIT ?2";
static const char SQL_REVISION[] =
    "SELECT " REV_COLS ", r.body_src FROM revisions r LEFT JOIN users u ON u.id = r.user_id"
    " LEFT JOIN sections s ON s.id = r.section_id WHERE r.article_id = ?1 AND r.id = ?2";

static const char *col_text(arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return arena_strndup(a, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, col));
}

static void bind_filter(sqlite3_stmt *st, const store_editor_filter *f)
{
    sqlite3_bind_text(st, 1, f->status ? f->status : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, f->section_id);
    sqlite3_bind_text(st, 3, f->author ? f->author : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, f->owner_id);
}

static int list_plain(store *s, arena *a, const store_editor_filter *f, int limit,
                      store_editor_list *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_COUNT);
    if (!st) return -1;
    bind_filter(st, f);
    out->total = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (out->total < 0 || !(st = store_stmt_sql(s, SQL_LIST))) return -1;
    bind_filter(st, f);
    sqlite3_bind_int(st, 5, limit);
    sqlite3_bind_int64(st, 6, f->offset < 0 ? 0 : f->offset);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_article_card(a, st, &out->items[out->n]);
        out->owner_ids[out->n++] = sqlite3_column_int64(st, 19);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* A search: every candidate row is tested (published ones by the index,
 * the others by f->match_text), the page is cut from the matches. */
static int list_search(store *s, arena *a, const store_editor_filter *f, int limit,
                       store_editor_list *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SEARCH);
    if (!st) return -1;
    bind_filter(st, f);
    sqlite3_bind_text(st, 5, f->match, -1, SQLITE_STATIC);
    long long offset = f->offset < 0 ? 0 : f->offset;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        bool hit = sqlite3_column_int(st, 20) != 0;
        if (!hit && f->match_text) {
            const char *body = (const char *)sqlite3_column_text(st, 21);
            hit = f->match_text(f->ctx, (const char *)sqlite3_column_text(st, 2),
                                (const char *)sqlite3_column_text(st, 3),
                                (const char *)sqlite3_column_text(st, 4), body ? body : "");
        }
        if (!hit) continue;
        if (out->total++ < offset || out->n == (size_t)limit) continue;
        read_article_card(a, st, &out->items[out->n]);
        out->owner_ids[out->n++] = sqlite3_column_int64(st, 19);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_editor_list_get(store *s, arena *a, const store_editor_filter *f,
                          store_editor_list *out)
{
    int limit = f->limit < 1 ? 1 : f->limit > 100 ? 100 : f->limit;
    memset(out, 0, sizeof *out);
    out->items = arena_alloc(a, (size_t)limit * sizeof *out->items);
    out->owner_ids = arena_alloc(a, (size_t)limit * sizeof *out->owner_ids);
    return f->match ? list_search(s, a, f, limit, out) : list_plain(s, a, f, limit, out);
}

/* --- revisions ------------------------------------------------------------- */

static void read_revision(arena *a, sqlite3_stmt *st, store_revision *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->article_id = sqlite3_column_int64(st, 1);
    r->user_id = sqlite3_column_int64(st, 2);
    r->user_login = col_text(a, st, 3);
    r->at = sqlite3_column_int64(st, 4);
    r->title = col_text(a, st, 5);
    r->subtitle = col_text(a, st, 6);
    r->lead = col_text(a, st, 7);
    r->status = col_text(a, st, 8);
    r->published_at = sqlite3_column_int64(st, 9);
    r->section.id = sqlite3_column_int64(st, 10);
    r->section.slug = col_text(a, st, 11);
    r->section.name = col_text(a, st, 12);
    r->author = col_text(a, st, 13);
    r->source_name = col_text(a, st, 14);
    r->source_url = col_text(a, st, 15);
    r->canonical_url = col_text(a, st, 16);
    r->comments_open = sqlite3_column_int(st, 17) != 0;
    r->tags = col_text(a, st, 18);
    r->body_bytes = sqlite3_column_int64(st, 19);
    r->body_src = "";
}

int store_revisions_list(store *s, arena *a, long long article_id, int limit,
                         store_revision **out, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_REVISIONS);
    if (!st) return -1;
    limit = limit < 1 ? 1 : limit > 500 ? 500 : limit;
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_int(st, 2, limit);
    *out = arena_alloc(a, (size_t)limit * sizeof **out);
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) read_revision(a, st, &(*out)[(*n)++]);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_revision_get(store *s, arena *a, long long article_id, long long id,
                       store_revision *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_REVISION);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, article_id);
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_revision(a, st, out);
        out->body_src = col_text(a, st, 20);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}
