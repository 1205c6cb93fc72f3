/* fuzz_token.c — the signed form token (src/site/form_token.c), the one
 * token format of ours that is parsed from outside input: the comment
 * form's "TIME.SCOPE.MAC" field. (Cookies are split by libmicrohttpd; a
 * staff session cookie is only length-checked and hashed for a lookup, and
 * the CSRF field is compared whole, so there is no parser of ours there.)
 *
 * Two checks on each input:
 *  - the bytes as a token: form_token_check may say TOKEN_OK only for the
 *    exact text form_token_make gives for its time and scope (nothing the
 *    fuzzer can forge without the key);
 *  - a genuine token built from the input's numbers is accepted at the
 *    right ages, refused when too young, too old or for another scope, and
 *    refused after any one byte of it is changed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "site/form_token.h"

static const unsigned char key[FORM_TOKEN_KEY_BYTES] = "midad-fuzz-key-0123456789abcdef";

static long long num(const uint8_t *d, size_t n, size_t at, long long mod)
{
    unsigned long long v = 0;
    for (size_t i = 0; i < 6; i++) v = v << 8 | (at + i < n ? d[at + i] : 0);
    return (long long)(v % (unsigned long long)mod);
}

static void check_text(arena *a, const uint8_t *data, size_t size, long long scope)
{
    char *t = malloc(size + 1);
    memcpy(t, data, size);
    t[size] = 0;
    long long when = strtoll(t, NULL, 10);
    if (form_token_check(key, t, scope, 1LL << 50, 0, 1LL << 51) == TOKEN_OK &&
        strcmp(t, form_token_make(a, key, scope, when)) != 0)
        abort();
    free(t);
}

static void check_genuine(arena *a, const uint8_t *data, size_t size)
{
    long long when = num(data, size, 0, 100000000000LL);
    long long scope = num(data, size, 6, 1000000000LL);
    const char *t = form_token_make(a, key, scope, when);
    if (form_token_check(key, t, scope, when + 5, 3, 86400) != TOKEN_OK) abort();
    if (form_token_check(key, t, scope, when + 1, 3, 86400) != TOKEN_TOO_FAST) abort();
    if (form_token_check(key, t, scope, when + 86401, 3, 86400) != TOKEN_EXPIRED) abort();
    if (form_token_check(key, t, scope + 1, when + 5, 3, 86400) != TOKEN_BAD) abort();
    size_t len = strlen(t);
    char *m = arena_alloc(a, len + 1);
    memcpy(m, t, len + 1);
    size_t at = (size_t)num(data, size, 12, (long long)len);
    unsigned char by = size > 18 && data[18] ? data[18] : 'x';
    if (m[at] == (char)by) by = m[at] == 'x' ? 'y' : 'x';
    m[at] = (char)by;
    if (form_token_check(key, m, scope, when + 5, 0, 1LL << 40) == TOKEN_OK) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(0);
    check_text(a, data, size, 42);
    check_genuine(a, data, size);
    arena_free(a);
    return 0;
}
