/* editor_form.c — the article editor's fields: read, checked, turned into
 * what the store saves; and the small helpers the editor pages share.
 * See editor.h. */
#include "admin/editor.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/utf8.h"
#include "ingest/import.h"
#include "site/comment_form.h"
#include "site/page.h"
#include "text/dates.h"
#include "text/slug.h"

#define TITLE_MAX 300        /* bytes: a headline, not an essay */
#define LINE_MAX_BYTES 4000  /* subtitle, lead */
#define SHORT_MAX 300        /* author, source name, section name */
#define URL_MAX 2000
#define TAGS_MAX 30

static const char *field(arena *a, const form *f, const char *name, bool multiline)
{
    const char *v = form_get(f, name);
    return comment_clean(a, v ? v : "", multiline);
}

void editor_form_read(arena *a, const form *f, editor_form *ef)
{
    memset(ef, 0, sizeof *ef);
    ef->title = field(a, f, "title", false);
    ef->subtitle = field(a, f, "subtitle", false);
    ef->lead = field(a, f, "lead", true);
    ef->body = field(a, f, "body", true);
    ef->slug = field(a, f, "slug", false);
    ef->section = field(a, f, "section", false);
    ef->section_new = field(a, f, "section_new", false);
    ef->tags = field(a, f, "tags", false);
    ef->author = field(a, f, "author", false);
    ef->source_name = field(a, f, "source_name", false);
    ef->source_url = field(a, f, "source_url", false);
    ef->canonical_url = field(a, f, "canonical_url", false);
    ef->publish_at = field(a, f, "publish_at", false);
    ef->comments_open = form_get(f, "comments_open") != NULL;
}

void editor_form_from(arena *a, const store_edit_article *ar, editor_form *ef)
{
    memset(ef, 0, sizeof *ef);
    ef->title = ar->a.title;
    ef->subtitle = ar->a.subtitle;
    ef->lead = ar->a.lead;
    ef->body = ar->body_src;
    ef->slug = ar->a.slug;
    ef->section = ar->a.section.id ? ar->a.section.slug : "";
    ef->section_new = "";
    buf tags;
    buf_init(&tags, a);
    for (size_t i = 0; i < ar->a.n_tags; i++)
        buf_printf(&tags, "%s%s", i ? "، " : "", ar->a.tags[i].name);
    ef->tags = tags.data ? tags.data : "";
    ef->author = ar->a.author;
    ef->source_name = ar->a.source_name;
    ef->source_url = ar->a.source_url;
    ef->canonical_url = ar->a.canonical_url;
    ef->publish_at = strcmp(ar->a.status, "scheduled") == 0
                         ? editor_when(a, ar->a.published_at) : "";
    ef->comments_open = ar->a.comments_open;
}

static void err(editor_form *ef, const char **slot, const char *key)
{
    if (!*slot) ef->n_errors++;
    *slot = page_t(key);
}

/* A free slug like `slug`: slug-2, slug-3… (cut to fit SLUG_MAX). */
/* A free variant of slug: slug-2 … slug-9, then slug-N with a random N (a
 * headline used again and again, «عاجل», must never run out of slugs).
 * NULL on a store error, or if 40 tries found nothing free. */
static const char *free_slug(arena *a, store *s, const char *slug, long long id)
{
    for (unsigned i = 2; i < 42; i++) {
        char tail[16];
        snprintf(tail, sizeof tail, "-%u", i < 10 ? i : 10 + randombytes_uniform(999990));
        size_t keep = strlen(slug);
        while (keep + strlen(tail) > SLUG_MAX) {   /* back to a character start */
            keep--;
            while (keep && ((unsigned char)slug[keep] & 0xC0) == 0x80) keep--;
        }
        const char *c = arena_printf(a, "%.*s%s", (int)keep, slug, tail);
        int taken = store_editor_slug_taken(s, c, id);
        if (taken <= 0) return taken < 0 ? NULL : c;
    }
    return NULL;
}

/* The slug: typed, or made from the headline (also when it was made from
 * the old headline and the headline changed). A clash with another
 * article is an error for a typed slug (with a free one suggested); a
 * made one takes the free one silently. */
static int check_slug(arena *a, store *s, editor_form *ef, long long id,
                      const store_edit_article *old, store_article_in *in)
{
    bool made = !ef->slug[0];
    if (old && strcmp(ef->slug, old->a.slug) == 0 &&
        strcmp(old->a.slug, slug_make(a, old->a.title, strlen(old->a.title))) == 0)
        made = true;
    const char *slug = made ? slug_make(a, ef->title, strlen(ef->title)) : ef->slug;
    if (made && !slug[0]) slug = "article";
    if (!made && !slug_valid(slug, strlen(slug))) {
        err(ef, &ef->err_slug, "editor_err_slug");
        return 0;
    }
    int taken = store_editor_slug_taken(s, slug, id);
    if (taken < 0) return -1;
    if (taken) {
        const char *other = free_slug(a, s, slug, id);
        if (!other) return -1;
        if (!made) {
            err(ef, &ef->err_slug, "editor_err_slug_taken");
            ef->slug_suggestion = other;
            return 0;
        }
        slug = other;
    }
    in->slug = slug;
    return 0;
}

