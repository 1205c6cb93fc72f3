/* sitemap.c — what crawlers read: GET /sitemap.xml (a sitemap index),
 * /sitemaps/site.xml (home, sections, tags), /sitemaps/articles-N.xml
 * (the published articles with ids in the Nth block of sitemap_page_size:
 * never more than the protocol's 50,000, and an article never moves), /news-sitemap.xml (Google News: stories of the last
 * 48 hours, at most 1,000) and /robots.txt pointing at both.
 *
 * URLs are absolute and percent-encoded exactly as the site's own links.
 * Every answer is a cacheable page: generated once, then served from the
 * page cache until the next write. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/xml.h"
#include "site/discovery.h"
#include "site/handlers.h"
#include "site/page.h"
#include "text/dates.h"

#define SITEMAP_MAX_URLS 50000
#define NEWS_MAX 1000
#define NEWS_WINDOW (48 * 3600)

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
static const char ns_sitemap[] = "http://www.sitemaps.org/schemas/sitemap/0.9";

typedef struct {
    buf *b;
    const char *kind;        /* "section", "tag", or NULL for articles */
    long long n;             /* URLs written */
} url_ctx;

static void put_lastmod(buf *b, long long t)
{
    if (t <= 0) return;
    buf_puts(b, "<lastmod>");
    dates_iso8601_utc(b, t);
    buf_puts(b, "</lastmod>");
}

/* One <url>, written straight into the page: the base URL is checked ASCII
 * without markup characters and url_segment leaves only [A-Za-z0-9-_.~%],
 * so nothing here needs escaping and no memory is taken per URL. */
static int url_row(void *ctx, long long id, const char *slug, long long lastmod)
{
    url_ctx *x = ctx;
    buf_puts(x->b, "<url><loc>");
    buf_puts(x->b, discovery()->base);
    if (x->kind) buf_printf(x->b, "/%s/", x->kind);
    else buf_printf(x->b, "/article/%lld/", id);
    url_segment(x->b, slug);
    buf_puts(x->b, "</loc>");
    put_lastmod(x->b, lastmod);
    buf_puts(x->b, "</url>\n");
    x->n++;
    return 0;
}

static void sitemap_entry(buf *b, const char *path, long long lastmod)
{
    buf_printf(b, "<sitemap><loc>%s%s</loc>", discovery()->base, path);
    put_lastmod(b, lastmod);
    buf_puts(b, "</sitemap>\n");
}

void sitemap_index_handle(req *r, resp *w)
{
    store *s = page_store(w);
    long long *pages, *lastmod, latest;
    size_t n;
    if (!s) return;
    if (store_sitemap_pages(s, r->a, discovery()->sitemap_page, &pages, &lastmod, &n) ||
        store_latest_published(s, &latest)) {
        w->status = 500;
        return;
    }
    buf *b = &w->body;
    buf_printf(b, "%s<sitemapindex xmlns=\"%s\">\n", xml_decl, ns_sitemap);
    sitemap_entry(b, "/sitemaps/site.xml", latest);
    for (size_t i = 0; i < n; i++)
        sitemap_entry(b, arena_printf(r->a, "/sitemaps/articles-%lld.xml", pages[i]), lastmod[i]);
    buf_puts(b, "</sitemapindex>\n");
    feed_finish(r, w, "application/xml; charset=utf-8");
}

/* The page number of "articles-N.xml", or 0. */
static long long article_page_of(const char *name)
{
    if (strncmp(name, "articles-", 9) != 0) return 0;
    const char *p = name + 9;
    long long n = 0;
    if (*p < '1' || *p > '9') return 0;
    for (; *p >= '0' && *p <= '9' && n < 100000000; p++) n = n * 10 + (*p - '0');
    return strcmp(p, ".xml") == 0 ? n : 0;
}

/* Home, sections and tags: at most SITEMAP_MAX_URLS in all. */
static int site_urls(store *s, buf *b)
{
    long long latest;
    if (store_latest_published(s, &latest)) return -1;
    buf_puts(b, "<url><loc>");
    buf_puts(b, discovery()->base);
    buf_puts(b, "/</loc>");
    put_lastmod(b, latest);
    buf_puts(b, "</url>\n");
    url_ctx sx = { b, "section", 0 }, tx = { b, "tag", 0 };
    if (store_sitemap_groups(s, false, SITEMAP_MAX_URLS - 1, url_row, &sx)) return -1;
    long long left = SITEMAP_MAX_URLS - 1 - sx.n;
    return left > 0 ? store_sitemap_groups(s, true, left, url_row, &tx) : 0;
}

void sitemap_page_handle(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    const discovery_config *c = discovery();
    const char *name = r->params[0];
    long long page = article_page_of(name);
    buf *b = &w->body;
    buf_printf(b, "%s<urlset xmlns=\"%s\">\n", xml_decl, ns_sitemap);
    int rc;
    if (strcmp(name, "site.xml") == 0) {
        rc = site_urls(s, b);
    } else if (page > 0) {
        url_ctx x = { b, NULL, 0 };
        rc = store_sitemap_articles(s, page, c->sitemap_page, url_row, &x);
        if (!rc && x.n == 0) {
            buf_clear(b);
            w->status = 404;
            return;
        }
    } else {
        buf_clear(b);
        w->status = 404;
        return;
    }
    if (rc) {
        buf_clear(b);
        w->status = 500;
        return;
    }
    buf_puts(b, "</urlset>\n");
    feed_finish(r, w, "application/xml; charset=utf-8");
}

static void news_url(buf *b, const store_article *ar)
{
    const discovery_config *c = discovery();
    buf_puts(b, "<url><loc>");
    buf_puts(b, c->base);
    buf_printf(b, "/article/%lld/", ar->id);
    url_segment(b, ar->slug);
    buf_puts(b, "</loc>\n<news:news><news:publication><news:name>");
    xml_puts(b, page_site_name());
    buf_puts(b, "</news:name><news:language>");
    xml_puts(b, c->lang);
    buf_puts(b, "</news:language></news:publication>\n<news:publication_date>");
    dates_iso8601(b, ar->published_at);
    buf_puts(b, "</news:publication_date>\n<news:title>");
    xml_puts(b, ar->title);
    buf_puts(b, "</news:title></news:news></url>\n");
}

void news_sitemap_handle(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    store_feed_query q = { .since = (long long)time(NULL) - NEWS_WINDOW, .limit = NEWS_MAX };
    store_article_list list;
    if (store_feed_articles(s, r->a, &q, &list)) {
        w->status = 500;
        return;
    }
    buf *b = &w->body;
    buf_printf(b, "%s<urlset xmlns=\"%s\"\n"
                  " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
               xml_decl, ns_sitemap);
    for (size_t i = 0; i < list.n; i++) news_url(b, &list.items[i]);
    buf_puts(b, "</urlset>\n");
    feed_finish(r, w, "application/xml; charset=utf-8");
}

void robots_handle(req *r, resp *w)
{
    const char *base = discovery()->base;
    buf_printf(&w->body,
               "# midad: every page may be crawled but the back office and search results.\n"
               "User-agent: *\nDisallow: /admin/\nDisallow: /search\n\n"
               "Sitemap: %s/sitemap.xml\nSitemap: %s/news-sitemap.xml\n", base, base);
    feed_finish(r, w, "text/plain; charset=utf-8");
}
