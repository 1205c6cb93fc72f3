/* related_read.c — reading "see also" lists, editors' pins and
 * exclusions, and the near-duplicate clusters (store.h). Nothing here
 * computes similarity: store/related.c did, when the article was saved. */
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"

/* Pinned stories first (in the order pinned), then the computed list
 * without the editor's choices; the cluster head of each row last. */
static const char SQL_LIST[] =
    "SELECT " ARTICLE_CARD_COLS ", coalesce(d.of, a.id) FROM ("
    " SELECT p.related AS rid, 0 AS grp, p.at AS ord FROM related_pins p"
    "  WHERE p.article = ?1 AND p.kind = 'pin'"
    " UNION ALL SELECT r.related, 1, r.rank FROM related r WHERE r.article = ?1"
    "  AND NOT EXISTS (SELECT 1 FROM related_pins p WHERE p.article = ?1"
    "  AND p.related = r.related)) x"
    " JOIN articles a ON a.id = x.rid LEFT JOIN sections s ON s.id = a.section_id"
    " LEFT JOIN duplicates d ON d.article = a.id"
    " WHERE a.status = 'published' AND a.id <> ?1 ORDER BY x.grp, x.ord LIMIT 30";
static const char SQL_HEAD[] = "SELECT coalesce((SELECT of FROM duplicates WHERE article = ?1), ?1)";
static const char SQL_BOTH_EXIST[] = "SELECT count(*) FROM articles WHERE id IN (?1, ?2)";
static const char SQL_CHOOSE[] =
    "INSERT INTO related_pins(article, related, kind, at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT(article, related) DO UPDATE SET kind = excluded.kind, at = excluded.at";
static const char SQL_UNCHOOSE[] = "DELETE FROM related_pins WHERE article = ?1 AND related = ?2";
static const char SQL_DUPES[] =
    "SELECT d.article, d.of, d.similarity, a.title, o.title, a.status FROM duplicates d"
    " JOIN articles a ON a.id = d.article JOIN articles o ON o.id = d.of"
    " ORDER BY d.of, d.article";

static long long head_of(store *s, long long id)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_HEAD);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    long long h = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return h;
}

/* True if head is already taken (the article's own cluster or a shown one). */
static bool seen(const long long *heads, size_t n, long long head)
{
    for (size_t i = 0; i < n; i++)
        if (heads[i] == head) return true;
    return false;
}

int store_related_list(store *s, arena *a, long long id, int limit, store_article_list *out)
{
    memset(out, 0, sizeof *out);
    limit = limit < 1 ? 1 : limit > 10 ? 10 : limit;
    long long heads[11];
    size_t nheads = 0;
    if ((heads[nheads++] = head_of(s, id)) < 0) return -1;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_LIST);
    if (!st) return -1;
    out->items = arena_alloc(a, (size_t)limit * sizeof *out->items);
    sqlite3_bind_int64(st, 1, id);
    int rc = SQLITE_DONE;
    while ((int)out->n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long head = sqlite3_column_int64(st, sqlite3_column_count(st) - 1);
        if (seen(heads, nheads, head)) continue;        /* a copy of a story shown */
        heads[nheads++] = head;
        read_article_card(a, st, &out->items[out->n++]);
    }
    if ((int)out->n == limit) rc = SQLITE_DONE;
    sqlite3_reset(st);
    out->total = (long long)out->n;
    return rc == SQLITE_DONE ? 0 : -1;
}

typedef struct {
    long long id, other;
    const char *kind;
    int rc;             /* STORE_NOT_FOUND when an article does not exist */
} choose_ctx;

static int choose_tx(store *s, void *p)
{
    choose_ctx *c = p;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_BOTH_EXIST);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c->id);
    sqlite3_bind_int64(st, 2, c->other);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (n < 0) return -1;
    if (n < 2) return c->rc = STORE_NOT_FOUND;
    if (!(st = store_stmt_sql(s, c->kind ? SQL_CHOOSE : SQL_UNCHOOSE))) return -1;
    sqlite3_bind_int64(st, 1, c->id);
    sqlite3_bind_int64(st, 2, c->other);
    if (c->kind) {
        sqlite3_bind_text(st, 3, c->kind, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, (long long)time(NULL));
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? store_generation_bump(s) : -1;
}

int store_related_choose(store *s, long long id, long long other, const char *kind)
{
    if (id == other) return STORE_NOT_FOUND;
    if (kind && strcmp(kind, "pin") != 0 && strcmp(kind, "exclude") != 0) return -1;
    choose_ctx c = { id, other, kind, 0 };
    int rc = store_transaction(s, choose_tx, &c);
    return c.rc ? c.rc : rc;
}

static const char *text_col(arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i)) : "";
}

int store_duplicates_list(store *s, arena *a, store_duplicate **out, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_DUPES);
    if (!st) return -1;
    size_t cap = 16;
    *n = 0;
    *out = arena_alloc(a, cap * sizeof **out);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            store_duplicate *bigger = arena_alloc(a, 2 * cap * sizeof *bigger);
            memcpy(bigger, *out, cap * sizeof *bigger);
            *out = bigger;
            cap *= 2;
        }
        store_duplicate *d = &(*out)[(*n)++];
        d->id = sqlite3_column_int64(st, 0);
        d->of = sqlite3_column_int64(st, 1);
        d->similarity = sqlite3_column_double(st, 2);
        d->title = text_col(a, st, 3);
        d->of_title = text_col(a, st, 4);
        d->status = text_col(a, st, 5);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}
