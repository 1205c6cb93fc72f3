/* markdown.c — Markdown to trusted HTML with md4c; see markdown.h.
 *
 * md4c parses and calls us back for every block, span and piece of text; we
 * write the HTML. We do not use md4c-html: it passes javascript: and
 * entity-obfuscated targets straight through. Here every link and image
 * target is assembled whole from md4c's pieces, its entities decoded, and
 * only then judged by the link policy. A refused link keeps its text and
 * loses its <a>; a refused or external image becomes its alt text. */
#include "render/markdown.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>
#include <utf8proc.h>

/* ---- escaping and entities ---------------------------------------------- */

/* Append `s` with & < > " ' escaped: safe in text and in quoted attributes. */
static void escape_html(buf *out, const char *s, size_t n)
{
    size_t run = 0;
    if (n == 0) return;     /* md4c may pass NULL with 0 */
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(out, s + run, i - run);
        buf_puts(out, rep);
        run = i + 1;
    }
    buf_append(out, s + run, n - run);
}

/* Append code point `cp` as UTF-8; NUL, surrogates and out-of-range values
 * become U+FFFD, as in HTML. */
static void put_utf8(buf *out, uint32_t cp)
{
    char b[4];
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        buf_putc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        buf_append(out, b, 4);
    }
}

/* The named entities we decode. Any other name in a link target refuses the
 * link; in text it is passed through for the browser to read. */
