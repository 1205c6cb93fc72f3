/* router.c — path patterns to handlers; see router.h. */
#include "http/router.h"

#include <string.h>

/* Match one pattern; captures go to r->params. */
static int pattern_match(const char *pat, const char *path, req *r)
{
    r->n_params = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/') return 0;
        pat++;
        path++;
        const char *pend = strchr(pat, '/');
        size_t plen = pend ? (size_t)(pend - pat) : strlen(pat);
        const char *send = strchr(path, '/');
        size_t slen = send ? (size_t)(send - path) : strlen(path);

        if (plen == 1 && pat[0] == '*') {
            if (!*path || r->n_params == ROUTE_MAX_PARAMS) return 0;
            r->params[r->n_params++] = arena_strdup(r->a, path);
            return 1;
        }
        if (plen > 0 && pat[0] == ':') {
            if (slen == 0 || r->n_params == ROUTE_MAX_PARAMS) return 0;
            r->params[r->n_params++] = arena_strndup(r->a, path, slen);
        } else if (plen != slen || memcmp(pat, path, plen) != 0) {
            return 0;
        }
        pat += plen;
        path += slen;
    }
    return *pat == '\0' && *path == '\0';
}

route_result router_match(const route *routes, size_t n, req *r,
                          const route **out, unsigned *allowed)
{
    unsigned want = r->method == HTTP_HEAD ? HTTP_GET : r->method;
    *allowed = 0;
    for (size_t i = 0; i < n; i++) {
        if (!pattern_match(routes[i].pattern, r->path, r)) continue;
        if (routes[i].methods & want) {
            *out = &routes[i];
            return ROUTE_FOUND;
        }
        *allowed |= routes[i].methods;
    }
    r->n_params = 0;
    return *allowed ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}

const char *router_allow_header(unsigned m)
{
    if ((m & HTTP_GET) && (m & HTTP_POST)) return "GET, HEAD, POST";
    if (m & HTTP_GET) return "GET, HEAD";
    if (m & HTTP_POST) return "POST";
    return "";
}
