/* blocklist.h — words that mark a comment as spam, matched on the same
 * analysis as search (normalised, stop words dropped, stemmed), so that
 * tatweel, diacritics, letter variants (أ/إ/آ/ا, ى/ي, ة/ه), attached
 * articles and conjunctions, Arabic-Indic digits and Latin case cannot
 * dodge them. */
#ifndef MIDAD_BLOCKLIST_H
#define MIDAD_BLOCKLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct blocklist blocklist;

/* The built-in list (locale/blocklist.txt) plus `extra` (one entry per
 * line, '#' comments), analysed once; allocated from `a`. */
blocklist *blocklist_load(arena *a, const char *extra);

/* How many entries the list holds. */
size_t blocklist_size(const blocklist *bl);

/* True if `text` contains one of the entries as consecutive words. */
bool blocklist_match(const blocklist *bl, arena *a, const char *text, size_t len);

#endif
