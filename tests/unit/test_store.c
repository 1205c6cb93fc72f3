/* test_store.c — the store against a real SQLite file: migrations, saving
 * (insert, then update by import key), reading, listing, and the importer
 * on top of it (atomic per file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ingest/import.h"
#include "store/store.h"

static char dir[] = "/tmp/midad-store-XXXXXX";
static char path[256];

static int setup(void **state)
{
    if (!mkdtemp(dir)) return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    char err[256];
    store *s = store_open(path, true, err, sizeof err);
    if (!s) return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    store_close(*state);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static const char *tag_slugs[] = { "أ", "ب" };
static const char *tag_names[] = { "أ", "ب" };

static store_article_in sample(const char *key, const char *title, long long when)
{
    return (store_article_in){
        .import_key = key, .slug = "خبر", .title = title, .lead = "مقدمة",
        .body_src = "نص", .body_html = "<p>نص</p>", .word_count = 1, .author = "كاتب",
        .section_slug = "اقتصاد", .section_name = "اقتصاد", .tag_slugs = tag_slugs,
        .tag_names = tag_names, .n_tags = 2, .status = "published", .published_at = when,
        .comments_open = true,
    };
}

static void test_schema_is_current(void **state)
{
    assert_int_equal(store_schema_version(*state), store_schema_latest());
    assert_int_equal(store_ping(*state), 0);
    char err[256];
    store *again = store_open(path, true, err, sizeof err);   /* migrating twice is a no-op */
    assert_non_null(again);
    store_close(again);
}

static void test_save_get_update(void **state)
{
    store *s = *state;
    arena *a = arena_new(0);
    store_article_in in = sample("k1.md", "العنوان الأول", 1000);
    long long id, id2;
    bool created;
    assert_int_equal(store_article_save(s, &in, &id, &created), 0);
    assert_true(created);
    in.title = "العنوان المعدل";
    in.n_tags = 1;
    assert_int_equal(store_article_save(s, &in, &id2, &created), 0);
    assert_false(created);
    assert_int_equal(id, id2);

    store_article ar;
    assert_int_equal(store_article_get(s, a, id, &ar), 0);
    assert_string_equal(ar.title, "العنوان المعدل");
    assert_string_equal(ar.section.name, "اقتصاد");
    assert_int_equal(ar.n_tags, 1);
    assert_string_equal(ar.body_html, "<p>نص</p>");
    assert_int_equal(store_article_get(s, a, id + 1000, &ar), STORE_NOT_FOUND);
    arena_free(a);
}

static void test_list_filters_and_drafts(void **state)
{
    store *s = *state;
    arena *a = arena_new(0);
    for (int i = 0; i < 5; i++) {
        char key[16];
        snprintf(key, sizeof key, "l%d.md", i);
        store_article_in in = sample(key, "خبر", 2000 + i);
        if (i == 4) in.status = "draft";
        assert_int_equal(store_article_save(s, &in, NULL, NULL), 0);
    }
    store_group sec, tag;
    assert_int_equal(store_section_by_slug(s, a, "اقتصاد", &sec), 0);
    assert_int_equal(store_tag_by_slug(s, a, "ب", &tag), 0);
    assert_int_equal(store_section_by_slug(s, a, "nope", &sec), STORE_NOT_FOUND);
    store_article_list list;
    store_filter f = { .section_id = sec.id, .limit = 2 };
    assert_int_equal(store_articles_list(s, a, &f, &list), 0);
    assert_int_equal(list.n, 2);
    assert_true(list.total >= 5);              /* the draft is not counted */
    assert_true(list.items[0].published_at >= list.items[1].published_at);
    f = (store_filter){ .tag_id = tag.id, .limit = 100 };
    assert_int_equal(store_articles_list(s, a, &f, &list), 0);
    for (size_t i = 0; i < list.n; i++) assert_string_equal(list.items[i].status, "published");
    arena_free(a);
}

static void test_import_is_atomic(void **state)
{
    store *s = *state;
    arena *a = arena_new(0);
    import_result res;
    const char *good = "---\ntitle: \"خبر مستورد\"\ndate: 2026-11-20\nsection: \"ثقافة\"\n"
                       "tags: [\"كتب\"]\n---\nنص **الخبر**.\n";
    assert_int_equal(import_markdown(s, "imp.md", good, strlen(good), &res), 0);
    assert_true(res.created);
    store_article ar;
    assert_int_equal(store_article_get(s, a, res.id, &ar), 0);
    assert_non_null(strstr(ar.body_html, "<strong>الخبر</strong>"));
    assert_string_equal(ar.slug, "خبر-مستورد");

    /* a bad tag fails the whole file: the title does not change */
    const char *bad = "---\ntitle: \"تغيير\"\ndate: 2026-11-20\ntags: [\"!!!\"]\n---\nx\n";
    assert_int_equal(import_markdown(s, "imp.md", bad, strlen(bad), &res), -1);
    assert_int_equal(res.line, 4);
    assert_int_equal(store_article_get(s, a, ar.id, &ar), 0);
    assert_string_equal(ar.title, "خبر مستورد");

    const char *no_title = "---\ndate: 2026-11-20\n---\nx\n";
    assert_int_equal(import_markdown(s, "t.md", no_title, strlen(no_title), &res), -1);
    assert_non_null(strstr(res.error, "title"));
    const char *js = "---\ntitle: t\ndate: 2026-11-20\nsource: s\nsource_url: \"javascript:x\"\n---\n";
    assert_int_equal(import_markdown(s, "j.md", js, strlen(js), &res), -1);
    assert_int_equal(res.line, 5);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_is_current),
        cmocka_unit_test(test_save_get_update),
        cmocka_unit_test(test_list_filters_and_drafts),
        cmocka_unit_test(test_import_is_atomic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
