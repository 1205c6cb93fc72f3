/* form_token.c — signed form tokens; see form_token.h. */
#include "site/form_token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define MAC_B64 (sodium_base64_ENCODED_LEN(crypto_auth_BYTES, \
                 sodium_base64_VARIANT_URLSAFE_NO_PADDING))

static void sign(const unsigned char key[FORM_TOKEN_KEY_BYTES], const char *msg,
                 char out[MAC_B64])
{
    unsigned char mac[crypto_auth_BYTES];
    crypto_auth(mac, (const unsigned char *)msg, strlen(msg), key);
    sodium_bin2base64(out, MAC_B64, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

const char *form_token_make(arena *a, const unsigned char key[FORM_TOKEN_KEY_BYTES],
                            long long scope, long long now)
{
    char msg[64], mac[MAC_B64];
    snprintf(msg, sizeof msg, "%lld.%lld", now, scope);
    sign(key, msg, mac);
    return arena_printf(a, "%s.%s", msg, mac);
}

/* Read "TIME.SCOPE." (plain decimal numbers); returns the length read or 0. */
static size_t read_head(const char *t, long long *when, long long *scope)
{
    const char *p = t;
    long long v[2] = { 0, 0 };
    for (int k = 0; k < 2; k++) {
        const char *start = p;
        while (*p >= '0' && *p <= '9' && p - start < 15) v[k] = v[k] * 10 + (*p++ - '0');
        if (p == start || *p != '.') return 0;
        p++;
    }
    *when = v[0];
    *scope = v[1];
    return (size_t)(p - t);
}

token_status form_token_check(const unsigned char key[FORM_TOKEN_KEY_BYTES],
                              const char *token, long long scope, long long now,
                              long long min_age, long long max_age)
{
    long long when, tscope;
    size_t head = token ? read_head(token, &when, &tscope) : 0;
    if (!head || tscope != scope || strlen(token + head) != MAC_B64 - 1) return TOKEN_BAD;
    char msg[64], mac[MAC_B64];
    snprintf(msg, sizeof msg, "%.*s", (int)head - 1, token);
    sign(key, msg, mac);
    if (sodium_memcmp(mac, token + head, MAC_B64 - 1) != 0) return TOKEN_BAD;
    if (now - when < min_age) return TOKEN_TOO_FAST;
    if (now - when > max_age) return TOKEN_EXPIRED;
    return TOKEN_OK;
}
