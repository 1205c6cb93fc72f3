/* site.c — the public site's routes, start-up and error pages.
 *
 * Start here to follow a request: site_routes maps each URL to the handler
 * that serves it; every handler lives in a file named for its page. */
#include "site/site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/comments.h"
#include "site/handlers.h"
#include "site/page.h"
#include "site/websub.h"

const route site_routes[] = {
    { HTTP_GET, "/", home_handle },
    { HTTP_GET, "/article/:id", article_handle },
    { HTTP_GET, "/article/:id/:slug", article_handle },
    { HTTP_GET, "/section/:slug", section_handle },
    { HTTP_GET, "/tag/:slug", tag_handle },
    { HTTP_POST, "/article/:id/comments", comment_post_handle },
    { HTTP_GET, "/api/v1/articles", api_articles_handle },
    { HTTP_GET, "/api/v1/articles/:id", api_article_handle },
    { HTTP_GET, "/api/v1/sections", api_sections_handle },
    { HTTP_GET, "/healthz", health_handle },
    { HTTP_GET, "/static/*", static_handle },
    { HTTP_GET, "/feed.xml", feed_rss_handle },
    { HTTP_GET, "/atom.xml", feed_atom_handle },
    { HTTP_GET, "/section/:slug/feed.xml", section_rss_handle },
    { HTTP_GET, "/section/:slug/atom.xml", section_atom_handle },
    { HTTP_GET, "/tag/:slug/feed.xml", tag_rss_handle },
    { HTTP_GET, "/tag/:slug/atom.xml", tag_atom_handle },
    { HTTP_GET, "/sitemap.xml", sitemap_index_handle },
    { HTTP_GET, "/sitemaps/:name", sitemap_page_handle },
    { HTTP_GET, "/news-sitemap.xml", news_sitemap_handle },
    { HTTP_GET, "/robots.txt", robots_handle },
    { HTTP_GET, "/search", search_handle },
    { HTTP_GET, "/api/v1/search", api_search_handle },
};
const size_t site_n_routes = sizeof site_routes / sizeof site_routes[0];

/* The locale keys of each error's title and message. */
static const char *error_key(int status)
{
    switch (status) {
    case 400: return "error_400";
    case 404: return "error_404";
    case 405: return "error_405";
    case 403: return "error_403";
    case 413: return "error_413";
    case 415: return "error_415";
    case 429: return "error_429";
    case 503: return "error_503";
    default: return "error_500";
    }
}

void site_error_page(req *r, resp *w, int status)
{
    const char *key = error_key(status);
    const char *title = page_t(arena_printf(r->a, "%s_title", key));
    const char *message = page_t(arena_printf(r->a, "%s_message", key));
    if (page_is_api(r)) {
        view *err = view_obj(r->a);
        view_set_int(r->a, err, "status", status);
        view_set_str(r->a, err, "title", title);
        view_set_str(r->a, err, "message", message);
        view *root = view_obj(r->a);
        view_set(r->a, root, "error", err);
        page_json(r, w, root, status);
    } else {
        /* a broken database must not stop the error page: no menu then */
        store *s = status == 503 ? NULL : store_for_thread();
        view *root = page_root(r, s);
        view_set_int(r->a, root, "status", status);
        view_set_str(r->a, root, "title", title);
        view_set_str(r->a, root, "page_title", title);
        view_set_str(r->a, root, "message", message);
        page_html(r, w, "error", root, status);
    }
    w->cacheable = false;
}

/* Called from the server's watcher thread only (its own connection);
 * site_init records the generation it starts from, so a write made before
 * the first tick is noticed too. */
static long long last_generation = -1;

void site_generation_seen(store *s)
{
    last_generation = store_generation(s);
    websub_watch(s);            /* the stories WebSub compares against */
}

int site_data_changed(void)
{
    store *s = store_for_thread();
    long long g = s ? store_generation(s) : -1;
    if (g < 0) return 0;
    int changed = last_generation >= 0 && g != last_generation;
    if (changed) websub_watch(s);   /* pings new stories */
    if (changed) site_settings_reload(s);   /* saved from the settings page */
    last_generation = g;
    return changed;
}
