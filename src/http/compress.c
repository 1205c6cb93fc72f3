/* compress.c — gzip (zlib) and brotli bodies, and Accept-Encoding. */
#include "http/compress.h"

#include <brotli/encode.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

static char *gzip_body(const char *data, size_t len, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&z, len);
    char *out = malloc(cap);
    if (!out) {
        deflateEnd(&z);
        return NULL;
    }
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

static char *brotli_body(const char *data, size_t len, size_t *out_len)
{
    size_t cap = BrotliEncoderMaxCompressedSize(len);
    if (cap == 0) cap = len + 1024;
    char *out = malloc(cap);
    if (!out) return NULL;
    *out_len = cap;
    if (!BrotliEncoderCompress(6, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, len,
                               (const uint8_t *)data, out_len, (uint8_t *)out)) {
        free(out);
        return NULL;
    }
    return out;
}

char *compress_body(encoding enc, const char *data, size_t len, size_t *out_len)
{
    switch (enc) {
    case ENC_GZIP: return gzip_body(data, len, out_len);
    case ENC_BR: return brotli_body(data, len, out_len);
    default: return NULL;
    }
}

/* Is `coding` listed in the header with a q other than 0? */
static bool accepts(const char *h, const char *coding)
{
    size_t n = strlen(coding);
    const char *p = h;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        const char *tok = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t') p++;
        bool match = (size_t)(p - tok) == n && strncasecmp(tok, coding, n) == 0;
        bool zero = false;
        while (*p && *p != ',') {
            if (*p == 'q' && p[1] == '=') {
                const char *q = p + 2;
                zero = q[0] == '0' && (q[1] == '\0' || q[1] == ',' || q[1] == ' ' ||
                                       (q[1] == '.' && strspn(q + 2, "0") ==
                                                           strcspn(q + 2, ", ;")));
            }
            p++;
        }
        if (match) return !zero;
    }
    return false;
}

encoding compress_choose(const char *h)
{
    if (!h) return ENC_IDENTITY;
    if (accepts(h, "br")) return ENC_BR;
    if (accepts(h, "gzip")) return ENC_GZIP;
    return ENC_IDENTITY;
}

const char *compress_name(encoding enc)
{
    return enc == ENC_GZIP ? "gzip" : enc == ENC_BR ? "br" : NULL;
}
