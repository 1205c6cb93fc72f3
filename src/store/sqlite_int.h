/* sqlite_int.h — private to src/store/: the connection and its statements.
 *
 * Every statement is listed once here, prepared on first use and kept for
 * the life of the connection. SQL is never built from strings. */
#ifndef MIDAD_SQLITE_INT_H
#define MIDAD_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store.h"

#define ARTICLE_CARD_COLS                                                    \
    "a.id, a.slug, a.title, a.subtitle, a.lead, a.word_count, a.author,"    \
    " a.status, a.published_at, a.updated_at, a.created_at, a.source_name," \
    " a.source_url, a.canonical_url, a.comments_open,"                      \
    " s.id, s.slug, s.name, (SELECT count(*) FROM comments c"               \
    " WHERE c.article_id = a.id AND c.status = 'approved')"

#define STORE_STATEMENTS                                                     \
    X(STMT_PING, "SELECT 1")                                                 \
    X(STMT_GENERATION,                                                       \
      "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'generation'")  \
    X(STMT_GENERATION_BUMP,                                                  \
      "INSERT INTO settings(key, value) VALUES ('generation', '1')"          \
      " ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")  \
    X(STMT_ARTICLE_GET,                                                      \
      "SELECT " ARTICLE_CARD_COLS ", a.body_html FROM articles a"            \
      " LEFT JOIN sections s ON s.id = a.section_id"                         \
      " WHERE a.id = ?1 AND a.status = 'published'")                         \
    X(STMT_ARTICLE_TAGS,                                                     \
      "SELECT t.id, t.slug, t.name FROM article_tags at"                     \
      " JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?1"            \
      " ORDER BY t.name")                                                    \
    X(STMT_LIST,                                                             \
      "SELECT " ARTICLE_CARD_COLS " FROM articles a"                         \
      " LEFT JOIN sections s ON s.id = a.section_id"                         \
      " WHERE a.status = 'published' AND a.id <> ?4"                         \
      " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3")         \
    X(STMT_LIST_COUNT,                                                       \
      "SELECT count(*) FROM articles a WHERE a.status = 'published'"         \
      " AND a.id <> ?2")                                                     \
    /* a section's own statements, so that articles_by_section serves them */ \
    X(STMT_LIST_SECTION,                                                     \
      "SELECT " ARTICLE_CARD_COLS " FROM articles a"                         \
      " LEFT JOIN sections s ON s.id = a.section_id"                         \
      " WHERE a.section_id = ?1 AND a.status = 'published' AND a.id <> ?4"   \
      " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3")         \
    X(STMT_LIST_SECTION_COUNT,                                               \
      "SELECT count(*) FROM articles a WHERE a.section_id = ?1"              \
      " AND a.status = 'published' AND a.id <> ?2")                          \
    X(STMT_LIST_TAG,                                                         \
      "SELECT " ARTICLE_CARD_COLS " FROM article_tags at"                    \
      " JOIN articles a ON a.id = at.article_id"                             \
      " LEFT JOIN sections s ON s.id = a.section_id"                         \
      " WHERE at.tag_id = ?1 AND a.status = 'published' AND a.id <> ?4"      \
      " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3")         \
    X(STMT_LIST_TAG_COUNT,                                                   \
      "SELECT count(*) FROM article_tags at JOIN articles a"                 \
      " ON a.id = at.article_id WHERE at.tag_id = ?1"                        \
      " AND a.status = 'published' AND a.id <> ?2")                          \
    X(STMT_SECTIONS,                                                         \
      "SELECT s.id, s.slug, s.name, (SELECT count(*) FROM articles a"        \
      " WHERE a.section_id = s.id AND a.status = 'published')"               \
      " FROM sections s ORDER BY s.position, s.id")                          \
    X(STMT_SECTIONS_PLAIN,                                                   \
      "SELECT s.id, s.slug, s.name FROM sections s ORDER BY s.position, s.id") \
    X(STMT_SECTION_BY_SLUG,                                                  \
      "SELECT s.id, s.slug, s.name, (SELECT count(*) FROM articles a"        \
      " WHERE a.section_id = s.id AND a.status = 'published')"               \
      " FROM sections s WHERE s.slug = ?1")                                  \
    X(STMT_TAG_BY_SLUG,                                                      \
      "SELECT t.id, t.slug, t.name, (SELECT count(*) FROM article_tags at"   \
      " JOIN articles a ON a.id = at.article_id WHERE at.tag_id = t.id"      \
      " AND a.status = 'published') FROM tags t WHERE t.slug = ?1")          \
    X(STMT_SECTION_ENSURE,                                                   \
      "INSERT INTO sections(slug, name, position) VALUES (?1, ?2,"           \
      " (SELECT coalesce(max(position), 0) + 1 FROM sections))"              \
      " ON CONFLICT(slug) DO UPDATE SET name = excluded.name RETURNING id")  \
    X(STMT_TAG_ENSURE,                                                       \
      "INSERT INTO tags(slug, name) VALUES (?1, ?2) ON CONFLICT(slug)"       \
      " DO UPDATE SET name = excluded.name RETURNING id")                    \
    X(STMT_ARTICLE_BY_KEY, "SELECT id FROM articles WHERE import_key = ?1")  \
    X(STMT_ARTICLE_INSERT,                                                   \
      "INSERT INTO articles(slug, title, subtitle, lead, body_src,"          \
      " body_html, word_count, author, section_id, status, published_at,"    \
      " source_name, source_url, canonical_url, comments_open, import_key,"  \
      " updated_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"     \
      " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)")                   \
    X(STMT_ARTICLE_UPDATE,                                                   \
      "UPDATE articles SET slug = ?1, title = ?2, subtitle = ?3, lead = ?4," \
      " body_src = ?5, body_html = ?6, word_count = ?7, author = ?8,"        \
      " section_id = ?9, status = ?10, published_at = ?11,"                  \
      " source_name = ?12, source_url = ?13, canonical_url = ?14,"           \
      " comments_open = ?15, import_key = ?16, updated_at = ?17"             \
      " WHERE id = ?18")                                                     \
    X(STMT_ARTICLE_TAGS_CLEAR, "DELETE FROM article_tags WHERE article_id = ?1") \
    X(STMT_ARTICLE_TAG_ADD,                                                  \
      "INSERT OR IGNORE INTO article_tags(article_id, tag_id) VALUES (?1, ?2)") \
    X(STMT_SETTING_GET, "SELECT value FROM settings WHERE key = ?1")         \
    X(STMT_SETTING_SET,                                                      \
      "INSERT INTO settings(key, value) VALUES (?1, ?2)"                     \
      " ON CONFLICT(key) DO UPDATE SET value = excluded.value")

