/* feeds.c — RSS 2.0 and Atom feeds: GET /feed.xml, /atom.xml, and the same
 * under /section/SLUG/ and /tag/SLUG/.
 *
 * Written straight into the response with render/xml (no template: every
 * value is escaped by xml_escape, which also drops what XML cannot carry).
 * Items carry the headline, the article's URL (percent-encoded, as on the
 * site), a GUID that never changes (BASE/article/ID, which redirects to the
 * article however its slug changes), dates (RFC 822 in RSS, RFC 3339 in
 * Atom), the author, the section as category, the lead as summary and the
 * body as content unless the feed_full_text setting is 0. A configured
 * WebSub hub is advertised. Feeds are cacheable pages, so they are served
 * from the page cache with ETag and Last-Modified after the first request. */
#include <string.h>
#include <time.h>

#include "render/xml.h"
#include "site/discovery.h"
#include "site/handlers.h"
#include "site/page.h"
#include "text/dates.h"

typedef struct {
    const char *title;       /* channel title */
    const char *self;        /* absolute URL of this feed */
    const char *home;        /* absolute URL of the page it follows */
    store_article_list list;
    long long updated;       /* newest change among the items */
} feed;

static void put_rfc822(buf *b, const char *name, long long t)
{
    buf_printf(b, "<%s>", name);
    dates_rfc822(b, t);
    buf_printf(b, "</%s>\n", name);
}

static void put_iso(buf *b, const char *name, long long t)
{
    buf_printf(b, "<%s>", name);
    dates_iso8601(b, t);
    buf_printf(b, "</%s>\n", name);
}

static const char *guid_of(arena *a, const store_article *ar)
{
    return abs_url(a, arena_printf(a, "/article/%lld", ar->id));
}

static const char *summary_of(const store_article *ar)
{
    return ar->lead[0] ? ar->lead : ar->subtitle;
}

static void rss_item(arena *a, buf *b, const store_article *ar)
{
    buf_puts(b, "<item>\n");
    xml_element(b, "title", ar->title);
    xml_element(b, "link", abs_url(a, article_url(a, ar->id, ar->slug)));
    buf_puts(b, "<guid isPermaLink=\"true\">");
    xml_puts(b, guid_of(a, ar));
    buf_puts(b, "</guid>\n");
    put_rfc822(b, "pubDate", ar->published_at);
    if (ar->author[0]) xml_element(b, "dc:creator", ar->author);
    if (ar->section.id) {
        buf_puts(b, "<category domain=\"");
        xml_puts(b, abs_url(a, group_url(a, "section", ar->section.slug)));
        buf_puts(b, "\">");
        xml_puts(b, ar->section.name);
        buf_puts(b, "</category>\n");
    }
    xml_element(b, "description", summary_of(ar));
    if (ar->body_html[0]) xml_element(b, "content:encoded", ar->body_html);
    buf_puts(b, "</item>\n");
}

