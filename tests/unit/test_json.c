/* test_json.c — views as JSON and JSON string escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/escape.h"
#include "render/json.h"
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

static const char *to_json(arena *a, const view *v)
{
    buf out;
    buf_init(&out, a);
    json_render(&out, v);
    return out.data;
}

static const char *json_str(arena *a, const char *s, size_t len)
{
    buf out;
    buf_init(&out, a);
    escape_json_string(&out, s, len);
    return out.data;
}

static void test_scalars(void **state)
{
    arena *a = *state;
    assert_string_equal(to_json(a, NULL), "null");
    assert_string_equal(to_json(a, view_null(a)), "null");
    assert_string_equal(to_json(a, view_bool(a, true)), "true");
    assert_string_equal(to_json(a, view_bool(a, false)), "false");
    assert_string_equal(to_json(a, view_int(a, 0)), "0");
    assert_string_equal(to_json(a, view_int(a, -17)), "-17");
    assert_string_equal(to_json(a, view_int(a, LLONG_MIN)), "-9223372036854775808");
    assert_string_equal(to_json(a, view_int(a, LLONG_MAX)), "9223372036854775807");
    assert_string_equal(to_json(a, view_str(a, "")), "\"\"");
    assert_string_equal(to_json(a, view_html(a, "<p>x</p>", 8)), "\"\\u003cp\\u003ex\\u003c/p\\u003e\"");
}

static void test_empty_containers(void **state)
{
    arena *a = *state;
    assert_string_equal(to_json(a, view_list(a)), "[]");
    assert_string_equal(to_json(a, view_obj(a)), "{}");
}

static void test_nesting_keeps_order(void **state)
{
    arena *a = *state;
    view *root = view_obj(a), *art = view_obj(a), *tags = view_list(a);
    view_set_int(a, art, "id", 12);
    view_set_str(a, art, "title", "عنوان");
    view_push(a, tags, view_str(a, "a"));
    view_push(a, tags, view_obj(a));
    view_push(a, tags, view_list(a));
    view_push(a, tags, NULL);
    view_set(a, art, "tags", tags);
    view_set_bool(a, art, "draft", false);
    view_set(a, root, "zeta", view_int(a, -1));
    view_set(a, root, "article", art);
    view_set(a, root, "alpha", view_null(a));
    assert_string_equal(to_json(a, root),
                        "{\"zeta\":-1,\"article\":{\"id\":12,\"title\":\"عنوان\","
                        "\"tags\":[\"a\",{},[],null],\"draft\":false},\"alpha\":null}");
}

static void test_string_escapes(void **state)
{
    arena *a = *state;
    const char in[] = "q\" b\\ n\n r\r t\t \b \f \x01 \x1f \x7f / </script> & \0!";
    assert_string_equal(json_str(a, in, sizeof in - 1),
                        "\"q\\\" b\\\\ n\\n r\\r t\\t \\b \\f \\u0001 \\u001f \x7f / "
                        "\\u003c/script\\u003e \\u0026 \\u0000!\"");
}

static void test_line_separators(void **state)
{
    arena *a = *state;
    const char in[] = "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xe2\x80\xaa";   /* U+202A stays */
    assert_string_equal(json_str(a, in, sizeof in - 1),
                        "\"a\\u2028b\\u2029c\xe2\x80\xaa\"");
}

static void test_invalid_utf8(void **state)
{
    arena *a = *state;
    const char in[] = "\xd8\xb3\xff\xc0\x80\xed\xbf\xbf\xe2\x80\xf0\x9f\x98\x80\xf0\x9f";
    assert_string_equal(json_str(a, in, sizeof in - 1),
                        "\"\xd8\xb3\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"
                        "\xf0\x9f\x98\x80\\ufffd\"");
    view *o = view_obj(a);
    view_set(a, o, "k\xff", view_strn(a, "v\xfe", 2));
    assert_string_equal(to_json(a, o), "{\"k\\ufffd\":\"v\\ufffd\"}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scalars, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_containers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nesting_keeps_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_string_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_line_separators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
