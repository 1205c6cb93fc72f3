/* compress.h — gzip and brotli encodings of a response body. */
#ifndef MIDAD_COMPRESS_H
#define MIDAD_COMPRESS_H

#include <stddef.h>

typedef enum { ENC_IDENTITY = 0, ENC_GZIP = 1, ENC_BR = 2, ENC_COUNT = 3 } encoding;

/* Compress `len` bytes of `data`; returns a malloc'd buffer and its size
 * in *out_len, or NULL on failure. */
char *compress_body(encoding enc, const char *data, size_t len, size_t *out_len);

/* The best encoding the client accepts (from Accept-Encoding; NULL means
 * identity): br, then gzip, honouring q=0. */
encoding compress_choose(const char *accept_encoding);

/* "gzip", "br" or NULL for identity. */
const char *compress_name(encoding enc);

#endif
