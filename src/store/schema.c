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
    /* 3: the search index (issue 4): FTS5 with the "midad" tokenizer over
     * the published articles (text/fts.c registers it and midad_body_text
     * on every connection); search_docs holds what filtering and ranking
     * need per hit (size: characters of title, subtitle, lead and body
     * source, for BM25's length normalisation), so a search never reads
     * the large article rows. */
    "CREATE VIEW search_source AS SELECT id, title, subtitle, lead,"
    "  midad_body_text(body_src) AS body FROM articles WHERE status = 'published';"
    "CREATE VIRTUAL TABLE search USING fts5(title, subtitle, lead, body,"
    "  content='search_source', content_rowid='id', tokenize='midad', detail=full);"
    "CREATE TABLE search_docs ("
    "  id INTEGER PRIMARY KEY,"
    "  section_id INTEGER,"
    "  published_at INTEGER NOT NULL,"
    "  size INTEGER NOT NULL DEFAULT 0);"
    "CREATE TRIGGER search_ai AFTER INSERT ON articles WHEN new.status = 'published' BEGIN"
    "  INSERT INTO search(rowid, title, subtitle, lead, body) VALUES (new.id, new.title,"
    "    new.subtitle, new.lead, midad_body_text(new.body_src));"
    "  INSERT INTO search_docs VALUES (new.id, new.section_id, coalesce(new.published_at, 0),"
    "    length(new.title) + length(new.subtitle) + length(new.lead) + length(new.body_src));"
    "END;"
    "CREATE TRIGGER search_ad AFTER DELETE ON articles WHEN old.status = 'published' BEGIN"
    "  INSERT INTO search(search, rowid, title, subtitle, lead, body) VALUES ('delete',"
    "    old.id, old.title, old.subtitle, old.lead, midad_body_text(old.body_src));"
    "  DELETE FROM search_docs WHERE id = old.id;"
    "END;"
    "CREATE TRIGGER search_au AFTER UPDATE OF title, subtitle, lead, body_src, status"
    "  ON articles BEGIN"
    "  INSERT INTO search(search, rowid, title, subtitle, lead, body) SELECT 'delete',"
    "    old.id, old.title, old.subtitle, old.lead, midad_body_text(old.body_src)"
    "    WHERE old.status = 'published';"
    "  INSERT INTO search(rowid, title, subtitle, lead, body) SELECT new.id, new.title,"
    "    new.subtitle, new.lead, midad_body_text(new.body_src)"
    "    WHERE new.status = 'published';"
    "END;"
    "CREATE TRIGGER search_docs_au AFTER UPDATE OF status, section_id, published_at,"
    "  title, subtitle, lead, body_src"
    "  ON articles BEGIN"
    "  DELETE FROM search_docs WHERE id = old.id;"
    "  INSERT INTO search_docs SELECT new.id, new.section_id, coalesce(new.published_at, 0),"
    "    length(new.title) + length(new.subtitle) + length(new.lead) + length(new.body_src)"
    "    WHERE new.status = 'published';"
    "END;"
    "INSERT INTO search(search) VALUES ('rebuild');"
    "INSERT INTO search_docs SELECT id, section_id, coalesce(published_at, 0),"
    "  length(title) + length(subtitle) + length(lead) + length(body_src)"
    "  FROM articles WHERE status = 'published';",
    /* 4: the back office: users, sessions, the audit log, revisions */
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  login TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  display_name TEXT NOT NULL DEFAULT '',"
    "  pw_hash TEXT NOT NULL,"
    "  role TEXT NOT NULL CHECK (role IN ('admin','editor','author')),"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE sessions ("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  csrf TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  seen_at INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX sessions_by_user ON sessions(user_id);"
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at INTEGER NOT NULL,"
    "  user_id INTEGER REFERENCES users(id),"
    "  action TEXT NOT NULL,"
    "  object TEXT NOT NULL DEFAULT '',"
    "  object_id INTEGER,"
    "  detail TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX audit_by_time ON audit(at);"
    "CREATE TABLE revisions ("
    "  id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  user_id INTEGER REFERENCES users(id),"
    "  at INTEGER NOT NULL,"
    "  title TEXT NOT NULL, subtitle TEXT NOT NULL, lead TEXT NOT NULL,"
    "  body_src TEXT NOT NULL, status TEXT NOT NULL, published_at INTEGER,"
    "  section_id INTEGER, author TEXT NOT NULL, source_name TEXT NOT NULL,"
    "  source_url TEXT NOT NULL, canonical_url TEXT NOT NULL,"
    "  comments_open INTEGER NOT NULL, tags TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX revisions_by_article ON revisions(article_id, id);"
    "ALTER TABLE articles ADD COLUMN owner_id INTEGER REFERENCES users(id);",
    /* 5: "see also" (issue 5): computed related lists, editors' pins and
     * exclusions (kept apart, so recomputing never loses them), each
     * published article's term vector and MinHash signature, document
     * frequencies of the vectors' terms (term 0 counts the documents), the
     * signatures' band keys (a stale key is harmless: candidates are checked
     * against related_vectors) and near-duplicate links (article → the first
     * story of its cluster). Filled by store/related.c. */
    "CREATE TABLE related ("
    "  article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  related INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  score REAL NOT NULL,"
    "  rank INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (article, related)) WITHOUT ROWID;"
    "CREATE INDEX related_by_related ON related(related);"
    "CREATE TABLE related_pins ("
    "  article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  related INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('pin','exclude')),"
    "  at INTEGER NOT NULL,"
    "  PRIMARY KEY (article, related)) WITHOUT ROWID;"
    "CREATE INDEX related_pins_by_related ON related_pins(related);"
    "CREATE TABLE related_vectors ("
    "  article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
    "  section_id INTEGER,"
    "  published_at INTEGER NOT NULL,"
    "  terms BLOB NOT NULL,"
    "  minhash BLOB NOT NULL);"
    "CREATE TABLE related_df ("
    "  term INTEGER PRIMARY KEY,"
    "  df INTEGER NOT NULL);"
    "CREATE TABLE dupe_bands ("
    "  key INTEGER NOT NULL,"
    "  article INTEGER NOT NULL,"
    "  PRIMARY KEY (key, article)) WITHOUT ROWID;"
    "CREATE TABLE duplicates ("
    "  article INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
    "  of INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  similarity REAL NOT NULL);"
    "CREATE INDEX duplicates_by_of ON duplicates(of);",
    /* 6: next migration goes here */
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