static void rss_write(arena *a, buf *b, const feed *f)
{
    const discovery_config *c = discovery();
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
                " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
                " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    xml_element(b, "title", f->title);
    xml_element(b, "link", f->home);
    xml_element(b, "description", page_site_description());
    xml_element(b, "language", c->lang);
    put_rfc822(b, "lastBuildDate", f->updated);
    xml_element(b, "generator", "midad");
    buf_puts(b, "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"");
    xml_puts(b, f->self);
    buf_puts(b, "\"/>\n");
    if (c->hub[0]) {
        buf_puts(b, "<atom:link rel=\"hub\" href=\"");
        xml_puts(b, c->hub);
        buf_puts(b, "\"/>\n");
    }
    for (size_t i = 0; i < f->list.n; i++) rss_item(a, b, &f->list.items[i]);
    buf_puts(b, "</channel>\n</rss>\n");
}

static void atom_link(buf *b, const char *rel, const char *type, const char *href)
{
    buf_printf(b, "<link rel=\"%s\"", rel);
    if (type) buf_printf(b, " type=\"%s\"", type);
    buf_puts(b, " href=\"");
    xml_puts(b, href);
    buf_puts(b, "\"/>\n");
}

static void atom_entry(arena *a, buf *b, const store_article *ar)
{
    buf_puts(b, "<entry>\n");
    xml_element(b, "title", ar->title);
    atom_link(b, "alternate", "text/html", abs_url(a, article_url(a, ar->id, ar->slug)));
    xml_element(b, "id", guid_of(a, ar));
    put_iso(b, "published", ar->published_at);
    put_iso(b, "updated", ar->updated_at > ar->published_at ? ar->updated_at : ar->published_at);
    if (ar->author[0]) {
        buf_puts(b, "<author>");
        xml_element(b, "name", ar->author);
        buf_puts(b, "</author>\n");
    }
    if (ar->section.id) {
        buf_puts(b, "<category term=\"");
        xml_puts(b, ar->section.slug);
        buf_puts(b, "\" label=\"");
        xml_puts(b, ar->section.name);
        buf_puts(b, "\" scheme=\"");
        xml_puts(b, abs_url(a, "/section/"));
        buf_puts(b, "\"/>\n");
    }
    buf_puts(b, "<summary type=\"text\">");
    xml_puts(b, summary_of(ar));
    buf_puts(b, "</summary>\n");
    if (ar->body_html[0]) {
        buf_puts(b, "<content type=\"html\">");
        xml_puts(b, ar->body_html);
        buf_puts(b, "</content>\n");
    }
    buf_puts(b, "</entry>\n");
}

static void atom_write(arena *a, buf *b, const feed *f)
{
    const discovery_config *c = discovery();
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    xml_puts(b, c->lang);
    buf_puts(b, "\">\n");
    xml_element(b, "title", f->title);
    if (page_site_description()[0]) xml_element(b, "subtitle", page_site_description());
    xml_element(b, "id", f->self);
    atom_link(b, "self", "application/atom+xml", f->self);
    atom_link(b, "alternate", "text/html", f->home);
    if (c->hub[0]) atom_link(b, "hub", NULL, c->hub);
    put_iso(b, "updated", f->updated);
    buf_puts(b, "<author>");
    xml_element(b, "name", page_site_name());
    buf_puts(b, "</author>\n");
    xml_element(b, "generator", "midad");
    for (size_t i = 0; i < f->list.n; i++) atom_entry(a, b, &f->list.items[i]);
    buf_puts(b, "</feed>\n");
}

/* Load the group named in the URL (when kind is not NULL) and the items. */
static int feed_load(req *r, resp *w, store *s, const char *kind, bool atom, feed *f)
{
    const discovery_config *c = discovery();
    store_feed_query q = { .limit = c->feed_items, .with_body = c->full_text };
    const char *page = "/";
    f->title = page_site_name();
    if (kind) {
        store_group g;
        int rc = kind[0] == 's' ? store_section_by_slug(s, r->a, r->params[0], &g)
                                : store_tag_by_slug(s, r->a, r->params[0], &g);
        if (rc) {
            w->status = rc == STORE_NOT_FOUND ? 404 : 500;
            return -1;
        }
        if (kind[0] == 's') q.section_id = g.id;
        else q.tag_id = g.id;
        page = group_url(r->a, kind, g.slug);
        f->title = arena_printf(r->a, "%s — %s", page_site_name(), g.name);
    }
    f->home = abs_url(r->a, page);
    f->self = abs_url(r->a, arena_printf(r->a, "%s%s", kind ? page : "",
                                         atom ? "/atom.xml" : "/feed.xml"));
    if (store_feed_articles(s, r->a, &q, &f->list)) {
        w->status = 500;
        return -1;
    }
    f->updated = 0;
    for (size_t i = 0; i < f->list.n; i++) {
        const store_article *ar = &f->list.items[i];
        long long t = ar->updated_at > ar->published_at ? ar->updated_at : ar->published_at;
        if (t > f->updated) f->updated = t;
    }
    if (!f->list.n) f->updated = (long long)time(NULL);
    return 0;
}

void feed_finish(req *r, resp *w, const char *content_type)
{
    buf lm;
    buf_init(&lm, r->a);
    dates_rfc822(&lm, (long long)time(NULL));
    w->status = 200;
    w->content_type = content_type;
    w->last_modified = lm.data;
    w->cacheable = true;
}

static void feed_page(req *r, resp *w, const char *kind, bool atom)
{
    store *s = page_store(w);
    feed f;
    if (!s || feed_load(r, w, s, kind, atom, &f)) return;
    if (atom) atom_write(r->a, &w->body, &f);
    else rss_write(r->a, &w->body, &f);
    feed_finish(r, w, atom ? "application/atom+xml; charset=utf-8"
                           : "application/rss+xml; charset=utf-8");
}

void feed_rss_handle(req *r, resp *w) { feed_page(r, w, NULL, false); }
void feed_atom_handle(req *r, resp *w) { feed_page(r, w, NULL, true); }
void section_rss_handle(req *r, resp *w) { feed_page(r, w, "section", false); }
void section_atom_handle(req *r, resp *w) { feed_page(r, w, "section", true); }
void tag_rss_handle(req *r, resp *w) { feed_page(r, w, "tag", false); }
void tag_atom_handle(req *r, resp *w) { feed_page(r, w, "tag", true); }
