/* test_markdown.c — unit tests for render/markdown: the HTML it produces, the
 * link policy against hostile targets, images, and the word count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/markdown.h"

/* Render `md` into a fresh heap buf (the caller buf_free's it). */
static buf render(const char *md)
{
    buf b;
    buf_init(&b, NULL);
    assert_int_equal(markdown_render(&b, md, strlen(md)), 0);
    if (!b.data) buf_puts(&b, "");
    return b;
}

/* Render `md` and compare the whole output with `want`. */
static void expect_html(const char *md, const char *want)
{
    buf b = render(md);
    if (strcmp(b.data, want) != 0)
        fail_msg("markdown:\n%s\ngot:\n%s\nwant:\n%s", md, b.data, want);
    buf_free(&b);
}

#define assert_has(hay, needle)                                             \
    do {                                                                    \
        if (!strstr((hay), (needle)))                                       \
            fail_msg("expected \"%s\" in:\n%s", (needle), (hay));           \
    } while (0)

#define assert_lacks(hay, needle)                                           \
    do {                                                                    \
        if (strstr((hay), (needle)))                                        \
            fail_msg("did not expect \"%s\" in:\n%s", (needle), (hay));     \
    } while (0)

/* ---- hostile link targets ------------------------------------------------ */

/* Each is a complete Markdown document with one link whose text is "click". */
static const char *const hostile_links[] = {
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](< javascript:alert(1)>)",
    "[click](<java\tscript:alert(1)>)",
    "[click](<\x01javascript:alert(1)>)",
    "[click](<javas\x0b" "cript:alert(1)>)",
    "[click](java&#115;cript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](&#X6a;avascript:alert(1))",
    "[click](&#0000106;avascript:alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](JAVASCRIPT&#58;alert(1))",
    "[click](java&Tab;script:alert(1))",
    "[click](java&NewLine;script:alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](java&#10;script:alert(1))",
    "[click](&#x0;javascript:alert(1))",
    "[click](&nbsp;javascript:alert(1))",
    "[click](java&bogus;script:alert(1))",
    "[click](https&bogus;//example.com/)",
    "[click](javascript:alert(1) \"a title\")",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](DATA:image/svg+xml,<svg/onload=alert(1)>)",
    "[click](file:///etc/passwd)",
    "[click](//evil.example/x)",
    "[click](/\\evil.example/x)",
    "[click](</&Tab;/evil.example/x>)",
    "[click](ftp://example.com/)",
    "[click](intent://x#Intent;end)",
    "[click](%6Aavascript:alert(1))",
    "[click][r]\n\n[r]: javascript:alert(1)",
    "[click][r]\n\n[r]: <java&#115;cript:alert(1)>",
};

static void test_hostile_links_refused(void **state)
{
    for (size_t i = 0; i < sizeof hostile_links / sizeof *hostile_links; i++) {
        buf b = render(hostile_links[i]);
        /* md4c saw a link (its syntax is gone) and we dropped the <a>. */
        if (strstr(b.data, "](") || strstr(b.data, "][") ||
            !strstr(b.data, "click") || strstr(b.data, "href") ||
            strstr(b.data, "<a"))
            fail_msg("case %zu: %s\nrendered as:\n%s", i, hostile_links[i],
                     b.data);
        buf_free(&b);
    }
}

/* Link text, including its markup, is kept when the link is refused. */
static void test_refused_link_keeps_content(void **state)
{
    expect_html("go [**here** now](javascript:alert(1)) please",
                "<p>go <strong>here</strong> now please</p>\n");
}

/* ---- allowed link targets ------------------------------------------------ */

static const struct {
    const char *md, *html;
} allowed_links[] = {
    { "[x](https://example.com/?a=1&b=2)",
      "<p><a href=\"https://example.com/?a=1&amp;b=2\">x</a></p>\n" },
    { "[x](http://example.com/a&#x26;b)",
      "<p><a href=\"http://example.com/a&amp;b\">x</a></p>\n" },
    { "[x](HTTPS://EXAMPLE.COM/)",
      "<p><a href=\"HTTPS://EXAMPLE.COM/\">x</a></p>\n" },
    { "[x](mailto:desk@example.com)",
      "<p><a href=\"mailto:desk@example.com\">x</a></p>\n" },
    { "[x](/relative/path)", "<p><a href=\"/relative/path\">x</a></p>\n" },
    { "[x](../up)", "<p><a href=\"../up\">x</a></p>\n" },
    { "[x](#frag)", "<p><a href=\"#frag\">x</a></p>\n" },
    { "[x](?q=1)", "<p><a href=\"?q=1\">x</a></p>\n" },
    { "[x](صفحة/عربية)", "<p><a href=\"صفحة/عربية\">x</a></p>\n" },
    { "[x](/a'b)", "<p><a href=\"/a&#39;b\">x</a></p>\n" },
    { "[x](</a\"b>)", "<p><a href=\"/a&quot;b\">x</a></p>\n" },
    { "[x](/a&quot;b&lt;c)", "<p><a href=\"/a&quot;b&lt;c\">x</a></p>\n" },
    { "[x](/y \"a<b &quot;c\")",
      "<p><a href=\"/y\" title=\"a&lt;b &quot;c\">x</a></p>\n" },
    { "[x][r]\n\n[r]: https://example.com/r",
      "<p><a href=\"https://example.com/r\">x</a></p>\n" },
};

