/* listing.h — private to src/site/: a page of article cards. */
#ifndef MIDAD_LISTING_H
#define MIDAD_LISTING_H

#include "http/http.h"
#include "render/view.h"
#include "store/store.h"

/* Set "articles", "total" and "pager" on `into` for the ?page= of the
 * articles matching f (limit and offset are set here). On a bad page
 * number (400) or a database error (500) sets w->status, returns -1. */
int listing_fill(req *r, resp *w, store *s, store_filter *f, const char *base,
                 view *into);

#endif
