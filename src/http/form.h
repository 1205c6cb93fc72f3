/* form.h — application/x-www-form-urlencoded bodies (and query strings).
 *
 * Every name and value is percent-decoded ('+' is a space), checked for
 * strict UTF-8 and for NUL, and kept in the request's arena. A repeated
 * field keeps its first value (form_get), and form_count tells how many
 * times it came, for handlers that would rather refuse repeats. */
#ifndef MIDAD_FORM_H
#define MIDAD_FORM_H

#include <stddef.h>

#include "core/arena.h"

#define FORM_MAX_FIELDS 64

typedef enum {
    FORM_OK = 0,
    FORM_MALFORMED,      /* a bad %-escape */
    FORM_BAD_UTF8,       /* invalid UTF-8 or a NUL byte after decoding */
    FORM_TOO_MANY,       /* more than FORM_MAX_FIELDS fields */
} form_error;

typedef struct {
    const char *names[FORM_MAX_FIELDS];
    const char *values[FORM_MAX_FIELDS];
    size_t lens[FORM_MAX_FIELDS];      /* of each value */
    size_t n;
} form;

/* Parse `len` bytes of `body` into f. */
form_error form_parse(arena *a, const char *body, size_t len, form *f);
/* The first value of `name`, or NULL. */
const char *form_get(const form *f, const char *name);
/* How many times `name` appears. */
size_t form_count(const form *f, const char *name);

#endif
