/* stem.c — Snowball stemming with our wrappers; see stem.h.
 *
 * Faults of Snowball's Arabic stemmer that the wrappers correct:
 *   - words starting وال/فال stay unstemmed: the conjunction is stripped
 *     first when ال follows and at least 3 letters remain (والأزمة);
 *   - indefinite plurals in ـات are stemmed as verbs (مفاوضات → مفاوضا):
 *     they are stemmed with ال in front, which makes the stemmer read them
 *     as nouns (المفاوضات → مفاوض);
 *   - a leading و or ف is always taken for a conjunction (وزارة → زار,
 *     فلسطين → لسط), and a word after it is stemmed harder than alone
 *     (ولبنان → لبن, لبنان → لبنان): such words are also indexed with the
 *     noun reading (وزار), as written (فلسطين) and as the rest would be
 *     alone (لبنان), at the same position.
 * At query time a word starting و/ف or ending ه also tries its noun
 * reading (اتجاه → اتجاه as in الاتجاه), a word without the article
 * itself unstemmed (فلسطين finds الفلسطينية), a definite word its bare
 * form, and a final ه its ة (readers type الازمه for الأزمة). Every
 * alternative costs search time, so there are no more than these. */
#include "text/stem.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Index-time results are cached: news text is Zipfian, so most words
 * were seen a moment ago. Direct-mapped (a collision replaces), allocated
 * on first use, for short words only. */
#define CACHE_SLOTS 16384
#define CACHE_KEY 40
#define CACHE_TERMS 104

typedef struct {
    unsigned char klen, cls, n, tlen[STEM_MAX_TERMS];
    char key[CACHE_KEY];
    char terms[CACHE_TERMS];
} cache_entry;

struct stemmer {
    struct sb_stemmer *ar, *en;
    cache_entry *cache;
};

#define AL "\xd8\xa7\xd9\x84"       /* ال */
#define WAW "\xd9\x88"              /* و */
#define FA "\xd9\x81"               /* ف */
#define ALEF_TA "\xd8\xa7\xd8\xaa"  /* ات */
#define HA "\xd9\x87"               /* ه */
#define TA_MARBUTA "\xd8\xa9"       /* ة */

stemmer *stemmer_new(void)
{
    stemmer *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->ar = sb_stemmer_new("arabic", "UTF_8");
    st->en = sb_stemmer_new("english", "UTF_8");
    if (!st->ar || !st->en) {
        stemmer_free(st);
        return NULL;
    }
    return st;
}

void stemmer_free(stemmer *st)
{
    if (!st) return;
    if (st->ar) sb_stemmer_delete(st->ar);
    if (st->en) sb_stemmer_delete(st->en);
    free(st->cache);
    free(st);
}

static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;
static _Thread_local stemmer *thread_stemmer;

static void thread_stemmer_free(void *p)
{
    stemmer_free(p);
}

static void thread_key_make(void)
{
    pthread_key_create(&thread_key, thread_stemmer_free);
}

stemmer *stemmer_of_thread(void)
{
    if (!thread_stemmer) {
        pthread_once(&thread_once, thread_key_make);
        thread_stemmer = stemmer_new();
        if (thread_stemmer) pthread_setspecific(thread_key, thread_stemmer);
    }
    return thread_stemmer;
}

static size_t letters(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static bool starts(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s, p, n) == 0;
}

static bool ends(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(s + len - n, p, n) == 0;
}

/* Run a Snowball stemmer on (prefix + w) into t; the word itself when the
 * stemmer fails or leaves nothing. */
