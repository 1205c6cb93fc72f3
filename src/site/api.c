/* api.c — the read-only JSON API, rendered from the same views as the
 * pages: /api/v1/articles (?section=SLUG&tag=SLUG&page=N),
 * /api/v1/articles/ID, /api/v1/sections. */
#include "site/comments.h"
#include "site/handlers.h"
#include "site/listing.h"
#include "site/page.h"

void api_articles_handle(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    store_filter f = { 0 };
    const char *section = req_query(r, "section"), *tag = req_query(r, "tag");
    store_group g;
    int rc;
    if (section && (rc = store_section_by_slug(s, r->a, section, &g))) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return;
    }
    if (section) f.section_id = g.id;
    if (tag && (rc = store_tag_by_slug(s, r->a, tag, &g))) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return;
    }
    if (tag) f.tag_id = g.id;
    if (f.section_id && f.tag_id) {
        w->status = 400;        /* one filter at a time, for now */
        return;
    }
    view *root = view_obj(r->a);
    if (listing_fill(r, w, s, &f, "/api/v1/articles", root)) return;
    page_json(r, w, root, 200);
}

void api_article_handle(req *r, resp *w)
{
    store *s = page_store(w);
    store_article ar;
    if (!s || article_from_url(r, w, s, &ar)) return;
    view *root = view_obj(r->a);
    view *av = article_full_view(r->a, &ar);
    article_see_also(r->a, s, &ar, av);    /* a failure only leaves the list out */
    comments_view(r, s, &ar, av, NULL, NULL);
    view_set(r->a, root, "article", av);
    page_json(r, w, root, 200);
}

void api_sections_handle(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    store_group *sections;
    size_t n;
    if (store_sections_list(s, r->a, true, &sections, &n)) {
        w->status = 500;
        return;
    }
    view *list = view_list(r->a);
    for (size_t i = 0; i < n; i++)
        view_push(r->a, list, group_view(r->a, "section", &sections[i]));
    view *root = view_obj(r->a);
    view_set(r->a, root, "sections", list);
    page_json(r, w, root, 200);
}
