/* cache.h — rendered pages kept in memory.
 *
 * A cached page is served without touching the database: one identity
 * response, and gzip and brotli variants made on first demand, each a
 * ready libmicrohttpd response queued many times without copying. The
 * whole cache is dropped on any write that changes what readers see
 * (cache_invalidate). Memory is bounded: the oldest pages go first. */
#ifndef MIDAD_CACHE_H
#define MIDAD_CACHE_H

#include <stddef.h>

#include "http/compress.h"

struct MHD_Response;
typedef struct cache_entry cache_entry;

/* Set up the cache with a memory budget in bytes (0 disables caching) and
 * a lifetime: a page older than ttl_seconds is made again on its next
 * request, so relative times ("5 minutes ago") and form tokens stay fresh. */
void cache_init(size_t max_bytes, int ttl_seconds);
/* Drop every page and free the cache (at shutdown). */
void cache_shutdown(void);

/* The page cached under `key` (the raw request URL), or NULL. The caller
 * holds a reference until cache_release. */
cache_entry *cache_get(const char *key);
void cache_release(cache_entry *e);

/* The cache's generation: it moves at every cache_invalidate. Read it
 * before making a page and hand it to cache_put, so that a page made from
 * data older than the last invalidation is never cached. */
unsigned long cache_generation(void);

/* Cache a page (a copy of `body` is made) and return it referenced, or NULL
 * when caching is off or the page is too large. When the cache was
 * invalidated since `made_in` (a cache_generation value), the entry is
 * returned for this one answer but not kept. */
cache_entry *cache_put(const char *key, int status, const char *content_type,
                       const char *cache_control, const char *body, size_t len,
                       unsigned long made_in);

/* cache_put with a Last-Modified date (an HTTP-date, or NULL for none):
 * every variant and 304 carries it, and cache_modified_matches compares
 * If-Modified-Since with it. */
cache_entry *cache_put_dated(const char *key, int status, const char *content_type,
                             const char *cache_control, const char *last_modified,
                             const char *body, size_t len, unsigned long made_in);
/* The entry's Last-Modified value, or NULL. */
const char *cache_last_modified(const cache_entry *e);
/* True if If-Modified-Since is exactly the entry's Last-Modified (the
 * client holds this version; nginx's default "exact" rule). */
int cache_modified_matches(const cache_entry *e, const char *if_modified_since);

/* The response for `enc` (falls back to identity when compression does not
 * help); *used_enc says which was chosen. Stays valid while referenced. */
struct MHD_Response *cache_response(cache_entry *e, encoding enc, encoding *used_enc);

int cache_status(const cache_entry *e);
/* The strong ETag of the variant `enc`, quoted. */
const char *cache_etag(const cache_entry *e, encoding enc);
const char *cache_control_of(const cache_entry *e);
/* True if an If-None-Match header names this page (any variant). */
int cache_etag_matches(const cache_entry *e, const char *if_none_match);

/* Drop every cached page: call after any write that readers can see. */
void cache_invalidate(void);

/* Pages and bytes held now (for tests and /healthz). */
void cache_stats(size_t *pages, size_t *bytes);

#endif
