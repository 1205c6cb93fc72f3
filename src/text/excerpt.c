/* excerpt.c — teasers cut at a word boundary; see excerpt.h. */
#include "text/excerpt.h"

#include <string.h>

#include "core/buf.h"
#include "text/tokenize.h"

/* Characters (not bytes) of s[0..n). */
static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

const char *excerpt_make(arena *a, const char *text, size_t len, size_t max_chars)
{
    size_t pos = 0, begin = 0, end = 0, first_end = 0;
    token_word w;
    while (tokenize_next(text, len, &pos, &w)) {
        if (!first_end) begin = w.start, first_end = w.end;
        if (chars(text + begin, w.end - begin) > max_chars) break;
        end = w.end;                    /* the last word that fits, whole */
    }
    if (!end) end = first_end;          /* one very long word: keep it */
    if (!end) return "";
    buf b;
    buf_init(&b, a);
    for (size_t i = begin; i < end; i++)    /* one line: newlines become spaces */
        buf_putc(&b, text[i] == '\n' || text[i] == '\r' || text[i] == '\t' ? ' ' : text[i]);
    buf_puts(&b, "…");
    return b.data;
}