static void snowball(struct sb_stemmer *sb, const char *prefix, const char *w, size_t len,
                     stem_term *t)
{
    char in[STEM_TERM_MAX + 1];
    size_t p = strlen(prefix);
    if (p + len > STEM_TERM_MAX) len = STEM_TERM_MAX - p;
    memcpy(in, prefix, p);
    memcpy(in + p, w, len);
    const sb_symbol *out = sb_stemmer_stem(sb, (const sb_symbol *)in, (int)(p + len));
    int n = out ? sb_stemmer_length(sb) : 0;
    if (n <= 0 || n > STEM_TERM_MAX) {
        out = (const sb_symbol *)in;
        n = (int)(p + len);
    }
    memcpy(t->s, out, (size_t)n);
    t->s[n] = '\0';
    t->len = (size_t)n;
    arabic_fold_ta_marbuta(t->s, t->len);
}

/* The word unstemmed (ة folded like a stem's). */
static void as_is(const char *w, size_t len, stem_term *t)
{
    if (len > STEM_TERM_MAX) len = STEM_TERM_MAX;
    memcpy(t->s, w, len);
    t->s[len] = '\0';
    t->len = len;
    arabic_fold_ta_marbuta(t->s, t->len);
}

/* وال…/فال… with ≥ 3 letters after ال: drop the conjunction. */
static void strip_conjunction(const char **w, size_t *len)
{
    if ((starts(*w, *len, WAW AL) || starts(*w, *len, FA AL)) && letters(*w, *len) >= 6) {
        *w += 2;
        *len -= 2;
    }
}

/* The stem of an Arabic word (ى already folded, conjunction stripped). */
static void arabic_stem(stemmer *st, const char *w, size_t len, stem_term *t)
{
    bool plural = ends(w, len, ALEF_TA) && !starts(w, len, AL) && letters(w, len) >= 5;
    snowball(st->ar, plural ? AL : "", w, len, t);
}

/* Append t to terms unless it is already there. */
static void add(stem_term *terms, size_t *n, const stem_term *t)
{
    for (size_t i = 0; i < *n; i++)
        if (terms[i].len == t->len && memcmp(terms[i].s, t->s, t->len) == 0) return;
    if (*n < STEM_MAX_TERMS) terms[(*n)++] = *t;
}

/* Copy the key with ى folded into buf; returns the length. */
static size_t prepare(const char *key, size_t len, char *buf)
{
    if (len > ARABIC_KEY_MAX) len = ARABIC_KEY_MAX;
    memcpy(buf, key, len);
    buf[len] = '\0';
    arabic_fold_maqsura(buf, len);
    return len;
}

static size_t other_terms(stemmer *st, const char *key, size_t len, char_class cls,
                          stem_term *terms)
{
    if (cls == CH_LATIN) {
        snowball(st->en, "", key, len, &terms[0]);
    } else {
        if (len > STEM_TERM_MAX) len = STEM_TERM_MAX;
        memcpy(terms[0].s, key, len);
        terms[0].s[len] = '\0';
        terms[0].len = len;
    }
    return 1;
}

static cache_entry *cache_slot(stemmer *st, const char *key, size_t len, char_class cls)
{
    if (len > CACHE_KEY) return NULL;
    if (!st->cache && !(st->cache = calloc(CACHE_SLOTS, sizeof *st->cache))) return NULL;
    uint32_t h = 2166136261u ^ (uint32_t)cls;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)key[i]) * 16777619u;
    return &st->cache[h & (CACHE_SLOTS - 1)];
}

static size_t cache_get(const cache_entry *e, const char *key, size_t len, char_class cls,
                        stem_term *terms)
{
    if (!e || !e->n || e->klen != len || e->cls != cls || memcmp(e->key, key, len) != 0)
        return 0;
    const char *p = e->terms;
    for (size_t i = 0; i < e->n; p += e->tlen[i++]) {
        memcpy(terms[i].s, p, e->tlen[i]);
        terms[i].s[e->tlen[i]] = '\0';
        terms[i].len = e->tlen[i];
    }
    return e->n;
}

