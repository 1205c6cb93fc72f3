/* dupes.h — near-duplicate stories: MinHash over normalised word shingles.
 *
 * Agency copy is republished with small edits: a new headline, paragraphs
 * reordered, one added or cut, other diacritics or hamza spellings. The
 * text (lead and body, not the headline) goes through the search analysis
 * (text/tokenize): each word's surface form — normalised (diacritics,
 * alef forms, ى and ة folded), stop words out, not stemmed — with the
 * hamza carriers ؤ and ئ also read as ء; every run of
 * DUPES_SHINGLE words is a shingle. The signature keeps, for each of
 * DUPES_HASHES hash functions, the smallest hash of any shingle; the share
 * of equal positions in two signatures estimates the Jaccard similarity of
 * their shingle sets. Candidates are found by banding (locality-sensitive
 * hashing): DUPES_BANDS bands of DUPES_ROWS hashes each, a story sharing
 * one band's key with another is compared with it. DUPES_THRESHOLD was set
 * by measurement (bench/dupes, docs/benchmarks.md). */
#ifndef MIDAD_DUPES_H
#define MIDAD_DUPES_H

#include <stddef.h>
#include <stdint.h>

#include "text/stem.h"

#define DUPES_SHINGLE 3
#define DUPES_HASHES 96
#define DUPES_ROWS 4
#define DUPES_BANDS (DUPES_HASHES / DUPES_ROWS)
#define DUPES_THRESHOLD 0.4     /* estimated Jaccard at or above: a near-duplicate */
#define DUPES_MIN_SHINGLES 16   /* shorter texts are never called duplicates */

typedef struct {
    uint32_t h[DUPES_HASHES];
    uint32_t shingles;          /* how many shingles the text had */
} dupes_sig;

/* A signature built word by word (store/related feeds it the stems of the
 * analysis it runs anyway). */
typedef struct {
    dupes_sig *sig;
    uint64_t win[DUPES_SHINGLE];
    unsigned seen;
} dupes_builder;

void dupes_begin(dupes_builder *b, dupes_sig *out);
/* The next word: its surface form from text/tokenize (without SURFACE_MARK). */
void dupes_word(dupes_builder *b, const char *term, size_t len);

/* The signature of text[0..len) (valid UTF-8), analysed with st. Returns
 * 0, or -1 when the analysis fails. */
int dupes_signature(stemmer *st, const char *text, size_t len, dupes_sig *out);

/* The estimated Jaccard similarity of two signatures (0 when either text
 * is shorter than DUPES_MIN_SHINGLES). */
double dupes_similarity(const dupes_sig *a, const dupes_sig *b);

/* The band keys of a signature (never 0). */
void dupes_bands(const dupes_sig *s, uint32_t keys[DUPES_BANDS]);

/* A signature as bytes (4·(DUPES_HASHES + 1), little-endian) and back;
 * dupes_unpack returns -1 for a blob of the wrong size. */
#define DUPES_PACKED (4 * (DUPES_HASHES + 1))
void dupes_pack(const dupes_sig *s, unsigned char out[DUPES_PACKED]);
int dupes_unpack(const void *blob, size_t len, dupes_sig *out);

#endif
