/* store.h — the only door to the database.
 *
 * Nothing outside src/store/ knows that SQL exists. Every function takes a
 * store handle (one SQLite connection; a worker thread uses its own, from
 * store_for_thread) and, when it returns data, an arena that the data lives
 * in. Return codes: 0 success, STORE_NOT_FOUND when the row does not exist,
 * -1 on a database error (the message is in store_errmsg). */
#ifndef MIDAD_STORE_H
#define MIDAD_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

#define STORE_NOT_FOUND 1

typedef struct store store;

/* A section or a tag: both are a named, slugged group of articles. */
typedef struct {
    long long id;
    const char *slug;
    const char *name;
    long long count;        /* published articles in it */
} store_group;

typedef struct {
    long long id;
    const char *slug;
    const char *title, *subtitle, *lead;
    const char *body_html;  /* rendered by render/markdown at save time */
    long long word_count;
    const char *author;
    store_group section;
    const char *status;     /* draft, review, scheduled, published, trash */
    long long published_at, updated_at, created_at;
    const char *source_name, *source_url, *canonical_url;
    bool comments_open;
    long long comment_count; /* approved comments */
    store_group *tags;      /* filled by store_article_get only */
    size_t n_tags;
} store_article;

typedef struct {
    long long section_id;   /* 0 = any */
    long long tag_id;       /* 0 = any */
    long long exclude_id;   /* 0 = none */
    int limit;              /* 1..100 */
    long long offset;
    bool no_total;          /* skip counting (total is then 0) */
} store_filter;

typedef struct {
    store_article *items;   /* without body_html and tags */
    size_t n;
    long long total;        /* matching the filter, ignoring limit/offset */
} store_article_list;

/* What an import or an editor saves. Strings must be valid UTF-8. */
typedef struct {
    const char *import_key; /* stable identity of an imported file, or NULL */
    const char *slug, *title, *subtitle, *lead;
    const char *body_src, *body_html;
    long long word_count;
    const char *author;
    const char *section_slug, *section_name;
    const char **tag_slugs, **tag_names;
    size_t n_tags;
    const char *status;
    long long published_at;
    long long updated_at;   /* last editorial change; 0 = now */
    const char *source_name, *source_url, *canonical_url;
    bool comments_open;
} store_article_in;

/* Open (creating if needed) the database at `path`, WAL mode, and migrate
 * the schema to the current version when `migrate` is true. On failure
 * returns NULL and a message in err. */
store *store_open(const char *path, bool migrate, char *err, size_t errlen);
void store_close(store *s);
/* The last error message of this handle. */
const char *store_errmsg(store *s);

/* Remember the database path for store_for_thread (once, at start-up). */
void store_set_path(const char *path);
/* This thread's own connection, opened on first use and closed when the
 * thread exits; NULL if it cannot be opened. */
store *store_for_thread(void);

/* Copy the whole database to `path` with SQLite's online backup API: a
 * consistent snapshot, safe while the server writes. 0, or -1 with a
 * message. */
int store_backup(store *s, const char *path, char *err, size_t errlen);
/* Move the WAL into the database file and truncate it (at shutdown). */
int store_checkpoint(store *s);
/* Can this process take the database's write lock? 0 yes; 1 the file is
 * read-only (the site can still be read); -1 no (another process holds it,
 * or the file system cannot lock), with a message. */
int store_check_lock(store *s, char *err, size_t errlen);

/* The schema version of the database and of this build. */
int store_schema_version(store *s);
int store_schema_latest(void);

/* 0 if the database answers a trivial query. */
int store_ping(store *s);
/* The site generation: a number bumped (store_generation_bump, inside the
 * writing transaction) by every write that changes what readers see. The
 * server polls it to drop its page cache after writes by other processes
 * (an import, the CLI); writes readers cannot see (a pending comment)
 * leave it alone, so they cost the cache nothing. */
long long store_generation(store *s);
int store_generation_bump(store *s);

