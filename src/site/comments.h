/* comments.h — private to src/site/: readers' comments on article pages.
 *
 * comments_view adds the comments area to an article's view (the approved
 * comments, threaded; the count; the form, or a notice when comments are
 * closed). comment_post_handle takes POST /article/ID/comments through the
 * spam defences (token, honeypot, origin, rate limit, links, word list)
 * to the moderation policy, and answers 303 back to the article. */
#ifndef MIDAD_COMMENTS_H
#define MIDAD_COMMENTS_H

#include "http/http.h"
#include "render/view.h"
#include "site/comment_form.h"
#include "store/store.h"

/* Read the comment settings and the site secret (made on first use). */
int comments_init(store *s, char *err, size_t errlen);
void comments_shutdown(void);
/* Read the comment policy again (settings page); 1 if it changed. */
int comments_reload(store *s);

/* Set "comments" on the article view `av`. `sent` is a submitted form to
 * show again with its errors (NULL for a fresh form), `error` the locale
 * key of a message above the form (or NULL). */
void comments_view(req *r, store *s, const store_article *ar, view *av,
                   const comment_form *sent, const char *error);

/* A comment's time: iso, absolute (date and time) and relative to now. */
view *comment_time_view(arena *a, long long t, long long now);

/* POST /article/ID/comments */
void comment_post_handle(req *r, resp *w);

/* Write the refusal counts gathered in memory to the database. */
void comments_flush_refusals(store *s);

#endif
