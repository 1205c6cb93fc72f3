/* comment_settings.c — loading the comment policy and the site secret. */
#include "site/comment_settings.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/comments.h"
#include "text/blocklist.h"

static comment_config config;
static arena *config_arena;

const comment_config *comment_settings(void)
{
    return &config;
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
    if (store_setting_set(s, "secret", fresh)) {
        snprintf(err, errlen, "cannot save the site secret: %s", store_errmsg(s));
        return -1;
    }
    return 0;
}

static long long setting_num(store *s, const char *key, long long fallback)
{
    const char *v = store_setting_get(s, config_arena, key, NULL);
    return v ? atoll(v) : fallback;
}

int comments_init(store *s, char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium failed to start");
        return -1;
    }
    config_arena = arena_new(0);
    if (load_secret(s, err, errlen)) return -1;
    const char *policy = store_setting_get(s, config_arena, "comment_moderation", "first");
    config.policy = strcmp(policy, "all") == 0 ? MODERATE_ALL
                  : strcmp(policy, "none") == 0 ? MODERATE_NONE : MODERATE_FIRST;
    config.min_seconds = setting_num(s, "comment_min_seconds", 3);
    config.max_age = 24 * 3600;
    config.max_links = (int)setting_num(s, "comment_max_links", 2);
    config.per_ip = ratelimit_new((double)setting_num(s, "comment_rate_per_minute", 6), 10);
    const char *extra = store_setting_get(s, config_arena, "comment_blocklist", "");
    config.blocked = blocklist_load(config_arena, extra);
    return 0;
}

void comments_shutdown(void)
{
    ratelimit_free(config.per_ip);
    arena_free(config_arena);
    memset(&config, 0, sizeof config);
    config_arena = NULL;
}