/* A published article with its section and tags. */
int store_article_get(store *s, arena *a, long long id, store_article *out);
/* Published articles, newest first. */
int store_articles_list(store *s, arena *a, const store_filter *f,
                        store_article_list *out);
/* All sections in menu order; `count` is filled only when with_counts
 * (counting costs a scan of each section's articles). */
int store_sections_list(store *s, arena *a, bool with_counts, store_group **out,
                        size_t *n);
int store_section_by_slug(store *s, arena *a, const char *slug, store_group *out);
int store_tag_by_slug(store *s, arena *a, const char *slug, store_group *out);

/* Insert or update (matched by import_key, when given) an article with its
 * section and tags, in one transaction. *id gets the article's id and
 * *created whether it was new. */
int store_article_save(store *s, const store_article_in *in, long long *id,
                       bool *created);

/* Publish every scheduled article whose time has come (one transaction;
 * the generation is bumped when any was). *n gets how many and, when a
 * and ids are given, *ids their ids (from a). */
int store_publish_due(store *s, long long now, int *n, arena *a, long long **ids);

/* Site settings (key → value); a missing key gives `fallback`. */
const char *store_setting_get(store *s, arena *a, const char *key,
                              const char *fallback);
int store_setting_set(store *s, const char *key, const char *value);

/* Run `fn` inside one transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK when
 * fn returns non-zero). */
int store_transaction(store *s, int (*fn)(store *s, void *ctx), void *ctx);

/* --- comments (store/comments.c) ------------------------------------------ */

typedef struct {
    long long id, article_id, parent_id;   /* parent_id 0 = top level */
    int depth;                             /* 0, 1 or 2 */
    const char *name, *email, *website, *body;
    const char *status;                    /* pending, approved, spam, trash */
    long long created_at;
    const char *ip_hash;                   /* keyed hash, never the address */
    const char *article_title;             /* filled by store_comments_list */
} store_comment;

/* Add a comment (article_id, parent_id, name, email, website, body,
 * status, ip_hash; created_at 0 = now). The parent must be an approved
 * comment of the same article; a reply deeper than 2 is attached to its
 * parent's parent. An approved comment bumps the site generation. Returns
 * 0 and *id, STORE_NOT_FOUND for a bad parent, -1 on error. */
int store_comment_add(store *s, store_comment *c, long long *id);
/* One comment by id. */
int store_comment_get(store *s, arena *a, long long id, store_comment *out);
/* The approved comments of an article, oldest first. */
int store_comments_approved(store *s, arena *a, long long article_id,
                            store_comment **out, size_t *n);
/* Comments for moderation, newest first: `status` NULL = any, article 0 = any. */
int store_comments_list(store *s, arena *a, const char *status, long long article_id,
                        int limit, store_comment **out, size_t *n);
/* Change a comment's status; bumps the generation when that changes what
 * readers see (to or from approved). STORE_NOT_FOUND for an unknown id. */
int store_comment_set_status(store *s, long long id, const char *status);
/* 1 if `email` (any case) has an approved comment, 0 if not, -1 on error. */
int store_email_has_approved(store *s, const char *email);
/* Add n to the count of refused comments for `reason`. */
int store_refusal_count(store *s, const char *reason, long long n);
/* The refusal counts, in reason order: parallel arrays from `a`. */
int store_refusals(store *s, arena *a, const char ***reasons, long long **counts, size_t *n);
/* The number of comments in each status, in status order. */
int store_comment_counts(store *s, arena *a, const char ***statuses, long long **counts,
                         size_t *n);

/* --- feeds, sitemaps, WebSub (store/feeds.c) ------------------------------- */

typedef struct {
    long long section_id;   /* 0 = any */
    long long tag_id;       /* 0 = any */
    long long since;        /* published at or after this time (0 = any) */
    int limit;              /* 1..1000 */
    bool with_body;         /* fill body_html (else "") */
} store_feed_query;

/* Published articles for a feed or the news sitemap, newest first, without
 * tags (total = n). */
int store_feed_articles(store *s, arena *a, const store_feed_query *q,
                        store_article_list *out);

