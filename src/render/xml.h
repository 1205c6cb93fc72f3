/* xml.h — text that is safe in XML 1.0 documents (feeds, sitemaps).
 *
 * Every string a feed or sitemap prints goes through xml_escape, which
 * makes well-formed XML out of any bytes: the five markup characters become
 * entities, characters XML 1.0 forbids (C0 controls other than tab, LF, CR;
 * U+FFFE and U+FFFF) and the discouraged DEL and C1 controls are dropped,
 * and each maximal invalid UTF-8 subsequence becomes one U+FFFD. Markup
 * written through xml_escape cannot end a CDATA section or an element, so
 * "]]>" or "</script>" in a headline stay text. */
#ifndef MIDAD_XML_H
#define MIDAD_XML_H

#include <stddef.h>

#include "core/buf.h"

/* Append `s[0..len)` escaped for XML text and for attribute values quoted
 * with either quote: & < > " ' become &amp; &lt; &gt; &quot; &apos;, and CR
 * becomes &#13; (a parser would fold a raw one into LF). In an attribute a
 * parser still turns tab and LF into spaces (attribute normalisation). */
void xml_escape(buf *out, const char *s, size_t len);

/* The same for a NUL-terminated string (NULL appends nothing). */
void xml_puts(buf *out, const char *s);

/* Append <name>escaped text</name>. */
void xml_element(buf *out, const char *name, const char *text);

#endif
