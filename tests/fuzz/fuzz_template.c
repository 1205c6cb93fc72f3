/* fuzz_template.c — libFuzzer target for the template compiler and renderer,
 * the escapers and json_render.
 *
 * The input is split at NUL bytes into up to three templates: "main",
 * "partials/a" and "partials/b", so partials (and recursion through them) are
 * reached. Each is compiled; main is rendered against a fixed view that has
 * every kind of value, including hostile text. The whole input is also passed
 * through the escapers, whose output must be valid UTF-8 with nothing left
 * unescaped; the view is rendered as JSON, which must hold no raw '<'. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "render/escape.h"
#include "render/json.h"
#include "render/template.h"
#include "render/view.h"

static view *make_item(arena *a, const char *name, view *replies)
{
    view *o = view_obj(a);
    view_set_str(a, o, "name", name);
    view_set_int(a, o, "n", (long long)strlen(name));
    if (replies) view_set(a, o, "replies", replies);
    return o;
}

static view *make_view(arena *a)
{
    view *root = view_obj(a), *items = view_list(a), *inner = view_list(a), *obj = view_obj(a);
    view_push(a, inner, make_item(a, "reply", NULL));
    view_push(a, items, make_item(a, "<b>one</b>", inner));
    view_push(a, items, make_item(a, "\"two\" & 'three'", view_list(a)));
    view_push(a, items, view_str(a, "plain"));
    view_push(a, items, NULL);
    view_set_str(a, obj, "name", "مداد");
    view_set(a, obj, "self_list", items);
    view_set_str(a, root, "title", "<script>alert(1)</script>");
    view_set(a, root, "html", view_html(a, "<p>ok</p>", 9));
    view_set(a, root, "bad", view_strn(a, "\xff\xc0\x80\xed\xa0\x80\0\x01", 8));
    view_set_int(a, root, "n", -9223372036854775807LL - 1);
    view_set_bool(a, root, "yes", true);
    view_set_bool(a, root, "no", false);
    view_set(a, root, "null", view_null(a));
    view_set(a, root, "items", items);
    view_set(a, root, "empty", view_list(a));
    view_set(a, root, "a", obj);
    return root;
}

/* A plain decoder to check utf8_valid against: decode, then reject
 * overlong forms, surrogates and values past U+10FFFF. */
static int reference_utf8_valid(const uint8_t *s, size_t n)
{
    static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
    for (size_t i = 0; i < n;) {
        uint8_t c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || i + len > n) return 0;
        uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7F >> len));
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += len;
    }
    return 1;
}

static void check_escapers(arena *a, const uint8_t *data, size_t size)
{
    buf out;
    buf_init(&out, a);
    escape_html(&out, (const char *)data, size);
    if (!utf8_valid(out.data, out.len) || memchr(out.data, '<', out.len) ||
        memchr(out.data, '"', out.len) || memchr(out.data, '\'', out.len) ||
        memchr(out.data, '\0', out.len))
        abort();
    buf_clear(&out);
    escape_json_string(&out, (const char *)data, size);
    if (!utf8_valid(out.data, out.len) || memchr(out.data, '<', out.len) ||
        memchr(out.data, '\n', out.len) || memchr(out.data, '\0', out.len))
        abort();
    if (utf8_valid((const char *)data, size) != reference_utf8_valid(data, size))
        abort();
}

static void compile_and_render(arena *a, const uint8_t *data, size_t size, const view *root)
{
    static const char *names[] = { "main", "partials/a", "partials/b" };
    tmpl_set *set = tmpl_set_new();
    const char *p = (const char *)data, *end = p + size;
    char err[128];
    for (int k = 0; k < 3 && p <= end; k++) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);
        tmpl_set_add(set, names[k], p, len, err, sizeof err);
        p += len + 1;
    }
    tmpl_set_check(set, err, sizeof err);
    buf out;
    buf_init(&out, NULL);
    tmpl_render(set, "main", root, &out);
    buf_free(&out);
    tmpl_set_free(set);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(0);
    view *root = make_view(a);
    compile_and_render(a, data, size, root);
    check_escapers(a, data, size);
    buf out;
    buf_init(&out, a);
    json_render(&out, root);
    if (!utf8_valid(out.data, out.len) || memchr(out.data, '<', out.len)) abort();
    arena_free(a);
    return 0;
}
