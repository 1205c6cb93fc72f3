/* form_token.h — signed form tokens: CSRF protection and a clock for spam.
 *
 * A token is "TIME.SCOPE.MAC": the time the form was served, what it is
 * for (an article id), and an HMAC (libsodium crypto_auth) of both under
 * the site's secret key. Checking it proves the form came from this site,
 * for this page, and says how long ago it was served. */
#ifndef MIDAD_FORM_TOKEN_H
#define MIDAD_FORM_TOKEN_H

#include "core/arena.h"

#define FORM_TOKEN_KEY_BYTES 32

typedef enum {
    TOKEN_OK,
    TOKEN_BAD,        /* missing, malformed, forged, or for another page */
    TOKEN_TOO_FAST,   /* younger than the minimum age: a script */
    TOKEN_EXPIRED,    /* older than the maximum age */
} token_status;

/* A token for `scope` issued at `now`, allocated from `a`. */
const char *form_token_make(arena *a, const unsigned char key[FORM_TOKEN_KEY_BYTES],
                            long long scope, long long now);

/* Check `token` for `scope` at `now`: signed by `key`, at least min_age and
 * at most max_age seconds old. */
token_status form_token_check(const unsigned char key[FORM_TOKEN_KEY_BYTES],
                              const char *token, long long scope, long long now,
                              long long min_age, long long max_age);

#endif
