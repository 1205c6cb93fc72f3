/* similar.h — "see also": how alike two articles are.
 *
 * An article is turned into a term vector by the same analysis as search
 * (text/tokenize: normalise, drop stop words, stem): each distinct stem
 * counts its occurrences, a headline word SIMILAR_W_TITLE times, a lead
 * word SIMILAR_W_LEAD times, a body word once. Weights are TF-IDF
 * ((1 + ln count) · ln(1 + N / df)), the vector keeps its
 * SIMILAR_KEEP strongest terms and is scaled to unit length, so the cosine
 * of two vectors is their dot product. The final score adds small boosts
 * for the same section and for stories published close in time (for a
 * story being published, the recent ones). Terms are 32-bit hashes of the
 * stems; a rare collision only merges two terms' weights.
 *
 * Everything here is plain computation: store/related.c gets document
 * frequencies and candidates from the database and calls these. */
#ifndef MIDAD_SIMILAR_H
#define MIDAD_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "text/stem.h"

#define SIMILAR_W_TITLE 3       /* a headline word counts this many times */
#define SIMILAR_W_LEAD 2        /* a lead (or subtitle) word */
#define SIMILAR_KEEP 64         /* terms kept in a stored vector */
#define SIMILAR_QUERY_TERMS 12  /* strongest terms looked up in the index */
#define SIMILAR_POSTINGS 1000   /* newest articles read per looked-up term */
#define SIMILAR_CANDIDATES 60   /* candidates scored by cosine */
#define SIMILAR_KEPT 10         /* stored list length (5 are shown) */
#define SIMILAR_MIN_COSINE 0.05 /* below this a story is not related */

/* A term of a vector: its id and weight. Vectors are sorted by id. */
typedef struct {
    uint32_t id;
    float w;
} similar_term;

/* The terms of one article before weighting: distinct ids (sorted) with
 * their field-weighted counts in w, and for each a word of the text that
 * gives it (NUL-terminated, in the arena), to look the term up in the
 * search index. */
typedef struct {
    similar_term *terms;
    const char **words;
    size_t n;
} similar_counts;

/* The id of a stem (never 0: id 0 is free for callers' bookkeeping). */
uint32_t similar_term_id(const char *term, size_t len);

/* Called with each word of the lead and body, in order, as the index's
 * surface form (normalised, unstemmed, without SURFACE_MARK): one analysis
 * serves the vector and text/dupes' signature. */
typedef void (*similar_each_fn)(void *ctx, const char *term, size_t len);

/* Count the terms of an article (any text may be NULL; body is plain
 * text, see text/mdtext); each (may be NULL) sees the lead's and body's
 * words. Memory from a. Returns 0, or -1 when the analysis fails. */
int similar_count(stemmer *st, arena *a, const char *title, const char *lead,
                  const char *body, similar_each_fn each, void *each_ctx,
                  similar_counts *out);

/* The inverse document frequency of a term in df of ndocs documents. */
double similar_idf(long long df, long long ndocs);

/* Weigh counts[0..n) in place with the document frequencies df[0..n)
 * (parallel): TF-IDF, keep the `keep` strongest (moved to the front, then
 * sorted by id), unit length. Returns how many are kept. words (when not
 * NULL) and df are permuted along with the terms. */
size_t similar_weigh(similar_term *t, const char **words, size_t n, long long *df,
                     long long ndocs, size_t keep);

/* The indices of the (at most) k strongest terms of v[0..n) that some
 * other document has too (df[i] ≥ 2; df NULL = all) into idx, strongest
 * first; returns how many. These are looked up to find candidates. */
size_t similar_strongest(const similar_term *v, const long long *df, size_t n, size_t k,
                         size_t *idx);

/* The cosine of two unit vectors (sorted by id). */
double similar_cosine(const similar_term *a, size_t na, const similar_term *b, size_t nb);

/* The score of a candidate: its cosine, ×1.1 at most for being in the
 * same section, ×1.1 at most for being published close in time (half of
 * it at 30 days apart). */
double similar_score(double cosine, bool same_section, long long t1, long long t2);

/* A scored story. */
typedef struct {
    long long id;
    double score;
} similar_hit;

/* Keep hit among the best k of top[0..*n) (sorted best first; on a tie
 * the newer id first). */
void similar_keep(similar_hit *top, size_t *n, size_t k, similar_hit hit);

/* A vector as bytes (little-endian id, float) and back: similar_pack
 * writes 8·n bytes to out; similar_unpack reads len bytes into memory
 * from a, returning how many terms (0 for a malformed blob). */
void similar_pack(const similar_term *v, size_t n, unsigned char *out);
size_t similar_unpack(arena *a, const void *blob, size_t len, similar_term **out);

#endif
