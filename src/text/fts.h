/* fts.h — midad's analysis inside SQLite: the "midad" FTS5 tokenizer, the
 * midad_rank() FTS5 ranking function (BM25 with document frequencies given
 * by the caller) and the midad_body_text() SQL function (the plain text of
 * a Markdown body, which the search index is fed from).
 *
 * The search table and its triggers need both on every connection that
 * writes articles, so they are registered with sqlite3_auto_extension:
 * every connection opened after fts_register has them. */
#ifndef MIDAD_FTS_H
#define MIDAD_FTS_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/buf.h"
#include "text/stem.h"
#include "text/tokenize.h"

/* Register for every connection opened from now on (once per process; later
 * calls do nothing). Returns 0, or -1 when SQLite refuses. */
int fts_register(void);

/* Register on one open connection; SQLITE_OK or an SQLite error code. */
int fts_init_db(sqlite3 *db);

/* A text analysed for the index ahead of time, in any thread: the terms
 * the tokenizer would give it, packed. A bulk rebuild analyses in worker
 * threads and replays the terms in the thread that writes the index. */
typedef struct {
    const char *text;       /* the text analysed (not copied) */
    size_t len;
    buf terms;              /* malloc'd: buf_free it */
} fts_ready;

/* What one thread needs to analyse many texts: a stemmer and a memo of the
 * words it has analysed (news text is Zipfian: most words come again).
 * About 10 MB; NULL when it cannot be made. */
typedef struct fts_analyser fts_analyser;
fts_analyser *fts_analyser_new(void);
void fts_analyser_free(fts_analyser *an);

/* Analyse text[0..len) (valid UTF-8) as the tokenizer indexes it into r
 * (initialised here). Returns 0 (memory runs out by aborting, as buf
 * does). */
int fts_ready_analyse(fts_analyser *an, fts_ready *r, const char *text, size_t len);

/* Call fn for each stored term of r, in order, as analyse() in
 * ANALYSE_INDEX mode calls it for the same text; returns what analyse
 * would (0, or fn's first non-zero return). */
int fts_ready_terms(const fts_ready *r, term_fn fn, void *ctx);

/* From now until fts_replay(NULL, 0), on the calling thread only: when the
 * tokenizer indexes a text equal to one of ready[0..n), it gives that
 * text's stored terms instead of analysing it again. */
void fts_replay(const fts_ready *ready, size_t n);

#endif
