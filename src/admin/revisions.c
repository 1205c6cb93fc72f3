/* revisions.c — an article's saved states: the list (GET
 * /admin/articles/ID/revisions), what changed between one and the current
 * text (GET …/revisions/REV, a word diff), and restoring one (POST
 * …/revisions/REV/restore), which is itself a save with a new revision.
 *
 * The diff is built as runs (text/diff) and printed by the template with
 * <del class="diff-del"> and <ins class="diff-ins">, escaped like any text. */
#include <string.h>

#include "admin/admin_handlers.h"
#include "admin/editor.h"
#include "http/cache.h"
#include "site/page.h"
#include "text/dates.h"
#include "text/diff.h"

static const char *when(arena *a, long long t)
{
    buf b;
    buf_init(&b, a);
    dates_gregorian(&b, t);
    buf_puts(&b, " ");
    dates_time(&b, t);
    return b.data ? b.data : "";
}

static view *article_head(arena *a, const store_edit_article *ar)
{
    view *v = view_obj(a);
    view_set_int(a, v, "id", ar->a.id);
    view_set_str(a, v, "title", ar->a.title);
    view_set_str(a, v, "status_label", editor_status_label(a, ar->a.status));
    return v;
}

void admin_revisions_list(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, NULL) : NULL;
    store_edit_article ar;
    if (!st || editor_load(r, w, s, st, &ar)) return;
    store_revision *revs;
    size_t n;
    if (store_revisions_list(s, r->a, ar.a.id, 200, &revs, &n)) {
        w->status = 500;
        return;
    }
    arena *a = r->a;
    view *root = admin_root(r, s, st), *list = view_list(a);
    for (size_t i = 0; i < n; i++) {
        view *v = view_obj(a);
        view_set_int(a, v, "id", revs[i].id);
        view_set_str(a, v, "when", when(a, revs[i].at));
        view_set_str(a, v, "who", revs[i].user_login);
        view_set_str(a, v, "title", revs[i].title);
        view_set_str(a, v, "status_label", editor_status_label(a, revs[i].status));
        view_set_int(a, v, "bytes", revs[i].body_bytes);
        view_set_bool(a, v, "latest", i == 0);
        view_push(a, list, v);
    }
    view_set(a, root, "article", article_head(a, &ar));
    view_set(a, root, "revisions", list);
    view_set_str(a, root, "page_title", page_t("editor_revisions"));
    admin_html(r, w, "admin/revisions", root, 200);
}

/* One field's diff as runs {same|del|ins: text}. */
static view *diff_view(arena *a, const char *label, const char *old, const char *cur)
{
    diff_op *ops;
    size_t n;
    diff_words(a, old, strlen(old), cur, strlen(cur), &ops, &n);
    view *f = view_obj(a), *runs = view_list(a);
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        view *o = view_obj(a);
        const char *k = ops[i].kind == DIFF_DEL ? "del" : ops[i].kind == DIFF_INS ? "ins" : "same";
        view_set(a, o, k, view_strn(a, ops[i].text, ops[i].len));
        view_push(a, runs, o);
        changed |= ops[i].kind != DIFF_SAME;
    }
    view_set_str(a, f, "label", page_t(label));
    view_set(a, f, "runs", runs);
    view_set_bool(a, f, "changed", changed);
    return f;
}

/* Short fields: shown as before → now when they differ. */
static void push_change(arena *a, view *list, const char *label, const char *old, const char *cur)
{
    if (!strcmp(old, cur)) return;
    view *o = view_obj(a);
    view_set_str(a, o, "label", page_t(label));
    view_set_str(a, o, "old", old);
    view_set_str(a, o, "new", cur);
    view_push(a, list, o);
}

static const char *tags_text(arena *a, const store_article *ar)
{
    buf b;
    buf_init(&b, a);
    for (size_t i = 0; i < ar->n_tags; i++) buf_printf(&b, "%s%s", i ? ", " : "", ar->tags[i].name);
    return b.data ? b.data : "";
}

