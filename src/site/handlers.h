/* handlers.h — private to src/site/: one handler per public page. */
#ifndef MIDAD_HANDLERS_H
#define MIDAD_HANDLERS_H

#include "http/http.h"
#include "store/store.h"

void home_handle(req *r, resp *w);            /* home.c */
void article_handle(req *r, resp *w);         /* article.c */
void section_handle(req *r, resp *w);         /* listing.c */
void tag_handle(req *r, resp *w);             /* listing.c */
void api_articles_handle(req *r, resp *w);    /* api.c */
void api_article_handle(req *r, resp *w);     /* api.c */
void api_sections_handle(req *r, resp *w);    /* api.c */
void health_handle(req *r, resp *w);          /* static.c */
void static_handle(req *r, resp *w);          /* static.c */
void feed_rss_handle(req *r, resp *w);        /* feeds.c */
void feed_atom_handle(req *r, resp *w);       /* feeds.c */
void section_rss_handle(req *r, resp *w);     /* feeds.c */
void section_atom_handle(req *r, resp *w);    /* feeds.c */
void tag_rss_handle(req *r, resp *w);         /* feeds.c */
void tag_atom_handle(req *r, resp *w);        /* feeds.c */
void sitemap_index_handle(req *r, resp *w);   /* sitemap.c */
void sitemap_page_handle(req *r, resp *w);    /* sitemap.c */
void news_sitemap_handle(req *r, resp *w);    /* sitemap.c */
void robots_handle(req *r, resp *w);          /* sitemap.c */
void search_handle(req *r, resp *w);          /* search.c */
void api_search_handle(req *r, resp *w);      /* search.c */

/* Load the published article named by /article/ID…; on failure sets
 * w->status (404, 500) and returns -1. */
int article_from_url(req *r, resp *w, store *s, store_article *ar);

#endif
