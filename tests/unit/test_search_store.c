/* test_search_store.c — search through store.h on a real SQLite file with
 * the importer: the index follows publish, edit, unpublish and delete (FTS5
 * integrity-check), ranking and filters, and recall on written variants
 * compared with SQLite's unicode61 tokenizer and with LIKE on the same
 * articles (the figures are printed for docs/benchmarks.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/import.h"
#include "store/store.h"
#include "text/query.h"

static char dir[] = "/tmp/midad-search-XXXXXX";
static char path[256];
static store *S;
static arena *A;

/* Our own short texts: each says one thing in one written form. */
static const char *docs[] = {
    /* 1 */ "تفاقمت الأزمة الاقتصادية في البلاد مع ارتفاع الأسعار.",
    /* 2 */ "أزمات متلاحقة تضرب قطاع الطاقة منذ الشتاء.",
    /* 3 */ "وقال الوزير إن الأزمــةَ لم تنتهِ بعدُ رغم الدعم.",
    /* 4 */ "افتتح مستشفى المدينة جناحًا جديدًا للأطفال.",
    /* 5 */ "تعاني المستشفيات الحكومية نقصًا في الممرضين.",
    /* 6 */ "أعلن مستشفي الجامعة عن مواعيد الزيارة.",
    /* 7 */ "اجتمع الرئيس بالمستشارين لمناقشة الخطة.",
    /* 8 */ "تبدأ الخطة الخمسية في عام ٢٠٢٦ بعد المصادقة عليها.",
    /* 9 */ "حدد البرلمان موعد الانتخابات في عام 2026.",
    /* 10 */ "أصدرت وزارة الصحة تعليمات جديدة.",
    /* 11 */ "قالت الوزارة إن التعليمات تسري فورًا.",
    /* 12 */ "الحكومة تعلن برنامجًا لدعم المزارعين.",
};
#define N_DOCS (sizeof docs / sizeof docs[0])

static const struct {
    const char *q;
    int relevant[4];    /* 1-based doc numbers, 0-terminated */
} variants[] = {
    { "ازمة", { 1, 2, 3 } },     { "الأزمة", { 1, 2, 3 } },   { "أزمات", { 1, 2, 3 } },
    { "الازمه", { 1, 2, 3 } },   { "مستشفى", { 4, 5, 6 } },   { "مستشفي", { 4, 5, 6 } },
    { "المستشار", { 7 } },       { "2026", { 8, 9 } },         { "٢٠٢٦", { 8, 9 } },
    { "الوزارة", { 10, 11 } },   { "وزارة", { 10, 11 } },
};

static long long ids[N_DOCS];

static int import_doc(size_t i, const char *status_line, const char *body)
{
    char name[32], text[1024];
    snprintf(name, sizeof name, "doc-%02zu.md", i + 1);
    snprintf(text, sizeof text,
             "---\ntitle: \"خبر %zu\"\nsection: \"%s\"\ndate: 2026-0%zu-01\n%s---\n\n%s\n",
             i + 1, i % 2 ? "صحة" : "اقتصاد", 1 + i % 9, status_line, body);
    import_result res;
    int rc = import_markdown(S, name, text, strlen(text), &res);
    if (rc == 0) ids[i] = res.id;
    return rc;
}

static int setup(void **state)
{
    if (!mkdtemp(dir)) return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    char err[256];
    S = store_open(path, true, err, sizeof err);
    A = arena_new(0);
    if (!S) return -1;
    for (size_t i = 0; i < N_DOCS; i++)
        if (import_doc(i, "", docs[i])) return -1;
    return 0;
}

static int teardown(void **state)
{
    store_close(S);
    arena_free(A);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

/* The doc numbers (1-based) that store_search finds for q, as a bit set. */
static unsigned found(const char *q, long long section, long long from, long long to)
{
    query pq;
    query_parse(A, q, strlen(q), &pq);
    store_search_query sq = { .match = pq.match, .section_id = section, .from = from,
                              .to = to, .limit = 100 };
    store_search_result res;
    assert_int_equal(store_search(S, A, &sq, &res), 0);
    assert_int_equal(res.total, (long long)res.n);
    unsigned set = 0;
    for (size_t i = 0; i < res.n; i++)
        for (size_t d = 0; d < N_DOCS; d++)
            if (ids[d] == res.items[i].id) set |= 1u << (d + 1);
    return set;
}

static unsigned relevant_set(size_t v)
{
    unsigned set = 0;
    for (size_t k = 0; k < 4 && variants[v].relevant[k]; k++) set |= 1u << variants[v].relevant[k];
    return set;
}

/* An FTS5 or LIKE search of the raw words in a side table; bit set of docs. */
static unsigned other_engine(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st;
    unsigned set = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return 0;
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) set |= 1u << sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return set;
}

