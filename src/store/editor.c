/* editor.c — the back office's side of store.h: articles in every status,
 * saving them with a revision, status changes, revisions, slug checks.
 *
 * Every save or status change is one transaction that also copies the
 * article's new state into `revisions`, and bumps the site generation when
 * readers could see the change (the article is or was published, or a new
 * section joined the menu). */
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"

#define EDIT_COLS ARTICLE_CARD_COLS ", a.body_src, a.body_html, coalesce(a.owner_id, 0)"

static const char SQL_GET[] =
    "SELECT " EDIT_COLS " FROM articles a LEFT JOIN sections s ON s.id = a.section_id"
    " WHERE a.id = ?1";
static const char SQL_STATUS_OF[] = "SELECT status FROM articles WHERE id = ?1";
static const char SQL_SECTION_EXISTS[] = "SELECT 1 FROM sections WHERE slug = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO articles(slug, title, subtitle, lead, body_src, body_html, word_count,"
    " author, section_id, status, published_at, source_name, source_url, canonical_url,"
    " comments_open, owner_id, updated_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
    " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)";
static const char SQL_UPDATE[] =
    "UPDATE articles SET slug = ?1, title = ?2, subtitle = ?3, lead = ?4, body_src = ?5,"
    " body_html = ?6, word_count = ?7, author = ?8, section_id = ?9, status = ?10,"
    " published_at = ?11, source_name = ?12, source_url = ?13, canonical_url = ?14,"
    " comments_open = ?15, updated_at = ?17 WHERE id = ?18";
static const char SQL_SET_STATUS[] =
    "UPDATE articles SET status = ?2, published_at = CASE WHEN ?3 >= 0 THEN ?3"
    " ELSE published_at END, updated_at = ?4 WHERE id = ?1";
static const char SQL_REVISION_ADD[] =
    "INSERT INTO revisions(article_id, user_id, at, title, subtitle, lead, body_src, status,"
    " published_at, section_id, author, source_name, source_url, canonical_url,"
    " comments_open, tags) SELECT a.id, nullif(?2, 0), ?3, a.title, a.subtitle, a.lead,"
    " a.body_src, a.status, a.published_at, a.section_id, a.author, a.source_name,"
    " a.source_url, a.canonical_url, a.comments_open, coalesce((SELECT group_concat(name,"
    " ', ') FROM (SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
    " WHERE at.article_id = a.id ORDER BY t.name)), '') FROM articles a WHERE a.id = ?1";
static const char SQL_SLUG_TAKEN[] =
    "SELECT 1 FROM articles WHERE slug = ?1 AND id <> ?2 LIMIT 1";
static const char SQL_AUTHORS[] =
    "SELECT DISTINCT author FROM articles WHERE author <> '' ORDER BY author";


static const char *col_text(arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return arena_strndup(a, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, col));
}

/* Run a statement that returns nothing; 0 or -1. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}

int store_editor_get(store *s, arena *a, long long id, store_edit_article *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_GET);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
    }
    memset(out, 0, sizeof *out);
    read_article_card(a, st, &out->a);
    out->body_src = col_text(a, st, 19);
    out->a.body_html = col_text(a, st, 20);
    out->owner_id = sqlite3_column_int64(st, 21);
    sqlite3_reset(st);
    if (!(st = store_stmt(s, STMT_ARTICLE_TAGS))) return -1;
    sqlite3_bind_int64(st, 1, id);
    size_t cap = 8;
    out->a.tags = arena_alloc(a, cap * sizeof *out->a.tags);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->a.n_tags < 64) {
        if (out->a.n_tags == cap) {
            store_group *g = arena_alloc(a, 2 * cap * sizeof *g);
            memcpy(g, out->a.tags, cap * sizeof *g);
            out->a.tags = g, cap *= 2;
        }
        store_group *g = &out->a.tags[out->a.n_tags++];
        g->id = sqlite3_column_int64(st, 0);
        g->slug = col_text(a, st, 1);
        g->name = col_text(a, st, 2);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int store_editor_slug_taken(store *s, const char *slug, long long except_id)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SLUG_TAKEN);
    if (!st) return -1;
    store_bind_text(st, 1, slug);
    sqlite3_bind_int64(st, 2, except_id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_editor_authors(store *s, arena *a, const char ***out, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_AUTHORS);
    if (!st) return -1;
    size_t cap = 16;
    const char **v = arena_alloc(a, cap * sizeof *v);
    int rc;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            const char **w = arena_alloc(a, 2 * cap * sizeof *w);
            memcpy(w, v, cap * sizeof *w);
            v = w, cap *= 2;
        }
        v[(*n)++] = col_text(a, st, 0);
    }
    sqlite3_reset(st);
    *out = v;
    return rc == SQLITE_DONE ? 0 : -1;
}

/* --- saving ------------------------------------------------------------------ */

