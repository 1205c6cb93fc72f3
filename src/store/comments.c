/* comments.c — the comments side of store.h: adding, reading, moderating,
 * and the counts of refused comments. */
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"

#define COMMENT_COLS                                                         \
    "c.id, c.article_id, coalesce(c.parent_id, 0), c.depth, c.name, c.email," \
    " c.website, c.body, c.status, c.created_at, c.ip_hash"

static const char SQL_PARENT[] =
    "SELECT depth, coalesce(parent_id, 0) FROM comments"
    " WHERE id = ?1 AND article_id = ?2 AND status = 'approved'";
static const char SQL_ADD[] =
    "INSERT INTO comments(article_id, parent_id, depth, name, email, website,"
    " body, status, created_at, ip_hash) VALUES (?1, ?2, ?3, ?4, lower(?5), ?6,"
    " ?7, ?8, ?9, ?10)";
static const char SQL_GET[] =
    "SELECT " COMMENT_COLS ", '' FROM comments c WHERE c.id = ?1";
static const char SQL_APPROVED[] =
    "SELECT " COMMENT_COLS ", '' FROM comments c"
    " WHERE c.article_id = ?1 AND c.status = 'approved' ORDER BY c.created_at, c.id";
static const char SQL_LIST[] =
    "SELECT " COMMENT_COLS ", a.title FROM comments c JOIN articles a ON a.id = c.article_id"
    " WHERE (?1 IS NULL OR c.status = ?1) AND (?2 = 0 OR c.article_id = ?2)"
    " ORDER BY c.created_at DESC, c.id DESC LIMIT ?3";
static const char SQL_STATUS_OF[] = "SELECT status FROM comments WHERE id = ?1";
static const char SQL_SET_STATUS[] = "UPDATE comments SET status = ?2 WHERE id = ?1";
static const char SQL_EMAIL_APPROVED[] =
    "SELECT 1 FROM comments WHERE email = lower(?1) AND status = 'approved' LIMIT 1";
static const char SQL_REFUSAL_ADD[] =
    "INSERT INTO comment_refusals(reason, count) VALUES (?1, ?2)"
    " ON CONFLICT(reason) DO UPDATE SET count = count + excluded.count";
static const char SQL_REFUSALS[] = "SELECT reason, count FROM comment_refusals ORDER BY reason";
static const char SQL_COUNTS[] = "SELECT status, count(*) FROM comments GROUP BY status ORDER BY status";

static const char *text_at(arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return arena_strndup(a, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, col));
}

static void read_comment(arena *a, sqlite3_stmt *st, store_comment *c)
{
    c->id = sqlite3_column_int64(st, 0);
    c->article_id = sqlite3_column_int64(st, 1);
    c->parent_id = sqlite3_column_int64(st, 2);
    c->depth = sqlite3_column_int(st, 3);
    c->name = text_at(a, st, 4);
    c->email = text_at(a, st, 5);
    c->website = text_at(a, st, 6);
    c->body = text_at(a, st, 7);
    c->status = text_at(a, st, 8);
    c->created_at = sqlite3_column_int64(st, 9);
    c->ip_hash = text_at(a, st, 10);
    c->article_title = text_at(a, st, 11);
}

/* Where a reply goes: *parent and *depth, flattened below depth 2. */
static int reply_place(store *s, const store_comment *c, long long *parent, int *depth)
{
    *parent = 0;
    *depth = 0;
    if (!c->parent_id) return 0;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_PARENT);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c->parent_id);
    sqlite3_bind_int64(st, 2, c->article_id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
    }
    int pdepth = sqlite3_column_int(st, 0);
    long long grandparent = sqlite3_column_int64(st, 1);
    sqlite3_reset(st);
    *parent = pdepth >= 2 ? grandparent : c->parent_id;
    *depth = pdepth >= 2 ? 2 : pdepth + 1;
    return 0;
}

typedef struct {
    store_comment *c;
    long long id;
    int bad_parent;
} add_ctx;

