/* listing.c — the section and tag pages: GET /section/SLUG, /tag/SLUG,
 * newest first, paginated with ?page=N. listing_fill is shared with the
 * JSON API so both page the same way. */
#include "site/discovery.h"
#include "site/handlers.h"
#include "site/listing.h"
#include "site/page.h"

int listing_fill(req *r, resp *w, store *s, store_filter *f, const char *base,
                 view *into)
{
    long long page = page_number(r);
    if (page < 1) {
        w->status = 400;
        return -1;
    }
    f->limit = page_size();
    f->offset = (page - 1) * f->limit;
    store_article_list list;
    if (store_articles_list(s, r->a, f, &list)) {
        w->status = 500;
        return -1;
    }
    long long pages = (list.total + f->limit - 1) / f->limit;
    if (pages < 1) pages = 1;
    if (page > pages) {
        w->status = 400;
        return -1;
    }
    view *items = view_list(r->a);
    for (size_t i = 0; i < list.n; i++)
        view_push(r->a, items, article_card_view(r->a, &list.items[i]));
    view_set(r->a, into, "articles", items);
    view_set_int(r->a, into, "total", list.total);
    view_set(r->a, into, "pager", pager_view(r->a, base, page, pages));
    return 0;
}

/* One handler for both kinds: `kind` is "section" or "tag". */
static void group_page(req *r, resp *w, const char *kind)
{
    store *s = page_store(w);
    if (!s) return;
    store_group g;
    int rc = kind[0] == 's' ? store_section_by_slug(s, r->a, r->params[0], &g)
                            : store_tag_by_slug(s, r->a, r->params[0], &g);
    if (rc) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return;
    }
    view *root = page_root(r, s);
    view *group = group_view(r->a, kind, &g);
    view_set_str(r->a, group, "kind", page_t(kind));
    view_set(r->a, root, "group", group);
    view_set_str(r->a, root, "page_title", g.name);
    if (kind[0] == 's') page_mark_section(r->a, root, g.slug);
    view_set_bool(r->a, root, kind[0] == 's' ? "is_section" : "is_tag", true);
    view_set(r->a, root, "feeds", feed_links_view(r->a, kind, g.slug, g.name));
    store_filter f = { 0 };
    if (kind[0] == 's') f.section_id = g.id;
    else f.tag_id = g.id;
    if (listing_fill(r, w, s, &f, group_url(r->a, kind, g.slug), root)) return;
    page_html(r, w, "listing", root, 200);
}

void section_handle(req *r, resp *w)
{
    group_page(r, w, "section");
}

void tag_handle(req *r, resp *w)
{
    group_page(r, w, "tag");
}
