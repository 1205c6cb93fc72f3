/* comment_post.c — POST /article/ID/comments: a reader's comment through
 * the defences (in order: content type, form, comments open, origin,
 * honeypot, signed token, rate limit, fields, links, word list) to the
 * moderation policy, then 303 back to the article. Each refusal is counted
 * by reason; the counts reach the database at most once a second. */
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http/cache.h"
#include "http/form.h"
#include "render/comment_text.h"
#include "site/comment_settings.h"
#include "site/comments.h"
#include "site/handlers.h"
#include "site/page.h"
#include "text/blocklist.h"

/* --- refusal counts ---------------------------------------------------------- */

typedef enum {
    REFUSE_ORIGIN, REFUSE_HONEYPOT, REFUSE_TOKEN, REFUSE_TOO_FAST, REFUSE_EXPIRED,
    REFUSE_RATE, REFUSE_INVALID, REFUSE_LINKS, REFUSE_BLOCKLIST, REFUSE_COUNT
} refusal;

static const char *const refusal_names[REFUSE_COUNT] = {
    "origin", "honeypot", "token", "too_fast", "expired", "rate_limit", "invalid",
    "links", "blocklist",
};
static atomic_llong refused[REFUSE_COUNT];
static atomic_llong last_flush;

void comments_flush_refusals(store *s)
{
    for (int i = 0; i < REFUSE_COUNT; i++) {
        long long n = atomic_exchange(&refused[i], 0);
        if (n && store_refusal_count(s, refusal_names[i], n)) atomic_fetch_add(&refused[i], n);
    }
}

static void count_refusal(store *s, refusal why)
{
    atomic_fetch_add(&refused[why], 1);
    long long now = (long long)time(NULL), last = atomic_load(&last_flush);
    if (now > last && atomic_compare_exchange_strong(&last_flush, &last, now))
        comments_flush_refusals(s);
}

/* --- answers ------------------------------------------------------------------ */

/* The article page again, the form keeping what the reader typed. */
static void send_back(req *r, resp *w, store *s, const store_article *ar,
                      const comment_form *sent, const char *error, int status)
{
    view *root = page_root(r, s);
    view *av = article_full_view(r->a, ar);
    comments_view(r, s, ar, av, sent, error);
    view_set(r->a, root, "article", av);
    view_set_str(r->a, root, "page_title", ar->title);
    page_html(r, w, "article", root, status);
    w->cacheable = false;
}

static void see_article(req *r, resp *w, const store_article *ar, const char *state,
                        long long id)
{
    const char *url = article_url(r->a, ar->id, ar->slug);
    resp_redirect(r, w, 303, id ? arena_printf(r->a, "%s?comment=%s#comment-%lld", url, state, id)
                                : arena_printf(r->a, "%s?comment=%s#comments", url, state));
}

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* --- the defences ----------------------------------------------------------- */

