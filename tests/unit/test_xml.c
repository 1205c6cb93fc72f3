/* test_xml.c — render/xml: escaping, characters XML 1.0 forbids, invalid
 * UTF-8 (each result is parsed back with libxml2, which must accept it and
 * return the text); RFC 822 dates; and the JSON-LD block's safety inside a
 * <script> element with hostile or broken text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "render/json.h"
#include "render/view.h"
#include "render/xml.h"
#include "text/dates.h"

static int setup(void **state)
{
    *state = arena_new(0);
    return 0;
}

static int teardown(void **state)
{
    arena_free(*state);
    return 0;
}

static const char *esc(arena *a, const char *s, size_t len)
{
    buf out;
    buf_init(&out, a);
    xml_escape(&out, s, len);
    return out.data ? out.data : "";
}

#define ESC(a, lit) esc(a, lit, sizeof lit - 1)

/* Parse <t a="ESCAPED">ESCAPED</t> strictly; return the element's text and
 * check the attribute value equals it. NULL when libxml2 refuses it. */
static char *parse_back(arena *a, const char *escaped)
{
    char *doc = arena_printf(a, "<?xml version=\"1.0\" encoding=\"utf-8\"?><t a=\"%s\">%s</t>",
                             escaped, escaped);
    xmlDocPtr d = xmlReadMemory(doc, (int)strlen(doc), "t.xml", "utf-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d) return NULL;
    xmlNodePtr root = xmlDocGetRootElement(d);
    xmlChar *text = xmlNodeGetContent(root);
    xmlChar *attr = xmlGetProp(root, (const xmlChar *)"a");
    char *copy = arena_strdup(a, (const char *)text);
    for (xmlChar *p = text; *p; p++)
        if (*p == '\t' || *p == '\n') *p = ' ';   /* attribute normalisation (not &#13;) */
    bool same = strcmp((const char *)attr, (const char *)text) == 0;
    xmlFree(text);
    xmlFree(attr);
    xmlFreeDoc(d);
    assert_true(same);
    return copy;
}

static void test_markup_characters(void **state)
{
    arena *a = *state;
    assert_string_equal(ESC(a, ""), "");
    assert_string_equal(ESC(a, "plain نص"), "plain نص");
    assert_string_equal(ESC(a, "a & b < c > d \"e\" 'f'"),
                        "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    assert_string_equal(ESC(a, "]]></script><![CDATA["),
                        "]]&gt;&lt;/script&gt;&lt;![CDATA[");
    assert_string_equal(parse_back(a, ESC(a, "]]></script>&amp;")), "]]></script>&amp;");
}

static void test_forbidden_characters_dropped(void **state)
{
    arena *a = *state;
    /* C0 controls but tab, LF, CR; DEL; C1 controls; U+FFFE, U+FFFF */
    assert_string_equal(ESC(a, "a\x01\x08\x0b\x0c\x1f\x7f" "b"), "ab");
    assert_string_equal(ESC(a, "\t\n\r"), "\t\n&#13;");
    assert_string_equal(parse_back(a, ESC(a, "a\r\nb")), "a\r\nb");
    assert_string_equal(ESC(a, "x\xc2\x80\xc2\x9fy"), "xy");
    assert_string_equal(ESC(a, "x\xef\xbf\xbe\xef\xbf\xbfy"), "xy");
    assert_string_equal(esc(a, "a\0b", 3), "ab");
    /* kept: NBSP (C2 A0), U+FFFD, U+FFFC, emoji, Arabic with diacritics */
    assert_string_equal(ESC(a, "\xc2\xa0\xef\xbf\xbd\xef\xbf\xbc😀 مُحَمَّد"),
                        "\xc2\xa0\xef\xbf\xbd\xef\xbf\xbc😀 مُحَمَّد");
    assert_non_null(parse_back(a, ESC(a, "a\x01\x1b[0m\xc2\x85\xef\xbf\xbe b")));
}

static void test_invalid_utf8_repaired(void **state)
{
    arena *a = *state;
    assert_string_equal(ESC(a, "a\xff" "b"), "a\xef\xbf\xbd" "b");
    assert_string_equal(ESC(a, "\xc3"), "\xef\xbf\xbd");                  /* truncated */
    assert_string_equal(ESC(a, "\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
    assert_string_equal(ESC(a, "\xe2\x82<"), "\xef\xbf\xbd&lt;");         /* maximal subpart */
    assert_string_equal(ESC(a, "\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");  /* overlong */
    const char *out = ESC(a, "\xd9\x85\xd8\xaf\xd8\xa7\xd8\xaf \xd8 \xf4\x90\x80\x80");
    assert_true(utf8_valid(out, strlen(out)));
    assert_non_null(parse_back(a, out));
}

static void test_every_byte_pair_parses(void **state)
{
    arena *a = *state;
    /* any two bytes followed by a three-byte tail come out as XML libxml2 takes */
    for (int i = 0; i < 256; i++) {
        for (int j = 0; j < 256; j += 7) {
            char in[5] = { (char)i, (char)j, (char)0xbf, (char)0xbe, '&' };
            const char *out = esc(a, in, sizeof in);
            assert_true(utf8_valid(out, strlen(out)));
            assert_non_null(parse_back(a, out));
        }
        arena_reset(a);
    }
}

static void test_element(void **state)
{
    arena *a = *state;
    buf b;
    buf_init(&b, a);
    xml_element(&b, "title", "<خبر & \"عاجل\">");
    assert_string_equal(b.data, "<title>&lt;خبر &amp; &quot;عاجل&quot;&gt;</title>\n");
    xml_puts(&b, NULL);   /* nothing */
    assert_int_equal(b.len, strlen("<title>&lt;خبر &amp; &quot;عاجل&quot;&gt;</title>\n"));
}

static void test_rfc822(void **state)
{
    arena *a = *state;
    buf b;
    buf_init(&b, a);
    assert_int_equal(dates_rfc822(&b, 0), 0);
    assert_string_equal(b.data, "Thu, 01 Jan 1970 00:00:00 GMT");
    buf_clear(&b);
    assert_int_equal(dates_rfc822(&b, 1795426200), 0);   /* 2026-11-23T09:30:00Z */
    assert_string_equal(b.data, "Mon, 23 Nov 2026 09:30:00 GMT");
    buf_clear(&b);
    assert_int_equal(dates_rfc822(&b, -86400), 0);
    assert_string_equal(b.data, "Wed, 31 Dec 1969 00:00:00 GMT");
    buf_clear(&b);
    assert_int_equal(dates_rfc822(&b, 951782400), 0);    /* leap day 2000 */
    assert_string_equal(b.data, "Tue, 29 Feb 2000 00:00:00 GMT");
    assert_int_equal(dates_rfc822(&b, DATES_MAX + 1), -1);
    buf_clear(&b);
    assert_int_equal(dates_iso8601_utc(&b, 1795426200), 0);
    assert_string_equal(b.data, "2026-11-23T09:30:00Z");
    assert_int_equal(dates_iso8601_utc(&b, DATES_MIN - 1), -1);
}

/* The JSON-LD block: whatever a headline holds, the <script> element's text
 * can neither end early nor carry invalid UTF-8. */
static void test_jsonld_block_is_safe(void **state)
{
    arena *a = *state;
    view *v = view_obj(a);
    view_set_str(a, v, "headline", "</script><script>alert(1)</script> ]]> <!-- \x01 \xff\xfe");
    view_set_str(a, v, "author", "\xd9");
    buf b;
    buf_init(&b, a);
    json_render(&b, v);
    assert_null(strstr(b.data, "</"));
    assert_null(strstr(b.data, "<!--"));
    assert_null(strchr(b.data, '<'));
    assert_null(strchr(b.data, '\x01'));
    assert_true(utf8_valid(b.data, b.len));
    assert_non_null(strstr(b.data, "\\u003c/script\\u003e"));
    assert_non_null(strstr(b.data, "\"author\":\"\\ufffd\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_markup_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forbidden_characters_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8_repaired, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_byte_pair_parses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_element, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rfc822, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonld_block_is_safe, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
