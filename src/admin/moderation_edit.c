/* moderation_edit.c — one comment in the back office: GET
 * /admin/comments/ID shows it with its context and two small forms, one to
 * correct its name and text (POST …/edit), one to reply as staff (POST
 * …/reply). A staff reply is an approved comment under the staff member's
 * display name; replying to a pending comment approves it first, as a
 * moderator answering a reader vouches for the question. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin/admin_handlers.h"
#include "admin/moderation.h"
#include "admin/staff.h"
#include "http/cache.h"
#include "site/comment_form.h"
#include "site/page.h"

typedef struct {
    const char *name, *body, *reply;            /* values to show again */
    const char *err_name, *err_body, *err_reply;
} sent_values;

static long long comment_id(req *r)
{
    const char *p = r->n_params > 0 ? r->params[0] : NULL;
    if (!p || !*p || strlen(p) > 18 || strspn(p, "0123456789") != strlen(p)) return 0;
    return atoll(p);
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The locale key of what is wrong with a name, or NULL. */
static const char *name_problem(const char *name)
{
    if (!name[0]) return "comment_err_name_missing";
    return chars(name) > COMMENT_NAME_MAX ? "comment_err_name_long" : NULL;
}

static const char *body_problem(const char *body)
{
    if (!body[0]) return "comment_err_body_missing";
    return chars(body) > COMMENT_BODY_MAX ? "comment_err_body_long" : NULL;
}

static void show(req *r, resp *w, store *s, const staff *st, const store_queue_item *it,
                 const sent_values *sent, int status)
{
    arena *a = r->a;
    view *root = admin_root(r, s, st);
    view_set(a, root, "comment", moderation_item_view(a, it, (long long)time(NULL)));
    view *f = view_obj(a);
    view_set_str(a, f, "name", sent && sent->name ? sent->name : it->c.name);
    view_set_str(a, f, "body", sent && sent->body ? sent->body : it->c.body);
    if (sent && sent->reply) view_set_str(a, f, "reply", sent->reply);
    view *errors = view_obj(a);
    if (sent && sent->err_name) view_set_str(a, errors, "name", page_t(sent->err_name));
    if (sent && sent->err_body) view_set_str(a, errors, "body", page_t(sent->err_body));
    if (sent && sent->err_reply) view_set_str(a, errors, "reply", page_t(sent->err_reply));
    view_set(a, f, "errors", errors);
    view_set(a, root, "form", f);
    const char *done = req_query(r, "saved");
    if (done && strcmp(done, "1") == 0) view_set_str(a, root, "notice", page_t("mod_saved"));
    view_set_str(a, root, "page_title", page_t("mod_comment"));
    admin_html(r, w, "admin/comment", root, status);
}

/* The comment of the URL into *it; false (w set) when absent. */
static bool find(req *r, resp *w, store *s, store_queue_item *it)
{
    long long id = comment_id(r);
    int rc = id ? store_moderation_item(s, r->a, id, it) : STORE_NOT_FOUND;
    if (rc) w->status = rc == STORE_NOT_FOUND ? 404 : 500;
    return rc == 0;
}

void admin_comment_page(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_MODERATE, NULL) : NULL;
    store_queue_item it;
    if (st && find(r, w, s, &it)) show(r, w, s, st, &it, NULL, 200);
}

void admin_comment_edit(req *r, resp *w)
{
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_MODERATE, &f) : NULL;
    store_queue_item it;
    if (!st || !find(r, w, s, &it)) return;
    sent_values v = { 0 };
    v.name = comment_clean(r->a, form_get(&f, "name") ? form_get(&f, "name") : "", false);
    v.body = comment_clean(r->a, form_get(&f, "body") ? form_get(&f, "body") : "", true);
    v.err_name = name_problem(v.name);
    v.err_body = body_problem(v.body);
    if (v.err_name || v.err_body) {
        show(r, w, s, st, &it, &v, 400);
        return;
    }
    if (store_comment_edit(s, it.c.id, v.name, v.body)) {
        w->status = 503;
        return;
    }
    store_audit(s, st->user.id, "comment_edit", "comment", it.c.id, it.c.status);
    if (strcmp(it.c.status, "approved") == 0) cache_invalidate();
    resp_redirect(r, w, 303, arena_printf(r->a, "/admin/comments/%lld?saved=1", it.c.id));
}

/* Post the reply (approving its parent first when needed); 0 or -1. */
static int post_reply(req *r, store *s, const staff *st, const store_queue_item *it,
                      const char *body, long long *id)
{
    if (strcmp(it->c.status, "approved") != 0) {
        if (store_comment_set_status(s, it->c.id, "approved")) return -1;
        store_audit(s, st->user.id, "comment_status", "comment", it->c.id, "approved");
    }
    /* a placeholder no reader can type (no dot in the domain: the public
     * form refuses it), so the "first comment held" rule never lets a
     * reader ride on a staff member's approved comments; never shown */
    store_comment c = {
        .article_id = it->c.article_id, .parent_id = it->c.id,
        .name = st->user.display_name, .email = arena_printf(r->a, "%s@staff", st->user.login),
        .website = "", .body = body, .status = "approved", .ip_hash = "",
    };
    return store_comment_add(s, &c, id) ? -1 : 0;
}

void admin_comment_reply(req *r, resp *w)
{
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_MODERATE, &f) : NULL;
    store_queue_item it;
    if (!st || !find(r, w, s, &it)) return;
    sent_values v = { 0 };
    v.reply = comment_clean(r->a, form_get(&f, "reply") ? form_get(&f, "reply") : "", true);
    v.err_reply = body_problem(v.reply);
    if (!v.err_reply && (strcmp(it.c.status, "spam") == 0 || strcmp(it.c.status, "trash") == 0))
        v.err_reply = "mod_err_reply_spam";
    if (v.err_reply) {
        show(r, w, s, st, &it, &v, 400);
        return;
    }
    long long id;
    if (post_reply(r, s, st, &it, v.reply, &id)) {
        w->status = 503;
        return;
    }
    store_audit(s, st->user.id, "comment_reply", "comment", id, "");
    cache_invalidate();
    resp_redirect(r, w, 303, arena_printf(r->a, "/admin/comments/%lld?saved=1", it.c.id));
}
