/* staff.c — the door of every back office page: sessions, roles, CSRF.
 * See staff.h. */
#include "admin/staff.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "admin/session.h"
#include "site/page.h"

/* The permission table: rows are roles, columns permissions. */
static const bool allowed[][CAN_COUNT] = {
    /*               enter  write  edit_any publish moderate users  settings */
    [ROLE_NONE]   = { false, false, false,   false,  false,   false, false },
    [ROLE_AUTHOR] = { true,  true,  false,   false,  false,   false, false },
    [ROLE_EDITOR] = { true,  true,  true,    true,   true,    false, false },
    [ROLE_ADMIN]  = { true,  true,  true,    true,   true,    true,  true },
};

role role_parse(const char *s)
{
    if (!s) return ROLE_NONE;
    if (strcmp(s, "admin") == 0) return ROLE_ADMIN;
    if (strcmp(s, "editor") == 0) return ROLE_EDITOR;
    if (strcmp(s, "author") == 0) return ROLE_AUTHOR;
    return ROLE_NONE;
}

bool role_can(role r, permission p)
{
    return r >= ROLE_NONE && r <= ROLE_ADMIN && p >= 0 && p < CAN_COUNT && allowed[r][p];
}

/* --- HTTPS behind a proxy ------------------------------------------------------ */

static const char *trusted_proxy;   /* set by admin_init */

void staff_set_trusted_proxy(const char *ip)
{
    trusted_proxy = ip && ip[0] ? ip : NULL;
}

bool admin_request_secure(req *r)
{
    if (!trusted_proxy || strcmp(r->client_ip, trusted_proxy) != 0) return false;
    const char *proto = req_header(r, "X-Forwarded-Proto");
    return proto && strcasecmp(proto, "https") == 0;
}

/* --- the door ---------------------------------------------------------------- */

/* Not signed in: the login page. A POST keeps what was typed, shown on
 * the login page so it can be copied back after signing in. */
static void to_login(req *r, resp *w, store *s, const form *f)
{
    if (r->method != HTTP_POST) {
        resp_redirect(r, w, 303, arena_printf(r->a, "/admin/login?next=%s",
                                              strncmp(r->path, "/admin", 6) == 0 ? r->path : "/admin"));
        return;
    }
    view *root = page_root(r, s);
    view_set_str(r->a, root, "page_title", page_t("admin_login"));
    view_set_str(r->a, root, "error", page_t("admin_session_expired"));
    if (f) {
        view *saved = view_obj(r->a);
        const char *keys[] = { "title", "subtitle", "lead", "body", "comment" };
        bool any = false;
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
            const char *v = form_get(f, keys[i]);
            if (v && v[0]) view_set_str(r->a, saved, keys[i], v), any = true;
        }
        if (any) view_set(r->a, root, "saved", saved);
    }
    admin_html(r, w, "admin/login", root, 401);
}

static bool csrf_ok(const form *f, const char *csrf)
{
    const char *sent = form_get(f, "csrf");
    size_t n = strlen(csrf);
    return sent && strlen(sent) == n && sodium_memcmp(sent, csrf, n) == 0;
}

/* Read the POST body as a form: 415 or 400 on failure. */
static bool read_form(req *r, resp *w, form *f)
{
    const char *type = req_header(r, "Content-Type");
    if (!type || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0) {
        w->status = 415;
        return false;
    }
    if (form_parse(r->a, r->body, r->body_len, f) != FORM_OK) {
        w->status = 400;
        return false;
    }
    return true;
}

staff *admin_enter(req *r, resp *w, store *s, permission p, form *f)
{
    form local;
    form *fp = f ? f : &local;
    bool post = r->method == HTTP_POST;
    if (post && !read_form(r, w, fp)) return NULL;
    staff *st = arena_zalloc(r->a, sizeof *st);
    st->secure = admin_request_secure(r);
    store_session sess;
    if (session_find(r, s, st->secure, &sess, &st->token_hash) ||
        store_user_by_id(s, r->a, sess.user_id, &st->user) || st->user.disabled) {
        to_login(r, w, s, post ? fp : NULL);
        return NULL;
    }
    st->role = role_parse(st->user.role);
    st->csrf = sess.csrf;
    if (!role_can(st->role, p) || (post && !csrf_ok(fp, st->csrf))) {
        w->status = 403;
        return NULL;
    }
    return st;
}

view *admin_root(req *r, store *s, const staff *st)
{
    arena *a = r->a;
    view *root = page_root(r, s);
    view *me = view_obj(a);
    view_set_str(a, me, "login", st->user.login);
    view_set_str(a, me, "name", st->user.display_name);
    view_set_str(a, me, "role", page_t(arena_printf(a, "role_%s", st->user.role)));
    view_set(a, root, "staff", me);
    view_set_str(a, root, "csrf", st->csrf);
    view *can = view_obj(a);
    view_set_bool(a, can, "publish", role_can(st->role, CAN_PUBLISH));
    view_set_bool(a, can, "moderate", role_can(st->role, CAN_MODERATE));
    view_set_bool(a, can, "users", role_can(st->role, CAN_MANAGE_USERS));
    view_set_bool(a, can, "settings", role_can(st->role, CAN_SETTINGS));
    view_set(a, root, "can", can);
    const char **statuses;
    long long *counts;
    size_t n;
    if (role_can(st->role, CAN_MODERATE) &&
        store_comment_counts(s, a, &statuses, &counts, &n) == 0)
        for (size_t i = 0; i < n; i++)
            if (strcmp(statuses[i], "pending") == 0) view_set_int(a, root, "pending_comments", counts[i]);
    view_set_bool(a, root, "is_admin", true);
    return root;
}

void admin_html(req *r, resp *w, const char *name, view *root, int status)
{
    page_html(r, w, name, root, status);
    w->cacheable = false;
    w->cache_control = "no-store";
    resp_header_add(r, w, "X-Robots-Tag", "noindex, nofollow");
}
