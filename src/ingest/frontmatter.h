/* frontmatter.h — Markdown files with YAML front matter (Hugo/Jekyll style).
 *
 *   ---
 *   title: "نص" | 'text' | plain text     # comment
 *   tags: ["أ", "ب"]  |  [a, b]  |  a block list on the next lines:
 *     - a
 *   date: 2026-11-20T09:30:00+03:00
 *   ---
 *   body…
 *
 * Only the small YAML subset such files use is read: one level of
 * "key: value" (keys [A-Za-z0-9_-]+), scalars plain, 'single-' or
 * "double-quoted" (escapes \" \\ \/ \n \t \r \uXXXX), flow lists [a, "b"]
 * and block lists ("- item" lines under "key:"), comments, blank lines.
 * Anything else YAML would read differently (nested mappings, block
 * scalars, anchors, a plain value containing ": ") is an error rather than
 * a guess, so a file we accept means the same to any YAML reader. All values
 * are strings. */
#ifndef MIDAD_FRONTMATTER_H
#define MIDAD_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct {
    const char *key;
    const char *value;      /* the scalar; "" for a list */
    const char **items;     /* a list's items (NULL when there are none) */
    size_t n_items;
    bool is_list;
    int line;               /* 1-based line of the key */
} fm_field;

typedef struct {
    fm_field *fields;       /* in file order */
    size_t n_fields;
    const char *body;       /* everything after the closing ---, copied */
    size_t body_len;
    int body_line;          /* 1-based line the body starts on */
} frontmatter;

/* Parse src[0..len). Returns 0 and fills *fm (all memory from `a`; strings
 * NUL-terminated), or -1 with *err_line set to the 1-based line and a short
 * English message in err[0..errlen) ("missing closing ---", "duplicate key
 * \"title\"", "unterminated string", "expected key: value", "invalid
 * UTF-8", "tab indentation", "nested mappings are not supported"...). The
 * file must start with "---" on line 1 (an optional UTF-8 BOM is skipped);
 * CRLF line endings are accepted. The front matter must be valid UTF-8
 * without control characters other than tab; the body is not checked.
 * err_line and err may be NULL. */
int frontmatter_parse(arena *a, const char *src, size_t len, frontmatter *fm,
                      int *err_line, char *err, size_t errlen);

/* The field named key, or NULL. */
const fm_field *frontmatter_get(const frontmatter *fm, const char *key);

#endif
