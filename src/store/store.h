/* store.h — the only door to the database.
 *
 * Nothing outside src/store/ knows that SQL exists. Every function takes a
 * store handle (one SQLite connection; a worker thread uses its own, from
 * store_for_thread) and, when it returns data, an arena that the data lives
 * in. Return codes: 0 success, STORE_NOT_FOUND when the row does not exist,
 * -1 on a database error (the message is in store_errmsg). */
#ifndef MIDAD_STORE_H
#define MIDAD_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

#define STORE_NOT_FOUND 1

typedef struct store store;

/* A section or a tag: both are a named, slugged group of articles. */
typedef struct {
    long long id;
    const char *slug;
    const char *name;
    long long count;        /* published articles in it */
} store_group;

typedef struct {
    long long id;
    const char *slug;
    const char *title, *subtitle, *lead;
    const char *body_html;  /* rendered by render/markdown at save time */
    long long word_count;
    const char *author;
    store_group section;
    const char *status;     /* draft, review, scheduled, published, trash */
    long long published_at, updated_at, created_at;
    const char *source_name, *source_url, *canonical_url;
    bool comments_open;
    store_group *tags;      /* filled by store_article_get only */
    size_t n_tags;
} store_article;

typedef struct {
    long long section_id;   /* 0 = any */
    long long tag_id;       /* 0 = any */
    long long exclude_id;   /* 0 = none */
    int limit;              /* 1..100 */
    long long offset;
} store_filter;

typedef struct {
    store_article *items;   /* without body_html and tags */
    size_t n;
    long long total;        /* matching the filter, ignoring limit/offset */
} store_article_list;

/* What an import or an editor saves. Strings must be valid UTF-8. */
typedef struct {
    const char *import_key; /* stable identity of an imported file, or NULL */
    const char *slug, *title, *subtitle, *lead;
    const char *body_src, *body_html;
    long long word_count;
    const char *author;
    const char *section_slug, *section_name;
    const char **tag_slugs, **tag_names;
    size_t n_tags;
    const char *status;
    long long published_at;
    long long updated_at;   /* last editorial change; 0 = now */
    const char *source_name, *source_url, *canonical_url;
    bool comments_open;
} store_article_in;

/* Open (creating if needed) the database at `path`, WAL mode, and migrate
 * the schema to the current version when `migrate` is true. On failure
 * returns NULL and a message in err. */
store *store_open(const char *path, bool migrate, char *err, size_t errlen);
void store_close(store *s);
/* The last error message of this handle. */
const char *store_errmsg(store *s);

/* Remember the database path for store_for_thread (once, at start-up). */
void store_set_path(const char *path);
/* This thread's own connection, opened on first use and closed when the
 * thread exits; NULL if it cannot be opened. */
store *store_for_thread(void);

/* The schema version of the database and of this build. */
int store_schema_version(store *s);
int store_schema_latest(void);

/* 0 if the database answers a trivial query. */
int store_ping(store *s);
/* The site generation: a number bumped (store_generation_bump, inside the
 * writing transaction) by every write that changes what readers see. The
 * server polls it to drop its page cache after writes by other processes
 * (an import, the CLI); writes readers cannot see (a pending comment)
 * leave it alone, so they cost the cache nothing. */
long long store_generation(store *s);
int store_generation_bump(store *s);

/* A published article with its section and tags. */
int store_article_get(store *s, arena *a, long long id, store_article *out);
/* Published articles, newest first. */
int store_articles_list(store *s, arena *a, const store_filter *f,
                        store_article_list *out);
/* All sections in menu order; `count` is filled only when with_counts
 * (counting costs a scan of each section's articles). */
int store_sections_list(store *s, arena *a, bool with_counts, store_group **out,
                        size_t *n);
int store_section_by_slug(store *s, arena *a, const char *slug, store_group *out);
int store_tag_by_slug(store *s, arena *a, const char *slug, store_group *out);

/* Insert or update (matched by import_key, when given) an article with its
 * section and tags, in one transaction. *id gets the article's id and
 * *created whether it was new. */
int store_article_save(store *s, const store_article_in *in, long long *id,
                       bool *created);

/* Site settings (key → value); a missing key gives `fallback`. */
const char *store_setting_get(store *s, arena *a, const char *key,
                              const char *fallback);
int store_setting_set(store *s, const char *key, const char *value);

/* Run `fn` inside one transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK when
 * fn returns non-zero). */
int store_transaction(store *s, int (*fn)(store *s, void *ctx), void *ctx);

#endif
