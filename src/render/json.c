/* json.c — views as JSON; see json.h. */
#include "render/json.h"

#include <string.h>

#include "render/escape.h"

#define JSON_MAX_DEPTH 64

static void json_value(buf *out, const view *v, int depth);

static void json_list(buf *out, const view *v, int depth)
{
    buf_putc(out, '[');
    for (size_t k = 0; k < v->n; k++) {
        if (k) buf_putc(out, ',');
        json_value(out, v->items[k], depth + 1);
    }
    buf_putc(out, ']');
}

static void json_object(buf *out, const view *v, int depth)
{
    buf_putc(out, '{');
    for (size_t k = 0; k < v->n; k++) {
        if (k) buf_putc(out, ',');
        const char *key = v->keys[k] ? v->keys[k] : "";
        escape_json_string(out, key, strlen(key));
        buf_putc(out, ':');
        json_value(out, v->items[k], depth + 1);
    }
    buf_putc(out, '}');
}

static void json_value(buf *out, const view *v, int depth)
{
    if (!v || depth > JSON_MAX_DEPTH) {
        buf_append(out, "null", 4);
        return;
    }
    switch (v->type) {
    case VIEW_NULL: buf_append(out, "null", 4); break;
    case VIEW_BOOL: buf_puts(out, v->b ? "true" : "false"); break;
    case VIEW_INT: buf_printf(out, "%lld", v->i); break;
    case VIEW_STR:
    case VIEW_HTML: escape_json_string(out, v->s, v->len); break;
    case VIEW_LIST: json_list(out, v, depth); break;
    case VIEW_OBJ: json_object(out, v, depth); break;
    }
}

void json_render(buf *out, const view *v)
{
    json_value(out, v, 0);
}
