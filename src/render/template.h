/* template.h — the mustache-like template engine.
 *
 * Templates are compiled once, at start-up, into a set; any number of threads
 * may then render from the set at once (rendering never changes it).
 *
 * Syntax (spaces inside tags are allowed: {{ name }}):
 *   {{name}}            the value, HTML-escaped
 *   {{{name}}} {{&name}} raw, but only for a VIEW_HTML value; every other
 *                       value is escaped anyway (the trusted-HTML rule)
 *   {{#name}}…{{/name}} a list renders once per item, the item on top of the
 *                       context stack; another truthy value renders once with
 *                       the value on top; a falsy one renders nothing
 *   {{^name}}…{{/name}} renders when the value is falsy
 *   {{> partials/x}}    the template "partials/x" with the current context
 *   {{! comment}}       nothing
 *   {{.}}               the value on top of the context stack
 * Names are [A-Za-z0-9_-] segments joined by dots (a.b.c): the first segment
 * is looked up from the top of the context stack down to the root, the rest
 * descend from what it found. Ints print in decimal, true prints "true",
 * false, null and missing values print nothing. Partials nest at most 16
 * deep: a deeper partial renders nothing, so a partial may include itself
 * (e.g. a comment and its replies) without looping forever. */
#ifndef MIDAD_TEMPLATE_H
#define MIDAD_TEMPLATE_H

#include <stddef.h>

#include "core/buf.h"
#include "render/view.h"

typedef struct tmpl_set tmpl_set;

/* An empty set. */
tmpl_set *tmpl_set_new(void);

/* Free the set and every template in it. NULL is allowed. */
void tmpl_set_free(tmpl_set *set);

/* Compile `src[0..len)` under `name` (e.g. "article", "partials/header").
 * Returns 0, or -1 with "NAME:LINE: problem" in err (unclosed or mismatched
 * section, unclosed tag, empty or bad tag name, bad partial name, sections
 * nested too deeply) or "NAME: problem" (bad or duplicate template name). */
int tmpl_set_add(tmpl_set *set, const char *name, const char *src, size_t len,
                 char *err, size_t errlen);

/* Check that every partial referenced exists (call after adding all).
 * Returns 0, or -1 with "NAME:LINE: no template "X" for partial" in err. */
int tmpl_set_check(const tmpl_set *set, char *err, size_t errlen);

/* Render template `name` with `root` as the context, appending to out.
 * Returns 0, or -1 if there is no such template or the render ran away
 * (more than about four million steps, or more than 64 MiB of output; out
 * then holds what was rendered so far). */
int tmpl_render(const tmpl_set *set, const char *name, const view *root, buf *out);

#endif
