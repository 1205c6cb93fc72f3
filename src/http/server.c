/* server.c — libmicrohttpd glue and the request flow; see server.h.
 *
 * libmicrohttpd calls on_request several times per request: the first call
 * only sets up (queueing a response then would cost keep-alive), the ones
 * with upload data consume the body, and the last one answers. The URI
 * logger runs before any of them and creates the per-request context, so
 * the raw URL can be checked before libmicrohttpd's decoding hides a %00. */
#include "http/server.h"

#include <arpa/inet.h>
#include <grp.h>
#include <pwd.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/utf8.h"
#include "http/cache.h"
#include "http/guard.h"
#include "http/response.h"

#define MAX_BODY (64 * 1024)    /* public forms; see server_config.large_body_prefix */

typedef struct {
    req r;
    resp w;
    int calls;
    int bad_url;
    int bad_head;              /* a NUL hid part of the request head */
    const char *raw_uri;       /* the target where libmicrohttpd parsed it */
    size_t raw_uri_len;        /* its length before decoding */
    size_t body_bytes;         /* received, including what was dropped */
    buf body;                  /* kept while within body_max() */
    cache_entry *entry;
} request_ctx;

static const server_config *config;

/* The body limit of this request: larger under large_body_prefix (the
 * back office's article bodies), MAX_BODY everywhere else. The raw URL is
 * compared, so an escaped prefix ("/%61dmin/") gets the small limit. */
static size_t body_max(const request_ctx *x)
{
    const char *p = config->large_body_prefix;
    if (p && p[0] && x->r.url && strncmp(x->r.url, p, strlen(p)) == 0)
        return config->large_body_max;
    return MAX_BODY;
}

/* --- the door: raw URL checks ------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decode the raw URL and check it: well-formed escapes, strict UTF-8, no
 * NUL anywhere, no control characters in the path. */
static int url_is_clean(arena *a, const char *raw)
{
    size_t n = strlen(raw);
    char *dec = arena_alloc(a, n + 1);
    size_t len = 0, path_len = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        char c = raw[i];
        if (c == '?' && path_len == (size_t)-1) path_len = len;
        if (c == '%') {
            if (i + 2 >= n || hexval(raw[i + 1]) < 0 || hexval(raw[i + 2]) < 0)
                return 0;
            c = (char)(hexval(raw[i + 1]) * 16 + hexval(raw[i + 2]));
            i += 2;
        }
        if (c == '\0') return 0;
        dec[len++] = c;
    }
    if (path_len == (size_t)-1) path_len = len;
    for (size_t i = 0; i < path_len; i++)
        if ((unsigned char)dec[i] < 0x20 || dec[i] == 0x7f) return 0;
    return utf8_valid(dec, len);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    arena *a = arena_new(32 * 1024);
    request_ctx *x = arena_zalloc(a, sizeof *x);
    x->r.a = a;
    x->r.url = arena_strdup(a, uri);
    x->raw_uri = uri;
    x->raw_uri_len = strlen(uri);
    x->bad_url = !url_is_clean(a, uri);
    buf_init(&x->w.body, a);
    buf_init(&x->body, a);
    return x;
}

/* --- the door: NUL bytes in the request head ---------------------------------
 *
 * libmicrohttpd 0.9.75 splits the request line and the header lines in
 * place, in its read buffer, and hands them over as C strings: a NUL inside
 * a line ends the string early ("X-A: b\0c" arrives as "b", "GET /\0x" as
 * "/"), and its API has no length that tells (a value's size is its
 * strlen). But the strings still point into that buffer, in order, and
 * MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE says how long the head was. So we
 * walk the head from the method to its end: every byte must belong to a
 * string we were given, or be a separator libmicrohttpd overwrote with NUL
 * (the SP after the method and after the target, the ':', CR and LF) or
 * whitespace it skipped (more SP before the target, SP/HTAB before a value).
 * A byte hidden behind a NUL is none of these. The target is checked
 * exactly: its raw length (from on_uri) must reach the SP before the
 * version. Only a NUL right before a line end can go unseen — it hides
 * nothing. A folded header line (obs-fold), which libmicrohttpd copies out
 * of the buffer, is refused too (RFC 9112 5.2 allows that). If the request
 * line is not laid out this way at all (another libmicrohttpd), nothing is
 * refused: tests/http/test_raw_http.py then fails instead. */

