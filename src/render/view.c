/* view.c — the view model; see view.h. */
#include "render/view.h"

#include <string.h>

static view *view_new(arena *a, view_type t)
{
    view *v = arena_zalloc(a, sizeof *v);
    v->type = t;
    return v;
}

view *view_null(arena *a) { return view_new(a, VIEW_NULL); }

view *view_bool(arena *a, bool b)
{
    view *v = view_new(a, VIEW_BOOL);
    v->b = b;
    return v;
}

view *view_int(arena *a, long long i)
{
    view *v = view_new(a, VIEW_INT);
    v->i = i;
    return v;
}

view *view_strn(arena *a, const char *s, size_t len)
{
    view *v = view_new(a, VIEW_STR);
    v->s = s ? s : "";
    v->len = s ? len : 0;
    return v;
}

view *view_str(arena *a, const char *s)
{
    return view_strn(a, s, s ? strlen(s) : 0);
}

view *view_html(arena *a, const char *html, size_t len)
{
    view *v = view_strn(a, html, len);
    v->type = VIEW_HTML;
    return v;
}

view *view_list(arena *a) { return view_new(a, VIEW_LIST); }
view *view_obj(arena *a) { return view_new(a, VIEW_OBJ); }

static void view_grow(arena *a, view *v, bool with_keys)
{
    if (v->n < v->cap) return;
    size_t cap = v->cap ? v->cap * 2 : 8;
    view **items = arena_alloc(a, cap * sizeof *items);
    if (v->n) memcpy(items, v->items, v->n * sizeof *items);
    v->items = items;
    if (with_keys) {
        const char **keys = arena_alloc(a, cap * sizeof *keys);
        if (v->n) memcpy(keys, v->keys, v->n * sizeof *keys);
        v->keys = keys;
    }
    v->cap = cap;
}

void view_push(arena *a, view *list, view *item)
{
    view_grow(a, list, false);
    list->items[list->n++] = item;
}

void view_set(arena *a, view *obj, const char *key, view *val)
{
    for (size_t k = 0; k < obj->n; k++) {
        if (strcmp(obj->keys[k], key) == 0) {
            obj->items[k] = val;
            return;
        }
    }
    view_grow(a, obj, true);
    obj->keys[obj->n] = key;
    obj->items[obj->n++] = val;
}

void view_set_str(arena *a, view *obj, const char *key, const char *s)
{
    view_set(a, obj, key, view_str(a, s));
}

void view_set_int(arena *a, view *obj, const char *key, long long i)
{
    view_set(a, obj, key, view_int(a, i));
}

void view_set_bool(arena *a, view *obj, const char *key, bool b)
{
    view_set(a, obj, key, view_bool(a, b));
}

static view *view_getn(const view *obj, const char *key, size_t len)
{
    if (!obj || obj->type != VIEW_OBJ) return NULL;
    for (size_t k = 0; k < obj->n; k++)
        if (obj->keys[k][0] == key[0] && strncmp(obj->keys[k], key, len) == 0 &&
            obj->keys[k][len] == '\0')
            return obj->items[k];
    return NULL;
}

view *view_get(const view *obj, const char *key)
{
    return view_getn(obj, key, strlen(key));
}

view *view_path(const view *v, const char *path, size_t len)
{
    const char *end = path + len;
    const view *cur = v;
    while (cur && path < end) {
        const char *dot = memchr(path, '.', (size_t)(end - path));
        size_t n = dot ? (size_t)(dot - path) : (size_t)(end - path);
        cur = view_getn(cur, path, n);
        path += n + (dot ? 1 : 0);
    }
    return (view *)cur;
}

bool view_truthy(const view *v)
{
    if (!v) return false;
    switch (v->type) {
    case VIEW_NULL: return false;
    case VIEW_BOOL: return v->b;
    case VIEW_INT: return v->i != 0;
    case VIEW_STR:
    case VIEW_HTML: return v->len > 0;
    case VIEW_LIST: return v->n > 0;
    case VIEW_OBJ: return true;
    }
    return false;
}
