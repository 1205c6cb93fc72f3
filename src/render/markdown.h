/* markdown.h — Markdown to trusted HTML.
 *
 * Article bodies are written in Markdown and rendered once, when saved; the
 * result is stored and printed raw by the template engine, so it must be safe
 * on its own: raw HTML in the source is shown as text, every link passes a
 * scheme allow-list, and images never point at another site (a reader must
 * never make a third-party request). Parsing is md4c's; rendering is ours. */
#ifndef MIDAD_MARKDOWN_H
#define MIDAD_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* Render Markdown `src` (UTF-8) as HTML appended to `out`. The result is
 * trusted HTML: raw HTML in the source is escaped, and every link and image
 * target passed the link policy. Returns 0, or -1 if md4c fails (then `out`
 * is left as it was). */
int markdown_render(buf *out, const char *src, size_t len);

/* The link policy, on an already-decoded target: true for http:, https:,
 * mailto:, relative paths ("/x", "x/y", "?q", "../x") and "#frag"; false for
 * everything else (javascript:, vbscript:, data:, file:, unknown schemes,
 * protocol-relative "//host"). The scheme check ignores case and
 * leading/embedded whitespace and control characters, as browsers do. */
bool markdown_link_allowed(const char *href, size_t len);

/* Words in the source text (for reading time); counts runs of
 * letters/digits, Arabic included. */
size_t markdown_word_count(const char *src, size_t len);

#endif
