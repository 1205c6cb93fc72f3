/* server.h — the HTTP server: libmicrohttpd glue, limits, the request flow.
 *
 * For each request: validate the URL at the door, answer from the page
 * cache when possible (no database touched), else route to a handler, add
 * the standard headers, compress, cache public pages, and send. */
#ifndef MIDAD_SERVER_H
#define MIDAD_SERVER_H

#include <stddef.h>

#include "http/router.h"

typedef struct {
    const char *listen;         /* "127.0.0.1:8080" */
    int threads;                /* worker threads (0 = twice the CPUs, at least 4) */
    size_t cache_bytes;         /* page cache budget (0 = off) */
    int cache_ttl;              /* seconds a cached page lives (0 = 60) */
    int per_ip_limit;           /* connections at once from one address (0 = no limit) */
    int header_timeout;         /* seconds to receive a request's headers (0 = 20) */
    int body_timeout;           /* seconds to receive its body (0 = 60) */
    const char *run_as;         /* started as root: the user to become once bound */
    const route *routes;
    size_t n_routes;
    /* Fill `w` with the error page for `status` (site layer, localised). */
    void (*error_page)(req *r, resp *w, int status);
    /* Called about twice a second from a background thread; return non-zero
     * when the data readers see has changed (the cache is then dropped). */
    int (*data_changed)(void);
    /* Request bodies are capped at 64 KiB (413 beyond), except under this
     * path prefix (e.g. "/admin/"; NULL = none), capped at large_body_max. */
    const char *large_body_prefix;
    size_t large_body_max;
} server_config;

/* Serve until SIGINT or SIGTERM. Returns 0 on a clean stop, -1 (with a
 * message in err) when the server cannot start. */
int server_run(const server_config *cfg, char *err, size_t errlen);

#endif
