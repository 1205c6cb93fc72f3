/* login.c — signing in and out of the back office.
 *
 * A password check costs ~0.1 s of CPU and 64 MiB, so it is rationed: one
 * check at a time in the whole server (others are told to retry at once,
 * so worker threads never queue behind it and the reading site keeps
 * going), one at a time per address, and after 3 failures for an account
 * (or 20 for an address: a newsroom may sit behind one) each further try
 * must wait longer (2, 4, 8 … 300 s).
 * Wrong password, unknown user and disabled user give the same answer
 * after the same work. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "admin/admin_handlers.h"
#include "admin/password.h"
#include "admin/session.h"
#include "admin/staff.h"
#include "http/form.h"
#include "site/form_token.h"
#include "site/page.h"
#include "site/comment_settings.h"

#define SLOTS 1024
#define FREE_FAILURES_ACCOUNT 3
#define FREE_FAILURES_ADDRESS 20
#define MAX_DELAY 300.0

typedef struct {
    uint64_t key;
    int failures;
    double not_before;   /* monotonic seconds */
    int busy;            /* checks in progress for this key */
} throttle;

static throttle slots[SLOTS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int hashing;

static double now_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t key_of(const char *kind, const char *v)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = kind; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    for (const char *p = v; *p; p++) h = (h ^ (unsigned char)(*p | 0x20)) * 1099511628211ULL;
    return h | 1;
}

static throttle *slot(uint64_t key)
{
    throttle *t = &slots[key % SLOTS];
    if (t->key != key) *t = (throttle){ .key = key };
    return t;
}

/* Reserve a check for both keys; the seconds to wait, or 0 when reserved. */
static double throttle_enter(uint64_t ip, uint64_t account)
{
    double now = now_mono(), wait = 0;
    pthread_mutex_lock(&slots_lock);
    throttle *a = slot(ip), *b = slot(account);
    if (a->busy) wait = 1;
    if (a->not_before > now + wait) wait = a->not_before - now;
    if (b->not_before > now + wait) wait = b->not_before - now;
    if (wait == 0) a->busy++;
    pthread_mutex_unlock(&slots_lock);
    return wait;
}

static void throttle_leave(uint64_t ip, uint64_t account, bool ok)
{
    pthread_mutex_lock(&slots_lock);
    throttle *keys[2] = { slot(ip), slot(account) };
    keys[0]->busy = keys[0]->busy > 0 ? keys[0]->busy - 1 : 0;
    static const int free_failures[2] = { FREE_FAILURES_ADDRESS, FREE_FAILURES_ACCOUNT };
    for (int i = 0; i < 2; i++) {
        throttle *t = keys[i];
        int over = ++t->failures - free_failures[i];
        if (ok) {
            t->failures = 0;
            t->not_before = 0;
        } else if (over > 0) {
            double d = (double)(1 << (over > 9 ? 9 : over));
            t->not_before = now_mono() + (d > MAX_DELAY ? MAX_DELAY : d);
        }
    }
    pthread_mutex_unlock(&slots_lock);
}

/* --- pages ------------------------------------------------------------------ */

static void login_page(req *r, resp *w, store *s, const char *error, const char *login,
                       int status)
{
    view *root = page_root(r, s);
    view_set_str(r->a, root, "page_title", page_t("admin_login"));
    view_set_str(r->a, root, "token", form_token_make(r->a, comment_settings()->key, 0,
                                                       (long long)time(NULL)));
    const char *next = req_query(r, "next");
    if (next && strncmp(next, "/admin", 6) == 0 && !strstr(next, "//")) view_set_str(r->a, root, "next", next);
    if (error) view_set_str(r->a, root, "error", page_t(error));
    if (login) view_set_str(r->a, root, "login", login);
    admin_html(r, w, "admin/login", root, status);
}

void admin_login_page(req *r, resp *w)
{
    store *s = page_store(w);
    if (s) login_page(r, w, s, NULL, NULL, 200);
}

/* The check itself, when the throttle allowed it; true when signed in. */
static bool check_password(store *s, arena *a, const char *login, const char *pw,
                           store_user *u)
{
    int found = store_user_by_login(s, a, login, u);
    if (found || u->disabled) {
        password_verify_dummy(pw);
        return false;
    }
    if (!password_verify(u->pw_hash, pw)) return false;
    if (password_needs_rehash(u->pw_hash)) {
        char fresh[PASSWORD_HASH_MAX];
        if (password_hash(fresh, pw) == 0) store_user_set_hash(s, u->id, fresh, false);
    }
    return true;
}

void admin_login_post(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    form f;
    if (form_parse(r->a, r->body, r->body_len, &f) != FORM_OK) {
        w->status = 400;
        return;
    }
    const char *login = form_get(&f, "login"), *pw = form_get(&f, "password");
    const char *token = form_get(&f, "token");
    if (form_token_check(comment_settings()->key, token, 0, (long long)time(NULL), 0,
                         24 * 3600) != TOKEN_OK) {
        w->status = 403;
        return;
    }
    if (!login || !pw || !login[0] || !pw[0] || strlen(pw) > PASSWORD_MAX_BYTES) {
        login_page(r, w, s, "admin_login_failed", login, 400);
        return;
    }
    uint64_t ip = key_of("ip:", r->client_ip), account = key_of("user:", login);
    double wait = throttle_enter(ip, account);
    if (wait > 0 || atomic_fetch_add(&hashing, 1) >= 1) {
        if (wait == 0) {
            atomic_fetch_sub(&hashing, 1);
            throttle_leave(ip, account, true);
            wait = 1;
        }
        resp_header_add(r, w, "Retry-After", arena_printf(r->a, "%d", (int)wait + 1));
        login_page(r, w, s, "admin_login_wait", login, 429);
        return;
    }
    store_user u;
    bool ok = check_password(s, r->a, login, pw, &u);
    atomic_fetch_sub(&hashing, 1);
    throttle_leave(ip, account, ok);
    if (!ok) {
        login_page(r, w, s, "admin_login_failed", login, 401);
        return;
    }
    bool secure = admin_request_secure(r);
    if (session_start(r, w, s, u.id, secure)) {
        w->status = 503;
        return;
    }
    store_audit(s, u.id, "login", "user", u.id, r->client_ip);
    const char *next = form_get(&f, "next");
    resp_redirect(r, w, 303, next && strncmp(next, "/admin", 6) == 0 && !strstr(next, "//")
                                 ? next : "/admin");
}

void admin_logout(req *r, resp *w)
{
    store *s = page_store(w);
    if (!s) return;
    staff *st = admin_enter(r, w, s, CAN_ENTER, NULL);
    if (!st) return;
    session_end(r, w, s, st->token_hash, st->secure);
    store_audit(s, st->user.id, "logout", "user", st->user.id, "");
    resp_redirect(r, w, 303, "/admin/login");
}
