/* match.h — does a text match a reader's query, without the search index?
 *
 * The back office searches drafts, stories in review, scheduled ones and
 * the trash, which the search index (readers' published stories) does not
 * hold. This runs the same analysis (text/tokenize) over their text and
 * answers as the index would: every positive term present (a phrase: each
 * of its words, in any order), no excluded one; word* matches words that
 * start so. */
#ifndef MIDAD_MATCH_H
#define MIDAD_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "text/query.h"

typedef struct text_matcher text_matcher;

/* A matcher for the parsed query q (allocated in a; it uses the thread's
 * stemmer). NULL when q has nothing to look for or the stemmer cannot be
 * made. */
text_matcher *text_matcher_new(arena *a, const query *q);
/* True if the n texts, taken together, match. */
bool text_matcher_test(text_matcher *m, const char *const *texts, size_t n);

#endif
