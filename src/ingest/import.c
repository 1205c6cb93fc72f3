/* import.c — Markdown files with front matter into articles; see import.h. */
#include "ingest/import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "ingest/frontmatter.h"
#include "render/markdown.h"
#include "text/dates.h"
#include "text/slug.h"

#define MAX_FILE (4 * 1024 * 1024)

static int fail(import_result *res, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(import_result *res, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->error, sizeof res->error, fmt, ap);
    va_end(ap);
    res->line = line;
    return -1;
}

/* A scalar field's text ("" when absent); a list where a scalar belongs fails. */
static int scalar(const frontmatter *fm, const char *key, const char **out,
                  import_result *res)
{
    const fm_field *f = frontmatter_get(fm, key);
    *out = "";
    if (!f) return 0;
    if (f->is_list) return fail(res, f->line, "\"%s\" must be text, not a list", key);
    *out = f->value;
    return 0;
}

bool article_web_url(const char *u)
{
    return (strncmp(u, "https://", 8) == 0 && u[8]) || (strncmp(u, "http://", 7) == 0 && u[7]);
}

int article_in_body(arena *a, store_article_in *in, const char *md, size_t len)
{
    buf html;
    buf_init(&html, a);
    if (markdown_render(&html, md, len)) return -1;
    in->body_src = arena_strndup(a, md, len);
    in->body_html = html.data ? html.data : "";
    in->word_count = (long long)markdown_word_count(md, len);
    return 0;
}

/* Title, date, slug, source: the fields that need checking. */
static int read_required(arena *a, const frontmatter *fm, store_article_in *in,
                         import_result *res)
{
    const char *date;
    if (scalar(fm, "title", &in->title, res) || scalar(fm, "date", &date, res) ||
        scalar(fm, "slug", &in->slug, res) || scalar(fm, "source", &in->source_name, res) ||
        scalar(fm, "source_url", &in->source_url, res))
        return -1;
    if (!in->title[0]) return fail(res, 1, "missing \"title\"");
    if (!date[0]) return fail(res, 1, "missing \"date\"");
    if (dates_parse(date, strlen(date), &in->published_at))
        return fail(res, frontmatter_get(fm, "date")->line,
                    "bad date \"%s\" (want YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+03:00)", date);
    const char *lastmod;
    if (scalar(fm, "lastmod", &lastmod, res)) return -1;
    in->updated_at = in->published_at;
    if (lastmod[0] && dates_parse(lastmod, strlen(lastmod), &in->updated_at))
        return fail(res, frontmatter_get(fm, "lastmod")->line, "bad lastmod \"%s\"", lastmod);
    if (in->updated_at < in->published_at) in->updated_at = in->published_at;
    if (in->slug[0] && !slug_valid(in->slug, strlen(in->slug)))
        return fail(res, frontmatter_get(fm, "slug")->line,
                    "bad slug \"%s\" (letters, digits and '-' only)", in->slug);
    if (!in->slug[0]) in->slug = slug_make(a, in->title, strlen(in->title));
    if (!in->slug[0]) in->slug = "article";
    if (in->source_url[0] && !article_web_url(in->source_url))
        return fail(res, frontmatter_get(fm, "source_url")->line,
                    "source_url must start with http:// or https://");
    if (in->source_url[0] && !in->source_name[0])
        return fail(res, frontmatter_get(fm, "source_url")->line,
                    "source_url given without \"source\" (the outlet's name)");
    return 0;
}

/* canonical_url: a URL, or "source" for the source's own (a syndicated copy
 * whose outlet asks search engines to credit the original). */
static int read_canonical(const frontmatter *fm, store_article_in *in, import_result *res)
{
    const char *c;
    if (scalar(fm, "canonical_url", &c, res)) return -1;
    if (strcmp(c, "source") == 0) {
        if (!in->source_url[0])
            return fail(res, frontmatter_get(fm, "canonical_url")->line,
                        "canonical_url: source needs a source_url");
        c = in->source_url;
    }
    if (c[0] && !article_web_url(c))
        return fail(res, frontmatter_get(fm, "canonical_url")->line,
                    "canonical_url must be \"source\" or start with http:// or https://");
    in->canonical_url = c;
    return 0;
}

