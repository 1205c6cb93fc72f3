/* comment_settings.c — loading the comment policy and the site secret. */
#include "site/comment_settings.h"

#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/comments.h"
#include "text/blocklist.h"

/* `config` is made at start-up. comments_reload makes a new block (a copy
 * sharing the key, rate limiter and word list) and swaps the pointer;
 * request threads may still be reading an old block, so none is freed
 * before comments_shutdown (they are small and made only on a change). */
typedef struct held {
    comment_config c;
    struct held *older;
} held;

static comment_config config;
static _Atomic(const comment_config *) current;
static held *reloaded;
static arena *config_arena;

const comment_config *comment_settings(void)
{
    const comment_config *c = atomic_load(&current);
    return c ? c : &config;
}

bool comment_open_at(bool article_open, long long published_at, long long close_days,
                     long long now)
{
    if (!article_open) return false;
    if (close_days <= 0 || published_at <= 0) return true;
    return now - published_at < close_days * 86400;
}

/* The site secret: 32 random bytes kept hex-encoded in settings, made on
 * first use. It signs form tokens and keys the hashes of readers' IPs. */
static int load_secret(store *s, char *err, size_t errlen)
{
    const char *hex = store_setting_get(s, config_arena, "secret", "");
    size_t len = 0;
    if (strlen(hex) == 2 * FORM_TOKEN_KEY_BYTES &&
        sodium_hex2bin(config.key, sizeof config.key, hex, strlen(hex), NULL, &len, NULL) == 0 &&
        len == sizeof config.key)
        return 0;
    char fresh[2 * FORM_TOKEN_KEY_BYTES + 1];
    randombytes_buf(config.key, sizeof config.key);
    sodium_bin2hex(fresh, sizeof fresh, config.key, sizeof config.key);
    /* a read-only database cannot keep it: the fresh key then lives as long
     * as this process (nothing can be written anyway) */
    (void)store_setting_set(s, "secret", fresh);
    (void)err;
    (void)errlen;
    return 0;
}

static long long setting_num(store *s, arena *a, const char *key, long long fallback)
{
    const char *v = store_setting_get(s, a, key, NULL);
    return v ? atoll(v) : fallback;
}

/* The settings the settings page may change, read into c. */
static void read_policy(store *s, arena *a, comment_config *c)
{
    const char *policy = store_setting_get(s, a, "comment_moderation", "first");
    c->policy = strcmp(policy, "all") == 0 ? MODERATE_ALL
              : strcmp(policy, "none") == 0 ? MODERATE_NONE : MODERATE_FIRST;
    c->min_seconds = setting_num(s, a, "comment_min_seconds", 3);
    c->max_links = (int)setting_num(s, a, "comment_max_links", 2);
    c->close_days = setting_num(s, a, "comment_close_days", 0);
}

int comments_reload(store *s)
{
    const comment_config *now = comment_settings();
    comment_config next = *now;
    arena *a = arena_new(0);
    read_policy(s, a, &next);
    arena_free(a);
    if (next.policy == now->policy && next.min_seconds == now->min_seconds &&
        next.max_links == now->max_links && next.close_days == now->close_days)
        return 0;
    held *h = malloc(sizeof *h);
    if (!h) return 0;
    h->c = next;
    h->older = reloaded;
    reloaded = h;           /* callers hold site_settings_reload's lock */
    atomic_store(&current, &h->c);
    return 1;
}

int comments_init(store *s, char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium failed to start");
        return -1;
    }
    config_arena = arena_new(0);
    if (load_secret(s, err, errlen)) return -1;
    read_policy(s, config_arena, &config);
    config.max_age = 24 * 3600;
    config.per_ip = ratelimit_new((double)setting_num(s, config_arena, "comment_rate_per_minute", 6), 10);
    const char *extra = store_setting_get(s, config_arena, "comment_blocklist", "");
    config.blocked = blocklist_load(config_arena, extra);
    return 0;
}

void comments_shutdown(void)
{
    atomic_store(&current, NULL);
    for (held *h = reloaded, *older; h; h = older) {
        older = h->older;
        free(h);
    }
    reloaded = NULL;
    ratelimit_free(config.per_ip);
    arena_free(config_arena);
    memset(&config, 0, sizeof config);
    config_arena = NULL;
}
