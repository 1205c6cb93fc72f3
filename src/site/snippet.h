/* snippet.h — private to src/site/: search snippets and highlighted
 * headlines, as trusted HTML.
 *
 * The text is the original (what was written); the words that match the
 * query — found with the same analysis the index uses, by their byte
 * offsets — are wrapped in <mark>, and everything else is HTML-escaped.
 * This is a trusted-HTML producer like render/markdown: its output is
 * passed to templates with view_html, so it must never copy input bytes
 * unescaped. */
#ifndef MIDAD_SNIPPET_H
#define MIDAD_SNIPPET_H

#include "core/buf.h"
#include "text/query.h"

typedef struct snippet_terms snippet_terms;

/* The terms to highlight for the positive words of q (allocated in a;
 * analysed with the thread's stemmer). */
snippet_terms *snippet_terms_new(arena *a, const query *q);

/* All of text[0..len), escaped, with matching words marked. */
str snippet_highlight(arena *a, snippet_terms *t, const char *text, size_t len);

/* About 30 words of body around its densest cluster of matches, with "…"
 * where it was cut; the lead (highlighted) when the body has no match. */
str snippet_make(arena *a, snippet_terms *t, const char *lead, const char *body);

#endif
