/* home.c — the home page: the lead story, the latest stories, and a block
 * of the newest stories of each section. */
#include "site/handlers.h"
#include "site/page.h"

#define HOME_LATEST 6
#define HOME_PER_SECTION 3

static view *cards(arena *a, const store_article_list *list, size_t from)
{
    view *items = view_list(a);
    for (size_t i = from; i < list->n; i++)
        view_push(a, items, article_card_view(a, &list->items[i]));
    return items;
}

void home_handle(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    arena *a = r->a;
    view *root = page_root(r, s);

    store_article_list latest;
    store_filter f = { .limit = 1 + HOME_LATEST, .no_total = true };
    if (store_articles_list(s, a, &f, &latest)) {
        w->status = 500;
        return;
    }
    if (latest.n > 0) view_set(a, root, "lead", article_card_view(a, &latest.items[0]));
    view_set(a, root, "latest", cards(a, &latest, 1));

    store_group *sections;
    size_t n;
    if (store_sections_list(s, a, false, &sections, &n)) {
        w->status = 500;
        return;
    }
    view *blocks = view_list(a);
    for (size_t i = 0; i < n; i++) {
        store_article_list list;
        store_filter sf = { .section_id = sections[i].id, .limit = HOME_PER_SECTION,
                            .no_total = true };
        if (store_articles_list(s, a, &sf, &list)) {
            w->status = 500;
            return;
        }
        if (list.n == 0) continue;
        view *block = group_view(a, "section", &sections[i]);
        view_set(a, block, "articles", cards(a, &list, 0));
        view_push(a, blocks, block);
    }
    view_set(a, root, "sections", blocks);
    view_set_bool(a, root, "is_home", true);
    page_html(r, w, "home", root, 200);
}
