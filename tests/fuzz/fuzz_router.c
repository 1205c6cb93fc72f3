/* fuzz_router.c — the router's path handling on arbitrary paths, against
 * the real route tables of the site and the back office, with every
 * method. Checks that a match captures non-empty segments without '/'
 * (except the final "*" capture), and that HEAD finds what GET finds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"
#include "http/router.h"
#include "site/site.h"

static void check(const route *routes, size_t n, const char *path)
{
    static const http_method methods[] = { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER };
    route_result seen[4];
    for (int m = 0; m < 4; m++) {
        arena *a = arena_new(0);
        req r = { .a = a, .method = methods[m], .path = path };
        const route *rt = NULL;
        unsigned allowed;
        seen[m] = router_match(routes, n, &r, &rt, &allowed);
        if (seen[m] == ROUTE_FOUND) {
            if (!rt || r.n_params < 0 || r.n_params > ROUTE_MAX_PARAMS) abort();
            for (int i = 0; i < r.n_params; i++) {
                if (!r.params[i] || !r.params[i][0]) abort();
                const char *star = strrchr(rt->pattern, '*');
                if (strchr(r.params[i], '/') && !(star && i == r.n_params - 1)) abort();
            }
        } else if (r.n_params != 0) {
            abort();
        }
        arena_free(a);
    }
    if (seen[0] != seen[1]) abort();      /* HEAD is served by GET routes */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *path = malloc(size + 2);
    path[0] = '/';
    memcpy(path + 1, data, size);
    path[size + 1] = '\0';
    check(site_routes, site_n_routes, path);
    check(admin_routes, admin_n_routes, path);
    check(site_routes, site_n_routes, path + 1);
    free(path);
    return 0;
}
