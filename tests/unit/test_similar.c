/* test_similar.c — text/similar: term counting through the search
 * analysis (variants of a word are one term; stop words are none; the
 * headline counts more), TF-IDF weighting and truncation, cosine, the
 * strongest terms, the score boosts, packing; text/excerpt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "text/excerpt.h"
#include "text/similar.h"

static stemmer *ST;
static arena *A;

static int setup(void **state)
{
    ST = stemmer_new();
    A = arena_new(0);
    return ST && A ? 0 : -1;
}

static int teardown(void **state)
{
    stemmer_free(ST);
    arena_free(A);
    return 0;
}

/* The weighted count of the term of `word` in c (0 if absent). */
static float count_of(const similar_counts *c, const char *word)
{
    similar_counts one;
    assert_int_equal(similar_count(ST, A, word, NULL, NULL, NULL, NULL, &one), 0);
    assert_int_equal(one.n, 1);
    for (size_t i = 0; i < c->n; i++)
        if (c->terms[i].id == one.terms[0].id) return c->terms[i].w;
    return 0;
}

static void test_count_variants_and_fields(void **state)
{
    similar_counts c;
    assert_int_equal(similar_count(ST, A, "الأزمة", "أزمة الاقتصاد",
                                   "وقال الوزير إن الأزمــةَ في الازمة.", NULL, NULL, &c), 0);
    for (size_t i = 1; i < c.n; i++) assert_true(c.terms[i - 1].id < c.terms[i].id);
    /* headline 3 + lead 2 + body 2 (tatweel, harakat, bare alef all fold) */
    assert_true(fabsf(count_of(&c, "أزمة") - 7.0f) < 1e-6);
    assert_true(fabsf(count_of(&c, "الوزير") - 1.0f) < 1e-6);
    assert_true(count_of(&c, "الاقتصاد") == 2.0f);
    /* stop words are not terms */
    similar_counts none;
    assert_int_equal(similar_count(ST, A, "في من على إن", NULL, "", NULL, NULL, &none), 0);
    assert_int_equal(none.n, 0);
    /* every term keeps a word of the text, for the index lookup */
    for (size_t i = 0; i < c.n; i++) assert_non_null(c.words[i]);
}

static void test_idf(void **state)
{
    assert_true(similar_idf(1, 1000) > similar_idf(10, 1000));
    assert_true(similar_idf(10, 1000) > similar_idf(1000, 1000));
    assert_true(similar_idf(1000, 1000) > 0);       /* a shared word still counts */
    assert_true(fabs(similar_idf(1, 1) - log(2.0)) < 1e-12);
}

static void test_weigh_unit_length_and_keep(void **state)
{
    similar_term t[5] = { { 10, 1 }, { 20, 4 }, { 30, 1 }, { 40, 2 }, { 50, 1 } };
    long long df[5] = { 1000, 1, 10, 100, 1000 };
    size_t n = similar_weigh(t, NULL, 5, df, 1000, 3);
    assert_int_equal(n, 3);
    double norm = 0;
    for (size_t i = 0; i < n; i++) norm += (double)t[i].w * t[i].w;
    assert_true(fabs(norm - 1.0) < 1e-5);
    /* the rare and repeated terms stay (20, 30, 40); common ones go; by id */
    assert_int_equal(t[0].id, 20);
    assert_int_equal(t[1].id, 30);
    assert_int_equal(t[2].id, 40);
    assert_int_equal(df[0], 1);         /* df follows its term */
    assert_int_equal(df[2], 100);
    assert_true(t[0].w > t[1].w && t[1].w > t[2].w);  /* rare beats repeated here */
}

static void test_cosine(void **state)
{
    similar_term a[3] = { { 1, 0.6f }, { 2, 0.8f }, { 9, 0 } };
    similar_term b[2] = { { 2, 1.0f }, { 7, 0 } };
    similar_term c[1] = { { 5, 1.0f } };
    assert_true(fabs(similar_cosine(a, 3, a, 3) - 1.0) < 1e-6);
    assert_true(fabs(similar_cosine(a, 3, b, 2) - 0.8) < 1e-6);
    assert_true(fabs(similar_cosine(b, 2, a, 3) - 0.8) < 1e-6);    /* symmetric */
    assert_true(similar_cosine(a, 3, c, 1) == 0);
    assert_true(similar_cosine(a, 0, c, 1) == 0);
}

