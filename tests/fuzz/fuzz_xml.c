/* fuzz_xml.c — libFuzzer target for render/xml: whatever the bytes, the
 * escaped text is valid UTF-8 with no character XML 1.0 forbids, no raw
 * < or CR, every & starts an entity we write, and libxml2 parses it inside
 * an element and an attribute without complaint. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "render/xml.h"

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_xml: %s\n", what);
        abort();
    }
}

static int known_entity(const char *p)
{
    static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;" };
    for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++)
        if (strncmp(p, ents[i], strlen(ents[i])) == 0) return 1;
    return 0;
}

static void check_chars(const buf *b)
{
    check(utf8_valid(b->data, b->len), "invalid UTF-8 out");
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        check(c >= 0x20 || c == '\t' || c == '\n', "control character out");
        check(c != '<' && c != '>' && c != '"' && c != '\'' && c != 0x7f, "markup out");
        if (c == '&') check(known_entity(b->data + i), "bare & out");
        if (c == 0xC2 && i + 1 < b->len) check((unsigned char)b->data[i + 1] > 0x9F, "C1 out");
        if (c == 0xEF && i + 2 < b->len)
            check(!((unsigned char)b->data[i + 1] == 0xBF && (unsigned char)b->data[i + 2] >= 0xBE),
                  "U+FFFE/FFFF out");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    buf b;
    buf_init(&b, NULL);
    xml_escape(&b, (const char *)data, size);
    check_chars(&b);

    buf doc;
    buf_init(&doc, NULL);
    buf_puts(&doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?><t a=\"");
    buf_append(&doc, b.data ? b.data : "", b.len);
    buf_puts(&doc, "\">");
    buf_append(&doc, b.data ? b.data : "", b.len);
    buf_puts(&doc, "</t>");
    xmlDocPtr d = xmlReadMemory(doc.data, (int)doc.len, "f.xml", "utf-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    check(d != NULL, "libxml2 refused the escaped text");
    xmlFreeDoc(d);
    buf_free(&doc);
    buf_free(&b);
    return 0;
}
