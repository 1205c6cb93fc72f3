/* moderation.c — the comment queue: GET /admin/comments lists the comments
 * of one status (pending by default) with their article, the comment each
 * answers, author, email, times and text; POST /admin/comments changes
 * the status of one comment (a row's button, do=ACTION:ID) or of every
 * ticked one (bulk: action + id…), in one form that needs no JavaScript.
 * Editing and replying as staff are in moderation_edit.c. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin/admin_handlers.h"
#include "admin/moderation.h"
#include "admin/staff.h"
#include "http/cache.h"
#include "site/comments.h"
#include "site/page.h"

#define QUEUE_PAGE 50
#define EXCERPT_CHARS 200

static const char *const statuses[] = { "pending", "approved", "spam", "trash" };
#define N_STATUSES (sizeof statuses / sizeof *statuses)

/* The status named by `s`, or NULL. */
static const char *known_status(const char *s)
{
    for (size_t i = 0; s && i < N_STATUSES; i++)
        if (strcmp(s, statuses[i]) == 0) return statuses[i];
    return NULL;
}

/* The status an action sets: approve, spam, trash, unapprove. */
static const char *status_of_action(const char *action)
{
    static const char *const map[][2] = {
        { "approve", "approved" }, { "spam", "spam" }, { "trash", "trash" },
        { "unapprove", "pending" },
    };
    for (size_t i = 0; action && i < sizeof map / sizeof *map; i++)
        if (strcmp(action, map[i][0]) == 0) return map[i][1];
    return NULL;
}

/* The first `max` characters of s, with an ellipsis when cut. */
static const char *excerpt(arena *a, const char *s, size_t max)
{
    size_t chars = 0, i = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max) break;
    return s[i] ? arena_printf(a, "%.*s…", (int)i, s) : s;
}

view *moderation_item_view(arena *a, const store_queue_item *it, long long now)
{
    const store_comment *c = &it->c;
    view *v = view_obj(a);
    view_set_int(a, v, "id", c->id);
    view_set_str(a, v, "name", c->name);
    view_set_str(a, v, "email", c->email);
    if (c->website[0]) view_set_str(a, v, "website", c->website);
    view_set_str(a, v, "body", c->body);
    view_set_str(a, v, "status", c->status);
    view_set(a, v, "time", comment_time_view(a, c->created_at, now));
    view *art = view_obj(a);
    view_set_str(a, art, "title", c->article_title);
    if (strcmp(it->article_status, "published") == 0)
        view_set_str(a, art, "url", article_url(a, c->article_id, it->article_slug));
    view_set(a, v, "article", art);
    if (c->parent_id) {
        view *p = view_obj(a);
        view_set_int(a, p, "id", c->parent_id);
        view_set_str(a, p, "name", it->parent_name);
        view_set_str(a, p, "excerpt", excerpt(a, it->parent_body, EXCERPT_CHARS));
        view_set(a, v, "parent", p);
    }
    return v;
}

/* The tabs: one per status with its count, the current one marked. */
static view *tabs_view(req *r, store *s, const char *current)
{
    arena *a = r->a;
    const char **names;
    long long *counts;
    size_t n = 0;
    if (store_comment_counts(s, a, &names, &counts, &n)) n = 0;
    view *tabs = view_list(a);
    for (size_t i = 0; i < N_STATUSES; i++) {
        long long count = 0;
        for (size_t k = 0; k < n; k++)
            if (strcmp(names[k], statuses[i]) == 0) count = counts[k];
        view *t = view_obj(a);
        view_set_str(a, t, "status", statuses[i]);
        view_set_str(a, t, "label", page_t(arena_printf(a, "mod_status_%s", statuses[i])));
        view_set_int(a, t, "count", count);
        view_set_bool(a, t, "current", strcmp(statuses[i], current) == 0);
        view_push(a, tabs, t);
    }
    return tabs;
}

