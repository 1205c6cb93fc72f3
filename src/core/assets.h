/* assets.h — the theme files: templates, static files and locale strings.
 *
 * They are embedded in the binary at build time (tools/embed.c); with
 * `--theme DIR` they are read from DIR instead (DIR/templates/…,
 * DIR/static/…, DIR/locale/…), falling back to the embedded copy of a file
 * the folder lacks, for theme work without rebuilding. */
#ifndef MIDAD_ASSETS_H
#define MIDAD_ASSETS_H

#include <stddef.h>

typedef struct {
    const char *path;   /* "templates/article.html" */
    const char *data;   /* NUL-terminated */
    size_t len;
} asset;

/* The table made by tools/embed.c, ended by a NULL path. */
extern const asset assets_embedded[];

/* Serve assets from `dir` instead of the embedded copies (NULL = embedded).
 * Call once at start-up, before any asset_find. */
void assets_set_theme_dir(const char *dir);

/* Look up an asset by its path ("static/site.css"). The returned asset
 * lives for the whole process. NULL when there is no such file; a path
 * containing ".." or starting with "/" is never found. */
const asset *asset_find(const char *path);

#endif