static void test_allowed_links(void **state)
{
    for (size_t i = 0; i < sizeof allowed_links / sizeof *allowed_links; i++)
        expect_html(allowed_links[i].md, allowed_links[i].html);
}

/* ---- the policy itself, on decoded targets ------------------------------- */

typedef struct {
    const char *s;
    size_t len;     /* 0: strlen */
} target;

static void test_policy_refuses(void **state)
{
    static const target bad[] = {
        { "javascript:alert(1)", 0 },    { "JaVaScRiPt:alert(1)", 0 },
        { " javascript:alert(1)", 0 },   { "\t\n javascript:x", 0 },
        { "java\tscript:alert(1)", 0 },  { "java\nscript:x", 0 },
        { "java\rscript:x", 0 },         { "\x01javascript:x", 0 },
        { "java\x7fscript:x", 0 },       { "java\0script:x", 14 },
        { "javascript\0:x", 13 },        { "vbscript:x", 0 },
        { "data:text/html,x", 0 },       { "file:///etc/passwd", 0 },
        { "//evil.example/x", 0 },       { " //evil.example", 0 },
        { "/\t/evil.example", 0 },       { "/\\evil.example", 0 },
        { "\\\\evil.example", 0 },       { "ftp://x", 0 },
        { "about:blank", 0 },            { ":x", 0 },
        { "httpx:x", 0 },                { "mailtox:x", 0 },
        { "https\xc2\xa0:x", 0 },        { "\xe2\x80\x8fjavascript:x", 0 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        size_t n = bad[i].len ? bad[i].len : strlen(bad[i].s);
        if (markdown_link_allowed(bad[i].s, n))
            fail_msg("allowed case %zu: \"%s\"", i, bad[i].s);
    }
}

static void test_policy_allows(void **state)
{
    static const char *const good[] = {
        "http://example.com", "https://example.com/?a=1&b=2",
        "HTTPS://example.com", " https://example.com", "mailto:a@b.org",
        "/x", "x/y", "?q", "../x", "#frag", "", "صفحة/عربية",
        "/a:b", "x/y:z", "?a=b:c", "#a:b", "/",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!markdown_link_allowed(good[i], strlen(good[i])))
            fail_msg("refused case %zu: \"%s\"", i, good[i]);
}

/* ---- autolinks ----------------------------------------------------------- */

static void test_autolinks(void **state)
{
    expect_html("see https://example.com/x now",
                "<p>see <a href=\"https://example.com/x\">"
                "https://example.com/x</a> now</p>\n");
    expect_html("<https://example.com/a?b=1&c=2>",
                "<p><a href=\"https://example.com/a?b=1&amp;c=2\">"
                "https://example.com/a?b=1&amp;c=2</a></p>\n");
    expect_html("<mailto:desk@example.com>",
                "<p><a href=\"mailto:desk@example.com\">"
                "mailto:desk@example.com</a></p>\n");
    expect_html("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n");
    expect_html("<vbscript:msgbox(1)>", "<p>vbscript:msgbox(1)</p>\n");
    expect_html("<data:text/html,x>", "<p>data:text/html,x</p>\n");
}

/* ---- raw HTML ------------------------------------------------------------ */

static void test_raw_html_escaped(void **state)
{
    expect_html("<script>alert(1)</script>",
                "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    buf b = render("hi <img src=x onerror=alert(1)> and <a href=\"javascript:x\">y</a>\n\n"
                   "<div>\n<SCRIPT>x</SCRIPT>\n</div>\n");
    assert_lacks(b.data, "<img");
    assert_lacks(b.data, "<a");
    assert_lacks(b.data, "<div");
    assert_lacks(b.data, "<SCRIPT");
    assert_has(b.data, "&lt;img src=x onerror=alert(1)&gt;");
    assert_has(b.data, "&lt;SCRIPT&gt;");
    buf_free(&b);
}

/* ---- blocks and spans ---------------------------------------------------- */

static void test_arabic_paragraphs(void **state)
{
    expect_html("أعلنت الحكومة اليوم عن **خطة** جديدة.\n\nوقال الوزير إن *التنفيذ* يبدأ غداً.",
                "<p>أعلنت الحكومة اليوم عن <strong>خطة</strong> جديدة.</p>\n"
                "<p>وقال الوزير إن <em>التنفيذ</em> يبدأ غداً.</p>\n");
}

static void test_headings(void **state)
{
    expect_html("# أ\n## ب\n### c\n#### d\n##### e\n###### f\n",
                "<h1>أ</h1>\n<h2>ب</h2>\n<h3>c</h3>\n"
                "<h4>d</h4>\n<h5>e</h5>\n<h6>f</h6>\n");
}

static void test_code_escaped(void **state)
{
    expect_html("use `a<b && \"c\"` here",
                "<p>use <code>a&lt;b &amp;&amp; &quot;c&quot;</code> here</p>\n");
    expect_html("```html\n<script>x</script>\n```\n",
                "<pre><code class=\"language-html\">"
                "&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n");
    expect_html("```\"><script>\nx\n```\n",
                "<pre><code class=\"language-&quot;&gt;&lt;script&gt;\">"
                "x\n</code></pre>\n");
}

static void test_lists_quotes_rules(void **state)
{
    expect_html("- أ\n- ب\n", "<ul>\n<li>أ</li>\n<li>ب</li>\n</ul>\n");
    expect_html("3. x\n4. y\n", "<ol start=\"3\">\n<li>x</li>\n<li>y</li>\n</ol>\n");
    expect_html("> اقتباس\n", "<blockquote>\n<p>اقتباس</p>\n</blockquote>\n");
    expect_html("a\n\n---\n", "<p>a</p>\n<hr>\n");
}

static void test_table(void **state)
{
    expect_html("| الاسم | العدد |\n|:---|---:|\n| أ | 1 |\n",
                "<table>\n<thead>\n<tr>\n<th>الاسم</th>\n<th>العدد</th>\n"
                "</tr>\n</thead>\n<tbody>\n<tr>\n<td>أ</td>\n<td>1</td>\n"
                "</tr>\n</tbody>\n</table>\n");
}

static void test_breaks_and_strike(void **state)
{
    expect_html("a\nb  \nc\\\nd", "<p>a\nb<br>\nc<br>\nd</p>\n");
    expect_html("~~قديم~~ جديد", "<p><del>قديم</del> جديد</p>\n");
}

static void test_entities_in_text(void **state)
{
    expect_html("&copy; &amp; &lt;b&gt; &#1605; &#x0; &notreal;",
                "<p>© &amp; &lt;b&gt; م \xef\xbf\xbd &notreal;</p>\n");
}

/* ---- images -------------------------------------------------------------- */

static void test_images(void **state)
{
    expect_html("![صورة](/media/a.jpg)",
                "<p><img src=\"/media/a.jpg\" loading=\"lazy\" alt=\"صورة\"></p>\n");
    expect_html("![a \"q\" *em*](media/b.png \"t<\")",
                "<p><img src=\"media/b.png\" title=\"t&lt;\" loading=\"lazy\" "
                "alt=\"a &quot;q&quot; em\"></p>\n");
    /* External or refused: alt text only, no request to anyone. */
    expect_html("![شعار](https://tracker.example/p.gif)", "<p>شعار</p>\n");
    expect_html("![x](http://example.com/p.png)", "<p>x</p>\n");
    expect_html("![x](//cdn.example/p.png)", "<p>x</p>\n");
    expect_html("![x](/\\cdn.example/p.png)", "<p>x</p>\n");
    expect_html("![x](javascript:alert(1))", "<p>x</p>\n");
    expect_html("![x](data:image/png;base64,AAAA)", "<p>x</p>\n");
    expect_html("![x](java&#115;cript:alert(1))", "<p>x</p>\n");
    expect_html("![x <y>](mailto:a@b.org)", "<p>x &lt;y&gt;</p>\n");
    /* An image inside an image's alt stays text. */
    expect_html("![a ![b](/b.png) c](/a.png)",
                "<p><img src=\"/a.png\" loading=\"lazy\" alt=\"a b c\"></p>\n");
    expect_html("![a ![b](/b.png) c](https://e.example/a.png)",
                "<p>a b c</p>\n");
    /* An image inside a link. */
    expect_html("[![i](/i.png)](https://example.com/)",
                "<p><a href=\"https://example.com/\"><img src=\"/i.png\" "
                "loading=\"lazy\" alt=\"i\"></a></p>\n");
}

/* md4c 0.4.8 enters the image twice here and leaves it once; the alt
 * attribute must still be closed before any markup follows. */
static void test_unbalanced_spans_closed(void **state)
{
    static const char *const srcs[] = {
        "![![](![]()]())",
        "![![](![]()]()) after *em* [l](/x)\n\nnext",
        "[](![)]() *a*",
        "x ![a ![b](![c](/c.png) d](/b.png) e](/a.png) *em*",
    };
    for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++) {
        buf b = render(srcs[i]);
        for (const char *p = strstr(b.data, "alt=\""); p;
             p = strstr(p, "alt=\"")) {
            p += 5;
            const char *q = strchr(p, '"');
            if (!q || q[1] != '>' || memchr(p, '<', (size_t)(q - p)))
                fail_msg("case %zu: alt left open in:\n%s", i, b.data);
        }
        assert_has(b.data, "</p>\n");
        buf_free(&b);
    }
}