/* The bulk actions offered for comments in `status` (not the one they have). */
static view *actions_view(arena *a, const char *status)
{
    static const char *const all[] = { "approve", "unapprove", "spam", "trash" };
    view *list = view_list(a);
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        if (strcmp(status_of_action(all[i]), status) == 0) continue;
        view *o = view_obj(a);
        view_set_str(a, o, "action", all[i]);
        view_set_str(a, o, "label", page_t(arena_printf(a, "mod_do_%s", all[i])));
        view_push(a, list, o);
    }
    return list;
}

void admin_comments_page(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_MODERATE, NULL) : NULL;
    if (!st) return;
    arena *a = r->a;
    const char *status = known_status(req_query(r, "status"));
    long long page = page_number(r);
    if ((req_query(r, "status") && !status) || page < 1) {
        w->status = 400;
        return;
    }
    if (!status) status = "pending";
    store_queue_item *items;
    size_t n;
    if (store_moderation_queue(s, a, status, QUEUE_PAGE + 1, (page - 1) * QUEUE_PAGE, &items, &n)) {
        w->status = 500;
        return;
    }
    long long now = (long long)time(NULL);
    view *root = admin_root(r, s, st);
    view *list = view_list(a);
    for (size_t i = 0; i < n && i < QUEUE_PAGE; i++) view_push(a, list, moderation_item_view(a, &items[i], now));
    view_set(a, root, "comments", list);
    view_set_bool(a, root, "any", n > 0);
    view_set(a, root, "tabs", tabs_view(r, s, status));
    view_set(a, root, "actions", actions_view(a, status));
    view_set_str(a, root, "status", status);
    view_set_str(a, root, "status_label", page_t(arena_printf(a, "mod_status_%s", status)));
    if (page > 1) view_set_str(a, root, "newer", arena_printf(a, "/admin/comments?status=%s&page=%lld", status, page - 1));
    if (n > QUEUE_PAGE) view_set_str(a, root, "older", arena_printf(a, "/admin/comments?status=%s&page=%lld", status, page + 1));
    const char *done = req_query(r, "done");
    if (done && atoll(done) >= 0)
        view_set_str(a, root, "notice", page_plural(a, "mod_done", atoll(done)));
    view_set_str(a, root, "page_title", page_t("admin_comments"));
    admin_html(r, w, "admin/comments", root, 200);
}

/* The (action, ids) of the form: a row's "do=ACTION:ID" button, or the
 * bulk action with every ticked id. Returns how many ids (0 = none). */
static size_t read_request(arena *a, const form *f, const char **status, long long **ids)
{
    *ids = arena_alloc(a, FORM_MAX_FIELDS * sizeof **ids);
    const char *one = form_get(f, "do");
    if (one) {
        const char *colon = strchr(one, ':');
        long long id = colon ? atoll(colon + 1) : 0;
        *status = colon ? status_of_action(arena_strndup(a, one, (size_t)(colon - one))) : NULL;
        (*ids)[0] = id;
        return *status && id > 0 ? 1 : 0;
    }
    *status = status_of_action(form_get(f, "action"));
    size_t n = 0;
    for (size_t i = 0; *status && i < f->n; i++) {
        long long id = strcmp(f->names[i], "id") == 0 ? atoll(f->values[i]) : 0;
        if (id > 0) (*ids)[n++] = id;
    }
    return *status ? n : 0;
}

void admin_comments_post(req *r, resp *w)
{
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_MODERATE, &f) : NULL;
    if (!st) return;
    const char *status;
    long long *ids;
    size_t n = read_request(r->a, &f, &status, &ids);
    const char *back = known_status(form_get(&f, "status"));
    if (!n && !status) {
        w->status = 400;
        return;
    }
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        int rc = store_comment_set_status(s, ids[i], status);
        if (rc < 0) {
            w->status = 503;
            break;
        }
        if (rc == 0) {
            done++;
            store_audit(s, st->user.id, n > 1 ? "comment_bulk" : "comment_status", "comment",
                        ids[i], status);
        }
    }
    if (done) cache_invalidate();      /* the watcher would notice too, later */
    if (w->status) return;
    resp_redirect(r, w, 303, arena_printf(r->a, "/admin/comments?status=%s&done=%zu",
                                          back ? back : "pending", done));
}
