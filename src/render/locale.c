/* locale.c — interface strings from an INI file; see locale.h.
 *
 * inih does the parsing. Its handler is not told line numbers, so we feed it
 * through our own line reader, which counts lines and checks each one
 * (UTF-8, NUL bytes, length, sections, indentation) before inih sees it; the
 * handler checks keys and values. The first problem stops the parse. */
#include "render/locale.h"

#include <ini.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

#define LOCALE_MAX_LINE 4096

typedef struct {
    arena *a;
    view *obj;
    const char *p, *end;     /* text not yet handed to inih */
    int line;                /* number of the line last handed to inih */
    int bad_line;            /* where the first problem was found, 0 if none */
    char msg[200];
} parse_state;

static int problem(parse_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Record the first problem (at the current line); returns 0 for inih. */
static int problem(parse_state *st, const char *fmt, ...)
{
    if (st->bad_line) return 0;
    st->bad_line = st->line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof st->msg, fmt, ap);
    va_end(ap);
    return 0;
}

/* Check one raw line (with its newline) before inih parses it. */
static bool line_ok(parse_state *st, const char *s, size_t n)
{
    if (memchr(s, '\0', n)) return problem(st, "NUL byte");
    if (!utf8_valid(s, n)) return problem(st, "invalid UTF-8");
    if (st->line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;                               /* a byte order mark */
        n -= 3;
    }
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    bool blank = i == n || s[i] == '\n' || s[i] == '\r';
    if (blank || s[i] == ';' || s[i] == '#') return true;
    if (i > 0) return problem(st, "indented line (continuation lines are not supported)");
    if (s[i] == '[') return problem(st, "sections are not supported");
    return true;
}

/* inih's fgets-like reader over our text. */
static char *read_line(char *line, int num, void *stream)
{
    parse_state *st = stream;
    if (st->bad_line || st->p >= st->end) return NULL;
    const char *nl = memchr(st->p, '\n', (size_t)(st->end - st->p));
    size_t n = nl ? (size_t)(nl - st->p) + 1 : (size_t)(st->end - st->p);
    st->line++;
    if (num < 2 || n > (size_t)num - 1) {
        problem(st, "line too long (the limit is %d bytes)", num - 1);
        return NULL;
    }
    if (!line_ok(st, st->p, n)) return NULL;
    memcpy(line, st->p, n);
    line[n] = '\0';
    st->p += n;
    return line;
}

static bool key_ok(const char *k)
{
    if (!*k) return false;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '_'))
            return false;
    return true;
}

static int on_pair(void *user, const char *section, const char *name, const char *value)
{
    parse_state *st = user;
    if (!value) return problem(st, "expected key = value");
    if (!key_ok(name)) return problem(st, "bad key \"%s\" (use a-z, 0-9 and _)", name);
    if (view_get(st->obj, name)) return problem(st, "duplicate key \"%s\"", name);
    if (strcmp(name, "dir") == 0 && strcmp(value, "rtl") != 0 && strcmp(value, "ltr") != 0)
        return problem(st, "dir must be rtl or ltr");
    view_set(st->a, st->obj, arena_strdup(st->a, name),
             view_str(st->a, arena_strdup(st->a, value)));
    return 1;
}

static void set_err(char *err, size_t errlen, int line, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "line %d: %s", line, msg);
}

view *locale_parse(arena *a, const char *text, size_t len, char *err, size_t errlen)
{
    parse_state st = { .a = a, .obj = view_obj(a), .p = text ? text : "",
                       .end = (text ? text : "") + (text ? len : 0) };
    /* inih's default 200-byte line would split long Arabic strings in two */
    int saved_max = ini_max_line;
    if (ini_max_line < LOCALE_MAX_LINE) ini_max_line = LOCALE_MAX_LINE;
    int rc = ini_parse_stream(read_line, &st, on_pair, &st);
    ini_max_line = saved_max;
    if (rc > 0 && (!st.bad_line || rc < st.bad_line)) {
        set_err(err, errlen, rc, "expected key = value");
        return NULL;
    }
    if (st.bad_line) {
        set_err(err, errlen, st.bad_line, st.msg);
        return NULL;
    }
    if (rc < 0) {
        set_err(err, errlen, 0, "out of memory");
        return NULL;
    }
    return st.obj;
}

const char *locale_get(const view *strings, const char *key)
{
    const view *v = key ? view_get(strings, key) : NULL;
    if (v && (v->type == VIEW_STR || v->type == VIEW_HTML)) return v->s;
    return key;
}