/* ---- the buffer ---------------------------------------------------------- */

static void test_appends_to_buf(void **state)
{
    arena *a = arena_new(0);
    buf b;
    buf_init(&b, a);
    buf_puts(&b, "<!-- head -->");
    assert_int_equal(markdown_render(&b, "نص", strlen("نص")), 0);
    assert_string_equal(b.data, "<!-- head --><p>نص</p>\n");
    size_t before = b.len;
    assert_int_equal(markdown_render(&b, "", 0), 0);
    assert_int_equal(b.len, before);
    arena_free(a);
}

/* md4c 0.4.8 reads the byte after its input: with ")" there, "[a](x" became
 * a link (or crashed). Only the `len` bytes given may count. */
static void test_reads_only_len_bytes(void **state)
{
    static const char *const srcs[] = {
        "[a](x)", "[a](javascript:alert(1))", "x [a](/y \"t\")",
        "![a](/i.png)", "`code`", "**b**",
    };
    static const char *const want[] = {
        "<p>[a](x</p>\n", "<p>[a](javascript:alert(1)</p>\n",
        "<p>x [a](/y &quot;t&quot;</p>\n", "<p>![a](/i.png</p>\n",
        "<p>`code</p>\n", "<p>*<em>b</em></p>\n",
    };
    for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++) {
        buf b;
        buf_init(&b, NULL);
        assert_int_equal(markdown_render(&b, srcs[i], strlen(srcs[i]) - 1), 0);
        if (strcmp(b.data, want[i]) != 0)
            fail_msg("case %zu: got\n%s\nwant\n%s", i, b.data, want[i]);
        buf_free(&b);
    }
}

