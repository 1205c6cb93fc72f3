/* users.c — the accounts side of store.h: users, sessions, the audit log. */
#include <string.h>
#include <time.h>

#include "store/sqlite_int.h"

#define USER_COLS "id, login, display_name, pw_hash, role, disabled, created_at"

static const char SQL_USER_ADD[] =
    "INSERT INTO users(login, display_name, pw_hash, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_USER_BY_LOGIN[] = "SELECT " USER_COLS " FROM users WHERE login = ?1";
static const char SQL_USER_BY_ID[] = "SELECT " USER_COLS " FROM users WHERE id = ?1";
static const char SQL_USERS[] = "SELECT " USER_COLS " FROM users ORDER BY login";
static const char SQL_USER_HASH[] = "UPDATE users SET pw_hash = ?2 WHERE id = ?1";
static const char SQL_USER_DISABLED[] = "UPDATE users SET disabled = ?2 WHERE id = ?1";
static const char SQL_USER_SESSIONS_END[] = "DELETE FROM sessions WHERE user_id = ?1";
static const char SQL_ADMINS[] = "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0";
static const char SQL_SESSION_ADD[] =
    "INSERT INTO sessions(token_hash, user_id, csrf, created_at, seen_at) VALUES (?1, ?2, ?3, ?4, ?4)";
static const char SQL_SESSION_GET[] =
    "SELECT user_id, csrf, created_at, seen_at FROM sessions WHERE token_hash = ?1";
static const char SQL_SESSION_TOUCH[] = "UPDATE sessions SET seen_at = ?2 WHERE token_hash = ?1";
static const char SQL_SESSION_DELETE[] = "DELETE FROM sessions WHERE token_hash = ?1";
static const char SQL_SESSIONS_EXPIRE[] =
    "DELETE FROM sessions WHERE seen_at < ?1 OR created_at < ?2";
static const char SQL_AUDIT[] =
    "INSERT INTO audit(at, user_id, action, object, object_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static const char *text_at(arena *a, sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return arena_strndup(a, t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, col));
}

static void read_user(arena *a, sqlite3_stmt *st, store_user *u)
{
    u->id = sqlite3_column_int64(st, 0);
    u->login = text_at(a, st, 1);
    u->display_name = text_at(a, st, 2);
    u->pw_hash = text_at(a, st, 3);
    u->role = text_at(a, st, 4);
    u->disabled = sqlite3_column_int(st, 5) != 0;
    u->created_at = sqlite3_column_int64(st, 6);
}

/* Run a statement that returns nothing; 0 or -1. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}

int store_user_add(store *s, const char *login, const char *display_name,
                   const char *pw_hash, const char *role, long long *id)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_USER_ADD);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, display_name ? display_name : login, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, pw_hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, role, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (long long)time(NULL));
    if (run(st)) return -1;
    if (id) *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

static int user_one(store *s, arena *a, const char *sql, const char *login, long long id,
                    store_user *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, sql);
    if (!st) return -1;
    if (login) sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
    else sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) read_user(a, st, out);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}

int store_user_by_login(store *s, arena *a, const char *login, store_user *out)
{
    return user_one(s, a, SQL_USER_BY_LOGIN, login, 0, out);
}

int store_user_by_id(store *s, arena *a, long long id, store_user *out)
{
    return user_one(s, a, SQL_USER_BY_ID, NULL, id, out);
}

int store_users_list(store *s, arena *a, store_user **out, size_t *n)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_USERS);
    if (!st) return -1;
    size_t cap = 16;
    *out = arena_alloc(a, cap * sizeof **out);
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            store_user *bigger = arena_alloc(a, 2 * cap * sizeof **out);
            memcpy(bigger, *out, cap * sizeof **out);
            *out = bigger;
            cap *= 2;
        }
        read_user(a, st, &(*out)[(*n)++]);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int end_sessions(store *s, long long user_id)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_USER_SESSIONS_END);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, user_id);
    return run(st);
}

int store_user_set_hash(store *s, long long id, const char *pw_hash, bool logout)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_USER_HASH);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, pw_hash, -1, SQLITE_STATIC);
    if (run(st)) return -1;
    if (sqlite3_changes(s->db) == 0) return STORE_NOT_FOUND;
    return logout ? end_sessions(s, id) : 0;
}

int store_user_set_disabled(store *s, long long id, bool disabled)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_USER_DISABLED);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, disabled);
    if (run(st)) return -1;
    if (sqlite3_changes(s->db) == 0) return STORE_NOT_FOUND;
    return disabled ? end_sessions(s, id) : 0;
}

long long store_admin_count(store *s)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_ADMINS);
    if (!st) return -1;
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}

int store_session_add(store *s, const char *token_hash, long long user_id,
                      const char *csrf, long long now)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SESSION_ADD);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, user_id);
    sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now);
    return run(st);
}

int store_session_get(store *s, arena *a, const char *token_hash, store_session *out)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SESSION_GET);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->user_id = sqlite3_column_int64(st, 0);
        out->csrf = text_at(a, st, 1);
        out->created_at = sqlite3_column_int64(st, 2);
        out->seen_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? STORE_NOT_FOUND : -1;
}

int store_session_touch(store *s, const char *token_hash, long long now)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SESSION_TOUCH);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    return run(st);
}

int store_session_delete(store *s, const char *token_hash)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SESSION_DELETE);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, token_hash, -1, SQLITE_STATIC);
    return run(st);
}

int store_sessions_expire(store *s, long long idle_before, long long created_before)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_SESSIONS_EXPIRE);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, idle_before);
    sqlite3_bind_int64(st, 2, created_before);
    return run(st);
}

int store_audit(store *s, long long user_id, const char *action, const char *object,
                long long object_id, const char *detail)
{
    sqlite3_stmt *st = store_stmt_sql(s, SQL_AUDIT);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, (long long)time(NULL));
    if (user_id > 0) sqlite3_bind_int64(st, 2, user_id);
    else sqlite3_bind_null(st, 2);
    sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, object ? object : "", -1, SQLITE_STATIC);
    if (object_id > 0) sqlite3_bind_int64(st, 5, object_id);
    else sqlite3_bind_null(st, 5);
    sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_STATIC);
    return run(st);
}
