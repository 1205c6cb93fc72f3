/* password.h — staff passwords: argon2id hashes (libsodium) and the policy.
 *
 * A hash takes about 0.1 s and 64 MiB (libsodium's INTERACTIVE limits), so
 * callers must limit how many run at once (admin/login.c does). */
#ifndef MIDAD_PASSWORD_H
#define MIDAD_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_MAX 128   /* crypto_pwhash_STRBYTES */
#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_BYTES 1024

/* Hash `pw` into out (NUL-terminated). 0, or -1 when out of memory. */
int password_hash(char out[PASSWORD_HASH_MAX], const char *pw);
/* True if `pw` matches `hash`. */
bool password_verify(const char *hash, const char *pw);
/* Run a verification against a fixed hash and fail: for unknown or
 * disabled users, so they take as long as a wrong password. */
void password_verify_dummy(const char *pw);
/* True if `hash` was made with other parameters than password_hash uses now. */
bool password_needs_rehash(const char *hash);
/* NULL if `pw` is acceptable for `login`, else the locale key of the
 * problem: too short, too long, on the list of common passwords, or the
 * login itself. */
const char *password_problem(const char *pw, const char *login);

#endif
