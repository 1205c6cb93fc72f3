/* frontmatter.c — the YAML front matter subset; see frontmatter.h.
 *
 * Two passes: first find the closing "---" (so a missing one is reported as
 * such, not as a bad key somewhere in the body), then read the lines between
 * one at a time. Each line is blank, a comment, "key: value", "key:" (block
 * list items may follow) or "- item" under such a key. */
#include "ingest/frontmatter.h"

#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"

typedef struct {
    arena *a;
    fm_field *fields;
    size_t n_fields;
    long open;              /* index of a "key:" items may follow, or -1 */
    int list_indent;        /* indentation of its items, -1 before the first */
    int line;               /* the line being read */
    int *err_line;
    char *err;
    size_t errlen;
} parser;

static int fail(parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(parser *p, const char *fmt, ...)
{
    if (p->err_line) *p->err_line = p->line;
    if (p->err && p->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err, p->errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t';
}

/* ---- lines ------------------------------------------------------------- */

/* The line at *p without its "\n" or "\r\n"; moves *p past it. */
static str take_line(const char **p, const char *end)
{
    const char *s = *p;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *e = nl ? nl : end;
    *p = nl ? nl + 1 : end;
    if (e > s && e[-1] == '\r') e--;
    return (str){ s, (size_t)(e - s) };
}

static bool is_fence(str l)
{
    if (l.len < 3 || memcmp(l.ptr, "---", 3) != 0) return false;
    for (size_t i = 3; i < l.len; i++)
        if (!is_ws(l.ptr[i])) return false;
    return true;
}

/* Fail unless l is valid UTF-8 with no control character but tab. */
static int check_text(parser *p, str l)
{
    const unsigned char *s = (const unsigned char *)l.ptr;
    for (size_t i = 0; i < l.len;) {
        size_t n = utf8_decode(s + i, l.len - i, NULL);
        if (n == 0) return fail(p, "invalid UTF-8");
        if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7F)
            return fail(p, "control character");
        i += n;
    }
    return 0;
}

/* ---- fields and items -------------------------------------------------- */

/* Grow an arena array holding n elements of size sz so one more fits;
 * capacities are implicit: 4, then every power of two. */
static void *grow(arena *a, void *arr, size_t n, size_t sz)
{
    if (n != 0 && (n < 4 || (n & (n - 1)) != 0)) return arr;
    size_t cap = n == 0 ? 4 : n * 2;
    void *fresh = arena_alloc(a, cap * sz);
    if (n) memcpy(fresh, arr, n * sz);
    return fresh;
}

static fm_field *add_field(parser *p, const char *key)
{
    p->fields = grow(p->a, p->fields, p->n_fields, sizeof *p->fields);
    fm_field *f = &p->fields[p->n_fields++];
    *f = (fm_field){ .key = key, .value = "", .line = p->line };
    return f;
}

static void add_item(parser *p, fm_field *f, const char *item)
{
    f->items = grow(p->a, (void *)f->items, f->n_items, sizeof *f->items);
    f->items[f->n_items++] = item;
}

/* ---- scalars ----------------------------------------------------------- */

/* The length of the quoted scalar at the start of v, quotes included, or 0
 * if it does not end on this line. */
static size_t quoted_len(str v)
{
    char q = v.ptr[0];
    for (size_t i = 1; i < v.len; i++) {
        if (q == '"' && v.ptr[i] == '\\') {
            i++;
        } else if (v.ptr[i] == q) {
            if (q == '\'' && i + 1 < v.len && v.ptr[i + 1] == '\'') i++;
            else return i + 1;
        }
    }
    return 0;
}

static int hex4(const char *s, size_t n, unsigned long *v)
{
    if (n < 4) return -1;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        *v = *v * 16 + (unsigned long)d;
    }
    return 0;
}

static size_t put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The code point of "\uXXXX" (or a "\uD8xx\uDCxx" pair) at s[*i..n), *i
 * being just past the 'u'; 0 on a bad, lone-surrogate or NUL escape. */
