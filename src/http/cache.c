/* cache.c — the page cache; see cache.h.
 *
 * A hash table of entries under one read-write lock, plus a FIFO list for
 * eviction by bytes. Entries are reference-counted so that dropping one
 * while a worker is queueing it is safe: the last reference destroys its
 * responses, and libmicrohttpd frees each body when it has sent it. */
#include "http/cache.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/response.h"

#define BUCKETS 4096
#define MIN_COMPRESS 256

struct cache_entry {
    char *key;
    uint64_t hash;
    int status;
    char *content_type, *cache_control;
    char *last_modified;       /* HTTP-date, or NULL */
    const char *body;          /* identity bytes, owned by variant[0] */
    size_t len;
    char etag[ENC_COUNT][24];
    struct MHD_Response *variant[ENC_COUNT];
    size_t bytes;              /* memory charged to the budget */
    double made;               /* when (monotonic seconds) */
    atomic_int refs;
    struct cache_entry *next;  /* bucket chain */
    struct cache_entry *newer; /* FIFO order */
};

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t variant_lock = PTHREAD_MUTEX_INITIALIZER;
static cache_entry *table[BUCKETS];
static cache_entry *oldest, *newest;
static size_t budget, used, pages;
static double ttl = 60;
static atomic_ulong generation;    /* moves at each cache_invalidate (under the write lock) */

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void entry_destroy(cache_entry *e)
{
    for (int i = 0; i < ENC_COUNT; i++)
        if (e->variant[i] && (i == 0 || e->variant[i] != e->variant[0]))
            MHD_destroy_response(e->variant[i]);
    free(e->key);
    free(e->content_type);
    free(e->cache_control);
    free(e->last_modified);
    free(e);
}

