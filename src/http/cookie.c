/* cookie.c — cookies; see cookie.h. */
#include "http/cookie.h"

#include <microhttpd.h>

const char *cookie_get(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

void cookie_set(req *r, resp *w, const char *name, const char *value, long max_age,
                bool secure)
{
    const char *age = max_age < 0 ? "" : arena_printf(r->a, "; Max-Age=%ld", max_age);
    resp_header_add(r, w, "Set-Cookie",
                    arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value,
                                 secure ? "; Secure" : "", age));
}
