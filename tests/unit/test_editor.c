/* test_editor.c — unit tests for the article editor's pure parts: the word
 * diff (text/diff), the state rules (admin/editor_rules) and the search of
 * text outside the index (text/match). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "admin/editor.h"
#include "core/arena.h"
#include "core/buf.h"
#include "text/diff.h"
#include "text/match.h"
#include "text/query.h"

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

/* The diff as text: [-deleted-] {+inserted+}, and checks that the runs
 * give both texts back and never repeat a kind. */
static const char *diff(const char *old, const char *new_text)
{
    diff_op *ops;
    size_t n;
    diff_words(A, old, strlen(old), new_text, strlen(new_text), &ops, &n);
    buf out, o, w;
    buf_init(&out, A), buf_init(&o, A), buf_init(&w, A);
    for (size_t i = 0; i < n; i++) {
        if (i) assert_true(ops[i].kind != ops[i - 1].kind);
        assert_true(ops[i].len > 0);
        const char *pre = ops[i].kind == DIFF_DEL ? "[-" : ops[i].kind == DIFF_INS ? "{+" : "";
        const char *post = ops[i].kind == DIFF_DEL ? "-]" : ops[i].kind == DIFF_INS ? "+}" : "";
        buf_printf(&out, "%s%.*s%s", pre, (int)ops[i].len, ops[i].text, post);
        if (ops[i].kind != DIFF_INS) buf_append(&o, ops[i].text, ops[i].len);
        if (ops[i].kind != DIFF_DEL) buf_append(&w, ops[i].text, ops[i].len);
    }
    assert_int_equal(o.len, strlen(old));
    assert_int_equal(w.len, strlen(new_text));
    if (o.len) assert_memory_equal(o.data, old, o.len);
    if (w.len) assert_memory_equal(w.data, new_text, w.len);
    return out.data ? out.data : "";
}

static void test_diff_words(void **state)
{
    assert_string_equal(diff("", ""), "");
    assert_string_equal(diff("same text", "same text"), "same text");
    assert_string_equal(diff("", "new"), "{+new+}");
    assert_string_equal(diff("old", ""), "[-old-]");
    assert_string_equal(diff("the old word here", "the new word here"),
                        "the [-old-]{+new+} word here");
    assert_string_equal(diff("a b c", "a c"), "a [-b -]c");
    assert_string_equal(diff("a c", "a b c"), "a {+b +}c");
    assert_string_equal(diff("قال الوزير أمس", "قال الوزير اليوم في بيان"),
                        "قال الوزير [-أمس-]{+اليوم في بيان+}");
    assert_string_equal(diff("one two three four", "two three four five"),
                        "[-one -]two three four{+ five+}");
}

static void test_diff_keeps_markup_as_text_and_spacing(void **state)
{
    assert_string_equal(diff("x <b>y</b>\n\nz", "x <b>y</b>\nz"), "x <b>y</b>[-\n\n-]{+\n+}z");
}

static void test_diff_large_change_falls_back(void **state)
{
    /* more edits than DIFF_MAX_EDITS: one deletion and one insertion */
    buf o, w;
    buf_init(&o, A), buf_init(&w, A);
    for (int i = 0; i < 800; i++) buf_printf(&o, "a%d ", i), buf_printf(&w, "b%d ", i);
    buf_puts(&o, "END"), buf_puts(&w, "END");
    const char *d = diff(o.data, w.data);
    assert_true(strncmp(d, "[-a0 ", 5) == 0);
    assert_non_null(strstr(d, "-]{+b0 "));
    assert_non_null(strstr(d, "b799+} END"));
}

static void test_transitions_author(void **state)
{
    role r = ROLE_AUTHOR;
    assert_true(editor_transition_allowed(r, "", "draft", true));
    assert_true(editor_transition_allowed(r, "", "review", true));
    assert_true(editor_transition_allowed(r, "draft", "draft", true));
    assert_true(editor_transition_allowed(r, "draft", "review", true));
    assert_true(editor_transition_allowed(r, "review", "draft", true));
    assert_true(editor_transition_allowed(r, "review", "review", true));
    /* never publish, schedule or trash; never another's work */
    const char *never[] = { "published", "scheduled", "trash" };
    for (size_t i = 0; i < 3; i++) {
        assert_false(editor_transition_allowed(r, "", never[i], true));
        assert_false(editor_transition_allowed(r, "draft", never[i], true));
        assert_false(editor_transition_allowed(r, "review", never[i], true));
    }
    assert_false(editor_transition_allowed(r, "draft", "draft", false));
    assert_false(editor_transition_allowed(r, "review", "review", false));
    /* their own story once published or scheduled is the editors' */
    assert_false(editor_transition_allowed(r, "published", "published", true));
    assert_false(editor_transition_allowed(r, "published", "draft", true));
    assert_false(editor_transition_allowed(r, "scheduled", "draft", true));
    assert_false(editor_transition_allowed(r, "trash", "draft", true));
}

