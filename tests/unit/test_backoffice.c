/* test_backoffice.c — the settings form's checks, the comment-closing
 * rule, and the store's side of moderation and accounts (the last enabled
 * admin cannot be demoted or disabled; edits bump the generation only
 * when the comment is public). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "admin/settings_form.h"
#include "site/comment_settings.h"
#include "store/store.h"

static form make_form(const char *const *pairs)
{
    form f = { 0 };
    for (; pairs[0]; pairs += 2, f.n++) {
        f.names[f.n] = pairs[0];
        f.values[f.n] = pairs[1];
        f.lens[f.n] = strlen(pairs[1]);
    }
    return f;
}

static void test_settings_valid(void **state)
{
    const char *ok[] = { "site_name", "  صحيفة الحبر  ", "site_description", "", "locale", "en",
                         "digits", "arab", "per_page", "100", "comment_moderation", "none",
                         "comment_close_days", "0", NULL };
    form f = make_form(ok);
    arena *a = arena_new(0);
    settings_form v;
    assert_int_equal(settings_form_read(a, &f, &v), 0);
    assert_string_equal(v.value[SET_SITE_NAME], "صحيفة الحبر");   /* trimmed */
    assert_string_equal(v.value[SET_PER_PAGE], "100");
    assert_string_equal(v.value[SET_COMMENT_CLOSE_DAYS], "0");
    arena_free(a);
}

static void test_settings_invalid(void **state)
{
    struct { setting_field k; const char *bad; } cases[] = {
        { SET_SITE_NAME, "" }, { SET_SITE_NAME, "   " }, { SET_LOCALE, "fr" },
        { SET_LOCALE, "" }, { SET_DIGITS, "roman" }, { SET_PER_PAGE, "0" },
        { SET_PER_PAGE, "101" }, { SET_PER_PAGE, "-5" }, { SET_PER_PAGE, "1e2" },
        { SET_PER_PAGE, "010" }, { SET_PER_PAGE, "١٠" }, { SET_COMMENT_MODERATION, "some" },
        { SET_COMMENT_CLOSE_DAYS, "3651" }, { SET_COMMENT_CLOSE_DAYS, "7 days" },
        { SET_COMMENT_CLOSE_DAYS, "99999999999999999999" },
    };
    arena *a = arena_new(0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *pairs[2 * SET_COUNT + 1];
        const char *good[SET_COUNT] = { "اسم", "", "ar", "latn", "10", "first", "0" };
        for (int k = 0; k < SET_COUNT; k++) {
            pairs[2 * k] = settings_keys[k];
            pairs[2 * k + 1] = k == (int)cases[i].k ? cases[i].bad : good[k];
        }
        pairs[2 * SET_COUNT] = NULL;
        form f = make_form(pairs);
        settings_form v;
        assert_int_equal(settings_form_read(a, &f, &v), 1);
        assert_non_null(v.error[cases[i].k]);
        assert_string_equal(v.value[SET_LOCALE], cases[i].k == SET_LOCALE ? cases[i].bad : "ar");
    }
    char long_name[400];
    memset(long_name, 'x', 101);
    long_name[101] = '\0';
    const char *pairs[] = { "site_name", long_name, NULL };
    form f = make_form(pairs);
    settings_form v;
    assert_int_equal(settings_form_read(a, &f, &v), 6);   /* all missing but the description */
    assert_string_equal(v.error[SET_SITE_NAME], "settings_err_long");
    arena_free(a);
}

static void test_comment_closing_rule(void **state)
{
    long long now = 1800000000, day = 86400;
    assert_false(comment_open_at(false, now, 0, now));          /* closed by the article */
    assert_true(comment_open_at(true, now - 5000 * day, 0, now)); /* 0 = never close */
    assert_true(comment_open_at(true, now - 29 * day, 30, now));
    assert_true(comment_open_at(true, now - 30 * day + 1, 30, now));
    assert_false(comment_open_at(true, now - 30 * day, 30, now));
    assert_false(comment_open_at(true, now - 31 * day, 30, now));
    assert_false(comment_open_at(false, now, 30, now));
    assert_true(comment_open_at(true, now + day, 1, now));       /* future date: open */
}

static char dir[] = "/tmp/midad-backoffice-XXXXXX";

