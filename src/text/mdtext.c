/* mdtext.c — Markdown to plain text with md4c; see mdtext.h. */
#include "text/mdtext.h"

#include <md4c.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    buf *out;
    uintptr_t doc, doc_end, pad_end;
} walker;

static void put_cp(buf *b, long cp)
{
    char s[4];
    if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
        return;
    }
    size_t n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (size_t i = n - 1; i > 0; i--, cp >>= 6) s[i] = (char)(0x80 | (cp & 0x3F));
    s[0] = (char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | cp);
    buf_append(b, s, n);
}

/* "&#1575;", "&#x627;" and a few named entities; others give nothing. */
static void put_entity(buf *b, const char *s, size_t n)
{
    static const struct { const char *name; long cp; } named[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
        { "&apos;", '\'' }, { "&nbsp;", ' ' },
    };
    if (n >= 4 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        char *end;
        long cp = strtol(s + (hex ? 3 : 2), &end, hex ? 16 : 10);
        if (end == s + n - 1 && n < 12) put_cp(b, cp);
        return;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0)
            put_cp(b, named[i].cp);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *userdata)
{
    walker *w = userdata;
    uintptr_t p = (uintptr_t)s;
    if (p >= w->doc && p < w->pad_end && p + n > w->doc_end)   /* see padded_copy */
        n = p < w->doc_end ? (MD_SIZE)(w->doc_end - p) : 0;
    switch (type) {
    case MD_TEXT_NULLCHAR: put_cp(w->out, 0xFFFD); break;
    case MD_TEXT_BR: buf_putc(w->out, '\n'); break;
    case MD_TEXT_SOFTBR: buf_putc(w->out, ' '); break;
    case MD_TEXT_ENTITY: put_entity(w->out, s, n); break;
    default: buf_append(w->out, s, n); break;
    }
    return 0;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    walker *w = userdata;
    if (type == MD_BLOCK_TD || type == MD_BLOCK_TH) buf_putc(w->out, ' ');
    else if (type != MD_BLOCK_DOC && w->out->len && w->out->data[w->out->len - 1] != '\n')
        buf_putc(w->out, '\n');
    return 0;
}

static int span(MD_SPANTYPE type, void *detail, void *userdata)
{
    return 0;
}

/* md4c 0.4.8 reads past the end of its input (see render/markdown.c): it
 * parses a copy followed by newlines and NULs, and text reaching into them
 * is clipped. */
enum { PAD = 16 };

int mdtext_plain(buf *out, const char *src, size_t len)
{
    if (len > (MD_SIZE)-1 - PAD) return -1;
    char *doc = malloc(len + PAD);
    if (!doc) return -1;
    if (len) memcpy(doc, src, len);
    memset(doc + len, '\n', 4);
    memset(doc + len + 4, 0, PAD - 4);
    MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
                 MD_FLAG_PERMISSIVEURLAUTOLINKS,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = span,
        .leave_span = span,
        .text = text,
    };
    walker w = { out, (uintptr_t)doc, (uintptr_t)doc + len, (uintptr_t)doc + len + PAD };
    size_t start = out->len;
    int rc = md_parse(doc, (MD_SIZE)len, &parser, &w);
    free(doc);
    if (rc != 0) {
        out->len = start;
        if (out->data) out->data[start] = '\0';
        return -1;
    }
    return 0;
}
