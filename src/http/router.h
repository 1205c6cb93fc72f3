/* router.h — maps (method, path) to a handler.
 *
 * Patterns are literal segments, ":name" for one non-empty segment, and a
 * final "*" for the non-empty rest of the path: "/article/:id/:slug",
 * "/static/" plus a star. HEAD is served by every GET route. */
#ifndef MIDAD_ROUTER_H
#define MIDAD_ROUTER_H

#include <stddef.h>

#include "http/http.h"

typedef void (*handler_fn)(req *r, resp *w);

typedef struct {
    unsigned methods;          /* HTTP_GET | HTTP_POST … */
    const char *pattern;
    handler_fn handler;
} route;

typedef enum {
    ROUTE_FOUND,
    ROUTE_NOT_FOUND,
    ROUTE_BAD_METHOD,          /* the path exists, the method does not */
} route_result;

/* Find the route for `method` and `path`. On ROUTE_FOUND, *out is the route
 * and r->params hold the captured segments (allocated from r->a). On
 * ROUTE_BAD_METHOD, *allowed is the set of methods the path takes. */
route_result router_match(const route *routes, size_t n, req *r,
                          const route **out, unsigned *allowed);

/* The Allow header value for a method set, e.g. "GET, HEAD". */
const char *router_allow_header(unsigned methods);

#endif
