/* page.c — what every page shares: site settings, interface strings,
 * templates, the page root, HTML and JSON output, URLs, paging. */
#include "site/page.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "render/json.h"
#include "render/locale.h"
#include "render/template.h"
#include "site/discovery.h"
#include "site/site.h"
#include "site/websub.h"
#include "text/dates.h"
#include "text/plural.h"
#include "text/reltime.h"
#include "site/comments.h"

/* Loaded once by site_init, read-only afterwards. */
static arena *site_arena;
static tmpl_set *templates;

/* What the settings page can change (locale, digits, site name and
 * description, posts per page) lives in an immutable block that is
 * swapped whole when the settings change: site_settings_reload, from the
 * watcher thread when the generation moves and from the settings page
 * itself. A request thread loads the pointer and may use what it points
 * to until its request ends, so an old block is never freed while the
 * server runs (each is a few tens of KiB, made only when saved settings
 * differ); site_shutdown frees them all after the server has stopped. */
typedef struct site_conf {
    arena *a;
    view *strings;            /* locale file: key → text */
    view *site_info;          /* name, description, lang, dir */
    const char *name, *description;
    int per_page;
    const char *signature;    /* the setting values it was made from */
    struct site_conf *older;
} site_conf;
static _Atomic(site_conf *) conf;
static pthread_mutex_t reload_lock = PTHREAD_MUTEX_INITIALIZER;

const char *page_t(const char *key)
{
    site_conf *c = atomic_load(&conf);
    return c ? locale_get(c->strings, key) : key;
}

const char *page_plural(arena *a, const char *prefix, long long n)
{
    const char *pattern = page_t(arena_printf(a, "%s_%s", prefix, plural_category(n)));
    const char *at = strstr(pattern, "{n}");
    return at ? arena_printf(a, "%.*s%lld%s", (int)(at - pattern), pattern, n, at + 3) : pattern;
}

const char *page_site_name(void)
{
    site_conf *c = atomic_load(&conf);
    return c ? c->name : "";
}

const char *page_site_description(void)
{
    site_conf *c = atomic_load(&conf);
    return c ? c->description : "";
}

int page_size(void)
{
    site_conf *c = atomic_load(&conf);
    return c ? c->per_page : 10;
}

static int load_templates(char *err, size_t errlen)
{
    templates = tmpl_set_new();
    for (const asset *e = assets_embedded; e->path; e++) {
        size_t n = strlen(e->path);
        if (strncmp(e->path, "templates/", 10) != 0 || n < 16 ||
            strcmp(e->path + n - 5, ".html") != 0)
            continue;
        const asset *a = asset_find(e->path);   /* the theme's copy, if any */
        char *name = arena_strndup(site_arena, e->path + 10, n - 15);
        if (tmpl_set_add(templates, name, a->data, a->len, err, errlen)) return -1;
    }
    return tmpl_set_check(templates, err, errlen);
}

static view *load_locale(arena *a, const char *lang, char *err, size_t errlen)
{
    char path[64];
    snprintf(path, sizeof path, "locale/%s.ini", lang);
    const asset *at = asset_find(path);
    if (!at) {
        snprintf(err, errlen, "no locale file %s", path);
        return NULL;
    }
    char perr[200];
    view *strings = locale_parse(a, at->data, at->len, perr, sizeof perr);
    if (!strings) snprintf(err, errlen, "%s: %s", path, perr);
    return strings;
}

/* The settings a conf block is made from, as one string to compare. */
static const char *conf_signature(store *s, arena *a)
{
    const char *keys[] = { "locale", "digits", "timezone", "per_page", "site_name",
                           "site_description" };
    buf b;
    buf_init(&b, a);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        buf_printf(&b, "%s=%s\n", keys[i], store_setting_get(s, a, keys[i], ""));
    return b.data;
}

/* A new conf block from the settings, with the dates, plural and relative
 * time formatters configured for it. NULL with a message on failure. */
static site_conf *conf_make(store *s, char *err, size_t errlen)
{
    arena *a = arena_new(0);
    site_conf *c = arena_zalloc(a, sizeof *c);
    c->a = a;
    c->signature = conf_signature(s, a);
    const char *lang = store_setting_get(s, a, "locale", "ar");
    const char *digits = store_setting_get(s, a, "digits", "latn");
    const char *tz = store_setting_get(s, a, "timezone", "Asia/Riyadh");
    if (!(c->strings = load_locale(a, lang, err, errlen)) ||
        dates_configure(lang, strcmp(digits, "arab") == 0 ? DIGITS_ARAB : DIGITS_LATN, tz)) {
        if (c->strings) snprintf(err, errlen, "bad locale \"%s\" or time zone \"%s\" in settings", lang, tz);
        arena_free(a);
        return NULL;
    }
    plural_configure(lang);
    reltime_configure(strcmp(digits, "arab") == 0 ? lang : arena_printf(a, "%s@numbers=latn", lang));
    c->per_page = atoi(store_setting_get(s, a, "per_page", "10"));
    if (c->per_page < 1 || c->per_page > 100) c->per_page = 10;
    c->name = store_setting_get(s, a, "site_name", locale_get(c->strings, "site_name"));
    c->description =
        store_setting_get(s, a, "site_description", locale_get(c->strings, "site_description"));
    c->site_info = view_obj(a);
    view_set_str(a, c->site_info, "name", c->name);
    view_set_str(a, c->site_info, "description", c->description);
    view_set_str(a, c->site_info, "lang", locale_get(c->strings, "lang"));
    view_set_str(a, c->site_info, "dir", locale_get(c->strings, "dir"));
    return c;
}

