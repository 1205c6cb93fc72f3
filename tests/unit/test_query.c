/* test_query.c — the reader's query language (text/query): what it builds
 * for FTS5, and that no input, however hostile, gives FTS5 a syntax error
 * (checked against a real FTS5 table with our tokenizer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text/fts.h"
#include "text/query.h"

static arena *A;
static sqlite3 *DB;

static int setup(void **state)
{
    A = arena_new(0);
    if (sqlite3_open(":memory:", &DB) != SQLITE_OK || fts_init_db(DB) != SQLITE_OK) return -1;
    return sqlite3_exec(DB,
                        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='midad');"
                        "INSERT INTO t VALUES ('الأزمة في سوريا', 'نص عن لبنان وسوريا ولبنان 2026');",
                        NULL, NULL, NULL);
}

static int teardown(void **state)
{
    sqlite3_close(DB);
    arena_free(A);
    return 0;
}

static const char *match(const char *q)
{
    query out;
    query_parse(A, q, strlen(q), &out);
    return out.match;
}

/* Rows matching the built query; -1 on an FTS5 error. */
static int run(const char *match_q)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(DB, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL))
        return -1;
    sqlite3_bind_text(st, 1, match_q, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static const struct { const char *in, *out; } built[] = {
    { "الأزمة", "\"الأزمة\"" },
    { "الأزمة سوريا", "\"الأزمة\" AND \"سوريا\"" },
    { "\"الأزمة في سوريا\"", "\"الأزمة في سوريا\"" },
    { "سوريا -لبنان", "(\"سوريا\") NOT (\"لبنان\")" },
    { "سوريا -\"لبنان وسوريا\"", "(\"سوريا\") NOT (\"لبنان وسوريا\")" },
    { "سور*", "\"سور\" *" },
    { "سوريا-لبنان", "\"سوريا-لبنان\"" },        /* a hyphen inside: a phrase */
    { "NEAR(a b)", "\"NEAR(a\" AND \"b)\"" },
    { "title:سوريا", "\"title:سوريا\"" },
    { "في من على", NULL },                        /* stop words only */
    { "-سوريا", NULL },                            /* exclusions only */
    { "", NULL },
    { "   ", NULL },
    { "\"\"", NULL },
    { "*", NULL },
    { "في سوريا", "\"سوريا\"" },                 /* the stop word is dropped */
    { "a\"b", "\"b\"" },                          /* a is an English stop word */
    { "\"unclosed", "\"unclosed\"" },
    { "x**", "\"x\"" },                           /* one letter: no prefix */
    { "ال*", "\"ال\"" },                           /* the article alone: no prefix */
    { "الم*", "\"الم\"" },                         /* one letter after it: a word */
    { "بالم*", "\"بالم\"" },
    { "مس*", "\"مس\"" },                           /* two letters: a word */
    { "المست*", "\"المست\" *" },                   /* three after ال: a prefix */
    { "بالمست*", "\"بالمست\" *" },
    { "أزم*", "\"أزم\" *" },
    { "سوريا سوريا", "\"سوريا\"" },               /* typed twice: once */
    { "أزم* أزم* أزم*", "\"أزم\" *" },
    { "أزم* سور* لبن*", "\"أزم\" * AND \"سور\" * AND \"لبن\"" },  /* two prefixes at most */
};

static void test_built_queries(void **state)
{
    for (size_t i = 0; i < sizeof built / sizeof built[0]; i++) {
        const char *got = match(built[i].in);
        if (!built[i].out ? got != NULL : !got || strcmp(got, built[i].out) != 0)
            fail_msg("query %s → %s, want %s", built[i].in, got ? got : "NULL",
                     built[i].out ? built[i].out : "NULL");
    }
}

/* Each positive term alone, for its document frequency. */
static void test_positive_terms(void **state)
{
    query q;
    const char *in = "أزمة -لبنان \"بند أول\" سور* في";
    query_parse(A, in, strlen(in), &q);
    assert_int_equal(q.n_positive, 3);
    assert_string_equal(q.positive[0], "\"أزمة\"");
    assert_string_equal(q.positive[1], "\"بند أول\"");
    assert_null(q.positive[2]);                         /* a prefix: no frequency */
    assert_int_equal(run(q.positive[0]), run(match("أزمة")));
}

static void test_results(void **state)
{
    assert_int_equal(run(match("ازمه")), 1);
    assert_int_equal(run(match("\"الأزمة سوريا\"")), 1);   /* في dropped on both sides */
    assert_int_equal(run(match("\"سوريا الأزمة\"")), 0);
    assert_int_equal(run(match("سوريا -لبنان")), 0);
    assert_int_equal(run(match("سوريا -العراق")), 1);
    assert_int_equal(run(match("الأزم*")), 1);
    assert_int_equal(run(match("الأز*")), 0);             /* too short after ال: a word */
    assert_int_equal(run(match("٢٠٢٦")), 1);
    assert_int_equal(run(match("سوريا-لبنان")), 1);        /* a phrase: وسوريا ولبنان */
    assert_int_equal(run(match("لبنان-الأزمة")), 0);        /* not next to each other */
    assert_int_equal(run(match("لبنان-وسوريا")), 1);
}

static const char *hostile[] = {
    "\"", "\"\"\"", "*", ":", "^", "NEAR", "NEAR(", "(", ")", "((((", "))))", "-", "--", "- -",
    "-\"", "AND", "OR", "NOT", "x OR y", "x NOT y", "{title body}: x", "title:x", "^x", "x^",
    "\"a\" NEAR/2 \"b\"", "x + y", "\\", "'", "%", "\xe2\x80\x8f", "\xd9\x80\xd9\x80", "\xd9\x8e",
    "\xff\xfe", "a\0b", "سوريا-لبنان", "-سوريا-لبنان", "\"سوريا\"لبنان\"", "*سوريا", "سوريا*",
    "سوريا**", "\"سوريا*\"", "(سوريا)", "سوريا:", ":سوريا", "-*", "*-", "\"-\"", "\"*\"",
};

static void test_hostile_inputs_never_fail(void **state)
{
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        query q;
        query_parse(A, hostile[i], strlen(hostile[i]), &q);
        if (q.match && run(q.match) < 0)
            fail_msg("%s → %s: %s", hostile[i], q.match, sqlite3_errmsg(DB));
    }
    char noise[3000];
    for (size_t i = 0; i < sizeof noise; i++) noise[i] = (char)(0x20 + (i * 7919) % 95);
    query q;
    query_parse(A, noise, sizeof noise, &q);
    assert_true(q.n <= QUERY_MAX_TERMS);
    if (q.match) assert_true(run(q.match) >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_built_queries),
        cmocka_unit_test(test_positive_terms),
        cmocka_unit_test(test_results),
        cmocka_unit_test(test_hostile_inputs_never_fail),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
