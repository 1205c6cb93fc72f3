/* test_template.c — the template engine and HTML escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "render/escape.h"
#include "render/template.h"
#include "render/view.h"

typedef struct {
    arena *a;
    tmpl_set *set;
    char err[256];
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->a = arena_new(0);
    f->set = tmpl_set_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    tmpl_set_free(f->set);
    arena_free(f->a);
    free(f);
    return 0;
}

static void add(fx *f, const char *name, const char *src)
{
    int rc = tmpl_set_add(f->set, name, src, strlen(src), f->err, sizeof f->err);
    if (rc != 0) fail_msg("%s", f->err);
}

/* Render `name` with `root`; the result lives in the arena. */
static const char *render(fx *f, const char *name, const view *root)
{
    buf out;
    buf_init(&out, f->a);
    assert_int_equal(tmpl_render(f->set, name, root, &out), 0);
    return out.data ? out.data : "";
}

/* Compile `src` as template "t" and render it with `root`. */
static const char *run(fx *f, const char *src, const view *root)
{
    add(f, "t", src);
    return render(f, "t", root);
}

/* Compile `src` as "bad", expecting an error equal to `want`. */
static void expect_error(fx *f, const char *src, const char *want)
{
    f->err[0] = '\0';
    assert_int_equal(tmpl_set_add(f->set, "bad", src, strlen(src), f->err, sizeof f->err), -1);
    assert_string_equal(f->err, want);
    buf out;
    buf_init(&out, f->a);
    assert_int_equal(tmpl_render(f->set, "bad", NULL, &out), -1);
}

static void test_escape_text_and_attribute(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set_str(f->a, v, "v", "a\"b'c<d>e&f");
    assert_string_equal(run(f, "<p title=\"{{v}}\">{{ v }}</p>", v),
                        "<p title=\"a&quot;b&#39;c&lt;d&gt;e&amp;f\">"
                        "a&quot;b&#39;c&lt;d&gt;e&amp;f</p>");
}

static void test_escape_controls_and_utf8(void **state)
{
    fx *f = *state;
    buf out;
    buf_init(&out, f->a);
    escape_html(&out, "a\0b\x01\x1f\x7f\tc\nd\re", 12);
    assert_int_equal(out.len, 8);
    assert_memory_equal(out.data, "ab\tc\nd\re", 8);
    buf_clear(&out);
    /* bad lead, overlong, surrogate, truncated, past U+10FFFF, then Arabic */
    const char in[] = "\xff|\xc0\xaf|\xed\xa0\x80|\xe0\xa4|\xf4\x90\x80\x80|\xd9\x85";
    escape_html(&out, in, sizeof in - 1);
    assert_string_equal(out.data,
                        "\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd|"
                        "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd|"
                        "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|\xd9\x85");
    assert_true(utf8_valid(out.data, out.len));
}

static void test_invalid_utf8_value(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set(f->a, v, "s", view_strn(f->a, "\xd9\x85\xd8\xaf\xd8\xa7\xd8\xaf \xe2\x28\xa1!", 13));
    const char *got = run(f, "[{{s}}]", v);
    assert_string_equal(got, "[\xd9\x85\xd8\xaf\xd8\xa7\xd8\xaf \xef\xbf\xbd(\xef\xbf\xbd!]");
    assert_true(utf8_valid(got, strlen(got)));
}

static void test_triple_braces_escape_plain_text(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set_str(f->a, v, "s", "<script>alert(1)</script>");
    assert_string_equal(run(f, "{{{s}}}|{{& s}}|{{{ s }}}", v),
                        "&lt;script&gt;alert(1)&lt;/script&gt;|"
                        "&lt;script&gt;alert(1)&lt;/script&gt;|"
                        "&lt;script&gt;alert(1)&lt;/script&gt;");
}

static void test_trusted_html(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set(f->a, v, "h", view_html(f->a, "<p>x &amp; y</p>", 16));
    assert_string_equal(run(f, "{{{h}}}|{{&h}}|{{h}}", v),
                        "<p>x &amp; y</p>|<p>x &amp; y</p>|"
                        "&lt;p&gt;x &amp;amp; y&lt;/p&gt;");
}

