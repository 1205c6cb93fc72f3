/* staff.h — private to src/admin/: who is signed in and what they may do.
 *
 * Every back office handler starts with admin_enter, which finds the
 * session from the cookie, checks the role against the permission table,
 * and, for a POST, reads the form and checks its CSRF token. Permissions
 * are enforced here, on the server, for every action. */
#ifndef MIDAD_STAFF_H
#define MIDAD_STAFF_H

#include <stdbool.h>

#include "http/form.h"
#include "http/http.h"
#include "render/view.h"
#include "store/store.h"

typedef enum { ROLE_NONE, ROLE_AUTHOR, ROLE_EDITOR, ROLE_ADMIN } role;

typedef enum {
    CAN_ENTER,          /* the dashboard, one's own profile */
    CAN_WRITE,          /* create articles, edit one's own drafts, submit for review */
    CAN_EDIT_ANY,       /* edit anyone's article, set its author */
    CAN_PUBLISH,        /* publish, schedule, unpublish, trash, restore */
    CAN_MODERATE,       /* comments */
    CAN_MANAGE_USERS,
    CAN_SETTINGS,
    CAN_COUNT
} permission;

/* The role named `s` ("admin", "editor", "author"), or ROLE_NONE. */
role role_parse(const char *s);
/* The permission table: may `r` do `p`? */
bool role_can(role r, permission p);

typedef struct {
    store_user user;
    role role;
    const char *csrf;         /* this session's CSRF token */
    const char *token_hash;   /* this session's key in the store */
    bool secure;              /* the request came over HTTPS */
} staff;

/* The signed-in staff member if allowed to `p`; otherwise NULL with w set:
 * a redirect to the login page when not signed in (or the login page
 * keeping the unsaved text, for a POST), 403 when the role lacks `p` or a
 * POST's CSRF token is missing or wrong, 415 for a POST that is not a
 * form. For a POST, *f receives the parsed form (f may be NULL for GET). */
staff *admin_enter(req *r, resp *w, store *s, permission p, form *f);

/* The root view of a back office page: the site's root, the staff member,
 * the CSRF token, the navigation with counts. */
view *admin_root(req *r, store *s, const staff *st);
/* Render a back office template: never cached, never indexed. */
void admin_html(req *r, resp *w, const char *name, view *root, int status);

/* Is this request over HTTPS (directly, or from the trusted proxy)? */
bool admin_request_secure(req *r);
/* Trust X-Forwarded-Proto from this address only (NULL or "" = nobody). */
void staff_set_trusted_proxy(const char *ip);

#endif