static void test_transitions_editor_and_admin(void **state)
{
    role roles[] = { ROLE_EDITOR, ROLE_ADMIN };
    for (size_t i = 0; i < 2; i++) {
        role r = roles[i];
        assert_true(editor_transition_allowed(r, "", "published", true));
        assert_true(editor_transition_allowed(r, "", "scheduled", true));
        assert_true(editor_transition_allowed(r, "review", "published", false));
        assert_true(editor_transition_allowed(r, "draft", "scheduled", false));
        assert_true(editor_transition_allowed(r, "scheduled", "published", false));
        assert_true(editor_transition_allowed(r, "published", "published", false));
        assert_true(editor_transition_allowed(r, "published", "draft", false));
        assert_true(editor_transition_allowed(r, "published", "trash", false));
        assert_true(editor_transition_allowed(r, "trash", "draft", false));
        /* the trash: restore only, no edits, nothing new goes straight in */
        assert_false(editor_transition_allowed(r, "trash", "trash", false));
        assert_false(editor_transition_allowed(r, "trash", "published", false));
        assert_false(editor_transition_allowed(r, "", "trash", true));
    }
}

static void test_transitions_refuse_the_unknown(void **state)
{
    assert_false(editor_transition_allowed(ROLE_NONE, "", "draft", true));
    assert_false(editor_transition_allowed(ROLE_ADMIN, "draft", "deleted", true));
    assert_false(editor_transition_allowed(ROLE_ADMIN, "bogus", "draft", true));
    assert_false(editor_transition_allowed(ROLE_ADMIN, "draft", NULL, true));
    assert_false(editor_transition_allowed(ROLE_ADMIN, NULL, "draft", true));
    assert_false(editor_transition_allowed((role)42, "", "draft", true));
}

static void test_action_names(void **state)
{
    assert_string_equal(editor_action_name("", "draft"), "create");
    assert_string_equal(editor_action_name("draft", "draft"), "edit");
    assert_string_equal(editor_action_name("draft", "review"), "submit");
    assert_string_equal(editor_action_name("review", "scheduled"), "schedule");
    assert_string_equal(editor_action_name("review", "published"), "publish");
    assert_string_equal(editor_action_name("published", "draft"), "unpublish");
    assert_string_equal(editor_action_name("published", "trash"), "trash");
    assert_string_equal(editor_action_name("trash", "draft"), "restore");
}

static bool matches(const char *q, const char *text)
{
    query parsed;
    query_parse(A, q, strlen(q), &parsed);
    text_matcher *m = text_matcher_new(A, &parsed);
    const char *texts[] = { text };
    bool yes = text_matcher_test(m, texts, 1);
    return yes;
}

static void test_match_uses_the_arabic_analysis(void **state)
{
    const char *t = "بدأت المفاوضات حول الأزمة في الميناء";
    assert_true(matches("مفاوضات", t));
    assert_true(matches("ازمة", t));
    assert_true(matches("والأزمة", t));
    assert_true(matches("أزمة ميناء", t));
    assert_true(matches("الميـــناء", t));          /* tatweel */
    assert_false(matches("أزمة مطار", t));          /* every word must be there */
    assert_false(matches("أزمة -ميناء", t));        /* an excluded word */
    assert_true(matches("المفاو*", t));             /* a prefix (of the word as written) */
    assert_false(matches("مطا*", t));
    assert_false(matches("في", t));                 /* stop words only: nothing */
    assert_false(matches("", t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_diff_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_keeps_markup_as_text_and_spacing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_diff_large_change_falls_back, setup, teardown),
        cmocka_unit_test(test_transitions_author),
        cmocka_unit_test(test_transitions_editor_and_admin),
        cmocka_unit_test(test_transitions_refuse_the_unknown),
        cmocka_unit_test(test_action_names),
        cmocka_unit_test_setup_teardown(test_match_uses_the_arabic_analysis, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
