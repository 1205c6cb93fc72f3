/* mdtext.h — the plain text of a Markdown body, for the search index and
 * for search snippets: what a reader reads, without Markdown syntax, link
 * targets or image URLs (image descriptions are kept). */
#ifndef MIDAD_MDTEXT_H
#define MIDAD_MDTEXT_H

#include <stddef.h>

#include "core/buf.h"

/* Append the text of Markdown src[0..len) to out: blocks end with a
 * newline, soft breaks become spaces, known entities are decoded and
 * unknown ones dropped. The same input always gives the same text (the
 * index relies on it). Returns 0, or -1 if md4c fails (out unchanged). */
int mdtext_plain(buf *out, const char *src, size_t len);

#endif
