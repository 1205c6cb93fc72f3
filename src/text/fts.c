/* fts.c — the "midad" FTS5 tokenizer and midad_body_text(); see fts.h.
 *
 * The tokenizer runs text/tokenize's pipeline: documents are indexed with
 * stems, extra readings and surface forms; queries are stemmed with their
 * alternative readings as synonyms (FTS5_TOKEN_COLOCATED); prefix queries
 * look up surface forms. Offsets are byte offsets into the original text.
 * Each tokenizer instance has its own stemmer: an instance belongs to one
 * connection, and a connection to one thread. */
#include "text/fts.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/buf.h"
#include "text/mdtext.h"
#include "text/tokenize.h"

typedef struct {
    stemmer *st;
} tokenizer;

typedef struct {
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
} emit_ctx;

static int tok_create(void *unused, const char **args, int nargs, Fts5Tokenizer **out)
{
    tokenizer *t = calloc(1, sizeof *t);
    if (!t) return SQLITE_NOMEM;
    t->st = stemmer_new();
    if (!t->st) {
        free(t);
        return SQLITE_ERROR;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
    tokenizer *t = (tokenizer *)p;
    stemmer_free(t->st);
    free(t);
}

static int emit(void *p, int flags, const char *term, size_t len, size_t start, size_t end)
{
    emit_ctx *e = p;
    return e->token(e->ctx, (flags & TERM_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, term,
                    (int)len, (int)start, (int)end);
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
    tokenizer *t = (tokenizer *)p;
    analyse_mode mode = ANALYSE_INDEX;
    if (flags & FTS5_TOKENIZE_QUERY)
        mode = (flags & FTS5_TOKENIZE_PREFIX) ? ANALYSE_PREFIX : ANALYSE_QUERY;
    emit_ctx e = { ctx, token };
    return analyse(t->st, text ? text : "", len > 0 ? (size_t)len : 0, mode, emit, &e);
}

/* midad_body_text(markdown) → plain text; NULL for NULL. */
static void body_text(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    const char *src = (const char *)sqlite3_value_text(argv[0]);
    if (!src) {
        sqlite3_result_null(c);
        return;
    }
    buf b;
    buf_init(&b, NULL);
    if (mdtext_plain(&b, src, (size_t)sqlite3_value_bytes(argv[0]))) {
        buf_free(&b);
        sqlite3_result_error(c, "midad_body_text: cannot parse the Markdown", -1);
        return;
    }
    if (!b.data) sqlite3_result_text(c, "", 0, SQLITE_STATIC);
    else sqlite3_result_text(c, b.data, (int)b.len, free);
}

static fts5_api *get_fts5(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int fts_init_db(sqlite3 *db)
{
    fts5_api *api = get_fts5(db);
    if (!api) return SQLITE_ERROR;
    fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
    int rc = api->xCreateTokenizer(api, "midad", NULL, &tok, NULL);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_create_function_v2(db, "midad_body_text", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      NULL, body_text, NULL, NULL, NULL);
}

static int auto_init(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
    return fts_init_db(db);
}

static int register_rc = -1;
static pthread_once_t register_once = PTHREAD_ONCE_INIT;

static void do_register(void)
{
    register_rc = sqlite3_auto_extension((void (*)(void))auto_init) == SQLITE_OK ? 0 : -1;
}

int fts_register(void)
{
    pthread_once(&register_once, do_register);
    return register_rc;
}
