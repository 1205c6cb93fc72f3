/* views.c — articles, sections and tags as views: the one shape that both
 * the HTML pages and the JSON API are rendered from. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "site/page.h"
#include "text/dates.h"
#include "text/excerpt.h"

view *group_view(arena *a, const char *kind, const store_group *g)
{
    view *v = view_obj(a);
    view_set_str(a, v, "name", g->name);
    view_set_str(a, v, "slug", g->slug);
    view_set_str(a, v, "url", group_url(a, kind, g->slug));
    view_set_int(a, v, "count", g->count);
    return v;
}

/* A date as {iso, gregorian}, and with `full` also {hijri, time}: only
 * the article itself shows those, and the Umm al-Qura calendar is the
 * costliest thing on a page (~15 µs a date). */
static view *date_view(arena *a, long long t, bool full)
{
    view *v = view_obj(a);
    buf b;
    buf_init(&b, a);
    dates_iso8601(&b, t);
    view_set(a, v, "iso", view_strn(a, b.data, b.len));
    buf_init(&b, a);
    dates_gregorian(&b, t);
    view_set(a, v, "gregorian", view_strn(a, b.data, b.len));
    if (!full) return v;
    buf_init(&b, a);
    dates_hijri(&b, t);
    view_set(a, v, "hijri", view_strn(a, b.data, b.len));
    buf_init(&b, a);
    dates_time(&b, t);
    view_set(a, v, "time", view_strn(a, b.data, b.len));
    return v;
}

view *article_card_view(arena *a, const store_article *ar)
{
    view *v = view_obj(a);
    view_set_int(a, v, "id", ar->id);
    view_set_str(a, v, "url", article_url(a, ar->id, ar->slug));
    view_set_str(a, v, "slug", ar->slug);
    view_set_str(a, v, "title", ar->title);
    view_set_str(a, v, "subtitle", ar->subtitle);
    view_set_str(a, v, "lead", ar->lead);
    view_set_str(a, v, "author", ar->author);
    if (ar->section.id)
        view_set(a, v, "section", group_view(a, "section", &ar->section));
    view_set(a, v, "published", date_view(a, ar->published_at, false));
    view_set_int(a, v, "comment_count", ar->comment_count);
    if (ar->comment_count)
        view_set_str(a, v, "comment_count_text", page_plural(a, "comments_count", ar->comment_count));
    return v;
}

static view *reading_time_view(arena *a, long long words)
{
    long long minutes = (words + 199) / 200;
    if (minutes < 1) minutes = 1;
    view *v = view_obj(a);
    view_set_int(a, v, "minutes", minutes);
    view_set_str(a, v, "text", page_plural(a, "reading_time", minutes));
    return v;
}

view *article_full_view(arena *a, const store_article *ar)
{
    view *v = article_card_view(a, ar);
    view_set(a, v, "published", date_view(a, ar->published_at, true));
    view_set(a, v, "body", view_html(a, ar->body_html, strlen(ar->body_html)));
    if (ar->updated_at > ar->published_at)
        view_set(a, v, "updated", date_view(a, ar->updated_at, false));
    view_set(a, v, "reading_time", reading_time_view(a, ar->word_count));
    if (ar->source_name[0]) {
        view *src = view_obj(a);
        view_set_str(a, src, "name", ar->source_name);
        if (ar->source_url[0]) view_set_str(a, src, "url", ar->source_url);
        view_set(a, v, "source", src);
    }
    view *tags = view_list(a);
    for (size_t i = 0; i < ar->n_tags; i++)
        view_push(a, tags, group_view(a, "tag", &ar->tags[i]));
    view_set(a, v, "tags", tags);
    view_set_bool(a, v, "has_tags", ar->n_tags > 0);
    view_set_bool(a, v, "comments_open", ar->comments_open);
    return v;
}

/* A "see also" story: headline, url, an excerpt of its lead (or subtitle)
 * cut at a word boundary with an ellipsis, date, section. */
static view *see_also_item(arena *a, const store_article *ar)
{
    view *v = view_obj(a);
    view_set_int(a, v, "id", ar->id);
    view_set_str(a, v, "url", article_url(a, ar->id, ar->slug));
    view_set_str(a, v, "title", ar->title);
    const char *text = ar->lead[0] ? ar->lead : ar->subtitle;
    view_set_str(a, v, "excerpt", excerpt_make(a, text, strlen(text), 110));
    view_set(a, v, "published", date_view(a, ar->published_at, false));
    if (ar->section.id) view_set(a, v, "section", group_view(a, "section", &ar->section));
    return v;
}

int article_see_also(arena *a, store *s, const store_article *ar, view *av)
{
    store_article_list l;
    if (store_related_list(s, a, ar->id, STORE_RELATED_SHOWN, &l)) return -1;
    if (!l.n) return 0;
    view *items = view_list(a);
    for (size_t i = 0; i < l.n; i++) view_push(a, items, see_also_item(a, &l.items[i]));
    view *sa = view_obj(a);
    view_set(a, sa, "items", items);
    view_set(a, av, "see_also", sa);
    return 0;
}
