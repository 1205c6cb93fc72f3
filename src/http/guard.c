/* guard.c — cutting off slow clients; see guard.h. */
#include "http/guard.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

typedef enum { WAIT_HEADERS, WAIT_BODY, ANSWERING } phase;

struct guard_conn {
    int fd;
    phase phase;
    double since;            /* monotonic seconds: when the phase began */
    bool cut;
    guard_conn *prev, *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static guard_conn *conns;
static double header_limit = 20, body_limit = 60;
static size_t cuts;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void guard_init(int header_seconds, int body_seconds)
{
    if (header_seconds > 0) header_limit = header_seconds;
    if (body_seconds > 0) body_limit = body_seconds;
}

guard_conn *guard_open(int fd)
{
    guard_conn *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->fd = fd;
    g->phase = WAIT_HEADERS;
    g->since = now_seconds();
    pthread_mutex_lock(&lock);
    g->next = conns;
    if (conns) conns->prev = g;
    conns = g;
    pthread_mutex_unlock(&lock);
    return g;
}

void guard_close(guard_conn *g)
{
    if (!g) return;
    pthread_mutex_lock(&lock);
    if (g->prev) g->prev->next = g->next;
    else conns = g->next;
    if (g->next) g->next->prev = g->prev;
    pthread_mutex_unlock(&lock);
    free(g);
}

static void enter(guard_conn *g, phase p)
{
    if (!g) return;
    pthread_mutex_lock(&lock);
    g->phase = p;
    g->since = now_seconds();
    pthread_mutex_unlock(&lock);
}

void guard_headers_done(guard_conn *g) { enter(g, WAIT_BODY); }
void guard_body_done(guard_conn *g) { enter(g, ANSWERING); }
void guard_request_done(guard_conn *g) { enter(g, WAIT_HEADERS); }

size_t guard_sweep(void)
{
    double now = now_seconds();
    size_t n = 0;
    pthread_mutex_lock(&lock);
    for (guard_conn *g = conns; g; g = g->next) {
        double limit = g->phase == WAIT_HEADERS ? header_limit
                     : g->phase == WAIT_BODY ? body_limit : 0;
        if (g->cut || !limit || now - g->since <= limit) continue;
        /* the connection's own thread sees end-of-file and closes it */
        shutdown(g->fd, SHUT_RDWR);
        g->cut = true;
        n++;
    }
    cuts += n;
    pthread_mutex_unlock(&lock);
    return n;
}

size_t guard_in_flight(void)
{
    size_t n = 0;
    pthread_mutex_lock(&lock);
    for (guard_conn *g = conns; g; g = g->next) n += g->phase != WAIT_HEADERS && !g->cut;
    pthread_mutex_unlock(&lock);
    return n;
}

size_t guard_cut_count(void)
{
    pthread_mutex_lock(&lock);
    size_t n = cuts;
    pthread_mutex_unlock(&lock);
    return n;
}
