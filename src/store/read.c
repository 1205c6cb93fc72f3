/* read.c — the reading queries of store.h: articles, lists, sections, tags,
 * settings. Every row is copied into the caller's arena. */
#include <string.h>

#include "store/sqlite_int.h"

static const char *col_text(arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    int n = sqlite3_column_bytes(st, col);
    return t ? arena_strndup(a, (const char *)t, (size_t)n) : arena_strdup(a, "");
}

/* Columns in ARTICLE_CARD_COLS order (shared: see sqlite_int.h). */
void read_article_card(arena *a, sqlite3_stmt *st, store_article *ar)
{
    memset(ar, 0, sizeof *ar);
    ar->id = sqlite3_column_int64(st, 0);
    ar->slug = col_text(a, st, 1);
    ar->title = col_text(a, st, 2);
    ar->subtitle = col_text(a, st, 3);
    ar->lead = col_text(a, st, 4);
    ar->word_count = sqlite3_column_int64(st, 5);
    ar->author = col_text(a, st, 6);
    ar->status = col_text(a, st, 7);
    ar->published_at = sqlite3_column_int64(st, 8);
    ar->updated_at = sqlite3_column_int64(st, 9);
    ar->created_at = sqlite3_column_int64(st, 10);
    ar->source_name = col_text(a, st, 11);
    ar->source_url = col_text(a, st, 12);
    ar->canonical_url = col_text(a, st, 13);
    ar->comments_open = sqlite3_column_int(st, 14) != 0;
    ar->section.id = sqlite3_column_int64(st, 15);
    ar->section.slug = col_text(a, st, 16);
    ar->section.name = col_text(a, st, 17);
    ar->comment_count = sqlite3_column_int64(st, 18);
    ar->body_html = "";
}

static void read_group(arena *a, sqlite3_stmt *st, store_group *g)
{
    g->id = sqlite3_column_int64(st, 0);
    g->slug = col_text(a, st, 1);
    g->name = col_text(a, st, 2);
    g->count = sqlite3_column_count(st) > 3 ? sqlite3_column_int64(st, 3) : 0;
}

/* Step through a statement of groups into an arena array. */
static int read_groups(arena *a, sqlite3_stmt *st, store_group **out, size_t *n)
{
    size_t cap = 16, len = 0;
    store_group *g = arena_alloc(a, cap * sizeof *g);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (len == cap) {
            store_group *bigger = arena_alloc(a, 2 * cap * sizeof *g);
            memcpy(bigger, g, len * sizeof *g);
            g = bigger;
            cap *= 2;
        }
        read_group(a, st, &g[len++]);
    }
    sqlite3_reset(st);
    *out = g;
    *n = len;
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_article_get(store *s, arena *a, long long id, store_article *out)
{
    sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_GET);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
    }
    read_article_card(a, st, out);
    out->body_html = col_text(a, st, 19);
    sqlite3_reset(st);

    st = store_stmt(s, STMT_ARTICLE_TAGS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    return read_groups(a, st, &out->tags, &out->n_tags);
}

static long long list_count(store *s, const store_filter *f)
{
    if (f->no_total) return 0;
    sqlite3_stmt *st = store_stmt(s, f->tag_id ? STMT_LIST_TAG_COUNT
                                     : f->section_id ? STMT_LIST_SECTION_COUNT : STMT_LIST_COUNT);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, f->tag_id ? f->tag_id : f->section_id);
    sqlite3_bind_int64(st, 2, f->exclude_id);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

int store_articles_list(store *s, arena *a, const store_filter *f,
                        store_article_list *out)
{
    int limit = f->limit < 1 ? 1 : f->limit > 100 ? 100 : f->limit;
    memset(out, 0, sizeof *out);
    out->total = list_count(s, f);
    if (out->total < 0) return -1;

    sqlite3_stmt *st = store_stmt(s, f->tag_id ? STMT_LIST_TAG
                                     : f->section_id ? STMT_LIST_SECTION : STMT_LIST);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, f->tag_id ? f->tag_id : f->section_id);
    sqlite3_bind_int(st, 2, limit);
    sqlite3_bind_int64(st, 3, f->offset < 0 ? 0 : f->offset);
    sqlite3_bind_int64(st, 4, f->exclude_id);
    out->items = arena_alloc(a, (size_t)limit * sizeof *out->items);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        read_article_card(a, st, &out->items[out->n++]);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_sections_list(store *s, arena *a, bool with_counts, store_group **out,
                        size_t *n)
{
    sqlite3_stmt *st = store_stmt(s, with_counts ? STMT_SECTIONS : STMT_SECTIONS_PLAIN);
    return st ? read_groups(a, st, out, n) : -1;
}

static int group_by_slug(store *s, arena *a, stmt_id id, const char *slug,
                         store_group *out)
{
    sqlite3_stmt *st = store_stmt(s, id);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) read_group(a, st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}

int store_section_by_slug(store *s, arena *a, const char *slug, store_group *out)
{
    return group_by_slug(s, a, STMT_SECTION_BY_SLUG, slug, out);
}

int store_tag_by_slug(store *s, arena *a, const char *slug, store_group *out)
{
    return group_by_slug(s, a, STMT_TAG_BY_SLUG, slug, out);
}

const char *store_setting_get(store *s, arena *a, const char *key,
                              const char *fallback)
{
    sqlite3_stmt *st = store_stmt(s, STMT_SETTING_GET);
    if (!st) return fallback;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    const char *v = fallback;
    if (sqlite3_step(st) == SQLITE_ROW) v = col_text(a, st, 0);
    sqlite3_reset(st);
    return v;
}