typedef struct {
    const char *start, *end;   /* the head: method .. end of the empty line */
    const char *at;            /* the end of the last string walked */
    int ok;
} head_walk;

static int in_head(const head_walk *h, const char *p, size_t len)
{
    uintptr_t s = (uintptr_t)h->start, e = (uintptr_t)h->end, q = (uintptr_t)p;
    return q >= s && q <= e && len <= e - q;
}

/* The bytes from h->at to `next` are between min and max line ends: NULs
 * (libmicrohttpd's CR and LF) and nothing else. */
static int line_ends(const head_walk *h, const char *next, size_t min, size_t max)
{
    if (!in_head(h, next, 0) || (uintptr_t)next < (uintptr_t)h->at) return 0;
    size_t n = (size_t)((uintptr_t)next - (uintptr_t)h->at);
    if (n < min || n > max) return 0;
    for (size_t i = 0; i < n; i++)
        if (h->at[i] != '\0') return 0;
    return 1;
}

static enum MHD_Result walk_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    head_walk *h = cls;
    if (!h->ok) return MHD_NO;
    h->ok = 0;
    if (!line_ends(h, key, 1, 2) || !in_head(h, key, key_size + 1) || key[key_size] != '\0')
        return MHD_NO;                                  /* ':' is the NUL after the name */
    const char *p = key + key_size + 1;
    while (in_head(h, p, 1) && p != value && (*p == ' ' || *p == '\t')) p++;
    if (p != value || !in_head(h, value, value_size)) return MHD_NO;
    h->at = value + value_size;
    h->ok = 1;
    return MHD_YES;
}

/* False when a NUL hid part of the request line or of a header line. */
static int head_is_whole(struct MHD_Connection *c, const request_ctx *x, const char *method,
                         const char *version)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    if (!ci || !x->raw_uri) return 1;
    head_walk h = { method, method + ci->header_size, method, 1 };
    size_t m = strlen(method), v = strlen(version);
    /* the layout this check relies on: method, target, version, in the head */
    if (!in_head(&h, method, m + 1) || !in_head(&h, x->raw_uri, x->raw_uri_len + 1) ||
        !in_head(&h, version, v) || (uintptr_t)x->raw_uri <= (uintptr_t)method + m ||
        (uintptr_t)version <= (uintptr_t)x->raw_uri + x->raw_uri_len)
        return 1;
    const char *p = method + m;
    if (*p++ != '\0') return 0;
    while (p != x->raw_uri && *p == ' ') p++;
    if (p != x->raw_uri || x->raw_uri + x->raw_uri_len + 1 != version ||
        x->raw_uri[x->raw_uri_len] != '\0')
        return 0;
    h.at = version + v;
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, walk_header, &h);
    return h.ok && line_ends(&h, h.end, 2, 4);        /* the last line end and the empty line */
}

/* The guard record of a connection (made in on_connection). */
static guard_conn *guard_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = ci ? guard_open(ci->connect_fd) : NULL;
    } else {
        guard_close(*socket_context);
        *socket_context = NULL;
    }
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    guard_request_done(guard_of(c));
    request_ctx *x = *con_cls;
    if (!x) return;
    cache_release(x->entry);
    arena_free(x->r.a);
    *con_cls = NULL;
}

typedef struct {
    const char *name;
    int count;
} header_count;

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    header_count *h = cls;
    if (strcasecmp(key, h->name) == 0) h->count++;
    return MHD_YES;
}

static int headers_named(struct MHD_Connection *c, const char *name)
{
    header_count h = { name, 0 };
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &h);
    return h.count;
}

/* Requests that two HTTP parsers could read differently (request
 * smuggling): several Hosts or Content-Lengths, or a Content-Length with a
 * Transfer-Encoding. libmicrohttpd's strict mode refuses most malformed
 * input itself; these it lets through. */
static int is_ambiguous(struct MHD_Connection *c)
{
    int lengths = headers_named(c, "Content-Length");
    return headers_named(c, "Host") > 1 || lengths > 1 ||
           (lengths && headers_named(c, "Transfer-Encoding"));
}

/* The peer's address as text ("?" when unknown). */
static const char *client_ip(arena *a, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char text[INET6_ADDRSTRLEN] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof text);
    }
    return arena_strdup(a, text);
}

/* --- sending ---------------------------------------------------------------- */

