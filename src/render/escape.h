/* escape.h — making text safe for HTML and JSON output.
 *
 * Every value a page prints goes through one of these, so they are written
 * for speed: they scan for runs of bytes that need no change and append each
 * run whole. Invalid UTF-8 never reaches the output: each maximal invalid
 * subsequence becomes one U+FFFD (the WHATWG decoder's rule). */
#ifndef MIDAD_ESCAPE_H
#define MIDAD_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/utf8.h"   /* utf8_valid */

/* Append `s[0..len)` escaped for HTML text and quoted attribute values:
 * & < > " ' become &amp; &lt; &gt; &quot; &#39;; NUL, the C0 controls other
 * than tab, LF and CR, and DEL are dropped; invalid UTF-8 becomes U+FFFD. */
void escape_html(buf *out, const char *s, size_t len);

/* Append `s[0..len)` as a quoted JSON string. Besides the JSON escapes it
 * writes <, >, & as \u003c \u003e \u0026 and U+2028/U+2029 as \u2028
 * \u2029, so the result is also safe inside <script type="application/ld+json">;
 * invalid UTF-8 becomes \ufffd. */
void escape_json_string(buf *out, const char *s, size_t len);

#endif
