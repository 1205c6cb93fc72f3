/* test_arabic.c — the analysis pipeline, table-driven: normalisation
 * (text/arabic), stemming with our wrappers (text/stem), stop words, word
 * splitting with offsets (text/tokenize), and which written forms of a
 * word find each other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text/arabic.h"
#include "text/stem.h"
#include "text/tokenize.h"

static stemmer *ST;

static int setup(void **state)
{
    ST = stemmer_new();
    return ST ? 0 : -1;
}

static int teardown(void **state)
{
    stemmer_free(ST);
    return 0;
}

/* --- normalisation ------------------------------------------------------------ */

static const struct { const char *in, *out; } normal[] = {
    { "أزمة", "ازمة" },                      /* hamza above */
    { "إسرائيل", "اسرائيل" },                /* hamza below */
    { "آلية", "الية" },                      /* madda */
    { "ٱلكتاب", "الكتاب" },                  /* wasla */
    { "الأزمَة", "الازمة" },                  /* fatha */
    { "مُحَمَّدٌ", "محمد" },                    /* damma, fatha, shadda, tanwin */
    { "الأزمــــة", "الازمة" },               /* tatweel */
    { "الرحمٰن", "الرحمن" },                 /* superscript alef U+0670 */
    { "مستشفى", "مستشفي" },                  /* alef maqsura → yeh */
    { "فارسی", "فارسي" },                    /* Persian yeh */
    { "کتاب", "كتاب" },                      /* keheh → kaf */
    { "٢٠٢٦", "2026" },                      /* Arabic-Indic digits */
    { "۲۰۲۶", "2026" },                      /* Persian digits */
    { "١٤٤٧", "1447" },
    { "مدرسة", "مدرسة" },                    /* ta marbuta kept (stemmer needs it) */
    { "ﻻ", "لا" },                           /* lam-alef ligature (NFKC) */
    { "ﻷ", "لا" },                           /* lam-alef with hamza */
    { "ﺍﻟﻌﺮﺑﻴﺔ", "العربية" },                /* presentation forms */
    { "ﷲ", "الله" },                         /* the Allah ligature */
    { "Ｇａｚａ", "gaza" },                  /* full-width Latin */
    { "UNESCO", "unesco" },                  /* Latin case */
    { "Élection", "élection" },
    { "ﬁnance", "finance" },                 /* fi ligature */
    { "كتا\xe2\x80\x8c" "ب", "كتاب" },       /* ZWNJ */
    { "\xe2\x80\x8f" "سوريا", "سوريا" },     /* RLM */
    { "\xe2\x81\xa7" "عمان\xe2\x81\xa9", "عمان" },   /* bidi isolates */
    { "ا\xd9\x94" "زمة", "ازمة" },           /* decomposed hamza above */
    { "و\xd9\x94" "زراء", "ؤزراء" },         /* decomposed waw-hamza composes */
    { "مسؤول", "مسؤول" },                   /* ؤ is left to the stemmer */
    { "َ", "" },                              /* a lone fatha */
};

static void test_normalise(void **state)
{
    char out[ARABIC_KEY_MAX + 1], msg[256];
    for (size_t i = 0; i < sizeof normal / sizeof normal[0]; i++) {
        size_t n = arabic_normalise(normal[i].in, strlen(normal[i].in), out, 0);
        snprintf(msg, sizeof msg, "normalise(%s) = %s, want %s", normal[i].in, out,
                 normal[i].out);
        if (strcmp(out, normal[i].out) != 0 || n != strlen(out)) fail_msg("%s", msg);
    }
}

static void test_keep_maqsura(void **state)
{
    char out[ARABIC_KEY_MAX + 1];
    arabic_normalise("على", strlen("على"), out, ARABIC_KEEP_MAQSURA);
    assert_string_equal(out, "على");
    arabic_fold_maqsura(out, strlen(out));
    assert_string_equal(out, "علي");
    strcpy(out, "مدرسة");
    arabic_fold_ta_marbuta(out, strlen(out));
    assert_string_equal(out, "مدرسه");
}

