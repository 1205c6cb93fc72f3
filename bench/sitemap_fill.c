/* sitemap_fill.c — bench helper: fill a database with N published articles
 * quickly (through store_article_save, so every trigger and index is kept,
 * but with short bodies and no Markdown files), for bench/sitemap.
 *
 *   sitemap_fill DB N
 *
 * Headlines are 6–10 words from a small Arabic vocabulary, so slugs are as
 * long (and as heavy percent-encoded) as real ones; 8 sections, 40 tags,
 * two tags an article, one article every 10 minutes back from 2026-11-29. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/store.h"
#include "text/slug.h"

static const char *const words[] = {
    "الحكومة", "الوزارة", "المدينة", "الميناء", "الطاقة", "المياه", "الزراعة", "الشباب",
    "الجامعة", "المستشفى", "الاقتصاد", "السوق", "الأسعار", "التجارة", "المصرف", "البرلمان",
    "الانتخابات", "المجلس", "اللجنة", "المشروع", "أعلن", "أكد", "قال", "كشف", "بدأ", "أطلق",
    "جديد", "كبير", "محلي", "وطني", "دولي", "سنوي", "في", "من", "إلى", "على", "مع", "بعد",
};
static const char *const sections[] = { "سياسة", "اقتصاد", "رياضة", "ثقافة", "علوم", "صحة",
                                        "منوعات", "دولي" };

static unsigned long long rng = 88172645463325252ULL;
static unsigned pick(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static int fill_one(store *s, arena *a, long i)
{
    buf title;
    buf_init(&title, a);
    unsigned n = 6 + pick(5);
    for (unsigned k = 0; k < n; k++) {
        if (k) buf_putc(&title, ' ');
        buf_puts(&title, words[pick(sizeof words / sizeof words[0])]);
    }
    const char *tag_names[2], *tag_slugs[2];
    for (int k = 0; k < 2; k++) {
        tag_names[k] = arena_printf(a, "وسم %s", words[(i + k * 7) % 40 % (sizeof words / sizeof words[0])]);
        tag_slugs[k] = slug_make(a, tag_names[k], strlen(tag_names[k]));
    }
    const char *sec = sections[i % 8];
    store_article_in in = {
        .import_key = arena_printf(a, "bench-%ld", i),
        .slug = slug_make(a, title.data, title.len), .title = title.data,
        .lead = "فقرة افتتاحية قصيرة للاختبار.", .body_src = "نص قصير.",
        .body_html = "<p>نص قصير.</p>", .word_count = 2, .author = "محرر",
        .section_slug = slug_make(a, sec, strlen(sec)), .section_name = sec,
        .tag_slugs = tag_slugs, .tag_names = tag_names, .n_tags = tag_slugs[0] == tag_slugs[1] ? 1 : 2,
        .status = "published", .published_at = 1795939200LL - i * 600,
        .updated_at = 1795939200LL - i * 600, .comments_open = true,
    };
    long long id;
    bool created;
    return store_article_save(s, &in, &id, &created);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: sitemap_fill DB N\n", stderr);
        return 2;
    }
    char err[256];
    store *s = store_open(argv[1], true, err, sizeof err);
    if (!s) {
        fprintf(stderr, "sitemap_fill: %s\n", err);
        return 1;
    }
    long n = atol(argv[2]);
    arena *a = arena_new(0);
    for (long i = 0; i < n; i++) {
        if (fill_one(s, a, i)) {
            fprintf(stderr, "sitemap_fill: article %ld: %s\n", i, store_errmsg(s));
            return 1;
        }
        arena_reset(a);
    }
    arena_free(a);
    store_close(s);
    return 0;
}
