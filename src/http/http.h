/* http.h — what a handler sees: the request and the response it fills.
 *
 * http/server.c builds a `req` for every request (method, decoded path,
 * query and headers, an arena freed when the request ends) and hands it,
 * with an empty `resp`, to the handler the router picked. The handler sets
 * a status, a content type and a body, and marks public pages cacheable;
 * server.c adds the standard headers, compresses and caches. */
#ifndef MIDAD_HTTP_H
#define MIDAD_HTTP_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/buf.h"

typedef enum {
    HTTP_GET = 1,
    HTTP_HEAD = 2,
    HTTP_POST = 4,
    HTTP_OTHER = 8,
} http_method;

#define ROUTE_MAX_PARAMS 4

typedef struct req {
    arena *a;
    http_method method;
    const char *method_name;
    const char *path;          /* percent-decoded, valid UTF-8, no NUL */
    const char *url;           /* path and query as received (raw) */
    const char *params[ROUTE_MAX_PARAMS]; /* captured by the router */
    int n_params;
    const char *body;          /* the request body (POST), NUL-terminated */
    size_t body_len;
    const char *client_ip;     /* the peer's address, e.g. "127.0.0.1" */
    void *conn;                /* the libmicrohttpd connection */
} req;

typedef struct resp_header {
    const char *name, *value;
    struct resp_header *next;
} resp_header;

typedef struct resp {
    int status;                /* 0 until the handler sets it */
    const char *content_type;
    const char *cache_control; /* NULL = "no-store" unless cacheable */
    buf body;
    resp_header *headers;
    bool cacheable;            /* a public page: cache it until the next write */
    const char *last_modified; /* HTTP-date for Last-Modified, or NULL */
} resp;

/* A query-string value (decoded), or NULL. */
const char *req_query(req *r, const char *name);
/* A request header value, or NULL. */
const char *req_header(req *r, const char *name);

/* Add a response header (both strings must outlive the request). */
void resp_header_add(req *r, resp *w, const char *name, const char *value);
/* A redirect (301, 302, 303) to `location` (an absolute path). */
void resp_redirect(req *r, resp *w, int status, const char *location);

#endif
