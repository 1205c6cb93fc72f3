/* json.h — a view as JSON, for the API: the same view a page is made from,
 * so the page and its API answer cannot disagree. */
#ifndef MIDAD_JSON_H
#define MIDAD_JSON_H

#include "core/buf.h"
#include "render/view.h"

/* Append `v` as JSON. Objects keep their key order; VIEW_HTML is emitted as a
 * string; strings go through escape_json_string (so the output is valid UTF-8
 * and safe inside a <script> element). NULL and VIEW_NULL give null, and so
 * does anything nested more than 64 deep (a guard against cyclic views). */
void json_render(buf *out, const view *v);

#endif
