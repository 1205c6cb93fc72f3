/* discovery.h — private to src/site/: what feeds, sitemaps, the article's
 * meta tags and WebSub share: the site's absolute base URL, the feed
 * settings, absolute and percent-encoded URLs, and the feed links a page
 * advertises. Settings are read once, by site_init. */
#ifndef MIDAD_DISCOVERY_H
#define MIDAD_DISCOVERY_H

#include <stdbool.h>

#include "core/arena.h"
#include "http/http.h"
#include "render/view.h"
#include "store/store.h"

typedef struct {
    const char *base;        /* "https://news.example" (no trailing slash) */
    const char *lang;        /* "ar" */
    const char *og_locale;   /* "ar_AR", or "" */
    const char *hub;         /* WebSub hub URL, or "" when none */
    bool full_text;          /* feeds carry the body, not only the lead */
    int feed_items;          /* items per feed */
    long long sitemap_page;  /* URLs per article sitemap (≤ 50,000) */
} discovery_config;

/* Read the settings (base_url, feed_full_text, feed_items, websub_hub,
 * sitemap_page_size, og_locale) from `s` into memory from `a`, which lives
 * as long as the site. Returns 0, or -1 with a message on a bad value. */
int discovery_init(store *s, arena *a, char *err, size_t errlen);

/* The settings, read-only after start-up. */
const discovery_config *discovery(void);

/* base + path ("/article/1/x" → "https://news.example/article/1/x"). */
const char *abs_url(arena *a, const char *path);

/* An http(s) URL from outside (a source's link, possibly an IRI with raw
 * Arabic) with every byte of its path, query and fragment that a URI
 * cannot carry percent-encoded; existing %XX escapes are kept. */
const char *uri_from_iri(arena *a, const char *iri);

/* The <link rel="alternate"> list of a page: the site's RSS and Atom feeds,
 * and those of the section or tag `kind`/`slug` (named `name`) when kind
 * is not NULL. Each item has type, title and url (a path). */
view *feed_links_view(arena *a, const char *kind, const char *slug, const char *name);

/* Finish w as a cacheable 200 of `content_type` with Last-Modified now (the
 * cache is dropped on every write, so the page is unchanged since). */
void feed_finish(req *r, resp *w, const char *content_type);

/* The article page's discovery data on `root`: canonical, og (Open Graph
 * and Twitter card values) and jsonld (a NewsArticle, trusted because
 * render/json escapes < > & inside strings). */
void meta_article(arena *a, view *root, const store_article *ar);

#endif
