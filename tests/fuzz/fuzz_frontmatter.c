/* fuzz_frontmatter.c — libFuzzer target for ingest/frontmatter.
 *
 * Any input must either fail with a line number and a message, or parse into
 * fields whose strings are valid UTF-8 and which read back the same when
 * written out again as double-quoted YAML and parsed a second time. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "ingest/frontmatter.h"

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_frontmatter: %s\n", what);
        abort();
    }
}

static int utf8_valid(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (len == 0 || n - i < len) return 0;
        unsigned long v = len == 1 ? c : c & (0x3F >> (len - 1));
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            v = v << 6 | (s[i + k] & 0x3F);
        }
        if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) ||
            (len == 4 && v < 0x10000) || v > 0x10FFFF ||
            (v >= 0xD800 && v <= 0xDFFF)) return 0;
        i += len;
    }
    return 1;
}

/* Write s as a double-quoted YAML scalar. */
static void put_quoted(buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') buf_printf(b, "\\%c", c);
        else if (c < 0x20 || c == 0x7F) buf_printf(b, "\\u%04x", c);
        else buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

static void check_string(const char *s)
{
    check(s != NULL, "NULL string");
    check(utf8_valid((const unsigned char *)s, strlen(s)), "invalid UTF-8 out");
}

/* Write fm back as front matter (every value double-quoted). */
static void write_back(buf *b, const frontmatter *fm)
{
    buf_puts(b, "---\n");
    for (size_t i = 0; i < fm->n_fields; i++) {
        const fm_field *f = &fm->fields[i];
        buf_printf(b, "%s: ", f->key);
        if (!f->is_list) {
            put_quoted(b, f->value);
        } else {
            buf_putc(b, '[');
            for (size_t k = 0; k < f->n_items; k++) {
                if (k) buf_puts(b, ", ");
                put_quoted(b, f->items[k]);
            }
            buf_putc(b, ']');
        }
        buf_putc(b, '\n');
    }
    buf_puts(b, "---\n");
}

static void same(const frontmatter *x, const frontmatter *y)
{
    check(x->n_fields == y->n_fields, "round trip: field count");
    for (size_t i = 0; i < x->n_fields; i++) {
        const fm_field *f = &x->fields[i], *g = &y->fields[i];
        check(strcmp(f->key, g->key) == 0, "round trip: key");
        check(f->is_list == g->is_list, "round trip: is_list");
        check(strcmp(f->value, g->value) == 0, "round trip: value");
        check(f->n_items == g->n_items, "round trip: item count");
        for (size_t k = 0; k < f->n_items; k++)
            check(strcmp(f->items[k], g->items[k]) == 0, "round trip: item");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(0);
    frontmatter fm;
    int line = 0;
    char err[96] = "";
    const char *src = (const char *)data;
    if (frontmatter_parse(a, src, size, &fm, &line, err, sizeof err) != 0) {
        size_t lines = 1;
        for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
        check(line >= 1 && (size_t)line <= lines, "error line out of range");
        check(err[0] != '\0', "empty error message");
        check(fm.n_fields == 0 && fm.body == NULL, "fm not cleared on error");
        arena_free(a);
        return 0;
    }
    check(fm.body_len <= size, "body too long");
    check(memcmp(fm.body, src + size - fm.body_len, fm.body_len) == 0,
          "body is not the tail of the input");
    check(fm.body[fm.body_len] == '\0', "body not terminated");
    for (size_t i = 0; i < fm.n_fields; i++) {
        const fm_field *f = &fm.fields[i];
        check(f->key[0] != '\0', "empty key");
        check(frontmatter_get(&fm, f->key) == f, "duplicate key accepted");
        check(f->line >= 2 && f->line < fm.body_line, "field line");
        check_string(f->value);
        check(f->is_list || f->n_items == 0, "items on a scalar");
        for (size_t k = 0; k < f->n_items; k++) check_string(f->items[k]);
    }
    buf b;
    buf_init(&b, a);
    write_back(&b, &fm);
    frontmatter again;
    if (frontmatter_parse(a, b.data, b.len, &again, &line, err, sizeof err)) {
        fprintf(stderr, "re-parse failed at line %d: %s\n%s", line, err, b.data);
        abort();
    }
    same(&fm, &again);
    arena_free(a);
    return 0;
}
