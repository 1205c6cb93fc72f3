/* moderation.c — what the back office's comment queue needs from the
 * database beyond store/comments.c: the queue with each comment's article
 * and the comment it answers, and editing a comment's name and text. */
#include <string.h>

#include "store/sqlite_int.h"

static const char SQL_QUEUE[] =
    "SELECT c.id, c.article_id, coalesce(c.parent_id, 0), c.depth, c.name, c.email,"
    " c.website, c.body, c.status, c.created_at, a.title, a.slug, a.status,"
    " coalesce(p.name, ''), coalesce(p.body, '')"
    " FROM comments c JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN comments p ON p.id = c.parent_id"
    " WHERE c.status = ?1 ORDER BY c.created_at DESC, c.id DESC LIMIT ?2 OFFSET ?3";
static const char SQL_ITEM[] =
    "SELECT c.id, c.article_id, coalesce(c.parent_id, 0), c.depth, c.name, c.email,"
    " c.website, c.body, c.status, c.created_at, a.title, a.slug, a.status,"
    " coalesce(p.name, ''), coalesce(p.body, '')"
    " FROM comments c JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN comments p ON p.id = c.parent_id WHERE c.id = ?1";
static const char SQL_EDIT[] = "UPDATE comments SET name = ?2, body = ?3 WHERE id = ?1";

static const char *text_at(arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return arena_strndup(a, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, col));
}

static void read_item(arena *a, sqlite3_stmt *st, store_queue_item *it)
{
    store_comment *c = &it->c;
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
    c->ip_hash = "";
    c->article_title = text_at(a, st, 10);
    it->article_slug = text_at(a, st, 11);
    it->article_status = text_at(a, st, 12);
    it->parent_name = text_at(a, st, 13);
    it->parent_body = text_at(a, st, 14);
}

int store_moderation_queue(store *s, arena *a, const char *status, int limit,
                           long long offset, store_queue_item **out, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_QUEUE);
    if (!st) return -1;
    if (limit < 1 || limit > 500) limit = 50;
    sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit);
    sqlite3_bind_int64(st, 3, offset < 0 ? 0 : offset);
    store_queue_item *v = arena_alloc(a, (size_t)limit * sizeof *v);
    size_t len = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && len < (size_t)limit)
        read_item(a, st, &v[len++]);
    sqlite3_reset(st);
    *out = v;
    *n = len;
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_moderation_item(store *s, arena *a, long long id, store_queue_item *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_ITEM);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) read_item(a, st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}

typedef struct {
    long long id;
    const char *name, *body;
    int found;
} edit_ctx;

static int edit_tx(store *s, void *p)
{
    edit_ctx *x = p;
    int v = comment_visibility(s, x->id);
    if (v <= COMMENT_NONE) return v;             /* not found: nothing to do */
    int is_public = v == COMMENT_PUBLIC;
    x->found = 1;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_EDIT);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, x->id);
    sqlite3_bind_text(st, 2, x->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, x->body, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    return is_public ? store_generation_bump(s) : 0;
}

int store_comment_edit(store *s, long long id, const char *name, const char *body)
{
    edit_ctx x = { id, name, body, 0 };
    if (store_transaction(s, edit_tx, &x)) return -1;
    return x.found ? 0 : STORE_NOT_FOUND;
}