/* Called per row; return non-zero to stop. id is 0 for sections and tags. */
typedef int (*store_sitemap_fn)(void *ctx, long long id, const char *slug,
                                long long lastmod);
/* Sitemap page `page` (1…) of the published articles: those with ids
 * (page-1)*page_size+1 … page*page_size, in id order, as (id, slug,
 * updated_at). An article keeps its page for life. */
int store_sitemap_articles(store *s, long long page, long long page_size,
                           store_sitemap_fn fn, void *ctx);
/* The sitemap pages that hold published articles: their numbers and the
 * latest updated_at in each (*n = 0 when there are none). */
int store_sitemap_pages(store *s, arena *a, long long page_size, long long **pages,
                        long long **lastmod, size_t *n);
/* The newest publication time of the site (0 when nothing is published). */
int store_latest_published(store *s, long long *t);
/* Sections (or tags) that have published articles, at most `limit`, with
 * the newest publication in each section (0 for tags: not looked up). */
int store_sitemap_groups(store *s, bool tags, long long limit, store_sitemap_fn fn,
                         void *ctx);

/* A stamp of the published set: it changes when a story is published,
 * unpublished or given a later updated_at. */
typedef struct {
    long long count, max_id, max_updated;
} store_feed_stamp;
int store_feed_stamp_get(store *s, store_feed_stamp *out);
/* Slugs of the sections (or tags) of articles published or updated after
 * the stamp `since` was taken. */
int store_feed_changed_groups(store *s, arena *a, const store_feed_stamp *since,
                              bool tags, const char ***slugs, size_t *n);

/* --- search (store/search.c) --------------------------------------------- */

/* At most this many matches are ranked: the most recently added ones. */
#define STORE_SEARCH_MAX 1000

typedef struct {
    const char *match;      /* an FTS5 query from text/query (never user input) */
    const char *const *terms;   /* each positive term of match alone, in order, */
    size_t n_terms;             /* as an FTS5 query (for its frequency; NULL: unknown) */
    long long section_id;   /* 0 = any */
    long long from, to;     /* published_at within [from, to]; 0 = open end */
    long long now;          /* for the recency boost (0 = time(NULL)) */
    int limit;              /* 1..100 */
    long long offset;       /* 0..STORE_SEARCH_MAX */
} store_search_query;

typedef struct {
    store_article *items;   /* ranked cards, without body_html and tags */
    const char **texts;     /* the plain text of each body, for snippets */
    size_t n;
    long long total;        /* matches (ignoring limit/offset), at most … */
    bool more;              /* … STORE_SEARCH_MAX: true when there are more */
} store_search_result;

/* Published articles matching q->match, best first: BM25 with the
 * headline weighted above subtitle and lead above the body, times a mild
 * boost for recent stories. When more than STORE_SEARCH_MAX articles
 * match, the STORE_SEARCH_MAX most recently added are ranked (a news
 * search favours recent stories; it keeps a common word as fast as a rare
 * one). */
int store_search(store *s, arena *a, const store_search_query *q,
                 store_search_result *out);

/* Rebuild the search index from the articles in one transaction, calling
 * progress(ctx, done, total) now and then (progress may be NULL). */
int store_search_reindex(store *s, void (*progress)(void *ctx, long long done,
                                                    long long total),
                         void *ctx);

/* Bytes used by the search index and by the text it indexes (title,
 * subtitle, lead and body source of the published articles). */
int store_search_sizes(store *s, long long *index_bytes, long long *text_bytes);

/* --- users, sessions, audit (store/users.c) ------------------------------- */

typedef struct {
    long long id;
    const char *login, *display_name, *pw_hash, *role;   /* role: admin, editor, author */
    bool disabled;
    long long created_at;
} store_user;

/* Add a user; STORE_NOT_FOUND is never returned, -1 on error (a taken
 * login fails the UNIQUE constraint: check with store_user_by_login). */
int store_user_add(store *s, const char *login, const char *display_name,
                   const char *pw_hash, const char *role, long long *id);