static int read_tags(arena *a, const frontmatter *fm, store_article_in *in,
                     import_result *res)
{
    const fm_field *f = frontmatter_get(fm, "tags");
    if (!f) return 0;
    size_t n = f->is_list ? f->n_items : (f->value[0] ? 1 : 0);
    const char *const *names = f->is_list ? f->items : &f->value;
    in->tag_names = arena_alloc(a, (n + 1) * sizeof *in->tag_names);
    in->tag_slugs = arena_alloc(a, (n + 1) * sizeof *in->tag_slugs);
    for (size_t i = 0; i < n; i++) {
        const char *slug = slug_make(a, names[i], strlen(names[i]));
        if (!slug[0]) return fail(res, f->line, "tag \"%s\" has no letters or digits", names[i]);
        in->tag_names[in->n_tags] = names[i];
        in->tag_slugs[in->n_tags++] = slug;
    }
    return 0;
}

static int read_optional(arena *a, const frontmatter *fm, store_article_in *in,
                         import_result *res)
{
    const char *draft, *comments;
    if (scalar(fm, "subtitle", &in->subtitle, res) || scalar(fm, "lead", &in->lead, res) ||
        scalar(fm, "author", &in->author, res) || scalar(fm, "section", &in->section_name, res) ||
        scalar(fm, "draft", &draft, res) || scalar(fm, "comments", &comments, res))
        return -1;
    if (draft[0] && strcmp(draft, "true") && strcmp(draft, "false"))
        return fail(res, frontmatter_get(fm, "draft")->line, "draft must be true or false");
    if (comments[0] && strcmp(comments, "open") && strcmp(comments, "closed"))
        return fail(res, frontmatter_get(fm, "comments")->line, "comments must be open or closed");
    in->comments_open = strcmp(comments, "closed") != 0;
    in->status = strcmp(draft, "true") == 0 ? "draft" : "published";
    if (in->section_name[0]) {
        in->section_slug = slug_make(a, in->section_name, strlen(in->section_name));
        if (!in->section_slug[0])
            return fail(res, frontmatter_get(fm, "section")->line,
                        "section \"%s\" has no letters or digits", in->section_name);
    }
    return read_canonical(fm, in, res) ? -1 : read_tags(a, fm, in, res);
}

static int import_text(store *s, const char *name, const char *text, size_t len,
                       bool see_also, import_result *res)
{
    memset(res, 0, sizeof *res);
    if (!utf8_valid(text, len) || memchr(text, '\0', len))
        return fail(res, 0, "not valid UTF-8 text");
    arena *a = arena_new(0);
    frontmatter fm;
    store_article_in in = { .import_key = name, .comments_open = true };
    int rc = -1;
    if (frontmatter_parse(a, text, len, &fm, &res->line, res->error, sizeof res->error))
        goto done;
    if (read_required(a, &fm, &in, res) || read_optional(a, &fm, &in, res))
        goto done;
    if (article_in_body(a, &in, fm.body, fm.body_len)) {
        fail(res, fm.body_line, "the Markdown body could not be rendered");
        goto done;
    }
    if (store_article_save(s, &in, &res->id, &res->created)) {
        fail(res, 0, "database: %s", store_errmsg(s));
        goto done;
    }
    if (see_also && store_related_update(s, res->id)) {  /* "see also" (store/related.c) */
        fail(res, 0, "saved, but its \"see also\" failed: %s", store_errmsg(s));
        goto done;
    }
    rc = 0;
done:
    arena_free(a);
    return rc;
}

int import_markdown(store *s, const char *name, const char *text, size_t len,
                    import_result *res)
{
    return import_text(s, name, text, len, true, res);
}

int import_markdown_file(store *s, const char *path, bool see_also, import_result *res)
{
    memset(res, 0, sizeof *res);
    FILE *f = fopen(path, "rb");
    if (!f) return fail(res, 0, "cannot open: %s", strerror(errno));
    char *text = malloc(MAX_FILE + 1);
    size_t len = text ? fread(text, 1, MAX_FILE + 1, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!text || bad) {
        free(text);
        return fail(res, 0, "cannot read the file");
    }
    if (len > MAX_FILE) {
        free(text);
        return fail(res, 0, "larger than %d MiB", MAX_FILE / (1024 * 1024));
    }
    const char *base = strrchr(path, '/');
    int rc = import_text(s, base ? base + 1 : path, text, len, see_also, res);
    free(text);
    return rc;
}
