/* schema.c — the database schema as numbered migrations.
 *
 * Migration N brings a database from user_version N-1 to N. Never edit a
 * migration that has shipped: add a new one at the end. */
#include "store/schema.h"

#include <stddef.h>

static const char *const migrations[] = {
    /* 1: the reading site */
    "CREATE TABLE sections ("
    "  id INTEGER PRIMARY KEY,"
    "  slug TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  position INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE tags ("
    "  id INTEGER PRIMARY KEY,"
    "  slug TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL);"
    "CREATE TABLE articles ("
    "  id INTEGER PRIMARY KEY,"
    "  slug TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  subtitle TEXT NOT NULL DEFAULT '',"
    "  lead TEXT NOT NULL DEFAULT '',"
    "  body_src TEXT NOT NULL DEFAULT '',"
    "  body_format TEXT NOT NULL DEFAULT 'markdown',"
    "  body_html TEXT NOT NULL DEFAULT '',"
    "  word_count INTEGER NOT NULL DEFAULT 0,"
    "  author TEXT NOT NULL DEFAULT '',"
    "  section_id INTEGER REFERENCES sections(id),"
    "  status TEXT NOT NULL DEFAULT 'draft'"
    "    CHECK (status IN ('draft','review','scheduled','published','trash')),"
    "  published_at INTEGER,"
    "  updated_at INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  source_name TEXT NOT NULL DEFAULT '',"
    "  source_url TEXT NOT NULL DEFAULT '',"
    "  canonical_url TEXT NOT NULL DEFAULT '',"
    "  comments_open INTEGER NOT NULL DEFAULT 1,"
    "  import_key TEXT UNIQUE);"
    "CREATE INDEX articles_latest ON articles(status, published_at DESC);"
    "CREATE INDEX articles_by_section ON articles(section_id, status, published_at DESC);"
    "CREATE TABLE article_tags ("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  tag_id INTEGER NOT NULL REFERENCES tags(id),"
    "  PRIMARY KEY (article_id, tag_id)) WITHOUT ROWID;"
    "CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);"
    "CREATE TABLE settings ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL);",
    /* 2: comments */
    "CREATE TABLE comments ("
    "  id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,"
    "  depth INTEGER NOT NULL DEFAULT 0,"
    "  name TEXT NOT NULL,"
    "  email TEXT NOT NULL,"
    "  website TEXT NOT NULL DEFAULT '',"
    "  body TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (status IN ('pending','approved','spam','trash')),"
    "  created_at INTEGER NOT NULL,"
    "  ip_hash TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX comments_by_article ON comments(article_id, status, created_at);"
    "CREATE INDEX comments_by_status ON comments(status, created_at);"
    "CREATE INDEX comments_by_email ON comments(email, status);"
    "CREATE TABLE comment_refusals ("
    "  reason TEXT PRIMARY KEY,"
    "  count INTEGER NOT NULL DEFAULT 0);",
    /* 3: the search index (issue 4) goes here; the next migration after it */
};

int schema_latest(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *schema_migration(int version)
{
    if (version < 1 || version > schema_latest()) return NULL;
    return migrations[version - 1];
}
