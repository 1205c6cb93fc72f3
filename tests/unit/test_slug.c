/* test_slug.c — unit tests for text/slug. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "text/slug.h"

static arena *A;

static int setup(void **state)
{
    A = arena_new(0);
    return 0;
}

static int teardown(void **state)
{
    arena_free(A);
    return 0;
}

static const char *slug(const char *s)
{
    return slug_make(A, s, strlen(s));
}

static bool valid(const char *s)
{
    return slug_valid(s, strlen(s));
}

static void test_arabic_title(void **state)
{
    assert_string_equal(
        slug("وَزِيرُ الخارجيّة: «الاتفاق» مع iPhone 15 ـــ جاهزٌ!"),
        "وزير-الخارجية-الاتفاق-مع-iphone-15-جاهز");
    assert_string_equal(slug("كـــتـــاب"), "كتاب");          /* tatweel */
    assert_string_equal(slug("هٰذا"), "هذا");                 /* U+0670 */
    assert_string_equal(slug("عام ٢٠٢٦ والعام 2027"), "عام-٢٠٢٦-والعام-2027");
    assert_string_equal(slug("«مرحبا» — “Hello, World”"), "مرحبا-hello-world");
    assert_string_equal(slug("  Breaking:   NEWS!!  "), "breaking-news");
    assert_string_equal(slug("سوريا/لبنان؟ نعم، لا؛ ربما."),
                        "سوريا-لبنان-نعم-لا-ربما");
}

static void test_other_scripts(void **state)
{
    /* Persian/Urdu letters are in the kept ranges; U+06F0–U+06F9 digits and
     * the Urdu full stop U+06D4 are not */
    assert_string_equal(slug("پیام گرم"), "پیام-گرم");
    assert_string_equal(slug("ے۔ب"), "ے-ب");
    assert_string_equal(slug("سال ۱۴۰۳"), "سال");
    assert_string_equal(slug("Привет мир"), "");
    assert_string_equal(slug("日本 news"), "news");
    assert_string_equal(slug("Café au lait"), "caf-au-lait");
    assert_string_equal(slug("a\xc2\xa0" "b"), "a-b");          /* NBSP */
    assert_string_equal(slug("a\xe2\x80\x8c" "b"), "a-b");      /* ZWNJ */
}

static void test_empty(void **state)
{
    assert_string_equal(slug(""), "");
    assert_string_equal(slug("!!! ... ؟؟ «» — ـــ َ"), "");
    const char *s = slug_make(A, NULL, 0);
    assert_non_null(s);
    assert_string_equal(s, "");
}

static void test_invalid_utf8(void **state)
{
    assert_string_equal(slug("abc\xff\xfe" "def"), "abc-def");
    assert_string_equal(slug("a\xc0\xaf" "b"), "a-b");            /* overlong */
    assert_string_equal(slug("a\xed\xa0\x80" "b"), "a-b");        /* surrogate */
    assert_string_equal(slug("a\xf4\x90\x80\x80" "b"), "a-b");    /* > 10FFFF */
    assert_string_equal(slug("x\xd8" "a"), "x-a");      /* bad continuation */
    assert_string_equal(slug("كتاب\xd8"), "كتاب");      /* truncated at end */
    assert_string_equal(slug("\xd9\x83\xd8"), "ك");
    /* embedded NUL separates too, and only `len` bytes are read */
    assert_string_equal(slug_make(A, "ab\0cd", 5), "ab-cd");
    assert_string_equal(slug_make(A, "abcdef", 3), "abc");
}

/* Arabic letters are two bytes: the cut must never split one. */
static void test_long_cut_at_char(void **state)
{
    buf b;
    buf_init(&b, A);
    buf_putc(&b, 'a');
    for (int i = 0; i < 60; i++) buf_puts(&b, "ب");
    const char *s = slug(b.data);
    assert_int_equal(strlen(s), 79);                 /* 1 + 39 × 2 */
    assert_true(valid(s));
    assert_int_equal(memcmp(s, b.data, 79), 0);

    /* a short first word then a long one: cutting at the '-' would lose
     * most of the slug, so the long word is cut at a character */
    buf_init(&b, A);
    buf_puts(&b, "ab ");
    for (int i = 0; i < 50; i++) buf_puts(&b, "ج");
    s = slug(b.data);
    assert_int_equal(strlen(s), 79);                 /* "ab-" + 38 × 2 */
    assert_true(valid(s));
    assert_int_equal(memcmp(s, "ab-", 3), 0);
}

static void test_long_cut_at_word(void **state)
{
    buf b;
    buf_init(&b, A);
    for (int i = 0; i < 20; i++) buf_puts(&b, "اقتصاد، ");
    const char *s = slug(b.data);
    /* "اقتصاد" is 12 bytes: six words and five '-' make 77 bytes */
    assert_int_equal(strlen(s), 77);
    assert_true(valid(s));
    assert_int_equal(s[strlen(s) - 1] != '-', 1);
    assert_int_equal(strncmp(s + 65, "اقتصاد", 12), 0);

    /* the limit falls exactly on a word end: nothing is lost */
    buf_init(&b, A);
    for (int i = 0; i < 80; i++) buf_putc(&b, 'x');
    buf_puts(&b, " more");
    s = slug(b.data);
    assert_int_equal(strlen(s), 80);
    assert_true(valid(s));
    /* mid-word with a late '-': back to it */
    buf_init(&b, A);
    for (int i = 0; i < 50; i++) buf_putc(&b, 'y');
    buf_putc(&b, ' ');
    for (int i = 0; i < 50; i++) buf_putc(&b, 'z');
    s = slug(b.data);
    assert_int_equal(strlen(s), 50);
    assert_true(valid(s));
}

static void test_valid(void **state)
{
    static const char *yes[] = { "وزير-الخارجية", "abc", "a-b", "٢٠٢٦",
                                 "iphone-15", "پیام", "x" };
    static const char *no[] = { "", "-a", "a-", "a--b", "-", "A", "Abc",
                                "a b", "a_b", "a.b", "كَتب", "كـتب", "a\xff",
                                "a\xd8", "a/b", "a%20b", "۱۴۰۳", "é" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!valid(yes[i])) fail_msg("\"%s\" should be valid", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (valid(no[i])) fail_msg("\"%s\" should be invalid", no[i]);
    char long81[82];
    memset(long81, 'q', 81);
    long81[81] = '\0';
    assert_false(valid(long81));
    assert_true(slug_valid(long81, 80));
    assert_false(slug_valid("ab\0c", 4));
    assert_false(slug_valid(NULL, 0));
}

/* slug_valid is exactly "slug_make leaves it alone". */
static void test_valid_matches_make(void **state)
{
    static const char *in[] = {
        "وَزِيرُ الخارجيّة", "Hello World", "a--b", "-x-", "abc", "ABC",
        "كـتب", "ك-ت-ب", "٢٠٢٦-news", ("a\xff" "b"), "  ", "Привет", "q-",
    };
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        const char *s = slug(in[i]);
        assert_true(*s == '\0' || valid(s));
        assert_string_equal(slug(s), s);
        bool same = strcmp(s, in[i]) == 0;
        assert_int_equal(valid(in[i]), same && *s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arabic_title),
        cmocka_unit_test(test_other_scripts),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_long_cut_at_char),
        cmocka_unit_test(test_long_cut_at_word),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_valid_matches_make),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
