/* page.h — private to src/site/: what every handler shares.
 *
 * The page root (site name, interface strings, sections menu), turning a
 * view into HTML or JSON, article views, URLs and page numbers. */
#ifndef MIDAD_PAGE_H
#define MIDAD_PAGE_H

#include <stdbool.h>

#include "http/http.h"
#include "render/view.h"
#include "store/store.h"

/* Remember the generation the pages are made from (site_init). */
void site_generation_seen(store *s);

/* This thread's database handle; on failure sets a 503 on w and returns NULL. */
store *page_store(resp *w);

/* A new root view: site, t (interface strings), nav (sections), lang, dir. */
view *page_root(req *r, store *s);
/* Mark the section `slug` as the current page in the root's menu. */
void page_mark_section(arena *a, view *root, const char *slug);
/* Render template `name` with `root` into w as a cacheable HTML page. */
void page_html(req *r, resp *w, const char *name, view *root, int status);
/* Write `v` into w as a cacheable JSON answer. */
void page_json(req *r, resp *w, const view *v, int status);
/* True for requests under /api/. */
bool page_is_api(const req *r);

/* The interface string for key (the key itself when missing). */
const char *page_t(const char *key);
/* The site's name and description as the settings say now (they change
 * without a restart; valid until the request ends). */
const char *page_site_name(void);
const char *page_site_description(void);
/* The string "PREFIX_<plural category of n>" with {n} replaced by n:
 * page_plural(a, "reading_time", 4) → "4 دقائق للقراءة". */
const char *page_plural(arena *a, const char *prefix, long long n);

/* Append `s` percent-encoded as one path segment (all but A-Z a-z 0-9 - _ . ~). */
void url_segment(buf *b, const char *s);
/* "/article/ID/SLUG" with the slug percent-encoded. */
const char *article_url(arena *a, long long id, const char *slug);
/* "/section/SLUG" or "/tag/SLUG", percent-encoded. */
const char *group_url(arena *a, const char *kind, const char *slug);
/* A card: id, url, title, lead, section, author, dates. */
view *article_card_view(arena *a, const store_article *ar);
/* Everything on the article page: card fields plus body, tags, source,
 * reading time. */
view *article_full_view(arena *a, const store_article *ar);
/* Set "see_also" on the article view av: up to STORE_RELATED_SHOWN
 * stories read from the stored list (never computed here). */
int article_see_also(arena *a, store *s, const store_article *ar, view *av);
/* A section or tag: name, slug, url, count. */
view *group_view(arena *a, const char *kind, const store_group *g);

/* The ?page= number: 1 when absent, 0 when not a positive integer. */
long long page_number(req *r);
/* The pager for `page` of `pages` at `base` ("/section/x"). */
view *pager_view(arena *a, const char *base, long long page, long long pages);
/* Articles per listing page (a site setting). */
int page_size(void);

#endif