/* ---- word count ---------------------------------------------------------- */

static void test_word_count(void **state)
{
    static const struct {
        const char *s;
        size_t words;
    } cases[] = {
        { "", 0 },
        { "   \n\t ", 0 },
        { "مرحبا بالعالم hello world 2024", 5 },
        { "كلمة، كلمة؛ كلمة؟ كلمة.", 4 },
        { "مُحَمَّدٌ رَسُولُ", 2 },
        { "الـــعـــربية", 1 },
        { "# عنوان\n\n- **بند** و *آخر*", 4 },
        { "١٢٣ و 456", 3 },
        { "Straße café naïve", 3 },
        { "a\xff" "b", 2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t got = markdown_word_count(cases[i].s, strlen(cases[i].s));
        if (got != cases[i].words)
            fail_msg("case %zu \"%s\": %zu words, want %zu", i, cases[i].s,
                     got, cases[i].words);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_links_refused),
        cmocka_unit_test(test_refused_link_keeps_content),
        cmocka_unit_test(test_allowed_links),
        cmocka_unit_test(test_policy_refuses),
        cmocka_unit_test(test_policy_allows),
        cmocka_unit_test(test_autolinks),
        cmocka_unit_test(test_raw_html_escaped),
        cmocka_unit_test(test_arabic_paragraphs),
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_code_escaped),
        cmocka_unit_test(test_lists_quotes_rules),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_breaks_and_strike),
        cmocka_unit_test(test_entities_in_text),
        cmocka_unit_test(test_images),
        cmocka_unit_test(test_unbalanced_spans_closed),
        cmocka_unit_test(test_appends_to_buf),
        cmocka_unit_test(test_reads_only_len_bytes),
        cmocka_unit_test(test_word_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