void admin_revision_show(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, NULL) : NULL;
    store_edit_article ar;
    if (!st || editor_load(r, w, s, st, &ar)) return;
    store_revision rev;
    int rc = store_revision_get(s, r->a, ar.a.id, editor_id(r->params[1]), &rev);
    if (rc) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return;
    }
    arena *a = r->a;
    view *root = admin_root(r, s, st), *fields = view_list(a), *changes = view_list(a);
    view_push(a, fields, diff_view(a, "editor_title", rev.title, ar.a.title));
    view_push(a, fields, diff_view(a, "editor_subtitle", rev.subtitle, ar.a.subtitle));
    view_push(a, fields, diff_view(a, "editor_lead", rev.lead, ar.a.lead));
    view_push(a, fields, diff_view(a, "editor_body", rev.body_src, ar.body_src));
    push_change(a, changes, "editor_section", rev.section.name, ar.a.section.id ? ar.a.section.name : "");
    push_change(a, changes, "editor_tags", rev.tags, tags_text(a, &ar.a));
    push_change(a, changes, "editor_author", rev.author, ar.a.author);
    push_change(a, changes, "editor_source_name", rev.source_name, ar.a.source_name);
    push_change(a, changes, "editor_source_url", rev.source_url, ar.a.source_url);
    push_change(a, changes, "editor_canonical_url", rev.canonical_url, ar.a.canonical_url);
    push_change(a, changes, "editor_comments", page_t(rev.comments_open ? "editor_open" : "editor_closed"),
                page_t(ar.a.comments_open ? "editor_open" : "editor_closed"));
    view *rv = view_obj(a);
    view_set_int(a, rv, "id", rev.id);
    view_set_str(a, rv, "when", when(a, rev.at));
    view_set_str(a, rv, "who", rev.user_login);
    view_set(a, root, "article", article_head(a, &ar));
    view_set(a, root, "revision", rv);
    view_set(a, root, "fields", fields);
    view_set(a, root, "changes", changes);
    view_set_bool(a, root, "can_restore",
                  editor_transition_allowed(st->role, ar.a.status, ar.a.status, ar.owner_id == st->user.id));
    view_set_str(a, root, "page_title", page_t("editor_revision"));
    admin_html(r, w, "admin/revision", root, 200);
}

void admin_revision_restore(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_WRITE, NULL) : NULL;
    store_edit_article ar;
    if (!st || editor_load(r, w, s, st, &ar)) return;
    if (!editor_transition_allowed(st->role, ar.a.status, ar.a.status, ar.owner_id == st->user.id)) {
        w->status = 403;
        return;
    }
    store_revision rev;
    int rc = store_revision_get(s, r->a, ar.a.id, editor_id(r->params[1]), &rev);
    if (rc) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return;
    }
    editor_form ef;
    editor_form_from(r->a, &ar, &ef);   /* slug and publication stay as they are */
    ef.title = rev.title, ef.subtitle = rev.subtitle, ef.lead = rev.lead, ef.body = rev.body_src;
    ef.section = rev.section.slug, ef.tags = rev.tags, ef.author = rev.author;
    ef.source_name = rev.source_name, ef.source_url = rev.source_url;
    ef.canonical_url = rev.canonical_url, ef.comments_open = rev.comments_open;
    store_edit e = { .id = ar.a.id, .user_id = st->user.id };
    rc = editor_form_check(r->a, s, &ef, ar.a.id, &ar, &e.in);
    if (rc) {
        w->status = rc < 0 ? 500 : 400;
        return;
    }
    e.in.status = ar.a.status;
    e.in.published_at = ar.a.published_at;
    bool visible;
    if (store_editor_save(s, &e, NULL, &visible)) {
        w->status = 500;
        return;
    }
    if (visible) cache_invalidate();
    store_audit(s, st->user.id, "revision_restore", "article", ar.a.id,
                arena_printf(r->a, "revision %lld", rev.id));
    resp_redirect(r, w, 303, arena_printf(r->a, "/admin/articles/%lld?saved=1", ar.a.id));
}
