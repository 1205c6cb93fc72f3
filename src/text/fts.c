/* fts.c — the "midad" FTS5 tokenizer and midad_body_text(); see fts.h.
 *
 * The tokenizer runs text/tokenize's pipeline: documents are indexed with
 * stems, extra readings and surface forms; queries are stemmed with their
 * alternative readings as synonyms (FTS5_TOKEN_COLOCATED); prefix queries
 * look up surface forms. Offsets are byte offsets into the original text.
 * Each tokenizer instance has its own stemmer: an instance belongs to one
 * connection, and a connection to one thread. */
#include "text/fts.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* --- terms analysed ahead of time ---------------------------------------- */

/* A packed term: this header, then len bytes of term. */
typedef struct {
    uint32_t start, end;
    uint16_t len;
    uint8_t flags;
} packed_term;

static _Thread_local const fts_ready *replay_texts;
static _Thread_local size_t replay_n;

static int pack_term(void *p, int flags, const char *term, size_t len, size_t s, size_t e)
{
    buf *b = p;
    packed_term h = { (uint32_t)s, (uint32_t)e, (uint16_t)len, (uint8_t)flags };
    buf_append(b, &h, sizeof h);
    buf_append(b, term, len);
    return 0;
}

/* The memo: direct-mapped (a collision replaces), keyed by a word's bytes
 * as written; it holds the word's terms as (flags, length, bytes), since
 * every term of a word has the word's offsets. */
#define MEMO_SLOTS 65536
#define MEMO_KEY 48
#define MEMO_TERMS 110

typedef struct {
    uint8_t klen, tlen;         /* klen 0: empty */
    char key[MEMO_KEY];
    char terms[MEMO_TERMS];
} memo_slot;

struct fts_analyser {
    stemmer *st;
    memo_slot *memo;
};

fts_analyser *fts_analyser_new(void)
{
    fts_analyser *an = calloc(1, sizeof *an);
    if (!an) return NULL;
    an->st = stemmer_new();
    an->memo = calloc(MEMO_SLOTS, sizeof *an->memo);
    if (!an->st || !an->memo) {
        fts_analyser_free(an);
        return NULL;
    }
    return an;
}

void fts_analyser_free(fts_analyser *an)
{
    if (!an) return;
    stemmer_free(an->st);
    free(an->memo);
    free(an);
}

static memo_slot *memo_slot_of(fts_analyser *an, const char *word, size_t len)
{
    if (len > MEMO_KEY) return NULL;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)word[i]) * 16777619u;
    return &an->memo[h & (MEMO_SLOTS - 1)];
}

/* Keep the terms packed in p[0..n) (pack_term's form) in slot m. */
static void memo_keep(memo_slot *m, const char *word, size_t len, const char *p, size_t n)
{
    m->klen = 0;
    size_t t = 0;
    for (const char *end = p + n; p < end;) {
        packed_term h;
        memcpy(&h, p, sizeof h);
        p += sizeof h;
        if (t + 2 + h.len > MEMO_TERMS) return;
        m->terms[t++] = (char)h.flags;
        m->terms[t++] = (char)h.len;
        memcpy(m->terms + t, p, h.len);
        t += h.len;
        p += h.len;
    }
    memcpy(m->key, word, len);
    m->klen = (uint8_t)len;
    m->tlen = (uint8_t)t;
}

static void memo_give(const memo_slot *m, const token_word *w, buf *out)
{
    for (size_t t = 0; t < m->tlen;) {
        int flags = (unsigned char)m->terms[t];
        size_t len = (unsigned char)m->terms[t + 1];
        pack_term(out, flags, m->terms + t + 2, len, w->start, w->end);
        t += 2 + len;
    }
}

int fts_ready_analyse(fts_analyser *an, fts_ready *r, const char *text, size_t len)
{
    r->text = text;
    r->len = len;
    buf_init(&r->terms, NULL);
    size_t pos = 0;
    token_word w;
    char key[ARABIC_KEY_MAX + 1];
    while (tokenize_next(text, len, &pos, &w)) {
        const char *word = text + w.start;
        size_t wl = w.end - w.start, at = r->terms.len;
        memo_slot *m = memo_slot_of(an, word, wl);
        if (m && m->klen == wl && memcmp(m->key, word, wl) == 0) {
            memo_give(m, &w, &r->terms);
            continue;
        }
        size_t n = analyse_word_key(text, &w, key, false);    /* as analyse() does */
        if (n) analyse_word(an->st, key, n, &w, ANALYSE_INDEX, pack_term, &r->terms);
        if (m)
            memo_keep(m, word, wl, r->terms.len > at ? r->terms.data + at : "",
                      r->terms.len - at);
    }
    return 0;
}

void fts_replay(const fts_ready *ready, size_t n)
{
    replay_texts = ready;
    replay_n = ready ? n : 0;
}

/* The stored terms of text[0..len) on this thread, or NULL. */
static const fts_ready *replay_find(const char *text, size_t len)
{
    for (size_t i = 0; i < replay_n; i++)
        if (replay_texts[i].len == len && memcmp(replay_texts[i].text, text, len) == 0)
            return &replay_texts[i];
    return NULL;
}