int store_user_by_login(store *s, arena *a, const char *login, store_user *out);
int store_user_by_id(store *s, arena *a, long long id, store_user *out);
/* Replace a user's password hash (and end all their sessions when `logout`). */
int store_user_set_hash(store *s, long long id, const char *pw_hash, bool logout);
/* Disable or enable a user; disabling ends all their sessions. */
int store_user_set_disabled(store *s, long long id, bool disabled);
/* How many enabled admins exist. */
long long store_admin_count(store *s);
/* All users, by login. */
int store_users_list(store *s, arena *a, store_user **out, size_t *n);

typedef struct {
    long long user_id;
    const char *csrf;
    long long created_at, seen_at;
} store_session;

/* Sessions are keyed by the hash of their token; the token itself is
 * never stored. */
int store_session_add(store *s, const char *token_hash, long long user_id,
                      const char *csrf, long long now);
int store_session_get(store *s, arena *a, const char *token_hash, store_session *out);
int store_session_touch(store *s, const char *token_hash, long long now);
int store_session_delete(store *s, const char *token_hash);
/* Delete sessions idle since before idle_before or created before created_before. */
int store_sessions_expire(store *s, long long idle_before, long long created_before);

/* One line of the audit log: who (0 = the system or the CLI) did what. */
int store_audit(store *s, long long user_id, const char *action, const char *object,
                long long object_id, const char *detail);

/* --- back office: moderation queue, accounts (store/moderation.c, accounts.c) */

/* A change refused because it would leave no enabled admin. */
#define STORE_LAST_ADMIN 2

typedef struct {
    store_comment c;                       /* article_title filled, ip_hash "" */
    const char *article_slug, *article_status;
    const char *parent_name, *parent_body; /* "" for a top-level comment */
} store_queue_item;

/* Comments in `status`, newest first, with their article and the comment
 * each answers; at most `limit` (1..500) from `offset`. */
int store_moderation_queue(store *s, arena *a, const char *status, int limit,
                           long long offset, store_queue_item **out, size_t *n);
/* One comment as in the queue; STORE_NOT_FOUND for an unknown id. */
int store_moderation_item(store *s, arena *a, long long id, store_queue_item *out);
/* Replace a comment's name and text (bumps the generation when it is
 * approved, i.e. public). STORE_NOT_FOUND for an unknown id. */
int store_comment_edit(store *s, long long id, const char *name, const char *body);

/* Change a user's role (admin, editor, author). 0, STORE_NOT_FOUND, or
 * STORE_LAST_ADMIN when it would demote the last enabled admin. */
int store_user_set_role(store *s, long long id, const char *role);
/* Disable a user and end their sessions, in one transaction. 0,
 * STORE_NOT_FOUND, or STORE_LAST_ADMIN for the last enabled admin. */
int store_user_disable(store *s, long long id);

/* --- the article editor (store/editor.c, store/editor_list.c) ------------ */

/* An article in any status, as the editor opens it. */
typedef struct {
    store_article a;        /* card fields, body_html and tags */
    const char *body_src;   /* the Markdown */
    long long owner_id;     /* the staff member who made it (0: imported) */
} store_edit_article;

/* A save from the editor: `in` as for store_article_save (import_key is
 * ignored; status and published_at are taken as given). */
typedef struct {
    long long id;           /* 0 = a new article */
    long long owner_id;     /* a new article's owner */
    long long user_id;      /* who saves (kept with the revision; 0 = CLI) */
    store_article_in in;
} store_edit;

/* Any article by id (every status), with its tags. */
int store_editor_get(store *s, arena *a, long long id, store_edit_article *out);
/* Insert or update the article with its section and tags and keep a
 * revision of the result, in one transaction; the generation is bumped
 * when readers can see the change (*visible then). STORE_NOT_FOUND when
 * e->id names no article. */
int store_editor_save(store *s, const store_edit *e, long long *id, bool *visible);
/* Change an article's status (and published_at, unless it is -1), keeping
 * a revision; bumps the generation when it is or was published. */
int store_editor_set_status(store *s, long long id, long long user_id, const char *status,
                            long long published_at, bool *visible);