static unsigned long unicode_escape(const char *s, size_t n, size_t *i)
{
    unsigned long hi, lo;
    if (hex4(s + *i, n - *i, &hi) < 0) return 0;
    *i += 4;
    if (hi >= 0xDC00 && hi <= 0xDFFF) return 0;
    if (hi < 0xD800 || hi > 0xDBFF) return hi;
    if (n - *i < 6 || s[*i] != '\\' || s[*i + 1] != 'u' ||
        hex4(s + *i + 2, n - *i - 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
        return 0;
    *i += 6;
    return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

/* Decode the inside s[0..n) of a double-quoted scalar into *out. */
static int decode_double(parser *p, const char *s, size_t n, const char **out)
{
    char *o = arena_alloc(p->a, n + 1);    /* escapes only ever shrink */
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\\') {
            o[k++] = s[i++];
            continue;
        }
        char e = s[i + 1];                  /* quoted_len: never the end */
        i += 2;
        switch (e) {
        case '"': case '\\': case '/': o[k++] = e; break;
        case 'n': o[k++] = '\n'; break;
        case 't': o[k++] = '\t'; break;
        case 'r': o[k++] = '\r'; break;
        case 'u': {
            unsigned long cp = unicode_escape(s, n, &i);
            if (cp == 0) return fail(p, "invalid escape \"\\u\"");
            k += put_utf8(o + k, cp);
            break;
        }
        default:
            if (e > ' ' && e < 0x7F)
                return fail(p, "invalid escape \"\\%c\"", e);
            return fail(p, "invalid escape");
        }
    }
    o[k] = '\0';
    *out = o;
    return 0;
}

/* Decode the inside s[0..n) of a single-quoted scalar ('' is a quote). */
static const char *decode_single(parser *p, const char *s, size_t n)
{
    char *o = arena_alloc(p->a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        o[k++] = s[i];
        if (s[i] == '\'') i++;
    }
    o[k] = '\0';
    return o;
}

/* A quoted scalar at the start of v; *used is its length with quotes. */
static int parse_quoted(parser *p, str v, const char **out, size_t *used)
{
    size_t n = quoted_len(v);
    if (n == 0) return fail(p, "unterminated string");
    *used = n;
    if (v.ptr[0] == '\'') {
        *out = decode_single(p, v.ptr + 1, n - 2);
        return 0;
    }
    return decode_double(p, v.ptr + 1, n - 2, out);
}

/* After a quoted scalar or a flow list at v[0..used): only a comment. */
static int check_tail(parser *p, str v, size_t used, const char *what)
{
    size_t i = used;
    while (i < v.len && is_ws(v.ptr[i])) i++;
    if (i == v.len || (i > used && v.ptr[i] == '#')) return 0;
    return fail(p, "unexpected text after %s", what);
}

/* Fail if c (followed by `next`, 0 at the end) may not start a plain
 * scalar: YAML would read it as something else. */
static int check_plain_start(parser *p, char c, char next, bool item)
{
    bool lone = next == 0 || is_ws(next);
    if (c == '{') return fail(p, "nested mappings are not supported");
    if (c == '[' || (item && c == '-' && lone))
        return fail(p, "nested lists are not supported");
    if (c == '|' || c == '>')
        return fail(p, "block scalars (| and >) are not supported");
    if (c == '&' || c == '*' || c == '!')
        return fail(p, "anchors, aliases and tags are not supported");
    if (strchr(",]}%@`", c) || (strchr("-?:", c) && lone))
        return fail(p, "a plain value cannot start with \"%c\" (quote it)", c);
    return 0;
}

/* Fail if the plain scalar s[0..n) holds ": " (or ends in ':'). */
static int check_plain_colon(parser *p, const char *s, size_t n, bool item)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ':' || (i + 1 < n && !is_ws(s[i + 1]))) continue;
        if (item) return fail(p, "nested mappings are not supported");
        return fail(p, "a plain value cannot contain \": \" (quote it)");
    }
    return 0;
}

