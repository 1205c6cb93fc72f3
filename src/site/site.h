/* site.h — the public site: routes, handlers, error pages.
 *
 * main.c calls site_init once (settings, locale, templates), then hands
 * site_routes, site_error_page and site_data_changed to the server. */
#ifndef MIDAD_SITE_H
#define MIDAD_SITE_H

#include <stddef.h>

#include "http/router.h"
#include "store/store.h"

extern const route site_routes[];
extern const size_t site_n_routes;

/* Load settings from the database, the locale strings and the templates.
 * Returns 0, or -1 with a message (e.g. a template error with its line). */
int site_init(store *s, char *err, size_t errlen);
void site_shutdown(void);
/* The absolute base URL of feeds, sitemaps and canonical links: `url`
 * (--base-url) when given, else the base_url setting, else http://LISTEN.
 * Call after site_init. Returns 0, or -1 with a message on a bad URL. */
int site_base_url(const char *url, const char *listen, char *err, size_t errlen);

/* The error page for `status`, in the reader's language, with the site's
 * header and navigation (JSON under /api/). */
void site_error_page(req *r, resp *w, int status);

/* Non-zero when another process has written to the database since the
 * last call (checked from the server's watcher thread). */
int site_data_changed(void);

/* Read the settings again and, when they changed, swap in new ones
 * (locale strings, site name, page size, comment policy…): requests that
 * start afterwards see them. Called by the watcher thread when the
 * generation moves, and by the settings page. 1 if anything changed. */
int site_settings_reload(store *s);

#endif
