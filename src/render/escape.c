/* escape.c — HTML and JSON escaping; see escape.h.
 *
 * Each escaper classifies bytes with a 256-entry table. Bytes of class PASS
 * extend the current run, and so does a well-formed UTF-8 sequence; the
 * two-byte ones (nearly all of Arabic text) are checked inline by skip_safe,
 * the rarer longer ones by utf8_seq. A typical value is appended with one
 * memcpy: only a byte that must change ends a run. */
#include "render/escape.h"

#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

enum { PASS = 0, ESC = 1, DROP = 2, HIGH = 3, TWO = 4 };   /* TWO: C2-DF */

/* escape_html: & < > " ' escaped; C0 controls (but \t \n \r) and DEL dropped. */
static const uint8_t html_class[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 2, 2, 0, 2, 2,   /* 0x00 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,   /* 0x10 */
    0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x20  " & ' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,   /* 0x30  < > */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x50 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,   /* 0x70  DEL */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,   /* 0xC0  C2-DF lead two bytes */
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,   /* 0xD0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

/* escape_json_string: controls, " \ & < > escaped. */
static const uint8_t json_class[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 0x10 */
    0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x20  " & */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,   /* 0x30  < > */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,   /* 0x50  \ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0x70 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,   /* 0xC0  C2-DF lead two bytes */
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,   /* 0xD0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */

static void put_html_entity(buf *out, unsigned char c)
{
    switch (c) {
    case '&': buf_append(out, "&amp;", 5); break;
    case '<': buf_append(out, "&lt;", 4); break;
    case '>': buf_append(out, "&gt;", 4); break;
    case '"': buf_append(out, "&quot;", 6); break;
    default: buf_append(out, "&#39;", 5); break;
    }
}

/* Index of the first byte at or after p[i] that is neither of class PASS nor
 * the start of a well-formed two-byte sequence: the end of a safe run. */
static inline size_t skip_safe(const uint8_t *cls, const unsigned char *p, size_t i, size_t len)
{
    while (i < len) {
        uint8_t k = cls[p[i]];
        if (k == PASS)
            i++;
        else if (k == TWO && i + 1 < len && (p[i + 1] & 0xC0) == 0x80)
            i += 2;
        else
            break;
    }
    return i;
}

void escape_html(buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0, bad = 1;
    buf_reserve(out, len);
    while ((i = skip_safe(html_class, p, i, len)) < len) {
        uint8_t k = html_class[p[i]];
        size_t n = k >= HIGH ? utf8_seq(p + i, len - i, &bad) : 0;
        if (n) {
            i += n;
            continue;
        }
        if (i > run) buf_append(out, p + run, i - run);
        if (k == ESC) {
            put_html_entity(out, p[i]);
            i++;
        } else if (k == DROP) {
            i++;
        } else {
            buf_append(out, REPLACEMENT, 3);
            i += bad;
        }
        run = i;
    }
    if (i > run) buf_append(out, p + run, i - run);
}

static void put_json_escape(buf *out, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
    switch (c) {
    case '"': buf_append(out, "\\\"", 2); break;
    case '\\': buf_append(out, "\\\\", 2); break;
    case '\n': buf_append(out, "\\n", 2); break;
    case '\r': buf_append(out, "\\r", 2); break;
    case '\t': buf_append(out, "\\t", 2); break;
    case '\b': buf_append(out, "\\b", 2); break;
    case '\f': buf_append(out, "\\f", 2); break;
    default: buf_append(out, u, 6); break;     /* controls, < > & */
    }
}

/* True at the three bytes of U+2028 LINE SEPARATOR or U+2029 PARAGRAPH
 * SEPARATOR, which JavaScript once treated as line ends inside strings. */
static bool is_line_separator(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
}

void escape_json_string(buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0, bad = 1;
    buf_reserve(out, len + 2);
    buf_putc(out, '"');
    while ((i = skip_safe(json_class, p, i, len)) < len) {
        uint8_t k = json_class[p[i]];
        bool sep = k == HIGH && is_line_separator(p + i, len - i);
        size_t n = k >= HIGH && !sep ? utf8_seq(p + i, len - i, &bad) : 0;
        if (n) {
            i += n;
            continue;
        }
        if (i > run) buf_append(out, p + run, i - run);
        if (sep) {
            buf_append(out, p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            i += 3;
        } else if (k == ESC) {
            put_json_escape(out, p[i]);
            i++;
        } else {
            buf_append(out, "\\ufffd", 6);
            i += bad;
        }
        run = i;
    }
    if (i > run) buf_append(out, p + run, i - run);
    buf_putc(out, '"');
}