/* Origin (or else Referer), when sent, must name this site. */
static bool same_origin(req *r)
{
    const char *host = req_header(r, "Host"), *origin = req_header(r, "Origin");
    const char *referer = req_header(r, "Referer");
    const char *from = origin ? origin : referer;
    if (!from) return true;               /* neither sent: the signed token decides */
    if (!host) return false;
    const char *p = strncmp(from, "https://", 8) == 0 ? from + 8
                  : strncmp(from, "http://", 7) == 0 ? from + 7 : NULL;
    size_t n = strlen(host);
    return p && strncasecmp(p, host, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

static const char *ip_hash(req *r)
{
    unsigned char h[16];
    char hex[33];
    crypto_generichash(h, sizeof h, (const unsigned char *)r->client_ip, strlen(r->client_ip),
                       comment_settings()->key, FORM_TOKEN_KEY_BYTES);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return arena_strdup(r->a, hex);
}

/* The status a new comment gets under the moderation policy. */
static const char *moderated_status(store *s, const comment_form *c)
{
    switch (comment_settings()->policy) {
    case MODERATE_NONE: return "approved";
    case MODERATE_ALL: return "pending";
    case MODERATE_FIRST: break;
    }
    return store_email_has_approved(s, c->email) == 1 ? "approved" : "pending";
}

/* The checks that need no database; returns the refusal or REFUSE_COUNT. */
static refusal check_token(const comment_form *c, long long article_id, const char **error)
{
    const comment_config *cfg = comment_settings();
    switch (form_token_check(cfg->key, c->token, article_id, (long long)time(NULL),
                             cfg->min_seconds, cfg->max_age)) {
    case TOKEN_OK: return REFUSE_COUNT;
    case TOKEN_TOO_FAST: *error = "comment_err_too_fast"; return REFUSE_TOO_FAST;
    case TOKEN_EXPIRED: *error = "comment_err_expired"; return REFUSE_EXPIRED;
    case TOKEN_BAD: break;
    }
    *error = "comment_err_token";
    return REFUSE_TOKEN;
}

static void store_comment_from(req *r, resp *w, store *s, const store_article *ar,
                               comment_form *c, const char *status)
{
    store_comment in = {
        .article_id = ar->id, .parent_id = c->parent_id, .name = c->name, .email = c->email,
        .website = c->website, .body = c->body, .status = status, .ip_hash = ip_hash(r),
    };
    long long id;
    int rc = store_comment_add(s, &in, &id);
    if (rc == STORE_NOT_FOUND) {
        c->parent_id = 0;
        send_back(r, w, s, ar, c, "comment_err_parent", 400);
        return;
    }
    if (rc) {
        w->status = 503;
        return;
    }
    bool public = strcmp(status, "approved") == 0;
    if (public) cache_invalidate();
    see_article(r, w, ar, public ? "approved" : "pending", public ? id : 0);
}

/* After the form is read: every check, then store. */
static void comment_decide(req *r, resp *w, store *s, const store_article *ar, comment_form *c)
{
    const comment_config *cfg = comment_settings();
    const char *error = NULL;
    refusal why = REFUSE_COUNT;
    int status = 403;
    if (!same_origin(r)) why = REFUSE_ORIGIN, error = "comment_err_origin";
    else if (c->honeypot[0]) {
        count_refusal(s, REFUSE_HONEYPOT);
        see_article(r, w, ar, "pending", 0);       /* tell a bot nothing */
        return;
    } else if ((why = check_token(c, ar->id, &error)) != REFUSE_COUNT) {
    } else if (!ratelimit_allow(cfg->per_ip, r->client_ip, monotonic_seconds()))
        why = REFUSE_RATE, error = "comment_err_rate", status = 429;
    else if (c->n_errors)
        why = REFUSE_INVALID, error = "comment_err_fix", status = c->too_long ? 413 : 400;
    else if (cfg->max_links >= 0 &&
             comment_text_links(c->body, strlen(c->body)) > (size_t)cfg->max_links) {
        why = REFUSE_LINKS, status = 400;
        c->err_body = "comment_err_links";
        error = "comment_err_fix";
    }
    if (why != REFUSE_COUNT) {
        count_refusal(s, why);
        send_back(r, w, s, ar, c, error, status);
        return;
    }
    const char *text = arena_printf(r->a, "%s\n%s\n%s", c->name, c->website, c->body);
    if (blocklist_match(cfg->blocked, r->a, text, strlen(text))) {
        count_refusal(s, REFUSE_BLOCKLIST);
        store_comment_from(r, w, s, ar, c, "spam");
        return;
    }
    store_comment_from(r, w, s, ar, c, moderated_status(s, c));
}

void comment_post_handle(req *r, resp *w)
{
    store *s = page_store(w);
    store_article ar;
    if (!s || article_from_url(r, w, s, &ar)) return;
    const char *type = req_header(r, "Content-Type");
    if (!type || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0) {
        w->status = 415;
        return;
    }
    form f;
    if (form_parse(r->a, r->body, r->body_len, &f) != FORM_OK) {
        w->status = 400;
        return;
    }
    if (!comment_open_at(ar.comments_open, ar.published_at, comment_settings()->close_days,
                         (long long)time(NULL))) {
        send_back(r, w, s, &ar, NULL, NULL, 403);   /* the page says they are closed */
        return;
    }
    comment_form c;
    comment_form_read(r->a, &f, &c);
    comment_decide(r, w, s, &ar, &c);
}
