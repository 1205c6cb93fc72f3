/* template.c — the mustache-like template engine; see template.h.
 *
 * Compiling turns a template into a flat array of ops. A text op is a slice
 * of the template's own copy of the source; a name op holds its first dotted
 * segment NUL-terminated and the remaining segments as a path, so rendering
 * does nothing but look values up and append. A section op knows the index of
 * its matching end op, and a partial op the index of the template it names
 * (resolved as templates are added). Rendering walks the ops with a context
 * stack that lives on the C stack, so the compiled set is only ever read. */
#include "render/template.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/escape.h"

#define MAX_NEST 32          /* sections open at once in one template */
#define MAX_PARTIAL 16       /* partials inside partials */
#define STACK_MAX (MAX_NEST * (MAX_PARTIAL + 1) + 1)
#ifndef TMPL_RENDER_BUDGET             /* the fuzzer builds with a smaller one */
#define TMPL_RENDER_BUDGET (1L << 22)  /* steps one render may take */
#endif
#define MAX_OUTPUT ((size_t)64 << 20)  /* bytes one render may append */

typedef enum { OP_TEXT, OP_VAR, OP_RAW, OP_SECTION, OP_INVERTED, OP_END, OP_PARTIAL } op_kind;

typedef struct {
    op_kind kind;
    int line;                /* where the tag starts, for messages */
    const char *text;        /* OP_TEXT: a slice of the template's source copy */
    size_t len;
    const char *first;       /* first name segment, NUL-terminated; NULL for "."; */
                             /* OP_PARTIAL: the partial's name */
    const char *rest;        /* the segments after the first ("b.c"), maybe empty */
    size_t rest_len;
    size_t end;              /* OP_SECTION, OP_INVERTED: index of the OP_END */
    int partial;             /* OP_PARTIAL: template index, -1 while missing */
} op;

typedef struct {
    char *name;
    char *src;               /* copy of the source */
    char *names;             /* names of the ops, NUL-terminated, packed */
    size_t names_len;
    op *ops;
    size_t n, cap;
} tmpl;

struct tmpl_set {
    tmpl *t;
    size_t n, cap;
};

typedef struct {
    tmpl *t;
    const char *name;        /* the template's name, for messages */
    size_t pos, len;
    int line;                /* line of src[pos] */
    size_t open[MAX_NEST];   /* indexes of the open section ops */
    int nopen;
    char *err;
    size_t errlen;
} compiler;

