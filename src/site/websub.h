/* websub.h — private to src/site/: telling a WebSub hub that feeds changed.
 *
 * When the websub_hub setting names a hub, the server's watcher thread
 * calls websub_watch after every write; when the set of published stories
 * changed (a story published, unpublished or given a later updated_at), the
 * site feeds and the feeds of the sections and tags concerned are queued
 * for a publish ping. A background thread sends them (POST hub.mode=publish
 * & hub.url=FEED), retrying a failure after 1, 5 and 25 seconds. Publishing
 * never waits on it: queueing takes a lock and returns. */
#ifndef MIDAD_WEBSUB_H
#define MIDAD_WEBSUB_H

#include <stddef.h>

#include "store/store.h"

/* Compare the published set with what was seen last and queue pings for
 * what changed (the first call only takes the stamp). No-op without a hub. */
void websub_watch(store *s);

/* Queue a publish ping of each absolute feed URL in topics to `hub`
 * (duplicates of a pending ping are dropped). Returns 0, -1 on no memory. */
int websub_queue(const char *hub, const char *const *topics, size_t n);

/* Pings delivered and attempts that failed, since start. */
void websub_stats(long *delivered, long *failed);

/* Stop the background thread (an attempt in flight is cut short) and drop
 * what is still queued. Safe to call when it never started. */
void websub_stop(void);

#endif