static store *fresh(const char *name)
{
    static int made;
    char path[256], err[256];
    if (!made && !mkdtemp(dir)) return NULL;
    made = 1;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return store_open(path, true, err, sizeof err);
}

static void test_last_admin_guard(void **state)
{
    store *s = fresh("users.db");
    assert_non_null(s);
    long long a1, a2, ed;
    assert_int_equal(store_user_add(s, "one", "One", "h", "admin", &a1), 0);
    assert_int_equal(store_user_add(s, "two", "Two", "h", "admin", &a2), 0);
    assert_int_equal(store_user_add(s, "ed", "Ed", "h", "editor", &ed), 0);
    assert_int_equal(store_user_set_role(s, a2, "editor"), 0);
    assert_int_equal(store_admin_count(s), 1);
    assert_int_equal(store_user_set_role(s, a1, "editor"), STORE_LAST_ADMIN);
    assert_int_equal(store_user_disable(s, a1), STORE_LAST_ADMIN);
    assert_int_equal(store_user_set_role(s, a1, "admin"), 0);     /* no-op stays allowed */
    assert_int_equal(store_user_disable(s, ed), 0);
    assert_int_equal(store_user_disable(s, 424242), STORE_NOT_FOUND);
    assert_int_equal(store_user_set_role(s, 424242, "author"), STORE_NOT_FOUND);
    assert_int_equal(store_user_set_role(s, a2, "admin"), 0);
    assert_int_equal(store_user_disable(s, a1), 0);               /* two is an admin again */
    assert_int_equal(store_admin_count(s), 1);
    /* a disabled admin does not count: two is the last enabled one */
    assert_int_equal(store_user_disable(s, a2), STORE_LAST_ADMIN);
    store_close(s);
}

static void test_comment_edit_and_queue(void **state)
{
    store *s = fresh("comments.db");
    assert_non_null(s);
    store_article_in in = { .slug = "x", .title = "خبر", .subtitle = "", .lead = "", .body_src = "",
                            .body_html = "", .author = "", .section_slug = "s", .section_name = "س",
                            .status = "published", .published_at = 1, .source_name = "",
                            .source_url = "", .canonical_url = "", .comments_open = true };
    long long aid, cid, rid;
    bool created;
    assert_int_equal(store_article_save(s, &in, &aid, &created), 0);
    store_comment c = { .article_id = aid, .name = "ق", .email = "a@b.co", .website = "",
                        .body = "أصل", .status = "approved" };
    assert_int_equal(store_comment_add(s, &c, &cid), 0);
    store_comment r = { .article_id = aid, .parent_id = cid, .name = "ر", .email = "c@d.co",
                        .website = "", .body = "رد", .status = "pending" };
    assert_int_equal(store_comment_add(s, &r, &rid), 0);
    long long g = store_generation(s);
    assert_int_equal(store_comment_edit(s, rid, "ر٢", "رد معدل"), 0);
    assert_int_equal(store_generation(s), g);                     /* pending: no reader sees it */
    assert_int_equal(store_comment_edit(s, cid, "ق٢", "أصل معدل"), 0);
    assert_int_equal(store_generation(s), g + 1);                 /* public: pages change */
    assert_int_equal(store_comment_edit(s, 999, "x", "y"), STORE_NOT_FOUND);
    arena *a = arena_new(0);
    store_queue_item *items;
    size_t n;
    assert_int_equal(store_moderation_queue(s, a, "pending", 10, 0, &items, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].c.body, "رد معدل");
    assert_string_equal(items[0].parent_name, "ق٢");
    assert_string_equal(items[0].parent_body, "أصل معدل");
    assert_string_equal(items[0].c.article_title, "خبر");
    assert_string_equal(items[0].article_status, "published");
    assert_int_equal(store_moderation_queue(s, a, "spam", 10, 0, &items, &n), 0);
    assert_int_equal(n, 0);
    store_queue_item one;
    assert_int_equal(store_moderation_item(s, a, cid, &one), 0);
    assert_string_equal(one.parent_name, "");
    assert_int_equal(store_moderation_item(s, a, 999, &one), STORE_NOT_FOUND);
    arena_free(a);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settings_valid),
        cmocka_unit_test(test_settings_invalid),
        cmocka_unit_test(test_comment_closing_rule),
        cmocka_unit_test(test_last_admin_guard),
        cmocka_unit_test(test_comment_edit_and_queue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
