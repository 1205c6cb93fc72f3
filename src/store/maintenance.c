/* maintenance.c — the operator's side of store.h: online backup, WAL
 * checkpoint, and the lock check made before serving. */
#include <stdio.h>
#include <unistd.h>

#include "store/sqlite_int.h"

int store_backup(store *s, const char *path, char *err, size_t errlen)
{
    if (access(path, F_OK) == 0) {
        snprintf(err, errlen, "%s exists: give a new file name", path);
        return -1;
    }
    sqlite3 *dst;
    if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot create %s: %s", path, sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return -1;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
    int rc = SQLITE_OK;
    if (b) {
        /* a few hundred pages at a time, so writers are never held up for long */
        do {
            rc = sqlite3_backup_step(b, 256);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    int ok = b && rc == SQLITE_DONE && sqlite3_errcode(dst) == SQLITE_OK;
    if (!ok) snprintf(err, errlen, "backup to %s failed: %s", path, sqlite3_errmsg(dst));
    sqlite3_close(dst);
    if (!ok) unlink(path);
    return ok ? 0 : -1;
}

int store_checkpoint(store *s)
{
    return sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) ==
                   SQLITE_OK ? 0 : -1;
}

int store_check_lock(store *s, char *err, size_t errlen)
{
    if (sqlite3_db_readonly(s->db, "main") == 1) return 1;
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return 0;
    }
    if (rc == SQLITE_READONLY) return 1;
    snprintf(err, errlen, "cannot lock the database for writing: %s", sqlite3_errmsg(s->db));
    return -1;
}