typedef enum {
#define X(name, sql) name,
    STORE_STATEMENTS
#undef X
    STMT_COUNT
} stmt_id;

#define STORE_MODULE_STMTS 128

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmts[STMT_COUNT];
    /* statements of other store modules, keyed by the address of their SQL */
    const char *module_sql[STORE_MODULE_STMTS];
    sqlite3_stmt *module_stmts[STORE_MODULE_STMTS];
};

/* Whether comment `id` exists and readers see it (comments.c): -1 on
 * error, else one of these. */
enum { COMMENT_NONE = 0, COMMENT_HIDDEN = 1, COMMENT_PUBLIC = 2 };
int comment_visibility(store *s, long long id);

/* Bind text (NULL as "") at parameter i (write.c). */
void store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* Bind an article's fields to parameters 1-15 in the order of the article
 * INSERT and UPDATE statements (write.c; the editor's use the same order):
 * slug, title, subtitle, lead, body_src, body_html, word_count, author,
 * section (NULL for none), status ("draft" when unset), published_at (NULL
 * when 0), source_name, source_url, canonical_url, comments_open. */
void store_bind_article(sqlite3_stmt *st, const store_article_in *in, long long section_id);

/* The prepared statement `id`, reset and unbound; NULL on error. */
sqlite3_stmt *store_stmt(store *s, stmt_id id);

/* The same for a module's own statement: `sql` must be a static string
 * (its address is the key), e.g. `static const char SQL_X[] = "…";`, so a
 * module such as store/comments.c keeps its SQL next to its code. */
sqlite3_stmt *store_stmt_sql(store *s, const char *sql);

/* Read an article card from the columns ARTICLE_CARD_COLS, starting at
 * column 0 of st's current row, into ar (strings copied into a). */
void read_article_card(arena *a, sqlite3_stmt *st, store_article *ar);

#endif
