/* diff.h — what changed between two texts, word by word (revisions).
 *
 * The texts are cut into tokens: runs of whitespace and runs of anything
 * else (a word with its punctuation), so Arabic and Latin text diff alike
 * and joining the tokens gives the text back exactly. The shortest edit is
 * found with Myers' algorithm; past DIFF_MAX_EDITS edits the changed middle
 * is shown as one deletion and one insertion. */
#ifndef MIDAD_DIFF_H
#define MIDAD_DIFF_H

#include <stddef.h>

#include "core/arena.h"

#define DIFF_MAX_EDITS 1000   /* the search keeps ~4·D² bytes */

typedef enum { DIFF_SAME, DIFF_DEL, DIFF_INS } diff_kind;

/* A run of tokens: kept, only in the old text, or only in the new one.
 * text points into the old text (SAME, DEL) or the new one (INS). */
typedef struct {
    diff_kind kind;
    const char *text;
    size_t len;
} diff_op;

/* The edit from old[0..old_len) to new[0..new_len) as runs (adjacent
 * runs never share a kind), allocated from a. Old is SAME + DEL runs in
 * order, new is SAME + INS runs. */
void diff_words(arena *a, const char *old, size_t old_len, const char *new_text,
                size_t new_len, diff_op **ops, size_t *n);

#endif
