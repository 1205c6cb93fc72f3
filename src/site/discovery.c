/* discovery.c — the settings and URLs feeds, sitemaps and meta tags share;
 * see discovery.h. */
#include "site/discovery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "site/page.h"
#include "site/site.h"

static discovery_config cfg = { "http://127.0.0.1:8080", "ar", "", "", true, 20, 10000 };
static arena *cfg_arena;

const discovery_config *discovery(void)
{
    return &cfg;
}

/* True for "http(s)://HOST[:PORT]" with a plain ASCII host and nothing after. */
static bool base_ok(const char *u)
{
    const char *p = strncmp(u, "https://", 8) == 0 ? u + 8
                  : strncmp(u, "http://", 7) == 0 ? u + 7 : NULL;
    if (!p || !*p) return false;
    for (; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr(".-:[]", *p)))
            return false;
    return true;
}

/* A copy of `u` without trailing slashes, or NULL when it is not a base URL. */
static const char *clean_base(arena *a, const char *u)
{
    size_t n = strlen(u);
    while (n > 0 && u[n - 1] == '/') n--;
    char *b = arena_strndup(a, u, n);
    return base_ok(b) ? b : NULL;
}

int site_base_url(const char *url, const char *listen, char *err, size_t errlen)
{
    const char *want = url ? url : cfg.base[0] ? NULL : listen;
    if (!want) return 0;                       /* the base_url setting stands */
    const char *b = clean_base(cfg_arena, url ? url : arena_printf(cfg_arena, "http://%s", listen));
    if (!b) {
        snprintf(err, errlen, "bad base URL \"%s\" (want http(s)://HOST[:PORT])", want);
        return -1;
    }
    cfg.base = b;
    return 0;
}

int discovery_init(store *s, arena *a, char *err, size_t errlen)
{
    cfg_arena = a;
    const char *base = store_setting_get(s, a, "base_url", "");
    cfg.base = base[0] ? clean_base(a, base) : "";
    if (!cfg.base) {
        snprintf(err, errlen, "bad base_url setting \"%s\" (want http(s)://HOST[:PORT])", base);
        return -1;
    }
    cfg.lang = page_t("lang");
    cfg.og_locale = store_setting_get(s, a, "og_locale", strcmp(cfg.lang, "ar") == 0 ? "ar_AR" : "");
    cfg.hub = store_setting_get(s, a, "websub_hub", "");
    if (cfg.hub[0] && strncmp(cfg.hub, "https://", 8) && strncmp(cfg.hub, "http://", 7)) {
        snprintf(err, errlen, "bad websub_hub setting \"%s\" (want an http(s) URL)", cfg.hub);
        return -1;
    }
    cfg.full_text = strcmp(store_setting_get(s, a, "feed_full_text", "1"), "0") != 0;
    cfg.feed_items = atoi(store_setting_get(s, a, "feed_items", "20"));
    if (cfg.feed_items < 1 || cfg.feed_items > 100) cfg.feed_items = 20;
    cfg.sitemap_page = atoll(store_setting_get(s, a, "sitemap_page_size", "10000"));
    if (cfg.sitemap_page < 1 || cfg.sitemap_page > 50000) cfg.sitemap_page = 10000;
    return 0;
}

const char *abs_url(arena *a, const char *path)
{
    return arena_printf(a, "%s%s", cfg.base, path);
}

/* True for a byte a URI may carry as it is (RFC 3986 reserved and
 * unreserved characters, and % for escapes already made). */
static bool uri_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c > 0x20 && c < 0x7f && strchr("-._~:/?#[]@!$&'()*+,;=%", c));
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

const char *uri_from_iri(arena *a, const char *iri)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *p = strstr(iri, "://");
    p = p ? p + 3 : iri;
    p += strcspn(p, "/?#");                    /* the host stays as written */
    buf b;
    buf_init(&b, a);
    buf_append(&b, iri, (size_t)(p - iri));
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool escape_ok = c == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0;
        if (uri_byte(c) && (c != '%' || escape_ok)) {
            buf_putc(&b, (char)c);
        } else {
            buf_putc(&b, '%');
            buf_putc(&b, hex[c >> 4]);
            buf_putc(&b, hex[c & 15]);
        }
    }
    return b.data ? b.data : "";
}

static void push_link(arena *a, view *list, const char *type, const char *title,
                      const char *url)
{
    view *v = view_obj(a);
    view_set_str(a, v, "type", type);
    view_set_str(a, v, "title", title);
    view_set_str(a, v, "url", url);
    view_push(a, list, v);
}

view *feed_links_view(arena *a, const char *kind, const char *slug, const char *name)
{
    view *list = view_list(a);
    push_link(a, list, "application/rss+xml", arena_printf(a, "%s (RSS)", page_site_name()), "/feed.xml");
    push_link(a, list, "application/atom+xml", arena_printf(a, "%s (Atom)", page_site_name()), "/atom.xml");
    if (kind) {
        const char *base = group_url(a, kind, slug);
        const char *title = arena_printf(a, "%s — %s", page_site_name(), name);
        push_link(a, list, "application/rss+xml", arena_printf(a, "%s (RSS)", title),
                  arena_printf(a, "%s/feed.xml", base));
        push_link(a, list, "application/atom+xml", arena_printf(a, "%s (Atom)", title),
                  arena_printf(a, "%s/atom.xml", base));
    }
    return list;
}
