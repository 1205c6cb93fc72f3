/* article.c — the article page: GET /article/ID/SLUG.
 *
 * A missing or outdated slug redirects (301) to the canonical URL, so links
 * keep working when a headline changes. The comments area comes from
 * comments.c; the "see also" area is read from the stored list (views.c). */
#include <string.h>

#include "site/comments.h"
#include "site/discovery.h"
#include "site/handlers.h"
#include "site/page.h"

/* The article id from the URL, or 0 when it is not a plain positive number. */
static long long parse_id(const char *s)
{
    long long id = 0;
    if (!s || !*s || strlen(s) > 15 || s[0] == '0') return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return 0;
        id = id * 10 + (*s - '0');
    }
    return id;
}

/* Load the article named by the URL into *ar; sets w->status on failure. */
int article_from_url(req *r, resp *w, store *s, store_article *ar)
{
    long long id = parse_id(r->params[0]);
    if (!id) {
        w->status = 404;
        return -1;
    }
    int rc = store_article_get(s, r->a, id, ar);
    if (rc) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return -1;
    }
    return 0;
}

void article_handle(req *r, resp *w)
{
    store *s = page_store(w);
    store_article ar;
    if (!s || article_from_url(r, w, s, &ar)) return;
    if (r->n_params < 2 || strcmp(r->params[1], ar.slug) != 0) {
        resp_redirect(r, w, 301, article_url(r->a, ar.id, ar.slug));
        return;
    }
    view *root = page_root(r, s);
    view *av = article_full_view(r->a, &ar);
    article_see_also(r->a, s, &ar, av);    /* a failure only leaves the block out */
    comments_view(r, s, &ar, av, NULL, NULL);
    view_set(r->a, root, "article", av);
    view_set_str(r->a, root, "page_title", ar.title);
    if (ar.section.id) page_mark_section(r->a, root, ar.section.slug);
    view_set_str(r->a, root, "page_description", ar.lead);
    meta_article(r->a, root, &ar);     /* canonical, Open Graph, JSON-LD */
    page_html(r, w, "article", root, 200);
}
