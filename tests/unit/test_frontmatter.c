/* test_frontmatter.c — unit tests for ingest/frontmatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "ingest/frontmatter.h"

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

/* Parse src[0..len), which must succeed. */
static frontmatter parse_n(const char *src, size_t len)
{
    frontmatter fm;
    int line = -7;
    char err[128] = "";
    if (frontmatter_parse(A, src, len, &fm, &line, err, sizeof err) != 0)
        fail_msg("line %d: %s", line, err);
    return fm;
}

static frontmatter parse(const char *src)
{
    return parse_n(src, strlen(src));
}

static const fm_field *get(const frontmatter *fm, const char *key)
{
    const fm_field *f = frontmatter_get(fm, key);
    if (!f) fail_msg("no field \"%s\"", key);
    return f;
}

static void assert_scalar(const frontmatter *fm, const char *key,
                          const char *value)
{
    const fm_field *f = get(fm, key);
    assert_false(f->is_list);
    assert_int_equal(f->n_items, 0);
    assert_string_equal(f->value, value);
}

static void assert_items(const frontmatter *fm, const char *key,
                         const char **items, size_t n)
{
    const fm_field *f = get(fm, key);
    assert_true(f->is_list);
    assert_string_equal(f->value, "");
    assert_int_equal(f->n_items, n);
    for (size_t i = 0; i < n; i++) assert_string_equal(f->items[i], items[i]);
}

static void test_all_forms(void **state)
{
    frontmatter fm = parse(
        "---\n"
        "title: \"وزير الخارجية: الاتفاق #1 جاهز\"\n"
        "subtitle: 'It''s here: now # not a comment'\n"
        "author: أحمد علي   # the author\n"
        "tags: [\"أ\", \"ب, ج\", 'د', plain item ,x]\n"
        "section: [news]\n"
        "date: 2026-11-20T09:30:00+03:00\n"
        "\n"
        "# a comment line\n"
        "keywords:\n"
        "  - سياسة\n"
        "\n"
        "  # a comment inside the list\n"
        "  - \"اقتصاد: عالمي\"\n"
        "  - 'x' # comment\n"
        "empty:\n"
        "draft: false\n"
        "lang: C# and F#\n"
        "---\n"
        "# Heading\n"
        "\n"
        "Body text.\n");
    assert_int_equal(fm.n_fields, 10);
    assert_scalar(&fm, "title", "وزير الخارجية: الاتفاق #1 جاهز");
    assert_scalar(&fm, "subtitle", "It's here: now # not a comment");
    assert_scalar(&fm, "author", "أحمد علي");
    const char *tags[] = { "أ", "ب, ج", "د", "plain item", "x" };
    assert_items(&fm, "tags", tags, 5);
    const char *section[] = { "news" };
    assert_items(&fm, "section", section, 1);
    assert_scalar(&fm, "date", "2026-11-20T09:30:00+03:00");
    const char *kw[] = { "سياسة", "اقتصاد: عالمي", "x" };
    assert_items(&fm, "keywords", kw, 3);
    assert_scalar(&fm, "empty", "");
    assert_scalar(&fm, "draft", "false");
    assert_scalar(&fm, "lang", "C# and F#");
    /* file order and lines */
    assert_string_equal(fm.fields[0].key, "title");
    assert_int_equal(fm.fields[0].line, 2);
    assert_string_equal(fm.fields[6].key, "keywords");
    assert_int_equal(fm.fields[6].line, 10);
    assert_int_equal(get(&fm, "lang")->line, 18);
    assert_string_equal(fm.body, "# Heading\n\nBody text.\n");
    assert_int_equal(fm.body_len, strlen(fm.body));
    assert_int_equal(fm.body_line, 20);
    assert_null(frontmatter_get(&fm, "Title"));
    assert_null(frontmatter_get(&fm, "missing"));
}

