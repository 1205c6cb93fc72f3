/* articles_form.c — the article editor: GET and POST /admin/articles/new
 * and /admin/articles/ID.
 *
 * One form saves the text and, by the button pressed (`action`), moves the
 * article: save (same status), submit (review), publish, schedule (at
 * publish_at, in the site's zone, in the future), unpublish (back to
 * draft), or preview (nothing saved: the form again with the rendered
 * body). The move is checked against editor_transition_allowed on the
 * server whatever buttons the page showed. A save keeps a revision, and
 * when readers can see the change the page cache is dropped at once. */
#include <string.h>
#include <time.h>

#include "admin/admin_handlers.h"
#include "admin/editor.h"
#include "http/cache.h"
#include "site/page.h"
#include "text/dates.h"

typedef struct {
    const editor_form *ef;
    const store_edit_article *old;   /* NULL for a new article */
    const char *preview_html;        /* rendered body for a preview, or NULL */
} form_state;

static void set_errors(arena *a, view *root, const editor_form *ef)
{
    view *e = view_obj(a);
    const char *keys[] = { "title", "subtitle", "lead", "body", "slug", "section", "tags",
                           "author", "source_url", "canonical_url", "publish_at" };
    const char *vals[] = { ef->err_title, ef->err_subtitle, ef->err_lead, ef->err_body,
                           ef->err_slug, ef->err_section, ef->err_tags, ef->err_author,
                           ef->err_source_url, ef->err_canonical_url, ef->err_publish_at };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (vals[i]) view_set_str(a, e, keys[i], vals[i]);
    view_set(a, root, "errors", e);
    if (ef->n_errors) view_set_str(a, root, "error", page_t("editor_has_errors"));
    if (ef->slug_suggestion) view_set_str(a, root, "slug_suggestion", ef->slug_suggestion);
}

static view *sections_view(req *r, store *s, const char *current)
{
    view *list = view_list(r->a);
    store_group *g;
    size_t n;
    if (store_sections_list(s, r->a, false, &g, &n)) return list;
    for (size_t i = 0; i < n; i++) {
        view *o = view_obj(r->a);
        view_set_str(r->a, o, "slug", g[i].slug);
        view_set_str(r->a, o, "name", g[i].name);
        view_set_bool(r->a, o, "selected", strcmp(g[i].slug, current) == 0);
        view_push(r->a, list, o);
    }
    return list;
}

/* Which buttons the page offers (the server checks again on POST). */
static view *buttons_view(arena *a, const staff *st, const store_edit_article *old)
{
    const char *from = old ? old->a.status : "";
    bool own = !old || old->owner_id == st->user.id;
    view *b = view_obj(a);
    view_set_bool(a, b, "save", editor_transition_allowed(st->role, from, old ? from : "draft", own));
    view_set_bool(a, b, "submit", strcmp(from, "review") &&
                  editor_transition_allowed(st->role, from, "review", own));
    view_set_bool(a, b, "publish", strcmp(from, "published") &&
                  editor_transition_allowed(st->role, from, "published", own));
    view_set_bool(a, b, "schedule", editor_transition_allowed(st->role, from, "scheduled", own));
    view_set_bool(a, b, "unpublish", (!strcmp(from, "published") || !strcmp(from, "scheduled")) &&
                  editor_transition_allowed(st->role, from, "draft", own));
    view_set_bool(a, b, "trash", old && editor_transition_allowed(st->role, from, "trash", own));
    view_set_bool(a, b, "set_author", role_can(st->role, CAN_EDIT_ANY));
    return b;
}

static view *article_view(req *r, const form_state *fs)
{
    arena *a = r->a;
    const editor_form *ef = fs->ef;
    view *v = view_obj(a);
    const char *names[] = { "title", "subtitle", "lead", "body", "slug", "section_new", "tags",
                            "author", "source_name", "source_url", "canonical_url", "publish_at" };
    const char *vals[] = { ef->title, ef->subtitle, ef->lead, ef->body, ef->slug,
                           ef->section_new, ef->tags, ef->author, ef->source_name,
                           ef->source_url, ef->canonical_url, ef->publish_at };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) view_set_str(a, v, names[i], vals[i]);
    view_set_bool(a, v, "comments_open", ef->comments_open);
    if (fs->old) {
        const store_article *ar = &fs->old->a;
        view_set_int(a, v, "id", ar->id);
        view_set_str(a, v, "action", arena_printf(a, "/admin/articles/%lld", ar->id));
        view_set_str(a, v, "status", ar->status);
        view_set_str(a, v, "status_label", editor_status_label(a, ar->status));
        if (!strcmp(ar->status, "published"))
            view_set_str(a, v, "live_url", article_url(a, ar->id, ar->slug));
        if (!strcmp(ar->status, "scheduled"))
            view_set_str(a, v, "scheduled_for", editor_when(a, ar->published_at));
    } else {
        view_set_str(a, v, "action", "/admin/articles/new");
        view_set_str(a, v, "status_label", editor_status_label(a, "draft"));
    }
    return v;
}