static void test_values(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set_int(f->a, v, "n", -42);
    view_set_int(f->a, v, "min", LLONG_MIN);
    view_set_int(f->a, v, "zero", 0);
    view_set_bool(f->a, v, "t", true);
    view_set_bool(f->a, v, "f", false);
    view_set(f->a, v, "z", view_null(f->a));
    view_set(f->a, v, "l", view_list(f->a));
    view_set_str(f->a, v, "ar", "مرحبا بالعالم");
    assert_string_equal(run(f, "{{n}},{{min}},{{zero}},{{t}},{{f}},{{z}},{{missing}},{{l}},{{ar}}", v),
                        "-42,-9223372036854775808,0,true,,,,,مرحبا بالعالم");
}

static view *item(arena *a, const char *name)
{
    view *o = view_obj(a);
    view_set_str(a, o, "name", name);
    return o;
}

static void test_section_list(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a), *l = view_list(f->a);
    view_push(f->a, l, item(f->a, "a<"));
    view_push(f->a, l, item(f->a, "b"));
    view_push(f->a, l, item(f->a, "c"));
    view_set(f->a, v, "items", l);
    assert_string_equal(run(f, "<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>", v),
                        "<ul><li>a&lt;</li><li>b</li><li>c</li></ul>");
}

static void test_section_object_and_scalars(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set(f->a, v, "author", item(f->a, "سارة"));
    view_set_bool(f->a, v, "yes", true);
    view_set_bool(f->a, v, "no", false);
    view_set_int(f->a, v, "zero", 0);
    view_set_int(f->a, v, "count", 3);
    view_set_str(f->a, v, "empty", "");
    view_set_str(f->a, v, "word", "w");
    assert_string_equal(
        run(f, "{{#author}}by {{name}}{{/author}}|{{#yes}}Y{{/yes}}|{{#no}}N{{/no}}|"
               "{{#zero}}0{{/zero}}|{{#count}}{{.}} items{{/count}}|{{#empty}}E{{/empty}}|"
               "{{#word}}[{{.}}]{{/word}}|{{#missing}}M{{/missing}}", v),
        "by سارة|Y|||3 items||[w]|");
}

static void test_empty_list_and_inverted(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a), *full = view_list(f->a);
    view_push(f->a, full, item(f->a, "x"));
    view_set(f->a, v, "none", view_list(f->a));
    view_set(f->a, v, "full", full);
    view_set_bool(f->a, v, "no", false);
    view_set_bool(f->a, v, "yes", true);
    assert_string_equal(
        run(f, "{{#none}}A{{/none}}{{^none}}no comments{{/none}}|{{^full}}B{{/full}}|"
               "{{^no}}C{{/no}}|{{^yes}}D{{/yes}}|{{^missing}}E{{/missing}}", v),
        "no comments||C||E");
}

static void test_nested_dotted_and_parent_lookup(void **state)
{
    fx *f = *state;
    arena *a = f->a;
    view *root = view_obj(a), *art = view_obj(a), *sec = view_obj(a), *tags = view_list(a);
    view_set_str(a, root, "site", "مداد");
    view_set_str(a, root, "title", "root title");
    view_set_str(a, sec, "name", "سياسة");
    view_set_str(a, sec, "slug", "politics");
    view_set_str(a, art, "title", "T");
    view_set(a, art, "section", sec);
    view_push(a, tags, item(a, "t1"));
    view_push(a, tags, item(a, "t2"));
    view_set(a, art, "tags", tags);
    view_set(a, root, "article", art);
    assert_string_equal(
        run(f, "{{#article}}{{title}}/{{section.name}}/{{site}}"
               "{{#tags}}[{{name}}@{{section.slug}}:{{title}}]{{/tags}}{{/article}}"
               "|{{article.section.name}}|{{#article.section}}{{slug}}{{/article.section}}"
               "|{{title}}|{{article.nope}}|{{article.title.x}}", root),
        "T/سياسة/مداد[t1@politics:T][t2@politics:T]|سياسة|politics|root title||");
}

