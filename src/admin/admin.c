/* admin.c — the back office's routes, start-up, periodic work and the
 * dashboard. Each page's handler lives in a file named for it; every one
 * starts with admin_enter (staff.c), which enforces the role. */
#include "admin/admin.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin/admin_handlers.h"
#include "admin/password.h"
#include "admin/session.h"
#include "admin/staff.h"
#include "site/page.h"

const route admin_routes[] = {
    { HTTP_GET, "/admin", admin_dashboard },
    { HTTP_GET, "/admin/login", admin_login_page },
    { HTTP_POST, "/admin/login", admin_login_post },
    { HTTP_POST, "/admin/logout", admin_logout },
    { HTTP_GET, "/admin/comments", admin_comments_page },
    { HTTP_POST, "/admin/comments", admin_comments_post },
    { HTTP_GET, "/admin/comments/:id", admin_comment_page },
    { HTTP_POST, "/admin/comments/:id/edit", admin_comment_edit },
    { HTTP_POST, "/admin/comments/:id/reply", admin_comment_reply },
    { HTTP_GET, "/admin/settings", admin_settings_page },
    { HTTP_POST, "/admin/settings", admin_settings_post },
    { HTTP_GET, "/admin/users", admin_users_page },
    { HTTP_POST, "/admin/users", admin_users_add },
    { HTTP_POST, "/admin/users/:id/role", admin_user_role },
    { HTTP_POST, "/admin/users/:id/disable", admin_user_disable },
    { HTTP_POST, "/admin/users/:id/enable", admin_user_enable },
    { HTTP_POST, "/admin/users/:id/password", admin_user_password },
    { HTTP_GET, "/admin/articles", admin_articles_list },
    { HTTP_GET, "/admin/articles/new", admin_article_new },
    { HTTP_POST, "/admin/articles/new", admin_article_create },
    { HTTP_GET, "/admin/articles/:id", admin_article_edit },
    { HTTP_POST, "/admin/articles/:id", admin_article_save },
    { HTTP_POST, "/admin/articles/:id/trash", admin_article_trash },
    { HTTP_POST, "/admin/articles/:id/restore", admin_article_restore },
    { HTTP_GET, "/admin/articles/:id/revisions", admin_revisions_list },
    { HTTP_GET, "/admin/articles/:id/revisions/:rev", admin_revision_show },
    { HTTP_POST, "/admin/articles/:id/revisions/:rev/restore", admin_revision_restore },
};
const size_t admin_n_routes = sizeof admin_routes / sizeof admin_routes[0];

static arena *admin_arena;

int admin_init(store *s, char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium failed to start");
        return -1;
    }
    if (!admin_arena) admin_arena = arena_new(0);
    staff_set_trusted_proxy(store_setting_get(s, admin_arena, "trusted_proxy", ""));
    return 0;
}

int admin_tick(store *s)
{
    static long long last_expiry;
    long long now = (long long)time(NULL);
    int published = 0;
    long long *ids = NULL;
    arena *a = arena_new(0);
    store_publish_due(s, now, &published, a, &ids);
    for (int i = 0; ids && i < published; i++) store_related_update(s, ids[i]);  /* "see also" */
    arena_free(a);
    if (now - last_expiry >= 60) {
        store_sessions_expire(s, now - SESSION_IDLE, now - SESSION_MAX);
        last_expiry = now;
    }
    return published > 0;
}

int admin_bootstrap(store *s, char *out, size_t outlen)
{
    long long admins = store_admin_count(s);
    if (admins < 0) return -1;
    if (admins > 0) return 0;
    unsigned char raw[12];
    char pw[32], hash[PASSWORD_HASH_MAX];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(pw, sizeof pw, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char login[32] = "admin";
    arena *a = arena_new(0);
    store_user existing;
    for (int i = 2; store_user_by_login(s, a, login, &existing) == 0 && i < 100; i++)
        snprintf(login, sizeof login, "admin%d", i);
    arena_free(a);
    long long id;
    if (password_hash(hash, pw) || store_user_add(s, login, login, hash, "admin", &id)) return -1;
    store_audit(s, 0, "user_add", "user", id, "first admin, made at start-up");
    snprintf(out, outlen, "login: %s   password: %s", login, pw);
    return 1;
}

void admin_dashboard(req *r, resp *w)
{
    store *s = page_store(w);
    staff *st = s ? admin_enter(r, w, s, CAN_ENTER, NULL) : NULL;
    if (!st) return;
    view *root = admin_root(r, s, st);
    view_set_str(r->a, root, "page_title", page_t("admin_dashboard"));
    admin_html(r, w, "admin/dashboard", root, 200);
}