static const struct {
    const char *name;
    uint32_t cp;
} named_entities[] = {
    { "amp", '&' },     { "lt", '<' },        { "gt", '>' },
    { "quot", '"' },    { "apos", '\'' },     { "colon", ':' },
    { "Tab", '\t' },    { "NewLine", '\n' },  { "nbsp", 0xA0 },
    { "sol", '/' },     { "num", '#' },       { "quest", '?' },
    { "period", '.' },  { "comma", ',' },     { "semi", ';' },
    { "equals", '=' },  { "plus", '+' },      { "percnt", '%' },
    { "excl", '!' },    { "lpar", '(' },      { "rpar", ')' },
    { "lowbar", '_' },  { "copy", 0xA9 },     { "reg", 0xAE },
    { "laquo", 0xAB },  { "raquo", 0xBB },    { "ndash", 0x2013 },
    { "mdash", 0x2014 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 },
    { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
    { "zwnj", 0x200C }, { "zwj", 0x200D },    { "lrm", 0x200E },
    { "rlm", 0x200F },
};

/* The code point of "&#123;" or "&#x7B;" (whole entity in `s`), or -1. */
static long numeric_entity(const char *s, size_t n)
{
    size_t i = 2;
    int base = 10;
    long cp = 0;
    if (n < 4 || s[1] != '#' || s[n - 1] != ';') return -1;
    if (s[2] == 'x' || s[2] == 'X') {
        base = 16;
        i = 3;
    }
    if (i >= n - 1) return -1;
    for (; i < n - 1; i++) {
        int d;
        char c = s[i];
        if (c >= '0' && c <= '9') d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return -1;
        cp = cp * base + d;
        if (cp > 0x10FFFF) cp = 0x110000;  /* stays out of range, no overflow */
    }
    return cp;
}

/* Decode the entity `s` (from '&' to ';') into `out`; false if unknown. */
static bool decode_entity(buf *out, const char *s, size_t n)
{
    if (n < 3 || s[0] != '&' || s[n - 1] != ';') return false;
    if (s[1] == '#') {
        long cp = numeric_entity(s, n);
        if (cp < 0) return false;
        put_utf8(out, (uint32_t)cp);
        return true;
    }
    for (size_t i = 0; i < sizeof named_entities / sizeof *named_entities; i++) {
        const char *name = named_entities[i].name;
        if (strlen(name) == n - 2 && memcmp(name, s + 1, n - 2) == 0) {
            put_utf8(out, named_entities[i].cp);
            return true;
        }
    }
    return false;
}

/* Assemble md4c attribute `a` whole into `out`, entities decoded. False if
 * it holds an entity we do not know: that one is kept verbatim (fine for a
 * title), and a link target holding it is refused. */
static bool decode_attr(buf *out, const MD_ATTRIBUTE *a)
{
    bool ok = true;
    buf_clear(out);
    for (size_t i = 0; a->substr_offsets[i] < a->size; i++) {
        const char *s = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        switch (a->substr_types[i]) {
        case MD_TEXT_ENTITY:
            if (!decode_entity(out, s, n)) {
                buf_append(out, s, n);
                ok = false;
            }
            break;
        case MD_TEXT_NULLCHAR:
            put_utf8(out, 0xFFFD);
            break;
        default:
            buf_append(out, s, n);
            break;
        }
    }
    return ok;
}

/* ---- the link policy ---------------------------------------------------- */

typedef enum { TARGET_REFUSED, TARGET_RELATIVE, TARGET_ABSOLUTE } target_kind;

/* Characters a browser drops or that we refuse to let hide a scheme. */
static bool ignorable(unsigned char c)
{
    return c <= 0x20 || c == 0x7F;
}

static bool is_slash(char c)
{
    return c == '/' || c == '\\';   /* browsers read '\' as '/' in http URLs */
}

/* True if the lowercased scheme `s` (n bytes) is one we link to. */
static bool scheme_allowed(const char *s, size_t n)
{
    return (n == 4 && memcmp(s, "http", 4) == 0) ||
           (n == 5 && memcmp(s, "https", 5) == 0) ||
           (n == 6 && memcmp(s, "mailto", 6) == 0);
}

/* Classify a decoded target, looking only at its significant characters:
 * a scheme ends at the first ':' met before any of / \ ? #. */
static target_kind classify_target(const char *href, size_t len)
{
    char scheme[8];
    size_t n = 0;
    bool first = true, slash_first = false;
    for (size_t i = 0; i < len; i++) {
        char c = href[i];
        if (ignorable((unsigned char)c)) continue;
        if (slash_first) /* the second significant character */
            return is_slash(c) ? TARGET_REFUSED : TARGET_RELATIVE;
        if (c == ':')
            return n > 0 && scheme_allowed(scheme, n) ? TARGET_ABSOLUTE
                                                      : TARGET_REFUSED;
        if (is_slash(c) && first) {
            slash_first = true;
        } else if (is_slash(c) || c == '?' || c == '#') {
            return TARGET_RELATIVE;
        } else if (n < sizeof scheme) {
            scheme[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        } else {
            n = sizeof scheme + 1;  /* too long for any allowed scheme */
        }
        first = false;
    }
    return TARGET_RELATIVE;
}

bool markdown_link_allowed(const char *href, size_t len)
{
    return classify_target(href, len) != TARGET_REFUSED;
}

/* ---- rendering ---------------------------------------------------------- */

typedef struct {
    buf *out;
    uintptr_t doc, doc_end, pad_end;  /* the padded copy md4c parses */
    buf scratch;        /* a decoded attribute */
    buf spans;          /* the open spans, innermost last (see push_span) */
    unsigned img_depth; /* images on `spans`: > 0 inside alt text */
} renderer;

static const char *const span_open[] = {
    [MD_SPAN_EM] = "<em>", [MD_SPAN_STRONG] = "<strong>",
    [MD_SPAN_CODE] = "<code>", [MD_SPAN_DEL] = "<del>",
};
static const char *const span_close[] = {
    [MD_SPAN_EM] = "</em>", [MD_SPAN_STRONG] = "</strong>",
    [MD_SPAN_CODE] = "</code>", [MD_SPAN_DEL] = "</del>",
};

/* md4c 0.4.8 does not always leave the spans it entered (fuzzing found an
 * image never left, which would leave its alt="..." open). So open spans
 * are kept on a stack, one byte each: md4c type << 1 | 1 if we wrote its
 * opening tag. A leave closes down to its span; a block boundary closes
 * them all. */
static void push_span(renderer *r, MD_SPANTYPE type, bool shown)
{
    buf_putc(&r->spans, (char)((type << 1) | (shown ? 1 : 0)));
    if (type == MD_SPAN_IMG) r->img_depth++;
}

static MD_SPANTYPE span_type(char entry)
{
    return (MD_SPANTYPE)((unsigned char)entry >> 1);
}

/* Pop spans until `depth` remain, writing the end of each one shown. */
static void close_spans_to(renderer *r, size_t depth)
{
    while (r->spans.len > depth) {
        char e = r->spans.data[--r->spans.len];
        MD_SPANTYPE type = span_type(e);
        if (type == MD_SPAN_IMG) r->img_depth--;
        if (!(e & 1)) continue;
        if (type == MD_SPAN_A) buf_puts(r->out, "</a>");
        else if (type == MD_SPAN_IMG) buf_puts(r->out, "\">");
        else buf_puts(r->out, span_close[type]);
    }
}

/* Close the innermost open span of `type` and any left open inside it; a
 * leave with no matching enter is ignored. */
static void close_span(renderer *r, MD_SPANTYPE type)
{
    size_t i = r->spans.len;
    while (i > 0 && span_type(r->spans.data[i - 1]) != type) i--;
    if (i > 0) close_spans_to(r, i - 1);
}

/* The tags of blocks that carry no detail we need; NULL for the others. */
static const char *const block_open[] = {
    [MD_BLOCK_QUOTE] = "<blockquote>\n", [MD_BLOCK_UL] = "<ul>\n",
    [MD_BLOCK_LI] = "<li>",             [MD_BLOCK_HR] = "<hr>\n",
    [MD_BLOCK_P] = "<p>",               [MD_BLOCK_TABLE] = "<table>\n",
    [MD_BLOCK_THEAD] = "<thead>\n",     [MD_BLOCK_TBODY] = "<tbody>\n",
    [MD_BLOCK_TR] = "<tr>\n",           [MD_BLOCK_TH] = "<th>",
    [MD_BLOCK_TD] = "<td>",
};
static const char *const block_close[] = {
    [MD_BLOCK_QUOTE] = "</blockquote>\n", [MD_BLOCK_UL] = "</ul>\n",
    [MD_BLOCK_OL] = "</ol>\n",            [MD_BLOCK_LI] = "</li>\n",
    [MD_BLOCK_P] = "</p>\n",              [MD_BLOCK_TABLE] = "</table>\n",
    [MD_BLOCK_THEAD] = "</thead>\n",      [MD_BLOCK_TBODY] = "</tbody>\n",
    [MD_BLOCK_TR] = "</tr>\n",            [MD_BLOCK_TH] = "</th>\n",
    [MD_BLOCK_TD] = "</td>\n",            [MD_BLOCK_CODE] = "</code></pre>\n",
};

static unsigned heading_level(const void *detail)
{
    unsigned level = ((const MD_BLOCK_H_DETAIL *)detail)->level;
    return level < 1 ? 1 : level > 6 ? 6 : level;
}

static void open_code_block(renderer *r, const MD_BLOCK_CODE_DETAIL *d)
{
    buf_puts(r->out, "<pre><code");
    if (d->lang.size > 0 && decode_attr(&r->scratch, &d->lang)) {
        buf_puts(r->out, " class=\"language-");
        escape_html(r->out, r->scratch.data, r->scratch.len);
        buf_putc(r->out, '"');
    }
    buf_putc(r->out, '>');
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    renderer *r = userdata;
    close_spans_to(r, 0);
    if (type == MD_BLOCK_H) {
        buf_printf(r->out, "<h%u>", heading_level(detail));
    } else if (type == MD_BLOCK_OL) {
        unsigned start = ((const MD_BLOCK_OL_DETAIL *)detail)->start;
        if (start == 1) buf_puts(r->out, "<ol>\n");
        else buf_printf(r->out, "<ol start=\"%u\">\n", start);
    } else if (type == MD_BLOCK_CODE) {
        open_code_block(r, detail);
    } else if ((size_t)type < sizeof block_open / sizeof *block_open &&
               block_open[type]) {
        buf_puts(r->out, block_open[type]);
    }
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    renderer *r = userdata;
    close_spans_to(r, 0);
    if (type == MD_BLOCK_H)
        buf_printf(r->out, "</h%u>\n", heading_level(detail));
    else if ((size_t)type < sizeof block_close / sizeof *block_close &&
             block_close[type])
        buf_puts(r->out, block_close[type]);
    return 0;
}

/* A title="..." attribute for a non-empty title. */
static void put_title(renderer *r, const MD_ATTRIBUTE *title)
{
    if (title->size == 0) return;
    (void)decode_attr(&r->scratch, title);  /* unknown entities verbatim */
    buf_puts(r->out, " title=\"");
    escape_html(r->out, r->scratch.data, r->scratch.len);
    buf_putc(r->out, '"');
}

/* Write <a> if the target passes the policy; true if written. */
static bool open_link(renderer *r, const MD_SPAN_A_DETAIL *d)
{
    if (!decode_attr(&r->scratch, &d->href) ||
        !markdown_link_allowed(r->scratch.data, r->scratch.len))
        return false;
    buf_puts(r->out, "<a href=\"");
    escape_html(r->out, r->scratch.data, r->scratch.len);
    buf_putc(r->out, '"');
    put_title(r, &d->title);
    buf_putc(r->out, '>');
    return true;
}

/* An image is shown only from this site: a relative target, not "//host".
 * Otherwise only its alt text is, as plain text. True if <img> was begun
 * (its alt attribute is then open until the span closes). */
static bool open_image(renderer *r, const MD_SPAN_IMG_DETAIL *d)
{
    if (!decode_attr(&r->scratch, &d->src) ||
        classify_target(r->scratch.data, r->scratch.len) != TARGET_RELATIVE)
        return false;
    buf_puts(r->out, "<img src=\"");
    escape_html(r->out, r->scratch.data, r->scratch.len);
    buf_putc(r->out, '"');
    put_title(r, &d->title);
    buf_puts(r->out, " loading=\"lazy\" alt=\"");
    return true;
}

/* Inside an image's alt text every span is dropped: alt is plain text. */
static int enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    renderer *r = userdata;
    bool shown = false;
    if (r->img_depth > 0) {
        /* nothing written */
    } else if (type == MD_SPAN_A) {
        shown = open_link(r, detail);
    } else if (type == MD_SPAN_IMG) {
        shown = open_image(r, detail);
    } else if ((size_t)type < sizeof span_open / sizeof *span_open &&
               span_open[type]) {
        buf_puts(r->out, span_open[type]);
        shown = true;
    }
    push_span(r, type, shown);
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
    close_span(userdata, type);
    return 0;
}

/* An entity in text: decoded when known, else passed through verbatim for
 * the browser (md4c only reports /&[A-Za-z][A-Za-z0-9]{1,47};/ and numeric
 * forms, which cannot break out of text or a quoted attribute). */
static void put_entity(renderer *r, const char *s, size_t n)
{
    buf_clear(&r->scratch);
    if (decode_entity(&r->scratch, s, n)) {
        escape_html(r->out, r->scratch.data, r->scratch.len);
        return;
    }
    for (size_t i = 1; i + 1 < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9'))) {
            escape_html(r->out, s, n);
            return;
        }
    }
    buf_append(r->out, s, n);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *userdata)
{
    renderer *r = userdata;
    uintptr_t p = (uintptr_t)s;
    if (p >= r->doc && p < r->pad_end && p + n > r->doc_end)
        n = p < r->doc_end ? (MD_SIZE)(r->doc_end - p) : 0;  /* see PAD */
    switch (type) {
    case MD_TEXT_NULLCHAR:
        put_utf8(r->out, 0xFFFD);
        break;
    case MD_TEXT_BR:
        buf_puts(r->out, r->img_depth ? " " : "<br>\n");
        break;
    case MD_TEXT_SOFTBR:
        buf_puts(r->out, r->img_depth ? " " : "\n");
        break;
    case MD_TEXT_ENTITY:
        put_entity(r, s, n);
        break;
    default:    /* normal, code, and raw HTML (shown as text) */
        escape_html(r->out, s, n);
        break;
    }
    return 0;
}

