/* websub.c — best-effort WebSub publish pings; see websub.h.
 *
 * One background thread and a small queue under a mutex. Each job is a
 * (hub, topic) pair with its attempt count and the time it is next due;
 * the thread sleeps on a condition variable until the earliest is due.
 * libcurl is used with NOSIGNAL (threads), http/https only, short
 * timeouts, and a progress callback that aborts when the server stops. */
#include "site/websub.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "site/discovery.h"
#include "site/page.h"

#define MAX_JOBS 256
#define TRIES 4

typedef struct job {
    char *hub, *topic;
    int tries;
    time_t due;
    struct job *next;
} job;

static const int retry_delay[TRIES] = { 0, 1, 5, 25 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t worker;
static bool started;
static atomic_bool stopping;
static job *queue;
static size_t queued;
static atomic_long delivered, failed;

static void job_free(job *j)
{
    free(j->hub);
    free(j->topic);
    free(j);
}

static job *job_new(const char *hub, const char *topic)
{
    job *j = calloc(1, sizeof *j);
    if (!j) return NULL;
    j->hub = strdup(hub);
    j->topic = strdup(topic);
    j->due = time(NULL);
    if (!j->hub || !j->topic) {
        job_free(j);
        return NULL;
    }
    return j;
}

static int on_progress(void *p, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
    return atomic_load(&stopping) ? 1 : 0;
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
    return size * n;
}

/* One POST to the hub: 0 when it answered 2xx. */
static int ping(CURL *c, const job *j)
{
    char *topic = curl_easy_escape(c, j->topic, 0);
    if (!topic) return -1;
    size_t n = strlen(topic) + 32;
    char *body = malloc(n);
    if (!body) {
        curl_free(topic);
        return -1;
    }
    snprintf(body, n, "hub.mode=publish&hub.url=%s", topic);
    curl_free(topic);
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, j->hub);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "midad-websub/1");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    long status = 0;
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    free(body);
    return rc == CURLE_OK && status >= 200 && status < 300 ? 0 : -1;
}

/* Take the first job that is due, or NULL after waiting (lock held). */
static job *take_due(void)
{
    time_t now = time(NULL), next = 0;
    for (job **pp = &queue; *pp; pp = &(*pp)->next) {
        if ((*pp)->due <= now) {
            job *j = *pp;
            *pp = j->next;
            queued--;
            return j;
        }
        if (!next || (*pp)->due < next) next = (*pp)->due;
    }
    if (!next) {
        pthread_cond_wait(&wake, &lock);
    } else {
        struct timespec ts = { next, 0 };
        pthread_cond_timedwait(&wake, &lock, &ts);
    }
    return NULL;
}

static void requeue(job *j)
{
    pthread_mutex_lock(&lock);
    j->due = time(NULL) + retry_delay[j->tries];
    j->next = queue;
    queue = j;
    queued++;
    pthread_mutex_unlock(&lock);
}

static void *run(void *arg)
{
    CURL *c = curl_easy_init();
    while (!atomic_load(&stopping)) {
        pthread_mutex_lock(&lock);
        job *j = atomic_load(&stopping) ? NULL : take_due();
        pthread_mutex_unlock(&lock);
        if (!j) continue;
        if (c && ping(c, j) == 0) {
            atomic_fetch_add(&delivered, 1);
            job_free(j);
            continue;
        }
        atomic_fetch_add(&failed, 1);
        if (++j->tries < TRIES && !atomic_load(&stopping)) {
            requeue(j);
        } else {
            if (!atomic_load(&stopping))
                fprintf(stderr, "midad: websub: %s did not take the ping for %s (%d tries)\n",
                        j->hub, j->topic, j->tries);
            job_free(j);
        }
    }
    if (c) curl_easy_cleanup(c);
    return NULL;
}

/* Start the thread on first use (lock held). */
static int ensure_started(void)
{
    if (started) return 0;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return -1;
    if (pthread_create(&worker, NULL, run, NULL)) return -1;
    started = true;
    return 0;
}

static bool pending(const char *hub, const char *topic)
{
    for (job *j = queue; j; j = j->next)
        if (j->tries == 0 && strcmp(j->topic, topic) == 0 && strcmp(j->hub, hub) == 0)
            return true;
    return false;
}

int websub_queue(const char *hub, const char *const *topics, size_t n)
{
    int rc = 0;
    pthread_mutex_lock(&lock);
    if (atomic_load(&stopping) || ensure_started()) rc = -1;
    for (size_t i = 0; !rc && i < n; i++) {
        if (pending(hub, topics[i]) || queued >= MAX_JOBS) continue;
        job *j = job_new(hub, topics[i]);
        if (!j) {
            rc = -1;
            break;
        }
        j->next = queue;
        queue = j;
        queued++;
    }
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    return rc;
}

void websub_stats(long *d, long *f)
{
    *d = atomic_load(&delivered);
    *f = atomic_load(&failed);
}

void websub_stop(void)
{
    pthread_mutex_lock(&lock);
    atomic_store(&stopping, true);
    pthread_cond_broadcast(&wake);
    bool was = started;
    pthread_mutex_unlock(&lock);
    if (was) pthread_join(worker, NULL);
    while (queue) {
        job *j = queue;
        queue = j->next;
        job_free(j);
    }
    queued = 0;
    if (was) curl_global_cleanup();
    started = false;
}

/* --- noticing what to ping ------------------------------------------------ */

static store_feed_stamp seen;
static bool have_seen;

/* The RSS and Atom feed URLs of a path prefix ("" for the site). */
static void add_feeds(arena *a, const char **topics, size_t *n, const char *prefix)
{
    topics[(*n)++] = abs_url(a, arena_printf(a, "%s/feed.xml", prefix));
    topics[(*n)++] = abs_url(a, arena_printf(a, "%s/atom.xml", prefix));
}

/* Queue the site feeds and those of the sections and tags in changed. */
static void queue_changed(store *s, arena *a, const store_feed_stamp *before)
{
    const char **sec, **tag;
    size_t ns = 0, nt = 0, n = 0;
    if (store_feed_changed_groups(s, a, before, false, &sec, &ns)) ns = 0;
    if (store_feed_changed_groups(s, a, before, true, &tag, &nt)) nt = 0;
    const char **topics = arena_alloc(a, (2 + 2 * (ns + nt)) * sizeof *topics);
    add_feeds(a, topics, &n, "");
    for (size_t i = 0; i < ns; i++) add_feeds(a, topics, &n, group_url(a, "section", sec[i]));
    for (size_t i = 0; i < nt; i++) add_feeds(a, topics, &n, group_url(a, "tag", tag[i]));
    websub_queue(discovery()->hub, topics, n);
}

void websub_watch(store *s)
{
    store_feed_stamp now;
    if (!discovery()->hub[0] || !s || store_feed_stamp_get(s, &now)) return;
    if (have_seen && (now.count != seen.count || now.max_id != seen.max_id ||
                      now.max_updated != seen.max_updated)) {
        arena *a = arena_new(0);
        queue_changed(s, a, &seen);
        arena_free(a);
    }
    seen = now;
    have_seen = true;
}