static void recall(unsigned got, unsigned want, int *hit, int *all)
{
    *hit += __builtin_popcount(got & want);
    *all += __builtin_popcount(want);
}

static void test_recall_against_unicode61_and_like(void **state)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(body,"
                                      " tokenize='unicode61 remove_diacritics 2');"
                                      "CREATE TABLE p(id INTEGER PRIMARY KEY, body TEXT);",
                                  NULL, NULL, NULL), SQLITE_OK);
    for (size_t i = 0; i < N_DOCS; i++) {
        char *sql = sqlite3_mprintf("INSERT INTO u(rowid, body) VALUES (%d, %Q);"
                                    "INSERT INTO p VALUES (%d, %Q);",
                                    (int)i + 1, docs[i], (int)i + 1, docs[i]);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_free(sql);
    }
    int hm = 0, am = 0, hu = 0, au = 0, hl = 0, al = 0, false_pos = 0;
    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
        unsigned want = relevant_set(v), m = found(variants[v].q, 0, 0, 0);
        char *quoted = sqlite3_mprintf("\"%w\"", variants[v].q);
        recall(m, want, &hm, &am);
        recall(other_engine(db, "SELECT rowid FROM u WHERE u MATCH ?1", quoted), want, &hu, &au);
        recall(other_engine(db, "SELECT id FROM p WHERE body LIKE '%' || ?1 || '%'",
                            variants[v].q), want, &hl, &al);
        false_pos += __builtin_popcount(m & ~want);
        sqlite3_free(quoted);
    }
    sqlite3_close(db);
    printf("recall on %zu variant queries: midad %d/%d, unicode61 %d/%d, LIKE %d/%d;"
           " midad false positives %d\n", sizeof variants / sizeof variants[0], hm, am, hu,
           au, hl, al, false_pos);
    assert_int_equal(hm, am);                   /* every variant finds every form */
    assert_true(hu < am && hl < al);
    assert_int_equal(false_pos, 0);
}

static void test_filters(void **state)
{
    unsigned all = found("الأزمة", 0, 0, 0);
    assert_int_equal(all, (1u << 1) | (1u << 2) | (1u << 3));
    store_group g;
    assert_int_equal(store_section_by_slug(S, A, "صحة", &g), 0);
    assert_int_equal(found("الأزمة", g.id, 0, 0), 1u << 2);     /* doc 2 is the odd one */
    assert_int_equal(found("مستشفى", 0, 1774828800 /* 2026-03-30 */, 0), (1u << 4) | (1u << 5) | (1u << 6));
}

/* Run sql through a second connection (the tokenizer is on every one). */
static void exec_sql(const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    sqlite3_close(db);
}

/* FTS5's check of the index against its content (it re-analyses every row). */
static void integrity(void)
{
    exec_sql("INSERT INTO search(search, rank) VALUES ('integrity-check', 1)");
}

static void test_index_follows_edits_drafts_and_deletes(void **state)
{
    integrity();
    assert_int_equal(import_doc(11, "", "الحكومة تعلن برنامجًا لدعم الصيادين."), 0);
    assert_int_equal(found("المزارعين", 0, 0, 0), 0);
    assert_int_equal(found("الصيادين", 0, 0, 0), 1u << 12);
    assert_int_equal(import_doc(11, "draft: true\n", docs[11]), 0);
    assert_int_equal(found("المزارعين", 0, 0, 0), 0);          /* drafts are never found */
    assert_int_equal(found("الصيادين", 0, 0, 0), 0);
    integrity();
    assert_int_equal(import_doc(11, "", docs[11]), 0);
    assert_int_equal(found("المزارعين", 0, 0, 0), 1u << 12);
    char *sql = sqlite3_mprintf("DELETE FROM articles WHERE id = %lld", ids[11]);
    exec_sql(sql);
    sqlite3_free(sql);
    assert_int_equal(found("المزارعين", 0, 0, 0), 0);
    integrity();
    assert_int_equal(import_doc(11, "", docs[11]), 0);          /* back, for other tests */
}

static void test_reindex_and_sizes(void **state)
{
    long long before_idx, text;
    assert_int_equal(store_search_reindex(S, NULL, NULL), 0);
    integrity();
    assert_int_equal(found("الأزمة", 0, 0, 0), (1u << 1) | (1u << 2) | (1u << 3));
    assert_int_equal(store_search_sizes(S, &before_idx, &text), 0);
    assert_true(before_idx > 0 && text > 0);
}

