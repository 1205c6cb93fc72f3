/* search.c — the search page, GET /search?q=&section=&from=&to=&page=, and
 * the same view as JSON at /api/v1/search.
 *
 * The query is parsed by text/query (never passed to FTS5 as syntax),
 * ranked by store_search, and each hit gets a snippet of its original text
 * with the matched words in <mark>, built here from the analysis pipeline's
 * byte offsets (see snippet.c). An empty query or one without results is a
 * helpful 200 page, not an error. */
#include <string.h>

#include "core/utf8.h"
#include "site/handlers.h"
#include "site/page.h"
#include "site/snippet.h"
#include "text/dates.h"
#include "text/query.h"

typedef struct {
    const char *q, *section, *from, *to;   /* as given, "" when absent */
    long long section_id, from_t, to_t;
} search_params;

static const char *param(req *r, const char *name)
{
    const char *v = req_query(r, name);
    return v && utf8_valid(v, strlen(v)) ? v : "";
}

/* A YYYY-MM-DD date (start or end of that day in the site's zone); an
 * empty or malformed one is no limit and is dropped from the form. */
static long long day_bound(arena *a, const char **s, bool end)
{
    long long t;
    if (strlen(*s) != 10 ||
        dates_parse(end ? arena_printf(a, "%s 23:59:59", *s) : *s,
                    end ? 19 : 10, &t)) {
        *s = "";
        return 0;
    }
    return t;
}

static void read_params(req *r, store *s, search_params *p)
{
    p->q = param(r, "q");
    p->section = param(r, "section");
    p->from = param(r, "from");
    p->to = param(r, "to");
    p->section_id = 0;
    store_group g;
    if (p->section[0] && store_section_by_slug(s, r->a, p->section, &g) == 0)
        p->section_id = g.id;
    else
        p->section = "";
    p->from_t = day_bound(r->a, &p->from, false);
    p->to_t = day_bound(r->a, &p->to, true);
}

/* "&name=value" percent-encoded, when value is set. */
static void url_param(buf *b, const char *name, const char *value)
{
    if (!value[0]) return;
    buf_printf(b, "%c%s=", b->len ? '&' : '?', name);
    url_segment(b, value);
}

static const char *search_url(arena *a, const search_params *p, long long page)
{
    buf b;
    buf_init(&b, a);
    url_param(&b, "q", p->q);
    url_param(&b, "section", p->section);
    url_param(&b, "from", p->from);
    url_param(&b, "to", p->to);
    if (page > 1) buf_printf(&b, "%cpage=%lld", b.len ? '&' : '?', page);
    return arena_printf(a, "/search%s", b.len ? b.data : "");
}

/* The form's current values and the sections to choose from. */
static view *filters_view(req *r, store *s, const search_params *p)
{
    view *f = view_obj(r->a);
    view_set_str(r->a, f, "section", p->section);
    view_set_str(r->a, f, "from", p->from);
    view_set_str(r->a, f, "to", p->to);
    view *list = view_list(r->a);
    store_group *sections;
    size_t n;
    if (store_sections_list(s, r->a, false, &sections, &n) == 0) {
        for (size_t i = 0; i < n; i++) {
            view *sv = group_view(r->a, "section", &sections[i]);
            view_set_bool(r->a, sv, "selected", sections[i].id == p->section_id);
            view_push(r->a, list, sv);
        }
    }
    view_set(r->a, f, "sections", list);
    return f;
}

/* The results list: cards with a highlighted headline and snippet. */
static view *results_view(arena *a, const query *q, const store_search_result *res)
{
    view *list = view_list(a);
    snippet_terms *terms = snippet_terms_new(a, q);
    for (size_t i = 0; i < res->n; i++) {
        const store_article *ar = &res->items[i];
        view *v = article_card_view(a, ar);
        str title = snippet_highlight(a, terms, ar->title, strlen(ar->title));
        view_set(a, v, "title_html", view_html(a, title.ptr, title.len));
        str snip = snippet_make(a, terms, ar->lead, res->texts[i]);
        view_set(a, v, "snippet", view_html(a, snip.ptr, snip.len));
        view_push(a, list, v);
    }
    return list;
}

/* Run the search for page `page`; sets results, total and pager on v. */
static int fill_results(req *r, resp *w, store *s, const search_params *p, const query *q,
                        view *v)
{
    long long page = page_number(r);
    int limit = page_size();
    long long max_page = (STORE_SEARCH_MAX + limit - 1) / limit;
    if (page < 1 || page > max_page) {
        w->status = 400;
        return -1;
    }
    store_search_query sq = { .match = q->match, .terms = q->positive, .n_terms = q->n_positive,
                              .section_id = p->section_id, .from = p->from_t, .to = p->to_t,
                              .limit = limit, .offset = (page - 1) * limit };
    store_search_result res;
    if (store_search(s, r->a, &sq, &res)) {
        w->status = 500;
        return -1;
    }
    long long pages = (res.total + limit - 1) / limit;
    if (pages > max_page) pages = max_page;
    if (pages < 1) pages = 1;
    if (page > pages) {
        w->status = 400;
        return -1;
    }
    view_set(r->a, v, "results", results_view(r->a, q, &res));
    view_set_int(r->a, v, "total", res.total);
    view_set_bool(r->a, v, "more", res.more);
    view_set_str(r->a, v, "total_text",
                 res.more ? page_plural(r->a, "search_results_more", res.total)
                          : page_plural(r->a, "search_results", res.total));
    view *pager = pager_view(r->a, "/search", page, pages);
    if (page > 1) view_set_str(r->a, pager, "prev", search_url(r->a, p, page - 1));
    if (page < pages) view_set_str(r->a, pager, "next", search_url(r->a, p, page + 1));
    view_set(r->a, v, "pager", pager);
    view_set_bool(r->a, v, "no_results", res.total == 0);
    return 0;
}

/* The search view shared by the page and the API; NULL when w has a status. */
static view *search_view(req *r, resp *w, store *s)
{
    search_params p;
    read_params(r, s, &p);
    query q;
    query_parse(r->a, p.q, strlen(p.q), &q);
    view *v = view_obj(r->a);
    view_set_str(r->a, v, "query", p.q);
    view_set(r->a, v, "filters", filters_view(r, s, &p));
    view_set_bool(r->a, v, "has_query", p.q[0] != '\0');
    view_set_int(r->a, v, "ignored_words", (long long)q.n_dropped);
    if (!q.match) {
        /* nothing to search for: no words, only stop words, or only -words */
        view_set(r->a, v, "results", view_list(r->a));
        view_set_int(r->a, v, "total", 0);
        view_set_bool(r->a, v, "nothing_to_search", p.q[0] != '\0');
        return v;
    }
    return fill_results(r, w, s, &p, &q, v) ? NULL : v;
}

void search_handle(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    view *v = search_view(r, w, s);
    if (!v) return;
    view *root = page_root(r, s);
    view_set(r->a, root, "search", v);
    view_set_bool(r->a, root, "is_search", true);
    const char *q = view_get(v, "query")->s;
    view_set_str(r->a, root, "page_title",
                 q[0] ? arena_printf(r->a, "%s: %s", page_t("search_title"), q)
                      : page_t("search_title"));
    page_html(r, w, "search", root, 200);
}

void api_search_handle(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    view *v = search_view(r, w, s);
    if (v) page_json(r, w, v, 200);
}
