/* static.c — the theme's static files (GET /static/…) and /healthz. */
#include <string.h>

#include "core/assets.h"
#include "site/handlers.h"
#include "site/page.h"

static const char *content_type_of(const char *path)
{
    static const struct { const char *ext, *type; } types[] = {
        { ".css", "text/css; charset=utf-8" },
        { ".js", "text/javascript; charset=utf-8" },
        { ".svg", "image/svg+xml" },
        { ".png", "image/png" },
        { ".ico", "image/x-icon" },
        { ".txt", "text/plain; charset=utf-8" },
        { ".woff2", "font/woff2" },
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return NULL;
}

void static_handle(req *r, resp *w)
{
    const char *path = arena_printf(r->a, "static/%s", r->params[0]);
    const char *type = content_type_of(path);
    const asset *f = type ? asset_find(path) : NULL;
    if (!f) {
        w->status = 404;
        return;
    }
    buf_append(&w->body, f->data, f->len);
    w->status = 200;
    w->content_type = type;
    w->cache_control = "public, max-age=86400";
    w->cacheable = true;
}

void health_handle(req *r, resp *w)
{
    store *s = store_for_thread();
    int ok = s && store_ping(s) == 0;
    w->status = ok ? 200 : 503;
    w->content_type = "text/plain; charset=utf-8";
    buf_puts(&w->body, ok ? "ok\n" : "database unreachable\n");
}
