/* tokenize.h — the analysis pipeline: text → words → search terms.
 *
 * One pipeline for indexing and for querying: split the text into words
 * (with byte offsets into the original text), normalise each (text/arabic),
 * drop stop words, stem (text/stem). The FTS5 tokenizer (text/fts), the
 * query parser (text/query) and the snippet highlighter all use it, so what
 * is indexed, what is searched and what is highlighted cannot drift apart. */
#ifndef MIDAD_TOKENIZE_H
#define MIDAD_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "text/arabic.h"
#include "text/stem.h"

/* A word of the original text: bytes [start, end) and its script. */
typedef struct {
    size_t start, end;
    char_class cls;
} token_word;

/* The next word of text[*pos..len) into w, advancing *pos; false at the end.
 * Words are runs of letters and digits; they also end where the script
 * changes (2026م → 2026, م). Invalid UTF-8 bytes separate words. */
bool tokenize_next(const char *text, size_t len, size_t *pos, token_word *w);

typedef enum {
    ANALYSE_INDEX,  /* stems, extra readings and the surface form (for prefixes) */
    ANALYSE_QUERY,  /* stems and alternative readings (synonyms) */
    ANALYSE_PREFIX, /* the surface form only: the word is a prefix */
} analyse_mode;

/* Surface forms (the unstemmed key) start with this byte, so they never
 * collide with stems. */
#define SURFACE_MARK '='

/* flags of a term: at the same position as the term before it */
#define TERM_COLOCATED 1

/* Called for each term; a non-zero return stops the analysis and is
 * returned by analyse. */
typedef int (*term_fn)(void *ctx, int flags, const char *term, size_t len,
                       size_t start, size_t end);

/* The steps of analyse for one word, for callers that look at the words
 * themselves (the snippet highlighter): the word's key (ARABIC_KEY_MAX + 1
 * bytes), or 0 when the word is not searched for (a stop word unless
 * keep_stop, a single Arabic letter, nothing left after normalising)… */
size_t analyse_word_key(const char *text, const token_word *w, char *key, bool keep_stop);
/* … and the terms of a word from its key, in `mode`. */
int analyse_word(stemmer *st, const char *key, size_t n, const token_word *w,
                 analyse_mode mode, term_fn fn, void *ctx);

/* Analyse text[0..len) (valid UTF-8) in `mode`, calling fn for each term. */
int analyse(stemmer *st, const char *text, size_t len, analyse_mode mode, term_fn fn,
            void *ctx);

/* How many words of text[0..len) would be searched for (not stop words,
 * not empty after normalising); stops counting at `max`. */
size_t analyse_count_words(const char *text, size_t len, size_t max);

#endif
