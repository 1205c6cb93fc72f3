/* editor.h — private to src/admin/: the article editor's shared parts.
 *
 * The state rules (a pure function, unit-tested), the form's fields read
 * and checked, and the helpers the list, form and revision pages share. */
#ifndef MIDAD_EDITOR_H
#define MIDAD_EDITOR_H

#include <stdbool.h>

#include "admin/staff.h"
#include "http/form.h"
#include "store/store.h"

/* May role r move an article from status `from` ("" for a new article) to
 * `to` (the same status: an edit)? Authors: only their own articles, only
 * between draft and review; editors and admins: any move except out of the
 * trash to anything but draft (restore), and no edits in the trash. */
bool editor_transition_allowed(role r, const char *from, const char *to, bool is_owner);

/* The audit action of a move (create, edit, submit, schedule, publish,
 * unpublish, trash, restore). */
const char *editor_action_name(const char *from, const char *to);

/* The editor form's values (cleaned, never NULL) and errors (locale keys). */
typedef struct {
    const char *title, *subtitle, *lead, *body, *slug, *section, *section_new;
    const char *tags, *author, *source_name, *source_url, *canonical_url, *publish_at;
    bool comments_open;
    const char *err_title, *err_lead, *err_slug, *err_section, *err_tags, *err_source_url,
        *err_canonical_url, *err_publish_at, *err_body, *err_subtitle, *err_author;
    const char *slug_suggestion;
    int n_errors;
} editor_form;

/* Read the fields of f into ef (no checks). */
void editor_form_read(arena *a, const form *f, editor_form *ef);
/* The form filled from a saved article. */
void editor_form_from(arena *a, const store_edit_article *ar, editor_form *ef);

/* Check ef and build the article to save (body rendered, slug, section,
 * tags) into in. `id` is the article (0 = new), `old` its saved state or
 * NULL. Returns the number of errors (set in ef); -1 on a database error. */
int editor_form_check(arena *a, store *s, editor_form *ef, long long id,
                      const store_edit_article *old, store_article_in *in);

/* The article id from a path segment, or 0. */
long long editor_id(const char *s);
/* Load article r->params[0] for st: 404 when absent, 403 when st may not
 * edit it; on failure w is set and -1 returned. */
int editor_load(req *r, resp *w, store *s, const staff *st, store_edit_article *ar);
/* May st edit articles owned by owner_id at all? */
bool editor_may_touch(const staff *st, long long owner_id);
/* The locale label of a status. */
const char *editor_status_label(arena *a, const char *status);
/* A date-time as "YYYY-MM-DDTHH:MM" in the site zone ("" for 0). */
const char *editor_when(arena *a, long long t);

#endif