/* A plain scalar: v up to a " #" comment, trimmed. */
static int parse_plain(parser *p, str v, bool item, const char **out)
{
    size_t n = 0;
    while (n < v.len && !(v.ptr[n] == '#' && n > 0 && is_ws(v.ptr[n - 1])))
        n++;
    while (n > 0 && is_ws(v.ptr[n - 1])) n--;
    if (check_plain_start(p, v.ptr[0], n > 1 ? v.ptr[1] : 0, item) < 0 ||
        check_plain_colon(p, v.ptr, n, item) < 0) return -1;
    *out = arena_strndup(p->a, v.ptr, n);
    return 0;
}

/* A scalar filling the rest of the line v (non-empty, not a comment). */
static int parse_scalar(parser *p, str v, bool item, const char **out)
{
    if (v.ptr[0] == '"' || v.ptr[0] == '\'') {
        size_t used;
        if (parse_quoted(p, v, out, &used) < 0) return -1;
        return check_tail(p, v, used, "the closing quote");
    }
    return parse_plain(p, v, item, out);
}

/* ---- lists ------------------------------------------------------------- */

/* One item of a flow list at v[*i..): quoted, or plain up to ',' or ']'. */
static int flow_item(parser *p, str v, size_t *i, const char **out)
{
    str rest = { v.ptr + *i, v.len - *i };
    char c = rest.ptr[0];
    if (c == '"' || c == '\'') {
        size_t used;
        if (parse_quoted(p, rest, out, &used) < 0) return -1;
        *i += used;
        return 0;
    }
    if (c == ',') return fail(p, "empty list item");
    if (check_plain_start(p, c, rest.len > 1 ? rest.ptr[1] : 0, true) < 0)
        return -1;
    size_t n = 0;
    while (n < rest.len && rest.ptr[n] != ',' && rest.ptr[n] != ']') {
        if (rest.ptr[n] == '#' && n > 0 && is_ws(rest.ptr[n - 1]))
            return fail(p, "unterminated list");
        n++;
    }
    if (n == rest.len) return fail(p, "unterminated list");
    *i += n;
    while (n > 0 && is_ws(rest.ptr[n - 1])) n--;
    if (check_plain_colon(p, rest.ptr, n, true) < 0) return -1;
    *out = arena_strndup(p->a, rest.ptr, n);
    return 0;
}

/* A flow list "[a, 'b', "c"]" filling the rest of the line v. */
static int parse_flow(parser *p, fm_field *f, str v)
{
    size_t i = 1;
    f->is_list = true;
    for (;;) {
        while (i < v.len && is_ws(v.ptr[i])) i++;
        if (i == v.len) return fail(p, "unterminated list");
        if (v.ptr[i] == ']') break;         /* "[]" or a trailing comma */
        const char *item = NULL;
        if (flow_item(p, v, &i, &item) < 0) return -1;
        add_item(p, f, item);
        while (i < v.len && is_ws(v.ptr[i])) i++;
        if (i == v.len) return fail(p, "unterminated list");
        if (v.ptr[i] == ']') break;
        if (v.ptr[i] != ',') return fail(p, "expected \",\" or \"]\" in list");
        i++;
    }
    return check_tail(p, v, i + 1, "\"]\"");
}

/* "- item" at indentation `indent` under the open "key:". */
static int parse_item(parser *p, int indent, str rest)
{
    if (p->open < 0) return fail(p, "list item without a key");
    if (p->list_indent < 0) p->list_indent = indent;
    else if (indent != p->list_indent)
        return fail(p, "inconsistent list indentation");
    size_t i = 1;
    while (i < rest.len && is_ws(rest.ptr[i])) i++;
    if (i == rest.len || rest.ptr[i] == '#') return fail(p, "empty list item");
    const char *item = NULL;
    str v = { rest.ptr + i, rest.len - i };
    if (parse_scalar(p, v, true, &item) < 0) return -1;
    fm_field *f = &p->fields[p->open];
    f->is_list = true;
    add_item(p, f, item);
    return 0;
}

/* ---- lines ------------------------------------------------------------- */

/* Length of the key at the start of s if it is followed by ':' and then
 * whitespace or the end of the line; else 0. */
