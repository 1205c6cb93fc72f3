/* stem.h — stemming search keys: Snowball's Arabic stemmer (libstemmer)
 * with wrappers for its known faults, the English stemmer for Latin words.
 *
 * A stemmer object is not thread-safe: make one per thread (the FTS5
 * tokenizer makes one per connection, and connections are per thread).
 *
 * Index time gives a word's stem and, for a few word shapes the stemmer
 * reads wrongly, a second stem at the same position; query time gives the
 * stem and the alternative readings of what the reader typed (matched as
 * synonyms), so a bare word finds its definite form and back. */
#ifndef MIDAD_STEM_H
#define MIDAD_STEM_H

#include <stddef.h>

#include "text/arabic.h"

#define STEM_TERM_MAX (ARABIC_KEY_MAX + 8)
#define STEM_MAX_TERMS 6

typedef struct {
    char s[STEM_TERM_MAX + 1];
    size_t len;
} stem_term;

typedef struct stemmer stemmer;

/* A new stemmer; NULL when libstemmer cannot be set up. */
stemmer *stemmer_new(void);
void stemmer_free(stemmer *st);

/* The calling thread's own stemmer, made on first use and freed when the
 * thread ends (do not free it): request code uses it, so its cache of
 * stemmed words stays warm from one request to the next. NULL when it
 * cannot be made. */
stemmer *stemmer_of_thread(void);

/* The index terms of `key` (from arabic_normalise with ARABIC_KEEP_MAQSURA,
 * not a stop word) of class cls: terms[0] is the stem, any others belong at
 * the same position. Returns how many (1..STEM_MAX_TERMS). */
size_t stem_index(stemmer *st, const char *key, size_t len, char_class cls,
                  stem_term *terms);

/* The query terms of `key`: terms[0] is the stem (as stem_index gives it),
 * the others are alternative readings to match as synonyms. */
size_t stem_query(stemmer *st, const char *key, size_t len, char_class cls,
                  stem_term *terms);

#endif
