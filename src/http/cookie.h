/* cookie.h — reading and setting cookies. */
#ifndef MIDAD_COOKIE_H
#define MIDAD_COOKIE_H

#include <stdbool.h>

#include "http/http.h"

/* The value of cookie `name` sent with the request, or NULL. */
const char *cookie_get(req *r, const char *name);

/* Add a Set-Cookie header: Path=/, HttpOnly, SameSite=Lax, and Secure when
 * `secure`; max_age < 0 makes a session cookie, 0 deletes the cookie. */
void cookie_set(req *r, resp *w, const char *name, const char *value, long max_age,
                bool secure);

#endif
