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

/* Register for every connection opened from now on (once per process; later
 * calls do nothing). Returns 0, or -1 when SQLite refuses. */
int fts_register(void);

/* Register on one open connection; SQLITE_OK or an SQLite error code. */
int fts_init_db(sqlite3 *db);

#endif
