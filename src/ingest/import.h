/* import.h — importing articles from Markdown files with YAML front matter
 * (the format of Hugo and Jekyll sites, and of demo/).
 *
 * Keys: title (required), subtitle, lead, section, tags, author, date
 * (required), lastmod (the last editorial change, as in Hugo), source,
 * source_url, slug, draft, comments (open or closed); other keys (a Hugo site's
 * categories, weight…) are ignored. Each file is one transaction:
 * imported whole or not at all. The file's base name identifies it, so
 * importing it again updates the article instead of adding a copy. */
#ifndef MIDAD_IMPORT_H
#define MIDAD_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

typedef struct {
    long long id;        /* the article's id */
    bool created;        /* new, rather than updated */
    int line;            /* on error: the line of the problem (0 if none) */
    char error[256];     /* on error: what is wrong */
} import_result;

/* Import one file's text. `name` is the file's base name (its identity).
 * Returns 0, or -1 with res->error and res->line set; nothing is written
 * then. */
int import_markdown(store *s, const char *name, const char *text, size_t len,
                    import_result *res);

/* The body of an article: in->body_src, in->body_html (rendered Markdown)
 * and in->word_count from md[0..len). Shared by the importer and the back
 * office's editor, so both save the same thing. 0, or -1 if md4c fails. */
int article_in_body(arena *a, store_article_in *in, const char *md, size_t len);

/* True for an http:// or https:// URL with something after the scheme
 * (source and canonical URLs). */
bool article_web_url(const char *u);

/* Read and import the file at `path`, with its "see also" computed as
 * import_markdown does, or (see_also false) left for one
 * store_related_rebuild after many files, which is faster than updating
 * the lists one article at a time. */
int import_markdown_file(store *s, const char *path, bool see_also, import_result *res);

#endif
