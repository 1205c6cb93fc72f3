/* fuzz_query.c — libFuzzer target for the query language (text/query): no
 * input makes FTS5 fail. Each query built is run against a real FTS5
 * table with our tokenizer; an error aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "text/fts.h"
#include "text/query.h"

static sqlite3 *db;
static sqlite3_stmt *st;

static void check(int cond, const char *what, const char *detail)
{
    if (!cond) {
        fprintf(stderr, "fuzz_query: %s: %s\n", what, detail ? detail : "");
        abort();
    }
}

static void open_db(void)
{
    check(sqlite3_open(":memory:", &db) == SQLITE_OK && fts_init_db(db) == SQLITE_OK,
          "open", NULL);
    check(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='midad');"
                           "INSERT INTO t VALUES ('الأزمة في سوريا 2026', 'نص عن لبنان');",
                       NULL, NULL, NULL) == SQLITE_OK, "create", sqlite3_errmsg(db));
    check(sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL) ==
              SQLITE_OK, "prepare", sqlite3_errmsg(db));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db) open_db();
    arena *a = arena_new(0);
    query q;
    query_parse(a, (const char *)data, size, &q);
    check(q.n <= QUERY_MAX_TERMS, "too many terms", NULL);
    check(!q.match == !q.n_positive, "match without a positive term", q.match);
    if (q.match) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, q.match, -1, SQLITE_TRANSIENT);
        check(sqlite3_step(st) == SQLITE_ROW, q.match, sqlite3_errmsg(db));
    }
    arena_free(a);
    return 0;
}
