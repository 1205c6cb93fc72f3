/* ratelimit.h — per-client token buckets (e.g. comment posts per IP).
 *
 * Each key (a client's hashed address) gets a bucket of `burst` tokens
 * refilled at `per_minute`; a request takes one. Keys share a fixed table
 * of buckets, so memory is bounded whatever the number of clients; two
 * keys that land in the same slot share a bucket (rare, and only ever
 * stricter). Thread-safe. */
#ifndef MIDAD_RATELIMIT_H
#define MIDAD_RATELIMIT_H

#include <stdbool.h>

typedef struct ratelimit ratelimit;

/* A limiter; per_minute <= 0 makes every request allowed. */
ratelimit *ratelimit_new(double per_minute, double burst);
void ratelimit_free(ratelimit *rl);

/* Take a token for `key` at time `now` (seconds); false when none is left. */
bool ratelimit_allow(ratelimit *rl, const char *key, double now);

#endif