static void test_dotted_name_does_not_fall_back(void **state)
{
    fx *f = *state;
    arena *a = f->a;
    view *root = view_obj(a), *inner = view_obj(a), *outer = view_obj(a);
    view_set_str(a, outer, "b", "outer b");
    view_set(a, root, "a", outer);
    view_set_int(a, inner, "a", 1);           /* an "a" that has no .b */
    view_set(a, root, "inner", inner);
    /* inside inner, "a" resolves to inner.a, so a.b is missing: no fall back */
    assert_string_equal(run(f, "{{a.b}}|{{#inner}}{{a.b}}{{/inner}}", root), "outer b|");
}

static void test_dot_iterates_strings(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a), *l = view_list(f->a);
    view_push(f->a, l, view_str(f->a, "x&y"));
    view_push(f->a, l, view_int(f->a, 7));
    view_push(f->a, l, view_html(f->a, "<i>i</i>", 8));
    view_set(f->a, v, "tags", l);
    assert_string_equal(run(f, "{{#tags}}({{.}}|{{{.}}}){{/tags}}", v),
                        "(x&amp;y|x&amp;y)(7|7)(&lt;i&gt;i&lt;/i&gt;|<i>i</i>)");
}

static void test_comments_and_spaces(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set_str(f->a, v, "x", "X");
    view_set_bool(f->a, v, "b", true);
    assert_string_equal(run(f, "a{{! a comment\nover lines }}b{{ x }}{{# b }}!{{/ b }}{{^ b }}?{{/b}}", v),
                        "abX!");
}

static void test_partials(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a), *l = view_list(f->a);
    view_push(f->a, l, item(f->a, "one"));
    view_push(f->a, l, item(f->a, "two"));
    view_set(f->a, v, "items", l);
    view_set_str(f->a, v, "site", "S");
    add(f, "page", "<h1>{{> partials/header}}</h1>{{#items}}{{>partials/item}}{{/items}}");
    add(f, "partials/header", "{{site}}");
    add(f, "partials/item", "<li>{{name}} ({{site}})</li>");
    assert_int_equal(tmpl_set_check(f->set, f->err, sizeof f->err), 0);
    assert_string_equal(render(f, "page", v), "<h1>S</h1><li>one (S)</li><li>two (S)</li>");
}

static void test_missing_partial(void **state)
{
    fx *f = *state;
    add(f, "page", "x\n{{> partials/footer}}");
    assert_int_equal(tmpl_set_check(f->set, f->err, sizeof f->err), -1);
    assert_string_equal(f->err, "page:2: no template \"partials/footer\" for partial");
    assert_string_equal(render(f, "page", NULL), "x\n");
    add(f, "partials/footer", "F");
    assert_int_equal(tmpl_set_check(f->set, f->err, sizeof f->err), 0);
    assert_string_equal(render(f, "page", NULL), "x\nF");
}

static void test_self_recursive_partial(void **state)
{
    fx *f = *state;
    add(f, "partials/loop", "x{{> partials/loop}}");
    add(f, "page", "[{{> partials/loop}}]");
    assert_int_equal(tmpl_set_check(f->set, f->err, sizeof f->err), 0);
    assert_string_equal(render(f, "page", NULL), "[xxxxxxxxxxxxxxxx]");   /* 16 deep */
}

static void test_runaway_render_stops(void **state)
{
    fx *f = *state;
    add(f, "partials/x", "ab{{> partials/x}}{{> partials/x}}{{> partials/x}}{{> partials/x}}");
    buf out;
    buf_init(&out, NULL);
    assert_int_equal(tmpl_render(f->set, "partials/x", NULL, &out), -1);   /* 4^16 calls */
    assert_true(out.len > 0);
    buf_free(&out);
}

