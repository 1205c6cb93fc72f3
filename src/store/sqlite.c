/* sqlite.c — the SQLite backend of store.h: connections, migrations,
 * prepared statements. Reading queries live in read.c, writes in write.c. */
#include "store/sqlite_int.h"

#include <errno.h>
#include <pthread.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/schema.h"
#include "text/fts.h"

static const char *const stmt_sql[STMT_COUNT] = {
#define X(name, sql) [name] = sql,
    STORE_STATEMENTS
#undef X
};

sqlite3_stmt *store_stmt(store *s, stmt_id id)
{
    sqlite3_stmt *st = s->stmts[id];
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return st;
    }
    if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                           &st, NULL) != SQLITE_OK)
        return NULL;
    s->stmts[id] = st;
    return st;
}

sqlite3_stmt *store_stmt_sql(store *s, const char *sql)
{
    size_t i = 0;
    for (; i < STORE_MODULE_STMTS && s->module_sql[i]; i++) {
        if (s->module_sql[i] == sql) {
            sqlite3_reset(s->module_stmts[i]);
            sqlite3_clear_bindings(s->module_stmts[i]);
            return s->module_stmts[i];
        }
    }
    sqlite3_stmt *st;
    if (i == STORE_MODULE_STMTS ||
        sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    s->module_sql[i] = sql;
    s->module_stmts[i] = st;
    return st;
}

const char *store_errmsg(store *s)
{
    return s ? sqlite3_errmsg(s->db) : "no database";
}

static int exec(store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_schema_version(store *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int store_schema_latest(void)
{
    return schema_latest();
}

/* Apply each missing migration in its own transaction. */
static int store_migrate(store *s, char *err, size_t errlen)
{
    int v = store_schema_version(s);
    if (v < 0) {
        snprintf(err, errlen, "cannot read schema version: %s", store_errmsg(s));
        return -1;
    }
    if (v > schema_latest()) {
        snprintf(err, errlen, "database schema %d is newer than this midad (%d)",
                 v, schema_latest());
        return -1;
    }
    for (int next = v + 1; next <= schema_latest(); next++) {
        char setv[64];
        snprintf(setv, sizeof setv, "PRAGMA user_version = %d", next);
        if (exec(s, "BEGIN IMMEDIATE") || exec(s, schema_migration(next)) ||
            exec(s, setv) || exec(s, "COMMIT")) {
            snprintf(err, errlen, "migration %d failed: %s", next, store_errmsg(s));
            exec(s, "ROLLBACK");
            return -1;
        }
    }
    return 0;
}

/* Is the database on a file system mounted read-only (or a file nobody
 * may write)? Then SQLite cannot make the WAL's -shm file, and the file
 * must be opened as immutable to be read at all. */
static bool on_read_only_media(const char *path)
{
    struct statvfs fs;
    if (statvfs(path, &fs) == 0 && (fs.f_flag & ST_RDONLY)) return true;
    return access(path, W_OK) != 0 && errno == EROFS;
}

/* Open `path` for reading only, as immutable (no locks, no WAL files):
 * right for read-only media, where nothing can write it. */
static store *open_immutable(store *s, const char *path, char *err, size_t errlen)
{
    char *uri = sqlite3_mprintf("file:%s?immutable=1", path);
    int rc = uri ? sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                   SQLITE_OPEN_NOMUTEX, NULL) : SQLITE_NOMEM;
    sqlite3_free(uri);
    if (rc != SQLITE_OK || store_schema_version(s) != schema_latest()) {
        snprintf(err, errlen, "cannot read %s on read-only media: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return NULL;
    }
    return s;
}

store *store_open(const char *path, bool migrate, char *err, size_t errlen)
{
    if (fts_register()) {   /* the search tokenizer, on every connection */
        snprintf(err, errlen, "cannot register the search tokenizer with SQLite");
        return NULL;
    }
    store *s = calloc(1, sizeof *s);
    if (!s) abort();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                (migrate ? SQLITE_OPEN_CREATE : 0);
    if (!migrate && on_read_only_media(path)) return open_immutable(s, path, err, errlen);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if (exec(s, "PRAGMA journal_mode=WAL") || exec(s, "PRAGMA synchronous=NORMAL") ||
        exec(s, "PRAGMA foreign_keys=ON")) {
        /* a read-only file cannot switch to WAL; reading still works */
        if (migrate) {
            snprintf(err, errlen, "cannot set up %s: %s", path, store_errmsg(s));
            store_close(s);
            return NULL;
        }
    }
    if (migrate && store_migrate(s, err, errlen)) {
        store_close(s);
        return NULL;
    }
    if (!migrate && store_schema_version(s) != schema_latest()) {
        snprintf(err, errlen, "%s is at schema %d, this midad needs %d: run `midad init`",
                 path, store_schema_version(s), schema_latest());
        store_close(s);
        return NULL;
    }
    return s;
}

void store_close(store *s)
{
    if (!s) return;
    for (int i = 0; i < STMT_COUNT; i++) sqlite3_finalize(s->stmts[i]);
    for (int i = 0; i < STORE_MODULE_STMTS; i++) sqlite3_finalize(s->module_stmts[i]);
    sqlite3_close(s->db);
    free(s);
}

/* --- one connection per thread ------------------------------------------ */

static const char *thread_db_path;
static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;
static _Thread_local store *thread_store;

static void thread_store_close(void *p)
{
    store_close(p);
}

static void thread_key_make(void)
{
    pthread_key_create(&thread_key, thread_store_close);
}

void store_set_path(const char *path)
{
    thread_db_path = path;
}

store *store_for_thread(void)
{
    if (thread_store) return thread_store;
    if (!thread_db_path) return NULL;
    char err[256];
    pthread_once(&thread_key_once, thread_key_make);
    thread_store = store_open(thread_db_path, false, err, sizeof err);
    if (thread_store) pthread_setspecific(thread_key, thread_store);
    return thread_store;
}

/* --- small things --------------------------------------------------------- */

int store_ping(store *s)
{
    sqlite3_stmt *st = store_stmt(s, STMT_PING);
    if (!st) return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}

long long store_generation(store *s)
{
    sqlite3_stmt *st = store_stmt(s, STMT_GENERATION);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    long long v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return v;
}

int store_generation_bump(store *s)
{
    sqlite3_stmt *st = store_stmt(s, STMT_GENERATION_BUMP);
    if (!st) return -1;
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}

int store_transaction(store *s, int (*fn)(store *s, void *ctx), void *ctx)
{
    if (exec(s, "BEGIN IMMEDIATE")) return -1;
    if (fn(s, ctx)) {
        exec(s, "ROLLBACK");
        return -1;
    }
    if (exec(s, "COMMIT")) {
        exec(s, "ROLLBACK");
        return -1;
    }
    return 0;
}
