/* view.h — the view model: a small tree of values built per request.
 *
 * Handlers build a view in the request's arena; render/template turns it into
 * HTML and render/json into JSON, so a page and its API answer cannot
 * disagree. A string value is plain text unless it was made with view_html,
 * which marks it as trusted HTML; only the Markdown renderer and the
 * sanitiser produce such strings, and only they may call view_html. */
#ifndef MIDAD_VIEW_H
#define MIDAD_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

typedef enum {
    VIEW_NULL,
    VIEW_BOOL,
    VIEW_INT,
    VIEW_STR,   /* plain text: always escaped on output */
    VIEW_HTML,  /* trusted HTML: printed raw by {{{name}}} */
    VIEW_LIST,
    VIEW_OBJ,
} view_type;

typedef struct view view;

struct view {
    view_type type;
    bool b;
    long long i;
    const char *s;      /* VIEW_STR, VIEW_HTML: NUL-terminated */
    size_t len;         /* of s */
    view **items;       /* VIEW_LIST: items; VIEW_OBJ: values */
    const char **keys;  /* VIEW_OBJ */
    size_t n, cap;
};

view *view_null(arena *a);
view *view_bool(arena *a, bool b);
view *view_int(arena *a, long long i);
/* Plain text; the bytes are referenced, not copied (NULL gives ""). */
view *view_str(arena *a, const char *s);
view *view_strn(arena *a, const char *s, size_t len);
/* Trusted HTML; only for the Markdown renderer and sanitiser output. */
view *view_html(arena *a, const char *html, size_t len);
view *view_list(arena *a);
view *view_obj(arena *a);

/* Append `item` to the list `list`. */
void view_push(arena *a, view *list, view *item);
/* Set `key` (referenced, not copied) in `obj`, replacing an earlier value. */
void view_set(arena *a, view *obj, const char *key, view *val);
/* Shorthands for view_set with a fresh value. */
void view_set_str(arena *a, view *obj, const char *key, const char *s);
void view_set_int(arena *a, view *obj, const char *key, long long i);
void view_set_bool(arena *a, view *obj, const char *key, bool b);

/* The value at `key`, or NULL. */
view *view_get(const view *obj, const char *key);
/* Follow a dotted path ("article.section.name") from `v`; NULL if absent. */
view *view_path(const view *v, const char *path, size_t len);
/* Mustache truthiness: false for null, false, 0, "", and the empty list. */
bool view_truthy(const view *v);

#endif