int site_settings_reload(store *s)
{
    pthread_mutex_lock(&reload_lock);
    site_conf *old = atomic_load(&conf);
    arena *tmp = arena_new(0);
    int changed = 0;
    if (old && strcmp(conf_signature(s, tmp), old->signature) != 0) {
        char err[256];
        site_conf *c = conf_make(s, err, sizeof err);
        if (c) {
            c->older = old;
            atomic_store(&conf, c);
            changed = 1;
        }
    }
    arena_free(tmp);
    changed |= comments_reload(s);
    pthread_mutex_unlock(&reload_lock);
    return changed;
}

int site_init(store *s, char *err, size_t errlen)
{
    site_arena = arena_new(0);
    arena *a = site_arena;
    site_conf *c = conf_make(s, err, errlen);
    if (!c) return -1;
    atomic_store(&conf, c);
    if (load_templates(err, errlen)) return -1;
    if (comments_init(s, err, errlen)) return -1;
    if (discovery_init(s, a, err, errlen)) return -1;   /* feeds, sitemaps, meta */
    site_generation_seen(s);
    return 0;
}

void site_shutdown(void)
{
    store *s = store_for_thread();
    if (s) comments_flush_refusals(s);
    comments_shutdown();
    websub_stop();
    tmpl_set_free(templates);
    arena_free(site_arena);
    templates = NULL;
    site_arena = NULL;
    for (site_conf *c = atomic_exchange(&conf, NULL), *older; c; c = older) {
        older = c->older;
        arena_free(c->a);
    }
}

store *page_store(resp *w)
{
    store *s = store_for_thread();
    if (!s) w->status = 503;
    return s;
}

view *page_root(req *r, store *s)
{
    arena *a = r->a;
    view *root = view_obj(a);
    site_conf *c = atomic_load(&conf);
    view_set(a, root, "site", c->site_info);
    view_set(a, root, "t", c->strings);
    view *nav = view_list(a);
    store_group *sections;
    size_t n;
    if (s && store_sections_list(s, a, false, &sections, &n) == 0)
        for (size_t i = 0; i < n; i++)
            view_push(a, nav, group_view(a, "section", &sections[i]));
    view_set(a, root, "nav", nav);
    view_set(a, root, "feeds", feed_links_view(a, NULL, NULL, NULL));
    return root;
}

void page_mark_section(arena *a, view *root, const char *slug)
{
    view *nav = view_get(root, "nav");
    for (size_t i = 0; nav && i < nav->n; i++) {
        view *slug_v = view_get(nav->items[i], "slug");
        if (slug_v && strcmp(slug_v->s, slug) == 0)
            view_set_bool(a, nav->items[i], "current", true);
    }
}

bool page_is_api(const req *r)
{
    return r->path && strncmp(r->path, "/api/", 5) == 0;
}

void page_html(req *r, resp *w, const char *name, view *root, int status)
{
    if (tmpl_render(templates, name, root, &w->body)) {
        buf_clear(&w->body);
        w->status = 500;
        return;
    }
    w->status = status;
    w->content_type = "text/html; charset=utf-8";
    w->cacheable = status == 200;
}

void page_json(req *r, resp *w, const view *v, int status)
{
    json_render(&w->body, v);
    buf_putc(&w->body, '\n');
    w->status = status;
    w->content_type = "application/json; charset=utf-8";
    w->cacheable = status == 200;
}

/* --- URLs and paging --------------------------------------------------------- */

void url_segment(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            buf_putc(b, (char)*p);
        } else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

const char *article_url(arena *a, long long id, const char *slug)
{
    buf b;
    buf_init(&b, a);
    buf_printf(&b, "/article/%lld/", id);
    url_segment(&b, slug);
    return b.data;
}

const char *group_url(arena *a, const char *kind, const char *slug)
{
    buf b;
    buf_init(&b, a);
    buf_printf(&b, "/%s/", kind);
    url_segment(&b, slug);
    return b.data;
}

long long page_number(req *r)
{
    const char *p = req_query(r, "page");
    if (!p) return 1;
    long long n = 0;
    if (!*p || strlen(p) > 9) return 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        n = n * 10 + (*p - '0');
    }
    return n;
}

view *pager_view(arena *a, const char *base, long long page, long long pages)
{
    view *p = view_obj(a);
    view_set_int(a, p, "page", page);
    view_set_int(a, p, "pages", pages);
    if (page > 1)
        view_set_str(a, p, "prev", page == 2 ? base : arena_printf(a, "%s?page=%lld", base, page - 1));
    if (page < pages)
        view_set_str(a, p, "next", arena_printf(a, "%s?page=%lld", base, page + 1));
    view_set_bool(a, p, "many", pages > 1);
    return p;
}
