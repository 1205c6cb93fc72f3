/* comment_settings.h — private to src/site/: the comment policy, read from
 * the settings table at start-up, and the site secret. */
#ifndef MIDAD_COMMENT_SETTINGS_H
#define MIDAD_COMMENT_SETTINGS_H

#include <stdbool.h>

#include "http/ratelimit.h"
#include "text/blocklist.h"
#include "site/form_token.h"

typedef enum { MODERATE_FIRST, MODERATE_ALL, MODERATE_NONE } moderation;

typedef struct {
    unsigned char key[FORM_TOKEN_KEY_BYTES];  /* form tokens, IP hashes */
    moderation policy;        /* comment_moderation: first | all | none */
    long long min_seconds;    /* comment_min_seconds: 3 (0 = off, for benchmarks) */
    long long max_age;        /* a form older than this is refused: 1 day */
    int max_links;            /* comment_max_links: 2 */
    ratelimit *per_ip;        /* comment_rate_per_minute: 6, burst 10 (0 = off) */
    blocklist *blocked;       /* comment_blocklist + the built-in list */
    long long close_days;     /* comment_close_days: 0 = never close */
} comment_config;

/* The settings loaded by comments_init (or the last comments_reload). */
const comment_config *comment_settings(void);

/* Are an article's comments open at `now`? Only when the article allows
 * them and, with close_days > 0, it was published less than close_days
 * days ago. */
bool comment_open_at(bool article_open, long long published_at, long long close_days,
                     long long now);

#endif
