/* comment_text.h — a reader's comment as HTML.
 *
 * The text is stored as typed; this shows it escaped, with paragraphs (a
 * blank line) and line breaks kept, and bare http(s) links made clickable
 * with rel="nofollow ugc noopener". Like the Markdown renderer, its output
 * is trusted HTML (view_html): it is built here from escaped pieces only. */
#ifndef MIDAD_COMMENT_TEXT_H
#define MIDAD_COMMENT_TEXT_H

#include <stddef.h>

#include "core/buf.h"

/* Append the comment `text` (valid UTF-8) as HTML paragraphs. */
void comment_text_html(buf *out, const char *text, size_t len);

/* How many http:// or https:// links the text holds. */
size_t comment_text_links(const char *text, size_t len);

#endif