/* md4c 0.4.8 reads past the end of its input: "[a](x" followed in memory
 * by ')' crashes it or closes the link with bytes that are not ours (fixed
 * upstream after 0.4.8). So it parses a copy followed by PAD bytes of
 * newlines and NULs, and text reaching into them is clipped. The copy is
 * malloc'd, not from an arena, so ASan still sees reads beyond it. */
enum { PAD = 16 };

static char *padded_copy(const char *src, size_t len)
{
    char *doc = malloc(len + PAD);
    if (!doc) return NULL;
    if (len) memcpy(doc, src, len);
    memset(doc + len, '\n', 4);
    memset(doc + len + 4, 0, PAD - 4);
    return doc;
}

int markdown_render(buf *out, const char *src, size_t len)
{
    if (len > (MD_SIZE)-1 - PAD) return -1;
    MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
                 MD_FLAG_PERMISSIVEURLAUTOLINKS,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = text,
    };
    char *doc = padded_copy(src, len);
    if (!doc) return -1;
    arena *a = arena_new(0);
    renderer r = { .out = out, .doc = (uintptr_t)doc,
                   .doc_end = (uintptr_t)doc + len,
                   .pad_end = (uintptr_t)doc + len + PAD };
    buf_init(&r.scratch, a);
    buf_init(&r.spans, a);
    size_t start = out->len;
    int rc = md_parse(doc, (MD_SIZE)len, &parser, &r);
    close_spans_to(&r, 0);
    arena_free(a);
    free(doc);
    if (rc != 0) {
        out->len = start;
        if (out->data) out->data[start] = '\0';
        return -1;
    }
    return 0;
}

/* ---- word count --------------------------------------------------------- */

/* Letters and digits make words; combining marks (Arabic harakat) and
 * tatweel continue one but do not start one. */
static bool starts_word(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

static bool continues_word(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_CF:   /* ZWNJ, ZWJ inside a word */
        return true;
    default:
        return starts_word(cp);
    }
}

size_t markdown_word_count(const char *src, size_t len)
{
    size_t words = 0, i = 0;
    bool in_word = false;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)src + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {       /* invalid byte: a separator */
            in_word = false;
            i++;
            continue;
        }
        i += (size_t)n;
        if (in_word) {
            in_word = continues_word(cp);
        } else if (starts_word(cp)) {
            in_word = true;
            words++;
        }
    }
    return words;
}
