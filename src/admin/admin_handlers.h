/* admin_handlers.h — private to src/admin/: one handler per back office page. */
#ifndef MIDAD_ADMIN_HANDLERS_H
#define MIDAD_ADMIN_HANDLERS_H

#include "http/http.h"

void admin_login_page(req *r, resp *w);       /* login.c */
void admin_login_post(req *r, resp *w);       /* login.c */
void admin_logout(req *r, resp *w);           /* login.c */
void admin_dashboard(req *r, resp *w);        /* admin.c */

#endif
