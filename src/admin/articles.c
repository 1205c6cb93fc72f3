/* articles.c — the list of articles, GET /admin/articles?status=&section=
 * &author=&q=&page=, and the trash: POST /admin/articles/ID/trash and
 * /restore (back to draft).
 *
 * Authors see only their own articles. The search box uses the readers'
 * search (text/query, the FTS5 index) for published stories and the same
 * analysis run over the text (text/match) for the others, which the index
 * does not hold. */
#include <string.h>

#include "admin/admin_handlers.h"
#include "admin/editor.h"
#include "core/utf8.h"
#include "http/cache.h"
#include "site/page.h"
#include "text/dates.h"
#include "text/match.h"
#include "text/mdtext.h"
#include "text/query.h"

#define PER_PAGE 30

static const char *const statuses[] = { "draft", "review", "scheduled", "published", "trash" };

static const char *param(req *r, const char *name)
{
    const char *v = req_query(r, name);
    return v && utf8_valid(v, strlen(v)) && strlen(v) < 512 ? v : "";
}

typedef struct {
    arena *a;
    text_matcher *m;
} match_ctx;

static bool match_text(void *ctx, const char *title, const char *subtitle, const char *lead,
                       const char *body)
{
    match_ctx *c = ctx;
    buf plain;
    buf_init(&plain, c->a);
    if (mdtext_plain(&plain, body, strlen(body))) buf_puts(&plain, body);
    const char *texts[] = { title, subtitle, lead, plain.data ? plain.data : "" };
    return text_matcher_test(c->m, texts, 4);
}

static view *choice(arena *a, const char *value, const char *label, bool selected)
{
    view *o = view_obj(a);
    view_set_str(a, o, "value", value);
    view_set_str(a, o, "label", label);
    view_set_bool(a, o, "selected", selected);
    return o;
}

/* The filter form: statuses, sections and authors with the current ones. */
static void filters_view(req *r, store *s, view *root, const store_editor_filter *f,
                         const char *section, const char *q)
{
    arena *a = r->a;
    view *st = view_list(a), *sec = view_list(a), *au = view_list(a);
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        view_push(a, st, choice(a, statuses[i], editor_status_label(a, statuses[i]),
                                !strcmp(f->status, statuses[i])));
    store_group *g;
    size_t n;
    if (store_sections_list(s, a, false, &g, &n) == 0)
        for (size_t i = 0; i < n; i++)
            view_push(a, sec, choice(a, g[i].slug, g[i].name, !strcmp(section, g[i].slug)));
    const char **names;
    if (store_editor_authors(s, a, &names, &n) == 0)
        for (size_t i = 0; i < n; i++)
            view_push(a, au, choice(a, names[i], names[i], !strcmp(f->author, names[i])));
    view_set(a, root, "statuses", st);
    view_set(a, root, "sections", sec);
    view_set(a, root, "authors", au);
    view_set_str(a, root, "q", q);
}

static view *row_view(req *r, const staff *st, const store_article *ar, long long owner)
{
    arena *a = r->a;
    view *v = view_obj(a);
    view_set_int(a, v, "id", ar->id);
    view_set_str(a, v, "title", ar->title);
    view_set_str(a, v, "status", ar->status);
    view_set_str(a, v, "status_label", editor_status_label(a, ar->status));
    view_set_str(a, v, "section", ar->section.name);
    view_set_str(a, v, "author", ar->author);
    buf when;
    buf_init(&when, a);
    dates_gregorian(&when, ar->updated_at);
    buf_puts(&when, " ");
    dates_time(&when, ar->updated_at);
    view_set_str(a, v, "updated", when.data);
    if (!strcmp(ar->status, "published")) view_set_str(a, v, "live_url", article_url(a, ar->id, ar->slug));
    if (!strcmp(ar->status, "scheduled")) view_set_str(a, v, "scheduled_for", editor_when(a, ar->published_at));
    bool own = owner == st->user.id;
    view_set_bool(a, v, "can_trash", editor_transition_allowed(st->role, ar->status, "trash", own));
    view_set_bool(a, v, "can_restore", !strcmp(ar->status, "trash") &&
                  editor_transition_allowed(st->role, "trash", "draft", own));
    return v;
}

