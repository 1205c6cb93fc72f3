/* locale.h — the interface strings of a site, read from a locale file.
 *
 * A locale file (locale/ar.ini, locale/en.ini) has no sections, only lines
 * `key = value`; keys are [a-z0-9_]+, values UTF-8 text with surrounding
 * spaces trimmed. Lines starting with ; or # are comments, and so is the rest
 * of a line after a ; preceded by a space (inih's inline comments), so a
 * value cannot contain " ;". Placeholders such as {n} are kept verbatim for
 * handlers to fill in. The keys "lang" and "dir" (rtl or ltr) give the
 * language and direction of the page. A line may be at most 4 KB. */
#ifndef MIDAD_LOCALE_H
#define MIDAD_LOCALE_H

#include <stddef.h>

#include "core/arena.h"
#include "render/view.h"

/* Parse locale text into a VIEW_OBJ (keys → VIEW_STR, in file order)
 * allocated from `a`. Returns NULL and "line N: problem" in err on a syntax
 * error, invalid UTF-8, a NUL byte, a bad or duplicate key, a section, an
 * indented line (inih would join it to the previous value), an over-long
 * line, or a dir other than rtl/ltr. Call it at start-up: it briefly raises
 * inih's process-wide line limit. */
view *locale_parse(arena *a, const char *text, size_t len, char *err, size_t errlen);

/* The string for `key`, or `key` itself when it is missing (so a missing
 * string shows on the page instead of crashing it). */
const char *locale_get(const view *strings, const char *key);

#endif
