/* settings_form.h — private to src/admin/: the fields of the settings page
 * and their checks (pure: no database, so unit tests can run them). */
#ifndef MIDAD_SETTINGS_FORM_H
#define MIDAD_SETTINGS_FORM_H

#include <stddef.h>

#include "core/arena.h"
#include "http/form.h"

typedef enum {
    SET_SITE_NAME, SET_SITE_DESCRIPTION, SET_LOCALE, SET_DIGITS, SET_PER_PAGE,
    SET_COMMENT_MODERATION, SET_COMMENT_CLOSE_DAYS, SET_COUNT
} setting_field;

/* Each field's settings key (also its form field name) and its default. */
extern const char *const settings_keys[SET_COUNT];
extern const char *const settings_defaults[SET_COUNT];

typedef struct {
    const char *value[SET_COUNT];   /* cleaned, never NULL */
    const char *error[SET_COUNT];   /* locale key of the problem, or NULL */
    int n_errors;
} settings_form;

/* Read and check every field of `f`: names 1–100 characters, description
 * up to 300, locale ar|en, digits latn|arab, posts per page 1–100,
 * comment_moderation all|first|none, close after 0–3650 days (0 = never).
 * Numbers are plain decimal digits. Returns the number of fields in error. */
int settings_form_read(arena *a, const form *f, settings_form *out);

#endif
