/* slug.c — URL slugs; see slug.h. */
#include "text/slug.h"

#include "core/utf8.h"

#include <string.h>

typedef enum { CH_KEEP, CH_DROP, CH_SEP } ch_class;

/* The character at p[0..n) as *cp and its length; an invalid byte gives
 * length 1 and *cp = -1. */
static size_t utf8_next(const unsigned char *p, size_t n, long *cp)
{
    size_t len = utf8_decode(p, n, cp);
    if (len) return len;
    *cp = -1;
    return 1;
}

/* What slug_make does with code point cp (-1 = invalid byte). */
static ch_class classify(long cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
        (cp >= '0' && cp <= '9')) return CH_KEEP;
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640)
        return CH_DROP;
    if ((cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0660 && cp <= 0x0669) ||
        (cp >= 0x066E && cp <= 0x06D3) || (cp >= 0x06FA && cp <= 0x06FF))
        return CH_KEEP;
    return CH_SEP;
}

/* Shorten a slug cut in the middle of a word to its last whole word, if
 * that keeps at least half of the limit. */
static size_t cut_at_word(const char *out, size_t n)
{
    for (size_t i = n; i > SLUG_MAX / 2; i--)
        if (out[i - 1] == '-') return i - 1;
    return n;
}

char *slug_make(arena *a, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    char out[SLUG_MAX + 1];
    size_t n = 0, i = 0;
    bool sep = false;           /* a '-' is due before the next letter */
    while (p && i < len) {
        long cp;
        size_t cl = utf8_next(p + i, len - i, &cp);
        ch_class k = classify(cp);
        if (k == CH_SEP) {
            sep = n > 0;
        } else if (k == CH_KEEP) {
            if (n + cl + sep > SLUG_MAX) {
                if (!sep) n = cut_at_word(out, n);
                break;
            }
            if (sep) out[n++] = '-';
            sep = false;
            memcpy(out + n, p + i, cl);
            if (cp >= 'A' && cp <= 'Z') out[n] = (char)(cp - 'A' + 'a');
            n += cl;
        }
        i += cl;
    }
    return arena_strndup(a, out, n);
}

bool slug_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!s || len == 0 || len > SLUG_MAX) return false;
    if (s[0] == '-' || s[len - 1] == '-') return false;
    for (size_t i = 0; i < len;) {
        long cp;
        size_t cl = utf8_next(p + i, len - i, &cp);
        if (cp == '-') {
            if (s[i + 1] == '-') return false;  /* s[len-1] != '-' */
        } else if (classify(cp) != CH_KEEP || (cp >= 'A' && cp <= 'Z')) {
            return false;
        }
        i += cl;
    }
    return true;
}