void cache_release(cache_entry *e)
{
    if (e && atomic_fetch_sub(&e->refs, 1) == 1) entry_destroy(e);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void cache_init(size_t max_bytes, int ttl_seconds)
{
    budget = max_bytes;
    ttl = ttl_seconds > 0 ? ttl_seconds : 60;
}

/* Unlink and unreference every entry; caller holds the write lock. */
static void drop_all(void)
{
    for (cache_entry *e = oldest; e;) {
        cache_entry *n = e->newer;
        cache_release(e);
        e = n;
    }
    memset(table, 0, sizeof table);
    oldest = newest = NULL;
    used = pages = 0;
}

void cache_invalidate(void)
{
    pthread_rwlock_wrlock(&lock);
    atomic_fetch_add(&generation, 1);
    drop_all();
    pthread_rwlock_unlock(&lock);
}

unsigned long cache_generation(void)
{
    return atomic_load(&generation);   /* no lock: the page path stays cheap */
}

void cache_shutdown(void)
{
    cache_invalidate();
}

cache_entry *cache_get(const char *key)
{
    if (!budget) return NULL;
    size_t n = strlen(key);
    uint64_t h = fnv1a(key, n);
    double too_old = now_seconds() - ttl;
    cache_entry *found = NULL;
    pthread_rwlock_rdlock(&lock);
    for (cache_entry *e = table[h % BUCKETS]; e; e = e->next) {
        if (e->hash == h && e->made >= too_old && strcmp(e->key, key) == 0) {
            atomic_fetch_add(&e->refs, 1);
            found = e;
            break;
        }
    }
    pthread_rwlock_unlock(&lock);
    return found;
}

/* Remove the oldest entry; caller holds the write lock. */
static void evict_oldest(void)
{
    cache_entry *e = oldest;
    if (!e) return;
    cache_entry **pp = &table[e->hash % BUCKETS];
    while (*pp && *pp != e) pp = &(*pp)->next;
    if (*pp) *pp = e->next;
    oldest = e->newer;
    if (!oldest) newest = NULL;
    used -= e->bytes;
    pages--;
    cache_release(e);
}

/* Replace any entry with the same key, then link `e`; caller holds the lock. */
static void insert_locked(cache_entry *e)
{
    cache_entry **pp = &table[e->hash % BUCKETS];
    for (; *pp; pp = &(*pp)->next) {
        if ((*pp)->hash == e->hash && strcmp((*pp)->key, e->key) == 0) {
            /* a racing worker cached the same page: keep the old one linked
             * in the FIFO list but out of the table; it ages out */
            *pp = (*pp)->next;
            break;
        }
    }
    while (oldest && used + e->bytes > budget) evict_oldest();
    e->next = table[e->hash % BUCKETS];
    table[e->hash % BUCKETS] = e;
    if (newest) newest->newer = e;
    else oldest = e;
    newest = e;
    used += e->bytes;
    pages++;
}

/* A response for the entry's bytes, with its Last-Modified when it has one. */
static struct MHD_Response *entry_response(cache_entry *e, char *body, size_t len,
                                           encoding enc)
{
    struct MHD_Response *mr = response_make(body, len, e->content_type, e->cache_control,
                                            e->etag[enc], enc);
    if (mr && e->last_modified &&
        MHD_add_response_header(mr, "Last-Modified", e->last_modified) != MHD_YES) {
        MHD_destroy_response(mr);
        return NULL;
    }
    return mr;
}

cache_entry *cache_put(const char *key, int status, const char *content_type,
                       const char *cache_control, const char *body, size_t len,
                       unsigned long made_in)
{
    return cache_put_dated(key, status, content_type, cache_control, NULL, body, len, made_in);
}

cache_entry *cache_put_dated(const char *key, int status, const char *content_type,
                             const char *cache_control, const char *last_modified,
                             const char *body, size_t len, unsigned long made_in)
{
    size_t keylen = strlen(key);
    if (!budget || len + keylen > budget / 8) return NULL;
    cache_entry *e = calloc(1, sizeof *e);
    char *copy = malloc(len ? len : 1);
    if (!e || !copy) abort();
    memcpy(copy, body, len);
    e->key = strdup(key);
    e->hash = fnv1a(key, keylen);
    e->status = status;
    e->content_type = strdup(content_type);
    e->cache_control = strdup(cache_control ? cache_control : "public, max-age=0, must-revalidate");
    e->body = copy;
    e->len = len;
    uint64_t tag = fnv1a(body, len);
    snprintf(e->etag[ENC_IDENTITY], sizeof e->etag[0], "\"%016llx\"", (unsigned long long)tag);
    snprintf(e->etag[ENC_GZIP], sizeof e->etag[0], "\"%016llx-gz\"", (unsigned long long)tag);
    snprintf(e->etag[ENC_BR], sizeof e->etag[0], "\"%016llx-br\"", (unsigned long long)tag);
    e->last_modified = last_modified ? strdup(last_modified) : NULL;
    e->variant[0] = entry_response(e, copy, len, ENC_IDENTITY);
    if (!e->variant[0]) {
        free(e->key);
        free(e->content_type);
        free(e->cache_control);
        free(e->last_modified);
        free(e);
        return NULL;
    }
    /* the body plus room for its gzip and brotli variants (each about a
     * fifth of a page of HTML; charged up front, made on demand) */
    e->bytes = sizeof *e + keylen + len + len / 2;
    e->made = now_seconds();
    pthread_rwlock_wrlock(&lock);
    /* made before the last invalidation: answer with it, but do not keep it */
    bool fresh = atomic_load(&generation) == made_in;
    atomic_store(&e->refs, fresh ? 2 : 1);    /* the table's and the caller's */
    if (fresh) insert_locked(e);
    pthread_rwlock_unlock(&lock);
    return e;
}

static int compressible(const cache_entry *e)
{
    const char *t = e->content_type;
    return e->len >= MIN_COMPRESS &&
           (strncmp(t, "text/", 5) == 0 || strstr(t, "json") || strstr(t, "xml") ||
            strstr(t, "javascript") || strstr(t, "svg"));
}

struct MHD_Response *cache_response(cache_entry *e, encoding enc, encoding *used_enc)
{
    *used_enc = ENC_IDENTITY;
    if (enc == ENC_IDENTITY || !compressible(e)) return e->variant[0];

    pthread_mutex_lock(&variant_lock);
    struct MHD_Response *v = e->variant[enc];
    pthread_mutex_unlock(&variant_lock);
    if (!v) {
        size_t clen = 0;
        char *c = compress_body(enc, e->body, e->len, &clen);
        struct MHD_Response *made = NULL;
        if (c && clen < e->len)
            made = entry_response(e, c, clen, enc);
        else
            free(c);
        pthread_mutex_lock(&variant_lock);
        if (!e->variant[enc]) e->variant[enc] = made ? made : e->variant[0];
        else if (made) MHD_destroy_response(made);
        v = e->variant[enc];
        pthread_mutex_unlock(&variant_lock);
    }
    if (v != e->variant[0]) *used_enc = enc;
    return v;
}

int cache_status(const cache_entry *e) { return e->status; }
const char *cache_etag(const cache_entry *e, encoding enc) { return e->etag[enc]; }
const char *cache_control_of(const cache_entry *e) { return e->cache_control; }
const char *cache_last_modified(const cache_entry *e) { return e->last_modified; }

int cache_modified_matches(const cache_entry *e, const char *ims)
{
    return ims && e->last_modified && strcmp(ims, e->last_modified) == 0;
}

int cache_etag_matches(const cache_entry *e, const char *inm)
{
    if (!inm) return 0;
    if (strcmp(inm, "*") == 0) return 1;
    /* compare the 16 hex digits of our tag with each listed tag */
    const char *hex = e->etag[0] + 1;
    for (const char *p = strchr(inm, '"'); p; p = strchr(p, '"')) {
        p++;
        if (strncmp(p, hex, 16) == 0 &&
            (p[16] == '"' || (p[16] == '-' && (strncmp(p + 17, "gz\"", 3) == 0 ||
                                                strncmp(p + 17, "br\"", 3) == 0))))
            return 1;
        p = strchr(p, '"');
        if (!p) break;
        p++;
    }
    return 0;
}

void cache_stats(size_t *n, size_t *bytes)
{
    pthread_rwlock_rdlock(&lock);
    *n = pages;
    *bytes = used;
    pthread_rwlock_unlock(&lock);
}
