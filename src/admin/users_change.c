/* users_change.c — one user's actions on the users page:
 * POST /admin/users/ID/role, …/disable, …/enable, …/password.
 * Refusals (oneself, the last admin, a weak password) come back on the
 * users page next to the user's row, with 400 (or 409 for the last admin). */
#include <stdlib.h>
#include <string.h>

#include "admin/admin_handlers.h"
#include "admin/password.h"
#include "admin/users.h"
#include "site/page.h"

typedef enum { DO_ROLE, DO_DISABLE, DO_ENABLE, DO_PASSWORD } user_action;

static long long user_id(req *r)
{
    const char *p = r->n_params > 0 ? r->params[0] : NULL;
    if (!p || !*p || strlen(p) > 18 || strspn(p, "0123456789") != strlen(p)) return 0;
    return atoll(p);
}

/* Carry out `act` on u; 0, or the locale key of a refusal in *why with
 * *status, or -1 on a database error. */
static int apply(store *s, const staff *st, const store_user *u, user_action act,
                 const form *f, const char **why, int *status)
{
    *status = 400;
    const char *new_role = form_get(f, "role"), *pw = form_get(f, "password");
    int rc = 0;
    switch (act) {
    case DO_ROLE:
        if (role_parse(new_role) == ROLE_NONE) return *why = "users_err_role", 1;
        if (u->id == st->user.id) return *why = "users_err_self", 1;
        rc = store_user_set_role(s, u->id, new_role);
        break;
    case DO_DISABLE:
        if (u->id == st->user.id) return *why = "users_err_self", 1;
        rc = store_user_disable(s, u->id);
        break;
    case DO_ENABLE:
        rc = store_user_set_disabled(s, u->id, false);
        break;
    case DO_PASSWORD: {
        if (!pw || (*why = password_problem(pw, u->login))) {
            if (!pw) *why = "password_too_short";
            return 1;
        }
        char hash[PASSWORD_HASH_MAX];
        if (password_hash(hash, pw)) return -1;
        rc = store_user_set_hash(s, u->id, hash, true);   /* ends their sessions */
        break;
    }
    }
    if (rc == STORE_LAST_ADMIN) return *status = 409, *why = "users_err_last_admin", 1;
    return rc == 0 ? 0 : -1;
}

static void change(req *r, resp *w, user_action act)
{
    static const char *const names[] = { "role", "disable", "enable", "password" };
    store *s = page_store(w);
    form f;
    staff *st = s ? admin_enter(r, w, s, CAN_MANAGE_USERS, &f) : NULL;
    if (!st) return;
    store_user u;
    long long id = user_id(r);
    int rc = id ? store_user_by_id(s, r->a, id, &u) : STORE_NOT_FOUND;
    if (rc) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return;
    }
    const char *why = NULL;
    int status;
    rc = apply(s, st, &u, act, &f, &why, &status);
    if (rc > 0) {
        user_sent sent = { .row = id, .row_error = why };
        users_show(r, w, s, st, &sent, status);
        return;
    }
    if (rc < 0) {
        w->status = 503;
        return;
    }
    store_audit(s, st->user.id, arena_printf(r->a, "user_%s", names[act]), "user", id,
                act == DO_ROLE ? form_get(&f, "role") : "");
    /* one's own new password ended one's own session too: sign in again */
    bool self = act == DO_PASSWORD && id == st->user.id;
    resp_redirect(r, w, 303, self ? "/admin/login" : arena_printf(r->a, "/admin/users?done=%s", names[act]));
}

void admin_user_role(req *r, resp *w) { change(r, w, DO_ROLE); }
void admin_user_disable(req *r, resp *w) { change(r, w, DO_DISABLE); }
void admin_user_enable(req *r, resp *w) { change(r, w, DO_ENABLE); }
void admin_user_password(req *r, resp *w) { change(r, w, DO_PASSWORD); }
