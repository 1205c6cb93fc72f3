/* admin.h — the back office: routes under /admin and its periodic work.
 *
 * main.c serves admin_routes next to site_routes and calls admin_tick from
 * the server's watcher thread (scheduled stories, expired sessions). */
#ifndef MIDAD_ADMIN_H
#define MIDAD_ADMIN_H

#include <stddef.h>

#include "http/router.h"
#include "store/store.h"

/* The largest request body under /admin/ (an article's Markdown can be
 * longer than the public forms' 64 KiB); larger ones get 413. */
#define ADMIN_MAX_BODY (1024 * 1024)

extern const route admin_routes[];
extern const size_t admin_n_routes;

/* Read the back office settings (trusted proxy). 0, or -1 with a message. */
int admin_init(store *s, char *err, size_t errlen);

/* Periodic work, about twice a second: publish scheduled stories whose
 * time has come, expire sessions. Returns non-zero when readers' pages
 * changed (the caller drops the page cache). */
int admin_tick(store *s);

/* If no enabled admin exists, create one with a random password and write
 * its login and password to `out` (for the first `make run`). 1 if one was
 * made, 0 if not needed, -1 on error. */
int admin_bootstrap(store *s, char *out, size_t outlen);

#endif