int fts_ready_terms(const fts_ready *r, term_fn fn, void *ctx)
{
    if (!r->terms.len) return 0;
    const char *p = r->terms.data, *end = p + r->terms.len;
    while (p < end) {
        packed_term h;
        memcpy(&h, p, sizeof h);
        p += sizeof h;
        int rc = fn(ctx, h.flags, p, h.len, h.start, h.end);
        if (rc) return rc;
        p += h.len;
    }
    return 0;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
    tokenizer *t = (tokenizer *)p;
    analyse_mode mode = ANALYSE_INDEX;
    if (flags & FTS5_TOKENIZE_QUERY)
        mode = (flags & FTS5_TOKENIZE_PREFIX) ? ANALYSE_PREFIX : ANALYSE_QUERY;
    emit_ctx e = { ctx, token };
    size_t n = text && len > 0 ? (size_t)len : 0;
    const fts_ready *r = mode == ANALYSE_INDEX && replay_n ? replay_find(text, n) : NULL;
    if (r) return fts_ready_terms(r, emit, &e);
    return analyse(t->st, text ? text : "", n, mode, emit, &e);
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

/* --- midad_rank -------------------------------------------------------------- */

#define RANK_MAX 64     /* columns and phrases looked at */

typedef struct {
    int ncol, nphrase;
    double weight[RANK_MAX], idf[RANK_MAX], avgdl;
} rank_info;

/* Parse "w0 w1 …|df0 df1 …" and the table's statistics, once per query. */
static rank_info *rank_setup(const Fts5ExtensionApi *api, Fts5Context *fc, const char *arg)
{
    rank_info *ri = calloc(1, sizeof *ri);
    if (!ri) return NULL;
    sqlite3_int64 rows = 0, tokens = 0;
    api->xRowCount(fc, &rows);
    api->xColumnTotalSize(fc, -1, &tokens);
    ri->avgdl = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
    ri->ncol = api->xColumnCount(fc);
    ri->nphrase = api->xPhraseCount(fc);
    if (ri->ncol > RANK_MAX) ri->ncol = RANK_MAX;
    if (ri->nphrase > RANK_MAX) ri->nphrase = RANK_MAX;
    const char *p = arg ? arg : "";
    char *end;
    for (int i = 0; i < ri->ncol; i++, p = end) {
        ri->weight[i] = strtod(p, &end);
        if (end == p) ri->weight[i] = 1.0;
    }
    p = arg && strchr(arg, '|') ? strchr(arg, '|') + 1 : "";
    for (int i = 0; i < ri->nphrase; i++, p = end) {
        double df = strtod(p, &end);
        if (end == p || df < 0) df = (double)rows / 2;  /* unknown: a common term */
        double idf = log(((double)rows - df + 0.5) / (df + 0.5));
        ri->idf[i] = idf > 1e-6 ? idf : 1e-6;
    }
    return ri;
}

/* The row's length against the average: from the caller's size and
 * average size when given (no lookup), else from FTS5's column sizes. */
static int rank_length(const Fts5ExtensionApi *api, Fts5Context *fc, const rank_info *ri,
                       int argc, sqlite3_value **argv, double *rel)
{
    if (argc >= 3) {
        double size = sqlite3_value_double(argv[1]), avg = sqlite3_value_double(argv[2]);
        if (size > 0 && avg > 0) {
            *rel = size / avg;
            return SQLITE_OK;
        }
    }
    int len = 0, rc = api->xColumnSize(fc, -1, &len);
    *rel = (double)len / ri->avgdl;
    return rc;
}

/* midad_rank(search, 'weights|document frequencies' [, size, average
 * size]): BM25 (k1 = 1.2, b = 0.75) like FTS5's bm25(), with column
 * weights, but each phrase's document frequency is given by the caller
 * (counted or estimated) instead of counted by scanning every match first,
 * and the row's length may be given too (FTS5 looks it up per row): so a
 * search can rank some of the matches of a very common word cheaply.
 * Higher is better. */
static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *c,
                    int argc, sqlite3_value **argv)
{
    rank_info *ri = api->xGetAuxdata(fc, 0);
    if (!ri) {
        ri = rank_setup(api, fc, argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : NULL);
        if (!ri || api->xSetAuxdata(fc, ri, free) != SQLITE_OK) {
            sqlite3_result_error_nomem(c);
            return;
        }
    }
    double rel;
    if (rank_length(api, fc, ri, argc, argv, &rel) != SQLITE_OK) {
        sqlite3_result_error(c, "midad_rank: cannot read the row", -1);
        return;
    }
    double score = 0, norm = 1.2 * (0.25 + 0.75 * rel);
    for (int i = 0; i < ri->nphrase; i++) {
        /* each phrase's hits in turn: cheaper than xInst, which sorts them all */
        Fts5PhraseIter it;
        int col, off;
        double freq = 0;
        if (api->xPhraseFirst(fc, i, &it, &col, &off) != SQLITE_OK) continue;
        for (; col >= 0; api->xPhraseNext(fc, &it, &col, &off))
            freq += col < ri->ncol ? ri->weight[col] : 1.0;
        score += ri->idf[i] * freq * 2.2 / (freq + norm);
    }
    sqlite3_result_double(c, score);
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
    if (rc == SQLITE_OK) rc = api->xCreateFunction(api, "midad_rank", NULL, rank_fn, NULL);
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