/* 1 if an article other than except_id has this slug, 0 if not, -1 on error. */
int store_editor_slug_taken(store *s, const char *slug, long long except_id);
/* The distinct author names, sorted. */
int store_editor_authors(store *s, arena *a, const char ***out, size_t *n);

typedef struct {
    const char *status;     /* NULL or "" = every status but trash */
    long long section_id;   /* 0 = any */
    const char *author;     /* NULL or "" = any */
    long long owner_id;     /* 0 = anyone's */
    const char *match;      /* an FTS5 query from text/query, or NULL */
    /* With match: decides for articles outside the search index (not
     * published) from their title, subtitle, lead and Markdown body. */
    bool (*match_text)(void *ctx, const char *title, const char *subtitle,
                       const char *lead, const char *body);
    void *ctx;
    int limit;              /* 1..100 */
    long long offset;
} store_editor_filter;

typedef struct {
    store_article *items;   /* cards (no body, no tags), last changed first */
    long long *owner_ids;
    size_t n;
    long long total;
} store_editor_list;

int store_editor_list_get(store *s, arena *a, const store_editor_filter *f,
                          store_editor_list *out);

/* A saved state of an article (store/editor_list.c). */
typedef struct {
    long long id, article_id, user_id, at;
    const char *user_login;
    const char *title, *subtitle, *lead, *status, *author;
    const char *body_src;   /* filled by store_revision_get only */
    long long body_bytes;
    long long published_at;
    store_group section;    /* id 0 = none */
    const char *source_name, *source_url, *canonical_url;
    const char *tags;       /* names joined by ", " */
    bool comments_open;
} store_revision;

/* An article's revisions, newest first, at most `limit` (1..500). */
int store_revisions_list(store *s, arena *a, long long article_id, int limit,
                         store_revision **out, size_t *n);
/* One revision of the article, with its body. */
int store_revision_get(store *s, arena *a, long long article_id, long long id,
                       store_revision *out);


/* --- "see also" and near-duplicates (store/related*.c) -------------------- */

/* Related stories shown on an article page. */
#define STORE_RELATED_SHOWN 5

/* After article id was saved or published: analyse it (text/similar,
 * text/dupes), link it to a near-duplicate it has, replace its stored
 * related list, and put it into the lists of the stories it now ranks for.
 * An article that is not published leaves the candidates. One transaction
 * that bumps the generation. Reading a page never computes: it calls
 * store_related_list. */
int store_related_update(store *s, long long id);

/* The "see also" stories of article id, best first: the pinned ones (in
 * the order pinned), then the computed list without the excluded ones;
 * published stories only, never the article itself, never two of one
 * near-duplicate cluster (nor one of the article's own); at most limit
 * (1..10). Cards without body_html and tags; total = n. */
int store_related_list(store *s, arena *a, long long id, int limit, store_article_list *out);

/* An editor's choice for the list of article id: kind "pin" (shown first)
 * or "exclude" (never shown) for `other`, or NULL to drop the choice.
 * Choices are kept apart from the computed lists, so recomputing never
 * loses them. Bumps the generation. STORE_NOT_FOUND when an article does
 * not exist (or id == other). */
int store_related_choose(store *s, long long id, long long other, const char *kind);

/* Recompute every published article's vector, duplicate links and related
 * list (choices kept) with `threads` worker threads (1..16), each with its
 * own connection to the same database file, then write them in one
 * transaction. progress(ctx, done, total) is called now and then from the
 * calling thread (may be NULL). */
int store_related_rebuild(store *s, int threads,
                          void (*progress)(void *ctx, long long done, long long total),
                          void *ctx);

/* A near-duplicate: story id is a copy of story `of` (the oldest of the
 * cluster), with the estimated Jaccard similarity of their texts. */
typedef struct {
    long long id, of;
    double similarity;
    const char *title, *of_title, *status;
} store_duplicate;

/* Every near-duplicate, by cluster (`of`) then id. */
int store_duplicates_list(store *s, arena *a, store_duplicate **out, size_t *n);

#endif
