/* xml.c — XML 1.0 escaping; see xml.h.
 *
 * Built like render/escape.c: a byte-class table, runs of bytes that need
 * no change appended whole, well-formed multi-byte UTF-8 extending a run
 * unless it is one of the few characters XML cannot carry. */
#include "render/xml.h"

#include <stdint.h>
#include <string.h>

#include "core/utf8.h"

enum { PASS = 0, ESC = 1, DROP = 2, HIGH = 3 };

static const uint8_t xml_class[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 2, 2, 1, 2, 2,   /* 0x00: keep \t \n, escape \r */
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
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */

static void put_entity(buf *out, unsigned char c)
{
    switch (c) {
    case '&': buf_append(out, "&amp;", 5); break;
    case '<': buf_append(out, "&lt;", 4); break;
    case '>': buf_append(out, "&gt;", 4); break;
    case '"': buf_append(out, "&quot;", 6); break;
    case '\r': buf_append(out, "&#13;", 5); break;   /* parsers fold a raw CR */
    default: buf_append(out, "&apos;", 6); break;
    }
}

/* True for a well-formed sequence XML must not carry: a C1 control
 * (U+0080..U+009F, bytes C2 80..C2 9F) or U+FFFE / U+FFFF (EF BF BE/BF). */
static int unwanted(const unsigned char *p, size_t n)
{
    if (n == 2) return p[0] == 0xC2 && p[1] <= 0x9F;
    return n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE;
}

void xml_escape(buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0, bad = 1;
    if (!len) return;
    buf_reserve(out, len);
    while (i < len) {
        uint8_t k = xml_class[p[i]];
        if (k == PASS) {
            i++;
            continue;
        }
        size_t n = k == HIGH ? utf8_seq(p + i, len - i, &bad) : 0;
        if (n && !unwanted(p + i, n)) {
            i += n;
            continue;
        }
        if (i > run) buf_append(out, p + run, i - run);
        if (n) {
            i += n;                       /* a character XML does not want */
        } else if (k == ESC) {
            put_entity(out, p[i]);
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

void xml_puts(buf *out, const char *s)
{
    if (s) xml_escape(out, s, strlen(s));
}

void xml_element(buf *out, const char *name, const char *text)
{
    buf_printf(out, "<%s>", name);
    xml_puts(out, text);
    buf_printf(out, "</%s>\n", name);
}