static void test_recursive_comment_thread(void **state)
{
    fx *f = *state;
    arena *a = f->a;
    view *c1 = item(a, "c1"), *c2 = item(a, "c2"), *c3 = item(a, "c3");
    view *r1 = view_list(a), *r2 = view_list(a), *top = view_list(a), *root = view_obj(a);
    view_push(a, r2, c3);
    view_set(a, c2, "replies", r2);
    view_push(a, r1, c2);
    view_set(a, c1, "replies", r1);
    view_set(a, c3, "replies", view_list(a));
    view_push(a, top, c1);
    view_set(a, root, "comments", top);
    add(f, "partials/comment", "<li>{{name}}{{#replies}}<ul>{{> partials/comment}}</ul>{{/replies}}</li>");
    add(f, "page", "<ul>{{#comments}}{{> partials/comment}}{{/comments}}</ul>");
    assert_string_equal(render(f, "page", root),
                        "<ul><li>c1<ul><li>c2<ul><li>c3</li></ul></li></ul></li></ul>");
}

static void test_compile_errors(void **state)
{
    fx *f = *state;
    expect_error(f, "a\n{{#s}}\nb", "bad:2: unclosed section {{#s}}");
    expect_error(f, "{{#a.b}}\n\n{{/a}}", "bad:3: {{/a}} does not match {{#a.b}} on line 1");
    expect_error(f, "x\n{{^a}}{{#b}}{{/a}}{{/b}}", "bad:2: {{/a}} does not match {{#b}} on line 2");
    expect_error(f, "{{/a}}", "bad:1: {{/a}} closes no section");
    expect_error(f, "a\nb\n{{name", "bad:3: unclosed tag");
    expect_error(f, "{{{name}}", "bad:1: unclosed tag");
    expect_error(f, "{{}}", "bad:1: empty tag name");
    expect_error(f, "\n{{  }}", "bad:2: empty tag name");
    expect_error(f, "{{#}}", "bad:1: empty tag name");
    expect_error(f, "{{a b}}", "bad:1: bad tag name \"a b\"");
    expect_error(f, "{{a..b}}", "bad:1: bad tag name \"a..b\"");
    expect_error(f, "{{> ../secret}}", "bad:1: bad partial name \"../secret\"");
    expect_error(f, "{{> /etc/x}}", "bad:1: bad partial name \"/etc/x\"");
    expect_error(f, "{{>}}", "bad:1: empty partial name");
    expect_error(f, "{{=<% %>=}}", "bad:1: changing delimiters is not supported");
    assert_int_equal(tmpl_set_add(f->set, "../x", "", 0, f->err, sizeof f->err), -1);
    assert_string_equal(f->err, "../x: bad template name");
    add(f, "ok", "");
    assert_int_equal(tmpl_set_add(f->set, "ok", "", 0, f->err, sizeof f->err), -1);
    assert_string_equal(f->err, "ok: template already defined");
}

static void test_nesting_limit(void **state)
{
    fx *f = *state;
    buf src;
    buf_init(&src, f->a);
    for (int k = 0; k < 33; k++) buf_puts(&src, "{{#a}}");
    assert_int_equal(tmpl_set_add(f->set, "deep", src.data, src.len, f->err, sizeof f->err), -1);
    assert_string_equal(f->err, "deep:1: sections nested more than 32 deep");
}

static void test_unknown_template(void **state)
{
    fx *f = *state;
    buf out;
    buf_init(&out, f->a);
    assert_int_equal(tmpl_render(f->set, "nope", NULL, &out), -1);
}

static void test_render_twice_and_literal_braces(void **state)
{
    fx *f = *state;
    view *v = view_obj(f->a);
    view_set_str(f->a, v, "x", "1");
    add(f, "t", "a { b } c }} {{x}}");
    assert_string_equal(render(f, "t", v), "a { b } c }} 1");
    view_set_str(f->a, v, "x", "2");
    assert_string_equal(render(f, "t", v), "a { b } c }} 2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_escape_text_and_attribute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escape_controls_and_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_triple_braces_escape_plain_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trusted_html, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_section_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_section_object_and_scalars, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_list_and_inverted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nested_dotted_and_parent_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dotted_name_does_not_fall_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dot_iterates_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comments_and_spaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partials, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_partial, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_recursive_partial, setup, teardown),
        cmocka_unit_test_setup_teardown(test_runaway_render_stops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recursive_comment_thread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compile_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nesting_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_template, setup, teardown),
        cmocka_unit_test_setup_teardown(test_render_twice_and_literal_braces, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
