/* ratelimit.c — token buckets in a fixed table; see ratelimit.h. */
#include "http/ratelimit.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define SLOTS 4096

typedef struct {
    uint64_t key;
    double tokens;
    double at;        /* when tokens was last brought up to date */
} bucket;

struct ratelimit {
    double per_second, burst;
    pthread_mutex_t lock;
    bucket slots[SLOTS];
};

ratelimit *ratelimit_new(double per_minute, double burst)
{
    ratelimit *rl = calloc(1, sizeof *rl);
    if (!rl) abort();
    rl->per_second = per_minute / 60.0;
    rl->burst = burst < 1 ? 1 : burst;
    pthread_mutex_init(&rl->lock, NULL);
    return rl;
}

void ratelimit_free(ratelimit *rl)
{
    if (!rl) return;
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h | 1;     /* never 0: 0 marks an unused slot */
}

bool ratelimit_allow(ratelimit *rl, const char *key, double now)
{
    if (rl->per_second <= 0) return true;
    uint64_t h = hash_key(key);
    pthread_mutex_lock(&rl->lock);
    bucket *b = &rl->slots[h % SLOTS];
    if (b->key == 0) {                  /* an unused slot starts full */
        b->tokens = rl->burst;
        b->at = now;
    }
    b->key = h;                         /* another key in the slot shares it */
    if (now > b->at) {                  /* threads may arrive out of clock order */
        b->tokens += (now - b->at) * rl->per_second;
        if (b->tokens > rl->burst) b->tokens = rl->burst;
        b->at = now;
    }
    bool ok = b->tokens >= 1;
    if (ok) b->tokens -= 1;
    pthread_mutex_unlock(&rl->lock);
    return ok;
}