/* "?status=…&page=N" keeping the filters, for the pager. */
static const char *list_base(arena *a, const char *status, const char *section,
                             const char *author, const char *q)
{
    buf b;
    buf_init(&b, a);
    const char *names[] = { "status", "section", "author", "q" };
    const char *vals[] = { status, section, author, q };
    for (size_t i = 0; i < 4; i++) {
        if (!vals[i][0]) continue;
        buf_printf(&b, "%c%s=", b.len ? '&' : '?', names[i]);
        url_segment(&b, vals[i]);
    }
    return arena_printf(a, "/admin/articles%s", b.len ? b.data : "");
}

void admin_articles_list(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, NULL) : NULL;
    if (!st) return;
    arena *a = r->a;
    long long page = page_number(r);
    if (!page) page = 1;
    const char *section = param(r, "section"), *q = param(r, "q");
    store_editor_filter f = { .status = param(r, "status"), .author = param(r, "author"),
                              .limit = PER_PAGE, .offset = (page - 1) * PER_PAGE };
    if (!role_can(st->role, CAN_EDIT_ANY)) f.owner_id = st->user.id;
    store_group g;
    if (section[0] && store_section_by_slug(s, a, section, &g) == 0) f.section_id = g.id;
    query qp;
    match_ctx mc = { a, NULL };
    if (q[0]) {
        query_parse(a, q, strlen(q), &qp);
        f.match = qp.match;
        mc.m = text_matcher_new(a, &qp);
        f.match_text = match_text;
        f.ctx = &mc;
    }
    store_editor_list list = { 0 };
    /* a query of stop words only looks for nothing: no rows */
    int rc = q[0] && !f.match ? 0 : store_editor_list_get(s, a, &f, &list);
    if (rc) {
        w->status = 500;
        return;
    }
    view *root = admin_root(r, s, st), *rows = view_list(a);
    for (size_t i = 0; i < list.n; i++) view_push(a, rows, row_view(r, st, &list.items[i], list.owner_ids[i]));
    view_set(a, root, "articles", rows);
    view_set_str(a, root, "count", page_plural(a, "editor_count", list.total));
    long long pages = (list.total + PER_PAGE - 1) / PER_PAGE;
    if (pages > 1) view_set(a, root, "pager", pager_view(a, list_base(a, f.status, section, f.author, q), page, pages));
    filters_view(r, s, root, &f, section, q);
    view_set_str(a, root, "page_title", page_t("admin_articles"));
    if (req_query(r, "done")) view_set_str(a, root, "notice", page_t("editor_saved"));
    admin_html(r, w, "admin/articles", root, 200);
}

/* Move an article to `to` from the list or the editor (trash, restore). */
static void move(req *r, resp *w, const char *to)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, NULL) : NULL;
    store_edit_article ar;
    if (!st || editor_load(r, w, s, st, &ar)) return;
    bool own = ar.owner_id == st->user.id;
    if (!editor_transition_allowed(st->role, ar.a.status, to, own) || !strcmp(ar.a.status, to)) {
        w->status = 403;
        return;
    }
    bool visible;
    if (store_editor_set_status(s, ar.a.id, st->user.id, to, -1, &visible)) {
        w->status = 500;
        return;
    }
    if (visible) cache_invalidate();
    store_audit(s, st->user.id, editor_action_name(ar.a.status, to), "article", ar.a.id, ar.a.title);
    resp_redirect(r, w, 303, "/admin/articles?done=1");
}

void admin_article_trash(req *r, resp *w)
{
    move(r, w, "trash");
}

void admin_article_restore(req *r, resp *w)
{
    move(r, w, "draft");
}
