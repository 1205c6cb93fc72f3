/* related_rebuild_write.c — the last phase of store_related_rebuild: the
 * computed vectors, document frequencies, band keys, duplicate links and
 * lists replace the stored ones in one transaction (editors' choices are
 * in related_pins and stay). */
#include "store/related_rebuild.h"

static const char SQL_CLEAR_RELATED[] = "DELETE FROM related";
static const char SQL_CLEAR_VECTORS[] = "DELETE FROM related_vectors";
static const char SQL_CLEAR_DF[] = "DELETE FROM related_df";
static const char SQL_CLEAR_BANDS[] = "DELETE FROM dupe_bands";
static const char SQL_CLEAR_DUPES[] = "DELETE FROM duplicates";
static const char SQL_DF_PUT[] = "INSERT INTO related_df(term, df) VALUES (?1, ?2)";
static const char SQL_VEC_PUT[] =
    "INSERT INTO related_vectors(article, section_id, published_at, terms, minhash)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_BAND_PUT[] = "INSERT OR IGNORE INTO dupe_bands(key, article) VALUES (?1, ?2)";
static const char SQL_DUP_PUT[] =
    "INSERT INTO duplicates(article, of, similarity) VALUES (?1, ?2, ?3)";
static const char SQL_REL_PUT[] =
    "INSERT INTO related(article, related, score, rank) VALUES (?1, ?2, ?3, ?4)";

/* Step a statement with up to three integer parameters and a real one. */
static int put(store *s, const char *sql, long long p1, long long p2, double p3, long long p4,
               int nbind)
{
    sqlite3_stmt *st = store_stmt_sql(s, sql);
    if (!st) return -1;
    if (nbind > 0) sqlite3_bind_int64(st, 1, p1);
    if (nbind > 1) sqlite3_bind_int64(st, 2, p2);
    if (nbind > 2) sqlite3_bind_double(st, 3, p3);
    if (nbind > 3) sqlite3_bind_int64(st, 4, p4);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int put_vector(store *s, const rb_doc *d)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_VEC_PUT);
    if (!st) return -1;
    unsigned char packed[SIMILAR_KEEP * 8], sig[DUPES_PACKED];
    similar_pack(d->terms, d->nv, packed);
    dupes_pack(&d->sig, sig);
    sqlite3_bind_int64(st, 1, d->id);
    if (d->section_id) sqlite3_bind_int64(st, 2, d->section_id);
    else sqlite3_bind_null(st, 2);
    sqlite3_bind_int64(st, 3, d->published_at);
    sqlite3_bind_blob(st, 4, packed, (int)(d->nv * 8), SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, sig, DUPES_PACKED, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int put_doc(store *s, const rb_doc *d)
{
    if (put_vector(s, d)) return -1;
    if (d->head != d->id && put(s, SQL_DUP_PUT, d->id, d->head, d->dup_sim, 0, 3)) return -1;
    for (uint32_t k = 0; k < d->ntop; k++)
        if (put(s, SQL_REL_PUT, d->id, d->top[k].id, d->top[k].score, k + 1, 4)) return -1;
    return 0;
}

static int write_tx(store *s, void *p)
{
    rebuild *rb = p;
    const char *clear[] = { SQL_CLEAR_RELATED, SQL_CLEAR_VECTORS, SQL_CLEAR_DF,
                            SQL_CLEAR_BANDS, SQL_CLEAR_DUPES };
    for (size_t i = 0; i < sizeof clear / sizeof *clear; i++)
        if (put(s, clear[i], 0, 0, 0, 0, 0)) return -1;
    if (put(s, SQL_DF_PUT, 0, (long long)rb->n, 0, 0, 2)) return -1;  /* term 0: documents */
    for (size_t sl = 0; sl < rb->terms.cap; sl++)
        if (rb->terms.ids[sl] && put(s, SQL_DF_PUT, rb->terms.ids[sl], rb->terms.df[sl], 0, 0, 2))
            return -1;
    for (size_t i = 0; i < rb->n; i++) {
        if (put_doc(s, &rb->docs[i])) return -1;
        if (rb->progress && (i % 2048 == 0 || i + 1 == rb->n))
            rb->progress(rb->ctx, rb->done_before + (long long)(i + 1) * 3 / 4,
                         3 * (long long)rb->n);
    }
    for (size_t b = 0; b < rb->nbands; b++)
        if (put(s, SQL_BAND_PUT, rb->bands[b].key, rb->docs[rb->bands[b].doc].id, 0, 0, 2))
            return -1;
    if (rb->progress) rb->progress(rb->ctx, 3 * (long long)rb->n, 3 * (long long)rb->n);
    return store_generation_bump(s);
}

int rb_write(rebuild *rb)
{
    return store_transaction(rb->s, write_tx, rb);
}
