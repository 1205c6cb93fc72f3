/* comments.c — the comments area of an article page: the approved comments
 * as threads, their count, and the form (fresh, or sent back with errors).
 * The POST side is in comment_post.c. */
#include "site/comments.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/comment_text.h"
#include "site/comment_settings.h"
#include "site/form_token.h"
#include "site/page.h"
#include "text/dates.h"
#include "text/reltime.h"

static view *time_view(arena *a, long long t, long long now)
{
    view *v = view_obj(a);
    buf b;
    buf_init(&b, a);
    dates_iso8601(&b, t);
    view_set_str(a, v, "iso", b.data ? b.data : "");
    buf_init(&b, a);
    dates_gregorian(&b, t);
    buf_puts(&b, " ");
    dates_time(&b, t);
    view_set_str(a, v, "absolute", b.data);
    buf_init(&b, a);
    reltime_format(&b, t, now);
    view_set_str(a, v, "relative", b.data ? b.data : "");
    return v;
}

view *comment_time_view(arena *a, long long t, long long now)
{
    return time_view(a, t, now);
}

/* One comment; the email is never put in a view. */
static view *comment_item_view(arena *a, const store_comment *c, long long now)
{
    view *v = view_obj(a);
    view_set_int(a, v, "id", c->id);
    view_set_str(a, v, "name", c->name);
    if (c->website[0]) view_set_str(a, v, "website", c->website);
    view_set(a, v, "time", time_view(a, c->created_at, now));
    buf body;
    buf_init(&body, a);
    comment_text_html(&body, c->body, strlen(c->body));
    view_set(a, v, "body", view_html(a, body.data ? body.data : "", body.len));
    view_set_bool(a, v, "can_reply", c->depth < 2);
    view_set(a, v, "replies", view_list(a));
    return v;
}

/* Threads from comments in time order (a parent always precedes its replies). */
static view *threads_view(arena *a, const store_comment *cs, size_t n, long long now)
{
    view *top = view_list(a);
    view **made = arena_alloc(a, (n ? n : 1) * sizeof *made);
    for (size_t i = 0; i < n; i++) {
        made[i] = comment_item_view(a, &cs[i], now);
        view *parent_list = top;
        for (size_t k = i; cs[i].parent_id && k-- > 0;) {
            if (cs[k].id == cs[i].parent_id) {
                parent_list = view_get(made[k], "replies");
                break;
            }
        }
        view_push(a, parent_list, made[i]);
    }
    return top;
}

/* The reply target from ?reply=ID, if it is one of the shown comments. */
static const store_comment *reply_target(req *r, const store_comment *cs, size_t n)
{
    const char *q = req_query(r, "reply");
    long long id = q ? atoll(q) : 0;
    for (size_t i = 0; id > 0 && i < n; i++)
        if (cs[i].id == id) return &cs[i];
    return NULL;
}

static void set_error(arena *a, view *errors, const char *field, const char *key)
{
    if (key) view_set_str(a, errors, field, page_t(key));
}

static view *form_view(req *r, const store_article *ar, const comment_form *sent,
                       const char *error, const store_comment *reply_to, long long now)
{
    arena *a = r->a;
    view *f = view_obj(a);
    view_set_str(a, f, "action", arena_printf(a, "/article/%lld/comments", ar->id));
    /* a form sent back keeps its valid token, so the reader's time on the
     * page keeps counting and a quick correction is not "too fast" */
    const unsigned char *key = comment_settings()->key;
    bool keep = sent && form_token_check(key, sent->token, ar->id, now, 0,
                                         comment_settings()->max_age) == TOKEN_OK;
    view_set_str(a, f, "token", keep ? sent->token : form_token_make(a, key, ar->id, now));
    if (sent) {
        view_set_str(a, f, "name", sent->name);
        view_set_str(a, f, "email", sent->email);
        view_set_str(a, f, "website", sent->website);
        view_set_str(a, f, "comment", sent->body);
        view *errors = view_obj(a);
        set_error(a, errors, "name", sent->err_name);
        set_error(a, errors, "email", sent->err_email);
        set_error(a, errors, "website", sent->err_website);
        set_error(a, errors, "comment", sent->err_body);
        view_set(a, f, "errors", errors);
    }
    if (error) view_set_str(a, f, "error", page_t(error));
    long long parent = reply_to ? reply_to->id : sent ? sent->parent_id : 0;
    if (parent) {
        view_set_int(a, f, "parent", parent);
        if (reply_to) view_set_str(a, f, "reply_to", reply_to->name);
    }
    return f;
}

static const char *notice_key(req *r)
{
    const char *q = req_query(r, "comment");
    if (!q) return NULL;
    if (strcmp(q, "pending") == 0) return "comment_notice_pending";
    if (strcmp(q, "approved") == 0) return "comment_notice_approved";
    return NULL;
}

void comments_view(req *r, store *s, const store_article *ar, view *av,
                   const comment_form *sent, const char *error)
{
    arena *a = r->a;
    long long now = (long long)time(NULL);
    store_comment *cs = NULL;
    size_t n = 0;
    if (store_comments_approved(s, a, ar->id, &cs, &n)) n = 0;
    view *c = view_obj(a);
    view_set_int(a, c, "count", (long long)n);
    view_set_str(a, c, "count_text", page_plural(a, "comments_count", (long long)n));
    view_set(a, c, "items", threads_view(a, cs, n, now));
    const comment_config *cfg = comment_settings();
    bool open = comment_open_at(ar->comments_open, ar->published_at, cfg->close_days, now);
    view_set_bool(a, c, "open", open);
    if (open)
        view_set(a, c, "form", form_view(r, ar, sent, error, sent ? NULL : reply_target(r, cs, n), now));
    const char *notice = sent ? NULL : notice_key(r);
    if (notice) view_set_str(a, c, "notice", page_t(notice));
    view_set(a, av, "comments", c);
}
