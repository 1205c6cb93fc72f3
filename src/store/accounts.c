/* accounts.c — what the back office's users page needs beyond
 * store/users.c: role changes and disabling, each refused when it would
 * leave the site without an enabled admin (checked in the same statement
 * that writes, so two admins demoting each other at once cannot both win). */
#include "store/sqlite_int.h"

/* The row changes unless the user is the last enabled admin and the
 * change takes that away (?2: the new role, or NULL when disabling). */
#define NOT_LAST_ADMIN                                                        \
    " AND NOT (role = 'admin' AND disabled = 0"                               \
    " AND (?2 IS NULL OR ?2 <> 'admin')"                                      \
    " AND (SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0) <= 1)"

static const char SQL_SET_ROLE[] = "UPDATE users SET role = ?2 WHERE id = ?1" NOT_LAST_ADMIN;
static const char SQL_DISABLE[] =
    "UPDATE users SET disabled = 1 WHERE id = ?1" NOT_LAST_ADMIN;
static const char SQL_EXISTS[] = "SELECT 1 FROM users WHERE id = ?1";
static const char SQL_END_SESSIONS[] = "DELETE FROM sessions WHERE user_id = ?1";

/* After an update that changed nothing: unknown user, or the last admin. */
static int why_unchanged(store *s, long long id)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_EXISTS);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? STORE_LAST_ADMIN : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}

int store_user_set_role(store *s, long long id, const char *role)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SET_ROLE);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    return sqlite3_changes(s->db) ? 0 : why_unchanged(s, id);
}

typedef struct {
    long long id;
    int result;
} disable_ctx;

static int disable_tx(store *s, void *p)
{
    disable_ctx *x = p;
    sqlite3_stmt *st = store_stmt_sql(s, SQL_DISABLE);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, x->id);
    sqlite3_bind_null(st, 2);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return -1;
    if (!sqlite3_changes(s->db)) {
        x->result = why_unchanged(s, x->id);
        return x->result < 0 ? -1 : 0;
    }
    if (!(st = store_stmt_sql(s, SQL_END_SESSIONS))) return -1;
    sqlite3_bind_int64(st, 1, x->id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_user_disable(store *s, long long id)
{
    disable_ctx x = { id, 0 };
    if (store_transaction(s, disable_tx, &x)) return -1;
    return x.result;
}