static enum MHD_Result send_not_modified(struct MHD_Connection *c, cache_entry *e,
                                         encoding enc)
{
    struct MHD_Response *mr = response_make(NULL, 0, NULL, cache_control_of(e),
                                              cache_etag(e, enc), ENC_IDENTITY);
    if (!mr) return MHD_NO;
    if (cache_last_modified(e) &&
        MHD_add_response_header(mr, "Last-Modified", cache_last_modified(e)) != MHD_YES) {
        MHD_destroy_response(mr);
        return MHD_NO;
    }
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, mr);
    MHD_destroy_response(mr);
    return ok;
}

static enum MHD_Result send_entry(struct MHD_Connection *c, request_ctx *x, cache_entry *e)
{
    encoding want = compress_choose(req_header(&x->r, "Accept-Encoding")), used;
    struct MHD_Response *mr = cache_response(e, want, &used);
    const char *inm = req_header(&x->r, "If-None-Match");
    /* If-None-Match decides when present; else an exact If-Modified-Since */
    if (inm ? cache_etag_matches(e, inm)
            : cache_modified_matches(e, req_header(&x->r, "If-Modified-Since")))
        return send_not_modified(c, e, used);
    return MHD_queue_response(c, (unsigned)cache_status(e), mr);
}

static enum MHD_Result send_plain(struct MHD_Connection *c, request_ctx *x)
{
    resp *w = &x->w;
    char *body = malloc(w->body.len ? w->body.len : 1);
    if (!body) return MHD_NO;
    memcpy(body, w->body.data ? w->body.data : "", w->body.len);
    struct MHD_Response *r = response_make(body, w->body.len, w->content_type,
                                           w->cache_control, NULL, ENC_IDENTITY);
    if (!r) return MHD_NO;
    if (response_add_headers(r, w->headers) ||
        (w->last_modified && w->status == 200 &&
         MHD_add_response_header(r, "Last-Modified", w->last_modified) != MHD_YES)) {
        /* a header with CR/LF was refused: never send half a response */
        MHD_destroy_response(r);
        return MHD_NO;
    }
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)w->status, r);
    MHD_destroy_response(r);
    return ok;
}

/* Replace whatever the handler made with the error page for `status`. */
static void make_error(request_ctx *x, int status)
{
    x->w.status = status;
    x->w.cacheable = false;
    buf_clear(&x->w.body);
    config->error_page(&x->r, &x->w, status);
    x->w.status = status;
}

/* --- the request flow ---------------------------------------------------- */

static enum MHD_Result handle(struct MHD_Connection *c, request_ctx *x, const char *url)
{
    req *r = &x->r;
    resp *w = &x->w;
    r->conn = c;
    r->path = url;
    r->body = x->body.data ? x->body.data : "";
    r->body_len = x->body.len;
    r->client_ip = client_ip(r->a, c);
    if (x->bad_url || x->bad_head || is_ambiguous(c)) {
        make_error(x, 400);
        return send_plain(c, x);
    }
    int readonly = r->method == HTTP_GET || r->method == HTTP_HEAD;
    unsigned long made_in = cache_generation();   /* before any data is read */
    if (readonly && (x->entry = cache_get(r->url)))
        return send_entry(c, x, x->entry);

    const route *rt;
    unsigned allowed;
    switch (router_match(config->routes, config->n_routes, r, &rt, &allowed)) {
    case ROUTE_NOT_FOUND:
        make_error(x, 404);
        return send_plain(c, x);
    case ROUTE_BAD_METHOD:
        make_error(x, 405);
        resp_header_add(r, w, "Allow", router_allow_header(allowed));
        return send_plain(c, x);
    case ROUTE_FOUND:
        break;
    }
    if (x->body_bytes > body_max(x)) {
        make_error(x, 413);
        return send_plain(c, x);
    }
    rt->handler(r, w);
    if (w->status == 0) w->status = 500;
    if (w->status >= 400 && w->body.len == 0) make_error(x, w->status);
    if (w->cacheable && readonly && w->status == 200 && !w->headers) {
        x->entry = cache_put_dated(r->url, w->status, w->content_type, w->cache_control,
                                   w->last_modified, w->body.data ? w->body.data : "",
                                   w->body.len, made_in);
        if (x->entry) return send_entry(c, x, x->entry);
    }
    if (w->cacheable && !w->cache_control)
        w->cache_control = "public, max-age=0, must-revalidate";
    return send_plain(c, x);
}

