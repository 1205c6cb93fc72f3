/* files.h — the files an import names: Markdown files given one by one, or
 * whole directories (a Hugo or Jekyll site's content folder, an export of
 * 100,000 stories that no shell would pass as arguments). */
#ifndef MIDAD_FILES_H
#define MIDAD_FILES_H

#include <stddef.h>

#include "core/arena.h"

/* The files named by paths[0..n): a path that is not a directory as it is
 * (the importer reports it if it cannot be read), a directory's files
 * ending in ".md" at any depth, in path order, skipping hidden names. The
 * list and its strings live in a. Returns 0, or -1 with err naming the
 * directory that could not be read. */
int import_files(arena *a, char *const *paths, size_t n, const char ***out, size_t *count,
                 char *err, size_t errlen);

#endif