static void test_escapes(void **state)
{
    frontmatter fm = parse(
        "---\n"
        "a: \"q\\\"b\\\\s\\/n\\nt\\tr\\r\"\n"
        "u: \"\\u0041\\u00e9\\u0627\\u20AC\\ud83d\\ude00\"\n"
        "s: ''''\n"
        "e: \"\"\n"
        "f: ''\n"
        "l: [\"a\\\"]\", 'b'',c', \"\\u0628\"]\n"
        "---\n");
    assert_scalar(&fm, "a", "q\"b\\s/n\nt\tr\r");
    assert_scalar(&fm, "u", "A\xc3\xa9\xd8\xa7\xe2\x82\xac\xf0\x9f\x98\x80");
    assert_scalar(&fm, "s", "'");
    assert_scalar(&fm, "e", "");
    assert_scalar(&fm, "f", "");
    const char *l[] = { "a\"]", "b',c", "ب" };
    assert_items(&fm, "l", l, 3);
    assert_string_equal(fm.body, "");
    assert_int_equal(fm.body_line, 9);
}

static void test_bom_crlf(void **state)
{
    frontmatter fm = parse(
        "\xEF\xBB\xBF---\r\n"
        "title: عنوان\r\n"
        "tags:\r\n"
        "  - a\r\n"
        "  - \"b\"\r\n"
        "flow: [c, d]\r\n"
        "---\r\n"
        "body\r\n");
    assert_scalar(&fm, "title", "عنوان");
    const char *tags[] = { "a", "b" };
    assert_items(&fm, "tags", tags, 2);
    const char *flow[] = { "c", "d" };
    assert_items(&fm, "flow", flow, 2);
    assert_string_equal(fm.body, "body\r\n");
    assert_int_equal(fm.body_line, 8);
}

static void test_lists(void **state)
{
    frontmatter fm = parse(
        "---\n"
        "none: []\n"
        "trailing: [a, b, ]\n"
        "spaced: [ a ,b ]   # comment\n"
        "flat:\n"
        "- one\n"
        "- two\n"
        "deep:\n"
        "      - three\n"
        "---\n");
    assert_items(&fm, "none", NULL, 0);
    const char *ab[] = { "a", "b" };
    assert_items(&fm, "trailing", ab, 2);
    assert_items(&fm, "spaced", ab, 2);
    const char *flat[] = { "one", "two" };
    assert_items(&fm, "flat", flat, 2);
    const char *deep[] = { "three" };
    assert_items(&fm, "deep", deep, 1);
}

/* Many fields and items: the arrays must grow without losing any. */
static void test_many(void **state)
{
    buf b;
    buf_init(&b, A);
    buf_puts(&b, "---\n");
    for (int i = 0; i < 100; i++) buf_printf(&b, "k%d: v%d\n", i, i);
    buf_puts(&b, "list:\n");
    for (int i = 0; i < 100; i++) buf_printf(&b, "  - item %d\n", i);
    buf_puts(&b, "flow: [");
    for (int i = 0; i < 100; i++) buf_printf(&b, "%s'f%d'", i ? ", " : "", i);
    buf_puts(&b, "]\n---\nbody");
    frontmatter fm = parse_n(b.data, b.len);
    assert_int_equal(fm.n_fields, 102);
    for (int i = 0; i < 100; i++) {
        char k[32], v[32];
        snprintf(k, sizeof k, "k%d", i);
        snprintf(v, sizeof v, "v%d", i);
        assert_scalar(&fm, k, v);
        assert_int_equal(get(&fm, k)->line, i + 2);
        snprintf(v, sizeof v, "item %d", i);
        assert_string_equal(get(&fm, "list")->items[i], v);
        snprintf(v, sizeof v, "f%d", i);
        assert_string_equal(get(&fm, "flow")->items[i], v);
    }
    assert_int_equal(get(&fm, "list")->n_items, 100);
    assert_int_equal(get(&fm, "flow")->n_items, 100);
    assert_string_equal(fm.body, "body");
    assert_int_equal(fm.body_line, 205);
}

static void test_fences(void **state)
{
    frontmatter fm = parse("---   \ntitle: x\n---\t\nbody\n");
    assert_scalar(&fm, "title", "x");
    assert_string_equal(fm.body, "body\n");
    fm = parse("---\n---");                     /* empty, no final newline */
    assert_int_equal(fm.n_fields, 0);
    assert_string_equal(fm.body, "");
    assert_int_equal(fm.body_line, 3);
    /* only the first closing fence counts; the rest is body */
    fm = parse("---\na: \"---\"\n---\nbody\n---\nmore");
    assert_scalar(&fm, "a", "---");
    assert_string_equal(fm.body, "body\n---\nmore");
    assert_int_equal(fm.body_line, 4);
}

