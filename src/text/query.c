/* query.c — parsing the reader's query and building the FTS5 query; see
 * query.h. */
#include "text/query.h"

#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "text/tokenize.h"

/* A copy of q cut to QUERY_MAX_BYTES at a character, with invalid UTF-8,
 * NUL and control characters turned into spaces. */
static char *clean(arena *a, const char *q, size_t len, size_t *out_len)
{
    if (len > QUERY_MAX_BYTES) len = QUERY_MAX_BYTES;
    char *c = arena_alloc(a, len + 1);
    size_t i = 0, o = 0;
    while (i < len) {
        size_t bad = 1, n = utf8_seq((const unsigned char *)q + i, len - i, &bad);
        if (n == 0 || (n == 1 && ((unsigned char)q[i] < 0x20 || q[i] == 0x7F))) {
            c[o++] = ' ';
            i += n ? n : bad;
            continue;
        }
        memcpy(c + o, q + i, n);
        o += n;
        i += n;
    }
    c[o] = '\0';
    *out_len = o;
    return c;
}

/* Spaces between terms: ASCII spaces (controls are spaces by now), NBSP
 * and the other Unicode spaces; *n gets the character's length. */
static bool space_at(const char *q, size_t len, size_t i, size_t *n)
{
    long cp;
    *n = utf8_decode((const unsigned char *)q + i, len - i, &cp);
    if (!*n) {
        *n = 1;
        return true;
    }
    return cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

/* Leading clitics of a normalised key, longest first: ال and what joins it. */
static const char *const clitics[] = {
    "\xd9\x88\xd8\xa7\xd9\x84", "\xd9\x81\xd8\xa7\xd9\x84",    /* وال فال */
    "\xd8\xa8\xd8\xa7\xd9\x84", "\xd9\x83\xd8\xa7\xd9\x84",    /* بال كال */
    "\xd8\xa7\xd9\x84", "\xd9\x84\xd9\x84",                        /* ال لل */
};

/* True when text is one word with at least PREFIX_MIN letters after a
 * leading ال (وال, بال…): a usable prefix. A shorter one (ال*, الم*) would
 * make FTS5 merge the lists of a large part of the vocabulary — seconds
 * of work for one request — and says little; it is searched as a word. */
#define PREFIX_MIN 3
static bool usable_prefix(const char *text, size_t len)
{
    size_t pos = 0;
    token_word w, more;
    char key[ARABIC_KEY_MAX + 1];
    if (!tokenize_next(text, len, &pos, &w) || tokenize_next(text, len, &pos, &more))
        return false;
    size_t n = analyse_word_key(text, &w, key, true), skip = 0, letters = 0;
    for (size_t i = 0; i < sizeof clitics / sizeof *clitics && !skip; i++) {
        size_t c = strlen(clitics[i]);
        if (n >= c && memcmp(key, clitics[i], c) == 0) skip = c;
    }
    for (size_t i = skip; i < n; i++) letters += ((unsigned char)key[i] & 0xC0) != 0x80;
    return letters >= PREFIX_MIN;
}

/* At most this many prefixes in a query (each costs a merge; further ones
 * are searched as words). */
#define QUERY_MAX_PREFIXES 2

static size_t count_prefixes(const query *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->n; i++) n += q->terms[i].prefix;
    return n;
}

/* True when q has this term already (a word typed twice adds only work). */
static bool has_twin(const query *q, const char *text, size_t len, bool phrase, bool prefix,
                     bool exclude)
{
    for (size_t i = 0; i < q->n; i++) {
        const query_term *t = &q->terms[i];
        if (t->len == len && memcmp(t->text, text, len) == 0 && t->phrase == phrase &&
            t->prefix == prefix && t->exclude == exclude)
            return true;
    }
    return false;
}

static void add_term(arena *a, query *out, const char *text, size_t len, bool phrase,
                     bool prefix, bool exclude)
{
    if (prefix && (phrase || !usable_prefix(text, len) ||
                   count_prefixes(out) >= QUERY_MAX_PREFIXES))
        prefix = false;
    if (has_twin(out, text, len, phrase, prefix, exclude)) return;
    if (!prefix && analyse_count_words(text, len, 1) == 0) {
        out->n_dropped++;
        return;
    }
    query_term *t = &out->terms[out->n++];
    t->text = arena_strndup(a, text, len);
    t->len = len;
    t->phrase = phrase;
    t->prefix = prefix;
    t->exclude = exclude;
    if (!exclude) out->n_positive++;
}

/* Split the cleaned query into terms. */
static void split(arena *a, const char *q, size_t len, query *out)
{
    size_t i = 0, n;
    while (i < len && out->n + out->n_dropped < QUERY_MAX_TERMS) {
        while (i < len && space_at(q, len, i, &n)) i += n;
        if (i >= len) break;
        bool exclude = false, phrase = false, prefix = false;
        if (q[i] == '-') {
            exclude = true;
            if (++i >= len || space_at(q, len, i, &n)) continue;
        }
        size_t start, end;
        if (q[i] == '"') {
            phrase = true;
            start = ++i;
            while (i < len && q[i] != '"') i++;
            end = i;
            if (i < len) i++;
        } else {
            start = i;
            while (i < len && q[i] != '"' && !space_at(q, len, i, &n)) i += n;
            end = i;
            while (end > start && q[end - 1] == '*') {
                end--;
                prefix = true;
            }
        }
        if (end > start) add_term(a, out, q + start, end - start, phrase, prefix, exclude);
    }
}

/* An FTS5 string: "text" with any quote doubled. */
static void put_string(buf *b, const query_term *t)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < t->len; i++) {
        if (t->text[i] == '"') buf_putc(b, '"');
        buf_putc(b, t->text[i]);
    }
    buf_putc(b, '"');
    if (t->prefix) buf_puts(b, " *");
}

/* Each positive term as an FTS5 query of its own; NULL for a prefix. */
static const char **build_positive(arena *a, const query *q)
{
    const char **p = arena_alloc(a, (q->n_positive + 1) * sizeof *p);
    for (size_t i = 0, k = 0; i < q->n; i++) {
        if (q->terms[i].exclude) continue;
        if (q->terms[i].prefix) {
            p[k++] = NULL;
            continue;
        }
        buf b;
        buf_init(&b, a);
        put_string(&b, &q->terms[i]);
        p[k++] = b.data;
    }
    return p;
}

static const char *build_match(arena *a, const query *q)
{
    if (!q->n_positive) return NULL;
    buf b;
    buf_init(&b, a);
    size_t k = 0;
    bool excludes = q->n_positive < q->n;
    if (excludes) buf_putc(&b, '(');
    for (size_t i = 0; i < q->n; i++) {
        if (q->terms[i].exclude) continue;
        if (k++) buf_puts(&b, " AND ");
        put_string(&b, &q->terms[i]);
    }
    if (!excludes) return b.data;
    buf_puts(&b, ") NOT (");
    for (size_t i = 0, j = 0; i < q->n; i++) {
        if (!q->terms[i].exclude) continue;
        if (j++) buf_puts(&b, " OR ");
        put_string(&b, &q->terms[i]);
    }
    buf_putc(&b, ')');
    return b.data;
}

void query_parse(arena *a, const char *q, size_t len, query *out)
{
    memset(out, 0, sizeof *out);
    out->terms = arena_alloc(a, QUERY_MAX_TERMS * sizeof *out->terms);
    if (!q) return;
    size_t n;
    char *c = clean(a, q, len, &n);
    split(a, c, n, out);
    out->match = build_match(a, out);
    out->positive = build_positive(a, out);
}
