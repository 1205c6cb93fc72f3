/* test_core.c — arena, buf/str and UTF-8 validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"

static void test_arena_alignment_and_growth(void **state)
{
    arena *a = arena_new(64);
    for (int i = 1; i < 200; i++) {
        char *p = arena_alloc(a, (size_t)i);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 'x', (size_t)i);           /* ASan catches overruns */
    }
    char *big = arena_alloc(a, 100000);      /* larger than a block */
    memset(big, 0, 100000);
    assert_true(arena_used(a) >= 100000);
    arena_reset(a);
    assert_int_equal(arena_used(a), 0);
    assert_non_null(arena_alloc(a, 10));
    arena_free(a);
}

static void test_arena_strings(void **state)
{
    arena *a = arena_new(0);
    assert_string_equal(arena_strndup(a, "مداد-xyz", 8), "مداد");
    assert_null(arena_strdup(a, NULL));
    assert_string_equal(arena_printf(a, "%s/%lld", "article", 42LL), "article/42");
    char *z = arena_zalloc(a, 32);
    for (int i = 0; i < 32; i++) assert_int_equal(z[i], 0);
    arena_free(a);
}

static void test_buf_heap_and_arena(void **state)
{
    buf h;
    buf_init(&h, NULL);
    for (int i = 0; i < 1000; i++) buf_printf(&h, "%d,", i);
    assert_true(h.len > 2000);
    assert_int_equal(h.data[h.len], '\0');
    assert_true(str_starts(buf_str(&h), "0,1,2,"));
    buf_free(&h);

    arena *a = arena_new(0);
    buf b;
    buf_init(&b, a);
    assert_int_equal(buf_str(&b).len, 0);
    buf_puts(&b, "نص");
    buf_putc(&b, ' ');
    buf_append(&b, "abc", 2);
    assert_true(str_eqc(buf_str(&b), "نص ab"));
    char long_text[600];
    memset(long_text, 'q', sizeof long_text - 1);
    long_text[599] = '\0';
    buf_printf(&b, "%s", long_text);         /* longer than the printf fast path */
    assert_int_equal(b.len, strlen("نص ab") + 599);
    buf_clear(&b);
    assert_int_equal(b.len, 0);
    arena_free(a);
}

static void test_str(void **state)
{
    assert_true(str_eq(str_c("a"), str_c("a")));
    assert_false(str_eq(str_c("a"), str_c("ab")));
    assert_true(str_eq(str_c(NULL), str_c("")));
    assert_false(str_starts(str_c("ab"), "abc"));
}

static void test_utf8(void **state)
{
    static const struct { const char *s; size_t n; int ok; } cases[] = {
        { "", 0, 1 }, { "plain", 5, 1 }, { "مداد", 8, 1 }, { "😀", 4, 1 },
        { "\xC0\xAF", 2, 0 },               /* overlong '/' */
        { "\xE0\x80\xAF", 3, 0 },           /* overlong */
        { "\xED\xA0\x80", 3, 0 },           /* surrogate */
        { "\xF4\x90\x80\x80", 4, 0 },       /* > U+10FFFF */
        { "\xFF", 1, 0 }, { "\xD9", 1, 0 },  /* truncated Arabic letter */
        { "abc\xD9\x85", 5, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(utf8_valid(cases[i].s, cases[i].n), cases[i].ok);
}

static void test_utf8_decode(void **state)
{
    long cp = 0;
    assert_int_equal(utf8_decode((const unsigned char *)"A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode((const unsigned char *)"\xD9\x85", 2, &cp), 2);
    assert_int_equal(cp, 0x645);                       /* م */
    assert_int_equal(utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode((const unsigned char *)"\xD9\x85", 1, &cp), 0);  /* truncated */
    assert_int_equal(utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment_and_growth),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_buf_heap_and_arena),
        cmocka_unit_test(test_str),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_utf8_decode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
