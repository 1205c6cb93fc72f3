/* meta.c — what an article page tells search engines and share cards:
 * rel="canonical", Open Graph and Twitter card values, and a schema.org
 * NewsArticle as JSON-LD. The JSON is made by render/json from a view, so
 * its strings are escaped for a <script> data block (< > & as \u003c…);
 * that is why it may be marked trusted (view_html) here. */
#include <string.h>

#include "render/json.h"
#include "site/discovery.h"
#include "site/page.h"
#include "text/dates.h"

static const char *iso_date(arena *a, long long t)
{
    buf b;
    buf_init(&b, a);
    if (dates_iso8601(&b, t)) return "";
    return b.data;
}

/* The page's canonical URL: the original outlet's, when the story is a
 * syndicated copy whose source asked for it, else this site's own. */
static const char *canonical_of(arena *a, const store_article *ar)
{
    if (ar->canonical_url && ar->canonical_url[0]) return uri_from_iri(a, ar->canonical_url);
    return abs_url(a, article_url(a, ar->id, ar->slug));
}

static view *typed(arena *a, const char *type, const char *name)
{
    view *v = view_obj(a);
    view_set_str(a, v, "@type", type);
    view_set_str(a, v, "name", name);
    return v;
}

static view *publisher(arena *a)
{
    view *p = typed(a, "Organization", page_site_name());
    view_set_str(a, p, "url", abs_url(a, "/"));
    return p;
}

/* The source a story is based on: a CreativeWork with the outlet's name. */
static view *based_on(arena *a, const store_article *ar)
{
    view *v = typed(a, "CreativeWork", ar->source_name);
    if (ar->source_url[0]) view_set_str(a, v, "url", uri_from_iri(a, ar->source_url));
    view_set(a, v, "publisher", typed(a, "Organization", ar->source_name));
    return v;
}

static view *news_article(arena *a, const store_article *ar, const char *own,
                          const char *canonical)
{
    const discovery_config *c = discovery();
    view *v = view_obj(a);
    view_set_str(a, v, "@context", "https://schema.org");
    view_set_str(a, v, "@type", "NewsArticle");
    view_set_str(a, v, "headline", ar->title);
    view_set_str(a, v, "description", ar->lead[0] ? ar->lead : ar->subtitle);
    view_set_str(a, v, "datePublished", iso_date(a, ar->published_at));
    view_set_str(a, v, "dateModified",
                 iso_date(a, ar->updated_at > ar->published_at ? ar->updated_at : ar->published_at));
    view_set(a, v, "author", ar->author[0] ? typed(a, "Person", ar->author) : publisher(a));
    view_set(a, v, "publisher", publisher(a));
    if (ar->section.id) view_set_str(a, v, "articleSection", ar->section.name);
    if (ar->n_tags) {
        view *k = view_list(a);
        for (size_t i = 0; i < ar->n_tags; i++) view_push(a, k, view_str(a, ar->tags[i].name));
        view_set(a, v, "keywords", k);
    }
    view_set_str(a, v, "inLanguage", c->lang);
    view_set_str(a, v, "url", own);
    view_set_str(a, v, "mainEntityOfPage", canonical);
    view_set_int(a, v, "wordCount", ar->word_count);
    if (ar->source_name[0]) view_set(a, v, "isBasedOn", based_on(a, ar));
    return v;
}

static view *open_graph(arena *a, const store_article *ar, const char *own)
{
    const discovery_config *c = discovery();
    view *og = view_obj(a);
    view_set_str(a, og, "title", ar->title);
    view_set_str(a, og, "description", ar->lead[0] ? ar->lead : ar->subtitle);
    view_set_str(a, og, "url", own);
    view_set_str(a, og, "site_name", page_site_name());
    view_set_str(a, og, "locale", c->og_locale);
    view_set_str(a, og, "published", iso_date(a, ar->published_at));
    if (ar->updated_at > ar->published_at)
        view_set_str(a, og, "modified", iso_date(a, ar->updated_at));
    if (ar->section.id) view_set_str(a, og, "section", ar->section.name);
    view *tags = view_list(a);
    for (size_t i = 0; i < ar->n_tags; i++) view_push(a, tags, view_str(a, ar->tags[i].name));
    view_set(a, og, "tags", tags);
    return og;
}

void meta_article(arena *a, view *root, const store_article *ar)
{
    const char *own = abs_url(a, article_url(a, ar->id, ar->slug));
    const char *canonical = canonical_of(a, ar);
    view_set_str(a, root, "canonical", canonical);
    view_set(a, root, "og", open_graph(a, ar, own));
    buf json;
    buf_init(&json, a);
    json_render(&json, news_article(a, ar, own, canonical));
    view_set(a, root, "jsonld", view_html(a, json.data, json.len));
}
