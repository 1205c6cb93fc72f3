/* test_spam_defence.c — form tokens, the per-IP rate limiter, the word
 * list after normalisation, and comment text rendering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "http/ratelimit.h"
#include "render/comment_text.h"
#include "site/form_token.h"
#include "text/blocklist.h"

static const unsigned char key[FORM_TOKEN_KEY_BYTES] = "0123456789abcdef0123456789abcdef";
static const unsigned char other_key[FORM_TOKEN_KEY_BYTES] = "fedcba9876543210fedcba9876543210";

static void test_token(void **state)
{
    arena *a = arena_new(0);
    const char *t = form_token_make(a, key, 42, 1000);
    assert_int_equal(form_token_check(key, t, 42, 1010, 3, 86400), TOKEN_OK);
    assert_int_equal(form_token_check(key, t, 42, 1001, 3, 86400), TOKEN_TOO_FAST);
    assert_int_equal(form_token_check(key, t, 42, 1000 + 86401, 3, 86400), TOKEN_EXPIRED);
    assert_int_equal(form_token_check(key, t, 43, 1010, 3, 86400), TOKEN_BAD);
    assert_int_equal(form_token_check(other_key, t, 42, 1010, 3, 86400), TOKEN_BAD);
    /* a changed time must not verify */
    char *forged = arena_strdup(a, t);
    forged[0] = forged[0] == '9' ? '8' : '9';
    assert_int_equal(form_token_check(key, forged, 42, 1010, 0, 1LL << 40), TOKEN_BAD);
    const char *bad[] = { "", ".", "1..", "1.42.", "x.42.abc", "1000.42", "1000.42.a.b" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(form_token_check(key, bad[i], 42, 1010, 0, 86400), TOKEN_BAD);
    assert_int_equal(form_token_check(key, NULL, 42, 1010, 0, 86400), TOKEN_BAD);
    arena_free(a);
}

static void test_ratelimit(void **state)
{
    ratelimit *rl = ratelimit_new(6, 10);          /* 6 a minute, bursts of 10 */
    int allowed = 0;
    for (int i = 0; i < 100; i++) allowed += ratelimit_allow(rl, "1.2.3.4", 100.0 + i * 0.6);
    assert_true(allowed >= 10 && allowed <= 17);   /* a script: 100 in a minute */
    for (int i = 0; i < 30; i++)                   /* a reader: one every 2 minutes */
        assert_true(ratelimit_allow(rl, "5.6.7.8", 1000.0 + i * 120));
    assert_true(ratelimit_allow(rl, "9.9.9.9", 100.0));   /* others are unaffected */
    ratelimit_free(rl);
    /* a request that read the clock just before another must not drain the
     * bucket, however fast it refills */
    rl = ratelimit_new(6e9, 10);
    assert_true(ratelimit_allow(rl, "7.7.7.7", 5000.0));
    assert_true(ratelimit_allow(rl, "7.7.7.7", 4999.999));
    assert_true(ratelimit_allow(rl, "7.7.7.7", 5000.0));
    ratelimit_free(rl);
    rl = ratelimit_new(0, 10);                     /* off */
    for (int i = 0; i < 1000; i++) assert_true(ratelimit_allow(rl, "x", 1.0));
    ratelimit_free(rl);
}

static void test_blocklist_normalised(void **state)
{
    arena *a = arena_new(0);
    blocklist *bl = blocklist_load(a, "عرض خاص\n# a comment line\nFREE MONEY\n");
    assert_true(blocklist_size(bl) >= 3);
    const char *hits[] = {
        "تعال إلى الكازينو", "الكــــازينـو", "كَازِينُو", "والكازينو مفتوح", "بالكازينو",
        "عــرض خَاص اليوم", "free money now", "Free   Money", "ربح سريع", "رِبح سَريع",
        "CASINO tonight",
    };
    for (size_t i = 0; i < sizeof hits / sizeof *hits; i++)
        assert_true(blocklist_match(bl, a, hits[i], strlen(hits[i])));
    const char *misses[] = {
        "خبر عادي عن الاقتصاد", "عرض الفيلم خاص", "money is free", "سريع ربح", "",
    };
    for (size_t i = 0; i < sizeof misses / sizeof *misses; i++)
        assert_false(blocklist_match(bl, a, misses[i], strlen(misses[i])));
    arena_free(a);
}

static void render(arena *a, const char *in, const char *want)
{
    buf b;
    buf_init(&b, a);
    comment_text_html(&b, in, strlen(in));
    assert_string_equal(b.data ? b.data : "", want);
}

static void test_comment_text(void **state)
{
    arena *a = arena_new(0);
    render(a, "سطر\nثان\n\nفقرة", "<p>سطر<br>\nثان</p>\n<p>فقرة</p>\n");
    render(a, "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    render(a, "see https://x.example/a?b=1&c=2.",
           "<p>see <a href=\"https://x.example/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
           "https://x.example/a?b=1&amp;c=2</a>.</p>\n");
    render(a, "javascript:alert(1) and xhttps://no", "<p>javascript:alert(1) and xhttps://no</p>\n");
    render(a, "\"><a href=x>", "<p>&quot;&gt;&lt;a href=x&gt;</p>\n");
    render(a, "", "");
    assert_int_equal(comment_text_links("a http://x.co b https://y.co/ c", 32), 2);
    assert_int_equal(comment_text_links("nohttp://x", 10), 0);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token),
        cmocka_unit_test(test_ratelimit),
        cmocka_unit_test(test_blocklist_normalised),
        cmocka_unit_test(test_comment_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
