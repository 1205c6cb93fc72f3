/* password.c — argon2id hashes and the password policy; see password.h. */
#include "admin/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#define OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

/* Passwords people pick first; written for this project. Compared without
 * regard to case, and a password that is one of these followed or preceded
 * by digits or "!" is refused too. */
static const char *const common[] = {
    "password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertyuiop", "asdfghjkl",
    "zxcvbnm", "azerty", "letmein", "welcome", "admin", "administrator", "root", "login",
    "master", "secret", "changeme", "default", "iloveyou", "monkey", "dragon", "football",
    "baseball", "superman", "batman", "sunshine", "princess", "shadow", "trustno1",
    "abc123", "abcdef", "abcdefgh", "abcdefghij", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4",
    "qazwsx", "qazwsxedc", "zaq12wsx", "midad", "midad123", "news", "newsroom", "editor",
    "journalist", "sahafa", "akhbar", "mohammed", "muhammad", "ahmed", "allah", "bismillah",
    "habibi", "habibti", "yallah", "falastin", "palestine", "egypt", "masr", "saudi",
    "ksa", "dubai", "lebanon", "beirut", "cairo", "riyadh", "amman", "baghdad",
    "ضصثقفغعهخح", "شسيبلاتنمك", "كلمةالسر", "كلمةسر", "مرحبا", "محمد", "الله",
};

static bool only(const char *s, const char *set)
{
    return *s && strspn(s, set) == strlen(s);
}

/* pw is a common word, maybe with digits or '!' around it, or a run of one
 * repeated character, or digits only. */
static bool is_common(const char *pw)
{
    if (only(pw, "0123456789")) return true;
    bool same = true;
    for (const char *p = pw + 1; *p; p++) same &= *p == pw[0];
    if (same) return true;
    size_t n = strlen(pw);
    for (size_t i = 0; i < sizeof common / sizeof *common; i++) {
        size_t c = strlen(common[i]);
        for (size_t at = 0; at + c <= n; at++) {
            if (strncasecmp(pw + at, common[i], c) != 0) continue;
            char rest[PASSWORD_MAX_BYTES + 1];
            memcpy(rest, pw, at);
            memcpy(rest + at, pw + at + c, n - at - c + 1);
            if (!rest[0] || only(rest, "0123456789!@#._-")) return true;
        }
    }
    return false;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

const char *password_problem(const char *pw, const char *login)
{
    if (strlen(pw) > PASSWORD_MAX_BYTES) return "password_too_long";
    if (utf8_chars(pw) < PASSWORD_MIN_CHARS) return "password_too_short";
    if (login && strcasecmp(pw, login) == 0) return "password_is_login";
    if (is_common(pw)) return "password_common";
    return NULL;
}

int password_hash(char out[PASSWORD_HASH_MAX], const char *pw)
{
    return crypto_pwhash_str(out, pw, strlen(pw), OPS, MEM) == 0 ? 0 : -1;
}

bool password_verify(const char *hash, const char *pw)
{
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
    password_hash(dummy_hash, "midad: no such user, but take the time anyway");
}

void password_verify_dummy(const char *pw)
{
    pthread_once(&dummy_once, dummy_make);
    (void)password_verify(dummy_hash, pw);
}

bool password_needs_rehash(const char *hash)
{
    return crypto_pwhash_str_needs_rehash(hash, OPS, MEM) != 0;
}
