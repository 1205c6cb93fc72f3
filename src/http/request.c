/* request.c — the small helpers of http.h: query, headers, redirects. */
#include "http/http.h"

#include <microhttpd.h>

const char *req_query(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

void resp_header_add(req *r, resp *w, const char *name, const char *value)
{
    resp_header *h = arena_alloc(r->a, sizeof *h);
    h->name = name;
    h->value = value;
    h->next = w->headers;
    w->headers = h;
}

void resp_redirect(req *r, resp *w, int status, const char *location)
{
    w->status = status;
    w->content_type = "text/plain; charset=utf-8";
    resp_header_add(r, w, "Location", location);
    buf_puts(&w->body, location);
}
