/* fuzz_markdown.c — libFuzzer target for render/markdown.
 *
 * Renders arbitrary input and checks the output is what trusted HTML must
 * be: no "<script"; every '<' opens or closes a tag we emit, with only our
 * attributes; text holds no stray '>' or bare '&'; every href is http(s),
 * mailto or relative (never "//host"); every img src is same-site relative.
 * The checks are written independently of markdown.c. abort() on a breach.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     tests/fuzz/fuzz_markdown.c src/render/markdown.c src/core/arena.c \
 *     src/core/buf.c -lmd4c -lutf8proc -o /tmp/fuzz_markdown
 *   /tmp/fuzz_markdown tests/fuzz/corpus/markdown */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "render/markdown.h"

static void breach(const char *why, const char *html)
{
    fprintf(stderr, "fuzz_markdown: %s\n--- output ---\n%s\n", why, html);
    abort();
}

static const char *const tags[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "hr", "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "em",
    "strong", "del", "a", "img", "br",
};

static const char *const attrs[] = {
    "href", "title", "src", "loading", "alt", "start", "class",
};

static int in_list(const char *s, size_t n, const char *const *list, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0) return 1;
    return 0;
}

/* Decode the five escapes the renderer uses in attribute values; any other
 * '&' in a URL value is a breach. Returns the decoded length in `out`. */
static size_t decode_value(const char *v, size_t n, char *out, const char *html)
{
    static const struct { const char *e; char c; } esc[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
        { "&quot;", '"' }, { "&#39;", '\'' },
    };
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (v[i] != '&') {
            out[o++] = v[i++];
            continue;
        }
        size_t k = 0;
        while (k < 5 && (n - i < strlen(esc[k].e) ||
                         memcmp(v + i, esc[k].e, strlen(esc[k].e)) != 0))
            k++;
        if (k == 5) breach("unexpected entity in a URL attribute", html);
        out[o++] = esc[k].c;
        i += strlen(esc[k].e);
    }
    return o;
}

/* 'a': absolute http/https/mailto, 'r': relative, 'x': anything else. */
static char url_kind(const char *u, size_t n)
{
    char sig[16];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof sig; i++)
        if ((unsigned char)u[i] > 0x20 && u[i] != 0x7F) sig[k++] = u[i];
    if (k >= 2 && (sig[0] == '/' || sig[0] == '\\') &&
        (sig[1] == '/' || sig[1] == '\\'))
        return 'x';
    for (size_t i = 0; i < k; i++) {
        if (sig[i] == '/' || sig[i] == '\\' || sig[i] == '?' || sig[i] == '#')
            return 'r';
        if (sig[i] == ':') {
            if ((i == 4 && strncasecmp(sig, "http", 4) == 0) ||
                (i == 5 && strncasecmp(sig, "https", 5) == 0) ||
                (i == 6 && strncasecmp(sig, "mailto", 6) == 0))
                return 'a';
            return 'x';
        }
    }
    /* 16 significant bytes with no ':' nor '/' yet: look at the rest. */
    if (k == sizeof sig) {
        const char *colon = memchr(u, ':', n);
        const char *end = u + n;
        for (const char *p = u; p < end; p++)
            if (*p == '/' || *p == '\\' || *p == '?' || *p == '#') {
                end = p;
                break;
            }
        if (colon && colon < end) return 'x';
    }
    return 'r';
}

static void check_url(const char *tag, size_t tn, const char *name, size_t nn,
                      const char *v, size_t vn, const char *html)
{
    int is_href = nn == 4 && memcmp(name, "href", 4) == 0;
    int is_src = nn == 3 && memcmp(name, "src", 3) == 0;
    if (!is_href && !is_src) return;
    char *d = malloc(vn + 1);
    if (!d) abort();
    char kind = url_kind(d, decode_value(v, vn, d, html));
    free(d);
    if (is_href && kind == 'x') breach("forbidden href", html);
    if (is_src && kind != 'r') breach("img src not same-site", html);
    if ((is_href && !(tn == 1 && tag[0] == 'a')) ||
        (is_src && !(tn == 3 && memcmp(tag, "img", 3) == 0)))
        breach("URL attribute on the wrong tag", html);
}

/* Check the tag starting at html[i] == '<'; returns the index after '>'. */
static size_t check_tag(const char *html, size_t i, size_t len)
{
    i++;
    int closing = i < len && html[i] == '/';
    if (closing) i++;
    size_t t = i;
    while (i < len && ((html[i] >= 'a' && html[i] <= 'z') ||
                       (html[i] >= '0' && html[i] <= '9')))
        i++;
    if (!in_list(html + t, i - t, tags, sizeof tags / sizeof *tags))
        breach("unknown tag", html);
    while (!closing && i < len && html[i] == ' ') {
        size_t a = ++i;
        while (i < len && html[i] >= 'a' && html[i] <= 'z') i++;
        if (!in_list(html + a, i - a, attrs, sizeof attrs / sizeof *attrs))
            breach("unknown attribute", html);
        size_t an = i - a;
        if (i + 1 >= len || html[i] != '=' || html[i + 1] != '"')
            breach("malformed attribute", html);
        i += 2;
        size_t v = i;
        while (i < len && html[i] != '"') {
            if (html[i] == '<' || html[i] == '>') breach("raw <> in value", html);
            i++;
        }
        if (i >= len) breach("unterminated attribute", html);
        check_url(html + t, a - 1 - t, html + a, an, html + v, i - v, html);
        i++;
    }
    if (i >= len || html[i] != '>') breach("malformed tag", html);
    return i + 1;
}

/* '&' in text must begin an entity: &name; or &#digits; / &#xhex;. */
static void check_amp(const char *html, size_t i, size_t len)
{
    size_t j = i + 1;
    if (j < len && html[j] == '#') j++;
    size_t s = j;
    while (j < len && ((html[j] >= 'a' && html[j] <= 'z') ||
                       (html[j] >= 'A' && html[j] <= 'Z') ||
                       (html[j] >= '0' && html[j] <= '9')))
        j++;
    if (j == s || j >= len || html[j] != ';') breach("bare & in text", html);
}

static void check_html(const char *html, size_t len)
{
    for (size_t i = 0; i + 7 <= len; i++)
        if (strncasecmp(html + i, "<script", 7) == 0) breach("<script", html);
    for (size_t i = 0; i < len;) {
        char c = html[i];
        if (c == '<') {
            i = check_tag(html, i, len);
            continue;
        }
        if (c == '>' || c == '"') breach("raw > or \" in text", html);
        if (c == '&') check_amp(html, i, len);
        i++;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    buf out;
    buf_init(&out, NULL);
    if (markdown_render(&out, src, size) != 0) abort();
    if (out.data) check_html(out.data, out.len);
    buf_free(&out);

    /* The policy on the raw bytes agrees with the independent check. */
    if (markdown_link_allowed(src, size) && url_kind(src, size) == 'x')
        breach("markdown_link_allowed let a forbidden target through", "");
    (void)markdown_word_count(src, size);
    return 0;
}