static int comment_add_tx(store *s, void *p)
{
    add_ctx *x = p;
    store_comment *c = x->c;
    long long parent;
    int depth, rc = reply_place(s, c, &parent, &depth);
    if (rc == STORE_NOT_FOUND) x->bad_parent = 1;
    if (rc) return -1;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_ADD);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c->article_id);
    if (parent) sqlite3_bind_int64(st, 2, parent);
    else sqlite3_bind_null(st, 2);
    sqlite3_bind_int(st, 3, depth);
    sqlite3_bind_text(st, 4, c->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, c->email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, c->website ? c->website : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, c->body, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, c->status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, c->created_at ? c->created_at : (long long)time(NULL));
    sqlite3_bind_text(st, 10, c->ip_hash ? c->ip_hash : "", -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) return -1;
    x->id = sqlite3_last_insert_rowid(s->db);
    c->parent_id = parent;
    c->depth = depth;
    return strcmp(c->status, "approved") == 0 ? store_generation_bump(s) : 0;
}

int store_comment_add(store *s, store_comment *c, long long *id)
{
    add_ctx x = { c, 0, 0 };
    if (store_transaction(s, comment_add_tx, &x)) return x.bad_parent ? STORE_NOT_FOUND : -1;
    if (id) *id = x.id;
    return 0;
}

int store_comment_get(store *s, arena *a, long long id, store_comment *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_GET);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) read_comment(a, st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}

/* Step a statement of comments into an arena array. */
static int read_comments(arena *a, sqlite3_stmt *st, store_comment **out, size_t *n)
{
    size_t cap = 16, len = 0;
    store_comment *v = arena_alloc(a, cap * sizeof *v);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            store_comment *bigger = arena_alloc(a, 2 * cap * sizeof *v);
            memcpy(bigger, v, len * sizeof *v);
            v = bigger;
            cap *= 2;
        }
        read_comment(a, st, &v[len++]);
    }
    sqlite3_reset(st);
    *out = v;
    *n = len;
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_comments_approved(store *s, arena *a, long long article_id,
                            store_comment **out, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_APPROVED);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, article_id);
    return read_comments(a, st, out, n);
}

int store_comments_list(store *s, arena *a, const char *status, long long article_id,
                        int limit, store_comment **out, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_LIST);
    if (!st) return -1;
    if (status) sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 1);
    sqlite3_bind_int64(st, 2, article_id);
    sqlite3_bind_int(st, 3, limit > 0 ? limit : 100);
    return read_comments(a, st, out, n);
}

typedef struct {
    long long id;
    const char *status;
    int found;
} status_ctx;

int comment_visibility(store *s, long long id)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_STATUS_OF);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int v = rc == SQLITE_ROW ? (strcmp((const char *)sqlite3_column_text(st, 0), "approved") == 0
                                    ? COMMENT_PUBLIC : COMMENT_HIDDEN)
          : rc == SQLITE_DONE ? COMMENT_NONE : -1;
    sqlite3_reset(st);
    return v;
}

static int set_status_tx(store *s, void *p)
{
    status_ctx *x = p;
    int v = comment_visibility(s, x->id);
    if (v <= COMMENT_NONE) return v;          /* not found: nothing to do */
    int was_public = v == COMMENT_PUBLIC;
    x->found = 1;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SET_STATUS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, x->id);
    sqlite3_bind_text(st, 2, x->status, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) return -1;
    int is_public = strcmp(x->status, "approved") == 0;
    return was_public != is_public ? store_generation_bump(s) : 0;
}

int store_comment_set_status(store *s, long long id, const char *status)
{
    status_ctx x = { id, status, 0 };
    if (store_transaction(s, set_status_tx, &x)) return -1;
    return x.found ? 0 : STORE_NOT_FOUND;
}

int store_email_has_approved(store *s, const char *email)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_EMAIL_APPROVED);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_refusal_count(store *s, const char *reason, long long n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_REFUSAL_ADD);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, n);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}

/* Rows of (text, count) into parallel arrays. */
static int read_counts(arena *a, sqlite3_stmt *st, const char ***reasons, long long **counts,
                       size_t *n)
{
    size_t cap = 32;
    *reasons = arena_alloc(a, cap * sizeof **reasons);
    *counts = arena_alloc(a, cap * sizeof **counts);
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        (*reasons)[*n] = text_at(a, st, 0);
        (*counts)[(*n)++] = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_refusals(store *s, arena *a, const char ***reasons, long long **counts, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_REFUSALS);
    return st ? read_counts(a, st, reasons, counts, n) : -1;
}

int store_comment_counts(store *s, arena *a, const char ***statuses, long long **counts,
                         size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_COUNTS);
    return st ? read_counts(a, st, statuses, counts, n) : -1;
}