static void test_long_word_is_cut(void **state)
{
    char in[4000], out[ARABIC_KEY_MAX + 1];
    size_t n = 0;
    while (n + 2 < sizeof in) {
        memcpy(in + n, "ب", 2);
        n += 2;
    }
    size_t k = arabic_normalise(in, n, out, 0);
    assert_true(k <= ARABIC_KEY_MAX && k % 2 == 0);
}

/* A long run with ligatures that NFKC expands (ﷲ → الله) is cut to as
 * many code points as are read, so normalising the key again keeps it
 * (fuzz_arabic found a key that lost its tail the second time). */
static void test_expanding_word_is_cut_idempotently(void **state)
{
    char in[400], out[ARABIC_KEY_MAX + 1], again[ARABIC_KEY_MAX + 1];
    size_t n = 0;
    for (int i = 0; i < 8; i++, n += 3) memcpy(in + n, "\xef\xb7\xb2", 3);   /* ﷲ */
    for (int i = 0; i < 120; i++) in[n++] = 'd';
    size_t k = arabic_normalise(in, n, out, 0);
    size_t m = arabic_normalise(out, k, again, 0);
    assert_int_equal(m, k);
    assert_memory_equal(out, again, k);
}

/* --- stemming ------------------------------------------------------------------- */

/* The index stem: the first term analyse gives in index mode. */
static int first_term(void *ctx, int flags, const char *t, size_t n, size_t s, size_t e)
{
    char *out = ctx;
    if (!out[0]) snprintf(out, STEM_TERM_MAX + 1, "%.*s", (int)n, t);
    return 0;
}

static const struct { const char *word, *stem; } stems[] = {
    { "الأزمة", "ازم" }, { "أزمة", "ازم" }, { "ازمة", "ازم" },
    { "والأزمة", "ازم" },                  /* وال: conjunction stripped first */
    { "فالحكومة", "حكوم" },                 /* فال */
    { "والي", "وال" },                      /* a governor: و kept (too short) */
    { "أزمات", "ازم" },                     /* indefinite plural in ـات */
    { "مفاوضات", "مفاوض" }, { "المفاوضات", "مفاوض" },
    { "بيانات", "بيان" }, { "انتخابات", "انتخاب" }, { "الانتخابات", "انتخاب" },
    { "بالمستشارين", "مستشار" }, { "المستشار", "مستشار" },
    { "للحكومة", "حكوم" }, { "الحكومة", "حكوم" },
    { "مستشفى", "مستشف" }, { "مستشفي", "مستشف" },
    { "اللبنانية", "لبنان" }, { "لبنانية", "لبنان" },
    { "Elections", "elect" }, { "running", "run" },
    { "٢٠٢٦", "2026" },
    { "السورية", "سور" },                  /* ة not folded before the stemmer */
};

static void test_stems(void **state)
{
    for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++) {
        char out[STEM_TERM_MAX + 1] = "";
        analyse(ST, stems[i].word, strlen(stems[i].word), ANALYSE_INDEX, first_term, out);
        if (strcmp(out, stems[i].stem) != 0)
            fail_msg("stem(%s) = %s, want %s", stems[i].word, out, stems[i].stem);
    }
}

static void test_stop_words(void **state)
{
    const char *stop[] = { "في", "من", "على", "إلى", "التي", "الذي", "هذا", "وفي", "the" };
    for (size_t i = 0; i < sizeof stop / sizeof stop[0]; i++)
        assert_int_equal(analyse_count_words(stop[i], strlen(stop[i]), 5), 0);
    const char *kept[] = { "علي", "الأزمة", "2026", "غزة", "COVID" };
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
        assert_int_equal(analyse_count_words(kept[i], strlen(kept[i]), 5), 1);
}

/* --- which written forms find each other ----------------------------------------- */

typedef struct {
    char terms[16][STEM_TERM_MAX + 1];
    size_t n;
} term_set;

static int collect(void *ctx, int flags, const char *t, size_t n, size_t s, size_t e)
{
    term_set *set = ctx;
    if (set->n < 16) snprintf(set->terms[set->n++], STEM_TERM_MAX + 1, "%.*s", (int)n, t);
    return 0;
}

