/* response.c — building libmicrohttpd responses; see response.h. */
#include "http/response.h"

#include <microhttpd.h>
#include <stdlib.h>

#include "core/buf.h"

static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'";

int response_add_security_headers(struct MHD_Response *mr)
{
    int ok = MHD_add_response_header(mr, "Content-Security-Policy", csp) == MHD_YES &&
             MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff") == MHD_YES &&
             MHD_add_response_header(mr, "Referrer-Policy",
                                     "strict-origin-when-cross-origin") == MHD_YES &&
             MHD_add_response_header(mr, "X-Frame-Options", "DENY") == MHD_YES;
    return ok ? 0 : -1;
}

int response_add_headers(struct MHD_Response *mr, const resp_header *h)
{
    for (; h; h = h->next)
        if (MHD_add_response_header(mr, h->name, h->value) != MHD_YES) return -1;
    return 0;
}

struct MHD_Response *response_make(char *body, size_t len, const char *content_type,
                                   const char *cache_control, const char *etag,
                                   encoding enc)
{
    struct MHD_Response *mr =
        MHD_create_response_from_buffer_with_free_callback(len, body, free);
    if (!mr) {
        free(body);
        return NULL;
    }
    int bad = response_add_security_headers(mr);
    if (content_type)
        bad |= MHD_add_response_header(mr, "Content-Type", content_type) != MHD_YES;
    bad |= MHD_add_response_header(mr, "Cache-Control",
                                   cache_control ? cache_control : "no-store") != MHD_YES;
    bad |= MHD_add_response_header(mr, "Vary", "Accept-Encoding") != MHD_YES;
    if (etag) bad |= MHD_add_response_header(mr, "ETag", etag) != MHD_YES;
    if (compress_name(enc))
        bad |= MHD_add_response_header(mr, "Content-Encoding", compress_name(enc)) != MHD_YES;
    if (bad) {
        MHD_destroy_response(mr);
        return NULL;
    }
    return mr;
}
