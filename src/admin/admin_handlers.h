/* admin_handlers.h — private to src/admin/: one handler per back office page. */
#ifndef MIDAD_ADMIN_HANDLERS_H
#define MIDAD_ADMIN_HANDLERS_H

#include "http/http.h"

void admin_login_page(req *r, resp *w);       /* login.c */
void admin_login_post(req *r, resp *w);       /* login.c */
void admin_logout(req *r, resp *w);           /* login.c */
void admin_dashboard(req *r, resp *w);        /* admin.c */
void admin_comments_page(req *r, resp *w);    /* moderation.c: the queue */
void admin_comments_post(req *r, resp *w);    /* moderation.c: status, one or bulk */
void admin_comment_page(req *r, resp *w);     /* moderation_edit.c */
void admin_comment_edit(req *r, resp *w);     /* moderation_edit.c */
void admin_comment_reply(req *r, resp *w);    /* moderation_edit.c: reply as staff */
void admin_settings_page(req *r, resp *w);    /* settings.c */
void admin_settings_post(req *r, resp *w);    /* settings.c */
void admin_users_page(req *r, resp *w);       /* users.c */
void admin_users_add(req *r, resp *w);        /* users.c */
void admin_user_role(req *r, resp *w);        /* users_change.c */
void admin_user_disable(req *r, resp *w);     /* users_change.c */
void admin_user_enable(req *r, resp *w);      /* users_change.c */
void admin_user_password(req *r, resp *w);    /* users_change.c */
void admin_articles_list(req *r, resp *w);    /* articles.c */
void admin_article_trash(req *r, resp *w);    /* articles.c */
void admin_article_restore(req *r, resp *w);  /* articles.c: back to draft */
void admin_article_new(req *r, resp *w);      /* articles_form.c */
void admin_article_create(req *r, resp *w);   /* articles_form.c */
void admin_article_edit(req *r, resp *w);     /* articles_form.c */
void admin_article_save(req *r, resp *w);     /* articles_form.c: save, preview, moves */
void admin_revisions_list(req *r, resp *w);   /* revisions.c */
void admin_revision_show(req *r, resp *w);    /* revisions.c: diff with the current text */
void admin_revision_restore(req *r, resp *w); /* revisions.c */

#endif