/* related_rebuild.h — private to store/related_rebuild*.c: the whole
 * corpus in memory while `midad related rebuild` recomputes it. */
#ifndef MIDAD_RELATED_REBUILD_H
#define MIDAD_RELATED_REBUILD_H

#include <stdatomic.h>

#include "store/related_int.h"

typedef struct {
    long long id, section_id, published_at;
    similar_term *terms;        /* malloc'd: all terms (counts), then the vector first */
    uint32_t nterms, nv;        /* all terms; the vector's length */
    dupes_sig sig;
    long long head;             /* the head of its duplicate cluster (itself if none) */
    double dup_sim;             /* its similarity to the head */
    similar_hit top[SIMILAR_KEPT];
    uint32_t ntop;
} rb_doc;

/* A band key of a doc's signature. */
typedef struct rb_band {
    uint32_t key, doc;
} rb_band;

/* term id → document frequency and postings (doc indices, ascending) */
typedef struct {
    uint32_t *ids, *df;         /* id 0 = empty slot */
    uint64_t *start;            /* into post[] */
    size_t cap, n;
    uint32_t *post;
} rb_terms;

typedef struct {
    store *s;
    const char *path;
    rb_doc *docs;
    size_t n;
    rb_terms terms;
    struct rb_band *bands;      /* (key, doc index) sorted by key */
    size_t nbands;
    atomic_size_t next;         /* the next doc to take */
    atomic_llong done;          /* docs finished in this phase */
    atomic_int failed;
    long long done_before;      /* progress of finished phases */
    void (*progress)(void *ctx, long long done, long long total);
    void *ctx;
} rebuild;

/* The slot of term id (where it is or would go). */
size_t rb_slot(const rb_terms *t, uint32_t id);

/* Write everything computed in one transaction (related_rebuild_write.c). */
int rb_write(rebuild *rb);

#endif