typedef struct {
    const char *src;
    int line;
    const char *msg;
} err_case;

static const err_case errors[] = {
    { "", 1, "missing opening ---" },
    { "title: x\n---\n", 1, "missing opening ---" },
    { "\n---\ntitle: x\n---\n", 1, "missing opening ---" },
    { "----\ntitle: x\n---\n", 1, "missing opening ---" },
    { "---\ntitle: x\n", 1, "missing closing ---" },
    { "---\ntitle: x\nbody line\n", 1, "missing closing ---" },
    { "---", 1, "missing closing ---" },
    { "---\na: x\n----\n---\n", 3, "expected key: value" },
    { "--- x\na: x\n---\n", 1, "missing opening ---" },
    { "---\ntitle: a\nx: 1\ntitle: b\n---\n", 4, "duplicate key \"title\"" },
    { "---\ntitle: \"abc\n---\n", 2, "unterminated string" },
    { "---\ntitle: 'abc\n---\n", 2, "unterminated string" },
    { "---\ntitle: \"a\\\"\n---\n", 2, "unterminated string" },
    { "---\ntitle: 'it''\n---\n", 2, "unterminated string" },
    { "---\ntags: [\"a, b]\n---\n", 2, "unterminated string" },
    { "---\njust text\n---\n", 2, "expected key: value" },
    { "---\ntitle:x\n---\n", 2, "expected key: value" },
    { "---\ntitle : x\n---\n", 2, "expected key: value" },
    { "---\n\"title\": x\n---\n", 2, "expected key: value" },
    { "---\nعنوان: x\n---\n", 2, "expected key: value" },
    { "---\ntitle: \xff\n---\n", 2, "invalid UTF-8" },
    { "---\n# c\ntitle: \xc3\x28\n---\n", 3, "invalid UTF-8" },
    { "---\n# \xc0\xaf\n---\n", 2, "invalid UTF-8" },            /* overlong */
    { "---\na: \xed\xa0\x80\n---\n", 2, "invalid UTF-8" },       /* surrogate */
    { "---\na: \xd8\n---\n", 2, "invalid UTF-8" },               /* truncated */
    { "---\na: x\x01y\n---\n", 2, "control character" },
    { "---\na: x\ry\n---\n", 2, "control character" },
    { "---\ntags:\n\t- a\n---\n", 3, "tab indentation" },
    { "---\ntags:\n \t - a\n---\n", 3, "tab indentation" },
    { "---\nmeta:\n  author: x\n---\n", 3, "nested mappings are not supported" },
    { "---\nmeta: {a: b}\n---\n", 2, "nested mappings are not supported" },
    { "---\ntags:\n  - a: b\n---\n", 3, "nested mappings are not supported" },
    { "---\ntags: [a: b]\n---\n", 2, "nested mappings are not supported" },
    { "---\ntags: [a, [b]]\n---\n", 2, "nested lists are not supported" },
    { "---\ntags:\n  - [a]\n---\n", 3, "nested lists are not supported" },
    { "---\ntags:\n  - - a\n---\n", 3, "nested lists are not supported" },
    { "---\ntitle: \"a\" b\n---\n", 2, "unexpected text after the closing quote" },
    { "---\ntitle: \"a\"# b\n---\n", 2, "unexpected text after the closing quote" },
    { "---\ntags: [a, b\n---\n", 2, "unterminated list" },
    { "---\ntags: [a, b # c]\n---\n", 2, "unterminated list" },
    { "---\ntags: [a,\n  b]\n---\n", 2, "unterminated list" },
    { "---\ntags: [a b c] x\n---\n", 2, "unexpected text after \"]\"" },
    { "---\ntags: [a, , b]\n---\n", 2, "empty list item" },
    { "---\ntags: [,]\n---\n", 2, "empty list item" },
    { "---\ntags: [\"a\" \"b\"]\n---\n", 2, "expected \",\" or \"]\" in list" },
    { "---\ntags:\n  -\n---\n", 3, "empty list item" },
    { "---\ntags:\n  - # nothing\n---\n", 3, "empty list item" },
    { "---\n  - a\n---\n", 2, "list item without a key" },
    { "---\ntitle: x\n  - a\n---\n", 3, "list item without a key" },
    { "---\ntags:\n  - a\nx: 1\n  - b\n---\n", 5, "list item without a key" },
    { "---\ntags:\n  - a\n    - b\n---\n", 4, "inconsistent list indentation" },
    { "---\ntitle: x\n  more\n---\n", 3, "unexpected indentation" },
    { "---\ntitle: a: b\n---\n", 2, "a plain value cannot contain \": \" (quote it)" },
    { "---\ntitle: Note:\n---\n", 2, "a plain value cannot contain \": \" (quote it)" },
    { "---\ntitle: - a\n---\n", 2, "a plain value cannot start with \"-\" (quote it)" },
    { "---\ntitle: @x\n---\n", 2, "a plain value cannot start with \"@\" (quote it)" },
    { "---\nbody: |\n  text\n---\n", 2, "block scalars (| and >) are not supported" },
    { "---\nbody: >-\n---\n", 2, "block scalars (| and >) are not supported" },
    { "---\ntitle: &x a\n---\n", 2, "anchors, aliases and tags are not supported" },
    { "---\ntitle: !!str a\n---\n", 2, "anchors, aliases and tags are not supported" },
    { "---\ntitle: \"\\q\"\n---\n", 2, "invalid escape \"\\q\"" },
    { "---\ntitle: \"\\u12\"\n---\n", 2, "invalid escape \"\\u\"" },
    { "---\ntitle: \"\\ud800\"\n---\n", 2, "invalid escape \"\\u\"" },
    { "---\ntitle: \"\\udc00\\ud800\"\n---\n", 2, "invalid escape \"\\u\"" },
    { "---\ntitle: \"\\u0000\"\n---\n", 2, "invalid escape \"\\u\"" },
    { "---\ntitle: \"\\é\"\n---\n", 2, "invalid escape" },
    { "\xEF\xBB\xBF---\r\na: 1\r\n\r\na: 2\r\n---\r\n", 4, "duplicate key \"a\"" },
};