static void render_form(req *r, resp *w, store *s, const staff *st, const form_state *fs,
                        int status)
{
    view *root = admin_root(r, s, st);
    view_set_str(r->a, root, "page_title",
                 page_t(fs->old ? "editor_edit_title" : "admin_new_article"));
    view_set(r->a, root, "article", article_view(r, fs));
    view_set(r->a, root, "sections", sections_view(r, s, fs->ef->section));
    view_set(r->a, root, "buttons", buttons_view(r->a, st, fs->old));
    set_errors(r->a, root, fs->ef);
    if (fs->preview_html)
        view_set(r->a, root, "preview", view_html(r->a, fs->preview_html, strlen(fs->preview_html)));
    if (req_query(r, "saved")) view_set_str(r->a, root, "notice", page_t("editor_saved"));
    admin_html(r, w, "admin/article_form", root, status);
}

/* The status the button asks for, or NULL for an unknown button. */
static const char *target_status(const char *action, const char *from)
{
    if (!action || !strcmp(action, "save") || !strcmp(action, "preview"))
        return from[0] ? from : "draft";
    if (!strcmp(action, "submit")) return "review";
    if (!strcmp(action, "publish")) return "published";
    if (!strcmp(action, "schedule")) return "scheduled";
    if (!strcmp(action, "unpublish")) return "draft";
    return NULL;
}

/* The publication time the move gives, or -1 with the field's error set. */
static long long publication_time(editor_form *ef, const store_edit_article *old,
                                  const char *to)
{
    long long now = (long long)time(NULL), t;
    const char *from = old ? old->a.status : "";
    if (!strcmp(to, "published"))
        return !strcmp(from, "published") && old->a.published_at ? old->a.published_at : now;
    if (strcmp(to, "scheduled")) return old ? old->a.published_at : 0;
    const char *key = NULL;
    if (dates_parse(ef->publish_at, strlen(ef->publish_at), &t)) key = "editor_err_date";
    else if (t <= now) key = "editor_err_date_past";
    if (!key) return t;
    if (!ef->err_publish_at) ef->n_errors++;
    ef->err_publish_at = page_t(key);
    return -1;
}

static void audit_save(store *s, const staff *st, long long id, const char *from,
                       const char *to, const char *title)
{
    if (!from[0]) store_audit(s, st->user.id, "create", "article", id, title);
    if (from[0] || strcmp(to, "draft"))
        store_audit(s, st->user.id, editor_action_name(from[0] ? from : "draft", to), "article",
                    id, title);
}

static void post_article(req *r, resp *w, store *s, const staff *st, const form *f,
                         const store_edit_article *old)
{
    const char *action = form_get(f, "action");
    const char *from = old ? old->a.status : "";
    const char *to = target_status(action, from);
    if (!to) {
        w->status = 400;
        return;
    }
    bool preview = action && !strcmp(action, "preview");
    bool own = !old || old->owner_id == st->user.id;
    if (!editor_transition_allowed(st->role, from, to, own)) {
        w->status = 403;
        return;
    }
    editor_form ef;
    editor_form_read(r->a, f, &ef);
    if (!role_can(st->role, CAN_EDIT_ANY))
        ef.author = old && old->owner_id != st->user.id ? old->a.author : st->user.display_name;
    store_edit e = { .id = old ? old->a.id : 0, .owner_id = st->user.id, .user_id = st->user.id };
    int n = editor_form_check(r->a, s, &ef, e.id, old, &e.in);
    long long when = publication_time(&ef, old, to);
    if (n < 0) {
        w->status = 500;
        return;
    }
    form_state fs = { &ef, old, preview && !ef.err_body ? e.in.body_html : NULL };
    if (preview || ef.n_errors) {
        render_form(r, w, s, st, &fs, preview ? 200 : 400);
        return;
    }
    e.in.status = to;
    e.in.published_at = when;
    long long id;
    bool visible;
    int rc = store_editor_save(s, &e, &id, &visible);
    if (rc) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return;
    }
    store_related_update(s, id);   /* "see also" (store/related.c); a failure keeps the old list */
    if (visible) cache_invalidate();
    audit_save(s, st, id, from, to, e.in.title);
    resp_redirect(r, w, 303, arena_printf(r->a, "/admin/articles/%lld?saved=1", id));
}

void admin_article_new(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, NULL) : NULL;
    if (!st) return;
    editor_form ef = { .comments_open = true };
    ef.title = ef.subtitle = ef.lead = ef.body = ef.slug = ef.section = ef.section_new = "";
    ef.tags = ef.source_name = ef.source_url = ef.canonical_url = ef.publish_at = "";
    ef.author = st->user.display_name;
    form_state fs = { &ef, NULL, NULL };
    render_form(r, w, s, st, &fs, 200);
}

void admin_article_create(req *r, resp *w)
{
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, &f) : NULL;
    if (st) post_article(r, w, s, st, &f, NULL);
}

void admin_article_edit(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, NULL) : NULL;
    store_edit_article ar;
    if (!st || editor_load(r, w, s, st, &ar)) return;
    editor_form ef;
    editor_form_from(r->a, &ar, &ef);
    form_state fs = { &ef, &ar, NULL };
    render_form(r, w, s, st, &fs, 200);
}

void admin_article_save(req *r, resp *w)
{
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, &f) : NULL;
    store_edit_article ar;
    if (!st || editor_load(r, w, s, st, &ar)) return;
    post_article(r, w, s, st, &f, &ar);
}
