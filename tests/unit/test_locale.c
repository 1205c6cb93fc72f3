/* test_locale.c — interface strings from locale files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ini.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/locale.h"
#include "render/view.h"

static int setup(void **state)
{
    *state = arena_new(0);
    return 0;
}

static int teardown(void **state)
{
    arena_free(*state);
    return 0;
}

static view *parse(arena *a, const char *text, char *err)
{
    return locale_parse(a, text, strlen(text), err, 128);
}

/* Parsing `text` must fail with exactly `want`. */
static void expect_error(arena *a, const char *text, size_t len, const char *want)
{
    char err[128] = "";
    assert_null(locale_parse(a, text, len, err, sizeof err));
    assert_string_equal(err, want);
}

static void test_parse_arabic_file(void **state)
{
    arena *a = *state;
    char err[128] = "";
    const char *text =
        "; واجهة الموقع بالعربية\n"
        "# another comment\n"
        "lang = ar\n"
        "dir = rtl\n"
        "\n"
        "read_more = اقرأ المزيد\n"
        "reading_time={n} دقائق قراءة\n"
        "comments_count = {n} تعليقات ; an inline comment\n"
        "empty =\n"
        "colon: قيمة\n";
    view *s = parse(a, text, err);
    assert_non_null(s);
    assert_string_equal(err, "");
    assert_int_equal(s->type, VIEW_OBJ);
    assert_int_equal(s->n, 7);
    assert_string_equal(s->keys[0], "lang");         /* file order */
    assert_string_equal(locale_get(s, "lang"), "ar");
    assert_string_equal(locale_get(s, "dir"), "rtl");
    assert_string_equal(locale_get(s, "read_more"), "اقرأ المزيد");
    assert_string_equal(locale_get(s, "reading_time"), "{n} دقائق قراءة");
    assert_string_equal(locale_get(s, "comments_count"), "{n} تعليقات");
    assert_string_equal(locale_get(s, "empty"), "");
    assert_string_equal(locale_get(s, "colon"), "قيمة");
    assert_int_equal(view_get(s, "read_more")->type, VIEW_STR);
}

static void test_missing_key_gives_key(void **state)
{
    arena *a = *state;
    char err[128];
    view *s = parse(a, "a = b\n", err);
    assert_non_null(s);
    assert_string_equal(locale_get(s, "a"), "b");
    assert_string_equal(locale_get(s, "no_such_key"), "no_such_key");
    assert_string_equal(locale_get(NULL, "x"), "x");
}

static void test_bom_crlf_and_no_final_newline(void **state)
{
    arena *a = *state;
    char err[128];
    view *s = parse(a, "\xEF\xBB\xBFlang = en\r\ndir = ltr\r\nhello = Hello", err);
    assert_non_null(s);
    assert_string_equal(locale_get(s, "lang"), "en");
    assert_string_equal(locale_get(s, "dir"), "ltr");
    assert_string_equal(locale_get(s, "hello"), "Hello");
}

static void test_long_value(void **state)
{
    arena *a = *state;
    char err[128] = "";
    buf text, want;
    buf_init(&text, a);
    buf_init(&want, a);
    for (int k = 0; k < 200; k++) buf_puts(&want, "ب");   /* 400 bytes: past inih's 200 */
    buf_printf(&text, "long = %s\nnext = x\n", want.data);
    int before = ini_max_line;
    view *s = parse(a, text.data, err);
    assert_int_equal(ini_max_line, before);
    assert_non_null(s);
    assert_string_equal(locale_get(s, "long"), want.data);
    assert_string_equal(locale_get(s, "next"), "x");
    assert_int_equal(s->n, 2);
}

static void test_too_long_line(void **state)
{
    arena *a = *state;
    buf text;
    buf_init(&text, a);
    buf_puts(&text, "a = b\nlong = ");
    for (int k = 0; k < 5000; k++) buf_putc(&text, 'x');
    buf_puts(&text, "\n");
    expect_error(a, text.data, text.len, "line 2: line too long (the limit is 4095 bytes)");
}

static void test_errors(void **state)
{
    arena *a = *state;
#define E(text, want) expect_error(a, text, sizeof text - 1, want)
    E("a = 1\nTitle = x\n", "line 2: bad key \"Title\" (use a-z, 0-9 and _)");
    E("a.b = x\n", "line 1: bad key \"a.b\" (use a-z, 0-9 and _)");
    E("= x\n", "line 1: bad key \"\" (use a-z, 0-9 and _)");
    E("a = 1\nb = 2\n\nc = \xff\n", "line 4: invalid UTF-8");
    E("; \xc0\x80 in a comment\n", "line 1: invalid UTF-8");
    E("a = 1\n[ui]\nb = 2\n", "line 2: sections are not supported");
    E("a = 1\nb = 2\na = 3\n", "line 3: duplicate key \"a\"");
    E("a = one\n  two\n", "line 2: indented line (continuation lines are not supported)");
    E("a = 1\njust words\nBad = 2\n", "line 2: expected key = value");
    E("dir = sideways\n", "line 1: dir must be rtl or ltr");
    E("a = 1\nb = x\0y\n", "line 2: NUL byte");
#undef E
}

static void test_empty_text(void **state)
{
    arena *a = *state;
    char err[128];
    view *s = locale_parse(a, "", 0, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(s->n, 0);
    s = locale_parse(a, "\n; only a comment\n   \n", 22, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(s->n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_parse_arabic_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_key_gives_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bom_crlf_and_no_final_newline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_long_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_text, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
