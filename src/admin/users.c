/* users.c — the users page (admins only): GET /admin/users lists the
 * staff with a form per action; POST /admin/users adds one, and
 * POST /admin/users/ID/(role|disable|enable|password) change one.
 * Passwords travel only in POST bodies and pass admin/password.c's policy.
 * An admin cannot disable or demote themselves, and no change may leave
 * the site without an enabled admin (checked by the store in the write). */
#include <stdlib.h>
#include <string.h>

#include "admin/admin_handlers.h"
#include "admin/password.h"
#include "admin/staff.h"
#include "admin/users.h"
#include "site/comment_form.h"
#include "site/page.h"


static view *user_view(arena *a, const store_user *u, const staff *st, const user_sent *sent)
{
    view *v = view_obj(a);
    view_set_int(a, v, "id", u->id);
    view_set_str(a, v, "login", u->login);
    view_set_str(a, v, "name", u->display_name);
    view_set_str(a, v, "role_label", page_t(arena_printf(a, "role_%s", u->role)));
    view_set_bool(a, v, "disabled", u->disabled);
    view_set_bool(a, v, "me", u->id == st->user.id);
    view *roles = view_list(a);
    static const char *const names[] = { "author", "editor", "admin" };
    for (size_t i = 0; i < 3; i++) {
        view *o = view_obj(a);
        view_set_str(a, o, "value", names[i]);
        view_set_str(a, o, "label", page_t(arena_printf(a, "role_%s", names[i])));
        view_set_bool(a, o, "selected", strcmp(u->role, names[i]) == 0);
        view_push(a, roles, o);
    }
    view_set(a, v, "roles", roles);
    if (sent && sent->row == u->id) view_set_str(a, v, "row_error", page_t(sent->row_error));
    return v;
}

void users_show(req *r, resp *w, store *s, const staff *st, const user_sent *sent, int status)
{
    arena *a = r->a;
    store_user *users;
    size_t n;
    if (store_users_list(s, a, &users, &n)) {
        w->status = 500;
        return;
    }
    view *root = admin_root(r, s, st);
    view *list = view_list(a);
    for (size_t i = 0; i < n; i++) view_push(a, list, user_view(a, &users[i], st, sent));
    view_set(a, root, "users", list);
    view *add = view_obj(a), *errors = view_obj(a);
    const char *chosen = sent && sent->role ? sent->role : "author";
    if (sent && sent->login) view_set_str(a, add, "login", sent->login);
    if (sent && sent->name) view_set_str(a, add, "name", sent->name);
    view_set_bool(a, add, "author", strcmp(chosen, "author") == 0);
    view_set_bool(a, add, "editor", strcmp(chosen, "editor") == 0);
    view_set_bool(a, add, "admin", strcmp(chosen, "admin") == 0);
    if (sent && sent->err_login) view_set_str(a, errors, "login", page_t(sent->err_login));
    if (sent && sent->err_name) view_set_str(a, errors, "name", page_t(sent->err_name));
    if (sent && sent->err_role) view_set_str(a, errors, "role", page_t(sent->err_role));
    if (sent && sent->err_password) view_set_str(a, errors, "password", page_t(sent->err_password));
    view_set(a, add, "errors", errors);
    view_set(a, root, "add", add);
    if (sent) view_set_str(a, root, "error", page_t(sent->row_error ? sent->row_error : "users_err_fix"));
    const char *done = req_query(r, "done");
    if (!sent && done && strlen(done) < 20 && strspn(done, "abcdefghijklmnopqrstuvwxyz_") == strlen(done))
        view_set_str(a, root, "notice", page_t(arena_printf(a, "users_done_%s", done)));
    view_set_str(a, root, "page_title", page_t("admin_users"));
    admin_html(r, w, "admin/users", root, status);
}

void admin_users_page(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_MANAGE_USERS, NULL) : NULL;
    if (st) users_show(r, w, s, st, NULL, 200);
}

static bool login_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 2 && n <= 64 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Check the add form into *u; the number of fields in error. */
static int read_add(store *s, arena *a, const form *f, user_sent *u, const char **pw)
{
    const char *login = form_get(f, "login"), *name = form_get(f, "name");
    u->login = comment_clean(a, login ? login : "", false);
    u->name = comment_clean(a, name ? name : "", false);
    u->role = form_get(f, "role");
    *pw = form_get(f, "password");
    store_user existing;
    if (!login_ok(u->login)) u->err_login = "users_err_login";
    else if (store_user_by_login(s, a, u->login, &existing) == 0) u->err_login = "users_err_taken";
    if (chars(u->name) > 80) u->err_name = "users_err_name";
    if (role_parse(u->role) == ROLE_NONE) u->err_role = "users_err_role", u->role = NULL;
    u->err_password = *pw ? password_problem(*pw, u->login) : "password_too_short";
    return !!u->err_login + !!u->err_name + !!u->err_role + !!u->err_password;
}

void admin_users_add(req *r, resp *w)
{
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_MANAGE_USERS, &f) : NULL;
    if (!st) return;
    user_sent u = { 0 };
    const char *pw;
    if (read_add(s, r->a, &f, &u, &pw)) {
        users_show(r, w, s, st, &u, 400);
        return;
    }
    char hash[PASSWORD_HASH_MAX];
    long long id;
    if (password_hash(hash, pw) ||
        store_user_add(s, u.login, u.name[0] ? u.name : u.login, hash, u.role, &id)) {
        w->status = 503;
        return;
    }
    store_audit(s, st->user.id, "user_add", "user", id, u.role);
    resp_redirect(r, w, 303, "/admin/users?done=added");
}
