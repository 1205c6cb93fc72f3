/* session.h — private to src/admin/: staff sessions.
 *
 * A session is a random 256-bit token in an HttpOnly cookie; the store
 * keeps only its hash, with the user, a CSRF token, and when it was made
 * and last seen. Sessions end after 2 hours idle or 12 hours in all, at
 * logout, and when the user's password changes or the user is disabled. */
#ifndef MIDAD_SESSION_H
#define MIDAD_SESSION_H

#include <stdbool.h>

#include "http/http.h"
#include "store/store.h"

#define SESSION_IDLE (2 * 3600)
#define SESSION_MAX (12 * 3600)

/* The cookie's name: "__Host-midad" over HTTPS, "midad_session" otherwise. */
const char *session_cookie_name(bool secure);

/* The live session named by the request's cookie: 0 and *out, or
 * STORE_NOT_FOUND (no cookie, unknown, expired), or -1. *token_hash gets
 * its key. */
int session_find(req *r, store *s, bool secure, store_session *out, const char **token_hash);

/* A new session for `user_id` (the old one of this browser, if any, ends:
 * the token rotates at every login); sets the cookie on w. */
int session_start(req *r, resp *w, store *s, long long user_id, bool secure);

/* End the session `token_hash` and clear the cookie. */
void session_end(req *r, resp *w, store *s, const char *token_hash, bool secure);

#endif
