/* utf8.c — strict UTF-8 validation; see utf8.h. */
#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

/* Length of the well-formed UTF-8 sequence starting at p[0] (n > 0 bytes
 * available), or 0 with *bad set to the length of its maximal invalid
 * subpart (at least 1), which the caller replaces by one U+FFFD. */
size_t utf8_seq(const unsigned char *p, size_t n, size_t *bad)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    size_t need;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        if (n > 1 && (p[1] & 0xC0) == 0x80) return 2;   /* the common case */
        *bad = 1;
        return 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) lo = 0xA0;                 /* no overlongs */
        else if (c == 0xED) hi = 0x9F;            /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) lo = 0x90;                 /* no overlongs */
        else if (c == 0xF4) hi = 0x8F;            /* nothing past U+10FFFF */
    } else {
        *bad = 1;
        return 0;
    }
    for (size_t k = 1; k <= need; k++) {
        if (k >= n || p[k] < lo || p[k] > hi) {
            *bad = k;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

bool utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, bad;
    while (i < len) {
        if (len - i >= 8) {                       /* skip ASCII a word at a time */
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        size_t n = utf8_seq(p + i, len - i, &bad);
        if (!n) return false;
        i += n;
    }
    return true;
}

size_t utf8_decode(const unsigned char *p, size_t n, long *cp)
{
    size_t bad, len = utf8_seq(p, n, &bad);
    if (len && cp) {
        static const unsigned char lead_mask[5] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
        long v = p[0] & lead_mask[len];
        for (size_t i = 1; i < len; i++) v = (v << 6) | (p[i] & 0x3F);
        *cp = v;
    }
    return len;
}
