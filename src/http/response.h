/* response.h — libmicrohttpd responses with midad's standard headers. */
#ifndef MIDAD_RESPONSE_H
#define MIDAD_RESPONSE_H

#include <stddef.h>

#include "http/compress.h"
#include "http/http.h"

struct MHD_Response;

/* A response over a malloc'd `body` (ownership passes to the response),
 * with Content-Type, the security headers, Cache-Control, Vary, and, when
 * given, ETag and Content-Encoding. NULL on failure. */
struct MHD_Response *response_make(char *body, size_t len, const char *content_type,
                                   const char *cache_control, const char *etag,
                                   encoding enc);

/* Add the headers every response carries (CSP, nosniff, Referrer-Policy…).
 * Returns 0, or -1 if a header was refused. */
int response_add_security_headers(struct MHD_Response *mr);

/* Add the handler's own headers to `resp`; -1 if one was refused (CR/LF). */
int response_add_headers(struct MHD_Response *mr, const resp_header *h);

#endif
