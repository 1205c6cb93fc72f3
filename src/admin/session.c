/* session.c — staff sessions; see session.h. */
#include "admin/session.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "http/cookie.h"

const char *session_cookie_name(bool secure)
{
    return secure ? "__Host-midad" : "midad_session";
}

/* 32 random bytes as URL-safe base64, from `a`. */
static const char *random_token(arena *a)
{
    unsigned char raw[32];
    size_t n = sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, n);
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

static const char *token_hash(arena *a, const char *token)
{
    unsigned char h[32];
    char *hex = arena_alloc(a, 65);
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
    return hex;
}

int session_find(req *r, store *s, bool secure, store_session *out, const char **hash)
{
    const char *token = cookie_get(r, session_cookie_name(secure));
    if (!token || strlen(token) != 43) return STORE_NOT_FOUND;
    *hash = token_hash(r->a, token);
    int rc = store_session_get(s, r->a, *hash, out);
    if (rc) return rc;
    long long now = (long long)time(NULL);
    if (now - out->seen_at > SESSION_IDLE || now - out->created_at > SESSION_MAX) {
        store_session_delete(s, *hash);
        return STORE_NOT_FOUND;
    }
    if (now - out->seen_at >= 60) store_session_touch(s, *hash, now);
    return 0;
}

int session_start(req *r, resp *w, store *s, long long user_id, bool secure)
{
    store_session old;
    const char *old_hash;
    if (session_find(r, s, secure, &old, &old_hash) == 0) store_session_delete(s, old_hash);
    const char *token = random_token(r->a);
    if (store_session_add(s, token_hash(r->a, token), user_id, random_token(r->a),
                          (long long)time(NULL)))
        return -1;
    cookie_set(r, w, session_cookie_name(secure), token, -1, secure);
    return 0;
}

void session_end(req *r, resp *w, store *s, const char *hash, bool secure)
{
    if (hash) store_session_delete(s, hash);
    cookie_set(r, w, session_cookie_name(secure), "", 0, secure);
}