static void test_errors(void **state)
{
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        frontmatter fm;
        int line = -7;
        char err[128] = "";
        memset(&fm, 0x5a, sizeof fm);
        int rc = frontmatter_parse(A, errors[i].src, strlen(errors[i].src),
                                   &fm, &line, err, sizeof err);
        if (rc != -1 || line != errors[i].line ||
            strcmp(err, errors[i].msg) != 0)
            fail_msg("case %zu: rc %d line %d \"%s\", want line %d \"%s\"",
                     i, rc, line, err, errors[i].line, errors[i].msg);
        assert_int_equal(fm.n_fields, 0);
        assert_null(fm.body);
    }
}

static void test_error_edges(void **state)
{
    frontmatter fm;
    int line = 0;
    char small[8];
    /* a NUL byte is a control character, not the end of the input */
    const char nul[] = "---\na: x\0y\n---\n";
    assert_int_equal(frontmatter_parse(A, nul, sizeof nul - 1, &fm, &line,
                                       small, sizeof small), -1);
    assert_int_equal(line, 2);
    assert_string_equal(small, "control");      /* cut, still terminated */
    /* err and err_line are optional */
    assert_int_equal(frontmatter_parse(A, "x", 1, &fm, NULL, NULL, 0), -1);
    assert_int_equal(frontmatter_parse(A, NULL, 0, &fm, &line, small, 0), -1);
    /* the body is not checked */
    assert_int_equal(frontmatter_parse(A, "---\n---\n\xff\x01", 10, &fm,
                                       &line, small, sizeof small), 0);
    assert_int_equal(fm.body_len, 2);
    assert_memory_equal(fm.body, "\xff\x01", 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_forms),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_many),
        cmocka_unit_test(test_fences),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_edges),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