static void test_ranking_prefers_headline_and_recent(void **state)
{
    import_result res;
    const char *a = "---\ntitle: \"اللؤلؤية في العنوان\"\ndate: 2020-01-01\n---\n\nنص قصير.\n";
    const char *b = "---\ntitle: \"عنوان آخر\"\ndate: 2026-01-01\n---\n\nنص فيه اللؤلؤية مرة.\n";
    assert_int_equal(import_markdown(S, "rank-a.md", a, strlen(a), &res), 0);
    long long ida = res.id;
    assert_int_equal(import_markdown(S, "rank-b.md", b, strlen(b), &res), 0);
    query pq;
    query_parse(A, "اللؤلؤية", strlen("اللؤلؤية"), &pq);
    store_search_query sq = { .match = pq.match, .terms = pq.positive,
                              .n_terms = 1, .limit = 10 };
    store_search_result out;
    assert_int_equal(store_search(S, A, &sq, &out), 0);
    assert_int_equal(out.n, 2);
    assert_int_equal(out.items[0].id, ida);                    /* headline beats body */
    assert_non_null(strstr(out.texts[1], "اللؤلؤية"));         /* plain body text */
    sq.offset = 1;                                             /* paging */
    assert_int_equal(store_search(S, A, &sq, &out), 0);
    assert_int_equal(out.n, 1);
    assert_int_equal(out.total, 2);
}

/* The number of matches store_search reports for the query q. */
static long long total_of(const char *q)
{
    query pq;
    query_parse(A, q, strlen(q), &pq);
    store_search_query sq = { .match = pq.match, .limit = 10 };
    store_search_result res;
    assert_int_equal(store_search(S, A, &sq, &res), 0);
    return res.total;
}

/* More matches than STORE_SEARCH_MAX: the newest are ranked, and said so. */
static void test_common_word_is_capped(void **state)
{
    exec_sql(
        "BEGIN;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1010)"
        " INSERT INTO articles(slug, title, body_src, status, published_at, updated_at,"
        " created_at) SELECT 'x', 'خبر عن العنبرية رقم ' || i, 'نص', 'published', i, i, i"
        " FROM n;"
        "COMMIT;");
    query pq;
    query_parse(A, "العنبرية", strlen("العنبرية"), &pq);
    store_search_query sq = { .match = pq.match, .limit = 10, .offset = 990 };
    store_search_result res;
    assert_int_equal(store_search(S, A, &sq, &res), 0);
    assert_int_equal(res.total, STORE_SEARCH_MAX);
    assert_true(res.more);
    assert_int_equal(res.n, 10);
    sq.offset = 5000;                                   /* clamped, never an error */
    assert_int_equal(store_search(S, A, &sq, &res), 0);
    integrity();
}

/* The rebuild analyses in a worker thread and replays the terms (several
 * batches here, Markdown bodies included): the index is the one the
 * triggers built, term for term (FTS5's integrity-check re-analyses every
 * row), and searches give the same answers before and after. */
static void test_reindex_in_batches_equals_triggers(void **state)
{
    exec_sql(
        "BEGIN;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700)"
        " INSERT INTO articles(slug, title, subtitle, lead, body_src, status, published_at,"
        " updated_at, created_at) SELECT 'm', 'تقرير الميناء ' || i, 'والمراسلون', ''"
        " , '## الأسواق\n\nقال **المستشارون** إن [الأزمات](https://x.example/' || i"
        " || ') تتراجع، و*الأسعار* ' || (i % 7) || ' &amp; ١٢٣.\n\n- بند أول\n- بند ثانٍ\n',"
        " CASE WHEN i % 10 = 0 THEN 'draft' ELSE 'published' END, i, i, i FROM n;"
        "COMMIT;");
    integrity();
    const char *qs[] = { "الميناء", "مستشار", "ازمات", "123", "\"بند أول\"", "سعر -ميناء" };
    long long before[6];
    for (size_t i = 0; i < 6; i++) before[i] = total_of(qs[i]);
    assert_int_equal(before[0], 630);                   /* 700 less the drafts */
    assert_int_equal(store_search_reindex(S, NULL, NULL), 0);
    integrity();
    for (size_t i = 0; i < 6; i++) assert_int_equal(total_of(qs[i]), before[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recall_against_unicode61_and_like),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_index_follows_edits_drafts_and_deletes),
        cmocka_unit_test(test_reindex_and_sizes),
        cmocka_unit_test(test_ranking_prefers_headline_and_recent),
        cmocka_unit_test(test_common_word_is_capped),
        cmocka_unit_test(test_reindex_in_batches_equals_triggers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
