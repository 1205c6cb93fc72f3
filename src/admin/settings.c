/* settings.c — GET/POST /admin/settings (admins only): site name and
 * description, locale and digits, posts per page, the comment policy and
 * closing comments after N days. A save writes every field and bumps the
 * generation in one transaction, then swaps the running settings
 * (site_settings_reload) and drops the page cache: no restart needed. */
#include <string.h>

#include "admin/admin_handlers.h"
#include "admin/settings_form.h"
#include "admin/staff.h"
#include "http/cache.h"
#include "site/page.h"
#include "site/site.h"

/* The select fields' choices, in order, as locale key suffixes. */
static const char *const choices[SET_COUNT] = {
    [SET_LOCALE] = "ar|en",
    [SET_DIGITS] = "latn|arab",
    [SET_COMMENT_MODERATION] = "first|all|none",
};

/* {value, label, selected} for each choice of field k. */
static view *options_view(arena *a, int k, const char *current)
{
    view *list = view_list(a);
    for (const char *p = choices[k]; *p;) {
        size_t len = strcspn(p, "|");
        const char *v = arena_strndup(a, p, len);
        view *o = view_obj(a);
        view_set_str(a, o, "value", v);
        view_set_str(a, o, "label", page_t(arena_printf(a, "settings_%s_%s", settings_keys[k], v)));
        view_set_bool(a, o, "selected", strcmp(v, current) == 0);
        view_push(a, list, o);
        p += len + (p[len] == '|');
    }
    return list;
}

static void show(req *r, resp *w, store *s, const staff *st, const settings_form *sent,
                 int status)
{
    arena *a = r->a;
    view *root = admin_root(r, s, st);
    view *fields = view_obj(a), *errors = view_obj(a), *opts = view_obj(a);
    for (int k = 0; k < SET_COUNT; k++) {
        const char *fallback = k == SET_SITE_NAME ? page_t("site_name")
                             : k == SET_SITE_DESCRIPTION ? page_t("site_description")
                             : settings_defaults[k];
        const char *v = sent ? sent->value[k] : store_setting_get(s, a, settings_keys[k], fallback);
        view_set_str(a, fields, settings_keys[k], v);
        if (sent && sent->error[k]) view_set_str(a, errors, settings_keys[k], page_t(sent->error[k]));
        if (choices[k]) view_set(a, opts, settings_keys[k], options_view(a, k, v));
    }
    view_set(a, root, "fields", fields);
    view_set(a, root, "errors", errors);
    view_set(a, root, "options", opts);
    if (sent) view_set_str(a, root, "error", page_t("settings_err_fix"));
    const char *saved = req_query(r, "saved");
    if (!sent && saved && strcmp(saved, "1") == 0) view_set_str(a, root, "notice", page_t("settings_saved"));
    view_set_str(a, root, "page_title", page_t("admin_settings"));
    admin_html(r, w, "admin/settings", root, status);
}

void admin_settings_page(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_SETTINGS, NULL) : NULL;
    if (st) show(r, w, s, st, NULL, 200);
}

static int save_tx(store *s, void *ctx)
{
    const settings_form *v = ctx;
    for (int k = 0; k < SET_COUNT; k++)
        if (store_setting_set(s, settings_keys[k], v->value[k])) return -1;
    return store_generation_bump(s);
}

void admin_settings_post(req *r, resp *w)
{
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_SETTINGS, &f) : NULL;
    if (!st) return;
    settings_form v;
    if (settings_form_read(r->a, &f, &v)) {
        show(r, w, s, st, &v, 400);
        return;
    }
    if (store_transaction(s, save_tx, &v)) {
        w->status = 503;
        return;
    }
    buf detail;
    buf_init(&detail, r->a);
    for (int k = 0; k < SET_COUNT; k++)
        if (k != SET_SITE_NAME && k != SET_SITE_DESCRIPTION)
            buf_printf(&detail, "%s%s=%s", detail.len ? " " : "", settings_keys[k], v.value[k]);
    store_audit(s, st->user.id, "settings", "settings", 0, detail.data);
    site_settings_reload(s);    /* at once in this process; others via the generation */
    cache_invalidate();
    resp_redirect(r, w, 303, "/admin/settings?saved=1");
}
