/* slug.h — URL slugs from titles, Arabic letters kept as they are.
 *
 * Kept: ASCII letters (lowercased) and digits; Arabic letters U+0621–U+064A,
 * Arabic-Indic digits U+0660–U+0669, U+066E–U+06D3 and U+06FA–U+06FF.
 * Dropped without a trace (so a word stays whole): harakat U+064B–U+065F,
 * superscript alef U+0670 and tatweel U+0640. Everything else — spaces,
 * punctuation, symbols, other scripts, invalid UTF-8 — separates words with a
 * single '-'. */
#ifndef MIDAD_SLUG_H
#define MIDAD_SLUG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

#define SLUG_MAX 80     /* bytes */

/* A slug for text[0..len): words joined by single '-', none leading or
 * trailing; at most SLUG_MAX bytes — a longer one is cut at the last '-'
 * when that keeps at least half of it, else at the last whole character.
 * May be "" (never NULL). Allocated from `a`. */
char *slug_make(arena *a, const char *text, size_t len);

/* True if s[0..len) is a non-empty string that slug_make returns unchanged
 * (so it can be looked up as is). */
bool slug_valid(const char *s, size_t len);

#endif