static void cache_put(cache_entry *e, const char *key, size_t len, char_class cls,
                      const stem_term *terms, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += terms[i].len;
    if (!e || total > CACHE_TERMS) return;
    e->n = 0;
    char *p = e->terms;
    for (size_t i = 0; i < n; i++) {
        memcpy(p, terms[i].s, terms[i].len);
        p += terms[i].len;
        e->tlen[i] = (unsigned char)terms[i].len;
    }
    memcpy(e->key, key, len);
    e->klen = (unsigned char)len;
    e->cls = (unsigned char)cls;
    e->n = (unsigned char)n;
}

static size_t index_terms(stemmer *st, const char *key, size_t len, char_class cls,
                          stem_term *terms);

size_t stem_index(stemmer *st, const char *key, size_t len, char_class cls,
                  stem_term *terms)
{
    cache_entry *e = cache_slot(st, key, len, cls);
    size_t n = cache_get(e, key, len, cls, terms);
    if (n) return n;
    n = index_terms(st, key, len, cls, terms);
    cache_put(e, key, len, cls, terms, n);
    return n;
}

static size_t index_terms(stemmer *st, const char *key, size_t len, char_class cls,
                          stem_term *terms)
{
    if (cls != CH_ARABIC) return other_terms(st, key, len, cls, terms);
    char buf[ARABIC_KEY_MAX + 1];
    const char *w = buf;
    len = prepare(key, len, buf);
    strip_conjunction(&w, &len);
    size_t n = 0;
    stem_term t;
    arabic_stem(st, w, len, &t);
    add(terms, &n, &t);
    if ((starts(w, len, WAW) || starts(w, len, FA)) && !ends(w, len, ALEF_TA) &&
        letters(w, len) >= 4) {
        snowball(st->ar, AL, w, len, &t);               /* وزارة → وزار */
        add(terms, &n, &t);
        as_is(w, len, &t);                              /* فلسطين as in الفلسطينية */
        add(terms, &n, &t);
        arabic_stem(st, w + 2, len - 2, &t);            /* ولبنان as لبنان alone */
        add(terms, &n, &t);
    }
    return n;
}

size_t stem_query(stemmer *st, const char *key, size_t len, char_class cls,
                  stem_term *terms)
{
    if (cls != CH_ARABIC) return other_terms(st, key, len, cls, terms);
    char buf[ARABIC_KEY_MAX + 1];
    const char *w = buf;
    len = prepare(key, len, buf);
    strip_conjunction(&w, &len);
    size_t n = 0, nl = letters(w, len);
    stem_term t;
    arabic_stem(st, w, len, &t);
    add(terms, &n, &t);
    if (ends(w, len, HA) && nl >= 3) {                  /* الازمه → الازمة */
        char alt[ARABIC_KEY_MAX + 1];
        memcpy(alt, w, len - 2);
        memcpy(alt + len - 2, TA_MARBUTA, 2);
        arabic_stem(st, alt, len, &t);
        add(terms, &n, &t);
    }
    bool definite = starts(w, len, AL) || starts(w, len, "\xd8\xa8" AL) ||
                    starts(w, len, "\xd9\x83" AL) || starts(w, len, "\xd9\x84\xd9\x84");
    /* Each alternative slows the search (FTS5 merges their lists), so only
     * where the stemmer is known to misread: a leading و/ف, a final ه. */
    if (!definite && !ends(w, len, ALEF_TA) && nl >= 3 &&
        (starts(w, len, WAW) || starts(w, len, FA) || ends(w, len, HA))) {
        snowball(st->ar, AL, w, len, &t);               /* the noun reading */
        add(terms, &n, &t);
    }
    if (!definite && nl >= 3) {                         /* the word itself */
        as_is(w, len, &t);
        add(terms, &n, &t);
    }
    if (starts(w, len, AL) && nl >= 5 && !starts(w + 4, len - 4, WAW) &&
        !starts(w + 4, len - 4, FA)) {
        arabic_stem(st, w + 4, len - 4, &t);            /* the bare form */
        add(terms, &n, &t);
    }
    return n;
}
