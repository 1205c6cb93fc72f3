/* guard.h — time limits for slow clients.
 *
 * libmicrohttpd's connection timeout counts inactivity, so a client that
 * trickles one header line every few seconds (slowloris) or a body a byte
 * at a time (slow POST) is never cut off by it. The guard keeps, for each
 * connection, when its current phase began — waiting for a request's
 * headers, then for its body — and the server's watcher thread calls
 * guard_sweep to shut down connections whose phase has run too long. */
#ifndef MIDAD_GUARD_H
#define MIDAD_GUARD_H

#include <stddef.h>

typedef struct guard_conn guard_conn;

/* The limits, in seconds, for a request's headers (counted from the
 * connection's start or the previous request's end) and for its body. */
void guard_init(int header_seconds, int body_seconds);

/* A connection opened on socket `fd` (returns its record), or closed. */
guard_conn *guard_open(int fd);
void guard_close(guard_conn *g);

/* The request's headers have all arrived: the body's time starts. */
void guard_headers_done(guard_conn *g);
/* The request is complete: no limit while it is answered. */
void guard_body_done(guard_conn *g);
/* The answer is sent: the next request's headers' time starts. */
void guard_request_done(guard_conn *g);

/* Shut down every connection over its limit; returns how many. */
size_t guard_sweep(void);

/* Requests being received or answered now (not idle keep-alive
 * connections): shutdown waits for these. */
size_t guard_in_flight(void);

/* Connections cut so far (for tests and logs). */
size_t guard_cut_count(void);

#endif