static size_t key_len(str s)
{
    size_t k = 0;
    while (k < s.len && (s.ptr[k] == '_' || s.ptr[k] == '-' ||
           (s.ptr[k] >= '0' && s.ptr[k] <= '9') ||
           ((s.ptr[k] | 0x20) >= 'a' && (s.ptr[k] | 0x20) <= 'z')))
        k++;
    if (k == 0 || k == s.len || s.ptr[k] != ':') return 0;
    if (k + 1 < s.len && !is_ws(s.ptr[k + 1])) return 0;
    return k;
}

static const fm_field *find_field(const fm_field *fs, size_t n, const char *k)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fs[i].key, k) == 0) return &fs[i];
    return NULL;
}

/* "key: value" or "key:" at the start of a line. */
static int parse_pair(parser *p, str s)
{
    size_t k = key_len(s);
    if (k == 0) return fail(p, "expected key: value");
    p->open = -1;
    char *key = arena_strndup(p->a, s.ptr, k);
    if (find_field(p->fields, p->n_fields, key))
        return fail(p, "duplicate key \"%s\"", key);
    fm_field *f = add_field(p, key);
    size_t i = k + 1;
    while (i < s.len && is_ws(s.ptr[i])) i++;
    str v = { s.ptr + i, s.len - i };
    if (v.len == 0 || v.ptr[0] == '#') {    /* block list items may follow */
        p->open = (long)(p->n_fields - 1);
        p->list_indent = -1;
        return 0;
    }
    if (v.ptr[0] == '[') return parse_flow(p, f, v);
    return parse_scalar(p, v, false, &f->value);
}

static int parse_line(parser *p, str l)
{
    size_t i = 0;
    if (check_text(p, l) < 0) return -1;
    while (i < l.len && is_ws(l.ptr[i])) i++;
    if (i == l.len || l.ptr[i] == '#') return 0;    /* blank or comment */
    if (memchr(l.ptr, '\t', i)) return fail(p, "tab indentation");
    str rest = { l.ptr + i, l.len - i };
    if (rest.ptr[0] == '-' && (rest.len == 1 || is_ws(rest.ptr[1])))
        return parse_item(p, (int)i, rest);
    if (i > 0)
        return fail(p, p->open >= 0 && key_len(rest)
                           ? "nested mappings are not supported"
                           : "unexpected indentation");
    return parse_pair(p, rest);
}

/* ---- the file ---------------------------------------------------------- */

/* Find the closing fence after *p: the front matter lines are
 * [*p, *fm_end), the body starts at *body on line *body_line. */
static bool find_closing(const char *p, const char *end, const char **fm_end,
                         const char **body, int *body_line)
{
    int line = 1;
    while (p < end) {
        const char *start = p;
        str l = take_line(&p, end);
        line++;
        if (is_fence(l)) {
            *fm_end = start;
            *body = p;
            *body_line = line + 1;
            return true;
        }
    }
    return false;
}

int frontmatter_parse(arena *a, const char *src, size_t len, frontmatter *fm,
                      int *err_line, char *err, size_t errlen)
{
    parser p = { .a = a, .open = -1, .line = 1, .err_line = err_line,
                 .err = err, .errlen = errlen };
    const char *s = src, *end = src + len, *fm_end, *body;
    int body_line;
    memset(fm, 0, sizeof *fm);
    if (!src) return fail(&p, "missing opening ---");
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3;
    if (!is_fence(take_line(&s, end))) return fail(&p, "missing opening ---");
    if (!find_closing(s, end, &fm_end, &body, &body_line))
        return fail(&p, "missing closing ---");
    while (s < fm_end) {
        p.line++;
        if (parse_line(&p, take_line(&s, fm_end)) < 0) return -1;
    }
    fm->fields = p.fields;
    fm->n_fields = p.n_fields;
    fm->body = arena_strndup(a, body, (size_t)(end - body));
    fm->body_len = (size_t)(end - body);
    fm->body_line = body_line;
    return 0;
}

const fm_field *frontmatter_get(const frontmatter *fm, const char *key)
{
    return find_field(fm->fields, fm->n_fields, key);
}