typedef struct {
    const store_edit *e;
    const char *status;         /* status changes: the new status */
    long long published_at;     /* status changes: -1 = keep */
    long long id, now;
    bool visible;
    bool missing;               /* the article does not exist */
} edit_ctx;

/* The article's status now: "" when it does not exist, NULL on error. */
static const char *status_of(store *s, long long id, char *out, size_t cap)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_STATUS_OF);
    if (!st) return NULL;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    out[0] = '\0';
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        size_t n = t ? strlen((const char *)t) : 0;
        memcpy(out, t ? (const char *)t : "", n < cap ? n + 1 : 1);
        if (n >= cap) out[0] = '\0';
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? out : NULL;
}

/* The section's id (made when new; *made says so), 0 for none, -1 on error. */
static long long section_id(store *s, const store_article_in *in, bool *made)
{
    if (!in->section_slug || !in->section_slug[0]) return 0;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SECTION_EXISTS);
    if (!st) return -1;
    store_bind_text(st, 1, in->section_slug);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return -1;
    *made = rc == SQLITE_DONE;
    if (!(st = store_stmt(s, STMT_SECTION_ENSURE))) return -1;
    store_bind_text(st, 1, in->section_slug);
    store_bind_text(st, 2, in->section_name && in->section_name[0] ? in->section_name : in->section_slug);
    long long id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return id;
}

static int tags_replace(store *s, long long id, const store_article_in *in)
{
    sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_TAGS_CLEAR);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    if (run(st)) return -1;
    for (size_t i = 0; i < in->n_tags; i++) {
        if (!(st = store_stmt(s, STMT_TAG_ENSURE))) return -1;
        store_bind_text(st, 1, in->tag_slugs[i]);
        store_bind_text(st, 2, in->tag_names[i]);
        long long tag = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
        sqlite3_reset(st);
        if (tag < 0 || !(st = store_stmt(s, STMT_ARTICLE_TAG_ADD))) return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, tag);
        if (run(st)) return -1;
    }
    return 0;
}

/* Copy the article's state into a new revision. */
static int revision_add(store *s, long long id, long long user_id, long long now)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_REVISION_ADD);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, user_id);
    sqlite3_bind_int64(st, 3, now);
    return run(st);
}

static int save_tx(store *s, void *p)
{
    edit_ctx *c = p;
    const store_article_in *in = &c->e->in;
    char was[16];
    if (c->e->id && !status_of(s, c->e->id, was, sizeof was)) return -1;
    if (c->e->id && !was[0]) return c->missing = true, -1;
    bool made = false;
    long long section = section_id(s, in, &made);
    if (section < 0) return -1;
    sqlite3_stmt *st = store_stmt_sql(s, c->e->id ? SQL_UPDATE : SQL_INSERT);
    if (!st) return -1;
    store_bind_article(st, in, section);
    if (c->e->owner_id) sqlite3_bind_int64(st, 16, c->e->owner_id);
    else sqlite3_bind_null(st, 16);
    sqlite3_bind_int64(st, 17, c->now);
    if (c->e->id) sqlite3_bind_int64(st, 18, c->e->id);
    if (run(st)) return -1;
    c->id = c->e->id ? c->e->id : sqlite3_last_insert_rowid(s->db);
    if (tags_replace(s, c->id, in) || revision_add(s, c->id, c->e->user_id, c->now)) return -1;
    c->visible = made || strcmp(in->status ? in->status : "", "published") == 0 ||
                 (c->e->id && strcmp(was, "published") == 0);
    return c->visible ? store_generation_bump(s) : 0;
}

int store_editor_save(store *s, const store_edit *e, long long *id, bool *visible)
{
    edit_ctx c = { .e = e, .now = (long long)time(NULL) };
    if (store_transaction(s, save_tx, &c)) return c.missing ? STORE_NOT_FOUND : -1;
    if (id) *id = c.id;
    if (visible) *visible = c.visible;
    return 0;
}

static int status_tx(store *s, void *p)
{
    edit_ctx *c = p;
    char was[16];
    if (!status_of(s, c->id, was, sizeof was)) return -1;
    if (!was[0]) return c->missing = true, -1;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SET_STATUS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c->id);
    store_bind_text(st, 2, c->status);
    sqlite3_bind_int64(st, 3, c->published_at);
    sqlite3_bind_int64(st, 4, c->now);
    if (run(st) || revision_add(s, c->id, c->e->user_id, c->now)) return -1;
    c->visible = strcmp(was, "published") == 0 || strcmp(c->status, "published") == 0;
    return c->visible ? store_generation_bump(s) : 0;
}

int store_editor_set_status(store *s, long long id, long long user_id, const char *status,
                            long long published_at, bool *visible)
{
    store_edit who = { .user_id = user_id };
    edit_ctx c = { .e = &who, .status = status, .published_at = published_at, .id = id,
                   .now = (long long)time(NULL) };
    if (store_transaction(s, status_tx, &c)) return c.missing ? STORE_NOT_FOUND : -1;
    if (visible) *visible = c.visible;
    return 0;
}
