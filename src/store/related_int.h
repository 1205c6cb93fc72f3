/* related_int.h — private to store/related*.c: what computing one article
 * and rebuilding them all share. */
#ifndef MIDAD_RELATED_INT_H
#define MIDAD_RELATED_INT_H

#include "store/sqlite_int.h"
#include "text/dupes.h"
#include "text/similar.h"

/* A published article, analysed: counts (not yet weighted) and signature. */
typedef struct {
    long long id, section_id, published_at;
    bool published;
    similar_counts counts;
    dupes_sig sig;
} related_doc;

/* Load and analyse article id (title as the headline; subtitle and lead as
 * the lead; the body's plain text). STORE_NOT_FOUND when it does not exist. */
int related_load(store *s, stemmer *st, arena *a, long long id, related_doc *out);

/* The stored lists: replace article's list with top[0..n) (only hits
 * with a score ≥ SIMILAR_MIN_COSINE), and rank it. */
int related_list_store(store *s, long long article, const similar_hit *top, size_t n);

#endif