static http_method method_of(const char *m)
{
    if (strcmp(m, "GET") == 0) return HTTP_GET;
    if (strcmp(m, "HEAD") == 0) return HTTP_HEAD;
    if (strcmp(m, "POST") == 0) return HTTP_POST;
    return HTTP_OTHER;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size,
                                  void **con_cls)
{
    request_ctx *x = *con_cls;
    if (!x) return MHD_NO;
    if (x->calls++ == 0) {
        x->r.method = method_of(method);
        x->r.method_name = method;
        x->bad_head = !head_is_whole(c, x, method, version);
        guard_headers_done(guard_of(c));
        return MHD_YES;
    }
    if (*upload_size) {
        /* keep the body while it is small enough; count the rest and drop it */
        x->body_bytes += *upload_size;
        if (x->body_bytes <= body_max(x)) buf_append(&x->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    guard_body_done(guard_of(c));
    return handle(c, x, url);
}

/* --- start, watch, stop -------------------------------------------------- */

static atomic_int stopping;

static void *watch_data(void *arg)
{
    while (!atomic_load(&stopping)) {
        struct timespec ts = { 0, 500 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        if (config->data_changed && config->data_changed()) cache_invalidate();
        guard_sweep();
    }
    return NULL;
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("midad: http: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* Stop accepting, then give the requests in flight up to 10 s to finish. */
static void stop_gracefully(struct MHD_Daemon *d)
{
    MHD_socket listener = MHD_quiesce_daemon(d);
    if (listener != MHD_INVALID_SOCKET) close(listener);
    for (int i = 0; i < 200 && guard_in_flight() > 0; i++) {
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
}

/* Started as root with a user to run as: drop to that user now that the
 * socket is bound. */
static int drop_privileges(const char *user, char *err, size_t errlen)
{
    if (geteuid() != 0) return 0;
    if (!user) {
        fprintf(stderr, "midad: warning: running as root; use --user NAME\n");
        return 0;
    }
    struct passwd *pw = getpwnam(user);
    if (!pw) {
        snprintf(err, errlen, "no such user \"%s\" for --user", user);
        return -1;
    }
    if (setgroups(0, NULL) || setgid(pw->pw_gid) || setuid(pw->pw_uid) || setuid(0) == 0) {
        snprintf(err, errlen, "cannot become user \"%s\"", user);
        return -1;
    }
    return 0;
}

/* Parse "HOST:PORT" (IPv4) into a socket address. */
static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || (size_t)(colon - listen) >= 64) return -1;
    char host[64];
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 1 || port > 65535) return -1;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

int server_run(const server_config *cfg, char *err, size_t errlen)
{
    struct sockaddr_in sa;
    if (parse_listen(cfg->listen, &sa)) {
        snprintf(err, errlen, "bad listen address \"%s\" (want IPv4 HOST:PORT)", cfg->listen);
        return -1;
    }
    config = cfg;
    guard_init(cfg->header_timeout, cfg->body_timeout);
    cache_init(cfg->cache_bytes, cfg->cache_ttl);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    /* twice the CPUs (at least 4): a worker busy with a password check
     * (~0.1 s) must not leave the reading site without one */
    long fallback = cpus > 0 ? 2 * cpus : 4;
    unsigned threads = (unsigned)(cfg->threads > 0 ? cfg->threads : fallback < 4 ? 4 : fallback);

    /* workers inherit this mask, so only sigwait below sees the signals */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL,
        on_request, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16 * 1024,
        MHD_OPTION_CONNECTION_LIMIT, 1000u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->per_ip_limit > 0 ? cfg->per_ip_limit : 0),
        MHD_OPTION_CONNECTION_TIMEOUT, 30u,
        MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!d) {
        snprintf(err, errlen, "cannot listen on %s (in use, or not allowed)", cfg->listen);
        return -1;
    }
    if (drop_privileges(cfg->run_as, err, errlen)) {
        MHD_stop_daemon(d);
        return -1;
    }
    pthread_t watcher;
    pthread_create(&watcher, NULL, watch_data, NULL);
    fprintf(stderr, "midad: serving on http://%s/ with %u threads\n", cfg->listen, threads);

    int sig;
    sigwait(&sigs, &sig);
    fprintf(stderr, "midad: stopping (signal %d): finishing requests in flight\n", sig);
    stop_gracefully(d);
    atomic_store(&stopping, 1);
    pthread_join(watcher, NULL);
    MHD_stop_daemon(d);
    cache_shutdown();
    return 0;
}
