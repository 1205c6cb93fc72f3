/* users.h — private to src/admin/: what the users page (users.c) and its
 * per-user actions (users_change.c) share. */
#ifndef MIDAD_ADMIN_USERS_H
#define MIDAD_ADMIN_USERS_H

#include "admin/staff.h"

/* What a refused form sends back. */
typedef struct {
    const char *login, *name, *role;             /* the add form, kept */
    const char *err_login, *err_name, *err_role, *err_password;
    long long row;                               /* the user a row error is about */
    const char *row_error;                       /* its locale key */
} user_sent;

/* The users page; `sent` (or NULL) carries a refused form's values and
 * errors, shown with `status`. */
void users_show(req *r, resp *w, store *s, const staff *st, const user_sent *sent, int status);

#endif