/* ---- helpers ---- */

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("midad: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static str trim(str s)
{
    while (s.len && (*s.ptr == ' ' || *s.ptr == '\t' || *s.ptr == '\n' || *s.ptr == '\r')) {
        s.ptr++;
        s.len--;
    }
    while (s.len && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t' ||
                     s.ptr[s.len - 1] == '\n' || s.ptr[s.len - 1] == '\r'))
        s.len--;
    return s;
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* True if `s` is non-empty segments of name characters (plus `extra`)
 * joined by `sep`, none of them "." or "..". */
static bool segments_ok(str s, char sep, char extra)
{
    size_t seg = 0;
    for (size_t i = 0; i <= s.len; i++) {
        if (i == s.len || s.ptr[i] == sep) {
            const char *p = s.ptr + i - seg;
            if (seg == 0 || (seg == 1 && p[0] == '.') ||
                (seg == 2 && p[0] == '.' && p[1] == '.'))
                return false;
            seg = 0;
        } else if (is_name_char(s.ptr[i]) || (extra && s.ptr[i] == extra)) {
            seg++;
        } else {
            return false;
        }
    }
    return true;
}

static bool tag_name_ok(str s) { return str_eqc(s, ".") || segments_ok(s, '.', 0); }
static bool partial_name_ok(str s) { return segments_ok(s, '/', '.'); }

static void tmpl_clear(tmpl *t)
{
    free(t->name);
    free(t->src);
    free(t->names);
    free(t->ops);
}

static int find_template(const tmpl_set *set, const char *name)
{
    for (size_t k = 0; k < set->n; k++)
        if (strcmp(set->t[k].name, name) == 0) return (int)k;
    return -1;
}

/* ---- compiling ---- */

static int fail(compiler *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(compiler *c, int line, const char *fmt, ...)
{
    if (!c->err || !c->errlen) return -1;
    int n = snprintf(c->err, c->errlen, "%s:%d: ", c->name, line);
    if (n >= 0 && (size_t)n < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static op *new_op(compiler *c, op_kind kind, int line)
{
    tmpl *t = c->t;
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->ops = xrealloc(t->ops, t->cap * sizeof *t->ops);
    }
    op *o = &t->ops[t->n++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->line = line;
    o->partial = -1;
    return o;
}

/* Move to src[to], counting the lines passed. */
static void advance(compiler *c, size_t to)
{
    const char *p = c->t->src + c->pos, *end = c->t->src + to;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        c->line++;
        p++;
    }
    c->pos = to;
}

/* Copy `s` into the names pool; every name in the source is followed by at
 * least one byte of its tag, so the pool (as long as the source) fits all. */
static char *keep_name(compiler *c, str s)
{
    char *p = c->t->names + c->t->names_len;
    memcpy(p, s.ptr, s.len);
    p[s.len] = '\0';
    c->t->names_len += s.len + 1;
    return p;
}

/* Fill in the name of `o`: "a.b.c" becomes first "a", rest "b.c". */
static void set_name(compiler *c, op *o, str s)
{
    if (str_eqc(s, ".")) return;             /* first == NULL: the top */
    char *p = keep_name(c, s);
    char *dot = memchr(p, '.', s.len);
    o->first = p;
    if (dot) {
        *dot = '\0';
        o->rest = dot + 1;
        o->rest_len = s.len - (size_t)(dot + 1 - p);
    }
}

static bool op_name_is(const op *o, str s)
{
    if (!o->first) return str_eqc(s, ".");
    size_t f = strlen(o->first);
    if (s.len < f || memcmp(s.ptr, o->first, f) != 0) return false;
    if (!o->rest_len) return s.len == f;
    return s.len == f + 1 + o->rest_len && s.ptr[f] == '.' &&
           memcmp(s.ptr + f + 1, o->rest, o->rest_len) == 0;
}

static int add_name_op(compiler *c, op_kind kind, str name, int line)
{
    if (!name.len) return fail(c, line, "empty tag name");
    if (!tag_name_ok(name))
        return fail(c, line, "bad tag name \"%.*s\"", (int)name.len, name.ptr);
    set_name(c, new_op(c, kind, line), name);
    return 0;
}

static int open_section(compiler *c, op_kind kind, str name, int line)
{
    if (c->nopen == MAX_NEST)
        return fail(c, line, "sections nested more than %d deep", MAX_NEST);
    if (add_name_op(c, kind, name, line) < 0) return -1;
    c->open[c->nopen++] = c->t->n - 1;
    return 0;
}

static int close_section(compiler *c, str name, int line)
{
    if (!name.len) return fail(c, line, "empty tag name");
    if (!c->nopen)
        return fail(c, line, "{{/%.*s}} closes no section", (int)name.len, name.ptr);
    op *o = &c->t->ops[c->open[c->nopen - 1]];
    if (!op_name_is(o, name))
        return fail(c, line, "{{/%.*s}} does not match {{%c%s%s%.*s}} on line %d",
                    (int)name.len, name.ptr, o->kind == OP_SECTION ? '#' : '^',
                    o->first ? o->first : ".", o->rest_len ? "." : "",
                    (int)o->rest_len, o->rest ? o->rest : "", o->line);
    c->nopen--;
    size_t end = c->t->n;
    new_op(c, OP_END, line);
    c->t->ops[c->open[c->nopen]].end = end;
    return 0;
}

static int add_partial(compiler *c, str name, int line)
{
    if (!name.len) return fail(c, line, "empty partial name");
    if (!partial_name_ok(name))
        return fail(c, line, "bad partial name \"%.*s\"", (int)name.len, name.ptr);
    new_op(c, OP_PARTIAL, line)->first = keep_name(c, name);
    return 0;
}

/* One {{…}} tag whose inside (between the braces) is `body`. */
static int compile_tag(compiler *c, str body, int line)
{
    body = trim(body);
    if (!body.len) return fail(c, line, "empty tag name");
    char sigil = body.ptr[0];
    str rest = trim((str){ body.ptr + 1, body.len - 1 });
    switch (sigil) {
    case '!': return 0;
    case '#': return open_section(c, OP_SECTION, rest, line);
    case '^': return open_section(c, OP_INVERTED, rest, line);
    case '/': return close_section(c, rest, line);
    case '>': return add_partial(c, rest, line);
    case '&': return add_name_op(c, OP_RAW, rest, line);
    case '=': return fail(c, line, "changing delimiters is not supported");
    default: return add_name_op(c, OP_VAR, body, line);
    }
}

/* The tag starting at src[pos] ("{{"): find its end, then compile it. */
static int compile_next_tag(compiler *c)
{
    const char *src = c->t->src;
    size_t inner = c->pos + 2;
    bool triple = inner < c->len && src[inner] == '{';
    const char *closer = triple ? "}}}" : "}}";
    size_t clen = triple ? 3 : 2;
    inner += triple;
    const char *close = memmem(src + inner, c->len - inner, closer, clen);
    int line = c->line;
    if (!close) return fail(c, line, "unclosed tag");
    str body = { src + inner, (size_t)(close - (src + inner)) };
    advance(c, (size_t)(close - src) + clen);
    if (!triple) return compile_tag(c, body, line);
    return add_name_op(c, OP_RAW, trim(body), line);
}

static int compile(compiler *c)
{
    const char *src = c->t->src;
    while (c->pos < c->len) {
        const char *open = memmem(src + c->pos, c->len - c->pos, "{{", 2);
        size_t at = open ? (size_t)(open - src) : c->len;
        if (at > c->pos) {
            op *o = new_op(c, OP_TEXT, c->line);
            o->text = src + c->pos;
            o->len = at - c->pos;
        }
        advance(c, at);
        if (open && compile_next_tag(c) < 0) return -1;
    }
    if (c->nopen) {
        const op *o = &c->t->ops[c->open[c->nopen - 1]];
        return fail(c, o->line, "unclosed section {{%c%s%s%.*s}}",
                    o->kind == OP_SECTION ? '#' : '^', o->first ? o->first : ".",
                    o->rest_len ? "." : "", (int)o->rest_len, o->rest ? o->rest : "");
    }
    return 0;
}

/* Point partial ops at templates: the new template's at those that exist,
 * and every earlier template's that named it at the new one. */
static void resolve_partials(tmpl_set *set, int added)
{
    for (size_t k = 0; k < set->n; k++) {
        tmpl *t = &set->t[k];
        for (size_t i = 0; i < t->n; i++) {
            op *o = &t->ops[i];
            if (o->kind != OP_PARTIAL || o->partial >= 0) continue;
            if ((int)k == added)
                o->partial = find_template(set, o->first);
            else if (strcmp(o->first, set->t[added].name) == 0)
                o->partial = added;
        }
    }
}

tmpl_set *tmpl_set_new(void)
{
    tmpl_set *set = xrealloc(NULL, sizeof *set);
    set->t = NULL;
    set->n = set->cap = 0;
    return set;
}

void tmpl_set_free(tmpl_set *set)
{
    if (!set) return;
    for (size_t k = 0; k < set->n; k++) tmpl_clear(&set->t[k]);
    free(set->t);
    free(set);
}

int tmpl_set_add(tmpl_set *set, const char *name, const char *src, size_t len,
                 char *err, size_t errlen)
{
    if (!name || !partial_name_ok(str_c(name))) {
        set_err(err, errlen, "%s: bad template name", name ? name : "(null)");
        return -1;
    }
    if (find_template(set, name) >= 0) {
        set_err(err, errlen, "%s: template already defined", name);
        return -1;
    }
    tmpl t = { .name = xstrdup(name), .src = xrealloc(NULL, len + 1),
               .names = xrealloc(NULL, len + 1) };
    if (len) memcpy(t.src, src, len);
    t.src[len] = '\0';
    compiler c = { .t = &t, .name = name, .len = len, .line = 1,
                   .err = err, .errlen = errlen };
    if (compile(&c) < 0) {
        tmpl_clear(&t);
        return -1;
    }
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        set->t = xrealloc(set->t, set->cap * sizeof *set->t);
    }
    set->t[set->n++] = t;
    resolve_partials(set, (int)set->n - 1);
    return 0;
}

int tmpl_set_check(const tmpl_set *set, char *err, size_t errlen)
{
    for (size_t k = 0; k < set->n; k++) {
        const tmpl *t = &set->t[k];
        for (size_t i = 0; i < t->n; i++) {
            const op *o = &t->ops[i];
            if (o->kind == OP_PARTIAL && o->partial < 0) {
                set_err(err, errlen, "%s:%d: no template \"%s\" for partial",
                        t->name, o->line, o->first);
                return -1;
            }
        }
    }
    return 0;
}

/* ---- rendering ---- */

typedef struct {
    const tmpl_set *set;
    buf *out;
    size_t depth;            /* entries in stack */
    int partials;            /* partials being rendered */
    long budget;             /* steps left */
    size_t limit;            /* out may not grow past this */
    const view *stack[STACK_MAX];
} render;

static int render_ops(render *r, const tmpl *t, size_t from, size_t to);

static const view *lookup(const render *r, const op *o)
{
    if (!o->first) return r->stack[r->depth - 1];
    const view *v = NULL;
    for (size_t d = r->depth; d-- > 0;)
        if ((v = view_get(r->stack[d], o->first))) break;
    if (v && o->rest_len) v = view_path(v, o->rest, o->rest_len);
    return v;
}

static void put_int(buf *out, long long i)
{
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0) *--p = '-';
    buf_append(out, p, (size_t)(tmp + sizeof tmp - p));
}

static void put_value(buf *out, const view *v, bool raw)
{
    if (!v) return;
    switch (v->type) {
    case VIEW_BOOL: if (v->b) buf_append(out, "true", 4); break;
    case VIEW_INT: put_int(out, v->i); break;
    case VIEW_STR: escape_html(out, v->s, v->len); break;
    case VIEW_HTML:
        if (raw) buf_append(out, v->s, v->len);
        else escape_html(out, v->s, v->len);
        break;
    default: break;         /* null, lists and objects print nothing */
    }
}

/* Render the body of section op `i` once with `top` pushed. */
static int render_with(render *r, const tmpl *t, size_t i, const view *top)
{
    if (r->depth == STACK_MAX || --r->budget < 0) return -1;
    r->stack[r->depth++] = top;
    int rc = render_ops(r, t, i + 1, t->ops[i].end);
    r->depth--;
    return rc;
}

static int render_section(render *r, const tmpl *t, size_t i)
{
    const view *v = lookup(r, &t->ops[i]);
    if (!view_truthy(v)) return 0;
    if (v->type != VIEW_LIST) return render_with(r, t, i, v);
    for (size_t k = 0; k < v->n; k++)
        if (render_with(r, t, i, v->items[k]) < 0) return -1;
    return 0;
}

static int render_partial(render *r, const op *o)
{
    if (o->partial < 0 || r->partials == MAX_PARTIAL) return 0;
    const tmpl *t = &r->set->t[o->partial];
    r->partials++;
    int rc = render_ops(r, t, 0, t->n);
    r->partials--;
    return rc;
}

static int render_ops(render *r, const tmpl *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        const op *o = &t->ops[i];
        if (--r->budget < 0 || r->out->len > r->limit) return -1;
        switch (o->kind) {
        case OP_TEXT: buf_append(r->out, o->text, o->len); break;
        case OP_VAR: put_value(r->out, lookup(r, o), false); break;
        case OP_RAW: put_value(r->out, lookup(r, o), true); break;
        case OP_SECTION:
            if (render_section(r, t, i) < 0) return -1;
            i = o->end;
            break;
        case OP_INVERTED:
            if (!view_truthy(lookup(r, o)) && render_ops(r, t, i + 1, o->end) < 0)
                return -1;
            i = o->end;
            break;
        case OP_PARTIAL:
            if (render_partial(r, o) < 0) return -1;
            break;
        case OP_END: break;
        }
    }
    return 0;
}

int tmpl_render(const tmpl_set *set, const char *name, const view *root, buf *out)
{
    int k = find_template(set, name);
    if (k < 0) return -1;
    render r;
    r.set = set;
    r.out = out;
    r.depth = 1;
    r.partials = 0;
    r.budget = TMPL_RENDER_BUDGET;
    r.limit = out->len + MAX_OUTPUT;
    r.stack[0] = root;
    return render_ops(&r, &set->t[k], 0, set->t[k].n);
}
