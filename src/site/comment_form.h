/* comment_form.h — reading and checking the reader's comment form.
 *
 * Values are cleaned (control characters and bidi overrides removed,
 * whitespace trimmed, CRLF → LF) and then checked; each field gets the
 * locale key of its error, or NULL. Nothing here touches the database. */
#ifndef MIDAD_COMMENT_FORM_H
#define MIDAD_COMMENT_FORM_H

#include <stdbool.h>

#include "core/arena.h"
#include "http/form.h"

#define COMMENT_NAME_MAX 80        /* characters */
#define COMMENT_EMAIL_MAX 254      /* bytes */
#define COMMENT_WEBSITE_MAX 200    /* bytes */
#define COMMENT_BODY_MAX 5000      /* characters */

typedef struct {
    const char *name, *email, *website, *body;   /* cleaned, never NULL */
    long long parent_id;                         /* 0 = a new thread */
    const char *token, *honeypot;                /* as sent ("" if absent) */
    const char *err_name, *err_email, *err_website, *err_body;
    bool too_long;                               /* the body is over the limit */
    int n_errors;                                /* fields in error */
} comment_form;

/* Read and check the fields of `f`; returns the number of fields in error. */
int comment_form_read(arena *a, const form *f, comment_form *out);

/* Clean one value: drop C0/C1 controls (keeping \n and \t when multiline,
 * CR of CRLF dropped), bidi embeddings/overrides/isolates (U+202A–202E,
 * U+2066–2069) and zero-width no-break space; trim surrounding whitespace. */
const char *comment_clean(arena *a, const char *s, bool multiline);

/* True for a plausible email address: one @, no spaces or controls, a dot
 * in the domain, at most COMMENT_EMAIL_MAX bytes. */
bool comment_email_valid(const char *s);

#endif
