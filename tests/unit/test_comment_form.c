/* test_comment_form.c — cleaning and checking the reader's comment form,
 * and the form parser under it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/buf.h"
#include "http/form.h"
#include "site/comment_form.h"

static comment_form read_body(arena *a, const char *body)
{
    form f;
    assert_int_equal(form_parse(a, body, strlen(body), &f), FORM_OK);
    comment_form c;
    comment_form_read(a, &f, &c);
    return c;
}

static void test_form_parse(void **state)
{
    arena *a = arena_new(0);
    form f;
    const char *b = "a=1&b=%D9%85%D8%AF%D8%A7%D8%AF&c=x+y&&a=2&empty=&flag";
    assert_int_equal(form_parse(a, b, strlen(b), &f), FORM_OK);
    assert_string_equal(form_get(&f, "a"), "1");             /* first wins */
    assert_int_equal(form_count(&f, "a"), 2);
    assert_string_equal(form_get(&f, "b"), "مداد");
    assert_string_equal(form_get(&f, "c"), "x y");
    assert_string_equal(form_get(&f, "empty"), "");
    assert_string_equal(form_get(&f, "flag"), "");
    assert_null(form_get(&f, "missing"));
    assert_int_equal(form_parse(a, "a=%4", 4, &f), FORM_MALFORMED);
    assert_int_equal(form_parse(a, "a=%zz", 5, &f), FORM_MALFORMED);
    assert_int_equal(form_parse(a, "a=%FF", 5, &f), FORM_BAD_UTF8);
    assert_int_equal(form_parse(a, "a=%00", 5, &f), FORM_BAD_UTF8);
    assert_int_equal(form_parse(a, "%C0%AF=1", 8, &f), FORM_BAD_UTF8);
    char many[2000] = "";
    for (int i = 0; i < 70; i++) strcat(many, "k=v&");
    assert_int_equal(form_parse(a, many, strlen(many), &f), FORM_TOO_MANY);
    assert_int_equal(form_parse(a, "", 0, &f), FORM_OK);
    assert_int_equal(f.n, 0);
    arena_free(a);
}

static void test_clean(void **state)
{
    arena *a = arena_new(0);
    assert_string_equal(comment_clean(a, "  اسم\x07 ", false), "اسم");
    assert_string_equal(comment_clean(a, "a\u202eb\u2066c\u2069d\u200Fe", false), "abcd\u200Fe");
    assert_string_equal(comment_clean(a, "line1\r\nline2\n", true), "line1\nline2");
    assert_string_equal(comment_clean(a, "one\ntwo", false), "onetwo");
    assert_string_equal(comment_clean(a, "\xC2\x85x\xEF\xBB\xBF", false), "x");   /* NEL, BOM */
    assert_string_equal(comment_clean(a, " \n\t ", true), "");
    arena_free(a);
}

static void test_email(void **state)
{
    const char *good[] = { "a@b.co", "first.last+tag@sub.example.org", "عربي@example.com" };
    const char *bad[] = { "", "a", "a@b", "@b.co", "a@b.", "a@.co", "a b@c.co", "a@b@c.co",
                          "a@b..co", "<a@b.co>", "a@b,co.uk", "a@b.co\n" };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) assert_true(comment_email_valid(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_false(comment_email_valid(bad[i]));
}

static void test_read_good_and_errors(void **state)
{
    arena *a = arena_new(0);
    comment_form c = read_body(a, "name=%D8%B3%D9%84%D9%85%D9%89&email=s%40x.co&comment=hi&"
                                   "website=https%3A%2F%2Fx.co&token=t&parent=12");
    assert_int_equal(c.n_errors, 0);
    assert_string_equal(c.name, "سلمى");
    assert_int_equal(c.parent_id, 12);
    assert_string_equal(c.token, "t");
    assert_string_equal(c.honeypot, "");

    c = read_body(a, "name=+&email=nope&comment=%0A%20&website=javascript%3Aalert(1)&parent=1x");
    assert_int_equal(c.n_errors, 4);
    assert_string_equal(c.err_name, "comment_err_name_missing");
    assert_string_equal(c.err_email, "comment_err_email_bad");
    assert_string_equal(c.err_body, "comment_err_body_missing");
    assert_string_equal(c.err_website, "comment_err_website_bad");
    assert_int_equal(c.parent_id, 0);

    buf b;
    buf_init(&b, a);
    buf_puts(&b, "name=x&email=a%40b.co&comment=");
    for (int i = 0; i < 5001; i++) buf_puts(&b, "%D8%A8");      /* ب × 5001 */
    c = read_body(a, b.data);
    assert_true(c.too_long);
    assert_string_equal(c.err_body, "comment_err_body_long");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form_parse),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_email),
        cmocka_unit_test(test_read_good_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
