/* excerpt.h — a short teaser of a text for "see also" cards: the first
 * words, cut at a word boundary, ending in an ellipsis (…). */
#ifndef MIDAD_EXCERPT_H
#define MIDAD_EXCERPT_H

#include <stddef.h>

#include "core/arena.h"

/* The first whole words of text[0..len) (valid UTF-8) that fit in
 * max_chars characters, trailing punctuation dropped, then "…"; from a.
 * An empty text gives "". */
const char *excerpt_make(arena *a, const char *text, size_t len, size_t max_chars);

#endif