static void test_related_texts_score_higher(void **state)
{
    const char *x[3] = { "الحكومة ترفع أسعار الوقود", "قررت الحكومة رفع أسعار البنزين والديزل",
                         "أعلنت وزارة الطاقة أن أسعار الوقود سترتفع الشهر المقبل بسبب كلفة الاستيراد." };
    const char *y[3] = { "زيادة جديدة في أسعار الوقود", "الحكومة تقر زيادة على البنزين",
                         "قالت وزارة الطاقة إن أسعار الوقود والبنزين ارتفعت بسبب الاستيراد." };
    const char *z[3] = { "النخيل يفوز بالكأس", "فوز مثير في المباراة النهائية",
                         "سجل المهاجم هدفين في الشوط الثاني وفاز فريقه بالكأس." };
    similar_counts c[3];
    const char **t[3] = { x, y, z };
    for (int i = 0; i < 3; i++) assert_int_equal(similar_count(ST, A, t[i][0], t[i][1], t[i][2], NULL, NULL, &c[i]), 0);
    size_t n[3];
    for (int i = 0; i < 3; i++) {
        long long *df = arena_alloc(A, c[i].n * sizeof *df);
        for (size_t k = 0; k < c[i].n; k++) df[k] = 2;
        n[i] = similar_weigh(c[i].terms, c[i].words, c[i].n, df, 100, SIMILAR_KEEP);
    }
    double xy = similar_cosine(c[0].terms, n[0], c[1].terms, n[1]);
    double xz = similar_cosine(c[0].terms, n[0], c[2].terms, n[2]);
    assert_true(xy > 0.3);
    assert_true(xz < 0.05);
}

static void test_strongest_skips_unshared(void **state)
{
    similar_term v[4] = { { 1, 0.9f }, { 2, 0.1f }, { 3, 0.5f }, { 4, 0.3f } };
    long long df[4] = { 1, 5, 5, 5 };
    size_t idx[4];
    assert_int_equal(similar_strongest(v, df, 4, 2, idx), 2);
    assert_int_equal(idx[0], 2);
    assert_int_equal(idx[1], 3);
    assert_int_equal(similar_strongest(v, NULL, 4, 9, idx), 4);
    assert_int_equal(idx[0], 0);
    assert_int_equal(idx[3], 1);
}

static void test_score_boosts_are_small(void **state)
{
    long long day = 86400;
    double base = similar_score(0.5, false, 0, 1000 * day);
    assert_true(similar_score(0.5, true, 0, 1000 * day) > base);
    assert_true(similar_score(0.5, false, 0, day) > base);
    assert_true(similar_score(0.5, true, 0, 0) <= 0.5 * 1.1 * 1.1 + 1e-12);
    /* a much better match is never overtaken by the boosts */
    assert_true(similar_score(0.6, false, 0, 1000 * day) > similar_score(0.45, true, 0, 0));
    /* symmetric in time */
    assert_true(similar_score(0.5, false, 3 * day, 0) == similar_score(0.5, false, 0, 3 * day));
}

static void test_keep_and_pack(void **state)
{
    similar_hit top[3];
    size_t n = 0;
    double s[] = { 0.2, 0.9, 0.5, 0.1, 0.7 };
    for (int i = 0; i < 5; i++) similar_keep(top, &n, 3, (similar_hit){ i + 1, s[i] });
    assert_int_equal(n, 3);
    assert_int_equal(top[0].id, 2);
    assert_int_equal(top[1].id, 5);
    assert_int_equal(top[2].id, 3);
    similar_term v[2] = { { 0xdeadbeef, 0.25f }, { 7, -1.5f } };
    unsigned char blob[16];
    similar_pack(v, 2, blob);
    similar_term *back;
    assert_int_equal(similar_unpack(A, blob, 16, &back), 2);
    assert_int_equal(back[0].id, 0xdeadbeef);
    assert_true(back[1].w == -1.5f);
    assert_int_equal(similar_unpack(A, blob, 15, &back), 0);
}

static void test_excerpt(void **state)
{
    const char *lead = "قال وزير المالية إن الحكومة ستخفض الضرائب على المشاريع الصغيرة، وستقدم قروضاً ميسرة.";
    const char *e = excerpt_make(A, lead, strlen(lead), 40);
    size_t n = strlen(e);
    assert_true(n > 3 && strcmp(e + n - 3, "…") == 0);
    assert_true(strncmp(lead, e, n - 3) == 0);           /* a prefix of the text… */
    char next = lead[n - 3];
    assert_true(next == ' ' || next == '\xd8');          /* …cut before a space or "،" */
    assert_string_equal(excerpt_make(A, "قصير.", strlen("قصير."), 40), "قصير…");
    assert_string_equal(excerpt_make(A, "", 0, 40), "");
    assert_string_equal(excerpt_make(A, "سطر\nثان", 13, 40), "سطر ثان…");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_variants_and_fields),
        cmocka_unit_test(test_idf),
        cmocka_unit_test(test_weigh_unit_length_and_keep),
        cmocka_unit_test(test_cosine),
        cmocka_unit_test(test_related_texts_score_higher),
        cmocka_unit_test(test_strongest_skips_unshared),
        cmocka_unit_test(test_score_boosts_are_small),
        cmocka_unit_test(test_keep_and_pack),
        cmocka_unit_test(test_excerpt),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