/* True when the query word finds a document containing doc_word. */
static bool finds(const char *query, const char *doc_word)
{
    term_set q = { .n = 0 }, d = { .n = 0 };
    analyse(ST, query, strlen(query), ANALYSE_QUERY, collect, &q);
    analyse(ST, doc_word, strlen(doc_word), ANALYSE_INDEX, collect, &d);
    for (size_t i = 0; i < q.n; i++)
        for (size_t j = 0; j < d.n; j++)
            if (strcmp(q.terms[i], d.terms[j]) == 0) return true;
    return false;
}

static const struct { const char *query, *doc; } found[] = {
    { "ازمة", "الأزمة" }, { "أزمة", "الأزمة" }, { "الازمه", "الأزمة" },
    { "والأزمة", "الأزمة" }, { "الأزمَة", "الأزمة" }, { "الأزمــة", "الأزمة" },
    { "أزمات", "الأزمة" }, { "الأزمة", "أزمات" }, { "2026", "٢٠٢٦" }, { "٢٠٢٦", "2026" },
    { "مستشفى", "مستشفي" }, { "مستشفي", "المستشفى" }, { "المستشار", "بالمستشارين" },
    { "بالمستشارين", "المستشار" }, { "الوزارة", "وزارة" }, { "وزارة", "الوزارة" },
    { "فلسطين", "الفلسطينية" }, { "الاتجاه", "اتجاه" }, { "اتجاه", "الاتجاه" },
    { "election", "Elections" }, { "covid", "COVID-19" }, { "المفاوضات", "مفاوضات" },
    { "مدرسه", "المدرسة" }, { "سوريا", "سوريا" }, { "ﻹسرائيل", "لإسرائيل" },
    { "لبنان", "ولبنان" }, { "سوريا", "وسوريا" }, { "فرنسا", "وفرنسا" },
};

static const struct { const char *query, *doc; } not_found[] = {
    { "الأزمة", "الحكومة" }, { "علي", "على" }, { "مستشفى", "المستشار" },
    { "سوريا", "لبنان" },
};

static void test_variants_find_each_other(void **state)
{
    for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
        if (!finds(found[i].query, found[i].doc))
            fail_msg("%s does not find %s", found[i].query, found[i].doc);
    for (size_t i = 0; i < sizeof not_found / sizeof not_found[0]; i++)
        if (finds(not_found[i].query, not_found[i].doc))
            fail_msg("%s finds %s", not_found[i].query, not_found[i].doc);
}

/* --- words and offsets ------------------------------------------------------------ */

static void test_words_and_offsets(void **state)
{
    const char *text = "قال: «الأزمة» 2026م، وCOVID-19!";
    const char *want[] = { "قال", "الأزمة", "2026", "م", "و", "COVID", "19" };
    size_t pos = 0, i = 0;
    token_word w;
    while (tokenize_next(text, strlen(text), &pos, &w)) {
        assert_true(i < sizeof want / sizeof want[0]);
        assert_int_equal(w.end - w.start, strlen(want[i]));
        assert_memory_equal(text + w.start, want[i], w.end - w.start);
        i++;
    }
    assert_int_equal(i, sizeof want / sizeof want[0]);
}

static void test_surface_form_for_prefixes(void **state)
{
    term_set s = { .n = 0 };
    analyse(ST, "الأزمات", strlen("الأزمات"), ANALYSE_INDEX, collect, &s);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.terms[1], "=الازمات");
    term_set p = { .n = 0 };
    analyse(ST, "الأزم", strlen("الأزم"), ANALYSE_PREFIX, collect, &p);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.terms[0], "=الازم");
}

static void test_invalid_utf8_separates(void **state)
{
    const char text[] = "أزمة\xff\xfe" "حادة\xc3";
    assert_int_equal(analyse_count_words(text, sizeof text - 1, 10), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),
        cmocka_unit_test(test_keep_maqsura),
        cmocka_unit_test(test_long_word_is_cut),
        cmocka_unit_test(test_expanding_word_is_cut_idempotently),
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_stop_words),
        cmocka_unit_test(test_variants_find_each_other),
        cmocka_unit_test(test_words_and_offsets),
        cmocka_unit_test(test_surface_form_for_prefixes),
        cmocka_unit_test(test_invalid_utf8_separates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
