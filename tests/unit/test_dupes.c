/* test_dupes.c — text/dupes: a story and its edited copies (reordered
 * paragraphs, another headline is not part of the text, a paragraph added
 * or cut, other diacritics and hamza spellings) are near-duplicates; two
 * different stories on the same subject are not; signatures pack and band
 * keys agree for equal texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text/dupes.h"

static const char *P1 =
    "أعلنت وزارة المالية اليوم عن خطة جديدة لخفض العجز في الموازنة العامة خلال ثلاث سنوات، "
    "تتضمن مراجعة الدعم وتوسيع قاعدة الضرائب على الشركات الكبيرة.";
static const char *P2 =
    "وقال المسؤول في الوزارة إن الخطة ستعرض على البرلمان الشهر المقبل لمناقشتها، "
    "وإن الحكومة تأمل في إقرارها قبل نهاية الدورة التشريعية الحالية.";
static const char *P3 =
    "ويرى اقتصاديون أن نجاح الخطة يتوقف على قدرة الحكومة على تحصيل الضرائب المتأخرة "
    "وعلى استقرار أسعار الطاقة في الأسواق العالمية خلال العام المقبل.";
static const char *P4 =
    "وكانت الموازنة قد سجلت عجزا قياسيا في العام الماضي بسبب ارتفاع كلفة الاستيراد "
    "وتراجع عائدات السياحة التي تمثل مصدرا رئيسيا للعملة الصعبة.";
static const char *EXTRA =
    "وفي سياق متصل، عقد وزير المالية لقاء مع ممثلي غرفة التجارة لبحث أثر الإجراءات على القطاع الخاص.";

static stemmer *ST;

static void sig_of(const char *text, dupes_sig *s)
{
    assert_int_equal(dupes_signature(ST, text, strlen(text), s), 0);
}

static double sim(const char *a, const char *b)
{
    dupes_sig x, y;
    sig_of(a, &x);
    sig_of(b, &y);
    return dupes_similarity(&x, &y);
}

static char buf1[4096], buf2[4096];

static const char *join(char *out, const char *a, const char *b, const char *c, const char *d,
                        const char *e)
{
    snprintf(out, 4096, "%s\n\n%s\n\n%s\n\n%s%s%s", a, b, c, d, e ? "\n\n" : "", e ? e : "");
    return out;
}

static void test_identical_and_reordered(void **state)
{
    const char *orig = join(buf1, P1, P2, P3, P4, NULL);
    assert_true(sim(orig, orig) == 1.0);
    double r = sim(orig, join(buf2, P3, P1, P4, P2, NULL));
    assert_true(r >= DUPES_THRESHOLD);
}

static void test_added_and_removed_paragraph(void **state)
{
    const char *orig = join(buf1, P1, P2, P3, P4, NULL);
    assert_true(sim(orig, join(buf2, P1, P2, P3, P4, EXTRA)) >= DUPES_THRESHOLD);
    snprintf(buf2, sizeof buf2, "%s\n\n%s\n\n%s", P1, P2, P3);
    assert_true(sim(orig, buf2) >= DUPES_THRESHOLD);
}

static void test_diacritics_and_hamza(void **state)
{
    const char *orig = "وقال المسؤول إن الأزمة الاقتصادية أثرت في أسعار الغذاء والدواء، "
                       "وأضاف أن الحكومة ستطلق برنامجاً لدعم الأسر الفقيرة في المدن والقرى. "
                       "وأكد أن المؤسسات الرسمية ستراقب الأسواق وتمنع رفع الأسعار دون مبرر.";
    const char *copy = "وقال المسئول إنّ الازمة الاقتصاديّة اثرت في اسعار الغذاء والدواء، "
                       "واضاف ان الحكومة ستُطلق برنامجا لدعم الاسر الفقيره في المدن والقرى. "
                       "وأكّد انّ المؤسّسات الرسميّة ستراقب الاسواق وتمنع رفع الاسعار دون مبرّر.";
    assert_true(sim(orig, copy) >= 0.9);
}

static void test_different_story_same_subject(void **state)
{
    const char *orig = join(buf1, P1, P2, P3, P4, NULL);
    const char *other =
        "ناقش البرلمان اليوم مشروع قانون الموازنة العامة للعام المقبل وسط خلافات بين الكتل "
        "حول حجم الإنفاق على الرواتب والدعم. وطالب نواب المعارضة بخفض النفقات الحكومية "
        "وزيادة المخصصات للتعليم والصحة، فيما دافع وزير المالية عن تقديرات الإيرادات "
        "وقال إن الحكومة ملتزمة بخفض العجز تدريجيا دون المساس بالخدمات الأساسية.";
    assert_true(sim(orig, other) < 0.2);
}

static void test_short_texts_never_match(void **state)
{
    assert_true(sim("خبر قصير جدا", "خبر قصير جدا") == 0);
    dupes_sig s;
    sig_of("", &s);
    assert_int_equal(s.shingles, 0);
}

static void test_pack_and_bands(void **state)
{
    dupes_sig a, b, c;
    sig_of(join(buf1, P1, P2, P3, P4, NULL), &a);
    unsigned char blob[DUPES_PACKED];
    dupes_pack(&a, blob);
    assert_int_equal(dupes_unpack(blob, sizeof blob, &b), 0);
    assert_memory_equal(&a, &b, sizeof a);
    assert_int_equal(dupes_unpack(blob, sizeof blob - 1, &b), -1);
    uint32_t ka[DUPES_BANDS], kb[DUPES_BANDS], kc[DUPES_BANDS];
    dupes_bands(&a, ka);
    dupes_bands(&b, kb);
    assert_memory_equal(ka, kb, sizeof ka);
    sig_of(join(buf2, P3, P1, P4, P2, NULL), &c);
    dupes_bands(&c, kc);
    int shared = 0;
    for (int i = 0; i < DUPES_BANDS; i++) shared += ka[i] == kc[i];
    assert_true(shared > 0);        /* a reordered copy is found as a candidate */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_and_reordered),
        cmocka_unit_test(test_added_and_removed_paragraph),
        cmocka_unit_test(test_diacritics_and_hamza),
        cmocka_unit_test(test_different_story_same_subject),
        cmocka_unit_test(test_short_texts_never_match),
        cmocka_unit_test(test_pack_and_bands),
    };
    ST = stemmer_new();
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    stemmer_free(ST);
    return failed;
}