/* Section: a new name typed, or an existing one chosen. */
static int check_section(arena *a, store *s, editor_form *ef, store_article_in *in)
{
    if (ef->section_new[0]) {
        in->section_name = ef->section_new;
        in->section_slug = slug_make(a, ef->section_new, strlen(ef->section_new));
        if (!in->section_slug[0] || strlen(ef->section_new) > SHORT_MAX)
            err(ef, &ef->err_section, "editor_err_section");
        return 0;
    }
    if (!ef->section[0]) return 0;
    store_group g;
    int rc = store_section_by_slug(s, a, ef->section, &g);
    if (rc < 0) return -1;
    if (rc) return err(ef, &ef->err_section, "editor_err_section"), 0;
    in->section_slug = g.slug;
    in->section_name = g.name;
    return 0;
}

/* Tags: separated by commas (Latin or Arabic), made on the fly. */
static void check_tags(arena *a, editor_form *ef, store_article_in *in)
{
    in->tag_names = arena_alloc(a, TAGS_MAX * sizeof *in->tag_names);
    in->tag_slugs = arena_alloc(a, TAGS_MAX * sizeof *in->tag_slugs);
    const char *p = ef->tags;
    while (*p) {
        size_t n = strcspn(p, ",");
        const char *ar = strstr(p, "،");     /* U+060C, the Arabic comma */
        if (ar && (size_t)(ar - p) < n) n = (size_t)(ar - p);
        const char *name = comment_clean(a, arena_strndup(a, p, n), false);
        p += n;
        if (*p) p += (unsigned char)*p == 0xD8 ? 2 : 1;
        if (!name[0]) continue;
        const char *slug = slug_make(a, name, strlen(name));
        if (!slug[0] || in->n_tags == TAGS_MAX || strlen(name) > SHORT_MAX) {
            err(ef, &ef->err_tags, "editor_err_tags");
            return;
        }
        bool dup = false;
        for (size_t i = 0; i < in->n_tags; i++) dup |= strcmp(in->tag_slugs[i], slug) == 0;
        if (dup) continue;
        in->tag_names[in->n_tags] = name;
        in->tag_slugs[in->n_tags++] = slug;
    }
}

static void check_urls(editor_form *ef, store_article_in *in)
{
    if (ef->source_url[0] && (!article_web_url(ef->source_url) ||
                              strlen(ef->source_url) > URL_MAX))
        err(ef, &ef->err_source_url, "editor_err_url");
    if (ef->canonical_url[0] && (!article_web_url(ef->canonical_url) ||
                                 strlen(ef->canonical_url) > URL_MAX))
        err(ef, &ef->err_canonical_url, "editor_err_url");
    in->source_name = ef->source_name;
    in->source_url = ef->source_url;
    in->canonical_url = ef->canonical_url;
    if (strlen(ef->source_name) > SHORT_MAX) err(ef, &ef->err_source_url, "editor_err_long");
}

int editor_form_check(arena *a, store *s, editor_form *ef, long long id,
                      const store_edit_article *old, store_article_in *in)
{
    memset(in, 0, sizeof *in);
    if (!ef->title[0]) err(ef, &ef->err_title, "editor_err_title");
    else if (strlen(ef->title) > TITLE_MAX) err(ef, &ef->err_title, "editor_err_long");
    if (strlen(ef->subtitle) > LINE_MAX_BYTES) err(ef, &ef->err_subtitle, "editor_err_long");
    if (strlen(ef->lead) > LINE_MAX_BYTES) err(ef, &ef->err_lead, "editor_err_long");
    if (strlen(ef->author) > SHORT_MAX) err(ef, &ef->err_author, "editor_err_long");
    if (ef->title[0] && check_slug(a, s, ef, id, old, in)) return -1;
    if (check_section(a, s, ef, in)) return -1;
    check_tags(a, ef, in);
    check_urls(ef, in);
    if (article_in_body(a, in, ef->body, strlen(ef->body)))
        err(ef, &ef->err_body, "editor_err_body");
    in->title = ef->title;
    in->subtitle = ef->subtitle;
    in->lead = ef->lead;
    in->author = ef->author;
    in->comments_open = ef->comments_open;
    return ef->n_errors;
}

/* --- shared helpers ------------------------------------------------------------ */

long long editor_id(const char *s)
{
    long long id = 0;
    if (!s || !*s || strlen(s) > 15 || s[0] == '0') return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return 0;
        id = id * 10 + (*s - '0');
    }
    return id;
}

bool editor_may_touch(const staff *st, long long owner_id)
{
    return role_can(st->role, CAN_EDIT_ANY) || (owner_id && owner_id == st->user.id);
}

int editor_load(req *r, resp *w, store *s, const staff *st, store_edit_article *ar)
{
    long long id = editor_id(r->n_params ? r->params[0] : NULL);
    int rc = id ? store_editor_get(s, r->a, id, ar) : STORE_NOT_FOUND;
    if (rc) {
        w->status = rc == STORE_NOT_FOUND ? 404 : 500;
        return -1;
    }
    if (!editor_may_touch(st, ar->owner_id)) {
        w->status = 403;
        return -1;
    }
    return 0;
}

const char *editor_status_label(arena *a, const char *status)
{
    return page_t(arena_printf(a, "editor_status_%s", status));
}

const char *editor_when(arena *a, long long t)
{
    if (!t) return "";
    buf b;
    buf_init(&b, a);
    if (dates_iso8601(&b, t) || b.len < 16) return "";
    b.data[10] = 'T';          /* the form of <input type=datetime-local> */
    return arena_strndup(a, b.data, 16);
}
